//! Resolve: ties the loaded files together into the `Guide` the renderers read.
//!
//! Areas get their practices, practices their neighbours, related practices,
//! tips, sources and audiences; every link between content files becomes a URL.
//! Every reference that points nowhere becomes a diagnostic here, so later
//! stages can trust the model completely.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{Doc, Kind};
use crate::diagnostic::{Code, Diagnostic, suggest};
use crate::markdown::{self, Link, ProblemKind, Rendered};
use crate::slug::slugify;
use crate::url::Urls;

pub type DocId = usize;

#[derive(Debug, Clone)]
pub struct Area {
    pub doc: DocId,
    pub practices: Vec<DocId>,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub slug: String,
    pub label: String,
    pub docs: Vec<DocId>,
}

/// Links of one document to others, resolved.
#[derive(Debug, Clone, Default)]
pub struct Relations {
    pub area: Option<DocId>,
    pub prev: Option<DocId>,
    pub next: Option<DocId>,
    pub related: Vec<DocId>,
    /// For practices and areas: tips that apply. For tips: what they apply to.
    pub tips: Vec<DocId>,
    pub applies_to: Vec<DocId>,
}

pub struct Guide {
    pub config: Config,
    pub urls: Urls,
    pub docs: Vec<Doc>,
    pub rendered: Vec<Rendered>,
    pub relations: Vec<Relations>,
    pub home: Option<DocId>,
    pub sections: HashMap<String, DocId>,
    /// In weight order.
    pub areas: Vec<Area>,
    /// All practices, area by area, in reading order.
    pub practices: Vec<DocId>,
    pub tips: Vec<DocId>,
    pub checklists: Vec<DocId>,
    pub pages: Vec<DocId>,
    pub tags: Vec<Term>,
    pub audiences: Vec<Term>,
    by_content_path: HashMap<String, DocId>,
    /// Every page address the build publishes (`practices/x/y/`), for checking
    /// links written as addresses.
    addresses: HashSet<String>,
}

impl Guide {
    /// Frees the Markdown sources and their rendered HTML and text once every
    /// page is written; paths, titles and relations stay.
    pub fn drop_texts(&mut self) {
        self.rendered = Vec::new();
        for d in &mut self.docs {
            d.body = String::new();
        }
    }

    pub fn url(&self, id: DocId) -> String {
        self.urls.path(&self.docs[id].path)
    }

    /// A doc by its path under content/ without `.md` (`practices/a/b`, `practices/a`, `tips/x`, `about`).
    pub fn find(&self, path: &str) -> Option<DocId> {
        let path = path.trim().trim_matches('/').trim_end_matches(".md");
        self.by_content_path
            .get(&format!("{path}.md"))
            .or_else(|| self.by_content_path.get(&format!("{path}/_index.md")))
            .copied()
    }

    pub fn content_paths(&self) -> impl Iterator<Item = &str> {
        self.by_content_path.keys().map(String::as_str)
    }

    pub fn count(&self, kind: Kind) -> usize {
        self.docs.iter().filter(|d| d.kind == kind).count()
    }
}

fn by_weight(docs: &[Doc], ids: &mut [DocId]) {
    ids.sort_by(|a, b| {
        let (a, b) = (&docs[*a], &docs[*b]);
        a.weight
            .cmp(&b.weight)
            .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
            .then(a.path.cmp(&b.path))
    });
}

