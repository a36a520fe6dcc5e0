//! The date normalizer against data: the shared expression table, our own
//! extra rows, every deadline and measure of the hand-checked xiangtan gold,
//! and properties over generated input.

use std::collections::BTreeSet;

use jiff::civil::Date;
use proptest::prelude::*;
use serde_json::Value;
use zhenggai::model::{Term, TermKind};
use zhenggai::normalize::date::{DateContext, due, parse_prose_terms, parse_terms};

const TABLE: &str = include_str!("../fixtures/dates.jsonl");
const EXTRA: &str = include_str!("../fixtures/dates-extra.jsonl");
/// Expressions relative to the document's issue date (the shared table of
/// issue 20), each row with the issue date it is resolved against.
const RELATIVE: &str = include_str!("../fixtures/dates-relative.jsonl");
const GOLD: &str = include_str!("../fixtures/xiangtan-2018.gold.json");

/// Compare one produced term with an expected one on the keys the row
/// states: kind, start, end and qualifier always; year_inferred always
/// (absent = false); text, applies_to and duration when the row has them.
fn term_mismatch(got: &Value, want: &Value) -> Option<String> {
    let mut keys = vec!["kind", "start", "end", "qualifier"];
    keys.extend(
        ["text", "applies_to", "duration"]
            .into_iter()
            .filter(|k| want.get(k).is_some()),
    );
    let mut bad: Vec<String> = keys
        .into_iter()
        .filter(|k| !same(got.get(k), want.get(k)))
        .map(|k| {
            format!(
                "{k}: got {} want {}",
                got.get(k).unwrap_or(&Value::Null),
                want[k]
            )
        })
        .collect();
    let flag = |v: &Value| {
        v.get("year_inferred")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    };
    if flag(got) != flag(want) {
        bad.push(format!(
            "year_inferred: got {} want {}",
            flag(got),
            flag(want)
        ));
    }
    (!bad.is_empty()).then(|| bad.join("; "))
}

/// JSON equality with numbers compared as numbers (2 == 2.0).
fn same(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a.unwrap_or(&Value::Null), b.unwrap_or(&Value::Null)) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| same(Some(v), y.get(k)))
        }
        (x, y) => x == y,
    }
}

/// Run every row of a JSON Lines table; the list of failures.
fn run_table(table: &str) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut rows = 0;
    for line in table.lines().filter(|l| !l.trim().is_empty()) {
        rows += 1;
        let row: Value = serde_json::from_str(line).expect("table row is JSON");
        let text = row["text"].as_str().expect("row has text");
        let year = row["year"].as_i64().and_then(|y| i16::try_from(y).ok());
        let issued: Option<Date> = row["date"].as_str().map(|d| d.parse().expect("row date"));
        let ctx = match issued {
            Some(d) => DateContext::issued(d),
            None => DateContext::year(year),
        };
        let mut diags = Vec::new();
        let got = parse_terms(text, &ctx, &mut diags);
        let got = serde_json::to_value(&got).expect("terms serialize");
        let got = got.as_array().cloned().unwrap_or_default();
        let want = row["terms"].as_array().cloned().unwrap_or_default();
        if got.len() != want.len() {
            failures.push(format!(
                "{text}: got {} terms {got:?}, want {}",
                got.len(),
                want.len()
            ));
            continue;
        }
        for (g, w) in got.iter().zip(&want) {
            if let Some(m) = term_mismatch(g, w) {
                failures.push(format!("{text}: {m}"));
            }
        }
        if let Some(codes) = row.get("diagnostics").and_then(Value::as_array) {
            let want: Vec<&str> = codes.iter().filter_map(Value::as_str).collect();
            let got: Vec<&str> = diags.iter().map(|d| d.code.as_str()).collect();
            if got != want {
                failures.push(format!("{text}: diagnostics {got:?}, want {want:?}"));
            }
        }
    }
    (rows, failures)
}

