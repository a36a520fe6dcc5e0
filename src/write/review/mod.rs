//! The review page (`zhenggai review`): one self-contained HTML file a
//! clerk checks a plan on before its records go into a tracker. The
//! document as the reader saw it on the left (one element per line, with
//! its line, page and byte offsets), one card per problem on the right,
//! diagnostics, ledger findings, a timeline of due dates and a table of
//! problems per lead unit.
//!
//! The page is rendered from `page.html.j2` beside this file (minijinja,
//! every value HTML-escaped); its labels live there, not here. Every span
//! of the plan is turned here into a range of the page's line elements
//! (`data-rows="first-last"`), so the page's script only highlights
//! elements and never does offset arithmetic. The timeline is drawn by the
//! page's own script from the JSON embedded in the page.
//!
//! `batch --review` writes one page per file and `index.html`
//! ([`render_index`], from `index.html.j2`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use jiff::civil::Date;
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Value, context};
use serde::Serialize;

use crate::diag::{Error, Level, Result};
use crate::ledger::Report;
use crate::model::{Format, Measure, Person, Plan, Problem, Span, StatusValue, Term, Units};
use crate::read::{Block, BlockKind, Doc, Run};

/// Days before a due date that count as "due soon" on the page.
pub const DUE_SOON_DAYS: i32 = 30;

static ENV: LazyLock<std::result::Result<Environment<'static>, String>> = LazyLock::new(|| {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.add_template("page.html", include_str!("page.html.j2"))
        .map_err(|e| e.to_string())?;
    env.add_template("index.html", include_str!("index.html.j2"))
        .map_err(|e| e.to_string())?;
    Ok(env)
});

fn render_template(name: &str, ctx: Value) -> Result<String> {
    let env = ENV
        .as_ref()
        .map_err(|e| Error::Other(format!("review template: {e}")))?;
    env.get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| Error::Other(format!("review template {name}: {e}")))
}

/// A plan read for review: the reader's document, the decoded source
/// text (for Markdown and plain text, whose spans index it) and the plan.
#[derive(Debug, Clone)]
pub struct Reviewed {
    pub doc: Doc,
    pub text: Option<String>,
    pub plan: Plan,
}

/// Read and extract `bytes` (named `path`) for review: one read, the
/// same pipeline as [`crate::extract`].
pub fn load(bytes: &[u8], path: &str, opts: &crate::Options) -> Result<Reviewed> {
    let sha = crate::sha256_hex(bytes);
    let doc = crate::read::read(bytes, path, &opts.read_options())?;
    let text = match doc.format {
        Format::Markdown | Format::Text => Some(crate::read::decode_text(bytes)?.0.into_owned()),
        _ => None,
    };
    let plan = crate::plan_of(&doc, bytes.len(), path, sha, opts);
    Ok(Reviewed { doc, text, plan })
}

/// Counts for the batch index.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub problems: usize,
    /// Error diagnostics plus error findings.
    pub errors: usize,
    /// Warning diagnostics plus warning findings.
    pub warnings: usize,
    pub findings: usize,
    pub earliest_due: Option<Date>,
}

impl Stats {
    /// Count one diagnostic or finding of `level`.
    fn count(&mut self, level: Level) {
        match level {
            Level::Error => self.errors += 1,
            Level::Warning => self.warnings += 1,
            Level::Info => {}
        }
    }
}

/// A rendered page.
#[derive(Debug, Clone)]
pub struct Page {
    pub html: String,
    pub stats: Stats,
}

