//! The `errcat` command line. Everything it does lives in the library; this
//! file only maps arguments and results onto exit codes.

use std::process::ExitCode;

use clap::Parser;

// Generating allocates millions of small, short-lived strings and syntax
// nodes; mimalloc serves them in well under the time of the system
// allocator (figures in docs/performance.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = errcat::cli::Cli::parse();
    errcat::cli::run(cli)
}