#[test]
fn shared_table_is_all_right() {
    let (rows, failures) = run_table(TABLE);
    assert_eq!(rows, 75);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn relative_table_is_all_right() {
    let (rows, failures) = run_table(RELATIVE);
    assert_eq!(rows, 50);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Never a wrong date: expressions understood only in part give no date for
/// what was not understood, and vague ones none at all.
#[test]
fn partly_understood_expressions_give_no_wrong_date() {
    let ctx = DateContext::issued("2021-06-14".parse().expect("date"));
    for (text, want) in [
        ("2021年前两个季度", Some("2021-06-30")),
        ("2022年首季度", Some("2022-03-31")),
        ("2021年前几个月", None),
        ("二零二二年伊始", None),
        ("去年暑假", None),
        ("零六年端午", Some("2006-05-31")),
        ("2023年清明节前", None),
        ("今冬明春", None),
        ("另行通知", None),
    ] {
        let mut diags = Vec::new();
        let got: Vec<Option<String>> = parse_terms(text, &ctx, &mut diags)
            .iter()
            .map(|t| t.end.map(|d| d.to_string()))
            .filter(Option::is_some)
            .collect();
        let want: Vec<Option<String>> = want.map(|w| Some(w.to_string())).into_iter().collect();
        assert_eq!(got, want, "{text}");
        if want.is_empty() {
            assert!(!diags.is_empty(), "{text}: no diagnostic");
        }
    }
}

/// Relative expressions without an issue date keep their term but get no
/// date, and say why.
#[test]
fn relative_words_without_an_issue_date_give_no_date() {
    let ctx = DateContext::year(Some(2023));
    for text in ["本月底前", "下季度", "即日起", "自印发之日起30日内"] {
        let mut diags = Vec::new();
        let t = parse_terms(text, &ctx, &mut diags);
        assert_eq!(t.len(), 1, "{text}");
        assert!(t[0].end.is_none() && t[0].start.is_none(), "{text}");
        assert!(t[0].year_inferred, "{text}");
        assert!(
            diags.iter().any(|d| d.code == "issue-date-unknown"),
            "{text}: {diags:?}"
        );
    }
}

#[test]
fn extra_table_is_all_right() {
    let (rows, failures) = run_table(EXTRA);
    assert!(rows >= 50);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The gold's problems: (seq, deadline text, deadline terms, due) and every
/// measure (nested ones included) as (text, terms).
struct GoldProblem {
    seq: u64,
    deadline: Option<(String, Vec<Term>, Option<Date>)>,
    measures: Vec<(String, Vec<Term>)>,
}

fn terms_of(v: &Value) -> Vec<Term> {
    serde_json::from_value(v.get("terms").cloned().unwrap_or(Value::Null)).expect("gold terms")
}

fn walk(measures: &Value, out: &mut Vec<(String, Vec<Term>)>) {
    for m in measures.as_array().into_iter().flatten() {
        let text = m["text"].as_str().unwrap_or_default().to_string();
        out.push((text, terms_of(m)));
        walk(&m["children"], out);
    }
}

fn gold() -> Vec<GoldProblem> {
    let plan: Value = serde_json::from_str(GOLD).expect("gold is JSON");
    let problems = plan["problems"].as_array().cloned().unwrap_or_default();
    problems
        .iter()
        .map(|p| {
            let deadline = p.get("deadline").filter(|d| !d.is_null()).map(|d| {
                let due = d["due"].as_str().map(|s| s.parse().expect("due is a date"));
                (
                    d["text"].as_str().unwrap_or_default().to_string(),
                    terms_of(d),
                    due,
                )
            });
            let mut measures = Vec::new();
            walk(&p["measures"], &mut measures);
            GoldProblem {
                seq: p["seq"].as_u64().unwrap_or_default(),
                deadline,
                measures,
            }
        })
        .collect()
}

/// Every deadline (with parse_terms) and every measure (with
/// parse_prose_terms) of the gold plan yields exactly the gold terms —
/// text, kind, dates, qualifier, applies_to, year_inferred — and every
/// deadline its gold due date.
#[test]
fn xiangtan_gold_terms_match_exactly() {
    let ctx = DateContext::year(Some(2018));
    let mut checked = 0;
    let mut failures = Vec::new();
    for p in gold() {
        if let Some((text, want, want_due)) = &p.deadline {
            checked += 1;
            let got = parse_terms(text, &ctx, &mut Vec::new());
            if due(&got) != *want_due {
                failures.push(format!(
                    "problem {} due {:?} want {want_due:?}",
                    p.seq,
                    due(&got)
                ));
            }
            if got != *want {
                failures.push(format!(
                    "problem {} deadline {text}\n  got  {got:?}\n  want {want:?}",
                    p.seq
                ));
            }
        }
        for (text, want) in &p.measures {
            checked += 1;
            let got = parse_prose_terms(text, &ctx, &mut Vec::new());
            if got != *want {
                failures.push(format!(
                    "problem {} measure {text}\n  got  {got:?}\n  want {want:?}",
                    p.seq
                ));
            }
        }
    }
    assert!(checked > 90, "only {checked} texts checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Measures hold no deadline-style parts: parse_terms on them gives the same
/// kinds and ends as parse_prose_terms.
#[test]
fn field_and_prose_modes_agree_on_dates() {
    let ctx = DateContext::year(Some(2018));
    let key = |ts: Vec<Term>| ts.into_iter().map(|t| (t.kind, t.end)).collect::<Vec<_>>();
    for p in gold() {
        for (text, _) in &p.measures {
            let field = key(parse_terms(text, &ctx, &mut Vec::new()));
            let prose = key(parse_prose_terms(text, &ctx, &mut Vec::new()));
            assert_eq!(field, prose, "{text}");
        }
    }
}

// ---------------------------------------------------------------- properties

fn leap(y: i32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

/// Days in a month, computed independently of jiff.
fn month_days(y: i32, m: u32) -> u32 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Characters deadlines are made of, to make generated strings hit the
/// scanner's paths far more often than uniform Unicode would.
fn datey_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(
            "0123456789０１２年月日号底末前内起至到—-~～./季度半上下第每周个工作小时〇一二三四五六七八九十两百今明本截止从自十三五期间立即长期坚持已完成《》“”，、；。（） 　"
                .chars()
                .collect::<Vec<_>>()
        ),
        any::<char>(),
    ]
}

fn datey_string() -> impl Strategy<Value = String> {
    prop::collection::vec(datey_char(), 0..48).prop_map(|cs| cs.into_iter().collect())
}

/// Words of relative expressions, glued into generated text.
fn relative_string() -> impl Strategy<Value = String> {
    let words = [
        "本月",
        "当月",
        "次月",
        "下月",
        "下个月",
        "上月",
        "本季度",
        "下一季度",
        "上季度",
        "首季度",
        "今年",
        "明年",
        "次年",
        "去年",
        "年内",
        "年底",
        "月底",
        "上半年",
        "下半年",
        "即日起",
        "至",
        "自印发之日起",
        "本方案印发后",
        "前两个季度",
        "前三个月",
        "上旬",
        "中旬",
        "下旬",
        "春节",
        "元旦",
        "国庆",
        "端午",
        "前",
        "内",
        "底",
        "末",
        "完成",
        "截至",
        "、",
        "，",
        "个工作日内",
        "日内",
        "个月内",
        "年",
        "月",
        "日",
        "号",
        "12",
        "3",
        "10",
        "二十",
        "23",
        "零七",
        "九零",
    ];
    prop::collection::vec(prop::sample::select(words.to_vec()), 0..8).prop_map(|ws| ws.concat())
}

/// Relative invariants: a term with a relative word shows that its year (or
/// date) was worked out, not read.
fn check_relative(terms: &[Term]) -> Result<(), TestCaseError> {
    const RELATIVE: [&str; 15] = [
        "本月",
        "当月",
        "次月",
        "下月",
        "上月",
        "本季",
        "下季",
        "上季",
        "下一季",
        "首季",
        "今年",
        "明年",
        "次年",
        "即日",
        "月底",
    ];
    for t in terms {
        let relative = RELATIVE.iter().any(|w| t.text.contains(w))
            || t.duration.as_ref().is_some_and(|d| d.anchor.is_some()) && t.end.is_some();
        let dated = t.start.is_some() || t.end.is_some();
        // A year written with digits (2023年, 23年, 二〇二三年, 零七年).
        let cs: Vec<char> = t.text.chars().collect();
        let written = cs.windows(2).any(|w| {
            w[1] == '年' && (w[0].is_ascii_digit() || "〇零一二三四五六七八九".contains(w[0]))
        });
        if relative && dated && !written {
            prop_assert!(t.year_inferred, "{t:?}");
        }
    }
    Ok(())
}

/// Invariants every produced term keeps, whatever the input.
fn check_terms(text: &str, terms: &[Term]) -> Result<(), TestCaseError> {
    for t in terms {
        prop_assert!(!t.text.is_empty(), "empty term text in {text:?}");
        prop_assert!(text.contains(&t.text), "{:?} not in {text:?}", t.text);
        if let (Some(a), Some(b)) = (t.start, t.end) {
            prop_assert!(a <= b, "start after end in {text:?}: {t:?}");
        }
        for d in [t.start, t.end].into_iter().flatten() {
            // A real calendar date that survives a round trip through text.
            let back: Date = d.to_string().parse().expect("date round-trips");
            prop_assert_eq!(back, d);
        }
        if matches!(
            t.kind,
            TermKind::Immediate | TermKind::Ongoing | TermKind::Recurring | TermKind::Completed
        ) {
            prop_assert!(t.start.is_none() && t.end.is_none());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>(), year in prop::option::of(1900i16..2100)) {
        let ctx = DateContext::year(year);
        check_terms(&text, &parse_terms(&text, &ctx, &mut Vec::new()))?;
        check_terms(&text, &parse_prose_terms(&text, &ctx, &mut Vec::new()))?;
        // And against an issue date in that year.
        if let Some(d) = year.and_then(|y| Date::new(y, 6, 15).ok()) {
            let ctx = DateContext::issued(d);
            check_terms(&text, &parse_terms(&text, &ctx, &mut Vec::new()))?;
            check_terms(&text, &parse_prose_terms(&text, &ctx, &mut Vec::new()))?;
        }
    }

    #[test]
    fn date_like_text_keeps_the_invariants(text in datey_string(), year in prop::option::of(1900i16..2100)) {
        let ctx = DateContext::year(year);
        let mut diags = Vec::new();
        check_terms(&text, &parse_terms(&text, &ctx, &mut diags))?;
        check_terms(&text, &parse_prose_terms(&text, &ctx, &mut diags))?;
        if let Some(d) = year.and_then(|y| Date::new(y, 12, 31).ok()) {
            let ctx = DateContext::issued(d);
            check_terms(&text, &parse_terms(&text, &ctx, &mut diags))?;
            check_terms(&text, &parse_prose_terms(&text, &ctx, &mut diags))?;
        }
    }

    #[test]
    fn relative_text_keeps_the_invariants(
        text in relative_string(),
        days in 0i64..(150 * 366),
    ) {
        let issued = Date::constant(1950, 1, 1)
            .checked_add(jiff::Span::new().days(days))
            .expect("in range");
        let ctx = DateContext::issued(issued);
        let mut diags = Vec::new();
        let terms = parse_terms(&text, &ctx, &mut diags);
        check_terms(&text, &terms)?;
        check_relative(&terms)?;
        let prose = parse_prose_terms(&text, &ctx, &mut diags);
        check_terms(&text, &prose)?;
        check_relative(&prose)?;
    }

    #[test]
    fn month_ends_are_right_in_leap_years(y in 1900i32..=2100, m in 1u32..=12, spaced in any::<bool>()) {
        let text = if spaced { format!("{y} 年 {m} 月底") } else { format!("{y}年{m}月底") };
        let terms = parse_terms(&text, &DateContext::default(), &mut Vec::new());
        prop_assert_eq!(terms.len(), 1);
        let end = terms[0].end.expect("a month end");
        prop_assert_eq!((end.year() as i32, end.month() as u32, end.day() as u32), (y, m, month_days(y, m)));
    }

    #[test]
    fn days_are_exact_or_refused(y in 1900i32..=2100, m in 1u32..=13, d in 1u32..=32) {
        let text = format!("{y}年{m}月{d}日前");
        let mut diags = Vec::new();
        let terms = parse_terms(&text, &DateContext::default(), &mut diags);
        if m <= 12 && d <= month_days(y, m) {
            prop_assert_eq!(terms.len(), 1);
            let end = terms[0].end.expect("a day");
            prop_assert_eq!((end.year() as i32, end.month() as u32, end.day() as u32), (y, m, d));
        } else {
            prop_assert!(terms.is_empty());
            let codes: BTreeSet<&str> = diags.iter().map(|d| d.code.as_str()).collect();
            prop_assert!(codes.contains("invalid-date"), "{text}: {codes:?}");
        }
    }

    #[test]
    fn ranges_end_after_they_start(
        a in (2000i32..2030, 1u32..=12, 1u32..=28),
        b in (2000i32..2030, 1u32..=12, 1u32..=28),
    ) {
        let text = format!("{}年{}月{}日—{}年{}月{}日", a.0, a.1, a.2, b.0, b.1, b.2);
        let mut diags = Vec::new();
        let terms = parse_terms(&text, &DateContext::default(), &mut diags);
        if a <= b {
            prop_assert_eq!(terms.len(), 1);
            prop_assert_eq!(terms[0].kind, TermKind::Range);
            prop_assert!(terms[0].start <= terms[0].end);
        } else {
            prop_assert!(terms.is_empty());
            prop_assert_eq!(diags.len(), 1);
        }
    }
}

// ---------------------------------------------------------- the issue date

/// A plan's own date — under its signature, or under the signature of the
/// 通知 that issues it — is found, recorded in `issued` and used for its
/// relative deadlines; `--date` overrides it.
#[test]
fn the_issue_date_is_found_and_used() {
    let plan = "# 某县关于印发某某整改方案的通知\n\n各乡镇：\n\n现将《某某整改方案》印发给你们。\n\n\
                某县人民政府办公室\n\n2023年10月12日\n\n## 某某整改方案\n\n\
                一、问题一：垃圾清运不及时。\n\n整改时限：春节前\n\n责任单位：县城管局\n";
    let opts = zhenggai::Options::new();
    let got = zhenggai::extract(plan.as_bytes(), "plan.md", &opts).expect("extracts");
    let issued = got.issued.as_ref().expect("an issue date");
    assert_eq!(
        issued.date.map(|d| d.to_string()).as_deref(),
        Some("2023-10-12")
    );
    assert_eq!(issued.text.as_deref(), Some("2023年10月12日"));
    assert_eq!(issued.from, zhenggai::model::IssuedFrom::Notice);
    let dues: Vec<String> = got
        .problems
        .iter()
        .filter_map(|p| p.deadline.as_ref()?.due.map(|d| d.to_string()))
        .collect();
    assert!(dues.iter().all(|d| d == "2024-02-10"), "{dues:?}");

    let mut opts = zhenggai::Options::new();
    opts.date = Some("2024-02-06".parse().expect("date"));
    let got = zhenggai::extract(plan.as_bytes(), "plan.md", &opts).expect("extracts");
    let issued = got.issued.as_ref().expect("an issue date");
    assert_eq!(issued.from, zhenggai::model::IssuedFrom::Option);
    assert!(issued.span.is_none() && issued.text.is_none());
}

/// A plan that states no date has no `issued`, and its yearless dates keep
/// the document-year convention.
#[test]
fn no_issue_date_means_none() {
    let plan = "# 某某整改方案\n\n一、问题一：垃圾清运不及时。\n\n整改时限：2023年9月底前\n";
    let got =
        zhenggai::extract(plan.as_bytes(), "plan.md", &zhenggai::Options::new()).expect("extracts");
    assert!(got.issued.is_none());
}

/// R7 moves a yearless deadline that has passed at issue to the next year;
/// prose without a deadline word (a progress report's 一季度开展专题学习3次)
/// tells when something happens or happened and keeps the issue year,
/// while the same words with 前 in prose are still a deadline.
#[test]
fn prose_without_a_deadline_word_keeps_the_issue_year() {
    let ctx = DateContext::issued(jiff::civil::date(2024, 6, 20));
    let end = |t: &[Term]| t.first().and_then(|t| t.end).map(|d| d.to_string());
    let prose = parse_prose_terms("一季度开展专题学习3次", &ctx, &mut Vec::new());
    assert_eq!(end(&prose).as_deref(), Some("2024-03-31"));
    let prose = parse_prose_terms("3月底前完成自查", &ctx, &mut Vec::new());
    assert_eq!(end(&prose).as_deref(), Some("2025-03-31"));
    let field = parse_terms("一季度", &ctx, &mut Vec::new());
    assert_eq!(end(&field).as_deref(), Some("2025-03-31"));
    // 每年年底 is one recurring term, not also this year's end.
    let t = parse_prose_terms("每年年底组织开展一次资产清查", &ctx, &mut Vec::new());
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].text, "每年年底");
}

/// A title's own period (《…行动计划（2024—2026年）》) is a term; other
/// dates inside a title are its name.
#[test]
fn a_title_ends_with_its_period() {
    let ctx = DateContext::issued(jiff::civil::date(2024, 6, 20));
    let t = parse_prose_terms(
        "制定《某某三年行动计划（2024—2026年）》，建立人才库",
        &ctx,
        &mut Vec::new(),
    );
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].kind, TermKind::Range);
    assert_eq!(
        t[0].end.map(|d| d.to_string()).as_deref(),
        Some("2026-12-31")
    );
    let t = parse_prose_terms(
        "落实《关于印发2018年工作要点的通知》要求",
        &ctx,
        &mut Vec::new(),
    );
    assert!(t.is_empty(), "{t:?}");
    let t = parse_prose_terms(
        "按月跟踪办理进度，每学期开展一次督查",
        &ctx,
        &mut Vec::new(),
    );
    assert_eq!(
        t.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
        ["按月", "每学期"]
    );
}
