//! A sheet's parts as HTML. A practice is printed on its own handout, its
//! area's, the complete guide and any bundle, each time under another heading
//! level and id prefix. When its templates print the level only in heading
//! tags (the ones practica ships do; a theme's own part template says so with
//! `{# practica: placeable #}`, see docs/templates.md), its part is rendered
//! once (per edition and link depth) and placed on every sheet, as its
//! Markdown is (see [`markdown::MovableHtml`]): rendering it for each sheet was a
//! sixth of a build without search.

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::render::markdown;
use crate::render::pages::View;
use crate::render::templates::Templates;

use super::qr::QrCodes;
use super::sheet::{self, Part, Printed};

const PART_TEMPLATE: &str = "partials/handout-part.html";

/// Every template a practice's part is rendered with.
const PRACTICE_TEMPLATES: [&str; 4] =
    [PART_TEMPLATE, "partials/handout-practice.html", "partials/handout-source.html", "partials/qr.html"];

/// How a theme's part template says that it prints a part's heading level
/// only in heading tags and its id only where `part.id` is printed.
pub const PLACEABLE: &str = "{# practica: placeable #}";

/// Deeper parts are rendered for their sheet: a heading tag's level is one digit.
const DEEPEST: u8 = 5;

/// Whether practices' parts can be placed: their templates are the shipped
/// ones, or the theme's part template says they can be.
pub(super) fn reusable(templates: &Templates) -> bool {
    PRACTICE_TEMPLATES.iter().all(|t| templates.as_shipped(t)) || templates.declares(PART_TEMPLATE, PLACEABLE)
}

/// Part `part` of the handout at `page`, ready to be written.
pub fn render(
    view: &View,
    templates: &Templates,
    qr: &QrCodes,
    printed: &Printed,
    mut part: Part,
    page: &str,
) -> Result<Piece, Diagnostic> {
    if let Some(placed) = reused(view, templates, qr, printed, &part, page)? {
        return Ok(Piece::Placed(placed));
    }
    sheet::finish(view, qr, &mut part);
    rendered(view, templates, &part, page).map(Piece::Html)
}

/// A part of a sheet as it is written into the page.
pub enum Piece {
    /// Rendered for its sheet.
    Html(String),
    /// Made once for every sheet, placed on this one as the page is written.
    Placed(Placed),
}

impl Piece {
    /// About how many bytes the part takes on the page.
    pub fn size(&self) -> usize {
        match self {
            Piece::Html(html) => html.len(),
            Piece::Placed(p) => p.movable.size(),
        }
    }

    /// Writes the part to `out`; `buffer` is where a placed part is put first.
    pub fn write_to(&self, buffer: &mut String, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self {
            Piece::Html(html) => out.write_all(html.as_bytes()),
            Piece::Placed(p) => {
                buffer.clear();
                p.place_into(buffer);
                out.write_all(buffer.as_bytes())
            }
        }
    }
}

/// A practice's part and where it goes on a sheet.
pub struct Placed {
    movable: Arc<MovablePart>,
    id_prefix: String,
    level: u8,
    new_page: bool,
}

impl Placed {
    pub fn place_into(&self, out: &mut String) {
        self.movable.place_into(&self.id_prefix, self.level, self.new_page, out);
    }
}

fn rendered(view: &View, templates: &Templates, part: &Part, page: &str) -> Result<String, Diagnostic> {
    let mut ctx = templates.context(view.from, view.edition);
    ctx.insert("part", part);
    templates.render(PART_TEMPLATE, &ctx, page)
}

