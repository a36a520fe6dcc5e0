//! Unit lists: the gold plan's every 责任单位 text, the evaluation table and
//! our own pattern table, checked against `parse_units`.

use proptest::prelude::*;
use serde_json::Value;
use zhenggai::diag::Diagnostic;
use zhenggai::model::{Level, Unit};
use zhenggai::normalize::unit::{
    UnitContext, UnitDict, UnitMemo, default_units_declaration, parse_units,
};

const GOLD: &str = include_str!("../fixtures/xiangtan-2018.gold.json");
const TABLE: &str = include_str!("../fixtures/units.jsonl");
const EXTRA: &str = include_str!("../fixtures/units-extra.jsonl");
/// Unit lists from plans of 30 provinces (a copy of the shared evaluation
/// table units-national.jsonl), each with its plan's region.
const NATIONAL: &str = include_str!("../fixtures/units-national.jsonl");

fn ctx<'a>(dict: &'a UnitDict, region: Option<&'a str>) -> UnitContext<'a> {
    UnitContext {
        region,
        dict,
        defaults: &[],
        memo: None,
    }
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// (text, name, collective, duty) of one gold unit.
fn gold_unit(v: &Value) -> (String, String, bool, Option<String>) {
    (
        str_of(v, "text").to_string(),
        str_of(v, "name").to_string(),
        v.get("collective")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        v.get("duty").and_then(Value::as_str).map(str::to_string),
    )
}

fn ours(u: &Unit) -> (String, String, bool, Option<String>) {
    (u.text.clone(), u.name.clone(), u.collective, u.duty.clone())
}

#[test]
fn gold_units_match_exactly() {
    let gold: Value = serde_json::from_str(GOLD).expect("gold fixture is JSON");
    let mut dict = UnitDict::builtin();
    // The plan declares its abbreviations; the plan builder feeds them in.
    for a in gold["aliases"].as_array().into_iter().flatten() {
        dict.add_alias(str_of(a, "short"), str_of(a, "full"));
    }
    let region = gold["region"].as_str();
    let (mut total, mut good, mut lists_ok) = (0, 0, 0);
    let problems = gold["problems"].as_array().expect("problems");
    let mut misses = Vec::new();
    for p in problems {
        let units = &p["units"];
        let mut diags = Vec::new();
        let got = parse_units(str_of(units, "text"), &ctx(&dict, region), &mut diags);
        let mut list_ok = true;
        for (role, ours_list) in [("lead", &got.lead), ("others", &got.others)] {
            let want: Vec<_> = units[role]
                .as_array()
                .into_iter()
                .flatten()
                .map(gold_unit)
                .collect();
            let have: Vec<_> = ours_list.iter().map(ours).collect();
            total += want.len();
            good += want.iter().zip(&have).filter(|(w, h)| w == h).count();
            if want != have {
                list_ok = false;
                misses.push(format!(
                    "problem {} {role}:\n  want {want:?}\n  have {have:?}",
                    p["seq"]
                ));
            }
        }
        lists_ok += usize::from(list_ok);
    }
    eprintln!(
        "gold units: {good}/{total} units, {lists_ok}/{} lists",
        problems.len()
    );
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

/// The scorer's rule (eval/units.py): every expected fragment occurs in the
/// name of a distinct produced unit of the same role, counts equal.
fn fragments_match(units: &[Unit], expected: &[Value]) -> bool {
    if units.len() != expected.len() {
        return false;
    }
    let mut names: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
    for frag in expected {
        let alts: Vec<&str> = frag.as_str().unwrap_or("").split('|').collect();
        match names
            .iter()
            .position(|n| alts.iter().any(|a| n.contains(a)))
        {
            Some(i) => {
                names.remove(i);
            }
            None => return false,
        }
    }
    true
}

fn check_table(table: &str) -> (usize, usize, Vec<String>) {
    let dict = UnitDict::builtin();
    let (mut ok, mut n, mut misses) = (0, 0, Vec::new());
    for line in table.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).expect("table row is JSON");
        let region = row["region"].as_str().filter(|r| !r.is_empty());
        let got = parse_units(str_of(&row, "text"), &ctx(&dict, region), &mut Vec::new());
        let want_lead = row["lead"].as_array().cloned().unwrap_or_default();
        let want_others = row["others"].as_array().cloned().unwrap_or_default();
        n += 1;
        if fragments_match(&got.lead, &want_lead) && fragments_match(&got.others, &want_others) {
            ok += 1;
        } else {
            let names = |us: &[Unit]| us.iter().map(|u| u.name.clone()).collect::<Vec<_>>();
            misses.push(format!(
                "{}: lead {:?} others {:?}",
                str_of(&row, "text"),
                names(&got.lead),
                names(&got.others)
            ));
        }
    }
    (ok, n, misses)
}

