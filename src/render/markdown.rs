//! A doc's Markdown as HTML, for the page it is placed on.
//!
//! The same Markdown `resolve` scanned is parsed again and written out with
//! what the scan decided: every link's address (relative to the page in the
//! offline edition), every heading's and checklist item's id. Task-list items
//! become labelled checkboxes on the web and empty boxes to tick with a pen on
//! paper; callouts get the theme's markup. On a handout, where several docs
//! share one page, ids get a prefix and headings move down under the part's
//! title. Markdown never goes through the template engine, so `{{ }}` written
//! by an editor stays literal text.

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use crate::guide::{Addresses, DocId, Edition, Scan, Target};
use crate::render::templates::Callouts;
use crate::resolve::scan::{destination, options};

/// Where and how a doc's HTML is placed.
pub struct Placement<'a> {
    pub addresses: &'a Addresses,
    /// The site path of every doc's page, by `DocId`.
    pub paths: &'a [String],
    pub callouts: &'a Callouts,
    /// The site path of the page the HTML goes on.
    pub from: &'a str,
    /// Keeps ids unique when several docs share one page (handouts).
    pub id_prefix: &'a str,
    /// Levels to move every heading down by.
    pub heading_shift: u8,
    /// Task-list items as boxes to tick by hand, not checkboxes.
    pub pen: bool,
    /// Marks headings so [`MovableHtml::place`] can give them their level later.
    pub movable: bool,
    /// The edition the page belongs to: links go to its translations.
    pub edition: Option<InEdition<'a>>,
}

/// What a page of one edition needs to link to the same edition.
pub struct InEdition<'a> {
    pub edition: &'a Edition,
    /// For a translation, the doc it translates (by `DocId`).
    pub original_of: &'a [Option<DocId>],
    /// Every doc's scan, to find a heading again in a translation.
    pub scans: &'a [Scan],
    /// The note after a link to a page that is only in the guide's own
    /// language: `(English)`.
    pub foreign_note: String,
}

impl InEdition<'_> {
    /// Where a link to doc `id`'s heading `fragment` goes in this edition:
    /// the translation and its heading of the same place when there is one,
    /// and whether the page is in the guide's own language instead.
    fn target(&self, id: DocId, fragment: Option<&str>) -> (DocId, Option<String>, bool) {
        let source = self.original_of.get(id).copied().flatten().unwrap_or(id);
        let Some(shown) = self.edition.doc(source) else {
            return (source, fragment.map(str::to_string), !self.edition.default);
        };
        let fragment = fragment.map(|f| {
            let (from, to) = (&self.scans[source].headings, &self.scans[shown].headings);
            match from.iter().position(|h| h.id == f) {
                // A translation keeps its source's headings, in their order.
                Some(i) if from.len() == to.len() => to[i].id.clone(),
                _ => f.to_string(),
            }
        });
        (shown, fragment, false)
    }
}

/// A doc's HTML, and each checklist item's own HTML (for worksheets).
pub struct DocHtml {
    pub html: String,
    pub tasks: Vec<String>,
}

