//! Validating a 1,000-row ledger (the target is < 100 ms): the seed plan's
//! 20 problems repeated to 1,000, exported as an XLSX and a CSV ledger (plus a
//! CSV typed with full unit names and dotted dates), then read and
//! validated against that plan. The 20 problems repeat, so cell texts
//! repeat every 20 rows, as units and people repeat in real ledgers.

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

/// The same ledger as a clerk would type it: full unit names, dotted
/// dates, so every normalizer runs on text the plan never wrote.
fn hand_typed(plan: &Plan) -> Vec<u8> {
    let mut out = String::new();
    write::csv::push_record(&mut out, write::LEDGER_COLUMNS.iter().copied());
    for (row, p) in write::ledger_rows(plan, Rows::Problems)
        .into_iter()
        .zip(&plan.problems)
    {
        let mut cells = row.cells.clone();
        let names = |u: &[zhenggai::model::Unit]| {
            u.iter()
                .map(|x| x.name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        };
        if let Some(u) = &p.units {
            cells[5] = names(&u.lead);
            cells[6] = names(&u.others);
        }
        if let Some(d) = p.deadline.as_ref().filter(|d| d.terms.len() == 1)
            && let Some(due) = d.due
        {
            cells[3] = format!("{}.{}.{}", due.year(), due.month(), due.day());
        }
        write::csv::push_record(&mut out, cells.iter().map(String::as_str));
    }
    out.into_bytes()
}

fn bench(c: &mut Criterion) {
    let Some(plan) = big_plan(ROWS) else {
        eprintln!("cannot load the gold plan");
        return;
    };
    let opts = ValidateOptions::new();
    let export = |format| {
        write::render(
            std::slice::from_ref(&plan),
            format,
            &WriteOptions {
                pretty: false,
                rows: Rows::Problems,
            },
        )
        .unwrap_or_default()
    };
    let ledgers = [
        ("exported.xlsx", export(Format::Xlsx)),
        ("exported.csv", export(Format::Csv)),
        ("hand-typed.csv", hand_typed(&plan)),
    ];
    for (name, bytes) in &ledgers {
        let name = *name;
        // The bench measures a clean validation, so check it is one.
        match ledger::validate_bytes(&plan, bytes, name, &opts) {
            Ok(r) if r.findings.is_empty() && r.rows == ROWS => {}
            Ok(r) => eprintln!("{name}: {} findings over {} rows", r.findings.len(), r.rows),
            Err(e) => eprintln!("{name}: {e}"),
        }
        c.bench_function(&format!("validate 1000-row {name}"), |b| {
            b.iter(|| ledger::validate_bytes(black_box(&plan), black_box(bytes), name, &opts))
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
