//! Classification allocates nothing beyond its result.
//!
//! A counting global allocator wraps the system one. Each catalog example
//! (from `generated/schema/catalog.json`) plus a few multi-profile and
//! nested bodies is decoded first; then only the allocations made on this
//! thread during `classify` are counted and compared with what the returned
//! `Classification` needs at least: one allocation per non-empty `Vec` and
//! one per `String` inside it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use ayrshare_errors::{Classification, Response, classify};

mod common;

struct Counting;

thread_local! {
    /// Whether allocations on this thread are being counted, and how many.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    // `try_with`: the thread-locals may be gone while a thread exits.
    let _ = COUNTING.try_with(|on| {
        if on.get() {
            let _ = COUNT.try_with(|n| n.set(n.get() + 1));
        }
    });
}

// SAFETY: every call is passed straight to `System`; the wrapper only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A growing `Vec` is an allocation too.
        note();
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Allocations (and reallocations) made on this thread while `f` runs.
fn count<T>(f: impl FnOnce() -> T) -> (T, usize) {
    COUNT.with(|n| n.set(0));
    COUNTING.with(|on| on.set(true));
    let out = f();
    COUNTING.with(|on| on.set(false));
    (out, COUNT.with(Cell::get))
}

/// The fewest allocations that can hold `c`: one per non-empty `Vec`, one
/// per non-empty `String`.
fn needed(c: &Classification) -> usize {
    let strings = |v: &[String]| v.iter().filter(|s| !s.is_empty()).count();
    let vecs = [
        c.failed_platforms.is_empty(),
        c.succeeded_platforms.is_empty(),
        c.errors.is_empty(),
        c.warnings.is_empty(),
    ]
    .iter()
    .filter(|empty| !**empty)
    .count();
    let verdict_strings = c
        .errors
        .iter()
        .chain(&c.warnings)
        .filter(|v| v.platform.as_ref().is_some_and(|p| !p.is_empty()))
        .count();
    vecs + strings(&c.failed_platforms) + strings(&c.succeeded_platforms) + verdict_strings
}

fn bodies() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = common::entry_examples()
        .into_iter()
        .map(|x| {
            let body = serde_json::to_vec(&x.body).expect("body");
            (format!("{} example {}", x.code, x.index), body)
        })
        .collect();
    // Whole responses nested in others: per profile, and per endpoint.
    let nested: [(&str, &str); 3] = [
        (
            "two profiles",
            r#"{"status":"error","posts":[
                {"status":"error","errors":[{"code":441,"platform":"twitter","message":"m"}],
                 "postIds":[{"status":"success","platform":"bluesky","id":"1"}]},
                {"status":"error","errors":[{"code":435,"platform":"instagram","details":"Retry-After: 60"},
                                            {"code":999,"platform":"instagram"}]}]}"#,
        ),
        (
            "endpoint-keyed",
            r#"{"history":{"status":"error","errors":[{"code":444,"platform":"facebook"}]},
                "facebook":{"code":444,"errCode":80001}}"#,
        ),
        (
            "duplicate platforms",
            r#"{"status":"error","errors":[{"code":110,"platform":"twitter"},{"code":107,"platform":"facebook"},
                {"code":110,"platform":"twitter"},{"code":999,"platform":"twitter"}],
                "postIds":[{"status":"success","platform":"reddit"},{"status":"success","platform":"reddit"},
                           {"status":"success","platform":"bluesky"}]}"#,
        ),
    ];
    for (label, body) in nested {
        out.push((label.to_string(), body.as_bytes().to_vec()));
    }
    out
}

#[test]
fn classify_allocates_only_its_result() {
    let mut report = Vec::new();
    let mut extra_total = 0;
    let (mut made_total, mut need_total, mut calls) = (0, 0, 0);
    for (label, body) in bodies() {
        let r = Response::from_slice(&body).expect("an object");
        for status in [Some(400), Some(200), None] {
            let (c, made) = count(|| classify(&r, status));
            let need = needed(&c);
            made_total += made;
            need_total += need;
            calls += 1;
            // Dropping the result must not be what is counted.
            let (_, dropped) = count(|| drop(c));
            assert_eq!(dropped, 0);
            if made > need {
                extra_total += made - need;
                report.push(format!(
                    "{label} (HTTP {status:?}): {made} allocations, the result needs {need}"
                ));
            }
        }
    }
    eprintln!("{calls} classify calls: {made_total} allocations, their results need {need_total}");
    assert!(
        report.is_empty(),
        "classify allocated {extra_total} times more than its results need:\n{}",
        report.join("\n")
    );
}

#[test]
fn the_counter_counts() {
    let (v, made) = count(|| vec![1u8, 2, 3]);
    assert_eq!(made, 1);
    drop(v);
    let (s, made) = count(|| (String::from("a"), Vec::<u8>::with_capacity(0)));
    assert_eq!(made, 1);
    drop(s);
}
