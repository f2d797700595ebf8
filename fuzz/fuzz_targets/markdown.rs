//! Markdown to HTML with link rewriting, heading ids, task items and callouts.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        practica::fuzzing::markdown(text);
    }
});
