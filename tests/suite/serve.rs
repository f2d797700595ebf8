//! `practica serve` as an editor uses it: save files the way editors do, break
//! and fix front matter, and watch what open pages receive.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crate::common::server::Server;
use crate::common::*;

/// How many times a page open at `page` (an address under the base path)
/// reloads or takes new text: every `reload`, and each `changed` naming it.
fn updates(events: &[(String, String)], page: &str) -> usize {
    let names = |data: &str| serde_json::from_str::<Vec<String>>(data).unwrap().iter().any(|p| p.ends_with(page));
    events.iter().filter(|(e, data)| e == "reload" || (e == "changed" && names(data))).count()
}

/// Everything that arrives within `wait` after the first event.
fn collect(rx: &Receiver<(String, String)>, first_within: Duration, wait: Duration) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Ok(e) = rx.recv_timeout(first_within) {
        out.push(e);
        while let Ok(e) = rx.recv_timeout(wait) {
            out.push(e);
        }
    }
    out
}

fn about(root: &Path) -> PathBuf {
    root.join("content/about.md")
}

#[test]
fn serves_pages_under_the_base_path_with_the_live_script() {
    let s = Server::start(&[]);
    assert_eq!(s.base, "/guides/peer/");
    let home = s.page("");
    assert!(home.contains("<h1>Fixture Guide</h1>"));
    assert!(home.contains("data-practica-live") && home.contains("/__practica/events"));
    assert!(!home.contains("EventSource"), "the live channel is a WebSocket");
    let (status, head, _) = s.get("/guides/peer/css/practica.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css"));
    let (status, head, _) = s.get("/guides/peer/img/map.svg");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: image/svg+xml"));
    let (status, head, _) = s.get("/guides/peer/practices/hiring");
    assert_eq!(status, 301);
    assert!(head.contains("location: /guides/peer/practices/hiring/"));
    let (status, _, body) = s.get("/guides/peer/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the site's 404 page");
    assert_eq!(s.stop(), 0, "Ctrl+C exits 0");
}

#[test]
fn traversal_and_odd_paths_get_404() {
    let s = Server::start(&[]);
    for p in [
        "/guides/peer/../guide.yaml",
        "/guides/peer/%2e%2e/guide.yaml",
        "/guides/peer/%2E%2E/%2E%2E/etc/passwd",
        "/guides/peer/..%2fguide.yaml",
        "/guides/peer/css%2fpractica.css",
        "/guides/peer/..\\guide.yaml",
        "/guides/peer//etc/passwd",
        "/etc/passwd",
        "/guide.yaml",
        "/guides/peer/content/about.md",
    ] {
        let (status, _, body) = s.get(p);
        assert_eq!(status, 404, "{p}");
        assert!(!body.contains("title: Fixture Guide"), "{p} leaked a source file");
    }
}

/// Huge pages made a build zero memory 2 MB at a time and hold more of it
/// (see main.rs); the kernel tells whether they are off for the process.
#[cfg(target_os = "linux")]
#[test]
fn practica_runs_without_transparent_huge_pages() {
    let s = Server::start(&[]);
    let status = std::fs::read_to_string(format!("/proc/{}/status", s.child.id())).unwrap();
    let line = status.lines().find(|l| l.starts_with("THP_enabled:")).expect("the kernel reports THP_enabled");
    assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
}

#[test]
fn a_vim_save_is_one_reload_with_the_new_content() {
    let s = Server::start(&[]);
    let rx = s.events();
    let file = about(s.root());
    let dir = file.parent().unwrap();
    // vim: swap file, a probe file named 4913, the original renamed to a backup,
    // the new text written, the backup removed.
    std::fs::write(dir.join(".about.md.swp"), "swap").unwrap();
    std::fs::write(dir.join("4913"), "").unwrap();
    std::fs::remove_file(dir.join("4913")).unwrap();
    std::fs::rename(&file, dir.join("about.md~")).unwrap();
    std::fs::write(&file, "---\ntitle: About\nsummary: About this fixture.\n---\nSaved by vim.\n").unwrap();
    std::fs::remove_file(dir.join("about.md~")).unwrap();
    std::fs::remove_file(dir.join(".about.md.swp")).unwrap();
    let events = collect(&rx, Duration::from_secs(10), Duration::from_millis(1500));
    assert_eq!(updates(&events, "/about/"), 1, "{events:?}");
    assert!(s.page("about/").contains("Saved by vim."));
}

