//! Sectioned notices, one problem each, often several in one file (a
//! 整改情况公示 batch): a heading per notice (…公示（第7项）), then numbered
//! sections 一、反馈问题 / 二、整改目标 (with 整改时限：/责任单位： lines) /
//! 三、整改措施及完成情况 / 四、下一步工作打算, then a signature.
//!
//! Recognized by structure: a 反馈问题 (or 存在问题) section heading
//! followed by a 整改措施 section heading, at least twice in the file or
//! under a heading that numbers the problem (第N项). A single notice
//! without such a heading is the labelled reader's (`checklist.rs`).
//! The first section heading that names no field (下一步工作打算) ends the
//! notice: what follows is the office's plan and signature, not the
//! problem's.

use super::number::{Style, leading_number, number_value};
use super::{Field, Item, RawMeasure, RawProblem, first_sentence, measures, status_of};
use crate::diag::Diagnostic;
use crate::labels::{FieldKind, field_label};
use crate::read::BlockKind;

/// A section heading: 一、反馈问题 (or （一）), short, no sentence; the
/// field it opens, or `None` for a section that is no field (下一步…).
fn section(it: &Item) -> Option<Option<FieldKind>> {
    let n = leading_number(&it.text)?;
    if !matches!(n.style, Style::Chinese | Style::ParenChinese) {
        return None;
    }
    let name = n.rest.trim().trim_end_matches(['：', ':']);
    if name.is_empty() || name.chars().count() > 12 || name.contains(['。', '，', '；']) {
        return None;
    }
    // 整改措施及完成情况 / 整改措施落实情况: the measures, with their
    // results (a 完成情况 alone is the status).
    if name.contains("措施") {
        return Some(Some(FieldKind::Measures));
    }
    let probe = format!("{name}：");
    Some(
        field_label(&probe)
            .filter(|l| l.value.is_empty())
            .map(|l| l.kind)
            .or_else(|| crate::labels::column_kind(name)),
    )
}

/// 第7项 / 第十五项 in a notice heading: the problem's number in the plan.
fn item_number(text: &str) -> Option<(u32, String)> {
    let start = text.find('第')?;
    let rest = &text[start + '第'.len_utf8()..];
    let end = rest.find('项')?;
    let num = rest[..end].trim();
    if num.is_empty() || num.chars().count() > 4 {
        return None;
    }
    let v = number_value(num)?;
    Some((v, format!("第{num}项")))
}

/// A notice's heading: a heading block, or a short line that is no
/// sentence and is set in bold or numbers the problem (…公示（第7项）), as
/// a portal page writes it in a paragraph.
fn is_notice_heading(it: &Item) -> bool {
    if matches!(it.kind, BlockKind::Heading(_)) {
        return true;
    }
    let t = it.text.trim();
    it.kind == BlockKind::Paragraph
        && t.chars().count() <= 80
        && !t.ends_with(['。', '：', ':'])
        && leading_number(t).is_none()
        && (it.bold_start || item_number(t).is_some())
}

