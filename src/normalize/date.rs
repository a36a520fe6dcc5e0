//! Chinese date and deadline expressions → [`Term`]s.

use jiff::civil::Date;

use crate::diag::Diagnostic;
use crate::model::Term;

/// What a date expression is resolved against.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateContext {
    /// The document's year, for 年底前 / 9月底前 / 今年6月.
    pub year: Option<i16>,
}

/// Every time expression in `text`, in order.
pub fn parse_terms(text: &str, ctx: &DateContext, diags: &mut Vec<Diagnostic>) -> Vec<Term> {
    let _ = (text, ctx, diags);
    Vec::new()
}

/// Latest concrete end date among `terms` (status dates excluded).
pub fn due(terms: &[Term]) -> Option<Date> {
    terms
        .iter()
        .filter(|t| t.qualifier != Some(crate::model::Qualifier::AsOf))
        .filter_map(|t| t.end)
        .max()
}
