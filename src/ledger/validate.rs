//! Matching ledger rows to the plan's problems and comparing them field by
//! field after normalization, so only real differences become findings:
//! 2018年底 = 2018-12-31 = 2018.12.31, 市环保局 = 湘潭市环境保护局,
//! 罗伟杨真平 = 罗伟、杨真平.
//!
//! The plan side is already normalized (its terms, unit names and person
//! names are in the [`Plan`]); only ledger cells go through the
//! normalizers here.

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::read::{Col, Header, Ledger, a1};
use super::{Code, Finding, ValidateOptions};
use crate::model::{Measure, Plan, Problem, Qualifier, Span, Term, TermKind, Units};
use crate::normalize::date::{self, DateContext};
use crate::normalize::person::parse_persons;
use crate::normalize::unit::{UnitContext, UnitDict, parse_units};
use crate::write::clean_text;

/// Below this similarity two texts are reported as different. High, so
/// abbreviations and retyped punctuation pass but a changed clause does not.
const TEXT_SIMILARITY: f64 = 0.9;
/// A row without a usable number is matched to the most similar problem
/// description at or above this similarity.
const MATCH_SIMILARITY: f64 = 0.5;
/// A ledger text this long (in letters) that starts the plan's text is an
/// abbreviation, not a difference.
const MIN_PREFIX_CHARS: usize = 8;

/// What validation found and how much of the ledger it covered.
pub(crate) struct Outcome {
    pub findings: Vec<Finding>,
    /// Data rows read below the header.
    pub rows: usize,
    /// Plan problems with at least one ledger row.
    pub matched: usize,
}

/// Everything comparisons need besides the row at hand.
struct Ctx<'a> {
    ledger: &'a Ledger,
    header: &'a Header,
    plan: &'a Plan,
    dates: DateContext,
    dict: UnitDict,
    as_of: Option<Date>,
    /// The plan's problem texts prepared for similarity, in plan order,
    /// computed when first needed (most rows match by number and text).
    texts: Vec<OnceCell<ProblemText>>,
    /// Problem seq → index in the plan.
    by_seq: HashMap<u32, usize>,
    /// Normalizer results by cell text: ledgers repeat the same units,
    /// people and deadlines on many rows (every measure row of a problem,
    /// 市环保局 on half the problems), and the normalizers are the cost.
    memo: Memo,
    findings: Vec<Finding>,
}

/// See [`Ctx::memo`].
#[derive(Default)]
struct Memo {
    units: HashMap<String, Units>,
    persons: HashMap<String, Vec<String>>,
    terms: HashMap<String, Vec<Term>>,
}

/// One ledger cell taking part in a comparison.
#[derive(Clone, Copy)]
struct At<'a> {
    row: usize,
    col: usize,
    text: &'a str,
    date: Option<Date>,
}

/// Validate `ledger` (whose header is `header`) against `plan`.
pub(crate) fn validate(
    plan: &Plan,
    ledger: &Ledger,
    header: &Header,
    opts: &ValidateOptions,
) -> Outcome {
    let mut dict = opts.units.clone();
    for a in &plan.aliases {
        dict.add_alias(&a.short, &a.full);
    }
    let mut ctx = Ctx {
        ledger,
        header,
        plan,
        dates: DateContext {
            year: opts.year.or_else(|| plan_year(plan)),
            issued: plan.issued.as_ref().and_then(|i| i.date),
        },
        dict,
        as_of: opts.as_of,
        texts: plan.problems.iter().map(|_| OnceCell::new()).collect(),
        by_seq: plan
            .problems
            .iter()
            .enumerate()
            .rev()
            .map(|(i, p)| (p.seq, i))
            .collect(),
        memo: Memo::default(),
        findings: Vec::new(),
    };
    let rows = data_rows(&ctx);
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); plan.problems.len()];
    for (row, problem) in match_rows(&mut ctx, &rows) {
        if let Some(g) = groups.get_mut(problem) {
            g.push(row);
        }
    }
    let mut matched = 0;
    for ((i, problem), group) in plan.problems.iter().enumerate().zip(groups) {
        if group.is_empty() {
            ctx.missing(problem);
            continue;
        }
        matched += 1;
        let group = ctx.drop_duplicates(problem, &group);
        ctx.compare(i, problem, &group);
    }
    Outcome {
        findings: ctx.findings,
        rows: rows.len(),
        matched,
    }
}

/// The plan's own year, for ledger dates written without one (年底前).
fn plan_year(plan: &Plan) -> Option<i16> {
    if let Some(d) = plan
        .inspection
        .as_ref()
        .and_then(|i| i.feedback_date.or(i.end).or(i.start))
    {
        return Some(d.year());
    }
    plan.problems
        .iter()
        .filter_map(|p| p.deadline.as_ref()?.due)
        .map(|d| d.year())
        .min()
}

