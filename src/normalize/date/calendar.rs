//! Calendar expressions — days, months, 旬, quarters, half years, years and
//! ranges of them — read from the stream into [`Point`]s, then resolved to
//! first and last calendar days with jiff (never by hand, so month ends and
//! leap years are right and impossible dates are refused).

use jiff::civil::Date;

use super::numeral::{self, Num};
use super::stream::{Stream, one_of};

/// Where a point's year comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Year {
    /// Written in the text (2018年, 二〇一八年, 2018-09-30).
    Written(i32),
    /// Written with two digits (23年底, 零七年, 九零年): the year ending so
    /// that lies no more than [`SHORT_YEAR_AHEAD`] years after the
    /// document's (五八年 in a plan of 2021 is 1958, 23年 is 2023); without a
    /// document year, 20NN below 70 and 19NN from 70 on.
    Short(i32),
    /// Not written: the document's year plus an offset (年底 → 0, 明年 → 1).
    Context(i32),
    /// Not written and named by no word (9月底前, 春节前, 三季度): the
    /// document's year, or, when the issue date is known, the year that
    /// makes the date lie ahead of it (a deadline) or behind it (a status
    /// date) — see [`roll`].
    Bare,
}

/// How far after the document's year a two-digit year may lie.
const SHORT_YEAR_AHEAD: i32 = 20;

/// One calendar position as written; the finest field set decides its grain.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Point {
    pub year: Option<Year>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// 1–4.
    pub quarter: Option<u32>,
    /// 1 = 上半年, 2 = 下半年.
    pub half: Option<u32>,
    /// 1 = 上旬, 2 = 中旬, 3 = 下旬.
    pub xun: Option<u32>,
    /// 底 / 末 was written after it.
    pub end_mark: bool,
    /// A festival named instead of a day (春节前, 2019年国庆节前).
    pub feast: Option<Feast>,
    /// A period of the year whose dates vary (2019年汛期前, 2019年初,
    /// 2019年采暖季前): the year is known, the day is not.
    pub vague: bool,
    /// A month or quarter named relative to the issue date (本月, 下季度):
    /// `month` / `quarter` hold a placeholder until [`bounds`] knows the date.
    pub rel: Option<Rel>,
    /// The year was not written but taken from the left side of a range
    /// (12月20日至1月10日): it moves to the next year when the right side
    /// would end before the left starts.
    pub year_from_left: bool,
}

/// A period counted from the issue date's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rel {
    /// 本月 0, 下月 / 次月 1, 上月 -1.
    Month(i32),
    /// 本季度 0, 下季度 1, 上季度 -1.
    Quarter(i32),
}

/// What points are resolved against: the document's year and, when known,
/// its issue date (whose year is then the document's year).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Anchor {
    pub year: Option<i16>,
    pub issued: Option<Date>,
}

/// Festivals plans set deadlines by. Fixed-date ones are a month and day;
/// the Spring Festival moves with the lunar calendar, so it comes from a
/// table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Feast {
    /// 元旦, 1 January.
    NewYear,
    /// 春节, the first day of the lunar year.
    SpringFestival,
    /// 五一 / 劳动节, 1 May.
    LabourDay,
    /// 国庆 / 国庆节, 1 October.
    NationalDay,
    /// 元宵, 端午, 中秋, 除夕, 七夕, 重阳 (lunar dates) and 清明 (a solar
    /// term): no table gives their days, so they resolve to none — read
    /// as a year alone, 2019年端午节前 would be a wrong date.
    Lunar,
}

/// The festival words; a spelling that starts another comes after it
/// (first_lit takes the first that matches).
const FEASTS: [(&str, Feast); 21] = [
    ("元旦", Feast::NewYear),
    ("元宵节", Feast::Lunar),
    ("元宵", Feast::Lunar),
    ("端午节", Feast::Lunar),
    ("端午", Feast::Lunar),
    ("中秋节", Feast::Lunar),
    ("中秋", Feast::Lunar),
    ("除夕", Feast::Lunar),
    ("清明节", Feast::Lunar),
    ("清明", Feast::Lunar),
    ("七夕", Feast::Lunar),
    ("重阳节", Feast::Lunar),
    ("重阳", Feast::Lunar),
    ("春节", Feast::SpringFestival),
    ("五一劳动节", Feast::LabourDay),
    ("五一国际劳动节", Feast::LabourDay),
    ("五一", Feast::LabourDay),
    ("劳动节", Feast::LabourDay),
    ("国庆节", Feast::NationalDay),
    ("国庆日", Feast::NationalDay),
    ("国庆", Feast::NationalDay),
];

/// The Gregorian month and day of 春节 in 2000–2050, computed with the
/// `lunardate` Python package and checked against published calendars
/// (2018-02-16, 2019-02-05, 2020-01-25, 2021-02-12).
const SPRING_FESTIVAL_FIRST_YEAR: i16 = 2000;
#[rustfmt::skip]
const SPRING_FESTIVAL: [(i8, i8); 51] = [
    (2, 5), (1, 24), (2, 12), (2, 1), (1, 22), (2, 9), (1, 29), (2, 18), (2, 7), (1, 26), // 2000–2009
    (2, 14), (2, 3), (1, 23), (2, 10), (1, 31), (2, 19), (2, 8), (1, 28), (2, 16), (2, 5), // 2010–2019
    (1, 25), (2, 12), (2, 1), (1, 22), (2, 10), (1, 29), (2, 17), (2, 6), (1, 26), (2, 13), // 2020–2029
    (2, 3), (1, 23), (2, 11), (1, 31), (2, 19), (2, 8), (1, 28), (2, 15), (2, 4), (1, 24), // 2030–2039
    (2, 12), (2, 1), (1, 22), (2, 10), (1, 30), (2, 17), (2, 6), (1, 26), (2, 14), (2, 2), // 2040–2049
    (1, 23), // 2050
];

impl Feast {
    /// The festival's day in `year`; `None` for a Spring Festival outside
    /// the table.
    fn day(self, year: i16) -> Option<(i8, i8)> {
        match self {
            Feast::NewYear => Some((1, 1)),
            Feast::LabourDay => Some((5, 1)),
            Feast::NationalDay => Some((10, 1)),
            Feast::SpringFestival => {
                let k = usize::try_from(year - SPRING_FESTIVAL_FIRST_YEAR).ok()?;
                SPRING_FESTIVAL.get(k).copied()
            }
            Feast::Lunar => None,
        }
    }
}

/// How fine a point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Grain {
    Year,
    Half,
    Quarter,
    Month,
    Xun,
    Day,
}

