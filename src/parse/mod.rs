//! Parser: [`Doc`] → [`Skeleton`], the plan's structure with every field
//! still as the text written. Format-blind: it sees blocks, never markup.
//!
//! The document is split into front matter (title, body sections, the
//! inspection facts) and the checklist — labelled paragraphs
//! (反馈问题一：… 整改时限：…) or a table — whose problems become
//! [`RawProblem`]s. Normalizing dates, units and people is the next stage's
//! job.

mod checklist;
mod closing;
mod flat;
mod front;
mod inline;
mod kv;
mod measures;
mod notice;
mod number;
mod progress;
mod shapes;
mod table;
mod tasks;

pub(crate) use closing::{closing_end, cut_closing, is_closing, is_date_line};
pub use number::{Numbered, Style, leading_number, number_value};

use crate::diag::Diagnostic;
use crate::labels::FieldKind;
use crate::model::{Alias, Section, Span, Status, StatusValue};
use crate::read::{BlockKind, Doc, Table};

/// A field's value as written, with where it was.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Field {
    pub text: String,
    pub span: Option<Span>,
}

/// A problem before normalization.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawProblem {
    pub seq: u32,
    pub label: String,
    pub title: Option<String>,
    pub description: String,
    pub target: Option<String>,
    pub deadline: Option<Field>,
    pub units: Option<Field>,
    pub leaders: Option<Field>,
    pub responsible: Option<Field>,
    pub contacts: Option<Field>,
    pub measures: Vec<RawMeasure>,
    pub span: Option<Span>,
    pub status: Option<Status>,
}

/// A measure before normalization.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawMeasure {
    pub number: Option<String>,
    pub heading: Option<String>,
    pub text: String,
    /// （责任单位：…） written inside the measure.
    pub units: Option<String>,
    pub children: Vec<RawMeasure>,
    pub span: Option<Span>,
}

/// Inspection facts as the text states them (dates still as text).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawInspection {
    pub body: Option<String>,
    /// Clauses giving the inspection period (2018年7月26日至8月14日), the
    /// plan's own first, then any a preamble states.
    pub period: Vec<Field>,
    /// Clauses giving the feedback date, in the same order.
    pub feedback: Vec<Field>,
}

/// The plan's structure with field texts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Skeleton {
    pub title: Option<String>,
    pub region: Option<String>,
    /// For an organization with no place in its title inspected by a 省委
    /// group (a university): the texts that may name its province (in an
    /// address, say), in document order; the first province-level name in
    /// them is its region.
    pub province_texts: Vec<String>,
    /// Lines naming the document's issuer (a 红头 header, a portal's
    /// source line, signatures): where the region is read when the title
    /// names none. Filled by the caller from the Doc
    /// (`normalize::issued::issuer_lines`), not by the parser.
    pub issuers: Vec<String>,
    /// The year most of the plan's own dates are in: the context for 年底前.
    pub year: Option<i16>,
    pub inspection: Option<RawInspection>,
    pub stated_problem_count: Option<u32>,
    pub checklist_title: Option<String>,
    pub aliases: Vec<Alias>,
    pub sections: Vec<Section>,
    /// A document-level default unit list (以下各项工作均需…落实，不再列出).
    pub default_units: Option<Field>,
    pub problems: Vec<RawProblem>,
    pub diagnostics: Vec<Diagnostic>,
    /// The shape family the checklist was read as (`table`, `labelled`,
    /// `tasks`, `notices`, `flat`, `prose`), or `None` when none fit.
    pub shape: Option<&'static str>,
}

/// One block flattened for the parser: its text without struck runs.
#[derive(Debug, Clone)]
pub(crate) struct Item<'d> {
    /// Borrowed from the block; owned only when the parser made the text
    /// (a table cell's paragraphs joined, a flattened row split).
    pub text: std::borrow::Cow<'d, str>,
    pub kind: BlockKind,
    pub span: Span,
    pub table: Option<&'d Table>,
    /// The block starts with a bold run (a label or a heading in disguise).
    pub bold_start: bool,
}

