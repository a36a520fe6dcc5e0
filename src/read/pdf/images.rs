//! Page images out of a PDF, as files Tesseract reads: a JPEG (DCT) or
//! JPEG 2000 stream is written as it is (after any Flate around it), a
//! CCITT fax stream is wrapped in a one-strip TIFF, raw samples (Flate,
//! LZW, none) become a PNM; a colour page keeps its red channel only, which
//! drops red seals and stamps over the text. JBIG2 is not decoded.

use std::io::Write;
use std::path::{Path, PathBuf};

use lopdf::{Document, Object, ObjectId, Stream};

use super::content::Matrix;
use super::font::resolve;

/// Largest decoded image accepted (a 600 dpi A3 colour page is ~200 MB).
const IMAGE_LIMIT: usize = 256 << 20;

/// Largest page image handed to OCR, in pixels.
const MAX_PIXELS: usize = 150_000_000;

/// A page image written to a file.
#[derive(Debug, Clone)]
pub struct PageImage {
    pub path: PathBuf,
    /// Maps the unit square (the image) onto the page.
    pub ctm: Matrix,
}

/// The largest image drawn on the page, written to `dir`.
pub fn page_image(
    doc: &Document,
    placed: &[(ObjectId, Matrix)],
    dir: &Path,
    page: u32,
) -> Result<PageImage, String> {
    let mut best: Option<(f32, ObjectId, Matrix)> = None;
    for &(id, m) in placed {
        let [a, b, c, d, _, _] = m.0;
        let area = (a * d - b * c).abs();
        if best.is_none_or(|(ba, _, _)| area > ba) {
            best = Some((area, id, m));
        }
    }
    let Some((_, id, ctm)) = best else {
        return Err("no image XObject found on the page".into());
    };
    let stream = doc
        .get_object(id)
        .ok()
        .and_then(|o| o.as_stream().ok())
        .ok_or("the page image is not a stream")?;
    let path = write_image(doc, stream, dir, &format!("page-{page:05}"))?;
    Ok(PageImage { path, ctm })
}

fn int(doc: &Document, s: &Stream, key: &[u8]) -> Option<i64> {
    s.dict
        .get(key)
        .ok()
        .and_then(|o| resolve(doc, o).as_i64().ok())
}

