//! The `catalog_loader` fuzz target's checks on the stable toolchain,
//! without libFuzzer: the same code (`fuzz/checks/catalog_loader.rs`) runs
//! on every committed seed of its corpus and on every input a fuzzing run
//! found a bug with (`tests/fixtures/fuzz/catalog_loader/`: minimized
//! crash inputs and hand-made variants). See docs/robustness.md.

use std::fs;
use std::path::PathBuf;

#[path = "../../fuzz/checks/catalog_loader.rs"]
#[allow(dead_code)]
mod check;

#[path = "../../fuzz/checks/replay.rs"]
mod replay;
use replay::inputs;

mod common;
use common::repo;

fn run_all(files: &[PathBuf]) {
    replay::run_all(files, check::run);
}

#[test]
fn seed_corpus_passes_the_fuzz_checks() {
    let seeds = inputs(&repo().join("fuzz/corpus/catalog_loader"), "seed-");
    assert!(seeds.len() > 100, "the seed corpus is missing");
    run_all(&seeds);
}

#[test]
fn shipped_catalog_seed_validates_and_emits() {
    // The whole shipped catalog as one input: the valid path (every
    // emitter) is part of the corpus, not only the error paths.
    let data = fs::read(repo().join("fuzz/corpus/catalog_loader/seed-catalog")).expect("seed");
    let files = check::files(&data);
    assert!(files.len() > 1, "the catalog seed holds every catalog file");
    if let Err(f) = errcat::compile_files(files) {
        panic!(
            "the shipped catalog seed does not validate:\n{}",
            f.render()
        );
    }
}

#[test]
fn compile_bytes_matches_compile_on_disk() {
    // The in-memory entry point the fuzz target uses sees what `compile`
    // sees: same result, same diagnostics, for valid, invalid and
    // non-UTF-8 files.
    for name in [
        "valid/minimal",
        "invalid/e0101-bad-number",
        "invalid/e0005-not-utf8",
    ] {
        let file = repo()
            .join("tests/fixtures")
            .join(name)
            .join("catalog.toml");
        let bytes = fs::read(&file).expect("fixture");
        let on_disk = errcat::compile(&file);
        let in_memory = errcat::compile_bytes("catalog.toml", &bytes);
        match (on_disk, in_memory) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{name}"),
            (Err(a), Err(b)) => assert_eq!(a.render(), b.render(), "{name}"),
            (a, b) => panic!("{name}: on disk {:?}, in memory {:?}", a.is_ok(), b.is_ok()),
        }
    }
}

#[test]
fn crash_inputs_pass_the_fuzz_checks() {
    let crashes = inputs(&repo().join("tests/fixtures/fuzz/catalog_loader"), "");
    assert!(!crashes.is_empty(), "the crash inputs are missing");
    run_all(&crashes);
}

#[test]
fn long_indented_lines_render_without_panic() {
    // Found by fuzzing: annotate-snippets 0.11 panicked (subtract with
    // overflow, with overflow checks on as here) trimming a line wider than
    // the terminal whose indentation it counts past the caret's label: tabs
    // (four columns each to it) or form feeds before a bad byte or a syntax
    // error. `margin-overflow-*` in tests/fixtures/fuzz/catalog_loader/ are
    // the minimized input and these shapes; this sweeps around them.
    for indent in ["\t", "\u{c}", " ", "\u{a0}", "\t "] {
        for count in [0, 5, 20, 30, 60, 200] {
            for tail in [0, 120, 400] {
                for error in [
                    &b"\xcc"[..],
                    b"x = \x01",
                    b"x = 1 = 2",
                    b"[[error]]\ncode = \"a\"",
                ] {
                    let mut text = indent.repeat(count).into_bytes();
                    text.extend_from_slice(error);
                    text.extend_from_slice(format!(" # {}", "y".repeat(tail)).as_bytes());
                    let failure =
                        errcat::compile_bytes("catalog.toml", &text).expect_err("not a catalog");
                    let shown = failure.render();
                    assert!(shown.contains("error["), "{shown}");
                }
            }
        }
    }
}
