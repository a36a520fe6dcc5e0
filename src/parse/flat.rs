//! Checklist tables flattened into text by a converter or a web page,
//! rebuilt into a [`Table`] and handed to the table parser, so one set of
//! rules reads real and flattened tables. Three layouts:
//!
//! - the header's column names in one run (序号 反馈问题 整改目标 整改时限
//!   …), then the cells run together, each row opened by its number —
//!   often glued to the previous row's last cell (…加强问责。2 部门联动…);
//! - one cell per paragraph: a run of short header blocks (序号, 民生实事,
//!   责任单位, 完成时限), then each row's cells, the row opened by a block
//!   holding only its number;
//! - a pipe stream: the same cells with `|` between them and `||` between
//!   rows, the pipes on lines of their own or glued to a cell.
//!
//! A row maps its cells to the header's columns in order. A row with more
//! or fewer cells than the header (a merged cell, a cell split over
//! paragraphs, two tasks in one numbered row) is mapped by the look of
//! each cell: a unit list goes to a units column, a date to the deadline,
//! the rest to the text columns, never shifted into a column it does not
//! fit; what fits no column is left out with a diagnostic. Consecutive
//! unit cells go to consecutive unit columns (牵头单位 → 配合单位), never
//! merged into one. Each row is placed on its own: one irregular row does
//! not move the others. A group row between rows (一、做大做强主导产业)
//! is no cell. Every recovery is reported, since the layout was guessed.

use super::{Item, status_of, table};
use crate::diag::Diagnostic;
use crate::labels::{FieldKind, exact_column};
use crate::model::Span;
use crate::read::{Block, BlockKind, Cell, Run, Table};

/// One cell's text and where it was read.
type Token = (String, Span);

/// Find a flattened checklist and parse its rows.
pub(super) fn parse(
    items: &[Item],
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Vec<super::RawProblem>)> {
    let flat = run_together(items).or_else(|| one_cell_per_block(items))?;
    if flat.rows.is_empty() {
        return None;
    }
    let span = items.get(flat.at).map(|it| it.span).unwrap_or_default();
    let mut notes: Vec<Diagnostic> = Vec::new();
    let mut grid: Vec<Vec<Cell>> = vec![
        flat.names
            .iter()
            .map(|n| cell(std::slice::from_ref(n), "", span))
            .collect(),
    ];
    for (text, at) in &flat.groups {
        notes.push(crate::diag!(TableTextRecovered / "group-row"; text = text).at(Some(*at)));
    }
    let mut uncertain = 0;
    for row in &flat.rows {
        let aligned = align(row, &flat.kinds, true);
        if aligned.by_look {
            uncertain += 1;
        }
        let label = row.first().map(|t| t.0.as_str()).unwrap_or_default();
        let row_span = row.first().map_or(span, |t| t.1);
        let empty: Vec<&str> = flat
            .kinds
            .iter()
            .enumerate()
            .filter(|(c, k)| {
                k.is_some_and(|k| k != FieldKind::Seq)
                    && aligned
                        .rows
                        .iter()
                        .all(|r| r.get(*c).is_none_or(Vec::is_empty))
            })
            .filter_map(|(c, _)| flat.names.get(c).map(String::as_str))
            .collect();
        if aligned.by_look && !empty.is_empty() {
            notes.push(
                crate::diag!(TableTextRecovered / "cell-missing"; row = label, columns = empty.join("、"))
                    .at(Some(row_span)),
            );
        }
        if let Some(at) = aligned.undecided.first().map(|t| t.1) {
            let units: Vec<&str> = aligned.undecided.iter().map(|t| t.0.as_str()).collect();
            notes.push(
                crate::diag!(TableTextRecovered / "units-undecided"; row = label, text = units.join(" | "))
                    .at(Some(at)),
            );
        }
        for (text, at) in &aligned.unplaced {
            notes.push(
                crate::diag!(TableTextRecovered / "cell-unplaced"; row = label, text = text)
                    .at(Some(*at)),
            );
        }
        for r in aligned.rows {
            grid.push(
                r.iter()
                    .zip(&flat.kinds)
                    .map(|(toks, kind)| {
                        let texts: Vec<String> = toks.iter().map(|t| t.0.clone()).collect();
                        let at = toks.first().map_or(row_span, |t| t.1);
                        match kind {
                            Some(
                                FieldKind::Units | FieldKind::LeadUnits | FieldKind::OtherUnits,
                            ) => cell(&texts, "、", at),
                            // The problem's paragraphs and the measures
                            // (1)… / 2)…) stay paragraphs.
                            Some(FieldKind::Problem | FieldKind::Measures) => cell(&texts, "", at),
                            // One field's text: pieces never run together.
                            _ => cell(&[join_pieces(&texts)], "", at),
                        }
                    })
                    .collect(),
            );
        }
    }
    diags.push(
        if uncertain > 0 {
            crate::diag!(TableTextRecovered / "uncertain"; rows = flat.rows.len(), uncertain = uncertain)
        } else {
            crate::diag!(TableTextRecovered; rows = flat.rows.len())
        }
        .at(Some(span)),
    );
    diags.extend(notes);
    let t = Table {
        rows: grid,
        header_rows: 1,
    };
    let item = Item {
        text: Default::default(),
        kind: BlockKind::Table,
        span,
        table: Some(&t),
        bold_start: false,
    };
    let (_, problems) = table::parse_tables(std::slice::from_ref(&item), diags)?;
    Some((flat.at, problems))
}

