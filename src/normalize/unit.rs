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
use std::cell::{OnceCell, RefCell};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::path::Path;

use super::trim;
use crate::diag::{Diagnostic, Error, Result};
use crate::model::{Unit, Units};

/// The shipped dictionary, compiled in so the binary needs no data files.
pub const BUILTIN_UNITS_TSV: &str = include_str!("data/units.tsv");

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

/// A word-at-a-time multiplicative hash (as in rustc's FxHash): the
/// dictionary's keys are short trusted strings, and SipHash dominated
/// lookup time.
#[derive(Debug, Default, Clone, Copy)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The little-endian word of the zero-padded rest, built in a
            // register (copying into a byte array was a `memcpy` call).
            let w = rest
                .iter()
                .enumerate()
                .fold(0u64, |w, (k, b)| w | u64::from(*b) << (8 * k));
            self.add(w);
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
type FastSet<K> = HashSet<K, BuildHasherDefault<Fx>>;

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

/// One piece of a name template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Lit(String),
    /// The place the prefix names, in full (湘潭市).
    Full,
    /// Its short form (湘潭).
    Short,
}

/// A canonical name with the place left open: `{市}环境保护局`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Template(Vec<Piece>);

impl Template {
    fn parse(s: &str) -> Template {
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            let Some(len) = rest[open..].find('}') else {
                break;
            };
            let inner = &rest[open + '{'.len_utf8()..open + len];
            let piece = match inner {
                "省" | "市" | "县" | "区" | "州" | "L" => Some(Piece::Full),
                "省简" | "市简" | "县简" | "区简" | "州简" | "l" => Some(Piece::Short),
                _ => None,
            };
            lit.push_str(&rest[..open]);
            match piece {
                Some(p) => {
                    if !lit.is_empty() {
                        pieces.push(Piece::Lit(std::mem::take(&mut lit)));
                    }
                    pieces.push(p);
                }
                None => lit.push_str(&rest[open..open + len + '}'.len_utf8()]),
            }
            rest = &rest[open + len + '}'.len_utf8()..];
        }
        lit.push_str(rest);
        if !lit.is_empty() {
            pieces.push(Piece::Lit(lit));
        }
        Template(pieces)
    }

    /// A literal name whose leading place (市, 中共市) becomes a placeholder,
    /// so a declared alias follows the region like shipped entries do.
    fn from_declared(full: &str) -> Template {
        let (head, rest) = match full.strip_prefix("中共") {
            Some(r) => ("中共", r),
            None => ("", full),
        };
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if is_level(c) && char_count(rest) > 2 => {
                let mut pieces = Vec::new();
                if !head.is_empty() {
                    pieces.push(Piece::Lit(head.to_string()));
                }
                pieces.push(Piece::Full);
                pieces.push(Piece::Lit(chars.as_str().to_string()));
                Template(pieces)
            }
            _ => Template(vec![Piece::Lit(full.to_string())]),
        }
    }

    fn render(&self, full: &str, short: &str) -> String {
        // Sized exactly: a fixed guess either wastes memory or, for the
        // long compound names, reallocates.
        let len = self
            .0
            .iter()
            .map(|p| match p {
                Piece::Lit(s) => s.len(),
                Piece::Full => full.len(),
                Piece::Short => short.len(),
            })
            .sum();
        let mut out = String::with_capacity(len);
        for p in &self.0 {
            match p {
                Piece::Lit(s) => out.push_str(s),
                Piece::Full => out.push_str(full),
                Piece::Short => out.push_str(short),
            }
        }
        out
    }

    /// Whether `t` is this template rendered for the place (`full`,
    /// `short`), without building the string.
    fn matches(&self, t: &str, full: &str, short: &str) -> bool {
        let mut rest = t;
        for p in &self.0 {
            let piece = match p {
                Piece::Lit(s) => s.as_str(),
                Piece::Full => full,
                Piece::Short => short,
            };
            match rest.strip_prefix(piece) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        rest.is_empty()
    }

    fn placeholders(&self) -> usize {
        self.0
            .iter()
            .filter(|p| !matches!(p, Piece::Lit(_)))
            .count()
    }

    /// The stem the canonical name itself is matched by: 环境保护局 for
    /// `{市}环境保护局`, 委办公室 for `中共{市}委办公室`.
    fn canonical_stem(&self) -> Option<String> {
        if self.placeholders() != 1 {
            return None;
        }
        match self.0.as_slice() {
            [Piece::Full, Piece::Lit(s)] => Some(s.clone()),
            [Piece::Lit(h), Piece::Full, Piece::Lit(s)] if h == "中共" => Some(s.clone()),
            _ => None,
        }
    }
}