pub fn render(body: &str, scan: &Scan, at: &Placement) -> DocHtml {
    let mut events: Vec<Event> = Vec::with_capacity(body.len() / 8);
    let mut links = scan.links.iter();
    let mut headings = scan.headings.iter();
    let mut task_ids = scan.tasks.iter();
    let mut tasks = Vec::with_capacity(scan.tasks.len());
    // Where the open task item's text starts in `events`, and its pinned id.
    let mut open_task: Option<usize> = None;
    let mut open_pin: Option<&str> = None;
    let prefix = at.id_prefix;
    let prefixed = |name: &str| -> CowStr<'static> { CowStr::from(format!("{prefix}{name}")) };
    // For each open link, whether it leads to a page only in the guide's own language.
    let mut foreign_links: Vec<bool> = Vec::new();

    for event in Parser::new_ext(body, options()) {
        if destination(&event).is_some() {
            let target = links.next().unwrap_or(&Target::Keep);
            let is_link = matches!(event, Event::Start(Tag::Link { .. }));
            let (event, foreign) = relink(event, target, at);
            if is_link {
                foreign_links.push(foreign);
            }
            events.push(event);
            continue;
        }
        match event {
            Event::End(TagEnd::Link) => {
                events.push(event);
                if foreign_links.pop() == Some(true)
                    && let Some(e) = &at.edition
                {
                    let note = crate::text::escape_html(&e.foreign_note);
                    events.push(Event::InlineHtml(CowStr::from(format!(" <span class=\"lang-note\">{note}</span>"))));
                }
            }
            Event::Start(Tag::Heading { level, id: _, classes, attrs }) => {
                let id = headings.next().map(|h| prefixed(&h.id));
                if at.movable {
                    events.push(Event::Html(CowStr::Borrowed(marks().open.as_str())));
                }
                events.push(Event::Start(Tag::Heading { level: shift(level, at.heading_shift), id, classes, attrs }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if at.movable {
                    events.push(Event::Html(CowStr::Borrowed(marks().close.as_str())));
                }
                events.push(Event::End(TagEnd::Heading(shift(level, at.heading_shift))))
            }
            Event::TaskListMarker(_) => {
                let task = task_ids.next();
                open_pin = task.filter(|t| t.pinned).map(|t| t.id.as_str());
                // On the web, the item's text, which the theme's script gives
                // its answer controls; without the script it reads as a list.
                let web = || {
                    let id = task.map_or("item", |t| t.id.as_str());
                    let section = task.and_then(|t| t.group.as_deref()).unwrap_or_default();
                    format!(
                        "<span class=\"task\" id=\"{prefix}task-{id}\" data-task=\"{id}\" data-section=\"{}\">",
                        crate::text::escape_html(section)
                    )
                };
                let html = if at.movable {
                    // Placed on paper, the marks and what is between them become the box.
                    format!("{}{}{}", marks().task, web(), marks().task_end)
                } else if at.pen {
                    PEN_BOX.to_string()
                } else {
                    web()
                };
                events.push(Event::Html(CowStr::from(html)));
                open_task = Some(events.len());
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) | Event::Start(Tag::List(_))
                if open_task.is_some() =>
            {
                if let Some(start) = open_task.take() {
                    if let Some(pin) = open_pin.take() {
                        unpin(&mut events[start..], pin);
                    }
                    let mut html = String::new();
                    pulldown_cmark::html::push_html(&mut html, events[start..].iter().cloned());
                    tasks.push(html.trim().to_string());
                }
                events.push(Event::Html(CowStr::Borrowed("</span>")));
                events.push(event);
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (open, _) = at.callouts.around(callout_kind(kind));
                events.push(Event::Html(CowStr::from(open.to_string())));
            }
            Event::End(TagEnd::BlockQuote(Some(kind))) => {
                let (_, close) = at.callouts.around(callout_kind(kind));
                events.push(Event::Html(CowStr::from(close.to_string())));
            }
            Event::FootnoteReference(name) if !prefix.is_empty() => {
                events.push(Event::FootnoteReference(prefixed(&name)))
            }
            Event::Start(Tag::FootnoteDefinition(name)) if !prefix.is_empty() => {
                events.push(Event::Start(Tag::FootnoteDefinition(prefixed(&name))))
            }
            Event::Html(h) | Event::InlineHtml(h) => events.push(Event::Html(h)),
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    DocHtml { html, tasks }
}

/// Each doc's Markdown rendered once for one rendering of the site: for its
/// web page and every handout that prints it. Not kept across `serve`'s
/// rebuilds, as the text changes.
#[derive(Default)]
pub struct Rendered(crate::render::memo::Memo<Key, MovableHtml>);

/// The edition, the doc shown, and what links from the page depend on (see
/// `Addresses::link_depth`).
pub type Key = (usize, DocId, usize);

impl Rendered {
    pub fn get(&self, key: Key, render: impl FnOnce() -> MovableHtml) -> std::sync::Arc<MovableHtml> {
        self.0.get(key, render)
    }
}

/// How a checklist item starts on paper: a box to tick with a pen.
const PEN_BOX: &str = "<span class=\"box\" aria-hidden=\"true\"></span><span class=\"box-text\">";

/// A doc's HTML for every page that shows it: rendered once, then placed on
/// its web page and on each sheet with that sheet's id prefix, heading level
/// and boxes to tick. A practice is shown on its page, its own handout, its
/// area's and the complete guide's, and rendering its Markdown for each was a
/// third of a build.
pub struct MovableHtml {
    html: String,
}

/// What stands for the id prefix and around each heading in a [`MovableHtml`]'s
/// HTML. Letters and digits only, as an id goes into links (`href="#..."`),
/// and unguessable, as a doc may hold any text.
struct Marks {
    /// What every mark starts with.
    stem: String,
    /// Stands for the id prefix.
    id: String,
    /// Before a heading's `<hN`. The heading then starts on a new line, which
    /// it does without the mark only when the HTML before it did not end one.
    open: String,
    /// Before a heading's `</hN>`.
    close: String,
    /// Before a checklist item's opening as the web shows it, and after it:
    /// on paper the two and what is between them become [`PEN_BOX`].
    task: String,
    task_end: String,
}

fn marks() -> &'static Marks {
    static MARKS: std::sync::OnceLock<Marks> = std::sync::OnceLock::new();
    MARKS.get_or_init(|| {
        use std::hash::{BuildHasher, RandomState};
        let stem = format!("q{:016x}q", RandomState::new().hash_one(std::process::id()));
        let mark = |letter: char| format!("{stem}{letter}");
        Marks { id: mark('i'), open: mark('o'), close: mark('c'), task: mark('t'), task_end: mark('u'), stem }
    })
}

/// Finds the marks' stem: placing is a search for it through every page's HTML.
fn stem_finder() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(marks().stem.as_bytes()).into_owned())
}

/// What stands for the id prefix in a [`MovableHtml`]'s HTML, for a template
/// that prints ids around it to use too.
pub fn id_mark() -> &'static str {
    &marks().id
}

