//! JSON: the output contract (`schemas/plan.schema.json`). One plan is one
//! object; several plans are an array, as `zhenggai extract` always wrote.

use serde::Serialize;

use super::WriteOptions;
use crate::diag::Result;
use crate::model::Plan;

/// One plan as an object, several as an array; a trailing newline.
pub fn render(plans: &[Plan], opts: &WriteOptions) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    match (plans, opts.pretty) {
        ([one], true) => serde_json::to_writer_pretty(&mut out, one)?,
        ([one], false) => write_compact(&mut out, one)?,
        (many, true) => serde_json::to_writer_pretty(&mut out, many)?,
        (many, false) => write_compact(&mut out, many)?,
    };
    out.push(b'\n');
    Ok(out)
}

/// Append the compact JSON of `value` to `out`.
///
/// Written by [`super::compact`]: sonic-rs's string escaping, which scans
/// 32 bytes at a time (a plan's JSON is about twice the size of its input,
/// and serde_json's byte-by-byte escaping was the largest single cost of a
/// batch), with struct keys copied as they are. The bytes are the same as
/// `serde_json::to_writer`'s (tests below compare them on arbitrary values,
/// and tests/export.rs on every fixture's plan).
pub fn write_compact<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<()> {
    Ok(super::compact::write(out, value)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_plan_is_an_object_and_many_an_array() -> Result<()> {
        let p = Plan::default();
        let one = render(std::slice::from_ref(&p), &WriteOptions::default())?;
        assert_eq!(one.first(), Some(&b'{'));
        let two = render(&[p.clone(), p], &WriteOptions::default())?;
        assert_eq!(two.first(), Some(&b'['));
        assert_eq!(two.last(), Some(&b'\n'));
        Ok(())
    }

    /// What a plan's fields hold: strings, optional strings, integers,
    /// floats (durations), nested lists.
    #[derive(Serialize)]
    struct Sample {
        text: String,
        maybe: Option<String>,
        seq: u32,
        amount: f64,
        list: Vec<String>,
    }

    fn both(value: &Sample) -> Result<(Vec<u8>, Vec<u8>)> {
        let mut ours = Vec::new();
        write_compact(&mut ours, value)?;
        Ok((ours, serde_json::to_vec(value)?))
    }

    #[test]
    fn compact_json_escapes_as_serde_json_does() -> Result<()> {
        let (ours, theirs) = both(&Sample {
            text: "控制符\u{0}\u{1f}\u{7f} \"引号\" \\ / \t\n\r\u{8}\u{c} \u{2028}\u{2029} 😀"
                .into(),
            maybe: None,
            seq: u32::MAX,
            amount: 0.5,
            list: vec![String::new(), "一".repeat(40)],
        })?;
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn compact_json_is_byte_identical_to_serde_json(
            text in ".*",
            maybe in proptest::option::of("[\\x00-\\x7f\u{4e00}-\u{4e20}]{0,80}"),
            seq in proptest::prelude::any::<u32>(),
            amount in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO | proptest::num::f64::NEGATIVE,
            list in proptest::collection::vec("[\"\\\\\\x00-\\x1f年月日 ]{0,40}", 0..4),
        ) {
            let (ours, theirs) = both(&Sample { text, maybe, seq, amount, list }).map_err(|e| {
                proptest::test_runner::TestCaseError::fail(e.to_string())
            })?;
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}
