//! 整改措施 as a tree: numbered items (1、 / 1. / （1） / 一、 …) nest by
//! numbering style in order of first appearance — the first style seen is
//! the top level, a new style opens a child level, a style seen before
//! closes back to its level. Unnumbered paragraphs continue the open item;
//! a heading with a number is a group (全面开展采石行业整治).

use std::sync::LazyLock;

use super::number::{Numbered, Style, leading_number};
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
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some((at, kind, len)) = next_bracket(bytes, from) {
        let inner_start = at + len;
        from = inner_start;
        if kind != Bracket::Open {
            continue;
        }
        let Some(inner) = matching_close(bytes, inner_start)
            .and_then(|end| text.get(inner_start..end))
            .map(str::trim)
        else {
            continue;
        };
        if is_unit_note(inner) {
            return Some(inner.to_string());
        }
    }
    None
}

/// Does a bracket's inside name units: a unit label (责任单位：…), or a
/// short clause that says who leads and who joins?
fn is_unit_note(inner: &str) -> bool {
    let labelled = UNIT_NOTE_STARTS.iter().any(|s| inner.starts_with(s));
    let led = inner.contains("牵头")
        && ["参与", "配合", "负责", "落实", "协助"]
            .iter()
            .any(|w| inner.contains(w))
        && inner.chars().count() <= 80;
    labelled || led
}

/// Which way a bracket of [`units_note`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bracket {
    Open,
    Close,
}

