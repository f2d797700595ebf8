//! The pipeline: load → resolve → render → write, as `build`, `check` and
//! `serve` run it.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostics;
use crate::guide::{Guide, Kind, Texts};
use crate::load::theme::StaticFile;
use crate::load::{self, LoadOptions};
use crate::render::{self, Keep, OutFile, Sink, Templates};
use crate::resolve;
use crate::write::{self, Staging};

pub mod offline;

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Also print every handout to PDF with headless Chromium.
    pub pdf: bool,
    /// The Chromium to print with; found on PATH when not given.
    pub chrome: Option<PathBuf>,
    /// Skip the search index, for the fastest edit loop.
    pub no_search: bool,
    /// How many Pagefind indexes the search index is built as (see `render::search::build`).
    pub search_shards: usize,
    /// Write into an output folder that holds files practica did not write.
    pub force: bool,
    /// Write the offline edition: relative links, its own search index, and
    /// nothing that needs a server, so it works opened from a folder.
    pub offline: bool,
    /// Read last-updated dates from git (not in the preview, which rebuilds on every save).
    pub git_dates: bool,
    /// Read which content files git saw renamed, for `check`'s notes.
    pub renames: bool,
    /// Content files as last parsed, which the preview keeps between rebuilds.
    pub parsed: Option<std::sync::Arc<load::parsed::Parsed>>,
}

impl Options {
    pub fn new(root: impl Into<PathBuf>) -> Options {
        let root = root.into();
        Options {
            output: root.join("public"),
            root,
            base_url: None,
            drafts: false,
            pdf: false,
            chrome: None,
            no_search: false,
            search_shards: 1,
            force: false,
            offline: false,
            git_dates: true,
            renames: false,
            parsed: None,
        }
    }

    fn load_options(&self) -> LoadOptions {
        LoadOptions {
            drafts: self.drafts,
            base_url: self.base_url.clone(),
            git_dates: self.git_dates,
            renames: self.renames,
            parsed: self.parsed.clone(),
        }
    }

    pub fn render_options(&self) -> render::Options {
        render::Options { search: !self.no_search, pdf: self.pdf, offline: self.offline }
    }

