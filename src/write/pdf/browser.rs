//! One headless Chromium for every handout of a build, driven over the
//! DevTools protocol: a browser starts once (most of the time a print took
//! when each PDF started its own) and prints several pages at once in tabs.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use chromiumoxide::browser::{Browser as Chromium, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::page::PrintToPdfParams;
use chromiumoxide::error::CdpError;
use futures_util::StreamExt;
use tokio::task::JoinHandle;

use super::read;

/// Prints of a page with a contents list: the first places every part, the
/// next prints the contents with their page numbers. Numbers take space kept
/// for them from the first print, so a second is all it should need.
const MAX_PRINTS_FOR_NUMBERS: usize = 3;

/// The page's headings as their bookmarks should read.
const HEADINGS: &str =
    "Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'), h => h.textContent.replace(/\\s+/g, ' ').trim())";

pub struct Browser {
    chromium: Chromium,
    events: JoinHandle<()>,
    tabs: Mutex<Vec<chromiumoxide::Page>>,
}

/// A handout printed: its PDF and how many pages it has. `unsettled` when its
/// contents list was numbered but the numbers did not hold still between prints.
pub struct Print {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub unsettled: bool,
}

impl Browser {
    pub async fn launch(chrome: &Path, profile: &Path, timeout: Duration) -> Result<Browser, String> {
        let config = BrowserConfig::builder()
            .chrome_executable(chrome)
            .no_sandbox()
            .user_data_dir(profile)
            .launch_timeout(timeout)
            .request_timeout(timeout)
            .args([
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-component-update",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--mute-audio",
            ])
            .build()?;
        let (chromium, mut handler) = Chromium::launch(config).await.map_err(|e| {
            format!("{} could not be started as a headless Chromium: {}", chrome.display(), launch_failure(e, timeout))
        })?;
        // The protocol's messages move only while someone reads them.
        let events = tokio::spawn(async move { while handler.next().await.is_some() {} });
        Ok(Browser { chromium, events, tabs: Mutex::new(Vec::new()) })
    }

    /// Prints the page at `url` in a free tab, or a new one. A tab is used
    /// again after a print: a new tab starts a renderer process of its own,
    /// while a page of the same site opened in an old one reuses its process.
    pub async fn print(&self, url: &str) -> Result<Print, String> {
        let free = self.tabs.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let tab = match free {
            Some(tab) => tab,
            None => {
                for_printing(
                    self.chromium
                        .new_page("about:blank")
                        .await
                        .map_err(|e| format!("Chromium could not open a tab: {e}"))?,
                )
                .await
            }
        };
        tab.goto(url).await.map_err(|e| format!("Chromium could not open {url}: {e}"))?;
        let printed = numbered(&tab).await?;
        // A tab whose print failed or was cut off is not used again.
        self.tabs.lock().unwrap_or_else(|p| p.into_inner()).push(tab);
        Ok(printed)
    }

    pub async fn close(mut self) {
        if self.chromium.close().await.is_err() {
            let _ = self.chromium.kill().await;
        }
        let _ = self.chromium.wait().await;
        self.events.abort();
    }
}

/// A new tab made ready to print: every page in it is laid out for print
/// from the start, so a print finds its styles already computed instead of
/// computing them for paper and then again for the screen (about 15% of a
/// build's time); and without the reports chromiumoxide turns on for every
/// tab (each request, performance metrics, console entries), which nothing
/// here reads (about 3%).
async fn for_printing(tab: chromiumoxide::Page) -> chromiumoxide::Page {
    use chromiumoxide::cdp::browser_protocol::{emulation, log, network, performance};
    // Each only saves time, so a refusal is not an error.
    let _ = tab.execute(emulation::SetEmulatedMediaParams::builder().media("print").build()).await;
    let _ = tab.execute(network::DisableParams::default()).await;
    let _ = tab.execute(performance::DisableParams::default()).await;
    let _ = tab.execute(log::DisableParams::default()).await;
    tab
}

