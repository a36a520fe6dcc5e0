//! The document body: paragraphs, runs and tables in document order.

use super::numbering::{Label, Numbering};
use super::styles::{self, RunProps, Styles};
use super::xml::Element;
use crate::diag::Diagnostic;
use crate::model::Span;
use crate::read::lines::{continues, merge_lines, normalize_runs};
use crate::read::{Block, BlockKind, Cell, Run, Table, join_unmarked_page_breaks};

/// A `w:gridSpan` wider than this is damage, not layout.
const MAX_SPAN: usize = 64;
/// Widest table grid we build; wider rows are cut.
const MAX_COLUMNS: usize = 256;

/// Inline containers whose children are read as if they were in the
/// paragraph: links, tracked insertions, content controls, fields.
const INLINE_WRAPPERS: [&str; 8] = [
    "w:hyperlink",
    "w:ins",
    "w:moveTo",
    "w:smartTag",
    "w:customXml",
    "w:fldSimple",
    "w:bdo",
    "w:dir",
];

/// Walks the body, numbering paragraphs and tracking the byte offsets of
/// the text rendering (paragraph texts joined by newlines).
pub struct Walker<'a> {
    styles: &'a Styles,
    numbering: Numbering,
    /// Paragraphs seen so far: the `line` of the next span is this + 1.
    paragraphs: u32,
    /// Length of the text rendering so far.
    offset: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// One piece of a paragraph's inline content.
enum Piece {
    Text(String, RunProps),
    /// A line, page or column break.
    Break,
}

