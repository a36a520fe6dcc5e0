//! White space in extracted text, and the fast search for it.
//!
//! Every line of every document passes through [`first_space`], so it is
//! one of the hottest loops of the whole pipeline. Chinese text defeats a
//! lead-byte search: the lead bytes of the non-ASCII spaces (E2, E3, EF)
//! also start the CJK punctuation written every few characters. The search
//! therefore matches whole byte patterns — E3 80 80 is U+3000, E3 80 81
//! is `、` — sixteen positions at a time (SSE2, in every x86_64 CPU), and
//! confirms each candidate with [`space_at`]. UTF-8 makes this sound: the
//! bytes tested first are never continuation bytes, so a pattern match is
//! always a character start.

/// White space for [`super::normalize_inline`]: Unicode white space plus
/// the zero-width space and BOM converters leave behind.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

/// Does an [`is_space`] character start at byte `k` of `b`? Decided on the
/// bytes alone: the UTF-8 encodings of U+0009–000D, U+0020, U+0085,
/// U+00A0, U+1680, U+2000–200B, U+2028, U+2029, U+202F, U+205F, U+3000
/// and U+FEFF.
#[inline]
fn space_at(b: &[u8], k: usize) -> bool {
    let at = |d: usize| b.get(k + d).copied().unwrap_or(0);
    match at(0) {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => true,
        0xC2 => matches!(at(1), 0x85 | 0xA0),
        0xE1 => (at(1), at(2)) == (0x9A, 0x80),
        0xE2 => matches!(
            (at(1), at(2)),
            (0x80, 0x80..=0x8B | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)
        ),
        0xE3 => (at(1), at(2)) == (0x80, 0x80),
        0xEF => (at(1), at(2)) == (0xBB, 0xBF),
        _ => false,
    }
}

