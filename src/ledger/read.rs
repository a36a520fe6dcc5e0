//! Ledger readers: XLSX (one sheet), CSV/TSV in any encoding
//! [`decode_text`] knows, and JSON Lines — all into one [`Ledger`] grid
//! addressed the way Excel addresses cells, so every finding can name the
//! cell a clerk has to fix (`台账!F7`).
//!
//! Merged cells are filled: calamine reports merged regions but stores the
//! value only in the top-left cell; a clerk who merges 序号 over three
//! measure rows means all three rows belong to that problem.

use std::io::Cursor;
use std::sync::LazyLock;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use jiff::civil::Date;

use crate::diag::{Error, Result};
use crate::labels::{self, FieldKind};
use crate::model::{Measure, Person};
use crate::read::decode_text;
use crate::write::{format_measures, persons_text};

/// Largest grid we build (rows × columns; about 40 bytes a cell), so a
/// stray cell at XFD1048576 cannot exhaust memory. Real ledgers are a few
/// thousand rows of a dozen columns.
const MAX_CELLS: usize = 2_000_000;

/// What the ledger file was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerFormat {
    Xlsx,
    Csv,
    Jsonl,
}

/// One cell of the grid.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    /// The cell's text (a number as Excel shows it; a date as YYYY-MM-DD).
    pub text: String,
    /// The value when the cell holds a date (an Excel date serial).
    pub date: Option<Date>,
    /// True when the cell lies under a merged region but is not its
    /// top-left cell: it holds a copy of the region's value.
    pub covered: bool,
}

/// A merged region, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

/// A ledger as a grid of cells (0-based rows and columns, as in the file:
/// row 0 is Excel's row 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    pub format: LedgerFormat,
    /// The sheet name as Excel shows it (for CSV and JSON Lines: the file
    /// name without extension, which is what Excel names the sheet).
    pub sheet: String,
    /// Detected text encoding (CSV) or `None`.
    pub encoding: Option<String>,
    pub rows: Vec<Vec<Cell>>,
    pub merges: Vec<Merge>,
}

impl Ledger {
    /// The cell at `row`, `col`, if the grid reaches it.
    pub fn cell(&self, row: usize, col: usize) -> Option<&Cell> {
        self.rows.get(row).and_then(|r| r.get(col))
    }

    /// The text at `row`, `col` ("" outside the grid).
    pub fn text(&self, row: usize, col: usize) -> &str {
        self.cell(row, col).map_or("", |c| c.text.as_str())
    }

    /// Number of columns of the widest row.
    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// The A1 reference of a 0-based cell: (0, 0) → `A1`, (6, 27) → `AB7`.
pub fn a1(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.reverse();
    let mut s: String = letters.into_iter().collect();
    s.push_str(&(row + 1).to_string());
    s
}

/// Read a ledger. `path` names the format (`.xlsx`, `.csv`, `.tsv`,
/// `.jsonl`) when the content does not; `sheet` picks an XLSX sheet (the
/// first one otherwise).
pub fn read_ledger(bytes: &[u8], path: &str, sheet: Option<&str>) -> Result<Ledger> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let lower = path.to_ascii_lowercase();
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(bytes, sheet);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Error::Unsupported(crate::tr!("ledger-legacy-xls")));
    }
    let (text, encoding) = decode_text(bytes)?;
    let stem = file_stem(path);
    let body = text.trim_start_matches('\u{feff}');
    let mut ledger = if lower.ends_with(".jsonl")
        || lower.ends_with(".ndjson")
        || body.trim_start().starts_with('{')
    {
        read_jsonl(body, &stem)?
    } else {
        let delim = if lower.ends_with(".tsv") || looks_tab_separated(body) {
            '\t'
        } else {
            ','
        };
        Ledger {
            format: LedgerFormat::Csv,
            sheet: stem,
            encoding: None,
            rows: parse_delimited(body, delim)
                .into_iter()
                .map(|r| r.into_iter().map(text_cell).collect())
                .collect(),
            merges: Vec::new(),
        }
    };
    if ledger.format == LedgerFormat::Csv {
        ledger.encoding = Some(encoding.to_string());
    }
    Ok(ledger)
}

