//! `practica check`: every problem in one run, without writing anything.
//! The work is the pipeline's (see `pipeline::check`); this is what the
//! command prints.

use std::path::Path;

use crate::diagnostic::{self, Diagnostics};
use crate::pipeline::{self, Options};

/// How `check` prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// Runs the checks; returns what to print and whether errors were found.
pub fn check(opts: &Options, format: Format, color: bool) -> (String, bool) {
    let diags = pipeline::check(opts);
    (report(&diags, &opts.root, format, color), diags.has_errors())
}

fn report(diags: &Diagnostics, root: &Path, format: Format, color: bool) -> String {
    match format {
        Format::Json => diagnostic::render_json(diags.as_slice()),
        Format::Text => {
            let mut out = diagnostic::render_text(diags.as_slice(), root, color);
            let notes = match diags.notes() {
                0 => String::new(),
                1 => " 1 note on translations or reviews.".to_string(),
                n => format!(" {n} notes on translations or reviews."),
            };
            match (diags.errors(), diags.warnings()) {
                (0, 0) => out.push_str(&format!("No problems found.{notes}\n")),
                (e, w) => out.push_str(&format!(
                    "{} error{}, {} warning{}.{notes}\n",
                    e,
                    if e == 1 { "" } else { "s" },
                    w,
                    if w == 1 { "" } else { "s" }
                )),
            }
            out
        }
    }
}
