//! HTML reader: the corpus page against the Markdown seed, a portal page
//! with furniture around the article, a GBK page, and a no-panic property.

mod common;

use common::{agreement_with_seed, assert_only_bullets_differ, extract};

use proptest::prelude::*;
use zhenggai::read::{Block, BlockKind, Doc, html};

const PLAN: &[u8] = include_bytes!("../fixtures/html/xiangtan-plan.html");
const PORTAL: &[u8] = include_bytes!("../fixtures/html/portal-notice.html");
const GBK: &[u8] = include_bytes!("../fixtures/html/gbk-notice.html");
const SEED: &str = include_str!("../fixtures/xiangtan-2018.md");

#[test]
fn plan_matches_the_markdown_seed() {
    let doc = html::read(PLAN).unwrap();
    assert_eq!(doc.encoding.as_deref(), Some("UTF-8"));
    let a = agreement_with_seed(SEED, &doc, "html");
    assert_eq!(a.text_rate, 1.0, "every seed paragraph, in order");
    assert_eq!(
        a.heading_same,
        a.pairs.len(),
        "headings where the seed has them"
    );
    assert_only_bullets_differ(&a);
}

#[test]
fn plan_struck_names_and_bold_labels() {
    let doc = html::read(PLAN).unwrap();
    let leader = doc
        .blocks
        .iter()
        .find(|b| b.runs().iter().any(|r| r.struck && r.text == "杨一广"))
        .expect("杨一广 struck");
    assert_eq!(leader.text(), "牵头领导：曹炯芳");
    assert!(leader.runs()[0].bold);
    let struck_blocks = doc.blocks.iter().filter(|b| b.has_struck()).count();
    assert_eq!(struck_blocks, 3, "three <del> in the page");
    // Spans point at the source line of the <p>.
    let src = std::str::from_utf8(PLAN).unwrap();
    let want_line = src
        .lines()
        .position(|l| l.contains("<del>杨一广</del>"))
        .unwrap() as u32
        + 1;
    assert_eq!(leader.span.line, want_line);
    assert!(src[leader.span.start..leader.span.end].contains("杨一广"));
}

fn texts(doc: &Doc) -> Vec<(BlockKind, String)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, b.text().to_string()))
        .collect()
}

#[test]
fn portal_page_article_without_furniture() {
    let doc = html::read(PORTAL).unwrap();
    let got = texts(&doc);
    let want: Vec<(BlockKind, &str)> = vec![
        (BlockKind::Heading(1), "关于印发环境保护督察整改方案的通知"),
        (BlockKind::Paragraph, "各县市区人民政府，市直有关单位："),
        (
            BlockKind::Paragraph,
            "现将《湘潭市落实湖南省环境保护督察反馈问题整改工作方案》印发给你们，请认真贯彻执行。",
        ),
        (BlockKind::Heading(3), "一、工作目标"),
        (BlockKind::Paragraph, "第一行内容到此结束。"),
        (BlockKind::Paragraph, "第二行是另一段。"),
        (BlockKind::Paragraph, "这一句在换行处被截断了，但是同一句。"),
        (BlockKind::Paragraph, "整改时限：2018年底"),
        (BlockKind::Paragraph, "牵头领导：曹炯芳"),
        (BlockKind::ListItem, "1.完成整治；"),
        (BlockKind::ListItem, "2.建立机制。"),
        (BlockKind::Table, ""),
        (BlockKind::Paragraph, "湘潭市环境保护委员会办公室"),
    ];
    let want: Vec<(BlockKind, String)> =
        want.into_iter().map(|(k, t)| (k, t.to_string())).collect();
    assert_eq!(got, want);
    let all: String = got.iter().map(|(_, t)| t.as_str()).collect();
    for furniture in [
        "脚本",
        "样式",
        "隐藏",
        "打印",
        "相关链接",
        "主办",
        "当前位置",
        "分享",
        "首页",
    ] {
        assert!(!all.contains(furniture), "{furniture} leaked into the text");
    }
    assert!(doc.blocks[7].runs()[0].bold);
    assert!(doc.blocks[8].has_struck());
}

#[test]
fn portal_rowspan_table_is_a_rectangular_grid() {
    let doc = html::read(PORTAL).unwrap();
    let t: &Block = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Table)
        .unwrap();
    let t = t.table.as_ref().unwrap();
    assert_eq!(t.header_rows, 1);
    let grid: Vec<Vec<(String, bool)>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| (c.text(), c.covered)).collect())
        .collect();
    let cell = |s: &str, covered: bool| (s.to_string(), covered);
    assert_eq!(
        grid,
        vec![
            vec![
                cell("序号", false),
                cell("反馈问题", false),
                cell("责任单位", false)
            ],
            vec![
                cell("1", false),
                cell("大气污染问题", false),
                cell("市环保局", false)
            ],
            vec![
                cell("1", true),
                cell("水污染问题", false),
                cell("市环保局", true)
            ],
            vec![
                cell("2", false),
                cell("土壤污染问题（合并两列）", false),
                cell("土壤污染问题（合并两列）", true)
            ],
        ]
    );
}

#[test]
fn portal_spans_are_source_lines() {
    let doc = html::read(PORTAL).unwrap();
    let src = std::str::from_utf8(PORTAL).unwrap();
    let line_of = |needle: &str| src.lines().position(|l| l.contains(needle)).unwrap() as u32 + 1;
    let b = doc
        .blocks
        .iter()
        .find(|b| b.text() == "整改时限：2018年底")
        .unwrap();
    assert_eq!(b.span.line, line_of("整改时限"));
    assert!(src[b.span.start..b.span.end].contains("整改时限"));
    let second = doc
        .blocks
        .iter()
        .find(|b| b.text() == "第二行是另一段。")
        .unwrap();
    assert_eq!(second.span.line, line_of("第二行是另一段"));
    let table = doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Table)
        .unwrap();
    assert_eq!(table.span.line, line_of("<table"));
    assert!(src[table.span.start..table.span.end].contains("土壤污染问题"));
}

