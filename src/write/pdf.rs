//! Printing handouts to PDF with headless Chromium, from the written staging
//! folder served over loopback HTTP (every link on a page is under the base
//! path, as on the real host). Each PDF lands beside its page.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use crate::diagnostic::{Code, Diagnostic};
use crate::guide::Guide;
use crate::guide::pages::{self, HandoutKind};
use crate::http::DiskServer;
use crate::render::handouts::PDF_NAME;
use crate::write::safe_join;

/// Chromiums printing at once: each takes a core, and the machines have two.
const PARALLEL_PRINTS: usize = 2;
/// One page never takes this long; a hung browser must not hang the build.
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

const HELP: &str =
    "install Chromium (Debian/Ubuntu: apt-get install chromium) or pass --chrome PATH to a Chromium or Chrome";

/// The Chromium to print with: `chrome` when given, else the first of the
/// usual names on PATH. The error says how to get one.
pub fn find_chrome(chrome: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    if let Some(c) = chrome {
        if is_executable(c) {
            return Ok(c.to_path_buf());
        }
        let found = if c.components().count() == 1 { on_path(&[c.to_string_lossy().as_ref()]) } else { None };
        return found.ok_or_else(|| {
            Diagnostic::error(
                Code::Pdf,
                c,
                0,
                format!("--pdf needs Chromium, and --chrome {} is not a program that can be run", c.display()),
            )
            .with_help(HELP)
        });
    }
    on_path(&["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"]).ok_or_else(|| {
        Diagnostic::error(Code::Pdf, "--pdf", 0, "--pdf needs Chromium, and none was found on PATH").with_help(HELP)
    })
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    // A program's file on Windows ends in .exe (the suffix is empty elsewhere),
    // and `--chrome chrome.exe` may already say so.
    let suffix = std::env::consts::EXE_SUFFIX;
    let file = |n: &str| if n.ends_with(suffix) { n.to_string() } else { format!("{n}{suffix}") };
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |n| dir.join(file(n)))).find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

/// What the command line shows while PDFs are printed (a bar on a terminal,
/// plain lines in a log).
pub trait Progress: Sync {
    fn begin(&self, _total: usize) {}
    fn printed(&self, _done: usize, _total: usize) {}
    fn end(&self) {}
}

/// Shows nothing.
pub struct Quiet;

impl Progress for Quiet {}

/// What printing made: how many PDFs in each edition's handouts folder (site
/// path, count), and the practice handouts that run over one page (with
/// their page counts), as warnings.
pub struct Printed {
    pub folders: Vec<(String, usize)>,
    pub warnings: Vec<Diagnostic>,
}

