//! PDF reader acceptance tests on the corpus files in fixtures/pdf/ and
//! the Markdown seed of the same plan.

use std::time::{Duration, Instant};

use zhenggai::Error;
use zhenggai::read::{Block, BlockKind, Doc, ReadOptions, markdown, pdf};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_pdf(name: &str) -> Doc {
    pdf::read(&fixture(&format!("pdf/{name}")), &ReadOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Block texts without white space, tables flattened cell by cell.
fn texts(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        if let Some(t) = &b.table {
            for row in &t.rows {
                for c in row {
                    out.extend(texts(&c.blocks));
                }
            }
        } else {
            let t: String = b.text().chars().filter(|c| !c.is_whitespace()).collect();
            if !t.is_empty() {
                out.push(t);
            }
        }
    }
    out
}

/// Longest common subsequence length of two sequences.
fn lcs(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        prev = cur;
    }
    prev[b.len()]
}

fn seed_texts() -> Vec<String> {
    let md = String::from_utf8(fixture("xiangtan-2018.md")).expect("utf-8 seed");
    texts(&markdown::parse(&md).blocks)
}

/// Match rate of the PDF's blocks against the seed's: matched blocks
/// (longest common subsequence) over the larger count.
fn match_rate(name: &str) -> (f64, Vec<String>, Vec<String>) {
    let seed = seed_texts();
    let got = texts(&read_pdf(name).blocks);
    let m = lcs(&seed, &got);
    (m as f64 / seed.len().max(got.len()) as f64, seed, got)
}

fn show_diff(seed: &[String], got: &[String]) {
    let missing: Vec<&String> = seed.iter().filter(|s| !got.contains(s)).collect();
    let extra: Vec<&String> = got.iter().filter(|s| !seed.contains(s)).collect();
    for s in missing.iter().take(15) {
        eprintln!("- {s}");
    }
    for s in extra.iter().take(15) {
        eprintln!("+ {s}");
    }
}

#[test]
fn libreoffice_blocks_match_the_markdown_seed() {
    let (rate, seed, got) = match_rate("xiangtan-plan.libreoffice.pdf");
    eprintln!(
        "libreoffice match rate: {:.1}% ({} seed blocks, {} pdf blocks)",
        rate * 100.0,
        seed.len(),
        got.len()
    );
    show_diff(&seed, &got);
    assert!(rate >= 0.95, "match rate {rate}");
}

#[test]
fn chromium_blocks_match_the_markdown_seed() {
    let (rate, seed, got) = match_rate("xiangtan-plan.chromium.pdf");
    eprintln!(
        "chromium match rate: {:.1}% ({} seed blocks, {} pdf blocks)",
        rate * 100.0,
        seed.len(),
        got.len()
    );
    show_diff(&seed, &got);
    assert!(rate >= 0.95, "match rate {rate}");
}

#[test]
#[ignore = "debug dump: DUMP=file.pdf cargo test --test pdf dump -- --ignored --nocapture"]
fn dump() {
    let name = std::env::var("DUMP").unwrap_or_else(|_| "xiangtan-plan.libreoffice.pdf".into());
    let doc = read_pdf(&name);
    for b in &doc.blocks {
        if let Some(t) = &b.table {
            eprintln!(
                "TABLE {}x{} header_rows={} {:?}",
                t.rows.len(),
                t.rows.first().map_or(0, Vec::len),
                t.header_rows,
                b.span
            );
            for row in &t.rows {
                let cells: Vec<String> = row.iter().map(|c| c.text().replace('\n', "¶")).collect();
                eprintln!("  | {}", cells.join(" | "));
            }
        } else {
            let runs: Vec<String> = b
                .runs()
                .iter()
                .map(|r| match (r.bold, r.struck) {
                    (true, _) => format!("**{}**", r.text),
                    (_, true) => format!("~~{}~~", r.text),
                    _ => r.text.clone(),
                })
                .collect();
            eprintln!(
                "{:?} p{:?} l{} {}",
                b.kind,
                b.span.page,
                b.span.line,
                runs.join("")
            );
        }
    }
    for d in &doc.diagnostics {
        eprintln!("diag {} {}", d.code, d.message);
    }
}

