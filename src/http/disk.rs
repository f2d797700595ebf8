//! A loopback server for a folder of the built site, so that Chromium prints
//! pages exactly as a web host would serve them, under the base path.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};

use super::{Files, Found, find, not_found, redirect, respond};

struct Folder(PathBuf);

impl Files for Folder {
    fn read(&self, path: &str) -> Option<Arc<[u8]>> {
        // `find` hands over only cleaned paths, which cannot leave the folder.
        std::fs::read(self.0.join(path)).ok().map(Arc::from)
    }
}

/// Serves a folder on 127.0.0.1 until stopped (or dropped).
pub struct DiskServer {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl DiskServer {
    pub fn start(folder: PathBuf, base: String) -> std::io::Result<DiskServer> {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
        let listener = runtime.block_on(tokio::net::TcpListener::bind(("127.0.0.1", 0)))?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let state = (Arc::new(Folder(folder)), Arc::new(base));
        let app = Router::new().fallback(page).with_state(state);
        let thread = std::thread::Builder::new().name("practica-print-server".into()).spawn(move || {
            runtime.block_on(async move {
                let _ = axum::serve(listener, app)
                    .with_graceful_shutdown(async move {
                        let _ = stopped.await;
                    })
                    .await;
            });
        })?;
        Ok(DiskServer { addr, stop: Some(stop), thread: Some(thread) })
    }

    /// `http://127.0.0.1:PORT`
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for DiskServer {
    fn drop(&mut self) {
        self.shut_down();
    }
}

async fn page(State((folder, base)): State<(Arc<Folder>, Arc<String>)>, uri: Uri) -> Response<Body> {
    match find(folder.as_ref(), &base, uri.path()) {
        Found::File(key, bytes) => {
            let mut r = respond(StatusCode::OK, &key, bytes.to_vec());
            // The folder is a finished build that does not change while it is
            // served, so Chromium may keep each stylesheet and script: it then
            // fetches and parses them once, not once for every handout.
            r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("max-age=3600, immutable"));
            r
        }
        Found::Redirect(to) => redirect(&to),
        Found::Missing => not_found(folder.as_ref()),
    }
}
