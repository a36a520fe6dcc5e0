//! Parser: [`Doc`] → [`Skeleton`], the plan's structure with every field
//! still as the text written. Format-blind: it sees blocks, never markup.

use crate::diag::Diagnostic;
use crate::model::{Alias, Section, Span, Status};
use crate::read::Doc;

/// A field's value as written, with where it was.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Field {
    pub text: String,
    pub span: Option<Span>,
}

/// A problem before normalization.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawProblem {
    pub seq: u32,
    pub label: String,
    pub title: Option<String>,
    pub description: String,
    pub target: Option<String>,
    pub deadline: Option<Field>,
    pub units: Option<Field>,
    pub leaders: Option<Field>,
    pub responsible: Option<Field>,
    pub contacts: Option<Field>,
    pub measures: Vec<RawMeasure>,
    pub span: Option<Span>,
    pub status: Option<Status>,
}

/// A measure before normalization.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawMeasure {
    pub number: Option<String>,
    pub heading: Option<String>,
    pub text: String,
    /// （责任单位：…） written inside the measure.
    pub units: Option<String>,
    pub children: Vec<RawMeasure>,
    pub span: Option<Span>,
}

/// Inspection facts as the text states them (dates still as text).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawInspection {
    pub body: Option<String>,
    /// The sentence(s) giving the inspection period, e.g. 2018年7月26日至8月14日.
    pub period: Vec<Field>,
    pub feedback: Option<Field>,
}

/// The plan's structure with field texts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Skeleton {
    pub title: Option<String>,
    pub region: Option<String>,
    pub inspection: Option<RawInspection>,
    pub stated_problem_count: Option<u32>,
    pub checklist_title: Option<String>,
    pub aliases: Vec<Alias>,
    pub sections: Vec<Section>,
    /// A document-level default unit list (以下各项工作均需…落实，不再列出).
    pub default_units: Option<Field>,
    pub problems: Vec<RawProblem>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse a document into its skeleton.
pub fn parse(doc: &Doc) -> Skeleton {
    Skeleton {
        diagnostics: doc.diagnostics.clone(),
        ..Skeleton::default()
    }
}
