//! Checklists written as tables (序号 | 反馈问题 | 整改目标 | 整改时限 |
//! 责任单位 | 牵头领导 | 责任人员 | 整改措施): the header row names the
//! columns with the same synonyms as the labelled form; each numbered row
//! opens a problem, unnumbered rows (one measure per row, merged cells)
//! continue it. The records are the same as from the labelled form.

use std::collections::BTreeMap;

use super::number::number_value;
use super::{Field, Item, RawProblem, first_sentence, measures, status_of};
use crate::diag::Diagnostic;
use crate::labels::{FieldKind, column_family, column_kind};
use crate::model::Span;
use crate::read::{BlockKind, Cell, Table};

/// Column index → field, found from a header row. Ordered: cells are
/// filled left to right, so two columns feeding one field (牵头单位 and
/// 配合单位 both feed the units text) always join in reading order. A hash
/// map's order changed from run to run.
pub(super) type Columns = BTreeMap<usize, FieldKind>;

/// The first checklist table's index and the problems of every checklist
/// table (a table split across pages continues), or `None` when the
/// document has no checklist table.
pub(super) fn parse_tables(
    items: &[Item],
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Vec<RawProblem>)> {
    let mut first = None;
    let mut problems: Vec<RawProblem> = Vec::new();
    let mut last_columns: Option<Columns> = None;
    for (i, it) in items.iter().enumerate() {
        let Some(table) = it.table.filter(|_| it.kind == BlockKind::Table) else {
            continue;
        };
        let (columns, body_from) = match header(table) {
            Some((c, row)) => (c, row + 1),
            // A continuation table without its header repeated.
            None => match &last_columns {
                Some(c) if table.rows.first().is_some_and(|r| r.len() == width(c)) => {
                    (c.clone(), 0)
                }
                _ => continue,
            },
        };
        first.get_or_insert(i);
        rows(table, body_from, &columns, it.span, &mut problems, diags);
        last_columns = Some(columns);
    }
    let first = first?;
    if problems.is_empty() {
        diags.push(crate::diag!(EmptyChecklistTable).at(Some(items[first].span)));
    }
    // A table read by its 序号 and duties may name no problem column, and
    // a row may leave its problem cell empty: never silent.
    for p in problems.iter().filter(|p| p.description.trim().is_empty()) {
        diags.push(
            crate::diag!(MissingField; label = p.label, what = "problem text")
                .problem(p.seq)
                .at(p.span),
        );
    }
    Some((first, problems))
}

fn width(c: &Columns) -> usize {
    c.keys().max().map_or(0, |m| m + 1)
}

/// The header row among the first rows: at least three known columns,
/// one of them the problem or its deadline.
fn header(table: &Table) -> Option<(Columns, usize)> {
    for (r, row) in table.rows.iter().enumerate().take(3) {
        let texts: Vec<String> = row.iter().map(Cell::text).collect();
        if let Some(cols) = header_columns(&texts) {
            return Some(sub_header(table, cols, r));
        }
    }
    None
}

/// The columns a header row names, by index, or `None` when the row is no
/// checklist header. The one rule for real tables and for tables rebuilt
/// from flattened text ([`super::flat`]).
pub(super) fn header_columns(texts: &[String]) -> Option<Columns> {
    let mut cols = Columns::new();
    for (c, text) in texts.iter().enumerate() {
        if let Some(k) = column_kind(text)
            && !cols.values().any(|&v| v == k)
        {
            cols.insert(c, k);
        }
    }
    // Headers no synonym names (工作任务, 负责部门, 时间进度), read by
    // their words, for the fields no named column holds. Two such
    // columns of one field (任务内容 | 工作内容及要求) leave it unread:
    // which one holds it is a guess.
    let family: Vec<(usize, FieldKind)> = texts
        .iter()
        .enumerate()
        .filter(|(c, _)| !cols.contains_key(c))
        .filter_map(|(c, text)| column_family(text).map(|k| (c, k)))
        .filter(|(_, k)| !cols.values().any(|v| v == k))
        .collect();
    for &(c, k) in &family {
        if family.iter().filter(|(_, f)| *f == k).count() == 1 {
            cols.insert(c, k);
        }
    }
    let has = |f: fn(&FieldKind) -> bool| cols.values().any(f);
    let core = has(|k| {
        matches!(
            k,
            FieldKind::Problem | FieldKind::Deadline | FieldKind::Measures
        )
    });
    // 序号 with units or a deadline: a list of numbered duties.
    let numbered_duties = has(|k| *k == FieldKind::Seq)
        && has(|k| {
            matches!(
                k,
                FieldKind::Units
                    | FieldKind::LeadUnits
                    | FieldKind::OtherUnits
                    | FieldKind::Deadline
            )
        });
    ((cols.len() >= 3 && core) || numbered_duties).then_some(cols)
}

