//! Skeleton → [`Plan`]: every field text resolved by the normalizers.

use crate::Options;
use crate::model::{Plan, SCHEMA_VERSION};
use crate::parse::Skeleton;

/// Build the output plan from a parsed skeleton.
pub fn build(sk: Skeleton, opts: &Options) -> Plan {
    let _ = opts;
    Plan {
        schema_version: SCHEMA_VERSION.to_string(),
        title: sk.title,
        region: sk.region,
        diagnostics: sk.diagnostics,
        ..Plan::default()
    }
}
