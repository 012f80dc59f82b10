//! Compiling a catalog from a build script, in the manner of prost-build.
//!
//! ```no_run
//! // build.rs, in `fn main`
//! errcat::build::Builder::new()
//!     .catalog("catalog")
//!     .compile()
//!     .unwrap_or_else(|e| panic!("{e}"));
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/errcat_catalog.rs"));
//! ```
//!
//! The generated file needs `serde` as a dependency of the including crate.
//!
//! # Features
//!
//! This module writes the Rust module only, and needs no feature of
//! errcat: depend on it with `default-features = false`, which compiles
//! load, validate, the Rust and derive emitters and the writer, and leaves
//! out the CLI and the template and schema crates (clap, handlebars,
//! schemars, mimalloc).
//!
//! ```toml
//! [build-dependencies]
//! errcat = { version = "0.1", default-features = false }
//! ```
//!
//! A build script that writes other outputs through [`crate::emit`] turns
//! on one feature for each: `typescript` for the TypeScript module,
//! `markdown` for the reference, `schema` for the JSON Schemas and the
//! export. `cli` is the `errcat` binary's commands with every target, and
//! `mimalloc` only the binary's allocator: a build script needs neither.

use std::path::PathBuf;

use crate::{Failure, compile, emit, load, writer};

/// File name of the generated module inside the output directory.
pub const OUT_FILE: &str = "errcat_catalog.rs";

#[derive(Debug, Clone, Default)]
pub struct Builder {
    catalog: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    out_file: Option<String>,
    emit_rerun: bool,
}

/// Why a build-script compilation failed.
#[derive(Debug)]
pub enum BuildError {
    /// The catalog is invalid; the text is the rendered diagnostics.
    Catalog(String),
    /// `OUT_DIR` is not set and no output directory was given.
    NoOutDir,
    Emit(emit::EmitError),
    Io(std::io::Error),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Catalog(d) => write!(f, "the error catalog is invalid:\n{d}"),
            BuildError::NoOutDir => f.write_str(
                "OUT_DIR is not set: call the builder from a build script or set `out_dir`",
            ),
            BuildError::Emit(e) => write!(f, "{e}"),
            BuildError::Io(e) => write!(f, "cannot write the generated catalog: {e}"),
        }
    }
}

impl std::error::Error for BuildError {}

impl From<Failure> for BuildError {
    fn from(f: Failure) -> Self {
        BuildError::Catalog(f.render())
    }
}

impl Builder {
    pub fn new() -> Self {
        Builder {
            emit_rerun: true,
            ..Builder::default()
        }
    }

    /// The catalog directory or file, relative to the crate being built.
    pub fn catalog(mut self, path: impl Into<PathBuf>) -> Self {
        self.catalog = Some(path.into());
        self
    }

    /// Where to write; defaults to `OUT_DIR`.
    pub fn out_dir(mut self, path: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(path.into());
        self
    }

    /// Name of the generated file; defaults to [`OUT_FILE`].
    pub fn out_file(mut self, name: impl Into<String>) -> Self {
        self.out_file = Some(name.into());
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines (on by default).
    pub fn emit_rerun_if_changed(mut self, on: bool) -> Self {
        self.emit_rerun = on;
        self
    }

    /// Validate the catalog and write the Rust module. Returns its path.
    pub fn compile(self) -> Result<PathBuf, BuildError> {
        let catalog = self.catalog.unwrap_or_else(|| PathBuf::from("catalog"));
        if self.emit_rerun {
            // The directory itself too, so an added or removed file counts.
            println!("cargo:rerun-if-changed={}", catalog.display());
            for f in load::catalog_files(&catalog).unwrap_or_default() {
                println!("cargo:rerun-if-changed={}", f.display());
            }
        }
        let out_dir = match self.out_dir {
            Some(d) => d,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(BuildError::NoOutDir)?,
        };
        let ir = compile(&catalog)?;
        let source = emit::rust::catalog_rs(&ir).map_err(BuildError::Emit)?;
        let path = out_dir.join(self.out_file.as_deref().unwrap_or(OUT_FILE));
        let unchanged = std::fs::read_to_string(&path).is_ok_and(|old| old == source);
        if !unchanged {
            writer::write_atomic(&path, source.as_bytes()).map_err(BuildError::Io)?;
        }
        Ok(path)
    }
}
