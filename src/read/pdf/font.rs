//! Fonts: how the bytes of a shown string split into codes, what Unicode
//! text and advance width each code has, and whether the face is bold.
//!
//! Text is decoded in the order the PDF specification recommends (9.10.2):
//! the font's `/ToUnicode` CMap first; then the predefined Chinese CMap a
//! Type 0 font names (UCS-2, UTF-16, GB EUC through the GB18030 decoder);
//! then Adobe-GB1 CID → Unicode for a CID font of that collection; then a
//! simple font's `/Encoding` with its `/Differences`. A code none of them
//! decodes is reported by the caller, never dropped.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object};

use super::cmap::{self, CMap, CodeRange, Predefined};
use super::glyphs::glyph_name_to_unicode;

/// What kind of font program the font dictionary describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Simple,
    Type0,
    Type3,
}

/// How a shown string splits into codes.
#[derive(Debug, Clone)]
enum Split {
    OneByte,
    Predefined(Predefined),
    CodeSpace(Vec<CodeRange>),
}

/// Where text comes from when `/ToUnicode` has nothing for a code.
#[derive(Debug, Clone)]
enum Fallback {
    /// A simple font's 256-entry encoding table.
    Table(Vec<Option<String>>),
    Predefined(Predefined),
    /// Codes are Adobe-GB1 CIDs (Identity encoding of a GB1 CID font).
    AdobeGb1,
    None,
}

/// Glyph widths in glyph space (thousandths of text space for all but
/// Type 3 fonts).
#[derive(Debug, Clone)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    Cid {
        default: f32,
        map: HashMap<u32, f32>,
    },
}

/// One decoded code of a shown string.
#[derive(Debug, Clone, PartialEq)]
pub struct Code {
    /// Unicode text; `None` when no table decodes the code.
    pub text: Option<String>,
    /// Horizontal advance in text space units for a font size of 1.
    pub width: f32,
    /// A single-byte code 32, to which word spacing (`Tw`) applies.
    pub word_space: bool,
    /// The code's value, for diagnostics.
    pub code: u32,
}

/// A loaded font.
#[derive(Debug, Clone)]
pub struct Font {
    pub name: String,
    pub kind: Kind,
    pub bold: bool,
    pub vertical: bool,
    /// Height of the em square in text space for a font size of 1 (1 for
    /// all but Type 3 fonts, whose FontMatrix decides).
    pub em: f32,
    split: Split,
    to_unicode: Option<CMap>,
    fallback: Fallback,
    widths: Widths,
    /// Glyph space → text space (0.001, or a Type 3 FontMatrix's a).
    scale: f32,
}

/// Follow references (bounded by lopdf) to the object itself.
pub fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    doc.dereference(obj)
        .map(|(_, o)| o)
        .unwrap_or(&Object::Null)
}

fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| resolve(doc, o))
}

fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    get(doc, dict, key)?.as_name().ok()
}

fn get_num(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    get(doc, dict, key)?.as_float().ok()
}

/// A number object as f32 (integers too).
pub fn num(obj: &Object) -> Option<f32> {
    obj.as_float().ok().filter(|v| v.is_finite())
}

/// A stream's decoded bytes, bounded so a compression bomb cannot exhaust
/// memory.
pub fn stream_bytes(doc: &Document, obj: &Object, limit: usize) -> Option<Vec<u8>> {
    let s = resolve(doc, obj).as_stream().ok()?;
    if s.dict.get(b"Filter").is_err() {
        return Some(s.content.iter().take(limit).copied().collect());
    }
    s.decompressed_content_with_limit(limit).ok()
}

/// Largest stream we decode (content, CMap): 64 MiB.
pub const STREAM_LIMIT: usize = 64 * 1024 * 1024;

/// A base encoding's 256 entries, through lopdf's tables.
fn base_table(name: &[u8]) -> Vec<Option<String>> {
    let known: &[u8] = match name {
        b"WinAnsiEncoding" | b"MacRomanEncoding" | b"MacExpertEncoding" => name,
        _ => b"StandardEncoding",
    };
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Font".to_vec()));
    dict.set("Encoding", Object::Name(known.to_vec()));
    let doc = Document::new();
    let mut table = vec![None; 256];
    if let Ok(enc) = dict.get_font_encoding(&doc) {
        for (code, slot) in table.iter_mut().enumerate() {
            if let Ok(s) = enc.bytes_to_string(&[code as u8])
                && !s.is_empty()
            {
                *slot = Some(s);
            }
        }
    }
    table
}

