//! Printable handouts: one practice, one area, a checklist worksheet, and the
//! named bundles of guide.yaml. (Being built: see issue 5.)

use std::io;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::render::{OutFile, Templates};
use crate::resolve::{DocId, Guide};

/// Bundles that name parts which do not exist, as diagnostics on guide.yaml.
pub fn check_bundles(_guide: &Guide) -> Vec<Diagnostic> {
    Vec::new()
}

/// The handout page of a practice, area or checklist.
pub fn url_for(_guide: &Guide, _id: DocId) -> Option<String> {
    None
}

pub fn render(_guide: &Guide, _templates: &Templates) -> Result<Vec<OutFile>, Vec<Diagnostic>> {
    Ok(Vec::new())
}

/// Prints each handout page in `site` to a PDF beside it.
pub fn print_pdfs(_guide: &Guide, _site: &Path, _chrome: Option<&Path>) -> io::Result<()> {
    Ok(())
}