/// An unguessable word, letters and digits only, that no doc holds: a
/// template prints it where HTML made apart from it goes.
pub fn body_mark() -> &'static str {
    static BODY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BODY.get_or_init(|| format!("{}b", marks().stem))
}

impl MovableHtml {
    pub fn render(body: &str, scan: &Scan, mut at: Placement) -> MovableHtml {
        at.id_prefix = &marks().id;
        at.heading_shift = 0;
        at.movable = true;
        MovableHtml { html: render(body, scan, &at).html }
    }

    /// About how many bytes the HTML takes where it is placed.
    pub fn size(&self) -> usize {
        self.html.len()
    }

    /// The HTML with ids starting `id_prefix`, headings `heading_shift`
    /// levels down, and checklist items as boxes to tick when `pen`.
    pub fn place(&self, id_prefix: &str, heading_shift: u8, pen: bool) -> String {
        let mut out = String::with_capacity(self.html.len() + 256);
        self.place_into(id_prefix, heading_shift, pen, &mut out);
        out
    }

    /// [`MovableHtml::place`], added to the end of `out`.
    pub fn place_into(&self, id_prefix: &str, heading_shift: u8, pen: bool, out: &mut String) {
        let m = marks();
        let stem = m.stem.as_str();
        let start = out.len();
        let mut rest = self.html.as_str();
        while let Some(at) = stem_finder().find(rest.as_bytes()) {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            if let Some(after) = rest.strip_prefix(m.id.as_str()) {
                out.push_str(id_prefix);
                rest = after;
            } else if let Some((level, after)) = rest.strip_prefix(m.open.as_str()).and_then(|r| level(r, "\n<h")) {
                if !(out.len() == start || out.ends_with('\n')) {
                    out.push('\n');
                }
                out.push_str("<h");
                out.push(shifted(level, heading_shift));
                rest = after;
            } else if let Some((level, after)) = rest.strip_prefix(m.close.as_str()).and_then(|r| level(r, "</h")) {
                out.push_str("</h");
                out.push(shifted(level, heading_shift));
                rest = after;
            } else if let Some(after) = rest.strip_prefix(m.task.as_str()) {
                rest = after;
                if pen {
                    out.push_str(PEN_BOX);
                    let end = after.find(m.task_end.as_str()).map_or(after.len(), |e| e + m.task_end.len());
                    rest = &after[end..];
                }
            } else if let Some(after) = rest.strip_prefix(m.task_end.as_str()) {
                rest = after;
            } else {
                // Not written by `render`: cannot happen, but keep the text.
                out.push_str(stem);
                rest = &rest[stem.len()..];
            }
        }
        out.push_str(rest);
    }
}

/// The level of the heading tag `tag` that `html` starts with, and what follows the digit.
fn level<'h>(html: &'h str, tag: &str) -> Option<(u8, &'h str)> {
    let rest = html.strip_prefix(tag)?;
    let digit = *rest.as_bytes().first()?;
    digit.is_ascii_digit().then(|| (digit - b'0', &rest[1..]))
}

fn shifted(level: u8, by: u8) -> char {
    char::from(b'0' + level.saturating_add(by).min(6))
}

/// Takes an item's pinned id (` {#id}`) off the end of its text.
fn unpin(events: &mut [Event], pin: &str) {
    let suffix = crate::resolve::scan::written_pin(pin);
    if let Some(Event::Text(t)) = events.iter_mut().rev().find(|e| matches!(e, Event::Text(_)))
        && let Some(rest) = t.trim_end().strip_suffix(&suffix)
    {
        *t = CowStr::from(rest.trim_end().to_string());
    }
}

