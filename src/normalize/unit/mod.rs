//! Responsible-unit lists (责任单位) → lead and other [`Unit`]s with
//! canonical names from a dictionary shipped as data
//! (`src/normalize/data/units.tsv`, format described at its top).
//!
//! A list is read in steps, each a small function below:
//! 1. normalize brackets and spaces;
//! 2. split labelled clauses (牵头单位：…；配合单位：…);
//! 3. cut each clause into segments at top-level separators — never inside
//!    brackets or inside a collective spelling such as 示范区、园区管委会;
//! 4. strip trailing markers (牵头, （分别牵头）, 配合) and bracketed remarks
//!    (duty, alias) from each segment; cut catch-all tails (…等市直部门);
//! 5. split units glued without a separator (省水利厅省交通运输厅);
//! 6. distribute a prefix or suffix written once (湘潭县、湘乡市人民政府);
//! 7. resolve every unit: collective, dictionary (with the region), bare
//!    place name, proper name, else unknown (diagnostic).

use std::borrow::Cow;
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::path::Path;

use super::trim;

mod canonical;
mod dictionary;
mod parts;
mod places;
mod roles;
mod splitting;

use crate::diag::{Diagnostic, Error, Result};
use crate::model::{Unit, Units};
use canonical::*;
use dictionary::*;
pub use dictionary::{BUILTIN_UNITS_TSV, UnitDict};
pub use parts::PARTS_TSV;
use parts::*;
use places::*;
pub use places::{DocRegion, PLACES_TSV, is_place, parse_national_table, province_in, region_in};
use roles::*;
use splitting::*;

/// Characters a unit name ends with; a new unit may start after one
/// (省水利厅|省交通运输厅). A `match` rather than a slice search: it is
/// asked about nearly every character of a list.
fn is_unit_end(c: char) -> bool {
    matches!(
        c,
        '厅' | '局'
            | '委'
            | '办'
            | '院'
            | '府'
            | '会'
            | '部'
            | '室'
            | '队'
            | '社'
            | '台'
            | '站'
            | '所'
            | '心'
            | '团'
            | '司'
            | '校'
            | '处'
            | '馆'
            | '组'
            | '行'
            | '厂'
    )
}

/// Characters that never occur in a place-name prefix (湘乡市, 雨湖区):
/// the unit endings (but 心 行 厂, which place names may hold), list
/// punctuation and 各.
fn not_in_place(c: char) -> bool {
    (is_unit_end(c) && !matches!(c, '心' | '行' | '厂'))
        || matches!(c, '、' | '，' | '（' | '）' | '各')
}

/// Top-level separators inside one run of units (、 and spaces).
fn is_run_sep(c: char) -> bool {
    c == '、' || c.is_whitespace()
}

/// Separators that end a run (，；。): a marker after them no longer
/// reaches back.
fn is_clause_sep(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '。' | '\n')
}

/// Administrative level characters a prefix ends with.
fn is_level(c: char) -> bool {
    matches!(c, '省' | '市' | '县' | '区' | '州' | '旗' | '盟')
}

/// The tier a level belongs to: 省 entries and local (市/县/区) entries
/// never stand for each other.
fn is_province_level(c: char) -> bool {
    c == '省'
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// What a unit list is resolved against.
#[derive(Debug, Clone, Copy)]
pub struct UnitContext<'a> {
    /// The plan's region (湘潭市): expands 市/县 abbreviations.
    pub region: Option<&'a str>,
    pub dict: &'a UnitDict,
    /// Units a document-level default applies to every problem
    /// (以下各项工作均需各县区人民政府落实，不再列出).
    pub defaults: &'a [Unit],
    /// Resolutions already made under this region and dictionary: a plan
    /// names the same units in list after list. `None` resolves afresh.
    pub memo: Option<&'a UnitMemo>,
}

