//! Markdown reader, built for what PDF→Markdown converters leave behind:
//! `**bold**` labels, `~~struck~~` deletions, heading levels that mean
//! nothing, pipe tables, and paragraphs split by a blank line at a page
//! break. Spans are lines and byte ranges of the decoded source.

use std::sync::LazyLock;

use regex::Regex;

use super::{
    Block, BlockKind, Cell, Doc, Run, Table, decode_text, join_page_breaks, report_struck,
};
use crate::diag::Result;
use crate::model::{Format, Span};

static TABLE_SEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$").expect("static regex")
});
static BR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>").expect("static regex"));

/// Read Markdown bytes (any text encoding) into a [`Doc`].
pub fn read(bytes: &[u8]) -> Result<Doc> {
    let (text, encoding) = decode_text(bytes)?;
    let mut doc = parse(&text);
    doc.encoding = Some(super::encoding_label(encoding));
    Ok(doc)
}

/// One source line with its position.
struct Line<'a> {
    text: &'a str,
    no: u32,
    start: usize,
    end: usize,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut no = 1;
    let bytes = text.as_bytes();
    // \n, \r\n and a lone \r all end a line.
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            continue; // the \n of a \r\n
        }
        out.push(Line {
            text: &text[start..i],
            no,
            start,
            end: i,
        });
        no += 1;
        start = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    out.push(Line {
        text: &text[start..],
        no,
        start,
        end: text.len(),
    });
    out
}

/// Parse decoded Markdown text.
pub fn parse(text: &str) -> Doc {
    let lines = lines(text);
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        let span = Span {
            line: l.no,
            page: None,
            start: l.start,
            end: l.end,
        };
        if l.text.trim().is_empty() {
            i += 1;
            continue;
        }
        if let Some((level, text)) = heading(l.text) {
            blocks.push(Block::normalized(
                BlockKind::Heading(level),
                inline(text),
                span,
            ));
            i += 1;
            continue;
        }
        if is_table_row(l.text) && lines.get(i + 1).is_some_and(|n| TABLE_SEP.is_match(n.text)) {
            let (table, next) = read_table(&lines, i);
            let last = &lines[next - 1];
            let mut b = Block::new(
                BlockKind::Table,
                Vec::new(),
                Span {
                    end: last.end,
                    ..span
                },
            );
            b.table = Some(table);
            blocks.push(b);
            i = next;
            continue;
        }
        if let Some(item) = bullet(l.text) {
            blocks.push(Block::normalized(BlockKind::ListItem, inline(item), span));
            i += 1;
            continue;
        }
        // A paragraph: this line and the following lines up to a blank
        // line or another block start (CommonMark's lazy continuation).
        let mut runs = inline(l.text);
        let mut end = l.end;
        i += 1;
        while let Some(n) = lines.get(i) {
            if n.text.trim().is_empty()
                || heading(n.text).is_some()
                || bullet(n.text).is_some()
                || is_table_row(n.text)
            {
                break;
            }
            runs.extend(inline(n.text));
            end = n.end;
            i += 1;
        }
        blocks.push(Block::normalized(
            BlockKind::Paragraph,
            runs,
            Span { end, ..span },
        ));
    }
    let mut diagnostics = Vec::new();
    report_struck(&blocks, &mut diagnostics);
    join_page_breaks(&mut blocks, &mut diagnostics);
    Doc {
        format: Format::Markdown,
        encoding: None,
        pages: None,
        blocks,
        diagnostics,
    }
}

/// An ATX heading: its level and its text. At most three white-space
/// characters before one to six `#`, then white space or the end; the
/// text loses a closing run of `#` and the white space around it.
fn heading(line: &str) -> Option<(u8, &str)> {
    let body = line.trim_start();
    if !body.starts_with('#') || line[..line.len() - body.len()].chars().count() > 3 {
        return None;
    }
    let text = body.trim_start_matches('#');
    let level = body.len() - text.len();
    if level > 6 || !(text.is_empty() || text.starts_with(char::is_whitespace)) {
        return None;
    }
    let text = text
        .trim_start()
        .trim_end()
        .trim_end_matches('#')
        .trim_end();
    Some((level as u8, text))
}

