//! OCR of scanned PDFs with Tesseract (`apt-get install tesseract-ocr
//! tesseract-ocr-chi-sim`, as `.ci/run` does). Without Tesseract these
//! tests fail, saying how to install it: they never pass silently.
//!
//! Fixtures (made from `fixtures/pdf/xiangtan-plan.libreoffice.pdf` with
//! poppler's pdftoppm, Pillow and img2pdf, see `tests/bench/ocr.sh`):
//! - `xiangtan-plan.scanned-3p.pdf`: pages 1, 9 and 10 at 200 dpi, 8-bit
//!   grayscale JPEG (DCT) — the title page and 反馈问题一 with its fields;
//! - `xiangtan-plan.scanned-flate.pdf`: page 1 at 150 dpi as a PNG, so a
//!   Flate image with PNG predictors in RGB (its red channel is read).

mod common;

use std::process::Command;

use common::fixture;

/// Fail, saying how to install, when Tesseract or its Chinese model is
/// missing.
fn require_tesseract() {
    let out = Command::new("tesseract").arg("--list-langs").output();
    let ok = out.is_ok_and(|o| {
        let s = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        s.lines().any(|l| l.trim() == "chi_sim")
    });
    assert!(
        ok,
        "OCR tests need Tesseract with its Simplified Chinese model: \
         apt-get install tesseract-ocr tesseract-ocr-chi-sim (as .ci/run does)"
    );
}

fn extract(rel: &str) -> zhenggai::Plan {
    require_tesseract();
    let bytes = std::fs::read(fixture(rel)).expect("fixture");
    zhenggai::extract(&bytes, rel, &zhenggai::Options::new()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn scanned_pdf_is_read_by_ocr() {
    let plan = extract("pdf/xiangtan-plan.scanned-3p.pdf");
    assert_eq!(
        plan.title.as_deref(),
        Some("湘潭市公开湖南省环境保护督察整改方案")
    );
    let insp = serde_json::to_value(&plan.inspection).expect("json");
    assert_eq!(insp["start"], "2018-07-26", "{insp}");
    assert_eq!(insp["end"], "2018-08-24", "{insp}");
    let v = serde_json::to_value(&plan).expect("json");
    let problems = v["problems"].as_array().expect("problems");
    assert!(!problems.is_empty(), "no problem found");
    let p1 = &problems[0];
    let s = p1.to_string();
    assert!(s.contains("生态文明建设的思想认识"), "{s}");
    // The labels misread by OCR (率头领导, 责任单位;) are repaired.
    assert!(s.contains("市委办"), "{s}");
    assert!(s.contains("陈忠红"), "{s}");
    let codes: Vec<&str> = plan.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"ocr-confidence"), "{codes:?}");
    assert_eq!(v["source"]["pages"], 3);
}

#[test]
fn flate_page_image_is_read_by_ocr() {
    let plan = extract("pdf/xiangtan-plan.scanned-flate.pdf");
    assert_eq!(
        plan.title.as_deref(),
        Some("湘潭市公开湖南省环境保护督察整改方案")
    );
}

#[test]
fn no_ocr_keeps_the_refusal() {
    let bytes = std::fs::read(fixture("pdf/xiangtan-plan.scanned-3p.pdf")).expect("fixture");
    let mut opts = zhenggai::Options::new();
    opts.no_ocr = true;
    let e = zhenggai::extract(&bytes, "s.pdf", &opts).unwrap_err();
    assert!(e.to_string().starts_with("no-text-layer"), "{e}");
    assert!(e.to_string().contains("1–3"), "{e}");
}

#[test]
fn missing_tesseract_says_how_to_install() {
    let out = Command::new(env!("CARGO_BIN_EXE_zhenggai"))
        .arg("extract")
        .arg(fixture("pdf/xiangtan-plan.scanned-3p.pdf"))
        .env("ZHENGGAI_TESSERACT", "/nonexistent/tesseract")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ocr-unavailable"), "{err}");
    assert!(
        err.contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim"),
        "{err}"
    );
    assert!(err.contains("--no-ocr"), "{err}");
}

#[test]
fn image_file_is_read_by_ocr() {
    require_tesseract();
    // The first page image of the 3-page scan, as a JPEG file's bytes.
    let pdf = std::fs::read(fixture("pdf/xiangtan-plan.scanned-3p.pdf")).expect("fixture");
    let start = pdf
        .windows(3)
        .position(|w| w == [0xFF, 0xD8, 0xFF])
        .expect("a JPEG in the fixture");
    let len = pdf[start..]
        .windows(9)
        .position(|w| w == b"endstream")
        .expect("end of the image");
    let jpeg = &pdf[start..start + len];
    let plan = zhenggai::extract(jpeg, "page-1.jpg", &zhenggai::Options::new())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        plan.title.as_deref(),
        Some("湘潭市公开湖南省环境保护督察整改方案")
    );
    let v = serde_json::to_value(&plan).expect("json");
    assert_eq!(v["source"]["format"], "image");
    assert_eq!(v["source"]["pages"], 1);
}
