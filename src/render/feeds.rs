//! The files for machines: sitemap.xml (every web page, with the host) and
//! robots.txt, from the theme's templates of the same names.

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
}

pub fn render(guide: &Guide, templates: &Templates, pages: &[Page], sink: &dyn Sink, diags: &mut Diagnostics) {
    let urls: Vec<Url> = pages
        .iter()
        .filter(|p| !matches!(p.kind, PageKind::NotFound | PageKind::Search))
        .map(|p| Url { loc: guide.addresses.absolute(&p.path) })
        .collect();
    let mut ctx = templates.context(SITEMAP);
    ctx.insert("urls", &urls);
    write(templates, SITEMAP, &ctx, sink, diags);
    let mut ctx = templates.context(ROBOTS);
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
