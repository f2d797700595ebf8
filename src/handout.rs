//! Printable handouts: one practice, one area, a checklist worksheet, and the
//! named bundles of guide.yaml.
//!
//! Handouts are pages of the site like any other (same header, landmarks and
//! quality checks), laid out as sheets of paper. Each document's HTML is the
//! one `resolve` already rendered, adjusted for its place on the sheet: ids get
//! a prefix per part (a bundle holds many documents on one page), headings move
//! down under the part's title, and task-list checkboxes become empty boxes to
//! tick with a pen.
//!
//! `print_pdfs` prints the written pages to PDF with headless Chromium, serving
//! the staging folder over loopback HTTP because every link on a page is
//! root-relative to the base path.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use serde::Serialize;
use tera::Context;

use crate::config::{Paper, Source};
use crate::content::Kind;
use crate::diagnostic::{Code, Diagnostic, nearest};
use crate::output::safe_join;
use crate::render::{Keep, OutFile, Sink, Templates, render_jobs};
use crate::resolve::{DocId, Guide};
use crate::slug::slugify;

/// Chromiums printing at once: each takes a core, and the machines have two.
const PARALLEL_PRINTS: usize = 2;
/// One page never takes this long; a hung browser must not hang the build.
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);
const PDF_NAME: &str = "handout.pdf";
/// Left in handout pages where a link to the PDF goes; `print_pdfs` fills it in.
const PDF_MARK: &str = "<!--practica-pdf:";

/// Area slugs that would share an address with the checklists' or bundles' handouts.
const RESERVED_AREAS: &[&str] = &["checklists", "bundles"];

// ---------------------------------------------------------------- checks

/// Bundles that name parts which do not exist, as diagnostics on guide.yaml;
/// also the one warning that handouts go without QR codes.
pub fn check_bundles(guide: &Guide) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let file = &guide.config.file;
    let known: Vec<String> = guide.content_paths().filter_map(include_name).collect();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    let mut names: HashSet<&str> = HashSet::new();
    for b in &guide.config.handouts {
        if !b.name.is_empty() {
            if !names.insert(b.name.as_str()) {
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateUrl,
                        file,
                        b.line,
                        format!("two handout bundles are named `{}`", b.name),
                    )
                    .with_help("give each bundle its own name: it becomes its address /handouts/bundles/<name>/"),
                );
            }
            let slug = slugify(&b.name);
            if slug != b.name {
                diags.push(
                    Diagnostic::error(
                        Code::ConfigValue,
                        file,
                        b.line,
                        format!("the bundle name `{}` cannot be used in a web address", b.name),
                    )
                    .with_help(format!("use lower-case letters, digits and hyphens: name: {slug}")),
                );
            }
        }
        if b.include.is_empty() {
            diags.push(
                Diagnostic::error(Code::ConfigValue, file, b.line, format!("the bundle `{}` includes nothing", b.name))
                    .with_help("list what it holds under include:, e.g. - practices/<area> or - checklists/<name>"),
            );
        }
        for inc in &b.include {
            if guide.find(&inc.path).is_some_and(|id| !matches!(guide.docs[id].kind, Kind::Home)) {
                continue;
            }
            let wanted = inc.path.trim().trim_start_matches("@/").trim_matches('/').trim_end_matches(".md");
            let help = match nearest(wanted, known.iter().copied()) {
                Some(n) => format!("did you mean `{n}`?"),
                None => "write an area as practices/<area>, a practice as practices/<area>/<practice>, \
                         a tip as tips/<tip>, a checklist as checklists/<checklist>, a page by its file name"
                    .to_string(),
            };
            diags.push(
                Diagnostic::error(
                    Code::UnknownReference,
                    file,
                    inc.line,
                    format!("the handout bundle `{}` includes `{}`, which is not in content/", b.name, inc.path),
                )
                .with_help(help),
            );
        }
    }
    for a in &guide.areas {
        let d = &guide.docs[a.doc];
        if RESERVED_AREAS.contains(&d.slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateUrl,
                    &d.file,
                    1,
                    format!("an area cannot be called `{}`: its handouts would share /handouts/{}/", d.slug, d.slug),
                )
                .with_help(format!("rename the folder content/practices/{}/", d.slug)),
            );
        }
    }
    let has_handouts = !guide.practices.is_empty() || !guide.config.handouts.is_empty();
    if has_handouts && !guide.urls.has_host() {
        diags.push(
            Diagnostic::warning(
                Code::ConfigValue,
                file,
                0,
                "handouts are printed without QR codes, because base_url has no host",
            )
            .with_help(
                "set base_url to the address where the guide is published, e.g. base_url: https://guide.example.org/ \
                 (or pass --base-url)",
            ),
        );
    }
    diags
}