/// A flattened table: the header's item, its column names and fields
/// (`None` for a column no rule names, 备注), and the rows, each opened by
/// its number.
struct Flat {
    at: usize,
    names: Vec<String>,
    kinds: Vec<Option<FieldKind>>,
    rows: Vec<Vec<Token>>,
    /// Group rows between the rows (一、做大做强主导产业), left out.
    groups: Vec<Token>,
}

/// Layout 1: the column names in one block, the cells split at white space.
fn run_together(items: &[Item]) -> Option<Flat> {
    let (at, columns, rest) = items.iter().enumerate().find_map(|(i, it)| {
        if it.kind == BlockKind::Table {
            return None;
        }
        header(&it.text).map(|(cols, rest)| (i, cols, rest))
    })?;
    // The cells: what follows the header in its block, then every
    // following paragraph (a paragraph break also separates cells).
    let mut tokens: Vec<Token> = tokens(&rest, items[at].span);
    for it in &items[at + 1..] {
        if matches!(it.kind, BlockKind::Heading(_) | BlockKind::Table) {
            break;
        }
        tokens.extend(self::tokens(&it.text, it.span));
    }
    let (rows, groups) = rows(tokens, &columns);
    Some(Flat {
        at,
        names: columns.iter().map(|c| c.0.clone()).collect(),
        kinds: columns.iter().map(|c| Some(c.1)).collect(),
        rows,
        groups,
    })
}

/// The longest header a run of blocks may have, and the longest name.
const MAX_COLUMNS: usize = 16;
const MAX_NAME: usize = 12;

/// Layouts 2 and 3: a header run of short blocks (序号 + names), each
/// following block (or `|`-separated piece) a cell, rows opened by a
/// block that is the next row number.
fn one_cell_per_block(items: &[Item]) -> Option<Flat> {
    let mut from = 0;
    while let Some(off) = items[from..].iter().position(|it| is_seq_name(&it.text)) {
        let at = from + off;
        from = at + 1;
        if let Some(flat) = cells_from(items, at) {
            return Some(flat);
        }
    }
    None
}

/// 序号 / 编号, alone in its block (pipes aside).
fn is_seq_name(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '|')
        .collect();
    t == "序号" || t == "编号"
}

