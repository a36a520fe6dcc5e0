//! The output records. These serde types *are* `schemas/plan.schema.json`:
//! every field here has a property there, and a test validates the JSON we
//! emit against that schema.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use crate::diag::{Diagnostic, Level};

/// The schema version written into every document.
pub const SCHEMA_VERSION: &str = "1";

/// One extracted plan: the whole output of `zhenggai extract` for one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub schema_version: String,
    pub source: Source,
    /// Stable document id, from the normalized region + title.
    #[serde(default)]
    pub id: String,
    pub title: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    /// The plan's issue date, against which relative deadlines resolve.
    #[serde(default)]
    pub issued: Option<Issued>,
    #[serde(default)]
    pub inspection: Option<Inspection>,
    #[serde(default)]
    pub stated_problem_count: Option<u32>,
    #[serde(default)]
    pub checklist_title: Option<String>,
    #[serde(default)]
    pub aliases: Vec<Alias>,
    #[serde(default)]
    pub sections: Vec<Section>,
    pub problems: Vec<Problem>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The plan's issue date (落款 / 印发 / 成文 date, or the date of the 通知 or
/// 公示 that carries it), and where it was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issued {
    pub date: Option<Date>,
    /// The date as written (2018年10月29日); `None` when given as an option.
    pub text: Option<String>,
    pub from: IssuedFrom,
    /// Where the date stands in the source; `None` when given as an option.
    pub span: Option<Span>,
}

/// Where an issue date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IssuedFrom {
    /// The date line under the plan's signature (落款).
    Signature,
    /// A labelled line: 印发日期：… / 成文日期：….
    IssueLine,
    /// The date under the signature of the 通知 that issues the plan.
    Notice,
    /// A publication date (发布时间：… on a portal page).
    Publication,
    /// `--date`.
    Option,
}

/// Where the plan came from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub path: String,
    pub format: Format,
    #[serde(default)]
    pub encoding: Option<String>,
    pub sha256: String,
    pub bytes: u64,
    #[serde(default)]
    pub pages: Option<u32>,
}

/// Input formats the readers understand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Markdown,
    Text,
    Pdf,
    Docx,
    Html,
    Xlsx,
    Csv,
    /// A page image (PNG, JPEG, TIFF) read by OCR.
    Image,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Image => "image",
        }
    }
}

/// The inspection the plan answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    pub body: Option<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub feedback_date: Option<Date>,
}

/// An abbreviation the document declares (…，以下简称市环督办).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alias {
    pub short: String,
    pub full: String,
    #[serde(default)]
    pub span: Option<Span>,
}

/// A numbered body section outside the checklist (一、工作目标).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub number: String,
    pub title: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub span: Option<Span>,
}

/// Where a value came from.
///
/// `line` is 1-based in the text form of the source (for PDF: the line on
/// the page); `start`/`end` are byte offsets into the decoded source text
/// (for PDF and DOCX: into the reader's text rendering of the document).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub line: u32,
    #[serde(default)]
    pub page: Option<u32>,
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The smallest span covering both (page and line of the first).
    pub fn to(self, other: Span) -> Span {
        Span {
            line: self.line,
            page: self.page,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// One problem (反馈问题) with everything the plan says about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub id: String,
    pub seq: u32,
    pub label: String,
    #[serde(default)]
    pub title: Option<String>,
    pub description: String,
    #[serde(default)]
    pub target: Option<String>,
    pub deadline: Option<Deadline>,
    pub units: Option<Units>,
    pub leaders: Vec<Person>,
    pub responsible: Vec<Person>,
    pub contacts: Vec<Person>,
    pub measures: Vec<Measure>,
    #[serde(default)]
    pub span: Option<Span>,
    #[serde(default)]
    pub status: Option<Status>,
}

/// Progress written in the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Status {
    pub text: String,
    pub value: Option<StatusValue>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusValue {
    Completed,
    MostlyCompleted,
    InProgress,
    OnSchedule,
    Behind,
    Closed,
}

/// 整改时限: the text as written and its normalized terms.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    pub text: String,
    pub terms: Vec<Term>,
    /// Latest concrete end date among the terms.
    pub due: Option<Date>,
}

/// One normalized time expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    pub text: String,
    pub kind: TermKind,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub qualifier: Option<Qualifier>,
    #[serde(default)]
    pub applies_to: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub year_inferred: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Duration>,
}

impl Term {
    /// A term of `kind` with no dates, qualifier or part.
    pub fn new(text: impl Into<String>, kind: TermKind) -> Term {
        Term {
            text: text.into(),
            kind,
            start: None,
            end: None,
            qualifier: None,
            applies_to: None,
            year_inferred: false,
            duration: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    Day,
    Month,
    Quarter,
    HalfYear,
    Year,
    Range,
    Duration,
    Immediate,
    Ongoing,
    Recurring,
    Completed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Before,
    EndOf,
    By,
    Within,
    AsOf,
    From,
}

/// Amount and unit of a `duration` term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duration {
    pub amount: f64,
    pub unit: DurationUnit,
    pub anchor: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    Hour,
    Day,
    WorkingDay,
    Week,
    Month,
    Year,
}

/// 责任单位: the text as written, split into lead and other units.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Units {
    pub text: String,
    pub lead: Vec<Unit>,
    pub others: Vec<Unit>,
}

/// One responsible unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// As written, e.g. 市环保局.
    pub text: String,
    /// Canonical full name, e.g. 湘潭市环境保护局.
    pub name: String,
    #[serde(default)]
    pub collective: bool,
    #[serde(default)]
    pub duty: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
}

/// A leader, responsible person or contact.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// One 整改措施 item, possibly with children.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub number: Option<String>,
    #[serde(default)]
    pub heading: Option<String>,
    pub text: String,
    #[serde(default)]
    pub units: Option<Units>,
    #[serde(default)]
    pub terms: Vec<Term>,
    pub children: Vec<Measure>,
    #[serde(default)]
    pub span: Option<Span>,
}
