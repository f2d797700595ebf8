//! The web pages: what each page's template receives (`page`, `content`,
//! `nav_current`), in the page's edition (language). Every address in it
//! comes from the address scheme, relative to the page when the site is the
//! offline edition.

use serde::Serialize;
use tera::{Context, Value};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::guide::address::output_file;
use crate::guide::pages::{Page, PageKind};
use crate::guide::{DocId, Guide, Kind, Term, Texts};
use crate::load::config::Source;
use crate::render::markdown::Rendered;
use crate::render::sink::{OutFile, Sink, render_jobs};
use crate::render::templates::Templates;
use crate::render::updates;
pub use crate::render::view::{Crumb, Item, View};

#[derive(Serialize)]
struct Group {
    title: String,
    url: String,
    summary: Option<String>,
    lang: Option<String>,
    lang_note: Option<String>,
    items: Vec<Item>,
}

/// The same page in another language, for `hreflang` links and the switcher.
#[derive(Serialize)]
struct Alternate {
    code: String,
    name: String,
    url: String,
    /// The page's full address, for `<link rel="alternate" hreflang>`.
    absolute: String,
    /// This page's own language.
    current: bool,
    /// The page is not in that language: the link goes to its home page, and
    /// this says so, in that language.
    missing: Option<String>,
}

/// A translation whose source changed since: a link to the source.
#[derive(Serialize)]
struct Stale {
    url: String,
    language: String,
}

#[derive(Serialize, Default)]
struct WebPageData {
    kind: String,
    title: String,
    summary: Option<String>,
    url: String,
    canonical: Option<String>,
    breadcrumbs: Vec<Crumb>,
    /// The page in every language it exists in, and the switcher's links.
    languages: Vec<Alternate>,
    stale: Option<Stale>,
    area: Option<Item>,
    audience: Vec<Item>,
    tags: Vec<Item>,
    related: Vec<Item>,
    tips: Vec<Item>,
    applies_to: Vec<Item>,
    sources: Vec<Source>,
    prev: Option<Item>,
    next: Option<Item>,
    toc: Vec<Item>,
    items: Vec<Item>,
    groups: Vec<Group>,
    task_count: usize,
    /// The printable handout of this page, if it has one.
    handout_url: Option<String>,
    /// The handout's address as a printed web page gives it: absolute when
    /// base_url has a host, as paper cannot be clicked.
    handout_address: Option<String>,
    /// The search page's filter groups.
    filters: Vec<FilterGroup>,
    /// On the home page, the checklists a reader can assess their
    /// organisation with.
    assess_lists: Vec<Item>,
    /// A doc's review and last-updated dates.
    dates: Option<updates::PageDates>,
    /// A doc's changes, newest first; on "What's new", every change.
    changes: Vec<updates::ChangeItem>,
    /// Links for readers' feedback on the page, when guide.yaml has `feedback:`.
    feedback: Option<updates::FeedbackLinks>,
    /// What the assessment script needs, on pages with checklist items and
    /// on the action plan and team view.
    assess: Option<Assess>,
}

/// Where a reader's assessment lives: the list this page's items belong to
/// and the pages and files the assessment script uses.
#[derive(Serialize)]
struct Assess {
    /// The key answers to this page's items are kept under (its content path
    /// without `.md`); empty on the action plan and team view.
    list: String,
    plan_url: String,
    team_url: String,
    /// The script that lists every item of the guide, for export and the plan.
    items_url: String,
    /// The stylesheets a printed action plan uses.
    handout_css: String,
    paper_css: String,
    /// The blank printable worksheet of this list, if it has one.
    worksheet_url: Option<String>,
}

#[derive(Serialize)]
struct FilterGroup {
    name: &'static str,
    legend: String,
    options: Vec<String>,
}

/// Renders `pages` (web pages, not handouts) into `sink`.
pub fn render(
    guide: &Guide,
    texts: &Texts,
    templates: &Templates,
    pages: &[Page],
    markdown: &Rendered,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) {
    render_jobs(pages, sink, diags, |page, sink| sink.put(render_page(guide, texts, templates, page, markdown)?));
}

