//! What the `response_decoder` fuzz target checks for one input. Plain Rust
//! (no libFuzzer), so `generated/rust/tests/fuzz_regressions.rs` runs the
//! same checks on the stable toolchain.
//!
//! The first two bytes are the HTTP status, big-endian, with 0 meaning "no
//! status"; the rest is the body. Inputs shorter than two bytes are a body
//! with no status.
//!
//! - `classify_body` never panics, whatever the bytes, and its verdict is
//!   consistent (`ok` means no error; platform lists sorted and unique;
//!   a partial success has both an error and a posted platform).
//! - When `Response::from_slice` accepts the body, the decode is lossless:
//!   serializing the `Response` gives the same `serde_json::Value` as
//!   parsing the body directly, with the keys in the same order, and the
//!   serialized text decodes back to an equal `Response`.
//! - `classify_body` on the bytes equals `classify` on the decoded response.

use ayrshare_errors::{Classification, Response, classify, classify_body};
use serde_json::Value;

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
    let direct: Value = serde_json::from_slice(body).expect("from_slice accepted it");
    let serialized = serde_json::to_value(&response).expect("a Response serializes");
    assert_eq!(serialized, direct, "decoding lost or changed a value");
    assert_eq!(
        response.to_value(),
        direct,
        "to_value differs from the body"
    );
    // `Value`'s equality ignores key order; the text does not.
    let text = serde_json::to_string(&response).expect("a Response serializes");
    assert_eq!(
        text,
        serde_json::to_string(&direct).expect("a Value serializes"),
        "decoding changed the key order"
    );
    let again: Response = serde_json::from_str(&text).expect("serialized text decodes");
    assert_eq!(again, response, "serialize and decode is not a round trip");

    assert_eq!(
        classify(&response, http),
        verdict,
        "classify_body and classify disagree"
    );
}

fn consistent(c: &Classification) {
    if c.ok {
        assert!(c.errors.is_empty(), "ok with errors: {c:?}");
    }
    if c.partial_success {
        assert!(
            !c.errors.is_empty() && !c.succeeded_platforms.is_empty(),
            "partial success without both an error and a posted platform: {c:?}"
        );
    }
    for list in [&c.failed_platforms, &c.succeeded_platforms] {
        assert!(
            list.windows(2).all(|w| w[0] < w[1]),
            "platforms not sorted and unique: {c:?}"
        );
    }
    serde_json::to_string(c).expect("a Classification serializes");
}