/// Abbreviation → canonical full name, with region templates.
///
/// Built from the shipped TSV ([`UnitDict::builtin`]), extended by a user
/// file ([`UnitDict::extend_from_str`], [`UnitDict::load_file`]) and by
/// declarations in the document ([`UnitDict::add_alias`]).
#[derive(Debug, Clone, Default)]
pub struct UnitDict {
    /// Stem → (level character the entry was written for, template).
    stems: FastMap<String, Vec<(char, Template)>>,
    /// Entries without a level prefix, matched exactly.
    exact: FastMap<String, Template>,
    /// Templates with the place twice (中共{市}纪律检查委员会{市}监察委员会):
    /// their canonical form is matched by rendering.
    compounds: Vec<Template>,
    /// Collective spelling → canonical collective name.
    collectives: FastMap<String, String>,
    /// Place → the place it lies in (湘潭市 → 湖南省).
    parents: FastMap<String, String>,
    /// Every known place name and its short form (湘潭市, 湘潭).
    places: FastSet<String>,
    /// Short form → full place name (湘潭 → 湘潭市).
    shorts: FastMap<String, String>,
    /// Longest place name, in characters (bounds prefix probes).
    max_place_chars: usize,
    /// Longest key of `stems`, in bytes (bounds suffix probes).
    max_stem_len: usize,
    /// Bit [`stem_bit`] is set for the first character and length of every
    /// key of `stems`: most suffixes a unit text is probed with are passed
    /// over without hashing them.
    stem_bits: [u64; 32],
    /// Collective spellings by first character, longest first: the
    /// leftmost-longest scan of [`CollectiveScan`] that protects them from
    /// being split asks at each character of a clause.
    coll_by_first: FastMap<char, Vec<String>>,
    /// Bit `c % 1024` is set for the first character `c` of every
    /// collective spelling: most characters of a list start none and are
    /// passed over without a hash lookup.
    coll_first_bits: [u64; 16],
}

impl UnitDict {
    /// The dictionary shipped in `src/normalize/data/units.tsv`.
    pub fn builtin() -> UnitDict {
        let mut d = UnitDict::default();
        // The shipped file is checked by a test to parse without errors;
        // a bad line would only be skipped, never abort.
        let _ = d.extend_from_str(BUILTIN_UNITS_TSV);
        d
    }

    /// The shipped dictionary extended by the user file at `path`.
    pub fn load_file(path: &Path) -> Result<UnitDict> {
        let mut d = UnitDict::builtin();
        d.extend_from_file(path)?;
        Ok(d)
    }