pub fn resolve(config: Config, mut docs: Vec<Doc>, root: &Path) -> (Guide, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let urls = Urls::new(&config.base_url);
    docs.sort_by(|a, b| a.file.cmp(&b.file));

    // Two files that would be published at one address.
    let mut by_path: HashMap<&str, DocId> = HashMap::new();
    let mut duplicates = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        if let Some(&other) = by_path.get(d.path.as_str()) {
            duplicates.push((i, other));
        } else {
            by_path.insert(&d.path, i);
        }
    }
    for (i, other) in duplicates {
        diags.push(
            Diagnostic::error(
                Code::DuplicateUrl,
                &docs[i].file,
                1,
                format!("this page would be published at /{} like another file", docs[i].path),
            )
            .with_help(format!("{} claims the same address; rename one of the two files", docs[other].file.display())),
        );
    }

    // A plain page where practica publishes its own pages (content/tags.md,
    // content/handouts/x.md) would be written over, or over them.
    const RESERVED: &[&str] =
        &["practices", "tips", "checklists", "tags", "audience", "handouts", "search", "pagefind"];
    for d in &docs {
        let first = d.path.split('/').next().unwrap_or_default();
        if d.kind == Kind::Page && RESERVED.contains(&first) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateUrl,
                    &d.file,
                    1,
                    format!("this page would be published at /{}, where practica publishes its own pages", d.path),
                )
                .with_help(format!(
                    "rename the file or move it to another folder; {} are practica's",
                    RESERVED.iter().map(|r| format!("/{r}/")).collect::<Vec<_>>().join(", ")
                )),
            );
        }
    }

    let by_content_path: HashMap<String, DocId> =
        docs.iter().enumerate().map(|(i, d)| (d.content_path.clone(), i)).collect();

    let mut home = None;
    let mut sections = HashMap::new();
    let mut area_ids = Vec::new();
    let mut tips = Vec::new();
    let mut checklists = Vec::new();
    let mut pages = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        match d.kind {
            Kind::Home => home = Some(i),
            Kind::Section => {
                sections.insert(d.slug.clone(), i);
            }
            Kind::Area => area_ids.push(i),
            Kind::Tip => tips.push(i),
            Kind::Checklist => checklists.push(i),
            Kind::Page => pages.push(i),
            Kind::Practice => {}
        }
    }
    by_weight(&docs, &mut area_ids);
    by_weight(&docs, &mut tips);
    by_weight(&docs, &mut checklists);
    by_weight(&docs, &mut pages);

    let area_by_slug: HashMap<&str, DocId> = area_ids.iter().map(|&i| (docs[i].slug.as_str(), i)).collect();
    let mut areas: Vec<Area> = area_ids.iter().map(|&doc| Area { doc, practices: Vec::new() }).collect();
    let area_pos: HashMap<DocId, usize> = area_ids.iter().enumerate().map(|(p, &i)| (i, p)).collect();
    for (i, d) in docs.iter().enumerate() {
        if d.kind != Kind::Practice {
            continue;
        }
        let area_slug = d.area.as_deref().unwrap_or_default();
        match area_by_slug.get(area_slug) {
            Some(a) => areas[area_pos[a]].practices.push(i),
            None => diags.push(
                Diagnostic::error(Code::Misplaced, &d.file, 1, format!("the area `{area_slug}` has no _index.md"))
                    .with_help(format!(
                        "create content/practices/{area_slug}/_index.md with a title and a summary for the area"
                    )),
            ),
        }
    }
    let mut practices = Vec::new();
    for a in &mut areas {
        by_weight(&docs, &mut a.practices);
        practices.extend_from_slice(&a.practices);
    }

    let mut relations = vec![Relations::default(); docs.len()];
    for a in &areas {
        relations[a.doc].area = Some(a.doc);
        for (n, &p) in a.practices.iter().enumerate() {
            let r = &mut relations[p];
            r.area = Some(a.doc);
            r.prev = n.checked_sub(1).map(|k| a.practices[k]);
            r.next = a.practices.get(n + 1).copied();
        }
    }

    // Practices by slug, and by area/slug for when two areas share a slug.
    let mut practice_by_slug: HashMap<&str, Vec<DocId>> = HashMap::new();
    let mut practice_by_full: HashMap<String, DocId> = HashMap::new();
    for &p in &practices {
        let d = &docs[p];
        practice_by_slug.entry(d.slug.as_str()).or_default().push(p);
        practice_by_full.insert(format!("{}/{}", d.area.as_deref().unwrap_or_default(), d.slug), p);
    }
    let practice_names: Vec<&str> = practices.iter().map(|&p| docs[p].slug.as_str()).collect();
    let find_practice = |name: &str| -> Result<DocId, Option<String>> {
        let name = name.trim().trim_start_matches("practices/").trim_end_matches(".md").trim_matches('/');
        if let Some(&p) = practice_by_full.get(name) {
            return Ok(p);
        }
        match practice_by_slug.get(name).map(Vec::as_slice) {
            Some([one]) => Ok(*one),
            Some(many) => Err(Some(format!(
                "several areas have a practice `{name}`; write it as {}",
                many.iter()
                    .map(|&p| format!("`{}/{name}`", docs[p].area.as_deref().unwrap_or_default()))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ))),
            None => Err(None),
        }
    };

    let source_keys: Vec<&str> = config.sources.iter().map(|s| s.key.as_str()).collect();
    let audience_keys: Vec<&str> = config.audiences.iter().map(|a| a.key.as_str()).collect();
    let area_names: Vec<&str> = area_ids.iter().map(|&a| docs[a].slug.as_str()).collect();
    let mut tag_map: BTreeMap<String, Term> = BTreeMap::new();
    let mut audience_map: BTreeMap<String, Vec<DocId>> = BTreeMap::new();
    let mut tips_for: Vec<Vec<DocId>> = vec![Vec::new(); docs.len()];

    for (i, d) in docs.iter().enumerate() {
        for name in &d.related {
            match find_practice(name) {
                Ok(p) if p == i => diags.push(
                    Diagnostic::warning(
                        Code::UnknownReference,
                        &d.file,
                        d.line_of("related"),
                        "a practice lists itself as related",
                    )
                    .with_help(format!("remove `{name}` from related")),
                ),
                Ok(p) => relations[i].related.push(p),
                Err(help) => diags.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        &d.file,
                        d.line_of("related"),
                        format!("related practice `{name}` does not exist"),
                    )
                    .with_help(help.unwrap_or_else(|| suggest(name, &practice_names))),
                ),
            }
        }
        for name in &d.applies_to {
            let target = find_practice(name).ok().or_else(|| {
                let n = name.trim().trim_start_matches("practices/").trim_matches('/');
                area_by_slug.get(n).copied()
            });
            match target {
                Some(t) => {
                    relations[i].applies_to.push(t);
                    tips_for[t].push(i);
                }
                None => {
                    let mut names = practice_names.clone();
                    names.extend(area_names.iter().copied());
                    diags.push(
                        Diagnostic::error(
                            Code::UnknownReference,
                            &d.file,
                            d.line_of("applies_to"),
                            format!("`{name}` in applies_to is neither a practice nor an area"),
                        )
                        .with_help(suggest(name, &names)),
                    );
                }
            }
        }
        for key in &d.source {
            if config.source(key).is_none() {
                diags.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        &d.file,
                        d.line_of("source"),
                        format!("source `{key}` is not listed in guide.yaml"),
                    )
                    .with_help(format!("{} — or add it under sources: in guide.yaml", suggest(key, &source_keys))),
                );
            }
        }
        for key in &d.audience {
            if config.audience(key).is_none() {
                diags.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        &d.file,
                        d.line_of("audience"),
                        format!("audience `{key}` is not listed in guide.yaml"),
                    )
                    .with_help(format!("{} — or add it under audiences: in guide.yaml", suggest(key, &audience_keys))),
                );
            } else if d.kind == Kind::Practice {
                audience_map.entry(key.clone()).or_default().push(i);
            }
        }
        if d.kind == Kind::Practice {
            for tag in &d.tags {
                let slug = slugify(tag);
                tag_map
                    .entry(slug.clone())
                    .or_insert_with(|| Term { slug, label: tag.clone(), docs: Vec::new() })
                    .docs
                    .push(i);
            }
        }
    }
    for (t, list) in tips_for.into_iter().enumerate() {
        let mut list = list;
        by_weight(&docs, &mut list);
        relations[t].tips = list;
    }
    // A tip for an area applies to each of its practices too.
    for a in &areas {
        let area_tips = relations[a.doc].tips.clone();
        for &p in &a.practices {
            for &t in &area_tips {
                if !relations[p].tips.contains(&t) {
                    relations[p].tips.push(t);
                }
            }
        }
    }

    let order = |ids: &mut Vec<DocId>| {
        let pos: HashMap<DocId, usize> = practices.iter().enumerate().map(|(n, &p)| (p, n)).collect();
        ids.sort_by_key(|i| pos.get(i).copied().unwrap_or(usize::MAX));
    };
    let tags: Vec<Term> = tag_map
        .into_values()
        .map(|mut t| {
            order(&mut t.docs);
            t
        })
        .collect();
    let audiences: Vec<Term> = config
        .audiences
        .iter()
        .filter_map(|a| {
            let mut docs_for = audience_map.remove(&a.key)?;
            order(&mut docs_for);
            Some(Term { slug: slugify(&a.key), label: a.label.clone(), docs: docs_for })
        })
        .collect();

    let mut guide = Guide {
        config,
        urls,
        docs,
        rendered: Vec::new(),
        relations,
        home,
        sections,
        areas,
        practices,
        tips,
        checklists,
        pages,
        tags,
        audiences,
        by_content_path,
        addresses: HashSet::new(),
    };
    guide.addresses = page_addresses(&guide);
    let mut link_diags = render_markdown(&mut guide, root);
    diags.append(&mut link_diags);
    diags.append(&mut content_warnings(&guide));
    (guide, diags)
}

