//! Diagnostics (findings that ride along with a result) and errors (why
//! there is no result). The library never prints: both are values.

use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, lang, text_in};
use crate::model::Span;

pub mod codes;
pub use codes::{Code, Kind};

/// The catalogue message of a code (a [`Code`] variant), optionally one of
/// its variants (`/ "attr"`), with arguments `name = value`, in the
/// language in force: `message!(ExtraRow / "not-a-number"; row = 3)`.
#[macro_export]
macro_rules! message {
    ($code:ident $(/ $variant:literal)? $(; $($k:ident = $v:expr),* $(,)?)?) => {{
        #[allow(unused_mut, unused_assignments)]
        let mut variant: Option<&str> = None;
        $(variant = Some($variant);)?
        $crate::i18n::text_in(
            $crate::i18n::lang(),
            $crate::diag::Code::$code.as_str(),
            variant,
            &[$($((stringify!($k), ::std::borrow::Cow::Owned(($v).to_string()))),*)?],
        )
    }};
}

/// A [`Diagnostic`] of a code (a [`Code`] variant), optionally one of its
/// message variants (`/ "attr"`), with message arguments `name = value`:
/// `diag!(MissingField; label = p.label, what = "整改时限")`.
#[macro_export]
macro_rules! diag {
    ($code:ident $(/ $variant:literal)? $(; $($k:ident = $v:expr),* $(,)?)?) => {{
        #[allow(unused_mut, unused_assignments)]
        let mut variant: Option<&str> = None;
        $(variant = Some($variant);)?
        $crate::diag::Diagnostic::of(
            $crate::diag::Code::$code,
            variant,
            &[$($((stringify!($k), ::std::borrow::Cow::Owned(($v).to_string()))),*)?],
        )
    }};
}

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
    /// The diagnostic `code` at the code's level, its message (the
    /// catalogue's entry for the code, or the entry's attribute `variant`)
    /// rendered with `args` in the language in force
    /// ([`crate::i18n::set_lang`]). Use the [`diag!`](crate::diag!) macro.
    pub fn of(code: Code, variant: Option<&str>, args: &[Arg<'_>]) -> Diagnostic {
        Diagnostic {
            level: code.level(),
            code: code.as_str().to_string(),
            message: text_in(lang(), code.as_str(), variant, args),
            problem: None,
            span: None,
        }
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

impl Error {
    /// The one-line message in the language in force
    /// ([`crate::i18n::set_lang`]); `Display` keeps the English prefixes
    /// for logs and library users. The command line prints this one. The
    /// details the readers write themselves are rendered from the
    /// catalogue when the error is made; those of other libraries (lopdf,
    /// zip, I/O) stay as those libraries word them.
    pub fn localized(&self) -> String {
        use crate::tr;
        match self {
            Error::Io(e) => tr!("error-io", detail = e),
            Error::Empty => tr!("error-empty"),
            Error::NotADocument(s) => tr!("error-not-a-document", detail = s),
            Error::Unsupported(s) => tr!("error-unsupported", detail = s),
            Error::Encrypted => tr!("error-encrypted"),
            Error::WrongPassword => tr!("error-wrong-password"),
            Error::NoTextLayer { pages } => tr!("error-no-text-layer", pages = pages),
            Error::OcrUnavailable(s) => tr!("error-ocr-unavailable", detail = s),
            Error::Damaged { format, detail } => {
                tr!("error-damaged", format = format, detail = detail)
            }
            Error::TooLarge(s) => tr!("error-too-large", detail = s),
            Error::Json(e) => tr!("error-json", detail = e),
            Error::Other(s) => s.clone(),
        }
    }
}
