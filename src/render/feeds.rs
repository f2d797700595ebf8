//! The files for machines: sitemap.xml (every web page, with the host) and
//! robots.txt, from the theme's templates of the same names.

use std::collections::HashMap;

use serde::Serialize;

use crate::diagnostic::Diagnostics;
use crate::guide::Guide;
use crate::guide::address::{ROBOTS, SITEMAP};
use crate::guide::pages::{Page, PageKind};
use crate::render::sink::{OutFile, Sink};
use crate::render::templates::Templates;

#[derive(Serialize)]
struct Url {
    loc: String,
    /// The same page in the guide's other languages.
    alternates: Vec<Alternate>,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    href: String,
}

pub fn render(guide: &Guide, templates: &Templates, pages: &[Page], sink: &dyn Sink, diags: &mut Diagnostics) {
    let listed: Vec<&Page> =
        pages.iter().filter(|p| !matches!(p.kind, PageKind::NotFound | PageKind::Search)).collect();
    // Which page of another edition is the same page: a doc and its
    // translation, or a generated page at the same place.
    let same = |p: &Page| match p.kind {
        PageKind::Doc(id) => format!("doc {}", guide.source(id)),
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
            Url { loc: guide.addresses.absolute(&p.path), alternates }
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
