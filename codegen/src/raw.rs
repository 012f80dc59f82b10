//! The catalog as written: one struct per TOML table, every value that a
//! diagnostic may point at wrapped in [`Spanned`].
//!
//! These types mirror the file format documented in `docs/catalog-format.md`
//! one to one. Nothing here is checked beyond what serde checks (types,
//! required keys, unknown keys); the rules live in `validate`.
//!
//! With the `schema` feature, the same types give the catalog-file JSON
//! Schema (`generated/schema/catalog-file.schema.json`, through schemars),
//! so the editor schema cannot drift from what the loader reads: a key
//! added here is in the schema, with its doc comment as description.
//! `toml::Spanned` has no schema of its own, and the validator's signatures
//! take `toml::Spanned` itself, so each spanned field names its plain type
//! with `schemars(with = ...)`; the closed word lists come from the IR
//! (see [`json_schema`]).

use serde::Deserialize;
use toml::Spanned;

/// One catalog file. The manifest file holds `[catalog]`, `[[group]]`,
/// `[[http_status]]` and `[[platform]]`; topic files hold `[[error]]`. A
/// single-file catalog holds all of them. Rules that span entries or files
/// (unique codes, references, examples) are checked by `errcat validate`
/// only.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    /// The manifest: the catalog's name, version, packages and response
    /// format. Exactly one file of a catalog has it.
    #[cfg_attr(feature = "schema", schemars(with = "Option<RawManifest>"))]
    pub catalog: Option<Spanned<RawManifest>>,
    /// Named sets of codes (a SQLSTATE class, say).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawGroup>"))]
    pub group: Vec<Spanned<RawGroup>>,
    /// The HTTP statuses the API uses.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawHttpStatus>"))]
    pub http_status: Vec<Spanned<RawHttpStatus>>,
    /// The platforms (social networks, upstream services) errors can concern.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawPlatform>"))]
    pub platform: Vec<Spanned<RawPlatform>>,
    /// The error codes, one table per code.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawError>"))]
    pub error: Vec<Spanned<RawError>>,
}

/// `[catalog]`: the catalog's names, version, packages and response format.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "manifest"))]
#[serde(deny_unknown_fields)]
pub struct RawManifest {
    /// Machine name of the catalog, lower-case (`ayrshare`). The only key
    /// `[catalog]` requires.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Human name of the API (`Ayrshare`); defaults to `name`.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub title: Option<Spanned<String>>,
    /// What the catalog covers.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub description: Option<Spanned<String>>,
    /// Version of the catalog and of the packages generated from it,
    /// MAJOR.MINOR.PATCH; defaults to `0.1.0`.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub version: Option<Spanned<String>>,
    /// Root URL of the published reference book (`generated/book`); the
    /// page of code N is `{docs_url}/codes/N.html`.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub docs_url: Option<Spanned<String>>,
    /// URL of the API's own error documentation, the source of the facts.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub source_url: Option<Spanned<String>>,
    /// Name of the Rust crate; defaults to `<name>-errors`.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub rust_crate: Option<Spanned<String>>,
    /// Name of the npm package, `name` or `@scope/name`; defaults to
    /// `<name>-errors`.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub npm_package: Option<Spanned<String>>,
    /// Name of the Python distribution; defaults to `<name>-errors`.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub python_package: Option<Spanned<String>>,
    /// Where a response body holds error objects.
    #[cfg_attr(feature = "schema", schemars(with = "Option<RawEnvelope>"))]
    pub envelope: Option<Spanned<RawEnvelope>>,
    /// Headers the API documents for error handling (request or response).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawHeader>"))]
    pub header: Vec<Spanned<RawHeader>>,
    /// Fields of error responses, documented once for the whole API.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawField>"))]
    pub field: Vec<Spanned<RawField>>,
    /// Examples that illustrate the response format itself rather than one code.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawExample>"))]
    pub example: Vec<Spanned<RawExample>>,
}

