//! Render: turns the resolved `Guide` into the site's files, in memory.
//!
//! Templates are parsed once; pages are rendered in parallel. Every value a
//! template prints from front matter or guide.yaml is escaped by tera's
//! autoescape; only the Markdown HTML is passed as safe.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::config::Source;
use crate::content::Kind;
use crate::diagnostic::{Code, Diagnostic};
use crate::resolve::{DocId, Guide, Term};
use crate::theme::TemplateSource;

/// A file of the built site: its path under the output folder and its bytes.
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go as they are made: written into the staging folder
/// (build), kept in memory (serve) or dropped (check).
pub trait Sink: Sync {
    fn put(&self, file: OutFile) -> Result<(), Diagnostic>;
}

/// Keeps every file, in no particular order.
#[derive(Default)]
pub struct Keep(std::sync::Mutex<Vec<OutFile>>);

impl Keep {
    pub fn into_files(self) -> Vec<OutFile> {
        self.0.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl Sink for Keep {
    fn put(&self, file: OutFile) -> Result<(), Diagnostic> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(file);
        Ok(())
    }
}

/// Renders for the errors only.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: OutFile) -> Result<(), Diagnostic> {
        Ok(())
    }
}

/// Renders `jobs` in parallel into `sink`; a broken template fails every page
/// it renders, so each error is reported once.
pub fn render_jobs<J: Sync>(
    jobs: &[J],
    sink: &dyn Sink,
    render_one: impl Fn(&J) -> Result<OutFile, Diagnostic> + Sync + Send,
) -> Result<(), Vec<Diagnostic>> {
    let errors: Vec<Diagnostic> =
        jobs.par_iter().filter_map(|j| render_one(j).and_then(|f| sink.put(f)).err()).collect();
    let mut diags: Vec<Diagnostic> = Vec::new();
    for d in errors {
        if !diags.iter().any(|x| x.file == d.file && x.line == d.line) {
            diags.push(d);
        }
    }
    if diags.is_empty() { Ok(()) } else { Err(diags) }
}

pub struct Templates {
    tera: Tera,
    files: HashMap<String, PathBuf>,
}

impl Templates {
    /// Renders one template; `page` names the output page in error messages.
    pub fn render(&self, template: &str, ctx: &Context, page: &str) -> Result<String, Diagnostic> {
        self.tera.render(template, ctx).map_err(|e| template_diagnostic(&e, &self.files, Some(page)))
    }
}

pub fn templates(sources: Vec<TemplateSource>) -> Result<Templates, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html", ".xml"]);
    let files: HashMap<String, PathBuf> = sources.iter().map(|s| (s.name.clone(), s.file.clone())).collect();
    let result = tera.add_raw_templates(sources.iter().map(|s| (s.name.as_str(), s.text.as_str())));
    match result {
        Ok(()) => Ok(Templates { tera, files }),
        Err(e) => Err(vec![template_diagnostic(&e, &files, None)]),
    }
}

fn template_diagnostic(e: &tera::Error, files: &HashMap<String, PathBuf>, page: Option<&str>) -> Diagnostic {
    let (name, line, column, message) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            (r.filename().to_string(), r.span().start_line, r.span().start_col + 1, r.message().to_string())
        }
        tera::ErrorKind::CircularExtend { tpl, .. } | tera::ErrorKind::CircularInclude { tpl, .. } => {
            (tpl.clone(), 0, 0, e.to_string())
        }
        tera::ErrorKind::MissingParent { current, .. } => (current.clone(), 0, 0, e.to_string()),
        // Checks done after parsing (an include of a missing template) come as
        // text with the report inside: `error: ...` and `--> name:line:col`.
        _ => report_parts(&e.to_string()).unwrap_or_else(|| (String::new(), 0, 0, e.to_string())),
    };
    let file = files.get(&name).cloned().unwrap_or_else(|| {
        PathBuf::from(if name.is_empty() { "templates".into() } else { format!("templates/{name}") })
    });
    let message = match page {
        Some(p) => format!("template `{name}` failed while rendering {p}: {message}"),
        None => format!("template `{name}`: {message}"),
    };
    Diagnostic::error(Code::Template, file, line, message)
        .at_column(column)
        .with_help("fix the template; variables that may be empty need a test such as {% if page.summary %}")
}

