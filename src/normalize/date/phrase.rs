//! Time expressions that are words rather than calendar positions:
//! recurring (每月28日前), immediate (立行立改), ongoing (长期坚持),
//! completed (已完成), five-year-plan periods (“十三五”期间) and durations
//! (整改通知下达后2个月内).

use crate::model::{DurationUnit, Qualifier};

use super::numeral;
use super::stream::{Stream, one_of};

/// Punctuation that can open a clause (the character before a phrase).
const CLAUSE_OPEN: &str = "，,、；;。.：:！!？?（(【[“‘「『";
/// Punctuation that can close a clause (the character after a phrase).
const CLAUSE_CLOSE: &str = "，,、；;。.！!？?）)】]”’」』";
/// Conjunctions and modals that may stand between two deadline phrases
/// (2021年底前完成并长期坚持).
const JOINERS: &str = "并且及和与要须应再";
/// What a note of its own follows in prose: a bracket or a sentence's end.
const NOTE_OPEN: &str = "（(【[；;。.！!？?";

/// 每月 / 每季度末 / 每月 28 日前 / 每半年度: the index after it and its
/// qualifier.
pub(super) fn recurring(s: &Stream, i: usize) -> Option<(usize, Option<Qualifier>)> {
    // 按月 / 按季度: the same as 每月 / 每季度 (never 按年度计划, 按月份).
    if s.is(i, '按') {
        const BY: [&str; 5] = ["季度", "季", "月", "旬", "周"];
        let (_, j) = s.first_lit(i + 1, &BY)?;
        return (!s.any(j, "份度")).then_some((j, None));
    }
    if !s.is(i, '每') {
        return None;
    }
    let mut j = i + 1;
    if let Some(n) = numeral::read(s, j).filter(|n| n.small().is_some()) {
        j = n.end;
    }
    if s.is(j, '个') {
        j += 1;
    }
    const UNITS: [&str; 14] = [
        "学期",
        "半年度",
        "半年",
        "年度",
        "季度",
        "工作日",
        "星期",
        "年",
        "月",
        "旬",
        "周",
        "日",
        "天",
        "季",
    ];
    let (u, mut j) = s.first_lit(j, &UNITS)?;
    let unit = UNITS.get(u).copied().unwrap_or("");
    let mut end_mark = false;
    if matches!(unit, "月" | "年" | "年度")
        && let Some(n) = numeral::read(s, j).filter(|n| n.small().is_some())
        && s.any(n.end, "日号月")
    {
        j = n.end + 1;
        if let Some(n2) = numeral::read(s, j).filter(|n| n.small().is_some())
            && s.any(n2.end, "日号")
        {
            j = n2.end + 1;
        }
    } else if matches!(unit, "周" | "星期") && s.any(j, "一二三四五六日天1234567") {
        j += 1;
    }
    // The period named again before its end (每年年底, 每季度季末, 每月月底)
    // is the same recurring end, not a second, dated term.
    let again: &[&str] = match unit {
        "年" | "年度" => &["年底", "年末"],
        "季度" | "季" => &["季度末", "季末"],
        "月" => &["月底", "月末"],
        _ => &[],
    };
    if let Some((_, e)) = s.first_lit(j, again) {
        end_mark = true;
        j = e;
    } else if let Some((_, e)) = s.first_lit(j, &["底", "末"]) {
        end_mark = true;
        j = e;
    }
    if let Some((_, e)) = s.first_lit(j, &["以前", "之前", "前"]) {
        return Some((e, Some(Qualifier::Before)));
    }
    Some((j, end_mark.then_some(Qualifier::EndOf)))
}

/// 立行立改 / 立即整改 / 立即 …: the index after it.
pub(super) fn immediate(s: &Stream, i: usize) -> Option<usize> {
    const WORDS: [&str; 13] = [
        "立行立改",
        "立整立改",
        "立改立行",
        "即知即改",
        "立知立改",
        "立查立改",
        "即查即改",
        "即行即改",
        "边查边改",
        "边督边改",
        "立即整改",
        "立即改正",
        "立即",
    ];
    // Every word starts with one of these: most characters are turned
    // away before the list is tried.
    if !matches!(s.at(i), Some('立' | '即' | '边')) {
        return None;
    }
    let (k, e) = s.first_lit(i, &WORDS)?;
    // 建立即时…: the 立 belongs to the word before.
    let single = k + 1 == WORDS.len();
    if single
        && (s.any(e, "时刻")
            || s.prev(i)
                .is_some_and(|p| one_of(p, "建成设确树创订独自起站孤对")))
    {
        return None;
    }
    Some(e)
}

