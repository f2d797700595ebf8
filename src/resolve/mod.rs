//! Resolve: ties the loaded files together into the [`Guide`] the renderers
//! read, and checks every reference between them.
//!
//! Areas get their practices, practices their neighbours, related practices,
//! tips, sources and audiences; every link in the Markdown is decided. Every
//! reference that points nowhere becomes a diagnostic here, so later stages
//! can trust the model completely. Nothing here reads the disk: the static
//! files that links may name come in as a set.

pub mod aliases;
pub mod anchors;
pub mod bundles;
pub mod html;
pub mod links;
pub mod pasted;
pub mod relations;
pub mod reviews;
pub mod scan;
pub mod translations;
pub mod values;
pub mod warnings;

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::guide::address::RESERVED;
use crate::guide::{Addresses, Area, Config, Doc, DocId, Guide, Kind, Routes, Scan, Texts, pages};
use crate::load::ContentFile;
pub use links::Statics;

/// What a guide is resolved from: `load`'s reading of the site.
pub struct Input<'a> {
    pub config: Config,
    pub sources: Vec<ContentFile>,
    /// Content paths of the drafts left out, so links to them are explained.
    pub drafts: &'a [String],
    /// The static files links may name.
    pub statics: &'a Statics,
    /// guide.yaml's words in each other language.
    pub texts: Vec<(String, crate::load::translations::ConfigText)>,
    /// The name of the guide's own language, in itself (`English`).
    pub language_name: String,
    /// Content files git saw renamed (read for `check`'s notes only).
    pub renames: Vec<crate::load::git::Rename>,
}

/// Builds the guide from what `load` read. Problems go to `diags`; the guide
/// is made whatever they are, so that `check` can report everything at once.
pub fn resolve(input: Input, diags: &mut Diagnostics) -> (Guide, Texts) {
    let Input { mut config, mut sources, drafts, statics, texts, language_name, renames } = input;
    let renames = &renames;
    sources.sort_by(|a, b| a.doc.file.cmp(&b.doc.file));
    let (translations, sources): (Vec<ContentFile>, Vec<ContentFile>) =
        sources.into_iter().partition(|s| s.doc.lang.is_some());
    let (docs, mut bodies): (Vec<Doc>, Vec<String>) = sources.into_iter().map(|s| (s.doc, s.body)).unzip();
    if !config.audiences_declared {
        config.audiences = relations::audiences_from_pages(&docs);
    }
    let routes = Routes::default_language();
    let paths: Vec<String> = docs.iter().map(|d| routes.doc(d)).collect();
    check_addresses(&docs, &paths, diags);

    let by_content_path: HashMap<String, DocId> =
        docs.iter().enumerate().map(|(i, d)| (d.content_path.clone(), i)).collect();
    let mut home = None;
    let mut sections = HashMap::new();
    let (mut area_ids, mut tips, mut checklists, mut plain) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (i, d) in docs.iter().enumerate() {
        match d.kind {
            Kind::Home => home = Some(i),
            Kind::Section => {
                sections.insert(d.slug.clone(), i);
            }
            Kind::Area => area_ids.push(i),
            Kind::Tip => tips.push(i),
            Kind::Checklist => checklists.push(i),
            Kind::Page => plain.push(i),
            Kind::Practice => {}
        }
    }
    let order = |ids: &mut Vec<DocId>| by_weight(&docs, ids);
    for list in [&mut area_ids, &mut tips, &mut checklists, &mut plain] {
        order(list);
    }
    let areas = areas(&docs, &area_ids, diags);
    let practices: Vec<DocId> = areas.iter().flat_map(|a| a.practices.iter().copied()).collect();
    let draft_set: HashSet<String> = drafts.iter().cloned().collect();
    let related = relations::resolve(&config, &docs, &draft_set, &areas, &practices, &order, diags);

    let mut guide = Guide {
        addresses: Addresses::new(&config.base_url),
        routes,
        config,
        originals: docs.len(),
        original_of: vec![None; docs.len()],
        editions: Vec::new(),
        docs,
        paths,
        relations: related.relations,
        home,
        sections,
        areas,
        practices,
        tips,
        checklists,
        pages: plain,
        tags: related.tags,
        audiences: related.audiences,
        by_content_path,
        published: HashSet::new(),
        drafts: draft_set,
        aliases: Vec::new(),
    };
    translations::attach(&mut guide, &mut bodies, translations, texts, &language_name, diags);
    check_translated_addresses(&guide, diags);
    guide.published = published(&guide);
    guide.aliases = aliases::resolve(&guide, diags);
    aliases::renamed(&guide, renames, diags);
    let scans = scan_all(&guide, &bodies, statics, diags);
    warnings::check(&guide, &scans, diags);
    values::check(&guide, diags);
    bundles::check(&guide, diags);
    translations::report(&guide, &bodies, &scans, diags);
    reviews::report(&guide, diags);
    if guide.home.is_none() && !diags.iter().any(|d| d.code == Code::Misplaced && d.line == 0) {
        diags.push(
            Diagnostic::warning(Code::Misplaced, "content/_index.md", 0, "the guide has no home page text")
                .with_help("create content/_index.md with a title and a few words of welcome"),
        );
    }
    (guide, Texts { bodies, scans })
}