#[test]
fn a_vscode_save_and_an_atomic_rename_each_reload_once() {
    let s = Server::start(&[]);
    let rx = s.events();
    let file = about(s.root());
    // VS Code: truncate and write in place, sometimes in two writes.
    {
        let mut f = std::fs::OpenOptions::new().write(true).truncate(true).open(&file).unwrap();
        f.write_all(b"---\ntitle: About\n").unwrap();
        f.flush().unwrap();
        f.write_all(b"summary: About this fixture.\n---\nSaved by VS Code.\n").unwrap();
    }
    let events = collect(&rx, Duration::from_secs(10), Duration::from_millis(1500));
    assert_eq!(updates(&events, "/about/"), 1, "{events:?}");
    assert!(s.page("about/").contains("Saved by VS Code."));
    // Write a temp file and rename it over (JetBrains, many tools).
    let tmp = file.with_file_name("about.md___jb_tmp___");
    std::fs::write(&tmp, "---\ntitle: About\n---\nRenamed into place.\n").unwrap();
    std::fs::rename(&tmp, &file).unwrap();
    let events = collect(&rx, Duration::from_secs(10), Duration::from_millis(1500));
    assert_eq!(updates(&events, "/about/"), 1, "{events:?}");
    assert!(s.page("about/").contains("Renamed into place."));
}

#[test]
fn a_broken_save_shows_the_diagnostic_and_keeps_the_last_good_site() {
    let s = Server::start(&[]);
    let rx = s.events();
    let file = about(s.root());
    std::fs::write(&file, "---\ntitel: About\n---\nBroken.\n").unwrap();
    let events = collect(&rx, Duration::from_secs(10), Duration::from_millis(800));
    let failed: Vec<_> = events.iter().filter(|(e, _)| e == "failed").collect();
    assert_eq!(failed.len(), 1, "{events:?}");
    let data = &failed[0].1;
    assert!(
        data.contains("content/about.md:2:1")
            && data.contains("unknown key `titel`")
            && data.contains("did you mean `title`?"),
        "{data}"
    );
    assert!(s.page("about/").contains("About text."), "the last good page still serves");
    // A page opened now learns about the failure at once.
    let late = s.events();
    let first = late.recv_timeout(Duration::from_secs(5)).expect("current state on connect");
    assert_eq!(first.0, "failed");
    std::fs::write(&file, "---\ntitle: About\n---\nFixed.\n").unwrap();
    let events = collect(&rx, Duration::from_secs(10), Duration::from_millis(800));
    assert_eq!(events.iter().map(|(e, _)| e.as_str()).collect::<Vec<_>>(), vec!["reload"]);
    assert!(s.page("about/").contains("Fixed."));
    assert_eq!(s.stop(), 0, "content errors never stop the server");
}

#[test]
fn new_and_deleted_files_are_picked_up() {
    let s = Server::start(&[]);
    let rx = s.events();
    std::fs::create_dir_all(s.root().join("content/guides")).unwrap();
    std::fs::write(s.root().join("content/guides/new-page.md"), "---\ntitle: Brand new\n---\nHello.\n").unwrap();
    collect(&rx, Duration::from_secs(10), Duration::from_millis(800));
    assert!(s.page("guides/new-page/").contains("Brand new"));
    std::fs::remove_file(s.root().join("content/guides/new-page.md")).unwrap();
    collect(&rx, Duration::from_secs(10), Duration::from_millis(800));
    assert_eq!(s.get("/guides/peer/guides/new-page/").0, 404);
}