/// Write the image stream as a file Tesseract reads.
fn write_image(doc: &Document, s: &Stream, dir: &Path, stem: &str) -> Result<PathBuf, String> {
    let filters: Vec<Vec<u8>> = match s.dict.get(b"Filter").map(|o| resolve(doc, o)) {
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| resolve(doc, o).as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    };
    let image_filter = filters
        .last()
        .filter(|f| {
            matches!(
                f.as_slice(),
                b"DCTDecode" | b"DCT" | b"JPXDecode" | b"CCITTFaxDecode" | b"CCF" | b"JBIG2Decode"
            )
        })
        .cloned();
    let pre = filters.len() - usize::from(image_filter.is_some());
    // The data with the general filters (Flate, LZW…) undone.
    let data = if pre == 0 {
        s.content.clone()
    } else {
        let mut t = s.clone();
        let names: Vec<Object> = filters
            .iter()
            .take(pre)
            .map(|f| Object::Name(f.clone()))
            .collect();
        t.dict.set("Filter", Object::Array(names));
        if let Ok(Object::Array(p)) = s.dict.get(b"DecodeParms") {
            t.dict.set(
                "DecodeParms",
                Object::Array(p.iter().take(pre).cloned().collect()),
            );
        }
        t.decompressed_content_with_limit(IMAGE_LIMIT)
            .map_err(|e| format!("the page image could not be decompressed: {e}"))?
    };
    let width = int(doc, s, b"Width").filter(|&w| w > 0 && w <= 1 << 16);
    let height = int(doc, s, b"Height").filter(|&h| h > 0 && h <= 1 << 16);
    let (Some(width), Some(height)) = (width, height) else {
        return Err("the page image has no valid /Width and /Height".into());
    };
    let (w, h) = (width as usize, height as usize);
    // A0 at 600 dpi is ~ 280 M pixels; a page image past 150 M pixels is
    // no scan of a plan but a memory bomb for the OCR engine.
    if w.saturating_mul(h) > MAX_PIXELS {
        return Err(format!(
            "the page image is {w}×{h} pixels, more than OCR is given ({} M)",
            MAX_PIXELS / 1_000_000
        ));
    }
    match image_filter.as_deref() {
        Some(b"DCTDecode" | b"DCT") => save(dir, stem, "jpg", &[&data]),
        Some(b"JPXDecode") => save(dir, stem, "jp2", &[&data]),
        Some(b"CCITTFaxDecode" | b"CCF") => {
            let parms = s
                .dict
                .get(b"DecodeParms")
                .ok()
                .map(|o| resolve(doc, o))
                .and_then(|o| match o {
                    Object::Array(a) => a.last().map(|o| resolve(doc, o)),
                    o => Some(o),
                })
                .and_then(|o| o.as_dict().ok());
            let get = |k: &[u8]| {
                parms
                    .and_then(|p| p.get(k).ok())
                    .and_then(|o| resolve(doc, o).as_i64().ok())
            };
            let k = get(b"K").unwrap_or(0);
            let cols = get(b"Columns").unwrap_or(1728).clamp(1, 1 << 16) as u32;
            let rows = get(b"Rows").filter(|&r| r > 0).unwrap_or(height) as u32;
            let black1 = parms
                .and_then(|p| p.get(b"BlackIs1").ok())
                .and_then(|o| o.as_bool().ok())
                .unwrap_or(false);
            let tiff = ccitt_tiff(&data, cols, rows, k, black1);
            save(dir, stem, "tif", &[&tiff])
        }
        Some(_) => Err("JBIG2 page images are not supported yet; OCR the file first".into()),
        None => {
            let mask = s
                .dict
                .get(b"ImageMask")
                .ok()
                .and_then(|o| o.as_bool().ok())
                .unwrap_or(false);
            let bpc = if mask {
                1
            } else {
                int(doc, s, b"BitsPerComponent").unwrap_or(8)
            };
            let comps = if mask { 1 } else { components(doc, s)? };
            let decode_inverted = s
                .dict
                .get(b"Decode")
                .ok()
                .and_then(|o| resolve(doc, o).as_array().ok())
                .and_then(|a| a.first().and_then(|o| o.as_float().ok()))
                .is_some_and(|v| v > 0.5);
            match (bpc, comps) {
                (1, 1) => {
                    let row = w.div_ceil(8);
                    let body = data.get(..row * h).ok_or("the page image is truncated")?;
                    // PBM: 1 = black. PDF gray: 0 = black, unless /Decode
                    // [1 0]; a mask paints its 0 samples unless inverted.
                    let flip = !decode_inverted;
                    let body: Vec<u8> = if flip {
                        body.iter().map(|b| !b).collect()
                    } else {
                        body.to_vec()
                    };
                    save(
                        dir,
                        stem,
                        "pbm",
                        &[format!("P4\n{w} {h}\n").as_bytes(), &body],
                    )
                }
                (8, 1) => {
                    let body = data.get(..w * h).ok_or("the page image is truncated")?;
                    save(
                        dir,
                        stem,
                        "pgm",
                        &[format!("P5\n{w} {h}\n255\n").as_bytes(), body],
                    )
                }
                (8, 3) => {
                    // The red channel: red ink (seals) turns white, black
                    // text stays black.
                    let body = data.get(..w * h * 3).ok_or("the page image is truncated")?;
                    let red: Vec<u8> = body.chunks_exact(3).map(|p| p[0]).collect();
                    save(
                        dir,
                        stem,
                        "pgm",
                        &[format!("P5\n{w} {h}\n255\n").as_bytes(), &red],
                    )
                }
                (8, 4) => {
                    // CMYK: ink = C+K for a red-free gray (magenta and
                    // yellow make red).
                    let body = data.get(..w * h * 4).ok_or("the page image is truncated")?;
                    let g: Vec<u8> = body
                        .chunks_exact(4)
                        .map(|p| 255u8.saturating_sub(p[0].saturating_add(p[3])))
                        .collect();
                    save(
                        dir,
                        stem,
                        "pgm",
                        &[format!("P5\n{w} {h}\n255\n").as_bytes(), &g],
                    )
                }
                _ => Err(format!(
                    "page images of {bpc} bits × {comps} components are not supported"
                )),
            }
        }
    }
}

