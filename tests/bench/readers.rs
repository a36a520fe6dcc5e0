//! Every reader stays linear in its input: each is fed hostile inputs of
//! growing depth or size, and the time per MB is printed. A reader whose
//! time per MB grows with the input is quadratic somewhere. Not part of
//! `cargo test` (nothing here is timed there); run with
//! `cargo bench --bench readers` (optionally with a filter: `html`).

use std::time::Instant;

use zhenggai::read::{ReadOptions, read};

const SEED: &str = include_str!("../../fixtures/xiangtan-2018.md");
const PAGE: &str = include_str!("../../fixtures/html/xiangtan-plan.html");

/// The plan page with its body inside `n` nested `open`…`close`.
fn nested_page(n: usize, open: &str, close: &str) -> Vec<u8> {
    let (head, rest) = PAGE.split_once("<body>").unwrap_or((PAGE, ""));
    let (body, tail) = rest.rsplit_once("</body>").unwrap_or((rest, ""));
    format!(
        "{head}<body>{}{body}{}</body>{tail}",
        open.repeat(n),
        close.repeat(n)
    )
    .into_bytes()
}

#[path = "../support/page_pdf.rs"]
mod page_pdf;

/// A one-page PDF whose content stream is `content`.
fn pdf(content: &[u8]) -> Vec<u8> {
    page_pdf::page_pdf(content, "", &[])
}

/// The seed with `what` after every `every` characters.
fn sprinkled(times: usize, every: usize, what: &str) -> Vec<u8> {
    let mut s = String::new();
    for (i, c) in SEED.repeat(times).chars().enumerate() {
        s.push(c);
        if i % every == every - 1 {
            s.push_str(what);
        }
    }
    s.into_bytes()
}

type Case = (
    &'static str,
    &'static str,
    fn(usize) -> Vec<u8>,
    &'static [usize],
);

fn main() {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let cases: &[Case] = &[
        (
            "html",
            "nested <div>",
            |n| nested_page(n, "<div>", "</div>"),
            &[1_000, 10_000, 50_000, 200_000],
        ),
        (
            "html",
            "nested <x-a>",
            |n| nested_page(n, "<x-a>", "</x-a>"),
            &[1_000, 10_000, 50_000, 200_000],
        ),
        (
            "html",
            "nested tables",
            |n| nested_page(n, "<table><tr><td>", "</td></tr></table>"),
            &[1_000, 10_000, 50_000],
        ),
        (
            "markdown",
            "seed repeated",
            |n| SEED.repeat(n).into_bytes(),
            &[1, 10, 50],
        ),
        (
            "markdown",
            "quotes deep",
            |n| format!("{} 整改\n{SEED}", ">".repeat(n)).into_bytes(),
            &[1_000, 100_000, 1_000_000],
        ),
        (
            "text",
            "one line",
            |n| "整改问题一项，".repeat(n).into_bytes(),
            &[10_000, 100_000, 500_000],
        ),
        (
            "text",
            "NUL every 1,000",
            |n| sprinkled(n, 1000, "\0"),
            &[1, 10, 50],
        ),
        (
            "text",
            "radicals every 10",
            |n| sprinkled(n, 10, "⼀"),
            &[1, 10, 50],
        ),
        (
            "pdf",
            "nested arrays",
            |n| {
                pdf(format!(
                    "BT /F1 12 Tf 72 700 Td {}(x){} TJ ET",
                    "[".repeat(n),
                    "]".repeat(n)
                )
                .as_bytes())
            },
            &[1_000, 10_000, 100_000],
        ),
        (
            "pdf",
            "many text ops",
            |n| {
                pdf("BT /F1 12 Tf 72 700 Td (Hello plan) Tj ET\n"
                    .repeat(n)
                    .as_bytes())
            },
            &[1_000, 10_000, 100_000],
        ),
    ];
    println!(
        "{:<9} {:<18} {:>9} {:>10} {:>10} {:>10}",
        "reader", "input", "n", "MB", "ms", "ms/MB"
    );
    for (reader, what, make, sizes) in cases {
        if filter
            .as_deref()
            .is_some_and(|f| !reader.contains(f) && !what.contains(f))
        {
            continue;
        }
        let ext = match *reader {
            "html" => "html",
            "markdown" => "md",
            "pdf" => "pdf",
            _ => "txt",
        };
        for &n in *sizes {
            let bytes = make(n);
            let mb = bytes.len() as f64 / 1e6;
            let t = Instant::now();
            let r = read(&bytes, &format!("x.{ext}"), &ReadOptions::default());
            let ms = t.elapsed().as_secs_f64() * 1e3;
            let ok = if r.is_ok() { "" } else { "  (error)" };
            println!(
                "{reader:<9} {what:<18} {n:>9} {mb:>10.2} {ms:>10.1} {:>10.1}{ok}",
                ms / mb.max(1e-9)
            );
        }
    }
}
