//! The JSON Schemas under `generated/schema/`: valid 2020-12 schemas, and
//! each one accepts what it describes and rejects what it must.
//!
//! - `error-response.schema.json` is built from the catalog's envelope and
//!   documented fields: it accepts every example body of a catalog (read
//!   from the TOML, not from the IR), and responses with codes of the
//!   catalog's kind, platforms and fields it does not know;
//! - `catalog-file.schema.json` accepts every catalog file, is the schema
//!   of the serde structs of `raw.rs` key for key, and rejects the shape
//!   and word mistakes `errcat validate` reports;
//! - `catalog-export.schema.json` accepts `errcat export` (format 2), and
//!   `catalog.json` says what the catalog's TOML says.

#![cfg(feature = "schema")]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use errcat::emit::schema;
use errcat::ir::Catalog;
use serde_json::{Value, json};

mod common;
use common::repo;

/// Every valid catalog: the shipped one and each catalog under
/// `tests/fixtures/valid/` (one directory level, or two for the
/// regressions), found on disk so a new fixture is covered too.
fn catalog_paths() -> Vec<PathBuf> {
    let mut out = vec![repo().join("catalog")];
    let mut dirs = vec![repo().join("tests/fixtures/valid")];
    while let Some(dir) = dirs.pop() {
        let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
            .expect("reads fixtures")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for e in entries {
            if e.join("catalog.toml").is_file() {
                out.push(e.join("catalog.toml"));
            } else if e.is_dir() {
                dirs.push(e);
            }
        }
    }
    out.sort();
    assert!(out.len() >= 5, "catalogs: {out:?}");
    out
}

fn strings_fixture() -> PathBuf {
    repo().join("tests/fixtures/valid/strings/catalog.toml")
}

