//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;

/// A fixture's path.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// Extract a fixture with default options.
pub fn extract(rel: &str) -> zhenggai::Plan {
    let path = fixture(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    zhenggai::extract(&bytes, rel, &zhenggai::Options::new())
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Compare texts the way the scorer does: full-width folded, no white space.
pub fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Validate a plan against schemas/plan.schema.json.
pub fn assert_schema_valid(plan: &zhenggai::Plan, what: &str) {
    let schema: Value = serde_json::from_str(zhenggai::PLAN_SCHEMA).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let instance = serde_json::to_value(plan).expect("plan serializes");
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: schema errors: {errors:#?}");
}

/// A hand-checked expected output.
pub fn gold_of(name: &str) -> Value {
    let s = std::fs::read_to_string(fixture(name)).expect("gold fixture");
    serde_json::from_str(&s).expect("gold is JSON")
}

/// The seed's hand-checked expected output.
pub fn gold() -> Value {
    gold_of("xiangtan-2018.gold.json")
}

/// Field-by-field comparison of a plan's problems with the seed's gold on
/// the structural fields; returns the mismatches.
pub fn structural_mismatches(plan: &zhenggai::Plan) -> Vec<String> {
    mismatches_against(plan, &gold())
}

/// Structural comparison with any gold.
pub fn mismatches_against(plan: &zhenggai::Plan, gold: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let s = |v: &Value| v.as_str().map(norm);
    for key in ["title", "region", "checklist_title"] {
        let got = match key {
            "title" => plan.title.as_deref().map(norm),
            "region" => plan.region.as_deref().map(norm),
            _ => plan.checklist_title.as_deref().map(norm),
        };
        if got != s(&gold[key]) {
            out.push(format!("doc.{key}: {got:?} vs {:?}", gold[key]));
        }
    }
    let gp = gold["problems"].as_array().cloned().unwrap_or_default();
    if gp.len() != plan.problems.len() {
        out.push(format!(
            "problem count {} vs {}",
            plan.problems.len(),
            gp.len()
        ));
    }
    for (p, g) in plan.problems.iter().zip(&gp) {
        let w = format!("problem {}", p.seq);
        let checks = [
            ("label", Some(norm(&p.label)), s(&g["label"])),
            ("title", p.title.as_deref().map(norm), s(&g["title"])),
            (
                "description",
                Some(norm(&p.description)),
                s(&g["description"]),
            ),
            ("target", p.target.as_deref().map(norm), s(&g["target"])),
            (
                "deadline.text",
                p.deadline.as_ref().map(|d| norm(&d.text)),
                s(&g["deadline"]["text"]),
            ),
            (
                "units.text",
                p.units.as_ref().map(|u| norm(&u.text)),
                s(&g["units"]["text"]),
            ),
        ];
        for (field, got, want) in checks {
            if got != want {
                out.push(format!("{w} {field}: {got:?} vs {want:?}"));
            }
        }
        let got: Vec<String> = flatten(&p.measures).iter().map(|m| norm(&m.text)).collect();
        let want: Vec<String> = flatten_json(&g["measures"])
            .iter()
            .filter_map(|m| s(&m["text"]))
            .collect();
        if got != want {
            out.push(format!("{w} measures: {} vs {}", got.len(), want.len()));
        }
    }
    out
}

pub fn flatten(ms: &[zhenggai::model::Measure]) -> Vec<&zhenggai::model::Measure> {
    let mut out = Vec::new();
    for m in ms {
        out.push(m);
        out.extend(flatten(&m.children));
    }
    out
}

pub fn flatten_json(v: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    for m in v.as_array().map(Vec::as_slice).unwrap_or_default() {
        out.push(m);
        out.extend(flatten_json(&m["children"]));
    }
    out
}

/// White space removed.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Non-empty, non-table blocks as (kind, whitespace-free text).
pub fn text_blocks(doc: &zhenggai::read::Doc) -> Vec<(zhenggai::read::BlockKind, String)> {
    use zhenggai::read::BlockKind;
    doc.blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Table)
        .map(|b| (b.kind, squash(b.text())))
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

/// Index pairs of a longest common subsequence of the block texts.
pub fn align(
    a: &[(zhenggai::read::BlockKind, String)],
    b: &[(zhenggai::read::BlockKind, String)],
) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut dp = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i][j] = if a[i].1 == b[j].1 {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i].1 == b[j].1 {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if dp[i + 1][j] >= dp[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

pub fn is_heading(k: zhenggai::read::BlockKind) -> bool {
    matches!(k, zhenggai::read::BlockKind::Heading(_))
}

/// How a reader's blocks agree with the Markdown seed's.
pub struct SeedAgreement {
    pub seed: Vec<(zhenggai::read::BlockKind, String)>,
    pub got: Vec<(zhenggai::read::BlockKind, String)>,
    /// Aligned (seed, got) block indexes.
    pub pairs: Vec<(usize, usize)>,
    /// Matched texts over the longer block list.
    pub text_rate: f64,
    /// Pairs where both or neither are headings.
    pub heading_same: usize,
    /// Pairs where a seed heading has the same level (body pairs count).
    pub level_same: usize,
    /// Pairs of exactly the same kind.
    pub kind_same: usize,
}

/// Align `doc`'s blocks with the seed's and report the agreement, and the
/// blocks either side alone, on stderr under `name`.
pub fn agreement_with_seed(seed_md: &str, doc: &zhenggai::read::Doc, name: &str) -> SeedAgreement {
    let seed = text_blocks(&zhenggai::read::markdown::parse(seed_md));
    let got = text_blocks(doc);
    let pairs = align(&seed, &got);
    let text_rate = pairs.len() as f64 / seed.len().max(got.len()) as f64;
    let count = |f: &dyn Fn(zhenggai::read::BlockKind, zhenggai::read::BlockKind) -> bool| {
        pairs
            .iter()
            .filter(|(i, j)| f(seed[*i].0, got[*j].0))
            .count()
    };
    let heading_same = count(&|a, b| is_heading(a) == is_heading(b));
    let level_same = count(&|a, b| a == b || !is_heading(a));
    let kind_same = count(&|a, b| a == b);
    let pct = |n: usize| 100.0 * n as f64 / pairs.len() as f64;
    eprintln!(
        "{name} vs seed: {} seed blocks, {} {name} blocks, texts matched {} ({:.1}%), heading/body agree {heading_same} ({:.1}%), heading levels agree {level_same} ({:.1}%), exact kind agree {kind_same} ({:.1}%)",
        seed.len(),
        got.len(),
        pairs.len(),
        100.0 * text_rate,
        pct(heading_same),
        pct(level_same),
        pct(kind_same),
    );
    for (i, s) in seed.iter().enumerate() {
        if !pairs.iter().any(|(a, _)| *a == i) {
            eprintln!("  seed only: {:?} {}", s.0, s.1);
        }
    }
    for (j, g) in got.iter().enumerate() {
        if !pairs.iter().any(|(_, b)| *b == j) {
            eprintln!("  {name} only: {:?} {}", g.0, g.1);
        }
    }
    SeedAgreement {
        seed,
        got,
        pairs,
        text_rate,
        heading_same,
        level_same,
        kind_same,
    }
}

/// The only body-kind difference allowed: the seed's "- 1、" bullets are
/// plain numbered paragraphs in Word and HTML.
pub fn assert_only_bullets_differ(a: &SeedAgreement) {
    use zhenggai::read::BlockKind;
    for (i, j) in &a.pairs {
        if a.seed[*i].0 != a.got[*j].0 && !is_heading(a.seed[*i].0) {
            assert_eq!(a.seed[*i].0, BlockKind::ListItem, "{}", a.seed[*i].1);
            assert_eq!(a.got[*j].0, BlockKind::Paragraph, "{}", a.seed[*i].1);
        }
    }
}
