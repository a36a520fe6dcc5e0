//! The checklist: where the problems are and what each field says.
//! Handles labelled paragraphs (反馈问题一：… 整改时限：…), other numbering
//! of problems (（一）/ 一、/ 1. / 问题N) recognized by the labels that
//! follow them, single-problem notices (反馈问题：…) and tables.

use std::borrow::Cow;

use std::sync::LazyLock;

use regex::Regex;

use super::number::{Style, leading_number, number_value};
use super::{Field, Item, RawProblem, Skeleton, cover, first_sentence, measures, status_of, table};
use crate::diag::Diagnostic;
use crate::labels::{FieldKind, field_label};
use crate::read::BlockKind;

static PROBLEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*((?:反馈|存在|督察|巡视|交办)?问题\s*([一二三四五六七八九十百零〇两]+|\d{1,3}))\s*[：:、.．]?\s*")
        .expect("static regex")
});

/// A problem opening: where it is, its seq, label and the text after it.
#[derive(Default)]
pub(super) struct Start {
    pub at: usize,
    pub seq: u32,
    pub label: String,
    pub rest: String,
    /// The group heading (1. 市科技馆) above a run of sub-items (1)(2)(3)
    /// whose fields are written once after the last: set on every item
    /// of the run, see [`grouped_runs`].
    pub group: Option<Group>,
    /// The items before this one (numbered from 1, with no fields of
    /// their own) joined into it because no group heading makes their
    /// structure certain: how many items the problem holds.
    pub joined: Option<usize>,
}

/// A sub-item's place in a group that shares its fields.
#[derive(Clone)]
pub(super) struct Group {
    /// The heading's text without its number.
    pub name: String,
    /// The heading's item.
    pub at: usize,
    /// The item has no fields of its own: they are those of the run's
    /// last item, the next start with `borrows` false.
    pub borrows: bool,
    /// Items in the run.
    pub count: usize,
}

/// A shape family's reader: where the checklist starts (the index of its
/// first item) and its problems, or `None` when the document is not of
/// that shape. Each family is one file of `parse/`; a new family is a new
/// file and one line in [`FAMILIES`].
pub(super) type Reader = fn(&[Item], &mut Vec<Diagnostic>) -> Option<(usize, Vec<RawProblem>)>;

/// The families, most specific evidence first: a checklist table; a batch
/// of sectioned notices (before the labelled reader, which would take each
/// notice's 二、整改目标 for a numbered problem); labelled fields, one to a
/// paragraph or run together; tasks with their duties in a trailing
/// bracket (after the labelled reader: the seed's measures end in duty
/// brackets too); numbered rows flattened to text; then the prose shapes
/// (巡察 notices with 关于…问题, narrative reports).
const FAMILIES: &[(&str, Reader)] = &[
    ("table", table::parse_tables),
    ("notices", super::notice::parse),
    ("labelled", labelled),
    ("labelled", labelled_inline),
    ("tasks", super::tasks::parse),
    ("flat", super::flat::parse),
    ("prose", super::shapes::parse),
];

/// Find the problems, fill `sk.problems` and `sk.shape`; returns the index
/// of the first checklist item (the end of the front matter).
pub(super) fn parse(items: &[Item], sk: &mut Skeleton) -> usize {
    for (name, read) in FAMILIES {
        if let Some((at, problems)) = read(items, &mut sk.diagnostics) {
            sk.problems = problems;
            sk.shape = Some(name);
            return at;
        }
    }
    sk.diagnostics.push(crate::diag!(NoChecklist));
    items.len()
}

/// Fields run together in one paragraph per problem: cut, then read as
/// labelled paragraphs.
fn labelled_inline(
    items: &[Item],
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Vec<RawProblem>)> {
    let (split, origin) = super::inline::split(items)?;
    let (at, problems) = labelled(&split, diags)?;
    Some((origin.get(at).copied().unwrap_or(items.len()), problems))
}

