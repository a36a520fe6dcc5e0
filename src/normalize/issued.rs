//! The plan's issue date, found in the document itself: the date line under
//! a signature (落款), the date of the 通知 that issues the plan, a labelled
//! 印发日期 / 成文日期 line, or a portal's publication date. Relative
//! deadlines (本月底, 下季度, 即日起) are resolved against it.

use jiff::civil::Date;

use super::date::{DateContext, parse_prose_terms};
use crate::model::{Issued, IssuedFrom, Span, TermKind};
use crate::read::{BlockKind, Doc};

/// Longest line, in characters, that can be a bare date line
/// (二〇二四年十二月三十一日 has 12, plus brackets and spaces).
const DATE_LINE_MAX: usize = 24;

/// Longest signature line above a date line (an issuing body's name).
const SIGNATURE_MAX: usize = 40;

/// Labels of a line that states the issue date.
const ISSUE_LABELS: [&str; 6] = [
    "印发日期",
    "成文日期",
    "发文日期",
    "印发时间",
    "成文时间",
    "签发日期",
];

/// Labels of a publication date (a portal page, a 公示).
const PUBLICATION_LABELS: [&str; 6] = [
    "发布时间",
    "发布日期",
    "公示时间",
    "公示日期",
    "公布日期",
    "发布于",
];

/// The issue date the document states, if any.
///
/// A date standing alone on its line under a short line (the signature)
/// is the document's date: the first such line, which in a 印发通知 is the
/// notice's date (the day the plan was issued), and otherwise the plan's
/// own signature. Without one, a labelled issue line; without that, a
/// publication date.
pub fn find(doc: &Doc) -> Option<Issued> {
    let texts = lines(doc);
    // A 印发通知: one of the first blocks (after a portal's navigation) is
    // its title.
    let notice = texts
        .iter()
        .take(4)
        .any(|(t, _)| t.contains("通知") && t.contains("印发"));
    if let Some(Signed {
        at: k,
        span,
        date,
        written,
        ..
    }) = signatures(&texts).next()
    {
        // A notice's date is followed by the title of the plan it issues.
        let plan_follows = texts.iter().skip(k + 1).take(3).any(|(t, _)| is_title(t));
        let from = if notice && plan_follows {
            IssuedFrom::Notice
        } else {
            IssuedFrom::Signature
        };
        return Some(issued(date, written, from, span));
    }
    for (labels, from) in [
        (&ISSUE_LABELS, IssuedFrom::IssueLine),
        (&PUBLICATION_LABELS, IssuedFrom::Publication),
    ] {
        for (text, span) in &texts {
            if let Some((date, written)) = labelled(text, labels) {
                return Some(issued(date, written, from, *span));
            }
        }
    }
    None
}

/// Lines where the document names its issuer: a 红头 header at the top
/// (鞍山市立山区人民政府文件), a portal's 发布机构 / 来源 line, and every
/// signature above a signed date (蔡甸区人民政府办公室). The plan's region
/// may be read from them when its title names none.
pub fn issuer_lines(doc: &Doc) -> Vec<String> {
    /// How many blocks from the top a header or a portal's source line
    /// stands in.
    const TOP: usize = 8;
    const SOURCE_LABELS: [&str; 5] = ["发布机构", "发文机关", "发文单位", "信息来源", "来源"];
    let texts = lines(doc);
    let mut out = Vec::new();
    for (t, _) in texts.iter().take(TOP) {
        if let Some(body) = t.strip_suffix("文件")
            && is_signature(body)
        {
            out.push(body.to_string());
        }
        // A portal writes its fields on one line (索引号: … 发布机构: …).
        for label in SOURCE_LABELS {
            if let Some(at) = t.find(label)
                && let Some(rest) = t[at + label.len()..].trim_start().strip_prefix(['：', ':'])
            {
                // The body runs to the next field of the line (浏览次数 …).
                let body = rest
                    .trim()
                    .split([' ', '　', '|', '｜'])
                    .next()
                    .unwrap_or_default();
                if is_signature(body) {
                    out.push(body.to_string());
                }
            }
        }
    }
    out.extend(signatures(&texts).map(|s| s.signer.to_string()));
    out
}