/// How a content path is written in a bundle's include list.
fn include_name(content_path: &str) -> Option<String> {
    let p = content_path.strip_suffix(".md")?;
    let p = p.strip_suffix("/_index").or_else(|| p.strip_suffix("_index")).unwrap_or(p);
    (!p.is_empty()).then(|| p.to_string())
}

// ---------------------------------------------------------------- addresses

/// The site path of a doc's handout (`handouts/<area>/<practice>/`), for practices, areas and checklists.
fn handout_path(guide: &Guide, id: DocId) -> Option<String> {
    let d = &guide.docs[id];
    match d.kind {
        Kind::Practice => Some(format!("handouts/{}/{}/", d.area.as_deref()?, d.slug)),
        Kind::Area => Some(format!("handouts/{}/", d.slug)),
        Kind::Checklist => Some(format!("handouts/checklists/{}/", d.slug)),
        _ => None,
    }
}

fn bundle_path(name: &str) -> String {
    format!("handouts/bundles/{name}/")
}

/// The handout page of a practice, area or checklist.
pub fn url_for(guide: &Guide, id: DocId) -> Option<String> {
    handout_path(guide, id).map(|p| guide.urls.path(&p))
}

/// Every handout's site path, bundles first: they matter most when printing runs long.
/// The addresses of every handout page but the index.
pub(crate) fn all_paths(guide: &Guide) -> Vec<String> {
    let mut out: Vec<String> = guide.config.handouts.iter().map(|b| bundle_path(&b.name)).collect();
    out.extend(guide.areas.iter().filter_map(|a| handout_path(guide, a.doc)));
    out.extend(guide.checklists.iter().filter_map(|&c| handout_path(guide, c)));
    out.extend(guide.practices.iter().filter_map(|&p| handout_path(guide, p)));
    out
}

// ---------------------------------------------------------------- page data

#[derive(Serialize)]
struct Crumb {
    title: String,
    url: String,
}

#[derive(Serialize)]
struct Line {
    title: String,
    url: String,
    summary: Option<String>,
    meta: Option<String>,
    /// Where a link to the printed PDF goes, for `print_pdfs`.
    pdf: String,
    children: Vec<Line>,
}

#[derive(Serialize)]
struct WorkItem {
    html: String,
}

#[derive(Serialize)]
struct WorkGroup {
    title: Option<String>,
    id: String,
    items: Vec<WorkItem>,
}

/// One document on a sheet.
#[derive(Serialize, Default)]
struct Part {
    /// practice | area | worksheet | text
    kind: &'static str,
    id: String,
    /// Level of the part's title; its own headings come below it.
    level: u8,
    title: String,
    summary: Option<String>,
    eyebrow: Option<String>,
    html: String,
    audience: Vec<String>,
    tips: Vec<Line>,
    sources: Vec<Source>,
    /// The web page, root-relative, for the link.
    web_url: String,
    /// The web page as printed: absolute when base_url has a host.
    web_address: String,
    qr: Option<String>,
    groups: Vec<WorkGroup>,
    /// An area's practices, linking to their place on this sheet.
    items: Vec<Line>,
    new_page: bool,
}

#[derive(Serialize)]
struct Cover {
    subtitle: Option<String>,
    event: Option<String>,
    date: Option<String>,
    guide_title: String,
    web_address: String,
    web_url: String,
    qr: Option<String>,
}

#[derive(Serialize, Default)]
struct PageData {
    kind: &'static str,
    /// practice | area | checklist | bundle | index
    handout: &'static str,
    title: String,
    summary: Option<String>,
    url: String,
    canonical: String,
    breadcrumbs: Vec<Crumb>,
    /// The web page this handout prints, to go back to.
    web_url: Option<String>,
    paper: &'static str,
    paper_label: &'static str,
    paper_css: String,
    css_url: String,
    js_url: String,
    pdf: String,
    cover: Option<Cover>,
    contents: Vec<Line>,
    parts: Vec<Part>,
    bundles: Vec<Line>,
    areas: Vec<Line>,
    checklists: Vec<Line>,
    qr_missing: bool,
}

fn paper_names(p: Paper) -> (&'static str, &'static str) {
    match p {
        Paper::Letter => ("letter", "Letter"),
        Paper::A4 => ("a4", "A4"),
    }
}

fn pdf_mark(url: &str) -> String {
    format!("{PDF_MARK}{url}-->")
}

/// Builds the parts of one sheet, numbering them so ids stay unique on the page.
struct Sheet<'g> {
    guide: &'g Guide,
    qr: &'g QrCodes,
    parts: Vec<Part>,
    /// The sheet opens with a cover, so even its first part starts a page.
    cover: bool,
}