/// `[catalog.envelope]`: where error objects sit in a response body.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "envelope"))]
#[serde(deny_unknown_fields)]
pub struct RawEnvelope {
    /// The field of an error object that holds the code; `code` by default.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub code_field: Option<Spanned<String>>,
    /// Paths of error objects, in reading order: `.` (the body), keys
    /// joined by `.`, `[]` after a key for each element of an array,
    /// `{platform}` for keys that are platform ids, `*` for any other key.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub errors: Vec<Spanned<String>>,
    /// Paths of warning objects.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub warnings: Vec<Spanned<String>>,
    /// Paths of parts that are whole response bodies again.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub nested: Vec<Spanned<String>>,
    /// Paths, relative to an error object, that name its platform; the
    /// first that holds a string wins. `{key}` is the key the object sat
    /// under.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub platform: Vec<Spanned<String>>,
    /// Fields, with their values, that an object found under `*` must hold
    /// to be an error object (`{ status = "error" }`): a successful result
    /// may hold a `code` of its own.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "std::collections::BTreeMap<String, String>")
    )]
    pub marker: std::collections::BTreeMap<String, Spanned<String>>,
}

/// `[[group]]`: a named set of codes.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "group"))]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// kebab-case id that entries name in `group`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub id: Spanned<String>,
    /// Human title of the group.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub title: Spanned<String>,
    /// What the codes of the group have in common.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub description: Option<Spanned<String>>,
}

/// `[[catalog.header]]`: an HTTP header the API documents for error
/// handling.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "header"))]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    /// The header name as the API spells it.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Who sends it: `request` (the client) or `response` (the API).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "json_schema::Word<crate::ir::Direction>")
    )]
    pub direction: Spanned<String>,
    /// What the header does.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub description: Spanned<String>,
    /// Sample header lines, kept as written.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub examples: Vec<Spanned<String>>,
}

/// `[[catalog.field]]`: a field of error responses.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "field"))]
#[serde(deny_unknown_fields)]
pub struct RawField {
    /// Dotted path of the field in a response body (`errors[].code`).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// JSON type: `string`, `integer`, `boolean`, `object`, `array`.
    #[serde(rename = "type")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "json_schema::Word<json_schema::FieldType>")
    )]
    pub ty: Spanned<String>,
    /// What the field holds.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub description: Spanned<String>,
}

/// `[[http_status]]`: an HTTP status the API uses.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "httpStatus"))]
#[serde(deny_unknown_fields)]
pub struct RawHttpStatus {
    /// The status code, 100 to 599.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "i64", range(min = 100, max = 599))
    )]
    pub code: Spanned<i64>,
    /// The reason phrase (`Too Many Requests`).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub meaning: Spanned<String>,
    /// True for the status the API uses for success (200).
    #[serde(default)]
    pub success: bool,
}

/// `[[platform]]`: a platform errors can concern.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "platform"))]
#[serde(deny_unknown_fields)]
pub struct RawPlatform {
    /// The value the API puts in `platform` fields (`twitter`).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub id: Spanned<String>,
    /// Identifier for generated code (`Twitter`).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Display name (`X/Twitter`).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub title: Spanned<String>,
}