/// Rows below the header that hold data: not blank, not a banner (one
/// merged note such as 填报单位：… spread over the row).
fn data_rows(ctx: &Ctx) -> Vec<usize> {
    let mut out = Vec::new();
    for r in ctx.header.row + 1..ctx.ledger.rows.len() {
        let texts: Vec<&str> = ctx
            .header
            .cols
            .iter()
            .map(|(_, c)| ctx.ledger.text(r, *c))
            .filter(|t| !t.is_empty())
            .collect();
        let Some(first) = texts.first() else { continue };
        let banner = texts.len() >= 3 && texts.iter().all(|t| t == first);
        if !banner {
            out.push(r);
        }
    }
    out
}

/// Assign every data row to a problem (by number, else by description);
/// rows with neither continue the row above. Unmatched rows are reported.
fn match_rows(ctx: &mut Ctx, rows: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // None: no row yet; Some(None): the row above was an extra row.
    let mut prev: Option<Option<usize>> = None;
    for &r in rows {
        let seq = ctx.at(r, Col::Seq);
        let desc = ctx.at(r, Col::Problem);
        let seq_text = seq.map_or("", |a| a.text);
        let desc_text = desc.map_or("", |a| a.text);
        // A row whose number and description are blank or merged from the
        // row above belongs to the same problem (one row per measure).
        let inherited =
            |a: Option<At>| a.is_none_or(|a| a.text.is_empty() || ctx.covered(a.row, a.col));
        let continuation = prev.is_some() && inherited(seq) && inherited(desc);
        let matched = if continuation {
            prev.flatten()
        } else {
            let by_number = parse_seq(seq_text).and_then(|n| ctx.by_seq.get(&n).copied());
            by_number.or_else(|| best_match(ctx, desc_text))
        };
        match matched {
            Some(p) => out.push((r, p)),
            None if continuation => {}
            None => ctx.extra_row(r, seq, desc),
        }
        prev = Some(matched);
    }
    out
}

/// A problem's texts prepared for similarity.
struct ProblemText {
    description: String,
    title: String,
}

impl ProblemText {
    fn new(p: &Problem) -> ProblemText {
        ProblemText {
            description: norm(&p.description),
            title: p.title.as_deref().map(norm).unwrap_or_default(),
        }
    }

    /// How well a ledger description matches: the full description, the
    /// title alone, or a long enough opening of the description all count.
    fn similarity(&self, ledger: &str) -> f64 {
        if ledger.is_empty() {
            return 0.0;
        }
        if ledger.chars().count() >= MIN_PREFIX_CHARS && self.description.starts_with(ledger) {
            return 1.0;
        }
        let d = dice(ledger, &self.description);
        if self.title.is_empty() {
            d
        } else {
            d.max(dice(ledger, &self.title))
        }
    }
}

fn best_match(ctx: &Ctx, text: &str) -> Option<usize> {
    let n = norm(text);
    if n.is_empty() {
        return None;
    }
    (0..ctx.plan.problems.len())
        .filter_map(|i| Some((i, ctx.problem_text(i)?.similarity(&n))))
        .filter(|(_, s)| *s >= MATCH_SIMILARITY)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

/// A problem number as clerks write it: 1, 1.0, 一, （一）, 问题一,
/// 反馈问题一, 第1项, 1-2 (problem 1, measure 2), ① …
pub fn parse_seq(text: &str) -> Option<u32> {
    static SEQ: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:反馈问题|问题|第)?[（(]?([0-9０-９]+|[一二三四五六七八九十百〇零两]+)[）)]?(?:$|[、.．。:：\-—_）)\s项个条]|[^0-9０-９])",
        )
        .expect("static regex")
    });
    let t = text.trim();
    if let Some(n) = circled(t) {
        return Some(n);
    }
    let caps = SEQ.captures(t)?;
    let num = caps.get(1)?.as_str();
    chinese_number(num)
}

/// ① … ⑳.
fn circled(t: &str) -> Option<u32> {
    let c = t.chars().next()?;
    matches!(c, '①'..='⑳').then(|| c as u32 - '①' as u32 + 1)
}

/// 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, １２ → 12 — the parser's
/// numeral reading; a row number is never 0.
pub fn chinese_number(s: &str) -> Option<u32> {
    crate::parse::number_value(s).filter(|&n| n > 0)
}