/// Ongoing words, longest first.
const ONGOING: [&str; 17] = [
    "长期坚持",
    "长期执行",
    "长期推进",
    "长期保持",
    "长期开展",
    "长期落实",
    "持续推进",
    "持续加强",
    "持续开展",
    "持续整改",
    "持续落实",
    "持续抓好",
    "常抓不懈",
    "久久为功",
    "常态化",
    "常态",
    "长期",
];
/// A verb that may follow an ongoing word inside the same term (常态化开展).
const LIGHT_VERBS: [&str; 10] = [
    "开展", "推进", "坚持", "执行", "落实", "整改", "实施", "进行", "管理", "工作",
];
/// Completed words, longest first.
const COMPLETED: [&str; 5] = [
    "已整改完成",
    "已全部完成",
    "已全面完成",
    "已经完成",
    "已完成",
];

/// 长期坚持 / 持续推进 / 常态化开展 …, only where it stands as a clause of
/// its own: in prose, 持续推进“一岗双责”落实 or 常态化巡查机制 is a verb or a
/// modifier, not a deadline.
pub(super) fn ongoing(s: &Stream, i: usize, last_end: Option<usize>) -> Option<usize> {
    let mut e = ongoing_word(s, i)?;
    if let Some((_, e2)) = s.first_lit(e, &LIGHT_VERBS) {
        e = e2;
    }
    standalone(s, i, e, last_end).then_some(e)
}

/// 已完成 / 已经完成 (整改), standing as a clause of its own: 已完成应急管控
/// is a description, not a status.
///
/// In `prose` (a measure, a report) the phrase is a status only where it is
/// a note of its own — the text's start, in brackets (（已完成）) or after a
/// sentence's end — and not the last clause of a narrative sentence
/// (…发现混接错接点位41处，已全部完成整改。), which reports what the measure
/// did rather than marking its state.
pub(super) fn completed(
    s: &Stream,
    i: usize,
    last_end: Option<usize>,
    prose: bool,
) -> Option<usize> {
    let mut e = completed_word(s, i)?;
    if let Some(e2) = s.lit(e, "整改") {
        e = e2;
    }
    if prose && s.prev(i).is_some_and(|p| !one_of(p, NOTE_OPEN)) && last_end != Some(i) {
        return None;
    }
    standalone(s, i, e, last_end).then_some(e)
}

/// One of [`ONGOING`] at `i`: the index after it. The first character is
/// checked before the list is tried, since most characters start no word.
fn ongoing_word(s: &Stream, i: usize) -> Option<usize> {
    if !matches!(s.at(i), Some('长' | '持' | '常' | '久')) {
        return None;
    }
    s.first_lit(i, &ONGOING).map(|(_, e)| e)
}

/// One of [`COMPLETED`] at `i` (all start with 已): the index after it.
fn completed_word(s: &Stream, i: usize) -> Option<usize> {
    if !s.is(i, '已') {
        return None;
    }
    s.first_lit(i, &COMPLETED).map(|(_, e)| e)
}

/// `i..e` opens and closes a clause: punctuation, a joiner, the text's
/// edge or another phrase term on both sides.
fn standalone(s: &Stream, i: usize, e: usize, last_end: Option<usize>) -> bool {
    let opens = i == 0
        || last_end == Some(i)
        || s.prev(i)
            .is_some_and(|p| one_of(p, CLAUSE_OPEN) || one_of(p, JOINERS));
    let closes = e >= s.len()
        || s.any(e, CLAUSE_CLOSE)
        || s.any(e, "并且")
        || ongoing_word(s, e).is_some()
        || completed_word(s, e).is_some()
        || immediate(s, e).is_some();
    opens && closes
}