/// Unit texts already resolved under one [`UnitContext`]'s region and
/// dictionary, shared by the lists of one document. Only valid for the
/// region and dictionary it was filled under: make one per context.
#[derive(Debug)]
pub struct UnitMemo {
    resolved: RefCell<FastMap<String, Resolved>>,
    /// The region's levels, worked out for the document's first list
    /// rather than for every list (two dictionary lookups each).
    region: OnceCell<RegionLevels>,
    /// Whether an ambiguous region was reported for the document.
    warned: Cell<bool>,
}

/// A [`Region`]'s levels, owned so a memo can keep them.
#[derive(Debug)]
struct RegionLevels {
    /// The region they were worked out for: a context with another one
    /// (a misuse of the memo) works its own out afresh.
    region: Option<String>,
    levels: Vec<String>,
    written: usize,
    ambiguous: bool,
}

impl UnitMemo {
    /// The context's region, from the levels kept for the document.
    fn region<'a>(&'a self, region: Option<&'a str>, dict: &'a UnitDict) -> Region<'a> {
        let kept = self.region.get_or_init(|| {
            let r = Region::new(region, dict);
            RegionLevels {
                region: region.map(str::to_string),
                levels: r.levels().iter().map(|l| l.to_string()).collect(),
                written: r.written,
                ambiguous: r.ambiguous,
            }
        });
        if kept.region.as_deref() != region {
            return Region::new(region, dict);
        }
        Region::from_levels(
            kept.levels.iter().map(String::as_str),
            kept.written,
            kept.ambiguous,
        )
    }
}

impl Default for UnitMemo {
    /// Room for the distinct unit texts of a typical plan (about a
    /// hundred), so filling the memo does not rehash it again and again.
    fn default() -> UnitMemo {
        UnitMemo {
            resolved: RefCell::new(FastMap::with_capacity_and_hasher(
                128,
                BuildHasherDefault::default(),
            )),
            region: OnceCell::new(),
            warned: Cell::new(false),
        }
    }
}

/// A digit or a Chinese numeral of a count (14个, 三家, 几个).
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '几'
        )
}

/// One unit as written, on its way to a [`Unit`]. Its texts borrow the
/// normalized list until [`finish`]: no copies for units dropped as
/// repeats, and a draft small enough (128 bytes) to be moved without a
/// `memcpy` call.
#[derive(Debug, Clone)]
struct Draft<'a> {
    /// As written.
    text: &'a str,
    /// What is resolved when it differs from `text` (a distributed prefix
    /// or suffix added).
    changed: Option<Box<str>>,
    run: usize,
    lead: bool,
    duty: Option<&'a str>,
    alias: Option<&'a str>,
    /// `body` resolved (kept up to date when `body` changes).
    res: Resolved,
}

