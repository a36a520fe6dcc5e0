//! Splitting a list into units: labelled clauses, segments at top-level
//! separators (never inside brackets or collectives), trailing markers,
//! catch-all tails, glued units and a prefix or suffix written once.

#[allow(unused_imports)]
use super::*;

/// Normalize the list: full-width brackets, no spaces next to brackets or
/// punctuation, trailing full stop dropped.
pub(super) fn normalize_text(text: &str) -> Cow<'_, str> {
    let sticky = |c: char| {
        matches!(
            c,
            '（' | '）'
                | '〔'
                | '〕'
                | '【'
                | '】'
                | '、'
                | '，'
                | ','
                | '；'
                | ';'
                | '。'
                | '：'
                | ':'
                | '('
                | ')'
        )
    };
    let t = text.trim();
    // Nothing to rewrite inside: the text is borrowed, not copied.
    if !may_hold_space_or_paren(t)
        || !t.contains(|c: char| c.is_whitespace() || c == '(' || c == ')')
    {
        return Cow::Borrowed(t.trim_end_matches(['。', '.', '；', ';', '，', ',']));
    }
    let mut out = String::with_capacity(t.len());
    let mut prev: Option<char> = None;
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            let next = chars.peek().copied();
            let drop = prev.is_none_or(|p| sticky(p) || p.is_whitespace())
                || next.is_none_or(|n| sticky(n) || n.is_whitespace());
            if !drop {
                out.push(' ');
            }
        } else {
            out.push(match c {
                '(' => '（',
                ')' => '）',
                _ => c,
            });
        }
        prev = Some(c);
    }
    let keep = out
        .trim_end_matches(['。', '.', '；', ';', '，', ','])
        .len();
    out.truncate(keep);
    Cow::Owned(out)
}

/// Whether `t` may hold whitespace or an ASCII bracket: the reader's SIMD
/// white-space search (its spaces include every whitespace character) and
/// a byte search for the brackets, both without decoding characters. A
/// necessary condition, so a `false` is exact.
pub(super) fn may_hold_space_or_paren(t: &str) -> bool {
    crate::read::first_space(t).is_some() || memchr::memchr2(b'(', b')', t.as_bytes()).is_some()
}

/// Role labels that open a clause.
pub(super) const CLAUSE_LABELS: &[&str] = &[
    "牵头单位",
    "配合单位",
    "责任单位",
    "协办单位",
    "参与单位",
    "牵头部门",
    "配合部门",
    "责任部门",
];