/// The template, line, column and message of a report tera gave as text.
fn report_parts(text: &str) -> Option<(String, usize, usize, String)> {
    let message = text.lines().next()?.trim().strip_prefix("error: ")?.to_string();
    let at = text.split_once("--> ")?.1.split_whitespace().next()?;
    let mut parts = at.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), line, column, message))
}

#[derive(Serialize, Clone)]
struct Item {
    title: String,
    url: String,
    summary: Option<String>,
    meta: Option<String>,
}

#[derive(Serialize)]
struct Group {
    title: String,
    url: String,
    summary: Option<String>,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    url: String,
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
}

#[derive(Serialize)]
struct FilterGroup {
    name: &'static str,
    legend: &'static str,
    options: Vec<String>,
}

#[derive(Serialize)]
struct NavLink {
    key: &'static str,
    title: &'static str,
    url: String,
}

#[derive(Serialize)]
struct SiteData<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base: &'a str,
    css_url: String,
    js_url: String,
    favicon_url: String,
    nav: Vec<NavLink>,
    sources_page: Option<String>,
    /// The search page, when the site has a search index.
    search_url: Option<String>,
    /// Pagefind's runtime, loaded by the theme's script on first use.
    search_bundle: Option<String>,
}

pub fn render(guide: &Guide, templates: &mut Templates, search: bool, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    let urls = &guide.urls;
    let mut nav = vec![NavLink { key: "practices", title: "Practices", url: urls.path("practices/") }];
    if !guide.tips.is_empty() {
        nav.push(NavLink { key: "tips", title: "Tips", url: urls.path("tips/") });
    }
    if !guide.checklists.is_empty() {
        nav.push(NavLink { key: "checklists", title: "Checklists", url: urls.path("checklists/") });
    }
    if let Some(about) = guide.find("about") {
        nav.push(NavLink { key: "about", title: "About", url: guide.url(about) });
    }
    let site = SiteData {
        title: &guide.config.title,
        description: &guide.config.description,
        language: &guide.config.language,
        base: urls.base_path(),
        css_url: urls.path("css/practica.css"),
        js_url: urls.path("js/practica.js"),
        favicon_url: urls.path("favicon.svg"),
        nav,
        sources_page: guide.find("sources").map(|s| guide.url(s)),
        search_url: search.then(|| urls.path("search/")),
        search_bundle: search.then(|| urls.path(&format!("{}/pagefind.js", crate::search::BUNDLE_DIR))),
    };
    templates.tera.global_context().insert("site", &site);

    let jobs = jobs(guide, search);
    let tera = &templates.tera;
    render_jobs(&jobs, sink, |job| {
        let (template, ctx) = context(guide, job);
        tera.render(template, &ctx)
            .map(|html| OutFile { path: out_path(&job.path), bytes: html.into_bytes() })
            .map_err(|e| template_diagnostic(&e, &templates.files, Some(&format!("/{}", job.path))))
    })?;
    sink.put(OutFile { path: "sitemap.xml".into(), bytes: sitemap(guide, &jobs).into_bytes() }).map_err(|d| vec![d])?;
    sink.put(OutFile {
        path: "robots.txt".into(),
        bytes: format!("User-agent: *\nAllow: /\nSitemap: {}\n", urls.absolute("sitemap.xml")).into_bytes(),
    })
    .map_err(|d| vec![d])
}

/// Renders the page of one document again, with templates that have already
/// rendered the whole site once (so site-wide values are in place).
pub fn render_doc_page(guide: &Guide, templates: &Templates, id: DocId) -> Result<OutFile, Diagnostic> {
    let job = Job { path: guide.docs[id].path.clone(), what: PageSource::Doc(id) };
    let (template, ctx) = context(guide, &job);
    templates
        .render(template, &ctx, &format!("/{}", job.path))
        .map(|html| OutFile { path: out_path(&job.path), bytes: html.into_bytes() })
}

