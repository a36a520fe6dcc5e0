//! Chinese date and deadline expressions → [`Term`]s.
//!
//! Plans write deadlines (整改时限) and the dates inside their measures in
//! many shapes: `2018年底`, `2019 年 5 月底前`, `二〇一八年十月二十九日`,
//! `2018-09-30`, `2018年8月25日—9月15日`, `“十三五”期间`, `15个工作日内`,
//! `立行立改`, `长期坚持`, `每月28日前`, `已完成`. This module finds every
//! such expression inside arbitrary text and resolves it to a kind, a
//! qualifier and calendar dates.
//!
//! It is a hand-written scanner over a compact character stream (see
//! [`stream`]) rather than a cascade of regexes: one left-to-right pass, no
//! backtracking across the text, so a deadline costs about a microsecond.
//! Calendar arithmetic is jiff's, so month ends and leap years are right and
//! impossible dates are refused with a diagnostic instead of being invented.

mod calendar;
mod count;
mod numeral;
mod phrase;
mod stream;

use jiff::civil::Date;

use crate::diag::Diagnostic;
use crate::model::{Deadline, Duration, Qualifier, Term, TermKind};
use calendar::{Anchor, Expr, Grain, Point, Unresolved, Year};
use stream::{Stream, one_of};

/// What a date expression is resolved against.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateContext {
    /// The document's year, for 年底前 / 9月底前 / 今年6月 / 明年. When it is
    /// `None` such expressions still yield their term, with
    /// `year_inferred: true` (the year is not written) but no dates, plus a
    /// `year-unknown` diagnostic: a caller that learns the year later can
    /// re-run them, and nothing is guessed.
    pub year: Option<i16>,
    /// The document's issue date (落款 / 印发 date, or `--date`), when known:
    /// relative expressions (本月底, 下季度, 即日起, 自印发之日起30日内)
    /// count from it, yearless dates take the year that puts them ahead of
    /// it, and its year is the document's year.
    pub issued: Option<Date>,
}

impl DateContext {
    /// A context with the document's year only.
    pub fn year(year: Option<i16>) -> DateContext {
        DateContext { year, issued: None }
    }

    /// A context with the issue date (and so its year).
    pub fn issued(date: Date) -> DateContext {
        DateContext {
            year: Some(date.year()),
            issued: Some(date),
        }
    }

    fn anchor(&self) -> Anchor {
        Anchor {
            year: self.year,
            issued: self.issued,
        }
    }
}

/// What one term leaves for the next ones in the same text.
#[derive(Debug, Clone, Copy, Default)]
struct Carry {
    /// Where the previous term ended.
    last_end: Option<usize>,
    /// The year written in the previous deadline (2023年9月底前…，12月底前):
    /// a later yearless date takes it (still with `year_inferred`).
    year: Option<i32>,
    /// The year a previous yearless deadline was resolved to (9月底前 in a
    /// plan of October 2023 is 2024's): a later yearless deadline is not
    /// earlier (…，12月底前 is 2024's too).
    after: Option<i32>,
    /// The text is prose (a measure, a progress report), not a deadline
    /// field: a yearless date there with no deadline word (一季度开展专题学习3次)
    /// tells when something happens or happened, so it keeps the issue year
    /// instead of moving to the next (R7 is about deadlines).
    prose: bool,
    /// The previous term when it was a day, and where it ended: a listed day
    /// after it (9月10日、11日) takes its month and year.
    day: Option<(Point, usize)>,
}

/// Every time expression in a deadline field (整改时限) `text`, in order.
///
/// Field semantics: when the deadline names several parts (`1、铁合金厂废渣
/// 2021年7月完成；2、铝厂锂渣…`, `资金投入问题，长期执行，具体项目问题…`) each
/// term gets `applies_to`; a non-empty text with no term at all gets an
/// `unparsed-deadline` diagnostic. For measure prose use
/// [`parse_prose_terms`].
pub fn parse_terms(text: &str, ctx: &DateContext, diags: &mut Vec<Diagnostic>) -> Vec<Term> {
    parse(text, ctx, Mode::Field, diags)
}

/// Every time expression inside free prose (a measure, a target), in order.
///
/// The same expressions as [`parse_terms`], but prose is not a list of
/// parts: no `applies_to` is guessed from the words around a date, and text
/// without any date is normal, so it gets no diagnostic.
pub fn parse_prose_terms(text: &str, ctx: &DateContext, diags: &mut Vec<Diagnostic>) -> Vec<Term> {
    parse(text, ctx, Mode::Prose, diags)
}

/// A whole [`Deadline`] record from the deadline field's text.
pub fn deadline(text: &str, ctx: &DateContext, diags: &mut Vec<Diagnostic>) -> Deadline {
    let terms = parse_terms(text, ctx, diags);
    Deadline {
        text: text.to_string(),
        due: due(&terms),
        terms,
    }
}

/// Latest concrete end date among `terms` (status dates excluded).
pub fn due(terms: &[Term]) -> Option<Date> {
    terms
        .iter()
        .filter(|t| t.qualifier != Some(Qualifier::AsOf))
        .filter_map(|t| t.end)
        .max()
}

/// Deadline field or prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Field,
    Prose,
}

fn parse(text: &str, ctx: &DateContext, mode: Mode, diags: &mut Vec<Diagnostic>) -> Vec<Term> {
    Stream::with(text, |s| {
        let before = diags.len();
        // Where each term starts, for naming parts; prose does not need it.
        let mut starts = Vec::new();
        let record = (mode == Mode::Field).then_some(&mut starts);
        let mut terms = scan(s, ctx, diags, record);
        if mode == Mode::Field {
            if terms.is_empty() && s.len() > 0 && diags.len() == before {
                if let Some(w) = VAGUE_WORDS.iter().find(|w| text.contains(*w)) {
                    diags
                        .push(crate::diag!(VaguePeriod / "deadline"; text = text.trim(), word = w));
                    return terms;
                }
                diags.push(crate::diag!(UnparsedDeadline; text = text.trim()));
            }
            assign_parts(s, &starts, &mut terms);
        }
        terms
    })
}

/// Words that name a time no calendar fixes (今冬明春, 适时, 另行通知):
/// a deadline made of them gets `vague-period`, not `unparsed-deadline`.
const VAGUE_WORDS: [&str; 10] = [
    "今冬明春",
    "适时",
    "另行通知",
    "按要求",
    "按照要求",
    "汛期",
    "汛前",
    "入冬前",
    "视情",
    "择机",
];

