//! Small guides built in memory for the unit tests of resolve and render: no
//! files, no binary, just text through the same stages a build runs.

use std::collections::HashSet;
use std::path::Path;

use crate::diagnostic::Diagnostics;
use crate::guide::{Guide, Texts};
use crate::load::config;
use crate::load::content::from_bytes;
use crate::render::{Strings, Templates};

pub const GUIDE_YAML: &str = "title: Test Guide\nbase_url: https://example.org/g/\naudiences:\n  hr: HR staff\nsources:\n  hb:\n    title: Handbook\n";

/// A resolved guide, its texts and everything that was reported.
pub struct Site {
    pub guide: Guide,
    pub texts: Texts,
    pub diags: Diagnostics,
}

/// Resolves `files` (content paths and their text) with `guide_yaml`; static/
/// holds `img/map.svg`.
pub fn site(guide_yaml: &str, files: &[(&str, &str)]) -> Site {
    let mut diags = Diagnostics::new();
    let config = config::parse(guide_yaml, Path::new("guide.yaml"), &mut diags).expect("guide.yaml parses");
    let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let mut sources = Vec::new();
    for (path, text) in files {
        let (source, found) = from_bytes(path, &codes, text.as_bytes().to_vec());
        diags.extend(found);
        sources.extend(source);
    }
    let statics: HashSet<String> = ["img/map.svg".to_string()].into();
    let input = crate::resolve::Input {
        config,
        sources,
        drafts: &[],
        statics: &statics,
        texts: Vec::new(),
        language_name: "English".to_string(),
        renames: Vec::new(),
    };
    let (guide, texts) = crate::resolve::resolve(input, &mut diags);
    Site { guide, texts, diags }
}

/// The built-in theme's templates for `site`.
pub fn templates(site: &Site) -> Templates {
    let mut diags = Diagnostics::new();
    let theme = crate::load::theme::load(
        Path::new("/nonexistent-site"),
        &crate::load::walk::Rules::new(Path::new("/nonexistent-site"), false),
        "default",
        &["en".to_string()],
        &mut diags,
    )
    .expect("the built-in theme loads");
    let words = theme.strings.into_iter().map(|w| Strings::new(&w.language, w.words)).collect();
    Templates::new(theme.templates, words, &site.guide, crate::render::Search::Pagefind, &mut diags)
        .expect("the built-in templates parse")
}

/// A practice's file text.
pub fn practice(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nsummary: What {title} is.\n{extra}---\n{body}")
}

pub fn area(title: &str) -> String {
    format!("---\ntitle: {title}\nsummary: The {title} area.\n---\nAbout {title}.\n")
}
