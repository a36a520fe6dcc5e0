//! The whole pipeline never panics: arbitrary text, and the seed plan cut
//! and shuffled, always give a plan or an error.

mod common;

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,400}") {
        let _ = zhenggai::extract(s.as_bytes(), "x.md", &zhenggai::Options::new());
    }

    #[test]
    fn plan_like_fragments_never_panic(parts in prop::collection::vec(prop::sample::select(vec![
        "**反馈问题一：**问题。", "整改时限：2018年底", "责任单位：市环保局（牵头）", "牵头领导：张三李四",
        "整改措施：", "1、措施。", "（1）子项。", "## 一、分组", "| 序号 | 反馈问题 | 整改时限 |", "|---|---|---|",
        "| 1 | 问题 | 立行立改 |", "~~删~~", "（一）关于“某”问题的整改", "一是甲；二是乙。", "", "附件：清单",
        // Shapes: fields in one paragraph, 【】 labels, key-value tables,
        // enumerated measures, dates with festivals and vague periods.
        "1. 问题：甲。责任单位：乙；整改时限：2019年春节前。整改措施：（1）丙；（2）丁。",
        "【整改时限】2019年汛期前", "| 整改时限 | 2019年第三、四季度 |", "| 责任单位 | 市环保局 |",
        "整改措施：一是甲；二是乙；", "三是丙。", "牵头单位：市环保局 责任单位：各区县",
    ]), 0..40)) {
        let text = parts.join("\n\n");
        let plan = zhenggai::extract(text.as_bytes(), "x.md", &zhenggai::Options::new());
        if let Ok(p) = plan {
            for pr in &p.problems {
                prop_assert!(pr.seq >= 1);
                prop_assert!(pr.id.starts_with(&p.id));
            }
        }
    }
}

#[test]
fn truncated_seed_prefixes_never_panic() {
    let seed = std::fs::read(common::fixture("xiangtan-2018.md")).expect("seed");
    let opts = zhenggai::Options::new();
    for cut in (0..seed.len()).step_by(997) {
        let _ = zhenggai::extract(&seed[..cut], "cut.md", &opts);
    }
}
