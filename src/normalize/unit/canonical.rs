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
    /// Expanded by a general entry although the expansion differs by city
    /// (城管局 → 城市管理局): worth a diagnostic.
    pub(super) varies: bool,
}

/// A dictionary hit: where the place prefix is in the text (empty when
/// none was written) and the rendered name.
pub(super) struct Hit {
    pub(super) prefix: Range<usize>,
    pub(super) varies: bool,
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
    if dict.shorts.contains_key(p) || level_word(p).is_some() || national().knows(p) {
        return true;
    }
    let n = char_count(p);
    match last_char(p) {
        // A conjunction joins two places (益阳市和望城区), unless the table
        // knows the name (和平区, checked above).
        Some(c) if is_level(c) => {
            n == 1
                || (n <= 12
                    && !p
                        .chars()
                        .any(|c| not_in_place(c) || matches!(c, '和' | '及' | '与')))
        }
        _ => false,
    }
}

/// The full and short place a prefix stands for, given the region.
pub(super) fn place_of<'r>(
    prefix: &'r str,
    region: &'r Region<'_>,
    dict: &'r UnitDict,
) -> (&'r str, &'r str) {
    let mut chars = prefix.chars();
    match (chars.next(), chars.next()) {
        (None, _) => return ("", ""),
        // Short place names have at least two characters (see
        // `place_short`), so a lone level character is never one of them.
        (Some(c), None) => return region.place(c).unwrap_or((prefix, prefix)),
        _ => {}
    }
    if let Some(c) = level_word(prefix) {
        return region.place(c).unwrap_or((prefix, prefix));
    }
    if let Some(full) = dict.shorts.get(prefix) {
        return (full, prefix);
    }
    if let Some(full) = national().expand_short(prefix, region.levels()) {
        return (full, prefix);
    }
    (prefix, place_short(prefix).unwrap_or(prefix))
}

/// Whether `full` (from [`place_of`]) is a place: not nothing, and not a
/// lone level character the region could not resolve.
fn names_a_place(full: &str) -> bool {
    let mut chars = full.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        (Some(c), None) => !is_level(c),
        _ => level_word(full).is_none(),
    }
}

/// A level written as a word (自治区林草局, 自治州民政局): the level
/// character it stands for.
pub(super) fn level_word(p: &str) -> Option<char> {
    match p {
        "自治区" => Some('省'),
        "自治州" => Some('州'),
        "自治县" => Some('县'),
        "自治旗" => Some('旗'),
        "地区" => Some('市'),
        "林区" | "特区" | "新区" => Some('区'),
        _ => None,
    }
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
            varies: false,
            name: tpl.render(full, short),
        });
    }
    let offset = if t.starts_with("中共") {
        "中共".len()
    } else {
        0
    };
    let core = t.get(offset..).unwrap_or(t);
    if let Some((start, tpl, regional)) = longest_stem(core, region, dict) {
        let prefix = &core[..start];
        let (full, short) = place_of(prefix, region, dict);
        // A name with its place inside (国家税务总局{市}税务局) is not made
        // without the place: 区税务局 or 税务局 in a plan that names no
        // region stays as written, an unknown unit, rather than becoming
        // 国家税务总局区税务局.
        if tpl.place_inside() && !names_a_place(full) {
            return None;
        }
        return Some(Hit {
            prefix: offset..offset + start,
            varies: !regional && core.get(start..).is_some_and(|s| dict.varies.contains(s)),
            name: tpl.render(full, short),
        });
    }
    if let Some((start, name)) = by_parts(core) {
        let prefix = &core[..start];
        let (full, _) = place_of(prefix, region, dict);
        return Some(Hit {
            prefix: offset..offset + start,
            varies: false,
            name: format!("{full}{name}"),
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
        varies: false,
        name: t.to_string(),
    })
}

