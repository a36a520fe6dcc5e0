//! PDF reader: a text interpreter of its own on lopdf's object model (the
//! way pdf.js and poppler's text output work), so a PDF plan becomes the
//! same [`Doc`] the Markdown reader makes of the same plan.
//!
//! Stages: load (encryption, repair) → per page, run the content stream
//! ([`content`]) into positioned glyphs and ruling lines → strike lines,
//! tables and lines ([`layout`]) → page furniture dropped → paragraphs and
//! headings across pages ([`para`]) → blocks with a source map.

mod cmap;
mod content;
mod font;
mod glyphs;
mod images;
mod layout;
mod para;

use lopdf::{Document, LoadOptions};

use super::{Doc, join_page_breaks, report_struck};
use crate::diag::{Diagnostic, Error, Result};
use crate::model::{Format, Span};

use content::FontCache;
use para::PageItems;

/// A page without text but with images: its number, its object and the
/// images drawn on it with their placement.
type ScannedPage = (
    u32,
    lopdf::ObjectId,
    Vec<(lopdf::ObjectId, content::Matrix)>,
);

/// Read a PDF file.
pub fn read(bytes: &[u8], opts: &super::ReadOptions) -> Result<Doc> {
    let doc = load(bytes, opts)?;
    let mut diagnostics = Vec::new();
    if doc.xref_recovery.is_some() {
        diagnostics.push(crate::diag!(PdfRepaired));
    }
    if doc.encryption_state.is_some() && opts.password.is_none() {
        diagnostics.push(crate::diag!(PdfOwnerPassword));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(Error::Damaged {
            format: "PDF",
            detail: crate::tr!("pdf-no-pages"),
        });
    }
    let mut fonts = FontCache::new(&doc);
    let mut items: Vec<PageItems> = Vec::with_capacity(pages.len());
    let mut scanned: Vec<u32> = Vec::new();
    let mut scanned_at: Vec<ScannedPage> = Vec::new();
    let mut text_pages = 0usize;
    for (&no, &id) in &pages {
        let mut pc = content::run_page(&doc, id, &mut fonts);
        report_undecoded(no, &pc, &mut diagnostics);
        if pc.truncated {
            diagnostics.push(crate::diag!(PdfContentDamaged; page = no));
        }
        if pc.capped {
            diagnostics.push(
                crate::diag!(PdfDecompressionCapped; page = no, mib = content::FILE_LIMIT >> 20),
            );
        }
        let has_text = pc.glyphs.iter().any(|g| !g.space);
        if !has_text {
            if pc.images > 0 {
                scanned.push(no);
                scanned_at.push((no, id, std::mem::take(&mut pc.placed)));
            }
            items.push(PageItems::empty(no));
            continue;
        }
        text_pages += 1;
        let h = page_height(&doc, id);
        let rules = std::mem::take(&mut pc.rules);
        let rules = layout::mark_struck(&mut pc.glyphs, rules);
        let grids = layout::tables(&mut pc.glyphs, &rules);
        let lines = layout::reading_order(layout::lines(std::mem::take(&mut pc.glyphs)));
        items.push(PageItems::new(no, h, lines, grids));
    }
    let mut ocr_read = false;
    if !scanned.is_empty() && !opts.no_ocr {
        crate::read::ocr::check()?;
        let read = ocr_pages(
            &doc,
            &scanned_at,
            opts.ocr_jobs,
            &mut items,
            &mut diagnostics,
        )?;
        text_pages += read;
        ocr_read = read > 0;
        scanned.clear();
    }
    if text_pages == 0 {
        if scanned.is_empty() {
            if ocr_read || !scanned_at.is_empty() {
                return Err(Error::NotADocument(crate::tr!("pdf-ocr-no-text")));
            }
            return Err(Error::NotADocument(crate::tr!("pdf-no-text-no-images")));
        }
        return Err(Error::NoTextLayer {
            pages: page_ranges(&scanned),
        });
    }
    for &p in &scanned {
        diagnostics.push(crate::diag!(NoTextLayer; page = p).at(Some(Span {
            line: 1,
            page: Some(p),
            start: 0,
            end: 0,
        })));
    }
    para::drop_furniture(&mut items, &mut diagnostics);
    let mut blocks = para::blocks(items, &mut diagnostics);
    report_struck(&blocks, &mut diagnostics);
    join_page_breaks(&mut blocks, &mut diagnostics);
    if ocr_read {
        crate::read::ocr::repair::repair(&mut blocks, &mut diagnostics);
    } else if let Some(tool) = ocr_layer(&doc) {
        // A text layer an OCR tool made has OCR's misreads: the same
        // repairs.
        diagnostics.push(crate::diag!(OcrTextLayer; tool = tool));
        crate::read::ocr::repair::repair(&mut blocks, &mut diagnostics);
    }
    Ok(Doc {
        format: Format::Pdf,
        encoding: None,
        pages: Some(pages.len() as u32),
        blocks,
        diagnostics,
    })
}

