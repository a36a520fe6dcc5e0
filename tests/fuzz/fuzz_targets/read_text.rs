//! The text reader on arbitrary bytes (seeded by tests/fuzz/run.sh with the
//! project's text fixtures): a Doc or an error, never a panic, a hang or
//! unbounded memory. OCR is off: a fuzzer must not start Tesseract.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = zhenggai::read::ReadOptions {
        no_ocr: true,
        ..Default::default()
    };
    let _ = zhenggai::read::read(data, "x.md", &opts);
});
