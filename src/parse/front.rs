//! Front matter: the plan's title and region, its body sections
//! (一、工作目标 …), the inspection it answers, the problem count it
//! states, the abbreviations it declares and the checklist's title.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::number::{Style, leading_number, number_value};
use super::{Field, Item, RawInspection, Skeleton};
use crate::diag::Diagnostic;
use crate::labels::field_label;
use crate::model::{Alias, Section};
use crate::read::BlockKind;

/// Words a plan's or checklist's title ends in.
const TITLE_WORDS: &[&str] = &[
    "方案", "清单", "计划", "通知", "意见", "报告", "公示", "公告", "情况", "台账", "任务", "措施",
];

static REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:中共|中国共产党)?(\p{Han}{2,7}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|地区|县|区|旗))")
        .expect("static regex")
});
/// The tail of a stated count (20个具体问题): a measure word, an optional
/// qualifier, a noun. [`COUNT`] and its prefilter [`has_count_tail`] are
/// both built from these lists.
const COUNT_MEASURES: [char; 3] = ['个', '项', '条'];
const COUNT_QUALIFIERS: [&str; 6] = ["具体", "突出", "主要", "方面", "反馈", "重点"];
const COUNT_NOUNS: [&str; 3] = ["问题", "意见", "任务"];

static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let measures: String = COUNT_MEASURES.iter().collect();
    Regex::new(&format!(
        r"(?:反馈|提出|指出|交办|梳理|发现|存在|明确|现将)[^。；，,]{{0,12}}?(\d{{1,4}}|[一二三四五六七八九十百两]+)\s*[{measures}](?:{}){{0,2}}(?:{})",
        COUNT_QUALIFIERS.join("|"),
        COUNT_NOUNS.join("|")
    ))
    .expect("static regex")
});
static ALIAS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:以下|下文)?简称[为：:]?\s*(?:(《[^》]{1,20}》)|[“”\x22「『]?(\p{Han}[\p{Han}A-Za-z0-9]{1,15}?)[”\x22」』]?)\s*(?:[）)，,。；;]|$)")
        .expect("static regex")
});
static BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{Han}\d]*?(?:督察组|巡视组|巡察组|督查组|检查组|审计组)").expect("static regex")
});
static LEADING_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\d年月日至到\-—～~]+").expect("static regex"));
static FRACTIONAL_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d+\.\d+)\s*(个|件|家|条|项|人|名|户|座|处)").expect("static regex")
});
static RANGE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d\s*月\s*\d*\s*日?\s*(?:至|到|—|-|–|～|~)").expect("static regex")
});