impl Point {
    fn of_year(year: Year) -> Point {
        Point {
            year: Some(year),
            ..Point::default()
        }
    }

    /// The finest field written.
    pub fn grain(&self) -> Grain {
        if self.day.is_some() || self.feast.is_some() {
            Grain::Day
        } else if self.xun.is_some() {
            Grain::Xun
        } else if self.month.is_some() {
            Grain::Month
        } else if self.quarter.is_some() {
            Grain::Quarter
        } else if self.half.is_some() {
            Grain::Half
        } else {
            Grain::Year
        }
    }

    /// The year was not written.
    pub fn year_inferred(&self) -> bool {
        !self.year_written()
    }

    /// The year was written (in full or with two digits).
    pub fn year_written(&self) -> bool {
        matches!(self.year, Some(Year::Written(_) | Year::Short(_)))
    }

    /// The same point in an explicitly chosen year (for rolling a yearless
    /// date over, or a range's right side).
    pub fn in_year(self, y: i32) -> Point {
        Point {
            year: Some(Year::Written(y)),
            ..self
        }
    }
}

/// A point, or a range between two points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expr {
    Point(Point),
    Range(Point, Point),
}

/// Why a point has no dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unresolved {
    /// The year is not written and the context has none.
    NoYear,
    /// No such calendar date (2018年2月30日, 13月).
    Invalid,
    /// A Spring Festival outside the years the table covers.
    NoFeastDay,
    /// A period whose dates vary by place or custom ([`Point::vague`]).
    Vague,
    /// Relative to the issue date (本月, 下季度), which is not known.
    NoIssueDate,
}

/// The year a point is in, before any [`roll`].
pub(super) fn year_of(p: &Point, a: Anchor) -> Result<i32, Unresolved> {
    let ctx_year = a.issued.map(|d| d.year()).or(a.year);
    match p.year {
        Some(Year::Written(y)) => Ok(y),
        Some(Year::Short(v)) => Ok(match ctx_year {
            Some(y) => {
                let limit = i32::from(y) + SHORT_YEAR_AHEAD;
                let mut c = 2100 + v;
                while c > limit {
                    c -= 100;
                }
                c
            }
            None if v < 70 => 2000 + v,
            None => 1900 + v,
        }),
        Some(Year::Context(off)) => Ok(ctx_year.ok_or(Unresolved::NoYear)? as i32 + off),
        Some(Year::Bare) => Ok(ctx_year.ok_or(Unresolved::NoYear)? as i32),
        None => Err(Unresolved::NoYear),
    }
}

/// A point named relative to the issue date (本月底, 下季度) made concrete:
/// its year, month or quarter counted from the issue date's.
fn concrete(p: &Point, issued: Option<Date>) -> Result<Point, Unresolved> {
    let Some(rel) = p.rel else { return Ok(*p) };
    let d = issued.ok_or(Unresolved::NoIssueDate)?;
    let (y, m) = (i32::from(d.year()), i32::from(d.month()) - 1);
    let mut q = Point { rel: None, ..*p };
    match rel {
        Rel::Month(off) => {
            let k = y * 12 + m + off;
            q.year = Some(Year::Written(k.div_euclid(12)));
            q.month = Some(k.rem_euclid(12) as u32 + 1);
        }
        Rel::Quarter(off) => {
            let k = y * 4 + m / 3 + off;
            q.year = Some(Year::Written(k.div_euclid(4)));
            q.quarter = Some(k.rem_euclid(4) as u32 + 1);
        }
    }
    Ok(q)
}

/// First and last calendar day the point covers.
pub(super) fn bounds(p: &Point, a: Anchor) -> Result<(Date, Date), Unresolved> {
    if p.vague {
        return Err(Unresolved::Vague);
    }
    let p = &concrete(p, a.issued)?;
    let year = year_of(p, a)?;
    let year = i16::try_from(year).map_err(|_| Unresolved::Invalid)?;
    let date = |m: u32, d: u32| -> Result<Date, Unresolved> {
        let m = i8::try_from(m).map_err(|_| Unresolved::Invalid)?;
        let d = i8::try_from(d).map_err(|_| Unresolved::Invalid)?;
        Date::new(year, m, d).map_err(|_| Unresolved::Invalid)
    };
    let month_span = |m: u32| -> Result<(Date, Date), Unresolved> {
        let first = date(m, 1)?;
        Ok((first, first.last_of_month()))
    };
    let field = |f: Option<u32>| f.ok_or(Unresolved::Invalid);
    match p.grain() {
        Grain::Day if p.feast.is_some() => {
            let (m, d) = p
                .feast
                .and_then(|f| f.day(year))
                .ok_or(Unresolved::NoFeastDay)?;
            let d = Date::new(year, m, d).map_err(|_| Unresolved::Invalid)?;
            Ok((d, d))
        }
        Grain::Day => {
            let d = date(field(p.month)?, field(p.day)?)?;
            Ok((d, d))
        }
        Grain::Xun => {
            let m = field(p.month)?;
            let (first, last) = month_span(m)?;
            match field(p.xun)? {
                1 => Ok((first, date(m, 10)?)),
                2 => Ok((date(m, 11)?, date(m, 20)?)),
                _ => Ok((date(m, 21)?, last)),
            }
        }
        Grain::Month => month_span(field(p.month)?),
        Grain::Quarter => {
            let q = field(p.quarter)?;
            if !(1..=4).contains(&q) {
                return Err(Unresolved::Invalid);
            }
            Ok((month_span(3 * q - 2)?.0, month_span(3 * q)?.1))
        }
        Grain::Half => {
            let h = field(p.half)?;
            Ok((month_span(6 * h - 5)?.0, month_span(6 * h)?.1))
        }
        Grain::Year => Ok((date(1, 1)?, date(12, 31)?)),
    }
}

/// A calendar expression starting exactly at `i`, and the index after it.
pub(super) fn expr(s: &Stream, i: usize) -> Option<(Expr, usize)> {
    let (left, end) = left(s, i)?;
    let Expr::Point(lp) = left else {
        return Some((left, end));
    };
    if let Some(j) = separator(s, end)
        && let Some((rp, rend)) = right(s, j, &lp)
    {
        return Some((Expr::Range(lp, rp), rend));
    }
    Some((Expr::Point(lp), end))
}

/// A range separator at `j` (—, –, -, ～, ~, 至, 到), and the index after it.
fn separator(s: &Stream, j: usize) -> Option<usize> {
    match s.at(j)? {
        '-' => {
            let mut k = j;
            while s.is(k, '-') {
                k += 1;
            }
            Some(k)
        }
        '~' | '到' => Some(j + 1),
        '至' if !s.is(j + 1, '今') => Some(j + 1),
        // 2018年9月起至2019年6月
        '起' if s.any(j + 1, "至到") => Some(j + 2),
        _ => None,
    }
}