/// One web page, as the file it is written to; its doc's Markdown is kept in
/// `markdown` for the handouts that print it.
pub fn render_page(
    guide: &Guide,
    texts: &Texts,
    templates: &Templates,
    page: &Page,
    markdown: &Rendered,
) -> Result<OutFile, Diagnostic> {
    let view = View { guide, texts, templates, edition: page.edition, from: &page.path, markdown };
    let (template, ctx) = context(&view, page.kind);
    templates
        .render(template, &ctx, &format!("/{}", page.path))
        .map(|html| OutFile { path: output_file(&page.path), bytes: html.into_bytes() })
}

fn term_items(v: &View, terms: &[Term], tags: bool) -> Vec<Item> {
    let routes = &v.edition().routes;
    terms
        .iter()
        .map(|t| Item {
            title: term_label(v, t, tags),
            url: v.href(&if tags { routes.tag(&t.slug) } else { routes.audience(&t.slug) }),
            meta: Some(v.strings().format("practice_count", Some(t.docs.len() as i64), &[])),
            ..Default::default()
        })
        .collect()
}

/// A tag's or audience's label in the view's language.
fn term_label(v: &View, t: &Term, tags: bool) -> String {
    if tags {
        return v.tag_label(&t.label);
    }
    let key = v.guide.config.audiences.iter().find(|a| crate::text::slugify(&a.key) == t.slug).map(|a| a.key.as_str());
    key.map_or_else(|| t.label.clone(), |k| v.audience_label(k, &t.label))
}

fn area_groups(v: &View, with_practices: bool) -> Vec<Group> {
    let g = v.guide;
    g.areas
        .iter()
        .map(|a| {
            let item = v.item(a.doc);
            Group {
                title: item.title,
                url: item.url,
                summary: item.summary,
                lang: item.lang,
                lang_note: item.lang_note,
                items: if with_practices { a.practices.iter().map(|&p| v.item(p)).collect() } else { Vec::new() },
            }
        })
        .collect()
}

fn section_title(v: &View, slug: &str) -> String {
    let default = v.word(&format!("nav_{slug}"));
    match v.guide.sections.get(slug) {
        Some(&s) if !v.foreign(s) => {
            let title = &v.guide.docs[v.shown(s)].title;
            if title.is_empty() { default } else { title.clone() }
        }
        _ => default,
    }
}

fn section_intro(v: &View, slug: &str, page: &mut WebPageData, content: &mut String) {
    page.kind = "section".into();
    page.title = section_title(v, slug);
    if let Some(&s) = v.guide.sections.get(slug)
        && !v.foreign(s)
    {
        let shown = v.shown(s);
        page.summary = v.guide.docs[shown].summary.clone();
        *content = v.html(shown);
    }
}

/// The page in every edition: where it exists there, or that edition's home.
/// `exists` says whether edition `e` has this page, and where.
fn alternates(v: &View, exists: &dyn Fn(usize) -> Option<String>) -> Vec<Alternate> {
    let g = v.guide;
    g.editions
        .iter()
        .enumerate()
        .map(|(n, e)| {
            let (path, missing) = match exists(n) {
                Some(p) => (p, None),
                None => (e.routes.home(), Some(v.templates.strings(n).format("switch_home", None, &[]))),
            };
            Alternate {
                code: e.code.clone(),
                name: e.name.clone(),
                url: v.href(&path),
                absolute: g.addresses.absolute(&path),
                current: n == v.edition,
                missing,
            }
        })
        .collect()
}

