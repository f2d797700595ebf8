//! The editing API's requests, after the guard: each one's handler, run
//! off the server's threads when it reads or builds the guide.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, Method, Response, StatusCode, header};
use serde_json::{Value, json};

use super::Edit;
use super::query::param;
use super::read::{self, Answer};

pub fn json_response(status: u16, value: &Value) -> Response<Body> {
    let mut r = Response::new(Body::from(value.to_string()));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

pub fn error(status: StatusCode, message: &str) -> Response<Body> {
    json_response(status.as_u16(), &json!({ "error": message }))
}

fn answer(a: Answer) -> Response<Body> {
    match a {
        Ok((status, v)) => json_response(status, &v),
        Err(r) => {
            let mut v = json!({ "error": r.message });
            if let Some(f) = r.field {
                v["field"] = json!(f);
            }
            json_response(r.status, &v)
        }
    }
}

/// Today, or the day `PRACTICA_TODAY` gives, as `check` takes it.
pub fn today() -> String {
    crate::resolve::reviews::today().format("%Y-%m-%d").to_string()
}

/// Runs `work` on a thread that may block (reading files, building).
async fn blocking(work: impl FnOnce() -> Answer + Send + 'static) -> Response<Body> {
    match tokio::task::spawn_blocking(work).await {
        Ok(a) => answer(a),
        Err(_) => error(StatusCode::INTERNAL_SERVER_ERROR, "the preview failed while doing this; see its terminal"),
    }
}

pub async fn handle(
    edit: Arc<Edit>,
    method: Method,
    what: &str,
    query: Option<&str>,
    headers: &HeaderMap,
    body: Bytes,
) -> Response<Body> {
    let get = method == Method::GET;
    let post = method == Method::POST;
    // Every POST but an image's is JSON.
    let req: Value = if post && what != "image" {
        if !super::guard::is_json(headers) {
            return error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "this request takes JSON (Content-Type: application/json)",
            );
        }
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => return error(StatusCode::BAD_REQUEST, &format!("the request is not JSON: {e}")),
        }
    } else {
        Value::Null
    };
    match what {
        "preview" | "save" if post => {
            if what == "preview" {
                return blocking(move || super::save::preview(&edit.opts, &req)).await;
            }
            // One write at a time: between reading the file and renaming the
            // new text over it, no other save may slip in.
            let _one = edit.writing.lock().await;
            let root = edit.root();
            blocking(move || super::save::save(&root, &req)).await
        }
        "guide" if get => answer(read::guide(&edit.index(), &today())),
        "file" if get => {
            let path = param(query, "path").unwrap_or_default();
            blocking(move || read::file(&edit.root(), &path, &edit.index())).await
        }
        "new" if post => {
            let _one = edit.writing.lock().await;
            let (root, index) = (edit.root(), edit.index());
            blocking(move || super::new::create(&root, &index, &req)).await
        }
        "status" if get => {
            let opts = edit.opts.clone();
            blocking(move || super::status::status(&opts)).await
        }
        "translation" if get => {
            let (file, lang) = (param(query, "file").unwrap_or_default(), param(query, "lang").unwrap_or_default());
            let (root, index) = (edit.root(), edit.index());
            blocking(move || super::translation::translation(&root, &index, &file, &lang)).await
        }
        "new-name" if get => answer(super::new::name(&edit.index(), query)),
        "image" if post => {
            let _one = edit.writing.lock().await;
            let (root, q) = (edit.root(), query.map(str::to_string));
            blocking(move || super::new::image(&root, q.as_deref(), &body)).await
        }
        "guide" | "file" | "new-name" | "status" | "translation" => {
            error(StatusCode::METHOD_NOT_ALLOWED, "this is read with GET")
        }
        "preview" | "save" | "new" | "image" => error(StatusCode::METHOD_NOT_ALLOWED, "this is sent with POST"),
        _ if !get && !post => error(StatusCode::METHOD_NOT_ALLOWED, "the editing API takes GET and POST"),
        _ => error(StatusCode::NOT_FOUND, "there is no such request in the editing API"),
    }
}
