//! Where a checklist ends: the closing paragraph of a notice or report
//! (在今后的工作中, 下一步, 特此公示, 请各…), a portal's chrome lines, and a
//! signature — organ-name lines over a bare date line. What follows is no
//! problem's field.

use super::{Item, leading_number};
use crate::read::BlockKind;
pub(crate) use crate::text::is_date_line;

/// Phrases that open a closing paragraph or sentence: the office's plans
/// and the notice's furniture, never a problem's field.
const CLOSING: &[&str] = &[
    "在今后的工作中",
    "今后，",
    "今后,",
    "下一步，",
    "下一步,",
    "下一步我",
    "下一步将",
    "特此公示",
    "特此报告",
    // A request addressed to all units (请各责任单位…, 请各县区…): the
    // notice's closing, no problem's field.
    "请各",
    "特此通报",
    "特此说明",
    "欢迎社会各界",
    "欢迎广大",
    "如对",
    "监督电话",
    "公示时间",
    "公示期",
];

/// Whether `text` opens with a closing phrase.
fn opens_closing(text: &str) -> bool {
    let t = text.trim_start();
    CLOSING.iter().any(|p| t.starts_with(p))
}

/// A web page's furniture under an article (`| 责任编辑：`, 分享到, a line
/// of only `|`): the article, and so the checklist, has ended.
fn is_chrome(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c == '|' || c == '｜' || c.is_whitespace());
    t.is_empty() && !text.trim().is_empty()
        || [
            "责任编辑",
            "分享到",
            "打印本页",
            "关闭窗口",
            "【打印】",
            "【关闭】",
        ]
        .iter()
        .any(|p| t.starts_with(p))
}

/// `text` up to a sentence that opens with a closing phrase
/// (…已完成整改。如对该问题整改完成情况有异议…): what follows is the
/// notice's or the office's, not the field's.
pub(crate) fn cut_closing(text: &str) -> &str {
    let mut at = 0;
    for piece in text.split_inclusive(['。', '！', '？']) {
        if at > 0 && opens_closing(piece) {
            return text[..at].trim_end();
        }
        at += piece.len();
    }
    text
}

/// A short line with no sentence punctuation, number or label: what a
/// signature's organ-name lines look like.
fn signature_like(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().count() <= 40
        && !t.contains(['。', '，', '；', '：', ',', ';', ':', '！', '？', '（', '('])
        && leading_number(t).is_none()
}

/// A block that opens a label or section whose value may be the block
/// below (整改时限： / 五、完成时限): a date under it is that value.
fn opens_value(text: &str) -> bool {
    let t = text.trim();
    t.ends_with(['：', ':'])
        || crate::labels::field_label(t).is_some_and(|l| l.value.is_empty())
        || crate::labels::exact_header(t).is_some()
        || leading_number(t).is_some_and(|n| {
            let r = n.rest.trim();
            r.chars().count() <= 16 && !r.contains(['。', '，', '；'])
        })
}

/// Whether `items[j]` closes the checklist: a paragraph opening with a
/// closing phrase (在今后的工作中, 下一步, 特此公示), a bare date line
/// (not the value of the label above it), or the organ-name lines of a
/// signature right above such a date line. What follows is no problem's.
pub(crate) fn is_closing(items: &[Item], j: usize) -> bool {
    let Some(it) = items.get(j) else {
        return false;
    };
    if it.kind == BlockKind::Table {
        return false;
    }
    if opens_closing(&it.text) || is_chrome(&it.text) {
        return true;
    }
    let date_at = |k: usize| {
        items.get(k).is_some_and(|b| is_date_line(&b.text))
            && !(k > 0 && items.get(k - 1).is_some_and(|p| opens_value(&p.text)))
    };
    if date_at(j) {
        return true;
    }
    // Up to three organ-name lines, then the date.
    (j..j + 3)
        .take_while(|&k| items.get(k).is_some_and(|b| signature_like(&b.text)))
        .any(|k| date_at(k + 1))
}

/// The first closing block in `from..end`, else `end`.
pub(crate) fn closing_end(items: &[Item], from: usize, end: usize) -> usize {
    (from..end.min(items.len()))
        .find(|&j| is_closing(items, j))
        .unwrap_or(end)
}
