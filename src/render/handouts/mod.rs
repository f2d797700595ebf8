//! Printable handouts: one practice, one area, a checklist worksheet, the
//! named bundles of guide.yaml, and the list of them all.
//!
//! Handouts are pages of the site like any other (same header, landmarks and
//! quality checks), laid out as sheets of paper (see [`sheet`]). Their paper
//! size and page footer come from the theme's handouts/paper.css template.

mod part;
pub mod qr;
pub mod sheet;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::guide::address::output_file;
use crate::guide::pages::{self, Handout, HandoutKind};
use crate::guide::{DocId, Guide, Kind, Texts};
use crate::load::config::Paper;
use crate::render::markdown::Rendered;
use crate::render::pages::{Crumb, View};
use crate::render::plan::{Output, Selection};
use crate::render::sink::{OutFile, Sink, render_jobs};
use crate::render::templates::Templates;
use qr::{Qr, QrCodes};
use sheet::{Line, Part, Printed, Sheet};

/// The file a printed handout is written to, beside its page.
pub const PDF_NAME: &str = "handout.pdf";

#[derive(Serialize)]
struct Cover {
    /// Above the title: the guide's title on a bundle, what the handout is on the complete guide.
    eyebrow: String,
    title: String,
    subtitle: Option<String>,
    event: Option<String>,
    date: Option<String>,
    guide_title: String,
    /// Who publishes the guide, its edition, and the last day a page of it
    /// was reviewed or changed: the foot of the cover.
    publisher: Option<String>,
    edition: Option<String>,
    updated: Option<crate::render::updates::Dated>,
    /// On a bundle: the documents its parts come from, as an event's title
    /// alone does not say.
    sources: Vec<crate::load::config::Source>,
    web_address: String,
    web_url: String,
    qr: Option<std::sync::Arc<Qr>>,
}

impl Cover {
    /// A cover that leads back to the guide's home page in this edition, by its address and QR code.
    fn new(view: &View, qr: &QrCodes, title: String, subtitle: Option<String>) -> Cover {
        let guide = view.guide;
        let home = view.edition().routes.home();
        let web_address = guide.addresses.absolute(&home);
        Cover {
            eyebrow: view.guide_title(),
            title,
            subtitle,
            event: None,
            date: None,
            guide_title: view.guide_title(),
            publisher: view.guide_publisher(),
            edition: view.guide_edition(),
            updated: crate::render::updates::guide_updated(view),
            sources: Vec::new(),
            qr: if guide.addresses.has_host() { qr.code(&web_address) } else { None },
            web_address,
            web_url: view.href(&home),
        }
    }
}

#[derive(Serialize, Default)]
struct HandoutData {
    kind: &'static str,
    /// practice | area | checklist | bundle | complete | index
    handout: &'static str,
    title: String,
    summary: Option<String>,
    url: String,
    canonical: Option<String>,
    breadcrumbs: Vec<Crumb>,
    /// The web page this handout prints, to go back to.
    web_url: Option<String>,
    paper: &'static str,
    paper_label: String,
    paper_css: String,
    /// The printed PDF of this handout, when the build prints them.
    pdf: Option<String>,
    cover: Option<Cover>,
    contents: Vec<Line>,
    /// The parts, each rendered by partials/handout-part.html: see [`render_page`].
    #[serde(skip)]
    parts: Vec<Part>,
    #[serde(rename = "parts")]
    parts_marker: &'static str,
    /// On the list of handouts: the complete guide's handout, when the guide has one.
    complete: Option<Line>,
    bundles: Vec<Line>,
    areas: Vec<Line>,
    checklists: Vec<Line>,
    qr_missing: bool,
}

/// What changes how handouts are rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The build prints every handout to PDF: link the PDFs.
    pub pdf: bool,
}

/// The handout pages of every edition that `only` selects, and the paper stylesheets.
#[allow(clippy::too_many_arguments)]
pub fn render(
    guide: &Guide,
    texts: &Texts,
    templates: &Templates,
    opts: Options,
    only: &Selection,
    markdown: &Rendered,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) {
    let jobs: Vec<Handout> = guide
        .editions
        .iter()
        .flat_map(|e| pages::handouts(guide, e))
        .filter(|p| only.wants(guide, Output::Handout(p)))
        .collect();
    render_some(guide, texts, templates, opts, &jobs, &QrCodes::default(), markdown, sink, diags);
    if only.wants(guide, Output::PaperCss) {
        for (n, e) in guide.editions.iter().enumerate() {
            paper_css(templates, &e.routes, n, sink, diags);
        }
    }
}