/// A simple font's encoding table: base encoding plus `/Differences`.
fn simple_table(doc: &Document, font: &Dictionary) -> Vec<Option<String>> {
    let enc = get(doc, font, b"Encoding");
    let (base, diffs) = match enc {
        Some(Object::Name(n)) => (n.as_slice(), None),
        Some(Object::Dictionary(d)) => (
            get_name(doc, d, b"BaseEncoding").unwrap_or(b"StandardEncoding"),
            get(doc, d, b"Differences").and_then(|o| o.as_array().ok()),
        ),
        _ => (&b"StandardEncoding"[..], None),
    };
    let mut table = base_table(base);
    let mut code = 0usize;
    for item in diffs.into_iter().flatten() {
        match resolve(doc, item) {
            Object::Integer(c) => code = (*c).clamp(0, 255) as usize,
            Object::Name(n) => {
                if let Some(slot) = table.get_mut(code) {
                    *slot = glyph_name_to_unicode(n);
                }
                code += 1;
            }
            _ => {}
        }
    }
    table
}

/// Lower-case letters and digits of a font name without its subset tag
/// (`ABCDEF+`), for comparing faces.
pub fn face_key(name: &str) -> String {
    let n = match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 => rest,
        _ => name,
    };
    n.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Does the name say bold (Bold, Heavy, Black, Semibold, Demi, or a Hei
/// (黑体) face such as SimHei / Heiti)?
fn name_is_bold(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    ["bold", "heavy", "black", "demi", "heiti", "simhei", "黑体"]
        .iter()
        .any(|k| l.contains(k))
        || l.ends_with("hei")
        || l.contains(",bold")
}

/// Faces of the non-Type-3 fonts of the document, so a Type 3 font that
/// imitates one of them can be recognized as its synthetic bold.
pub fn embedded_faces(doc: &Document) -> HashSet<String> {
    let mut out = HashSet::new();
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        if !d.has_type(b"Font")
            || d.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type3".as_slice())
        {
            continue;
        }
        if let Ok(n) = d.get(b"BaseFont").and_then(Object::as_name) {
            let k = face_key(&String::from_utf8_lossy(n));
            if !k.is_empty() {
                out.insert(k);
            }
        }
    }
    out
}

impl Font {
    /// Load the font dictionary `dict`. `faces` are the document's
    /// embedded (non-Type-3) faces.
    pub fn load(doc: &Document, dict: &Dictionary, faces: &HashSet<String>) -> Font {
        let kind = match get_name(doc, dict, b"Subtype") {
            Some(b"Type0") => Kind::Type0,
            Some(b"Type3") => Kind::Type3,
            _ => Kind::Simple,
        };
        let name = get_name(doc, dict, b"BaseFont")
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let to_unicode = get(doc, dict, b"ToUnicode")
            .filter(|o| o.as_stream().is_ok())
            .and_then(|o| stream_bytes(doc, o, STREAM_LIMIT))
            .map(|b| CMap::parse(&b))
            .filter(|c| !c.is_empty());
        match kind {
            Kind::Type0 => Self::load_type0(doc, dict, name, to_unicode),
            Kind::Simple | Kind::Type3 => {
                Self::load_simple(doc, dict, name, kind, to_unicode, faces)
            }
        }
    }

    fn load_simple(
        doc: &Document,
        dict: &Dictionary,
        name: String,
        kind: Kind,
        to_unicode: Option<CMap>,
        faces: &HashSet<String>,
    ) -> Font {
        let first = get_num(doc, dict, b"FirstChar").unwrap_or(0.0).max(0.0) as u32;
        let widths: Vec<f32> = get(doc, dict, b"Widths")
            .and_then(|o| o.as_array().ok())
            .map(|a| {
                a.iter()
                    .map(|w| num(resolve(doc, w)).unwrap_or(0.0))
                    .collect()
            })
            .unwrap_or_default();
        let descriptor = get_dict(doc, dict, b"FontDescriptor");
        let missing = descriptor
            .and_then(|d| get_num(doc, d, b"MissingWidth"))
            .filter(|w| *w > 0.0)
            .unwrap_or(if widths.is_empty() { 500.0 } else { 0.0 });
        let (scale, em) = if kind == Kind::Type3 {
            let m: Vec<f32> = get(doc, dict, b"FontMatrix")
                .and_then(|o| o.as_array().ok())
                .map(|a| a.iter().filter_map(|v| num(resolve(doc, v))).collect())
                .unwrap_or_default();
            let a = m.first().copied().unwrap_or(0.001);
            let d = m.get(3).copied().unwrap_or(0.001);
            (a, (d.abs() * 1000.0).clamp(0.01, 100.0))
        } else {
            (0.001, 1.0)
        };
        let bold = descriptor_bold(doc, descriptor)
            || name_is_bold(&name)
            || (kind == Kind::Type3 && type3_imitates_embedded(doc, descriptor, faces));
        Font {
            name,
            kind,
            bold,
            vertical: false,
            em,
            split: Split::OneByte,
            to_unicode,
            fallback: Fallback::Table(simple_table(doc, dict)),
            widths: Widths::Simple {
                first,
                widths,
                missing,
            },
            scale,
        }
    }

