//! The whole pipeline on arbitrary text: parsing and normalizing any
//! document must not panic.
//!
//!     cargo fuzz run extract --fuzz-dir tests/fuzz
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;

static OPTS: LazyLock<zhenggai::Options> = LazyLock::new(|| {
    let mut o = zhenggai::Options::new();
    // A fuzzer must not start Tesseract.
    o.no_ocr = true;
    o
});

fuzz_target!(|data: &[u8]| {
    let _ = zhenggai::extract(data, "fuzz.md", &OPTS);
});
