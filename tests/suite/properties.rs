//! Properties that must hold for every input, not just the examples in the unit
//! tests: the front-matter splitter, slugs, URL joining and the output join.

use std::path::{Component, Path};

use practica::guide::Addresses;
use practica::load::front_matter::split;
use practica::text::slugify;
use practica::write::safe_join;
use proptest::prelude::*;

/// Lines a front-matter splitter has to tell apart, mixed with any text.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---".to_string()),
        Just("--- \t".to_string()),
        Just("...".to_string()),
        Just(" ---".to_string()),
        Just("----".to_string()),
        Just("title: A".to_string()),
        Just(String::new()),
        Just("\u{feff}---".to_string()),
        "[^\n]{0,12}",
    ]
}

/// Text made of those lines, with or without a last newline.
fn document() -> impl Strategy<Value = String> {
    (prop::collection::vec(line(), 0..10), any::<bool>()).prop_map(|(lines, newline)| {
        let mut t = lines.join("\n");
        if newline {
            t.push('\n');
        }
        t
    })
}

fn is_fence(l: &str) -> bool {
    let l = l.trim_end_matches([' ', '\t']);
    l == "---" || l == "..."
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn split_never_panics(text in any::<String>()) {
        let _ = split(&text);
    }

    /// Whatever the split, putting the parts back together gives the text again.
    #[test]
    fn split_and_rejoin_round_trips(text in document()) {
        let Ok(s) = split(&text) else {
            // Unclosed: the first line opens front matter and no later line closes it.
            let mut lines = text.split('\n');
            prop_assert_eq!(lines.next().map(str::trim_end), Some("---"));
            prop_assert!(!lines.any(is_fence));
            return Ok(());
        };
        if s.body.len() == text.len() {
            prop_assert_eq!(s.body, text.as_str());
            prop_assert_eq!(s.yaml, "");
            prop_assert_eq!(s.body_line, 1);
            return Ok(());
        }
        // Opening line, YAML, closing line, body.
        let (first, rest) = text.split_once('\n').unwrap();
        prop_assert_eq!(first.trim_end(), "---");
        prop_assert!(rest.starts_with(s.yaml));
        prop_assert!(text.ends_with(s.body));
        let closing = &rest[s.yaml.len()..rest.len() - s.body.len()];
        prop_assert!(is_fence(closing.strip_suffix('\n').unwrap_or(closing)), "closing line {:?}", closing);
        prop_assert!(!s.yaml.split('\n').any(is_fence), "the YAML holds no fence line");
        prop_assert_eq!(format!("{first}\n{}{closing}{}", s.yaml, s.body), text.clone());
        prop_assert_eq!(s.yaml_line, 2);
        // body_line is the line the body starts on.
        if !s.body.is_empty() {
            let before = &text[..text.len() - s.body.len()];
            prop_assert_eq!(s.body_line, 1 + before.matches('\n').count());
        }
    }

    /// Front matter written by a program comes back exactly.
    #[test]
    fn written_front_matter_is_read_back(
        yaml in prop::collection::vec("[a-z]{1,8}: [^\n]{0,20}", 0..8),
        body in "(?s).{0,200}",
    ) {
        let yaml: String = yaml.iter().filter(|l| !is_fence(l)).map(|l| format!("{l}\n")).collect();
        let text = format!("---\n{yaml}---\n{body}");
        let s = split(&text).unwrap();
        prop_assert_eq!(s.yaml, yaml.as_str());
        prop_assert_eq!(s.body, body.as_str());
        prop_assert_eq!(s.body_line, 3 + yaml.matches('\n').count());
    }

    #[test]
    fn slugs_are_non_empty_lowercase_words_joined_by_single_hyphens(text in any::<String>()) {
        let s = slugify(&text);
        prop_assert!(!s.is_empty());
        prop_assert!(s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", s);
        prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"), "{}", s);
        prop_assert_eq!(slugify(&s), s.clone(), "slugify is idempotent");
    }

    #[test]
    fn slugs_of_paths_and_punctuation(text in "[./\\\\:%~ a-zA-Z0-9\u{e9}\u{65e5}\u{202e}-]{0,30}") {
        let s = slugify(&text);
        prop_assert!(!s.is_empty() && !s.contains('.') && !s.contains('/'));
    }

    /// Every URL of a page starts with the base path and has no empty, `.` or `..` segment,
    /// whatever base_url says.
    #[test]
    fn urls_start_with_the_base_path_and_never_climb(
        base in prop_oneof![
            any::<String>(),
            "(https?://[a-z.]{1,10})?(/|//|/\\.\\./|/\\./|[a-z]{1,5}|\\.\\.){0,6}",
        ],
        segments in prop::collection::vec("[a-z0-9]+(-[a-z0-9]+)*", 0..5),
        leading in any::<bool>(),
        trailing in any::<bool>(),
    ) {
        let urls = Addresses::new(&base);
        let bp = urls.base_path();
        prop_assert!(bp.starts_with('/') && bp.ends_with('/'), "{:?}", bp);
        let mut site = segments.join("/");
        if trailing && !site.is_empty() {
            site.push('/');
        }
        if leading {
            site.insert(0, '/');
        }
        let path = urls.href("", &site);
        prop_assert!(path.starts_with(bp), "{} does not start with {}", path, bp);
        prop_assert!(!path.contains("//"), "{}", path);
        let inner = path.trim_start_matches('/').trim_end_matches('/');
        prop_assert!(inner.is_empty() || inner.split('/').all(|s| !s.is_empty() && s != "." && s != ".."), "{}", path);
        prop_assert!(urls.absolute(&site).ends_with(&path));
        prop_assert_eq!(urls.has_host(), urls.absolute(&site) != path);
    }

    /// In the offline edition, a link from any page, followed from that page's
    /// folder, lands on the file of the page it names.
    #[test]
    fn relative_links_lead_to_their_page(
        from in prop::collection::vec("[a-z0-9]{1,4}", 0..5),
        to in prop::collection::vec("[a-z0-9]{1,4}", 0..5),
        base in "(https://h)?(/[a-z]{1,3}){0,2}/?",
    ) {
        let from = from.iter().map(|s| format!("{s}/")).collect::<String>();
        let to = to.iter().map(|s| format!("{s}/")).collect::<String>();
        let href = Addresses::new(&base).relative().href(&from, &to);
        let mut dir: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
        for seg in href.split('/') {
            match seg {
                ".." => { prop_assert!(dir.pop().is_some(), "{} climbs above the root from {}", href, from); }
                s => dir.push(s),
            }
        }
        prop_assert_eq!(dir.join("/"), format!("{to}index.html"));
    }

    /// No site path, however it is written, joins to a place outside the output folder.
    #[test]
    fn safe_join_stays_inside(site_path in prop_oneof![any::<String>(), "[./\\\\:a%\u{0}]{0,16}"]) {
        let base = Path::new("/out/site");
        if let Some(p) = safe_join(base, &site_path) {
            prop_assert!(p.starts_with(base) && p != base, "{:?}", p);
            for c in p.strip_prefix(base).unwrap().components() {
                let Component::Normal(name) = c else { return Err(TestCaseError::fail(format!("{p:?}: {c:?}"))) };
                let name = name.to_string_lossy();
                prop_assert!(!name.contains(['\\', ':', '\0']), "{:?}", p);
            }
        }
    }
}