/// Problems opened by labels (反馈问题一：), by numbering followed by field
/// labels, or by a bare 反馈问题： — the first of these that finds any —
/// pushed to `sk.problems`; the index of the first problem's item.
fn labelled(items: &[Item], diags: &mut Vec<Diagnostic>) -> Option<(usize, Vec<RawProblem>)> {
    let starts = explicit_starts(items);
    let starts = if starts.is_empty() {
        numbered_starts(items)
    } else {
        starts
    };
    let starts = if starts.is_empty() {
        notice_starts(items)
    } else {
        starts
    };
    let first = starts.first()?.at;
    let mut problems = Vec::with_capacity(starts.len());
    let mut split = false;
    // Sub-items waiting for their group's fields.
    let mut borrowing: Vec<usize> = Vec::new();
    for (i, s) in starts.iter().enumerate() {
        // The last problem ends where the closing paragraph or the
        // signature begins.
        let mut end = match starts.get(i + 1) {
            Some(n) => n.at,
            None => super::closing_end(items, s.at + 1, items.len()),
        };
        // A numbered problem ends at a heading numbered above it (the next
        // group's （二）在…方面, or 三、下一步工作打算 after the last one).
        if let Some(n) = leading_number(&items[s.at].text)
            && s.label == n.number
            && let Some(k) = group_end(&items[s.at + 1..end], n.style)
        {
            end = s.at + 1 + k;
        }
        if let Some(g) = s.group.as_ref().filter(|g| g.borrows) {
            // A sub-item of a group: its own text, the group's fields
            // (filled from the run's last item below).
            let seg = &items[s.at..end];
            let mut text = vec![s.rest.trim().to_string()];
            text.extend(seg[1..].iter().map(|it| it.text.trim().to_string()));
            text.retain(|t| !t.is_empty());
            let description = format!("{}：{}", g.name, text.join("\n"));
            if g.at + 1 == s.at {
                diags.push(
                    crate::diag!(GroupFieldsShared; count = g.count, group = g.name)
                        .at(Some(items[g.at].span)),
                );
            }
            borrowing.push(problems.len());
            problems.push(RawProblem {
                seq: s.seq,
                label: s.label.clone(),
                title: first_sentence(&description),
                description,
                span: seg.first().zip(seg.last()).map(|(a, b)| cover(a, b)),
                ..RawProblem::default()
            });
            continue;
        }
        if let Some(count) = s.joined {
            diags.push(
                crate::diag!(GroupItemsJoined; count = count, label = s.label)
                    .problem(s.seq)
                    .at(Some(items[s.at].span)),
            );
        }
        let mut p = problem(items, s, end, diags);
        if s.joined.is_some() {
            // Several items: no one sentence is the problem's title.
            p.title = None;
        }
        if let Some(g) = &s.group {
            p.description = format!("{}：{}", g.name, p.description);
            p.title = first_sentence(&p.description);
            for k in borrowing.drain(..) {
                if let Some(b) = problems.get_mut(k) {
                    *b = RawProblem {
                        seq: b.seq,
                        label: std::mem::take(&mut b.label),
                        title: b.title.take(),
                        description: std::mem::take(&mut b.description),
                        span: b.span,
                        ..p.clone()
                    };
                }
            }
        }
        let listed = (s.rest.is_empty()
            && section_label(&items[s.at].text) == Some(FieldKind::Problem))
        .then(|| listed_problems(&items[s.at + 1..end], &p))
        .flatten();
        match listed {
            Some(listed) => {
                split = true;
                diags.push(
                    crate::diag!(NoticeFieldsShared; count = listed.len())
                        .at(Some(items[s.at].span)),
                );
                problems.extend(listed);
            }
            None => problems.push(p),
        }
    }
    // Problems split out of several notices are numbered by position.
    if split && starts.len() > 1 {
        for (k, p) in problems.iter_mut().enumerate() {
            p.seq = k as u32 + 1;
        }
    }
    Some((first, problems))
}

