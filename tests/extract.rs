//! End-to-end extraction of the seed plan and of hand-written plans in
//! every numbering and label style.

mod common;

use common::*;
use zhenggai::model::{Format, StatusValue};

#[test]
fn seed_markdown_matches_the_gold_structure() {
    let plan = extract("xiangtan-2018.md");
    let misses = structural_mismatches(&plan);
    assert!(misses.is_empty(), "{misses:#?}");
    assert_eq!(plan.source.format, Format::Markdown);
    assert_eq!(plan.source.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(plan.stated_problem_count, Some(20));
    assert_eq!(plan.aliases.len(), 1);
    assert_eq!(plan.aliases[0].short, "市环督办");
    let titles: Vec<&str> = plan.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        ["工作目标", "工作原则", "工作机制", "工作要求", "保障措施"]
    );
    assert_eq!(
        plan.inspection.as_ref().and_then(|i| i.body.as_deref()),
        Some("湖南省第三环境保护督察组")
    );
    // Problem 14's measures are two groups; problem 15's second item has
    // four children.
    assert_eq!(plan.problems[13].measures.len(), 2);
    assert_eq!(plan.problems[13].measures[0].number.as_deref(), Some("一"));
    assert_eq!(plan.problems[14].measures[1].children.len(), 4);
    // Ids: document id + seq, stable.
    assert!(plan.problems[0].id.starts_with(&plan.id));
    assert_ne!(plan.problems[0].id, plan.problems[1].id);
    // Spans point at the source.
    let span = plan.problems[0].span.expect("problem span");
    assert_eq!(span.line, 73);
}

#[test]
fn seed_diagnostics_say_what_was_repaired() {
    let plan = extract("xiangtan-2018.md");
    let codes: Vec<&str> = plan.diagnostics.iter().map(|d| d.code.as_str()).collect();
    for code in [
        "page-break-joined",
        "struck-text-dropped",
        "non-integer-count",
    ] {
        assert!(codes.contains(&code), "missing {code}: {codes:?}");
    }
    assert!(!codes.contains(&"problem-count-mismatch"));
}

#[test]
fn every_fixture_output_validates_against_the_schema() {
    for f in [
        "xiangtan-2018.md",
        "plans/numbered-paren.md",
        "plans/problem-n.gb18030.txt",
        "plans/problem-n.utf16.txt",
        "plans/notice.md",
        "plans/notice-sections.md",
        "plans/table.md",
        "plans/department-table.md",
        "plans/inline-fields.md",
        "plans/measure-rows.md",
        "plans/bracket-labels.md",
        "plans/enumerated-measures.md",
        "plans/key-value-tables.md",
        "html/key-value-tables.html",
        "plans/news.md",
        "plans/task-list.md",
        "plans/narrative-report.md",
        "plans/discipline-notice.md",
        "plans/flattened-table.txt",
    ] {
        assert_schema_valid(&extract(f), f);
    }
}

#[test]
fn paren_numbered_problems_with_synonym_labels() {
    let plan = extract("plans/numbered-paren.md");
    assert_eq!(plan.region.as_deref(), Some("韶山市"));
    assert_eq!(plan.problems.len(), 3);
    let p = &plan.problems[0];
    assert_eq!((p.seq, p.label.as_str()), (1, "（一）"));
    assert_eq!(p.title.as_deref(), Some("落实主体责任不到位。"));
    assert_eq!(
        p.deadline.as_ref().map(|d| d.text.as_str()),
        Some("2021年12月底前")
    );
    let units = p
        .units
        .as_ref()
        .map(|u| u.text.as_str())
        .unwrap_or_default();
    assert!(
        units.contains("牵头单位：市委办") && units.contains("配合单位：市政府办"),
        "{units}"
    );
    assert_eq!(p.leaders.len(), 1);
    assert_eq!(p.contacts.len(), 1);
    assert_eq!(plan.problems[1].measures[0].children.len(), 2);
    assert_eq!(
        plan.problems[1].measures[0].children[1].number.as_deref(),
        Some("（2）")
    );
    assert_eq!(plan.sections.len(), 2);
}

