//! The address scheme: where every page and file of the site is published, and
//! how one page links to another. Nothing else in practica writes an address;
//! templates receive them ready-made.
//!
//! Two halves. A *site path* says where a file sits in the output, without the
//! base path: `practices/supervision/ongoing/` (a page, written as its
//! `index.html`), `es/tips/x/`, `404.html`, `css/practica.css`. [`Routes`]
//! makes the site paths of one language's pages. An *href* is what goes into
//! a link: [`Addresses::href`] adds the base_url's path
//! (`/guides/peer/practices/...`), or, for the offline edition, makes the link
//! relative to the page it sits on (`../../practices/.../index.html`), so
//! the same pages work on the real host, a staging host, under `serve` and
//! opened from a folder. Only the sitemap, canonical links, feeds and QR codes
//! use the absolute form, with the host.

use crate::load::{Doc, Kind};

/// Links between pages: the base path, the host for absolute addresses, and
/// whether links are relative (the offline edition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addresses {
    /// scheme://host, without a trailing slash; empty when base_url has no host.
    origin: String,
    /// Always starts and ends with `/`.
    base_path: String,
    relative: bool,
}

impl Addresses {
    /// Accepts `https://host/sub/`, `https://host`, `/sub/` or an empty string.
    pub fn new(base_url: &str) -> Addresses {
        let base_url = base_url.trim();
        let (origin, path) = match base_url.find("://") {
            Some(i) => {
                let after = &base_url[i + 3..];
                let slash = after.find('/').unwrap_or(after.len());
                (base_url[..i + 3 + slash].to_string(), &after[slash..])
            }
            None => (String::new(), base_url),
        };
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty() && *s != "." && *s != "..").collect();
        let mut base_path = String::from("/");
        for s in segments {
            base_path.push_str(s);
            base_path.push('/');
        }
        Addresses { origin, base_path, relative: false }
    }

    /// The same site with every link relative to the page it is on, and every
    /// page link ending in `index.html`: it works opened from a folder.
    pub fn relative(mut self) -> Addresses {
        self.relative = true;
        self
    }

    pub fn is_relative(&self) -> bool {
        self.relative
    }

    /// All that links from the page at site path `from` depend on: its depth
    /// when links are relative; online every page links alike (0). Renders
    /// shared between pages are kept by it.
    pub fn link_depth(&self, from: &str) -> usize {
        if self.relative { from.matches('/').count() } else { 0 }
    }

    /// The path every address starts with (`/guides/peer/`); `/` when relative,
    /// where it is not used.
    pub fn base_path(&self) -> &str {
        if self.relative { "/" } else { &self.base_path }
    }

    pub fn has_host(&self) -> bool {
        !self.origin.is_empty()
    }

    /// The link from the page at site path `from` to site path `to` (which may
    /// end in `?query` and `#fragment`).
    pub fn href(&self, from: &str, to: &str) -> String {
        let to = to.trim_start_matches('/');
        if !self.relative {
            let mut s = String::with_capacity(self.base_path.len() + to.len());
            s.push_str(&self.base_path);
            s.push_str(to);
            return s;
        }
        let split = to.find(['?', '#']).unwrap_or(to.len());
        let (path, rest) = to.split_at(split);
        let depth = self.link_depth(from);
        let mut s = String::with_capacity(depth * 3 + to.len() + 10);
        for _ in 0..depth {
            s.push_str("../");
        }
        s.push_str(path);
        if path.is_empty() || path.ends_with('/') {
            s.push_str("index.html");
        }
        s.push_str(rest);
        s
    }

    /// The address with the host, when base_url has one; else as [`Addresses::href`]
    /// from the site's root.
    pub fn absolute(&self, to: &str) -> String {
        let to = to.trim_start_matches('/');
        let mut s = String::with_capacity(self.origin.len() + self.base_path.len() + to.len());
        s.push_str(&self.origin);
        s.push_str(&self.base_path);
        s.push_str(to);
        s
    }
}

impl Addresses {
    /// The published address of a page, for `<link rel="canonical">`: none
    /// in an offline edition of a guide without a host, where it could only be
    /// a path that leads nowhere from a folder.
    pub fn canonical(&self, to: &str) -> Option<String> {
        (self.has_host() || !self.relative).then(|| self.absolute(to))
    }
}

/// The file a site path is written to: a page's folder gets its `index.html`.
pub fn output_file(site_path: &str) -> String {
    if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else {
        site_path.to_string()
    }
}

