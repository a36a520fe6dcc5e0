//! Throughput of the date normalizer over the shared expression table
//! (fixtures/dates.jsonl): expressions per second on one core.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zhenggai::normalize::date::{DateContext, parse_terms};

const TABLE: &str = include_str!("../../fixtures/dates.jsonl");

/// The table's texts and years.
fn rows() -> Vec<(String, Option<i16>)> {
    TABLE
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let text = v["text"].as_str().unwrap_or_default().to_string();
            let year = v["year"].as_i64().and_then(|y| i16::try_from(y).ok());
            (text, year)
        })
        .collect()
}

fn dates(c: &mut Criterion) {
    let rows = rows();
    let mut group = c.benchmark_group("dates");
    group.throughput(Throughput::Elements(rows.len() as u64));
    group.bench_function("parse_terms/table", |b| {
        let mut diags = Vec::new();
        b.iter(|| {
            for (text, year) in &rows {
                let ctx = DateContext::year(*year);
                black_box(parse_terms(black_box(text), &ctx, &mut diags));
            }
            diags.clear();
        })
    });
    group.finish();
}

criterion_group!(benches, dates);
criterion_main!(benches);
