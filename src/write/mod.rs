//! Writers: extracted [`Plan`]s → bytes for trackers and clerks.
//!
//! JSON is the contract ([`json`]); JSON Lines streams one problem per line
//! ([`jsonl`]); CSV and XLSX are *ledgers* (台账) in the column layout clerks
//! type by hand ([`csv`], [`xlsx`]), so an exported ledger validates against
//! its own plan with zero findings (`crate::ledger`). The ledger layout
//! lives here, once, so the CSV and XLSX writers cannot drift apart.

mod compact;
pub mod csv;
pub mod json;
pub mod jsonl;
pub mod review;
pub mod text;
pub mod xlsx;

use jiff::civil::Date;

use crate::diag::Result;
use crate::model::{Measure, Person, Plan, Problem, Unit};

/// Output formats of `zhenggai extract --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// One JSON document (an array when there are several plans).
    #[default]
    Json,
    /// One problem per line, with the document's id, title and region.
    Jsonl,
    /// A ledger as CSV: UTF-8 with BOM, CRLF, RFC 4180 quoting.
    Csv,
    /// A ready ledger workbook.
    Xlsx,
}

impl Format {
    /// Parse a format name as the command line spells it.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// What one ledger row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rows {
    /// One row per problem, its measures joined by newlines in one cell.
    #[default]
    Problems,
    /// One row per top-level measure; the problem's columns repeat (CSV) or
    /// are merged vertically (XLSX), as clerks lay them out.
    Measures,
}

/// Everything that changes how plans are written.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// Indent JSON output.
    pub pretty: bool,
    /// Ledger row granularity (CSV and XLSX).
    pub rows: Rows,
}

/// Render `plans` in `format`.
pub fn render(plans: &[Plan], format: Format, opts: &WriteOptions) -> Result<Vec<u8>> {
    match format {
        Format::Json => json::render(plans, opts),
        Format::Jsonl => jsonl::render(plans),
        Format::Csv => Ok(csv::render(plans, opts)),
        Format::Xlsx => xlsx::render(plans, opts),
    }
}

/// The ledger columns, in the order clerks use. Every name is a header the
/// ledger validator recognizes.
pub const LEDGER_COLUMNS: [&str; 12] = [
    "序号",
    "反馈问题",
    "整改目标",
    "整改时限",
    "完成日期",
    "牵头单位",
    "配合单位",
    "牵头领导",
    "责任人",
    "联络人",
    "整改措施",
    "整改进展",
];

/// Index of the 完成日期 column (written as a real date in XLSX).
pub const DUE_COLUMN: usize = 4;
/// Index of the 整改措施 column (the only one that varies per measure row).
pub const MEASURES_COLUMN: usize = 10;

/// One ledger row as text, plus the due date as a value.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerRow {
    /// The problem the row belongs to.
    pub seq: u32,
    /// The plan's stable problem id, for trackers.
    pub id: String,
    /// Cell texts in [`LEDGER_COLUMNS`] order.
    pub cells: [String; 12],
    /// The deadline's latest concrete date (完成日期).
    pub due: Option<Date>,
    /// Position of this row among its problem's rows (0 for the first).
    pub part: usize,
    /// How many rows the problem spans.
    pub parts: usize,
}

/// The ledger rows of one plan.
pub fn ledger_rows(plan: &Plan, rows: Rows) -> Vec<LedgerRow> {
    let mut out = Vec::new();
    for p in &plan.problems {
        let base = problem_cells(p);
        let due = p.deadline.as_ref().and_then(|d| d.due);
        let groups: Vec<String> = match rows {
            Rows::Measures if p.measures.len() > 1 => p
                .measures
                .iter()
                .map(|m| format_measure(m).join("\n"))
                .collect(),
            _ => vec![format_measures(&p.measures)],
        };
        let parts = groups.len();
        for (part, text) in groups.into_iter().enumerate() {
            let mut cells = base.clone();
            if let Some(c) = cells.get_mut(MEASURES_COLUMN) {
                *c = text;
            }
            out.push(LedgerRow {
                seq: p.seq,
                id: p.id.clone(),
                cells,
                due,
                part,
                parts,
            });
        }
    }
    out
}

