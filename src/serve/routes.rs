//! The preview's routes: the last good site from memory (through the shared
//! file policy in `crate::http`), with the live-reload script added to every
//! page, and the event stream that tells open pages to reload.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State as AxState;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, Response, StatusCode, Uri, header};
use axum::response::IntoResponse;
use axum::routing::get;
use tokio::sync::broadcast;

use super::edit::{Edit, Index, bar};
use super::live::{self, EVENTS_PATH};
use super::{LiveEvent, Shared};
use crate::diagnostic::Diagnostics;
use crate::http::{Found, find, not_found, redirect, respond};

#[derive(Clone)]
struct App {
    shared: Shared,
    events: broadcast::Sender<LiveEvent>,
}

pub fn router(shared: Shared, events: broadcast::Sender<LiveEvent>, edit: Option<Arc<Edit>>) -> Router {
    let site =
        Router::new().route(EVENTS_PATH, get(live_channel)).fallback(get(page)).with_state(App { shared, events });
    match edit {
        // When editing is off its addresses are not found, like any other.
        Some(edit) => super::edit::routes(edit).merge(site),
        None => site,
    }
}

/// The live-reload channel, a WebSocket: unlike a stream of Server-Sent
/// Events it is no request in progress, so a page is done loading for a
/// headless browser's `--virtual-time-budget` and for tests that wait for it.
async fn live_channel(
    AxState(app): AxState<App>,
    ws: WebSocketUpgrade,
    headers: HeaderMap,
    uri: Uri,
) -> axum::response::Response {
    // Any web page may open a WebSocket to any address, 127.0.0.1 too, and
    // no CORS rule stops it reading: only the preview's own pages may listen.
    if !same_origin(&headers) {
        return (StatusCode::FORBIDDEN, "only the preview's own pages may listen to it").into_response();
    }
    let since = uri.query().and_then(|q| q.strip_prefix("since=")).and_then(|n| n.parse::<u64>().ok());
    ws.on_upgrade(move |socket| send_events(socket, app, since))
}

/// Whether a request has no `Origin` (a program, not a page) or one whose
/// host is the host the request was sent to.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else { return true };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin.to_str().ok().and_then(|o| o.strip_prefix("http://"));
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

async fn send_events(mut socket: WebSocket, app: App, since: Option<u64>) {
    // Subscribe before reading the state, so a failure in between is not lost.
    let mut rx = app.events.subscribe();
    let (errors, generation) = {
        let st = app.shared.read().unwrap_or_else(|p| p.into_inner());
        (st.errors.clone(), st.generation)
    };
    // The page names the build it came from (`?since=N`): one made since it
    // was served (while it loaded) reloads it. A page that connects while the
    // last build failed shows the errors at once.
    let first = match errors {
        Some(d) => Some(LiveEvent::Failed(d)),
        None if since.is_some_and(|n| n != generation) => Some(LiveEvent::Reload),
        None => None,
    };
    if let Some(e) = first
        && socket.send(Message::text(live::message(&e))).await.is_err()
    {
        return;
    }
    loop {
        tokio::select! {
            event = rx.recv() => match event {
                Ok(LiveEvent::Shutdown) | Err(broadcast::error::RecvError::Closed) => break,
                Ok(e) => {
                    if socket.send(Message::text(live::message(&e))).await.is_err() {
                        break;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
            },
            // The page went away (or sent something it never sends).
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
                Some(Ok(_)) => {}
            },
        }
    }
    let _ = socket.send(Message::Close(None)).await;
}

async fn page(AxState(app): AxState<App>, uri: Uri) -> Response<Body> {
    let (files, base, failing, generation, warnings, editing) = {
        let st = app.shared.read().unwrap_or_else(|p| p.into_inner());
        let editing = st.editing.then(|| st.edit_index.clone().unwrap_or_default());
        (st.files.clone(), st.base_path.clone(), st.errors.is_some(), st.generation, st.warnings.clone(), editing)
    };
    let served = |status, key: &str, bytes| served(status, key, bytes, generation, &warnings, editing.as_deref());
    // The guide lives under base_url's path (`/guides/peer/`); an editor who
    // opens the server's root is sent there rather than shown "not found".
    // Not for good: base_url may change while the browser remembers.
    if uri.path() == "/" && base != "/" {
        let mut r = redirect(&base);
        *r.status_mut() = StatusCode::FOUND;
        return r;
    }
    match find(files.as_ref(), &base, uri.path()) {
        Found::File(key, bytes) => served(StatusCode::OK, &key, bytes),
        Found::Redirect(to) => redirect(&to),
        // No good build yet: an empty page that carries the live script shows the errors.
        Found::Missing if files.is_empty() && failing => {
            served(StatusCode::SERVICE_UNAVAILABLE, "index.html", Arc::from(live::WAITING_PAGE.as_bytes()))
        }
        Found::Missing => match files.get("404.html") {
            Some(b) => served(StatusCode::NOT_FOUND, "404.html", b.clone()),
            None => not_found(files.as_ref()),
        },
    }
}

/// A file as served, with the live-reload script and the guide's warnings in
/// every HTML page, and the editing bar while editing is on.
fn served(
    status: StatusCode,
    key: &str,
    bytes: Arc<[u8]>,
    generation: u64,
    warnings: &Diagnostics,
    editing: Option<&Index>,
) -> Response<Body> {
    if crate::http::content_type(key).starts_with("text/html") {
        let page = live::inject(&bytes, generation, warnings);
        let page = match editing {
            Some(index) => bar::inject(&page, &bar::html(index.target(key))),
            None => page,
        };
        respond(status, key, page)
    } else {
        respond(status, key, bytes.to_vec())
    }
}