/// The left side (or the whole) of an expression.
fn left(s: &Stream, i: usize) -> Option<(Expr, usize)> {
    // Before numbers: 五一 is also a numeral.
    if let Some((p, e)) = feast(s, i, Year::Bare)
        && before_follows(s, e)
    {
        return point(Some((p, e)));
    }
    if numeral::starts_number(s, i) {
        return numbered(s, i);
    }
    let bare = Year::Bare;
    match s.at(i)? {
        '第' => quarters(s, i + 1, bare),
        '上' | '下' => point(half(s, i, bare))
            .or_else(|| relative_period(s, i))
            .or_else(|| relative(s, i)),
        '本' | '当' | '次' => relative_period(s, i).or_else(|| relative(s, i)),
        '年' => bare_year(s, i),
        '首' => point(first_quarter(s, i, Year::Context(0))),
        '前' => leading(s, i, Year::Context(0), false).or_else(|| relative(s, i)),
        '月' => this_month_end(s, i),
        _ => relative(s, i),
    }
}

/// Months and quarters named from the issue date, longest first.
const REL_PERIODS: [(&str, Rel); 24] = [
    ("下一个季度", Rel::Quarter(1)),
    ("上一个季度", Rel::Quarter(-1)),
    ("下一季度", Rel::Quarter(1)),
    ("下个季度", Rel::Quarter(1)),
    ("上一季度", Rel::Quarter(-1)),
    ("上个季度", Rel::Quarter(-1)),
    ("本季度", Rel::Quarter(0)),
    ("当季度", Rel::Quarter(0)),
    ("下季度", Rel::Quarter(1)),
    ("次季度", Rel::Quarter(1)),
    ("上季度", Rel::Quarter(-1)),
    ("本季", Rel::Quarter(0)),
    ("当季", Rel::Quarter(0)),
    ("下一个月", Rel::Month(1)),
    ("上一个月", Rel::Month(-1)),
    ("下个月", Rel::Month(1)),
    ("上个月", Rel::Month(-1)),
    ("下一月", Rel::Month(1)),
    ("本月", Rel::Month(0)),
    ("当月", Rel::Month(0)),
    ("次月", Rel::Month(1)),
    ("下月", Rel::Month(1)),
    ("上月", Rel::Month(-1)),
    ("本季末", Rel::Quarter(0)),
];

/// 本月底 / 次月10日前 / 下月上旬 / 本季度内 / 下一季度末: a month or
/// quarter counted from the issue date, with what follows it as after a
/// month (旬, a day, 底/末) or a quarter (末/底).
fn relative_period(s: &Stream, i: usize) -> Option<(Expr, usize)> {
    // 以上月份 / 马上月…: the 上 belongs to the word before.
    if s.is(i, '上') && s.prev(i).is_some_and(|p| one_of(p, "以马向之")) {
        return None;
    }
    let (k, e) = s.first_lit(i, &REL_PERIODS.map(|(w, _)| w))?;
    let rel = REL_PERIODS.get(k)?.1;
    // 本季末 is 本季 + 末.
    let e = if k + 1 == REL_PERIODS.len() { e - 1 } else { e };
    let base = Point {
        year: Some(Year::Context(0)),
        rel: Some(rel),
        ..Point::default()
    };
    match rel {
        Rel::Quarter(_) => {
            // 本季度的 / 季节: only the period itself.
            let p = Point {
                quarter: Some(1),
                ..base
            };
            point(Some(end_marked(s, p, e)))
        }
        Rel::Month(_) => {
            let (expr, end) = month_tail(s, e, Year::Context(0), 1, false)?;
            let with_rel = |p: Point| Point {
                rel: Some(rel),
                ..p
            };
            let expr = match expr {
                Expr::Point(p) => Expr::Point(with_rel(p)),
                Expr::Range(a, b) => Expr::Range(with_rel(a), with_rel(b)),
            };
            Some((expr, end))
        }
    }
}

/// 月底 / 月末 / 月内 with nothing before it that names the month: the
/// issue date's month (月底前完成). Not after a number or a word that
/// makes it part of another (3个月底, 每月底, 逐月).
fn this_month_end(s: &Stream, i: usize) -> Option<(Expr, usize)> {
    if !s.any(i + 1, "底末内") {
        return None;
    }
    if let Some(p) = s.prev(i)
        && (p.is_ascii_alphanumeric()
            || numeral::is_chinese(p)
            || ('\u{3400}'..='\u{9fff}').contains(&p) && !one_of(p, "于在到至并前即"))
    {
        return None;
    }
    let p = Point {
        year: Some(Year::Context(0)),
        month: Some(1),
        rel: Some(Rel::Month(0)),
        ..Point::default()
    };
    if s.is(i + 1, '内') {
        return Some((Expr::Point(p), i + 1));
    }
    point(Some(end_marked(s, p, i + 1)))
}

/// 后两个季度 / 后三个月 after a year, with the count `v` read and `j` after
/// it (and 个): the last `v` quarters or months of `year`. Months need 个
/// or a Chinese numeral (`loose`).
fn trailing(s: &Stream, j: usize, year: Year, v: u32, loose: bool) -> Option<(Expr, usize)> {
    let of = |month: Option<u32>, quarter: Option<u32>| Point {
        year: Some(year),
        month,
        quarter,
        ..Point::default()
    };
    if let Some((_, e)) = s.first_lit(j, &["季度", "季"])
        && (1..=4).contains(&v)
    {
        let first = of(None, Some(5 - v));
        return Some((Expr::Range(first, of(None, Some(4))), e));
    }
    if loose && s.is(j, '月') && (1..=12).contains(&v) {
        let first = of(Some(13 - v), None);
        return Some((Expr::Range(first, of(Some(12), None)), j + 1));
    }
    None
}

/// 首季度 / 首季 / 首月: the first quarter or month of `year`.
fn first_quarter(s: &Stream, i: usize, year: Year) -> Option<(Point, usize)> {
    let (k, e) = s.first_lit(i, &["首季度", "首季", "首月", "首个月"])?;
    let p = if k < 2 {
        Point {
            year: Some(year),
            quarter: Some(1),
            ..Point::default()
        }
    } else {
        Point {
            year: Some(year),
            month: Some(1),
            ..Point::default()
        }
    };
    Some(end_marked(s, p, e))
}

