//! Field labels of the labelled checklist (整改时限：…) and their synonyms.
//! The same table names the columns of checklist tables, and the ledger
//! reader builds its header names on it ([`column_names`]), so a synonym
//! learned from one plan serves plans, tables and ledgers alike.
//!
//! It sits beside the pipeline, not in `parse/`, because the OCR reader
//! also repairs misread labels against it (率头领导 → 牵头领导), and a
//! reader must not import the stage after it.

use std::sync::LazyLock;

/// Which field a label or column header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// 序号 (tables only)
    Seq,
    /// 反馈问题 / 存在问题 / 问题
    Problem,
    Target,
    Deadline,
    /// 责任单位 (all units, lead marked inside)
    Units,
    /// 牵头单位: the units are leads
    LeadUnits,
    /// 配合单位 / 协办单位: the units are others
    OtherUnits,
    Leaders,
    Responsible,
    Contacts,
    Measures,
    Status,
}

impl FieldKind {
    /// The field's usual label, for fields rebuilt as `label：value` text
    /// (key-value table cells, per-row unit cells).
    pub fn label(self) -> &'static str {
        match self {
            FieldKind::Seq => "序号",
            FieldKind::Problem => "反馈问题",
            FieldKind::Target => "整改目标",
            FieldKind::Deadline => "整改时限",
            FieldKind::Units => "责任单位",
            FieldKind::LeadUnits => "牵头单位",
            FieldKind::OtherUnits => "配合单位",
            FieldKind::Leaders => "牵头领导",
            FieldKind::Responsible => "责任人",
            FieldKind::Contacts => "联络人",
            FieldKind::Measures => "整改措施",
            FieldKind::Status => "整改进展",
        }
    }
}

/// Label synonyms. A synonym that starts another one comes after it
/// (反馈问题内容 before 反馈问题): the first that fits wins.
const LABELS: &[(&str, FieldKind)] = &[
    // The commonest labels first in each first-character group (the
    // parser tries a group in order); a label that starts a longer one
    // still comes after it.
    ("整改时限", FieldKind::Deadline),
    ("整改目标任务", FieldKind::Target),
    ("整改目标", FieldKind::Target),
    ("整改措施", FieldKind::Measures),
    ("责任单位", FieldKind::Units),
    ("责任人员", FieldKind::Responsible),
    ("联络人员", FieldKind::Contacts),
    ("牵头领导", FieldKind::Leaders),
    ("反馈问题内容", FieldKind::Problem),
    ("反馈问题", FieldKind::Problem),
    ("牵头单位", FieldKind::LeadUnits),
    ("配合单位", FieldKind::OtherUnits),
    ("责任人", FieldKind::Responsible),
    ("整改责任部门", FieldKind::Units),
    ("主体责任单位", FieldKind::Units),
    ("整改完成期限", FieldKind::Deadline),
    ("整改责任单位", FieldKind::Units),
    ("问题整改责任单位", FieldKind::Units),
    ("问题整改责任部门", FieldKind::Units),
    ("整改责任科室", FieldKind::Units),
    ("整改实施主体", FieldKind::Units),
    ("牵头验收单位", FieldKind::LeadUnits),
    ("配合验收单位", FieldKind::OtherUnits),
    ("审计查出问题", FieldKind::Problem),
    ("牵头责任单位", FieldKind::LeadUnits),
    ("整改完成情况", FieldKind::Status),
    ("整改进展情况", FieldKind::Status),
    ("整改落实情况", FieldKind::Status),
    ("整改完成时限", FieldKind::Deadline),
    ("主要整改措施", FieldKind::Measures),
    ("具体整改措施", FieldKind::Measures),
    ("存在问题", FieldKind::Problem),
    // Notice (公示) wordings: the same fields under other names, as
    // `X：` labels and as 一、X section headings alike.
    ("整改问题", FieldKind::Problem),
    ("整改任务", FieldKind::Problem),
    ("督察指出", FieldKind::Problem),
    ("责任主体", FieldKind::Units),
    ("目标任务", FieldKind::Target),
    ("重点措施", FieldKind::Measures),
    ("问题描述", FieldKind::Problem),
    ("问题表现", FieldKind::Problem),
    ("问题内容", FieldKind::Problem),
    ("主要问题", FieldKind::Problem),
    ("完成时限", FieldKind::Deadline),
    ("完成时间", FieldKind::Deadline),
    ("整改期限", FieldKind::Deadline),
    ("整改时间", FieldKind::Deadline),
    ("完成期限", FieldKind::Deadline),
    ("办结时限", FieldKind::Deadline),
    ("责任科室", FieldKind::Units),
    ("责任股室", FieldKind::Units),
    ("责任部门", FieldKind::Units),
    ("牵头部门", FieldKind::LeadUnits),
    ("配合部门", FieldKind::OtherUnits),
    ("协办单位", FieldKind::OtherUnits),
    ("参与单位", FieldKind::OtherUnits),
    ("责任领导", FieldKind::Leaders),
    ("分管领导", FieldKind::Leaders),
    ("督办领导", FieldKind::Leaders),
    ("包保领导", FieldKind::Leaders),
    ("联系领导", FieldKind::Leaders),
    ("整改责任人", FieldKind::Responsible),
    ("直接责任人", FieldKind::Responsible),
    ("第一责任人", FieldKind::Responsible),
    ("具体责任人", FieldKind::Responsible),
    ("联络员", FieldKind::Contacts),
    ("联络人", FieldKind::Contacts),
    ("联系人", FieldKind::Contacts),
    ("主要措施", FieldKind::Measures),
    ("工作措施", FieldKind::Measures),
    ("具体措施", FieldKind::Measures),
    ("整改进展", FieldKind::Status),
    ("整改结果", FieldKind::Status),
    ("整改成效", FieldKind::Status),
    ("完成情况", FieldKind::Status),
    ("进展情况", FieldKind::Status),
    ("整改情况", FieldKind::Status),
    ("整改进度", FieldKind::Status),
    ("时限", FieldKind::Deadline),
    ("序号", FieldKind::Seq),
    ("编号", FieldKind::Seq),
    ("问题序号", FieldKind::Seq),
    ("问题编号", FieldKind::Seq),
    // After every 问题… label it would hide.
    ("问题", FieldKind::Problem),
];

