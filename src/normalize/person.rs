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
use std::iter::repeat_n;
use std::sync::LazyLock;

use super::trim;
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

/// The CJK Unified Ideographs block, where every single-character surname
/// lies (building [`CjkSet`] fails otherwise).
const CJK_FIRST: u32 = 0x4E00;
const CJK_LAST: u32 = 0x9FFF;

/// A set of CJK Unified Ideographs, one bit per character: asking about a
/// character is a shift and a mask, not a search through a list. Built at
/// compile time, so there is no lazy initialization to check either.
struct CjkSet([u64; CjkSet::WORDS]);

impl CjkSet {
    const WORDS: usize = (CJK_LAST - CJK_FIRST + 1).div_ceil(64) as usize;

    /// The set of the characters of `list`.
    const fn of(list: &str) -> Self {
        let b = list.as_bytes();
        let mut set = Self([0; Self::WORDS]);
        let mut i = 0;
        while i < b.len() {
            set.insert_at(b, i);
            i += 3;
        }
        set
    }

    /// The set of the first characters of `list`'s entries.
    const fn of_firsts(list: &[&str]) -> Self {
        let mut set = Self([0; Self::WORDS]);
        let mut i = 0;
        while i < list.len() {
            set.insert_at(list[i].as_bytes(), 0);
            i += 1;
        }
        set
    }

    /// Add the character starting at byte `i` of `b`, which must be a
    /// three-byte CJK Unified Ideograph: anything else stops the build.
    const fn insert_at(&mut self, b: &[u8], i: usize) {
        assert!(i + 2 < b.len() && b[i] & 0xF0 == 0xE0, "not a 3-byte char");
        let c = ((b[i] as u32 & 0x0F) << 12)
            | ((b[i + 1] as u32 & 0x3F) << 6)
            | (b[i + 2] as u32 & 0x3F);
        assert!(CJK_FIRST <= c && c <= CJK_LAST, "not a CJK ideograph");
        let k = (c - CJK_FIRST) as usize;
        self.0[k / 64] |= 1 << (k % 64);
    }

    fn contains(&self, c: char) -> bool {
        let Some(k) = (c as u32).checked_sub(CJK_FIRST) else {
            return false;
        };
        let k = k as usize;
        self.0.get(k / 64).is_some_and(|w| (w >> (k % 64)) & 1 == 1)
    }
}

/// [`SURNAMES_COMMON`] and [`SURNAMES_OTHER`] as sets (a test checks they
/// hold exactly the listed characters).
static COMMON_SURNAMES: CjkSet = CjkSet::of(SURNAMES_COMMON);
static OTHER_SURNAMES: CjkSet = CjkSet::of(SURNAMES_OTHER);

/// The first characters of [`SURNAMES_COMPOUND`]: a necessary condition
/// tested before the binary search of [`COMPOUND_PAIRS`].
static COMPOUND_FIRSTS: CjkSet = CjkSet::of_firsts(SURNAMES_COMPOUND);

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

