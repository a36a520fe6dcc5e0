//! People: the gold plan's leaders / responsible persons / contacts and our
//! own pattern table, checked against `parse_persons`.

use proptest::prelude::*;
use serde_json::Value;
use zhenggai::normalize::person::parse_persons;

const GOLD: &str = include_str!("../fixtures/xiangtan-2018.gold.json");
const TABLE: &str = include_str!("../fixtures/persons.jsonl");

type Triple = (String, Option<String>, Option<String>);

fn field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn triple(v: &Value) -> Triple {
    (
        field(v, "name").unwrap_or_default(),
        field(v, "title"),
        field(v, "scope"),
    )
}

/// The gold text as the parser hands it over: struck runs and spaces gone.
fn as_parsed(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("~~") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        rest = after.find("~~").map_or("", |j| &after[j + 2..]);
    }
    out.push_str(rest);
    out.chars().filter(|c| !c.is_whitespace()).collect()
}

fn run(text: &str) -> Vec<Triple> {
    parse_persons(text, &mut Vec::new())
        .into_iter()
        .map(|p| (p.name, p.title, p.scope))
        .collect()
}

#[test]
fn gold_persons_match_exactly() {
    let gold: Value = serde_json::from_str(GOLD).expect("gold fixture is JSON");
    let (mut total, mut good, mut fields_ok, mut fields) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for p in gold["problems"].as_array().into_iter().flatten() {
        for key in ["leaders", "responsible", "contacts"] {
            let persons: Vec<&Value> = p[key].as_array().into_iter().flatten().collect();
            // Persons sharing one raw text (罗伟杨真平) came from one call.
            let mut groups: Vec<(String, Vec<Triple>)> = Vec::new();
            for v in &persons {
                let text = as_parsed(&field(v, "text").unwrap_or_default());
                match groups.last_mut() {
                    Some((t, g)) if *t == text => g.push(triple(v)),
                    _ => groups.push((text, vec![triple(v)])),
                }
            }
            let mut field_ok = true;
            for (text, want) in &groups {
                let have = run(text);
                total += want.len();
                good += want.iter().zip(&have).filter(|(w, h)| w == h).count();
                if &have != want {
                    field_ok = false;
                    misses.push(format!(
                        "problem {} {key} {text}: want {want:?} have {have:?}",
                        p["seq"]
                    ));
                }
            }
            // The whole field at once, persons separated by ；.
            let joined: Vec<&str> = groups.iter().map(|(t, _)| t.as_str()).collect();
            let want: Vec<Triple> = groups.iter().flat_map(|(_, g)| g.clone()).collect();
            let have = run(&joined.join("；"));
            if have != want {
                field_ok = false;
                misses.push(format!(
                    "problem {} {key} joined: want {want:?} have {have:?}",
                    p["seq"]
                ));
            }
            fields += 1;
            fields_ok += usize::from(field_ok);
        }
    }
    eprintln!("gold persons: {good}/{total} persons, {fields_ok}/{fields} fields");
    assert!(total > 60);
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

#[test]
fn table_all_rows() {
    let mut misses = Vec::new();
    let mut n = 0;
    for line in TABLE.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).expect("row is JSON");
        let text = field(&row, "text").unwrap_or_default();
        let got = parse_persons(&text, &mut Vec::new());
        let want: Vec<&Value> = row["persons"].as_array().into_iter().flatten().collect();
        let have: Vec<_> = got
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    p.title.clone(),
                    p.scope.clone(),
                    p.phone.clone(),
                )
            })
            .collect();
        let want: Vec<_> = want
            .iter()
            .map(|v| {
                (
                    field(v, "name").unwrap_or_default(),
                    field(v, "title"),
                    field(v, "scope"),
                    field(v, "phone"),
                )
            })
            .collect();
        n += 1;
        if have != want {
            misses.push(format!("{text}: want {want:?} have {have:?}"));
        }
    }
    eprintln!("persons.jsonl: {}/{n}", n - misses.len());
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

#[test]
fn diagnostics_for_repairs() {
    let mut d = Vec::new();
    parse_persons("罗伟杨真平", &mut d);
    parse_persons("杨——戴德清", &mut d);
    let codes: Vec<_> = d.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["names-split", "name-remnant"]);
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,60}") {
        let _ = parse_persons(&s, &mut Vec::new());
    }

    #[test]
    fn never_panics_on_name_alphabet(s in "[罗伟杨真平（）()、，；：:~— 0-9副局长市负责联系电话]{0,40}") {
        for p in parse_persons(&s, &mut Vec::new()) {
            prop_assert!(!p.name.is_empty());
            prop_assert!(!p.name.contains(' '));
        }
    }
}
