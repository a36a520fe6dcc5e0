//! Canonical names: one written unit resolved against the dictionary and
//! the region (collective, dictionary entry, bare place, proper name).

#[allow(unused_imports)]
use super::*;

/// A unit list resolved to names: how one written unit came out.
#[derive(Debug, Clone)]
pub(super) struct Resolved {
    pub(super) name: String,
    pub(super) collective: bool,
    /// Found in the dictionary, a place or a proper name: no diagnostic.
    pub(super) known: bool,
    /// A dictionary hit whose text had no place prefix (林业局): a prefix
    /// written earlier in the list may apply to it.
    pub(super) unprefixed: bool,
    /// Where the place prefix (市, 湘乡市) is in the resolved text, for
    /// the units after it; empty when none.
    pub(super) prefix: Range<usize>,
}

/// A dictionary hit: where the place prefix is in the text (empty when
/// none was written) and the rendered name.
pub(super) struct Hit {
    pub(super) prefix: Range<usize>,
    pub(super) name: String,
}

/// Whether `p` can stand before a stem: nothing, a level character, a
/// known short place name (湘潭) or a place name ending in a level
/// (湘乡市, 雨湖区).
pub(super) fn valid_prefix(p: &str, dict: &UnitDict) -> bool {
    let mut chars = p.chars();
    match (chars.next(), chars.next()) {
        (None, _) => return true,
        (Some(c), None) => return is_level(c),
        _ => {}
    }
    if dict.shorts.contains_key(p) {
        return true;
    }
    let n = char_count(p);
    match last_char(p) {
        Some(c) if is_level(c) => n == 1 || (n <= 12 && !p.chars().any(not_in_place)),
        _ => false,
    }
}

/// The full and short place a prefix stands for, given the region.
pub(super) fn place_of<'a>(
    prefix: &'a str,
    region: &Region<'a>,
    dict: &'a UnitDict,
) -> (&'a str, &'a str) {
    let mut chars = prefix.chars();
    match (chars.next(), chars.next()) {
        (None, _) => return ("", ""),
        // Short place names have at least two characters (see
        // `place_short`), so a lone level character is never one of them.
        (Some(c), None) => return region.place(c).unwrap_or((prefix, prefix)),
        _ => {}
    }
    if let Some(full) = dict.shorts.get(prefix) {
        return (full, prefix);
    }
    (prefix, place_short(prefix).unwrap_or(prefix))
}

/// The level character a prefix belongs to (for choosing an entry).
pub(super) fn prefix_level(prefix: &str) -> Option<char> {
    if prefix.ends_with("自治区") {
        return Some('省');
    }
    last_char(prefix).filter(|c| is_level(*c))
}

/// Pick the entry for a prefix: the same level first, then the same tier;
/// with no prefix, the 市 entry (the usual level of a plan).
pub(super) fn pick_entry(entries: &[(char, Template)], level: Option<char>) -> Option<&Template> {
    let want = level.unwrap_or('市');
    entries
        .iter()
        .find(|(l, _)| *l == want)
        .or_else(|| {
            entries
                .iter()
                .find(|(l, _)| is_province_level(*l) == is_province_level(want))
        })
        .or_else(|| {
            if level.is_none() {
                entries.first()
            } else {
                None
            }
        })
        .map(|(_, t)| t)
}

/// Dictionary lookup of one unit text: exact entries, then the longest
/// stem ending the text behind a valid prefix, then compound canonical
/// names (中共湘潭市纪律检查委员会湘潭市监察委员会).
pub(super) fn lookup(t: &str, region: &Region, dict: &UnitDict) -> Option<Hit> {
    if let Some(tpl) = dict.exact.get(t) {
        let (full, short) = place_of("市", region, dict);
        return Some(Hit {
            prefix: 0..t.len(),
            name: tpl.render(full, short),
        });
    }
    let offset = if t.starts_with("中共") {
        "中共".len()
    } else {
        0
    };
    let core = t.get(offset..).unwrap_or(t);
    if let Some((start, tpl)) = longest_stem(core, dict) {
        let prefix = &core[..start];
        let (full, short) = place_of(prefix, region, dict);
        return Some(Hit {
            prefix: offset..offset + start,
            name: tpl.render(full, short),
        });
    }
    let compound = dict.compounds.iter().any(|tpl| {
        region
            .levels()
            .iter()
            .any(|l| tpl.matches(t, l, place_short(l).unwrap_or(l)))
    });
    compound.then(|| Hit {
        prefix: 0..t.len(),
        name: t.to_string(),
    })
}

