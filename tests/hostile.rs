//! Hostile and odd inputs: every reader cleans its text the same way, stays
//! linear in its input, and gives a sensible result or a clear error.
//! Nothing here is timed (speed is measured by `tests/bench/readers.rs`);
//! the inputs are made so that a quadratic or unbounded reader would not
//! finish.

mod common;

use common::{fixture, structural_mismatches};
use zhenggai::{Level, Options};

fn seed() -> String {
    std::fs::read_to_string(fixture("xiangtan-2018.md")).expect("seed")
}

fn extract(bytes: &[u8], name: &str) -> zhenggai::Plan {
    zhenggai::extract(bytes, name, &Options::new()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn codes(plan: &zhenggai::Plan) -> Vec<&str> {
    plan.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

/// Insert `what` after every `every` bytes (at character boundaries).
fn sprinkle(text: &str, every: usize, what: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len() * 2);
    let mut since = 0;
    let mut n = 0;
    for c in text.chars() {
        out.push(c);
        since += c.len_utf8();
        if since >= every {
            out.push_str(what);
            since = 0;
            n += 1;
        }
    }
    (out, n)
}

#[test]
fn nul_bytes_in_a_text_file_are_removed_with_one_diagnostic() {
    let (text, n) = sprinkle(&seed(), 1000, "\0");
    assert!(n > 50);
    for name in ["nul.md", "nul.txt"] {
        let plan = extract(text.as_bytes(), name);
        let json = serde_json::to_string(&plan).unwrap();
        assert!(!json.contains("\\u0000"), "{name}: NUL in the output");
        let d: Vec<_> = plan
            .diagnostics
            .iter()
            .filter(|d| d.code == "control-characters-removed")
            .collect();
        assert_eq!(d.len(), 1, "{name}: {:?}", codes(&plan));
        assert!(d[0].message.contains(&n.to_string()), "{}", d[0].message);
        assert_eq!(structural_mismatches(&plan), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn other_control_characters_go_too_but_tabs_and_newlines_stay() {
    let (text, n) = sprinkle(&seed(), 700, "\u{1}\u{1b}\u{7}");
    let plan = extract(text.as_bytes(), "ctl.md");
    let json = serde_json::to_string(&plan).unwrap();
    for c in ["\\u0001", "\\u001b", "\\u0007"] {
        assert!(!json.contains(c), "{c} in the output");
    }
    let d = plan
        .diagnostics
        .iter()
        .find(|d| d.code == "control-characters-removed")
        .expect("diagnostic");
    assert!(d.message.contains(&(3 * n).to_string()), "{}", d.message);
    assert_eq!(structural_mismatches(&plan), Vec::<String>::new());
}

/// Kangxi radicals and radical-supplement forms, as the ToUnicode maps of
/// Noto/Source Han PDF fonts give them, read as the ideographs they stand
/// for: the plan is the seed's, with one diagnostic giving the count.
#[test]
fn radical_forms_read_as_the_ideographs_they_stand_for() {
    let seed = seed();
    let forms = seed
        .replace('一', "⼀")
        .replace('工', "⼯")
        .replace('长', "⻓")
        .replace('人', "⼈");
    let n = seed.chars().filter(|c| "一工长人".contains(*c)).count();
    assert!(n > 100);
    let want = extract(seed.as_bytes(), "seed.md");
    let got = extract(forms.as_bytes(), "seed.md");
    assert_eq!(
        serde_json::to_value(&got.problems).unwrap(),
        serde_json::to_value(&want.problems).unwrap()
    );
    assert_eq!(got.title, want.title);
    let d: Vec<_> = got
        .diagnostics
        .iter()
        .filter(|d| d.code == "radical-forms-mapped")
        .collect();
    assert_eq!(d.len(), 1);
    assert!(d[0].message.contains(&n.to_string()), "{}", d[0].message);
    assert!(d[0].level < Level::Error);
    assert!(!serde_json::to_string(&got).unwrap().contains('⼀'));
    assert!(!serde_json::to_string(&got).unwrap().contains('⼯'));
}

/// The same hygiene in HTML and in table cells.
#[test]
fn hygiene_reaches_html_and_table_cells() {
    let page = "<html><body><h1>整改⽅案</h1><table><tr><td>序号</td><td>问题</td></tr>\
                <tr><td>⼀\u{1}</td><td>⼯作不到位</td></tr></table></body></html>";
    let doc = zhenggai::read::read(page.as_bytes(), "p.html", &Default::default()).unwrap();
    let text: String = doc
        .blocks
        .iter()
        .map(|b| match &b.table {
            Some(t) => t
                .rows
                .iter()
                .flatten()
                .map(|c| c.text())
                .collect::<Vec<_>>()
                .join("|"),
            None => b.text().to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(text, "整改方案\n序号|问题|一|工作不到位");
    let codes: Vec<_> = doc.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"radical-forms-mapped"), "{codes:?}");
    assert!(codes.contains(&"control-characters-removed"), "{codes:?}");
}

/// A plan page whose body sits inside 200,000 nested `<div>`s (2 MB of
/// tags): the tree builder's scope searches made this quadratic in the
/// depth. Now the deep tags are left out, and the plan reads as without.
#[test]
fn a_plan_inside_200000_nested_divs_reads_like_the_plain_page() {
    let page = std::fs::read_to_string(fixture("html/xiangtan-plan.html")).unwrap();
    let (head, rest) = page.split_once("<body>").unwrap();
    let (body, tail) = rest.rsplit_once("</body>").unwrap();
    let n = 200_000;
    let deep = format!(
        "{head}<body>{}{body}{}</body>{tail}",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    assert!(deep.len() > 2_000_000);
    let plan = extract(deep.as_bytes(), "deep.html");
    assert_eq!(structural_mismatches(&plan), Vec::<String>::new());
    assert!(
        codes(&plan).contains(&"nesting-capped"),
        "{:?}",
        codes(&plan)
    );
}

/// Other deep HTML: custom elements, formatting, lists and tables, each
/// nested 50,000 deep, finish with a result or a clear diagnostic.
#[test]
fn other_deep_html_finishes() {
    let page = std::fs::read_to_string(fixture("html/xiangtan-plan.html")).unwrap();
    let (head, rest) = page.split_once("<body>").unwrap();
    let (body, tail) = rest.rsplit_once("</body>").unwrap();
    for (open, close) in [
        ("<x-a>", "</x-a>"),
        ("<b>", "</b>"),
        ("<ul><li>", "</li></ul>"),
        ("<table><tr><td>", "</td></tr></table>"),
    ] {
        let n = 50_000;
        let deep = format!(
            "{head}<body>{}{body}{}</body>{tail}",
            open.repeat(n),
            close.repeat(n)
        );
        let plan = extract(deep.as_bytes(), "deep.html");
        assert!(
            !plan.problems.is_empty() || codes(&plan).contains(&"no-checklist"),
            "{open}"
        );
    }
}

/// 10 MB of text on one line: read, no checklist found, an error-level
/// diagnostic (so the command line exits 1).
#[test]
fn ten_megabytes_on_one_line() {
    let line = "整改问题一项，".repeat(500_000);
    assert!(line.len() >= 10_000_000);
    for name in ["one-line.txt", "one-line.md"] {
        let plan = extract(line.as_bytes(), name);
        assert!(plan.problems.is_empty(), "{name}");
        assert!(
            zhenggai::diag::errors(&plan.diagnostics).any(|d| d.code == "no-checklist"),
            "{name}"
        );
    }
}

/// Markdown quotes 200,000 deep and lists indented thousands of levels.
#[test]
fn deep_markdown_quotes_and_lists() {
    let seed = seed();
    let quotes = format!("{} 整改\n{seed}", ">".repeat(200_000));
    let plan = extract(quotes.as_bytes(), "quotes.md");
    assert_eq!(structural_mismatches(&plan), Vec::<String>::new());
    let nested: String = (0..2000)
        .map(|i| format!("{}- 项\n", "> ".repeat(i)))
        .collect();
    let _ = extract(nested.as_bytes(), "nested.md");
    let lists: String = (0..5000)
        .map(|i| format!("{}- 项目\n", "  ".repeat(i)))
        .collect();
    let plan = extract(format!("{lists}{seed}").as_bytes(), "lists.md");
    assert_eq!(plan.problems.len(), 20);
}

/// A one-page PDF with Helvetica text, `content` as its content stream
/// and `extra` as one more (unused) object.
fn raw_pdf(content: &[u8], extra: &[u8]) -> Vec<u8> {
    page_pdf(content, "", extra)
}

#[path = "support/page_pdf.rs"]
mod page_pdf;
use page_pdf::page_pdf;

/// PDF objects and content nested 100,000 deep: a result or a clear
/// error, never a stack overflow.
#[test]
fn deeply_nested_pdf_objects_and_content() {
    let n = 100_000;
    let text = b"BT /F1 12 Tf 72 700 Td (Hello plan) Tj ET".as_slice();
    let cases: Vec<(Vec<u8>, Vec<u8>)> = vec![
        (
            text.to_vec(),
            ["[".repeat(n), "]".repeat(n)].concat().into_bytes(),
        ),
        (
            text.to_vec(),
            ["<< /A ".repeat(n), ">>".repeat(n)].concat().into_bytes(),
        ),
        (
            [
                text,
                b"\n",
                "[".repeat(n).as_bytes(),
                "]".repeat(n).as_bytes(),
                b" pop",
            ]
            .concat(),
            Vec::new(),
        ),
        (
            [b"q ".repeat(n), text.to_vec(), b" Q".repeat(n)].concat(),
            Vec::new(),
        ),
        (
            [b"BT ".repeat(n), text.to_vec(), b" ET".repeat(n)].concat(),
            Vec::new(),
        ),
    ];
    for (i, (content, extra)) in cases.iter().enumerate() {
        match zhenggai::extract(&raw_pdf(content, extra), "deep.pdf", &Options::new()) {
            Ok(plan) => assert!(
                zhenggai::diag::errors(&plan.diagnostics).next().is_some(),
                "case {i}: no checklist in a one-line PDF"
            ),
            Err(e) => assert!(!e.to_string().is_empty(), "case {i}"),
        }
    }
}

/// A DOCX package whose document part is `xml`.
fn docx(xml: &str) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// Entity declarations are never expanded (a billion laughs stays a
/// dropped reference), and XML nested past the cap is a clear error.
#[test]
fn docx_entities_are_never_expanded_and_depth_is_capped() {
    let mut dtd = String::from(r#"<!DOCTYPE w:document [<!ENTITY lol "lol">"#);
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            r#"<!ENTITY lol{i} "{}">"#,
            format!("&{prev};").repeat(10)
        ));
    }
    dtd.push_str("]>");
    let xml = format!(
        r#"<?xml version="1.0"?>{dtd}<w:document {W}><w:body><w:p><w:r><w:t>整改&lol9;方案</w:t></w:r></w:p></w:body></w:document>"#
    );
    let doc = zhenggai::read::read(&docx(&xml), "lol.docx", &Default::default()).unwrap();
    let text: Vec<&str> = doc.blocks.iter().map(|b| b.text()).collect();
    assert_eq!(text, ["整改方案"]);

    let deep = format!(
        r#"<w:document {W}><w:body>{}</w:body></w:document>"#,
        "<w:sdt><w:sdtContent>".repeat(100_000)
    );
    match zhenggai::read::read(&docx(&deep), "deep.docx", &Default::default()) {
        Err(e) => assert!(e.to_string().contains("nested"), "{e}"),
        Ok(doc) => assert!(doc.blocks.is_empty()),
    }
}

/// PDFs set in STSong-Light, a standard Chinese font named without being
/// embedded and without a ToUnicode map (made by scripts/make-stsong-pdf.py
/// with reportlab): UniGB-UCS2-H, GBK-EUC-H, and GBK-EUC-H on pages turned
/// by /Rotate 90 with the text set to read upright as displayed. Each reads
/// as the seed, front matter included.
#[test]
fn standard_chinese_fonts_without_embedding_and_turned_pages() {
    let want = extract(seed().as_bytes(), "seed.md");
    for name in ["stsong-ucs2", "stsong-gbk", "stsong-gbk-rot90"] {
        let rel = format!("pdf/xiangtan-plan.{name}.pdf");
        let plan = common::extract(&rel);
        assert_eq!(structural_mismatches(&plan), Vec::<String>::new(), "{name}");
        assert_eq!(plan.title, want.title, "{name}");
        assert_eq!(plan.region, want.region, "{name}");
        assert_eq!(plan.problems.len(), 20, "{name}");
        assert!(
            !codes(&plan).contains(&"pdf-undecodable-glyph"),
            "{name}: {:?}",
            codes(&plan)
        );
    }
}

/// An invisible text layer (render mode 3) over a page image, as OCR
/// tools and scanners write: the layer is the page's text, not a scan.
#[test]
fn an_invisible_text_layer_over_an_image_is_read() {
    let mut content = b"q 595 0 0 842 0 0 cm /Im1 Do Q\n".to_vec();
    for i in 0..5 {
        content.extend_from_slice(
            format!(
                "BT 3 Tr /F1 12 Tf 72 {} Td (Line {i} of the layer.) Tj ET\n",
                700 - 20 * i
            )
            .as_bytes(),
        );
    }
    let image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream";
    let pdf = page_pdf(&content, "/XObject << /Im1 6 0 R >>", image);
    let doc = zhenggai::read::read(&pdf, "ocr.pdf", &Default::default()).expect("read");
    let text: Vec<&str> = doc.blocks.iter().map(|b| b.text()).collect();
    assert!(
        text.join("\n").contains("Line 0 of the layer.")
            && text.join("\n").contains("Line 4 of the layer."),
        "{text:?}"
    );
}

/// A plan whose text is all Type 3 glyphs, its ToUnicode mapping many
/// ideographs to Kangxi radicals, as Chromium writes pages set in Noto CJK
/// (made by scripts/make-type3-pdf.py): the PDF reader gives the radicals,
/// hygiene maps them, and the plan reads as the seed.
#[test]
fn type3_glyphs_with_radical_unicode_read_as_the_seed() {
    let bytes = std::fs::read(fixture("pdf/xiangtan-plan.type3-radicals.pdf")).unwrap();
    let raw = zhenggai::read::pdf::read(&bytes, &Default::default()).unwrap();
    assert!(raw.blocks.iter().any(|b| b.text().contains('⼀')));
    // Without the mapping, （⼀） is not （一）: 6 of the 20 problems found.
    let unmapped =
        zhenggai::normalize::plan::build(zhenggai::parse::parse(&raw), None, &Options::new());
    assert!(unmapped.problems.len() < 20);
    let plan = extract(&bytes, "type3.pdf");
    assert_eq!(structural_mismatches(&plan), Vec::<String>::new());
    assert_eq!(plan.problems.len(), 20);
    assert!(codes(&plan).contains(&"radical-forms-mapped"));
}

/// The seed printed by Chromium with every text in Noto Sans CJK SC
/// (scripts/make-noto-pdf.sh): CJK glyphs in Type 3 fonts, and glyphs the
/// font shares between two characters (户/戶, —/―) mapped to one of them
/// in ToUnicode but wrapped in a span whose /ActualText is the other. The
/// ActualText wins, and the plan reads as the seed.
#[test]
fn chromium_noto_cjk_pdf_reads_as_the_seed() {
    let bytes = std::fs::read(fixture("pdf/xiangtan-plan.chromium-noto.pdf")).unwrap();
    let raw = zhenggai::read::pdf::read(&bytes, &Default::default()).unwrap();
    let text: String = raw.blocks.iter().map(|b| b.text()).collect();
    assert!(text.contains("门户网站") && text.contains("9月1日—10月31日"));
    assert!(!text.contains('戶') && !text.contains('―'));
    let plan = extract(&bytes, "noto.pdf");
    assert_eq!(structural_mismatches(&plan), Vec::<String>::new());
    assert_eq!(plan.problems.len(), 20);
}