/// The document's lines outside tables, trimmed, empty ones left out.
fn lines(doc: &Doc) -> Vec<(&str, Span)> {
    doc.blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Table)
        .map(|b| (b.text().trim(), b.span))
        .filter(|(t, _)| !t.is_empty())
        .collect()
}

/// A signed date: a full date ending a line, with the signature on the
/// line above or before it on the same line (a reader may join the two).
struct Signed<'a> {
    /// Index of the date's line, and its span.
    at: usize,
    span: Span,
    date: Date,
    /// The date as written.
    written: &'a str,
    /// The signing body.
    signer: &'a str,
}

/// Every signed date of `texts`, in order.
fn signatures<'a>(texts: &'a [(&'a str, Span)]) -> impl Iterator<Item = Signed<'a>> + 'a {
    texts
        .iter()
        .enumerate()
        .filter_map(move |(k, &(text, span))| {
            let (date, written, before) = signed_date(text)?;
            let signer = if before.is_empty() {
                texts.get(k.checked_sub(1)?)?.0
            } else {
                before
            };
            is_signature(signer).then_some(Signed {
                at: k,
                span,
                date,
                written,
                signer,
            })
        })
}

/// The `--date` option as the issue date.
pub fn given(date: Date) -> Issued {
    Issued {
        date: Some(date),
        text: None,
        from: IssuedFrom::Option,
        span: None,
    }
}

fn issued(date: Date, text: &str, from: IssuedFrom, span: Span) -> Issued {
    Issued {
        date: Some(date),
        text: Some(text.to_string()),
        from,
        span: Some(span),
    }
}

/// A line that is a full written date and nothing else (2024年6月20日,
/// 二〇一八年十月二十九日, （2021年4月12日）).
#[cfg(test)]
fn date_line(text: &str) -> Option<Date> {
    signed_date(text).and_then(|(d, _, before)| before.is_empty().then_some(d))
}

/// A line that ends with a full written date: the date, as written, and
/// the text before it (empty for a date line).
fn signed_date(text: &str) -> Option<(Date, &str, &str)> {
    // Most blocks are paragraphs: rejected by their length in bytes (a
    // character is at most 4) before anything is counted or parsed.
    if text.len() > 4 * (DATE_LINE_MAX + SIGNATURE_MAX)
        || text.chars().count() > DATE_LINE_MAX + SIGNATURE_MAX
    {
        return None;
    }
    let inner = text.trim_end_matches(['）', ')', ' ', '　']);
    // A full date ends with 日 or 号, or a digit (2024.6.20).
    if !inner.chars().next_back().is_some_and(|c| {
        matches!(c, '日' | '号') || c.is_ascii_digit() || ('０'..='９').contains(&c)
    }) {
        return None;
    }
    let mut diags = Vec::new();
    let terms = parse_prose_terms(inner, &DateContext::default(), &mut diags);
    let t = terms.last()?;
    if t.kind != TermKind::Day || t.year_inferred || t.qualifier.is_some() {
        return None;
    }
    let date = t.end?;
    let start = inner.rfind(t.text.as_str())?;
    if !inner.get(start + t.text.len()..)?.trim().is_empty() {
        return None;
    }
    let before = inner.get(..start)?.trim_end_matches(['（', '(', ' ', '　']);
    let written = inner.get(start..start + t.text.len())?;
    Some((date, written, before.trim()))
}

/// The first full date (a day with its year written) in `text`, and its
/// text as written.
fn full_date(text: &str) -> Option<(Date, &str)> {
    let mut diags = Vec::new();
    let terms = parse_prose_terms(text, &DateContext::default(), &mut diags);
    let t = terms.first()?;
    if t.kind != TermKind::Day || t.year_inferred {
        return None;
    }
    let date = t.end.or(t.start)?;
    let start = text.find(t.text.as_str())?;
    Some((date, text.get(start..start + t.text.len())?))
}

/// A signature line: a short line that names an issuing body (宝应县交通
///运输局党组, 某市人民政府办公室), not a sentence — and not a field label
/// such as 整改时限 above a date in a flattened table.
fn is_signature(text: &str) -> bool {
    // The last character of an issuing body's name.
    const BODY_ENDS: &str = "室会组委府局厅部办司署处科所站队院校心团社馆盟联党";
    let name = text
        .trim_end_matches(['）', ')'])
        .trim_end_matches("（盖章")
        .trim_end_matches("(盖章")
        .trim_end_matches("（章")
        .trim();
    name.chars().count() <= SIGNATURE_MAX
        && !name.contains(['。', '：', ':', '；', '，'])
        && name.chars().last().is_some_and(|c| BODY_ENDS.contains(c))
}

/// A block that opens with a plan's title (a reader may have joined the
/// title to the paragraph after it): its first characters name a plan, a
/// list or a set of measures.
fn is_title(text: &str) -> bool {
    const NAMES: [&str; 7] = ["方案", "清单", "计划", "措施", "意见", "台账", "任务"];
    let head: String = text.chars().take(60).take_while(|&c| c != '。').collect();
    NAMES.iter().any(|n| head.contains(n))
}

/// Might `text` hold an issue or publication label? Every label holds
/// 日期, 时间 or 发布于, which prebuilt SIMD searchers find; most blocks
/// hold none, and a substring search per label and block (each building
/// its searcher anew) cost more than the rest of the issue-date search.
fn any_label(text: &str) -> bool {
    use memchr::memmem::Finder;
    static WORDS: std::sync::LazyLock<[Finder<'static>; 3]> = std::sync::LazyLock::new(|| {
        [
            Finder::new("日期"),
            Finder::new("时间"),
            Finder::new("发布于"),
        ]
    });
    WORDS.iter().any(|f| f.find(text.as_bytes()).is_some())
}

