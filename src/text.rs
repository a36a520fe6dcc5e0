//! Small text helpers shared by the readers, the parser and the normalizers.

/// `s.trim()`, skipped when neither end is whitespace: the unit and
/// person texts cut at separators rarely have any, and `trim` is a call
/// that walks in from both ends.
pub(crate) fn trim(s: &str) -> &str {
    match (s.chars().next(), s.chars().next_back()) {
        (Some(a), Some(b)) if !a.is_whitespace() && !b.is_whitespace() => s,
        _ => s.trim(),
    }
}

/// A line that is a full date and nothing else — a signature's date line
/// (2023年4月18日, 二〇二三年四月十八日, ２０２４年３月６日, 2024 年 3 月 8
/// 日, 2018.06.15): the readers never join it to a sentence, the parser
/// ends a checklist at it.
pub(crate) fn is_date_line(text: &str) -> bool {
    let t = text.trim();
    if t.chars().count() > 24 {
        return false;
    }
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let numeral = |c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || matches!(c, '〇' | '○' | '零')
            || is_cn_digit(c)
    };
    let fits = |p: Option<&str>, max: usize, ok: &dyn Fn(char) -> bool| {
        p.is_some_and(|p| !p.is_empty() && p.chars().count() <= max && p.chars().all(ok))
    };
    if let Some(rest) = t.strip_suffix('日') {
        let mut parts = rest.split(['年', '月']);
        return fits(parts.next(), 4, &numeral)
            && fits(parts.next(), 3, &numeral)
            && fits(parts.next(), 3, &numeral)
            && parts.next().is_none();
    }
    // 2018.06.15, 2018-6-15, 2018/06/15
    let digit = |c: char| c.is_ascii_digit();
    let mut parts = t.split(['.', '-', '/']);
    parts
        .next()
        .is_some_and(|y| y.len() == 4 && y.chars().all(digit))
        && fits(parts.next(), 2, &digit)
        && fits(parts.next(), 2, &digit)
        && parts.next().is_none()
}

/// A Chinese numeral 一 … 十 (of 一、 and 第十 numbering).
pub fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_agrees_with_str_trim_for_every_character() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            for s in [format!("{c}市局"), format!("市局{c}"), c.to_string()] {
                assert_eq!(trim(&s), s.trim(), "{c:?}");
            }
        }
        assert_eq!(trim(""), "");
    }
}
