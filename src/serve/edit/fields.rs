//! The front matter's fields as the editing forms read them, made from the
//! one field description (`load::fields`), in its order.

use serde_json::{Value, json};

use crate::load::Kind;
use crate::load::fields::{Field, File, Names, Type, Words};

/// `{ "practice": [Field...], ... }` for the kinds an editor makes and edits.
pub fn all() -> Value {
    let mut out = serde_json::Map::new();
    for kind in Kind::ALL {
        let list: Vec<Value> = File::FrontMatter(*kind).fields().into_iter().map(|f| one(f, Some(*kind))).collect();
        out.insert(kind.id().to_string(), Value::Array(list));
    }
    // A translation takes its page's keys and `source_hash`.
    let tr: Vec<Value> = File::Translation(Kind::Practice)
        .fields()
        .into_iter()
        .filter(|f| f.name == "source_hash")
        .map(|f| one(f, None))
        .collect();
    out.insert("translation".into(), Value::Array(tr));
    Value::Object(out)
}

fn one(f: &Field, kind: Option<Kind>) -> Value {
    let mut v = json!({
        "name": f.name,
        "type": type_name(f.ty),
        "required": f.required_for(kind),
        "help": f.about,
        "example": f.example,
        // A translation gives only the fields readers see in its language;
        // the others are the original's (a different value is P0606).
        "translated": f.words != Words::Kept,
    });
    let o = v.as_object_mut().expect("an object");
    match f.ty {
        Type::Choice(choices) => {
            o.insert("choices".into(), json!(choices));
        }
        Type::Int { min, max } => {
            if let Some(m) = min {
                o.insert("min".into(), json!(m));
            }
            if let Some(m) = max {
                o.insert("max".into(), json!(m));
            }
        }
        _ => {}
    }
    if let Some(names) = names(f.names) {
        o.insert("names".into(), json!(names));
    }
    if let Some(d) = f.default {
        o.insert("default".into(), json!(d));
    }
    if f.name == "summary" {
        o.insert("max_length".into(), json!(crate::resolve::warnings::SUMMARY_LENGTH));
    }
    if !f.inner().is_empty() {
        o.insert("fields".into(), Value::Array(f.inner().iter().map(|i| one(i, kind)).collect()));
    }
    v
}

fn type_name(t: Type) -> &'static str {
    match t {
        Type::Text => "text",
        Type::Bool => "bool",
        Type::Int { .. } => "int",
        Type::Date => "date",
        Type::Choice(_) => "choice",
        Type::List => "list",
        Type::OneOrList => "one_or_list",
        Type::Labels => "labels",
        Type::Table(_) => "table",
        Type::Records(_) => "records",
    }
}

fn names(n: Names) -> Option<&'static str> {
    match n {
        Names::Nothing => None,
        Names::Audiences => Some("audiences"),
        Names::Sources => Some("sources"),
        Names::Bundles => Some("bundles"),
        Names::Languages => Some("languages"),
        Names::Pages => Some("pages"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_forms_fields_are_the_descriptions() {
        let all = super::all();
        let practice: Vec<&str> =
            all["practice"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(practice, crate::load::fields::File::FrontMatter(crate::load::Kind::Practice).keys());
        let audience = all["practice"].as_array().unwrap().iter().find(|f| f["name"] == "audience").unwrap();
        assert_eq!((audience["type"].as_str(), audience["names"].as_str()), (Some("list"), Some("audiences")));
        let changes = all["tip"].as_array().unwrap().iter().find(|f| f["name"] == "changes").unwrap();
        assert_eq!(changes["fields"][0]["name"], "date");
        assert_eq!(all["practice"][0]["required"], true);
    }
}
