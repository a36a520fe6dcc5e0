//! The same plan from every format gives the same records and ids.

mod common;

use common::*;
use zhenggai::model::Format;
use zhenggai::read::BlockKind;

const PLAN_FORMATS: &[(&str, Format)] = &[
    ("pdf/xiangtan-plan.libreoffice.pdf", Format::Pdf),
    ("pdf/xiangtan-plan.chromium.pdf", Format::Pdf),
    ("pdf/xiangtan-plan.owner-only.pdf", Format::Pdf),
    ("docx/xiangtan-plan.docx", Format::Docx),
    ("html/xiangtan-plan.html", Format::Html),
];

#[test]
fn every_format_of_the_plan_matches_the_gold_structure() {
    let md = extract("xiangtan-2018.md");
    for &(f, format) in PLAN_FORMATS {
        let plan = extract(f);
        assert_eq!(plan.source.format, format, "{f}");
        let misses = structural_mismatches(&plan);
        assert!(misses.is_empty(), "{f}: {misses:#?}");
        assert_eq!(
            plan.id, md.id,
            "{f}: document id differs from the Markdown's"
        );
        let ids: Vec<&str> = plan.problems.iter().map(|p| p.id.as_str()).collect();
        let md_ids: Vec<&str> = md.problems.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, md_ids, "{f}");
        assert_schema_valid(&plan, f);
    }
}

#[test]
fn pdf_pages_and_spans_point_into_the_pages() {
    let plan = extract("pdf/xiangtan-plan.libreoffice.pdf");
    assert_eq!(plan.source.pages, Some(41));
    let span = plan.problems[15].span.expect("span");
    assert!(span.page.is_some_and(|p| p > 1 && p <= 41));
    assert!(span.line >= 1);
}

#[test]
fn table_form_checklists_match_their_gold() {
    let gold = gold_of("xiangtan-checklist-table.gold.json");
    for f in [
        "pdf/xiangtan-checklist-table.pdf",
        "docx/xiangtan-checklist-table.docx",
    ] {
        let plan = extract(f);
        let misses = mismatches_against(&plan, &gold);
        assert!(misses.is_empty(), "{f}: {misses:#?}");
        assert_eq!(plan.problems.len(), 20, "{f}");
        // 年底前 in a checklist-only document resolves against the years
        // its table states.
        let m = &plan.problems[10].measures[0];
        assert!(
            m.terms.iter().all(|t| t.end.is_some()) && !m.terms.is_empty(),
            "{f}: {:?}",
            m.terms
        );
        assert_schema_valid(&plan, f);
    }
}

#[test]
fn table_form_and_labelled_form_give_the_same_records() {
    let labelled = extract("docx/xiangtan-plan.docx");
    let table = extract("docx/xiangtan-checklist-table.docx");
    assert_eq!(labelled.problems.len(), table.problems.len());
    for (a, b) in labelled.problems.iter().zip(&table.problems) {
        let w = a.seq;
        assert_eq!(a.seq, b.seq);
        assert_eq!(norm(&a.description), norm(&b.description), "problem {w}");
        assert_eq!(a.title, b.title, "problem {w}");
        assert_eq!(
            a.target.as_deref().map(norm),
            b.target.as_deref().map(norm),
            "problem {w}"
        );
        assert_eq!(a.deadline, b.deadline, "problem {w}");
        assert_eq!(a.units, b.units, "problem {w}");
        assert_eq!(a.leaders, b.leaders, "problem {w}");
        assert_eq!(a.responsible, b.responsible, "problem {w}");
        let ma: Vec<(Option<&str>, String)> = flatten(&a.measures)
            .iter()
            .map(|m| (m.number.as_deref(), norm(&m.text)))
            .collect();
        let mb: Vec<(Option<&str>, String)> = flatten(&b.measures)
            .iter()
            .map(|m| (m.number.as_deref(), norm(&m.text)))
            .collect();
        assert_eq!(ma, mb, "problem {w}");
    }
}

#[test]
fn scanned_and_encrypted_pdfs_are_clear_errors() {
    let mut opts = zhenggai::Options::new();
    opts.no_ocr = true;
    let read = |f: &str| std::fs::read(fixture(f)).expect("fixture");
    let e = zhenggai::extract(&read("pdf/xiangtan-plan.scanned.pdf"), "s.pdf", &opts).unwrap_err();
    assert!(e.to_string().starts_with("no-text-layer"), "{e}");
    let e =
        zhenggai::extract(&read("pdf/xiangtan-plan.encrypted.pdf"), "e.pdf", &opts).unwrap_err();
    assert!(e.to_string().starts_with("encrypted"), "{e}");
    let mut with_pw = zhenggai::Options::new();
    with_pw.password = Some("secret".into());
    let plan = zhenggai::extract(&read("pdf/xiangtan-plan.encrypted.pdf"), "e.pdf", &with_pw)
        .expect("decrypts");
    assert!(structural_mismatches(&plan).is_empty());
}

#[test]
fn cli_writes_no_output_file_for_an_unreadable_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.json");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_zhenggai"))
        .arg("extract")
        .arg(fixture("pdf/xiangtan-plan.encrypted.pdf"))
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("xiangtan-plan.encrypted.pdf") && err.contains("--password"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    assert!(!out.exists());
}