/// `[[error]]`: one error code. Only `code`, `name` and `title` are
/// required; a fact left out is unstated, never a default.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "error"))]
#[serde(deny_unknown_fields)]
pub struct RawError {
    /// An integer or a string; one kind per catalog.
    #[cfg_attr(feature = "schema", schemars(with = "RawCode"))]
    pub code: Spanned<RawCode>,
    /// PascalCase identifier, stable forever once published.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// Short human title.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub title: Spanned<String>,
    /// Id of a `[[group]]`.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub group: Option<Spanned<String>>,
    /// An integer status, or the string `"unstated"` when the API's
    /// documentation gives none (the same as leaving it out).
    #[cfg_attr(feature = "schema", schemars(with = "Option<RawHttp>"))]
    pub http: Option<Spanned<RawHttp>>,
    /// The `action` value of the error object, or `"unstated"`.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub action: Option<Spanned<String>>,
    /// `[]` states that the code concerns no platform in particular.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<Vec<String>>", extend("uniqueItems" = true))
    )]
    pub platforms: Option<Spanned<Vec<Spanned<String>>>>,
    /// `error` or `warning`.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<json_schema::Word<crate::ir::Severity>>")
    )]
    pub severity: Option<Spanned<String>>,
    /// Where the error object sits in a response.
    #[cfg_attr(
        feature = "schema",
        schemars(
            with = "Option<Vec<json_schema::Word<crate::ir::Appearance>>>",
            length(min = 1),
            extend("uniqueItems" = true)
        )
    )]
    pub appears_in: Option<Spanned<Vec<Spanned<String>>>>,
    /// The retry policy and its parameters.
    #[cfg_attr(feature = "schema", schemars(with = "Option<RawRetry>"))]
    pub retry: Option<Spanned<RawRetry>>,
    /// `required`, `no` or `must-not`.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<json_schema::Word<crate::ir::Relink>>")
    )]
    pub relink: Option<Spanned<String>>,
    /// What a program should do by default.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<json_schema::Word<crate::ir::Remedy>>")
    )]
    pub remedy: Option<Spanned<String>>,
    /// Exact message texts, as the API returns them.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Vec<String>", extend("uniqueItems" = true))
    )]
    pub messages: Vec<Spanned<String>>,
    /// When the error happens, in the catalog's own words.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub description: Option<Spanned<String>>,
    /// What to do about it, in the catalog's own words.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub advice: Option<Spanned<String>>,
    /// Codes that replace this one.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Vec<RawCode>", extend("uniqueItems" = true))
    )]
    pub superseded_by: Vec<Spanned<RawCode>>,
    /// Codes this one replaces, fully or partly.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Vec<RawCode>", extend("uniqueItems" = true))
    )]
    pub replaces: Vec<Spanned<RawCode>>,
    /// Codes worth reading together with this one.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Vec<RawCode>", extend("uniqueItems" = true))
    )]
    pub related: Vec<Spanned<RawCode>>,
    /// Set on a code the API no longer emits. Its number stays reserved.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub retired: Option<Spanned<String>>,
    /// Extra response fields this code carries, and what they mean for it.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawErrorField>"))]
    pub field: Vec<Spanned<RawErrorField>>,
    /// Response headers that come with this code.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawErrorHeader>"))]
    pub header: Vec<Spanned<RawErrorHeader>>,
    /// Upstream platform codes that refine this one.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawSubcode>"))]
    pub subcode: Vec<Spanned<RawSubcode>>,
    /// Distinct situations behind one code, told apart by the response.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawCase>"))]
    pub case: Vec<Spanned<RawCase>>,
    /// Dated notes on changes to the code.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawHistory>"))]
    pub history: Vec<Spanned<RawHistory>>,
    /// Response bodies that show this code.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<RawExample>"))]
    pub example: Vec<Spanned<RawExample>>,
}

/// An error code as written: a TOML integer or string.
#[derive(Debug, Clone)]
pub enum RawCode {
    Int(i64),
    Str(String),
}

