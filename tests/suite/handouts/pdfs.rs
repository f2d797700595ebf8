//! The shipped guide printed to PDF on Letter and A4, and the QR codes and
//! links on paper, with Chromium and poppler-utils.

use super::*;

// ---------------------------------------------------------------- PDFs

/// One PDF build at a time: each drives two Chromiums, and the machine has two cores.
static PDF_BUILDS: Mutex<()> = Mutex::new(());

/// Chromium and poppler-utils, or a skip (a failure under CI).
fn pdf_tools(test: &str) -> Option<PathBuf> {
    let chromium = browser::chromium_or_skip(&format!("handouts {test}"))?;
    for tool in ["pdfinfo", "pdftotext", "pdftoppm"] {
        if !browser::runs(tool, "-v") {
            let what = "poppler-utils (apt-get install poppler-utils)";
            assert!(!browser::in_ci(), "handouts: {test} needs {what}; CI=true, so it may not be skipped");
            let _ = writeln!(std::io::stderr(), "SKIPPED handouts {test}: missing {what}");
            return None;
        }
    }
    Some(chromium)
}

/// A copy of the shipped guide on the given paper, built with --pdf, with
/// `--chrome chromium` or, given none, the browser practica finds by itself.
fn shipped_pdfs(paper: &str, chromium: Option<&Path>) -> (tempfile::TempDir, PathBuf) {
    let _one = PDF_BUILDS.lock().unwrap_or_else(|p| p.into_inner());
    let site = tempfile::tempdir().unwrap();
    let root = manifest_dir();
    for dir in ["content", "static", "templates", "themes"] {
        if root.join(dir).is_dir() {
            copy_dir(&root.join(dir), &site.path().join(dir));
        }
    }
    let yaml = fs::read_to_string(root.join("guide.yaml")).unwrap();
    assert!(yaml.contains("\npaper: letter\n"), "the shipped guide.yaml sets paper: letter");
    fs::write(site.path().join("guide.yaml"), yaml.replace("\npaper: letter\n", &format!("\npaper: {paper}\n")))
        .unwrap();
    fs::copy(root.join("guide.es.yaml"), site.path().join("guide.es.yaml")).unwrap();
    let out = site.path().join("public");
    let start = Instant::now();
    let r = match chromium {
        Some(c) => build(site.path(), &out, &["--pdf", "--chrome", c.to_str().unwrap()]),
        None => build(site.path(), &out, &["--pdf"]),
    };
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    println!("--pdf on {paper}: {:.1} s", start.elapsed().as_secs_f64());
    let (english, spanish) = (handout_pdfs(&out.join("handouts")).len(), handout_pdfs(&out.join("es/handouts")).len());
    let said =
        format!("{english} PDFs in {0}/handouts/, {spanish} PDFs in {0}/es/handouts/, each beside", out.display());
    assert!(r.stdout.contains(&said), "`{said}` in {}", r.stdout);
    (site, out)
}

fn pdfinfo(pdf: &Path) -> (usize, f64, f64) {
    let o = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    let field = |name: &str| {
        text.lines().find_map(|l| l.strip_prefix(name)).map(str::trim).unwrap_or_else(|| panic!("{name} in {text}"))
    };
    let pages = field("Pages:").parse().unwrap();
    let size: Vec<f64> = field("Page size:").split_whitespace().filter_map(|w| w.parse().ok()).collect();
    (pages, size[0], size[1])
}

/// Whether the PDF is tagged (its structure readable by a screen reader).
fn tagged(pdf: &Path) -> bool {
    let o = Command::new("pdfinfo").arg(pdf).output().unwrap();
    String::from_utf8_lossy(&o.stdout).lines().any(|l| l.split_whitespace().eq(["Tagged:", "yes"]))
}

fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext").arg(pdf).arg("-").output().unwrap();
    assert!(o.status.success());
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn fold(s: &str) -> String {
    s.replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every handout's PDF, with the page it was printed from.
fn handout_pdfs(handouts: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(handouts)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "handout.pdf")
        .map(|e| (e.path().to_path_buf(), fs::read_to_string(e.path().with_file_name("index.html")).unwrap()))
        .collect()
}

/// The texts of a page's headings, as a reader sees them.
fn headings(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<h") {
        rest = &rest[i + 2..];
        let Some(level) = rest.chars().next().filter(|c| ('1'..='6').contains(c)) else { continue };
        let close = format!("</h{level}>");
        let Some(end) = rest.find(&close) else { break };
        let inner = &rest[rest.find('>').unwrap() + 1..end];
        out.push(fold(&visible_text(inner)));
        rest = &rest[end..];
    }
    out
}

/// The last line of text on each page, leaving out the footer of guide title and page number.
fn last_lines(text: &str, footer: &str) -> Vec<String> {
    text.split('\u{c}')
        .filter(|page| !page.trim().is_empty())
        .map(|page| {
            page.lines()
                .map(str::trim)
                .rfind(|l| {
                    let rest = l.strip_prefix(footer).unwrap_or(l).trim();
                    !rest.is_empty() && !is_page_number(rest)
                })
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

fn is_page_number(line: &str) -> bool {
    let w: Vec<&str> = line.split_whitespace().collect();
    matches!(w.as_slice(), ["Page" | "Página", a, "of" | "de", b] if a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok())
}

/// `full_chromium`: print with the full browser, or else with what practica picks
/// (the headless shell, which CI installs).
fn check_shipped_pdfs(paper: &str, size: (f64, f64), full_chromium: bool) {
    let Some(chromium) = pdf_tools(&format!("shipped_guide_pdfs_{paper}")) else { return };
    if !full_chromium && browser::in_ci() {
        assert!(browser::runs("chromium-headless-shell", "--version"), "CI installs chromium-headless-shell");
    }
    let (_site, out) = shipped_pdfs(paper, full_chromium.then_some(chromium.as_path()));
    let pdfs = handout_pdfs(&out.join("handouts"));
    let spanish = handout_pdfs(&out.join("es/handouts"));
    for (pdfs, lang) in [(&pdfs, None), (&spanish, Some("es"))] {
        let practices: Vec<&(PathBuf, String)> =
            pdfs.iter().filter(|(_, html)| html.contains("sheet-practice")).collect();
        assert_eq!(practices.len(), practice_titles(lang).len(), "one PDF per practice in {lang:?}");
        let reviewed = fold(&theme_word(lang.unwrap_or("en"), "last_reviewed"));
        for (pdf, _) in &practices {
            let (pages, w, h) = pdfinfo(pdf);
            assert_eq!(pages, 1, "{} has {pages} pages on {paper}", pdf.display());
            assert!(tagged(pdf), "{} is not tagged", pdf.display());
            let text = fold(&pdftotext(pdf));
            assert!(text.contains(&format!("{reviewed} ")), "{} does not print `{reviewed}`: {text}", pdf.display());
            assert!(
                (w - size.0).abs() < 2.0 && (h - size.1).abs() < 2.0,
                "{}: {w} x {h} pt is not {paper}",
                pdf.display()
            );
        }
    }

    let bundle = out.join("handouts/bundles/workforce-integration-2020/handout.pdf");
    assert!(tagged(&bundle), "{} is not tagged", bundle.display());
    let text = fold(&pdftotext(&bundle));
    for title in practice_titles(None) {
        assert!(text.contains(&fold(&title)), "the conference bundle lacks `{title}`");
    }
    println!("{paper}: conference bundle {} pages", pdfinfo(&bundle).0);
    assert!(out.join("handouts/bundles/integrating-peers-into-teams/handout.pdf").is_file());

    // The Spanish bundle prints the Spanish text of every practice translated
    // and the English of the rest: nothing is left out for want of a translation.
    let es_bundle = fold(&pdftotext(&out.join("es/handouts/bundles/workforce-integration-2020/handout.pdf")));
    for title in practice_titles(Some("es")) {
        assert!(es_bundle.contains(&fold(&title)), "the Spanish bundle lacks `{title}`");
    }

    for (lang, prefix) in [("en", ""), ("es", "es/")] {
        check_complete_guide(&out, lang, prefix);
    }

    for (pdfs, footer) in [
        (&pdfs, "Growing and Sustaining the Peer Workforce"),
        (&spanish, "Ampliar y sostener el personal de apoyo entre pares"),
    ] {
        assert!(
            pdfs.iter().any(|(pdf, _)| pdf.ends_with("handouts/complete/handout.pdf")),
            "the complete guide is among the PDFs checked for stranded headings"
        );
        for (pdf, html) in pdfs {
            let heads = headings(html);
            for (n, last) in last_lines(&pdftotext(pdf), footer).iter().enumerate() {
                let last = fold(last);
                let stranded = heads.iter().any(|h| *h == last || (last.len() > 3 && h.ends_with(&last)));
                assert!(!stranded, "page {} of {} ends with the heading `{last}`", n + 1, pdf.display());
            }
        }
    }

    let index = read(&out, "handouts/index.html");
    assert!(
        index
            .contains(r#"<a class="pdf-link" href="/handouts/bundles/workforce-integration-2020/handout.pdf">PDF</a>"#)
    );
    assert!(index.contains(r#"<a class="pdf-link" href="/handouts/complete/handout.pdf">PDF</a>"#), "{index}");

    let practice = out.join("handouts/supervision/ongoing-supervision/handout.pdf");
    assert_eq!(decode_pdf_qr(&practice), "https://guide.example.org/practices/supervision/ongoing-supervision/");
    // A Spanish handout's code leads to the Spanish page.
    let practice = out.join("es/handouts/supervision/ongoing-supervision/handout.pdf");
    assert_eq!(decode_pdf_qr(&practice), "https://guide.example.org/es/practices/supervision/ongoing-supervision/");
}

/// The complete guide's PDF in one edition: every area starts a page with
/// its kicker and title, and so does every practice, with its area as kicker,
/// in the order the edition's /practices/ page reads; no words print over
/// each other (a worksheet's column headings in Spanish once did).
fn check_complete_guide(out: &Path, lang: &str, prefix: &str) {
    let pdf = out.join(format!("{prefix}handouts/complete/handout.pdf"));
    assert!(pdf.is_file(), "{} was not printed", pdf.display());
    // Printed once untagged to place its parts, then again to keep: the kept one is tagged.
    assert!(tagged(&pdf), "{} is not tagged", pdf.display());
    let pages: Vec<String> = pdftotext(&pdf).split('\u{c}').map(fold).collect();
    let area_kicker = theme_word(lang, "kind_area").to_uppercase();
    let mut last_page = 0;
    let mut area = String::new();
    // The cover says who publishes the guide and when it was last updated.
    let yaml = if lang == "en" { "guide.yaml".to_string() } else { format!("guide.{lang}.yaml") };
    let config: serde_yaml::Value =
        serde_yaml::from_str(&fs::read_to_string(manifest_dir().join(yaml)).unwrap()).unwrap();
    let publisher = config["publisher"].as_str().expect("the shipped guide names its publisher");
    let updated = fold(&theme_word(lang, "last_updated"));
    assert!(pages[0].contains(&fold(publisher)), "the cover of {} lacks `{publisher}`: {}", pdf.display(), pages[0]);
    let after = pages[0].split(&updated).nth(1).unwrap_or_else(|| panic!("no `{updated}` on the cover: {}", pages[0]));
    assert!(
        after.split_whitespace().take(6).any(|w| w.trim_matches(',').parse::<u32>().is_ok_and(|y| y > 2000)),
        "`{updated}` is followed by a date: {after}"
    );
    let order = reading_order(&read(out, &format!("{prefix}practices/index.html")));
    let contents = contents_numbers(&pdf, &order);
    let bookmarks = outline(&pdf);
    // Each bookmark reads as its heading does on the page: none run together
    // at a line break or doubled where the heading moved to the next page.
    let heads = headings(&read(out, &format!("{prefix}handouts/complete/index.html")));
    for b in &bookmarks {
        assert!(heads.contains(&fold(b)), "the bookmark `{b}` of {} is no heading of the page", pdf.display());
    }
    for ((is_area, title), listed) in order.iter().zip(&contents) {
        assert!(
            bookmarks.iter().any(|b| fold(b) == fold(title)),
            "the bookmarks of {} lack `{title}`: {bookmarks:?}",
            pdf.display()
        );
        let is_area = *is_area;
        let start = if is_area {
            area = title.clone();
            format!("{area_kicker} {}", fold(title))
        } else {
            format!("{} {}", area.to_uppercase(), fold(title))
        };
        let page = pages
            .iter()
            .position(|p| p.starts_with(&start))
            .unwrap_or_else(|| panic!("no page of {} starts with `{start}`", pdf.display()));
        assert!(page > last_page, "`{title}` is on page {} of {}, out of reading order", page + 1, pdf.display());
        assert_eq!(
            *listed,
            page + 1,
            "the contents of {} give `{title}` page {listed}; it starts on page {}",
            pdf.display(),
            page + 1
        );
        last_page = page;
    }
    if let Some((page, a, b)) = overlapping_words(&pdf).first() {
        panic!("on page {page} of {}, `{a}` prints over `{b}`", pdf.display());
    }
    // Contents run past nine entries: their numbers print whole, inside the margin (11 mm = 31.2 pt, handouts/paper.css).
    for (_, x) in words_with_x(&pdf).iter().filter(|(w, _)| w == "10.") {
        assert!(*x >= 31.0, "`10.` starts at {x} pt in {}, in the margin where Chromium clips it", pdf.display());
    }
}

/// The page number the printed contents give each title, in order: the
/// number after the title (and after its note in brackets, "(4 practices)").
fn contents_numbers(pdf: &Path, titles: &[(bool, String)]) -> Vec<usize> {
    // The contents follow the cover, on the pages before the first area; as
    // laid out, each number stays on its entry's line.
    let o = Command::new("pdftotext").args(["-layout", "-f", "2", "-l", "4"]).arg(pdf).arg("-").output().unwrap();
    let text = fold(&String::from_utf8_lossy(&o.stdout));
    let mut rest = text.as_str();
    let mut numbers = Vec::new();
    for (_, title) in titles {
        let title = fold(title);
        let at = rest.find(&title).unwrap_or_else(|| panic!("`{title}` is not in the printed contents: {text}"));
        rest = rest[at + title.len()..].trim_start();
        if rest.starts_with('(') {
            rest = rest[rest.find(')').unwrap() + 1..].trim_start();
        }
        let word = rest.split_whitespace().next().unwrap_or_default();
        let number =
            word.parse().unwrap_or_else(|_| panic!("no page number after `{title}` in the contents: `{word}`"));
        numbers.push(number);
    }
    numbers
}

/// The titles of a PDF's bookmarks, at every level, as a reader's PDF viewer lists them.
fn outline(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let toc = doc.get_toc().unwrap_or_else(|e| panic!("{} has no bookmarks: {e}", pdf.display()));
    toc.toc.into_iter().map(|t| t.title).collect()
}

/// The areas (true) and practices (false) of a built /practices/ page, in the order it lists them.
fn reading_order(practices_page: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut rest = practices_page;
    loop {
        let area = rest.find("<h2 id=\"area-");
        let practice = rest.find("<h3 class=\"card-title\">");
        let (at, is_area) = match (area, practice) {
            (Some(a), Some(p)) if a < p => (a, true),
            (Some(a), None) => (a, true),
            (_, Some(p)) => (p, false),
            (None, None) => break,
        };
        rest = &rest[at..];
        // The title is the link; a note such as "(en inglés)" may follow it.
        let end = rest.find("</a>").unwrap();
        let title = visible_text(&rest[..end]).replace("&#x27;", "'").replace("&#x2F;", "/");
        out.push((is_area, title));
        rest = &rest[end..];
    }
    assert!(out.iter().any(|(a, _)| *a) && out.iter().any(|(a, _)| !a), "no areas or practices in {practices_page}");
    out
}

/// Words that print over their neighbour on the same line: (page, word, neighbour).
fn overlapping_words(pdf: &Path) -> Vec<(usize, String, String)> {
    let mut found = Vec::new();
    for (n, page) in pdf_words(pdf).into_iter().enumerate() {
        let mut lines: std::collections::BTreeMap<i64, Vec<&PdfWord>> = std::collections::BTreeMap::new();
        for w in &page {
            lines.entry((w.y_min * 10.0).round() as i64).or_default().push(w);
        }
        for line in lines.values_mut() {
            line.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
            for pair in line.windows(2) {
                if pair[0].x_max > pair[1].x_min + 0.5 {
                    found.push((n + 1, pair[0].text.clone(), pair[1].text.clone()));
                }
            }
        }
    }
    found
}

struct PdfWord {
    text: String,
    x_min: f64,
    x_max: f64,
    y_min: f64,
}

/// The words pdftotext finds on each page of a PDF, with their boxes in points.
fn pdf_words(pdf: &Path) -> Vec<Vec<PdfWord>> {
    let o = Command::new("pdftotext").args(["-bbox", pdf.to_str().unwrap(), "-"]).output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let attr =
        |l: &str, name: &str| -> Option<f64> { l.split(&format!("{name}=\"")).nth(1)?.split('"').next()?.parse().ok() };
    text.split("<page ")
        .skip(1)
        .map(|page| {
            page.lines()
                .filter_map(|l| {
                    let l = l.trim();
                    Some(PdfWord {
                        x_min: attr(l, "xMin")?,
                        x_max: attr(l, "xMax")?,
                        y_min: attr(l, "yMin")?,
                        text: l.split('>').nth(1)?.split('<').next()?.to_string(),
                    })
                })
                .collect()
        })
        .collect()
}

#[test]
fn shipped_guide_pdfs_on_letter() {
    check_shipped_pdfs("letter", (612.0, 792.0), false);
}

#[test]
fn shipped_guide_pdfs_on_a4() {
    check_shipped_pdfs("a4", (595.0, 842.0), true);
}

/// The titles of the shipped guide's practices, in `lang` (English when `None`).
fn practice_titles(lang: Option<&str>) -> Vec<String> {
    let mut titles = Vec::new();
    for e in walkdir::WalkDir::new(manifest_dir().join("content/practices")).into_iter().filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy();
        let Some(stem) = name.strip_suffix(".md") else { continue };
        let file_lang = stem.rsplit_once('.').map(|(_, l)| l);
        if stem.starts_with("_index") || file_lang != lang {
            continue;
        }
        let text = fs::read_to_string(e.path()).unwrap();
        let draft = text.lines().any(|l| l.trim() == "draft: true");
        if let Some(t) = text.lines().find_map(|l| l.strip_prefix("title:"))
            && !draft
        {
            titles.push(t.trim().trim_matches('"').to_string());
        }
    }
    titles
}

// ---------------------------------------------------------------- QR codes

/// Renders the PDF's first page in grey and decodes the QR code printed on it.
fn decode_pdf_qr(pdf: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let ok = Command::new("pdftoppm")
        .args(["-gray", "-r", "150", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .unwrap()
        .success();
    assert!(ok, "pdftoppm failed on {}", pdf.display());
    let file = fs::read_dir(dir.path()).unwrap().next().unwrap().unwrap().path();
    let bytes = fs::read(&file).unwrap();
    let (w, h, pixels) = parse_pgm(&bytes);
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let grids = img.detect_grids();
    assert!(!grids.is_empty(), "no QR code found on {}", pdf.display());
    grids[0].decode().expect("the printed QR code decodes").1
}

/// A binary PGM (P5, 8-bit) as width, height and pixels.
fn parse_pgm(bytes: &[u8]) -> (usize, usize, &[u8]) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes[i] == b'#' {
            while bytes[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5", "pdftoppm -gray writes binary PGM");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, &bytes[i + 1..i + 1 + w * h])
}

#[test]
fn a_checklist_worksheet_has_a_qr_code_back_to_its_page() {
    let (_t, out, _) = built(&[]);
    let sheet = read(&out, "handouts/checklists/self-check/index.html");
    assert!(
        sheet.contains("aria-label=\"QR code for https://example.org/guides/peer/checklists/self-check/\""),
        "{sheet}"
    );
    assert_eq!(decode_svg_qr(&sheet), "https://example.org/guides/peer/checklists/self-check/");
}

/// The words pdftotext finds on a PDF's pages, with their left edge in points.
fn words_with_x(pdf: &Path) -> Vec<(String, f64)> {
    pdf_words(pdf).into_iter().flatten().map(|w| (w.text, w.x_min)).collect()
}

#[test]
fn a_long_practice_prints_its_numbers_whole_and_the_build_says_it_runs_over_a_page() {
    let Some(chromium) = pdf_tools("a_long_practice") else { return };
    let _one = PDF_BUILDS.lock().unwrap_or_else(|p| p.into_inner());
    let site = copy_fixture("basic");
    let steps: String =
        (1..=60).map(|n| format!("{n}. Step number {n} of the practice, written out in full.\n")).collect();
    write(
        site.path(),
        "content/practices/hiring/onboarding-steps.md",
        &format!(
            "---\ntitle: Onboarding in 60 steps\nsummary: Every step of onboarding.\n---\n## How to put it in place\n\n{steps}"
        ),
    );
    let out = site.path().join("public");
    let r = build(site.path(), &out, &["--pdf", "--chrome", chromium.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning[P0506]") && r.stderr.contains("`Onboarding in 60 steps` runs over"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("content/practices/hiring/onboarding-steps.md"), "{}", r.stderr);
    assert_eq!(r.stderr.matches("P0506").count(), 1, "the other practices fit one page: {}", r.stderr);
    let handouts = pages_of(&out);
    assert!(r.stdout.contains(&format!("{handouts} PDFs in {}/handouts/", out.display())), "{}", r.stdout);
    assert!(
        r.stderr.contains(&format!("Printing {handouts} handouts to PDF")),
        "plain progress off a terminal: {}",
        r.stderr
    );

    // Numbers of two digits print whole, inside the page's margin (11 mm = 31.2 pt, handouts/paper.css).
    let words = words_with_x(&out.join("handouts/hiring/onboarding-steps/handout.pdf"));
    for n in ["9.", "10.", "21.", "39.", "60."] {
        let (_, x) = words.iter().find(|(w, _)| w == n).unwrap_or_else(|| panic!("no `{n}` in the PDF"));
        assert!(*x >= 31.0, "`{n}` starts at {x} pt, in the margin where Chromium clips it");
    }
}

/// How many handout pages a build printed (every handout but the list of them).
fn pages_of(out: &Path) -> usize {
    handout_pdfs(out).len()
}

/// The addresses of a PDF's links (Chromium writes them as plain `/URI (...)`).
fn pdf_links(pdf: &Path) -> Vec<String> {
    let bytes = fs::read(pdf).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    text.match_indices("/URI (").map(|(i, _)| text[i + 6..].split(')').next().unwrap().to_string()).collect()
}

#[test]
fn printed_links_lead_to_the_published_guide_or_nowhere() {
    let Some(chromium) = pdf_tools("printed_links") else { return };
    let _one = PDF_BUILDS.lock().unwrap_or_else(|p| p.into_inner());
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    let pdf = out.join("handouts/hiring/job-descriptions/handout.pdf");

    // PDFs are printed from a server on this machine; their links must not lead there.
    let r = build(site.path(), &out, &["--pdf", "--chrome", chromium.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let links = pdf_links(&pdf);
    assert!(
        links.contains(&"https://example.org/guides/peer/practices/support/regular-supervision/".to_string()),
        "{links:?}"
    );
    assert!(links.iter().all(|l| l.starts_with("https://example.org/guides/peer/")), "{links:?}");
    // They print as they read, unlike links out of the guide, which print their address.
    assert!(!pdftotext(&pdf).contains("(https://example.org/"), "{}", pdftotext(&pdf));

    // Without a published address, there is nowhere to link to: the words stay, unlinked.
    let r = build(site.path(), &out, &["--pdf", "--chrome", chromium.to_str().unwrap(), "--base-url", "/guides/peer/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(pdf_links(&pdf), Vec::<String>::new());
    assert!(fold(&pdftotext(&pdf)).contains("supervision"), "the link's words are still printed");
}

#[test]
fn a_handout_that_never_finishes_loading_is_cut_off_and_named() {
    let Some(chromium) = pdf_tools("a_handout_that_never_finishes") else { return };
    let _one = PDF_BUILDS.lock().unwrap_or_else(|p| p.into_inner());
    let site = copy_fixture("basic");
    // A theme script that never returns keeps every handout from loading.
    write(site.path(), "static/js/handout.js", "for (;;) {}\n");
    let err = super::pdf_build_fails(site.path(), &chromium, "8");
    assert!(err.contains("the page took longer than 8 s to print, and was stopped"), "{err}");
    assert!(err.contains("/handouts/"), "names the handout: {err}");
}

#[test]
fn contents_numbers_that_move_the_parts_are_a_warning() {
    let Some(chromium) = pdf_tools("contents_numbers_that_move") else { return };
    let _one = PDF_BUILDS.lock().unwrap_or_else(|p| p.into_inner());
    let site = copy_fixture("basic");
    // A theme whose numbered contents grow a page each time they are numbered.
    write(site.path(), "static/js/handout.js", CONTENTS_THAT_GROW);
    let out = site.path().join("public");
    let r = build(site.path(), &out, &["--pdf", "--chrome", chromium.to_str().unwrap()]);
    assert_eq!(r.code, 0, "a warning, not an error: {}", r.stderr);
    assert!(r.stderr.contains("warning[P0511]"), "{}", r.stderr);
    assert!(
        r.stderr.contains("the page numbers in the contents of /handouts/complete/handout.pdf kept changing"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_scripts_fixture_prints_its_chinese_and_arabic_handouts() {
    let Some(chromium) = pdf_tools("the_scripts_fixture_prints") else { return };
    let _one = PDF_BUILDS.lock().unwrap_or_else(|p| p.into_inner());
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let r = build(&fixture("scripts"), &out, &["--pdf", "--chrome", chromium.to_str().unwrap()]);
    if r.code != 0 && r.stderr.contains("error[P0512]") && !browser::in_ci() {
        // CI installs the fonts (.ci/run); a machine without them is told which to install.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED handouts the_scripts_fixture_prints: no font for a script: {}",
            r.stderr
        );
        return;
    }
    assert_eq!(r.code, 0, "{}", r.stderr);
    // pdftotext splits Arabic's lam-alef ligature back into other letters, so
    // the Arabic check reads the title's words after it ("every week").
    for (lang, title) in [("zh", "每周会面"), ("ar", "كل أسبوع")] {
        let pdf = out.join(format!("{lang}/handouts/supervision/regular-meetings/handout.pdf"));
        let text = fold(&pdftotext(&pdf));
        assert!(text.contains(title), "{} does not print `{title}`: {text}", pdf.display());
    }
}