#[test]
fn a_template_error_names_the_template_and_line() {
    let s = Server::start(&[]);
    let rx = s.events();
    std::fs::write(
        s.root().join("templates/tip.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title \n{% endblock main %}\n",
    )
    .unwrap();
    let events = collect(&rx, Duration::from_secs(10), Duration::from_millis(800));
    let data = &events.iter().find(|(e, _)| e == "failed").expect("failed event").1;
    assert!(data.contains("templates/tip.html:") && data.contains("template `tip.html`"), "{data}");
}

#[test]
fn binding_beyond_loopback_warns() {
    let dir = copy_fixture("basic");
    let mut child = Command::new(env!("CARGO_BIN_EXE_practica"))
        .args(["serve", "--root", dir.path().to_str().unwrap(), "--port", "0", "--bind", "0.0.0.0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.contains("warning: serving on 0.0.0.0"), "{line}");
}

#[test]
fn the_open_page_follows_every_save() {
    let Some(chromium) = browser::tools_or_skip("serve_reload") else { return };
    let s = Server::start(&["--no-search"]);
    let out = browser::report(
        browser::script("reload.mjs", &chromium)
            .args(["--url", &format!("http://{}{}about/", s.addr, s.base)])
            .arg("--file")
            .arg(about(s.root()))
            .args(["--complete-url", &format!("http://{}{}handouts/complete/", s.addr, s.base)])
            .arg("--practice")
            .arg(s.root().join("content/practices/hiring/job-descriptions.md"))
            .args(["--practice-url", &format!("http://{}{}practices/hiring/job-descriptions/", s.addr, s.base)]),
    );
    assert!(out.contains("reload: 6 passed, 0 failed"), "{out}");
}

#[test]
fn a_body_edit_rebuilds_only_that_page_and_its_handouts_then_search() {
    let s = Server::start(&[]);
    let rx = s.events();
    let file = s.root().join("content/practices/hiring/job-descriptions.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("A description exists.", "A description exists and is reviewed yearly."))
        .unwrap();
    let line = s.line_starting("Rebuilt", Duration::from_secs(10)).expect("a rebuild line");
    assert!(line.contains(" files in "), "only some files were made again: {line}");
    assert!(s.page("practices/hiring/job-descriptions/").contains("reviewed yearly"));
    assert!(s.page("handouts/hiring/job-descriptions/").contains("reviewed yearly"), "its handout too");
    assert!(s.page("handouts/hiring/").contains("reviewed yearly"), "and its area's handout");
    assert!(s.line_starting("search index updated", Duration::from_secs(20)).is_some());
    assert!(s.line_starting("complete guide updated", Duration::from_secs(20)).is_some());
    assert!(s.page("handouts/complete/").contains("reviewed yearly"), "and the complete guide");
    // The pages that changed take their new text, their handouts a moment
    // later; the complete guide follows when the editor pauses. Other open
    // pages stay as they are.
    let events = collect(&rx, Duration::from_secs(10), Duration::from_millis(300));
    let changed = |n: usize| -> Vec<String> {
        assert_eq!(events[n].0, "changed", "{events:?}");
        serde_json::from_str(&events[n].1).unwrap()
    };
    assert_eq!(events.len(), 3, "{events:?}");
    let (pages, handouts) = (changed(0), changed(1));
    assert!(pages.contains(&"/guides/peer/practices/hiring/job-descriptions/".to_string()), "{pages:?}");
    assert!(!pages.iter().any(|p| p.contains("/handouts/")), "the handouts come after the pages: {pages:?}");
    for page in ["handouts/hiring/job-descriptions/", "handouts/hiring/"] {
        assert!(handouts.contains(&format!("/guides/peer/{page}")), "{page} in {handouts:?}");
    }
    for list in [&pages, &handouts] {
        assert!(!list.iter().any(|p| p.ends_with("/complete/") || p.ends_with("/about/")), "{list:?}");
    }
    assert_eq!(changed(2), ["/guides/peer/handouts/complete/"]);
}

#[test]
fn removing_a_heading_another_page_links_to_is_caught() {
    let s = Server::start(&["--no-search"]);
    let rx = s.events();
    let file = s.root().join("content/practices/hiring/job-descriptions.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("## Why it matters", "## Reasons")).unwrap();
    let events = collect(&rx, Duration::from_secs(10), Duration::from_millis(800));
    let data = &events.iter().find(|(e, _)| e == "failed").expect("failed event").1;
    assert!(data.contains("content/_index.md:5") && data.contains("#why-it-matters names no heading"), "{data}");
}

#[test]
fn a_folder_created_after_start_is_watched() {
    let s = Server::start(&["--no-search"]);
    let rx = s.events();
    let dir = s.root().join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    let page = "{% extends \"base.html\" %}{% block main %}<h1>{{ page.title }}</h1><p>MARK</p>{% endblock main %}";
    std::fs::write(dir.join("page.html"), page.replace("MARK", "first theme")).unwrap();
    collect(&rx, Duration::from_secs(10), Duration::from_millis(800));
    assert!(s.page("about/").contains("first theme"));
    // A later change inside the new folder is seen too.
    std::fs::write(dir.join("page.html"), page.replace("MARK", "second theme")).unwrap();
    let events = collect(&rx, Duration::from_secs(10), Duration::from_millis(800));
    assert!(!events.is_empty(), "no event for a change in the new folder");
    assert!(s.page("about/").contains("second theme"));
}

/// A raw GET with the Host header a browser would send for `host`.
fn get_as(s: &Server, host: &str) -> (u16, String) {
    let mut c = TcpStream::connect(&s.addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(c, "GET {} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n", s.base).unwrap();
    let mut raw = String::new();
    let _ = c.read_to_string(&mut raw);
    let status = raw.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, raw)
}

#[test]
fn only_requests_addressed_to_this_machine_are_answered() {
    let s = Server::start(&["--no-search", "--allow-host", "preview.internal"]);
    let port = s.addr.rsplit(':').next().unwrap().to_string();
    for host in ["evil.example", "127.0.0.1.evil.example", &format!("evil.example:{port}"), "localhost.evil.example"] {
        let (status, raw) = get_as(&s, host);
        assert_eq!(status, 403, "{host}: {raw}");
        assert!(raw.contains("addressed to this computer") && raw.contains("--allow-host"), "{raw}");
        assert!(!raw.contains("Fixture Guide"), "no page content for {host}");
    }
    for host in ["localhost", &format!("localhost:{port}"), &format!("127.0.0.1:{port}"), "[::1]", "preview.internal"] {
        let (status, raw) = get_as(&s, host);
        assert_eq!(status, 200, "{host}: {raw}");
    }
}

/// A raw request, head lines as written, so one can carry two Host headers.
fn raw_request(s: &Server, head: &str) -> (u16, String) {
    let mut c = TcpStream::connect(&s.addr).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(c, "{head}Connection: close\r\n\r\n").unwrap();
    let mut raw = String::new();
    let _ = c.read_to_string(&mut raw);
    let status = raw.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, raw)
}

#[test]
fn a_second_host_header_or_a_foreign_absolute_target_is_refused() {
    let s = Server::start(&["--no-search"]);
    let (addr, base) = (s.addr.clone(), s.base.clone());
    for head in [
        format!("GET {base} HTTP/1.1\r\nHost: {addr}\r\nHost: evil.example\r\n"),
        format!("GET {base} HTTP/1.1\r\nHost: evil.example\r\nHost: {addr}\r\n"),
        format!("GET {base} HTTP/1.1\r\nHost: {addr}\r\nHost: localhost\r\n"),
        format!("GET http://evil.example{base} HTTP/1.1\r\nHost: {addr}\r\n"),
        format!("GET http://evil.example:80{base} HTTP/1.1\r\nHost: {addr}\r\n"),
    ] {
        let (status, raw) = raw_request(&s, &head);
        assert_eq!(status, 403, "{head}{raw}");
        assert!(!raw.contains("Fixture Guide"), "no page content for {head}");
    }
    // An absolute-form target naming this machine is a request like any other.
    let (status, raw) = raw_request(&s, &format!("GET http://{addr}{base} HTTP/1.1\r\nHost: {addr}\r\n"));
    assert_eq!(status, 200, "{raw}");
}

#[test]
fn the_servers_root_leads_to_the_guide_under_its_base_path() {
    let s = Server::start(&["--no-search"]);
    assert_eq!(s.base, "/guides/peer/");
    let (status, head, _) = s.get("/");
    assert_eq!(status, 302, "{head}");
    assert!(head.contains("location: /guides/peer/\r\n"), "{head}");
    // Other addresses outside the base path are still not pages.
    assert_eq!(s.get("/practices/").0, 404);
}

#[test]
fn the_guides_warnings_are_shown_over_the_page_and_follow_each_save() {
    let file = "content/practices/hiring/job-descriptions.md";
    let s = Server::start_with(
        |r| edit(r, file, "- [ ] A description exists.", "- [ ] A description exists.\n• It is current."),
        &["--no-search"],
    );
    let warnings = |page: &str| -> Vec<serde_json::Value> {
        let body = s.page(page);
        let Some(at) = body.find("<script type=\"application/json\" data-practica-warnings>") else {
            return Vec::new();
        };
        let rest = &body[at..];
        let json = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
        let v: serde_json::Value = serde_json::from_str(&json.replace("<\\/", "</")).unwrap();
        assert_eq!(v["total"].as_u64().unwrap() as usize, v["items"].as_array().unwrap().len(), "{v}");
        v["items"].as_array().unwrap().clone()
    };
    // Every page carries the guide's warnings, with file, line, code and the fix.
    for page in ["about/", "practices/hiring/job-descriptions/"] {
        let found = warnings(page);
        assert_eq!(found.len(), 1, "{page}: {found:?}");
        assert_eq!(found[0]["code"], "P0216");
        assert_eq!(found[0]["location"], format!("{file}:19:1"));
        assert!(found[0]["help"].as_str().unwrap().contains("write `- ` for a bullet"), "{found:?}");
    }
    let rx = s.events();
    // A second warning in another file, saved: both are shown.
    edit(s.root(), "content/about.md", "About text.", "About text.\n\n- [] An item without its box.");
    s.line_starting("Rebuilt", Duration::from_secs(10)).expect("a rebuild");
    collect(&rx, Duration::from_secs(10), Duration::from_millis(300));
    let codes: Vec<String> = warnings("about/").iter().map(|w| w["code"].as_str().unwrap().to_string()).collect();
    assert_eq!(codes, ["P0217", "P0216"], "sorted by file: about.md, then the practice");
    // Fixing the practice, which rebuilds its pages alone, clears its warning and keeps the other.
    edit(s.root(), file, "• It is current.", "- [ ] It is current.");
    let line = s.line_starting("Rebuilt", Duration::from_secs(10)).expect("a rebuild");
    assert!(line.contains(" files in "), "only its pages were made again: {line}");
    let codes: Vec<String> = warnings("about/").iter().map(|w| w["code"].as_str().unwrap().to_string()).collect();
    assert_eq!(codes, ["P0217"]);
    // A build that fails lists its errors first, then its warnings.
    edit(s.root(), "content/about.md", "title: About", "titel: About");
    let events = collect(&rx, Duration::from_secs(10), Duration::from_millis(800));
    let failed = &events.iter().find(|(e, _)| e == "failed").expect("a failed event").1;
    let list: Vec<serde_json::Value> = serde_json::from_str(failed).unwrap();
    let severities: Vec<&str> = list.iter().map(|d| d["severity"].as_str().unwrap()).collect();
    assert_eq!(severities.first(), Some(&"error"), "{failed}");
    // Fixed everywhere: no warnings left to show.
    edit(s.root(), "content/about.md", "titel: About", "title: About");
    edit(s.root(), "content/about.md", "- [] An item", "- [ ] An item");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !warnings("about/").is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(warnings("about/").is_empty());
}

#[test]
fn half_open_connections_time_out_and_never_hold_up_ctrl_c() {
    let s = Server::start(&["--no-search"]);
    // A request that never finishes its headers is closed after a few seconds.
    let mut slow = TcpStream::connect(&s.addr).unwrap();
    write!(slow, "GET / HTTP/1.1\r\nHost: localhost\r\n").unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 256];
    let n = slow.read(&mut buf).unwrap_or(0);
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(12), "the connection was held {waited:?}");
    let reply = String::from_utf8_lossy(&buf[..n]);
    assert!(n == 0 || reply.starts_with("HTTP/1.1 408"), "closed, or answered 408: {reply}");
    // A hundred half-open connections, then Ctrl+C: the server ends at once.
    let held: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut c = TcpStream::connect(&s.addr).unwrap();
            let _ = write!(c, "GET / HTTP/1.1\r\nHo");
            c
        })
        .collect();
    let events = s.events();
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    let mut s = s;
    Command::new("kill").args(["-INT", &s.child.id().to_string()]).status().unwrap();
    let code = loop {
        if let Some(status) = s.child.try_wait().unwrap() {
            break status.code();
        }
        assert!(started.elapsed() < Duration::from_secs(2), "still running 2 s after Ctrl+C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(0));
    drop((held, events));
}

#[test]
fn a_content_folder_deleted_and_restored_is_watched_again() {
    let s = Server::start(&["--no-search"]);
    let content = s.root().join("content");
    let backup = s.root().join("backup");
    copy_dir(&content, &backup);
    std::fs::remove_dir_all(&content).unwrap();
    assert!(s.line_starting("Rebuild failed", Duration::from_secs(10)).is_some(), "the deletion is a failed build");
    assert!(s.page("").contains("Fixture Guide"), "the last good site is still served");
    copy_dir(&backup, &content);
    assert!(s.line_starting("Rebuilt", Duration::from_secs(10)).is_some(), "the restored folder is picked up");
    // Edits in the restored folder are seen, again and again. The restore
    // may arrive as more than one burst of events, each rebuilt: what counts
    // is that the page comes to show the edit.
    for n in 0..2 {
        std::thread::sleep(Duration::from_millis(300));
        let text = std::fs::read_to_string(about(s.root())).unwrap();
        std::fs::write(about(s.root()), format!("{text}\nRestored edit {n}.\n")).unwrap();
        let edited = format!("Restored edit {n}.");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !s.page("about/").contains(&edited) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(s.page("about/").contains(&edited), "edit {n} after the restore is not served");
    }
}

#[test]
fn a_guide_broken_from_the_start_gets_a_styled_page_that_tells_the_truth() {
    let s = Server::start_with(|r| edit(r, "content/about.md", "title:", "titel:"), &["--no-search"]);
    let (status, head, body) = s.get(&s.base);
    assert_eq!(status, 503, "{head}");
    assert!(body.contains("<style>") && body.contains("The guide did not build yet"), "{body}");
    assert!(body.contains("There is no good version to show yet"), "the overlay does not claim a last good version");
    let rx = s.events();
    let first = collect(&rx, Duration::from_secs(5), Duration::from_millis(200));
    assert!(first.iter().any(|(e, d)| e == "failed" && d.contains("titel")), "{first:?}");
}

#[test]
fn guide_yaml_caught_half_written_is_no_false_error() {
    let s = Server::start(&["--no-search"]);
    let rx = s.events();
    let file = s.root().join("guide.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    // An editor that empties the file, then writes it a moment later: the
    // preview rebuilds in between and finds a guide.yaml with no title.
    std::fs::write(&file, "").unwrap();
    std::thread::sleep(Duration::from_millis(60));
    std::fs::write(&file, text.replace("Fixture Guide", "Fixture Guide, saved slowly")).unwrap();
    let events = collect(&rx, Duration::from_secs(10), Duration::from_millis(1000));
    assert!(!events.iter().any(|(e, _)| e == "failed"), "a save in progress showed as a failure: {events:?}");
    assert!(s.page("").contains("saved slowly"));
}

#[test]
fn a_page_that_loads_after_a_change_is_told_to_catch_up() {
    let s = Server::start(&["--no-search"]);
    let home = s.page("");
    let built = home.split("data-built=\"").nth(1).and_then(|r| r.split('"').next()).expect("the page names its build");
    // A change the page's channel was too late to hear about.
    edit(s.root(), "content/about.md", "About", "About us");
    assert!(s.line_starting("Rebuilt", Duration::from_secs(10)).is_some());
    let rx = s.events_since(Some(built));
    let first = rx.recv_timeout(Duration::from_secs(5)).expect("an event");
    assert_eq!(first.0, "reload", "{first:?}");
}

#[test]
fn another_sites_page_cannot_listen_to_the_preview() {
    let s = Server::start(&["--no-search"]);
    let upgrade = |origin: &str| {
        let mut c = TcpStream::connect(&s.addr).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        write!(
            c,
            "GET /__practica/events HTTP/1.1\r\nHost: {}\r\nOrigin: {origin}\r\nConnection: Upgrade\r\n\
             Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
            s.addr
        )
        .unwrap();
        let mut head = String::new();
        BufReader::new(c).read_line(&mut head).unwrap();
        head
    };
    assert!(upgrade("http://evil.example").starts_with("HTTP/1.1 403"));
    // A page served on another port of this machine is another site.
    let port: u16 = s.addr.rsplit(':').next().unwrap().parse().unwrap();
    assert!(upgrade(&format!("http://127.0.0.1:{}", port.wrapping_add(1))).starts_with("HTTP/1.1 403"));
    assert!(upgrade(&format!("http://{}", s.addr)).starts_with("HTTP/1.1 101"), "the preview's own page listens");
}

/// `chromium --headless --virtual-time-budget` takes its picture once no
/// request is in progress: the live channel must not count as one.
#[test]
fn a_headless_screenshot_of_a_preview_page_finishes() {
    let Some(chromium) = browser::chromium_or_skip("serve_screenshot") else { return };
    let s = Server::start(&["--no-search"]);
    let shot = s.root().join("shot.png");
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--virtual-time-budget=2000", "--window-size=800,600"])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("http://{}{}about/", s.addr, s.base))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the screenshot did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(shot.is_file(), "no screenshot was written");
}
