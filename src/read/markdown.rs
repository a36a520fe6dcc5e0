//! Markdown reader, built for what PDF→Markdown converters leave behind:
//! `**bold**` labels, `~~struck~~` deletions, heading levels that mean
//! nothing, pipe tables, and paragraphs split by a blank line at a page
//! break — and for web text saved as Markdown, one paragraph a line with
//! no blank line between: a line that opens a numbered item or a label,
//! or is a date or a signature, starts a block of its own. Spans are
//! lines and byte ranges of the decoded source.

use std::iter::Peekable;
use std::sync::LazyLock;

use regex::Regex;

use super::lines::split_soft_breaks;
use super::{
    Block, BlockKind, Break, Cell, Doc, Run, Table, decode_text, join_split_paragraphs,
    report_struck,
};
use crate::diag::{Diagnostic, Result};
use crate::model::{Format, Span};

static TABLE_SEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$").expect("static regex")
});
static BR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)<br\s*/?>").expect("static regex"));

/// Read Markdown bytes (any text encoding) into a [`Doc`].
pub fn read(bytes: &[u8]) -> Result<Doc> {
    let (text, encoding) = decode_text(bytes)?;
    let mut doc = parse(&text);
    doc.encoding = Some(super::encoding_label(encoding));
    Ok(doc)
}

/// One source line with its position and what it is.
struct Line<'a> {
    text: &'a str,
    no: u32,
    start: usize,
    end: usize,
    kind: Kind<'a>,
}

/// What a line is, decided once per line: a paragraph runs up to the
/// first line that is not [`Kind::Text`], and the main loop then takes
/// that line as it was classified instead of testing it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind<'a> {
    /// White space only.
    Blank,
    /// An ATX heading: its level and text (see [`heading`]).
    Heading(u8, &'a str),
    /// A pipe-table row ([`is_table_row`]); a paragraph's first line when
    /// no separator line follows.
    TableRow,
    /// A bulleted item's text (see [`bullet`]).
    Bullet(&'a str),
    /// Anything else: paragraph text.
    Text,
}

/// Classify a line. The kinds are told apart by the first character after
/// the leading white space (`#`, `|`, a bullet marker, or none at all), so
/// at most one of the tests runs.
fn classify(line: &str) -> Kind<'_> {
    match line.trim_start().as_bytes().first() {
        None => Kind::Blank,
        Some(b'#') => heading(line).map_or(Kind::Text, |(level, text)| Kind::Heading(level, text)),
        Some(b'|') if is_table_row(line) => Kind::TableRow,
        // 0xE2 leads the encoding of '•'.
        // A thematic break (---, ***, ___) separates, like a blank line.
        Some(b'-' | b'*' | b'_') if is_thematic_break(line) => Kind::Blank,
        Some(b'-' | b'*' | b'+' | 0xE2) => bullet(line).map_or(Kind::Text, Kind::Bullet),
        Some(_) => Kind::Text,
    }
}

/// Three or more of one of `-`, `*`, `_`, and nothing else but spaces.
fn is_thematic_break(line: &str) -> bool {
    let t = line.trim().as_bytes();
    // Short, and only the mark and spaces: told from a bullet or a bold
    // run (**…) by the first bytes, before any count.
    let Some(&c) = t.first().filter(|c| matches!(c, b'-' | b'*' | b'_')) else {
        return false;
    };
    t.len() <= 40
        && t.iter().all(|&x| x == c || x == b' ')
        && t.iter().filter(|&&x| x == c).count() >= 3
}

/// The lines of a text, each classified: `\n`, `\r\n` and a lone `\r` all
/// end a line, and the text after the last one is a line too (empty after
/// a final newline). An iterator rather than a Vec: the parser never looks
/// more than one line ahead.
struct Lines<'a> {
    text: &'a str,
    /// Byte offset of the next line; past the end once the last line is
    /// out.
    start: usize,
    no: u32,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text,
            start: 0,
            no: 1,
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        let rest = self.text.get(self.start..)?;
        let bytes = rest.as_bytes();
        let (len, next) = match memchr::memchr2(b'\n', b'\r', bytes) {
            Some(k) => {
                let crlf = bytes[k] == b'\r' && bytes.get(k + 1) == Some(&b'\n');
                (k, self.start + k + 1 + usize::from(crlf))
            }
            None => (rest.len(), self.text.len() + 1),
        };
        let text = &rest[..len];
        let line = Line {
            text,
            no: self.no,
            start: self.start,
            end: self.start + len,
            kind: classify(text),
        };
        self.start = next;
        self.no += 1;
        Some(line)
    }
}

