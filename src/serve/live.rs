//! The live-reload side of every served page: a small script that listens on
//! a WebSocket, reloads on a good build and shows a failed build's
//! diagnostics over the page, and the last good build's warnings in a small
//! bar that opens to their list. It connects again when the server restarts.
//!
//! When only a page's text changed (a saved Markdown file on the fast path),
//! the page fetches its new HTML and puts the new body in place of the old:
//! a reload fetches, parses and runs the stylesheets and scripts again, and
//! was most of the time from a save to the new text on screen (about 90 of
//! 100 ms). The page's scripts start again on the new body: each of the
//! theme's adds its start to `window.practicaRestart`, and a page with a
//! script that did not (a theme's own) reloads instead, as it does when the
//! new page names other stylesheets or scripts or anything fails.

use super::LiveEvent;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};

pub const EVENTS_PATH: &str = "/__practica/events";

/// The script, from the built-in theme's preview/live.js (a site's theme
/// copy does not replace it: it is the preview's, not the site's).
fn script() -> &'static str {
    static SCRIPT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SCRIPT.get_or_init(|| {
        crate::load::theme::builtin("preview/live.js").map(String::from_utf8_lossy).unwrap_or_default().into_owned()
    })
}

/// Shown while no build has succeeded yet (the theme's stylesheet is not
/// built either, so its few styles are its own); the script lists the errors.
pub const WAITING_PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>The guide has problems · practica preview</title>\
<style>body{margin:0;font:17px/1.55 system-ui,sans-serif;color:#1b2530;background:#f6f8f9}\
header{background:#14506b;color:#fff;padding:14px 20px;font-weight:700}main{max-width:44rem;margin:0 auto;padding:24px 20px 60vh}\
h1{font-size:1.6rem;margin:0 0 .5rem}</style></head><body data-practica-waiting><header>practica preview</header>\
<main><h1>The guide did not build yet</h1><p>practica found problems before it could make a first version of the site. \
They are listed below with the file and line to fix. Save the file and this page reloads by itself.</p></main></body></html>";

/// How many of the guide's warnings every served page carries; the terminal
/// and `check` list them all.
const WARNINGS_SHOWN: usize = 50;

/// The page with the live script added before `</body>`, naming the build
/// (`generation`) the page comes from, and the last good build's warnings
/// for it to show.
pub fn inject(html: &[u8], generation: u64, warnings: &Diagnostics) -> Vec<u8> {
    let pos = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut shown = warnings.iter().filter(|d| d.severity == Severity::Warning).peekable();
    let found = if shown.peek().is_none() {
        String::new()
    } else {
        let total = warnings.warnings();
        let items = listed(shown.take(WARNINGS_SHOWN));
        let data = serde_json::json!({ "total": total, "items": items }).to_string();
        // Inside a script element only `</` could end it early.
        format!("<script type=\"application/json\" data-practica-warnings>{}</script>", data.replace("</", "<\\/"))
    };
    let open = format!("<script data-practica-live data-built=\"{generation}\">\n");
    let mut out = Vec::with_capacity(html.len() + found.len() + open.len() + script().len() + 9);
    out.extend_from_slice(&html[..pos]);
    out.extend_from_slice(found.as_bytes());
    out.extend_from_slice(open.as_bytes());
    out.extend_from_slice(script().as_bytes());
    out.extend_from_slice(b"</script>");
    out.extend_from_slice(&html[pos..]);
    out
}

/// What the page's script receives for `e`: `{"type", "data"}` as JSON.
pub fn message(e: &LiveEvent) -> String {
    let (kind, data) = match e {
        LiveEvent::Reload | LiveEvent::Shutdown => ("reload", serde_json::Value::from("reload")),
        LiveEvent::Changed(paths) => ("changed", serde_json::json!(paths.as_slice())),
        LiveEvent::Failed(diags) => {
            // The errors, then what the same build warned about.
            let list = listed(
                diags.iter().filter(|d| d.is_error()).chain(diags.iter().filter(|d| d.severity == Severity::Warning)),
            );
            ("failed", serde_json::Value::Array(list))
        }
    };
    serde_json::json!({ "type": kind, "data": data }).to_string()
}

/// Diagnostics as the script reads them.
fn listed<'a>(diags: impl Iterator<Item = &'a Diagnostic>) -> Vec<serde_json::Value> {
    diags
        .map(|d| {
            serde_json::json!({
                "severity": d.severity.as_str(),
                "code": d.code.as_str(),
                "message": d.message,
                "location": d.location(),
                "help": d.help,
            })
        })
        .collect()
}
