//! The key tables of docs/reference.md, made from the description (a test
//! checks that the reference holds exactly these).

use super::{FRONT_MATTER, Field, File, GUIDE, Type, Words, within};
use crate::load::content::Kind;

/// Each generated table by the name of its marker in docs/reference.md
/// (`<!-- fields:NAME -->` ... `<!-- /fields -->`).
pub fn tables() -> Vec<(&'static str, String)> {
    vec![("guide", guide()), ("translation", guide_translation()), ("front-matter", front_matter())]
}

fn guide() -> String {
    let mut out = String::from("| key | value | if left out | what it is |\n| --- | --- | --- | --- |\n");
    out.push_str(&collect(&within(GUIDE, File::Guide), File::Guide, |f, key| {
        let left_out = match (f.required_for(None), f.default) {
            (true, _) => "**required**".to_string(),
            (false, Some(d)) => format!("`{d}`"),
            (false, None) => String::new(),
        };
        format!("| {key} | {} | {left_out} | {} |\n", value(f), cell(f.about))
    }));
    out
}

fn guide_translation() -> String {
    let mut out = String::from("| key | what it is |\n| --- | --- |\n");
    let fields = within(GUIDE, File::GuideTranslation);
    out.push_str(&collect(&fields, File::GuideTranslation, |f, key| {
        let about = match (f.words, f.ty) {
            (Words::TranslationOnly | Words::Identifies, _) => cell(f.about),
            (_, Type::Labels | Type::Table(_)) => {
                "the same keys as in guide.yaml (only ones it has), each with its words in this language".into()
            }
            (_, Type::Records(_)) => "the entries of guide.yaml to translate, each found by its `name`".into(),
            _ => "its words in this language".into(),
        };
        format!("| {key} | {about} |\n")
    }));
    out
}

fn front_matter() -> String {
    let mut out = String::from("| key | value |");
    for k in Kind::ALL {
        out.push_str(&format!(" {} |", k.id()));
    }
    out.push_str(" what it is |\n| --- | --- |");
    out.push_str(&" :-: |".repeat(Kind::ALL.len()));
    out.push_str(" --- |\n");
    let top: Vec<&Field> = FRONT_MATTER.iter().collect();
    let mut parent_kinds: &[Kind] = &[];
    out.push_str(&collect(&top, File::Translation(Kind::Page), |f, key| {
        if !f.kinds.is_empty() {
            parent_kinds = f.kinds;
        }
        let mut row = format!("| {key} | {} |", value(f));
        for k in Kind::ALL {
            let cell = if !parent_kinds.contains(k) {
                ""
            } else if f.words == Words::TranslationOnly {
                "translations"
            } else if f.required_for(Some(*k)) {
                "**required**"
            } else {
                "yes"
            };
            row.push_str(&format!(" {cell} |"));
        }
        row.push_str(&format!(" {} |\n", cell(f.about)));
        row
    }));
    out
}

/// One row per field, and after a table or list of entries, one per field of
/// its entries (`sources.<key>.title`, `handouts[].name`).
fn collect(fields: &[&'static Field], file: File, mut row: impl FnMut(&Field, &str) -> String) -> String {
    let mut out = String::new();
    walk(fields, "", file, &mut row, &mut out);
    out
}

fn walk(
    fields: &[&'static Field],
    prefix: &str,
    file: File,
    row: &mut impl FnMut(&Field, &str) -> String,
    out: &mut String,
) {
    for f in fields {
        let key = format!("{prefix}{}", f.name);
        out.push_str(&row(f, &format!("`{key}`")));
        let inner = within(f.inner(), file);
        let prefix = match f.ty {
            Type::Table(_) => format!("{key}.<key>."),
            Type::Records(_) => format!("{key}[]."),
            _ => continue,
        };
        walk(&inner, &prefix, file, row, out);
    }
}

fn value(f: &Field) -> String {
    match f.ty {
        Type::Text => "text".into(),
        Type::Bool => "`true` or `false`".into(),
        Type::Int { min: Some(a), max: Some(b) } => format!("whole number, {a}–{b}"),
        Type::Int { .. } => "whole number".into(),
        Type::Date => "date, `2026-03-01`".into(),
        Type::Choice(words) => words.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(" or "),
        Type::List => "list, `[a, b]`".into(),
        Type::OneOrList => "a word or a list".into(),
        Type::Labels => "`key: label` lines".into(),
        Type::Table(_) => "`key:` lines, each with the fields below".into(),
        Type::Records(_) => "a list of entries with the fields below".into(),
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    /// docs/reference.md holds exactly these tables. With PRACTICA_BLESS=1 the
    /// test writes them into it instead.
    #[test]
    fn the_reference_key_tables_are_the_description() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reference.md");
        let mut readme = std::fs::read_to_string(&path).unwrap();
        let mut stale = Vec::new();
        for (name, table) in super::tables() {
            let open = format!("<!-- fields:{name} -->\n");
            let start = readme.find(&open).unwrap_or_else(|| panic!("docs/reference.md has no {open}")) + open.len();
            let end = start + readme[start..].find("<!-- /fields -->").expect("a closing <!-- /fields -->");
            if readme[start..end] != table {
                stale.push(name);
                readme.replace_range(start..end, &table);
            }
        }
        if std::env::var_os("PRACTICA_BLESS").is_some() {
            std::fs::write(&path, readme).unwrap();
        } else {
            assert!(
                stale.is_empty(),
                "docs/reference.md's tables {stale:?} differ from src/load/fields; run with PRACTICA_BLESS=1"
            );
        }
    }

    /// The test above would pass on a reference without the keys: each table
    /// names every key of its file.
    #[test]
    fn each_table_names_every_key() {
        use super::super::{File, GUIDE, within};
        let tables: std::collections::HashMap<_, _> = super::tables().into_iter().collect();
        for f in within(GUIDE, File::Guide) {
            assert!(tables["guide"].contains(&format!("| `{}` |", f.name)), "{}", f.name);
        }
        for k in File::Translation(crate::load::Kind::Practice).keys() {
            assert!(tables["front-matter"].contains(&format!("| `{k}` |")), "{k}");
        }
        for k in File::GuideTranslation.keys() {
            assert!(tables["translation"].contains(&format!("| `{k}` |")), "{k}");
        }
    }
}