/// Render the review page of `r`, with the ledger `findings` when given
/// and due dates judged against `as_of` when given.
pub fn render(r: &Reviewed, report: Option<&Report>, as_of: Option<Date>) -> Result<Page> {
    let rows = match &r.text {
        Some(t) => source_rows(t),
        None => doc_rows(&r.doc),
    };
    let mut lines = Lines::new(rows);
    let plan = &r.plan;
    let ids: Vec<String> = plan.problems.iter().map(problem_id).collect();
    let by_seq: BTreeMap<u32, &str> = plan
        .problems
        .iter()
        .zip(&ids)
        .map(|(p, id)| (p.seq, id.as_str()))
        .collect();

    let mut cards: Vec<Card> = plan
        .problems
        .iter()
        .zip(&ids)
        .map(|(p, id)| card(p, id, &lines, as_of))
        .collect();
    // Lines belong to the first problem whose span covers them.
    for c in &cards {
        if let Some((a, b)) = c.range {
            for row in lines.rows.get_mut(a..=b).into_iter().flatten() {
                if row.problem.is_none() {
                    row.problem = Some(c.id.clone());
                }
            }
        }
    }

    let mut stats = Stats {
        problems: plan.problems.len(),
        ..Stats::default()
    };
    let diagnostics: Vec<DiagView> = plan
        .diagnostics
        .iter()
        .map(|d| {
            stats.count(d.level);
            DiagView {
                level: level_name(d.level),
                code: d.code.clone(),
                message: d.message.clone(),
                seq: d.problem,
                problem: d
                    .problem
                    .and_then(|s| by_seq.get(&s))
                    .map(|s| s.to_string()),
                rows: lines.attr(d.span),
                line: d.span.map(|s| s.line),
                page: d.span.and_then(|s| s.page),
            }
        })
        .collect();
    let findings: Vec<FindingView> = report
        .map(|rep| {
            rep.findings
                .iter()
                .map(|f| {
                    stats.count(f.severity);
                    FindingView {
                        level: level_name(f.severity),
                        code: f.code.as_str(),
                        cell: match &f.cell {
                            Some(c) => format!("{}!{c}", f.sheet),
                            None => f.sheet.clone(),
                        },
                        ledger_value: f.ledger_value.clone(),
                        plan_value: f.plan_value.clone(),
                        message: f.message.clone(),
                        seq: f.problem,
                        problem: f
                            .problem
                            .and_then(|s| by_seq.get(&s))
                            .map(|s| s.to_string()),
                        rows: lines.attr(f.span),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    stats.findings = findings.len();
    for c in &mut cards {
        c.diagnostics = diagnostics
            .iter()
            .filter(|d| d.problem.as_deref() == Some(c.id.as_str()))
            .cloned()
            .collect();
        c.errors = c.diagnostics.iter().filter(|d| d.level == "error").count();
        c.findings = findings
            .iter()
            .filter(|f| f.problem.as_deref() == Some(c.id.as_str()))
            .cloned()
            .collect();
    }
    stats.earliest_due = cards.iter().filter_map(|c| c.due).min();

    let timeline = Timeline {
        as_of,
        soon_days: DUE_SOON_DAYS,
        items: cards
            .iter()
            .filter_map(|c| {
                Some(TimelineItem {
                    id: c.id.clone(),
                    seq: c.seq,
                    label: c.label.clone(),
                    due: c.due?,
                    state: c.due_state,
                })
            })
            .collect(),
    };
    let data = json_for_script(&timeline)?;
    let lead_units = lead_table(&cards);
    let has_pages = lines.rows.iter().any(|r| r.page.is_some());
    // Rows keep their own line numbers; a page mark is drawn where the
    // page changes.
    let mut page = None;
    for row in &mut lines.rows {
        if row.page.is_some() && row.page != page {
            row.new_page = true;
            page = row.page;
        }
    }
    let ctx = PageContext {
        title: plan
            .title
            .clone()
            .unwrap_or_else(|| plan.source.path.clone()),
        source: &plan.source,
        region: plan.region.as_deref(),
        stated: plan.stated_problem_count,
        as_of,
        soon_days: DUE_SOON_DAYS,
        has_pages,
        has_tables: lines.rows.iter().any(|r| !r.cells.is_empty()),
        text_source: r.text.is_some(),
        rows: &lines.rows,
        cards: &cards,
        diagnostics: &diagnostics,
        findings: &findings,
        ledger: report.map(|r| LedgerSummary {
            sheet: &r.sheet,
            rows: r.rows,
            matched: r.matched,
        }),
        lead_units: &lead_units,
        stats: &stats,
        data,
        version: env!("CARGO_PKG_VERSION"),
    };
    let html = render_template("page.html", Value::from(Serde(&ctx)))?;
    Ok(Page { html, stats })
}

/// What the page template sees.
#[derive(Serialize)]
struct PageContext<'a> {
    title: String,
    source: &'a crate::model::Source,
    region: Option<&'a str>,
    stated: Option<u32>,
    as_of: Option<Date>,
    soon_days: i32,
    has_pages: bool,
    /// The document pane shows table rows as cells (it is made wider).
    has_tables: bool,
    text_source: bool,
    rows: &'a [Row],
    cards: &'a [Card],
    diagnostics: &'a [DiagView],
    findings: &'a [FindingView],
    ledger: Option<LedgerSummary<'a>>,
    lead_units: &'a [LeadRow],
    stats: &'a Stats,
    /// The timeline's JSON, escaped for a script element
    /// ([`json_for_script`]); the template writes it unescaped.
    data: String,
    version: &'static str,
}

#[derive(Serialize)]
struct LedgerSummary<'a> {
    sheet: &'a str,
    rows: usize,
    matched: usize,
}

/// One row of the batch index.
#[derive(Debug, Clone, Serialize)]
pub struct IndexEntry {
    /// The input as given.
    pub file: String,
    /// The review page, relative to the index.
    pub link: Option<String>,
    pub stats: Option<Stats>,
    /// Why the file has no page.
    pub error: Option<String>,
}

/// The batch's `index.html`: one row per file, sortable.
pub fn render_index(entries: &[IndexEntry]) -> Result<String> {
    render_template(
        "index.html",
        context! {
            entries => Value::from(Serde(entries)),
            version => env!("CARGO_PKG_VERSION"),
        },
    )
}

/// JSON for a `<script type="application/json">`: `<`, `>` and `&` are
/// written as `\u003c` … so no `</script>` (or `<!--`) can end the element
/// early; they occur only inside JSON strings, where the escape is valid.
fn json_for_script<T: Serialize>(value: &T) -> Result<String> {
    let json = serde_json::to_string(value)?;
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Ok(out)
}

fn problem_id(p: &Problem) -> String {
    if p.id.trim().is_empty() {
        format!("problem-{}", p.seq)
    } else {
        p.id.clone()
    }
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "info",
    }
}

// ---------------------------------------------------------------------
// The document's lines

/// A piece of a line's text; `del` for struck (deleted) text.
#[derive(Debug, Clone, Serialize)]
struct Seg {
    text: String,
    del: bool,
}

/// One line element of the document pane.
#[derive(Debug, Clone, Serialize)]
struct Row {
    line: u32,
    page: Option<u32>,
    /// Byte offsets of the line in the text the spans index.
    start: usize,
    end: usize,
    /// `h` heading, `p` text, `t` table row, `s` table rule, `b` blank.
    kind: &'static str,
    segs: Vec<Seg>,
    /// Table cells (document formats' tables); empty otherwise.
    cells: Vec<Vec<Seg>>,
    /// The problem the line belongs to.
    problem: Option<String>,
    /// First line of a new page.
    new_page: bool,
    /// The text for matching field values (segments and cells joined),
    /// without white space.
    #[serde(skip)]
    flat: String,
    /// Each cell's text likewise.
    #[serde(skip)]
    cell_flats: Vec<String>,
}

impl Row {
    fn new(line: u32, page: Option<u32>, start: usize, end: usize, kind: &'static str) -> Row {
        Row {
            line,
            page,
            start,
            end,
            kind,
            segs: Vec::new(),
            cells: Vec::new(),
            problem: None,
            new_page: false,
            flat: String::new(),
            cell_flats: Vec::new(),
        }
    }
}

/// Markdown and plain text: the source lines themselves (spans are byte
/// offsets into this text). `~~struck~~` runs are shown struck; a form
/// feed starts a page.
fn source_rows(text: &str) -> Vec<Row> {
    let paged = text.contains('\u{c}');
    let mut page = 1u32;
    let mut offset = 0usize;
    let mut rows = Vec::new();
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        page += line.matches('\u{c}').count() as u32;
        let shown = line.replace('\u{c}', "");
        let trimmed = shown.trim_start();
        let kind = if trimmed.is_empty() {
            "b"
        } else if trimmed.starts_with('#') {
            "h"
        } else if trimmed.starts_with('|')
            && trimmed
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
        {
            "s"
        } else if trimmed.starts_with('|') {
            "t"
        } else {
            "p"
        };
        let mut row = Row::new(
            u32::try_from(i + 1).unwrap_or(u32::MAX),
            paged.then_some(page),
            start,
            start + line.len(),
            kind,
        );
        row.segs = struck_segments(&shown);
        row.flat = squeeze(&shown);
        rows.push(row);
    }
    rows
}

/// `a ~~b~~ c` → plain `a `, struck `b`, plain ` c` (an unclosed `~~`
/// stays as written).
fn struck_segments(s: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find("~~") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("~~") else {
            break;
        };
        if open > 0 {
            out.push(Seg {
                text: rest[..open].to_string(),
                del: false,
            });
        }
        out.push(Seg {
            text: after[..close].to_string(),
            del: true,
        });
        rest = &after[close + 2..];
    }
    if !rest.is_empty() || out.is_empty() {
        out.push(Seg {
            text: rest.to_string(),
            del: false,
        });
    }
    out
}

