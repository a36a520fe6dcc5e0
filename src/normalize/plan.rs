//! Skeleton → [`Plan`]: every field text resolved by the normalizers, ids
//! assigned, and the cross-checks that need resolved values (stated vs
//! found problem count, inspection dates stated twice).

use jiff::civil::Date;

use super::date::{self, DateContext};
use super::person::parse_persons;
use super::unit::{
    UnitContext, UnitDict, UnitMemo, default_units_declaration, is_place, parse_units, province_in,
    region_in,
};
use crate::Options;
use crate::diag::Diagnostic;
use crate::model::{
    Alias, Inspection, Issued, Measure, Plan, Problem, SCHEMA_VERSION, Span, TermKind, Unit,
};
use crate::parse::{Field, RawInspection, RawMeasure, RawProblem, Skeleton};

/// Build the output plan from a parsed skeleton and the issue date the
/// document states (`--date` overrides it).
pub fn build(sk: Skeleton, found: Option<Issued>, opts: &Options) -> Plan {
    let mut diags = sk.diagnostics;
    let issued = opts.date.map(super::issued::given).or(found);
    let issue_date = issued.as_ref().and_then(|i| i.date);
    let dates = DateContext {
        year: opts.year.or(issue_date.map(|d| d.year())).or(sk.year),
        issued: issue_date,
    };
    // The region comes from the document itself (its title or checklist
    // title, the inspection's wording, then the full names it declares);
    // --region only when it names none. Units are resolved under the whole run of places the title
    // writes (上海市普陀区), which settles names two places share.
    let found = [
        sk.title.as_deref(),
        sk.checklist_title.as_deref(),
        sk.inspection.as_ref().and_then(|i| i.body.as_deref()),
    ]
    .into_iter()
    .flatten()
    // The full names the plan declares for its abbreviations name its
    // place too (县整治办 → 平山县城乡环境综合整治工作领导小组办公室).
    .chain(sk.aliases.iter().map(|a| a.full.as_str()))
    .find_map(region_in);
    // Failing those, the issuer the document names: its 红头 header, a
    // portal's source line or its signature (鞍山市立山区人民政府文件).
    let found = found.or_else(|| sk.issuers.iter().find_map(|t| region_in(t)));
    // A region the title's wording suggests counts only when it is a
    // place (魅力文明城市创建行动方案 names none): an invented region would
    // name every 市 unit after it.
    let titled = sk.region.clone().filter(|r| is_place(r));
    let region = titled
        .or_else(|| {
            sk.province_texts
                .iter()
                .find_map(|t| province_in(t))
                .map(str::to_string)
        })
        .or_else(|| found.as_ref().map(|f| f.specific.clone()))
        .or_else(|| opts.region.clone());
    if region.is_none() {
        diags.push(crate::diag!(RegionNotFound));
    }
    let unit_region = match (&found, &region) {
        (Some(f), Some(r)) if f.chain.ends_with(r.as_str()) => Some(f.chain.clone()),
        _ => region.clone(),
    };
    // The document's own abbreviations extend the dictionary for this
    // document only; the (large) shared dictionary is copied only when a
    // declaration says something it does not already know.
    let new_aliases: Vec<&Alias> = sk
        .aliases
        .iter()
        .filter(|a| !already_known(&opts.units, unit_region.as_deref(), a))
        .collect();
    let extended: Option<UnitDict> = (!new_aliases.is_empty()).then(|| {
        let mut d = opts.units.clone();
        for a in &new_aliases {
            d.add_alias(&a.short, &a.full);
        }
        d
    });
    let dict: &UnitDict = extended.as_ref().unwrap_or(&opts.units);
    // Every list of this document is resolved under one region and
    // dictionary: a unit resolved once is looked up after that.
    let memo = UnitMemo::default();
    // A document-level default (以下各项工作均需…落实，不再列出) joins every
    // problem's units.
    // It holds from where it stands: a problem above the declaration is
    // not covered by it.
    let default_from = sk
        .default_units
        .as_ref()
        .and_then(|f| f.span)
        .map_or(0, |s| s.start);
    let defaults: Vec<Unit> = match sk
        .default_units
        .as_ref()
        .and_then(|f| default_units_declaration(&f.text).map(|t| (t, f.span)))
    {
        Some((text, span)) => {
            let ctx = UnitContext {
                region: unit_region.as_deref(),
                dict,
                defaults: &[],
                memo: Some(&memo),
            };
            let mut d = Vec::new();
            let u = parse_units(&text, &ctx, &mut d);
            diags.extend(d.into_iter().map(|x| Diagnostic {
                span: x.span.or(span),
                ..x
            }));
            diags.push(crate::diag!(DefaultUnits; text = text).at(span));
            u.lead.into_iter().chain(u.others).collect()
        }
        None => Vec::new(),
    };
    let units = UnitContext {
        region: unit_region.as_deref(),
        dict,
        defaults: &defaults,
        memo: Some(&memo),
    };
    let plain_units = UnitContext {
        defaults: &[],
        ..units
    };
    let id = document_id(
        region.as_deref(),
        sk.title.as_deref().or(sk.checklist_title.as_deref()),
    );
    let inspection = sk.inspection.map(|i| inspection(i, &dates, &mut diags));
    let problems: Vec<Problem> = sk
        .problems
        .into_iter()
        .map(|p| {
            let before_default = p.span.is_some_and(|s| s.start < default_from);
            let ctx = if before_default { &plain_units } else { &units };
            problem(p, &id, &dates, ctx, &mut diags)
        })
        .collect();
    if let Some(stated) = sk.stated_problem_count
        && stated as usize != problems.len()
    {
        diags.push(crate::diag!(ProblemCountMismatch; stated = stated, found = problems.len()));
    }
    Plan {
        schema_version: SCHEMA_VERSION.to_string(),
        source: Default::default(),
        id,
        title: sk.title,
        region,
        issued,
        inspection,
        stated_problem_count: sk.stated_problem_count,
        checklist_title: sk.checklist_title,
        aliases: sk.aliases,
        sections: sk.sections,
        problems,
        diagnostics: diags,
    }
}