    /// Add or override entries from the file at `path` (same format as the
    /// shipped TSV).
    pub fn extend_from_file(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path)?;
        self.extend_from_str(&text)
            .map_err(|e| Error::Other(format!("{}: {e}", path.display())))
    }

    /// Add or override entries from a user file (same format as the
    /// shipped TSV). Good lines are applied even when some are malformed;
    /// the first malformed line is reported.
    pub fn extend_from_str(&mut self, text: &str) -> Result<()> {
        let mut first_error = None;
        for (i, line) in text.lines().enumerate() {
            if let Err(msg) = self.add_line(line) {
                first_error.get_or_insert(format!("units dictionary line {}: {msg}", i + 1));
            }
        }
        self.rebuild();
        match first_error {
            Some(e) => Err(Error::Other(e)),
            None => Ok(()),
        }
    }

    /// A declaration in the document itself (…，以下简称市环督办): `short`
    /// resolves to `full`, with a leading 市/县/省 of `full` following the
    /// region (市环保督察工作领导小组办公室 → 湘潭市环保督察工作领导小组办公室).
    pub fn add_alias(&mut self, short: &str, full: &str) {
        let short = normalize_brackets(short.trim());
        let full = normalize_brackets(full.trim());
        if short.is_empty() || full.is_empty() {
            return;
        }
        let collectives_before = self.collectives.len();
        self.add_entry(&short, Template::from_declared(&full));
        self.max_stem_len = self.stems.keys().map(String::len).max().unwrap_or(0);
        // Plans declare aliases one document at a time: the collective
        // automaton is rebuilt only when its patterns changed.
        if self.collectives.len() != collectives_before {
            self.rebuild();
        }
    }

    /// How many entries (spellings) the dictionary holds.
    pub fn len(&self) -> usize {
        self.stems.values().map(Vec::len).sum::<usize>() + self.exact.len() + self.collectives.len()
    }

    /// Whether the dictionary holds no entries at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn add_line(&mut self, line: &str) -> std::result::Result<(), String> {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            return Ok(());
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        match fields.as_slice() {
            ["@collective", canon, spellings @ ..] if !canon.is_empty() => {
                let canon = normalize_brackets(canon);
                self.collectives.insert(canon.clone(), canon.clone());
                for s in spellings.iter().filter(|s| !s.is_empty()) {
                    self.collectives
                        .insert(normalize_brackets(s), canon.clone());
                }
                Ok(())
            }
            ["@within", parent, children @ ..] if !parent.is_empty() => {
                self.add_place(parent);
                for c in children.iter().filter(|c| !c.is_empty()) {
                    self.add_place(c);
                    self.parents.insert(c.to_string(), parent.to_string());
                }
                Ok(())
            }
            [d, ..] if d.starts_with('@') => Err(format!("unknown directive {d}")),
            [short, full] if !short.is_empty() && !full.is_empty() => {
                let short = normalize_brackets(short);
                self.add_entry(&short, Template::parse(&normalize_brackets(full)));
                Ok(())
            }
            _ => Err(format!("expected SHORT<TAB>FULL, got {line:?}")),
        }
    }

    fn add_place(&mut self, name: &str) {
        self.places.insert(name.to_string());
        self.max_place_chars = self.max_place_chars.max(char_count(name));
        if let Some(short) = place_short(name)
            && short != name
        {
            self.places.insert(short.to_string());
            self.shorts.insert(short.to_string(), name.to_string());
        }
    }

    /// Store one spelling; a leading level character makes it a stem entry,
    /// and the canonical name's own stem is added unless already present.
    fn add_entry(&mut self, short: &str, tpl: Template) {
        let core = short.strip_prefix("中共").unwrap_or(short);
        let mut chars = core.chars();
        match chars.next() {
            Some(level) if is_level(level) && !chars.as_str().is_empty() => {
                let stem = chars.as_str().to_string();
                if let Some(canon) = tpl.canonical_stem()
                    && canon != stem
                {
                    self.note_stem(&canon);
                    let slot = self.stems.entry(canon).or_default();
                    if !slot.iter().any(|(l, _)| *l == level) {
                        slot.push((level, tpl.clone()));
                    }
                }
                if tpl.placeholders() > 1 && !self.compounds.contains(&tpl) {
                    self.compounds.push(tpl.clone());
                }
                self.note_stem(&stem);
                let slot = self.stems.entry(stem).or_default();
                slot.retain(|(l, _)| *l != level);
                slot.push((level, tpl));
            }
            _ => {
                self.exact.insert(short.to_string(), tpl);
            }
        }
    }

    /// Record a key of `stems` in [`UnitDict::stem_bits`]. Keys are never
    /// removed, so the bits never need clearing.
    fn note_stem(&mut self, stem: &str) {
        if let Some(c) = stem.chars().next() {
            let bit = stem_bit(c, stem.len());
            if let Some(word) = self.stem_bits.get_mut(bit / 64) {
                *word |= 1 << (bit % 64);
            }
        }
    }

    /// Whether a key of `stems` may be `len` bytes long and start with `c`
    /// (a necessary condition for a stem hit: no false negatives).
    fn may_be_stem(&self, c: char, len: usize) -> bool {
        let bit = stem_bit(c, len);
        self.stem_bits
            .get(bit / 64)
            .is_some_and(|word| word >> (bit % 64) & 1 == 1)
    }

    /// Rebuild what is derived from the entries after a change: the stem
    /// length bound and the collective automaton (document declarations
    /// avoid the latter when they can, see [`UnitDict::add_alias`]).
    fn rebuild(&mut self) {
        self.max_stem_len = self.stems.keys().map(String::len).max().unwrap_or(0);
        self.coll_by_first.clear();
        self.coll_first_bits = [0; 16];
        for spelling in self.collectives.keys() {
            let Some(c) = spelling.chars().next() else {
                continue;
            };
            let bit = first_char_bit(c);
            if let Some(word) = self.coll_first_bits.get_mut(bit / 64) {
                *word |= 1 << (bit % 64);
            }
            self.coll_by_first
                .entry(c)
                .or_default()
                .push(spelling.clone());
        }
        for list in self.coll_by_first.values_mut() {
            list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        }
    }

    /// Length of the longest collective spelling `rest` starts with; `c` is
    /// the first character of `rest`.
    fn collective_at(&self, rest: &str, c: char) -> Option<usize> {
        let bit = first_char_bit(c);
        let may_start = self
            .coll_first_bits
            .get(bit / 64)
            .is_some_and(|word| word >> (bit % 64) & 1 == 1);
        if !may_start {
            return None;
        }
        self.coll_by_first
            .get(&c)?
            .iter()
            .find(|p| rest.starts_with(p.as_str()))
            .map(String::len)
    }

    /// The place a full place name lies in, if known.
    fn parent(&self, place: &str) -> Option<&str> {
        self.parents.get(place).map(String::as_str)
    }

    /// Whether `s` starts with a known place name or its short form.
    fn starts_with_place(&self, s: &str) -> bool {
        s.char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(s.len()))
            .take(self.max_place_chars)
            .any(|end| self.places.contains(&s[..end]))
    }
}

