//! JSON Lines: one problem per line, each carrying its document's id,
//! title and region so a tracker can ingest lines from many plans without
//! keeping the documents around.

use serde::Serialize;

use crate::diag::Result;
use crate::model::{Plan, Problem};

/// One line: the document's identity, then every field of the problem.
#[derive(Serialize)]
struct Line<'a> {
    document_id: &'a str,
    document_title: Option<&'a str>,
    region: Option<&'a str>,
    #[serde(flatten)]
    problem: &'a Problem,
}

/// Every problem of every plan, one JSON object per line.
pub fn render(plans: &[Plan]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for plan in plans {
        for problem in &plan.problems {
            let line = Line {
                document_id: &plan.id,
                document_title: plan.title.as_deref(),
                region: plan.region.as_deref(),
                problem,
            };
            super::json::write_compact(&mut out, &line)?;
            out.push(b'\n');
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_problem_with_document_fields() -> Result<()> {
        let plan = Plan {
            id: "doc".into(),
            title: Some("方案".into()),
            region: Some("湘潭市".into()),
            problems: vec![
                Problem {
                    seq: 1,
                    ..Problem::default()
                },
                Problem {
                    seq: 2,
                    ..Problem::default()
                },
            ],
            ..Plan::default()
        };
        let bytes = render(&[plan])?;
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let v: serde_json::Value = serde_json::from_str(lines.get(1).copied().unwrap_or(""))?;
        assert_eq!(v["document_id"], "doc");
        assert_eq!(v["region"], "湘潭市");
        assert_eq!(v["seq"], 2);
        Ok(())
    }
}
