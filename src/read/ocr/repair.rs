//! Repairs of OCR's systematic misreads, for text that came from OCR only.
//!
//! Only what is unambiguous is repaired, and every repair is reported:
//! - a field label of the parser's vocabulary ([`column_names`]) at the
//!   start of a block followed by a wrong separator (`;` `:` `:;`) gets
//!   `：`; a label one character off (率头领导) is the label when exactly
//!   one label is that close and a separator follows it;
//! - bracket pairs read as mixed forms (`〈…)`, `《…)`, `\…)`, `(…）`) are
//!   `（…）`, and an ASCII pair around Chinese words (not a leading
//!   numbering such as `(二)`) is full-width; `牵头)` with its opening
//!   bracket lost is `（牵头）`;
//! - an ASCII `:` or `;` after a Chinese character is full-width.
//!
//! Values (units, people, dates) are never guessed here.

use crate::diag::Diagnostic;
use std::sync::LazyLock;

use regex::Regex;

use crate::labels::{FieldKind, column_names, field_label};
use crate::read::{Block, BlockKind, is_cjk};

/// Repair every block (table cells included), one info diagnostic per
/// repaired block listing its repairs.
pub fn repair(blocks: &mut [Block], diags: &mut Vec<Diagnostic>) {
    repair_blocks(blocks, diags);
    repair_people(blocks, diags);
}

fn repair_blocks(blocks: &mut [Block], diags: &mut Vec<Diagnostic>) {
    for b in blocks.iter_mut() {
        if b.kind == BlockKind::Table {
            if let Some(t) = b.table.as_mut() {
                for row in &mut t.rows {
                    for cell in row {
                        repair_blocks(&mut cell.blocks, diags);
                    }
                }
            }
            continue;
        }
        let mut notes: Vec<String> = Vec::new();
        b.map_text(|t| repair_text(t, &mut notes));
        if !notes.is_empty() {
            let notes = notes.join("; ");
            let d = match b.span.page {
                Some(p) => {
                    crate::diag!(OcrRepaired / "page"; page = p, line = b.span.line, notes = notes)
                }
                None => crate::diag!(OcrRepaired; line = b.span.line, notes = notes),
            };
            diags.push(d.at(Some(b.span)));
        }
    }
}

/// A person field's `name（duty）`: a three-character name (two are too
/// often different people one character apart).
static NAME_DUTY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Han}{3})（([^（）]{2,24})）").expect("static regex"));

/// A three-character name in a person field (责任人员：…) written once in
/// the whole plan is the name written elsewhere at least twice when exactly
/// one such name is one character away and was written with the same duty
/// (质丰炎（环委办专职副主任） → 贺丰炎, written 贺丰炎（市环委办专职副主任）).
fn repair_people(blocks: &mut [Block], diags: &mut Vec<Diagnostic>) {
    let people = |b: &Block| {
        field_label(b.text()).is_some_and(|l| {
            matches!(
                l.kind,
                FieldKind::Responsible | FieldKind::Contacts | FieldKind::Leaders
            )
        })
    };
    let whole: String = blocks
        .iter()
        .map(|b| b.text())
        .collect::<Vec<_>>()
        .join("\n");
    // Every name with a duty in a person field, with its duties.
    let mut known: Vec<(String, Vec<String>)> = Vec::new();
    for b in blocks.iter().filter(|b| people(b)) {
        for c in NAME_DUTY.captures_iter(b.text()) {
            let (name, duty) = (c[1].to_string(), c[2].to_string());
            match known.iter_mut().find(|(n, _)| *n == name) {
                Some((_, d)) => d.push(duty),
                None => known.push((name, vec![duty])),
            }
        }
    }
    let count = |n: &str| whole.matches(n).count();
    let mut fixes: Vec<(String, String, String)> = Vec::new();
    for (name, duties) in &known {
        if count(name) != 1 {
            continue;
        }
        let near: Vec<&String> = known
            .iter()
            .filter(|(other, other_duties)| {
                let diff = name
                    .chars()
                    .zip(other.chars())
                    .filter(|(a, b)| a != b)
                    .count();
                diff == 1
                    && name.chars().count() == other.chars().count()
                    && count(other) >= 2
                    && other_duties.iter().any(|od| {
                        duties
                            .iter()
                            .any(|d| od == d || od.contains(d.as_str()) || d.contains(od.as_str()))
                    })
            })
            .map(|(other, _)| other)
            .collect();
        if let [other] = near.as_slice() {
            fixes.push((name.clone(), (*other).clone(), duties[0].clone()));
        }
    }
    for (wrong, right, duty) in fixes {
        let from = format!("{wrong}（{duty}）");
        let Some(b) = blocks
            .iter_mut()
            .find(|b| people(b) && b.text().contains(&from))
        else {
            continue;
        };
        let to = format!("{right}（{duty}）");
        b.map_text(|t| t.replace(&from, &to));
        diags.push(
            crate::diag!(OcrRepaired / "name"; wrong = wrong, right = right).at(Some(b.span)),
        );
    }
}

