//! JSON Schemas (draft-07, the draft editors' YAML extensions know best) made
//! from the description, so an editor completes keys and flags mistakes as
//! they are typed. They accept what the parser accepts: text may be written
//! as a number, an optional key may be left empty, and `paper` takes any capitals.

use serde_json::{Map, Value, json};

use super::{Field, File, Names, Type, Words, within};
use crate::load::config::Config;

/// What the guide's own guide.yaml declares, for the enums of keys that name
/// its audiences, sources and bundles; `None` where anything is accepted.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub audiences: Option<Vec<String>>,
    pub sources: Option<Vec<String>>,
    pub bundles: Option<Vec<String>>,
}

impl Known {
    pub fn of(config: &Config) -> Known {
        Known {
            audiences: config.audiences_declared.then(|| config.audiences.iter().map(|a| a.key.clone()).collect()),
            sources: Some(config.sources.iter().map(|s| s.key.clone()).collect()),
            bundles: Some(config.handouts.iter().map(|b| b.name.clone()).collect()),
        }
    }

    fn of_names(&self, names: Names) -> Option<&[String]> {
        match names {
            Names::Audiences => self.audiences.as_deref(),
            Names::Sources => self.sources.as_deref(),
            Names::Bundles => self.bundles.as_deref(),
            _ => None,
        }
    }
}

/// The file a schema is written to, e.g. `practice.schema.json`.
pub fn file_name(file: File) -> String {
    match file {
        File::Guide => "guide.schema.json".into(),
        File::GuideTranslation => "guide.translation.schema.json".into(),
        File::FrontMatter(k) => format!("{}.schema.json", k.id()),
        File::Translation(k) => format!("{}.translation.schema.json", k.id()),
    }
}

fn title(file: File) -> String {
    match file {
        File::Guide => "guide.yaml: a practica guide's settings".into(),
        File::GuideTranslation => "guide.<lang>.yaml: guide.yaml's words in another language".into(),
        File::FrontMatter(k) => format!("The front matter of {}", k.name()),
        File::Translation(k) => format!("The front matter of a translation (x.<lang>.md) of {}", k.name()),
    }
}

/// Every schema, with its file name.
pub fn all(known: &Known) -> Vec<(String, Value)> {
    File::all().into_iter().map(|f| (file_name(f), schema(f, known))).collect()
}

pub fn schema(file: File, known: &Known) -> Value {
    let mut s = object(&file.fields(), file, known);
    let m = s.as_object_mut().expect("an object schema");
    m.insert("$schema".into(), json!("http://json-schema.org/draft-07/schema#"));
    m.insert("title".into(), json!(title(file)));
    s
}

fn object(fields: &[&'static Field], file: File, known: &Known) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for f in fields {
        properties.insert(f.name.into(), property(f, file, known));
        if f.required_for(file.kind()) {
            required.push(json!(f.name));
        }
    }
    let mut m = Map::new();
    m.insert("type".into(), json!("object"));
    m.insert("properties".into(), Value::Object(properties));
    m.insert("additionalProperties".into(), json!(false));
    if !required.is_empty() {
        m.insert("required".into(), Value::Array(required));
    }
    Value::Object(m)
}

fn property(f: &'static Field, file: File, known: &Known) -> Value {
    let required = f.required_for(file.kind());
    let translating = file.is_translation();
    let mut s = match f.ty {
        Type::Text if translating && f.words == Words::Identifies => names_or(known.of_names(f.names), text(required)),
        Type::Text => text(required),
        Type::Bool => json!({"type": "boolean"}),
        Type::Int { min, max } => {
            let mut s = json!({"type": "integer"});
            if let Some(min) = min {
                s["minimum"] = json!(min);
            }
            if let Some(max) = max {
                s["maximum"] = json!(max);
            }
            s
        }
        Type::Date => json!({"type": "string", "format": "date", "pattern": "^\\s*\\d{4}-\\d{2}-\\d{2}\\s*$"}),
        Type::Choice(words) => {
            let any_case: Vec<String> = words.iter().map(|w| any_capitals(w)).collect();
            json!({"anyOf": [{"enum": words}, {"type": "string", "pattern": format!("^({})$", any_case.join("|"))}]})
        }
        Type::List => json!({"type": "array", "items": word(known.of_names(f.names))}),
        Type::OneOrList => {
            let item = word(known.of_names(f.names));
            json!({"anyOf": [item.clone(), {"type": "array", "items": item}]})
        }
        Type::Labels => {
            let mut s = json!({"type": "object", "additionalProperties": text(true)});
            if f.names == Names::Languages {
                s["propertyNames"] = json!({"pattern": "^[a-z][A-Za-z0-9]{1,2}(-[A-Za-z0-9-]*)?$"});
            } else if let Some(keys) = known.of_names(f.names).filter(|_| translating) {
                s["propertyNames"] = json!({"enum": keys});
            }
            s
        }
        Type::Table(inner) => {
            let mut s = json!({"type": "object", "additionalProperties": object(&within(inner, file), file, known)});
            if let Some(keys) = known.of_names(f.names).filter(|_| translating) {
                s["propertyNames"] = json!({"enum": keys});
            }
            s
        }
        Type::Records(inner) => json!({"type": "array", "items": object(&within(inner, file), file, known)}),
    };
    if !required {
        // An optional key written with no value counts as left out.
        s = match s {
            Value::Object(mut m) if m.contains_key("type") && !m.contains_key("anyOf") => {
                let t = m.remove("type").unwrap_or(Value::Null);
                let mut types = match t {
                    Value::Array(a) => a,
                    other => vec![other],
                };
                types.push(json!("null"));
                m.insert("type".into(), Value::Array(types));
                Value::Object(m)
            }
            other => json!({"anyOf": [other, {"type": "null"}]}),
        };
    }
    let m = s.as_object_mut().expect("a property schema");
    m.insert("description".into(), json!(f.about));
    if let Some(d) = f.default.and_then(yaml_value) {
        m.insert("default".into(), d);
    }
    if let Some(e) = yaml_value(f.example) {
        m.insert("examples".into(), json!([e]));
    }
    s
}

/// Text as the parser reads it: a number or true/false counts as its text; a
/// required one must not be blank.
fn text(required: bool) -> Value {
    if required {
        json!({"type": ["string", "number", "boolean"], "pattern": "\\S"})
    } else {
        json!({"type": ["string", "number", "boolean"]})
    }
}

/// An entry of a list: one of `names` when they are known.
fn word(names: Option<&[String]>) -> Value {
    names_or(names, json!({"type": ["string", "number"]}))
}

fn names_or(names: Option<&[String]>, otherwise: Value) -> Value {
    match names {
        Some(n) => json!({"enum": n}),
        None => otherwise,
    }
}

/// `a4` as a pattern that takes it in any capitals: `[aA]4`.
fn any_capitals(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
            } else {
                regex_escape(c)
            }
        })
        .collect()
}

fn regex_escape(c: char) -> String {
    if "\\^$.|?*+()[]{}".contains(c) { format!("\\{c}") } else { c.to_string() }
}

/// A YAML value written in the description, as JSON.
fn yaml_value(text: &str) -> Option<Value> {
    let v: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    serde_json::to_value(v).ok()
}