/// A notice whose problem section lists several problems ((一)… (二)…,
/// nothing else) under one heading, with its fields for them all: one
/// problem per item, each carrying the notice's other fields. `body` is
/// what follows the section heading; `None` unless the section's blocks
/// are all items numbered 1, 2, … in one style.
fn listed_problems(body: &[Item], notice: &RawProblem) -> Option<Vec<RawProblem>> {
    if notice.description.is_empty() {
        return None;
    }
    let list: Vec<_> = body
        .iter()
        .take_while(|it| field_label(&it.text).is_none() && section_label(&it.text).is_none())
        .collect();
    if list.len() < 2 {
        return None;
    }
    let numbers: Vec<_> = list
        .iter()
        .map(|it| leading_number(&it.text))
        .collect::<Option<_>>()?;
    let style = numbers.first()?.style;
    let in_order = numbers
        .iter()
        .zip(1..)
        .all(|(n, v)| n.style == style && n.value == v && !n.rest.trim().is_empty());
    if !in_order {
        return None;
    }
    Some(
        numbers
            .iter()
            .map(|n| {
                let description = n.rest.trim().to_string();
                RawProblem {
                    seq: n.value,
                    label: n.number.to_string(),
                    title: first_sentence(&description),
                    description,
                    ..notice.clone()
                }
            })
            .collect(),
    )
}

/// Where a problem numbered in `style` ends within `body`: at a heading
/// numbered above it (（二）在…方面, 三、下一步工作打算). Inside a measures
/// field the items numbered in the style its first item has are measures
/// (整改措施：（一）…（二）…), not headings.
fn group_end(body: &[Item], style: Style) -> Option<usize> {
    let mut measure_style: Option<Option<Style>> = None;
    for (k, it) in body.iter().enumerate() {
        if let Some(l) = field_label(&it.text) {
            measure_style = (l.kind == FieldKind::Measures).then_some(None);
            continue;
        }
        let Some(m) = leading_number(&it.text) else {
            continue;
        };
        match measure_style {
            // The measures' own numbering, set by their first item.
            Some(None) => {
                measure_style = Some(Some(m.style));
                continue;
            }
            Some(Some(ms)) if ms == m.style => continue,
            _ => {}
        }
        if m.style.rank() < style.rank() {
            return Some(k);
        }
    }
    None
}

/// 反馈问题一：… / 问题3：… at the start of a block.
fn explicit_starts(items: &[Item]) -> Vec<Start> {
    items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.kind != BlockKind::Table)
        .filter_map(|(at, it)| {
            // The regex's possible first characters, tested before it runs.
            if !it
                .text
                .trim_start()
                .starts_with(['反', '存', '督', '巡', '交', '问'])
            {
                return None;
            }
            let (whole, label, number) = problem_label(&it.text)?;
            let seq = number_value(number)?;
            let label = label.split_whitespace().collect::<String>();
            let rest = it.text.get(whole.len()..)?.trim().to_string();
            // "问题" alone followed by prose is not a label: require a colon
            // or a following field label.
            let has_colon = whole.contains(['：', ':']);
            let next_is_field = items
                .get(at + 1)
                .and_then(|n| field_label(&n.text))
                .is_some();
            (has_colon || next_is_field).then_some(Start {
                at,
                seq,
                label,
                rest,
                ..Start::default()
            })
        })
        .collect()
}

/// A [`PROBLEM`] match at the start of `text`: the whole match, the label
/// (its group 1: 反馈问题一) and the number (group 2: 一).
///
/// Found with a plain `find`, the groups then read off the match by hand:
/// a capture search costs several times as much. The match is white
/// space, an optional 反馈/存在/…, 问题, white space, the number — a run
/// of characters that are neither white space nor punctuation — then only
/// white space and at most one `：:、.．`. So the number is the longest
/// such run after 问题 and the white space that follows it, and the label
/// ends with it (a test compares these with the regex's captures).
fn problem_label(text: &str) -> Option<(&str, &str, &str)> {
    let whole = text.get(..PROBLEM.find(text)?.end())?;
    let label = whole.trim_start();
    let after_prefix = ["反馈", "存在", "督察", "巡视", "交办"]
        .iter()
        .find_map(|p| label.strip_prefix(p))
        .unwrap_or(label);
    let digits = after_prefix.strip_prefix("问题")?.trim_start();
    let len = digits
        .find(|c: char| c.is_whitespace() || matches!(c, '：' | ':' | '、' | '.' | '．'))
        .unwrap_or(digits.len());
    let number = digits.get(..len)?;
    let label_len = label.len() - digits.len() + len;
    Some((whole, label.get(..label_len)?, number))
}

