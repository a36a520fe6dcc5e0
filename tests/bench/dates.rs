//! Throughput of the date normalizer over the shared expression tables
//! (fixtures/dates.jsonl, and fixtures/dates-relative.jsonl with each row's
//! issue date): expressions per second on one core.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zhenggai::normalize::date::{DateContext, parse_terms};

const TABLE: &str = include_str!("../../fixtures/dates.jsonl");
const RELATIVE: &str = include_str!("../../fixtures/dates-relative.jsonl");

/// A table's texts and contexts.
fn rows(table: &str) -> Vec<(String, DateContext)> {
    table
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let text = v["text"].as_str().unwrap_or_default().to_string();
            let year = v["year"].as_i64().and_then(|y| i16::try_from(y).ok());
            let issued = v["date"].as_str().and_then(|d| d.parse().ok());
            let ctx = match issued {
                Some(d) => DateContext::issued(d),
                None => DateContext::year(year),
            };
            (text, ctx)
        })
        .collect()
}

fn dates(c: &mut Criterion) {
    let mut group = c.benchmark_group("dates");
    for (name, table) in [
        ("parse_terms/table", TABLE),
        ("parse_terms/relative", RELATIVE),
    ] {
        let rows = rows(table);
        group.throughput(Throughput::Elements(rows.len() as u64));
        group.bench_function(name, |b| {
            let mut diags = Vec::new();
            b.iter(|| {
                for (text, ctx) in &rows {
                    black_box(parse_terms(black_box(text), ctx, &mut diags));
                }
                diags.clear();
            })
        });
    }
    group.finish();
}

criterion_group!(benches, dates);
criterion_main!(benches);
