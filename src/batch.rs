//! Batch conversion: many files in parallel, one bad file never stopping
//! or corrupting the rest.
//!
//! Worker threads take inputs one at a time while the calling thread
//! watches them ([`run_each`]): a panic is caught (`catch_unwind`) and a
//! runaway file is reported as a timeout instead of hanging the batch (its
//! worker is abandoned and a fresh one takes its place). Every output is
//! written to a temporary file in the output directory and renamed into
//! place, so a killed run never leaves half-written output. A manifest remembers each
//! input's sha256 and the options it was converted with; a re-run skips
//! inputs whose output is still current.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

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
    /// Inputs converted with a clean result.
    pub ok: usize,
    /// Inputs skipped because their output was current (counted in `ok`
    /// or `flagged`, as their output is).
    pub unchanged: usize,
    /// Inputs read and written whose output carries an error-level
    /// diagnostic (no checklist found…): neither ok nor failed. `error`
    /// gives the first such diagnostic as `code: message`.
    #[serde(default)]
    pub flagged: Vec<Failure>,
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
                                reason: crate::tr!("batch-unsupported-type"),
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
    /// The output's first error-level diagnostic as `code: message`.
    #[serde(default)]
    error: Option<String>,
}

/// A fingerprint of everything that changes an output (and, by its `.2`,
/// of the manifest's entries, which since then remember the error-level
/// diagnostic).
fn options_key(opts: &BatchOptions) -> String {
    format!(
        "v{}.2|{:?}|pretty={}|year={:?}|date={:?}|region={:?}|units={}|pw={}|lang={}",
        env!("CARGO_PKG_VERSION"),
        opts.format,
        opts.pretty,
        opts.extract.year,
        opts.extract.date,
        opts.extract.region,
        opts.extract.units_source.as_deref().unwrap_or("builtin"),
        opts.extract.password.is_some(),
        // The messages of an output are in the language of its run: a run
        // in another language redoes it.
        crate::i18n::lang().tag()
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
    // Outputs are written by absolute path: a temporary file's name in a
    // relative directory costs a `getcwd` per file.
    let out_dir = std::path::absolute(&opts.out_dir)?;
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
    // One shared copy of everything a worker needs: workers outlive this
    // call when a file times out, so they own what they use.
    let work = Shared {
        inputs: inputs.to_vec(),
        out_files: names
            .iter()
            .map(|n| out_dir.join(format!("{n}.{ext}")))
            .collect(),
        previous: names
            .iter()
            .map(|n| manifest.get(n.as_str()).cloned())
            .collect(),
        key,
        format: opts.format,
        pretty: opts.pretty,
        force: opts.force,
        extract: {
            // Each worker's scans get its share of the cores for OCR.
            let mut e = opts.extract.clone();
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            let workers = if opts.jobs == 0 { cores } else { opts.jobs };
            e.ocr_jobs = (cores / workers.clamp(1, inputs.len().max(1))).max(1);
            e
        },
    };
    let mut outcomes: Vec<Option<Outcome>> = (0..inputs.len()).map(|_| None).collect();
    run_each(
        inputs.len(),
        opts.jobs,
        opts.timeout,
        move |i, clock| one(&work, i, clock),
        |i, r| {
            outcomes[i] = Some(r.unwrap_or_else(|error| {
                Outcome::Failed(Failure {
                    path: inputs[i].display().to_string(),
                    error,
                })
            }));
            on_done(&inputs[i]);
        },
    )?;
    let outcomes = names
        .iter()
        .cloned()
        .zip(outcomes)
        .filter_map(|(n, o)| Some((n, o?)));
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
                match &e.error {
                    Some(error) => summary.flagged.push(Failure {
                        path: e.input.clone(),
                        error: error.clone(),
                    }),
                    None => summary.ok += 1,
                }
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

/// `batch --review`: a review page `<name>.html` beside each output (the
/// same names) and `index.html` listing them, read anew from the inputs
/// with the batch's threads and time limit. Returns the index's path.
pub fn review_pages(inputs: &[PathBuf], opts: &BatchOptions) -> Result<PathBuf> {
    use crate::write::review;
    let out_dir = std::path::absolute(&opts.out_dir)?;
    let names = output_names(inputs);
    let mut entries: Vec<review::IndexEntry> = inputs
        .iter()
        .map(|p| review::IndexEntry {
            file: p.display().to_string(),
            link: None,
            stats: None,
            error: Some(timed_out()),
        })
        .collect();
    let work = (
        inputs.to_vec(),
        names.clone(),
        out_dir.clone(),
        opts.extract.clone(),
    );
    run_each(
        inputs.len(),
        opts.jobs,
        opts.timeout,
        move |i, clock| {
            let (inputs, names, dir, extract) = &work;
            let bytes = std::fs::read(&inputs[i])
                .map_err(|e| crate::tr!("batch-cannot-read", error = e))?;
            let shown = inputs[i].display().to_string();
            let r = review::load(&bytes, &shown, extract).map_err(|e| e.localized())?;
            let page = review::render(&r, None, None).map_err(|e| e.localized())?;
            if !clock.stop() {
                return Err(timed_out());
            }
            let file = format!("{}.html", names[i]);
            write_atomic(&dir.join(&file), page.html.as_bytes())
                .map_err(|e| crate::tr!("batch-cannot-write", file = file, error = e))?;
            Ok((file, page.stats))
        },
        |i, r| {
            entries[i] = match r {
                Ok((file, stats)) => review::IndexEntry {
                    link: Some(file),
                    stats: Some(stats),
                    error: None,
                    ..entries[i].clone()
                },
                Err(e) => review::IndexEntry {
                    error: Some(e),
                    ..entries[i].clone()
                },
            };
        },
    )?;
    let index = out_dir.join("index.html");
    write_atomic(&index, review::render_index(&entries)?.as_bytes())?;
    Ok(index)
}

/// What every worker of a batch reads.
struct Shared {
    inputs: Vec<PathBuf>,
    out_files: Vec<PathBuf>,
    /// The manifest's entry for each input, from the previous run.
    previous: Vec<Option<Entry>>,
    /// [`options_key`] of this run.
    key: String,
    format: OutputFormat,
    pretty: bool,
    force: bool,
    extract: Options,
}

/// Convert input `i`, or skip it when its output is current. Reading,
/// extracting and rendering run under the file's time limit; the output
/// is written only if the clock is stopped in time.
fn one(work: &Shared, i: usize, clock: &Clock) -> Result<Outcome, String> {
    let input = &work.inputs[i];
    let out_file = &work.out_files[i];
    let shown = input.display().to_string();
    let bytes = std::fs::read(input).map_err(|e| crate::tr!("batch-cannot-read", error = e))?;
    let sha = crate::sha256_hex(&bytes);
    if !work.force
        && let Some(p) = &work.previous[i]
        && p.sha256 == sha
        && p.options == work.key
        && p.input == shown
        && out_file.is_file()
    {
        return Ok(Outcome::Unchanged(p.clone()));
    }
    let plan = crate::extract_hashed(&bytes, &shown, sha.clone(), &work.extract)
        .map_err(|e| e.localized())?;
    let rendered = render(&plan, work.format, work.pretty, bytes.len())
        .map_err(|e| crate::tr!("batch-cannot-render", error = e.localized()))?;
    if !clock.stop() {
        return Err(timed_out());
    }
    write_atomic(out_file, &rendered)
        .map_err(|e| crate::tr!("batch-cannot-write", file = out_file.display(), error = e))?;
    let mut diagnostics = BTreeMap::new();
    for d in &plan.diagnostics {
        *diagnostics.entry(d.code.clone()).or_default() += 1;
    }
    Ok(Outcome::Done(Entry {
        input: shown,
        sha256: sha,
        options: work.key.clone(),
        problems: plan.problems.len(),
        diagnostics,
        error: crate::diag::errors(&plan.diagnostics)
            .next()
            .map(|d| format!("{}: {}", d.code, d.message)),
    }))
}

/// The result a worker gives for a file the batch already reported as
/// timed out; it is never recorded.
fn timed_out() -> String {
    crate::tr!("batch-timed-out")
}

/// What one worker thread is doing: the item it works on and since when.
/// The watcher takes the item away when its time is up.
type Slot = Mutex<Option<(usize, Instant)>>;

/// Lock `m`, whatever a panicking holder left: every value kept under
/// these locks is whole between statements.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// One item's time limit, as its work sees it.
pub(crate) struct Clock<'a> {
    slot: &'a Slot,
    /// The answer of the first [`Clock::stop`].
    stopped: std::cell::Cell<Option<bool>>,
}

impl Clock<'_> {
    /// Stop the clock before a side effect (writing the output): true when
    /// the item is still this worker's, false when its time ran out and
    /// the batch already reported it, in which case the work must be
    /// dropped. Once stopped, the item no longer times out.
    fn stop(&self) -> bool {
        if let Some(ours) = self.stopped.get() {
            return ours;
        }
        let ours = lock(self.slot).take().is_some();
        self.stopped.set(Some(ours));
        ours
    }
}

