//! A mutation smoke test over every reader, for when `cargo fuzz` (which
//! needs nightly and a sanitizer build) is too costly: corpus files with
//! bytes flipped, inserted, deleted, duplicated, truncated and spliced,
//! each run through the whole pipeline. A panic, or an input taking more
//! than 5 s, is saved under `target/smoke/` and fails the run; the input
//! being run is always in `target/smoke/current.*`, so an abort (stack
//! overflow) leaves it behind. Whatever this finds becomes a regression
//! test in `tests/hostile.rs`.
//!
//!     ZG_SMOKE_SECS=600 cargo test --test smoke -- --ignored --nocapture
//!
//! Ignored by default: `cargo test` stays quick.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const SEEDS: &[&str] = &[
    "xiangtan-2018.md",
    "plans/problem-n.gb18030.txt",
    "plans/problem-n.utf16.txt",
    "plans/table.md",
    "html/xiangtan-plan.html",
    "html/portal-notice.html",
    "html/gbk-notice.html",
    "docx/xiangtan-plan.docx",
    "docx/xiangtan-checklist-table.docx",
    "pdf/xiangtan-plan.libreoffice.pdf",
    "pdf/xiangtan-plan.chromium.pdf",
    "pdf/xiangtan-checklist-table.pdf",
    "pdf/xiangtan-plan.stsong-gbk.pdf",
    "pdf/xiangtan-plan.type3-radicals.pdf",
];

/// xorshift64*: reproducible from `ZG_SMOKE_SEED`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, other: &[u8]) {
    for _ in 0..1 + rng.below(4) {
        let len = input.len();
        let at = rng.below(len + 1);
        match rng.below(7) {
            0 => {
                for _ in 0..1 + rng.below(16) {
                    let k = rng.below(len);
                    if let Some(b) = input.get_mut(k) {
                        *b = rng.next() as u8;
                    }
                }
            }
            1 => {
                let bytes: Vec<u8> = (0..1 + rng.below(64)).map(|_| rng.next() as u8).collect();
                input.splice(at..at, bytes);
            }
            2 => {
                let end = (at + rng.below(4096)).min(len);
                input.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(4096)).min(len);
                let chunk = input[at..end].to_vec();
                let to = rng.below(input.len() + 1);
                for _ in 0..1 + rng.below(8) {
                    input.splice(to..to, chunk.iter().copied());
                }
            }
            4 => input.truncate(at),
            5 => {
                let from = rng.below(other.len());
                let end = (from + rng.below(8192)).min(other.len());
                input.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                // Structure-shaped junk: deep nesting and controls.
                let junk: &[&[u8]] = &[
                    b"<div>",
                    b"[",
                    b"<<",
                    b"q ",
                    b"\0",
                    b"> ",
                    b"<w:p>",
                    "⼀".as_bytes(),
                ];
                let piece = junk[rng.below(junk.len())];
                let n = 1 + rng.below(2000);
                input.splice(at..at, piece.repeat(n));
            }
        }
    }
}

#[test]
#[ignore]
fn mutated_corpus_files_never_panic_or_hang() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = root.join("target/smoke");
    std::fs::create_dir_all(&out).unwrap();
    let secs: u64 = std::env::var("ZG_SMOKE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let seed: u64 = std::env::var("ZG_SMOKE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let seeds: Vec<(PathBuf, Vec<u8>)> = SEEDS
        .iter()
        .map(|s| {
            let p = root.join("fixtures").join(s);
            let b = std::fs::read(&p).unwrap_or_else(|e| panic!("{s}: {e}"));
            (p, b)
        })
        .collect();
    let mut rng = Rng(seed | 1);
    let opts = zhenggai::Options::new();
    let started = Instant::now();
    let (mut runs, mut found) = (0usize, Vec::new());
    let mut slowest = (Duration::ZERO, String::new());
    std::panic::set_hook(Box::new(|_| {}));
    while started.elapsed() < Duration::from_secs(secs) {
        let (path, bytes) = &seeds[rng.below(seeds.len())];
        let other = &seeds[rng.below(seeds.len())].1;
        let mut input = bytes.clone();
        mutate(&mut rng, &mut input, other);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x");
        let ext = name.rsplit('.').next().unwrap_or("bin");
        std::fs::write(out.join(format!("current.{ext}")), &input).unwrap();
        let t = Instant::now();
        let r = catch_unwind(AssertUnwindSafe(|| zhenggai::extract(&input, name, &opts)));
        let took = t.elapsed();
        runs += 1;
        if took > slowest.0 {
            slowest = (took, format!("{name} ({} bytes)", input.len()));
        }
        let what = if r.is_err() {
            Some("panic")
        } else if took > Duration::from_secs(5) {
            Some("slow")
        } else {
            None
        };
        if let Some(what) = what {
            let file = out.join(format!("{what}-{runs}.{ext}"));
            std::fs::write(&file, &input).unwrap();
            found.push(format!("{what}: {} ({name}, {took:?})", file.display()));
        }
    }
    let _ = std::panic::take_hook();
    eprintln!(
        "smoke: {runs} runs in {:?}, slowest {:?} on {}, {} findings",
        started.elapsed(),
        slowest.0,
        slowest.1,
        found.len()
    );
    assert!(found.is_empty(), "{found:#?}");
}
