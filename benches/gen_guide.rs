//! Writes a synthetic implementation guide three times — as a practica site
//! folder, as a Hugo site with layouts that show what practica's pages show,
//! and as a Hugo site with minimal layouts (a page prints its title and
//! content, a list its pages' links) — so the benchmark compares engines on
//! the same corpus, against both kinds of Hugo site.
//!
//! ```text
//! cargo run --release --example gen_guide -- N OUT [--seed S]
//! ```
//!
//! writes `OUT/practica/` (guide.yaml + content/), `OUT/hugo/` (config.toml,
//! content/, layouts/, static/) and `OUT/hugo-minimal/` (the same with minimal layouts). N practices are spread over 20 areas; every
//! practice has 300–800 words with headings, an ordered list, a table, a task
//! list, a footnote and links to 3 other practices (in the body and in
//! `related:`). There are N/20 tips (applying to practices or areas) and one
//! checklist per area. Same seed, same bytes. Std only.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

const AREAS: usize = 20;
const TAGS: usize = 40;
const AUDIENCES: [(&str, &str); 5] = [
    ("hr", "Human resources staff"),
    ("supervisors", "Supervisors of peer workers"),
    ("leadership", "Leaders and managers"),
    ("peers", "Peer workers"),
    ("all-staff", "All staff"),
];
const SOURCES: [&str; 2] = ["consortium-guide", "field-study"];

const WORDS: &[&str] = &[
    "peer",
    "worker",
    "team",
    "supervisor",
    "agency",
    "training",
    "role",
    "plan",
    "meeting",
    "support",
    "policy",
    "budget",
    "career",
    "growth",
    "hiring",
    "interview",
    "onboarding",
    "schedule",
    "feedback",
    "goal",
    "review",
    "practice",
    "staff",
    "leader",
    "culture",
    "trust",
    "respect",
    "voice",
    "program",
    "service",
    "client",
    "outcome",
    "measure",
    "report",
    "coach",
    "mentor",
    "skill",
    "knowledge",
    "experience",
    "recovery",
    "wellness",
    "community",
    "health",
    "care",
    "record",
    "access",
    "equity",
    "inclusion",
    "language",
    "dignity",
    "safety",
    "boundary",
    "contract",
    "wage",
    "benefit",
    "promotion",
    "pathway",
    "ladder",
    "credential",
    "certificate",
    "workshop",
    "session",
    "handbook",
    "checklist",
    "survey",
    "forum",
    "council",
    "board",
    "partner",
    "network",
    "referral",
    "outreach",
    "engagement",
    "retention",
    "turnover",
    "burnout",
    "balance",
    "workload",
    "caseload",
    "hours",
    "space",
    "desk",
    "phone",
    "laptop",
    "email",
    "calendar",
    "agenda",
    "minutes",
    "decision",
    "vote",
    "input",
    "design",
    "evaluation",
    "quality",
    "standard",
    "guideline",
    "procedure",
    "protocol",
    "form",
    "template",
    "clearly",
    "regularly",
    "openly",
    "fairly",
    "early",
    "often",
    "together",
    "always",
    "carefully",
    "quickly",
    "shared",
    "written",
    "annual",
    "weekly",
    "monthly",
    "formal",
    "informal",
    "new",
    "experienced",
    "senior",
    "local",
    "statewide",
    "diverse",
    "inclusive",
    "flexible",
    "stable",
    "clear",
    "fair",
    "honest",
    "practical",
    "makes",
    "builds",
    "keeps",
    "gives",
    "helps",
    "asks",
    "invites",
    "explains",
    "reviews",
    "tracks",
    "names",
    "offers",
    "protects",
    "values",
    "lists",
    "updates",
    "funds",
    "assigns",
    "connects",
    "prepares",
    "the",
    "a",
    "each",
    "every",
    "their",
    "with",
    "for",
    "and",
    "of",
    "to",
    "in",
    "on",
    "by",
    "from",
    "about",
    "before",
];

