//! JSON Schemas (draft 2020-12) and the export, under `generated/schema/`:
//!
//! - `catalog-file.schema.json`: the shape of one catalog TOML file, for
//!   editors (taplo and Even Better TOML read a `#:schema` line). It is
//!   derived by schemars from the structs the loader reads (`raw.rs`), so
//!   the format and the editor schema cannot drift; the closed word lists
//!   come from the IR's `WORDS`.
//! - `catalog-export.schema.json`: the shape of `errcat export`, format 2.
//! - `error-response.schema.json`: the API's error responses, built from
//!   the catalog's envelope (where error objects, warnings and nested
//!   bodies sit) and its documented `[[catalog.field]]`s. It is open:
//!   codes of the catalog's kind, platforms and fields the catalog does not
//!   know yet are valid.
//! - `catalog.json`: the export itself.
//!
//! Every schema is a `serde_json` value with its keys in the order written
//! (`preserve_order` is on), printed with two-space indentation and a final
//! newline, so the output is byte-for-byte stable.

use serde_json::{Map, Value, json};

use crate::emit::{EmitError, header_line};
use crate::export;
use crate::ir::{
    self, Appearance, Catalog, CodeKind, Direction, Envelope, Relink, Remedy, RetryKind, Segment,
    Severity,
};
use crate::raw::json_schema::STRING_CODE_PATTERN;
use crate::writer::GeneratedFile;

/// The dialect of every schema emitted here.
pub const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

pub const FILE_SCHEMA: &str = "catalog-file.schema.json";
pub const EXPORT_SCHEMA: &str = "catalog-export.schema.json";
pub const RESPONSE_SCHEMA: &str = "error-response.schema.json";
pub const EXPORT_JSON: &str = "catalog.json";

/// `$id` of the catalog-file schema; it describes errcat's format, not a
/// catalog, so it is the same for every catalog.
pub const FILE_SCHEMA_ID: &str = "https://errcat.github.io/schema/v1/catalog-file.schema.json";
/// `$id` of the export schema; the same for every catalog.
pub const EXPORT_SCHEMA_ID: &str = "https://errcat.github.io/schema/v1/catalog-export.schema.json";

/// Largest integer error code (integer codes are `u32`).
const MAX_CODE: u64 = u32::MAX as u64;

pub fn emit(c: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    Ok(vec![
        GeneratedFile::new(EXPORT_SCHEMA, pretty(&catalog_export_schema(c))?),
        GeneratedFile::new(FILE_SCHEMA, pretty(&catalog_file_schema(c))?),
        GeneratedFile::new(EXPORT_JSON, export::export_string(c)),
        GeneratedFile::new(RESPONSE_SCHEMA, pretty(&error_response_schema(c))?),
    ])
}

fn pretty(v: &Value) -> Result<String, EmitError> {
    let mut s = serde_json::to_string_pretty(v)
        .map_err(|e| EmitError(format!("cannot print a JSON schema: {e}")))?;
    s.push('\n');
    Ok(s)
}

// ------------------------------------------------------------ building blocks

fn string(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn boolean(description: &str) -> Value {
    json!({ "type": "boolean", "description": description })
}

fn int_range(description: &str, min: u64, max: u64) -> Value {
    json!({ "type": "integer", "description": description, "minimum": min, "maximum": max })
}

fn words(description: &str, list: &[&str]) -> Value {
    json!({ "type": "string", "description": description, "enum": list })
}

fn array(description: &str, items: Value) -> Value {
    json!({ "type": "array", "description": description, "items": items })
}

fn strings(description: &str) -> Value {
    array(description, json!({ "type": "string" }))
}

/// `schema`, or `null`: the export writes every unset value as `null`.
fn nullable(mut schema: Value) -> Value {
    let Value::Object(o) = &mut schema else {
        return schema;
    };
    if let Some(Value::Array(list)) = o.get_mut("enum") {
        list.push(Value::Null);
    }
    match o.get_mut("type") {
        Some(Value::String(t)) => {
            let t = std::mem::take(t);
            o.insert("type".into(), json!([t, "null"]));
            schema
        }
        Some(Value::Array(types)) => {
            types.push("null".into());
            schema
        }
        // A `$ref`: a choice between it and null, the description outside.
        _ => {
            let description = o.shift_remove("description");
            let mut out = Map::new();
            if let Some(d) = description {
                out.insert("description".into(), d);
            }
            out.insert(
                "anyOf".into(),
                json!([Value::Object(std::mem::take(o)), { "type": "null" }]),
            );
            Value::Object(out)
        }
    }
}

/// A reference to `#/$defs/{name}`, with the description of the place that
/// uses it (editors show the nearest one).
fn def(name: &str, description: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}"), "description": description })
}

fn def_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}") })
}

fn props(list: Vec<(&str, Value)>) -> Map<String, Value> {
    list.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// An object that takes exactly the listed keys, all of them required, like
/// the export's structs (which always write every key).
fn closed(description: &str, properties: Vec<(&str, Value)>) -> Value {
    let mut o = Map::new();
    o.insert("type".into(), "object".into());
    o.insert("description".into(), description.into());
    close_into(&mut o, properties);
    Value::Object(o)
}

/// Adds `required` (every key), `properties` and `additionalProperties:
/// false` to `o`.
fn close_into(o: &mut Map<String, Value>, properties: Vec<(&str, Value)>) {
    let required: Vec<&str> = properties.iter().map(|(k, _)| *k).collect();
    o.insert("required".into(), json!(required));
    o.insert("properties".into(), Value::Object(props(properties)));
    o.insert("additionalProperties".into(), false.into());
}

/// The head every schema starts with.
fn head(id: &str, title: &str, description: &str, c: &Catalog) -> Map<String, Value> {
    let mut o = Map::new();
    o.insert("$schema".into(), DRAFT_2020_12.into());
    o.insert("$id".into(), id.into());
    o.insert("title".into(), title.into());
    o.insert("description".into(), description.into());
    o.insert("$comment".into(), header_line(c).into());
    o
}

// ------------------------------------------------------------ retry policies

/// The parameters a retry policy takes. Exhaustive, so a new policy cannot
/// be added without deciding its parameters here.
fn retry_params(k: RetryKind) -> &'static [&'static str] {
    match k {
        RetryKind::Never | RetryKind::FailedPlatforms => &[],
        RetryKind::Backoff => &["min_delay_secs"],
        RetryKind::AfterDelay => &["delay_field", "delay_format"],
        RetryKind::AfterEvent => &["event"],
    }
}