/// A necessary condition for [`term_at`] to find anything at a character
/// `c` followed by `rest` (the visible characters after it, with their
/// gaps): what every pattern that can start with `c` needs right after it.
/// Most candidates in prose (一是, 上级, 不断, 年度, 当前) fail it and cost a
/// table test instead of a try of every parser. Characters it does not
/// know are always tried; the tests check it against [`term_at`].
fn worth_trying(c: char, mut rest: impl Iterator<Item = (char, bool)>) -> bool {
    if c.is_ascii_digit() || numeral::is_chinese(c) {
        return number_worth_trying(c, rest);
    }
    let Some((next, _)) = rest.next() else {
        return false;
    };
    let number = |n: char| n.is_ascii_digit() || numeral::is_chinese(n);
    match c {
        // dated: the prefixes 截至/截止, 不晚于/不迟于 …
        '截' => matches!(next, '至' | '止'),
        '不' => matches!(next, '晚' | '迟'),
        // … and 从/自/到/至, before what calendar::left starts with.
        '从' | '自' | '到' | '至' => {
            number(next)
                || matches!(
                    next,
                    '第' | '上'
                        | '下'
                        | '年'
                        | '今'
                        | '本'
                        | '当'
                        | '明'
                        | '次'
                        | '去'
                        | '前'
                        | '元'
                        | '春'
                        | '劳'
                        | '国'
                        | '首'
                        | '月'
                        | '即'
                        | '后'
                        | '端'
                        | '中'
                        | '除'
                        | '重'
                        | '印'
                        | '发'
                        | '公'
                        | '出'
                        | '方'
                        | '通'
                )
        }
        // calendar: 第N季度, 上/下半年, 上年, 年底/年内/年末, 今年 …
        '第' => number(next),
        '上' => matches!(next, '半' | '年' | '月' | '个' | '一' | '季'),
        '下' => matches!(next, '半' | '月' | '个' | '一' | '季'),
        '年' => matches!(next, '内' | '底' | '末'),
        '本' => matches!(
            next,
            '年' | '月' | '季' | '实' | '工' | '方' | '通' | '意' | '文' | '办' | '清'
        ),
        '当' | '次' => matches!(next, '年' | '月' | '季'),
        '前' => next == '年' || number(next),
        '今' => matches!(next, '年' | '日'),
        '明' | '去' => next == '年',
        // 首季度; 月底 / 月末 / 月内 (this month).
        '首' => matches!(next, '季' | '月' | '个'),
        '月' => matches!(next, '底' | '末' | '内'),
        // phrase::recurring: 每 + a number, 个 or a unit.
        '每' => {
            number(next)
                || matches!(
                    next,
                    '个' | '半'
                        | '年'
                        | '季'
                        | '工'
                        | '星'
                        | '月'
                        | '旬'
                        | '周'
                        | '日'
                        | '天'
                        | '学'
                )
        }
        // phrase::recurring: 按 + a period (按月, 按季度).
        '按' => matches!(next, '季' | '月' | '旬' | '周'),
        // phrase::duration: 半 + 个 or a unit.
        '半' => matches!(
            next,
            '个' | '工' | '小' | '星' | '周' | '日' | '天' | '月' | '年'
        ),
        // phrase::immediate, ongoing, completed: their words.
        '立' => matches!(next, '行' | '查' | '知' | '即' | '整' | '改'),
        '即' => matches!(next, '知' | '查' | '日' | '行'),
        '边' => matches!(next, '查' | '督'),
        '长' => next == '期',
        '持' => next == '续',
        '常' => matches!(next, '抓' | '态'),
        '久' => next == '久',
        '已' => matches!(next, '整' | '全' | '经' | '完'),
        // calendar::feast: 元旦, 春节, 劳动节, 国庆.
        '元' => matches!(next, '旦' | '宵'),
        '春' => next == '节',
        '劳' => next == '动',
        '国' => next == '庆',
        // calendar::feast: lunar festivals.
        '端' => next == '午',
        '中' => next == '秋',
        '除' => next == '夕',
        '重' => next == '阳',
        // phrase::five_year: “十三五”.
        '“' | '"' | '‘' | '\'' | '「' | '『' => next == '十',
        _ => true,
    }
}

/// [`worth_trying`] for a number run (the one [`numeral::run_end`]
/// measures): a calendar expression or a duration needs an
/// [`after_number`] character after it, or `.`/`/` after an Arabic year (2018.9.30);
/// besides, eight Arabic digits may be a date without units
/// ([`lost_units`]) and 十 + a digit may be a five-year plan.
fn number_worth_trying(c: char, mut rest: impl Iterator<Item = (char, bool)>) -> bool {
    let arabic = c.is_ascii_digit();
    let mut len = 1;
    let mut second = None;
    let mut after = None;
    for (n, gap) in rest.by_ref() {
        second.get_or_insert(n);
        let same = if arabic {
            n.is_ascii_digit()
        } else {
            numeral::is_chinese(n)
        };
        if gap || !same {
            after = Some(n);
            break;
        }
        len += 1;
    }
    if after.is_some_and(after_number) {
        return true;
    }
    if !arabic && after == Some('、') {
        return rest.next().is_some_and(|(n, _)| listed_number(n));
    }
    if arabic {
        len == 8 || after.is_some_and(|a| matches!(a, '.' | '/'))
    } else {
        // 五一 (劳动节), a festival.
        (c == '五' && len == 2 && second == Some('一'))
            || c == '十'
                && second.is_some_and(|n| {
                    matches!(
                        n,
                        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
                    )
                })
    }
}

/// One left-to-right pass over the stream; the start of every term goes to
/// `starts` when given.
fn scan(
    s: &Stream,
    ctx: &DateContext,
    diags: &mut Vec<Diagnostic>,
    starts: Option<&mut Vec<usize>>,
) -> Vec<Term> {
    scan_with(s, ctx, diags, starts, |s, i, c| {
        worth_trying(c, s.ahead(i + 1))
    })
}

/// [`scan`], trying [`term_at`] only where `worth(s, i, c)` holds (the
/// tests pass one that always does, the general path).
fn scan_with(
    s: &Stream,
    ctx: &DateContext,
    diags: &mut Vec<Diagnostic>,
    mut starts: Option<&mut Vec<usize>>,
    worth: impl Fn(&Stream, usize, char) -> bool,
) -> Vec<Term> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut carry = Carry {
        prose: starts.is_none(),
        ..Carry::default()
    };
    loop {
        // Most characters of prose can start nothing: skip them by table.
        i = s.find_from(i, is_stop);
        let Some(c) = s.at(i) else { break };
        // Dates in document titles (《关于印发<2018年…>的通知》) are names.
        if c == '《'
            && let Some(j) = s.skip_bracket(i, '《', '》')
        {
            // …except the period a plan's title ends with (《…行动计划
            // （2024—2026年）》): the plan's own time frame.
            if let Some(t) = title_period(s, i, j, &mut carry, ctx) {
                out.push(t);
                if let Some(starts) = starts.as_deref_mut() {
                    starts.push(i);
                }
            }
            i = j;
            continue;
        }
        // Codes and measurements: HJ773-2015, PM2.5, GB3838-2002.
        if c.is_ascii_alphabetic() {
            i = code_end(s, i);
            continue;
        }
        if !may_start(c) {
            i += 1;
            continue;
        }
        let found = if worth(s, i, c) {
            term_at(s, i, &mut carry, ctx, diags)
        } else {
            None
        };
        match found {
            Some((end, term)) => {
                if let Some(term) = term {
                    out.push(term);
                    if let Some(starts) = starts.as_deref_mut() {
                        starts.push(i);
                    }
                }
                i = end.max(i + 1);
                carry.last_end = Some(i);
            }
            // A number that starts nothing: no expression starts inside it.
            None if numeral::starts_number(s, i) => i = numeral::run_end(s, i),
            None => i += 1,
        }
    }
    out
}

