//! Every URL of the site is made here, so that a site hosted under a sub-path
//! (`https://example.org/guides/peer/`) works without a single broken link.
//!
//! Pages link to each other root-relatively (the base path, never the host), so
//! the same output works on the real host, a staging host and under `serve`.
//! Only the sitemap, canonical links and QR codes need the absolute form.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Urls {
    /// scheme://host, without a trailing slash; empty when base_url has no host.
    origin: String,
    /// Always starts and ends with `/`.
    base_path: String,
}

impl Urls {
    /// Accepts `https://host/sub/`, `https://host`, `/sub/`, `sub` or an empty string.
    pub fn new(base_url: &str) -> Urls {
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
        Urls { origin, base_path }
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    pub fn has_host(&self) -> bool {
        !self.origin.is_empty()
    }

    /// The root-relative URL of a site path such as `practices/supervision/`.
    pub fn path(&self, site_path: &str) -> String {
        let site_path = site_path.trim_start_matches('/');
        let mut s = String::with_capacity(self.base_path.len() + site_path.len());
        s.push_str(&self.base_path);
        s.push_str(site_path);
        s
    }

    /// The absolute URL, or the root-relative one when base_url has no host.
    pub fn absolute(&self, site_path: &str) -> String {
        let mut s = self.origin.clone();
        s.push_str(&self.path(site_path));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_path_is_kept_and_normalised() {
        let u = Urls::new("https://example.org/guides/peer");
        assert_eq!(u.path("practices/"), "/guides/peer/practices/");
        assert_eq!(u.path("/css/site.css"), "/guides/peer/css/site.css");
        assert_eq!(u.absolute(""), "https://example.org/guides/peer/");
    }

    #[test]
    fn bare_host_and_empty() {
        assert_eq!(Urls::new("https://example.org").path(""), "/");
        assert_eq!(Urls::new("").path("tips/a/"), "/tips/a/");
        assert!(!Urls::new("/x/").has_host());
        assert_eq!(Urls::new("/x/").absolute("a/"), "/x/a/");
    }

    #[test]
    fn dot_segments_cannot_escape() {
        assert_eq!(Urls::new("https://h/../a/./b/").path(""), "/a/b/");
    }
}
