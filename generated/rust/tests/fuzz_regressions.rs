//! The `response_decoder` fuzz target's checks on the stable toolchain,
//! without libFuzzer: the same code (`fuzz/checks/response_decoder.rs`)
//! runs on every committed seed of its corpus, on every classification
//! vector, and on every input a fuzzing run found a bug with
//! (`tests/fixtures/fuzz/response_decoder/`: a minimized crash input and a
//! hand-made variant). See docs/robustness.md.

use std::fs;
use std::path::PathBuf;

#[path = "../../../fuzz/checks/response_decoder.rs"]
#[allow(dead_code)]
mod check;

mod common;
use common::repo;

#[path = "../../../fuzz/checks/replay.rs"]
mod replay;
use replay::inputs;

fn run_all(files: &[PathBuf]) {
    replay::run_all(files, check::run);
}

#[test]
fn seed_corpus_passes_the_fuzz_checks() {
    let seeds = inputs(&repo().join("fuzz/corpus/response_decoder"), "seed-");
    assert!(seeds.len() > 30, "the seed corpus is missing");
    run_all(&seeds);
}

#[test]
fn classification_vectors_pass_the_fuzz_checks() {
    // Straight from the vectors, so a vector added later is checked even
    // before the seed corpus is regenerated (`python3 fuzz/seeds.py`).
    let text = fs::read_to_string(repo().join("tests/classify/vectors.json")).expect("vectors");
    let vectors: Vec<serde_json::Value> = serde_json::from_str(&text).expect("vectors parse");
    assert!(!vectors.is_empty());
    for v in &vectors {
        let body = v["body"].as_str().expect("body is a string");
        let http = v["http_status"]
            .as_u64()
            .map(|s| u16::try_from(s).expect("status fits u16"));
        let data = check::input(http, body.as_bytes());
        assert_eq!(
            check::split(&data),
            (http, body.as_bytes()),
            "{}",
            v["name"]
        );
        check::run(&data);
    }
}

#[test]
fn short_inputs_pass_the_fuzz_checks() {
    for data in [
        &b""[..],
        b"{",
        b"\x01",
        b"\x01\x90",
        b"\x01\x90{}",
        b"\0\0 ",
    ] {
        check::run(data);
    }
}

#[test]
fn crash_inputs_pass_the_fuzz_checks() {
    let crashes = inputs(&repo().join("tests/fixtures/fuzz/response_decoder"), "");
    assert!(!crashes.is_empty(), "the crash inputs are missing");
    run_all(&crashes);
}

#[test]
fn numbers_read_correctly_rounded_and_survive_a_text_round_trip() {
    // Found by fuzzing: serde_json's default float parsing can land one ulp
    // off the nearest double, so a decoded body, serialized and decoded
    // again, was a different Response. ayrshare-errors turns on serde_json's
    // `float_roundtrip`; the expected values are what JSON.parse reads.
    for (text, nearest) in [
        ("9999994999966666666.33", 9.999994999966667e18),
        ("99999999966666666.33", 9.999999996666667e16),
        ("0.1", 0.1),
        ("2.2250738585072011e-308", 2.225073858507201e-308),
        ("18446744073709551616", 1.8446744073709552e19),
    ] {
        let body = format!(r#"{{"n": {text}}}"#);
        let r = ayrshare_errors::Response::from_slice(body.as_bytes()).expect("an object");
        assert_eq!(r.raw["n"].as_f64(), Some(nearest), "{text}");
        check::run(&check::input(None, body.as_bytes()));
    }
}