/// Column names too short or too general for a `label：` in prose, taken
/// only as a whole table header cell (see [`exact_column`]).
const SHORT_COLUMNS: &[(&str, FieldKind)] = &[
    ("反馈意见", FieldKind::Problem),
    ("督察反馈问题", FieldKind::Problem),
    ("问题清单", FieldKind::Problem),
    ("措施", FieldKind::Measures),
    ("目标", FieldKind::Target),
    ("领导", FieldKind::Leaders),
];

/// Every name a column of a checklist or ledger may carry for a field:
/// the labels, then the short column names.
pub fn column_names() -> impl Iterator<Item = (&'static str, FieldKind)> {
    LABELS.iter().chain(SHORT_COLUMNS).copied()
}

/// Labels sharing a first character, in table order.
type LabelGroup = (char, Vec<(&'static str, FieldKind)>);

/// [`LABELS`] grouped by first character, table order kept in each group,
/// and a mask with bit `c % 64` set for each first character `c`.
static BY_FIRST: LazyLock<(Vec<LabelGroup>, u64)> = LazyLock::new(|| {
    let mut groups: Vec<LabelGroup> = Vec::new();
    for &(name, kind) in LABELS {
        let Some(c) = name.chars().next() else {
            continue;
        };
        match groups.iter_mut().find(|(g, _)| *g == c) {
            Some((_, v)) => v.push((name, kind)),
            None => groups.push((c, vec![(name, kind)])),
        }
    }
    let mask = groups.iter().fold(0, |m, (c, _)| m | first_bit(*c));
    (groups, mask)
});

/// The bit of [`BY_FIRST`]'s mask a first character sets.
fn first_bit(c: char) -> u64 {
    1 << (u32::from(c) % 64)
}

/// A field label at the start of a block: 整改时限：2018年底.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label<'a> {
    pub kind: FieldKind,
    /// The label as written (without the colon).
    pub name: &'a str,
    /// The value after the colon, possibly empty (value on the lines below).
    pub value: &'a str,
}

/// Recognize a `label：value` block: optional white space and a 一、
/// numeral, a synonym from [`LABELS`] (the first in table order that fits),
/// white space, a colon. Hand-written: it runs on every block.
pub fn field_label(text: &str) -> Option<Label<'_>> {
    let mut first = text.chars().next()?;
    let mut rest = text;
    // Blocks rarely start with white space: trimmed only when one does.
    if first.is_whitespace() {
        rest = text.trim_start();
        first = rest.chars().next()?;
    }
    if crate::text::is_cn_digit(first) {
        let numeral = rest.trim_start_matches(crate::text::is_cn_digit);
        if let Some(r) = numeral.strip_prefix('、') {
            rest = r;
            first = rest.chars().next()?;
        }
    }
    // 【整改时限】2018年底: the brackets stand for the colon (one may
    // follow them too).
    let bracketed = first == '【';
    if bracketed {
        rest = rest[first.len_utf8()..].trim_start();
        first = rest.chars().next()?;
    }
    // Most blocks are sentences: one look at the first character (a bit
    // of the mask, then the group) spares them the walk over the table.
    let (groups, mask) = &*BY_FIRST;
    if mask & first_bit(first) == 0 {
        return None;
    }
    let (_, candidates) = groups.iter().find(|(c, _)| *c == first)?;
    candidates.iter().find_map(|&(name, kind)| {
        let after = rest.strip_prefix(name)?;
        let after = if bracketed {
            let value = after.trim_start().strip_prefix('】')?.trim_start();
            value.strip_prefix(['：', ':']).unwrap_or(value)
        } else {
            // The colon mostly follows the label directly.
            match after.strip_prefix(['：', ':']) {
                Some(value) => value,
                None => after.trim_start().strip_prefix(['：', ':'])?,
            }
        };
        Some(Label {
            kind,
            name: &rest[..name.len()],
            value: crate::text::trim(after),
        })
    })
}

