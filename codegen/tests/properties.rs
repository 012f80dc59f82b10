//! Property tests: random valid catalogs, written as TOML text so the
//! loader and the validator run too, go through every emitter, and the
//! output is checked with real parsers and compilers, and against what the
//! catalog's TOML says as read without errcat (`common::export_facts`).
//!
//! The generator (`properties/generate.rs`) only makes valid catalogs, in
//! the whole format: integer codes over the whole `u32` range, or string
//! codes over the whole alphabet and every length (digits only, edges such
//! as `-` or 64 characters, and pairs that differ only in case, which draw
//! a warning and nothing else); groups, with some entries in none and no
//! group unused; each optional fact stated by no entry, some entries or
//! every entry, as the catalog draws it, with values that agree where two
//! stated facts must; `"unstated"` written out or the key left out; the
//! manifest's optional keys present or not; a list of HTTP statuses or
//! none; an envelope like Ayrshare's, a Stripe-like `errors = ["error"]`
//! or none (the body is the error object), with example bodies built to
//! match it, showing other codes besides the entry's own and codes where
//! the envelope does not look; PascalCase names next to reserved words
//! and the generated code's own names; and hostile text (quotes,
//! backslashes, comment markers, template syntax, Markdown markers, CR,
//! LF, U+2028, control and bidirectional characters) in every free-text
//! field. A catalog `errcat` rejects is a bug of the generator, so it
//! fails the test.
//!
//! Every run uses one fixed seed (`PROPTEST_RNG_SEED` overrides it);
//! `PROPTEST_CASES` sets the cases of the first property, and the
//! properties that run a compiler take a twelfth of it when that is more
//! than their own count.
//!
//! - `emitters_hold_for_random_catalogs` (24 cases): the TOML reads back
//!   as written; one file, manifest + entries and entries + manifest give
//!   the same catalog, the same files and only the expected warnings;
//!   every Rust file parses with syn; every JSON file parses and
//!   `catalog.json` is the export the TOML gives (`common::export_facts`);
//!   `ErrorInfo` has a field for each fact some code states, optional
//!   where another leaves it unstated; the derive crate's table has one
//!   entry per code, in code order, with the facts its selectors read; the
//!   Markdown has exactly the tables the catalog has rows for, each row
//!   with the header's cell count, every message is a code span or block
//!   (up to line endings, which CommonMark normalises), links go to
//!   anchors or http(s).
//! - `typescript_type_checks_for_random_catalogs` (3 cases): the real tsc,
//!   which needs `node` and `npm ci --prefix generated/ts`.
//! - `rust_compiles_for_random_catalogs` (2 cases, each a catalog of
//!   either kind of code): the generated module built as a crate of its
//!   own, warnings denied, and the generated derive crate beside it,
//!   offline, with `CARGO_TARGET_DIR=target/proptest-crates` so serde and
//!   syn build once; its `main` (`properties/crates.rs`) looks every code
//!   up by its text, reads every fact, maps every code through
//!   `#[derive(FromCode)]` (group selectors included), and finds nothing
//!   for texts that are no code.
//! - `generator_covers_the_format`: a fixed run of the generator makes
//!   everything listed above, so the properties cannot quietly test less.
//! - `regression_catalogs_hold`: every check on each catalog under
//!   `tests/fixtures/valid/regressions/`.
//!
//! A failing case prints its catalog as one TOML file, ready to go under
//! `tests/fixtures/valid/regressions/<name>/catalog.toml`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use serde_json::json;
use toml::Table;

#[path = "properties/checks.rs"]
mod checks;
mod common;
#[path = "properties/crates.rs"]
mod crates;
#[path = "properties/generate.rs"]
mod generate;

use checks::{
    Presence, check_ir, check_outputs, compile_all_layouts, compile_files, emitted, presence,
};
use common::{export_facts, repo, tsc};
use crates::{cargo_build, type_check};
use generate::{GROUP_IDS, NAMES, NASTY, PLATFORM_IDS, WORDS, catalog, catalog_of};

// ------------------------------------------------------------ the tests

/// The seed of every run unless `PROPTEST_RNG_SEED` gives another, so a
/// run fails or passes the same way on every machine.
const SEED: u64 = 0x0e44_ca75_2026_0001;

fn config(cases: u32, max_shrink_iters: u32) -> ProptestConfig {
    let defaults = ProptestConfig::default();
    let rng_seed = match defaults.rng_seed {
        RngSeed::Random => RngSeed::Fixed(SEED),
        fixed => fixed,
    };
    ProptestConfig {
        cases,
        max_shrink_iters,
        rng_seed,
        // Failing catalogs go to tests/fixtures/valid/regressions/ by hand.
        failure_persistence: None,
        ..defaults
    }
}

