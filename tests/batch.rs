//! The batch command over many mixed inputs, some broken.

mod common;

use std::path::Path;
use std::process::Command;

use common::fixture;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhenggai"))
}

/// Copy good fixtures round-robin into `dir` until there are `n` files,
/// then add the broken ones.
fn populate(dir: &Path, n: usize) -> usize {
    let good = [
        "xiangtan-2018.md",
        "plans/numbered-paren.md",
        "plans/problem-n.gb18030.txt",
        "plans/problem-n.utf16.txt",
        "plans/table.md",
        "plans/notice.md",
    ];
    for i in 0..n {
        let src = fixture(good[i % good.len()]);
        let ext = src.extension().and_then(|e| e.to_str()).unwrap_or("md");
        let sub = dir.join(format!("d{}", i % 7));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::copy(&src, sub.join(format!("plan{i}.{ext}"))).unwrap();
    }
    let broken: [(&str, &[u8]); 5] = [
        ("empty.md", b""),
        ("truncated.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog"),
        ("not-a-zip.docx", b"this is not a word file"),
        ("junk.txt", b"\x00\x01\x02\x03\x00\xff\xfe\x00junk"),
        ("bad-utf8.md", b"\xc3\x28\xa0\xa1 \xff\xff\xfe"),
    ];
    for (name, bytes) in broken {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    broken.len()
}

#[test]
fn two_hundred_mixed_files_with_five_broken() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let broken = populate(input.path(), 195);
    assert_eq!(broken, 5);
    let run = |extra: &[&str]| {
        bin()
            .arg("batch")
            .arg(input.path())
            .arg("--out")
            .arg(out.path())
            .args(["--jobs", "2", "--quiet"])
            .args(extra)
            .output()
            .unwrap()
    };
    let first = run(&[]);
    assert_eq!(first.status.code(), Some(1), "some files failed → exit 1");
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["inputs"], 200);
    assert_eq!(summary["ok"], 195);
    let failed: Vec<String> = summary["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(failed.len(), 5);
    for name in [
        "empty.md",
        "truncated.pdf",
        "not-a-zip.docx",
        "junk.txt",
        "bad-utf8.md",
    ] {
        assert!(
            failed.iter().any(|f| f.ends_with(name)),
            "{name} not reported: {failed:?}"
        );
    }
    let outputs: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let json_outputs = outputs
        .iter()
        .filter(|n| n.ends_with(".json") && *n != "summary.json" && !n.starts_with('.'))
        .count();
    assert_eq!(json_outputs, 195);
    assert!(
        !outputs.iter().any(|n| n.ends_with(".tmp")),
        "temporary files left: {outputs:?}"
    );
    // Every output is a whole, valid plan.
    for n in outputs.iter().filter(|n| n.starts_with("plan")) {
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.path().join(n)).unwrap()).unwrap();
        assert_eq!(v["schema_version"], "1", "{n}");
    }

    let second = run(&[]);
    assert_eq!(second.status.code(), Some(1));
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(
        summary["unchanged"], 195,
        "a re-run skips every current output"
    );

    let forced = run(&["--force"]);
    assert_eq!(forced.status.code(), Some(1));
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["unchanged"], 0);
}

#[test]
fn jsonl_output_concatenates_problems_in_input_order() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("xiangtan-2018.md"), input.path().join("a.md")).unwrap();
    std::fs::copy(fixture("plans/table.md"), input.path().join("b.md")).unwrap();
    let o = bin()
        .arg("batch")
        .arg(input.path())
        .arg("--out")
        .arg(out.path())
        .args(["--format", "jsonl", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let all = std::fs::read_to_string(out.path().join("problems.jsonl")).unwrap();
    let lines: Vec<serde_json::Value> = all
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 22);
    assert_eq!(
        lines[0]["document_title"],
        "湘潭市落实湖南省环境保护督察反馈问题整改工作方案"
    );
    assert_eq!(lines[21]["seq"], 2);
    // Outputs are ordinary files, not private temporaries: the mode of a
    // file created plainly in the same directory (0666 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let plain = out.path().join("plain");
        std::fs::File::create(&plain).unwrap();
        for name in ["problems.jsonl", "a.jsonl", "summary.json"] {
            assert_eq!(mode(&out.path().join(name)), mode(&plain), "{name}");
        }
    }
}

#[test]
fn nothing_to_do_is_a_usage_error() {
    let out = tempfile::tempdir().unwrap();
    let o = bin()
        .args(["batch", "/nonexistent/dir/*.pdf", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("zhenggai: "));
}

/// A readable file with no checklist is neither ok nor failed: it is
/// listed under `flagged`, its output is written, and the batch exits 1.
#[test]
fn a_file_without_a_checklist_is_flagged_not_ok() {
    let input = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("xiangtan-2018.md"), input.path().join("a.md")).unwrap();
    std::fs::copy(fixture("plans/news.md"), input.path().join("news.md")).unwrap();
    std::fs::write(input.path().join("empty.md"), b"").unwrap();
    let run = || {
        bin()
            .arg("batch")
            .arg(input.path())
            .arg("--out")
            .arg(out.path())
            .args(["--quiet"])
            .output()
            .unwrap()
    };
    for pass in ["first", "unchanged"] {
        let o = run();
        assert_eq!(o.status.code(), Some(1), "{pass}");
        let summary: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.path().join("summary.json")).unwrap())
                .unwrap();
        assert_eq!(summary["ok"], 1, "{pass}");
        assert_eq!(
            summary["failed"].as_array().map(Vec::len),
            Some(1),
            "{pass}"
        );
        let flagged = summary["flagged"].as_array().unwrap();
        assert_eq!(flagged.len(), 1, "{pass}");
        assert!(flagged[0]["path"].as_str().unwrap().ends_with("news.md"));
        assert!(
            flagged[0]["error"]
                .as_str()
                .unwrap()
                .starts_with("no-checklist")
        );
        assert!(out.path().join("news.json").is_file());
    }
    std::fs::remove_file(input.path().join("news.md")).unwrap();
    std::fs::remove_file(input.path().join("empty.md")).unwrap();
    assert_eq!(run().status.code(), Some(0), "only clean files: exit 0");
}
