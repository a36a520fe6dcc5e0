//! Numbering as plans write it: 反馈问题十三, （一）, 一、, 1、, 1., (1), 问题3.

/// Value of a Chinese (一…九十九, 百, 〇/零, 两) or Arabic (half- or
/// full-width) number.
pub fn number_value(s: &str) -> Option<u32> {
    // Numbers come without white space around them: the shortcut looks
    // at the end characters only.
    let s = crate::text::trim(s);
    if s.is_empty() {
        return None;
    }
    // Most are a few ASCII digits: folded from the bytes, the same value
    // (and the same overflow) as the character loop below.
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.bytes().try_fold(0u32, |v, b| {
            v.checked_mul(10)?.checked_add(u32::from(b - b'0'))
        });
    }
    if s.chars()
        .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        let mut v: u32 = 0;
        for c in s.chars() {
            let d = if c.is_ascii_digit() {
                c as u32 - '0' as u32
            } else {
                c as u32 - '０' as u32
            };
            v = v.checked_mul(10)?.checked_add(d)?;
        }
        return Some(v);
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '〇' | '零' => 0,
            '一' | '壹' => 1,
            '二' | '两' | '贰' => 2,
            '三' | '叁' => 3,
            '四' | '肆' => 4,
            '五' | '伍' => 5,
            '六' | '陆' => 6,
            '七' | '柒' => 7,
            '八' | '捌' => 8,
            '九' | '玖' => 9,
            _ => return None,
        })
    };
    let mut total = 0u32;
    let mut cur: Option<u32> = None;
    for c in s.chars() {
        match c {
            '十' | '拾' => {
                total = total.saturating_add(cur.unwrap_or(1).saturating_mul(10));
                cur = None;
            }
            '百' | '佰' => {
                total = total.saturating_add(cur.unwrap_or(1).saturating_mul(100));
                cur = None;
            }
            _ => {
                let d = digit(c)?;
                // 一〇 style digit strings: shift the pending digit.
                cur = Some(cur.map_or(d, |p| p.saturating_mul(10).saturating_add(d)));
            }
        }
    }
    Some(total.saturating_add(cur.unwrap_or(0)))
}

/// The numbering style of an outline item; items of one style are
/// siblings, a new style opens a child level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// 一、
    Chinese,
    /// （一）
    ParenChinese,
    /// 1、 1. 1．
    Arabic,
    /// （1） (1) 1）
    ParenArabic,
    /// ①
    Circled,
}

impl Style {
    /// The outline level the style usually marks: 一、 above （一） above
    /// 1. above （1） above ①.
    pub fn rank(self) -> u8 {
        match self {
            Style::Chinese => 0,
            Style::ParenChinese => 1,
            Style::Arabic => 2,
            Style::ParenArabic => 3,
            Style::Circled => 4,
        }
    }
}

/// A number at the start of a line: its style, the number as written
/// (without punctuation) and the rest of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered<'a> {
    pub style: Style,
    /// The number as written (（1） with its brackets).
    pub number: &'a str,
    pub value: u32,
    pub rest: &'a str,
}

/// Split a leading outline number off `text`: 一、 （一） 1、 1. 1． （1）
/// (1) 1） ①, then white space. Hand-written (this runs on every block of
/// every plan; a regex with captures cost ten times as much): the grammar
/// is the alternation below, tried in order, with `\d{1,3}` meaning a run
/// of at most three ASCII or full-width digits.
pub fn leading_number(text: &str) -> Option<Numbered<'_>> {
    let (style, num, after) = lead(text)?;
    let value = match style {
        Style::Circled => num.chars().next().map(|ch| ch as u32 - '①' as u32 + 1)?,
        _ => number_value(num)?,
    };
    let number = match style {
        // Keep the brackets as written: （1）.
        Style::ParenArabic | Style::ParenChinese => &text[..after],
        _ => num,
    };
    // The rest mostly starts right after the mark: trimmed only when not.
    let rest = &text[after..];
    let rest = if rest.starts_with(char::is_whitespace) {
        rest.trim_start()
    } else {
        rest
    };
    Some(Numbered {
        style,
        number,
        value,
        rest,
    })
}