/// Problems numbered like body text — （一）, 一、, 1. — found by the field
/// labels that follow them: the numbered block nearest before each group
/// of labels opens a problem, and its numbering style is the problems'.
fn numbered_starts(items: &[Item]) -> Vec<Start> {
    let is_core_label = |it: &Item| {
        field_label(&it.text).is_some_and(|l| {
            matches!(
                l.kind,
                FieldKind::Deadline
                    | FieldKind::Units
                    | FieldKind::LeadUnits
                    | FieldKind::Target
                    | FieldKind::Measures
            )
        })
    };
    let Some(first_label) = items.iter().position(is_core_label) else {
        return Vec::new();
    };
    // The problem's numbering style: the nearest numbered non-label block
    // before the first label group.
    let Some((style, from)) = items[..first_label]
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, it)| {
            leading_number(&it.text)
                .filter(|_| field_label(&it.text).is_none())
                .map(|n| (n.style, i))
        })
    else {
        return Vec::new();
    };
    // Walk back to the first item of this style in the same run (problem 1).
    let mut start = from;
    for (i, it) in items[..from].iter().enumerate().rev() {
        match leading_number(&it.text) {
            Some(n) if n.style == style => {
                start = i;
                if n.value == 1 {
                    break;
                }
            }
            _ => {}
        }
        if is_section_break(it) {
            break;
        }
    }
    let mut out: Vec<Start> = Vec::new();
    let mut in_measures = false;
    // A heading numbered above the problems since the last problem: the
    // problems' numbers may restart under it (（二）… / 1. 2.).
    let mut new_group = false;
    let mut restarted = false;
    for (at, it) in items.iter().enumerate().skip(start) {
        if let Some(l) = field_label(&it.text) {
            in_measures = l.kind == FieldKind::Measures;
            continue;
        }
        // 4关于… after item 3: the next number with no separator.
        let bare = || {
            let last = out.last()?;
            (style == Style::Arabic)
                .then(|| super::number::bare_next_number(&it.text, last.seq + 1))
                .flatten()
        };
        let Some(n) = leading_number(&it.text).or_else(bare) else {
            continue;
        };
        if n.style.rank() < style.rank() {
            new_group = true;
            continue;
        }
        if n.style != style {
            continue;
        }
        if n.value == 1 && new_group && !out.is_empty() && !in_measures {
            new_group = false;
            restarted = true;
            out.push(Start {
                at,
                seq: n.value,
                label: n.number.to_string(),
                rest: n.rest.to_string(),
                ..Start::default()
            });
            continue;
        }
        // Inside a problem's measures the same style may number measures:
        // only the next problem number in sequence opens a problem.
        let expected = out.last().map_or(n.value, |s| s.seq + 1);
        if in_measures && n.value != expected {
            continue;
        }
        if !out.is_empty() && n.value != expected && n.value <= out.last().map_or(0, |s| s.seq) {
            continue;
        }
        in_measures = false;
        new_group = false;
        out.push(Start {
            at,
            seq: n.value,
            label: n.number.to_string(),
            rest: n.rest.to_string(),
            ..Start::default()
        });
    }
    // Numbers that restart per group number no problem on their own: the
    // problems are numbered in document order, each keeping its label.
    if restarted {
        for (k, s) in out.iter_mut().enumerate() {
            s.seq = k as u32 + 1;
        }
    }
    // A numbered block with no labels after it before the next one is
    // prose (a body section), not a problem.
    let mut kept = Vec::new();
    for (i, s) in out.iter().enumerate() {
        let end = out.get(i + 1).map_or(items.len(), |n| n.at);
        if items[s.at + 1..end].iter().any(is_core_label)
            || (restarted
                && items[s.at + 1..end]
                    .iter()
                    .any(|it| field_label(&it.text).is_some()))
        {
            kept.push(i);
        }
    }
    let kept = grouped_runs(items, &mut out, kept, style);
    out.into_iter()
        .enumerate()
        .filter(|(i, _)| kept.contains(i))
        .map(|(_, s)| s)
        .collect()
}

