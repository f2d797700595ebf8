//! Which way a language is written. A page's `<html dir>`, the language
//! switcher's links and any run of text in another language take it from the
//! language's code, so a guide need not say it for the usual languages.

/// Languages written right to left in their usual script (ISO 639 codes).
/// Kurdish (`ku`) and Azerbaijani (`az`) are not here: each is written in
/// more than one script, and a guide says which with a script subtag
/// (`ku-Arab`) or with `right_to_left:` in guide.yaml.
const RIGHT_TO_LEFT: &[&str] = &[
    "ar", "arc", "arz", "ckb", "dv", "fa", "he", "iw", "khw", "ks", "lrc", "mzn", "nqo", "pnb", "prs", "ps", "sd",
    "skr", "syr", "ug", "ur", "yi", "ji",
];

/// Scripts written right to left (ISO 15924), for a code with a script
/// subtag: `ku-Arab` is, `az-Latn` is not.
const RIGHT_TO_LEFT_SCRIPTS: &[&str] =
    &["Adlm", "Arab", "Aran", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"];

/// `rtl` or `ltr` for a language code such as `ar`, `ur-PK` or `ku-Arab`.
/// A script subtag decides when there is one; else the language does, or
/// guide.yaml's `right_to_left:` (`declared`) for one practica does not know.
pub fn of(code: &str, declared: &[String]) -> &'static str {
    if declared.iter().any(|d| d.eq_ignore_ascii_case(code)) {
        return "rtl";
    }
    let mut parts = code.split(['-', '_']);
    let language = parts.next().unwrap_or("");
    let script = parts.find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()));
    let rtl = match script {
        Some(s) => RIGHT_TO_LEFT_SCRIPTS.iter().any(|r| r.eq_ignore_ascii_case(s)),
        None => RIGHT_TO_LEFT.iter().any(|r| r.eq_ignore_ascii_case(language)),
    };
    if rtl { "rtl" } else { "ltr" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_scripts_and_declared_codes() {
        for code in
            ["ar", "fa", "he", "ur", "yi", "ps", "sd", "ckb", "dv", "ug", "ar-EG", "ur-PK", "ku-Arab", "pa-Arab"]
        {
            assert_eq!(of(code, &[]), "rtl", "{code}");
        }
        for code in ["en", "es", "zh", "zh-Hant", "ko", "bn", "ht", "ru", "pl", "fr", "ku", "az-Latn", "uz-Cyrl"] {
            assert_eq!(of(code, &[]), "ltr", "{code}");
        }
        // A script subtag wins over the language's usual script.
        assert_eq!(of("sd-Deva", &[]), "ltr");
        assert_eq!(of("ku", &["ku".to_string()]), "rtl");
    }
}
