//! Normalizers: pure functions from Chinese text to resolved values —
//! dates ([`date`]), responsible units ([`unit`]) and people ([`person`]).
//! They know nothing about documents; the parser hands them field text.

pub mod date;
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

/// `s.trim()`, skipped when neither end can be whitespace, read from the
/// end bytes: the unit and person texts cut at separators rarely have
/// any, and `trim` is a call decoding both ends.
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    if b.first().is_some_and(|&x| may_start_space(x)) || b.last().is_some_and(|&x| may_end_space(x))
    {
        s.trim()
    } else {
        s
    }
}

/// Whether a character starting with byte `x` may be whitespace: ASCII
/// ones, U+0085 and U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2) and
/// U+3000 (E3) (a test checks all of Unicode).
fn may_start_space(x: u8) -> bool {
    matches!(x, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// Whether a character ending with byte `x` may be whitespace (the last
/// bytes of those listed at [`may_start_space`]).
fn may_end_space(x: u8) -> bool {
    matches!(x, b'\t'..=b'\r' | b' ' | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF)
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
