//! Write: puts the built files in a staging folder beside the output folder and
//! swaps it in only when everything was written.
//!
//! A failed or interrupted build therefore never leaves a half-written site: the
//! previous output stays byte for byte as it was. Staging folders left by a
//! killed build are removed by the next one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutFile;
use crate::theme::StaticFile;

const STAGING_MARK: &str = ".practica-staging-";
const OLD_MARK: &str = ".practica-old-";

/// The staging folder for `output`, beside it so the final rename stays on one filesystem.
fn staging_dir(output: &Path) -> PathBuf {
    sibling(output, STAGING_MARK)
}

fn sibling(output: &Path, mark: &str) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    output.with_file_name(format!("{name}{mark}{}", std::process::id()))
}

/// Removes staging and old folders of earlier builds of this output that were killed.
///
/// A build killed between the two renames of its swap left the previous site
/// in its old folder and no output folder: that one is put back instead.
pub fn clean_stale(output: &Path) {
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else { return };
    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    let name = name.to_string_lossy();
    let Ok(entries) = fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = n.strip_prefix(name.as_ref()) else { continue };
        let (old, pid) = match (rest.strip_prefix(STAGING_MARK), rest.strip_prefix(OLD_MARK)) {
            (Some(pid), _) => (false, pid),
            (_, Some(pid)) => (true, pid),
            _ => continue,
        };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        if pid != std::process::id() && process_alive(pid) {
            continue;
        }
        if old && !output.exists() && fs::rename(e.path(), output).is_ok() {
            continue;
        }
        let _ = fs::remove_dir_all(e.path());
    }
}

fn process_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// Writes every file into a fresh staging folder, then swaps it in as `output`.
///
/// `before_swap` gets the staging folder once every file is in it, for work that
/// needs the written site (printing PDFs); its error abandons the build.
pub fn write_site(
    output: &Path,
    files: &[OutFile],
    statics: &[(String, StaticFile)],
    before_swap: &mut dyn FnMut(&Path) -> io::Result<()>,
) -> io::Result<()> {
    clean_stale(output);
    if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    let staging = staging_dir(output);
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    let result =
        fill(&staging, files, statics).and_then(|()| before_swap(&staging)).and_then(|()| swap(&staging, output));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn fill(staging: &Path, files: &[OutFile], statics: &[(String, StaticFile)]) -> io::Result<()> {
    // Two pages written to one file at once leave either, or a mix of both.
    let mut seen = std::collections::HashSet::with_capacity(files.len());
    if let Some(f) = files.iter().find(|f| !seen.insert(f.path.as_str())) {
        return Err(io::Error::other(format!("two pages would be written to /{}", f.path)));
    }
    fs::create_dir_all(staging)?;
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .map(|f| f.path.as_str())
        .chain(statics.iter().map(|(p, _)| p.as_str()))
        .filter_map(|p| safe_join(staging, p)?.parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        fs::create_dir_all(d)?;
    }
    files.par_iter().try_for_each(|f| match safe_join(staging, &f.path) {
        Some(p) => fs::write(p, &f.bytes),
        None => Err(io::Error::other(format!("refusing to write outside the output folder: {}", f.path))),
    })?;
    statics.par_iter().try_for_each(|(path, src)| {
        let Some(dest) = safe_join(staging, path) else { return Ok(()) };
        if seen.contains(path.as_str()) {
            return Ok(());
        }
        match src {
            StaticFile::Builtin(b) => fs::write(dest, b),
            StaticFile::Disk(p) => fs::copy(p, dest).map(|_| ()),
        }
    })
}

/// Joins a site path to the output folder, refusing anything that could leave it.
pub fn safe_join(base: &Path, site_path: &str) -> Option<PathBuf> {
    let mut p = base.to_path_buf();
    for seg in site_path.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s if s.contains('\\') || s.contains('\0') || s.contains(':') => return None,
            s => p.push(s),
        }
    }
    (p != base).then_some(p)
}

fn swap(staging: &Path, output: &Path) -> io::Result<()> {
    if output.exists() {
        let old = sibling(output, OLD_MARK);
        fs::rename(output, &old)?;
        if let Err(e) = fs::rename(staging, output) {
            let _ = fs::rename(&old, output);
            return Err(e);
        }
        fs::remove_dir_all(&old)?;
    } else {
        fs::rename(staging, output)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::safe_join;
    use std::path::Path;

    #[test]
    fn joins_stay_inside() {
        let b = Path::new("/out");
        assert_eq!(safe_join(b, "a/index.html").unwrap(), Path::new("/out/a/index.html"));
        assert!(safe_join(b, "../x").is_none());
        assert!(safe_join(b, "a/../../x").is_none());
        assert!(safe_join(b, "a\\..\\x").is_none());
        assert_eq!(safe_join(b, "/abs/x").unwrap(), Path::new("/out/abs/x"));
        assert!(safe_join(b, "").is_none());
    }
}
