//! CSV ledgers, RFC 4180 exactly: CRLF line ends, a field quoted when it
//! holds a comma, a quote, CR or LF (or starts/ends with a space), quotes
//! doubled inside. UTF-8 with a BOM, because Excel reads BOM-less UTF-8 as
//! the local code page and shows Chinese as mojibake.

use super::{LEDGER_COLUMNS, WriteOptions, ledger_rows};
use crate::model::Plan;

/// The UTF-8 byte order mark.
const BOM: &str = "\u{feff}";

/// A ledger CSV of every plan: the ledger columns plus the stable `id`.
pub fn render(plans: &[Plan], opts: &WriteOptions) -> Vec<u8> {
    let mut out = String::from(BOM);
    let mut header: Vec<&str> = LEDGER_COLUMNS.to_vec();
    header.push("id");
    push_record(&mut out, header.iter().copied());
    for plan in plans {
        for row in ledger_rows(plan, opts.rows) {
            push_record(
                &mut out,
                row.cells
                    .iter()
                    .map(String::as_str)
                    .chain(std::iter::once(row.id.as_str())),
            );
        }
    }
    out.into_bytes()
}

/// Append one record and its CRLF.
pub fn push_record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, f);
    }
    out.push_str("\r\n");
}

/// Append one field, quoted only when RFC 4180 requires it.
fn push_field(out: &mut String, field: &str) {
    let needs_quotes =
        field.contains([',', '"', '\r', '\n']) || field.starts_with(' ') || field.ends_with(' ');
    if !needs_quotes {
        out.push_str(field);
        return;
    }
    out.push('"');
    for c in field.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&str]) -> String {
        let mut s = String::new();
        push_record(&mut s, fields.iter().copied());
        s
    }

    #[test]
    fn quotes_only_where_rfc4180_requires() {
        assert_eq!(record(&["a", "b"]), "a,b\r\n");
        assert_eq!(record(&["a,b", "c"]), "\"a,b\",c\r\n");
        assert_eq!(record(&["说\"明\""]), "\"说\"\"明\"\"\"\r\n");
        assert_eq!(record(&["1. 甲\n2. 乙"]), "\"1. 甲\n2. 乙\"\r\n");
        assert_eq!(record(&["", ""]), ",\r\n");
    }

    #[test]
    fn starts_with_bom_and_header() {
        let bytes = render(&[Plan::default()], &WriteOptions::default());
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with("\u{feff}序号,反馈问题,"));
        assert!(text.ends_with(",id\r\n"));
    }
}
