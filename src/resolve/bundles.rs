//! The handout bundles of guide.yaml: every part they include must exist, and
//! each bundle needs an address of its own.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, nearest};
use crate::guide::address::RESERVED_AREAS;
use crate::guide::{Guide, Kind};
use crate::text::slugify;

/// Bundles that name parts which do not exist, as diagnostics on guide.yaml;
/// also the one warning that handouts go without QR codes.
pub fn check(guide: &Guide, diags: &mut Diagnostics) {
    let file = &guide.config.file;
    let known: Vec<String> = guide.content_paths().filter_map(include_name).collect();
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    let mut names: HashSet<&str> = HashSet::new();
    for b in &guide.config.handouts {
        if !b.name.is_empty() {
            if !names.insert(b.name.as_str()) {
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateUrl,
                        file,
                        b.line,
                        format!("two handout bundles are named `{}`", b.name),
                    )
                    .with_help("give each bundle its own name: it becomes its address /handouts/bundles/<name>/"),
                );
            }
            let slug = slugify(&b.name);
            if slug != b.name {
                diags.push(
                    Diagnostic::error(
                        Code::ConfigValue,
                        file,
                        b.line,
                        format!("the bundle name `{}` cannot be used in a web address", b.name),
                    )
                    .with_help(format!("use lower-case letters, digits and hyphens: name: {slug}")),
                );
            }
        }
        if let Some(date) = &b.date
            && let Some(help) = date_help(date)
        {
            diags.push(
                Diagnostic::warning(
                    Code::ConfigValue,
                    file,
                    b.line,
                    format!(
                        "the date `{date}` of the bundle `{}` is not written year-month-day, so its cover prints it as typed",
                        b.name
                    ),
                )
                .with_help(help),
            );
        }
        if b.include.is_empty() {
            diags.push(
                Diagnostic::error(Code::ConfigValue, file, b.line, format!("the bundle `{}` includes nothing", b.name))
                    .with_help("list what it holds under include:, e.g. - practices/<area> or - checklists/<name>"),
            );
        }
        for inc in &b.include {
            if guide.find(&inc.path).is_some_and(|id| !matches!(guide.docs[id].kind, Kind::Home)) {
                continue;
            }
            if guide.is_draft(&inc.path) {
                diags.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        file,
                        inc.line,
                        format!("the handout bundle `{}` includes `{}`, a draft; it is left out unless you build with --drafts", b.name, inc.path),
                    )
                    .with_help("publish it (remove `draft: true`), or take it out of the bundle until it is"),
                );
                continue;
            }
            let wanted = inc.path.trim().trim_start_matches("@/").trim_matches('/').trim_end_matches(".md");
            let help = match nearest(wanted, known.iter().copied()) {
                Some(n) => format!("did you mean `{n}`?"),
                None => "write an area as practices/<area>, a practice as practices/<area>/<practice>, \
                         a tip as tips/<tip>, a checklist as checklists/<checklist>, a page by its file name"
                    .to_string(),
            };
            diags.push(
                Diagnostic::error(
                    Code::UnknownReference,
                    file,
                    inc.line,
                    format!("the handout bundle `{}` includes `{}`, which is not in content/", b.name, inc.path),
                )
                .with_help(help),
            );
        }
    }
    for a in &guide.areas {
        let d = &guide.docs[a.doc];
        if RESERVED_AREAS.contains(&d.slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    Code::DuplicateUrl,
                    &d.file,
                    1,
                    format!(
                        "an area cannot be called `{}`: its handout would be published at /handouts/{}/, where practica publishes {}",
                        d.slug,
                        d.slug,
                        reserved_for(&d.slug)
                    ),
                )
                .with_help(format!(
                    "rename the folder content/practices/{}/; the area's title can stay as it is",
                    d.slug
                )),
            );
        }
    }
    let has_handouts = !guide.practices.is_empty() || !guide.config.handouts.is_empty();
    if has_handouts && !guide.addresses.has_host() {
        diags.push(
            Diagnostic::warning(
                Code::ConfigValue,
                file,
                0,
                "handouts are printed without QR codes, because base_url has no host",
            )
            .with_help(
                "set base_url to the address where the guide is published, e.g. base_url: https://guide.example.org/ \
                 (or pass --base-url)",
            ),
        );
    }
}

/// How to write a bundle's `date:` the way pages write dates (`2020-03-25`,
/// which each language's cover prints in its own words); `None` when it is.
fn date_help(date: &str) -> Option<String> {
    let date = date.trim();
    if NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok() {
        return None;
    }
    let numbers: Vec<u32> =
        date.split(['/', '.', '-', ' ']).filter(|p| !p.is_empty()).map_while(|p| p.parse().ok()).collect();
    let day =
        |y: u32, m: u32, d: u32| NaiveDate::from_ymd_opt(y as i32, m, d).map(|d| d.format("%Y-%m-%d").to_string());
    let candidates: Vec<String> = match numbers.as_slice() {
        [y, m, d] if *y > 31 => day(*y, *m, *d).into_iter().collect(),
        [a, b, y] if *y > 31 => {
            let mut both: Vec<String> = day(*y, *a, *b).into_iter().chain(day(*y, *b, *a)).collect();
            both.dedup();
            both
        }
        _ => Vec::new(),
    };
    Some(match candidates.as_slice() {
        [one] => format!("write it year-month-day: date: {one}"),
        [first, second] => format!(
            "write it year-month-day, which no reader can take for another day: date: {first} (or {second}, if that is the day)"
        ),
        _ => "write it year-month-day, as pages write dates: date: 2026-03-25".to_string(),
    })
}

/// What practica publishes at /handouts/<slug>/, for a reserved area slug.
fn reserved_for(slug: &str) -> &'static str {
    match slug {
        "checklists" => "the checklists' worksheets",
        "bundles" => "the handout bundles",
        "complete" => "the handout of the complete guide",
        _ => "handouts of its own",
    }
}

/// How a content path is written in a bundle's include list.
fn include_name(content_path: &str) -> Option<String> {
    let p = content_path.strip_suffix(".md")?;
    let p = p.strip_suffix("/_index").or_else(|| p.strip_suffix("_index")).unwrap_or(p);
    (!p.is_empty()).then(|| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::include_name;

    #[test]
    fn dates_not_written_year_month_day_get_the_day_to_write() {
        use super::date_help;
        assert_eq!(date_help("2020-03-25"), None);
        assert_eq!(date_help("03/25/2020").unwrap(), "write it year-month-day: date: 2020-03-25");
        assert_eq!(date_help("25.03.2020").unwrap(), "write it year-month-day: date: 2020-03-25");
        let both = date_help("03/04/2020").unwrap();
        assert!(both.contains("date: 2020-03-04 (or 2020-04-03, if that is the day)"), "{both}");
        assert!(date_help("2020-02-30").unwrap().contains("date: 2026-03-25"), "not a day at all");
        assert!(date_help("Spring 2026").is_some());
    }

    #[test]
    fn include_names() {
        assert_eq!(include_name("practices/a/_index.md").as_deref(), Some("practices/a"));
        assert_eq!(include_name("tips/x.md").as_deref(), Some("tips/x"));
        assert_eq!(include_name("_index.md"), None);
    }
}
