//! Roles: lead and other units from labels, marker words and bracketed
//! remarks.

#[allow(unused_imports)]
use super::*;

/// Role a label or marker gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Lead,
    Other,
}

/// How far a marker or remark reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reach {
    /// The unit it is written after.
    One,
    /// Every unit before it in its run (（分别牵头）, A、B牵头).
    Run,
}

/// A bracketed remark after a unit, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Remark<'a> {
    Lead(Reach),
    Other,
    Duty(Reach, &'a str, bool),
    Alias(&'a str),
    Drop,
}

/// Trailing marker words, longest first, with the role they give.
pub(super) const VERBS: &[(&str, Role)] = &[
    ("分别牵头", Role::Lead),
    ("共同牵头", Role::Lead),
    ("联合牵头", Role::Lead),
    ("为牵头单位", Role::Lead),
    ("牵头", Role::Lead),
    ("负责落实", Role::Other),
    ("配合落实", Role::Other),
    ("为配合单位", Role::Other),
    ("为责任单位", Role::Other),
    ("配合", Role::Other),
    ("联合", Role::Other),
    ("参与", Role::Other),
    ("协助", Role::Other),
    ("协办", Role::Other),
    ("落实", Role::Other),
    ("负责", Role::Other),
];

/// How units share a task, written after them (市住建局、市城管局按职责分工
/// 负责): stripped like the marker words, giving no role. Each ends with
/// 工, 责 or 职 (a test checks).
pub(super) const MANNERS: &[&str] = &[
    "按照职责分工",
    "根据职责分工",
    "按职责分工",
    "按各自职责",
    "按照职责",
    "按职责",
    "依职责",
    "各司其职",
];

/// Words a duty remark starts with or contains (a unit alias has none).
pub(super) const DUTY_WORDS: &[&str] = &[
    "负责", "承担", "做好", "组织", "指导", "督促", "含", "包括", "按", "分工", "职责", "抓好",
    "落实", "配合", "协助", "参与", "推进", "开展",
];

pub(super) fn classify_remark<'a>(r: &'a str, region: &Region, dict: &UnitDict) -> Remark<'a> {
    let r = r
        .trim()
        .trim_matches(|c| matches!(c, '，' | '、' | '；' | '。'));
    if r.is_empty() || is_count(r) {
        return Remark::Drop;
    }
    match r {
        "牵头" | "牵头单位" | "主责" | "主办" | "主责单位" | "牵头负责" => {
            return Remark::Lead(Reach::One);
        }
        "分别牵头" | "共同牵头" | "联合牵头" | "各自牵头" | "均为牵头单位" => {
            return Remark::Lead(Reach::Run);
        }
        "配合" | "参与" | "协办" | "协助" | "配合单位" | "责任单位" | "参与单位" =>
        {
            return Remark::Other;
        }
        _ => {}
    }
    for (head, reach) in [("分别牵头", Reach::Run), ("牵头", Reach::One)] {
        if let Some(rest) = r.strip_prefix(head) {
            let duty = rest.trim_start_matches(['，', '、', '：', ':']);
            return Remark::Duty(reach, duty, true);
        }
    }
    let dutyish = has_duty_word(r);
    if !dutyish && char_count(r) <= 30 {
        let res = resolve(r, region, dict);
        if res.known || last_char(r).is_some_and(is_unit_end) {
            return Remark::Alias(r);
        }
    }
    let reach = if ["分别", "各自", "按职责", "分工"]
        .iter()
        .any(|w| r.contains(w))
    {
        Reach::Run
    } else {
        Reach::One
    };
    let lead = r.contains("牵头") && !r.contains("配合");
    Remark::Duty(reach, r, lead)
}

/// Whether `r` contains one of [`DUTY_WORDS`].
pub(super) fn has_duty_word(r: &str) -> bool {
    crate::normalize::contains_word(r, DUTY_WORDS, starts_duty_word)
}

/// The first characters of [`DUTY_WORDS`].
pub(super) fn starts_duty_word(c: char) -> bool {
    matches!(
        c,
        '负' | '承'
            | '做'
            | '组'
            | '指'
            | '督'
            | '含'
            | '包'
            | '按'
            | '分'
            | '职'
            | '抓'
            | '落'
            | '配'
            | '协'
            | '参'
            | '推'
            | '开'
    )
}

