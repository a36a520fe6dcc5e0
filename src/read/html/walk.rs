//! Turning the article's elements into blocks: block elements open
//! blocks, inline elements carry bold/struck formatting, `<br>` splits
//! lines, tables become rectangular grids.

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{Html, Node};

use super::content::{BLOCK_TAGS, Content};
use super::sink::Lines;
use crate::diag::Diagnostic;
use crate::model::Span;
use crate::read::lines::{continues, merge_lines, normalize_runs};
use crate::read::numfmt::format_number;
use crate::read::{Block, BlockKind, Cell, Run, Table, join_unmarked_page_breaks};

type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

/// Deeper than this, an element's text is taken flat: recursion must
/// not follow a hostile page's nesting.
const MAX_DEPTH: usize = 128;
const MAX_SPAN: usize = 64;
const MAX_COLUMNS: usize = 256;
const MAX_ROWSPAN: usize = 1000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Fmt {
    bold: bool,
    struck: bool,
}

enum Piece {
    Text(String, Fmt),
    /// A `<br>` on this source line.
    Break(u32),
    /// An element opened on this source line (for span ends).
    Mark(u32),
}

/// Inline content collected for the block being built.
struct Inline {
    pieces: Vec<Piece>,
    line: u32,
    kind: BlockKind,
    /// An `<ol>` number, put before the text when there is text.
    label: Option<String>,
}

/// What an empty block hands on to the block nested in it: `<li><p>…`
/// is one list item, `<h2><div>…` one heading.
type Carry = (BlockKind, Option<String>);

impl Inline {
    fn new(line: u32) -> Inline {
        Inline::of(line, BlockKind::Paragraph)
    }

    fn of(line: u32, kind: BlockKind) -> Inline {
        Inline {
            pieces: Vec::new(),
            line,
            kind,
            label: None,
        }
    }
}