/// 前两个季度 / 前三季度 / 前三个月 at `i` (on 前): from the first day of
/// `year` to the end of its Nth quarter or month (the statistical idiom;
/// "the first three months after issue" would say 印发后). After a written
/// or named year (`after_year`) also 前两月 and the last ones: 后三个月,
/// 后两个季度 (alone, 后三个月 is "three months later").
fn leading(s: &Stream, i: usize, year: Year, after_year: bool) -> Option<(Expr, usize)> {
    let last = after_year && s.is(i, '后');
    if !s.is(i, '前') && !last {
        return None;
    }
    let n = numeral::read(s, i + 1)?;
    let v = n.small()?;
    let counted = s.is(n.end, '个');
    let j = if counted { n.end + 1 } else { n.end };
    if last {
        return trailing(s, j, year, v, counted || n.chinese);
    }
    if let Some((_, e)) = s.first_lit(j, &["季度", "季"])
        && (1..=4).contains(&v)
    {
        let first = Point {
            year: Some(year),
            quarter: Some(1),
            ..Point::default()
        };
        let last = Point {
            quarter: Some(v),
            ..first
        };
        let (last, e) = end_marked(s, last, e);
        return Some((Expr::Range(first, last), e));
    }
    // 前三个月: 个 is needed (前3月 could be "before March"), but for
    // Chinese numerals after a year (1967年前两月).
    if (counted || after_year && n.chinese) && s.is(j, '月') && (1..=12).contains(&v) {
        let first = Point {
            year: Some(year),
            month: Some(1),
            ..Point::default()
        };
        let last = Point {
            month: Some(v),
            ..first
        };
        let (last, e) = end_marked(s, last, j + 1);
        return Some((Expr::Range(first, last), e));
    }
    None
}

/// Periods of a year with no fixed dates: its beginning, seasons, the
/// flood season, the heating season. After a written year they must not
/// leave the year alone: `2019年汛期前` read as `2019年` would become a
/// deadline of 2019-12-31, months after the real one.
const VAGUE_PERIODS: [&str; 36] = [
    "年初",
    "初期",
    "初",
    "主汛期",
    "汛期",
    "汛",
    "秋冬季",
    "春夏季",
    "春季",
    "夏季",
    "秋季",
    "冬季",
    "供暖季",
    "采暖季",
    "供暖期",
    "采暖期",
    "供热季",
    "旱季",
    "雨季",
    "枯水期",
    "丰水期",
    "春耕",
    "伊始",
    "中期",
    "前期",
    "后期",
    "暑假",
    "寒假",
    "暑期",
    "寒冬",
    "入冬",
    "秋冬",
    "春",
    "夏",
    "秋",
    "冬",
];

/// A [`VAGUE_PERIODS`] word at `j`, and the index after it: not 初 of
/// 初步 and other [`INITIAL_WORDS`]; 汛 only in 汛前 / 汛后 (the qualifier
/// reads 汛前's 前, as in 2019年汛期前; 汛后 is taken whole).
fn vague_period(s: &Stream, j: usize) -> Option<usize> {
    if !s.any(j, "年初主汛秋春夏冬供采旱雨枯丰伊中前后暑寒入") {
        return None;
    }
    let (_, e) = s.first_lit(j, &VAGUE_PERIODS)?;
    if s.is(e - 1, '初') && s.any(e, INITIAL_WORDS) || s.is(e - 1, '汛') && !s.any(e, "前后") {
        return None;
    }
    // 汛后 (after the flood season): no qualifier word reads a bare 后.
    if s.is(e - 1, '汛') && s.is(e, '后') {
        return Some(e + 1);
    }
    Some(e)
}

/// A festival word at `j` (see [`FEASTS`]) as a point of `year`.
fn feast(s: &Stream, j: usize, year: Year) -> Option<(Point, usize)> {
    if !matches!(
        s.at(j),
        Some('元' | '春' | '五' | '劳' | '国' | '端' | '中' | '除' | '清' | '七' | '重')
    ) {
        return None;
    }
    let (k, e) = s.first_lit(j, &FEASTS.map(|(w, _)| w))?;
    let p = Point {
        year: Some(year),
        feast: FEASTS.get(k).map(|(_, f)| *f),
        ..Point::default()
    };
    Some((p, e))
}

/// The date's suffix at `e` says "before" (前 / 以前 / 之前, not 前后). A
/// festival without a year counts as a deadline only so: alone, 春节 / 国庆
/// in prose name a holiday period (春节期间加强巡查), not a date.
fn before_follows(s: &Stream, e: usize) -> bool {
    super::suffix(s, e).0 == Some(super::Suffix::Before)
}

fn point(p: Option<(Point, usize)>) -> Option<(Expr, usize)> {
    p.map(|(p, e)| (Expr::Point(p), e))
}

/// Expressions that start with a number: years, numeric dates, months
/// without a year, quarters without a year.
fn numbered(s: &Stream, i: usize) -> Option<(Expr, usize)> {
    let n = numeral::read(s, i)?;
    if let Some(y) = n.year() {
        if s.is(n.end, '年') {
            return Some(after_year(s, n.end + 1, Year::Written(y)));
        }
        return if n.chinese { None } else { numeric(s, &n, y) };
    }
    if let Some(r) = short_year(s, &n) {
        return Some(r);
    }
    let bare = Year::Bare;
    if s.is(n.end, '月') {
        return month_tail(s, n.end + 1, bare, n.small()?, true);
    }
    month_range(s, &n, bare).or_else(|| quarters(s, i, bare))
}

/// A year written with two Arabic digits (18年底, 19年6月底前, 20年第一
/// 季度): 20NN (19NN from 70 on). Only when a month, quarter, half or
/// 底/末 follows 年: a bare `18年` is as likely a count of years (运行18年,
/// 18年以上), and `10年内` is a duration.
///
/// Spoken Chinese years digit by digit (零七年, 九零年, 二三年底) are years
/// even alone, since a count is written by value (七年, 九十年): but two
/// consecutive digits (三四年, 七八年) are "three or four years" unless a
/// month or 底 follows.
fn short_year(s: &Stream, n: &Num) -> Option<(Expr, usize)> {
    if n.digits != 2 || !s.is(n.end, '年') {
        return None;
    }
    let v = i32::try_from(n.value).ok()?;
    let (e, end) = after_year(s, n.end + 1, Year::Short(v));
    let more = end > n.end + 1;
    if n.chinese {
        let (a, b) = (v / 10, v % 10);
        let approximate = a != 0 && b == a + 1;
        // 两年: by value; 零七 / 九零 / 二三 only as digits.
        let spoken = !s.is(n.end - 1, '两') && !s.is(n.end - 2, '两');
        return (spoken && (more || !approximate)).then_some((e, end));
    }
    more.then_some((e, end))
}

