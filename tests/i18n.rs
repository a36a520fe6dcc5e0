//! Message catalogues: both languages have every key with the same
//! arguments, every code has a message in both, the README's code table is
//! the code table, and the command line speaks Chinese by default and
//! English with `--lang en` or an English `LANG`.
//!
//! No test here calls `i18n::set_lang` (the setting is process-wide and
//! tests run in parallel): languages are chosen per call or per process.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use zhenggai::diag::{Code, Kind, Level};
use zhenggai::i18n::{self, Lang};

/// Each message and attribute (`id` or `id.attr`) of a Fluent source with
/// the variables its pattern uses.
fn entries(src: &str) -> BTreeMap<String, BTreeSet<String>> {
    let var = regex::Regex::new(r"\{\s*\$([A-Za-z][A-Za-z0-9_-]*)\s*\}").unwrap();
    let mut out = BTreeMap::new();
    let mut current = String::new();
    for line in src.lines() {
        let t = line.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let Some((key, value)) = t.split_once(" = ") else {
            panic!("not a single-line Fluent entry: {line}");
        };
        let id = if line.starts_with(char::is_whitespace) {
            let attr = key.strip_prefix('.').expect("attribute");
            format!("{current}.{attr}")
        } else {
            current = key.to_string();
            current.clone()
        };
        let vars = var.captures_iter(value).map(|c| c[1].to_string()).collect();
        assert!(out.insert(id.clone(), vars).is_none(), "{id} twice");
    }
    out
}

#[test]
fn catalogues_parse_without_errors() {
    for lang in Lang::ALL {
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(lang.source().into()) {
            panic!("{}: {errors:?}", lang.tag());
        }
    }
}

#[test]
fn catalogues_have_the_same_keys_and_arguments() {
    let zh = entries(i18n::ZH_FTL);
    let en = entries(i18n::EN_FTL);
    let zk: BTreeSet<_> = zh.keys().collect();
    let ek: BTreeSet<_> = en.keys().collect();
    assert_eq!(
        zk.difference(&ek).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "keys only in zh-CN"
    );
    assert_eq!(
        ek.difference(&zk).collect::<Vec<_>>(),
        Vec::<&&String>::new(),
        "keys only in en"
    );
    for (k, vars) in &zh {
        assert_eq!(Some(vars), en.get(k), "arguments of {k}");
    }
}

#[test]
fn every_code_has_a_message_and_meaning_in_both_languages() {
    let zh = entries(i18n::ZH_FTL);
    let en = entries(i18n::EN_FTL);
    let mut seen = BTreeSet::new();
    for &c in Code::ALL {
        assert!(seen.insert(c.as_str()), "{c} defined twice");
        assert_eq!(Code::parse(c.as_str()), Some(c));
        assert!(zh.contains_key(c.as_str()), "{c}: no zh-CN message");
        assert!(en.contains_key(c.as_str()), "{c}: no en message");
        for lang in Lang::ALL {
            assert!(!c.meaning(lang).is_empty(), "{c}: no meaning");
            let text = i18n::text_in(lang, c.as_str(), None, &[]);
            assert_ne!(text, c.as_str(), "{c} does not render in {}", lang.tag());
        }
    }
    // Chinese meanings are Chinese.
    for &c in Code::ALL {
        assert!(
            c.meaning(Lang::Zh)
                .chars()
                .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch)),
            "{c}"
        );
    }
}

#[test]
fn ledger_codes_are_the_finding_codes_of_the_table() {
    use zhenggai::ledger::Code as L;
    let all = [
        L::MissingProblem,
        L::ExtraRow,
        L::DuplicateRow,
        L::DeadlineDiffers,
        L::LeadUnitDiffers,
        L::UnitMissing,
        L::UnitExtra,
        L::PersonDiffers,
        L::MeasureCountDiffers,
        L::TextDiffers,
        L::UnparseableValue,
        L::StatusInconsistent,
    ];
    for l in all {
        // The serialized form (what trackers read) is the table's string.
        let json = serde_json::to_string(&l).unwrap();
        assert_eq!(json, format!("\"{}\"", l.as_str()));
        assert_eq!(l.code().kind(), Kind::Finding);
    }
    let findings = Code::ALL
        .iter()
        .filter(|c| c.kind() == Kind::Finding)
        .count();
    assert_eq!(findings, all.len());
    assert_eq!(L::MissingProblem.severity(), Level::Error);
}