/// Parse decoded Markdown text.
pub fn parse(text: &str) -> Doc {
    let mut lines = Lines::new(text).peekable();
    // At most one block per line: sized from a count of the newlines (one
    // SIMD pass), the Vec of large blocks never grows and moves them.
    let mut blocks = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    while let Some(l) = lines.next() {
        let span = Span {
            line: l.no,
            page: None,
            start: l.start,
            end: l.end,
        };
        match l.kind {
            Kind::Blank => {}
            Kind::Heading(level, text) => blocks.push(Block::normalized(
                BlockKind::Heading(level),
                inline(text),
                span,
            )),
            Kind::TableRow if lines.peek().is_some_and(|n| TABLE_SEP.is_match(n.text)) => {
                let (table, end) = read_table(&l, &mut lines);
                let mut b = Block::new(BlockKind::Table, Vec::new(), Span { end, ..span });
                b.table = Some(table);
                blocks.push(b);
            }
            Kind::Bullet(item) => {
                // The item and the lines that lazily continue it, split
                // as a paragraph's are: what wraps stays in the item.
                let mut group = vec![(inline(item), span)];
                while let Some(n) = lines.next_if(|n| n.kind == Kind::Text) {
                    group.push((inline(n.text), line_span(&n)));
                }
                push_split(&mut blocks, BlockKind::ListItem, group);
            }
            Kind::TableRow | Kind::Text => {
                // A paragraph: this line and the following lines up to a
                // blank line or another block start (CommonMark's lazy
                // continuation), split again where a line stands on its
                // own (a numbered item, a label, a date: see
                // `split_soft_breaks`).
                let mut group = vec![(inline(l.text), span)];
                while let Some(n) = lines.next_if(|n| n.kind == Kind::Text) {
                    group.push((inline(n.text), line_span(&n)));
                }
                push_split(&mut blocks, BlockKind::Paragraph, group);
            }
        }
    }
    let mut diagnostics = Vec::new();
    report_struck(&blocks, &mut diagnostics);
    join_blank_line_splits(text, &mut blocks, &mut diagnostics);
    Doc {
        format: Format::Markdown,
        encoding: None,
        pages: None,
        blocks,
        diagnostics,
    }
}

/// Push a run of lines with no blank line between as the blocks
/// [`split_soft_breaks`] makes of them: the first of kind `first`, the
/// others paragraphs.
fn push_split(blocks: &mut Vec<Block>, first: BlockKind, group: Vec<(Vec<Run>, Span)>) {
    for (i, (runs, span)) in split_soft_breaks(group).into_iter().enumerate() {
        let kind = if i == 0 { first } else { BlockKind::Paragraph };
        blocks.push(Block::normalized(kind, runs, span));
    }
}

/// The span of one line.
fn line_span(l: &Line) -> Span {
    Span {
        line: l.no,
        page: None,
        start: l.start,
        end: l.end,
    }
}

/// Join paragraphs split at a page break ([`join_split_paragraphs`]),
/// only where a blank line parts them: two paragraphs of consecutive
/// lines were parted by [`split_soft_breaks`], which already decided they
/// do not run on.
fn join_blank_line_splits(text: &str, blocks: &mut Vec<Block>, diags: &mut Vec<Diagnostic>) {
    join_split_paragraphs(blocks, diags, Break::Unmarked, |prev, next| {
        text.get(prev.span.end..next.span.start)
            .is_some_and(|gap| Lines::new(gap).count() > 2)
    });
}

