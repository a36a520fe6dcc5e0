//! Pages of lines and tables → blocks: page furniture (running page
//! numbers, repeated headers and footers) dropped, paragraphs rebuilt
//! across lines and page breaks, headings recognized, tables split over
//! pages joined, and every block given its source map.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::layout::{Grid, Line, ends_cjk, starts_cjk};
use crate::diag::Diagnostic;
use crate::model::Span;
use crate::read::{Block, BlockKind, Cell, Run, Table, join_page_breaks, normalize_inline};

/// One page's content after interpretation.
#[derive(Debug, Clone)]
pub struct PageItems {
    pub page: u32,
    pub height: f32,
    pub lines: Vec<Line>,
    pub grids: Vec<Grid>,
}

impl PageItems {
    pub fn new(page: u32, height: f32, mut lines: Vec<Line>, mut grids: Vec<Grid>) -> Self {
        for (i, l) in lines.iter_mut().enumerate() {
            l.no = i as u32 + 1;
        }
        // Lines inside table cells are numbered on from the body's, row by
        // row, so every span has a real line on its page.
        let mut no = lines.len() as u32;
        for g in &mut grids {
            for row in &mut g.cells {
                for cell in row {
                    for l in cell {
                        no += 1;
                        l.no = no;
                    }
                }
            }
        }
        PageItems {
            page,
            height,
            lines,
            grids,
        }
    }

    pub fn empty(page: u32) -> Self {
        PageItems::new(page, 842.0, Vec::new(), Vec::new())
    }
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            [-—–－―─~·•]*\d{1,4}[-—–－―─~·•]*
          | 第\d{1,4}页(?:[,，/]?共\d{1,4}页)?
          | \d{1,4}/\d{1,4}
          | page\d{1,4}(?:of\d{1,4})?
          | [-—–－―─]*[ivxlc]{1,6}[-—–－―─]*
        )$",
    )
    .expect("static regex")
});

