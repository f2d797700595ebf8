//! The theme's templates, parsed once, and what every template can use: the
//! `site` values (title, navigation and the addresses of the guide's own
//! pages), the `t()` function for the interface's words, `asset()` for the
//! address of a static file as seen from the page, and the `css_string`
//! filter. Set up once when templates are created, so any page or handout can
//! be rendered first, alone, in any order.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera, Value};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::guide::{Guide, address};
use crate::load::theme::TemplateSource;
use crate::text::escape;
use crate::text::plural::Plurals;

/// The interface's words, by key (see the theme's strings/en.yaml), the
/// plural rules of their language, and the words borrowed from another.
#[derive(Debug, Clone, Default)]
pub struct Strings(std::collections::BTreeMap<String, String>, Arc<Plurals>, Arc<Borrowed>);

/// Words a language's strings leave out, shown in the language they come
/// from (key → language code), with that language's plural rules.
#[derive(Debug, Default)]
pub struct Borrowed {
    from: std::collections::BTreeMap<String, String>,
    rules: std::collections::BTreeMap<String, Plurals>,
}

impl Strings {
    pub fn new(language: &str, map: std::collections::BTreeMap<String, String>) -> Strings {
        Strings(map, Arc::new(Plurals::new(language)), Arc::default())
    }

    /// These words, with `from` naming the language of each borrowed one.
    pub fn borrowing(self, from: std::collections::BTreeMap<String, String>) -> Strings {
        let rules = from.values().map(|lang| (lang.clone(), Plurals::new(lang))).collect();
        Strings(self.0, self.1, Arc::new(Borrowed { from, rules }))
    }

    /// The rules that pick a form of the counted word `key`: a word whose
    /// `_other` form is borrowed is in the language it came from ("1 result",
    /// not "1 results" under Chinese rules, which have one form).
    fn rules_for(&self, key: &str) -> &Plurals {
        let from = self.2.from.get(&format!("{key}_other"));
        from.and_then(|lang| self.2.rules.get(lang)).unwrap_or(&self.1)
    }

