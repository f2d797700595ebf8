//! Render: turns the resolved guide into the site's files — web pages,
//! handouts, sitemap and search index — and hands each to a [`Sink`].
//!
//! Templates are parsed once; pages are rendered in parallel. Every value a
//! template prints from front matter or guide.yaml is escaped; only the HTML
//! written from Markdown is passed as safe.

pub mod aliases;
pub mod assessment;
pub mod feeds;
pub mod handouts;
pub mod markdown;
mod memo;
pub mod pages;
pub mod plan;
pub mod search;
pub mod sink;
pub mod templates;
pub mod updates;
pub mod view;

pub use plan::{Output, Selection};
pub use sink::{Discard, Keep, OutFile, Sink};
pub use templates::{Search, Strings, Templates};

use crate::diagnostic::Diagnostics;
use crate::guide::{Guide, Texts};

/// What changes what is rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Pages carry the search box and the search page exists.
    pub search: bool,
    /// Handouts link their PDFs, which the build prints.
    pub pdf: bool,
    /// The offline edition: no sitemap or robots.txt, which only a web server's
    /// visitors (and crawlers) read.
    pub offline: bool,
}

/// Renders the web pages, handouts and feeds that `only` selects into `sink`
/// (not the search index: see [`search`]). A build selects them all; the
/// preview, after a save, those whose inputs changed (see [`plan`]).
pub fn render(
    guide: &Guide,
    texts: &Texts,
    templates: &Templates,
    opts: Options,
    only: &Selection,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) {
    let mut web: Vec<_> = guide.editions.iter().flat_map(|e| crate::guide::pages::web_pages(guide, e)).collect();
    if !opts.search {
        web.retain(|p| p.kind != crate::guide::pages::PageKind::Search);
    }
    let pages: Vec<_> = web.iter().filter(|p| only.wants(guide, Output::Web(p))).cloned().collect();
    // The kinds of output are independent of each other, so they are made
    // side by side: a core that runs out of one kind's work takes another's
    // instead of waiting for the slowest page of the kind before (the list of
    // every checklist item and the feeds are single files, each made on one core).
    let (mut from_pages, mut from_lists, mut from_feeds) = (Diagnostics::new(), Diagnostics::new(), Diagnostics::new());
    let mut from_handouts = Diagnostics::new();
    // Each doc's Markdown is rendered once, for its web page and its handouts alike.
    let markdown = markdown::Rendered::default();
    rayon::scope(|s| {
        s.spawn(|_| pages::render(guide, texts, templates, &pages, &markdown, sink, &mut from_pages));
        if crate::guide::pages::has_assessment(guide) && only.wants(guide, Output::Items) {
            s.spawn(|_| {
                for e in &guide.editions {
                    if let Err(d) = sink.put(assessment::render(guide, texts, e)) {
                        from_lists.push(d);
                    }
                }
            });
        }
        if !opts.offline && only.wants(guide, Output::Feeds) {
            s.spawn(|_| {
                feeds::render(guide, texts, templates, &web, sink, &mut from_feeds);
                aliases::render(guide, templates, sink, &mut from_feeds);
            });
        }
        let handout_opts = handouts::Options { pdf: opts.pdf };
        handouts::render(guide, texts, templates, handout_opts, only, &markdown, sink, &mut from_handouts);
    });
    for found in [from_pages, from_lists, from_feeds, from_handouts] {
        diags.append(found);
    }
}