impl<'a> Draft<'a> {
    fn new(text: &'a str, res: Resolved, run: usize) -> Draft<'a> {
        Draft {
            text,
            changed: None,
            run,
            lead: false,
            duty: None,
            alias: None,
            res,
        }
    }

    /// The text that is resolved.
    fn body(&self) -> &str {
        self.changed.as_deref().unwrap_or(self.text)
    }
}

/// Split and resolve one 责任单位 text.
pub fn parse_units(text: &str, ctx: &UnitContext, diags: &mut Vec<Diagnostic>) -> Units {
    let dict = ctx.dict;
    let mut region = match ctx.memo {
        Some(memo) => memo.region(ctx.region, dict),
        None => Region::new(ctx.region, dict),
    };
    region.memo = ctx.memo;
    if region.ambiguous && ctx.memo.is_none_or(|m| !m.warned.replace(true)) {
        diags.push(crate::diag!(AmbiguousRegion; region = ctx.region.unwrap_or_default()));
    }
    let norm = colon_after_labels(normalize_text(text));
    let mut drafts: Vec<Draft<'_>> = Vec::with_capacity(draft_capacity(&norm));
    let mut run = 0usize;
    split_labels(&norm, |label_role, clause| {
        let first_of_clause = drafts.len();
        let mut run_start = drafts.len();
        for_each_segment(clause, dict, |seg| {
            let (body, remarks, verb) = strip_trailing(seg.text);
            let (head, tail) = cut_tail(body);
            let seg_start = drafts.len();
            if !head.is_empty() {
                push_split_glued(head, run, &region, dict, &mut drafts);
            }
            if let Some(tail) = tail {
                drafts.push(Draft::new(tail, resolve(tail, &region, dict), run));
            }
            // A marker with no unit of its own ("…局 （牵头）") belongs to
            // the unit before it.
            let own = if drafts.len() > seg_start {
                seg_start..drafts.len()
            } else {
                seg_start.saturating_sub(1).max(run_start)..drafts.len()
            };
            apply_markers(&mut drafts, own, run_start, &remarks, verb, &region, dict);
            if seg.ends_run {
                run += 1;
                run_start = drafts.len();
            }
        });
        if label_role == Some(Role::Lead) {
            for d in drafts.iter_mut().skip(first_of_clause) {
                d.lead = true;
            }
        }
        run += 1;
    });
    distribute_suffixes(&mut drafts, &region, dict);
    distribute_prefixes(&mut drafts, &region, dict);
    distribute_to_bare_organs(&mut drafts, &region, dict);
    distribute_each(&mut drafts);
    finish(text, drafts, ctx, diags)
}

/// Turn drafts into units, split lead from others, drop repeats and
/// append the document's default units.
fn finish(
    text: &str,
    mut drafts: Vec<Draft<'_>>,
    ctx: &UnitContext,
    diags: &mut Vec<Diagnostic>,
) -> Units {
    let mut units = Units {
        text: text.to_string(),
        lead: Vec::new(),
        others: Vec::with_capacity(drafts.len() + ctx.defaults.len()),
    };
    // Drafts are read in place, their names taken: moving each whole out
    // of the vector copied it.
    for d in &mut drafts {
        if trim(d.body()).is_empty() {
            continue;
        }
        let as_written = d.res.name == d.body();
        let r = &mut d.res;
        if !r.known && !r.collective {
            let diag = if as_written {
                crate::diag!(UnknownUnit; text = d.text)
            } else {
                // 市交通运输事业发展中心 → 曲靖市交通运输事业发展中心: only
                // the region's place was added.
                crate::diag!(UnknownUnit / "placed"; text = d.text, name = r.name)
            };
            diags.push(diag);
        }
        if r.varies {
            diags.push(crate::diag!(UnitNameVaries; text = d.text, name = r.name));
        }
        // A bracket after a collective stays inside it (各镇政府（街道办事
        // 处）): it widens the collective, it is not another name of it.
        let (text, name, alias) = match d.alias {
            Some(a) if r.collective => (
                format!("{}（{a}）", d.text),
                format!("{}（{a}）", r.name),
                None,
            ),
            a => (
                d.text.to_string(),
                std::mem::take(&mut r.name),
                a.map(str::to_string),
            ),
        };
        let unit = Unit {
            text,
            name,
            collective: r.collective,
            duty: d.duty.map(str::to_string),
            alias,
        };
        let seen = |list: &[Unit]| list.iter().any(|u| u.name == unit.name);
        if d.lead {
            if !seen(&units.lead) {
                units.others.retain(|u| u.name != unit.name);
                units.lead.push(unit);
            }
        } else if !seen(&units.lead) && !seen(&units.others) {
            units.others.push(unit);
        }
    }
    for def in ctx.defaults {
        let present = units
            .lead
            .iter()
            .chain(&units.others)
            .any(|u| u.name == def.name);
        if !present {
            units.others.push(def.clone());
        }
    }
    units
}

/// A document-level default unit list: 以下各项工作均需各县区人民政府落实，
/// 不再列出 → `各县区人民政府`. Returns the unit-list text to resolve with
/// [`parse_units`] and pass as [`UnitContext::defaults`].
pub fn default_units_declaration(sentence: &str) -> Option<String> {
    let s = normalize_text(sentence);
    let omitted = [
        "不再列出",
        "不再一一列出",
        "不再单独列出",
        "不再逐一列出",
        "不再重复列出",
        "不再另行列出",
    ]
    .iter()
    .any(|w| s.contains(w));
    let scoped = s.contains("各项") || s.contains("所有") || s.starts_with("以下");
    if !(omitted || (scoped && s.contains("均为"))) {
        return None;
    }
    let heads = [
        "均需由",
        "均须由",
        "都需由",
        "均需",
        "均须",
        "都需",
        "都须",
        "均要",
        "都要",
        "均由",
        "统一由",
        "由",
    ];
    let tails = [
        "负责落实",
        "落实",
        "负责",
        "参与",
        "配合",
        "承担",
        "完成",
        "抓好",
        "牵头",
    ];
    for h in heads {
        let Some(p) = s.find(h) else { continue };
        let rest = &s[p + h.len()..];
        let end = tails
            .iter()
            .filter_map(|t| rest.find(t))
            .min()
            .unwrap_or(rest.len());
        let list = rest[..end].trim_matches(|c: char| c.is_whitespace() || "，、：:".contains(c));
        if looks_like_units(list) {
            return Some(list.to_string());
        }
    }
    // X均为…责任单位 / 以下各项工作X均为责任单位
    let p = s.find("均为")?;
    let head = &s[..p];
    let start = head.rfind(['，', '；', ':', '：']).map_or(0, |i| {
        i + head[i..].chars().next().map_or(1, char::len_utf8)
    });
    let mut list = &head[start..];
    for lead_in in [
        "以下各项工作",
        "以下各项任务",
        "以下各项整改任务",
        "以下各项",
        "以下所有问题",
        "所有问题",
    ] {
        list = list.strip_prefix(lead_in).unwrap_or(list);
    }
    looks_like_units(list).then(|| list.to_string())
}

/// Whether a phrase names units (ends like a unit or names a collective).
fn looks_like_units(s: &str) -> bool {
    !s.is_empty()
        && (last_char(s).is_some_and(|c| is_unit_end(c) || c == '区')
            || s.starts_with('各')
            || s.ends_with("单位")
            || s.ends_with("部门"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manners_end_as_the_guard_expects() {
        for m in MANNERS {
            assert!(m.ends_with(['工', '责', '职']), "{m}");
        }
    }

    fn parse(text: &str) -> Units {
        let dict = UnitDict::builtin();
        let ctx = UnitContext {
            region: Some("湘潭市"),
            dict: &dict,
            defaults: &[],
            memo: None,
        };
        parse_units(text, &ctx, &mut Vec::new())
    }

    fn names(us: &[Unit]) -> Vec<&str> {
        us.iter().map(|u| u.name.as_str()).collect()
    }

    #[test]
    fn prefilters_agree_with_the_lists() {
        for l in CLAUSE_LABELS {
            assert!(l.contains(['单', '部']), "{l}");
            assert!(l.chars().next().is_some_and(starts_clause_label), "{l}");
            assert!(has_clause_label(&format!("市环保局，{l}市住建局")), "{l}");
        }
        assert!(!has_clause_label("市委宣传部、市环保局"));
        for w in DUTY_WORDS {
            assert!(w.chars().next().is_some_and(starts_duty_word), "{w}");
            assert!(has_duty_word(&format!("配合单位{w}")), "{w}");
        }
        assert!(!has_duty_word("市环委办"));
    }

    #[test]
    fn byte_prefilters_are_necessary_conditions() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() || c == '(' || c == ')' {
                assert!(may_hold_space_or_paren(&format!("市{c}局")), "{c:?}");
            }
        }
        assert!(!may_hold_space_or_paren("市委办（牵头）、各县市区人民政府"));
        for l in CLAUSE_LABELS {
            assert!(!l.contains(is_clause_sep), "{l}");
        }
    }

    /// Protected ranges the way they were first found: a leftmost-longest
    /// automaton over all collective spellings, filtered by boundaries.
    fn protected_by_automaton(s: &str, dict: &UnitDict) -> Vec<(usize, usize)> {
        use aho_corasick::{AhoCorasick, MatchKind};
        let mut spellings: Vec<&String> = dict.collectives.keys().collect();
        spellings.sort();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(spellings)
            .unwrap();
        ac.find_iter(s)
            .filter(|m| boundary_before(s, m.start()) && boundary_after(s, m.end()))
            .map(|m| (m.start(), m.end()))
            .collect()
    }

    fn protected_by_scan(s: &str, dict: &UnitDict) -> Vec<(usize, usize)> {
        let mut scan = CollectiveScan::default();
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (i, c) in s.char_indices() {
            if scan.protects(s, i, c, dict) && out.last().is_none_or(|&(_, end)| end <= i) {
                out.push((i, scan.protected_to));
            }
        }
        out
    }

    /// The label colons the way they were first added: the text rebuilt
    /// character by character.
    fn colon_after_labels_by_chars(s: &str) -> String {
        let mut out = String::new();
        let mut at_clause_start = true;
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            if at_clause_start
                && let Some(label) = CLAUSE_LABELS.iter().find(|l| rest.starts_with(**l))
            {
                let after = &rest[label.len()..];
                out.push_str(label);
                if !after.starts_with(['：', ':']) && !after.is_empty() {
                    out.push('：');
                }
                rest = after;
                at_clause_start = false;
                continue;
            }
            at_clause_start = matches!(c, '，' | ',' | '；' | ';' | '。');
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }

    const PIECES: &[&str] = &[
        "园区",
        "示范区",
        "（",
        "）",
        "、",
        "，",
        "；",
        "：",
        "管委会",
        "各",
        "县市区",
        "人民政府",
        "等",
        "牵头",
        "配合",
        "市",
        "和",
        "市环保局",
        "牵头单位",
        "责任部门",
        "配合单位",
        ":",
        "。",
        " ",
        "乡镇",
        "（街道）",
    ];

    // Words that make a clause label a lead label (牵头单位).
    const LEAD_LABEL_WORDS: &[&str] = &["牵头", "主责", "主办"];
    // Words that make it a label of other units (配合单位), if no lead word.
    const OTHER_LABEL_WORDS: &[&str] = &["单位", "部门", "配合", "协办", "参与", "协助", "责任"];

    const LABEL_CHARS: &[&str] = &[
        "牵", "头", "主", "责", "办", "单", "位", "部", "门", "配", "合", "协", "助", "参", "与",
        "任", "市", "：", " ", "　",
    ];

    proptest::proptest! {
        #[test]
        fn collective_scan_agrees_with_the_automaton(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..14)
        ) {
            let mut dict = UnitDict::builtin();
            // Spellings overlapping others, so one match shadows another.
            let _ = dict.extend_from_str("@collective\t市园区\t区、示范区\t市和园区管委会");
            let s = pieces.concat();
            proptest::prop_assert_eq!(protected_by_scan(&s, &dict), protected_by_automaton(&s, &dict));
        }

        #[test]
        fn label_colons_agree_with_the_rebuild(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..14)
        ) {
            let s = pieces.concat();
            let ours = colon_after_labels(Cow::Borrowed(&s));
            proptest::prop_assert_eq!(ours.as_ref(), colon_after_labels_by_chars(&s));
        }

