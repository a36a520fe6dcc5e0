//! List numbering: `numbering.xml` definitions and the running counters,
//! so a numbered paragraph shows the number Word would print (1. 一、
//! (一) ①). A bullet is not text: the paragraph becomes a list item.

use std::collections::HashMap;

use super::styles::NumRef;
use super::xml::Element;
use crate::read::numfmt::format_number;

/// One level of a list definition.
#[derive(Debug, Clone, Default, PartialEq)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// What follows the number: tab (default), space or nothing.
    suffix: &'static str,
    legal: bool,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: u32,
    /// Per-level replacements and start overrides from `w:lvlOverride`.
    overrides: HashMap<u8, (Option<u32>, Option<Level>)>,
}

/// What numbering puts before a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// A bullet: no text, the paragraph is a list item.
    Bullet,
    /// Number text as printed, with its suffix (`1.` + tab).
    Number(String),
    /// Numbering switched off at this level (`none`, empty text).
    Nothing,
}

/// Numbering definitions plus the counters of the lists seen so far.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    abstracts: HashMap<u32, Vec<Level>>,
    nums: HashMap<u32, Num>,
    /// Counters by abstract list, as Word shares them across `w:num`s.
    counters: HashMap<u32, [Option<u32>; 9]>,
    /// `w:num`s whose start overrides were applied already.
    started: Vec<u32>,
}

impl Numbering {
    pub fn parse(root: &Element) -> Numbering {
        let mut out = Numbering::default();
        for a in root.elements().filter(|e| e.name == "w:abstractNum") {
            let Some(id) = a
                .attr("w:abstractNumId")
                .and_then(|v| v.trim().parse().ok())
            else {
                continue;
            };
            let mut levels = vec![Level::default(); 9];
            for l in a.elements().filter(|e| e.name == "w:lvl") {
                let ilvl: usize = l
                    .attr("w:ilvl")
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0);
                if let Some(slot) = levels.get_mut(ilvl) {
                    *slot = level(l);
                }
            }
            out.abstracts.insert(id, levels);
        }
        for n in root.elements().filter(|e| e.name == "w:num") {
            let Some(id) = n.attr("w:numId").and_then(|v| v.trim().parse().ok()) else {
                continue;
            };
            let Some(abstract_id) = n
                .child_val("w:abstractNumId")
                .and_then(|v| v.trim().parse().ok())
            else {
                continue;
            };
            let mut num = Num {
                abstract_id,
                overrides: HashMap::new(),
            };
            for o in n.elements().filter(|e| e.name == "w:lvlOverride") {
                let Some(ilvl) = o.attr("w:ilvl").and_then(|v| v.trim().parse::<u8>().ok()) else {
                    continue;
                };
                let start = o
                    .child_val("w:startOverride")
                    .and_then(|v| v.trim().parse().ok());
                let lvl = o.child("w:lvl").map(level);
                num.overrides.insert(ilvl, (start, lvl));
            }
            out.nums.insert(id, num);
        }
        out
    }

    /// The label of the next paragraph in list `r`, advancing its counter.
    /// `None` when the list is unknown (or `w:numId` 0, "no list").
    pub fn next(&mut self, r: NumRef) -> Option<Label> {
        let num = self.nums.get(&r.num_id)?;
        let levels = self.abstracts.get(&num.abstract_id)?;
        let ilvl = usize::from(r.ilvl).min(8);
        let level_of = |i: usize| -> Option<Level> {
            let over = num
                .overrides
                .get(&u8::try_from(i).unwrap_or(0))
                .and_then(|(_, l)| l.clone());
            over.or_else(|| levels.get(i).cloned())
        };
        let lvls: Vec<Level> = (0..9).map(|i| level_of(i).unwrap_or_default()).collect();
        let counters = self.counters.entry(num.abstract_id).or_insert([None; 9]);
        if !self.started.contains(&r.num_id) {
            self.started.push(r.num_id);
            for (i, (start, _)) in &num.overrides {
                if let (Some(s), Some(c)) = (start, counters.get_mut(usize::from(*i))) {
                    // Restart: the next increment lands on the override.
                    *c = Some(s.saturating_sub(1));
                }
            }
        }
        let this = lvls.get(ilvl)?;
        let value = match counters.get(ilvl).copied().flatten() {
            Some(v) => v.saturating_add(1),
            None => this.start,
        };
        if let Some(c) = counters.get_mut(ilvl) {
            *c = Some(value);
        }
        for c in counters.iter_mut().skip(ilvl + 1) {
            *c = None;
        }
        match this.format.as_str() {
            "bullet" => return Some(Label::Bullet),
            "none" => return Some(Label::Nothing),
            _ => {}
        }
        let mut text = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let i = (d - 1) as usize;
                    let lv = lvls.get(i).cloned().unwrap_or_default();
                    let n = counters.get(i).copied().flatten().unwrap_or(lv.start);
                    let fmt = if this.legal {
                        "decimal"
                    } else {
                        lv.format.as_str()
                    };
                    text.push_str(&format_number(n, fmt));
                }
                _ => text.push(c),
            }
        }
        if text.trim().is_empty() {
            return Some(Label::Nothing);
        }
        text.push_str(this.suffix);
        Some(Label::Number(text))
    }
}

fn level(l: &Element) -> Level {
    Level {
        start: l
            .child_val("w:start")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(1),
        format: l.child_val("w:numFmt").unwrap_or("decimal").to_string(),
        text: l.child_val("w:lvlText").unwrap_or("").to_string(),
        suffix: match l.child_val("w:suff") {
            Some("space") => " ",
            Some("nothing") => "",
            // The default tab after a list number is layout, not a cell
            // separator: a space (dropped next to Chinese text).
            _ => " ",
        },
        legal: l.child("w:isLgl").is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::xml::parse;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    fn r(num_id: u32, ilvl: u8) -> NumRef {
        NumRef { num_id, ilvl }
    }

    #[test]
    fn counters_nest_and_restart() {
        let mut n = Numbering::parse(&parse(NUMBERING, "numbering").unwrap());
        let num = |l: Option<Label>| match l {
            Some(Label::Number(s)) => s,
            other => format!("{other:?}"),
        };
        assert_eq!(num(n.next(r(1, 0))), "一、");
        assert_eq!(num(n.next(r(1, 1))), "（一）");
        assert_eq!(num(n.next(r(1, 1))), "（二）");
        assert_eq!(num(n.next(r(1, 2))), "一.1 ", "%1 keeps level 0's format");
        assert_eq!(num(n.next(r(1, 0))), "二、");
        assert_eq!(num(n.next(r(1, 1))), "（一）");
        assert_eq!(n.next(r(2, 0)), Some(Label::Bullet));
        assert_eq!(num(n.next(r(3, 0))), "五、");
        assert_eq!(n.next(r(0, 0)), None);
        assert_eq!(n.next(r(9, 0)), None);
    }
}
