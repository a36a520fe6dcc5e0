//! Durations counted from the document's own issue date (自印发之日起30日内,
//! 本方案印发后3个月内) as the Civil Code counts them (民法典 arts. 201–203):
//! the start day is not counted; months and years end on the same day of
//! the target month, or its last day when it has none.

use jiff::civil::{Date, Weekday};
use jiff::{Span, ToSpan};

use super::calendar::Feast;
use crate::model::DurationUnit;

/// Why a duration's end is not computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Uncounted {
    /// Hours, or a fraction that is no whole number of days or months.
    Unit,
    /// Working days whose window may hold a statutory holiday or a
    /// make-up working day, or a last day that may be a day off (art. 203):
    /// those are set each year by the State Council, and a count across
    /// them without the year's notice would be a guess.
    Holidays,
    /// Beyond the calendar.
    Overflow,
}

/// The last day of a duration of `amount` `unit`s counted from `issued`.
pub(super) fn end(issued: Date, amount: f64, unit: DurationUnit) -> Result<Date, Uncounted> {
    let whole = |a: f64| (a.fract() == 0.0 && (1.0..=10_000.0).contains(&a)).then_some(a as i64);
    let add = |sp: Span| issued.checked_add(sp).map_err(|_| Uncounted::Overflow);
    let last = match unit {
        DurationUnit::Hour => return Err(Uncounted::Unit),
        DurationUnit::Day => add(whole(amount).ok_or(Uncounted::Unit)?.days())?,
        DurationUnit::Week => add((whole(amount).ok_or(Uncounted::Unit)? * 7).days())?,
        DurationUnit::Month => add(whole(amount).ok_or(Uncounted::Unit)?.months())?,
        // 半年 = 6 months, 1.5年 = 18 months.
        DurationUnit::Year => add(whole(amount * 12.0).ok_or(Uncounted::Unit)?.months())?,
        DurationUnit::WorkingDay => {
            return working_days(issued, whole(amount).ok_or(Uncounted::Unit)?);
        }
    };
    on_a_working_day(last)
}

/// Art. 203: a last day that falls on a day off moves to the next working
/// day. A Saturday or Sunday outside the holiday seasons moves to Monday; a
/// weekday that may be a statutory holiday, or a weekend day in a season
/// (it may be a make-up working day, or start a longer break), leaves the
/// end unknown: which days are off is set each year by the State Council.
fn on_a_working_day(d: Date) -> Result<Date, Uncounted> {
    let weekend = |d: Date| matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
    if !weekend(d) {
        return if may_be_holiday(d) {
            Err(Uncounted::Holidays)
        } else {
            Ok(d)
        };
    }
    if in_holiday_season(d) {
        return Err(Uncounted::Holidays);
    }
    let mut m = d;
    while weekend(m) {
        m = m.tomorrow().map_err(|_| Uncounted::Overflow)?;
    }
    if may_be_holiday(m) || in_holiday_season(m) {
        return Err(Uncounted::Holidays);
    }
    Ok(m)
}

/// A weekday that may be a statutory day off: 元旦, 清明 (4–6 April),
/// 劳动节 (1–5 May), 国庆 (1–8 October), and the days around the lunar
/// festivals of the festival table: 春节 (the eve to the sixth day),
/// 端午 and 中秋 (two days either side). Outside the table's years every
/// date in a holiday season counts as one.
fn may_be_holiday(d: Date) -> bool {
    let md = (d.month(), d.day());
    let fixed = md == (1, 1)
        || ((4, 4)..=(4, 6)).contains(&md)
        || ((5, 1)..=(5, 5)).contains(&md)
        || ((10, 1)..=(10, 8)).contains(&md);
    if fixed {
        return true;
    }
    let near = |f: Feast, before: i64, after: i64| match f.day(d.year()) {
        Some((m, dd)) => Date::new(d.year(), m, dd).is_ok_and(|f| {
            let from = f.checked_sub(before.days()).unwrap_or(f);
            let to = f.checked_add(after.days()).unwrap_or(f);
            from <= d && d <= to
        }),
        None => in_holiday_season(d),
    };
    near(Feast::SpringFestival, 1, 6)
        || near(Feast::DragonBoat, 2, 2)
        || near(Feast::MidAutumn, 2, 2)
}