impl<'a> Ctx<'a> {
    /// The cell of column `col` in row `r`, if the ledger has that column.
    fn at(&self, r: usize, col: Col) -> Option<At<'a>> {
        let c = self.header.col(col)?;
        let ledger: &'a Ledger = self.ledger;
        let cell = ledger.cell(r, c);
        Some(At {
            row: r,
            col: c,
            text: cell.map_or("", |x| x.text.as_str()),
            date: cell.and_then(|x| x.date),
        })
    }

    /// Problem `i`'s texts prepared for similarity.
    fn problem_text(&self, i: usize) -> Option<&ProblemText> {
        let p = self.plan.problems.get(i)?;
        Some(self.texts.get(i)?.get_or_init(|| ProblemText::new(p)))
    }

    fn covered(&self, r: usize, c: usize) -> bool {
        self.ledger.cell(r, c).is_some_and(|x| x.covered)
    }

    /// The cells of `col` over a problem's rows worth comparing: each
    /// non-empty cell that is not a merged copy; if there is none, the
    /// first row's (empty) cell, so an empty value is compared once.
    fn cells(&self, group: &[usize], col: Col) -> Vec<At<'a>> {
        let all: Vec<At<'a>> = group.iter().filter_map(|&r| self.at(r, col)).collect();
        let filled: Vec<At<'a>> = all
            .iter()
            .filter(|a| !a.text.is_empty() && !self.covered(a.row, a.col))
            .copied()
            .collect();
        if filled.is_empty() {
            all.into_iter().take(1).collect()
        } else {
            filled
        }
    }

    fn push(
        &mut self,
        code: Code,
        problem: Option<&Problem>,
        at: Option<At>,
        plan_value: Option<String>,
        message: String,
    ) {
        self.findings.push(Finding {
            code,
            severity: code.severity(),
            problem: problem.map(|p| p.seq),
            sheet: self.ledger.sheet.clone(),
            cell: at.map(|a| a1(a.row, a.col)),
            ledger_value: at.map(|a| a.text.to_string()),
            plan_value,
            message,
            span: problem.and_then(|p| p.span),
            row: at.map(|a| a.row),
            col: at.map(|a| a.col),
        });
    }

    fn missing(&mut self, p: &Problem) {
        let label = problem_label(p);
        self.push(
            Code::MissingProblem,
            Some(p),
            None,
            Some(label.clone()),
            crate::message!(MissingProblem; label = label),
        );
    }

    fn extra_row(&mut self, r: usize, seq: Option<At>, desc: Option<At>) {
        let at = seq.filter(|a| !a.text.is_empty()).or(desc).or_else(|| {
            self.header.cols.first().map(|(_, c)| At {
                row: r,
                col: *c,
                text: self.ledger.text(r, *c),
                date: None,
            })
        });
        let message = match seq.filter(|a| !a.text.is_empty()) {
            Some(s) if parse_seq(s.text).is_none() => crate::message!(
                ExtraRow / "not-a-number";
                row = r + 1,
                seq = format!("{:?}", s.text)
            ),
            Some(s) => crate::message!(ExtraRow / "no-such-problem"; row = r + 1, seq = s.text),
            None => crate::message!(ExtraRow; row = r + 1),
        };
        self.push(Code::ExtraRow, None, at, None, message);
    }

    /// Report and drop rows that repeat an earlier row of the same problem
    /// (same measure text, or the same values throughout).
    fn drop_duplicates(&mut self, p: &Problem, group: &[usize]) -> Vec<usize> {
        if group.len() < 2 {
            return group.to_vec();
        }
        let mut kept = Vec::new();
        let mut measures: Vec<String> = Vec::new();
        let mut signatures: Vec<String> = Vec::new();
        for &r in group {
            // Exact repeats only (white space aside): a retyped row with other
            // wording is compared, not dropped.
            let signature: String = self
                .header
                .cols
                .iter()
                .map(|(_, c)| squash(self.ledger.text(r, *c)))
                .collect::<Vec<_>>()
                .join("\u{1f}");
            let measure = self
                .at(r, Col::Measures)
                .filter(|a| !self.covered(a.row, a.col))
                .map(|a| squash(a.text))
                .filter(|m| !m.is_empty());
            let first_of = measure
                .as_ref()
                .and_then(|m| measures.iter().position(|x| x == m))
                .or_else(|| signatures.iter().position(|s| *s == signature));
            if let Some(i) = first_of {
                let earlier = kept.get(i).copied().unwrap_or(r);
                let at = self.at(r, Col::Seq).or_else(|| self.at(r, Col::Problem));
                self.push(
                    Code::DuplicateRow,
                    Some(p),
                    at,
                    None,
                    crate::message!(
                        DuplicateRow;
                        row = r + 1,
                        earlier = earlier + 1,
                        label = problem_label(p)
                    ),
                );
                continue;
            }
            kept.push(r);
            measures.push(measure.unwrap_or_default());
            signatures.push(signature);
        }
        kept
    }

    /// Compare every column the ledger has with the plan's problem.
    fn compare(&mut self, index: usize, p: &Problem, group: &[usize]) {
        self.compare_description(index, p, group);
        self.compare_target(p, group);
        self.compare_deadline(p, group);
        self.compare_due(p, group);
        self.compare_units(p, group);
        for (col, people) in [
            (Col::Leaders, &p.leaders),
            (Col::Responsible, &p.responsible),
            (Col::Contacts, &p.contacts),
        ] {
            let names: BTreeSet<String> = people
                .iter()
                .map(|x| squash(&x.name))
                .filter(|n| !n.is_empty())
                .collect();
            self.compare_people(p, group, col, &names);
        }
        self.compare_measures(p, group);
        self.compare_status(p, group);
    }

    fn compare_description(&mut self, index: usize, p: &Problem, group: &[usize]) {
        for at in self.cells(group, Col::Problem) {
            if at.text == p.description {
                continue;
            }
            let n = norm(at.text);
            let s = self.problem_text(index).map_or(0.0, |t| t.similarity(&n));
            if s < TEXT_SIMILARITY {
                self.push(
                    Code::TextDiffers,
                    Some(p),
                    Some(at),
                    Some(clean_text(&p.description)),
                    crate::message!(
                        TextDiffers;
                        label = problem_label(p),
                        similarity = format!("{s:.2}")
                    ),
                );
            }
        }
    }

    fn compare_target(&mut self, p: &Problem, group: &[usize]) {
        let cells = self.cells(group, Col::Target);
        if cells.iter().all(|a| {
            Some(a.text) == p.target.as_deref() || (a.text.is_empty() && p.target.is_none())
        }) {
            return;
        }
        let plan = p.target.as_deref().map(norm).unwrap_or_default();
        for at in cells {
            if Some(at.text) == p.target.as_deref() {
                continue;
            }
            let n = norm(at.text);
            let same = if plan.is_empty() || n.is_empty() {
                plan.is_empty() && n.is_empty()
            } else {
                dice(&n, &plan) >= TEXT_SIMILARITY
                    || (n.chars().count() >= MIN_PREFIX_CHARS && plan.starts_with(&n))
            };
            if !same {
                self.push(
                    Code::TextDiffers,
                    Some(p),
                    Some(at),
                    p.target.as_deref().map(clean_text),
                    crate::message!(TextDiffers / "target"; label = problem_label(p)),
                );
            }
        }
    }

    fn compare_deadline(&mut self, p: &Problem, group: &[usize]) {
        let plan_terms: &[Term] = p.deadline.as_ref().map_or(&[], |d| &d.terms);
        let plan_keys = term_keys(plan_terms);
        let plan_due = p.deadline.as_ref().and_then(|d| d.due);
        let plan_text = p.deadline.as_ref().map(|d| clean_text(&d.text));
        for at in self.cells(group, Col::Deadline) {
            if at.text.is_empty() {
                if !plan_keys.is_empty() {
                    self.push(
                        Code::DeadlineDiffers,
                        Some(p),
                        Some(at),
                        plan_text.clone(),
                        crate::message!(
                            DeadlineDiffers / "empty";
                            label = problem_label(p),
                            plan = plan_text.clone().unwrap_or_default()
                        ),
                    );
                }
                continue;
            }
            let Some(terms) = self.ledger_terms(at) else {
                self.push(
                    Code::UnparseableValue,
                    Some(p),
                    Some(at),
                    plan_text.clone(),
                    crate::message!(
                        UnparseableValue;
                        label = problem_label(p),
                        text = format!("{:?}", at.text)
                    ),
                );
                continue;
            };
            let due = date::due(&terms);
            if term_keys(&terms) != plan_keys || due != plan_due {
                self.push(
                    Code::DeadlineDiffers,
                    Some(p),
                    Some(at),
                    plan_text.clone(),
                    crate::message!(
                        DeadlineDiffers;
                        label = problem_label(p),
                        text = at.text,
                        due = show_date(due),
                        plan = plan_text.clone().unwrap_or_default(),
                        plan_due = show_date(plan_due)
                    ),
                );
            }
        }
    }

    /// The terms of a deadline cell: a date cell is one day; text goes
    /// through the date normalizer. `None` when nothing could be read.
    fn ledger_terms(&mut self, at: At) -> Option<Vec<Term>> {
        if let Some(d) = at.date {
            let mut t = Term::new(at.text, TermKind::Day);
            t.end = Some(d);
            return Some(vec![t]);
        }
        let dates = self.dates;
        let terms = self
            .memo
            .terms
            .entry(at.text.to_string())
            .or_insert_with(|| date::parse_terms(at.text, &dates, &mut Vec::new()));
        (!terms.is_empty()).then(|| terms.clone())
    }

    fn compare_due(&mut self, p: &Problem, group: &[usize]) {
        let plan_due = p.deadline.as_ref().and_then(|d| d.due);
        for at in self.cells(group, Col::Due) {
            if at.text.is_empty() {
                if plan_due.is_some() {
                    self.push(
                        Code::DeadlineDiffers,
                        Some(p),
                        Some(at),
                        plan_due.map(|d| d.to_string()),
                        crate::message!(
                            DeadlineDiffers / "due-empty";
                            label = problem_label(p),
                            plan_due = show_date(plan_due)
                        ),
                    );
                }
                continue;
            }
            let Some(terms) = self.ledger_terms(at) else {
                self.push(
                    Code::UnparseableValue,
                    Some(p),
                    Some(at),
                    plan_due.map(|d| d.to_string()),
                    crate::message!(
                        UnparseableValue / "due";
                        label = problem_label(p),
                        text = format!("{:?}", at.text)
                    ),
                );
                continue;
            };
            let due = date::due(&terms);
            if due != plan_due {
                self.push(
                    Code::DeadlineDiffers,
                    Some(p),
                    Some(at),
                    plan_due.map(|d| d.to_string()),
                    crate::message!(
                        DeadlineDiffers / "due";
                        label = problem_label(p),
                        due = show_date(due),
                        plan_due = show_date(plan_due)
                    ),
                );
            }
        }
    }

    /// Parse one units cell; report it when it names no unit at all.
    fn ledger_units(&mut self, p: &Problem, at: At) -> Option<Units> {
        if at.text.is_empty() {
            return Some(Units::default());
        }
        let units = match self.memo.units.get(at.text) {
            Some(u) => u.clone(),
            None => {
                let ctx = UnitContext {
                    region: self.plan.region.as_deref(),
                    dict: &self.dict,
                    defaults: &[],
                    memo: None,
                };
                let u = parse_units(at.text, &ctx, &mut Vec::new());
                self.memo.units.insert(at.text.to_string(), u.clone());
                u
            }
        };
        if units.lead.is_empty() && units.others.is_empty() {
            self.push(
                Code::UnparseableValue,
                Some(p),
                Some(at),
                p.units.as_ref().map(|u| clean_text(&u.text)),
                crate::message!(
                    UnparseableValue / "units";
                    label = problem_label(p),
                    text = format!("{:?}", at.text)
                ),
            );
            return None;
        }
        Some(units)
    }

    fn compare_units(&mut self, p: &Problem, group: &[usize]) {
        let lead_cells = self.cells(group, Col::Lead);
        let other_cells = self.cells(group, Col::Others);
        let unit_cells = self.cells(group, Col::Units);
        if lead_cells.is_empty() && other_cells.is_empty() && unit_cells.is_empty() {
            return;
        }
        let mut lead = BTreeSet::new();
        let mut others = BTreeSet::new();
        let mut explicit_lead = !lead_cells.is_empty();
        for at in &lead_cells {
            let Some(u) = self.ledger_units(p, *at) else {
                return;
            };
            if u.lead.is_empty() {
                lead.extend(u.others.iter().map(|x| squash(&x.name)));
            } else {
                lead.extend(u.lead.iter().map(|x| squash(&x.name)));
                others.extend(u.others.iter().map(|x| squash(&x.name)));
            }
        }
        for at in &other_cells {
            let Some(u) = self.ledger_units(p, *at) else {
                return;
            };
            others.extend(u.lead.iter().chain(&u.others).map(|x| squash(&x.name)));
        }
        for at in &unit_cells {
            let Some(u) = self.ledger_units(p, *at) else {
                return;
            };
            explicit_lead |= !u.lead.is_empty();
            lead.extend(u.lead.iter().map(|x| squash(&x.name)));
            others.extend(u.others.iter().map(|x| squash(&x.name)));
        }
        let (plan_lead, plan_others): (BTreeSet<String>, BTreeSet<String>) = match &p.units {
            Some(u) => (
                u.lead.iter().map(|x| squash(&x.name)).collect(),
                u.others.iter().map(|x| squash(&x.name)).collect(),
            ),
            None => Default::default(),
        };
        let plan_all: BTreeSet<String> = plan_lead.union(&plan_others).cloned().collect();
        let mut allowed = plan_all.clone();
        collect_measure_units(&p.measures, &mut allowed);
        let ledger_all: BTreeSet<String> = lead.union(&others).cloned().collect();

        let lead_at = lead_cells.first().or(unit_cells.first()).copied();
        let others_at = other_cells
            .first()
            .or(unit_cells.first())
            .or(lead_cells.first())
            .copied();
        if explicit_lead && lead != plan_lead {
            self.push(
                Code::LeadUnitDiffers,
                Some(p),
                lead_at,
                Some(join(&plan_lead)),
                crate::message!(
                    LeadUnitDiffers;
                    label = problem_label(p),
                    ledger = show_set(&lead),
                    plan = show_set(&plan_lead)
                ),
            );
        }
        // A ledger with only a 牵头单位 column does not track other units.
        if other_cells.is_empty() && unit_cells.is_empty() {
            return;
        }
        let required = if explicit_lead {
            &plan_others
        } else {
            &plan_all
        };
        let missing: BTreeSet<String> = required.difference(&ledger_all).cloned().collect();
        if !missing.is_empty() {
            self.push(
                Code::UnitMissing,
                Some(p),
                others_at,
                Some(join(&missing)),
                crate::message!(UnitMissing; label = problem_label(p), units = show_set(&missing)),
            );
        }
        let candidates = if explicit_lead { &others } else { &ledger_all };
        let extra: BTreeSet<String> = candidates.difference(&allowed).cloned().collect();
        if !extra.is_empty() {
            self.push(
                Code::UnitExtra,
                Some(p),
                others_at,
                None,
                crate::message!(UnitExtra; label = problem_label(p), units = show_set(&extra)),
            );
        }
    }

    fn compare_people(&mut self, p: &Problem, group: &[usize], col: Col, plan: &BTreeSet<String>) {
        let cells = self.cells(group, col);
        let Some(first) = cells.first().copied() else {
            return;
        };
        let mut names = BTreeSet::new();
        for at in &cells {
            if at.text.is_empty() {
                continue;
            }
            let people = self
                .memo
                .persons
                .entry(at.text.to_string())
                .or_insert_with(|| {
                    parse_persons(at.text, &mut Vec::new())
                        .iter()
                        .map(|x| squash(&x.name))
                        .filter(|n| !n.is_empty())
                        .collect()
                })
                .clone();
            if people.is_empty() {
                self.push(
                    Code::UnparseableValue,
                    Some(p),
                    Some(*at),
                    Some(join(plan)),
                    crate::message!(
                        UnparseableValue / "people";
                        label = problem_label(p),
                        column = col.label(),
                        text = format!("{:?}", at.text)
                    ),
                );
                return;
            }
            names.extend(people);
        }
        if &names != plan {
            self.push(
                Code::PersonDiffers,
                Some(p),
                Some(first),
                Some(join(plan)),
                crate::message!(
                    PersonDiffers;
                    label = problem_label(p),
                    column = col.label(),
                    ledger = show_set(&names),
                    plan = show_set(plan)
                ),
            );
        }
    }

    fn compare_measures(&mut self, p: &Problem, group: &[usize]) {
        if self.header.col(Col::Measures).is_none() {
            return;
        }
        let mut items: Vec<(At, String)> = Vec::new();
        let mut first: Option<At> = None;
        for &r in group {
            let Some(at) = self.at(r, Col::Measures) else {
                continue;
            };
            first.get_or_insert(at);
            if at.text.is_empty() || self.covered(at.row, at.col) {
                continue;
            }
            items.extend(split_items(at.text).into_iter().map(|t| (at, t)));
        }
        let plan: Vec<&Measure> = p.measures.iter().collect();
        let first = items.first().map(|(a, _)| *a).or(first);
        if items.len() != plan.len() {
            self.push(
                Code::MeasureCountDiffers,
                Some(p),
                first,
                Some(plan.len().to_string()),
                crate::message!(
                    MeasureCountDiffers;
                    label = problem_label(p),
                    ledger = items.len(),
                    plan = plan.len()
                ),
            );
            return;
        }
        // Pair in order; report once per cell, naming the measures.
        let mut differing: Vec<(At, Vec<usize>, Option<Span>)> = Vec::new();
        for (i, ((at, text), m)) in items.iter().zip(&plan).enumerate() {
            let expected = crate::write::format_measures(std::slice::from_ref(*m));
            let same = *text == expected || similar(text, &expected);
            if same {
                continue;
            }
            match differing
                .iter_mut()
                .find(|(a, _, _)| (a.row, a.col) == (at.row, at.col))
            {
                Some((_, idx, _)) => idx.push(i + 1),
                None => differing.push((*at, vec![i + 1], m.span)),
            }
        }
        for (at, idx, span) in differing {
            let list: Vec<String> = idx.iter().map(usize::to_string).collect();
            let plan_value = idx
                .iter()
                .filter_map(|i| plan.get(i - 1))
                .map(|m| crate::write::format_measures(std::slice::from_ref(*m)))
                .collect::<Vec<_>>()
                .join("\n");
            let before = self.findings.len();
            self.push(
                Code::TextDiffers,
                Some(p),
                Some(at),
                Some(plan_value),
                crate::message!(
                    TextDiffers / "measures";
                    label = problem_label(p),
                    items = list.join(", ")
                ),
            );
            if let (Some(f), Some(s)) = (self.findings.get_mut(before), span) {
                f.span = Some(s);
            }
        }
    }

    fn compare_status(&mut self, p: &Problem, group: &[usize]) {
        let (Some(as_of), Some(due)) = (self.as_of, p.deadline.as_ref().and_then(|d| d.due)) else {
            return;
        };
        for at in self.cells(group, Col::Status) {
            let message = match classify_status(at.text) {
                Some(true) if due > as_of => crate::message!(
                    StatusInconsistent;
                    label = problem_label(p),
                    status = at.text,
                    due = due,
                    as_of = as_of
                ),
                Some(false) if due < as_of => crate::message!(
                    StatusInconsistent / "overdue";
                    label = problem_label(p),
                    status = at.text,
                    due = due,
                    as_of = as_of
                ),
                _ => continue,
            };
            self.push(
                Code::StatusInconsistent,
                Some(p),
                Some(at),
                Some(due.to_string()),
                message,
            );
        }
    }
}

