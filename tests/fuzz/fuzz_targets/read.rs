//! Every reader on arbitrary bytes: the first byte picks the format hint,
//! the rest is the file. Readers must return a Doc or an error, never
//! panic, loop or allocate without bound.
//!
//!     cargo fuzz run read --fuzz-dir tests/fuzz
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &["x.md", "x.txt", "x.pdf", "x.docx", "x.html", "x"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let name = NAMES[pick as usize % NAMES.len()];
    let opts = zhenggai::read::ReadOptions {
        no_ocr: true,
        ..Default::default()
    };
    let _ = zhenggai::read::read(rest, name, &opts);
});