    fn load_type0(
        doc: &Document,
        dict: &Dictionary,
        name: String,
        to_unicode: Option<CMap>,
    ) -> Font {
        let desc_font = get(doc, dict, b"DescendantFonts")
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| resolve(doc, o).as_dict().ok());
        let mut vertical = false;
        let (split, mut fallback) = match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => match Predefined::from_name(n) {
                Some((p, v)) => {
                    vertical = v;
                    (Split::Predefined(p), Fallback::Predefined(p))
                }
                None => (Split::Predefined(Predefined::Identity), Fallback::None),
            },
            Some(Object::Stream(s)) => {
                let bytes = if s.dict.get(b"Filter").is_ok() {
                    s.decompressed_content_with_limit(STREAM_LIMIT)
                        .unwrap_or_default()
                } else {
                    s.content.clone()
                };
                let c = CMap::parse(&bytes);
                vertical = get(doc, &s.dict, b"WMode").and_then(num) == Some(1.0);
                if c.codespace.is_empty() {
                    (Split::Predefined(Predefined::Identity), Fallback::None)
                } else {
                    (Split::CodeSpace(c.codespace), Fallback::None)
                }
            }
            _ => (Split::Predefined(Predefined::Identity), Fallback::None),
        };
        let ordering = desc_font
            .and_then(|d| get_dict(doc, d, b"CIDSystemInfo"))
            .and_then(|d| get(doc, d, b"Ordering"))
            .and_then(|o| o.as_str().ok())
            .map(<[u8]>::to_vec)
            .unwrap_or_default();
        if matches!(split, Split::Predefined(Predefined::Identity)) && ordering == b"GB1" {
            fallback = Fallback::AdobeGb1;
        }
        let widths = desc_font
            .map(|d| cid_widths(doc, d))
            .unwrap_or(Widths::Cid {
                default: 1000.0,
                map: HashMap::new(),
            });
        let descriptor = desc_font.and_then(|d| get_dict(doc, d, b"FontDescriptor"));
        let desc_name = desc_font
            .and_then(|d| get_name(doc, d, b"BaseFont"))
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let bold =
            descriptor_bold(doc, descriptor) || name_is_bold(&name) || name_is_bold(&desc_name);
        Font {
            name,
            kind: Kind::Type0,
            bold,
            vertical,
            em: 1.0,
            split,
            to_unicode,
            fallback,
            widths,
            scale: 0.001,
        }
    }

    /// Split `bytes` into codes and decode each.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let len = self.code_len(rest).clamp(1, rest.len().min(4) as u8) as usize;
            let code_bytes = &rest[..len];
            let code = code_bytes
                .iter()
                .fold(0u32, |a, &b| (a << 8) | u32::from(b));
            let text = self.unicode(len as u8, code, code_bytes);
            out.push(Code {
                text,
                width: self.width(len, code) * self.scale,
                word_space: len == 1 && code == 32,
                code,
            });
            i += len;
        }
        out
    }

    fn code_len(&self, rest: &[u8]) -> u8 {
        match &self.split {
            Split::OneByte => 1,
            Split::Predefined(p) => p.code_len(rest),
            Split::CodeSpace(space) => cmap::codespace_len(space, rest)
                .or_else(|| self.to_unicode.as_ref().and_then(|c| c.code_len(rest)))
                .unwrap_or_else(|| space.iter().map(|r| r.len).min().unwrap_or(1)),
        }
    }

    fn unicode(&self, len: u8, code: u32, code_bytes: &[u8]) -> Option<String> {
        if let Some(s) = self.to_unicode.as_ref().and_then(|c| c.lookup(len, code)) {
            return Some(s.to_string());
        }
        match &self.fallback {
            Fallback::Table(t) => t.get(code as usize).cloned().flatten(),
            Fallback::Predefined(p) => p.decode(code_bytes),
            Fallback::AdobeGb1 => cmap::adobe_gb1(code).map(String::from),
            Fallback::None => None,
        }
    }

    /// Width in glyph space of `code`.
    fn width(&self, len: usize, code: u32) -> f32 {
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .filter(|w| *w > 0.0 || self.kind == Kind::Type3)
                .unwrap_or(*missing),
            Widths::Cid { default, map } => {
                let cid = self.cid(len, code);
                cid.and_then(|c| map.get(&c).copied()).unwrap_or_else(|| {
                    // Half-width codes of a predefined CMap without a
                    // known CID: half the default width.
                    if len == 1 && cid.is_none() {
                        default / 2.0
                    } else {
                        *default
                    }
                })
            }
        }
    }

    /// The CID of a code where it is known: Identity CMaps, and the ASCII
    /// codes of the GB CMaps (Adobe-GB1 CIDs 1–95 are U+0020–U+007E).
    fn cid(&self, len: usize, code: u32) -> Option<u32> {
        match &self.split {
            Split::Predefined(Predefined::Identity) => Some(code),
            Split::Predefined(Predefined::Gb) if len == 1 && (0x20..0x7F).contains(&code) => {
                Some(code - 31)
            }
            Split::Predefined(Predefined::Ucs2 | Predefined::Utf16)
                if (0x20..0x7F).contains(&code) =>
            {
                Some(code - 31)
            }
            _ => None,
        }
    }
}

