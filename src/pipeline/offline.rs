//! The offline edition as one download: for a build whose guide.yaml says
//! `offline_download: true`, the guide is also rendered as `build --offline`
//! would write it, and zipped. Every page of the site links the zip with its
//! size, so it is made first.
//!
//! With `--pdf`, the handouts are printed once, from the offline edition, and
//! the same PDFs go into the zip and into the site (a printed handout is the
//! same whichever edition it was printed from: handout.js points its links at
//! the published guide).

use std::fs;
use std::path::Path;

use super::{Options, Prepared, finished};
use crate::diagnostic::Diagnostics;
use crate::guide::address;
use crate::load::theme::StaticFile;
use crate::render::{self, Keep, OutFile, Sink};
use crate::text::slugify;
use crate::write;

/// The zip and what was printed for it.
pub struct Download {
    /// Its site path, `downloads/<guide>-offline.zip`.
    pub path: String,
    pub zip: Vec<u8>,
    /// The handout PDFs, by their site paths, when the build prints them.
    pub pdfs: Vec<OutFile>,
    pub printed: Option<write::pdf::Printed>,
}

/// The offline edition of the prepared guide, zipped. The guide is
/// prepared once for both editions: its links and search are switched to the
/// offline edition's while it is rendered, and back after.
pub fn download(
    opts: &Options,
    prepared: &mut Prepared,
    chrome: Option<&Path>,
    progress: &dyn write::pdf::Progress,
) -> Result<Download, Diagnostics> {
    let opts = Options { offline: true, ..opts.clone() };
    let online = prepared.guide.addresses.clone();
    let offline = online.clone().relative();
    let search = |o: &Options| o.search();
    prepared.guide.addresses = offline.clone();
    prepared.templates.set_links(&offline, search(&opts));
    let made = render_offline(&opts, prepared, chrome, progress);
    prepared.guide.addresses = online.clone();
    prepared.templates.set_links(&online, search(&Options { offline: false, ..opts.clone() }));
    made
}

fn render_offline(
    opts: &Options,
    prepared: &Prepared,
    chrome: Option<&Path>,
    progress: &dyn write::pdf::Progress,
) -> Result<Download, Diagnostics> {
    let Prepared { guide, texts, templates, statics, .. } = prepared;
    // The online build reports the guide's warnings; here only what stops it counts.
    let mut diags = Diagnostics::new();
    let kept = Keep::default();
    render::render(guide, texts, templates, opts.render_options(), &render::Selection::All, &kept, &mut diags);
    for f in render::search::offline::render(guide, texts, templates) {
        let _ = kept.put(f);
    }
    if diags.has_errors() {
        return Err(finished(diags));
    }
    let mut files = kept.into_files();
    add_statics(&mut files, statics).map_err(|d| Diagnostics::from(vec![d]))?;
    let (pdfs, printed) = match chrome {
        Some(chrome) => {
            let (pdfs, printed) = print(guide, &files, chrome, progress)?;
            (pdfs, Some(printed))
        }
        None => (Vec::new(), None),
    };
    let top = format!("{}-offline", slugify(&guide.config.title));
    let mut all = files;
    all.extend(pdfs.iter().cloned());
    let zip = write::archive::zip(&top, &all).map_err(|d| Diagnostics::from(vec![d]))?;
    Ok(Download { path: address::offline_download(&slugify(&guide.config.title)), zip, pdfs, printed })
}

/// The theme's and the site's static files, as the staging folder copies them.
fn add_statics(
    files: &mut Vec<OutFile>,
    statics: &std::collections::BTreeMap<String, StaticFile>,
) -> Result<(), crate::diagnostic::Diagnostic> {
    let rendered: std::collections::HashSet<String> = files.iter().map(|f| f.path.clone()).collect();
    for (path, src) in statics {
        if rendered.contains(path) {
            continue;
        }
        let bytes = match src {
            StaticFile::Builtin(b) => b.to_vec(),
            StaticFile::Disk(p) => fs::read(p).map_err(|e| {
                crate::diagnostic::Diagnostic::error(
                    crate::diagnostic::Code::Output,
                    p,
                    0,
                    format!("this static file could not be read for the offline edition: {e}"),
                )
            })?,
        };
        files.push(OutFile { path: path.clone(), bytes });
    }
    Ok(())
}

/// Prints the handouts of the offline edition's `files` from a scratch folder,
/// and returns the PDFs.
fn print(
    guide: &crate::guide::Guide,
    files: &[OutFile],
    chrome: &Path,
    progress: &dyn write::pdf::Progress,
) -> Result<(Vec<OutFile>, write::pdf::Printed), Diagnostics> {
    let scratch = write::Scratch::new("practica-offline");
    let written = files.iter().try_for_each(|f| {
        let Some(dest) = write::safe_join(&scratch.0, &f.path) else { return Ok(()) };
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(dest, &f.bytes)
    });
    written.map_err(|e| Diagnostics::from(vec![write::staging::error(&scratch.0, &e)]))?;
    let printed = write::pdf::print(guide, &scratch.0, chrome, progress).map_err(|d| Diagnostics::from(vec![d]))?;
    let mut pdfs = Vec::new();
    for page in guide.editions.iter().flat_map(|e| crate::guide::pages::handouts(guide, e)) {
        let path = format!("{}{}", page.path, render::handouts::PDF_NAME);
        if let Some(bytes) = write::safe_join(&scratch.0, &path).and_then(|p| fs::read(p).ok()) {
            pdfs.push(OutFile { path, bytes });
        }
    }
    Ok((pdfs, printed))
}
