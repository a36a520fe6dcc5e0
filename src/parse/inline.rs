//! Checklists whose fields run together, one paragraph per problem:
//! `1. 问题：…。责任单位：…；责任人：…；整改时限：…。整改措施：（1）…`.
//!
//! Such a paragraph is cut before every field label that follows its
//! numbering or a sentence or clause end (。；;), and the labelled parser
//! then reads the pieces as if each field had a paragraph of its own. A
//! label after a comma or inside brackets is left alone: there it is part
//! of a sentence (（责任单位：市环保局） notes a measure's units).

use std::borrow::Cow;

use super::Item;
use super::number::leading_number;
use crate::labels::{FieldKind, field_label};

/// Every item, with paragraphs holding two or more fields cut into one
/// item per field, and for each new item the index of the item it came
/// from. `None` when no paragraph holds two fields: the document is not of
/// this shape.
pub(super) fn split<'d>(items: &[Item<'d>]) -> Option<(Vec<Item<'d>>, Vec<usize>)> {
    let mut out = Vec::with_capacity(items.len());
    let mut origin = Vec::with_capacity(items.len());
    let mut any = false;
    for (k, it) in items.iter().enumerate() {
        let Some(bounds) = bounds(&it.text) else {
            out.push(it.clone());
            origin.push(k);
            continue;
        };
        any = true;
        for w in bounds.windows(2) {
            let (a, b) = (w[0], w[1]);
            let Some(piece) = piece(&it.text, a, b) else {
                continue;
            };
            out.push(Item {
                text: piece,
                bold_start: it.bold_start && a == 0,
                ..it.clone()
            });
            origin.push(k);
        }
    }
    any.then_some((out, origin))
}

/// Where `text`'s pieces start and end (its start, each field, its end)
/// when it holds two or more fields; `None` otherwise.
fn bounds(text: &str) -> Option<Vec<usize>> {
    let mut b = cuts(text);
    if b.len() < 2 {
        return None;
    }
    if b.first() != Some(&0) {
        b.insert(0, 0);
    }
    b.push(text.len());
    Some(b)
}

/// Where fields start in `text`: after its numbering, and after each
/// 。；; (and the white space after it) where a field label follows. Only
/// labels that name a problem's fields count; 序号 does not.
fn cuts(text: &str) -> Vec<usize> {
    let is_field = |t: &str| field_label(t).is_some_and(|l| l.kind != FieldKind::Seq);
    let mut out = Vec::new();
    if let Some(n) = leading_number(text)
        && is_field(n.rest)
    {
        out.push(text.len() - n.rest.len());
    } else if is_field(text) {
        out.push(0);
    }
    // Brackets hold notes (（牵头单位：X；责任单位：Y）), not fields.
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' | '〔' | '【' | '[' => depth += 1,
            '）' | ')' | '〕' | '】' | ']' => depth = depth.saturating_sub(1),
            '。' | '；' | ';' if depth == 0 => {
                let after = &text[i + c.len_utf8()..];
                let at = text.len() - after.trim_start().len();
                if at < text.len() && is_field(&text[at..]) {
                    out.push(at);
                }
            }
            _ => {}
        }
    }
    out
}

/// `text[a..b]` without white space around it and without a trailing
/// clause separator (责任人：王五； → 责任人：王五), borrowed when the text
/// is; `None` when nothing is left.
fn piece<'d>(text: &Cow<'d, str>, a: usize, b: usize) -> Option<Cow<'d, str>> {
    let raw = text.get(a..b)?;
    let t = raw.trim().trim_end_matches(['；', ';']).trim_end();
    if t.is_empty() {
        return None;
    }
    let s = a + (raw.len() - raw.trim_start().len());
    let e = s + t.len();
    Some(match text {
        Cow::Borrowed(t) => {
            let t: &'d str = t;
            Cow::Borrowed(t.get(s..e)?)
        }
        Cow::Owned(t) => Cow::Owned(t.get(s..e)?.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<String> {
        let b = bounds(text).unwrap_or_default();
        b.windows(2)
            .filter_map(|w| piece(&Cow::Borrowed(text), w[0], w[1]))
            .map(|p| p.into_owned())
            .collect()
    }

    #[test]
    fn fields_in_one_paragraph() {
        assert_eq!(
            pieces(
                "1. 问题：记录不规范。责任单位：县财政局；责任人：王五；整改时限：2019年3月底前。整改措施：（1）规范格式；（2）建立制度。"
            ),
            [
                "1.",
                "问题：记录不规范。",
                "责任单位：县财政局",
                "责任人：王五",
                "整改时限：2019年3月底前。",
                "整改措施：（1）规范格式；（2）建立制度。",
            ]
        );
        assert_eq!(
            pieces("责任单位：市环保局； 整改时限：2018年底"),
            ["责任单位：市环保局", "整改时限：2018年底"]
        );
    }

    #[test]
    fn labels_inside_sentences_stay() {
        assert_eq!(
            cuts("开展排查（责任单位：市环保局）。"),
            Vec::<usize>::new()
        );
        assert_eq!(cuts("加强监管，责任单位：市环保局"), Vec::<usize>::new());
        assert_eq!(
            cuts("1.开展整治。（牵头单位：甲；责任单位：乙；配合单位：丙）"),
            Vec::<usize>::new()
        );
        assert_eq!(cuts("整改时限：2018年底"), vec![0]);
        assert_eq!(cuts("序号：1；整改时限：2018年底").len(), 1);
    }
}
