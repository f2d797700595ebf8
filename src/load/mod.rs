//! Load: reads the site folder into plain data — guide.yaml, every content
//! file's front matter and body, and the theme's templates, static files and
//! words. The one stage that reads the site from disk; nothing here knows how
//! pages relate or where they are published.

pub mod config;
pub mod content;
pub mod front_matter;
pub mod theme;
pub mod walk;
pub(crate) mod yaml;

use std::path::Path;

pub use config::Config;
pub use content::{Doc, Kind, Source};
pub use theme::Theme;

use crate::diagnostic::Diagnostics;

/// What a build starts from.
pub struct Loaded {
    pub config: Config,
    pub sources: Vec<Source>,
    pub theme: Theme,
}

/// What the command line can change about what is read.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub drafts: bool,
    /// Replaces guide.yaml's base_url.
    pub base_url: Option<String>,
}

/// Reads everything a build needs from `root`. `None` when guide.yaml or the
/// theme cannot be used at all; content problems are reported and the rest loads.
pub fn load(root: &Path, opts: &LoadOptions, diags: &mut Diagnostics) -> Option<Loaded> {
    let mut config = config::load(root, diags)?;
    if let Some(b) = &opts.base_url {
        config.base_url = b.clone();
    }
    let rules = walk::Rules::new(root, config.allow_outside_symlinks);
    let sources = content::load(root, &rules, opts.drafts, diags);
    let theme = theme::load(root, &rules, &config.theme, &config.language, diags)?;
    Some(Loaded { config, sources, theme })
}
