//! Diagnostics (findings that ride along with a result) and errors (why
//! there is no result). The library never prints: both are values.

use serde::{Deserialize, Serialize};

use crate::model::Span;

/// How much a reviewer should care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// A repair made or an anomaly seen, with a stable kebab-case code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub level: Level,
    pub code: String,
    pub message: String,
    #[serde(default)]
    pub problem: Option<u32>,
    #[serde(default)]
    pub span: Option<Span>,
}

impl Diagnostic {
    pub fn new(level: Level, code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level,
            code: code.to_string(),
            message: message.into(),
            problem: None,
            span: None,
        }
    }
    pub fn info(code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Level::Info, code, message)
    }
    pub fn warning(code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Level::Warning, code, message)
    }
    pub fn error(code: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(Level::Error, code, message)
    }
    pub fn at(mut self, span: Option<Span>) -> Diagnostic {
        self.span = span;
        self
    }
    pub fn problem(mut self, seq: u32) -> Diagnostic {
        self.problem = Some(seq);
        self
    }
}

/// The error-level diagnostics of `diags`: an output that carries one
/// (no checklist found, say) was read but is not a usable result, and the
/// command line exits 1 for it.
pub fn errors(diags: &[Diagnostic]) -> impl Iterator<Item = &Diagnostic> {
    diags.iter().filter(|d| d.level == Level::Error)
}

/// Why a file could not be read at all. Each variant says what is wrong and,
/// where there is one, what the user can do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("empty input: the file holds no bytes")]
    Empty,
    #[error("not a document: {0}")]
    NotADocument(String),
    #[error("unsupported format: {0}")]
    Unsupported(String),
    #[error("encrypted: the PDF needs a password; pass it with --password")]
    Encrypted,
    #[error("wrong password: the PDF could not be decrypted with the password given")]
    WrongPassword,
    #[error(
        "no-text-layer: pages {pages} are images only (scanned): no text layer, OCR needed (run without --no-ocr to read them with Tesseract)"
    )]
    NoTextLayer { pages: String },
    #[error("ocr-unavailable: {0}")]
    OcrUnavailable(String),
    #[error("damaged {format}: {detail}")]
    Damaged {
        format: &'static str,
        detail: String,
    },
    #[error("too large: {0}")]
    TooLarge(String),
    #[error("invalid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Other(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
