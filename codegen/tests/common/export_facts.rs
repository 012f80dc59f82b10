//! What the export (`errcat export`, `generated/schema/catalog.json`) must
//! say about a catalog, format 2, worked out from the catalog's TOML tables
//! alone: every fact as written, `null` where the catalog states none (never
//! a default), the manifest's documented defaults, groups with their codes,
//! the envelope as written, and what is derived (`retryable`, `relink`,
//! `replaced_by`, `shown_in`, anchors, per-code `docs_url`). Example bodies
//! are read by `body_reader`, not by errcat. Nothing of errcat runs here,
//! so an export that drops, moves, invents or changes a fact fails the
//! comparison.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};
use toml::{Table, Value as T};

use super::body_reader::Reader;

/// `key` of `t` as JSON, `null` when not written.
fn get(t: &Table, key: &str) -> Value {
    t.get(key).map_or(Value::Null, to_json)
}

fn to_json(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or_else(|e| panic!("a TOML value as JSON: {e}"))
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

/// A fact that may be written `"unstated"`, which states nothing.
fn stated(t: &Table, key: &str) -> Value {
    match get(t, key) {
        Value::String(s) if s == "unstated" => Value::Null,
        v => v,
    }
}

/// An error code, ordered as the export orders codes: by number, or by
/// the bytes of the text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Code {
    Int(i64),
    Str(String),
}

impl Code {
    fn of(v: &T) -> Code {
        match v {
            T::Integer(n) => Code::Int(*n),
            T::String(s) => Code::Str(s.clone()),
            other => panic!("a code is an integer or a string, not {other:?}"),
        }
    }

    fn json(&self) -> Value {
        match self {
            Code::Int(n) => json!(n),
            Code::Str(s) => json!(s),
        }
    }

    fn text(&self) -> String {
        match self {
            Code::Int(n) => n.to_string(),
            Code::Str(s) => s.clone(),
        }
    }
}

fn code(e: &Table) -> Code {
    Code::of(
        e.get("code")
            .unwrap_or_else(|| panic!("an entry has a code: {e:?}")),
    )
}

fn codes(t: &Table, key: &str) -> Vec<Code> {
    t.get(key)
        .and_then(T::as_array)
        .map(|a| a.iter().map(Code::of).collect())
        .unwrap_or_default()
}

fn example(x: &Table) -> Value {
    let body: Value = serde_json::from_str(&text(x, "json"))
        .unwrap_or_else(|e| panic!("example body is JSON: {e}"));
    json!({
        "title": text(x, "title"),
        "http": get(x, "http"),
        "subcode": get(x, "subcode"),
        "case": get(x, "case"),
        "body": body,
    })
}

/// `policy`, then the parameters of that policy only; backoff always has
/// `min_delay_secs`, `null` when not written.
fn retry(r: &Table) -> Value {
    let policy = text(r, "policy");
    let mut out = Map::new();
    out.insert("policy".into(), json!(policy));
    let keys: &[&str] = match policy.as_str() {
        "backoff" => &["min_delay_secs"],
        "after-delay" => &["delay_field", "delay_format"],
        "after-event" => &["event"],
        _ => &[],
    };
    for k in keys {
        out.insert((*k).into(), get(r, k));
    }
    Value::Object(out)
}

/// What the whole catalog contributes to each code's facts.
struct Context<'a> {
    docs_url: Option<String>,
    entries: &'a [&'a Table],
    /// Per code, the other entries whose examples show it.
    shown_in: BTreeMap<Code, BTreeSet<Code>>,
}

