//! Which plural form of a counted word a language uses for a number: CLDR's
//! cardinal rules, the ones the browser's `Intl.PluralRules` applies, so the
//! words a page is written with are the words its script would choose.

use icu_plurals::{PluralCategory, PluralRules};

/// The forms a strings file can give, as key suffixes (`practice_count_few`).
pub const FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The largest count whose form a strings file must give: forms that only
/// numbers beyond it take (a million in French or Spanish) fall back to
/// `other` unasked.
const COUNTED: u64 = 1000;

/// A language's plural rules (by default none: `other` for every number).
#[derive(Default)]
pub struct Plurals(Option<PluralRules>);

impl std::fmt::Debug for Plurals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Plurals")
    }
}

impl Plurals {
    /// The rules of `language` (a BCP 47 code such as `ru` or `pt-BR`). A code
    /// CLDR does not know gets its root rules: `other` for every number.
    pub fn new(language: &str) -> Plurals {
        let rules = language
            .parse::<icu_locale_core::Locale>()
            .ok()
            .and_then(|l| PluralRules::try_new_cardinal((&l).into()).ok());
        Plurals(rules)
    }

    /// The form for `n`: one of [`FORMS`].
    pub fn form(&self, n: i64) -> &'static str {
        let Some(rules) = &self.0 else { return "other" };
        name(rules.category_for(n.unsigned_abs()))
    }

    /// The forms the counts 0 to 1000 need, in [`FORMS`] order, `other` always
    /// among them (the fallback for any form a file leaves out).
    pub fn needed(&self) -> Vec<&'static str> {
        let mut used: Vec<&str> = (0..=COUNTED as i64).map(|n| self.form(n)).collect();
        used.push("other");
        FORMS.into_iter().filter(|f| used.contains(f)).collect()
    }
}

fn name(c: PluralCategory) -> &'static str {
    match c {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::Plurals;

    fn forms(language: &str) -> Vec<&'static str> {
        let p = Plurals::new(language);
        [0, 1, 2, 3, 11, 100].into_iter().map(|n| p.form(n)).collect()
    }

    #[test]
    fn forms_follow_cldr() {
        assert_eq!(forms("en"), ["other", "one", "other", "other", "other", "other"]);
        assert_eq!(forms("fr"), ["one", "one", "other", "other", "other", "other"]);
        assert_eq!(forms("ru"), ["many", "one", "few", "few", "many", "many"]);
        assert_eq!(forms("pl"), ["many", "one", "few", "few", "many", "many"]);
        assert_eq!(forms("ar"), ["zero", "one", "two", "few", "many", "other"]);
        assert_eq!(forms("zh"), ["other"; 6]);
        assert_eq!(Plurals::new("ru").form(21), "one");
        assert_eq!(Plurals::new("pt-BR").form(0), "one");
    }

    #[test]
    fn a_language_needs_the_forms_its_counts_take() {
        assert_eq!(Plurals::new("en").needed(), ["one", "other"]);
        assert_eq!(Plurals::new("ru").needed(), ["one", "few", "many", "other"]);
        assert_eq!(Plurals::new("ar").needed(), ["zero", "one", "two", "few", "many", "other"]);
        assert_eq!(Plurals::new("es").needed(), ["one", "other"]);
        assert_eq!(Plurals::new("zh").needed(), ["other"]);
        assert_eq!(Plurals::new("not a code").needed(), ["other"]);
    }
}
