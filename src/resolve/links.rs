//! What one link or image destination written in Markdown points to: another
//! content file (`../area/x.md`, `@/practices/a/x.md`), a page of the site by
//! its address (`/practices/`), a file of static/ (`/img/map.svg`), or
//! something outside the site. A destination that names nothing is a
//! diagnostic with the nearest name that exists.

use std::collections::HashSet;

use crate::diagnostic::{Code, Diagnostic, nearest};
use crate::guide::{DocId, Guide, Target};

/// What a link to a heading on another page needs checked once every page is scanned.
pub struct PendingAnchor {
    pub target: DocId,
    pub fragment: String,
    pub line: usize,
    pub column: usize,
}

/// The site's static files by site path (`img/map.svg`).
pub type Statics = HashSet<String>;

/// Decides what `dest`, written in doc `from`, becomes. `#anchors` on other
/// pages are handed to `defer_anchor`, to be checked when every page is known.
pub fn resolve_link(
    g: &Guide,
    statics: &Statics,
    from: DocId,
    dest: &str,
    is_image: bool,
    defer_anchor: &mut dyn FnMut(DocId, String),
) -> (Target, Option<Diagnostic>) {
    let broken =
        |message: String, help: String| Some(Diagnostic::error(Code::BrokenLink, "", 0, message).with_help(help));
    let dest = dest.trim();
    let lower = dest.to_ascii_lowercase();
    if lower.starts_with("javascript:") || lower.starts_with("vbscript:") || (lower.starts_with("data:") && !is_image) {
        return (Target::Nowhere, None);
    }
    if lower.starts_with("http://") {
        let warning = Diagnostic::warning(Code::InsecureLink, "", 0, format!("`{dest}` is a plain http:// link"))
            .with_help(format!("use https://{} if the site supports it", &dest[7..]));
        return (Target::Keep, Some(warning));
    }
    if dest.is_empty() || dest.starts_with("//") || has_scheme(dest) {
        return (Target::Keep, None);
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        if !fragment.is_empty() {
            defer_anchor(from, fragment.to_string());
        }
        return (Target::Keep, None);
    }
    let (path_part, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let base = g.docs[from].content_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let content_target = if let Some(rest) = path_part.strip_prefix("@/") {
        Some(rest.to_string())
    } else if path_part.ends_with(".md") && !path_part.starts_with('/') {
        Some(join_relative(base, path_part))
    } else {
        None
    };
    if let Some(target_path) = content_target {
        let Some(target) = g.by_content_path(&target_path).or_else(|| g.find(&target_path)) else {
            if g.is_draft(&target_path) {
                return (
                    Target::Nowhere,
                    broken(
                        format!("the link `{dest}` points to a draft; it is left out unless you build with --drafts"),
                        "publish the page (remove `draft: true`), build with --drafts to preview it, or remove the link"
                            .into(),
                    ),
                );
            }
            let near = nearest(&target_path, g.content_paths());
            return (
                Target::Nowhere,
                broken(
                    format!("the link `{dest}` points to a page that does not exist"),
                    match near {
                        // In the form the editor wrote the link.
                        Some(n) if path_part.starts_with("@/") => format!("did you mean `@/{n}`?"),
                        Some(n) => format!("did you mean `{}`?", relative_to(base, n)),
                        None => "link with a path relative to this file, or from content/ as \
                                 @/practices/<area>/<practice>.md"
                            .into(),
                    },
                ),
            );
        };
        let fragment = fragment.filter(|f| !f.is_empty()).map(str::to_string);
        if let Some(f) = &fragment {
            defer_anchor(target, f.clone());
        }
        return (Target::Doc { id: target, fragment }, None);
    }
    let Some(rest) = dest.strip_prefix('/') else { return (Target::Keep, None) };
    let path = path_part.split('?').next().unwrap_or_default().trim_start_matches('/');
    if path.ends_with('/') && !g.publishes(path) && !statics.contains(&format!("{path}index.html")) {
        let near = nearest_address(g, path);
        return (
            Target::Nowhere,
            broken(
                format!("`{dest}` is not the address of a page of this guide"),
                match near {
                    Some(n) => format!("did you mean `/{n}`?"),
                    None => "link to the Markdown file instead, e.g. @/practices/<area>/<practice>.md, and practica \
                             writes its address"
                        .into(),
                },
            ),
        );
    }
    if !path.is_empty() && !path.ends_with('/') && !statics.contains(path) && g.find(path).is_none() {
        let missing = Diagnostic::error(Code::MissingStatic, "", 0, format!("`{dest}` is not a file in static/"))
            .with_help(format!("put the file at static/{path}, or fix the path"));
        return (Target::Nowhere, Some(missing));
    }
    (Target::Site(rest.to_string()), None)
}

/// The nearest page address, among its siblings first: comparing with every
/// address of a guide of 10,000 practices would be slow for many broken links.
fn nearest_address<'g>(g: &'g Guide, address: &str) -> Option<&'g str> {
    let parent = address.trim_end_matches('/').rsplit_once('/').map_or("", |(p, _)| p);
    let siblings = g.published().filter(|a| a.starts_with(parent));
    nearest(address, siblings).or_else(|| {
        let all: Vec<&str> = g.published().collect();
        (all.len() <= 5_000).then(|| nearest(address, all)).flatten()
    })
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

/// The path from folder `base_dir` to content path `target`:
/// `practices/a` and `practices/b/x.md` → `../b/x.md`.
fn relative_to(base_dir: &str, target: &str) -> String {
    let from: Vec<&str> = base_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = target.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend_from_slice(&to[common..]);
    parts.join("/")
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
    fn relative_paths_for_suggestions() {
        assert_eq!(relative_to("practices/a", "practices/b/x.md"), "../b/x.md");
        assert_eq!(relative_to("practices/a", "practices/a/y.md"), "y.md");
        assert_eq!(relative_to("", "tips/t.md"), "tips/t.md");
        assert_eq!(relative_to("tips", "about.md"), "../about.md");
    }

    #[test]
    fn schemes() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("a/b:c"));
        assert!(!has_scheme("x.md"));
    }
}