/// The field a table header cell names (序号, 反馈问题, 整改时限 …). Header
/// cells wrap and may hold spaces (序 号, 牵头领\n导).
pub fn column_kind(header: &str) -> Option<FieldKind> {
    let h = squeeze(header);
    if let Some(k) = exact_column(&h) {
        return Some(k);
    }
    // Longest synonym contained in the header: 整改时限（完成时间） etc.
    LABELS
        .iter()
        .filter(|(n, _)| n.chars().count() >= 3 && h.contains(n))
        .max_by_key(|(n, _)| n.len())
        .map(|&(_, k)| k)
}

/// The field a table header names by its words, for headers that are no
/// synonym (工作任务, 民生实事, 负责部门, 协助单位, 时间进度, 落实情况):
/// 时限/期限/时间/进度安排 → deadline; 单位/部门 → units (牵头 → lead,
/// 协助/配合/协办/参与 → others); 情况/进展/落实 → status;
/// 任务/事项/内容/问题/实事/工作 → problem. Tried in that order, so
/// 完成时间 is a deadline and 事项进展情况 a status. Only a fallback: a
/// header [`column_kind`] knows is never read by its words.
pub fn column_family(header: &str) -> Option<FieldKind> {
    let h = squeeze(header);
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if h.chars().count() > 12 {
        return None;
    }
    if has(&["时限", "期限", "时间", "进度安排"]) {
        Some(FieldKind::Deadline)
    } else if has(&["单位", "部门"]) {
        Some(if has(&["牵头", "主责", "主办"]) {
            FieldKind::LeadUnits
        } else if has(&["协助", "配合", "协办", "参与"]) {
            FieldKind::OtherUnits
        } else {
            FieldKind::Units
        })
    } else if has(&["情况", "进展", "落实"]) {
        Some(FieldKind::Status)
    } else if has(&["任务", "事项", "内容", "问题", "实事", "工作"]) {
        Some(FieldKind::Problem)
    } else {
        None
    }
}

/// A header cell whose whole text is a field's name (序 号, 整改时限：),
/// with no note around it: what a key-value table's label cell holds.
pub fn exact_header(header: &str) -> Option<FieldKind> {
    exact_column(&squeeze(header))
}

/// A header cell's text without white space, colons and required-field
/// stars.
fn squeeze(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '：' | ':' | '*'))
        .collect()
}

