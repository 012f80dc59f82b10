//! The JSON Schemas under `generated/schema/`: valid 2020-12 schemas, and
//! each one accepts what it describes and rejects what it must.
//!
//! - `error-response.schema.json` accepts every example body of a catalog,
//!   and responses with codes, platforms and fields it does not know;
//! - `catalog-file.schema.json` accepts every catalog file, mirrors the
//!   serde structs of `raw.rs` key for key, and rejects the shape and word
//!   mistakes `errcat validate` reports;
//! - `catalog-export.schema.json` accepts `errcat export`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use errcat::emit::schema;
use errcat::ir::Catalog;
use serde_json::{Value, json};

mod common;
use common::repo;

/// The catalogs every test runs on: the shipped one and the valid fixtures.
fn catalog_paths() -> Vec<PathBuf> {
    vec![
        repo().join("catalog"),
        repo().join("tests/fixtures/valid/minimal/catalog.toml"),
        repo().join("tests/fixtures/valid/hostile/catalog.toml"),
    ]
}

fn compile(path: &Path) -> Catalog {
    errcat::compile(path).unwrap_or_else(|f| panic!("{}", f.render()))
}

/// The emitted files of `c`, by path.
fn emitted(c: &Catalog) -> BTreeMap<String, String> {
    schema::emit(c)
        .expect("emits")
        .into_iter()
        .map(|f| (f.path, f.contents))
        .collect()
}

fn emitted_schema(c: &Catalog, name: &str) -> Value {
    let files = emitted(c);
    let text = files
        .get(name)
        .unwrap_or_else(|| panic!("{name} is not emitted"));
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"))
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::new(schema).unwrap_or_else(|e| panic!("schema does not build: {e}"))
}

/// Every problem `instance` has, as text (empty when valid).
fn problems(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at `{}`", e, e.instance_path()))
        .collect()
}

#[track_caller]
fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let p = problems(v, instance);
    assert!(
        p.is_empty(),
        "{what} should validate:\n  {}",
        p.join("\n  ")
    );
}

#[track_caller]
fn assert_invalid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    assert!(!v.is_valid(instance), "{what} should be rejected");
}

fn toml_file_as_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).expect("reads catalog file");
    toml_text_as_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn toml_text_as_json(text: &str) -> Result<Value, String> {
    let v: toml::Value = toml::from_str(text).map_err(|e| e.to_string())?;
    serde_json::to_value(v).map_err(|e| e.to_string())
}