/// An ATX heading: its level and its text. At most three white-space
/// characters before one to six `#`, then white space or the end; the
/// text loses a closing run of `#` and the white space around it.
fn heading(line: &str) -> Option<(u8, &str)> {
    let body = line.trim_start();
    if !body.starts_with('#') || line[..line.len() - body.len()].chars().count() > 3 {
        return None;
    }
    let text = body.trim_start_matches('#');
    let level = body.len() - text.len();
    if level > 6 || !(text.is_empty() || text.starts_with(char::is_whitespace)) {
        return None;
    }
    let text = text
        .trim_start()
        .trim_end()
        .trim_end_matches('#')
        .trim_end();
    Some((level as u8, text))
}

/// A bulleted line's text after the bullet (`- `, `* `, `+ `, `• `): a
/// marker followed by white space, so `**bold**` is not a bullet.
fn bullet(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix(['-', '*', '+', '•'])?;
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim_start())
}

fn is_table_row(s: &str) -> bool {
    let t = s.trim();
    t.starts_with('|') && t.len() > 1
}

/// Split a pipe-table row into cells, honouring `\|` escapes.
fn split_row(s: &str) -> Vec<String> {
    let t = s.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&'|') {
            cur.push('|');
            chars.next();
        } else if c == '|' {
            cells.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    cells.push(cur);
    cells
}

/// A pipe table from its header row `first` on: the separator line after
/// it (a row only in form) and the rows that follow it. Returns the table
/// and the end of its last line.
fn read_table<'a>(first: &Line<'a>, lines: &mut Peekable<Lines<'a>>) -> (Table, usize) {
    let mut rows = vec![table_row(first)];
    let mut end = first.end;
    if let Some(sep) = lines.next_if(|l| l.kind == Kind::TableRow) {
        end = sep.end;
        while let Some(l) = lines.next_if(|l| l.kind == Kind::TableRow) {
            rows.push(table_row(&l));
            end = l.end;
        }
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for r in &mut rows {
        r.resize_with(width, Cell::default);
    }
    (
        Table {
            rows,
            header_rows: 1,
        },
        end,
    )
}

/// A table row's cells, each cell's `<br>`-separated parts its paragraphs.
fn table_row(l: &Line) -> Vec<Cell> {
    let span = Span {
        line: l.no,
        page: None,
        start: l.start,
        end: l.end,
    };
    split_row(l.text)
        .iter()
        .map(|c| Cell {
            blocks: BR
                .split(c)
                .filter(|p| !p.trim().is_empty())
                .map(|p| Block::normalized(BlockKind::Paragraph, inline(p), span))
                .collect(),
            covered: false,
        })
        .collect()
}

/// The first match of a search at or after a position that only moves
/// forward. A match, once found, answers every question until the
/// position passes it: a line is searched about once in all, not once per
/// question.
struct Ahead<'a> {
    line: &'a str,
    find: fn(&str) -> Option<usize>,
    /// The first match at or after the position last asked about.
    next: Option<usize>,
}

impl<'a> Ahead<'a> {
    fn new(line: &'a str, find: fn(&str) -> Option<usize>) -> Ahead<'a> {
        Ahead {
            line,
            find,
            next: find(line),
        }
    }

    /// The first match at or after `pos`, which must not be before the
    /// position of the previous call.
    fn at(&mut self, pos: usize) -> Option<usize> {
        if let Some(p) = self.next
            && p < pos
        {
            self.next = self.line.get(pos..).and_then(self.find).map(|k| pos + k);
        }
        self.next
    }
}

/// Where the bytes that may start inline markup are (`**`, `__`, `~~`, a
/// tag, `\`; see [`is_markup_byte`]): two searches, kept apart because `<`
/// and `\` are rare — most lines are searched for them once in all rather
/// than before every marker.
struct Markup<'a> {
    emphasis: Ahead<'a>,
    rare: Ahead<'a>,
}