/// 2 for a common surname, 1 for a less frequent one, 0 for any other
/// character (a character in both lists counts as common).
fn surname_weight(c: char) -> u32 {
    if COMMON_SURNAMES.contains(c) {
        2
    } else {
        u32::from(OTHER_SURNAMES.contains(c))
    }
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
    COMPOUND_FIRSTS.contains(a) && COMPOUND_PAIRS.binary_search(&(a, b)).is_ok()
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

/// Whether `s` is empty or all whitespace (`s.trim().is_empty()`).
fn is_blank(s: &str) -> bool {
    s.chars().all(char::is_whitespace)
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
fn strip_struck(text: &str) -> Cow<'_, str> {
    // Most fields hold no `~`, `(`, `)` or `:` byte, without which there
    // is nothing to remove or rewrite (a test compares with the rewrite).
    if !text.bytes().any(|b| matches!(b, b'~' | b'(' | b')' | b':')) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(rewrite_struck(text))
}

/// [`strip_struck`]'s rewrite, run on every field that may need it.
fn rewrite_struck(text: &str) -> String {
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

/// A piece's byte range in the field's text.
type Range = (usize, usize);

/// Byte ranges of the pieces of `s`: cut at top-level separators, with
/// names written with spaces between their characters joined again. Read
/// one at a time as they are asked for, with no list of them built.
fn pieces(s: &str) -> impl Iterator<Item = Range> + '_ {
    MergeSplitNames {
        s,
        raw: RawPieces {
            s,
            start: 0,
            depth: 0,
            done: false,
        }
        .peekable(),
        held: None,
    }
}

/// The pieces of `s` cut at top-level separators (never inside brackets),
/// blank ones left out.
struct RawPieces<'a> {
    s: &'a str,
    /// Where the next piece starts.
    start: usize,
    /// Bracket depth at `start`.
    depth: usize,
    /// Whether the end of `s` has been reached.
    done: bool,
}

impl Iterator for RawPieces<'_> {
    type Item = Range;

    fn next(&mut self) -> Option<Range> {
        while !self.done {
            let start = self.start;
            let rest = self.s.get(start..).unwrap_or_default();
            // The piece ends at the next top-level separator, or at the end.
            let (end, next) = self.separator_in(rest).map_or_else(
                || {
                    self.done = true;
                    (self.s.len(), self.s.len())
                },
                |(i, len)| (start + i, start + i + len),
            );
            self.start = next;
            if !self.s.get(start..end).is_none_or(is_blank) {
                return Some((start, end));
            }
        }
        None
    }
}

impl RawPieces<'_> {
    /// Offset and length of the first top-level separator in `rest`,
    /// keeping track of the bracket depth up to it.
    fn separator_in(&mut self, rest: &str) -> Option<(usize, usize)> {
        for (i, c) in rest.char_indices() {
            match c {
                '（' | '〔' | '【' | '[' => self.depth += 1,
                '）' | '〕' | '】' | ']' => self.depth = self.depth.saturating_sub(1),
                _ if self.depth == 0 && is_sep(c) => return Some((i, c.len_utf8())),
                _ => {}
            }
        }
        None
    }
}

/// Re-join a name written with spaces between its characters (刘 华,
/// 廖 勇（…）): a lone character is glued to the piece after it (or, at
/// the end, before it) when only a space separated them.
///
/// A piece is held back until the next one is known not to be glued to it.
struct MergeSplitNames<'a, I: Iterator<Item = Range>> {
    s: &'a str,
    raw: std::iter::Peekable<I>,
    /// The last piece read, which a lone character may still extend.
    held: Option<Range>,
}

impl<I: Iterator<Item = Range>> Iterator for MergeSplitNames<'_, I> {
    type Item = Range;

    fn next(&mut self) -> Option<Range> {
        while let Some(r) = self.raw.next() {
            let next = self.raw.peek().copied();
            let done = match (next, self.held) {
                (Some(next), _) if self.space_between(r, next) && self.lone(r) => {
                    self.raw.next();
                    self.held.replace((r.0, next.1))
                }
                (_, Some(prev)) if self.space_between(prev, r) && self.lone(r) => {
                    self.held = Some((prev.0, r.1));
                    None
                }
                _ => self.held.replace(r),
            };
            if done.is_some() {
                return done;
            }
        }
        self.held.take()
    }
}

impl<I: Iterator<Item = Range>> MergeSplitNames<'_, I> {
    /// Whether only whitespace separates the pieces `a` and `b`.
    fn space_between(&self, a: Range, b: Range) -> bool {
        self.s.get(a.1..b.0).is_some_and(is_blank)
    }

    /// Whether the piece `r` is one CJK character.
    fn lone(&self, r: Range) -> bool {
        let mut cs = self.s.get(r.0..r.1).map(trim).unwrap_or_default().chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if is_cjk(c))
    }
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