/// `Some(true)` for a completion claim (已完成, 已销号), `Some(false)` for
/// work in progress (正在推进, 未完成), `None` for anything else.
fn classify_status(text: &str) -> Option<bool> {
    let t = squash(text);
    if t.is_empty() {
        return None;
    }
    let open = [
        "未完成",
        "正在",
        "推进中",
        "进行中",
        "序时推进",
        "尚未",
        "未整改",
        "基本完成",
        "整改中",
    ];
    if open.iter().any(|w| t.contains(w)) {
        return Some(false);
    }
    let done = [
        "已完成",
        "已销号",
        "完成整改",
        "已整改",
        "已办结",
        "整改完成",
        "已经完成",
    ];
    if done.iter().any(|w| t.contains(w)) || t == "完成" {
        return Some(true);
    }
    None
}

fn collect_measure_units(measures: &[Measure], out: &mut BTreeSet<String>) {
    for m in measures {
        if let Some(u) = &m.units {
            out.extend(u.lead.iter().chain(&u.others).map(|x| squash(&x.name)));
        }
        collect_measure_units(&m.children, out);
    }
}

/// How a term is compared: dated terms by their dates only (2018年底 and
/// 2018年12月31日 are the same deadline), others by what they are.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum TermKey {
    Dated(Option<Date>, Date),
    Undated(String),
}