/// A group row of a checklist (一、做大做强主导产业, （二）民生保障): a
/// short heading opened by a Chinese ordinal, no sentence. Between two
/// numbered rows it groups them; it is never a cell of a row.
fn is_group_row(text: &str) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    if n > 40 || t.contains('。') {
        return false;
    }
    let ordinal = |c: char| "一二三四五六七八九十".contains(c);
    let rest = t
        .strip_prefix(['（', '('])
        .and_then(|r| {
            let r = r.trim_start_matches(ordinal);
            (r.len() < t.len() - '（'.len_utf8()).then_some(r)
        })
        .and_then(|r| r.strip_prefix(['）', ')']))
        .or_else(|| {
            let r = t.trim_start_matches(ordinal);
            (r.len() < t.len())
                .then_some(r)
                .and_then(|r| r.strip_prefix(['、', '．']))
        });
    rest.is_some_and(|r| !r.trim().is_empty())
}

/// Whether the next cell of `rest` (row breaks aside) is the row number
/// `next`.
fn opens_row(rest: &[Piece], next: &str) -> bool {
    rest.iter()
        .find_map(|p| match p {
            Piece::Cell((t, _)) => Some(t == next),
            Piece::Break => None,
        })
        .unwrap_or(false)
}

/// One cell of the stream, or a row break (`||`).
enum Piece {
    Cell(Token),
    Break,
}

/// The cells of the blocks from `at` on, up to a heading or a table: each
/// block a cell, or several split at `|`.
fn pieces<'a>(items: &'a [Item<'_>]) -> impl Iterator<Item = Piece> + 'a {
    let mut after_pipe = false;
    items
        .iter()
        .take_while(|it| !matches!(it.kind, BlockKind::Heading(_) | BlockKind::Table))
        .flat_map(move |it| {
            let mut out = Vec::new();
            for (i, part) in it.text.split('|').enumerate() {
                let part = part.trim();
                if i > 0 {
                    if after_pipe {
                        out.push(Piece::Break);
                    }
                    after_pipe = true;
                }
                if !part.is_empty() {
                    out.push(Piece::Cell((part.to_string(), it.span)));
                    after_pipe = false;
                }
            }
            out
        })
}

fn cells_from(items: &[Item], at: usize) -> Option<Flat> {
    let stream: Vec<Piece> = pieces(&items[at..]).collect();
    let mut groups: Vec<Token> = Vec::new();
    // The header run: 序号, then short names, up to the block "1"; a
    // group row just before it (一、做大做强主导产业) is no column name.
    let mut names: Vec<String> = Vec::new();
    let mut i = 0;
    loop {
        let piece = stream.get(i)?;
        i += 1;
        match piece {
            Piece::Break => continue,
            Piece::Cell((t, _)) if t == "1" => break,
            Piece::Cell(tok) if is_group_row(&tok.0) => groups.push(tok.clone()),
            Piece::Cell((t, _)) => {
                let short = t.chars().count() <= MAX_NAME
                    && !t.contains(['。', '，', ',', '；', '：', ':']);
                if !short || names.len() >= MAX_COLUMNS {
                    return None;
                }
                names.push(t.clone());
            }
        }
    }
    let columns = table::header_columns(&names)?;
    let kinds: Vec<Option<FieldKind>> =
        (0..names.len()).map(|c| columns.get(&c).copied()).collect();
    let named = kinds
        .iter()
        .filter(|k| k.is_some_and(|k| k != FieldKind::Seq))
        .count();
    if kinds.first() != Some(&Some(FieldKind::Seq)) || named < 2 {
        return None;
    }
    let first_span = items.get(at).map(|it| it.span).unwrap_or_default();
    let mut rows: Vec<Vec<Token>> = vec![vec![("1".to_string(), first_span)]];
    let mut broken = false;
    // Every row but the last ends where the next opens; the last ends
    // where its cells stop fitting (see `align`), at a `||` followed by
    // no row number, or after as many cells as the widest row before.
    for (j, piece) in stream.iter().enumerate().skip(i) {
        let next = (rows.len() + 1).to_string();
        match piece {
            Piece::Break => broken = true,
            Piece::Cell((t, span)) if *t == next => {
                rows.push(vec![(t.clone(), *span)]);
                broken = false;
            }
            // A group row between two rows (二、…, then the next number):
            // never a cell of the row above.
            Piece::Cell(tok) if is_group_row(&tok.0) && opens_row(&stream[j + 1..], &next) => {
                groups.push(tok.clone());
            }
            Piece::Cell(_) if broken => break,
            Piece::Cell(tok) => {
                if let Some(r) = rows.last_mut() {
                    r.push(tok.clone());
                }
            }
        }
    }
    // The last row: no wider than the header or the widest row before it
    // (not counting the further paragraphs of its first text cell: 1)… /
    // 2)…), and only as far as its cells fit the columns. One short row
    // above must not cut the last row's own cells.
    let widest = rows[..rows.len() - 1]
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(names.len());
    if let Some(last) = rows.last_mut() {
        let first_cell = last
            .iter()
            .skip(2)
            .take_while(|t| sticky(kinds.get(1).copied().flatten(), look(&t.0)))
            .count();
        last.truncate(widest + first_cell);
        let fit = align(last, &kinds, false).fits;
        last.truncate(fit);
    }
    if rows.last().is_some_and(|r| r.len() < 2) {
        rows.pop();
    }
    Some(Flat {
        at,
        names,
        kinds,
        rows,
        groups,
    })
}

/// How a row's cells sit in the columns.
struct Aligned {
    /// The row's lines in the rebuilt table: the numbered one, then one
    /// per further task of the row (its number cell empty); each a list
    /// of the cells' pieces per column.
    rows: Vec<Vec<Vec<Token>>>,
    /// Cells that fit no column, left out.
    unplaced: Vec<Token>,
    /// Unit cells of a line with more unit cells than unit columns, left
    /// out: which role each holds would be a guess.
    undecided: Vec<Token>,
    /// The cells were placed by their look, not by position.
    by_look: bool,
    /// How many of the row's cells (its number included) fit in order.
    fits: usize,
}

/// What a cell looks like, for placing it when position cannot.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Look {
    Units,
    Deadline,
    Status,
    Text,
}