/// Parse the front matter `front` (the items before the checklist); `all`
/// is the whole document, for things stated anywhere (aliases, counts).
pub(super) fn parse(front: &[Item], all: &[Item], sk: &mut Skeleton) {
    let title_at = title_index(front);
    if let Some(i) = title_at {
        sk.title = Some(match title_head(front, i) {
            // A title broken over two lines (…2023年重点工作 / 任务分解和
            // 责任分工方案) is the two joined, never its second half.
            Some(head) => clean_title(&format!("{}{}", head.trim(), front[i].text.trim())),
            None => clean_title(&front[i].text),
        });
    }
    let body_start = title_at.map_or(0, |i| i + 1);
    sk.checklist_title = checklist_title(front, body_start).or_else(|| {
        // A checklist-only document: its title is the checklist's.
        sk.title.clone().filter(|t| t.contains("清单"))
    });
    if sk.title.is_none() {
        sk.title = sk.checklist_title.clone();
    }
    if sk.title.is_none() {
        sk.diagnostics
            .push(crate::diag!(TitleNotFound / "document"; label = ""));
    }
    sk.region = sk
        .title
        .as_deref()
        .and_then(region_of)
        .or_else(|| sk.checklist_title.as_deref().and_then(region_of));
    sk.sections = sections(front, body_start);

    // The plan's own text first, then any preamble before its title.
    let ordered: Vec<&Item> = front[body_start..]
        .iter()
        .chain(front[..title_at.unwrap_or(0)].iter())
        .filter(|it| it.kind != BlockKind::Table)
        .collect();
    sk.inspection = inspection(&ordered);
    // An organization with no place in its title (a university), inspected
    // by a 省委 group: its region is the province the text names (in an
    // address, say).
    if sk.region.is_none()
        && sk
            .inspection
            .as_ref()
            .and_then(|i| i.body.as_deref())
            .is_some_and(|b| b.starts_with("省委") || b.starts_with("省"))
    {
        // Which province it names is the national place table's to say
        // (normalize): the texts that may name one go with the skeleton.
        sk.province_texts = all
            .iter()
            .filter(|it| it.text.contains('省') || it.text.contains("自治区"))
            .map(|it| it.text.to_string())
            .collect();
    }
    sk.stated_problem_count = ordered.iter().find_map(|it| {
        // Every match of COUNT holds one of its tails (个问题, 项具体意见 …)
        // literally: one SIMD search rules out nearly every block before
        // the regex runs from each 反馈/提出/… of a plan full of them.
        if !has_count_tail(&it.text) || !COUNT.is_match(&it.text) {
            return None;
        }
        COUNT
            .captures(&it.text)
            .and_then(|c| c.get(1))
            .and_then(|m| number_value(m.as_str()))
    });
    // The issue date's year, from a dateline (a paragraph that is only a
    // date, under the signature), is the context for 年底前 and 年内; the
    // commonest year of the plan's text is the fallback (a plan quotes the
    // inspection's dates, a year before it is issued).
    sk.year = front
        .iter()
        .rev()
        .find_map(|it| dateline_year(&it.text))
        .or_else(|| document_year(&ordered))
        .or_else(|| document_year(&all.iter().collect::<Vec<_>>()));
    // Literal tests (SIMD searches) before the regexes: these run over
    // every block.
    static ABBREVIATED: LazyLock<memchr::memmem::Finder> =
        LazyLock::new(|| memchr::memmem::Finder::new("简称"));
    static NO_LONGER: LazyLock<memchr::memmem::Finder> =
        LazyLock::new(|| memchr::memmem::Finder::new("不再"));
    for it in all {
        let bytes = it.text.as_bytes();
        if ABBREVIATED.find(bytes).is_some() {
            aliases(it, &mut sk.aliases);
        }
        if memchr::memchr(b'.', bytes).is_some() {
            fractional_counts(it, &mut sk.diagnostics);
        }
        if sk.default_units.is_none()
            && NO_LONGER.find(bytes).is_some()
            && (it.text.contains("不再列出") || it.text.contains("不再一一列出"))
        {
            sk.default_units = Some(Field {
                text: it.text.to_string(),
                span: Some(it.span),
            });
        }
    }
}

