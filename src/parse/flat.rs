//! Checklist tables flattened into text by a converter: the header's
//! column names in one run (序号 反馈问题 整改目标 整改时限 …), then the
//! cells run together, each row opened by its number — often glued to the
//! previous row's last cell (…加强问责。2 部门联动…). Where cells are
//! still separated by white space and the column order is known from the
//! header, the rows are rebuilt into a [`Table`] and handed to the table
//! parser; every recovery is reported, since the layout was guessed.

use super::{Item, table};
use crate::diag::Diagnostic;
use crate::labels::{FieldKind, exact_column};
use crate::model::Span;
use crate::read::{Block, BlockKind, Cell, Run, Table};

/// Find a flattened checklist and parse its rows.
pub(super) fn parse(
    items: &[Item],
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Vec<super::RawProblem>)> {
    let (at, columns, rest) = items.iter().enumerate().find_map(|(i, it)| {
        if it.kind == BlockKind::Table {
            return None;
        }
        header(&it.text).map(|(cols, rest)| (i, cols, rest))
    })?;
    // The cells: what follows the header in its block, then every
    // following paragraph (a paragraph break also separates cells).
    let mut tokens: Vec<(String, Span)> = tokens(&rest, items[at].span);
    for it in &items[at + 1..] {
        if matches!(it.kind, BlockKind::Heading(_) | BlockKind::Table) {
            break;
        }
        tokens.extend(self::tokens(&it.text, it.span));
    }
    let rows = rows(tokens, &columns);
    if rows.is_empty() {
        return None;
    }
    let uncertain = rows.iter().filter(|r| r.len() != columns.len()).count();
    diags.push(
        if uncertain > 0 {
            crate::diag!(TableTextRecovered / "uncertain"; rows = rows.len(), uncertain = uncertain)
        } else {
            crate::diag!(TableTextRecovered; rows = rows.len())
        }
        .at(Some(items[at].span)),
    );
    let mut grid: Vec<Vec<Cell>> = vec![
        columns
            .iter()
            .map(|(name, _)| cell(name, items[at].span))
            .collect(),
    ];
    for r in rows {
        grid.push(align(r, &columns));
    }
    let t = Table {
        rows: grid,
        header_rows: 1,
    };
    let item = Item {
        text: Default::default(),
        kind: BlockKind::Table,
        span: items[at].span,
        table: Some(&t),
        bold_start: false,
    };
    let (_, problems) = table::parse_tables(std::slice::from_ref(&item), diags)?;
    Some((at, problems))
}

/// Put a row's tokens into their columns. With a cell missing (an empty
/// 整改目标), a token that reads as a deadline moves to the deadline
/// column, leaving the columns it skips empty.
fn align(row: Vec<(String, Span)>, columns: &[(String, FieldKind)]) -> Vec<Cell> {
    let deadline_col = columns.iter().position(|(_, k)| *k == FieldKind::Deadline);
    let mut out: Vec<Cell> = Vec::with_capacity(columns.len());
    let missing = columns.len().saturating_sub(row.len());
    let mut skippable = missing;
    for (text, span) in row {
        if let Some(dc) = deadline_col {
            while skippable > 0 && out.len() < dc && looks_like_deadline(&text) {
                out.push(Cell::default());
                skippable -= 1;
            }
        }
        if out.len() < columns.len() {
            out.push(cell(&text, span));
        }
    }
    out.resize_with(columns.len(), Cell::default);
    out
}

/// A short text that states a time: 2018年底, 立行立改，长期坚持.
fn looks_like_deadline(t: &str) -> bool {
    const WORDS: &[&str] = &[
        "年底",
        "月底",
        "年末",
        "日前",
        "立行立改",
        "立即",
        "长期坚持",
        "持续推进",
        "常态化",
        "年内",
    ];
    t.chars().count() <= 40
        && (WORDS.iter().any(|w| t.contains(w))
            || (t.contains('年') && t.chars().take(4).all(|c| c.is_ascii_digit())))
}

fn cell(text: &str, span: Span) -> Cell {
    Cell {
        blocks: vec![Block::new(
            BlockKind::Paragraph,
            vec![Run {
                text: text.to_string(),
                bold: false,
                struck: false,
            }],
            span,
        )],
        covered: false,
    }
}