/// A column name written exactly as a synonym or a short form (问题,
/// 措施), nothing around it.
pub fn exact_column(name: &str) -> Option<FieldKind> {
    column_names().find(|(n, _)| *n == name).map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;
    use std::sync::LazyLock;

    /// The regex `field_label` was first written with, as an oracle.
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        let names: Vec<&str> = LABELS.iter().map(|(n, _)| *n).collect();
        Regex::new(&format!(
            r"^\s*(?:[一二三四五六七八九十]+、)?(?:({0})\s*[：:]|【\s*({0})\s*】\s*[：:]?)\s*",
            names.join("|")
        ))
        .unwrap()
    });

    fn field_label_by_regex(text: &str) -> Option<(FieldKind, &str, &str)> {
        let c = LABEL.captures(text)?;
        let name = c.get(1).or_else(|| c.get(2))?.as_str();
        let kind = exact_column(name)?;
        Some((kind, name, text.get(c.get(0)?.end()..)?.trim()))
    }

    proptest::proptest! {
        #[test]
        fn scanner_agrees_with_the_regex(
            pre in "[ 　一三、【]{0,3}",
            label in proptest::sample::select(LABELS.iter().map(|l| l.0).chain(["问题", "时", ""]).collect::<Vec<_>>()),
            tail in "[ 　：:】序号问题x]{0,5}",
        ) {
            let s = format!("{pre}{label}{tail}");
            let got = field_label(&s).map(|l| (l.kind, l.name, l.value));
            proptest::prop_assert_eq!(got, field_label_by_regex(&s));
        }
    }

    #[test]
    fn labels_with_either_colon() {
        let l = field_label("整改时限：2018年底").unwrap();
        assert_eq!((l.kind, l.value), (FieldKind::Deadline, "2018年底"));
        let l = field_label("牵头领导:彭子玉").unwrap();
        assert_eq!((l.kind, l.value), (FieldKind::Leaders, "彭子玉"));
        let l = field_label("整改措施：").unwrap();
        assert_eq!((l.kind, l.value), (FieldKind::Measures, ""));
        assert_eq!(
            field_label("联络员：张三").unwrap().kind,
            FieldKind::Contacts
        );
        assert!(field_label("整改时限").is_none());
        let l = field_label("【整改时限】2019年6月底前").unwrap();
        assert_eq!(
            (l.kind, l.name, l.value),
            (FieldKind::Deadline, "整改时限", "2019年6月底前")
        );
        let l = field_label("【 责任单位 】：区城管局").unwrap();
        assert_eq!((l.kind, l.value), (FieldKind::Units, "区城管局"));
        assert!(field_label("【整改时限2019年】").is_none());
        assert!(field_label("各牵头单位要切实履行").is_none());
    }

    /// A notice's fields under every name offices give them, as labels
    /// and as 一、X section headings (field_label takes the numeral).
    #[test]
    fn notice_field_synonyms() {
        let table = [
            ("整改问题", FieldKind::Problem),
            ("整改任务", FieldKind::Problem),
            ("问题描述", FieldKind::Problem),
            ("存在问题", FieldKind::Problem),
            ("反馈问题", FieldKind::Problem),
            ("整改责任单位", FieldKind::Units),
            ("问题整改责任单位", FieldKind::Units),
            ("问题整改责任部门", FieldKind::Units),
            ("整改实施主体", FieldKind::Units),
            ("责任主体", FieldKind::Units),
            ("责任单位", FieldKind::Units),
            ("目标任务", FieldKind::Target),
            ("整改目标", FieldKind::Target),
            ("重点措施", FieldKind::Measures),
            ("整改措施", FieldKind::Measures),
            ("完成时限", FieldKind::Deadline),
            ("整改时限", FieldKind::Deadline),
            ("整改完成情况", FieldKind::Status),
            ("完成情况", FieldKind::Status),
            ("整改情况", FieldKind::Status),
        ];
        for (name, kind) in table {
            assert_eq!(
                field_label(&format!("{name}：x")).map(|l| l.kind),
                Some(kind),
                "{name}："
            );
            assert_eq!(
                field_label(&format!("三、{name}：")).map(|l| l.kind),
                Some(kind),
                "三、{name}"
            );
        }
    }

    #[test]
    fn column_families() {
        for (header, kind) in [
            ("工作任务", Some(FieldKind::Problem)),
            ("民生实事", Some(FieldKind::Problem)),
            ("重点工作", Some(FieldKind::Problem)),
            ("项目内容", Some(FieldKind::Problem)),
            ("负责部门", Some(FieldKind::Units)),
            ("责任单位或牵头单位", Some(FieldKind::LeadUnits)),
            ("协助 单位", Some(FieldKind::OtherUnits)),
            ("时间进度", Some(FieldKind::Deadline)),
            ("完成 期限", Some(FieldKind::Deadline)),
            ("落实情况", Some(FieldKind::Status)),
            ("事项进展情况", Some(FieldKind::Status)),
            ("备注", None),
            ("类别", None),
        ] {
            assert_eq!(column_family(header), kind, "{header}");
        }
    }

    #[test]
    fn column_headers() {
        assert_eq!(column_kind("序\n号"), Some(FieldKind::Seq));
        assert_eq!(column_kind("牵头领\n导"), Some(FieldKind::Leaders));
        assert_eq!(column_kind("责任人员"), Some(FieldKind::Responsible));
        assert_eq!(
            column_kind("整改时限（完成时间）"),
            Some(FieldKind::Deadline)
        );
        assert_eq!(column_kind("备注"), None);
        assert_eq!(column_kind("责任部门"), Some(FieldKind::Units));
        assert_eq!(column_kind("牵头部门"), Some(FieldKind::LeadUnits));
        assert_eq!(column_kind("问题"), Some(FieldKind::Problem));
    }

    /// field_label takes the first synonym that fits: one that starts a
    /// later one would hide it.
    #[test]
    fn no_label_hides_a_later_one() {
        for (i, (a, _)) in LABELS.iter().enumerate() {
            for (b, _) in &LABELS[i + 1..] {
                assert!(!b.starts_with(a), "{a} hides {b}");
            }
        }
        let names: Vec<&str> = column_names().map(|(n, _)| n).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "a name is listed twice");
    }
}