/// The blocks a Markdown file reads as: each block's kind and text.
fn blocks_of(bytes: &[u8], name: &str) -> Vec<(BlockKind, String)> {
    let doc = zhenggai::read::read(bytes, name, &zhenggai::read::ReadOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    doc.blocks
        .iter()
        .map(|b| (b.kind, b.text().to_string()))
        .collect()
}

const P: BlockKind = BlockKind::Paragraph;
const L: BlockKind = BlockKind::ListItem;
const H: BlockKind = BlockKind::Heading(1);

/// Markdown fixtures and the blocks each must read as. Lines written one
/// paragraph a line (web text) stay apart; a line wrapped mid-sentence
/// joins the next; a blank line joins only a sentence cut by a page break,
/// never table cells, a number, a title's lines or the next item.
const MARKDOWN_BLOCKS: &[(&str, &[(BlockKind, &str)])] = &[
    (
        "plans/soft-wraps.md",
        &[
            (H, "2024年环境问题整改方案"),
            (
                P,
                "为切实抓好环境问题整改工作，各乡镇、各部门要把整改工作作为一项重大政治任务，\
                 对照问题清单逐项研究，细化整改措施，明确责任单位和完成时限，确保整改到位。",
            ),
            (P, "1.完成城区污水管网修复，2024年底前完成。"),
            (P, "2.推进农村生活垃圾分类。"),
            (P, "责任单位：县住建局"),
            (P, "整改时限：2024年12月底前"),
            (P, "(1)培育夜间经济街区两条"),
            (P, "整改时限：2024年底前"),
            (
                L,
                "加强巡查，对进水浓度偏低的污水处理设施逐一开展排查，建立问题台账并按月通报整治进展。",
            ),
            (L, "定期通报"),
            (P, "二〇二四年三月六日"),
            (P, "县生态环境局"),
        ],
    ),
    (
        "plans/flattened-cells.md",
        &[
            (H, "2024年民生实事项目进展情况汇总表"),
            (P, "序号"),
            (P, "项目内容"),
            (P, "牵头单位"),
            (P, "落实情况"),
            (P, "1"),
            (P, "新建城区公办幼儿园两所,新增学位五百个"),
            (P, "县教育局"),
            (P, "已完成,并完成民生实事系统销号"),
            (P, "2"),
            (P, "12030名中小学生开展视力筛查"),
            (P, "县卫健局"),
            (P, "截至6月底,已完成筛查12100人,达到100.58%"),
            (P, "3"),
            (P, "1)完成农村公路提档改造80公里,新改建危桥6座并完成验收"),
            (P, "2)新建公交候车亭20座"),
        ],
    ),
    (
        "plans/label-then-item.md",
        &[
            (H, "2024年主要预期目标任务分解"),
            (P, "1.地区生产总值增长6%左右。"),
            (P, "牵头单位:县发改局"),
            (P, "责任单位:各乡镇,各相关单位"),
            (P, "2.其他主要经济指标不低于全市平均水平。"),
            (P, "牵头单位:县统计局"),
        ],
    ),
    (
        "plans/page-break-split.md",
        &[
            (P, "县人民政府关于印发《2024年环境问题整改方案》的通知"),
            (P, "县政发〔2024〕5号"),
            (P, "2024年环境问题"),
            (P, "整改方案"),
            (
                P,
                "为切实抓好环境问题整改工作,各乡镇、各部门要把整改工作作为一项重大政治任务,\
                 对照问题清单逐项研究,细化整改措施,明确责任单位和完成时限,确保整改到位。",
            ),
            (P, "一、整改任务"),
            (
                P,
                "(一)加强污水处理设施运行管理,建立运行台账,对进水浓度偏低的设施开展排查整治,\
                 2024年底前完成管网修复工程。",
            ),
            (P, "(二)推进农村生活垃圾分类。"),
        ],
    ),
];

#[test]
fn markdown_reads_into_the_blocks_written() {
    for &(f, want) in MARKDOWN_BLOCKS {
        let bytes = std::fs::read(fixture(f)).expect("fixture");
        let got = blocks_of(&bytes, f);
        let want: Vec<(BlockKind, String)> = want.iter().map(|&(k, t)| (k, t.into())).collect();
        assert_eq!(got, want, "{f}");
    }
}

#[test]
fn web_text_reads_the_same_as_markdown_and_as_text() {
    let f = "plans/soft-breaks.md";
    let bytes = std::fs::read(fixture(f)).expect("fixture");
    let md = blocks_of(&bytes, "soft-breaks.md");
    let txt = blocks_of(&bytes, "soft-breaks.txt");
    assert_eq!(md.len(), 16, "{md:#?}");
    assert_eq!(md, txt);
    let opts = zhenggai::Options::new();
    let as_md = zhenggai::extract(&bytes, "soft-breaks.md", &opts).expect("extracts");
    let as_txt = zhenggai::extract(&bytes, "soft-breaks.txt", &opts).expect("extracts");
    assert_eq!(as_md.source.format, Format::Markdown);
    assert_eq!(as_txt.source.format, Format::Text);
    let records = |p: &zhenggai::Plan| -> Vec<(String, Option<String>)> {
        p.problems
            .iter()
            .map(|p| {
                let units = p.units.as_ref().map(|u| u.text.clone());
                (p.description.clone(), units)
            })
            .collect()
    };
    assert_eq!(as_md.problems.len(), 3);
    assert_eq!(records(&as_md), records(&as_txt));
}