impl<'a> Markup<'a> {
    fn new(line: &'a str) -> Markup<'a> {
        Markup {
            emphasis: Ahead::new(line, |t| memchr::memchr3(b'*', b'_', b'~', t.as_bytes())),
            rare: Ahead::new(line, |t| memchr::memchr2(b'<', b'\\', t.as_bytes())),
        }
    }

    /// The first markup byte at or after `pos` (never before the previous
    /// call's `pos`).
    fn at(&mut self, pos: usize) -> Option<usize> {
        match (self.emphasis.at(pos), self.rare.at(pos)) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// A byte [`Markup`] stops at.
fn is_markup_byte(b: Option<u8>) -> bool {
    matches!(b, Some(b'*' | b'_' | b'~' | b'<' | b'\\'))
}

/// The run being read. While its text is the line as written it is only a
/// range of the line, copied once when the run ends — normalized in that
/// same copy when white space falls inside it, which one search of the
/// line tells for all its runs. A `\` escape drops a byte: from there the
/// text is built in a string.
struct Pending<'a> {
    line: &'a str,
    start: usize,
    built: Option<String>,
    spaces: Ahead<'a>,
}

impl<'a> Pending<'a> {
    fn new(line: &'a str) -> Pending<'a> {
        Pending {
            line,
            start: 0,
            built: None,
            spaces: Ahead::new(line, super::first_space),
        }
    }

    /// Take `text`, the line's next bytes, into the run.
    fn extend(&mut self, text: &str) {
        if let Some(b) = &mut self.built {
            b.push_str(text);
        }
    }

    /// Take `c`, escaped by the `\` at byte `pos`, into the run.
    fn push_escaped(&mut self, pos: usize, c: char) {
        let line = self.line;
        let start = self.start;
        self.built
            .get_or_insert_with(|| line[start..pos].to_string())
            .push(c);
    }

    /// End the run at byte `end` (the next starts at `next`, past a
    /// marker): its normalized text as a run, unless that is empty.
    fn take(&mut self, end: usize, next: usize, bold: bool, struck: bool) -> Option<Run> {
        let text = match self.built.take() {
            Some(t) => match super::first_space(&t) {
                Some(first) => super::normalize_inline_from(&t, first),
                None => t,
            },
            None => {
                let t = &self.line[self.start..end];
                match self.spaces.at(self.start) {
                    Some(p) if p < end => super::normalize_inline_from(t, p - self.start),
                    _ => t.to_string(),
                }
            }
        };
        self.start = next;
        (!text.is_empty()).then_some(Run { text, bold, struck })
    }
}

/// Inline markup → runs: `**bold**` / `__bold__`, `~~struck~~` and
/// `<del>…</del>` / `<s>…</s>`; `\` escapes; other HTML-ish text such as
/// `<2018年…>` inside a title stays literal. An unclosed `~~` is literal,
/// so a stray marker never deletes the rest of a line.
pub fn inline(s: &str) -> Vec<Run> {
    let mut markup = Markup::new(s);
    // Most lines carry no markup at all: one plain run.
    if markup.at(0).is_none() {
        let text = super::normalize_inline(s);
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![Run {
                text,
                bold: false,
                struck: false,
            }]
        };
    }
    let mut runs: Vec<Run> = Vec::new();
    let mut bold = false;
    let mut struck = false;
    let mut run = Pending::new(s);
    // How many `~~` pairs the line has (an unpaired one is literal):
    // counted at the first `~~`, as most lines have none.
    let mut strike_pairs = None;
    let mut strikes_seen = 0;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let pos = s.len() - rest.len();
        // Take plain text up to the next markup character in one go (no
        // search when the markup is right here, as after every marker).
        let plain = if is_markup_byte(rest.as_bytes().first().copied()) {
            0
        } else {
            markup.at(pos).map_or(rest.len(), |k| k - pos)
        };
        if plain > 0 {
            run.extend(&rest[..plain]);
            rest = &rest[plain..];
            continue;
        }
        if let Some(r) = rest.strip_prefix("**").or_else(|| rest.strip_prefix("__")) {
            runs.extend(run.take(pos, pos + 2, bold, struck));
            bold = !bold;
            rest = r;
            continue;
        }
        if let Some(r) = rest.strip_prefix("~~")
            && (struck
                || strikes_seen < *strike_pairs.get_or_insert_with(|| s.matches("~~").count() / 2))
        {
            runs.extend(run.take(pos, pos + 2, bold, struck));
            if !struck {
                strikes_seen += 1;
            }
            struck = !struck;
            rest = r;
            continue;
        }
        let lower_tag = |t: &str| rest.len() >= t.len() && rest[..t.len()].eq_ignore_ascii_case(t);
        let mut tag_hit = false;
        for (tag, on) in [
            ("<del>", true),
            ("</del>", false),
            ("<s>", true),
            ("</s>", false),
        ] {
            if rest.is_char_boundary(tag.len().min(rest.len())) && lower_tag(tag) {
                runs.extend(run.take(pos, pos + tag.len(), bold, struck));
                struck = on;
                rest = &rest[tag.len()..];
                tag_hit = true;
                break;
            }
        }
        if tag_hit {
            continue;
        }
        if c == '\\'
            && let Some(n) = rest[1..].chars().next()
            && n.is_ascii_punctuation()
        {
            run.push_escaped(pos, n);
            rest = &rest[1 + n.len_utf8()..];
            continue;
        }
        run.extend(&rest[..c.len_utf8()]);
        rest = &rest[c.len_utf8()..];
    }
    runs.extend(run.take(s.len(), s.len(), bold, struck));
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The regex `heading` was first written with: the oracle.
    fn heading_by_regex(line: &str) -> Option<(u8, &str)> {
        static HEADING: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\s{0,3}(#{1,6})(?:\s+|$)(.*?)\s*#*\s*$").unwrap());
        let c = HEADING.captures(line)?;
        Some((c.get(1)?.len() as u8, c.get(2)?.as_str()))
    }

    proptest::proptest! {
        #[test]
        fn heading_scanner_agrees_with_the_regex(line in "[ \u{3000}#a标题]{0,12}") {
            proptest::prop_assert_eq!(heading(&line), heading_by_regex(&line));
        }
    }

    #[test]
    fn markup_bytes_are_where_the_search_stops() {
        for b in 0u8..128 {
            let s = char::from(b).to_string();
            assert_eq!(
                is_markup_byte(Some(b)),
                Markup::new(&s).at(0) == Some(0),
                "byte {b:#x}"
            );
        }
        assert!(!is_markup_byte(None));
    }

    /// The first version of [`inline`], which copied every run into a
    /// string and searched each for white space: the oracle.
    fn inline_by_copy(s: &str) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        let (mut bold, mut struck) = (false, false);
        let mut cur = String::new();
        let strike_pairs = s.matches("~~").count() / 2;
        let mut strikes_seen = 0;
        let mut rest = s;
        let flush = |cur: &mut String, runs: &mut Vec<Run>, bold: bool, struck: bool| {
            if !cur.is_empty() {
                let text = std::mem::take(cur);
                runs.push(Run { text, bold, struck });
            }
        };
        while let Some(c) = rest.chars().next() {
            if let Some(r) = rest.strip_prefix("**").or_else(|| rest.strip_prefix("__")) {
                flush(&mut cur, &mut runs, bold, struck);
                bold = !bold;
                rest = r;
                continue;
            }
            if let Some(r) = rest.strip_prefix("~~")
                && (struck || strikes_seen < strike_pairs)
            {
                flush(&mut cur, &mut runs, bold, struck);
                strikes_seen += usize::from(!struck);
                struck = !struck;
                rest = r;
                continue;
            }
            let tag = [
                ("<del>", true),
                ("</del>", false),
                ("<s>", true),
                ("</s>", false),
            ]
            .into_iter()
            .find(|(t, _)| {
                rest.get(..t.len())
                    .is_some_and(|h| h.eq_ignore_ascii_case(t))
            });
            if let Some((t, on)) = tag {
                flush(&mut cur, &mut runs, bold, struck);
                struck = on;
                rest = &rest[t.len()..];
                continue;
            }
            if c == '\\'
                && let Some(n) = rest[1..].chars().next()
                && n.is_ascii_punctuation()
            {
                cur.push(n);
                rest = &rest[1 + n.len_utf8()..];
                continue;
            }
            cur.push(c);
            rest = &rest[c.len_utf8()..];
        }
        flush(&mut cur, &mut runs, bold, struck);
        for r in &mut runs {
            r.text = crate::read::normalize_inline(&r.text);
        }
        runs.retain(|r| !r.text.is_empty());
        runs
    }

    /// The first line splitter, into a Vec: the oracle for [`Lines`].
    fn lines_by_vec(text: &str) -> Vec<(&str, u32, usize, usize)> {
        let mut out = Vec::new();
        let (mut start, mut no) = (0, 1);
        let bytes = text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if i < start {
                continue;
            }
            out.push((&text[start..i], no, start, i));
            no += 1;
            start = i + 1 + usize::from(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n'));
        }
        out.push((&text[start..], no, start, text.len()));
        out
    }

    /// Each test in the order the parser first made them: the oracle for
    /// [`classify`].
    fn classify_by_tests(line: &str) -> Kind<'_> {
        if line.trim().is_empty() || is_thematic_break(line) {
            Kind::Blank
        } else if let Some((level, text)) = heading(line) {
            Kind::Heading(level, text)
        } else if is_table_row(line) {
            Kind::TableRow
        } else if let Some(item) = bullet(line) {
            Kind::Bullet(item)
        } else {
            Kind::Text
        }
    }

