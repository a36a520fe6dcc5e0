//! Layout: positioned glyphs → lines (by baseline) → columns → tables
//! (from ruling lines) → paragraphs, in reading order.
//!
//! The rules are those of Chinese official documents and of the office
//! suites that print them: a paragraph opens with a two-character indent
//! or after a line that stops short of the right margin; headings are
//! centered, bold or larger; tables are drawn with ruling lines.

use super::content::{Glyph, Rule};
use crate::read::is_cjk;

/// One line of text: glyphs on one baseline, left to right.
#[derive(Debug, Clone)]
pub struct Line {
    pub glyphs: Vec<Glyph>,
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
    /// 1-based line number on its page, in reading order.
    pub no: u32,
}

impl Line {
    fn new(glyphs: Vec<Glyph>) -> Line {
        let ink: Vec<&Glyph> = glyphs.iter().filter(|g| !g.space).collect();
        let x0 = ink.iter().map(|g| g.x0).fold(f32::MAX, f32::min);
        let x1 = ink.iter().map(|g| g.x1).fold(f32::MIN, f32::max);
        let mut sizes: Vec<f32> = ink.iter().map(|g| g.size).collect();
        sizes.sort_by(f32::total_cmp);
        let size = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0).max(1.0);
        // The baseline of most glyphs, not of a superscript.
        let mut ys: Vec<f32> = ink.iter().map(|g| g.y).collect();
        ys.sort_by(f32::total_cmp);
        let y = ys.get(ys.len() / 2).copied().unwrap_or(0.0);
        Line {
            glyphs,
            x0,
            x1,
            y,
            size,
            no: 0,
        }
    }

    /// The line's text with inferred spaces, struck glyphs included.
    pub fn text(&self) -> String {
        self.pieces().into_iter().map(|(s, _, _)| s).collect()
    }

    /// All ink glyphs bold?
    pub fn all_bold(&self) -> bool {
        let mut ink = self.glyphs.iter().filter(|g| !g.space).peekable();
        ink.peek().is_some() && ink.all(|g| g.bold)
    }

    /// The text as (piece, bold, struck) pieces, spaces inferred from gaps
    /// between Latin glyphs (never next to CJK).
    pub fn pieces(&self) -> Vec<(String, bool, bool)> {
        let mut out: Vec<(String, bool, bool)> = Vec::new();
        let mut prev: Option<&Glyph> = None;
        let mut pending_space = false;
        for g in &self.glyphs {
            if g.space {
                pending_space = true;
                continue;
            }
            if let Some(p) = prev {
                let gap = g.x0 - p.x1;
                let latin = !ends_cjk(&p.text) && !starts_cjk(&g.text);
                if latin && (pending_space || gap > 0.2 * self.size.min(g.size)) {
                    push_piece(&mut out, " ", p.bold && g.bold, p.struck && g.struck);
                }
            }
            pending_space = false;
            push_piece(&mut out, &g.text, g.bold, g.struck);
            prev = Some(g);
        }
        out
    }
}

fn push_piece(out: &mut Vec<(String, bool, bool)>, s: &str, bold: bool, struck: bool) {
    match out.last_mut() {
        Some(last) if last.1 == bold && last.2 == struck => last.0.push_str(s),
        _ => out.push((s.to_string(), bold, struck)),
    }
}

pub fn ends_cjk(s: &str) -> bool {
    s.chars().last().is_some_and(is_cjk)
}

pub fn starts_cjk(s: &str) -> bool {
    s.chars().next().is_some_and(is_cjk)
}

/// Group glyphs into lines by baseline, then split each line where a gap
/// wider than three ems separates two pieces (columns, table cells
/// without rules). Lines come out top to bottom, pieces left to right.
pub fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| g.size > 0.0 && g.x0.is_finite() && g.y.is_finite());
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    let mut row_y = f32::MAX;
    let mut row_size = 0.0f32;
    for g in glyphs {
        let tol = 0.35 * row_size.min(g.size).max(1.0);
        match rows.last_mut() {
            Some(row) if (row_y - g.y).abs() <= tol => {
                row.push(g);
            }
            _ => {
                row_y = g.y;
                row_size = g.size;
                rows.push(vec![g]);
            }
        }
    }
    let mut out = Vec::new();
    for mut row in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        dedupe_overdraw(&mut row);
        let mut piece: Vec<Glyph> = Vec::new();
        for g in row {
            if let Some(last) = piece.iter().rev().find(|p| !p.space)
                && g.x0 - last.x1 > 3.0 * last.size.max(g.size)
                && !g.space
            {
                let done = std::mem::take(&mut piece);
                push_line(&mut out, done);
            }
            piece.push(g);
        }
        push_line(&mut out, piece);
    }
    out
}

fn push_line(out: &mut Vec<Line>, glyphs: Vec<Glyph>) {
    if glyphs.iter().any(|g| !g.space) {
        out.push(Line::new(glyphs));
    }
}

