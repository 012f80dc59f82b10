//! The export: the validated catalog as one JSON document, the public
//! format other tools read (`errcat export`, `generated/schema/catalog.json`).
//! Its shape is described by `generated/schema/catalog-export.schema.json`
//! and in `docs/catalog-format.md`; change both together.

use serde::Serialize;
use serde_json::Value;

use crate::ir::{Case, Catalog, Code, ErrorEntry, Example, Group, Path, RetryPolicy, Subcode};

/// Version of the export format itself, bumped on incompatible changes.
/// Version 2: codes may be strings, facts a catalog does not state are
/// `null`, groups and the envelope are written.
pub const FORMAT_VERSION: u32 = 2;

/// The export as a JSON value.
pub fn export(c: &Catalog) -> Value {
    serde_json::to_value(Export::new(c)).unwrap_or(Value::Null)
}

/// The export as text: pretty-printed, with a final newline. Written
/// straight from the catalog, without a `Value` tree in between (at 10,000
/// codes, building that tree cost more than printing it).
pub fn export_string(c: &Catalog) -> String {
    let mut s = serde_json::to_string_pretty(&Export::new(c)).unwrap_or_default();
    s.push('\n');
    s
}

/// A retry policy as the export writes it: `policy` and its parameters.
pub fn retry(r: &RetryPolicy) -> Value {
    serde_json::to_value(Retry::new(r)).unwrap_or(Value::Null)
}

/// One sub-code as the export writes it.
pub fn subcode(s: &Subcode) -> Value {
    serde_json::to_value(SubcodeOut::new(s)).unwrap_or(Value::Null)
}

/// One case as the export writes it.
pub fn case(c: &Case) -> Value {
    serde_json::to_value(CaseOut::new(c)).unwrap_or(Value::Null)
}

// The document's shape: field order here is key order in the output.

#[derive(Serialize)]
struct Export<'a> {
    format_version: u32,
    catalog: CatalogOut<'a>,
    envelope: EnvelopeOut<'a>,
    groups: Vec<GroupOut<'a>>,
    http_statuses: Vec<StatusOut<'a>>,
    platforms: Vec<PlatformOut<'a>>,
    headers: Vec<HeaderOut<'a>>,
    fields: Vec<FieldOut<'a>>,
    examples: Vec<ExampleOut<'a>>,
    codes: Vec<EntryOut<'a>>,
}

#[derive(Serialize)]
struct CatalogOut<'a> {
    name: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    version: &'a str,
    /// `integer` or `string`.
    code_kind: &'static str,
    docs_url: Option<&'a str>,
    source_url: Option<&'a str>,
    rust_crate: &'a str,
    npm_package: &'a str,
    python_package: &'a str,
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    declared: bool,
    code_field: &'a str,
    errors: Vec<String>,
    warnings: Vec<String>,
    nested: Vec<String>,
    platform: Vec<String>,
    marker: std::collections::BTreeMap<&'a str, &'a str>,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    id: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    codes: &'a [Code],
}

#[derive(Serialize)]
struct StatusOut<'a> {
    code: u16,
    meaning: &'a str,
    success: bool,
}

#[derive(Serialize)]
struct PlatformOut<'a> {
    id: &'a str,
    name: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct HeaderOut<'a> {
    name: &'a str,
    direction: &'static str,
    description: &'a str,
    examples: &'a [String],
}

#[derive(Serialize)]
struct FieldOut<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    ty: &'a str,
    description: &'a str,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    code: &'a Code,
    name: &'a str,
    title: &'a str,
    group: Option<&'a str>,
    http_status: Option<u16>,
    action: Option<&'a str>,
    platforms: Option<&'a [String]>,
    severity: Option<&'static str>,
    appears_in: Option<Vec<&'static str>>,
    retryable: Option<bool>,
    retry: Option<Retry<'a>>,
    relink: Option<bool>,
    relink_policy: Option<&'static str>,
    remedy: Option<&'static str>,
    messages: &'a [String],
    description: Option<&'a str>,
    advice: Option<&'a str>,
    subcodes: Vec<SubcodeOut<'a>>,
    cases: Vec<CaseOut<'a>>,
    superseded_by: &'a [Code],
    replaces: &'a [Code],
    replaced_by: &'a [Code],
    related: &'a [Code],
    retired: Option<&'a str>,
    fields: Vec<ErrorFieldOut<'a>>,
    headers: Vec<ErrorHeaderOut<'a>>,
    history: Vec<HistoryOut<'a>>,
    examples: Vec<ExampleOut<'a>>,
    shown_in: &'a [Code],
    anchor: &'a str,
    docs_url: Option<&'a str>,
}

