//! Validating a 1,000-row ledger (the target is < 100 ms): the seed plan's
//! 20 problems repeated to 1,000, exported as an XLSX and a CSV ledger, then
//! read and validated against that plan.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use zhenggai::Plan;
use zhenggai::ledger::{self, ValidateOptions};
use zhenggai::write::{self, Format, Rows, WriteOptions};

const GOLD: &[u8] = include_bytes!("../../fixtures/ledger/xiangtan-2018.gold.json");
const ROWS: usize = 1000;

/// The seed plan with its problems repeated to `n`, numbered 1…n.
fn big_plan(n: usize) -> Option<Plan> {
    let mut plan = ledger::load_plan(GOLD, "gold.json").ok()?;
    let seed = plan.problems.clone();
    plan.problems = (0..n)
        .filter_map(|i| {
            let mut p = seed.get(i % seed.len())?.clone();
            p.seq = i as u32 + 1;
            Some(p)
        })
        .collect();
    Some(plan)
}

fn bench(c: &mut Criterion) {
    let Some(plan) = big_plan(ROWS) else {
        eprintln!("cannot load the gold plan");
        return;
    };
    let opts = ValidateOptions::new();
    for (format, name) in [(Format::Xlsx, "ledger.xlsx"), (Format::Csv, "ledger.csv")] {
        let Ok(bytes) = write::render(
            std::slice::from_ref(&plan),
            format,
            &WriteOptions {
                pretty: false,
                rows: Rows::Problems,
            },
        ) else {
            eprintln!("cannot render {name}");
            return;
        };
        // The bench measures a clean validation, so check it is one.
        match ledger::validate_bytes(&plan, &bytes, name, &opts) {
            Ok(r) if r.findings.is_empty() && r.rows == ROWS => {}
            Ok(r) => eprintln!("{name}: {} findings over {} rows", r.findings.len(), r.rows),
            Err(e) => eprintln!("{name}: {e}"),
        }
        c.bench_function(&format!("validate 1000-row {name}"), |b| {
            b.iter(|| ledger::validate_bytes(black_box(&plan), black_box(&bytes), name, &opts))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
