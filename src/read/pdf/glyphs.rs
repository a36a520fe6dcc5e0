//! Glyph names → Unicode: the `uniXXXX` / `uXXXX` conventions, then the
//! Adobe Glyph List. Simple fonts' `/Differences` and CMaps that map codes
//! to glyph names both need it; it lives here so that neither the font
//! module nor the CMap parser depends on the other for it.

use lopdf::{Dictionary, Document, Object};

/// Glyph names that follow the `uniXXXX` / `uXXXX` conventions, then the
/// Adobe Glyph List (through lopdf).
pub fn glyph_name_to_unicode(name: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(name).ok()?;
    let base = s.split('.').next().unwrap_or(s);
    if let Some(hex) = base.strip_prefix("uni")
        && hex.len() >= 4
        && hex.len() % 4 == 0
    {
        let units: Option<Vec<u16>> = (0..hex.len() / 4)
            .map(|i| u16::from_str_radix(hex.get(i * 4..i * 4 + 4)?, 16).ok())
            .collect();
        let text: String = char::decode_utf16(units?).collect::<Result<_, _>>().ok()?;
        return Some(text);
    }
    if let Some(hex) = base.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
    {
        return Some(c.to_string());
    }
    agl_lookup(base.as_bytes())
}

/// The Adobe Glyph List entry of `name`, asked through lopdf's encoding
/// machinery: a one-entry `/Differences` at code 0 (undefined in the
/// standard encoding, so an unknown name yields nothing).
fn agl_lookup(name: &[u8]) -> Option<String> {
    let mut enc = Dictionary::new();
    enc.set(
        "Differences",
        vec![Object::Integer(0), Object::Name(name.to_vec())],
    );
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Font".to_vec()));
    dict.set("Encoding", enc);
    let doc = Document::new();
    let enc = dict.get_font_encoding(&doc).ok()?;
    let s = enc.bytes_to_string(&[0]).ok()?;
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_to_unicode(b"uni6574").as_deref(), Some("整"));
        assert_eq!(
            glyph_name_to_unicode(b"u20000").as_deref(),
            Some("\u{20000}")
        );
        assert_eq!(glyph_name_to_unicode(b"A").as_deref(), Some("A"));
        assert_eq!(glyph_name_to_unicode(b"space").as_deref(), Some(" "));
        assert_eq!(glyph_name_to_unicode(b"g123"), None);
    }
}
