//! PDF reader acceptance tests on the corpus files in fixtures/pdf/ and
//! the Markdown seed of the same plan.

use std::time::{Duration, Instant};

use zhenggai::Error;
use zhenggai::read::{Block, BlockKind, Doc, ReadOptions, markdown, pdf};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_pdf(name: &str) -> Doc {
    pdf::read(&fixture(&format!("pdf/{name}")), &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Block texts without white space, tables flattened cell by cell.
fn texts(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        if let Some(t) = &b.table {
            for row in &t.rows {
                for c in row {
                    out.extend(texts(&c.blocks));
                }
            }
        } else {
            let t: String = b.text().chars().filter(|c| !c.is_whitespace()).collect();
            if !t.is_empty() {
                out.push(t);
            }
        }
    }
    out
}

/// Longest common subsequence length of two sequences.
fn lcs(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        prev = cur;
    }
    prev[b.len()]
}

fn seed_texts() -> Vec<String> {
    let md = String::from_utf8(fixture("xiangtan-2018.md")).expect("utf-8 seed");
    texts(&markdown::parse(&md).blocks)
}

/// Match rate of the PDF's blocks against the seed's: matched blocks
/// (longest common subsequence) over the larger count.
fn match_rate(name: &str) -> (f64, Vec<String>, Vec<String>) {
    let seed = seed_texts();
    let got = texts(&read_pdf(name).blocks);
    let m = lcs(&seed, &got);
    (m as f64 / seed.len().max(got.len()) as f64, seed, got)
}

fn show_diff(seed: &[String], got: &[String]) {
    let missing: Vec<&String> = seed.iter().filter(|s| !got.contains(s)).collect();
    let extra: Vec<&String> = got.iter().filter(|s| !seed.contains(s)).collect();
    for s in missing.iter().take(15) {
        eprintln!("- {s}");
    }
    for s in extra.iter().take(15) {
        eprintln!("+ {s}");
    }
}

#[test]
fn libreoffice_blocks_match_the_markdown_seed() {
    let (rate, seed, got) = match_rate("xiangtan-plan.libreoffice.pdf");
    eprintln!("libreoffice match rate: {:.1}% ({} seed blocks, {} pdf blocks)", rate * 100.0, seed.len(), got.len());
    show_diff(&seed, &got);
    assert!(rate >= 0.95, "match rate {rate}");
}

#[test]
fn chromium_blocks_match_the_markdown_seed() {
    let (rate, seed, got) = match_rate("xiangtan-plan.chromium.pdf");
    eprintln!("chromium match rate: {:.1}% ({} seed blocks, {} pdf blocks)", rate * 100.0, seed.len(), got.len());
    show_diff(&seed, &got);
    assert!(rate >= 0.95, "match rate {rate}");
}

#[test]
#[ignore = "debug dump: DUMP=file.pdf cargo test --test pdf dump -- --ignored --nocapture"]
fn dump() {
    let name = std::env::var("DUMP").unwrap_or_else(|_| "xiangtan-plan.libreoffice.pdf".into());
    let doc = read_pdf(&name);
    for b in &doc.blocks {
        if let Some(t) = &b.table {
            eprintln!("TABLE {}x{} header_rows={} {:?}", t.rows.len(), t.rows.first().map_or(0, Vec::len), t.header_rows, b.span);
            for row in &t.rows {
                let cells: Vec<String> = row.iter().map(|c| c.text().replace('\n', "¶")).collect();
                eprintln!("  | {}", cells.join(" | "));
            }
        } else {
            let runs: Vec<String> = b
                .runs
                .iter()
                .map(|r| match (r.bold, r.struck) {
                    (true, _) => format!("**{}**", r.text),
                    (_, true) => format!("~~{}~~", r.text),
                    _ => r.text.clone(),
                })
                .collect();
            eprintln!("{:?} p{:?} l{} {}", b.kind, b.span.page, b.span.line, runs.join(""));
        }
    }
    for d in &doc.diagnostics {
        eprintln!("diag {} {}", d.code, d.message);
    }
}

#[test]
fn scanned_pdf_has_no_text_layer() {
    let e = pdf::read(&fixture("pdf/xiangtan-plan.scanned.pdf"), &ReadOptions::default());
    match e {
        Err(Error::NoTextLayer { pages }) => assert_eq!(pages, "1–2"),
        other => panic!("expected NoTextLayer, got {other:?}"),
    }
}

#[test]
fn encrypted_pdf_needs_the_password() {
    let bytes = fixture("pdf/xiangtan-plan.encrypted.pdf");
    assert!(matches!(
        pdf::read(&bytes, &ReadOptions::default()),
        Err(Error::Encrypted)
    ));
    let wrong = ReadOptions {
        password: Some("nope".into()),
    };
    assert!(matches!(pdf::read(&bytes, &wrong), Err(Error::WrongPassword)));
    let right = ReadOptions {
        password: Some("secret".into()),
    };
    let doc = pdf::read(&bytes, &right).expect("decrypts with the user password");
    let plain = read_pdf("xiangtan-plan.libreoffice.pdf");
    assert_eq!(texts(&doc.blocks), texts(&plain.blocks));
}

#[test]
fn owner_only_pdf_opens_without_a_password() {
    let doc = read_pdf("xiangtan-plan.owner-only.pdf");
    let plain = read_pdf("xiangtan-plan.libreoffice.pdf");
    assert_eq!(doc.pages, Some(41));
    assert_eq!(texts(&doc.blocks), texts(&plain.blocks));
}

#[test]
fn doc_metadata() {
    let doc = read_pdf("xiangtan-plan.libreoffice.pdf");
    assert_eq!(doc.format, zhenggai::model::Format::Pdf);
    assert_eq!(doc.pages, Some(41));
    assert_eq!(doc.encoding, None);
    // Spans: pages 1-based, offsets increasing.
    let mut last = 0;
    for b in &doc.blocks {
        assert!(b.span.page.is_some_and(|p| (1..=41).contains(&p)));
        assert!(b.span.line >= 1);
        assert!(b.span.start >= last || b.kind == BlockKind::Table);
        last = b.span.start;
    }
}

#[test]
fn reading_is_fast() {
    let bytes = fixture("pdf/xiangtan-plan.libreoffice.pdf");
    let t = Instant::now();
    let _ = pdf::read(&bytes, &ReadOptions::default());
    // Debug build, shared machine: generous bound.
    assert!(t.elapsed() < Duration::from_secs(20));
}
