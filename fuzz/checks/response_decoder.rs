//! What the `response_decoder` fuzz target checks for one input. Plain Rust
//! (no libFuzzer), so `generated/rust/tests/fuzz_regressions.rs` runs the
//! same checks on the stable toolchain.
//!
//! The first two bytes are the HTTP status, big-endian, with 0 meaning "no
//! status"; the rest is the body. Inputs shorter than two bytes are a body
//! with no status.
//!
//! - `classify_body` never panics, whatever the bytes.
//! - Its verdict agrees with the catalog: a code is `known` exactly when the
//!   catalog has it, with the catalog's name; an error verdict asks for a
//!   relink exactly when its remedy is `relink`; a code whose entry says
//!   `must-not` relink never does, unless one of its sub-codes or cases
//!   says otherwise; a code the catalog does not know gets one of the
//!   remedies the rules allow for it; the platform lists are sorted and
//!   without repeats.
//! - When `Response::from_slice` accepts the body, the serialized response
//!   decodes back to an equal `Response`: numbers survive a trip through
//!   text (serde_json's default float parsing can land one ulp off; found
//!   by this target).

use ayrshare_errors::{
    Classification, ErrorCode, Relink, Remedy, Response, Severity, Verdict, classify_body,
};

/// The HTTP status and the body of one input.
pub fn split(data: &[u8]) -> (Option<u16>, &[u8]) {
    match data {
        [hi, lo, body @ ..] => {
            let status = u16::from_be_bytes([*hi, *lo]);
            ((status != 0).then_some(status), body)
        }
        body => (None, body),
    }
}

/// An input for `body` with `http_status`, the inverse of [`split`].
pub fn input(http_status: Option<u16>, body: &[u8]) -> Vec<u8> {
    let mut out = http_status.unwrap_or(0).to_be_bytes().to_vec();
    out.extend_from_slice(body);
    out
}

pub fn run(data: &[u8]) {
    let (http, body) = split(data);
    let verdict = classify_body(body, http);
    consistent(&verdict);

    let Ok(response) = Response::from_slice(body) else {
        return;
    };
    let text = serde_json::to_string(&response).expect("a Response serializes");
    let again: Response = serde_json::from_str(&text).expect("serialized text decodes");
    assert_eq!(again, response, "serialize and decode is not a round trip");
}

fn consistent(c: &Classification) {
    for list in [&c.failed_platforms, &c.succeeded_platforms] {
        assert!(
            list.windows(2).all(|w| w[0] < w[1]),
            "platforms not sorted and unique: {c:?}"
        );
    }
    for v in &c.errors {
        agrees_with_the_catalog(v, c);
        assert_eq!(
            v.relink,
            v.remedy == Remedy::Relink,
            "relink and remedy disagree: {c:?}"
        );
    }
    for v in &c.warnings {
        agrees_with_the_catalog(v, c);
    }
    serde_json::to_string(c).expect("a Classification serializes");
}

fn agrees_with_the_catalog(v: &Verdict, c: &Classification) {
    let entry = v.code.and_then(ErrorCode::from_code).map(ErrorCode::info);
    assert_eq!(v.known, entry.is_some(), "{c:?}");
    assert_eq!(v.name, entry.map(|e| e.name), "{c:?}");
    match entry {
        Some(e) => {
            let may_relink = e.relink != Relink::MustNot
                || e.subcodes.iter().any(|s| s.relink.is_some())
                || e.cases.iter().any(|k| k.relink.is_some());
            assert!(
                may_relink || !v.relink,
                "{} must not relink: {c:?}",
                e.code.code()
            );
        }
        None if v.severity == Severity::Warning => assert_eq!(v.remedy, Remedy::None, "{c:?}"),
        None => assert!(
            matches!(
                v.remedy,
                Remedy::Relink | Remedy::Retry | Remedy::FixRequest
            ),
            "{c:?}"
        ),
    }
}
