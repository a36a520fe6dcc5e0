//! Ledger validation against the seed's plan (its gold JSON): ledgers are
//! built here the way clerks type them — an XLSX with a title row above the
//! header and vertically merged cells (one row per measure), a GB18030 CSV
//! (one row per problem) — clean, and with one injected error of each
//! finding kind; the findings must be exactly the injected ones, at the
//! right cells.

use std::collections::BTreeSet;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use zhenggai::Plan;
use zhenggai::ledger::{self, Code, Report, ValidateOptions};
use zhenggai::model::{Measure, Person, Problem};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const GOLD: &[u8] = include_bytes!("../fixtures/ledger/xiangtan-2018.gold.json");
const SCHEMA: &str = include_str!("../schemas/ledger-report.schema.json");

fn plan() -> Result<Plan, zhenggai::Error> {
    ledger::load_plan(GOLD, "xiangtan-2018.gold.json")
}

/// The fields of a ledger, in order; each layout picks its header names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum F {
    Seq,
    Desc,
    Target,
    Deadline,
    Lead,
    Others,
    Leaders,
    Responsible,
    Contacts,
    Measures,
    Status,
}

const FIELDS: [F; 11] = [
    F::Seq,
    F::Desc,
    F::Target,
    F::Deadline,
    F::Lead,
    F::Others,
    F::Leaders,
    F::Responsible,
    F::Contacts,
    F::Measures,
    F::Status,
];

/// One problem as a clerk typed it.
#[derive(Clone, Debug)]
struct Rec {
    seq: String,
    desc: String,
    target: String,
    deadline: String,
    /// A deadline typed as an Excel date cell instead of text.
    deadline_date: Option<(u16, u8, u8)>,
    lead: String,
    others: String,
    leaders: String,
    responsible: String,
    contacts: String,
    measures: Vec<String>,
    status: String,
}

impl Rec {
    fn get(&self, f: F) -> String {
        match f {
            F::Seq => self.seq.clone(),
            F::Desc => self.desc.clone(),
            F::Target => self.target.clone(),
            F::Deadline => self.deadline.clone(),
            F::Lead => self.lead.clone(),
            F::Others => self.others.clone(),
            F::Leaders => self.leaders.clone(),
            F::Responsible => self.responsible.clone(),
            F::Contacts => self.contacts.clone(),
            F::Measures => self.measures.join("\n"),
            F::Status => self.status.clone(),
        }
    }
}

fn names(people: &[Person]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for p in people {
        if !seen.contains(&p.name.as_str()) {
            seen.push(&p.name);
        }
    }
    seen.join("、")
}

fn measure_text(m: &Measure) -> String {
    let mut s = match m.number.as_deref() {
        Some(n) if n.chars().all(|c| c.is_ascii_digit()) => format!("{n}．{}", m.text),
        Some(n) => format!("{n}、{}", m.text),
        None => m.text.clone(),
    };
    for (i, c) in m.children.iter().enumerate() {
        s.push_str(&format!("\n（{}）{}", i + 1, c.text));
    }
    s
}

/// Clean records typed from the plan: people by name, units as the plan
/// writes them.
fn records(plan: &Plan) -> Vec<Rec> {
    plan.problems.iter().map(record).collect()
}

fn record(p: &Problem) -> Rec {
    let units = p.units.clone().unwrap_or_default();
    let join = |u: &[zhenggai::model::Unit]| {
        u.iter()
            .map(|x| x.text.clone())
            .collect::<Vec<_>>()
            .join("、")
    };
    Rec {
        seq: p.seq.to_string(),
        desc: p.description.clone(),
        target: p.target.clone().unwrap_or_default(),
        deadline: p
            .deadline
            .as_ref()
            .map(|d| d.text.clone())
            .unwrap_or_default(),
        deadline_date: None,
        lead: join(&units.lead),
        others: join(&units.others),
        leaders: names(&p.leaders),
        responsible: names(&p.responsible),
        contacts: names(&p.contacts),
        measures: p.measures.iter().map(measure_text).collect(),
        status: String::new(),
    }
}

/// Where a field of a problem landed: (row, col), 0-based.
type Places = Vec<(String, F, usize, usize)>;

fn a1(row: usize, col: usize) -> String {
    zhenggai::ledger::read::a1(row, col)
}