/// The `.toml` files of a catalog path (a directory or one file).
fn toml_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files: Vec<PathBuf> = fs::read_dir(path)
        .expect("reads catalog dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

// ------------------------------------------------------------ (a) schemas

#[test]
fn emits_the_four_files_in_order() {
    let c = compile(&repo().join("catalog"));
    let names: Vec<String> = emitted(&c).into_keys().collect();
    assert_eq!(
        names,
        [
            "catalog-export.schema.json",
            "catalog-file.schema.json",
            "catalog.json",
            "error-response.schema.json"
        ]
    );
    let paths: Vec<String> = schema::emit(&c)
        .unwrap()
        .into_iter()
        .map(|f| f.path)
        .collect();
    assert_eq!(paths, names, "emit returns its files sorted by path");
}

#[test]
fn schemas_are_valid_2020_12_schemas() {
    for path in catalog_paths() {
        let c = compile(&path);
        for (name, text) in emitted(&c) {
            if !name.ends_with(".schema.json") {
                continue;
            }
            let what = format!("{name} of {}", path.display());
            let v: Value = serde_json::from_str(&text).expect("JSON");
            if let Err(e) = jsonschema::draft202012::meta::validate(&v) {
                panic!(
                    "{what} is not a valid 2020-12 schema: {e} at {}",
                    e.instance_path()
                );
            }
            assert!(jsonschema::meta::is_valid(&v), "{what}");
            validator(&v);
            assert_eq!(
                v["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{what}"
            );
            for key in ["$id", "title", "description"] {
                assert!(
                    v[key].as_str().is_some_and(|s| !s.is_empty()),
                    "{what} has no {key}"
                );
            }
            assert_eq!(
                v["$comment"].as_str(),
                Some(errcat::emit::header_line(&c).as_str()),
                "{what}"
            );
            // Pretty-printed with two spaces, a final newline, nothing else.
            let mut again = serde_json::to_string_pretty(&v).unwrap();
            again.push('\n');
            assert_eq!(text, again, "{what} is not printed canonically");
        }
    }
}

#[test]
fn ids_are_stable() {
    let c = compile(&repo().join("catalog"));
    assert_eq!(
        emitted_schema(&c, "catalog-file.schema.json")["$id"],
        "https://errcat.github.io/schema/v1/catalog-file.schema.json"
    );
    assert_eq!(
        emitted_schema(&c, "catalog-export.schema.json")["$id"],
        "https://errcat.github.io/schema/v1/catalog-export.schema.json"
    );
    assert_eq!(
        emitted_schema(&c, "error-response.schema.json")["$id"],
        "https://errcat.github.io/ayrshare-errors/schema/error-response.schema.json"
    );
}

#[test]
fn response_schema_id_follows_docs_url() {
    let mut c = compile(&repo().join("tests/fixtures/valid/minimal/catalog.toml"));
    let cases = [
        (
            "https://docs.example.com/errors",
            "https://docs.example.com/schema/error-response.schema.json",
        ),
        (
            "https://docs.example.com/api/v2/errors.html",
            "https://docs.example.com/api/v2/schema/error-response.schema.json",
        ),
        (
            "https://docs.example.com/api/",
            "https://docs.example.com/api/schema/error-response.schema.json",
        ),
        (
            "https://docs.example.com",
            "https://docs.example.com/schema/error-response.schema.json",
        ),
        // A query or fragment is not part of the directory, even with a `/`.
        (
            "https://docs.example.com/err_ors?q=%22x%22&y=a/b|c#x/y",
            "https://docs.example.com/schema/error-response.schema.json",
        ),
        // Characters a URI may not hold are escaped; valid escapes are kept.
        (
            "https://docs.example.com/a|b/{c}/%41%zz/x",
            "https://docs.example.com/a%7Cb/%7Bc%7D/%41%25zz/schema/error-response.schema.json",
        ),
    ];
    for (docs_url, id) in cases {
        c.meta.docs_url = Some(docs_url.to_string());
        assert_eq!(schema::response_schema_id(&c), id, "docs_url {docs_url}");
        let s = schema::error_response_schema(&c);
        assert_eq!(s["$id"], id);
        validator(&s);
    }
}

/// `catalog.json` states what the catalog's TOML says, read with the toml
/// crate alone, and validates against the export schema.
#[test]
fn catalog_json_states_the_catalog() {
    for path in catalog_paths() {
        let c = compile(&path);
        let what = path.display().to_string();
        let text = &emitted(&c)["catalog.json"];
        let export: Value =
            serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
        let files: Vec<toml::Table> = toml_files(&path)
            .iter()
            .map(|f| {
                let text = fs::read_to_string(f).expect("reads catalog file");
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()))
            })
            .collect();
        common::export_facts::assert_states(&export, &files, &what);
        let v = validator(&emitted_schema(&c, "catalog-export.schema.json"));
        assert_valid(&v, &export, &format!("catalog.json of {what}"));
    }
}

