//! guide.yaml and guide.<lang>.yaml.

use super::{Field, Names, Need, Type, Words};

const TEXT: Type = Type::Text;
const PAPER: Type = Type::Choice(&["letter", "a4"]);

/// guide.yaml, in the order "did you mean" and the docs list its keys;
/// guide.<lang>.yaml holds the ones whose words are translated.
pub static GUIDE: &[Field] = &[
    Field::new("title", TEXT, "The guide's title, on every page and the handouts' covers.", "Growing and Sustaining the Peer Workforce")
        .need(Need::Required)
        .words(Words::Translated),
    Field::new("description", TEXT, "A sentence or two on what the guide is for: the home page, search engines, the complete handout's cover.", "Recommended practices for teams.")
        .words(Words::Translated),
    Field::new("publisher", TEXT, "Who publishes the guide, printed on the covers of the complete guide and the bundles.", "Peer Workforce Consortium")
        .words(Words::Translated),
    Field::new("edition", TEXT, "The guide's edition, printed on the covers beside the date the guide was last updated.", "Second edition")
        .words(Words::Translated),
    Field::new("base_url", TEXT, "The address the guide is published at: a full address (`https://...`) for QR codes, the sitemap and feeds, or a path from the host's root.", "https://example.org/guides/peer/")
        .default("/"),
    Field::new("language", TEXT, "The language code of the guide's own language.", "en").default("en"),
    Field::new("theme", TEXT, "The folder of themes/ the guide is drawn with; `default` is built in.", "default").default("default"),
    Field::new("paper", PAPER, "The paper handouts print on.", "a4").default("letter"),
    Field::new("audiences", Type::Labels, "Who the practices are for: a key (used in a practice's `audience:`) and its label. Without this list any audience key is accepted.", "{hr: Human resources staff}")
        .words(Words::Translated)
        .names(Names::Audiences),
    Field::new("sources", Type::Table(SOURCE), "The documents the guide draws on: a key (used in a page's `source:`) with the document's details under it.", "{handbook: {title: Our practice handbook}}")
        .words(Words::Translated)
        .names(Names::Sources),
    Field::new("handouts", Type::Records(BUNDLE), "Handout bundles for an event: each printed with a cover, a contents list and its parts, at /handouts/bundles/<name>/.", "[{name: spring-conference, title: Practices for the spring conference, include: [practices/supervision]}]")
        .words(Words::Translated),
    Field::new("allow_outside_symlinks", Type::Bool, "Symbolic links in the guide may lead outside its folder.", "true").default("false"),
    Field::new("unsafe_html", Type::Bool, "Raw HTML in Markdown may hold scripts, frames and event handlers.", "true").default("false"),
    Field::new("languages", Type::Labels, "The guide's other languages: a code (the folder /<code>/ and the suffix of translated files, `about.es.md`) and the language's name in itself.", "{es: Español}")
        .names(Names::Languages),
    Field::new("right_to_left", Type::List, "Codes of the guide's languages written right to left that practica does not know as such (it knows ar, fa, he, ur, yi, ps, sd, ckb, dv, ug and codes with a right-to-left script subtag such as `ku-Arab`).", "[ku]")
        .names(Names::Languages),
    Field::new("offline_download", Type::Bool, "A build also publishes the offline edition as one zip file, linked from every page.", "true").default("false"),
    Field::new("review_every", Type::Int { min: Some(1), max: Some(120) }, "Months between reviews of a page; `practica check` notes the pages due.", "12"),
    Field::new("feedback", TEXT, "Where readers' feedback goes: `mailto:` an address, or a form's address with `{url}`, `{title}` and `{answer}` to fill in.", "mailto:guide@example.org"),
    Field::new("tags", Type::Labels, "A tag as written in front matter, and its label in this language.", "{meetings: reuniones}")
        .words(Words::TranslationOnly),
];

/// An entry of `sources:`.
pub static SOURCE: &[Field] = &[
    Field::new("title", TEXT, "The document's full title.", "Our practice handbook")
        .need(Need::Required)
        .words(Words::Translated),
    Field::new("publisher", TEXT, "Who published it.", "Our consortium").words(Words::Translated),
    Field::new("year", TEXT, "The year it was published.", "2026"),
    Field::new("url", TEXT, "Its web address (http, https or mailto).", "https://example.org/handbook.pdf"),
    Field::new("note", TEXT, "What of it the guide uses, or how.", "Appendix C.").words(Words::Translated),
];

/// An entry of `handouts:`.
pub static BUNDLE: &[Field] = &[
    Field::new("name", TEXT, "The bundle's name, in its address /handouts/bundles/<name>/.", "spring-conference")
        .need(Need::Required)
        .words(Words::Identifies)
        .names(Names::Bundles),
    Field::new("title", TEXT, "The title on its cover; its name otherwise.", "Practices to Advance Workforce Integration")
        .words(Words::Translated),
    Field::new("subtitle", TEXT, "A line under the title.", "Human Resources Best Practices").words(Words::Translated),
    Field::new("event", TEXT, "The event it is printed for.", "Supervision of Peer Workforce Conference")
        .words(Words::Translated),
    Field::new("date", TEXT, "The event's date; written year-month-day it is printed in words.", "\"2026-03-25\""),
    Field::new("paper", PAPER, "The paper it prints on; the guide's `paper` otherwise.", "a4"),
    Field::new("include", Type::List, "Its parts in order: an area (`practices/<area>`), a practice, a tip, a checklist or a page, by content path without `.md`.", "[practices/supervision, checklists/self-assessment]")
        .names(Names::Pages),
];