/// The work of a batch, the next item to take and the finished ones.
struct Queue<W, T> {
    work: W,
    next: AtomicUsize,
    n: usize,
    /// Finished items the watcher has not recorded yet.
    done: Mutex<Vec<(usize, Result<T, String>)>>,
    /// Rung by a worker that finds no item left: the batch may be over.
    /// Not rung per item: a wake-up per file costs the workers more than
    /// the watcher's look at the finished items every tick.
    idle: Condvar,
}

/// Run `work(i)` for every `i` in `0..n` on `jobs` threads (0 = one per
/// core) and hand each result to `record` on this thread, in the order
/// they finish.
///
/// Every item has a time limit, and a thread cannot be cancelled, so this
/// thread watches the workers: an item still running after `timeout` is
/// recorded as a timeout at once, its worker is abandoned (it finishes on
/// its own, its result is dropped and it takes no further item) and a new
/// worker takes its place. A panic in `work` is caught and recorded as
/// that item's error; its worker goes on with the next item. Items run on
/// the worker threads themselves, with no hand-off or wake-up per item
/// (each costs thread switches, a large part of a small file's time), and
/// memory is bounded by the items in flight.
///
/// This is why the batch does not use rayon: its tasks cannot be
/// abandoned, so a stuck file would hold one of its threads to the end,
/// and with `--jobs 1` hang the batch.
pub(crate) fn run_each<T, W>(
    n: usize,
    jobs: usize,
    timeout: Duration,
    work: W,
    mut record: impl FnMut(usize, Result<T, String>),
) -> Result<()>
where
    T: Send + 'static,
    W: Fn(usize, &Clock) -> Result<T, String> + Send + Sync + 'static,
{
    let jobs = match jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        j => j,
    }
    .min(n);
    let queue = Arc::new(Queue {
        work,
        next: AtomicUsize::new(0),
        n,
        done: Mutex::new(Vec::new()),
        idle: Condvar::new(),
    });
    let mut workers: Vec<Arc<Slot>> = Vec::with_capacity(jobs);
    for k in 0..jobs {
        workers.push(start_worker(&queue, k)?);
    }
    // Worker threads started so far, for their names.
    let mut started = jobs;
    let tick = (timeout / 4).clamp(Duration::from_millis(1), Duration::from_millis(100));
    let mut pending = n;
    let mut finished = Vec::new();
    while pending > 0 {
        {
            let mut done = lock(&queue.done);
            if done.is_empty() {
                done = queue
                    .idle
                    .wait_timeout(done, tick)
                    .map_or_else(|p| p.into_inner().0, |(g, _)| g);
            }
            std::mem::swap(&mut *done, &mut finished);
        }
        for (i, r) in finished.drain(..) {
            record(i, r);
            pending -= 1;
        }
        let mut k = 0;
        while k < workers.len() {
            let expired = {
                let mut current = lock(&workers[k]);
                match *current {
                    Some((i, since)) if since.elapsed() >= timeout => {
                        *current = None;
                        Some(i)
                    }
                    _ => None,
                }
            };
            let Some(i) = expired else {
                k += 1;
                continue;
            };
            record(
                i,
                Err(format!(
                    "timeout: not done after {} s",
                    timeout.as_secs_f64()
                )),
            );
            pending -= 1;
            workers.swap_remove(k);
            if queue.next.load(Ordering::Relaxed) < n {
                workers.push(start_worker(&queue, started)?);
                started += 1;
            }
        }
    }
    Ok(())
}