/// Byte offset of the first [`is_space`] character of `s`.
pub(crate) fn first_space(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86_64 baseline; every x86_64 CPU
        // has it.
        unsafe { sse2::first_space(b) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        (0..b.len()).find(|&k| space_at(b, k))
    }
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8,
    };

    /// Bytes a candidate block reads: 16 lanes and two bytes of look-ahead.
    const READ: usize = 18;

    /// A bit per lane of the 16 bytes at `p` that may start a space: an
    /// ASCII control or space, a C2 or E1 lead, E2 80 / E2 81, E3 80 80,
    /// EF BB. Only E2 80 (the quotes and dashes) leaves many false
    /// candidates, and those are rare in Chinese text.
    ///
    /// # Safety
    /// `p` must have [`READ`] readable bytes.
    #[target_feature(enable = "sse2")]
    unsafe fn candidates(p: *const u8) -> u32 {
        let k = |v: u8| _mm_set1_epi8(v as i8);
        // SAFETY: the caller guarantees READ readable bytes at p.
        let (x, y, z) = unsafe {
            (
                _mm_loadu_si128(p.cast()),
                _mm_loadu_si128(p.add(1).cast()),
                _mm_loadu_si128(p.add(2).cast()),
            )
        };
        let controls = _mm_cmpeq_epi8(_mm_min_epu8(x, k(0x20)), x);
        let rare = _mm_or_si128(_mm_cmpeq_epi8(x, k(0xC2)), _mm_cmpeq_epi8(x, k(0xE1)));
        let y80 = _mm_cmpeq_epi8(y, k(0x80));
        let e2 = _mm_and_si128(
            _mm_cmpeq_epi8(x, k(0xE2)),
            _mm_or_si128(y80, _mm_cmpeq_epi8(y, k(0x81))),
        );
        let e3 = _mm_and_si128(
            _mm_and_si128(_mm_cmpeq_epi8(x, k(0xE3)), y80),
            _mm_cmpeq_epi8(z, k(0x80)),
        );
        let ef = _mm_and_si128(_mm_cmpeq_epi8(x, k(0xEF)), _mm_cmpeq_epi8(y, k(0xBB)));
        let any = _mm_or_si128(
            _mm_or_si128(controls, rare),
            _mm_or_si128(e2, _mm_or_si128(e3, ef)),
        );
        _mm_movemask_epi8(any) as u32
    }

    /// [`super::first_space`] on bytes, sixteen positions at a time.
    ///
    /// # Safety
    /// The CPU must support SSE2 (every x86_64 CPU does).
    #[target_feature(enable = "sse2")]
    pub(super) unsafe fn first_space(b: &[u8]) -> Option<usize> {
        // The first confirmed candidate among the lanes of `mask`, lane 0
        // being byte `at`.
        let confirm = |at: usize, mut mask: u32| {
            while mask != 0 {
                let k = at + mask.trailing_zeros() as usize;
                if super::space_at(b, k) {
                    return Some(k);
                }
                mask &= mask - 1;
            }
            None
        };
        let mut i = 0;
        while i + READ <= b.len() {
            // SAFETY: i + READ <= b.len().
            let mask = unsafe { candidates(b.as_ptr().add(i)) };
            if let Some(k) = confirm(i, mask) {
                return Some(k);
            }
            i += 16;
        }
        // The tail, shorter than READ (so at most two blocks, at 0 and
        // 16), copied into a buffer padded with 0xFF: no candidate test
        // matches that byte, and lanes past the end are masked off anyway.
        let rest = b.len() - i;
        let mut pad = [0xFF_u8; 16 + READ];
        pad[..rest].copy_from_slice(&b[i..]);
        let mut off = 0;
        while off < rest {
            // SAFETY: off is 0 or 16 (off < rest < READ), so
            // off + READ <= 16 + READ == pad.len().
            let mask = unsafe { candidates(pad.as_ptr().add(off)) };
            let live = if rest - off >= 16 {
                u32::MAX
            } else {
                (1_u32 << (rest - off)) - 1
            };
            if let Some(k) = confirm(i + off, mask & live) {
                return Some(k);
            }
            off += 16;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_kind_of_space() {
        let spaces = [
            ' ', '\t', '\n', '\r', '\u{0b}', '\u{0c}', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}',
            '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}', '\u{200b}',
            '\u{feff}',
        ];
        for sp in spaces {
            // Prefixes put the space in the tail, at a block boundary and
            // past it.
            for prefix in [
                "",
                "a",
                "整改",
                "，。",
                "𠀀x",
                "\u{2010}",
                "整改工作方案",
                "一二三四五六七八九十",
            ] {
                let s = format!("{prefix}{sp}尾");
                assert_eq!(first_space(&s), Some(prefix.len()), "{s:?}");
                let long = format!("{prefix}{}{sp}", "，整“”改。".repeat(7));
                assert_eq!(first_space(&long), long.find(is_space), "{long:?}");
            }
        }
        for s in [
            "整改，。“”—…",
            "\u{2010}\u{3001}\u{ff0c}\u{e000}¢\u{fec0}\u{1681}",
            "",
        ] {
            assert_eq!(first_space(s), None, "{s:?}");
        }
    }

    #[test]
    fn every_offset_of_a_block_is_searched() {
        for len in 0..60 {
            for at in 0..=len {
                let mut s = "改".repeat(len);
                s.insert(at * 3, '\u{3000}');
                assert_eq!(first_space(&s), Some(at * 3), "{len} {at}");
                let mut a = "x".repeat(len);
                a.insert(at, ' ');
                assert_eq!(first_space(&a), Some(at), "{len} {at}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn byte_scan_agrees_with_char_scan(s in proptest::prelude::any::<String>()) {
            proptest::prop_assert_eq!(first_space(&s), s.find(is_space));
        }

        #[test]
        fn byte_scan_agrees_on_chinese_text(
            s in "[整改年，。、“”—…（）a1\u{85}\u{a0}\u{a9}\u{1680}\u{1681}\u{2000}\u{200b}\u{200c}\u{2028}\u{205f}\u{2060}\u{3000}\u{3001}\u{feff}\u{fec0} \t\u{1f}]{0,80}"
        ) {
            proptest::prop_assert_eq!(first_space(&s), s.find(is_space));
        }
    }
}