#[test]
fn scanned_pdf_has_no_text_layer() {
    let e = pdf::read(
        &fixture("pdf/xiangtan-plan.scanned.pdf"),
        &ReadOptions {
            no_ocr: true,
            ..ReadOptions::default()
        },
    );
    match e {
        Err(Error::NoTextLayer { pages }) => assert_eq!(pages, "1–2"),
        other => panic!("expected NoTextLayer, got {other:?}"),
    }
}

#[test]
fn encrypted_pdf_needs_the_password() {
    let bytes = fixture("pdf/xiangtan-plan.encrypted.pdf");
    assert!(matches!(
        pdf::read(&bytes, &ReadOptions::default()),
        Err(Error::Encrypted)
    ));
    let wrong = ReadOptions {
        password: Some("nope".into()),
        ..ReadOptions::default()
    };
    assert!(matches!(
        pdf::read(&bytes, &wrong),
        Err(Error::WrongPassword)
    ));
    let right = ReadOptions {
        password: Some("secret".into()),
        ..ReadOptions::default()
    };
    let doc = pdf::read(&bytes, &right).expect("decrypts with the user password");
    let plain = read_pdf("xiangtan-plan.libreoffice.pdf");
    assert_eq!(texts(&doc.blocks), texts(&plain.blocks));
}

#[test]
fn owner_only_pdf_opens_without_a_password() {
    let doc = read_pdf("xiangtan-plan.owner-only.pdf");
    let plain = read_pdf("xiangtan-plan.libreoffice.pdf");
    assert_eq!(doc.pages, Some(41));
    assert_eq!(texts(&doc.blocks), texts(&plain.blocks));
}

#[test]
fn doc_metadata() {
    let doc = read_pdf("xiangtan-plan.libreoffice.pdf");
    assert_eq!(doc.format, zhenggai::model::Format::Pdf);
    assert_eq!(doc.pages, Some(41));
    assert_eq!(doc.encoding, None);
    // Spans: pages 1-based, offsets increasing.
    let mut last = 0;
    for b in &doc.blocks {
        assert!(b.span.page.is_some_and(|p| (1..=41).contains(&p)));
        assert!(b.span.line >= 1);
        assert!(b.span.start >= last || b.kind == BlockKind::Table);
        last = b.span.start;
    }
}

#[test]
fn reading_is_fast() {
    let bytes = fixture("pdf/xiangtan-plan.libreoffice.pdf");
    let t = Instant::now();
    let _ = pdf::read(&bytes, &ReadOptions::default());
    // Debug build, shared machine: generous bound.
    assert!(t.elapsed() < Duration::from_secs(20));
}

// ---------------------------------------------------------------------
// The table-form checklist.