fn context(v: &View, what: PageKind) -> (&'static str, Context) {
    let g = v.guide;
    let routes = &v.edition().routes;
    let mut page = WebPageData { url: v.href(v.from), canonical: g.addresses.canonical(v.from), ..Default::default() };
    let mut content = String::new();
    let mut nav_current = "";
    // Where each edition has the same page: generated pages are in every edition.
    let same_page = |n: usize| -> Option<String> {
        let here = v.from.strip_prefix(&routes.home()).unwrap_or(v.from);
        Some(format!("{}{here}", g.editions[n].routes.home()))
    };
    let template = match what {
        PageKind::Doc(id) => {
            let source = g.original(id);
            page.languages = alternates(v, &|n| g.editions[n].doc(source).map(|d| g.path(d).to_string()));
            doc_context(v, id, &mut page, &mut content, &mut nav_current)
        }
        PageKind::AllPractices => {
            nav_current = "practices";
            section_intro(v, "practices", &mut page, &mut content);
            page.breadcrumbs = v.crumbs(&[]);
            page.groups = area_groups(v, true);
            "practices.html"
        }
        PageKind::AllTips => {
            nav_current = "tips";
            section_intro(v, "tips", &mut page, &mut content);
            page.breadcrumbs = v.crumbs(&[]);
            page.items = g.tips.iter().map(|&t| v.item(t)).collect();
            "tips.html"
        }
        PageKind::AllChecklists => {
            nav_current = "checklists";
            section_intro(v, "checklists", &mut page, &mut content);
            page.breadcrumbs = v.crumbs(&[]);
            page.items = g.checklists.iter().map(|&t| v.item(t)).collect();
            "checklists.html"
        }
        PageKind::Tags | PageKind::Audiences => {
            let tags = what == PageKind::Tags;
            page.kind = "taxonomy".into();
            page.title = v.word(if tags { "topics" } else { "audiences_title" });
            page.breadcrumbs = v.crumbs(&[]);
            page.items = term_items(v, if tags { &g.tags } else { &g.audiences }, tags);
            "taxonomy.html"
        }
        PageKind::Tag(n) | PageKind::Audience(n) => {
            let tags = matches!(what, PageKind::Tag(_));
            let t = if tags { &g.tags[n] } else { &g.audiences[n] };
            page.kind = "term".into();
            let label = term_label(v, t, tags);
            page.title =
                v.strings().format(if tags { "topic_title" } else { "audience_title" }, None, &[("label", &label)]);
            let parent =
                if tags { (v.word("topics"), routes.tags()) } else { (v.word("audiences_title"), routes.audiences()) };
            page.breadcrumbs = v.crumbs(&[(&parent.0, &parent.1)]);
            page.items = t.docs.iter().map(|&p| v.item(p)).collect();
            "term.html"
        }
        PageKind::Search => {
            page.kind = "search".into();
            page.title = v.word("search");
            page.breadcrumbs = v.crumbs(&[]);
            page.filters = search_filters(v);
            "search.html"
        }
        PageKind::NotFound => {
            page.kind = "404".into();
            page.title = v.word("not_found_title");
            page.groups = area_groups(v, false);
            "404.html"
        }
        PageKind::ActionPlan | PageKind::TeamView => {
            // Both gather the answers to every checklist: the plan of one
            // organisation, or several teams side by side.
            let (kind, title, template) = match what {
                PageKind::ActionPlan => ("action-plan", "plan_title", "assessment-plan.html"),
                _ => ("team-view", "team_title", "assessment-team.html"),
            };
            page.kind = kind.into();
            page.title = v.word(title);
            page.breadcrumbs = v.crumbs(&[]);
            page.assess = Some(assess(v, String::new(), None));
            page.items = g.checklists.iter().map(|&c| v.item(c)).collect();
            template
        }
        PageKind::WhatsNew => {
            page.kind = "whats-new".into();
            page.title = v.word("whats_new");
            page.summary = Some(v.word("whats_new_summary"));
            page.breadcrumbs = v.crumbs(&[]);
            page.changes = updates::whats_new(v);
            "whats-new.html"
        }
    };
    if page.languages.is_empty() {
        page.languages = alternates(v, &same_page);
    }
    let mut ctx = v.templates.context(v.from, v.edition);
    ctx.insert("page", &page);
    ctx.insert_value("content", Value::safe_string(&content));
    ctx.insert("nav_current", nav_current);
    (template, ctx)
}

