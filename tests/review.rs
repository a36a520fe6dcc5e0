//! The review page (`zhenggai review`, `batch --review`) in a real browser:
//! Debian's `chromium`, headless, driven through the DevTools protocol.
//!
//! Pages of the seed plan (Markdown), the checklist-table plan (DOCX, the
//! reader's blocks), the same table as PDF (pages) and the seed with a
//! ledger that differs from it are loaded from disk with the network
//! emulated off: no console errors or exceptions, no request but the page,
//! one card per problem, every problem's span highlightable, a field's
//! click lighting the source line that says it, a line's click showing its
//! problem, one timeline mark per dated problem. A screenshot of each page
//! is kept in `target/review-shots/`.
//!
//! Without a browser the test FAILS, saying how to install one
//! (`apt-get install -y chromium`, as `.ci/run` does); set `CHROME` to use
//! another binary.

mod common;

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Emulation, Network, Page};
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::Value;
use zhenggai::write::review;

use common::fixture;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhenggai"))
}

fn target_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(name);
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// The browser binary: `$CHROME`, else `chromium` (Debian) or
/// `chromium-browser` / `google-chrome` on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROME") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn launch(profile: &Path) -> Result<Browser, Box<dyn std::error::Error>> {
    let Some(path) = chromium() else {
        panic!(
            "review browser test: no chromium found. Install it as root with \
             `apt-get update && apt-get install -y chromium` (what .ci/run does), \
             or set CHROME to a Chromium binary"
        );
    };
    let args: Vec<&OsStr> = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        "--disable-default-apps",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--font-render-hinting=none",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    let opts = LaunchOptions::default_builder()
        .path(Some(path))
        .headless(true)
        .sandbox(false)
        .disable_default_args(true)
        .args(args)
        .user_data_dir(Some(profile.to_path_buf()))
        .window_size(Some((1400, 900)))
        .idle_browser_timeout(std::time::Duration::from_secs(120))
        .build()?;
    Ok(Browser::new(opts)?)
}

/// What the page said on its consoles and asked of the network.
#[derive(Default)]
struct Watch {
    errors: Vec<String>,
    requests: Vec<String>,
}

/// A tab and what it was seen doing.
type Opened = (Arc<Tab>, Arc<Mutex<Watch>>);

/// Open `page` in a new tab with the network off, watching for errors and
/// requests.
fn open(browser: &Browser, page: &Path) -> Result<Opened, Box<dyn std::error::Error>> {
    let tab = browser.new_tab()?;
    let watch = Arc::new(Mutex::new(Watch::default()));
    let w = Arc::clone(&watch);
    tab.add_event_listener(Arc::new(move |event: &Event| {
        let Ok(mut w) = w.lock() else { return };
        match event {
            Event::RuntimeExceptionThrown(e) => w
                .errors
                .push(format!("exception: {:?}", e.params.exception_details)),
            Event::RuntimeConsoleAPICalled(e)
                if matches!(
                    e.params.Type,
                    headless_chrome::protocol::cdp::Runtime::ConsoleAPICalledEventTypeOption::Error
                        | headless_chrome::protocol::cdp::Runtime::ConsoleAPICalledEventTypeOption::Warning
                ) =>
            {
                w.errors.push(format!("console: {:?}", e.params.args))
            }
            Event::LogEntryAdded(e)
                if matches!(
                    e.params.entry.level,
                    headless_chrome::protocol::cdp::Log::LogEntryLevel::Error
                ) =>
            {
                w.errors.push(format!("log: {}", e.params.entry.text))
            }
            Event::NetworkRequestWillBeSent(e) => w.requests.push(e.params.request.url.clone()),
            _ => {}
        }
    }))?;
    tab.enable_runtime()?;
    tab.enable_log()?;
    tab.call_method(Network::Enable {
        max_total_buffer_size: None,
        max_resource_buffer_size: None,
        max_post_data_size: None,
        report_direct_socket_traffic: None,
        enable_durable_messages: None,
    })?;
    tab.call_method(Network::EmulateNetworkConditions {
        offline: true,
        latency: 0.0,
        download_throughput: -1.0,
        upload_throughput: -1.0,
        connection_Type: None,
        packet_loss: None,
        packet_queue_length: None,
        packet_reordering: None,
    })?;
    let url = format!("file://{}", page.display());
    tab.navigate_to(&url)?.wait_until_navigated()?;
    tab.wait_for_element("body")?;
    Ok((tab, watch))
}

