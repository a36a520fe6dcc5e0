//! Runs and lines of a paragraph, shared by the markup readers (DOCX and
//! HTML): adjacent runs merged and normalized, and lines split at a
//! `<br>` or `w:br` joined back when one continues the other.

use super::{Run, is_cjk, normalize_inline, plain_text};
use crate::model::Span;

/// Merge adjacent runs of the same formatting (Word splits runs at
/// random), normalize each with [`normalize_inline`], and keep one space
/// at a run boundary between Latin text so `a` `b` does not become `ab`.
pub(crate) fn normalize_runs(raw: Vec<Run>) -> Vec<Run> {
    let mut merged: Vec<Run> = Vec::new();
    for r in raw {
        match merged.last_mut() {
            Some(last) if last.bold == r.bold && last.struck == r.struck => {
                last.text.push_str(&r.text);
            }
            _ => merged.push(r),
        }
    }
    let mut out: Vec<Run> = Vec::new();
    let mut prev_trailing_space = false;
    for r in merged {
        let lead = r.text.starts_with(char::is_whitespace);
        let trail = r.text.ends_with(char::is_whitespace);
        let mut text = normalize_inline(&r.text);
        if text.is_empty() {
            prev_trailing_space |= lead || trail;
            continue;
        }
        let prev_last = out.last().and_then(|p: &Run| p.text.chars().last());
        let first = text.chars().next();
        if let (Some(a), Some(b)) = (prev_last, first)
            && (lead || prev_trailing_space)
            && !is_cjk(a)
            && !is_cjk(b)
        {
            text.insert(0, ' ');
        }
        prev_trailing_space = trail;
        out.push(Run {
            text,
            bold: r.bold,
            struck: r.struck,
        });
    }
    out
}

/// Merge lines that belong together: `joins(previous, next)` decides.
/// Used for lines of one block split at `<br>` (or `w:br` in DOCX).
pub(crate) fn merge_lines(
    lines: Vec<(Vec<Run>, Span)>,
    joins: impl Fn(&str, &str) -> bool,
) -> Vec<(Vec<Run>, Span)> {
    let mut out: Vec<(Vec<Run>, Span)> = Vec::new();
    for (runs, span) in lines {
        if let Some((prev_runs, prev_span)) = out.last_mut() {
            let pt = plain_text(prev_runs);
            let nt = plain_text(&runs);
            if joins(&pt, &nt) {
                prev_runs.extend(runs);
                prev_span.end = prev_span.end.max(span.end);
                continue;
            }
        }
        out.push((runs, span));
    }
    out
}

/// Does line `next` continue line `prev` (a wrapped sentence) rather than
/// start a paragraph of its own?
pub(crate) fn continues(prev: &str, next: &str) -> bool {
    !prev.is_empty()
        && !next.is_empty()
        && !super::ends_complete(prev)
        && !super::starts_structure(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str, bold: bool, struck: bool) -> Run {
        Run {
            text: t.into(),
            bold,
            struck,
        }
    }

    #[test]
    fn runs_merge_and_keep_latin_spaces() {
        let out = normalize_runs(vec![
            run("牵头", true, false),
            run("领导：", true, false),
            run("杨一广", false, true),
            run("曹 炯芳 ", false, false),
            run("and", false, false),
        ]);
        let texts: Vec<&str> = out.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, vec!["牵头领导：", "杨一广", "曹炯芳and"]);
        let out = normalize_runs(vec![run("PM2.5 ", true, false), run("NOx", false, false)]);
        assert_eq!(out[1].text, " NOx");
    }

    #[test]
    fn wrapped_lines_merge_but_items_do_not() {
        assert!(continues("诚恳接受并全面消化吸", "收，主动认领。"));
        assert!(!continues("完成。", "下一句。"));
        assert!(!continues("整改目标", "1、完成"));
    }
}
