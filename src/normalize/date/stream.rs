//! The text as the date scanner sees it.
//!
//! Converted plans put spaces anywhere (`2018 年 12 月 31 日`) and mix
//! full-width and half-width forms (`２０１９年`, `～`, `－`). Rather than
//! teaching every pattern about both, the scanner reads a compact stream:
//! whitespace dropped, full-width digits, letters and dashes folded to ASCII.
//! Each character keeps its byte range in the original text, so a term's
//! `text` is still sliced from the input exactly as written, and remembers
//! whether whitespace preceded it, so `2018 2020` never reads as one number.

/// One visible character of the input: 12 bytes rather than the 24 that
/// two `usize` offsets take, since a stream entry is written for every
/// character of every measure text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ch {
    /// The folded character (`２` → `2`, `—` → `-`).
    pub c: char,
    /// Byte offset of the original character (texts past 4 GiB are cut
    /// there, see [`fill`]).
    pub start: u32,
    /// Byte length of the original character (1–4).
    pub len: u8,
    /// Whitespace stood between this character and the previous one.
    pub gap: bool,
}

impl Ch {
    /// Byte offset of the original character.
    fn start(self) -> usize {
        self.start as usize
    }

    /// Byte offset just past the original character.
    fn end(self) -> usize {
        self.start as usize + usize::from(self.len)
    }
}

/// The compact character stream over one input text.
pub(super) struct Stream<'a> {
    text: &'a str,
    cs: Vec<Ch>,
}

impl<'a> Stream<'a> {
    /// Run `f` over the compact stream of `text`. The character buffer is
    /// reused between calls on one thread: normalizing a field then costs
    /// no allocation for the stream.
    pub fn with<R>(text: &'a str, f: impl FnOnce(&Stream<'a>) -> R) -> R {
        let mut cs = BUFFER.with(|b| b.take());
        fill(&mut cs, text);
        let s = Stream { text, cs };
        let r = f(&s);
        let mut cs = s.cs;
        if cs.capacity() <= MAX_KEPT {
            cs.clear();
            BUFFER.with(|b| b.replace(cs));
        }
        r
    }

    /// Fold `text` into its compact stream (a fresh buffer).
    #[cfg(test)]
    pub fn new(text: &'a str) -> Stream<'a> {
        let mut cs = Vec::new();
        fill(&mut cs, text);
        Stream { text, cs }
    }

    /// Number of visible characters.
    pub fn len(&self) -> usize {
        self.cs.len()
    }

    /// The folded character at `i`, if any.
    pub fn at(&self, i: usize) -> Option<char> {
        self.cs.get(i).map(|c| c.c)
    }

    /// The character before `i`, if any.
    pub fn prev(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|j| self.at(j))
    }

    /// Whitespace preceded the character at `i`.
    pub fn gap(&self, i: usize) -> bool {
        self.cs.get(i).is_some_and(|c| c.gap)
    }

    /// The visible characters from `i` on, each with whether whitespace
    /// preceded it.
    pub fn ahead(&self, i: usize) -> impl Iterator<Item = (char, bool)> + '_ {
        self.cs.get(i..).unwrap_or(&[]).iter().map(|c| (c.c, c.gap))
    }

    /// The first index from `i` on whose character satisfies `pred`, or
    /// [`Stream::len`] when none does.
    pub fn find_from(&self, i: usize, pred: impl Fn(char) -> bool) -> usize {
        self.cs
            .get(i..)
            .and_then(|rest| rest.iter().position(|ch| pred(ch.c)))
            .map_or(self.cs.len(), |k| i + k)
    }

    /// The character at `i` is `ch`.
    pub fn is(&self, i: usize, ch: char) -> bool {
        self.at(i) == Some(ch)
    }

    /// The character at `i` is one of `set` (a short list of characters;
    /// compared one by one, cheaper than a substring search).
    pub fn any(&self, i: usize, set: &str) -> bool {
        self.at(i).is_some_and(|c| one_of(c, set))
    }

    /// The character at `i` is an ASCII digit.
    pub fn digit(&self, i: usize) -> bool {
        self.at(i).is_some_and(|c| c.is_ascii_digit())
    }

    /// If the stream at `i` spells `pat` (already folded), the index after it.
    pub fn lit(&self, i: usize, pat: &str) -> Option<usize> {
        let mut j = i;
        for p in pat.chars() {
            if self.at(j)? != p {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// The first of `pats` spelled at `i`: its position in `pats` and the
    /// index after it. Put longer patterns first where one prefixes another.
    pub fn first_lit(&self, i: usize, pats: &[&str]) -> Option<(usize, usize)> {
        pats.iter()
            .enumerate()
            .find_map(|(k, p)| self.lit(i, p).map(|end| (k, end)))
    }

    /// The original text of stream characters `i..j`, as written (inner
    /// whitespace included).
    pub fn slice(&self, i: usize, j: usize) -> &'a str {
        if i >= j {
            return "";
        }
        let (Some(a), Some(b)) = (
            self.cs.get(i),
            j.checked_sub(1).and_then(|k| self.cs.get(k)),
        ) else {
            return "";
        };
        self.text.get(a.start()..b.end()).unwrap_or("")
    }

    /// Index just past the bracketed span opened at `i` by `open`, closed by
    /// `close` (nesting counted), or `None` when it does not close within
    /// [`MAX_BRACKET`] characters — a title is never that long, and the bound
    /// keeps a text full of unclosed brackets linear.
    pub fn skip_bracket(&self, i: usize, open: char, close: char) -> Option<usize> {
        let mut depth = 0usize;
        for (k, ch) in self.cs.iter().enumerate().skip(i).take(MAX_BRACKET) {
            if ch.c == open {
                depth += 1;
            } else if ch.c == close {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(k + 1);
                }
            }
        }
        None
    }
}