#[test]
fn legacy_encodings_decode_to_the_same_records() {
    let gbk = extract("plans/problem-n.gb18030.txt");
    let u16 = extract("plans/problem-n.utf16.txt");
    assert_eq!(gbk.source.encoding.as_deref(), Some("GB18030"));
    assert_eq!(u16.source.encoding.as_deref(), Some("UTF-16LE"));
    assert_eq!(gbk.problems.len(), 2);
    assert_eq!(gbk.problems[0].label, "问题1");
    assert_eq!(
        gbk.problems[0].measures.len(),
        2,
        "inline 1、…；2、… items split"
    );
    for (a, b) in gbk.problems.iter().zip(&u16.problems) {
        assert_eq!(
            (&a.description, &a.deadline, &a.units),
            (&b.description, &b.deadline, &b.units)
        );
    }
}

#[test]
fn notices_with_labels_or_numbered_sections() {
    for f in ["plans/notice.md", "plans/notice-sections.md"] {
        let plan = extract(f);
        assert_eq!(plan.problems.len(), 1, "{f}");
        let p = &plan.problems[0];
        assert!(p.target.is_some(), "{f}");
        assert!(p.deadline.is_some(), "{f}");
        assert_eq!(p.measures.len(), 2, "{f}");
        assert!(p.status.is_some(), "{f}");
    }
    assert_eq!(
        extract("plans/notice.md").problems[0]
            .status
            .as_ref()
            .and_then(|s| s.value),
        Some(StatusValue::Completed)
    );
    assert_eq!(
        extract("plans/notice-sections.md").problems[0]
            .status
            .as_ref()
            .and_then(|s| s.value),
        Some(StatusValue::Closed)
    );
}

#[test]
fn pipe_table_checklist() {
    let plan = extract("plans/table.md");
    assert_eq!(plan.problems.len(), 2);
    assert_eq!(plan.problems[0].target, None);
    assert_eq!(plan.problems[0].measures.len(), 2);
    assert_eq!(plan.problems[1].target.as_deref(), Some("摸清底数。"));
}

/// Column names plans share with ledgers (问题内容, 牵头部门, 配合部门,
/// 整改时间), and deadlines by quarters listed or a flood season.
#[test]
fn department_columns_and_vague_deadlines() {
    let plan = extract("plans/department-table.md");
    assert_eq!(plan.problems.len(), 2);
    let p = &plan.problems[0];
    assert_eq!(p.description, "县城污水处理厂超标排放");
    assert_eq!(p.measures.len(), 2);
    let units = p.units.as_ref().expect("units read");
    let names =
        |us: &[zhenggai::model::Unit]| us.iter().map(|u| u.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&units.lead), ["县住房和城乡建设局"]);
    assert_eq!(names(&units.others), ["县生态环境分局"]);
    // Two columns feed the units text: joined in column order.
    assert_eq!(units.text, "牵头单位：县住建局；配合单位：县生态环境分局");
    let deadline = p.deadline.as_ref().expect("deadline read");
    assert_eq!(
        deadline.due.map(|d| d.to_string()).as_deref(),
        Some("2019-12-31")
    );
    assert_eq!(
        deadline.terms[0].start.map(|d| d.to_string()).as_deref(),
        Some("2019-07-01")
    );
    // 汛期前 has no fixed date: no due date, and a diagnostic says why.
    let q = &plan.problems[1];
    assert_eq!(q.deadline.as_ref().and_then(|d| d.due), None);
    assert!(
        plan.diagnostics
            .iter()
            .any(|d| d.code == "vague-period" && d.problem == Some(2))
    );
}

