//! OCR of page images with Tesseract's command line (`tesseract`, Debian
//! packages `tesseract-ocr tesseract-ocr-chi-sim`).
//!
//! A reader that finds pages without a text layer hands their images (as
//! files Tesseract reads: JPEG, PNG, PNM, TIFF) to [`recognize`]; the pages
//! are spread over a few `tesseract` processes, each given a list of images
//! so its model is loaded once, not once per page. Tesseract's TSV output
//! gives every word with its box and confidence; they come back grouped in
//! Tesseract's lines, in pixels, for the reader to place on its page.

pub mod repair;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::diag::{Error, Result};

/// The language Tesseract reads the plans with.
pub const LANG: &str = "chi_sim";

/// What to tell a user whose machine has no Tesseract.
pub const INSTALL_HINT: &str = "install Tesseract with its Simplified Chinese model \
     (Debian/Ubuntu: `apt-get install tesseract-ocr tesseract-ocr-chi-sim`; \
     other systems: https://tesseract-ocr.github.io/tessdoc/Installation.html), \
     or pass --no-ocr to refuse scanned pages";

/// One recognized word, in pixels of its page image (y down).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
    /// Tesseract's confidence, 0–100.
    pub conf: f32,
}

/// One line as Tesseract found it: its box and its words left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrLine {
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
    pub words: Vec<Word>,
}

/// One page's recognition.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OcrPage {
    /// Size of the image in pixels.
    pub width: f32,
    pub height: f32,
    pub lines: Vec<OcrLine>,
}

impl OcrPage {
    /// Mean word confidence (0–100), `None` without words.
    pub fn mean_conf(&self) -> Option<f32> {
        let confs: Vec<f32> = self
            .lines
            .iter()
            .flat_map(|l| &l.words)
            .filter(|w| w.conf >= 0.0 && !w.text.trim().is_empty())
            .map(|w| w.conf)
            .collect();
        if confs.is_empty() {
            return None;
        }
        Some(confs.iter().sum::<f32>() / confs.len() as f32)
    }
}

/// The `tesseract` program: `ZHENGGAI_TESSERACT` when set, else the one on
/// the PATH.
fn program() -> PathBuf {
    std::env::var_os("ZHENGGAI_TESSERACT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("tesseract"))
}

/// Check that Tesseract runs and has the Chinese model; the error says how
/// to install what is missing.
pub fn check() -> Result<()> {
    let out = Command::new(program())
        .arg("--list-langs")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            Error::OcrUnavailable(format!(
                "scanned pages need OCR, but Tesseract could not be started ({e}); {INSTALL_HINT}"
            ))
        })?;
    let listed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if !listed.lines().any(|l| l.trim() == LANG) {
        return Err(Error::OcrUnavailable(format!(
            "scanned pages need OCR, but Tesseract has no `{LANG}` model \
             (Debian/Ubuntu: `apt-get install tesseract-ocr-chi-sim`); {INSTALL_HINT}"
        )));
    }
    Ok(())
}

/// How many `tesseract` processes to run at once: `ZHENGGAI_OCR_JOBS`
/// when set, else `jobs`, else (0) one per core; at most one per page.
fn workers(pages: usize, jobs: usize) -> usize {
    let cores = std::env::var("ZHENGGAI_OCR_JOBS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .or(Some(jobs).filter(|&n| n > 0))
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    cores.min(pages).max(1)
}

/// Recognize every image; one result per image, in order. A page that
/// fails gives its error text, the others are still read. `jobs`: how
/// many `tesseract` processes (0 = one per core).
pub fn recognize(
    images: &[PathBuf],
    dir: &Path,
    jobs: usize,
) -> Vec<std::result::Result<OcrPage, String>> {
    if images.is_empty() {
        return Vec::new();
    }
    let n = workers(images.len(), jobs);
    // Contiguous chunks: each worker reads its pages in one process.
    let chunk = images.len().div_ceil(n);
    let chunks: Vec<(usize, &[PathBuf])> = images.chunks(chunk).enumerate().collect();
    let mut results: Vec<Vec<std::result::Result<OcrPage, String>>> = Vec::new();
    std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|&(i, c)| s.spawn(move || run_chunk(c, &dir.join(format!("list-{i}.txt")))))
            .collect();
        for (h, &(_, c)) in handles.into_iter().zip(&chunks) {
            results.push(h.join().unwrap_or_else(|_| {
                vec![Err("the OCR worker thread failed".to_string()); c.len()]
            }));
        }
    });
    results.into_iter().flatten().collect()
}

/// One `tesseract` process over a list of images.
fn run_chunk(images: &[PathBuf], list: &Path) -> Vec<std::result::Result<OcrPage, String>> {
    let mut pages = match run_list(images, list) {
        Ok(p) => p,
        Err(e) => return vec![Err(e); images.len()],
    };
    let mut res: Vec<std::result::Result<OcrPage, String>> = Vec::with_capacity(images.len());
    for i in 0..images.len() {
        match pages.get_mut(i).map(std::mem::take) {
            Some(Some(p)) => res.push(Ok(p)),
            _ => res.push(Err(
                "Tesseract gave no result for the page image".to_string()
            )),
        }
    }
    res
}

