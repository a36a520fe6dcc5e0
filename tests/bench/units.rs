//! Throughput of `parse_units` on real 责任单位 lists (the gold plan's and
//! the evaluation table's), one core. Target: ≥ 200,000 lists/s.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use zhenggai::normalize::person::parse_persons;
use zhenggai::normalize::unit::{UnitContext, UnitDict, parse_units};

const TABLE: &str = include_str!("../../fixtures/units.jsonl");

fn lists() -> Vec<String> {
    TABLE
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect()
}

fn bench_units(c: &mut Criterion) {
    let dict = UnitDict::builtin();
    let ctx = UnitContext {
        region: Some("湘潭市"),
        dict: &dict,
        defaults: &[],
    };
    let lists = lists();
    let mut g = c.benchmark_group("units");
    g.throughput(Throughput::Elements(lists.len() as u64));
    g.bench_function("parse_units/table", |b| {
        b.iter(|| {
            let mut diags = Vec::new();
            for l in &lists {
                black_box(parse_units(black_box(l), &ctx, &mut diags));
            }
            diags.clear();
        })
    });
    let persons = [
        "罗伟杨真平",
        "章礼华唐正武（副秘书长）",
        "谢平（市住建局副局长）负责建成区24条黑臭水体的整治工作",
        "黄欣（市、县级）；黄译萱（乡镇级）",
        "杨——戴德清",
    ];
    g.throughput(Throughput::Elements(persons.len() as u64));
    g.bench_function("parse_persons", |b| {
        b.iter(|| {
            let mut diags = Vec::new();
            for p in persons {
                black_box(parse_persons(black_box(p), &mut diags));
            }
        })
    });
    g.finish();
    c.bench_function("UnitDict::builtin", |b| b.iter(UnitDict::builtin));
}

criterion_group!(benches, bench_units);
criterion_main!(benches);