/// The range in brackets that ends the title `《…（2024—2026年）》`
/// spanning `i..j`, when the bracket holds exactly one range term.
fn title_period(
    s: &Stream,
    i: usize,
    j: usize,
    carry: &mut Carry,
    ctx: &DateContext,
) -> Option<Term> {
    let close = j.checked_sub(2)?;
    if !s.any(close, "）)") {
        return None;
    }
    let open = (i + 1..close).rev().find(|&k| s.any(k, "（("))?;
    let mut scratch = Carry {
        prose: carry.prose,
        ..Carry::default()
    };
    let (end, term) = term_at(s, open + 1, &mut scratch, ctx, &mut Vec::new())?;
    let term = term.filter(|t| end == close && t.kind == TermKind::Range && t.end.is_some())?;
    carry.last_end = Some(j);
    Some(term)
}

/// The term of a duration starting at `i` (30日内, 自印发之日起3个月内),
/// its end counted from the issue date when the document is its anchor.
fn duration_term(
    s: &Stream,
    i: usize,
    d: phrase::DurationMatch,
    ctx: &DateContext,
    diags: &mut Vec<Diagnostic>,
) -> Term {
    let mut t = Term::new(s.slice(i, d.end), TermKind::Duration);
    t.qualifier = Some(Qualifier::Within);
    count_from_document(&mut t, &d, ctx, diags);
    t.duration = Some(Duration {
        amount: d.amount,
        unit: d.unit,
        anchor: d.anchor,
    });
    t
}

/// Whether any expression can start with `c`: the first characters of
/// every pattern [`term_at`] tries.
fn may_start(c: char) -> bool {
    c.is_ascii_digit() || in_table(&START_TABLE, c)
}

/// The first characters of every pattern [`term_at`] tries, besides ASCII
/// digits.
const STARTS: [char; 58] = [
    // numbers (numeral::is_chinese) and 半
    '〇', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '两', '半',
    // calendar words and relative years
    '第', '上', '下', '年', '今', '本', '当', '明', '次', '去', '前',
    // qualifier prefixes
    '截', '不', '从', '自', '到', '至', // recurring, immediate, ongoing, completed
    '每', '按', '立', '即', '边', '长', '持', '常', '久', '已', // quoted five-year plans
    '“', '"', '‘', '\'', '「', '『', // festivals (五一 is a number)
    '元', '春', '劳', '国', // 首季度, 月底
    '首', '月', // lunar festivals
    '端', '中', '除', '重',
];

/// Characters [`scan`] stops at besides [`may_start`] ones: ASCII letters
/// (codes such as HJ773-2015) and 《 (titles).
const OTHER_STOPS: [char; 53] = {
    let mut t = ['《'; 53];
    let mut k = 0;
    while k < 26 {
        t[k + 1] = (b'A' + k as u8) as char;
        t[k + 27] = (b'a' + k as u8) as char;
        k += 1;
    }
    t
};

/// A bit set over the Basic Multilingual Plane.
type CharTable = [u64; 1024];

/// [`STARTS`] as a table.
static START_TABLE: CharTable = char_table(&[&STARTS]);

/// Every character [`scan`] must look at: possible starts, ASCII digits and
/// [`OTHER_STOPS`]. Nearly every character of prose is none of these, and
/// the table lets the scanner pass them in a few instructions.
static STOPS: CharTable = char_table(&[&STARTS, &OTHER_STOPS, &DIGITS]);

const DIGITS: [char; 10] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

const fn char_table(sets: &[&[char]]) -> CharTable {
    let mut t = [0u64; 1024];
    let mut s = 0;
    while s < sets.len() {
        let mut k = 0;
        while k < sets[s].len() {
            let c = sets[s][k] as usize;
            t[c >> 6] |= 1 << (c & 63);
            k += 1;
        }
        s += 1;
    }
    t
}

/// Whether `c` is in `table` (characters beyond the BMP never are).
fn in_table(table: &CharTable, c: char) -> bool {
    let c = c as usize;
    table.get(c >> 6).is_some_and(|w| (w >> (c & 63)) & 1 == 1)
}

/// Whether [`scan`] must look at `c` (see [`STOPS`]).
fn is_stop(c: char) -> bool {
    in_table(&STOPS, c)
}

/// Index past a run of code characters (letters, digits, `.-_/`).
fn code_end(s: &Stream, i: usize) -> usize {
    let mut j = i + 1;
    while !s.gap(j)
        && s.at(j)
            .is_some_and(|c| c.is_ascii_alphanumeric() || one_of(c, ".-_/"))
    {
        j += 1;
    }
    j
}

/// The expression starting at `i`: the index after it and its term (none
/// when the expression was refused with a diagnostic).
fn term_at(
    s: &Stream,
    i: usize,
    carry: &mut Carry,
    ctx: &DateContext,
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Option<Term>)> {
    let last_end = carry.last_end;
    if let Some((end, first, q)) = phrase::five_year(s, i) {
        let mut t = Term::new(s.slice(i, end), TermKind::Range);
        t.start = Date::new(first as i16, 1, 1).ok();
        t.end = Date::new(first as i16 + 4, 12, 31).ok();
        t.qualifier = q;
        return Some((end, Some(t)));
    }
    // A Chinese numeral in prose (一是, 三个方面, 十大工程) is read as a
    // number only when a calendar or duration word can follow it.
    let counted = !lone_chinese_number(s, i);
    if counted && let Some(r) = dated(s, i, carry, ctx, diags) {
        return Some(r);
    }
    if let Some(r) = from_today(s, i, carry, ctx, diags) {
        return Some(r);
    }
    if let Some((end, q)) = phrase::recurring(s, i) {
        let mut t = Term::new(s.slice(i, end), TermKind::Recurring);
        t.qualifier = q;
        return Some((end, Some(t)));
    }
    let word = |end: usize, kind| Some((end, Some(Term::new(s.slice(i, end), kind))));
    if let Some(end) = phrase::immediate(s, i) {
        return word(end, TermKind::Immediate);
    }
    if let Some(end) = phrase::ongoing(s, i, last_end) {
        return word(end, TermKind::Ongoing);
    }
    if let Some(end) = phrase::completed(s, i, last_end, carry.prose) {
        return word(end, TermKind::Completed);
    }
    if counted && let Some(d) = phrase::duration(s, i, last_end.unwrap_or(0)) {
        return Some((d.end, Some(duration_term(s, i, d, ctx, diags))));
    }
    if let Some(end) = lost_units(s, i) {
        diags.push(crate::diag!(UnparsedDeadline / "bare-date"; text = s.slice(i, end)));
        return Some((end, None));
    }
    None
}

