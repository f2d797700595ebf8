//! HTTP: the last good site, from memory, under the site's base path.
//!
//! Only paths that name a built file are answered. A request path is
//! percent-decoded once and then refused if any segment is `..` or `.`, or
//! contains a backslash, a NUL or an encoded slash, so no request can reach
//! anything but the built files.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State as AxState;
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast;

use super::live::{self, EVENTS_PATH};
use super::{LiveEvent, Shared};

#[derive(Clone)]
struct App {
    shared: Shared,
    events: broadcast::Sender<LiveEvent>,
}

pub fn router(shared: Shared, events: broadcast::Sender<LiveEvent>) -> Router {
    Router::new().route(EVENTS_PATH, get(sse)).fallback(get(page)).with_state(App { shared, events })
}

async fn sse(AxState(app): AxState<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before reading the state, so a failure in between is not lost.
    let rx = app.events.subscribe();
    // A page that connects while the last build failed shows the errors at once.
    let current = app.shared.read().unwrap_or_else(|p| p.into_inner()).errors.clone();
    let first = current.map(|d| live::event(&LiveEvent::Failed(d)));
    let updates = stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(LiveEvent::Shutdown) => return None,
                Ok(e) => return Some((Ok(live::event(&e)), rx)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let hello = stream::iter(first.into_iter().map(Ok).collect::<Vec<_>>());
    Sse::new(futures_util::StreamExt::chain(hello, updates)).keep_alive(KeepAlive::default())
}

async fn page(AxState(app): AxState<App>, uri: Uri) -> Response<Body> {
    let (files, base, failing) = {
        let st = app.shared.read().unwrap_or_else(|p| p.into_inner());
        (st.files.clone(), st.base_path.clone(), st.errors.is_some())
    };
    let path = uri.path();
    if format!("{path}/") == base {
        return redirect(&base);
    }
    let Some(rel) = path.strip_prefix(base.as_str()) else {
        return not_found(&files, failing);
    };
    let Some(rel) = clean(rel) else {
        return not_found(&files, failing);
    };
    let key = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.clone() };
    match files.get(&key) {
        Some(bytes) => respond(StatusCode::OK, &key, bytes.clone()),
        None if files.contains_key(&format!("{rel}/index.html")) => redirect(&format!("{base}{rel}/")),
        None if files.is_empty() && failing => {
            // No good build yet: an empty page that carries the live script shows the errors.
            respond(StatusCode::SERVICE_UNAVAILABLE, "index.html", Arc::from(live::WAITING_PAGE.as_bytes()))
        }
        None => not_found(&files, failing),
    }
}

/// Percent-decodes a request path below the base; `None` for anything that could escape.
pub fn clean(rel: &str) -> Option<String> {
    let lower = rel.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return None;
    }
    let decoded = percent_decode(rel)?;
    if decoded.starts_with('/') || decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return None;
    }
    Some(decoded)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn not_found(files: &super::Files, _failing: bool) -> Response<Body> {
    match files.get("404.html") {
        Some(b) => respond(StatusCode::NOT_FOUND, "404.html", b.clone()),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

fn redirect(to: &str) -> Response<Body> {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::MOVED_PERMANENTLY;
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

fn respond(status: StatusCode, key: &str, bytes: Arc<[u8]>) -> Response<Body> {
    let ctype = content_type(key);
    let body =
        if ctype.starts_with("text/html") { Body::from(live::inject(&bytes)) } else { Body::from(bytes.to_vec()) };
    let mut r = Response::new(body);
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    // The preview changes with every save; never let the browser reuse an old copy.
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "../x",
            "a/../../x",
            "%2e%2e/x",
            "%2E%2E/guide.yaml",
            "a%2fb",
            "a%5cb",
            "a\\b",
            "/etc/passwd",
            "%2fetc",
            "a/./b",
            "%00",
            "%zz",
        ] {
            assert_eq!(clean(bad), None, "{bad}");
        }
        assert_eq!(clean("practices/a%20b/").as_deref(), Some("practices/a b/"));
        assert_eq!(clean("").as_deref(), Some(""));
    }
}