/// A second header row under a spanning cell (责任单位 over 牵头单位 |
/// 配合单位): its own cells (not copies of a cell merged down from the row
/// above) name the columns below the span. Returns the columns and the
/// last header row.
fn sub_header(table: &Table, mut cols: Columns, r: usize) -> (Columns, usize) {
    let Some(next) = table.rows.get(r + 1) else {
        return (cols, r);
    };
    let above = &table.rows[r];
    let mut subs = Vec::new();
    for (c, cell) in next.iter().enumerate() {
        let text = cell.text();
        if text.trim().is_empty() {
            continue;
        }
        // A copy of the cell above (rowspan 2) is not a sub-header.
        if above.get(c).is_some_and(|a| a.text() == text) {
            continue;
        }
        match column_kind(&text).or_else(|| column_family(&text)) {
            Some(k) => subs.push((c, k)),
            // A row with a value that is no column name is a body row.
            None => return (cols, r),
        }
    }
    // Sub-columns sit under one spanning cell: the cell above each is the
    // span's copy, or the span itself.
    let under_span = subs.iter().all(|&(c, _)| {
        let parent = above.get(c).map(Cell::text).unwrap_or_default();
        let first = subs.first().map_or(c, |s| s.0);
        above.get(first).map(Cell::text).unwrap_or_default() == parent
    });
    if subs.len() < 2 || !under_span {
        return (cols, r);
    }
    for (c, k) in subs {
        cols.insert(c, k);
    }
    (cols, r + 1)
}

fn is_header_repeat(row: &[Cell], columns: &Columns) -> bool {
    let hits = row
        .iter()
        .enumerate()
        .filter(|(c, cell)| {
            columns
                .get(c)
                .is_some_and(|&k| column_kind(&cell.text()) == Some(k))
        })
        .count();
    hits >= columns.len().min(3)
}

