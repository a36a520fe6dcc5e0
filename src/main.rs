//! The `zhenggai` command line: argument parsing and rendering only; all
//! logic lives in the library.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use zhenggai::i18n::{self, Lang};
use zhenggai::normalize::unit::UnitDict;
use zhenggai::tr;

/// The CLI allocates and frees many short strings per document; mimalloc
/// does that markedly faster than the system allocator (see the batch
/// benchmark). The library leaves the choice to its users.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "zhenggai",
    version,
    about = "Chinese rectification plans (整改方案) → structured records"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
    /// Language of messages and help: zh (the default) or en.
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

/// `zhenggai codes` output.
#[derive(Clone, Copy, ValueEnum)]
enum CodesFormat {
    Text,
    Md,
    Json,
}

/// Options that change how a plan is read.
#[derive(Args, Clone)]
struct ReadArgs {
    /// Year for expressions without one (年底前, 9月底前), when the plan's
    /// own dates do not give it.
    #[arg(long)]
    year: Option<i16>,
    /// The plan's issue date (YYYY-MM-DD), overriding the one the document
    /// states: relative deadlines (本月底, 下季度, 即日起) count from it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<jiff::civil::Date>,
    /// Password of an encrypted PDF.
    #[arg(long)]
    password: Option<String>,
    /// Refuse scanned pages (no text layer) instead of reading them with
    /// OCR (Tesseract).
    #[arg(long)]
    no_ocr: bool,
    /// Extra unit dictionary entries (TSV, same format as the shipped one).
    #[arg(long, value_name = "FILE")]
    units: Option<PathBuf>,
    /// Region to assume when the plan does not name one (湘潭市).
    #[arg(long)]
    region: Option<String>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Extract plans as JSON, JSON Lines, CSV or XLSX (FILE `-` = stdin);
    /// several files → a JSON array.
    Extract {
        #[arg(required = true)]
        files: Vec<String>,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
        /// json (one document), jsonl (one problem per line), csv or xlsx
        /// (a ready ledger).
        #[arg(long, value_enum, default_value_t = OutFormat::Json)]
        format: OutFormat,
        /// Ledger rows for csv/xlsx: one per problem or one per measure.
        #[arg(long, value_enum, default_value_t = LedgerRows::Problems)]
        rows: LedgerRows,
        /// Write to FILE instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Convert many files in parallel into a directory.
    Batch {
        /// Files, directories (walked recursively) and glob patterns.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Output directory.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Worker threads (default: one per core).
        #[arg(long, default_value_t = 0)]
        jobs: usize,
        #[arg(long, value_enum, default_value_t = BatchFormat::Json)]
        format: BatchFormat,
        /// Per-file time limit in seconds.
        #[arg(long, default_value_t = 60.0)]
        timeout: f64,
        /// Redo files whose output is current.
        #[arg(long)]
        force: bool,
        /// No progress bar and no summary on stderr.
        #[arg(long)]
        quiet: bool,
        /// Indent the JSON outputs.
        #[arg(long)]
        pretty: bool,
        /// Also write a review page per file and index.html.
        #[arg(long)]
        review: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Check a hand-typed ledger (台账) against the issued plan.
    /// Exit 0: matches; 1: findings; 2: a file cannot be read.
    Validate {
        /// The plan: any input format, or an extracted plan as JSON.
        #[arg(long)]
        plan: PathBuf,
        /// The ledger: XLSX, CSV/TSV (UTF-8 or GB18030) or JSON Lines.
        #[arg(long)]
        ledger: PathBuf,
        /// XLSX sheet to read (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Also write the report: FILE.json, or FILE.xlsx (the ledger with
        /// the wrong cells highlighted, plus a Findings sheet).
        #[arg(long, value_name = "FILE")]
        report: Option<String>,
        /// Judge 整改进展 against this date (YYYY-MM-DD); without it,
        /// status is not checked against due dates.
        #[arg(long)]
        as_of: Option<jiff::civil::Date>,
        /// Year for ledger dates written without one.
        #[arg(long)]
        year: Option<i16>,
    },
    /// Print a document as the reader saw it, as Markdown: headings,
    /// numbered paragraphs, pipe tables (^^ / << mark merged cells), page
    /// breaks and ~~struck~~ text marked.
    Text {
        /// The document (`-` = stdin).
        file: String,
        /// Precede each block with its line, byte range and page.
        #[arg(long)]
        spans: bool,
        /// Password of an encrypted PDF.
        #[arg(long)]
        password: Option<String>,
    },
    /// Write a review page (one HTML file) to check a plan against its
    /// document: the text, one card per problem, diagnostics, due dates.
    Review {
        file: PathBuf,
        /// Also check this ledger (as `validate`) and show its findings.
        #[arg(long)]
        ledger: Option<PathBuf>,
        /// XLSX sheet of the ledger (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Mark overdue and due-soon problems against this date (YYYY-MM-DD).
        #[arg(long)]
        as_of: Option<jiff::civil::Date>,
        /// The HTML file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print the JSON Schema of the output.
    Schema,
    /// List every diagnostic and finding code with its level and meaning.
    Codes {
        /// text (a table), md (Markdown, as in the README) or json.
        #[arg(long, value_enum, default_value_t = CodesFormat::Text)]
        format: CodesFormat,
    },
    /// Normalize one expression (or one per stdin line) for checking a value.
    Normalize {
        #[arg(value_enum)]
        what: What,
        /// The expression; without it, read one per line from stdin.
        text: Option<String>,
        /// Document year for expressions without one.
        #[arg(long)]
        year: Option<i16>,
        /// The document's issue date (YYYY-MM-DD), for expressions relative
        /// to it (本月底, 下季度, 即日起).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<jiff::civil::Date>,
        /// Region for expanding unit abbreviations (湘潭市).
        #[arg(long)]
        region: Option<String>,
        /// Extra unit dictionary entries (TSV).
        #[arg(long, value_name = "FILE")]
        units: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum What {
    Date,
    Unit,
    Person,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutFormat {
    Json,
    Jsonl,
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum)]
enum LedgerRows {
    Problems,
    Measures,
}

#[derive(Clone, Copy, ValueEnum)]
enum BatchFormat {
    Json,
    Jsonl,
}

/// An error for the user: one line on stderr, exit 2.
fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("zhenggai: {msg}");
    ExitCode::from(2)
}

/// The language asked for before clap parses anything (the help texts
/// depend on it): `--lang X` or `--lang=X` anywhere, else the environment.
fn lang_of_args() -> Lang {
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        let a = a.to_string_lossy().into_owned();
        if a == "--" {
            break;
        }
        let v = if a == "--lang" {
            args.next().map(|v| v.to_string_lossy().into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        if let Some(l) = v.as_deref().and_then(Lang::parse) {
            return l;
        }
    }
    Lang::from_env()
}

/// The command with its descriptions in the language in force (clap's
/// derive takes them from doc comments, in English).
fn command() -> clap::Command {
    let mut cmd = Cli::command()
        .about(tr!("help-about"))
        .mut_arg("lang", |a| a.help(tr!("help-lang")));
    for (name, key) in [
        ("extract", "help-extract"),
        ("batch", "help-batch"),
        ("validate", "help-validate"),
        ("text", "help-text"),
        ("review", "help-review"),
        ("schema", "help-schema"),
        ("normalize", "help-normalize"),
        ("codes", "help-codes"),
    ] {
        cmd = cmd.mut_subcommand(name, |c| {
            let ids: Vec<String> = c.get_arguments().map(|a| a.get_id().to_string()).collect();
            let mut c = c.about(tr!(key)).long_about(tr!(key));
            // An argument's help: help-<command>-<arg>, else help-arg-<arg>.
            for id in ids {
                let lang = i18n::lang();
                let help = i18n::try_text_in(lang, &format!("help-{name}-{id}"), None, &[])
                    .or_else(|| i18n::try_text_in(lang, &format!("help-arg-{id}"), None, &[]));
                if let Some(h) = help {
                    c = c.mut_arg(id, |a| a.help(h.clone()).long_help(h));
                }
            }
            c
        });
    }
    cmd
}

fn main() -> ExitCode {
    i18n::set_lang(lang_of_args());
    let cli = match Cli::from_arg_matches(&command().get_matches()) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    if let Some(l) = cli.lang {
        i18n::set_lang(match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        });
    }
    match cli.cmd {
        Cmd::Schema => {
            print!("{}", zhenggai::PLAN_SCHEMA);
            ExitCode::SUCCESS
        }
        Cmd::Codes { format } => codes(format),
        Cmd::Text {
            file,
            spans,
            password,
        } => text(&file, spans, password),
        Cmd::Normalize {
            what,
            text,
            year,
            date,
            region,
            units,
        } => match load_units(units.as_ref()) {
            Ok((dict, _)) => normalize(what, text, year, date, region.as_deref(), &dict),
            Err(e) => fail(e),
        },
        Cmd::Extract {
            files,
            pretty,
            format,
            rows,
            output,
            read,
        } => extract(&files, pretty, format, rows, output.as_ref(), &read),
        Cmd::Validate {
            plan,
            ledger,
            sheet,
            report,
            as_of,
            year,
        } => validate(&plan, &ledger, sheet, report, as_of, year),
        Cmd::Review {
            file,
            ledger,
            sheet,
            as_of,
            output,
            read,
        } => review(&file, ledger.as_deref(), sheet, as_of, &output, &read),
        Cmd::Batch {
            paths,
            out,
            jobs,
            format,
            timeout,
            force,
            quiet,
            pretty,
            review,
            read,
        } => batch(
            &paths,
            out,
            jobs,
            format,
            timeout,
            Flags {
                force,
                quiet,
                pretty,
                review,
            },
            &read,
        ),
    }
}

/// The shipped dictionary plus a user file, and the file's fingerprint.
fn load_units(path: Option<&PathBuf>) -> Result<(UnitDict, Option<String>), String> {
    let mut dict = UnitDict::builtin();
    let Some(p) = path else {
        return Ok((dict, None));
    };
    let text = std::fs::read_to_string(p)
        .map_err(|e| tr!("cli-units-unreadable", file = p.display(), error = e))?;
    dict.extend_from_str(&text)
        .map_err(|e| format!("{}: {e}", p.display()))?;
    Ok((dict, Some(zhenggai::sha256_hex(text.as_bytes()))))
}

fn options(read: &ReadArgs) -> Result<zhenggai::Options, String> {
    let (units, units_source) = load_units(read.units.as_ref())?;
    Ok(zhenggai::Options {
        year: read.year,
        date: read.date,
        password: read.password.clone(),
        no_ocr: read.no_ocr,
        ocr_jobs: 0,
        units,
        region: read.region.clone(),
        units_source,
    })
}

fn normalize(
    what: What,
    text: Option<String>,
    year: Option<i16>,
    issued: Option<jiff::civil::Date>,
    region: Option<&str>,
    dict: &UnitDict,
) -> ExitCode {
    use zhenggai::normalize::{date, person, unit};
    let one = |text: &str| -> String {
        let mut diags = Vec::new();
        let v = match what {
            What::Date => serde_json::to_string(&date::parse_terms(
                text,
                &date::DateContext {
                    year: issued.map(|d| d.year()).or(year),
                    issued,
                },
                &mut diags,
            )),
            What::Unit => serde_json::to_string(&unit::parse_units(
                text,
                &unit::UnitContext {
                    region,
                    dict,
                    defaults: &[],
                    memo: None,
                },
                &mut diags,
            )),
            What::Person => serde_json::to_string(&person::parse_persons(text, &mut diags)),
        };
        v.unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
    };
    let mut out = std::io::stdout().lock();
    match text {
        Some(t) => {
            let _ = writeln!(out, "{}", one(&t));
        }
        None => {
            for line in std::io::stdin().lines() {
                let Ok(line) = line else { break };
                let _ = writeln!(out, "{}", one(line.trim()));
            }
        }
    }
    ExitCode::SUCCESS
}

/// `zhenggai text`: the Doc as Markdown.
fn text(file: &str, spans: bool, password: Option<String>) -> ExitCode {
    let bytes = if file == "-" {
        let mut b = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut b) {
            return fail(tr!("cli-stdin-unreadable", error = e));
        }
        b
    } else {
        match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => return fail(tr!("cli-cannot-read", file = file, error = e)),
        }
    };
    let opts = zhenggai::read::ReadOptions {
        password,
        ..Default::default()
    };
    match zhenggai::read::read(&bytes, file, &opts) {
        Ok(doc) => {
            let md = zhenggai::write::text::render(&doc, spans);
            let _ = std::io::stdout().lock().write_all(md.as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("{file}: {}", e.localized())),
    }
}

fn extract(
    files: &[String],
    pretty: bool,
    format: OutFormat,
    rows: LedgerRows,
    output: Option<&PathBuf>,
    read: &ReadArgs,
) -> ExitCode {
    let opts = match options(read) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let mut plans = Vec::new();
    for f in files {
        let bytes = if f == "-" {
            let mut b = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut b) {
                return fail(tr!("cli-stdin-unreadable", error = e));
            }
            b
        } else {
            match std::fs::read(f) {
                Ok(b) => b,
                Err(e) => return fail(tr!("cli-cannot-read", file = f, error = e)),
            }
        };
        match zhenggai::extract(&bytes, f, &opts) {
            Ok(p) => plans.push(p),
            Err(e) => return fail(format!("{f}: {}", e.localized())),
        }
    }
    use zhenggai::write::{self, Format, Rows, WriteOptions};
    let format = match format {
        OutFormat::Json => Format::Json,
        OutFormat::Jsonl => Format::Jsonl,
        OutFormat::Csv => Format::Csv,
        OutFormat::Xlsx => Format::Xlsx,
    };
    let wopts = WriteOptions {
        pretty,
        rows: match rows {
            LedgerRows::Problems => Rows::Problems,
            LedgerRows::Measures => Rows::Measures,
        },
    };
    let bytes = match write::render(&plans, format, &wopts) {
        Ok(b) => b,
        Err(e) => return fail(tr!("cli-render-failed", error = e.localized())),
    };
    match output {
        Some(o) => {
            if let Err(e) = zhenggai::batch::write_atomic(o, &bytes) {
                return fail(tr!("cli-cannot-write", file = o.display(), error = e));
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            if format == Format::Xlsx && out.is_terminal() {
                return fail(tr!("cli-xlsx-terminal"));
            }
            if let Err(e) = out.write_all(&bytes) {
                return fail(tr!("cli-stdout-failed", error = e));
            }
        }
    }
    // The output is written either way; a plan carrying an error-level
    // diagnostic is not a usable result, and the exit code says so.
    let mut flagged = false;
    for (f, plan) in files.iter().zip(&plans) {
        if let Some(d) = zhenggai::diag::errors(&plan.diagnostics).next() {
            eprintln!("zhenggai: {f}: {}: {}", d.code, d.message);
            flagged = true;
        }
    }
    if flagged {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn validate(
    plan: &std::path::Path,
    ledger: &std::path::Path,
    sheet: Option<String>,
    report: Option<String>,
    as_of: Option<jiff::civil::Date>,
    year: Option<i16>,
) -> ExitCode {
    let mut opts = zhenggai::ledger::ValidateOptions::new();
    opts.sheet = sheet;
    opts.year = year;
    opts.as_of = as_of;
    let rep = match zhenggai::ledger::validate_files(plan, ledger, &opts) {
        Ok(r) => r,
        Err(e) => return fail(e.localized()),
    };
    for d in &rep.plan_errors {
        eprintln!("zhenggai: {}: {}: {}", plan.display(), d.code, d.message);
    }
    let color = std::io::stdout().is_terminal();
    print!("{}", zhenggai::ledger::report::render_text(&rep, color));
    if let Some(path) = report {
        let written = zhenggai::ledger::report::render_for_path(&rep, &path)
            .map_err(|e| e.localized())
            .and_then(|bytes| {
                zhenggai::batch::write_atomic(std::path::Path::new(&path), &bytes)
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = written {
            return fail(tr!("cli-report-write-failed", file = path, error = e));
        }
    }
    ExitCode::from(rep.exit_code())
}

fn review(
    file: &std::path::Path,
    ledger: Option<&std::path::Path>,
    sheet: Option<String>,
    as_of: Option<jiff::civil::Date>,
    output: &std::path::Path,
    read: &ReadArgs,
) -> ExitCode {
    let opts = match options(read) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return fail(tr!("cli-cannot-read", file = file.display(), error = e)),
    };
    let reviewed = match zhenggai::write::review::load(&bytes, &file.to_string_lossy(), &opts) {
        Ok(r) => r,
        Err(e) => return fail(format!("{}: {}", file.display(), e.localized())),
    };
    let report = match ledger {
        None => None,
        Some(l) => {
            let mut vopts = zhenggai::ledger::ValidateOptions::new();
            vopts.sheet = sheet;
            vopts.as_of = as_of;
            vopts.year = read.year;
            vopts.units = opts.units.clone();
            let checked = std::fs::read(l)
                .map_err(|e| tr!("batch-cannot-read", error = e))
                .and_then(|b| {
                    zhenggai::ledger::validate_bytes(
                        &reviewed.plan,
                        &b,
                        &l.to_string_lossy(),
                        &vopts,
                    )
                    .map_err(|e| e.localized())
                });
            match checked {
                Ok(r) => Some(r),
                Err(e) => return fail(format!("{}: {e}", l.display())),
            }
        }
    };
    let page = match zhenggai::write::review::render(&reviewed, report.as_ref(), as_of) {
        Ok(p) => p,
        Err(e) => return fail(e.localized()),
    };
    if let Err(e) = zhenggai::batch::write_atomic(output, page.html.as_bytes()) {
        return fail(tr!("cli-cannot-write", file = output.display(), error = e));
    }
    // The page is written either way (it shows the errors); the exit code
    // says whether the plan is usable, as extract's does.
    match zhenggai::diag::errors(&reviewed.plan.diagnostics).next() {
        Some(d) => {
            eprintln!("zhenggai: {}: {}: {}", file.display(), d.code, d.message);
            ExitCode::from(1)
        }
        None => ExitCode::SUCCESS,
    }
}

/// The batch command's switches.
struct Flags {
    force: bool,
    quiet: bool,
    pretty: bool,
    review: bool,
}

fn batch(
    paths: &[String],
    out: PathBuf,
    jobs: usize,
    format: BatchFormat,
    timeout: f64,
    flags: Flags,
    read: &ReadArgs,
) -> ExitCode {
    let Flags {
        force,
        quiet,
        pretty,
        review,
    } = flags;
    let extract = match options(read) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    if !(timeout > 0.0 && timeout.is_finite()) {
        return fail(tr!("cli-timeout-invalid"));
    }
    let (inputs, skipped) = zhenggai::batch::collect_inputs(paths);
    if inputs.is_empty() {
        return fail(tr!("cli-no-inputs"));
    }
    let opts = zhenggai::batch::BatchOptions {
        out_dir: out,
        jobs,
        format: match format {
            BatchFormat::Json => zhenggai::batch::OutputFormat::Json,
            BatchFormat::Jsonl => zhenggai::batch::OutputFormat::Jsonl,
        },
        timeout: Duration::from_secs_f64(timeout),
        force,
        pretty,
        extract,
    };
    let bar = if !quiet && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        let template = format!(
            "{{bar:40}} {{pos}}/{{len}} {}  {{per_sec}}  ETA {{eta}}  {{wide_msg}}",
            tr!("batch-progress-files")
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
            bar.set_style(style);
        }
        Some(bar)
    } else {
        None
    };
    let on_done = |p: &std::path::Path| {
        if let Some(b) = &bar {
            b.set_message(p.display().to_string());
            b.inc(1);
        }
    };
    let summary = match zhenggai::batch::run(&inputs, skipped, &opts, &on_done) {
        Ok(s) => s,
        Err(e) => return fail(format!("{}: {}", opts.out_dir.display(), e.localized())),
    };
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !quiet {
        eprintln!(
            "{}",
            tr!(
                "batch-summary",
                inputs = summary.inputs,
                ok = summary.ok,
                unchanged = summary.unchanged,
                flagged = summary.flagged.len(),
                failed = summary.failed.len(),
                skipped = summary.skipped.len(),
                problems = summary.problems,
                seconds = format!("{:.2}", summary.elapsed_s)
            )
        );
        for f in &summary.flagged {
            eprintln!(
                "  {}",
                tr!("batch-with-errors", file = f.path, error = f.error)
            );
        }
        for f in &summary.failed {
            eprintln!("  {}", tr!("batch-failed", file = f.path, error = f.error));
        }
    }
    if review {
        match zhenggai::batch::review_pages(&inputs, &opts) {
            Ok(index) if !quiet => {
                eprintln!("{}", tr!("batch-review-pages", path = index.display()))
            }
            Ok(_) => {}
            Err(e) => return fail(format!("{}: {}", opts.out_dir.display(), e.localized())),
        }
    }
    if summary.failed.is_empty() && summary.flagged.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `zhenggai codes`: every code with its level and meaning in both
/// languages (the README's table is the `md` output).
fn codes(format: CodesFormat) -> ExitCode {
    use zhenggai::diag::{Code, Kind, Level};
    let level = |l: Level| match l {
        Level::Info => "info",
        Level::Warning => "warning",
        Level::Error => "error",
    };
    let kind = |k: Kind| match k {
        Kind::Diagnostic => "diagnostic",
        Kind::Finding => "finding",
    };
    let out = match format {
        CodesFormat::Md => zhenggai::diag::codes::markdown_table(),
        CodesFormat::Json => {
            let rows: Vec<serde_json::Value> = Code::ALL
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "code": c.as_str(),
                        "level": level(c.level()),
                        "kind": kind(c.kind()),
                        "meaning": { "zh-CN": c.meaning(Lang::Zh), "en": c.meaning(Lang::En) },
                    })
                })
                .collect();
            serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
        }
        CodesFormat::Text => {
            let mut s = format!(
                "{}\t{}\t{}\t{}\t{}\n",
                tr!("codes-code"),
                tr!("codes-level"),
                tr!("codes-kind"),
                tr!("codes-meaning-zh"),
                tr!("codes-meaning-en")
            );
            for c in Code::ALL {
                s.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    c.as_str(),
                    tr!(&format!("level-{}", level(c.level()))),
                    tr!(&format!("kind-{}", kind(c.kind()))),
                    c.meaning(Lang::Zh),
                    c.meaning(Lang::En)
                ));
            }
            s
        }
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}