/// Drop a glyph drawn twice at the same place (fake bold by overprinting,
/// shadows): same text, same position within a tenth of an em.
fn dedupe_overdraw(row: &mut Vec<Glyph>) {
    let mut keep: Vec<Glyph> = Vec::with_capacity(row.len());
    for g in row.drain(..) {
        let dup = keep.iter().rev().take(4).any(|k| {
            k.text == g.text
                && (k.x0 - g.x0).abs() < 0.1 * g.size
                && (k.y - g.y).abs() < 0.1 * g.size
        });
        if dup {
            if let Some(k) = keep.iter_mut().rev().find(|k| k.text == g.text) {
                k.bold = true;
            }
        } else {
            keep.push(g);
        }
    }
    *row = keep;
}

/// Mark glyphs crossed by a thin horizontal rule at mid-height (struck
/// through) and return the rules that are not strike lines.
pub fn mark_struck(glyphs: &mut [Glyph], rules: Vec<Rule>) -> Vec<Rule> {
    let mut rest = Vec::with_capacity(rules.len());
    for r in rules {
        let h = r.y1 - r.y0;
        let mid = (r.y0 + r.y1) / 2.0;
        let mut hit = false;
        if r.horizontal() {
            for g in glyphs.iter_mut().filter(|g| !g.space) {
                let w = g.x1 - g.x0;
                let overlap = r.x1.min(g.x1) - r.x0.max(g.x0);
                if h <= 0.15 * g.size
                    && w > 0.0
                    && overlap >= 0.5 * w
                    && mid > g.y + 0.15 * g.size
                    && mid < g.y + 0.65 * g.size
                {
                    g.struck = true;
                    hit = true;
                }
            }
        }
        if !hit {
            rest.push(r);
        }
    }
    rest
}

/// A ruled table found on one page: column and row boundaries, and the
/// lines of text in each cell.
#[derive(Debug, Clone)]
pub struct Grid {
    pub xs: Vec<f32>,
    /// Row boundaries top to bottom (descending y).
    pub ys: Vec<f32>,
    /// cells[row][col]: the cell's lines.
    pub cells: Vec<Vec<Vec<Line>>>,
}

impl Grid {
    pub fn top(&self) -> f32 {
        self.ys.first().copied().unwrap_or(0.0)
    }
    pub fn bottom(&self) -> f32 {
        self.ys.last().copied().unwrap_or(0.0)
    }
    fn contains(&self, g: &Glyph) -> bool {
        let cx = (g.x0 + g.x1) / 2.0;
        let cy = g.y + g.size * 0.3;
        let (Some(&l), Some(&r)) = (self.xs.first(), self.xs.last()) else {
            return false;
        };
        cx >= l && cx <= r && cy <= self.top() && cy >= self.bottom()
    }
}

/// Cluster values closer than `tol` and return the cluster means, sorted.
fn cluster(mut v: Vec<f32>, tol: f32) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((m, n)) if x - *m / *n as f32 <= tol => {
                *m += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(m, n)| m / n as f32).collect()
}

/// Find ruled tables among `rules` and take the glyphs inside them out of
/// `glyphs`.
pub fn tables(glyphs: &mut Vec<Glyph>, rules: &[Rule]) -> Vec<Grid> {
    let rules: Vec<&Rule> = rules
        .iter()
        .filter(|r| (r.x1 - r.x0).max(r.y1 - r.y0) >= 4.0)
        .collect();
    if rules.len() < 4 {
        return Vec::new();
    }
    // Union rules that touch into clusters.
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    const TOL: f32 = 2.5;
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| rules[a].x0.total_cmp(&rules[b].x0));
    for (k, &i) in order.iter().enumerate() {
        for &j in &order[k + 1..] {
            if rules[j].x0 > rules[i].x1 + TOL {
                break;
            }
            let (a, b) = (rules[i], rules[j]);
            let touch = a.y0 <= b.y1 + TOL && b.y0 <= a.y1 + TOL;
            if touch {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                parent[ri] = rj;
            }
        }
    }
    let mut groups: std::collections::HashMap<usize, Vec<&Rule>> = Default::default();
    for (i, r) in rules.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(r);
    }
    let mut grids = Vec::new();
    for group in groups.into_values() {
        let (hs, vs): (Vec<&Rule>, Vec<&Rule>) = group.iter().partition(|r| r.horizontal());
        let xs = cluster(vs.iter().map(|r| (r.x0 + r.x1) / 2.0).collect(), TOL);
        let mut ys = cluster(hs.iter().map(|r| (r.y0 + r.y1) / 2.0).collect(), TOL);
        ys.reverse();
        if xs.len() < 3 || ys.len() < 2 {
            continue;
        }
        let mut grid = Grid {
            cells: vec![vec![Vec::new(); xs.len() - 1]; ys.len() - 1],
            xs,
            ys,
        };
        let (inside, outside): (Vec<Glyph>, Vec<Glyph>) =
            glyphs.drain(..).partition(|g| grid.contains(g));
        *glyphs = outside;
        let mut per_cell: Vec<Vec<Vec<Glyph>>> =
            vec![vec![Vec::new(); grid.xs.len() - 1]; grid.ys.len() - 1];
        for g in inside {
            let cx = (g.x0 + g.x1) / 2.0;
            let cy = g.y + g.size * 0.3;
            let col = grid.xs.windows(2).position(|w| cx >= w[0] && cx <= w[1]);
            let row = grid.ys.windows(2).position(|w| cy <= w[0] && cy >= w[1]);
            if let (Some(r), Some(c)) = (row, col) {
                per_cell[r][c].push(g);
            }
        }
        for (r, row) in per_cell.into_iter().enumerate() {
            for (c, cell) in row.into_iter().enumerate() {
                let ls = join_pieces(lines(cell));
                grid.cells[r][c] = ls;
            }
        }
        grids.push(grid);
    }
    grids.sort_by(|a, b| b.top().total_cmp(&a.top()));
    grids
}

