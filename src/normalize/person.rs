//! Leader / responsible / contact texts → [`Person`]s.

use crate::diag::Diagnostic;
use crate::model::Person;

/// Every person named in `text` (one field's value, struck text removed).
pub fn parse_persons(text: &str, diags: &mut Vec<Diagnostic>) -> Vec<Person> {
    let _ = diags;
    text.split(['、', '，', ',', '；', ';'])
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| Person {
            name: s.to_string(),
            text: s.to_string(),
            ..Person::default()
        })
        .collect()
}
