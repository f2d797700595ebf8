//! Builds killed mid-write leave the last good site.

use super::*;

// ---------------------------------------------------------------- safe writes

/// A guide large enough that writing it takes a while: the plain base site
/// every case starts from, and many practices.
fn big_guide(root: &Path, practices: usize) {
    copy_dir(&manifest_dir().join("tests/hostile/links_100000"), root);
    let para = "Supervisors and peers meet every week to talk about the work, the load and what helps. ".repeat(20);
    for n in 0..practices {
        file(
            root,
            &format!("{TEAM}/practice-{n}.md"),
            format!(
                "---\ntitle: Practice {n}\nsummary: Practice number {n}.\n---\n## Why\n\n{para}\n\n## How\n\n{para}\n"
            ),
        );
    }
}

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".practica-"))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_build_killed_mid_write_leaves_public_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    big_guide(&root, 1500);
    let out = root.join("public");
    let first = build(&root, &out, &["--no-search"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = snapshot(&out);

    // Kill at several points after the staging folder appears; at least one must land mid-write.
    let mut mid_write = 0;
    for delay_ms in [0, 2, 10, 40, 150] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_practica"))
            .args(["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap(), "--no-search"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let staging = out.with_file_name(format!("public.practica-staging-{}", child.id()));
        let start = Instant::now();
        while !staging.exists() && child.try_wait().unwrap().is_none() && start.elapsed() < BOUND {
            std::thread::sleep(Duration::from_micros(200));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        let running = child.try_wait().unwrap().is_none();
        let _ = child.kill();
        child.wait().unwrap();
        if running && staging.exists() {
            mid_write += 1;
        }
        // Killed or not, public/ holds a whole site: the old one, byte for byte, as no file changed.
        assert_eq!(snapshot(&out), before, "public/ changed after a kill {delay_ms} ms into writing");
    }
    assert!(mid_write > 0, "no kill landed while the staging folder was being written");
    assert!(!leftovers(&root).is_empty(), "the killed builds left their staging folders");

    let next = build(&root, &out, &["--no-search"]);
    assert_eq!(next.code, 0, "{}", next.stderr);
    assert_eq!(leftovers(&root), Vec::<String>::new(), "the next build removes what killed builds left");
    assert_eq!(snapshot(&out), before, "the same guide builds to the same site");
}

#[cfg(unix)]
#[test]
fn a_build_killed_between_its_two_renames_gets_its_old_site_back() {
    // The swap renames public/ aside, then staging into place. Killed in between,
    // there is no public/; the next build, even a failing one, puts the old site back.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&manifest_dir().join("tests/hostile/bad_yaml"), &root);
    let dead = {
        let mut c = Command::new("true").spawn().unwrap();
        c.wait().unwrap();
        c.id()
    };
    let old = root.join(format!("public.practica-old-{dead}"));
    file(&old, "index.html", "<p>the previous build</p>");
    file(&root.join(format!("public.practica-staging-{dead}")), "index.html", "half");
    let r = build(&root, &root.join("public"), &[]);
    assert_eq!(r.code, 1, "the guide itself is broken: {}", r.stderr);
    assert_eq!(read(&root.join("public"), "index.html"), "<p>the previous build</p>");
    assert_eq!(leftovers(&root), Vec::<String>::new());
}