/// Per-policy rules: only the policy's own parameters, and the ones it
/// needs. In a catalog file `min_delay_secs` is optional; the export always
/// writes it (as `null` when unset). The validator checks the same (E0311);
/// serde cannot say it, so these rules are added to the derived schema.
fn retry_rules(min_delay_required: bool) -> Value {
    let rules: Vec<Value> = RetryKind::ALL
        .iter()
        .map(|&k| {
            let params = retry_params(k);
            let required: Vec<&str> = params
                .iter()
                .copied()
                .filter(|p| *p != "min_delay_secs" || min_delay_required)
                .collect();
            let mut allowed = vec!["policy"];
            allowed.extend_from_slice(params);
            let mut then = Map::new();
            if !required.is_empty() {
                then.insert("required".into(), json!(required));
            }
            then.insert("propertyNames".into(), json!({ "enum": allowed }));
            json!({
                "if": {
                    "properties": { "policy": { "const": k.as_str() } },
                    "required": ["policy"],
                },
                "then": then,
            })
        })
        .collect();
    Value::Array(rules)
}

// ------------------------------------------------------------ catalog file

/// The schema of one catalog TOML file, read as JSON data: schemars'
/// schema of [`crate::raw::RawFile`], with the rules serde cannot express
/// (a retry policy's parameters) added, and without `null` (TOML has none:
/// an `Option` is a key that may be left out).
pub fn catalog_file_schema(c: &Catalog) -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut derived = generator
        .into_root_schema_for::<crate::raw::RawFile>()
        .to_value();
    drop_null(&mut derived);
    reflow_descriptions(&mut derived);
    let Value::Object(mut derived) = derived else {
        return Value::Null;
    };
    if let Some(Value::Object(retry)) = derived.get_mut("$defs").and_then(|d| d.get_mut("retry")) {
        retry.insert("allOf".into(), retry_rules(false));
    }
    let description = derived
        .shift_remove("description")
        .and_then(|d| d.as_str().map(str::to_string))
        .unwrap_or_default();
    derived.shift_remove("$schema");
    derived.shift_remove("title");
    let mut s = head(FILE_SCHEMA_ID, "errcat catalog file", &description, c);
    s.extend(derived);
    Value::Object(s)
}

/// Removes `null` from every schema: the `Option` fields of the raw structs
/// are keys a file may leave out, never nulls (TOML has no null). Also
/// drops empty-list defaults (below).
fn drop_null(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if let Some(Value::Array(types)) = o.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    o.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(list)) = o.get_mut("enum") {
                list.retain(|w| !w.is_null());
            }
            // schemars writes `default: []` only for lists whose Rust item
            // type happens to be `Serialize`; an empty list says nothing a
            // missing key does not, so none is written.
            if o.get("default").is_some_and(|d| d == &json!([])) {
                o.shift_remove("default");
            }
            let null = json!({ "type": "null" });
            if let Some(Value::Array(choices)) = o.get_mut("anyOf")
                && choices.contains(&null)
            {
                choices.retain(|s| *s != null);
                // One choice left: the choice itself, beside the
                // description of the place.
                if let [Value::Object(only)] = choices.as_mut_slice() {
                    let only = std::mem::take(only);
                    o.shift_remove("anyOf");
                    for (k, v) in only {
                        o.entry(k).or_insert(v);
                    }
                }
            }
            for child in o.values_mut() {
                drop_null(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null),
        _ => {}
    }
}