/// Whether `text` holds one of the literal tails every match of [`COUNT`]
/// ends with: a [`COUNT_MEASURES`] word, perhaps a [`COUNT_QUALIFIERS`]
/// word, then a [`COUNT_NOUNS`] word. Found from each noun by a SIMD
/// search, looking back: far cheaper than running the regex from every
/// 反馈 or 提出.
fn has_count_tail(text: &str) -> bool {
    static NOUNS: LazyLock<[memchr::memmem::Finder<'static>; 3]> =
        LazyLock::new(|| COUNT_NOUNS.map(memchr::memmem::Finder::new));
    let measured = |s: &str| s.ends_with(COUNT_MEASURES);
    // A measure word, then up to two qualifiers (个方面突出问题).
    let qualified = |s: &str| {
        COUNT_QUALIFIERS
            .iter()
            .filter_map(|q| s.strip_suffix(q))
            .any(|s| {
                measured(s)
                    || COUNT_QUALIFIERS
                        .iter()
                        .any(|q| s.strip_suffix(q).is_some_and(measured))
            })
    };
    NOUNS.iter().any(|noun| {
        noun.find_iter(text.as_bytes()).any(|at| {
            let before = &text[..at];
            measured(before) || qualified(before)
        })
    })
}

/// The plan's own title: among title-like headings before the first body
/// section, the last one (a news preamble's headline comes before the
/// plan's); without sections, the first.
fn title_index(front: &[Item]) -> Option<usize> {
    let first_section = front.iter().position(|it| section_heading(it).is_some());
    let limit = first_section.unwrap_or(front.len());
    let candidates: Vec<usize> = front[..limit]
        .iter()
        .enumerate()
        .filter(|(_, it)| is_title_like(it))
        .map(|(i, _)| i)
        .collect();
    if first_section.is_some() {
        // The title heading nearest before the sections, skipping a
        // checklist title (附件) which never precedes sections.
        candidates.last().copied()
    } else {
        candidates.first().copied()
    }
}

/// The first line of a title broken over two lines: the line right above
/// the title line `i`, of the same kind, short, with no punctuation,
/// number, label or date, that is no title itself and names no organ (a
/// red-header issuer, 青山县人民政府, stands above a 关于… title and is
/// not part of it).
fn title_head<'a>(front: &'a [Item], i: usize) -> Option<&'a str> {
    let prev = front.get(i.checked_sub(1)?)?;
    let t = prev.text.trim();
    let title = front[i].text.trim();
    let n = t.chars().count();
    let organ = [
        "文件",
        "政府",
        "办公室",
        "委员会",
        "党委",
        "党组",
        "局",
        "厅",
        "委",
        "办",
        "组",
        "部",
        "院",
        "中心",
    ];
    let fits = prev.kind == front[i].kind
        && (4..=40).contains(&n)
        && !t.contains(|c: char| {
            matches!(
                c,
                '。' | '，' | '；' | '：' | ',' | ';' | ':' | '（' | '(' | '|' | '《' | '“' | '、'
            )
        })
        && leading_number(t).is_none()
        && field_label(t).is_none()
        && !super::is_date_line(t)
        && !is_title_like(prev)
        && !organ.iter().any(|o| t.ends_with(o))
        && !title.starts_with(['关', '《', '“'])
        && !t.starts_with("附件");
    fits.then_some(t)
}

fn is_title_like(it: &Item) -> bool {
    let t = it.text.trim();
    // 80 characters are at most 320 bytes: skip counting long paragraphs.
    if t.len() > 320 {
        return false;
    }
    let n = t.chars().count();
    if !(4..=80).contains(&n) || t.ends_with(['。', '；', '，', '：', ':']) || t.starts_with("附件")
    {
        return false;
    }
    if leading_number(t).is_some() || field_label(t).is_some() {
        return false;
    }
    // A table's row or header flattened to a line is never a title.
    if t.contains(['|', '｜']) || crate::labels::exact_header(t).is_some() {
        return false;
    }
    let titled = TITLE_WORDS.iter().any(|w| t.contains(w));
    match it.kind {
        BlockKind::Heading(_) => titled,
        BlockKind::Paragraph => titled && (it.bold_start || n <= 50) && !t.contains('。'),
        _ => false,
    }
}

fn clean_title(t: &str) -> String {
    t.trim()
        .trim_start_matches(['《', '“'])
        .trim_end_matches(['》', '”'])
        .to_string()
}

/// The region a title names: 湘潭市落实… → 湘潭市; 湖南省湘潭市… →
/// 湘潭市 (the most specific level written).
pub fn region_of(title: &str) -> Option<String> {
    let mut rest = title.trim_start_matches(['《', '“']);
    rest = rest.strip_prefix("关于").unwrap_or(rest);
    let mut region = None;
    while let Some(c) = REGION.captures(rest) {
        let m = c.get(1)?;
        let name = m.as_str();
        // 落实 / 关于 … are not place names; a region is 2–7 characters
        // and does not contain verbs of the title.
        if ["关于", "落实", "贯彻", "印发", "公开"]
            .iter()
            .any(|w| name.contains(w))
        {
            break;
        }
        region = Some(name.to_string());
        rest = &rest[c.get(0)?.end()..];
    }
    region
}

/// 一、工作目标 — a short numbered heading of the body.
fn section_heading(it: &Item) -> Option<(String, String)> {
    if it.kind == BlockKind::Table {
        return None;
    }
    let n = leading_number(&it.text)?;
    if n.style != Style::Chinese {
        return None;
    }
    let title = n.rest.trim();
    let len = title.chars().count();
    if len == 0 || len > 24 || title.contains('。') || field_label(&it.text).is_some() {
        return None;
    }
    Some((
        n.number.to_string(),
        title.trim_end_matches(['：', ':']).to_string(),
    ))
}

