//! zhenggai reads issued Chinese rectification plans (整改方案 /
//! 整改问题措施清单) and turns every problem into a structured record.
//!
//! The pipeline runs one way:
//! [`read`] (bytes → [`read::Doc`]) → [`parse`] (Doc → skeleton with field
//! texts) → [`normalize`] (dates, units, people resolved) → [`model::Plan`],
//! which [`write`] renders as JSON, JSON Lines, CSV or XLSX.

pub mod batch;
pub mod diag;
pub mod i18n;
pub mod labels;
pub mod ledger;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod read;
pub mod text;
pub mod write;

use sha2::{Digest, Sha256};

pub use diag::{Diagnostic, Error, Level, Result};
pub use model::Plan;

/// The JSON Schema of the output, as shipped in `schemas/`.
pub const PLAN_SCHEMA: &str = include_str!("../schemas/plan.schema.json");

/// Everything that changes how a file is extracted.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Document year for expressions without one, when the plan's own
    /// dates do not give it.
    pub year: Option<i16>,
    /// The plan's issue date, overriding the one the document states:
    /// relative deadlines (本月底, 下季度, 即日起) count from it.
    pub date: Option<jiff::civil::Date>,
    /// Password for encrypted PDFs.
    pub password: Option<String>,
    /// Refuse scanned pages (no text layer) instead of reading them by OCR.
    pub no_ocr: bool,
    /// `tesseract` processes for one document's pages (0 = one per core;
    /// the batch gives each of its workers a share of the cores).
    pub ocr_jobs: usize,
    /// Unit dictionary (the shipped one plus any user file).
    pub units: normalize::unit::UnitDict,
    /// Region to assume when the plan does not state one.
    pub region: Option<String>,
    /// Where user unit entries came from (a file's sha256), so cached batch
    /// outputs are redone when the dictionary changes; `None` = built-in.
    pub units_source: Option<String>,
}

impl Options {
    /// What the readers take of these options.
    pub fn read_options(&self) -> read::ReadOptions {
        read::ReadOptions {
            password: self.password.clone(),
            no_ocr: self.no_ocr,
            ocr_jobs: self.ocr_jobs,
        }
    }

    pub fn new() -> Options {
        Options {
            units: normalize::unit::UnitDict::builtin(),
            ..Options::default()
        }
    }
}

/// Extract one plan from the bytes of a file. `path` is recorded in the
/// output and used as a format hint.
pub fn extract(bytes: &[u8], path: &str, opts: &Options) -> Result<Plan> {
    extract_hashed(bytes, path, sha256_hex(bytes), opts)
}

/// [`extract`] for a caller that has already hashed `bytes` (the batch
/// hashes every input to decide whether it changed).
pub fn extract_hashed(bytes: &[u8], path: &str, sha256: String, opts: &Options) -> Result<Plan> {
    let doc = read::read(bytes, path, &opts.read_options())?;
    Ok(plan_of(&doc, bytes.len(), path, sha256, opts))
}

/// The plan of a document already read (`len` bytes, named `path`, with
/// hash `sha256`): parse and normalize, as [`extract`] does after reading.
/// The review page reads once and keeps the [`read::Doc`] to show it.
pub fn plan_of(doc: &read::Doc, len: usize, path: &str, sha256: String, opts: &Options) -> Plan {
    let mut skeleton = parse::parse(doc);
    skeleton.issuers = normalize::issued::issuer_lines(doc);
    let issued = normalize::issued::find(doc);
    let mut plan = normalize::plan::build(skeleton, issued, opts);
    plan.source = model::Source {
        path: path.to_string(),
        format: doc.format,
        encoding: doc.encoding.clone(),
        sha256,
        bytes: len as u64,
        pages: doc.pages,
    };
    plan
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    // Two digits per byte by table: `format!` per byte cost more than
    // hashing a short key (document ids hash a title).
    let mut s = String::with_capacity(64);
    for b in digest.iter() {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_hex_is_the_standard_digest() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
