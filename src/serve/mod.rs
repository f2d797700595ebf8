//! `practica serve`: builds the guide into memory, serves it over HTTP, watches
//! the site folder and rebuilds on every save, and reloads open browsers.
//!
//! The site lives in memory, so a rebuild swaps one pointer: a reader never
//! sees half a site, nothing is written to disk, and there is no staging folder
//! to leave behind. A failed rebuild keeps the last good site and shows its
//! diagnostics in every open page; the server never exits because of content.

pub mod edit;
mod listen;
mod live;
mod routes;
mod watch;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use crate::diagnostic::{self, Code, Diagnostic, Diagnostics};
use crate::load::theme::StaticFile;
use crate::pipeline::{self, Options, Prepared};
use crate::render::plan::Plan;

pub struct ServeOptions {
    pub build: Options,
    pub bind: String,
    pub port: u16,
    pub open: bool,
    /// Host names besides this machine's own that requests may be addressed to.
    pub allow_hosts: Vec<String>,
    /// Editing in the preview, unless `--no-edit`; only ever on loopback.
    pub edit: bool,
}

/// What the server hands out: the last good site, and the last build's errors.
/// A built site in memory: site path → bytes.
pub type Files = HashMap<String, Arc<[u8]>>;

pub struct State {
    pub files: Arc<Files>,
    /// Counts the builds served: a page tells the event stream which one it
    /// came from, so a change made while it loaded is not missed.
    pub generation: u64,
    pub base_path: String,
    pub errors: Option<Arc<Diagnostics>>,
    /// The last good build's warnings, which every served page shows.
    pub warnings: Arc<Diagnostics>,
    /// Whether editing is on: the bar on every page, the editing views and API.
    pub editing: bool,
    /// What the editing views know of the last good build.
    pub edit_index: Option<Arc<edit::Index>>,
}

/// Keeps what the editing views know of the guide up to date with a good build.
fn keep_index(shared: &Shared, cache: Option<&Cache>) {
    let Some(c) = cache else { return };
    if !shared.read().unwrap_or_else(|p| p.into_inner()).editing {
        return;
    }
    let index = Arc::new(edit::Index::of(&c.prepared));
    shared.write().unwrap_or_else(|p| p.into_inner()).edit_index = Some(index);
}

/// Keeps the warnings of a good build (every rebuild resolves the whole
/// guide, so they are all of them) for the pages to show.
fn keep_warnings(shared: &Shared, found: &Diagnostics) {
    let mut all = found.clone();
    all.retain(|d| d.severity == diagnostic::Severity::Warning);
    all.sort();
    shared.write().unwrap_or_else(|p| p.into_inner()).warnings = Arc::new(all);
}

/// Sent to every open page.
#[derive(Clone, Debug)]
pub enum LiveEvent {
    /// Anything may have changed (a full rebuild): every open page reloads.
    Reload,
    /// Only the text of the pages at these addresses changed, not the site's
    /// stylesheets or scripts: a page open at one of them takes its new text
    /// in place (see `live`).
    Changed(Arc<Vec<String>>),
    Failed(Arc<Diagnostics>),
    /// Ends every open event stream, so shutdown does not wait on them.
    Shutdown,
}

pub type Shared = Arc<RwLock<State>>;

/// One good build, ready to serve.
struct Built {
    files: Files,
    base_path: String,
    warnings: Diagnostics,
    /// Kept to re-render only what a save touches.
    cache: Cache,
}

/// The resolved guide, texts and parsed templates of the last good build, and
/// what its outputs were made from.
pub struct Cache {
    pub prepared: Prepared,
    pub plan: Plan,
}

/// Renders the site into a map from site path to bytes; with `index` false the
/// search index is left for later.
fn build_in_memory(opts: &Options, index: bool) -> Result<Built, Diagnostics> {
    let site = pipeline::render_in_memory(opts, index)?;
    let p = &site.prepared;
    let plan = Plan::of(&p.guide, &p.texts, p.theme);
    Ok(files_of(site, plan))
}

/// A whole site in memory: its rendered files and its static files.
fn files_of(site: pipeline::Site, plan: Plan) -> Built {
    let statics = &site.prepared.statics;
    let mut files: Files = HashMap::with_capacity(site.files.len() + statics.len());
    for (path, src) in statics {
        let bytes: Arc<[u8]> = match src {
            StaticFile::Builtin(b) => Arc::from(*b),
            StaticFile::Disk(p) => match std::fs::read(p) {
                Ok(b) => Arc::from(b),
                Err(_) => continue,
            },
        };
        files.insert(path.clone(), bytes);
    }
    for f in site.files {
        files.insert(f.path, Arc::from(f.bytes));
    }
    Built {
        files,
        base_path: site.prepared.guide.addresses.base_path().to_string(),
        warnings: site.warnings,
        cache: Cache { prepared: site.prepared, plan },
    }
}

/// Prints a status line. A closed terminal must not take the server down, so
/// write errors are ignored where `println!` would panic.
fn say(line: std::fmt::Arguments) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_fmt(line);
    let _ = out.write_all(b"\n");
    let _ = out.flush();
}