/// Characters after `2018.12` that make it a quantity (2018.12万元), not a
/// year and month.
const QUANTITY: &str = "万亿元%‰个件吨米克斤亩户人次家座条台辆项倍公平千毫顷只头份张批处名位";

/// 2018-09-30 / 2018.9.30 / 2018/9/30 (a day), 2018.12 / 2019-06 (a
/// month, as ledgers write it) and 2018-2020 (a range of years). `n` is the
/// four-digit year already read.
fn numeric(s: &Stream, n: &Num, y: i32) -> Option<(Expr, usize)> {
    let sep = s.at(n.end)?;
    let part = |k: usize| numeral::read(s, k).filter(|m| !m.chinese && m.digits <= 2);
    if matches!(sep, '-' | '.' | '/')
        && let Some(m) = part(n.end + 1)
    {
        let mut p = Point {
            year: Some(Year::Written(y)),
            month: Some(m.value as u32),
            ..Point::default()
        };
        if s.is(m.end, sep)
            && let Some(d) = part(m.end + 1)
        {
            if s.is(d.end, sep) && s.digit(d.end + 1) {
                return None; // 2018.1.2.3: a version or section number
            }
            p.day = Some(d.value as u32);
            return Some((Expr::Point(p), d.end));
        }
        let month_like = (1..=12).contains(&m.value) && !s.any(m.end, QUANTITY);
        // 2019.6-2019.12 / 2019.6-12: a range of months.
        if month_like
            && sep != '-'
            && let Some(j) = separator(s, m.end)
            && let Some((r, end)) = numeric_month(s, j, y, sep)
        {
            return Some((Expr::Range(p, r), end));
        }
        if !month_like || s.is(m.end, sep) || s.any(m.end, ".-/") && s.digit(m.end + 1) {
            return None;
        }
        if let Some((_, e)) = s.first_lit(m.end, &["底", "末"]) {
            p.end_mark = true;
            return Some((Expr::Point(p), e));
        }
        return Some((Expr::Point(p), m.end));
    }
    let j = separator(s, n.end)?;
    let r = numeral::read(s, j).filter(|r| !r.chinese)?;
    let ry = r.year().filter(|ry| *ry >= y && ry - y <= 50)?;
    if s.any(r.end, "-./") && s.digit(r.end + 1) {
        return None; // 2018-2019-01: not a range of years
    }
    let end = if s.is(r.end, '年') { r.end + 1 } else { r.end };
    let left = Point::of_year(Year::Written(y));
    let right = Point::of_year(Year::Written(ry));
    Some((Expr::Range(left, right), end))
}

/// The right side of a range of numeric months at `j`, written with the
/// left side's separator `sep`: 2019.12 (a year and month) or 12 (a month
/// of the left side's year `y`); not a day (2019.12.31 is the day parser's).
fn numeric_month(s: &Stream, j: usize, y: i32, sep: char) -> Option<(Point, usize)> {
    let part = |k: usize| numeral::read(s, k).filter(|m| !m.chinese && m.digits <= 2);
    let n = numeral::read(s, j).filter(|n| !n.chinese)?;
    let (year, m) = match n.year() {
        Some(y2) if s.is(n.end, sep) => (y2, part(n.end + 1)?),
        Some(_) => return None,
        None if n.digits <= 2 => (y, n),
        None => return None,
    };
    let month_like = (1..=12).contains(&m.value) && !s.any(m.end, QUANTITY);
    if !month_like || s.any(m.end, ".-/") && s.digit(m.end + 1) {
        return None;
    }
    let p = Point {
        year: Some(Year::Written(year)),
        month: Some(m.value as u32),
        ..Point::default()
    };
    Some((p, m.end))
}

/// What follows `年` (at `j`): 底/末, 度, 上/下半年, 前N季度, 第N季度,
/// N月…, N-M月; else the year alone.
fn after_year(s: &Stream, j: usize, year: Year) -> (Expr, usize) {
    let yp = Point::of_year(year);
    let end_mark = Point {
        end_mark: true,
        ..yp
    };
    if let Some((_, e)) = s.first_lit(j, &["年底", "年末", "底", "末"]) {
        return (Expr::Point(end_mark), e);
    }
    if let Some(e) = s.lit(j, "度") {
        return match s.first_lit(e, &["底", "末"]) {
            Some((_, e2)) => (Expr::Point(end_mark), e2),
            None => (Expr::Point(yp), e),
        };
    }
    if let Some((p, e)) = half(s, j, year) {
        return (Expr::Point(p), e);
    }
    // 2019年年中: the middle of the year, i.e. the end of its first half.
    // (Only with 年 written twice: 2019年中央… is 中央.)
    if let Some(e) = s.lit(j, "年中") {
        let p = Point {
            half: Some(1),
            end_mark: true,
            ..yp
        };
        return (Expr::Point(p), e);
    }
    if let Some((p, e)) = feast(s, j, year) {
        return (Expr::Point(p), e);
    }
    // 2019年中: as 2019年年中, where the text ends or a deadline word
    // follows (2019年中央… is 中央).
    if s.is(j, '中') && mid_ends(s, j + 1) {
        let p = Point {
            half: Some(1),
            end_mark: true,
            ..yp
        };
        return (Expr::Point(p), j + 1);
    }
    if let Some(e) = vague_period(s, j) {
        let p = Point { vague: true, ..yp };
        return (Expr::Point(p), e);
    }
    if let Some(r) = leading(s, j, year, true) {
        return r;
    }
    if let Some((p, e)) = first_quarter(s, j, year) {
        return (Expr::Point(p), e);
    }
    let k = if s.is(j, '第') { j + 1 } else { j };
    if let Some(r) = quarters(s, k, year) {
        return r;
    }
    // Months: N月…, N-M月 (with no 第).
    if k == j
        && let Some(n) = numeral::read(s, j)
    {
        if s.is(n.end, '月')
            && let Some(v) = n.small()
            && let Some(r) = month_tail(s, n.end + 1, year, v, false)
        {
            return r;
        }
        if let Some(r) = month_range(s, &n, year) {
            return r;
        }
    }
    (Expr::Point(yp), j)
}

