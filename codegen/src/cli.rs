//! Command-line interface: argument definitions and the commands.
//!
//! Exit codes: 0 success, 1 the catalog (or the generated files) has a
//! problem, 2 the command line itself is wrong (clap's own usage errors
//! exit 2 as well). `diff` also exits 3, 4 or 5 by the semver level of the
//! changes it finds (see `crate::diff`).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::{Failure, compile, diag, emit, export, writer};

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
    /// Write every generated file (Rust, TypeScript, JSON Schema, Markdown).
    Generate(OutArgs),
    /// Fail if any generated file is missing, stale or left over.
    Check(OutArgs),
    /// Print everything the catalog says about one code.
    Explain(ExplainArgs),
    /// Compare two versions of the catalog and classify every change as
    /// major, minor or patch.
    Diff(crate::diff::DiffArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The error code, such as 435.
    pub code: u32,
    #[command(flatten)]
    pub catalog: CatalogArg,
}

#[derive(Debug, clap::Args)]
pub struct OutArgs {
    #[command(flatten)]
    pub catalog: CatalogArg,
    /// Root the generated paths are relative to [default: the directory
    /// that holds the catalog]
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

impl OutArgs {
    fn paths(&self) -> (PathBuf, PathBuf) {
        let catalog = self.catalog.path();
        let out = self.out.clone().unwrap_or_else(|| {
            let parent = catalog.parent().unwrap_or(Path::new(""));
            if parent.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                parent.to_path_buf()
            }
        });
        (catalog, out)
    }

    /// The command that regenerates what `check` found stale.
    fn fix_command(&self) -> String {
        let mut cmd = String::from("cargo run -p errcat -- generate");
        if let Some(c) = &self.catalog.catalog {
            cmd.push_str(&format!(" --catalog {}", c.display()));
        }
        if let Some(o) = &self.out {
            cmd.push_str(&format!(" --out {}", o.display()));
        }
        cmd
    }
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
        Command::Generate(args) => generate(&args),
        Command::Check(args) => check(&args),
        Command::Explain(args) => explain_cmd(&args),
        Command::Diff(args) => crate::diff::run(&args),
    }
}

pub(crate) fn report(f: &Failure) -> ExitCode {
    let styled = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = if styled {
        diag::render_styled(&f.diagnostics, &f.sources)
    } else {
        f.render()
    };
    let _ = std::io::stderr().write_all(text.as_bytes());
    ExitCode::from(1)
}

/// Write a command's output to standard output. A reader that has gone
/// away (`errcat export | head`) took what it wanted, so that ends the
/// command quietly, as it does for ripgrep; any other failure (a full
/// disk) is exit 1 with a message, never silently lost output.
pub(crate) fn print_stdout(text: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            Err(ExitCode::from(1))
        }
    }
}

fn validate(path: &Path) -> ExitCode {
    match compile(path) {
        Ok(c) => {
            eprintln!(
                "{}: valid ({}, {}, {})",
                path.display(),
                plural(c.errors.len(), "code"),
                plural(c.platforms.len(), "platform"),
                plural(c.http_statuses.len(), "HTTP status"),
            );
            ExitCode::SUCCESS
        }
        Err(f) => report(&f),
    }
}

fn export_cmd(path: &Path) -> ExitCode {
    match compile(path) {
        Ok(c) => match print_stdout(&export::export_string(&c)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        },
        Err(f) => report(&f),
    }
}

fn emit_catalog(path: &Path) -> Result<writer::Output, ExitCode> {
    let catalog = compile(path).map_err(|f| report(&f))?;
    emit::emit_all(&catalog, &emit::Layout::default()).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(1)
    })
}

fn generate(args: &OutArgs) -> ExitCode {
    let (catalog, out) = args.paths();
    // Everything is emitted in memory first: a catalog error writes nothing.
    let output = match emit_catalog(&catalog) {
        Ok(o) => o,
        Err(code) => return code,
    };
    match writer::write(&out, &output) {
        Ok(r) => {
            for p in &r.written {
                eprintln!("wrote   {p}");
            }
            for p in &r.removed {
                eprintln!("removed {p}");
            }
            eprintln!(
                "{} written, {} removed, {} unchanged",
                r.written.len(),
                r.removed.len(),
                r.unchanged
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "error: cannot write generated files under `{}`: {e}",
                out.display()
            );
            ExitCode::from(1)
        }
    }
}

fn check(args: &OutArgs) -> ExitCode {
    let (catalog, out) = args.paths();
    let output = match emit_catalog(&catalog) {
        Ok(o) => o,
        Err(code) => return code,
    };
    match writer::check(&out, &output) {
        Ok(problems) if problems.is_empty() => {
            eprintln!("{} generated files are up to date", output.files.len());
            ExitCode::SUCCESS
        }
        Ok(problems) => {
            eprintln!("error: generated files are out of date:");
            for p in &problems {
                eprintln!("  {p}");
            }
            eprintln!("help: run `{}` and commit the result", args.fix_command());
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!(
                "error: cannot read generated files under `{}`: {e}",
                out.display()
            );
            ExitCode::from(1)
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    match (n, word.ends_with('s')) {
        (1, _) => format!("1 {word}"),
        (_, true) => format!("{n} {word}es"),
        _ => format!("{n} {word}s"),
    }
}

fn explain_cmd(args: &ExplainArgs) -> ExitCode {
    let catalog = match compile(&args.catalog.path()) {
        Ok(c) => c,
        Err(f) => return report(&f),
    };
    match crate::explain::explain(&catalog, args.code) {
        Ok(text) => match print_stdout(&text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        },
        Err(near) => {
            eprintln!(
                "error: {} is not a code of the {} catalog",
                args.code, catalog.meta.title
            );
            if !near.is_empty() {
                eprintln!("help: the nearest codes are:");
                for e in near {
                    eprintln!("  {} {}: {}", e.code, e.name, e.title);
                }
            }
            ExitCode::from(1)
        }
    }
}