/// The @page rules of each paper size, with the guide's title (in the edition's language).
fn paper_css(
    templates: &Templates,
    routes: &crate::guide::Routes,
    edition: usize,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) {
    for paper in [Paper::Letter, Paper::A4] {
        let path = routes.paper_css(paper.name());
        let mut ctx = templates.context(&path, edition);
        ctx.insert("paper", paper.name());
        match templates.render("handouts/paper.css", &ctx, &format!("/{path}")) {
            Ok(css) => {
                if let Err(d) = sink.put(OutFile { path, bytes: css.into_bytes() }) {
                    diags.push(d);
                }
            }
            Err(d) => diags.push(d),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn render_some(
    guide: &Guide,
    texts: &Texts,
    templates: &Templates,
    opts: Options,
    jobs: &[Handout],
    qr: &QrCodes,
    markdown: &Rendered,
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) {
    let printed = Printed::new(templates);
    render_jobs(jobs, sink, diags, |job, sink| {
        let view = View { guide, texts, templates, edition: job.edition, from: &job.path, markdown };
        render_page(&view, opts, job, qr, &printed, sink)
    });
}

fn render_page(
    view: &View,
    opts: Options,
    job: &Handout,
    qr: &QrCodes,
    printed: &Printed,
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    let templates = view.templates;
    let (template, mut page) = page_data(view, opts, job, qr);
    let page_name = format!("/{}", job.path);
    // Parts render on their own, side by side (the complete guide has one per
    // document), and are put in the page where it names them; the page's data
    // stays small.
    let parts = std::mem::take(&mut page.parts);
    let pieces: Vec<part::Piece> = parts
        .into_par_iter()
        .map(|p| part::render(view, templates, qr, printed, p, &page_name))
        .collect::<Result<_, _>>()?;
    let marker = parts_marker();
    page.parts_marker = marker;
    let mut ctx = templates.context(&job.path, job.edition);
    ctx.insert("page", &page);
    ctx.insert("nav_current", "");
    let html = templates.render(template, &ctx, &page_name)?;
    let (head, tail) = html.split_once(marker).unwrap_or((&html, ""));
    // Placed parts are put on the page as it is written, not held whole: at
    // 10,000 practices the complete guide is 120 MB.
    let size = html.len() + pieces.iter().map(part::Piece::size).sum::<usize>();
    let mut placed = String::new();
    sink.put_streamed(output_file(&job.path), size, &mut |out| {
        out.write_all(head.as_bytes())?;
        for piece in &pieces {
            piece.write_to(&mut placed, out)?;
        }
        out.write_all(tail.as_bytes())
    })
}

/// Stands for the parts in the rendered page. Unguessable: a title may hold
/// any text, control characters too (`"\x01"` in YAML).
fn parts_marker() -> &'static str {
    static MARKER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    MARKER.get_or_init(|| {
        use std::hash::{BuildHasher, RandomState};
        format!("\u{1}practica-parts-{:016x}\u{1}", RandomState::new().hash_one(std::process::id()))
    })
}

/// `2020-03-25` → `March 25, 2020` in the words of the theme; anything else stays as written.
pub fn display_date(s: &str, strings: &crate::render::templates::Strings) -> String {
    let parts: Vec<&str> = s.trim().split('-').collect();
    if let [y, m, d] = parts.as_slice()
        && y.len() == 4
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>())
        && (1..=12).contains(&m)
        && (1..=31).contains(&d)
    {
        return strings.date(y, m, d);
    }
    s.to_string()
}

fn page_data(view: &View, opts: Options, job: &Handout, qr: &QrCodes) -> (&'static str, HandoutData) {
    let guide = view.guide;
    let routes = &view.edition().routes;
    let strings = view.strings();
    let pdf_of = |path: &str| opts.pdf.then(|| view.href(&format!("{path}{PDF_NAME}")));
    let mut page = HandoutData {
        kind: "handout",
        url: view.href(&job.path),
        canonical: guide.addresses.canonical(&job.path),
        pdf: pdf_of(&job.path),
        qr_missing: !guide.addresses.has_host(),
        ..Default::default()
    };
    let mut crumbs = vec![Crumb { title: strings.get("home"), url: view.href(&routes.home()) }];
    let mut paper = guide.config.paper;
    let mut sheet = Sheet::new(view);
    // A handout in this edition's language, or the guide's own when it has no translation.
    let index_line = |sheet: &Sheet, id: DocId| {
        let edition = if view.foreign(id) { guide.default_edition() } else { view.edition() };
        let path = edition.routes.handout(&guide.docs[view.shown(id)]).unwrap_or_default();
        let mut l = sheet.line(id, view.href(&path));
        l.pdf = pdf_of(&path);
        l
    };
    let bundle_text = |name: &str| view.edition().text.handouts.get(name).cloned().unwrap_or_default();
    match job.kind {
        HandoutKind::Index => {
            page.kind = "handouts";
            page.handout = "index";
            page.title = strings.get("handouts");
            page.summary = Some(strings.get("handouts_summary"));
            page.complete = pages::has_complete(guide).then(|| complete_line(view, pdf_of(&routes.complete())));
            page.bundles = guide
                .config
                .handouts
                .iter()
                .map(|b| {
                    let path = routes.bundle(&b.name);
                    let t = bundle_text(&b.name);
                    let event = t.event.or_else(|| b.event.clone());
                    let meta = [event, b.date.as_deref().map(|d| display_date(d, strings))]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", ");
                    Line {
                        title: t.title.unwrap_or_else(|| b.title.clone()),
                        url: view.href(&path),
                        pdf: pdf_of(&path),
                        summary: t.subtitle.or_else(|| b.subtitle.clone()),
                        lang: None,
                        meta: (!meta.is_empty()).then_some(meta),
                        children: vec![],
                    }
                })
                .collect();
            page.areas = guide
                .areas
                .iter()
                .map(|a| {
                    let mut l = index_line(&sheet, a.doc);
                    l.children = a.practices.iter().map(|&p| index_line(&sheet, p)).collect();
                    l.meta = Some(strings.format("practice_count", Some(l.children.len() as i64), &[]));
                    l
                })
                .collect();
            page.checklists = guide.checklists.iter().map(|&c| index_line(&sheet, c)).collect();
            page.breadcrumbs = crumbs;
            return ("handouts.html", page);
        }
        HandoutKind::Practice(id) => {
            page.handout = "practice";
            sheet.practice(id, 1);
            page.web_url = Some(view.doc_url(id));
        }
        HandoutKind::Area(n) => {
            page.handout = "area";
            sheet.area(n, 1);
            page.web_url = Some(view.doc_url(guide.areas[n].doc));
        }
        HandoutKind::Checklist(id) => {
            page.handout = "checklist";
            sheet.worksheet(id, 1);
            page.web_url = Some(view.doc_url(id));
        }
        HandoutKind::Bundle(n) => {
            let b = &guide.config.handouts[n];
            let t = bundle_text(&b.name);
            page.handout = "bundle";
            sheet.cover = true;
            paper = b.paper;
            page.title = t.title.unwrap_or_else(|| b.title.clone());
            page.summary = t.subtitle.or_else(|| b.subtitle.clone());
            let mut cover = Cover::new(view, qr, page.title.clone(), page.summary.clone());
            cover.event = t.event.or_else(|| b.event.clone());
            cover.date = b.date.as_deref().map(|d| display_date(d, strings));
            page.cover = Some(cover);
            for inc in &b.include {
                let Some(id) = guide.find(&inc.path) else { continue };
                let first = sheet.parts.len();
                let anchor = match guide.docs[id].kind {
                    Kind::Area => match guide.area_of_doc(id) {
                        Some(a) => {
                            sheet.area(a, 2);
                            sheet.parts[first].id.clone()
                        }
                        None => continue,
                    },
                    Kind::Practice => sheet.practice(id, 2),
                    Kind::Checklist => sheet.worksheet(id, 2),
                    _ => sheet.text(id, 2),
                };
                let count = sheet.parts.len() - first - 1;
                let mut l = sheet.line(id, format!("#{anchor}"));
                l.summary = None;
                l.meta = match guide.docs[id].kind {
                    Kind::Area => Some(strings.format("practice_count", Some(count as i64), &[])),
                    Kind::Checklist => Some(strings.get("contents_worksheet")),
                    Kind::Tip => Some(strings.get("contents_tip")),
                    _ => None,
                };
                page.contents.push(l);
            }
            if let Some(cover) = &mut page.cover {
                cover.sources = parts_sources(&sheet.parts);
            }
        }
        HandoutKind::Complete => complete(view, qr, &mut sheet, &mut page),
    }
    page.paper = paper.name();
    page.paper_label = strings.get(&format!("paper_{}", paper.name())).to_string();
    page.paper_css = view.href(&routes.paper_css(paper.name()));
    if let Some(first) = sheet.parts.first()
        && page.title.is_empty()
    {
        page.title = first.title.clone();
        page.summary = first.summary.clone();
    }
    crumbs.push(Crumb { title: strings.get("handouts"), url: view.href(&routes.handouts()) });
    page.breadcrumbs = crumbs;
    page.parts = sheet.parts;
    ("handout.html", page)
}