/// XLSX, clerk style: a merged title row, the header, then one row per
/// measure with the problem's columns merged vertically.
fn xlsx_ledger(
    recs: &[Rec],
    headers: &[&str; 11],
) -> Result<(Vec<u8>, Places), rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("整改台账")?;
    let plain = Format::new().set_text_wrap();
    let date = Format::new().set_num_format("yyyy年m月d日");
    ws.merge_range(0, 0, 0, 10, "湘潭市落实省环保督察反馈问题整改台账", &plain)?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(1, c as u16, *h)?;
    }
    let mut places = Places::new();
    let mut row = 2u32;
    for rec in recs {
        let n = rec.measures.len().max(1) as u32;
        for (c, f) in FIELDS.iter().enumerate() {
            let col = c as u16;
            places.push((rec.seq.clone(), *f, row as usize, c));
            if *f == F::Measures {
                for (i, m) in rec.measures.iter().enumerate() {
                    ws.write_string(row + i as u32, col, m)?;
                }
                continue;
            }
            let text = rec.get(*f);
            if n > 1 {
                ws.merge_range(row, col, row + n - 1, col, &text, &plain)?;
            }
            match (f, rec.deadline_date) {
                (F::Deadline, Some((y, m, d))) => {
                    ws.write_datetime_with_format(
                        row,
                        col,
                        ExcelDateTime::from_ymd(y, m, d)?,
                        &date,
                    )?;
                }
                (F::Seq, _) if n == 1 && rec.seq.parse::<f64>().is_ok() => {
                    ws.write_number(row, col, rec.seq.parse::<f64>().unwrap_or(0.0))?;
                }
                _ if n == 1 => {
                    ws.write_string(row, col, &text)?;
                }
                _ => {}
            }
        }
        row += n;
    }
    Ok((wb.save_to_buffer()?, places))
}