/// An Arabic item number written with no separator (`4关于…` after item
/// 3): the digits must be exactly `expected` and be followed directly by
/// a CJK character that is no measure word or date part (4月, 4个, 4家
/// are quantities, not items). Only the next number in sequence is an
/// item this way: a bare number alone is too weak to open one.
pub(crate) fn bare_next_number(text: &str, expected: u32) -> Option<Numbered<'_>> {
    let t = text.trim_start();
    let end = run(t, 0, is_digit);
    if end == 0 || t[..end].chars().count() > 3 || number_value(&t[..end])? != expected {
        return None;
    }
    let next = char_at(t, end)?;
    const QUANTITY: &str = "年月日号时点分秒个万亿千百元角天次人名家处条项件座所户米吨亩周岁倍批辆台套份张本类种期届栋间块宗";
    if !('\u{3400}'..='\u{9fff}').contains(&next) || QUANTITY.contains(next) {
        return None;
    }
    Some(Numbered {
        style: Style::Arabic,
        number: &t[..end],
        value: expected,
        rest: &t[end..],
    })
}

pub(super) use crate::text::is_cn_digit;

/// Four digits then 年: a year at the start of `s`.
fn opens_with_year(s: &str) -> bool {
    let end = run(s, 0, is_digit);
    s[..end].chars().count() == 4 && char_at(s, end) == Some('年')
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Byte offset after the run of `pred` characters starting at `i`.
fn run(s: &str, i: usize, pred: impl Fn(char) -> bool) -> usize {
    s[i..]
        .char_indices()
        .find(|&(_, c)| !pred(c))
        .map_or(s.len(), |(k, _)| i + k)
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|r| r.chars().next())
}

/// After `i`, one of `close` (skipping white space first when `ws`).
fn closes(s: &str, i: usize, ws: bool, close: &[char]) -> Option<usize> {
    let i = if ws {
        run(s, i, char::is_whitespace)
    } else {
        i
    };
    let c = char_at(s, i)?;
    close.contains(&c).then(|| i + c.len_utf8())
}

