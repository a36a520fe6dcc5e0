//! Leader / responsible / contact texts → [`Person`]s.
//!
//! A field is cut into pieces at top-level separators (、，；, spaces —
//! never inside brackets); a piece that is only a title (市委常委) lends it
//! to the next piece, one that is only a remark (负责…) or a phone number
//! belongs to the person before. Each piece yields its names (glued names
//! split with a surname table: 罗伟杨真平 → 罗伟, 杨真平), a title from the
//! brackets or written before/after the name, a scope from other remarks
//! and a phone number.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::diag::Diagnostic;
use crate::model::Person;

/// Common surnames (roughly the hundred most frequent): a glued split whose
/// parts start with these is preferred.
const SURNAMES_COMMON: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";

/// Less frequent single-character surnames.
const SURNAMES_OTHER: &str = "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由凡晏";

/// Two-character surnames; a four-character name starting with one is one
/// name (欧阳明华), not two.
const SURNAMES_COMPOUND: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "钟离", "闻人", "澹台", "南宫", "西门", "呼延", "端木", "百里", "东郭",
    "万俟", "独孤", "申屠", "太史", "公羊", "赫连", "司空",
];

/// Endings of a post title (副秘书长, 专职副主任, 副调研员).
const TITLE_ENDS: &[&str] = &[
    "长",
    "书记",
    "主任",
    "调研员",
    "巡视员",
    "委员",
    "主席",
    "干部",
    "科员",
    "专员",
    "常委",
    "组长",
    "负责人",
    "助理",
    "总监",
    "工程师",
    "总工",
    "秘书",
    "经理",
    "董事",
    "主管",
    "联络员",
    "工作人员",
    "办事员",
    "督察员",
    "顾问",
    "指导员",
    "教导员",
    "政委",
    "参事",
    "监事",
    "员",
];

/// Characters a post title may start with when written after a name
/// (李四副局长).
const TITLE_STARTS: &str = "副正常党总主首市县区省局委书秘调巡处科部队所站院校组专干办镇乡村街";

/// Characters that do not end a person's name (they start a title):
/// 副长局委市县区省主书记部处科党办.
fn not_in_name(c: char) -> bool {
    matches!(
        c,
        '副' | '长'
            | '局'
            | '委'
            | '市'
            | '县'
            | '区'
            | '省'
            | '主'
            | '书'
            | '记'
            | '部'
            | '处'
            | '科'
            | '党'
            | '办'
    )
}

/// Words that start a remark about what the person covers.
const SCOPE_WORDS: &[&str] = &[
    "具体负责",
    "主要负责",
    "负责",
    "分管",
    "主抓",
    "协助",
    "联系",
    "牵头",
    "包干",
];

/// Labels in front of a phone number.
const PHONE_LABELS: &[&str] = &[
    "联系电话",
    "联系方式",
    "电话号码",
    "办公电话",
    "手机号码",
    "手机号",
    "手机",
    "电话",
    "座机",
    "Tel",
    "TEL",
    "tel",
];

/// Every single-character surname with its weight (2 common, 1 other),
/// sorted by character: a binary search instead of a substring search of
/// the long surname strings for every character asked about.
static SURNAME_WEIGHTS: LazyLock<Vec<(char, u32)>> = LazyLock::new(|| {
    let mut v: Vec<(char, u32)> = SURNAMES_COMMON
        .chars()
        .map(|c| (c, 2))
        .chain(SURNAMES_OTHER.chars().map(|c| (c, 1)))
        .collect();
    // Heaviest first within a character, so the dedup keeps it.
    v.sort_by_key(|&(c, w)| (c, std::cmp::Reverse(w)));
    v.dedup_by_key(|&mut (c, _)| c);
    v
});

/// The two-character surnames as character pairs, sorted for a binary
/// search (every entry has exactly two characters; a test checks).
static COMPOUND_PAIRS: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    let mut v: Vec<(char, char)> = SURNAMES_COMPOUND
        .iter()
        .filter_map(|s| {
            let mut cs = s.chars();
            Some((cs.next()?, cs.next()?))
        })
        .collect();
    v.sort_unstable();
    v
});