fn rows(
    table: &Table,
    from: usize,
    columns: &Columns,
    span: Span,
    problems: &mut Vec<RawProblem>,
    diags: &mut Vec<Diagnostic>,
) {
    let col = |kind: FieldKind| columns.iter().find(|&(_, &k)| k == kind).map(|(&c, _)| c);
    let seq_col = col(FieldKind::Seq);
    let has_measures = col(FieldKind::Measures).is_some();
    let role_columns = col(FieldKind::LeadUnits).is_some() || col(FieldKind::OtherUnits).is_some();
    // Each row's measures and the units its own cells name: (problem,
    // measures from..to, units).
    let mut row_units: Vec<(usize, std::ops::Range<usize>, String)> = Vec::new();
    // Problems whose continuation rows name units of their own: one
    // measure (or a few) per row, each row with its units.
    let mut per_row: Vec<usize> = Vec::new();
    for row in table.rows.iter().skip(from) {
        if is_header_repeat(row, columns) {
            continue;
        }
        if row.iter().all(|c| c.text().trim().is_empty()) {
            continue;
        }
        let seq_cell = seq_col.and_then(|c| row.get(c));
        let seq_text = seq_cell.map(Cell::text).unwrap_or_default();
        let seq = seq_number(&seq_text);
        // A row continues the open problem when its number cell is empty or
        // a merged copy of the row above.
        let continues =
            !problems.is_empty() && (seq.is_none() || seq_cell.is_some_and(|c| c.covered));
        if !continues {
            let seq = seq.unwrap_or(problems.len() as u32 + 1);
            problems.push(RawProblem {
                seq,
                label: if seq_text.trim().is_empty() {
                    seq.to_string()
                } else {
                    seq_text.split_whitespace().collect()
                },
                span: Some(row_span(row).unwrap_or(span)),
                ..RawProblem::default()
            });
        }
        let Some(p) = problems.last_mut() else {
            continue;
        };
        if let Some(s) = row_span(row) {
            p.span = p.span.map(|ps| ps.to(s)).or(Some(s));
        }
        let before = p.measures.len();
        for (&c, &kind) in columns {
            let Some(cell) = row.get(c) else { continue };
            if continues && cell.covered {
                continue;
            }
            fill(p, kind, cell, (has_measures, role_columns), diags);
        }
        let measures = before..p.measures.len();
        if let Some(units) = own_units(row, columns, continues) {
            let index = problems.len().saturating_sub(1);
            if continues && !per_row.contains(&index) {
                per_row.push(index);
            }
            row_units.push((index, measures, units));
        }
    }
    for (index, range, units) in row_units {
        if !per_row.contains(&index) {
            continue;
        }
        let Some(ms) = problems
            .get_mut(index)
            .and_then(|p| p.measures.get_mut(range))
        else {
            continue;
        };
        for m in ms.iter_mut().filter(|m| m.units.is_none()) {
            m.units = Some(units.clone());
        }
    }
    for p in problems.iter_mut() {
        p.title = first_sentence(&p.description);
    }
}

/// The units a row's own cells name, labelled as the problem's units field
/// is (牵头单位：…；配合单位：…); merged cells of a continuation row are the
/// row above's, not its own.
fn own_units(row: &[Cell], columns: &Columns, continues: bool) -> Option<String> {
    let role_columns = columns
        .values()
        .any(|k| matches!(k, FieldKind::LeadUnits | FieldKind::OtherUnits));
    let parts: Vec<String> = columns
        .iter()
        .filter_map(|(&c, &kind)| {
            let cell = row.get(c).filter(|cell| !(continues && cell.covered))?;
            let text = cell.text();
            let text = text.trim();
            if text.is_empty() {
                return None;
            }
            let part = match kind {
                FieldKind::Units if !role_columns => text.to_string(),
                FieldKind::Units => format!("{}：{text}", kind.label()),
                FieldKind::LeadUnits | FieldKind::OtherUnits => {
                    format!("{}：{text}", kind.label())
                }
                _ => return None,
            };
            Some(part)
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("；"))
}

fn row_span(row: &[Cell]) -> Option<Span> {
    let mut spans = row.iter().flat_map(|c| c.blocks.iter().map(|b| b.span));
    let first = spans.next()?;
    Some(spans.fold(first, Span::to))
}

/// 1 / 一 / （一） / 问题一 / 反馈问题一 → the number.
fn seq_number(text: &str) -> Option<u32> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '（' | '）' | '(' | ')' | '、' | '.' | '．'))
        .collect();
    let t = t.trim_start_matches("反馈问题").trim_start_matches("问题");
    number_value(t)
}