/// Prints every handout page in `site` (the complete guide and bundles first) to a PDF beside it.
pub fn print(guide: &Guide, site: &Path, chrome: &Path, progress: &dyn Progress) -> Result<Printed, Diagnostic> {
    let failed_to = |what: String| {
        Diagnostic::error(Code::Pdf, "--pdf", 0, format!("printing handouts to PDF failed: {what}"))
            .with_help("the site was not changed; fix what the message names, or build without --pdf")
    };
    let server = DiskServer::start(site.to_path_buf(), guide.addresses.base_path().to_string())
        .map_err(|e| failed_to(format!("cannot start the server Chromium prints from: {e}")))?;
    let jobs: Vec<pages::Handout> = guide
        .editions
        .iter()
        .flat_map(|e| pages::handouts(guide, e))
        .filter(|p| p.kind != HandoutKind::Index)
        .collect();
    progress.begin(jobs.len());
    let scratch = std::env::temp_dir().join(format!("practica-pdf-{}", std::process::id()));
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let errors: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let long: Mutex<Vec<Diagnostic>> = Mutex::new(Vec::new());
    let done = AtomicUsize::new(0);
    let origin = server.origin();
    thread::scope(|s| {
        for worker in 0..PARALLEL_PRINTS.min(jobs.len()) {
            let (jobs, next, failed, errors, long, done, scratch, origin) =
                (&jobs, &next, &failed, &errors, &long, &done, &scratch, &origin);
            s.spawn(move || {
                let profile = scratch.join(format!("profile-{worker}"));
                while !failed.load(Ordering::Relaxed) {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(n) else { break };
                    let path = &job.path;
                    // ?print-pdf: the page points its links at the published site (handout.js).
                    let url = format!("{origin}{}{path}?print-pdf", guide.addresses.base_path());
                    let Some(pdf) = safe_join(site, &format!("{path}{PDF_NAME}")) else { continue };
                    if let Err(e) = print_one(chrome, &profile, &url, &pdf) {
                        failed.store(true, Ordering::Relaxed);
                        errors.lock().unwrap_or_else(|p| p.into_inner()).push(format!("/{path}: {e}"));
                        continue;
                    }
                    if let HandoutKind::Practice(id) = job.kind
                        && let Some(pages) = fs::read(&pdf).ok().map(|b| page_count(&b)).filter(|p| *p > 1)
                    {
                        let shown = guide.editions[job.edition].doc(id).unwrap_or(id);
                        long.lock().unwrap_or_else(|p| p.into_inner()).push(over_one_page(guide, shown, path, pages));
                    }
                    progress.printed(done.fetch_add(1, Ordering::Relaxed) + 1, jobs.len());
                }
            });
        }
    });
    let _ = fs::remove_dir_all(&scratch);
    server.stop();
    progress.end();
    let errors = errors.into_inner().unwrap_or_else(|p| p.into_inner());
    if !errors.is_empty() {
        return Err(failed_to(errors.join("; ")));
    }
    let folders = guide
        .editions
        .iter()
        .enumerate()
        .map(|(i, e)| (e.routes.handouts(), jobs.iter().filter(|j| j.edition == i).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    Ok(Printed { folders, warnings: long.into_inner().unwrap_or_else(|p| p.into_inner()) })
}

fn over_one_page(guide: &Guide, id: crate::guide::DocId, path: &str, pages: usize) -> Diagnostic {
    let d = &guide.docs[id];
    Diagnostic::warning(
        Code::LongHandout,
        &d.file,
        0,
        format!("the printed handout of `{}` runs over {pages} pages (/{path}{PDF_NAME}); a practice's handout is meant to fit one", d.title),
    )
    .with_help(
        "shorten the steps or the \"In place when\" list, or move detail into a tip or page of its own and link to it",
    )
}

/// The pages of a PDF as Chromium writes it: one `/Type /Page` object each.
pub fn page_count(pdf: &[u8]) -> usize {
    const PAGE: &[u8] = b"/Type /Page";
    pdf.windows(PAGE.len() + 1).filter(|w| w.starts_with(PAGE) && w[PAGE.len()] != b's').count()
}

fn print_one(chrome: &Path, profile: &Path, url: &str, pdf: &Path) -> Result<(), String> {
    // A fresh profile per page: nothing cached or remembered between prints.
    let _ = fs::remove_dir_all(profile);
    fs::create_dir_all(profile).map_err(|e| e.to_string())?;
    let log = profile.with_extension("log");
    let log_file = fs::File::create(&log).map_err(|e| e.to_string())?;
    let mut child = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--mute-audio",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log_file))
        .spawn()
        .map_err(|e| format!("{} could not be started: {e}", chrome.display()))?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > PRINT_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("Chromium took longer than {} s", PRINT_TIMEOUT.as_secs()));
        }
        thread::sleep(Duration::from_millis(40));
    };
    let ok = fs::read(pdf).is_ok_and(|b| b.starts_with(b"%PDF"));
    if !ok {
        let log = fs::read_to_string(&log).unwrap_or_default();
        let tail: Vec<&str> = log.lines().filter(|l| !l.contains("dbus")).rev().take(3).collect();
        return Err(format!(
            "Chromium ({status}) wrote no PDF{}",
            if tail.is_empty() { String::new() } else { format!(": {}", tail.join(" | ")) }
        ));
    }
    Ok(())
}