/// “十三五”期间 / 十四五时期 / 十三五末: the index after it, the plan's
/// first year and the qualifier. Plans from the 11th (十一五, 2006–2010) to
/// the 19th are read; earlier names (九五, 十五) collide with plain numbers.
pub(super) fn five_year(s: &Stream, i: usize) -> Option<(usize, i32, Option<Qualifier>)> {
    let j = match s.at(i)? {
        '十' => i,
        '“' | '"' | '‘' | '\'' | '「' | '『' => i + 1,
        _ => return None,
    };
    if !s.is(j, '十') || !s.is(j + 2, '五') {
        return None;
    }
    if s.prev(i)
        .is_some_and(|p| numeral::is_chinese(p) || p.is_ascii_digit())
    {
        return None;
    }
    let nth = 10 + s.at(j + 1).and_then(ordinal)?;
    let mut k = j + 3;
    if s.at(k).is_some_and(numeral::is_chinese) || s.digit(k) || s.any(k, "年个月日%") {
        return None;
    }
    if s.any(k, "”\"’'」』") {
        k += 1;
    }
    let (k, q) = match s.first_lit(k, &["期间", "时期", "末", "以前", "之前", "前"]) {
        Some((2, e)) => (e, Some(Qualifier::EndOf)),
        Some((3..=5, e)) => (e, Some(Qualifier::Before)),
        Some((_, e)) => (e, None),
        None => (k, None),
    };
    // The 4th plan began in 1971; every later plan follows five years on.
    Some((k, 1971 + 5 * (nth - 4), q))
}

/// 一 … 九 as 1 … 9 (the digit after 十 in 十三五).
fn ordinal(c: char) -> Option<i32> {
    "一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as i32 + 1)
}

/// A duration: amount, unit, the anchor as written and the index after it.
pub(super) struct DurationMatch {
    pub amount: f64,
    pub unit: DurationUnit,
    pub anchor: Option<String>,
    pub end: usize,
}

/// N个工作日内 / N个月内 / N小时内 / N日内 / 两年内 / 半年内, with the
/// anchor written before it in the same clause (反馈后, 清单印发后).
/// `floor` is where the previous term ended: the anchor never overlaps it.
pub(super) fn duration(s: &Stream, i: usize, floor: usize) -> Option<DurationMatch> {
    let (mut amount, mut j) = if s.is(i, '半') {
        (0.5, i + 1)
    } else {
        let n = numeral::read(s, i)?;
        if n.digits > 3 {
            return None;
        }
        (n.value as f64, n.end)
    };
    let counted = s.is(j, '个');
    if counted {
        j += 1;
    }
    const UNITS: [(&str, DurationUnit); 9] = [
        ("工作日", DurationUnit::WorkingDay),
        ("小时", DurationUnit::Hour),
        ("星期", DurationUnit::Week),
        ("周", DurationUnit::Week),
        ("日", DurationUnit::Day),
        ("天", DurationUnit::Day),
        ("月", DurationUnit::Month),
        ("年", DurationUnit::Year),
        ("工作天", DurationUnit::WorkingDay),
    ];
    let (k, e) = s.first_lit(j, &UNITS.map(|(w, _)| w))?;
    let unit = UNITS.get(k).map(|(_, u)| *u)?;
    // 3月内 is March; 3个年内 is not Chinese.
    match unit {
        DurationUnit::Month if !counted && amount != 0.5 => return None,
        DurationUnit::Year if counted => return None,
        _ => {}
    }
    j = e;
    if s.is(j, '半')
        && matches!(
            unit,
            DurationUnit::Year | DurationUnit::Month | DurationUnit::Hour
        )
    {
        amount += 0.5;
        j += 1;
    }
    let anchor = anchor(s, i, floor);
    // 省出台文件后2个月完成: after an event, N months and a verb of
    // completion say "within" as 内 does; without the event (用3个月完成)
    // it is how long the work takes, not a deadline.
    let end = match s.first_lit(j, &["以内", "之内", "内"]) {
        Some((_, end)) => end,
        None if anchor.is_some() && s.first_lit(j, &["完成", "办结", "整改到位"]).is_some() => {
            j
        }
        // A deadline field that is a span and nothing else (整改时限：3天);
        // a bare 15日 may as well be the 15th, so it is not read.
        None if i == 0 && s.at(j).is_none() && UNITS.get(k).is_some_and(|(w, _)| *w != "日") => j,
        None => return None,
    };
    Some(DurationMatch {
        amount,
        unit,
        anchor,
        end,
    })
}

