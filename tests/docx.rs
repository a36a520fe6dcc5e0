//! DOCX reader: the corpus documents against the Markdown seed, hand-made
//! packages for merged tables, numbering, tracked changes and zip bombs,
//! and a no-panic property over damaged files.

mod common;

use common::{agreement_with_seed, assert_only_bullets_differ, is_heading};

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use zhenggai::read::{Block, BlockKind, docx};
use zip::write::SimpleFileOptions;

const PLAN: &[u8] = include_bytes!("../fixtures/docx/xiangtan-plan.docx");
const CHECKLIST: &[u8] = include_bytes!("../fixtures/docx/xiangtan-checklist-table.docx");
const SEED: &str = include_str!("../fixtures/xiangtan-2018.md");

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A DOCX package from (part name, XML) pairs.
fn package(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A package whose document body is `body`.
fn body_docx(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    );
    let mut parts = vec![("word/document.xml", doc.as_str())];
    parts.extend_from_slice(extra);
    package(&parts)
}

#[test]
fn plan_matches_the_markdown_seed() {
    let doc = docx::read(PLAN).unwrap();
    let a = agreement_with_seed(SEED, &doc, "docx");
    assert_eq!(a.text_rate, 1.0, "every seed paragraph, in order");
    assert_eq!(
        a.heading_same,
        a.pairs.len(),
        "headings where the seed has them"
    );
    // Levels follow the Word styles; the seed's Markdown levels differ in
    // one place (the attachment title is Heading 1 in Word, ## in the
    // seed), so levels are reported, not required.
    let level_diff: Vec<&str> = a
        .pairs
        .iter()
        .filter(|(i, j)| is_heading(a.seed[*i].0) && a.seed[*i].0 != a.got[*j].0)
        .map(|(i, _)| a.seed[*i].1.as_str())
        .collect();
    eprintln!("  heading level differs from the seed: {level_diff:?}");
    assert!(level_diff.len() <= 1);
    assert_only_bullets_differ(&a);
}

#[test]
fn plan_keeps_labels_bold_and_struck_names_struck() {
    let doc = docx::read(PLAN).unwrap();
    assert_eq!(doc.format, zhenggai::model::Format::Docx);
    let leader = doc
        .blocks
        .iter()
        .find(|b| b.runs().iter().any(|r| r.struck && r.text == "杨一广"))
        .expect("a block with 杨一广 struck");
    assert_eq!(leader.text(), "牵头领导：曹炯芳");
    assert!(leader.runs()[0].bold && leader.runs()[0].text == "牵头领导：");
    assert!(!leader.runs().last().unwrap().struck);
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.code == "struck-text-dropped" && d.message.contains("杨一广"))
    );
    // The sentence split over two paragraphs is one block again.
    assert!(
        doc.blocks
            .iter()
            .any(|b| b.text().contains("全面消化吸收，主动认领"))
    );
    assert!(
        doc.diagnostics
            .iter()
            .any(|d| d.code == "page-break-joined")
    );
    let fb = doc
        .blocks
        .iter()
        .filter(|b| b.text().starts_with("反馈问题") && b.runs()[0].bold)
        .count();
    assert_eq!(fb, 20, "20 bold 反馈问题 labels");
}

#[test]
fn plan_spans_are_paragraph_lines_and_rendering_offsets() {
    let doc = docx::read(PLAN).unwrap();
    let first = &doc.blocks[0];
    assert_eq!(first.span.line, 1);
    assert_eq!(first.span.start, 0);
    assert_eq!(first.span.end, "湘潭市公开湖南省环境保护督察整改方案".len());
    let second = &doc.blocks[1];
    assert_eq!(second.span.line, 2);
    assert_eq!(second.span.start, first.span.end + 1);
    let mut last = 0;
    for b in &doc.blocks {
        assert!(b.span.line > last, "lines increase");
        assert!(b.span.start <= b.span.end);
        last = b.span.line;
    }
}