fn look(t: &str) -> Look {
    if looks_like_units(t) {
        Look::Units
    } else if looks_like_deadline(t) {
        Look::Deadline
    } else if t.chars().count() <= 30 && status_of(t).is_some_and(|s| s.value.is_some()) {
        Look::Status
    } else {
        Look::Text
    }
}

/// Whether a column takes a cell of this look: a people column only a
/// short text with no sentence in it (张三, 副区长李四), never a paragraph.
fn accepts(kind: Option<FieldKind>, l: Look, t: &str) -> bool {
    use FieldKind as K;
    match kind {
        Some(K::Seq) => false,
        Some(K::Units | K::LeadUnits | K::OtherUnits) => l == Look::Units,
        Some(K::Deadline) => l == Look::Deadline,
        Some(K::Status) => l != Look::Units,
        Some(K::Leaders | K::Responsible | K::Contacts) => l == Look::Text && person_like(t),
        _ => l == Look::Text,
    }
}

/// Short enough for names and titles, with no sentence end.
fn person_like(t: &str) -> bool {
    t.chars().count() <= 30 && !t.contains(['。', '；', ';'])
}

fn is_units_column(kind: Option<FieldKind>) -> bool {
    matches!(
        kind,
        Some(FieldKind::Units | FieldKind::LeadUnits | FieldKind::OtherUnits)
    )
}

/// Whether a further cell of this look continues the column's cell (a
/// cell split over paragraphs: 县水务局 / 县住建局, 1)… / 2)…).
fn sticky(kind: Option<FieldKind>, l: Look) -> bool {
    use FieldKind as K;
    match kind {
        Some(K::Units | K::LeadUnits | K::OtherUnits) => l == Look::Units,
        Some(K::Problem | K::Target | K::Measures) | None => l == Look::Text,
        Some(K::Status) => l != Look::Units,
        _ => false,
    }
}