#[test]
fn checklist_table_has_20_rows_of_8_columns() {
    let doc = read_pdf("xiangtan-checklist-table.pdf");
    let tables: Vec<&zhenggai::read::Table> =
        doc.blocks.iter().filter_map(|b| b.table.as_ref()).collect();
    assert_eq!(tables.len(), 1, "one table across 16 pages");
    let t = tables[0];
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
    let data = &t.rows[1..];
    assert_eq!(data.len(), 20);
    assert!(data.iter().all(|r| r.len() == 8));
    for (i, r) in data.iter().enumerate() {
        assert_eq!(r[0].text(), (i + 1).to_string(), "row {i} number");
    }
    let cell = |row: usize, col: usize| data[row - 1][col].text();
    // Rows 1–3 have an empty 整改目标.
    assert!(cell(1, 2).is_empty() && cell(2, 2).is_empty() && cell(3, 2).is_empty());
    assert_eq!(cell(1, 3), "立行立改，持续加强，长期坚持");
    assert_eq!(cell(1, 5), "陈忠红");
    assert_eq!(cell(1, 6), "赵志超（市委副秘书长）");
    // A row re-joined across the page break: the last measure of row 1
    // ends on page 2.
    assert!(
        cell(1, 7).ends_with("失职渎职、工作不得力等行为。"),
        "{}",
        cell(1, 7)
    );
    // Struck text is kept as a struck run, out of the text.
    assert_eq!(cell(3, 6), "章礼华唐正武（副秘书长）");
    assert!(data[2][6].blocks.iter().any(Block::has_struck));
    assert_eq!(
        cell(5, 2),
        "确保317.8个信访件高标准、按时整改到位，防止整改工作中出现“污染反弹”“推进不力”“标准不高”“敷衍整改”等问题。"
    );
    assert_eq!(cell(20, 3), "2020年底");
    assert_eq!(cell(20, 5), "罗伟刘新文");
    // One block per paragraph: the measures are numbered paragraphs.
    assert_eq!(data[4][7].blocks.len(), 4);
    assert!(data[4][7].blocks[3].text().starts_with("4、限期交办"));
    // Page numbers are gone.
    let page_no = regex::Regex::new(r"—\s*\d+\s*—").unwrap();
    assert!(!data.iter().flatten().any(|c| page_no.is_match(&c.text())));
}

#[test]
fn labels_are_bold_runs_and_names_are_struck() {
    for name in [
        "xiangtan-plan.libreoffice.pdf",
        "xiangtan-plan.chromium.pdf",
    ] {
        let doc = read_pdf(name);
        let label = doc
            .blocks
            .iter()
            .find(|b| b.text().starts_with("反馈问题一："))
            .unwrap_or_else(|| panic!("{name}: no 反馈问题一"));
        assert!(
            label.runs()[0].bold && label.runs()[0].text.starts_with("反馈问题一"),
            "{name}"
        );
        let struck = doc
            .blocks
            .iter()
            .find(|b| b.runs().iter().any(|r| r.struck && r.text == "杨一广"))
            .unwrap_or_else(|| panic!("{name}: 杨一广 not struck"));
        assert_eq!(struck.text(), "牵头领导：曹炯芳", "{name}");
        assert!(
            doc.diagnostics
                .iter()
                .any(|d| d.code == "page-break-joined")
        );
    }
}

// ---------------------------------------------------------------------
// Hand-built PDFs: one per CMap kind and content-stream feature.

use lopdf::{Dictionary, Document, Object, Stream, dictionary};

/// A one-page PDF whose page has `resources` and `content`.
fn make_pdf(build: impl FnOnce(&mut Document) -> (Dictionary, String)) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let (resources, content) = build(&mut doc);
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "Resources" => resources,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

fn type0(
    doc: &mut Document,
    encoding: &str,
    ordering: &str,
    to_unicode: Option<&str>,
) -> Dictionary {
    let desc = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType0",
        "BaseFont" => "STSong-Light",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal(ordering),
            "Supplement" => 4,
        },
        "DW" => 1000,
    });
    let mut font = dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "STSong-Light",
        "Encoding" => Object::Name(encoding.as_bytes().to_vec()),
        "DescendantFonts" => vec![desc.into()],
    };
    if let Some(cmap) = to_unicode {
        let id = doc.add_object(Stream::new(dictionary! {}, cmap.as_bytes().to_vec()));
        font.set("ToUnicode", id);
    }
    font
}

fn resources_with(font: Dictionary) -> Dictionary {
    dictionary! { "Font" => dictionary! { "F1" => font } }
}

