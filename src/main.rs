//! The `zhenggai` command line: argument parsing and rendering only; all
//! logic lives in the library.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use zhenggai::normalize::unit::UnitDict;

#[derive(Parser)]
#[command(
    name = "zhenggai",
    version,
    about = "Chinese rectification plans (整改方案) → structured records"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

/// Options that change how a plan is read.
#[derive(Args, Clone)]
struct ReadArgs {
    /// Year for expressions without one (年底前, 9月底前), when the plan's
    /// own dates do not give it.
    #[arg(long)]
    year: Option<i16>,
    /// Password of an encrypted PDF.
    #[arg(long)]
    password: Option<String>,
    /// Extra unit dictionary entries (TSV, same format as the shipped one).
    #[arg(long, value_name = "FILE")]
    units: Option<PathBuf>,
    /// Region to assume when the plan does not name one (湘潭市).
    #[arg(long)]
    region: Option<String>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Extract plans to JSON (FILE `-` = stdin); several files → a JSON array.
    Extract {
        #[arg(required = true)]
        files: Vec<String>,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
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
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print the JSON Schema of the output.
    Schema,
    /// Normalize one expression (or one per stdin line) for checking a value.
    Normalize {
        #[arg(value_enum)]
        what: What,
        /// The expression; without it, read one per line from stdin.
        text: Option<String>,
        /// Document year for expressions without one.
        #[arg(long)]
        year: Option<i16>,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Schema => {
            print!("{}", zhenggai::PLAN_SCHEMA);
            ExitCode::SUCCESS
        }
        Cmd::Normalize {
            what,
            text,
            year,
            region,
            units,
        } => match load_units(units.as_ref()) {
            Ok((dict, _)) => normalize(what, text, year, region.as_deref(), &dict),
            Err(e) => fail(e),
        },
        Cmd::Extract {
            files,
            pretty,
            output,
            read,
        } => extract(&files, pretty, output.as_ref(), &read),
        Cmd::Batch {
            paths,
            out,
            jobs,
            format,
            timeout,
            force,
            quiet,
            read,
        } => batch(&paths, out, jobs, format, timeout, force, quiet, &read),
    }
}

/// The shipped dictionary plus a user file, and the file's fingerprint.
fn load_units(path: Option<&PathBuf>) -> Result<(UnitDict, Option<String>), String> {
    let mut dict = UnitDict::builtin();
    let Some(p) = path else {
        return Ok((dict, None));
    };
    let text = std::fs::read_to_string(p)
        .map_err(|e| format!("{}: cannot read the unit dictionary: {e}", p.display()))?;
    dict.extend_from_str(&text)
        .map_err(|e| format!("{}: {e}", p.display()))?;
    Ok((dict, Some(zhenggai::sha256_hex(text.as_bytes()))))
}

fn options(read: &ReadArgs) -> Result<zhenggai::Options, String> {
    let (units, units_source) = load_units(read.units.as_ref())?;
    Ok(zhenggai::Options {
        year: read.year,
        password: read.password.clone(),
        units,
        region: read.region.clone(),
        units_source,
    })
}

fn normalize(
    what: What,
    text: Option<String>,
    year: Option<i16>,
    region: Option<&str>,
    dict: &UnitDict,
) -> ExitCode {
    use zhenggai::normalize::{date, person, unit};
    let one = |text: &str| -> String {
        let mut diags = Vec::new();
        let v = match what {
            What::Date => serde_json::to_string(&date::parse_terms(
                text,
                &date::DateContext { year },
                &mut diags,
            )),
            What::Unit => serde_json::to_string(&unit::parse_units(
                text,
                &unit::UnitContext {
                    region,
                    dict,
                    defaults: &[],
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

fn extract(files: &[String], pretty: bool, output: Option<&PathBuf>, read: &ReadArgs) -> ExitCode {
    let opts = match options(read) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let mut plans = Vec::new();
    for f in files {
        let bytes = if f == "-" {
            let mut b = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut b) {
                return fail(format!("-: cannot read standard input: {e}"));
            }
            b
        } else {
            match std::fs::read(f) {
                Ok(b) => b,
                Err(e) => return fail(format!("{f}: cannot read: {e}")),
            }
        };
        match zhenggai::extract(&bytes, f, &opts) {
            Ok(p) => plans.push(p),
            Err(e) => return fail(format!("{f}: {e}")),
        }
    }
    let json = match (plans.len() == 1, pretty) {
        (true, true) => serde_json::to_string_pretty(&plans[0]),
        (true, false) => serde_json::to_string(&plans[0]),
        (false, true) => serde_json::to_string_pretty(&plans),
        (false, false) => serde_json::to_string(&plans),
    };
    let mut json = match json {
        Ok(j) => j,
        Err(e) => return fail(format!("cannot render JSON: {e}")),
    };
    json.push('\n');
    match output {
        Some(o) => {
            if let Err(e) = zhenggai::batch::write_atomic(o, json.as_bytes()) {
                return fail(format!("{}: cannot write: {e}", o.display()));
            }
        }
        None => {
            let _ = std::io::stdout().lock().write_all(json.as_bytes());
        }
    }
    ExitCode::SUCCESS
}

#[allow(clippy::too_many_arguments)]
fn batch(
    paths: &[String],
    out: PathBuf,
    jobs: usize,
    format: BatchFormat,
    timeout: f64,
    force: bool,
    quiet: bool,
    read: &ReadArgs,
) -> ExitCode {
    let extract = match options(read) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    if !(timeout > 0.0 && timeout.is_finite()) {
        return fail("--timeout must be a positive number of seconds");
    }
    let (inputs, skipped) = zhenggai::batch::collect_inputs(paths);
    if inputs.is_empty() {
        return fail("no input files found (supported: .md .txt .pdf .docx .html)");
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
        extract,
    };
    let bar = if !quiet && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} files  {per_sec}  ETA {eta}  {wide_msg}",
        ) {
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
        Err(e) => return fail(format!("{}: {e}", opts.out_dir.display())),
    };
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !quiet {
        eprintln!(
            "{} files: {} ok ({} unchanged), {} failed, {} skipped; {} problems; {:.2} s",
            summary.inputs,
            summary.ok,
            summary.unchanged,
            summary.failed.len(),
            summary.skipped.len(),
            summary.problems,
            summary.elapsed_s
        );
        for f in &summary.failed {
            eprintln!("  failed: {}: {}", f.path, f.error);
        }
    }
    if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
