//! Runtime costs of `ayrshare-errors`, each next to its baseline in the
//! same run:
//!
//! - number to `ErrorCode`: the generated `match` (`ErrorCode::from_code`)
//!   against a `HashMap<u32, ErrorCode>` built from `ErrorCode::ALL`, over
//!   one sequence of known and unknown codes (target: at least 5x faster);
//! - decoding a body: `Response::from_slice` against
//!   `serde_json::from_slice::<Value>` on the same bytes (target: no slower);
//! - `classify(&response, Some(400))` per call;
//! - every example body of the catalog, each with its HTTP status: the
//!   whole classification of the bytes (`classify_body`, decoding included)
//!   against `serde_json::from_slice::<Value>` of the same bytes, the
//!   figures the Python (`scripts/bench-python-classify.py`) and TypeScript
//!   (`scripts/bench-ts-classify.mjs`) benches give for the same bodies.
//!
//! The bodies are catalog examples, read from `generated/schema/catalog.json`
//! when the bench starts.
//!
//! `cargo bench -p ayrshare-errors --bench runtime -- --warm-up-time 1 --measurement-time 3`

// criterion_group! defines an undocumented `pub fn`.
#![allow(missing_docs)]

use std::collections::HashMap;
use std::hint::black_box;

use ayrshare_errors::{ErrorCode, Response, classify, classify_body};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::Value;

#[path = "../tests/common/mod.rs"]
mod common;

/// 1,024 inputs: half catalog codes, half numbers the catalog does not
/// have (near the known ones and far from them), in a fixed pseudo-random
/// order.
fn lookup_inputs() -> Vec<u32> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        // xorshift64: deterministic, no dependency.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..1024)
        .map(|i| {
            let r = next();
            if i % 2 == 0 {
                ErrorCode::ALL[(r % ErrorCode::ALL.len() as u64) as usize].code()
            } else {
                let n = match r % 3 {
                    0 => (r >> 8) as u32 % 600,
                    1 => 400 + (r >> 8) as u32 % 100,
                    _ => (r >> 8) as u32,
                };
                if ErrorCode::from_code(n).is_some() {
                    n + 100_000
                } else {
                    n
                }
            }
        })
        .collect()
}

fn lookup(c: &mut Criterion) {
    let inputs = lookup_inputs();
    let known = inputs
        .iter()
        .filter(|n| ErrorCode::from_code(**n).is_some())
        .count();
    eprintln!(
        "lookup inputs: {} ({known} known, {} unknown)",
        inputs.len(),
        inputs.len() - known
    );
    let map: HashMap<u32, ErrorCode> = ErrorCode::ALL.iter().map(|c| (c.code(), *c)).collect();
    // Both sides must agree before their speed is compared.
    for n in &inputs {
        assert_eq!(ErrorCode::from_code(*n), map.get(n).copied());
    }

    let mut g = c.benchmark_group("lookup");
    g.throughput(Throughput::Elements(inputs.len() as u64));
    g.bench_function("from_code-match", |b| {
        b.iter(|| {
            let mut found = 0u64;
            for n in black_box(&inputs) {
                if let Some(c) = ErrorCode::from_code(black_box(*n)) {
                    found += u64::from(c.code());
                }
            }
            found
        })
    });
    g.bench_function("hashmap-std", |b| {
        b.iter(|| {
            let mut found = 0u64;
            for n in black_box(&inputs) {
                if let Some(c) = map.get(black_box(n)) {
                    found += u64::from(c.code());
                }
            }
            found
        })
    });
    g.finish();
}

/// Example bodies from the exported catalog, as compact JSON bytes.
fn bodies() -> Vec<(String, Vec<u8>)> {
    let export = common::export();
    let codes = export["codes"].as_array().expect("codes");
    // (code, example index, label)
    let wanted = [
        (441, 0, "441-partial-success"),
        (441, 1, "441-total-failure"),
        (444, 0, "444-platform-keyed"),
        (435, 0, "435-retry-after"),
        (307, 0, "307-warning"),
    ];
    wanted
        .iter()
        .map(|(code, i, label)| {
            let entry = codes
                .iter()
                .find(|e| e["code"] == *code)
                .unwrap_or_else(|| panic!("{code} in catalog.json"));
            let body = &entry["examples"][*i]["body"];
            assert!(body.is_object(), "{label}: example body");
            (label.to_string(), serde_json::to_vec(body).expect("body"))
        })
        .collect()
}

fn decode(c: &mut Criterion) {
    let mut g = c.benchmark_group("decode");
    for (label, bytes) in bodies() {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(format!("{label}/Response::from_slice"), |b| {
            b.iter(|| Response::from_slice(black_box(&bytes)).expect("object"))
        });
        g.bench_function(format!("{label}/serde_json-Value"), |b| {
            b.iter(|| serde_json::from_slice::<Value>(black_box(&bytes)).expect("JSON"))
        });
    }
    g.finish();
}

fn classify_cost(c: &mut Criterion) {
    let mut g = c.benchmark_group("classify");
    for (label, bytes) in bodies() {
        let r = Response::from_slice(&bytes).expect("object");
        g.bench_function(format!("{label}/classify"), |b| {
            b.iter(|| classify(black_box(&r), Some(400)))
        });
    }
    g.finish();
}

/// Every example body of the catalog (each entry's, then the catalog's own),
/// as compact JSON bytes, with its HTTP status.
fn every_example() -> Vec<(Option<u16>, Vec<u8>)> {
    let export = common::export();
    let mut out: Vec<(Option<u16>, Vec<u8>)> = common::entry_examples()
        .into_iter()
        .map(|x| (x.http, serde_json::to_vec(&x.body).expect("body")))
        .collect();
    for ex in export["examples"].as_array().expect("examples") {
        out.push((
            common::http_of(&ex["http"]),
            serde_json::to_vec(&ex["body"]).expect("body"),
        ));
    }
    out
}

fn examples_whole(c: &mut Criterion) {
    let bodies = every_example();
    let bytes: usize = bodies.iter().map(|(_, b)| b.len()).sum();
    eprintln!("every example: {} bodies, {bytes} bytes", bodies.len());
    let mut g = c.benchmark_group("examples");
    g.throughput(Throughput::Elements(bodies.len() as u64));
    g.bench_function("serde_json-Value", |b| {
        b.iter(|| {
            for (_, body) in black_box(&bodies) {
                black_box(serde_json::from_slice::<Value>(body).expect("JSON"));
            }
        })
    });
    g.bench_function("classify_body", |b| {
        b.iter(|| {
            for (http, body) in black_box(&bodies) {
                black_box(classify_body(body, *http));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, lookup, decode, classify_cost, examples_whole);
criterion_main!(benches);