/// The repaired text of one block; what was repaired goes to `notes`.
pub fn repair_text(text: &str, notes: &mut Vec<String>) -> String {
    let s = repair_label(text, notes);
    let s = repair_colons(&s, notes);
    let s = repair_brackets(&s, notes);
    let s = repair_inner_labels(&s, notes);
    repair_ranges(&s, notes)
}

fn is_sep(c: char) -> bool {
    matches!(c, ':' | ';' | '：' | '；')
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十百零〇".contains(c)
}

/// The label vocabulary, longest names first (a name that starts a longer
/// one must not hide it).
fn vocabulary() -> Vec<(Vec<char>, FieldKind)> {
    let mut v: Vec<(Vec<char>, FieldKind)> = column_names()
        .map(|(n, k)| (n.chars().collect::<Vec<char>>(), k))
        .filter(|(n, _)| n.len() >= 2)
        .collect();
    v.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    v
}

/// A label at the start of the block (after white space and a `一、`
/// numeral) with a wrong separator or one character misread.
fn repair_label(text: &str, notes: &mut Vec<String>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut start = 0;
    while chars.get(start).is_some_and(|c| c.is_whitespace()) {
        start += 1;
    }
    let mut i = start;
    while chars.get(i).copied().is_some_and(is_numeral) {
        i += 1;
    }
    if i > start && chars.get(i) == Some(&'、') {
        start = i + 1;
    }
    let vocab = vocabulary();
    // Exact names first, then names one character off (unique only).
    let mut found: Option<(Vec<char>, FieldKind, bool)> = None;
    for (name, kind) in &vocab {
        if chars.get(start..start + name.len()) == Some(name.as_slice()) {
            found = Some((name.clone(), *kind, true));
            break;
        }
    }
    if found.is_none() {
        let near: Vec<&(Vec<char>, FieldKind)> = vocab
            .iter()
            .filter(|(name, _)| name.len() >= 4)
            .filter(|(name, _)| {
                let Some(window) = chars.get(start..start + name.len()) else {
                    return false;
                };
                let diff: Vec<usize> = (0..name.len()).filter(|&k| window[k] != name[k]).collect();
                diff.len() == 1
                    && diff
                        .iter()
                        .all(|&k| is_cjk(window[k]) && !is_sep(window[k]))
            })
            .collect();
        // One label, or several that are the same name.
        if let Some(first) = near.first()
            && near.iter().all(|(n, _)| n == &first.0)
        {
            found = Some((first.0.clone(), first.1, false));
        }
    }
    let Some((name, kind, exact)) = found else {
        return text.to_string();
    };
    let mut j = start + name.len();
    let num_start = j;
    if kind == FieldKind::Problem {
        while j - num_start < 4 && chars.get(j).copied().is_some_and(is_numeral) {
            j += 1;
        }
    }
    let sep_start = j;
    while chars.get(j).is_some_and(|&c| c == ' ') {
        j += 1;
    }
    let mut k = j;
    while k - j < 3 && chars.get(k).copied().is_some_and(is_sep) {
        k += 1;
    }
    // 反馈问题十五，/ 整改目标，: after a numbered problem label, or a label
    // of four characters or more read exactly, a comma (or a stop after
    // a number) is the colon too.
    let numbered = sep_start > num_start;
    if k == j
        && (numbered || (exact && name.len() >= 4))
        && chars
            .get(k)
            .is_some_and(|&c| matches!(c, ',' | '，') || (numbered && matches!(c, '.' | '。')))
    {
        k += 1;
    }
    if k == j {
        return text.to_string(); // no separator: not evidently a label
    }
    let written: String = chars[start..k].iter().collect();
    let label: String = name.iter().collect();
    let num: String = chars[num_start..sep_start].iter().collect();
    let sep: String = chars[sep_start..k].iter().collect();
    if exact && sep == "：" {
        return text.to_string();
    }
    let mut out: String = chars[..start].iter().collect();
    out.push_str(&label);
    out.push_str(&num);
    out.push('：');
    // A space OCR put after the separator goes too.
    let mut rest = k;
    while chars.get(rest).is_some_and(|&c| c == ' ') {
        rest += 1;
    }
    out.extend(&chars[rest..]);
    if exact {
        notes.push(format!(
            "separator `{}` after label {label} → `：`",
            sep.trim()
        ));
    } else {
        notes.push(format!("label `{written}` → `{label}{num}：`"));
    }
    out
}