/// Every property of every `properties` map, with its JSON pointer.
fn all_properties<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Object(o) => {
            for (k, child) in o {
                let here = format!("{at}/{k}");
                if k == "properties"
                    && let Value::Object(ps) = child
                {
                    for (name, p) in ps {
                        out.push((format!("{here}/{name}"), p));
                    }
                }
                all_properties(child, here, out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                all_properties(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_property_has_a_description() {
    let c = compile(&repo().join("catalog"));
    for name in [
        "catalog-file.schema.json",
        "catalog-export.schema.json",
        "error-response.schema.json",
    ] {
        let s = emitted_schema(&c, name);
        let mut props = Vec::new();
        all_properties(&s, String::new(), &mut props);
        assert!(props.len() > 10, "{name}");
        for (at, p) in props {
            // Inside `if` conditions and `then` rules, properties only test.
            if at.contains("/if/") || at.contains("/then/") {
                continue;
            }
            assert!(
                p["description"]
                    .as_str()
                    .is_some_and(|d| !d.trim().is_empty()),
                "{name}: {at} has no description"
            );
        }
    }
}

#[test]
fn word_lists_come_from_the_ir() {
    use errcat::ir::{Appearance, Direction, Relink, Remedy, RetryKind, Severity};
    let c = compile(&repo().join("catalog"));
    let s = emitted_schema(&c, "catalog-file.schema.json");
    let defs = &s["$defs"];
    for (def, words) in [
        ("severity", Severity::WORDS),
        ("appearance", Appearance::WORDS),
        ("relink", Relink::WORDS),
        ("remedy", Remedy::WORDS),
        ("retryPolicy", RetryKind::WORDS),
        ("direction", Direction::WORDS),
    ] {
        assert_eq!(defs[def]["enum"], json!(words), "$defs/{def}");
    }
}

// ------------------------------------------------------------ (b) responses

#[test]
fn every_example_validates_against_the_response_schema() {
    for path in catalog_paths() {
        let c = compile(&path);
        let v = validator(&emitted_schema(&c, "error-response.schema.json"));
        let mut count = 0;
        for ex in &c.examples {
            assert_valid(
                &v,
                &ex.json,
                &format!("{}: catalog example {:?}", path.display(), ex.title),
            );
            count += 1;
        }
        for e in &c.errors {
            for ex in &e.examples {
                assert_valid(
                    &v,
                    &ex.json,
                    &format!("{}: example {:?} of {}", path.display(), ex.title, e.code),
                );
                count += 1;
            }
        }
        assert!(count > 0, "{} has examples", path.display());
    }
}

#[test]
fn unknown_codes_platforms_and_fields_validate() {
    for path in catalog_paths() {
        let c = compile(&path);
        let v = validator(&emitted_schema(&c, "error-response.schema.json"));
        let bodies = [
            json!({ "code": 99999, "message": "New.", "platform": "mastodon", "brandNew": { "x": [1] } }),
            json!({
                "status": "error",
                "errors": [
                    { "action": "post", "status": "error", "code": 99999, "message": "New.", "platform": "mastodon", "future": true },
                    { "code": 4294967296_u64, "platform": "bluesky" }
                ],
                "postIds": [{ "status": "success", "id": "1", "postUrl": "https://x", "platform": "mastodon", "extra": 1 }],
                "id": "abc",
                "somethingElse": null
            }),
            json!({ "status": "success", "warnings": [{ "code": 99999, "message": "m", "feature": "sparkles", "more": {} }] }),
            json!({ "mastodon": { "code": 99999 }, "resolution": { "relink": true, "platform": "mastodon", "docs": "https://d", "new": 1 } }),
            json!({ "code": -1 }),
            json!({}),
        ];
        for b in bodies {
            assert_valid(&v, &b, &format!("{}: {b}", path.display()));
        }
    }
}

#[test]
fn malformed_responses_are_rejected() {
    let c = compile(&repo().join("catalog"));
    let v = validator(&emitted_schema(&c, "error-response.schema.json"));
    let bad = [
        json!({ "code": "107" }),
        json!({ "code": 1.5 }),
        json!({ "errors": { "code": 107 } }),
        json!({ "errors": "none" }),
        json!({ "errors": [{ "code": "107" }] }),
        json!({ "errors": [{ "message": "an error object without code" }] }),
        json!({ "errors": [{ "code": 107, "platform": 7 }] }),
        json!({ "errors": [{ "code": 161, "relink": "yes" }] }),
        json!({ "warnings": [{ "code": "307" }] }),
        json!({ "warnings": {} }),
        json!({ "postIds": [{ "platform": false }] }),
        json!({ "status": "oops" }),
        json!({ "status": 1 }),
        json!({ "message": ["not", "a", "string"] }),
        json!({ "retryAvailable": "true" }),
        json!({ "resolution": { "relink": 1 } }),
        json!({ "facebook": { "code": "444" } }),
        json!({ "thumbnail": { "message": "no code" } }),
        json!([]),
        json!("error"),
    ];
    for b in bad {
        assert_invalid(&v, &b, &b.to_string());
    }
    // A platform's successful result has no code and is fine.
    assert_valid(
        &v,
        &json!({ "facebook": { "id": "1", "analytics": { "likes": 3 } } }),
        "a platform result without code",
    );
}

#[test]
fn response_schema_lists_known_codes_and_platforms() {
    let c = compile(&repo().join("catalog"));
    let s = emitted_schema(&c, "error-response.schema.json");
    let code = &s["$defs"]["code"]["anyOf"];
    let listed: Vec<u64> = code
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["const"].as_u64())
        .collect();
    let known: Vec<u64> = c
        .errors
        .iter()
        .filter_map(|e| e.code.as_int())
        .map(u64::from)
        .collect();
    assert_eq!(listed, known);
    for (o, e) in code.as_array().unwrap().iter().zip(&c.errors) {
        assert_eq!(o["title"], e.name.as_str());
    }
    for p in &c.platforms {
        assert!(
            s["properties"].get(&p.id).is_some(),
            "platform key {} is a property",
            p.id
        );
        assert!(
            s["$defs"]["platform"]["anyOf"]
                .as_array()
                .unwrap()
                .iter()
                .any(|o| o["const"] == p.id.as_str()),
            "platform {} is listed",
            p.id
        );
    }
}

// ------------------------------------------------------------ (c) catalog files

fn file_validator() -> jsonschema::Validator {
    let c = compile(&repo().join("tests/fixtures/valid/minimal/catalog.toml"));
    validator(&emitted_schema(&c, "catalog-file.schema.json"))
}

#[test]
fn file_schema_does_not_depend_on_the_catalog_beyond_its_comment() {
    let mut schemas = catalog_paths().into_iter().map(|p| {
        let mut s = emitted_schema(&compile(&p), "catalog-file.schema.json");
        s.as_object_mut().unwrap().remove("$comment");
        s
    });
    let first = schemas.next().unwrap();
    for s in schemas {
        assert_eq!(s, first);
    }
}

#[test]
fn every_catalog_file_validates() {
    let v = file_validator();
    let mut count = 0;
    for path in catalog_paths() {
        for file in toml_files(&path) {
            assert_valid(&v, &toml_file_as_json(&file), &file.display().to_string());
            count += 1;
        }
    }
    assert!(count >= 3);
}

/// The minimal fixture, as JSON, with `change` applied.
fn minimal_with(change: impl FnOnce(&mut Value)) -> Value {
    let mut v = toml_file_as_json(&repo().join("tests/fixtures/valid/minimal/catalog.toml"));
    change(&mut v);
    v
}

#[test]
fn wrong_catalog_files_are_rejected() {
    let v = file_validator();
    assert_valid(&v, &minimal_with(|_| {}), "the minimal fixture");
    let wrong: Vec<(&str, Value)> = vec![
        (
            "unknown key in [[error]]",
            minimal_with(|d| d["error"][0]["colour"] = json!("red")),
        ),
        (
            "unknown top-level table",
            minimal_with(|d| d["errors"] = json!([])),
        ),
        (
            "unknown key in [catalog]",
            minimal_with(|d| d["catalog"]["homepage"] = json!("https://x")),
        ),
        (
            "bad remedy word",
            minimal_with(|d| d["error"][0]["remedy"] = json!("retry-later")),
        ),
        (
            "bad severity",
            minimal_with(|d| d["error"][0]["severity"] = json!("fatal")),
        ),
        (
            "bad appears_in word",
            minimal_with(|d| d["error"][0]["appears_in"] = json!(["errors"])),
        ),
        (
            "after-delay without delay_field",
            minimal_with(|d| {
                d["error"][0]["retry"] =
                    json!({ "policy": "after-delay", "delay_format": "wait {seconds}" })
            }),
        ),
        (
            "after-delay without delay_format",
            minimal_with(|d| {
                d["error"][0]["retry"] =
                    json!({ "policy": "after-delay", "delay_field": "details" })
            }),
        ),
        (
            "after-event without event",
            minimal_with(|d| d["error"][0]["retry"] = json!({ "policy": "after-event" })),
        ),
        (
            "parameter of another policy",
            minimal_with(|d| {
                d["error"][0]["retry"] = json!({ "policy": "never", "min_delay_secs": 5 })
            }),
        ),
        (
            "backoff with event",
            minimal_with(|d| d["error"][0]["retry"] = json!({ "policy": "backoff", "event": "x" })),
        ),
        (
            "retry without policy",
            minimal_with(|d| d["error"][0]["retry"] = json!({ "min_delay_secs": 5 })),
        ),
        (
            "http is a word other than unstated",
            minimal_with(|d| d["error"][0]["http"] = json!("sometimes")),
        ),
        (
            "http out of range",
            minimal_with(|d| d["error"][0]["http"] = json!(700)),
        ),
        (
            "code out of range",
            minimal_with(|d| d["error"][0]["code"] = json!(4294967296_u64)),
        ),
        (
            "negative code",
            minimal_with(|d| d["error"][0]["code"] = json!(-1)),
        ),
        (
            "code is a string",
            minimal_with(|d| d["error"][0]["code"] = json!("1")),
        ),
        (
            "missing required key",
            minimal_with(|d| {
                d["error"][0].as_object_mut().unwrap().remove("advice");
            }),
        ),
        (
            "missing manifest key",
            minimal_with(|d| {
                d["catalog"].as_object_mut().unwrap().remove("docs_url");
            }),
        ),
        (
            "platforms is not an array",
            minimal_with(|d| d["error"][0]["platforms"] = json!("web")),
        ),
        (
            "error is a table, not an array of tables",
            minimal_with(|d| d["error"] = d["error"][0].clone()),
        ),
    ];
    for (what, doc) in &wrong {
        assert_invalid(&v, doc, what);
    }
}

/// Invalid fixtures whose mistake is one of shape or of a closed word list:
/// the schema rejects each of them. Every other invalid fixture that is
/// TOML at all breaks a rule that only `errcat validate` checks, and the
/// schema accepts it, so it is never stricter than errcat.
const REJECTED_FIXTURES: &[&str] = &[
    "e0102-unknown-key-in-catalog",
    "e0102-unknown-key-in-error",
    "e0102-unknown-key-in-retry",
    "e0102-unknown-key-top-level",
    "e0103-missing-remedy",
    "e0103-missing-retry-policy",
    "e0103-missing-status-meaning",
    "e0104-code-is-string",
    "e0104-http-is-boolean",
    "e0104-platforms-not-array",
    "e0203-http-status-out-of-range",
    "e0302-negative-code",
    "e0302-negative-subcode",
    "e0311-after-delay-without-field",
    "e0311-after-event-without-event",
    "e0311-bad-min-delay",
    "e0311-stray-param",
    "e0313-bad-appears-in",
    "e0313-bad-field-type",
    "e0313-bad-header-direction",
    "e0313-bad-http-word",
    "e0313-bad-relink",
    "e0313-bad-remedy",
    "e0313-bad-retry-policy",
    "e0313-bad-severity",
    "e0313-bad-subcode-relink",
    "e0315-message-twice",
    "e0318-appears-in-empty",
    "e0320-appears-in-twice",
    "e0320-code-listed-twice-in-related",
    "e0320-platform-listed-twice",
];

#[test]
fn invalid_fixtures_are_rejected_exactly_when_their_mistake_is_one_of_shape() {
    let v = file_validator();
    let dir = repo().join("tests/fixtures/invalid");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("reads fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut mismatches = Vec::new();
    let mut seen = BTreeSet::new();
    for name in &names {
        let docs: Vec<Value> = toml_files(&dir.join(name))
            .iter()
            .filter_map(|f| fs::read_to_string(f).ok())
            .filter_map(|t| toml_text_as_json(&t).ok())
            .collect();
        if docs.is_empty() {
            continue; // Not TOML (E01xx syntax errors, bad UTF-8).
        }
        seen.insert(name.as_str());
        let rejected = docs.iter().any(|d| !v.is_valid(d));
        let expected = REJECTED_FIXTURES.contains(&name.as_str());
        if rejected != expected {
            mismatches.push(format!(
                "{name}: schema {} it",
                if rejected { "rejects" } else { "accepts" }
            ));
        }
    }
    for name in REJECTED_FIXTURES {
        assert!(seen.contains(name), "fixture {name} is missing");
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

/// The keys a `raw.rs` struct takes, from serde's own "unknown field"
/// message, which lists every field.
fn serde_fields<T: serde::de::DeserializeOwned>() -> BTreeSet<String> {
    let err = match toml::from_str::<T>("zzz_not_a_key = 1") {
        Ok(_) => panic!("an unknown key is accepted"),
        Err(e) => e.to_string(),
    };
    let expected = err
        .split("expected")
        .nth(1)
        .unwrap_or_else(|| panic!("unexpected serde message: {err}"));
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn schema_keys(s: &Value) -> BTreeSet<String> {
    s["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .cloned()
        .collect()
}

#[test]
fn file_schema_mirrors_raw_structs() {
    use errcat::raw::*;
    let c = compile(&repo().join("tests/fixtures/valid/minimal/catalog.toml"));
    let s = emitted_schema(&c, "catalog-file.schema.json");
    let d = &s["$defs"];
    let pairs: Vec<(&str, BTreeSet<String>, &Value)> = vec![
        ("RawFile", serde_fields::<RawFile>(), &s),
        ("RawManifest", serde_fields::<RawManifest>(), &d["manifest"]),
        ("RawHeader", serde_fields::<RawHeader>(), &d["header"]),
        ("RawField", serde_fields::<RawField>(), &d["field"]),
        (
            "RawHttpStatus",
            serde_fields::<RawHttpStatus>(),
            &d["httpStatus"],
        ),
        ("RawPlatform", serde_fields::<RawPlatform>(), &d["platform"]),
        ("RawError", serde_fields::<RawError>(), &d["error"]),
        ("RawRetry", serde_fields::<RawRetry>(), &d["retry"]),
        (
            "RawErrorField",
            serde_fields::<RawErrorField>(),
            &d["errorField"],
        ),
        (
            "RawErrorHeader",
            serde_fields::<RawErrorHeader>(),
            &d["errorHeader"],
        ),
        ("RawSubcode", serde_fields::<RawSubcode>(), &d["subcode"]),
        ("RawCase", serde_fields::<RawCase>(), &d["case"]),
        ("RawHistory", serde_fields::<RawHistory>(), &d["history"]),
        ("RawExample", serde_fields::<RawExample>(), &d["example"]),
    ];
    for (name, fields, schema) in pairs {
        assert!(!fields.is_empty(), "{name}");
        assert_eq!(fields, schema_keys(schema), "keys of {name}");
        assert_eq!(
            schema["additionalProperties"],
            json!(false),
            "{name} is closed"
        );
    }
}

/// Object nodes of a document, first of each kind (path with array indexes
/// dropped), as JSON pointers.
fn object_nodes(v: &Value) -> Vec<String> {
    fn walk(v: &Value, at: &str, kind: &str, seen: &mut BTreeSet<String>, out: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                if seen.insert(kind.to_string()) {
                    out.push(at.to_string());
                }
                for (k, child) in o {
                    walk(
                        child,
                        &format!("{at}/{k}"),
                        &format!("{kind}/{k}"),
                        seen,
                        out,
                    );
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    walk(child, &format!("{at}/{i}"), &format!("{kind}[]"), seen, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, "", "", &mut BTreeSet::new(), &mut out);
    out
}

/// Does errcat's own file format (the serde structs) accept `doc`?
fn serde_accepts(doc: &Value) -> bool {
    let text = toml::to_string(doc).expect("serializes as TOML");
    toml::from_str::<errcat::raw::RawFile>(&text).is_ok()
}

/// Removing any one key, or adding an unknown one, anywhere in a catalog
/// file: the schema and serde agree on whether the file is still well
/// formed. (The schema is stricter on purpose in one place only: a retry
/// policy's parameters, which `validate` requires.)
#[test]
fn file_schema_agrees_with_serde_on_required_and_unknown_keys() {
    let v = file_validator();
    let mut files = Vec::new();
    for path in catalog_paths() {
        files.extend(toml_files(&path));
    }
    let mut disagreements = Vec::new();
    let mut checked = 0;
    for file in files {
        let doc = toml_file_as_json(&file);
        assert!(serde_accepts(&doc), "{} round-trips", file.display());
        for at in object_nodes(&doc) {
            let mut extra = doc.clone();
            extra.pointer_mut(&at).unwrap()["zzz_unknown"] = json!(1);
            if serde_accepts(&extra) || v.is_valid(&extra) {
                disagreements.push(format!(
                    "{}: unknown key at `{at}` is accepted",
                    file.display()
                ));
            }
            let keys: Vec<String> = doc
                .pointer(&at)
                .unwrap()
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            for key in keys {
                if at.ends_with("/retry") && key != "policy" {
                    continue;
                }
                let mut less = doc.clone();
                less.pointer_mut(&at)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .remove(&key);
                checked += 1;
                let (by_serde, by_schema) = (serde_accepts(&less), v.is_valid(&less));
                if by_serde != by_schema {
                    disagreements.push(format!(
                        "{}: without `{at}/{key}`: serde {}, schema {}",
                        file.display(),
                        if by_serde { "accepts" } else { "rejects" },
                        if by_schema { "accepts" } else { "rejects" },
                    ));
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} removals checked");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

// ------------------------------------------------------------ (d) export

fn export_output(path: &Path) -> Value {
    let out = common::errcat(&["export", "--catalog", common::path_arg(path)]);
    common::assert_exit(&out, 0);
    serde_json::from_slice(&out.stdout).expect("export is JSON")
}

#[test]
fn export_validates_against_the_export_schema() {
    for path in catalog_paths() {
        let c = compile(&path);
        let v = validator(&emitted_schema(&c, "catalog-export.schema.json"));
        let export = export_output(&path);
        assert_eq!(export, errcat::export::export(&c));
        assert_valid(&v, &export, &format!("export of {}", path.display()));
    }
}

#[test]
fn wrong_exports_are_rejected() {
    let path = repo().join("tests/fixtures/valid/hostile/catalog.toml");
    let c = compile(&path);
    let v = validator(&emitted_schema(&c, "catalog-export.schema.json"));
    let good = errcat::export::export(&c);
    assert_valid(&v, &good, "the hostile export");
    let change = |f: &dyn Fn(&mut Value)| {
        let mut e = good.clone();
        f(&mut e);
        e
    };
    let wrong = [
        ("extra top-level key", change(&|e| e["extra"] = json!(1))),
        (
            "format_version 2",
            change(&|e| e["format_version"] = json!(2)),
        ),
        (
            "missing key in a code",
            change(&|e| {
                e["codes"][0].as_object_mut().unwrap().remove("shown_in");
            }),
        ),
        (
            "extra key in a code",
            change(&|e| e["codes"][0]["note"] = json!("x")),
        ),
        (
            "bad severity",
            change(&|e| e["codes"][0]["severity"] = json!("fatal")),
        ),
        (
            "bad relink word on a sub-code",
            change(&|e| e["codes"][0]["subcodes"][0]["relink"] = json!("yes")),
        ),
        (
            "relink_policy is a boolean",
            change(&|e| e["codes"][0]["relink_policy"] = json!(true)),
        ),
        (
            "after-delay without delay_format",
            change(&|e| {
                e["codes"][0]["retry"] =
                    json!({ "policy": "after-delay", "delay_field": "details" })
            }),
        ),
        (
            "backoff without min_delay_secs",
            change(&|e| e["codes"][0]["retry"] = json!({ "policy": "backoff" })),
        ),
        (
            "never with a parameter",
            change(&|e| e["codes"][0]["retry"] = json!({ "policy": "never", "event": "x" })),
        ),
        (
            "null description in a status",
            change(&|e| e["http_statuses"][0]["meaning"] = Value::Null),
        ),
        (
            "body is not an object",
            change(&|e| e["codes"][0]["examples"][0]["body"] = json!([])),
        ),
        (
            "code out of range",
            change(&|e| e["codes"][0]["code"] = json!(-1)),
        ),
    ];
    for (what, e) in &wrong {
        assert_invalid(&v, e, what);
    }
    let backoff = change(&|e| {
        e["codes"][0]["retry"] = json!({ "policy": "backoff", "min_delay_secs": null })
    });
    assert_valid(&v, &backoff, "backoff with a null min_delay_secs");
}