impl<'g> Sheet<'g> {
    fn new(guide: &'g Guide, qr: &'g QrCodes) -> Self {
        Sheet { guide, qr, parts: Vec::new(), cover: false }
    }

    fn next_prefix(&self) -> String {
        format!("p{}-", self.parts.len() + 1)
    }

    fn base(&self, id: DocId, kind: &'static str, level: u8) -> Part {
        let g = self.guide;
        let d = &g.docs[id];
        let prefix = self.next_prefix();
        Part {
            kind,
            id: format!("{prefix}top"),
            level,
            title: d.title.clone(),
            summary: d.summary.clone(),
            sources: d.source.iter().filter_map(|k| g.config.source(k).cloned()).collect(),
            web_url: g.url(id),
            web_address: g.urls.absolute(&d.path),
            new_page: self.cover || !self.parts.is_empty(),
            ..Default::default()
        }
    }

    fn practice(&mut self, id: DocId, level: u8) -> String {
        let g = self.guide;
        let d = &g.docs[id];
        let mut part = self.base(id, "practice", level);
        part.html = sheet_html(&g.rendered[id].html, &self.next_prefix(), level - 1);
        part.eyebrow = g.relations[id].area.map(|a| g.docs[a].title.clone());
        part.audience = d.audience.iter().filter_map(|k| g.config.audience(k)).map(|a| a.label.clone()).collect();
        part.tips = g.relations[id].tips.iter().map(|&t| line(g, t, g.url(t))).collect();
        part.qr = g.urls.has_host().then(|| self.qr.svg(&part.web_address).to_string());
        self.push(part)
    }

    fn area(&mut self, area: usize, level: u8) {
        let g = self.guide;
        let a = &g.areas[area];
        let mut part = self.base(a.doc, "area", level);
        part.html = sheet_html(&g.rendered[a.doc].html, &self.next_prefix(), level - 1);
        part.tips = g.relations[a.doc].tips.iter().map(|&t| line(g, t, g.url(t))).collect();
        // The practices follow as parts of their own, numbered after this one.
        let first = self.parts.len() + 2;
        part.items = a.practices.iter().enumerate().map(|(n, &p)| line(g, p, format!("#p{}-top", first + n))).collect();
        self.push(part);
        for &p in &a.practices {
            self.practice(p, level + 1);
        }
    }

    fn worksheet(&mut self, id: DocId, level: u8) -> String {
        let g = self.guide;
        let mut part = self.base(id, "worksheet", level);
        let prefix = self.next_prefix();
        let mut groups: Vec<WorkGroup> = Vec::new();
        for t in &g.rendered[id].tasks {
            if groups.last().is_none_or(|last| last.title != t.group) {
                let id = format!("{prefix}g{}", groups.len() + 1);
                groups.push(WorkGroup { title: t.group.clone(), id, items: Vec::new() });
            }
            let html = prefix_ids(&t.html, &prefix);
            groups.last_mut().expect("a group was just pushed").items.push(WorkItem { html });
        }
        part.groups = groups;
        self.push(part)
    }

    fn text(&mut self, id: DocId, level: u8) -> String {
        let g = self.guide;
        let mut part = self.base(id, "text", level);
        part.html = sheet_html(&g.rendered[id].html, &self.next_prefix(), level - 1);
        // Short texts share a page; only the first after other kinds of part starts one.
        part.new_page = self.parts.last().map_or(self.cover, |p| p.kind != "text");
        part.eyebrow = match g.docs[id].kind {
            Kind::Tip => Some("Tip".into()),
            _ => None,
        };
        self.push(part)
    }

    fn push(&mut self, part: Part) -> String {
        let id = part.id.clone();
        self.parts.push(part);
        id
    }
}

fn line(guide: &Guide, id: DocId, url: String) -> Line {
    let d = &guide.docs[id];
    Line { title: d.title.clone(), url, summary: d.summary.clone(), meta: None, pdf: String::new(), children: vec![] }
}

/// A doc's rendered HTML as it sits on a sheet: task boxes for pen, ids
/// prefixed, headings `shift` levels down.
fn sheet_html(html: &str, prefix: &str, shift: u8) -> String {
    shift_headings(&prefix_ids(&boxes_for_pen(html), prefix), shift)
}

/// Checkboxes on paper are ticked with a pen: an empty box beside the text.
fn boxes_for_pen(html: &str) -> String {
    const INPUT: &str = "<input type=\"checkbox\" class=\"task-box\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(INPUT) {
        let after = &rest[start..];
        let Some(label_open) = after.find("<label for=\"").and_then(|l| after[l..].find('>').map(|e| l + e + 1)) else {
            break;
        };
        let Some(label_close) = after[label_open..].find("</label>") else { break };
        out.push_str(&rest[..start]);
        out.push_str("<span class=\"box\" aria-hidden=\"true\"></span><span class=\"box-text\">");
        out.push_str(&after[label_open..label_open + label_close]);
        out.push_str("</span>");
        rest = &after[label_open + label_close + "</label>".len()..];
    }
    out.push_str(rest);
    out
}