/// The bit of [`UnitDict::stem_bits`] standing for a stem of `len` bytes
/// starting with `c`.
fn stem_bit(c: char, len: usize) -> usize {
    (c as usize).wrapping_mul(31).wrapping_add(len) % 2048
}

/// The bit of [`UnitDict::coll_first_bits`] standing for `c`.
fn first_char_bit(c: char) -> usize {
    c as usize % 1024
}

/// 湘潭市 → 湘潭; 湖南省 → 湖南; a two-character name keeps its level
/// (雨湖区 → 雨湖, but 攸县 stays 攸县).
fn place_short(name: &str) -> Option<&str> {
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

/// Full-width brackets everywhere, so spellings compare equal.
fn normalize_brackets(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect()
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
}

/// A [`Region`]'s levels, owned so a memo can keep them.
#[derive(Debug)]
struct RegionLevels {
    /// The region they were worked out for: a context with another one
    /// (a misuse of the memo) works its own out afresh.
    region: Option<String>,
    levels: Vec<String>,
}

impl UnitMemo {
    /// The context's region, from the levels kept for the document.
    fn region<'a>(&'a self, region: Option<&'a str>, dict: &'a UnitDict) -> Region<'a> {
        let kept = self.region.get_or_init(|| RegionLevels {
            region: region.map(str::to_string),
            levels: Region::new(region, dict)
                .levels()
                .iter()
                .map(|l| l.to_string())
                .collect(),
        });
        if kept.region.as_deref() != region {
            return Region::new(region, dict);
        }
        Region::from_levels(kept.levels.iter().map(String::as_str))
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
        }
    }
}

/// Most levels a region chain holds (province … township).
const MAX_LEVELS: usize = 6;

/// The plan's region split into levels, with the places above it from the
/// dictionary: 湘潭市 → [湘潭市, 湖南省]. Borrowed and fixed-size: built
/// once per list, it must not allocate.
#[derive(Debug, Default)]
struct Region<'a> {
    levels: [&'a str; MAX_LEVELS],
    len: usize,
    /// The full and short place of the 市 level (湘潭市, 湘潭), if the
    /// region has one: nearly every dictionary hit renders it, so it is
    /// worked out once per list rather than once per unit.
    city: Option<(&'a str, &'a str)>,
    /// The context's memo of resolutions.
    memo: Option<&'a UnitMemo>,
}

impl<'a> Region<'a> {
    fn new(region: Option<&'a str>, dict: &'a UnitDict) -> Region<'a> {
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
    fn from_levels(levels: impl Iterator<Item = &'a str>) -> Region<'a> {
        let mut reg = Region::default();
        for l in levels {
            reg.push(l);
        }
        reg.city = reg.full_and_short('市');
        reg
    }

    /// The full and short place of the level `c` (市 → 湘潭市, 湘潭).
    fn full_and_short(&self, c: char) -> Option<(&'a str, &'a str)> {
        self.at(c)
            .map(|full| (full, place_short(full).unwrap_or(full)))
    }

    /// [`Region::full_and_short`], from the cache for 市.
    fn place(&self, c: char) -> Option<(&'a str, &'a str)> {
        if c == '市' {
            self.city
        } else {
            self.full_and_short(c)
        }
    }

    fn push(&mut self, level: &'a str) {
        if let Some(slot) = self.levels.get_mut(self.len) {
            *slot = level;
            self.len += 1;
        }
    }

    fn levels(&self) -> &[&'a str] {
        self.levels.get(..self.len).unwrap_or_default()
    }

    /// The region's place of the level `c` (市 → 湘潭市).
    fn at(&self, c: char) -> Option<&'a str> {
        self.levels().iter().copied().find(|l| {
            last_char(l) == Some(c)
                || (c == '省' && l.ends_with("自治区"))
                || (c == '市' && l.ends_with('州'))
        })
    }
}