fn text_of(bytes: &[u8]) -> (String, Doc) {
    let doc = pdf::read(bytes, &ReadOptions::default()).expect("reads");
    let t = doc
        .blocks
        .iter()
        .map(Block::text)
        .collect::<Vec<_>>()
        .join("\n");
    (t, doc)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

#[test]
fn identity_h_with_to_unicode_ranges_and_arrays() {
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap
        1 begincodespacerange <0000> <FFFF> endcodespacerange
        1 beginbfchar <0003> <0020> endbfchar
        2 beginbfrange <0010> <0011> [<6574> <6539>] <0020> <0021> <65F6> endbfrange
        endcmap end end";
    let pdf = make_pdf(|doc| {
        let f = type0(doc, "Identity-H", "Identity", Some(cmap));
        (
            resources_with(f),
            "BT /F1 12 Tf 72 700 Td <0010001100200021> Tj ET".into(),
        )
    });
    let (t, doc) = text_of(&pdf);
    assert_eq!(t, "整改时旷");
    assert!(
        doc.diagnostics
            .iter()
            .all(|d| d.code != "pdf-undecodable-glyph")
    );
}

#[test]
fn identity_h_gb1_without_to_unicode_uses_adobe_gb1() {
    let pdf = make_pdf(|doc| {
        let f = type0(doc, "Identity-H", "GB1", None);
        // CID 4508 is 整 in Adobe-GB1; CID 34 is A.
        (
            resources_with(f),
            "BT /F1 12 Tf 72 700 Td <119C0022> Tj ET".into(),
        )
    });
    assert_eq!(text_of(&pdf).0, "整A");
}

#[test]
fn unigb_ucs2_and_utf16_cmaps() {
    for enc in ["UniGB-UCS2-H", "UniGB-UTF16-H", "UniGB-UCS2-V"] {
        let pdf = make_pdf(|doc| {
            let f = type0(doc, enc, "GB1", None);
            (
                resources_with(f),
                "BT /F1 12 Tf 72 700 Td <65746539> Tj ET".into(),
            )
        });
        assert_eq!(text_of(&pdf).0, "整改", "{enc}");
    }
    let pdf = make_pdf(|doc| {
        let f = type0(doc, "UniGB-UTF16-H", "GB1", None);
        (
            resources_with(f),
            "BT /F1 12 Tf 72 700 Td <6574D840DC00> Tj ET".into(),
        )
    });
    assert_eq!(text_of(&pdf).0, "整\u{20000}");
}

#[test]
fn gb_euc_cmaps_decode_through_gbk() {
    let (gbk, _, _) = encoding_rs::GBK.encode("整改时限A1");
    for enc in ["GBK-EUC-H", "GB-EUC-H", "GBKp-EUC-H", "GBK2K-H"] {
        let pdf = make_pdf(|doc| {
            let f = type0(doc, enc, "GB1", None);
            (
                resources_with(f),
                format!("BT /F1 12 Tf 72 700 Td <{}> Tj ET", hex(&gbk)),
            )
        });
        assert_eq!(text_of(&pdf).0, "整改时限A1", "{enc}");
    }
}

#[test]
fn simple_font_differences_and_win_ansi() {
    let pdf = make_pdf(|_| {
        let font = dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
            "Encoding" => dictionary! {
                "Type" => "Encoding",
                "BaseEncoding" => "WinAnsiEncoding",
                "Differences" => vec![1.into(), "uni6574".into(), "uni6539".into(), "g77".into()],
            },
        };
        (
            resources_with(font),
            "BT /F1 12 Tf 72 700 Td (\\001\\002 Caf\\351) Tj ET".into(),
        )
    });
    let (t, _) = text_of(&pdf);
    assert_eq!(t, "整改Café");
}

#[test]
fn undecodable_glyphs_become_replacement_characters_with_a_diagnostic() {
    let pdf = make_pdf(|doc| {
        let f = type0(doc, "Identity-H", "Identity", None);
        (
            resources_with(f),
            "BT /F1 12 Tf 72 700 Td <00410042> Tj ET".into(),
        )
    });
    let (t, doc) = text_of(&pdf);
    assert_eq!(t, "\u{FFFD}\u{FFFD}");
    let d = doc
        .diagnostics
        .iter()
        .find(|d| d.code == "pdf-undecodable-glyph")
        .expect("diagnostic");
    assert_eq!(d.span.and_then(|s| s.page), Some(1));
}

