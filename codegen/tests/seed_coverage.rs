//! The shipped catalog against the seed list: every seed code is in the
//! catalog and nothing else is, and a few facts from the seed documentation
//! survive compilation.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use errcat::ir::{Catalog, Code, ErrorEntry, Relink, RetryPolicy, Severity};

mod common;
use common::repo;

fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| {
        errcat::compile(&repo().join("catalog"))
            .unwrap_or_else(|f| panic!("the shipped catalog does not compile:\n{}", f.render()))
    })
}

fn entry(code: u32) -> &'static ErrorEntry {
    catalog()
        .errors
        .iter()
        .find(|e| e.code == Code::Int(code))
        .unwrap_or_else(|| panic!("code {code} is not in the shipped catalog"))
}

/// The codes of `tests/seed_codes.txt`: one per line; blank lines and `#`
/// comments are skipped.
fn seed_codes() -> Vec<u32> {
    let path = repo().join("tests/seed_codes.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the seed code list {}: {e}\n\
             it lists every code the catalog must define, one per line",
            path.display()
        )
    });
    let mut codes = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let code = line.parse::<u32>().unwrap_or_else(|_| {
            panic!(
                "{}:{}: `{line}` is not an error code",
                path.display(),
                i + 1
            )
        });
        codes.push(code);
    }
    assert!(!codes.is_empty(), "{} lists no codes", path.display());
    codes
}

#[test]
fn seed_codes_and_catalog_match() {
    let seed = seed_codes();
    let unique: BTreeSet<u32> = seed.iter().copied().collect();
    assert_eq!(
        unique.len(),
        seed.len(),
        "tests/seed_codes.txt lists a code twice"
    );
    let shipped: BTreeSet<u32> = catalog()
        .errors
        .iter()
        .filter_map(|e| e.code.as_int())
        .collect();
    let missing: Vec<u32> = unique.difference(&shipped).copied().collect();
    let extra: Vec<u32> = shipped.difference(&unique).copied().collect();
    assert!(
        missing.is_empty(),
        "seed codes missing from the catalog: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "catalog codes not in tests/seed_codes.txt: {extra:?}"
    );
}

#[test]
fn rate_limit_435_retries_after_the_delay_in_details() {
    match &entry(435).retry {
        Some(RetryPolicy::AfterDelay { field, format }) => {
            assert_eq!(field, "details");
            assert!(format.contains("{seconds}"), "{format}");
        }
        other => panic!("435 should retry after-delay, has {other:?}"),
    }
}

#[test]
fn relink_must_not_326_and_444() {
    for code in [326, 444] {
        assert_eq!(entry(code).relink, Some(Relink::MustNot), "code {code}");
    }
}

#[test]
fn warning_307() {
    assert_eq!(entry(307).severity, Some(Severity::Warning));
}

#[test]
fn superseded_176() {
    assert_eq!(entry(176).superseded_by, [Code::Int(453), Code::Int(454)]);
}

#[test]
fn subcode_2207085_on_258() {
    let s = entry(258)
        .subcodes
        .iter()
        .find(|s| s.code == 2207085)
        .expect("258 has sub-code 2207085");
    assert_eq!(s.relink, Some(Relink::Required));
    assert_eq!(s.retry_available, Some(true));
}

#[test]
fn subcode_80001_on_444() {
    let s = entry(444)
        .subcodes
        .iter()
        .find(|s| s.code == 80001)
        .expect("444 has sub-code 80001");
    assert_eq!(s.response_field.as_deref(), Some("errCode"));
}

#[test]
fn unstated_http_status() {
    for code in [107, 110, 176, 307, 379] {
        assert_eq!(
            entry(code).http_status,
            None,
            "the seed documentation gives no HTTP status for {code}"
        );
    }
}