/// Words naming the document itself before the verb of its issue
/// (本方案印发后); the last, empty, is none.
const OWN: [&str; 11] = [
    "本实施方案",
    "本工作方案",
    "本方案",
    "本通知",
    "本意见",
    "本文件",
    "本办法",
    "本清单",
    "方案",
    "通知",
    "",
];

/// Verbs of the document's issue.
const VERBS: [&str; 6] = ["印发", "下发", "发文", "发布", "公布", "出台"];

/// 即日起 / 自即日起 / 从即日开始 / 自今日起 / 自印发之日起 / 自本通知下发之日起
/// / 本方案印发后 (from the issue day on): the index after it, and whether
/// it is an "after" form (本方案印发后), which names a start only before a
/// duration or 至.
pub(super) fn from_today(s: &Stream, i: usize) -> Option<(usize, bool)> {
    const WORDS: [&str; 9] = [
        "自即日起",
        "从即日起",
        "即日起",
        "自即日开始",
        "从即日开始",
        "即日开始",
        "自今日起",
        "从今日起",
        "今日起",
    ];
    if !matches!(s.at(i), Some('即' | '自' | '从' | '今' | '本')) {
        return None;
    }
    if let Some((_, e)) = s.first_lit(i, &WORDS) {
        return Some((e, false));
    }
    let led = s.any(i, "自从");
    let j = if led { i + 1 } else { i };
    let named = OWN.get(..OWN.len() - 1).and_then(|own| s.first_lit(j, own));
    if !led && named.is_none() {
        return None;
    }
    let j = named.map_or(j, |(_, e)| e);
    let (_, j) = s.first_lit(j, &VERBS)?;
    let (k, e) = s.first_lit(j, &["之日起", "之日开始", "以后", "后", "起"])?;
    Some((e, matches!(k, 2 | 3)))
}

/// Whether a duration's anchor names the document's own issue (自印发之日起,
/// 本方案印发后, 自本通知下发之日起, 自发文之日起, 即日起): then its end is
/// counted from the issue date. Other anchors (反馈后, 收到交办件后, 整改
/// 通知下达后) name events whose dates the document does not give.
pub(super) fn names_the_document(anchor: &str) -> bool {
    const TAILS: [&str; 7] = ["之日开始", "之日起", "之日后", "之日", "以后", "后", "起"];
    let a: String = anchor.chars().filter(|c| !c.is_whitespace()).collect();
    let a = a.trim_start_matches(['自', '从']);
    let Some(a) = TAILS.iter().find_map(|t| a.strip_suffix(t)) else {
        return false;
    };
    a == "即日"
        || a == "今日"
        || OWN
            .iter()
            .filter_map(|o| a.strip_prefix(o))
            .any(|v| VERBS.contains(&v))
}