/// The notices of `items`, or `None` when the file is not a notice batch.
pub(super) fn parse(
    items: &[Item],
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Vec<RawProblem>)> {
    // A notice opens with a 反馈问题/存在问题 section heading: a short
    // block with 问题 in it. Most documents have none, and are ruled out
    // before any block is classified.
    let opens = |it: &Item| it.text.len() <= 60 && it.text.contains("问题");
    if !items
        .iter()
        .any(|it| opens(it) && section(it) == Some(Some(FieldKind::Problem)))
    {
        return None;
    }
    let kinds: Vec<Option<Option<FieldKind>>> = items.iter().map(section).collect();
    let starts: Vec<usize> = kinds
        .iter()
        .enumerate()
        .filter(|(_, k)| **k == Some(Some(FieldKind::Problem)))
        .map(|(i, _)| i)
        .collect();
    let first = *starts.first()?;
    // Each notice must have its measures section before the next one.
    let complete = starts.iter().enumerate().all(|(k, &s)| {
        let end = starts.get(k + 1).copied().unwrap_or(items.len());
        kinds[s..end].contains(&Some(Some(FieldKind::Measures)))
    });
    if !complete {
        return None;
    }
    // The heading above each notice, between the previous notice's start
    // and this one.
    let headings: Vec<Option<usize>> = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let from = if k == 0 { 0 } else { starts[k - 1] + 1 };
            (from..s).rev().find(|&i| is_notice_heading(&items[i]))
        })
        .collect();
    // The number in the notice's heading, or in its 反馈问题 heading
    // (一、反馈问题（第7项）).
    let numbered: Vec<Option<(u32, String)>> = headings
        .iter()
        .zip(&starts)
        .map(|(h, &s)| {
            h.and_then(|i| item_number(&items[i].text))
                .or_else(|| item_number(&items[s].text))
        })
        .collect();
    if starts.len() < 2 && numbered.iter().all(Option::is_none) {
        return None;
    }
    let mut problems = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = headings
            .get(k + 1)
            .copied()
            .flatten()
            .or_else(|| starts.get(k + 1).copied())
            .unwrap_or(items.len());
        let (seq, label) = numbered[k].clone().unwrap_or_else(|| {
            let name = leading_number(&items[s].text)
                .map(|n| n.rest.trim().trim_end_matches(['：', ':']).to_string())
                .unwrap_or_default();
            (k as u32 + 1, name)
        });
        problems.push(notice(items, s, end, &kinds, seq, label, diags));
    }
    if numbered.iter().any(Option::is_none) && numbered.iter().any(Option::is_some) {
        diags.push(crate::diag!(NoticeUnnumbered));
    }
    if starts.len() == 1 {
        diags.push(crate::diag!(ShapeWeakEvidence / "notice").at(Some(items[first].span)));
    }
    let at = headings.first().copied().flatten().unwrap_or(first);
    Some((at, problems))
}