/// Doc comments arrive with their line breaks: each paragraph becomes one
/// line, as an editor's tooltip wraps it anyway.
fn reflow_descriptions(v: &mut Value) {
    match v {
        Value::Object(o) => {
            for (k, child) in o.iter_mut() {
                match child {
                    Value::String(s) if k == "description" => {
                        *s = s
                            .split("\n\n")
                            .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
                            .collect::<Vec<_>>()
                            .join("\n\n");
                    }
                    _ => reflow_descriptions(child),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(reflow_descriptions),
        _ => {}
    }
}

// ------------------------------------------------------------ export

/// The schema of `errcat export` (and `catalog.json`), format version 2.
/// It is the same for every catalog: codes are integers or strings, and
/// `catalog.code_kind` says which (every code of one export has that kind).
pub fn catalog_export_schema(c: &Catalog) -> Value {
    let mut s = head(
        EXPORT_SCHEMA_ID,
        "errcat catalog export",
        "The validated catalog as one JSON document, as printed by `errcat export` (format \
         version 2). Every key is always present: a value or fact the catalog does not state \
         is null, a list is [] when empty.",
        c,
    );
    s.insert("type".into(), "object".into());
    close_into(
        &mut s,
        vec![
            (
                "format_version",
                json!({ "description": "Version of the export format.", "const": export::FORMAT_VERSION }),
            ),
            (
                "catalog",
                closed(
                    "The manifest, with the defaults of the keys it leaves out.",
                    vec![
                        ("name", string("Machine name of the catalog.")),
                        (
                            "title",
                            string("Human name of the API; the name when not set."),
                        ),
                        (
                            "description",
                            nullable(string("What the catalog covers, or null.")),
                        ),
                        ("version", string("Version of the catalog.")),
                        (
                            "code_kind",
                            words(
                                "Whether the catalog's codes are integers or strings; every code of the export has this kind.",
                                &[CodeKind::Int.as_str(), CodeKind::Str.as_str()],
                            ),
                        ),
                        (
                            "docs_url",
                            nullable(string("Base URL of the generated reference, or null.")),
                        ),
                        (
                            "source_url",
                            nullable(string("URL of the API's own error documentation, or null.")),
                        ),
                        ("rust_crate", string("Name of the generated Rust crate.")),
                        ("npm_package", string("Name of the generated npm package.")),
                        (
                            "python_package",
                            string("Name of the generated Python distribution."),
                        ),
                    ],
                ),
            ),
            (
                "envelope",
                closed(
                    "Where a response body holds error objects. Paths are `.` (the body), keys joined by `.`, `[]` after a key for each element of an array, `{platform}` for keys that are platform ids, `*` for any other key, and `{key}` (platform paths only) for the key an object sat under.",
                    vec![
                        (
                            "declared",
                            boolean(
                                "False when the catalog declares no envelope: the body itself is the error object, its code in `code`.",
                            ),
                        ),
                        (
                            "code_field",
                            string("The field of an error object that holds the code."),
                        ),
                        (
                            "errors",
                            strings("Paths of error objects, in reading order."),
                        ),
                        ("warnings", strings("Paths of warning objects.")),
                        (
                            "nested",
                            strings("Paths of parts that are whole response bodies again."),
                        ),
                        (
                            "platform",
                            strings(
                                "Paths, relative to an error object, that name its platform; the first that holds a string wins.",
                            ),
                        ),
                        (
                            "marker",
                            json!({
                                "description": "Fields, with their values, that an object found under `*` must hold to be an error object.",
                                "type": "object",
                                "additionalProperties": { "type": "string" },
                            }),
                        ),
                    ],
                ),
            ),
            (
                "groups",
                array(
                    "Named sets of codes, by their lowest code; groups no code names come last.",
                    closed(
                        "A group.",
                        vec![
                            ("id", string("kebab-case id.")),
                            ("title", string("Human title.")),
                            (
                                "description",
                                nullable(string("What the codes have in common, or null.")),
                            ),
                            ("codes", codes("The group's codes, in code order.")),
                        ],
                    ),
                ),
            ),
            (
                "http_statuses",
                array(
                    "The HTTP statuses, sorted by code.",
                    closed(
                        "An HTTP status.",
                        vec![
                            ("code", int_range("The status code.", 100, 599)),
                            ("meaning", string("The reason phrase.")),
                            (
                                "success",
                                boolean("True for the status the API uses for success."),
                            ),
                        ],
                    ),
                ),
            ),
            (
                "platforms",
                array(
                    "The platforms, sorted by id.",
                    closed(
                        "A platform.",
                        vec![
                            (
                                "id",
                                string(
                                    "The value the API writes where a response names the platform.",
                                ),
                            ),
                            ("name", string("Identifier for generated code.")),
                            ("title", string("Display name.")),
                        ],
                    ),
                ),
            ),
            (
                "headers",
                array(
                    "HTTP headers the API documents for error handling.",
                    closed(
                        "A header.",
                        vec![
                            ("name", string("The header name.")),
                            (
                                "direction",
                                words("Who sends the header.", Direction::WORDS),
                            ),
                            ("description", string("What the header does.")),
                            ("examples", strings("Sample header lines.")),
                        ],
                    ),
                ),
            ),
            (
                "fields",
                array(
                    "Fields of error responses.",
                    closed(
                        "A response field.",
                        vec![
                            (
                                "name",
                                string("Dotted path of the field in a response body."),
                            ),
                            ("type", words("JSON type of the field.", ir::FIELD_TYPES)),
                            ("description", string("What the field holds.")),
                        ],
                    ),
                ),
            ),
            (
                "examples",
                array(
                    "Examples of the response format in general; their `http`, `subcode` and `case` are null.",
                    def_ref("example"),
                ),
            ),
            (
                "codes",
                array("The error codes, sorted by code.", def_ref("entry")),
            ),
        ],
    );
    s.insert(
        "allOf".into(),
        json!([code_kind_rule(CodeKind::Int), code_kind_rule(CodeKind::Str)]),
    );
    s.insert("$defs".into(), Value::Object(export_defs()));
    Value::Object(s)
}

/// An array of codes, each of the catalog's kind.
fn codes(description: &str) -> Value {
    array(description, def_ref("code"))
}

/// The name of the `$defs` entry for one kind of code.
fn code_def_name(kind: CodeKind) -> &'static str {
    match kind {
        CodeKind::Int => "integerCode",
        CodeKind::Str => "stringCode",
    }
}

/// When `catalog.code_kind` is `kind`, every code in the export is of that
/// kind: an entry's own code, the codes it links to, and the groups' codes.
fn code_kind_rule(kind: CodeKind) -> Value {
    let k = def_ref(code_def_name(kind));
    let list = json!({ "items": k });
    json!({
        "if": {
            "properties": { "catalog": { "properties": { "code_kind": { "const": kind.as_str() } } } },
        },
        "then": {
            "properties": {
                "groups": { "items": { "properties": { "codes": list } } },
                "codes": {
                    "items": {
                        "properties": {
                            "code": k,
                            "superseded_by": list,
                            "replaces": list,
                            "replaced_by": list,
                            "related": list,
                            "shown_in": list,
                        },
                    },
                },
            },
        },
    })
}

fn export_defs() -> Map<String, Value> {
    let nullable_words = |d: &str, list: &[&str]| nullable(words(d, list));
    let mut retry = closed(
        "The retry policy: `policy` and that policy's parameters, nothing else.",
        vec![
            (
                "policy",
                words("The kind of retry policy.", RetryKind::WORDS),
            ),
            (
                "min_delay_secs",
                json!({
                    "type": ["integer", "null"],
                    "description": "`backoff`: the least wait before the first retry, in seconds, or null.",
                    "minimum": 1,
                    "maximum": 86_400,
                }),
            ),
            (
                "delay_field",
                string("`after-delay`: the response field that carries the delay."),
            ),
            (
                "delay_format",
                string("`after-delay`: how the delay is written, `{seconds}` marking the number."),
            ),
            (
                "event",
                string("`after-event`: what must happen before a retry can succeed."),
            ),
        ],
    );
    // Only `policy` is always written; the rules say which parameters go
    // with it.
    retry["required"] = json!(["policy"]);
    retry["allOf"] = retry_rules(true);
    props(vec![
        (
            "code",
            json!({
                "description": "An error code: an integer or a string, as `catalog.code_kind` says.",
                "anyOf": [def_ref(code_def_name(CodeKind::Int)), def_ref(code_def_name(CodeKind::Str))],
            }),
        ),
        (
            code_def_name(CodeKind::Int),
            int_range("An integer error code.", 0, MAX_CODE),
        ),
        (
            code_def_name(CodeKind::Str),
            json!({
                "type": "string",
                "description": "A string error code: 1 to 64 ASCII letters, digits, `_`, `-` and `.`, not only dots.",
                "maxLength": ir::MAX_STRING_CODE,
                "pattern": STRING_CODE_PATTERN,
            }),
        ),
        (
            "example",
            closed(
                "An example response body.",
                vec![
                    ("title", string("Caption of the example.")),
                    (
                        "http",
                        json!({ "type": ["integer", "null"], "description": "The HTTP status that comes with the body, or null.", "minimum": 100, "maximum": 599 }),
                    ),
                    (
                        "subcode",
                        json!({ "type": ["integer", "null"], "description": "The sub-code the example shows, or null.", "minimum": 0 }),
                    ),
                    (
                        "case",
                        nullable(string("The id of the case the example shows, or null.")),
                    ),
                    (
                        "body",
                        json!({ "type": "object", "description": "The response body, keys in the order written." }),
                    ),
                ],
            ),
        ),
        (
            "entry",
            closed(
                "An error code. A fact the catalog does not state for it is null.",
                vec![
                    ("code", def("code", "The code the API sends.")),
                    ("name", string("PascalCase identifier.")),
                    ("title", string("Short human title.")),
                    (
                        "group",
                        nullable(string("Id of the group the code belongs to, or null.")),
                    ),
                    (
                        "http_status",
                        json!({ "type": ["integer", "null"], "description": "The HTTP status, or null where the catalog states none.", "minimum": 100, "maximum": 599 }),
                    ),
                    (
                        "action",
                        nullable(string(
                            "The `action` value, or null where the catalog states none.",
                        )),
                    ),
                    (
                        "platforms",
                        nullable(strings(
                            "Platform ids the code concerns, [] for no platform in particular, or null where the catalog states none.",
                        )),
                    ),
                    (
                        "severity",
                        nullable_words("`error`, `warning`, or null.", Severity::WORDS),
                    ),
                    (
                        "appears_in",
                        nullable(array(
                            "Where the error object sits in a response, or null.",
                            json!({ "type": "string", "enum": Appearance::WORDS }),
                        )),
                    ),
                    (
                        "retryable",
                        json!({ "type": ["boolean", "null"], "description": "False when the retry policy is `never`; null without a retry policy." }),
                    ),
                    (
                        "retry",
                        nullable(def(
                            "retry",
                            "The retry policy and its parameters, or null.",
                        )),
                    ),
                    (
                        "relink",
                        json!({ "type": ["boolean", "null"], "description": "True when the user must relink the account; null where the catalog states nothing." }),
                    ),
                    (
                        "relink_policy",
                        nullable_words("The relink word, or null.", Relink::WORDS),
                    ),
                    (
                        "remedy",
                        nullable_words("The default remedy, or null.", Remedy::WORDS),
                    ),
                    ("messages", strings("The exact message texts.")),
                    (
                        "description",
                        nullable(string("When the error happens, or null.")),
                    ),
                    ("advice", nullable(string("What to do about it, or null."))),
                    (
                        "subcodes",
                        array(
                            "Upstream codes that refine this one.",
                            closed(
                                "A sub-code.",
                                vec![
                                    (
                                        "code",
                                        json!({ "type": "integer", "description": "The upstream code.", "minimum": 0 }),
                                    ),
                                    ("source", string("Whose code it is.")),
                                    (
                                        "upstream_field",
                                        string("The upstream field that carries it."),
                                    ),
                                    (
                                        "response_field",
                                        nullable(string(
                                            "The response field where it shows, or null.",
                                        )),
                                    ),
                                    ("description", string("What the sub-code means.")),
                                    (
                                        "upstream_message",
                                        nullable(string("Upstream's own message, or null.")),
                                    ),
                                    (
                                        "message",
                                        nullable(string("Override of the message, or null.")),
                                    ),
                                    (
                                        "relink",
                                        nullable_words(
                                            "Override of the relink word, or null.",
                                            Relink::WORDS,
                                        ),
                                    ),
                                    (
                                        "retry_available",
                                        json!({ "type": ["boolean", "null"], "description": "Override of `retryable`, or null." }),
                                    ),
                                    (
                                        "remedy",
                                        nullable_words(
                                            "Override of the remedy, or null.",
                                            Remedy::WORDS,
                                        ),
                                    ),
                                ],
                            ),
                        ),
                    ),
                    (
                        "cases",
                        array(
                            "Distinct situations behind the code.",
                            closed(
                                "A case.",
                                vec![
                                    ("id", string("kebab-case identifier.")),
                                    ("title", string("Short human title.")),
                                    ("signal", string("How to recognise the case.")),
                                    ("advice", string("What to do in this case.")),
                                    (
                                        "message",
                                        nullable(string("Override of the message, or null.")),
                                    ),
                                    (
                                        "relink",
                                        nullable_words(
                                            "Override of the relink word, or null.",
                                            Relink::WORDS,
                                        ),
                                    ),
                                    (
                                        "remedy",
                                        nullable_words(
                                            "Override of the remedy, or null.",
                                            Remedy::WORDS,
                                        ),
                                    ),
                                ],
                            ),
                        ),
                    ),
                    ("superseded_by", codes("Codes that replace this one.")),
                    ("replaces", codes("Codes this one replaces.")),
                    (
                        "replaced_by",
                        codes("Derived: codes whose `replaces` lists this one, sorted."),
                    ),
                    (
                        "related",
                        codes("Codes worth reading together with this one."),
                    ),
                    (
                        "retired",
                        nullable(string("When and why the code was retired, or null.")),
                    ),
                    (
                        "fields",
                        array(
                            "Extra response fields this code carries.",
                            closed(
                                "A response field.",
                                vec![
                                    ("name", string("The field name.")),
                                    ("description", string("What it means for this code.")),
                                ],
                            ),
                        ),
                    ),
                    (
                        "headers",
                        array(
                            "Response headers that come with this code.",
                            closed(
                                "A response header.",
                                vec![
                                    ("name", string("The header name.")),
                                    ("value", nullable(string("The value it carries, or null."))),
                                    ("description", string("What it means for this code.")),
                                ],
                            ),
                        ),
                    ),
                    (
                        "history",
                        array(
                            "Dated notes on changes to the code.",
                            closed(
                                "A history note.",
                                vec![
                                    ("date", string("`YYYY-MM`, `YYYY-MM-DD` or `unknown`.")),
                                    ("note", string("What changed.")),
                                ],
                            ),
                        ),
                    ),
                    (
                        "examples",
                        array("The entry's own examples.", def_ref("example")),
                    ),
                    (
                        "shown_in",
                        codes("Derived: other entries whose examples also show this code, sorted."),
                    ),
                    (
                        "anchor",
                        string("Id of the code's section in the reference, `code-` and the code."),
                    ),
                    (
                        "docs_url",
                        nullable(string(
                            "URL of the code's section in the reference, or null when the catalog has no `docs_url`.",
                        )),
                    ),
                ],
            ),
        ),
        ("retry", retry),
    ])
}

// ------------------------------------------------------------ error responses

/// Whether the object at a place is an error (or warning) object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    /// Not one.
    No,
    /// One when it holds the code: a platform's or any key's value, and the
    /// body beside lists of error objects (where it may only summarise).
    IfCode,
    /// Always one: an element of a list of error objects, the value of a
    /// key the envelope names, the body when nothing else can be.
    Always,
}

/// One place in a response body, built from the envelope's paths and the
/// documented fields, then rendered as a schema.
#[derive(Debug)]
struct Node<'a> {
    /// The path of the place, as the catalog writes paths (`errors[]`).
    path: String,
    /// The `[[catalog.field]]` documenting this place.
    doc: Option<&'a ir::Field>,
    error: Role,
    warning: Role,
    /// A whole body again (`nested`).
    body: bool,
    /// ... but only when it holds one of the error lists (a `*` part).
    body_if_list: bool,
    /// The code field of an error or warning object.
    code: bool,
    /// A field that names the object's platform.
    platform: bool,
    /// Keys under this object, in the order they are first named.
    keys: Vec<(String, Node<'a>)>,
    each: Option<Box<Node<'a>>>,
    platform_key: Option<Box<Node<'a>>>,
    any_key: Option<Box<Node<'a>>>,
}

impl<'a> Node<'a> {
    fn new(path: String) -> Self {
        Node {
            path,
            doc: None,
            error: Role::No,
            warning: Role::No,
            body: false,
            body_if_list: false,
            code: false,
            platform: false,
            keys: Vec::new(),
            each: None,
            platform_key: None,
            any_key: None,
        }
    }

    /// The path of a child place.
    fn child_path(&self, s: &Segment) -> String {
        let base = if self.path == "." { "" } else { &self.path };
        let sep = if base.is_empty() { "" } else { "." };
        match s {
            Segment::Each => format!("{base}[]"),
            Segment::Key(k) => format!("{base}{sep}{k}"),
            Segment::PlatformKey => format!("{base}{sep}{{platform}}"),
            Segment::AnyKey => format!("{base}{sep}*"),
            Segment::Body | Segment::ParentKey => self.path.clone(),
        }
    }

    /// The place `segments` lead to from here, made on the way.
    fn walk(&mut self, segments: &[Segment]) -> &mut Node<'a> {
        let Some((first, rest)) = segments.split_first() else {
            return self;
        };
        let path = self.child_path(first);
        let next: &mut Node<'a> = match first {
            Segment::Body | Segment::ParentKey => self,
            Segment::Key(k) => {
                let i = match self.keys.iter().position(|(name, _)| name == k) {
                    Some(i) => i,
                    None => {
                        self.keys.push((k.clone(), Node::new(path)));
                        self.keys.len() - 1
                    }
                };
                &mut self.keys[i].1
            }
            Segment::Each => self.each.get_or_insert_with(|| Box::new(Node::new(path))),
            Segment::PlatformKey => self
                .platform_key
                .get_or_insert_with(|| Box::new(Node::new(path))),
            Segment::AnyKey => self
                .any_key
                .get_or_insert_with(|| Box::new(Node::new(path))),
        };
        next.walk(rest)
    }

    /// Every error and warning place under (and at) this one.
    fn object_places(&mut self, out: &mut dyn FnMut(&mut Node<'a>)) {
        if self.error != Role::No || self.warning != Role::No {
            out(self);
        }
        for (_, child) in &mut self.keys {
            child.object_places(out);
        }
        for child in [&mut self.each, &mut self.platform_key, &mut self.any_key]
            .into_iter()
            .flatten()
        {
            child.object_places(out);
        }
    }

    /// Gives each key that is a platform id the roles of the
    /// `{platform}` place beside it.
    fn share_platform_roles(&mut self, is_platform: &dyn Fn(&str) -> bool) {
        if let Some(pk) = &self.platform_key {
            let (error, warning, body) = (pk.error, pk.warning, pk.body);
            for (k, child) in &mut self.keys {
                if is_platform(k) {
                    child.error = child.error.max(error);
                    child.warning = child.warning.max(warning);
                    child.body |= body;
                }
            }
        }
        for (_, child) in &mut self.keys {
            child.share_platform_roles(is_platform);
        }
        for child in [&mut self.each, &mut self.platform_key, &mut self.any_key]
            .into_iter()
            .flatten()
        {
            child.share_platform_roles(is_platform);
        }
    }

    fn always_object(&self) -> bool {
        self.error == Role::Always || self.warning == Role::Always
    }
}