pub(crate) fn by_weight(docs: &[Doc], ids: &mut [DocId]) {
    ids.sort_by(|a, b| {
        let (a, b) = (&docs[*a], &docs[*b]);
        a.weight
            .cmp(&b.weight)
            .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
            .then(a.file.cmp(&b.file))
    });
}

/// Two files published at one address, or a plain page where practica
/// publishes its own pages (content/tags.md would be written over, or over them).
fn check_addresses(docs: &[Doc], paths: &[String], diags: &mut Diagnostics) {
    let mut by_path: HashMap<&str, DocId> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        match by_path.get(paths[i].as_str()) {
            Some(&other) => diags.push(
                Diagnostic::error(
                    Code::DuplicateUrl,
                    &d.file,
                    1,
                    format!("this page would be published at /{} like another file", paths[i]),
                )
                .with_help(format!(
                    "{} claims the same address; rename one of the two files",
                    docs[other].file.display()
                )),
            ),
            None => {
                by_path.insert(&paths[i], i);
            }
        }
    }
    for (d, path) in docs.iter().zip(paths) {
        let first = path.split('/').next().unwrap_or_default();
        if d.kind == Kind::Page && RESERVED.contains(&first) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateUrl,
                    &d.file,
                    1,
                    format!("this page would be published at /{path}, where practica publishes its own pages"),
                )
                .with_help(format!(
                    "rename the file or move it to another folder; {} are practica's",
                    RESERVED.iter().map(|r| format!("/{r}/")).collect::<Vec<_>>().join(", ")
                )),
            );
        }
    }
}

/// A plain page of the guide's own language whose address starts with a
/// language code (`content/es/about.md`) would collide with that edition.
fn check_translated_addresses(guide: &Guide, diags: &mut Diagnostics) {
    for &p in &guide.pages {
        let first = guide.paths[p].split('/').next().unwrap_or_default();
        if let Some(e) = guide.editions.iter().find(|e| !e.default && e.code == first) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateUrl,
                    &guide.docs[p].file,
                    1,
                    format!("this page would be published at /{}, in the {} edition's folder", guide.paths[p], e.name),
                )
                .with_help(format!("move it to another folder; /{}/ holds the guide in {}", e.code, e.name)),
            );
        }
    }
}