/// CSV in GB18030, one row per problem, a title line above the header.
fn csv_ledger(recs: &[Rec], headers: &[&str; 11]) -> (Vec<u8>, Places) {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut text = String::from("湘潭市整改台账,,,,,,,,,,\r\n");
    text.push_str(
        &headers
            .iter()
            .map(|h| quote(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    text.push_str("\r\n");
    let mut places = Places::new();
    for (i, rec) in recs.iter().enumerate() {
        let fields: Vec<String> = FIELDS.iter().map(|f| quote(&rec.get(*f))).collect();
        text.push_str(&fields.join(","));
        text.push_str("\r\n");
        for (c, f) in FIELDS.iter().enumerate() {
            places.push((rec.seq.clone(), *f, i + 2, c));
        }
    }
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    (bytes.into_owned(), places)
}

const HEADERS: [&str; 11] = [
    "序号",
    "反馈问题",
    "整改目标",
    "整改时限",
    "牵头单位",
    "配合单位",
    "牵头领导",
    "责任人",
    "联络人",
    "整改措施",
    "整改进展",
];

/// Synonyms a different office uses, in another order is not needed: the
/// point is the names.
const SYNONYM_HEADERS: [&str; 11] = [
    "编号",
    "存在问题",
    "整改目标\n（预期效果）",
    "完成时限",
    "牵头责任单位",
    "协办单位",
    "责任领导",
    "责任人员",
    "联络员",
    "主要措施",
    "完成情况",
];

fn place(places: &Places, seq: &str, f: F) -> Option<String> {
    places
        .iter()
        .find(|(s, g, _, _)| s == seq && *g == f)
        .map(|(_, _, r, c)| a1(*r, *c))
}

/// The report's findings as (code, problem, cell).
fn got(report: &Report) -> BTreeSet<(String, Option<u32>, Option<String>)> {
    report
        .findings
        .iter()
        .map(|f| (f.code.as_str().to_string(), f.problem, f.cell.clone()))
        .collect()
}

fn show(report: &Report) -> String {
    zhenggai::ledger::report::render_text(report, false)
}

fn options() -> ValidateOptions {
    let mut o = ValidateOptions::new();
    o.as_of = jiff::civil::Date::new(2018, 10, 1).ok();
    o
}

/// One error of each kind. With one row per measure, the duplicate is one
/// repeated measure row; with one row per problem, the problem's row again.
fn inject(recs: &mut Vec<Rec>, per_measure: bool) {
    let by_seq = |recs: &mut Vec<Rec>, seq: &str| recs.iter().position(|r| r.seq == seq);
    // deadline-differs: 2018年底 → 2019年底.
    if let Some(i) = by_seq(recs, "4") {
        recs[i].deadline = "2019年底".into();
    }
    // lead-unit-differs.
    if let Some(i) = by_seq(recs, "6") {
        recs[i].lead = "市环保局".into();
    }
    // unit-missing: 园区（示范区）管委会 dropped.
    if let Some(i) = by_seq(recs, "7") {
        recs[i].others = "各县市区人民政府、市直相关部门".into();
    }
    // unit-extra: a unit the plan does not name.
    if let Some(i) = by_seq(recs, "9") {
        recs[i].others = format!("{}、市公安局", recs[i].others);
    }
    // text-differs: a different target.
    if let Some(i) = by_seq(recs, "11") {
        recs[i].target = "年底前完成全部整改任务并通过省级验收".into();
    }
    // unparseable-value: a deadline that is no date.
    if let Some(i) = by_seq(recs, "12") {
        recs[i].deadline = "待定".into();
    }
    // person-differs: a misspelt name.
    if let Some(i) = by_seq(recs, "13") {
        recs[i].responsible = "李汉君（市环保局局长）".into();
    }
    // measure-count-differs: the last measure left out.
    if let Some(i) = by_seq(recs, "16") {
        recs[i].measures.pop();
    }
    // status-inconsistent: completed while due 2018-12-31 > as-of 2018-10-01.
    if let Some(i) = by_seq(recs, "19") {
        recs[i].status = "已完成".into();
    }
    // missing-problem: problem 20 not typed.
    recs.retain(|r| r.seq != "20");
    // duplicate-row: problem 2 typed twice.
    if let Some(i) = by_seq(recs, "2") {
        let mut copy = recs[i].clone();
        if per_measure {
            copy.measures = copy
                .measures
                .split_off(copy.measures.len().saturating_sub(1));
        }
        recs.insert(i + 1, copy);
    }
    // extra-row: a problem the plan does not have.
    let mut extra = recs
        .last()
        .cloned()
        .unwrap_or_else(|| record(&Problem::default()));
    extra.seq = "21".into();
    extra.desc = "城区餐饮油烟扰民投诉多发，整治不到位。".into();
    recs.push(extra);
}

fn expected(
    places: &Places,
    dup_cell: Option<String>,
) -> BTreeSet<(String, Option<u32>, Option<String>)> {
    let e = |code: &str, seq: Option<u32>, cell: Option<String>| (code.to_string(), seq, cell);
    [
        e("deadline-differs", Some(4), place(places, "4", F::Deadline)),
        e("lead-unit-differs", Some(6), place(places, "6", F::Lead)),
        e("unit-missing", Some(7), place(places, "7", F::Others)),
        e("unit-extra", Some(9), place(places, "9", F::Others)),
        e("text-differs", Some(11), place(places, "11", F::Target)),
        e(
            "unparseable-value",
            Some(12),
            place(places, "12", F::Deadline),
        ),
        e(
            "person-differs",
            Some(13),
            place(places, "13", F::Responsible),
        ),
        e(
            "measure-count-differs",
            Some(16),
            place(places, "16", F::Measures),
        ),
        e(
            "status-inconsistent",
            Some(19),
            place(places, "19", F::Status),
        ),
        e("missing-problem", Some(20), None),
        e("duplicate-row", Some(2), dup_cell),
        e("extra-row", None, place(places, "21", F::Seq)),
    ]
    .into_iter()
    .collect()
}

/// The duplicate's 序号 cell: the second time problem 2 appears.
fn second_place(places: &Places, seq: &str) -> Option<String> {
    places
        .iter()
        .filter(|(s, f, _, _)| s == seq && *f == F::Seq)
        .nth(1)
        .map(|(_, _, r, c)| a1(*r, *c))
}

#[test]
fn clean_xlsx_with_title_row_and_merged_cells_has_no_findings() -> TestResult {
    let plan = plan()?;
    let mut recs = records(&plan);
    // Two deadlines typed as Excel date cells.
    for r in recs.iter_mut() {
        match r.seq.as_str() {
            "9" => r.deadline_date = Some((2018, 9, 30)),
            "15" => r.deadline_date = Some((2018, 12, 31)),
            _ => {}
        }
    }
    let (bytes, _) = xlsx_ledger(&recs, &HEADERS)?;
    let report = ledger::validate_bytes(&plan, &bytes, "台账.xlsx", &options())?;
    assert_eq!(report.findings, vec![], "{}", show(&report));
    assert_eq!(report.header_row, Some(2));
    assert_eq!(report.matched, 20);
    assert_eq!(report.sheet, "整改台账");
    let measures: usize = plan.problems.iter().map(|p| p.measures.len()).sum();
    assert_eq!(report.rows, measures, "one row per measure");
    assert_eq!(report.exit_code(), 0);
    Ok(())
}

#[test]
fn injected_errors_in_xlsx_are_found_exactly() -> TestResult {
    let plan = plan()?;
    let mut recs = records(&plan);
    inject(&mut recs, true);
    let (bytes, places) = xlsx_ledger(&recs, &HEADERS)?;
    let report = ledger::validate_bytes(&plan, &bytes, "台账.xlsx", &options())?;
    let want = expected(&places, second_place(&places, "2"));
    assert_eq!(got(&report), want, "{}", show(&report));
    assert_eq!(report.findings.len(), want.len(), "{}", show(&report));
    // Spot-check literal references: title row 1, header row 2, problem 1
    // spans rows 3–8 (6 measures), so problem 4's deadline is in column D
    // below problems 1–3 (6 + 3 + 4 + 4 rows … see places).
    assert_eq!(place(&places, "1", F::Seq).as_deref(), Some("A3"));
    assert!(report.findings.iter().any(|f| f.cell.as_deref()
        == place(&places, "4", F::Deadline).as_deref()
        && f.ledger_value.as_deref() == Some("2019年底")
        && f.plan_value.as_deref() == Some("2018年底")));
    assert!(report.findings.iter().all(|f| f.sheet == "整改台账"));
    assert_eq!(report.exit_code(), 1);
    Ok(())
}

#[test]
fn clean_gb18030_csv_has_no_findings() -> TestResult {
    let plan = plan()?;
    let (bytes, _) = csv_ledger(&records(&plan), &HEADERS);
    assert!(std::str::from_utf8(&bytes).is_err(), "really GB18030");
    let report = ledger::validate_bytes(&plan, &bytes, "台账.csv", &options())?;
    assert_eq!(report.findings, vec![], "{}", show(&report));
    assert_eq!(report.rows, 20);
    Ok(())
}

#[test]
fn injected_errors_in_gb18030_csv_are_found_exactly() -> TestResult {
    let plan = plan()?;
    let mut recs = records(&plan);
    inject(&mut recs, false);
    let (bytes, places) = csv_ledger(&recs, &HEADERS);
    let report = ledger::validate_bytes(&plan, &bytes, "dir/台账.csv", &options())?;
    let want = expected(&places, second_place(&places, "2"));
    assert_eq!(got(&report), want, "{}", show(&report));
    assert_eq!(report.findings.len(), want.len());
    // Title line 1, header line 2, problem 1 on line 3 … problem 4 on line 6
    // (problem 2 appears twice, so everything after it moves down one).
    assert_eq!(place(&places, "4", F::Deadline).as_deref(), Some("D7"));
    assert!(report.findings.iter().all(|f| f.sheet == "台账"));
    Ok(())
}

#[test]
fn synonyms_full_unit_names_and_other_date_formats_are_clean() -> TestResult {
    let plan = plan()?;
    let mut recs = records(&plan);
    for (r, p) in recs.iter_mut().zip(&plan.problems) {
        let units = p.units.clone().unwrap_or_default();
        let full = |u: &[zhenggai::model::Unit]| {
            u.iter()
                .map(|x| x.name.clone())
                .collect::<Vec<_>>()
                .join("、")
        };
        r.lead = full(&units.lead);
        r.others = full(&units.others);
        // Other spellings of the same deadline.
        r.deadline = match r.deadline.as_str() {
            "2018年底" => "2018.12.31".into(),
            "2019年底" => "2019-12-31".into(),
            "2020年底" => "2020年12月31日".into(),
            "2019年12月底" => "2019/12/31".into(),
            other => other.to_string(),
        };
        r.seq = match p.seq {
            1 => "一".into(),
            2 => "（二）".into(),
            3 => "问题三".into(),
            4 => "反馈问题四".into(),
            n => n.to_string(),
        };
    }
    let (bytes, _) = xlsx_ledger(&recs, &SYNONYM_HEADERS)?;
    let report = ledger::validate_bytes(&plan, &bytes, "台账.xlsx", &options())?;
    assert_eq!(report.findings, vec![], "{}", show(&report));
    assert_eq!(report.matched, 20);
    let (bytes, _) = csv_ledger(&recs, &SYNONYM_HEADERS);
    let report = ledger::validate_bytes(&plan, &bytes, "台账.csv", &options())?;
    assert_eq!(report.findings, vec![], "{}", show(&report));
    Ok(())
}

#[test]
fn rows_without_numbers_match_by_description() -> TestResult {
    let plan = plan()?;
    let mut recs = records(&plan);
    for r in recs.iter_mut() {
        r.seq = String::new();
    }
    recs.reverse();
    let (bytes, _) = csv_ledger(&recs, &HEADERS);
    let report = ledger::validate_bytes(&plan, &bytes, "台账.csv", &options())?;
    assert_eq!(report.findings, vec![], "{}", show(&report));
    assert_eq!(report.matched, 20);
    Ok(())
}

#[test]
fn json_report_matches_its_schema() -> TestResult {
    let plan = plan()?;
    let mut recs = records(&plan);
    inject(&mut recs, false);
    let (bytes, _) = csv_ledger(&recs, &HEADERS);
    let report = ledger::validate_bytes(&plan, &bytes, "台账.csv", &options())?;
    let json: serde_json::Value = serde_json::from_slice(&ledger::report::render_json(&report)?)?;
    let schema: serde_json::Value = serde_json::from_str(SCHEMA)?;
    let validator = jsonschema::validator_for(&schema)?;
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert_eq!(errors, Vec::<String>::new());
    assert_eq!(json["findings"].as_array().map(Vec::len), Some(12));
    assert_eq!(json["rows"], 21);
    assert_eq!(json["matched"], 19);
    Ok(())
}

#[test]
fn xlsx_report_highlights_cells_and_lists_findings() -> TestResult {
    use calamine::{Reader, Xlsx, open_workbook_from_rs};
    let plan = plan()?;
    let mut recs = records(&plan);
    inject(&mut recs, true);
    let (bytes, places) = xlsx_ledger(&recs, &HEADERS)?;
    let report = ledger::validate_bytes(&plan, &bytes, "台账.xlsx", &options())?;
    let out = ledger::report::render_xlsx(&report)?;
    let mut wb: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(out.clone()))?;
    // The findings sheet and its headers are in the language in force,
    // 简体中文 by default (the English ones: tests/i18n.rs).
    assert_eq!(
        wb.sheet_names(),
        vec!["整改台账".to_string(), "核对结果".to_string()]
    );
    let findings = wb.worksheet_range("核对结果")?;
    assert_eq!(findings.height(), 1 + report.findings.len());
    assert_eq!(
        findings.get_value((0, 0)).map(|v| v.to_string()).as_deref(),
        Some("代码")
    );
    // The copy keeps the ledger's values and merges.
    let copy = wb.worksheet_range("整改台账")?;
    let deadline = place(&places, "4", F::Deadline).unwrap_or_default();
    let (r, c) = places
        .iter()
        .find(|(s, f, _, _)| s == "4" && *f == F::Deadline)
        .map(|(_, _, r, c)| (*r as u32, *c as u32))
        .unwrap_or((0, 0));
    assert_eq!(
        copy.get_value((r, c)).map(|v| v.to_string()).as_deref(),
        Some("2019年底"),
        "{deadline}"
    );
    assert!(!wb.merge_cells_by_sheet_name("整改台账")?.is_empty());
    // Each flagged cell carries a note (comments part in the package).
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(out))?;
    let mut comments = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i)?;
        if f.name()?.contains("comments") {
            std::io::Read::read_to_string(&mut f, &mut comments)?;
        }
    }
    assert!(
        comments.contains("deadline-differs"),
        "note on the deadline cell"
    );
    assert!(comments.contains(&format!("ref=\"{deadline}\"")));
    Ok(())
}