/// `dir/台账.csv` → `台账`; stdin (`-`) → `ledger`.
fn file_stem(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if stem.is_empty() || stem == "-" {
        "ledger".to_string()
    } else {
        stem.to_string()
    }
}

/// A text cell; an ISO date written as text stays text (the deadline
/// normalizer reads it).
fn text_cell(text: String) -> Cell {
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").trim().to_string()
    } else if text.trim().len() != text.len() {
        text.trim().to_string()
    } else {
        text
    };
    Cell {
        text,
        date: None,
        covered: false,
    }
}

/// More tabs than commas in the first lines: a TSV whatever its name.
fn looks_tab_separated(text: &str) -> bool {
    let head: String = text.lines().take(5).collect();
    head.matches('\t').count() > head.matches(',').count()
}

/// Split delimited text into records per RFC 4180, tolerant the way Excel
/// is: CRLF or LF line ends, a quote inside an unquoted field is literal,
/// a missing closing quote runs to the end of the file.
pub fn parse_delimited(text: &str, delim: char) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut rest = text;
    loop {
        let (field, after) = next_field(rest, delim);
        record.push(field);
        match after {
            Next::Field(r) => rest = r,
            Next::Record(r) => {
                records.push(std::mem::take(&mut record));
                if r.is_empty() {
                    break;
                }
                rest = r;
            }
            Next::End => {
                let blank_last = record.len() == 1 && record.first().is_some_and(String::is_empty);
                if !blank_last {
                    records.push(record);
                }
                break;
            }
        }
    }
    records
}

/// What follows a field.
enum Next<'a> {
    /// A delimiter; another field of the same record follows.
    Field(&'a str),
    /// A line end; the next record follows.
    Record(&'a str),
    /// The end of the text.
    End,
}

/// What follows the separator `c` found at byte `i` of `rest`.
fn after_field(rest: &str, i: usize, c: char, delim: char) -> Next<'_> {
    let tail = rest.get(i + c.len_utf8()..).unwrap_or("");
    if c == delim {
        Next::Field(tail)
    } else if c == '\r' && tail.starts_with('\n') {
        Next::Record(tail.get(1..).unwrap_or(""))
    } else {
        Next::Record(tail)
    }
}

/// One field at the start of `text` and what follows it. Unquoted fields
/// are sliced, quoted ones unescaped.
fn next_field<'a>(text: &'a str, delim: char) -> (String, Next<'a>) {
    let after_end = |rest: &'a str, i: usize, c: char| after_field(rest, i, c, delim);
    if let Some(quoted) = text.strip_prefix('"') {
        let mut field = String::new();
        let mut rest = quoted;
        loop {
            match rest.find('"') {
                None => {
                    field.push_str(rest);
                    return (field, Next::End);
                }
                Some(q) => {
                    field.push_str(rest.get(..q).unwrap_or(""));
                    let tail = rest.get(q + 1..).unwrap_or("");
                    if let Some(t) = tail.strip_prefix('"') {
                        field.push('"');
                        rest = t;
                        continue;
                    }
                    // Closing quote: anything up to the delimiter is kept.
                    return match tail
                        .char_indices()
                        .find(|&(_, c)| c == delim || c == '\n' || c == '\r')
                    {
                        Some((i, c)) => {
                            field.push_str(tail.get(..i).unwrap_or(""));
                            (field, after_end(tail, i, c))
                        }
                        None => {
                            field.push_str(tail);
                            (field, Next::End)
                        }
                    };
                }
            }
        }
    }
    match text
        .char_indices()
        .find(|&(_, c)| c == delim || c == '\n' || c == '\r')
    {
        Some((i, c)) => (
            text.get(..i).unwrap_or("").to_string(),
            after_end(text, i, c),
        ),
        None => (text.to_string(), Next::End),
    }
}

