//! The `zhenggai` command line: argument parsing and rendering only.

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "zhenggai",
    version,
    about = "Chinese rectification plans → structured records"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Extract plans to JSON (FILE `-` = stdin).
    Extract {
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long)]
        pretty: bool,
        #[arg(short, long)]
        output: Option<String>,
        #[arg(long)]
        year: Option<i16>,
        #[arg(long)]
        password: Option<String>,
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
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum What {
    Date,
    Unit,
    Person,
}

/// One normalized expression as a JSON line.
fn normalize_one(
    what: What,
    text: &str,
    year: Option<i16>,
    region: Option<&str>,
    dict: &zhenggai::normalize::unit::UnitDict,
) -> String {
    use zhenggai::normalize::{date, person, unit};
    let mut diags = Vec::new();
    let v = match what {
        What::Date => serde_json::to_value(date::parse_terms(
            text,
            &date::DateContext { year },
            &mut diags,
        )),
        What::Unit => serde_json::to_value(unit::parse_units(
            text,
            &unit::UnitContext {
                region,
                dict,
                defaults: &[],
            },
            &mut diags,
        )),
        What::Person => serde_json::to_value(person::parse_persons(text, &mut diags)),
    };
    v.map(|v| v.to_string())
        .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
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
        } => {
            let dict = zhenggai::normalize::unit::UnitDict::builtin();
            let mut out = std::io::stdout().lock();
            match text {
                Some(t) => {
                    let _ = writeln!(
                        out,
                        "{}",
                        normalize_one(what, &t, year, region.as_deref(), &dict)
                    );
                }
                None => {
                    for line in std::io::stdin().lines() {
                        let Ok(line) = line else { break };
                        let _ = writeln!(
                            out,
                            "{}",
                            normalize_one(what, line.trim(), year, region.as_deref(), &dict)
                        );
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Cmd::Extract {
            files,
            pretty,
            output,
            year,
            password,
        } => {
            let mut opts = zhenggai::Options::new();
            opts.year = year;
            opts.password = password;
            let mut plans = Vec::new();
            for f in &files {
                let bytes = if f == "-" {
                    let mut b = Vec::new();
                    if let Err(e) = std::io::stdin().read_to_end(&mut b) {
                        eprintln!("zhenggai: -: {e}");
                        return ExitCode::from(2);
                    }
                    b
                } else {
                    match std::fs::read(f) {
                        Ok(b) => b,
                        Err(e) => {
                            eprintln!("zhenggai: {f}: cannot read: {e}");
                            return ExitCode::from(2);
                        }
                    }
                };
                match zhenggai::extract(&bytes, f, &opts) {
                    Ok(p) => plans.push(p),
                    Err(e) => {
                        eprintln!("zhenggai: {f}: {e}");
                        return ExitCode::from(2);
                    }
                }
            }
            let json = if plans.len() == 1 {
                if pretty {
                    serde_json::to_string_pretty(&plans[0])
                } else {
                    serde_json::to_string(&plans[0])
                }
            } else if pretty {
                serde_json::to_string_pretty(&plans)
            } else {
                serde_json::to_string(&plans)
            };
            let json = match json {
                Ok(j) => j,
                Err(e) => {
                    eprintln!("zhenggai: cannot render JSON: {e}");
                    return ExitCode::from(2);
                }
            };
            match output {
                Some(o) => {
                    if let Err(e) = std::fs::write(&o, json + "\n") {
                        eprintln!("zhenggai: {o}: cannot write: {e}");
                        return ExitCode::from(2);
                    }
                }
                None => {
                    let mut out = std::io::stdout().lock();
                    let _ = writeln!(out, "{json}");
                }
            }
            ExitCode::SUCCESS
        }
    }
}
