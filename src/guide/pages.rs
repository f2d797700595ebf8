//! The list of pages the site publishes: what `render` renders and what a
//! link written as an address may name. Made in one place, so the two can
//! never disagree.

use super::{DocId, Guide, Kind, Routes};

/// What one output page shows.
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
    /// The list of every handout.
    Handouts,
    PracticeHandout(DocId),
    /// An area's handout, by its index in `Guide::areas`.
    AreaHandout(usize),
    ChecklistHandout(DocId),
    /// A bundle of guide.yaml's `handouts:`, by its index.
    Bundle(usize),
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Its site path, e.g. `practices/supervision/`.
    pub path: String,
    pub kind: PageKind,
}

/// Every web page of one language (handouts separately, see [`handouts`]).
/// The search page is listed whether or not the build makes a search index:
/// a link to it is not broken with `--no-search`, only pointless.
pub fn web_pages(guide: &Guide, routes: &Routes) -> Vec<Page> {
    let page = |path: String, kind| Page { path, kind };
    let mut out = Vec::with_capacity(guide.docs.len() + guide.tags.len() + guide.audiences.len() + 16);
    for (id, d) in guide.docs.iter().enumerate() {
        if d.kind != Kind::Section {
            out.push(page(routes.doc(d), PageKind::Doc(id)));
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
    out.push(page(routes.not_found(), PageKind::NotFound));
    out
}

/// Whether readers can assess themselves against the guide: it has
/// checklists, or practices with their "In place when" items.
pub fn has_assessment(guide: &Guide) -> bool {
    !guide.checklists.is_empty() || !guide.practices.is_empty()
}

/// Every handout page of one language: the index, then bundles first (they
/// matter most when printing runs long), areas, checklists and practices.
pub fn handouts(guide: &Guide, routes: &Routes) -> Vec<Page> {
    let mut out = vec![Page { path: routes.handouts(), kind: PageKind::Handouts }];
    for (n, b) in guide.config.handouts.iter().enumerate() {
        out.push(Page { path: routes.bundle(&b.name), kind: PageKind::Bundle(n) });
    }
    for (n, a) in guide.areas.iter().enumerate() {
        if let Some(path) = routes.handout(&guide.docs[a.doc]) {
            out.push(Page { path, kind: PageKind::AreaHandout(n) });
        }
    }
    for &c in &guide.checklists {
        if let Some(path) = routes.handout(&guide.docs[c]) {
            out.push(Page { path, kind: PageKind::ChecklistHandout(c) });
        }
    }
    for &p in &guide.practices {
        if let Some(path) = routes.handout(&guide.docs[p]) {
            out.push(Page { path, kind: PageKind::PracticeHandout(p) });
        }
    }
    out
}
