//! Task lists whose duties trail each task in a bracket:
//!
//! - （一）开展整治。…（牵头单位：X；配合单位：Y；完成时限：2020年底前）
//! - 1．开展整治。…〔X牵头，Y配合，Z负责落实。2021年6月底前完成〕
//! - 1.开展整治。…（责任单位：X（牵头）、Y；完成时限：…）
//!
//! Recognized by structure: numbered paragraphs that end with a bracket
//! naming who is responsible (a unit label, or X牵头 with Y配合/参与/负责);
//! numbers may restart under each section. Group headings, 保障措施
//! paragraphs and contact lines have no such bracket and are no tasks.
//! The bracket's deadline part (；完成时限：… or a sentence after 。) is
//! the deadline; the rest is the units. Sub-points （1）（2） or 一是/二是
//! inside the task are its measures; when each carries its own bracket,
//! the brackets are the measures' and the task has no units of its own.

use super::number::{Style, leading_number};
use super::{Field, Item, RawMeasure, RawProblem, first_sentence, measures};
use crate::diag::Diagnostic;
use crate::model::Span;
use crate::read::BlockKind;

/// Labels that open the deadline part of a duty bracket.
const DEADLINE_LABELS: &[&str] = &[
    "完成时限",
    "完成时间",
    "整改时限",
    "时限要求",
    "时间节点",
    "完成节点",
    "时间要求",
    "办结时限",
    "时限",
];

/// A duty bracket at the end of `text`: (start of the bracket, inside).
fn trailing_bracket(text: &str) -> Option<(usize, &str)> {
    let t = text.trim_end().trim_end_matches(['。', '；', ';']);
    let close = t.chars().next_back()?;
    let open = match close {
        '）' => '（',
        ')' => '(',
        '〕' => '〔',
        ']' => '[',
        '】' => '【',
        _ => return None,
    };
    // Walk back to the matching open bracket (brackets nest: X（牵头）).
    let mut depth = 0usize;
    for (i, c) in t.char_indices().rev() {
        if matches!(c, '）' | ')' | '〕' | ']' | '】') {
            depth += 1;
        } else if matches!(c, '（' | '(' | '〔' | '[' | '【') {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                if c != open && !(matches!(c, '（' | '(') && matches!(open, '（' | '(')) {
                    return None;
                }
                let inner = t.get(i + c.len_utf8()..t.len() - close.len_utf8())?;
                return Some((i, inner.trim()));
            }
        }
    }
    None
}

/// Unit labels that mark a numbered item as a task wherever they stand in
/// it (1、农村道路畅通工程，牵头部门：市交通局。建设进度…).
const INLINE_UNIT_LABELS: &[&str] = &[
    "牵头单位",
    "牵头部门",
    "责任单位",
    "责任部门",
    "责任主体",
    "配合单位",
    "配合部门",
];