/// Read one sheet of a workbook and fill its merged regions.
fn read_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Ledger> {
    let damaged = |e: calamine::XlsxError| Error::Damaged {
        format: "xlsx",
        detail: e.to_string(),
    };
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(damaged)?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                Error::Other(format!(
                    "no sheet named {s}; the workbook has: {}",
                    names.join(", ")
                ))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::NotADocument("the workbook has no sheets".into()))?,
    };
    let range = wb.worksheet_range(&name).map_err(damaged)?;
    let merged = wb.merge_cells_by_sheet_name(&name).map_err(damaged)?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let (r1, c1) = range.end().unwrap_or((0, 0));
    let height = if range.is_empty() { 0 } else { r1 as usize + 1 };
    let width = if range.is_empty() { 0 } else { c1 as usize + 1 };
    if height.saturating_mul(width) > MAX_CELLS {
        return Err(Error::TooLarge(format!(
            "sheet {name} spans {height} rows × {width} columns"
        )));
    }
    let mut rows = vec![vec![Cell::default(); width]; height];
    for (r, c, v) in range.used_cells() {
        let (r, c) = (r + r0 as usize, c + c0 as usize);
        if let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
            *cell = data_cell(v);
        }
    }
    let merges: Vec<Merge> = merged
        .iter()
        .map(|d| Merge {
            first_row: d.start.0 as usize,
            first_col: d.start.1 as usize,
            last_row: d.end.0 as usize,
            last_col: d.end.1 as usize,
        })
        .collect();
    fill_merges(&mut rows, &merges);
    Ok(Ledger {
        format: LedgerFormat::Xlsx,
        sheet: name,
        encoding: None,
        rows,
        merges,
    })
}

/// Copy each merged region's top-left value into every covered cell.
fn fill_merges(rows: &mut [Vec<Cell>], merges: &[Merge]) {
    for m in merges {
        let Some(anchor) = rows
            .get(m.first_row)
            .and_then(|r| r.get(m.first_col))
            .cloned()
        else {
            continue;
        };
        for r in m.first_row..=m.last_row {
            for c in m.first_col..=m.last_col {
                if (r, c) == (m.first_row, m.first_col) {
                    continue;
                }
                if let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
                    *cell = Cell {
                        covered: true,
                        ..anchor.clone()
                    };
                }
            }
        }
    }
}

/// One calamine value as a cell: numbers as Excel shows them (1, not 1.0),
/// date serials as dates.
fn data_cell(v: &Data) -> Cell {
    let mut cell = Cell::default();
    match v {
        Data::Empty | Data::Error(_) => {}
        Data::String(s) => return text_cell(s.clone()),
        Data::Int(i) => cell.text = i.to_string(),
        Data::Float(f) => cell.text = float_text(*f),
        Data::Bool(b) => cell.text = if *b { "TRUE" } else { "FALSE" }.into(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            match Date::new(y as i16, m as i8, d as i8) {
                Ok(date) => {
                    cell.text = date.to_string();
                    cell.date = Some(date);
                }
                Err(_) => cell.text = float_text(dt.as_f64()),
            }
        }
        Data::DateTime(dt) => cell.text = float_text(dt.as_f64()),
        Data::DateTimeIso(s) => {
            cell.text = s.clone();
            cell.date = s.get(..10).and_then(|d| d.parse::<Date>().ok());
        }
        Data::DurationIso(s) => cell.text = s.clone(),
    }
    cell
}

