//! Batch conversion: many files in parallel, one bad file never stopping
//! or corrupting the rest.
//!
//! Each rayon worker hands its inputs to a guard thread of its own, so a
//! panic is caught (`catch_unwind`) and a runaway file is reported as a
//! timeout instead of hanging the batch (the stuck guard is abandoned and
//! the worker starts a fresh one). Every output is written to a
//! temporary file in the output directory and renamed into place, so a
//! killed run never leaves half-written output. A manifest remembers each
//! input's sha256 and the options it was converted with; a re-run skips
//! inputs whose output is still current.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::diag::{Error, Result};
use crate::{Options, Plan};

/// File extensions a directory walk picks up.
pub const EXTENSIONS: &[&str] = &[
    "md", "markdown", "txt", "text", "pdf", "docx", "html", "htm", "shtml", "xhtml",
];

/// Name of the manifest kept in the output directory.
pub const MANIFEST: &str = ".zhenggai-batch.json";

/// Output layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// One `<name>.json` plan per input.
    #[default]
    Json,
    /// One `<name>.jsonl` per input (a problem per line) and all of them
    /// concatenated in input order into `problems.jsonl`.
    Jsonl,
}

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub out_dir: PathBuf,
    /// Worker threads; 0 = one per core.
    pub jobs: usize,
    pub format: OutputFormat,
    /// Per-file time limit.
    pub timeout: Duration,
    /// Redo inputs even when their output is current.
    pub force: bool,
    /// Indent the `.json` outputs (compact by default, as `extract`).
    pub pretty: bool,
    pub extract: Options,
}

/// One input that failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    pub path: String,
    pub error: String,
}

/// One path that was not an input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skip {
    pub path: String,
    pub reason: String,
}

/// What a batch did; also written as `summary.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub inputs: usize,
    pub ok: usize,
    /// Inputs skipped because their output was current (counted in `ok`).
    pub unchanged: usize,
    pub failed: Vec<Failure>,
    pub skipped: Vec<Skip>,
    pub problems: usize,
    pub diagnostics: BTreeMap<String, usize>,
    pub elapsed_s: f64,
}

/// Expand command-line paths: files as given, directories walked
/// recursively by extension, glob patterns. Paths that match nothing or
/// have an unsupported extension are returned as skipped.
pub fn collect_inputs(paths: &[String]) -> (Vec<PathBuf>, Vec<Skip>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let supported = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
    };
    for raw in paths {
        let p = Path::new(raw);
        if p.is_dir() {
            for entry in walkdir::WalkDir::new(p)
                .follow_links(true)
                .sort_by_file_name()
            {
                match entry {
                    Ok(e) if e.file_type().is_file() => {
                        if supported(e.path()) {
                            files.push(e.into_path());
                        } else if !is_hidden(e.path()) {
                            skipped.push(Skip {
                                path: e.path().display().to_string(),
                                reason: "unsupported file type".into(),
                            });
                        }
                    }
                    Ok(_) => {}
                    Err(err) => skipped.push(Skip {
                        path: err
                            .path()
                            .map_or_else(|| raw.clone(), |p| p.display().to_string()),
                        reason: err.to_string(),
                    }),
                }
            }
        } else if p.is_file() {
            // A file named explicitly is read whatever its extension:
            // format detection looks at the content.
            files.push(p.to_path_buf());
        } else if raw.contains(['*', '?', '[']) {
            match glob::glob(raw) {
                Ok(hits) => {
                    let mut any = false;
                    for hit in hits.flatten() {
                        if hit.is_file() && supported(&hit) {
                            files.push(hit);
                            any = true;
                        }
                    }
                    if !any {
                        skipped.push(Skip {
                            path: raw.clone(),
                            reason: "the pattern matches no supported file".into(),
                        });
                    }
                }
                Err(e) => skipped.push(Skip {
                    path: raw.clone(),
                    reason: format!("bad pattern: {e}"),
                }),
            }
        } else {
            skipped.push(Skip {
                path: raw.clone(),
                reason: "no such file or directory".into(),
            });
        }
    }
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    (files, skipped)
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Unique output stems: the file stem, with a counter when inputs share it.
pub fn output_names(inputs: &[PathBuf]) -> Vec<String> {
    let mut used: HashMap<String, usize> = HashMap::new();
    inputs
        .iter()
        .map(|p| {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "input".into());
            let n = used.entry(stem.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { stem } else { format!("{stem}-{n}") }
        })
        .collect()
}

/// What the manifest remembers about one output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    input: String,
    sha256: String,
    options: String,
    problems: usize,
    diagnostics: BTreeMap<String, usize>,
}

/// A fingerprint of everything that changes an output.
fn options_key(opts: &BatchOptions) -> String {
    format!(
        "v{}|{:?}|pretty={}|year={:?}|region={:?}|units={}|pw={}",
        env!("CARGO_PKG_VERSION"),
        opts.format,
        opts.pretty,
        opts.extract.year,
        opts.extract.region,
        opts.extract.units_source.as_deref().unwrap_or("builtin"),
        opts.extract.password.is_some()
    )
}

