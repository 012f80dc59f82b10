//! What the export (`errcat export`, `generated/schema/catalog.json`) must
//! say about a catalog, worked out from the catalog's TOML tables alone by
//! the rules of "The export format" in `docs/catalog-format.md`. Nothing of
//! errcat runs here, so an export that drops, moves or changes a fact of
//! the catalog fails the comparison.
//!
//! Not checked: `shown_in`, which needs the validator's reading of every
//! example body.

use serde_json::{Map, Value, json};
use toml::{Table, Value as T};

/// `key` of `t` as JSON: strings, numbers, booleans, arrays, tables.
fn get(t: &Table, key: &str) -> Value {
    t.get(key).map_or(Value::Null, to_json)
}

fn to_json(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or_else(|e| panic!("a TOML value as JSON: {e}"))
}

/// An optional key (`null` when not written).
fn opt(t: &Table, key: &str) -> Value {
    get(t, key)
}

/// A list key (`[]` when not written).
fn list(t: &Table, key: &str) -> Value {
    match get(t, key) {
        Value::Null => json!([]),
        v => v,
    }
}

fn tables<'a>(t: &'a Table, key: &str) -> Vec<&'a Table> {
    match t.get(key) {
        Some(T::Array(items)) => items.iter().filter_map(T::as_table).collect(),
        _ => Vec::new(),
    }
}

fn text(t: &Table, key: &str) -> String {
    t.get(key)
        .and_then(T::as_str)
        .unwrap_or_else(|| panic!("`{key}` is text in {t:?}"))
        .to_string()
}

fn int(t: &Table, key: &str) -> i64 {
    t.get(key)
        .and_then(T::as_integer)
        .unwrap_or_else(|| panic!("`{key}` is an integer in {t:?}"))
}

/// A word that may be `"unstated"`.
fn stated(t: &Table, key: &str) -> Value {
    match get(t, key) {
        Value::String(s) if s == "unstated" => Value::Null,
        v => v,
    }
}

fn example(x: &Table, of_entry: bool) -> Value {
    let body: Value = serde_json::from_str(&text(x, "json"))
        .unwrap_or_else(|e| panic!("example body is JSON: {e}"));
    let entry_only = |key: &str| if of_entry { opt(x, key) } else { Value::Null };
    json!({
        "title": text(x, "title"),
        "http": entry_only("http"),
        "subcode": entry_only("subcode"),
        "case": entry_only("case"),
        "body": body,
    })
}

fn retry(r: &Table) -> Value {
    let policy = text(r, "policy");
    let mut out = Map::new();
    out.insert("policy".into(), json!(policy));
    match policy.as_str() {
        "backoff" => {
            out.insert("min_delay_secs".into(), opt(r, "min_delay_secs"));
        }
        "after-delay" => {
            out.insert("delay_field".into(), get(r, "delay_field"));
            out.insert("delay_format".into(), get(r, "delay_format"));
        }
        "after-event" => {
            out.insert("event".into(), get(r, "event"));
        }
        _ => {}
    }
    Value::Object(out)
}

fn entry(e: &Table, docs_url: &str, all: &[&Table]) -> Value {
    let code = int(e, "code");
    let retry_table = e
        .get("retry")
        .and_then(T::as_table)
        .unwrap_or_else(|| panic!("code {code} has a retry table"));
    let relink = text(e, "relink");
    let mut replaced_by: Vec<i64> = all
        .iter()
        .filter(|o| {
            o.get("replaces")
                .and_then(T::as_array)
                .is_some_and(|r| r.iter().any(|c| c.as_integer() == Some(code)))
        })
        .map(|o| int(o, "code"))
        .collect();
    replaced_by.sort_unstable();
    let subcodes: Vec<Value> = tables(e, "subcode")
        .into_iter()
        .map(|s| {
            json!({
                "code": int(s, "code"),
                "source": get(s, "source"),
                "upstream_field": get(s, "upstream_field"),
                "response_field": opt(s, "response_field"),
                "description": get(s, "description"),
                "upstream_message": opt(s, "upstream_message"),
                "message": opt(s, "message"),
                "relink": opt(s, "relink"),
                "retry_available": opt(s, "retry_available"),
                "remedy": opt(s, "remedy"),
            })
        })
        .collect();
    let cases: Vec<Value> = tables(e, "case")
        .into_iter()
        .map(|c| {
            json!({
                "id": get(c, "id"),
                "title": get(c, "title"),
                "signal": get(c, "signal"),
                "advice": get(c, "advice"),
                "message": opt(c, "message"),
                "relink": opt(c, "relink"),
                "remedy": opt(c, "remedy"),
            })
        })
        .collect();
    let fields: Vec<Value> = tables(e, "field")
        .into_iter()
        .map(|f| json!({"name": get(f, "name"), "description": get(f, "description")}))
        .collect();
    let headers: Vec<Value> = tables(e, "header")
        .into_iter()
        .map(|h| {
            json!({
                "name": get(h, "name"),
                "value": opt(h, "value"),
                "description": get(h, "description"),
            })
        })
        .collect();
    let history: Vec<Value> = tables(e, "history")
        .into_iter()
        .map(|h| json!({"date": get(h, "date"), "note": get(h, "note")}))
        .collect();
    let examples: Vec<Value> = tables(e, "example")
        .into_iter()
        .map(|x| example(x, true))
        .collect();
    json!({
        "code": code,
        "name": get(e, "name"),
        "title": get(e, "title"),
        "http_status": stated(e, "http"),
        "action": stated(e, "action"),
        "platforms": list(e, "platforms"),
        "severity": match get(e, "severity") {
            Value::Null => json!("error"),
            v => v,
        },
        "appears_in": list(e, "appears_in"),
        "retryable": text(retry_table, "policy") != "never",
        "retry": retry(retry_table),
        "relink": relink == "required",
        "relink_policy": relink,
        "remedy": get(e, "remedy"),
        "messages": list(e, "messages"),
        "description": get(e, "description"),
        "advice": get(e, "advice"),
        "subcodes": subcodes,
        "cases": cases,
        "superseded_by": list(e, "superseded_by"),
        "replaces": list(e, "replaces"),
        "replaced_by": replaced_by,
        "related": list(e, "related"),
        "retired": opt(e, "retired"),
        "fields": fields,
        "headers": headers,
        "history": history,
        "examples": examples,
        "anchor": format!("code-{code}"),
        // The docs_url contract, written out again from the TOML: the
        // book's root (no query, fragment or trailing `/`), then the page.
        "docs_url": format!(
            "{}/codes/{code}.html",
            docs_url[..docs_url.find(['?', '#']).unwrap_or(docs_url.len())].trim_end_matches('/')
        ),
    })
}

