//! Helpers shared by the integration tests that run the `errcat` binary and
//! compare whole output trees.

#![allow(dead_code)] // each test crate uses its own subset

pub mod body_reader;
pub mod export_facts;
pub mod markdown;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ has a parent")
        .to_path_buf()
}

/// A fresh, empty directory under the system temp dir, unique per call.
pub fn temp_dir(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("errcat-test-{name}-{}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Run the built `errcat` binary, with backtraces on so a panic shows.
pub fn errcat(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("runs errcat")
}

/// Every file under `dir` with its bytes, sorted by path; a missing
/// directory is empty.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

/// Run the built `errcat` binary in `dir`, with plain-text output whatever
/// the environment says.
pub fn errcat_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errcat"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "1")
        .current_dir(dir)
        .output()
        .expect("runs errcat")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A process's output, for assertion messages.
pub fn show(out: &Output) -> String {
    format!(
        "--- stdout\n{}\n--- stderr\n{}",
        text(&out.stdout),
        text(&out.stderr)
    )
}

#[track_caller]
pub fn assert_exit(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "expected exit {code}\n{}",
        show(out)
    );
}

pub fn path_arg(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// What installs the pinned TypeScript compiler.
pub const TS_SETUP: &str = "npm ci --prefix generated/ts";

/// The compiler the package pins, run with `node`. Panics, naming the
/// setup command, when either is missing.
pub fn tsc() -> PathBuf {
    match Command::new("node").arg("--version").output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!(
            "`node --version` failed; install Node.js, then run `{TS_SETUP}`\n{}",
            show(&out)
        ),
        Err(e) => panic!(
            "`node` is not on PATH ({e}); install Node.js, then run `{TS_SETUP}` \
             so these tests can type-check the TypeScript package"
        ),
    }
    let ts = repo().join("generated/ts/node_modules/typescript");
    let tsc = ts.join("bin/tsc");
    assert!(
        tsc.is_file(),
        "{} is missing: run `{TS_SETUP}` (from the repository root) first",
        tsc.display()
    );
    let manifest = fs::read_to_string(ts.join("package.json")).expect("typescript's package.json");
    let manifest: serde_json::Value =
        serde_json::from_str(&manifest).expect("typescript's package.json is JSON");
    assert_eq!(
        manifest["version"].as_str(),
        Some(errcat::emit::typescript::TYPESCRIPT_VERSION),
        "generated/ts/node_modules holds another TypeScript than the pinned one: run `{TS_SETUP}`"
    );
    tsc
}
