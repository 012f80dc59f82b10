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

/// An error object directly under an endpoint's key is an error when it
/// says `"status": "error"`; a successful result with a `code`, or one with
/// no status, is not.
#[test]
fn an_error_object_under_an_endpoint_key() {
    let c = run("endpoint-error-object");
    assert_eq!(c.errors.len(), 1, "{c:?}");
    assert_eq!(c.errors[0].code, Some(221));
    assert!(!c.errors[0].known);
    assert_eq!(c.errors[0].platform, None);
    assert!(!c.ok);
    for name in ["endpoint-success-with-code", "endpoint-code-without-status"] {
        let c = run(name);
        assert!(
            c.errors.is_empty() && c.warnings.is_empty(),
            "{name}: {c:?}"
        );
        assert!(c.ok, "{name}");
    }
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

/// Random bodies shaped like Ayrshare's, checked against a model of the
/// rules in `docs/classification.md` that is written from the generator's
/// side: the test knows which error objects it put where, so it knows the
/// verdicts that must come out, in order, and what each must say.
mod properties {
    use super::*;
    use ayrshare_errors::{ErrorInfo, Platform, Status};
    use proptest::prelude::*;
    use proptest::sample::select;
    use serde_json::{Map, json};

    /// The `code` of an object.
    #[derive(Debug, Clone)]
    enum CodeField {
        Known(ErrorCode),
        Unknown(u32),
        /// No `code` key at all.
        Absent,
        /// A value that is not a code: a string, a negative number, one
        /// beyond `u32`, a fraction, `null`.
        Odd(Value),
    }

    /// One error or warning object.
    #[derive(Debug, Clone)]
    struct Obj {
        code: CodeField,
        platform: Option<Value>,
        resolution_platform: Option<String>,
        /// Picks a message: the entry's own, a sub-code's or case's (which
        /// override the entry), or text the catalog does not know.
        message: Option<(u8, usize)>,
        retry_available: Option<bool>,
        relink: Option<bool>,
        /// For an `after-delay` code, the delay written in its field.
        delay: Option<u32>,
        /// A sub-code of the entry, shown in its response field.
        subcode: Option<usize>,
    }

    #[derive(Debug, Clone)]
    struct Post {
        platform: Option<Value>,
        status: Option<Value>,
    }

    #[derive(Debug, Clone)]
    struct Body {
        http: Option<u16>,
        status: Option<&'static str>,
        /// Error fields at the top level: an error of its own while
        /// `errors` holds no object, else only a summary of the list.
        top: Option<Obj>,
        errors: Vec<Obj>,
        /// Objects under platform keys.
        keyed: Vec<(Platform, Obj)>,
        warnings: Vec<Obj>,
        posts: Vec<Post>,
    }

    fn info(o: &Obj) -> Option<&'static ErrorInfo> {
        match o.code {
            CodeField::Known(c) => Some(c.info()),
            _ => None,
        }
    }

    fn message(o: &Obj) -> Option<String> {
        let (kind, i) = o.message?;
        let pick = |xs: Vec<&'static str>| (!xs.is_empty()).then(|| xs[i % xs.len()].to_string());
        let from_catalog = info(o).and_then(|e| match kind % 4 {
            0 => pick(e.messages.to_vec()),
            1 => pick(e.subcodes.iter().filter_map(|s| s.message).collect()),
            2 => pick(e.cases.iter().filter_map(|c| c.message).collect()),
            _ => None,
        });
        Some(from_catalog.unwrap_or_else(|| format!("something went wrong ({i})")))
    }

    /// The object's fields as the response writes them.
    fn fields(o: &Obj) -> Map<String, Value> {
        let mut m = Map::new();
        match &o.code {
            CodeField::Known(c) => {
                m.insert("code".into(), json!(c.code()));
            }
            CodeField::Unknown(n) => {
                m.insert("code".into(), json!(n));
            }
            CodeField::Absent => {}
            CodeField::Odd(v) => {
                m.insert("code".into(), v.clone());
            }
        }
        if let Some(text) = message(o) {
            m.insert("message".into(), json!(text));
        }
        if let Some(p) = &o.platform {
            m.insert("platform".into(), p.clone());
        }
        if let Some(p) = &o.resolution_platform {
            m.insert("resolution".into(), json!({ "platform": p }));
        }
        if let Some(b) = o.retry_available {
            m.insert("retryAvailable".into(), json!(b));
        }
        if let Some(b) = o.relink {
            m.insert("relink".into(), json!(b));
        }
        if let (Some(n), Some(RetryPolicy::AfterDelay { field, format })) =
            (o.delay, info(o).map(|e| e.retry))
        {
            let text = format.replace("{seconds}", &n.to_string());
            m.insert(field.into(), json!(text));
        }
        if let Some(i) = o.subcode {
            let shown: Vec<_> = info(o)
                .map(|e| {
                    e.subcodes
                        .iter()
                        .filter(|s| s.response_field.is_some())
                        .collect()
                })
                .unwrap_or_default();
            if let Some(s) = shown.get(i % shown.len().max(1)) {
                m.insert(s.response_field.unwrap_or("errCode").into(), json!(s.code));
            }
        }
        m
    }

    fn body_json(b: &Body) -> Value {
        let mut m = Map::new();
        if let Some(s) = b.status {
            m.insert("status".into(), json!(s));
        }
        if let Some(o) = &b.top {
            m.extend(fields(o));
        }
        if !b.errors.is_empty() || b.top.is_none() {
            let errors: Vec<Value> = b.errors.iter().map(|o| Value::Object(fields(o))).collect();
            m.insert("errors".into(), Value::Array(errors));
        }
        for (p, o) in &b.keyed {
            m.insert(p.id().into(), Value::Object(fields(o)));
        }
        if !b.warnings.is_empty() {
            let warnings = b
                .warnings
                .iter()
                .map(|o| Value::Object(fields(o)))
                .collect();
            m.insert("warnings".into(), Value::Array(warnings));
        }
        if !b.posts.is_empty() {
            let posts = b
                .posts
                .iter()
                .map(|p| {
                    let mut o = Map::new();
                    if let Some(v) = &p.status {
                        o.insert("status".into(), v.clone());
                    }
                    if let Some(v) = &p.platform {
                        o.insert("platform".into(), v.clone());
                    }
                    Value::Object(o)
                })
                .collect();
            m.insert("postIds".into(), Value::Array(posts));
        }
        Value::Object(m)
    }

    fn known_code() -> impl Strategy<Value = CodeField> {
        select(ErrorCode::ALL.to_vec()).prop_map(CodeField::Known)
    }

    fn code_field() -> impl Strategy<Value = CodeField> {
        prop_oneof![
            6 => known_code(),
            2 => any::<u32>()
                .prop_filter("not in the catalog", |n| ErrorCode::from_code(*n).is_none())
                .prop_map(CodeField::Unknown),
            1 => Just(CodeField::Absent),
            1 => select(vec![
                json!("435"),
                json!(-1),
                json!(4_294_967_296u64),
                json!(435.5),
                Value::Null,
            ])
            .prop_map(CodeField::Odd),
        ]
    }

    fn platform_value() -> impl Strategy<Value = Value> {
        let mut ids: Vec<Value> = Platform::ALL.iter().map(|p| json!(p.id())).collect();
        ids.extend([json!("mastodon"), json!(""), json!(5), Value::Null]);
        select(ids)
    }

    fn obj(code: impl Strategy<Value = CodeField>) -> impl Strategy<Value = Obj> {
        (
            code,
            prop::option::of(platform_value()),
            prop::option::weighted(0.2, select(vec!["gmb", "reddit", "nowhere"])),
            prop::option::of((any::<u8>(), any::<usize>())),
            prop::option::of(any::<bool>()),
            prop::option::weighted(0.3, any::<bool>()),
            prop::option::weighted(0.5, 0u32..100_000),
            prop::option::weighted(0.2, any::<usize>()),
        )
            .prop_map(
                |(code, platform, resolution, message, retry_available, relink, delay, subcode)| {
                    Obj {
                        code,
                        platform,
                        resolution_platform: resolution.map(str::to_string),
                        message,
                        retry_available,
                        relink,
                        delay,
                        subcode,
                    }
                },
            )
    }

    fn post() -> impl Strategy<Value = Post> {
        (
            prop::option::weighted(0.9, platform_value()),
            prop::option::of(select(vec![json!("success"), json!("error"), json!(7)])),
        )
            .prop_map(|(platform, status)| Post { platform, status })
    }

    fn body() -> impl Strategy<Value = Body> {
        (
            prop::option::of(prop_oneof![
                select(vec![
                    200u16, 201, 400, 401, 403, 404, 429, 500, 502, 503, 504
                ]),
                100u16..600,
            ]),
            prop::option::of(select(vec!["error", "success", "pending"])),
            prop::option::weighted(0.3, obj(code_field())),
            prop::collection::vec(obj(code_field()), 0..4),
            prop::collection::vec((select(Platform::ALL.to_vec()), obj(known_code())), 0..3),
            prop::collection::vec(obj(code_field()), 0..3),
            prop::collection::vec(post(), 0..4),
        )
            .prop_map(|(http, status, top, errors, keyed, warnings, posts)| {
                let mut seen = std::collections::BTreeSet::new();
                let keyed = keyed.into_iter().filter(|(p, _)| seen.insert(*p)).collect();
                Body {
                    http,
                    status,
                    top,
                    errors,
                    keyed,
                    warnings,
                    posts,
                }
            })
    }

    fn transient(http: Option<u16>) -> bool {
        matches!(http, Some(429 | 500 | 502 | 503 | 504))
    }

    /// Whether a sub-code or case of the entry applies to the object,
    /// which changes the entry's relink, remedy and retry.
    fn overridden(o: &Obj, e: &ErrorInfo) -> bool {
        let f = fields(o);
        let said = f.get("message").and_then(Value::as_str);
        e.subcodes.iter().any(|s| {
            s.response_field
                .and_then(|k| f.get(k))
                .and_then(Value::as_u64)
                == Some(s.code)
                || (s.message.is_some() && s.message == said)
        }) || e
            .cases
            .iter()
            .any(|c| c.message.is_some() && c.message == said)
    }

    /// What the verdict on `o` must say, found as an error or a warning
    /// under `key`.
    fn check_verdict(
        v: &ayrshare_errors::Verdict,
        o: &Obj,
        key: Option<&str>,
        found_as: Severity,
        http: Option<u16>,
    ) -> Result<(), TestCaseError> {
        let code = match &o.code {
            CodeField::Known(c) => Some(c.code()),
            CodeField::Unknown(n) => Some(*n),
            CodeField::Absent | CodeField::Odd(_) => None,
        };
        prop_assert_eq!(v.code, code);
        let platform = o
            .platform
            .as_ref()
            .and_then(Value::as_str)
            .or(key)
            .or(o.resolution_platform.as_deref());
        prop_assert_eq!(v.platform.as_deref(), platform);
        match info(o) {
            None => {
                prop_assert!(!v.known && v.name.is_none());
                prop_assert_eq!(v.severity, found_as);
                let relink = o.relink == Some(true);
                let retryable = o.retry_available.unwrap_or_else(|| transient(http));
                prop_assert_eq!(v.relink, relink);
                prop_assert_eq!(v.retryable, retryable);
                prop_assert_eq!(v.retry_after_secs, None);
                let remedy = if found_as == Severity::Warning {
                    Remedy::None
                } else if relink {
                    Remedy::Relink
                } else if retryable {
                    Remedy::Retry
                } else {
                    Remedy::FixRequest
                };
                prop_assert_eq!(v.remedy, remedy);
            }
            Some(e) => {
                prop_assert!(v.known);
                prop_assert_eq!(v.name, Some(e.name));
                let severity = if found_as == Severity::Warning {
                    Severity::Warning
                } else {
                    e.severity
                };
                prop_assert_eq!(v.severity, severity);
                if let Some(said) = o.retry_available {
                    prop_assert_eq!(v.retryable, said, "the response's own word wins");
                }
                if !overridden(o, e) {
                    let relink = match e.relink {
                        Relink::MustNot => false,
                        Relink::Required => o.relink != Some(false),
                        Relink::No => o.relink == Some(true),
                    };
                    prop_assert_eq!(v.relink, relink);
                    if o.retry_available.is_none() {
                        prop_assert_eq!(v.retryable, e.retry.retryable());
                    }
                }
                let delay = match e.retry {
                    RetryPolicy::AfterDelay { .. } => o.delay.map(u64::from),
                    _ => None,
                };
                prop_assert_eq!(v.retry_after_secs, delay);
                prop_assert_eq!(
                    v.relink,
                    v.remedy == Remedy::Relink,
                    "relink and remedy agree"
                );
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 512,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn ayrshare_shaped_bodies_classify_by_the_rules(b in body()) {
            let json = body_json(&b);
            let bytes = serde_json::to_vec(&json).expect("encodes");
            let c = classify_body(&bytes, b.http);

            // Where the rules find errors, in the order they read them.
            let mut found: Vec<(&Obj, Option<&str>)> = Vec::new();
            let top_counts = |o: &&Obj| !matches!(o.code, CodeField::Absent) && b.errors.is_empty();
            if let Some(o) = b.top.as_ref().filter(top_counts) {
                found.push((o, None));
            }
            found.extend(b.errors.iter().map(|o| (o, None)));
            found.extend(b.keyed.iter().map(|(p, o)| (o, Some(p.id()))));
            let demoted = |o: &Obj| info(o).is_some_and(|e| e.severity == Severity::Warning);
            let errors: Vec<_> = found.iter().filter(|(o, _)| !demoted(o)).collect();
            let warnings: Vec<_> = found.iter().filter(|(o, _)| demoted(o)).collect();
            prop_assert_eq!(c.errors.len(), errors.len(), "errors of {}", json);
            prop_assert_eq!(c.warnings.len(), warnings.len() + b.warnings.len(), "warnings of {}", json);
            for (v, (o, key)) in c.errors.iter().zip(&errors) {
                check_verdict(v, o, *key, Severity::Error, b.http)?;
            }
            let (demoted_verdicts, listed) = c.warnings.split_at(warnings.len());
            for (v, (o, key)) in demoted_verdicts.iter().zip(&warnings) {
                check_verdict(v, o, *key, Severity::Error, b.http)?;
            }
            for (v, o) in listed.iter().zip(&b.warnings) {
                check_verdict(v, o, None, Severity::Warning, b.http)?;
            }

            let sorted = |names: Vec<&str>| {
                let set: std::collections::BTreeSet<&str> = names.into_iter().collect();
                set.into_iter().map(str::to_string).collect::<Vec<_>>()
            };
            let failed = sorted(c.errors.iter().filter_map(|v| v.platform.as_deref()).collect());
            prop_assert_eq!(&c.failed_platforms, &failed);
            let posted = sorted(
                b.posts
                    .iter()
                    .filter(|p| p.status.as_ref().is_none_or(|s| !s.is_string() || s == "success"))
                    .filter_map(|p| p.platform.as_ref().and_then(Value::as_str))
                    .collect(),
            );
            prop_assert_eq!(&c.succeeded_platforms, &posted);
            let status = match b.status {
                Some("error") => Some(Status::Error),
                Some("success") => Some(Status::Success),
                _ => None,
            };
            prop_assert_eq!(c.status, status);
            let ok = b.http.is_none_or(|h| h == 200) && b.status != Some("error") && errors.is_empty();
            prop_assert_eq!(c.ok, ok);
            prop_assert_eq!(c.partial_success, !errors.is_empty() && !posted.is_empty());
            prop_assert_eq!(
                c.safe_to_resubmit_all,
                posted.is_empty() && !ok && b.status != Some("success")
            );
        }

        /// Bodies that are not a JSON object: judged by the status alone.
        #[test]
        fn other_bodies_are_judged_by_the_status(
            body in select(vec![
                "", " \n", "<html>502 Bad Gateway</html>", "[]", "[{\"code\":435}]",
                "\"error\"", "null", "7", "{\"errors\":[", "{\"code\":435} x",
            ]),
            http in prop::option::of(100u16..600),
        ) {
            let c = classify_body(body.as_bytes(), http);
            prop_assert_eq!(c.ok, http == Some(200));
            prop_assert_eq!(c.status, None);
            prop_assert!(c.failed_platforms.is_empty() && c.succeeded_platforms.is_empty());
            prop_assert!(c.warnings.is_empty());
            prop_assert_eq!(c.safe_to_resubmit_all, http.is_some_and(|h| (400..500).contains(&h)));
            if http == Some(200) {
                prop_assert!(c.errors.is_empty());
            } else {
                prop_assert_eq!(c.errors.len(), 1);
                let v = &c.errors[0];
                prop_assert!(v.platform.is_none() && v.code.is_none() && !v.known && !v.relink);
                prop_assert_eq!(v.retryable, transient(http));
                prop_assert_eq!(v.remedy, if transient(http) { Remedy::Retry } else { Remedy::FixRequest });
            }
        }
    }
}