fn surname_weight(c: char) -> u32 {
    SURNAME_WEIGHTS
        .binary_search_by_key(&c, |&(k, _)| k)
        .ok()
        .and_then(|k| SURNAME_WEIGHTS.get(k))
        .map_or(0, |&(_, w)| w)
}

/// Whether `s` starts with a two-character surname (欧阳明华).
fn starts_with_compound(s: &str) -> bool {
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(a), Some(b)) => is_compound(a, b),
        _ => false,
    }
}

/// Whether `a` `b` spell a two-character surname.
fn is_compound(a: char, b: char) -> bool {
    COMPOUND_PAIRS.binary_search(&(a, b)).is_ok()
}

/// The last character of some [`TITLE_ENDS`] entry: a cheap first test
/// before the endings are compared one by one (a test checks the list).
fn may_end_title(c: char) -> bool {
    matches!(
        c,
        '长' | '记'
            | '任'
            | '员'
            | '席'
            | '部'
            | '委'
            | '人'
            | '理'
            | '监'
            | '师'
            | '工'
            | '书'
            | '事'
            | '管'
            | '问'
    )
}

/// The first character of some [`SCOPE_WORDS`] entry (a test checks the
/// list).
fn may_start_scope(c: char) -> bool {
    matches!(c, '具' | '主' | '负' | '分' | '协' | '联' | '牵' | '包')
}

/// Whether any [`SCOPE_WORDS`] entry occurs in `s`.
fn has_scope_word(s: &str) -> bool {
    super::contains_word(s, SCOPE_WORDS, may_start_scope)
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

fn is_sep(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '；' | ';' | '。' | '\n' | '/' | '／') || c.is_whitespace()
}

/// Whether `s` reads as a post title.
fn is_title(s: &str) -> bool {
    s.chars().next_back().is_some_and(may_end_title)
        && (2..=24).contains(&char_count(s))
        && TITLE_ENDS.iter().any(|e| s.ends_with(e))
        && !has_scope_word(s)
        && !s.contains('级')
}

/// Whether `s` is one plausible person name (2–3 characters, or 3–4 with a
/// compound surname, or a transliterated name with ·).
fn is_name(s: &str) -> bool {
    let n = char_count(s);
    if s.contains('·') || s.contains('•') {
        return (3..=15).contains(&n);
    }
    if !s.chars().all(is_cjk) {
        return false;
    }
    let compound = starts_with_compound(s);
    let ok_len = (2..=3).contains(&n) || (compound && n == 4);
    ok_len && !s.chars().skip(1).any(not_in_name)
}

/// Remove `~~struck~~` runs (the parser usually did already), with
/// half-width brackets and colons made full-width.
fn strip_struck(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = find_tildes(rest) {
        push_full_width(&mut out, &rest[..open]);
        let after = &rest[open + 2..];
        match find_tildes(after) {
            Some(close) => rest = &after[close + 2..],
            None => {
                rest = after;
                break;
            }
        }
    }
    push_full_width(&mut out, rest);
    out
}

/// Byte offset of the first `~~` in `s`. A byte scan: `str::find` with a
/// string needle sets up a substring searcher on every call.
fn find_tildes(s: &str) -> Option<usize> {
    s.as_bytes().windows(2).position(|w| w == b"~~")
}

/// Append `s` with `(`, `)` and `:` in their full-width forms.
fn push_full_width(out: &mut String, s: &str) {
    if !s.bytes().any(|b| matches!(b, b'(' | b')' | b':')) {
        out.push_str(s);
        return;
    }
    out.extend(s.chars().map(|c| match c {
        '(' => '（',
        ')' => '）',
        ':' => '：',
        _ => c,
    }));
}

/// Drop field labels at the start (责任人员：责任人员：谢平…).
fn strip_labels(mut s: &str) -> &str {
    loop {
        let t = s.trim_start();
        let Some(colon) = t.find('：') else {
            return t;
        };
        let label = &t[..colon];
        let is_label = char_count(label) <= 6
            && [
                "领导",
                "人员",
                "责任人",
                "联络员",
                "联系人",
                "负责人",
                "联络人",
            ]
            .iter()
            .any(|e| label.ends_with(e));
        if !is_label {
            return t;
        }
        s = &t[colon + '：'.len_utf8()..];
    }
}