/// Evaluate `js` in the page and return its value (as JSON).
fn eval(tab: &Tab, js: &str) -> Result<Value, Box<dyn std::error::Error>> {
    let wrapped = format!("JSON.stringify((function(){{ {js} }})())");
    let v = tab.evaluate(&wrapped, false)?;
    let s = v
        .value
        .and_then(|v| v.as_str().map(str::to_string))
        .ok_or_else(|| format!("no value from: {js}"))?;
    Ok(serde_json::from_str(&s)?)
}

fn screenshot(tab: &Tab, name: &str) -> TestResult {
    let png = tab.capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)?;
    std::fs::write(target_dir("review-shots").join(format!("{name}.png")), png)?;
    Ok(())
}

/// Render the review page of a fixture (and a ledger) into target/.
fn page_of(
    rel: &str,
    ledger: Option<(&[u8], &str)>,
    as_of: Option<&str>,
    name: &str,
) -> Result<(PathBuf, review::Reviewed, usize), Box<dyn std::error::Error>> {
    let bytes = std::fs::read(fixture(rel))?;
    let r = review::load(&bytes, rel, &zhenggai::Options::new())?;
    let as_of = as_of.map(str::parse).transpose()?;
    let report = match ledger {
        Some((b, path)) => {
            let mut o = zhenggai::ledger::ValidateOptions::new();
            o.as_of = as_of;
            Some(zhenggai::ledger::validate_bytes(&r.plan, b, path, &o)?)
        }
        None => None,
    };
    let findings = report.as_ref().map_or(0, |r| r.findings.len());
    let page = review::render(&r, report.as_ref(), as_of)?;
    let out = target_dir("review-pages").join(format!("{name}.html"));
    std::fs::write(&out, &page.html)?;
    Ok((out, r, findings))
}