fn flatten(doc: &Doc) -> Vec<Item<'_>> {
    // Sized for every block up front: a filtered iterator gives `collect`
    // no size, and growing by doubling copied the items about seven times.
    let mut items = Vec::with_capacity(doc.blocks.len());
    items.extend(
        doc.blocks
            .iter()
            .map(|b| Item {
                text: std::borrow::Cow::Borrowed(b.text()),
                kind: b.kind,
                span: b.span,
                table: b.table.as_ref(),
                bold_start: b.bold_start(),
            })
            .filter(|it| it.kind == BlockKind::Table || !it.text.is_empty()),
    );
    items
}

/// Parse a document into its skeleton.
pub fn parse(doc: &Doc) -> Skeleton {
    let flat = flatten(doc);
    // Key-value tables read as the labelled fields they hold.
    let expanded = kv::expand(&flat);
    let items: &[Item] = expanded.as_deref().unwrap_or(&flat);
    // 责任单位：X 整改时限：3天 with the space gone: a label ends the value
    // before it.
    let cut = cut_glued_labels(items);
    let items: &[Item] = cut.as_deref().unwrap_or(items);
    let mut sk = Skeleton {
        diagnostics: doc.diagnostics.clone(),
        ..Skeleton::default()
    };
    let start = checklist::parse(items, &mut sk);
    front::parse(&items[..start.min(items.len())], items, &mut sk);
    front::body_sections(items, start, &mut sk);
    // A notice batch publishes some of a plan's items: its numbers skip.
    if sk.shape != Some("notices") {
        checklist::check_numbering(&mut sk);
    }
    untitled(&mut sk);
    sk
}

/// The status a progress text states, if any.
pub fn status_of(text: &str) -> Option<Status> {
    const WORDS: &[(&str, StatusValue)] = &[
        ("已销号", StatusValue::Closed),
        ("已完成整改并销号", StatusValue::Closed),
        ("长期坚持", StatusValue::InProgress),
        ("基本完成", StatusValue::MostlyCompleted),
        ("序时推进", StatusValue::OnSchedule),
        ("按序时推进", StatusValue::OnSchedule),
        ("未完成", StatusValue::Behind),
        ("滞后", StatusValue::Behind),
        ("正在推进", StatusValue::InProgress),
        ("正在整改", StatusValue::InProgress),
        ("持续推进", StatusValue::InProgress),
        ("推进中", StatusValue::InProgress),
        ("整改中", StatusValue::InProgress),
        ("已完成", StatusValue::Completed),
        ("已全部完成", StatusValue::Completed),
        ("提前完成", StatusValue::Completed),
        ("已经完成", StatusValue::Completed),
        ("完成整改", StatusValue::Completed),
        ("已整改", StatusValue::Completed),
        ("整改到位", StatusValue::Completed),
    ];
    // A closing sentence (如对…有异议, 特此公示) is the notice's.
    let t = cut_closing(text.trim());
    if t.is_empty() {
        return None;
    }
    // The earliest status word wins: 已完成整改，正在推进… is completed.
    // 力争提前完成 is a plan, not a result.
    let planned = |i: usize| {
        ["力争", "确保", "争取", "计划", "预计"]
            .iter()
            .any(|p| t[..i].ends_with(p))
    };
    let hit = WORDS
        .iter()
        .filter_map(|(w, v)| t.find(w).map(|i| (i, std::cmp::Reverse(w.len()), *v)))
        .filter(|&(i, _, v)| !(v == StatusValue::Completed && planned(i)))
        .min_by_key(|&(i, l, _)| (i, l));
    // Completed and struck off the list (已完成整改，经验收同意销号) is
    // closed.
    let value = match hit.map(|(_, _, v)| v) {
        Some(StatusValue::Completed)
            if ["已销号", "同意销号", "予以销号", "并销号", "完成销号"]
                .iter()
                .any(|w| t.contains(w)) =>
        {
            Some(StatusValue::Closed)
        }
        v => v,
    };
    Some(Status {
        text: t.to_string(),
        value,
    })
}

