//! The command line: exit codes, one-line errors, round trips.

mod common;

use std::process::Command;

use common::fixture;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhenggai"))
}

#[test]
fn exported_ledgers_validate_clean_and_a_changed_one_does_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = fixture("xiangtan-2018.md");
    let xlsx = dir.path().join("ledger.xlsx");
    let csv = dir.path().join("ledger.csv");
    for (fmt, out) in [("xlsx", &xlsx), ("csv", &csv)] {
        let o = bin()
            .arg("extract")
            .arg(&seed)
            .args(["--format", fmt, "-o"])
            .arg(out)
            .output()
            .expect("runs");
        assert_eq!(o.status.code(), Some(0), "{fmt}");
    }
    let report = dir.path().join("report.json");
    let o = bin()
        .arg("validate")
        .arg("--plan")
        .arg(&seed)
        .arg("--ledger")
        .arg(&xlsx)
        .arg("--report")
        .arg(&report)
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let rep: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).expect("report")).expect("JSON");
    assert_eq!(rep["findings"].as_array().map(Vec::len), Some(0));

    let text =
        std::fs::read_to_string(&csv)
            .expect("csv")
            .replacen("2019年5月底", "2019年6月底", 1);
    std::fs::write(&csv, text).expect("write");
    let o = bin()
        .arg("validate")
        .arg("--plan")
        .arg(&seed)
        .arg("--ledger")
        .arg(&csv)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("deadline-differs"));

    let o = bin()
        .args(["validate", "--plan", "/nonexistent.md", "--ledger"])
        .arg(&csv)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent.md"));
}

#[test]
fn extract_reads_stdin_and_reports_bad_files_in_one_line() {
    let seed = std::fs::read(fixture("xiangtan-2018.md")).expect("seed");
    let mut child = bin()
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawns");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(&seed).expect("writes");
    }
    let o = child.wait_with_output().expect("runs");
    assert_eq!(o.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(plan["source"]["path"], "-");
    assert_eq!(plan["problems"].as_array().map(Vec::len), Some(20));

    let o = bin()
        .arg("extract")
        .arg(fixture("plans/junk.bin"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("junk.bin") && err.lines().count() == 1,
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn normalize_and_schema_commands() {
    let o = bin()
        .args(["normalize", "date", "2019年5月底前", "--year", "2018"])
        .output()
        .expect("runs");
    let terms: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(terms[0]["end"], "2019-05-31");
    let o = bin()
        .args([
            "normalize",
            "unit",
            "市环保局（牵头），市水务局",
            "--region",
            "湘潭市",
        ])
        .output()
        .expect("runs");
    let units: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(units["lead"][0]["name"], "湘潭市环境保护局");
    let o = bin().arg("schema").output().expect("runs");
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(schema["$id"], "zhenggai/plan/v1");
}

/// Exit codes tell the truth: 0 only for a clean result, 1 when the
/// output carries an error-level diagnostic (a readable file with no
/// checklist), 2 when the input cannot be read.
#[test]
fn a_readable_file_without_a_checklist_exits_1_with_its_output_written() {
    let news = fixture("plans/news.md");
    let o = bin().arg("extract").arg(&news).output().expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let plan: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(plan["problems"].as_array().map(Vec::len), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("news.md") && err.contains("no-checklist") && err.lines().count() == 1,
        "{err}"
    );

    // With a good file beside it, the run still exits 1 and names only the
    // flagged file.
    let o = bin()
        .arg("extract")
        .arg(fixture("xiangtan-2018.md"))
        .arg(&news)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let plans: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(plans.as_array().map(Vec::len), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);

    // validate against such a plan: exit 1, the reason on stderr.
    let dir = tempfile::tempdir().expect("tempdir");
    let ledger = dir.path().join("ledger.csv");
    std::fs::write(&ledger, "序号,问题,整改时限\n1,问题,2019年5月底\n").expect("write");
    let o = bin()
        .arg("validate")
        .arg("--plan")
        .arg(&news)
        .arg("--ledger")
        .arg(&ledger)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-checklist"));

    // Unreadable input: 2.
    let o = bin()
        .args(["extract", "/nonexistent/plan.md"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn text_command_prints_the_doc_as_markdown() {
    let o = bin()
        .args(["text", "--spans"])
        .arg(fixture("html/two-level-header.html"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0));
    let md = String::from_utf8_lossy(&o.stdout);
    assert!(md.contains("# 某市督察反馈问题整改措施清单"), "{md}");
    // The spanning 责任单位 cell and the rowspan 类别 are marked merged.
    assert!(md.contains("| 责任单位 | << |"), "{md}");
    assert!(md.contains("| ^^ |"), "{md}");
    assert!(md.contains("<!-- line "), "{md}");
    let o = bin()
        .arg("text")
        .arg(fixture("plans/junk.bin"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
}

/// Each kind of bad input gets one line on stderr that names the file and
/// says what to do about it, with the exit code of its kind.
#[test]
fn each_bad_input_gets_one_line_naming_the_file_and_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, b"").expect("write");
    let truncated = dir.path().join("truncated.pdf");
    let pdf = std::fs::read(fixture("pdf/xiangtan-plan.libreoffice.pdf")).expect("pdf");
    std::fs::write(&truncated, &pdf[..30_000]).expect("write");
    let cases: [(std::path::PathBuf, &[&str], i32, &str); 6] = [
        (empty, &[], 2, "请检查下载或复制是否完整"),
        (fixture("plans/junk.bin"), &[], 2, "请提供 PDF、DOCX、HTML"),
        (truncated, &[], 2, "请重新下载或向发文单位索取原件"),
        (
            fixture("pdf/xiangtan-plan.encrypted.pdf"),
            &[],
            2,
            "请用 --password 提供",
        ),
        (
            fixture("pdf/xiangtan-plan.scanned.pdf"),
            &["--no-ocr"],
            2,
            "去掉 --no-ocr",
        ),
        (fixture("plans/news.md"), &[], 1, "可用 zhenggai text 查看"),
    ];
    for (file, args, code, advice) in cases {
        let o = bin()
            .args(["--lang", "zh", "extract"])
            .args(args)
            .arg(&file)
            .output()
            .expect("runs");
        let err = String::from_utf8_lossy(&o.stderr);
        let name = file.file_name().and_then(|n| n.to_str()).expect("name");
        assert_eq!(o.status.code(), Some(code), "{name}: {err}");
        assert_eq!(err.lines().count(), 1, "{name}: {err}");
        assert!(err.contains(name) && err.contains(advice), "{name}: {err}");
    }
}
