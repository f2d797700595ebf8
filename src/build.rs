//! The whole pipeline: load → resolve → render → write, with timings.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config;
use crate::content::{self, Kind};
use crate::diagnostic::{self, Code, Diagnostic};
use crate::handout;
use crate::output;
use crate::render::{self, Keep, OutFile, Sink, Templates};
use crate::resolve::{self, Guide};
use crate::search;
use crate::theme::{self, StaticFile};

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
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

impl Report {
    /// The one line printed after a successful build.
    pub fn summary(&self, output: &Path) -> String {
        format!(
            "Built {} pages ({} practices, {} areas, {} tips, {} checklists) in {} ms → {}/",
            self.pages,
            self.practices,
            self.areas,
            self.tips,
            self.checklists,
            self.elapsed.as_millis(),
            output.display().to_string().trim_end_matches('/')
        )
    }
}

/// Runs load and resolve only: what `check` and the first half of `build` share.
pub fn load_and_resolve(opts: &Options) -> Result<(Guide, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut cfg = config::load(&opts.root)?;
    if let Some(b) = &opts.base_url {
        cfg.base_url = b.clone();
    }
    let (loaded, mut diags) = content::load(&opts.root, opts.drafts);
    diags.append(&mut cfg.warnings);
    let (guide, mut more) = resolve::resolve(cfg, loaded.docs, &opts.root);
    diags.append(&mut more);
    diags.append(&mut handout::check_bundles(&guide));
    if guide.home.is_none() && !diags.iter().any(|d| d.code == Code::Misplaced && d.line == 0) {
        diags.push(
            Diagnostic::warning(Code::Misplaced, "content/_index.md", 0, "the guide has no home page text")
                .with_help("create content/_index.md with a title and a few words of welcome"),
        );
    }
    diagnostic::sort(&mut diags);
    if diags.iter().any(Diagnostic::is_error) { Err(diags) } else { Ok((guide, diags)) }
}

/// A built site in memory: every page and the static files to copy.
pub struct Site {
    pub guide: Guide,
    /// Parsed once; `serve` keeps them to re-render single pages.
    pub templates: render::Templates,
    pub files: Vec<OutFile>,
    pub statics: Vec<(String, StaticFile)>,
    pub warnings: Vec<Diagnostic>,
}

impl Report {
    fn new(guide: &Guide, pages: usize, elapsed: Duration, warnings: Vec<Diagnostic>) -> Report {
        Report {
            pages,
            practices: guide.count(Kind::Practice),
            areas: guide.count(Kind::Area),
            tips: guide.count(Kind::Tip),
            checklists: guide.count(Kind::Checklist),
            elapsed,
            warnings,
        }
    }
}

/// Everything but writing, in memory (for `serve`): load, resolve, pages and
/// handouts, and with `index` the search index. Without it the pages still
/// carry the search UI (unless --no-search) but the index is left to the
/// caller, which builds it after the browser has reloaded.
pub fn render_site_with(opts: &Options, index: bool) -> Result<Site, Vec<Diagnostic>> {
    let (guide, warnings) = load_and_resolve(opts)?;
    let mut templates = render::templates(theme::templates(&opts.root, &guide.config.theme)?)?;
    let kept = Keep::default();
    let search = !opts.no_search;
    // The index needs only the resolved guide, so it is built while pages render.
    let (rendered, search_index) = rayon::join(
        || render_pages(&guide, &mut templates, search, &kept),
        || if search && index { search::index(&guide) } else { Ok(Vec::new()) },
    );
    rendered?;
    let mut files = kept.into_files();
    files.extend(search_index?);
    let statics = theme::static_files(&opts.root, &guide.config.theme);
    Ok(Site { guide, templates, files, statics, warnings })
}

/// Renders every page and handout into `sink`; `search` puts the search box and page in.
fn render_pages(
    guide: &Guide,
    templates: &mut Templates,
    search: bool,
    sink: &dyn Sink,
) -> Result<(), Vec<Diagnostic>> {
    render::render(guide, templates, search, sink)?;
    handout::render(guide, templates, sink)
}

/// Builds the site. On any error the output folder is left exactly as it was.
///
/// Pages go to the staging folder as they are rendered, so memory holds the
/// guide and the search index, not the whole site.
pub fn build(opts: &Options) -> Result<Report, Vec<Diagnostic>> {
    let start = Instant::now();
    // First, so that a site a killed build left aside is back even if this build fails.
    output::clean_stale(&opts.output);
    // Without Chromium, --pdf fails before any work, with a message about Chromium.
    let chrome = if opts.pdf { Some(handout::find_chrome(opts.chrome.as_deref()).map_err(|d| vec![d])?) } else { None };
    let (mut guide, warnings) = load_and_resolve(opts)?;
    let mut templates = render::templates(theme::templates(&opts.root, &guide.config.theme)?)?;
    let write_error = |e: std::io::Error| vec![output::error(&opts.output, &e)];
    let staging = output::Staging::create(&opts.output).map_err(write_error)?;
    let search = !opts.no_search;
    let (rendered, pending) = rayon::join(
        || render_pages(&guide, &mut templates, search, &staging),
        || search.then(|| search::start(&guide)).transpose(),
    );
    rendered?;
    if let Some(pending) = pending? {
        // Every page is written: the texts are no longer needed, and the index
        // files about to be built are the build's memory peak.
        guide.drop_texts();
        for f in pending.files()? {
            staging.put(f).map_err(|d| vec![d])?;
        }
    }
    let pages = staging.pages();
    let statics = theme::static_files(&opts.root, &guide.config.theme);
    let mut before_swap =
        |dir: &Path| if opts.pdf { handout::print_pdfs(&guide, dir, chrome.as_deref()) } else { Ok(()) };
    staging.finish(&statics, &mut before_swap).map_err(write_error)?;
    Ok(Report::new(&guide, pages, start.elapsed(), warnings))
}
