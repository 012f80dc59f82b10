//! The command line's shape: arguments and their help, nothing else. The
//! `errcat` binary parses them and calls [`crate::commands`].

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "errcat",
    version,
    about = "Compile an API error catalog into code and docs",
    after_help = "Exit codes: 0 success; 1 the catalog or the generated files have a problem; \
2 the command line is wrong. `diff` also exits 3, 4 or 5 by the semver level of the changes."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scaffold a project: a starter catalog when there is none, and the
    /// hand-owned files of every package (manifests, entry points,
    /// READMEs). Never overwrites a file.
    Init(InitArgs),
    /// Check the catalog and report every problem.
    Validate(CatalogArg),
    /// Print the validated catalog as JSON (the export format).
    Export(CatalogArg),
    /// Write every generated file (Rust, TypeScript, JSON Schema, Markdown).
    Generate(OutArgs),
    /// Fail if any generated file is missing, stale or left over, or a
    /// package manifest disagrees with the catalog.
    Check(OutArgs),
    /// Print everything the catalog says about one code.
    Explain(ExplainArgs),
    /// Compare two versions of the catalog and classify every change as
    /// major, minor or patch.
    Diff(DiffArgs),
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The project directory [default: the current directory]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// An existing catalog to scaffold packages for, instead of `DIR/catalog`
    /// (which is written as a starter catalog when missing)
    #[arg(long, value_name = "PATH")]
    pub catalog: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The error code, such as 435 or 23505.
    pub code: String,
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

#[derive(Debug, clap::Args)]
pub struct CatalogArg {
    /// Catalog directory or single catalog file [default: `catalog/` of the
    /// current directory or the nearest parent that has one]
    #[arg(long, value_name = "PATH")]
    pub catalog: Option<PathBuf>,
}

/// Output format of `errcat diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per change, then the semver level.
    Text,
    /// One JSON object with every change and evolution error.
    Json,
    /// Release notes: a section per kind of change, each naming its code,
    /// linking its page and saying what a consumer must do.
    Markdown,
}

/// Arguments of `errcat diff`.
#[derive(Debug, clap::Args)]
#[command(
    group(clap::ArgGroup::new("input").required(true).args(["old", "from_rev"])),
    after_help = "Exit codes: 0 no change, 3 patch, 4 minor, 5 major (the highest level of any change); \
1 a catalog cannot be loaded, a git revision cannot be read, or a change breaks catalog evolution \
(a code removed instead of retired, a retired code reused); 2 usage."
)]
pub struct DiffArgs {
    /// The old catalog: a directory or a single file.
    #[arg(value_name = "OLD", requires = "new")]
    pub old: Option<PathBuf>,
    /// The new catalog: a directory or a single file.
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,
    /// Read the old catalog from this git revision (the catalog's path in the
    /// repository is that of `--catalog`)
    #[arg(long, value_name = "REV", conflicts_with_all = ["old", "new"])]
    pub from_rev: Option<String>,
    /// Read the new catalog from this git revision [default: the working
    /// tree]
    #[arg(long, value_name = "REV", requires = "from_rev")]
    pub to_rev: Option<String>,
    /// With `--from-rev`: the catalog directory or file [default: `catalog/`
    /// of the current directory or the nearest parent that has one]
    #[arg(long, value_name = "PATH", requires = "from_rev")]
    pub catalog: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}
