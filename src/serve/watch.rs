//! Watching the site folder: every editor's way of saving becomes one rebuild.
//!
//! Folders are watched, never single files, because a save by rename (vim, many
//! IDEs) replaces the file a single-file watch was attached to. Editors' temp
//! and swap files, the output folder and read-only access are ignored. A burst
//! of events (a save that writes, renames and touches metadata; a git checkout)
//! settles into one rebuild.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::broadcast;

use super::{Cache, Files, LiveEvent, Shared, print_diagnostics, say, watched_paths};
use crate::diagnostic::Diagnostics;
use crate::guide::address::{SEARCH_BUNDLE, page_of};
use crate::pipeline::{self, Options};
use crate::render::plan::Plan;
use crate::render::{Keep, OutFile, Selection};

/// Quiet time that ends a burst of events. An editor's save (truncate, write,
/// close; or write aside and rename) is one burst well inside it, and every
/// millisecond here is one the editor waits for the page, so a burst that
/// shows a save complete (see `save_finished`) ends sooner (GRACE).
const SETTLE: Duration = Duration::from_millis(10);
/// Quiet time that ends a burst once a save is complete: long enough for the
/// next file of a checkout to be on its way, short beside SETTLE.
const GRACE: Duration = Duration::from_millis(2);
/// A burst never delays a rebuild longer than this.
const MAX_WAIT: Duration = Duration::from_millis(250);
/// How long a failed rebuild waits for more of a save still being written
/// before it shows the save's problems.
const STILL_SAVING: Duration = Duration::from_millis(150);
/// Quiet after a save that brings the complete guide up to date: it takes as
/// long to render as all the practices together, and a save waits for nothing.
const PAUSE: Duration = Duration::from_secs(1);

/// Keeps the watcher alive; dropping it stops watching.
pub struct Handle {
    _watcher: SharedWatcher,
}

/// Shared with the rebuild thread, which adds a folder created after start
/// (a first image makes static/).
type SharedWatcher = std::sync::Arc<std::sync::Mutex<Box<dyn Watcher + Send>>>;

pub fn start(
    opts: Options,
    cache: Option<Cache>,
    shared: Shared,
    events: broadcast::Sender<LiveEvent>,
) -> notify::Result<Handle> {
    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let watcher: SharedWatcher = std::sync::Arc::new(std::sync::Mutex::new(make_watcher(&opts.root, tx)?));
    let for_loop = watcher.clone();
    std::thread::Builder::new()
        .name("practica-rebuild".into())
        .spawn(move || rebuild_loop(opts, cache, rx, shared, events, for_loop))
        .map_err(|e| notify::Error::generic(&e.to_string()))?;
    Ok(Handle { _watcher: watcher })
}

fn make_watcher(root: &Path, tx: mpsc::Sender<notify::Result<Event>>) -> notify::Result<Box<dyn Watcher + Send>> {
    let tx2 = tx.clone();
    let mut native = RecommendedWatcher::new(move |e| drop(tx.send(e)), notify::Config::default())?;
    match watch_all(&mut native, root) {
        Ok(()) => Ok(Box::new(native)),
        Err(e) if is_watch_limit(&e) => {
            eprintln!(
                "note: the system's limit on watched folders is reached (inotify); checking for changes every half second instead.\n      \
                 Raise fs.inotify.max_user_watches for instant rebuilds."
            );
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(500));
            let mut poll = PollWatcher::new(move |e| drop(tx2.send(e)), config)?;
            watch_all(&mut poll, root)?;
            Ok(Box::new(poll))
        }
        Err(e) => Err(e),
    }
}