/// A two-glyph Type 3 font (codes 01 and 02) whose ToUnicode maps them
/// as `pairs` says (`<01> <53CD> <02> <9988>`).
fn type3_font(doc: &mut Document, pairs: &str) -> Dictionary {
    let cmap = format!(
        "1 begincodespacerange <00> <FF> endcodespacerange
        2 beginbfchar {pairs} endbfchar"
    );
    let tu = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let proc_id = doc.add_object(Stream::new(
        dictionary! {},
        b"1000 0 0 0 1000 1000 d1 0 0 1000 1000 re f".to_vec(),
    ));
    dictionary! {
        "Type" => "Font",
        "Subtype" => "Type3",
        "FontMatrix" => vec![0.001.into(), 0.into(), 0.into(), 0.001.into(), 0.into(), 0.into()],
        "FontBBox" => vec![0.into(), 0.into(), 1000.into(), 1000.into()],
        "FirstChar" => 1,
        "LastChar" => 2,
        "Widths" => vec![1000.into(), 1000.into()],
        "Encoding" => dictionary! { "Differences" => vec![1.into(), "g1".into(), "g2".into()] },
        "CharProcs" => dictionary! { "g1" => proc_id, "g2" => proc_id },
        "ToUnicode" => tu,
    }
}

#[test]
fn type3_font_with_to_unicode_decodes() {
    let pdf = make_pdf(|doc| {
        (
            resources_with(type3_font(doc, "<01> <53CD> <02> <9988>")),
            "BT /F1 16 Tf 72 700 Td <0102> Tj ET".into(),
        )
    });
    assert_eq!(text_of(&pdf).0, "反馈");
}

/// A Type 3 font whose ToUnicode maps code 01 to 戶 and 02 to ―, as
/// Chromium's does for glyphs Noto CJK shares with 户 and —.
fn shared_glyph_font(doc: &mut Document) -> Dictionary {
    type3_font(doc, "<01> <6236> <02> <2015>")
}

/// A marked-content span's /ActualText replaces the text of the glyphs
/// shown inside it: inline or named in /Properties, glyph by glyph when
/// the counts agree, as one run otherwise; glyphs outside keep their
/// ToUnicode text, and stray or unclosed EMC/BDC change nothing else.
#[test]
fn actual_text_spans_replace_the_glyphs_they_cover() {
    let pdf = make_pdf(|doc| {
        (
            resources_with(shared_glyph_font(doc)),
            "EMC BT /F1 16 Tf 72 700 Td \
             /Span <</ActualText <FEFF6237>>> BDC <01> Tj EMC <01> Tj \
             /Span <</MCID 3>> BDC /Span <</ActualText <FEFF2014>>> BDC <02> Tj EMC EMC \
             /Span <</ActualText <FEFF540C610F>>> BDC <0102> Tj EMC \
             /Span <</ActualText <FEFF53CD9988>>> BDC <010201> Tj EMC \
             /P <</ActualText <FEFF8BF4>>> BDC <01> Tj ET"
                .into(),
        )
    });
    // 户 from the span, 戶 outside it, — nested in an untagged span, 同意
    // over two glyphs, 反馈 as one run over three, and the unclosed span's
    // glyph with its ToUnicode text.
    assert_eq!(text_of(&pdf).0, "户戶—同意反馈戶");

    let named = make_pdf(|doc| {
        let mut res = resources_with(shared_glyph_font(doc));
        let props = doc.add_object(dictionary! { "ActualText" => Object::String(vec![0xFE, 0xFF, 0x62, 0x37], lopdf::StringFormat::Hexadecimal) });
        res.set("Properties", dictionary! { "MC0" => props });
        (
            res,
            "BT /F1 16 Tf 72 700 Td /Span /MC0 BDC <01> Tj EMC ET".into(),
        )
    });
    assert_eq!(text_of(&named).0, "户");
}