/// What one piece holds besides its names (see [`Names`]).
#[derive(Debug, Default)]
struct Parsed {
    title: Option<String>,
    scope: Option<String>,
    phones: Vec<String>,
}

/// Where a piece's names go: straight onto the field's list of persons,
/// as persons with only a name until the whole piece has been read (then
/// [`parse_persons`] fills in the rest). No piece needs a list of its own.
struct Names<'a> {
    persons: &'a mut Vec<Person>,
    /// Where this piece's persons start.
    first: usize,
}

impl<'a> Names<'a> {
    fn new(persons: &'a mut Vec<Person>) -> Self {
        let first = persons.len();
        Names { persons, first }
    }

    fn push(&mut self, name: String) {
        self.persons.push(Person {
            name,
            ..Person::default()
        });
    }

    /// How many names the piece has so far.
    fn len(&self) -> usize {
        self.persons.len().saturating_sub(self.first)
    }

    /// The piece's names from the `from`-th on, joined with 、 onto `out`.
    fn join_onto(&self, from: usize, out: &mut String) {
        let names = self.persons.get(self.first + from..).unwrap_or_default();
        for (k, p) in names.iter().enumerate() {
            if k > 0 {
                out.push('、');
            }
            out.push_str(&p.name);
        }
    }
}

fn push_scope(scope: &mut Option<String>, s: &str) {
    // Most calls get the empty text between two brackets.
    if s.is_empty() {
        return;
    }
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
fn parse_piece(piece: &str, names: &mut Names, diags: &mut Vec<Diagnostic>) -> Parsed {
    let (text, phones) = take_phones(piece);
    let mut p = Parsed {
        phones,
        ..Parsed::default()
    };
    let text = trim(&text);
    let head_end = text.find('（').unwrap_or(text.len());
    let (head, mut rest) = text.split_at(head_end);
    while let Some(open) = rest.find('（') {
        push_scope(&mut p.scope, &rest[..open]);
        let inner_start = open + '（'.len_utf8();
        let close = rest[inner_start..]
            .find('）')
            .map_or(rest.len(), |c| inner_start + c);
        let inner = trim(&rest[inner_start..close]);
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
    read_head(head, &mut p, names, diags);
    p
}

/// The text before any bracket: a name (or glued names) with perhaps a
/// title before or after it and a remark after it.
fn read_head(head: &str, p: &mut Parsed, names: &mut Names, diags: &mut Vec<Diagnostic>) {
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
    let n = char_count(head);
    if is_title(head) && !starts_with_name_then_title(head, n) {
        set_title(p, head);
        return;
    }
    if let Some((title, name)) = title_then_name(head, n) {
        set_title(p, title);
        names.push(name.to_string());
        return;
    }
    if let Some((name, title)) = name_then_title(head, n) {
        set_title(p, title);
        names.push(name.to_string());
        return;
    }
    split_remnants(head, n, names, diags);
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

/// 副市长张三 → (副市长, 张三); `n` is the number of characters of `head`.
fn title_then_name(head: &str, n: usize) -> Option<(&str, &str)> {
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

/// 李四副局长 → (李四, 副局长); `n` is the number of characters of `head`.
fn name_then_title(head: &str, n: usize) -> Option<(&str, &str)> {
    // A name has two characters or more, and so has a title (is_title).
    if n < 4 {
        return None;
    }
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
fn starts_with_name_then_title(head: &str, n: usize) -> bool {
    name_then_title(head, n).is_some()
}

/// The dashes [`split_remnants`] cuts at.
const DASHES: [char; 5] = ['—', '-', '－', '–', '~'];

/// Names separated by dashes are remnants of editing (杨——戴德清): keep
/// the readable names, report the rest. The names are added to `names`;
/// `n` is the number of characters of `head`.
fn split_remnants(head: &str, n: usize, names: &mut Names, diags: &mut Vec<Diagnostic>) {
    // Without a dash a head is its own one part (a test compares with the
    // split).
    if !head.contains(DASHES) {
        if !head.is_empty() {
            split_glued(head, n, names, diags);
        }
        return;
    }
    let parts = head.split(DASHES).filter(|s| !s.is_empty());
    // Whether there is more than one part, without collecting them.
    let several = parts.clone().nth(1).is_some();
    let first_name = names.len();
    let mut dropped: Vec<&str> = Vec::new();
    for part in parts {
        let n = char_count(part);
        if several && n < 2 {
            dropped.push(part);
        } else {
            split_glued(part, n, names, diags);
        }
    }
    if !dropped.is_empty() {
        let mut kept = String::new();
        names.join_onto(first_name, &mut kept);
        diags.push(
            crate::diag!(NameRemnant; remnant = dropped.join("、"), head = head, kept = kept),
        );
    }
}

/// Runs of more characters than this are not split into names.
const MAX_GLUED: usize = 16;

/// Split names glued without a separator (罗伟杨真平 → 罗伟, 杨真平):
/// parts of 2–3 characters, each starting with a surname, preferring
/// common surnames, parts not ending in a common surname, and fewer parts.
/// The names are added to `names`; `n` is the number of characters of `s`.
fn split_glued(s: &str, n: usize, names: &mut Names, diags: &mut Vec<Diagnostic>) {
    let single = n <= 3 || !s.chars().all(is_cjk) || (n == 4 && starts_with_compound(s));
    if single || n > MAX_GLUED {
        names.push(s.to_string());
        return;
    }
    // Each character's facts and byte offset, read once for all the
    // candidate parts that contain it.
    let mut facts = [CharFacts::default(); MAX_GLUED];
    let mut offsets = [s.len(); MAX_GLUED + 1];
    let mut prev: Option<char> = None;
    for (k, (i, c)) in s.char_indices().enumerate() {
        if let (Some(p), Some(f)) = (prev, k.checked_sub(1).and_then(|k| facts.get_mut(k))) {
            f.compound = is_compound(p, c);
        }
        if let (Some(f), Some(o)) = (facts.get_mut(k), offsets.get_mut(k)) {
            f.weight = surname_weight(c);
            f.not_in_name = not_in_name(c);
            *o = i;
        }
        prev = Some(c);
    }
    let cuts = match best_split(facts.get(..n).unwrap_or_default()) {
        Some((_, cuts)) if cuts.len() >= 2 => cuts,
        _ => {
            names.push(s.to_string());
            return;
        }
    };
    let first_name = names.len();
    let parts = cuts.windows(2).filter_map(|w| match w {
        [a, b] => s.get(*offsets.get(*a)?..*offsets.get(*b)?),
        _ => None,
    });
    for part in parts {
        names.push(part.to_string());
    }
    let mut joined = String::new();
    names.join_onto(first_name, &mut joined);
    diags.push(crate::diag!(NamesSplit; text = s, names = joined));
}

/// What scoring a candidate name needs to know about one character.
#[derive(Debug, Clone, Copy, Default)]
struct CharFacts {
    /// Its [`surname_weight`].
    weight: u32,
    /// Whether it is [`not_in_name`].
    not_in_name: bool,
    /// Whether it and the next character spell a two-character surname.
    compound: bool,
}

/// The best split found so far for a prefix: its score, how many cut
/// points it has (the start included) and where its last part starts.
#[derive(Debug, Clone, Copy)]
struct Best {
    score: i64,
    cuts: usize,
    prev: usize,
}

/// The best split of a run of characters (given by their facts, at most
/// [`MAX_GLUED`]) into names: (score, cut points including 0 and the end).
/// Dynamic programming over name lengths 2–4; each prefix keeps a back
/// pointer instead of its own list of cuts.
fn best_split(chars: &[CharFacts]) -> Option<(i64, Vec<usize>)> {
    let n = chars.len();
    // best[i] = best split of chars[..i]
    let mut best: [Option<Best>; MAX_GLUED + 1] = [None; MAX_GLUED + 1];
    if n > MAX_GLUED {
        return None;
    }
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
            // Only a prefix that can be split is worth extending.
            let Some(Some(from)) = best.get(start).copied() else {
                continue;
            };
            let Some(part) = chars.get(start..end) else {
                continue;
            };
            let Some(score) = part_score(part) else {
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
    let mut cuts = Vec::with_capacity(last.cuts);
    cuts.push(n);
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
fn part_score(part: &[CharFacts]) -> Option<i64> {
    let first = part.first()?;
    let compound = part.len() >= 2 && first.compound;
    let weight = if compound { 2 } else { first.weight };
    let len_ok = match part.len() {
        2 | 3 => true,
        4 => compound,
        _ => false,
    };
    if weight == 0 || !len_ok || part.iter().skip(1).any(|f| f.not_in_name) {
        return None;
    }
    let last = part.last()?;
    let penalty = i64::from(last.weight == 2);
    Some(i64::from(weight) * 2 - penalty)
}

/// Every person named in `text` (one field's value, struck text removed).
pub fn parse_persons(text: &str, diags: &mut Vec<Diagnostic>) -> Vec<Person> {
    let clean = strip_struck(text);
    let body = strip_labels(&clean);
    let mut out: Vec<Person> = Vec::new();
    let mut pending_title: Option<String> = None;
    for (start, end) in pieces(body) {
        let raw = trim(&body[start..end]);
        // 各村村主任, 相关单位负责人: a role many hold, no one person —
        // neither a name nor a title for the name before it.
        if is_collective_role(raw) {
            diags.push(crate::diag!(CollectiveRole; text = raw));
            continue;
        }
        let first = out.len();
        let parsed = parse_piece(raw, &mut Names::new(&mut out), diags);
        let named = out.get_mut(first..).unwrap_or_default();
        if named.is_empty() {
            attach_orphan(&mut out, &mut pending_title, parsed, body, end);
            continue;
        }
        let title = match (pending_title.take(), parsed.title) {
            (Some(pre), Some(t)) => Some(format!("{pre}、{t}")),
            (Some(pre), None) => Some(pre),
            (None, t) => t,
        };
        let phone = (!parsed.phones.is_empty()).then(|| parsed.phones.join("、"));
        // Every name of the piece shares its title, scope and phone: the
        // last person takes them, the others get copies.
        let n = named.len();
        let shared = repeat_n(title, n)
            .zip(repeat_n(parsed.scope, n))
            .zip(repeat_n(phone, n));
        for (p, ((title, scope), phone)) in named.iter_mut().zip(shared) {
            p.title = title;
            p.scope = scope;
            p.text = raw.to_string();
            p.phone = phone;
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

/// A piece naming a role many people hold (各村村主任, 各乡镇主要负责人,
/// 相关单位负责人, 有关部门分管领导): its words say "each" or "the relevant".
fn is_collective_role(piece: &str) -> bool {
    const MARKS: [&str; 5] = ["各", "相关", "有关", "所属", "全体"];
    MARKS.iter().any(|m| piece.starts_with(m))
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
    // The first occurrence, as `str::find` (a match of a whole string is
    // at a character boundary), without setting up its substring searcher.
    let start = memchr::memmem::find(body.as_bytes(), last_text.as_bytes()).unwrap_or(0);
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

    /// Characters that exercise every branch: separators, spaces,
    /// brackets, dashes, struck-text marks, digits, surnames, title and
    /// scope characters.
    const ALPHABET: &str = "[、，,；;。 \t\n/／　（）()〔〕【】\\[\\]~—–\\-－：:0-9王李欧阳刘华罗伟杨真平谢副局长主任员负责分管同志等级市委·a]{0,14}";

    /// [`pieces`] as it was written before it became an iterator: all
    /// ranges collected, then [`merge_split_names_list`].
    fn pieces_list(s: &str) -> Vec<Range> {
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
        merge_split_names_list(s, out)
    }

    fn merge_split_names_list(s: &str, ranges: Vec<Range>) -> Vec<Range> {
        let lone = |r: &Range| {
            let t = s[r.0..r.1].trim();
            char_count(t) == 1 && t.chars().all(is_cjk)
        };
        let space_between = |a: &Range, b: &Range| {
            s.get(a.1..b.0)
                .is_some_and(|g| g.chars().all(char::is_whitespace))
        };
        let mut out: Vec<Range> = Vec::with_capacity(ranges.len());
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

    /// [`part_score`] read from the characters themselves rather than
    /// from their precomputed [`CharFacts`].
    fn part_score_of_chars(part: &[char]) -> Option<i64> {
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

    fn facts_of(chars: &[char]) -> Vec<CharFacts> {
        chars
            .iter()
            .enumerate()
            .map(|(k, &c)| CharFacts {
                weight: surname_weight(c),
                not_in_name: not_in_name(c),
                compound: chars.get(k + 1).is_some_and(|&d| is_compound(c, d)),
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn pieces_iterator_agrees_with_the_list(s in ALPHABET) {
            proptest::prop_assert_eq!(pieces(&s).collect::<Vec<_>>(), pieces_list(&s));
        }

        #[test]
        fn struck_fast_path_agrees_with_the_rewrite(s in ALPHABET) {
            proptest::prop_assert_eq!(strip_struck(&s).into_owned(), rewrite_struck(&s));
        }

        #[test]
        fn trim_agrees_with_str_trim(s in ALPHABET) {
            proptest::prop_assert_eq!(trim(&s), s.trim());
            proptest::prop_assert_eq!(is_blank(&s), s.trim().is_empty());
        }

        #[test]
        fn memmem_finds_what_str_find_finds(s in ALPHABET, t in ALPHABET) {
            proptest::prop_assert_eq!(
                memchr::memmem::find(s.as_bytes(), t.as_bytes()),
                s.find(t.as_str())
            );
        }

        /// `split_remnants` skips the split of a head without dashes: such
        /// a head is its own one part.
        #[test]
        fn a_head_without_dashes_is_one_part(s in ALPHABET) {
            if !s.is_empty() && !s.contains(DASHES) {
                let parts: Vec<&str> = s.split(DASHES).filter(|p| !p.is_empty()).collect();
                proptest::prop_assert_eq!(parts, vec![s.as_str()]);
            }
        }

        /// `name_then_title` gives up below four characters: a title, like
        /// a name, has at least two.
        #[test]
        fn a_title_has_two_characters_or_more(s in "[长员委人事副局主任书记]{0,1}") {
            proptest::prop_assert!(!is_title(&s));
        }

        #[test]
        fn part_scores_from_facts_agree_with_the_characters(
            s in "[王李欧阳司马刘华罗伟杨真平谢副局长主任的和]{0,16}"
        ) {
            let chars: Vec<char> = s.chars().collect();
            let facts = facts_of(&chars);
            for start in 0..chars.len() {
                for end in start..=chars.len() {
                    proptest::prop_assert_eq!(
                        part_score(&facts[start..end]),
                        part_score_of_chars(&chars[start..end])
                    );
                }
            }
        }
    }

    #[test]
    fn surname_sets_hold_exactly_the_lists() {
        for c in (CJK_FIRST..=CJK_LAST + 1).filter_map(char::from_u32) {
            let w = if SURNAMES_COMMON.contains(c) {
                2
            } else {
                u32::from(SURNAMES_OTHER.contains(c))
            };
            assert_eq!(surname_weight(c), w, "{c}");
            let first_of_compound = SURNAMES_COMPOUND.iter().any(|s| s.starts_with(c));
            assert_eq!(COMPOUND_FIRSTS.contains(c), first_of_compound, "{c}");
        }
        assert_eq!(surname_weight('a'), 0);
        assert_eq!(surname_weight('\u{a000}'), 0);
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
