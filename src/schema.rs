//! `practica schema [--root DIR] [OUT_DIR]`: writes the JSON Schemas of
//! guide.yaml, guide.<lang>.yaml and each kind's front matter, for editors.
//! With the guide's own guide.yaml, the keys that name its audiences,
//! sources and bundles are checked against the ones it declares.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::load::{config, fields::schema};

/// Writes every schema into `out` and returns the files written. Without a
/// guide.yaml in `root` the schemas accept any audience, source or bundle.
pub fn write(root: &Path, out: &Path) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let known = if root.join(config::FILE_NAME).is_file() {
        match config::load(root, &mut diags) {
            Some(c) => schema::Known::of(&c),
            None => return Err(diags),
        }
    } else {
        schema::Known::default()
    };
    let failed = |e: std::io::Error| {
        let mut d = Diagnostics::new();
        d.push(
            Diagnostic::error(Code::Output, out, 0, format!("the schemas could not be written: {e}"))
                .with_help("check that the folder can be created and written to"),
        );
        d
    };
    fs::create_dir_all(out).map_err(failed)?;
    let mut written = Vec::new();
    for (name, value) in schema::all(&known) {
        let path = out.join(name);
        let mut text = serde_json::to_string_pretty(&value).expect("a schema is plain JSON");
        text.push('\n');
        fs::write(&path, text).map_err(failed)?;
        written.push(path);
    }
    Ok(written)
}
