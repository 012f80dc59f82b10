//! Decoding and classification against the catalog's own examples (from the
//! export in `generated/schema/catalog.json`) and the shared edge cases in
//! `tests/classify/vectors.json`.

use ayrshare_errors::{
    Classification, Code, ErrorCode, Relink, Remedy, Response, RetryPolicy, Severity, classify_body,
};
use serde_json::Value;

mod common;
use common::{read_json, repo};

/// (entry code, http status, body) for every example of every entry.
fn examples() -> Vec<(u32, Option<u16>, Value)> {
    let out: Vec<_> = common::entry_examples()
        .into_iter()
        .map(|x| (x.code, x.http, x.body))
        .collect();
    assert!(out.len() >= 30, "the catalog has its examples");
    out
}

#[test]
fn every_example_decodes_without_loss() {
    for (code, _, body) in examples() {
        let bytes = serde_json::to_vec(&body).expect("encodes");
        let decoded = Response::from_slice(&bytes).expect("decodes");
        let again = serde_json::to_value(&decoded).expect("re-encodes");
        assert_eq!(again, body, "example of {code} changed on a round trip");
        // Key order survives too.
        assert_eq!(serde_json::to_vec(&decoded).expect("encodes"), bytes);
    }
}

#[test]
fn every_example_agrees_with_its_entry() {
    for (code, http, body) in examples() {
        let c = classify_body(&serde_json::to_vec(&body).expect("encodes"), http);
        let entry = ErrorCode::from_code(code).expect("known").info();
        let found: Vec<_> = c
            .errors
            .iter()
            .chain(&c.warnings)
            .filter(|v| v.code == Some(code))
            .collect();
        assert!(
            !found.is_empty(),
            "{code}: its example yields no verdict for it: {c:?}"
        );
        for v in found {
            assert!(v.known);
            assert_eq!(v.name, Some(entry.name));
            assert_eq!(v.severity, entry.severity, "{code}");
            if entry.relink == Relink::MustNot {
                assert!(!v.relink, "{code} must never ask for a relink");
            }
            if v.relink {
                assert_eq!(v.remedy, Remedy::Relink, "{code}");
            }
            if entry.severity == Severity::Warning {
                assert!(c.ok, "{code}: a warning does not fail the response");
            } else {
                assert!(!c.ok, "{code}: an error example is not ok");
            }
            if let RetryPolicy::AfterDelay { field, .. } = entry.retry {
                let delay = body["errors"][0][field]
                    .as_str()
                    .and_then(|t| entry.retry.parse_delay(t));
                assert_eq!(v.retry_after_secs, delay, "{code}");
            }
            if let Some(platform) = &v.platform {
                assert!(
                    entry.platforms.is_empty()
                        || entry.platforms.iter().any(|p| p.id() == platform),
                    "{code}: platform {platform} not in the entry"
                );
            }
        }
    }
}

fn vector(name: &str) -> (Vec<u8>, Option<u16>) {
    let vectors = read_json(&repo().join("tests/classify/vectors.json"));
    let v = vectors
        .as_array()
        .expect("array")
        .iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("no vector {name}"));
    let body = v["body"].as_str().expect("body").as_bytes().to_vec();
    (body, v["http_status"].as_u64().map(|h| h as u16))
}

fn run(name: &str) -> Classification {
    let (body, http) = vector(name);
    classify_body(&body, http)
}

#[test]
fn relink_errors_say_relink_despite_http_400() {
    let c = run("relink-http-400");
    assert_eq!(c.errors.len(), 1);
    assert!(c.errors[0].relink);
    assert_eq!(c.errors[0].remedy, Remedy::Relink);
}

#[test]
fn must_not_relink_codes_never_yield_relink() {
    let c = run("must-not-relink-despite-flag");
    assert_eq!(c.errors.len(), 2);
    for v in &c.errors {
        assert!(!v.relink, "{v:?}");
        assert_ne!(v.remedy, Remedy::Relink);
    }
}

#[test]
fn unknown_codes_keep_their_number() {
    let c = run("unknown-code");
    let v = &c.errors[0];
    assert_eq!((v.code, v.known, v.name), (Some(999), false, None));
    assert_eq!(v.platform.as_deref(), Some("mastodon"));
    assert_eq!(v.remedy, Remedy::FixRequest);
    let r = run("unknown-code-retry-available");
    assert!(r.errors[0].retryable);
    assert_eq!(r.errors[0].remedy, Remedy::Retry);
}

#[test]
fn bodies_that_are_not_json_are_judged_by_status() {
    for (name, retryable, safe) in [
        ("empty-body", true, false),
        ("html-body", true, false),
        ("html-body-429", true, true),
        ("html-body-403", false, true),
        ("json-array-body", true, false),
        ("truncated-json", true, false),
    ] {
        let c = run(name);
        assert!(!c.ok, "{name}");
        assert_eq!(c.errors.len(), 1, "{name}");
        assert_eq!(c.errors[0].retryable, retryable, "{name}");
        assert_eq!(c.safe_to_resubmit_all, safe, "{name}");
    }
    let c = run("whitespace-body");
    assert!(!c.ok && !c.errors[0].retryable && !c.safe_to_resubmit_all);
}