/// splitmix64: small, fast, and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
    /// `n` distinct values below `max`, none equal to `not`.
    fn distinct(&mut self, n: usize, max: usize, not: Option<usize>) -> Vec<usize> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n.min(max - usize::from(not.is_some())) {
            let v = self.below(max);
            if Some(v) != not && !out.contains(&v) {
                out.push(v);
            }
        }
        out
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn words(rng: &mut Rng, n: usize) -> String {
    let mut s = String::with_capacity(n * 8);
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.word());
    }
    s
}

fn sentence(rng: &mut Rng, n: usize) -> String {
    format!("{}.", capitalize(&words(rng, n)))
}

fn title(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| capitalize(rng.word())).collect::<Vec<_>>().join(" ")
}

struct Area {
    slug: String,
    title: String,
    summary: String,
}

struct Practice {
    area: usize,
    slug: String,
    title: String,
    summary: String,
    audience: Vec<usize>,
    tags: Vec<usize>,
    related: Vec<usize>,
    source: usize,
    weight: usize,
    words: usize,
    seed: u64,
}

struct Tip {
    slug: String,
    title: String,
    summary: String,
    /// Practice indexes, or an area when `Err`.
    applies_to: Vec<Result<usize, usize>>,
    seed: u64,
}

/// Where a link from one page to a practice points, per engine.
#[derive(Clone, Copy, PartialEq)]
enum Engine {
    Practica,
    Hugo,
}

struct Corpus {
    areas: Vec<Area>,
    practices: Vec<Practice>,
    tips: Vec<Tip>,
    tags: Vec<String>,
}

fn corpus(n: usize, seed: u64) -> Corpus {
    let mut rng = Rng(seed);
    let areas: Vec<Area> = (0..AREAS)
        .map(|a| {
            let t = title(&mut rng, 2);
            Area {
                slug: format!("area-{:02}-{}", a + 1, t.to_lowercase().replace(' ', "-")),
                title: format!("{t} ({})", a + 1),
                summary: sentence(&mut rng, 12),
            }
        })
        .collect();
    let tags: Vec<String> = (0..TAGS).map(|t| format!("{}-{}", rng.word(), t + 1)).collect();
    let mut practices: Vec<Practice> = (0..n)
        .map(|i| {
            let n = rng.range(3, 6);
            let t = title(&mut rng, n);
            let n = rng.range(10, 20);
            let summary = sentence(&mut rng, n);
            let n = rng.range(1, 3);
            let audience = rng.distinct(n, AUDIENCES.len(), None);
            let n = rng.range(2, 4);
            let tags = rng.distinct(n, TAGS, None);
            Practice {
                area: i % AREAS,
                slug: format!("p{:05}-{}", i + 1, t.to_lowercase().replace(' ', "-")),
                title: t,
                summary,
                audience,
                tags,
                related: Vec::new(),
                source: rng.below(SOURCES.len()),
                weight: i / AREAS + 1,
                words: rng.range(300, 800),
                seed: rng.next(),
            }
        })
        .collect();
    for (i, p) in practices.iter_mut().enumerate() {
        p.related = rng.distinct(3, n, Some(i));
    }
    let tips = (0..(n / 20).max(5))
        .map(|t| {
            let words = rng.range(3, 5);
            let title = title(&mut rng, words);
            let count = rng.range(1, 2);
            let applies_to = (0..count)
                .map(|_| if rng.below(4) == 0 { Err(rng.below(AREAS)) } else { Ok(rng.below(n)) })
                .collect::<Vec<_>>();
            let mut seen = Vec::new();
            let applies_to = applies_to
                .into_iter()
                .filter(|x| {
                    !seen.contains(x) && {
                        seen.push(*x);
                        true
                    }
                })
                .collect();
            Tip {
                slug: format!("t{:04}-{}", t + 1, title.to_lowercase().replace(' ', "-")),
                title,
                summary: sentence(&mut rng, 12),
                applies_to,
                seed: rng.next(),
            }
        })
        .collect();
    Corpus { areas, practices, tags, tips }
}

