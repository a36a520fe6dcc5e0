//! XLSX ledgers: the 台账 layout clerks keep (序号 … 整改进展), header frozen,
//! text wrapped, widths that fit Chinese text, 完成日期 as a real Excel date
//! (so filters and conditional formats work), 整改进展 left empty to fill
//! in. With [`Rows::Measures`] each measure gets a row and the problem's
//! columns are merged vertically, as hand-kept ledgers do.

use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::{DUE_COLUMN, LEDGER_COLUMNS, LedgerRow, MEASURES_COLUMN, Rows, WriteOptions};
use crate::diag::{Error, Result};
use crate::model::Plan;

/// Column widths in characters, in [`LEDGER_COLUMNS`] order, then `id`.
const WIDTHS: [f64; 13] = [
    6.0, 48.0, 32.0, 16.0, 12.0, 18.0, 30.0, 12.0, 20.0, 12.0, 60.0, 20.0, 14.0,
];

/// A workbook with one ledger sheet per plan.
pub fn render(plans: &[Plan], opts: &WriteOptions) -> Result<Vec<u8>> {
    build(plans, opts).map_err(|e| Error::Other(format!("cannot write XLSX: {e}")))
}

fn build(plans: &[Plan], opts: &WriteOptions) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let styles = Styles::new();
    if plans.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name("台账")?;
        write_header(ws, &styles)?;
    }
    for (i, plan) in plans.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(i))?;
        write_header(ws, &styles)?;
        let rows = super::ledger_rows(plan, opts.rows);
        write_rows(ws, &rows, opts.rows, &styles)?;
    }
    wb.save_to_buffer()
}

/// `台账`, `台账2`, `台账3` …: unique, short, valid sheet names.
fn sheet_name(i: usize) -> String {
    if i == 0 {
        "台账".to_string()
    } else {
        format!("台账{}", i + 1)
    }
}

struct Styles {
    header: Format,
    body: Format,
    date: Format,
}

impl Styles {
    fn new() -> Styles {
        let body = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Styles {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin),
            date: body.clone().set_num_format("yyyy-mm-dd"),
            body,
        }
    }
}

fn write_header(ws: &mut Worksheet, st: &Styles) -> Result<(), XlsxError> {
    for (col, name) in LEDGER_COLUMNS.iter().chain(["id"].iter()).enumerate() {
        let col = col as u16;
        ws.write_string_with_format(0, col, *name, &st.header)?;
        ws.set_column_width(col, WIDTHS.get(col as usize).copied().unwrap_or(14.0))?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_rows(
    ws: &mut Worksheet,
    rows: &[LedgerRow],
    mode: Rows,
    st: &Styles,
) -> Result<(), XlsxError> {
    let id_col = LEDGER_COLUMNS.len() as u16;
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        // Problem-level cells are written once per problem; with several
        // measure rows they are merged over the problem's rows.
        let span = if mode == Rows::Measures && row.parts > 1 {
            if row.part > 0 {
                ws.write_string_with_format(
                    r,
                    MEASURES_COLUMN as u16,
                    row.cells.get(MEASURES_COLUMN).map_or("", String::as_str),
                    &st.body,
                )?;
                continue;
            }
            row.parts as u32
        } else {
            1
        };
        let last = r + span - 1;
        for (c, text) in row.cells.iter().enumerate() {
            let col = c as u16;
            if c == MEASURES_COLUMN {
                ws.write_string_with_format(r, col, text, &st.body)?;
                continue;
            }
            let due = if c == DUE_COLUMN { row.due } else { None };
            if span > 1 {
                ws.merge_range(
                    r,
                    col,
                    last,
                    col,
                    if due.is_some() { "" } else { text },
                    &st.body,
                )?;
            }
            match due {
                Some(d) => {
                    let dt =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(r, col, &dt, &st.date)?;
                }
                None if span == 1 => {
                    ws.write_string_with_format(r, col, text, &st.body)?;
                }
                None => {}
            }
        }
        if span > 1 {
            ws.merge_range(r, id_col, last, id_col, &row.id, &st.body)?;
        } else {
            ws.write_string_with_format(r, id_col, &row.id, &st.body)?;
        }
    }
    Ok(())
}
