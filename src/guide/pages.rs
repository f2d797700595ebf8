//! The list of pages the site publishes: what `render` renders and what a
//! link written as an address may name. Made in one place, so the two can
//! never disagree.

use super::{DocId, Edition, Guide, Kind};

/// What one web page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Doc(DocId),
    AllPractices,
    AllTips,
    AllChecklists,
    Tags,
    Audiences,
    /// A tag's page, by its index in `Guide::tags`.
    Tag(usize),
    /// An audience's page, by its index in `Guide::audiences`.
    Audience(usize),
    Search,
    NotFound,
    /// The reader's action plan, made in the browser from their answers.
    ActionPlan,
    /// Several people's answers side by side, in the browser.
    TeamView,
    /// Every change editors noted, newest first.
    WhatsNew,
}

/// What one handout page prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoutKind {
    /// The list of every handout.
    Index,
    Practice(DocId),
    /// An area's handout, by its index in `Guide::areas`.
    Area(usize),
    Checklist(DocId),
    /// A bundle of guide.yaml's `handouts:`, by its index.
    Bundle(usize),
    /// The whole guide as one handout: every area and practice, the tips and the worksheets.
    Complete,
}

/// One page of the site: a web page, or a handout (`Page<HandoutKind>`).
#[derive(Debug, Clone)]
pub struct Page<K = PageKind> {
    /// Its site path, e.g. `practices/supervision/` or `es/practices/supervision/`.
    pub path: String,
    pub kind: K,
    /// The edition (language) it belongs to, by its index in `Guide::editions`.
    pub edition: usize,
}

pub type Handout = Page<HandoutKind>;

/// Every web page of one edition (handouts separately, see [`handouts`]): the
/// pages of the docs it has (in another language: the translated ones, and
/// always a home page), and every generated page. The search page is listed
/// whether or not the build makes a search index: a link to it is not broken
/// with `--no-search`, only pointless.
pub fn web_pages(guide: &Guide, edition: &Edition) -> Vec<Page> {
    let e = edition_index(guide, edition);
    let routes = &edition.routes;
    let page = |path: String, kind| Page { path, kind, edition: e };
    let mut out = Vec::with_capacity(guide.originals + guide.tags.len() + guide.audiences.len() + 16);
    for source in 0..guide.originals {
        if guide.docs[source].kind == Kind::Section {
            continue;
        }
        match edition.doc(source) {
            Some(id) => out.push(page(guide.paths[id].clone(), PageKind::Doc(id))),
            // Every edition has a home page, in the guide's language until it is translated.
            None if guide.home == Some(source) => out.push(page(routes.home(), PageKind::Doc(source))),
            None => {}
        }
    }
    out.push(page(routes.practices(), PageKind::AllPractices));
    if !guide.tips.is_empty() {
        out.push(page(routes.tips(), PageKind::AllTips));
    }
    if !guide.checklists.is_empty() {
        out.push(page(routes.checklists(), PageKind::AllChecklists));
    }
    out.push(page(routes.tags(), PageKind::Tags));
    out.push(page(routes.audiences(), PageKind::Audiences));
    out.extend(guide.tags.iter().enumerate().map(|(n, t)| page(routes.tag(&t.slug), PageKind::Tag(n))));
    out.extend(guide.audiences.iter().enumerate().map(|(n, t)| page(routes.audience(&t.slug), PageKind::Audience(n))));
    out.push(page(routes.search(), PageKind::Search));
    if has_assessment(guide) {
        out.push(page(routes.action_plan(), PageKind::ActionPlan));
        out.push(page(routes.team_view(), PageKind::TeamView));
    }
    if guide.has_changes() {
        out.push(page(routes.whats_new(), PageKind::WhatsNew));
    }
    out.push(page(routes.not_found(), PageKind::NotFound));
    out
}

fn edition_index(guide: &Guide, edition: &Edition) -> usize {
    guide.editions.iter().position(|e| e.code == edition.code).unwrap_or(0)
}

/// Whether readers can assess themselves against the guide: it has
/// checklists, or practices with their "In place when" items.
pub fn has_assessment(guide: &Guide) -> bool {
    !guide.checklists.is_empty() || !guide.practices.is_empty()
}

/// Whether the guide has anything for the complete guide's handout to print.
pub fn has_complete(guide: &Guide) -> bool {
    !guide.areas.is_empty() || !guide.tips.is_empty() || !guide.checklists.is_empty()
}

/// Every handout page of one edition: the index, then the complete guide and
/// the bundles (the longest prints start first, so they do not finish last
/// alone), areas, checklists and practices — in another language, those it
/// has a translation of. The complete guide is in every language: what has no
/// translation prints in the guide's own.
pub fn handouts(guide: &Guide, edition: &Edition) -> Vec<Handout> {
    let e = edition_index(guide, edition);
    let routes = &edition.routes;
    let mut out = vec![Page { path: routes.handouts(), kind: HandoutKind::Index, edition: e }];
    if has_complete(guide) {
        out.push(Page { path: routes.complete(), kind: HandoutKind::Complete, edition: e });
    }
    for (n, b) in guide.config.handouts.iter().enumerate() {
        out.push(Page { path: routes.bundle(&b.name), kind: HandoutKind::Bundle(n), edition: e });
    }
    let handout = |source: DocId, kind: HandoutKind| {
        edition.doc(source).and_then(|id| routes.handout(&guide.docs[id])).map(|path| Page { path, kind, edition: e })
    };
    for (n, a) in guide.areas.iter().enumerate() {
        out.extend(handout(a.doc, HandoutKind::Area(n)));
    }
    for &c in &guide.checklists {
        out.extend(handout(c, HandoutKind::Checklist(c)));
    }
    for &p in &guide.practices {
        out.extend(handout(p, HandoutKind::Practice(p)));
    }
    out
}
