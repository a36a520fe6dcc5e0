//! Places: the plan's region as a chain of levels, and short forms of place
//! names.

#[allow(unused_imports)]
use super::*;

/// 湘潭市 → 湘潭; 湖南省 → 湖南; a two-character name keeps its level
/// (雨湖区 → 雨湖, but 攸县 stays 攸县).
pub(super) fn place_short(name: &str) -> Option<&str> {
    // Every suffix below ends in one of these.
    if !last_char(name).is_some_and(|c| matches!(c, '省' | '市' | '县' | '区' | '州')) {
        return None;
    }
    for suffix in [
        "土家族苗族自治州",
        "自治州",
        "自治区",
        "省",
        "市",
        "县",
        "区",
        "州",
    ] {
        if let Some(s) = name.strip_suffix(suffix) {
            return Some(if char_count(s) >= 2 { s } else { name });
        }
    }
    None
}

/// Most levels a region chain holds (province … township).
pub(super) const MAX_LEVELS: usize = 6;

/// The plan's region split into levels, with the places above it from the
/// dictionary: 湘潭市 → [湘潭市, 湖南省]. Borrowed and fixed-size: built
/// once per list, it must not allocate.
#[derive(Debug, Default)]
pub(super) struct Region<'a> {
    pub(super) levels: [&'a str; MAX_LEVELS],
    pub(super) len: usize,
    /// The full and short place of the 市 level (湘潭市, 湘潭), if the
    /// region has one: nearly every dictionary hit renders it, so it is
    /// worked out once per list rather than once per unit.
    pub(super) city: Option<(&'a str, &'a str)>,
    /// The context's memo of resolutions.
    pub(super) memo: Option<&'a UnitMemo>,
}

impl<'a> Region<'a> {
    pub(super) fn new(region: Option<&'a str>, dict: &'a UnitDict) -> Region<'a> {
        let mut reg = Region::default();
        if let Some(r) = region {
            let mut start = 0;
            for (i, c) in r.char_indices() {
                let end = i + c.len_utf8();
                if is_level(c) && char_count(&r[start..end]) >= 2 {
                    reg.push(&r[start..end]);
                    start = end;
                }
            }
            let rest = r[start..].trim();
            if !rest.is_empty() {
                reg.push(rest);
            }
        }
        let mut top = reg.levels().first().copied();
        while let Some(t) = top {
            top = dict
                .parent(t)
                .filter(|p| !reg.levels().contains(p) && reg.len < MAX_LEVELS);
            if let Some(p) = top {
                reg.push(p);
            }
        }
        reg.city = reg.full_and_short('市');
        reg
    }

    /// The region of levels worked out before by [`Region::new`].
    pub(super) fn from_levels(levels: impl Iterator<Item = &'a str>) -> Region<'a> {
        let mut reg = Region::default();
        for l in levels {
            reg.push(l);
        }
        reg.city = reg.full_and_short('市');
        reg
    }

    /// The full and short place of the level `c` (市 → 湘潭市, 湘潭).
    pub(super) fn full_and_short(&self, c: char) -> Option<(&'a str, &'a str)> {
        self.at(c)
            .map(|full| (full, place_short(full).unwrap_or(full)))
    }

    /// [`Region::full_and_short`], from the cache for 市.
    pub(super) fn place(&self, c: char) -> Option<(&'a str, &'a str)> {
        if c == '市' {
            self.city
        } else {
            self.full_and_short(c)
        }
    }

    pub(super) fn push(&mut self, level: &'a str) {
        if let Some(slot) = self.levels.get_mut(self.len) {
            *slot = level;
            self.len += 1;
        }
    }

    pub(super) fn levels(&self) -> &[&'a str] {
        self.levels.get(..self.len).unwrap_or_default()
    }

    /// The region's place of the level `c` (市 → 湘潭市).
    pub(super) fn at(&self, c: char) -> Option<&'a str> {
        self.levels().iter().copied().find(|l| {
            last_char(l) == Some(c)
                || (c == '省' && l.ends_with("自治区"))
                || (c == '市' && l.ends_with('州'))
        })
    }
}
