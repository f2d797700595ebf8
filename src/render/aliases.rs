//! The pages at old addresses (`aliases:`): each sends the reader on to the
//! page where it is now at once, with a plain link for a browser that does
//! not follow the refresh. Search engines are told the page's address now and
//! not to list the old one; the sitemap, search and navigation leave them out.

use crate::diagnostic::Diagnostics;
use crate::guide::address::output_file;
use crate::guide::{Alias, Guide};
use crate::render::sink::{OutFile, Sink};
use crate::render::templates::Templates;
use crate::text::escape::escape_html;

pub fn render(guide: &Guide, templates: &Templates, sink: &dyn Sink, diags: &mut Diagnostics) {
    for alias in &guide.aliases {
        if let Err(d) =
            sink.put(OutFile { path: output_file(&alias.path), bytes: page(guide, templates, alias).into_bytes() })
        {
            diags.push(d);
        }
    }
}

fn page(guide: &Guide, templates: &Templates, alias: &Alias) -> String {
    let doc = &guide.docs[alias.doc];
    let edition = doc.lang.as_ref().and_then(|l| guide.editions.iter().position(|e| &e.code == l)).unwrap_or(0);
    let words = templates.strings(edition);
    let to = guide.path(alias.doc);
    let href = escape_html(&guide.addresses.href(&alias.path, to)).into_owned();
    let title = escape_html(&doc.title).into_owned();
    let heading = escape_html(&words.format("moved_title", None, &[("title", &doc.title)])).into_owned();
    let lead = escape_html(&words.get("moved_lead")).into_owned();
    let lang = escape_html(&guide.editions[edition].code).into_owned();
    let dir = guide.editions[edition].dir;
    let canonical = guide
        .addresses
        .canonical(to)
        .map(|c| format!("<link rel=\"canonical\" href=\"{}\">", escape_html(&c)))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{heading}</title>\n\
{canonical}\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n\
</head>\n<body>\n<main>\n<h1>{heading}</h1>\n<p>{lead} <a href=\"{href}\">{title}</a></p>\n</main>\n</body>\n</html>\n"
    )
}