        #[test]
        fn label_role_agrees_with_word_search(
            pieces in proptest::collection::vec(proptest::sample::select(LABEL_CHARS), 0..10)
        ) {
            let label = pieces.concat();
            let visible: String = label.chars().filter(|c| !c.is_whitespace()).collect();
            let by_search = if LEAD_LABEL_WORDS.iter().any(|w| visible.contains(w)) {
                Some(Role::Lead)
            } else if OTHER_LABEL_WORDS.iter().any(|w| visible.contains(w)) {
                Some(Role::Other)
            } else {
                None
            };
            proptest::prop_assert_eq!(label_role(&label), by_search);
        }

        #[test]
        fn draft_capacity_covers_every_separator(
            s in "[、，；,; a市局\u{3000}-\u{3003}\u{ff00}-\u{ff1f}\u{4e00}-\u{4e90}]{0,40}"
        ) {
            let seps = s.matches(['、', '，', '；', ',', ';', ' ']).count();
            proptest::prop_assert!(draft_capacity(&s) > seps);
        }
    }

    #[test]
    fn stem_bits_cover_every_stem() {
        let mut d = UnitDict::builtin();
        d.add_alias("市环督办", "市环保督察工作领导小组办公室");
        for stem in d.stems.keys() {
            let c = stem.chars().next().unwrap();
            assert!(d.may_be_stem(c, stem.len()), "{stem}");
        }
    }

    #[test]
    fn draft_is_moved_inline() {
        // Larger, each push and read of a draft becomes a memcpy call.
        assert!(std::mem::size_of::<Draft<'_>>() <= 128);
    }

    #[test]
    fn builtin_parses_cleanly() {
        let mut d = UnitDict::default();
        assert!(d.extend_from_str(BUILTIN_UNITS_TSV).is_ok());
        assert!(d.len() > 200);
    }

    #[test]
    fn template_renders_region() {
        let t = Template::parse("中共{市}纪律检查委员会{市}监察委员会");
        assert_eq!(
            t.render("湘潭市", "湘潭"),
            "中共湘潭市纪律检查委员会湘潭市监察委员会"
        );
        assert_eq!(
            Template::parse("{市简}广播电视台").render("湘潭市", "湘潭"),
            "湘潭广播电视台"
        );
        assert_eq!(Template::parse("{x}局").render("a", "b"), "{x}局");
    }

    #[test]
    fn memo_keeps_the_region() {
        let d = UnitDict::builtin();
        let memo = UnitMemo::default();
        for r in [Some("湘潭市"), Some("湖南省湘潭市雨湖区"), None] {
            let fresh = Region::new(r, &d);
            // The first call fills the memo; a region other than the kept
            // one is worked out afresh.
            for _ in 0..2 {
                let kept = memo.region(r, &d);
                assert_eq!(kept.levels(), fresh.levels());
                assert_eq!(kept.city, fresh.city);
            }
        }
    }

    #[test]
    fn region_climbs_to_province() {
        let d = UnitDict::builtin();
        let r = Region::new(Some("湘潭市"), &d);
        assert_eq!(r.at('省'), Some("湖南省"));
        assert_eq!(r.at('县'), None);
    }

    #[test]
    fn canonical_name_resolves_to_itself() {
        let u =
            parse("湘潭市环境保护局、中共湘潭市委办公室、中共湘潭市纪律检查委员会湘潭市监察委员会");
        assert_eq!(
            names(&u.others),
            [
                "湘潭市环境保护局",
                "中共湘潭市委办公室",
                "中共湘潭市纪律检查委员会湘潭市监察委员会"
            ]
        );
    }

    #[test]
    fn place_prefix_keeps_place() {
        let u = parse("湘乡市环保局、雨湖区政府办");
        assert_eq!(
            names(&u.others),
            ["湘乡市环境保护局", "雨湖区人民政府办公室"]
        );
    }

    #[test]
    fn glued_units_split() {
        let u = parse("市水利局市交通运输局");
        assert_eq!(names(&u.others), ["湘潭市水利局", "湘潭市交通运输局"]);
    }

    #[test]
    fn catch_all_tail() {
        let u = parse("市环保局、市住建局等市直部门");
        assert_eq!(
            names(&u.others),
            ["湘潭市环境保护局", "湘潭市住房和城乡建设局", "市直部门"]
        );
        let u = parse("市环保局、市住建局等3个单位");
        assert_eq!(u.others.len(), 2);
    }

    #[test]
    fn alias_in_brackets() {
        let u = parse("市环保督察工作领导小组办公室（市环委办）（牵头）");
        assert_eq!(u.lead.len(), 1);
        assert_eq!(u.lead[0].alias.as_deref(), Some("市环委办"));
    }

    #[test]
    fn declaration() {
        assert_eq!(
            default_units_declaration("以下各项工作均需各县区人民政府落实，不再列出。").as_deref(),
            Some("各县区人民政府")
        );
        assert_eq!(default_units_declaration("市环保局负责监督。"), None);
    }

    #[test]
    fn spaces_only_separate() {
        assert_eq!(
            normalize_text(" 市委办 （牵头） 、 市政府办 。"),
            "市委办（牵头）、市政府办"
        );
    }
}