/// The practice's part made once, to be placed; `None` when it cannot be.
fn reused(
    view: &View,
    templates: &Templates,
    qr: &QrCodes,
    printed: &Printed,
    part: &Part,
    page: &str,
) -> Result<Option<Placed>, Diagnostic> {
    let (Some(parts), Some((id, prefix))) = (&printed.parts, &part.later.markdown) else { return Ok(None) };
    if part.kind != "practice" || !(1..=DEEPEST).contains(&part.level) {
        return Ok(None);
    }
    let made = parts.get_or_make(view.markdown_key(*id), || {
        // Rendered as on a practice's own handout, with the id mark for the
        // id prefix, starting a new page and not.
        let mut base = part.clone();
        base.id = format!("{}top", markdown::id_mark());
        base.level = 1;
        base.html = markdown::body_mark().to_string();
        base.qr = if part.later.qr { qr.code(&base.web_address) } else { None };
        let mut render = |new_page| {
            base.new_page = new_page;
            rendered(view, templates, &base, page)
        };
        let both = render(true).and_then(|on_new| {
            // Most parts differ from the first only in their text: the page
            // switch found on the first makes their other head without a second rendering.
            let switch = printed.switch.get();
            let on_same = match switch.and_then(|s| s.as_ref()).and_then(|s| s.same_page(&on_new)) {
                Some(derived) => derived,
                None => {
                    let on_same = render(false)?;
                    if switch.is_none() {
                        let _ = printed.switch.set(PageSwitch::between(&on_new, &on_same));
                    }
                    on_same
                }
            };
            Ok((on_new, on_same))
        });
        Some(both.map(|(on_new, on_same)| MovablePart::new(&on_new, &on_same, view.movable(*id)).map(Arc::new)))
    });
    match made.as_deref() {
        Some(Ok(Some(movable))) => Ok(Some(Placed {
            movable: movable.clone(),
            id_prefix: prefix.clone(),
            level: part.level,
            new_page: part.new_page,
        })),
        Some(Err(d)) => Err(d.clone()),
        Some(Ok(None)) | None => Ok(None),
    }
}

/// What starting a new page changes at the start of a part, as the theme's
/// template prints it (the shipped one adds ` new-page` to the class):
/// `prefix` then `on_new`, instead of `prefix` then `on_same`.
pub struct PageSwitch {
    prefix: String,
    on_new: String,
    on_same: String,
}

impl PageSwitch {
    /// The difference between one part rendered on a new page and not, when
    /// it comes before the part's own words (before the id mark).
    fn between(on_new: &str, on_same: &str) -> Option<PageSwitch> {
        let common = on_new.bytes().zip(on_same.bytes()).take_while(|(a, b)| a == b).count();
        let common = (0..=common).rev().find(|&n| on_new.is_char_boundary(n) && on_same.is_char_boundary(n))?;
        let tail =
            on_new[common..].bytes().rev().zip(on_same[common..].bytes().rev()).take_while(|(a, b)| a == b).count();
        let (new_end, same_end) = (on_new.len() - tail, on_same.len() - tail);
        let mark = markdown::id_mark();
        // Only a switch that ends before anything of the part's own is the same for every part.
        if on_new[..new_end].contains(mark) || !on_new.is_char_boundary(new_end) || !on_same.is_char_boundary(same_end)
        {
            return None;
        }
        Some(PageSwitch {
            prefix: on_new[..common].to_string(),
            on_new: on_new[common..new_end].to_string(),
            on_same: on_same[common..same_end].to_string(),
        })
    }

    /// The part as on the same page, from the part as on a new page; `None`
    /// when it does not start as the part the switch was found on.
    fn same_page(&self, on_new: &str) -> Option<String> {
        let rest = on_new.strip_prefix(self.prefix.as_str())?.strip_prefix(self.on_new.as_str())?;
        Some(format!("{}{}{rest}", self.prefix, self.on_same))
    }
}

/// A practice's part as rendered at level 1, with the id mark for its id
/// prefix; its Markdown goes between the head (as on a new page, or not) and
/// `tail`. They are kept cut where the id prefix and heading levels go, as
/// every practice's part is placed on three sheets or more.
pub struct MovablePart {
    on_new_page: Template,
    on_same_page: Template,
    markdown: Option<Arc<markdown::MovableHtml>>,
    tail: Template,
}

