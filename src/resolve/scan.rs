//! The Markdown pass of `resolve`: one walk over a doc's parsed Markdown that
//! decides what every link becomes, gives every heading and checklist item
//! its id, and collects the plain text for search. It writes no HTML; the
//! renderer does, from the same Markdown and this [`Scan`], so both passes
//! see the same events in the same order.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::guide::{Heading, Scan, Target, Task};
use crate::text::slugify;

/// The Markdown both passes read: CommonMark with GitHub's tables, footnotes,
/// task lists, strikethrough and callouts, heading ids, and smart punctuation.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_SMART_PUNCTUATION
}

/// A link or image destination, if `event` starts one whose destination is
/// decided by `resolve` (e-mail autolinks are kept as they are).
pub fn destination<'e>(event: &'e Event) -> Option<(&'e str, bool)> {
    match event {
        Event::Start(Tag::Link { dest_url, link_type, .. }) if *link_type != LinkType::Email => Some((dest_url, false)),
        Event::Start(Tag::Image { dest_url, .. }) => Some((dest_url, true)),
        _ => None,
    }
}

/// Decides one destination (`dest`, whether it is an image, its 1-based line
/// and column in the body): what it becomes, and a problem to report without
/// its position, which the pass fills in.
pub type Resolver<'a> = dyn FnMut(&str, bool, usize, usize) -> (Target, Option<Diagnostic>) + 'a;