#[test]
fn partial_success_retries_only_failed_platforms() {
    let c = run("partial-success-441");
    assert!(c.partial_success);
    assert!(!c.safe_to_resubmit_all);
    assert_eq!(c.succeeded_platforms, ["bluesky"]);
    assert_eq!(c.failed_platforms, ["reddit", "twitter"]);
    assert_eq!(c.errors[0].remedy, Remedy::RetryFailedPlatforms);
    assert_eq!(c.errors[1].remedy, Remedy::FixRequest);
}

#[test]
fn warnings_alone_keep_a_response_ok() {
    let c = run("warnings-only");
    assert!(c.ok);
    assert!(c.errors.is_empty());
    assert_eq!(c.warnings.len(), 2);
    assert_eq!(c.warnings[1].code, Some(12345));
    assert_eq!(c.warnings[1].remedy, Remedy::None);
    assert!(!c.safe_to_resubmit_all, "the video was published");
}

#[test]
fn sub_codes_change_the_verdict() {
    let c = run("subcode-2207085-by-message");
    assert!(c.errors[0].relink);
    assert!(c.errors[0].retryable);
    let c = run("subcode-80001-errcode");
    assert_eq!(c.failed_platforms, ["facebook"]);
    assert_eq!(c.errors[0].remedy, Remedy::Retry);
    assert!(!c.errors[0].relink);
}

#[test]
fn retry_after_comes_from_the_response() {
    assert_eq!(
        run("retry-after-missing-details").errors[0].retry_after_secs,
        None
    );
    assert_eq!(
        run("retry-after-odd-details").errors[0].retry_after_secs,
        None
    );
    let c = run("retry-available-false");
    assert!(!c.errors[0].retryable);
    assert_eq!(c.errors[0].remedy, Remedy::FixRequest);
}

#[test]
fn wrong_types_read_as_absent_and_survive_a_round_trip() {
    let (body, http) = vector("wrong-types");
    let c = classify_body(&body, http);
    assert_eq!(c.status, None);
    assert_eq!(c.errors[0].code, None);
    let decoded = Response::from_slice(&body).expect("an object");
    let original: Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), original);
}

#[test]
fn nested_results_count() {
    let c = run("multi-profile");
    assert!(c.partial_success);
    assert_eq!(c.succeeded_platforms, ["twitter"]);
    assert_eq!(c.failed_platforms, ["instagram"]);
    let c = run("nested-endpoint");
    assert_eq!(c.errors[0].code, Some(288));
    assert_eq!(c.errors[0].remedy, Remedy::WaitForEvent);
}

#[test]
fn a_summary_code_is_not_counted_twice() {
    let c = run("top-level-with-errors-summary");
    assert_eq!(c.errors.len(), 1);
    assert_eq!(c.errors[0].platform.as_deref(), Some("twitter"));
    assert!(c.safe_to_resubmit_all);
}

#[test]
fn ok_needs_http_200_too() {
    assert!(!run("ok-false-on-http-500-with-success-body").ok);
    assert!(run("empty-object").ok);
    assert!(run("success-200").ok);
}

#[test]
fn code_is_open_world() {
    assert_eq!(Code::from(435).known(), Some(ErrorCode::InstagramRateLimit));
    assert_eq!(Code::from(1).known(), None);
    let json: Value = serde_json::from_str("[435, 1]").expect("json");
    let codes: Vec<Code> = serde_json::from_value(json.clone()).expect("codes");
    assert_eq!(serde_json::to_value(&codes).expect("encodes"), json);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            "[a-z0-9 ]{0,8}".prop_map(Value::from),
            prop_oneof![
                Just("code"),
                Just("errors"),
                Just("platform"),
                Just("status")
            ]
            .prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec(
                    (
                        prop_oneof![
                            Just("code".to_string()),
                            Just("errors".to_string()),
                            Just("warnings".to_string()),
                            Just("postIds".to_string()),
                            Just("posts".to_string()),
                            Just("platform".to_string()),
                            Just("facebook".to_string()),
                            Just("status".to_string()),
                            Just("retryAvailable".to_string()),
                            Just("relink".to_string()),
                            Just("details".to_string()),
                            "[a-z]{1,6}",
                        ],
                        inner
                    ),
                    0..6
                )
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_bytes_classify_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..256), http in prop::option::of(100u16..600)) {
            let _ = classify_body(&bytes, http);
        }

        #[test]
        fn any_object_round_trips_and_classifies(v in json_value(), http in prop::option::of(100u16..600)) {
            let bytes = serde_json::to_vec(&v).expect("encodes");
            let c = classify_body(&bytes, http);
            if let Ok(r) = Response::from_slice(&bytes) {
                prop_assert_eq!(serde_json::to_value(&r).expect("encodes"), v);
            } else {
                prop_assert!(!v.is_object());
                prop_assert_eq!(c.errors.len(), usize::from(http != Some(200)));
            }
            prop_assert!(!c.ok || c.errors.is_empty(), "ok with errors");
        }
    }
}
