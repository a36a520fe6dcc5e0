//! Numbering as plans write it: 反馈问题十三, （一）, 一、, 1、, 1., (1), 问题3.

use std::sync::LazyLock;

use regex::Regex;

/// Value of a Chinese (一…九十九, 百, 〇/零, 两) or Arabic (half- or
/// full-width) number.
pub fn number_value(s: &str) -> Option<u32> {
    let s = s.trim();
    if s.is_empty() {
        return None;
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

/// A number at the start of a line: its style, the number as written
/// (without punctuation) and the rest of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered<'a> {
    pub style: Style,
    pub number: String,
    pub value: u32,
    pub rest: &'a str,
}

static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:([一二三四五六七八九十]+)\s*[、．.]|[（(]\s*([一二三四五六七八九十]+)\s*[）)]|(\d{1,3})\s*(?:[、．]|\.(?:\D|$))|[（(]\s*(\d{1,3})\s*[）)]|(\d{1,3})[）)]|([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]))\s*",
    )
    .expect("static regex")
});

/// Split a leading outline number off `text`.
pub fn leading_number(text: &str) -> Option<Numbered<'_>> {
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
        let m = c.get(6)?;
        (Style::Circled, m.as_str())
    };
    let value = match style {
        Style::Circled => num.chars().next().map(|ch| ch as u32 - '①' as u32 + 1)?,
        _ => number_value(num)?,
    };
    // "1.5公里" is a quantity, not an item: a dot must not be followed by
    // a digit (the regex's (?:\D|$) consumed one character: give it back).
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
    let rest = text.get(end..)?.trim_start();
    let number = match style {
        Style::ParenArabic | Style::ParenChinese => {
            let w = whole.as_str().trim_end();
            // Keep the brackets as written: （1）.
            w.trim_end_matches(|ch: char| ch.is_whitespace())
                .to_string()
        }
        _ => num.to_string(),
    };
    Some(Numbered {
        style,
        number,
        value,
        rest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
            (n.style, n.number.as_str(), n.rest),
            (Style::Arabic, "1", "加强生态")
        );
        let n = leading_number("（2）建立").unwrap();
        assert_eq!(
            (n.style, n.number.as_str(), n.value),
            (Style::ParenArabic, "（2）", 2)
        );
        let n = leading_number("二、全面开展").unwrap();
        assert_eq!((n.style, n.value, n.rest), (Style::Chinese, 2, "全面开展"));
        let n = leading_number("1. 全面清理").unwrap();
        assert_eq!((n.style, n.rest), (Style::Arabic, "全面清理"));
        assert!(leading_number("1.5公里").is_none());
        assert!(leading_number("2018年").is_none());
        let n = leading_number("(三)实行").unwrap();
        assert_eq!((n.style, n.value), (Style::ParenChinese, 3));
    }
}