fn entry(e: &Table, cx: &Context<'_>) -> Value {
    let code = code(e);
    let retry_table = e.get("retry").and_then(T::as_table);
    let relink = e.get("relink").and_then(T::as_str);
    let mut replaced_by: Vec<Code> = cx
        .entries
        .iter()
        .filter(|o| codes(o, "replaces").contains(&code))
        .map(|o| self::code(o))
        .collect();
    replaced_by.sort();
    let subcodes: Vec<Value> = tables(e, "subcode")
        .into_iter()
        .map(|s| {
            json!({
                "code": get(s, "code"),
                "source": get(s, "source"),
                "upstream_field": get(s, "upstream_field"),
                "response_field": get(s, "response_field"),
                "description": get(s, "description"),
                "upstream_message": get(s, "upstream_message"),
                "message": get(s, "message"),
                "relink": get(s, "relink"),
                "retry_available": get(s, "retry_available"),
                "remedy": get(s, "remedy"),
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
                "message": get(c, "message"),
                "relink": get(c, "relink"),
                "remedy": get(c, "remedy"),
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
                "value": get(h, "value"),
                "description": get(h, "description"),
            })
        })
        .collect();
    let history: Vec<Value> = tables(e, "history")
        .into_iter()
        .map(|h| json!({"date": get(h, "date"), "note": get(h, "note")}))
        .collect();
    let examples: Vec<Value> = tables(e, "example").into_iter().map(example).collect();
    let shown_in: Vec<Value> = cx
        .shown_in
        .get(&code)
        .into_iter()
        .flatten()
        .map(Code::json)
        .collect();
    let anchor = format!("code-{}", code.text());
    json!({
        "code": code.json(),
        "name": get(e, "name"),
        "title": get(e, "title"),
        "group": get(e, "group"),
        "http_status": stated(e, "http"),
        "action": stated(e, "action"),
        "platforms": get(e, "platforms"),
        "severity": get(e, "severity"),
        "appears_in": get(e, "appears_in"),
        "retryable": retry_table.map(|r| text(r, "policy") != "never"),
        "retry": retry_table.map(retry),
        "relink": relink.map(|r| r == "required"),
        "relink_policy": relink,
        "remedy": get(e, "remedy"),
        "messages": list(e, "messages"),
        "description": get(e, "description"),
        "advice": get(e, "advice"),
        "subcodes": subcodes,
        "cases": cases,
        "superseded_by": list(e, "superseded_by"),
        "replaces": list(e, "replaces"),
        "replaced_by": replaced_by.iter().map(Code::json).collect::<Vec<_>>(),
        "related": list(e, "related"),
        "retired": get(e, "retired"),
        "fields": fields,
        "headers": headers,
        "history": history,
        "examples": examples,
        "shown_in": shown_in,
        // The docs_url contract, written out again from the TOML: the
        // book's root (no query, fragment or trailing `/`), then the page.
        "docs_url": cx.docs_url.as_ref().map(|u| format!(
            "{}/codes/{}.html",
            u[..u.find(['?', '#']).unwrap_or(u.len())].trim_end_matches('/'),
            code.text()
        )),
        "anchor": anchor,
    })
}

/// The keys of a code in the export, in the documented order.
pub const CODE_KEYS: [&str; 31] = [
    "code",
    "name",
    "title",
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

pub const TOP_KEYS: [&str; 10] = [
    "format_version",
    "catalog",
    "envelope",
    "groups",
    "http_statuses",
    "platforms",
    "headers",
    "fields",
    "examples",
    "codes",
];

/// Put `v`'s keys in the order of `keys` (the export's order), so the
/// expected value compares key order too.
fn ordered(v: Value, keys: &[&str]) -> Value {
    let Value::Object(mut o) = v else {
        return v;
    };
    let mut out = Map::new();
    for k in keys {
        if let Some(x) = o.remove(*k) {
            out.insert((*k).to_string(), x);
        }
    }
    assert!(o.is_empty(), "keys left over: {o:?}");
    Value::Object(out)
}

/// The manifest, the entries in code order, and the kind of code: what
/// the rest of the export is worked out from.
struct Read<'a> {
    manifest: &'a Table,
    entries: Vec<&'a Table>,
    int_codes: bool,
}

fn read(files: &[Table]) -> Read<'_> {
    let manifest = files
        .iter()
        .find_map(|f| f.get("catalog").and_then(T::as_table))
        .unwrap_or_else(|| panic!("no [catalog] table"));
    let mut entries: Vec<&Table> = files.iter().flat_map(|f| tables(f, "error")).collect();
    entries.sort_by_key(|e| code(e));
    // The first code read sets the kind; a catalog without codes counts
    // as one of integers.
    let int_codes = files
        .iter()
        .flat_map(|f| tables(f, "error"))
        .next()
        .is_none_or(|e| matches!(e.get("code"), Some(T::Integer(_))));
    Read {
        manifest,
        entries,
        int_codes,
    }
}