pub struct Walker<'a> {
    lines: &'a Lines,
    line_starts: &'a [usize],
    skipped: HashSet<NodeId>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Walker<'a> {
    pub fn new(lines: &'a Lines, line_starts: &'a [usize]) -> Walker<'a> {
        Walker {
            lines,
            line_starts,
            skipped: HashSet::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Blocks of the article: the title found above it, then its content.
    pub fn root(&mut self, html: &Html, content: Content) -> Vec<Block> {
        self.skipped = content.skipped;
        let mut out = Vec::new();
        if let Some(t) = content.title.and_then(|id| html.tree.get(id)) {
            self.element(
                t,
                Fmt::default(),
                0,
                &mut out,
                &mut Inline::new(self.line(t)),
            );
        }
        if let Some(r) = html.tree.get(content.root) {
            out.extend(self.container(r, 0));
        }
        out
    }

    fn line(&self, n: NodeRef) -> u32 {
        self.lines.get(&n.id()).copied().unwrap_or(1)
    }

    /// The blocks inside `n` (a cell, the article root).
    fn container(&mut self, n: NodeRef, depth: usize) -> Vec<Block> {
        let mut out = Vec::new();
        let mut buf = Inline::new(self.line(n));
        self.children(n, Fmt::default(), depth, &mut out, &mut buf);
        self.flush(buf, &mut out);
        out
    }

    fn children(
        &mut self,
        n: NodeRef,
        fmt: Fmt,
        depth: usize,
        out: &mut Vec<Block>,
        buf: &mut Inline,
    ) {
        if depth > MAX_DEPTH {
            // Flat text, iteratively, for absurdly deep markup.
            let text: String = n
                .descendants()
                .filter_map(|d| d.value().as_text().map(|t| t.text.to_string()))
                .collect();
            buf.pieces.push(Piece::Text(text, fmt));
            return;
        }
        for c in n.children() {
            if self.skipped.contains(&c.id()) {
                continue;
            }
            match c.value() {
                Node::Text(t) => buf.pieces.push(Piece::Text(t.text.to_string(), fmt)),
                Node::Element(_) => self.element(c, fmt, depth + 1, out, buf),
                _ => {}
            }
        }
    }

    fn element(
        &mut self,
        c: NodeRef,
        fmt: Fmt,
        depth: usize,
        out: &mut Vec<Block>,
        buf: &mut Inline,
    ) {
        let Some(el) = c.value().as_element() else {
            return;
        };
        let line = self.line(c);
        let name = el.name();
        match name {
            "br" => buf.pieces.push(Piece::Break(line)),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse().unwrap_or(1);
                self.flush_take(buf, line, out);
                let mut h = Inline::of(line, BlockKind::Heading(level));
                self.children(c, fmt, depth, out, &mut h);
                self.flush(h, out);
            }
            "li" => {
                self.flush_take(buf, line, out);
                let mut item = Inline::of(line, BlockKind::ListItem);
                item.label = ordered_label(c);
                self.children(c, fmt, depth, out, &mut item);
                self.flush(item, out);
            }
            "table" => {
                self.flush_take(buf, line, out);
                self.table(c, depth, out);
            }
            "hr" => {
                self.flush_take(buf, line, out);
            }
            "img" | "input" | "select" | "button" | "textarea" => {}
            _ if BLOCK_TAGS.contains(&name) || is_other_block(name) => {
                let carry = self.flush_take(buf, line, out);
                let mut inner = Inline::new(line);
                if let Some((kind, label)) = carry {
                    inner.kind = kind;
                    inner.label = label;
                }
                self.children(c, fmt, depth, out, &mut inner);
                self.flush(inner, out);
            }
            _ => {
                buf.pieces.push(Piece::Mark(line));
                let f = inline_fmt(c, fmt);
                self.children(c, f, depth, out, buf);
            }
        }
    }

    /// Flush what was collected so far and start a new paragraph buffer.
    fn flush_take(&mut self, buf: &mut Inline, line: u32, out: &mut Vec<Block>) -> Option<Carry> {
        let done = std::mem::replace(buf, Inline::new(line));
        self.flush(done, out)
    }

    /// Turn collected inline content into blocks: one per line (lines
    /// split at `<br>` that are separate paragraphs), headings whole.
    /// An empty list item or heading returns its kind and label instead.
    fn flush(&mut self, buf: Inline, out: &mut Vec<Block>) -> Option<Carry> {
        let kind = buf.kind;
        let mut lines: Vec<(Vec<Run>, Span)> = Vec::new();
        let mut runs: Vec<Run> = Vec::new();
        let mut first = buf.line;
        let mut last = buf.line;
        for p in buf.pieces {
            match p {
                Piece::Text(t, f) => runs.push(Run {
                    text: t,
                    bold: f.bold,
                    struck: f.struck,
                }),
                Piece::Mark(l) => last = last.max(l),
                Piece::Break(l) => {
                    lines.push((std::mem::take(&mut runs), self.span(first, last)));
                    first = l;
                    last = l;
                }
            }
        }
        lines.push((runs, self.span(first, last)));
        let lines: Vec<(Vec<Run>, Span)> = lines
            .into_iter()
            .map(|(r, s)| (normalize_runs(r), s))
            .filter(|(r, _)| !r.is_empty())
            .collect();
        if lines.is_empty() {
            return (kind != BlockKind::Paragraph || buf.label.is_some())
                .then_some((kind, buf.label));
        }
        let mut lines = match kind {
            BlockKind::Heading(_) => merge_lines(lines, |_, _| true),
            _ => merge_lines(lines, continues),
        };
        if let (Some(label), Some((first_runs, _))) = (buf.label, lines.first_mut()) {
            first_runs.insert(
                0,
                Run {
                    text: label,
                    bold: false,
                    struck: false,
                },
            );
        }
        for (i, (r, s)) in lines.into_iter().enumerate() {
            let k = if i > 0 && kind == BlockKind::ListItem {
                BlockKind::Paragraph
            } else {
                kind
            };
            out.push(Block::new(k, r, s));
        }
        None
    }

    /// A span from the start of source line `first` to the end of `last`.
    fn span(&self, first: u32, last: u32) -> Span {
        let idx = |l: u32| usize::try_from(l.saturating_sub(1)).unwrap_or(usize::MAX);
        let start = self.line_starts.get(idx(first)).copied().unwrap_or(0);
        let end = self
            .line_starts
            .get(idx(last) + 1)
            .map(|e| e.saturating_sub(1))
            .or_else(|| self.line_starts.last().copied())
            .unwrap_or(start)
            .max(start);
        Span {
            line: first,
            page: None,
            start,
            end,
        }
    }

    fn table(&mut self, t: NodeRef, depth: usize, out: &mut Vec<Block>) {
        let line = self.line(t);
        let mut head_rows = 0usize;
        let mut all_th_leading = true;
        let mut leading_th = 0usize;
        let mut rows: Vec<NodeRef> = Vec::new();
        for c in t.children() {
            match tag(c) {
                Some("tr") => rows.push(c),
                Some(sect @ ("thead" | "tbody" | "tfoot")) => {
                    for r in c.children().filter(|r| tag(*r) == Some("tr")) {
                        if sect == "thead" {
                            head_rows += 1;
                        }
                        rows.push(r);
                    }
                }
                Some("caption") => {
                    let blocks = self.container(c, depth + 1);
                    out.extend(blocks);
                }
                _ => {}
            }
        }
        // Grid with rowspan/colspan expanded.
        let mut grid: Vec<Vec<Option<Cell>>> = vec![Vec::new(); rows.len()];
        let mut max_line = line;
        for (ri, r) in rows.iter().enumerate() {
            let mut col = 0usize;
            let mut row_all_th = true;
            let mut any_cell = false;
            for cell in r.children() {
                let Some(ctag @ ("td" | "th")) = tag(cell) else {
                    continue;
                };
                any_cell = true;
                row_all_th &= ctag == "th";
                max_line = max_line.max(self.line(cell));
                let cs = span_attr(cell, "colspan").clamp(1, MAX_SPAN);
                let rs = span_attr(cell, "rowspan")
                    .clamp(1, MAX_ROWSPAN)
                    .min(rows.len() - ri);
                while grid
                    .get(ri)
                    .and_then(|g| g.get(col))
                    .is_some_and(Option::is_some)
                {
                    col += 1;
                }
                let mut blocks = self.container(cell, depth + 1);
                join_unmarked_page_breaks(&mut blocks, &mut self.diagnostics);
                for dr in 0..rs {
                    for dc in 0..cs {
                        let (r2, c2) = (ri + dr, col + dc);
                        if c2 >= MAX_COLUMNS {
                            continue;
                        }
                        if let Some(g) = grid.get_mut(r2) {
                            if g.len() <= c2 {
                                g.resize(c2 + 1, None);
                            }
                            if let Some(slot) = g.get_mut(c2)
                                && slot.is_none()
                            {
                                *slot = Some(Cell {
                                    blocks: blocks.clone(),
                                    covered: dr > 0 || dc > 0,
                                });
                            }
                        }
                    }
                }
                col += cs;
            }
            if all_th_leading && any_cell && row_all_th {
                leading_th += 1;
            } else {
                all_th_leading = false;
            }
        }
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        let rows: Vec<Vec<Cell>> = grid
            .into_iter()
            .map(|r| {
                let mut v: Vec<Cell> = r.into_iter().map(Option::unwrap_or_default).collect();
                v.resize_with(width, Cell::default);
                v
            })
            .collect();
        if width == 1 {
            // A one-column table is layout, not data: its cells are text.
            for r in rows {
                for c in r.into_iter().filter(|c| !c.covered) {
                    out.extend(c.blocks);
                }
            }
            return;
        }
        let header_rows = if head_rows > 0 { head_rows } else { leading_th };
        let mut b = Block::new(BlockKind::Table, Vec::new(), self.span(line, max_line));
        b.table = Some(Table { rows, header_rows });
        out.push(b);
    }
}

