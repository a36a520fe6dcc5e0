//! JSON: the output contract (`schemas/plan.schema.json`). One plan is one
//! object; several plans are an array, as `zhenggai extract` always wrote.

use super::WriteOptions;
use crate::diag::Result;
use crate::model::Plan;

/// One plan as an object, several as an array; a trailing newline.
pub fn render(plans: &[Plan], opts: &WriteOptions) -> Result<Vec<u8>> {
    let mut out = match (plans, opts.pretty) {
        ([one], true) => serde_json::to_vec_pretty(one)?,
        ([one], false) => serde_json::to_vec(one)?,
        (many, true) => serde_json::to_vec_pretty(many)?,
        (many, false) => serde_json::to_vec(many)?,
    };
    out.push(b'\n');
    Ok(out)
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
}