/// `policy`, then only the parameters of that policy (a `null`
/// `min_delay_secs` is written: backoff always has the key).
#[derive(Serialize)]
struct Retry<'a> {
    policy: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_delay_secs: Option<Option<u32>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delay_field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delay_format: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event: Option<&'a str>,
}

#[derive(Serialize)]
struct SubcodeOut<'a> {
    code: u64,
    source: &'a str,
    upstream_field: &'a str,
    response_field: Option<&'a str>,
    description: &'a str,
    upstream_message: Option<&'a str>,
    message: Option<&'a str>,
    relink: Option<&'static str>,
    retry_available: Option<bool>,
    remedy: Option<&'static str>,
}

#[derive(Serialize)]
struct CaseOut<'a> {
    id: &'a str,
    title: &'a str,
    signal: &'a str,
    advice: &'a str,
    message: Option<&'a str>,
    relink: Option<&'static str>,
    remedy: Option<&'static str>,
}

#[derive(Serialize)]
struct ErrorFieldOut<'a> {
    name: &'a str,
    description: &'a str,
}

#[derive(Serialize)]
struct ErrorHeaderOut<'a> {
    name: &'a str,
    value: Option<&'a str>,
    description: &'a str,
}

#[derive(Serialize)]
struct HistoryOut<'a> {
    date: &'a str,
    note: &'a str,
}

#[derive(Serialize)]
struct ExampleOut<'a> {
    title: &'a str,
    http: Option<u16>,
    subcode: Option<u64>,
    case: Option<&'a str>,
    body: &'a Value,
}

impl<'a> Export<'a> {
    fn new(c: &'a Catalog) -> Self {
        let m = &c.meta;
        Export {
            format_version: FORMAT_VERSION,
            catalog: CatalogOut {
                name: &m.name,
                title: &m.title,
                description: m.description.as_deref(),
                version: &m.version,
                code_kind: c.code_kind.as_str(),
                docs_url: m.docs_url.as_deref(),
                source_url: m.source_url.as_deref(),
                rust_crate: &m.rust_crate,
                npm_package: &m.npm_package,
                python_package: &m.python_package,
            },
            envelope: EnvelopeOut {
                declared: c.envelope.declared,
                code_field: &c.envelope.code_field,
                errors: paths(&c.envelope.errors),
                warnings: paths(&c.envelope.warnings),
                nested: paths(&c.envelope.nested),
                platform: paths(&c.envelope.platform),
                marker: c
                    .envelope
                    .marker
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect(),
            },
            groups: c.groups.iter().map(GroupOut::new).collect(),
            http_statuses: c
                .http_statuses
                .iter()
                .map(|s| StatusOut {
                    code: s.code,
                    meaning: &s.meaning,
                    success: s.success,
                })
                .collect(),
            platforms: c
                .platforms
                .iter()
                .map(|p| PlatformOut {
                    id: &p.id,
                    name: &p.name,
                    title: &p.title,
                })
                .collect(),
            headers: c
                .headers
                .iter()
                .map(|h| HeaderOut {
                    name: &h.name,
                    direction: h.direction.as_str(),
                    description: &h.description,
                    examples: &h.examples,
                })
                .collect(),
            fields: c
                .fields
                .iter()
                .map(|f| FieldOut {
                    name: &f.name,
                    ty: &f.ty,
                    description: &f.description,
                })
                .collect(),
            examples: c.examples.iter().map(ExampleOut::new).collect(),
            codes: c.errors.iter().map(EntryOut::new).collect(),
        }
    }
}