/// Characters that can follow the number a calendar expression or a
/// duration starts with: 年, 月, 季(度), a range separator
/// ([`calendar::expr`]); 个 or the first character of a duration unit
/// ([`phrase::duration`]). A `match`, not a string: it is asked at every
/// number in prose.
fn after_number(c: char) -> bool {
    matches!(
        c,
        '年' | '月'
            | '季'
            | '-'
            | '~'
            | '到'
            | '至'
            | '起'
            | '个'
            | '工'
            | '小'
            | '星'
            | '周'
            | '日'
            | '号'
            | '天'
    )
}

/// A Chinese numeral run at `i` that neither a calendar expression nor a
/// duration can start with: nothing [`after_number`] follows it. Checked
/// before those parsers read the number, since most such runs in prose are
/// ordinary words.
fn lone_chinese_number(s: &Stream, i: usize) -> bool {
    if !s.at(i).is_some_and(numeral::is_chinese) {
        return false;
    }
    let end = numeral::run_end(s, i);
    if end == i + 2 && s.is(i, '五') && s.is(i + 1, '一') {
        return false; // 五一, the festival
    }
    match s.at(end) {
        Some('、') => !s.at(end + 1).is_some_and(listed_number),
        Some(c) => !after_number(c),
        None => true,
    }
}

/// What can follow `N、` in a list of quarters (三、四季度, 三、第四季度):
/// the next number, or 第. Only Chinese numerals list quarters: `2、3季度`
/// is item 2 of a numbered list.
fn listed_number(c: char) -> bool {
    c == '第' || c.is_ascii_digit() || numeral::is_chinese(c)
}

/// What a word before a date says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    AsOf,
    From,
    Before,
    By,
}

/// What a word after a date says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    Before,
    Within,
    From,
}

/// A calendar expression at `i`, with the qualifier words around it.
fn dated(
    s: &Stream,
    i: usize,
    carry: &mut Carry,
    ctx: &DateContext,
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Option<Term>)> {
    const PREFIXES: [(&str, Prefix); 11] = [
        ("截止到", Prefix::AsOf),
        ("截止至", Prefix::AsOf),
        ("截至到", Prefix::AsOf),
        ("截至", Prefix::AsOf),
        ("截止", Prefix::AsOf),
        ("不晚于", Prefix::Before),
        ("不迟于", Prefix::Before),
        ("从", Prefix::From),
        ("自", Prefix::From),
        ("到", Prefix::By),
        ("至", Prefix::By),
    ];
    // The prefix words start with these characters; others skip the list.
    let may_prefix = matches!(s.at(i), Some('截' | '不' | '从' | '自' | '到' | '至'));
    let prefixed = may_prefix
        .then(|| s.first_lit(i, &PREFIXES.map(|(w, _)| w)))
        .flatten()
        .and_then(|(k, e)| Some((PREFIXES.get(k)?.1, calendar::expr(s, e)?)));
    let (prefix, (expr, end)) = match prefixed {
        Some((p, found)) => (Some(p), found),
        None => (
            None,
            calendar::expr(s, i).or_else(|| listed_day(s, i, carry))?,
        ),
    };
    let (suffix, text_end) = suffix(s, end);
    // 2021年前两个季度 / 2021年前几个月: a 前 that opens words not read is
    // no "before": giving 2021年前 would be the date of a shorter match.
    if suffix == Some(Suffix::Before) && partial_after(s, end, text_end) {
        let text = s.slice(i, text_end);
        diags.push(crate::diag!(DatePartial; text = text));
        *carry = Carry {
            last_end: carry.last_end,
            ..Carry::default()
        };
        return Some((text_end, None));
    }
    // 2016 年 6 底前 (月 lost): a number and a time word right after the
    // expression are more of the date, unread; 2016年 alone would be the
    // date of a shorter match (2016-12-31 for June).
    if let Some(rest_end) = unread_continuation(s, text_end) {
        let text = s.slice(i, rest_end);
        diags.push(crate::diag!(DatePartial; text = text));
        *carry = Carry {
            last_end: carry.last_end,
            ..Carry::default()
        };
        return Some((rest_end, None));
    }
    let end_mark = match expr {
        Expr::Point(p) => p.end_mark,
        Expr::Range(_, r) => r.end_mark,
    };
    let qualifier = match (prefix, suffix) {
        (Some(Prefix::AsOf), _) => Some(Qualifier::AsOf),
        (_, Some(Suffix::From)) => Some(Qualifier::From),
        (Some(Prefix::From), _) if matches!(expr, Expr::Point(_)) => Some(Qualifier::From),
        (_, Some(Suffix::Before)) => Some(Qualifier::Before),
        _ if end_mark => Some(Qualifier::EndOf),
        (_, Some(Suffix::Within)) => Some(Qualifier::Within),
        (Some(Prefix::Before), _) => Some(Qualifier::Before),
        (Some(Prefix::By), _) => Some(Qualifier::By),
        _ if completes(s, text_end) => Some(Qualifier::By),
        _ => None,
    };
    let text = s.slice(i, text_end);
    let past = reports_the_past(s, i, text_end);
    let term = calendar_term(text, expr, qualifier, past, carry, ctx, diags);
    // What the next terms may inherit.
    let last = match expr {
        Expr::Point(p) => p,
        Expr::Range(_, r) => r,
    };
    let deadline = !matches!(qualifier, Some(Qualifier::AsOf | Qualifier::From))
        && (qualifier.is_some() || matches!(expr, Expr::Range(..)));
    if let (Some(Year::Written(y)), true, Some(_)) = (last.year, deadline, &term) {
        carry.year = Some(y);
    }
    if let (Some(Year::Bare), true, Some(end), Some(_)) = (
        last.year,
        deadline,
        term.as_ref().and_then(|t| t.end),
        ctx.issued,
    ) {
        carry.after = Some(i32::from(end.year()));
    }
    carry.day = (term.is_some() && last.grain() == Grain::Day && last.feast.is_none())
        .then_some((last, end));
    Some((text_end, term))
}