/// The areas in weight order, each with its practices in weight order.
fn areas(docs: &[Doc], area_ids: &[DocId], diags: &mut Diagnostics) -> Vec<Area> {
    let mut areas: Vec<Area> = area_ids.iter().map(|&doc| Area { doc, practices: Vec::new() }).collect();
    let area_by_slug: HashMap<&str, usize> =
        area_ids.iter().enumerate().map(|(n, &i)| (docs[i].slug.as_str(), n)).collect();
    for (i, d) in docs.iter().enumerate() {
        if d.kind != Kind::Practice {
            continue;
        }
        let area_slug = d.area.as_deref().unwrap_or_default();
        match area_by_slug.get(area_slug) {
            Some(&n) => areas[n].practices.push(i),
            None => diags.push(
                Diagnostic::error(Code::Misplaced, &d.file, 1, format!("the area `{area_slug}` has no _index.md"))
                    .with_help(format!(
                        "create content/practices/{area_slug}/_index.md with a title and a summary for the area"
                    )),
            ),
        }
    }
    for a in &mut areas {
        by_weight(docs, &mut a.practices);
    }
    areas
}

/// Every page address the build publishes, web pages and handouts, in every edition.
fn published(g: &Guide) -> HashSet<String> {
    g.editions
        .iter()
        .flat_map(|e| {
            let web = pages::web_pages(g, e).into_iter().map(|p| p.path);
            web.chain(pages::handouts(g, e).into_iter().map(|p| p.path))
        })
        .collect()
}

/// Scans every doc's Markdown in parallel, then checks the `#anchors` of links
/// between docs, which needs every doc's headings.
fn scan_all(g: &Guide, bodies: &[String], statics: &Statics, diags: &mut Diagnostics) -> Vec<Scan> {
    let results: Vec<(Scan, Vec<links::PendingAnchor>, Diagnostics)> =
        (0..g.docs.len()).into_par_iter().map(|i| scan_doc(g, i, &bodies[i], statics)).collect();
    let mut scans = Vec::with_capacity(results.len());
    let mut pending = Vec::with_capacity(results.len());
    for (scan, anchors, found) in results {
        scans.push(scan);
        pending.push(anchors);
        diags.append(found);
    }
    for (i, anchors) in pending.into_iter().enumerate() {
        anchors::check(g, &scans, i, anchors, diags);
    }
    scans
}