impl Corpus {
    /// A Markdown link destination to practice `p`, written from a page `depth`
    /// folders below content/ (practice pages are at depth 2, tips at 1).
    fn link(&self, engine: Engine, p: usize, depth: usize) -> String {
        let pr = &self.practices[p];
        let area = &self.areas[pr.area].slug;
        match engine {
            Engine::Practica => format!("@/practices/{area}/{}.md", pr.slug),
            // Hugo publishes content/x/y/z.md at /x/y/z/, so a page at depth d
            // is d+1 folders deep in the output.
            Engine::Hugo => format!("{}practices/{area}/{}/", "../".repeat(depth + 1), pr.slug),
        }
    }

    /// How front matter names a practice (`Ok`) or an area (`Err`): practica
    /// takes slugs, the Hugo layouts look pages up by path.
    fn reference(&self, engine: Engine, to: Result<usize, usize>) -> String {
        match (engine, to) {
            (Engine::Practica, Ok(p)) => self.practices[p].slug.clone(),
            (Engine::Practica, Err(a)) => self.areas[a].slug.clone(),
            (Engine::Hugo, Ok(p)) => {
                format!("/practices/{}/{}", self.areas[self.practices[p].area].slug, self.practices[p].slug)
            }
            (Engine::Hugo, Err(a)) => format!("/practices/{}", self.areas[a].slug),
        }
    }

    fn practice_body(&self, engine: Engine, i: usize) -> String {
        let p = &self.practices[i];
        let mut rng = Rng(p.seed);
        let mut b = String::with_capacity(p.words * 9);
        let mut count = 0usize;
        let para = |rng: &mut Rng, b: &mut String, n: usize| {
            let mut left = n;
            while left > 0 {
                let k = left.min(rng.range(8, 16));
                b.push_str(&sentence(rng, k));
                b.push(' ');
                left -= k;
            }
            b.pop();
            b.push_str("\n\n");
            n
        };
        let r = &p.related;
        let rt = |k: usize| &self.practices[r[k]].title;

        b.push_str("## Why it matters\n\n");
        count += para(&mut rng, &mut b, 40);
        let _ = writeln!(
            b,
            "This works best together with [{}]({}), and it prepares the ground for [{}]({}).[^1]\n",
            rt(0),
            self.link(engine, r[0], 2),
            rt(1),
            self.link(engine, r[1], 2)
        );
        count += 16;

        b.push_str("## How to put it in place\n\n");
        for k in 1..=rng.range(4, 7) {
            let n = rng.range(10, 18);
            let _ = writeln!(b, "{k}. **{}.** {}", capitalize(&words(&mut rng, 2)), sentence(&mut rng, n));
            count += n + 2;
        }
        b.push('\n');

        b.push_str("### Who does what\n\n| Role | Task | When |\n| --- | --- | --- |\n");
        for _ in 0..rng.range(3, 5) {
            let (role, n) = (capitalize(rng.word()), rng.range(4, 8));
            let _ = writeln!(b, "| {role} | {} | {} |", words(&mut rng, n), rng.word());
            count += n + 2;
        }
        b.push('\n');

        b.push_str("## In place when\n\n");
        for _ in 0..rng.range(3, 6) {
            let n = rng.range(6, 12);
            let _ = writeln!(b, "- [ ] {}", sentence(&mut rng, n));
            count += n;
        }
        b.push('\n');

        b.push_str("## More to read\n\n");
        let _ = writeln!(b, "- {}", sentence(&mut rng, 6));
        let _ = writeln!(b, "- See also [{}]({}).", rt(2), self.link(engine, r[2], 2));
        let _ = writeln!(b, "- {}\n", sentence(&mut rng, 6));
        count += 16;

        // The rest of the words, as paragraphs under one more heading.
        if p.words > count {
            b.push_str("## Notes from the field\n\n");
            let mut left = p.words - count;
            while left > 0 {
                let k = left.min(rng.range(40, 90));
                para(&mut rng, &mut b, k);
                left -= k;
            }
        }
        let _ = writeln!(b, "[^1]: {}", sentence(&mut rng, 10));
        b
    }
}