/// The keys of a code in the export, in the documented order.
const CODE_KEYS: [&str; 30] = [
    "code",
    "name",
    "title",
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
    "messages",
    "description",
    "advice",
    "subcodes",
    "cases",
    "superseded_by",
    "replaces",
    "replaced_by",
    "related",
    "retired",
    "fields",
    "headers",
    "history",
    "examples",
    "shown_in",
    "anchor",
    "docs_url",
];

/// Asserts that `export` states exactly what the catalog files `files`
/// (their TOML tables, in any order) say. `what` names the catalog.
#[track_caller]
pub fn assert_states(export: &Value, files: &[Table], what: &str) {
    let manifest = files
        .iter()
        .find_map(|f| f.get("catalog").and_then(T::as_table))
        .unwrap_or_else(|| panic!("{what}: no [catalog] table"));
    let section = |key: &str| export.get(key).unwrap_or(&Value::Null);
    let top: Vec<&str> = export
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        top,
        [
            "format_version",
            "catalog",
            "http_statuses",
            "platforms",
            "headers",
            "fields",
            "examples",
            "codes"
        ],
        "{what}: top-level keys"
    );
    assert_eq!(section("format_version"), &json!(1), "{what}");

    let catalog = json!({
        "name": get(manifest, "name"),
        "title": get(manifest, "title"),
        "description": opt(manifest, "description"),
        "version": get(manifest, "version"),
        "docs_url": get(manifest, "docs_url"),
        "source_url": opt(manifest, "source_url"),
        "rust_crate": get(manifest, "rust_crate"),
        "npm_package": get(manifest, "npm_package"),
    });
    assert_eq!(section("catalog"), &catalog, "{what}: catalog");

    let mut statuses: Vec<&Table> = files
        .iter()
        .flat_map(|f| tables(f, "http_status"))
        .collect();
    statuses.sort_by_key(|s| int(s, "code"));
    let statuses: Vec<Value> = statuses
        .into_iter()
        .map(|s| {
            json!({
                "code": int(s, "code"),
                "meaning": get(s, "meaning"),
                "success": s.get("success").and_then(T::as_bool).unwrap_or(false),
            })
        })
        .collect();
    assert_eq!(
        section("http_statuses"),
        &json!(statuses),
        "{what}: statuses"
    );

    let mut platforms: Vec<&Table> = files.iter().flat_map(|f| tables(f, "platform")).collect();
    platforms.sort_by_key(|p| text(p, "id"));
    let platforms: Vec<Value> = platforms
        .into_iter()
        .map(|p| json!({"id": get(p, "id"), "name": get(p, "name"), "title": get(p, "title")}))
        .collect();
    assert_eq!(section("platforms"), &json!(platforms), "{what}: platforms");

    let headers: Vec<Value> = tables(manifest, "header")
        .into_iter()
        .map(|h| {
            json!({
                "name": get(h, "name"),
                "direction": get(h, "direction"),
                "description": get(h, "description"),
                "examples": list(h, "examples"),
            })
        })
        .collect();
    assert_eq!(section("headers"), &json!(headers), "{what}: headers");
    let fields: Vec<Value> = tables(manifest, "field")
        .into_iter()
        .map(|f| {
            json!({
                "name": get(f, "name"),
                "type": get(f, "type"),
                "description": get(f, "description"),
            })
        })
        .collect();
    assert_eq!(section("fields"), &json!(fields), "{what}: fields");
    let examples: Vec<Value> = tables(manifest, "example")
        .into_iter()
        .map(|x| example(x, false))
        .collect();
    assert_eq!(section("examples"), &json!(examples), "{what}: examples");

    let docs_url = text(manifest, "docs_url");
    let mut entries: Vec<&Table> = files.iter().flat_map(|f| tables(f, "error")).collect();
    entries.sort_by_key(|e| int(e, "code"));
    let codes = section("codes").as_array().cloned().unwrap_or_default();
    let numbers = |v: &[Value]| v.iter().map(|c| c["code"].clone()).collect::<Vec<_>>();
    let toml_numbers: Vec<Value> = entries.iter().map(|e| json!(int(e, "code"))).collect();
    assert_eq!(numbers(&codes), toml_numbers, "{what}: the codes, in order");
    for (got, e) in codes.iter().zip(&entries) {
        let code = int(e, "code");
        let keys: Vec<&str> = got
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(keys, CODE_KEYS, "{what}: keys of code {code}");
        let mut got = got.clone();
        if let Some(o) = got.as_object_mut() {
            o.shift_remove("shown_in");
        }
        assert_eq!(
            got,
            entry(e, &docs_url, &entries),
            "{what}: code {code} (left: the export, right: the TOML)"
        );
    }
}