/// Inside a cell, pieces split by a wide gap on one baseline belong to one
/// line again (justified or spaced text).
fn join_pieces(ls: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for l in ls {
        match out.last_mut() {
            Some(last) if (last.y - l.y).abs() <= 0.35 * last.size.min(l.size) => {
                let mut gs = std::mem::take(&mut last.glyphs);
                gs.extend(l.glyphs);
                *last = Line::new(gs);
            }
            _ => out.push(l),
        }
    }
    out
}

/// Column layout of a page's lines: when a vertical gutter free of text
/// runs down the middle of the page, the lines left of it are read before
/// the lines right of it, band by band between full-width lines.
pub fn reading_order(lines: Vec<Line>) -> Vec<Line> {
    let Some(gutter) = find_gutter(&lines) else {
        return lines;
    };
    let mut out = Vec::with_capacity(lines.len());
    let mut left: Vec<Line> = Vec::new();
    let mut right: Vec<Line> = Vec::new();
    for l in lines {
        if l.x1 <= gutter {
            left.push(l);
        } else if l.x0 >= gutter {
            right.push(l);
        } else {
            out.append(&mut left);
            out.append(&mut right);
            out.push(l);
        }
    }
    out.append(&mut left);
    out.append(&mut right);
    out
}

fn find_gutter(lines: &[Line]) -> Option<f32> {
    if lines.len() < 8 {
        return None;
    }
    let l = lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let r = lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
    let width = r - l;
    if width <= 0.0 {
        return None;
    }
    let mut best: Option<(f32, usize)> = None;
    let steps = 40;
    for k in (steps * 3 / 10)..=(steps * 7 / 10) {
        let x = l + width * k as f32 / steps as f32;
        let crossing = lines.iter().filter(|ln| ln.x0 < x && ln.x1 > x).count();
        let left = lines.iter().filter(|ln| ln.x1 <= x).count();
        let right = lines.iter().filter(|ln| ln.x0 >= x).count();
        if left >= 4 && right >= 4 && crossing * 5 <= lines.len() {
            let score = left.min(right);
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((x, score));
            }
        }
    }
    best.map(|(x, _)| x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(text: &str, x0: f32, y: f32) -> Glyph {
        Glyph {
            text: text.into(),
            x0,
            x1: x0 + 10.0,
            y,
            size: 10.0,
            bold: false,
            font: 0,
            space: text == " ",
            struck: false,
        }
    }

    #[test]
    fn glyphs_become_lines_top_down() {
        let ls = lines(vec![
            g("乙", 0.0, 100.0),
            g("甲", 0.0, 120.0),
            g("丙", 10.0, 100.5),
        ]);
        assert_eq!(ls.len(), 2);
        assert_eq!(ls[0].text(), "甲");
        assert_eq!(ls[1].text(), "乙丙");
    }

    #[test]
    fn latin_gaps_become_spaces_cjk_gaps_do_not() {
        let ls = lines(vec![
            g("P", 0.0, 0.0),
            g("M", 14.0, 0.0),
            g("整", 40.0, 0.0),
            g("改", 55.0, 0.0),
        ]);
        assert_eq!(ls[0].text(), "P M整改");
    }

    #[test]
    fn mid_height_rule_strikes() {
        let mut gs = vec![g("杨", 0.0, 0.0), g("曹", 10.0, 0.0)];
        let rest = mark_struck(
            &mut gs,
            vec![Rule {
                x0: 0.0,
                y0: 3.5,
                x1: 10.0,
                y1: 4.0,
            }],
        );
        assert!(rest.is_empty());
        assert!(gs[0].struck && !gs[1].struck);
    }
}