fn print_diagnostics(opts: &Options, diags: &Diagnostics) {
    if diags.is_empty() {
        return;
    }
    let color = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = diagnostic::render_text(diags.as_slice(), &opts.root, color);
    let _ = std::io::Write::write_all(&mut std::io::stderr(), text.as_bytes());
}

fn cannot_listen(message: String, help: &str) -> Diagnostic {
    Diagnostic::error(Code::Listen, "--port", 0, message).with_help(help)
}

/// Runs until Ctrl+C. Fails only for problems that stop the server from
/// starting (a port in use); content errors never do.
pub fn run(mut opts: ServeOptions) -> Result<(), Diagnostic> {
    let start = Instant::now();
    opts.build.parsed = Some(Arc::default());
    let initial = build_in_memory(&opts.build, true);
    let mut warnings = Diagnostics::new();
    let (files, base_path, errors, cache) = match initial {
        Ok(b) => {
            print_diagnostics(&opts.build, &b.warnings);
            say(format_args!("Built {} files in {} ms", b.files.len(), start.elapsed().as_millis()));
            warnings = b.warnings;
            (b.files, b.base_path, None, Some(b.cache))
        }
        Err(diags) => {
            print_diagnostics(&opts.build, &diags);
            eprintln!("The guide has errors; the browser shows them until they are fixed.");
            let base_url = crate::load::config::load(&opts.build.root, &mut Diagnostics::new()).map(|c| c.base_url);
            let base = crate::guide::Addresses::new(&base_url.unwrap_or_default()).base_path().to_string();
            (HashMap::new(), base, Some(Arc::new(diags)), None)
        }
    };
    let state = State {
        files: Arc::new(files),
        generation: 0,
        base_path: base_path.clone(),
        errors,
        warnings: Arc::default(),
        editing: false,
        edit_index: None,
    };
    let shared: Shared = Arc::new(RwLock::new(state));
    keep_warnings(&shared, &warnings);
    let (events, _) = broadcast::channel::<LiveEvent>(16);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| cannot_listen(format!("cannot start the server: {e}"), "try again"))?;
    runtime.block_on(async {
        let addr: SocketAddr = format!("{}:{}", opts.bind, opts.port).parse().map_err(|_| {
            cannot_listen(format!("`{}` is not an address to listen on", opts.bind), "use e.g. --bind 127.0.0.1")
        })?;
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
            if e.kind() == std::io::ErrorKind::AddrInUse {
                cannot_listen(
                    format!("port {} is already in use, perhaps by another preview", opts.port),
                    "stop the other server, or choose another port: practica serve --port 1112",
                )
            } else {
                cannot_listen(format!("cannot listen on {addr}: {e}"), "choose another --bind address or --port")
            }
        })?;
        let local = listener.local_addr().map_err(|e| cannot_listen(e.to_string(), "try again"))?;
        if !local.ip().is_loopback() {
            eprintln!("warning: serving on {} — anyone on your network can read this preview", local.ip());
        }
        let edit = match edit::allowed(local.ip(), opts.edit) {
            Ok(()) => Some(Arc::new(edit::Edit::new(opts.build.clone(), shared.clone()).map_err(|e| {
                cannot_listen(format!("cannot turn editing on: {e}"), "start the preview with --no-edit")
            })?)),
            Err(why) => {
                say(format_args!("{why}"));
                None
            }
        };
        if edit.is_some() {
            shared.write().unwrap_or_else(|p| p.into_inner()).editing = true;
            keep_index(&shared, cache.as_ref());
        }
        // Watching starts before the address is announced: a change made as
        // soon as the preview says it is serving must not be missed.
        let watcher = watch::start(opts.build.clone(), cache, shared.clone(), events.clone()).map_err(|e| {
            Diagnostic::error(Code::Unreadable, &opts.build.root, 0, format!("cannot watch the guide's folder: {e}"))
                .with_help("check that the folder exists and can be read")
        })?;
        let url = format!("http://{local}{base_path}");
        say(format_args!("Serving {url} (Ctrl+C to stop)"));
        if opts.open {
            open_browser(&url);
        }

        let app = routes::router(shared.clone(), events.clone(), edit);
        let hosts = listen::Hosts::new(local.ip(), &opts.allow_hosts);
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let stopper = events.clone();
        tokio::spawn(async move {
            let _ = tokio::signal::ctrl_c().await;
            let _ = stopper.send(LiveEvent::Shutdown);
            let _ = stop.send(true);
        });
        listen::serve(listener, app, hosts, stopped).await;
        drop(watcher);
        say(format_args!("Stopped."));
        Ok(())
    })?;
    // Whatever is still running (a rebuild, an index) must not hold up the exit.
    runtime.shutdown_timeout(std::time::Duration::from_millis(300));
    Ok(())
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("Open {url} in your browser.");
    }
}

/// The folders and files a change in which means a rebuild.
pub fn watched_paths(root: &std::path::Path) -> Vec<(PathBuf, bool)> {
    vec![
        (root.to_path_buf(), false),
        (root.join("content"), true),
        (root.join("static"), true),
        (root.join("templates"), true),
        (root.join("themes"), true),
        (root.join("strings"), true),
    ]
}