/// Every field of a problem in one paragraph: 1. 问题：…。责任单位：…；
/// 责任人：…；整改时限：…。整改措施：（1）…；（2）…
#[test]
fn fields_run_together_in_one_paragraph() {
    let plan = extract("plans/inline-fields.md");
    assert_eq!(plan.problems.len(), 2);
    let p = &plan.problems[0];
    assert_eq!(p.description, "党组会议记录不规范。");
    let units = p.units.as_ref().expect("units read");
    assert_eq!(units.others.len(), 1);
    assert_eq!(units.others[0].name, "县财政局办公室");
    assert_eq!(p.responsible.len(), 1);
    assert_eq!(p.responsible[0].name, "王五");
    let due = p.deadline.as_ref().and_then(|d| d.due);
    assert_eq!(due.map(|d| d.to_string()).as_deref(), Some("2019-03-31"));
    let numbers: Vec<_> = p.measures.iter().map(|m| m.number.as_deref()).collect();
    assert_eq!(numbers, [Some("（1）"), Some("（2）")]);
    assert_eq!(plan.problems[1].measures.len(), 1);
    assert!(!plan.diagnostics.iter().any(|d| d.code == "no-checklist"));
}

/// A table with one measure per row, each row naming its own unit: the
/// problem has all the units, each measure its row's.
#[test]
fn measure_rows_keep_their_units() {
    let plan = extract("plans/measure-rows.md");
    assert_eq!(plan.problems.len(), 2);
    let p = &plan.problems[0];
    let all = p
        .units
        .as_ref()
        .map_or(0, |u| u.lead.len() + u.others.len());
    assert_eq!(all, 2);
    let names: Vec<Vec<String>> = p
        .measures
        .iter()
        .map(|m| {
            m.units
                .iter()
                .flat_map(|u| u.lead.iter().chain(&u.others))
                .map(|u| u.name.clone())
                .collect()
        })
        .collect();
    assert_eq!(names, [vec!["市生态环境局"], vec!["各区人民政府"]]);
    // One row, one unit cell: the measures stay without units of their own.
    assert!(plan.problems[1].measures.iter().all(|m| m.units.is_none()));
}

/// Labels in 【】 (【整改时限】2019年6月底前), spaced labels (责 任 单 位：)
/// and less common names (整改责任人, 督办领导).
#[test]
fn bracketed_and_less_common_labels() {
    let plan = extract("plans/bracket-labels.md");
    assert_eq!(plan.problems.len(), 2);
    let p = &plan.problems[0];
    assert_eq!(p.description, "河道两岸垃圾乱堆乱放");
    assert_eq!(p.target.as_deref(), Some("河道两岸垃圾全面清理。"));
    let due = p.deadline.as_ref().and_then(|d| d.due);
    assert_eq!(due.map(|d| d.to_string()).as_deref(), Some("2019-06-30"));
    assert_eq!(p.units.as_ref().map(|u| u.others.len()), Some(2));
    assert_eq!(p.measures.len(), 2);
    let q = &plan.problems[1];
    assert_eq!(q.responsible.first().map(|r| r.name.as_str()), Some("张伟"));
    assert_eq!(q.leaders.first().map(|r| r.name.as_str()), Some("李强"));
    let units = q.units.as_ref().expect("units read");
    assert_eq!(units.others.len(), 1);
    // Nothing was glued across paragraphs.
    assert!(
        !plan
            .diagnostics
            .iter()
            .any(|d| d.code == "page-break-joined")
    );
}

/// 整改措施：一是…；二是…；三是… — each item a measure.
#[test]
fn enumerated_measures() {
    let plan = extract("plans/enumerated-measures.md");
    assert_eq!(plan.problems.len(), 2);
    let numbers: Vec<_> = plan.problems[0]
        .measures
        .iter()
        .map(|m| m.number.as_deref())
        .collect();
    assert_eq!(numbers, [Some("一是"), Some("二是"), Some("三是")]);
    assert_eq!(plan.problems[0].measures[2].text, "开展专项督查。");
    assert_eq!(plan.problems[1].measures.len(), 1);
    let leader = plan.problems[0].leaders.first();
    assert_eq!(leader.map(|l| l.name.as_str()), Some("王明"));
}

