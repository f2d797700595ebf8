//! `guide.<code>.yaml`: the words of guide.yaml that readers see, in another
//! language — the title and description, audience labels, source titles and
//! notes, handout bundle titles, and labels for tags. Everything else (base
//! address, paper, which parts a bundle holds) stays in guide.yaml.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_yaml::Value;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, suggest};
use crate::load::config::Config;
use crate::load::fields::{self, File};
use crate::load::yaml::{self, Fields};

/// A source's words in another language.
#[derive(Debug, Clone, Default)]
pub struct SourceText {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub note: Option<String>,
}

/// A handout bundle's words in another language.
#[derive(Debug, Clone, Default)]
pub struct BundleText {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub event: Option<String>,
}

/// What `guide.<code>.yaml` translates; what it leaves out stays as in guide.yaml.
#[derive(Debug, Clone, Default)]
pub struct ConfigText {
    pub title: Option<String>,
    pub description: Option<String>,
    pub publisher: Option<String>,
    pub edition: Option<String>,
    pub audiences: HashMap<String, String>,
    pub sources: HashMap<String, SourceText>,
    pub handouts: HashMap<String, BundleText>,
    /// Tag as written in front matter → its label in this language.
    pub tags: HashMap<String, String>,
}

/// The file name of guide.yaml's translation into `code`.
pub fn file_name(code: &str) -> String {
    format!("guide.{code}.yaml")
}

/// Reads `root/guide.<code>.yaml` if there is one.
pub fn load(root: &Path, code: &str, config: &Config, diags: &mut Diagnostics) -> ConfigText {
    let name = file_name(code);
    let path = root.join(&name);
    if !path.exists() {
        return ConfigText::default();
    }
    let file = PathBuf::from(&name);
    let text = match crate::load::walk::read_file(&path).map(String::from_utf8) {
        Ok(Ok(t)) => t.strip_prefix('\u{feff}').unwrap_or(&t).replace("\r\n", "\n"),
        Ok(Err(_)) => {
            diags.push(Diagnostic::error(Code::ConfigSyntax, &file, 0, format!("{name} is not UTF-8 text")));
            return ConfigText::default();
        }
        Err(e) => {
            diags.push(Diagnostic::error(Code::ConfigSyntax, &file, 0, format!("{name} cannot be read: {e}")));
            return ConfigText::default();
        }
    };
    parse(&text, &file, config, diags)
}

pub fn parse(text: &str, file: &Path, config: &Config, diags: &mut Diagnostics) -> ConfigText {
    let value = match yaml::parse(text, file, 1, Code::ConfigSyntax) {
        Ok(v) => v,
        Err(d) => {
            diags.push(d);
            return ConfigText::default();
        }
    };
    let empty = serde_yaml::Mapping::new();
    let map = match &value {
        Value::Mapping(m) => m,
        _ => &empty,
    };
    let mut f = Fields::new(map, text, file, 1);
    f.check_keys(
        &File::GuideTranslation.keys(),
        &format!("{} (only the words readers see are translated)", file.display()),
        Code::ConfigUnknownKey,
    );
    let mut out = ConfigText {
        title: f.string("title"),
        description: f.string("description"),
        publisher: f.string("publisher"),
        edition: f.string("edition"),
        ..Default::default()
    };
    if let Some(m) = f.mapping("audiences") {
        let inner = f.nested(m, f.line_of("audiences"));
        let known: Vec<&str> = config.audiences.iter().map(|a| a.key.as_str()).collect();
        for (k, v) in m {
            let key = yaml::key_name(k);
            if config.audiences_declared && !known.contains(&key.as_str()) {
                f.diagnostics.push(unknown(file, inner.line_of(&key), "audience", &key, &known));
            } else if let Value::String(label) = v {
                out.audiences.insert(key, label.clone());
            }
        }
    }
    if let Some(m) = f.mapping("sources") {
        let outer = f.nested(m, f.line_of("sources"));
        let known: Vec<&str> = config.sources.iter().map(|s| s.key.as_str()).collect();
        for (k, v) in m {
            let key = yaml::key_name(k);
            let line = outer.line_of(&key);
            if !known.contains(&key.as_str()) {
                f.diagnostics.push(unknown(file, line, "source", &key, &known));
                continue;
            }
            let Value::Mapping(sm) = v else { continue };
            let mut sf = outer.nested(sm, line);
            sf.check_keys(
                &fields::keys(fields::SOURCE, File::GuideTranslation),
                &format!("source `{key}`"),
                Code::ConfigUnknownKey,
            );
            let text =
                SourceText { title: sf.string("title"), publisher: sf.string("publisher"), note: sf.string("note") };
            out.sources.insert(key, text);
            f.diagnostics.append(sf.take_diagnostics());
        }
    }
    if let Some(items) = f.sequence("handouts") {
        let known: Vec<&str> = config.handouts.iter().map(|b| b.name.as_str()).collect();
        for item in items {
            let Value::Mapping(bm) = item else { continue };
            let get = |k: &str| bm.get(k).and_then(Value::as_str).map(str::to_string);
            let Some(name) = get("name") else { continue };
            let line = crate::load::yaml::find_line(text, &format!("name: {name}")).unwrap_or(1);
            if !known.contains(&name.as_str()) {
                f.diagnostics.push(unknown(file, line, "handout bundle", &name, &known));
                continue;
            }
            let mut bf = f.nested(bm, line.saturating_sub(1));
            bf.check_keys(
                &fields::keys(fields::BUNDLE, File::GuideTranslation),
                &format!("handout bundle `{name}`"),
                Code::ConfigUnknownKey,
            );
            f.diagnostics.append(bf.take_diagnostics());
            out.handouts
                .insert(name, BundleText { title: get("title"), subtitle: get("subtitle"), event: get("event") });
        }
    }
    if let Some(m) = f.mapping("tags") {
        for (k, v) in m {
            if let Value::String(label) = v {
                out.tags.insert(yaml::key_name(k), label.clone());
            }
        }
    }
    diags.append(f.take_diagnostics());
    out
}

fn unknown(file: &Path, line: usize, what: &str, key: &str, known: &[&str]) -> Diagnostic {
    Diagnostic::error(
        Code::UnknownReference,
        file,
        line,
        format!("{what} `{key}` is not in guide.yaml, so there is nothing to translate"),
    )
    .with_help(suggest(key, known))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bundle's translation takes only its words, as guide.es.yaml's schema says.
    #[test]
    fn a_bundle_key_that_is_not_translated_is_an_error_at_its_line() {
        let mut diags = Diagnostics::new();
        let guide = "title: T\nhandouts:\n  - name: spring\n    include: [about]\n";
        let config = crate::load::config::parse(guide, Path::new("guide.yaml"), &mut diags).unwrap();
        let es = "handouts:\n  - name: spring\n    title: Primavera\n    paper: a4\n";
        let text = parse(es, Path::new("guide.es.yaml"), &config, &mut diags);
        assert_eq!(text.handouts["spring"].title.as_deref(), Some("Primavera"));
        let found: Vec<_> = diags.iter().collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line, 4);
        assert_eq!(found[0].message, "unknown key `paper` in handout bundle `spring`");
    }
}