fn run_segments(runs: &[Run]) -> Vec<Seg> {
    runs.iter()
        .filter(|r| !r.text.is_empty())
        .map(|r| Seg {
            text: r.text.clone(),
            del: r.struck,
        })
        .collect()
}

/// PDF, DOCX and HTML: the reader's blocks, one line element per block
/// and one per table row (spans index the reader's text rendering).
fn doc_rows(doc: &Doc) -> Vec<Row> {
    let mut rows = Vec::new();
    for b in &doc.blocks {
        match (&b.kind, &b.table) {
            (BlockKind::Table, Some(t)) => {
                for tr in &t.rows {
                    let spans: Vec<Span> = tr
                        .iter()
                        .filter(|c| !c.covered)
                        .flat_map(|c| c.blocks.iter().map(|b| b.span))
                        .collect();
                    let Some(first) = spans.first() else {
                        continue;
                    };
                    let start = spans.iter().map(|s| s.start).min().unwrap_or(first.start);
                    let end = spans.iter().map(|s| s.end).max().unwrap_or(first.end);
                    let mut row = Row::new(first.line, first.page, start, end, "t");
                    let mut flat = String::new();
                    for c in tr {
                        if c.covered {
                            row.cells.push(Vec::new());
                            row.cell_flats.push(String::new());
                            continue;
                        }
                        let mut cell_flat = String::new();
                        let mut segs = Vec::new();
                        for (k, cb) in c.blocks.iter().enumerate() {
                            if k > 0 {
                                segs.push(Seg {
                                    text: "\n".into(),
                                    del: false,
                                });
                            }
                            segs.extend(run_segments(&cb.runs()));
                            cell_flat.push_str(&block_flat(cb));
                        }
                        flat.push_str(&cell_flat);
                        row.cells.push(segs);
                        row.cell_flats.push(cell_flat);
                    }
                    row.flat = flat;
                    rows.push(row);
                }
            }
            _ => {
                let kind = if matches!(b.kind, BlockKind::Heading(_)) {
                    "h"
                } else {
                    "p"
                };
                let mut row = Row::new(b.span.line, b.span.page, b.span.start, b.span.end, kind);
                row.segs = run_segments(&b.runs());
                row.flat = block_flat(b);
                rows.push(row);
            }
        }
    }
    rows
}