/// A date that reports what was done, not what is due: 已于3月28日上缴,
/// 3月28日，已将…. A yearless one looks back from the issue date, as a
/// status date (截至) does.
fn reports_the_past(s: &Stream, i: usize, text_end: usize) -> bool {
    let before = |w: &str| {
        let n = w.chars().count();
        i >= n && s.lit(i - n, w) == Some(i)
    };
    let after = if s.any(text_end, "，,") {
        text_end + 1
    } else {
        text_end
    };
    ["已于", "已在", "已经于", "已经在", "已"]
        .iter()
        .any(|w| before(w))
        || s.is(after, '已')
}

/// A day listed after a day term with 、 (9月10日、11日): its month and year
/// are the previous day's.
fn listed_day(s: &Stream, i: usize, carry: &Carry) -> Option<(Expr, usize)> {
    let (prev, end) = carry.day?;
    if end + 1 != i || !s.any(end, "、，,") {
        return None;
    }
    let n = numeral::read(s, i)?;
    let d = n.small()?;
    // 9月10日，15日内完成: a duration, not a listed day.
    if !s.any(n.end, "日号") || s.any(n.end + 1, "内以之后起") {
        return None;
    }
    let p = Point {
        day: Some(d),
        year_from_left: true,
        ..prev
    };
    Some((Expr::Point(p), n.end + 1))
}

/// After a date ending at `end` whose 前 ends at `text_end`: words that
/// continue it (a count: 前两个季度, 前几个月, 前半年) which were not read.
fn partial_after(s: &Stream, end: usize, text_end: usize) -> bool {
    s.is(text_end - 1, '前')
        && text_end == end + 1
        && s.at(text_end)
            .is_some_and(|c| numeral::is_chinese(c) || c.is_ascii_digit() || one_of(c, "几半个"))
}

/// A number right after an expression (spaces between allowed) followed
/// by a word that ends a date (底, 日, 号, 旬, 初, 末, 中, 前): the date goes
/// on in a form not read (2016 年 6 底前, 2024年3 日前). The index after
/// that word (and a 前 after it). A count (2016年12个问题) is no date.
fn unread_continuation(s: &Stream, from: usize) -> Option<usize> {
    let skip = |mut k: usize| {
        while s.at(k).is_some_and(|c| c == ' ' || c == '\u{3000}') {
            k += 1;
        }
        k
    };
    let mut k = skip(from);
    let digits = k;
    while s
        .at(k)
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || numeral::is_chinese(c))
    {
        k += 1;
    }
    if k == digits || k - digits > 2 {
        return None;
    }
    let k = skip(k);
    if !s.at(k).is_some_and(|c| one_of(c, "底日号旬初末中前")) {
        return None;
    }
    Some(if s.is(k + 1, '前') { k + 2 } else { k + 1 })
}

/// 即日起 (from the issue day), 即日起至X (from the issue day to X) and
/// 自即日起N日内 (a duration counted from the issue day).
fn from_today(
    s: &Stream,
    i: usize,
    carry: &mut Carry,
    ctx: &DateContext,
    diags: &mut Vec<Diagnostic>,
) -> Option<(usize, Option<Term>)> {
    let (e, after_form) = phrase::from_today(s, i)?;
    if let Some(d) = phrase::duration(s, e, i) {
        return Some((d.end, Some(duration_term(s, i, d, ctx, diags))));
    }
    let issued = ctx.issued;
    if s.any(e, "至到")
        && let Some((expr, end)) = calendar::expr(s, e + 1)
    {
        let (suffix, text_end) = suffix(s, end);
        let q = (suffix == Some(Suffix::Before)).then_some(Qualifier::Before);
        let text = s.slice(i, text_end);
        let mut t = Term::new(text, TermKind::Range);
        t.year_inferred = true;
        let right = calendar_term(text, expr, q, false, carry, ctx, &mut Vec::new());
        match (issued, right.and_then(|r| r.end)) {
            (Some(from), Some(to)) if to >= from => (t.start, t.end) = (Some(from), Some(to)),
            (Some(_), Some(_)) => {
                diags.push(crate::diag!(InvalidDate / "before-issue"; text = text));
                return Some((text_end, None));
            }
            (None, _) => diags.push(no_issue_date(text)),
            (Some(from), None) => {
                t.start = Some(from);
                diags.push(crate::diag!(DatePartial / "end"; text = text));
            }
        }
        return Some((text_end, Some(t)));
    }
    // 本方案印发后, alone, says when something happens, not from when.
    if after_form {
        return None;
    }
    let text = s.slice(i, e);
    let mut t = Term::new(text, TermKind::Day);
    t.qualifier = Some(Qualifier::From);
    t.year_inferred = true;
    match issued {
        Some(d) => t.start = Some(d),
        None => diags.push(no_issue_date(text)),
    }
    Some((e, Some(t)))
}

fn no_issue_date(text: &str) -> Diagnostic {
    crate::diag!(IssueDateUnknown; text = text)
}

/// A duration whose anchor is the document's own issue (自印发之日起30日内)
/// gets its end, counted from the issue date as the Civil Code counts.
fn count_from_document(
    t: &mut Term,
    d: &phrase::DurationMatch,
    ctx: &DateContext,
    diags: &mut Vec<Diagnostic>,
) {
    if !d.anchor.as_deref().is_some_and(phrase::names_the_document) {
        return;
    }
    t.year_inferred = true;
    let Some(issued) = ctx.issued else {
        diags.push(no_issue_date(&t.text));
        return;
    };
    match count::end(issued, d.amount, d.unit) {
        Ok(end) => t.end = Some(end),
        Err(count::Uncounted::Holidays) => diags.push(crate::diag!(HolidayUnknown; text = t.text)),
        Err(_) => diags.push(crate::diag!(DurationUncounted; text = t.text)),
    }
}

/// 前 / 内 / 起 … after a date: what it says and where the term's text ends.
fn suffix(s: &Stream, end: usize) -> (Option<Suffix>, usize) {
    if let Some((_, e)) = s.first_lit(end, &["以前", "之前", "前"])
        && !s.is(e, '后')
    {
        return (Some(Suffix::Before), e);
    }
    if let Some((_, e)) = s.first_lit(end, &["以内", "之内", "内"]) {
        return (Some(Suffix::Within), e);
    }
    if let Some((_, e)) = s.first_lit(end, &["至今", "以来", "以后", "开始", "起"])
        && !s.any(e, "草诉步")
    {
        return (Some(Suffix::From), e);
    }
    (None, end)
}

/// A completion verb follows at `j` (2021年7月完成, 于2021年完成清理,
/// 2018年底前全面完成): the date is a "by" deadline. Also what makes a
/// bare 9月中 a date ([`calendar`]'s month tail).
fn completes(s: &Stream, j: usize) -> bool {
    const ADVERBS: [&str; 6] = ["全面", "全部", "基本", "彻底", "整改", "必须"];
    const VERBS: [&str; 6] = ["完成", "到位", "办结", "完工", "建成", "销号"];
    let j = s.first_lit(j, &ADVERBS).map_or(j, |(_, e)| e);
    s.first_lit(j, &VERBS).is_some()
}