/// One table of label and value cells per problem (| 整改时限 | … |).
#[test]
fn key_value_tables() {
    let plan = extract("plans/key-value-tables.md");
    assert_eq!(plan.problems.len(), 2);
    let p = &plan.problems[0];
    assert_eq!(p.target.as_deref(), Some("消除城区黑臭水体"));
    let due = p.deadline.as_ref().and_then(|d| d.due);
    assert_eq!(due.map(|d| d.to_string()).as_deref(), Some("2019-12-31"));
    let units = p.units.as_ref().expect("units read");
    assert_eq!(units.lead.len(), 1);
    assert_eq!(units.others.len(), 1);
    assert_eq!(p.leaders.first().map(|l| l.name.as_str()), Some("陈东"));
    assert_eq!(p.measures.len(), 2);
    assert!(!plan.diagnostics.iter().any(|d| d.code == "missing-field"));
}

/// The same layout as a web page: rows of two or four cells, a label
/// merged down over two rows (rowspan), paragraphs inside a cell.
#[test]
fn key_value_tables_in_html() {
    let plan = extract("html/key-value-tables.html");
    assert_eq!(plan.problems.len(), 2);
    let p = &plan.problems[0];
    assert_eq!(p.target.as_deref(), Some("消除城区黑臭水体"));
    assert_eq!(p.units.as_ref().map(|u| u.lead.len()), Some(1));
    let texts: Vec<&str> = p.measures.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["开展截污纳管。", "实施清淤疏浚。"]);
    let numbers: Vec<_> = plan.problems[1]
        .measures
        .iter()
        .map(|m| m.number.as_deref())
        .collect();
    assert_eq!(numbers, [Some("一是"), Some("二是")]);
    assert!(!plan.diagnostics.iter().any(|d| d.code == "missing-field"));
}

#[test]
fn a_plan_without_a_checklist_says_so() {
    let plan = extract("plans/news.md");
    assert!(plan.problems.is_empty());
    assert!(
        plan.diagnostics
            .iter()
            .any(|d| d.code == "no-checklist" && d.level == zhenggai::Level::Error)
    );
}

#[test]
fn unreadable_inputs_are_errors_not_panics() {
    let opts = zhenggai::Options::new();
    for (name, bytes) in [
        ("empty.md", Vec::new()),
        (
            "junk.bin",
            std::fs::read(fixture("plans/junk.bin")).unwrap_or_default(),
        ),
        (
            "invalid-utf8.md",
            std::fs::read(fixture("plans/invalid-utf8.md")).unwrap_or_default(),
        ),
    ] {
        assert!(zhenggai::extract(&bytes, name, &opts).is_err(), "{name}");
    }
}

#[test]
fn task_list_with_trailing_responsibility_brackets() {
    let plan = extract("plans/task-list.md");
    assert_eq!(plan.problems.len(), 3);
    let p = &plan.problems[0];
    assert_eq!(
        p.deadline
            .as_ref()
            .and_then(|d| d.due)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2021-12-31")
    );
    let u = p.units.as_ref().expect("units from the bracket");
    assert_eq!(u.lead.len(), 1, "{u:?}");
    assert!(u.lead[0].name.ends_with("住房和城乡建设局"), "{u:?}");
    assert!(
        !p.description.contains("牵头单位"),
        "the note is not part of the task text"
    );
    // 〔X牵头，Y参与〕 form.
    let u2 = plan.problems[1].units.as_ref().expect("units");
    assert_eq!(u2.lead.len(), 1);
    assert!(u2.others.len() >= 2);
    // The document-level default (…均需各县市区人民政府落实，不再列出) reaches every problem.
    for p in &plan.problems {
        let all: Vec<&str> = p
            .units
            .iter()
            .flat_map(|u| u.lead.iter().chain(&u.others))
            .map(|u| u.name.as_str())
            .collect();
        assert!(
            all.contains(&"各县市区人民政府"),
            "problem {}: {all:?}",
            p.seq
        );
    }
}

#[test]
fn narrative_report_measures_and_status() {
    let plan = extract("plans/narrative-report.md");
    assert_eq!(plan.problems.len(), 3);
    let p = &plan.problems[0];
    assert_eq!(p.title.as_deref(), Some("生态文明建设思想认识不高的问题。"));
    assert_eq!(
        p.status.as_ref().and_then(|s| s.value),
        Some(StatusValue::Completed)
    );
    let numbers: Vec<&str> = p
        .measures
        .iter()
        .filter_map(|m| m.number.as_deref())
        .collect();
    assert_eq!(numbers, ["一是", "二是", "三是"]);
    assert_eq!(
        plan.problems[1].status.as_ref().and_then(|s| s.value),
        Some(StatusValue::MostlyCompleted)
    );
    assert_eq!(
        plan.problems[2].status.as_ref().and_then(|s| s.value),
        Some(StatusValue::InProgress)
    );
    assert_eq!(plan.problems[2].measures.len(), 2);
}

