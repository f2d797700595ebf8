//! The editing bar every served page carries while editing is on: "Edit
//! this page", "Guide status" and "New page". Its styles are its own (inline)
//! so any theme shows it the same, and it wraps rather than widening the
//! page on a phone. Light, so the theme's focus outline (made for light
//! backgrounds) shows on its links.

use super::index::Target;
use super::query::encode;

const STYLE: &str = "display:block;box-sizing:border-box;max-width:100%;margin:0;padding:6px 12px;\
background:#fff4d6;color:#1b2530;font:15px/1.5 system-ui,sans-serif;border-bottom:3px solid #d99a00";
const LIST: &str = "display:flex;flex-wrap:wrap;gap:2px 18px;align-items:baseline;margin:0;padding:0;list-style:none";
const LINK: &str = "color:#0b4a73;text-decoration:underline;text-underline-offset:2px";

/// The bar's HTML, for a page made from `target` (none for generated pages).
pub fn html(target: Option<&Target>) -> String {
    let link = |href: &str, text: &str| format!("<li><a style=\"{LINK}\" href=\"{href}\">{text}</a></li>");
    let mut items = String::from("<li style=\"font-weight:700\">Preview</li>");
    match target {
        Some(Target::Edit(file)) => {
            items.push_str(&link(&format!("/__practica/edit?file={}", encode(file)), "Edit this page"))
        }
        Some(Target::Translate(file, lang)) => items.push_str(&link(
            &format!("/__practica/translate?file={}&amp;lang={}", encode(file), encode(lang)),
            "Edit this translation",
        )),
        None => {}
    }
    items.push_str(&link("/__practica/status", "Guide status"));
    items.push_str(&link("/__practica/new", "New page"));
    format!(
        "<nav aria-label=\"Editing\" lang=\"en\" data-practica-editbar style=\"{STYLE}\"><ul style=\"{LIST}\">{items}</ul></nav>"
    )
}

/// Keeps the bar off paper: a handout printed from the preview prints as
/// the built one does.
const PRINT: &str =
    "<style data-practica-editbar>@media print{[data-practica-editbar]{display:none!important}}</style>";

/// `page` with the bar as the first thing of its body, after the skip link
/// if it starts with one, so the skip link stays the first thing to tab to,
/// and the style that hides it in print at the end of its head.
pub fn inject(page: &[u8], bar: &str) -> Vec<u8> {
    let Some(at) = body_start(page) else { return page.to_vec() };
    let at = after_skip_link(page, at).unwrap_or(at);
    let head_end = page[..at].windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</head>"));
    let mut out = Vec::with_capacity(page.len() + bar.len() + PRINT.len());
    match head_end {
        Some(h) => {
            out.extend_from_slice(&page[..h]);
            out.extend_from_slice(PRINT.as_bytes());
            out.extend_from_slice(&page[h..at]);
        }
        None => out.extend_from_slice(&page[..at]),
    }
    out.extend_from_slice(bar.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// Just after the `<body ...>` tag.
fn body_start(page: &[u8]) -> Option<usize> {
    let open = page.windows(5).position(|w| w.eq_ignore_ascii_case(b"<body"))?;
    let close = page[open..].iter().position(|&b| b == b'>')?;
    Some(open + close + 1)
}

/// After a skip link (`<a class="skip-link" ...>...</a>`) that opens the body.
fn after_skip_link(page: &[u8], from: usize) -> Option<usize> {
    let rest = &page[from..];
    let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &rest[start..];
    let tag_end = rest.iter().position(|&b| b == b'>')?;
    let tag = String::from_utf8_lossy(&rest[..tag_end]).to_ascii_lowercase();
    if !(tag.starts_with("<a ") && tag.contains("skip")) {
        return None;
    }
    let close = rest.windows(4).position(|w| w.eq_ignore_ascii_case(b"</a>"))?;
    Some(from + start + close + 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_comes_after_the_skip_link() {
        let page = b"<html><body class=x>\n<a class=\"skip-link\" href=\"#main\">Skip</a><main></main></body></html>";
        let out = String::from_utf8(inject(page, "<nav>B</nav>")).unwrap();
        assert!(out.contains("Skip</a><nav>B</nav><main>"), "{out}");
        let plain = String::from_utf8(inject(b"<body><main></main></body>", "<nav>B</nav>")).unwrap();
        assert_eq!(plain, "<body><nav>B</nav><main></main></body>");
        let headed = String::from_utf8(inject(b"<head><title>T</title></head><body></body>", "<nav>B</nav>")).unwrap();
        assert_eq!(headed, format!("<head><title>T</title>{PRINT}</head><body><nav>B</nav></body>"));
    }

    #[test]
    fn the_bar_links_to_the_pages_file() {
        let bar = html(Some(&Target::Edit("content/practices/a b/x.md".into())));
        assert!(bar.contains("/__practica/edit?file=content%2Fpractices%2Fa%20b%2Fx.md"), "{bar}");
        let tr = html(Some(&Target::Translate("content/about.md".into(), "es".into())));
        assert!(tr.contains("/__practica/translate?file=content%2Fabout.md&amp;lang=es"), "{tr}");
        assert!(!html(None).contains("Edit this"));
    }
}