/// What one output page is made from.
enum PageSource {
    Doc(DocId),
    AllPractices,
    AllTips,
    AllChecklists,
    Taxonomy { tags: bool },
    Term { tags: bool, index: usize },
    Search,
    NotFound,
}

struct Job {
    path: String,
    what: PageSource,
}

fn jobs(guide: &Guide, search: bool) -> Vec<Job> {
    let mut jobs = Vec::with_capacity(guide.docs.len() + guide.tags.len() + 16);
    for (i, d) in guide.docs.iter().enumerate() {
        if d.kind != Kind::Section {
            jobs.push(Job { path: d.path.clone(), what: PageSource::Doc(i) });
        }
    }
    jobs.push(Job { path: "practices/".into(), what: PageSource::AllPractices });
    if !guide.tips.is_empty() {
        jobs.push(Job { path: "tips/".into(), what: PageSource::AllTips });
    }
    if !guide.checklists.is_empty() {
        jobs.push(Job { path: "checklists/".into(), what: PageSource::AllChecklists });
    }
    jobs.push(Job { path: "tags/".into(), what: PageSource::Taxonomy { tags: true } });
    jobs.push(Job { path: "audience/".into(), what: PageSource::Taxonomy { tags: false } });
    for (index, t) in guide.tags.iter().enumerate() {
        jobs.push(Job { path: format!("tags/{}/", t.slug), what: PageSource::Term { tags: true, index } });
    }
    for (index, t) in guide.audiences.iter().enumerate() {
        jobs.push(Job { path: format!("audience/{}/", t.slug), what: PageSource::Term { tags: false, index } });
    }
    if search {
        jobs.push(Job { path: "search/".into(), what: PageSource::Search });
    }
    jobs.push(Job { path: "404.html".into(), what: PageSource::NotFound });
    jobs
}

fn out_path(site_path: &str) -> String {
    if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path.to_string()
    }
}

fn item(guide: &Guide, id: DocId) -> Item {
    let d = &guide.docs[id];
    let meta = match d.kind {
        Kind::Practice => guide.relations[id].area.map(|a| guide.docs[a].title.clone()),
        _ => None,
    };
    Item { title: d.title.clone(), url: guide.url(id), summary: d.summary.clone(), meta }
}

fn term_items(guide: &Guide, terms: &[Term], tags: bool) -> Vec<Item> {
    let base = if tags { "tags" } else { "audience" };
    terms
        .iter()
        .map(|t| Item {
            title: t.label.clone(),
            url: guide.urls.path(&format!("{base}/{}/", t.slug)),
            summary: None,
            meta: Some(format!("{} practice{}", t.docs.len(), if t.docs.len() == 1 { "" } else { "s" })),
        })
        .collect()
}

fn crumbs(guide: &Guide, list: &[(&str, &str)]) -> Vec<Crumb> {
    let mut out = vec![Crumb { title: "Home".into(), url: guide.urls.path("") }];
    out.extend(list.iter().map(|(t, p)| Crumb { title: t.to_string(), url: guide.urls.path(p) }));
    out
}

fn section_title(guide: &Guide, slug: &str, default: &str) -> String {
    guide
        .sections
        .get(slug)
        .map(|&s| guide.docs[s].title.clone())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| default.to_string())
}