/// The term for a calendar expression, or `None` (with a diagnostic) when
/// it names no real calendar date. `carry` holds the year written in an
/// earlier deadline of the same text, which a yearless date takes (R17), or
/// the year an earlier yearless one was resolved to, before which it does
/// not fall.
fn calendar_term(
    text: &str,
    expr: Expr,
    qualifier: Option<Qualifier>,
    past: bool,
    carry: &Carry,
    ctx: &DateContext,
    diags: &mut Vec<Diagnostic>,
) -> Option<Term> {
    let anchor = ctx.anchor();
    let inherit = |p: Point| match (p.year, carry.year) {
        (Some(Year::Bare), Some(y)) => p.in_year(y),
        _ => p,
    };
    // With the issue date known, 旬 are ranges with both edges (R6).
    let xun_range = |p: &Point| ctx.issued.is_some() && p.grain() == Grain::Xun;
    let (kind, inferred, bounds) = match expr {
        Expr::Point(p) => (
            if xun_range(&p) {
                TermKind::Range
            } else {
                kind_of(p.grain())
            },
            p.year_inferred() || p.rel.is_some(),
            point_bounds(
                &inherit(p),
                anchor,
                qualifier,
                past,
                carry.prose,
                carry.after,
            ),
        ),
        Expr::Range(a, b) => (
            TermKind::Range,
            a.year_inferred() || b.year_inferred(),
            range_bounds(&inherit(a), &inherit(b), anchor),
        ),
    };
    let mut term = Term::new(text, kind);
    term.qualifier = qualifier;
    term.year_inferred = inferred;
    match bounds {
        Err(Unresolved::Invalid) => {
            diags.push(crate::diag!(InvalidDate; text = text));
            return None;
        }
        Err(Unresolved::NoYear) => diags.push(crate::diag!(YearUnknown; text = text)),
        Err(Unresolved::NoIssueDate) => diags.push(no_issue_date(text)),
        Err(Unresolved::Vague) => diags.push(crate::diag!(VaguePeriod; text = text)),
        Err(Unresolved::NoFeastDay) => diags.push(crate::diag!(FestivalDateUnknown; text = text)),
        Ok((first, last)) if last < first => {
            diags.push(crate::diag!(InvalidDate / "reversed"; text = text));
            return None;
        }
        Ok((first, last)) => match (kind, qualifier) {
            (TermKind::Range, _) => (term.start, term.end) = (Some(first), Some(last)),
            (_, Some(Qualifier::From)) => term.start = Some(first),
            (TermKind::Quarter | TermKind::HalfYear, _) => {
                (term.start, term.end) = (Some(first), Some(last))
            }
            _ => term.end = Some(last),
        },
    }
    Some(term)
}

/// A point's first and last days; a yearless one ([`Year::Bare`]) moved to
/// the year that makes sense from the issue date (R7): a deadline that
/// would end before it is next year's, a status date (截至) after it last
/// year's.
fn point_bounds(
    p: &Point,
    anchor: Anchor,
    qualifier: Option<Qualifier>,
    past: bool,
    prose: bool,
    after: Option<i32>,
) -> Result<(Date, Date), Unresolved> {
    let b = calendar::bounds(p, anchor)?;
    let (Some(issued), Some(Year::Bare)) = (anchor.issued, p.year) else {
        return Ok(b);
    };
    let y = calendar::year_of(p, anchor)?;
    let back = past || qualifier == Some(Qualifier::AsOf);
    // Prose without a deadline word: no deadline, so no roll-over (R7).
    if prose && qualifier.is_none() && !back {
        return Ok(b);
    }
    let rolled = match qualifier {
        _ if back && b.1 > issued => {
            return calendar::bounds(&p.in_year(y - 1), anchor);
        }
        _ if back => return Ok(b),
        Some(Qualifier::AsOf) if b.1 > issued => {
            return calendar::bounds(&p.in_year(y - 1), anchor);
        }
        Some(Qualifier::From | Qualifier::AsOf) => return Ok(b),
        _ if b.1 < issued => calendar::bounds(&p.in_year(y + 1), anchor)?,
        _ => b,
    };
    match after {
        Some(a) if i32::from(rolled.1.year()) < a => calendar::bounds(&p.in_year(a), anchor),
        _ => Ok(rolled),
    }
}

/// A range's first and last days. A right side whose year was the left
/// side's moves to the next year when it would end before the left starts
/// (12月20日至1月10日); a yearless range that would be over at issue is
/// next year's.
fn range_bounds(a: &Point, b: &Point, anchor: Anchor) -> Result<(Date, Date), Unresolved> {
    let span = |a: &Point, b: &Point| -> Result<(Date, Date), Unresolved> {
        let (first, _) = calendar::bounds(a, anchor)?;
        let (_, mut last) = calendar::bounds(b, anchor)?;
        // Only when no year is written on the left: 2018年12月—1月 is refused.
        if last < first && b.year_from_left && !a.year_written() {
            let y = calendar::year_of(b, anchor)?;
            last = calendar::bounds(&b.in_year(y + 1), anchor)?.1;
        }
        Ok((first, last))
    };
    let r = span(a, b)?;
    if let (Some(issued), Some(Year::Bare)) = (anchor.issued, a.year)
        && r.1 < issued
    {
        let ya = calendar::year_of(a, anchor)?;
        let yb = calendar::year_of(b, anchor)?;
        let b2 = if b.year_from_left || b.year == Some(Year::Bare) {
            b.in_year(yb + 1)
        } else {
            *b
        };
        return span(
            &a.in_year(ya + 1),
            &Point {
                year_from_left: b.year_from_left,
                ..b2
            },
        );
    }
    Ok(r)
}

fn kind_of(grain: Grain) -> TermKind {
    match grain {
        Grain::Year => TermKind::Year,
        Grain::Half => TermKind::HalfYear,
        Grain::Quarter => TermKind::Quarter,
        Grain::Month | Grain::Xun => TermKind::Month,
        Grain::Day => TermKind::Day,
    }
}

/// An eight-digit run that is a valid YYYYMMDD (20191125): a date that lost
/// its 年/月/日, reported rather than guessed. The index after it.
fn lost_units(s: &Stream, i: usize) -> Option<usize> {
    if !s.digit(i) || s.prev(i).is_some_and(|p| p.is_ascii_digit() || p == '.') {
        return None;
    }
    let n = numeral::read(s, i)?;
    if n.digits != 8 {
        return None;
    }
    let (y, m, d) = (n.value / 10_000, n.value / 100 % 100, n.value % 100);
    let plausible = (1900..=2100).contains(&y);
    let real = Date::new(y as i16, m as i8, d as i8).is_ok();
    (plausible && real).then_some(n.end)
}