    /// The first parser, over a Vec of lines testing each line in turn
    /// (and a paragraph's next line twice): the oracle for [`parse`].
    fn parse_by_index(text: &str) -> Vec<Block> {
        let lines: Vec<Line> = Lines::new(text).collect();
        let span_of = |l: &Line| Span {
            line: l.no,
            page: None,
            start: l.start,
            end: l.end,
        };
        let mut blocks = Vec::new();
        let mut i = 0;
        while let Some(l) = lines.get(i) {
            let span = span_of(l);
            if l.text.trim().is_empty() || is_thematic_break(l.text) {
                i += 1;
            } else if let Some((level, text)) = heading(l.text) {
                blocks.push(Block::normalized(
                    BlockKind::Heading(level),
                    inline(text),
                    span,
                ));
                i += 1;
            } else if is_table_row(l.text)
                && lines.get(i + 1).is_some_and(|n| TABLE_SEP.is_match(n.text))
            {
                let mut rows = Vec::new();
                let mut next = i;
                while lines.get(next).is_some_and(|n| is_table_row(n.text)) {
                    if next != i + 1 {
                        rows.push(table_row(&lines[next]));
                    }
                    next += 1;
                }
                let width = rows.iter().map(Vec::len).max().unwrap_or(0);
                for r in &mut rows {
                    r.resize_with(width, Cell::default);
                }
                let end = lines[next - 1].end;
                let mut b = Block::new(BlockKind::Table, Vec::new(), Span { end, ..span });
                b.table = Some(Table {
                    rows,
                    header_rows: 1,
                });
                blocks.push(b);
                i = next;
            } else {
                let (first, text) = match bullet(l.text) {
                    Some(item) => (BlockKind::ListItem, item),
                    None => (BlockKind::Paragraph, l.text),
                };
                let mut group = vec![(inline(text), span)];
                i += 1;
                while let Some(n) = lines.get(i) {
                    if n.text.trim().is_empty()
                        || is_thematic_break(n.text)
                        || heading(n.text).is_some()
                        || bullet(n.text).is_some()
                        || is_table_row(n.text)
                    {
                        break;
                    }
                    group.push((inline(n.text), span_of(n)));
                    i += 1;
                }
                push_split(&mut blocks, first, group);
            }
        }
        blocks
    }