/// Scans one doc's Markdown, deciding its links against the guide.
pub(crate) fn scan_doc(
    g: &Guide,
    id: DocId,
    body: &str,
    statics: &Statics,
) -> (Scan, Vec<links::PendingAnchor>, Diagnostics) {
    let doc = &g.docs[id];
    let mut diags = Diagnostics::new();
    let mut pending = Vec::new();
    let mut resolve = |dest: &str, is_image: bool, line: usize, column: usize| {
        links::resolve_link(g, statics, id, dest, is_image, &mut |target, fragment| {
            pending.push(links::PendingAnchor { target, fragment, line, column });
        })
    };
    let unsafe_html = g.config.unsafe_html;
    let scan = scan::scan(body, &doc.file, doc.body_line, unsafe_html, &mut resolve, &mut diags);
    warnings::heading_skips(doc, &scan, &mut diags);
    (scan, pending, diags)
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::guide::Target;
    use crate::testing::{GUIDE_YAML, area, practice, site};

    fn codes(s: &crate::testing::Site) -> Vec<(Code, String)> {
        s.diags.iter().map(|d| (d.code, d.message.clone())).collect()
    }

    #[test]
    fn areas_order_practices_and_link_neighbours() {
        let s = site(
            GUIDE_YAML,
            &[
                ("practices/hiring/_index.md", &area("Hiring")),
                ("practices/hiring/b.md", &practice("Bee", "weight: 2\n", "")),
                ("practices/hiring/a.md", &practice("Ay", "weight: 1\nrelated: [b]\n", "")),
            ],
        );
        let g = &s.guide;
        let titles: Vec<&str> = g.practices.iter().map(|&p| g.docs[p].title.as_str()).collect();
        assert_eq!(titles, ["Ay", "Bee"]);
        let a = g.find("practices/hiring/a").unwrap();
        let b = g.find("practices/hiring/b").unwrap();
        assert_eq!(g.relations[a].next, Some(b));
        assert_eq!(g.relations[b].prev, Some(a));
        assert_eq!(g.relations[a].related, [b]);
        assert_eq!(g.path(a), "practices/hiring/a/");
        assert!(!s.diags.has_errors(), "{:?}", codes(&s));
    }

    #[test]
    fn links_are_decided_by_what_they_name() {
        let body = "[rel](b.md) [root](@/practices/hiring/b.md#why) [page](/tips/) [img](/img/map.svg) \
                    [out](https://example.org/) [self](#top) [js](javascript:alert(1))";
        let s = site(
            GUIDE_YAML,
            &[
                ("practices/hiring/_index.md", &area("Hiring")),
                ("practices/hiring/a.md", &practice("Ay", "", body)),
                ("practices/hiring/b.md", &practice("Bee", "", "## Why\n")),
                ("tips/t.md", "---\ntitle: T\n---\n"),
            ],
        );
        let a = s.guide.find("practices/hiring/a").unwrap();
        let b = s.guide.find("practices/hiring/b").unwrap();
        assert_eq!(
            s.texts.scans[a].links,
            [
                Target::Doc { id: b, fragment: None },
                Target::Doc { id: b, fragment: Some("why".into()) },
                Target::Site("tips/".into()),
                Target::Site("img/map.svg".into()),
                Target::Keep,
                Target::Keep,
                Target::Nowhere,
            ]
        );
        let broken_anchor = s.diags.iter().any(|d| d.code == Code::BrokenAnchor && d.message.contains("#top"));
        assert!(broken_anchor, "#top names no heading of the page: {:?}", codes(&s));
    }

    #[test]
    fn what_names_nothing_is_reported_with_the_nearest_name() {
        let s = site(
            GUIDE_YAML,
            &[
                ("practices/hiring/_index.md", &area("Hiring")),
                (
                    "practices/hiring/a.md",
                    &practice("Ay", "related: [bb]\n", "[x](bee.md) [y](/img/mpa.svg) [z](/tipz/)"),
                ),
                ("practices/hiring/b.md", &practice("Bee", "", "")),
            ],
        );
        let found = codes(&s);
        let help = |code: Code| s.diags.iter().find(|d| d.code == code).and_then(|d| d.help.clone()).unwrap();
        assert!(found.iter().any(|(c, m)| *c == Code::UnknownReference && m.contains("`bb`")), "{found:?}");
        assert_eq!(help(Code::UnknownReference), "did you mean `b`?");
        assert!(found.iter().any(|(c, m)| *c == Code::BrokenLink && m.contains("bee.md")), "{found:?}");
        assert!(found.iter().any(|(c, m)| *c == Code::MissingStatic && m.contains("mpa.svg")), "{found:?}");
        assert!(found.iter().any(|(c, m)| *c == Code::BrokenLink && m.contains("/tipz/")), "{found:?}");
    }

    #[test]
    fn a_plain_page_cannot_take_an_address_practica_uses() {
        let s = site(GUIDE_YAML, &[("tags.md", "---\ntitle: Tags\n---\n"), ("_index.md", "---\ntitle: Home\n---\n")]);
        assert_eq!(codes(&s).iter().filter(|(c, _)| *c == Code::DuplicateUrl).count(), 1, "{:?}", codes(&s));
    }

    #[test]
    fn a_tip_for_an_area_applies_to_its_practices() {
        let s = site(
            GUIDE_YAML,
            &[
                ("practices/hiring/_index.md", &area("Hiring")),
                ("practices/hiring/a.md", &practice("Ay", "", "")),
                ("tips/t.md", "---\ntitle: T\napplies_to: [hiring]\n---\n"),
            ],
        );
        let a = s.guide.find("practices/hiring/a").unwrap();
        let t = s.guide.find("tips/t").unwrap();
        assert_eq!(s.guide.relations[a].tips, [t]);
    }
}