/// Does `dict` already resolve the alias's short form to the same name as
/// its full form?
fn already_known(dict: &UnitDict, region: Option<&str>, a: &Alias) -> bool {
    let ctx = UnitContext {
        region,
        dict,
        defaults: &[],
        memo: None,
    };
    let name = |t: &str| {
        let u = parse_units(t, &ctx, &mut Vec::new());
        match (u.lead.as_slice(), u.others.as_slice()) {
            ([], [one]) | ([one], []) => Some(one.name.clone()),
            _ => None,
        }
    };
    let short = name(&a.short);
    short.is_some() && short == name(&a.full)
}

/// Stable document id: a hash of the normalized region and title, so the
/// same plan read from any format (or re-scanned) gets the same id.
pub fn document_id(region: Option<&str>, title: Option<&str>) -> String {
    let norm = |s: &str| -> String {
        s.chars()
            .filter_map(|c| {
                let c = fold_width(c);
                (c.is_alphanumeric()).then_some(c)
            })
            .collect()
    };
    let key = format!(
        "{}|{}",
        norm(region.unwrap_or("")),
        norm(title.unwrap_or(""))
    );
    let hex = crate::sha256_hex(key.as_bytes());
    format!("zg-{}", &hex[..16])
}

/// Full-width ASCII forms → ASCII.
fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

fn inspection(raw: RawInspection, ctx: &DateContext, diags: &mut Vec<Diagnostic>) -> Inspection {
    let mut out = Inspection {
        body: raw.body,
        ..Inspection::default()
    };
    let mut period: Option<(Date, Date, Option<Span>, String)> = None;
    for f in &raw.period {
        let mut d = Vec::new();
        let terms = date::parse_prose_terms(&f.text, ctx, &mut d);
        let Some(t) = terms.iter().find(|t| t.kind == TermKind::Range) else {
            continue;
        };
        let (Some(s), Some(e)) = (t.start, t.end) else {
            continue;
        };
        match &period {
            None => period = Some((s, e, f.span, t.text.clone())),
            Some((ps, pe, _, ptext)) if (*ps, *pe) != (s, e) => diags.push(
                crate::diag!(InspectionDateConflict; stated = ptext, other = t.text).at(f.span),
            ),
            Some(_) => {}
        }
    }
    if let Some((s, e, _, _)) = period {
        out.start = Some(s);
        out.end = Some(e);
    }
    let mut feedback: Option<(Date, String)> = None;
    for f in &raw.feedback {
        let mut d = Vec::new();
        let terms = date::parse_prose_terms(&f.text, ctx, &mut d);
        let Some((day, text)) = terms
            .iter()
            .find(|t| t.kind == TermKind::Day)
            .and_then(|t| t.end.map(|e| (e, t.text.clone())))
        else {
            continue;
        };
        match &feedback {
            None => feedback = Some((day, text)),
            Some((p, ptext)) if *p != day => diags.push(
                crate::diag!(InspectionDateConflict / "feedback"; stated = ptext, other = text)
                    .at(f.span),
            ),
            Some(_) => {}
        }
    }
    out.feedback_date = feedback.map(|(d, _)| d);
    out
}