/// Put a row's cells (its number first) into the columns: by position
/// when the counts agree and no cell contradicts its column (a unit list
/// under the deadline), else by look. A text cell after the last column
/// it could fill opens a further line of the row when `more_lines` (two
/// tasks in one numbered row); otherwise it ends what fits.
fn align(row: &[Token], kinds: &[Option<FieldKind>], more_lines: bool) -> Aligned {
    use FieldKind as K;
    let width = kinds.len();
    let contradicts = |t: &str, k: &Option<FieldKind>| match k {
        // A unit no suffix tells is still a unit; a date or a status is not.
        Some(K::Units | K::LeadUnits | K::OtherUnits) => {
            matches!(look(t), Look::Deadline | Look::Status)
        }
        Some(K::Deadline) => look(t) == Look::Units,
        Some(K::Leaders | K::Responsible | K::Contacts) => {
            !person_like(t) || look(t) == Look::Units
        }
        _ => false,
    };
    if row.len() == width && !row.iter().zip(kinds).any(|(t, k)| contradicts(&t.0, k)) {
        return Aligned {
            rows: vec![row.iter().map(|t| vec![t.clone()]).collect()],
            unplaced: Vec::new(),
            undecided: Vec::new(),
            by_look: false,
            fits: row.len(),
        };
    }
    let mut lines: Vec<Vec<Vec<Token>>> = vec![vec![Vec::new(); width]];
    let mut unplaced = Vec::new();
    let mut fits = 0;
    // The column of the last cell placed.
    let mut cur = 0;
    // With several unit columns (牵头单位 | 配合单位), consecutive unit
    // cells go to consecutive unit columns in header order; more unit
    // cells than columns leave the row's units undecided (which cell
    // holds which role would be a guess).
    let unit_columns = kinds.iter().filter(|k| is_units_column(**k)).count();
    let mut units_overflow = vec![false];
    for (i, tok) in row.iter().enumerate() {
        let Some(line) = lines.last_mut() else { break };
        if i == 0 {
            // The row number (or, in run-together text, its first cell).
            if let Some(c) = line.first_mut() {
                c.push(tok.clone());
            }
            fits = 1;
            continue;
        }
        if i == 1 && width > 1 {
            // The first cell after the number is the first column's.
            line[1].push(tok.clone());
            cur = 1;
            fits = 2;
            continue;
        }
        let l = look(&tok.0);
        let cur_kind = kinds.get(cur).copied().flatten();
        let next_unit = (cur + 1..width).find(|&j| accepts(kinds[j], l, &tok.0));
        if unit_columns > 1 && l == Look::Units && is_units_column(cur_kind) {
            match next_unit {
                Some(j) => {
                    line[j].push(tok.clone());
                    cur = j;
                }
                None => {
                    line[cur].push(tok.clone());
                    if let Some(o) = units_overflow.last_mut() {
                        *o = true;
                    }
                }
            }
        } else if sticky(cur_kind, l) {
            line[cur].push(tok.clone());
        } else if let Some(j) = next_unit {
            line[j].push(tok.clone());
            cur = j;
        } else if more_lines && width > 1 && accepts(kinds[1], l, &tok.0) {
            let mut next = vec![Vec::new(); width];
            next[1].push(tok.clone());
            lines.push(next);
            units_overflow.push(false);
            cur = 1;
        } else if more_lines {
            unplaced.push(tok.clone());
            continue;
        } else {
            break;
        }
        if unplaced.is_empty() {
            fits = i + 1;
        }
    }
    let mut undecided = Vec::new();
    for (line, _) in lines
        .iter_mut()
        .zip(&units_overflow)
        .filter(|(_, over)| **over)
    {
        for (c, cell) in line.iter_mut().enumerate() {
            if is_units_column(kinds.get(c).copied().flatten()) {
                undecided.append(cell);
            }
        }
    }
    Aligned {
        rows: lines,
        unplaced,
        undecided,
        by_look: true,
        fits,
    }
}

