//! A progress paragraph (整改情况：…) as reports and 巡察 notices write it:
//! a status sentence (该问题已完成整改。), the measures taken as 一是…
//! 二是… 三是…, perhaps a closing status sentence (目前，该问题正在整改。),
//! and sometimes a plan (计划于2024年12月底前完成).
//!
//! The status is the sentence before the first item or the one after the
//! last; it is no part of a measure. A date planned in the status
//! sentence is the problem's deadline when it has no deadline field.

use std::sync::LazyLock;

use regex::Regex;

use super::{RawMeasure, measures, status_of};
use crate::model::{Span, Status};

/// A time expression as a deadline clause writes it, for a plan stated in
/// prose (计划于2024年12月底前完成 → 2024年12月底前).
static PLANNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:计划|预计|力争|确保|将于|拟于)[于在到]?\s*(\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:底|末|中旬|上旬|下旬)?\s*(?:前|以前)?)",
    )
    .expect("static regex")
});

/// What a progress text says.
#[derive(Debug, Default)]
pub(super) struct Progress {
    pub status: Option<Status>,
    pub measures: Vec<RawMeasure>,
    /// A planned date in the status sentence, as written.
    pub deadline: Option<String>,
}

/// Read a progress text; `None` when it has no 一是/二是 items (then it
/// is a status as written).
pub(super) fn parse(text: &str, span: Span) -> Option<Progress> {
    // At least 一是 and 二是 (or （1）（2）), in order.
    let marks = measures::inline_points(text);
    if marks.len() < 2 {
        return None;
    }
    let intro = text[..marks[0].0].trim();
    let mut out = Progress::default();
    let mut tail_status: Option<String> = None;
    for (k, (_, body, num)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(text.len(), |m| m.0);
        let mut t = text[*body..end].trim();
        if k + 1 == marks.len() {
            // 在今后的工作中，我局将… after the last item is no measure.
            t = super::cut_closing(t);
            // 目前，该问题已完成整改。 after the last item: the status.
            if let Some(cut) = closing_status(t) {
                tail_status = Some(t[cut..].trim().to_string());
                t = t[..cut].trim();
            }
        }
        out.measures.push(RawMeasure {
            number: Some(num.clone()),
            text: t.to_string(),
            span: Some(span),
            ..RawMeasure::default()
        });
    }
    let stated = |s: &str| status_of(s).filter(|st| st.value.is_some());
    out.status = stated(intro)
        .map(|st| Status {
            text: status_clause(intro),
            value: st.value,
        })
        .or_else(|| {
            tail_status.as_deref().and_then(stated).map(|st| Status {
                text: status_clause(tail_status.as_deref().unwrap_or_default()),
                value: st.value,
            })
        });
    out.deadline = PLANNED
        .captures(intro)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim().to_string());
    Some(out)
}

/// The status a report with no 一是/二是 items states for its problem: a
/// sentence opening with 该问题/此问题/目前/截至目前 that holds a status
/// word. Other sentences tell what a measure did (设备均已完成), not
/// where the problem stands.
pub(super) fn stated_status(text: &str) -> Option<Status> {
    text.split_inclusive(['。', '；'])
        .map(str::trim)
        .filter(|s| {
            ["该问题", "此问题", "目前", "截至目前", "现该问题"]
                .iter()
                .any(|w| s.starts_with(w))
        })
        .find_map(|s| {
            status_of(s)
                .filter(|st| st.value.is_some())
                .map(|st| Status {
                    text: status_clause(s),
                    value: st.value,
                })
        })
}

/// Where a closing status sentence starts in the last item's text: the
/// last sentence, when it says 该问题… or 目前… with a status word.
fn closing_status(t: &str) -> Option<usize> {
    let body = t.trim_end_matches(['。', '；']);
    let cut = body.rfind(['。', '；']).map(|i| i + '。'.len_utf8())?;
    let last = &t[cut..];
    let opens = ["目前", "该问题", "此问题", "现该问题", "截至目前"]
        .iter()
        .any(|w| last.trim_start().starts_with(w));
    (opens && status_of(last).is_some_and(|s| s.value.is_some())).then_some(cut)
}

/// The clause with the status words, without 该问题/目前 and the stop.
fn status_clause(text: &str) -> String {
    let clause = text
        .split_inclusive(['。', '；', '，', '：'])
        .find(|s| status_of(s).is_some_and(|st| st.value.is_some()))
        .unwrap_or(text)
        .trim();
    let clause = clause.trim_end_matches(['。', '；', '，', '：']);
    ["该问题", "此问题", "目前，该问题", "目前"]
        .iter()
        .find_map(|p| clause.strip_prefix(p))
        .unwrap_or(clause)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StatusValue;

    #[test]
    fn status_before_and_after_the_items() {
        let p = parse("该问题已完成整改。一是甲。二是乙。", Span::default()).expect("items");
        assert_eq!(p.measures.len(), 2);
        assert_eq!(p.status.and_then(|s| s.value), Some(StatusValue::Completed));
        let p = parse("一是甲。二是乙。目前，该问题正在整改。", Span::default()).expect("items");
        assert_eq!(p.measures[1].text, "乙。");
        assert_eq!(
            p.status.and_then(|s| s.value),
            Some(StatusValue::InProgress)
        );
        let p = parse(
            "该问题正在整改中，计划于2024年12月底前完成。一是甲。二是乙。",
            Span::default(),
        )
        .expect("items");
        assert_eq!(p.deadline.as_deref(), Some("2024年12月底前"));
        assert!(parse("已完成整改。", Span::default()).is_none());
    }
}
