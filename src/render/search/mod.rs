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

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::diagnostic::{Code, Diagnostic};
use rayon::prelude::*;

use crate::guide::address::{self, SEARCH_BUNDLE};
use crate::guide::{DocId, Guide, Kind, Texts};
use crate::render::markdown::Rendered;
use crate::render::pages::{kind_label, searched};
use crate::render::sink::{Keep, OutFile, Sink};
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
    let source = guide.original(id);
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
        // Records are made from the scan's text: no Markdown is rendered.
        let view = View { guide, texts, templates, edition: n, from: "", markdown: &Rendered::default() };
        out.extend((0..guide.originals).filter_map(|s| e.doc(s)).filter_map(|id| record(&view, id)));
    }
    out
}

/// Builds the index and returns the bundle's files.
pub fn index(guide: &Guide, texts: &Texts, templates: &Templates) -> Result<Vec<OutFile>, Diagnostic> {
    let kept = Keep::default();
    if let Some(pending) = start(guide, texts, templates, 1, &kept)? {
        pending.write(&kept)?;
    }
    Ok(kept.into_files())
}

/// Records dealt out to shards.
struct Dealt {
    shards: Vec<Vec<Record>>,
    /// Every language, and whether its records are spread over every shard
    /// (or kept whole in the first).
    spread: BTreeMap<String, bool>,
}

/// Deals the records out to shards, each language round the table so that
/// every shard holds a like share of it. A language with fewer records than
/// there are shards stays whole in the first: Pagefind would answer a search
/// in a language a shard lacks from another language's index.
fn deal(records: Vec<Record>, count: usize) -> Dealt {
    let count = count.clamp(1, records.len().max(1));
    let mut per_language: BTreeMap<String, usize> = BTreeMap::new();
    for r in &records {
        *per_language.entry(r.language.clone()).or_default() += 1;
    }
    let spread: BTreeMap<String, bool> = per_language.into_iter().map(|(l, n)| (l, n >= count)).collect();
    let mut shards: Vec<Vec<Record>> = (0..count).map(|_| Vec::new()).collect();
    let mut dealt: BTreeMap<String, usize> = BTreeMap::new();
    for r in records {
        let n = dealt.entry(r.language.clone()).or_default();
        let to = if spread[&r.language] { *n % count } else { 0 };
        *n += 1;
        shards[to].push(r);
    }
    Dealt { shards, spread }
}

/// The filter that marks a shard's word list, for the search runtime to leave out.
const WORD_LIST_FILTER: &str = "practica-words";

/// Gives every shard a record holding every word of each language spread
/// over the shards.
///
/// Pagefind matches a word to the indexed words it begins, and only when there
/// are none, to the longest indexed word that begins *it*: a shard that lacks
/// a rare word would answer with pages of a shorter, unrelated one ("forma"
/// for "formación") that one index would never return. With every word in
/// every shard, each shard matches the words the whole guide's index would.
/// The theme's script filters the lists out of results. A language kept
/// whole in the first shard is searched there alone, as in one index, and
/// needs no list.
fn add_word_lists(dealt: &mut Dealt) {
    let mut words: BTreeMap<&str, HashSet<String>> = BTreeMap::new();
    for r in dealt.shards.iter().flatten().filter(|r| dealt.spread[&r.language]) {
        let set = words.entry(&r.language).or_default();
        for w in r.text.split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            if w.chars().any(char::is_uppercase) {
                set.insert(w.to_lowercase());
            } else if !w.is_empty() && !set.contains(w) {
                set.insert(w.to_string());
            }
        }
    }
    let lists: Vec<(String, String)> = words
        .into_iter()
        .map(|(language, set)| {
            let mut list: Vec<&str> = set.iter().map(String::as_str).collect();
            list.sort_unstable();
            (language.to_string(), list.join(" "))
        })
        .collect();
    for (n, shard) in dealt.shards.iter_mut().enumerate() {
        for (language, text) in &lists {
            shard.push(Record {
                url: format!("{}{language}-words", address::search_shard(n + 1)),
                text: text.clone(),
                body_start: 0,
                language: language.clone(),
                meta: BTreeMap::new(),
                filters: BTreeMap::from([(WORD_LIST_FILTER.to_string(), vec!["all".to_string()])]),
            });
        }
    }
}