/// Text of a line without spaces, digits replaced, to compare running
/// headers and footers across pages.
fn furniture_key(l: &Line) -> String {
    l.text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Is the line in the top or bottom margin band of its page?
fn in_margin(l: &Line, height: f32) -> bool {
    l.y > height * 0.91 || l.y < height * 0.09
}

/// Drop running page numbers and headers/footers repeated on many pages.
pub fn drop_furniture(pages: &mut [PageItems], diags: &mut Vec<Diagnostic>) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in pages.iter() {
        let mut seen = std::collections::HashSet::new();
        for l in p.lines.iter().filter(|l| in_margin(l, p.height)) {
            let k = furniture_key(l);
            if !k.is_empty() && seen.insert(k.clone()) {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    let text_pages = pages.iter().filter(|p| !p.lines.is_empty()).count();
    let repeat_min = (text_pages * 2 / 5).max(3);
    let mut dropped = 0usize;
    for p in pages.iter_mut() {
        let n = p.lines.len();
        let height = p.height;
        let mut idx = 0usize;
        p.lines.retain(|l| {
            let edge = idx < 2 || idx + 2 >= n;
            idx += 1;
            let key = furniture_key(l);
            let number = PAGE_NUMBER.is_match(&key.replace('#', "0"));
            let drop = (edge || in_margin(l, height))
                && ((number && (in_margin(l, height) || edge && l.glyphs.len() <= 12))
                    || (in_margin(l, height)
                        && counts.get(&key).is_some_and(|&c| c >= repeat_min)));
            if drop {
                dropped += 1;
            }
            !drop
        });
    }
    if dropped > 0 {
        diags.push(crate::diag!(PageFurnitureDropped; count = dropped));
    }
}

/// Page-wide measures the paragraph rules compare against.
#[derive(Debug, Clone, Copy)]
struct Frame {
    left: f32,
    right: f32,
    body: f32,
    pitch: f32,
}

fn median(mut v: Vec<f32>) -> Option<f32> {
    v.sort_by(f32::total_cmp);
    v.get(v.len() / 2).copied()
}

fn frame(lines: &[Line], body: f32, pitch: f32) -> Frame {
    let full: Vec<&Line> = lines.iter().filter(|l| l.glyphs.len() >= 4).collect();
    let use_lines: Vec<&Line> = if full.is_empty() {
        lines.iter().collect()
    } else {
        full
    };
    let left = use_lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let right = use_lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
    Frame {
        left,
        right,
        body,
        pitch,
    }
}

impl Frame {
    fn centered(&self, l: &Line) -> bool {
        let s = l.size;
        let mid = (l.x0 + l.x1) / 2.0;
        l.x0 - self.left > 2.5 * s
            && self.right - l.x1 > 2.5 * s
            && (mid - (self.left + self.right) / 2.0).abs() < 1.0 * s
    }
    fn indented(&self, l: &Line) -> bool {
        l.x0 - self.left > 1.2 * l.size.min(self.body.max(1.0) * 1.5)
    }
    fn short(&self, l: &Line) -> bool {
        self.right - l.x1 > 1.5 * l.size
    }
    fn large(&self, l: &Line) -> bool {
        l.size > self.body * 1.15
    }
}

/// A paragraph being built.
struct Para {
    lines: Vec<Line>,
    page: u32,
    centered: bool,
}

enum Item {
    Para(Para),
    Table(Vec<(u32, Grid)>),
}

/// Build the document's blocks from its pages.
pub fn blocks(pages: Vec<PageItems>, diags: &mut Vec<Diagnostic>) -> Vec<Block> {
    let all: Vec<&Line> = pages.iter().flat_map(|p| p.lines.iter()).collect();
    let body = median(all.iter().map(|l| l.size).collect()).unwrap_or(12.0);
    let mut gaps = Vec::new();
    for p in &pages {
        for w in p.lines.windows(2) {
            let d = w[0].y - w[1].y;
            if d > 0.0 && d < body * 4.0 {
                gaps.push(d);
            }
        }
    }
    let pitch = median(gaps).unwrap_or(body * 1.5);
    let style = Body {
        size: body,
        face: body_face(&pages),
    };
    let mut items: Vec<Item> = Vec::new();
    // The last line of the flow and its frame, for joins across pages.
    let mut prev: Option<(Line, Frame)> = None;
    for p in pages {
        let fr = frame(&p.lines, body, pitch);
        let mut grids = p.grids.into_iter().peekable();
        for l in p.lines {
            while grids.peek().is_some_and(|g| g.top() > l.y) {
                if let Some(g) = grids.next() {
                    push_grid(&mut items, p.page, g);
                    prev = None;
                }
            }
            let centered = fr.centered(&l);
            let cont = match (&prev, items.last_mut()) {
                (Some((pl, pf)), Some(Item::Para(para))) => {
                    let same_page =
                        para.page == p.page || para.lines.last().is_some_and(|x| x.no == pl.no);
                    continues(
                        pl,
                        pf,
                        &l,
                        &fr,
                        para.centered,
                        centered,
                        same_page && para.page == p.page,
                    )
                }
                _ => false,
            };
            if cont {
                if let Some(Item::Para(para)) = items.last_mut() {
                    if para.page != p.page && para.lines.last().is_some_and(|x| x.no != 0) {
                        let joined_at = para.lines.last().map(|x| x.text()).unwrap_or_default();
                        diags.push(
                            crate::diag!(
                                PageBreakJoined / "after-page";
                                page = para.page,
                                tail = crate::read::tail_chars(&joined_at, 8),
                                head = crate::read::head_chars(&l.text(), 8)
                            )
                            .at(Some(Span {
                                line: l.no,
                                page: Some(p.page),
                                start: 0,
                                end: 0,
                            })),
                        );
                    }
                    para.centered &= centered;
                    prev = Some((l.clone(), fr));
                    para.lines.push(l);
                }
            } else {
                prev = Some((l.clone(), fr));
                items.push(Item::Para(Para {
                    lines: vec![l],
                    page: p.page,
                    centered,
                }));
            }
        }
        for g in grids {
            push_grid(&mut items, p.page, g);
            prev = None;
        }
    }
    let heading_sizes = heading_levels(&items, style);
    let mut out = Vec::new();
    let mut offset = 0usize;
    for item in items {
        match item {
            Item::Para(p) => {
                if let Some(b) = para_block(&p, style, &heading_sizes, &mut offset) {
                    out.push(b);
                }
            }
            Item::Table(parts) => {
                if let Some(b) = table_block(parts, &mut offset, diags) {
                    out.push(b);
                }
            }
        }
    }
    out
}

/// Does line `l` continue the paragraph whose last line is `p`?
fn continues(
    p: &Line,
    pf: &Frame,
    l: &Line,
    fr: &Frame,
    para_centered: bool,
    centered: bool,
    same_page: bool,
) -> bool {
    if (p.size - l.size).abs() > 0.15 * p.size.max(l.size) {
        return false;
    }
    if same_page && (p.y - l.y) > 1.7 * fr.pitch.max(p.size) {
        return false;
    }
    if same_page && l.y > p.y {
        return false;
    }
    let large = fr.large(l) && pf.large(p);
    let same_style = p.all_bold() == l.all_bold();
    if large && same_style {
        // A title set large runs on over full lines and centered ones.
        return !pf.short(p) || (para_centered && centered);
    }
    if para_centered || centered {
        return para_centered && centered && same_style;
    }
    !fr.indented(l) && !pf.short(p)
}

fn push_grid(items: &mut Vec<Item>, page: u32, g: Grid) {
    if let Some(Item::Table(parts)) = items.last_mut()
        && let Some((last_page, last)) = parts.last()
        && *last_page + 1 == page
        && same_columns(last, &g)
    {
        parts.push((page, g));
        return;
    }
    items.push(Item::Table(vec![(page, g)]));
}

fn same_columns(a: &Grid, b: &Grid) -> bool {
    a.xs.len() == b.xs.len() && a.xs.iter().zip(&b.xs).all(|(x, y)| (x - y).abs() < 4.0)
}

/// Font sizes of heading-like paragraphs, largest first: their rank is
/// the heading level.
fn heading_levels(items: &[Item], body: Body) -> Vec<f32> {
    let mut sizes: Vec<f32> = items
        .iter()
        .filter_map(|i| match i {
            Item::Para(p) if is_heading(p, body) => {
                p.lines.first().map(|l| (l.size * 2.0).round() / 2.0)
            }
            _ => None,
        })
        .collect();
    sizes.sort_by(|a, b| b.total_cmp(a));
    sizes.dedup();
    sizes
}

/// What body text looks like: its size and its face.
#[derive(Debug, Clone, Copy)]
struct Body {
    size: f32,
    face: Option<u32>,
}

/// A heading: a short paragraph, not a sentence nor a label (`整改措施：`),
/// that is centered, bold, larger than body text, or one line set in
/// another face (a 黑体 or 楷体 heading over 宋体/仿宋 body text).
fn is_heading(p: &Para, body: Body) -> bool {
    let text: String = p.lines.iter().map(Line::text).collect();
    let n = text.chars().filter(|c| !c.is_whitespace()).count();
    if n == 0 || n > 80 || p.lines.len() > 3 {
        return false;
    }
    let t = text.trim_end();
    if t.ends_with(['。', '；', ';', '，', ',', '：', ':']) {
        return false;
    }
    let bold = p.lines.iter().all(Line::all_bold);
    let large = p.lines.iter().all(|l| l.size > body.size * 1.15);
    let other_face = p.lines.len() == 1
        && n <= 30
        && body.face.is_some_and(|f| {
            p.lines
                .iter()
                .flat_map(|l| l.glyphs.iter())
                .filter(|g| !g.space)
                .all(|g| g.font != f)
        });
    p.centered || bold || large || other_face
}

/// The face most glyphs are set in.
fn body_face(pages: &[PageItems]) -> Option<u32> {
    let mut count: HashMap<u32, usize> = HashMap::new();
    for g in pages
        .iter()
        .flat_map(|p| p.lines.iter())
        .flat_map(|l| l.glyphs.iter())
    {
        *count.entry(g.font).or_default() += 1;
    }
    count
        .into_iter()
        .max_by_key(|&(f, n)| (n, f))
        .map(|(f, _)| f)
}

/// Lines → runs: pieces of each line, a space between two lines only
/// where both sides are Latin.
fn runs_of(lines: &[Line]) -> Vec<Run> {
    let mut pieces: Vec<(String, bool, bool)> = Vec::new();
    for l in lines {
        let ps = l.pieces();
        if let (Some(last), Some(first)) = (pieces.last(), ps.first())
            && !ends_cjk(&last.0)
            && !starts_cjk(&first.0)
            && !last.0.ends_with('-')
        {
            pieces.push((" ".into(), last.1 && first.1, last.2 && first.2));
        }
        pieces.extend(ps);
    }
    let mut runs: Vec<Run> = Vec::new();
    for (text, bold, struck) in pieces {
        match runs.last_mut() {
            Some(r) if r.bold == bold && r.struck == struck => r.text.push_str(&text),
            _ => runs.push(Run { text, bold, struck }),
        }
    }
    for r in &mut runs {
        r.text = normalize_inline(&r.text);
    }
    runs.retain(|r| !r.text.is_empty());
    runs
}

/// The span of a block whose text is `text`, advancing the rendering
/// offset (blocks are rendered one per line).
fn span_for(page: u32, line: u32, text_len: usize, offset: &mut usize) -> Span {
    let start = *offset;
    *offset += text_len + 1;
    Span {
        line,
        page: Some(page),
        start,
        end: start + text_len,
    }
}

fn para_block(p: &Para, body: Body, levels: &[f32], offset: &mut usize) -> Option<Block> {
    let runs = runs_of(&p.lines);
    if runs.is_empty() {
        return None;
    }
    let first = p.lines.first()?;
    let kind = if is_heading(p, body) {
        let size = (first.size * 2.0).round() / 2.0;
        let level = levels.iter().position(|s| *s == size).unwrap_or(0) + 1;
        BlockKind::Heading(level.min(6) as u8)
    } else {
        BlockKind::Paragraph
    };
    let len: usize = runs.iter().map(|r| r.text.len()).sum();
    Some(Block::new(
        kind,
        runs,
        span_for(p.page, first.no, len, offset),
    ))
}

static LIST_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\d{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)")
        .expect("static regex")
});

fn ends_clause(s: &str) -> bool {
    s.trim_end()
        .ends_with(['。', '；', ';', '！', '？', '：', ':', '!', '?'])
}

/// A cell's lines → paragraphs: a line that stops short of the cell's
/// text edge ends a paragraph (by more than two ems, or by one em after
/// closing punctuation), and so does a line before a numbered item.
fn cell_paragraphs(lines: &[Line]) -> Vec<Vec<Line>> {
    let right = lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
    let left = lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let mut out: Vec<Vec<Line>> = Vec::new();
    for l in lines {
        let new = match out.last().and_then(|p| p.last()) {
            None => true,
            Some(p) => {
                let pt = p.text();
                let short = right - p.x1;
                short > 2.2 * p.size
                    || (short > 0.8 * p.size && ends_clause(&pt))
                    || (ends_clause(&pt) && LIST_START.is_match(&l.text()))
                    || l.x0 - left > 1.2 * l.size
                    || (p.y - l.y) > 2.2 * p.size
            }
        };
        if new {
            out.push(vec![l.clone()]);
        } else if let Some(last) = out.last_mut() {
            last.push(l.clone());
        }
    }
    out
}

fn cell_text(lines: &[Line]) -> String {
    normalize_inline(&lines.iter().map(Line::text).collect::<String>())
}

/// Join the parts of a table split over pages: a repeated header row is
/// dropped, a row whose first cell is empty continues the row before it.
fn table_block(
    parts: Vec<(u32, Grid)>,
    offset: &mut usize,
    diags: &mut Vec<Diagnostic>,
) -> Option<Block> {
    let first_page = parts.first().map(|(p, _)| *p)?;
    // Rows of (page, cells as lines).
    let mut rows: Vec<(u32, Vec<Vec<Line>>)> = Vec::new();
    let mut header: Option<Vec<String>> = None;
    let mut header_rows = 0;
    for (k, (page, grid)) in parts.into_iter().enumerate() {
        // The first row of a later part may continue the row before it.
        let mut first = k > 0;
        for (r, row) in grid.cells.into_iter().enumerate() {
            let texts: Vec<String> = row.iter().map(|c| cell_text(c)).collect();
            if texts.iter().all(String::is_empty) {
                continue;
            }
            if r == 0 && k == 0 {
                let bold = row.iter().flatten().all(Line::all_bold);
                header = Some(texts.clone());
                if bold {
                    header_rows = 1;
                }
            } else if r == 0 && header.as_ref() == Some(&texts) {
                header_rows = 1;
                continue;
            }
            let continuation = std::mem::take(&mut first)
                && texts.first().is_some_and(String::is_empty)
                && rows.len() > header_rows
                && rows
                    .last()
                    .is_some_and(|(_, cells)| cells.first().is_some_and(|c| !c.is_empty()));
            if continuation {
                if let Some((_, prev)) = rows.last_mut() {
                    for (c, lines) in row.into_iter().enumerate() {
                        if let Some(pc) = prev.get_mut(c) {
                            pc.extend(lines);
                        }
                    }
                }
                diags.push(crate::diag!(TableRowJoined; page = page));
                continue;
            }
            rows.push((page, row));
        }
    }
    let start = *offset;
    let mut table_rows: Vec<Vec<Cell>> = Vec::new();
    for (page, cells) in rows {
        let mut out_row = Vec::new();
        for lines in cells {
            let mut blocks: Vec<Block> = Vec::new();
            for para in split_by_page(&lines) {
                for p in cell_paragraphs(&para) {
                    let runs = runs_of(&p);
                    if runs.is_empty() {
                        continue;
                    }
                    let len: usize = runs.iter().map(|r| r.text.len()).sum();
                    let no = p.first().map(|l| l.no).unwrap_or(1);
                    blocks.push(Block::new(
                        BlockKind::Paragraph,
                        runs,
                        span_for(page, no, len, offset),
                    ));
                }
            }
            let mut cd = Vec::new();
            join_page_breaks(&mut blocks, &mut cd);
            diags.extend(cd);
            out_row.push(Cell {
                blocks,
                covered: false,
            });
        }
        table_rows.push(out_row);
    }
    if table_rows.is_empty() {
        return None;
    }
    let mut b = Block::new(
        BlockKind::Table,
        Vec::new(),
        Span {
            line: 1,
            page: Some(first_page),
            start,
            end: offset.saturating_sub(1).max(start),
        },
    );
    b.table = Some(Table {
        rows: table_rows,
        header_rows,
    });
    Some(b)
}

/// A cell's lines split where a page break falls (y jumps upwards).
fn split_by_page(lines: &[Line]) -> Vec<Vec<Line>> {
    let mut out: Vec<Vec<Line>> = Vec::new();
    for l in lines {
        match out.last_mut() {
            Some(cur) if cur.last().is_some_and(|p| p.y >= l.y) => cur.push(l.clone()),
            _ => out.push(vec![l.clone()]),
        }
    }
    out
}
