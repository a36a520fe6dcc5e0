//! The `zhenggai` command line: argument parsing and rendering only.

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "zhenggai", version, about = "Chinese rectification plans → structured records")]
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.cmd {
        Cmd::Schema => {
            print!("{}", zhenggai::PLAN_SCHEMA);
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