#[test]
fn form_xobjects_are_read_with_their_matrix_and_cycles_stop() {
    let pdf = make_pdf(|doc| {
        let font =
            dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" };
        let form_id = doc.new_object_id();
        let form = Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 500.into(), 500.into()],
                "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 0.into(), (-100).into()],
                "Resources" => dictionary! {
                    "Font" => dictionary! { "F1" => font.clone() },
                    "XObject" => dictionary! { "X1" => form_id },
                },
            },
            b"BT /F1 12 Tf 72 700 Td (Inside the form.) Tj ET /X1 Do".to_vec(),
        );
        doc.objects.insert(form_id, Object::Stream(form));
        let res = dictionary! {
            "Font" => dictionary! { "F1" => font },
            "XObject" => dictionary! { "X1" => form_id },
        };
        (
            res,
            "BT /F1 12 Tf 72 700 Td (On the page.) Tj ET /X1 Do".into(),
        )
    });
    let (t, doc) = text_of(&pdf);
    // The form draws 100 units lower, so after the page text; the form
    // calling itself is cut off by the cycle guard.
    assert_eq!(t, "On the page.\nInside the form.");
    assert_eq!(doc.blocks.len(), 2);
}

#[test]
fn tj_kerning_makes_spaces_only_between_latin_words() {
    let pdf = make_pdf(|doc| {
        let latin =
            dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" };
        let cjk = type0(doc, "UniGB-UCS2-H", "GB1", None);
        let res = dictionary! { "Font" => dictionary! { "F1" => latin, "F2" => cjk } };
        let content = "BT /F1 12 Tf 72 700 Td [(PM2.5) -400 (and) -60 (NOx)] TJ ET
                       BT /F2 12 Tf 72 650 Td [<6574> -400 <6539>] TJ ET";
        (res, content.into())
    });
    let (t, _) = text_of(&pdf);
    assert_eq!(t, "PM2.5 andNOx\n整改");
}

#[test]
fn two_columns_read_left_then_right() {
    let pdf = make_pdf(|doc| {
        let f = type0(doc, "UniGB-UCS2-H", "GB1", None);
        let mut c = String::new();
        for i in 0..12 {
            let y = 750 - i * 20;
            // Left column: 甲…; right column: 乙…, each line a full sentence.
            c.push_str(&format!(
                "BT /F1 12 Tf 72 {y} Td <7532{:04X}3002> Tj ET\n",
                0x4E00 + i
            ));
            c.push_str(&format!(
                "BT /F1 12 Tf 340 {y} Td <4E59{:04X}3002> Tj ET\n",
                0x4E00 + i
            ));
        }
        (resources_with(f), c)
    });
    let (_, doc) = text_of(&pdf);
    let texts: Vec<&str> = doc.blocks.iter().map(Block::text).collect();
    let first_right = texts
        .iter()
        .position(|t| t.starts_with('乙'))
        .expect("right column");
    assert!(
        texts[..first_right].iter().all(|t| t.starts_with('甲')),
        "{texts:?}"
    );
    assert_eq!(first_right, 12, "{texts:?}");
}

#[test]
fn strike_rectangle_marks_struck_runs() {
    let pdf = make_pdf(|doc| {
        let f = type0(doc, "UniGB-UCS2-H", "GB1", None);
        // 杨一广曹炯芳 at 12pt; a 0.6pt bar at mid-height over the first three.
        let content = "BT /F1 12 Tf 72 700 Td <6768 4E00 5E7F 66F9 70AF 82B3> Tj ET
                       72 704 36 0.6 re f";
        (resources_with(f), content.into())
    });
    let (t, doc) = text_of(&pdf);
    assert_eq!(t, "曹炯芳");
    assert!(doc.blocks[0].runs()[0].struck && doc.blocks[0].runs()[0].text == "杨一广");
}

