//! Responsible-unit lists (责任单位) → lead and other [`Unit`]s with
//! canonical names from a dictionary shipped as data.

use crate::diag::{Diagnostic, Result};
use crate::model::{Unit, Units};

/// Abbreviation → canonical full name, with region templates.
#[derive(Debug, Clone, Default)]
pub struct UnitDict {
    entries: Vec<(String, String)>,
}

impl UnitDict {
    /// The dictionary shipped in `src/normalize/data/units.tsv`.
    pub fn builtin() -> UnitDict {
        UnitDict::default()
    }

    /// Add or override entries from a user file (same format as the
    /// shipped TSV).
    pub fn extend_from_str(&mut self, text: &str) -> Result<()> {
        let _ = text;
        Ok(())
    }

    /// A declaration in the document itself (…，以下简称市环督办).
    pub fn add_alias(&mut self, short: &str, full: &str) {
        self.entries.push((short.to_string(), full.to_string()));
    }
}

/// What a unit list is resolved against.
#[derive(Debug, Clone, Copy)]
pub struct UnitContext<'a> {
    /// The plan's region (湘潭市): expands 市/县 abbreviations.
    pub region: Option<&'a str>,
    pub dict: &'a UnitDict,
    /// Units a document-level default applies to every problem
    /// (以下各项工作均需各县区人民政府落实，不再列出).
    pub defaults: &'a [Unit],
}

/// Split and resolve one 责任单位 text.
pub fn parse_units(text: &str, ctx: &UnitContext, diags: &mut Vec<Diagnostic>) -> Units {
    let _ = (ctx, diags);
    Units {
        text: text.to_string(),
        lead: Vec::new(),
        others: Vec::new(),
    }
}