/// Gives every id, and every link to an id on the same page, a prefix.
fn prefix_ids(html: &str, prefix: &str) -> String {
    const MARKS: [&str; 3] = [" id=\"", "href=\"#", " for=\""];
    let mut out = String::with_capacity(html.len() + 64);
    // The next place of each mark at or after `pos`, searched again only once
    // passed: searching the rest of a large page for every id was quadratic.
    let mut next = MARKS.map(|m| html.find(m));
    let mut pos = 0;
    while let Some((k, at)) = next.iter().enumerate().filter_map(|(k, a)| a.map(|a| (k, a))).min_by_key(|(_, a)| *a) {
        let cut = at + MARKS[k].len();
        out.push_str(&html[pos..cut]);
        pos = cut;
        if !html[pos..].starts_with('"') {
            out.push_str(prefix);
        }
        for (n, m) in MARKS.iter().enumerate() {
            if next[n].is_some_and(|a| a < pos) {
                next[n] = html[pos..].find(m).map(|i| i + pos);
            }
        }
    }
    out.push_str(&html[pos..]);
    out
}

/// `<h2>` becomes `<h{2+shift}>`, at most `<h6>`, in one pass: an area
/// handout shifts the headings of every practice in the area.
fn shift_headings(html: &str, shift: u8) -> String {
    if shift == 0 {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let tag = &rest.as_bytes()[at..];
        // `<hN>`, `<hN ` or `</hN>` with N in 1..=6; `digit` is where N sits.
        let (digit, closing) = if tag.starts_with(b"</h") {
            (3, true)
        } else if tag.starts_with(b"<h") {
            (2, false)
        } else {
            (0, false)
        };
        let level = tag.get(digit).copied().filter(|b| digit > 0 && (b'1'..=b'6').contains(b));
        let after = tag.get(digit + 1).copied();
        match level {
            Some(d) if after == Some(b'>') || (!closing && after == Some(b' ')) => {
                out.push_str(&rest[..at + digit]);
                out.push(char::from(b'0' + (d - b'0' + shift).min(6)));
                rest = &rest[at + digit + 1..];
            }
            _ => {
                out.push_str(&rest[..=at]);
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A QR code as inline SVG: dark modules as one path, with the quiet zone the
/// standard asks for, scaled by CSS.
/// The modules of a QR code for `text`, and its width.
///
/// `QrCode::new` tries all eight masks and scores each, which made QR codes
/// 90% of a build's time; every mask gives a valid code that phones read, so
/// one fixed mask is used.
fn qr_modules(text: &str) -> Option<(Vec<qrcode::Color>, usize)> {
    use qrcode::EcLevel;
    let bits = qrcode::bits::encode_auto(text.as_bytes(), EcLevel::M).ok()?;
    let version = bits.version();
    let data = bits.into_bytes();
    let (encoded, ec) = qrcode::ec::construct_codewords(&data, version, EcLevel::M).ok()?;
    let mut canvas = qrcode::canvas::Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec);
    canvas.apply_mask(qrcode::canvas::MaskPattern::Checkerboard);
    Some((canvas.into_colors(), usize::try_from(version.width()).ok()?))
}

/// QR codes drawn once per address, however many handouts show them; `serve`
/// keeps one across edits, so re-rendering an area's handout redraws none.
#[derive(Default)]
pub struct QrCodes(std::sync::Mutex<HashMap<String, std::sync::Arc<str>>>);

impl QrCodes {
    fn svg(&self, text: &str) -> std::sync::Arc<str> {
        if let Some(svg) = self.0.lock().unwrap_or_else(|p| p.into_inner()).get(text) {
            return svg.clone();
        }
        let svg: std::sync::Arc<str> = qr_svg(text).into();
        self.0.lock().unwrap_or_else(|p| p.into_inner()).insert(text.to_string(), svg.clone());
        svg
    }
}

fn qr_svg(text: &str) -> String {
    let Some((modules, width)) = qr_modules(text) else { return String::new() };
    let (path, size) = qr_path(&modules, width);
    format!(
        "<svg class=\"qr\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"QR code for {}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>",
        escape_attr(text)
    )
}

const QUIET: usize = 4;

/// Runs of dark modules per row as `M x y h n v 1 h -n z`; also the side with the quiet zone.
fn qr_path(colors: &[qrcode::Color], width: usize) -> (String, usize) {
    let mut d = String::new();
    for y in 0..width {
        let row = &colors[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if row[x] == qrcode::Color::Dark {
                let start = x;
                while x < width && row[x] == qrcode::Color::Dark {
                    x += 1;
                }
                let n = x - start;
                let _ = write!(d, "M{} {}h{n}v1h-{n}z", start + QUIET, y + QUIET);
            } else {
                x += 1;
            }
        }
    }
    (d, width + 2 * QUIET)
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// `2020-03-25` → `March 25, 2020`; anything else stays as written.
fn display_date(s: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = s.trim().split('-').collect();
    if let [y, m, d] = parts.as_slice()
        && y.len() == 4
        && let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>())
        && (1..=12).contains(&m)
        && (1..=31).contains(&d)
    {
        return format!("{} {d}, {y}", MONTHS[m - 1]);
    }
    s.to_string()
}

// ---------------------------------------------------------------- rendering

enum What {
    Index,
    Practice(DocId),
    Area(usize),
    Checklist(DocId),
    Bundle(usize),
}

struct Job {
    path: String,
    what: What,
}

pub fn render(guide: &Guide, templates: &Templates, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
    render_some(guide, templates, None, &QrCodes::default(), sink)?;
    for paper in [Paper::Letter, Paper::A4] {
        let name = paper_names(paper).0;
        let css = OutFile { path: format!("handouts/paper-{name}.css"), bytes: paper_css(guide, paper).into_bytes() };
        sink.put(css).map_err(|d| vec![d])?;
    }
    Ok(())
}

/// Only the handouts that show document `id` (its own, its area's, bundles), for
/// a rebuild after that document's text changed.
pub fn render_touching(
    guide: &Guide,
    templates: &Templates,
    id: DocId,
    qr: &QrCodes,
) -> Result<Vec<OutFile>, Vec<Diagnostic>> {
    let kept = Keep::default();
    render_some(guide, templates, Some(id), qr, &kept)?;
    Ok(kept.into_files())
}

fn render_some(
    guide: &Guide,
    templates: &Templates,
    only: Option<DocId>,
    qr: &QrCodes,
    sink: &dyn Sink,
) -> Result<(), Vec<Diagnostic>> {
    let mut jobs = vec![Job { path: "handouts/".into(), what: What::Index }];
    for (n, b) in guide.config.handouts.iter().enumerate() {
        jobs.push(Job { path: bundle_path(&b.name), what: What::Bundle(n) });
    }
    for (n, a) in guide.areas.iter().enumerate() {
        if let Some(path) = handout_path(guide, a.doc) {
            jobs.push(Job { path, what: What::Area(n) });
        }
    }
    for &c in &guide.checklists {
        if let Some(path) = handout_path(guide, c) {
            jobs.push(Job { path, what: What::Checklist(c) });
        }
    }
    for &p in &guide.practices {
        if let Some(path) = handout_path(guide, p) {
            jobs.push(Job { path, what: What::Practice(p) });
        }
    }
    if let Some(id) = only {
        jobs.retain(|job| match job.what {
            What::Index => false,
            What::Practice(p) | What::Checklist(p) => p == id,
            What::Area(n) => guide.areas[n].doc == id || guide.areas[n].practices.contains(&id),
            What::Bundle(_) => true,
        });
    }
    render_jobs(&jobs, sink, |job| {
        let (template, page) = page_data(guide, job, qr);
        let mut ctx = Context::new();
        ctx.insert("page", &page);
        ctx.insert("nav_current", "");
        templates
            .render(template, &ctx, &format!("/{}", job.path))
            .map(|html| OutFile { path: format!("{}index.html", job.path), bytes: html.into_bytes() })
    })
}

/// The @page rules: paper size, and a footer with the guide's title and page numbers.
fn paper_css(guide: &Guide, paper: Paper) -> String {
    let size = match paper {
        Paper::Letter => "letter",
        Paper::A4 => "A4",
    };
    format!(
        "/* Written by practica for this guide: paper size and page footer of printed handouts. */\n\
         @page {{\n  size: {size};\n  margin: 13mm 14mm 15mm;\n\
         \x20 @bottom-left {{ content: \"{}\"; font: 8pt system-ui, sans-serif; color: #444; }}\n\
         \x20 @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); font: 8pt system-ui, sans-serif; color: #444; }}\n}}\n",
        css_string(&guide.config.title)
    )
}

fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("\\3C "),
            c => out.push(c),
        }
    }
    out
}