/// Start worker thread number `k`: it takes items from `queue` until there
/// are none left or its time ran out on one.
fn start_worker<T, W>(queue: &Arc<Queue<W, T>>, k: usize) -> Result<Arc<Slot>>
where
    T: Send + 'static,
    W: Fn(usize, &Clock) -> Result<T, String> + Send + Sync + 'static,
{
    let slot: Arc<Slot> = Arc::new(Mutex::new(None));
    let (queue, mine) = (Arc::clone(queue), Arc::clone(&slot));
    std::thread::Builder::new()
        .name(format!("zhenggai worker {k}"))
        .spawn(move || {
            loop {
                let i = queue.next.fetch_add(1, Ordering::Relaxed);
                if i >= queue.n {
                    queue.idle.notify_all();
                    break;
                }
                *lock(&mine) = Some((i, Instant::now()));
                let clock = Clock {
                    slot: &mine,
                    stopped: std::cell::Cell::new(None),
                };
                let r = catch_unwind(AssertUnwindSafe(|| (queue.work)(i, &clock)))
                    .unwrap_or_else(|panic| Err(panic_message(panic.as_ref())));
                // A result whose time ran out was already reported: drop
                // it, and stop, since another worker has taken this one's
                // place.
                if !clock.stop() {
                    break;
                }
                lock(&queue.done).push((i, r));
            }
        })
        .map_err(|e| Error::Other(format!("cannot start a worker thread: {e}")))?;
    Ok(slot)
}

