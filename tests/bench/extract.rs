//! Per-document cost of the whole pipeline (read → parse → normalize) on
//! the seed plan, each stage alone, and rendering the batch's compact
//! JSON. Target: ≥ 2,000 Markdown plans/s on one core, output included.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn extract_seed(c: &mut Criterion) {
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/xiangtan-2018.md"
    ))
    .expect("seed fixture");
    let opts = zhenggai::Options::new();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(seed.len() as u64));
    g.bench_function("seed markdown", |b| {
        b.iter(|| {
            zhenggai::extract(std::hint::black_box(&seed), "seed.md", &opts)
                .map(|p| p.problems.len())
        })
    });
    let doc = zhenggai::read::markdown::parse(std::str::from_utf8(&seed).expect("UTF-8 seed"));
    let text = std::str::from_utf8(&seed).expect("UTF-8 seed");
    g.bench_function("read only", |b| {
        b.iter(|| {
            zhenggai::read::markdown::parse(std::hint::black_box(text))
                .blocks
                .len()
        })
    });
    let skeleton = zhenggai::parse::parse(&doc);
    g.bench_function("normalize only", |b| {
        b.iter(|| {
            zhenggai::normalize::plan::build(std::hint::black_box(skeleton.clone()), None, &opts)
                .problems
                .len()
        })
    });
    g.bench_function("parse only", |b| {
        b.iter(|| {
            zhenggai::parse::parse(std::hint::black_box(&doc))
                .problems
                .len()
        })
    });
    let plan = zhenggai::extract(&seed, "seed.md", &opts).expect("seed extracts");
    g.bench_function("render compact json", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(seed.len() * 2);
            zhenggai::write::json::write_compact(&mut out, std::hint::black_box(&plan))
                .map(|()| out.len())
                .unwrap_or(0)
        })
    });
    g.finish();
}

criterion_group!(benches, extract_seed);
criterion_main!(benches);
