//! 整改措施 as a tree: numbered items (1、 / 1. / （1） / 一、 …) nest by
//! numbering style in order of first appearance — the first style seen is
//! the top level, a new style opens a child level, a style seen before
//! closes back to its level. Unnumbered paragraphs continue the open item;
//! a heading with a number is a group (全面开展采石行业整治).

use std::sync::LazyLock;

use regex::Regex;

use super::number::{Style, leading_number};
use super::{Item, RawMeasure};
use crate::model::Span;
use crate::read::BlockKind;

/// Openings of a bracketed responsibility note inside a measure (each
/// names a 单位 or 部门: [`units_note`] relies on it).
const UNIT_NOTE_STARTS: &[&str] = &[
    "牵头单位",
    "责任单位",
    "配合单位",
    "责任部门",
    "牵头部门",
    "主责单位",
];

/// The responsibility written in brackets inside a measure:
/// （牵头单位：X，责任单位：Y）, （责任单位：…园区（示范区）管委会）,
/// 〔X牵头，Y参与〕. Brackets nest, so the note ends at the matching
/// close bracket.
pub(super) fn units_note(text: &str) -> Option<String> {
    // Every note names a 单位 or 部门 or says who leads (牵头): most
    // measures have none of these, and three SIMD searches rule them out
    // without walking the text's brackets.
    static MARKS: LazyLock<[memchr::memmem::Finder<'static>; 3]> =
        LazyLock::new(|| ["单位", "部门", "牵头"].map(memchr::memmem::Finder::new));
    if !MARKS.iter().any(|m| m.find(text.as_bytes()).is_some()) {
        return None;
    }
    for (i, c) in text.char_indices() {
        if !matches!(c, '（' | '(' | '〔' | '[' | '【') {
            continue;
        }
        let inner_start = i + c.len_utf8();
        let mut depth = 1;
        let mut end = None;
        for (j, d) in text[inner_start..].char_indices() {
            match d {
                '（' | '(' | '〔' | '[' | '【' => depth += 1,
                '）' | ')' | '〕' | ']' | '】' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(inner_start + j);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(end) = end else { continue };
        let inner = text[inner_start..end].trim();
        let labelled = UNIT_NOTE_STARTS.iter().any(|s| inner.starts_with(s));
        let led = inner.contains("牵头")
            && ["参与", "配合", "负责", "落实", "协助"]
                .iter()
                .any(|w| inner.contains(w))
            && inner.chars().count() <= 80;
        if labelled || led {
            return Some(inner.to_string());
        }
    }
    None
}

/// An outline line ready for the tree.
struct Line<'a> {
    text: &'a str,
    heading: bool,
    span: Span,
}

/// Build the measure tree from the label's own value and the blocks below
/// the label.
pub(super) fn parse(value: &str, label_span: Span, below: &[Item]) -> Vec<RawMeasure> {
    let mut lines = Vec::new();
    if !value.is_empty() {
        split_inline(value, false, label_span, &mut lines);
    }
    for it in below {
        if it.kind == BlockKind::Table {
            continue;
        }
        let heading = matches!(it.kind, BlockKind::Heading(_))
            || (it.bold_start
                && it.text.chars().count() <= 40
                && !it.text.ends_with(['。', '；', ';']));
        split_inline(&it.text, heading, it.span, &mut lines);
    }
    tree(lines)
}

/// Split "1、甲。2、乙。" written in one paragraph into items: a new item
/// starts after 。, ； or a closing bracket where the next number in
/// sequence follows.
fn split_inline<'a>(text: &'a str, heading: bool, span: Span, out: &mut Vec<Line<'a>>) {
    static NEXT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[。；;）)]\s*(\d{1,2})[、．.]").expect("static regex"));
    let Some(first) = leading_number(text).filter(|n| n.style == Style::Arabic) else {
        out.push(Line {
            text,
            heading,
            span,
        });
        return;
    };
    let mut expect = first.value + 1;
    let mut cuts = Vec::new();
    for c in NEXT.captures_iter(text) {
        let (Some(all), Some(num)) = (c.get(0), c.get(1)) else {
            continue;
        };
        if num.as_str().parse::<u32>().ok() == Some(expect) {
            // Cut after the punctuation.
            let punct_len = all.as_str().chars().next().map_or(0, char::len_utf8);
            cuts.push(all.start() + punct_len);
            expect += 1;
        }
    }
    let mut start = 0;
    for cut in cuts.into_iter().chain(std::iter::once(text.len())) {
        if let Some(piece) = text.get(start..cut) {
            let piece = piece.trim();
            if !piece.is_empty() {
                out.push(Line {
                    text: piece,
                    heading,
                    span,
                });
            }
        }
        start = cut;
    }
}

