//! Validation reports: grouped text for the terminal, JSON for scripts
//! (`schemas/ledger-report.schema.json`), and an annotated copy of the
//! ledger as XLSX — wrong cells filled and carrying a note that says what
//! the plan has, plus a Findings sheet — so a clerk fixes the ledger where
//! they typed it.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, Note, Workbook, XlsxError};

use super::read::Ledger;
use super::{Finding, Report};
use crate::diag::{Error, Level, Result};

/// The JSON Schema of [`Report`] as JSON.
pub const SCHEMA: &str = include_str!("../../schemas/ledger-report.schema.json");

const RED: &str = "\x1b[31m";
const YELLOW: &str = "\x1b[33m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// The report as text, findings grouped by problem (rows matching no
/// problem last). `color` adds ANSI colours; the CLI sets it on a TTY.
pub fn render_text(report: &Report, color: bool) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("{code}{s}{RESET}")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let mut groups: BTreeMap<Option<u32>, Vec<&Finding>> = BTreeMap::new();
    for f in &report.findings {
        groups.entry(f.problem).or_default().push(f);
    }
    // Problems first in plan order, then findings without a problem.
    let mut keys: Vec<Option<u32>> = groups.keys().copied().collect();
    keys.sort_by_key(|k| (k.is_none(), *k));
    for key in keys {
        let Some(list) = groups.get(&key) else {
            continue;
        };
        let title = match key {
            Some(seq) => crate::tr!("ledger-problem", seq = seq),
            None => crate::tr!("report-unmatched"),
        };
        let _ = writeln!(out, "{}", paint(BOLD, &title));
        for f in list {
            let (mark, tone) = match f.severity {
                Level::Error => (crate::tr!("level-error"), RED),
                Level::Warning => (crate::tr!("level-warning"), YELLOW),
                Level::Info => (crate::tr!("level-info"), DIM),
            };
            let place = match &f.cell {
                Some(c) => format!("{}!{c}", f.sheet),
                None => f.sheet.clone(),
            };
            let _ = writeln!(
                out,
                "  {} {} {}: {}",
                paint(tone, &mark),
                place,
                f.code.as_str(),
                f.message
            );
            if let Some(v) = f.ledger_value.as_deref().filter(|v| !v.is_empty()) {
                let _ = writeln!(
                    out,
                    "      {}",
                    paint(DIM, &crate::tr!("report-ledger", value = one_line(v)))
                );
            }
            if let Some(v) = f.plan_value.as_deref().filter(|v| !v.is_empty()) {
                let _ = writeln!(
                    out,
                    "      {}",
                    paint(DIM, &crate::tr!("report-plan", value = one_line(v)))
                );
            }
        }
    }
    let errors = report
        .findings
        .iter()
        .filter(|f| f.severity == Level::Error)
        .count();
    let summary = crate::tr!(
        "report-summary",
        findings = report.findings.len(),
        errors = errors,
        warnings = report.findings.len() - errors,
        rows = report.rows,
        matched = report.matched,
        problems = report.problems
    );
    let tone = if report.findings.is_empty() {
        BOLD
    } else if errors > 0 {
        RED
    } else {
        YELLOW
    };
    let _ = writeln!(out, "{}", paint(tone, &summary));
    out
}

/// A long value shortened to one line for the terminal.
fn one_line(s: &str) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 80 {
        let head: String = flat.chars().take(79).collect();
        format!("{head}…")
    } else {
        flat
    }
}

/// The report as pretty JSON (schema: `schemas/ledger-report.schema.json`).
pub fn render_json(report: &Report) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec_pretty(report)?;
    out.push(b'\n');
    Ok(out)
}

/// The report in the format `path` names: `.xlsx` → annotated ledger,
/// anything else → JSON.
pub fn render_for_path(report: &Report, path: &str) -> Result<Vec<u8>> {
    if path.to_ascii_lowercase().ends_with(".xlsx") {
        render_xlsx(report)
    } else {
        render_json(report)
    }
}