impl MovablePart {
    /// From the part rendered starting a new page and not; `None` when the
    /// two differ after the Markdown, which placing does not expect.
    fn new(on_new: &str, on_same: &str, markdown: Arc<markdown::MovableHtml>) -> Option<MovablePart> {
        let mark = markdown::body_mark();
        let (new_head, tail) = on_new.split_once(mark).unwrap_or((on_new, ""));
        let (same_head, same_tail) = on_same.split_once(mark).unwrap_or((on_same, ""));
        if tail != same_tail {
            return None;
        }
        Some(MovablePart {
            on_new_page: Template::new(new_head),
            on_same_page: Template::new(same_head),
            // Without the mark, the template does not print the Markdown.
            markdown: on_new.contains(mark).then_some(markdown),
            tail: Template::new(tail),
        })
    }

    /// About how many bytes the part takes on a sheet.
    fn size(&self) -> usize {
        self.on_new_page.text.len() + self.markdown.as_ref().map_or(0, |m| m.size()) + self.tail.text.len()
    }

    /// The part with ids starting `id_prefix`, its title at `level`, added to `out`.
    pub fn place_into(&self, id_prefix: &str, level: u8, new_page: bool, out: &mut String) {
        let shift = level - 1;
        let head = if new_page { &self.on_new_page } else { &self.on_same_page };
        head.place_into(id_prefix, shift, out);
        if let Some(m) = &self.markdown {
            m.place_into(id_prefix, shift, true, out);
        }
        self.tail.place_into(id_prefix, shift, out);
    }
}

/// Template HTML cut where the id mark is, to be replaced by an id prefix,
/// and after every heading tag's `<h` or `</h`, where its level's digit is.
/// Every `<h` and a digit in it is a heading tag: the values a template
/// prints are escaped, and the Markdown is not in it.
struct Template {
    text: String,
    cuts: Vec<(usize, Cut)>,
}

#[derive(Clone, Copy)]
enum Cut {
    /// The id mark, this many bytes long, stands here.
    Id(usize),
    /// A heading level's digit.
    Level(u8),
}

impl Template {
    fn new(html: &str) -> Template {
        let mark = markdown::id_mark();
        let bytes = html.as_bytes();
        let mut cuts: Vec<(usize, Cut)> =
            memchr::memmem::find_iter(bytes, mark.as_bytes()).map(|at| (at, Cut::Id(mark.len()))).collect();
        for at in memchr::memchr_iter(b'<', bytes) {
            let digit = match (bytes.get(at + 1), bytes.get(at + 2)) {
                (Some(b'h'), _) => at + 2,
                (Some(b'/'), Some(b'h')) => at + 3,
                _ => continue,
            };
            if let Some(&d) = bytes.get(digit).filter(|d| d.is_ascii_digit()) {
                cuts.push((digit, Cut::Level(d - b'0')));
            }
        }
        cuts.sort_by_key(|(at, _)| *at);
        Template { text: html.to_string(), cuts }
    }