#[test]
fn nested_discipline_inspection_notice() {
    let plan = extract("plans/discipline-notice.md");
    assert_eq!(
        plan.problems.len(),
        3,
        "the 关于…问题的整改 items are the problems"
    );
    assert_eq!(
        plan.problems[0].title.as_deref(),
        Some("关于“学习贯彻习近平生态文明思想不深入”问题的整改")
    );
    assert_eq!(plan.problems[0].measures.len(), 2);
    assert_eq!(
        plan.problems[1].measures.len(),
        1,
        "a group heading ends the problem before it"
    );
    assert_eq!(
        plan.problems[2].measures[1].number.as_deref(),
        Some("（2）")
    );
    assert_eq!(plan.problems[2].seq, 3);
}

#[test]
fn flattened_table_text_gives_the_same_records_as_the_table() {
    let flat = extract("plans/flattened-table.txt");
    let table = extract("plans/table.md");
    assert!(
        flat.diagnostics
            .iter()
            .any(|d| d.code == "table-text-recovered"),
        "the recovery is reported"
    );
    assert_eq!(flat.problems.len(), table.problems.len());
    for (a, b) in flat.problems.iter().zip(&table.problems) {
        assert_eq!(
            (&a.description, &a.target, &a.deadline),
            (&b.description, &b.target, &b.deadline),
            "problem {}",
            a.seq
        );
        assert_eq!(
            (&a.units, &a.leaders, &a.responsible),
            (&b.units, &b.leaders, &b.responsible),
            "problem {}",
            a.seq
        );
        assert_eq!(a.measures.len(), b.measures.len(), "problem {}", a.seq);
    }
}

/// The labels, titles and statuses of a plan's problems.
fn outline(plan: &zhenggai::Plan) -> Vec<(u32, String, Option<StatusValue>)> {
    plan.problems
        .iter()
        .map(|p| {
            (
                p.seq,
                p.label.clone(),
                p.status.as_ref().and_then(|s| s.value),
            )
        })
        .collect()
}

#[test]
fn xuncha_notice_numbers_restart_per_group_and_progress_gives_measures() {
    let plan = extract("plans/xuncha-notice.txt");
    assert_eq!(
        outline(&plan),
        [
            (1, "1".to_string(), Some(StatusValue::Completed)),
            (2, "2".to_string(), Some(StatusValue::InProgress)),
            (3, "1".to_string(), Some(StatusValue::InProgress)),
        ]
    );
    let p = &plan.problems[0];
    assert_eq!(p.title.as_deref(), Some("关于“河湖长制落实不够有力”问题"));
    assert_eq!(p.measures.len(), 3);
    assert_eq!(p.measures[0].number.as_deref(), Some("一是"));
    // 目前，该问题正在整改。 closes the last item: the status, not the measure's.
    assert_eq!(plan.problems[1].measures[1].text, "落实管护经费。");
    // 三、下一步工作打算 is a body section, not problem 3's measures.
    assert_eq!(plan.problems[2].measures.len(), 2);
    let sections: Vec<&str> = plan.sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(sections, ["一", "三"]);
    assert!(
        plan.inspection
            .as_ref()
            .and_then(|i| i.feedback_date)
            .is_some()
    );
}