#[test]
fn checklist_is_one_table_of_21_rows_by_8() {
    let doc = docx::read(CHECKLIST).unwrap();
    let tables: Vec<&Block> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Table)
        .collect();
    assert_eq!(tables.len(), 1);
    let t = tables[0].table.as_ref().unwrap();
    assert_eq!(t.rows.len(), 21);
    assert!(t.rows.iter().all(|r| r.len() == 8));
    assert_eq!(t.header_rows, 1);
    let header: Vec<String> = t.rows[0].iter().map(|c| c.text()).collect();
    assert_eq!(
        header,
        [
            "序号",
            "反馈问题",
            "整改目标",
            "整改时限",
            "责任单位",
            "牵头领导",
            "责任人员",
            "整改措施"
        ]
    );
    for (i, row) in t.rows.iter().skip(1).enumerate() {
        assert_eq!(row[0].text(), (i + 1).to_string());
        assert!(row.iter().all(|c| !c.covered));
    }
    // Rows 1–3 have an empty 整改目标; others have text.
    assert!(t.rows[1..4].iter().all(|r| r[2].text().is_empty()));
    assert!(!t.rows[4][2].text().is_empty());
    // One block per paragraph: 整改措施 of row 1 lists numbered measures.
    let measures = &t.rows[1][7];
    assert!(measures.blocks.len() > 1);
    assert!(measures.blocks[0].text().starts_with("1、"));
    // The struck leader inside the table is struck there too.
    let struck = t
        .rows
        .iter()
        .flat_map(|r| r.iter())
        .flat_map(|c| c.blocks.iter())
        .any(|b| b.runs().iter().any(|r| r.struck && r.text == "杨一广"));
    assert!(struck);
}