    /// The counted words among `keys` (the words' keys less `prefix`) that
    /// are borrowed, by their names without `_other`, with the language each
    /// comes from.
    fn borrowed_counts<'a>(
        &'a self,
        prefix: &str,
        keys: impl Iterator<Item = &'a str>,
    ) -> std::collections::BTreeMap<&'a str, &'a str> {
        keys.filter_map(|k| {
            let counted = k.strip_suffix("_other")?;
            Some((counted, self.2.from.get(&format!("{prefix}{k}"))?.as_str()))
        })
        .collect()
    }

    /// The text of `key`, or the key itself, so that a missing word shows on
    /// the page instead of failing the build.
    pub fn get(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// The text of `key` with each `{name}` replaced. With a count `n`, the
    /// form the language's plural rules pick for `n` (`key_few`), else
    /// `key_other`, as the theme's words.js does in the browser.
    pub fn format(&self, key: &str, n: Option<i64>, args: &[(&str, &str)]) -> String {
        let text = match n {
            Some(n) => {
                let form = format!("{key}_{}", self.rules_for(key).form(n));
                let other = format!("{key}_other");
                self.0.get(&form).or_else(|| self.0.get(&other)).cloned().unwrap_or_else(|| self.get(key))
            }
            None => self.get(key),
        };
        let mut out = text;
        if let Some(n) = n {
            out = out.replace("{n}", &n.to_string());
        }
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// A day in the words of the theme: `March 25, 2020`.
    pub fn date(&self, year: i32, month: u32, day: u32) -> String {
        let month = self.get(&format!("month_{month}"));
        self.format("date", None, &[("day", &day.to_string()), ("month", &month), ("year", &year.to_string())])
    }

    fn has(&self, key: &str) -> bool {
        self.0.contains_key(key) || self.0.contains_key(&format!("{key}_other"))
    }
}

/// Callout markup from the theme's partials/callout.html: what goes before
/// and after a callout's body, per kind.
#[derive(Debug, Clone, Default)]
pub struct Callouts(HashMap<&'static str, (String, String)>);

impl Callouts {
    pub fn around(&self, kind: &str) -> (&str, &str) {
        self.0.get(kind).map(|(a, b)| (a.as_str(), b.as_str())).unwrap_or(("<div>", "</div>"))
    }
}

pub const CALLOUT_KINDS: [&str; 5] = ["note", "tip", "important", "warning", "caution"];

pub struct Templates {
    tera: Tera,
    files: HashMap<String, PathBuf>,
    /// Templates the theme and site left exactly as practica ships them.
    as_shipped: std::collections::HashSet<String>,
    /// Each template's declarations to practica (`{# practica: ... #}` comments).
    declarations: HashMap<String, Vec<String>>,
    /// Per edition (as `Guide::editions`): its words, callouts and site values.
    editions: Vec<EditionTemplates>,
    addresses: address::Addresses,
    /// The addresses `asset()` links with.
    links: Arc<RwLock<address::Addresses>>,
    /// `site` values by edition and by the depth of the page in the output
    /// (relative links differ by depth).
    site_values: Mutex<HashMap<(usize, usize), Value>>,
}

struct EditionTemplates {
    strings: Arc<Strings>,
    callouts: Callouts,
    site: SiteSource,
}

/// What the `site` value of an edition's pages is made from.
struct SiteSource {
    answers_key: String,
    published_root: String,
    script_words: String,
    search_words: String,
    title: String,
    description: String,
    language: String,
    language_name: String,
    dir: &'static str,
    search: Search,
    nav: Vec<(&'static str, String, String)>,
    sources_page: Option<String>,
    routes: address::Routes,
    offline: bool,
    /// The offline edition's zip: its site path and size, when it is published.
    download: Option<(String, u64)>,
    /// Some page notes a change for readers.
    changes: bool,
}

#[derive(Serialize)]
struct Download {
    url: String,
    /// `2.1 MB`, in the page's language.
    size: String,
}

#[derive(Serialize)]
struct NavLink<'a> {
    key: &'a str,
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct SiteData<'a> {
    title: &'a str,
    description: &'a str,
    /// The language of the page (the edition's).
    language: &'a str,
    language_name: &'a str,
    /// `rtl` or `ltr`, for `<html dir>`.
    dir: &'a str,
    home_url: String,
    /// The site's root folder as seen from this page (every language's).
    root_url: String,
    /// The published address of the site's root, with its host; empty when
    /// base_url has no host. Printed PDFs link there, not to where they were printed from.
    published_root: String,
    nav: Vec<NavLink<'a>>,
    sources_page: Option<String>,
    tags_url: String,
    audiences_url: String,
    practices_url: String,
    /// The search page, when the site has a search index.
    search_url: Option<String>,
    /// Pagefind's runtime, loaded by the theme's script on first use.
    search_bundle: Option<String>,
    /// In the offline edition, instead of Pagefind: the language's index
    /// script and the script that searches it.
    search_index: Option<String>,
    search_runtime: Option<String>,
    /// The pages are the offline edition's: links are relative, and nothing
    /// may need a server.
    offline: bool,
    /// The offline edition as one zip file, when guide.yaml asks for it.
    offline_download: Option<Download>,
    /// "What's new", when any page notes a change.
    whats_new_url: Option<String>,
    /// The Atom feed of the same changes (only with a host: a feed's links are absolute).
    feed_url: Option<String>,
    /// Where readers' answers are kept in the browser: one key per guide,
    /// the same in every language, online and in the offline edition.
    answers_key: &'a str,
    /// The words the assessment script shows (strings whose keys start `js_`), as JSON.
    script_words: &'a str,
    /// The words the search box shows (keys starting `js_search_`), as JSON.
    search_words: &'a str,
}

/// Which search the pages carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Search {
    /// No search box (`--no-search`).
    None,
    /// Pagefind's index and runtime.
    Pagefind,
    /// The offline edition's own index, which works from a folder.
    Offline,
}

impl Templates {
    /// Parses the templates and sets up what they share, for every edition of
    /// the guide (`words` in the order of `guide.editions`).
    pub fn new(
        sources: Vec<TemplateSource>,
        words: Vec<Strings>,
        guide: &Guide,
        search: Search,
        diags: &mut Diagnostics,
    ) -> Option<Templates> {
        let words: Vec<Arc<Strings>> = words.into_iter().map(Arc::new).collect();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape::escape_html_into);
        tera.register_filter("css_string", |s: &str, _: Kwargs, _: &State| escape::css_string(s));
        // Tera's own `safe` prints a value that does not exist as nothing: a
        // misspelt or renamed name would leave a silent blank on every page.
        tera.register_filter("safe", |v: &Value, _: Kwargs, _: &State| {
            if v.is_undefined() {
                return Err(tera::Error::message(
                    "the value before `| safe` does not exist (a misspelt or renamed name?)",
                ));
            }
            Ok(Value::safe_string(&v.as_str().map_or_else(|| v.to_string(), str::to_string)))
        });
        let by_language: Arc<HashMap<String, Arc<Strings>>> =
            Arc::new(guide.editions.iter().zip(&words).map(|(e, w)| (e.code.clone(), Arc::clone(w))).collect());
        let fallback = words.first().cloned().unwrap_or_default();
        tera.register_function("t", move |kwargs: Kwargs, state: &State| {
            let lang: String = state.get("lang")?.unwrap_or_default();
            translate(by_language.get(&lang).unwrap_or(&fallback), &kwargs)
        });
        // `dir` for text in another language than the page's: a link to a
        // page not yet translated, the switcher's names of the languages.
        let declared = guide.config.right_to_left.clone();
        tera.register_function("direction", move |kwargs: Kwargs, _: &State| {
            let lang: String = kwargs.must_get("lang")?;
            Ok::<_, tera::Error>(crate::text::direction::of(&lang, &declared))
        });
        // Shared with `set_links`, which switches a build to the offline edition and back.
        let links = Arc::new(RwLock::new(guide.addresses.clone()));
        let addresses = Arc::clone(&links);
        tera.register_function("asset", move |kwargs: Kwargs, state: &State| {
            let path: String = kwargs.must_get("path")?;
            let here: String = state.get("here")?.unwrap_or_default();
            let addresses = addresses.read().unwrap_or_else(|p| p.into_inner());
            Ok::<_, tera::Error>(addresses.href(&here, &path))
        });
        let files: HashMap<String, PathBuf> = sources.iter().map(|s| (s.name.clone(), s.file.clone())).collect();
        let as_shipped = sources
            .iter()
            .filter(|s| crate::load::theme::builtin(&format!("templates/{}", s.name)) == Some(s.text.as_bytes()))
            .map(|s| s.name.clone())
            .collect();
        let declarations = sources
            .iter()
            .map(|s| {
                let said = s
                    .text
                    .match_indices("{# practica:")
                    .filter_map(|(at, _)| s.text[at..].find("#}").map(|end| s.text[at..at + end + 2].to_string()));
                (s.name.clone(), said.collect())
            })
            .collect();
        let before = diags.errors();
        for source in &sources {
            renamed_values(source, diags);
        }
        if diags.errors() > before {
            return None;
        }
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|s| (s.name.as_str(), s.text.as_str()))) {
            diags.push(template_diagnostic(&e, &files, None));
            return None;
        }
        let editions = guide
            .editions
            .iter()
            .zip(words)
            .map(|(e, strings)| EditionTemplates {
                site: site_source(guide, e, &strings, search),
                strings,
                callouts: Callouts::default(),
            })
            .collect();
        let mut templates = Templates {
            tera,
            files,
            as_shipped,
            declarations,
            editions,
            addresses: guide.addresses.clone(),
            links,
            site_values: Mutex::default(),
        };
        for e in 0..templates.editions.len() {
            match templates.make_callouts(e) {
                Ok(c) => templates.editions[e].callouts = c,
                Err(d) => {
                    diags.push(d);
                    return None;
                }
            }
        }
        Some(templates)
    }

    /// Makes every page link as `addresses` say (relative ones for the
    /// offline edition) and carry `search`, so that a build renders the
    /// published site and its offline edition from one preparation.
    pub fn set_links(&mut self, addresses: &crate::guide::Addresses, search: Search) {
        self.addresses = addresses.clone();
        *self.links.write().unwrap_or_else(|p| p.into_inner()) = addresses.clone();
        for e in &mut self.editions {
            e.site.search = search;
            e.site.offline = addresses.is_relative();
        }
        self.site_values.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// Links every page to the offline edition's zip at site path `path`,
    /// `bytes` long. Called before any page is rendered, since every page shows it.
    pub fn set_offline_download(&mut self, path: &str, bytes: u64) {
        for e in &mut self.editions {
            e.site.download = Some((path.to_string(), bytes));
        }
        self.site_values.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// The words of edition `edition`'s language.
    pub fn strings(&self, edition: usize) -> &Strings {
        &self.editions[edition].strings
    }

    pub fn callouts(&self, edition: usize) -> &Callouts {
        &self.editions[edition].callouts
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// Whether template `name` is exactly as practica ships it, so what it
    /// prints is known.
    pub fn as_shipped(&self, name: &str) -> bool {
        self.as_shipped.contains(name)
    }

    /// Whether template `name` holds the declaration `said` (a whole
    /// `{# practica: ... #}` comment), a promise its author makes to practica.
    pub fn declares(&self, name: &str, said: &str) -> bool {
        self.declarations.get(name).is_some_and(|d| d.iter().any(|s| s == said))
    }

    /// A context for the page at site path `from` in edition `edition`,
    /// holding `site`, `lang` and `here` (the page's site path, which
    /// `asset()` links from).
    pub fn context(&self, from: &str, edition: usize) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_value(from, edition));
        ctx.insert("lang", &self.editions[edition].site.language);
        ctx.insert("here", from);
        ctx
    }

    fn site_value(&self, from: &str, edition: usize) -> Value {
        let depth = self.addresses.link_depth(from);
        let mut cache = self.site_values.lock().unwrap_or_else(|p| p.into_inner());
        cache
            .entry((edition, depth))
            .or_insert_with(|| {
                let s = &self.editions[edition].site;
                let href = |to: &str| self.addresses.href(from, to);
                let data = SiteData {
                    title: &s.title,
                    description: &s.description,
                    language: &s.language,
                    language_name: &s.language_name,
                    dir: s.dir,
                    home_url: href(&s.routes.home()),
                    root_url: href("").trim_end_matches("index.html").to_string(),
                    published_root: s.published_root.clone(),
                    nav: s.nav.iter().map(|(key, title, path)| NavLink { key, title, url: href(path) }).collect(),
                    sources_page: s.sources_page.as_deref().map(href),
                    tags_url: href(&s.routes.tags()),
                    audiences_url: href(&s.routes.audiences()),
                    practices_url: href(&s.routes.practices()),
                    search_url: (s.search != Search::None).then(|| href(&s.routes.search())),
                    search_bundle: (s.search == Search::Pagefind)
                        .then(|| href(&format!("{}pagefind.js", address::SEARCH_BUNDLE))),
                    search_index: (s.search == Search::Offline).then(|| href(&s.routes.offline_search_index())),
                    search_runtime: (s.search == Search::Offline).then(|| href(address::OFFLINE_SEARCH_RUNTIME)),
                    offline: s.offline,
                    whats_new_url: s.changes.then(|| href(&s.routes.whats_new())),
                    feed_url: (s.changes && self.addresses.has_host() && !s.offline).then(|| href(&s.routes.feed())),
                    offline_download: s.download.as_ref().map(|(path, bytes)| Download {
                        url: href(path),
                        size: crate::text::file_size(*bytes, &self.editions[edition].strings.get("decimal_separator")),
                    }),
                    answers_key: &s.answers_key,
                    script_words: &s.script_words,
                    search_words: &s.search_words,
                };
                Value::from_serializable(&data)
            })
            .clone()
    }

    /// Renders one template; `page` names the output page in error messages.
    pub fn render(&self, template: &str, ctx: &Context, page: &str) -> Result<String, Diagnostic> {
        self.tera.render(template, ctx).map_err(|e| template_diagnostic(&e, &self.files, Some(page)))
    }

    /// partials/callout.html rendered once per kind around a marker, and cut there.
    fn make_callouts(&self, edition: usize) -> Result<Callouts, Diagnostic> {
        const BODY: &str = "\u{1}practica-callout-body\u{1}";
        let mut out = HashMap::new();
        for kind in CALLOUT_KINDS {
            let mut ctx = self.context("", edition);
            ctx.insert("kind", kind);
            ctx.insert_value("body", Value::safe_string(BODY));
            let html = self.render("partials/callout.html", &ctx, "a callout")?;
            let (open, close) = html.split_once(BODY).unwrap_or((html.as_str(), ""));
            out.insert(kind, (open.to_string(), close.to_string()));
        }
        Ok(Callouts(out))
    }
}