fn term_keys(terms: &[Term]) -> BTreeSet<TermKey> {
    terms
        .iter()
        .filter(|t| t.qualifier != Some(Qualifier::AsOf))
        .map(|t| match t.end {
            Some(end) => TermKey::Dated(t.start, end),
            None => TermKey::Undated(match &t.duration {
                Some(d) => format!("{:?}:{}:{:?}", t.kind, d.amount, d.unit),
                None => format!("{:?}", t.kind),
            }),
        })
        .collect()
}

/// Split a measures cell into its top-level items: lines opened by the
/// numbering style of the first numbered line (1. / （1） / 一、 / ①), other
/// lines continuing the item above; a single line numbered inline
/// (1.…；2.…) is split at its numbers; unnumbered lines are one item each.
pub fn split_items(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let styles: Vec<Option<Style>> = lines.iter().map(|l| marker_style(l)).collect();
    let Some(top) = styles.iter().flatten().next().copied() else {
        return match lines.as_slice() {
            [one] => split_inline(one),
            _ => lines.iter().map(|l| l.to_string()).collect(),
        };
    };
    let mut items: Vec<String> = Vec::new();
    for (line, style) in lines.iter().zip(&styles) {
        match items.last_mut() {
            Some(last) if *style != Some(top) => {
                last.push('\n');
                last.push_str(line);
            }
            _ => items.push(line.to_string()),
        }
    }
    if let [only] = items.as_slice()
        && !only.contains('\n')
    {
        return split_inline(only);
    }
    items
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Arabic,
    ParenArabic,
    Chinese,
    ParenChinese,
    Circled,
}