fn is_opener(c: char) -> bool {
    matches!(c, '〈' | '《' | '\\' | '(' | '（' | '{' | '「' | '<')
}

fn is_closer(c: char) -> bool {
    matches!(c, ')' | '）')
}

/// Bracket pairs to `（…）` (see the module documentation): each closer
/// `)` `）` is paired with the nearest open bracket before it (≤ 60
/// characters back); nested pairs are paired inside out.
fn repair_brackets(text: &str, notes: &mut Vec<String>) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut fixed: Vec<String> = Vec::new();
    let lead = chars.iter().position(|c| !c.is_whitespace()).unwrap_or(0);
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_opener(c) {
            open.push(i);
        } else if matches!(c, '》' | '〉' | '}' | '」' | '>') {
            // A proper close of 《…》 and the like: its opener is done.
            let want = match c {
                '》' => '《',
                '〉' => '〈',
                '}' => '{',
                '」' => '「',
                _ => '<',
            };
            if let Some(k) = open.iter().rposition(|&o| chars[o] == want) {
                open.truncate(k);
            }
        } else if is_closer(c) {
            match open.pop().filter(|&o| i - o <= 60) {
                Some(o) => {
                    let oc = chars[o];
                    let inner: String = chars[o + 1..i].iter().collect();
                    let change = if oc == '(' && c == ')' {
                        // ASCII pair: only around Chinese words, not a
                        // leading numbering such as (二).
                        o != lead
                            && inner.chars().any(is_cjk)
                            && inner.chars().all(|x| is_cjk(x) || x.is_ascii_digit())
                            && !inner.chars().all(is_numeral)
                    } else {
                        !(oc == '（' && c == '）')
                    };
                    if change && !inner.is_empty() {
                        fixed.push(format!("`{oc}…{c}` → `（…）`"));
                        chars[o] = '（';
                        chars[i] = '）';
                    }
                }
                None => {
                    // 牵头) with its opening bracket lost.
                    if i >= 2 && chars[i - 2] == '牵' && chars[i - 1] == '头' {
                        chars[i] = '）';
                        chars.insert(i - 2, '（');
                        fixed.push(format!("`牵头{c}` → `（牵头）`"));
                        i += 1;
                    }
                }
            }
        }
        i += 1;
    }
    if !fixed.is_empty() {
        notes.push(format!("brackets {}", fixed.join(", ")));
    }
    chars.into_iter().collect()
}

