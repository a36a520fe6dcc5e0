//! Checklists without field labels, recognized by their shape:
//!
//! - task lists whose responsibility trails each task in brackets
//!   (1.开展整治，2021年底前完成。（牵头单位：X；责任单位：Y） or
//!   〔X牵头，Y参与〕);
//! - narrative rectification reports ((一)问题标题。该问题已完成整改。
//!   一是…二是…), where each 一是/二是 is a measure;
//! - nested discipline-inspection notices ((一)在“…”方面 /
//!   1.关于“…”问题的整改 / (1)…), where the 关于 items are the problems and
//!   their (1) items the measures.

use std::sync::LazyLock;

use regex::Regex;

use super::number::{Style, leading_number};
use super::{Field, Item, RawMeasure, RawProblem, cover, first_sentence, measures, status_of};
use crate::diag::Diagnostic;
use crate::labels::field_label;
use crate::read::BlockKind;

static CONCERNING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^关于\s*[“\x22「『]?(.{2,80}?)[”\x22」』]?\s*(?:等)?问题(?:的)?(?:整改|整改情况|整改落实情况)?\s*[。：:]?$")
        .expect("static regex")
});
/// 关于“…”的问题的整改情况。 opening a paragraph that goes on with the
/// report on it: the quoted phrase marks the problem, so the heading needs
/// no line of its own.
static CONCERNING_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(关于\s*[“\x22「『][^”\x22」』]{2,80}[”\x22」』]\s*(?:等)?(?:的)?问题)(?:的)?(?:整改落实情况|整改情况|整改)?\s*[。：:]")
        .expect("static regex")
});
/// The same opening without quotes (关于省级预算执行进度较为缓慢的问题。…):
/// read only in a document that reports on rectification (see
/// [`reports_rectification`]), since without quotes the phrase is less
/// certain to name a problem.
static CONCERNING_HEAD_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(关于\s*[^“”\x22「」『』。：:，,；;！？（）()]{2,60}?(?:的)?问题)(?:的)?(?:整改落实情况|整改情况|整改)?\s*[。：:]")
        .expect("static regex")
});

/// Whether the text before the first item says the document reports on
/// the rectification of problems (…审计查出问题整改情况的报告, 整改落实情况).
fn reports_rectification(items: &[Item]) -> bool {
    const WORDS: &[&str] = &[
        "整改情况",
        "整改落实情况",
        "整改进展情况",
        "整改工作情况",
        "查出问题",
    ];
    items
        .iter()
        .any(|it| WORDS.iter().any(|w| it.text.contains(w)))
}

static DEADLINE_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[^，。；,;（）()]*?(?:\d{4}\s*年[^，。；,;（）()]*?(?:前|底|末|完成|到位|月|日)|年底前|年内|立行立改|立即整改|长期坚持|持续推进|长期执行)[^，。；,;（）()]*",
    )
    .expect("static regex")
});

/// Try the label-free shapes in turn; the problems found, or none.
pub(super) fn parse(
    items: &[Item],
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Vec<RawProblem>)> {
    concerning_items(items, diags)
        .or_else(|| narrative(items))
        .or_else(|| task_list(items, diags))
}