fn page_data(guide: &Guide, job: &Job, qr: &QrCodes) -> (&'static str, PageData) {
    let urls = &guide.urls;
    let mut page = PageData {
        kind: "handout",
        url: urls.path(&job.path),
        canonical: urls.absolute(&job.path),
        css_url: urls.path("css/handout.css"),
        js_url: urls.path("js/handout.js"),
        pdf: pdf_mark(&urls.path(&job.path)),
        qr_missing: !urls.has_host(),
        ..Default::default()
    };
    let mut crumbs = vec![Crumb { title: "Home".into(), url: urls.path("") }];
    let mut paper = guide.config.paper;
    let mut sheet = Sheet::new(guide, qr);
    match job.what {
        What::Index => {
            page.kind = "handouts";
            page.handout = "index";
            page.title = "Handouts".into();
            page.summary = Some(
                "Printable handouts of every practice, practice area and checklist, and bundles made for events."
                    .into(),
            );
            page.bundles = guide
                .config
                .handouts
                .iter()
                .map(|b| {
                    let url = urls.path(&bundle_path(&b.name));
                    let meta = [b.event.clone(), b.date.as_deref().map(display_date)]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", ");
                    Line {
                        title: b.title.clone(),
                        pdf: pdf_mark(&url),
                        url,
                        summary: b.subtitle.clone(),
                        meta: (!meta.is_empty()).then_some(meta),
                        children: vec![],
                    }
                })
                .collect();
            page.areas = guide
                .areas
                .iter()
                .map(|a| {
                    let mut l = index_line(guide, a.doc);
                    l.children = a.practices.iter().map(|&p| index_line(guide, p)).collect();
                    let n = l.children.len();
                    l.meta = Some(format!("{n} practice{}", if n == 1 { "" } else { "s" }));
                    l
                })
                .collect();
            page.checklists = guide.checklists.iter().map(|&c| index_line(guide, c)).collect();
            page.breadcrumbs = crumbs;
            return ("handouts.html", page);
        }
        What::Practice(id) => {
            page.handout = "practice";
            sheet.practice(id, 1);
            page.web_url = Some(guide.url(id));
        }
        What::Area(n) => {
            page.handout = "area";
            sheet.area(n, 1);
            page.web_url = Some(guide.url(guide.areas[n].doc));
        }
        What::Checklist(id) => {
            page.handout = "checklist";
            sheet.worksheet(id, 1);
            page.web_url = Some(guide.url(id));
        }
        What::Bundle(n) => {
            let b = &guide.config.handouts[n];
            page.handout = "bundle";
            sheet.cover = true;
            paper = b.paper;
            page.title = b.title.clone();
            page.summary = b.subtitle.clone();
            page.cover = Some(Cover {
                subtitle: b.subtitle.clone(),
                event: b.event.clone(),
                date: b.date.as_deref().map(display_date),
                guide_title: guide.config.title.clone(),
                web_address: urls.absolute(""),
                web_url: urls.path(""),
                qr: urls.has_host().then(|| qr.svg(&urls.absolute("")).to_string()),
            });
            for inc in &b.include {
                let Some(id) = guide.find(&inc.path) else { continue };
                let first = sheet.parts.len();
                let anchor = match guide.docs[id].kind {
                    Kind::Area => match guide.areas.iter().position(|a| a.doc == id) {
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
                let mut l = line(guide, id, format!("#{anchor}"));
                l.summary = None;
                l.meta = match guide.docs[id].kind {
                    Kind::Area => Some(format!("{count} practice{}", if count == 1 { "" } else { "s" })),
                    Kind::Checklist => Some("worksheet".into()),
                    Kind::Tip => Some("tip".into()),
                    _ => None,
                };
                page.contents.push(l);
            }
        }
    }
    let (key, label) = paper_names(paper);
    page.paper = key;
    page.paper_label = label;
    page.paper_css = urls.path(&format!("handouts/paper-{key}.css"));
    if let Some(first) = sheet.parts.first()
        && page.title.is_empty()
    {
        page.title = first.title.clone();
        page.summary = first.summary.clone();
    }
    crumbs.push(Crumb { title: "Handouts".into(), url: urls.path("handouts/") });
    page.breadcrumbs = crumbs;
    page.parts = sheet.parts;
    ("handout.html", page)
}

fn index_line(guide: &Guide, id: DocId) -> Line {
    let url = url_for(guide, id).unwrap_or_default();
    let mut l = line(guide, id, url.clone());
    l.pdf = pdf_mark(&url);
    l
}

// ---------------------------------------------------------------- PDFs

/// The Chromium to print with: `chrome` when given, else the first of the
/// usual names on PATH. The error says how to get one.
pub fn find_chrome(chrome: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    const HELP: &str =
        "install Chromium (Debian/Ubuntu: apt-get install chromium) or pass --chrome PATH to a Chromium or Chrome";
    if let Some(c) = chrome {
        if is_executable(c) {
            return Ok(c.to_path_buf());
        }
        let found = if c.components().count() == 1 { on_path(&[c.to_string_lossy().as_ref()]) } else { None };
        return found.ok_or_else(|| {
            Diagnostic::error(
                Code::Output,
                c,
                0,
                format!("--pdf needs Chromium, and --chrome {} is not a program that can be run", c.display()),
            )
            .with_help(HELP)
        });
    }
    on_path(&["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"]).ok_or_else(|| {
        Diagnostic::error(Code::Output, "--pdf", 0, "--pdf needs Chromium, and none was found on PATH").with_help(HELP)
    })
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).flat_map(|dir| names.iter().map(move |n| dir.join(n))).find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

/// Prints each handout page in `site` to a PDF beside it, then links the PDFs
/// from the handout pages.
pub fn print_pdfs(guide: &Guide, site: &Path, chrome: Option<&Path>) -> io::Result<()> {
    let chrome = find_chrome(chrome).map_err(|d| io::Error::other(diagnostic_line(&d)))?;
    let server = Server::start(site.to_path_buf(), guide.urls.base_path().to_string())?;
    let paths = all_paths(guide);
    let scratch = std::env::temp_dir().join(format!("practica-pdf-{}", std::process::id()));
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let errors: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    thread::scope(|s| {
        for worker in 0..PARALLEL_PRINTS.min(paths.len()) {
            let (paths, next, failed, errors, chrome, scratch, server) =
                (&paths, &next, &failed, &errors, &chrome, &scratch, &server);
            s.spawn(move || {
                let profile = scratch.join(format!("profile-{worker}"));
                while !failed.load(Ordering::Relaxed) {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = paths.get(n) else { break };
                    let url = format!("{}{}", server.origin(), guide.urls.path(path));
                    let Some(pdf) = safe_join(site, &format!("{path}{PDF_NAME}")) else { continue };
                    if let Err(e) = print_one(chrome, &profile, &url, &pdf) {
                        failed.store(true, Ordering::Relaxed);
                        errors.lock().unwrap_or_else(|p| p.into_inner()).push(format!("/{path}: {e}"));
                    }
                }
            });
        }
    });
    let _ = fs::remove_dir_all(&scratch);
    server.stop();
    let errors = errors.into_inner().unwrap_or_else(|p| p.into_inner());
    if !errors.is_empty() {
        return Err(io::Error::other(format!("printing handouts to PDF failed: {}", errors.join("; "))));
    }
    link_pdfs(guide, site, &paths)
}

fn diagnostic_line(d: &Diagnostic) -> String {
    match &d.help {
        Some(h) => format!("{} ({h})", d.message),
        None => d.message.clone(),
    }
}

fn print_one(chrome: &Path, profile: &Path, url: &str, pdf: &Path) -> io::Result<()> {
    // A fresh profile per page: nothing cached or remembered between prints.
    let _ = fs::remove_dir_all(profile);
    fs::create_dir_all(profile)?;
    let log = profile.with_extension("log");
    let mut child = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--mute-audio",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(fs::File::create(&log)?))
        .spawn()
        .map_err(|e| io::Error::new(e.kind(), format!("{} could not be started: {e}", chrome.display())))?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if start.elapsed() > PRINT_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::other(format!("Chromium took longer than {} s", PRINT_TIMEOUT.as_secs())));
        }
        thread::sleep(Duration::from_millis(40));
    };
    let ok = fs::read(pdf).is_ok_and(|b| b.starts_with(b"%PDF"));
    if !ok {
        let log = fs::read_to_string(&log).unwrap_or_default();
        let tail: Vec<&str> = log.lines().filter(|l| !l.contains("dbus")).rev().take(3).collect();
        return Err(io::Error::other(format!(
            "Chromium ({status}) wrote no PDF{}",
            if tail.is_empty() { String::new() } else { format!(": {}", tail.join(" | ")) }
        )));
    }
    Ok(())
}