fn yaml_list(items: impl IntoIterator<Item = String>) -> String {
    format!("[{}]", items.into_iter().collect::<Vec<_>>().join(", "))
}

fn write(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(path, text)
}

fn write_practica(c: &Corpus, out: &Path) -> io::Result<()> {
    let mut cfg = String::from(
        "title: Synthetic Implementation Guide\ndescription: A generated guide for benchmarking.\n\
         base_url: https://bench.example.org/\nlanguage: en\n\naudiences:\n",
    );
    for (k, v) in AUDIENCES {
        let _ = writeln!(cfg, "  {k}: {v}");
    }
    cfg.push_str("\nsources:\n");
    for s in SOURCES {
        let _ = writeln!(cfg, "  {s}:\n    title: The {s} report\n    publisher: Benchmark Consortium\n    year: 2026");
    }
    write(&out.join("guide.yaml"), &cfg)?;
    write_content(c, &out.join("content"), Engine::Practica)
}

/// The guide's Markdown, the same for both engines but for how front matter
/// names other pages, and Hugo's section index files.
fn write_content(c: &Corpus, content: &Path, engine: Engine) -> io::Result<()> {
    write(
        &content.join("_index.md"),
        "---\ntitle: Synthetic Implementation Guide\nsummary: Practices generated for the benchmark.\n---\n\
         Start with the practice areas below.\n",
    )?;
    write(&content.join("about.md"), "---\ntitle: About\nsummary: About this guide.\n---\nA generated guide.\n")?;
    if engine == Engine::Hugo {
        write(&content.join("practices/_index.md"), "---\ntitle: Practices\n---\n")?;
        write(&content.join("tips/_index.md"), "---\ntitle: Tips\n---\n")?;
        write(&content.join("checklists/_index.md"), "---\ntitle: Checklists\n---\n")?;
    }
    for (a, area) in c.areas.iter().enumerate() {
        write(
            &content.join("practices").join(&area.slug).join("_index.md"),
            &format!(
                "---\ntitle: \"{}\"\nsummary: {}\nweight: {}\n---\n{}\n",
                area.title,
                area.summary,
                a + 1,
                area.summary
            ),
        )?;
    }
    for (i, p) in c.practices.iter().enumerate() {
        let fm = format!(
            "---\ntitle: {}\nsummary: {}\naudience: {}\ntags: {}\nrelated: {}\nsource: {}\nweight: {}\n---\n",
            p.title,
            p.summary,
            yaml_list(p.audience.iter().map(|&k| AUDIENCES[k].0.to_string())),
            yaml_list(p.tags.iter().map(|&t| c.tags[t].clone())),
            yaml_list(p.related.iter().map(|&r| c.reference(engine, Ok(r)))),
            SOURCES[p.source],
            p.weight
        );
        let path = content.join("practices").join(&c.areas[p.area].slug).join(format!("{}.md", p.slug));
        write(&path, &(fm + &c.practice_body(engine, i)))?;
    }
    for t in &c.tips {
        let fm = format!(
            "---\ntitle: {}\nsummary: {}\napplies_to: {}\nsource: {}\n---\n",
            t.title,
            t.summary,
            yaml_list(t.applies_to.iter().map(|&x| c.reference(engine, x))),
            SOURCES[0]
        );
        write(&content.join("tips").join(format!("{}.md", t.slug)), &(fm + &tip_body(c, engine, t)))?;
    }
    for a in 0..AREAS {
        let fm = format!(
            "---\ntitle: \"Self-assessment: {}\"\nsummary: What is in place in this area.\nsource: {}\n---\n",
            c.areas[a].title, SOURCES[1]
        );
        write(
            &content.join("checklists").join(format!("{}.md", c.areas[a].slug)),
            &(fm + &checklist_body(c, engine, a)),
        )?;
    }
    Ok(())
}