/// The OCR tool that made the document's text layer, when one did: its
/// producer names Tesseract, OCRmyPDF, ABBYY FineReader or the like, or a
/// font is Tesseract's GlyphLessFont.
fn ocr_layer(doc: &Document) -> Option<String> {
    const TOOLS: [&str; 6] = [
        "tesseract",
        "ocrmypdf",
        "finereader",
        "abbyy",
        "readiris",
        "omnipage",
    ];
    let producer = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| font::resolve(doc, o).as_dict().ok())
        .into_iter()
        .flat_map(|info| [b"Producer".as_slice(), b"Creator".as_slice()].map(|k| info.get(k)))
        .filter_map(|o| o.ok().and_then(|o| font::resolve(doc, o).as_str().ok()))
        .map(|b| String::from_utf8_lossy(b).to_lowercase())
        .find(|p| TOOLS.iter().any(|t| p.contains(t)));
    if let Some(p) = producer {
        return Some(p);
    }
    doc.objects
        .values()
        .take(100_000)
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"BaseFont").ok().and_then(|n| n.as_name().ok()))
        .any(|n| n.windows(9).any(|w| w == b"GlyphLess"))
        .then(|| "GlyphLessFont".to_string())
}

/// OCR the pages without a text layer and put their lines in `items`;
/// how many pages gave text.
fn ocr_pages(
    doc: &Document,
    scanned: &[ScannedPage],
    jobs: usize,
    items: &mut [PageItems],
    diags: &mut Vec<Diagnostic>,
) -> Result<usize> {
    let dir = tempfile::Builder::new().prefix("zhenggai-ocr").tempdir()?;
    let mut todo: Vec<(u32, lopdf::ObjectId, images::PageImage)> = Vec::new();
    for (no, id, placed) in scanned {
        match images::page_image(doc, placed, dir.path(), *no) {
            Ok(img) => todo.push((*no, *id, img)),
            Err(e) => diags.push(page_diag(
                crate::diag!(OcrPageSkipped; page = no, error = e),
                *no,
            )),
        }
    }
    let paths: Vec<std::path::PathBuf> = todo.iter().map(|(_, _, i)| i.path.clone()).collect();
    let results = crate::read::ocr::recognize(&paths, dir.path(), jobs);
    let mut read = 0usize;
    for ((no, id, img), res) in todo.iter().zip(results) {
        let page = match res {
            Ok(p) => p,
            Err(e) => {
                diags.push(page_diag(
                    crate::diag!(OcrPageFailed; page = no, error = e),
                    *no,
                ));
                continue;
            }
        };
        if let Some(c) = page.mean_conf() {
            diags.push(page_diag(
                crate::diag!(OcrConfidence; page = no, confidence = format!("{c:.1}")),
                *no,
            ));
        }
        let glyphs = ocr_glyphs(&page, img.ctm);
        if glyphs.is_empty() {
            continue;
        }
        read += 1;
        let h = page_height(doc, *id);
        if let Some(slot) = items.iter_mut().find(|p| p.page == *no) {
            *slot = ocr_page_items(*no, h, glyphs);
        }
    }
    Ok(read)
}

fn ocr_page_items(no: u32, height: f32, glyphs: Vec<content::Glyph>) -> PageItems {
    let lines = layout::reading_order(layout::lines(glyphs));
    PageItems::new(no, height, lines, Vec::new())
}

/// Read an image file (PNG, JPEG, TIFF, multi-page TIFF) by OCR: its
/// pages laid out as a scanned PDF's, in pixels.
pub fn read_image(bytes: &[u8], ext: &str, opts: &super::ReadOptions) -> Result<Doc> {
    if opts.no_ocr {
        return Err(Error::NoTextLayer { pages: "1".into() });
    }
    crate::read::ocr::check()?;
    let dir = tempfile::Builder::new().prefix("zhenggai-ocr").tempdir()?;
    let path = dir.path().join(format!("image.{ext}"));
    std::fs::write(&path, bytes)?;
    let pages = crate::read::ocr::recognize_file(&path).map_err(Error::Other)?;
    let mut diagnostics = Vec::new();
    let mut items = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        let no = i as u32 + 1;
        if let Some(c) = page.mean_conf() {
            diagnostics.push(page_diag(
                crate::diag!(OcrConfidence; page = no, confidence = format!("{c:.1}")),
                no,
            ));
        }
        let (w, h) = (page.width.max(1.0), page.height.max(1.0));
        let glyphs = ocr_glyphs(page, content::Matrix([w, 0.0, 0.0, h, 0.0, 0.0]));
        items.push(ocr_page_items(no, h, glyphs));
    }
    if items.iter().all(|p| p.lines.is_empty()) {
        return Err(Error::NotADocument(crate::tr!("image-ocr-no-text")));
    }
    para::drop_furniture(&mut items, &mut diagnostics);
    let mut blocks = para::blocks(items, &mut diagnostics);
    join_page_breaks(&mut blocks, &mut diagnostics);
    crate::read::ocr::repair::repair(&mut blocks, &mut diagnostics);
    Ok(Doc {
        format: Format::Image,
        encoding: None,
        pages: Some(pages.len() as u32),
        blocks,
        diagnostics,
    })
}