/// A documented field's name as a path: keys joined by `.`, `[]` after a
/// key for each element, `{platform}` and `*` as in envelope paths. Field
/// names are free text in the catalog, so a name that is no path (an empty
/// key, a lone `.`) documents nothing the schema can place, and is left to
/// the reference.
fn field_path(name: &str) -> Option<Vec<Segment>> {
    let mut out = Vec::new();
    for part in name.split('.') {
        let mut key = part;
        let mut each = 0;
        while let Some(k) = key.strip_suffix("[]") {
            key = k;
            each += 1;
        }
        out.push(match key {
            "" => return None,
            "{platform}" => Segment::PlatformKey,
            "*" => Segment::AnyKey,
            k => Segment::Key(k.to_string()),
        });
        out.extend(std::iter::repeat_n(Segment::Each, each));
    }
    Some(out)
}

/// The role of the object at the end of an error or warning path.
fn role_of(path: &ir::Path, env: &Envelope) -> Role {
    match path.0.last() {
        Some(Segment::PlatformKey | Segment::AnyKey) => Role::IfCode,
        Some(Segment::Each | Segment::Key(_)) => Role::Always,
        // The body: an error object for sure only when nothing else in it
        // can be one (so a success with warnings has no code).
        _ => {
            let only_body = env
                .errors
                .iter()
                .chain(&env.warnings)
                .all(|p| p.0.is_empty() || p.0 == [Segment::Body]);
            if only_body && env.nested.is_empty() {
                Role::Always
            } else {
                Role::IfCode
            }
        }
    }
}