/// The bracket starting at byte `i` of `b`, with its length: （ ( 〔 [ 【
/// open, ） ) 〕 ] 】 close. Decided on the bytes: ASCII bytes and the lead
/// bytes E3 and EF never occur inside another character's encoding, so
/// stepping byte by byte finds exactly the bracket characters a walk over
/// the characters would, without decoding the CJK text between them.
fn bracket_at(b: &[u8], i: usize) -> Option<(Bracket, usize)> {
    let at = |d: usize| b.get(i + d).copied();
    match at(0)? {
        b'(' | b'[' => Some((Bracket::Open, 1)),
        b')' | b']' => Some((Bracket::Close, 1)),
        // （ EF BC 88, ） EF BC 89
        0xEF => match (at(1)?, at(2)?) {
            (0xBC, 0x88) => Some((Bracket::Open, 3)),
            (0xBC, 0x89) => Some((Bracket::Close, 3)),
            _ => None,
        },
        // 【 E3 80 90, 】 E3 80 91, 〔 E3 80 94, 〕 E3 80 95
        0xE3 => match (at(1)?, at(2)?) {
            (0x80, 0x90 | 0x94) => Some((Bracket::Open, 3)),
            (0x80, 0x91 | 0x95) => Some((Bracket::Close, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// The first bracket at or after byte `from` of `b`: its offset, way and
/// length. Sixteen starting positions are tested at a time by
/// [`window_has_bracket`]; only the window holding a bracket (and the
/// last few bytes) are walked byte by byte.
fn next_bracket(b: &[u8], from: usize) -> Option<(usize, Bracket, usize)> {
    let mut at = from;
    while let Some(w) = b
        .get(at..at + 18)
        .and_then(|w| <&[u8; 18]>::try_from(w).ok())
    {
        if window_has_bracket(w) {
            break;
        }
        at += 16;
    }
    (at..b.len()).find_map(|i| bracket_at(b, i).map(|(way, len)| (i, way, len)))
}

/// Whether [`bracket_at`] finds a bracket at one of the first sixteen
/// positions of `w` (the last two bytes are look-ahead): the same test on
/// every lane, without branches, which compiles to a few vector compares.
/// Kept out of line so that the vector code does not depend on the
/// caller it would be inlined into.
#[inline(never)]
fn window_has_bracket(w: &[u8; 18]) -> bool {
    let mut any = false;
    for i in 0..16 {
        let (x, y, z) = (w[i], w[i + 1], w[i + 2]);
        // z & 0xFE: 88 or 89; z & 0xFA: 90, 91, 94 or 95.
        any |= matches!(x, b'(' | b')' | b'[' | b']')
            | (x == 0xEF) & (y == 0xBC) & (z & 0xFE == 0x88)
            | (x == 0xE3) & (y == 0x80) & (z & 0xFA == 0x90);
    }
    any
}

/// Byte offset of the close bracket matching an open one whose inside
/// starts at `from`: brackets of any kind nest.
fn matching_close(b: &[u8], from: usize) -> Option<usize> {
    let mut depth = 1usize;
    let mut j = from;
    while let Some((at, way, len)) = next_bracket(b, j) {
        j = at + len;
        match way {
            Bracket::Open => depth += 1,
            Bracket::Close => {
                depth -= 1;
                if depth == 0 {
                    return Some(at);
                }
            }
        }
    }
    None
}

/// An outline line ready for the tree.
struct Line<'a> {
    text: &'a str,
    /// `leading_number(text)`, read once: the tree looks at it twice.
    numbered: Option<Numbered<'a>>,
    heading: bool,
    span: Span,
}

impl<'a> Line<'a> {
    fn new(text: &'a str, heading: bool, span: Span) -> Self {
        Line {
            text,
            numbered: leading_number(text),
            heading,
            span,
        }
    }
}

/// Build the measure tree from the label's own value and the blocks below
/// the label.
pub(super) fn parse(value: &str, label_span: Span, below: &[Item]) -> Vec<RawMeasure> {
    if let Some(ms) = enumerated(value, label_span, below) {
        return ms;
    }
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

/// Measures written as an enumeration, 一是…；二是…；三是…, as plans and
/// reports write them in prose: each item a measure numbered 一是, 二是.
/// Only when the field starts with 一是 and names at least two items in
/// sequence; the items may run on over several paragraphs, and text
/// before the next item continues the one before.
fn enumerated(value: &str, label_span: Span, below: &[Item]) -> Option<Vec<RawMeasure>> {
    // Most fields start otherwise: one look before anything is built.
    let opening = match value.trim_start() {
        "" => below
            .iter()
            .find(|it| !it.text.trim().is_empty())?
            .text
            .trim_start(),
        v => v,
    };
    if !opening.starts_with("一是") {
        return None;
    }
    let sources = std::iter::once((value, label_span))
        .chain(
            below
                .iter()
                .filter(|it| it.kind != BlockKind::Table)
                .map(|it| (&*it.text, it.span)),
        )
        .filter(|(t, _)| !t.trim().is_empty());
    let mut out: Vec<RawMeasure> = Vec::new();
    let mut expect = 1;
    for (text, span) in sources {
        let cuts: Vec<(usize, usize, &str)> = enumeration_marks(text)
            .filter(|&(_, _, num)| {
                let next = super::number_value(num) == Some(expect);
                expect += u32::from(next);
                next
            })
            .collect();
        let lead = text[..cuts.first().map_or(text.len(), |c| c.0)].trim();
        if !lead.is_empty() {
            out.last_mut()?.text.push_str(lead);
        }
        for (k, &(_, body, num)) in cuts.iter().enumerate() {
            let end = cuts.get(k + 1).map_or(text.len(), |c| c.0);
            let number = Some(format!("{num}是"));
            out.push(measure(number, text[body..end].trim(), false, span));
        }
    }
    (out.len() >= 2).then_some(out)
}

/// Every 一是 / 二是 … in `text` at its start or after 。；;，, (white space
/// between allowed): (where the numeral starts, where the item's text
/// starts, the numeral). Also how narrative reports' measures are cut
/// ([`super::shapes`]).
pub(super) fn enumeration_marks(text: &str) -> impl Iterator<Item = (usize, usize, &str)> + '_ {
    const NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    text.match_indices('是').filter_map(move |(at, _)| {
        let num_start = text[..at].trim_end_matches(NUMERALS).len();
        if num_start == at {
            return None;
        }
        let before = text[..num_start].trim_end();
        if !(before.is_empty() || before.ends_with(['。', '；', ';', '，', ','])) {
            return None;
        }
        Some((num_start, at + '是'.len_utf8(), &text[num_start..at]))
    })
}

/// Split "1、甲。2、乙。" written in one paragraph into items: a new item
/// starts after 。, ； or a closing bracket where the next number in
/// sequence follows.
fn split_inline<'a>(text: &'a str, heading: bool, span: Span, out: &mut Vec<Line<'a>>) {
    let numbered = leading_number(text);
    let Some(first) = numbered
        .as_ref()
        .filter(|n| matches!(n.style, Style::Arabic | Style::ParenArabic))
    else {
        out.push(Line {
            text,
            numbered,
            heading,
            span,
        });
        return;
    };
    let mut expect = first.value + 1;
    let mut cuts = Vec::new();
    let mut take = |(cut, value)| {
        if value == expect {
            cuts.push(cut);
            expect += 1;
        }
    };
    if first.style == Style::Arabic {
        numbered_after_stop(text).for_each(&mut take);
    } else {
        paren_after_stop(text).for_each(&mut take);
    }
    let mut start = 0;
    for cut in cuts.into_iter().chain(std::iter::once(text.len())) {
        if let Some(piece) = text.get(start..cut) {
            let piece = piece.trim();
            if !piece.is_empty() {
                out.push(Line::new(piece, heading, span));
            }
        }
        start = cut;
    }
}

/// Every number that may open an item inside a paragraph: one or two ASCII
/// digits after 。, ；, ; or a closing bracket (white space between
/// allowed) and before 、, ． or `.`. Yields (offset just after the
/// punctuation, value).
///
/// The same matches as the regex `[。；;）)]\s*(\d{1,2})[、．.]` whose
/// number parses as ASCII (a test compares them), found from each ASCII
/// digit instead of by a regex search over every measure paragraph.
fn numbered_after_stop(text: &str) -> impl Iterator<Item = (usize, u32)> + '_ {
    let bytes = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(k) = bytes.get(from..).and_then(first_ascii_digit) {
            let start = from + k;
            let end = start
                + bytes[start..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
            from = end;
            if end - start > 2 || !text[end..].starts_with(['、', '．', '.']) {
                continue;
            }
            let before = text[..start].trim_end_matches(char::is_whitespace);
            let Some(stop) = before.chars().next_back() else {
                continue;
            };
            // A digit of another script right before the run would have
            // been part of the regex's number, which then did not parse.
            if !matches!(stop, '。' | '；' | ';' | '）' | ')') {
                continue;
            }
            let value = bytes[start..end]
                .iter()
                .fold(0, |v, b| v * 10 + u32::from(b - b'0'));
            return Some((before.len(), value));
        }
        None
    })
}

/// Every （N） / (N) right after 。, ；or ; (white space between allowed):
/// the items of a paragraph written （1）甲；（2）乙。 Yields (offset just
/// after the punctuation, N).
fn paren_after_stop(text: &str) -> impl Iterator<Item = (usize, u32)> + '_ {
    text.match_indices(['（', '(']).filter_map(move |(at, _)| {
        let before = text[..at].trim_end_matches(char::is_whitespace);
        if !before.ends_with(['。', '；', ';']) {
            return None;
        }
        let n = leading_number(&text[at..]).filter(|n| n.style == Style::ParenArabic)?;
        Some((before.len(), n.value))
    })
}