/// The first sentence of `text` (up to and including 。！？), or the text
/// itself when it has no sentence end and is one line of at most
/// [`TITLE_MAX`] characters. Never part of a line: a longer text with no
/// sentence end has no title (the caller says so, see [`untitled`]).
pub(crate) fn first_sentence(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.find(['。', '！', '？']) {
        Some(i) => {
            let end = i + t[i..].chars().next().map_or(0, char::len_utf8);
            Some(t[..end].to_string())
        }
        None if !t.contains('\n') && t.chars().count() <= TITLE_MAX => Some(t.to_string()),
        None => None,
    }
}

/// The longest problem text with no sentence end that is its own title.
const TITLE_MAX: usize = 120;

/// A diagnostic for every problem with text but no title: its text had
/// no sentence end and was too long or several lines to be one.
fn untitled(sk: &mut Skeleton) {
    for p in &sk.problems {
        if p.title.is_none() && !p.description.trim().is_empty() {
            sk.diagnostics.push(
                crate::diag!(TitleNotFound; label = p.label)
                    .problem(p.seq)
                    .at(p.span),
            );
        }
    }
}

/// The unit labels of one problem, each kept with its role. A problem
/// may write its units on several label lines (牵头单位：X / 责任单位：Y);
/// joined bare, the second label's units would take the first's role. So
/// one plain 责任单位 line gives its value alone (as the golds keep it),
/// and anything more is written `label：value；label：value`, the form the
/// unit normalizer splits into roles.
#[derive(Debug, Default)]
pub(crate) struct UnitParts {
    parts: Vec<(FieldKind, String, String)>,
    span: Option<Span>,
}

impl UnitParts {
    /// One label's value (`name` as written, or a section heading's name).
    pub(crate) fn push(&mut self, kind: FieldKind, name: &str, value: &str, span: Option<Span>) {
        let value = crate::text::trim(value);
        if value.is_empty() {
            return;
        }
        self.span = match (self.span, span) {
            (Some(a), Some(b)) => Some(a.to(b)),
            (a, b) => a.or(b),
        };
        self.parts
            .push((kind, role_label(kind, name).to_string(), value.to_string()));
    }

    /// Text below a label already pushed (its value runs on): appended to
    /// the last part.
    pub(crate) fn append(&mut self, text: &str, span: Option<Span>) {
        match self.parts.last_mut() {
            Some(last) => {
                last.2.push_str(text);
                self.span = match (self.span, span) {
                    (Some(a), Some(b)) => Some(a.to(b)),
                    (a, b) => a.or(b),
                };
            }
            None => self.push(FieldKind::Units, FieldKind::Units.label(), text, span),
        }
    }

    /// The units field: a lone 责任单位 value as written, else every part
    /// with its label.
    pub(crate) fn field(self) -> Option<Field> {
        let text = match self.parts.as_slice() {
            [] => return None,
            [(FieldKind::Units, _, value)] if !has_unit_label_after_first(value) => value.clone(),
            parts => parts
                .iter()
                .map(|(_, name, value)| format!("{name}：{value}"))
                .collect::<Vec<_>>()
                .join("；"),
        };
        Some(Field {
            text,
            span: self.span,
        })
    }
}

/// The label a unit part is written with: as written when its words give
/// its role (牵头 → lead; 单位, 部门, 责任, 配合, 协办, 协助, 参与 →
/// others), else the field's usual label (整改实施主体 → 责任单位), so the
/// unit normalizer never reads the label as a unit.
fn role_label(kind: FieldKind, name: &str) -> &str {
    const LEAD: &[&str] = &["牵头"];
    const OTHER: &[&str] = &["单位", "部门", "责任", "配合", "协办", "协助", "参与"];
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    let fits = match kind {
        FieldKind::LeadUnits => has(LEAD),
        FieldKind::Units | FieldKind::OtherUnits => !has(LEAD) && has(OTHER),
        _ => false,
    };
    if fits && leading_number(name).is_none() {
        name
    } else {
        kind.label()
    }
}

