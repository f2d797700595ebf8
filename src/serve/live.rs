//! The live-reload side of every served page: a small script that listens for
//! Server-Sent Events, reloads on a good build and shows a failed build's
//! diagnostics over the page. `EventSource` reconnects by itself when the
//! server restarts.
//!
//! When only a page's text changed (a saved Markdown file on the fast path),
//! the page fetches its new HTML and puts the new body in place of the old:
//! a reload fetches, parses and runs the stylesheets and scripts again, and
//! was most of the time from a save to the new text on screen (about 90 of
//! 100 ms). The page's scripts start again on the new body: each of the
//! theme's adds its start to `window.practicaRestart`, and a page with a
//! script that did not (a theme's own) reloads instead, as it does when the
//! new page names other stylesheets or scripts or anything fails.

use axum::response::sse::Event;

use super::LiveEvent;

pub const EVENTS_PATH: &str = "/__practica/events";

const SCRIPT: &str = r#"<script data-practica-live>
(function () {
  var box = null;
  function hide() { if (box) { box.remove(); box = null; } }
  function show(list) {
    hide();
    box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.setAttribute("style", "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;background:#fff7f5;color:#1b2530;border-top:4px solid #b42318;box-shadow:0 -8px 24px rgba(0,0,0,.2);font:15px/1.5 system-ui,sans-serif;padding:16px 20px");
    var h = document.createElement("p");
    h.setAttribute("style", "margin:0 0 8px;font-weight:700;color:#b42318");
    var first = document.querySelector("[data-practica-waiting]");
    h.textContent = "The guide did not build: " + list.length + " problem" + (list.length === 1 ? "" : "s") + ". " +
      (first ? "There is no good version to show yet; fix " + (list.length === 1 ? "it" : "them") + " and save, and this page reloads by itself."
             : "Showing the last good version until it is fixed.");
    box.appendChild(h);
    list.forEach(function (d) {
      var p = document.createElement("div");
      p.setAttribute("style", "margin:8px 0;padding:8px 10px;background:#fff;border:1px solid #f1c8c2;border-radius:6px");
      var loc = document.createElement("code");
      loc.setAttribute("style", "display:block;font-weight:700");
      loc.textContent = d.location;
      var msg = document.createElement("div");
      msg.textContent = d.severity + "[" + d.code + "]: " + d.message;
      p.appendChild(loc);
      p.appendChild(msg);
      if (d.help) {
        var help = document.createElement("div");
        help.setAttribute("style", "color:#46525f");
        help.textContent = "help: " + d.help;
        p.appendChild(help);
      }
      box.appendChild(p);
    });
    document.body.appendChild(box);
  }
  // The page comes back where the editor was: at the same place, or still at
  // the bottom when that is where the new text went.
  var KEY = "practica-live-scroll";
  function bottom() { return document.documentElement.scrollHeight - window.innerHeight; }
  var ours = false;
  function reload() {
    ours = true;
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, y: window.scrollY, end: window.scrollY > 0 && window.scrollY >= bottom() - 4 }));
      history.scrollRestoration = "manual";
    } catch (err) {}
    location.reload();
  }
  try {
    var kept = JSON.parse(sessionStorage.getItem(KEY) || "null");
    sessionStorage.removeItem(KEY);
    if (kept && kept.path === location.pathname) {
      var put = function () { window.scrollTo(0, kept.end ? bottom() : kept.y); };
      put();
      window.addEventListener("load", put);
    }
    // The browser's own restoring would undo this, but an editor's own reload gets it back.
    window.addEventListener("pagehide", function () { if (!ours) history.scrollRestoration = "auto"; });
  } catch (err) {}
  var es = new EventSource("/__practica/events");
  function here(data) {
    var list;
    try { list = JSON.parse(data); } catch (err) { list = []; }
    return Array.isArray(list) && list.indexOf(location.pathname.replace(/index\.html$/, "")) >= 0;
  }
  function assets(d) {
    return Array.prototype.map.call(d.querySelectorAll("link[rel=stylesheet], script[src]"), function (el) {
      return el.getAttribute("href") || el.getAttribute("src");
    }).join(" ");
  }
  function replace() {
    var starts = window.practicaRestart || [];
    if (starts.length < document.querySelectorAll("script[src]").length) return reload();
    fetch(location.href, { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error("status " + r.status);
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      if (!doc.body || assets(doc) !== assets(document)) return reload();
      var y = window.scrollY, end = y > 0 && y >= bottom() - 4;
      hide();
      document.title = doc.title;
      document.body.replaceWith(doc.body);
      starts.forEach(function (start) { start(); });
      window.scrollTo(0, end ? bottom() : y);
    }).catch(reload);
  }
  es.addEventListener("reload", function (e) { if (!here(e.data)) reload(); });
  es.addEventListener("changed", function (e) { if (here(e.data)) replace(); });
  es.addEventListener("failed", function (e) { show(JSON.parse(e.data)); });
})();
</script>"#;

/// Shown while no build has succeeded yet (the theme's stylesheet is not
/// built either, so its few styles are its own); the script lists the errors.
pub const WAITING_PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>The guide has problems · practica preview</title>\
<style>body{margin:0;font:17px/1.55 system-ui,sans-serif;color:#1b2530;background:#f6f8f9}\
header{background:#14506b;color:#fff;padding:14px 20px;font-weight:700}main{max-width:44rem;margin:0 auto;padding:24px 20px 60vh}\
h1{font-size:1.6rem;margin:0 0 .5rem}</style></head><body data-practica-waiting><header>practica preview</header>\
<main><h1>The guide did not build yet</h1><p>practica found problems before it could make a first version of the site. \
They are listed below with the file and line to fix. Save the file and this page reloads by itself.</p></main></body></html>";

/// The page with the live script added before `</body>`.
pub fn inject(html: &[u8]) -> Vec<u8> {
    let pos = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT.len());
    out.extend_from_slice(&html[..pos]);
    out.extend_from_slice(SCRIPT.as_bytes());
    out.extend_from_slice(&html[pos..]);
    out
}

pub fn event(e: &LiveEvent) -> Event {
    match e {
        LiveEvent::Reload | LiveEvent::Shutdown => Event::default().event("reload").data("reload"),
        LiveEvent::Changed(paths) => Event::default().event("changed").data(addresses(paths)),
        LiveEvent::Failed(diags) => {
            let list: Vec<serde_json::Value> = diags
                .iter()
                .filter(|d| d.is_error())
                .map(|d| {
                    serde_json::json!({
                        "severity": d.severity.as_str(),
                        "code": d.code.as_str(),
                        "message": d.message,
                        "location": d.location(),
                        "help": d.help,
                    })
                })
                .collect();
            Event::default().event("failed").data(serde_json::Value::Array(list).to_string())
        }
    }
}

/// Page addresses as the script reads them: a JSON list.
fn addresses(paths: &[String]) -> String {
    serde_json::to_string(paths).unwrap_or_else(|_| "[]".to_string())
}
