//! A page's old addresses (`aliases:`). Each is published as a small page
//! that sends readers on to the page where it is now, so links in other
//! sites and QR codes already printed on handouts keep working after a
//! page is renamed or moved. An alias may not be an address the guide uses
//! for a page, nor another page's alias.
//!
//! Also: the notes `check` gives for a page renamed in git whose old address
//! now leads nowhere, with the alias line to add.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::guide::{Alias, DocId, Guide};
use crate::load::git::Rename;

/// Every doc's aliases, checked; problems are errors at the `aliases:` line.
pub fn resolve(guide: &Guide, diags: &mut Diagnostics) -> Vec<Alias> {
    let mut out: Vec<Alias> = Vec::new();
    let mut taken: HashMap<String, DocId> = HashMap::new();
    let page_at: HashMap<&str, DocId> = guide.paths.iter().enumerate().map(|(i, p)| (p.as_str(), i)).collect();
    for (id, doc) in guide.docs.iter().enumerate() {
        let line = doc.line_of("aliases");
        for written in &doc.aliases {
            let path = match site_path(written, guide.addresses.base_path()) {
                Ok(p) => p,
                Err(why) => {
                    diags.push(
                        Diagnostic::error(Code::BadAlias, &doc.file, line, format!("the alias `{written}` {why}"))
                            .with_help("write the old address as the browser showed it after the guide's address, e.g. practices/supervision/old-name/"),
                    );
                    continue;
                }
            };
            let clash = |what: String| {
                Diagnostic::error(Code::DuplicateUrl, &doc.file, line, format!("the alias /{path} is {what}"))
                    .with_help("remove it from `aliases:`; an alias must be an address no page of the guide has")
            };
            if let Some(&other) = page_at.get(path.as_str()) {
                let whose = if other == id {
                    "this page's own address".to_string()
                } else {
                    format!("the address of {}", guide.docs[other].file.display())
                };
                diags.push(clash(whose));
            } else if guide.published.contains(&path) {
                diags.push(clash("the address of a page practica makes (a list, a handout or search)".into()));
            } else if let Some(&other) = taken.get(&path) {
                let whose = if other == id {
                    "written twice".to_string()
                } else {
                    format!("also an alias of {}", guide.docs[other].file.display())
                };
                diags.push(clash(whose));
            } else {
                taken.insert(path.clone(), id);
                out.push(Alias { path, doc: id });
            }
        }
    }
    out
}

/// The site path of an alias as written, or why it is not one. The guide's
/// own address (`/guides/peer/`) may be written in front of it.
fn site_path(written: &str, base_path: &str) -> Result<String, &'static str> {
    let mut s = written.trim();
    if s.contains("://") || s.starts_with("//") {
        return Err("names a web site: write only the address's path, without https:// and the host");
    }
    if base_path != "/"
        && let Some(rest) = s.strip_prefix(base_path.trim_end_matches('/'))
        && (rest.is_empty() || rest.starts_with('/'))
    {
        s = rest;
    }
    let s = s.trim_start_matches('/');
    if s.is_empty() {
        return Err("is the guide's home page");
    }
    if s.chars().any(|c| c.is_control() || c.is_whitespace() || "?#\\:*\"<>|%".contains(c)) {
        return Err("holds a character addresses of the guide do not use (a space, ?, #, %, \\ or :)");
    }
    let trimmed = s.trim_end_matches('/');
    if trimmed.split('/').any(|seg| seg.is_empty() || seg == "." || seg == "..") {
        return Err("has an empty, `.` or `..` part");
    }
    let is_file = trimmed.ends_with(".html") || trimmed.ends_with(".htm");
    Ok(if is_file && !s.ends_with('/') { trimmed.to_string() } else { format!("{trimmed}/") })
}

/// Notes for pages renamed in git whose old address is neither a page nor
/// one of their aliases now. `renames` are oldest first, content paths.
pub fn renamed(guide: &Guide, renames: &[Rename], diags: &mut Diagnostics) {
    let aliases: HashMap<&str, DocId> = guide.aliases.iter().map(|a| (a.path.as_str(), a.doc)).collect();
    let mut noted: Vec<(DocId, String)> = Vec::new();
    for r in renames {
        // A file renamed more than once: follow it to where it is now.
        let mut now = r.to.as_str();
        while let Some(next) = renames.iter().find(|n| n.from == now && n.when > r.when) {
            now = next.to.as_str();
        }
        let Some(id) = guide.by_content_path(now) else { continue };
        let translated = |p: &str| guide.editions.iter().any(|e| !e.default && p.ends_with(&format!(".{}.md", e.code)));
        if translated(&r.from) || translated(now) {
            continue;
        }
        let Some(old) = crate::load::content::unread_at(&r.from).map(|d| guide.routes.doc(&d)) else { continue };
        if old == guide.paths[id] || guide.published.contains(&old) || aliases.contains_key(old.as_str()) {
            continue;
        }
        if noted.iter().any(|(d, p)| *d == id && *p == old) {
            continue;
        }
        let doc = &guide.docs[id];
        diags.push(
            Diagnostic::note(
                Code::MovedPage,
                &doc.file,
                doc.line_of("title"),
                format!("this page was content/{}, published at /{old}; that address now leads nowhere", r.from),
            )
            .with_help(format!(
                "so that printed QR codes and links to it keep working, add to the front matter: aliases: [{old}]"
            )),
        );
        noted.push((id, old));
    }
}

#[cfg(test)]
mod tests {
    use super::site_path;

    #[test]
    fn aliases_are_site_paths_and_anything_else_is_refused() {
        assert_eq!(site_path("/practices/a/old", "/"), Ok("practices/a/old/".into()));
        assert_eq!(site_path("practices/a/old/", "/"), Ok("practices/a/old/".into()));
        assert_eq!(site_path("/guides/peer/practices/a/old/", "/guides/peer/"), Ok("practices/a/old/".into()));
        assert_eq!(site_path("/guides/peerless/x/", "/guides/peer/"), Ok("guides/peerless/x/".into()));
        assert_eq!(site_path("old-page.html", "/"), Ok("old-page.html".into()));
        for bad in
            ["", "/", "../x/", "a/../b/", "a//b/", "https://example.org/a/", "//evil.example/a", "a b/", "a?b", "a%2e/"]
        {
            assert!(site_path(bad, "/").is_err(), "{bad:?}");
        }
        assert!(site_path("/guides/peer/", "/guides/peer/").is_err(), "the home page");
    }
}
