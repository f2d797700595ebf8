//! "Did you mean" help: the nearest known name to a mistyped one.

/// The nearest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_l = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word_l, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// "did you mean `x`?" or a list of what is allowed.
pub fn suggest(word: &str, candidates: &[&str]) -> String {
    match nearest(word, candidates.iter().copied()) {
        Some(n) => format!("did you mean `{n}`?"),
        None if candidates.is_empty() => "there is nothing of that kind defined yet".to_string(),
        None if candidates.len() <= 12 => {
            format!("known values are: {}", candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", "))
        }
        None => format!("there are {} known values; check the spelling", candidates.len()),
    }
}
