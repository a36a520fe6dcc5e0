//! Departments by their parts: a department name no dictionary entry lists
//! still expands when it is made of known parts and a known ending
//! (县林草局 → 林业和草原局, 区城管委 → 城市管理委员会, 市海洋发展局 →
//! 海洋发展局), from `data/parts.tsv` (format at its top).

#[allow(unused_imports)]
use super::*;
use std::sync::OnceLock;

/// The shipped parts, compiled in and parsed on first use.
pub const PARTS_TSV: &str = include_str!("data/parts.tsv");

/// Parts and endings of department names.
#[derive(Debug, Default)]
pub(super) struct Parts {
    /// Part as written → as officially spelt.
    parts: FastMap<&'static str, &'static str>,
    /// Endings as written → as spelt, longest first.
    suffixes: Vec<(&'static str, &'static str)>,
    /// Longest part, in bytes.
    max_len: usize,
}

/// The shipped parts, parsed once per process.
pub(super) fn parts() -> &'static Parts {
    static PARTS: OnceLock<Parts> = OnceLock::new();
    PARTS.get_or_init(|| Parts::parse(PARTS_TSV))
}

impl Parts {
    /// Parse the lines; malformed ones are skipped (a test checks there
    /// are none).
    pub(super) fn parse(text: &'static str) -> Parts {
        let mut p = Parts::default();
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&'static str> = line.split('\t').map(str::trim).collect();
            match f.as_slice() {
                ["@suffix", w, full] => p.suffixes.push((w, full)),
                [w] if !w.starts_with('@') => {
                    p.parts.insert(w, w);
                }
                [w, full] if !w.starts_with('@') => {
                    p.parts.insert(w, full);
                }
                _ => {}
            }
        }
        p.suffixes.sort_by_key(|s| std::cmp::Reverse(s.0.len()));
        p.max_len = p.parts.keys().map(|k| k.len()).max().unwrap_or(0);
        p
    }

    /// The official spelling of a department name made of parts and an
    /// ending (林草局 → 林业和草原局); `None` when any of it is unknown.
    pub(super) fn expand(&self, stem: &str) -> Option<String> {
        self.suffixes.iter().find_map(|(w, full)| {
            let body = stem.strip_suffix(w)?;
            let mut out = self.expand_body(body)?;
            out.push_str(full);
            Some(out)
        })
    }

    /// The body of a name, cut into the longest known part at each point.
    fn expand_body(&self, body: &str) -> Option<String> {
        if body.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(body.len() * 2);
        let mut rest = body;
        while !rest.is_empty() {
            let (len, full) = rest
                .char_indices()
                .map(|(i, c)| i + c.len_utf8())
                .take_while(|&end| end <= self.max_len)
                .filter_map(|end| Some((end, *self.parts.get(rest.get(..end)?)?)))
                .last()?;
            out.push_str(full);
            rest = rest.get(len..)?;
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_parts_parse_cleanly() {
        for (i, line) in PARTS_TSV.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let n = line.split('\t').count();
            let ok = if line.starts_with("@suffix") {
                n == 3
            } else {
                n <= 2
            };
            assert!(ok, "parts.tsv line {}: {line:?}", i + 1);
        }
        assert!(parts().suffixes.len() >= 5);
    }

    #[test]
    fn expands_by_parts() {
        let p = parts();
        assert_eq!(p.expand("林草局").as_deref(), Some("林业和草原局"));
        assert_eq!(p.expand("城管委").as_deref(), Some("城市管理委员会"));
        assert_eq!(
            p.expand("住房城乡建委").as_deref(),
            Some("住房和城乡建设委员会")
        );
        assert_eq!(p.expand("文广旅局").as_deref(), Some("文化广电和旅游局"));
        assert_eq!(p.expand("海洋发展局").as_deref(), Some("海洋发展局"));
        assert_eq!(p.expand("水利和湖泊局").as_deref(), Some("水利和湖泊局"));
    }

    #[test]
    fn unknown_parts_do_not_expand() {
        let p = parts();
        assert_eq!(p.expand("星际舰队局"), None);
        assert_eq!(p.expand("局"), None);
        assert_eq!(p.expand("生态环境"), None);
    }
}