/// The problem-level cells (measures filled in by the caller).
fn problem_cells(p: &Problem) -> [String; 12] {
    let (lead, others) = match &p.units {
        Some(u) => (units_text(&u.lead), units_text(&u.others)),
        None => (String::new(), String::new()),
    };
    [
        p.seq.to_string(),
        clean_text(&p.description),
        p.target.as_deref().map(clean_text).unwrap_or_default(),
        p.deadline
            .as_ref()
            .map(|d| clean_text(&d.text).trim_end_matches('。').to_string())
            .unwrap_or_default(),
        p.deadline
            .as_ref()
            .and_then(|d| d.due)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        lead,
        others,
        persons_text(&p.leaders),
        persons_text(&p.responsible),
        persons_text(&p.contacts),
        String::new(),
        String::new(),
    ]
}

/// Units as written in the plan, joined with 、 (the plan's own spelling
/// reads naturally to the clerks of that region and resolves back to the
/// same canonical names).
fn units_text(units: &[Unit]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for u in units {
        let t = clean_text(if u.text.trim().is_empty() {
            &u.name
        } else {
            &u.text
        });
        if !t.is_empty() && !seen.contains(&t) {
            seen.push(t);
        }
    }
    seen.join("、")
}

/// People as `name（title，scope）`, one per person, joined with 、. The
/// text as written may glue names together (罗伟杨真平) or hold struck
/// names; the canonical form does neither.
pub fn persons_text(people: &[Person]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    for p in people {
        let name = p.name.trim();
        if name.is_empty() || seen.contains(&name) {
            continue;
        }
        seen.push(name);
        let notes: Vec<String> = [&p.title, &p.scope]
            .into_iter()
            .flatten()
            .map(|s| clean_text(s))
            .filter(|s| !s.is_empty())
            .collect();
        if notes.is_empty() {
            parts.push(name.to_string());
        } else {
            parts.push(format!("{name}（{}）", notes.join("，")));
        }
    }
    parts.join("、")
}

/// All measures, one line each (children on their own lines).
pub fn format_measures(measures: &[Measure]) -> String {
    let mut lines = Vec::new();
    for m in measures {
        lines.extend(format_measure(m));
    }
    lines.join("\n")
}

/// One measure as lines: its numbered text, then its children.
fn format_measure(m: &Measure) -> Vec<String> {
    let text = clean_text(&m.text);
    let mut lines = vec![format!("{}{text}", number_prefix(m.number.as_deref()))];
    for c in &m.children {
        lines.extend(format_measure(c));
    }
    lines
}

/// `1` → `1. `, `一` → `一、`, `（1）` stays as written.
fn number_prefix(number: Option<&str>) -> String {
    let Some(n) = number.map(str::trim).filter(|n| !n.is_empty()) else {
        return String::new();
    };
    if n.chars().all(|c| c.is_ascii_digit()) {
        format!("{n}. ")
    } else if n
        .chars()
        .all(|c| "一二三四五六七八九十百〇零两".contains(c))
    {
        format!("{n}、")
    } else {
        n.to_string()
    }
}

/// A value as a ledger shows it: struck (`~~deleted~~`) text removed,
/// white space trimmed.
pub fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find("~~") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("~~") {
            Some(end) => rest = &after[end + 2..],
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_drops_struck_runs() {
        assert_eq!(clean_text("~~杨一广~~曹炯芳"), "曹炯芳");
        assert_eq!(
            clean_text("章礼华（~~市委~~副秘书长）"),
            "章礼华（副秘书长）"
        );
        assert_eq!(clean_text(" 未闭合~~尾巴 "), "未闭合尾巴");
    }

    #[test]
    fn persons_are_canonical_and_deduplicated() {
        let p = |name: &str, title: Option<&str>, text: &str| Person {
            name: name.into(),
            title: title.map(Into::into),
            scope: None,
            text: text.into(),
            phone: None,
        };
        let people = [
            p("罗伟", None, "罗伟杨真平"),
            p("杨真平", None, "罗伟杨真平"),
            p("罗伟", None, "罗伟"),
            p("赵志超", Some("市委副秘书长"), "赵志超（市委副秘书长）"),
        ];
        assert_eq!(
            persons_text(&people),
            "罗伟、杨真平、赵志超（市委副秘书长）"
        );
    }

    #[test]
    fn measure_numbers_keep_their_style() {
        assert_eq!(number_prefix(Some("1")), "1. ");
        assert_eq!(number_prefix(Some("二")), "二、");
        assert_eq!(number_prefix(Some("（3）")), "（3）");
        assert_eq!(number_prefix(None), "");
    }

    #[test]
    fn format_names_parse() {
        assert_eq!(Format::from_name("JSONL"), Some(Format::Jsonl));
        assert_eq!(Format::from_name("pdf"), None);
    }
}
