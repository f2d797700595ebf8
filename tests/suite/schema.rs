//! The JSON Schemas `practica schema` writes agree with the parser: every
//! file of the shipped guide and of `practica init`'s guide validates, and a
//! front matter the parser refuses (an unknown key, a wrong type, a missing
//! required key, an audience guide.yaml does not declare) is refused by the
//! schema too.

use std::fs;
use std::path::Path;

use crate::common::*;
use practica::load::content;
use practica::load::front_matter;
use serde_json::Value;

/// Writes the schemas of the guide at `root` into a new folder.
fn schemas(root: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let r = run(&["schema", "--root", root.to_str().unwrap(), out.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Wrote 16 JSON Schemas"), "{}", r.stdout);
    out
}

fn validator(dir: &Path, name: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&fs::read_to_string(dir.join(name)).unwrap()).unwrap();
    jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("{name} is not a valid draft-07 schema: {e}"))
}

fn yaml_to_json(text: &str) -> Value {
    let v: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
    if v.is_null() { Value::Object(Default::default()) } else { serde_json::to_value(v).unwrap() }
}

/// The schema errors of `value`, one line each.
fn errors(v: &jsonschema::Validator, value: &Value) -> Vec<String> {
    v.iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

/// A content file checked both ways: what the parser says and what the schema
/// of its kind says. Returns (parser accepted, schema errors).
fn both(dir: &Path, content_path: &str, text: &str, languages: &[String]) -> (bool, Vec<String>) {
    let (source, diags) = content::from_bytes(content_path, languages, text.as_bytes().to_vec());
    let source = source.expect("a file practica places");
    let accepted = !source.doc.failed && diags.iter().all(|d| d.severity != practica::diagnostic::Severity::Error);
    let kind = source.doc.kind;
    let name = match source.doc.lang {
        Some(_) => format!("{}.translation.schema.json", kind.id()),
        None => format!("{}.schema.json", kind.id()),
    };
    let split = front_matter::split(text).unwrap();
    (accepted, errors(&validator(dir, &name), &yaml_to_json(split.yaml)))
}

fn content_files(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let content = root.join("content");
    for e in walkdir::WalkDir::new(&content) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "md") {
            let rel = e.path().strip_prefix(&content).unwrap().to_string_lossy().replace('\\', "/");
            out.push((rel, fs::read_to_string(e.path()).unwrap()));
        }
    }
    assert!(!out.is_empty());
    out
}

/// Every file of the guide at `root` is valid under its schema, as the parser finds it.
fn whole_guide_validates(root: &Path, languages: &[String]) -> usize {
    let dir = schemas(root);
    let guide = yaml_to_json(&fs::read_to_string(root.join("guide.yaml")).unwrap());
    assert_eq!(errors(&validator(dir.path(), "guide.schema.json"), &guide), Vec::<String>::new());
    for code in languages {
        let text = fs::read_to_string(root.join(format!("guide.{code}.yaml"))).unwrap();
        let v = validator(dir.path(), "guide.translation.schema.json");
        assert_eq!(errors(&v, &yaml_to_json(&text)), Vec::<String>::new(), "guide.{code}.yaml");
    }
    let files = content_files(root);
    for (path, text) in &files {
        let (accepted, errs) = both(dir.path(), path, text, languages);
        assert!(accepted, "the parser refuses {path}");
        assert!(errs.is_empty(), "{path}: {errs:?}");
    }
    files.len()
}

#[test]
fn the_shipped_guide_validates_against_its_schemas() {
    let n = whole_guide_validates(&manifest_dir(), &["es".to_string()]);
    assert!(n > 40, "only {n} content files");
}

#[test]
fn the_guide_practica_init_writes_validates() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("g");
    assert_eq!(run(&["init", dir.to_str().unwrap()]).code, 0);
    whole_guide_validates(&dir, &[]);
}

