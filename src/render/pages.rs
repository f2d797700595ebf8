//! The web pages: what each page's template receives (`page`, `content`,
//! `nav_current`). Every address in it comes from the address scheme, relative
//! to the page when the site is the offline edition.

use serde::Serialize;
use tera::{Context, Value};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::guide::address::output_file;
use crate::guide::pages::{Page, PageKind};
use crate::guide::{DocId, Guide, Kind, Term, Texts};
use crate::load::config::Source;
use crate::render::markdown::{self, Placement};
use crate::render::sink::{OutFile, Sink, render_jobs};
use crate::render::templates::Templates;

#[derive(Serialize, Clone)]
pub struct Item {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub meta: Option<String>,
}

#[derive(Serialize)]
struct Group {
    title: String,
    url: String,
    summary: Option<String>,
    items: Vec<Item>,
}

#[derive(Serialize)]
pub struct Crumb {
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Default)]
struct PageData {
    kind: String,
    title: String,
    summary: Option<String>,
    url: String,
    canonical: String,
    breadcrumbs: Vec<Crumb>,
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
    /// The search page's filter groups.
    filters: Vec<FilterGroup>,
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
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) {
    render_jobs(pages, sink, diags, |page| render_page(guide, texts, templates, page));
}

/// One web page, as the file it is written to.
pub fn render_page(guide: &Guide, texts: &Texts, templates: &Templates, page: &Page) -> Result<OutFile, Diagnostic> {
    let view = View { guide, texts, templates, from: &page.path };
    let (template, ctx) = view.context(page.kind);
    templates
        .render(template, &ctx, &format!("/{}", page.path))
        .map(|html| OutFile { path: output_file(&page.path), bytes: html.into_bytes() })
}

/// What a page's view is made from, and where the page is.
pub struct View<'a> {
    pub guide: &'a Guide,
    pub texts: &'a Texts,
    pub templates: &'a Templates,
    pub from: &'a str,
}

