//! Styles: what a paragraph or run inherits. Headings are recognized by
//! the style's *name* (`heading 1`, `标题 1`, `Title`), since style ids are
//! localized or arbitrary (`1`, `a3`), or by an outline level.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::xml::Element;

static HEADING_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:heading|标题|標題)\s*([1-9])\s*$").expect("static regex")
});

/// Character formatting that matters downstream; `None` = not set here.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunProps {
    pub bold: Option<bool>,
    pub strike: Option<bool>,
    pub hidden: Option<bool>,
}

impl RunProps {
    /// Parse a `w:rPr`.
    pub fn from_rpr(rpr: &Element) -> RunProps {
        let strike = match (toggle(rpr, "w:strike"), toggle(rpr, "w:dstrike")) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (a, b) => a.or(b),
        };
        RunProps {
            bold: toggle(rpr, "w:b"),
            strike,
            hidden: toggle(rpr, "w:vanish"),
        }
    }

    /// `self` overridden by whatever `over` sets.
    pub fn then(self, over: RunProps) -> RunProps {
        RunProps {
            bold: over.bold.or(self.bold),
            strike: over.strike.or(self.strike),
            hidden: over.hidden.or(self.hidden),
        }
    }
}

/// An OOXML on/off property: present without `w:val`, or with a true
/// value, is on.
fn toggle(parent: &Element, name: &str) -> Option<bool> {
    let el = parent.child(name)?;
    Some(!matches!(
        el.attr("w:val").map(str::to_ascii_lowercase).as_deref(),
        Some("0" | "false" | "off" | "none")
    ))
}

/// A list reference: `w:numId` and `w:ilvl`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumRef {
    pub num_id: u32,
    pub ilvl: u8,
}

/// Parse a `w:numPr`; a missing `w:ilvl` is level 0.
pub fn num_ref(ppr: &Element) -> Option<NumRef> {
    let np = ppr.child("w:numPr")?;
    let num_id = np.child_val("w:numId")?.trim().parse().ok()?;
    let ilvl = np
        .child_val("w:ilvl")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
        .min(8);
    Some(NumRef { num_id, ilvl })
}

/// `w:outlineLvl` 0–8 means heading level 1–9; 9 is body text.
pub fn outline_level(ppr: &Element) -> Option<u8> {
    let v: u8 = ppr.child_val("w:outlineLvl")?.trim().parse().ok()?;
    (v < 9).then_some(v + 1)
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    heading: Option<u8>,
    run: RunProps,
    num: Option<NumRef>,
}

/// The styles part, resolved on demand through `w:basedOn` chains.
#[derive(Debug, Clone, Default)]
pub struct Styles {
    defaults: RunProps,
    styles: HashMap<String, Style>,
    default_paragraph: Option<String>,
}

/// A paragraph style's resolved effect.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParaStyle {
    pub heading: Option<u8>,
    pub run: RunProps,
    pub num: Option<NumRef>,
}

impl Styles {
    pub fn parse(root: &Element) -> Styles {
        let mut out = Styles::default();
        if let Some(rpr) = root
            .child("w:docDefaults")
            .and_then(|d| d.child("w:rPrDefault"))
            .and_then(|d| d.child("w:rPr"))
        {
            out.defaults = RunProps::from_rpr(rpr);
        }
        for s in root.elements().filter(|e| e.name == "w:style") {
            let Some(id) = s.attr("w:styleId") else {
                continue;
            };
            let name = s.child_val("w:name").unwrap_or("");
            let ppr = s.child("w:pPr");
            let heading = heading_from_name(name).or_else(|| ppr.and_then(outline_level));
            let style = Style {
                based_on: s.child_val("w:basedOn").map(str::to_string),
                heading,
                run: s.child("w:rPr").map(RunProps::from_rpr).unwrap_or_default(),
                num: ppr.and_then(num_ref),
            };
            let is_para = s.attr("w:type").is_none_or(|t| t == "paragraph");
            if is_para && s.attr("w:default").is_some_and(|v| v == "1" || v == "true") {
                out.default_paragraph = Some(id.to_string());
            }
            out.styles.insert(id.to_string(), style);
        }
        out
    }

    /// The chain from `id` up through `w:basedOn`, nearest first, cut at
    /// a cycle or an unreasonable depth.
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out: Vec<&Style> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let mut cur = Some(id);
        while let Some(c) = cur {
            if seen.contains(&c) || seen.len() > 32 {
                break;
            }
            seen.push(c);
            let Some(s) = self.styles.get(c) else { break };
            out.push(s);
            cur = s.based_on.as_deref();
        }
        out
    }

    /// What a paragraph style (or the default one when `id` is `None`)
    /// gives its paragraph.
    pub fn paragraph(&self, id: Option<&str>) -> ParaStyle {
        let id = id.or(self.default_paragraph.as_deref());
        let chain = id.map(|i| self.chain(i)).unwrap_or_default();
        let mut run = self.defaults;
        for s in chain.iter().rev() {
            run = run.then(s.run);
        }
        ParaStyle {
            heading: chain.iter().find_map(|s| s.heading),
            run,
            num: chain.iter().find_map(|s| s.num),
        }
    }

    /// A character style's run formatting.
    pub fn character(&self, id: &str) -> RunProps {
        let chain = self.chain(id);
        let mut run = RunProps::default();
        for s in chain.iter().rev() {
            run = run.then(s.run);
        }
        run
    }
}

/// `heading 2`, `Heading 2`, `标题 2` → 2; `Title`/`标题` → 1.
pub fn heading_from_name(name: &str) -> Option<u8> {
    if let Some(c) = HEADING_NAME.captures(name) {
        return c.get(1).and_then(|m| m.as_str().parse().ok());
    }
    let n = name.trim();
    (n.eq_ignore_ascii_case("title") || n == "标题" || n == "標題").then_some(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::xml::parse;

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:rPr><w:b/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="x"><w:name w:val="标题 3"/></w:style>
      <w:style w:type="paragraph" w:styleId="o"><w:name w:val="My outline"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="lbl"><w:name w:val="Label"/><w:basedOn w:val="lbl2"/></w:style>
      <w:style w:type="paragraph" w:styleId="lbl2"><w:name w:val="Label2"/><w:basedOn w:val="lbl"/><w:rPr><w:b w:val="1"/></w:rPr></w:style>
      <w:style w:type="character" w:styleId="s"><w:name w:val="Strong"/><w:rPr><w:b/><w:strike w:val="0"/></w:rPr></w:style>
    </w:styles>"#;

    #[test]
    fn headings_by_name_and_outline_level() {
        let st = Styles::parse(&parse(STYLES, "styles").unwrap());
        assert_eq!(st.paragraph(Some("1")).heading, Some(1));
        assert_eq!(st.paragraph(Some("1")).run.bold, Some(true));
        assert_eq!(st.paragraph(Some("x")).heading, Some(3));
        assert_eq!(st.paragraph(Some("o")).heading, Some(2));
        assert_eq!(st.paragraph(None).heading, None);
        assert_eq!(heading_from_name("Title"), Some(1));
    }

    #[test]
    fn based_on_cycles_terminate_and_character_styles_resolve() {
        let st = Styles::parse(&parse(STYLES, "styles").unwrap());
        assert_eq!(st.paragraph(Some("lbl")).run.bold, Some(true));
        let s = st.character("s");
        assert_eq!((s.bold, s.strike), (Some(true), Some(false)));
    }
}