#[test]
fn audit_report_progress_and_two_label_units() {
    let plan = extract("plans/audit-report.md");
    assert_eq!(plan.problems.len(), 3);
    assert_eq!(plan.stated_problem_count, Some(3));
    let p = &plan.problems[1];
    assert_eq!(p.label, "（二）");
    assert_eq!(p.title.as_deref(), Some("固定资产账实不符。"));
    assert!(p.description.contains("审计指出"));
    let d = p.deadline.as_ref().expect("planned date");
    assert_eq!(d.text, "2023年12月底前");
    let u = p.units.as_ref().expect("units");
    assert!(u.text.starts_with("整改责任科室："), "{}", u.text);
    assert_eq!(u.lead.len(), 1);
    assert_eq!(
        plan.problems[2].status.as_ref().and_then(|s| s.value),
        Some(StatusValue::MostlyCompleted)
    );
    assert!(plan.problems[0].deadline.is_none());
}

#[test]
fn duty_brackets_tasks_default_from_where_it_stands() {
    let plan = extract("plans/duty-brackets.md");
    let labels: Vec<&str> = plan.problems.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "1", "2"]);
    let p = &plan.problems[1];
    assert_eq!(p.measures.len(), 3);
    assert_eq!(p.measures[0].number.as_deref(), Some("（1）"));
    assert_eq!(
        p.deadline.as_ref().map(|d| d.text.as_str()),
        Some("2022年9月30日前完成")
    );
    assert!(!p.description.contains("牵头"));
    let names = |p: &zhenggai::model::Problem| -> Vec<String> {
        p.units
            .iter()
            .flat_map(|u| u.lead.iter().chain(&u.others))
            .map(|u| u.name.clone())
            .collect()
    };
    // The default line stands before group （二）: tasks above it are not
    // covered.
    assert!(
        !names(&plan.problems[1])
            .iter()
            .any(|n| n == "各乡镇人民政府")
    );
    assert!(
        names(&plan.problems[2])
            .iter()
            .any(|n| n == "各乡镇人民政府")
    );
    // 责任单位：… alone gives no lead; its deadline follows 完成时限：.
    let u = plan.problems[3].units.as_ref().expect("units");
    assert!(u.lead.is_empty());
    assert_eq!(u.text, "县农业农村局、县住建局");
    // 保障措施 paragraphs and the contact line are no tasks.
    assert_eq!(plan.problems.len(), 4);
    let sections: Vec<&str> = plan.sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(sections, ["一", "二", "三"]);
}

#[test]
fn notice_batch_is_one_problem_per_notice() {
    let plan = extract("plans/notice-batch.md");
    assert_eq!(
        outline(&plan),
        [
            (3, "第3项".to_string(), Some(StatusValue::Completed)),
            (8, "第8项".to_string(), Some(StatusValue::MostlyCompleted)),
        ]
    );
    assert_eq!(plan.stated_problem_count, Some(2));
    assert!(plan.sections.is_empty());
    let p = &plan.problems[0];
    assert_eq!(p.target.as_deref(), Some("完成雨污分流改造。"));
    assert_eq!(p.measures.len(), 2);
    // 四、下一步工作打算 and its date belong to no problem.
    assert!(p.measures.iter().all(|m| !m.text.contains("2023年6月")));
    let q = &plan.problems[1];
    assert_eq!(q.measures.len(), 3);
    assert_eq!(q.measures[0].text, "全面排查建档");
    assert!(
        plan.diagnostics
            .iter()
            .all(|d| d.code != "page-break-joined" && d.code != "problem-number-skipped"),
        "{:?}",
        plan.diagnostics
    );
}

#[test]
fn table_with_a_two_level_header() {
    let plan = extract("html/two-level-header.html");
    assert_eq!(plan.problems.len(), 2);
    let u = plan.problems[0].units.as_ref().expect("units");
    assert_eq!(u.text, "牵头单位：市住建局；配合单位：市城管局、市公安局");
    assert_eq!(u.lead.len(), 1);
    assert_eq!(u.others.len(), 2);
    // 2.2024年6月底前… is measure 2, not a decimal.
    let m = &plan.problems[0].measures;
    assert_eq!(m.len(), 2);
    assert_eq!(m[1].text, "2024年6月底前完成全覆盖检查。");
}

