//! The DOCX package: a zip archive read with hard limits, and the part
//! names found through the package relationships rather than assumed.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::xml::{self, Element};
use crate::diag::{Error, Result};

/// Largest uncompressed part we read: real document.xml files are a few
/// MiB; anything bigger is a zip bomb or not a document.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Largest total we decompress across all parts of one file.
pub const MAX_TOTAL_BYTES: u64 = 128 * 1024 * 1024;

const OFFICE_DOCUMENT: &str = "/officeDocument";
const STYLES: &str = "/styles";
const NUMBERING: &str = "/numbering";

/// An opened package with a decompression budget.
pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

/// The parts the reader needs, by name.
pub struct Parts {
    pub document: String,
    pub styles: Option<String>,
    pub numbering: Option<String>,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            Error::NotADocument(format!(
                "not a DOCX file: the zip container is unreadable ({e})"
            ))
        })?;
        Ok(Package {
            zip,
            budget: MAX_TOTAL_BYTES,
        })
    }

    /// Is there a part of this name?
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Read one part fully, refusing it when its declared or actual
    /// uncompressed size passes the per-part cap or the remaining budget.
    /// `Ok(None)` when the part does not exist.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let cap = MAX_PART_BYTES.min(self.budget);
        let file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(xml::damaged(format!("cannot open {name}: {e}"))),
        };
        if file.size() > cap {
            return Err(too_large(name, file.size(), cap));
        }
        let mut out = Vec::new();
        // The declared size can lie: read one byte past the cap to tell.
        let read = file
            .take(cap + 1)
            .read_to_end(&mut out)
            .map_err(|e| xml::damaged(format!("cannot decompress {name}: {e}")))?;
        let read = read as u64;
        if read > cap {
            return Err(too_large(name, read, cap));
        }
        self.budget = self.budget.saturating_sub(read);
        Ok(Some(out))
    }

    /// Read and parse an XML part; `Ok(None)` when it does not exist.
    pub fn xml(&mut self, name: &str) -> Result<Option<Element>> {
        match self.read(name)? {
            None => Ok(None),
            Some(bytes) => {
                let text = xml::decode(&bytes, name)?;
                xml::parse(&text, name).map(Some)
            }
        }
    }

    /// Find the main document part and its styles and numbering parts
    /// through `_rels/.rels` and the document's relationships, falling
    /// back to the conventional names.
    pub fn parts(&mut self) -> Result<Parts> {
        let document = self
            .relationship("_rels/.rels", "", OFFICE_DOCUMENT)?
            .filter(|n| self.has(n))
            .unwrap_or_else(|| "word/document.xml".to_string());
        if !self.has(&document) {
            let hint = if self.has("xl/workbook.xml") {
                " (this is an Excel workbook)"
            } else if self.has("ppt/presentation.xml") {
                " (this is a PowerPoint file)"
            } else {
                ""
            };
            return Err(Error::NotADocument(format!(
                "not a DOCX file: the zip has no word/document.xml{hint}"
            )));
        }
        let (dir, file) = document.rsplit_once('/').unwrap_or(("", document.as_str()));
        let rels = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let styles = self
            .relationship(&rels, dir, STYLES)?
            .or_else(|| Some(format!("{dir}/styles.xml")))
            .filter(|n| self.has(n));
        let numbering = self
            .relationship(&rels, dir, NUMBERING)?
            .or_else(|| Some(format!("{dir}/numbering.xml")))
            .filter(|n| self.has(n));
        Ok(Parts {
            document,
            styles,
            numbering,
        })
    }

    /// The target of the first relationship in `rels_part` whose type
    /// ends with `type_suffix`, resolved against `base_dir`.
    fn relationship(
        &mut self,
        rels_part: &str,
        base_dir: &str,
        type_suffix: &str,
    ) -> Result<Option<String>> {
        // A broken relationships part is not fatal: fall back to names.
        let Ok(Some(rels)) = self.xml(rels_part) else {
            return Ok(None);
        };
        let target = rels
            .elements()
            .filter(|r| r.name.ends_with("Relationship"))
            .find(|r| r.attr("Type").is_some_and(|t| t.ends_with(type_suffix)))
            .and_then(|r| r.attr("Target"))
            .map(|t| resolve(base_dir, t));
        Ok(target)
    }
}

fn too_large(name: &str, size: u64, cap: u64) -> Error {
    Error::TooLarge(format!(
        "DOCX part {name} decompresses to more than {cap} bytes ({size}); refusing a possible zip bomb"
    ))
}

/// Resolve a relationship target (relative to `base_dir`, or absolute
/// from the package root) to a part name, handling `./` and `../`.
fn resolve(base_dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None if base_dir.is_empty() => target.to_string(),
        None => format!("{base_dir}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_and_absolute_targets() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "/word/numbering.xml"), "word/numbering.xml");
        assert_eq!(resolve("word/sub", "../styles.xml"), "word/styles.xml");
    }

    #[test]
    fn not_a_zip_is_a_clear_error() {
        let err = Package::open(b"PK\x03\x04 not really a zip").err().unwrap();
        assert!(err.to_string().contains("not a DOCX"), "{err}");
    }
}