/// OCR words → glyphs in page space: each word one glyph on its line's
/// baseline (the bottom of Tesseract's line box), the line's height its
/// size, so a line's words stay one line.
fn ocr_glyphs(page: &crate::read::ocr::OcrPage, ctm: content::Matrix) -> Vec<content::Glyph> {
    let (w, h) = (page.width.max(1.0), page.height.max(1.0));
    let to_page = |px: f32, py: f32| ctm.apply(px / w, 1.0 - py / h);
    let mut out = Vec::new();
    for line in &page.lines {
        let base = line.top + line.height;
        // A running page number (— 24 —) read as ”24一: dropped here, as
        // the furniture pass would drop it read right.
        let in_margin = base > h * 0.9 || line.top < h * 0.08;
        if in_margin && is_page_number(&line.words) {
            continue;
        }
        let (_, y_top) = to_page(line.left, line.top);
        let (_, y_base) = to_page(line.left, base);
        let size = (y_top - y_base).abs().max(1.0);
        for word in &line.words {
            let (x0, y) = to_page(word.left, base);
            let (x1, _) = to_page(word.left + word.width, base);
            out.push(content::Glyph {
                text: word.text.clone(),
                x0: x0.min(x1),
                x1: x0.max(x1),
                y,
                size,
                bold: false,
                font: 0,
                space: false,
                struck: false,
            });
        }
    }
    out
}

/// Words that are a page number between dash- or quote-like marks.
fn is_page_number(words: &[crate::read::ocr::Word]) -> bool {
    let text: String = words.iter().map(|w| w.text.as_str()).collect();
    let mut digits = 0;
    for c in text.chars() {
        match c {
            '0'..='9' => digits += 1,
            '-' | '—' | '–' | '一' | '_' | '~' | '”' | '“' | '"' | '\'' | '‘' | '’' | '·' | '.'
            | '。' | ',' | '，' | '－' | '―' | '─' | ' ' => {}
            _ => return false,
        }
    }
    (1..=4).contains(&digits)
}

fn page_diag(d: Diagnostic, page: u32) -> Diagnostic {
    d.at(Some(Span {
        line: 1,
        page: Some(page),
        start: 0,
        end: 0,
    }))
}

/// Load the document: an empty user password is tried first (owner-only
/// files open), then the password given.
fn load(bytes: &[u8], opts: &super::ReadOptions) -> Result<Document> {
    let options = LoadOptions {
        password: opts.password.clone(),
        ..LoadOptions::default()
    };
    let doc = match Document::load_mem_with_options(bytes, options) {
        Ok(d) => d,
        Err(lopdf::Error::InvalidPassword) => return Err(Error::WrongPassword),
        Err(lopdf::Error::Decryption(e)) => {
            return Err(if opts.password.is_some() {
                Error::WrongPassword
            } else {
                Error::Damaged {
                    format: "PDF",
                    detail: format!("cannot decrypt: {e}"),
                }
            });
        }
        Err(e) => {
            return Err(Error::Damaged {
                format: "PDF",
                detail: format!("{e} (lopdf could not recover the file)"),
            });
        }
    };
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        return Err(if opts.password.is_some() {
            Error::WrongPassword
        } else {
            Error::Encrypted
        });
    }
    Ok(doc)
}

/// The height of the page as displayed: its box turned by `/Rotate`.
fn page_height(doc: &Document, page: lopdf::ObjectId) -> f32 {
    let [x0, y0, x1, y1] = content::page_box(doc, page);
    match content::page_rotation(doc, page) {
        90 | 270 => x1 - x0,
        _ => y1 - y0,
    }
}

fn report_undecoded(page: u32, pc: &content::PageContent, diags: &mut Vec<Diagnostic>) {
    if pc.undecoded.is_empty() {
        return;
    }
    let mut fonts: Vec<&str> = pc.undecoded.iter().map(|(f, _)| f.as_str()).collect();
    fonts.dedup();
    let codes: Vec<String> = pc
        .undecoded
        .iter()
        .take(8)
        .map(|(_, c)| format!("{c:#x}"))
        .collect();
    diags.push(
        crate::diag!(
            PdfUndecodableGlyph;
            page = page,
            count = pc.undecoded.len(),
            fonts = fonts.join(", "),
            codes = codes.join(" ")
        )
        .at(Some(Span {
            line: 1,
            page: Some(page),
            start: 0,
            end: 0,
        })),
    );
}

/// "1–2, 5" from sorted page numbers.
fn page_ranges(pages: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(&start) = pages.get(i) {
        let mut end = start;
        while pages.get(i + 1) == Some(&(end + 1)) {
            end += 1;
            i += 1;
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
        i += 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_range_text() {
        assert_eq!(page_ranges(&[1, 2, 3, 5, 7, 8]), "1–3, 5, 7–8");
    }
}