impl View<'_> {
    pub fn href(&self, to: &str) -> String {
        self.guide.addresses.href(self.from, to)
    }

    fn doc_url(&self, id: DocId) -> String {
        self.href(self.guide.path(id))
    }

    fn word(&self, key: &str) -> String {
        self.templates.strings().get(key)
    }

    pub fn item(&self, id: DocId) -> Item {
        let g = self.guide;
        let d = &g.docs[id];
        let meta = match d.kind {
            Kind::Practice => g.relations[id].area.map(|a| g.docs[a].title.clone()),
            _ => None,
        };
        Item { title: d.title.clone(), url: self.doc_url(id), summary: d.summary.clone(), meta }
    }

    /// The doc's Markdown as HTML on this page.
    fn html(&self, id: DocId) -> String {
        let at = Placement {
            addresses: &self.guide.addresses,
            paths: &self.guide.paths,
            callouts: self.templates.callouts(),
            from: self.from,
            id_prefix: "",
            heading_shift: 0,
            pen: false,
        };
        markdown::render(&self.texts.bodies[id], &self.texts.scans[id], &at).html
    }

    fn crumbs(&self, list: &[(&str, &str)]) -> Vec<Crumb> {
        let mut out = vec![Crumb { title: self.word("home"), url: self.href(&self.guide.routes.home()) }];
        out.extend(list.iter().map(|(t, p)| Crumb { title: t.to_string(), url: self.href(p) }));
        out
    }

    fn term_items(&self, terms: &[Term], tags: bool) -> Vec<Item> {
        let routes = &self.guide.routes;
        terms
            .iter()
            .map(|t| Item {
                title: t.label.clone(),
                url: self.href(&if tags { routes.tag(&t.slug) } else { routes.audience(&t.slug) }),
                summary: None,
                meta: Some(self.templates.strings().format("practice_count", Some(t.docs.len() as i64), &[])),
            })
            .collect()
    }

    fn area_groups(&self, with_practices: bool) -> Vec<Group> {
        let g = self.guide;
        g.areas
            .iter()
            .map(|a| Group {
                title: g.docs[a.doc].title.clone(),
                url: self.doc_url(a.doc),
                summary: g.docs[a.doc].summary.clone(),
                items: if with_practices { a.practices.iter().map(|&p| self.item(p)).collect() } else { Vec::new() },
            })
            .collect()
    }

    fn section_title(&self, slug: &str) -> String {
        self.guide.section_title(slug, &self.templates.strings().get(&format!("nav_{slug}")))
    }

    fn section_intro(&self, slug: &str, page: &mut PageData, content: &mut String) {
        page.kind = "section".into();
        page.title = self.section_title(slug);
        if let Some(&s) = self.guide.sections.get(slug) {
            page.summary = self.guide.docs[s].summary.clone();
            *content = self.html(s);
        }
    }

    fn context(&self, what: PageKind) -> (&'static str, Context) {
        let g = self.guide;
        let routes = &g.routes;
        let strings = self.templates.strings();
        let mut page =
            PageData { url: self.href(self.from), canonical: g.addresses.absolute(self.from), ..Default::default() };
        let mut content = String::new();
        let mut nav_current = "";
        let template = match what {
            PageKind::Doc(id) => self.doc_context(id, &mut page, &mut content, &mut nav_current),
            PageKind::AllPractices => {
                nav_current = "practices";
                self.section_intro("practices", &mut page, &mut content);
                page.breadcrumbs = self.crumbs(&[]);
                page.groups = self.area_groups(true);
                "practices.html"
            }
            PageKind::AllTips => {
                nav_current = "tips";
                self.section_intro("tips", &mut page, &mut content);
                page.breadcrumbs = self.crumbs(&[]);
                page.items = g.tips.iter().map(|&t| self.item(t)).collect();
                "tips.html"
            }
            PageKind::AllChecklists => {
                nav_current = "checklists";
                self.section_intro("checklists", &mut page, &mut content);
                page.breadcrumbs = self.crumbs(&[]);
                page.items = g.checklists.iter().map(|&t| self.item(t)).collect();
                "checklists.html"
            }
            PageKind::Tags | PageKind::Audiences => {
                let tags = what == PageKind::Tags;
                page.kind = "taxonomy".into();
                page.title = self.word(if tags { "topics" } else { "audiences_title" });
                page.breadcrumbs = self.crumbs(&[]);
                page.items = self.term_items(if tags { &g.tags } else { &g.audiences }, tags);
                "taxonomy.html"
            }
            PageKind::Tag(n) | PageKind::Audience(n) => {
                let tags = matches!(what, PageKind::Tag(_));
                let t = if tags { &g.tags[n] } else { &g.audiences[n] };
                page.kind = "term".into();
                page.title =
                    strings.format(if tags { "topic_title" } else { "audience_title" }, None, &[("label", &t.label)]);
                let parent = if tags {
                    (self.word("topics"), routes.tags())
                } else {
                    (self.word("audiences_title"), routes.audiences())
                };
                page.breadcrumbs = self.crumbs(&[(&parent.0, &parent.1)]);
                page.items = t.docs.iter().map(|&p| self.item(p)).collect();
                "term.html"
            }
            PageKind::Search => {
                page.kind = "search".into();
                page.title = self.word("search");
                page.breadcrumbs = self.crumbs(&[]);
                page.filters = self.search_filters();
                "search.html"
            }
            PageKind::NotFound => {
                page.kind = "404".into();
                page.title = self.word("not_found_title");
                page.groups = self.area_groups(false);
                "404.html"
            }
            PageKind::ActionPlan => {
                page.kind = "action-plan".into();
                page.title = self.word("plan_title");
                page.breadcrumbs = self.crumbs(&[]);
                page.assess = Some(self.assess(String::new(), None));
                page.items = self.assessment_lists();
                "assessment-plan.html"
            }
            PageKind::TeamView => {
                page.kind = "team-view".into();
                page.title = self.word("team_title");
                page.breadcrumbs = self.crumbs(&[]);
                page.assess = Some(self.assess(String::new(), None));
                page.items = self.assessment_lists();
                "assessment-team.html"
            }
            PageKind::Handouts
            | PageKind::PracticeHandout(_)
            | PageKind::AreaHandout(_)
            | PageKind::ChecklistHandout(_)
            | PageKind::Bundle(_) => unreachable!("handouts are rendered by render::handouts"),
        };
        let mut ctx = self.templates.context(self.from);
        ctx.insert("page", &page);
        ctx.insert_value("content", Value::safe_string(&content));
        ctx.insert("nav_current", nav_current);
        (template, ctx)
    }

    fn doc_context(
        &self,
        id: DocId,
        page: &mut PageData,
        content: &mut String,
        nav_current: &mut &'static str,
    ) -> &'static str {
        let g = self.guide;
        let d = &g.docs[id];
        let r = &g.relations[id];
        page.kind = format!("{:?}", d.kind).to_lowercase();
        page.title = d.title.clone();
        page.summary = d.summary.clone();
        *content = self.html(id);
        page.sources = d.source.iter().filter_map(|k| g.config.source(k).cloned()).collect();
        page.tips = r.tips.iter().map(|&t| self.item(t)).collect();
        page.toc = self.texts.scans[id]
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .map(|h| Item { title: h.text.clone(), url: format!("#{}", h.id), summary: None, meta: None })
            .collect();
        page.task_count = self.texts.scans[id].tasks.len();
        page.handout_url = g.routes.handout(d).map(|p| self.href(&p));
        if page.task_count > 0 {
            page.assess = Some(self.assess(list_key(d), page.handout_url.clone()));
        }
        match d.kind {
            Kind::Home => {
                page.title = if d.title.is_empty() { g.config.title.clone() } else { d.title.clone() };
                page.groups = self.area_groups(false);
                page.items = g.checklists.iter().chain(&g.tips).map(|&t| self.item(t)).collect();
                "index.html"
            }
            Kind::Area => {
                *nav_current = "practices";
                page.breadcrumbs = self.crumbs(&[(&self.section_title("practices"), &g.routes.practices())]);
                page.items = g
                    .area_of_doc(id)
                    .map(|a| g.areas[a].practices.iter().map(|&p| self.item(p)).collect())
                    .unwrap_or_default();
                "area.html"
            }
            Kind::Practice => {
                *nav_current = "practices";
                let mut trail = vec![(self.section_title("practices"), g.routes.practices())];
                if let Some(a) = r.area {
                    trail.push((g.docs[a].title.clone(), g.path(a).to_string()));
                }
                let trail: Vec<(&str, &str)> = trail.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                page.breadcrumbs = self.crumbs(&trail);
                page.area = r.area.map(|a| self.item(a));
                page.audience = d
                    .audience
                    .iter()
                    .filter_map(|k| g.config.audience(k))
                    .map(|a| Item {
                        title: a.label.clone(),
                        url: self.href(&g.routes.audience(&crate::text::slugify(&a.key))),
                        summary: None,
                        meta: None,
                    })
                    .collect();
                page.tags = d
                    .tags
                    .iter()
                    .map(|t| Item {
                        title: t.clone(),
                        url: self.href(&g.routes.tag(&crate::text::slugify(t))),
                        summary: None,
                        meta: None,
                    })
                    .collect();
                page.related = r.related.iter().map(|&p| self.item(p)).collect();
                page.prev = r.prev.map(|p| self.item(p));
                page.next = r.next.map(|p| self.item(p));
                "practice.html"
            }
            Kind::Tip => {
                *nav_current = "tips";
                page.breadcrumbs = self.crumbs(&[(&self.section_title("tips"), &g.routes.tips())]);
                page.applies_to = r.applies_to.iter().map(|&p| self.item(p)).collect();
                "tip.html"
            }
            Kind::Checklist => {
                *nav_current = "checklists";
                page.breadcrumbs = self.crumbs(&[(&self.section_title("checklists"), &g.routes.checklists())]);
                "checklist.html"
            }
            Kind::Page | Kind::Section => {
                if d.slug == "about" {
                    *nav_current = "about";
                }
                page.breadcrumbs = self.crumbs(&[]);
                "page.html"
            }
        }
    }

    fn assess(&self, list: String, worksheet_url: Option<String>) -> Assess {
        let routes = &self.guide.routes;
        Assess {
            list,
            plan_url: self.href(&routes.action_plan()),
            team_url: self.href(&routes.team_view()),
            items_url: self.href(&routes.assessment_items()),
            handout_css: self.href("css/handout.css"),
            paper_css: self.href(&routes.paper_css(self.guide.config.paper.name())),
            worksheet_url,
        }
    }

    /// The checklists readers assess themselves with, as links.
    fn assessment_lists(&self) -> Vec<Item> {
        self.guide.checklists.iter().map(|&c| self.item(c)).collect()
    }

    fn search_filters(&self) -> Vec<FilterGroup> {
        let g = self.guide;
        let mut kinds: Vec<Kind> = Vec::new();
        for d in &g.docs {
            if searched(d.kind) && !kinds.contains(&d.kind) {
                kinds.push(d.kind);
            }
        }
        kinds.sort_by_key(|k| SEARCHED_KINDS.iter().position(|o| o == k));
        vec![
            FilterGroup {
                name: "area",
                legend: self.word("filter_area"),
                options: g.areas.iter().map(|a| g.docs[a.doc].title.clone()).collect(),
            },
            FilterGroup {
                name: "audience",
                legend: self.word("filter_audience"),
                options: g.audiences.iter().map(|t| t.label.clone()).collect(),
            },
            FilterGroup {
                name: "kind",
                legend: self.word("filter_kind"),
                options: kinds.into_iter().map(|k| kind_label(self.templates.strings(), k)).collect(),
            },
        ]
    }
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
        let web = crate::guide::pages::web_pages(&s.guide, &s.guide.routes);
        render(&s.guide, &s.texts, &t, &web, &kept, &mut diags);
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