/// The longest stem ending `core` behind a valid prefix that has an entry
/// for the prefix's level: where it starts and the entry. Suffixes are
/// probed in the stem map from the longest down (a unit text is a few
/// characters, so that is a handful of hash lookups).
/// The third value says whether the entry is one for the region's place
/// (@region).
pub(super) fn longest_stem<'d>(
    core: &str,
    region: &Region,
    dict: &'d UnitDict,
) -> Option<(usize, &'d Template, bool)> {
    let min_start = core.len().saturating_sub(dict.max_stem_len);
    core.char_indices()
        .filter(|&(i, c)| i >= min_start && dict.may_be_stem(c, core.len() - i))
        .find_map(|(start, _)| {
            let stem = core.get(start..)?;
            let prefix = core.get(..start)?;
            let regional = dict.regional.get(stem).and_then(|entries| {
                let level = prefix_level(prefix).unwrap_or('市');
                entries
                    .iter()
                    .filter(|(place, _, _)| region.levels().contains(&place.as_str()))
                    .find(|(_, l, _)| is_province_level(*l) == is_province_level(level))
                    .map(|(_, _, tpl)| tpl)
            });
            let entries = dict.stems.get(stem);
            if regional.is_none() && entries.is_none() {
                return None;
            }
            if !valid_prefix(prefix, dict) {
                return None;
            }
            if let Some(tpl) = regional {
                return Some((start, tpl, true));
            }
            pick_entry(entries?, prefix_level(prefix)).map(|tpl| (start, tpl, false))
        })
}

/// A department named by its parts behind a place prefix (县林草局): where
/// the name starts and its official spelling. The shortest valid prefix
/// is taken (市|城市管理局, not 市城|市管理局).
pub(super) fn by_parts(core: &str) -> Option<(usize, String)> {
    if !last_char(core).is_some_and(is_unit_end) {
        return None;
    }
    let table = parts();
    core.char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .take(16)
        .find_map(|start| {
            let prefix = core.get(..start)?;
            if !prefix_is_place(prefix) {
                return None;
            }
            table.expand(core.get(start..)?).map(|name| (start, name))
        })
}

/// A prefix that names a place or a level (市, 自治区, 朝阳区, 湘潭).
fn prefix_is_place(p: &str) -> bool {
    let mut chars = p.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        (Some(c), None) => is_level(c),
        _ => {
            level_word(p).is_some()
                || national().knows(p)
                || (last_char(p).is_some_and(is_level)
                    && char_count(p) <= 12
                    && !p.chars().any(not_in_place))
        }
    }
}