fn doc_context(
    v: &View,
    id: DocId,
    page: &mut WebPageData,
    content: &mut String,
    nav_current: &mut &'static str,
) -> &'static str {
    let g = v.guide;
    let routes = &v.edition().routes;
    let source = g.original(id);
    let d = &g.docs[id];
    let r = &g.relations[source];
    page.kind = format!("{:?}", d.kind).to_lowercase();
    page.title = d.title.clone();
    page.summary = d.summary.clone();
    *content = v.html(id);
    page.sources = d.source.iter().filter_map(|k| v.source(k)).collect();
    page.tips = r.tips.iter().map(|&t| v.item(t)).collect();
    page.toc = v.texts.scans[id]
        .headings
        .iter()
        .filter(|h| h.level == 2)
        .map(|h| Item { title: h.text.clone(), url: format!("#{}", h.id), ..Default::default() })
        .collect();
    page.task_count = v.texts.scans[id].tasks.len();
    page.dates = updates::page_dates(v, id);
    page.changes = updates::page_changes(v, id);
    page.feedback = updates::feedback(v, id);
    let handout = routes.handout(d).filter(|_| !v.foreign(id));
    page.handout_address = handout.as_ref().map(|p| v.guide.addresses.absolute(p));
    page.handout_url = handout.map(|p| v.href(&p));
    if page.task_count > 0 {
        page.assess = Some(assess(v, list_key(d), page.handout_url.clone()));
    }
    if source != id && crate::resolve::translations::is_stale(g, &v.texts.bodies, id) {
        let default = g.default_edition();
        page.stale = Some(Stale { url: v.href(g.path(source)), language: default.name.clone() });
    }
    match d.kind {
        Kind::Home => {
            page.title = if d.title.is_empty() { v.guide_title() } else { d.title.clone() };
            page.groups = area_groups(v, false);
            page.items = g.checklists.iter().chain(&g.tips).map(|&t| v.item(t)).collect();
            page.assess_lists = g
                .checklists
                .iter()
                .filter(|&&c| !v.texts.scans[v.shown(c)].tasks.is_empty())
                .map(|&c| v.item(c))
                .collect();
            "index.html"
        }
        Kind::Area => {
            *nav_current = "practices";
            page.breadcrumbs = v.crumbs(&[(&section_title(v, "practices"), &routes.practices())]);
            page.items = g
                .area_of_doc(source)
                .map(|a| g.areas[a].practices.iter().map(|&p| v.item(p)).collect())
                .unwrap_or_default();
            "area.html"
        }
        Kind::Practice => {
            *nav_current = "practices";
            let mut trail = vec![(section_title(v, "practices"), routes.practices())];
            if let Some(a) = r.area {
                trail.push((v.title(a), g.path(v.shown(a)).to_string()));
            }
            let trail: Vec<(&str, &str)> = trail.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            page.breadcrumbs = v.crumbs(&trail);
            page.area = r.area.map(|a| v.item(a));
            page.audience = d
                .audience
                .iter()
                .filter_map(|k| g.config.audience(k))
                .map(|a| Item {
                    title: v.audience_label(&a.key, &a.label),
                    url: v.href(&routes.audience(&crate::text::slugify(&a.key))),
                    ..Default::default()
                })
                .collect();
            page.tags = d
                .tags
                .iter()
                .map(|t| Item {
                    title: v.tag_label(t),
                    url: v.href(&routes.tag(&crate::text::slugify(t))),
                    ..Default::default()
                })
                .collect();
            page.related = r.related.iter().map(|&p| v.item(p)).collect();
            page.prev = r.prev.map(|p| v.item(p));
            page.next = r.next.map(|p| v.item(p));
            "practice.html"
        }
        Kind::Tip => {
            *nav_current = "tips";
            page.breadcrumbs = v.crumbs(&[(&section_title(v, "tips"), &routes.tips())]);
            page.applies_to = r.applies_to.iter().map(|&p| v.item(p)).collect();
            "tip.html"
        }
        Kind::Checklist => {
            *nav_current = "checklists";
            page.breadcrumbs = v.crumbs(&[(&section_title(v, "checklists"), &routes.checklists())]);
            "checklist.html"
        }
        Kind::Page | Kind::Section => {
            if d.slug == "about" {
                *nav_current = "about";
            }
            page.breadcrumbs = v.crumbs(&[]);
            "page.html"
        }
    }
}

fn assess(v: &View, list: String, worksheet_url: Option<String>) -> Assess {
    let routes = &v.edition().routes;
    Assess {
        list,
        plan_url: v.href(&routes.action_plan()),
        team_url: v.href(&routes.team_view()),
        items_url: v.href(&routes.assessment_items()),
        handout_css: v.href("css/handout.css"),
        paper_css: v.href(&routes.paper_css(v.guide.config.paper.name())),
        worksheet_url,
    }
}

