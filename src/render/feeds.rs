//! The files for machines: sitemap.xml (every web page, with the host) and
//! robots.txt, from the theme's templates of the same names, and each
//! language's Atom feed of the changes editors noted (`feed.xml`).

use std::collections::HashMap;

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::guide::address::{ROBOTS, SITEMAP};
use crate::guide::pages::{Page, PageKind};
use crate::guide::{Guide, Texts};
use crate::render::markdown::Rendered;
use crate::render::sink::{OutFile, Sink};
use crate::render::templates::Templates;
use crate::render::updates;
use crate::render::view::View;

#[derive(Serialize)]
struct Url {
    loc: String,
    /// The day its file last changed, from git.
    lastmod: Option<String>,
    /// The same page in the guide's other languages.
    alternates: Vec<Alternate>,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    href: String,
}

pub fn render(
    guide: &Guide,
    texts: &Texts,
    templates: &Templates,
    pages: &[Page],
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) {
    atom(guide, texts, templates, sink, diags);
    let listed: Vec<&Page> =
        pages.iter().filter(|p| !matches!(p.kind, PageKind::NotFound | PageKind::Search)).collect();
    // Which page of another edition is the same page: a doc and its
    // translation, or a generated page at the same place.
    let same = |p: &Page| match p.kind {
        PageKind::Doc(id) => format!("doc {}", guide.original(id)),
        _ => p.path.strip_prefix(&guide.editions[p.edition].routes.home()).unwrap_or(&p.path).to_string(),
    };
    let mut versions: HashMap<String, Vec<&Page>> = HashMap::new();
    for p in &listed {
        versions.entry(same(p)).or_default().push(p);
    }
    let urls: Vec<Url> = listed
        .iter()
        .map(|p| {
            let others = versions.get(&same(p)).map(Vec::as_slice).unwrap_or_default();
            let alternates = if others.len() > 1 {
                others
                    .iter()
                    .map(|o| Alternate {
                        lang: guide.editions[o.edition].code.clone(),
                        href: guide.addresses.absolute(&o.path),
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let lastmod = match p.kind {
                PageKind::Doc(id) => guide.docs[id].updated.map(|d| d.format("%Y-%m-%d").to_string()),
                _ => None,
            };
            Url { loc: guide.addresses.absolute(&p.path), lastmod, alternates }
        })
        .collect();
    let mut ctx = templates.context(SITEMAP, 0);
    ctx.insert("urls", &urls);
    write(templates, SITEMAP, &ctx, sink, diags);
    let mut ctx = templates.context(ROBOTS, 0);
    ctx.insert("sitemap", &guide.addresses.absolute(SITEMAP));
    write(templates, ROBOTS, &ctx, sink, diags);
}

fn write(templates: &Templates, name: &str, ctx: &tera::Context, sink: &dyn Sink, diags: &mut Diagnostics) {
    let result = templates
        .render(name, ctx, &format!("/{name}"))
        .and_then(|text| sink.put(OutFile { path: name.to_string(), bytes: text.into_bytes() }));
    if let Err(d) = result {
        diags.push(d);
    }
}

/// Each edition's Atom feed of the changes on "What's new". A feed reader
/// needs absolute links, so without a host there is no feed, and the build
/// says so once.
fn atom(guide: &Guide, texts: &Texts, templates: &Templates, sink: &dyn Sink, diags: &mut Diagnostics) {
    use atom_syndication::{Content, Entry, Feed, FixedDateTime, Person, Text};
    if !guide.has_changes() {
        return;
    }
    if !guide.addresses.has_host() {
        diags.push(
            Diagnostic::warning(
                Code::FeedWithoutHost,
                "guide.yaml",
                0,
                "the guide's changes are on \"What's new\", but not in a feed: a feed needs the guide's full address",
            )
            .with_help(
                "set base_url to the address the guide is published at, e.g. base_url: https://example.org/guide/",
            ),
        );
        return;
    }
    let day = |iso: &str| -> FixedDateTime {
        chrono::DateTime::parse_from_rfc3339(&format!("{iso}T00:00:00Z")).unwrap_or_default()
    };
    for (n, e) in guide.editions.iter().enumerate() {
        let path = e.routes.feed();
        let view = View { guide, texts, templates, edition: n, from: &path, markdown: &Rendered::default() };
        let changes = updates::whats_new(&view);
        let mut seen: HashMap<String, usize> = HashMap::new();
        let entries: Vec<Entry> = changes
            .iter()
            .filter_map(|c| {
                let page = c.page.as_ref()?;
                let url = c.address.clone();
                // Stable across builds: the page, the day, and which change of that day.
                let key = format!("{url}#{}", c.date.iso);
                let nth = seen.entry(key.clone()).and_modify(|k| *k += 1).or_insert(1);
                let mut entry = Entry::default();
                entry.set_id(format!("{key}-{nth}"));
                entry.set_title(Text::plain(page.title.clone()));
                entry.set_updated(day(&c.date.iso));
                entry.set_links(vec![link(&url, "alternate")]);
                let mut content = Content::default();
                content.set_content_type(Some("text".to_string()));
                content.set_value(Some(c.note.clone()));
                entry.set_content(Some(content));
                Some(entry)
            })
            .collect();
        let whats_new = guide.addresses.absolute(&e.routes.whats_new());
        let mut feed = Feed::default();
        let title = view.guide_title();
        feed.set_title(Text::plain(view.strings().format("feed_title", None, &[("title", &title)])));
        feed.set_id(whats_new.clone());
        feed.set_updated(changes.first().map(|c| day(&c.date.iso)).unwrap_or_default());
        feed.set_lang(Some(e.code.clone()));
        let mut author = Person::default();
        author.set_name(title);
        author.set_uri(Some(guide.addresses.absolute(&e.routes.home())));
        feed.set_authors(vec![author]);
        feed.set_links(vec![link(&whats_new, "alternate"), link(&guide.addresses.absolute(&path), "self")]);
        feed.set_entries(entries);
        // XML 1.0 cannot hold control characters or U+FFFE/U+FFFF at all, even
        // escaped: a feed with one does not parse. They are left out (resolve
        // warned about each), whatever text they came in.
        let xml: String = feed.to_string().chars().filter(|&c| crate::text::xml_char(c)).collect();
        if let Err(d) = sink.put(OutFile { path, bytes: xml.into_bytes() }) {
            diags.push(d);
        }
    }
}

fn link(href: &str, rel: &str) -> atom_syndication::Link {
    let mut l = atom_syndication::Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l
}