/// The longest stem ending `core` behind a valid prefix that has an entry
/// for the prefix's level: where it starts and the entry. Suffixes are
/// probed in the stem map from the longest down (a unit text is a few
/// characters, so that is a handful of hash lookups).
pub(super) fn longest_stem<'d>(core: &str, dict: &'d UnitDict) -> Option<(usize, &'d Template)> {
    let min_start = core.len().saturating_sub(dict.max_stem_len);
    core.char_indices()
        .filter(|&(i, c)| i >= min_start && dict.may_be_stem(c, core.len() - i))
        .find_map(|(start, _)| {
            let entries = dict.stems.get(core.get(start..)?)?;
            let prefix = core.get(..start)?;
            if !valid_prefix(prefix, dict) {
                return None;
            }
            pick_entry(entries, prefix_level(prefix)).map(|tpl| (start, tpl))
        })
}

/// Collectives written generically: 各…, 市直相关部门, 14个…责任单位.
pub(super) fn is_generic_collective(t: &str) -> bool {
    if t.starts_with('各') {
        return true;
    }
    if t.starts_with(is_numeral) {
        let digits = t.chars().take_while(|c| is_numeral(*c)).count();
        if t.chars()
            .nth(digits)
            .is_some_and(|c| c == '个' || c == '家')
        {
            return true;
        }
    }
    ["部门", "单位", "企业", "机构"]
        .iter()
        .any(|e| t.ends_with(e))
        && ["相关", "有关", "市直", "县直", "区直", "省直", "成员"]
            .iter()
            .any(|h| t.contains(h))
}

/// Whether `t` is only a place name (湘潭县, 高新区).
pub(super) fn is_place_only(t: &str) -> bool {
    last_char(t).is_some_and(is_level)
        && (2..=10).contains(&char_count(t))
        && !t.chars().any(not_in_place)
}

/// A place name standing alone (湘潭县, 高新区): the unit is its
/// government or, for a zone, its management committee.
pub(super) fn bare_place_unit(t: &str) -> Option<String> {
    if !is_place_only(t) {
        return None;
    }
    let last = last_char(t)?;
    let zone = last == '区'
        && [
            "园", "开发", "新区", "示范", "经开", "高新", "工业", "保税", "产业",
        ]
        .iter()
        .any(|z| t.contains(z));
    Some(if zone {
        format!("{t}管委会")
    } else {
        format!("{t}人民政府")
    })
}

/// Resolve one unit text to its canonical name, from the memo when the
/// document resolved the same text before.
pub(super) fn resolve(t: &str, region: &Region, dict: &UnitDict) -> Resolved {
    let Some(memo) = region.memo else {
        return resolve_text(t, region, dict);
    };
    if let Some(r) = memo.resolved.borrow().get(t) {
        return r.clone();
    }
    let r = resolve_text(t, region, dict);
    memo.resolved.borrow_mut().insert(t.to_string(), r.clone());
    r
}

/// [`resolve`] without the memo.
pub(super) fn resolve_text(t: &str, region: &Region, dict: &UnitDict) -> Resolved {
    let plain = |name: String, collective: bool, known: bool| Resolved {
        name,
        collective,
        known,
        unprefixed: false,
        prefix: 0..0,
    };
    if let Some(canon) = dict.collectives.get(t) {
        return plain(canon.clone(), true, true);
    }
    if is_generic_collective(t) {
        return plain(t.to_string(), true, true);
    }
    if let Some(hit) = lookup(t, region, dict) {
        return Resolved {
            name: hit.name,
            collective: false,
            known: true,
            unprefixed: hit.prefix.is_empty(),
            prefix: hit.prefix,
        };
    }
    if let Some(unit) = bare_place_unit(t) {
        let name = match lookup(&unit, region, dict) {
            Some(hit) => hit.name,
            None => dict.collectives.get(&unit).cloned().unwrap_or(unit),
        };
        let collective = dict.collectives.contains_key(&name);
        return plain(name, collective, true);
    }
    // A name that carries its own place and ends like a unit (湘潭日报社,
    // 湘潭电厂) is a complete proper name.
    let proper = last_char(t).is_some_and(is_unit_end) && dict.starts_with_place(t);
    plain(t.to_string(), false, proper)
}
