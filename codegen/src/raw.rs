//! The catalog as written: one struct per TOML table, every value that a
//! diagnostic may point at wrapped in [`Spanned`].
//!
//! These types mirror the file format documented in `docs/catalog-format.md`
//! one to one. Nothing here is checked beyond what serde checks (types,
//! required keys, unknown keys); the rules live in `validate`.

use serde::Deserialize;
use toml::Spanned;

/// One catalog file. The manifest file holds `[catalog]`, `[[group]]`,
/// `[[http_status]]` and `[[platform]]`; topic files hold `[[error]]`. A
/// single-file catalog holds all of them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub catalog: Option<Spanned<RawManifest>>,
    #[serde(default)]
    pub group: Vec<Spanned<RawGroup>>,
    #[serde(default)]
    pub http_status: Vec<Spanned<RawHttpStatus>>,
    #[serde(default)]
    pub platform: Vec<Spanned<RawPlatform>>,
    #[serde(default)]
    pub error: Vec<Spanned<RawError>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawManifest {
    /// Machine name of the catalog, lower-case (`ayrshare`). The only key
    /// `[catalog]` requires.
    pub name: Spanned<String>,
    /// Human name of the API (`Ayrshare`); defaults to `name`.
    pub title: Option<Spanned<String>>,
    pub description: Option<Spanned<String>>,
    /// Version of the catalog and of the packages generated from it;
    /// defaults to `0.1.0`.
    pub version: Option<Spanned<String>>,
    /// Base URL of the generated reference pages; each code's page is
    /// `{docs_url}#{anchor}`.
    pub docs_url: Option<Spanned<String>>,
    /// URL of the API's own error documentation, the source of the facts.
    pub source_url: Option<Spanned<String>>,
    /// Name of the Rust crate; defaults to `<name>-errors`.
    pub rust_crate: Option<Spanned<String>>,
    /// Name of the npm package; defaults to `<name>-errors`.
    pub npm_package: Option<Spanned<String>>,
    /// Name of the Python distribution; defaults to `<name>-errors`.
    pub python_package: Option<Spanned<String>>,
    /// Where a response body holds error objects.
    pub envelope: Option<Spanned<RawEnvelope>>,
    /// Headers the API documents for error handling (request or response).
    #[serde(default)]
    pub header: Vec<Spanned<RawHeader>>,
    /// Fields of error responses, documented once for the whole API.
    #[serde(default)]
    pub field: Vec<Spanned<RawField>>,
    /// Examples that illustrate the response format itself rather than one code.
    #[serde(default)]
    pub example: Vec<Spanned<RawExample>>,
}

/// `[catalog.envelope]`: where error objects sit in a response body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEnvelope {
    /// The field of an error object that holds the code; `code` by default.
    pub code_field: Option<Spanned<String>>,
    /// Paths of error objects, in reading order.
    #[serde(default)]
    pub errors: Vec<Spanned<String>>,
    /// Paths of warning objects.
    #[serde(default)]
    pub warnings: Vec<Spanned<String>>,
    /// Paths of parts that are whole response bodies again.
    #[serde(default)]
    pub nested: Vec<Spanned<String>>,
    /// Paths, relative to an error object, that name its platform; the
    /// first that holds a string wins.
    #[serde(default)]
    pub platform: Vec<Spanned<String>>,
}

