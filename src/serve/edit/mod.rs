//! Editing the guide in the preview (see docs/editing.md): the editing
//! views' pages, their scripts and styles, the bar on every served page, and
//! the JSON API the views read and write the guide's files through.
//!
//! On only when the preview listens on a loopback address and `--no-edit`
//! is not given; every API request passes `guard` first.

mod api;
pub mod bar;
mod fields;
mod files;
mod frontmatter;
mod guard;
mod history;
pub mod index;
mod new;
mod preview;
mod query;
mod read;
mod save;
mod shell;
mod status;
mod translation;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, State as AxState};
use axum::http::{HeaderMap, Method, Response, StatusCode, Uri};
use axum::routing::{any, get};

pub use index::Index;

use super::Shared;
use crate::pipeline::Options;

/// What the editing side knows: the secret, where the guide is, how it is built.
pub struct Edit {
    pub secret: String,
    pub opts: Options,
    pub shared: Shared,
    /// One write at a time: a save compares the file with what the editor
    /// started from and writes, with no other write in between.
    pub writing: tokio::sync::Mutex<()>,
}

impl Edit {
    pub fn new(opts: Options, shared: Shared) -> Result<Edit, String> {
        Ok(Edit { secret: guard::new_secret()?, opts, shared, writing: tokio::sync::Mutex::new(()) })
    }

    pub fn root(&self) -> PathBuf {
        self.opts.root.clone()
    }

    /// The last good build's index; before the first, what guide.yaml says.
    pub fn index(&self) -> Arc<Index> {
        let kept = self.shared.read().unwrap_or_else(|p| p.into_inner()).edit_index.clone();
        kept.unwrap_or_else(|| Arc::new(Index::unbuilt(&self.opts.root)))
    }
}

/// Whether editing is on for a preview bound to `ip`, and if not, why.
pub fn allowed(ip: std::net::IpAddr, asked: bool) -> Result<(), String> {
    if !asked {
        return Err("Editing is off (--no-edit).".into());
    }
    if !ip.is_loopback() {
        return Err(format!("Editing is off: the preview listens on {ip}; editing needs 127.0.0.1."));
    }
    Ok(())
}

/// The largest image the editor may upload.
pub const MAX_IMAGE: usize = 5 * 1024 * 1024;

pub fn routes(edit: Arc<Edit>) -> Router {
    Router::new()
        .route("/__practica/edit", get(shell::page))
        .route("/__practica/new", get(shell::page))
        .route("/__practica/translate", get(shell::page))
        .route("/__practica/status", get(shell::page))
        .route("/__practica/edit/{*file}", get(shell::asset))
        .route("/__practica/api/{*what}", any(api_entry))
        .layer(DefaultBodyLimit::max(MAX_IMAGE + 64 * 1024))
        .with_state(edit)
}

/// Every API request: the guard, then the handler.
async fn api_entry(
    AxState(edit): AxState<Arc<Edit>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response<Body> {
    if let Some(why) = guard::refuses(&headers, &method, &edit.secret) {
        return api::error(StatusCode::FORBIDDEN, why);
    }
    let what = uri.path().trim_start_matches("/__practica/api/").to_string();
    let query = uri.query().map(str::to_string);
    api::handle(edit, method, &what, query.as_deref(), &headers, body).await
}