/// Sub-items of a group whose fields are written once after the last of
/// them (1. 市科技馆 / （1）… / （2）… / （3）… / 责任单位：… / 整改时限：…):
/// only the last is followed by labels, so the others would be read as
/// prose and lost. Each is a problem of its own carrying the group's
/// fields when the run is certain — numbered 1, 2, … up to the labelled
/// item, no label among them, right under a short numbered heading of a
/// higher level that names the group. `kept` (indices into `out`) gets
/// the run's items; each item of the run gets its [`Group`].
fn grouped_runs(
    items: &[Item],
    out: &mut [Start],
    mut kept: Vec<usize>,
    style: Style,
) -> Vec<usize> {
    let value = |s: &Start| {
        leading_number(&items[s.at].text)
            .filter(|n| n.style == style)
            .map(|n| n.value)
    };
    let labelled_between = |a: usize, b: usize| {
        items[a + 1..b]
            .iter()
            .any(|it| field_label(&it.text).is_some() || section_label(&it.text).is_some())
    };
    let mut add = Vec::new();
    for &k in &kept {
        let Some(vk) = value(&out[k]) else {
            continue;
        };
        // Walk back over the unkept items numbered vk-1, vk-2, … 1.
        let mut d = k;
        while d > 0
            && !kept.contains(&(d - 1))
            && value(&out[d - 1]).is_some_and(|v| v + 1 == value(&out[d]).unwrap_or(0))
            && !labelled_between(out[d - 1].at, out[d].at)
        {
            d -= 1;
        }
        if d == k || value(&out[d]) != Some(1) || vk as usize != k - d + 1 {
            continue;
        }
        let heading = out[d].at.checked_sub(1).and_then(|h| {
            leading_number(&items[h].text)
                .filter(|n| {
                    let r = n.rest.trim();
                    n.style.rank() < style.rank()
                        && !r.is_empty()
                        && r.chars().count() <= 30
                        && !r.contains(['。', '；', ';', '，', ',', '：', ':'])
                        && field_label(&items[h].text).is_none()
                })
                .map(|n| (h, n.rest.trim().to_string()))
        });
        let Some((h, name)) = heading else {
            // No heading names a group: the structure is not certain, so
            // the items are one problem whose text keeps them all.
            let first = out[d].at;
            let text = items[first].text.trim().to_string();
            let label = out[d].label.clone();
            let seq = out[d].seq;
            let s = &mut out[k];
            s.at = first;
            s.rest = text;
            s.label = label;
            s.seq = seq;
            s.joined = Some(k - d + 1);
            continue;
        };
        for (i, s) in out.iter_mut().enumerate().take(k + 1).skip(d) {
            s.group = Some(Group {
                name: name.clone(),
                at: h,
                borrows: i < k,
                count: k - d + 1,
            });
            if i < k {
                add.push(i);
            }
        }
    }
    kept.extend(add);
    kept.sort_unstable();
    kept
}

fn is_section_break(it: &Item) -> bool {
    it.text.starts_with("附件")
        || it.text.contains("清单") && it.text.chars().count() < 60 && !it.text.ends_with('。')
}