/// Colour components of the image's colour space.
fn components(doc: &Document, s: &Stream) -> Result<usize, String> {
    let cs = s
        .dict
        .get(b"ColorSpace")
        .map(|o| resolve(doc, o))
        .map_err(|_| "the page image has no colour space")?;
    let name = match cs {
        Object::Name(n) => n.clone(),
        Object::Array(a) => {
            let first = a
                .first()
                .and_then(|o| resolve(doc, o).as_name().ok())
                .unwrap_or(b"");
            if first == b"ICCBased" {
                let n = a
                    .get(1)
                    .and_then(|o| resolve(doc, o).as_stream().ok())
                    .and_then(|st| st.dict.get(b"N").ok().and_then(|o| o.as_i64().ok()));
                return match n {
                    Some(n @ (1 | 3 | 4)) => Ok(n as usize),
                    _ => Err("the page image's ICC colour space is not supported".into()),
                };
            }
            first.to_vec()
        }
        _ => return Err("the page image's colour space is not supported".into()),
    };
    match name.as_slice() {
        b"DeviceGray" | b"CalGray" | b"G" => Ok(1),
        b"DeviceRGB" | b"CalRGB" | b"RGB" => Ok(3),
        b"DeviceCMYK" | b"CMYK" => Ok(4),
        other => Err(format!(
            "page images in colour space {} are not supported",
            String::from_utf8_lossy(other)
        )),
    }
}

fn save(dir: &Path, stem: &str, ext: &str, parts: &[&[u8]]) -> Result<PathBuf, String> {
    let path = dir.join(format!("{stem}.{ext}"));
    let write = || -> std::io::Result<()> {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path)?);
        for p in parts {
            f.write_all(p)?;
        }
        f.flush()
    };
    write().map_err(|e| format!("cannot write the page image: {e}"))?;
    Ok(path)
}

/// A little-endian TIFF of one strip holding CCITT data as it is.
fn ccitt_tiff(data: &[u8], cols: u32, rows: u32, k: i64, black1: bool) -> Vec<u8> {
    let (compression, t_opt_tag) = if k < 0 { (4u32, 293u16) } else { (3, 292) };
    let t_opt = if k > 0 { 1u32 } else { 0 };
    let entries: [(u16, u16, u32); 10] = [
        (256, 4, cols),              // ImageWidth
        (257, 4, rows),              // ImageLength
        (258, 3, 1),                 // BitsPerSample
        (259, 3, compression),       // Compression
        (262, 3, u32::from(black1)), // Photometric: 0 = WhiteIsZero
        (273, 4, 0),                 // StripOffsets, set below
        (277, 3, 1),                 // SamplesPerPixel
        (278, 4, rows),              // RowsPerStrip
        (279, 4, data.len() as u32), // StripByteCounts
        (t_opt_tag, 4, t_opt),       // T4/T6 options
    ];
    let mut entries = entries.to_vec();
    entries.sort_by_key(|e| e.0);
    let ifd_len = 2 + entries.len() * 12 + 4;
    let data_off = (8 + ifd_len) as u32;
    let mut out = Vec::with_capacity(data_off as usize + data.len());
    out.extend_from_slice(b"II*\0");
    out.extend_from_slice(&8u32.to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    for (tag, ty, val) in entries {
        let val = if tag == 273 { data_off } else { val };
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&ty.to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes());
        if ty == 3 {
            out.extend_from_slice(&(val as u16).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
        } else {
            out.extend_from_slice(&val.to_le_bytes());
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(data);
    out
}