#[test]
fn merged_cells_expand_to_a_rectangular_grid() {
    let tc = |attrs: &str, text: &str| {
        format!("<w:tc><w:tcPr>{attrs}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    };
    let body = format!(
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>\
         <w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}</w:tr>\
         <w:tr>{}{}{}</w:tr>\
         <w:tr>{}{}{}</w:tr>\
         <w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr></w:tbl>",
        tc(r#"<w:gridSpan w:val="2"/>"#, "问题与目标"),
        tc("", "时限"),
        tc(r#"<w:vMerge w:val="restart"/>"#, "问题一"),
        tc("", "目标一"),
        tc("", "2018年底"),
        tc("<w:vMerge/>", ""),
        tc("", "目标二"),
        tc("", "2019年底"),
        tc("", "尾一"),
        tc("", "尾二"),
    );
    let doc = docx::read(&body_docx(&body, &[])).unwrap();
    let t = doc.blocks[0].table.as_ref().unwrap();
    assert_eq!(t.header_rows, 1);
    assert_eq!(t.rows.len(), 4);
    assert!(t.rows.iter().all(|r| r.len() == 3));
    assert_eq!(t.rows[0][0].text(), "问题与目标");
    assert_eq!(t.rows[0][1].text(), "问题与目标");
    assert!(!t.rows[0][0].covered && t.rows[0][1].covered);
    assert_eq!(t.rows[2][0].text(), "问题一");
    assert!(t.rows[2][0].covered);
    assert_eq!(t.rows[2][1].text(), "目标二");
    assert_eq!(t.rows[3][0].text(), "");
    assert_eq!(t.rows[3][1].text(), "尾一");
}

const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl></w:abstractNum>
  <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>
</w:numbering>"#;

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 3"/></w:style>
  <w:style w:type="character" w:styleId="lbl"><w:name w:val="Label"/><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"#;

fn p(ppr: &str, runs: &str) -> String {
    format!("<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>")
}

fn r(rpr: &str, text: &str) -> String {
    format!(r#"<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

#[test]
fn numbering_styles_and_tracked_changes() {
    let num = |id: u32, lvl: u32| {
        format!(r#"<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr>"#)
    };
    let body = [
        p(r#"<w:pStyle w:val="2"/>"#, &r("", "工作目标")),
        p(&num(3, 1), &r("", "完成整治。")),
        p(&num(3, 1), &r("", "建立机制。")),
        p(r#"<w:pStyle w:val="2"/>"#, &r("", "工作原则")),
        p(&num(4, 0), &r("", "坚持问题导向。")),
        p(r#"<w:pStyle w:val="a5"/>"#, &r("", "保障措施")),
        p(r#"<w:outlineLvl w:val="3"/>"#, &r("", "大纲标题")),
        p(
            "",
            &format!(
                r#"{}<w:del w:id="1"><w:r><w:delText>旧人</w:delText></w:r></w:del><w:ins w:id="2">{}</w:ins>{}<w:r><w:t>甲</w:t><w:br/><w:t>乙。</w:t></w:r>"#,
                r(r#"<w:rStyle w:val="lbl"/>"#, "牵头领导："),
                r("", "新人"),
                r("<w:dstrike/>", "某某")
            ),
        ),
        p("", &format!("{}{}", r("", "上一句。"), "<w:r><w:br/><w:t>下一句。</w:t></w:r>")),
    ]
    .concat();
    let doc = docx::read(&body_docx(
        &body,
        &[
            ("word/numbering.xml", NUMBERING),
            ("word/styles.xml", STYLES),
        ],
    ))
    .unwrap();
    let got: Vec<(BlockKind, String)> = doc
        .blocks
        .iter()
        .map(|b| (b.kind, b.text().to_string()))
        .collect();
    let want = [
        (BlockKind::Heading(2), "一、工作目标"),
        (BlockKind::Paragraph, "1.完成整治。"),
        (BlockKind::Paragraph, "2.建立机制。"),
        (BlockKind::Heading(2), "二、工作原则"),
        (BlockKind::ListItem, "坚持问题导向。"),
        (BlockKind::Heading(3), "保障措施"),
        (BlockKind::Heading(4), "大纲标题"),
        (BlockKind::Paragraph, "牵头领导：新人甲乙。"),
        (BlockKind::Paragraph, "上一句。"),
        (BlockKind::Paragraph, "下一句。"),
    ];
    let want: Vec<(BlockKind, String)> = want.iter().map(|(k, t)| (*k, t.to_string())).collect();
    assert_eq!(got, want);
    let leader = &doc.blocks[7];
    assert!(leader.runs()[0].bold, "bold through the character style");
    assert!(leader.runs().iter().any(|r| r.struck && r.text == "某某"));
    assert!(!leader.runs().iter().any(|r| r.text.contains("旧人")));
}

/// A zip whose only entry is `name`, with raw deflate `data` and the
/// sizes declared as given.
fn raw_zip(name: &str, data: &[u8], declared: u32, crc: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let n = name.as_bytes();
    let csize = u32::try_from(data.len()).unwrap();
    let common = |v: &mut Vec<u8>| {
        v.extend_from_slice(&20u16.to_le_bytes()); // version needed
        v.extend_from_slice(&0u16.to_le_bytes()); // flags
        v.extend_from_slice(&8u16.to_le_bytes()); // deflate
        v.extend_from_slice(&0u32.to_le_bytes()); // time, date
        v.extend_from_slice(&crc.to_le_bytes());
        v.extend_from_slice(&csize.to_le_bytes());
        v.extend_from_slice(&declared.to_le_bytes());
        v.extend_from_slice(&(n.len() as u16).to_le_bytes());
        v.extend_from_slice(&0u16.to_le_bytes()); // extra
    };
    out.extend_from_slice(b"PK\x03\x04");
    common(&mut out);
    out.extend_from_slice(n);
    out.extend_from_slice(data);
    let cd_start = out.len() as u32;
    out.extend_from_slice(b"PK\x01\x02");
    out.extend_from_slice(&20u16.to_le_bytes()); // version made by
    common(&mut out);
    out.extend_from_slice(&[0; 6]); // comment len, disk, internal attrs
    out.extend_from_slice(&0u32.to_le_bytes()); // external attrs
    out.extend_from_slice(&0u32.to_le_bytes()); // local header offset
    out.extend_from_slice(n);
    let cd_len = out.len() as u32 - cd_start;
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&cd_len.to_le_bytes());
    out.extend_from_slice(&cd_start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// Raw deflate of 1 GiB (+1 byte) of zeros, about 1 MB: a stored block
/// with one zero byte, then 256 copies of a byte-aligned zlib block that
/// inflates to 4 MiB of zeros by back-references, then a final empty
/// block.
fn gigabyte_of_zeros() -> Vec<u8> {
    let mut chunk = hex("ecc101010000008090ffaf1b12");
    chunk.extend(std::iter::repeat_n(0u8, 4064));
    chunk.extend(hex("ee020000ffff"));
    let mut out = hex("000100feff00");
    for _ in 0..256 {
        out.extend_from_slice(&chunk);
    }
    out.extend_from_slice(&[0x03, 0x00]);
    out
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn zip_bomb_is_refused_quickly() {
    let data = gigabyte_of_zeros();
    assert!(data.len() < 1_200_000);
    let t = Instant::now();
    let bomb = raw_zip("word/document.xml", &data, 1 << 30, 0x5b64_c2b0);
    let err = docx::read(&bomb).unwrap_err();
    assert!(err.to_string().contains("zip bomb"), "{err}");
    // The same bomb lying about its size is cut off after the cap.
    let liar = raw_zip("word/document.xml", &data, 1000, 0);
    assert!(docx::read(&liar).is_err());
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}

#[test]
fn not_a_docx_gives_clear_errors() {
    let err = docx::read(b"PK\x03\x04garbage").unwrap_err();
    assert!(err.to_string().contains("not a DOCX"), "{err}");
    let err = docx::read(&package(&[("xl/workbook.xml", "<workbook/>")])).unwrap_err();
    assert!(err.to_string().contains("word/document.xml"), "{err}");
    assert!(err.to_string().contains("Excel"), "{err}");
    let err = docx::read(&package(&[("word/document.xml", "<w:document")])).unwrap_err();
    assert!(err.to_string().contains("DOCX"), "{err}");
}

#[test]
fn detect_format_tells_docx_from_xlsx_by_content() {
    use zhenggai::model::Format;
    use zhenggai::read::detect_format;
    let xlsx = package(&[("xl/workbook.xml", "<workbook/>")]);
    assert_eq!(detect_format(&xlsx, "ledger.docx").unwrap(), Format::Xlsx);
    assert_eq!(detect_format(PLAN, "plan.zip").unwrap(), Format::Docx);
    assert_eq!(detect_format(PLAN, "plan.xlsx").unwrap(), Format::Docx);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Damaged files: never a panic, whatever the damage.
    #[test]
    fn damaged_docx_never_panics(
        which in 0usize..2,
        cut in 0.0f64..1.0,
        flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..8),
    ) {
        let src = if which == 0 { PLAN } else { CHECKLIST };
        let mut bytes = src[..(src.len() as f64 * cut) as usize].to_vec();
        if bytes.is_empty() { bytes = src.to_vec(); }
        let len = bytes.len();
        for (at, b) in flips {
            let i = ((len as f64) * at) as usize % len;
            bytes[i] = b;
        }
        let _ = docx::read(&bytes);
    }

    /// Damaged XML inside an intact zip: never a panic.
    #[test]
    fn damaged_document_xml_never_panics(cut in 0usize..4000, junk in "[<>/a-z:=\" ]{0,20}") {
        let body = format!(
            "<w:p><w:r><w:t>甲</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"99999\"/><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>{}",
            "<w:p><w:pPr><w:numPr><w:numId w:val=\"3\"/><w:ilvl w:val=\"77\"/></w:numPr></w:pPr><w:r><w:t>乙</w:t></w:r></w:p>".repeat(20)
        );
        let doc = format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#);
        let cut = cut.min(doc.len());
        let cut = (0..=cut).rev().find(|i| doc.is_char_boundary(*i)).unwrap_or(0);
        let mangled = format!("{}{}", &doc[..cut], junk);
        let bytes = package(&[("word/document.xml", &mangled), ("word/numbering.xml", NUMBERING)]);
        let _ = docx::read(&bytes);
    }
}
