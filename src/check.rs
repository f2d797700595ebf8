//! `practica check`: every problem in one run, without writing anything.
//!
//! Runs load and resolve, then renders pages and handouts in memory so that
//! template errors are found too, and returns errors and warnings together,
//! sorted by file and line.

use crate::build::{self, Options};
use crate::diagnostic::{self, Diagnostic};
use crate::{handout, render, theme};

pub fn check(opts: &Options) -> Vec<Diagnostic> {
    let (guide, mut diags) = match build::load_and_resolve(opts) {
        Ok(ok) => ok,
        Err(diags) => return diags,
    };
    let rendered = theme::templates(&opts.root, &guide.config.theme).and_then(render::templates).and_then(|mut t| {
        render::render(&guide, &mut t, false, &render::Discard)
            .and_then(|()| handout::render(&guide, &t, &render::Discard))
    });
    if let Err(mut more) = rendered {
        diags.append(&mut more);
    }
    diagnostic::sort(&mut diags);
    diags
}