impl<'de> Deserialize<'de> for RawCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = RawCode;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an error code: an integer or a string")
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawCode, E> {
                Ok(RawCode::Int(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawCode, E> {
                // Above i64::MAX: still a number, reported as out of range.
                Ok(RawCode::Int(i64::try_from(v).unwrap_or(i64::MAX)))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawCode, E> {
                Ok(RawCode::Str(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug)]
pub enum RawHttp {
    Status(i64),
    Word(String),
}

impl<'de> Deserialize<'de> for RawHttp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = RawHttp;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an HTTP status number or the string \"unstated\"")
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawHttp, E> {
                Ok(RawHttp::Status(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawHttp, E> {
                i64::try_from(v)
                    .map(RawHttp::Status)
                    .map_err(|_| E::custom("HTTP status out of range"))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawHttp, E> {
                Ok(RawHttp::Word(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A retry policy: `policy` and that policy's own parameters.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "retry"))]
#[serde(deny_unknown_fields)]
pub struct RawRetry {
    /// `never`, `backoff`, `after-delay`, `after-event`, `failed-platforms`.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "json_schema::Word<crate::ir::RetryKind>")
    )]
    pub policy: Spanned<String>,
    /// `backoff`: the least wait before the first retry, 1 to 86400
    /// seconds.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<i64>", range(min = 1, max = 86_400))
    )]
    pub min_delay_secs: Option<Spanned<i64>>,
    /// `after-delay`: the response field that carries the delay.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub delay_field: Option<Spanned<String>>,
    /// `after-delay`: how the delay is written in that field; `{seconds}`
    /// marks the number.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub delay_format: Option<Spanned<String>>,
    /// `after-event`: what must happen before a retry can succeed.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub event: Option<Spanned<String>>,
}

/// `[[error.field]]`: a response field this code carries.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "errorField"))]
#[serde(deny_unknown_fields)]
pub struct RawErrorField {
    /// The field name (`details`).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// What the field means for this code.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub description: Spanned<String>,
}

/// `[[error.header]]`: a response header that comes with this code.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "errorHeader"))]
#[serde(deny_unknown_fields)]
pub struct RawErrorHeader {
    /// The header name.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub name: Spanned<String>,
    /// The value it carries in this case (`read`).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub value: Option<Spanned<String>>,
    /// What the header means for this code.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub description: Spanned<String>,
}

/// An upstream platform's own code that refines this one.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "subcode"))]
#[serde(deny_unknown_fields)]
pub struct RawSubcode {
    /// The upstream code, 0 or more.
    #[cfg_attr(feature = "schema", schemars(with = "i64", range(min = 0)))]
    pub code: Spanned<i64>,
    /// Whose code it is (`meta`).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub source: Spanned<String>,
    /// The upstream field that carries it (`error_subcode`).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub upstream_field: Spanned<String>,
    /// The response field where it shows, if it does (`errCode`, `details`).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub response_field: Option<Spanned<String>>,
    /// What the sub-code means.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub description: Spanned<String>,
    /// Upstream's own message for the sub-code, when the docs quote it.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub upstream_message: Option<Spanned<String>>,
    /// Override: the message sent in this case; one of the entry's
    /// `messages`. (Each override replaces the entry's value when the
    /// sub-code applies.)
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub message: Option<Spanned<String>>,
    /// Override: the relink value in this case.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<json_schema::Word<crate::ir::Relink>>")
    )]
    pub relink: Option<Spanned<String>>,
    /// Override: whether a retry can succeed in this case.
    #[cfg_attr(feature = "schema", schemars(with = "Option<bool>"))]
    pub retry_available: Option<Spanned<bool>>,
    /// Override: the remedy in this case.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<json_schema::Word<crate::ir::Remedy>>")
    )]
    pub remedy: Option<Spanned<String>>,
}

/// `[[error.case]]`: a distinct situation behind one code.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "case"))]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    /// kebab-case identifier of the case.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub id: Spanned<String>,
    /// Short human title of the case.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub title: Spanned<String>,
    /// How to recognise it in a response.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub signal: Spanned<String>,
    /// What to do in this case.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub advice: Spanned<String>,
    /// Override: the message sent in this case; one of the entry's
    /// `messages`.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub message: Option<Spanned<String>>,
    /// Override: the relink value in this case.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<json_schema::Word<crate::ir::Relink>>")
    )]
    pub relink: Option<Spanned<String>>,
    /// Override: the remedy in this case.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<json_schema::Word<crate::ir::Remedy>>")
    )]
    pub remedy: Option<Spanned<String>>,
}

/// `[[error.history]]`: a dated note on a change to the code.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "history"))]
#[serde(deny_unknown_fields)]
pub struct RawHistory {
    /// `YYYY-MM` or `YYYY-MM-DD`, or `unknown`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub date: Spanned<String>,
    /// What changed.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub note: Spanned<String>,
}

