//! Key-value tables: a problem's fields written as a table of label and
//! value cells (| 整改时限 | 2019年12月底前 |, or two pairs to a row:
//! | 整改时限 | … | 责任单位 | … |), as Word plans lay out one problem per
//! table. Each pair becomes a `label：value` item, with the value's further
//! paragraphs as items below it, so the labelled parser reads such a table
//! as if the fields were paragraphs.

use std::borrow::Cow;

use super::Item;
use crate::labels::exact_header;
use crate::read::{BlockKind, Cell, Table};

/// `items` with every key-value table replaced by its fields as items;
/// `None` when there is no such table (the common case: nothing copied).
pub(super) fn expand<'d>(items: &[Item<'d>]) -> Option<Vec<Item<'d>>> {
    let mut out: Option<Vec<Item<'d>>> = None;
    for (k, it) in items.iter().enumerate() {
        let pairs = it
            .table
            .filter(|_| it.kind == BlockKind::Table)
            .and_then(key_values);
        match (pairs, &mut out) {
            (Some(pairs), _) => {
                let out = out.get_or_insert_with(|| items[..k].to_vec());
                for (label, cells) in pairs {
                    fields(label, &cells, it, out);
                }
            }
            (None, Some(out)) => out.push(it.clone()),
            (None, None) => {}
        }
    }
    out
}

/// The (label, value cell) pairs of a key-value table: every row that is
/// not empty starts with a field's name, and label and value cells
/// alternate; at least two pairs. Otherwise `None`: a checklist table's
/// header row names fields too, but its data rows start with numbers.
fn key_values(table: &Table) -> Option<Vec<(&'static str, Vec<&Cell>)>> {
    let mut pairs: Vec<(&'static str, Vec<&Cell>)> = Vec::new();
    for row in &table.rows {
        let mut cells: Vec<&Cell> = row.iter().filter(|c| !c.covered).collect();
        // Rows shorter than the table are padded with empty cells.
        let empty = |c: &&Cell| c.text().trim().is_empty();
        while cells.len() >= 2 && cells.iter().rev().take(2).all(empty) {
            cells.truncate(cells.len() - 2);
        }
        if cells.iter().all(empty) {
            continue;
        }
        // A label merged down over two rows: this row's one cell goes on
        // with the value above.
        if let [value] = cells.as_slice()
            && row.first().is_some_and(|c| c.covered)
        {
            pairs.last_mut()?.1.push(value);
            continue;
        }
        if !cells.len().is_multiple_of(2) {
            return None;
        }
        for pair in cells.chunks(2) {
            let [label, value] = pair else { return None };
            let kind = exact_header(&label.text())?;
            pairs.push((kind.label(), vec![*value]));
        }
    }
    (pairs.len() >= 2).then_some(pairs)
}

/// `label：` + the value's first paragraph, then its other paragraphs (of
/// every cell the value spans), as items spanning the cells' blocks.
fn fields<'d>(label: &str, value: &[&'d Cell], table: &Item<'d>, out: &mut Vec<Item<'d>>) {
    let mut blocks = value
        .iter()
        .flat_map(|c| &c.blocks)
        .filter(|b| !b.text().is_empty());
    let first = blocks.next();
    out.push(Item {
        text: Cow::Owned(format!("{label}：{}", first.map_or("", |b| b.text()))),
        kind: BlockKind::Paragraph,
        span: first.map_or(table.span, |b| b.span),
        table: None,
        bold_start: false,
    });
    out.extend(blocks.map(|b| Item {
        text: Cow::Borrowed(b.text()),
        kind: b.kind,
        span: b.span,
        table: None,
        bold_start: b.bold_start(),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::read::{Block, Run};

    fn cell(text: &str) -> Cell {
        Cell {
            blocks: text
                .split('\n')
                .map(|t| {
                    let run = Run {
                        text: t.to_string(),
                        bold: false,
                        struck: false,
                    };
                    Block::new(BlockKind::Paragraph, vec![run], Span::default())
                })
                .collect(),
            covered: false,
        }
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|t| cell(t)).collect())
                .collect(),
            header_rows: 0,
        }
    }

    #[test]
    fn pairs_of_label_and_value() {
        let t = table(&[
            &["整改时限", "2019年底"],
            &["责 任 单 位：", "市环保局"],
            &["", ""],
        ]);
        let pairs = key_values(&t).unwrap_or_default();
        let got: Vec<(&str, String)> = pairs
            .iter()
            .map(|(l, cs)| (*l, cs.iter().map(|c| c.text()).collect()))
            .collect();
        assert_eq!(
            got,
            [
                ("整改时限", "2019年底".to_string()),
                ("责任单位", "市环保局".to_string())
            ]
        );
        let t = table(&[&["整改时限", "2019年底", "牵头领导", "张三"]]);
        assert_eq!(key_values(&t).map(|p| p.len()), Some(2));
        // 整改措施 merged down over two rows.
        let mut t = table(&[
            &["整改时限", "2019年底"],
            &["整改措施", "1.甲。"],
            &["整改措施", "2.乙。"],
        ]);
        t.rows[2][0].covered = true;
        let pairs = key_values(&t).unwrap_or_default();
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[1].1.len(), 2);
        // Short rows padded to the table's width.
        let t = table(&[
            &["整改目标", "甲", "", ""],
            &["整改时限", "2019年底", "责任单位", "乙"],
        ]);
        assert_eq!(key_values(&t).map(|p| p.len()), Some(3));
    }

    #[test]
    fn checklist_tables_are_not_key_value() {
        let t = table(&[
            &["序号", "反馈问题", "整改时限", "责任单位"],
            &["1", "问题", "2019年底", "市环保局"],
        ]);
        assert!(key_values(&t).is_none());
        let t = table(&[&["整改时限", "2019年底"]]);
        assert!(key_values(&t).is_none());
        let t = table(&[&["整改时限", "2019年底"], &["备注", "无"]]);
        assert!(key_values(&t).is_none());
    }
}