/// A unit list: every item (split at 、，；and spaces, brackets dropped)
/// ends as a body does (局, 委, 办, 政府, 中心 …) or is a collective (各…).
fn looks_like_units(t: &str) -> bool {
    const ENDS: &[&str] = &[
        "局", "委", "办", "府", "中心", "院", "厅", "馆", "队", "所", "站", "社", "会", "部", "处",
        "室", "组", "联", "司", "行", "镇", "乡", "街道", "部门", "单位", "集团",
    ];
    if t.chars().count() > 150 || t.contains(['。', '：', ':']) {
        return false;
    }
    // Without bracketed notes: 各县(区)政府, 市委办（牵头）.
    let mut plain = String::with_capacity(t.len());
    let mut depth = 0u32;
    for c in t.chars() {
        match c {
            '（' | '(' | '〔' => depth += 1,
            '）' | ')' | '〕' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let mut parts = plain
        .split(|c: char| matches!(c, '、' | '，' | ',' | '；' | ';') || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .peekable();
    parts.peek().is_some()
        && parts.all(|p| {
            p.chars().count() <= 20
                && !p.chars().any(|c| c.is_ascii_digit())
                && (ENDS.iter().any(|e| p.ends_with(e)) || p.starts_with('各'))
        })
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
    let n = t.chars().count();
    n <= 40
        && (WORDS.iter().any(|w| t.contains(w))
            || (t.contains('年') && t.chars().take(4).all(|c| c.is_ascii_digit()))
            // 9月投入使用, 5月底前动工: short, opened by a date.
            || (n <= 20
                && crate::normalize::date::parse_terms(
                    t,
                    &crate::normalize::date::DateContext::year(None),
                    &mut Vec::new(),
                )
                .first()
                .is_some_and(|term| t.starts_with(term.text.as_str()))))
}

/// Pieces of one cell as one text: `；` between two pieces unless the
/// first already ends in punctuation, so 完成率达215% and 2)大专… never
/// run together.
fn join_pieces(texts: &[String]) -> String {
    let mut out = String::new();
    for t in texts.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        let open = out.chars().next_back().is_some_and(|c| {
            !matches!(
                c,
                '。' | '；' | ';' | '，' | ',' | '、' | '：' | ':' | '！' | '!' | '？' | '?'
            )
        });
        if open {
            out.push('；');
        }
        out.push_str(t);
    }
    out
}

/// A rebuilt cell: its pieces as paragraphs, or joined by `sep` into one
/// (a unit list split over paragraphs: 县水务局 / 县住建局).
fn cell(texts: &[String], sep: &str, span: Span) -> Cell {
    let block = |text: String| {
        Block::new(
            BlockKind::Paragraph,
            vec![Run {
                text,
                bold: false,
                struck: false,
            }],
            span,
        )
    };
    let blocks = if sep.is_empty() {
        texts.iter().map(|t| block(t.clone())).collect()
    } else if texts.is_empty() {
        Vec::new()
    } else {
        vec![block(texts.join(sep))]
    };
    Cell {
        blocks,
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
/// A group row standing alone between two rows (二、… 3 …) is left out
/// and returned apart.
fn rows(tokens: Vec<Token>, columns: &[(String, FieldKind)]) -> (Vec<Vec<Token>>, Vec<Token>) {
    let mut rows: Vec<Vec<Token>> = Vec::new();
    let mut groups: Vec<Token> = Vec::new();
    let mut expect = 1u32;
    let mut tokens = tokens.into_iter().peekable();
    while let Some((tok, span)) = tokens.next() {
        let n = expect.to_string();
        if tok == n {
            rows.push(vec![(tok, span)]);
            expect += 1;
            continue;
        }
        if is_group_row(&tok)
            && tokens.peek().is_some_and(|(t, _)| {
                t.strip_prefix(n.as_str())
                    .is_some_and(|a| !a.starts_with(|c: char| c.is_ascii_digit()))
            })
        {
            groups.push((tok, span));
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
    (rows, groups)
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
        let (r, _) = rows(toks, &cols);
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[0].iter().map(|t| t.0.as_str()).collect::<Vec<_>>(),
            ["1", "甲问题。", "2018年底。"]
        );
        assert_eq!(r[1][2].0, "立行立改");
    }

    fn toks(ts: &[&str]) -> Vec<Token> {
        ts.iter()
            .map(|t| (t.to_string(), Span::default()))
            .collect()
    }

    fn kinds() -> Vec<Option<FieldKind>> {
        vec![
            Some(FieldKind::Seq),
            Some(FieldKind::Problem),
            Some(FieldKind::Units),
            Some(FieldKind::Deadline),
        ]
    }

    fn texts(a: &Aligned) -> Vec<Vec<String>> {
        a.rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| c.iter().map(|t| t.0.as_str()).collect::<Vec<_>>().join("+"))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn cells_are_read_by_their_look() {
        assert_eq!(look("县水务局"), Look::Units);
        assert_eq!(look("市住建局,各县(区)政府、市直园区管委会"), Look::Units);
        assert_eq!(look("市委办（牵头）、市政府办"), Look::Units);
        assert_eq!(look("9月投入使用"), Look::Deadline);
        assert_eq!(look("5月底前动工"), Look::Deadline);
        assert_eq!(look("基本完成。"), Look::Status);
        assert_eq!(look("新建2座人行天桥。"), Look::Text);
        assert_eq!(look("完成大专及以上学历提升902人。"), Look::Text);
    }

    #[test]
    fn a_short_row_leaves_the_merged_cell_empty() {
        // The unit cell merged with the row above: the date stays a date.
        let a = align(&toks(&["2", "乙任务。", "12月底前"]), &kinds(), true);
        assert!(a.by_look);
        assert_eq!(texts(&a), [["2", "乙任务。", "", "12月底前"]]);
        // A unit with no date: the deadline stays empty, not the unit.
        let a = align(&toks(&["3", "丙任务。", "县民政局"]), &kinds(), true);
        assert_eq!(texts(&a), [["3", "丙任务。", "县民政局", ""]]);
    }

    #[test]
    fn a_long_row_joins_split_cells_and_opens_a_second_task() {
        let a = align(
            &toks(&[
                "1",
                "甲任务。",
                "县水务局",
                "县住建局",
                "5月底前",
                "丁任务。",
                "12月底前",
            ]),
            &kinds(),
            true,
        );
        assert_eq!(
            texts(&a),
            [
                ["1", "甲任务。", "县水务局+县住建局", "5月底前"],
                ["", "丁任务。", "", "12月底前"]
            ]
        );
        // As the last row, a text after the last column ends the table.
        let a = align(
            &toks(&["1", "甲任务。", "县水务局", "5月底前", "分享到："]),
            &kinds(),
            false,
        );
        assert_eq!(a.fits, 4);
    }

    #[test]
    fn a_full_row_contradicting_its_columns_is_read_by_look() {
        // Four cells for four columns, but the unit is missing and a
        // status stands in its place.
        let k = vec![
            Some(FieldKind::Seq),
            Some(FieldKind::Problem),
            Some(FieldKind::LeadUnits),
            Some(FieldKind::Status),
        ];
        let a = align(
            &toks(&["2", "乙任务。", "提前完成年度任务。", "已建成3所。"]),
            &k,
            true,
        );
        assert_eq!(
            texts(&a),
            [["2", "乙任务。", "", "提前完成年度任务。+已建成3所。"]]
        );
    }

    fn paragraphs(texts: &[&str]) -> Vec<Item<'static>> {
        texts
            .iter()
            .map(|t| Item {
                text: t.to_string().into(),
                kind: BlockKind::Paragraph,
                span: Span::default(),
                table: None,
                bold_start: false,
            })
            .collect()
    }

    fn lead_assist_kinds() -> Vec<Option<FieldKind>> {
        vec![
            Some(FieldKind::Seq),
            Some(FieldKind::Problem),
            Some(FieldKind::LeadUnits),
            Some(FieldKind::OtherUnits),
            Some(FieldKind::Leaders),
        ]
    }

    #[test]
    fn group_rows_are_told_from_cells() {
        assert!(is_group_row("一、做大做强主导产业"));
        assert!(is_group_row("（二）持续改善民生福祉"));
        assert!(is_group_row("十二、其他"));
        assert!(!is_group_row("一、"));
        assert!(!is_group_row("加快构建现代化产业体系。"));
        assert!(!is_group_row("一、完成老旧小区改造。二、新建停车场。"));
        assert!(!is_group_row("县民政局"));
    }

    #[test]
    fn a_group_row_is_no_column_and_no_cell() {
        let items = paragraphs(&[
            "序号",
            "工作任务",
            "牵头单位",
            "配合单位",
            "责任领导",
            "一、甲类任务",
            "1",
            "甲任务。",
            "县民政局",
            "县财政局",
            "张三",
            "二、乙类任务",
            "2",
            "乙任务。",
            "县教育局",
            "县财政局",
            "李四",
        ]);
        let flat = one_cell_per_block(&items).unwrap();
        assert_eq!(flat.names.len(), 5);
        assert_eq!(flat.rows.len(), 2);
        assert_eq!(flat.rows[0].len(), 5);
        assert_eq!(
            flat.groups.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
            ["一、甲类任务", "二、乙类任务"]
        );
    }

    #[test]
    fn one_short_row_does_not_cut_the_last_row() {
        // Row 1 lacks its leader; the last row keeps all five cells.
        let items = paragraphs(&[
            "序号",
            "工作任务",
            "牵头单位",
            "配合单位",
            "责任领导",
            "1",
            "甲任务。",
            "县民政局",
            "县财政局",
            "2",
            "乙任务。",
            "县教育局",
            "县财政局",
            "李四",
        ]);
        let flat = one_cell_per_block(&items).unwrap();
        assert_eq!(flat.rows[1].len(), 5);
        assert_eq!(flat.rows[1][4].0, "李四");
    }

    #[test]
    fn unit_cells_by_look_go_to_consecutive_unit_columns() {
        // Read by look (the leader is missing): the 配合单位 cell is not
        // merged into the 牵头单位 one.
        let a = align(
            &toks(&["1", "甲任务。", "县民政局", "县财政局、县人社局"]),
            &lead_assist_kinds(),
            true,
        );
        assert!(a.by_look);
        assert_eq!(
            texts(&a),
            [["1", "甲任务。", "县民政局", "县财政局、县人社局", ""]]
        );
        // One unit cell: the lead's; 配合单位 stays empty.
        let a = align(
            &toks(&["2", "乙任务。", "县教育局", "王五"]),
            &lead_assist_kinds(),
            true,
        );
        assert_eq!(texts(&a), [["2", "乙任务。", "县教育局", "", "王五"]]);
        // More unit cells than unit columns: which is the lead is a
        // guess, so no unit is placed.
        let a = align(
            &toks(&["3", "丙任务。", "县教育局", "县财政局", "县民政局"]),
            &lead_assist_kinds(),
            true,
        );
        assert_eq!(texts(&a), [["3", "丙任务。", "", "", ""]]);
        assert_eq!(a.undecided.len(), 3);
    }

    #[test]
    fn a_sentence_is_no_leader() {
        let a = align(
            &toks(&[
                "1",
                "甲任务。",
                "县民政局",
                "县财政局",
                "请各单位于每月底前报送进展情况。",
            ]),
            &lead_assist_kinds(),
            false,
        );
        assert!(a.by_look);
        assert_eq!(a.fits, 4);
    }

    #[test]
    fn pieces_of_one_field_are_never_glued() {
        let t = |v: &[&str]| join_pieces(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(t(&["完成率达95%", "2)另2个"]), "完成率达95%；2)另2个");
        assert_eq!(t(&["已完成。", "全部完工。"]), "已完成。全部完工。");
        assert_eq!(t(&["张三"]), "张三");
    }
}