fn watch_all(w: &mut dyn Watcher, root: &Path) -> notify::Result<()> {
    for (path, recursive) in watched_paths(root) {
        if path.exists() {
            let mode = if recursive { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
            match w.watch(&path, mode) {
                // Deleted while its folders were being watched: the root's
                // watch sees it go, and sees it come back (rebuild_loop).
                Err(e) if matches!(e.kind, notify::ErrorKind::PathNotFound) => {}
                other => other?,
            }
        }
    }
    Ok(())
}

fn is_watch_limit(e: &notify::Error) -> bool {
    match &e.kind {
        notify::ErrorKind::MaxFilesWatch => true,
        // ENOSPC: "No space left on device" is what inotify says at its limit.
        notify::ErrorKind::Io(io) => io.raw_os_error() == Some(28),
        _ => false,
    }
}

/// Whether a changed path can change the site.
pub fn is_relevant(path: &Path, root: &Path, output: &Path) -> bool {
    if path.starts_with(output) {
        return false;
    }
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return false };
    let temp = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".bck")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
        // vim probes whether it may write in a folder with a file named 4913.
        || name == "4913"
        // `sed -i` writes its result to sedXXXXXX, then renames it over the file.
        || (name.len() == 9 && name.starts_with("sed") && name[3..].chars().all(|c| c.is_ascii_alphanumeric()));
    if temp {
        return false;
    }
    const FOLDERS: [&str; 5] = ["content", "static", "templates", "themes", "strings"];
    match path.strip_prefix(root) {
        // At the top level only guide.yaml, its translations (guide.es.yaml)
        // and the watched folders matter.
        Ok(rel) if rel.components().count() == 1 => {
            name == crate::load::config::FILE_NAME
                || (name.starts_with("guide.") && name.ends_with(".yaml"))
                || FOLDERS.contains(&name)
        }
        // In content/ only Markdown files and folders make pages.
        Ok(rel) if rel.starts_with("content") => {
            name.ends_with(".md") || path.is_dir() || (!path.exists() && !name.contains('.'))
        }
        Ok(rel) => rel.components().next().is_some_and(|c| FOLDERS.iter().any(|f| c.as_os_str() == *f)),
        Err(_) => false,
    }
}

fn relevant_paths(event: &Event, root: &Path, output: &Path) -> Vec<PathBuf> {
    if matches!(event.kind, EventKind::Access(_)) {
        return Vec::new();
    }
    event.paths.iter().filter(|p| is_relevant(p, root, output)).cloned().collect()
}

/// Whether `event` ends the save of a file that matters: the file closed after
/// writing, or a finished copy renamed into its place. Waiting out SETTLE
/// after that only delays the page.
fn save_finished(event: &Event, root: &Path, output: &Path) -> bool {
    use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
    let done = matches!(
        event.kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    );
    // A rename's new name comes last.
    done && event.paths.last().is_some_and(|p| is_relevant(p, root, output))
}

/// The events of one burst: the paths that matter, and whether the last
/// event about one of them completed its save.
#[derive(Default)]
struct Burst {
    changed: Vec<PathBuf>,
    saved: bool,
}

impl Burst {
    fn add(&mut self, event: &Event, root: &Path, output: &Path) {
        let paths = relevant_paths(event, root, output);
        let finished = save_finished(event, root, output);
        // Another file still being written keeps the burst open; a backup or
        // swap file removed after the save does not.
        if finished || !paths.is_empty() {
            self.saved = finished;
        }
        self.changed.extend(paths);
    }
}

/// The changes that matter arriving within `wait`.
fn more_within(rx: &Receiver<notify::Result<Event>>, wait: Duration, root: &Path, output: &Path) -> Burst {
    let deadline = Instant::now() + wait;
    let mut burst = Burst::default();
    while let Ok(e) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        if let Ok(e) = e {
            burst.add(&e, root, output);
        }
    }
    burst
}