/// `3.0` → `3`, `2.5` → `2.5`.
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// JSON Lines: one object per line; keys become header cells in first-seen
/// order, each line a row below them. Objects exported by `extract --format
/// jsonl` are flattened to ledger columns (units into lead and others,
/// people and measures into their ledger text).
fn read_jsonl(text: &str, stem: &str) -> Result<Ledger> {
    let mut keys: Vec<String> = Vec::new();
    let mut records: Vec<Vec<(String, String)>> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| Error::NotADocument(format!("JSON Lines: line {}: {e}", i + 1)))?;
        let serde_json::Value::Object(map) = value else {
            return Err(Error::NotADocument(format!(
                "JSON Lines: line {} is not an object",
                i + 1
            )));
        };
        let mut fields = Vec::new();
        for (k, v) in &map {
            flatten_field(k, v, &mut fields);
        }
        for (k, _) in &fields {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
        records.push(fields);
    }
    let mut rows = vec![keys.iter().cloned().map(text_cell).collect::<Vec<_>>()];
    for fields in records {
        let row = keys
            .iter()
            .map(|k| {
                let t = fields
                    .iter()
                    .find(|(fk, _)| fk == k)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                text_cell(t)
            })
            .collect();
        rows.push(row);
    }
    Ok(Ledger {
        format: LedgerFormat::Jsonl,
        sheet: stem.to_string(),
        encoding: None,
        rows,
        merges: Vec::new(),
    })
}

/// One JSON field as one or more (column, text) pairs.
fn flatten_field(key: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match (key, v) {
        ("units", Value::Object(o)) => {
            for part in ["lead", "others"] {
                let text = o
                    .get(part)
                    .and_then(Value::as_array)
                    .map(|units| {
                        units
                            .iter()
                            .filter_map(|u| {
                                u.get("text")
                                    .and_then(Value::as_str)
                                    .filter(|t| !t.is_empty())
                                    .or_else(|| u.get("name").and_then(Value::as_str))
                            })
                            .collect::<Vec<_>>()
                            .join("、")
                    })
                    .unwrap_or_default();
                out.push((format!("units.{part}"), text));
            }
        }
        ("leaders" | "responsible" | "contacts", Value::Array(_)) => {
            let text = match serde_json::from_value::<Vec<Person>>(v.clone()) {
                Ok(people) => persons_text(&people),
                Err(_) => join_strings(v, "、"),
            };
            out.push((key.to_string(), text));
        }
        ("measures", Value::Array(_)) => {
            let text = match serde_json::from_value::<Vec<Measure>>(v.clone()) {
                Ok(measures) => format_measures(&measures),
                Err(_) => join_strings(v, "\n"),
            };
            out.push((key.to_string(), text));
        }
        ("deadline" | "status", Value::Object(o)) => {
            let text = o.get("text").and_then(Value::as_str).unwrap_or("");
            out.push((key.to_string(), text.to_string()));
        }
        (_, Value::Array(_)) => out.push((key.to_string(), join_strings(v, "、"))),
        (_, Value::Object(_)) => {}
        _ => out.push((key.to_string(), scalar_text(v))),
    }
}

fn scalar_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn join_strings(v: &serde_json::Value, sep: &str) -> String {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(scalar_text)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(sep)
        })
        .unwrap_or_default()
}

/// What a ledger column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Col {
    /// 序号: the problem's number.
    Seq,
    /// 措施序号: a measure's number within its problem.
    MeasureNo,
    /// 反馈问题: the problem's description.
    Problem,
    Target,
    /// 整改时限 as written.
    Deadline,
    /// 完成日期: the deadline as one date.
    Due,
    /// 责任单位: lead and other units in one cell.
    Units,
    Lead,
    Others,
    Leaders,
    Responsible,
    Contacts,
    Measures,
    Status,
}

impl Col {
    /// The ledger heading this column is reported under.
    pub fn label(self) -> &'static str {
        match self {
            Col::Seq => "序号",
            Col::MeasureNo => "措施序号",
            Col::Problem => "反馈问题",
            Col::Target => "整改目标",
            Col::Deadline => "整改时限",
            Col::Due => "完成日期",
            Col::Units => "责任单位",
            Col::Lead => "牵头单位",
            Col::Others => "配合单位",
            Col::Leaders => "牵头领导",
            Col::Responsible => "责任人",
            Col::Contacts => "联络人",
            Col::Measures => "整改措施",
            Col::Status => "整改进展",
        }
    }
}

