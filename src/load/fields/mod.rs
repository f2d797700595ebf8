//! The one description of every field a guide's files can hold: guide.yaml,
//! guide.<lang>.yaml and the front matter of each kind of content file.
//!
//! Plain data. Reading (which keys are known, their types, what is required),
//! the key tables of docs/reference.md and the JSON Schemas for editors are all
//! made from it, so a key is added in one place.

pub mod docs;
mod guide;
mod page;
pub mod read;
pub mod schema;

use crate::load::content::Kind;

pub use guide::{BUNDLE, GUIDE, SOURCE};
pub use page::{CHANGE, FRONT_MATTER};

/// What a field's value is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// One line of text; a number or true/false is read as its text.
    Text,
    Bool,
    Int {
        min: Option<i64>,
        max: Option<i64>,
    },
    /// A calendar date written year-month-day.
    Date,
    /// One of these words, in any capitals.
    Choice(&'static [&'static str]),
    /// A list of words: `[one, two]`.
    List,
    /// One word, or a list of them.
    OneOrList,
    /// `key: label` lines, one per entry.
    Labels,
    /// `key:` lines, each with these fields indented under it.
    Table(&'static [Field]),
    /// A list of entries (`- `), each with these fields.
    Records(&'static [Field]),
}

/// What the keys of a `Labels` or `Table`, or the words of a value, name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    Nothing,
    /// The keys are the guide's audiences (in guide.yaml: they define them).
    Audiences,
    Sources,
    /// A handout bundle's `name`.
    Bundles,
    /// Language codes such as `es` or `pt-BR`.
    Languages,
    /// Content paths or slugs of pages, checked when the guide is read.
    Pages,
}

/// Whether a field must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Optional,
    Required,
    /// Required in the front matter of these kinds, optional in the others.
    RequiredFor(&'static [Kind]),
}

/// How a field behaves in another language's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// The same in every language: not in guide.<lang>.yaml; a translated page
    /// may repeat it (a copied file), and must then agree.
    Kept,
    /// Text readers see, translated in guide.<lang>.yaml or the translated page.
    Translated,
    /// Names the entry a translation is for (a handout bundle's `name`).
    Identifies,
    /// Only in a translation (a page's `source_hash`, tag labels).
    TranslationOnly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub ty: Type,
    pub need: Need,
    /// For front matter: the kinds of page that take it; empty elsewhere.
    pub kinds: &'static [Kind],
    pub words: Words,
    /// What its keys (Labels, Table) or its values name.
    pub names: Names,
    /// The value used when it is left out, as written in YAML.
    pub default: Option<&'static str>,
    /// What it means, for the reference and editors' hover text.
    pub about: &'static str,
    /// A value as written after `name: `.
    pub example: &'static str,
}

impl Field {
    /// An optional field, the same in every language, naming nothing.
    pub const fn new(name: &'static str, ty: Type, about: &'static str, example: &'static str) -> Field {
        Field {
            name,
            ty,
            need: Need::Optional,
            kinds: &[],
            words: Words::Kept,
            names: Names::Nothing,
            default: None,
            about,
            example,
        }
    }

    pub const fn need(self, need: Need) -> Field {
        Field { need, ..self }
    }

    pub const fn kinds(self, kinds: &'static [Kind]) -> Field {
        Field { kinds, ..self }
    }

    pub const fn words(self, words: Words) -> Field {
        Field { words, ..self }
    }

    pub const fn names(self, names: Names) -> Field {
        Field { names, ..self }
    }

    pub const fn default(self, default: &'static str) -> Field {
        Field { default: Some(default), ..self }
    }

    pub fn required_for(&self, kind: Option<Kind>) -> bool {
        match self.need {
            Need::Optional => false,
            Need::Required => true,
            Need::RequiredFor(kinds) => kind.is_some_and(|k| kinds.contains(&k)),
        }
    }

    /// The fields of a Table's entries or a Records' items.
    pub fn inner(&self) -> &'static [Field] {
        match self.ty {
            Type::Table(f) | Type::Records(f) => f,
            _ => &[],
        }
    }
}

/// The files whose fields are described here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum File {
    Guide,
    /// guide.<lang>.yaml.
    GuideTranslation,
    FrontMatter(Kind),
    /// The front matter of `x.<lang>.md`.
    Translation(Kind),
}

impl File {
    /// Every file kind, for the schemas and the docs.
    pub fn all() -> Vec<File> {
        let mut out = vec![File::Guide, File::GuideTranslation];
        out.extend(Kind::ALL.iter().map(|k| File::FrontMatter(*k)));
        out.extend(Kind::ALL.iter().map(|k| File::Translation(*k)));
        out
    }

    pub fn kind(self) -> Option<Kind> {
        match self {
            File::FrontMatter(k) | File::Translation(k) => Some(k),
            _ => None,
        }
    }

    pub fn is_translation(self) -> bool {
        matches!(self, File::GuideTranslation | File::Translation(_))
    }

    /// The top-level fields of this file, in the order they are listed.
    pub fn fields(self) -> Vec<&'static Field> {
        match self {
            File::Guide | File::GuideTranslation => within(GUIDE, self),
            File::FrontMatter(k) | File::Translation(k) => {
                FRONT_MATTER.iter().filter(|f| f.kinds.contains(&k)).filter(|f| allowed(f, self)).collect()
            }
        }
    }

    pub fn keys(self) -> Vec<&'static str> {
        self.fields().iter().map(|f| f.name).collect()
    }
}

/// The fields of `fields` (top level or nested) that `file` may hold.
pub fn within(fields: &'static [Field], file: File) -> Vec<&'static Field> {
    fields.iter().filter(|f| allowed(f, file)).collect()
}

fn allowed(f: &Field, file: File) -> bool {
    match (file, f.words) {
        (_, Words::TranslationOnly) => file.is_translation(),
        (File::GuideTranslation, Words::Kept) => false,
        _ => true,
    }
}

/// The keys of `fields` that `file` may hold.
pub fn keys(fields: &'static [Field], file: File) -> Vec<&'static str> {
    within(fields, file).iter().map(|f| f.name).collect()
}

/// The field called `name` among `fields`.
pub fn field(fields: &'static [Field], name: &str) -> &'static Field {
    fields.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no field `{name}` is described"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_words_and_an_example_and_no_name_twice() {
        fn walk(fields: &[Field]) {
            let mut seen = std::collections::HashSet::new();
            for f in fields {
                assert!(seen.insert(f.name), "`{}` twice", f.name);
                assert!(!f.about.is_empty() && !f.example.is_empty(), "`{}`", f.name);
                walk(f.inner());
            }
        }
        walk(GUIDE);
        walk(FRONT_MATTER);
    }

    #[test]
    fn front_matter_fields_name_their_kinds() {
        for f in FRONT_MATTER {
            assert!(!f.kinds.is_empty(), "`{}` is for no kind", f.name);
            if let Need::RequiredFor(kinds) = f.need {
                assert!(kinds.iter().all(|k| f.kinds.contains(k)), "`{}`", f.name);
            }
        }
    }

    #[test]
    fn a_translation_takes_its_page_keys_and_source_hash() {
        let practice = File::FrontMatter(Kind::Practice).keys();
        let mut translated = practice.clone();
        translated.push("source_hash");
        assert_eq!(File::Translation(Kind::Practice).keys(), translated);
        assert!(!practice.contains(&"source_hash"));
        assert_eq!(
            File::GuideTranslation.keys(),
            ["title", "description", "publisher", "edition", "audiences", "sources", "handouts", "tags"]
        );
    }
}
