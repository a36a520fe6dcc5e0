//! Small text helpers shared by the parser and the normalizers.

/// `s.trim()`, skipped when neither end is whitespace: the unit and
/// person texts cut at separators rarely have any, and `trim` is a call
/// that walks in from both ends.
pub(crate) fn trim(s: &str) -> &str {
    match (s.chars().next(), s.chars().next_back()) {
        (Some(a), Some(b)) if !a.is_whitespace() && !b.is_whitespace() => s,
        _ => s.trim(),
    }
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