/// The addresses of the pages `render` and `handout` publish (what `search`
/// adds, `search/`, is counted too: a link to it is not broken with
/// --no-search, only pointless).
fn page_addresses(g: &Guide) -> HashSet<String> {
    let mut out: HashSet<String> = g.docs.iter().filter(|d| d.kind != Kind::Section).map(|d| d.path.clone()).collect();
    let mut fixed = vec!["practices/", "tags/", "audience/", "search/", "handouts/"];
    if !g.tips.is_empty() {
        fixed.push("tips/");
    }
    if !g.checklists.is_empty() {
        fixed.push("checklists/");
    }
    out.extend(fixed.into_iter().map(String::from));
    out.extend(g.tags.iter().map(|t| format!("tags/{}/", t.slug)));
    out.extend(g.audiences.iter().map(|t| format!("audience/{}/", t.slug)));
    out.extend(crate::handout::all_paths(g));
    out
}

/// Things that build but that a reader would trip over.
fn content_warnings(g: &Guide) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for a in &g.areas {
        if a.practices.is_empty() {
            let d = &g.docs[a.doc];
            out.push(
                Diagnostic::warning(Code::EmptyArea, &d.file, 1, format!("the area `{}` has no practices", d.title))
                    .with_help(format!(
                        "add a practice as content/practices/{}/<practice>.md, or remove the area",
                        d.slug
                    )),
            );
        }
    }
    for &c in &g.checklists {
        let d = &g.docs[c];
        if g.rendered[c].tasks.is_empty() && !d.failed {
            out.push(
                Diagnostic::warning(Code::EmptyChecklist, &d.file, d.body_line, "this checklist has no items")
                    .with_help("write each item as a task: - [ ] Job descriptions list core duties."),
            );
        }
    }
    for &p in &g.practices {
        let d = &g.docs[p];
        if let Some(s) = &d.summary
            && s.chars().count() > 200
        {
            out.push(
                Diagnostic::warning(
                    Code::LongSummary,
                    &d.file,
                    d.line_of("summary"),
                    format!("the summary is {} characters; lists and search show about 200", s.chars().count()),
                )
                .with_help("keep the summary to one sentence; move detail into the body"),
            );
        }
    }
    out
}