/// A label of the vocabulary (four characters or more) right after an
/// opening bracket or a clause break, with `;` `，` or `:` after it, in a
/// bracketed note such as （责任单位；市环保局）: the separator → `：`.
fn repair_inner_labels(text: &str, notes: &mut Vec<String>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let vocab = vocabulary();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    let mut n = 0;
    while i < chars.len() {
        let after_break = i > 0 && matches!(chars[i - 1], '（' | '，' | '；' | '。' | '、');
        if after_break
            && let Some((name, _)) = vocab
                .iter()
                .filter(|(n, _)| n.len() >= 4)
                .find(|(n, _)| chars.get(i..i + n.len()) == Some(n.as_slice()))
        {
            let j = i + name.len();
            let sep = chars.get(j).copied();
            let opened = chars[i - 1] == '（';
            let fix = match sep {
                Some(';' | '；' | ':') => true,
                Some(',' | '，') => opened,
                _ => false,
            };
            out.extend_from_slice(name);
            if fix {
                out.push('：');
                n += 1;
                i = j + 1;
            } else {
                i = j;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    if n > 0 {
        notes.push(format!(
            "{n} separator(s) after a label inside the text → `：`"
        ));
    }
    out.into_iter().collect()
}

/// `一` between a date's 年/月/日 and a digit is a range dash (9月1日一10月31日
/// → 9月1日—10月31日); `（率头）` is `（牵头）`.
fn repair_ranges(text: &str, notes: &mut Vec<String>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    for (i, &c) in chars.iter().enumerate() {
        let range = c == '一'
            && i > 0
            && matches!(chars[i - 1], '日' | '月' | '年')
            && i >= 2
            && chars[i - 2].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if range {
            out.push('—');
            n += 1;
        } else {
            out.push(c);
        }
    }
    if n > 0 {
        notes.push(format!("{n} `一` between dates → `—`"));
    }
    if out.contains("（率头）") {
        notes.push("`（率头）` → `（牵头）`".into());
        out = out.replace("（率头）", "（牵头）");
    }
    out
}

/// ASCII `:` `;` after a Chinese character → `：` `；`.
fn repair_colons(text: &str, notes: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut n = 0;
    for c in text.chars() {
        let after_cjk = prev.is_some_and(|p| is_cjk(p) && !matches!(p, '：' | '；'));
        match c {
            ':' if after_cjk => {
                out.push('：');
                n += 1;
            }
            ';' if after_cjk => {
                out.push('；');
                n += 1;
            }
            _ => out.push(c),
        }
        if c != ' ' {
            prev = Some(c);
        }
    }
    if n > 0 {
        notes.push(format!("{n} ASCII `:`/`;` after Chinese text → full-width"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        repair_text(s, &mut Vec::new())
    }

    #[test]
    fn labels() {
        assert_eq!(fix("责任单位;市委办"), "责任单位：市委办");
        assert_eq!(fix("责任单位:;市环委办"), "责任单位：市环委办");
        assert_eq!(fix("率头领导:传军"), "牵头领导：传军");
        assert_eq!(fix("整改时限: 2019年底"), "整改时限：2019年底");
        assert_eq!(fix("反馈问题九;饮用水"), "反馈问题九：饮用水");
        assert_eq!(fix("整改措施;"), "整改措施：");
        // No separator: left alone.
        assert_eq!(fix("率头领导传军"), "率头领导传军");
    }

    #[test]
    fn brackets() {
        assert_eq!(fix("李莉〈市环保局副局长)"), "李莉（市环保局副局长）");
        assert_eq!(
            fix("市委办《牵头)、园区\\示范区)管委会"),
            "市委办（牵头）、园区（示范区）管委会"
        );
        assert_eq!(fix("市政府办牵头)，各县"), "市政府办（牵头），各县");
        assert_eq!(fix("(二)全面完成"), "(二)全面完成");
        assert_eq!(fix("要求》(HJ773-2015)的"), "要求》(HJ773-2015)的");
        assert_eq!(fix("《方案》〈潭"), "《方案》〈潭");
        assert_eq!(fix("市商务局(牵头)"), "市商务局（牵头）");
        assert_eq!(
            fix("培训力度。《责任单位；市环保局、园区（示范区）管委会)"),
            "培训力度。（责任单位：市环保局、园区（示范区）管委会）"
        );
        assert_eq!(
            fix("规划。（责任单位，市环保局）"),
            "规划。（责任单位：市环保局）"
        );
        assert_eq!(
            fix("力度(责任单位;市卫计委、市环保局)"),
            "力度（责任单位：市卫计委、市环保局）"
        );
        assert_eq!(fix("市农委(率头)，各县"), "市农委（牵头），各县");
        assert_eq!(
            fix("问题（2018年9月1日一10月31日）"),
            "问题（2018年9月1日—10月31日）"
        );
        assert_eq!(fix("反馈问题十五，畜禽养殖"), "反馈问题十五：畜禽养殖");
        assert_eq!(fix("整改目标，对采石"), "整改目标：对采石");
        assert_eq!(fix("问题，对采石"), "问题，对采石");
    }

    #[test]
    fn people_against_other_occurrences() {
        let block = |t: &str| {
            Block::new(
                BlockKind::Paragraph,
                vec![crate::read::Run {
                    text: t.into(),
                    bold: false,
                    struck: false,
                }],
                crate::model::Span::default(),
            )
        };
        let mut blocks = vec![
            block("责任人员：贺丰炎（市环委办专职副主任）"),
            block("联络人员：贺丰炎（市环委办专职副主任）"),
            block("责任人员：质丰炎（环委办专职副主任）"),
            block("责任人员：王建平（市财政局局长）"),
            block("责任人员：王建军（市财政局局长）"),
            block("责任人员：王建军（市财政局局长）"),
        ];
        let mut diags = Vec::new();
        repair(&mut blocks, &mut diags);
        assert_eq!(blocks[2].text(), "责任人员：贺丰炎（环委办专职副主任）");
        // Same duty, but written once each way with a third: still left
        // alone only when ambiguous; here 王建平 once, 王建军 twice.
        assert_eq!(blocks[3].text(), "责任人员：王建军（市财政局局长）");
        assert_eq!(diags.len(), 2);
    }

    #[test]
    fn colons() {
        assert_eq!(fix("其中:市级;县级 10:30"), "其中：市级；县级 10:30");
    }
}