/// A copy of the ledger with every cell a finding names filled (red for
/// errors, yellow for warnings) and a note with the findings, plus a
/// Findings sheet listing them all.
pub fn render_xlsx(report: &Report) -> Result<Vec<u8>> {
    build_xlsx(report).map_err(|e| Error::Other(format!("cannot write the XLSX report: {e}")))
}

fn build_xlsx(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let sheet_name = sheet_name(&report.sheet);
    if let Some(ledger) = &report.ledger {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet_name)?;
        copy_ledger(ws, ledger, &report.findings)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(crate::tr!("report-sheet-findings"))?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let headers = [
        "report-col-code",
        "report-col-severity",
        "report-col-problem",
        "report-col-cell",
        "report-col-ledger-value",
        "report-col-plan-value",
        "report-col-message",
    ]
    .map(|k| crate::tr!(k));
    let widths = [22.0, 9.0, 8.0, 10.0, 40.0, 40.0, 60.0];
    for (c, (h, w)) in headers.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)?;
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (i, f) in report.findings.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string_with_format(r, 0, f.code.as_str(), &wrap)?;
        ws.write_string_with_format(r, 1, level_name(f.severity), &wrap)?;
        if let Some(p) = f.problem {
            ws.write_number_with_format(r, 2, p, &wrap)?;
        }
        let cell = f
            .cell
            .as_ref()
            .map(|c| format!("{}!{c}", f.sheet))
            .unwrap_or_default();
        ws.write_string_with_format(r, 3, &cell, &wrap)?;
        ws.write_string_with_format(r, 4, f.ledger_value.as_deref().unwrap_or(""), &wrap)?;
        ws.write_string_with_format(r, 5, f.plan_value.as_deref().unwrap_or(""), &wrap)?;
        ws.write_string_with_format(r, 6, &f.message, &wrap)?;
    }
    wb.save_to_buffer()
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "info",
    }
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`, not
/// `Findings` (taken by the findings sheet).
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    let clean = clean.trim_matches('\'').to_string();
    if clean.is_empty()
        || clean.eq_ignore_ascii_case("findings")
        || clean == crate::tr!("report-sheet-findings")
    {
        "Ledger".to_string()
    } else {
        clean
    }
}

/// Write the ledger's values, merges and widths, highlighting flagged cells.
fn copy_ledger(
    ws: &mut rust_xlsxwriter::Worksheet,
    ledger: &Ledger,
    findings: &[Finding],
) -> Result<(), XlsxError> {
    let mut flagged: BTreeMap<(usize, usize), (Level, Vec<String>)> = BTreeMap::new();
    for f in findings {
        if let (Some(r), Some(c)) = (f.row, f.col) {
            let entry = flagged.entry((r, c)).or_insert((f.severity, Vec::new()));
            entry.0 = entry.0.max(f.severity);
            let mut note = format!("{}: {}", f.code.as_str(), f.message);
            if let Some(v) = f.plan_value.as_deref().filter(|v| !v.is_empty()) {
                let _ = write!(note, "\n{}", crate::tr!("report-note-plan", value = v));
            }
            entry.1.push(note);
        }
    }
    let plain = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let error = plain.clone().set_background_color(Color::RGB(0xFFC7CE));
    let warning = plain.clone().set_background_color(Color::RGB(0xFFEB9C));
    let format_for = |pos: (usize, usize)| match flagged.get(&pos).map(|(l, _)| *l) {
        Some(Level::Error) => &error,
        Some(_) => &warning,
        None => &plain,
    };
    let date_of = |f: &Format| f.clone().set_num_format("yyyy-mm-dd");
    let mut widths: Vec<usize> = vec![0; ledger.width()];
    for (r, row) in ledger.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.covered || (cell.text.is_empty() && !flagged.contains_key(&(r, c))) {
                continue;
            }
            let (rr, cc) = (r as u32, c as u16);
            let fmt = format_for((r, c));
            match cell.date {
                Some(d) => {
                    let dt =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(rr, cc, &dt, &date_of(fmt))?;
                }
                None => {
                    ws.write_string_with_format(rr, cc, &cell.text, fmt)?;
                }
            }
            if let Some(w) = widths.get_mut(c) {
                let longest = cell.text.lines().map(display_width).max().unwrap_or(0);
                *w = (*w).max(longest);
            }
        }
    }
    for m in &ledger.merges {
        if (m.first_row, m.first_col) == (m.last_row, m.last_col) {
            continue;
        }
        let anchor = ledger.cell(m.first_row, m.first_col);
        let fmt = format_for((m.first_row, m.first_col));
        let text = anchor
            .filter(|a| a.date.is_none())
            .map_or("", |a| a.text.as_str());
        ws.merge_range(
            m.first_row as u32,
            m.first_col as u16,
            m.last_row as u32,
            m.last_col as u16,
            text,
            fmt,
        )?;
        if let Some(d) = anchor.and_then(|a| a.date) {
            let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
            ws.write_datetime_with_format(
                m.first_row as u32,
                m.first_col as u16,
                &dt,
                &date_of(fmt),
            )?;
        }
    }
    for ((r, c), (_, notes)) in &flagged {
        let note = Note::new(notes.join("\n\n"))
            .set_author("zhenggai")
            .set_width(360)
            .set_height(160);
        ws.insert_note(*r as u32, *c as u16, &note)?;
    }
    for (c, w) in widths.iter().enumerate() {
        let width = (*w as f64 * 1.1 + 2.0).clamp(6.0, 60.0);
        ws.set_column_width(c as u16, width)?;
    }
    Ok(())
}

/// Columns a text takes: CJK characters count double.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if crate::read::is_cjk(c) { 2 } else { 1 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::Code;

    fn finding(code: Code, problem: Option<u32>, cell: Option<&str>) -> Finding {
        Finding {
            code,
            severity: code.severity(),
            problem,
            sheet: "台账".into(),
            cell: cell.map(Into::into),
            ledger_value: Some("2019年底".into()),
            plan_value: Some("2018年底".into()),
            message: "differs".into(),
            span: None,
            row: None,
            col: None,
        }
    }

    fn report(findings: Vec<Finding>) -> Report {
        Report {
            plan: None,
            sheet: "台账".into(),
            header_row: Some(2),
            findings,
            rows: 20,
            matched: 19,
            problems: 20,
            ledger: None,
            plan_errors: Vec::new(),
        }
    }

    #[test]
    fn text_groups_by_problem_and_colours_only_on_request() {
        let r = report(vec![
            finding(Code::ExtraRow, None, Some("A30")),
            finding(Code::DeadlineDiffers, Some(4), Some("D7")),
        ]);
        let plain = render_text(&r, false);
        assert!(!plain.contains('\x1b'));
        // The library's default language, 简体中文 (no test sets another);
        // tests/i18n.rs checks the English catalogue has the same keys.
        let p4 = plain.find("问题 4").unwrap_or(usize::MAX);
        let none = plain.find("不对应任何问题的行").unwrap_or(0);
        assert!(p4 < none, "{plain}");
        assert!(plain.contains("台账!D7 deadline-differs"));
        assert!(plain.contains("方案：2018年底"));
        assert!(plain.contains("共 2 处差异（错误 1 处，警告 1 处）"));
        assert!(render_text(&r, true).contains(RED));
    }

    #[test]
    fn sheet_names_are_valid_for_excel() {
        assert_eq!(sheet_name("a/b:c"), "a_b_c");
        assert_eq!(sheet_name("Findings"), "Ledger");
        assert_eq!(sheet_name(&"长".repeat(40)).chars().count(), 31);
    }
}