/// Outcome of one input.
enum Outcome {
    Done(Entry),
    Unchanged(Entry),
    Failed(Failure),
}

/// Run a batch over `inputs`. `on_done` is called after each input (for a
/// progress bar) from worker threads.
pub fn run(
    inputs: &[PathBuf],
    skipped: Vec<Skip>,
    opts: &BatchOptions,
    on_done: &(dyn Fn(&Path) + Sync),
) -> Result<Summary> {
    let started = Instant::now();
    std::fs::create_dir_all(&opts.out_dir)?;
    let manifest_path = opts.out_dir.join(MANIFEST);
    let manifest: HashMap<String, Entry> = std::fs::read(&manifest_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let names = output_names(inputs);
    let key = options_key(opts);
    let ext = match opts.format {
        OutputFormat::Json => "json",
        OutputFormat::Jsonl => "jsonl",
    };
    // One shared copy of the extraction options (the unit dictionary is
    // large) for every guard thread.
    let shared = Arc::new(opts.extract.clone());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .build()
        .map_err(|e| Error::Other(format!("cannot start worker threads: {e}")))?;
    let outcomes: Vec<(String, Outcome)> = pool.install(|| {
        inputs
            .par_iter()
            .zip(names.par_iter())
            .map(|(input, name)| {
                let out_file = opts.out_dir.join(format!("{name}.{ext}"));
                let o = one(
                    input,
                    &out_file,
                    manifest.get(name.as_str()),
                    &key,
                    opts,
                    &shared,
                );
                on_done(input);
                (name.clone(), o)
            })
            .collect()
    });
    let mut summary = Summary {
        inputs: inputs.len(),
        skipped,
        ..Summary::default()
    };
    let mut new_manifest = HashMap::new();
    let mut ok_names = Vec::new();
    for (name, o) in outcomes {
        if matches!(o, Outcome::Unchanged(_)) {
            summary.unchanged += 1;
        }
        match o {
            Outcome::Done(e) | Outcome::Unchanged(e) => {
                summary.ok += 1;
                summary.problems += e.problems;
                for (c, n) in &e.diagnostics {
                    *summary.diagnostics.entry(c.clone()).or_default() += n;
                }
                ok_names.push(name.clone());
                new_manifest.insert(name, e);
            }
            Outcome::Failed(f) => summary.failed.push(f),
        }
    }
    if opts.format == OutputFormat::Jsonl {
        concat_jsonl(&opts.out_dir, &ok_names)?;
    }
    write_atomic(&manifest_path, &serde_json::to_vec_pretty(&new_manifest)?)?;
    summary.elapsed_s = started.elapsed().as_secs_f64();
    write_atomic(
        &opts.out_dir.join("summary.json"),
        &serde_json::to_vec_pretty(&summary)?,
    )?;
    Ok(summary)
}

/// Convert one input, or skip it when its output is current.
fn one(
    input: &Path,
    out_file: &Path,
    prev: Option<&Entry>,
    key: &str,
    opts: &BatchOptions,
    extract: &Arc<Options>,
) -> Outcome {
    let shown = input.display().to_string();
    let fail = |error: String| {
        Outcome::Failed(Failure {
            path: shown.clone(),
            error,
        })
    };
    let bytes = match std::fs::read(input) {
        Ok(b) => b,
        Err(e) => return fail(format!("cannot read: {e}")),
    };
    let sha = crate::sha256_hex(&bytes);
    if !opts.force
        && let Some(p) = prev
        && p.sha256 == sha
        && p.options == key
        && p.input == shown
        && out_file.is_file()
    {
        return Outcome::Unchanged(p.clone());
    }
    let size = bytes.len();
    let plan = match guarded(
        bytes,
        shown.clone(),
        sha.clone(),
        Arc::clone(extract),
        opts.timeout,
    ) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let rendered = match render(&plan, opts.format, opts.pretty, size) {
        Ok(r) => r,
        Err(e) => return fail(format!("cannot render output: {e}")),
    };
    if let Err(e) = write_atomic(out_file, &rendered) {
        return fail(format!("cannot write {}: {e}", out_file.display()));
    }
    let mut diagnostics = BTreeMap::new();
    for d in &plan.diagnostics {
        *diagnostics.entry(d.code.clone()).or_default() += 1;
    }
    Outcome::Done(Entry {
        input: shown,
        sha256: sha,
        options: key.to_string(),
        problems: plan.problems.len(),
        diagnostics,
    })
}

/// Extract on a guard thread: a panic becomes an error, and a file that
/// takes longer than `timeout` is abandoned (its thread finishes on its
/// own; its result is discarded).
fn guarded(
    bytes: Vec<u8>,
    path: String,
    sha256: String,
    opts: Arc<Options>,
    timeout: Duration,
) -> Result<Plan, String> {
    run_guarded(
        Box::new(move || crate::extract_hashed(&bytes, &path, sha256, &opts)),
        timeout,
    )
}

/// Work for a guard thread.
type Job = Box<dyn FnOnce() -> Result<Plan> + Send>;

/// A long-lived thread that runs one rayon worker's jobs, so a batch does
/// not pay for a new thread (stack, allocator heap) per file.
struct Guard {
    jobs: mpsc::Sender<Job>,
    results: mpsc::Receiver<std::thread::Result<Result<Plan>>>,
}

impl Guard {
    fn spawn() -> std::io::Result<Guard> {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (result_tx, results) = mpsc::channel();
        std::thread::Builder::new()
            .name("zhenggai extract".into())
            .spawn(move || {
                // Ends when its worker drops the guard (the batch is over,
                // or a job timed out and the guard was abandoned).
                for job in job_rx {
                    if result_tx.send(catch_unwind(AssertUnwindSafe(job))).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Guard { jobs, results })
    }
}

thread_local! {
    /// This worker thread's guard, started on first use.
    static GUARD: std::cell::RefCell<Option<Guard>> = const { std::cell::RefCell::new(None) };
}

/// Run `job` on this worker's guard thread with a time limit. A guard whose
/// job timed out or died is dropped, never reused: a late result can never
/// be taken for the next file's.
fn run_guarded(job: Job, timeout: Duration) -> Result<Plan, String> {
    GUARD.with(|cell| {
        let mut slot = cell.borrow_mut();
        let guard = match slot.take() {
            Some(g) => g,
            None => Guard::spawn().map_err(|e| format!("cannot start a worker thread: {e}"))?,
        };
        if guard.jobs.send(job).is_err() {
            return Err("the worker thread died".into());
        }
        let r = match guard.results.recv_timeout(timeout) {
            Ok(Ok(Ok(plan))) => Ok(plan),
            Ok(Ok(Err(e))) => Err(e.to_string()),
            Ok(Err(panic)) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                Err(format!(
                    "internal error (panic) while reading this file: {what}; please report it"
                ))
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                return Err(format!(
                    "timeout: not done after {} s",
                    timeout.as_secs_f64()
                ));
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err("the worker thread died".into());
            }
        };
        *slot = Some(guard);
        r
    })
}

/// The output for one plan; `size_hint` (the input's size) presizes the
/// buffer so a large plan is not copied while it grows.
fn render(plan: &Plan, format: OutputFormat, pretty: bool, size_hint: usize) -> Result<Vec<u8>> {
    Ok(match format {
        OutputFormat::Json => {
            let mut v = Vec::with_capacity(size_hint.saturating_mul(2).min(64 << 20));
            if pretty {
                serde_json::to_writer_pretty(&mut v, plan)?;
            } else {
                crate::write::json::write_compact(&mut v, plan)?;
            }
            v.push(b'\n');
            v
        }
        OutputFormat::Jsonl => crate::write::jsonl::render(std::slice::from_ref(plan))?,
    })
}

/// Concatenate the per-input JSONL files into `problems.jsonl`, streaming.
fn concat_jsonl(dir: &Path, names: &[String]) -> Result<()> {
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        for n in names {
            let mut f = std::fs::File::open(dir.join(format!("{n}.jsonl")))?;
            std::io::copy(&mut f, &mut w)?;
        }
        w.flush()?;
    }
    tmp.persist(dir.join("problems.jsonl"))
        .map_err(|e| Error::Io(e.error))?;
    Ok(())
}

/// Write `bytes` to `path` through a temporary file in the same directory
/// and a rename, so readers never see a partial file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".zhenggai-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // Temporary files are created private (0600); an output is an
    // ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    // No fsync: the rename already guarantees a killed run leaves either
    // the old file or the whole new one; syncing every output would make
    // a batch of small files disk-bound.
    tmp.persist(path).map_err(|e| Error::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_file_times_out_and_a_good_one_does_not() {
        let seed = include_str!("../fixtures/xiangtan-2018.md");
        let big = seed.repeat(40).into_bytes();
        let r = guarded(
            big,
            "big.md".into(),
            String::new(),
            Arc::new(Options::new()),
            Duration::from_millis(1),
        );
        assert!(r.is_err_and(|e| e.starts_with("timeout")));
        let r = guarded(
            seed.as_bytes().to_vec(),
            "seed.md".into(),
            crate::sha256_hex(seed.as_bytes()),
            Arc::new(Options::new()),
            Duration::from_secs(60),
        );
        assert!(r.is_ok_and(|p| p.problems.len() == 20));
    }

    #[test]
    fn a_panic_is_an_error_and_the_worker_goes_on() {
        let r = run_guarded(Box::new(|| panic!("boom")), Duration::from_secs(60));
        assert!(r.is_err_and(|e| e.contains("panic") && e.contains("boom")));
        let seed = include_str!("../fixtures/xiangtan-2018.md");
        for _ in 0..2 {
            let r = guarded(
                seed.as_bytes().to_vec(),
                "seed.md".into(),
                String::new(),
                Arc::new(Options::new()),
                Duration::from_secs(60),
            );
            assert!(r.is_ok_and(|p| p.problems.len() == 20));
        }
    }

    #[test]
    fn names_are_unique() {
        let n = output_names(&[
            PathBuf::from("a/plan.md"),
            PathBuf::from("b/plan.pdf"),
            PathBuf::from("c.md"),
        ]);
        assert_eq!(n, ["plan", "plan-2", "c"]);
    }
}