impl<'a> Walker<'a> {
    pub fn new(styles: &'a Styles, numbering: Numbering) -> Walker<'a> {
        Walker {
            styles,
            numbering,
            paragraphs: 0,
            offset: 0,
            diagnostics: Vec::new(),
        }
    }

    /// The blocks of a block container (`w:body`, `w:tc`, `w:sdtContent`).
    pub fn blocks(&mut self, container: &Element) -> Vec<Block> {
        let mut out = Vec::new();
        for el in container.elements() {
            match el.name.as_str() {
                "w:p" => out.extend(self.paragraph(el)),
                "w:tbl" => out.extend(self.table(el)),
                "w:sdt" => {
                    if let Some(c) = el.child("w:sdtContent") {
                        out.extend(self.blocks(c));
                    }
                }
                "w:customXml" | "w:ins" | "w:moveTo" | "w:smartTag" => {
                    out.extend(self.blocks(el));
                }
                "mc:AlternateContent" => {
                    if let Some(c) = choice(el) {
                        out.extend(self.blocks(c));
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn paragraph(&mut self, p: &Element) -> Vec<Block> {
        self.paragraphs = self.paragraphs.saturating_add(1);
        let line = self.paragraphs;
        let ppr = p.child("w:pPr");
        let style_id = ppr.and_then(|x| x.child_val("w:pStyle"));
        let ps = self.styles.paragraph(style_id);
        let heading = ppr.and_then(styles::outline_level).or(ps.heading);
        let num = ppr
            .and_then(styles::num_ref)
            .or(ps.num)
            .filter(|n| n.num_id != 0);
        let label = num.and_then(|n| self.numbering.next(n));

        let mut pieces = Vec::new();
        if let Some(Label::Number(n)) = &label {
            pieces.push(Piece::Text(n.clone(), RunProps::default()));
        }
        self.inline(p, ps.run, &mut pieces);

        let kind = match (heading, &label) {
            (Some(level), _) => BlockKind::Heading(level),
            (None, Some(Label::Bullet)) => BlockKind::ListItem,
            _ => BlockKind::Paragraph,
        };
        // Split the paragraph into lines at breaks, tracking offsets.
        let mut lines: Vec<(Vec<Run>, Span)> = Vec::new();
        let mut cur: Vec<Run> = Vec::new();
        let mut start = self.offset;
        for piece in pieces {
            match piece {
                Piece::Text(t, props) => {
                    self.offset += t.len();
                    cur.push(Run {
                        text: t,
                        bold: props.bold.unwrap_or(false),
                        struck: props.strike.unwrap_or(false),
                    });
                }
                Piece::Break => {
                    lines.push((std::mem::take(&mut cur), span(line, start, self.offset)));
                    self.offset += 1;
                    start = self.offset;
                }
            }
        }
        lines.push((cur, span(line, start, self.offset)));
        // The newline that ends this paragraph in the rendering.
        self.offset += 1;

        let lines: Vec<(Vec<Run>, Span)> = lines
            .into_iter()
            .map(|(runs, sp)| (normalize_runs(runs), sp))
            .filter(|(runs, _)| !runs.is_empty())
            .collect();
        let lines = if matches!(kind, BlockKind::Heading(_)) {
            merge_lines(lines, |_, _| true)
        } else {
            merge_lines(lines, continues)
        };
        lines
            .into_iter()
            .enumerate()
            .map(|(i, (runs, sp))| {
                // Only the first line carries the list bullet.
                let k = if i > 0 && kind == BlockKind::ListItem {
                    BlockKind::Paragraph
                } else {
                    kind
                };
                Block::new(k, runs, sp)
            })
            .collect()
    }

    /// Collect a paragraph's (or inline container's) runs in order.
    fn inline(&mut self, parent: &Element, para_run: RunProps, out: &mut Vec<Piece>) {
        for el in parent.elements() {
            let name = el.name.as_str();
            if name == "w:r" {
                self.run(el, para_run, out);
            } else if INLINE_WRAPPERS.contains(&name) {
                self.inline(el, para_run, out);
            } else if name == "w:sdt" {
                if let Some(c) = el.child("w:sdtContent") {
                    self.inline(c, para_run, out);
                }
            } else if name == "mc:AlternateContent"
                && let Some(c) = choice(el)
            {
                self.inline(c, para_run, out);
            }
            // w:del and w:moveFrom are deleted text; w:pPr, bookmarks,
            // proofing marks and comments carry no text.
        }
    }

    fn run(&mut self, r: &Element, para_run: RunProps, out: &mut Vec<Piece>) {
        let rpr = r.child("w:rPr");
        let char_style = rpr
            .and_then(|x| x.child_val("w:rStyle"))
            .map(|id| self.styles.character(id))
            .unwrap_or_default();
        let direct = rpr.map(RunProps::from_rpr).unwrap_or_default();
        let props = para_run.then(char_style).then(direct);
        if props.hidden == Some(true) {
            return;
        }
        for el in r.elements() {
            match el.name.as_str() {
                "w:t" => out.push(Piece::Text(el.text(), props)),
                "w:tab" | "w:ptab" => out.push(Piece::Text("\t".into(), props)),
                "w:br" | "w:cr" => out.push(Piece::Break),
                "w:noBreakHyphen" => out.push(Piece::Text("-".into(), props)),
                // Field codes, deleted text, drawings and text boxes are
                // not the paragraph's visible text.
                _ => {}
            }
        }
    }

    fn table(&mut self, tbl: &Element) -> Option<Block> {
        let start = self.offset;
        let line = self.paragraphs.saturating_add(1);
        let mut grid: Vec<Vec<Cell>> = Vec::new();
        let mut header_rows = 0;
        let mut in_header = true;
        for tr in rows(tbl) {
            let trpr = tr.child("w:trPr");
            if trpr.is_some_and(|p| p.child("w:del").is_some()) {
                // A tracked row deletion.
                continue;
            }
            let is_header = trpr.is_some_and(|p| {
                p.child("w:tblHeader")
                    .is_some_and(|h| !matches!(h.attr("w:val"), Some("0" | "false" | "off")))
            });
            if is_header && in_header {
                header_rows += 1;
            } else {
                in_header = false;
            }
            let row = self.row(tr, grid.last());
            grid.push(row);
        }
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return None;
        }
        for r in &mut grid {
            r.resize_with(width, Cell::default);
        }
        let mut b = Block::new(BlockKind::Table, Vec::new(), span(line, start, self.offset));
        b.table = Some(Table {
            rows: grid,
            header_rows,
        });
        Some(b)
    }

    /// One row expanded to grid columns: a `w:gridSpan` cell repeats as
    /// covered copies; a `w:vMerge` continuation copies the cell above.
    fn row(&mut self, tr: &Element, above: Option<&Vec<Cell>>) -> Vec<Cell> {
        let trpr = tr.child("w:trPr");
        let grid_count = |name: &str| -> usize {
            trpr.and_then(|p| p.child_val(name))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0)
                .min(MAX_SPAN)
        };
        let mut row: Vec<Cell> = Vec::new();
        row.resize_with(grid_count("w:gridBefore"), Cell::default);
        for tc in cells(tr) {
            let tcpr = tc.child("w:tcPr");
            let span_n = tcpr
                .and_then(|p| p.child_val("w:gridSpan"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, MAX_SPAN);
            let vmerge = tcpr.and_then(|p| p.child("w:vMerge"));
            let continues_above = vmerge.is_some_and(|v| v.attr("w:val") != Some("restart"));
            let hmerge_continue = tcpr
                .and_then(|p| p.child("w:hMerge"))
                .is_some_and(|h| h.attr("w:val") != Some("restart"));
            let col = row.len();
            // The cell's own paragraphs are always walked, so that line
            // numbers and offsets stay in document order.
            let mut blocks = self.blocks(tc);
            join_unmarked_page_breaks(&mut blocks, &mut self.diagnostics);
            let cell = if continues_above {
                let src = above.and_then(|a| a.get(col));
                Cell {
                    blocks: src.map(|c| c.blocks.clone()).unwrap_or(blocks),
                    covered: src.is_some(),
                }
            } else if hmerge_continue && col > 0 {
                Cell {
                    blocks: row.last().map(|c| c.blocks.clone()).unwrap_or_default(),
                    covered: true,
                }
            } else {
                Cell {
                    blocks,
                    covered: false,
                }
            };
            for i in 0..span_n {
                if row.len() >= MAX_COLUMNS {
                    break;
                }
                row.push(Cell {
                    blocks: cell.blocks.clone(),
                    covered: cell.covered || i > 0,
                });
            }
        }
        let after = grid_count("w:gridAfter");
        row.resize_with((row.len() + after).min(MAX_COLUMNS), Cell::default);
        row
    }
}

fn span(line: u32, start: usize, end: usize) -> Span {
    Span {
        line,
        page: None,
        start,
        end,
    }
}

/// `mc:AlternateContent`: the first `mc:Choice`, else the fallback.
fn choice(el: &Element) -> Option<&Element> {
    el.child("mc:Choice").or_else(|| el.child("mc:Fallback"))
}

/// Table rows, looking through content controls and custom XML.
fn rows(tbl: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    collect(tbl, "w:tr", &mut out);
    out
}

/// Row cells, looking through content controls and custom XML.
fn cells(tr: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    collect(tr, "w:tc", &mut out);
    out
}

fn collect<'e>(parent: &'e Element, name: &str, out: &mut Vec<&'e Element>) {
    for el in parent.elements() {
        if el.name == name {
            out.push(el);
        } else if el.name == "w:sdt" {
            if let Some(c) = el.child("w:sdtContent") {
                collect(c, name, out);
            }
        } else if el.name == "w:customXml" {
            collect(el, name, out);
        }
    }
}