/// Header names → columns: the plan's own field names
/// ([`labels::column_names`], shared with checklist tables), the names only
/// ledgers use, then the keys of `extract --format jsonl`.
static SYNONYMS: LazyLock<Vec<(&'static str, Col)>> = LazyLock::new(|| {
    let plan = labels::column_names().map(|(name, kind)| (name, Col::from(kind)));
    plan.chain(LEDGER_ONLY.iter().copied()).collect()
});

/// Columns plans do not have (措施序号, 完成日期), names clerks shorten
/// further than plans do (序, 状态), and the JSON Lines keys.
const LEDGER_ONLY: &[(&str, Col)] = &[
    ("序", Col::Seq),
    ("措施序号", Col::MeasureNo),
    ("措施编号", Col::MeasureNo),
    ("完成日期", Col::Due),
    ("截止日期", Col::Due),
    ("到期日期", Col::Due),
    ("状态", Col::Status),
    ("完成状态", Col::Status),
    ("seq", Col::Seq),
    ("description", Col::Problem),
    ("target", Col::Target),
    ("deadline", Col::Deadline),
    ("due", Col::Due),
    ("units", Col::Units),
    ("units.lead", Col::Lead),
    ("units.others", Col::Others),
    ("leaders", Col::Leaders),
    ("responsible", Col::Responsible),
    ("contacts", Col::Contacts),
    ("measures", Col::Measures),
    ("status", Col::Status),
];

impl From<FieldKind> for Col {
    fn from(kind: FieldKind) -> Col {
        match kind {
            FieldKind::Seq => Col::Seq,
            FieldKind::Problem => Col::Problem,
            FieldKind::Target => Col::Target,
            FieldKind::Deadline => Col::Deadline,
            FieldKind::Units => Col::Units,
            FieldKind::LeadUnits => Col::Lead,
            FieldKind::OtherUnits => Col::Others,
            FieldKind::Leaders => Col::Leaders,
            FieldKind::Responsible => Col::Responsible,
            FieldKind::Contacts => Col::Contacts,
            FieldKind::Measures => Col::Measures,
            FieldKind::Status => Col::Status,
        }
    }
}

/// Longest header text still taken for a heading when it merely contains
/// a synonym (整改时限（年月日）); longer texts are titles or data.
const MAX_HEADER_CHARS: usize = 14;
/// How far down a title block may push the header row.
const HEADER_SCAN_ROWS: usize = 30;

/// A header cell's text without spaces, line breaks, required-field stars
/// and bracketed notes: `整改时限\n（年月日）*` → `整改时限`.
fn header_key(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            c if depth > 0 || c.is_whitespace() => {}
            '*' | '★' | '：' | ':' => {}
            c => out.push(c),
        }
    }
    out.to_lowercase()
}

/// The column a header text names, and whether it named it exactly.
pub fn header_col(text: &str) -> Option<(Col, bool)> {
    let key = header_key(text);
    if key.is_empty() {
        return None;
    }
    if let Some((_, col)) = SYNONYMS.iter().find(|(s, _)| *s == key) {
        return Some((*col, true));
    }
    if key.chars().count() > MAX_HEADER_CHARS || key.is_ascii() {
        return None;
    }
    SYNONYMS
        .iter()
        .filter(|(s, _)| s.chars().count() >= 2 && key.contains(s))
        .max_by_key(|(s, _)| s.chars().count())
        .map(|(_, col)| (*col, false))
}

/// The header found in a ledger: which row and which column holds what.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// 0-based row of the (last) header row; data starts below it.
    pub row: usize,
    /// Column kind → 0-based column index.
    pub cols: Vec<(Col, usize)>,
}

impl Header {
    /// The column index holding `col`, if the ledger has one.
    pub fn col(&self, col: Col) -> Option<usize> {
        self.cols.iter().find(|(c, _)| *c == col).map(|(_, i)| *i)
    }
}

