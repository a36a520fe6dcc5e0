//! The unit dictionary: spellings → canonical-name templates, collectives
//! and the places a user file declares (`data/units.tsv`, format at its top).

#[allow(unused_imports)]
use super::*;

/// The shipped dictionary, compiled in so the binary needs no data files.
pub const BUILTIN_UNITS_TSV: &str = include_str!("data/units.tsv");

/// A word-at-a-time multiplicative hash (as in rustc's FxHash): the
/// dictionary's keys are short trusted strings, and SipHash dominated
/// lookup time.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Fx(u64);

impl Fx {
    pub(super) fn add(&mut self, word: u64) {
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

pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
pub(super) type FastSet<K> = HashSet<K, BuildHasherDefault<Fx>>;

/// One piece of a name template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece {
    Lit(String),
    /// The place the prefix names, in full (湘潭市).
    Full,
    /// Its short form (湘潭).
    Short,
}

/// A canonical name with the place left open: `{市}环境保护局`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Template(pub(super) Vec<Piece>);

impl Template {
    pub(super) fn parse(s: &str) -> Template {
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            let Some(len) = rest[open..].find('}') else {
                break;
            };
            let inner = &rest[open + '{'.len_utf8()..open + len];
            let piece = match inner {
                "省" | "市" | "县" | "区" | "州" | "旗" | "盟" | "L" => Some(Piece::Full),
                "省简" | "市简" | "县简" | "区简" | "州简" | "旗简" | "盟简" | "l" => {
                    Some(Piece::Short)
                }
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
    pub(super) fn from_declared(full: &str) -> Template {
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

    pub(super) fn render(&self, full: &str, short: &str) -> String {
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
    pub(super) fn matches(&self, t: &str, full: &str, short: &str) -> bool {
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

    /// Whether the place stands inside the name, after words of its own
    /// (国家税务总局{市}税务局), rather than at its head ({市}环境保护局,
    /// 中共{市}委员会): such a name cannot be written without the place.
    pub(super) fn place_inside(&self) -> bool {
        match self.0.as_slice() {
            [Piece::Lit(h), Piece::Full | Piece::Short, ..] => h != "中共",
            _ => false,
        }
    }

    pub(super) fn placeholders(&self) -> usize {
        self.0
            .iter()
            .filter(|p| !matches!(p, Piece::Lit(_)))
            .count()
    }

    /// The stem the canonical name itself is matched by: 环境保护局 for
    /// `{市}环境保护局`, 委办公室 for `中共{市}委办公室`.
    pub(super) fn canonical_stem(&self) -> Option<String> {
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
    pub(super) stems: FastMap<String, Vec<(char, Template)>>,
    /// Entries without a level prefix, matched exactly.
    pub(super) exact: FastMap<String, Template>,
    /// Templates with the place twice (中共{市}纪律检查委员会{市}监察委员会):
    /// their canonical form is matched by rendering.
    pub(super) compounds: Vec<Template>,
    /// Stem → (place, level, template) of entries that hold only in plans
    /// of that place (@region): 城管局 is 城市管理局 in 郑州 but
    /// 城市管理和行政执法局 in 湘潭.
    pub(super) regional: FastMap<String, Vec<(String, char, Template)>>,
    /// Stems whose expansion differs by city (@varies): a general entry
    /// for them gets a diagnostic.
    pub(super) varies: FastSet<String>,
    /// Collective spelling → canonical collective name.
    pub(super) collectives: FastMap<String, String>,
    /// Place → the place it lies in (湘潭市 → 湖南省).
    pub(super) parents: FastMap<String, String>,
    /// Every known place name and its short form (湘潭市, 湘潭).
    pub(super) places: FastSet<String>,
    /// Short form → full place name (湘潭 → 湘潭市).
    pub(super) shorts: FastMap<String, String>,
    /// Longest place name, in characters (bounds prefix probes).
    pub(super) max_place_chars: usize,
    /// Longest key of `stems`, in bytes (bounds suffix probes).
    pub(super) max_stem_len: usize,
    /// Bit [`stem_bit`] is set for the first character and length of every
    /// key of `stems`: most suffixes a unit text is probed with are passed
    /// over without hashing them.
    pub(super) stem_bits: [u64; 32],
    /// Collective spellings by first character, longest first: the
    /// leftmost-longest scan of [`CollectiveScan`] that protects them from
    /// being split asks at each character of a clause.
    pub(super) coll_by_first: FastMap<char, Vec<String>>,
    /// Bit `c % 1024` is set for the first character `c` of every
    /// collective spelling: most characters of a list start none and are
    /// passed over without a hash lookup.
    pub(super) coll_first_bits: [u64; 16],
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
        self.update_stem_len();
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

    pub(super) fn add_line(&mut self, line: &str) -> std::result::Result<(), String> {
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
            ["@region", place, short, full] if !place.is_empty() && !short.is_empty() => {
                let short = normalize_brackets(short);
                let mut chars = short.chars();
                let Some(level) = chars.next().filter(|c| is_level(*c)) else {
                    return Err(format!("@region entry {short} has no level character"));
                };
                let stem = chars.as_str().to_string();
                self.note_stem(&stem);
                let slot = self.regional.entry(stem).or_default();
                slot.retain(|(p, l, _)| !(p == place && *l == level));
                slot.push((
                    place.to_string(),
                    level,
                    Template::parse(&normalize_brackets(full)),
                ));
                Ok(())
            }
            ["@varies", stems @ ..] => {
                for st in stems.iter().filter(|s| !s.is_empty()) {
                    self.varies.insert(st.to_string());
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

    pub(super) fn add_place(&mut self, name: &str) {
        self.places.insert(name.to_string());
        self.max_place_chars = self.max_place_chars.max(char_count(name));
        if let Some(short) = place_short(name)
            && short != name
        {
            self.places.insert(short.to_string());
            // The first place listed keeps a short form two places share
            // (湘潭: the city, listed before its county 湘潭县).
            self.shorts
                .entry(short.to_string())
                .or_insert_with(|| name.to_string());
        }
    }

    /// Store one spelling; a leading level character makes it a stem entry,
    /// and the canonical name's own stem is added unless already present.
    pub(super) fn add_entry(&mut self, short: &str, tpl: Template) {
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
                // A later general entry (a user file's) overrides the
                // shipped entries of that level for single places too.
                if let Some(regional) = self.regional.get_mut(&stem) {
                    regional.retain(|(_, l, _)| *l != level);
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
    pub(super) fn note_stem(&mut self, stem: &str) {
        if let Some(c) = stem.chars().next() {
            let bit = stem_bit(c, stem.len());
            if let Some(word) = self.stem_bits.get_mut(bit / 64) {
                *word |= 1 << (bit % 64);
            }
        }
    }

    /// Whether a key of `stems` may be `len` bytes long and start with `c`
    /// (a necessary condition for a stem hit: no false negatives).
    pub(super) fn may_be_stem(&self, c: char, len: usize) -> bool {
        let bit = stem_bit(c, len);
        self.stem_bits
            .get(bit / 64)
            .is_some_and(|word| word >> (bit % 64) & 1 == 1)
    }

    /// The longest stem, regional ones included: the bound of the stem
    /// search.
    fn update_stem_len(&mut self) {
        self.max_stem_len = self
            .stems
            .keys()
            .chain(self.regional.keys())
            .map(String::len)
            .max()
            .unwrap_or(0);
    }

    /// Rebuild what is derived from the entries after a change: the stem
    /// length bound and the collective automaton (document declarations
    /// avoid the latter when they can, see [`UnitDict::add_alias`]).
    pub(super) fn rebuild(&mut self) {
        self.update_stem_len();
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
    pub(super) fn collective_at(&self, rest: &str, c: char) -> Option<usize> {
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
    pub(super) fn parent(&self, place: &str) -> Option<&str> {
        self.parents.get(place).map(String::as_str)
    }

    /// Whether `s` starts with a known place name or its short form.
    pub(super) fn starts_with_place(&self, s: &str) -> bool {
        s.char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(s.len()))
            .take(self.max_place_chars.max(national().max_chars))
            .any(|end| {
                // Full names only from the national table: its short forms
                // (合作, 和平) are words too.
                s.get(..end)
                    .is_some_and(|p| self.places.contains(p) || !national().by_full(p).is_empty())
            })
    }
}

/// The bit of [`UnitDict::stem_bits`] standing for a stem of `len` bytes
/// starting with `c`.
pub(super) fn stem_bit(c: char, len: usize) -> usize {
    (c as usize).wrapping_mul(31).wrapping_add(len) % 2048
}

/// The bit of [`UnitDict::coll_first_bits`] standing for `c`.
pub(super) fn first_char_bit(c: char) -> usize {
    c as usize % 1024
}

/// Full-width brackets everywhere, so spellings compare equal.
pub(super) fn normalize_brackets(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_entries_hold_in_their_place_only() {
        let d = UnitDict::builtin();
        let entries = d.regional.get("城管局").expect("regional 城管局");
        assert!(entries.iter().any(|(p, l, _)| p == "湘潭市" && *l == '市'));
        assert!(d.varies.contains("城管局"));
        // A user file's general entry overrides the shipped regional ones.
        let mut user = UnitDict::builtin();
        assert!(user.extend_from_str("市城管局\t{市}城市管理局\n").is_ok());
        assert!(
            user.regional
                .get("城管局")
                .is_none_or(|e| e.iter().all(|(_, l, _)| *l != '市'))
        );
    }

    #[test]
    fn malformed_region_entry_is_reported() {
        let mut d = UnitDict::default();
        assert!(
            d.extend_from_str("@region\t湘潭市\t城管局\t城市管理局\n")
                .is_err()
        );
        assert!(d.extend_from_str("@bogus\tx\n").is_err());
    }

    #[test]
    fn placeholders_of_every_level() {
        let t = Template::parse("{旗}人民政府{盟简}");
        assert_eq!(t.render("准格尔旗", "准格尔"), "准格尔旗人民政府准格尔");
    }
}
