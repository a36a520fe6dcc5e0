//! Text hygiene, applied once to every reader's [`Doc`] by
//! [`super::read`]: control characters removed, radical and compatibility
//! forms of ideographs mapped to the unified ideographs they stand for.
//!
//! Both come from the files, not from the plans' authors: NUL and other C0
//! controls from broken converters and hostile files; Kangxi radicals
//! (⼀ U+2F00 for 一, ⼯ for 工), CJK Radicals Supplement forms (⻓ for 长)
//! and CJK Compatibility Ideographs from PDF fonts whose ToUnicode maps
//! glyphs to them (Noto/Source Han through Word, WPS, Skia), and from text
//! copied out of such PDFs. A value never keeps the radical form: （⼀） is
//! not （一） to the parser. Each kind of repair gives one diagnostic with
//! its count.
//!
//! The mapping is `data/radicals.tsv`, generated from the Unicode data by
//! `scripts/gen-radicals.py` (never typed by hand).

use std::sync::OnceLock;

use super::{Block, Doc, normalize_inline, plain_text};

/// The generated table: `FORM\tIDEOGRAPH` in hex, `#` comments.
const TABLE: &str = include_str!("data/radicals.tsv");

/// The forms' blocks: CJK Radicals Supplement and Kangxi Radicals, and
/// CJK Compatibility Ideographs.
const RADICALS: std::ops::RangeInclusive<u32> = 0x2E80..=0x2FD5;
const COMPAT: std::ops::RangeInclusive<u32> = 0xF900..=0xFAD9;

/// The unified ideograph for each code point of [`RADICALS`] then
/// [`COMPAT`], or `'\0'` where the table has none.
fn forms() -> &'static [char] {
    static FORMS: OnceLock<Vec<char>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let radicals = RADICALS.count();
        let mut v = vec!['\0'; radicals + COMPAT.count()];
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line
                .split('\t')
                .map(|h| u32::from_str_radix(h.trim(), 16).ok());
            let (Some(Some(from)), Some(Some(to))) = (cols.next(), cols.next()) else {
                continue;
            };
            let slot = if RADICALS.contains(&from) {
                from - RADICALS.start()
            } else if COMPAT.contains(&from) {
                from - COMPAT.start() + radicals as u32
            } else {
                continue;
            };
            if let (Some(s), Some(c)) = (v.get_mut(slot as usize), char::from_u32(to)) {
                *s = c;
            }
        }
        v
    })
}

/// The unified ideograph `c` stands for, when `c` is a mapped form.
pub(crate) fn unified(c: char) -> Option<char> {
    let cp = c as u32;
    let slot = if RADICALS.contains(&cp) {
        cp - RADICALS.start()
    } else if COMPAT.contains(&cp) {
        cp - COMPAT.start() + RADICALS.count() as u32
    } else {
        return None;
    };
    forms().get(slot as usize).copied().filter(|&u| u != '\0')
}

/// Is `c` a control character to remove: C0 but tab and the line breaks
/// (white space, which [`normalize_inline`] already handles)?
fn is_control(c: char) -> bool {
    c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// Might `s` hold something to clean? A byte scan: a control byte, or the
/// first two bytes of U+2E80–U+2FFF (E2 BA–BF) or U+F900–U+FAFF
/// (EF A4–AB). False positives are only looked at again.
fn suspect(s: &str) -> bool {
    let b = s.as_bytes();
    let Some((&last, _)) = b.split_last() else {
        return false;
    };
    // 0x09–0x0D are white space, not controls to remove.
    let control = |x: u8| (x < 0x09) | ((x > 0x0D) & (x < 0x20));
    // One branch-free pass over each byte and the next, which the compiler
    // vectorizes: full-width punctuation (EF BC …) is in every line of
    // Chinese, so searching for the lead bytes alone stops too often.
    let pairs = b
        .iter()
        .zip(b.get(1..).unwrap_or_default())
        .fold(false, |acc, (&x, &y)| {
            acc | control(x)
                | ((x == 0xE2) & (y.wrapping_sub(0xBA) < 6))
                | ((x == 0xEF) & (y.wrapping_sub(0xA4) < 8))
        });
    pairs || control(last)
}

/// What cleaning removed and mapped.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    pub controls: usize,
    pub forms: usize,
}