/// Scans `body`, the Markdown of `file` starting on its line `body_line`.
/// Raw HTML that runs scripts is reported unless `unsafe_html` allows it.
pub fn scan(
    body: &str,
    file: &Path,
    body_line: usize,
    unsafe_html: bool,
    resolve: &mut Resolver,
    diags: &mut Diagnostics,
) -> Scan {
    let line_starts: Vec<usize> = std::iter::once(0).chain(body.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_col = |offset: usize| {
        let line = line_starts.partition_point(|s| *s <= offset);
        (line, offset - line_starts[line - 1] + 1)
    };
    let at = |d: Diagnostic, (line, column): (usize, usize)| {
        let mut d = d.at_column(column);
        d.file = file.to_path_buf();
        d.line = body_line + line - 1;
        d
    };

    let mut out = Scan::default();
    // Ids are given at the end, once every task box and footnote is known:
    // a heading never takes one of theirs.
    let mut heading_bases: Vec<String> = Vec::new();
    let mut footnote_ids: HashSet<String> = HashSet::new();
    let mut heading: Option<(usize, Option<String>, String)> = None;
    let mut group: Option<String> = None;
    let mut task: Option<Task> = None;
    let mut image_alt: Option<((usize, usize), String)> = None;
    // An HTML block arrives a line at a time; it is checked whole.
    let mut html_block: Option<((usize, usize), String)> = None;
    let check_html = |html: &str, position: (usize, usize), diags: &mut Diagnostics| {
        if let Some(what) = crate::resolve::html::unsafe_part(html).filter(|_| !unsafe_html) {
            diags.push(at(
                Diagnostic::error(Code::UnsafeHtml, file, 0, format!("raw HTML with {what} is not published"))
                    .with_help(
                        "write it in Markdown, or remove it; to publish scripts, frames or event handlers on \
                         purpose, set `unsafe_html: true` in guide.yaml",
                    ),
                position,
            ));
        }
    };

    // Where Markdown is not read as Markdown: pasted bullets there are code.
    let mut verbatim: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if matches!(event, Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock)) {
            verbatim.push(range.clone());
        }
        match &event {
            Event::Text(t) | Event::Code(t) => {
                out.text.push_str(t);
                if let Some(t2) = &mut task {
                    t2.text.push_str(t);
                }
                if let Some((_, alt)) = &mut image_alt {
                    alt.push_str(t);
                }
                if let Some((_, _, text)) = &mut heading {
                    text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => out.text.push(' '),
            Event::FootnoteReference(name) | Event::Start(Tag::FootnoteDefinition(name)) => {
                footnote_ids.insert(name.to_string());
            }
            _ => {}
        }
        if matches!(event, Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell)) {
            out.text.push(' ');
        }
        if let Some((dest, is_image)) = destination(&event) {
            let position = line_col(range.start);
            let (target, problem) = resolve(dest, is_image, position.0, position.1);
            out.links.push(target);
            if let Some(d) = problem {
                diags.push(at(d, position));
            }
        }
        match event {
            Event::Start(Tag::Heading { id, .. }) => {
                heading = Some((line_col(range.start).0, id.map(|i| i.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(level)) => {
                let Some((line, explicit, text)) = heading.take() else { continue };
                let text = text.trim().to_string();
                heading_bases.push(explicit.unwrap_or_else(|| slugify(&text)));
                if level as u8 <= 3 {
                    group = Some(text.clone());
                }
                out.headings.push(Heading { level: level as u8, id: String::new(), text, line });
            }
            Event::TaskListMarker(checked) => {
                let line = line_col(range.start).0;
                let links = out.links.len()..out.links.len();
                let (text, id, pinned) = (String::new(), String::new(), false);
                task = Some(Task { id, pinned, text, checked, group: group.clone(), line, links });
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) | Event::Start(Tag::List(_)) => {
                if let Some(mut t) = task.take() {
                    let (text, pin) = split_pin(t.text.trim());
                    t.pinned = pin.is_some();
                    // A pin is an id, not words of the page: not searched, not in excerpts.
                    if let Some(pin) = pin {
                        let written = written_pin(pin);
                        if let Some(at) = out.text.rfind(&written) {
                            out.text.replace_range(at..at + written.len(), "");
                        }
                    }
                    t.id = pin.map_or_else(|| item_id(text), str::to_string);
                    t.text = text.to_string();
                    t.links.end = out.links.len();
                    if let Some(first) = out.tasks.iter().find(|o| o.id == t.id) {
                        diags.push(at(
                            Diagnostic::error(
                                Code::DuplicateItem,
                                file,
                                0,
                                format!("this item has the id `{}` like the item on line {}", t.id, body_line + first.line - 1),
                            )
                            .with_help(format!(
                                "readers' answers are kept by id, so the two would share one answer: reword one, or pin an id of its own at its end: - [ ] ... {{#{}-2}}",
                                t.id
                            )),
                            (t.line, 1),
                        ));
                    }
                    out.tasks.push(t);
                }
            }
            Event::Start(Tag::HtmlBlock) => html_block = Some((line_col(range.start), String::new())),
            Event::Html(h) => match &mut html_block {
                Some((_, text)) => text.push_str(&h),
                None => check_html(&h, line_col(range.start), diags),
            },
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((position, text)) = html_block.take() {
                    check_html(&text, position, diags);
                }
            }
            Event::InlineHtml(h) => check_html(&h, line_col(range.start), diags),
            Event::Start(Tag::Image { .. }) => image_alt = Some((line_col(range.start), String::new())),
            Event::End(TagEnd::Image) => {
                if let Some((position, alt)) = image_alt.take()
                    && alt.trim().is_empty()
                {
                    diags.push(at(
                        Diagnostic::warning(Code::MissingAlt, file, 0, "this image has no alt text")
                            .with_help("describe the image between the brackets: ![Map of the regions](/img/map.svg)"),
                        position,
                    ));
                }
            }
            _ => {}
        }
    }
    for (offset, d) in crate::resolve::pasted::check(body, &verbatim) {
        diags.push(at(d, line_col(offset)));
    }
    let mut used: HashSet<String> = out.tasks.iter().map(|t| format!("task-{}", t.id)).collect();
    used.extend(footnote_ids);
    let mut next: HashMap<String, usize> = HashMap::new();
    for (h, base) in out.headings.iter_mut().zip(heading_bases) {
        h.id = unique(&base, &mut used, &mut next);
    }
    out
}

/// The longest id made from an item's text; a pinned id may be longer.
const MAX_ITEM_ID: usize = 60;

/// An item's id from its words: `Job descriptions list core duties.` →
/// `job-descriptions-list-core-duties`, cut at a word to at most 60 characters.
pub fn item_id(text: &str) -> String {
    let slug = slugify(text);
    if slug.len() <= MAX_ITEM_ID {
        return slug;
    }
    let cut = slug[..=MAX_ITEM_ID].rfind('-').filter(|&i| i > 0).unwrap_or(MAX_ITEM_ID);
    slug[..cut].to_string()
}

/// An id pinned at the end of an item as it is written: `{#own-id}`.
pub fn written_pin(id: &str) -> String {
    format!("{{#{id}}}")
}

/// An item's text and the id pinned at its end (`... {#own-id}`), if any.
pub fn split_pin(text: &str) -> (&str, Option<&str>) {
    let Some(rest) = text.strip_suffix('}') else { return (text, None) };
    let Some(open) = rest.rfind("{#") else { return (text, None) };
    let id = &rest[open + 2..];
    let valid = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid { (rest[..open].trim_end(), Some(id)) } else { (text, None) }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_of(body: &str) -> (Scan, Diagnostics) {
        let mut diags = Diagnostics::new();
        let s = scan(body, Path::new("x.md"), 1, false, &mut |_, _, _, _| (Target::Keep, None), &mut diags);
        (s, diags)
    }

    #[test]
    fn headings_get_unique_ids() {
        let (s, _) = scan_of("# A b\n\n## A b\n\n## Own {#mine}\n");
        let ids: Vec<&str> = s.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a-b", "a-b-1", "mine"]);
    }

    #[test]
    fn task_items_keep_their_group_and_text() {
        let (s, _) = scan_of("## Hiring\n\n- [ ] Post the job\n- [x] Done [here](x.md)\n");
        assert_eq!(s.tasks.len(), 2);
        assert_eq!(s.tasks[1].group.as_deref(), Some("Hiring"));
        assert_eq!(s.tasks[1].text, "Done here");
        assert!(s.tasks[1].checked);
        assert_eq!(s.tasks[1].line, 4);
    }

    #[test]
    fn a_heading_never_takes_a_task_id() {
        let (s, _) = scan_of("## Task one\n\n- [ ] One\n");
        assert_eq!(s.tasks[0].id, "one");
        assert_eq!(s.headings[0].id, "task-one-1", "the item's element id is task-one: the heading differs");
        let (s, _) = scan_of("## Task one\n\n- [ ] Task one\n");
        assert_eq!(s.headings[0].id, "task-one", "no clash: the item is task-task-one");
    }

    #[test]
    fn item_ids_come_from_their_words_or_a_pin() {
        let (s, d) = scan_of("- [ ] Job descriptions list *core* duties.\n- [ ] Reworded item {#old-words}\n");
        assert_eq!(s.tasks[0].id, "job-descriptions-list-core-duties");
        assert_eq!(
            (s.tasks[1].id.as_str(), s.tasks[1].text.as_str(), s.tasks[1].pinned),
            ("old-words", "Reworded item", true)
        );
        assert!(d.is_empty());
        assert!(!s.text.contains("old-words") && s.text.contains("Reworded item"), "a pin is not text: {}", s.text);
        let long = "word ".repeat(30);
        let (s, _) = scan_of(&format!("- [ ] {long}\n"));
        assert!(s.tasks[0].id.len() <= 60 && !s.tasks[0].id.ends_with('-'), "{}", s.tasks[0].id);
        assert_eq!(split_pin("Price {not a pin}"), ("Price {not a pin}", None));
    }

    #[test]
    fn two_items_with_one_id_are_reported() {
        let (_, d) = scan_of("- [ ] Same words\n- [ ] Other\n- [ ] Same words!\n");
        let e = d.iter().next().expect("a duplicate");
        assert_eq!((e.code, e.line), (Code::DuplicateItem, 3));
        assert!(e.message.contains("`same-words` like the item on line 1"), "{}", e.message);
    }

    #[test]
    fn broken_links_report_line_and_column() {
        let mut diags = Diagnostics::new();
        let s = scan(
            "Text\n\nSee [x](missing.md).\n",
            Path::new("x.md"),
            5,
            false,
            &mut |d, _, _, _| {
                if d == "missing.md" {
                    (Target::Nowhere, Some(Diagnostic::error(Code::BrokenLink, "", 0, "nope")))
                } else {
                    (Target::Keep, None)
                }
            },
            &mut diags,
        );
        let d = diags.iter().next().unwrap();
        assert_eq!((d.line, d.column), (7, 5));
        assert_eq!(s.links, [Target::Nowhere]);
    }

    #[test]
    fn image_without_alt_warns() {
        let (_, diags) = scan_of("![](a.png)\n");
        assert_eq!(diags.iter().next().unwrap().code, Code::MissingAlt);
    }
}