#[test]
fn page_numbers_are_dropped() {
    let pdf = make_pdf(|doc| {
        let f = type0(doc, "UniGB-UCS2-H", "GB1", None);
        let content = "BT /F1 12 Tf 72 700 Td <65746539 3002> Tj ET
                       BT /F1 12 Tf 280 40 Td <2014 0020 0033 0020 2014> Tj ET";
        (resources_with(f), content.into())
    });
    assert_eq!(text_of(&pdf).0, "整改。");
}

#[test]
fn cyclic_and_broken_structure_does_not_hang() {
    // A page tree whose Kids point back at itself, resources that refer to
    // themselves, and a font dictionary that is a reference loop.
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let res_id = doc.new_object_id();
    let loop_a = doc.new_object_id();
    let loop_b = doc.new_object_id();
    doc.objects.insert(loop_a, Object::Reference(loop_b));
    doc.objects.insert(loop_b, Object::Reference(loop_a));
    doc.objects.insert(
        res_id,
        Object::Dictionary(
            dictionary! { "Font" => dictionary! { "F1" => loop_a }, "Self" => res_id },
        ),
    );
    let content_id = doc.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 12 Tf (x) Tj ET".to_vec(),
    ));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id, "Resources" => res_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into(), pages_id.into()], "Count" => 2,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    let _ = pdf::read(&out, &ReadOptions::default());
}

#[test]
fn deeply_nested_content_does_not_overflow() {
    let deep = format!(
        "BT /F1 12 Tf 72 700 Td {}(x){} TJ ET",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    let pdf = make_pdf(|_| {
        let font =
            dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" };
        (resources_with(font), deep)
    });
    let _ = pdf::read(&pdf, &ReadOptions::default());
}

#[test]
fn not_a_pdf_and_damaged_files_are_errors() {
    assert!(matches!(
        pdf::read(b"%PDF-1.7\ngarbage", &ReadOptions::default()),
        Err(Error::Damaged { .. })
    ));
    // Cut in half: lopdf's recovery or a clear error, never a panic.
    let bytes = fixture("pdf/xiangtan-plan.libreoffice.pdf");
    match pdf::read(&bytes[..bytes.len() / 2], &ReadOptions::default()) {
        Ok(doc) => assert!(!doc.blocks.is_empty()),
        Err(e) => assert!(
            matches!(e, Error::Damaged { .. } | Error::NotADocument(_)),
            "{e}"
        ),
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn small_pdf() -> Vec<u8> {
        make_pdf(|doc| {
            let f = type0(
                doc,
                "Identity-H",
                "GB1",
                Some(
                    "1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <0010> <4E00> endbfrange",
                ),
            );
            (resources_with(f), "q 1 0 0 1 0 0 cm BT /F1 12 Tf 72 700 Td [<00010002> -200 <0003>] TJ T* (x) ' ET 10 10 100 0.5 re f Q".into())
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn mutated_small_pdfs_never_panic(cut in 0usize..4000, flips in proptest::collection::vec((0usize..4000, any::<u8>()), 0..8)) {
            let mut bytes = small_pdf();
            for (pos, b) in flips {
                let n = bytes.len();
                if n > 0 {
                    bytes[pos % n] = b;
                }
            }
            bytes.truncate(cut.max(8));
            let _ = pdf::read(&bytes, &ReadOptions::default());
        }
    }

    #[test]
    fn truncated_and_mutated_corpus_pdf_never_panics() {
        let bytes = fixture("pdf/xiangtan-plan.libreoffice.pdf");
        let start = Instant::now();
        for k in 1..6 {
            let cut = bytes.len() * k / 6;
            let _ = pdf::read(&bytes[..cut], &ReadOptions::default());
            let mut m = bytes.clone();
            for i in (k * 997..m.len()).step_by(50_021) {
                m[i] ^= 0x5A;
            }
            let _ = pdf::read(&m, &ReadOptions::default());
        }
        assert!(start.elapsed() < Duration::from_secs(120));
    }
}