fn search_filters(v: &View) -> Vec<FilterGroup> {
    let g = v.guide;
    let mut kinds: Vec<Kind> = Vec::new();
    for d in &g.docs[..g.originals] {
        if searched(d.kind) && !kinds.contains(&d.kind) {
            kinds.push(d.kind);
        }
    }
    kinds.sort_by_key(|k| SEARCHED_KINDS.iter().position(|o| o == k));
    vec![
        FilterGroup {
            name: "area",
            legend: v.word("filter_area"),
            options: g.areas.iter().map(|a| v.title(a.doc)).collect(),
        },
        FilterGroup {
            name: "audience",
            legend: v.word("filter_audience"),
            options: g.audiences.iter().map(|t| term_label(v, t, false)).collect(),
        },
        FilterGroup {
            name: "kind",
            legend: v.word("filter_kind"),
            options: kinds.into_iter().map(|k| kind_label(v.strings(), k)).collect(),
        },
    ]
}

/// The key a reader's answers to a doc's items are kept under: its path in
/// content/ without `.md` (`checklists/self-assessment`), the same in every
/// language and edition of the guide.
pub fn list_key(doc: &crate::guide::Doc) -> String {
    doc.content_path.strip_suffix(".md").unwrap_or(&doc.content_path).to_string()
}

/// The kinds of page search finds, in the order its filter lists them.
pub(crate) const SEARCHED_KINDS: [Kind; 5] = [Kind::Practice, Kind::Area, Kind::Tip, Kind::Checklist, Kind::Page];

pub(crate) fn searched(kind: Kind) -> bool {
    SEARCHED_KINDS.contains(&kind)
}

/// How search results and filters name a kind of page.
pub(crate) fn kind_label(strings: &crate::render::templates::Strings, kind: Kind) -> String {
    strings.get(match kind {
        Kind::Practice => "kind_practice",
        Kind::Area => "kind_area",
        Kind::Tip => "kind_tip",
        Kind::Checklist => "kind_checklist",
        Kind::Page | Kind::Home | Kind::Section => "kind_page",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Keep;
    use crate::testing::{GUIDE_YAML, area, practice, site, templates};

    fn built() -> (crate::testing::Site, Vec<OutFile>) {
        let s = site(
            GUIDE_YAML,
            &[
                ("_index.md", "---\ntitle: Home\n---\nWelcome.\n"),
                ("practices/hiring/_index.md", &area("Hiring")),
                (
                    "practices/hiring/a.md",
                    &practice("Ay", "weight: 1\naudience: [hr]\ntags: [Job Design]\nsource: hb\n", "## Why\n"),
                ),
                ("practices/hiring/b.md", &practice("Bee", "weight: 2\n", "")),
            ],
        );
        let t = templates(&s);
        let kept = Keep::default();
        let mut diags = Diagnostics::new();
        let web = crate::guide::pages::web_pages(&s.guide, s.guide.default_edition());
        render(&s.guide, &s.texts, &t, &web, &Rendered::default(), &kept, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        (s, kept.into_files())
    }

    fn page<'f>(files: &'f [OutFile], path: &str) -> &'f str {
        let f = files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}"));
        std::str::from_utf8(&f.bytes).unwrap()
    }

    #[test]
    fn a_practice_page_links_its_area_neighbours_and_terms() {
        let (_, files) = built();
        let html = page(&files, "practices/hiring/a/index.html");
        assert!(html.contains("<title>Ay · Test Guide</title>"), "{html}");
        assert!(html.contains("<a href=\"/g/practices/hiring/\">Hiring</a>"), "breadcrumb to the area");
        assert!(html.contains("href=\"/g/practices/hiring/b/\" rel=\"next\""), "next practice");
        assert!(html.contains("href=\"/g/audience/hr/\">HR staff</a>"), "audience pill");
        assert!(html.contains("href=\"/g/tags/job-design/\">Job Design</a>"), "topic pill");
        assert!(html.contains("<a href=\"/g/handouts/hiring/a/\">Print handout</a>"), "handout link");
        assert!(html.contains("<link rel=\"canonical\" href=\"https://example.org/g/practices/hiring/a/\">"));
    }

    #[test]
    fn generated_pages_take_their_titles_from_the_strings() {
        let (_, files) = built();
        assert!(page(&files, "tags/job-design/index.html").contains("<h1>Topic: Job Design</h1>"));
        assert!(page(&files, "audience/index.html").contains("1 practice"));
        assert!(page(&files, "404.html").contains("Page not found"));
        let search = page(&files, "search/index.html");
        assert!(search.contains("<legend>Kind of page</legend>") && search.contains("value=\"Practice\""), "{search}");
    }
}
