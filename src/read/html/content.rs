//! Finding the article on a portal page. Government sites wrap the text
//! of a notice in navigation, breadcrumbs, share bars, related links and
//! footers; the article is either in a well-known container (`#zoom`,
//! `.TRS_Editor`, `article`…) or where the paragraphs of Chinese text are.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{Html, Node, Selector};

type NodeRef<'a> = ego_tree::NodeRef<'a, Node>;

/// Containers content-management systems put the article in, most
/// specific first.
const CONTENT_SELECTORS: [&str; 14] = [
    "#zoom",
    ".TRS_Editor",
    "#UCAP-CONTENT",
    ".TRS_UEDITOR",
    ".article-content",
    ".article_content",
    "#article",
    ".article",
    "article",
    "#content",
    ".content",
    "main",
    "[role=main]",
    ".main",
];

static SELECTORS: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    CONTENT_SELECTORS
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .collect()
});

/// Elements that are never article text.
const SKIP_TAGS: [&str; 22] = [
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "nav", "aside",
    "iframe", "select", "button", "input", "textarea", "svg", "canvas", "object", "embed", "audio",
    "video", "map",
];

/// id/class words (whole `-`/`_`-separated segments) of page furniture.
const SKIP_WORDS: [&str; 40] = [
    "nav",
    "navbar",
    "menu",
    "footer",
    "foot",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "share",
    "bdshare",
    "sharebar",
    "fenxiang",
    "print",
    "dayin",
    "copyright",
    "banquan",
    "sidebar",
    "toolbar",
    "position",
    "location",
    "weizhi",
    "dqwz",
    "search",
    "login",
    "links",
    "friendlink",
    "yqlj",
    "ewm",
    "qrcode",
    "comment",
    "comments",
    "related",
    "xgxx",
    "pager",
    "pagination",
    "bdsharebuttonbox",
    "topbar",
    "skip",
    "hidden",
];

/// Block-level tags: a `div` without any of these inside is a paragraph.
pub const BLOCK_TAGS: [&str; 26] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "blockquote",
    "pre",
    "dl",
    "dd",
    "dt",
    "center",
    "main",
    "header",
    "footer",
];

/// Paragraph-like units whose text counts toward their parent.
const UNIT_TAGS: [&str; 15] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "pre",
    "blockquote",
    "table",
    "dd",
    "dt",
    "center",
    "td",
];

/// The element holding the article, and a title heading found before it
/// outside it (portal pages put the title above the text container).
pub struct Content {
    pub root: NodeId,
    pub title: Option<NodeId>,
    /// Nodes inside page furniture, to leave out inside the root too.
    pub skipped: HashSet<NodeId>,
}

/// Is this element page furniture by its tag, attributes or class?
pub fn is_furniture(node: NodeRef) -> bool {
    let Some(el) = node.value().as_element() else {
        return false;
    };
    let tag = el.name();
    if SKIP_TAGS.contains(&tag) {
        return true;
    }
    if tag == "header" || tag == "footer" {
        // A <header> inside an <article> holds the article's title.
        let in_article = node.ancestors().any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| e.name() == "article" || e.name() == "main")
        });
        if !in_article || tag == "footer" {
            return true;
        }
    }
    if tag == "form" {
        // ASP.NET pages wrap everything in one <form>: only a form
        // without paragraphs is a search box or a login form.
        let has_text_blocks = node.descendants().any(|d| {
            d.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "p" | "h1" | "h2" | "h3" | "table" | "article"))
        });
        if !has_text_blocks {
            return true;
        }
    }
    if el.attr("hidden").is_some() {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String = style
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = el.attr("role")
        && matches!(role, "navigation" | "banner" | "contentinfo" | "search")
    {
        return true;
    }
    let words = el
        .attr("id")
        .into_iter()
        .chain(el.classes())
        .flat_map(|t| t.split(['-', '_', ' ']))
        .map(str::to_ascii_lowercase);
    for w in words {
        if SKIP_WORDS.contains(&w.as_str()) {
            return true;
        }
    }
    false
}

/// A paragraph of page furniture told by its words, where the page gives
/// no class to tell it by: a breadcrumb (您现在的位置：首页 > …), a share
/// bar (分享到：微信 微博), a row of buttons (【打印本页】【关闭窗口】), or
/// 上一篇/下一篇 links. Never a plan's text, so never its title or status.
pub fn is_chrome_text(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    const OPENINGS: [&str; 9] = [
        "您当前的位置",
        "您现在的位置",
        "当前位置：",
        "当前位置:",
        "分享到",
        "上一篇：",
        "下一篇：",
        "扫一扫在手机打开",
        "返回顶部",
    ];
    if OPENINGS.iter().any(|o| t.starts_with(o)) {
        return true;
    }
    // Only 【…】 buttons, each a furniture word.
    const BUTTONS: [&str; 9] = [
        "打印",
        "关闭",
        "字体",
        "字号",
        "收藏",
        "返回",
        "大中小",
        "分享",
        "纠错",
    ];
    let mut rest = t.as_str();
    let mut any = false;
    while let Some(r) = rest.strip_prefix('【') {
        let Some(end) = r.find('】') else {
            return false;
        };
        let inner = &r[..end];
        if !BUTTONS.iter().any(|b| inner.contains(b)) {
            return false;
        }
        any = true;
        rest = &r[end + '】'.len_utf8()..];
    }
    any && rest.is_empty()
}