/// Mistakes the parser refuses, each refused by the schema as well, with the
/// key it is about named.
#[test]
fn the_schema_refuses_what_the_parser_refuses() {
    let dir = schemas(&manifest_dir());
    let good = "---\ntitle: T\nsummary: S.\naudience: [hr]\nsource: nyc-consortium\nweight: 2\n---\nText\n";
    let (accepted, errs) = both(dir.path(), "practices/a/p.md", good, &[]);
    assert!(accepted && errs.is_empty(), "{errs:?}");
    let bad = [
        ("an unknown key", "---\ntitle: T\nsummary: S.\naudiance: [hr]\n---\n", "audiance"),
        ("a wrong type", "---\ntitle: T\nsummary: S.\nweight: heavy\n---\n", "heavy"),
        ("a missing required key", "---\ntitle: T\n---\n", "summary"),
        ("a date that is not one", "---\ntitle: T\nsummary: S.\nreviewed: March 2026\n---\n", "March 2026"),
        ("a change without its note", "---\ntitle: T\nsummary: S.\nchanges:\n  - date: 2026-01-02\n---\n", "note"),
        ("a source_hash outside a translation", "---\ntitle: T\nsummary: S.\nsource_hash: abc\n---\n", "source_hash"),
    ];
    for (what, text, named) in bad {
        let (accepted, errs) = both(dir.path(), "practices/a/p.md", text, &[]);
        assert!(!accepted, "the parser accepts {what}");
        assert!(!errs.is_empty(), "the schema accepts {what}");
        assert!(errs.iter().any(|e| e.contains(named)), "{what}: {errs:?}");
    }
    // Values from guide.yaml: an audience or source it does not declare.
    let (_, errs) = both(dir.path(), "practices/a/p.md", "---\ntitle: T\nsummary: S.\naudience: [cooks]\n---\n", &[]);
    assert!(errs.iter().any(|e| e.contains("cooks")), "{errs:?}");
    let (_, errs) = both(dir.path(), "tips/t.md", "---\ntitle: T\nsource: [nowhere]\n---\n", &[]);
    assert!(errs.iter().any(|e| e.contains("nowhere")), "{errs:?}");
    // A translation may carry source_hash.
    let es = ["es".to_string()];
    let (accepted, errs) = both(dir.path(), "tips/t.es.md", "---\ntitle: T\nsource_hash: 1a2b\n---\n", &es);
    assert!(accepted && errs.is_empty(), "{errs:?}");
}

#[test]
fn guide_yaml_mistakes_are_refused() {
    let dir = schemas(&manifest_dir());
    let v = validator(dir.path(), "guide.schema.json");
    for (text, named) in [
        ("title: T\ndescriptoin: x\n", "descriptoin"),
        ("description: no title\n", "title"),
        ("title: T\npaper: legal\n", "legal"),
        ("title: T\nreview_every: 0\n", "0"),
        ("title: T\nsources:\n  a:\n    title: A\n    yaer: 2020\n", "yaer"),
        ("title: T\nhandouts:\n  - title: no name\n", "name"),
        ("title: T\nlanguages:\n  Spanish: Español\n", "Spanish"),
    ] {
        let mut diags = practica::diagnostic::Diagnostics::new();
        assert!(practica::load::config::parse(text, Path::new("guide.yaml"), &mut diags).is_none(), "{text}");
        let errs = errors(&v, &yaml_to_json(text));
        assert!(errs.iter().any(|e| e.contains(named)), "{text}: {errs:?}");
    }
    // Any capitals of a paper size, as the parser takes them.
    assert!(v.is_valid(&yaml_to_json("title: T\npaper: A4\n")));
    let t = validator(dir.path(), "guide.translation.schema.json");
    let errs = errors(&t, &yaml_to_json("title: T\nbase_url: /es/\naudiences:\n  cooks: Cocineros\n"));
    assert!(errs.iter().any(|e| e.contains("base_url")) && errs.iter().any(|e| e.contains("cooks")), "{errs:?}");
}