fn tip_body(c: &Corpus, engine: Engine, t: &Tip) -> String {
    let mut rng = Rng(t.seed);
    let mut b = String::new();
    for _ in 0..3 {
        let n = rng.range(30, 60);
        let _ = writeln!(b, "{}\n", sentence(&mut rng, n));
    }
    if let Some(Ok(p)) = t.applies_to.first() {
        let _ = writeln!(b, "It helps with [{}]({}).", c.practices[*p].title, c.link(engine, *p, 1));
    }
    b
}

fn checklist_body(c: &Corpus, engine: Engine, a: usize) -> String {
    let mut rng = Rng(a as u64 + 1);
    let mut b = String::new();
    let in_area: Vec<usize> = (a..c.practices.len()).step_by(AREAS).take(20).collect();
    for (g, chunk) in in_area.chunks(5).enumerate() {
        let _ = writeln!(b, "## Part {}\n", g + 1);
        for &p in chunk {
            let n = rng.range(6, 10);
            let _ =
                writeln!(b, "- [ ] {} ([{}]({}))", sentence(&mut rng, n), c.practices[p].title, c.link(engine, p, 1));
        }
        b.push('\n');
    }
    b
}

fn write_hugo(c: &Corpus, out: &Path) -> io::Result<()> {
    write_hugo_with(c, out, HUGO_LAYOUTS)
}

fn write_hugo_minimal(c: &Corpus, out: &Path) -> io::Result<()> {
    write_hugo_with(c, out, HUGO_MINIMAL_LAYOUTS)
}

fn write_hugo_with(c: &Corpus, out: &Path, layouts: &[(&str, &str)]) -> io::Result<()> {
    let mut cfg = String::from(
        "baseURL = \"https://bench.example.org/\"\nlanguageCode = \"en\"\ntitle = \"Synthetic Implementation Guide\"\n\
         disableKinds = [\"RSS\"]\nenableRobotsTXT = true\n\n[taxonomies]\ntag = \"tags\"\naudience = \"audience\"\n",
    );
    cfg.push_str("\n[params.audiences]\n");
    for (k, v) in AUDIENCES {
        let _ = writeln!(cfg, "{} = \"{v}\"", k.replace('-', "_"));
    }
    write(&out.join("config.toml"), &cfg)?;
    write_content(c, &out.join("content"), Engine::Hugo)?;
    for (name, text) in layouts {
        write(&out.join("layouts").join(name), text)?;
    }
    write(&out.join("static/css/site.css"), "body{font-family:sans-serif;max-width:60rem;margin:auto}\n")?;
    Ok(())
}

/// The least a Hugo site can render: a page is its title and content, a list
/// its title, content and links to its pages. Hugo's fastest case.
const HUGO_MINIMAL_LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/single.html",
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>\n",
    ),
    (
        "_default/list.html",
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n<body><main><h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>\n",
    ),
];