#[test]
fn unreadable_inputs_are_errors_not_findings() -> TestResult {
    let plan = plan()?;
    assert!(ledger::validate_bytes(&plan, b"", "x.csv", &options()).is_err());
    assert!(
        ledger::validate_bytes(&plan, "甲,乙\n1,2\n".as_bytes(), "x.csv", &options()).is_err(),
        "no header"
    );
    assert!(ledger::validate_bytes(&plan, b"PK\x03\x04garbage", "x.xlsx", &options()).is_err());
    let mut o = options();
    o.sheet = Some("没有这个表".into());
    let (bytes, _) = xlsx_ledger(&records(&plan), &HEADERS)?;
    assert!(ledger::validate_bytes(&plan, &bytes, "x.xlsx", &o).is_err());
    Ok(())
}

#[test]
fn status_is_only_judged_with_an_as_of_date() -> TestResult {
    let plan = plan()?;
    let mut recs = records(&plan);
    if let Some(r) = recs.iter_mut().find(|r| r.seq == "19") {
        r.status = "已完成".into();
    }
    if let Some(r) = recs.iter_mut().find(|r| r.seq == "9") {
        r.status = "正在推进".into();
    }
    let (bytes, places) = csv_ledger(&recs, &HEADERS);
    let report = ledger::validate_bytes(&plan, &bytes, "台账.csv", &ValidateOptions::new())?;
    assert_eq!(report.findings, vec![], "{}", show(&report));
    // As of 2019-01-01: problem 9 (due 2018-09-30) is overdue while 正在推进;
    // problem 19 (due 2018-12-31) may well be 已完成.
    let mut o = ValidateOptions::new();
    o.as_of = jiff::civil::Date::new(2019, 1, 1).ok();
    let report = ledger::validate_bytes(&plan, &bytes, "台账.csv", &o)?;
    let want: BTreeSet<_> = [(
        "status-inconsistent".to_string(),
        Some(9),
        place(&places, "9", F::Status),
    )]
    .into();
    assert_eq!(got(&report), want, "{}", show(&report));
    assert_eq!(
        report.findings.first().map(|f| f.code),
        Some(Code::StatusInconsistent)
    );
    Ok(())
}