/// `/W` and `/DW` of a CID font.
fn cid_widths(doc: &Document, desc: &Dictionary) -> Widths {
    let default = get_num(doc, desc, b"DW").unwrap_or(1000.0);
    let mut map = HashMap::new();
    let w: &[Object] = get(doc, desc, b"W")
        .and_then(|o| o.as_array().ok())
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let mut i = 0;
    while i < w.len() {
        let Some(first) = num(resolve(doc, &w[i])) else {
            i += 1;
            continue;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| resolve(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, v) in ws.iter().enumerate().take(65536) {
                    if let Some(v) = num(resolve(doc, v)) {
                        map.insert(first + k as u32, v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = num(o).unwrap_or(0.0).max(0.0) as u32;
                let v = w
                    .get(i + 2)
                    .and_then(|o| num(resolve(doc, o)))
                    .unwrap_or(default);
                for c in first..=last.min(first.saturating_add(65535)) {
                    map.insert(c, v);
                }
                i += 3;
            }
            None => break,
        }
    }
    Widths::Cid { default, map }
}

/// FontDescriptor says bold: ForceBold flag, weight ≥ 600, or a bold
/// font name.
fn descriptor_bold(doc: &Document, descriptor: Option<&Dictionary>) -> bool {
    let Some(d) = descriptor else { return false };
    let flags = get_num(doc, d, b"Flags").unwrap_or(0.0) as u32;
    let weight = get_num(doc, d, b"FontWeight").unwrap_or(0.0);
    let name = get_name(doc, d, b"FontName")
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default();
    flags & (1 << 18) != 0 || weight >= 600.0 || name_is_bold(&name)
}

/// A Type 3 font whose descriptor names a face the document also embeds as
/// a regular font: Chromium/Skia draws a synthetic bold of an embedded
/// face as Type 3 outlines, and this is how it can be recognized.
fn type3_imitates_embedded(
    doc: &Document,
    descriptor: Option<&Dictionary>,
    faces: &HashSet<String>,
) -> bool {
    let Some(d) = descriptor else { return false };
    let keys: Vec<String> = [b"FontFamily".as_slice(), b"FontName"]
        .iter()
        .filter_map(|k| get(doc, d, k))
        .filter_map(|o| match o {
            Object::String(s, _) => Some(
                lopdf::decode_text_string(o)
                    .unwrap_or_else(|_| String::from_utf8_lossy(s).into_owned()),
            ),
            Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
            _ => None,
        })
        .map(|s| face_key(&s))
        .filter(|k| k.len() >= 4)
        .collect();
    keys.iter().any(|k| {
        faces
            .iter()
            .any(|f| f.len() >= 4 && (k.contains(f.as_str()) || f.contains(k.as_str())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_names() {
        assert!(name_is_bold("ABCDEF+NotoSerifCJKjp-Bold"));
        assert!(name_is_bold("SimHei"));
        assert!(!name_is_bold("UMingCN"));
        assert_eq!(face_key("CAAAAA+UMingCN-Outline"), "umingcnoutline");
    }
}