/// Offset of the first ASCII digit in `bytes`. Sixteen bytes are tested
/// at a time, as one `u128` (measure text is mostly CJK, with a digit
/// every hundred bytes or so): XOR with `0x30` turns the digits into the
/// bytes below 10, and `(y - 10·ONES) & !y & HIGHS` sets the high bit of
/// each such byte. A borrow only runs upwards from a byte below 10, so the
/// lowest bit set is the first digit's (false ones can only follow it).
/// Written out because the vectorizer's version of a per-byte fold came out
/// several times slower once inlined here.
fn first_ascii_digit(bytes: &[u8]) -> Option<usize> {
    const ONES: u128 = u128::from_le_bytes([1; 16]);
    let (chunks, rest) = bytes.as_chunks::<16>();
    let mut at = 0;
    for chunk in chunks {
        let y = u128::from_le_bytes(*chunk) ^ (ONES * 0x30);
        let below_ten = y.wrapping_sub(ONES * 10) & !y & (ONES * 0x80);
        if below_ten != 0 {
            return Some(at + below_ten.trailing_zeros() as usize / 8);
        }
        at += 16;
    }
    rest.iter().position(u8::is_ascii_digit).map(|k| at + k)
}

fn tree(lines: Vec<Line>) -> Vec<RawMeasure> {
    let any_numbered = lines.iter().any(|l| l.numbered.is_some());
    let mut roots: Vec<RawMeasure> = Vec::new();
    let mut levels: Vec<Style> = Vec::new();
    let mut open: Vec<RawMeasure> = Vec::new();
    for line in lines {
        let Some(n) = line.numbered.filter(|_| any_numbered) else {
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

/// Sub-points written inside one paragraph (a task's text, a progress
/// text): （1）（2）… or 一是/二是…, in order
/// from 1; (start of marker, start of text, number as written).
pub(super) fn inline_points(text: &str) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    let mut want = 1u32;
    let mut from = 0;
    while let Some(off) = text[from..].find(['（', '(']) {
        let at = from + off;
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
        let Some(n) = leading_number(&text[at..]) else {
            continue;
        };
        if n.style != Style::ParenArabic || n.value != want {
            continue;
        }
        let before = text[..at].trim_end();
        if !(before.is_empty() || before.ends_with(['：', ':', '；', ';', '。', '，'])) {
            continue;
        }
        let body = text.len() - n.rest.len();
        out.push((at, body, n.number.to_string()));
        want += 1;
        from = body;
    }
    if out.len() >= 2 {
        return out;
    }
    // 一是…；二是…, the first perhaps right after a colon.
    let mut marks: Vec<(usize, usize, String)> = Vec::new();
    let mut from = 0;
    for num in [
        "一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是",
    ] {
        let found = text[from..]
            .match_indices(num)
            .map(|(i, _)| from + i)
            .find(|&at| {
                let before = text[..at].trim_end();
                before.is_empty() || before.ends_with(['：', ':', '；', ';', '。', '，'])
            });
        let Some(at) = found else { break };
        marks.push((at, at + num.len(), num.to_string()));
        from = at + num.len();
    }
    if marks.len() >= 2 {
        return marks;
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_points_in_order() {
        let p = inline_points("分类处置：（1）拆除；（2）补办；（3）清运。");
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].2, "（1）");
        assert!(inline_points("开展整治（2）项").is_empty());
        let p = inline_points("对三类坝：一是审批；二是建设。");
        assert_eq!(p[1].2, "二是");
    }

    /// The regex [`numbered_after_stop`] replaced, with its number parsed
    /// as before.
    fn by_regex(text: &str) -> Vec<(usize, u32)> {
        let re = regex::Regex::new(r"[。；;）)]\s*(\d{1,2})[、．.]").expect("regex");
        re.captures_iter(text)
            .filter_map(|c| {
                let (all, num) = (c.get(0)?, c.get(1)?);
                let value = num.as_str().parse::<u32>().ok()?;
                let punct = all.as_str().chars().next().map_or(0, char::len_utf8);
                Some((all.start() + punct, value))
            })
            .collect()
    }

    #[test]
    fn numbered_after_stop_finds_items_in_one_paragraph() {
        let t = "1、甲。2、乙； 3．丙）4.丁。12、戊。123、己，5、庚。１2、辛";
        let got: Vec<u32> = numbered_after_stop(t).map(|(_, v)| v).collect();
        assert_eq!(got, [2, 3, 4, 12]);
        assert_eq!(numbered_after_stop(t).collect::<Vec<_>>(), by_regex(t));
    }

    proptest::proptest! {
        #[test]
        fn numbered_after_stop_matches_the_regex(
            text in "[。；;）)、．. \u{3000}\n0-9１２甲乙]{0,60}"
        ) {
            proptest::prop_assert_eq!(numbered_after_stop(&text).collect::<Vec<_>>(), by_regex(&text));
        }

        #[test]
        fn first_ascii_digit_is_the_first_digit(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..100)
        ) {
            proptest::prop_assert_eq!(
                first_ascii_digit(&bytes),
                bytes.iter().position(u8::is_ascii_digit)
            );
        }
    }

    /// [`units_note`]'s bracket walk as first written, over characters:
    /// the oracle for the byte walk.
    fn units_note_by_chars(text: &str) -> Option<String> {
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
            if is_unit_note(inner) {
                return Some(inner.to_string());
            }
        }
        None
    }

    proptest::proptest! {
        /// The byte walk finds the note the character walk found, over
        /// every bracket, their look-alikes sharing lead bytes (、。〈〉
        /// ＂：) and the note words.
        #[test]
        fn bracket_walk_matches_the_char_walk(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "（", "）", "(", ")", "〔", "〕", "[", "]", "【", "】", "、", "。", "〈", "〉",
                "＂", "：", " ", "牵头单位", "责任单位：", "市局", "牵头", "配合", "单位", "部门",
            ]), 0..16)
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(units_note(&text), units_note_by_chars(&text));
        }
    }

    proptest::proptest! {
        /// The window test says whether the byte test finds a bracket.
        #[test]
        fn window_test_is_the_byte_test(
            w in proptest::array::uniform18(proptest::sample::select(vec![
                b'(', b')', b'[', b']', b'Y', b'_', b'a', 0x80, 0x88, 0x89, 0x8A, 0x90, 0x91,
                0x92, 0x94, 0x95, 0x96, 0xBC, 0xBD, 0xE3, 0xE4, 0xEF,
            ]))
        ) {
            let by_bytes = (0..16).any(|i| bracket_at(&w, i).is_some());
            proptest::prop_assert_eq!(window_has_bracket(&w), by_bytes);
        }
    }

    #[test]
    fn bracket_bytes_are_the_bracket_characters() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let s = format!("{c}x");
            let want = match c {
                '（' | '(' | '〔' | '[' | '【' => Some((Bracket::Open, c.len_utf8())),
                '）' | ')' | '〕' | ']' | '】' => Some((Bracket::Close, c.len_utf8())),
                _ => None,
            };
            assert_eq!(bracket_at(s.as_bytes(), 0), want, "{c:?}");
            // No bracket inside the character's own encoding.
            for k in 1..c.len_utf8() {
                assert_eq!(bracket_at(s.as_bytes(), k), None, "{c:?} at {k}");
            }
        }
    }

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
    fn enumerated_items() {
        let below = items(&[("三是开展专项督查。", false)]);
        let m = parse(
            "一是制定清单，明确分工；二是每半年听取一次汇报，统一是非标准；",
            Span::default(),
            &below,
        );
        let got: Vec<(Option<&str>, &str)> = m
            .iter()
            .map(|m| (m.number.as_deref(), m.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("一是"), "制定清单，明确分工；"),
                (Some("二是"), "每半年听取一次汇报，统一是非标准；"),
                (Some("三是"), "开展专项督查。"),
            ]
        );
        // One item, or no 一是 first: not this shape.
        assert_eq!(parse("一是制定清单。", Span::default(), &[]).len(), 1);
        let m = parse("加强领导，一是…；二是…", Span::default(), &[]);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].number, None);
    }

    #[test]
    fn bracketed_items_in_one_paragraph() {
        let m = parse(
            "（1）规范格式；（2）建立制度。（3）(4)",
            Span::default(),
            &[],
        );
        let texts: Vec<(Option<&str>, &str)> = m
            .iter()
            .map(|m| (m.number.as_deref(), m.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (Some("（1）"), "规范格式；"),
                (Some("（2）"), "建立制度。"),
                (Some("（3）"), "(4)")
            ]
        );
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