/// Words for the scripts (their keys less `prefix`), with the counted ones
/// borrowed from another language named under a key no strings file can have.
fn with_borrowed<'a>(
    strings: &'a Strings,
    prefix: &str,
    words: std::collections::BTreeMap<&'a str, &'a str>,
) -> std::collections::BTreeMap<&'a str, serde_json::Value> {
    let borrowed = strings.borrowed_counts(prefix, words.keys().copied());
    let mut json: std::collections::BTreeMap<&str, serde_json::Value> =
        words.into_iter().map(|(k, v)| (k, serde_json::Value::from(v))).collect();
    if !borrowed.is_empty() {
        json.insert("(borrowed)", serde_json::json!(borrowed));
    }
    json
}

/// What the `site` value of an edition's pages is made from: its words, and
/// its own pages where it has them, else the guide's.
fn site_source(guide: &Guide, e: &crate::guide::Edition, strings: &Strings, search: Search) -> SiteSource {
    let routes = e.routes.clone();
    let page = |name: &str| guide.find(name).map(|id| guide.path(e.doc(id).unwrap_or(id)).to_string());
    let mut nav = vec![("practices", strings.get("nav_practices"), routes.practices())];
    if !guide.tips.is_empty() {
        nav.push(("tips", strings.get("nav_tips"), routes.tips()));
    }
    if !guide.checklists.is_empty() {
        nav.push(("checklists", strings.get("nav_checklists"), routes.checklists()));
    }
    if let Some(about) = page("about") {
        nav.push(("about", strings.get("nav_about"), about));
    }
    let words = |prefix: &str| -> std::collections::BTreeMap<&str, &str> {
        strings.0.iter().filter_map(|(k, v)| Some((k.strip_prefix(prefix)?, v.as_str()))).collect()
    };
    // A borrowed counted word takes its own language's forms in words.js
    // too: the scripts are told which, under a key no strings file can have.
    let mut script_words = words("js_");
    script_words.retain(|k, _| !k.starts_with("search_"));
    let script_words = with_borrowed(strings, "js_", script_words);
    let search_words = with_borrowed(strings, "js_search_", words("js_search_"));
    SiteSource {
        answers_key: answers_key(guide),
        published_root: if guide.addresses.has_host() { guide.addresses.absolute("") } else { String::new() },
        // Inside a <script> element only `</` could end it early.
        script_words: serde_json::to_string(&script_words).unwrap_or_default().replace("</", "<\\/"),
        // For an attribute, where the template's escaping applies.
        search_words: serde_json::to_string(&search_words).unwrap_or_default(),
        title: e.text.title.clone().unwrap_or_else(|| guide.config.title.clone()),
        description: e.text.description.clone().unwrap_or_else(|| guide.config.description.clone()),
        language: e.code.clone(),
        language_name: e.name.clone(),
        dir: e.dir,
        search,
        offline: guide.addresses.is_relative(),
        download: None,
        changes: guide.has_changes(),
        nav,
        sources_page: page("sources"),
        routes,
    }
}