#[test]
fn duty_brackets_with_the_deadline_after_a_comma_or_a_time_label() {
    let plan = extract("plans/duty-brackets-commas.md");
    let got: Vec<(String, String)> = plan
        .problems
        .iter()
        .map(|p| {
            (
                p.deadline
                    .as_ref()
                    .map(|d| d.text.clone())
                    .unwrap_or_default(),
                p.units.as_ref().map(|u| u.text.clone()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[0].0, "2023年10月底前完成");
    assert_eq!(got[0].1, "市生态环境局牵头，市发展改革委配合");
    assert_eq!(got[1].0, "长期坚持");
    assert_eq!(got[2].1, "市公安局交警支队、市生态环境局负责");
}

#[test]
fn audit_report_with_results_labels() {
    let plan = extract("plans/audit-report-2.txt");
    assert_eq!(plan.problems.len(), 4);
    assert_eq!(plan.stated_problem_count, Some(4));
    let p = &plan.problems[1];
    assert_eq!(
        p.units.as_ref().map(|u| u.text.as_str()),
        Some("公共卫生股、规划财务股")
    );
    assert_eq!(
        p.deadline.as_ref().map(|d| d.text.as_str()),
        Some("2023年6月底前")
    );
    assert_eq!(p.measures.len(), 2);
    assert_eq!(
        plan.problems[2].status.as_ref().and_then(|s| s.value),
        Some(StatusValue::Completed)
    );
}

#[test]
fn xuncha_notice_with_only_progress_fields() {
    let plan = extract("plans/xuncha-progress-only.txt");
    assert_eq!(
        outline(&plan),
        [
            (1, "1".to_string(), Some(StatusValue::Completed)),
            (2, "2".to_string(), Some(StatusValue::InProgress)),
            (3, "3".to_string(), Some(StatusValue::InProgress)),
        ]
    );
    assert!(plan.problems.iter().all(|p| p.measures.len() == 2));
    assert_eq!(plan.problems[1].measures[1].text, "建立监管台账。");
}

#[test]
fn measures_numbered_above_the_problems_stay_measures() {
    // 整改措施：（一）…（二）… under problems 1. 2.: the （一） items are the
    // measures, not group headings that end the problem.
    let plan = extract("plans/numbered-with-paren-measures.md");
    assert_eq!(plan.problems.len(), 2);
    for p in &plan.problems {
        assert_eq!(p.measures.len(), 2, "problem {}", p.seq);
        assert_eq!(p.measures[0].number.as_deref(), Some("（一）"));
    }
    let sections: Vec<&str> = plan.sections.iter().map(|s| s.number.as_str()).collect();
    assert_eq!(sections, ["一", "三"]);
}

#[test]
fn duty_bracket_on_the_line_below_its_task() {
    let plan = extract("plans/duty-brackets-below.txt");
    assert_eq!(plan.problems.len(), 3);
    let p = &plan.problems[0];
    assert_eq!(
        p.description,
        "整治占道经营。对主次干道占道经营开展集中整治。"
    );
    assert_eq!(
        p.units.as_ref().map(|u| u.text.as_str()),
        Some("牵头单位：市城管局；配合单位：市市场监管局")
    );
    assert_eq!(
        p.deadline.as_ref().map(|d| d.text.as_str()),
        Some("2023年6月底前")
    );
    assert_eq!(
        plan.problems[2].units.as_ref().map(|u| u.lead.len()),
        Some(0)
    );
}

#[test]
fn notice_batch_with_every_field_a_section() {
    let plan = extract("plans/notice-batch-sections.md");
    assert_eq!(
        outline(&plan),
        [
            (4, "第4项".to_string(), Some(StatusValue::Closed)),
            (9, "第9项".to_string(), Some(StatusValue::Closed)),
        ]
    );
    let p = &plan.problems[0];
    assert_eq!(
        p.deadline.as_ref().map(|d| d.text.as_str()),
        Some("2022年12月底前")
    );
    assert_eq!(p.target.as_deref(), Some("出水稳定达标。"));
    assert_eq!(p.measures.len(), 2);
}

#[test]
fn audit_table_progress_cells_give_status_and_measures() {
    let plan = extract("plans/audit-table.md");
    assert_eq!(
        outline(&plan),
        [
            (1, "1".to_string(), Some(StatusValue::Completed)),
            (2, "2".to_string(), Some(StatusValue::InProgress)),
        ]
    );
    assert_eq!(plan.problems[0].measures.len(), 2);
    assert_eq!(plan.problems[0].description, "专项资金闲置。");
}

/// Plans in the wordings other offices use, each beside the records it
/// must give (`X.expect.json`): for each problem in order, the fields the
/// expectation names (label, description, units_text, lead and others as
/// the units' texts as written (the
/// normalizer's names are its own tests'), deadline text, status value and text, measure texts); a field it
/// leaves out is not checked, a `null` must be absent. The document's
/// `problems` count, `issued` date and `diagnostics` (codes that must be
/// among its diagnostics) are checked too.
#[test]
fn general_wordings_give_the_expected_records() {
    let dir = fixture("plans/general");
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("plans/general")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".expect.json"))
        .collect();
    entries.sort();
    for expect_path in entries {
        let name = expect_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let stem = name.trim_end_matches(".expect.json");
        let source = ["txt", "md", "html"]
            .iter()
            .map(|ext| format!("plans/general/{stem}.{ext}"))
            .find(|rel| fixture(rel).exists())
            .unwrap_or_else(|| panic!("no source beside {name}"));
        let plan = extract(&source);
        let got = serde_json::to_value(&plan).unwrap();
        let want: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&expect_path).unwrap())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        for code in want["diagnostics"].as_array().into_iter().flatten() {
            assert!(
                plan.diagnostics
                    .iter()
                    .any(|d| Some(d.code.as_str()) == code.as_str()),
                "{source}: no {code} diagnostic"
            );
        }
        if let Some(issued) = want.get("issued") {
            assert_eq!(&got["issued"]["date"], issued, "{source}: issued");
        }
        if let Some(region) = want.get("region") {
            assert_eq!(&got["region"], region, "{source}: region");
        }
        for key in ["title", "checklist_title"] {
            if let Some(v) = want.get(key) {
                assert_eq!(&got[key], v, "{source}: {key}");
            }
        }
        let want_problems = want["problems"].as_array().expect("problems");
        let got_problems = got["problems"].as_array().unwrap();
        assert_eq!(
            got_problems.len(),
            want_problems.len(),
            "{source}: problem count; got {:?}",
            got_problems
                .iter()
                .map(|p| &p["description"])
                .collect::<Vec<_>>()
        );
        for (k, (g, w)) in got_problems.iter().zip(want_problems).enumerate() {
            let at = format!("{source}: problem {}", k + 1);
            let texts = |v: &serde_json::Value| -> serde_json::Value {
                v.as_array()
                    .map(|a| a.iter().map(|u| u["text"].clone()).collect())
                    .unwrap_or_default()
            };
            for (key, value) in w.as_object().expect("problem object") {
                let actual = match key.as_str() {
                    "label" | "description" | "target" | "title" => g[key].clone(),
                    "units_text" => g["units"]["text"].clone(),
                    "lead" => texts(&g["units"]["lead"]),
                    "others" => texts(&g["units"]["others"]),
                    "others_names" => g["units"]["others"]
                        .as_array()
                        .map(|a| a.iter().map(|u| u["name"].clone()).collect())
                        .unwrap_or_default(),
                    "deadline" => g["deadline"]["text"].clone(),
                    "due" => g["deadline"]["due"].clone(),
                    "status" => g["status"]["value"].clone(),
                    "status_text" => g["status"]["text"].clone(),
                    "measures" => g["measures"]
                        .as_array()
                        .map(|a| a.iter().map(|m| m["text"].clone()).collect())
                        .unwrap_or_default(),
                    other => panic!("{at}: unknown expectation {other}"),
                };
                let actual = match (&actual, value) {
                    (serde_json::Value::String(a), serde_json::Value::String(_)) => {
                        serde_json::Value::String(norm(a))
                    }
                    _ => actual,
                };
                let value = match value {
                    serde_json::Value::String(s) => serde_json::Value::String(norm(s)),
                    v => v.clone(),
                };
                assert_eq!(actual, value, "{at}: {key}");
            }
        }
        checked += 1;
    }
    assert!(checked >= 1, "no expectations in plans/general");
}
