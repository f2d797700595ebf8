//! Printing handouts to PDF with one headless Chromium, from the written
//! staging folder served over loopback HTTP (every link on a page is under the
//! base path, as on the real host). Each PDF lands beside its page.

mod browser;
mod fonts;
pub mod read;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::StreamExt;

use self::browser::Browser;

use crate::diagnostic::{Code, Diagnostic};
use crate::guide::Guide;
use crate::guide::pages::{self, HandoutKind};
use crate::http::DiskServer;
use crate::render::handouts::PDF_NAME;
use crate::write::safe_join;

/// Tabs printing at once in the one browser.
const TABS: usize = 4;
/// One page never takes this long; a hung browser must not hang the build.
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

const HELP: &str = "install Chromium (Debian/Ubuntu: apt-get install chromium-headless-shell, or chromium) or pass --chrome PATH to a Chromium or Chrome";

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
    // The headless shell first: the same Blink and PDF output without the
    // browser's windows and services, it prints the same guide in about 60%
    // of the time (benches/pdf.sh).
    on_path(&[
        "chromium-headless-shell",
        "chrome-headless-shell",
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
        "chrome",
    ])
    .ok_or_else(|| {
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
    fonts::check(guide)?;
    let failed_to = |what: String| {
        Diagnostic::error(Code::Pdf, "--pdf", 0, format!("printing handouts to PDF failed: {what}"))
            .with_help("the site was not changed; fix what the message names, or build without --pdf")
    };
    let server = DiskServer::start(site.to_path_buf(), guide.addresses.base_path().to_string())
        .map_err(|e| failed_to(format!("cannot start the server Chromium prints from: {e}")))?;
    let mut jobs: Vec<pages::Handout> = guide
        .editions
        .iter()
        .flat_map(|e| pages::handouts(guide, e))
        .filter(|p| p.kind != HandoutKind::Index)
        .collect();
    // The longest prints first, of every edition: a complete guide started
    // last would leave the other tabs idle while it alone prints.
    jobs.sort_by_key(|j| match j.kind {
        HandoutKind::Complete => 0,
        HandoutKind::Bundle(_) => 1,
        _ => 2,
    });
    progress.begin(jobs.len());
    let scratch = crate::write::Scratch::new("practica-pdf");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build();
    let printed = runtime
        .map_err(|e| e.to_string())
        .and_then(|rt| rt.block_on(print_all(guide, site, chrome, &scratch.0, &server.origin(), &jobs, progress)));
    server.stop();
    progress.end();
    let warnings = printed.map_err(failed_to)?;
    let folders = guide
        .editions
        .iter()
        .enumerate()
        .map(|(i, e)| (e.routes.handouts(), jobs.iter().filter(|j| j.edition == i).count()))
        .filter(|(_, n)| *n > 0)
        .collect();
    Ok(Printed { folders, warnings })
}

/// How long one handout, or Chromium's start, may take: `PRACTICA_PRINT_TIMEOUT`
/// seconds when set (a slow machine may need more), else two minutes.
fn print_timeout() -> Duration {
    let seconds = std::env::var("PRACTICA_PRINT_TIMEOUT").ok().and_then(|s| s.trim().parse::<f64>().ok());
    seconds.filter(|s| s.is_finite() && *s > 0.0).map(Duration::from_secs_f64).unwrap_or(PRINT_TIMEOUT)
}

async fn print_all(
    guide: &Guide,
    site: &Path,
    chrome: &Path,
    scratch: &Path,
    origin: &str,
    jobs: &[pages::Handout],
    progress: &dyn Progress,
) -> Result<Vec<Diagnostic>, String> {
    let timeout = print_timeout();
    let browser = Browser::launch(chrome, &scratch.join("profile"), timeout).await?;
    let mut done = 0;
    let shared = &browser;
    let prints = jobs.iter().map(|job| async move {
        let path = &job.path;
        // ?print-pdf: the page points its links at the published site (handout.js).
        let url = format!("{origin}{}{path}?print-pdf", guide.addresses.base_path());
        let printed = match tokio::time::timeout(timeout, shared.print(&url)).await {
            Ok(p) => p,
            Err(_) => Err(format!("the page took longer than {} s to print, and was stopped", timeout.as_secs_f64())),
        };
        (job, printed.map_err(|e| format!("/{path}: {e}")))
    });
    let mut prints = futures_util::stream::iter(prints).buffer_unordered(TABS);
    let mut warnings = Vec::new();
    let mut failed = None;
    while let Some((job, printed)) = prints.next().await {
        let print = match printed {
            Ok(p) => p,
            Err(e) => {
                failed = Some(e);
                break;
            }
        };
        let Some(pdf) = safe_join(site, &format!("{}{PDF_NAME}", job.path)) else { continue };
        if let Err(e) = fs::write(&pdf, &print.pdf) {
            failed = Some(format!("{}: {e}", pdf.display()));
            break;
        }
        let shown = |id| guide.editions[job.edition].doc(id).unwrap_or(id);
        if let HandoutKind::Practice(id) = job.kind
            && print.pages > 1
        {
            warnings.push(over_one_page(guide, shown(id), &job.path, print.pages));
        }
        if print.unsettled {
            warnings.push(unsettled_numbers(&job.path));
        }
        done += 1;
        progress.printed(done, jobs.len());
    }
    // The tabs still printing stop with their futures.
    drop(prints);
    browser.close().await;
    failed.map_or(Ok(warnings), Err)
}

fn unsettled_numbers(path: &str) -> Diagnostic {
    Diagnostic::warning(
        Code::UnsettledContents,
        "--pdf",
        0,
        format!(
            "the page numbers in the contents of /{path}{PDF_NAME} kept changing the layout; some may be off by a page"
        ),
    )
    .with_help(
        "a contents entry whose title wraps to another line with its number can cause this; shorten the longest titles",
    )
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