/// Why Chromium did not start, in words, with the last thing it said.
fn launch_failure(e: CdpError, timeout: Duration) -> String {
    let said = |stderr: &[u8]| {
        let text = String::from_utf8_lossy(stderr);
        text.lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| format!("; it said: {}", l.trim()))
            .unwrap_or_default()
    };
    match e {
        CdpError::LaunchTimeout(stderr) => {
            format!("it did not answer within {} s{}", timeout.as_secs_f64(), said(stderr.as_slice()))
        }
        CdpError::LaunchExit(status, stderr) => {
            format!("it stopped ({status}) before it answered{}", said(stderr.as_slice()))
        }
        // Its output ended: the program stopped without saying how.
        CdpError::LaunchIo(io, stderr) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            format!("it stopped before it answered{}", said(stderr.as_slice()))
        }
        CdpError::LaunchIo(io, stderr) => format!("{io}{}", said(stderr.as_slice())),
        other => other.to_string(),
    }
}

async fn numbered(tab: &chromiumoxide::Page) -> Result<Print, String> {
    tab.wait_for_navigation().await.map_err(|e| format!("the page did not load: {e}"))?;
    if !has_contents_to_number(tab).await? {
        let pdf = print_tab(tab, Kind::Kept).await?;
        let printed = read::Printed::read(&pdf)?;
        return finished(tab, pdf, printed, false).await;
    }
    // The first print only shows where each part lands: the tags and
    // bookmarks, which cost as much again on a long guide, wait for the one kept.
    let mut places = read::Printed::read(&print_tab(tab, Kind::LayoutOnly).await?)?.destinations();
    let mut attempt = 1;
    loop {
        number_contents(tab, &places).await?;
        let pdf = print_tab(tab, Kind::Kept).await?;
        let printed = read::Printed::read(&pdf)?;
        let landed = printed.destinations();
        let settled = landed == places;
        if settled || attempt == MAX_PRINTS_FOR_NUMBERS {
            return finished(tab, pdf, printed, !settled).await;
        }
        places = landed;
        attempt += 1;
    }
}

async fn finished(
    tab: &chromiumoxide::Page,
    pdf: Vec<u8>,
    printed: read::Printed,
    unsettled: bool,
) -> Result<Print, String> {
    let headings =
        tab.evaluate(HEADINGS).await.ok().and_then(|r| r.into_value::<Vec<String>>().ok()).unwrap_or_default();
    let pages = printed.pages();
    let pdf = printed.mend_outline(pdf, &headings)?;
    Ok(Print { pages, pdf, unsettled })
}

/// Whether the theme has a contents list on the page to put page numbers in.
/// A theme that can number its contents but cannot say whether it has any is
/// taken to have some.
async fn has_contents_to_number(tab: &chromiumoxide::Page) -> Result<bool, String> {
    let script = "typeof practicaContentsSlots === 'function' ? practicaContentsSlots() \
        : (typeof practicaNumberContents === 'function' ? 1 : 0)";
    let result = tab.evaluate(script).await.map_err(|e| format!("asking the page for its contents failed: {e}"))?;
    Ok(result.into_value::<usize>().unwrap_or(0) > 0)
}

/// Gives the theme's contents list the page each part is on.
async fn number_contents(
    tab: &chromiumoxide::Page,
    places: &std::collections::BTreeMap<String, usize>,
) -> Result<(), String> {
    let places = serde_json::to_string(places).map_err(|e| e.to_string())?;
    let script = format!("typeof practicaNumberContents === 'function' ? practicaNumberContents({places}) : 0");
    tab.evaluate(script).await.map_err(|e| format!("numbering the contents failed: {e}"))?;
    Ok(())
}

/// What a print is for: the PDF kept, or only to see where each part lands.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Kept,
    LayoutOnly,
}

async fn print_tab(tab: &chromiumoxide::Page, kind: Kind) -> Result<Vec<u8>, String> {
    // As `chromium --print-to-pdf` printed: the page's own paper size and
    // colours, no browser header or footer; and now tagged, with bookmarks
    // made from the headings.
    let kept = kind == Kind::Kept;
    let params = PrintToPdfParams::builder()
        .prefer_css_page_size(true)
        .print_background(true)
        .display_header_footer(false)
        .generate_tagged_pdf(kept)
        .generate_document_outline(kept)
        .build();
    tab.pdf(params).await.map_err(|e| format!("Chromium could not print the page: {e}"))
}