fn block_flat(b: &Block) -> String {
    b.runs().iter().map(|r| squeeze(&r.text)).collect()
}

/// Text without white space, for matching a value to where it is written.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The first characters of a value as written (struck runs, white space
/// and Markdown emphasis marks dropped).
fn needle(text: &str) -> String {
    crate::write::clean_text(text)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '~' && *c != '*')
        .take(8)
        .collect()
}

/// The rows, and spans → row ranges.
struct Lines {
    rows: Vec<Row>,
    /// Rows in order of their start offsets (binary search possible).
    sorted: bool,
}

impl Lines {
    fn new(rows: Vec<Row>) -> Lines {
        let sorted = rows.windows(2).all(|w| w[0].start <= w[1].start);
        Lines { rows, sorted }
    }

    /// The rows a span covers: those its bytes overlap, else those with
    /// its line (and page).
    fn range(&self, span: Span) -> Option<(usize, usize)> {
        let (s, e) = (span.start, span.end.max(span.start + 1));
        let overlaps = |r: &Row| r.end > r.start && r.start < e && s < r.end;
        let from = if self.sorted {
            // Rows before `from` end at or before `s` (rows do not nest).
            self.rows.partition_point(|r| r.end <= s).saturating_sub(1)
        } else {
            0
        };
        let mut first = None;
        let mut last = None;
        for (i, r) in self.rows.iter().enumerate().skip(from) {
            if self.sorted && r.start >= e {
                break;
            }
            if overlaps(r) {
                first.get_or_insert(i);
                last = Some(i);
            }
        }
        if let (Some(a), Some(b)) = (first, last) {
            return Some((a, b));
        }
        let i = self
            .rows
            .iter()
            .position(|r| r.line == span.line && (span.page.is_none() || r.page == span.page))?;
        Some((i, i))
    }