/// For each language, the shards after the first that hold its records, as
/// addresses relative to the bundle: what the theme's script merges.
fn manifest(dealt: &Dealt) -> OutFile {
    let further: Vec<String> = (2..=dealt.shards.len())
        .map(|n| address::search_shard(n).strip_prefix(SEARCH_BUNDLE).unwrap_or_default().to_string())
        .collect();
    let languages: BTreeMap<&str, &[String]> =
        dealt.spread.iter().map(|(l, &spread)| (l.as_str(), if spread { &further[..] } else { &[] })).collect();
    let bytes = serde_json::to_vec(&languages).unwrap_or_default();
    OutFile { path: address::SEARCH_SHARDS.to_string(), bytes }
}

fn failure(e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(Code::SearchIndex, "pagefind", 0, format!("the search index could not be built: {e}"))
        .with_help("build with --no-search to publish the guide without search, and report this as a bug")
}

/// Starts the search bundle in `sink`: Pagefind's runtime and the index of
/// every page that is searched, as `shards` indexes that the search runtime
/// merges (Pagefind's `mergeIndex`).
///
/// Pagefind adds records one at a time under one lock, searching every
/// earlier record for the same URL, and builds an index's files on one
/// thread, holding two copies of every record while it does: shards built
/// side by side take less time and memory on a very large guide. But each
/// shard weighs words by its own pages, so results that score close together
/// can come in another order than one index gives them; one is the default.
///
/// Shards are written here, each before the next starts on its thread, so
/// that memory holds one shard a thread. One index is returned with its
/// records added and its files not yet built: that is the memory peak of a
/// build with search, and `build` frees the guide's texts first.
pub fn start(
    guide: &Guide,
    texts: &Texts,
    templates: &Templates,
    shards: usize,
    sink: &dyn Sink,
) -> Result<Option<Pending>, Diagnostic> {
    // No guide makes Pagefind fail; debug builds can be told to, so that the
    // message a user would see is tested (tests/suite/codes.rs).
    #[cfg(debug_assertions)]
    if std::env::var_os("PRACTICA_FAIL_SEARCH_INDEX").is_some() {
        return Err(failure("failing as PRACTICA_FAIL_SEARCH_INDEX asks"));
    }
    let mut dealt = deal(records(guide, texts, templates), shards);
    sink.put(manifest(&dealt))?;
    if dealt.shards.len() == 1 {
        return Pending::add(dealt.shards.pop().unwrap_or_default(), 0).map(Some);
    }
    add_word_lists(&mut dealt);
    dealt.shards.into_par_iter().enumerate().try_for_each(|(n, records)| Pending::add(records, n)?.write(sink))?;
    Ok(None)
}

/// A shard's index with every record added, its files not yet built.
pub struct Pending {
    runtime: tokio::runtime::Runtime,
    index: pagefind::api::PagefindIndex,
    /// Which shard: 0 is the bundle's own index, with the runtime.
    shard: usize,
}

impl Pending {
    fn add(records: Vec<Record>, shard: usize) -> Result<Pending, Diagnostic> {
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
        Ok(Pending { runtime, index, shard })
    }

    /// Builds the index's files and writes those that are published.
    pub fn write(self, sink: &dyn Sink) -> Result<(), Diagnostic> {
        let Pending { runtime, mut index, shard } = self;
        let files = runtime.block_on(index.get_files()).map_err(failure)?;
        // Freeing every page's words took 0.15 s at 10,000 practices, on the
        // build's one busy thread while the other core idled: it is done there.
        drop_aside((index, runtime));
        let dir = if shard == 0 { SEARCH_BUNDLE.to_string() } else { address::search_shard(shard + 1) };
        for f in files {
            let name = crate::text::slash_path(&f.filename);
            if published(&name, shard == 0) {
                sink.put(OutFile { path: format!("{dir}{name}"), bytes: f.contents })?;
            }
        }
        Ok(())
    }
}

