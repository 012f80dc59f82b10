//! Replaying fuzz inputs without libFuzzer, for the regression tests of
//! both targets (`codegen/tests/fuzz_regressions.rs` and
//! `generated/rust/tests/fuzz_regressions.rs`).

use std::fs;
use std::path::{Path, PathBuf};

/// The files of `dir` whose name starts with `prefix`, sorted.
pub fn inputs(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect();
    files.sort();
    files
}

/// Runs a fuzz target's checks on every file.
pub fn run_all(files: &[PathBuf], run: fn(&[u8])) {
    for f in files {
        let data = fs::read(f).expect("read input");
        // A panic names the input that caused it.
        eprintln!("input {}", f.display());
        run(&data);
    }
}