fn marker_style(line: &str) -> Option<Style> {
    static MARKERS: LazyLock<[(Regex, Style); 5]> = LazyLock::new(|| {
        let r = |p: &str| Regex::new(p).expect("static regex");
        [
            (
                r(r"^[0-9０-９]{1,3}(?:[、．]|\.[^0-9]|\.$|[)）])"),
                Style::Arabic,
            ),
            (r(r"^[（(][0-9０-９]{1,3}[）)]"), Style::ParenArabic),
            (r(r"^[一二三四五六七八九十]{1,3}[、．.]"), Style::Chinese),
            (
                r(r"^[（(][一二三四五六七八九十]{1,3}[）)]"),
                Style::ParenChinese,
            ),
            (r(r"^[①-⑳]"), Style::Circled),
        ]
    });
    MARKERS
        .iter()
        .find(|(re, _)| re.is_match(line))
        .map(|(_, s)| *s)
}

/// `1.甲；2.乙；3.丙` → three items, when the numbers run 1, 2, 3 …
fn split_inline(line: &str) -> Vec<String> {
    static INLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[；;。，,\s])([0-9]{1,2})[、.．]").expect("static regex")
    });
    let mut starts = Vec::new();
    let mut expect = 1u32;
    for caps in INLINE.captures_iter(line) {
        let (Some(num), Some(all)) = (caps.get(1), caps.get(0)) else {
            continue;
        };
        if num.as_str().parse::<u32>().ok() == Some(expect) {
            let start = if all.start() == 0 { 0 } else { num.start() };
            starts.push(start);
            expect += 1;
        }
    }
    if starts.len() < 2 {
        return vec![line.to_string()];
    }
    let mut out = Vec::new();
    for (i, &s) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(line.len());
        if let Some(part) = line.get(s..end) {
            out.push(part.trim().to_string());
        }
    }
    out
}

