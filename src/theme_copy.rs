//! `practica theme copy`: the built-in theme's files, written into the site's
//! `themes/<name>/` for a designer to change. A theme folder replaces the
//! built-in theme file by file, so files left out or added later still work.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::load::theme::builtin_files;

/// Copies the default theme into `root/themes/<name>/`; returns that folder
/// and the number of files written. Refuses a folder that exists.
pub fn copy(root: &Path, name: &str) -> Result<(PathBuf, usize), Diagnostic> {
    if name.is_empty() || name.starts_with('.') || name.contains(['/', '\\']) {
        return Err(Diagnostic::error(
            Code::ConfigValue,
            "--name",
            0,
            format!("`{name}` cannot be a theme's folder name"),
        )
        .with_help("use letters, digits and hyphens, e.g. practica theme copy our-brand"));
    }
    if !root.join(crate::load::config::FILE_NAME).is_file() {
        return Err(Diagnostic::error(Code::ConfigSyntax, root.join("guide.yaml"), 0, "this is not a guide's folder")
            .with_help("run it in the folder that holds guide.yaml, or pass --root DIR"));
    }
    let dest = root.join("themes").join(name);
    if dest.exists() {
        return Err(Diagnostic::error(Code::Refused, &dest, 0, "this theme folder exists already; nothing was copied")
            .with_help("choose another name, or move the folder away first"));
    }
    let failed = |e: std::io::Error| {
        Diagnostic::error(Code::Output, &dest, 0, format!("the theme could not be written: {e}"))
            .with_help("check that the site folder is writable")
    };
    let mut n = 0;
    for (path, bytes) in builtin_files() {
        let p = dest.join(path);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).map_err(failed)?;
        }
        fs::write(&p, bytes).map_err(failed)?;
        n += 1;
    }
    Ok((dest, n))
}
