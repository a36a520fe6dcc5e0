//! Normalizers: pure functions from Chinese text to resolved values —
//! dates ([`date`]), responsible units ([`unit`]) and people ([`person`]).
//! They know nothing about documents; the parser hands them field text.

pub mod date;
pub mod issued;
pub mod person;
pub mod plan;
pub mod unit;

/// Whether one of `words` occurs in `s`, trying the words only at the
/// characters `may_start` accepts (their first characters). One pass over
/// `s`: a `str::contains` per word sets up a substring searcher each time,
/// which costs more than the whole pass for the short fields these run on.
pub(crate) fn contains_word(s: &str, words: &[&str], may_start: impl Fn(char) -> bool) -> bool {
    s.char_indices().any(|(i, c)| {
        may_start(c)
            && s.get(i..)
                .is_some_and(|rest| words.iter().any(|w| rest.starts_with(w)))
    })
}

/// `s.trim()`, skipped when neither end is whitespace: the unit and
/// person texts cut at separators rarely have any, and `trim` is a call
/// that walks in from both ends.
pub(crate) fn trim(s: &str) -> &str {
    match (s.chars().next(), s.chars().next_back()) {
        (Some(a), Some(b)) if !a.is_whitespace() && !b.is_whitespace() => s,
        _ => s.trim(),
    }
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