/// The site path of the page written to `file`, the inverse of
/// [`output_file`] (`a/b/index.html` → `a/b/`); `None` for a file that is
/// not a page.
pub fn page_of(file: &str) -> Option<&str> {
    if !file.ends_with(".html") {
        return None;
    }
    Some(match file.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => file,
    })
}

/// The site paths of one language's pages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Routes {
    /// `""` for the guide's own language, else the language code and a slash (`es/`).
    prefix: String,
}

/// Folders of the site where practica publishes pages of its own; a plain page
/// cannot take one.
pub const RESERVED: &[&str] = &[
    "practices",
    "tips",
    "checklists",
    "tags",
    "audience",
    "handouts",
    "search",
    "pagefind",
    "whats-new",
    "downloads",
    "assessment",
];

/// The theme's script that runs search (and the rest of its enhancements), a file of its static/.
pub const SEARCH_SCRIPT: &str = "js/practica.js";
/// The offline edition's search runtime, a file of the theme's static/.
pub const OFFLINE_SEARCH_RUNTIME: &str = "js/search-offline.js";

/// Where the offline edition is published as one zip file, named after the guide.
pub fn offline_download(guide_slug: &str) -> String {
    format!("downloads/{guide_slug}-offline.zip")
}

/// Where the search index and its runtime are published (one bundle for every language).
pub const SEARCH_BUNDLE: &str = "pagefind/";
/// Which further indexes the search runtime merges with the bundle's own, by language.
pub const SEARCH_SHARDS: &str = "pagefind/shards.json";

/// A further search index of a large guide (`n` from 2; the bundle's own is the first).
pub fn search_shard(n: usize) -> String {
    format!("{SEARCH_BUNDLE}shard-{n}/")
}
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";

impl Routes {
    /// The routes of the guide's own language (no prefix).
    pub fn default_language() -> Routes {
        Routes { prefix: String::new() }
    }

    /// The routes of another language, under `<code>/`.
    pub fn language(code: &str) -> Routes {
        Routes { prefix: format!("{code}/") }
    }

    fn at(&self, path: &str) -> String {
        let mut s = String::with_capacity(self.prefix.len() + path.len());
        s.push_str(&self.prefix);
        s.push_str(path);
        s
    }

    pub fn home(&self) -> String {
        self.prefix.clone()
    }

    /// The page of a content file. A section's `_index.md` is the introduction
    /// of its list page.
    pub fn doc(&self, doc: &Doc) -> String {
        match doc.kind {
            Kind::Home => self.home(),
            Kind::Section => self.at(&format!("{}/", doc.slug)),
            Kind::Area => self.area(&doc.slug),
            Kind::Practice => self.at(&format!("practices/{}/{}/", doc.area.as_deref().unwrap_or_default(), doc.slug)),
            Kind::Tip => self.at(&format!("tips/{}/", doc.slug)),
            Kind::Checklist => self.at(&format!("checklists/{}/", doc.slug)),
            Kind::Page => {
                let mut p = String::new();
                for f in &doc.folders {
                    p.push_str(f);
                    p.push('/');
                }
                p.push_str(&doc.slug);
                p.push('/');
                self.at(&p)
            }
        }
    }

    pub fn area(&self, slug: &str) -> String {
        self.at(&format!("practices/{slug}/"))
    }

    pub fn practices(&self) -> String {
        self.at("practices/")
    }

    pub fn tips(&self) -> String {
        self.at("tips/")
    }

    pub fn checklists(&self) -> String {
        self.at("checklists/")
    }

    pub fn tags(&self) -> String {
        self.at("tags/")
    }

    pub fn tag(&self, slug: &str) -> String {
        self.at(&format!("tags/{slug}/"))
    }

    pub fn audiences(&self) -> String {
        self.at("audience/")
    }

    pub fn audience(&self, slug: &str) -> String {
        self.at(&format!("audience/{slug}/"))
    }

    pub fn search(&self) -> String {
        self.at("search/")
    }

    /// The offline edition's search index, a script (file:// allows no fetch).
    pub fn offline_search_index(&self) -> String {
        self.at("search/offline-index.js")
    }

    /// The reader's printable action plan: the open items of their assessment.
    pub fn action_plan(&self) -> String {
        self.at("assessment/plan/")
    }

    /// Several people's exported answers side by side.
    pub fn team_view(&self) -> String {
        self.at("assessment/team/")
    }

    /// Every checklist item of the guide, as a script the assessment pages load.
    pub fn assessment_items(&self) -> String {
        self.at("assessment/items.js")
    }

