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
