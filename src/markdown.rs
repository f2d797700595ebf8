//! Markdown → HTML in one pass over pulldown-cmark's events.
//!
//! The same pass rewrites links to other content files into URLs, gives every
//! heading a stable id, turns task-list items into real labelled checkboxes,
//! turns `> [!TIP]` callouts into notes, and collects the plain text (for
//! search), the headings (for #anchor checks) and the task items (for
//! checklists and worksheets). Markdown never goes through the template engine,
//! so `{{ }}` written by an editor stays literal text.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::slug::slugify;

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_SMART_PUNCTUATION
}

/// What the caller decided about one link or image destination.
pub enum Link {
    /// Print it as written.
    Keep,
    /// Print this URL instead.
    Rewrite(String),
    /// The destination is wrong; the build reports it and prints `#`.
    Broken { message: String, help: Option<String> },
    /// Print it as written, with a warning.
    Warn { message: String, help: Option<String> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    BrokenLink,
    MissingAlt,
    InsecureLink,
}

/// A problem found while rendering, at a 1-based line of the Markdown body.
#[derive(Debug, Clone)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// 1-based line in the Markdown body.
    pub line: usize,
}

/// One `- [ ]` item with the heading it sits under.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Task {
    pub id: String,
    /// The item's text as HTML (links kept), without the checkbox.
    pub html: String,
    pub text: String,
    pub checked: bool,
    /// Text of the nearest heading above it, if any.
    pub group: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub text: String,
    pub headings: Vec<Heading>,
    pub tasks: Vec<Task>,
    pub problems: Vec<Problem>,
}