/// A role label written without its colon at a clause start
/// (…，配合单位市发改委、市环保局) gets one, so [`split_labels`] sees it.
pub(super) fn colon_after_labels(s: Cow<'_, str>) -> Cow<'_, str> {
    // Every label ends in 单位 or 部门: a text with neither 单 nor 部
    // skips the search for each label.
    if !(s.contains('单') || s.contains('部')) || !has_clause_label(&s) {
        return s;
    }
    // Labels written with their colon (责任单位：…) leave the text as is.
    if missing_label_colons(&s).next().is_none() {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 6);
    let mut copied = 0;
    for at in missing_label_colons(&s) {
        out.push_str(s.get(copied..at).unwrap_or_default());
        out.push('：');
        copied = at;
    }
    out.push_str(s.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

/// Where a colon is missing: the end of each label that opens a clause
/// (at the start or after ，；。) and is followed by text other than a
/// colon. Clause starts never fall inside a label, as no label holds a
/// clause separator (a test checks the list).
pub(super) fn missing_label_colons(s: &str) -> impl Iterator<Item = usize> + '_ {
    let after_sep = s
        .char_indices()
        .filter(|&(_, c)| matches!(c, '，' | ',' | '；' | ';' | '。'))
        .map(|(i, c)| i + c.len_utf8());
    std::iter::once(0).chain(after_sep).filter_map(move |p| {
        let rest = s.get(p..)?;
        let label = CLAUSE_LABELS.iter().find(|l| rest.starts_with(**l))?;
        let after = rest.get(label.len()..)?;
        (!after.starts_with(['：', ':']) && !after.is_empty()).then_some(p + label.len())
    })
}

/// Whether any of [`CLAUSE_LABELS`] occurs in `s`.
pub(super) fn has_clause_label(s: &str) -> bool {
    crate::normalize::contains_word(s, CLAUSE_LABELS, starts_clause_label)
}

/// The first characters of [`CLAUSE_LABELS`] (a test checks the list).
pub(super) fn starts_clause_label(c: char) -> bool {
    matches!(c, '牵' | '配' | '责' | '协' | '参')
}

/// Labelled clauses, handed to `each` in order: 牵头单位：A；配合单位：B →
/// (Lead, A), (Other, B); text without labels is one clause with no role.
pub(super) fn split_labels<'a>(s: &'a str, mut each: impl FnMut(Option<Role>, &'a str)) {
    if !(s.contains('：') || s.contains(':')) {
        each(None, s);
        return;
    }
    let mut role = None;
    let mut start = 0;
    let mut depth = 0usize;
    let mut clause_start = 0;
    // After the last white space: a label written after a space, as in
    // 牵头单位：市环保局 责任单位：各区县, when the clause's whole text is
    // no label (a spaced label, 牵头 单位：, still is one as a whole).
    let mut word_start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '（' | '〔' | '【' | '[' => depth += 1,
            '）' | '〕' | '】' | ']' => depth = depth.saturating_sub(1),
            '：' | ':' if depth == 0 => {
                let found = [clause_start, word_start].into_iter().find_map(|from| {
                    let label = s.get(from..i).unwrap_or_default();
                    let new_role = label_role(label).filter(|_| char_count(label) <= 8)?;
                    Some((from, new_role))
                });
                if let Some((from, new_role)) = found {
                    let clause = s.get(start..from).unwrap_or_default();
                    if !trim(clause).is_empty() {
                        each(role, clause);
                    }
                    role = Some(new_role);
                    start = i + c.len_utf8();
                }
            }
            c if depth == 0 && is_clause_sep(c) => {
                clause_start = i + c.len_utf8();
                word_start = clause_start;
            }
            c if depth == 0 && c.is_whitespace() => word_start = i + c.len_utf8(),
            _ => {}
        }
    }
    let last = s.get(start..).unwrap_or_default();
    if !trim(last).is_empty() {
        each(role, last);
    }
}

/// A raw segment: its text and whether a run ends after it.
pub(super) struct Segment<'a> {
    pub(super) text: &'a str,
    pub(super) ends_run: bool,
}

/// Finds the collective spellings standing as whole units in a clause (so
/// 示范区、园区管委会 is not cut at its 、), fed the clause's characters in
/// order: the same ranges as a leftmost-longest Aho-Corasick search over
/// all spellings, keeping the matches with a boundary on both sides (a
/// test compares the two), but found in the pass that cuts the clause
/// instead of a search of its own.
#[derive(Debug, Default)]
pub(super) struct CollectiveScan {
    /// End of the last spelling found, kept or not: leftmost-longest
    /// matches never overlap, so none starts before it.
    pub(super) searched_to: usize,
    /// End of the last kept spelling.
    pub(super) protected_to: usize,
}

impl CollectiveScan {
    /// Whether the character `c` at byte `i` of `s` lies in a protected
    /// spelling. Must be called for every character of `s`, in order.
    pub(super) fn protects(&mut self, s: &str, i: usize, c: char, dict: &UnitDict) -> bool {
        if i < self.protected_to {
            return true;
        }
        if i < self.searched_to {
            return false;
        }
        if c == '各'
            && (boundary_before(s, i) || after_conjunction(s, i))
            && let Some(len) = s.get(i..).and_then(listed_collective_len)
        {
            self.searched_to = i + len;
            self.protected_to = i + len;
            return true;
        }
        let Some(end) = s
            .get(i..)
            .and_then(|rest| dict.collective_at(rest, c))
            .map(|len| i + len)
        else {
            return false;
        };
        self.searched_to = end;
        if boundary_before(s, i) && boundary_after(s, end) {
            self.protected_to = end;
            return true;
        }
        false
    }
}

/// Whether byte `i` of `s` follows a conjunction (和各市、区人民政府).
fn after_conjunction(s: &str, i: usize) -> bool {
    s.get(..i).is_some_and(|h| h.ends_with(['和', '及', '与']))
}

/// Level words a listed collective is made of (各街道、镇; 各市、州、县).
const LEVEL_WORDS: &[&str] = &[
    "乡镇", "街道", "县市", "市区", "县区", "旗县", "街乡", "街镇", "镇街", "苏木", "县", "市",
    "区", "州", "镇", "乡", "旗", "盟", "街",
];