impl<'a> EntryOut<'a> {
    fn new(e: &'a ErrorEntry) -> Self {
        EntryOut {
            code: &e.code,
            name: &e.name,
            title: &e.title,
            group: e.group.as_deref(),
            http_status: e.http_status,
            action: e.action.as_deref(),
            platforms: e.platforms.as_deref(),
            severity: e.severity.map(|s| s.as_str()),
            appears_in: e
                .appears_in
                .as_ref()
                .map(|a| a.iter().map(|a| a.as_str()).collect()),
            retryable: e.retryable(),
            retry: e.retry.as_ref().map(Retry::new),
            relink: e.relink_required(),
            relink_policy: e.relink.map(|r| r.as_str()),
            remedy: e.remedy.map(|r| r.as_str()),
            messages: &e.messages,
            description: e.description.as_deref(),
            advice: e.advice.as_deref(),
            subcodes: e.subcodes.iter().map(SubcodeOut::new).collect(),
            cases: e.cases.iter().map(CaseOut::new).collect(),
            superseded_by: &e.superseded_by,
            replaces: &e.replaces,
            replaced_by: &e.replaced_by,
            related: &e.related,
            retired: e.retired.as_deref(),
            fields: e
                .fields
                .iter()
                .map(|f| ErrorFieldOut {
                    name: &f.name,
                    description: &f.description,
                })
                .collect(),
            headers: e
                .headers
                .iter()
                .map(|h| ErrorHeaderOut {
                    name: &h.name,
                    value: h.value.as_deref(),
                    description: &h.description,
                })
                .collect(),
            history: e
                .history
                .iter()
                .map(|h| HistoryOut {
                    date: &h.date,
                    note: &h.note,
                })
                .collect(),
            examples: e.examples.iter().map(ExampleOut::new).collect(),
            shown_in: &e.shown_in,
            anchor: &e.anchor,
            docs_url: e.docs_url.as_deref(),
        }
    }
}

fn paths(list: &[Path]) -> Vec<String> {
    list.iter().map(Path::to_string).collect()
}

impl<'a> GroupOut<'a> {
    fn new(g: &'a Group) -> Self {
        GroupOut {
            id: &g.id,
            title: &g.title,
            description: g.description.as_deref(),
            codes: &g.codes,
        }
    }
}

impl<'a> Retry<'a> {
    fn new(r: &'a RetryPolicy) -> Self {
        let mut out = Retry {
            policy: r.kind().as_str(),
            min_delay_secs: None,
            delay_field: None,
            delay_format: None,
            event: None,
        };
        match r {
            RetryPolicy::Never | RetryPolicy::FailedPlatforms => {}
            RetryPolicy::Backoff { min_delay_secs } => out.min_delay_secs = Some(*min_delay_secs),
            RetryPolicy::AfterDelay { field, format } => {
                out.delay_field = Some(field);
                out.delay_format = Some(format);
            }
            RetryPolicy::AfterEvent { event } => out.event = Some(event),
        }
        out
    }
}

impl<'a> SubcodeOut<'a> {
    fn new(s: &'a Subcode) -> Self {
        SubcodeOut {
            code: s.code,
            source: &s.source,
            upstream_field: &s.upstream_field,
            response_field: s.response_field.as_deref(),
            description: &s.description,
            upstream_message: s.upstream_message.as_deref(),
            message: s.message.as_deref(),
            relink: s.relink.map(|r| r.as_str()),
            retry_available: s.retry_available,
            remedy: s.remedy.map(|r| r.as_str()),
        }
    }
}

impl<'a> CaseOut<'a> {
    fn new(c: &'a Case) -> Self {
        CaseOut {
            id: &c.id,
            title: &c.title,
            signal: &c.signal,
            advice: &c.advice,
            message: c.message.as_deref(),
            relink: c.relink.map(|r| r.as_str()),
            remedy: c.remedy.map(|r| r.as_str()),
        }
    }
}

impl<'a> ExampleOut<'a> {
    fn new(x: &'a Example) -> Self {
        ExampleOut {
            title: &x.title,
            http: x.http,
            subcode: x.subcode,
            case: x.case.as_deref(),
            body: &x.json,
        }
    }
}
