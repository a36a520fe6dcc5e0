//! The same plan from every format gives the same records and ids.

mod common;

use common::*;
use zhenggai::model::Format;

const PLAN_FORMATS: &[(&str, Format)] = &[
    ("pdf/xiangtan-plan.libreoffice.pdf", Format::Pdf),
    ("pdf/xiangtan-plan.chromium.pdf", Format::Pdf),
    ("pdf/xiangtan-plan.owner-only.pdf", Format::Pdf),
    ("docx/xiangtan-plan.docx", Format::Docx),
    ("html/xiangtan-plan.html", Format::Html),
];

#[test]
fn every_format_of_the_plan_matches_the_gold_structure() {
    let md = extract("xiangtan-2018.md");
    for &(f, format) in PLAN_FORMATS {
        let plan = extract(f);
        assert_eq!(plan.source.format, format, "{f}");
        let misses = structural_mismatches(&plan);
        assert!(misses.is_empty(), "{f}: {misses:#?}");
        assert_eq!(
            plan.id, md.id,
            "{f}: document id differs from the Markdown's"
        );
        let ids: Vec<&str> = plan.problems.iter().map(|p| p.id.as_str()).collect();
        let md_ids: Vec<&str> = md.problems.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, md_ids, "{f}");
        assert_schema_valid(&plan, f);
    }
}

#[test]
fn pdf_pages_and_spans_point_into_the_pages() {
    let plan = extract("pdf/xiangtan-plan.libreoffice.pdf");
    assert_eq!(plan.source.pages, Some(41));
    let span = plan.problems[15].span.expect("span");
    assert!(span.page.is_some_and(|p| p > 1 && p <= 41));
    assert!(span.line >= 1);
}

#[test]
fn table_form_checklists_match_their_gold() {
    let gold = gold_of("xiangtan-checklist-table.gold.json");
    for f in [
        "pdf/xiangtan-checklist-table.pdf",
        "docx/xiangtan-checklist-table.docx",
    ] {
        let plan = extract(f);
        let misses = mismatches_against(&plan, &gold);
        assert!(misses.is_empty(), "{f}: {misses:#?}");
        assert_eq!(plan.problems.len(), 20, "{f}");
        // 年底前 in a checklist-only document resolves against the years
        // its table states.
        let m = &plan.problems[10].measures[0];
        assert!(
            m.terms.iter().all(|t| t.end.is_some()) && !m.terms.is_empty(),
            "{f}: {:?}",
            m.terms
        );
        assert_schema_valid(&plan, f);
    }
}

#[test]
fn table_form_and_labelled_form_give_the_same_records() {
    let labelled = extract("docx/xiangtan-plan.docx");
    let table = extract("docx/xiangtan-checklist-table.docx");
    assert_eq!(labelled.problems.len(), table.problems.len());
    for (a, b) in labelled.problems.iter().zip(&table.problems) {
        let w = a.seq;
        assert_eq!(a.seq, b.seq);
        assert_eq!(norm(&a.description), norm(&b.description), "problem {w}");
        assert_eq!(a.title, b.title, "problem {w}");
        assert_eq!(
            a.target.as_deref().map(norm),
            b.target.as_deref().map(norm),
            "problem {w}"
        );
        assert_eq!(a.deadline, b.deadline, "problem {w}");
        assert_eq!(a.units, b.units, "problem {w}");
        assert_eq!(a.leaders, b.leaders, "problem {w}");
        assert_eq!(a.responsible, b.responsible, "problem {w}");
        let ma: Vec<(Option<&str>, String)> = flatten(&a.measures)
            .iter()
            .map(|m| (m.number.as_deref(), norm(&m.text)))
            .collect();
        let mb: Vec<(Option<&str>, String)> = flatten(&b.measures)
            .iter()
            .map(|m| (m.number.as_deref(), norm(&m.text)))
            .collect();
        assert_eq!(ma, mb, "problem {w}");
    }
}

#[test]
fn scanned_and_encrypted_pdfs_are_clear_errors() {
    let mut opts = zhenggai::Options::new();
    opts.no_ocr = true;
    let read = |f: &str| std::fs::read(fixture(f)).expect("fixture");
    let e = zhenggai::extract(&read("pdf/xiangtan-plan.scanned.pdf"), "s.pdf", &opts).unwrap_err();
    assert!(e.to_string().starts_with("no-text-layer"), "{e}");
    let e =
        zhenggai::extract(&read("pdf/xiangtan-plan.encrypted.pdf"), "e.pdf", &opts).unwrap_err();
    assert!(e.to_string().starts_with("encrypted"), "{e}");
    let mut with_pw = zhenggai::Options::new();
    with_pw.password = Some("secret".into());
    let plan = zhenggai::extract(&read("pdf/xiangtan-plan.encrypted.pdf"), "e.pdf", &with_pw)
        .expect("decrypts");
    assert!(structural_mismatches(&plan).is_empty());
}

#[test]
fn cli_writes_no_output_file_for_an_unreadable_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.json");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_zhenggai"))
        .arg("extract")
        .arg(fixture("pdf/xiangtan-plan.encrypted.pdf"))
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("xiangtan-plan.encrypted.pdf") && err.contains("--password"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    assert!(!out.exists());
}
