//! Runs and lines of a paragraph, shared by the readers: adjacent runs
//! merged and normalized (DOCX, HTML), lines split at a `<br>` or `w:br`
//! joined back when one continues the other, and Markdown's soft line
//! breaks told apart from lines that each stand alone (web text written
//! one paragraph a line, as the text reader reads it).

use super::{
    Run, ends_complete, is_cjk, is_label_only, is_reference_line, normalize_inline, plain_text,
    starts_structure,
};
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
    !prev.is_empty() && !next.is_empty() && !ends_complete(prev) && !starts_structure(next)
}

/// Split lines written with no blank line between them (one CommonMark
/// paragraph) where a line stands on its own. Web text and many
/// converters end every paragraph with a single newline, and Chinese
/// plans mark their structure at the start of a line, not with Markdown:
/// read as one paragraph, every numbered item and label would vanish.
///
/// A line wraps onto the next only when the next line goes on with it —
/// see [`wraps`]. A line whose text is empty (all struck, or markup
/// only) stays with the line before it. Linear in the number of lines.
pub(crate) fn split_soft_breaks(lines: Vec<(Vec<Run>, Span)>) -> Vec<(Vec<Run>, Span)> {
    // Each line's text and width, measured once.
    let texts: Vec<(String, usize)> = lines
        .iter()
        .map(|(runs, _)| {
            let t = plain_text(runs);
            let w = width(&t);
            (t, w)
        })
        .collect();
    let widest = texts.iter().map(|(_, w)| *w).max().unwrap_or(0);
    let mut out: Vec<(Vec<Run>, Span)> = Vec::with_capacity(lines.len());
    // The last line with text: what the next line is tested against.
    let mut last: Option<(&str, usize)> = None;
    for ((runs, span), (text, w)) in lines.into_iter().zip(&texts) {
        if let Some((prev_runs, prev_span)) = out.last_mut()
            && (text.is_empty() || last.is_none_or(|(p, pw)| wraps(p, pw, text, widest)))
        {
            prev_runs.extend(runs);
            prev_span.end = prev_span.end.max(span.end);
        } else {
            out.push((runs, span));
        }
        if !text.is_empty() {
            last = Some((text, *w));
        }
    }
    out
}

/// Does line `next` go on with line `prev` inside one paragraph whose
/// widest line is `widest` wide? Either `prev` is a label waiting for
/// its value (整改时限：), or `prev` is a full line — a wrap, not the end
/// of a short line such as a title — cut mid-sentence, and `next` opens
/// nothing of its own: no section or list marker, no label, no date or
/// signature line.
///
/// `prev_width` is `prev`'s [`width`], measured once per line.
fn wraps(prev: &str, prev_width: usize, next: &str, widest: usize) -> bool {
    if prev.is_empty() || next.is_empty() || starts_structure(next) || stands_alone(next) {
        return false;
    }
    if is_label_only(prev) && starts_structure(prev) && prev.chars().count() <= 12 {
        return true;
    }
    prev_width * 4 >= widest * 3 && !ends_complete(prev) && !stands_alone(prev)
}

/// A line that is a block by itself wherever it appears: a bare date, a
/// signing organ, a document number.
fn stands_alone(line: &str) -> bool {
    crate::text::is_date_line(line) || is_organ_line(line) || is_reference_line(line)
}

/// A line that is only the name of an organ (苍溪县住房和城乡建设局,
/// 整改工作领导小组办公室): the signature of a notice, or its addressee
/// line in a header. Short, ideographs only, and ending with the word
/// for a kind of organ.
pub(crate) fn is_organ_line(line: &str) -> bool {
    const ORGANS: &[&str] = &[
        "局",
        "办公室",
        "委员会",
        "政府",
        "党委",
        "党组",
        "工委",
        "管委会",
        "办事处",
        "厅",
        "院",
        "中心",
        "小组",
        "公司",
        "委",
        "办",
    ];
    line.chars().nth(3).is_some()
        && line.chars().nth(20).is_none()
        && line
            .chars()
            .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || matches!(c, '（' | '）'))
        && ORGANS.iter().any(|o| line.ends_with(o))
}

/// The width a line takes on the page: an ideograph or a full-width form
/// counts two, anything else one. A wrapped line is about as wide as the
/// widest of its paragraph, whatever mix of scripts it holds.
pub(crate) fn width(s: &str) -> usize {
    s.chars().map(|c| if is_cjk(c) { 2 } else { 1 }).sum()
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
    fn a_soft_break_wraps_only_a_full_line_cut_mid_sentence() {
        let wide = "为切实抓好环境问题整改工作，各乡镇、各部门要把整改工作作为一项重大政治";
        let widest = width(wide);
        for (prev, next, wrap) in [
            (wide, "任务，对照问题清单逐项研究。", true),
            // The next line opens something of its own.
            (wide, "1、全年实施重点项目六十个。", false),
            (wide, "(二)提振消费", false),
            (wide, "3)完成验收", false),
            (wide, "责任单位：县住建局", false),
            (wide, "2024年3月6日", false),
            (wide, "县人民政府办公室", false),
            // The line before ends a sentence, or is short: a title.
            (
                "各乡镇人民政府，县政府各部门：",
                "现将方案印发给你们。",
                false,
            ),
            (
                "2024年县政府重点工作任务分解",
                "根据政府工作报告，现将任务分解如下。",
                false,
            ),
            ("县人民政府办公室", "关于印发重点工作任务分解的通知", false),
            // A label waits for its value on the next line.
            ("整改时限：", "2024年底前", true),
            ("整改时限：", "（一）完成", false),
        ] {
            assert_eq!(
                wraps(prev, width(prev), next, widest),
                wrap,
                "{prev} | {next}"
            );
        }
    }

    #[test]
    fn soft_breaks_split_into_paragraphs_and_keep_struck_lines() {
        let line = |t: &str, struck: bool, no: u32| {
            let run = Run {
                text: t.into(),
                bold: false,
                struck,
            };
            let span = Span {
                line: no,
                page: None,
                start: no as usize * 10,
                end: no as usize * 10 + 5,
            };
            (vec![run], span)
        };
        let out = split_soft_breaks(vec![
            line("一、总体要求", false, 1),
            line("删去的一行", true, 2),
            line("1、完成", false, 3),
            line("2024年3月6日", false, 4),
        ]);
        let texts: Vec<String> = out.iter().map(|(r, _)| plain_text(r)).collect();
        assert_eq!(texts, ["一、总体要求", "1、完成", "2024年3月6日"]);
        assert_eq!(
            out[0].0.len(),
            2,
            "the struck line stays with its paragraph"
        );
        assert_eq!((out[0].1.line, out[0].1.end), (1, 25));
        assert_eq!((out[1].1.line, out[2].1.line), (3, 4));
    }

    #[test]
    fn organ_lines() {
        assert!(is_organ_line("苍溪县住房和城乡建设局"));
        assert!(is_organ_line("整改工作领导小组办公室"));
        assert!(!is_organ_line("加快推进项目建设"));
        assert!(!is_organ_line("县局"));
        assert!(!is_organ_line("县住建局、县教育局"));
    }

    #[test]
    fn wrapped_lines_merge_but_items_do_not() {
        assert!(continues("诚恳接受并全面消化吸", "收，主动认领。"));
        assert!(!continues("完成。", "下一句。"));
        assert!(!continues("整改目标", "1、完成"));
    }
}
