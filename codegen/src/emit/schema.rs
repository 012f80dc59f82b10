//! JSON Schemas (draft 2020-12) and the export, under `generated/schema/`:
//!
//! - `catalog-file.schema.json`: the shape of one catalog TOML file, for
//!   editors (taplo and Even Better TOML read a `#:schema` line). It mirrors
//!   `raw.rs` table for table and key for key, and takes every closed word
//!   list from the IR's `WORDS`, so it cannot drift from the format.
//! - `catalog-export.schema.json`: the shape of `errcat export`.
//! - `error-response.schema.json`: the API's error responses, generated from
//!   the catalog (its codes, platforms and documented fields). It is open:
//!   codes, platforms and fields the catalog does not know yet are valid.
//! - `catalog.json`: the export itself.
//!
//! Every schema is built with `json!` (key order as written, since
//! `preserve_order` is on) and printed with two-space indentation and a
//! final newline, so the output is byte-for-byte stable.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::emit::{EmitError, header_line};
use crate::export;
use crate::ir::{Appearance, Catalog, Direction, Relink, Remedy, RetryKind, Severity};
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

/// Largest error code (codes are `u32`).
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

fn nullable_string(description: &str) -> Value {
    json!({ "type": ["string", "null"], "description": description })
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

/// An object that takes exactly the listed keys, like a serde struct with
/// `deny_unknown_fields`.
fn closed(description: &str, required: &[&str], properties: Vec<(&str, Value)>) -> Value {
    let mut o = Map::new();
    o.insert("type".into(), "object".into());
    o.insert("description".into(), description.into());
    close_into(&mut o, required, properties);
    Value::Object(o)
}

/// Adds `required`, `properties` and `additionalProperties: false` to `o`.
fn close_into(o: &mut Map<String, Value>, required: &[&str], properties: Vec<(&str, Value)>) {
    debug_assert!(
        required
            .iter()
            .all(|r| properties.iter().any(|(k, _)| k == r)),
        "a required key without a property"
    );
    if !required.is_empty() {
        o.insert("required".into(), json!(required));
    }
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
/// writes it (as `null` when unset).
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

/// The schema of one catalog TOML file, read as JSON data.
pub fn catalog_file_schema(c: &Catalog) -> Value {
    let mut s = head(
        FILE_SCHEMA_ID,
        "errcat catalog file",
        "One TOML file of an errcat error catalog. The manifest file holds [catalog], \
         [[http_status]] and [[platform]]; topic files hold [[error]] entries. Rules that \
         span entries or files (unique codes, references, examples) are checked by \
         `errcat validate` only.",
        c,
    );
    s.insert("type".into(), "object".into());
    s.insert(
        "properties".into(),
        Value::Object(props(vec![
            (
                "catalog",
                def(
                    "manifest",
                    "The manifest: names, version and URLs of the catalog. Exactly one file of the catalog has it.",
                ),
            ),
            (
                "http_status",
                array("The HTTP statuses the API uses.", def_ref("httpStatus")),
            ),
            (
                "platform",
                array(
                    "The platforms (social networks, upstream services) errors can concern.",
                    def_ref("platform"),
                ),
            ),
            (
                "error",
                array("The error codes, one table per code.", def_ref("error")),
            ),
        ])),
    );
    s.insert("additionalProperties".into(), false.into());
    s.insert("$defs".into(), Value::Object(file_defs()));
    Value::Object(s)
}

fn file_defs() -> Map<String, Value> {
    let code = int_range(
        "An error code of the catalog, 0 to 4294967295.",
        0,
        MAX_CODE,
    );
    let codes = |d: &str| json!({ "type": "array", "description": d, "items": def_ref("code"), "uniqueItems": true });
    let http_code = |d: &str| int_range(d, 100, 599);
    let mut defs = props(vec![
        (
            "manifest",
            closed(
                "The catalog manifest.",
                &[
                    "name",
                    "title",
                    "version",
                    "docs_url",
                    "rust_crate",
                    "npm_package",
                ],
                vec![
                    (
                        "name",
                        string("Machine name of the catalog, lower-case, such as `ayrshare`."),
                    ),
                    (
                        "title",
                        string("Human name of the API, such as `Ayrshare`."),
                    ),
                    ("description", string("What the catalog covers.")),
                    (
                        "version",
                        string(
                            "Version of the catalog and of the generated packages: MAJOR.MINOR.PATCH.",
                        ),
                    ),
                    (
                        "docs_url",
                        string(
                            "Base URL of the generated reference; code N's page is this URL plus `#code-N`.",
                        ),
                    ),
                    (
                        "source_url",
                        string(
                            "URL of the API's own error documentation, the source of the facts.",
                        ),
                    ),
                    ("rust_crate", string("Name of the generated Rust crate.")),
                    (
                        "npm_package",
                        string("Name of the generated npm package, `name` or `@scope/name`."),
                    ),
                    (
                        "header",
                        array(
                            "HTTP headers the API documents for error handling.",
                            def_ref("header"),
                        ),
                    ),
                    (
                        "field",
                        array(
                            "Fields of error responses, documented once for the whole API.",
                            def_ref("field"),
                        ),
                    ),
                    (
                        "example",
                        array(
                            "Response bodies that illustrate the format itself rather than one code.",
                            def_ref("example"),
                        ),
                    ),
                ],
            ),
        ),
        (
            "header",
            closed(
                "An HTTP header the API documents for error handling.",
                &["name", "direction", "description"],
                vec![
                    ("name", string("The header name as the API spells it.")),
                    (
                        "direction",
                        def(
                            "direction",
                            "Who sends the header: `request` (the client) or `response` (the API).",
                        ),
                    ),
                    ("description", string("What the header does.")),
                    ("examples", strings("Sample header lines, kept as written.")),
                ],
            ),
        ),
        (
            "field",
            closed(
                "A field of error responses.",
                &["name", "type", "description"],
                vec![
                    (
                        "name",
                        string(
                            "Dotted path of the field in a response body, such as `errors[].code`.",
                        ),
                    ),
                    (
                        "type",
                        words("JSON type of the field.", crate::ir::FIELD_TYPES),
                    ),
                    ("description", string("What the field holds.")),
                ],
            ),
        ),
        (
            "httpStatus",
            closed(
                "An HTTP status the API uses.",
                &["code", "meaning"],
                vec![
                    ("code", http_code("The status code, 100 to 599.")),
                    (
                        "meaning",
                        string("The reason phrase, such as `Too Many Requests`."),
                    ),
                    (
                        "success",
                        boolean(
                            "True for the status the API uses for success (200). Default false.",
                        ),
                    ),
                ],
            ),
        ),
        (
            "platform",
            closed(
                "A platform errors can concern.",
                &["id", "name", "title"],
                vec![
                    (
                        "id",
                        string("The value the API writes in `platform` fields, such as `twitter`."),
                    ),
                    (
                        "name",
                        string("PascalCase identifier for generated code, such as `Twitter`."),
                    ),
                    ("title", string("Display name, such as `X/Twitter`.")),
                ],
            ),
        ),
        (
            "error",
            closed(
                "One error code.",
                &[
                    "code",
                    "name",
                    "title",
                    "http",
                    "action",
                    "appears_in",
                    "retry",
                    "relink",
                    "remedy",
                    "description",
                    "advice",
                ],
                vec![
                    (
                        "code",
                        def(
                            "code",
                            "The code the API sends. Never reused once published.",
                        ),
                    ),
                    (
                        "name",
                        string(
                            "PascalCase identifier for generated code, stable forever once published.",
                        ),
                    ),
                    ("title", string("Short human title.")),
                    (
                        "http",
                        json!({
                            "description": "The HTTP status that comes with the code (one of [[http_status]]), or \"unstated\" when the API's documentation gives none.",
                            "anyOf": [
                                { "type": "integer", "minimum": 100, "maximum": 599 },
                                { "const": "unstated" },
                            ],
                        }),
                    ),
                    (
                        "action",
                        string(
                            "The `action` value of the error object, or \"unstated\" when none is documented.",
                        ),
                    ),
                    (
                        "platforms",
                        json!({
                            "type": "array",
                            "description": "Ids of the platforms the code concerns; empty or absent means any platform.",
                            "items": { "type": "string" },
                            "uniqueItems": true,
                        }),
                    ),
                    (
                        "severity",
                        def(
                            "severity",
                            "`error` (the default): the request failed; `warning`: it succeeded with a note.",
                        ),
                    ),
                    (
                        "appears_in",
                        json!({
                            "type": "array",
                            "description": "Where the error object sits in a response. At least one.",
                            "items": def_ref("appearance"),
                            "minItems": 1,
                            "uniqueItems": true,
                        }),
                    ),
                    (
                        "retry",
                        def("retry", "The retry policy and its parameters."),
                    ),
                    (
                        "relink",
                        def(
                            "relink",
                            "Whether the user must unlink and relink the social account.",
                        ),
                    ),
                    (
                        "remedy",
                        def(
                            "remedy",
                            "What a program should do by default; follows from `retry` and `relink`.",
                        ),
                    ),
                    (
                        "messages",
                        json!({
                            "type": "array",
                            "description": "The exact message texts the API sends with this code, byte for byte.",
                            "items": { "type": "string" },
                            "uniqueItems": true,
                        }),
                    ),
                    (
                        "description",
                        string("When the error happens, in the catalog's own words."),
                    ),
                    (
                        "advice",
                        string("What to do about it, in the catalog's own words."),
                    ),
                    ("superseded_by", codes("Codes that replace this one.")),
                    (
                        "replaces",
                        codes("Codes this one replaces, fully or partly."),
                    ),
                    (
                        "related",
                        codes("Codes worth reading together with this one."),
                    ),
                    (
                        "retired",
                        string(
                            "Set when the API no longer emits the code: when and why. The number stays reserved.",
                        ),
                    ),
                    (
                        "field",
                        array(
                            "Extra response fields this code carries, and what they mean for it.",
                            def_ref("errorField"),
                        ),
                    ),
                    (
                        "header",
                        array(
                            "Response headers that come with this code.",
                            def_ref("errorHeader"),
                        ),
                    ),
                    (
                        "subcode",
                        array(
                            "Upstream platform codes that refine this one.",
                            def_ref("subcode"),
                        ),
                    ),
                    (
                        "case",
                        array(
                            "Distinct situations behind this code, told apart by the response.",
                            def_ref("case"),
                        ),
                    ),
                    (
                        "history",
                        array("Dated notes on changes to the code.", def_ref("history")),
                    ),
                    (
                        "example",
                        array("Response bodies that show this code.", def_ref("example")),
                    ),
                ],
            ),
        ),
    ]);
    let mut retry = closed(
        "A retry policy: `policy` and that policy's own parameters.",
        &["policy"],
        vec![
            ("policy", def("retryPolicy", "The kind of retry policy.")),
            (
                "min_delay_secs",
                int_range(
                    "`backoff` only, optional: the least wait before the first retry, 1 to 86400 seconds.",
                    1,
                    86_400,
                ),
            ),
            (
                "delay_field",
                string(
                    "`after-delay` only, required: the response field that carries the delay, such as `details`.",
                ),
            ),
            (
                "delay_format",
                string(
                    "`after-delay` only, required: how the delay is written in that field, with `{seconds}` once.",
                ),
            ),
            (
                "event",
                string(
                    "`after-event` only, required: what must happen before a retry can succeed.",
                ),
            ),
        ],
    );
    retry["allOf"] = retry_rules(false);
    defs.insert("retry".into(), retry);
    defs.extend(props(vec![
        (
            "errorField",
            closed(
                "A response field this code carries.",
                &["name", "description"],
                vec![
                    ("name", string("The field name, such as `details`.")),
                    ("description", string("What the field means for this code.")),
                ],
            ),
        ),
        (
            "errorHeader",
            closed(
                "A response header that comes with this code.",
                &["name", "description"],
                vec![
                    ("name", string("The header name.")),
                    ("value", string("The value it carries in this case, such as `read`.")),
                    ("description", string("What the header means for this code.")),
                ],
            ),
        ),
        (
            "subcode",
            closed(
                "An upstream platform's own code that refines this one.",
                &["code", "source", "upstream_field", "description"],
                vec![
                    ("code", json!({ "type": "integer", "description": "The upstream code, 0 or more.", "minimum": 0 })),
                    ("source", string("Whose code it is, such as `meta`.")),
                    ("upstream_field", string("The upstream field that carries it, such as `error_subcode`.")),
                    ("response_field", string("The field of this API's response where it shows, such as `errCode`.")),
                    ("description", string("What the sub-code means.")),
                    ("upstream_message", string("Upstream's own message for the sub-code, when documented.")),
                    ("message", string("Override: the message sent in this case; one of the entry's `messages`.")),
                    ("relink", def("relink", "Override: the relink value in this case.")),
                    ("retry_available", boolean("Override: whether a retry can succeed in this case.")),
                    ("remedy", def("remedy", "Override: the remedy in this case.")),
                ],
            ),
        ),
        (
            "case",
            closed(
                "A distinct situation behind one code.",
                &["id", "title", "signal", "advice"],
                vec![
                    ("id", string("kebab-case identifier of the case, such as `account-locked`.")),
                    ("title", string("Short human title of the case.")),
                    ("signal", string("How to recognise the case in a response.")),
                    ("advice", string("What to do in this case.")),
                    ("message", string("Override: the message sent in this case; one of the entry's `messages`.")),
                    ("relink", def("relink", "Override: the relink value in this case.")),
                    ("remedy", def("remedy", "Override: the remedy in this case.")),
                ],
            ),
        ),
        (
            "history",
            closed(
                "A dated note on a change to the code.",
                &["date", "note"],
                vec![
                    ("date", string("`YYYY-MM`, `YYYY-MM-DD` or `unknown`.")),
                    ("note", string("What changed.")),
                ],
            ),
        ),
        (
            "example",
            closed(
                "A response body, as the API documents it.",
                &["title", "json"],
                vec![
                    ("title", string("Caption of the example.")),
                    ("http", int_range("The HTTP status that comes with the body, when known.", 100, 599)),
                    ("subcode", json!({ "type": "integer", "description": "The sub-code the example shows, one of the entry's [[error.subcode]].", "minimum": 0 })),
                    ("case", string("The case the example shows, one of the entry's [[error.case]] ids.")),
                    ("json", string("The response body as JSON text; best written as a '''literal''' string.")),
                ],
            ),
        ),
        ("code", code),
        ("severity", words("Whether the request failed or succeeded with a note.", Severity::WORDS)),
        ("appearance", words("Where an error object sits in a response body.", Appearance::WORDS)),
        ("retryPolicy", words("A kind of retry policy.", RetryKind::WORDS)),
        ("relink", words("Whether relinking the social account is needed, not needed, or must not be suggested.", Relink::WORDS)),
        ("remedy", words("What a program should do about an error.", Remedy::WORDS)),
        ("direction", words("Who sends a header.", Direction::WORDS)),
    ]));
    defs
}

// ------------------------------------------------------------ export

/// The schema of `errcat export` (and `catalog.json`).
pub fn catalog_export_schema(c: &Catalog) -> Value {
    let mut s = head(
        EXPORT_SCHEMA_ID,
        "errcat catalog export",
        "The validated catalog as one JSON document, as printed by `errcat export`. Optional \
         values are present as null, lists as [] when empty.",
        c,
    );
    s.insert("type".into(), "object".into());
    close_into(
        &mut s,
        &[
            "format_version",
            "catalog",
            "http_statuses",
            "platforms",
            "headers",
            "fields",
            "examples",
            "codes",
        ],
        vec![
            (
                "format_version",
                json!({ "description": "Version of the export format.", "const": export::FORMAT_VERSION }),
            ),
            (
                "catalog",
                closed(
                    "The manifest.",
                    &[
                        "name",
                        "title",
                        "description",
                        "version",
                        "docs_url",
                        "source_url",
                        "rust_crate",
                        "npm_package",
                    ],
                    vec![
                        ("name", string("Machine name of the catalog.")),
                        ("title", string("Human name of the API.")),
                        ("description", nullable_string("What the catalog covers.")),
                        ("version", string("Version of the catalog.")),
                        ("docs_url", string("Base URL of the generated reference.")),
                        (
                            "source_url",
                            nullable_string("URL of the API's own error documentation."),
                        ),
                        ("rust_crate", string("Name of the generated Rust crate.")),
                        ("npm_package", string("Name of the generated npm package.")),
                    ],
                ),
            ),
            (
                "http_statuses",
                array(
                    "The HTTP statuses, sorted by code.",
                    closed(
                        "An HTTP status.",
                        &["code", "meaning", "success"],
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
                        &["id", "name", "title"],
                        vec![
                            (
                                "id",
                                string("The value the API writes in `platform` fields."),
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
                        &["name", "direction", "description", "examples"],
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
                        &["name", "type", "description"],
                        vec![
                            (
                                "name",
                                string("Dotted path of the field in a response body."),
                            ),
                            (
                                "type",
                                words("JSON type of the field.", crate::ir::FIELD_TYPES),
                            ),
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
    s.insert("$defs".into(), Value::Object(export_defs()));
    Value::Object(s)
}

fn export_defs() -> Map<String, Value> {
    let codes = |d: &str| array(d, def_ref("code"));
    let nullable_word = |d: &str, list: &[&str]| {
        let mut options: Vec<Value> = list.iter().map(|w| json!(w)).collect();
        options.push(Value::Null);
        json!({ "type": ["string", "null"], "description": d, "enum": options })
    };
    let mut retry = closed(
        "The retry policy: `policy` and that policy's parameters, nothing else.",
        &["policy"],
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
    retry["allOf"] = retry_rules(true);
    props(vec![
        ("code", int_range("An error code.", 0, MAX_CODE)),
        (
            "example",
            closed(
                "An example response body.",
                &["title", "http", "subcode", "case", "body"],
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
                        nullable_string("The id of the case the example shows, or null."),
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
                "An error code.",
                &[
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
                ],
                vec![
                    ("code", def("code", "The code the API sends.")),
                    ("name", string("PascalCase identifier.")),
                    ("title", string("Short human title.")),
                    (
                        "http_status",
                        json!({ "type": ["integer", "null"], "description": "The HTTP status, or null where the catalog says \"unstated\".", "minimum": 100, "maximum": 599 }),
                    ),
                    (
                        "action",
                        nullable_string(
                            "The `action` value, or null where the catalog says \"unstated\".",
                        ),
                    ),
                    (
                        "platforms",
                        strings("Platform ids the code concerns; empty for any platform."),
                    ),
                    ("severity", words("`error` or `warning`.", Severity::WORDS)),
                    (
                        "appears_in",
                        array(
                            "Where the error object sits in a response.",
                            json!({ "type": "string", "enum": Appearance::WORDS }),
                        ),
                    ),
                    (
                        "retryable",
                        boolean("False when the retry policy is `never`."),
                    ),
                    (
                        "retry",
                        def("retry", "The retry policy and its parameters."),
                    ),
                    (
                        "relink",
                        boolean("True when the user must relink the account."),
                    ),
                    ("relink_policy", words("The relink word.", Relink::WORDS)),
                    ("remedy", words("The default remedy.", Remedy::WORDS)),
                    ("messages", strings("The exact message texts.")),
                    ("description", string("When the error happens.")),
                    ("advice", string("What to do about it.")),
                    (
                        "subcodes",
                        array(
                            "Upstream codes that refine this one.",
                            closed(
                                "A sub-code.",
                                &[
                                    "code",
                                    "source",
                                    "upstream_field",
                                    "response_field",
                                    "description",
                                    "upstream_message",
                                    "message",
                                    "relink",
                                    "retry_available",
                                    "remedy",
                                ],
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
                                        nullable_string(
                                            "The response field where it shows, or null.",
                                        ),
                                    ),
                                    ("description", string("What the sub-code means.")),
                                    (
                                        "upstream_message",
                                        nullable_string("Upstream's own message, or null."),
                                    ),
                                    (
                                        "message",
                                        nullable_string("Override of the message, or null."),
                                    ),
                                    (
                                        "relink",
                                        nullable_word(
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
                                        nullable_word(
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
                                &[
                                    "id", "title", "signal", "advice", "message", "relink",
                                    "remedy",
                                ],
                                vec![
                                    ("id", string("kebab-case identifier.")),
                                    ("title", string("Short human title.")),
                                    ("signal", string("How to recognise the case.")),
                                    ("advice", string("What to do in this case.")),
                                    (
                                        "message",
                                        nullable_string("Override of the message, or null."),
                                    ),
                                    (
                                        "relink",
                                        nullable_word(
                                            "Override of the relink word, or null.",
                                            Relink::WORDS,
                                        ),
                                    ),
                                    (
                                        "remedy",
                                        nullable_word(
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
                        nullable_string("When and why the code was retired, or null."),
                    ),
                    (
                        "fields",
                        array(
                            "Extra response fields this code carries.",
                            closed(
                                "A response field.",
                                &["name", "description"],
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
                                &["name", "value", "description"],
                                vec![
                                    ("name", string("The header name.")),
                                    ("value", nullable_string("The value it carries, or null.")),
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
                                &["date", "note"],
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
                        string("URL of the code's section in the reference."),
                    ),
                ],
            ),
        ),
        ("retry", retry),
    ])
}

// ------------------------------------------------------------ error responses

/// How a built-in response property is described and checked.
struct Prop {
    name: &'static str,
    /// The JSON type, compared with the type the catalog declares.
    ty: &'static str,
    /// Used when the catalog does not document the field.
    description: &'static str,
    /// The schema without its description.
    schema: fn() -> Value,
}

fn s_string() -> Value {
    json!({ "type": "string" })
}
fn s_boolean() -> Value {
    json!({ "type": "boolean" })
}
fn s_integer() -> Value {
    json!({ "type": "integer" })
}
fn s_code() -> Value {
    def_ref("code")
}
fn s_platform() -> Value {
    def_ref("platform")
}
fn s_resolution() -> Value {
    def_ref("resolution")
}
fn s_status() -> Value {
    json!({ "type": "string", "enum": ["error", "success"] })
}
fn s_errors() -> Value {
    json!({ "type": "array", "items": def_ref("errorObject") })
}
fn s_warnings() -> Value {
    json!({ "type": "array", "items": def_ref("warningObject") })
}
fn s_post_ids() -> Value {
    json!({ "type": "array", "items": def_ref("postResult") })
}
fn s_error_object() -> Value {
    def_ref("errorObject")
}

const fn prop(
    name: &'static str,
    ty: &'static str,
    description: &'static str,
    schema: fn() -> Value,
) -> Prop {
    Prop {
        name,
        ty,
        description,
        schema,
    }
}

/// The keys of an error object, wherever it sits.
const ERROR_OBJECT: &[Prop] = &[
    prop("code", "integer", "The error code.", s_code),
    prop(
        "message",
        "string",
        "Human-readable explanation of what went wrong.",
        s_string,
    ),
    prop(
        "action",
        "string",
        "The kind of operation or failure, such as `post`.",
        s_string,
    ),
    prop(
        "status",
        "string",
        "Outcome of this item; `error` for an error.",
        s_string,
    ),
    prop(
        "platform",
        "string",
        "Id of the platform the error concerns.",
        s_platform,
    ),
    prop(
        "details",
        "string",
        "Extra detail, often the platform's own wording.",
        s_string,
    ),
    prop(
        "source",
        "string",
        "The processing step that produced the error.",
        s_string,
    ),
    prop(
        "retryAvailable",
        "boolean",
        "True when a retry of the same payload can succeed.",
        s_boolean,
    ),
    prop(
        "relink",
        "boolean",
        "True when the user must unlink and relink the account.",
        s_boolean,
    ),
    prop(
        "errCode",
        "integer",
        "The upstream platform's own error code.",
        s_integer,
    ),
    prop(
        "resolution",
        "object",
        "Machine-readable hints on how to resolve the error.",
        s_resolution,
    ),
    prop(
        "feature",
        "string",
        "The optional feature that could not be applied.",
        s_string,
    ),
    prop(
        "post",
        "string",
        "The text of the post that failed.",
        s_string,
    ),
];

/// The top level of a response: the error-object keys (the body can be the
/// error object itself) and the response's own keys.
const TOP_LEVEL: &[Prop] = &[
    prop(
        "status",
        "string",
        "Overall outcome: `error` when the call or any platform failed, `success` otherwise.",
        s_status,
    ),
    prop(
        "code",
        "integer",
        "The error code of a top-level error.",
        s_code,
    ),
    prop(
        "message",
        "string",
        "Human-readable explanation of a top-level error.",
        s_string,
    ),
    prop(
        "action",
        "string",
        "The kind of operation or failure a top-level error belongs to.",
        s_string,
    ),
    prop(
        "details",
        "string",
        "Extra detail on a top-level error.",
        s_string,
    ),
    prop(
        "platform",
        "string",
        "Id of the platform a top-level error concerns.",
        s_platform,
    ),
    prop(
        "errors",
        "array",
        "Error objects, one per platform that failed.",
        s_errors,
    ),
    prop(
        "warnings",
        "array",
        "Non-fatal problems of an otherwise successful call.",
        s_warnings,
    ),
    prop(
        "postIds",
        "array",
        "Results for the platforms that posted successfully.",
        s_post_ids,
    ),
    prop(
        "resolution",
        "object",
        "Machine-readable hints on how to resolve a top-level error.",
        s_resolution,
    ),
    prop(
        "retryAvailable",
        "boolean",
        "True when a retry of the same call can succeed.",
        s_boolean,
    ),
    prop(
        "relink",
        "boolean",
        "True when the user must unlink and relink the account.",
        s_boolean,
    ),
    prop(
        "errCode",
        "integer",
        "The upstream platform's own error code.",
        s_integer,
    ),
    prop("id", "string", "Id of the post or item.", s_string),
    prop(
        "post",
        "string",
        "The text of the post the request tried to publish.",
        s_string,
    ),
    prop(
        "httpErrorCode",
        "integer",
        "Error code in the body of a history or analytics item that failed.",
        s_integer,
    ),
    prop(
        "lastUpdated",
        "string",
        "When the item's data was last refreshed.",
        s_string,
    ),
    prop(
        "nextUpdate",
        "string",
        "When the item's data is next due to be refreshed.",
        s_string,
    ),
    prop(
        "thumbnail",
        "object",
        "Legacy error object for a custom thumbnail that could not be set.",
        s_error_object,
    ),
];

const WARNING_OBJECT: &[Prop] = &[
    prop("code", "integer", "The warning code.", s_code),
    prop(
        "message",
        "string",
        "Human-readable explanation of the warning.",
        s_string,
    ),
    prop(
        "details",
        "string",
        "The upstream platform's own message, when there is one.",
        s_string,
    ),
    prop(
        "feature",
        "string",
        "The optional feature that could not be applied, such as `thumbnail`.",
        s_string,
    ),
    prop(
        "platform",
        "string",
        "Id of the platform the warning concerns.",
        s_platform,
    ),
    prop("action", "string", "The kind of operation.", s_string),
    prop("status", "string", "Outcome of this item.", s_string),
];

const POST_RESULT: &[Prop] = &[
    prop(
        "status",
        "string",
        "Outcome for this platform, `success` for a published post.",
        s_string,
    ),
    prop("id", "string", "The post's id on the platform.", s_string),
    prop(
        "postUrl",
        "string",
        "Public URL of the published post.",
        s_string,
    ),
    prop("platform", "string", "Id of the platform.", s_platform),
];

const RESOLUTION: &[Prop] = &[
    prop(
        "relink",
        "boolean",
        "True when relinking the account named in `platform` resolves the error.",
        s_boolean,
    ),
    prop(
        "platform",
        "string",
        "Id of the platform the resolution applies to.",
        s_platform,
    ),
    prop(
        "docs",
        "string",
        "URL of documentation that explains the fix.",
        s_string,
    ),
];

/// The catalog's `[[catalog.field]]` list, by path.
struct Documented<'a> {
    by_path: BTreeMap<&'a str, (&'a str, &'a str)>,
    /// In catalog order, for the fields no built-in key covers.
    order: Vec<(&'a str, &'a str, &'a str)>,
}

impl<'a> Documented<'a> {
    fn new(c: &'a Catalog) -> Self {
        let mut by_path = BTreeMap::new();
        let mut order = Vec::new();
        for f in &c.fields {
            by_path.insert(f.name.as_str(), (f.ty.as_str(), f.description.as_str()));
            order.push((f.name.as_str(), f.ty.as_str(), f.description.as_str()));
        }
        Documented { by_path, order }
    }

    /// Names of the fields documented directly under `prefix` (`errors[].`,
    /// `resolution.`, or `` for the top level), with type and description.
    fn children(&self, prefix: &str) -> Vec<(&'a str, &'a str, &'a str)> {
        self.order
            .iter()
            .filter_map(|&(path, ty, d)| {
                let name = path.strip_prefix(prefix)?;
                let simple = !name.is_empty() && !name.contains('.') && !name.contains("[]");
                simple.then_some((name, ty, d))
            })
            .collect()
    }
}

/// The properties of one kind of object: the built-in keys (described by
/// the catalog where it documents them, typed by it where it declares
/// another type), then the keys only the catalog documents.
fn response_props(
    builtin: &[Prop],
    prefix: &str,
    docs: &Documented<'_>,
    skip: &dyn Fn(&str) -> bool,
) -> Map<String, Value> {
    let mut out = Map::new();
    for p in builtin {
        let path = format!("{prefix}{}", p.name);
        let mut schema = match docs.by_path.get(path.as_str()) {
            Some((ty, _)) if *ty != p.ty => json!({ "type": ty }),
            _ => (p.schema)(),
        };
        let description = docs
            .by_path
            .get(path.as_str())
            .map_or(p.description, |(_, d)| d);
        if let Value::Object(o) = &mut schema {
            let mut with = Map::new();
            // `$ref` first, then the description, then the rest.
            if let Some(r) = o.remove("$ref") {
                with.insert("$ref".into(), r);
            }
            if let Some(t) = o.remove("type") {
                with.insert("type".into(), t);
            }
            with.insert("description".into(), description.into());
            with.extend(std::mem::take(o));
            schema = Value::Object(with);
        }
        out.insert(p.name.to_string(), schema);
    }
    for (name, ty, d) in docs.children(prefix) {
        if out.contains_key(name) || skip(name) {
            continue;
        }
        out.insert(name.into(), json!({ "type": ty, "description": d }));
    }
    out
}

fn open_object(description: &str, required: &[&str], properties: Map<String, Value>) -> Value {
    let mut o = Map::new();
    o.insert("type".into(), "object".into());
    o.insert("description".into(), description.into());
    if !required.is_empty() {
        o.insert("required".into(), json!(required));
    }
    o.insert("properties".into(), Value::Object(properties));
    o.insert("additionalProperties".into(), true.into());
    Value::Object(o)
}

/// `$id` of the error-response schema: `schema/error-response.schema.json`
/// next to the catalog's reference page.
pub fn response_schema_id(c: &Catalog) -> String {
    format!(
        "{}schema/{RESPONSE_SCHEMA}",
        url_dir(c.meta.docs_url.as_deref().unwrap_or_default())
    )
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

/// The schema of the API's error responses.
pub fn error_response_schema(c: &Catalog) -> Value {
    let api = &c.meta.title;
    let docs = Documented::new(c);
    let is_platform = |k: &str| c.platforms.iter().any(|p| p.id == k);
    let mut s = head(
        &response_schema_id(c),
        &format!("{api} error response"),
        &format!(
            "A response body of the {api} API that reports errors: a failed call, a call that \
             failed on some platforms, or a successful call with warnings. Generated from the \
             `{}` catalog {}. Codes, platforms and fields the catalog does not list are valid: \
             the API adds them over time.",
            c.meta.name, c.meta.version
        ),
        c,
    );
    s.insert("type".into(), "object".into());

    let mut top = response_props(TOP_LEVEL, "", &docs, &is_platform);
    for p in &c.platforms {
        if top.contains_key(&p.id) {
            continue;
        }
        let path = format!("{}.", p.id);
        let extras = response_props(&[], &path, &docs, &|k| {
            ERROR_OBJECT.iter().any(|b| b.name == k)
        });
        let description = docs.by_path.get(p.id.as_str()).map_or_else(
            || {
                format!(
                    "The result for {} under its platform id, as in history and analytics \
                     responses; an error object when it failed.",
                    p.title
                )
            },
            |(_, d)| d.to_string(),
        );
        let mut v = Map::new();
        v.insert("$ref".into(), "#/$defs/platformResult".into());
        v.insert("title".into(), p.title.as_str().into());
        v.insert("description".into(), description.into());
        if !extras.is_empty() {
            v.insert("properties".into(), Value::Object(extras));
        }
        top.insert(p.id.clone(), Value::Object(v));
    }
    s.insert("properties".into(), Value::Object(top));
    s.insert("additionalProperties".into(), true.into());

    let never = |_: &str| false;
    let mut defs = Map::new();
    defs.insert("code".into(), code_def(c));
    defs.insert("platform".into(), platform_def(c));
    defs.insert(
        "errorObject".into(),
        open_object(
            "An error object: an entry of `errors`, a platform's failed result, or a legacy \
             sub-object such as `thumbnail`.",
            &["code"],
            response_props(ERROR_OBJECT, "errors[].", &docs, &never),
        ),
    );
    defs.insert(
        "warningObject".into(),
        open_object(
            "A warning: a non-fatal problem reported in `warnings` of a successful response.",
            &["code"],
            response_props(WARNING_OBJECT, "warnings[].", &docs, &never),
        ),
    );
    defs.insert(
        "postResult".into(),
        open_object(
            "The result for a platform that posted successfully.",
            &[],
            response_props(POST_RESULT, "postIds[].", &docs, &never),
        ),
    );
    defs.insert(
        "resolution".into(),
        open_object(
            "Machine-readable hints on how to resolve an error.",
            &[],
            response_props(RESOLUTION, "resolution.", &docs, &never),
        ),
    );
    defs.insert(
        "platformResult".into(),
        json!({
            "type": "object",
            "description": "A result under a platform's key. When it holds a `code`, it is an error object.",
            "if": { "required": ["code"] },
            "then": def_ref("errorObject"),
        }),
    );
    s.insert("$defs".into(), Value::Object(defs));
    Value::Object(s)
}

/// Any integer; the catalog's codes are listed (with their names as titles)
/// for tooling, and retired ones are marked deprecated.
fn code_def(c: &Catalog) -> Value {
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
        "type": "integer",
    }));
    json!({
        "type": "integer",
        "description": format!(
            "A {} error code. The catalog's codes are listed; any other integer is valid too.",
            c.meta.title
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
        "description": "A platform id, such as the value of a `platform` field. The catalog's platforms are listed; any other string is valid too.",
        "anyOf": known,
    })
}
