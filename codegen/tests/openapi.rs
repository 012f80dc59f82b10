//! The OpenAPI document (`generated/openapi/errors.json`): a valid
//! OpenAPI 3.1 document by a real validator (`openapi-spec-validator`,
//! pinned in tests/openapi/requirements.txt), every `$ref` in it leads
//! somewhere, every example is valid against its response's schema (the
//! jsonschema crate, JSON Schema 2020-12), and it holds what the catalog
//! says: a response per HTTP status with that status's examples, the
//! codes as a described enum, catalog text as it is.
//!
//! The validator runs from the virtual environment scripts/test.sh makes,
//! `tests/openapi/.venv`; without it the test fails, never skips.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{repo, show, temp_dir};
use errcat::emit::openapi;
use errcat::ir::Catalog;
use serde_json::{Value, json};

const VENV_SETUP: &str = "python3 -m venv tests/openapi/.venv && \
     tests/openapi/.venv/bin/pip install -r tests/openapi/requirements.txt";

fn catalogs() -> Vec<(&'static str, Catalog)> {
    [
        ("ayrshare", "catalog"),
        ("grpc", "examples/grpc/catalog"),
        ("postgres", "examples/postgres/catalog"),
        ("hostile", "tests/fixtures/valid/hostile"),
        ("strings", "tests/fixtures/valid/strings"),
        ("minimal", "tests/fixtures/valid/minimal"),
    ]
    .into_iter()
    .map(|(label, path)| {
        let c = errcat::compile(&repo().join(path)).unwrap_or_else(|f| panic!("{}", f.render()));
        (label, c)
    })
    .collect()
}

/// The document's text as emitted.
fn text(c: &Catalog) -> String {
    let files = openapi::emit(c).expect("emits");
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].path, openapi::ERRORS_JSON);
    files[0].contents.clone()
}

/// The document as emitted, parsed.
fn document(c: &Catalog) -> Value {
    serde_json::from_str(&text(c)).expect("the document is JSON")
}

fn validator() -> PathBuf {
    let v = repo().join("tests/openapi/.venv/bin/openapi-spec-validator");
    assert!(
        v.is_file(),
        "{} is missing: run `{VENV_SETUP}` (scripts/test.sh does)",
        v.display()
    );
    v
}

/// A change that makes a document invalid.
type Break = fn(&mut Value);

/// Runs openapi-spec-validator on the documents at `paths`.
fn validate(paths: &[PathBuf]) -> std::process::Output {
    Command::new(validator())
        .args(paths)
        .output()
        .expect("runs openapi-spec-validator")
}

#[test]
fn a_real_validator_accepts_every_document() {
    let root = temp_dir("openapi");
    let mut paths = Vec::new();
    for (label, c) in catalogs() {
        let path = root.join(format!("{label}.json"));
        // The text as emitted: the validator reads JSON as YAML, so how
        // the text writes each character matters.
        fs::write(&path, text(&c)).expect("write");
        paths.push(path);
    }
    let out = validate(&paths);
    assert!(out.status.success(), "{}", show(&out));

    // The validator sees what matters: a document without `info`, a
    // schema with a type OpenAPI does not have and a response name
    // components may not have are each rejected.
    let c = &catalogs()[0].1;
    let breaks: [(&str, Break); 3] = [
        ("no-info", |d| {
            d.as_object_mut().expect("object").shift_remove("info");
        }),
        ("bad-type", |d| {
            d["components"]["schemas"][openapi::CODE]["type"] = json!("integr");
        }),
        ("bad-name", |d| {
            d["components"]["responses"]["not a name"] = json!({ "description": "x" });
        }),
    ];
    for (name, break_it) in breaks {
        let mut d = document(c);
        break_it(&mut d);
        let path = root.join(format!("{name}.json"));
        fs::write(&path, serde_json::to_string(&d).expect("prints")).expect("write");
        let out = validate(&[path]);
        assert!(!out.status.success(), "{name}: accepted\n{}", show(&out));
    }
    let _ = fs::remove_dir_all(root);
}