/// 1.关于“…”问题的整改 items (any numbering style) with their measures
/// below; a (一)在“…”方面 heading above is context, not a problem.
fn concerning_items(
    items: &[Item],
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Vec<RawProblem>)> {
    // Each heading, and where its report begins when it goes on in the
    // same paragraph.
    let mut report: Option<bool> = None;
    let starts: Vec<(usize, Style, Option<usize>)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| {
            let n = leading_number(&it.text)?;
            let rest = n.rest.trim();
            if CONCERNING.is_match(rest) {
                return Some((i, n.style, None));
            }
            if let Some(head) = CONCERNING_HEAD.find(rest) {
                return Some((i, n.style, Some(head.end())));
            }
            let head = CONCERNING_HEAD_BARE.find(rest)?;
            // Asked once, about the text before the first such item.
            let is_report = *report.get_or_insert_with(|| reports_rectification(&items[..i]));
            is_report.then_some((i, n.style, Some(head.end())))
        })
        .collect();
    let style = starts.first()?.1;
    let starts: Vec<(usize, Option<usize>)> = starts
        .into_iter()
        .filter(|&(_, s, _)| s == style)
        .map(|(i, _, inline)| (i, inline))
        .collect();
    if starts.len() < 2
        && starts
            .first()
            .is_none_or(|&(i, inline)| inline.is_none() && i + 1 >= items.len())
    {
        return None;
    }
    let mut problems = Vec::new();
    for (k, &(at, inline)) in starts.iter().enumerate() {
        let next = starts.get(k + 1).map(|s| s.0);
        let end = next_boundary(items, at, next, style);
        // The last report ends at the closing paragraph or the signature.
        let end = match next {
            Some(_) => end,
            None => super::closing_end(items, at + 1, end),
        };
        let head = &items[at];
        let n = leading_number(&head.text)?;
        if let Some(cut) = inline {
            problems.push(concerning_paragraph(items, at, cut, end, k as u32 + 1));
            continue;
        }
        let title = n
            .rest
            .trim()
            .trim_end_matches(['。', '：', ':'])
            .to_string();
        let body = &items[at + 1..end];
        // Fields under the heading (责任领导：…, 整改情况：一是…): read as
        // a labelled problem.
        if body.iter().any(|b| field_label(&b.text).is_some()) {
            let start = super::checklist::Start {
                at,
                seq: k as u32 + 1,
                label: n.number.to_string(),
                rest: n.rest.to_string(),
                ..Default::default()
            };
            problems.push(super::checklist::problem(items, &start, end, diags));
            continue;
        }
        let ms = measures::parse("", head.span, body);
        // Progress stated for the problem as a whole: an unnumbered
        // paragraph under the heading (a measure's own 已完成 is not the
        // problem's status).
        let status = body
            .iter()
            .take_while(|b| leading_number(&b.text).is_none())
            .find_map(|b| status_of(&b.text).filter(|s| s.value.is_some()))
            .map(|mut s| {
                s.text = first_status_sentence(&s.text);
                s
            });
        problems.push(RawProblem {
            seq: k as u32 + 1,
            label: n.number.to_string(),
            title: Some(title.clone()),
            description: title,
            measures: ms,
            status,
            span: Some(cover(head, &items[end.saturating_sub(1).max(at)])),
            ..RawProblem::default()
        });
    }
    Some((starts[0].0, problems))
}

/// A 关于“…”问题的整改情况。… paragraph (items `at..end`): the phrase is
/// the problem, the text after it (and the unnumbered paragraphs below)
/// its report — 一是/二是 items are measures, a status sentence the
/// status. A report with no items has no measures; its status is taken
/// only from a sentence that states one for the problem (该问题…,
/// 目前…), never from a measure's 已完成.
fn concerning_paragraph(items: &[Item], at: usize, cut: usize, end: usize, seq: u32) -> RawProblem {
    let head = &items[at];
    let n = leading_number(&head.text);
    let rest = n.as_ref().map_or("", |n| n.rest.trim());
    let phrase = CONCERNING_HEAD
        .captures(rest)
        .or_else(|| CONCERNING_HEAD_BARE.captures(rest))
        .and_then(|c| c.get(1))
        .map_or("", |m| m.as_str())
        .to_string();
    let mut text = rest.get(cut..).unwrap_or_default().trim().to_string();
    let mut last = at;
    for (j, it) in items.iter().enumerate().take(end).skip(at + 1) {
        if leading_number(&it.text).is_some()
            || it.kind != BlockKind::Paragraph
            || super::is_closing(items, j)
        {
            break;
        }
        text.push_str(&it.text);
        last = j;
    }
    let (measures, status) = match super::progress::parse(&text, head.span) {
        Some(pr) => (pr.measures, pr.status),
        None => (Vec::new(), super::progress::stated_status(&text)),
    };
    RawProblem {
        seq,
        label: n.map_or_else(String::new, |n| n.number.to_string()),
        title: Some(phrase.clone()),
        description: phrase,
        measures,
        status,
        span: Some(cover(head, &items[last])),
        ..RawProblem::default()
    }
}

/// Where a problem that starts at `at` ends: the next problem, or a
/// heading of a numbering style above the problems' (the next group).
fn next_boundary(items: &[Item], at: usize, next: Option<usize>, style: Style) -> usize {
    let limit = next.unwrap_or(items.len());
    let rank = Style::rank;
    items[at + 1..limit]
        .iter()
        .position(|it| leading_number(&it.text).is_some_and(|n| rank(n.style) < rank(style)))
        .map_or(limit, |p| at + 1 + p)
}