#[test]
fn measure_rows_with_blank_problem_cells_continue_the_problem_above() -> TestResult {
    // One row per measure, problem columns typed only on the first row and
    // left blank below (no merges): a TSV in UTF-8 with BOM.
    let plan = plan()?;
    let mut text = String::from("\u{feff}");
    text.push_str(&HEADERS.join("\t"));
    text.push('\n');
    for rec in records(&plan) {
        for (i, m) in rec.measures.iter().enumerate() {
            let fields: Vec<String> = FIELDS
                .iter()
                .map(|f| match f {
                    F::Measures => format!("\"{}\"", m.replace('"', "\"\"")),
                    _ if i > 0 => String::new(),
                    f => format!("\"{}\"", rec.get(*f).replace('"', "\"\"")),
                })
                .collect();
            text.push_str(&fields.join("\t"));
            text.push('\n');
        }
    }
    let report = ledger::validate_bytes(&plan, text.as_bytes(), "台账.tsv", &options())?;
    assert_eq!(report.findings, vec![], "{}", show(&report));
    assert_eq!(report.matched, 20);
    Ok(())
}

#[test]
fn jsonl_ledger_with_chinese_keys() -> TestResult {
    let plan = plan()?;
    let mut text = String::new();
    for rec in records(&plan) {
        let line = serde_json::json!({
            "序号": rec.seq.parse::<u32>().unwrap_or(0),
            "反馈问题": rec.desc,
            "整改目标": rec.target,
            "整改时限": if rec.seq == "5" { "2019年底".to_string() } else { rec.deadline.clone() },
            "牵头单位": rec.lead,
            "配合单位": rec.others,
            "牵头领导": rec.leaders,
            "责任人": rec.responsible,
            "联络人": rec.contacts,
            "整改措施": rec.measures.join("\n"),
        });
        text.push_str(&line.to_string());
        text.push('\n');
    }
    let report = ledger::validate_bytes(&plan, text.as_bytes(), "台账.jsonl", &options())?;
    let codes: Vec<(&str, Option<u32>)> = report
        .findings
        .iter()
        .map(|f| (f.code.as_str(), f.problem))
        .collect();
    assert_eq!(
        codes,
        vec![("deadline-differs", Some(5))],
        "{}",
        show(&report)
    );
    // The JSON Lines grid: header row 1, problem 5 on row 6.
    let cell = report
        .findings
        .first()
        .and_then(|f| f.cell.clone())
        .unwrap_or_default();
    assert!(cell.ends_with('6'), "{cell}");
    Ok(())
}

#[test]
fn a_ledger_without_an_other_units_column_is_not_missing_them() -> TestResult {
    let plan = plan()?;
    let mut text = String::from("序号,反馈问题,牵头单位\r\n");
    for rec in records(&plan) {
        let lead = if rec.seq == "8" {
            "市水务局".to_string()
        } else {
            rec.lead.clone()
        };
        text.push_str(&format!(
            "{},\"{}\",{}\r\n",
            rec.seq,
            rec.desc.replace('"', "\"\""),
            lead
        ));
    }
    let report = ledger::validate_bytes(&plan, text.as_bytes(), "台账.csv", &options())?;
    let want: BTreeSet<_> = [(
        "lead-unit-differs".to_string(),
        Some(8),
        Some("C9".to_string()),
    )]
    .into();
    assert_eq!(got(&report), want, "{}", show(&report));
    Ok(())
}
