//! Front matter: BOM and line endings, the `---` split, YAML parsing and every
//! field read as for a practice; then the same text read as guide.yaml.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        practica::fuzzing::front_matter(text);
    }
});
