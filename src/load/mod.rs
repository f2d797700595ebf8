//! Load: reads the site folder into plain data — guide.yaml, every content
//! file's front matter and body, and the theme's templates, static files and
//! words. The one stage that reads the site from disk; nothing here knows how
//! pages relate or where they are published.

pub mod config;
pub mod content;
pub mod fields;
pub mod front_matter;
pub mod git;
pub mod parsed;
pub mod theme;
pub mod translations;
pub mod walk;
pub(crate) mod yaml;

use std::path::Path;

pub use config::Config;
pub use content::{ContentFile, Doc, Kind};
pub use theme::Theme;

use crate::diagnostic::Diagnostics;

/// What a build starts from.
pub struct Loaded {
    pub config: Config,
    pub sources: Vec<ContentFile>,
    /// Content paths of the drafts left out, so links to them are explained.
    pub drafts: Vec<String>,
    /// guide.yaml's words in each other language, by language code.
    pub texts: Vec<(String, translations::ConfigText)>,
    pub theme: Theme,
    /// Content files git saw renamed, when asked for.
    pub renames: Vec<git::Rename>,
}

/// What the command line can change about what is read.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub drafts: bool,
    /// Replaces guide.yaml's base_url.
    pub base_url: Option<String>,
    /// Read each page's last-updated date from git (builds do; the preview,
    /// which rebuilds on every save, does not).
    pub git_dates: bool,
    /// Read which content files git saw renamed (for `check`'s notes).
    pub renames: bool,
    /// Files parsed by an earlier load, kept by the preview.
    pub parsed: Option<std::sync::Arc<parsed::Parsed>>,
}

/// Reads everything a build needs from `root`. `None` when guide.yaml or the
/// theme cannot be used at all; content problems are reported and the rest loads.
pub fn load(root: &Path, opts: &LoadOptions, diags: &mut Diagnostics) -> Option<Loaded> {
    let mut config = config::load(root, diags)?;
    if let Some(b) = &opts.base_url {
        if let Some(d) = config::check_base_url(b, "--base-url ", Path::new("--base-url"), 0) {
            diags.push(d);
            return None;
        }
        config.base_url = b.clone();
    }
    let rules = walk::Rules::new(root, config.allow_outside_symlinks);
    let codes: Vec<String> = config.languages.iter().map(|l| l.code.clone()).collect();
    let git = if opts.git_dates {
        git::start(root).unwrap_or_else(|warning| {
            diags.push(warning);
            None
        })
    } else {
        None
    };
    let (mut sources, drafts) = content::load(root, &rules, opts.drafts, &codes, opts.parsed.as_deref(), diags);
    if let Some(git) = git {
        let dates = git.dates();
        for s in &mut sources {
            s.doc.updated = dates.get(&crate::text::slash_path(&s.doc.file)).copied();
        }
    }
    let texts =
        config.languages.iter().map(|l| (l.code.clone(), translations::load(root, &l.code, &config, diags))).collect();
    let mut languages = vec![config.language.clone()];
    languages.extend(codes.iter().cloned());
    let theme = theme::load(root, &rules, &config.theme, &languages, diags)?;
    let renames = if opts.renames { git::renames(root) } else { Vec::new() };
    Some(Loaded { config, sources, drafts, theme, texts, renames })
}