/// A unit list resolved to names: how one written unit came out.
#[derive(Debug, Clone)]
struct Resolved {
    name: String,
    collective: bool,
    /// Found in the dictionary, a place or a proper name: no diagnostic.
    known: bool,
    /// A dictionary hit whose text had no place prefix (林业局): a prefix
    /// written earlier in the list may apply to it.
    unprefixed: bool,
    /// Where the place prefix (市, 湘乡市) is in the resolved text, for
    /// the units after it; empty when none.
    prefix: Range<usize>,
}

/// A dictionary hit: where the place prefix is in the text (empty when
/// none was written) and the rendered name.
struct Hit {
    prefix: Range<usize>,
    name: String,
}

/// Whether `p` can stand before a stem: nothing, a level character, a
/// known short place name (湘潭) or a place name ending in a level
/// (湘乡市, 雨湖区).
fn valid_prefix(p: &str, dict: &UnitDict) -> bool {
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
fn place_of<'a>(prefix: &'a str, region: &Region<'a>, dict: &'a UnitDict) -> (&'a str, &'a str) {
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
fn prefix_level(prefix: &str) -> Option<char> {
    if prefix.ends_with("自治区") {
        return Some('省');
    }
    last_char(prefix).filter(|c| is_level(*c))
}

/// Pick the entry for a prefix: the same level first, then the same tier;
/// with no prefix, the 市 entry (the usual level of a plan).
fn pick_entry(entries: &[(char, Template)], level: Option<char>) -> Option<&Template> {
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
fn lookup(t: &str, region: &Region, dict: &UnitDict) -> Option<Hit> {
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
fn longest_stem<'d>(core: &str, dict: &'d UnitDict) -> Option<(usize, &'d Template)> {
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

/// A digit or a Chinese numeral of a count (14个, 三家, 几个).
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '几'
        )
}

/// Collectives written generically: 各…, 市直相关部门, 14个…责任单位.
fn is_generic_collective(t: &str) -> bool {
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
fn is_place_only(t: &str) -> bool {
    last_char(t).is_some_and(is_level)
        && (2..=10).contains(&char_count(t))
        && !t.chars().any(not_in_place)
}

/// A place name standing alone (湘潭县, 高新区): the unit is its
/// government or, for a zone, its management committee.
fn bare_place_unit(t: &str) -> Option<String> {
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
fn resolve(t: &str, region: &Region, dict: &UnitDict) -> Resolved {
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
fn resolve_text(t: &str, region: &Region, dict: &UnitDict) -> Resolved {
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

/// Role a label or marker gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    Other,
}

/// How far a marker or remark reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// The unit it is written after.
    One,
    /// Every unit before it in its run (（分别牵头）, A、B牵头).
    Run,
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

/// A bracketed remark after a unit, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Remark<'a> {
    Lead(Reach),
    Other,
    Duty(Reach, &'a str, bool),
    Alias(&'a str),
    Drop,
}

/// Trailing marker words, longest first, with the role they give.
const VERBS: &[(&str, Role)] = &[
    ("分别牵头", Role::Lead),
    ("共同牵头", Role::Lead),
    ("联合牵头", Role::Lead),
    ("为牵头单位", Role::Lead),
    ("牵头", Role::Lead),
    ("负责落实", Role::Other),
    ("配合落实", Role::Other),
    ("为配合单位", Role::Other),
    ("为责任单位", Role::Other),
    ("配合", Role::Other),
    ("参与", Role::Other),
    ("协助", Role::Other),
    ("协办", Role::Other),
    ("落实", Role::Other),
    ("负责", Role::Other),
];

/// How units share a task, written after them (市住建局、市城管局按职责分工
/// 负责): stripped like the marker words, giving no role. Each ends with
/// 工, 责 or 职 (a test checks).
const MANNERS: &[&str] = &[
    "按照职责分工",
    "根据职责分工",
    "按职责分工",
    "按各自职责",
    "按照职责",
    "按职责",
    "依职责",
    "各司其职",
];

/// Words a duty remark starts with or contains (a unit alias has none).
const DUTY_WORDS: &[&str] = &[
    "负责", "承担", "做好", "组织", "指导", "督促", "含", "包括", "按", "分工", "职责", "抓好",
    "落实", "配合", "协助", "参与", "推进", "开展",
];

fn classify_remark<'a>(r: &'a str, region: &Region, dict: &UnitDict) -> Remark<'a> {
    let r = r
        .trim()
        .trim_matches(|c| matches!(c, '，' | '、' | '；' | '。'));
    if r.is_empty() || is_count(r) {
        return Remark::Drop;
    }
    match r {
        "牵头" | "牵头单位" | "主责" | "主办" | "主责单位" | "牵头负责" => {
            return Remark::Lead(Reach::One);
        }
        "分别牵头" | "共同牵头" | "联合牵头" | "各自牵头" | "均为牵头单位" => {
            return Remark::Lead(Reach::Run);
        }
        "配合" | "参与" | "协办" | "协助" | "配合单位" | "责任单位" | "参与单位" =>
        {
            return Remark::Other;
        }
        _ => {}
    }
    for (head, reach) in [("分别牵头", Reach::Run), ("牵头", Reach::One)] {
        if let Some(rest) = r.strip_prefix(head) {
            let duty = rest.trim_start_matches(['，', '、', '：', ':']);
            return Remark::Duty(reach, duty, true);
        }
    }
    let dutyish = has_duty_word(r);
    if !dutyish && char_count(r) <= 30 {
        let res = resolve(r, region, dict);
        if res.known || last_char(r).is_some_and(is_unit_end) {
            return Remark::Alias(r);
        }
    }
    let reach = if ["分别", "各自", "按职责", "分工"]
        .iter()
        .any(|w| r.contains(w))
    {
        Reach::Run
    } else {
        Reach::One
    };
    let lead = r.contains("牵头") && !r.contains("配合");
    Remark::Duty(reach, r, lead)
}

/// Whether `r` contains one of [`DUTY_WORDS`].
fn has_duty_word(r: &str) -> bool {
    super::contains_word(r, DUTY_WORDS, starts_duty_word)
}

/// The first characters of [`DUTY_WORDS`].
fn starts_duty_word(c: char) -> bool {
    matches!(
        c,
        '负' | '承'
            | '做'
            | '组'
            | '指'
            | '督'
            | '含'
            | '包'
            | '按'
            | '分'
            | '职'
            | '抓'
            | '落'
            | '配'
            | '协'
            | '参'
            | '推'
            | '开'
    )
}

/// 3个, 三家, 14个单位 — a count, not a unit.
fn is_count(r: &str) -> bool {
    let rest = r.trim_start_matches(is_numeral);
    rest.len() < r.len() && matches!(rest, "个" | "家" | "个单位" | "家单位" | "个部门")
}

/// Normalize the list: full-width brackets, no spaces next to brackets or
/// punctuation, trailing full stop dropped.
fn normalize_text(text: &str) -> Cow<'_, str> {
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
fn may_hold_space_or_paren(t: &str) -> bool {
    crate::read::first_space(t).is_some() || memchr::memchr2(b'(', b')', t.as_bytes()).is_some()
}

/// Role labels that open a clause.
const CLAUSE_LABELS: &[&str] = &[
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
fn colon_after_labels(s: Cow<'_, str>) -> Cow<'_, str> {
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
fn missing_label_colons(s: &str) -> impl Iterator<Item = usize> + '_ {
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
fn has_clause_label(s: &str) -> bool {
    super::contains_word(s, CLAUSE_LABELS, starts_clause_label)
}

/// The first characters of [`CLAUSE_LABELS`] (a test checks the list).
fn starts_clause_label(c: char) -> bool {
    matches!(c, '牵' | '配' | '责' | '协' | '参')
}

/// Labelled clauses, handed to `each` in order: 牵头单位：A；配合单位：B →
/// (Lead, A), (Other, B); text without labels is one clause with no role.
fn split_labels<'a>(s: &'a str, mut each: impl FnMut(Option<Role>, &'a str)) {
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

/// The role a clause label gives, by the words it holds: 牵头, 主责 or
/// 主办 make it a lead label (牵头单位); else 单位, 部门, 配合, 协办, 参与,
/// 协助 or 责任 a label of other units. Every word is two characters, so
/// the label's character pairs are matched in one pass instead of a
/// substring search per word (a test compares the two).
fn label_role(label: &str) -> Option<Role> {
    let mut other = false;
    let mut prev = None;
    // White space inside a label (牵 头 单 位, from PDF converters) is
    // skipped: the pairs are of the visible characters.
    for c in label.chars().filter(|c| !c.is_whitespace()) {
        match (prev, c) {
            (Some('牵'), '头') | (Some('主'), '责' | '办') => return Some(Role::Lead),
            (Some('单'), '位')
            | (Some('部'), '门')
            | (Some('配'), '合')
            | (Some('协'), '办' | '助')
            | (Some('参'), '与')
            | (Some('责'), '任') => other = true,
            _ => {}
        }
        prev = Some(c);
    }
    other.then_some(Role::Other)
}

/// A raw segment: its text and whether a run ends after it.
struct Segment<'a> {
    text: &'a str,
    ends_run: bool,
}

/// Finds the collective spellings standing as whole units in a clause (so
/// 示范区、园区管委会 is not cut at its 、), fed the clause's characters in
/// order: the same ranges as a leftmost-longest Aho-Corasick search over
/// all spellings, keeping the matches with a boundary on both sides (a
/// test compares the two), but found in the pass that cuts the clause
/// instead of a search of its own.
#[derive(Debug, Default)]
struct CollectiveScan {
    /// End of the last spelling found, kept or not: leftmost-longest
    /// matches never overlap, so none starts before it.
    searched_to: usize,
    /// End of the last kept spelling.
    protected_to: usize,
}

impl CollectiveScan {
    /// Whether the character `c` at byte `i` of `s` lies in a protected
    /// spelling. Must be called for every character of `s`, in order.
    fn protects(&mut self, s: &str, i: usize, c: char, dict: &UnitDict) -> bool {
        if i < self.protected_to {
            return true;
        }
        if i < self.searched_to {
            return false;
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

/// Whether a collective spelling starting at byte `i` of `s` stands as a
/// unit on its left.
fn boundary_before(s: &str, i: usize) -> bool {
    s.get(..i)
        .and_then(|h| h.chars().next_back())
        .is_none_or(|c| is_run_sep(c) || is_clause_sep(c) || matches!(c, '：' | ':' | '）'))
}

/// Whether a collective spelling ending at byte `j` of `s` stands as a
/// unit on its right.
fn boundary_after(s: &str, j: usize) -> bool {
    let rest = s.get(j..).unwrap_or_default();
    rest.chars()
        .next()
        .is_none_or(|c| is_run_sep(c) || is_clause_sep(c) || matches!(c, '（' | '等'))
        || VERBS.iter().any(|(v, _)| rest.starts_with(v))
}

/// Cut a clause at top-level separators, handing each segment to `each` in
/// order (no vector of segments: a long list has dozens).
fn for_each_segment<'a>(s: &'a str, dict: &UnitDict, mut each: impl FnMut(Segment<'a>)) {
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
fn strip_trailing(seg: &str) -> (&str, Vec<&str>, Option<Role>) {
    let mut body = trim(seg);
    let mut remarks = Vec::new();
    let mut verb = None;
    loop {
        if let Some(inner_end) = body.strip_suffix('）').map(str::len) {
            let Some(open) = matching_open(body, inner_end) else {
                break;
            };
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
            verb = verb.or(Some(*role));
            body = body[..body.len() - v.len()].trim_end();
            continue;
        }
        break;
    }
    body = body.strip_prefix('由').unwrap_or(body);
    remarks.reverse();
    (body, remarks, verb)
}

/// Index of the （ matching the ） that ends at `close` (exclusive end of
/// the bracket's content).
fn matching_open(s: &str, close: usize) -> Option<usize> {
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
fn cut_tail(body: &str) -> (&str, Option<&str>) {
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
    let generic = [
        "",
        "单位",
        "部门",
        "部门单位",
        "相关单位",
        "有关单位",
        "相关部门",
        "有关部门",
        "相关部门单位",
        "成员单位",
    ];
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
fn push_split_glued<'a>(
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
        let joiner = matches!(c, '和' | '及' | '与');
        let next = if joiner { i + c.len_utf8() } else { i };
        if i > start
            && prev.is_some_and(is_unit_end)
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

/// Whether a new unit starts here: a level character followed by a name,
/// 中共, 各, or a known place.
fn starts_unit(rest: &str, dict: &UnitDict) -> bool {
    let mut chars = rest.chars();
    let first = chars.next();
    (first.is_some_and(is_level) && char_count(rest) >= 3)
        || rest.starts_with("中共")
        || (first == Some('各') && char_count(rest) >= 3)
        || dict.starts_with_place(rest)
}

/// The place prefix and unit suffix of a written unit (雨湖区|人民政府),
/// for giving the suffix to bare place names before it.
fn shared_suffix(t: &str) -> Option<&str> {
    let (i, c) = t.char_indices().rev().find(|(_, c)| is_level(*c))?;
    let suffix = &t[i + c.len_utf8()..];
    (char_count(suffix) >= 2
        && char_count(&t[..i]) >= 1
        && last_char(suffix).is_some_and(is_unit_end))
    .then_some(suffix)
}

/// A written unit that is only a place (湘潭县, 高新区).
fn is_bare_place(t: &str, dict: &UnitDict) -> bool {
    is_place_only(t) && !dict.collectives.contains_key(t)
}

/// Give a suffix written once to the bare places before it
/// (湘潭县、湘乡市、韶山市人民政府; 高新区、经开区管委会).
fn distribute_suffixes(drafts: &mut [Draft<'_>], region: &Region, dict: &UnitDict) {
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

/// Give a prefix written once to the units after it that have none
/// (市自然资源局、林业局、水利局 → 市林业局, 市水利局), when the prefixed
/// form is a dictionary unit.
fn distribute_prefixes(drafts: &mut [Draft<'_>], region: &Region, dict: &UnitDict) {
    // (draft index, prefix range) of the last unit written with a prefix.
    let mut carry: Option<(usize, Range<usize>)> = None;
    for i in 0..drafts.len() {
        let Some(d) = drafts.get(i) else { continue };
        if !d.res.prefix.is_empty() {
            carry = Some((i, d.res.prefix.clone()));
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

/// Split and resolve one 责任单位 text.
pub fn parse_units(text: &str, ctx: &UnitContext, diags: &mut Vec<Diagnostic>) -> Units {
    let dict = ctx.dict;
    let mut region = match ctx.memo {
        Some(memo) => memo.region(ctx.region, dict),
        None => Region::new(ctx.region, dict),
    };
    region.memo = ctx.memo;
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
    finish(text, drafts, ctx, diags)
}

/// Room for the drafts of a list: one more than its separators. Counted
/// on bytes: the last bytes of 、，；(81, 8C, 9B) may also end other
/// characters, which only over-counts (a test checks it never
/// under-counts).
fn draft_capacity(s: &str) -> usize {
    1 + s
        .bytes()
        .filter(|b| matches!(b, 0x81 | 0x8C | 0x9B | b',' | b';' | b' '))
        .count()
}

/// Apply a segment's remarks and marker word to its units (`own`) or to
/// its whole run so far.
fn apply_markers<'a>(
    drafts: &mut [Draft<'a>],
    own: std::ops::Range<usize>,
    run_start: usize,
    remarks: &[&'a str],
    verb: Option<Role>,
    region: &Region,
    dict: &UnitDict,
) {
    if own.is_empty() {
        return;
    }
    let whole_run = run_start.min(own.start)..own.end;
    let range = |reach: Reach| match reach {
        Reach::One => own.clone(),
        Reach::Run => whole_run.clone(),
    };
    if verb == Some(Role::Lead) {
        for d in drafts.get_mut(whole_run.clone()).into_iter().flatten() {
            d.lead = true;
        }
    }
    for r in remarks {
        match classify_remark(r, region, dict) {
            Remark::Lead(reach) => {
                for d in drafts.get_mut(range(reach)).into_iter().flatten() {
                    d.lead = true;
                }
            }
            Remark::Duty(reach, duty, lead) => {
                for d in drafts.get_mut(range(reach)).into_iter().flatten() {
                    d.lead |= lead;
                    if d.duty.is_none() && !duty.is_empty() {
                        d.duty = Some(duty);
                    }
                }
            }
            Remark::Alias(a) => {
                if let Some(d) = drafts.get_mut(own.end - 1) {
                    d.alias = Some(a);
                }
            }
            Remark::Other | Remark::Drop => {}
        }
    }
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
        let r = &mut d.res;
        if !r.known && !r.collective {
            diags.push(Diagnostic::info(
                "unknown-unit",
                format!("unit not in the dictionary, kept as written: {}", d.text),
            ));
        }
        let unit = Unit {
            text: d.text.to_string(),
            name: std::mem::take(&mut r.name),
            collective: r.collective,
            duty: d.duty.map(str::to_string),
            alias: d.alias.map(str::to_string),
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