/// Single-problem notices: 反馈问题：… (no number) opens each problem.
fn notice_starts(items: &[Item]) -> Vec<Start> {
    let mut out = Vec::new();
    for (at, it) in items.iter().enumerate() {
        if let Some(l) = field_label(&it.text) {
            if l.kind == FieldKind::Problem {
                out.push(Start {
                    at,
                    seq: out.len() as u32 + 1,
                    label: l.name.to_string(),
                    rest: l.value.to_string(),
                    ..Start::default()
                });
            }
        } else if let Some(n) = leading_number(&it.text)
            && section_label(&it.text) == Some(FieldKind::Problem)
            && notice_fields_follow(&items[at + 1..])
        {
            // 一、反馈问题 (整改问题, 整改任务 …) as a numbered section
            // heading, value below, when field sections follow it.
            out.push(Start {
                at,
                seq: out.len() as u32 + 1,
                label: n.rest.trim().trim_end_matches(['：', ':']).to_string(),
                rest: String::new(),
                ..Start::default()
            });
        }
    }
    out
}

/// Whether a notice's field sections or labels (二、整改责任单位, 完成时限：
/// …) follow a problem section heading, before the next one: a plan body's
/// 二、整改任务 heading over a task list has none.
fn notice_fields_follow(items: &[Item]) -> bool {
    items
        .iter()
        .take_while(|it| section_label(&it.text) != Some(FieldKind::Problem))
        .filter_map(|it| section_label(&it.text).or_else(|| field_label(&it.text).map(|l| l.kind)))
        .any(|k| {
            matches!(
                k,
                FieldKind::Units
                    | FieldKind::LeadUnits
                    | FieldKind::OtherUnits
                    | FieldKind::Deadline
                    | FieldKind::Measures
                    | FieldKind::Status
                    | FieldKind::Target
            )
        })
}

/// Which field a block opens, for notices written as numbered sections
/// (二、整改目标 with the value below).
fn section_label(text: &str) -> Option<FieldKind> {
    let n = leading_number(text)?;
    if !matches!(n.style, Style::Chinese | Style::ParenChinese) {
        return None;
    }
    let name = n.rest.trim_end_matches(['：', ':']);
    let probe = format!("{name}：");
    let l = field_label(&probe)?;
    l.value.is_empty().then_some(l.kind)
}

/// 关于“…”问题的整改 (a heading naming the problem it reports on): the
/// 关于…问题 phrase, without 的整改 / 整改情况.
fn concerning(rest: &str) -> &str {
    let t = rest.trim().trim_end_matches(['。', '：', ':']);
    if !t.starts_with("关于") || t.chars().count() > 120 {
        return rest;
    }
    match t.rfind("问题") {
        Some(i)
            if {
                let tail = &t[i + "问题".len()..];
                [
                    "",
                    "的整改",
                    "整改",
                    "的整改情况",
                    "整改情况",
                    "的整改落实情况",
                    "整改落实情况",
                ]
                .contains(&tail)
            } =>
        {
            &t[..i + "问题".len()]
        }
        _ => rest,
    }
}

