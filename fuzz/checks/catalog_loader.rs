//! What the `catalog_loader` fuzz target checks for one input. Plain Rust
//! (no libFuzzer), so `codegen/tests/fuzz_regressions.rs` runs the same
//! checks on the stable toolchain.
//!
//! The input is split at NUL bytes into up to [`MAX_FILES`] catalog files
//! (TOML never holds a raw NUL, so a single file loses nothing; splitting
//! lets the fuzzer reach the rules that span files, such as one manifest
//! per catalog). The files go through `errcat::compile_files`, the same
//! UTF-8 check, TOML parse and validation as `errcat::compile` on disk.
//!
//! - Never a panic, whatever the bytes.
//! - A catalog that validates goes through every emitter, and every
//!   emitter succeeds: an emitter error on a valid catalog is a rule the
//!   validator misses.
//! - A catalog that fails has at least one diagnostic, and rendering them
//!   names every diagnostic's id.

/// Most files one input is split into; the last takes the rest of the bytes.
pub const MAX_FILES: usize = 32;

/// The catalog files in `data`, named as a catalog directory's would be.
pub fn files(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    data.splitn(MAX_FILES, |&b| b == 0)
        .enumerate()
        .map(|(i, bytes)| {
            let name = if i == 0 {
                "catalog/catalog.toml".to_string()
            } else {
                format!("catalog/part-{i}.toml")
            };
            (name, bytes.to_vec())
        })
        .collect()
}

pub fn run(data: &[u8]) {
    match errcat::compile_files(files(data)) {
        Ok(catalog) => {
            let layout = errcat::emit::Layout::default();
            if let Err(e) = errcat::emit::emit_all(&catalog, &layout) {
                panic!("a catalog that validates does not emit: {e}");
            }
        }
        Err(failure) => {
            assert!(
                !failure.diagnostics.is_empty(),
                "a failed catalog has no diagnostic"
            );
            let text = failure.render();
            for d in &failure.diagnostics {
                assert!(
                    text.contains(d.id),
                    "rendered diagnostics do not name {}:\n{text}",
                    d.id
                );
            }
        }
    }
}