/// `c` is one of the characters of `set`. Compares character by character:
/// for the short sets used here that beats `str::contains`, which searches
/// for the UTF-8 encoding of a non-ASCII `c` as a substring.
pub(super) fn one_of(c: char, set: &str) -> bool {
    set.chars().any(|x| x == c)
}

thread_local! {
    /// The reusable character buffer of [`Stream::with`].
    static BUFFER: std::cell::Cell<Vec<Ch>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The longest bracketed title skipped, in characters.
const MAX_BRACKET: usize = 300;

/// Buffers that grew past this many characters (a huge field) are freed
/// rather than kept for the thread's lifetime.
const MAX_KEPT: usize = 1 << 16;

/// Append the visible characters of `text` to `cs` (cleared first). Offsets
/// are kept as `u32`: a text longer than 4 GiB is read up to that point.
fn fill(cs: &mut Vec<Ch>, text: &str) {
    cs.clear();
    let bytes = text.as_bytes();
    let bytes = bytes.get(..u32::MAX as usize).unwrap_or(bytes);
    cs.reserve(bytes.len() / 3 + 1);
    let mut gap = false;
    let mut start = 0;
    while start < bytes.len() {
        // Almost every character of a plan is a CJK ideograph or CJK
        // punctuation that passes unchanged: runs of them are appended
        // without the general tests below, which cost more than the rest.
        let run_end = push_plain_run(cs, bytes, start, gap);
        if run_end > start {
            gap = false;
            start = run_end;
            continue;
        }
        let Some((ch, len)) = other_char(text, start) else {
            break;
        };
        let end = start + len;
        if end > bytes.len() {
            break;
        }
        match ch {
            Other::Space => gap = true,
            Other::Invisible => {}
            Other::Visible(c) => {
                cs.push(Ch {
                    c,
                    start: start as u32,
                    len: len as u8,
                    gap,
                });
                gap = false;
            }
        }
        start = end;
    }
}

/// Push the run of [`plain3`] characters that starts at `bytes[start..]`,
/// the first with `gap`; the index after the run.
///
/// The run is measured first and then appended in one `extend` over its
/// exact 3-byte chunks: an iterator of known length lets `Vec` reserve once
/// and write without a capacity test per character (a `push` loop keeps
/// the vector in memory, since each push may grow it). `bytes` is valid
/// UTF-8 cut at a length ≤ `u32::MAX`, so a lead byte E0–EF inside it is
/// followed by its two continuation bytes unless the cut falls there (then
/// the run stops and [`fill`] ends), and every offset fits in `u32`.
fn push_plain_run(cs: &mut Vec<Ch>, bytes: &[u8], start: usize, gap: bool) -> usize {
    let mut end = start;
    // Lead bytes E4–E9 (U+4000–U+9FFF) need no decoding to be let through.
    while let Some(&[b0, b1, b2]) = bytes.get(end..end + 3)
        && (matches!(b0, 0xE4..=0xE9) || b0 & 0xF0 == 0xE0 && plain3(decode3(b0, b1, b2)))
    {
        end += 3;
    }
    let Some(run) = bytes.get(start..end) else {
        return start;
    };
    let first = cs.len();
    cs.extend(run.chunks_exact(3).enumerate().map(|(k, b)| {
        let code = match *b {
            [b0, b1, b2] => decode3(b0, b1, b2),
            _ => 0,
        };
        Ch {
            c: char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
            start: (start + 3 * k) as u32,
            len: 3,
            gap: false,
        }
    }));
    if let Some(ch) = cs.get_mut(first) {
        ch.gap = gap;
    }
    end
}

/// The code point of a three-byte UTF-8 sequence.
fn decode3(b0: u8, b1: u8, b2: u8) -> u32 {
    (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F)
}

/// Three-byte characters that [`fill`] keeps exactly as they are (not
/// white space, not zero-width, not folded): CJK ideographs, the CJK
/// punctuation 、。《》「」【】〔〕 (U+3001–U+301B), the full-width ，！（）
/// ：；？ (U+FF00–U+FF0C, U+FF1A–U+FF20) and the quotes and dots
/// ‘’“”…• (U+2016–U+2027) — together nearly every character of a plan.
/// Tested against the general path over every three-byte character.
fn plain3(code: u32) -> bool {
    matches!(
        code,
        0x2016..=0x2027 | 0x3001..=0x301B | 0x301D..=0x9FFF | 0xFF00..=0xFF0C | 0xFF1A..=0xFF20
    )
}

/// A character outside the ideograph runs, as [`fill`] treats it.
enum Other {
    /// White space: dropped, and the next character has a gap.
    Space,
    /// Zero-width characters: dropped without a gap.
    Invisible,
    /// Kept, folded.
    Visible(char),
}

/// The character at byte `start` of `text` and its byte length. Kept out
/// of line: it is the rare case, and inlined it would crowd the registers
/// of [`fill`]'s loop.
#[inline(never)]
fn other_char(text: &str, start: usize) -> Option<(Other, usize)> {
    let ch = text.get(start..).and_then(|r| r.chars().next())?;
    let other = if is_ideograph(ch) {
        Other::Visible(ch)
    } else if is_space(ch) {
        Other::Space
    } else if matches!(ch, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}') {
        Other::Invisible
    } else {
        Other::Visible(fold(ch))
    };
    Some((other, ch.len_utf8()))
}