/// Text for similarity: struck text dropped, item numbers at line starts
/// dropped, only letters and digits kept (full-width folded, lower case),
/// so punctuation and spacing never count as a difference. Hot: every
/// compared cell goes through it, so CJK ideographs take a fast path.
pub fn norm(s: &str) -> String {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:[0-9０-９]{1,3}(?:[、．.)）]|\.)|[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、．.]|[①-⑳])")
            .expect("static regex")
    });
    let cleaned = if s.contains("~~") {
        std::borrow::Cow::Owned(clean_text(s))
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    let mut out = String::with_capacity(cleaned.len());
    for line in cleaned.lines() {
        let body = LEAD
            .find(line)
            .map_or(line, |m| line.get(m.end()..).unwrap_or(""));
        for c in body.chars() {
            push_folded(&mut out, c);
        }
    }
    out
}

/// Append `c` if it is a letter or digit, folded (full-width → ASCII,
/// lower case).
fn push_folded(out: &mut String, c: char) {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    };
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    } else if matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF) {
        out.push(c);
    } else if c.is_alphanumeric() {
        out.extend(c.to_lowercase());
    }
}

/// Two texts the same after [`norm`], or close enough.
fn similar(a: &str, b: &str) -> bool {
    dice(&norm(a), &norm(b)) >= TEXT_SIMILARITY
}