/// Characters that end one part of a deadline and start the next.
const PART_BREAK: &str = "，,；;。：:！!？?\n";

/// Longest label taken as a part's name, in characters; longer prefixes
/// are sentences, not names.
const MAX_LABEL: usize = 40;

/// Fill `applies_to` for deadlines that name several parts: the words
/// before a part's first term (铁合金厂废渣 in `1、铁合金厂废渣2021年7月完成`);
/// and, when the text is written as name + deadline pairs like that, the
/// previous part for a term that stands alone in its own (资金投入问题 in
/// `资金投入问题，长期执行，具体项目问题2018年12月底完成`).
fn assign_parts(s: &Stream, starts: &[usize], terms: &mut [Term]) {
    if terms.len() < 2 {
        return;
    }
    // Starts are in text order: a binary search answers "any term in a..b".
    let holds_term = |a: usize, b: usize| {
        let k = starts.partition_point(|&st| st < a);
        starts.get(k).is_some_and(|&st| st < b)
    };
    let label = |a: usize, b: usize| {
        let l = clean_label(s.slice(skip_numbering(s, a), b));
        (!l.is_empty() && l.chars().count() <= MAX_LABEL).then_some(l)
    };
    // Own labels: the words between the part's start and its first term.
    let parts: Vec<usize> = starts.iter().map(|&st| part_start(s, st)).collect();
    let mut labelled = false;
    for ((&start, &part), term) in starts.iter().zip(&parts).zip(terms.iter_mut()) {
        if !holds_term(part, start) {
            term.applies_to = label(part, start);
            labelled |= term.applies_to.is_some();
        }
    }
    if !labelled {
        return;
    }
    // A term alone in its part takes the previous part as its name when
    // that part holds no term of its own.
    for ((&start, &part), term) in starts.iter().zip(&parts).zip(terms.iter_mut()) {
        if term.applies_to.is_some() || holds_term(part, start) {
            continue;
        }
        if let Some(brk) = part.checked_sub(1) {
            let prev = part_start(s, brk);
            if !holds_term(prev, brk) {
                term.applies_to = label(prev, brk);
            }
        }
    }
}

/// Where the part holding stream index `i` starts: after the nearest break
/// punctuation before it, or at a numbering like `2、` written without one.
fn part_start(s: &Stream, i: usize) -> usize {
    let mut k = i;
    while k > 0 {
        if s.prev(k).is_some_and(|p| one_of(p, PART_BREAK)) {
            return k;
        }
        let numbered =
            s.is(k, '、') && k >= 1 && s.digit(k - 1) && (k < 2 || !s.digit(k - 2)) && k - 1 < i;
        if numbered {
            return k - 1;
        }
        k -= 1;
    }
    0
}

/// Index past a part numbering at `k` (1、 1. （1） (1) ① 一、 一是), else `k`.
fn skip_numbering(s: &Stream, k: usize) -> usize {
    let c = s.at(k);
    if s.digit(k) {
        let e = numeral::run_end(s, k);
        if e - k <= 2 && s.any(e, "、)）") {
            return e + 1;
        }
        if e - k <= 2 && s.is(e, '.') && !s.digit(e + 1) {
            return e + 1;
        }
        return k;
    }
    if s.any(k, "（(") && s.digit(k + 1) {
        let e = numeral::run_end(s, k + 1);
        if s.any(e, ")）") {
            return e + 1;
        }
    }
    if c.is_some_and(|c| ('①'..='⑳').contains(&c)) {
        return k + 1;
    }
    if s.any(k, "一二三四五六七八九十") && (s.is(k + 1, '、') || s.is(k + 1, '是')) {
        return k + 2;
    }
    k
}

/// A part's words as a label: trimmed of punctuation and of the
/// prepositions that lead into the date (…于 / 必须在 …).
fn clean_label(text: &str) -> String {
    const LEADS: [&str; 15] = [
        "必须在",
        "必须于",
        "力争在",
        "力争于",
        "确保在",
        "确保于",
        "要在",
        "须在",
        "应在",
        "将在",
        "力争",
        "确保",
        "于",
        "在",
        "将",
    ];
    let is_punct = |c: char| {
        c.is_whitespace()
            || c.is_ascii_punctuation()
            || one_of(c, "，、；：。！？（）【】“”‘’《》〔〕—…·")
    };
    let t = text.trim_matches(is_punct);
    let t = LEADS
        .iter()
        .find_map(|l| t.strip_suffix(l))
        .unwrap_or(t)
        .trim_matches(is_punct)
        .trim_start_matches(|c| one_of(c, "并且及和与再"));
    if FUNCTION_WORDS.contains(&t) {
        return String::new();
    }
    t.to_string()
}

