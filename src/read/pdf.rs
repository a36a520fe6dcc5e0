//! pdf reader.

use super::Doc;
use crate::diag::{Error, Result};

/// Read a pdf file.
pub fn read(bytes: &[u8], opts: &super::ReadOptions) -> Result<Doc> {
    let _ = bytes;
    let _ = opts;
    Err(Error::Unsupported("pdf reader not built yet".into()))
}