/// 附件 or the checklist's heading: the last title-like block with 清单
/// (or after 附件) before the checklist, and after the plan's title.
fn checklist_title(front: &[Item], from: usize) -> Option<String> {
    let tail = front.get(from..)?;
    let heading = tail.iter().rev().take(6).find(|it| {
        let t = &it.text;
        t.contains("清单") && is_title_like(it)
            || matches!(it.kind, BlockKind::Heading(_))
                && TITLE_WORDS.iter().any(|w| t.contains(w))
                // 二、重点任务 is a section, not the checklist's title.
                && leading_number(t).is_none()
    });
    if let Some(h) = heading {
        return Some(clean_title(&h.text));
    }
    // 附件：X清单 written as one line.
    tail.iter().rev().find_map(|it| {
        let t = it.text.trim().strip_prefix("附件")?.trim_start();
        // An attachment number is digits then a separator (附件2：);
        // digits then 年 are the title's year (附件：2016年…).
        let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let t = match t[digits..].chars().next() {
            Some('：' | ':' | '、' | '.' | '．' | ' ' | '　') | None => &t[digits..],
            _ => t,
        };
        let t = t.trim_start_matches(|c: char| {
            matches!(c, '：' | ':' | '、' | '.' | '．') || c.is_whitespace()
        });
        (!t.is_empty()).then(|| clean_title(t))
    })
}

fn sections(front: &[Item], from: usize) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut texts: Vec<Vec<&str>> = Vec::new();
    for it in front.get(from..).unwrap_or_default() {
        if it.text.starts_with("附件") || (it.text.contains("清单") && is_title_like(it)) {
            break;
        }
        if let Some((number, title)) = section_heading(it) {
            out.push(Section {
                number,
                title,
                text: String::new(),
                span: Some(it.span),
            });
            texts.push(Vec::new());
            continue;
        }
        if let (Some(s), Some(t)) = (out.last_mut(), texts.last_mut()) {
            t.push(&*it.text);
            s.span = s.span.map(|sp| sp.to(it.span));
        }
    }
    for (s, t) in out.iter_mut().zip(texts) {
        s.text = t.join("\n");
    }
    out
}

/// Body sections around the checklist. A notice's section that holds its
/// problems (二、巡察反馈问题整改落实情况) is no body section, except in a
/// task list, whose sections are its task groups; the sections after the
/// checklist (三、下一步工作打算, 四、保障措施) are, with the paragraph
/// under each as text. A notice batch's and a table's sections are their
/// problems' or the attachment's, and stay as the front matter gives them.
pub(super) fn body_sections(items: &[Item], start: usize, sk: &mut Skeleton) {
    if sk.problems.is_empty() || matches!(sk.shape, Some("notices" | "table")) {
        return;
    }
    let tasks = sk.shape == Some("tasks");
    let front = &items[..start.min(items.len())];
    let inside_problem = |it: &Item| {
        sk.problems.iter().any(|p| {
            p.span
                .is_some_and(|s| s.start <= it.span.start && it.span.start < s.end)
        })
    };
    let mut later: Vec<Section> = Vec::new();
    // Outside a task list, no section heading lies among the problems:
    // start after the last one.
    let last_end = sk
        .problems
        .iter()
        .filter_map(|p| p.span.map(|s| s.end))
        .max()
        .unwrap_or(0);
    let mut k = if tasks {
        start
    } else {
        start.max(items.partition_point(|it| it.span.start < last_end))
    };
    while k < items.len() {
        let it = &items[k];
        if it.text.starts_with("附件") {
            break;
        }
        k += 1;
        let Some((number, title)) = section_heading(it) else {
            continue;
        };
        if inside_problem(it) || sk.sections.iter().chain(&later).any(|s| s.number == number) {
            continue;
        }
        let text = items
            .get(k)
            .filter(|n| n.kind == BlockKind::Paragraph && section_heading(n).is_none())
            .filter(|n| leading_number(&n.text).is_none())
            .map(|n| n.text.to_string())
            .unwrap_or_default();
        later.push(Section {
            number,
            title,
            text,
            span: Some(it.span),
        });
    }
    // Sections before and after the problems: the one above them is the
    // problem list's own heading.
    if !tasks
        && !later.is_empty()
        && let Some(h) = front.iter().rposition(|it| section_heading(it).is_some())
        && !front[h + 1..].iter().any(|it| it.text.starts_with("附件"))
        && let Some((number, _)) = section_heading(&front[h])
        && sk.sections.last().is_some_and(|s| s.number == number)
    {
        sk.sections.pop();
    }
    sk.sections.extend(later);
}