/// The checks every page passes.
fn check_page(
    browser: &Browser,
    page: &Path,
    r: &review::Reviewed,
    name: &str,
) -> Result<Arc<Tab>, Box<dyn std::error::Error>> {
    let (tab, watch) = open(browser, page)?;
    let plan = &r.plan;
    // One card per problem, each with the problem's id.
    let ids: Vec<String> = plan.problems.iter().map(|p| p.id.clone()).collect();
    let cards = eval(
        &tab,
        "return Array.from(document.querySelectorAll('article.card')).map(c => c.id);",
    )?;
    assert_eq!(
        cards,
        serde_json::json!(ids),
        "{name}: one card per problem, in order"
    );

    // Every problem's span is highlightable: clicking its card lights lines
    // whose bytes overlap the span, and the first is scrolled into view.
    for p in &plan.problems {
        let Some(span) = p.span else { continue };
        let lit = eval(
            &tab,
            &format!(
                "var c = document.getElementById({id}); c.click();
                 var doc = document.getElementById('doc').getBoundingClientRect();
                 return Array.from(document.querySelectorAll('#lines .ln.hl')).map(function (l, k) {{
                   var b = l.getBoundingClientRect();
                   return [Number(l.dataset.start), Number(l.dataset.end), Number(l.dataset.line),
                           k > 0 || (b.bottom > doc.top && b.top < doc.bottom),
                           c.classList.contains('active')];
                 }});",
                id = serde_json::to_string(&p.id)?
            ),
        )?;
        let lit = lit.as_array().cloned().unwrap_or_default();
        assert!(!lit.is_empty(), "{name}: problem {} lights no line", p.seq);
        for l in &lit {
            let (s, e) = (
                l[0].as_u64().unwrap_or(0) as usize,
                l[1].as_u64().unwrap_or(0) as usize,
            );
            let overlaps = s < span.end.max(span.start + 1) && span.start < e;
            let same_line = l[2].as_u64() == Some(u64::from(span.line));
            assert!(
                overlaps || same_line,
                "{name}: problem {} lit {l} outside {span:?}",
                p.seq
            );
            assert_eq!(
                l[3],
                Value::Bool(true),
                "{name}: problem {}'s line not in view",
                p.seq
            );
            assert_eq!(l[4], Value::Bool(true), "{name}: card {} not active", p.seq);
        }
    }

    // Clicking a field lights the line that says it.
    let (mut checked, mut cells) = (0, 0);
    for p in &plan.problems {
        let Some(d) = &p.deadline else { continue };
        let needle: String = zhenggai::write::clean_text(&d.text)
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(6)
            .collect();
        if needle.is_empty() {
            continue;
        }
        let lit = eval(
            &tab,
            &format!(
                "var f = document.getElementById({id}).querySelector('.deadline'); f.click();
                 var cell = document.querySelector('#lines .hl-cell');
                 return [f.classList.contains('field-hl'),
                   Array.from(document.querySelectorAll('#lines .ln.hl')).map(l => l.textContent.replace(/\\s/g, '')),
                   cell ? cell.textContent.replace(/\\s/g, '') : null];",
                id = serde_json::to_string(&p.id)?
            ),
        )?;
        assert_eq!(lit[0], Value::Bool(true), "{name}: field not marked");
        let texts: Vec<&str> = lit[1]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        assert_eq!(
            texts.len(),
            1,
            "{name}: problem {} deadline lights {texts:?}",
            p.seq
        );
        assert!(
            texts[0].contains(&needle),
            "{name}: problem {}: deadline {needle} not on the lit line {:?}",
            p.seq,
            texts[0]
        );
        // In a table, the cell that says it.
        if let Some(cell) = lit[2].as_str() {
            assert!(
                cell.contains(&needle),
                "{name}: problem {}: cell {cell:?}",
                p.seq
            );
            cells += 1;
        }
        checked += 1;
    }
    assert!(checked > 0, "{name}: no deadline field checked");
    if r.text.is_none() && r.doc.blocks.iter().any(|b| b.table.is_some()) {
        assert!(cells > 0, "{name}: no table cell lit");
    }

    // A real mouse click on a line inside the last problem shows its card.
    if let Some(last) = plan.problems.last() {
        let sel = format!("#lines .ln[data-problem=\"{}\"]", last.id);
        tab.find_element(&sel)?.click()?;
        let active = eval(
            &tab,
            "var a = document.querySelector('article.card.active'); return a ? a.id : null;",
        )?;
        assert_eq!(active, Value::String(last.id.clone()), "{name}: line click");
        // And a real click on its first field lights that field's line.
        tab.find_element(&format!("[id=\"{}\"] .field[data-rows]", last.id))?
            .click()?;
        let n = eval(
            &tab,
            "return document.querySelectorAll('#lines .ln.hl').length;",
        )?;
        assert!(
            n.as_u64().unwrap_or(0) >= 1,
            "{name}: field click lit nothing"
        );
    }

    // One timeline mark per dated problem.
    let dated: BTreeSet<&str> = plan
        .problems
        .iter()
        .filter(|p| p.deadline.as_ref().and_then(|d| d.due).is_some())
        .map(|p| p.id.as_str())
        .collect();
    let marks = eval(
        &tab,
        "return Array.from(document.querySelectorAll('#timeline svg circle.mark')).map(c => c.getAttribute('data-id'));",
    )?;
    let marks: BTreeSet<String> = marks
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(marks.len(), dated.len(), "{name}: timeline marks");
    assert!(
        marks.iter().all(|m| dated.contains(m.as_str())),
        "{name}: marks"
    );

    // Level filters hide and show diagnostics.
    let shown = eval(
        &tab,
        "var box = document.querySelector('#diag-filters input[data-level=\"info\"]');
         var all = document.querySelectorAll('#diagnostics li.diag').length;
         var infos = document.querySelectorAll('#diagnostics li.diag[data-level=\"info\"]').length;
         box.click();
         var hidden = document.querySelectorAll('#diagnostics li.diag.hidden').length;
         box.click();
         return [all, infos, hidden, document.querySelectorAll('#diagnostics li.diag.hidden').length];",
    )?;
    assert_eq!(
        shown[1], shown[2],
        "{name}: the info filter hides the infos"
    );
    assert_eq!(shown[3], 0, "{name}: and shows them again");
    assert_eq!(
        shown[0].as_u64(),
        Some(plan.diagnostics.len() as u64),
        "{name}: every diagnostic listed"
    );

    // Back to the top for the screenshot, the first card selected.
    if let Some(first) = plan.problems.iter().find(|p| p.deadline.is_some()) {
        eval(
            &tab,
            &format!(
                "document.getElementById('side').scrollTop = 0;
                 document.getElementById({}).querySelector('.deadline').click(); return 0;",
                serde_json::to_string(&first.id)?
            ),
        )?;
    }
    screenshot(&tab, name)?;

    let w = watch.lock().map_err(|_| "watch poisoned")?;
    assert!(
        w.errors.is_empty(),
        "{name}: console errors: {:?}",
        w.errors
    );
    let foreign: Vec<&String> = w
        .requests
        .iter()
        .filter(|u| !u.starts_with("file:") && !u.starts_with("data:"))
        .collect();
    assert!(foreign.is_empty(), "{name}: network requests: {foreign:?}");
    Ok(tab)
}