fn cjk_count(s: &str) -> usize {
    s.chars()
        .filter(|c| matches!(*c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF))
        .count()
}

/// Visible Chinese characters per element and the set of nodes inside
/// furniture, in one iterative pass (no recursion: pages can nest deep).
fn measure(html: &Html) -> (HashMap<NodeId, usize>, HashSet<NodeId>) {
    let mut totals: HashMap<NodeId, usize> = HashMap::new();
    let mut skipped: HashSet<NodeId> = HashSet::new();
    let mut stack: Vec<(NodeId, usize)> = Vec::new();
    let mut skip_depth: usize = 0;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(n) => {
                if skip_depth > 0 || is_furniture(n) {
                    skip_depth += 1;
                    skipped.insert(n.id());
                    continue;
                }
                match n.value() {
                    Node::Text(t) => {
                        if let Some(top) = stack.last_mut() {
                            top.1 += cjk_count(&t.text);
                        }
                    }
                    Node::Element(_) => stack.push((n.id(), 0)),
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if skipped.contains(&n.id()) {
                    skip_depth = skip_depth.saturating_sub(1);
                    continue;
                }
                if n.value().is_element()
                    && let Some((id, total)) = stack.pop()
                {
                    totals.insert(id, total);
                    if let Some(top) = stack.last_mut() {
                        top.1 += total;
                    }
                }
            }
        }
    }
    (totals, skipped)
}

fn tag<'n>(n: NodeRef<'n>) -> Option<&'n str> {
    n.value().as_element().map(|e| e.name())
}

/// A `div`/`section`/`span` with no block-level element inside is one
/// paragraph of text.
fn is_leaf_block(n: NodeRef) -> bool {
    n.children()
        .all(|c| tag(c).is_none_or(|t| !BLOCK_TAGS.contains(&t)))
}

/// Find the article: a known container holding a good share of the
/// page's text, else the element whose own paragraphs hold the most
/// Chinese text.
pub fn main_content(html: &Html) -> Option<Content> {
    let (totals, skipped) = measure(html);
    let root = html.tree.root();
    let body = root
        .descendants()
        .find(|n| tag(*n) == Some("body"))
        .unwrap_or(root);
    let body_total = totals.get(&body.id()).copied().unwrap_or(0);
    let total = |id: NodeId| totals.get(&id).copied().unwrap_or(0);

    let mut chosen: Option<NodeId> = None;
    for sel in SELECTORS.iter() {
        let best = html
            .select(sel)
            .filter(|e| !skipped.contains(&e.id()))
            .max_by_key(|e| total(e.id()));
        if let Some(b) = best {
            let t = total(b.id());
            if t > 0 && t * 10 >= body_total * 3 {
                chosen = Some(b.id());
                break;
            }
        }
    }
    let chosen = chosen.or_else(|| {
        let mut best: Option<(usize, NodeId)> = None;
        for n in body.descendants() {
            if skipped.contains(&n.id()) || !n.value().is_element() {
                continue;
            }
            let mut score = 0;
            for c in n.children() {
                if skipped.contains(&c.id()) {
                    continue;
                }
                match c.value() {
                    Node::Text(t) => score += cjk_count(&t.text),
                    Node::Element(e) => {
                        let name = e.name();
                        let counts = UNIT_TAGS.contains(&name)
                            || !BLOCK_TAGS.contains(&name)
                            || ((name == "div" || name == "section") && is_leaf_block(c));
                        if counts {
                            score += total(c.id());
                        }
                    }
                    _ => {}
                }
            }
            if score > 0 && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, n.id()));
            }
        }
        best.map(|(_, id)| id)
    });
    let root_id = chosen.unwrap_or(body.id());
    let title = title_before(html, root_id, &skipped);
    Some(Content {
        root: root_id,
        title,
        skipped,
    })
}

/// The last `<h1>`/`<h2>` before the article root and outside it, when the
/// root has no `<h1>` of its own.
fn title_before(html: &Html, root: NodeId, skipped: &HashSet<NodeId>) -> Option<NodeId> {
    let root_ref = html.tree.get(root)?;
    if root_ref.descendants().any(|n| tag(n) == Some("h1")) {
        return None;
    }
    if root_ref.ancestors().any(|a| tag(a) == Some("body")) {
        let mut last = None;
        for n in html.tree.root().descendants() {
            if n.id() == root {
                break;
            }
            if matches!(tag(n), Some("h1" | "h2"))
                && !skipped.contains(&n.id())
                && !n.ancestors().any(|a| a.id() == root)
                && !root_ref.ancestors().any(|a| a.id() == n.id())
                && n.descendants().any(|d| {
                    d.value()
                        .as_text()
                        .is_some_and(|t| !t.text.trim().is_empty())
                })
            {
                last = Some(n.id());
            }
        }
        return last;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_by_its_words() {
        assert!(is_chrome_text("分享到：微信 微博 QQ空间"));
        assert!(is_chrome_text("【打印本页】【关闭窗口】"));
        assert!(is_chrome_text("您现在的位置：首页 > 政务公开"));
        assert!(!is_chrome_text("【整改目标】河道两岸垃圾全面清理。"));
        assert!(!is_chrome_text("【打印本页】已完成整改。"));
    }
}
