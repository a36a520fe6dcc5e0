//! DOCX reader: the package's main document part, with styles and list
//! numbering resolved, into [`Doc`] blocks. Headers, footers, footnotes,
//! comments and text boxes are not read: the plan is in the body.
//!
//! Spans: `line` is the 1-based index of the paragraph (`w:p`, table
//! cells included) in document order; `start`/`end` are byte offsets into
//! the text rendering of the document, i.e. every paragraph's text (list
//! numbers and struck text included, breaks as newlines) joined by
//! newlines.

mod archive;
mod body;
mod numbering;
mod styles;
mod xml;

use super::{Doc, join_unmarked_page_breaks, report_struck};
use crate::diag::{Error, Result};
use crate::model::Format;

pub use archive::{MAX_PART_BYTES, MAX_TOTAL_BYTES};

/// Read a DOCX file.
pub fn read(bytes: &[u8]) -> Result<Doc> {
    let mut pkg = archive::Package::open(bytes)?;
    let parts = pkg.parts()?;
    let styles = match &parts.styles {
        Some(name) => pkg
            .xml(name)?
            .map(|root| styles::Styles::parse(&root))
            .unwrap_or_default(),
        None => styles::Styles::default(),
    };
    let numbering = match &parts.numbering {
        Some(name) => pkg
            .xml(name)?
            .map(|root| numbering::Numbering::parse(&root))
            .unwrap_or_default(),
        None => numbering::Numbering::default(),
    };
    let root = pkg.xml(&parts.document)?.ok_or_else(|| {
        Error::NotADocument(format!("not a DOCX file: {} is missing", parts.document))
    })?;
    let body = root
        .child("w:body")
        .ok_or_else(|| xml::damaged(format!("{} has no w:body", parts.document)))?;
    let mut walker = body::Walker::new(&styles, numbering);
    let mut blocks = walker.blocks(body);
    let mut diagnostics = std::mem::take(&mut walker.diagnostics);
    report_struck(&blocks, &mut diagnostics);
    join_unmarked_page_breaks(&mut blocks, &mut diagnostics);
    Ok(Doc {
        format: Format::Docx,
        encoding: None,
        pages: None,
        blocks,
        diagnostics,
    })
}

/// What an Office zip package holds, by its parts: `word/document.xml`
/// is a Word document, `xl/workbook.xml` an Excel workbook. `None` when
/// the zip is unreadable or holds neither, so the file name decides.
pub fn package_format(bytes: &[u8]) -> Option<Format> {
    let pkg = archive::Package::open(bytes).ok()?;
    if pkg.has("word/document.xml") {
        Some(Format::Docx)
    } else if pkg.has("xl/workbook.xml") {
        Some(Format::Xlsx)
    } else {
        None
    }
}