/// Run a normalizer, tagging its diagnostics with the problem and span.
fn tagged<T>(
    seq: u32,
    span: Option<Span>,
    diags: &mut Vec<Diagnostic>,
    f: impl FnOnce(&mut Vec<Diagnostic>) -> T,
) -> T {
    let mut local = Vec::new();
    let v = f(&mut local);
    diags.extend(local.into_iter().map(|d| {
        let span = d.span.or(span);
        Diagnostic {
            problem: d.problem.or(Some(seq)),
            span,
            ..d
        }
    }));
    v
}

fn problem(
    p: RawProblem,
    doc_id: &str,
    dates: &DateContext,
    units: &UnitContext,
    diags: &mut Vec<Diagnostic>,
) -> Problem {
    let seq = p.seq;
    let deadline = p
        .deadline
        .map(|f: Field| tagged(seq, f.span, diags, |d| date::deadline(&f.text, dates, d)));
    let units_v = match p.units {
        Some(f) => Some(tagged(seq, f.span, diags, |d| {
            parse_units(&f.text, units, d)
        })),
        // No units written, but the document names defaults for every item.
        None if !units.defaults.is_empty() => Some(parse_units("", units, &mut Vec::new())),
        None => None,
    };
    let persons = |f: Option<Field>, diags: &mut Vec<Diagnostic>| {
        f.map(|f| tagged(seq, f.span, diags, |d| parse_persons(&f.text, d)))
            .unwrap_or_default()
    };
    let leaders = persons(p.leaders, diags);
    let responsible = persons(p.responsible, diags);
    let contacts = persons(p.contacts, diags);
    let measures = p
        .measures
        .into_iter()
        .map(|m| measure(m, seq, dates, units, diags))
        .collect();
    Problem {
        id: format!("{doc_id}-{seq:03}"),
        seq,
        label: p.label,
        title: p.title,
        description: p.description,
        target: p.target,
        deadline,
        units: units_v,
        leaders,
        responsible,
        contacts,
        measures,
        span: p.span,
        status: p.status,
    }
}

fn measure(
    m: RawMeasure,
    seq: u32,
    dates: &DateContext,
    units: &UnitContext,
    diags: &mut Vec<Diagnostic>,
) -> Measure {
    let terms = tagged(seq, m.span, diags, |d| {
        date::parse_prose_terms(&m.text, dates, d)
    });
    let u = m
        .units
        .map(|t| tagged(seq, m.span, diags, |d| parse_units(&t, units, d)));
    Measure {
        number: m.number,
        heading: m.heading,
        text: m.text,
        units: u,
        terms,
        children: m
            .children
            .into_iter()
            .map(|c| measure(c, seq, dates, units, diags))
            .collect(),
        span: m.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_id_ignores_width_and_punctuation() {
        let a = document_id(
            Some("湘潭市"),
            Some("湘潭市落实湖南省环境保护督察反馈问题整改工作方案"),
        );
        let b = document_id(
            Some("湘潭市"),
            Some(" 湘潭市落实湖南省环境保护督察反馈问题整改工作方案。"),
        );
        assert_eq!(a, b);
        assert_ne!(a, document_id(Some("湘潭市"), Some("另一个方案")));
        assert!(a.starts_with("zg-") && a.len() == 19);
    }
}
