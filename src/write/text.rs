//! A [`Doc`] as the reader saw it, as Markdown: the first thing to look at
//! when a field comes out wrong, and a way to turn a PDF or DOCX plan into
//! clean text.
//!
//! - headings as `#`…, list items as `- `, paragraphs as they are (a number
//!   written in the text stays in the text);
//! - bold runs as `**…**`, struck runs as `~~…~~` (they are never part of a
//!   value);
//! - tables as pipe tables; a cell covered by a merge is written `^^`
//!   (merged from above) or `<<` (merged from the left), since the reader
//!   has copied the merge's text into it;
//! - a page break as `<!-- page N -->`;
//! - with spans, each block is preceded by `<!-- line L, bytes S..E, page P -->`.

use std::fmt::Write;

use crate::read::{Block, BlockKind, Doc, Run, Table};

/// Render `doc` as Markdown; `spans` adds each block's position.
pub fn render(doc: &Doc, spans: bool) -> String {
    let mut out = String::new();
    let mut page: Option<u32> = None;
    for (i, b) in doc.blocks.iter().enumerate() {
        if let Some(p) = b.span.page {
            if page.is_some_and(|q| q != p) {
                let _ = writeln!(out, "<!-- page {p} -->\n");
            }
            page = Some(p);
        }
        if spans {
            let _ = write!(
                out,
                "<!-- line {}, bytes {}..{}",
                b.span.line, b.span.start, b.span.end
            );
            if let Some(p) = b.span.page {
                let _ = write!(out, ", page {p}");
            }
            out.push_str(" -->\n");
        }
        match b.kind {
            BlockKind::Heading(level) => {
                // A heading is bold already: only its struck runs are marked.
                let level = usize::from(level.clamp(1, 6));
                let plain: Vec<Run> = b
                    .runs()
                    .iter()
                    .map(|r| Run {
                        bold: false,
                        ..r.clone()
                    })
                    .collect();
                let _ = writeln!(out, "{} {}", "#".repeat(level), runs(&plain));
            }
            BlockKind::ListItem => {
                let _ = writeln!(out, "- {}", inline(b));
            }
            BlockKind::Paragraph => {
                let _ = writeln!(out, "{}", inline(b));
            }
            BlockKind::Table => {
                if let Some(t) = &b.table {
                    table(t, &mut out);
                }
            }
        }
        if i + 1 < doc.blocks.len() {
            out.push('\n');
        }
    }
    out
}

/// A block's runs with bold and struck marks.
fn inline(b: &Block) -> String {
    runs(&b.runs())
}

fn runs(runs: &[Run]) -> String {
    let mut s = String::new();
    for r in runs {
        let t = r.text.trim_end_matches('\n');
        if t.trim().is_empty() {
            s.push_str(t);
            continue;
        }
        match (r.bold, r.struck) {
            (_, true) => {
                let _ = write!(s, "~~{t}~~");
            }
            (true, false) => {
                let _ = write!(s, "**{t}**");
            }
            (false, false) => s.push_str(t),
        }
    }
    // Adjacent marks of the same kind read as one.
    s.replace("****", "").replace("~~~~", "")
}

/// A table as a pipe table; the first row (or the header rows the reader
/// found) above the rule.
fn table(t: &Table, out: &mut String) {
    let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return;
    }
    let header = t.header_rows.max(1).min(t.rows.len());
    for (r, row) in t.rows.iter().enumerate() {
        out.push('|');
        for c in 0..width {
            let cell = match row.get(c) {
                None => String::new(),
                Some(cell) if cell.covered => {
                    let same_as_left =
                        c > 0 && row.get(c - 1).is_some_and(|l| l.text() == cell.text());
                    let same_as_above = r > 0
                        && t.rows[r - 1]
                            .get(c)
                            .is_some_and(|a| a.text() == cell.text());
                    if same_as_above || !same_as_left {
                        "^^".to_string()
                    } else {
                        "<<".to_string()
                    }
                }
                Some(cell) => cell
                    .blocks
                    .iter()
                    .map(inline)
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("<br>")
                    .replace('|', "\\|"),
            };
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
        if r + 1 == header {
            out.push('|');
            for _ in 0..width {
                out.push_str(" --- |");
            }
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_marks() {
        let doc = crate::read::read(
            "# 整改方案\n\n1.开展整治。**整改时限**：~~2023年~~2024年底前\n\n| 序号 | 问题 |\n|---|---|\n| 1 | 甲 |\n"
                .as_bytes(),
            "x.md",
            &crate::read::ReadOptions::default(),
        )
        .expect("markdown reads");
        let md = render(&doc, false);
        assert!(md.starts_with("# 整改方案\n"), "{md}");
        assert!(md.contains("**整改时限**"), "{md}");
        assert!(md.contains("~~2023年~~"), "{md}");
        assert!(
            md.contains("| 序号 | 问题 |\n| --- | --- |\n| 1 | 甲 |"),
            "{md}"
        );
        let with_spans = render(&doc, true);
        assert!(
            with_spans.starts_with("<!-- line 1, bytes 0.."),
            "{with_spans}"
        );
    }
}