/// The unit labels written inside an item's sentence, outside brackets,
/// after a clause end (，,。；;): (start of the duty part, end of it, the
/// units as `label：value；label：value`). A value ends at the sentence
/// end (。；;) or at the next such label; `None` when there is no label or
/// a value is empty.
fn inline_duty(text: &str) -> Option<(usize, usize, String)> {
    let mut depth = 0i32;
    let mut labels: Vec<(usize, usize)> = Vec::new(); // (label start, value start)
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' | '〔' | '【' | '[' | '“' => depth += 1,
            '）' | ')' | '〕' | '】' | ']' | '”' => depth -= 1,
            _ if depth == 0 && prev.is_some_and(|p| "，,。；;".contains(p)) => {
                let rest = &text[i..];
                if let Some(l) = INLINE_UNIT_LABELS.iter().find(|l| rest.starts_with(**l)) {
                    let after = &rest[l.len()..];
                    if let Some(colon) = after.chars().next().filter(|c| matches!(c, '：' | ':')) {
                        labels.push((i, i + l.len() + colon.len_utf8()));
                    }
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    let first = labels.first()?.0;
    let mut parts = Vec::new();
    let mut end = text.len();
    for (k, &(at, from)) in labels.iter().enumerate() {
        let next = labels.get(k + 1).map(|n| n.0);
        let stop = text[from..]
            .find(['。', '；', ';'])
            .map_or(text.len(), |j| from + j);
        let to = match next {
            Some(n) if n < stop => n,
            _ => stop,
        };
        let value = text[from..to]
            .trim()
            .trim_end_matches(['，', ',', '、'])
            .trim();
        if value.is_empty() {
            return None;
        }
        let name = text[at..from].trim_end_matches(['：', ':']);
        parts.push(format!("{name}：{value}"));
        if to == stop {
            end = stop;
            break;
        }
    }
    Some((first, end, parts.join("；")))
}

/// Does a bracket's inside say who is responsible?
fn is_duty(inner: &str) -> bool {
    const LABELS: &[&str] = &[
        "牵头单位",
        "责任单位",
        "配合单位",
        "责任部门",
        "牵头部门",
        "主责单位",
        "实施主体",
    ];
    if LABELS.iter().any(|l| inner.starts_with(l)) {
        return true;
    }
    // X牵头，Y配合 / X负责 / X牵头: a role word and a body that bears it.
    let roles = ["牵头", "配合", "参与", "负责", "落实", "协助"];
    let bodies = [
        '局', '委', '办', '府', '部', '处', '科', '股', '队', '心', '所', '站',
    ];
    inner.chars().count() <= 120
        && roles.iter().any(|w| inner.contains(w))
        && inner.contains(bodies)
}

/// Split a duty bracket's inside into (units, deadline).
fn split_duty(inner: &str) -> (String, Option<String>) {
    // ；完成时限：… (any of the deadline labels, after ；/;/，).
    for sep in ['；', ';', '，', ','] {
        for part_start in inner.match_indices(sep).map(|(i, _)| i + sep.len_utf8()) {
            let rest = &inner[part_start..];
            if let Some(l) = DEADLINE_LABELS.iter().find(|l| rest.starts_with(**l)) {
                let value = rest[l.len()..].trim_start_matches(['：', ':']).trim();
                let units = inner[..part_start - sep.len_utf8()].trim();
                return (single_label(units), Some(value.to_string()));
            }
        }
    }
    // …负责落实。2021年6月底前完成: a last sentence holding a time.
    if let Some(i) = inner.rfind('。') {
        let tail = inner[i + '。'.len_utf8()..].trim();
        if !tail.is_empty() && has_time(tail) {
            return (inner[..i].trim().to_string(), Some(tail.to_string()));
        }
    }
    // …配合，2023年10月底前完成 / …落实；长期坚持: a last clause that is
    // a time and names no one.
    if let Some(i) = inner.rfind(['，', '；', ',', ';']) {
        let sep = inner[i..].chars().next().map_or(1, char::len_utf8);
        let tail = inner[i + sep..].trim();
        let names_someone = ["牵头", "配合", "负责", "落实", "参与", "单位", "部门"]
            .iter()
            .any(|w| tail.contains(w));
        if !tail.is_empty() && has_time(tail) && !names_someone {
            return (single_label(inner[..i].trim()), Some(tail.to_string()));
        }
    }
    (single_label(inner), None)
}

/// 责任单位：X → X (one label gives the text after it); two labels stay.
fn single_label(units: &str) -> String {
    let labels = units.matches(['：', ':']).count();
    if labels == 1
        && let Some((l, v)) = units.split_once(['：', ':'])
        && l.chars().count() <= 6
        && (l.ends_with("单位") || l.ends_with("部门") || l.ends_with("主体"))
        // A label that gives a role (牵头单位：) stays: it is the role.
        && !l.contains("牵头")
        && !l.contains("配合")
    {
        return v.trim().to_string();
    }
    units.to_string()
}

/// Whether `text` names a time: a year, a month, or a standing phrase.
fn has_time(text: &str) -> bool {
    let digit_then = |w: char| {
        text.char_indices().any(|(i, c)| {
            c == w
                && text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_ascii_digit())
        })
    };
    digit_then('年')
        || digit_then('月')
        || [
            "年底",
            "年内",
            "长期坚持",
            "持续推进",
            "立行立改",
            "每月",
            "每季度",
            "每年",
            "汛期前",
        ]
        .iter()
        .any(|w| text.contains(w))
}

/// The time expressions a task's prose writes (2020年6月底前完成…，每季度
/// 开展…): each as written, without the verb, joined by ；. For a task
/// whose bracket gives no deadline.
/// A task with no deadline field takes the time expressions of its text
/// as its deadline, with a `deadline-from-text` diagnostic.
fn deadline_from_text(p: &mut RawProblem, body: &str, span: Span, diags: &mut Vec<Diagnostic>) {
    if let Some(f) = time_expressions(body) {
        diags.push(crate::diag!(DeadlineFromText).problem(p.seq).at(Some(span)));
        p.deadline = Some(Field {
            text: f,
            span: Some(span),
        });
    }
}

fn time_expressions(text: &str) -> Option<String> {
    static TIME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:底|末)?\s*(?:前|以前)|每(?:年|半年|季度|月|周)(?:\d{1,2}月底前)?|年底前|年内|立行立改|长期坚持|持续推进",
        )
        .expect("static regex")
    });
    let found: Vec<&str> = TIME.find_iter(text).map(|m| m.as_str()).collect();
    (!found.is_empty()).then(|| found.join("；"))
}

