//! html reader.

use super::Doc;
use crate::diag::{Error, Result};

/// Read a html file.
pub fn read(bytes: &[u8]) -> Result<Doc> {
    let _ = bytes;

    Err(Error::Unsupported("html reader not built yet".into()))
}
