//! Command-line interface: argument definitions and the commands.
//!
//! Exit codes: 0 success, 1 the catalog (or the generated files) has a
//! problem, 2 the command line itself is wrong (clap's own usage errors
//! exit 2 as well).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::{Failure, compile, diag, export};

#[derive(Debug, Parser)]
#[command(
    name = "errcat",
    version,
    about = "Compile an API error catalog into code and docs"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the catalog and report every problem.
    Validate(CatalogArg),
    /// Print the validated catalog as JSON (the export format).
    Export(CatalogArg),
}

#[derive(Debug, clap::Args)]
pub struct CatalogArg {
    /// Catalog directory or single catalog file [default: `catalog/` of the
    /// current directory or the nearest parent that has one]
    #[arg(long, value_name = "PATH")]
    pub catalog: Option<PathBuf>,
}

impl CatalogArg {
    fn path(&self) -> PathBuf {
        self.catalog.clone().unwrap_or_else(default_catalog)
    }
}

/// `catalog/` in the current directory or the nearest ancestor holding one,
/// so the command works from anywhere inside a project.
pub fn default_catalog() -> PathBuf {
    let here = PathBuf::from("catalog");
    if here.is_dir() {
        return here;
    }
    if let Ok(cwd) = std::env::current_dir() {
        for dir in cwd.ancestors().skip(1) {
            let candidate = dir.join("catalog");
            if candidate.is_dir() {
                return candidate;
            }
        }
    }
    here
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Validate(arg) => validate(&arg.path()),
        Command::Export(arg) => export_cmd(&arg.path()),
    }
}

fn report(f: &Failure) -> ExitCode {
    let styled = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let text = if styled {
        diag::render_styled(&f.diagnostics, &f.sources)
    } else {
        f.render()
    };
    let _ = std::io::stderr().write_all(text.as_bytes());
    ExitCode::from(1)
}

fn validate(path: &Path) -> ExitCode {
    match compile(path) {
        Ok(c) => {
            eprintln!(
                "{}: {} codes, {} platforms, {} HTTP statuses: valid",
                path.display(),
                c.errors.len(),
                c.platforms.len(),
                c.http_statuses.len()
            );
            ExitCode::SUCCESS
        }
        Err(f) => report(&f),
    }
}

fn export_cmd(path: &Path) -> ExitCode {
    match compile(path) {
        Ok(c) => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`errcat export | head`) is not an error worth a panic.
            let _ = out.write_all(export::export_string(&c).as_bytes());
            let _ = out.flush();
            ExitCode::SUCCESS
        }
        Err(f) => report(&f),
    }
}