/// A bulleted line's text after the bullet (`- `, `* `, `+ `, `• `): a
/// marker followed by white space, so `**bold**` is not a bullet.
fn bullet(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix(['-', '*', '+', '•'])?;
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim_start())
}

fn is_table_row(s: &str) -> bool {
    let t = s.trim();
    t.starts_with('|') && t.len() > 1
}

/// Split a pipe-table row into cells, honouring `\|` escapes.
fn split_row(s: &str) -> Vec<String> {
    let t = s.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&'|') {
            cur.push('|');
            chars.next();
        } else if c == '|' {
            cells.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    cells.push(cur);
    cells
}

fn read_table(lines: &[Line], first: usize) -> (Table, usize) {
    let mut rows = Vec::new();
    let mut i = first;
    while let Some(l) = lines.get(i) {
        if !is_table_row(l.text) {
            break;
        }
        if i != first + 1 {
            let span = Span {
                line: l.no,
                page: None,
                start: l.start,
                end: l.end,
            };
            let row: Vec<Cell> = split_row(l.text)
                .iter()
                .map(|c| Cell {
                    blocks: BR
                        .split(c)
                        .filter(|p| !p.trim().is_empty())
                        .map(|p| Block::normalized(BlockKind::Paragraph, inline(p), span))
                        .collect(),
                    covered: false,
                })
                .collect();
            rows.push(row);
        }
        i += 1;
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for r in &mut rows {
        r.resize_with(width, Cell::default);
    }
    (
        Table {
            rows,
            header_rows: 1,
        },
        i,
    )
}

/// Offset of the first byte that may start inline markup (`**`, `__`,
/// `~~`, a tag, `\`), by two SIMD scans.
fn next_markup(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    match memchr::memchr3(b'*', b'_', b'~', b) {
        Some(i) => memchr::memchr2(b'<', b'\\', &b[..i]).or(Some(i)),
        None => memchr::memchr2(b'<', b'\\', b),
    }
}

/// A byte [`next_markup`] stops at.
fn is_markup_byte(b: Option<u8>) -> bool {
    matches!(b, Some(b'*' | b'_' | b'~' | b'<' | b'\\'))
}

/// Inline markup → runs: `**bold**` / `__bold__`, `~~struck~~` and
/// `<del>…</del>` / `<s>…</s>`; `\` escapes; other HTML-ish text such as
/// `<2018年…>` inside a title stays literal. An unclosed `~~` is literal,
/// so a stray marker never deletes the rest of a line.
pub fn inline(s: &str) -> Vec<Run> {
    // Most lines carry no markup at all: one plain run.
    if next_markup(s).is_none() {
        let text = super::normalize_inline(s);
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![Run {
                text,
                bold: false,
                struck: false,
            }]
        };
    }
    let mut runs: Vec<Run> = Vec::new();
    let mut bold = false;
    let mut struck = false;
    let mut cur = String::new();
    let strike_pairs = if memchr::memchr(b'~', s.as_bytes()).is_some() {
        s.matches("~~").count() / 2
    } else {
        0
    };
    let mut strikes_seen = 0;
    let mut rest = s;
    let flush = |cur: &mut String, runs: &mut Vec<Run>, bold: bool, struck: bool| {
        if !cur.is_empty() {
            runs.push(Run {
                text: std::mem::take(cur),
                bold,
                struck,
            });
        }
    };
    while let Some(c) = rest.chars().next() {
        // Copy plain text up to the next markup character in one go (no
        // search when the markup is right here, as after every marker).
        let plain = if is_markup_byte(rest.as_bytes().first().copied()) {
            0
        } else {
            next_markup(rest).unwrap_or(rest.len())
        };
        if plain > 0 {
            cur.push_str(&rest[..plain]);
            rest = &rest[plain..];
            continue;
        }
        if let Some(r) = rest.strip_prefix("**").or_else(|| rest.strip_prefix("__")) {
            flush(&mut cur, &mut runs, bold, struck);
            bold = !bold;
            rest = r;
            continue;
        }
        if let Some(r) = rest.strip_prefix("~~")
            && (struck || strikes_seen < strike_pairs)
        {
            flush(&mut cur, &mut runs, bold, struck);
            if !struck {
                strikes_seen += 1;
            }
            struck = !struck;
            rest = r;
            continue;
        }
        let lower_tag = |t: &str| rest.len() >= t.len() && rest[..t.len()].eq_ignore_ascii_case(t);
        let mut tag_hit = false;
        for (tag, on) in [
            ("<del>", true),
            ("</del>", false),
            ("<s>", true),
            ("</s>", false),
        ] {
            if rest.is_char_boundary(tag.len().min(rest.len())) && lower_tag(tag) {
                flush(&mut cur, &mut runs, bold, struck);
                struck = on;
                rest = &rest[tag.len()..];
                tag_hit = true;
                break;
            }
        }
        if tag_hit {
            continue;
        }
        if c == '\\'
            && let Some(n) = rest[1..].chars().next()
            && n.is_ascii_punctuation()
        {
            cur.push(n);
            rest = &rest[1 + n.len_utf8()..];
            continue;
        }
        cur.push(c);
        rest = &rest[c.len_utf8()..];
    }
    flush(&mut cur, &mut runs, bold, struck);
    for r in &mut runs {
        if let Some(first) = super::first_space(&r.text) {
            r.text = super::normalize_inline_from(&r.text, first);
        }
    }
    // normalize_inline trims each run; restore a separating space between
    // Latin runs so "a **b**" does not become "ab".
    runs.retain(|r| !r.text.is_empty());
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The regex `heading` was first written with: the oracle.
    fn heading_by_regex(line: &str) -> Option<(u8, &str)> {
        static HEADING: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\s{0,3}(#{1,6})(?:\s+|$)(.*?)\s*#*\s*$").unwrap());
        let c = HEADING.captures(line)?;
        Some((c.get(1)?.len() as u8, c.get(2)?.as_str()))
    }

    proptest::proptest! {
        #[test]
        fn heading_scanner_agrees_with_the_regex(line in "[ \u{3000}#a标题]{0,12}") {
            proptest::prop_assert_eq!(heading(&line), heading_by_regex(&line));
        }
    }

    #[test]
    fn markup_bytes_are_where_the_search_stops() {
        for b in 0u8..128 {
            let s = char::from(b).to_string();
            assert_eq!(
                is_markup_byte(Some(b)),
                next_markup(&s) == Some(0),
                "byte {b:#x}"
            );
        }
        assert!(!is_markup_byte(None));
    }

    #[test]
    fn labels_struck_text_and_headings() {
        let doc = parse("# 标题\n\n**牵头领导：**~~杨一广~~曹炯芳\n\n- 1、完成；\n");
        assert_eq!(doc.blocks.len(), 3);
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(doc.blocks[1].text(), "牵头领导：曹炯芳");
        assert!(doc.blocks[1].bold_start());
        assert_eq!(doc.blocks[2].kind, BlockKind::ListItem);
        assert_eq!(doc.blocks[2].text(), "1、完成；");
        assert!(
            doc.diagnostics
                .iter()
                .any(|d| d.code == "struck-text-dropped")
        );
    }

    #[test]
    fn joins_a_sentence_split_at_a_page_break() {
        let doc = parse(
            "对提出的意见和交办的任务，诚恳接受并全面消化吸\n\n收，主动认领。\n\n**整改目标：**\n\n- 1、完成。\n",
        );
        assert_eq!(
            doc.blocks[0].text(),
            "对提出的意见和交办的任务，诚恳接受并全面消化吸收，主动认领。"
        );
        assert_eq!(doc.blocks.len(), 3);
        assert!(
            doc.diagnostics
                .iter()
                .any(|d| d.code == "page-break-joined")
        );
    }

    #[test]
    fn unclosed_strike_marker_is_literal() {
        let runs = inline("a~~b");
        assert_eq!(runs.len(), 1);
        assert!(!runs[0].struck);
    }

    #[test]
    fn pipe_tables_become_tables() {
        let doc = parse("| 序号 | 反馈问题 |\n|---|---|\n| 1 | 问题<br>第二段 |\n");
        let t = doc.blocks[0].table.as_ref().unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1][1].text(), "问题\n第二段");
    }

    #[test]
    fn crlf_lines_are_counted() {
        let doc = parse("甲。\r\n\r\n乙。\r\n");
        assert_eq!(doc.blocks[1].span.line, 3);
    }
}