/// One notice: items `s..end`, `s` its 反馈问题 heading.
fn notice(
    items: &[Item],
    s: usize,
    end: usize,
    kinds: &[Option<Option<FieldKind>>],
    seq: u32,
    label: String,
    diags: &mut Vec<Diagnostic>,
) -> RawProblem {
    let mut p = RawProblem {
        seq,
        label,
        span: Some(items[s].span.to(items[end.max(s + 1) - 1].span)),
        ..RawProblem::default()
    };
    let mut description: Vec<&str> = Vec::new();
    let mut current = FieldKind::Problem;
    let mut measure_items: Vec<Item> = Vec::new();
    // Unit labels keep their roles; a units section's heading names its
    // part until its first paragraph is read.
    let mut units = super::UnitParts::default();
    let mut units_heading: Option<&str> = None;
    let mut i = s + 1;
    while i < end {
        let it = &items[i];
        // A heading, a closing paragraph or the signature ends the notice.
        if matches!(it.kind, BlockKind::Heading(_)) || super::is_closing(items, i) {
            break;
        }
        match kinds[i] {
            Some(Some(k)) => {
                current = k;
                units_heading = Some(&*it.text);
                i += 1;
                continue;
            }
            // A section that is no field (下一步工作打算) ends the notice.
            Some(None) => break,
            None => {}
        }
        // A field line (整改时限：…) inside any section is that field.
        if let Some(l) = field_label(&it.text).filter(|l| !l.value.is_empty())
            && current != FieldKind::Measures
        {
            let field = Field {
                text: l.value.to_string(),
                span: Some(it.span),
            };
            if matches!(
                l.kind,
                FieldKind::Units | FieldKind::LeadUnits | FieldKind::OtherUnits
            ) {
                units.push(l.kind, l.name, l.value, Some(it.span));
                i += 1;
                continue;
            }
            let slot = match l.kind {
                FieldKind::Deadline => Some(&mut p.deadline),
                FieldKind::Leaders => Some(&mut p.leaders),
                FieldKind::Responsible => Some(&mut p.responsible),
                FieldKind::Contacts => Some(&mut p.contacts),
                _ => None,
            };
            match (slot, l.kind) {
                (Some(slot), _) => match slot {
                    Some(f) => {
                        f.text.push('；');
                        f.text.push_str(&field.text);
                    }
                    None => *slot = Some(field),
                },
                (None, FieldKind::Target) => {
                    p.target.get_or_insert_with(|| l.value.to_string());
                }
                (None, FieldKind::Status) => p.status = status_of(l.value),
                (None, FieldKind::Problem) => description.push(l.value),
                _ => {}
            }
            i += 1;
            continue;
        }
        match current {
            FieldKind::Problem => description.push(&it.text),
            // The target is the section's first paragraph; what follows
            // without a label is not the target's.
            FieldKind::Target => {
                if p.target.is_none() {
                    p.target = Some(it.text.to_string());
                }
            }
            FieldKind::Measures => measure_items.push(it.clone()),
            FieldKind::Status => {
                if p.status.is_none() {
                    p.status = status_of(&it.text);
                }
            }
            FieldKind::Deadline => set_or_append(&mut p.deadline, it),
            FieldKind::Units | FieldKind::LeadUnits | FieldKind::OtherUnits => {
                match units_heading.take() {
                    Some(heading) => units.push(current, heading, &it.text, Some(it.span)),
                    None => units.append(&it.text, Some(it.span)),
                }
            }
            FieldKind::Leaders => set_or_append(&mut p.leaders, it),
            FieldKind::Responsible => set_or_append(&mut p.responsible, it),
            FieldKind::Contacts => set_or_append(&mut p.contacts, it),
            FieldKind::Seq => {}
        }
        i += 1;
    }
    p.units = units.field();
    p.description = description.concat();
    p.title = first_sentence(&p.description);
    let (status, ms) = measures_and_status(&measure_items);
    if p.status.is_none() {
        p.status = status;
    }
    p.measures = ms;
    for (present, what) in [
        (p.deadline.is_some(), "整改时限"),
        (p.units.is_some(), "责任单位"),
        (!p.measures.is_empty(), "整改措施"),
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

fn set_or_append(slot: &mut Option<Field>, it: &Item) {
    match slot {
        Some(f) => f.text.push_str(&it.text),
        None => {
            *slot = Some(Field {
                text: it.text.to_string(),
                span: Some(it.span),
            })
        }
    }
}

/// The measures section: an opening status sentence (该问题已完成整改，
/// 具体情况如下：) is the problem's status, not a measure; the items below
/// it, or 一是…；二是… in the same paragraph, are the measures.
fn measures_and_status(items: &[Item]) -> (Option<crate::model::Status>, Vec<RawMeasure>) {
    let mut status = None;
    let mut rest = items;
    if let Some(first) = items.first()
        && leading_number(&first.text).is_none()
        && let Some(st) = status_of(&first.text).filter(|s| s.value.is_some())
    {
        let text = &first.text;
        let marks: Vec<(usize, usize, &str)> = measures::enumeration_marks(text).collect();
        let intro_end = marks.first().map_or(text.len(), |m| m.0);
        let intro = &text[..intro_end];
        if status_of(intro).is_some_and(|s| s.value.is_some()) {
            status = Some(crate::model::Status {
                text: status_sentence(intro),
                value: st.value,
            });
            rest = &items[1..];
            if !marks.is_empty() {
                let mut ms: Vec<RawMeasure> = marks
                    .iter()
                    .enumerate()
                    .map(|(k, (_, body, num))| {
                        let stop = marks.get(k + 1).map_or(text.len(), |m| m.0);
                        RawMeasure {
                            number: Some(format!("{num}是")),
                            text: text[*body..stop]
                                .trim()
                                .trim_end_matches(['；', ';'])
                                .to_string(),
                            span: Some(first.span),
                            ..RawMeasure::default()
                        }
                    })
                    .collect();
                ms.extend(measures::parse("", first.span, rest));
                return (status, ms);
            }
        }
    }
    let span = rest.first().map(|it| it.span).unwrap_or_default();
    (status, measures::parse("", span, rest))
}

/// The clause holding the status words, without 该问题 and the colon.
fn status_sentence(text: &str) -> String {
    let t = text
        .split_inclusive(['。', '；', '，', '：'])
        .find(|s| status_of(s).is_some_and(|st| st.value.is_some()))
        .unwrap_or(text)
        .trim();
    t.trim_end_matches(['。', '；', '，', '：'])
        .trim_start_matches("该问题")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_numbers() {
        assert_eq!(
            item_number("某县整改情况公示（第7项）"),
            Some((7, "第7项".to_string()))
        );
        assert_eq!(
            item_number("第十五项反馈问题"),
            Some((15, "第十五项".to_string()))
        );
        assert_eq!(item_number("整改情况公示"), None);
    }

    #[test]
    fn status_sentences() {
        assert_eq!(
            status_sentence("该问题已完成整改，具体情况如下："),
            "已完成整改"
        );
        assert_eq!(status_sentence("该问题已基本完成整改。"), "已基本完成整改");
    }
}