/// `t(key="...", n=3, label="...")` in templates.
fn translate(strings: &Strings, kwargs: &Kwargs) -> tera::TeraResult<String> {
    let key: String = kwargs.must_get("key")?;
    if !strings.has(&key) {
        return Err(tera::Error::message(format!(
            "t(key=\"{key}\"): there is no `{key}` in the theme's strings/en.yaml or in the site's strings/"
        )));
    }
    let n: Option<i64> = kwargs.get("n")?;
    let mut args: Vec<(String, String)> = Vec::new();
    for (k, v) in kwargs.iter() {
        let k = k.to_string();
        if k != "key" && k != "n" {
            args.push((k, v.to_string()));
        }
    }
    let args: Vec<(&str, &str)> = args.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    Ok(strings.format(&key, n, &args))
}

fn template_diagnostic(e: &tera::Error, files: &HashMap<String, PathBuf>, page: Option<&str>) -> Diagnostic {
    let (name, line, column, message) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            (r.filename().to_string(), r.span().start_line, r.span().start_col + 1, r.message().to_string())
        }
        tera::ErrorKind::CircularExtend { tpl, .. } | tera::ErrorKind::CircularInclude { tpl, .. } => {
            (tpl.clone(), 0, 0, e.to_string())
        }
        tera::ErrorKind::MissingParent { current, .. } => (current.clone(), 0, 0, e.to_string()),
        // Checks done after parsing (an include of a missing template) come as
        // text with the report inside: `error: ...` and `--> name:line:col`.
        _ => report_parts(&e.to_string()).unwrap_or_else(|| (String::new(), 0, 0, e.to_string())),
    };
    let file = files.get(&name).cloned().unwrap_or_else(|| {
        PathBuf::from(if name.is_empty() { "templates".into() } else { format!("templates/{name}") })
    });
    let message = match page {
        Some(p) => format!("template `{name}` failed while rendering {p}: {message}"),
        None => format!("template `{name}`: {message}"),
    };
    Diagnostic::error(Code::Template, file, line, message)
        .at_column(column)
        .with_help("fix the template; variables that may be empty need a test such as {% if page.summary %}")
}