/// `标签：date` with one of `labels`: the date and its text.
fn labelled<'t>(text: &'t str, labels: &[&str]) -> Option<(Date, &'t str)> {
    if !any_label(text) {
        return None;
    }
    labels.iter().find_map(|l| {
        let k = text.find(l)?;
        let rest = text.get(k + l.len()..)?;
        let rest = rest.trim_start_matches([' ', '　', '：', ':']);
        let head: String = rest.chars().take(DATE_LINE_MAX).collect();
        let (date, written) = full_date(&head)?;
        // Only a date right after the label.
        head.starts_with(written).then_some(())?;
        Some((date, rest.get(..written.len())?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_passes_the_prefilter() {
        for l in ISSUE_LABELS.iter().chain(&PUBLICATION_LABELS) {
            assert!(any_label(l), "{l}");
        }
        assert!(!any_label("整改时限：2019年12月底前"));
    }

    #[test]
    fn date_lines() {
        let d = |s: &str| date_line(s).map(|d| d.to_string());
        assert_eq!(d("2024年6月20日"), Some("2024-06-20".into()));
        assert_eq!(d("二〇一八年十月二十九日"), Some("2018-10-29".into()));
        assert_eq!(d("（2021年4月12日）"), Some("2021-04-12".into()));
        assert_eq!(d("2024年6月20日前完成"), None);
        assert_eq!(d("6月20日"), None);
        assert_eq!(d("2024年6月"), None);
        assert!(is_signature("中共宝应县交通运输局党组"));
        assert!(is_signature("某某市生态环境局（盖章）"));
        assert!(!is_signature("整改时限"));
        assert!(!is_signature("完成时间"));
        let s = signed_date("巴中市巴州区人民政府办公室2022年8月29日");
        assert_eq!(
            s.map(|(d, _, b)| (d.to_string(), b)),
            Some(("2022-08-29".into(), "巴中市巴州区人民政府办公室"))
        );
    }

    #[test]
    fn labelled_lines() {
        let l = |s: &str| labelled(s, &ISSUE_LABELS).map(|(d, t)| (d.to_string(), t.to_string()));
        assert_eq!(
            l("印发日期：2019年3月5日"),
            Some(("2019-03-05".into(), "2019年3月5日".into()))
        );
        assert_eq!(l("印发日期：见附件"), None);
        let p = labelled("发布时间：2024-03-14 10:05", &PUBLICATION_LABELS);
        assert_eq!(p.map(|(d, _)| d.to_string()), Some("2024-03-14".into()));
    }
}
