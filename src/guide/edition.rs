//! Editions: the guide in each of its languages. The guide's own language is
//! the first edition, at the site's root; every other language repeats the
//! site under `/<code>/`, with the pages that have a translation. A page that
//! has none is shown in the guide's own language, marked as such.

use crate::guide::{DocId, Routes};
use crate::load::translations::ConfigText;

#[derive(Debug, Clone)]
pub struct Edition {
    /// The language code (`en`, `es`).
    pub code: String,
    /// The language's name in itself (`Español`); for the guide's own
    /// language, from its strings file's `language_name`.
    pub name: String,
    /// `rtl` or `ltr`: which way the language is written.
    pub dir: &'static str,
    pub routes: Routes,
    /// The guide's own language, whose pages every edition falls back to.
    pub default: bool,
    /// For each source doc (by its id), the doc this edition shows: itself in
    /// the guide's own language, its translation elsewhere, or none.
    pub docs: Vec<Option<DocId>>,
    /// guide.yaml's words in this language.
    pub text: ConfigText,
}

impl Edition {
    /// The doc this edition shows for source doc `id`, if it has one.
    pub fn doc(&self, id: DocId) -> Option<DocId> {
        self.docs.get(id).copied().flatten()
    }

    /// How many of the source docs this edition has.
    pub fn translated(&self) -> usize {
        self.docs.iter().filter(|d| d.is_some()).count()
    }
}