    /// Every change the editors noted, newest first.
    pub fn whats_new(&self) -> String {
        self.at("whats-new/")
    }

    /// The Atom feed of the same changes.
    pub fn feed(&self) -> String {
        self.at("feed.xml")
    }

    pub fn not_found(&self) -> String {
        self.at("404.html")
    }

    pub fn handouts(&self) -> String {
        self.at("handouts/")
    }

    /// The printable handout of a practice, area or checklist.
    pub fn handout(&self, doc: &Doc) -> Option<String> {
        match doc.kind {
            Kind::Practice => Some(self.at(&format!("handouts/{}/{}/", doc.area.as_deref()?, doc.slug))),
            Kind::Area => Some(self.at(&format!("handouts/{}/", doc.slug))),
            Kind::Checklist => Some(self.at(&format!("handouts/checklists/{}/", doc.slug))),
            _ => None,
        }
    }

    /// The whole guide as one handout.
    pub fn complete(&self) -> String {
        self.at("handouts/complete/")
    }

    pub fn bundle(&self, name: &str) -> String {
        self.at(&format!("handouts/bundles/{name}/"))
    }

    /// The @page rules of printed handouts on one paper size (`letter`, `a4`).
    pub fn paper_css(&self, paper: &str) -> String {
        self.at(&format!("handouts/paper-{paper}.css"))
    }
}

/// Area slugs whose handouts would share an address with the checklists'
/// worksheets, the bundles or the complete guide.
pub const RESERVED_AREAS: &[&str] = &["checklists", "bundles", "complete"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_named_by_the_address_the_browser_shows() {
        let served = |file| page_of(file).map(|p| format!("/g/{p}"));
        assert_eq!(served("practices/a/b/index.html").as_deref(), Some("/g/practices/a/b/"));
        assert_eq!(served("index.html").as_deref(), Some("/g/"));
        assert_eq!(page_of("404.html"), Some("404.html"));
        assert_eq!(page_of("a/reindex.html"), Some("a/reindex.html"));
        assert_eq!(page_of("js/practica.js"), None);
        for path in ["practices/a/b/", "", "404.html"] {
            assert_eq!(page_of(&output_file(path)), Some(path), "the inverse of output_file");
        }
    }

    #[test]
    fn sub_path_is_kept_and_normalised() {
        let u = Addresses::new("https://example.org/guides/peer");
        assert_eq!(u.href("", "practices/"), "/guides/peer/practices/");
        assert_eq!(u.href("tips/a/", "/css/site.css"), "/guides/peer/css/site.css");
        assert_eq!(u.absolute(""), "https://example.org/guides/peer/");
    }

    #[test]
    fn bare_host_and_empty() {
        assert_eq!(Addresses::new("https://example.org").href("", ""), "/");
        assert_eq!(Addresses::new("").href("", "tips/a/"), "/tips/a/");
        assert!(!Addresses::new("/x/").has_host());
        assert_eq!(Addresses::new("/x/").absolute("a/"), "/x/a/");
    }

    #[test]
    fn dot_segments_cannot_escape() {
        assert_eq!(Addresses::new("https://h/../a/./b/").href("", ""), "/a/b/");
    }

    #[test]
    fn relative_links_climb_to_the_root_and_name_the_file() {
        let u = Addresses::new("https://example.org/guides/peer/").relative();
        assert_eq!(u.href("practices/a/b/", "tips/x/"), "../../../tips/x/index.html");
        assert_eq!(u.href("", "practices/"), "practices/index.html");
        assert_eq!(u.href("404.html", ""), "index.html");
        assert_eq!(u.href("es/tips/x/", "css/practica.css"), "../../../css/practica.css");
        assert_eq!(u.href("tips/x/", "practices/a/#why"), "../../practices/a/index.html#why");
        assert_eq!(u.href("search/", "search/?q=a"), "../search/index.html?q=a");
        assert_eq!(u.absolute("tips/x/"), "https://example.org/guides/peer/tips/x/", "QR codes keep the host");
    }

    #[test]
    fn routes_put_other_languages_under_their_code() {
        let es = Routes::language("es");
        assert_eq!(es.home(), "es/");
        assert_eq!(es.tag("x"), "es/tags/x/");
        assert_eq!(es.not_found(), "es/404.html");
        assert_eq!(es.complete(), "es/handouts/complete/");
        assert_eq!(Routes::default_language().search(), "search/");
        assert_eq!(output_file("es/"), "es/index.html");
        assert_eq!(output_file("404.html"), "404.html");
    }
}