fn default_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

/// Cases of a property that runs a compiler: `least`, or more when
/// `PROPTEST_CASES` asks for a longer run.
fn compiler_cases(least: u32) -> u32 {
    (default_cases() / 12).max(least)
}

proptest! {
    #![proptest_config(config(default_cases(), 100))]

    #[test]
    fn emitters_hold_for_random_catalogs(g in catalog()) {
        let [c, split, reversed] = compile_all_layouts(&g);
        check_ir(&g, &c);
        // Three emits of three equal catalogs, loaded from three layouts:
        // the output depends on nothing but the catalog.
        let files = emitted(&c);
        prop_assert!(files == emitted(&split), "manifest + entries files emit differently");
        prop_assert!(files == emitted(&reversed), "entries + manifest files emit differently");
        check_outputs(&c, &files, &g.files());
    }
}

proptest! {
    #![proptest_config(config(compiler_cases(3), 8))]

    #[test]
    fn typescript_type_checks_for_random_catalogs(g in catalog()) {
        let tsc = tsc();
        let (c, _) = compile_files("ts-catalog", &[("catalog.toml", &g.single())]);
        type_check(&c, &tsc);
    }
}

proptest! {
    #![proptest_config(config(compiler_cases(2), 4))]

    #[test]
    fn rust_compiles_for_random_catalogs(gs in (catalog_of(true), catalog_of(false))) {
        for g in [gs.0, gs.1] {
            let (c, _) = compile_files("rust-catalog", &[("catalog.toml", &g.single())]);
            cargo_build(&c, &export_facts::expected(&g.files()));
        }
    }
}

/// The generator makes what the module doc says it makes, so a change to
/// it cannot quietly narrow what the properties test: over a fixed run of
/// catalogs, both kinds of code and the edges of each, every envelope,
/// groups, and each optional fact stated by no code, some codes and every
/// code, among others.
#[test]
fn generator_covers_the_format() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(
        config(1, 0),
        TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha),
    );
    let strategy = catalog();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for _ in 0..150 {
        let g = strategy.new_tree(&mut runner).expect("a catalog").current();
        let want = export_facts::expected(&g.files());
        let mut saw = |what: &str, yes: bool| {
            if yes {
                seen.insert(what.to_string());
            }
        };
        let codes = want["codes"].as_array().unwrap();
        let texts: Vec<&str> = codes.iter().filter_map(|c| c["code"].as_str()).collect();
        saw("integer codes", want["catalog"]["code_kind"] == "integer");
        saw("string codes", !texts.is_empty());
        saw("code 0", codes.iter().any(|c| c["code"] == 0));
        saw(
            "code 4294967295",
            codes.iter().any(|c| c["code"] == u32::MAX),
        );
        saw(
            "digits-only string codes",
            texts.iter().any(|t| t.bytes().all(|b| b.is_ascii_digit())),
        );
        saw("64-character codes", texts.iter().any(|t| t.len() == 64));
        saw("1-character codes", texts.iter().any(|t| t.len() == 1));
        saw("13 to 16 string codes", (13..=16).contains(&texts.len()));
        for ch in ['.', '-', '_'] {
            saw(
                &format!("`{ch}` in codes"),
                texts.iter().any(|t| t.contains(ch)),
            );
        }
        let lower: BTreeSet<String> = texts.iter().map(|t| t.to_ascii_lowercase()).collect();
        saw("codes that differ only in case", lower.len() < texts.len());
        let env = &want["envelope"];
        saw("no envelope", env["declared"] == false);
        saw(
            "Ayrshare's envelope",
            env["nested"] == json!(["posts[]", "*"]),
        );
        saw("errors = [\"error\"]", env["errors"] == json!(["error"]));
        saw("another code field", env["code_field"] != "code");
        saw("groups", !want["groups"].as_array().unwrap().is_empty());
        saw(
            "no HTTP status list",
            want["http_statuses"].as_array().unwrap().is_empty(),
        );
        saw(
            "a success status",
            want["http_statuses"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["success"] == true),
        );
        saw(
            "`platforms = []`",
            codes.iter().any(|c| c["platforms"] == json!([])),
        );
        saw(
            "codes shown in other codes' examples",
            codes.iter().any(|c| c["shown_in"] != json!([])),
        );
        saw("warnings", codes.iter().any(|c| c["severity"] == "warning"));
        saw(
            "catalog examples",
            !want["examples"].as_array().unwrap().is_empty(),
        );
        for key in [
            "title",
            "version",
            "docs_url",
            "rust_crate",
            "npm_package",
            "python_package",
        ] {
            let cat = g.manifest["catalog"].as_table().unwrap();
            saw(&format!("`{key}` left out"), !cat.contains_key(key));
            saw(&format!("`{key}` written"), cat.contains_key(key));
        }
        for e in &g.errors {
            for key in ["http", "action"] {
                saw(
                    &format!("`{key} = \"unstated\"`"),
                    e.get(key).and_then(toml::Value::as_str) == Some("unstated"),
                );
            }
        }
        for key in [
            "group",
            "http_status",
            "action",
            "platforms",
            "severity",
            "appears_in",
            "retry",
            "relink_policy",
            "remedy",
            "messages",
            "description",
            "advice",
            "subcodes",
            "cases",
            "fields",
            "headers",
            "history",
            "examples",
            "retired",
        ] {
            saw(&format!("{key}: {:?}", presence(&want, key)), true);
        }
    }
    let mut missing: Vec<String> = Vec::new();
    let mut expect = |what: String| {
        if !seen.contains(&what) {
            missing.push(what);
        }
    };
    for what in [
        "integer codes",
        "string codes",
        "code 0",
        "code 4294967295",
        "digits-only string codes",
        "64-character codes",
        "1-character codes",
        "13 to 16 string codes",
        "codes that differ only in case",
        "no envelope",
        "Ayrshare's envelope",
        "errors = [\"error\"]",
        "another code field",
        "groups",
        "no HTTP status list",
        "a success status",
        "`platforms = []`",
        "codes shown in other codes' examples",
        "warnings",
        "catalog examples",
        "`http = \"unstated\"`",
        "`action = \"unstated\"`",
    ] {
        expect(what.to_string());
    }
    for ch in ['.', '-', '_'] {
        expect(format!("`{ch}` in codes"));
    }
    for key in [
        "title",
        "version",
        "docs_url",
        "rust_crate",
        "npm_package",
        "python_package",
    ] {
        expect(format!("`{key}` left out"));
        expect(format!("`{key}` written"));
    }
    for key in [
        "group",
        "http_status",
        "action",
        "platforms",
        "severity",
        "appears_in",
        "retry",
        "relink_policy",
        "remedy",
        "messages",
        "description",
        "advice",
        "subcodes",
        "cases",
        "fields",
        "headers",
        "history",
        "examples",
        "retired",
    ] {
        for p in [Presence::Never, Presence::Sometimes, Presence::Always] {
            expect(format!("{key}: {p:?}"));
        }
    }
    assert!(
        missing.is_empty(),
        "the generator no longer makes: {missing:?}"
    );
}