/// The tasks of `items`, or `None` when they are not a duty-bracket task
/// list.
pub(super) fn parse(
    items: &[Item],
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Vec<RawProblem>)> {
    // Each task's text: its paragraph, or its paragraph and the duty
    // bracket written on the line below it.
    let mut tasks: Vec<(usize, std::borrow::Cow<str>, crate::model::Span)> = Vec::new();
    // Items whose duty stands inside the sentence: their text with the
    // duty part cut out, and the units.
    let mut inline: Vec<(usize, String, String)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if it.kind == BlockKind::Table
            || it.kind == BlockKind::Heading(1)
            || leading_number(&it.text).is_none()
        {
            continue;
        }
        if trailing_bracket(&it.text).is_some_and(|(_, inner)| is_duty(inner)) {
            tasks.push((i, std::borrow::Cow::Borrowed(&*it.text), it.span));
        } else if let Some(next) = items.get(i + 1)
            && next.kind == BlockKind::Paragraph
            && leading_number(&next.text).is_none()
            && trailing_bracket(&next.text).is_some_and(|(b, inner)| b == 0 && is_duty(inner))
        {
            tasks.push((
                i,
                std::borrow::Cow::Owned(format!("{}{}", it.text, next.text)),
                it.span.to(next.span),
            ));
        } else if let Some(n) = leading_number(&it.text)
            && let Some((a, b, units)) = inline_duty(n.rest)
        {
            let rest = n.rest;
            let head = rest[..a]
                .trim_end()
                .trim_end_matches(['，', ',', '；', ';']);
            let tail = &rest[b..];
            // The clause end before the label stays the item's: the
            // sentence end after the value closes the head.
            let text = if rest[..a].trim_end().ends_with(['。', '；', ';']) {
                format!(
                    "{}{}",
                    rest[..a].trim_end(),
                    tail.trim_start_matches(['。', '；', ';'])
                )
            } else {
                format!("{head}{tail}")
            };
            inline.push((tasks.len(), text.trim().to_string(), units));
            tasks.push((i, std::borrow::Cow::Borrowed(&*it.text), it.span));
        }
    }
    if tasks.len() < 2 {
        return None;
    }
    let mut problems = Vec::new();
    for (k, (_, text, span)) in tasks.iter().enumerate() {
        let n = leading_number(text)?;
        if let Some((_, body, units)) = inline.iter().find(|(j, _, _)| *j == k) {
            let mut p = RawProblem {
                seq: k as u32 + 1,
                label: n.number.to_string(),
                span: Some(*span),
                description: body.clone(),
                title: first_sentence(body),
                units: Some(Field {
                    text: single_label(units),
                    span: Some(*span),
                }),
                ..RawProblem::default()
            };
            deadline_from_text(&mut p, body, *span, diags);
            problems.push(p);
            continue;
        }
        let rest = n.rest.trim();
        let (b, inner) = trailing_bracket(rest)?;
        let body = rest[..b].trim_end();
        let (units_text, deadline_text) = split_duty(inner);
        let points = measures::inline_points(body);
        // Sub-points that carry their own duty brackets: the last bracket
        // is the last sub-point's, not the task's.
        let own_brackets = points.len() >= 2
            && points.iter().enumerate().all(|(j, p)| {
                let end = points.get(j + 1).map_or(rest.len(), |q| q.0);
                measures::units_note(&rest[p.1..end]).is_some()
            });
        let mut p = RawProblem {
            seq: k as u32 + 1,
            label: match n.style {
                Style::ParenChinese | Style::ParenArabic => n.number.to_string(),
                _ => n.number.to_string(),
            },
            span: Some(*span),
            ..RawProblem::default()
        };
        let text_for_points = if own_brackets { rest } else { body };
        p.description = text_for_points.to_string();
        p.title = first_sentence(&p.description);
        p.measures = points
            .iter()
            .enumerate()
            .map(|(j, (_, start, num))| {
                let end = points.get(j + 1).map_or(text_for_points.len(), |q| q.0);
                let text = text_for_points[*start..end].trim().to_string();
                let units = if own_brackets {
                    measures::units_note(&text)
                } else {
                    None
                };
                RawMeasure {
                    number: Some(num.clone()),
                    text,
                    units,
                    span: Some(*span),
                    ..RawMeasure::default()
                }
            })
            .collect();
        if !own_brackets {
            p.units = Some(Field {
                text: units_text,
                span: Some(*span),
            });
            p.deadline = deadline_text.map(|t| Field {
                text: t,
                span: Some(*span),
            });
        }
        if p.deadline.is_none() {
            deadline_from_text(&mut p, body, *span, diags);
        }
        problems.push(p);
    }
    if tasks.len() < 3 {
        diags.push(
            crate::diag!(ShapeWeakEvidence; count = tasks.len()).at(Some(items[tasks[0].0].span)),
        );
    }
    Some((tasks[0].0, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duty_brackets_split() {
        let (u, d) = split_duty("牵头单位：市住建局；配合单位：市水务局；完成时限：2020年12月底前");
        assert_eq!(u, "牵头单位：市住建局；配合单位：市水务局");
        assert_eq!(d.as_deref(), Some("2020年12月底前"));
        let (u, d) =
            split_duty("县住建局牵头，县自然资源局配合，各乡镇人民政府负责落实。2021年6月底前完成");
        assert_eq!(u, "县住建局牵头，县自然资源局配合，各乡镇人民政府负责落实");
        assert_eq!(d.as_deref(), Some("2021年6月底前完成"));
        let (u, d) =
            split_duty("责任单位：区水利局（牵头）、区财政局，相关镇街；完成时限：2023年汛期前");
        assert_eq!(u, "区水利局（牵头）、区财政局，相关镇街");
        assert_eq!(d.as_deref(), Some("2023年汛期前"));
        let (u, d) = split_duty("市生态环境局牵头，市发展改革委配合，2023年10月底前完成");
        assert_eq!(u, "市生态环境局牵头，市发展改革委配合");
        assert_eq!(d.as_deref(), Some("2023年10月底前完成"));
        let (_, d) = split_duty("牵头单位：市住建局；责任单位：各区人民政府；时间节点：长期坚持");
        assert_eq!(d.as_deref(), Some("长期坚持"));
        assert!(is_duty("市公安局交警支队、市生态环境局负责，持续推进"));
        assert!(!is_duty("2023年底前完成"));
    }

    #[test]
    fn trailing_brackets_nest() {
        let t = "开展整治。（责任单位：区水利局（牵头）、区财政局；完成时限：2023年底前）";
        let (_, inner) = trailing_bracket(t).expect("bracket");
        assert!(inner.starts_with("责任单位"));
        assert!(trailing_bracket("开展整治（一期）工作。").is_none());
        assert!(trailing_bracket("开展整治工作（一期）。").is_some_and(|(_, i)| !is_duty(i)));
    }

    #[test]
    fn deadlines_in_prose() {
        assert_eq!(
            time_expressions("2020年6月底前完成规范化建设；加强监测，每季度开展一次评估。")
                .as_deref(),
            Some("2020年6月底前；每季度")
        );
        assert_eq!(time_expressions("加强监管。"), None);
    }
}