    proptest::proptest! {
        #[test]
        fn inline_agrees_with_copying_every_run(
            s in "(\\*\\*|__|~~|<del>|</DEL>|<s>|</s>|\\\\[*~<a]|[ \t\u{3000}a1年，*_~<>/\\\\])*"
        ) {
            proptest::prop_assert_eq!(inline(&s), inline_by_copy(&s));
        }

        #[test]
        fn ahead_answers_as_a_fresh_search(
            s in "[ a年\u{3000}*<]{0,24}",
            steps in proptest::collection::vec(0usize..6, 0..12),
        ) {
            let mut spaces = Ahead::new(&s, crate::read::first_space);
            let mut markup = Markup::new(&s);
            let mut pos = 0;
            for step in steps {
                pos += step;
                while pos < s.len() && !s.is_char_boundary(pos) {
                    pos += 1;
                }
                if pos > s.len() {
                    break;
                }
                let rest = &s[pos..];
                proptest::prop_assert_eq!(
                    spaces.at(pos),
                    crate::read::first_space(rest).map(|k| pos + k)
                );
                proptest::prop_assert_eq!(
                    markup.at(pos),
                    rest.bytes().position(|b| is_markup_byte(Some(b))).map(|k| pos + k)
                );
            }
        }

        #[test]
        fn lines_split_as_the_vector_did(s in "[a年\r\n]{0,16}") {
            let lines: Vec<_> = Lines::new(&s).map(|l| (l.text, l.no, l.start, l.end)).collect();
            proptest::prop_assert_eq!(lines, lines_by_vec(&s));
        }

        #[test]
        fn classify_agrees_with_each_test_in_turn(line in "[ \t\u{3000}#|\\-*+_•a标]{0,8}") {
            proptest::prop_assert_eq!(classify(&line), classify_by_tests(&line));
        }

        #[test]
        fn parse_agrees_with_the_indexed_parser(
            lines in proptest::collection::vec(
                proptest::sample::select(vec![
                    "", "  ", "# 标题", "## a ##", "    # 否", "#无", "| a | b |", "|---|---|",
                    "---|---", "|", "- 项", "* 项", "*否", "• 点", "正文**粗**", "正文", "~~删~~",
                    "2018 年", "\\* 否", "---", "* * *",
                ]),
                0..12,
            ),
            eol in proptest::sample::select(vec!["\n", "\r\n", "\r"]),
        ) {
            let text = lines.join(eol);
            let mut expected = parse_by_index(&text);
            let mut diags = Vec::new();
            report_struck(&expected, &mut diags);
            join_blank_line_splits(&text, &mut expected, &mut diags);
            let doc = parse(&text);
            proptest::prop_assert_eq!(doc.blocks, expected);
            proptest::prop_assert_eq!(doc.diagnostics, diags);
        }
    }

