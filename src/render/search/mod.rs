//! Search: a Pagefind index built in-process from the plain text of each page,
//! with one index per language of the guide (Pagefind's runtime picks the one
//! of the page's `<html lang>`, with that language's stemming).
//!
//! Records are added from the text the Markdown pass already collected, so no
//! HTML is parsed twice and navigation never pollutes results. Only Pagefind's
//! search runtime (JS + WASM) and index are published; its UI files are not,
//! because the theme has its own accessible search UI.
//!
//! The offline edition cannot use Pagefind (see [`offline`]); it gets an index
//! of its own made from the same records.

pub mod offline;

use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::guide::address::SEARCH_BUNDLE;
use crate::guide::{DocId, Guide, Kind, Texts};
use crate::render::pages::{kind_label, searched};
use crate::render::sink::OutFile;
use crate::render::templates::Templates;
use crate::render::view::View;
use crate::text::escape_html;

struct Record {
    url: String,
    /// Plain text: the title, the summary, then the body.
    text: String,
    /// Where the body starts in `text`.
    body_start: usize,
    language: String,
    meta: BTreeMap<String, String>,
    filters: BTreeMap<String, Vec<String>>,
}

/// The record of doc `id` (a translation, or the guide's own) in `view`'s edition.
fn record(view: &View, id: DocId) -> Option<Record> {
    let guide = view.guide;
    let texts = view.texts;
    let d = &guide.docs[id];
    if !searched(d.kind) {
        return None;
    }
    let kind = kind_label(view.strings(), d.kind);
    let source = guide.source(id);
    let area = guide.relations[source].area.filter(|_| d.kind == Kind::Practice).map(|a| view.title(a));
    let text = &texts.scans[id].text;
    let mut content = String::with_capacity(d.title.len() * 2 + text.len() + 200);
    // The title and summary lead the text so they rank and show in excerpts.
    content.push_str(&d.title);
    content.push_str(". ");
    if let Some(s) = &d.summary {
        content.push_str(s);
        content.push(' ');
    }
    let body_start = content.len();
    content.push_str(text);

    let mut meta = BTreeMap::new();
    meta.insert("title".to_string(), d.title.clone());
    meta.insert("kind".to_string(), kind.to_string());
    if let Some(s) = &d.summary {
        meta.insert("summary".to_string(), s.clone());
    }
    if let Some(a) = &area {
        meta.insert("area".to_string(), a.clone());
    }
    let mut filters = BTreeMap::new();
    filters.insert("kind".to_string(), vec![kind.to_string()]);
    if let Some(a) = area {
        filters.insert("area".to_string(), vec![a]);
    }
    let audience: Vec<String> = d
        .audience
        .iter()
        .filter_map(|k| guide.config.audience(k))
        .map(|a| view.audience_label(&a.key, &a.label))
        .collect();
    if !audience.is_empty() {
        filters.insert("audience".to_string(), audience);
    }
    let language = view.edition().code.clone();
    Some(Record { url: guide.path(id).to_string(), text: content, body_start, language, meta, filters })
}

/// Every record of every edition: the guide's own docs in its language, and
/// each other language's translated docs.
fn records(guide: &Guide, texts: &Texts, templates: &Templates) -> Vec<Record> {
    let mut out = Vec::new();
    for (n, e) in guide.editions.iter().enumerate() {
        let view = View { guide, texts, templates, edition: n, from: "" };
        out.extend((0..guide.originals).filter_map(|s| e.doc(s)).filter_map(|id| record(&view, id)));
    }
    out
}

/// Builds the index and returns the bundle's files.
pub fn index(guide: &Guide, texts: &Texts, templates: &Templates) -> Result<Vec<OutFile>, Diagnostic> {
    start(guide, texts, templates)?.files()
}

/// An index with every record added, its files not yet built.
///
/// Building the files is the memory peak of a build with search; `build`
/// frees the guide's texts between the two steps.
pub struct Pending {
    runtime: tokio::runtime::Runtime,
    index: pagefind::api::PagefindIndex,
}

fn failure(e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(Code::SearchIndex, "pagefind", 0, format!("the search index could not be built: {e}"))
        .with_help("build with --no-search to publish the guide without search, and report this as a bug")
}

/// Adds a record for every page that is searched.
pub fn start(guide: &Guide, texts: &Texts, templates: &Templates) -> Result<Pending, Diagnostic> {
    // No guide makes Pagefind fail; debug builds can be told to, so that the
    // message a user would see is tested (tests/codes.rs).
    #[cfg(debug_assertions)]
    if std::env::var_os("PRACTICA_FAIL_SEARCH_INDEX").is_some() {
        return Err(failure("failing as PRACTICA_FAIL_SEARCH_INDEX asks"));
    }
    let records = records(guide, texts, templates);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(failure)?;
    let index = runtime
        .block_on(async move {
            let options = pagefind::options::PagefindServiceConfig::builder().build();
            let mut index = pagefind::api::PagefindIndex::new(Some(options))?;
            for r in records {
                // Pagefind returns excerpts of the text as HTML with <mark>s
                // added, so it must already be HTML-safe.
                let content = escape_html(&r.text).into_owned();
                index.add_custom_record(r.url, content, r.language, Some(r.meta), Some(r.filters), None).await?;
            }
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>(index)
        })
        .map_err(failure)?;
    Ok(Pending { runtime, index })
}

impl Pending {
    pub fn files(self) -> Result<Vec<OutFile>, Diagnostic> {
        let Pending { runtime, mut index } = self;
        let files = runtime.block_on(index.get_files()).map_err(failure)?;
        Ok(files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                // The stock UIs and the playground are not used; the theme has its own UI.
                let unused =
                    ["pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "playground", "pagefind-highlight"];
                if unused.iter().any(|u| name.starts_with(u)) {
                    return None;
                }
                Some(OutFile { path: format!("{SEARCH_BUNDLE}{name}"), bytes: f.contents })
            })
            .collect())
    }
}
