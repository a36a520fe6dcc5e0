//! List numbers in the formats documents name (OOXML `w:numFmt`:
//! decimal, Chinese counting, enclosed, letters, Roman…). The DOCX reader
//! numbers its list paragraphs with them, and the HTML reader its `<ol>`
//! items (`type`, `list-style-type`), so they live here, not in either.

const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CN_LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const HEAVENLY_STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const EARTHLY_BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// Format `n` in an OOXML `w:numFmt`; unknown formats fall back to
/// decimal, which is what Word does too.
pub(crate) fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .filter_map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => {
            enclosed(n, 0x2460, 20).unwrap_or_else(|| n.to_string())
        }
        "decimalEnclosedParen" => enclosed(n, 0x2474, 20).unwrap_or_else(|| format!("({n})")),
        "decimalEnclosedFullstop" => enclosed(n, 0x2488, 20).unwrap_or_else(|| format!("{n}.")),
        "lowerLetter" => letters(n, 'a'),
        "upperLetter" => letters(n, 'A'),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "koreanCounting" => chinese_counting(n, &CN_DIGITS, "十百千"),
        "chineseLegalSimplified" => chinese_counting(n, &CN_LEGAL, "拾佰仟"),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .filter_map(|c| c.to_digit(10).and_then(|d| CN_DIGITS.get(d as usize)))
            .collect(),
        "ideographTraditional" => cycle(n, &HEAVENLY_STEMS),
        "ideographZodiac" => cycle(n, &EARTHLY_BRANCHES),
        _ => n.to_string(),
    }
}

fn enclosed(n: u32, first: u32, count: u32) -> Option<String> {
    (1..=count)
        .contains(&n)
        .then(|| char::from_u32(first + n - 1))
        .flatten()
        .map(String::from)
}

fn cycle(n: u32, set: &[char]) -> String {
    if n == 0 || set.is_empty() {
        return n.to_string();
    }
    let i = ((n - 1) as usize) % set.len();
    set.get(i).map(|c| c.to_string()).unwrap_or_default()
}

/// a, b, …, z, aa, bb, … (Word repeats the letter).
fn letters(n: u32, base: char) -> String {
    if n == 0 {
        return "0".into();
    }
    let idx = (n - 1) % 26;
    let reps = ((n - 1) / 26 + 1).min(10) as usize;
    char::from_u32(base as u32 + idx)
        .map(|c| c.to_string().repeat(reps))
        .unwrap_or_default()
}

fn roman(mut n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (below 10000).
fn chinese_counting(n: u32, digits: &[char; 10], units: &str) -> String {
    if n == 0 || n >= 10000 {
        return n.to_string();
    }
    let units: Vec<char> = units.chars().collect();
    let ds = [n / 1000, (n / 100) % 10, (n / 10) % 10, n % 10];
    let unit_of = |pos: usize| -> Option<char> {
        match pos {
            0 => units.get(2).copied(),
            1 => units.get(1).copied(),
            2 => units.first().copied(),
            _ => None,
        }
    };
    let mut s = String::new();
    let mut zero_pending = false;
    for (pos, &d) in ds.iter().enumerate() {
        if d == 0 {
            if !s.is_empty() {
                zero_pending = true;
            }
            continue;
        }
        if zero_pending {
            // Counting writes 零 for a gap (一百零五); 〇 is a digit.
            s.push('零');
            zero_pending = false;
        }
        // 十一, not 一十一, when the number starts at the tens.
        let skip_one = pos == 2 && d == 1 && s.is_empty();
        if !skip_one {
            s.push(digits[d as usize]);
        }
        if let Some(u) = unit_of(pos) {
            s.push(u);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_other_formats() {
        assert_eq!(format_number(1, "chineseCounting"), "一");
        assert_eq!(format_number(10, "chineseCounting"), "十");
        assert_eq!(format_number(11, "chineseCounting"), "十一");
        assert_eq!(format_number(20, "chineseCountingThousand"), "二十");
        assert_eq!(format_number(105, "chineseCounting"), "一百零五");
        assert_eq!(format_number(110, "chineseCounting"), "一百一十");
        assert_eq!(format_number(3, "chineseLegalSimplified"), "叁");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(7, "decimalFullWidth"), "７");
        assert_eq!(format_number(7, "somethingElse"), "7");
    }
}
