//! Plain-text reader: every non-empty line is a paragraph (Word's "save as
//! text" writes one paragraph per line); a form feed is a page break.

use super::{Block, BlockKind, Doc, Run, decode_text, join_across_pages};
use crate::diag::Result;
use crate::model::{Format, Span};

/// Read plain-text bytes (any text encoding) into a [`Doc`].
pub fn read(bytes: &[u8]) -> Result<Doc> {
    let (text, encoding) = decode_text(bytes)?;
    let mut doc = parse(&text);
    doc.encoding = Some(super::encoding_label(encoding));
    Ok(doc)
}

/// Parse decoded text.
pub fn parse(text: &str) -> Doc {
    let mut blocks = Vec::new();
    let mut page = 1u32;
    let mut offset = 0usize;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        page += line.matches('\u{c}').count() as u32;
        let t = super::normalize_inline(&line.replace('\u{c}', ""));
        if t.is_empty() {
            continue;
        }
        let span = Span {
            line: i as u32 + 1,
            page: if text.contains('\u{c}') {
                Some(page)
            } else {
                None
            },
            start,
            end: start + line.len(),
        };
        blocks.push(Block::new(
            BlockKind::Paragraph,
            vec![Run {
                text: t,
                bold: false,
                struck: false,
            }],
            span,
        ));
    }
    let mut diagnostics = Vec::new();
    // One paragraph a line: only a form feed splits a paragraph.
    join_across_pages(&mut blocks, &mut diagnostics);
    Doc {
        format: Format::Text,
        encoding: None,
        pages: None,
        blocks,
        diagnostics,
    }
}
