//! Export: the seed's plan written as JSON, JSON Lines, CSV and XLSX, and
//! every ledger export validated back against the same plan with zero
//! findings.

mod common;

use zhenggai::Plan;
use zhenggai::ledger::{self, ValidateOptions};
use zhenggai::write::{self, Format, LEDGER_COLUMNS, Rows, WriteOptions};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const GOLD: &[u8] = include_bytes!("../fixtures/ledger/xiangtan-2018.gold.json");

fn plan() -> Result<Plan, zhenggai::Error> {
    ledger::load_plan(GOLD, "xiangtan-2018.gold.json")
}

fn render(plan: &Plan, format: Format, rows: Rows) -> Result<Vec<u8>, zhenggai::Error> {
    write::render(
        std::slice::from_ref(plan),
        format,
        &WriteOptions {
            pretty: false,
            rows,
        },
    )
}

/// Validate an export of the plan against the plan and list the findings.
fn round_trip(format: Format, rows: Rows, name: &str) -> Result<Vec<String>, zhenggai::Error> {
    let plan = plan()?;
    let bytes = render(&plan, format, rows)?;
    let report = ledger::validate_bytes(&plan, &bytes, name, &ValidateOptions::new())?;
    assert_eq!(
        report.matched,
        plan.problems.len(),
        "{name}: every problem matched"
    );
    Ok(report
        .findings
        .iter()
        .map(|f| format!("{} {:?} {}", f.code.as_str(), f.cell, f.message))
        .collect())
}

#[test]
fn xlsx_export_validates_clean() -> TestResult {
    assert_eq!(
        round_trip(Format::Xlsx, Rows::Problems, "out.xlsx")?,
        Vec::<String>::new()
    );
    Ok(())
}

#[test]
fn xlsx_export_with_measure_rows_validates_clean() -> TestResult {
    assert_eq!(
        round_trip(Format::Xlsx, Rows::Measures, "out.xlsx")?,
        Vec::<String>::new()
    );
    Ok(())
}

#[test]
fn csv_export_validates_clean() -> TestResult {
    assert_eq!(
        round_trip(Format::Csv, Rows::Problems, "out.csv")?,
        Vec::<String>::new()
    );
    assert_eq!(
        round_trip(Format::Csv, Rows::Measures, "out.csv")?,
        Vec::<String>::new()
    );
    Ok(())
}

#[test]
fn jsonl_export_validates_clean() -> TestResult {
    assert_eq!(
        round_trip(Format::Jsonl, Rows::Problems, "out.jsonl")?,
        Vec::<String>::new()
    );
    Ok(())
}

#[test]
fn jsonl_is_one_problem_per_line_with_document_fields() -> TestResult {
    let plan = plan()?;
    let bytes = render(&plan, Format::Jsonl, Rows::Problems)?;
    let text = String::from_utf8(bytes)?;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), plan.problems.len());
    for (line, p) in lines.iter().zip(&plan.problems) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        assert_eq!(v["seq"], p.seq);
        assert_eq!(v["document_title"].as_str(), plan.title.as_deref());
        assert_eq!(v["region"], "湘潭市");
        assert!(v.get("document_id").is_some());
        let back: zhenggai::model::Problem = serde_json::from_value(v)?;
        assert_eq!(&back, p, "a line deserializes to the same problem");
    }
    Ok(())
}

