//! CMaps: the tables that turn the bytes of a PDF string into character
//! codes (code space ranges) and codes into Unicode (`/ToUnicode`:
//! `bfchar`, `bfrange` with its array form), plus the predefined Chinese
//! CMaps a Type 0 font may name instead of embedding one.
//!
//! The parser is a small PostScript tokenizer that only understands the
//! operators CMaps use; anything else is skipped, so a damaged CMap yields
//! the mappings before the damage rather than an error.

use std::collections::HashMap;

/// Upper bound on the codes one CMap may map, so a hostile `bfrange`
/// (`<0000> <FFFFFFFF>`) cannot allocate without limit.
const MAX_ENTRIES: usize = 1 << 18;

/// One `begincodespacerange` entry: codes of `len` bytes in `lo..=hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeRange {
    pub len: u8,
    pub lo: u32,
    pub hi: u32,
}

/// A parsed CMap: its code space and the code → Unicode map.
#[derive(Debug, Clone, Default)]
pub struct CMap {
    pub codespace: Vec<CodeRange>,
    map: HashMap<(u8, u32), String>,
    /// Code lengths seen in mappings, used when the code space is missing.
    lens_seen: [bool; 5],
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Int(i64),
    Name(Vec<u8>),
    Kw(Vec<u8>),
    Open,
    Close,
}