/// The places of a response body, from the envelope and the fields.
fn response_tree<'a>(c: &'a Catalog) -> Node<'a> {
    let env = &c.envelope;
    let mut root = Node::new(".".to_string());
    // Documented fields first: their order is the author's.
    for f in &c.fields {
        if let Some(path) = field_path(&f.name) {
            root.walk(&path).doc = Some(f);
        }
    }
    for p in &env.errors {
        let role = role_of(p, env);
        let node = root.walk(&p.0);
        node.error = node.error.max(role);
    }
    for p in &env.warnings {
        let role = role_of(p, env);
        let node = root.walk(&p.0);
        node.warning = node.warning.max(role);
    }
    for p in &env.nested {
        let node = root.walk(&p.0);
        // The envelope reader takes a lone `*` for a body only when it
        // holds one of the error lists; any other key is the endpoint's.
        if p.0 == [Segment::AnyKey] {
            node.body_if_list = true;
        } else {
            node.body = true;
        }
    }
    // A key that is a platform id is a `{platform}` place too (a catalog
    // documents `facebook.code` for all of them).
    let is_platform = |k: &str| c.platforms.iter().any(|p| p.id == k);
    root.share_platform_roles(&is_platform);
    // The code and the platform fields of every error and warning object.
    let code_field = Segment::Key(env.code_field.clone());
    root.object_places(&mut |place| {
        place.walk(std::slice::from_ref(&code_field)).code = true;
        for p in &env.platform {
            if p.0.iter().all(|s| matches!(s, Segment::Key(_))) {
                place.walk(&p.0).platform = true;
            }
        }
    });
    root
}