/// Read one problem from items `s.at .. end`.
pub(super) fn problem(
    items: &[Item],
    s: &Start,
    end: usize,
    diags: &mut Vec<Diagnostic>,
) -> RawProblem {
    let seg = &items[s.at..end];
    let mut p = RawProblem {
        seq: s.seq,
        label: s.label.clone(),
        span: seg.first().zip(seg.last()).map(|(a, b)| cover(a, b)),
        ..RawProblem::default()
    };
    let mut description: Vec<Cow<str>> = vec![Cow::Borrowed(concerning(&s.rest))];
    // Each block's label, read once: the loops below look at most blocks
    // two or three times.
    let labels: Vec<Option<(FieldKind, &str, &str)>> = seg
        .iter()
        .map(|it| match field_label(&it.text) {
            Some(l) => Some((l.kind, l.name, l.value)),
            None => section_label(&it.text).map(|k| (k, &*it.text, "")),
        })
        .collect();
    let labelled = |k: usize| labels.get(k).is_some_and(Option::is_some);
    let mut i = 1;
    // Description: blocks up to the first field label.
    while let Some(it) = seg.get(i) {
        if labelled(i) {
            break;
        }
        description.push(Cow::Borrowed(&it.text));
        i += 1;
    }
    // The problems' numbering style, when the problem opens with a number.
    let own_style = leading_number(&items[s.at].text)
        .filter(|n| n.number == s.label)
        .map(|n| n.style);
    let mut measures_seen = false;
    let mut measures_from_label = false;
    let mut planned: Option<Field> = None;
    let mut units = super::UnitParts::default();
    while let Some(it) = seg.get(i) {
        let (kind, name, value) = match labels.get(i).copied().flatten() {
            Some(l) => l,
            None => {
                // Text between fields that is no field: keep it visible.
                diags.push(
                    crate::diag!(UnlabelledText; text = super::front::clip(&it.text))
                        .problem(p.seq)
                        .at(Some(it.span)),
                );
                i += 1;
                continue;
            }
        };
        // The value: on the label's line, or the blocks below it up to the
        // next label. A block numbered as the problems are (2.任务乙。
        // after 责任单位：各街道) is never a field's continuation.
        let mut j = i + 1;
        while j < seg.len()
            && !labelled(j)
            && (kind == FieldKind::Measures
                || own_style
                    .is_none_or(|st| leading_number(&seg[j].text).is_none_or(|n| n.style != st)))
        {
            j += 1;
        }
        let below = &seg[i + 1..j];
        if kind == FieldKind::Measures {
            // A second 整改措施： in one problem never replaces the first.
            if measures_from_label {
                let mut text = value.to_string();
                for b in below {
                    text.push_str(&b.text);
                }
                diags.push(
                    crate::diag!(RepeatedLabel; name = name, label = p.label, text = super::front::clip(&text))
                        .problem(p.seq)
                        .at(Some(it.span)),
                );
                i = j;
                continue;
            }
            measures_from_label = true;
            measures_seen = true;
            p.measures = measures::parse(value, it.span, below);
            if value.is_empty() && below.is_empty() {
                diags.push(label_without_value(name, p.seq, it));
            }
            i = j;
            continue;
        }
        let mut text = value.to_string();
        for b in below {
            text.push_str(&b.text);
        }
        let span = Some(match below.last() {
            Some(last) => cover(it, last),
            None => it.span,
        });
        if text.is_empty() {
            diags.push(label_without_value(name, p.seq, it));
            i = j;
            continue;
        }
        let field = |text| Field { text, span };
        match kind {
            FieldKind::Problem => description.push(Cow::Owned(text)),
            FieldKind::Target => p.target = Some(append(p.target.take(), &text)),
            FieldKind::Deadline => p.deadline = Some(merge(p.deadline.take(), field(text), "；")),
            // Each unit label keeps its role (牵头单位：X / 责任单位：Y).
            FieldKind::Units | FieldKind::LeadUnits | FieldKind::OtherUnits => {
                units.push(kind, name, &text, span)
            }
            FieldKind::Leaders => p.leaders = Some(merge(p.leaders.take(), field(text), "、")),
            FieldKind::Responsible => {
                p.responsible = Some(merge(p.responsible.take(), field(text), "、"))
            }
            FieldKind::Contacts => p.contacts = Some(merge(p.contacts.take(), field(text), "、")),
            FieldKind::Status => match super::progress::parse(&text, it.span) {
                // 整改情况：该问题已完成整改。一是…二是…: the items are the
                // measures taken, unless the problem lists its measures.
                Some(pr) => {
                    p.status = pr.status.or_else(|| status_of(&text));
                    if p.measures.is_empty() {
                        p.measures = pr.measures;
                        measures_seen = true;
                    }
                    if planned.is_none() {
                        planned = pr.deadline.map(|t| Field { text: t, span });
                    }
                }
                None => p.status = status_of(&text),
            },
            FieldKind::Seq | FieldKind::Measures => {}
        }
        i = j;
    }
    p.units = units.field();
    if p.deadline.is_none()
        && let Some(f) = planned
    {
        diags.push(
            crate::diag!(DeadlineFromText / "progress"; text = f.text)
                .problem(p.seq)
                .at(f.span),
        );
        p.deadline = Some(f);
    }
    description.retain(|d| !d.is_empty());
    p.description = description.join("\n");
    p.title = first_sentence(&p.description);
    if p.title.is_none() && description.len() == 1 && !p.description.contains('\n') {
        // A heading that is the problem's whole text (关于“…”问题).
        p.title = Some(p.description.clone()).filter(|t| !t.is_empty());
    }
    if !measures_seen && p.measures.is_empty() {
        // 整改措施 may be missing on purpose (notices); say so.
        diags.push(
            crate::diag!(MissingField; label = p.label, what = "整改措施")
                .problem(p.seq)
                .at(p.span),
        );
    }
    for (present, what) in [
        (p.deadline.is_some(), "整改时限"),
        (p.units.is_some(), "责任单位"),
        (!p.description.is_empty(), "problem text"),
    ] {
        if !present {
            diags.push(
                crate::diag!(MissingField; label = p.label, what = what)
                    .problem(p.seq)
                    .at(p.span),
            );
        }
    }
    p
}