/// A character every test of [`fill`] lets through unchanged: CJK
/// ideographs (U+3400–U+9FFF, which also holds the Yijing hexagram symbols
/// U+4DC0–U+4DFF — neither white space nor folded either).
fn is_ideograph(ch: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&ch)
}

/// White space as the scanner sees it: Unicode white space plus the ASCII
/// vertical tab.
fn is_space(ch: char) -> bool {
    if ch.is_ascii() {
        ch.is_ascii_whitespace() || ch == '\u{b}'
    } else {
        ch.is_whitespace()
    }
}

/// Fold full-width digits/letters/punctuation and dash variants to ASCII.
fn fold(ch: char) -> char {
    if ch.is_ascii() {
        return ch;
    }
    match ch {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(ch as u32 - 0xFF10 + 0x30).unwrap_or(ch)
        }
        '－' | '—' | '–' | '―' | '‐' | '‑' | '‒' | '−' | '─' | '﹣' => '-',
        '～' | '〜' | '∼' => '~',
        '．' => '.',
        '／' => '/',
        _ => ch,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_drops_spaces() {
        let s = Stream::new("２０１９ 年—Ａ");
        let folded: String = (0..s.len()).filter_map(|i| s.at(i)).collect();
        assert_eq!(folded, "2019年-A");
        assert!(s.gap(4));
        assert!(!s.gap(3));
    }

    #[test]
    fn ideographs_and_other_characters_keep_their_offsets() {
        let text = "䷀年𠀀 a，２";
        let s = Stream::new(text);
        let folded: String = (0..s.len()).filter_map(|i| s.at(i)).collect();
        assert_eq!(folded, "䷀年𠀀a，2");
        assert_eq!(s.slice(0, s.len()), text);
        assert_eq!(s.slice(2, 3), "𠀀");
        assert!(s.gap(3));
    }

    #[test]
    fn slice_keeps_original_spelling() {
        let s = Stream::new("于 2018 年 12 月完成");
        assert_eq!(s.slice(1, 9), "2018 年 12 月");
        assert_eq!(s.slice(3, 3), "");
        assert_eq!(s.slice(5, 100), "");
    }

    #[test]
    fn plain_three_byte_characters_pass_unchanged() {
        for code in 0x800..=0xFFFF_u32 {
            let Some(ch) = char::from_u32(code) else {
                continue;
            };
            let mut buf = [0; 4];
            let text: &str = ch.encode_utf8(&mut buf);
            let general = match other_char(text, 0) {
                Some((Other::Visible(c), 3)) => Some(c),
                _ => None,
            };
            if plain3(code) {
                assert_eq!(general, Some(ch), "U+{code:04X}");
                let mut cs = Vec::new();
                assert_eq!(push_plain_run(&mut cs, text.as_bytes(), 0, true), 3);
                assert!(cs.first().is_some_and(|c| c.c == ch && c.gap && c.len == 3));
            }
        }
    }

    /// The stream as the general per-character path builds it.
    fn fill_general(text: &str) -> Vec<(char, u32, u8, bool)> {
        let mut out = Vec::new();
        let mut gap = false;
        for (start, ch) in text.char_indices() {
            match other_char(text, start) {
                Some((Other::Space, _)) => gap = true,
                Some((Other::Invisible, _)) => {}
                Some((Other::Visible(c), len)) => {
                    out.push((c, start as u32, len as u8, gap));
                    gap = false;
                }
                None => unreachable!("{ch}"),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn runs_equal_the_general_path(
            text in "[ \t　\u{200b}a２—～，。、“”《》（）年月一二〇𠀀䷀\u{3000}\u{301c}\u{ff0d}0-9]{0,40}"
        ) {
            let s = Stream::new(&text);
            let got: Vec<_> = s.cs.iter().map(|c| (c.c, c.start, c.len, c.gap)).collect();
            proptest::prop_assert_eq!(got, fill_general(&text));
        }
    }

    #[test]
    fn brackets_nest() {
        let s = Stream::new("《关于<2018年>》2019年");
        assert_eq!(s.skip_bracket(0, '《', '》'), Some(11));
        let open = Stream::new("《没有结束2018年");
        assert_eq!(open.skip_bracket(0, '《', '》'), None);
    }
}