/// Find the header row: the row among the first [`HEADER_SCAN_ROWS`] that
/// names the most distinct columns (at least two, one of them 序号,
/// 反馈问题 or 整改措施). A second header row right below it (责任单位
/// merged over 牵头单位 | 配合单位) refines the columns it names.
pub fn find_header(ledger: &Ledger) -> Option<Header> {
    let mut best: Option<(usize, Vec<Named>)> = None;
    for (r, row) in ledger.rows.iter().enumerate().take(HEADER_SCAN_ROWS) {
        let found = row_headers(row);
        let distinct = distinct_cols(&found);
        let anchored = found
            .iter()
            .any(|(c, _, _)| matches!(c, Col::Seq | Col::Problem | Col::Measures));
        if distinct >= 2
            && anchored
            && best
                .as_ref()
                .is_none_or(|(_, b)| distinct > distinct_cols(b))
        {
            best = Some((r, found));
        }
    }
    let (mut row, mut found) = best?;
    if let Some(next) = ledger.rows.get(row + 1) {
        let sub = row_headers(next);
        let exact_subs: Vec<&Named> = sub.iter().filter(|(_, _, e)| *e).collect();
        if !exact_subs.is_empty() && exact_subs.len() * 2 >= sub.len() {
            for (col, idx, _) in sub.iter().filter(|(_, _, e)| *e) {
                found.retain(|(_, i, _)| i != idx);
                found.push((*col, *idx, true));
            }
            row += 1;
        }
    }
    // One column per kind: exact names beat partial ones, left beats right.
    found.sort_by_key(|(c, i, exact)| (*c, !*exact, *i));
    let mut cols: Vec<(Col, usize)> = Vec::new();
    for (c, i, _) in found {
        if !cols.iter().any(|(k, j)| *k == c || *j == i) {
            cols.push((c, i));
        }
    }
    Some(Header { row, cols })
}

/// A header name found in a row: (column kind, index, named exactly).
type Named = (Col, usize, bool);

/// Every header name in one row.
fn row_headers(row: &[Cell]) -> Vec<Named> {
    row.iter()
        .enumerate()
        .filter_map(|(i, cell)| header_col(&cell.text).map(|(c, exact)| (c, i, exact)))
        .collect()
}