/// The whole export that `files` (a catalog's TOML tables, in any order)
/// must give.
pub fn expected(files: &[Table]) -> Value {
    let Read {
        manifest,
        entries,
        int_codes,
    } = read(files);
    let name = text(manifest, "name");
    let or = |key: &str, default: &str| match get(manifest, key) {
        Value::Null => json!(default),
        v => v,
    };
    let package = format!("{name}-errors");
    let catalog = json!({
        "name": name,
        "title": or("title", &name),
        "description": get(manifest, "description"),
        "version": or("version", "0.1.0"),
        "code_kind": if int_codes { "integer" } else { "string" },
        "docs_url": get(manifest, "docs_url"),
        "source_url": get(manifest, "source_url"),
        "rust_crate": or("rust_crate", &package),
        "npm_package": or("npm_package", &package),
        "python_package": or("python_package", &package),
    });
    let catalog = ordered(
        catalog,
        &[
            "name",
            "title",
            "description",
            "version",
            "code_kind",
            "docs_url",
            "source_url",
            "rust_crate",
            "npm_package",
            "python_package",
        ],
    );

    let envelope = match manifest.get("envelope").and_then(T::as_table) {
        Some(e) => json!({
            "declared": true,
            "code_field": e.get("code_field").and_then(T::as_str).unwrap_or("code"),
            "errors": list(e, "errors"),
            "warnings": list(e, "warnings"),
            "nested": list(e, "nested"),
            "platform": list(e, "platform"),
            "marker": e.get("marker").and_then(T::as_table).cloned().unwrap_or_default(),
        }),
        None => json!({
            "declared": false,
            "code_field": "code",
            "errors": ["."],
            "warnings": [],
            "nested": [],
            "platform": [],
            "marker": {},
        }),
    };
    let envelope = ordered(
        envelope,
        &[
            "declared",
            "code_field",
            "errors",
            "warnings",
            "nested",
            "platform",
            "marker",
        ],
    );

    // Groups by their lowest code, then id; a group no code names has no
    // lowest code and comes after every other.
    let mut groups: Vec<(Option<Code>, String, Value)> = files
        .iter()
        .flat_map(|f| tables(f, "group"))
        .map(|g| {
            let id = text(g, "id");
            let members: Vec<Code> = entries
                .iter()
                .filter(|e| e.get("group").and_then(T::as_str) == Some(id.as_str()))
                .map(|e| code(e))
                .collect();
            let value = json!({
                "id": id,
                "title": get(g, "title"),
                "description": get(g, "description"),
                "codes": members.iter().map(Code::json).collect::<Vec<_>>(),
            });
            (members.first().cloned(), id, value)
        })
        .collect();
    groups.sort_by(|a, b| match (&a.0, &b.0) {
        (Some(x), Some(y)) => x.cmp(y).then_with(|| a.1.cmp(&b.1)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.1.cmp(&b.1),
    });
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|g| ordered(g.2, &["id", "title", "description", "codes"]))
        .collect();

    let mut statuses: Vec<&Table> = files
        .iter()
        .flat_map(|f| tables(f, "http_status"))
        .collect();
    statuses.sort_by_key(|s| s.get("code").and_then(T::as_integer));
    let statuses: Vec<Value> = statuses
        .into_iter()
        .map(|s| {
            ordered(
                json!({
                    "code": get(s, "code"),
                    "meaning": get(s, "meaning"),
                    "success": s.get("success").and_then(T::as_bool).unwrap_or(false),
                }),
                &["code", "meaning", "success"],
            )
        })
        .collect();

    let mut platforms: Vec<&Table> = files.iter().flat_map(|f| tables(f, "platform")).collect();
    platforms.sort_by_key(|p| text(p, "id"));
    let platform_ids: BTreeSet<String> = platforms.iter().map(|p| text(p, "id")).collect();
    let platforms: Vec<Value> = platforms
        .into_iter()
        .map(|p| {
            ordered(
                json!({"id": get(p, "id"), "name": get(p, "name"), "title": get(p, "title")}),
                &["id", "name", "title"],
            )
        })
        .collect();

    let headers: Vec<Value> = tables(manifest, "header")
        .into_iter()
        .map(|h| {
            ordered(
                json!({
                    "name": get(h, "name"),
                    "direction": get(h, "direction"),
                    "description": get(h, "description"),
                    "examples": list(h, "examples"),
                }),
                &["name", "direction", "description", "examples"],
            )
        })
        .collect();
    let fields: Vec<Value> = tables(manifest, "field")
        .into_iter()
        .map(|f| {
            ordered(
                json!({
                    "name": get(f, "name"),
                    "type": get(f, "type"),
                    "description": get(f, "description"),
                }),
                &["name", "type", "description"],
            )
        })
        .collect();
    let examples: Vec<Value> = tables(manifest, "example")
        .into_iter()
        .map(|x| ordered(example(x), EXAMPLE_KEYS))
        .collect();

    let reader = Reader::new(manifest, platform_ids, int_codes);
    let mut shown_in: BTreeMap<Code, BTreeSet<Code>> = BTreeMap::new();
    for e in &entries {
        let own = code(e);
        for x in tables(e, "example") {
            let body: Value = serde_json::from_str(&text(x, "json"))
                .unwrap_or_else(|err| panic!("example body is JSON: {err}"));
            for c in reader.codes(&body) {
                let c = match c {
                    Value::Number(n) => Code::Int(n.as_i64().expect("a u32")),
                    Value::String(s) => Code::Str(s),
                    other => panic!("a code is a number or a string: {other}"),
                };
                if c != own {
                    shown_in.entry(c).or_default().insert(own.clone());
                }
            }
        }
    }
    let cx = Context {
        docs_url: manifest
            .get("docs_url")
            .and_then(T::as_str)
            .map(String::from),
        entries: &entries,
        shown_in,
    };
    let codes: Vec<Value> = entries
        .iter()
        .map(|e| ordered(entry(e, &cx), &CODE_KEYS))
        .collect();

    let mut top = Map::new();
    top.insert("format_version".into(), json!(2));
    top.insert("catalog".into(), catalog);
    top.insert("envelope".into(), envelope);
    top.insert("groups".into(), json!(groups));
    top.insert("http_statuses".into(), json!(statuses));
    top.insert("platforms".into(), json!(platforms));
    top.insert("headers".into(), json!(headers));
    top.insert("fields".into(), json!(fields));
    top.insert("examples".into(), json!(examples));
    top.insert("codes".into(), json!(codes));
    Value::Object(top)
}