/// Layouts as small as practica's default theme is in what they show: a base
/// with navigation, a practice page with area, audience, table of contents,
/// related practices, topics and previous/next, list pages for sections and
/// areas, and taxonomy and term pages.
const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r#"<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Main"><ul>
<li><a href="{{ "practices/" | relURL }}">Practices</a></li>
<li><a href="{{ "tips/" | relURL }}">Tips</a></li>
<li><a href="{{ "checklists/" | relURL }}">Checklists</a></li>
<li><a href="{{ "about/" | relURL }}">About</a></li>
</ul></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
"#,
    ),
    (
        "_default/single.html",
        r#"{{ define "main" }}
<article>
<nav aria-label="Breadcrumb"><ol><li><a href="{{ "/" | relURL }}">Home</a></li>{{ range .Ancestors.Reverse }}{{ if not .IsHome }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ol></nav>
<header>
{{ if eq .Section "practices" }}<p class="eyebrow"><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p>{{ end }}
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
{{ with .GetTerms "audience" }}<p class="audience">For: {{ range . }}<a class="pill" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</p>{{ end }}
</header>
<div class="prose">{{ .Content }}</div>
<aside>
{{ if .Params.related }}<nav aria-label="On this page"><h2>On this page</h2>{{ .TableOfContents }}</nav>{{ end }}
{{ with .Params.related }}<section><h2>Related practices</h2><ul>{{ range . }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul></section>{{ end }}
{{ with .Params.applies_to }}<section><h2>Applies to</h2><ul>{{ range . }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul></section>{{ end }}
{{ with .GetTerms "tags" }}<section><h2>Topics</h2><p>{{ range . }}<a class="pill" href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</p></section>{{ end }}
</aside>
{{ with .Params.source }}<footer><h2>Source</h2><p><cite>The {{ . }} report</cite>. Benchmark Consortium (2026).</p></footer>{{ end }}
{{ if eq .Section "practices" }}<nav aria-label="More in this area">
{{ with .NextInSection }}<a href="{{ .RelPermalink }}" rel="prev">Previous {{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}" rel="next">Next {{ .Title }}</a>{{ end }}
</nav>{{ end }}
</article>
{{ end }}
"#,
    ),
    (
        "_default/list.html",
        r#"{{ define "main" }}
<nav aria-label="Breadcrumb"><ol><li><a href="{{ "/" | relURL }}">Home</a></li>{{ range .Ancestors.Reverse }}{{ if not .IsHome }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ol></nav>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
{{ .Content }}
{{ if .Sections }}
{{ range .Sections }}<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> — {{ .Params.summary }}</li>{{ end }}</ul></section>{{ end }}
{{ else }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }} — {{ . }}{{ end }}</li>{{ end }}</ul>
{{ end }}
{{ end }}
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ with site.GetPage "/practices" }}{{ range .Sections }}<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Params.summary }}</p></section>{{ end }}{{ end }}
<ul>{{ range where site.RegularPages "Section" "in" (slice "tips" "checklists") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
"#,
    ),
    (
        "_default/taxonomy.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }} practices)</li>{{ end }}</ul>
{{ end }}
"#,
    ),
    (
        "_default/term.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> — {{ .Params.summary }} ({{ .Parent.Title }})</li>{{ end }}</ul>
{{ end }}
"#,
    ),
    (
        "404.html",
        r#"{{ define "main" }}
<h1>Page not found</h1>
{{ with site.GetPage "/practices" }}<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
{{ end }}
"#,
    ),
];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut seed = 2026u64;
    let mut pos = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--seed" {
            seed = it.next().and_then(|s| s.parse().ok()).expect("--seed needs a number");
        } else {
            pos.push(a.clone());
        }
    }
    let (Some(n), Some(out)) = (pos.first().and_then(|n| n.parse::<usize>().ok()), pos.get(1)) else {
        eprintln!("usage: gen_guide N OUT [--seed S]   (writes OUT/practica, OUT/hugo and OUT/hugo-minimal)");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    let start = std::time::Instant::now();
    let c = corpus(n.max(AREAS), seed);
    type Writer = fn(&Corpus, &Path) -> io::Result<()>;
    let writers: [(&str, Writer); 3] =
        [("practica", write_practica), ("hugo", write_hugo), ("hugo-minimal", write_hugo_minimal)];
    for (dir, f) in writers {
        let d = out.join(dir);
        if d.exists() {
            fs::remove_dir_all(&d).expect("cannot clear the old corpus");
        }
        f(&c, &d).unwrap_or_else(|e| panic!("cannot write {}: {e}", d.display()));
    }
    eprintln!(
        "wrote {} practices, {} tips, {} checklists in {} areas to {}/{{practica,hugo,hugo-minimal}} in {} ms",
        c.practices.len(),
        c.tips.len(),
        AREAS,
        AREAS,
        out.display(),
        start.elapsed().as_millis()
    );
}