fn distinct_cols(found: &[Named]) -> usize {
    let mut cols: Vec<Col> = found.iter().map(|(c, _, _)| *c).collect();
    cols.sort();
    cols.dedup();
    cols.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_and_synonyms() {
        assert_eq!(header_col("序号"), Some((Col::Seq, true)));
        assert_eq!(
            header_col(" 整改时限\n（年月日）* "),
            Some((Col::Deadline, true))
        );
        assert_eq!(header_col("牵头责任单位"), Some((Col::Lead, true)));
        // The plan's own field names (labels::column_names) are ledger
        // headers too.
        assert_eq!(header_col("主要整改措施"), Some((Col::Measures, true)));
        assert_eq!(header_col("整改完成时限"), Some((Col::Deadline, true)));
        assert_eq!(header_col("整改措施及要求"), Some((Col::Measures, false)));
        assert_eq!(header_col("措施序号"), Some((Col::MeasureNo, true)));
        assert_eq!(header_col("units.lead"), Some((Col::Lead, true)));
        assert_eq!(
            header_col("湘潭市落实湖南省环境保护督察反馈问题整改清单"),
            None
        );
        assert_eq!(header_col("id"), None);
    }

    #[test]
    fn header_below_a_title_row() {
        let row = |cells: &[&str]| cells.iter().map(|t| text_cell(t.to_string())).collect();
        let l = Ledger {
            format: LedgerFormat::Csv,
            sheet: "s".into(),
            encoding: None,
            rows: vec![
                row(&["整改问题清单", "整改问题清单", "整改问题清单"]),
                row(&["编号", "存在问题", "责任单位", "责任单位"]),
                row(&["", "", "牵头单位", "配合单位"]),
                row(&["1", "问题", "甲", "乙"]),
            ],
            merges: Vec::new(),
        };
        let h = find_header(&l);
        assert_eq!(h.as_ref().map(|h| h.row), Some(2));
        let h = h.unwrap_or(Header {
            row: 0,
            cols: vec![],
        });
        assert_eq!(h.col(Col::Seq), Some(0));
        assert_eq!(h.col(Col::Problem), Some(1));
        assert_eq!(h.col(Col::Lead), Some(2));
        assert_eq!(h.col(Col::Others), Some(3));
        assert_eq!(h.col(Col::Units), None);
    }

    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 5), "F7");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(9, 27), "AB10");
        assert_eq!(a1(0, 16383), "XFD1");
    }

    #[test]
    fn delimited_text_per_rfc4180() {
        let recs = parse_delimited("a,\"b,c\",\"d\"\"e\"\r\n\"多\n行\",x\n", ',');
        assert_eq!(
            recs,
            vec![
                vec!["a".to_string(), "b,c".into(), "d\"e".into()],
                vec!["多\n行".to_string(), "x".into()],
            ]
        );
        assert_eq!(parse_delimited("a\tb", '\t'), vec![vec!["a", "b"]]);
        assert_eq!(parse_delimited("a,", ','), vec![vec!["a", ""]]);
        assert_eq!(
            parse_delimited("a\r\n\r\nb", ','),
            vec![vec!["a"], vec![""], vec!["b"]]
        );
        assert_eq!(parse_delimited("\"x\"y,z", ','), vec![vec!["xy", "z"]]);
        assert_eq!(parse_delimited("\"open", ','), vec![vec!["open"]]);
        assert_eq!(parse_delimited("", ','), Vec::<Vec<String>>::new());
    }

    #[test]
    fn gb18030_csv_decodes() -> Result<()> {
        let (bytes, _, _) = encoding_rs::GB18030.encode("序号,反馈问题\n1,生态文明建设\n");
        let l = read_ledger(&bytes, "dir/台账.csv", None)?;
        assert_eq!(l.sheet, "台账");
        assert_eq!(l.text(1, 1), "生态文明建设");
        assert_eq!(l.encoding.as_deref(), Some("gb18030"));
        Ok(())
    }

    #[test]
    fn jsonl_flattens_units_and_people() -> Result<()> {
        let line = r#"{"seq":1,"units":{"text":"x","lead":[{"text":"市环保局","name":"湘潭市环境保护局"}],"others":[]},"leaders":[{"name":"罗伟","title":null}]}"#;
        let l = read_ledger(line.as_bytes(), "x.jsonl", None)?;
        let col = |name: &str| (0..l.width()).find(|&c| l.text(0, c) == name);
        assert_eq!(col("units.lead").map(|c| l.text(1, c)), Some("市环保局"));
        assert_eq!(col("units.others").map(|c| l.text(1, c)), Some(""));
        assert_eq!(col("leaders").map(|c| l.text(1, c)), Some("罗伟"));
        assert_eq!(l.width(), 4);
        Ok(())
    }

    #[test]
    fn merges_fill_covered_cells() {
        let mut rows = vec![vec![Cell::default(); 2]; 3];
        if let Some(c) = rows.get_mut(0).and_then(|r| r.get_mut(0)) {
            c.text = "1".into();
        }
        let m = Merge {
            first_row: 0,
            first_col: 0,
            last_row: 2,
            last_col: 0,
        };
        fill_merges(&mut rows, &[m]);
        let col0: Vec<(&str, bool)> = rows
            .iter()
            .filter_map(|r| r.first())
            .map(|c| (c.text.as_str(), c.covered))
            .collect();
        assert_eq!(col0, [("1", false), ("1", true), ("1", true)]);
    }

    #[test]
    fn floats_read_as_excel_shows_them() {
        assert_eq!(float_text(3.0), "3");
        assert_eq!(float_text(2.5), "2.5");
    }
}