/// What follows `N月` (at `j`): 份, 底/末, 上/中/下旬, D日, D-E日; else the
/// month alone. A month without a written year (`bare`) must be 1–12.
fn month_tail(s: &Stream, j: usize, year: Year, m: u32, bare: bool) -> Option<(Expr, usize)> {
    if bare && !(1..=12).contains(&m) {
        return None;
    }
    let mp = Point {
        year: Some(year),
        month: Some(m),
        ..Point::default()
    };
    let j = if s.is(j, '份') { j + 1 } else { j };
    if let Some((_, e)) = s.first_lit(j, &["底", "末"]) {
        let p = Point {
            end_mark: true,
            ..mp
        };
        return Some((Expr::Point(p), e));
    }
    let xun = |x: u32| Point { xun: Some(x), ..mp };
    // 上中旬 / 中下旬: two 旬 with one 旬 written.
    if let Some((k, e)) = s.first_lit(j, &["上中旬", "中下旬"]) {
        let x = k as u32 + 1;
        return Some((Expr::Range(xun(x), xun(x + 1)), e));
    }
    if let Some((k, e)) = s.first_lit(j, &["上旬", "中旬", "下旬"]) {
        return Some((Expr::Point(xun(k as u32 + 1)), e));
    }
    // 9月初: the month's beginning, read as its first 旬 (but 9月初步完成
    // is "preliminarily", and 初期/初稿/… are words of their own).
    if s.is(j, '初') && !s.any(j + 1, INITIAL_WORDS) {
        return Some((Expr::Point(xun(1)), j + 1));
    }
    // 9月中: the middle 旬, only where the text ends or a deadline word
    // follows (9月中前, 9月中完成); elsewhere 中 starts a word (9月中央…)
    // or means "during" (在9月中检查).
    if s.is(j, '中') && mid_ends(s, j + 1) {
        return Some((Expr::Point(xun(2)), j + 1));
    }
    let day = |d: u32| Point { day: Some(d), ..mp };
    if let Some(n) = numeral::read(s, j)
        && let Some(d) = n.small()
    {
        if s.any(n.end, "日号") {
            return Some((Expr::Point(day(d)), time_of_day(s, n.end + 1)));
        }
        if let Some(k) = separator(s, n.end)
            && let Some(n2) = numeral::read(s, k)
            && let Some(d2) = n2.small()
            && s.any(n2.end, "日号")
        {
            return Some((Expr::Range(day(d), day(d2)), n2.end + 1));
        }
    }
    Some((Expr::Point(mp), j))
}

/// Characters after 初 that make it a word, not "the beginning of": 初步,
/// 初期, 初稿, 初次, 初审, 初级, 初始, 初创, 初具, 初设, 初见, 初定, 初核,
/// 初筛, 初验, 初评, 初心, 初中.
const INITIAL_WORDS: &str = "步期稿次审级始创具设见定核筛验评心中";

/// What may follow 月中 for it to be a date: the before words, the end of
/// a clause.
const MID_ENDS: &str = "前以之，,。；;、)）";

/// What may follow 中 (9月中, 2019年中) for it to mean "the middle of":
/// the end of the text, [`MID_ENDS`] or a completion verb.
fn mid_ends(s: &Stream, k: usize) -> bool {
    s.at(k).is_none_or(|c| one_of(c, MID_ENDS)) || super::completes(s, k)
}

/// Index past a time of day after a day (24时, 18点, 17:30), which does
/// not change the calendar day: 2018年10月31日24时前 is still 10-31.
fn time_of_day(s: &Stream, j: usize) -> usize {
    let Some(h) = numeral::read(s, j).filter(|h| h.small().is_some_and(|v| v <= 24)) else {
        return j;
    };
    if s.any(h.end, "时点") {
        return h.end + 1;
    }
    if s.any(h.end, ":：")
        && let Some(m) = numeral::read(s, h.end + 1).filter(|m| m.digits == 2)
    {
        return m.end;
    }
    j
}

/// N-M月 (1-7月, 10至12月): a range of months of one year.
fn month_range(s: &Stream, n: &Num, year: Year) -> Option<(Expr, usize)> {
    let a = n.small().filter(|a| (1..=12).contains(a))?;
    let k = separator(s, n.end)?;
    let n2 = numeral::read(s, k)?;
    let b = n2.small().filter(|b| (1..=12).contains(b))?;
    if !s.is(n2.end, '月') {
        return None;
    }
    let month = |m: u32| Point {
        year: Some(year),
        month: Some(m),
        ..Point::default()
    };
    Some((Expr::Range(month(a), month(b)), n2.end + 1))
}

/// `p` ending at `e`, with a following 末/底 marking its end (三季度末).
fn end_marked(s: &Stream, p: Point, e: usize) -> (Point, usize) {
    match s.first_lit(e, &["末", "底"]) {
        Some((_, e2)) => (
            Point {
                end_mark: true,
                ..p
            },
            e2,
        ),
        None => (p, e),
    }
}

/// N季度 (after an optional 第, already passed), with 末/底.
fn quarter(s: &Stream, n: &Num, year: Year) -> Option<(Point, usize)> {
    let q = n.small().filter(|q| (1..=4).contains(q))?;
    let e = s.lit(n.end, "季度")?;
    let p = Point {
        year: Some(year),
        quarter: Some(q),
        ..Point::default()
    };
    Some(end_marked(s, p, e))
}

/// A quarter at `k` (after an optional 第, already passed), or a list or
/// range of quarters written with one 季度 (第三、四季度, 一、二、三季度,
/// 二至四季度, 第二至第四季度): from the first quarter to the last. A list
/// must name consecutive quarters, so the range covers exactly what it
/// names; 一、三季度 is refused rather than widened to 一至三. Lists are
/// Chinese numerals only: `2、3季度` is item 2 of a numbered list.
fn quarters(s: &Stream, k: usize, year: Year) -> Option<(Expr, usize)> {
    let first = numeral::read(s, k)?;
    if let Some((p, e)) = quarter(s, &first, year) {
        return Some((Expr::Point(p), e));
    }
    let q1 = first.small().filter(|q| (1..=3).contains(q))?;
    let (mut prev, mut end) = (q1, first.end);
    // Each step names a later quarter, so this runs at most three times.
    loop {
        // Arabic `2、` numbers a list item (2、3季度完成…).
        let listed = first.chinese && s.is(end, '、');
        let j = if listed { end + 1 } else { separator(s, end)? };
        let j = if s.is(j, '第') { j + 1 } else { j };
        let n = numeral::read(s, j)?;
        let q = n.small()?;
        if q <= prev || q > 4 || listed && q != prev + 1 {
            return None;
        }
        if let Some((last, e)) = quarter(s, &n, year) {
            let first = Point {
                year: Some(year),
                quarter: Some(q1),
                ..Point::default()
            };
            return Some((Expr::Range(first, last), e));
        }
        (prev, end) = (q, n.end);
    }
}