/// Collectives written generically: 各…, 市直相关部门, 14个…责任单位.
pub(super) fn is_generic_collective(t: &str) -> bool {
    if t.starts_with('各') {
        return true;
    }
    // 全区经济运行各专班, 全市各级河长: a catch-all of the whole place.
    if ["全市", "全区", "全县", "全省", "全州", "全旗", "全盟"]
        .iter()
        .any(|w| t.starts_with(w))
        && t.contains('各')
    {
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

/// Whether `t` is only a place name (湘潭县, 高新区, 周溪镇).
pub(super) fn is_place_only(t: &str) -> bool {
    (last_char(t).is_some_and(is_level) || is_township(t))
        && (2..=10).contains(&char_count(t))
        && !t.chars().any(not_in_place)
}

/// A township or street written alone (周溪镇, 多宝乡, 东街街道).
fn is_township(t: &str) -> bool {
    (t.ends_with('镇') || t.ends_with('乡') || t.ends_with("街道"))
        && !t.starts_with('各')
        && (3..=6).contains(&char_count(t))
        && !t.ends_with("乡镇")
        && !t.ends_with("城乡")
}

/// A place name standing alone (湘潭县, 高新区, 锡林郭勒盟): the unit is
/// its government — 行政公署 for a 盟 or 地区, 办事处 for a street — or,
/// for a zone, its management committee.
pub(super) fn bare_place_unit(t: &str) -> Option<String> {
    if !is_place_only(t) {
        return None;
    }
    let last = last_char(t)?;
    let zone = last == '区'
        && national().by_full(t).is_empty()
        && [
            "园", "开发", "新区", "示范", "经开", "高新", "工业", "保税", "产业",
        ]
        .iter()
        .any(|z| t.contains(z));
    Some(if zone {
        format!("{t}管委会")
    } else if last == '盟' || t.ends_with("地区") {
        format!("{t}行政公署")
    } else if t.ends_with("街道") {
        format!("{t}办事处")
    } else {
        format!("{t}人民政府")
    })
}

/// A branch of a higher body (rule U13): 县生态环境分局 in a 平山县 plan →
/// 石家庄市生态环境局平山县分局; 区公安分局 in a 巴州区 plan → 巴中市公安局
/// 巴州区分局. The branch of a county-level place, or the police branch
/// of a city district, when the region names the city above it. Other
/// district branches are named as written (杭州市余杭区生态环境分局: their
/// names vary, 生态环境局余杭分局).
pub(super) fn branch_name(core: &str, region: &Region, dict: &UnitDict) -> Option<String> {
    let stem = core.strip_suffix("分局")?;
    let mut chars = stem.chars();
    let level = chars.next().filter(|c| matches!(c, '县' | '区' | '旗'))?;
    let dept = chars.as_str();
    if dept.is_empty() || (level == '区' && dept != "公安") {
        return None;
    }
    let place = region.exact_at(level)?;
    let (city, _) = region.place('市')?;
    if city == place {
        return None;
    }
    let dept_full = dict
        .stems
        .get(&format!("{dept}局"))
        .and_then(|e| pick_entry(e, Some('市')))
        .map(|tpl| tpl.render("", ""))
        .or_else(|| parts().expand(&format!("{dept}局")))?;
    Some(format!("{city}{dept_full}{place}分局"))
}

/// Whether a conjunction in `t` is followed by a place (益阳市和望城区…):
/// two units, not one proper name.
fn joins_a_place(t: &str, dict: &UnitDict) -> bool {
    t.char_indices().any(|(i, c)| {
        matches!(c, '和' | '及' | '与')
            && t.get(i + c.len_utf8()..)
                .is_some_and(|rest| dict.starts_with_place(rest))
    })
}

/// Words that make a 区 a development zone rather than a district.
const ZONE_WORDS: &[&str] = &[
    "园", "开发", "新区", "示范", "经开", "高新", "工业", "保税", "产业", "投资", "合作", "港",
];

/// A named development zone written without its city (高新区, 台商投资区管委会
/// in a 漳州市 plan): its 管委会 with the city's short name in front
/// (漳州高新区管委会), in a city's plan. Generic zones (开发区管委会, 园区) and zones whose
/// name starts with a place are left alone; a zone that is a division of
/// the national table (浦东新区) is a district.
pub(super) fn zone_name(t: &str, region: &Region) -> Option<String> {
    let zone = t
        .strip_suffix("管委会")
        .or_else(|| t.strip_suffix("管理委员会"))
        .unwrap_or(t);
    if !zone.ends_with('区')
        || !ZONE_WORDS.iter().any(|w| zone.contains(w))
        || matches!(
            zone,
            "开发区" | "园区" | "工业园区" | "示范区" | "新区" | "工业区"
        )
        || zone.starts_with(['各', '市', '县', '区', '省', '州'])
        || zone.contains(['、', '，', '（', '）', '局', '委', '府', '厅'])
        || !(3..=12).contains(&char_count(zone))
        || !national().by_full(zone).is_empty()
        || starts_with_known_place(zone)
    {
        return None;
    }
    // Only a city's plan says whose zone it is; in a county's plan the
    // zone may be the county's own (沂水经济开发区), and is left alone.
    let own = region.own()?;
    let table = national();
    let city = table
        .pick(table.by_full(own), region.levels())
        .is_some_and(Place::is_prefecture);
    if !city {
        return None;
    }
    Some(format!("{}{zone}管委会", short_of(own)))
}

/// Whether `s` starts with a full name or short form of the national table.
fn starts_with_known_place(s: &str) -> bool {
    let table = national();
    s.char_indices()
        .skip(2)
        .map(|(i, _)| i)
        .take(table.max_chars)
        .any(|end| s.get(..end).is_some_and(|p| table.knows(p)))
}

/// A department no entry or part explains, written behind a level
/// character the region resolves (市交通运输事业发展中心 in a 曲靖市 plan):
/// qualified with the place as written (rule U1), but still reported.
pub(super) fn qualified_as_written(t: &str, region: &Region) -> Option<String> {
    let mut chars = t.chars();
    let level = chars.next().filter(|c| is_level(*c))?;
    let stem = chars.as_str();
    // Only names that end in a full word: an abbreviation (治气办) is kept
    // as written.
    let full_end = [
        "局",
        "委员会",
        "中心",
        "支队",
        "大队",
        "中队",
        "站",
        "所",
        "院",
        "馆",
        "厅",
        "办公室",
        "公司",
        "集团",
        "处",
        "科",
    ]
    .iter()
    .any(|e| stem.ends_with(e));
    if char_count(stem) < 3
        || !full_end
        || stem.chars().any(|c| not_in_place(c) && !is_unit_end(c))
        || stem.starts_with(is_level)
        || stem.contains(['和', '及', '与'])
    {
        return None;
    }
    let (full, _) = region.place(level)?;
    Some(format!("{full}{stem}"))
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
        varies: false,
    };
    if let Some(canon) = dict.collectives.get(t) {
        return plain(canon.clone(), true, true);
    }
    if is_generic_collective(t) {
        return plain(t.to_string(), true, true);
    }
    if let Some(name) = branch_name(t, region, dict) {
        return plain(name, false, true);
    }
    if let Some(name) = zone_name(t, region) {
        return plain(name, false, true);
    }
    if let Some(hit) = lookup(t, region, dict) {
        return Resolved {
            name: hit.name,
            collective: false,
            known: true,
            unprefixed: hit.prefix.is_empty(),
            prefix: hit.prefix,
            varies: hit.varies,
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
    let proper = last_char(t).is_some_and(is_unit_end)
        && dict.starts_with_place(t)
        && !joins_a_place(t, dict);
    if !proper && let Some(name) = qualified_as_written(t, region) {
        return plain(name, false, false);
    }
    plain(t.to_string(), false, proper)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(t: &str, region: &str) -> (String, bool) {
        let dict = UnitDict::builtin();
        let r = resolve_text(t, &Region::new(Some(region), &dict), &dict);
        (r.name, r.known)
    }

    #[test]
    fn departments_by_parts_and_by_entry() {
        assert_eq!(
            name("县林草局", "漾濞彝族自治县").0,
            "漾濞彝族自治县林业和草原局"
        );
        assert_eq!(name("市文广旅局", "盐城市").0, "盐城市文化广电和旅游局");
        assert_eq!(
            name("区建管委", "上海市普陀区").0,
            "上海市普陀区建设和管理委员会"
        );
        assert_eq!(
            name("盟行署办公室", "锡林郭勒盟").0,
            "锡林郭勒盟行政公署办公室"
        );
        assert_eq!(name("威海海事局", "威海市").0, "威海海事局");
        assert_eq!(name("市海事局", "威海市").0, "威海海事局");
    }

    #[test]
    fn bare_places_zones_and_branches() {
        assert_eq!(name("潮阳区", "汕头市").0, "潮阳区人民政府");
        assert_eq!(name("锡林郭勒盟", "内蒙古自治区").0, "锡林郭勒盟行政公署");
        assert_eq!(name("周溪镇", "都昌县").0, "周溪镇人民政府");
        assert_eq!(name("浦东新区", "上海市").0, "浦东新区人民政府");
        assert_eq!(name("高新区", "漳州市").0, "漳州高新区管委会");
        assert_eq!(name("开发区管委会", "南宁市").0, "开发区管委会");
        assert_eq!(
            name("区公安分局", "巴中市巴州区").0,
            "巴中市公安局巴州区分局"
        );
        assert_eq!(
            name("县生态环境分局", "平山县").0,
            "石家庄市生态环境局平山县分局"
        );
    }

    #[test]
    fn unknown_departments_qualified_but_reported() {
        let (n, known) = name("市交通运输事业发展中心", "曲靖市");
        assert_eq!(n, "曲靖市交通运输事业发展中心");
        let (n, known2) = name("市交通运输综合行政执法支队", "曲靖市");
        assert_eq!(n, "曲靖市交通运输综合行政执法支队");
        assert!(known || !known2, "the second is not in the dictionary");
        // An abbreviation stays as written.
        assert_eq!(name("市治气办", "湘潭市"), ("市治气办".to_string(), false));
    }

    #[test]
    fn a_name_with_the_place_inside_is_not_made_without_the_place() {
        let none = |t: &str| {
            let dict = UnitDict::builtin();
            let r = resolve_text(t, &Region::new(None, &dict), &dict);
            (r.name, r.known)
        };
        assert_eq!(none("区税务局"), ("区税务局".to_string(), false));
        assert_eq!(none("税务局"), ("税务局".to_string(), false));
        assert_eq!(name("县税务局", "湘潭市"), ("县税务局".to_string(), false));
        assert_eq!(
            name("区税务局", "鞍山市立山区").0,
            "国家税务总局鞍山市立山区税务局"
        );
        // A place at the name's head is as the text writes it.
        assert_eq!(none("区发改局").0, "区发展和改革局");
    }
}