/// Every `$ref` of `v`, with where it is.
fn refs(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(o) => {
            for (k, child) in o {
                if let (true, Value::String(r)) = (k == "$ref", child) {
                    out.push((at.to_string(), r.clone()));
                } else {
                    refs(child, &format!("{at}/{k}"), out);
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                refs(child, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_reference_leads_somewhere() {
    for (label, c) in catalogs() {
        let d = document(&c);
        let mut found = Vec::new();
        refs(&d, "", &mut found);
        assert!(!found.is_empty(), "{label}: no references");
        for (at, r) in found {
            let pointer = r
                .strip_prefix('#')
                .unwrap_or_else(|| panic!("{label}: {at}: `{r}` leaves the document"));
            assert!(
                pointer.starts_with("/components/schemas/") && d.pointer(pointer).is_some(),
                "{label}: {at}: `{r}` leads nowhere"
            );
        }
    }
}

/// A validator for the schema at `reference` of document `d`: the
/// document's components under a root that refers to it, so every
/// `#/components/...` reference resolves as it does in the document.
fn schema_validator(d: &Value, reference: &str) -> jsonschema::Validator {
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": reference,
        "components": d["components"],
    });
    jsonschema::draft202012::new(&root)
        .unwrap_or_else(|e| panic!("`{reference}` does not build as JSON Schema 2020-12: {e}"))
}

#[test]
fn every_example_is_valid_against_its_schema() {
    for (label, c) in catalogs() {
        let d = document(&c);
        let responses = d["components"]["responses"].as_object().expect("responses");
        let mut checked = 0;
        for (name, r) in responses {
            for (media_type, media) in r["content"].as_object().expect("content") {
                let reference = media["schema"]["$ref"]
                    .as_str()
                    .expect("a schema reference");
                let v = schema_validator(&d, reference);
                let examples = media["examples"].as_object().cloned().unwrap_or_default();
                for (x, example) in &examples {
                    let problems: Vec<String> = v
                        .iter_errors(&example["value"])
                        .map(|e| format!("{} at {}", e, e.instance_path()))
                        .collect();
                    assert!(
                        problems.is_empty(),
                        "{label}: {name} {media_type} example {x} is invalid:\n{}",
                        problems.join("\n")
                    );
                    checked += 1;
                }
                // The schema does reject: a body that is no object.
                assert!(
                    !v.is_valid(&json!(["not", "a", "body"])),
                    "{label}: {name}: the schema accepts anything"
                );
            }
        }
        // Every example of the catalog that comes with a listed status
        // is one of them.
        let with_status = c
            .errors
            .iter()
            .flat_map(|e| e.examples.iter().map(move |x| x.http.or(e.http_status)))
            .chain(c.examples.iter().map(|x| x.http))
            .filter(Option::is_some)
            .count();
        assert_eq!(checked, with_status, "{label}: examples in the document");
    }
}

/// An example whose code has the wrong type for the catalog, or that
/// lacks the code where the envelope requires one, is rejected: the
/// check above could fail.
#[test]
fn a_wrong_example_is_rejected() {
    let c = &catalogs()[0].1;
    let d = document(c);
    let v = schema_validator(&d, "#/components/schemas/ErrorResponse");
    let good = json!({ "status": "error", "errors": [{ "code": 435, "message": "x" }] });
    assert!(v.is_valid(&good));
    let bad = json!({ "status": "error", "errors": [{ "code": "435", "message": "x" }] });
    assert!(!v.is_valid(&bad), "a string code in an integer catalog");
    let bad = json!({ "status": "error", "errors": [{ "message": "no code" }] });
    assert!(!v.is_valid(&bad), "an error object without its code");
}

#[test]
fn the_document_holds_the_catalog() {
    for (label, c) in catalogs() {
        let d = document(&c);
        assert_eq!(d["openapi"], openapi::OPENAPI_VERSION, "{label}");
        assert_eq!(d["info"]["version"], c.meta.version.as_str(), "{label}");
        assert_eq!(
            d["info"]["title"],
            format!("{} errors", c.meta.title).as_str(),
            "{label}: the title as it is"
        );
        let schemas = &d["components"]["schemas"];
        for name in [openapi::RESPONSE, openapi::OBJECT, openapi::CODE] {
            assert!(schemas[name].is_object(), "{label}: no schema {name}");
        }
        // The code enum: every code, with its name and description, in
        // the same order in each list.
        let known = &schemas[openapi::KNOWN_CODE];
        let codes: Vec<Value> = c.errors.iter().map(|e| e.code.to_json()).collect();
        assert_eq!(known["enum"], json!(codes), "{label}: enum");
        let names: Vec<&str> = c.errors.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(known["x-enum-varnames"], json!(names), "{label}");
        let one_of = known["oneOf"].as_array().expect("oneOf");
        let descriptions = known["x-enum-descriptions"]
            .as_array()
            .expect("descriptions");
        assert_eq!(one_of.len(), c.errors.len(), "{label}");
        for ((e, choice), description) in c.errors.iter().zip(one_of).zip(descriptions) {
            assert_eq!(choice["const"], e.code.to_json(), "{label}");
            assert_eq!(choice["title"], e.name.as_str(), "{label}");
            let text = choice["description"].as_str().expect("a description");
            assert!(text.starts_with(&e.title), "{label}: {} {text:?}", e.code);
            assert_eq!(description, &choice["description"], "{label}");
        }
        // A response per listed status, then one per status only a code or
        // an example states, ascending; each with that status's examples.
        let responses = d["components"]["responses"].as_object().expect("responses");
        let mut names: Vec<String> = c
            .http_statuses
            .iter()
            .map(|s| openapi::response_name(s.code))
            .collect();
        let stated: BTreeSet<u16> = c
            .errors
            .iter()
            .flat_map(|e| e.examples.iter().map(|x| x.http).chain([e.http_status]))
            .chain(c.examples.iter().map(|x| x.http))
            .flatten()
            .filter(|s| !c.http_statuses.iter().any(|l| l.code == *s))
            .collect();
        names.extend(stated.into_iter().map(openapi::response_name));
        assert_eq!(
            responses.keys().cloned().collect::<Vec<_>>(),
            names,
            "{label}: responses"
        );
        for e in &c.errors {
            for x in &e.examples {
                let Some(status) = x.http.or(e.http_status) else {
                    continue;
                };
                let examples = &responses[&openapi::response_name(status)]["content"]["application/json"]
                    ["examples"];
                let found = examples.as_object().is_some_and(|o| {
                    o.values()
                        .any(|v| v["summary"] == x.title.as_str() && v["value"] == x.json)
                });
                assert!(
                    found,
                    "{label}: example {:?} of {} is not under HTTP {status}",
                    x.title, e.code
                );
            }
        }
    }
}

/// The checked-in document is where the layout says.
#[test]
fn emit_all_puts_it_under_generated_openapi() {
    let c = &catalogs()[0].1;
    let out = errcat::emit::emit_all(c, &errcat::emit::Layout::default()).expect("emits");
    let path = Path::new("generated/openapi").join(openapi::ERRORS_JSON);
    assert!(
        out.files
            .iter()
            .any(|f| Path::new(&f.path) == path.as_path()),
        "no {}",
        path.display()
    );
}
