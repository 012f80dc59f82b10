//! The `errcat` command line: arguments in, [`errcat::commands`] called with
//! plain values, exit code out. Everything it does lives in the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use errcat::cli::{Cli, Command, Format, OutArgs};
use errcat::commands::{self, DiffFormat, Side};

// Generating allocates millions of small, short-lived strings and syntax
// nodes; mimalloc serves them in well under the time of the system
// allocator (figures in docs/performance.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let catalog_or_default =
        |p: &Option<PathBuf>| p.clone().unwrap_or_else(commands::default_catalog);
    match Cli::parse().command {
        Command::Init(args) => {
            let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
            commands::init(&dir, args.catalog.as_deref())
        }
        Command::Validate(arg) => commands::validate(&catalog_or_default(&arg.catalog)),
        Command::Export(arg) => commands::export(&catalog_or_default(&arg.catalog)),
        Command::Generate(args) => {
            let (catalog, out) = paths(&args);
            commands::generate(&catalog, &out)
        }
        Command::Check(args) => {
            let (catalog, out) = paths(&args);
            commands::check(&catalog, &out, &fix_command(&args))
        }
        Command::Explain(args) => {
            commands::explain(&catalog_or_default(&args.catalog.catalog), &args.code)
        }
        Command::Diff(args) => {
            let (old, new) = match (args.old, args.new, args.from_rev) {
                (Some(o), Some(n), _) => (Side::Path(o), Side::Path(n)),
                (_, _, Some(from)) => {
                    let path = catalog_or_default(&args.catalog);
                    let new = match args.to_rev {
                        Some(to) => Side::Rev {
                            rev: to,
                            path: path.clone(),
                        },
                        None => Side::Path(path.clone()),
                    };
                    (Side::Rev { rev: from, path }, new)
                }
                _ => {
                    // clap's argument groups rule this out; stay a usage error anyway.
                    eprintln!("error: give OLD and NEW, or `--from-rev REV`");
                    return ExitCode::from(2);
                }
            };
            let format = match args.format {
                Format::Text => DiffFormat::Text,
                Format::Json => DiffFormat::Json,
                Format::Markdown => DiffFormat::Markdown,
            };
            commands::diff(&old, &new, format)
        }
    }
}

fn paths(args: &OutArgs) -> (PathBuf, PathBuf) {
    let catalog = args
        .catalog
        .catalog
        .clone()
        .unwrap_or_else(commands::default_catalog);
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| commands::default_out(&catalog));
    (catalog, out)
}

/// The command that regenerates what `check` found stale.
fn fix_command(args: &OutArgs) -> String {
    let mut cmd = String::from("errcat generate");
    if let Some(c) = &args.catalog.catalog {
        cmd.push_str(&format!(" --catalog {}", shown(c)));
    }
    if let Some(o) = &args.out {
        cmd.push_str(&format!(" --out {}", shown(o)));
    }
    cmd
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}