fn fill(
    p: &mut RawProblem,
    kind: FieldKind,
    cell: &Cell,
    (has_measures, role_columns): (bool, bool),
    diags: &mut Vec<Diagnostic>,
) {
    let text = cell.text();
    if text.trim().is_empty() {
        return;
    }
    let span = cell.blocks.first().map(|b| b.span);
    let joined: String = cell
        .blocks
        .iter()
        .map(|b| b.text())
        .collect::<Vec<_>>()
        .join("");
    let field = || Field {
        text: joined.clone(),
        span,
    };
    let add = |slot: &mut Option<Field>, sep: &str| match slot {
        Some(f) => {
            f.text.push_str(sep);
            f.text.push_str(&joined);
        }
        None => *slot = Some(field()),
    };
    match kind {
        FieldKind::Seq => {}
        FieldKind::Problem => {
            if !p.description.is_empty() {
                p.description.push('\n');
            }
            p.description.push_str(&text);
        }
        FieldKind::Target => match &mut p.target {
            Some(t) => t.push_str(&joined),
            None => p.target = Some(joined.clone()),
        },
        FieldKind::Deadline => add(&mut p.deadline, "；"),
        // Beside a 牵头单位 or 配合单位 column, a 责任单位 cell is written
        // with its label, so each keeps its role.
        FieldKind::Units if role_columns => merge_units(
            p,
            Field {
                text: format!("{}：{joined}", kind.label()),
                span,
            },
        ),
        FieldKind::Units => add(&mut p.units, "；"),
        FieldKind::LeadUnits | FieldKind::OtherUnits => {
            let f = Field {
                text: format!("{}：{joined}", kind.label()),
                span,
            };
            merge_units(p, f);
        }
        FieldKind::Leaders => add(&mut p.leaders, "、"),
        FieldKind::Responsible => add(&mut p.responsible, "、"),
        FieldKind::Contacts => add(&mut p.contacts, "、"),
        // 该问题已完成整改。一是…二是…: the status, and the measures taken
        // when the table has no measures column of its own.
        FieldKind::Status => match super::progress::parse(&joined, span.unwrap_or_default()) {
            Some(pr) => {
                p.status = pr.status.or_else(|| status_of(&joined));
                if !has_measures && p.measures.is_empty() {
                    p.measures = pr.measures;
                }
            }
            None => p.status = status_of(&joined),
        },
        FieldKind::Measures => {
            let items: Vec<Item> = cell
                .blocks
                .iter()
                .map(|b| Item {
                    text: b.text().into(),
                    kind: b.kind,
                    span: b.span,
                    table: None,
                    bold_start: false,
                })
                .filter(|it| !it.text.is_empty())
                .collect();
            let ms = measures::parse("", span.unwrap_or_default(), &items);
            if ms.is_empty() {
                diags.push(
                    crate::diag!(LabelWithoutValue / "measures-cell")
                        .problem(p.seq)
                        .at(span),
                );
            }
            p.measures.extend(ms);
        }
    }
}

fn merge_units(p: &mut RawProblem, f: Field) {
    match &mut p.units {
        Some(u) => {
            u.text.push('；');
            u.text.push_str(&f.text);
        }
        None => p.units = Some(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Block, Run};

    fn cell(t: &str) -> Cell {
        Cell {
            blocks: t
                .split('\n')
                .map(|p| {
                    Block::new(
                        BlockKind::Paragraph,
                        vec![Run {
                            text: p.into(),
                            bold: false,
                            struck: false,
                        }],
                        Span::default(),
                    )
                })
                .collect(),
            covered: false,
        }
    }

    #[test]
    fn rows_become_problems() {
        let table = Table {
            rows: vec![
                ["序\n号", "反馈问题", "整改时限", "责任单位", "整改措施"]
                    .iter()
                    .map(|t| cell(t))
                    .collect(),
                [
                    "1",
                    "甲问题。说明。",
                    "2018年底",
                    "市环保局（牵头）",
                    "1、措施一。\n2、措施二。",
                ]
                .iter()
                .map(|t| cell(t))
                .collect(),
                ["", "", "", "", "3、措施三。"]
                    .iter()
                    .map(|t| cell(t))
                    .collect(),
                ["2", "乙问题。", "立行立改", "市水务局", "措施。"]
                    .iter()
                    .map(|t| cell(t))
                    .collect(),
            ],
            header_rows: 1,
        };
        let items = vec![Item {
            text: Default::default(),
            kind: BlockKind::Table,
            span: Span::default(),
            table: Some(&table),
            bold_start: false,
        }];
        let mut diags = Vec::new();
        let (at, ps) = parse_tables(&items, &mut diags).unwrap();
        assert_eq!(at, 0);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].title.as_deref(), Some("甲问题。"));
        assert_eq!(ps[0].measures.len(), 3);
        assert_eq!(
            ps[1].deadline.as_ref().map(|f| f.text.as_str()),
            Some("立行立改")
        );
        assert_eq!(ps[1].label, "2");
    }
}