/// An internal link whose #anchor can only be checked once every page is rendered.
struct PendingAnchor {
    target: DocId,
    fragment: String,
    line: usize,
    column: usize,
}

fn render_markdown(guide: &mut Guide, root: &Path) -> Vec<Diagnostic> {
    let g: &Guide = guide;
    let results: Vec<(Rendered, Vec<PendingAnchor>, Vec<Diagnostic>)> =
        (0..g.docs.len()).into_par_iter().map(|i| render_doc(g, i, root)).collect();
    let mut diags = Vec::new();
    let mut pendings = Vec::new();
    guide.rendered.reserve(results.len());
    for (i, (rendered, pending, mut d)) in results.into_iter().enumerate() {
        guide.rendered.push(rendered);
        diags.append(&mut d);
        pendings.push((i, pending));
    }
    for (i, pending) in pendings {
        diags.append(&mut check_anchors(guide, i, pending));
    }
    diags
}

/// Renders one document's Markdown, resolving its links against the guide.
fn render_doc(g: &Guide, i: DocId, root: &Path) -> (Rendered, Vec<PendingAnchor>, Vec<Diagnostic>) {
    let doc = &g.docs[i];
    let pending = RefCell::new(Vec::new());
    let resolve = |dest: &str, is_image: bool, line: usize, column: usize| {
        resolve_link(g, i, dest, is_image, root, &mut |target, fragment| {
            pending.borrow_mut().push(PendingAnchor { target, fragment, line, column });
        })
    };
    let rendered = markdown::render(&doc.body, "", &resolve);
    let diags = rendered
        .problems
        .iter()
        .map(|p| {
            let line = doc.body_line + p.line - 1;
            let d = match p.kind {
                ProblemKind::BrokenLink => Diagnostic::error(Code::BrokenLink, &doc.file, line, p.message.clone()),
                ProblemKind::MissingAlt => Diagnostic::warning(Code::MissingAlt, &doc.file, line, p.message.clone()),
                ProblemKind::InsecureLink => {
                    Diagnostic::warning(Code::InsecureLink, &doc.file, line, p.message.clone())
                }
            };
            d.at_column(p.column).with_help_opt(p.help.clone())
        })
        .chain(heading_skips(doc, &rendered))
        .collect();
    (rendered, pending.into_inner(), diags)
}

