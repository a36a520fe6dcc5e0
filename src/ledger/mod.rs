//! Ledger (台账) validation: offices type the plan's checklist into Excel
//! by hand and must show it matches the issued plan. This module reads the
//! ledger ([`read`]), matches its rows to the plan's problems and compares
//! them after normalization ([`validate`]), and renders the findings as
//! text, JSON or an annotated copy of the ledger ([`report`]).
//!
//! Every finding names the ledger cell the way Excel does (sheet + A1), the
//! ledger's value, the plan's value and where the plan says it, so a clerk
//! can fix the cell and a reviewer can open the plan at the right place.

pub mod read;
pub mod report;
pub mod validate;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::diag::{Error, Level, Result};
use crate::model::{Plan, Span};
use crate::normalize::unit::UnitDict;

pub use read::{Ledger, read_ledger};

/// What kind of discrepancy a finding is. Stable kebab-case codes:
/// trackers and scripts key on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// A problem of the plan has no row in the ledger.
    MissingProblem,
    /// A row matches no problem of the plan.
    ExtraRow,
    /// A row repeats an earlier row of the same problem.
    DuplicateRow,
    /// 整改时限 or 完成日期 differs (due date or the set of terms).
    DeadlineDiffers,
    /// The lead unit set differs.
    LeadUnitDiffers,
    /// A unit the plan names is not in the ledger.
    UnitMissing,
    /// The ledger names a unit the plan does not.
    UnitExtra,
    /// Leaders, responsible people or contacts differ (as name sets).
    PersonDiffers,
    /// The ledger lists a different number of measures.
    MeasureCountDiffers,
    /// 反馈问题, 整改目标 or a measure's text differs.
    TextDiffers,
    /// A cell could not be read as the value its column holds.
    UnparseableValue,
    /// The progress column contradicts the deadline as of `--as-of`.
    StatusInconsistent,
}

impl Code {
    /// The code in the table of every code ([`crate::diag::codes`]),
    /// where its identifier, level and meaning are defined.
    pub fn code(self) -> crate::diag::Code {
        use crate::diag::Code as D;
        match self {
            Code::MissingProblem => D::MissingProblem,
            Code::ExtraRow => D::ExtraRow,
            Code::DuplicateRow => D::DuplicateRow,
            Code::DeadlineDiffers => D::DeadlineDiffers,
            Code::LeadUnitDiffers => D::LeadUnitDiffers,
            Code::UnitMissing => D::UnitMissing,
            Code::UnitExtra => D::UnitExtra,
            Code::PersonDiffers => D::PersonDiffers,
            Code::MeasureCountDiffers => D::MeasureCountDiffers,
            Code::TextDiffers => D::TextDiffers,
            Code::UnparseableValue => D::UnparseableValue,
            Code::StatusInconsistent => D::StatusInconsistent,
        }
    }

    /// The stable code as written in reports.
    pub fn as_str(self) -> &'static str {
        self.code().as_str()
    }

    /// Errors change what is owed and by when (problems, deadlines,
    /// units); warnings are wording, people and bookkeeping.
    pub fn severity(self) -> Level {
        self.code().level()
    }
}

/// One discrepancy between the ledger and the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Level,
    /// The plan problem's seq, when the finding concerns one.
    pub problem: Option<u32>,
    /// The ledger sheet, as Excel names it.
    pub sheet: String,
    /// The ledger cell in A1 notation, when the finding has one.
    pub cell: Option<String>,
    pub ledger_value: Option<String>,
    pub plan_value: Option<String>,
    pub message: String,
    /// Where the plan states the value.
    pub span: Option<Span>,
    /// 0-based row and column of `cell` (for annotating the ledger).
    #[serde(skip)]
    pub row: Option<usize>,
    #[serde(skip)]
    pub col: Option<usize>,
}

/// The result of validating one ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The plan's title.
    #[serde(default)]
    pub plan: Option<String>,
    /// The ledger sheet validated.
    #[serde(default)]
    pub sheet: String,
    /// 1-based row of the ledger's (last) header row.
    #[serde(default)]
    pub header_row: Option<usize>,
    pub findings: Vec<Finding>,
    /// Data rows read below the header.
    pub rows: usize,
    /// Plan problems with at least one ledger row.
    pub matched: usize,
    /// Problems in the plan.
    #[serde(default)]
    pub problems: usize,
    /// The ledger as read, for the annotated XLSX copy.
    #[serde(skip)]
    pub ledger: Option<Ledger>,
    /// The plan's error-level diagnostics (no checklist found…): the
    /// ledger was checked against a plan that is not a usable result.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plan_errors: Vec<crate::Diagnostic>,
}