    #[test]
    fn labels_struck_text_and_headings() {
        let doc = parse("# 标题\n\n**牵头领导：**~~杨一广~~曹炯芳\n\n- 1、完成；\n");
        assert_eq!(doc.blocks.len(), 3);
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(doc.blocks[1].text(), "牵头领导：曹炯芳");
        assert!(doc.blocks[1].bold_start());
        assert_eq!(doc.blocks[2].kind, BlockKind::ListItem);
        assert_eq!(doc.blocks[2].text(), "1、完成；");
        assert!(
            doc.diagnostics
                .iter()
                .any(|d| d.code == "struck-text-dropped")
        );
    }

    #[test]
    fn joins_a_sentence_split_at_a_page_break() {
        let doc = parse(
            "对提出的意见和交办的任务，诚恳接受并全面消化吸\n\n收，主动认领。\n\n**整改目标：**\n\n- 1、完成。\n",
        );
        assert_eq!(
            doc.blocks[0].text(),
            "对提出的意见和交办的任务，诚恳接受并全面消化吸收，主动认领。"
        );
        assert_eq!(doc.blocks.len(), 3);
        assert!(
            doc.diagnostics
                .iter()
                .any(|d| d.code == "page-break-joined")
        );
    }

    #[test]
    fn unclosed_strike_marker_is_literal() {
        let runs = inline("a~~b");
        assert_eq!(runs.len(), 1);
        assert!(!runs[0].struck);
    }

    #[test]
    fn pipe_tables_become_tables() {
        let doc = parse("| 序号 | 反馈问题 |\n|---|---|\n| 1 | 问题<br>第二段 |\n");
        let t = doc.blocks[0].table.as_ref().unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1][1].text(), "问题\n第二段");
    }

    #[test]
    fn crlf_lines_are_counted() {
        let doc = parse("甲。\r\n\r\n乙。\r\n");
        assert_eq!(doc.blocks[1].span.line, 3);
    }
}
