//! errcat: a declarative error-catalog compiler.
//!
//! A catalog of API errors, written once in TOML, goes through four stages:
//! [`load`] parses the files into [`raw`] structs that keep source spans,
//! [`validate`] checks every rule and lowers them into the span-free
//! [`ir::Catalog`], and emitters turn that into files. Problems come back as
//! [`diag::Diagnostic`]s, rendered like rustc's.

pub mod build;
// The commands of the `errcat` binary and what only they use (`diff`,
// `explain`, `git`, `init`) are the `cli` feature: a build script never
// runs them, and leaving them out is a fifth of what the lean library
// compiles (docs/performance.md, "errcat as a build dependency").
#[cfg(feature = "cli")]
pub mod changelog;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "cli")]
pub mod commands;
pub mod diag;
#[cfg(feature = "cli")]
pub mod diff;
pub mod emit;
pub mod envelope;
#[cfg(feature = "cli")]
pub mod explain;
// The export is `generated/schema/catalog.json`, so the `schema` feature
// (which `cli` turns on) brings it.
#[cfg(feature = "schema")]
pub mod export;
#[cfg(feature = "cli")]
pub mod git;
#[cfg(feature = "cli")]
pub mod init;
pub mod ir;
pub mod load;
pub mod names;
mod par;
pub mod raw;
pub mod validate;
pub mod writer;

use std::path::Path;

pub use diag::{Diagnostic, Sources};

/// A catalog that failed to load or validate: every problem found, and the
/// files needed to render them.
#[derive(Debug)]
pub struct Failure {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    /// The diagnostics as plain text, as `errcat` prints them.
    pub fn render(&self) -> String {
        diag::render(&self.diagnostics, &self.sources)
    }
}

/// A catalog that compiled, with the warnings it drew and the files they
/// point into.
#[derive(Debug)]
pub struct Compiled {
    pub catalog: ir::Catalog,
    pub warnings: Vec<Diagnostic>,
    pub sources: Sources,
}

impl Compiled {
    /// The warnings as plain text, as `errcat` prints them; empty when
    /// there are none.
    pub fn render_warnings(&self) -> String {
        if self.warnings.is_empty() {
            String::new()
        } else {
            diag::render(&self.warnings, &self.sources)
        }
    }
}

/// Load, check and lower the catalog at `path` (a directory or one file).
/// Warnings are dropped; [`compile_with_warnings`] keeps them.
pub fn compile(path: &Path) -> Result<ir::Catalog, Failure> {
    compile_with_warnings(path).map(|c| c.catalog)
}

/// [`compile`], keeping the warnings.
pub fn compile_with_warnings(path: &Path) -> Result<Compiled, Failure> {
    lower(load::load(path))
}

/// Check and lower a one-file catalog held in memory, exactly as
/// [`compile`] does a file: `name` is the file name diagnostics show, and
/// bytes that are not UTF-8 get the same diagnostic.
pub fn compile_bytes(name: &str, bytes: &[u8]) -> Result<ir::Catalog, Failure> {
    compile_files(vec![(name.to_string(), bytes.to_vec())])
}

/// [`compile_bytes`], keeping the warnings.
pub fn compile_source(name: &str, bytes: &[u8]) -> Result<Compiled, Failure> {
    lower(load::load_bytes(vec![(name.to_string(), bytes.to_vec())]))
}

/// Check and lower a catalog of several in-memory files, given as
/// `(name, bytes)` in reading order.
pub fn compile_files(files: Vec<(String, Vec<u8>)>) -> Result<ir::Catalog, Failure> {
    lower(load::load_bytes(files)).map(|c| c.catalog)
}

fn lower(loaded: Result<load::Loaded, (Sources, Vec<Diagnostic>)>) -> Result<Compiled, Failure> {
    let loaded = loaded.map_err(|(sources, diagnostics)| Failure {
        sources,
        diagnostics,
    })?;
    match validate::validate(&loaded) {
        Ok(v) => Ok(Compiled {
            catalog: v.catalog,
            warnings: v.warnings,
            sources: loaded.sources,
        }),
        Err(diagnostics) => Err(Failure {
            sources: loaded.sources,
            diagnostics,
        }),
    }
}