/// The anchor before a duration: the clause text just before `i` when it
/// ends in 后 / 起 (整改通知下达后, 收到通知之日起), from the last 在/于 (not
/// included) or 自/从 (included) in it if there is one.
fn anchor(s: &Stream, i: usize, floor: usize) -> Option<String> {
    if i <= floor || !s.prev(i).is_some_and(|p| p == '后' || p == '起') {
        return None;
    }
    let mut a = i.checked_sub(1)?;
    while a > floor
        && !s
            .prev(a)
            .is_some_and(|p| one_of(p, CLAUSE_OPEN) || one_of(p, CLAUSE_CLOSE))
    {
        a -= 1;
    }
    // 在/于 lead into the anchor (在清单印发后); 自/从 are part of it
    // (自发文之日起).
    let from = (a..i)
        .rev()
        .find(|&k| s.any(k, "在于自从"))
        .map_or(a, |k| if s.any(k, "自从") { k } else { k + 1 });
    let text = s.slice(from, i).trim();
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recurring_forms() {
        let s = Stream::new("每月 28 日前");
        assert_eq!(recurring(&s, 0), Some((6, Some(Qualifier::Before))));
        let s = Stream::new("每季度末");
        assert_eq!(recurring(&s, 0), Some((4, Some(Qualifier::EndOf))));
        let s = Stream::new("每月28日报送");
        assert_eq!(recurring(&s, 0), Some((5, None)));
        let s = Stream::new("按月跟踪");
        assert_eq!(recurring(&s, 0), Some((2, None)));
        let s = Stream::new("按月份统计");
        assert_eq!(recurring(&s, 0), None);
        let s = Stream::new("每学期开展一次");
        assert_eq!(recurring(&s, 0), Some((3, None)));
        let s = Stream::new("每年年底组织一次");
        assert_eq!(recurring(&s, 0), Some((4, Some(Qualifier::EndOf))));
        let s = Stream::new("每季度季末前报送");
        assert_eq!(recurring(&s, 0), Some((6, Some(Qualifier::Before))));
        let s = Stream::new("每一个禁养区");
        assert_eq!(recurring(&s, 0), None);
    }

    #[test]
    fn immediate_is_not_inside_another_word() {
        let s = Stream::new("立即开展");
        assert_eq!(immediate(&s, 0), Some(2));
        let s = Stream::new("建立即时报告制度");
        assert_eq!(immediate(&s, 1), None);
    }

    #[test]
    fn ongoing_only_as_its_own_clause() {
        let s = Stream::new("立行立改，持续加强，长期坚持");
        assert_eq!(ongoing(&s, 5, None), Some(9));
        let s = Stream::new("持续推进“一岗双责”落实");
        assert_eq!(ongoing(&s, 0, None), None);
        let s = Stream::new("建立常态化巡查机制");
        assert_eq!(ongoing(&s, 2, None), None);
        let s = Stream::new("常态化开展");
        assert_eq!(ongoing(&s, 0, None), Some(5));
    }

    #[test]
    fn completed_only_as_its_own_clause() {
        let s = Stream::new("已完成，长期坚持");
        assert_eq!(completed(&s, 0, None, false), Some(3));
        assert_eq!(completed(&s, 0, None, true), Some(3));
        let s = Stream::new("在已完成应急管控的基础上");
        assert_eq!(completed(&s, 1, None, false), None);
        // In prose: a note, not a narrative sentence's last clause.
        let s = Stream::new("建立制度。（已完成）");
        assert_eq!(completed(&s, 6, None, true), Some(9));
        let s = Stream::new("发现点位41处，已全部完成整改。");
        assert_eq!(completed(&s, 8, None, true), None);
        assert_eq!(completed(&s, 8, None, false), Some(15));
    }

    #[test]
    fn five_year_plans() {
        let s = Stream::new("“十三五”期间");
        assert_eq!(five_year(&s, 0), Some((7, 2016, None)));
        let s = Stream::new("十四五末");
        assert_eq!(five_year(&s, 0), Some((4, 2021, Some(Qualifier::EndOf))));
        let s = Stream::new("三十三五");
        assert_eq!(five_year(&s, 1), None);
    }

    #[test]
    fn document_anchors() {
        for a in [
            "自印发之日起",
            "本方案印发后",
            "本通知下发之日起",
            "发文之日起",
            "即日起",
            "印发之日起",
        ] {
            assert!(names_the_document(a), "{a}");
        }
        for a in ["反馈后", "收到交办件后", "整改通知下达后", "清单印发前"] {
            assert!(!names_the_document(a), "{a}");
        }
        let s = Stream::new("自即日起15日内");
        assert_eq!(from_today(&s, 0), Some((4, false)));
        let s = Stream::new("自本通知印发之日起至年底");
        assert_eq!(from_today(&s, 0), Some((9, false)));
        let s = Stream::new("本方案印发后3个月内");
        assert_eq!(from_today(&s, 0), Some((6, true)));
        let s = Stream::new("本方案要求");
        assert_eq!(from_today(&s, 0), None);
    }

    #[test]
    fn durations_and_anchors() {
        let s = Stream::new("整改通知下达后2个月内");
        let d = duration(&s, 7, 0).map(|d| (d.amount, d.unit, d.anchor, d.end));
        assert_eq!(
            d,
            Some((2.0, DurationUnit::Month, Some("整改通知下达后".into()), 11))
        );
        let s = Stream::new("半年内");
        assert_eq!(duration(&s, 0, 0).map(|d| d.amount), Some(0.5));
        let s = Stream::new("3月内");
        assert!(duration(&s, 0, 0).is_none());
        let s = Stream::new("三年行动");
        assert!(duration(&s, 0, 0).is_none());
    }
}