/// A panic as a file's error.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    format!("internal error (panic) while reading this file: {what}; please report it")
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
    let mut tmp = temp_in(dir)?;
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

/// A temporary file in `dir` for an output about to be renamed into place.
/// Temporary files are private (0600) by default; an output is an ordinary
/// file, so it is created like any other: 0666 less the umask, with no
/// chmod call per file.
fn temp_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".zhenggai-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(dir)
}

/// Write `bytes` to `path` through a temporary file in the same directory
/// and a rename, so readers never see a partial file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    // An existing path that is no regular file (/dev/null, /dev/stdout, a
    // FIFO) is written as it is: a rename would replace the device or pipe
    // with a regular file — `-o /dev/null` once turned the machine's
    // /dev/null into one.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .write_all(bytes)?;
        return Ok(());
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = temp_in(dir)?;
    tmp.write_all(bytes)?;
    // No fsync: the rename already guarantees a killed run leaves either
    // the old file or the whole new one; syncing every output would make
    // a batch of small files disk-bound.
    tmp.persist(path).map_err(|e| Error::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `-o /dev/null` and other special files are written in place, never
    /// replaced by a renamed regular file.
    #[cfg(unix)]
    #[test]
    fn special_files_are_written_not_replaced() {
        let null = Path::new("/dev/null");
        write_atomic(null, b"plan").unwrap();
        let m = std::fs::metadata(null).unwrap();
        assert!(!m.is_file(), "/dev/null became a regular file");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let reader = std::thread::spawn({
                let fifo = fifo.clone();
                move || std::fs::read(fifo).unwrap()
            });
            write_atomic(&fifo, b"plan").unwrap();
            assert_eq!(reader.join().unwrap(), b"plan");
            assert!(!std::fs::metadata(&fifo).unwrap().is_file());
        }
        let file = dir.path().join("out.json");
        write_atomic(&file, b"one").unwrap();
        write_atomic(&file, b"two").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"two");
    }

    /// Run `work` over `n` items and collect the results by item.
    fn each(
        n: usize,
        jobs: usize,
        timeout: Duration,
        work: impl Fn(usize, &Clock) -> Result<usize, String> + Send + Sync + 'static,
    ) -> Vec<Option<Result<usize, String>>> {
        let mut got = vec![None; n];
        let r = run_each(n, jobs, timeout, work, |i, r| {
            assert!(got[i].is_none(), "item {i} recorded twice");
            got[i] = Some(r);
        });
        assert!(r.is_ok());
        got
    }

    #[test]
    fn a_slow_item_times_out_and_a_new_worker_does_the_rest() {
        // One worker: the rest can only be done if the stuck one is
        // replaced.
        let got = each(4, 1, Duration::from_millis(250), |i, _| {
            if i == 1 {
                std::thread::sleep(Duration::from_secs(3));
            }
            Ok(i * 10)
        });
        assert_eq!(got[0], Some(Ok(0)));
        assert!(matches!(&got[1], Some(Err(e)) if e.starts_with("timeout")));
        assert_eq!(got[2], Some(Ok(20)));
        assert_eq!(got[3], Some(Ok(30)));
    }

    #[test]
    fn a_late_item_may_not_write_its_output() {
        let wrote = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&wrote);
        // Generous margins: the watcher must see the item first even on a
        // loaded machine.
        let got = each(1, 1, Duration::from_millis(50), move |i, clock| {
            std::thread::sleep(Duration::from_secs(1));
            if clock.stop() {
                seen.fetch_add(1, Ordering::SeqCst);
            }
            Ok(i)
        });
        assert!(matches!(&got[0], Some(Err(e)) if e.starts_with("timeout")));
        std::thread::sleep(Duration::from_millis(1500));
        assert_eq!(wrote.load(Ordering::SeqCst), 0, "the clock had run out");
    }

    #[test]
    fn a_panic_is_that_items_error_and_the_worker_goes_on() {
        let got = each(3, 1, Duration::from_secs(60), |i, _| {
            if i == 1 {
                panic!("boom");
            }
            Ok(i)
        });
        assert_eq!(got[0], Some(Ok(0)));
        assert!(matches!(&got[1], Some(Err(e)) if e.contains("panic") && e.contains("boom")));
        assert_eq!(got[2], Some(Ok(2)));
    }

    #[test]
    fn a_converted_input_is_written_and_a_current_one_skipped() {
        let seed = include_str!("../fixtures/xiangtan-2018.md");
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let input = dir.path().join("seed.md");
        std::fs::write(&input, seed).unwrap_or_else(|e| panic!("{e}"));
        let mut work = Shared {
            inputs: vec![input.clone()],
            out_files: vec![dir.path().join("seed.json")],
            previous: vec![None],
            key: "k".into(),
            format: OutputFormat::Json,
            pretty: false,
            force: false,
            extract: Options::new(),
        };
        let clock = |slot| Clock {
            slot,
            stopped: std::cell::Cell::new(None),
        };
        let slot: Slot = Mutex::new(Some((0, Instant::now())));
        let Ok(Outcome::Done(entry)) = one(&work, 0, &clock(&slot)) else {
            panic!("the seed converts");
        };
        assert_eq!(entry.problems, 20);
        assert!(work.out_files[0].is_file());
        work.previous[0] = Some(entry);
        let slot: Slot = Mutex::new(Some((0, Instant::now())));
        assert!(matches!(
            one(&work, 0, &clock(&slot)),
            Ok(Outcome::Unchanged(_))
        ));
        // The clock ran out before the output was written: no output.
        std::fs::remove_file(&work.out_files[0]).unwrap_or_else(|e| panic!("{e}"));
        work.previous[0] = None;
        let slot: Slot = Mutex::new(None);
        assert!(one(&work, 0, &clock(&slot)).is_err());
        assert!(!work.out_files[0].exists());
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
