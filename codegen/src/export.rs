//! The export: the validated catalog as one JSON document, the public
//! format other tools read (`errcat export`, `generated/schema/catalog.json`).
//! Its shape is described by `generated/schema/catalog-export.schema.json`
//! and in `docs/catalog-format.md`; change both together.

use serde_json::{Map, Value, json};

use crate::ir::{Case, Catalog, ErrorEntry, Example, RetryPolicy, Subcode};

/// Version of the export format itself, bumped on incompatible changes.
pub const FORMAT_VERSION: u32 = 1;

pub fn export(c: &Catalog) -> Value {
    let m = &c.meta;
    json!({
        "format_version": FORMAT_VERSION,
        "catalog": {
            "name": m.name,
            "title": m.title,
            "description": m.description,
            "version": m.version,
            "docs_url": m.docs_url,
            "source_url": m.source_url,
            "rust_crate": m.rust_crate,
            "npm_package": m.npm_package,
        },
        "http_statuses": c.http_statuses.iter().map(|s| json!({
            "code": s.code, "meaning": s.meaning, "success": s.success,
        })).collect::<Vec<_>>(),
        "platforms": c.platforms.iter().map(|p| json!({
            "id": p.id, "name": p.name, "title": p.title,
        })).collect::<Vec<_>>(),
        "headers": c.headers.iter().map(|h| json!({
            "name": h.name, "direction": h.direction.as_str(),
            "description": h.description, "examples": h.examples,
        })).collect::<Vec<_>>(),
        "fields": c.fields.iter().map(|f| json!({
            "name": f.name, "type": f.ty, "description": f.description,
        })).collect::<Vec<_>>(),
        "examples": c.examples.iter().map(example).collect::<Vec<_>>(),
        "codes": c.errors.iter().map(entry).collect::<Vec<_>>(),
    })
}

/// The export as text: pretty-printed, with a final newline.
pub fn export_string(c: &Catalog) -> String {
    let mut s = serde_json::to_string_pretty(&export(c)).unwrap_or_default();
    s.push('\n');
    s
}

pub fn retry(r: &RetryPolicy) -> Value {
    let mut o = Map::new();
    o.insert("policy".into(), r.kind().as_str().into());
    match r {
        RetryPolicy::Never | RetryPolicy::FailedPlatforms => {}
        RetryPolicy::Backoff { min_delay_secs } => {
            o.insert("min_delay_secs".into(), json!(min_delay_secs));
        }
        RetryPolicy::AfterDelay { field, format } => {
            o.insert("delay_field".into(), field.as_str().into());
            o.insert("delay_format".into(), format.as_str().into());
        }
        RetryPolicy::AfterEvent { event } => {
            o.insert("event".into(), event.as_str().into());
        }
    }
    Value::Object(o)
}

fn entry(e: &ErrorEntry) -> Value {
    json!({
        "code": e.code,
        "name": e.name,
        "title": e.title,
        "http_status": e.http_status,
        "action": e.action,
        "platforms": e.platforms,
        "severity": e.severity.as_str(),
        "appears_in": e.appears_in.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
        "retryable": e.retryable(),
        "retry": retry(&e.retry),
        "relink": e.relink_required(),
        "relink_policy": e.relink.as_str(),
        "remedy": e.remedy.as_str(),
        "messages": e.messages,
        "description": e.description,
        "advice": e.advice,
        "subcodes": e.subcodes.iter().map(subcode).collect::<Vec<_>>(),
        "cases": e.cases.iter().map(case).collect::<Vec<_>>(),
        "superseded_by": e.superseded_by,
        "replaces": e.replaces,
        "replaced_by": e.replaced_by,
        "related": e.related,
        "retired": e.retired,
        "fields": e.fields.iter().map(|f| json!({"name": f.name, "description": f.description})).collect::<Vec<_>>(),
        "headers": e.headers.iter().map(|h| json!({"name": h.name, "value": h.value, "description": h.description})).collect::<Vec<_>>(),
        "history": e.history.iter().map(|h| json!({"date": h.date, "note": h.note})).collect::<Vec<_>>(),
        "examples": e.examples.iter().map(example).collect::<Vec<_>>(),
        "shown_in": e.shown_in,
        "anchor": e.anchor,
        "docs_url": e.docs_url,
    })
}

/// One sub-code as the export writes it.
pub fn subcode(s: &Subcode) -> Value {
    json!({
        "code": s.code,
        "source": s.source,
        "upstream_field": s.upstream_field,
        "response_field": s.response_field,
        "description": s.description,
        "upstream_message": s.upstream_message,
        "message": s.message,
        "relink": s.relink.map(|r| r.as_str()),
        "retry_available": s.retry_available,
        "remedy": s.remedy.map(|r| r.as_str()),
    })
}

/// One case as the export writes it.
pub fn case(c: &Case) -> Value {
    json!({
        "id": c.id,
        "title": c.title,
        "signal": c.signal,
        "advice": c.advice,
        "message": c.message,
        "relink": c.relink.map(|r| r.as_str()),
        "remedy": c.remedy.map(|r| r.as_str()),
    })
}

fn example(x: &Example) -> Value {
    json!({
        "title": x.title,
        "http": x.http,
        "subcode": x.subcode,
        "case": x.case,
        "body": x.json,
    })
}