/// Values a theme's copy of an older template may still print, their new
/// names, and how to use them: such a copy fails to render anyway (see the
/// `safe` filter), and this says what to write instead, before any page.
const RENAMED: &[(&str, &str, &str)] = &[(
    "qr.path",
    "qr.strokes",
    "draw it with a stroke, not a fill: <path fill=\"none\" stroke=\"#000\" stroke-width=\"1\" d=\"{{ qr.strokes | safe }}\"/> (see docs/templates.md)",
)];

fn renamed_values(source: &TemplateSource, diags: &mut Diagnostics) {
    for (n, line) in source.text.lines().enumerate() {
        for (old, new, how) in RENAMED {
            let used = line.match_indices(old).find(|(at, _)| {
                let next = line[at + old.len()..].chars().next();
                !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
            });
            if let Some((at, _)) = used {
                diags.push(
                    Diagnostic::error(
                        Code::Template,
                        &source.file,
                        n + 1,
                        format!("template `{}` uses `{old}`, which is now `{new}`", source.name),
                    )
                    .at_column(line[..at].chars().count() + 1)
                    .with_help(format!("use `{new}`; {how}")),
                );
            }
        }
    }
}

/// The template, line, column and message of a report tera gave as text.
fn report_parts(text: &str) -> Option<(String, usize, usize, String)> {
    let message = text.lines().next()?.trim().strip_prefix("error: ")?.to_string();
    let at = text.split_once("--> ")?.1.split_whitespace().next()?;
    let mut parts = at.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), line, column, message))
}