/// Pages with more headings than this get no "did you mean" for a broken #anchor.
const MAX_SUGGEST_HEADINGS: usize = 200;

fn check_anchors(guide: &Guide, i: DocId, pending: Vec<PendingAnchor>) -> Vec<Diagnostic> {
    let doc = &guide.docs[i];
    let mut diags = Vec::new();
    // Heading ids per target page, gathered once: searching every heading for
    // every link made a page of many links to many headings quadratic.
    let mut ids_of: HashMap<DocId, HashSet<&str>> = HashMap::new();
    for p in pending {
        let target = &guide.rendered[p.target];
        let ids = ids_of.entry(p.target).or_insert_with(|| target.headings.iter().map(|h| h.id.as_str()).collect());
        if guide.docs[p.target].failed || ids.contains(p.fragment.as_str()) || footnote_or_task(&p.fragment) {
            continue;
        }
        // Comparing every broken #anchor with every heading of a long page was
        // quadratic (3,000 of each: minutes); a long page gets no suggestion.
        let help = if ids.len() <= MAX_SUGGEST_HEADINGS {
            let ids: Vec<&str> = target.headings.iter().map(|h| h.id.as_str()).collect();
            suggest(&p.fragment, &ids)
        } else {
            format!("the page has {} headings; copy the id from the one you mean", ids.len())
        };
        diags.push(
            Diagnostic::error(
                Code::BrokenAnchor,
                &doc.file,
                doc.body_line + p.line - 1,
                format!("#{} names no heading on {}", p.fragment, guide.docs[p.target].file.display()),
            )
            .at_column(p.column)
            .with_help(help),
        );
    }
    diags
}

