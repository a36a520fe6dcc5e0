//! Nesting depth capped before the HTML is parsed.
//!
//! The HTML tree builder looks down its stack of open elements for every
//! `<p>`, `</p>`, heading and list item ("is a `p` in button scope?"), and
//! `<div>`, `<span>` and formatting elements do not stop that search: text
//! inside 200,000 nested `<div>`s made html5ever, and after it the main
//! content search, quadratic in the depth (minutes for a 2 MB page). Such
//! depth carries nothing a plan needs, so a linear scan of the source
//! leaves out the start and end tags of these containers nested deeper
//! than [`MAX_NESTING`]: their text and every other element stay, and the
//! parser's stack stays short.
//!
//! The scan is a tokenizer's sketch, not a parser: it skips comments and
//! the raw text of `<script>`, `<style>` and the like, and does not count
//! the elements of [`UNCOUNTED`] (paragraphs, list items, table parts),
//! which the tree builder closes by itself. A
//! dropped tag's newlines are kept, so element lines (spans) do not move.

use std::borrow::Cow;
use std::collections::HashMap;

/// Containers nested deeper than this lose their tags.
pub(super) const MAX_NESTING: usize = 64;

/// Elements never counted: void elements, elements the tree builder
/// closes by itself or that bound its scope searches (paragraphs, list
/// items, table parts), and headings. Every other element is a container
/// (`div`, `span`, `section`, `font`, `ul`, unknown and custom elements…),
/// dropped beyond [`MAX_NESTING`], or formatting ([`FORMATTING`]).
const UNCOUNTED: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"keygen",
    b"html",
    b"head",
    b"body",
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"tr",
    b"td",
    b"th",
    b"thead",
    b"tbody",
    b"tfoot",
    b"table",
    b"caption",
    b"colgroup",
    b"option",
    b"optgroup",
    b"rb",
    b"rt",
    b"rtc",
    b"rp",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"template",
    b"frameset",
    b"frame",
];

/// Formatting that carries meaning (bold, struck): dropped only beyond
/// [`MAX_FORMATTING`], so that it survives in a page nested as deep as
/// the containers' cap.
const FORMATTING: &[&[u8]] = &[
    b"b", b"i", b"u", b"s", b"em", b"strong", b"small", b"big", b"strike", b"del", b"ins", b"sub",
    b"sup", b"code", b"tt", b"mark",
];

/// Formatting nested deeper than this loses its tags.
pub(super) const MAX_FORMATTING: usize = 4 * MAX_NESTING;

/// Elements whose content is raw text, not tags.
const RAW_TEXT: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// `text` with the tags of containers nested deeper than [`MAX_NESTING`]
/// left out, and how many tags were; borrowed when none were.
pub(super) fn cap_nesting(text: &str) -> (Cow<'_, str>, usize) {
    let b = text.as_bytes();
    // Open elements by lower-case name, and of each name how many start
    // tags were dropped (their end tags are dropped in turn).
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut dropped_open: HashMap<Vec<u8>, usize> = HashMap::new();
    let mut out = String::new();
    let mut copied = 0;
    let mut dropped = 0;
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'<', b.get(i..).unwrap_or_default()) {
        let at = i + k;
        let rest = b.get(at..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            i = memchr::memmem::find(rest.get(4..).unwrap_or_default(), b"-->")
                .map_or(b.len(), |e| at + 4 + e + 3);
            continue;
        }
        let close = rest.get(1) == Some(&b'/');
        let name_start = at + 1 + usize::from(close);
        let name_len = b
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if name_len == 0 || !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = at + 1;
            continue;
        }
        let name = b
            .get(name_start..name_start + name_len)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let name_end = name_start + name_len;
        let tag_end = memchr::memchr(b'>', b.get(name_end..).unwrap_or_default())
            .map_or(b.len(), |e| name_end + e + 1);
        i = tag_end;
        if !close && RAW_TEXT.contains(&name.as_slice()) {
            i = end_tag(b, tag_end, &name);
            continue;
        }
        // `<path/>`: a foreign element closed at once (an HTML element's
        // slash is ignored by the parser, but counting it would only
        // undercount).
        let self_closing = !close && b.get(..tag_end).is_some_and(|t| t.ends_with(b"/>"));
        if self_closing || UNCOUNTED.contains(&name.as_slice()) {
            continue;
        }
        let drop = if close {
            match dropped_open.get_mut(&name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => {
                    if let Some(p) = open.iter().rposition(|o| *o == name) {
                        open.truncate(p);
                    }
                    false
                }
            }
        } else {
            let cap = if FORMATTING.contains(&name.as_slice()) {
                MAX_FORMATTING
            } else {
                MAX_NESTING
            };
            if open.len() >= cap {
                *dropped_open.entry(name).or_default() += 1;
                true
            } else {
                open.push(name);
                false
            }
        };
        if drop {
            out.push_str(text.get(copied..at).unwrap_or_default());
            let tag = b.get(at..tag_end).unwrap_or_default();
            out.extend(std::iter::repeat_n(
                '\n',
                memchr::memchr_iter(b'\n', tag).count(),
            ));
            copied = tag_end;
            dropped += 1;
        }
    }
    if dropped == 0 {
        return (Cow::Borrowed(text), 0);
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    (Cow::Owned(out), dropped)
}

/// Where the raw text opened by `<name …>` ends: at its `</name`, from
/// `from`; the end of `b` when it is never closed.
fn end_tag(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(k) = memchr::memmem::find(b.get(i..).unwrap_or_default(), b"</") {
        let at = i + k;
        let candidate = b.get(at + 2..at + 2 + name.len()).unwrap_or_default();
        if candidate.eq_ignore_ascii_case(name) {
            return at;
        }
        i = at + 2;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_borrowed_untouched() {
        let page = "<div><p>一</p><div><span>二</span></div></div>";
        assert!(matches!(cap_nesting(page), (Cow::Borrowed(_), 0)));
    }

    #[test]
    fn deep_containers_lose_their_tags_and_keep_their_text_and_lines() {
        let d = MAX_NESTING + 10;
        let page = format!(
            "{}<p>问题\n一</p>{}",
            "<div\n class=x>".repeat(d),
            "</div>".repeat(d)
        );
        let (out, n) = cap_nesting(&page);
        assert_eq!(n, 20);
        assert_eq!(out.matches("<div").count(), MAX_NESTING);
        assert_eq!(out.matches("</div>").count(), MAX_NESTING);
        assert!(out.contains("<p>问题\n一</p>"));
        assert_eq!(out.matches('\n').count(), page.matches('\n').count());
    }

    #[test]
    fn formatting_survives_at_the_containers_cap() {
        let page = format!(
            "{}<p><del>删</del><b>粗</b></p>",
            "<div>".repeat(MAX_NESTING + 5)
        );
        let (out, n) = cap_nesting(&page);
        assert_eq!(n, 5);
        assert!(out.contains("<p><del>删</del><b>粗</b></p>"));
        let bold = "<b>".repeat(MAX_FORMATTING + 3);
        assert_eq!(cap_nesting(&bold).1, 3);
    }

    #[test]
    fn tags_in_comments_and_scripts_are_not_counted() {
        let deep = "<div>".repeat(MAX_NESTING + 1);
        let page = format!("<!-- {deep} --><script>var s = '{deep}';</script><div>x</div>");
        assert_eq!(cap_nesting(&page).1, 0);
    }
}