/// The name pools are valid on their own, so the generator never relies on
/// luck to pass validation.
#[test]
fn pools_are_valid() {
    let bad: Vec<&str> = NAMES
        .iter()
        .copied()
        .filter(|n| !errcat::names::is_pascal_case(n) || errcat::names::reserved_in(n).is_some())
        .collect();
    assert!(bad.is_empty(), "not valid names: {bad:?}");
    for id in PLATFORM_IDS {
        assert!(errcat::names::is_platform_id(id), "{id}");
    }
    for id in GROUP_IDS {
        let name = errcat::names::to_pascal_case(id);
        assert!(
            errcat::names::is_kebab_case(id) && errcat::names::reserved_in(&name).is_none(),
            "{id}"
        );
    }
    for w in WORDS.iter().chain(NASTY) {
        assert!(!w.contains("seconds") && !w.contains("unstated"), "{w}");
    }
}

/// Catalogs these properties once failed on, kept under
/// `tests/fixtures/valid/regressions/<name>/`: every check, every time.
#[test]
fn regression_catalogs_hold() {
    let dir = repo().join("tests/fixtures/valid/regressions");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "cannot list the regression catalogs in {}: {e}",
            dir.display()
        )
    });
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir())
        .collect();
    paths.sort();
    assert!(
        !paths.is_empty(),
        "no regression catalog in {}",
        dir.display()
    );
    let tsc = tsc();
    let mut failed = Vec::new();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let run = std::panic::catch_unwind(|| {
            let c = errcat::compile(path)
                .unwrap_or_else(|f| panic!("{}:\n{}", path.display(), f.render()));
            let files = emitted(&c);
            let text = std::fs::read_to_string(path.join("catalog.toml")).expect("read");
            let toml: Table = toml::from_str(&text).expect("TOML");
            let toml = [toml];
            check_outputs(&c, &files, &toml);
            type_check(&c, &tsc);
            cargo_build(&c, &export_facts::expected(&toml));
        });
        if run.is_err() {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "regression fixtures fail again (messages above): {failed:?}"
    );
}
