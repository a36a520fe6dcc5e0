//! The text as the date scanner sees it.
//!
//! Converted plans put spaces anywhere (`2018 年 12 月 31 日`) and mix
//! full-width and half-width forms (`２０１９年`, `～`, `－`). Rather than
//! teaching every pattern about both, the scanner reads a compact stream:
//! whitespace dropped, full-width digits, letters and dashes folded to ASCII.
//! Each character keeps its byte range in the original text, so a term's
//! `text` is still sliced from the input exactly as written, and remembers
//! whether whitespace preceded it, so `2018 2020` never reads as one number.

/// One visible character of the input.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ch {
    /// The folded character (`２` → `2`, `—` → `-`).
    pub c: char,
    /// Byte offset of the original character.
    pub start: usize,
    /// Byte offset just past the original character.
    pub end: usize,
    /// Whitespace stood between this character and the previous one.
    pub gap: bool,
}

/// The compact character stream over one input text.
pub(super) struct Stream<'a> {
    text: &'a str,
    cs: Vec<Ch>,
}

impl<'a> Stream<'a> {
    /// Fold `text` into its compact stream.
    pub fn new(text: &'a str) -> Stream<'a> {
        let mut cs = Vec::with_capacity(text.len() / 2 + 1);
        let mut gap = false;
        for (start, ch) in text.char_indices() {
            if ch.is_whitespace() {
                gap = true;
                continue;
            }
            if matches!(ch, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}') {
                continue;
            }
            cs.push(Ch {
                c: fold(ch),
                start,
                end: start + ch.len_utf8(),
                gap,
            });
            gap = false;
        }
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

    /// The character at `i` is `ch`.
    pub fn is(&self, i: usize, ch: char) -> bool {
        self.at(i) == Some(ch)
    }

    /// The character at `i` is one of `set`.
    pub fn any(&self, i: usize, set: &str) -> bool {
        self.at(i).is_some_and(|c| set.contains(c))
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
        let (Some(a), Some(b)) = (self.cs.get(i), j.checked_sub(1).and_then(|k| self.cs.get(k)))
        else {
            return "";
        };
        self.text.get(a.start..b.end).unwrap_or("")
    }

    /// Index just past the bracketed span opened at `i` by `open`, closed by
    /// `close` (nesting counted), or `None` when it never closes.
    pub fn skip_bracket(&self, i: usize, open: char, close: char) -> Option<usize> {
        let mut depth = 0usize;
        for (k, ch) in self.cs.iter().enumerate().skip(i) {
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

/// Fold full-width digits/letters/punctuation and dash variants to ASCII.
fn fold(ch: char) -> char {
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
    fn slice_keeps_original_spelling() {
        let s = Stream::new("于 2018 年 12 月完成");
        assert_eq!(s.slice(1, 9), "2018 年 12 月");
        assert_eq!(s.slice(3, 3), "");
        assert_eq!(s.slice(5, 100), "");
    }

    #[test]
    fn brackets_nest() {
        let s = Stream::new("《关于<2018年>》2019年");
        assert_eq!(s.skip_bracket(0, '《', '》'), Some(11));
        let open = Stream::new("《没有结束2018年");
        assert_eq!(open.skip_bracket(0, '《', '》'), None);
    }
}