/// Recognize every page of one image file (a multi-page TIFF gives
/// several).
/// (Given directly: in a list, Tesseract reads a TIFF's first page only.)
pub fn recognize_file(image: &Path) -> std::result::Result<Vec<OcrPage>, String> {
    let pages = run_tesseract(image)?;
    Ok(pages.into_iter().map(Option::unwrap_or_default).collect())
}

/// Run `tesseract` over the images named in a list file; its pages.
fn run_list(images: &[PathBuf], list: &Path) -> std::result::Result<Vec<Option<OcrPage>>, String> {
    let write_list = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(list)?;
        for p in images {
            writeln!(f, "{}", p.display())?;
        }
        Ok(())
    };
    write_list().map_err(|e| format!("cannot write the OCR page list: {e}"))?;
    run_tesseract(list)
}

/// Run `tesseract` over `input` (an image, or a list of images).
fn run_tesseract(input: &Path) -> std::result::Result<Vec<Option<OcrPage>>, String> {
    let out = Command::new(program())
        .arg(input)
        .arg("stdout")
        .args(["-l", LANG, "--psm", "3", "tsv"])
        // One thread per process: the pages are spread over processes,
        // and Tesseract's own OpenMP threads only contend with them.
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("Tesseract could not be started: {e}; {INSTALL_HINT}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "Tesseract failed ({}): {}",
            out.status,
            err.lines().last().unwrap_or("").trim()
        ));
    }
    Ok(parse_tsv(&String::from_utf8_lossy(&out.stdout)))
}

/// Tesseract's TSV → pages (index = `page_num` − 1). Rows: level,
/// page_num, block_num, par_num, line_num, word_num, left, top, width,
/// height, conf, text.
pub fn parse_tsv(tsv: &str) -> Vec<Option<OcrPage>> {
    let mut pages: Vec<Option<OcrPage>> = Vec::new();
    for row in tsv.lines() {
        let cols: Vec<&str> = row.splitn(12, '\t').collect();
        let [
            level,
            page,
            _,
            _,
            _,
            _,
            left,
            top,
            width,
            height,
            conf,
            rest @ ..,
        ] = cols.as_slice()
        else {
            continue;
        };
        let (Ok(level), Ok(page)) = (level.parse::<u32>(), page.parse::<usize>()) else {
            continue; // the header row
        };
        let num = |s: &str| s.trim().parse::<f32>().ok().filter(|v| v.is_finite());
        let (Some(left), Some(top), Some(width), Some(height)) =
            (num(left), num(top), num(width), num(height))
        else {
            continue;
        };
        if page == 0 || page > 100_000 {
            continue;
        }
        if pages.len() < page {
            pages.resize(page, None);
        }
        let Some(slot) = pages.get_mut(page - 1) else {
            continue;
        };
        let p = slot.get_or_insert_with(OcrPage::default);
        match level {
            1 => {
                p.width = width;
                p.height = height;
            }
            4 => p.lines.push(OcrLine {
                left,
                top,
                width,
                height,
                words: Vec::new(),
            }),
            5 => {
                let text = rest.first().copied().unwrap_or("").trim();
                if text.is_empty() {
                    continue;
                }
                if let Some(line) = p.lines.last_mut() {
                    line.words.push(Word {
                        text: text.to_string(),
                        left,
                        top,
                        width,
                        height,
                        conf: num(conf).unwrap_or(-1.0),
                    });
                }
            }
            _ => {}
        }
    }
    for p in pages.iter_mut().flatten() {
        p.lines.retain(|l| !l.words.is_empty());
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_rows_become_lines_of_words() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
1\t1\t0\t0\t0\t0\t0\t0\t100\t200\t-1\t\n\
4\t1\t1\t1\t1\t0\t10\t20\t50\t10\t-1\t\n\
5\t1\t1\t1\t1\t1\t10\t20\t20\t10\t90.5\t湘潭\n\
5\t1\t1\t1\t1\t2\t30\t20\t20\t10\t80\t 市\n\
4\t1\t1\t1\t2\t0\t10\t40\t50\t10\t-1\t\n\
5\t1\t1\t1\t2\t1\t10\t40\t20\t10\t95\t \n\
1\t2\t0\t0\t0\t0\t0\t0\t100\t200\t-1\t\n";
        let pages = parse_tsv(tsv);
        assert_eq!(pages.len(), 2);
        let p = pages[0].as_ref().unwrap();
        assert_eq!(p.lines.len(), 1);
        assert_eq!(p.lines[0].words[1].text, "市");
        assert_eq!(p.mean_conf(), Some(85.25));
        assert!(pages[1].as_ref().unwrap().lines.is_empty());
    }
}
