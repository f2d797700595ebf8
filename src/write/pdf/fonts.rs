//! Before printing: a font for each edition's script. Headless Chromium draws
//! a character no installed font has as an empty box and says nothing, so a
//! Chinese or Bengali edition printed on a machine without those fonts would
//! be PDFs full of boxes. fontconfig (`fc-list :lang=xx`) lists the fonts that
//! cover a language; where it lists none, printing stops and names the Debian
//! package to install. Where there is no `fc-list` (macOS, Windows, whose
//! systems ship fonts for these scripts) the check is skipped.

use std::process::Command;

use crate::diagnostic::{Code, Diagnostic};
use crate::guide::Guide;

/// Languages written in a script a plain machine may lack a font for, and
/// the Debian package whose fonts cover it. Latin, Cyrillic and Greek are
/// left out: the DejaVu fonts Chromium's package depends on cover them.
const PACKAGES: &[(&[&str], &str)] = &[
    (&["zh", "ja", "ko"], "fonts-noto-cjk"),
    (
        &[
            "ar", "fa", "ur", "ps", "ckb", "he", "yi", "bn", "as", "hi", "mr", "ne", "sa", "pa", "gu", "or", "ta",
            "te", "kn", "ml", "si", "th", "lo", "km", "my", "am", "ti", "ka", "hy", "bo", "dv",
        ],
        "fonts-noto-core",
    ),
];

/// The Debian package with fonts for `code`'s script, for the languages this
/// module checks.
fn package(code: &str) -> Option<&'static str> {
    let primary = code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase();
    PACKAGES.iter().find(|(codes, _)| codes.contains(&primary.as_str())).map(|(_, p)| *p)
}

/// Whether fontconfig lists a font for `code`: `None` when `fc-list` cannot
/// be run, so nothing can be said.
fn has_font(code: &str) -> Option<bool> {
    let primary = code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase();
    let out = Command::new("fc-list").arg(format!(":lang={primary}")).arg("family").output().ok()?;
    out.status.success().then(|| out.stdout.iter().any(|b| !b.is_ascii_whitespace()))
}

/// An error naming every edition whose script no installed font covers, and
/// the packages that would.
pub fn check(guide: &Guide) -> Result<(), Diagnostic> {
    let mut missing: Vec<(String, &'static str)> = Vec::new();
    for e in &guide.editions {
        let Some(pkg) = package(&e.code) else { continue };
        match has_font(&e.code) {
            None => return Ok(()),
            Some(true) => {}
            Some(false) => missing.push((format!("{} ({})", e.name, e.code), pkg)),
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    let languages: Vec<&str> = missing.iter().map(|(l, _)| l.as_str()).collect();
    let mut packages: Vec<&str> = missing.iter().map(|(_, p)| *p).collect();
    packages.sort_unstable();
    packages.dedup();
    let packages = packages.join(" ");
    Err(Diagnostic::error(
        Code::MissingFont,
        "guide.yaml",
        0,
        format!(
            "this machine has no font for {}: its handouts would print as empty boxes (`fc-list :lang=…` lists none)",
            languages.join(", ")
        ),
    )
    .with_help(format!("install fonts for it (Debian/Ubuntu: apt-get install {packages}), or build without --pdf")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_names_its_package() {
        assert_eq!(package("zh-Hant"), Some("fonts-noto-cjk"));
        assert_eq!(package("ko"), Some("fonts-noto-cjk"));
        assert_eq!(package("ar"), Some("fonts-noto-core"));
        assert_eq!(package("bn"), Some("fonts-noto-core"));
        assert_eq!(package("es"), None);
        assert_eq!(package("ru"), None);
    }
}
