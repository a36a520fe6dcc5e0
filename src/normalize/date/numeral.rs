//! Numbers as plans write them: Arabic (`2018`, `９`), Chinese digit by
//! digit (`二〇一八`) and Chinese by value (`十二`, `二十九`, `两`).

use super::stream::Stream;

/// A number read from the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Num {
    /// The value (saturating for absurdly long digit runs).
    pub value: u64,
    /// How many digits were written: `2018` and `二〇一八` have 4; Chinese
    /// by-value forms (`二十九`) have 0, since they cannot be years.
    pub digits: usize,
    /// Index just past the number.
    pub end: usize,
    /// Written in Chinese numerals.
    pub chinese: bool,
}

impl Num {
    /// The number as a written four-digit year in a plausible range.
    pub fn year(&self) -> Option<i32> {
        let plausible = (1900..=2100).contains(&self.value);
        (self.digits == 4 && plausible).then_some(self.value as i32)
    }

    /// The value when it is a small count or calendar field (≤ 99) that is
    /// not a digit-by-digit Chinese sequence longer than two.
    pub fn small(&self) -> Option<u32> {
        (self.value <= 99 && self.digits <= 2).then_some(self.value as u32)
    }
}

/// Chinese characters that can form a number.
pub(super) const CHINESE: &str = "〇零一二三四五六七八九十百两";

/// The value of one Chinese digit character.
fn chinese_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The character at `i` starts a number (Arabic digit or Chinese numeral).
pub(super) fn starts_number(s: &Stream, i: usize) -> bool {
    s.digit(i) || s.any(i, CHINESE)
}

/// Index just past the run of number characters (of one script) at `i`.
pub(super) fn run_end(s: &Stream, i: usize) -> usize {
    let arabic = s.digit(i);
    let mut j = i;
    while j < s.len() && (j == i || !s.gap(j)) {
        let more = if arabic {
            s.digit(j)
        } else {
            s.any(j, CHINESE)
        };
        if !more {
            break;
        }
        j += 1;
    }
    j.max(i + 1)
}

/// Read the number starting at `i`, if one starts there.
pub(super) fn read(s: &Stream, i: usize) -> Option<Num> {
    if s.digit(i) {
        return Some(read_arabic(s, i));
    }
    if !s.any(i, CHINESE) {
        return None;
    }
    let end = run_end(s, i);
    let chars = || (i..end).filter_map(|k| s.at(k));
    let (value, digits) = if chars().any(|c| matches!(c, '十' | '百')) {
        (chinese_value(chars())?, 0)
    } else {
        let mut v: u64 = 0;
        for c in chars() {
            v = v.saturating_mul(10).saturating_add(chinese_digit(c)?);
        }
        (v, end - i)
    };
    Some(Num {
        value,
        digits,
        end,
        chinese: true,
    })
}

/// An Arabic digit run (a gap ends it).
fn read_arabic(s: &Stream, i: usize) -> Num {
    let end = run_end(s, i);
    let value = (i..end)
        .filter_map(|k| s.at(k).and_then(|c| c.to_digit(10)))
        .fold(0u64, |v, d| v.saturating_mul(10).saturating_add(u64::from(d)));
    Num {
        value,
        digits: end - i,
        end,
        chinese: false,
    }
}

/// Chinese by-value numerals: 十 = 10, 十二 = 12, 二十九 = 29, 一百零五 = 105.
/// `None` for sequences that are not one number (十三五, 二三十).
fn chinese_value(chars: impl Iterator<Item = char>) -> Option<u64> {
    let mut total: u64 = 0;
    let mut cur: Option<u64> = None;
    let mut last_unit = u64::MAX;
    for c in chars {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '〇' | '零' => {
                cur = None;
                continue;
            }
            _ => {
                if cur.is_some() {
                    return None;
                }
                cur = Some(chinese_digit(c)?);
                continue;
            }
        };
        if unit >= last_unit {
            return None;
        }
        total += cur.take().unwrap_or(1) * unit;
        last_unit = unit;
    }
    Some(total + cur.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> Option<(u64, usize)> {
        let s = Stream::new(text);
        read(&s, 0).map(|n| (n.value, n.digits))
    }

    #[test]
    fn arabic_and_full_width() {
        assert_eq!(num("2018年"), Some((2018, 4)));
        assert_eq!(num("２０１９"), Some((2019, 4)));
        assert_eq!(num("20 18"), Some((20, 2)));
    }

    #[test]
    fn chinese_forms() {
        assert_eq!(num("二〇一八年"), Some((2018, 4)));
        assert_eq!(num("二零二零"), Some((2020, 4)));
        assert_eq!(num("十二月"), Some((12, 0)));
        assert_eq!(num("二十九日"), Some((29, 0)));
        assert_eq!(num("三十一"), Some((31, 0)));
        assert_eq!(num("十"), Some((10, 0)));
        assert_eq!(num("两个"), Some((2, 1)));
        assert_eq!(num("一百零五"), Some((105, 0)));
    }

    #[test]
    fn not_one_number() {
        assert_eq!(num("十三五"), None);
        assert_eq!(num("十十"), None);
        assert_eq!(num("年"), None);
    }

    #[test]
    fn year_and_small() {
        let s = Stream::new("2018");
        let n = read(&s, 0);
        assert_eq!(n.and_then(|n| n.year()), Some(2018));
        assert_eq!(n.and_then(|n| n.small()), None);
        let s = Stream::new("3000");
        assert_eq!(read(&s, 0).and_then(|n| n.year()), None);
    }
}