/// Drops `value` on a thread of its own, so that freeing a large structure
/// does not hold up what comes next. When the process ends first, the
/// operating system takes the memory back anyway.
fn drop_aside<T: Send + 'static>(value: T) {
    // Should no thread start, the value is dropped here, with the closure.
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(value));
}

/// With shards, a theme's own copy of the search script made before there
/// were shards would search the first shard alone: part of the guide, with
/// nothing to say so. Such a copy never names the shards' list.
pub fn check_script(script: &[u8], file: &Path) -> Result<(), Diagnostic> {
    let list = address::SEARCH_SHARDS.strip_prefix(SEARCH_BUNDLE).unwrap_or(address::SEARCH_SHARDS);
    if script.windows(list.len()).any(|w| w == list.as_bytes()) {
        return Ok(());
    }
    Err(Diagnostic::error(
        Code::ShardsNotMerged,
        file,
        0,
        format!("this script does not load {list}, so with --search-shards search would find only the first shard's pages"),
    )
    .with_help(format!(
        "copy loadPagefindIndexes and its use from the built-in theme's {} (`practica theme copy` writes it), or build without --search-shards",
        address::SEARCH_SCRIPT
    )))
}

/// Whether a file of Pagefind's bundle is published.
/// The stock UIs and the playground are not: the theme has its own UI. A
/// merged shard needs only its index; the runtime is the first shard's.
fn published(name: &str, first: bool) -> bool {
    let unused = ["pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "playground", "pagefind-highlight"];
    if unused.iter().any(|u| name.starts_with(u)) {
        return false;
    }
    let index = ["pagefind-entry.json", "index/", "fragment/", "filter/"];
    let index =
        index.iter().any(|i| name.starts_with(i)) || (name.starts_with("pagefind.") && name.ends_with(".pf_meta"));
    first || index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(url: &str, language: &str, text: &str) -> Record {
        Record {
            url: url.to_string(),
            text: text.to_string(),
            body_start: 0,
            language: language.to_string(),
            meta: BTreeMap::new(),
            filters: BTreeMap::new(),
        }
    }

    fn urls(shard: &[Record]) -> Vec<&str> {
        shard.iter().map(|r| r.url.as_str()).collect()
    }

    #[test]
    fn each_language_is_dealt_round_the_shards_unless_it_is_too_small() {
        let mut records: Vec<Record> = (0..5).map(|n| record(&format!("en{n}"), "en", "")).collect();
        records.push(record("es0", "es", ""));
        records.push(record("es1", "es", ""));
        let dealt = deal(records, 3);
        assert_eq!(
            dealt.shards.iter().map(|s| urls(s)).collect::<Vec<_>>(),
            [vec!["en0", "en3", "es0", "es1"], vec!["en1", "en4"], vec!["en2"]]
        );
        let manifest = String::from_utf8(manifest(&dealt).bytes).unwrap();
        assert_eq!(manifest, r#"{"en":["shard-2/","shard-3/"],"es":[]}"#);
        // Never more shards than records, and never none.
        assert_eq!(deal(vec![record("a", "en", "")], 4).shards.len(), 1);
        assert_eq!(deal(Vec::new(), 4).shards.len(), 1);
    }

    #[test]
    fn every_shard_lists_every_word_of_its_languages() {
        let mut dealt = deal(
            vec![
                record("a", "en", "Formación, peer-run (Support)."),
                record("b", "en", "support wages"),
                record("c", "es", "formación"),
            ],
            2,
        );
        add_word_lists(&mut dealt);
        // Spanish, with fewer pages than shards, is whole in the first: no list.
        let lists: Vec<(&str, &str)> = dealt
            .shards
            .iter()
            .flatten()
            .filter(|r| r.filters.contains_key(WORD_LIST_FILTER))
            .map(|r| (r.url.as_str(), r.text.as_str()))
            .collect();
        assert_eq!(
            lists,
            [
                ("pagefind/shard-1/en-words", "formación peer-run support wages"),
                ("pagefind/shard-2/en-words", "formación peer-run support wages"),
            ]
        );
    }
}
