//! Reading a YAML mapping by the description: each field by its type, with
//! the type errors of `yaml::Fields`, and a required text field's absence.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Field, Type};
use crate::load::content::Kind;
use crate::load::yaml::Fields;

/// A value read as its field's type says.
#[derive(Debug, Clone)]
enum Got {
    Text(String),
    Bool(bool),
    Int(i64),
    Date(NaiveDate),
    List(Vec<String>),
}

/// The values of a mapping's plain fields (text, numbers, dates, lists),
/// read in the described order. Labels, tables and records are left to the
/// caller, whose messages say more about their parts.
pub struct Read {
    table: &'static [Field],
    got: HashMap<&'static str, Got>,
}

/// Reads `fields` (from `table`) out of `f`. With `what` ("Practice"), a
/// required text field that is missing (for `kind`) is reported as `<what>
/// has no `key``; without it the caller reports it in its own words.
pub fn read(
    f: &mut Fields,
    table: &'static [Field],
    fields: &[&'static Field],
    kind: Option<Kind>,
    what: Option<&str>,
) -> Read {
    let mut got = HashMap::with_capacity(fields.len());
    for field in fields {
        let name = field.name;
        let value = match field.ty {
            Type::Text | Type::Choice(_) => match what {
                Some(what) if field.required_for(kind) => Some(Got::Text(f.required_string(name, what, field.example))),
                _ => f.string(name).map(Got::Text),
            },
            Type::Bool => f.bool(name).map(Got::Bool),
            Type::Int { .. } => f.int(name).map(Got::Int),
            Type::Date => f.date(name).map(Got::Date),
            Type::List => Some(Got::List(f.string_list(name))),
            Type::OneOrList => Some(Got::List(f.one_or_many(name))),
            Type::Labels | Type::Table(_) | Type::Records(_) => None,
        };
        if let Some(v) = value {
            got.insert(name, v);
        }
    }
    Read { table, got }
}

impl Read {
    fn get(&self, name: &str) -> Option<&Got> {
        debug_assert!(self.table.iter().any(|f| f.name == name), "`{name}` is not described");
        self.got.get(name)
    }

    fn default_of(&self, name: &str) -> Option<&'static str> {
        self.table.iter().find(|f| f.name == name).and_then(|f| f.default)
    }

    pub fn text(&self, name: &str) -> Option<String> {
        match self.get(name) {
            Some(Got::Text(s)) => Some(s.clone()),
            _ => None,
        }
    }

    /// The text, or the field's described default.
    pub fn text_or_default(&self, name: &str) -> String {
        self.text(name).or_else(|| self.default_of(name).map(str::to_string)).unwrap_or_default()
    }

    pub fn bool(&self, name: &str) -> bool {
        match self.get(name) {
            Some(Got::Bool(b)) => *b,
            _ => self.default_of(name) == Some("true"),
        }
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        match self.get(name) {
            Some(Got::Int(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn int_or_default(&self, name: &str) -> i64 {
        self.int(name).or_else(|| self.default_of(name)?.parse().ok()).unwrap_or(0)
    }

    pub fn date(&self, name: &str) -> Option<NaiveDate> {
        match self.get(name) {
            Some(Got::Date(d)) => Some(*d),
            _ => None,
        }
    }

    pub fn list(&self, name: &str) -> Vec<String> {
        match self.get(name) {
            Some(Got::List(l)) => l.clone(),
            _ => Vec::new(),
        }
    }
}
