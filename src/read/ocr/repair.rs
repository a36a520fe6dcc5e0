//! Repairs of OCR's systematic misreads (placeholder).
use crate::diag::Diagnostic;
use crate::read::Block;

pub fn repair(_blocks: &mut [Block], _diags: &mut Vec<Diagnostic>) {}