/// A response body, as the API documents it.
#[derive(Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "example"))]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    /// Caption of the example.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub title: Spanned<String>,
    /// The HTTP status that comes with this body, when known.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<i64>", range(min = 100, max = 599))
    )]
    pub http: Option<Spanned<i64>>,
    /// The sub-code the example shows, one of the entry's
    /// `[[error.subcode]]`.
    #[cfg_attr(feature = "schema", schemars(with = "Option<i64>", range(min = 0)))]
    pub subcode: Option<Spanned<i64>>,
    /// The case the example shows, one of the entry's `[[error.case]]` ids.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub case: Option<Spanned<String>>,
    /// The response body, as JSON text; best written as a `'''` literal
    /// string.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub json: Spanned<String>,
}

/// The schemas of the values whose Rust type says less than the format:
/// codes, `http`, and the closed word lists (taken from the IR's `WORDS`,
/// the lists the validator accepts).
#[cfg(feature = "schema")]
pub mod json_schema {
    use std::borrow::Cow;
    use std::marker::PhantomData;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use super::{RawCode, RawHttp};
    use crate::ir;

    /// A string code as a JSON Schema pattern: the characters of
    /// [`ir::is_string_code`], at least one of them not a dot (written
    /// without look-ahead, which not every validator supports). The
    /// length limit is `maxLength`.
    pub const STRING_CODE_PATTERN: &str = "^[A-Za-z0-9_.-]*[A-Za-z0-9_-][A-Za-z0-9_.-]*$";

    /// A closed list of words, with the name of its `$defs` entry.
    pub trait WordList {
        const NAME: &'static str;
        const DESCRIPTION: &'static str;
        const WORDS: &'static [&'static str];
    }

    /// The schema of one word of `W`.
    pub struct Word<W>(PhantomData<W>);

    impl<W: WordList> JsonSchema for Word<W> {
        fn schema_name() -> Cow<'static, str> {
            W::NAME.into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "type": "string",
                "description": W::DESCRIPTION,
                "enum": W::WORDS,
            })
        }
    }

    macro_rules! word_list {
        ($($ty:ty => $name:literal, $description:literal, $words:expr;)+) => {
            $(impl WordList for $ty {
                const NAME: &'static str = $name;
                const DESCRIPTION: &'static str = $description;
                const WORDS: &'static [&'static str] = $words;
            })+
        };
    }

    /// The JSON types a `[[catalog.field]]` may declare.
    pub struct FieldType;

    word_list! {
        ir::Severity => "severity", "Whether the request failed or succeeded with a note.", ir::Severity::WORDS;
        ir::Appearance => "appearance", "Where an error object sits in a response body.", ir::Appearance::WORDS;
        ir::RetryKind => "retryPolicy", "A kind of retry policy.", ir::RetryKind::WORDS;
        ir::Relink => "relink", "Whether relinking the account is needed, not needed, or must not be suggested.", ir::Relink::WORDS;
        ir::Remedy => "remedy", "What a program should do about an error.", ir::Remedy::WORDS;
        ir::Direction => "direction", "Who sends a header.", ir::Direction::WORDS;
        FieldType => "fieldType", "A JSON type.", ir::FIELD_TYPES;
    }

    impl JsonSchema for RawCode {
        fn schema_name() -> Cow<'static, str> {
            "code".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "An error code: an integer from 0 to 4294967295, or a string of 1 to 64 ASCII letters, digits, `_`, `-` and `.`. One kind per catalog.",
                "anyOf": [
                    { "type": "integer", "minimum": 0, "maximum": u32::MAX },
                    {
                        "type": "string",
                        "maxLength": ir::MAX_STRING_CODE,
                        "pattern": STRING_CODE_PATTERN,
                    },
                ],
            })
        }
    }

    impl JsonSchema for RawHttp {
        fn schema_name() -> Cow<'static, str> {
            "http".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "An HTTP status, 100 to 599 (one of `[[http_status]]`), or \"unstated\" when the API's documentation gives none.",
                "anyOf": [
                    { "type": "integer", "minimum": 100, "maximum": 599 },
                    { "const": "unstated" },
                ],
            })
        }
    }
}