/// The whole guide: a cover and contents, then every area with its practices
/// in reading order, the tips, and the checklists as worksheets.
fn complete(view: &View, qr: &QrCodes, sheet: &mut Sheet, page: &mut HandoutData) {
    let guide = view.guide;
    let strings = view.strings();
    page.handout = "complete";
    page.title = strings.get("complete_guide");
    page.summary = Some(view.guide_description()).filter(|d| !d.trim().is_empty());
    page.web_url = Some(view.href(&view.edition().routes.home()));
    let mut cover = Cover::new(view, qr, view.guide_title(), page.summary.clone());
    cover.eyebrow = page.title.clone();
    page.cover = Some(cover);
    sheet.cover = true;
    for (n, area) in guide.areas.iter().enumerate() {
        let first = sheet.parts.len();
        sheet.area(n, 2);
        let part = &sheet.parts[first];
        let mut l = sheet.line(area.doc, format!("#{}", part.id));
        l.summary = None;
        l.meta = Some(strings.format("practice_count", Some(part.items.len() as i64), &[]));
        l.children = part.items.iter().map(|it| Line { summary: None, ..it.clone() }).collect();
        page.contents.push(l);
    }
    for &id in &guide.tips {
        let anchor = sheet.text(id, 2);
        page.contents.push(contents_line(sheet, id, &anchor, strings.get("contents_tip")));
    }
    for &id in &guide.checklists {
        let anchor = sheet.worksheet(id, 2);
        page.contents.push(contents_line(sheet, id, &anchor, strings.get("contents_worksheet")));
    }
}