/// Byte ranges of the pieces of `s`, cut at top-level separators.
fn pieces(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '（' | '〔' | '【' | '[' => depth += 1,
            '）' | '〕' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 && is_sep(c) => {
                if !s[start..i].trim().is_empty() {
                    out.push((start, i));
                }
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    if !s[start..].trim().is_empty() {
        out.push((start, s.len()));
    }
    merge_split_names(s, out)
}

/// Re-join a name written with spaces between its characters (刘 华,
/// 廖 勇（…）): a lone character is glued to the piece after it (or, at
/// the end, before it) when only a space separated them.
fn merge_split_names(s: &str, ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let lone = |r: &(usize, usize)| {
        let t = s[r.0..r.1].trim();
        char_count(t) == 1 && t.chars().all(is_cjk)
    };
    let space_between = |a: &(usize, usize), b: &(usize, usize)| {
        s.get(a.1..b.0)
            .is_some_and(|g| g.chars().all(char::is_whitespace))
    };
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    let mut i = 0;
    while let Some(r) = ranges.get(i) {
        match ranges.get(i + 1) {
            Some(next) if lone(r) && space_between(r, next) => {
                out.push((r.0, next.1));
                i += 2;
            }
            _ => {
                match out.last_mut() {
                    Some(prev) if lone(r) && space_between(prev, r) => prev.1 = r.1,
                    _ => out.push(*r),
                }
                i += 1;
            }
        }
    }
    out
}

/// Phone numbers in `s` (with their labels) removed: (rest, phones).
fn take_phones(s: &str) -> (Cow<'_, str>, Vec<String>) {
    // Most pieces hold no digit at all, hence no phone number.
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return (Cow::Borrowed(s), Vec::new());
    }
    let mut rest = String::with_capacity(s.len());
    let mut phones = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while let Some(&(pos, c)) = chars.get(i) {
        if c.is_ascii_digit() {
            let mut j = i;
            let mut digits = 0;
            while let Some(&(_, d)) = chars.get(j) {
                if d.is_ascii_digit() {
                    digits += 1;
                } else if !matches!(d, '-' | '－' | '—' | ' ') {
                    break;
                }
                j += 1;
            }
            let end = chars.get(j).map_or(s.len(), |&(p, _)| p);
            if digits >= 7 {
                phones.push(
                    s[pos..end]
                        .trim()
                        .trim_end_matches(['-', '－', '—'])
                        .to_string(),
                );
                strip_phone_label(&mut rest);
                i = j;
                continue;
            }
            rest.push_str(&s[pos..end]);
            i = j;
            continue;
        }
        rest.push(c);
        i += 1;
    }
    (Cow::Owned(rest), phones)
}

/// Remove a phone label (联系电话：) just written to `rest`.
fn strip_phone_label(rest: &mut String) {
    let trimmed = rest.trim_end_matches([' ', '：', ':']).len();
    rest.truncate(trimmed);
    if let Some(label) = PHONE_LABELS.iter().find(|l| rest.ends_with(*l)) {
        let len = rest.len() - label.len();
        rest.truncate(len);
    }
}

/// What one piece holds.
#[derive(Debug, Default)]
struct Parsed {
    names: Vec<String>,
    title: Option<String>,
    scope: Option<String>,
    phones: Vec<String>,
}

fn push_scope(scope: &mut Option<String>, s: &str) {
    let s = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '，' | ',' | '、' | '；' | ';' | '：' | '。')
    });
    if s.is_empty() {
        return;
    }
    match scope {
        Some(old) => {
            old.push('，');
            old.push_str(s);
        }
        None => *scope = Some(s.to_string()),
    }
}