    fn search(&self) -> render::Search {
        match (self.no_search, self.offline) {
            (true, _) => render::Search::None,
            (false, true) => render::Search::Offline,
            (false, false) => render::Search::Pagefind,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub pages: usize,
    pub practices: usize,
    pub areas: usize,
    pub tips: usize,
    pub checklists: usize,
    /// Handouts printed to PDF (with --pdf), by the site path of the folder
    /// they are in: one per language.
    pub pdfs: Vec<(String, usize)>,
    /// One line per other language: how much of the guide it has.
    pub languages: Vec<String>,
    /// The offline edition's zip, when guide.yaml asks for it: site path and size.
    pub download: Option<(String, u64)>,
    pub elapsed: Duration,
    pub warnings: Diagnostics,
}

impl Report {
    fn new(
        guide: &Guide,
        pages: usize,
        pdfs: Vec<(String, usize)>,
        elapsed: Duration,
        warnings: Diagnostics,
    ) -> Report {
        Report {
            pages,
            pdfs,
            languages: Vec::new(),
            download: None,
            practices: guide.count(Kind::Practice),
            areas: guide.count(Kind::Area),
            tips: guide.count(Kind::Tip),
            checklists: guide.count(Kind::Checklist),
            elapsed,
            warnings,
        }
    }

    /// What is printed after a successful build: one line, and one more
    /// when PDFs were printed.
    pub fn summary(&self, output: &Path) -> String {
        let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let out = output.display().to_string();
        let out = out.trim_end_matches('/');
        let mut s = format!(
            "Built {} ({}, {}, {}, {}) in {} ms → {out}/",
            count(self.pages, "page", "pages"),
            count(self.practices, "practice", "practices"),
            count(self.areas, "area", "areas"),
            count(self.tips, "tip", "tips"),
            count(self.checklists, "checklist", "checklists"),
            self.elapsed.as_millis(),
        );
        for line in &self.languages {
            s.push('\n');
            s.push_str(line);
        }
        if let Some((path, bytes)) = &self.download {
            s.push_str(&format!("\nOffline edition: {out}/{path} ({})", crate::text::file_size(*bytes, ".")));
        }
        let folders: Vec<String> =
            self.pdfs.iter().map(|(folder, n)| format!("{} in {out}/{folder}", count(*n, "PDF", "PDFs"))).collect();
        if !folders.is_empty() {
            s.push_str(&format!("\n{}, each beside its handout page as handout.pdf", folders.join(", ")));
        }
        s
    }
}

/// A guide loaded and resolved, with its templates ready: everything before rendering.
pub struct Prepared {
    pub guide: Guide,
    pub texts: Texts,
    pub templates: Templates,
    /// Static files by site path, copied as they are.
    pub statics: std::collections::BTreeMap<String, StaticFile>,
    pub statics_set: resolve::Statics,
    /// The theme's part of the rebuild plan's inputs (see `render::plan`).
    pub theme: u64,
}

/// A guide loaded and resolved, its templates not parsed yet.
pub struct Resolved {
    pub guide: Guide,
    pub texts: Texts,
    /// The theme's part of the rebuild plan's inputs (see `render::plan`).
    pub theme: u64,
    statics: std::collections::BTreeMap<String, StaticFile>,
    statics_set: resolve::Statics,
    templates: Vec<load::theme::TemplateSource>,
    strings: Vec<render::Strings>,
}

impl Resolved {
    /// With its templates parsed; `None` when they cannot be.
    pub fn with_templates(mut self, opts: &Options, diags: &mut Diagnostics) -> Option<Prepared> {
        let (sources, strings) = (std::mem::take(&mut self.templates), std::mem::take(&mut self.strings));
        let templates = Templates::new(sources, strings, &self.guide, opts.search(), diags)?;
        Some(self.reusing(templates))
    }

    /// With the templates parsed for an earlier state of the guide of the
    /// same shape (see `render::plan`), which they depend on alone.
    pub fn reusing(self, templates: Templates) -> Prepared {
        Prepared {
            guide: self.guide,
            texts: self.texts,
            templates,
            statics: self.statics,
            statics_set: self.statics_set,
            theme: self.theme,
        }
    }
}

/// Loads, resolves and parses the templates. `None` when nothing can be
/// rendered; every problem found is in `diags`.
pub fn prepare(opts: &Options, diags: &mut Diagnostics) -> Option<Prepared> {
    resolve(opts, diags)?.with_templates(opts, diags)
}

/// Loads and resolves the guide. `None` when nothing can be rendered; every
/// problem found is in `diags`.
pub fn resolve(opts: &Options, diags: &mut Diagnostics) -> Option<Resolved> {
    let loaded = load::load(&opts.root, &opts.load_options(), diags)?;
    resolve_loaded(opts, loaded, diags)
}

/// Loads and resolves the guide as if the content file `file` (`content/...md`)
/// held `bytes`: how the editor previews a text it has not saved. What
/// loading the file from disk found is left out of `diags`.
pub fn resolve_replacing(opts: &Options, file: &str, bytes: Vec<u8>, diags: &mut Diagnostics) -> Option<Resolved> {
    let mut found = Diagnostics::new();
    let loaded = load::load(&opts.root, &opts.load_options(), &mut found);
    found.retain(|d| crate::text::slash_path(&d.file) != file);
    diags.append(found);
    let mut loaded = loaded?;
    let codes: Vec<String> = loaded.config.languages.iter().map(|l| l.code.clone()).collect();
    let content_path = file.strip_prefix("content/").unwrap_or(file);
    let (source, problems) = load::content::from_bytes(content_path, &codes, bytes);
    diags.extend(problems);
    if let Some(s) = &source {
        loaded.drafts.retain(|d| *d != s.doc.content_path || s.doc.lang.is_some());
    }
    // In its place, so the order of the guide's files is as a build reads it.
    match (loaded.sources.iter().position(|s| crate::text::slash_path(&s.doc.file) == file), source) {
        (Some(i), Some(s)) => loaded.sources[i] = s,
        (Some(i), None) => drop(loaded.sources.remove(i)),
        (None, Some(s)) => loaded.sources.push(s),
        (None, None) => {}
    }
    resolve_loaded(opts, loaded, diags)
}

fn resolve_loaded(opts: &Options, loaded: load::Loaded, diags: &mut Diagnostics) -> Option<Resolved> {
    let statics_set: HashSet<String> = loaded.theme.statics.keys().cloned().collect();
    let theme = render::plan::theme_digest(&loaded.theme);
    let words = loaded.theme.strings;
    missing_words(&words, diags);
    let language_name = words
        .first()
        .and_then(|w| w.words.get("language_name").cloned())
        .unwrap_or_else(|| loaded.config.language.clone());
    let input = resolve::Input {
        config: loaded.config,
        sources: loaded.sources,
        drafts: &loaded.drafts,
        statics: &statics_set,
        texts: loaded.texts,
        language_name,
        renames: loaded.renames,
    };
    let (mut guide, texts) = resolve::resolve(input, diags);
    if opts.offline {
        guide.addresses = guide.addresses.clone().relative();
    }
    let strings: Vec<render::Strings> =
        words.into_iter().map(|w| render::Strings::new(&w.language, w.words).borrowing(w.borrowed)).collect();
    Some(Resolved {
        guide,
        texts,
        theme,
        statics: loaded.theme.statics,
        statics_set,
        templates: loaded.theme.templates,
        strings,
    })
}

/// Notes for `check`: words of the interface a language of the guide lacks.
fn missing_words(words: &[crate::load::theme::Words], diags: &mut Diagnostics) {
    use crate::diagnostic::{Code, Diagnostic};
    for w in words.iter().skip(1).filter(|w| !w.borrowed.is_empty()) {
        let file = format!("strings/{}.yaml", w.language);
        let shown: Vec<&str> = w.borrowed.keys().take(8).map(String::as_str).collect();
        let more = if w.borrowed.len() > shown.len() {
            format!(" and {} more", w.borrowed.len() - shown.len())
        } else {
            String::new()
        };
        diags.push(
            Diagnostic::note(
                Code::MissingString,
                &file,
                0,
                format!(
                    "the theme has no words in `{}` for {} keys: {}{more}",
                    w.language,
                    w.borrowed.len(),
                    shown.join(", ")
                ),
            )
            .with_help(format!(
                "add them to {file} in the guide's folder; until then they show in the guide's own language"
            )),
        );
    }
}

/// Everything `check` finds: load and resolve, then every page rendered in
/// memory and dropped, so template errors are found too.
pub fn check(opts: &Options) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let opts = Options { no_search: true, ..opts.clone() };
    if let Some(p) = prepare(&opts, &mut diags) {
        let all = &render::Selection::All;
        render::render(&p.guide, &p.texts, &p.templates, opts.render_options(), all, &render::Discard, &mut diags);
    }
    diags.sort();
    diags
}

/// A built site in memory, for `serve`: every page and the static files to serve.
pub struct Site {
    pub prepared: Prepared,
    pub files: Vec<OutFile>,
    pub warnings: Diagnostics,
}

/// Everything but writing, in memory. With `index` the search index is built
/// too; without it the pages still carry the search box (unless --no-search)
/// and the caller builds the index after the browser has reloaded.
pub fn render_in_memory(opts: &Options, index: bool) -> Result<Site, Diagnostics> {
    let mut diags = Diagnostics::new();
    let Some(prepared) = prepare(opts, &mut diags) else { return Err(finished(diags)) };
    render_selected(opts, prepared, diags, &render::Selection::All, index)
}

/// The outputs `only` selects of a prepared guide, in memory; `diags` holds
/// what preparing it found.
pub fn render_selected(
    opts: &Options,
    prepared: Prepared,
    mut diags: Diagnostics,
    only: &render::Selection,
    index: bool,
) -> Result<Site, Diagnostics> {
    if diags.has_errors() {
        return Err(finished(diags));
    }
    let kept = Keep::default();
    let Prepared { guide, texts, templates, .. } = &prepared;
    let search = !opts.no_search && index;
    // The index needs only the resolved guide, so it is built while pages render.
    let (rendered, search_index) = rayon::join(
        || {
            let mut d = Diagnostics::new();
            render::render(guide, texts, templates, opts.render_options(), only, &kept, &mut d);
            d
        },
        || search.then(|| render::search::index(guide, texts, templates)).transpose(),
    );
    diags.append(rendered);
    let mut files = kept.into_files();
    match search_index {
        Ok(index) => files.extend(index.into_iter().flatten()),
        Err(d) => diags.push(d),
    }
    let (_, warnings) = finished(diags).finish(())?;
    Ok(Site { prepared, files, warnings })
}

/// What a build or the preview reports: every error and warning, not the
/// notes on translations and reviews, which are `check`'s.
fn finished(diags: Diagnostics) -> Diagnostics {
    let mut diags = diags.without_notes();
    diags.sort();
    diags
}

/// Builds the site. On any error the output folder is left exactly as it was.
///
/// Pages go to the staging folder as they are rendered, so memory holds the
/// guide and the search index, not the whole site.
pub fn build(opts: &Options, progress: &dyn write::pdf::Progress) -> Result<Report, Diagnostics> {
    let start = Instant::now();
    // Before anything on disk is touched.
    let target = write::target::check(&opts.root, &opts.output, opts.force)?;
    // Next, so that a site a killed build left aside is back even if this build fails.
    write::clean_stale(&target.dir);
    // Without Chromium, --pdf fails before any work, with a message about Chromium.
    let chrome = if opts.pdf { Some(write::pdf::find_chrome(opts.chrome.as_deref())?) } else { None };
    let mut diags = Diagnostics::new();
    let Some(prepared) = prepare(opts, &mut diags) else { return Err(finished(diags)) };
    if diags.has_errors() {
        return Err(finished(diags));
    }
    if opts.search() == render::Search::Pagefind
        && opts.search_shards > 1
        && let Some(StaticFile::Disk(path)) = prepared.statics.get(crate::guide::address::SEARCH_SCRIPT)
    {
        let script = std::fs::read(path).unwrap_or_default();
        render::search::check_script(&script, &load::walk::relative(&opts.root, path)).map_err(Diagnostics::from)?;
    }
    let mut prepared = prepared;
    // The zip comes first: every page links it, with its size.
    let download = if prepared.guide.config.offline_download && !opts.offline {
        let d = offline::download(opts, &mut prepared, chrome.as_deref(), progress)?;
        prepared.templates.set_offline_download(&d.path, d.zip.len() as u64);
        Some(d)
    } else {
        None
    };
    let Prepared { guide, texts, templates, statics, .. } = prepared;
    let staging = Staging::create(&target.dir).map_err(|e| write::staging::error(&opts.output, &e))?;
    let pagefind = opts.search() == render::Search::Pagefind;
    let (rendered, pending) = rayon::join(
        || {
            let mut d = Diagnostics::new();
            let all = &render::Selection::All;
            render::render(&guide, &texts, &templates, opts.render_options(), all, &staging, &mut d);
            if opts.search() == render::Search::Offline {
                for f in render::search::offline::render(&guide, &texts, &templates) {
                    if let Err(e) = staging.put(f) {
                        d.push(e);
                    }
                }
            }
            d
        },
        || {
            let shards = opts.search_shards;
            pagefind.then(|| render::search::start(&guide, &texts, &templates, shards, &staging)).transpose()
        },
    );
    diags.append(rendered);
    if diags.has_errors() {
        return Err(finished(diags));
    }
    let languages = resolve::translations::status(&guide, &texts.bodies);
    // Every page is written: the texts are no longer needed, and the index
    // files about to be built are the build's memory peak.
    drop(texts);
    if let Some(pending) = pending?.flatten() {
        pending.write(&staging)?;
    }
    let pages = staging.pages();
    let mut pdfs = Vec::new();
    let mut zip_size = None;
    if let Some(d) = download {
        zip_size = Some((d.path.clone(), d.zip.len() as u64));
        staging.put(OutFile { path: d.path, bytes: d.zip })?;
        for f in d.pdfs {
            staging.put(f)?;
        }
        if let Some(printed) = d.printed {
            pdfs = printed.folders;
            diags.extend(printed.warnings);
        }
    }
    let printed_already = !pdfs.is_empty();
    let mut before_swap = |dir: &Path| {
        if let Some(chrome) = chrome.as_ref().filter(|_| !printed_already) {
            let printed = write::pdf::print(&guide, dir, chrome, progress)?;
            pdfs = printed.folders;
            diags.extend(printed.warnings);
        }
        Ok(())
    };
    staging.finish(&statics, &mut before_swap)?;
    let (_, warnings) = finished(diags).finish(())?;
    let mut report = Report::new(&guide, pages, pdfs, start.elapsed(), warnings);
    report.languages = languages;
    report.download = zip_size;
    Ok(report)
}