/// What rendering needs besides a node.
struct Render<'a> {
    c: &'a Catalog,
    /// Keys of the error lists (`errors` of `errors[]`): a `*` part is a
    /// body when it holds one of them.
    list_keys: Vec<&'a str>,
    /// `$defs` made while rendering (platform-keyed places).
    defs: Map<String, Value>,
    uses_platform: bool,
}

impl Render<'_> {
    fn node(&mut self, n: &Node<'_>, refs: Vec<String>) -> Value {
        let mut o = Map::new();
        let mut refs = refs;
        if n.body {
            refs.insert(0, "#".to_string());
        }
        if n.code {
            refs.push("#/$defs/code".to_string());
        } else if n.platform {
            self.uses_platform = true;
            refs.push("#/$defs/platform".to_string());
        }
        match refs.as_slice() {
            [] => {}
            [one] => {
                o.insert("$ref".into(), one.as_str().into());
            }
            many => {
                let all: Vec<Value> = many.iter().map(|r| json!({ "$ref": r })).collect();
                o.insert("allOf".into(), Value::Array(all));
            }
        }
        // The envelope decides a place's type where it says something; a
        // documented type only where it does not.
        let ty = if n.code || n.platform || n.body {
            None
        } else if n.each.is_some() {
            Some("array")
        } else if n.always_object() {
            Some("object")
        } else {
            n.doc.map(|d| d.ty.as_str())
        };
        if let Some(t) = ty {
            o.insert("type".into(), t.into());
        }
        o.insert("description".into(), self.describe(n).into());
        if n.always_object() {
            o.insert("required".into(), json!([self.c.envelope.code_field]));
        }
        let mut properties = Map::new();
        let keyed_def = match &n.platform_key {
            Some(pk) if !self.c.platforms.is_empty() => {
                let name = self.def_name("platformResult");
                let def = self.node(pk, Vec::new());
                self.defs.insert(name.clone(), def);
                Some(name)
            }
            _ => None,
        };
        let c = self.c;
        for (k, child) in &n.keys {
            let platform = c.platforms.iter().find(|p| p.id == *k);
            let mut refs = Vec::new();
            if let (Some(def), Some(_)) = (&keyed_def, platform) {
                refs.push(format!("#/$defs/{def}"));
            }
            let mut v = self.node(child, refs);
            if let (Some(_), Some(p), Value::Object(o)) = (&keyed_def, platform, &mut v) {
                insert_after_ref(o, "title", p.title.as_str().into());
            }
            properties.insert(k.clone(), v);
        }
        if let (Some(def), Some(pk)) = (&keyed_def, &n.platform_key) {
            for p in &c.platforms {
                if properties.contains_key(&p.id) {
                    continue;
                }
                properties.insert(
                    p.id.clone(),
                    json!({
                        "$ref": format!("#/$defs/{def}"),
                        "title": p.title,
                        "description": platform_key_text(self.c, pk, &p.title),
                    }),
                );
            }
        }
        if !properties.is_empty() {
            o.insert("properties".into(), Value::Object(properties));
        }
        if let Some(each) = &n.each {
            let items = self.node(each, Vec::new());
            o.insert("items".into(), items);
        }
        if let Some(any) = &n.any_key {
            let mut v = self.node(any, Vec::new());
            let marked = any.error != Role::No || any.warning != Role::No;
            if marked && !self.c.envelope.marker.is_empty() {
                // Under any key, only an object with the marker is an
                // error object: a successful result may hold a code of a
                // type of its own.
                v = self.only_when_marked(v);
            }
            if any.body_if_list {
                self.body_if_list(&mut v);
            }
            o.insert("additionalProperties".into(), v);
        }
        Value::Object(o)
    }

    /// `v`'s object rules, applied only to an object that holds every
    /// field of the envelope's marker with its value.
    fn only_when_marked(&self, v: Value) -> Value {
        let Value::Object(mut o) = v else { return v };
        let description = o.remove("description");
        let mut marker = Map::new();
        for (field, value) in &self.c.envelope.marker {
            marker.insert(field.clone(), json!({ "const": value }));
        }
        let fields: Vec<&str> = self
            .c
            .envelope
            .marker
            .iter()
            .map(|(f, _)| f.as_str())
            .collect();
        let mut out = Map::new();
        if let Some(d) = description {
            out.insert("description".into(), d);
        }
        out.insert(
            "allOf".into(),
            json!([{
                "if": { "type": "object", "required": fields, "properties": marker },
                "then": Value::Object(o),
            }]),
        );
        Value::Object(out)
    }

    /// A `*` part is a whole body when it is an object holding one of the
    /// error lists, as the envelope reader decides; anything else under an
    /// endpoint's own key is left alone.
    fn body_if_list(&self, v: &mut Value) {
        let Value::Object(o) = v else { return };
        let holds: Vec<Value> = self
            .list_keys
            .iter()
            .map(|k| {
                json!({
                    "required": [k],
                    "properties": { (*k): { "type": "array" } },
                })
            })
            .collect();
        let mut condition = Map::new();
        condition.insert("type".into(), "object".into());
        match holds.as_slice() {
            [] => return,
            [one] => {
                if let Value::Object(one) = one {
                    condition.extend(one.clone());
                }
            }
            _ => {
                condition.insert("anyOf".into(), Value::Array(holds));
            }
        }
        o.insert("if".into(), Value::Object(condition));
        o.insert("then".into(), json!({ "$ref": "#" }));
    }

    /// `base`, or `base2`, `base3`, ... when taken.
    fn def_name(&self, base: &str) -> String {
        let mut name = base.to_string();
        let mut n = 1;
        while self.defs.contains_key(&name) {
            n += 1;
            name = format!("{base}{n}");
        }
        name
    }

    /// The documented description, else one said from the place's roles.
    fn describe(&self, n: &Node<'_>) -> String {
        if let Some(d) = n.doc {
            return d.description.clone();
        }
        let code = &self.c.envelope.code_field;
        if n.code {
            return match (n.error != Role::No, n.warning != Role::No) {
                (false, true) => "The warning code.".to_string(),
                _ => "The error code.".to_string(),
            };
        }
        if n.platform {
            return "Id of the platform the object concerns.".to_string();
        }
        if n.body {
            return "A response body of its own, read like the whole body.".to_string();
        }
        if let Some(each) = &n.each {
            if each.body {
                return "A list of response bodies, each read like the whole body.".to_string();
            }
            return match object_words(each) {
                Some(w) => format!("A list; each element is {w}."),
                None => "A list.".to_string(),
            };
        }
        match (object_words(n), n.error.max(n.warning)) {
            (Some(w), Role::Always) => format!("{}.", capitalized(w)),
            (Some(w), _) => format!("{} when it holds `{code}`.", capitalized(w)),
            (None, _) if n.body_if_list => {
                "The result of an endpoint; read like the whole body when it holds a list of error objects."
                    .to_string()
            }
            (None, _) if !n.keys.is_empty() => {
                let keys: Vec<String> = n.keys.iter().map(|(k, _)| format!("`{k}`")).collect();
                format!("An object that holds {}.", keys.join(", "))
            }
            (None, _) => format!("`{}` of a response body.", n.path),
        }
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "an error object", "a warning object", "an error or warning object".
fn object_words(n: &Node<'_>) -> Option<&'static str> {
    match (n.error != Role::No, n.warning != Role::No) {
        (true, true) => Some("an error or warning object"),
        (true, false) => Some("an error object"),
        (false, true) => Some("a warning object"),
        (false, false) => None,
    }
}

fn platform_key_text(c: &Catalog, pk: &Node<'_>, title: &str) -> String {
    match object_words(pk) {
        Some(w) => format!(
            "The result for {title} under its platform id; {w} when it holds `{}`.",
            c.envelope.code_field
        ),
        None => format!("The value under {title}'s platform id."),
    }
}

/// Puts `key` right after a leading `$ref` (or `allOf`), where editors
/// look for a title.
fn insert_after_ref(o: &mut Map<String, Value>, key: &str, value: Value) {
    let mut out = Map::new();
    let mut placed = false;
    for (k, v) in std::mem::take(o) {
        let is_ref = k == "$ref" || k == "allOf";
        if !placed && !is_ref {
            out.insert(key.to_string(), value.clone());
            placed = true;
        }
        out.insert(k, v);
    }
    if !placed {
        out.insert(key.to_string(), value);
    }
    *o = out;
}

/// `$id` of the error-response schema: `schema/error-response.schema.json`
/// next to the catalog's reference page; a URN of the catalog's name when
/// it has no `docs_url` (a `$id` must be an absolute URI).
pub fn response_schema_id(c: &Catalog) -> String {
    match &c.meta.docs_url {
        Some(url) => format!("{}schema/{RESPONSE_SCHEMA}", url_dir(url)),
        None => format!("urn:errcat:{}:{RESPONSE_SCHEMA}", c.meta.name),
    }
}

/// The "directory" of a URL: query and fragment dropped, then everything
/// after the last `/` of the path; with a trailing `/`. Characters a URI
/// may not hold are percent-encoded.
fn url_dir(url: &str) -> String {
    let url = &url[..url.find(['?', '#']).unwrap_or(url.len())];
    let path_start = url.find("://").map_or(0, |i| i + 3);
    let dir = match url[path_start..].rfind('/') {
        Some(i) => url[..path_start + i + 1].to_string(),
        None => format!("{url}/"),
    };
    uri_escape(&dir)
}

fn uri_escape(s: &str) -> String {
    const KEEP: &[u8] = b"-._~:/?#[]@!$&'()*+,;=";
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    for (i, &b) in bytes.iter().enumerate() {
        let escape_ok = b == b'%'
            && bytes.len() > i + 2
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit();
        if b.is_ascii_alphanumeric() || KEEP.contains(&b) || escape_ok {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Paths as the catalog writes them, in backticks.
fn path_list(paths: &[ir::Path]) -> String {
    paths
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The schema of the API's error responses, from the catalog's envelope
/// and documented fields.
pub fn error_response_schema(c: &Catalog) -> Value {
    let api = &c.meta.title;
    let env = &c.envelope;
    let shape = if env.declared {
        let mut parts = vec![format!("Error objects sit at {}", path_list(&env.errors))];
        if !env.warnings.is_empty() {
            parts.push(format!("warnings at {}", path_list(&env.warnings)));
        }
        if !env.nested.is_empty() {
            parts.push(format!(
                "{} hold whole bodies again",
                path_list(&env.nested)
            ));
        }
        format!("{}; the code is in `{}`.", parts.join("; "), env.code_field)
    } else {
        format!(
            "The body is the error object, its code in `{}`.",
            env.code_field
        )
    };
    let tree = response_tree(c);
    let list_keys = env
        .errors
        .iter()
        .filter_map(|p| match p.0.as_slice() {
            [Segment::Key(k), Segment::Each, ..] => Some(k.as_str()),
            _ => None,
        })
        .fold(Vec::new(), |mut v, k| {
            if !v.contains(&k) {
                v.push(k);
            }
            v
        });
    let mut r = Render {
        c,
        list_keys,
        defs: Map::new(),
        uses_platform: false,
    };
    let Value::Object(mut body) = r.node(&tree, Vec::new()) else {
        return Value::Null;
    };
    let unknown = if r.uses_platform {
        "Codes of the catalog's kind, platforms and fields"
    } else {
        "Codes of the catalog's kind and fields"
    };
    let mut s = head(
        &response_schema_id(c),
        &format!("{api} error response"),
        &format!(
            "A response body from {api} that reports errors. {shape} Generated from the `{}` \
             catalog {}. {unknown} the catalog does not list are valid: the API adds them over \
             time.",
            c.meta.name, c.meta.version
        ),
        c,
    );
    // The root's own description is the schema's; a body is an object.
    body.shift_remove("description");
    body.shift_remove("type");
    s.insert("type".into(), "object".into());
    s.extend(body);
    let mut defs = Map::new();
    defs.insert("code".into(), code_def(c));
    if r.uses_platform {
        defs.insert("platform".into(), platform_def(c));
    }
    defs.extend(std::mem::take(&mut r.defs));
    s.insert("$defs".into(), Value::Object(defs));
    Value::Object(s)
}

/// Any code of the catalog's kind; the catalog's codes are listed (with
/// their names as titles) for tooling, and retired ones are marked
/// deprecated. `anyOf`, not `oneOf`: a known code also matches the
/// catch-all that keeps the world open.
fn code_def(c: &Catalog) -> Value {
    let kind = c.code_kind.as_str();
    let mut known: Vec<Value> = c
        .errors
        .iter()
        .map(|e| {
            let mut o = Map::new();
            o.insert("const".into(), e.code.to_json());
            o.insert("title".into(), e.name.as_str().into());
            let mut d = e.title.clone();
            if let Some(r) = &e.retired {
                d.push_str(&format!(" (retired: {r})"));
            }
            if let Some(url) = &e.docs_url {
                d.push_str(&format!(". Reference: {url}"));
            }
            o.insert("description".into(), d.into());
            if e.retired.is_some() {
                o.insert("deprecated".into(), true.into());
            }
            Value::Object(o)
        })
        .collect();
    known.push(json!({
        "title": "Unknown",
        "description": "A code this catalog does not list yet.",
        "type": kind,
    }));
    json!({
        "type": kind,
        "description": format!(
            "An error code of the `{}` catalog. Its codes are listed; any other {kind} is valid too.",
            c.meta.name
        ),
        "anyOf": known,
    })
}

/// Any string; the catalog's platform ids are listed with their titles.
fn platform_def(c: &Catalog) -> Value {
    let mut known: Vec<Value> = c
        .platforms
        .iter()
        .map(|p| json!({ "const": p.id, "title": p.title }))
        .collect();
    known.push(json!({
        "title": "Unknown",
        "description": "A platform this catalog does not list yet.",
        "type": "string",
    }));
    json!({
        "type": "string",
        "description": "A platform id. The catalog's platforms are listed; any other string is valid too.",
        "anyOf": known,
    })
}