/// Words that can stand before a term without naming anything
/// (此后每季度开展一次, 同时长期坚持).
const FUNCTION_WORDS: [&str; 12] = [
    "此后", "之后", "以后", "今后", "然后", "同时", "其中", "此外", "另外", "届时", "随后", "其余",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> DateContext {
        DateContext::year(Some(2018))
    }

    fn terms(text: &str) -> Vec<Term> {
        parse_terms(text, &ctx(), &mut Vec::new())
    }

    fn ends(text: &str) -> Vec<Option<String>> {
        terms(text)
            .iter()
            .map(|t| t.end.map(|d| d.to_string()))
            .collect()
    }

    #[test]
    fn term_text_is_the_expression_as_written() {
        let t = terms("督促各单位于 2021 年完成清理");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].text, "2021 年");
        assert_eq!(t[0].qualifier, Some(Qualifier::By));
        let t = terms("（2018年8月25日—9月15日）");
        assert_eq!(t[0].text, "2018年8月25日—9月15日");
    }

    #[test]
    fn qualifiers() {
        let q = |text: &str| terms(text).first().and_then(|t| t.qualifier);
        assert_eq!(q("2018年11月20日前"), Some(Qualifier::Before));
        assert_eq!(q("2018年年底前"), Some(Qualifier::Before));
        assert_eq!(q("2018年底"), Some(Qualifier::EndOf));
        assert_eq!(q("2018年12月底完成"), Some(Qualifier::EndOf));
        assert_eq!(q("2021年7月完成"), Some(Qualifier::By));
        assert_eq!(q("到2021年"), Some(Qualifier::By));
        assert_eq!(q("截至2018年6月"), Some(Qualifier::AsOf));
        assert_eq!(q("自2018年10月1日起"), Some(Qualifier::From));
        assert_eq!(q("2018年内"), Some(Qualifier::Within));
        assert_eq!(q("2018年"), None);
    }

    #[test]
    fn several_terms_in_one_text() {
        let kinds: Vec<TermKind> = terms("立即改正长期坚持").iter().map(|t| t.kind).collect();
        assert_eq!(kinds, [TermKind::Immediate, TermKind::Ongoing]);
        assert_eq!(
            ends("2018年年底前完成市级24条，2020年年底前实现长治久清"),
            [Some("2018-12-31".into()), Some("2020-12-31".into())]
        );
    }

    #[test]
    fn applies_to_names_the_parts() {
        let t = terms("1、铁合金厂废渣2021年7月完成；2、铝厂锂渣2018年11月20日前完成主体工程");
        let parts: Vec<_> = t.iter().map(|t| t.applies_to.as_deref()).collect();
        assert_eq!(parts, [Some("铁合金厂废渣"), Some("铝厂锂渣")]);
        let t = terms("资金投入问题，长期执行，具体项目问题2018年12月底完成。");
        let parts: Vec<_> = t.iter().map(|t| t.applies_to.as_deref()).collect();
        assert_eq!(parts, [Some("资金投入问题"), Some("具体项目问题")]);
        let t = terms("立行立改，持续加强，长期坚持");
        assert!(t.iter().all(|t| t.applies_to.is_none()));
        let t = terms("2018年12月底前完成整改，并长期坚持；此后每季度开展一次");
        assert!(t.iter().all(|t| t.applies_to.is_none()), "{t:?}");
        let t = terms("按照要求，2018年底前完成；长期坚持");
        assert!(t.iter().all(|t| t.applies_to.is_none()));
        let t = terms("市级2018年底前完成，县级2019年6月底前完成");
        let parts: Vec<_> = t.iter().map(|t| t.applies_to.as_deref()).collect();
        assert_eq!(parts, [Some("市级"), Some("县级")]);
        let t = parse_prose_terms(
            "督促湘钢年内完成2018年大气污染治理十大工程",
            &ctx(),
            &mut Vec::new(),
        );
        assert!(t.iter().all(|t| t.applies_to.is_none()));
    }

    #[test]
    fn no_year_means_no_date_and_a_diagnostic() {
        let mut diags = Vec::new();
        let t = parse_terms("9月底前", &DateContext::default(), &mut diags);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].end, None);
        assert!(t[0].year_inferred);
        assert_eq!(diags.first().map(|d| d.code.as_str()), Some("year-unknown"));
    }

    #[test]
    fn refused_dates_are_diagnosed() {
        for (text, code) in [
            ("2018年2月30日", "invalid-date"),
            ("2018年13月", "invalid-date"),
            ("20191125", "unparsed-deadline"),
            ("按要求办理", "vague-period"),
            ("请抓紧办理", "unparsed-deadline"),
        ] {
            let mut diags = Vec::new();
            let t = parse_terms(text, &ctx(), &mut diags);
            assert!(t.is_empty(), "{text}");
            assert_eq!(diags.len(), 1, "{text}");
            assert_eq!(diags[0].code, code, "{text}");
        }
    }

    #[test]
    fn numbers_that_are_not_dates() {
        let mut diags = Vec::new();
        let text = "317.8个信访件，PM2.5浓度，(HJ773-2015)，潭办〔2017〕102号，建站15年以上，\
                    《关于印发<2018年湘潭市打击非法挖采砂采石“利剑行动”>工作方案的通知》";
        assert!(parse_prose_terms(text, &ctx(), &mut diags).is_empty());
        assert!(diags.is_empty());
    }

    #[test]
    fn scanner_stops_at_every_start() {
        for c in STARTS.iter().copied().chain(OTHER_STOPS).chain(DIGITS) {
            assert!(is_stop(c), "{c}");
        }
        assert!(may_start('年') && may_start('7') && !may_start('《') && !may_start('A'));
        assert!(!is_stop('的') && !is_stop('，') && !is_stop('𠀀'));
    }

    /// Every character the date parsers' sources mention, plus printable
    /// ASCII: the characters a pattern can ask for after its first one.
    fn pattern_alphabet() -> Vec<char> {
        let sources = [
            include_str!("date.rs"),
            include_str!("date/calendar.rs"),
            include_str!("date/numeral.rs"),
            include_str!("date/phrase.rs"),
            include_str!("date/stream.rs"),
        ];
        let mut cs: Vec<char> = sources
            .iter()
            .flat_map(|t| t.chars())
            .filter(|c| !c.is_ascii())
            .chain((0x20u8..0x7F).map(char::from))
            .collect();
        cs.sort_unstable();
        cs.dedup();
        cs
    }

    #[test]
    fn worth_trying_is_necessary_for_every_pair() {
        const TAILS: [&str; 23] = [
            "",
            "立改",
            "即改",
            "年",
            "月",
            "日",
            "个月内",
            "季度末",
            "年底前",
            "五”期间",
            "三五",
            "0",
            "01",
            "0年",
            "1月",
            "期坚持",
            "续推进",
            "12345",
            "四季度",
            "第四季度",
            "、四季度",
            "前",
            "劳动节前",
        ];
        let alphabet = pattern_alphabet();
        for c in STARTS.iter().copied().chain(DIGITS) {
            for &d in &alphabet {
                for tail in TAILS {
                    let text = format!("{c}{d}{tail}");
                    let s = Stream::new(&text);
                    if worth_trying(c, s.ahead(1)) {
                        continue;
                    }
                    for last_end in [None, Some(0)] {
                        let mut diags = Vec::new();
                        let mut carry = Carry {
                            last_end,
                            ..Carry::default()
                        };
                        let found = term_at(&s, 0, &mut carry, &ctx(), &mut diags);
                        assert!(found.is_none() && diags.is_empty(), "{text}");
                    }
                }
            }
        }
    }

    /// Characters dates, phrases and their surroundings are made of.
    const TEXT: &str = "[0-9０-９ 　.\\-/~～—：:，。、；（）《》“”\"'‘’「」『』年月日号季度旬底末内前后起至到从自截止不晚迟于第上下半今本当明次去每个工作小时星期周天立即行查知改边督长持续常抓态久已经完成全面整十一二三四五六七八九〇零百两期间时A-Za-z的是元旦春节劳动国庆初中步央汛采暖冬]{0,24}";

    proptest::proptest! {
        #[test]
        fn shortcuts_equal_the_general_path(text in TEXT) {
            let s = Stream::new(&text);
            let (mut d1, mut d2) = (Vec::new(), Vec::new());
            let (mut st1, mut st2) = (Vec::new(), Vec::new());
            let fast = scan(&s, &ctx(), &mut d1, Some(&mut st1));
            let general = scan_with(&s, &ctx(), &mut d2, Some(&mut st2), |_, _, _| true);
            proptest::prop_assert_eq!(&fast, &general);
            proptest::prop_assert_eq!(format!("{d1:?}"), format!("{d2:?}"));
            proptest::prop_assert_eq!(st1, st2);
        }
    }

    #[test]
    fn due_skips_status_dates() {
        let t = terms("截至2019年6月，2018年底前完成");
        assert_eq!(due(&t).map(|d| d.to_string()), Some("2018-12-31".into()));
    }
}