fn tree(lines: Vec<Line>) -> Vec<RawMeasure> {
    let any_numbered = lines.iter().any(|l| leading_number(l.text).is_some());
    let mut roots: Vec<RawMeasure> = Vec::new();
    let mut levels: Vec<Style> = Vec::new();
    let mut open: Vec<RawMeasure> = Vec::new();
    for line in lines {
        let numbered = leading_number(line.text);
        let Some(n) = numbered.filter(|_| any_numbered) else {
            // Unnumbered: continues the open item, or stands alone.
            match open.last_mut() {
                Some(m) if any_numbered => {
                    m.text.push_str(line.text);
                    m.span = m.span.map(|s| s.to(line.span));
                }
                _ => {
                    close_all(&mut open, &mut roots);
                    levels.clear();
                    roots.push(measure(None, line.text, line.heading, line.span));
                }
            }
            continue;
        };
        // A style already open closes back to its level; a new one nests
        // under the deepest open item.
        let depth = levels
            .iter()
            .position(|&s| s == n.style)
            .unwrap_or(open.len());
        close_to(depth, &mut open, &mut roots);
        levels.truncate(open.len());
        levels.push(n.style);
        open.push(measure(
            Some(n.number.to_string()),
            n.rest,
            line.heading,
            line.span,
        ));
    }
    close_all(&mut open, &mut roots);
    roots
}

fn measure(number: Option<String>, text: &str, heading: bool, span: Span) -> RawMeasure {
    let units = units_note(text);
    RawMeasure {
        number,
        heading: heading.then(|| text.to_string()),
        text: text.to_string(),
        units,
        children: Vec::new(),
        span: Some(span),
    }
}

/// Close open items deeper than `depth` and the one at `depth`.
fn close_to(depth: usize, open: &mut Vec<RawMeasure>, roots: &mut Vec<RawMeasure>) {
    while open.len() > depth {
        close_one(open, roots);
    }
}

fn close_all(open: &mut Vec<RawMeasure>, roots: &mut Vec<RawMeasure>) {
    while !open.is_empty() {
        close_one(open, roots);
    }
}

fn close_one(open: &mut Vec<RawMeasure>, roots: &mut Vec<RawMeasure>) {
    if let Some(m) = open.pop() {
        match open.last_mut() {
            Some(parent) => parent.children.push(m),
            None => roots.push(m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_note_opening_names_a_unit_or_department() {
        // units_note's prefilter looks for 单位 / 部门 / 牵头 only.
        for s in UNIT_NOTE_STARTS {
            assert!(s.contains("单位") || s.contains("部门"), "{s}");
        }
        assert_eq!(
            units_note("加强监管（牵头单位：市环保局）").as_deref(),
            Some("牵头单位：市环保局")
        );
        assert_eq!(
            units_note("加强监管（市环保局牵头，各县市区配合）").as_deref(),
            Some("市环保局牵头，各县市区配合")
        );
        assert_eq!(units_note("加强监管（2018年底前）"), None);
    }

    fn items<'a>(texts: &[(&'a str, bool)]) -> Vec<Item<'a>> {
        texts
            .iter()
            .map(|&(t, h)| Item {
                text: t.into(),
                kind: if h {
                    BlockKind::Heading(2)
                } else {
                    BlockKind::Paragraph
                },
                span: Span::default(),
                table: None,
                bold_start: false,
            })
            .collect()
    }

    #[test]
    fn groups_and_children() {
        let it = items(&[
            ("一、全面开展采石行业整治", true),
            ("1. 全面清理。", false),
            ("2. 制定方案。", false),
            ("二、全面开展洗砂行业整治", true),
            ("1、非法采洗砂。", false),
        ]);
        let m = parse("", Span::default(), &it);
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].number.as_deref(), Some("一"));
        assert_eq!(m[0].children.len(), 2);
        assert_eq!(m[1].children[0].text, "非法采洗砂。");
    }

    #[test]
    fn heading_items_take_their_paragraph_and_children() {
        let it = items(&[
            ("1、制订整改方案（2018年8月25日—9月15日）", true),
            ("各县市区迅速制定。", false),
            ("2、集中整改问题", true),
            ("（1）甲。", false),
            ("（2）乙。", false),
            ("3、报送整改结果", true),
        ]);
        let m = parse("", Span::default(), &it);
        assert_eq!(m.len(), 3);
        assert_eq!(
            m[0].text,
            "制订整改方案（2018年8月25日—9月15日）各县市区迅速制定。"
        );
        assert_eq!(m[1].children.len(), 2);
        assert_eq!(m[1].children[1].number.as_deref(), Some("（2）"));
    }

    #[test]
    fn inline_items_and_units() {
        let m = parse(
            "1、甲（牵头单位：市环保局；责任单位：市水务局）。2、乙。",
            Span::default(),
            &[],
        );
        assert_eq!(m.len(), 2);
        assert_eq!(
            m[0].units.as_deref(),
            Some("牵头单位：市环保局；责任单位：市水务局")
        );
    }

    #[test]
    fn unnumbered_paragraphs_are_measures() {
        let m = parse(
            "",
            Span::default(),
            &items(&[("甲。", false), ("乙。", false)]),
        );
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].number, None);
    }
}
