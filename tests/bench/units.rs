//! Throughput of `parse_units` on real 责任单位 lists (the evaluation
//! table: the seed plan's lists plus one per pattern family), one core.
//! Target: ≥ 200,000 lists/s, also for lists of every province under their
//! own regions (the national place table loaded). Measured 2026-12-07 on
//! the shared build machine, CPU time of one core: seed table 537k lists/s,
//! national table 334k lists/s; the national table parses in 0.69 ms.
//!
//! Measured twice: wall clock (criterion's default) and on-CPU time of the
//! benchmark thread (`CLOCK_THREAD_CPUTIME_ID`), because the build
//! machine is shared and wall-clock figures there swing with other load.

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Instant;
use zhenggai::normalize::person::parse_persons;
use zhenggai::normalize::unit::{UnitContext, UnitDict, parse_national_table, parse_units};

const TABLE: &str = include_str!("../../fixtures/units.jsonl");
/// Lists from plans of 30 provinces, each under its own region: every one
/// reads the national place table.
const NATIONAL: &str = include_str!("../../fixtures/units-national.jsonl");

const PERSONS: [&str; 5] = [
    "罗伟杨真平",
    "章礼华唐正武（副秘书长）",
    "谢平（市住建局副局长）负责建成区24条黑臭水体的整治工作",
    "黄欣（市、县级）；黄译萱（乡镇级）",
    "杨——戴德清",
];

/// (text, region) of the national table's rows.
fn national_lists() -> Vec<(String, String)> {
    NATIONAL
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let text = v.get("text")?.as_str()?.to_string();
            let region = v.get("region")?.as_str()?.to_string();
            Some((text, region))
        })
        .collect()
}

fn lists() -> Vec<String> {
    TABLE
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect()
}

/// On-CPU nanoseconds of the current thread (Linux); elsewhere, wall time.
struct CpuTime;

#[cfg(target_os = "linux")]
fn thread_cpu_ns() -> u64 {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    unsafe extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the duration of the
    // call; clock_gettime writes only into it.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return wall_ns();
    }
    (ts.tv_sec as u64) * 1_000_000_000 + ts.tv_nsec as u64
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu_ns() -> u64 {
    wall_ns()
}

fn wall_ns() -> u64 {
    static EPOCH: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    EPOCH.get_or_init(Instant::now).elapsed().as_nanos() as u64
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, i: u64) -> u64 {
        thread_cpu_ns().saturating_sub(i)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &NsFormatter
    }
}

/// Nanoseconds shown as µs, throughput as elements per second.
struct NsFormatter;

impl ValueFormatter for NsFormatter {
    fn scale_values(&self, _typical: f64, values: &mut [f64]) -> &'static str {
        for v in values {
            *v /= 1e3;
        }
        "µs (cpu)"
    }
    fn scale_throughputs(&self, _typical: f64, t: &Throughput, values: &mut [f64]) -> &'static str {
        let n = match t {
            Throughput::Elements(n) | Throughput::Bytes(n) | Throughput::BytesDecimal(n) => *n,
            _ => 1,
        } as f64;
        for v in values {
            *v = n * 1e9 / *v / 1e3;
        }
        "Kelem/s (cpu)"
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

fn bench_units<M: Measurement + 'static>(c: &mut Criterion<M>) {
    let dict = UnitDict::builtin();
    let ctx = UnitContext {
        region: Some("湘潭市"),
        dict: &dict,
        defaults: &[],
        memo: None,
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
        })
    });
    // Lists of every province, each under its plan's region (a context per
    // list, as a batch of plans from many places has).
    let national = national_lists();
    g.throughput(Throughput::Elements(national.len() as u64));
    g.bench_function("parse_units/national", |b| {
        b.iter(|| {
            let mut diags = Vec::new();
            for (l, r) in &national {
                let ctx = UnitContext {
                    region: Some(r),
                    dict: &dict,
                    defaults: &[],
                    memo: None,
                };
                black_box(parse_units(black_box(l), &ctx, &mut diags));
            }
        })
    });
    g.throughput(Throughput::Elements(PERSONS.len() as u64));
    g.bench_function("parse_persons", |b| {
        b.iter(|| {
            let mut diags = Vec::new();
            for p in PERSONS {
                black_box(parse_persons(black_box(p), &mut diags));
            }
        })
    });
    g.finish();
    c.bench_function("UnitDict::builtin", |b| b.iter(UnitDict::builtin));
    // What the first use of the national place table costs a process.
    c.bench_function("national place table parse", |b| {
        b.iter(parse_national_table)
    });
}

criterion_group!(wall, bench_units);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(CpuTime);
    targets = bench_units
}
criterion_main!(wall, cpu);
