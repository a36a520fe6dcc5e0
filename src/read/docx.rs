//! docx reader.

use super::Doc;
use crate::diag::{Error, Result};

/// Read a docx file.
pub fn read(bytes: &[u8]) -> Result<Doc> {
    let _ = bytes;

    Err(Error::Unsupported("docx reader not built yet".into()))
}