impl Report {
    /// 0 when the ledger matches the plan, 1 when there are findings or
    /// the plan carries an error-level diagnostic.
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.findings.is_empty() || !self.plan_errors.is_empty())
    }
}

/// Everything that changes how a ledger is validated.
#[derive(Debug, Clone, Default)]
pub struct ValidateOptions {
    /// The XLSX sheet to read (the first one otherwise).
    pub sheet: Option<String>,
    /// The date progress is judged against (status-inconsistent); without
    /// it progress is not judged.
    pub as_of: Option<Date>,
    /// Year for ledger dates written without one, when the plan's own
    /// dates do not give it.
    pub year: Option<i16>,
    /// Unit dictionary for ledger cells (the plan's declared aliases are
    /// added to it).
    pub units: UnitDict,
}

impl ValidateOptions {
    /// Options with the shipped unit dictionary.
    pub fn new() -> ValidateOptions {
        ValidateOptions {
            units: UnitDict::builtin(),
            ..ValidateOptions::default()
        }
    }
}

/// Validate the ledger at `ledger_path` against the plan at `plan_path`
/// (any input format, or an extracted plan as JSON). An error means one of
/// them could not be read (exit 2); findings are in the report.
pub fn validate_files(
    plan_path: &std::path::Path,
    ledger_path: &std::path::Path,
    opts: &ValidateOptions,
) -> Result<Report> {
    let read = |p: &std::path::Path| {
        std::fs::read(p).map_err(|e| Error::Other(format!("{}: cannot read: {e}", p.display())))
    };
    let plan_bytes = read(plan_path)?;
    let plan = load_plan(&plan_bytes, &plan_path.to_string_lossy())
        .map_err(|e| Error::Other(format!("{}: {e}", plan_path.display())))?;
    let ledger_bytes = read(ledger_path)?;
    validate_bytes(&plan, &ledger_bytes, &ledger_path.to_string_lossy(), opts)
        .map_err(|e| Error::Other(format!("{}: {e}", ledger_path.display())))
}

/// Read a plan: an extracted plan as JSON (problem ids may be absent, as in
/// hand-made gold files), else any document format through [`crate::extract`].
pub fn load_plan(bytes: &[u8], path: &str) -> Result<Plan> {
    let looks_json = path.to_ascii_lowercase().ends_with(".json")
        || bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b == b'{');
    if looks_json {
        let mut value: serde_json::Value = serde_json::from_slice(bytes)?;
        if let Some(problems) = value.get_mut("problems").and_then(|p| p.as_array_mut()) {
            for p in problems {
                if let Some(obj) = p.as_object_mut() {
                    obj.entry("id")
                        .or_insert_with(|| serde_json::Value::from(""));
                }
            }
        }
        return Ok(serde_json::from_value(value)?);
    }
    crate::extract(bytes, path, &crate::Options::new())
}

/// Validate ledger bytes (named `path`, for the format and the sheet name
/// of CSV and JSON Lines) against `plan`.
pub fn validate_bytes(
    plan: &Plan,
    bytes: &[u8],
    path: &str,
    opts: &ValidateOptions,
) -> Result<Report> {
    let ledger = read_ledger(bytes, path, opts.sheet.as_deref())?;
    validate_ledger(plan, ledger, opts)
}

/// Validate a ledger already read.
pub fn validate_ledger(plan: &Plan, ledger: Ledger, opts: &ValidateOptions) -> Result<Report> {
    let header = read::find_header(&ledger).ok_or_else(|| {
        Error::NotADocument(format!(
            "sheet {}: no header row (序号, 反馈问题, 整改措施 …) in its first rows",
            ledger.sheet
        ))
    })?;
    let outcome = validate::validate(plan, &ledger, &header, opts);
    let mut findings = outcome.findings;
    findings.sort_by_key(|f| (f.row.unwrap_or(usize::MAX), f.col.unwrap_or(0), f.problem));
    Ok(Report {
        plan: plan.title.clone(),
        sheet: ledger.sheet.clone(),
        header_row: Some(header.row + 1),
        findings,
        rows: outcome.rows,
        matched: outcome.matched,
        problems: plan.problems.len(),
        ledger: Some(ledger),
        plan_errors: crate::diag::errors(&plan.diagnostics).cloned().collect(),
    })
}