fn tag<'n>(n: NodeRef<'n>) -> Option<&'n str> {
    n.value().as_element().map(|e| e.name())
}

fn is_other_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "figure"
            | "figcaption"
            | "body"
            | "html"
            | "form"
            | "fieldset"
            | "nav"
            | "aside"
            | "details"
            | "summary"
            | "dir"
            | "menu"
            | "hgroup"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
    )
}

fn span_attr(n: NodeRef, name: &str) -> usize {
    n.value()
        .as_element()
        .and_then(|e| e.attr(name))
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
}

/// Bold and struck formatting from tags and inline styles.
fn inline_fmt(n: NodeRef, mut f: Fmt) -> Fmt {
    let Some(el) = n.value().as_element() else {
        return f;
    };
    match el.name() {
        "strong" | "b" => f.bold = true,
        "del" | "s" | "strike" => f.struck = true,
        _ => {}
    }
    if let Some(style) = el.attr("style") {
        let s: String = style
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if s.contains("line-through") {
            f.struck = true;
        }
        if [
            "font-weight:bold",
            "font-weight:bolder",
            "font-weight:600",
            "font-weight:700",
        ]
        .iter()
        .any(|k| s.contains(k))
            || s.contains("font-weight:800")
            || s.contains("font-weight:900")
        {
            f.bold = true;
        }
    }
    f
}

/// The number a browser prints before an `<ol>` item (`start`, `type`).
fn ordered_label(li: NodeRef) -> Option<String> {
    let list = li.parent()?;
    let el = list.value().as_element()?;
    if el.name() != "ol" {
        return None;
    }
    let start: i64 = el
        .attr("start")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1);
    let index = li.prev_siblings().filter(|s| tag(*s) == Some("li")).count();
    let n = u32::try_from(start.saturating_add(index as i64).max(0)).unwrap_or(0);
    let fmt = match el.attr("type") {
        Some("a") => "lowerLetter",
        Some("A") => "upperLetter",
        Some("i") => "lowerRoman",
        Some("I") => "upperRoman",
        _ => "decimal",
    };
    Some(format!("{}.", format_number(n, fmt)))
}