/// 上半年 / 下半年 (度), with 末/底.
fn half(s: &Stream, j: usize, year: Year) -> Option<(Point, usize)> {
    let (k, e) = s.first_lit(j, &["上半年度", "下半年度", "上半年", "下半年"])?;
    let p = Point {
        year: Some(year),
        half: Some(if k % 2 == 0 { 1 } else { 2 }),
        ..Point::default()
    };
    Some(end_marked(s, p, e))
}

/// Characters that, before a bare 年, make it part of another word
/// (全年, 近年, 每年, 半年, 当年 …) rather than "this year".
const NOT_BEFORE_BARE_YEAR: &str = "全近历多半周常往同每前去今明本当次上下后整逐跨该新成少青老";

/// 年内 / 年底 / 年末 with no year written: the document's year.
fn bare_year(s: &Stream, i: usize) -> Option<(Expr, usize)> {
    if !s.any(i + 1, "内底末") {
        return None;
    }
    if let Some(p) = s.prev(i)
        && (p.is_ascii_digit() || numeral::is_chinese(p) || one_of(p, NOT_BEFORE_BARE_YEAR))
    {
        return None;
    }
    Some(after_year(s, i + 1, Year::Bare))
}

/// 今年 / 本年 / 当年 (this year), 明年 / 次年 (next year), 去年 / 上年 /
/// 前年 (past years), with whatever follows them as after a written year.
/// Past years matter as much as future ones: in 停留在去年7月 the month is
/// last year's, and reading it alone would resolve it against this year.
fn relative(s: &Stream, i: usize) -> Option<(Expr, usize)> {
    const WORDS: [(&str, i32); 11] = [
        ("上一年", -1),
        ("下一年", 1),
        ("后年", 2),
        ("今年", 0),
        ("本年", 0),
        ("当年", 0),
        ("明年", 1),
        ("次年", 1),
        ("去年", -1),
        ("上年", -1),
        ("前年", -2),
    ];
    // Checked before the list is tried: most characters start no word.
    if !matches!(
        s.at(i),
        Some('今' | '本' | '当' | '明' | '次' | '去' | '上' | '前' | '下' | '后')
    ) {
        return None;
    }
    let (k, e) = s.first_lit(i, &WORDS.map(|(w, _)| w))?;
    let off = WORDS.get(k).map_or(0, |(_, o)| *o);
    Some(after_year(s, e, Year::Context(off)))
}