/// (一)问题标题。该问题已完成整改。一是…二是… — each numbered paragraph
/// with 一是/二是 enumerations is a problem; its enumerations are measures.
fn narrative(items: &[Item]) -> Option<(usize, Vec<RawProblem>)> {
    let starts: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, it)| {
            leading_number(&it.text).is_some_and(|n| {
                matches!(
                    n.style,
                    Style::ParenChinese | Style::Chinese | Style::Arabic
                )
            }) && it.text.contains("一是")
        })
        .map(|(i, _)| i)
        .collect();
    if starts.is_empty() {
        return None;
    }
    let mut problems = Vec::new();
    for (k, &at) in starts.iter().enumerate() {
        let head = &items[at];
        let n = leading_number(&head.text)?;
        // Unnumbered paragraphs below continue the problem's text.
        let mut text = n.rest.to_string();
        let mut last = at;
        for (j, it) in items.iter().enumerate().skip(at + 1) {
            if starts.get(k + 1) == Some(&j)
                || leading_number(&it.text).is_some()
                || it.kind != BlockKind::Paragraph
                || super::is_closing(items, j)
            {
                break;
            }
            text.push_str(&it.text);
            last = j;
        }
        let cuts: Vec<(usize, usize, &str)> = measures::enumeration_marks(&text).collect();
        let intro_end = cuts.first().map_or(text.len(), |c| c.0);
        let intro = text[..intro_end].trim();
        let ms: Vec<RawMeasure> = cuts
            .iter()
            .enumerate()
            .map(|(i, (_, body_start, num))| {
                let end = cuts.get(i + 1).map_or(text.len(), |c| c.0);
                RawMeasure {
                    number: Some(format!("{num}是")),
                    text: super::cut_closing(text[*body_start..end].trim()).to_string(),
                    span: Some(head.span),
                    ..RawMeasure::default()
                }
            })
            .collect();
        let status = status_of(intro).filter(|s| s.value.is_some()).map(|mut s| {
            s.text = first_status_sentence(intro);
            s
        });
        let title = first_sentence(intro);
        problems.push(RawProblem {
            seq: k as u32 + 1,
            label: n.number.to_string(),
            description: intro.to_string(),
            title,
            measures: ms,
            status,
            span: Some(cover(head, &items[last])),
            ..RawProblem::default()
        });
    }
    Some((starts[0], problems))
}

/// The sentence holding the status words.
fn first_status_sentence(text: &str) -> String {
    text.split_inclusive(['。', '；'])
        .find(|s| status_of(s).is_some_and(|st| st.value.is_some()))
        .unwrap_or(text)
        .trim()
        .to_string()
}

/// Numbered tasks each carrying a bracketed responsibility note.
fn task_list(items: &[Item], diags: &mut Vec<Diagnostic>) -> Option<(usize, Vec<RawProblem>)> {
    let tasks: Vec<usize> = items
        .iter()
        .enumerate()
        .filter(|(_, it)| {
            leading_number(&it.text).is_some() && measures::units_note(&it.text).is_some()
        })
        .map(|(i, _)| i)
        .collect();
    if tasks.len() < 2 {
        return None;
    }
    let mut problems = Vec::new();
    for (k, &at) in tasks.iter().enumerate() {
        let it = &items[at];
        let n = leading_number(&it.text)?;
        let note = measures::units_note(n.rest)?;
        let text = strip_note(n.rest, &note);
        let deadline = DEADLINE_CLAUSE.find(&text).map(|m| Field {
            text: m.as_str().trim().to_string(),
            span: Some(it.span),
        });
        if deadline.is_some() {
            diags.push(
                crate::diag!(DeadlineFromText)
                    .problem(k as u32 + 1)
                    .at(Some(it.span)),
            );
        }
        problems.push(RawProblem {
            seq: k as u32 + 1,
            label: n.number.to_string(),
            title: first_sentence(&text),
            description: text.clone(),
            deadline,
            units: Some(Field {
                text: note,
                span: Some(it.span),
            }),
            span: Some(it.span),
            ..RawProblem::default()
        });
    }
    Some((tasks[0], problems))
}

/// The task text without its bracketed responsibility note.
fn strip_note(text: &str, note: &str) -> String {
    for (open, close) in [
        ('（', '）'),
        ('(', ')'),
        ('〔', '〕'),
        ('[', ']'),
        ('【', '】'),
    ] {
        let bracketed = format!("{open}{note}{close}");
        if text.contains(&bracketed) {
            return text.replacen(&bracketed, "", 1).trim().to_string();
        }
    }
    text.to_string()
}
