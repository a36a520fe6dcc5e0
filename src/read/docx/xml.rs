//! A small element tree built from quick-xml events. OOXML parts are
//! walked structurally (tables inside cells, properties before content),
//! which is far simpler on a tree than on a token stream; parts are size
//! capped before they get here, so holding one in memory is bounded.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::diag::{Error, Result};

/// WordprocessingML namespaces (transitional and strict): elements in them
/// are renamed to `w:local` whatever prefix the file uses.
const W_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Deeper nesting than this is not a real document but an attack on the
/// recursive walkers.
const MAX_DEPTH: usize = 256;

/// One XML element: qualified name (WordprocessingML normalized to `w:`),
/// attributes in that same naming, children in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// Child elements in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element called `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// `w:val` of the child `name`, the common OOXML property shape.
    pub fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("w:val"))
    }

    /// All text below this element, in order.
    pub fn text(&self) -> String {
        let mut s = String::new();
        collect_text(self, &mut s);
        s
    }
}

fn collect_text(e: &Element, out: &mut String) {
    for n in &e.children {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Element(c) => collect_text(c, out),
        }
    }
}

/// Decode a part's bytes: UTF-8 (with or without BOM) is what OOXML
/// writers produce; UTF-16 with a BOM is allowed by XML and handled too.
pub fn decode(bytes: &[u8], part: &str) -> Result<String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        let (text, bad) = enc.decode_without_bom_handling(rest);
        if bad {
            return Err(damaged(format!("{part} is not valid {}", enc.name())));
        }
        return Ok(text.into_owned());
    }
    String::from_utf8(bytes.to_vec())
        .map_err(|e| damaged(format!("{part} is not valid UTF-8: {e}")))
}

pub fn damaged(detail: String) -> Error {
    Error::Damaged {
        format: "DOCX",
        detail,
    }
}

/// Parse XML text into its root element.
pub fn parse(text: &str, part: &str) -> Result<Element> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut w_prefixes: Vec<String> = Vec::new();
    loop {
        let ev = reader.read_event().map_err(|e| {
            damaged(format!(
                "{part}: XML error at byte {}: {e}",
                reader.error_position()
            ))
        })?;
        match ev {
            Event::Start(s) => {
                if stack.len() > MAX_DEPTH {
                    return Err(damaged(format!(
                        "{part}: elements nested more than {MAX_DEPTH} deep"
                    )));
                }
                let el = element(&s, &mut w_prefixes);
                stack.push(el);
            }
            Event::Empty(s) => {
                let el = element(&s, &mut w_prefixes);
                push(&mut stack, Node::Element(el));
            }
            Event::End(_) => {
                if stack.len() > 1
                    && let Some(done) = stack.pop()
                {
                    push(&mut stack, Node::Element(done));
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(c) => push_text(&mut stack, &c),
            Event::GeneralRef(r) => {
                let resolved: Option<Cow<str>> = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(Cow::Owned(c.to_string())),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r).map(Cow::Borrowed),
                    Err(_) => None,
                };
                if let Some(s) = resolved {
                    push_text(&mut stack, &s);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    // Unclosed elements at EOF: fold them into their parents.
    while stack.len() > 1 {
        if let Some(done) = stack.pop() {
            push(&mut stack, Node::Element(done));
        }
    }
    let doc = stack.pop().unwrap_or_default();
    doc.children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| damaged(format!("{part} has no root element")))
}

fn push(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

fn push_text(stack: &mut [Element], s: &str) {
    if let Some(top) = stack.last_mut() {
        if let Some(Node::Text(prev)) = top.children.last_mut() {
            prev.push_str(s);
        } else {
            top.children.push(Node::Text(s.to_string()));
        }
    }
}

/// Build an element, learning namespace declarations on the way so that
/// the WordprocessingML prefix (usually `w`) maps to `w:`.
fn element(s: &BytesStart, w_prefixes: &mut Vec<String>) -> Element {
    let mut attrs = Vec::new();
    for a in s.attributes().with_checks(false).flatten() {
        let key: &str = a.key.as_ref();
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map(Cow::into_owned)
            .unwrap_or_else(|_| a.value.to_string());
        if let Some(prefix) = key.strip_prefix("xmlns:")
            && W_NAMESPACES.contains(&value.as_str())
            && !w_prefixes.iter().any(|p| p == prefix)
        {
            w_prefixes.push(prefix.to_string());
        }
        attrs.push((key.to_string(), value));
    }
    for (k, _) in &mut attrs {
        *k = normalize_name(k, w_prefixes);
    }
    let name = s.name();
    let raw: &str = name.as_ref();
    Element {
        name: normalize_name(raw, w_prefixes),
        attrs,
        children: Vec::new(),
    }
}

fn normalize_name(raw: &str, w_prefixes: &[String]) -> String {
    match raw.split_once(':') {
        Some((p, local)) if p != "w" && w_prefixes.iter().any(|w| w == p) => format!("w:{local}"),
        _ => raw.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_tree_with_entities_and_foreign_prefixes() {
        let x = r#"<?xml version="1.0"?><ns0:document xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><ns0:p><ns0:r><ns0:t xml:space="preserve">a &amp; b&#x4E00;</ns0:t></ns0:r></ns0:p></ns0:document>"#;
        let root = parse(x, "test").unwrap();
        assert_eq!(root.name, "w:document");
        let p = root.child("w:p").unwrap();
        assert_eq!(p.text(), "a & b一");
    }

    #[test]
    fn too_deep_nesting_is_an_error() {
        let x = "<a>".repeat(MAX_DEPTH + 10);
        assert!(parse(&x, "deep").is_err());
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        assert!(parse("<a><b></a>", "bad").is_err());
        assert!(parse("", "empty").is_err());
    }
}