const EXAMPLE_KEYS: &[&str] = &["title", "http", "subcode", "case", "body"];

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// Asserts that `export` states exactly what the catalog files `files`
/// (their TOML tables, in any order) say, keys in the documented order.
/// `what` names the catalog.
#[track_caller]
pub fn assert_states(export: &Value, files: &[Table], what: &str) {
    let want = expected(files);
    assert_eq!(keys(export), TOP_KEYS, "{what}: top-level keys");
    for key in TOP_KEYS.iter().filter(|k| **k != "codes") {
        let (got, want) = (&export[*key], &want[*key]);
        assert_eq!(
            got, want,
            "{what}: `{key}` (left: the export, right: the TOML)"
        );
        // `==` on JSON objects ignores key order; the export's is fixed.
        assert_eq!(
            serde_json::to_string(got).unwrap(),
            serde_json::to_string(want).unwrap(),
            "{what}: `{key}`, key order"
        );
    }
    let got_codes = export["codes"].as_array().cloned().unwrap_or_default();
    let want_codes = want["codes"].as_array().cloned().unwrap_or_default();
    let code_list = |v: &[Value]| v.iter().map(|c| c["code"].clone()).collect::<Vec<_>>();
    assert_eq!(
        code_list(&got_codes),
        code_list(&want_codes),
        "{what}: the codes, in order"
    );
    for (got, want) in got_codes.iter().zip(&want_codes) {
        let code = &want["code"];
        assert_eq!(keys(got), CODE_KEYS, "{what}: keys of code {code}");
        for key in CODE_KEYS {
            assert_eq!(
                got[key], want[key],
                "{what}: `{key}` of code {code} (left: the export, right: the TOML)"
            );
        }
        assert_eq!(
            serde_json::to_string(got).unwrap(),
            serde_json::to_string(want).unwrap(),
            "{what}: code {code}, key order"
        );
    }
}