/// Column names written one after another at the start of `text`, with
/// or without spaces: at least four, the first 序号. Returns the columns
/// and the text after them.
fn header(text: &str) -> Option<(Vec<(String, FieldKind)>, String)> {
    let t = text.trim_start();
    if !t.starts_with("序号") && !t.starts_with("编号") {
        return None;
    }
    let mut cols: Vec<(String, FieldKind)> = Vec::new();
    let mut rest = t;
    loop {
        rest = rest.trim_start();
        // The longest prefix (up to 8 characters) that names a column.
        // A name never spans white space (a tab is a cell boundary).
        let prefix: Vec<(usize, char)> = rest
            .char_indices()
            .take_while(|(_, c)| !c.is_whitespace())
            .take(8)
            .collect();
        let mut hit = None;
        for k in (2..=prefix.len()).rev() {
            let end = match prefix.get(k) {
                Some(&(i, _)) => i,
                None => prefix.last().map_or(0, |&(i, c)| i + c.len_utf8()),
            };
            let name = &rest[..end];
            if let Some(kind) = exact_column(name)
                && !cols.iter().any(|(_, k)| *k == kind)
            {
                hit = Some((name.to_string(), kind, end));
                break;
            }
        }
        let Some((name, kind, end)) = hit else { break };
        cols.push((name, kind));
        rest = &rest[end..];
    }
    (cols.len() >= 4).then(|| (cols, rest.to_string()))
}

fn tokens(text: &str, span: Span) -> Vec<(String, Span)> {
    text.split(|c: char| c.is_whitespace() || c == '\t')
        .filter(|t| !t.is_empty())
        .map(|t| (t.to_string(), span))
        .collect()
}

/// Group tokens into rows: a row opens at the next number in sequence,
/// standing alone or glued to the end of the previous token.
fn rows(tokens: Vec<(String, Span)>, columns: &[(String, FieldKind)]) -> Vec<Vec<(String, Span)>> {
    let mut rows: Vec<Vec<(String, Span)>> = Vec::new();
    let mut expect = 1u32;
    for (tok, span) in tokens {
        let n = expect.to_string();
        if tok == n {
            rows.push(vec![(tok, span)]);
            expect += 1;
            continue;
        }
        // "…行为。2" — the next number glued after a cell's closing
        // punctuation; "2部门联动…" — glued before the next cell.
        if let Some(before) = tok
            .strip_suffix(n.as_str())
            .filter(|b| b.ends_with(['。', '；', '）', '”']) && !rows.is_empty())
        {
            if let Some(r) = rows.last_mut() {
                r.push((before.to_string(), span));
            }
            rows.push(vec![(n, span)]);
            expect += 1;
            continue;
        }
        if let Some(after) = tok.strip_prefix(n.as_str()).filter(|a| {
            a.starts_with(|c: char| {
                !c.is_ascii_digit() && !matches!(c, '.' | '、' | '年' | '月' | '日' | '个' | '%')
            })
        }) {
            rows.push(vec![(n, span), (after.to_string(), span)]);
            expect += 1;
            continue;
        }
        match rows.last_mut() {
            Some(r) if r.len() < columns.len() => r.push((tok, span)),
            // More tokens than columns: the cell had a space inside.
            Some(r) => {
                if let Some(last) = r.last_mut() {
                    last.0.push_str(&tok);
                }
            }
            None => {}
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_with_and_without_spaces() {
        let (cols, rest) = header("序号 反馈问题 整改时限 责任单位 整改措施 1 甲").unwrap();
        assert_eq!(cols.len(), 5);
        assert_eq!(rest.trim(), "1 甲");
        let (cols, _) = header("序号反馈问题整改目标整改时限责任单位牵头领导").unwrap();
        assert_eq!(
            cols.iter().map(|c| c.1).collect::<Vec<_>>()[..3],
            [FieldKind::Seq, FieldKind::Problem, FieldKind::Target]
        );
        assert!(header("序号 名称").is_none());
    }

    #[test]
    fn rows_split_at_glued_numbers() {
        let cols: Vec<(String, FieldKind)> = vec![
            ("序号".into(), FieldKind::Seq),
            ("反馈问题".into(), FieldKind::Problem),
            ("整改时限".into(), FieldKind::Deadline),
        ];
        let toks = tokens("1 甲问题。 2018年底。2 乙问题。 立行立改", Span::default());
        let r = rows(toks, &cols);
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[0].iter().map(|t| t.0.as_str()).collect::<Vec<_>>(),
            ["1", "甲问题。", "2018年底。"]
        );
        assert_eq!(r[1][2].0, "立行立改");
    }
}