/// What a listed collective may end with (各市、区人民政府).
const COLLECTIVE_BODIES: &[&str] = &[
    "行政公署",
    "党委政府",
    "人民政府",
    "政府",
    "党委",
    "管委会",
    "管理委员会",
    "街道办事处",
    "办事处",
    "人大",
    "政协",
];

/// The length of a collective whose level words are listed with 、 at the
/// start of `rest` (各街道、镇; 各市、区人民政府; 各县、区人民政府（管委会）;
/// 各区、县（市）政府), so it stays one unit (rule U3). The longest
/// reading that ends where a unit ends is taken; `None` when there is no
/// 、 inside or no reading ends a unit.
pub(super) fn listed_collective_len(rest: &str) -> Option<usize> {
    let body = rest.strip_prefix('各')?;
    let mut i = 0;
    let mut seps = 0;
    let mut best = None;
    loop {
        let tail = body.get(i..)?;
        if let Some(w) = LEVEL_WORDS
            .iter()
            .filter(|w| tail.starts_with(**w))
            .max_by_key(|w| w.len())
        {
            i += w.len();
            // A level in brackets: 县（市）, 市〔州〕.
            if let Some(b) = bracketed_level(body.get(i..)?) {
                i += b;
            }
            if seps > 0
                && let Some(end) = collective_end(body, i)
            {
                best = Some(end);
            }
            continue;
        }
        if tail.starts_with('、') && i > 0 {
            i += '、'.len_utf8();
            seps += 1;
            continue;
        }
        break;
    }
    best.map(|end| '各'.len_utf8() + end)
}

/// A bracketed level word at the start of `s` (（市）, 〔州〕, （市、区）):
/// its length.
fn bracketed_level(s: &str) -> Option<usize> {
    let close = match s.chars().next()? {
        '（' => '）',
        '〔' => '〕',
        _ => return None,
    };
    let end = s.find(close)?;
    let inner = s.get(s.chars().next()?.len_utf8()..end)?;
    let only_levels = !inner.is_empty()
        && inner
            .split('、')
            .all(|w| !w.is_empty() && w.chars().all(|c| LEVEL_WORDS.iter().any(|l| l.contains(c))));
    only_levels.then_some(end + close.len_utf8())
}

/// Where a listed collective ending its levels at byte `i` of `body` ends
/// as a unit: after its body word (and a bracket after it, （管委会）), at
/// a separator or at the end; `None` when something else follows.
fn collective_end(body: &str, i: usize) -> Option<usize> {
    let after = body.get(i..)?;
    let word = COLLECTIVE_BODIES
        .iter()
        .find(|w| after.starts_with(**w))
        .map_or(0, |w| w.len());
    let mut end = i + word;
    if word > 0
        && body.get(end..)?.starts_with('（')
        && let Some(close) = body.get(end..)?.find('）')
    {
        end += close + '）'.len_utf8();
    }
    boundary_after(body, end).then_some(end)
}

/// Whether a collective spelling starting at byte `i` of `s` stands as a
/// unit on its left.
pub(super) fn boundary_before(s: &str, i: usize) -> bool {
    s.get(..i)
        .and_then(|h| h.chars().next_back())
        .is_none_or(|c| is_run_sep(c) || is_clause_sep(c) || matches!(c, '：' | ':' | '）'))
}

/// Whether a collective spelling ending at byte `j` of `s` stands as a
/// unit on its right.
pub(super) fn boundary_after(s: &str, j: usize) -> bool {
    let rest = s.get(j..).unwrap_or_default();
    rest.chars()
        .next()
        .is_none_or(|c| is_run_sep(c) || is_clause_sep(c) || matches!(c, '（' | '等'))
        || VERBS.iter().any(|(v, _)| rest.starts_with(v))
}