#[test]
fn eval_table_all_rows() {
    let (ok, n, misses) = check_table(TABLE);
    eprintln!("units.jsonl: {ok}/{n}");
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

#[test]
fn extra_table_all_rows() {
    let (ok, n, misses) = check_table(EXTRA);
    eprintln!("units-extra.jsonl: {ok}/{n}");
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

#[test]
fn national_table_all_rows() {
    let (ok, n, misses) = check_table(NATIONAL);
    eprintln!("units-national.jsonl: {ok}/{n}");
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

/// Names of one list under a region.
fn names_under(text: &str, region: &str) -> (Vec<String>, Vec<String>, Vec<Diagnostic>) {
    let dict = shared_dict();
    let mut diags = Vec::new();
    let u = parse_units(text, &ctx(dict, Some(region)), &mut diags);
    let names = |us: &[Unit]| us.iter().map(|u| u.name.clone()).collect::<Vec<_>>();
    (names(&u.lead), names(&u.others), diags)
}

#[test]
fn region_levels_name_departments_as_officials_do() {
    // A city district's departments with its city (U13).
    let (_, o, _) = names_under("区水利局、区公安分局", "四川省巴中市巴州区");
    assert_eq!(o, ["巴中市巴州区水利局", "巴中市公安局巴州区分局"]);
    // A county's alone; its ecology branch under the city's bureau.
    let (l, o, _) = names_under("县生态环境分局牵头，县住建局配合", "河北省石家庄市平山县");
    assert_eq!(l, ["石家庄市生态环境局平山县分局"]);
    assert_eq!(o, ["平山县住房和城乡建设局"]);
    // A region given by its short form; an autonomous region.
    let (_, o, _) = names_under("州生态环境局", "湘西州");
    assert_eq!(o, ["湘西土家族苗族自治州生态环境局"]);
    let (_, o, _) = names_under("自治区林草局", "内蒙古自治区");
    assert_eq!(o, ["内蒙古自治区林业和草原局"]);
    // The 市 of a city ending in 州 is kept.
    let (_, o, _) = names_under("市生态环境局", "广州市");
    assert_eq!(o, ["广州市生态环境局"]);
}

#[test]
fn ambiguous_region_is_reported() {
    let (_, o, d) = names_under("区生态环境局", "普陀区");
    assert_eq!(o, ["普陀区生态环境局"]);
    assert!(d.iter().any(|d| d.code == "ambiguous-region"), "{d:?}");
    let (_, o, d) = names_under("区生态环境局", "上海市普陀区");
    assert_eq!(o, ["上海市普陀区生态环境局"]);
    assert!(!d.iter().any(|d| d.code == "ambiguous-region"), "{d:?}");
}

#[test]
fn abbreviations_differing_by_city_are_not_borrowed() {
    // 郑州 has no local entry: the plain expansion and a diagnostic.
    let (_, o, d) = names_under("市城管局", "河南省郑州市");
    assert_eq!(o, ["郑州市城市管理局"]);
    assert!(d.iter().any(|d| d.code == "unit-name-varies"), "{d:?}");
    // The seed city keeps its own name.
    let (_, o, _) = names_under("市城管局", "湘潭市");
    assert_eq!(o, ["湘潭市城市管理和行政执法局"]);
}

#[test]
fn unknown_units_keep_their_text() {
    let (_, o, d) = names_under("星际舰队指挥部", "湘潭市");
    assert_eq!(o, ["星际舰队指挥部"]);
    assert!(d.iter().any(|d| d.code == "unknown-unit"), "{d:?}");
}

#[test]
fn conjunctions_split_units_but_not_names() {
    let (_, o, _) = names_under("县公安局和县司法局", "重庆市巫山县");
    assert_eq!(o, ["巫山县公安局", "巫山县司法局"]);
    let (_, o, _) = names_under("市住房和城乡建设局、市水利和湖泊局", "湖北省武汉市");
    assert_eq!(o, ["武汉市住房和城乡建设局", "武汉市水利和湖泊局"]);
    let (_, o, _) = names_under("市住建局和各市、区人民政府", "江苏省苏州市");
    assert_eq!(o, ["苏州市住房和城乡建设局", "各市、区人民政府"]);
    let (_, o, _) = names_under("区卫生健康委以及各街镇", "上海市闵行区");
    assert_eq!(o, ["上海市闵行区卫生健康委员会", "各街镇"]);
    // 和平区 starts with 和 but is a place.
    let (_, o, _) = names_under("和平区人民政府", "天津市");
    assert_eq!(o, ["和平区人民政府"]);
    // Places joined by 和 share the suffix written once.
    let (_, o, _) = names_under("益阳市和望城区人民政府", "湖南省");
    assert_eq!(o, ["益阳市人民政府", "望城区人民政府"]);
    // A run with no separator.
    let (_, o, _) = names_under("县委办政府办各乡镇", "河北省保定市涞源县");
    assert_eq!(
        o,
        [
            "中共涞源县委办公室",
            "涞源县人民政府办公室",
            "各乡镇人民政府"
        ]
    );
    // A level the region does not give follows the place written before it.
    let (_, o, _) = names_under("长宁区建管委、区绿化市容局", "上海市");
    assert_eq!(o, ["长宁区建设和管理委员会", "长宁区绿化和市容管理局"]);
    // A catch-all of the whole place is one collective.
    let (_, o, _) = names_under("全区经济运行各专班", "四川省成都市武侯区");
    assert_eq!(o, ["全区经济运行各专班"]);
}

#[test]
fn declared_alias_follows_region() {
    let mut dict = UnitDict::builtin();
    let mut diags = Vec::new();
    let before = parse_units("市治气办（牵头）", &ctx(&dict, Some("湘潭市")), &mut diags);
    assert_eq!(before.lead[0].name, "市治气办");
    assert!(
        diags
            .iter()
            .any(|d| d.code == "unknown-unit" && d.level == Level::Info)
    );
    dict.add_alias("市治气办", "市大气污染防治工作领导小组办公室");
    let after = parse_units(
        "市治气办（牵头）",
        &ctx(&dict, Some("湘潭市")),
        &mut Vec::new(),
    );
    assert_eq!(after.lead[0].name, "湘潭市大气污染防治工作领导小组办公室");
    // The declared full name itself now resolves to the same unit.
    let full = parse_units(
        "市大气污染防治工作领导小组办公室",
        &ctx(&dict, Some("株洲市")),
        &mut Vec::new(),
    );
    assert_eq!(full.others[0].name, "株洲市大气污染防治工作领导小组办公室");
}

#[test]
fn user_file_extends_and_overrides() {
    let mut dict = UnitDict::builtin();
    let user =
        "# local names\n华菱湘钢\t湖南华菱湘潭钢铁有限公司\n市城管局\t{市}城市管理综合执法局\n";
    assert!(dict.extend_from_str(user).is_ok());
    let got = parse_units(
        "华菱湘钢、市城管局",
        &ctx(&dict, Some("湘潭市")),
        &mut Vec::new(),
    );
    let names: Vec<_> = got.others.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(
        names,
        ["湖南华菱湘潭钢铁有限公司", "湘潭市城市管理综合执法局"]
    );
    let err = dict
        .extend_from_str("no tab here\n")
        .expect_err("malformed line");
    assert!(err.to_string().contains("line 1"), "{err}");
}

#[test]
fn load_file_reads_user_dictionary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("units.tsv");
    std::fs::write(&path, "市治气办\t{市}大气污染防治工作领导小组办公室\n").expect("write");
    let dict = UnitDict::load_file(&path).expect("loads");
    let got = parse_units("市治气办", &ctx(&dict, Some("湘潭市")), &mut Vec::new());
    assert_eq!(got.others[0].name, "湘潭市大气污染防治工作领导小组办公室");
    assert!(UnitDict::load_file(&dir.path().join("missing.tsv")).is_err());
}

#[test]
fn defaults_appended_once() {
    let dict = UnitDict::builtin();
    let decl = default_units_declaration("以下各项工作均需各县区人民政府落实，不再列出。")
        .expect("a declaration");
    let defaults = parse_units(&decl, &ctx(&dict, Some("湘潭市")), &mut Vec::new()).others;
    assert_eq!(defaults[0].name, "各县市区人民政府");
    let c = UnitContext {
        region: Some("湘潭市"),
        dict: &dict,
        defaults: &defaults,
        memo: None,
    };
    let got = parse_units("市环保局（牵头）", &c, &mut Vec::new());
    assert_eq!(got.others.len(), 1);
    assert_eq!(got.others[0].name, "各县市区人民政府");
    let got = parse_units(
        "市环保局（牵头），各县（市）区人民政府",
        &c,
        &mut Vec::new(),
    );
    assert_eq!(got.others.len(), 1, "already present: not appended twice");
}

#[test]
fn duty_alias_and_collective_fields() {
    let dict = UnitDict::builtin();
    let got = parse_units(
        "市环保督察工作领导小组办公室（省发改委）（牵头），各县（市、区）人民政府（含园区管委会）",
        &ctx(&dict, Some("湘潭市")),
        &mut Vec::new(),
    );
    assert_eq!(got.lead[0].name, "湘潭市环保督察工作领导小组办公室");
    assert_eq!(got.lead[0].alias.as_deref(), Some("省发改委"));
    assert!(got.others[0].collective);
    assert_eq!(got.others[0].duty.as_deref(), Some("含园区管委会"));
}

#[test]
fn proper_names_need_no_diagnostic() {
    let dict = UnitDict::builtin();
    let mut diags = Vec::new();
    let got = parse_units(
        "湘潭日报社、湘潭电厂、湘乡市人民政府",
        &ctx(&dict, Some("湘潭市")),
        &mut diags,
    );
    assert_eq!(got.others.len(), 3);
    assert!(diags.is_empty(), "{diags:?}");
    parse_units("城发集团", &ctx(&dict, Some("湘潭市")), &mut diags);
    assert_eq!(diags.len(), 1);
}

/// A memo shared by every list of one region gives the same units and
/// diagnostics as resolving each list afresh: every row of both tables and
/// every gold list, in order, each region with its own memo.
#[test]
fn memo_changes_nothing() {
    let dict = UnitDict::builtin();
    let gold: Value = serde_json::from_str(GOLD).expect("gold fixture is JSON");
    let mut texts: Vec<(Option<String>, String)> = Vec::new();
    for line in TABLE.lines().chain(EXTRA.lines()) {
        let Ok(row) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let region = row["region"].as_str().filter(|r| !r.is_empty());
        texts.push((region.map(str::to_string), str_of(&row, "text").to_string()));
    }
    for p in gold["problems"].as_array().into_iter().flatten() {
        texts.push((
            Some("湘潭市".to_string()),
            str_of(&p["units"], "text").to_string(),
        ));
    }
    let mut memos: std::collections::HashMap<Option<String>, UnitMemo> = Default::default();
    let mut hits = 0;
    for (region, text) in &texts {
        let memo = memos.entry(region.clone()).or_default();
        let with = UnitContext {
            memo: Some(memo),
            ..ctx(&dict, region.as_deref())
        };
        let (mut d1, mut d2) = (Vec::new(), Vec::new());
        let fresh = parse_units(text, &ctx(&dict, region.as_deref()), &mut d1);
        let memoized = parse_units(text, &with, &mut d2);
        assert_eq!(format!("{fresh:?}"), format!("{memoized:?}"), "{text}");
        assert_eq!(format!("{d1:?}"), format!("{d2:?}"), "{text}");
        hits += usize::from(!fresh.lead.is_empty() || !fresh.others.is_empty());
    }
    assert!(hits > 50, "only {hits} lists named units");
}

/// One dictionary for all property cases (building it per case is slow in
/// debug builds).
fn shared_dict() -> &'static UnitDict {
    static DICT: std::sync::OnceLock<UnitDict> = std::sync::OnceLock::new();
    DICT.get_or_init(UnitDict::builtin)
}

proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,60}") {
        let dict = shared_dict();
        let _ = parse_units(&s, &ctx(dict, Some("湘潭市")), &mut Vec::new());
        let _ = default_units_declaration(&s);
    }

    #[test]
    fn never_panics_on_list_alphabet(s in "[市县区旗盟州省各牵头负责（）〔〕、，；和及与以配合联住建城管局委办政府人民街道镇乡普陀浦东新 ]{0,40}", r in "[上海市普陀区湘西州内蒙古自治区]{0,8}") {
        let u = parse_units(&s, &ctx(shared_dict(), Some(&r)), &mut Vec::new());
        prop_assert_eq!(u.text, s.clone());
        for unit in u.lead.iter().chain(&u.others) {
            prop_assert!(!unit.name.is_empty());
        }
    }

    #[test]
    fn never_panics_on_unit_alphabet(s in "[市县区省各牵头（）()、，；：:等个0-9环保局委办政府人民管委会园示范县湘潭 ~]{0,40}") {
        let u = parse_units(&s, &ctx(shared_dict(), Some(&s)), &mut Vec::new());
        prop_assert_eq!(u.text, s.clone());
    }
}