/// Read one piece: name part, bracketed remarks, trailing remark.
fn parse_piece(piece: &str, diags: &mut Vec<Diagnostic>) -> Parsed {
    let (text, phones) = take_phones(piece);
    let mut p = Parsed {
        phones,
        ..Parsed::default()
    };
    let text = text.trim();
    let head_end = text.find('（').unwrap_or(text.len());
    let (head, mut rest) = text.split_at(head_end);
    while let Some(open) = rest.find('（') {
        push_scope(&mut p.scope, &rest[..open]);
        let inner_start = open + '（'.len_utf8();
        let close = rest[inner_start..]
            .find('）')
            .map_or(rest.len(), |c| inner_start + c);
        let inner = rest[inner_start..close].trim();
        // （市住建局副局长，负责…）: a title, then a remark.
        let (first, more) = match inner.find(['，', '；']) {
            Some(i) => (&inner[..i], &inner[i..]),
            None => (inner, ""),
        };
        if p.title.is_none() && is_title(first) {
            p.title = Some(first.to_string());
            push_scope(&mut p.scope, more);
        } else {
            push_scope(&mut p.scope, inner);
        }
        rest = rest.get(close + '）'.len_utf8()..).unwrap_or("");
    }
    push_scope(&mut p.scope, rest);
    read_head(head, &mut p, diags);
    p
}