/// Clauses stating the inspection period and the feedback date, and the
/// inspecting body.
#[inline(never)]
fn inspection(items: &[&Item]) -> Option<RawInspection> {
    // Prebuilt searchers: `str::contains` sets one up on every call, and
    // these run on every sentence of a plan about an inspection.
    static INSPECTED: LazyLock<[memchr::memmem::Finder<'static>; 3]> =
        LazyLock::new(|| ["督察", "巡视", "巡察"].map(memchr::memmem::Finder::new));
    static FEEDBACK: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("反馈"));
    let mut insp = RawInspection::default();
    for it in items {
        // Two single-character searches are memchr scans; a char-set
        // pattern would decode every character of every block.
        if !it.text.contains('督') && !it.text.contains('巡') {
            continue;
        }
        for sentence in split_at_marks(&it.text, ['。', '；']) {
            let bytes = sentence.as_bytes();
            if !INSPECTED.iter().any(|f| f.find(bytes).is_some()) {
                continue;
            }
            if insp.body.is_none()
                && let Some(m) = BODY.find(sentence)
            {
                let body = LEADING_DATE.replace(m.as_str(), "").to_string();
                if body.chars().count() >= 4 {
                    insp.body = Some(body);
                }
            }
            // A date written as its own clause before the one that says
            // 反馈 (2024年1月24日，巡察组向局党组反馈了巡察意见).
            let mut date_clause: Option<&str> = None;
            for clause in split_at_marks(sentence, ['，', ',']) {
                let f = |text: &str| Field {
                    text: text.trim().to_string(),
                    span: Some(it.span),
                };
                if FEEDBACK.find(clause.as_bytes()).is_some() && clause.contains('日') {
                    insp.feedback.push(f(clause));
                } else if FEEDBACK.find(clause.as_bytes()).is_some()
                    && let Some(d) = date_clause.take()
                {
                    insp.feedback.push(f(d));
                } else if clause.contains('月') && RANGE_HINT.is_match(clause) {
                    insp.period.push(f(clause));
                }
                let t = clause.trim();
                date_clause = (t.ends_with('日')
                    && LEADING_DATE.find(t).is_some_and(|m| m.end() == t.len()))
                .then_some(t);
            }
        }
    }
    (insp.body.is_some() || !insp.period.is_empty()).then_some(insp)
}

/// `text` split at either of two marks, like `str::split` with a char
/// pair, but found with a SIMD byte search for their last bytes instead of
/// decoding every character (these are the same pieces: a UTF-8 encoding
/// is found only where the whole character is).
fn split_at_marks(text: &str, marks: [char; 2]) -> impl Iterator<Item = &str> {
    let enc = marks.map(|m| {
        let mut buf = [0u8; 4];
        let n = m.encode_utf8(&mut buf).len();
        (buf, n)
    });
    let bytes = text.as_bytes();
    let mut from = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut at = from;
        while let Some(k) =
            memchr::memchr2(enc[0].0[enc[0].1 - 1], enc[1].0[enc[1].1 - 1], &bytes[at..])
        {
            let end = at + k + 1;
            for (buf, n) in &enc {
                if end >= *n && bytes[end - n..end] == buf[..*n] {
                    let piece = &text[from..end - n];
                    from = end;
                    return Some(piece);
                }
            }
            at = end;
        }
        done = true;
        Some(&text[from..])
    })
}