fn shift(level: pulldown_cmark::HeadingLevel, by: u8) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match (level as u8 + by).min(6) {
        1 => H1,
        2 => H2,
        3 => H3,
        4 => H4,
        5 => H5,
        _ => H6,
    }
}

pub fn callout_kind(kind: pulldown_cmark::BlockQuoteKind) -> &'static str {
    use pulldown_cmark::BlockQuoteKind::*;
    match kind {
        Note => "note",
        Tip => "tip",
        Important => "important",
        Warning => "warning",
        Caution => "caution",
    }
}

/// A link or image start event with the address the scan decided, and
/// whether it leads to a page only in the guide's own language.
fn relink<'e>(event: Event<'e>, target: &Target, at: &Placement) -> (Event<'e>, bool) {
    let addresses = at.addresses;
    let mut foreign = false;
    let new = match target {
        Target::Keep => match &event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with('#') && dest_url.len() > 1 => {
                format!("#{}{}", at.id_prefix, &dest_url[1..])
            }
            _ => return (event, false),
        },
        Target::Doc { id, fragment } => {
            let (shown, fragment) = match &at.edition {
                Some(e) => {
                    let (shown, fragment, only_default) = e.target(*id, fragment.as_deref());
                    foreign = only_default;
                    (shown, fragment)
                }
                None => (*id, fragment.clone()),
            };
            let mut href = addresses.href(at.from, &at.paths[shown]);
            if let Some(f) = fragment {
                href.push('#');
                href.push_str(&f);
            }
            href
        }
        Target::Site(path) => addresses.href(at.from, path),
        Target::Nowhere => "#".to_string(),
    };
    let event = match event {
        Event::Start(Tag::Link { link_type, title, id, .. }) => {
            Event::Start(Tag::Link { link_type, dest_url: CowStr::from(new), title, id })
        }
        Event::Start(Tag::Image { link_type, title, id, .. }) => {
            Event::Start(Tag::Image { link_type, dest_url: CowStr::from(new), title, id })
        }
        other => other,
    };
    (event, foreign)
}