/// `id_prefix` keeps ids unique when several documents share one page (handouts).
/// `resolve` gets each link or image destination with its line and column in `body`.
pub fn render(body: &str, id_prefix: &str, resolve: &dyn Fn(&str, bool, usize, usize) -> Link) -> Rendered {
    let line_starts: Vec<usize> = std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_col = |offset: usize| {
        let line = line_starts.partition_point(|s| *s <= offset);
        (line, offset - line_starts[line - 1] + 1)
    };

    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::with_capacity(body.len() / 8);
    // Headings get their ids at the end, once the ids of task boxes and
    // footnotes are known: (index in `events`, index in `headings`, id wanted).
    let mut heading_ids: Vec<(usize, usize, String)> = Vec::new();
    let mut footnote_ids: HashSet<String> = HashSet::new();
    let mut heading: Option<Vec<Event>> = None;
    let mut heading_line = 0;
    let mut current_group: Option<String> = None;
    let mut task: Option<(usize, String, bool)> = None;
    let mut task_depth_label_open = false;
    let mut image_alt: Option<(usize, usize, String)> = None;
    let mut task_count = 0usize;

    let parser = Parser::new_ext(body, options()).into_offset_iter();
    for (event, range) in parser {
        // Plain text for search and task items.
        match &event {
            Event::Text(t) | Event::Code(t) => {
                out.text.push_str(t);
                if let Some((_, s, _)) = &mut task {
                    s.push_str(t);
                }
                if let Some((_, _, alt)) = &mut image_alt {
                    alt.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => out.text.push(' '),
            Event::FootnoteReference(name) | Event::Start(Tag::FootnoteDefinition(name)) => {
                footnote_ids.insert(name.to_string());
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => out.text.push(' '),
            _ => {}
        }

        // Headings are held back until their text is known, to give them an id.
        if let Some(held) = &mut heading {
            if let Event::End(TagEnd::Heading(level)) = event {
                let mut held = heading.take().expect("heading is open");
                let text: String = held
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let explicit = match &held[0] {
                    Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
                    _ => None,
                };
                let base = explicit.unwrap_or_else(|| format!("{id_prefix}{}", slugify(&text)));
                heading_ids.push((events.len(), out.headings.len(), base));
                let lvl = level as u8;
                if lvl <= 3 {
                    current_group = Some(text.trim().to_string());
                }
                out.headings.push(Heading {
                    level: lvl,
                    id: String::new(),
                    text: text.trim().to_string(),
                    line: heading_line,
                });
                events.append(&mut held);
                events.push(Event::End(TagEnd::Heading(level)));
            } else {
                let ev = rewrite_link(event, range.start, &line_col, resolve, &mut out.problems);
                held.push(ev);
            }
            continue;
        }

        match event {
            Event::Start(Tag::Heading { .. }) => {
                heading_line = line_col(range.start).0;
                heading = Some(vec![event]);
            }
            Event::TaskListMarker(checked) => {
                task_count += 1;
                let id = format!("{id_prefix}task-{task_count}");
                events.push(Event::Html(CowStr::from(format!(
                    "<input type=\"checkbox\" class=\"task-box\" id=\"{id}\"{}><label for=\"{id}\">",
                    if checked { " checked" } else { "" }
                ))));
                task_depth_label_open = true;
                task = Some((events.len(), String::new(), checked));
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) | Event::Start(Tag::List(_))
                if task_depth_label_open =>
            {
                task_depth_label_open = false;
                if let Some((start_idx, text, checked)) = task.take() {
                    let mut html = String::new();
                    pulldown_cmark::html::push_html(&mut html, events[start_idx..].iter().cloned());
                    task_count_push(&mut out.tasks, task_count, id_prefix, html, text, checked, &current_group);
                }
                events.push(Event::Html(CowStr::Borrowed("</label>")));
                events.push(event);
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, title) = callout(kind);
                events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n"
                ))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                events.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::Start(Tag::Image { .. }) => {
                let (line, col) = line_col(range.start);
                image_alt = Some((line, col, String::new()));
                let ev = rewrite_link(event, range.start, &line_col, resolve, &mut out.problems);
                events.push(ev);
            }
            Event::End(TagEnd::Image) => {
                if let Some((line, column, alt)) = image_alt.take()
                    && alt.trim().is_empty()
                {
                    out.problems.push(Problem {
                        line,
                        column,
                        message: "this image has no alt text".into(),
                        help: Some(
                            "describe the image between the brackets: ![Map of the regions](/img/map.svg)".into(),
                        ),
                        kind: ProblemKind::MissingAlt,
                    });
                }
                events.push(event);
            }
            Event::Html(h) | Event::InlineHtml(h) => events.push(Event::Html(h)),
            other => {
                let ev = rewrite_link(other, range.start, &line_col, resolve, &mut out.problems);
                events.push(ev);
            }
        }
    }
    // A heading never takes the id of a task box or a footnote: `## Task 1`
    // and the first checkbox were both `task-1`, and the label ticked nothing.
    let mut used_ids: HashSet<String> = (1..=task_count).map(|n| format!("{id_prefix}task-{n}")).collect();
    used_ids.extend(footnote_ids);
    let mut id_counts: HashMap<String, usize> = HashMap::new();
    for (at, h, base) in heading_ids {
        let id = unique(&base, &mut used_ids, &mut id_counts);
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[at] {
            *slot = Some(CowStr::from(id.clone()));
        }
        out.headings[h].id = id;
    }
    out.html.reserve(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

fn task_count_push(
    tasks: &mut Vec<Task>,
    n: usize,
    id_prefix: &str,
    html: String,
    text: String,
    checked: bool,
    group: &Option<String>,
) {
    tasks.push(Task {
        id: format!("{id_prefix}task-{n}"),
        html: html.trim().to_string(),
        text: text.trim().to_string(),
        checked,
        group: group.clone(),
    });
}

/// `base`, or the first of `base-1`, `base-2`, … not yet used. `next` keeps
/// where each base's count got to: counting from 1 again for every repeat of
/// one heading was quadratic.
fn unique(base: &str, used: &mut HashSet<String>, next: &mut HashMap<String, usize>) -> String {
    if used.insert(base.to_string()) {
        return base.to_string();
    }
    let n = next.entry(base.to_string()).or_insert(1);
    loop {
        let candidate = format!("{base}-{n}");
        *n += 1;
        if used.insert(candidate.clone()) {
            return candidate;
        }
    }
}

fn callout(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

fn rewrite_link<'a>(
    event: Event<'a>,
    offset: usize,
    line_col: &dyn Fn(usize) -> (usize, usize),
    resolve: &dyn Fn(&str, bool, usize, usize) -> Link,
    problems: &mut Vec<Problem>,
) -> Event<'a> {
    let (dest, is_image) = match &event {
        Event::Start(Tag::Link { dest_url, link_type, .. }) if *link_type != LinkType::Email => (dest_url, false),
        Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
        _ => return event,
    };
    let (line, column) = line_col(offset);
    let new = match resolve(dest, is_image, line, column) {
        Link::Keep => return event,
        Link::Rewrite(url) => url,
        Link::Broken { message, help } => {
            problems.push(Problem { line, column, message, help, kind: ProblemKind::BrokenLink });
            "#".to_string()
        }
        Link::Warn { message, help } => {
            problems.push(Problem { line, column, message, help, kind: ProblemKind::InsecureLink });
            return event;
        }
    };
    match event {
        Event::Start(Tag::Link { link_type, title, id, .. }) => {
            Event::Start(Tag::Link { link_type, dest_url: CowStr::from(new), title, id })
        }
        Event::Start(Tag::Image { link_type, title, id, .. }) => {
            Event::Start(Tag::Image { link_type, dest_url: CowStr::from(new), title, id })
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(_: &str, _: bool, _: usize, _: usize) -> Link {
        Link::Keep
    }

    #[test]
    fn headings_get_unique_ids() {
        let r = render("# A b\n\n## A b\n\n## Own {#mine}\n", "", &keep);
        assert!(r.html.contains("<h1 id=\"a-b\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"a-b-1\">"));
        assert!(r.html.contains("<h2 id=\"mine\">"));
        assert_eq!(r.headings.len(), 3);
    }

    #[test]
    fn task_items_are_labelled_checkboxes() {
        let r = render("## Hiring\n\n- [ ] Post the job\n- [x] Done [here](x.md)\n", "p-", &keep);
        assert!(r.html.contains("<input type=\"checkbox\" class=\"task-box\" id=\"p-task-1\"><label for=\"p-task-1\">Post the job</label>"), "{}", r.html);
        assert_eq!(r.tasks.len(), 2);
        assert_eq!(r.tasks[1].group.as_deref(), Some("Hiring"));
        assert!(r.tasks[1].checked);
        assert!(r.tasks[1].html.contains("<a href=\"x.md\">here</a>"), "{}", r.tasks[1].html);
        assert!(!r.html.contains("disabled"));
    }

    #[test]
    fn callouts_and_template_syntax() {
        let r = render("> [!TIP]\n> Do it {{ now }} {% if %}\n", "", &keep);
        assert!(r.html.contains("callout-tip"), "{}", r.html);
        assert!(r.html.contains("{{ now }} {% if %}"));
    }

    #[test]
    fn broken_links_report_line_and_column() {
        let r = render("Text\n\nSee [x](missing.md).\n", "", &|d: &str, _, _, _| {
            if d == "missing.md" { Link::Broken { message: "nope".into(), help: None } } else { Link::Keep }
        });
        assert_eq!(r.problems[0].line, 3);
        assert_eq!(r.problems[0].column, 5);
        assert!(r.html.contains("href=\"#\""));
    }

    #[test]
    fn image_without_alt_warns() {
        let r = render("![](a.png)\n", "", &keep);
        assert_eq!(r.problems[0].kind, ProblemKind::MissingAlt);
    }
}