/// The year most explicit dates in `items` are in.
/// The year of a paragraph that is only a date (2024年3月12日).
fn dateline_year(text: &str) -> Option<i16> {
    // A date is at most 2024 年 12 月 31 日 with some spaces: most blocks
    // are ruled out by their length and last character.
    let text = text.trim();
    if text.len() > 40 || !text.ends_with('日') {
        return None;
    }
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = t.strip_suffix('日')?;
    let (y, md) = rest.split_once('年')?;
    let (m, d) = md.split_once('月')?;
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2)) {
        return None;
    }
    y.parse().ok().filter(|y| (1949..=2100).contains(y))
}

fn document_year(items: &[&Item]) -> Option<i16> {
    let mut counts: HashMap<i16, usize> = HashMap::new();
    let mut count = |text: &str| {
        for y in years(text) {
            *counts.entry(y).or_default() += 1;
        }
    };
    for it in items {
        count(&it.text);
        // A checklist-only document states its dates in its table.
        for row in it.table.iter().flat_map(|t| t.rows.iter()) {
            for cell in row.iter().filter(|c| !c.covered) {
                count(&cell.text());
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
}

/// Every year written as four ASCII digits 19xx/20xx before 年 (white
/// space between allowed): `2018年`, `2018 年`. Found from each 年 backwards,
/// a byte search instead of a regex over every block.
fn years(text: &str) -> impl Iterator<Item = i16> + '_ {
    static NIAN: LazyLock<memchr::memmem::Finder> =
        LazyLock::new(|| memchr::memmem::Finder::new("年"));
    NIAN.find_iter(text.as_bytes()).filter_map(|at| {
        let digits = text[..at].trim_end_matches(char::is_whitespace).as_bytes();
        match *digits.get(digits.len().checked_sub(4)?..)? {
            [a, b, c, d]
                if matches!([a, b], [b'1', b'9'] | [b'2', b'0'])
                    && c.is_ascii_digit()
                    && d.is_ascii_digit() =>
            {
                Some(
                    [a, b, c, d]
                        .iter()
                        .fold(0, |y, &x| y * 10 + i16::from(x - b'0')),
                )
            }
            _ => None,
        }
    })
}

/// 市环保督察工作领导小组办公室（设市环委办，以下简称市环督办）.
fn aliases(it: &Item, out: &mut Vec<Alias>) {
    let text = &it.text;
    for c in ALIAS.captures_iter(text) {
        let (Some(all), Some(short)) = (c.get(0), c.get(1).or_else(|| c.get(2))) else {
            continue;
        };
        let before = &text[..all.start()];
        // The full name: the Han run before the bracket (or comma) that
        // holds the declaration.
        let cut = before
            .rfind(['（', '('])
            .filter(|&i| !before[i..].contains(['）', ')']))
            .unwrap_or(before.len());
        let head = before[..cut].trim_end_matches(['，', ',', ' ']);
        // A document's title, 《…》, is the full form with its marks.
        if head.ends_with('》')
            && let Some(open) = head.rfind('《')
        {
            let full = &head[open..];
            if !out.iter().any(|a| a.short == short.as_str()) {
                out.push(Alias {
                    short: short.as_str().to_string(),
                    full: full.to_string(),
                    span: Some(it.span),
                });
            }
            continue;
        }
        let full: String = head
            .chars()
            .rev()
            .take_while(|c| {
                super::super::read::is_cjk(*c)
                    && !matches!(
                        c,
                        '。' | '，' | '、' | '；' | '：' | '）' | '（' | '“' | '”' | '《' | '》'
                    )
            })
            .collect::<Vec<char>>()
            .into_iter()
            .rev()
            .collect();
        // …日前向市生态环境保护委员会办公室: the words before 向 are the
        // sentence's, not the name's.
        let full = ["日前向", "目前向", "先后向", "分别向", "已向", "并向"]
            .iter()
            .find_map(|w| full.rfind(w).map(|i| full[i + w.len()..].to_string()))
            .unwrap_or(full);
        let full = full
            .trim_start_matches("成立")
            .trim_start_matches(['由', '在', '设', '和', '及'])
            .to_string();
        if full.chars().count() < 2 || out.iter().any(|a| a.short == short.as_str()) {
            continue;
        }
        out.push(Alias {
            short: short.as_str().to_string(),
            full,
            span: Some(it.span),
        });
    }
}

/// 317.8 个信访件 is not a count.
fn fractional_counts(it: &Item, diags: &mut Vec<Diagnostic>) {
    for c in FRACTIONAL_COUNT.captures_iter(&it.text) {
        let Some(m) = c.get(0) else { continue };
        diags.push(crate::diag!(NonIntegerCount; text = m.as_str()).at(Some(it.span)));
    }
}

/// At most 30 characters of `s`, for messages.
pub(super) fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(30).collect();
    if s.chars().count() > 30 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The literal prefilter never turns away a block COUNT matches.
        #[test]
        fn count_tail_is_in_every_count_match(
            text in "[反馈提出指发现梳理交办了共计 0-9一二十两个项条具体突主要方面问题意见，。]{0,40}"
        ) {
            if COUNT.is_match(&text) {
                proptest::prop_assert!(has_count_tail(&text));
            }
        }
    }

    #[test]
    fn count_tail_passes_stated_counts() {
        for t in [
            "督察组反馈提出20个具体问题",
            "共梳理出三项主要意见",
            "交办 5 条问题",
            "指出我市存在的8个方面突出问题",
            "现将我县3项反馈问题整改情况予以公示",
            "明确9项重点任务",
            "资产管理等方面存在7个问题",
        ] {
            assert!(COUNT.is_match(t) && has_count_tail(t), "{t}");
        }
        assert!(!has_count_tail("反馈问题整改"));
    }

    #[test]
    fn table_rows_are_no_titles() {
        let item = |t: &str| Item {
            text: std::borrow::Cow::Owned(t.to_string()),
            kind: BlockKind::Paragraph,
            span: crate::model::Span::default(),
            table: None,
            bold_start: false,
        };
        assert!(is_title_like(&item("青山县2024年重点工作任务分解方案")));
        assert!(!is_title_like(&item(
            "任务内容|工作措施及要求|责任单位|完成期限|"
        )));
        assert!(!is_title_like(&item("｜工作任务｜牵头单位｜完成时限")));
    }

    #[test]
    fn regions() {
        assert_eq!(
            region_of("湘潭市落实湖南省环境保护督察反馈问题整改工作方案").as_deref(),
            Some("湘潭市")
        );
        assert_eq!(region_of("湖南省湘潭市整改方案").as_deref(), Some("湘潭市"));
        assert_eq!(
            region_of("中共韶山市委关于巡察整改情况的通报").as_deref(),
            Some("韶山市")
        );
        assert_eq!(region_of("关于整改情况的报告"), None);
        assert_eq!(
            region_of("关于湘潭县环境保护督察反馈问题整改销号的公示").as_deref(),
            Some("湘潭县")
        );
    }

    proptest::proptest! {
        #[test]
        fn year_scan_agrees_with_the_regex(text in "[1290年 \u{3000}a２]{0,24}") {
            static YEAR: LazyLock<Regex> =
                LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})\s*年").unwrap());
            let by_regex: Vec<i16> = YEAR
                .captures_iter(&text)
                .filter_map(|c| c.get(1)?.as_str().parse().ok())
                .collect();
            proptest::prop_assert_eq!(years(&text).collect::<Vec<_>>(), by_regex);
        }

        #[test]
        fn mark_split_is_str_split(t in "[。；，,a督察 \u{3002}\u{ff1b}\u{2002}]{0,30}") {
            for marks in [['。', '；'], ['，', ',']] {
                let ours: Vec<&str> = split_at_marks(&t, marks).collect();
                let std: Vec<&str> = t.split(marks).collect();
                proptest::prop_assert_eq!(ours, std);
            }
        }
    }

    #[test]
    fn alias_declarations() {
        let it = Item {
            text: "(一)实行整改工作联动机制。市环保督察工作领导小组办公室（设市环委办，以下简称市环督办）不定期组织召开会议".into(),
            kind: BlockKind::Paragraph,
            span: Default::default(),
            table: None,
            bold_start: false,
        };
        let mut out = Vec::new();
        aliases(&it, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(
            (out[0].short.as_str(), out[0].full.as_str()),
            ("市环督办", "市环保督察工作领导小组办公室")
        );
    }
}