fn rebuild_loop(
    opts: Options,
    mut cache: Option<Cache>,
    rx: Receiver<notify::Result<Event>>,
    shared: Shared,
    events: broadcast::Sender<LiveEvent>,
    watcher: SharedWatcher,
) {
    let root = opts.root.canonicalize().unwrap_or_else(|_| opts.root.clone());
    let output = opts.output.canonicalize().unwrap_or_else(|_| opts.output.clone());
    // The complete guide is behind the last save, until the editor pauses.
    let mut complete_due = false;
    // More of a save that was still being written when its rebuild failed.
    let mut carried = Burst::default();
    loop {
        // Wait for the first change that matters.
        let mut burst = std::mem::take(&mut carried);
        while burst.changed.is_empty() {
            let next = if complete_due { rx.recv_timeout(PAUSE) } else { rx.recv().map_err(RecvTimeoutError::from) };
            match next {
                Ok(Ok(e)) => burst.add(&e, &root, &output),
                Ok(Err(e)) => {
                    drop(std::io::Write::write_fmt(&mut std::io::stderr(), format_args!("watch error: {e}\n")))
                }
                Err(RecvTimeoutError::Timeout) => {
                    complete_due = false;
                    if let Some(c) = &cache {
                        complete_guide(&opts, c, &shared, &events);
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let first = Instant::now();
        // Let the burst settle; once a save is known to be complete, only what
        // is already on its way (the next files of a checkout) joins it.
        loop {
            let left = MAX_WAIT.saturating_sub(first.elapsed());
            if left.is_zero() {
                break;
            }
            let quiet = if burst.saved { GRACE } else { SETTLE };
            match rx.recv_timeout(quiet.min(left)) {
                Ok(Ok(e)) => burst.add(&e, &root, &output),
                Ok(Err(_)) => {}
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let mut changed = burst.changed;
        changed.sort();
        changed.dedup();
        // A folder created after the start (a first image makes static/), or
        // deleted and made again (a restore from backup), is watched afresh:
        // the old watch died with the old folder.
        for (folder, recursive) in watched_paths(&root) {
            if recursive && folder.is_dir() && changed.contains(&folder) {
                let mut w = watcher.lock().unwrap_or_else(|p| p.into_inner());
                let _ = w.unwatch(&folder);
                let _ = w.watch(&folder, RecursiveMode::Recursive);
            }
        }
        let start = Instant::now();
        let what = describe(&changed, &root);
        // After a failed build, pages the plan would leave alone still show
        // its errors, so only a full build clears them.
        let failing = shared.read().unwrap_or_else(|p| p.into_inner()).errors.is_some();
        let outcome = rebuild(&opts, &mut cache, failing);
        let ms = start.elapsed().as_millis();
        match outcome {
            Outcome::Pages { files: pages, changed, warnings, complete, handouts } => {
                complete_due |= complete;
                print_diagnostics(&opts, &warnings);
                super::keep_warnings(&shared, &warnings);
                let mut made = pages.len();
                let mut total = put(&shared, pages);
                // A page open at one of them takes its new text; others stay.
                let _ = events.send(LiveEvent::Changed(Arc::new(changed)));
                if let (Some(later), Some(c)) = (handouts, &cache) {
                    let (printed, shown) = make(&opts, c, &later);
                    made += printed.len();
                    total = put(&shared, printed);
                    if !shown.is_empty() {
                        let _ = events.send(LiveEvent::Changed(Arc::new(shown)));
                    }
                }
                let ms = start.elapsed().as_millis();
                say(format_args!("Rebuilt {made} of {total} files in {ms} ms ({what})"));
            }
            Outcome::Site(new_files, base, warnings) => {
                complete_due = false;
                print_diagnostics(&opts, &warnings);
                super::keep_warnings(&shared, &warnings);
                {
                    let mut st = shared.write().unwrap_or_else(|p| p.into_inner());
                    let mut new_files = new_files;
                    // Until the new index is built, searches use the last one.
                    for (k, v) in st.files.iter().filter(|(k, _)| k.starts_with(SEARCH_BUNDLE)) {
                        new_files.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                    st.files = Arc::new(new_files);
                    st.generation += 1;
                    st.base_path = base;
                    st.errors = None;
                }
                let _ = events.send(LiveEvent::Reload);
                say(format_args!("Rebuilt in {ms} ms ({what})"));
            }
            Outcome::Failed(diags) => {
                // A save can fail for a moment while its file is still being
                // written (an editor that truncates, then writes): when more of
                // it arrives, build again instead of showing a false error.
                carried = more_within(&rx, STILL_SAVING, &root, &output);
                if !carried.changed.is_empty() {
                    continue;
                }
                // The next good build is a full one, complete guide and all.
                complete_due = false;
                print_diagnostics(&opts, &diags);
                let n = diags.iter().filter(|d| d.is_error()).count();
                let s = if n == 1 { "" } else { "s" };
                say(format_args!(
                    "Rebuild failed with {n} error{s} in {ms} ms ({what}); still serving the last good build"
                ));
                let diags = Arc::new(diags);
                shared.write().unwrap_or_else(|p| p.into_inner()).errors = Some(diags.clone());
                let _ = events.send(LiveEvent::Failed(diags));
                continue;
            }
        }
        shared.write().unwrap_or_else(|p| p.into_inner()).errors = None;
        super::keep_index(&shared, cache.as_ref());
        // The browser already shows the new page; search catches up a moment later.
        if !opts.no_search
            && let Some(c) = &cache
        {
            let start = Instant::now();
            let p = &c.prepared;
            match crate::render::search::index(&p.guide, &p.texts, &p.templates) {
                Ok(index) => {
                    update(&shared, |files| {
                        files.retain(|k, _| !k.starts_with(SEARCH_BUNDLE));
                        for f in index {
                            files.insert(f.path, Arc::from(f.bytes));
                        }
                    });
                    say(format_args!("  search index updated in {} ms", start.elapsed().as_millis()));
                }
                Err(d) => print_diagnostics(&opts, &d.into()),
            }
        }
    }
}

/// The served files with `made` put in; how many there are.
fn put(shared: &Shared, made: Vec<OutFile>) -> usize {
    let mut total = 0;
    update(shared, |files| {
        for f in made {
            files.insert(f.path, Arc::from(f.bytes));
        }
        total = files.len();
    });
    total
}

/// The outputs of `only`, made from the last good build: a save's handouts
/// once its pages are on screen, or the complete guide once the editor
/// pauses. With the addresses of those an open browser shows.
fn make(opts: &Options, cache: &Cache, only: &Selection) -> (Vec<OutFile>, Vec<String>) {
    let p = &cache.prepared;
    let mut diags = Diagnostics::new();
    let kept = Keep::default();
    crate::render::render(&p.guide, &p.texts, &p.templates, opts.render_options(), only, &kept, &mut diags);
    print_diagnostics(opts, &diags);
    let files = kept.into_files();
    let shown = shown(&p.guide, &files);
    (files, shown)
}

/// The addresses of the pages among `files`, as an open browser shows them.
fn shown(guide: &crate::guide::Guide, files: &[OutFile]) -> Vec<String> {
    files.iter().filter_map(|f| page_of(&f.path)).map(|s| served_at(guide, s)).collect()
}

/// The complete guide after saves that left it out, once the editor pauses;
/// an open complete guide takes its new text when it is ready.
fn complete_guide(opts: &Options, cache: &Cache, shared: &Shared, events: &broadcast::Sender<LiveEvent>) {
    let start = Instant::now();
    let (files, shown) = make(opts, cache, &Selection::Complete);
    if files.is_empty() {
        return;
    }
    put(shared, files);
    let _ = events.send(LiveEvent::Changed(Arc::new(shown)));
    say(format_args!("  complete guide updated in {} ms", start.elapsed().as_millis()));
}

/// The address the browser shows for the page at `site_path`, as the live
/// script compares it with its own.
fn served_at(guide: &crate::guide::Guide, site_path: &str) -> String {
    format!("{}{site_path}", guide.addresses.base_path())
}

enum Outcome {
    /// Only these files changed, the pages among them at `changed`; and
    /// whether the complete guide is to follow.
    Pages {
        files: Vec<OutFile>,
        changed: Vec<String>,
        warnings: Diagnostics,
        complete: bool,
        /// The handouts to make once the pages are shown.
        handouts: Option<Selection>,
    },
    /// A whole new site.
    Site(Files, String, Diagnostics),
    Failed(Diagnostics),
}

/// Copy-on-write update of the served files.
fn update(shared: &Shared, change: impl FnOnce(&mut Files)) {
    let mut st = shared.write().unwrap_or_else(|p| p.into_inner());
    let mut files = (*st.files).clone();
    change(&mut files);
    st.files = Arc::new(files);
    st.generation += 1;
}

/// Makes again what the change reached. The guide is prepared afresh (read,
/// resolved, templates parsed) as a build prepares it, and the rebuild plan
/// picks the outputs whose inputs differ from the last good build's; they are
/// made by the same code a build runs for all of them.
fn rebuild(opts: &Options, cache: &mut Option<Cache>, failing: bool) -> Outcome {
    let mut diags = Diagnostics::new();
    let failed = |d: Diagnostics| Outcome::Failed(d.without_notes());
    let Some(resolved) = pipeline::resolve(opts, &mut diags) else { return failed(diags) };
    let plan = Plan::of(&resolved.guide, &resolved.texts, resolved.theme);
    let mut only = match cache.as_ref() {
        Some(c) if !failing => plan.changed_since(&c.plan),
        _ => Selection::All,
    };
    let complete = only.defer_complete(&resolved.guide);
    let handouts = only.defer_handouts();
    // Parsing the templates is most of preparing a guide the size of the
    // shipped one; they depend on its shape alone.
    let prepared = match cache.take() {
        Some(c) if !failing && c.plan.same_shape(&plan) => resolved.reusing(c.prepared.templates),
        _ => match resolved.with_templates(opts, &mut diags) {
            Some(p) => p,
            None => return failed(diags),
        },
    };
    let partial = only != Selection::All;
    // The search index follows a moment later, once the page is shown.
    match pipeline::render_selected(opts, prepared, diags, &only, false) {
        Err(diags) => Outcome::Failed(diags),
        Ok(site) if partial => {
            let p = &site.prepared;
            let changed = shown(&p.guide, &site.files);
            let (files, warnings) = (site.files, site.warnings);
            *cache = Some(Cache { prepared: site.prepared, plan });
            Outcome::Pages { files, changed, warnings, complete, handouts }
        }
        Ok(site) => {
            let built = super::files_of(site, plan);
            *cache = Some(built.cache);
            Outcome::Site(built.files, built.base_path, built.warnings)
        }
    }
}

/// The changed files for the status line; a file's name may hold terminal
/// control characters, shown as symbols as diagnostics show them.
fn describe(changed: &[PathBuf], root: &Path) -> String {
    let name = |p: &PathBuf| {
        let shown = p.strip_prefix(root).unwrap_or(p).display().to_string();
        crate::diagnostic::printable(&shown, false).into_owned()
    };
    let names: Vec<String> = changed.iter().take(3).map(name).collect();
    match changed.len() {
        0 => "no change".into(),
        n if n <= 3 => names.join(", "),
        n => format!("{} and {} more", names.join(", "), n - 3),
    }
}

#[cfg(test)]
mod tests {
    use super::{Burst, is_relevant, save_finished};
    use notify::event::{AccessKind, AccessMode, DataChange, EventKind, ModifyKind, RenameMode};
    use std::path::Path;

    #[test]
    fn a_save_is_complete_when_the_file_closes_or_is_renamed_into_place() {
        let (root, out) = (Path::new("/g"), Path::new("/g/public"));
        let event = |kind, paths: &[&str]| {
            paths.iter().fold(notify::Event::new(kind), |e, p| e.add_path(Path::new(p).to_path_buf()))
        };
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let renamed = |mode| EventKind::Modify(ModifyKind::Name(mode));
        assert!(save_finished(&event(closed, &["/g/content/a.md"]), root, out));
        assert!(save_finished(&event(renamed(RenameMode::To), &["/g/content/a.md"]), root, out));
        assert!(save_finished(
            &event(renamed(RenameMode::Both), &["/g/content/a.md.tmp", "/g/content/a.md"]),
            root,
            out
        ));
        // Mid-save: still writing, a swap file closed, the original moved aside as a backup.
        assert!(!save_finished(&event(written, &["/g/content/a.md"]), root, out));
        assert!(!save_finished(&event(closed, &["/g/content/.a.md.swp"]), root, out));
        assert!(!save_finished(&event(renamed(RenameMode::Both), &["/g/content/a.md", "/g/content/a.md~"]), root, out));
        assert!(!save_finished(&event(renamed(RenameMode::From), &["/g/content/a.md"]), root, out));
    }

    #[test]
    fn a_burst_is_saved_until_another_file_that_matters_is_written() {
        let (root, out) = (Path::new("/g"), Path::new("/g/public"));
        let event = |kind, path: &str| notify::Event::new(kind).add_path(Path::new(path).to_path_buf());
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let removed = EventKind::Remove(notify::event::RemoveKind::File);
        let mut burst = Burst::default();
        burst.add(&event(written, "/g/content/a.md"), root, out);
        assert!(!burst.saved);
        burst.add(&event(closed, "/g/content/a.md"), root, out);
        burst.add(&event(removed, "/g/content/a.md~"), root, out);
        assert!(burst.saved, "a backup removed after the save does not reopen it");
        burst.add(&event(written, "/g/content/b.md"), root, out);
        assert!(!burst.saved, "b.md is still being written");
        assert_eq!(burst.changed, [Path::new("/g/content/a.md"), Path::new("/g/content/b.md")]);
    }

    #[test]
    fn a_changed_file_named_with_control_characters_is_shown_harmlessly() {
        let root = Path::new("/g");
        let shown = super::describe(&[Path::new("/g/content/a\u{1b}]0;pwned\u{7}.md").to_path_buf()], root);
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
        assert!(shown.starts_with("content/a") && shown.ends_with(".md"), "{shown:?}");
    }

    #[test]
    fn editor_droppings_are_ignored() {
        let root = Path::new("/g");
        let out = Path::new("/g/public");
        for p in [
            "/g/content/.a.md.swp",
            "/g/content/a.md~",
            "/g/content/#a.md#",
            "/g/content/.#a.md",
            "/g/content/a.md___jb_tmp___",
            "/g/content/4913",
            "/g/content/practices/sedAb12Xy",
            "/g/content/notes.txt",
            "/g/public/index.html",
            "/g/README.md",
            "/g/target/debug/x",
        ] {
            assert!(!is_relevant(Path::new(p), root, out), "{p}");
        }
        for p in [
            "/g/content/a.md",
            "/g/guide.yaml",
            "/g/guide.es.yaml",
            "/g/strings/es.yaml",
            "/g/templates/base.html",
            "/g/static/img/x.png",
            "/g/content",
        ] {
            assert!(is_relevant(Path::new(p), root, out), "{p}");
        }
    }
}