/// The `n`th working day (Monday–Friday) after `issued`, when no holiday
/// season ([`HOLIDAY_SEASONS`]) touches the days counted.
fn working_days(issued: Date, n: i64) -> Result<Date, Uncounted> {
    if n > 250 {
        return Err(Uncounted::Holidays);
    }
    let mut d = issued;
    let mut left = n;
    while left > 0 {
        d = d.tomorrow().map_err(|_| Uncounted::Overflow)?;
        if in_holiday_season(d) {
            return Err(Uncounted::Holidays);
        }
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    Ok(d)
}

/// Month-day spans (inclusive) that may hold a statutory holiday or a
/// make-up working day in some year, with a margin: 元旦 (27 December –
/// 2 January), 春节 (its date moves between 21 January and 20 February,
/// and the holiday and make-up days spread about a week either side: 1
/// January – 3 March), 清明 (1–9 April), 劳动节 (make-up days from 20
/// April to 12 May), 端午 (lunar 5/5: 28 May – 25 June, 24 May – 28 June
/// with make-up days) and 中秋 + 国庆 (lunar 8/15 falls 7 September – 6
/// October; 1–7 October; make-up days 4 September – 14 October). A
/// working-day count that crosses none of them is exact for any year.
const HOLIDAY_SEASONS: [((i8, i8), (i8, i8)); 6] = [
    ((12, 27), (12, 31)),
    ((1, 1), (3, 3)),
    ((4, 1), (4, 9)),
    ((4, 20), (5, 12)),
    ((5, 24), (6, 28)),
    ((9, 4), (10, 14)),
];

fn in_holiday_season(d: Date) -> bool {
    let md = (d.month(), d.day());
    HOLIDAY_SEASONS.iter().any(|&(a, b)| a <= md && md <= b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn civil_code_counting() {
        let from = d("2023-03-14");
        assert_eq!(end(from, 30.0, DurationUnit::Day), Ok(d("2023-04-13")));
        assert_eq!(end(from, 3.0, DurationUnit::Month), Ok(d("2023-06-14")));
        assert_eq!(
            end(d("2023-01-31"), 1.0, DurationUnit::Month),
            Ok(d("2023-02-28"))
        );
        assert_eq!(end(from, 0.5, DurationUnit::Year), Ok(d("2023-09-14")));
        assert_eq!(end(from, 2.0, DurationUnit::Week), Ok(d("2023-03-28")));
        // Art. 203: Saturday 2023-03-18 → Monday 03-20.
        assert_eq!(end(from, 4.0, DurationUnit::Day), Ok(d("2023-03-20")));
        // 2023-10-02 is a National Day holiday: not known when it ends.
        assert_eq!(
            end(d("2023-09-02"), 30.0, DurationUnit::Day),
            Err(Uncounted::Holidays)
        );
        // 2023-06-22 is 端午.
        assert_eq!(
            end(d("2023-05-22"), 1.0, DurationUnit::Month),
            Err(Uncounted::Holidays)
        );
        assert_eq!(end(from, 5.0, DurationUnit::Hour), Err(Uncounted::Unit));
        assert_eq!(end(from, 0.5, DurationUnit::Month), Err(Uncounted::Unit));
    }

    #[test]
    fn working_days_skip_weekends_and_refuse_holiday_seasons() {
        let monday = d("2023-03-06");
        assert_eq!(
            end(monday, 10.0, DurationUnit::WorkingDay),
            Ok(d("2023-03-20"))
        );
        // Friday + 1 working day = Monday.
        assert_eq!(
            end(d("2023-03-10"), 1.0, DurationUnit::WorkingDay),
            Ok(d("2023-03-13"))
        );
        assert_eq!(
            end(d("2023-09-20"), 10.0, DurationUnit::WorkingDay),
            Err(Uncounted::Holidays)
        );
    }
}