/// `s` cleaned, counting into `n`.
pub(crate) fn clean(s: &str, n: &mut Counts) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_control(c) {
            n.controls += 1;
        } else if let Some(u) = unified(c) {
            n.forms += 1;
            out.push(u);
        } else {
            out.push(c);
        }
    }
    out
}

/// Clean one block, its table's cells included.
fn clean_block(b: &mut Block, n: &mut Counts) {
    if let Some(t) = &mut b.table {
        for cell in t.rows.iter_mut().flatten() {
            for inner in &mut cell.blocks {
                clean_block(inner, n);
            }
        }
    }
    if b.held_as_text() {
        if suspect(&b.text) {
            b.text = normalize_inline(&clean(&b.text, n));
        }
        return;
    }
    if !b.runs.iter().any(|r| suspect(&r.text)) {
        return;
    }
    for r in &mut b.runs {
        if suspect(&r.text) {
            r.text = clean(&r.text, n);
        }
    }
    b.text = plain_text(&b.runs);
    b.drop_plain_run();
}

/// Clean every block of `doc`, adding one diagnostic per kind of repair.
pub(crate) fn clean_doc(doc: &mut Doc) {
    let mut n = Counts::default();
    for b in &mut doc.blocks {
        clean_block(b, &mut n);
    }
    // The readers' own diagnostics quote the text as it was.
    for d in &mut doc.diagnostics {
        if suspect(&d.message) {
            d.message = clean(&d.message, &mut Counts::default());
        }
    }
    if n.controls > 0 {
        doc.diagnostics
            .push(crate::diag!(ControlCharactersRemoved; count = n.controls));
    }
    if n.forms > 0 {
        doc.diagnostics
            .push(crate::diag!(RadicalFormsMapped; count = n.forms));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicals_and_compatibility_forms_map_to_unified_ideographs() {
        for (form, want) in [
            ('⼀', '一'),
            ('⼯', '工'),
            ('⻓', '长'),
            ('\u{F900}', '\u{8C48}'),
        ] {
            assert_eq!(unified(form), Some(want), "{form}");
        }
        // A compatibility ideograph that is a unified ideograph itself.
        assert_eq!(unified('\u{FA0E}'), None);
        assert_eq!(unified('一'), None);
        assert_eq!(unified('，'), None);
    }

    #[test]
    fn the_generated_table_has_every_kangxi_radical() {
        assert!((0x2F00..=0x2FD5).all(|cp| char::from_u32(cp).and_then(unified).is_some()));
    }

    #[test]
    fn clean_counts_what_it_removes_and_maps() {
        let mut n = Counts::default();
        assert_eq!(
            clean("（⼀）整改\0责任\u{1}\t单位", &mut n),
            "（一）整改责任\t单位"
        );
        assert_eq!(
            n,
            Counts {
                controls: 2,
                forms: 1
            }
        );
        assert!(!suspect("整改时限：2019年“底”，、。\t\n"));
    }

    /// The byte scan flags exactly the controls and the two blocks' lead
    /// bytes, for every character of the Basic Multilingual Plane, alone
    /// and inside text.
    #[test]
    fn suspect_agrees_with_the_characters() {
        for cp in 0..0x1_0000u32 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let want =
                is_control(c) || (0x2E80..=0x2FFF).contains(&cp) || (0xF900..=0xFAFF).contains(&cp);
            assert_eq!(suspect(&c.to_string()), want, "U+{cp:04X}");
            assert_eq!(
                suspect(&format!("整改“{c}”完成")),
                want,
                "U+{cp:04X} in text"
            );
        }
    }
}