fn label_without_value(name: &str, seq: u32, it: &Item) -> Diagnostic {
    crate::diag!(LabelWithoutValue; name = name)
        .problem(seq)
        .at(Some(it.span))
}

fn append(prev: Option<String>, text: &str) -> String {
    match prev {
        Some(p) => format!("{p}{text}"),
        None => text.to_string(),
    }
}

fn merge(prev: Option<Field>, f: Field, sep: &str) -> Field {
    match prev {
        Some(p) => Field {
            text: format!("{}{sep}{}", p.text, f.text),
            span: match (p.span, f.span) {
                (Some(a), Some(b)) => Some(a.to(b)),
                (a, b) => a.or(b),
            },
        },
        None => f,
    }
}

/// Skipped and repeated problem numbers.
pub(super) fn check_numbering(sk: &mut Skeleton) {
    let mut prev: Option<u32> = None;
    let mut seen = std::collections::HashSet::new();
    for p in &sk.problems {
        if !seen.insert(p.seq) {
            sk.diagnostics.push(
                crate::diag!(ProblemNumberRepeated; label = p.label)
                    .problem(p.seq)
                    .at(p.span),
            );
        } else if let Some(q) = prev {
            if p.seq > q + 1 {
                let missing: Vec<String> = (q + 1..p.seq).map(|n| n.to_string()).collect();
                sk.diagnostics.push(
                    crate::diag!(ProblemNumberSkipped; from = q, to = p.seq, missing = missing.join(", "))
                    .problem(p.seq)
                    .at(p.span),
                );
            } else if p.seq <= q {
                sk.diagnostics.push(
                    crate::diag!(ProblemNumberOutOfOrder; label = p.label, previous = q)
                        .problem(p.seq)
                        .at(p.span),
                );
            }
        }
        prev = Some(p.seq);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The groups read off the match are the regex's captures.
        #[test]
        fn problem_label_is_the_captures(
            text in "[ \u{3000}\n反馈存在督察问题一二十百两0-9０５٣：:、.．x]{0,14}"
        ) {
            let by_regex = PROBLEM.captures(&text).and_then(|c| {
                Some((c.get(0)?.as_str(), c.get(1)?.as_str(), c.get(2)?.as_str()))
            });
            proptest::prop_assert_eq!(problem_label(&text), by_regex);
        }
    }

    #[test]
    fn problem_labels() {
        for t in [
            "反馈问题一：甲",
            "  问题 12 、乙",
            "督察问题二十三．丙",
            "问题٣：丁",
        ] {
            let by_regex = PROBLEM
                .captures(t)
                .and_then(|c| Some((c.get(0)?.as_str(), c.get(1)?.as_str(), c.get(2)?.as_str())));
            assert!(by_regex.is_some(), "{t}");
            assert_eq!(problem_label(t), by_regex, "{t}");
        }
    }
}