#[test]
fn csv_has_bom_crlf_and_one_row_per_problem_or_measure() -> TestResult {
    let plan = plan()?;
    let bytes = render(&plan, Format::Csv, Rows::Problems)?;
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let text = String::from_utf8(bytes)?;
    let records = zhenggai::ledger::read::parse_delimited(text.trim_start_matches('\u{feff}'), ',');
    let header = records.first().cloned().unwrap_or_default();
    assert_eq!(&header[..LEDGER_COLUMNS.len()], &LEDGER_COLUMNS[..]);
    assert_eq!(records.len(), 1 + plan.problems.len());
    assert!(text.contains("\r\n"));
    // Problem 4 in full: deadline text, due date, lead unit, people.
    let p4 = records.get(4).cloned().unwrap_or_default();
    assert_eq!(p4.first().map(String::as_str), Some("4"));
    assert_eq!(p4.get(3).map(String::as_str), Some("2018年底"));
    assert_eq!(p4.get(4).map(String::as_str), Some("2018-12-31"));
    assert_eq!(p4.get(5).map(String::as_str), Some("市环督办"));
    assert_eq!(
        p4.get(8).map(String::as_str),
        Some("贺丰炎（市环委办专职副主任）")
    );
    assert_eq!(
        p4.get(11).map(String::as_str),
        Some(""),
        "整改进展 left empty"
    );
    let measures = p4.get(10).cloned().unwrap_or_default();
    assert_eq!(measures.lines().count(), 3);
    assert!(measures.starts_with("1. 各牵头责任单位"));

    let per_measure = render(&plan, Format::Csv, Rows::Measures)?;
    let text = String::from_utf8(per_measure)?;
    let records = zhenggai::ledger::read::parse_delimited(text.trim_start_matches('\u{feff}'), ',');
    let measures: usize = plan.problems.iter().map(|p| p.measures.len().max(1)).sum();
    assert_eq!(records.len(), 1 + measures);
    Ok(())
}

#[test]
fn xlsx_has_the_clerk_layout_with_real_dates() -> TestResult {
    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    let plan = plan()?;
    let bytes = render(&plan, Format::Xlsx, Rows::Problems)?;
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes))?;
    assert_eq!(wb.sheet_names(), vec!["台账".to_string()]);
    let range = wb.worksheet_range("台账")?;
    let header: Vec<String> = (0..LEDGER_COLUMNS.len() as u32)
        .map(|c| {
            range
                .get_value((0, c))
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(header, LEDGER_COLUMNS);
    // Problem 9 (row 10): 完成日期 is a date serial, not text.
    match range.get_value((9, 4)) {
        Some(Data::DateTime(dt)) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            assert_eq!((y, m, d), (2018, 9, 30));
        }
        other => panic!("完成日期 should be a date, got {other:?}"),
    }
    assert_eq!(range.height(), 1 + plan.problems.len());
    Ok(())
}

#[test]
fn json_export_matches_the_schema() -> TestResult {
    let plan = plan()?;
    let bytes = render(&plan, Format::Json, Rows::Problems)?;
    let value: serde_json::Value = serde_json::from_slice(&bytes)?;
    let back: Plan = serde_json::from_value(value)?;
    assert_eq!(back, plan);
    Ok(())
}

proptest::proptest! {
    /// Whatever the fields hold (commas, quotes, line breaks, Chinese), the
    /// CSV writer's records read back unchanged.
    #[test]
    fn csv_records_round_trip(rows in proptest::collection::vec(
        proptest::collection::vec("[a-z,\"\r\n 整改。]{0,8}", 1..5), 1..5)) {
        let mut text = String::new();
        for r in &rows {
            write::csv::push_record(&mut text, r.iter().map(String::as_str));
        }
        let back = zhenggai::ledger::read::parse_delimited(&text, ',');
        proptest::prop_assert_eq!(back, rows);
    }
}

/// The compact writer (write/compact.rs) against serde_json, on the plans of real
/// fixtures of every format: the same bytes, so switching writers changed
/// no output.
#[test]
fn compact_json_is_serde_jsons_on_every_format() -> TestResult {
    let fixtures = [
        "xiangtan-2018.md",
        "pdf/xiangtan-plan.libreoffice.pdf",
        "pdf/xiangtan-checklist-table.pdf",
        "docx/xiangtan-plan.docx",
        "html/xiangtan-plan.html",
        "html/gbk-notice.html",
        "plans/discipline-notice.md",
        "plans/flattened-table.txt",
    ];
    let plans: Vec<Plan> = fixtures.iter().map(|f| common::extract(f)).collect();
    for (name, plan) in fixtures.iter().zip(&plans) {
        let mut ours = Vec::new();
        write::json::write_compact(&mut ours, plan)?;
        assert!(ours.len() > 1000, "{name}: a real plan");
        assert!(
            ours == serde_json::to_vec(plan)?,
            "{name}: compact JSON differs from serde_json's"
        );
    }
    let mut ours = Vec::new();
    write::json::write_compact(&mut ours, &plans)?;
    assert!(ours == serde_json::to_vec(&plans)?, "array of plans");
    Ok(())
}