/// Cut a clause at top-level separators, handing each segment to `each` in
/// order (no vector of segments: a long list has dozens).
pub(super) fn for_each_segment<'a>(s: &'a str, dict: &UnitDict, mut each: impl FnMut(Segment<'a>)) {
    let mut collectives = CollectiveScan::default();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if collectives.protects(s, i, c, dict) {
            continue;
        }
        match c {
            '（' | '〔' | '【' | '[' => depth += 1,
            '）' | '〕' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 && (is_run_sep(c) || is_clause_sep(c)) => {
                each(Segment {
                    text: s.get(start..i).unwrap_or_default(),
                    ends_run: is_clause_sep(c),
                });
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    each(Segment {
        text: s.get(start..).unwrap_or_default(),
        ends_run: true,
    });
}

/// The segment's trailing bracketed remarks and marker words, stripped
/// from the end: (body, remarks in written order, marker role).
pub(super) fn strip_trailing(seg: &str) -> (&str, Vec<&str>, Option<Role>) {
    let mut body = trim(seg);
    let mut remarks = Vec::new();
    let mut verb = None;
    loop {
        if let Some(inner_end) = body.strip_suffix('）').map(str::len) {
            let Some(open) = matching_open(body, inner_end) else {
                break;
            };
            // A bracket after a collective naming more of it (各学院（部）,
            // 各县（市）) stays inside it (rule U3).
            let inner = &body[open + '（'.len_utf8()..inner_end];
            if body.starts_with('各')
                && char_count(inner) <= 3
                && !inner.contains(['牵', '配', '负', '参', '协'])
                && remarks.is_empty()
                && verb.is_none()
            {
                break;
            }
            // A bracket right after a unit name is a remark; one closing
            // the whole segment (（牵头）) too.
            remarks.push(&body[open + '（'.len_utf8()..inner_end]);
            body = body[..open].trim_end();
            continue;
        }
        // 按职责分工 (负责) says how, not who. Every such phrase ends with
        // 工, 责 or 职: other segments skip the list.
        if last_char(body).is_some_and(|c| matches!(c, '工' | '责' | '职'))
            && let Some(m) = MANNERS
                .iter()
                .find(|m| body.ends_with(*m) && body.len() > m.len())
        {
            body = body[..body.len() - m.len()].trim_end();
            continue;
        }
        let verb_end = last_char(body)
            .is_some_and(|c| matches!(c, '头' | '合' | '实' | '与' | '助' | '办' | '位' | '责'));
        if let Some((v, role)) = VERBS
            .iter()
            .filter(|_| verb_end)
            .find(|(v, _)| body.ends_with(v) && body.len() > v.len())
        {
            // 牵头负责: the lead marker wins over the word after it.
            verb = match (verb, role) {
                (_, Role::Lead) => Some(Role::Lead),
                (None, r) => Some(*r),
                (v, _) => v,
            };
            body = body[..body.len() - v.len()].trim_end();
            continue;
        }
        break;
    }
    body = body.strip_prefix('由').unwrap_or(body);
    for conj in ["以及", "及", "和", "与", "并"] {
        if let Some(rest) = body.strip_prefix(conj)
            && starts_unit_loosely(rest)
            && !starts_with_national_place(body)
        {
            body = rest;
            break;
        }
    }
    remarks.reverse();
    (body, remarks, verb)
}

/// Index of the （ matching the ） that ends at `close` (exclusive end of
/// the bracket's content).
pub(super) fn matching_open(s: &str, close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s[..close].char_indices().rev() {
        match c {
            '）' => depth += 1,
            '（' if depth == 0 => return Some(i),
            '（' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// A catch-all tail after 等: 市直部门 stays as a collective, 3个单位 or
/// 相关部门 is dropped. Returns (head, kept tail).
pub(super) fn cut_tail(body: &str) -> (&str, Option<&str>) {
    // A segment is a few characters: decoding them from the end is cheaper
    // than a memrchr call (`rfind`).
    let Some(pos) = body
        .char_indices()
        .rev()
        .find(|&(_, c)| c == '等')
        .map(|(i, _)| i)
    else {
        return (body, None);
    };
    let (head, tail) = (&body[..pos], &body[pos + '等'.len_utf8()..]);
    if !last_char(head).is_some_and(|c| is_unit_end(c) || is_level(c)) {
        return (body, None);
    }
    let bare = tail.trim_start_matches(|c: char| is_numeral(c) || matches!(c, '个' | '家' | '多'));
    // A bare count or word is dropped; a catch-all that says which units
    // (有关部门, 市直部门) is kept as a collective (rule U4).
    let generic = ["", "单位", "部门", "部门单位"];
    if generic.contains(&bare) {
        (head, None)
    } else {
        (head, Some(tail))
    }
}

/// Split units glued without a separator (省水利厅省交通运输厅) or joined
/// by 和/及/与, where a unit ending is followed by a unit start and the
/// whole is not one name;
/// each part is resolved and pushed as a draft of `run`.
pub(super) fn push_split_glued<'a>(
    body: &'a str,
    run: usize,
    region: &Region,
    dict: &UnitDict,
    out: &mut Vec<Draft<'a>>,
) {
    let whole = resolve(body, region, dict);
    if whole.known || body.contains('（') {
        out.push(Draft::new(body, whole, run));
        return;
    }
    let first = out.len();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in body.char_indices() {
        // 和/及/与 between two units joins them like a separator
        // (市环保局和市住建局); inside a name (住房和城乡建设局) it follows
        // no unit ending.
        let joiner = matches!(c, '和' | '及' | '与' | '以');
        let next = match c {
            '以' if body[i..].starts_with("以及") => i + "以及".len(),
            '以' => i,
            _ if joiner => i + c.len_utf8(),
            _ => i,
        };
        // 益阳市和望城区人民政府: a place joined to a unit (its suffix is
        // given to it afterwards).
        let place_joined =
            joiner && prev.is_some_and(is_level) && body.get(start..i).is_some_and(is_place_only);
        // 市级各有关部门及各县市区政府: a group of units (…部门, …单位)
        // joined to the next like a unit.
        let group_joined = joiner
            && body
                .get(start..i)
                .is_some_and(|h| h.ends_with("部门") || h.ends_with("单位"));
        if i > start
            && (prev.is_some_and(is_unit_end) || place_joined || group_joined)
            && char_count(&body[start..i]) >= 2
            && starts_unit(&body[next..], dict)
        {
            let part = &body[start..i];
            out.push(Draft::new(part, resolve(part, region, dict), run));
            start = next;
        }
        prev = Some(c);
    }
    if out.len() == first {
        out.push(Draft::new(body, whole, run));
    } else {
        let part = &body[start..];
        out.push(Draft::new(part, resolve(part, region, dict), run));
    }
}

/// Whether a text after a leading conjunction starts a unit (以及各区政府,
/// 和市住建局), so the conjunction is dropped — but not the 和 of a place
/// (和平区, 和田地区), which starts a known place name itself.
fn starts_unit_loosely(rest: &str) -> bool {
    let first = rest.chars().next();
    (first == Some('各') || first.is_some_and(is_level) || rest.starts_with("中共"))
        && char_count(rest) >= 2
}

/// Whether `s` starts with a name of the national place table.
fn starts_with_national_place(s: &str) -> bool {
    let table = national();
    s.char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .take(table.max_chars)
        .any(|end| s.get(..end).is_some_and(|p| table.knows(p)))
}

/// Whether a new unit starts here: a level character followed by a name,
/// 中共, 各, or a known place.
pub(super) fn starts_unit(rest: &str, dict: &UnitDict) -> bool {
    let mut chars = rest.chars();
    let first = chars.next();
    (first.is_some_and(is_level) && char_count(rest) >= 3)
        || rest.starts_with("中共")
        || (first == Some('各') && char_count(rest) >= 3)
        || ["政府", "人大", "政协", "纪委"]
            .iter()
            .any(|w| rest.starts_with(w))
        || dict.starts_with_place(rest)
}

/// The place prefix and unit suffix of a written unit (雨湖区|人民政府),
/// for giving the suffix to bare place names before it.
pub(super) fn shared_suffix(t: &str) -> Option<&str> {
    let (i, c) = t.char_indices().rev().find(|(_, c)| is_level(*c))?;
    let suffix = &t[i + c.len_utf8()..];
    (char_count(suffix) >= 2
        && char_count(&t[..i]) >= 1
        && last_char(suffix).is_some_and(is_unit_end))
    .then_some(suffix)
}

/// A written unit that is only a place (湘潭县, 高新区).
pub(super) fn is_bare_place(t: &str, dict: &UnitDict) -> bool {
    is_place_only(t) && !dict.collectives.contains_key(t)
}

/// Give a suffix written once to the bare places before it
/// (湘潭县、湘乡市、韶山市人民政府; 高新区、经开区管委会).
pub(super) fn distribute_suffixes(drafts: &mut [Draft<'_>], region: &Region, dict: &UnitDict) {
    for i in 0..drafts.len() {
        let Some(d) = drafts.get(i) else { continue };
        if !is_bare_place(d.body(), dict) {
            continue;
        }
        let run = d.run;
        let next = drafts
            .iter()
            .skip(i + 1)
            .take_while(|n| n.run == run)
            .find(|n| !is_bare_place(n.body(), dict));
        if let Some(suffix) = next.and_then(|n| shared_suffix(n.body()))
            && let Some(d) = drafts.get(i)
        {
            let body = format!("{}{suffix}", d.body());
            let res = resolve(&body, region, dict);
            if let Some(d) = drafts.get_mut(i) {
                d.changed = Some(body.into_boxed_str());
                d.res = res;
            }
        }
    }
}

/// Give 各 written once to the government written after it
/// (各盟行政公署、市人民政府 → 各盟行政公署, 各市人民政府): a bare level
/// and body right after a 各 collective of one level.
pub(super) fn distribute_each(drafts: &mut [Draft<'_>]) {
    for i in 1..drafts.len() {
        let (Some(prev), Some(d)) = (drafts.get(i - 1), drafts.get(i)) else {
            continue;
        };
        if prev.run != d.run || !one_level_collective(prev.body()) {
            continue;
        }
        let body = d.body();
        let mut chars = body.chars();
        let single =
            chars.next().is_some_and(is_level) && COLLECTIVE_BODIES.contains(&chars.as_str());
        let name = format!("各{body}");
        if single && let Some(d) = drafts.get_mut(i) {
            d.res.name = name;
            d.res.collective = true;
            d.res.known = true;
        }
    }
}

/// 各 + one level character + a collective body (各盟行政公署, 各县人民政府).
fn one_level_collective(t: &str) -> bool {
    let Some(rest) = t.strip_prefix('各') else {
        return false;
    };
    let mut chars = rest.chars();
    chars.next().is_some_and(is_level) && COLLECTIVE_BODIES.contains(&chars.as_str())
}

/// Give a prefix written once to the units after it that have none
/// (市自然资源局、林业局、水利局 → 市林业局, 市水利局), when the prefixed
/// form is a dictionary unit.
pub(super) fn distribute_prefixes(drafts: &mut [Draft<'_>], region: &Region, dict: &UnitDict) {
    // (draft index, prefix range) of the last unit written with a prefix.
    let mut carry: Option<(usize, Range<usize>)> = None;
    // The last place written in full (长宁区), for a lone level character
    // of its level the region does not give (长宁区建管委、区绿化市容局 in a
    // 上海市 plan).
    let mut named: Option<(usize, Range<usize>)> = None;
    for i in 0..drafts.len() {
        let Some(d) = drafts.get(i) else { continue };
        if !d.res.prefix.is_empty() {
            let prefix = d.body().get(d.res.prefix.clone()).unwrap_or_default();
            let mut chars = prefix.chars();
            let mut renamed = None;
            match (chars.next(), chars.next()) {
                (Some(c), None) if is_level(c) && region.place(c).is_none() => {
                    if let Some((j, r)) = &named
                        && let Some(p) = drafts.get(*j).and_then(|n| n.body().get(r.clone()))
                        && p.ends_with(c)
                    {
                        let rest = d.body().get(c.len_utf8()..).unwrap_or_default();
                        let candidate = format!("{p}{rest}");
                        if let Some(hit) = lookup(&candidate, region, dict)
                            && candidate.get(hit.prefix.clone()) == Some(p)
                        {
                            renamed = Some((hit.name, candidate));
                        }
                    }
                }
                (Some(_), Some(_)) if is_place_only(prefix) => {
                    named = Some((i, d.res.prefix.clone()));
                }
                _ => {}
            }
            let prefix_range = d.res.prefix.clone();
            if let Some((name, candidate)) = renamed
                && let Some(d) = drafts.get_mut(i)
            {
                d.res.name = name;
                d.changed = Some(candidate.into_boxed_str());
            }
            carry = Some((i, prefix_range));
            continue;
        }
        if !d.res.unprefixed {
            continue;
        }
        let Some(p) = carry
            .as_ref()
            .and_then(|(j, r)| drafts.get(*j).and_then(|c| c.body().get(r.clone())))
        else {
            continue;
        };
        let candidate = format!("{p}{}", d.body());
        let Some(hit) = lookup(&candidate, region, dict) else {
            continue;
        };
        if candidate.get(hit.prefix.clone()) == Some(p)
            && let Some(d) = drafts.get_mut(i)
        {
            d.res.name = hit.name;
            d.res.unprefixed = false;
            d.changed = Some(candidate.into_boxed_str());
        }
    }
}

/// Organs a place or a zone has several of, written bare after the first
/// (宿马园区党工委、管委会; 某镇党委、政府): the bare one is the same place's.
const ORGANS: [&str; 11] = [
    "党工委",
    "管委会",
    "管理委员会",
    "工委",
    "党委",
    "纪工委",
    "人民政府",
    "政府",
    "办事处",
    "人大",
    "政协",
];

/// A unit written as a bare organ ([`ORGANS`]) right after one of the same
/// list takes that unit's place: 宿马园区党工委、管委会 → 宿马园区管委会, not a
/// 管委会 of nowhere. Only where the unit before is a place or zone and
/// an organ of it, so a department (…局、党委) lends nothing.
pub(super) fn distribute_to_bare_organs(
    drafts: &mut [Draft<'_>],
    region: &Region,
    dict: &UnitDict,
) {
    for i in 1..drafts.len() {
        let Some(d) = drafts.get(i) else { continue };
        let bare = d.body();
        if !ORGANS.contains(&bare) {
            continue;
        }
        let Some(prev) = drafts.get(i - 1).filter(|p| p.run == d.run) else {
            continue;
        };
        let prev = prev.body();
        let Some(place) = ORGANS
            .iter()
            .filter_map(|o| prev.strip_suffix(o))
            .filter(|p| char_count(p) >= 2)
            .min_by_key(|p| p.len())
        else {
            continue;
        };
        let candidate = format!("{place}{bare}");
        let res = resolve(&candidate, region, dict);
        if let Some(d) = drafts.get_mut(i) {
            d.res = res;
            d.changed = Some(candidate.into_boxed_str());
        }
    }
}

/// Room for the drafts of a list: one more than its separators. Counted
/// on bytes: the last bytes of 、，；(81, 8C, 9B) may also end other
/// characters, which only over-counts (a test checks it never
/// under-counts).
pub(super) fn draft_capacity(s: &str) -> usize {
    1 + s
        .bytes()
        .filter(|b| matches!(b, 0x81 | 0x8C | 0x9B | b',' | b';' | b' '))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_collectives() {
        fn len(s: &str) -> Option<&str> {
            listed_collective_len(s).and_then(|n| s.get(..n))
        }
        assert_eq!(len("各街道、镇"), Some("各街道、镇"));
        assert_eq!(len("各市、区人民政府"), Some("各市、区人民政府"));
        assert_eq!(
            len("各市、州、县人民政府，市直部门"),
            Some("各市、州、县人民政府")
        );
        assert_eq!(
            len("各县、区人民政府（管委会）"),
            Some("各县、区人民政府（管委会）")
        );
        assert_eq!(len("各区、县（市）政府"), Some("各区、县（市）政府"));
        // A unit after the 、, not a level: no collective across it.
        assert_eq!(len("各县市区、市直各单位"), None);
        assert_eq!(len("各乡镇人民政府、县住建局"), None);
        assert_eq!(len("各乡镇人民政府"), None);
    }

    fn segments(s: &str) -> Vec<String> {
        let dict = UnitDict::builtin();
        let mut out = Vec::new();
        for_each_segment(s, &dict, |seg| out.push(seg.text.to_string()));
        out
    }

    #[test]
    fn segments_keep_collectives_whole() {
        assert_eq!(
            segments("市水务局、各县、区人民政府（管委会）"),
            ["市水务局", "各县、区人民政府（管委会）"]
        );
        assert_eq!(
            segments("西咸新区、各开发区管委会"),
            ["西咸新区", "各开发区管委会"]
        );
        assert_eq!(
            segments("市住建局和各市、区人民政府"),
            ["市住建局和各市、区人民政府"]
        );
    }

    #[test]
    fn trailing_markers() {
        assert_eq!(strip_trailing("州林业和草原局牵头负责").2, Some(Role::Lead));
        assert_eq!(strip_trailing("市能源局负责牵头").2, Some(Role::Lead));
        assert_eq!(
            strip_trailing("区城管局和区住建局联合").0,
            "区城管局和区住建局"
        );
        assert_eq!(strip_trailing("以及各区（市）政府").0, "各区（市）政府");
        assert_eq!(strip_trailing("和平区人民政府").0, "和平区人民政府");
        assert_eq!(strip_trailing("各学院（部）").0, "各学院（部）");
    }

    #[test]
    fn catch_all_tails() {
        assert_eq!(
            cut_tail("区审计局等有关部门"),
            ("区审计局", Some("有关部门"))
        );
        assert_eq!(cut_tail("市审计局等3个单位"), ("市审计局", None));
        assert_eq!(cut_tail("市审计局等部门"), ("市审计局", None));
    }
}