    fn attr(&self, span: Option<Span>) -> String {
        span.and_then(|s| self.range(s))
            .map(range_attr)
            .unwrap_or_default()
    }

    /// The first row in `within` whose text holds the start of `text`:
    /// where a field without a span of its own is written.
    fn find(&self, within: Option<(usize, usize)>, text: &str) -> Option<(usize, usize)> {
        let (a, b) = within?;
        let needle = needle(text);
        if needle.is_empty() {
            return None;
        }
        (a..=b)
            .find(|&i| self.rows.get(i).is_some_and(|r| r.flat.contains(&needle)))
            .map(|i| (i, i))
    }

    /// `data-rows` of a field without a span of its own: the line (and
    /// table cell, `first-last:cell`) that says it, else all of `within`.
    fn field_attr(&self, within: Option<(usize, usize)>, text: &str) -> String {
        let Some((i, _)) = self.find(within, text) else {
            return within.map(range_attr).unwrap_or_default();
        };
        let needle = needle(text);
        let cell = self
            .rows
            .get(i)
            .and_then(|r| r.cell_flats.iter().position(|c| c.contains(&needle)));
        match cell {
            Some(k) => format!("{i}-{i}:{k}"),
            None => range_attr((i, i)),
        }
    }
}

fn range_attr((a, b): (usize, usize)) -> String {
    format!("{a}-{b}")
}

// ---------------------------------------------------------------------
// Cards

