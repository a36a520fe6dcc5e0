//! The ledger reader (XLSX, CSV/TSV, JSONL) on arbitrary bytes, seeded by
//! tests/fuzz/run.sh with ledgers written from the seed plan: the first
//! byte picks the name's extension, the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &["x.xlsx", "x.csv", "x.tsv", "x.jsonl"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[pick as usize % NAMES.len()];
    let _ = zhenggai::ledger::read_ledger(rest, name, None);
});