fn tokenize(src: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = src.get(i) {
        match c {
            b'%' => {
                while src.get(i).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    i += 1;
                }
            }
            b'<' if src.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if src.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                i += 1;
                let mut digits = Vec::new();
                while let Some(&h) = src.get(i) {
                    i += 1;
                    if h == b'>' {
                        break;
                    }
                    if let Some(v) = hex_val(h) {
                        digits.push(v);
                    }
                }
                if digits.len() % 2 == 1 {
                    digits.push(0);
                }
                out.push(Tok::Hex(
                    digits.chunks(2).map(|p| p[0] * 16 + p[1]).collect(),
                ));
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'(' => {
                // Strings only appear in CIDSystemInfo; skip them, nested
                // parentheses and escapes included.
                let mut depth = 0usize;
                while let Some(&s) = src.get(i) {
                    i += 1;
                    match s {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            b'/' => {
                i += 1;
                let start = i;
                while src.get(i).is_some_and(|&c| is_regular(c)) {
                    i += 1;
                }
                out.push(Tok::Name(src[start..i].to_vec()));
            }
            c if c.is_ascii_whitespace() || c == b'{' || c == b'}' || c == b'>' || c == b')' => {
                i += 1
            }
            _ => {
                let start = i;
                while src.get(i).is_some_and(|&c| is_regular(c)) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                    continue;
                }
                let word = &src[start..i];
                match std::str::from_utf8(word).ok().and_then(|s| s.parse().ok()) {
                    Some(n) => out.push(Tok::Int(n)),
                    None => out.push(Tok::Kw(word.to_vec())),
                }
            }
        }
    }
    out
}

fn is_regular(c: u8) -> bool {
    !c.is_ascii_whitespace() && !b"()<>[]{}/%".contains(&c)
}

fn hex_val(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

fn be_value(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

/// UTF-16BE bytes → text; unpaired surrogates become U+FFFD.
pub fn utf16be(bytes: &[u8]) -> String {
    let units = bytes
        .chunks(2)
        .map(|p| u16::from_be_bytes([p[0], p.get(1).copied().unwrap_or(0)]));
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

impl CMap {
    /// Parse a CMap stream (ToUnicode or embedded encoding CMap).
    pub fn parse(src: &[u8]) -> CMap {
        let toks = tokenize(src);
        let mut cmap = CMap::default();
        let mut i = 0;
        while let Some(t) = toks.get(i) {
            i += 1;
            let Tok::Kw(kw) = t else { continue };
            match kw.as_slice() {
                b"begincodespacerange" => i = cmap.codespace_section(&toks, i),
                b"beginbfchar" => i = cmap.bfchar_section(&toks, i),
                b"beginbfrange" => i = cmap.bfrange_section(&toks, i),
                _ => {}
            }
        }
        cmap
    }

    fn codespace_section(&mut self, toks: &[Tok], mut i: usize) -> usize {
        while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1)) {
            if (1..=4).contains(&lo.len()) {
                self.codespace.push(CodeRange {
                    len: lo.len() as u8,
                    lo: be_value(lo),
                    hi: be_value(hi),
                });
            }
            i += 2;
        }
        i
    }

    fn bfchar_section(&mut self, toks: &[Tok], mut i: usize) -> usize {
        while let Some(Tok::Hex(src)) = toks.get(i) {
            match toks.get(i + 1) {
                Some(Tok::Hex(dst)) => self.insert(src, utf16be(dst)),
                Some(Tok::Name(n)) => {
                    if let Some(s) = super::glyphs::glyph_name_to_unicode(n) {
                        self.insert(src, s);
                    }
                }
                _ => return i + 1,
            }
            i += 2;
        }
        i
    }

    fn bfrange_section(&mut self, toks: &[Tok], mut i: usize) -> usize {
        while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (toks.get(i), toks.get(i + 1)) {
            let (lo_v, hi_v) = (be_value(lo), be_value(hi));
            let len = lo.len();
            let count = hi_v.saturating_sub(lo_v) as usize + 1;
            i += 2;
            match toks.get(i) {
                Some(Tok::Hex(dst)) => {
                    i += 1;
                    if self.map.len() + count > MAX_ENTRIES {
                        continue;
                    }
                    for k in 0..count {
                        let code = lo_v + k as u32;
                        self.insert_code(len, code, increment_utf16(dst, k as u32));
                    }
                }
                Some(Tok::Open) => {
                    i += 1;
                    let mut k = 0u32;
                    while let Some(Tok::Hex(dst)) = toks.get(i) {
                        if (k as usize) < count && self.map.len() < MAX_ENTRIES {
                            self.insert_code(len, lo_v + k, utf16be(dst));
                        }
                        k += 1;
                        i += 1;
                    }
                    if toks.get(i) == Some(&Tok::Close) {
                        i += 1;
                    }
                }
                _ => return i,
            }
        }
        i
    }

    fn insert(&mut self, src: &[u8], text: String) {
        self.insert_code(src.len(), be_value(src), text);
    }

    fn insert_code(&mut self, len: usize, code: u32, text: String) {
        if (1..=4).contains(&len) && self.map.len() < MAX_ENTRIES {
            self.lens_seen[len] = true;
            self.map.insert((len as u8, code), text);
        }
    }

    /// The Unicode text of a code of `len` bytes.
    pub fn lookup(&self, len: u8, code: u32) -> Option<&str> {
        self.map.get(&(len, code)).map(String::as_str)
    }

    /// True when the CMap maps nothing.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Length of the code starting at `bytes[0]`, from the code space; with
    /// no code space, the lengths the mappings use. `None` when nothing fits.
    pub fn code_len(&self, bytes: &[u8]) -> Option<u8> {
        if !self.codespace.is_empty() {
            return codespace_len(&self.codespace, bytes);
        }
        (1..=4u8).find(|&n| {
            self.lens_seen[n as usize]
                && bytes.len() >= n as usize
                && self.map.contains_key(&(n, be_value(&bytes[..n as usize])))
        })
    }
}

/// Match `bytes` against code space ranges, shortest first (PDF 9.7.6.2).
pub fn codespace_len(space: &[CodeRange], bytes: &[u8]) -> Option<u8> {
    (1..=4u8).find(|&n| {
        bytes.len() >= n as usize && {
            let v = be_value(&bytes[..n as usize]);
            space.iter().any(|r| r.len == n && r.lo <= v && v <= r.hi)
        }
    })
}

/// `bfrange` destination `dst` plus `k`: the last UTF-16 unit advances.
fn increment_utf16(dst: &[u8], k: u32) -> String {
    if dst.len() < 2 {
        return char::from_u32(be_value(dst) + k)
            .map(String::from)
            .unwrap_or_else(|| char::REPLACEMENT_CHARACTER.to_string());
    }
    let mut units: Vec<u16> = dst
        .chunks(2)
        .map(|p| u16::from_be_bytes([p[0], p.get(1).copied().unwrap_or(0)]))
        .collect();
    if let Some(last) = units.last_mut() {
        *last = last.wrapping_add(k as u16);
    }
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// A predefined CMap a Type 0 font may name as its `/Encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Predefined {
    /// Identity-H / Identity-V: two-byte codes that are CIDs.
    Identity,
    /// UniGB-UCS2-H/V: two-byte UCS-2 codes.
    Ucs2,
    /// UniGB-UTF16-H/V: UTF-16BE, two or four bytes.
    Utf16,
    /// GB-EUC, GBK-EUC, GBKp-EUC, GBK2K: EUC-style GB codes, decoded
    /// through the GB18030 decoder (a superset of all of them).
    Gb,
}

impl Predefined {
    /// The predefined CMap named `name`, and whether it writes vertically.
    pub fn from_name(name: &[u8]) -> Option<(Predefined, bool)> {
        let vertical = name.ends_with(b"-V");
        let kind = match name {
            b"Identity-H" | b"Identity-V" => Predefined::Identity,
            b"UniGB-UCS2-H" | b"UniGB-UCS2-V" => Predefined::Ucs2,
            b"UniGB-UTF16-H" | b"UniGB-UTF16-V" => Predefined::Utf16,
            b"GB-EUC-H" | b"GB-EUC-V" | b"GBK-EUC-H" | b"GBK-EUC-V" | b"GBKp-EUC-H"
            | b"GBKp-EUC-V" | b"GBK2K-H" | b"GBK2K-V" | b"GBpc-EUC-H" | b"GBpc-EUC-V"
            | b"GBT-EUC-H" | b"GBT-EUC-V" => Predefined::Gb,
            _ => return None,
        };
        Some((kind, vertical))
    }

    /// Length of the code at the start of `bytes`.
    pub fn code_len(self, bytes: &[u8]) -> u8 {
        let first = bytes.first().copied().unwrap_or(0);
        let want = match self {
            Predefined::Identity | Predefined::Ucs2 => 2,
            Predefined::Utf16 => {
                if (0xD8..=0xDB).contains(&first) {
                    4
                } else {
                    2
                }
            }
            Predefined::Gb => {
                let second = bytes.get(1).copied().unwrap_or(0);
                if first <= 0x80 || first == 0xFF {
                    1
                } else if (0x30..=0x39).contains(&second) {
                    // GBK2K / GB18030 four-byte sequence.
                    4
                } else {
                    2
                }
            }
        };
        want.min(bytes.len().max(1) as u8)
    }

    /// Unicode of one code (its bytes); `None` when the code is invalid.
    pub fn decode(self, code: &[u8]) -> Option<String> {
        match self {
            Predefined::Identity => None,
            Predefined::Ucs2 | Predefined::Utf16 => {
                let s = utf16be(code);
                (!s.contains(char::REPLACEMENT_CHARACTER)).then_some(s)
            }
            Predefined::Gb => {
                let (s, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(code);
                (!had_errors).then(|| s.into_owned())
            }
        }
    }
}

/// CID → Unicode for the Adobe-GB1 collection (CIDs 0–30283), from
/// Adobe's cid2code table as shipped by poppler-data; see
/// `data/gen_adobe_gb1.py`. Three little-endian bytes per CID.
static ADOBE_GB1: &[u8] = include_bytes!("data/adobe-gb1.bin");

/// The Unicode character of Adobe-GB1 CID `cid`, if it has one.
pub fn adobe_gb1(cid: u32) -> Option<char> {
    let i = cid as usize * 3;
    let b = ADOBE_GB1.get(i..i + 3)?;
    let cp = u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16;
    if cp == 0 { None } else { char::from_u32(cp) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bfchar_bfrange_and_array_ranges() {
        let src = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0010> <6574 6539> endbfchar
            2 beginbfrange <0020> <0022> <4E00> <0030> <0031> [<8D23> <D840DC00>] endbfrange
            endcmap";
        let c = CMap::parse(src);
        assert_eq!(c.lookup(2, 3), Some(" "));
        assert_eq!(c.lookup(2, 0x10), Some("整改"));
        assert_eq!(c.lookup(2, 0x22), Some("\u{4E02}"));
        assert_eq!(c.lookup(2, 0x30), Some("责"));
        assert_eq!(c.lookup(2, 0x31), Some("\u{20000}"));
        assert_eq!(c.code_len(&[0, 3]), Some(2));
        assert_eq!(c.code_len(&[0]), None);
    }

    #[test]
    fn mixed_code_space_lengths() {
        let src = b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
            2 beginbfchar <41> <0041> <B5C4> <7684> endbfchar";
        let c = CMap::parse(src);
        assert_eq!(c.code_len(&[0x41, 0xB5]), Some(1));
        assert_eq!(c.code_len(&[0xB5, 0xC4]), Some(2));
        assert_eq!(c.lookup(2, 0xB5C4), Some("的"));
    }

    #[test]
    fn hostile_range_is_bounded() {
        let c = CMap::parse(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(c.is_empty());
        let c = CMap::parse(b"beginbfchar <41> endbfchar [ ] <<< (((");
        assert!(c.is_empty());
    }

    #[test]
    fn predefined_gb_cmaps() {
        let (k, v) = Predefined::from_name(b"GBK-EUC-H").unwrap();
        assert!(!v);
        let (gbk, _, _) = encoding_rs::GBK.encode("整A");
        assert_eq!(k.code_len(&gbk), 2);
        assert_eq!(k.decode(&gbk[..2]).as_deref(), Some("整"));
        assert_eq!(k.code_len(&gbk[2..]), 1);
        let (k, _) = Predefined::from_name(b"UniGB-UTF16-V").unwrap();
        assert_eq!(k.code_len(&[0xD8, 0x40, 0xDC, 0]), 4);
        assert_eq!(k.decode(&[0x65, 0x74]).as_deref(), Some("整"));
    }

    #[test]
    fn adobe_gb1_table() {
        assert_eq!(adobe_gb1(1), Some(' '));
        assert_eq!(adobe_gb1(34), Some('A'));
        assert_eq!(adobe_gb1(4508), Some('整'));
        assert_eq!(adobe_gb1(30283 + 5), None);
    }
}
