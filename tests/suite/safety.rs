//! `--output` chosen carelessly must never cost an editor a file: practica
//! writes only where it can prove the folder is its own, and each refusal is a
//! diagnostic with exit 1 and nothing changed on disk.

use std::fs;
use std::path::Path;

use crate::common::*;

/// A build that must be refused: exit 1, P0505 and `words` in the message,
/// and nothing under `watched` changed.
fn refused(site: &Path, output: &Path, extra: &[&str], watched: &Path, words: &[&str]) {
    let before = snapshot(watched);
    let r = build(site, output, extra);
    assert_eq!(r.code, 1, "refused with exit 1: {}", r.stderr);
    for w in ["P0505", "nothing was written"].iter().chain(words) {
        assert!(r.stderr.contains(w), "expected `{w}` in:\n{}", r.stderr);
    }
    assert_eq!(snapshot(watched), before, "nothing on disk changed");
    let litter: Vec<_> = walkdir::WalkDir::new(watched)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".practica-"))
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(litter.is_empty(), "no staging or old folders: {litter:?}");
}

#[test]
fn the_site_folder_itself_or_a_folder_holding_it() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("guide");
    copy_dir(&fixture("basic"), &site);
    refused(&site, &site, &[], tmp.path(), &["the guide's own folder"]);
    refused(&site, &site.join("."), &[], tmp.path(), &["the guide's own folder"]);
    refused(&site, &site.join(".."), &[], tmp.path(), &["holds the guide's folder"]);
    refused(&site, tmp.path(), &["--force"], tmp.path(), &["holds the guide's folder"]);
}

#[test]
fn a_folder_practica_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("guide");
    copy_dir(&fixture("basic"), &site);
    for inside in ["content", "content/practices", "static/out", "templates/out", "themes/default/out", "strings"] {
        refused(&site, &site.join(inside), &["--force"], tmp.path(), &["which practica reads"]);
    }
}

#[test]
fn a_folder_of_someone_elses_files_needs_force() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = tmp.path().join("Documents");
    fs::create_dir_all(docs.join("taxes")).unwrap();
    fs::write(docs.join("taxes/2025.pdf"), "precious").unwrap();
    fs::write(docs.join("notes.txt"), "more precious").unwrap();
    refused(&fixture("basic"), &docs, &[], tmp.path(), &["holds files practica did not write", "--force"]);

    // With --force the user says the files may go; later builds recognise the folder.
    let r = build(&fixture("basic"), &docs, &["--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!docs.join("notes.txt").exists() && docs.join("index.html").is_file());
    assert!(docs.join(".practica-output").is_file(), "the output carries practica's marker");
    let r = build(&fixture("basic"), &docs, &[]);
    assert_eq!(r.code, 0, "an earlier practica output is replaced without --force: {}", r.stderr);
}

#[test]
fn the_sites_own_public_folder_is_accepted_as_it_is() {
    let site = copy_fixture("basic");
    let public = site.path().join("public");
    fs::create_dir_all(&public).unwrap();
    fs::write(public.join("index.html"), "an old build without a marker").unwrap();
    let r = build(site.path(), &public, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_file_is_refused_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("report.docx");
    fs::write(&file, "the only copy").unwrap();
    refused(&fixture("basic"), &file, &["--force"], tmp.path(), &["the output is a file"]);
    assert_eq!(fs::read_to_string(&file).unwrap(), "the only copy");
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_stays_a_symlink_and_the_site_lands_behind_it() {
    let tmp = tempfile::tempdir().unwrap();
    let www = tmp.path().join("var-www-guide");
    fs::create_dir_all(&www).unwrap();
    let site = tmp.path().join("guide");
    copy_dir(&fixture("basic"), &site);
    std::os::unix::fs::symlink(&www, site.join("public")).unwrap();
    for round in 0..2 {
        let r = build(&site, &site.join("public"), &[]);
        assert_eq!(r.code, 0, "round {round}: {}", r.stderr);
        let meta = fs::symlink_metadata(site.join("public")).unwrap();
        assert!(meta.file_type().is_symlink(), "round {round}: public/ is still a symlink");
        assert_eq!(fs::read_link(site.join("public")).unwrap(), www);
        assert!(www.join("index.html").is_file() && www.join(".practica-output").is_file());
    }
    let siblings: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(siblings.len(), 2, "no staging or old folder left beside the target: {siblings:?}");

    // A symlink to someone else's folder is refused like the folder itself.
    let other = tmp.path().join("other-site");
    fs::create_dir_all(&other).unwrap();
    fs::write(other.join("index.html"), "another site").unwrap();
    fs::remove_file(site.join("public")).unwrap();
    std::os::unix::fs::symlink(&other, site.join("public")).unwrap();
    refused(&site, &site.join("public"), &[], &other, &["holds files practica did not write"]);
}
