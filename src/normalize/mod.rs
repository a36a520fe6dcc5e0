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

pub(crate) use crate::text::trim;