/// What replacing one document's text did to the guide.
pub enum Replaced {
    /// The guide now holds the new text; these warnings apply to it.
    Done(Vec<Diagnostic>),
    /// The new text has errors; the guide is unchanged.
    Failed(Vec<Diagnostic>),
    /// The change reaches beyond the page (front matter, headings other pages
    /// may link to): the whole guide must be resolved again.
    NeedsFullResolve,
}

/// Swaps in a new version of one document whose front matter is unchanged,
/// re-rendering only its Markdown. This is what makes a save in `serve` fast.
pub fn replace_body(guide: &mut Guide, id: DocId, doc: Doc, root: &Path) -> Replaced {
    let old = &guide.docs[id];
    let same_front_matter = old.kind == doc.kind
        && old.path == doc.path
        && old.title == doc.title
        && old.summary == doc.summary
        && old.weight == doc.weight
        && old.draft == doc.draft
        && old.audience == doc.audience
        && old.tags == doc.tags
        && old.related == doc.related
        && old.source == doc.source
        && old.applies_to == doc.applies_to
        && !old.failed
        && !doc.failed;
    if !same_front_matter {
        return Replaced::NeedsFullResolve;
    }
    let previous = std::mem::replace(&mut guide.docs[id], doc);
    let (rendered, pending, mut diags) = render_doc(guide, id, root);
    let old_ids: Vec<&str> = guide.rendered[id].headings.iter().map(|h| h.id.as_str()).collect();
    let new_ids: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
    if old_ids != new_ids {
        guide.docs[id] = previous;
        return Replaced::NeedsFullResolve;
    }
    let previous_rendered = std::mem::replace(&mut guide.rendered[id], rendered);
    diags.append(&mut check_anchors(guide, id, pending));
    if diags.iter().any(Diagnostic::is_error) {
        guide.docs[id] = previous;
        guide.rendered[id] = previous_rendered;
        crate::diagnostic::sort(&mut diags);
        return Replaced::Failed(diags);
    }
    Replaced::Done(diags)
}

pub fn doc_by_file(guide: &Guide, file: &Path) -> Option<DocId> {
    guide.docs.iter().position(|d| d.file == file)
}

/// Screen-reader users move by heading level; a jump (## then ####) loses them.
/// The page title is the h1, so the body starts at ##.
fn heading_skips(doc: &Doc, rendered: &Rendered) -> Vec<Diagnostic> {
    let mut prev: usize = 1;
    let mut out = Vec::new();
    for h in &rendered.headings {
        if h.level as usize > prev + 1 {
            out.push(
                Diagnostic::warning(
                    Code::HeadingSkip,
                    &doc.file,
                    doc.body_line + h.line - 1,
                    format!("this heading jumps from level {prev} to level {}", h.level),
                )
                .with_help(format!("use {} here: the page title is level 1, its sections ##", "#".repeat(prev + 1))),
            );
        }
        prev = h.level as usize;
    }
    out
}

fn footnote_or_task(fragment: &str) -> bool {
    fragment.starts_with("task-")
}