/// The sources of a sheet's parts, each once, in the order they come.
fn parts_sources(parts: &[Part]) -> Vec<crate::load::config::Source> {
    let mut out: Vec<crate::load::config::Source> = Vec::new();
    for s in parts.iter().flat_map(|p| &p.sources) {
        if !out.iter().any(|o| o.key == s.key) {
            out.push(s.clone());
        }
    }
    out
}

/// A line of the contents, linking to a part on the sheet.
fn contents_line(sheet: &Sheet, id: DocId, anchor: &str, meta: String) -> Line {
    let mut l = sheet.line(id, format!("#{anchor}"));
    l.summary = None;
    l.meta = Some(meta);
    l
}

/// The complete guide on the list of handouts.
fn complete_line(view: &View, pdf: Option<String>) -> Line {
    Line {
        title: view.guide_title(),
        url: view.href(&view.edition().routes.complete()),
        summary: Some(view.strings().get("complete_guide_line")),
        meta: None,
        pdf,
        lang: None,
        children: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Keep;
    use crate::testing::{GUIDE_YAML, area, practice, site, templates};

    const ALL: &Selection = &Selection::All;

    #[test]
    fn an_area_handout_numbers_its_parts_and_prints_the_paper_rules() {
        let s = site(
            GUIDE_YAML,
            &[
                ("practices/hiring/_index.md", &area("Hiring")),
                ("practices/hiring/a.md", &practice("Ay", "", "## Why\n\n- [ ] In place\n")),
                ("practices/hiring/b.md", &practice("Bee", "", "## Why\n")),
            ],
        );
        let t = templates(&s);
        let kept = Keep::default();
        let mut diags = Diagnostics::new();
        render(&s.guide, &s.texts, &t, Options { pdf: true }, ALL, &Rendered::default(), &kept, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let files = kept.into_files();
        let file = |p: &str| String::from_utf8(files.iter().find(|f| f.path == p).unwrap().bytes.clone()).unwrap();
        let area = file("handouts/hiring/index.html");
        assert!(area.contains("<h3 id=\"p2-why\">") && area.contains("<h3 id=\"p3-why\">"), "{area}");
        assert!(area.contains("<a href=\"#p2-top\">Ay</a>"), "contents link to the part: {area}");
        assert!(area.contains("aria-label=\"QR code for https://example.org/g/practices/hiring/a/\""), "{area}");
        assert!(area.contains("<a class=\"pdf-link\" href=\"/g/handouts/hiring/handout.pdf\">PDF</a>"), "{area}");
        let css = file("handouts/paper-a4.css");
        assert!(css.contains("size: A4;") && css.contains("content: \"Test Guide\""), "{css}");
    }

    fn rendered(files: &[(&str, &str)]) -> Vec<OutFile> {
        let s = site(GUIDE_YAML, files);
        let kept = Keep::default();
        let mut diags = Diagnostics::new();
        render(&s.guide, &s.texts, &templates(&s), Options::default(), ALL, &Rendered::default(), &kept, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        kept.into_files()
    }

    fn text(files: &[OutFile], path: &str) -> Option<String> {
        files.iter().find(|f| f.path == path).map(|f| String::from_utf8(f.bytes.clone()).unwrap())
    }

    #[test]
    fn the_complete_guide_lists_each_area_with_links_to_its_practices_on_the_sheet() {
        let files = rendered(&[
            ("practices/hiring/_index.md", &area("Hiring")),
            ("practices/hiring/a.md", &practice("Ay", "", "Text.\n")),
            ("practices/hiring/b.md", &practice("Bee", "", "Text.\n")),
            ("practices/support/_index.md", &area("Support")),
            ("practices/support/c.md", &practice("Sea", "", "Text.\n")),
            ("checklists/check.md", "---\ntitle: Check\nsummary: What is in place.\n---\n- [ ] One\n"),
        ]);
        let html = text(&files, "handouts/complete/index.html").expect("the complete guide");
        // Parts: 1 Hiring, 2 Ay, 3 Bee, 4 Support, 5 Sea, 6 Check.
        for want in [
            "<a href=\"#p1-top\">Hiring</a> <span class=\"contents-meta\">(2 practices)</span></span><span class=\"contents-page\" data-page-for=\"p1-top\"></span>",
            "<ol class=\"contents-children\"><li><span class=\"contents-line\"><span class=\"contents-entry\"><a href=\"#p2-top\">Ay</a></span><span class=\"contents-page\" data-page-for=\"p2-top\"></span></span></li><li>",
            "<a href=\"#p3-top\">Bee</a></span><span class=\"contents-page\" data-page-for=\"p3-top\"></span>",
            "<a href=\"#p4-top\">Support</a>",
            "<a href=\"#p5-top\">Sea</a></span><span class=\"contents-page\" data-page-for=\"p5-top\"></span>",
            "<a href=\"#p6-top\">Check</a> <span class=\"contents-meta\">(worksheet)</span></span><span class=\"contents-page\" data-page-for=\"p6-top\"></span>",
            "<h2 id=\"p6-top\" class=\"part-title\">Check</h2>",
        ] {
            assert!(html.contains(want), "`{want}` missing from {html}");
        }
        let index = text(&files, "handouts/index.html").unwrap();
        assert!(index.contains("<a href=\"/g/handouts/complete/\">Test Guide</a>"), "{index}");
    }

    #[test]
    fn a_guide_of_plain_pages_has_no_complete_guide_to_print() {
        let files = rendered(&[("about.md", "---\ntitle: About\n---\nAbout us.\n")]);
        assert!(text(&files, "handouts/complete/index.html").is_none());
        let index = text(&files, "handouts/index.html").unwrap();
        assert!(!index.contains("complete-heading"), "{index}");
    }

    #[test]
    fn a_title_that_looks_like_the_parts_marker_stays_a_title() {
        let title = "\"Ay \\x01practica-parts\\x01 Bee\"";
        let files = rendered(&[
            ("practices/hiring/_index.md", &area("Hiring")),
            ("practices/hiring/a.md", &format!("---\ntitle: {title}\n---\n## Why\n\nText.\n")),
        ]);
        let html = text(&files, "handouts/hiring/a/index.html").unwrap();
        assert_eq!(html.matches("<h2 id=\"p1-why\">").count(), 1, "the part is on the page once: {html}");
        assert!(html.contains("<title>"), "{html}");
        let head = &html[..html.find("</title>").unwrap()];
        assert!(!head.contains("part-title"), "nothing spliced into the title: {head}");
    }

    #[test]
    fn dates_read_like_dates() {
        let mut m = std::collections::BTreeMap::new();
        m.insert("month_3".to_string(), "March".to_string());
        m.insert("date".to_string(), "{month} {day}, {year}".to_string());
        let strings = crate::render::templates::Strings::new("en", m);
        assert_eq!(display_date("2020-03-25", &strings), "March 25, 2020");
        assert_eq!(display_date("Spring 2026", &strings), "Spring 2026");
    }
}