/// The style, the number's text and the byte offset just after the
/// number's punctuation.
fn lead(s: &str) -> Option<(Style, &str, usize)> {
    let first = s.chars().next()?;
    if is_cn_digit(first) {
        let end = run(s, 0, is_cn_digit);
        let after = closes(s, end, true, &['、', '．', '.'])?;
        return Some((Style::Chinese, &s[..end], after));
    }
    if matches!(first, '（' | '(') {
        let start = run(s, first.len_utf8(), char::is_whitespace);
        let c = char_at(s, start)?;
        let (style, end) = if is_cn_digit(c) {
            (Style::ParenChinese, run(s, start, is_cn_digit))
        } else if is_digit(c) {
            let end = run(s, start, is_digit);
            if s[start..end].chars().count() > 3 {
                return None;
            }
            (Style::ParenArabic, end)
        } else {
            return None;
        };
        let after = closes(s, end, true, &['）', ')'])?;
        return Some((style, &s[start..end], after));
    }
    if is_digit(first) {
        let end = run(s, 0, is_digit);
        if s[..end].chars().count() > 3 {
            return None;
        }
        let num = &s[..end];
        let p = run(s, end, char::is_whitespace);
        match char_at(s, p) {
            Some(c @ ('、' | '．')) => return Some((Style::Arabic, num, p + c.len_utf8())),
            // "1.5公里" is a quantity, not an item.
            Some('.') => match char_at(s, p + 1) {
                // 3.2022年底前完成… is item 3 opening with a year: no
                // quantity has four decimals and then 年.
                Some(n) if is_digit(n) && opens_with_year(&s[p + 1..]) => {
                    return Some((Style::Arabic, num, p + 1));
                }
                Some(n) if is_digit(n) => {}
                // 1.. and 1.、 keep the second mark with the number.
                Some(n @ ('.' | '、' | '．')) => {
                    return Some((Style::Arabic, num, p + 1 + n.len_utf8()));
                }
                _ => return Some((Style::Arabic, num, p + 1)),
            },
            _ => {}
        }
        let after = closes(s, end, false, &['）', ')'])?;
        return Some((Style::ParenArabic, num, after));
    }
    ('①'..='⑳')
        .contains(&first)
        .then(|| (Style::Circled, &s[..first.len_utf8()], first.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;
    use std::sync::LazyLock;

    /// The regex `leading_number` was first written with: the oracle the
    /// hand-written scanner is checked against.
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:([一二三四五六七八九十]+)\s*[、．.]|[（(]\s*([一二三四五六七八九十]+)\s*[）)]|([0-9０-９]{1,3})\s*(?:[、．]|\.(?:[^0-9０-９]|$|[0-9０-９]{4}年))|[（(]\s*([0-9０-９]{1,3})\s*[）)]|([0-9０-９]{1,3})[）)]|([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))\s*",
        )
        .unwrap()
    });

    fn leading_number_by_regex(text: &str) -> Option<(Style, String, u32, &str)> {
        let c = LEAD.captures(text)?;
        let whole = c.get(0)?;
        let (style, num) = if let Some(m) = c.get(1) {
            (Style::Chinese, m.as_str())
        } else if let Some(m) = c.get(2) {
            (Style::ParenChinese, m.as_str())
        } else if let Some(m) = c.get(3) {
            (Style::Arabic, m.as_str())
        } else if let Some(m) = c.get(4) {
            (Style::ParenArabic, m.as_str())
        } else if let Some(m) = c.get(5) {
            (Style::ParenArabic, m.as_str())
        } else {
            (Style::Circled, c.get(6)?.as_str())
        };
        let value = match style {
            Style::Circled => num.chars().next().map(|ch| ch as u32 - '①' as u32 + 1)?,
            _ => number_value(num)?,
        };
        let mut end = whole.end();
        let matched = whole.as_str();
        if style == Style::Arabic
            && matched
                .trim_end()
                .ends_with(|ch: char| ch != '.' && ch != '、' && ch != '．')
            && let Some((i, _)) = matched.char_indices().rev().find(|&(_, ch)| ch == '.')
        {
            end = whole.start() + i + 1;
        }
        let number = match style {
            Style::ParenArabic | Style::ParenChinese => matched.trim_end().to_string(),
            _ => num.to_string(),
        };
        Some((style, number, value, text.get(end..)?.trim_start()))
    }

    proptest::proptest! {
        #[test]
        fn scanner_agrees_with_the_regex(s in "[一二三十（()）、．.0-9０５ 　①⑳x年]{0,8}") {
            let got = leading_number(&s).map(|n| (n.style, n.number.to_string(), n.value, n.rest));
            proptest::prop_assert_eq!(got, leading_number_by_regex(&s));
        }
    }

    proptest::proptest! {
        /// The ASCII shortcut gives what parsing the digits gives,
        /// overflow included.
        #[test]
        fn ascii_numbers_parse_as_u32(pre in "[ 　]?", digits in "[0-9]{1,12}", post in "[ 　]?") {
            let s = format!("{pre}{digits}{post}");
            proptest::prop_assert_eq!(number_value(&s), digits.parse::<u32>().ok());
        }
    }

    #[test]
    fn chinese_numbers() {
        for (s, v) in [
            ("一", 1),
            ("十", 10),
            ("十三", 13),
            ("二十", 20),
            ("二十一", 21),
            ("一百零五", 105),
            ("两", 2),
            ("１２", 12),
            ("20", 20),
        ] {
            assert_eq!(number_value(s), Some(v), "{s}");
        }
        assert_eq!(number_value("甲"), None);
        // Absurd input saturates instead of overflowing.
        assert!(number_value(&"九百".repeat(10_000)).is_some());
    }

    #[test]
    fn outline_numbers() {
        let n = leading_number("1、加强生态").unwrap();
        assert_eq!(
            (n.style, n.number, n.rest),
            (Style::Arabic, "1", "加强生态")
        );
        let n = leading_number("（2）建立").unwrap();
        assert_eq!(
            (n.style, n.number, n.value),
            (Style::ParenArabic, "（2）", 2)
        );
        let n = leading_number("二、全面开展").unwrap();
        assert_eq!((n.style, n.value, n.rest), (Style::Chinese, 2, "全面开展"));
        let n = leading_number("1. 全面清理").unwrap();
        assert_eq!((n.style, n.rest), (Style::Arabic, "全面清理"));
        assert!(leading_number("1.5公里").is_none());
        assert!(leading_number("2018年").is_none());
        assert!(leading_number("1234、").is_none());
        let n = leading_number("3）落实").unwrap();
        assert_eq!(
            (n.style, n.number, n.rest),
            (Style::ParenArabic, "3）", "落实")
        );
        let n = leading_number("⑫ 建立").unwrap();
        assert_eq!((n.style, n.value, n.rest), (Style::Circled, 12, "建立"));
        let n = leading_number("(三)实行").unwrap();
        assert_eq!((n.style, n.value), (Style::ParenChinese, 3));
    }

    #[test]
    fn bare_next_numbers() {
        let n = bare_next_number("4关于井盖下沉的问题。", 4).unwrap();
        assert_eq!(
            (n.style, n.number, n.rest),
            (Style::Arabic, "4", "关于井盖下沉的问题。")
        );
        // Only the next number, only before a CJK word, never a quantity.
        assert!(bare_next_number("5关于井盖下沉的问题。", 4).is_none());
        assert!(bare_next_number("4月底前完成。", 4).is_none());
        assert!(bare_next_number("4个乡镇未完成。", 4).is_none());
        assert!(bare_next_number("4.5公里", 4).is_none());
        assert!(bare_next_number("关于", 4).is_none());
    }
}