/// The seed's CSV ledger with one due date and one lead unit changed.
fn wrong_ledger() -> Result<(Vec<u8>, usize), Box<dyn std::error::Error>> {
    let plan = common::extract("xiangtan-2018.md");
    let csv = zhenggai::write::render(
        &[plan],
        zhenggai::write::Format::Csv,
        &zhenggai::write::WriteOptions::default(),
    )?;
    let text = String::from_utf8(csv)?;
    // The first 完成日期 2018-12-31 becomes 2019-06-30.
    let changed = text.replacen(",2018-12-31,", ",2019-06-30,", 1);
    assert_ne!(changed, text, "the ledger has a 2018-12-31 due date");
    Ok((changed.into_bytes(), 1))
}

#[test]
fn review_pages_work_in_headless_chromium() -> TestResult {
    let profile = tempfile::tempdir()?;
    let browser = launch(profile.path())?;

    // The seed, judged as of 2019-01-15: some problems overdue.
    let (seed, r, _) = page_of("xiangtan-2018.md", None, Some("2019-01-15"), "seed")?;
    assert_eq!(r.plan.problems.len(), 20);
    let tab = check_page(&browser, &seed, &r, "seed")?;
    let overdue = eval(
        &tab,
        "return document.querySelectorAll('#timeline circle.mark.overdue').length;",
    )?;
    let expected = r
        .plan
        .problems
        .iter()
        .filter(|p| {
            p.deadline
                .as_ref()
                .and_then(|d| d.due)
                .is_some_and(|d| d.to_string().as_str() < "2019-01-15")
        })
        .count();
    assert!(expected > 0);
    assert_eq!(
        overdue.as_u64(),
        Some(expected as u64),
        "seed: overdue marks"
    );
    assert_eq!(
        eval(
            &tab,
            "return document.querySelectorAll('#timeline line.asof').length;"
        )?,
        Value::from(1)
    );
    // The source lines of a Markdown plan are its own lines: the seed's
    // first problem's span starts on the line the page lights.
    let p1 = &r.plan.problems[0];
    let line = eval(
        &tab,
        &format!(
            "document.getElementById({}).click(); return Number(document.querySelector('#lines .ln.hl').dataset.line);",
            serde_json::to_string(&p1.id)?
        ),
    )?;
    assert_eq!(line.as_u64(), p1.span.map(|s| u64::from(s.line)));
    // The lead unit table links back to cards.
    let units = eval(
        &tab,
        "return document.querySelectorAll('#lead-units tbody tr').length;",
    )?;
    assert!(units.as_u64().unwrap_or(0) >= 5, "seed: lead units {units}");
    eval(
        &tab,
        "document.getElementById('timeline-section').scrollIntoView(); return 0;",
    )?;
    screenshot(&tab, "seed-timeline")?;
    // The print stylesheet: the cards and tables on paper, not the
    // document pane or the filters.
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some("print".into()),
        features: None,
    })?;
    let printed = eval(
        &tab,
        "var shown = function (sel) { var e = document.querySelector(sel); return !!e && getComputedStyle(e).display !== 'none'; };
         return [shown('#doc'), shown('#diag-filters'), shown('article.card'), shown('#lead-units table'),
                 getComputedStyle(document.querySelector('article.card')).breakInside];",
    )?;
    assert_eq!(
        printed,
        serde_json::json!([false, false, true, true, "avoid"]),
        "seed: print"
    );
    screenshot(&tab, "seed-print")?;
    tab.call_method(Emulation::SetEmulatedMedia {
        media: Some(String::new()),
        features: None,
    })?;
    tab.close(false)?;

    // The checklist table as DOCX: the reader's blocks and table rows.
    let (docx, r, _) = page_of(
        "docx/xiangtan-checklist-table.docx",
        None,
        None,
        "table-docx",
    )?;
    assert_eq!(r.plan.problems.len(), 20);
    check_page(&browser, &docx, &r, "table-docx")?.close(false)?;

    // The same table as PDF: page numbers beside line numbers.
    let (pdf, r, _) = page_of("pdf/xiangtan-checklist-table.pdf", None, None, "table-pdf")?;
    let tab = check_page(&browser, &pdf, &r, "table-pdf")?;
    let pages = eval(
        &tab,
        "return document.querySelectorAll('#lines .pagemark').length;",
    )?;
    assert!(
        pages.as_u64().unwrap_or(0) >= 2,
        "table-pdf: page marks {pages}"
    );
    tab.close(false)?;

    // The seed with a ledger that differs: findings on cards and in the
    // findings table, with the ledger's cell.
    let (ledger, _) = wrong_ledger()?;
    let (checked, r, findings) = page_of(
        "xiangtan-2018.md",
        Some((&ledger, "台账.csv")),
        Some("2019-01-15"),
        "seed-ledger",
    )?;
    assert!(findings >= 1, "the changed ledger has findings");
    let tab = check_page(&browser, &checked, &r, "seed-ledger")?;
    let got = eval(
        &tab,
        "return [Array.from(document.querySelectorAll('#findings tbody tr.finding td:nth-child(2)')).map(td => td.textContent),
                 document.querySelectorAll('article.card li.finding').length];",
    )?;
    let cells: Vec<&str> = got[0]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert_eq!(cells.len(), findings, "one findings row per finding");
    assert!(
        cells
            .iter()
            .all(|c| c.starts_with("台账!") && c.len() > "台账!".len()),
        "cells as sheet!A1: {cells:?}"
    );
    assert!(got[1].as_u64().unwrap_or(0) >= 1, "a finding on a card");
    eval(
        &tab,
        "document.getElementById('findings').scrollIntoView(); return 0;",
    )?;
    screenshot(&tab, "seed-ledger-findings")?;
    tab.close(false)?;

    // The batch index: one row per file, sortable.
    let out = tempfile::tempdir()?;
    let status = bin()
        .args(["batch", "--quiet", "--review", "--out"])
        .arg(out.path())
        .arg(fixture("xiangtan-2018.md"))
        .arg(fixture("plans/table.md"))
        .arg(fixture("docx/xiangtan-checklist-table.docx"))
        .status()?;
    assert!(status.success());
    let index = out.path().join("index.html");
    let (tab, watch) = open(&browser, &index)?;
    let rows = eval(
        &tab,
        "return Array.from(document.querySelectorAll('#index tbody tr')).map(r => Number(r.cells[1].textContent));",
    )?;
    assert_eq!(rows, serde_json::json!([20, 2, 20]));
    let sorted = eval(
        &tab,
        "var th = document.querySelectorAll('#index th')[1]; th.click();
         var a = Array.from(document.querySelectorAll('#index tbody tr')).map(r => Number(r.cells[1].textContent));
         th.click();
         var d = Array.from(document.querySelectorAll('#index tbody tr')).map(r => Number(r.cells[1].textContent));
         return [a, d];",
    )?;
    assert_eq!(sorted, serde_json::json!([[2, 20, 20], [20, 20, 2]]));
    screenshot(&tab, "batch-index")?;
    // Each link opens its page.
    let links = eval(
        &tab,
        "return Array.from(document.querySelectorAll('#index a')).map(a => a.getAttribute('href'));",
    )?;
    for l in links
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        assert!(out.path().join(l).is_file(), "index links {l}");
    }
    assert!(watch.lock().map_err(|_| "poisoned")?.errors.is_empty());
    tab.close(false)?;

    // The watch itself sees errors and requests: a canary page with both.
    let canary = out.path().join("canary.html");
    std::fs::write(
        &canary,
        "<!DOCTYPE html><title>canary</title><img src=\"http://192.0.2.1/x.png\">\
         <script>throw new Error('canary');</script>",
    )?;
    let (tab, watch) = open(&browser, &canary)?;
    std::thread::sleep(std::time::Duration::from_millis(300));
    let w = watch.lock().map_err(|_| "poisoned")?;
    assert!(!w.errors.is_empty(), "the canary's exception is seen");
    assert!(
        w.requests.iter().any(|u| u.starts_with("http:")),
        "the canary's request is seen: {:?}",
        w.requests
    );
    drop(w);
    tab.close(false)?;
    Ok(())
}