/// The text before any bracket: a name (or glued names) with perhaps a
/// title before or after it and a remark after it.
fn read_head(head: &str, p: &mut Parsed, diags: &mut Vec<Diagnostic>) {
    let head: Cow<str> = if head.contains(char::is_whitespace) {
        Cow::Owned(head.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        Cow::Borrowed(head)
    };
    let mut head: &str = &head;
    // As `trim_end_matches("同志")`, without setting up a substring searcher.
    while let Some(h) = head.strip_suffix("同志") {
        head = h;
    }
    let head = head.trim_end_matches('等');
    // A remark glued after the name: 谢平负责…
    let (head, scope) = split_scope(head);
    if let Some(s) = scope {
        push_scope(&mut p.scope, s);
    }
    if head.is_empty() {
        return;
    }
    if is_title(head) && !starts_with_name_then_title(head) {
        set_title(p, head);
        return;
    }
    if let Some((title, name)) = title_then_name(head) {
        set_title(p, title);
        p.names.push(name.to_string());
        return;
    }
    if let Some((name, title)) = name_then_title(head) {
        set_title(p, title);
        p.names.push(name.to_string());
        return;
    }
    split_remnants(head, &mut p.names, diags);
}

fn set_title(p: &mut Parsed, title: &str) {
    match &mut p.title {
        Some(t) => {
            t.insert_str(0, title);
        }
        None => p.title = Some(title.to_string()),
    }
}

/// Split off a remark starting with 负责/分管… after at least a name.
///
/// Only each word's first occurrence counts, and only when it stands at
/// the start or after two or more characters; the earliest such
/// occurrence splits. Found in one pass over `head`: at each position, the
/// words whose first occurrence it is are marked seen.
fn split_scope(head: &str) -> (&str, Option<&str>) {
    let mut seen = [false; SCOPE_WORDS.len()];
    for (n, (i, c)) in head.char_indices().enumerate() {
        if !may_start_scope(c) {
            continue;
        }
        let (before, rest) = head.split_at(i);
        for (w, seen) in SCOPE_WORDS.iter().zip(seen.iter_mut()) {
            if *seen || !rest.starts_with(w) {
                continue;
            }
            *seen = true;
            if n == 0 || n >= 2 {
                return (before, Some(rest));
            }
        }
    }
    (head, None)
}

/// 副市长张三 → (副市长, 张三).
fn title_then_name(head: &str) -> Option<(&str, &str)> {
    let n = char_count(head);
    for name_len in [3, 2, 4] {
        if n <= name_len + 1 {
            continue;
        }
        let split = head.char_indices().nth(n - name_len).map(|(i, _)| i)?;
        let (title, name) = head.split_at(split);
        let first = name.chars().next()?;
        if is_title(title) && is_name(name) && surname_weight(first) > 0 {
            return Some((title, name));
        }
    }
    None
}

/// 李四副局长 → (李四, 副局长).
fn name_then_title(head: &str) -> Option<(&str, &str)> {
    for name_len in [3, 2] {
        let Some((split, _)) = head.char_indices().nth(name_len) else {
            continue;
        };
        let (name, title) = head.split_at(split);
        let first = name.chars().next()?;
        let title_ok = is_title(title)
            && (title
                .chars()
                .next()
                .is_some_and(|c| TITLE_STARTS.contains(c))
                || TITLE_ENDS.contains(&title));
        if title_ok && is_name(name) && surname_weight(first) > 0 {
            return Some((name, title));
        }
    }
    None
}

/// Whether a title-looking head is really a name followed by a title.
fn starts_with_name_then_title(head: &str) -> bool {
    name_then_title(head).is_some()
}

/// Names separated by dashes are remnants of editing (杨——戴德清): keep
/// the readable names, report the rest. The names are appended to `names`
/// (a piece's list, usually still empty) rather than returned in a new
/// vector of their own.
fn split_remnants(head: &str, names: &mut Vec<String>, diags: &mut Vec<Diagnostic>) {
    let parts = head
        .split(['—', '-', '－', '–', '~'])
        .filter(|s| !s.is_empty());
    // Whether there is more than one part, without collecting them.
    let several = parts.clone().nth(1).is_some();
    let first_name = names.len();
    let mut dropped: Vec<&str> = Vec::new();
    for part in parts {
        if several && char_count(part) < 2 {
            dropped.push(part);
        } else {
            split_glued(part, names, diags);
        }
    }
    if !dropped.is_empty() {
        diags.push(Diagnostic::info(
            "name-remnant",
            format!(
                "dropped unreadable remnant {} in {head}; kept {}",
                dropped.join("、"),
                names.get(first_name..).unwrap_or_default().join("、")
            ),
        ));
    }
}

/// Split names glued without a separator (罗伟杨真平 → 罗伟, 杨真平):
/// parts of 2–3 characters, each starting with a surname, preferring
/// common surnames, parts not ending in a common surname, and fewer parts.
/// The names are appended to `names`.
fn split_glued(s: &str, names: &mut Vec<String>, diags: &mut Vec<Diagnostic>) {
    let n = char_count(s);
    let single = n <= 3 || !s.chars().all(is_cjk) || (n == 4 && starts_with_compound(s));
    if single || n > 16 {
        names.push(s.to_string());
        return;
    }
    let chars: Vec<char> = s.chars().collect();
    let parts = match best_split(&chars) {
        Some((_, parts)) if parts.len() >= 2 => parts,
        _ => {
            names.push(s.to_string());
            return;
        }
    };
    let first_name = names.len();
    names.extend(
        parts
            .windows(2)
            .filter_map(|w| chars.get(w[0]..w[1]))
            .map(|c| c.iter().collect::<String>()),
    );
    diags.push(Diagnostic::info(
        "names-split",
        format!(
            "names written without a separator: {s} → {}",
            names.get(first_name..).unwrap_or_default().join("、")
        ),
    ));
}

/// The best split found so far for a prefix: its score, how many cut
/// points it has (the start included) and where its last part starts.
#[derive(Debug, Clone, Copy)]
struct Best {
    score: i64,
    cuts: usize,
    prev: usize,
}

/// The best split of `chars` into names: (score, cut points including 0
/// and the end). Dynamic programming over name lengths 2–4; each prefix
/// keeps a back pointer instead of its own list of cuts.
fn best_split(chars: &[char]) -> Option<(i64, Vec<usize>)> {
    let n = chars.len();
    // best[i] = best split of chars[..i]
    let mut best: Vec<Option<Best>> = vec![None; n + 1];
    if let Some(b) = best.get_mut(0) {
        *b = Some(Best {
            score: 0,
            cuts: 1,
            prev: 0,
        });
    }
    for end in 2..=n {
        for len in 2..=4usize {
            let Some(start) = end.checked_sub(len) else {
                continue;
            };
            let Some(part) = chars.get(start..end) else {
                continue;
            };
            let Some(score) = part_score(part) else {
                continue;
            };
            let Some(Some(from)) = best.get(start).copied() else {
                continue;
            };
            let total = from.score + score;
            let better = match best.get(end) {
                Some(Some(cur)) => {
                    total > cur.score || (total == cur.score && from.cuts + 1 < cur.cuts)
                }
                _ => true,
            };
            if better && let Some(slot) = best.get_mut(end) {
                *slot = Some(Best {
                    score: total,
                    cuts: from.cuts + 1,
                    prev: start,
                });
            }
        }
    }
    let last = best.get(n).copied().flatten()?;
    // Walk the back pointers from the end to the start.
    let mut cuts = vec![n];
    let mut at = n;
    while at > 0 {
        let b = best.get(at).copied().flatten()?;
        at = b.prev;
        cuts.push(at);
    }
    cuts.reverse();
    Some((last.score, cuts))
}

/// Score of one candidate name, None when it cannot be a name.
fn part_score(part: &[char]) -> Option<i64> {
    let compound = matches!(part, [a, b, ..] if is_compound(*a, *b));
    let first = *part.first()?;
    let weight = if compound { 2 } else { surname_weight(first) };
    let len_ok = match part.len() {
        2 | 3 => true,
        4 => compound,
        _ => false,
    };
    if weight == 0 || !len_ok || part.iter().skip(1).any(|&c| not_in_name(c)) {
        return None;
    }
    let last = *part.last()?;
    let penalty = i64::from(surname_weight(last) == 2);
    Some(i64::from(weight) * 2 - penalty)
}

/// Every person named in `text` (one field's value, struck text removed).
pub fn parse_persons(text: &str, diags: &mut Vec<Diagnostic>) -> Vec<Person> {
    let clean = strip_struck(text);
    let body = strip_labels(&clean);
    let mut out: Vec<Person> = Vec::new();
    let mut pending_title: Option<String> = None;
    for (start, end) in pieces(body) {
        let raw = body[start..end].trim();
        let parsed = parse_piece(raw, diags);
        if parsed.names.is_empty() {
            attach_orphan(&mut out, &mut pending_title, parsed, body, end);
            continue;
        }
        let title = match (pending_title.take(), parsed.title) {
            (Some(pre), Some(t)) => Some(format!("{pre}、{t}")),
            (Some(pre), None) => Some(pre),
            (None, t) => t,
        };
        let phone = (!parsed.phones.is_empty()).then(|| parsed.phones.join("、"));
        for name in parsed.names {
            out.push(Person {
                name,
                title: title.clone(),
                scope: parsed.scope.clone(),
                text: raw.to_string(),
                phone: phone.clone(),
            });
        }
    }
    // A title written after the last name as its own piece (张三、副局长).
    if let (Some(t), Some(last)) = (pending_title, out.last_mut())
        && last.title.is_none()
    {
        let text = last.text.clone();
        for p in out.iter_mut().rev().take_while(|p| p.text == text) {
            p.title = Some(t.clone());
        }
    }
    out
}

/// A piece with no name: a title for the next person (市委常委、副市长张三),
/// or a remark / phone number for the persons of the piece before.
fn attach_orphan(
    out: &mut [Person],
    pending_title: &mut Option<String>,
    parsed: Parsed,
    body: &str,
    end: usize,
) {
    if let Some(t) = parsed.title
        && parsed.scope.is_none()
    {
        *pending_title = Some(match pending_title.take() {
            Some(pre) => format!("{pre}、{t}"),
            None => t,
        });
        return;
    }
    let Some(last_text) = out.last().map(|p| p.text.clone()) else {
        return;
    };
    // Everything from the last person's piece through this one.
    let start = body.find(&last_text).unwrap_or(0);
    let joined = body
        .get(start..end)
        .unwrap_or(&last_text)
        .trim()
        .to_string();
    for p in out.iter_mut().rev().take_while(|p| p.text == last_text) {
        if let Some(s) = &parsed.scope {
            push_scope(&mut p.scope, s);
        }
        if !parsed.phones.is_empty() {
            let phones = parsed.phones.join("、");
            p.phone = Some(match p.phone.take() {
                Some(old) => format!("{old}、{phones}"),
                None => phones,
            });
        }
        p.text = joined.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        parse_persons(text, &mut Vec::new())
            .into_iter()
            .map(|p| (p.name, p.title, p.scope))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        parse_persons(text, &mut Vec::new())
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    #[test]
    fn quick_character_tests_agree_with_the_lists() {
        for e in TITLE_ENDS {
            assert!(e.chars().next_back().is_some_and(may_end_title), "{e}");
        }
        for w in SCOPE_WORDS {
            assert!(w.chars().next().is_some_and(may_start_scope), "{w}");
        }
        for c in SURNAMES_COMPOUND {
            assert_eq!(char_count(c), 2, "{c}");
            assert!(starts_with_compound(c), "{c}");
        }
        for c in SURNAMES_COMMON.chars() {
            assert_eq!(surname_weight(c), 2, "{c}");
        }
        for c in SURNAMES_OTHER.chars() {
            let w = if SURNAMES_COMMON.contains(c) { 2 } else { 1 };
            assert_eq!(surname_weight(c), w, "{c}");
        }
        assert_eq!(surname_weight('的'), 0);
        for c in "副长局委市县区省主书记部处科党办".chars() {
            assert!(not_in_name(c), "{c}");
        }
    }

    #[test]
    fn scope_split_takes_each_words_first_occurrence() {
        assert_eq!(split_scope("谢平负责督办"), ("谢平", Some("负责督办")));
        assert_eq!(split_scope("负责督办"), ("", Some("负责督办")));
        // The first 负责 stands after one character: it does not count,
        // and neither does the later one.
        assert_eq!(split_scope("张负责甲负责乙"), ("张负责甲负责乙", None));
        assert_eq!(split_scope("张负责甲分管乙"), ("张负责甲", Some("分管乙")));
    }

    #[test]
    fn glued_names_split_by_surname() {
        assert_eq!(names("罗伟杨真平"), ["罗伟", "杨真平"]);
        assert_eq!(names("罗伟李江南"), ["罗伟", "李江南"]);
        assert_eq!(names("赵奇向磊"), ["赵奇", "向磊"]);
        assert_eq!(names("欧阳明华"), ["欧阳明华"]);
        let mut d = Vec::new();
        parse_persons("杨广何俊峰", &mut d);
        assert!(d.iter().any(|d| d.code == "names-split"));
    }

    #[test]
    fn shared_title() {
        let p = one("章礼华唐正武（副秘书长）");
        assert_eq!(p.len(), 2);
        assert!(p.iter().all(|x| x.1.as_deref() == Some("副秘书长")));
    }

    #[test]
    fn title_before_and_after() {
        assert_eq!(
            one("市委常委、副市长张三"),
            [("张三".into(), Some("市委常委、副市长".into()), None)]
        );
        assert_eq!(
            one("李四副局长"),
            [("李四".into(), Some("副局长".into()), None)]
        );
    }

    #[test]
    fn scope_after_comma_joins_previous() {
        let p = parse_persons(
            "颜星（市住建局副局长），负责县级3条黑臭水体整治工作；黄欣（市、县级）",
            &mut Vec::new(),
        );
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].scope.as_deref(), Some("负责县级3条黑臭水体整治工作"));
        assert_eq!(
            p[0].text,
            "颜星（市住建局副局长），负责县级3条黑臭水体整治工作"
        );
        assert_eq!(p[1].scope.as_deref(), Some("市、县级"));
        assert_eq!(p[1].title, None);
    }

    #[test]
    fn phones() {
        let p = parse_persons(
            "张三，联系电话：0731-58581234；李四 13812345678",
            &mut Vec::new(),
        );
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].phone.as_deref(), Some("0731-58581234"));
        assert_eq!(p[1].phone.as_deref(), Some("13812345678"));
    }

    #[test]
    fn spaced_names_and_remnants() {
        assert_eq!(names("刘 华"), ["刘华"]);
        assert_eq!(names("罗伟 谭岳"), ["罗伟", "谭岳"]);
        assert_eq!(names("~~杨一广~~曹炯芳"), ["曹炯芳"]);
        let mut d = Vec::new();
        let p = parse_persons("杨——戴德清", &mut d);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "戴德清");
        assert!(d.iter().any(|d| d.code == "name-remnant"));
    }
}
