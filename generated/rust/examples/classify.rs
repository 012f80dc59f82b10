//! Reference command line: reads a response body on stdin and prints what
//! the library decides about it, as one line of JSON.
//!
//! ```text
//! cargo run -p ayrshare-errors --example classify -- --http-status 429 < response.json
//! ```
//!
//! Exit status: 0 whenever a classification was printed (any body, JSON or
//! not), 2 on a usage error (an argument that is not UTF-8 included).

use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: classify [--http-status N] < response.json";

fn main() -> ExitCode {
    let mut http_status = None;
    // `args_os`: `std::env::args` panics on an argument that is not UTF-8.
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let Some(arg) = arg.to_str() else {
            eprintln!(
                "error: argument `{}` is not valid UTF-8\n{USAGE}",
                arg.to_string_lossy()
            );
            return ExitCode::from(2);
        };
        let value = match arg {
            "--http-status" => args.next().and_then(|v| v.into_string().ok()),
            a if a.starts_with("--http-status=") => a.split_once('=').map(|(_, v)| v.to_string()),
            "-h" | "--help" => {
                // `println!` would panic on a closed standard output.
                let _ = writeln!(std::io::stdout(), "{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("error: unexpected argument `{other}`\n{USAGE}");
                return ExitCode::from(2);
            }
        };
        match value.as_deref().map(str::parse::<u16>) {
            Some(Ok(n)) if (100..=599).contains(&n) => http_status = Some(n),
            _ => {
                eprintln!("error: --http-status needs a status from 100 to 599\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let mut body = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut body) {
        eprintln!("error: cannot read standard input: {e}");
        return ExitCode::from(2);
    }
    let verdict = ayrshare_errors::classify_body(&body, http_status);
    let json = serde_json::to_string(&verdict).unwrap_or_default();
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{json}");
    ExitCode::SUCCESS
}