/// `[[group]]`: a named set of codes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// kebab-case id that entries name in `group`.
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub description: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    pub name: Spanned<String>,
    /// `request` or `response`.
    pub direction: Spanned<String>,
    pub description: Spanned<String>,
    #[serde(default)]
    pub examples: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    /// Dotted path of the field in a response body (`errors[].code`).
    pub name: Spanned<String>,
    /// JSON type: `string`, `integer`, `boolean`, `object`, `array`.
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    pub description: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHttpStatus {
    pub code: Spanned<i64>,
    pub meaning: Spanned<String>,
    /// True for the status the API uses for success (200).
    #[serde(default)]
    pub success: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlatform {
    /// The value the API puts in `platform` fields (`twitter`).
    pub id: Spanned<String>,
    /// Identifier for generated code (`Twitter`).
    pub name: Spanned<String>,
    pub title: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawError {
    /// An integer or a string; one kind per catalog.
    pub code: Spanned<RawCode>,
    /// PascalCase identifier, stable forever once published.
    pub name: Spanned<String>,
    pub title: Spanned<String>,
    /// Id of a `[[group]]`.
    pub group: Option<Spanned<String>>,
    /// An integer status, or the string `"unstated"` when the API's
    /// documentation gives none (the same as leaving it out).
    pub http: Option<Spanned<RawHttp>>,
    /// The `action` value of the error object, or `"unstated"`.
    pub action: Option<Spanned<String>>,
    /// `[]` states that the code concerns no platform in particular.
    pub platforms: Option<Spanned<Vec<Spanned<String>>>>,
    /// `error` or `warning`.
    pub severity: Option<Spanned<String>>,
    /// Where the error object sits in a response.
    pub appears_in: Option<Spanned<Vec<Spanned<String>>>>,
    pub retry: Option<Spanned<RawRetry>>,
    /// `required`, `no` or `must-not`.
    pub relink: Option<Spanned<String>>,
    /// What a program should do by default.
    pub remedy: Option<Spanned<String>>,
    /// Exact message texts, as the API returns them.
    #[serde(default)]
    pub messages: Vec<Spanned<String>>,
    /// When the error happens, in the catalog's own words.
    pub description: Option<Spanned<String>>,
    /// What to do about it, in the catalog's own words.
    pub advice: Option<Spanned<String>>,
    /// Codes that replace this one.
    #[serde(default)]
    pub superseded_by: Vec<Spanned<RawCode>>,
    /// Codes this one replaces, fully or partly.
    #[serde(default)]
    pub replaces: Vec<Spanned<RawCode>>,
    /// Codes worth reading together with this one.
    #[serde(default)]
    pub related: Vec<Spanned<RawCode>>,
    /// Set on a code the API no longer emits. Its number stays reserved.
    pub retired: Option<Spanned<String>>,
    /// Extra response fields this code carries, and what they mean for it.
    #[serde(default)]
    pub field: Vec<Spanned<RawErrorField>>,
    /// Response headers that come with this code.
    #[serde(default)]
    pub header: Vec<Spanned<RawErrorHeader>>,
    #[serde(default)]
    pub subcode: Vec<Spanned<RawSubcode>>,
    /// Distinct situations behind one code, told apart by the response.
    #[serde(default)]
    pub case: Vec<Spanned<RawCase>>,
    #[serde(default)]
    pub history: Vec<Spanned<RawHistory>>,
    #[serde(default)]
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRetry {
    /// `never`, `backoff`, `after-delay`, `after-event`, `failed-platforms`.
    pub policy: Spanned<String>,
    /// `backoff`: the least wait before the first retry.
    pub min_delay_secs: Option<Spanned<i64>>,
    /// `after-delay`: the response field that carries the delay.
    pub delay_field: Option<Spanned<String>>,
    /// `after-delay`: how the delay is written in that field; `{seconds}`
    /// marks the number.
    pub delay_format: Option<Spanned<String>>,
    /// `after-event`: what must happen before a retry can succeed.
    pub event: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawErrorField {
    pub name: Spanned<String>,
    pub description: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawErrorHeader {
    pub name: Spanned<String>,
    pub value: Option<Spanned<String>>,
    pub description: Spanned<String>,
}

/// An upstream platform's own code that refines this one.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSubcode {
    pub code: Spanned<i64>,
    /// Whose code it is (`meta`).
    pub source: Spanned<String>,
    /// The upstream field that carries it (`error_subcode`).
    pub upstream_field: Spanned<String>,
    /// The response field where it shows, if it does (`errCode`, `details`).
    pub response_field: Option<Spanned<String>>,
    pub description: Spanned<String>,
    /// Upstream's own message for the sub-code, when the docs quote it.
    pub upstream_message: Option<Spanned<String>>,
    /// Overrides: each replaces the entry's value when the sub-code applies.
    pub message: Option<Spanned<String>>,
    pub relink: Option<Spanned<String>>,
    pub retry_available: Option<Spanned<bool>>,
    pub remedy: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    /// kebab-case identifier of the case.
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    /// How to recognise it in a response.
    pub signal: Spanned<String>,
    pub advice: Spanned<String>,
    pub message: Option<Spanned<String>>,
    pub relink: Option<Spanned<String>>,
    pub remedy: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHistory {
    /// `YYYY-MM` or `YYYY-MM-DD`, or `unknown`.
    pub date: Spanned<String>,
    pub note: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    pub title: Spanned<String>,
    /// The HTTP status that comes with this body, when known.
    pub http: Option<Spanned<i64>>,
    /// The sub-code or case the example shows, if any.
    pub subcode: Option<Spanned<i64>>,
    pub case: Option<Spanned<String>>,
    /// The response body, as JSON text.
    pub json: Spanned<String>,
}
