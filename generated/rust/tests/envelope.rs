//! One reading of response bodies. errcat reads the catalog's examples
//! through the envelope the catalog declares (`errcat::envelope`); this
//! runtime reads real responses with code of its own, for speed and
//! leniency. Both must find the same error objects, with the same codes
//! and platforms, in every example of the catalog and every body of the
//! classification corpus.

use std::collections::BTreeSet;

use ayrshare_errors::{Response, classify};
use serde_json::Value;

mod common;
use common::{read_json, repo};

type Found = Vec<(Option<u64>, Option<String>)>;

fn by_errcat(catalog: &errcat::ir::Catalog, keys: &BTreeSet<String>, body: &Value) -> Found {
    let is_platform = |k: &str| catalog.platforms.iter().any(|p| p.id == k);
    let mut out: Found = errcat::envelope::error_objects(
        &catalog.envelope,
        catalog.code_kind,
        keys,
        &is_platform,
        body,
    )
    .into_iter()
    .map(|f| (f.code.and_then(|c| c.as_int()).map(u64::from), f.platform))
    .collect();
    out.sort();
    out
}

fn by_runtime(body: &Value) -> Found {
    let Value::Object(map) = body else {
        return Vec::new();
    };
    let r = classify(Response::from_map(map), None);
    let mut out: Found = r
        .errors
        .iter()
        .chain(&r.warnings)
        .map(|v| (v.code.map(u64::from), v.platform.clone()))
        .collect();
    out.sort();
    out
}

#[test]
fn errcat_and_the_runtime_find_the_same_error_objects() {
    let catalog = errcat::compile(&repo().join("catalog"))
        .unwrap_or_else(|f| panic!("the catalog does not compile:\n{}", f.render()));
    let keys = errcat::envelope::envelope_keys(
        &catalog.envelope,
        catalog.fields.iter().map(|f| f.name.as_str()),
    );
    // The runtime's list is generated from the same catalog.
    let generated: BTreeSet<String> = ayrshare_errors::ENVELOPE_KEYS
        .iter()
        .map(|k| k.to_string())
        .collect();
    assert_eq!(generated, keys, "the envelope keys");

    let mut bodies: Vec<(String, Value)> = catalog
        .examples
        .iter()
        .map(|x| (format!("catalog: {}", x.title), x.json.clone()))
        .collect();
    for e in &catalog.errors {
        for x in &e.examples {
            bodies.push((format!("{}: {}", e.code, x.title), x.json.clone()));
        }
    }
    let examples = bodies.len();
    let vectors = read_json(&repo().join("tests/classify/vectors.json"));
    for v in vectors.as_array().expect("vectors") {
        let name = v["name"].as_str().unwrap_or_default();
        if let Some(body) = v["body"]
            .as_str()
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
        {
            bodies.push((format!("vector {name}"), body));
        }
    }
    assert!(
        examples > 30 && bodies.len() > examples + 20,
        "too few bodies"
    );
    let mut found_any = 0;
    for (name, body) in &bodies {
        let (a, b) = (by_errcat(&catalog, &keys, body), by_runtime(body));
        assert_eq!(
            a, b,
            "{name}: errcat (left) and the runtime (right) disagree"
        );
        found_any += usize::from(!a.is_empty());
    }
    assert!(found_any > examples, "the bodies hold error objects");
}