/// `zhenggai review` writes one self-contained page: no external
/// resource, values escaped, the script's data not closable.
#[test]
fn review_command_writes_a_self_contained_escaped_page() -> TestResult {
    let dir = tempfile::tempdir()?;
    let plan = dir.path().join("hostile.md");
    std::fs::write(
        &plan,
        "# 整改方案</script><script>alert(1)</script>\n\n\
         | 序号 | 反馈问题 | 整改时限 | 责任单位 |\n| --- | --- | --- | --- |\n\
         | 1 | 问题<img src=x onerror=alert(1)>一 | 2019年6月底前 | 市环保局 |\n\
         | 2 | 问题二 </script> & \"引号\" | 2019年12月底前 | 市住建局 |\n",
    )?;
    let out = dir.path().join("review.html");
    let status = bin()
        .arg("review")
        .arg(&plan)
        .args(["--as-of", "2019-07-01", "-o"])
        .arg(&out)
        .status()?;
    assert!(status.success());
    let html = std::fs::read_to_string(&out)?;
    assert!(!html.contains("<img"), "markup from the plan is escaped");
    assert!(
        !html.contains("<script>alert"),
        "markup from the plan is escaped"
    );
    assert_eq!(
        html.matches("</script>").count(),
        2,
        "only the page's own scripts end"
    );
    for bad in ["src=\"http", "href=\"http", "url(http", "@import", "<link"] {
        assert!(!html.contains(bad), "no external resource: {bad}");
    }
    // With a ledger that differs from the seed: its findings table.
    let (ledger, _) = wrong_ledger()?;
    let ledger_path = dir.path().join("台账.csv");
    std::fs::write(&ledger_path, ledger)?;
    let status = bin()
        .arg("review")
        .arg(fixture("xiangtan-2018.md"))
        .arg("--ledger")
        .arg(&ledger_path)
        .arg("-o")
        .arg(&out)
        .status()?;
    assert!(status.success());
    let html = std::fs::read_to_string(&out)?;
    assert!(html.contains("<section id=\"findings\">"));
    assert!(html.contains("deadline-differs"));
    // The ledger of a missing file is a one-line error, exit 2.
    let o = bin()
        .arg("review")
        .arg(&plan)
        .args(["--ledger", "/nonexistent/台账.xlsx", "-o"])
        .arg(&out)
        .output()?;
    assert_eq!(o.status.code(), Some(2));
    // A readable file with no checklist: the page is written (it shows the
    // error) and the exit code says the plan is not usable, as extract's.
    let news = dir.path().join("news.html");
    let o = bin()
        .arg("review")
        .arg(fixture("plans/news.md"))
        .arg("-o")
        .arg(&news)
        .output()?;
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-checklist"));
    assert!(std::fs::read_to_string(&news)?.contains("no-checklist"));
    Ok(())
}