/// The right side of a range after the separator at `j`. Its omitted year
/// (and, for a day, month) is the left side's.
fn right(s: &Stream, j: usize, left: &Point) -> Option<(Point, usize)> {
    // 第一季度至第三季度
    let j = if left.quarter.is_some() && s.is(j, '第') {
        j + 1
    } else {
        j
    };
    // 11月至次年3月: the year after the left side's.
    if let Some((_, e)) = s.first_lit(j, &["次年", "翌年", "第二年", "明年"]) {
        let year = match left.year? {
            Year::Written(y) => Year::Written(y + 1),
            Year::Short(v) => Year::Short(v + 1),
            Year::Context(k) => Year::Context(k + 1),
            Year::Bare => Year::Context(1),
        };
        let (Expr::Point(p), end) = after_year(s, e, year) else {
            return None;
        };
        return (p.grain() != Grain::Year || p.end_mark).then_some((p, end));
    }
    let n = numeral::read(s, j)?;
    let (mut p, end, year_written) = if let Some(y) = n.year() {
        let (e, end) = if s.is(n.end, '年') {
            after_year(s, n.end + 1, Year::Written(y))
        } else if !n.chinese {
            numeric(s, &n, y)?
        } else {
            return None;
        };
        let Expr::Point(p) = e else { return None };
        (p, end, true)
    } else {
        let v = n.small()?;
        let inherit = left.year?;
        if s.is(n.end, '月') && left.month.is_some() {
            let (e, end) = month_tail(s, n.end + 1, inherit, v, false)?;
            let Expr::Point(p) = e else { return None };
            (p, end, false)
        } else if s.any(n.end, "日号") && left.day.is_some() {
            let p = Point {
                day: Some(v),
                ..Point::default()
            };
            (p, n.end + 1, false)
        } else if left.quarter.is_some() {
            let (p, end) = quarter(s, &n, inherit)?;
            (p, end, false)
        } else {
            return None;
        }
    };
    if !year_written {
        p.year = left.year;
        p.year_from_left = true;
    }
    if p.day.is_some() && p.month.is_none() {
        p.month = left.month;
    }
    Some((p, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y2018() -> Anchor {
        Anchor {
            year: Some(2018),
            issued: None,
        }
    }

    fn parse(text: &str) -> Option<(Expr, String)> {
        let s = Stream::new(text);
        expr(&s, 0).map(|(e, end)| (e, s.slice(0, end).to_string()))
    }

    fn days(text: &str) -> Option<(String, String)> {
        let (e, _) = parse(text)?;
        let (a, b) = match e {
            Expr::Point(p) => bounds(&p, y2018()).ok()?,
            Expr::Range(l, r) => (bounds(&l, y2018()).ok()?.0, bounds(&r, y2018()).ok()?.1),
        };
        Some((a.to_string(), b.to_string()))
    }

    #[test]
    fn points_resolve_to_their_first_and_last_days() {
        let d = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(days("2018年底"), d("2018-01-01", "2018-12-31"));
        assert_eq!(days("2020年2月底"), d("2020-02-01", "2020-02-29"));
        assert_eq!(days("2019年2月"), d("2019-02-01", "2019-02-28"));
        assert_eq!(days("2019年第二季度"), d("2019-04-01", "2019-06-30"));
        assert_eq!(days("四季度"), d("2018-10-01", "2018-12-31"));
        assert_eq!(days("2019年下半年"), d("2019-07-01", "2019-12-31"));
        assert_eq!(days("9月中旬"), d("2018-09-11", "2018-09-20"));
        assert_eq!(days("2018.9.30"), d("2018-09-30", "2018-09-30"));
        assert_eq!(days("明年3月"), d("2019-03-01", "2019-03-31"));
        assert_eq!(days("2018.12"), d("2018-12-01", "2018-12-31"));
        assert_eq!(days("2019-06底"), d("2019-06-01", "2019-06-30"));
        assert_eq!(days("2019年年中"), d("2019-01-01", "2019-06-30"));
        assert_eq!(days("去年7月"), d("2017-07-01", "2017-07-31"));
        assert_eq!(days("上年同期"), d("2017-01-01", "2017-12-31"));
    }

    #[test]
    fn ranges_inherit_from_the_left() {
        let d = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(days("2018年8月25日—9月15日"), d("2018-08-25", "2018-09-15"));
        assert_eq!(days("2019年6月10日到20日"), d("2019-06-10", "2019-06-20"));
        assert_eq!(days("2018年1-7月"), d("2018-01-01", "2018-07-31"));
        assert_eq!(days("2018-2020"), d("2018-01-01", "2020-12-31"));
        assert_eq!(days("2018年前三季度"), d("2018-01-01", "2018-09-30"));
        assert_eq!(days("2018.9.1-2018.10.31"), d("2018-09-01", "2018-10-31"));
        assert_eq!(days("2019.6-2019.12"), d("2019-06-01", "2019-12-31"));
        assert_eq!(days("2019.6-12"), d("2019-06-01", "2019-12-31"));
        assert_eq!(days("2019/11～2020/3"), d("2019-11-01", "2020-03-31"));
        assert_eq!(parse("2019.6-2019.12.31").map(|p| p.1), None);
        assert_eq!(
            days("2018年9月起至2019年6月"),
            d("2018-09-01", "2019-06-30")
        );
    }

    #[test]
    fn the_expression_ends_where_the_date_ends() {
        assert_eq!(parse("2018年14个城市").map(|p| p.1), Some("2018年".into()));
        assert_eq!(
            parse("2018年10月31日24时前").map(|p| p.1),
            Some("2018年10月31日24时".into())
        );
        assert_eq!(
            parse("9月30日17:30").map(|p| p.1),
            Some("9月30日17:30".into())
        );
        assert_eq!(parse("9月30日12个").map(|p| p.1), Some("9月30日".into()));
        assert_eq!(parse("2018年底到位").map(|p| p.1), Some("2018年底".into()));
        assert_eq!(
            parse("2018 年 12 月 31 日前").map(|p| p.1),
            Some("2018 年 12 月 31 日".into())
        );
    }

    #[test]
    fn not_dates() {
        assert_eq!(parse("14个"), None);
        assert_eq!(parse("15年以上"), None);
        assert_eq!(parse("四季"), None);
        assert_eq!(parse("2018.1.2.3"), None);
        assert_eq!(parse("2018.12万元"), None);
        assert_eq!(parse("2018.5.6.7"), None);
        assert_eq!(parse("2018.13"), None);
    }

    #[test]
    fn lists_festivals_short_years_and_parts_of_months() {
        let d = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(days("第三、四季度"), d("2018-07-01", "2018-12-31"));
        assert_eq!(days("二至四季度"), d("2018-04-01", "2018-12-31"));
        assert_eq!(days("2020年春节前"), d("2020-01-25", "2020-01-25"));
        assert_eq!(days("2019年国庆节"), d("2019-10-01", "2019-10-01"));
        assert_eq!(days("五一前"), d("2018-05-01", "2018-05-01"));
        assert_eq!(days("19年底"), d("2019-01-01", "2019-12-31"));
        assert_eq!(days("99年6月"), d("1999-06-01", "1999-06-30"));
        assert_eq!(days("9月初"), d("2018-09-01", "2018-09-10"));
        assert_eq!(days("9月上中旬"), d("2018-09-01", "2018-09-20"));
        let text = |t: &str| parse(t).map(|p| p.1);
        // Not dates, or only partly.
        assert_eq!(text("一、三季度"), None);
        assert_eq!(text("2、3季度"), None);
        assert_eq!(text("18年以上"), None);
        assert_eq!(text("18年"), None);
        assert_eq!(text("春节期间"), None);
        assert_eq!(text("春节前后"), None);
        assert_eq!(text("9月初步"), Some("9月".into()));
        assert_eq!(text("9月中央"), Some("9月".into()));
        assert_eq!(text("9月中检查"), Some("9月".into()));
        assert_eq!(text("2021年中央"), Some("2021年".into()));
        assert_eq!(text("2019年初步"), Some("2019年".into()));
        assert_eq!(text("2019年汛情"), Some("2019年".into()));
    }

    #[test]
    fn vague_periods_keep_their_words_and_no_dates() {
        for (t, whole) in [
            ("2019年汛期前", "2019年汛期"),
            ("2019年汛前", "2019年汛"),
            ("2019年汛后", "2019年汛后"),
            ("2019年初", "2019年初"),
            ("2019年年初", "2019年年初"),
            ("2019年秋冬季", "2019年秋冬季"),
            ("明年采暖季前", "明年采暖季"),
        ] {
            let s = Stream::new(t);
            let Some((Expr::Point(p), end)) = expr(&s, 0) else {
                panic!("{t}: not parsed")
            };
            assert_eq!(s.slice(0, end), whole);
            assert_eq!(bounds(&p, y2018()), Err(Unresolved::Vague), "{t}");
        }
        assert_eq!(
            days("2019年中"),
            Some(("2019-01-01".into(), "2019-06-30".into()))
        );
    }

    #[test]
    fn no_festival_spelling_hides_a_later_one() {
        for (i, (a, _)) in FEASTS.iter().enumerate() {
            for (b, _) in &FEASTS[i + 1..] {
                assert!(!b.starts_with(a), "{a} hides {b}");
            }
        }
    }

    #[test]
    fn spring_festival_table() {
        let day = |y| Feast::SpringFestival.day(y);
        assert_eq!(day(2000), Some((2, 5)));
        assert_eq!(day(2018), Some((2, 16)));
        assert_eq!(day(2024), Some((2, 10)));
        assert_eq!(day(2050), Some((1, 23)));
        assert_eq!(day(1999), None);
        assert_eq!(day(2051), None);
        // Always between 21 January and 20 February.
        for y in 2000..=2050 {
            let (m, d) = day(y).unwrap_or((0, 0));
            assert!((m, d) >= (1, 21) && (m, d) <= (2, 20), "{y}: {m}-{d}");
        }
        let s = Stream::new("2060年春节前");
        let Some((Expr::Point(p), _)) = expr(&s, 0) else {
            panic!("not parsed")
        };
        assert_eq!(bounds(&p, Anchor::default()), Err(Unresolved::NoFeastDay));
    }

    #[test]
    fn impossible_dates_do_not_resolve() {
        let s = Stream::new("2018年2月30日");
        let Some((Expr::Point(p), _)) = expr(&s, 0) else {
            panic!("not parsed")
        };
        assert_eq!(bounds(&p, Anchor::default()), Err(Unresolved::Invalid));
        let s = Stream::new("9月30日");
        let Some((Expr::Point(p), _)) = expr(&s, 0) else {
            panic!("not parsed")
        };
        assert_eq!(bounds(&p, Anchor::default()), Err(Unresolved::NoYear));
    }
}
