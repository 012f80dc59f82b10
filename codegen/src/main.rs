//! The `errcat` command line. Everything it does lives in the library; this
//! file only maps arguments and results onto exit codes.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = errcat::cli::Cli::parse();
    errcat::cli::run(cli)
}