/// Whether a units value holds another unit label after a ；
/// (X；配合单位：Y).
/// The short-field kinds (units, deadline, people) whose value a second
/// label glued after it ends.
fn short_field(kind: FieldKind) -> Option<u8> {
    match kind {
        FieldKind::Units | FieldKind::LeadUnits | FieldKind::OtherUnits => Some(0),
        FieldKind::Deadline => Some(1),
        FieldKind::Leaders => Some(2),
        FieldKind::Responsible => Some(3),
        FieldKind::Contacts => Some(4),
        _ => None,
    }
}

/// Where a block opening with a short field (责任单位：, 整改时限：, 责任人：)
/// holds another field's label (glued after the value when the space
/// between them was dropped: 责任单位:市科技馆整改时限:3天): the byte
/// offsets of those labels, outside brackets. Labels of the same family
/// (牵头单位：X；配合单位：Y) stay together: the units reader splits them.
fn glued_labels(text: &str) -> Vec<usize> {
    let Some(first) = crate::labels::field_label(text) else {
        return Vec::new();
    };
    let Some(family) = short_field(first.kind) else {
        return Vec::new();
    };
    let from = text.len() - first.value.len();
    let mut depth = 0i32;
    let mut out = Vec::new();
    // Past a label found: its own tail (改时限：, 时限：) is no new label.
    let mut skip_until = 0;
    for (k, c) in text[from..].char_indices() {
        match c {
            '（' | '(' | '〔' | '【' | '[' => depth += 1,
            '）' | ')' | '〕' | '】' | ']' => depth -= 1,
            _ if depth == 0 && k > 0 && from + k >= skip_until => {
                let at = from + k;
                if let Some(l) = crate::labels::field_label(&text[at..])
                    && short_field(l.kind).is_some_and(|f| f != family)
                    && !l.value.is_empty()
                {
                    out.push(at);
                    skip_until = text.len() - l.value.len();
                }
            }
            _ => {}
        }
    }
    out
}

/// Items with every block that holds glued short fields cut into one item
/// per field; `None` when there is none.
fn cut_glued_labels<'d>(items: &[Item<'d>]) -> Option<Vec<Item<'d>>> {
    let cuts: Vec<Vec<usize>> = items.iter().map(|it| glued_labels(&it.text)).collect();
    if cuts.iter().all(Vec::is_empty) {
        return None;
    }
    let mut out = Vec::with_capacity(items.len() + 4);
    for (it, at) in items.iter().zip(&cuts) {
        if at.is_empty() {
            out.push(it.clone());
            continue;
        }
        let mut bounds = vec![0];
        bounds.extend(at.iter().copied());
        bounds.push(it.text.len());
        for w in bounds.windows(2) {
            let Some(piece) = it.text.get(w[0]..w[1]) else {
                continue;
            };
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            out.push(Item {
                text: std::borrow::Cow::Owned(piece.to_string()),
                bold_start: it.bold_start && w[0] == 0,
                ..it.clone()
            });
        }
    }
    Some(out)
}

pub(crate) fn has_unit_label_after_first(text: &str) -> bool {
    text.split(['；', ';']).skip(1).any(|part| {
        crate::labels::field_label(part.trim()).is_some_and(|l| {
            matches!(
                l.kind,
                FieldKind::Units | FieldKind::LeadUnits | FieldKind::OtherUnits
            )
        })
    })
}