fn context(guide: &Guide, job: &Job) -> (&'static str, Context) {
    let mut page =
        PageData { url: guide.urls.path(&job.path), canonical: guide.urls.absolute(&job.path), ..Default::default() };
    let mut content = String::new();
    let mut nav_current = "";
    let template = match &job.what {
        PageSource::Doc(id) => {
            let id = *id;
            let d = &guide.docs[id];
            let r = &guide.relations[id];
            page.kind = format!("{:?}", d.kind).to_lowercase();
            page.title = d.title.clone();
            page.summary = d.summary.clone();
            content = guide.rendered[id].html.clone();
            page.sources = d.source.iter().filter_map(|k| guide.config.source(k).cloned()).collect();
            page.tips = r.tips.iter().map(|&t| item(guide, t)).collect();
            page.toc = guide.rendered[id]
                .headings
                .iter()
                .filter(|h| h.level == 2)
                .map(|h| Item { title: h.text.clone(), url: format!("#{}", h.id), summary: None, meta: None })
                .collect();
            page.task_count = guide.rendered[id].tasks.len();
            page.handout_url = crate::handout::url_for(guide, id);
            match d.kind {
                Kind::Home => {
                    page.title = if d.title.is_empty() { guide.config.title.clone() } else { d.title.clone() };
                    page.groups = area_groups(guide, false);
                    page.items = guide.checklists.iter().chain(&guide.tips).map(|&t| item(guide, t)).collect();
                    "index.html"
                }
                Kind::Area => {
                    nav_current = "practices";
                    page.breadcrumbs =
                        crumbs(guide, &[(&section_title(guide, "practices", "Practices"), "practices/")]);
                    let area = guide.areas.iter().find(|a| a.doc == id);
                    page.items =
                        area.map(|a| a.practices.iter().map(|&p| item(guide, p)).collect()).unwrap_or_default();
                    "area.html"
                }
                Kind::Practice => {
                    nav_current = "practices";
                    let area = r.area.map(|a| item(guide, a));
                    let mut c = vec![(section_title(guide, "practices", "Practices"), "practices/".to_string())];
                    if let Some(a) = r.area {
                        c.push((guide.docs[a].title.clone(), guide.docs[a].path.clone()));
                    }
                    let c: Vec<(&str, &str)> = c.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
                    page.breadcrumbs = crumbs(guide, &c);
                    page.area = area;
                    page.audience = d
                        .audience
                        .iter()
                        .filter_map(|k| guide.config.audience(k))
                        .map(|a| Item {
                            title: a.label.clone(),
                            url: guide.urls.path(&format!("audience/{}/", crate::slug::slugify(&a.key))),
                            summary: None,
                            meta: None,
                        })
                        .collect();
                    page.tags = d
                        .tags
                        .iter()
                        .map(|t| Item {
                            title: t.clone(),
                            url: guide.urls.path(&format!("tags/{}/", crate::slug::slugify(t))),
                            summary: None,
                            meta: None,
                        })
                        .collect();
                    page.related = r.related.iter().map(|&p| item(guide, p)).collect();
                    page.prev = r.prev.map(|p| item(guide, p));
                    page.next = r.next.map(|p| item(guide, p));
                    "practice.html"
                }
                Kind::Tip => {
                    nav_current = "tips";
                    page.breadcrumbs = crumbs(guide, &[(&section_title(guide, "tips", "Tips"), "tips/")]);
                    page.applies_to = r.applies_to.iter().map(|&p| item(guide, p)).collect();
                    "tip.html"
                }
                Kind::Checklist => {
                    nav_current = "checklists";
                    page.breadcrumbs =
                        crumbs(guide, &[(&section_title(guide, "checklists", "Checklists"), "checklists/")]);
                    "checklist.html"
                }
                Kind::Page | Kind::Section => {
                    if d.slug == "about" {
                        nav_current = "about";
                    }
                    page.breadcrumbs = crumbs(guide, &[]);
                    "page.html"
                }
            }
        }
        PageSource::AllPractices => {
            nav_current = "practices";
            section_intro(guide, "practices", "Practices", &mut page, &mut content);
            page.breadcrumbs = crumbs(guide, &[]);
            page.groups = area_groups(guide, true);
            "practices.html"
        }
        PageSource::AllTips => {
            nav_current = "tips";
            section_intro(guide, "tips", "Tips", &mut page, &mut content);
            page.breadcrumbs = crumbs(guide, &[]);
            page.items = guide.tips.iter().map(|&t| item(guide, t)).collect();
            "tips.html"
        }
        PageSource::AllChecklists => {
            nav_current = "checklists";
            section_intro(guide, "checklists", "Checklists", &mut page, &mut content);
            page.breadcrumbs = crumbs(guide, &[]);
            page.items = guide.checklists.iter().map(|&t| item(guide, t)).collect();
            "checklists.html"
        }
        PageSource::Taxonomy { tags } => {
            page.kind = "taxonomy".into();
            page.title = if *tags { "Topics".into() } else { "Practices by audience".into() };
            page.breadcrumbs = crumbs(guide, &[]);
            page.items = term_items(guide, if *tags { &guide.tags } else { &guide.audiences }, *tags);
            "taxonomy.html"
        }
        PageSource::Term { tags, index } => {
            let t = if *tags { &guide.tags[*index] } else { &guide.audiences[*index] };
            page.kind = "term".into();
            page.title = if *tags { format!("Topic: {}", t.label) } else { format!("For {}", t.label) };
            page.breadcrumbs =
                crumbs(guide, &[if *tags { ("Topics", "tags/") } else { ("Practices by audience", "audience/") }]);
            page.items = t.docs.iter().map(|&p| item(guide, p)).collect();
            "term.html"
        }
        PageSource::Search => {
            page.kind = "search".into();
            page.title = "Search".into();
            page.breadcrumbs = crumbs(guide, &[]);
            page.filters = search_filters(guide);
            "search.html"
        }
        PageSource::NotFound => {
            page.kind = "404".into();
            page.title = "Page not found".into();
            page.groups = area_groups(guide, false);
            "404.html"
        }
    };
    let mut ctx = Context::new();
    ctx.insert("page", &page);
    ctx.insert_value("content", Value::safe_string(&content));
    ctx.insert("nav_current", nav_current);
    (template, ctx)
}