#[derive(Debug, Clone, Serialize)]
struct DiagView {
    level: &'static str,
    code: String,
    message: String,
    seq: Option<u32>,
    problem: Option<String>,
    rows: String,
    line: Option<u32>,
    page: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
struct FindingView {
    level: &'static str,
    code: &'static str,
    /// `sheet!D6`.
    cell: String,
    ledger_value: Option<String>,
    plan_value: Option<String>,
    message: String,
    seq: Option<u32>,
    problem: Option<String>,
    rows: String,
}

#[derive(Debug, Clone, Serialize)]
struct TermView {
    text: String,
    kind: String,
    start: Option<Date>,
    end: Option<Date>,
    qualifier: Option<String>,
    applies_to: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct UnitView {
    text: String,
    name: String,
    collective: bool,
    duty: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct UnitsView {
    text: String,
    lead: Vec<UnitView>,
    others: Vec<UnitView>,
    rows: String,
}

#[derive(Debug, Clone, Serialize)]
struct PersonView {
    name: String,
    title: Option<String>,
    scope: Option<String>,
    phone: Option<String>,
    rows: String,
}

#[derive(Debug, Clone, Serialize)]
struct MeasureView {
    number: Option<String>,
    heading: Option<String>,
    text: String,
    units: Option<UnitsView>,
    terms: Vec<TermView>,
    children: Vec<MeasureView>,
    rows: String,
}

#[derive(Debug, Clone, Serialize)]
struct TextField {
    text: String,
    rows: String,
}

#[derive(Debug, Clone, Serialize)]
struct DeadlineView {
    text: String,
    due: Option<Date>,
    terms: Vec<TermView>,
    rows: String,
}

#[derive(Debug, Clone, Serialize)]
struct StatusView {
    text: String,
    value: Option<StatusValue>,
    rows: String,
}

#[derive(Debug, Clone, Serialize)]
struct Card {
    id: String,
    seq: u32,
    label: String,
    title: Option<TextField>,
    description: TextField,
    target: Option<TextField>,
    deadline: Option<DeadlineView>,
    due: Option<Date>,
    /// `overdue`, `soon`, `done`, `ok`, or `` without `--as-of`.
    due_state: &'static str,
    units: Option<UnitsView>,
    leaders: Vec<PersonView>,
    responsible: Vec<PersonView>,
    contacts: Vec<PersonView>,
    measures: Vec<MeasureView>,
    status: Option<StatusView>,
    rows: String,
    #[serde(skip)]
    range: Option<(usize, usize)>,
    errors: usize,
    diagnostics: Vec<DiagView>,
    findings: Vec<FindingView>,
}

/// A value serialized as its serde name (`half_year`, `end_of` …).
fn serde_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn terms(ts: &[Term]) -> Vec<TermView> {
    ts.iter()
        .map(|t| TermView {
            text: t.text.clone(),
            kind: serde_name(&t.kind),
            start: t.start,
            end: t.end,
            qualifier: t.qualifier.as_ref().map(serde_name),
            applies_to: t.applies_to.clone(),
        })
        .collect()
}

/// Renders a units field, given the rows of the measure it belongs to.
type UnitsFn<'a> = dyn Fn(&Units, Option<(usize, usize)>) -> UnitsView + 'a;

fn card(p: &Problem, id: &str, lines: &Lines, as_of: Option<Date>) -> Card {
    let range = p.span.and_then(|s| lines.range(s));
    let field = |text: &str| lines.field_attr(range, text);
    let text_field = |text: &str| TextField {
        text: text.to_string(),
        rows: field(text),
    };
    let units_view = |u: &Units, own: Option<(usize, usize)>| {
        let unit = |u: &crate::model::Unit| UnitView {
            text: u.text.clone(),
            name: u.name.clone(),
            collective: u.collective,
            duty: u.duty.clone(),
        };
        UnitsView {
            text: u.text.clone(),
            lead: u.lead.iter().map(unit).collect(),
            others: u.others.iter().map(unit).collect(),
            rows: own.map_or_else(|| field(&u.text), range_attr),
        }
    };
    let people = |ps: &[Person]| -> Vec<PersonView> {
        ps.iter()
            .map(|x| PersonView {
                name: x.name.clone(),
                title: x.title.clone(),
                scope: x.scope.clone(),
                phone: x.phone.clone(),
                rows: field(if x.text.is_empty() { &x.name } else { &x.text }),
            })
            .collect()
    };
    fn measures(
        ms: &[Measure],
        lines: &Lines,
        fallback: Option<(usize, usize)>,
        units_view: &UnitsFn<'_>,
    ) -> Vec<MeasureView> {
        ms.iter()
            .map(|m| {
                let own = m
                    .span
                    .and_then(|s| lines.range(s))
                    .or_else(|| lines.find(fallback, &m.text))
                    .or(fallback);
                MeasureView {
                    number: m.number.clone(),
                    heading: m.heading.clone(),
                    text: m.text.clone(),
                    units: m.units.as_ref().map(|u| units_view(u, own)),
                    terms: terms(&m.terms),
                    children: measures(&m.children, lines, own, units_view),
                    rows: own.map(range_attr).unwrap_or_default(),
                }
            })
            .collect()
    }
    let due = p.deadline.as_ref().and_then(|d| d.due);
    let done = p.status.as_ref().is_some_and(|s| {
        matches!(
            s.value,
            Some(StatusValue::Completed) | Some(StatusValue::Closed)
        )
    });
    let due_state = match (due, as_of) {
        (Some(_), Some(_)) if done => "done",
        (Some(d), Some(t)) if d < t => "overdue",
        (Some(d), Some(t)) if (d - t).get_days() <= DUE_SOON_DAYS => "soon",
        (Some(_), Some(_)) => "ok",
        _ => "",
    };
    Card {
        id: id.to_string(),
        seq: p.seq,
        label: p.label.clone(),
        title: p.title.as_deref().map(text_field),
        description: text_field(&p.description),
        target: p.target.as_deref().map(text_field),
        deadline: p.deadline.as_ref().map(|d| DeadlineView {
            text: d.text.clone(),
            due: d.due,
            terms: terms(&d.terms),
            rows: field(&d.text),
        }),
        due,
        due_state,
        units: p.units.as_ref().map(|u| units_view(u, None)),
        leaders: people(&p.leaders),
        responsible: people(&p.responsible),
        contacts: people(&p.contacts),
        measures: measures(&p.measures, lines, range, &units_view),
        status: p.status.as_ref().map(|s| StatusView {
            text: s.text.clone(),
            value: s.value,
            rows: field(&s.text),
        }),
        rows: range.map(range_attr).unwrap_or_default(),
        range,
        errors: 0,
        diagnostics: Vec::new(),
        findings: Vec::new(),
    }
}

#[derive(Debug, Serialize)]
struct TimelineItem {
    id: String,
    seq: u32,
    label: String,
    due: Date,
    state: &'static str,
}

#[derive(Debug, Serialize)]
struct Timeline {
    as_of: Option<Date>,
    soon_days: i32,
    items: Vec<TimelineItem>,
}

#[derive(Debug, Serialize)]
struct LeadProblem {
    id: String,
    label: String,
    due: Option<Date>,
    due_state: &'static str,
}

#[derive(Debug, Serialize)]
struct LeadRow {
    name: String,
    problems: Vec<LeadProblem>,
}

/// Problems per lead unit (canonical name), most problems first.
fn lead_table(cards: &[Card]) -> Vec<LeadRow> {
    let mut map: BTreeMap<String, Vec<LeadProblem>> = BTreeMap::new();
    for c in cards {
        let mut names: Vec<&str> = c
            .units
            .iter()
            .flat_map(|u| u.lead.iter())
            .map(|u| {
                if u.name.is_empty() {
                    u.text.as_str()
                } else {
                    u.name.as_str()
                }
            })
            .collect();
        names.dedup();
        for n in names {
            let list = map.entry(n.to_string()).or_default();
            if list.iter().all(|p| p.id != c.id) {
                list.push(LeadProblem {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    due: c.due,
                    due_state: c.due_state,
                });
            }
        }
    }
    let mut rows: Vec<LeadRow> = map
        .into_iter()
        .map(|(name, problems)| LeadRow { name, problems })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.problems.len()));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_element() -> Result<()> {
        let s = json_for_script(&vec!["</script><!-- & \u{2028}"])?;
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: Vec<String> = serde_json::from_str(&s)?;
        assert_eq!(back, vec!["</script><!-- & \u{2028}".to_string()]);
        Ok(())
    }

    #[test]
    fn struck_runs_are_segments() {
        let segs = struck_segments("甲~~乙~~丙~~丁");
        let got: Vec<(&str, bool)> = segs.iter().map(|s| (s.text.as_str(), s.del)).collect();
        assert_eq!(got, vec![("甲", false), ("乙", true), ("丙~~丁", false)]);
    }

    #[test]
    fn spans_map_to_source_lines() {
        let lines = Lines::new(source_rows("a\nbb\n\ncc\n"));
        // "bb" is bytes 2..4, "cc" 6..8.
        let span = |start, end| Span {
            line: 0,
            page: None,
            start,
            end,
        };
        assert_eq!(lines.range(span(2, 4)), Some((1, 1)));
        assert_eq!(lines.range(span(3, 7)), Some((1, 3)));
        assert_eq!(lines.range(span(0, 0)), Some((0, 0)));
        assert_eq!(lines.find(Some((0, 3)), "cc"), Some((3, 3)));
    }
}