/// For the fuzz target: the HTML pass over any Markdown and its scan, and the
/// same HTML rendered once to be placed ([`MovableHtml`]) must be what rendering
/// it for the place gives.
#[doc(hidden)]
pub fn render_for_fuzzing(body: &str, scan: &Scan) -> String {
    let addresses = Addresses::new("/base/");
    let callouts = Callouts::default();
    let at = |id_prefix, heading_shift| Placement {
        addresses: &addresses,
        paths: &[],
        callouts: &callouts,
        from: "a/b/",
        id_prefix,
        heading_shift,
        pen: true,
        movable: false,
        edition: None,
    };
    let html = render(body, scan, &at("p1-", 1)).html;
    let once = MovableHtml::render(body, scan, at("", 0));
    assert_eq!(once.place("p1-", 1, true), html, "placed once and rendered differ");
    let web = Placement { pen: false, ..at("", 0) };
    assert_eq!(once.place("", 0, false), render(body, scan, &web).html, "placed on the web page and rendered differ");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{GUIDE_YAML, area, practice, site, templates};

    const BODY: &str = "## Why it matters\n\nSee [b](b.md#steps) and ![map](/img/map.svg).\n\n> [!TIP]\n> Ask peers.\n\n- [ ] Done once\n- [x] Done twice[^1]\n- [ ] Reworded {#old-id}\n\n[^1]: A note.\n";

    fn placed(relative: bool, from: &str, id_prefix: &str, heading_shift: u8, pen: bool) -> DocHtml {
        let mut s = site(
            GUIDE_YAML,
            &[
                ("practices/hiring/_index.md", &area("Hiring")),
                ("practices/hiring/a.md", &practice("Ay", "", BODY)),
                ("practices/hiring/b.md", &practice("Bee", "", "## Steps\n")),
            ],
        );
        if relative {
            s.guide.addresses = s.guide.addresses.clone().relative();
        }
        let t = templates(&s);
        let a = s.guide.find("practices/hiring/a").unwrap();
        let at = Placement {
            addresses: &s.guide.addresses,
            paths: &s.guide.paths,
            callouts: t.callouts(0),
            from,
            id_prefix,
            heading_shift,
            pen,
            movable: false,
            edition: None,
        };
        render(&s.texts.bodies[a], &s.texts.scans[a], &at)
    }

    #[test]
    fn on_its_web_page() {
        let h = placed(false, "practices/hiring/a/", "", 0, false).html;
        assert!(h.contains("<h2 id=\"why-it-matters\">Why it matters</h2>"), "{h}");
        assert!(h.contains("<a href=\"/g/practices/hiring/b/#steps\">b</a>"), "{h}");
        assert!(h.contains("<img src=\"/g/img/map.svg\" alt=\"map\""), "{h}");
        assert!(
            h.contains("<div class=\"callout callout-tip\" role=\"note\"><p class=\"callout-title\">Tip</p>"),
            "{h}"
        );
        assert!(h.contains("<span class=\"task\" id=\"task-done-once\" data-task=\"done-once\" data-section=\"Why it matters\">Done once</span>"), "{h}");
        assert!(h.contains("data-task=\"done-twice\""), "{h}");
        assert!(h.contains(">Reworded</span>") && h.contains("id=\"task-old-id\""), "a pinned id, not printed: {h}");
        assert!(!h.contains("<input"), "answer controls come from the script: {h}");
    }

    #[test]
    fn on_a_sheet_of_paper() {
        let h = placed(false, "handouts/hiring/", "p2-", 1, true);
        assert!(h.html.contains("<h3 id=\"p2-why-it-matters\">"), "{}", h.html);
        assert!(
            h.html
                .contains("<span class=\"box\" aria-hidden=\"true\"></span><span class=\"box-text\">Done once</span>"),
            "{}",
            h.html
        );
        assert!(!h.html.contains("<input"), "{}", h.html);
        assert!(
            h.html.contains("href=\"#p2-1\"") && h.html.contains("id=\"p2-1\""),
            "footnotes keep their pair: {}",
            h.html
        );
        assert_eq!(h.tasks[0], "Done once");
        assert_eq!(h.tasks[2], "Reworded", "a pinned id is not printed");
    }

    #[test]
    fn rendered_once_and_placed_is_the_same_as_rendered_for_the_place() {
        let body = "# Top {#top .wide}\n\nSee [below](#more) and [b](b.md#steps).[^n]\n\n\
                    > ## Quoted heading\n\n- ### In a list\n- [ ] A task\n- [x] Done {#pinned}\n\n<h2>Raw heading</h2>\n\n\
                    #### More\n\n###### Deepest\n\n`<h2>` in code and q0q text\n\n[^n]: A note.\n";
        let mut s = site(
            GUIDE_YAML,
            &[
                ("practices/hiring/_index.md", &area("Hiring")),
                ("practices/hiring/a.md", &practice("Ay", "", body)),
                ("practices/hiring/b.md", &practice("Bee", "", "## Steps\n")),
            ],
        );
        for relative in [false, true] {
            if relative {
                s.guide.addresses = s.guide.addresses.clone().relative();
            }
            let t = templates(&s);
            let a = s.guide.find("practices/hiring/a").unwrap();
            let at = |id_prefix, heading_shift| Placement {
                addresses: &s.guide.addresses,
                paths: &s.guide.paths,
                callouts: t.callouts(0),
                from: "handouts/hiring/",
                id_prefix,
                heading_shift,
                pen: true,
                movable: false,
                edition: None,
            };
            let once = MovableHtml::render(&s.texts.bodies[a], &s.texts.scans[a], at("", 0));
            for (prefix, shift) in [("p1-", 0), ("p2-", 1), ("p17-", 2), ("p3-", 5)] {
                let direct = render(&s.texts.bodies[a], &s.texts.scans[a], &at(prefix, shift)).html;
                assert_eq!(once.place(prefix, shift, true), direct, "prefix {prefix}, shift {shift}");
                assert!(direct.contains(&format!("id=\"{prefix}top\"")), "{direct}");
                assert!(direct.contains("<span class=\"box\" aria-hidden=\"true\"></span>"), "{direct}");
            }
            // The same rendering placed on the web page: items to answer, not boxes.
            let web = render(&s.texts.bodies[a], &s.texts.scans[a], &Placement { pen: false, ..at("", 0) }).html;
            assert_eq!(once.place("", 0, false), web, "on the web page");
            assert!(web.contains("<span class=\"task\" id=\"task-pinned\" data-task=\"pinned\""), "{web}");
        }
    }

    #[test]
    fn in_the_offline_edition_links_are_relative_files() {
        let h = placed(true, "practices/hiring/a/", "", 0, false).html;
        assert!(h.contains("<a href=\"../../../practices/hiring/b/index.html#steps\">b</a>"), "{h}");
        assert!(h.contains("src=\"../../../img/map.svg\""), "{h}");
    }
}