fn compile(path: &Path) -> Catalog {
    errcat::compile(path).unwrap_or_else(|f| panic!("{}: {}", path.display(), f.render()))
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

/// A catalog read with the `toml` crate alone, as JSON: the manifest, the
/// groups and the entries of all its files. The independent reading the
/// export and the examples are checked against.
struct TomlCatalog {
    manifest: Value,
    groups: Vec<Value>,
    errors: Vec<Value>,
}

fn read_toml_catalog(path: &Path) -> TomlCatalog {
    let mut t = TomlCatalog {
        manifest: Value::Null,
        groups: Vec::new(),
        errors: Vec::new(),
    };
    for file in toml_files(path) {
        let doc = toml_file_as_json(&file);
        if let Some(m) = doc.get("catalog") {
            t.manifest = m.clone();
        }
        let list = |key: &str| doc[key].as_array().cloned().unwrap_or_default();
        t.groups.extend(list("group"));
        t.errors.extend(list("error"));
    }
    assert!(t.manifest.is_object(), "{} has a manifest", path.display());
    t
}

/// Every example body of a catalog, parsed from the `json` text in its
/// TOML, with a label for messages.
fn toml_examples(path: &Path) -> Vec<(String, Value)> {
    let t = read_toml_catalog(path);
    let mut out = Vec::new();
    let mut take = |owner: String, list: &Value| {
        for ex in list.as_array().into_iter().flatten() {
            let text = ex["json"].as_str().expect("an example has json text");
            let body: Value = serde_json::from_str(text)
                .unwrap_or_else(|e| panic!("{owner}: example is not JSON: {e}"));
            out.push((format!("{owner}: example {}", ex["title"]), body));
        }
    };
    take(
        format!("{} [catalog]", path.display()),
        &t.manifest["example"],
    );
    for e in &t.errors {
        take(
            format!("{} code {}", path.display(), e["code"]),
            &e["example"],
        );
    }
    out
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
            // A `$id` is an absolute URI, so `$ref: "#"` has a base.
            let id = v["$id"].as_str().unwrap_or_default();
            assert!(
                id.starts_with("https://") || id.starts_with("urn:"),
                "{what}: $id {id}"
            );
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
    let mut c = compile(&strings_fixture());
    assert_eq!(
        schema::response_schema_id(&c),
        "urn:errcat:shop:error-response.schema.json",
        "a catalog without docs_url"
    );
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

#[test]
fn output_is_deterministic() {
    for path in catalog_paths() {
        let a = emitted(&compile(&path));
        let b = emitted(&compile(&path));
        assert_eq!(a, b, "{}", path.display());
    }
}

#[test]
fn catalog_json_is_the_export() {
    for path in catalog_paths() {
        let c = compile(&path);
        assert_eq!(
            emitted(&c)["catalog.json"],
            errcat::export::export_string(&c),
            "{}",
            path.display()
        );
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
    for path in [repo().join("catalog"), strings_fixture()] {
        let c = compile(&path);
        for name in [
            "catalog-file.schema.json",
            "catalog-export.schema.json",
            "error-response.schema.json",
        ] {
            let s = emitted_schema(&c, name);
            let mut props = Vec::new();
            all_properties(&s, String::new(), &mut props);
            assert!(!props.is_empty(), "{name}");
            for (at, p) in props {
                // Inside `if` conditions and `then` rules, properties only test.
                if at.contains("/if/") || at.contains("/then/") {
                    continue;
                }
                assert!(
                    p["description"]
                        .as_str()
                        .is_some_and(|d| !d.trim().is_empty()),
                    "{name} of {}: {at} has no description",
                    path.display()
                );
            }
        }
    }
}

// ------------------------------------------------------------ (b) responses

#[test]
fn every_example_validates_against_the_response_schema() {
    let mut total = 0;
    for path in catalog_paths() {
        let c = compile(&path);
        let v = validator(&emitted_schema(&c, "error-response.schema.json"));
        let examples = toml_examples(&path);
        // The same bodies the validator accepted, read on their own.
        let in_ir = c.examples.len() + c.errors.iter().map(|e| e.examples.len()).sum::<usize>();
        assert_eq!(examples.len(), in_ir, "{}", path.display());
        for (what, body) in &examples {
            assert_valid(&v, body, what);
        }
        total += examples.len();
    }
    assert!(total > 30, "only {total} examples");
}

/// Writes `text` as a one-file catalog and compiles it.
fn compile_text(name: &str, text: &str) -> Catalog {
    let dir = common::temp_dir(name);
    let file = dir.join("catalog.toml");
    fs::write(&file, text).expect("writes catalog");
    let c = compile(&file);
    let _ = fs::remove_dir_all(dir);
    c
}

#[test]
fn ayrshare_response_schema_comes_from_its_envelope_and_fields() {
    let c = compile(&repo().join("catalog"));
    let s = emitted_schema(&c, "error-response.schema.json");
    let p = &s["properties"];
    // `.`: the body may be an error object, but need not hold a code.
    assert_eq!(p["code"]["$ref"], "#/$defs/code");
    assert!(s.get("required").is_none());
    // `errors[]`: each element is an error object with a code.
    let item = &p["errors"]["items"];
    assert_eq!(p["errors"]["type"], "array");
    assert_eq!(item["type"], "object");
    assert_eq!(item["required"], json!(["code"]));
    assert_eq!(item["properties"]["code"]["$ref"], "#/$defs/code");
    // The platform paths `platform` and `resolution.platform`.
    assert_eq!(item["properties"]["platform"]["$ref"], "#/$defs/platform");
    assert_eq!(
        p["resolution"]["properties"]["platform"]["$ref"],
        "#/$defs/platform"
    );
    // `warnings[]`.
    assert_eq!(p["warnings"]["items"]["required"], json!(["code"]));
    // `{platform}`: every platform id is a property, with its title.
    for pl in &c.platforms {
        assert_eq!(p[&pl.id]["$ref"], "#/$defs/platformResult", "{}", pl.id);
        assert_eq!(p[&pl.id]["title"], pl.title.as_str());
    }
    // ... and what the catalog documents for one of them stays there, the
    // code field being the catalog's code.
    assert_eq!(p["facebook"]["properties"]["errCode"]["type"], "integer");
    assert_eq!(p["facebook"]["properties"]["code"]["$ref"], "#/$defs/code");
    // `posts[]` and `*`: whole bodies again.
    assert_eq!(p["posts"]["items"]["$ref"], "#");
    assert_eq!(s["additionalProperties"]["then"]["$ref"], "#");
    // Documented fields, with their catalog descriptions.
    for f in &c.fields {
        if !f.name.contains('.') && !f.name.contains('[') {
            assert_eq!(
                p[&f.name]["description"],
                f.description.as_str(),
                "{}",
                f.name
            );
        }
    }
    assert_eq!(
        p["postIds"]["items"]["properties"]["postUrl"]["type"],
        "string"
    );
}

#[test]
fn only_the_catalog_names_response_fields() {
    for path in catalog_paths() {
        let c = compile(&path);
        let text = &emitted(&c)["error-response.schema.json"];
        let documented: String = c.fields.iter().map(|f| f.name.as_str()).collect();
        for ayrshare in [
            "postIds",
            "errCode",
            "httpErrorCode",
            "thumbnail",
            "retryAvailable",
        ] {
            assert_eq!(
                text.contains(ayrshare),
                documented.contains(ayrshare),
                "{}: `{ayrshare}`",
                path.display()
            );
        }
    }
}

#[test]
fn a_catalog_without_envelope_gets_the_minimal_schema() {
    let c = compile(&strings_fixture());
    assert!(!c.envelope.declared);
    let s = emitted_schema(&c, "error-response.schema.json");
    assert_eq!(s["type"], "object");
    assert_eq!(s["required"], json!(["code"]));
    let keys: Vec<&String> = s["properties"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["code"]);
    let defs: Vec<&String> = s["$defs"].as_object().unwrap().keys().collect();
    assert_eq!(defs, ["code"]);
    assert_eq!(s["$defs"]["code"]["type"], "string");

    let v = validator(&s);
    for good in [
        json!({ "code": "card_declined" }),
        json!({ "code": "rate-limit.exceeded", "message": "slow down", "anything": [1, {}] }),
        // Unknown codes of the catalog's kind stay valid.
        json!({ "code": "ZZ999" }),
    ] {
        assert_valid(&v, &good, &good.to_string());
    }
    for bad in [
        json!({}),
        json!({ "code": 402 }),
        json!({ "code": null }),
        json!({ "message": "no code" }),
        json!(["code"]),
    ] {
        assert_invalid(&v, &bad, &bad.to_string());
    }
}

#[test]
fn known_codes_are_described_by_kind() {
    for path in catalog_paths() {
        let c = compile(&path);
        let s = emitted_schema(&c, "error-response.schema.json");
        let code = &s["$defs"]["code"];
        let kind = if c.code_kind == errcat::ir::CodeKind::Int {
            "integer"
        } else {
            "string"
        };
        assert_eq!(code["type"], kind, "{}", path.display());
        let listed: Vec<&Value> = code["anyOf"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|o| o.get("const"))
            .collect();
        let known: Vec<Value> = c.errors.iter().map(|e| e.code.to_json()).collect();
        assert_eq!(
            listed,
            known.iter().collect::<Vec<_>>(),
            "{}",
            path.display()
        );
        for (o, e) in code["anyOf"].as_array().unwrap().iter().zip(&c.errors) {
            assert_eq!(o["title"], e.name.as_str());
            assert!(
                o["description"]
                    .as_str()
                    .is_some_and(|d| d.starts_with(&e.title)),
                "{}",
                e.code
            );
            assert_eq!(o.get("deprecated").is_some(), e.retired.is_some());
        }
        // The catch-all keeps the world open, for the catalog's kind only.
        let last = code["anyOf"].as_array().unwrap().last().unwrap();
        assert_eq!(last["type"], kind);
    }
}

#[test]
fn unknown_codes_platforms_and_fields_validate() {
    let c = compile(&repo().join("catalog"));
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
        json!({ "posts": [{ "status": "error", "errors": [{ "code": 99999 }] }] }),
        json!({ "history": { "status": "error", "errors": [{ "code": 1, "platform": "new" }] } }),
        json!({ "facebook": { "id": "1", "analytics": { "likes": 3 } } }),
        json!({ "analytics": { "likes": 3 } }),
        // A successful result may hold a code of its own, of any type: only
        // an object with the envelope's marker is an error object.
        json!({ "status": "success", "analytics": { "status": "success", "code": "en" } }),
        json!({ "history": { "code": "en" } }),
        json!({ "history": { "action": "get", "status": "error", "code": 221, "message": "m" }, "count": 0 }),
        json!({ "code": -1 }),
        json!({}),
    ];
    for b in bodies {
        assert_valid(&v, &b, &b.to_string());
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
        json!({ "errors": ["not an object"] }),
        json!({ "errors": [{ "code": 107, "platform": 7 }] }),
        json!({ "errors": [{ "code": 161, "relink": "yes" }] }),
        json!({ "errors": [{ "code": 107, "resolution": { "platform": false } }] }),
        json!({ "warnings": [{ "code": "307" }] }),
        json!({ "warnings": [{ "feature": "no code" }] }),
        json!({ "warnings": {} }),
        json!({ "status": 1 }),
        json!({ "message": ["not", "a", "string"] }),
        json!({ "retryAvailable": "true" }),
        json!({ "resolution": { "relink": 1 } }),
        json!({ "facebook": { "code": "444" } }),
        json!({ "instagram": { "code": "444" } }),
        json!({ "twitter": { "platform": 1 } }),
        // Nested bodies are read with the same rules.
        json!({ "posts": [{ "errors": [{ "code": "x" }] }] }),
        // An error object under an endpoint's key has a code of the
        // catalog's kind.
        json!({ "history": { "status": "error", "code": "221" } }),
        json!({ "posts": ["not a body"] }),
        json!({ "history": { "errors": [{ "message": "no code" }] } }),
        json!([]),
        json!("error"),
    ];
    for b in bad {
        assert_invalid(&v, &b, &b.to_string());
    }
}

/// A catalog whose envelope uses every kind of path the schema renders:
/// a named key, a list under a list, a platform key, any key, nested
/// bodies under a key, and a code field of its own.
const ENVELOPE_CATALOG: &str = r#"
[catalog]
name = "gapi"
title = "Google-like API"

[catalog.envelope]
code_field = "status"
errors = ["error", "batch[].error", "{platform}", "extras.*"]
warnings = ["notes[]"]
nested = ["results.*"]
platform = ["service", "origin.service"]

[[catalog.field]]
name = "error.message"
type = "string"
description = "What went wrong."

[[catalog.field]]
name = "error.details[].reason"
type = "string"
description = "A machine-readable reason."

[[catalog.field]]
name = "{platform}.quota"
type = "integer"
description = "The quota left on the service."

[[platform]]
id = "storage"
name = "Storage"
title = "Cloud Storage"

[[error]]
code = "NOT_FOUND"
name = "NotFound"
title = "Not found"

[[error.example]]
title = "A named error object"
json = '{"error": {"status": "NOT_FOUND", "message": "No such bucket.", "details": [{"reason": "bucket"}], "service": "storage"}}'

[[error]]
code = "RESOURCE_EXHAUSTED"
name = "ResourceExhausted"
title = "Resource exhausted"

[[error.example]]
title = "In a batch, under a platform key, and in a nested result"
json = '{"batch": [{"error": {"status": "RESOURCE_EXHAUSTED"}}], "storage": {"status": "RESOURCE_EXHAUSTED", "quota": 0}, "results": {"a": {"error": {"status": "NOT_FOUND"}}}, "notes": [{"status": "RESOURCE_EXHAUSTED"}]}'
"#;

#[test]
fn every_kind_of_envelope_path_is_rendered() {
    let c = compile_text("envelope", ENVELOPE_CATALOG);
    let s = emitted_schema(&c, "error-response.schema.json");
    let v = validator(&s);
    for ex in c.errors.iter().flat_map(|e| &e.examples) {
        assert_valid(&v, &ex.json, &ex.title);
    }
    let p = &s["properties"];
    assert_eq!(p["error"]["required"], json!(["status"]));
    assert_eq!(
        p["error"]["properties"]["details"]["items"]["properties"]["reason"]["description"],
        "A machine-readable reason."
    );
    assert_eq!(p["storage"]["title"], "Cloud Storage");
    let good = [
        json!({ "error": { "status": "ANYTHING_NEW", "service": "compute" } }),
        json!({ "storage": { "ok": true } }),
        json!({ "results": { "a": { "ok": true }, "b": {} } }),
        json!({ "extras": { "x": { "status": "NEW" }, "y": 3 } }),
        json!({ "origin": { "service": "elsewhere" } }),
        json!({}),
    ];
    for b in good {
        assert_valid(&v, &b, &b.to_string());
    }
    let bad = [
        // A named error object has its code, of the catalog's kind.
        json!({ "error": { "message": "no status" } }),
        json!({ "error": { "status": 404 } }),
        json!({ "error": { "status": "NOT_FOUND", "service": 1 } }),
        json!({ "error": { "status": "NOT_FOUND", "origin": { "service": 1 } } }),
        json!({ "batch": [{ "error": { "status": 1 } }] }),
        json!({ "notes": [{}] }),
        json!({ "storage": { "status": 429 } }),
        json!({ "storage": { "quota": "none" } }),
        json!({ "extras": { "x": { "status": 1 } } }),
        // Each result is a whole body again.
        json!({ "results": { "a": { "error": { "status": 1 } } } }),
        json!({ "results": { "a": "not a body" } }),
    ];
    for b in bad {
        assert_invalid(&v, &b, &b.to_string());
    }
}

// ------------------------------------------------------------ (c) catalog files

fn file_validator() -> jsonschema::Validator {
    let c = compile(&strings_fixture());
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
    assert!(count >= 15, "only {count} files");
}

/// The `#:schema` line editors read still names the catalog-file schema
/// that `generate` writes, and that schema takes the file.
#[test]
fn schema_header_line_names_the_generated_file_schema() {
    let c = compile(&repo().join("catalog"));
    let generated = emitted(&c)["catalog-file.schema.json"].clone();
    let mut seen = 0;
    for file in toml_files(&repo().join("catalog")) {
        let text = fs::read_to_string(&file).expect("reads");
        let Some(line) = text.lines().find(|l| l.starts_with("#:schema ")) else {
            continue;
        };
        seen += 1;
        assert!(
            text.starts_with("#:schema "),
            "{}: first line",
            file.display()
        );
        let target = file
            .parent()
            .unwrap()
            .join(line.trim_start_matches("#:schema ").trim());
        let on_disk = fs::read_to_string(&target)
            .unwrap_or_else(|e| panic!("{}: {}: {e}", file.display(), target.display()));
        assert!(
            on_disk == generated,
            "{} is not fresh: run `cargo run -p errcat -- generate`",
            target.display()
        );
        let v = validator(&serde_json::from_str(&on_disk).unwrap());
        assert_valid(&v, &toml_file_as_json(&file), &file.display().to_string());
    }
    assert!(seen >= 1, "the manifest has a #:schema line");
}

/// The strings fixture, as JSON, with `change` applied.
fn strings_with(change: impl FnOnce(&mut Value)) -> Value {
    let mut v = toml_file_as_json(&strings_fixture());
    change(&mut v);
    v
}

#[test]
fn wrong_catalog_files_are_rejected() {
    let v = file_validator();
    assert_valid(&v, &strings_with(|_| {}), "the strings fixture");
    let ok: Vec<(&str, Value)> = vec![
        (
            "an integer code",
            strings_with(|d| d["error"][0]["code"] = json!(7)),
        ),
        (
            "the largest integer code",
            strings_with(|d| d["error"][0]["code"] = json!(4294967295_u64)),
        ),
        (
            "http unstated",
            strings_with(|d| d["error"][0]["http"] = json!("unstated")),
        ),
        (
            "an entry with only code, name and title",
            strings_with(|d| d["error"] = json!([{ "code": "a", "name": "A", "title": "A" }])),
        ),
        (
            "a manifest with only a name",
            strings_with(|d| d["catalog"] = json!({ "name": "x" })),
        ),
    ];
    for (what, doc) in &ok {
        assert_valid(&v, doc, what);
    }
    let wrong: Vec<(&str, Value)> = vec![
        (
            "unknown key in [[error]]",
            strings_with(|d| d["error"][0]["colour"] = json!("red")),
        ),
        (
            "unknown top-level table",
            strings_with(|d| d["errors"] = json!([])),
        ),
        (
            "unknown key in [catalog]",
            strings_with(|d| d["catalog"]["homepage"] = json!("https://x")),
        ),
        (
            "unknown key in [[group]]",
            strings_with(|d| d["group"][0]["colour"] = json!("red")),
        ),
        (
            "unknown key in [catalog.envelope]",
            strings_with(|d| d["catalog"]["envelope"] = json!({ "errors": ["."], "code": "x" })),
        ),
        (
            "bad remedy word",
            strings_with(|d| d["error"][0]["remedy"] = json!("retry-later")),
        ),
        (
            "bad severity",
            strings_with(|d| d["error"][0]["severity"] = json!("fatal")),
        ),
        (
            "bad relink",
            strings_with(|d| d["error"][0]["relink"] = json!("yes")),
        ),
        (
            "bad appears_in word",
            strings_with(|d| d["error"][0]["appears_in"] = json!(["errors"])),
        ),
        (
            "bad retry policy",
            strings_with(|d| d["error"][0]["retry"] = json!({ "policy": "later" })),
        ),
        (
            "bad header direction",
            strings_with(|d| {
                d["catalog"]["header"] =
                    json!([{ "name": "X", "direction": "both", "description": "d" }])
            }),
        ),
        (
            "bad field type",
            strings_with(|d| {
                d["catalog"]["field"] =
                    json!([{ "name": "x", "type": "number", "description": "d" }])
            }),
        ),
        (
            "after-delay without delay_field",
            strings_with(|d| {
                d["error"][0]["retry"] =
                    json!({ "policy": "after-delay", "delay_format": "wait {seconds}" })
            }),
        ),
        (
            "after-event without event",
            strings_with(|d| d["error"][0]["retry"] = json!({ "policy": "after-event" })),
        ),
        (
            "parameter of another policy",
            strings_with(|d| {
                d["error"][0]["retry"] = json!({ "policy": "never", "min_delay_secs": 5 })
            }),
        ),
        (
            "retry without policy",
            strings_with(|d| d["error"][0]["retry"] = json!({ "min_delay_secs": 5 })),
        ),
        (
            "http is a word other than unstated",
            strings_with(|d| d["error"][0]["http"] = json!("sometimes")),
        ),
        (
            "http out of range",
            strings_with(|d| d["error"][0]["http"] = json!(700)),
        ),
        (
            "code out of range",
            strings_with(|d| d["error"][0]["code"] = json!(4294967296_u64)),
        ),
        (
            "negative code",
            strings_with(|d| d["error"][0]["code"] = json!(-1)),
        ),
        (
            "code with a space",
            strings_with(|d| d["error"][0]["code"] = json!("card declined")),
        ),
        (
            "code of dots",
            strings_with(|d| d["error"][0]["code"] = json!("..")),
        ),
        (
            "code is a boolean",
            strings_with(|d| d["error"][0]["code"] = json!(true)),
        ),
        (
            "related code is a float",
            strings_with(|d| d["error"][3]["related"] = json!([1.5])),
        ),
        (
            "missing required key in [[error]]",
            strings_with(|d| {
                d["error"][0].as_object_mut().unwrap().remove("title");
            }),
        ),
        (
            "missing name in [catalog]",
            strings_with(|d| {
                d["catalog"].as_object_mut().unwrap().remove("name");
            }),
        ),
        (
            "missing title in [[group]]",
            strings_with(|d| {
                d["group"][0].as_object_mut().unwrap().remove("title");
            }),
        ),
        (
            "platforms is not an array",
            strings_with(|d| d["error"][0]["platforms"] = json!("web")),
        ),
        (
            "error is a table, not an array of tables",
            strings_with(|d| d["error"] = d["error"][0].clone()),
        ),
    ];
    for (what, doc) in &wrong {
        assert_invalid(&v, doc, what);
    }
}

/// The string-code pattern of the schemas says what `ir::is_string_code`
/// says.
#[test]
fn string_code_pattern_agrees_with_the_ir() {
    let v = file_validator();
    let long = "a".repeat(errcat::ir::MAX_STRING_CODE);
    let too_long = "a".repeat(errcat::ir::MAX_STRING_CODE + 1);
    let samples = [
        "23505",
        "card_declined",
        "rate-limit.exceeded",
        "A",
        "_",
        "-",
        ".a",
        "a.",
        "...x",
        long.as_str(),
        too_long.as_str(),
        "",
        ".",
        "..",
        "a b",
        "é",
        "a/b",
        "a\n",
        "ThrottlingException",
    ];
    for code in samples {
        let doc = strings_with(|d| d["error"][0]["code"] = json!(code));
        assert_eq!(
            v.is_valid(&doc),
            errcat::ir::is_string_code(code),
            "{code:?}"
        );
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
    "e0103-missing-retry-policy",
    "e0103-missing-status-meaning",
    "e0103-missing-title",
    "e0104-code-is-float",
    "e0104-http-is-boolean",
    "e0104-platforms-not-array",
    "e0203-http-status-out-of-range",
    "e0302-bad-string-code",
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

/// The derived schema has, for every struct the loader reads, exactly the
/// keys serde takes, and is closed like `deny_unknown_fields`.
#[test]
fn file_schema_mirrors_raw_structs() {
    use errcat::raw::*;
    let c = compile(&strings_fixture());
    let s = emitted_schema(&c, "catalog-file.schema.json");
    let d = &s["$defs"];
    let pairs: Vec<(&str, BTreeSet<String>, &Value)> = vec![
        ("RawFile", serde_fields::<RawFile>(), &s),
        ("RawManifest", serde_fields::<RawManifest>(), &d["manifest"]),
        ("RawEnvelope", serde_fields::<RawEnvelope>(), &d["envelope"]),
        ("RawGroup", serde_fields::<RawGroup>(), &d["group"]),
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
    // TOML has no null: no value of a catalog file may be one.
    let text = emitted(&c)["catalog-file.schema.json"].clone();
    assert!(!text.contains("\"null\""), "the file schema allows null");
}

#[test]
fn word_lists_come_from_the_ir() {
    use errcat::ir::{Appearance, Direction, FIELD_TYPES, Relink, Remedy, RetryKind, Severity};
    let c = compile(&strings_fixture());
    let s = emitted_schema(&c, "catalog-file.schema.json");
    let defs = &s["$defs"];
    for (def, words) in [
        ("severity", Severity::WORDS),
        ("appearance", Appearance::WORDS),
        ("relink", Relink::WORDS),
        ("remedy", Remedy::WORDS),
        ("retryPolicy", RetryKind::WORDS),
        ("direction", Direction::WORDS),
        ("fieldType", FIELD_TYPES),
    ] {
        assert_eq!(defs[def]["enum"], json!(words), "$defs/{def}");
    }
    let error = &defs["error"]["properties"];
    for (key, def) in [
        ("severity", "severity"),
        ("relink", "relink"),
        ("remedy", "remedy"),
    ] {
        assert_eq!(error[key]["$ref"], format!("#/$defs/{def}"), "error.{key}");
    }
    assert_eq!(
        defs["retry"]["properties"]["policy"]["$ref"],
        "#/$defs/retryPolicy"
    );
    assert_eq!(
        defs["header"]["properties"]["direction"]["$ref"],
        "#/$defs/direction"
    );
    assert_eq!(
        defs["field"]["properties"]["type"]["$ref"],
        "#/$defs/fieldType"
    );
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
/// policy's parameters, which `validate` requires.) This holds the
/// `schemars(with = ...)` types of `raw.rs` to the fields they stand for.
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
    let mut kinds = BTreeSet::new();
    for path in catalog_paths() {
        let c = compile(&path);
        let v = validator(&emitted_schema(&c, "catalog-export.schema.json"));
        let export = export_output(&path);
        assert_eq!(export, errcat::export::export(&c));
        assert_valid(&v, &export, &format!("export of {}", path.display()));
        kinds.insert(export["catalog"]["code_kind"].to_string());
    }
    assert_eq!(kinds.len(), 2, "both kinds of code are exported");
    // The checked-in files, as they are on disk.
    let on_disk = |name: &str| -> Value {
        let text = fs::read_to_string(repo().join("generated/schema").join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    assert_valid(
        &validator(&on_disk("catalog-export.schema.json")),
        &on_disk("catalog.json"),
        "generated/schema/catalog.json",
    );
}

/// A TOML code as the export writes it: the same number or string.
fn toml_code(v: &Value) -> Value {
    assert!(v.is_u64() || v.is_string(), "a code: {v}");
    v.clone()
}

/// `catalog.json` says what the TOML says: read with the `toml` crate and
/// `serde_json` only, fact by fact, without the IR or the export code.
#[test]
fn export_states_what_the_toml_states() {
    for path in catalog_paths() {
        let t = read_toml_catalog(&path);
        let c = compile(&path);
        let export: Value =
            serde_json::from_str(&emitted(&c)["catalog.json"]).expect("catalog.json is JSON");
        let at = path.display().to_string();
        assert_eq!(export["format_version"], 2, "{at}");

        // The manifest and its defaults.
        let m = &t.manifest;
        let name = m["name"].as_str().expect("a name");
        let cat = &export["catalog"];
        assert_eq!(cat["name"], name, "{at}");
        assert_eq!(
            cat["title"],
            m.get("title").cloned().unwrap_or(json!(name)),
            "{at}"
        );
        assert_eq!(
            cat["version"],
            m.get("version").cloned().unwrap_or(json!("0.1.0")),
            "{at}"
        );
        assert_eq!(
            cat["description"],
            m.get("description").cloned().unwrap_or(Value::Null)
        );
        assert_eq!(
            cat["docs_url"],
            m.get("docs_url").cloned().unwrap_or(Value::Null)
        );
        for key in ["rust_crate", "npm_package", "python_package"] {
            let default = json!(format!("{name}-errors"));
            assert_eq!(
                cat[key],
                m.get(key).cloned().unwrap_or(default),
                "{at}: {key}"
            );
        }
        let string_codes = t.errors.iter().all(|e| e["code"].is_string());
        let int_codes = t.errors.iter().all(|e| e["code"].is_u64());
        assert!(string_codes != int_codes, "{at}: one kind of code");
        assert_eq!(
            cat["code_kind"],
            if string_codes { "string" } else { "integer" },
            "{at}"
        );

        // The envelope, as declared or the minimal one.
        let env = &export["envelope"];
        match m.get("envelope") {
            Some(e) => {
                assert_eq!(env["declared"], true, "{at}");
                assert_eq!(
                    env["code_field"],
                    e.get("code_field").cloned().unwrap_or(json!("code"))
                );
                for key in ["errors", "warnings", "nested", "platform"] {
                    assert_eq!(
                        env[key],
                        e.get(key).cloned().unwrap_or(json!([])),
                        "{at}: {key}"
                    );
                }
                assert_eq!(
                    env["marker"],
                    e.get("marker").cloned().unwrap_or(json!({})),
                    "{at}: marker"
                );
            }
            None => assert_eq!(
                env,
                &json!({ "declared": false, "code_field": "code", "errors": ["."], "warnings": [], "nested": [], "platform": [], "marker": {} }),
                "{at}"
            ),
        }

        // Groups, with the codes that name them.
        let groups = export["groups"].as_array().expect("groups");
        assert_eq!(groups.len(), t.groups.len(), "{at}");
        for g in &t.groups {
            let out = groups
                .iter()
                .find(|o| o["id"] == g["id"])
                .unwrap_or_else(|| panic!("{at}: group {}", g["id"]));
            assert_eq!(out["title"], g["title"]);
            assert_eq!(
                out["description"],
                g.get("description").cloned().unwrap_or(Value::Null)
            );
            let mut members: Vec<Value> = t
                .errors
                .iter()
                .filter(|e| e.get("group") == Some(&g["id"]))
                .map(|e| toml_code(&e["code"]))
                .collect();
            sort_codes(&mut members);
            assert_eq!(out["codes"], json!(members), "{at}: group {}", g["id"]);
        }

        // Every entry, in code order, stating exactly what the TOML states.
        let mut codes: Vec<Value> = t.errors.iter().map(|e| toml_code(&e["code"])).collect();
        sort_codes(&mut codes);
        let exported: Vec<Value> = export["codes"]
            .as_array()
            .expect("codes")
            .iter()
            .map(|e| e["code"].clone())
            .collect();
        assert_eq!(exported, codes, "{at}: codes in order");
        for e in &t.errors {
            let out = export["codes"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["code"] == e["code"])
                .expect("exported");
            let what = format!("{at}: code {}", e["code"]);
            let stated = |key: &str| e.get(key).cloned().unwrap_or(Value::Null);
            for key in ["name", "title"] {
                assert_eq!(out[key], e[key], "{what}: {key}");
            }
            for key in [
                "group",
                "action",
                "platforms",
                "severity",
                "appears_in",
                "remedy",
                "description",
                "advice",
                "retired",
            ] {
                let want = match (key, stated(key)) {
                    ("action", Value::String(s)) if s == "unstated" => Value::Null,
                    (_, v) => v,
                };
                assert_eq!(out[key], want, "{what}: {key}");
            }
            let http = match stated("http") {
                Value::String(s) if s == "unstated" => Value::Null,
                v => v,
            };
            assert_eq!(out["http_status"], http, "{what}: http");
            assert_eq!(out["relink_policy"], stated("relink"), "{what}: relink");
            let relink = stated("relink").as_str().map(|r| json!(r == "required"));
            assert_eq!(out["relink"], relink.unwrap_or(Value::Null), "{what}");
            match e.get("retry") {
                Some(r) => {
                    assert_eq!(out["retry"]["policy"], r["policy"], "{what}");
                    assert_eq!(out["retryable"], json!(r["policy"] != "never"), "{what}");
                }
                None => {
                    assert_eq!(out["retry"], Value::Null, "{what}");
                    assert_eq!(out["retryable"], Value::Null, "{what}");
                }
            }
            for (key, out_key) in [
                ("messages", "messages"),
                ("related", "related"),
                ("replaces", "replaces"),
                ("superseded_by", "superseded_by"),
            ] {
                assert_eq!(
                    out[out_key],
                    e.get(key).cloned().unwrap_or(json!([])),
                    "{what}: {key}"
                );
            }
            let examples = e
                .get("example")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            assert_eq!(
                out["examples"].as_array().map(Vec::len),
                Some(examples),
                "{what}"
            );
        }
    }
}

/// Integer codes by number, string codes by bytes: the export's order.
fn sort_codes(codes: &mut [Value]) {
    codes.sort_by(|a, b| match (a.as_u64(), b.as_u64()) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => a.as_str().cmp(&b.as_str()),
    });
}

#[test]
fn wrong_exports_are_rejected() {
    for path in [
        repo().join("tests/fixtures/valid/hostile/catalog.toml"),
        strings_fixture(),
    ] {
        let c = compile(&path);
        let v = validator(&emitted_schema(&c, "catalog-export.schema.json"));
        let good = errcat::export::export(&c);
        assert_valid(&v, &good, &format!("the export of {}", path.display()));
        let change = |f: &dyn Fn(&mut Value)| {
            let mut e = good.clone();
            f(&mut e);
            e
        };
        let other_kind = |code: &Value| -> Value {
            match code.as_u64() {
                Some(n) => json!(n.to_string()),
                None => json!(7),
            }
        };
        let wrong = [
            ("extra top-level key", change(&|e| e["extra"] = json!(1))),
            (
                "format_version 1",
                change(&|e| e["format_version"] = json!(1)),
            ),
            (
                "no envelope",
                change(&|e| {
                    e.as_object_mut().unwrap().remove("envelope");
                }),
            ),
            (
                "no groups",
                change(&|e| {
                    e.as_object_mut().unwrap().remove("groups");
                }),
            ),
            (
                "code of the other kind",
                change(&|e| {
                    let k = other_kind(&e["codes"][0]["code"]);
                    e["codes"][0]["code"] = k;
                }),
            ),
            (
                "related code of the other kind",
                change(&|e| {
                    let k = other_kind(&e["codes"][0]["code"]);
                    e["codes"][0]["related"] = json!([k]);
                }),
            ),
            (
                "unknown code kind",
                change(&|e| e["catalog"]["code_kind"] = json!("float")),
            ),
            (
                "string code with a space",
                change(&|e| {
                    e["catalog"]["code_kind"] = json!("string");
                    for x in e["codes"].as_array_mut().unwrap() {
                        x["code"] = json!("a b");
                    }
                }),
            ),
            (
                "missing key in a code",
                change(&|e| {
                    e["codes"][0].as_object_mut().unwrap().remove("shown_in");
                }),
            ),
            (
                "missing fact in a code (null is how unstated is written)",
                change(&|e| {
                    e["codes"][0].as_object_mut().unwrap().remove("severity");
                }),
            ),
            (
                "extra key in a code",
                change(&|e| e["codes"][0]["note"] = json!("x")),
            ),
            (
                "null name",
                change(&|e| e["codes"][0]["name"] = Value::Null),
            ),
            (
                "bad severity",
                change(&|e| e["codes"][0]["severity"] = json!("fatal")),
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
                "group without codes",
                change(&|e| {
                    e["groups"] = json!([{ "id": "g", "title": "G", "description": null }])
                }),
            ),
            (
                "envelope paths not strings",
                change(&|e| e["envelope"]["errors"] = json!([1])),
            ),
            (
                "body is not an object",
                change(
                    &|e| e["examples"] = json!([{ "title": "t", "http": null, "subcode": null, "case": null, "body": [] }]),
                ),
            ),
        ];
        for (what, e) in &wrong {
            assert_invalid(&v, e, &format!("{what} ({})", path.display()));
        }
        // Unstated facts are null; a catalog may state them.
        let stated = change(&|e| {
            e["codes"][0]["severity"] = json!("warning");
            e["codes"][0]["retry"] = json!({ "policy": "backoff", "min_delay_secs": null });
            e["codes"][0]["retryable"] = json!(true);
            e["codes"][0]["platforms"] = json!([]);
        });
        assert_valid(&v, &stated, "stated facts");
        let unstated = change(&|e| {
            for key in [
                "group",
                "http_status",
                "action",
                "platforms",
                "severity",
                "appears_in",
                "retryable",
                "retry",
                "relink",
                "relink_policy",
                "remedy",
                "description",
                "advice",
                "docs_url",
            ] {
                e["codes"][0][key] = Value::Null;
            }
        });
        assert_valid(&v, &unstated, "unstated facts");
    }
}
