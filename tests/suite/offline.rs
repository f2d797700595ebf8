//! The offline edition (issue 18): `build --offline` writes a site that works
//! opened from a folder, and `offline_download: true` publishes the same files
//! as one zip. The browser side (file:// pages, search, answers) is
//! tests/browser/offline.mjs, run from the last test here.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::common::*;

const MARKER: &str = ".practica-output";

fn offline(root: &Path, out: &Path) {
    let r = build(root, out, &["--offline"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// Every `href="..."` and `src="..."` of an HTML file, unescaped.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            out.push(rest[..rest.find('"').unwrap()].replace("&amp;", "&").replace("&#x2F;", "/"));
        }
    }
    out
}

fn html_files(out: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

/// `dir/link` as a path, without touching the disk: `..` taken off.
fn resolve(dir: &Path, link: &str) -> PathBuf {
    let mut p = dir.to_path_buf();
    for part in Path::new(link).components() {
        match part {
            Component::ParentDir => {
                p.pop();
            }
            Component::Normal(s) => p.push(s),
            _ => {}
        }
    }
    p
}

#[test]
fn every_link_of_the_offline_edition_leads_to_one_of_its_files() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("offline");
    offline(&fixture("bilingual"), &out);
    let mut checked = 0;
    for file in html_files(&out) {
        let html = fs::read_to_string(&file).unwrap();
        for link in links(&html) {
            if link.starts_with('#') || link.starts_with("mailto:") {
                continue;
            }
            if link.starts_with("http://") || link.starts_with("https://") {
                // Only the canonical link names the published guide; other hosts are external links.
                let published = "https://example.org/guides/peer/";
                if link.starts_with(published) {
                    assert!(
                        html.contains(&format!("<link rel=\"canonical\" href=\"{link}\">")),
                        "{}: {link} is not a canonical link",
                        file.display()
                    );
                }
                continue;
            }
            assert!(!link.starts_with('/'), "{}: `{link}` starts at a server's root", file.display());
            let path = link.split(['#', '?']).next().unwrap();
            let target = resolve(file.parent().unwrap(), path);
            assert!(target.starts_with(&out), "{}: `{link}` leaves the edition", file.display());
            assert!(target.is_file(), "{}: `{link}` is not a file of the edition", file.display());
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked} links checked");
    // Page links name the file, as a folder opened from disk has no index page.
    let home = read(&out, "index.html");
    assert!(home.contains("href=\"practices/index.html\""), "{home}");
    let es = read(&out, "es/practices/hiring/job-descriptions/index.html");
    assert!(es.contains("href=\"../../../../practices/hiring/job-descriptions/index.html\" hreflang=\"en\""), "{es}");
    // Nothing only a web server needs: no Pagefind, no sitemap, no robots.txt.
    for gone in ["pagefind", "sitemap.xml", "robots.txt"] {
        assert!(!out.join(gone).exists(), "{gone} in the offline edition");
    }
    for index in ["search/offline-index.js", "es/search/offline-index.js"] {
        let js = read(&out, index);
        assert!(js.starts_with("window.practicaSearchIndex = {"), "{index}");
    }
    let form = &home[home.find("<form class=\"site-search\"").unwrap()..];
    let form = &form[..form.find('>').unwrap()];
    assert!(
        form.contains("action=\"search/index.html\"")
            && form.contains("data-search-index=\"search/offline-index.js\"")
            && form.contains("data-search-runtime=\"js/search-offline.js\"")
            && !form.contains("data-pagefind"),
        "{form}"
    );
}

#[test]
fn the_offline_index_finds_words_in_each_language_and_keeps_the_filters() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("offline");
    offline(&fixture("bilingual"), &out);
    let index = |path: &str| -> serde_json::Value {
        let js = read(&out, path);
        let json = js.trim().strip_prefix("window.practicaSearchIndex = ").unwrap().strip_suffix(';').unwrap();
        serde_json::from_str(json).unwrap()
    };
    let en = index("search/offline-index.js");
    let es = index("es/search/offline-index.js");
    let titles = |i: &serde_json::Value| -> Vec<String> {
        i["pages"].as_array().unwrap().iter().map(|p| p["t"].as_str().unwrap().to_string()).collect()
    };
    assert!(titles(&en).contains(&"Write job descriptions".to_string()), "{:?}", titles(&en));
    assert!(titles(&es).contains(&"Redactar descripciones del puesto".to_string()), "{:?}", titles(&es));
    assert!(!titles(&es).contains(&"Write job descriptions".to_string()), "each language has its own pages");
    // Words are folded: the accent of "descripción" is dropped, as the script drops it.
    assert!(es["words"]["descripcion"].is_array(), "{}", es["words"]);
    assert!(en["filters"]["area"]["Hiring"].is_string(), "{}", en["filters"]);
    // A page's address is relative to the index script.
    let page = en["pages"].as_array().unwrap().iter().find(|p| p["t"] == "Write job descriptions").unwrap();
    assert_eq!(page["u"], "../practices/hiring/job-descriptions/index.html");
}

fn unzip(bytes: &[u8]) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.insert(PathBuf::from(f.name()), data);
    }
    out
}

#[test]
fn the_download_is_the_offline_edition_zipped_and_every_page_links_it_with_its_size() {
    let site = copy_fixture("bilingual");
    edit(site.path(), "guide.yaml", "language: en", "language: en\noffline_download: true");
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let name = "downloads/fixture-guide-offline.zip";
    let zip = fs::read(out.join(name)).unwrap();
    assert!(r.stdout.contains(&format!("Offline edition: {}/{name} (", out.display())), "{}", r.stdout);

    let alone = site.path().join("alone");
    offline(site.path(), &alone);
    let mut written = snapshot(&alone);
    written.remove(Path::new(MARKER));
    let unpacked: BTreeMap<PathBuf, Vec<u8>> = unzip(&zip)
        .into_iter()
        .map(|(p, b)| (p.strip_prefix("fixture-guide-offline").expect("one top folder").to_path_buf(), b))
        .collect();
    assert_eq!(unpacked.keys().collect::<Vec<_>>(), written.keys().collect::<Vec<_>>());
    for (path, bytes) in &written {
        assert!(unpacked[path] == *bytes, "{} differs between the zip and --offline", path.display());
    }

    let size = if zip.len() < 1_000_000 {
        format!("{} KB", zip.len().div_ceil(1000))
    } else {
        format!("{:.1} MB", zip.len() as f64 / 1e6)
    };
    let link = format!("<a href=\"/guides/peer/{name}\" download>Download the guide for offline use ({size})</a>");
    for page in ["index.html", "practices/hiring/job-descriptions/index.html", "handouts/index.html"] {
        assert!(read(&out, page).contains(&link), "{page} lacks {link}");
    }
    let about = read(&out, "about/index.html");
    assert!(about.contains("also works without an internet connection") && about.contains(&link), "{about}");
    let es = read(&out, "es/index.html");
    assert!(es.contains("Descargar la guía para usarla sin conexión ("), "{es}");
    // The offline edition does not offer itself.
    assert!(!unzip(&zip).keys().any(|p| p.to_string_lossy().contains("downloads/")));
    assert!(!read(&alone, "index.html").contains("offline-download"));
}

#[test]
fn the_offline_edition_works_opened_from_a_folder_in_the_browser() {
    let Some(chromium) = browser::tools_or_skip("offline") else { return };
    let site = copy_fixture("bilingual");
    let out = site.path().join("offline");
    offline(site.path(), &out);
    let report = browser::report(browser::script("offline.mjs", &chromium).arg(&out));
    assert!(report.contains("offline: 8 passed, 0 failed"), "{report}");
}