/// White space removed (刘 华 = 刘华).
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Sørensen–Dice coefficient over character bigrams (1.0 = same text).
pub fn dice(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(p), Some(q)) = (x.get(i), y.get(j)) {
        match p.cmp(q) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

fn bigrams(s: &str) -> Vec<u64> {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<u64> = chars
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(((*a as u64) << 32) | *b as u64),
            _ => None,
        })
        .collect();
    if out.is_empty()
        && let Some(c) = chars.first()
    {
        out.push(*c as u64);
    }
    out.sort_unstable();
    out
}

fn problem_label(p: &Problem) -> String {
    if p.label.trim().is_empty() {
        crate::tr!("ledger-problem", seq = p.seq)
    } else {
        p.label.clone()
    }
}

fn join(set: &BTreeSet<String>) -> String {
    set.iter().cloned().collect::<Vec<_>>().join("、")
}

fn show_set(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        crate::tr!("ledger-none")
    } else {
        join(set)
    }
}

fn show_date(d: Option<Date>) -> String {
    d.map_or_else(|| crate::tr!("ledger-no-date"), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_numbers_in_every_spelling() {
        let cases = [
            ("1", Some(1)),
            ("12", Some(12)),
            ("一", Some(1)),
            ("（一）", Some(1)),
            ("(3)", Some(3)),
            ("问题一", Some(1)),
            ("反馈问题十二", Some(12)),
            ("第二十项", Some(20)),
            ("1-2", Some(1)),
            ("３", Some(3)),
            ("②", Some(2)),
            ("一、生态文明", Some(1)),
            ("", None),
            ("合计", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_seq(text), want, "{text}");
        }
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("二十一"), Some(21));
        assert_eq!(chinese_number("一百零五"), Some(105));
        assert_eq!(chinese_number("零"), None);
        assert!(
            chinese_number(&"九百".repeat(10_000)).is_some(),
            "no overflow"
        );
    }

    #[test]
    fn measure_items_follow_the_top_numbering() {
        assert_eq!(split_items("1. 甲\n2. 乙\n（1）乙的子项\n3. 丙").len(), 3);
        assert_eq!(split_items("一、甲\n1. 子\n2. 子\n二、乙\n1. 子").len(), 2);
        assert_eq!(split_items("甲\n乙").len(), 2);
        assert_eq!(split_items("1.建立台账；2.全面整改；3.验收").len(), 3);
        assert_eq!(split_items("完成1.5万吨").len(), 1);
        assert_eq!(split_items("").len(), 0);
    }

    #[test]
    fn similarity_ignores_punctuation_and_numbers() {
        assert_eq!(norm("1. 加强　监管，（一）"), "加强监管一");
        assert!((dice("加强监管", "加强监管") - 1.0).abs() < 1e-9);
        assert!(dice("加强生态环境监管", "加强生态环境保护") > 0.5);
        assert!(dice("甲乙丙", "丁戊己") < 0.1);
    }

    #[test]
    fn status_words() {
        assert_eq!(classify_status("已完成"), Some(true));
        assert_eq!(classify_status("已销号"), Some(true));
        assert_eq!(classify_status("正在推进"), Some(false));
        assert_eq!(classify_status("基本完成"), Some(false));
        assert_eq!(classify_status("见附件"), None);
    }
}