/// Decides what one link destination written in Markdown becomes.
fn resolve_link(
    g: &Guide,
    from: DocId,
    dest: &str,
    is_image: bool,
    root: &Path,
    defer_anchor: &mut dyn FnMut(DocId, String),
) -> Link {
    let dest = dest.trim();
    let lower = dest.to_ascii_lowercase();
    if lower.starts_with("javascript:") || lower.starts_with("vbscript:") || (lower.starts_with("data:") && !is_image) {
        return Link::Rewrite("#".into());
    }
    if lower.starts_with("http://") {
        return Link::Warn {
            message: format!("`{dest}` is a plain http:// link"),
            help: Some(format!("use https://{} if the site supports it", &dest[7..])),
        };
    }
    if dest.is_empty() || dest.starts_with("//") || has_scheme(dest) {
        return Link::Keep;
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        if !fragment.is_empty() {
            defer_anchor(from, fragment.to_string());
        }
        return Link::Keep;
    }
    let (path_part, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let (path_part, query) = match path_part.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path_part, None),
    };
    let content_target = if let Some(rest) = path_part.strip_prefix("@/") {
        Some(rest.to_string())
    } else if path_part.ends_with(".md") && !path_part.starts_with('/') {
        let base = g.docs[from].content_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        Some(join_relative(base, path_part))
    } else {
        None
    };
    if let Some(target_path) = content_target {
        let Some(target) = g.by_content_path.get(target_path.as_str()).copied().or_else(|| g.find(&target_path)) else {
            let known: Vec<&str> = g.content_paths().collect();
            let near = crate::diagnostic::nearest(&target_path, known.iter().copied());
            return Link::Broken {
                message: format!("the link `{dest}` points to a page that does not exist"),
                help: Some(match near {
                    Some(n) => format!("did you mean `@/{n}`?"),
                    None => {
                        "link with a path relative to this file, or from content/ as @/practices/<area>/<practice>.md"
                            .into()
                    }
                }),
            };
        };
        let mut url = g.url(target);
        if let Some(f) = fragment.filter(|f| !f.is_empty()) {
            defer_anchor(target, f.to_string());
            url.push('#');
            url.push_str(f);
        }
        return Link::Rewrite(url);
    }
    if let Some(rest) = path_part.strip_prefix('/') {
        if rest.ends_with('/')
            && !g.addresses.contains(rest)
            && !static_exists(root, &g.config.theme, &format!("{rest}index.html"))
        {
            let near = nearest_address(g, rest);
            return Link::Broken {
                message: format!("`{dest}` is not the address of a page of this guide"),
                help: Some(match near {
                    Some(n) => format!("did you mean `/{n}`?"),
                    None => "link to the Markdown file instead, e.g. @/practices/<area>/<practice>.md, and practica \
                             writes its address"
                        .into(),
                }),
            };
        }
        if !rest.is_empty()
            && !rest.ends_with('/')
            && !static_exists(root, &g.config.theme, rest)
            && g.find(rest).is_none()
        {
            return Link::Broken {
                message: format!("`{dest}` is not a file in static/"),
                help: Some(format!("put the file at static/{rest}, or fix the path")),
            };
        }
        let mut url = g.urls.path(rest);
        if let Some(q) = query {
            url.push('?');
            url.push_str(q);
        }
        if let Some(f) = fragment {
            url.push('#');
            url.push_str(f);
        }
        return Link::Rewrite(url);
    }
    Link::Keep
}

/// The nearest page address, among its siblings first: comparing with every
/// address of a guide of 10,000 practices would be slow for many broken links.
fn nearest_address<'g>(g: &'g Guide, address: &str) -> Option<&'g str> {
    let parent = address.trim_end_matches('/').rsplit_once('/').map_or("", |(p, _)| p);
    let siblings = g.addresses.iter().map(String::as_str).filter(|a| a.starts_with(parent));
    crate::diagnostic::nearest(address, siblings).or_else(|| {
        (g.addresses.len() <= 5_000)
            .then(|| crate::diagnostic::nearest(address, g.addresses.iter().map(String::as_str)))
            .flatten()
    })
}

fn static_exists(root: &Path, theme: &str, rest: &str) -> bool {
    if rest.split('/').any(|s| s == "..") {
        return false;
    }
    root.join("static").join(rest).is_file()
        || root.join("themes").join(theme).join("static").join(rest).is_file()
        || crate::theme::builtin_static(rest).is_some()
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// `practices/supervision` + `../hiring/x.md` → `practices/hiring/x.md`.
fn join_relative(base_dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = base_dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_joins() {
        assert_eq!(join_relative("practices/a", "../b/x.md"), "practices/b/x.md");
        assert_eq!(join_relative("", "about.md"), "about.md");
        assert_eq!(join_relative("tips", "../../../x.md"), "x.md");
    }

    #[test]
    fn schemes() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("a/b:c"));
        assert!(!has_scheme("x.md"));
    }
}