#[test]
fn gbk_page_with_meta_gb2312() {
    assert!(
        String::from_utf8(GBK.to_vec()).is_err(),
        "the fixture really is GBK"
    );
    let doc = html::read(GBK).unwrap();
    assert_eq!(doc.encoding.as_deref(), Some("GB18030"));
    let got: Vec<&str> = doc.blocks.iter().map(Block::text).collect();
    assert_eq!(
        got,
        vec![
            "湘潭县环境保护督察反馈问题整改方案",
            "反馈问题一：生态文明建设的思想认识还不高。",
            "整改时限：2019年12月底",
            "责任人员：郭霞（县环保局局长），喆字、镕字等扩展字。",
        ]
    );
    assert!(doc.blocks[1].runs()[0].bold);
}

#[test]
fn detect_format_finds_html_with_a_long_head() {
    use zhenggai::model::Format;
    use zhenggai::read::detect_format;
    let page = format!(
        "<!-- saved from url -->\n<html><head>{}</head><body><p>正文</p></body></html>",
        "<meta name=\"keywords\" content=\"整改\">".repeat(60)
    );
    assert_eq!(
        detect_format(page.as_bytes(), "notice.doc").unwrap(),
        Format::Html
    );
    assert_eq!(detect_format(GBK, "x.doc").unwrap(), Format::Html);
}

#[test]
fn list_items_and_headings_wrapping_paragraphs_stay_one_block() {
    let page = "<body><div id=\"zoom\"><h2><span><p>二、整改措施</p></span></h2><ol start=\"3\"><li><p>完成整治，<b>按期</b>销号。</p></li><li><div><p>建立长效机制。</p></div></li></ol><ul><li>  </li><li>坚持问题导向。</li></ul></div></body>";
    let doc = html::read(page.as_bytes()).unwrap();
    let got = texts(&doc);
    let want: Vec<(BlockKind, String)> = vec![
        (BlockKind::Heading(2), "二、整改措施".to_string()),
        (BlockKind::ListItem, "3.完成整治，按期销号。".to_string()),
        (BlockKind::ListItem, "4.建立长效机制。".to_string()),
        (BlockKind::ListItem, "坚持问题导向。".to_string()),
    ];
    assert_eq!(got, want);
    assert!(
        doc.blocks[1]
            .runs()
            .iter()
            .any(|r| r.bold && r.text == "按期")
    );
}

#[test]
fn deep_nesting_and_huge_spans_do_not_hurt() {
    let deep = format!(
        "<html><body>{}深处的文字。{}</body></html>",
        "<div>".repeat(5000),
        "</div>".repeat(5000)
    );
    let doc = html::read(deep.as_bytes()).unwrap();
    assert!(doc.blocks.iter().any(|b| b.text().contains("深处的文字")));
    let wide = "<table><tr><td colspan=\"100000\" rowspan=\"100000\">甲</td><td>乙</td></tr><tr><td>丙</td></tr></table>";
    let doc = html::read(wide.as_bytes()).unwrap();
    let t = doc.blocks[0].table.as_ref().unwrap();
    assert!(
        t.rows
            .iter()
            .all(|r| r.len() == t.rows[0].len() && r.len() <= 256)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Truncated and mutated pages: never a panic.
    #[test]
    fn damaged_html_never_panics(
        which in 0usize..3,
        cut in 0.0f64..1.0,
        flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..16),
    ) {
        let src = [PLAN, PORTAL, GBK][which];
        let mut bytes = src[..(src.len() as f64 * cut) as usize].to_vec();
        if bytes.is_empty() { bytes = b"<".to_vec(); }
        let len = bytes.len();
        for (at, b) in flips {
            let i = ((len as f64) * at) as usize % len;
            bytes[i] = b;
        }
        let _ = html::read(&bytes);
    }

    /// Arbitrary tag soup: never a panic.
    #[test]
    fn tag_soup_never_panics(s in "(<(p|br|td|tr|table|del|b|h[1-7]|li|ol|div id=zoom)( rowspan=[0-9]{1,6}| colspan=-?[0-9]{1,3})?>|</[a-z0-9]{1,5}>|[甲乙。：\n ]{1,4}){0,60}") {
        let _ = html::read(s.as_bytes());
    }
}

#[test]
fn share_bars_and_buttons_are_no_status() {
    let plan = extract("html/portal-share-bar.html");
    assert_eq!(
        plan.title.as_deref(),
        Some("某县人民政府关于中央环保督察反馈问题整改情况的公示")
    );
    let status = plan.problems[0].status.as_ref().expect("status");
    assert_eq!(status.text, "已完成整改。");
}

#[test]
fn notice_batch_on_a_portal_page_with_bold_headings() {
    let plan = extract("html/notice-batch.html");
    let got: Vec<(u32, &str)> = plan
        .problems
        .iter()
        .map(|p| (p.seq, p.label.as_str()))
        .collect();
    assert_eq!(got, [(12, "第十二项"), (19, "第十九项")]);
    assert_eq!(plan.problems[0].measures.len(), 2);
    assert_eq!(plan.problems[1].measures.len(), 2);
    assert!(plan.sections.is_empty());
}