/// 3个, 三家, 14个单位 — a count, not a unit.
pub(super) fn is_count(r: &str) -> bool {
    let rest = r.trim_start_matches(is_numeral);
    rest.len() < r.len() && matches!(rest, "个" | "家" | "个单位" | "家单位" | "个部门")
}

/// The role a clause label gives, by the words it holds: 牵头, 主责 or
/// 主办 make it a lead label (牵头单位); else 单位, 部门, 配合, 协办, 参与,
/// 协助 or 责任 a label of other units. Every word is two characters, so
/// the label's character pairs are matched in one pass instead of a
/// substring search per word (a test compares the two).
pub(super) fn label_role(label: &str) -> Option<Role> {
    let mut other = false;
    let mut prev = None;
    // White space inside a label (牵 头 单 位, from PDF converters) is
    // skipped: the pairs are of the visible characters.
    for c in label.chars().filter(|c| !c.is_whitespace()) {
        match (prev, c) {
            (Some('牵'), '头') | (Some('主'), '责' | '办') => return Some(Role::Lead),
            (Some('单'), '位')
            | (Some('部'), '门')
            | (Some('配'), '合')
            | (Some('协'), '办' | '助')
            | (Some('参'), '与')
            | (Some('责'), '任') => other = true,
            _ => {}
        }
        prev = Some(c);
    }
    other.then_some(Role::Other)
}

/// Apply a segment's remarks and marker word to its units (`own`) or to
/// its whole run so far.
pub(super) fn apply_markers<'a>(
    drafts: &mut [Draft<'a>],
    own: std::ops::Range<usize>,
    run_start: usize,
    remarks: &[&'a str],
    verb: Option<Role>,
    region: &Region,
    dict: &UnitDict,
) {
    if own.is_empty() {
        return;
    }
    let whole_run = run_start.min(own.start)..own.end;
    let range = |reach: Reach| match reach {
        Reach::One => own.clone(),
        Reach::Run => whole_run.clone(),
    };
    if verb == Some(Role::Lead) {
        for d in drafts.get_mut(whole_run.clone()).into_iter().flatten() {
            d.lead = true;
        }
    }
    for r in remarks {
        match classify_remark(r, region, dict) {
            Remark::Lead(reach) => {
                for d in drafts.get_mut(range(reach)).into_iter().flatten() {
                    d.lead = true;
                }
            }
            Remark::Duty(reach, duty, lead) => {
                for d in drafts.get_mut(range(reach)).into_iter().flatten() {
                    d.lead |= lead;
                    if d.duty.is_none() && !duty.is_empty() {
                        d.duty = Some(duty);
                    }
                }
            }
            Remark::Alias(a) => {
                if let Some(d) = drafts.get_mut(own.end - 1) {
                    d.alias = Some(a);
                }
            }
            Remark::Other | Remark::Drop => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remarks_give_roles() {
        let dict = UnitDict::builtin();
        let region = Region::new(Some("湘潭市"), &dict);
        assert_eq!(
            classify_remark("牵头", &region, &dict),
            Remark::Lead(Reach::One)
        );
        assert_eq!(
            classify_remark("分别牵头", &region, &dict),
            Remark::Lead(Reach::Run)
        );
        assert_eq!(classify_remark("配合", &region, &dict), Remark::Other);
        assert_eq!(classify_remark("3个", &region, &dict), Remark::Drop);
        assert!(matches!(
            classify_remark("负责河道", &region, &dict),
            Remark::Duty(_, "负责河道", false)
        ));
        assert_eq!(
            classify_remark("省生态环境厅", &region, &dict),
            Remark::Alias("省生态环境厅")
        );
    }

    #[test]
    fn labels_give_roles() {
        assert_eq!(label_role("牵头单位"), Some(Role::Lead));
        assert_eq!(label_role("牵 头 单 位"), Some(Role::Lead));
        assert_eq!(label_role("配合单位"), Some(Role::Other));
        assert_eq!(label_role("责任单位"), Some(Role::Other));
        assert_eq!(label_role("完成时限"), None);
    }

    #[test]
    fn every_verb_ends_as_the_guard_expects() {
        for (v, _) in VERBS {
            assert!(
                v.ends_with(['头', '合', '实', '与', '助', '办', '位', '责']),
                "{v}"
            );
        }
    }
}