/// Fills the PDF marks of the handout pages with links to the printed files.
fn link_pdfs(guide: &Guide, site: &Path, paths: &[String]) -> io::Result<()> {
    let printed: HashSet<String> = paths.iter().map(|p| guide.urls.path(p)).collect();
    let mut pages = vec!["handouts/".to_string()];
    pages.extend(paths.iter().cloned());
    for page in pages {
        let Some(file) = safe_join(site, &format!("{page}index.html")) else { continue };
        let Ok(html) = fs::read_to_string(&file) else { continue };
        if !html.contains(PDF_MARK) {
            continue;
        }
        let mut out = String::with_capacity(html.len() + 512);
        let mut rest = html.as_str();
        while let Some(i) = rest.find(PDF_MARK) {
            out.push_str(&rest[..i]);
            let after = &rest[i + PDF_MARK.len()..];
            let Some(end) = after.find("-->") else { break };
            let url = &after[..end];
            if printed.contains(url) {
                out.push_str(&format!("<a class=\"pdf-link\" href=\"{}{PDF_NAME}\">PDF</a>", escape_attr(url)));
            }
            rest = &after[end + 3..];
        }
        out.push_str(rest);
        fs::write(&file, out)?;
    }
    Ok(())
}

/// A small static file server on 127.0.0.1 for Chromium to print from, serving
/// `root` under `base` the way the site will be hosted.
struct Server {
    port: u16,
    stop: Arc<AtomicBool>,
    handle: Option<thread::JoinHandle<()>>,
}