/// Where a reader's answers are kept in the browser: one entry per guide.
/// The published address names the guide; without a host the guide's title
/// does too, because every page opened from a folder (file://) shares one
/// storage, and two offline guides must not share answers.
fn answers_key(guide: &Guide) -> String {
    if guide.addresses.has_host() {
        format!("practica:answers:{}", guide.addresses.absolute(""))
    } else {
        format!("practica:answers:{}:{}", crate::text::slugify(&guide.config.title), guide.addresses.absolute(""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings() -> Strings {
        let mut m = std::collections::BTreeMap::new();
        m.insert("practice_count_one".to_string(), "{n} practice".to_string());
        m.insert("practice_count_other".to_string(), "{n} practices".to_string());
        m.insert("topic_title".to_string(), "Topic: {label}".to_string());
        Strings::new("en", m)
    }

    #[test]
    fn counts_pick_their_form() {
        let s = strings();
        assert_eq!(s.format("practice_count", Some(1), &[]), "1 practice");
        assert_eq!(s.format("practice_count", Some(0), &[]), "0 practices");
        let mut m = std::collections::BTreeMap::new();
        for (form, text) in [("one", "{n} практика"), ("few", "{n} практики"), ("other", "{n} практики")]
        {
            m.insert(format!("practice_count_{form}"), text.to_string());
        }
        let ru = Strings::new("ru", m);
        // 5 needs `many`, which this file lacks: it falls back to `other`.
        let said: Vec<String> = [1, 3, 21, 5].into_iter().map(|n| ru.format("practice_count", Some(n), &[])).collect();
        assert_eq!(said, ["1 практика", "3 практики", "21 практика", "5 практики"]);
        assert_eq!(s.format("topic_title", None, &[("label", "Hiring")]), "Topic: Hiring");
        assert_eq!(s.get("missing"), "missing");
    }
}