    fn place_into(&self, id_prefix: &str, shift: u8, out: &mut String) {
        let mut copied = 0;
        for &(at, cut) in &self.cuts {
            out.push_str(&self.text[copied..at]);
            match cut {
                Cut::Id(len) => {
                    out.push_str(id_prefix);
                    copied = at + len;
                }
                Cut::Level(level) => {
                    out.push(char::from(b'0' + level + shift));
                    copied = at + 1;
                }
            }
        }
        out.push_str(&self.text[copied..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::render::Keep;
    use crate::render::handouts::sheet::Sheet;
    use crate::render::markdown::Rendered;
    use crate::testing::{GUIDE_YAML, Site, area, practice, site, templates};

    fn guide() -> Site {
        let body =
            "## Why\n\nIt helps.[^1]\n\n### Details\n\n<h2>Raw heading</h2>\n\n- [ ] In place\n\n[^1]: A note.\n";
        site(
            GUIDE_YAML,
            &[
                ("practices/hiring/_index.md", &area("Hiring")),
                ("practices/hiring/a.md", &practice("Ay & <Bee>", "audience: [hr]\nsource: hb\n", body)),
                ("tips/t.md", "---\ntitle: A tip\nsummary: Tip text.\napplies_to: [a]\n---\nTip.\n"),
            ],
        )
    }

    #[test]
    fn a_practice_placed_on_a_sheet_is_what_rendering_it_there_gives() {
        for relative in [false, true] {
            let mut s = guide();
            if relative {
                s.guide.addresses = s.guide.addresses.clone().relative();
            }
            let t = templates(&s);
            let id = s.guide.find("practices/hiring/a").unwrap();
            let filler = s.guide.find("tips/t").unwrap();
            let qr = QrCodes::default();
            // One for all sheets, as in a build: placements after the first come from it.
            let printed = Printed::new(&t);
            for from in ["handouts/hiring/a/", "handouts/complete/"] {
                let markdown = Rendered::default();
                let view =
                    View { guide: &s.guide, texts: &s.texts, templates: &t, edition: 0, from, markdown: &markdown };
                for (before, level, new_page) in
                    [(0, 1, false), (2, 2, true), (0, 3, true), (1, 1, true), (3, 2, false)]
                {
                    let mut sheet = Sheet::new(&view);
                    for _ in 0..before {
                        sheet.text(filler, level);
                    }
                    sheet.practice(id, level);
                    let mut part = sheet.parts.pop().unwrap();
                    part.new_page = new_page;
                    let mut placed = String::new();
                    reused(&view, &t, &qr, &printed, &part, "/x").unwrap().expect("placed").place_into(&mut placed);
                    sheet::finish(&view, &qr, &mut part);
                    let direct = rendered(&view, &t, &part, "/x").unwrap();
                    assert_eq!(placed, direct, "relative {relative}, from {from}, level {level}, new page {new_page}");
                    let prefix = format!("p{}-", before + 1);
                    assert!(direct.contains(&format!("<h{level} id=\"{prefix}top\"")), "{direct}");
                    assert!(direct.contains("Raw heading") && direct.contains("class=\"qr\""), "{direct}");
                }
            }
        }
    }

    #[test]
    fn a_theme_that_prints_the_level_elsewhere_has_each_part_rendered_for_its_sheet() {
        let s = guide();
        let mut diags = Diagnostics::new();
        let root = std::path::Path::new("/nonexistent-site");
        let rules = crate::load::walk::Rules::new(root, false);
        let mut theme = crate::load::theme::load(root, &rules, "default", &["en".to_string()], &mut diags).unwrap();
        let practice = theme.templates.iter_mut().find(|t| t.name == "partials/handout-practice.html").unwrap();
        practice.text.push_str("<p class=\"depth\">{{ part.level }}</p>");
        let words = theme.strings.into_iter().map(|w| crate::render::Strings::new(&w.language, w.words)).collect();
        let t = Templates::new(theme.templates, words, &s.guide, crate::render::Search::Pagefind, &mut diags).unwrap();
        let kept = Keep::default();
        super::super::render(
            &s.guide,
            &s.texts,
            &t,
            super::super::Options::default(),
            &crate::render::Selection::All,
            &Rendered::default(),
            &kept,
            &mut diags,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let files = kept.into_files();
        let html = |p: &str| String::from_utf8(files.iter().find(|f| f.path == p).unwrap().bytes.clone()).unwrap();
        for (page, level) in [
            ("handouts/hiring/a/index.html", 1),
            ("handouts/hiring/index.html", 2),
            ("handouts/complete/index.html", 3),
        ] {
            let html = html(page);
            assert!(html.contains(&format!("<p class=\"depth\">{level}</p>")), "{page}: {html}");
        }
    }
}
