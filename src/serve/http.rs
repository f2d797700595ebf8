//! The preview's HTTP side: the last good site from memory (through the shared
//! file policy in `crate::http`), with the live-reload script added to every
//! page, and the event stream that tells open pages to reload.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State as AxState;
use axum::http::{Response, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast;

use super::live::{self, EVENTS_PATH};
use super::{LiveEvent, Shared};
use crate::http::{Found, find, not_found, redirect, respond};

#[derive(Clone)]
struct App {
    shared: Shared,
    events: broadcast::Sender<LiveEvent>,
}

pub fn router(shared: Shared, events: broadcast::Sender<LiveEvent>) -> Router {
    Router::new().route(EVENTS_PATH, get(sse)).fallback(get(page)).with_state(App { shared, events })
}

async fn sse(AxState(app): AxState<App>, uri: Uri) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribe before reading the state, so a failure in between is not lost.
    let rx = app.events.subscribe();
    let (errors, generation) = {
        let st = app.shared.read().unwrap_or_else(|p| p.into_inner());
        (st.errors.clone(), st.generation)
    };
    // The page names the build it came from (`?since=N`): one made since it
    // was served (while it loaded) reloads it. A page that connects while the
    // last build failed shows the errors at once.
    let since = uri.query().and_then(|q| q.strip_prefix("since=")).and_then(|n| n.parse::<u64>().ok());
    let first = match errors {
        Some(d) => Some(live::event(&LiveEvent::Failed(d))),
        None if since.is_some_and(|n| n != generation) => Some(live::event(&LiveEvent::Reload)),
        None => None,
    };
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
    let (files, base, failing, generation) = {
        let st = app.shared.read().unwrap_or_else(|p| p.into_inner());
        (st.files.clone(), st.base_path.clone(), st.errors.is_some(), st.generation)
    };
    let served = |status, key: &str, bytes| served(status, key, bytes, generation);
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

/// A file as served, with the live-reload script in every HTML page.
fn served(status: StatusCode, key: &str, bytes: Arc<[u8]>, generation: u64) -> Response<Body> {
    if crate::http::content_type(key).starts_with("text/html") {
        respond(status, key, live::inject(&bytes, generation))
    } else {
        respond(status, key, bytes.to_vec())
    }
}