fn search_filters(guide: &Guide) -> Vec<FilterGroup> {
    let mut kinds: Vec<String> = Vec::new();
    for d in &guide.docs {
        if let Some(k) = crate::search::kind_label(d.kind)
            && !kinds.iter().any(|x| x == k)
        {
            kinds.push(k.to_string());
        }
    }
    let order = ["Practice", "Practice area", "Tip", "Checklist", "Page"];
    kinds.sort_by_key(|k| order.iter().position(|o| o == k));
    vec![
        FilterGroup {
            name: "area",
            legend: "Practice area",
            options: guide.areas.iter().map(|a| guide.docs[a.doc].title.clone()).collect(),
        },
        FilterGroup {
            name: "audience",
            legend: "Audience",
            options: guide.audiences.iter().map(|t| t.label.clone()).collect(),
        },
        FilterGroup { name: "kind", legend: "Kind of page", options: kinds },
    ]
}

fn section_intro(guide: &Guide, slug: &str, default: &str, page: &mut PageData, content: &mut String) {
    page.kind = "section".into();
    page.title = section_title(guide, slug, default);
    if let Some(&s) = guide.sections.get(slug) {
        page.summary = guide.docs[s].summary.clone();
        *content = guide.rendered[s].html.clone();
    }
}

fn area_groups(guide: &Guide, with_practices: bool) -> Vec<Group> {
    guide
        .areas
        .iter()
        .map(|a| Group {
            title: guide.docs[a.doc].title.clone(),
            url: guide.url(a.doc),
            summary: guide.docs[a.doc].summary.clone(),
            items: if with_practices { a.practices.iter().map(|&p| item(guide, p)).collect() } else { Vec::new() },
        })
        .collect()
}

fn sitemap(guide: &Guide, jobs: &[Job]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for j in jobs {
        if matches!(j.what, PageSource::NotFound | PageSource::Search) {
            continue;
        }
        s.push_str("  <url><loc>");
        s.push_str(&xml_escape(&guide.urls.absolute(&j.path)));
        s.push_str("</loc></url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
