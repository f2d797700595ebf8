//! The front matter of content files, by kind, and of their translations.

use super::{Field, Names, Need, Type, Words};
use crate::load::content::Kind::{self, *};

const ALL: &[Kind] = Kind::ALL;
/// The kinds that are pages of their own in a list (not the home page or a section's introduction).
const LISTED: &[Kind] = &[Area, Practice, Tip, Checklist, Page];

/// Every front-matter key, in the order "did you mean" and the docs list them.
pub static FRONT_MATTER: &[Field] = &[
    Field::new("title", Type::Text, "The page's title.", "Regular supervision")
        .kinds(ALL)
        .need(Need::RequiredFor(LISTED))
        .words(Words::Translated),
    Field::new("summary", Type::Text, "One sentence that says what the page is and why it matters: lists, search results, handouts.", "One sentence that says what this is and why.")
        .kinds(ALL)
        .need(Need::RequiredFor(&[Area, Practice]))
        .words(Words::Translated),
    Field::new("audience", Type::List, "Who the practice is for: keys of guide.yaml's `audiences:`.", "[supervisors]")
        .kinds(&[Practice])
        .names(Names::Audiences),
    Field::new("tags", Type::List, "Words that group practices across areas; each tag has a page.", "[meetings]").kinds(&[Practice]),
    Field::new("related", Type::List, "Other practices to read with it, by slug or `area/slug`.", "[shared-notes]")
        .kinds(&[Practice])
        .names(Names::Pages),
    Field::new("applies_to", Type::List, "The practices or areas the tip is for, by slug, `area/slug` or area slug.", "[supervision]")
        .kinds(&[Tip])
        .names(Names::Pages),
    Field::new("source", Type::OneOrList, "The document it comes from: a key of guide.yaml's `sources:`, or a list of them.", "our-handbook")
        .kinds(&[Practice, Tip, Checklist])
        .names(Names::Sources),
    Field::new("weight", Type::Int { min: None, max: None }, "Its place in its list: lower comes first.", "10")
        .kinds(LISTED)
        .default("0"),
    Field::new("draft", Type::Bool, "Left out of the site unless built with --drafts (a draft translation leaves its page untranslated).", "true")
        .kinds(LISTED)
        .words(Words::Translated)
        .default("false"),
    Field::new("reviewed", Type::Date, "When an editor last checked the page is still right.", "2026-03-01").kinds(ALL),
    Field::new("next_review", Type::Date, "When it should be checked next; otherwise `reviewed` plus guide.yaml's `review_every` months.", "2027-01-15")
        .kinds(ALL),
    Field::new("changes", Type::Records(CHANGE), "Changes that matter to readers, listed on the page, on What's new and in the feed. A translation may give its own, translated.", "[{date: 2026-03-01, note: Added guidance on billing codes.}]")
        .kinds(ALL)
        .words(Words::Translated),
    Field::new("aliases", Type::List, "Addresses the page had before, each of which then sends readers here: keep a renamed page's printed QR codes and links working.", "[practices/supervision/old-name/]")
        .kinds(LISTED)
        .words(Words::Translated),
    Field::new("source_hash", Type::Text, "Which version of the page the translation was brought up to date with, as `practica check` prints it.", "1a2b3c4d-5e6f7a8b-9c0d1e2f")
        .kinds(ALL)
        .words(Words::TranslationOnly),
];

/// An entry of `changes:`.
pub static CHANGE: &[Field] = &[
    Field::new("date", Type::Date, "The day it was made.", "2026-03-01").need(Need::Required),
    Field::new("note", Type::Text, "What changed, for readers.", "Added guidance on billing codes.")
        .need(Need::Required),
];