#[test]
fn readme_code_table_is_the_code_table() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme.find("<!-- codes-table -->\n").expect("start marker") + 21;
    let end = readme.find("<!-- /codes-table -->").expect("end marker");
    assert_eq!(
        &readme[start..end],
        zhenggai::diag::codes::markdown_table(),
        "regenerate with: zhenggai codes --format md"
    );
}

fn zhenggai(args: &[&str], lang_env: Option<&str>) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhenggai"));
    cmd.args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    if let Some(l) = lang_env {
        cmd.env("LANG", l);
    }
    cmd.output().unwrap()
}

#[test]
fn unreadable_file_error_is_chinese_by_default_and_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let f = empty.to_str().unwrap();
    let zh = zhenggai(&["extract", f], None);
    assert_eq!(zh.status.code(), Some(2));
    let zh = String::from_utf8(zh.stderr).unwrap();
    assert!(zh.contains("输入为空"), "{zh}");
    assert_eq!(zh.lines().count(), 1, "{zh}");
    let en = String::from_utf8(zhenggai(&["extract", f, "--lang", "en"], None).stderr).unwrap();
    assert!(en.contains("empty input: the file holds no bytes"), "{en}");
    let env = String::from_utf8(zhenggai(&["extract", f], Some("en_US.UTF-8")).stderr).unwrap();
    assert!(env.contains("empty input"), "{env}");
    // --lang wins over the environment.
    let both =
        String::from_utf8(zhenggai(&["--lang", "zh", "extract", f], Some("en_US.UTF-8")).stderr)
            .unwrap();
    assert!(both.contains("输入为空"), "{both}");
}

#[test]
fn diagnostics_are_chinese_by_default_and_english_with_lang_en() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/xiangtan-2018.md");
    let run = |args: &[&str]| -> serde_json::Value {
        let out = zhenggai(args, None);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let zh = run(&["extract", seed]);
    let en = run(&["extract", seed, "--lang", "en"]);
    let dz = zh["diagnostics"].as_array().unwrap();
    let de = en["diagnostics"].as_array().unwrap();
    assert_eq!(dz.len(), de.len());
    assert!(!dz.is_empty());
    for (a, b) in dz.iter().zip(de) {
        // Codes and everything but the message are the same.
        assert_eq!(a["code"], b["code"]);
        assert_eq!(a["level"], b["level"]);
        assert_eq!(a["span"], b["span"]);
        let m = a["message"].as_str().unwrap();
        assert!(
            m.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{m}"
        );
    }
    let struck = de
        .iter()
        .find(|d| d["code"] == "struck-text-dropped")
        .unwrap();
    assert!(
        struck["message"]
            .as_str()
            .unwrap()
            .starts_with("struck-through text left out of values: ")
    );
    let mut a = zh.clone();
    let mut b = en.clone();
    for v in [&mut a, &mut b] {
        for d in v["diagnostics"].as_array_mut().unwrap() {
            d["message"] = serde_json::Value::Null;
        }
    }
    assert_eq!(a, b, "the JSON differs only in messages");
}

#[test]
fn codes_command_lists_every_code() {
    let out = zhenggai(&["codes"], None);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("代码\t级别"), "{text}");
    for c in Code::ALL {
        assert!(text.contains(&format!("\n{}\t", c.as_str())), "{c}");
    }
    let en = String::from_utf8(zhenggai(&["codes", "--lang", "en"], None).stdout).unwrap();
    assert!(en.starts_with("code\tlevel"), "{en}");
    let json: serde_json::Value =
        serde_json::from_slice(&zhenggai(&["codes", "--format", "json"], None).stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), Code::ALL.len());
}

#[test]
fn help_is_chinese_by_default() {
    let zh = String::from_utf8(zhenggai(&["--help"], None).stdout).unwrap();
    assert!(zh.contains("整改方案 → 结构化记录"), "{zh}");
    assert!(zh.contains("核对手工录入的台账"), "{zh}");
    let extract = String::from_utf8(zhenggai(&["extract", "--help"], None).stdout).unwrap();
    assert!(extract.contains("加密 PDF 的密码"), "{extract}");
    let en =
        String::from_utf8(zhenggai(&["extract", "--help", "--lang", "en"], None).stdout).unwrap();
    assert!(en.contains("Password of an encrypted PDF"), "{en}");
    let en = String::from_utf8(zhenggai(&["--help", "--lang", "en"], None).stdout).unwrap();
    assert!(en.contains("Check a hand-typed ledger"), "{en}");
}