impl Server {
    fn start(root: PathBuf, base: String) -> io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let port = listener.local_addr()?.port();
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = Arc::clone(&stop);
        let root = Arc::new(root);
        let base = Arc::new(base);
        let handle = thread::spawn(move || {
            for conn in listener.incoming() {
                if stop2.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (root, base) = (Arc::clone(&root), Arc::clone(&base));
                thread::spawn(move || {
                    let _ = serve(conn, &root, &base);
                });
            }
        });
        Ok(Server { port, stop, handle: Some(handle) })
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn stop(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn serve(mut conn: TcpStream, root: &Path, base: &str) -> io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut words = request.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let file = path
        .strip_prefix(base)
        .or_else(|| (format!("{path}/") == base).then_some(""))
        .map(percent_decode)
        .and_then(|rel| {
            let rel = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel };
            safe_join(root, &rel)
        })
        .filter(|p| p.is_file());
    let (status, body, kind) = match file.and_then(|f| fs::read(&f).ok().map(|b| (b, f))) {
        Some((bytes, f)) => ("200 OK", bytes, content_type(&f)),
        None => ("404 Not Found", b"not found".to_vec(), "text/plain; charset=utf-8"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    conn.write_all(head.as_bytes())?;
    if method != "HEAD" {
        conn.write_all(&body)?;
    }
    conn.flush()?;
    let _ = conn.shutdown(Shutdown::Both);
    Ok(())
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (bytes.get(i + 1).and_then(hex), bytes.get(i + 2).and_then(hex))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: &u8) -> Option<u8> {
    (*b as char).to_digit(16).map(|d| d as u8)
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_boxes_become_pen_boxes() {
        let html = "<ul>\n<li><input type=\"checkbox\" class=\"task-box\" id=\"task-1\" checked><label for=\"task-1\">Do <a href=\"/x/\">it</a></label></li>\n</ul>";
        let out = boxes_for_pen(html);
        assert_eq!(
            out,
            "<ul>\n<li><span class=\"box\" aria-hidden=\"true\"></span><span class=\"box-text\">Do <a href=\"/x/\">it</a></span></li>\n</ul>"
        );
    }

    #[test]
    fn ids_and_same_page_links_get_the_prefix() {
        let html = "<h2 id=\"why\">Why</h2><a href=\"#why\">up</a><a href=\"/x/#why\">x</a><a href=\"#\">none</a>";
        assert_eq!(
            prefix_ids(html, "p3-"),
            "<h2 id=\"p3-why\">Why</h2><a href=\"#p3-why\">up</a><a href=\"/x/#why\">x</a><a href=\"#\">none</a>"
        );
    }

    #[test]
    fn headings_shift_once_and_stop_at_h6() {
        assert_eq!(
            shift_headings("<h2 id=\"a\">A</h2><h3>B</h3><h6>C</h6>", 2),
            "<h4 id=\"a\">A</h4><h5>B</h5><h6>C</h6>"
        );
    }

    #[test]
    fn include_names() {
        assert_eq!(include_name("practices/a/_index.md").as_deref(), Some("practices/a"));
        assert_eq!(include_name("tips/x.md").as_deref(), Some("tips/x"));
        assert_eq!(include_name("_index.md"), None);
    }

    #[test]
    fn dates_read_like_dates() {
        assert_eq!(display_date("2020-03-25"), "March 25, 2020");
        assert_eq!(display_date("Spring 2026"), "Spring 2026");
    }

    #[test]
    fn css_strings_are_escaped() {
        assert_eq!(css_string("A \"B\" \\ </style>"), "A \\\"B\\\" \\\\ \\3C /style>");
    }

    #[test]
    fn qr_path_has_the_quiet_zone() {
        let code = qrcode::QrCode::new(b"https://example.org/").unwrap();
        let (d, size) = qr_path(&code.to_colors(), code.width());
        assert_eq!(size, code.width() + 8);
        assert!(d.starts_with("M4 4h7v1h-7z"), "finder pattern first: {d}");
    }
}
