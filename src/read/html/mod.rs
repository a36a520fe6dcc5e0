//! HTML reader for government portal pages: find the article body among
//! navigation, share bars and footers, then turn its headings, paragraphs,
//! list items and tables into [`Doc`] blocks.
//!
//! Spans: `line` is the 1-based source line of the element that opens the
//! block (of the `<br>` before it for a line split off at a `<br>`);
//! `start`/`end` are byte offsets, into the decoded source, of the start
//! of that line and of the end of the last source line the block's
//! elements open on. HTML parsing keeps element lines, not byte offsets, so
//! spans are line-granular.

mod content;
mod depth;
mod sink;
mod walk;

use std::sync::LazyLock;

use regex::bytes::Regex;

use super::{Doc, decode_text, encoding_label, join_unmarked_page_breaks, report_struck};
use crate::diag::{Diagnostic, Result};
use crate::model::Format;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)"#).expect("static regex")
});

/// Read an HTML page.
pub fn read(bytes: &[u8]) -> Result<Doc> {
    let mut diagnostics = Vec::new();
    let (text, encoding) = decode(bytes, &mut diagnostics)?;
    let (text, capped) = depth::cap_nesting(&text);
    if capped > 0 {
        diagnostics.push(crate::diag!(NestingCapped; capped = capped, max = depth::MAX_NESTING));
    }
    let (html, lines) = sink::parse(&text);
    let line_starts = line_starts(&text);
    let content = content::main_content(&html);
    let mut walker = walk::Walker::new(&lines, &line_starts);
    let mut blocks = match content {
        Some(r) => walker.root(&html, r),
        None => Vec::new(),
    };
    diagnostics.append(&mut walker.diagnostics);
    // Share bars and button rows inside the article container.
    blocks
        .retain(|b| b.kind == crate::read::BlockKind::Table || !content::is_chrome_text(b.text()));
    report_struck(&blocks, &mut diagnostics);
    join_unmarked_page_breaks(&mut blocks, &mut diagnostics);
    Ok(Doc {
        format: Format::Html,
        encoding: Some(encoding_label(encoding)),
        pages: None,
        blocks,
        diagnostics,
    })
}

/// Decode the page: a BOM wins, then the `<meta>` charset (GB2312/GBK
/// read as their superset GB18030), then UTF-8, then a guess.
fn decode<'b>(
    bytes: &'b [u8],
    diags: &mut Vec<Diagnostic>,
) -> Result<(std::borrow::Cow<'b, str>, &'static str)> {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return decode_text(bytes);
    }
    let head = bytes.get(..bytes.len().min(8192)).unwrap_or(bytes);
    let declared = META_CHARSET
        .captures(head)
        .and_then(|c| c.get(1))
        .and_then(|m| encoding_rs::Encoding::for_label(m.as_bytes()));
    if let Some(mut enc) = declared {
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            // A page that can declare itself in ASCII is not UTF-16.
            enc = encoding_rs::UTF_8;
        }
        if enc == encoding_rs::GBK {
            enc = encoding_rs::GB18030;
        }
        if enc != encoding_rs::UTF_8 {
            // Templates often keep a stale gb2312 declaration on UTF-8
            // pages; real GB text with Chinese in it is almost never
            // valid UTF-8.
            if let Ok(s) = simdutf8::basic::from_utf8(bytes)
                && !s.is_ascii()
            {
                diags.push(crate::diag!(CharsetMismatch; charset = enc.name()));
                return Ok((s.into(), "UTF-8"));
            }
        }
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            diags.push(crate::diag!(InvalidCharacters; charset = enc.name()));
        }
        return Ok((text, enc.name()));
    }
    decode_text(bytes)
}

/// Byte offset at which each line starts (index 0 = line 1).
fn line_starts(text: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(
        text.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1),
    );
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_gb2312_reads_as_gb18030() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>整改时限：2018年底</p></body></html>";
        let (bytes, _, _) = encoding_rs::GB18030.encode(page);
        let mut d = Vec::new();
        let (text, enc) = decode(&bytes, &mut d).unwrap();
        assert_eq!(enc, "gb18030");
        assert!(text.contains("整改时限"));
    }

    #[test]
    fn stale_gb2312_declaration_on_utf8_page() {
        let page = "<meta charset=gb2312><p>整改目标</p>";
        let mut d = Vec::new();
        let (text, enc) = decode(page.as_bytes(), &mut d).unwrap();
        assert_eq!((enc, text.contains("整改目标")), ("UTF-8", true));
        assert_eq!(d[0].code, "charset-mismatch");
    }
}