/// The span covering items `a` through `b`.
pub(crate) fn cover(a: &Item, b: &Item) -> Span {
    a.span.to(b.span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words() {
        assert_eq!(
            status_of("该问题已完成整改。").and_then(|s| s.value),
            Some(StatusValue::Completed)
        );
        assert_eq!(
            status_of("基本完成").and_then(|s| s.value),
            Some(StatusValue::MostlyCompleted)
        );
        assert_eq!(
            status_of("序时推进").and_then(|s| s.value),
            Some(StatusValue::OnSchedule)
        );
        assert_eq!(
            status_of("已销号").and_then(|s| s.value),
            Some(StatusValue::Closed)
        );
        assert_eq!(
            status_of("正在推进中").and_then(|s| s.value),
            Some(StatusValue::InProgress)
        );
        assert_eq!(status_of("无").and_then(|s| s.value), None);
        assert_eq!(
            status_of("提前完成年度任务。").and_then(|s| s.value),
            Some(StatusValue::Completed)
        );
        assert_eq!(
            status_of("已全部完成").and_then(|s| s.value),
            Some(StatusValue::Completed)
        );
        assert_eq!(status_of("力争提前完成").and_then(|s| s.value), None);
        assert_eq!(
            status_of("已完成整改，经验收同意销号。").and_then(|s| s.value),
            Some(StatusValue::Closed)
        );
        assert_eq!(
            status_of("已完成整改并销号").and_then(|s| s.value),
            Some(StatusValue::Closed)
        );
        assert_eq!(
            status_of("长期坚持").and_then(|s| s.value),
            Some(StatusValue::InProgress)
        );
    }

    #[test]
    fn closing_sentences_and_signatures() {
        assert_eq!(
            cut_closing("经核查，已完成整改。如对该问题有异议，请反映。"),
            "经核查，已完成整改。"
        );
        assert_eq!(
            cut_closing("实行挂牌保护。在今后的工作中，我局将加强管理。"),
            "实行挂牌保护。"
        );
        // A closing phrase is a sentence's opening, not any occurrence.
        assert_eq!(
            cut_closing("明确下一步，整改到位。"),
            "明确下一步，整改到位。"
        );
        for d in [
            "2023年1月17日",
            "二〇二三年一月十七日",
            "2018.06.15",
            " 2024 年 3 月 8 日 ",
        ] {
            assert!(is_date_line(d), "{d}");
        }
        for d in ["2023年1月17日前完成", "2023年底", "截至2023年1月17日"] {
            assert!(!is_date_line(d), "{d}");
        }
        let doc = |texts: &[&str]| -> Vec<Item<'static>> {
            texts
                .iter()
                .map(|t| Item {
                    text: std::borrow::Cow::Owned(t.to_string()),
                    kind: BlockKind::Paragraph,
                    span: Span::default(),
                    table: None,
                    bold_start: false,
                })
                .collect()
        };
        let items = doc(&["二是建立台账。", "青山县水利局", "2024年3月18日"]);
        assert_eq!(closing_end(&items, 0, items.len()), 1);
        // A date under its label is the label's value.
        let items = doc(&["整改时限：", "2024年3月18日", "整改时限", "2024年6月30日"]);
        assert_eq!(closing_end(&items, 0, items.len()), items.len());
        let items = doc(&["一是加强巡查。", "下一步，我局将持续推进。"]);
        assert_eq!(closing_end(&items, 0, items.len()), 1);
        // A request to all units and a portal's furniture end the list.
        let items = doc(&["由县交通局修缮。", "请各责任单位尽快整改，书面报送结果。"]);
        assert_eq!(closing_end(&items, 0, items.len()), 1);
        let items = doc(&["由县交通局修缮。", "| 责任编辑："]);
        assert_eq!(closing_end(&items, 0, items.len()), 1);
        let items = doc(&["由县交通局修缮。", "| |"]);
        assert_eq!(closing_end(&items, 0, items.len()), 1);
        let items = doc(&["由县交通局修缮。", "请示报告制度未落实。"]);
        assert_eq!(closing_end(&items, 0, items.len()), 2);
    }

    #[test]
    fn glued_labels_end_the_value_before_them() {
        let t = "责任单位:市图书馆整改时限:5天";
        let at = glued_labels(t);
        assert_eq!(at.len(), 1);
        assert_eq!(&t[..at[0]], "责任单位:市图书馆");
        // Two unit roles stay together; a label in brackets is the value's.
        assert!(glued_labels("牵头单位：县水利局；配合单位：县财政局").is_empty());
        assert!(glued_labels("责任单位：县水利局（整改时限：另行通知）").is_empty());
        assert!(glued_labels("整改措施：一是…责任单位：县水利局").is_empty());
    }

    #[test]
    fn first_sentences() {
        assert_eq!(
            first_sentence("夏季攻势方面。湘潭市").as_deref(),
            Some("夏季攻势方面。")
        );
        assert_eq!(first_sentence("短标题").as_deref(), Some("短标题"));
    }
}
