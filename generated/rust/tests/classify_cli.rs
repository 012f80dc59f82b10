//! The reference command line, `examples/classify.rs`, run as a program:
//! it prints the library's verdict, and bad arguments are usage errors,
//! never a panic. Its parity with the TypeScript one is in `parity.rs`.

use std::ffi::OsString;
use std::io::Write;
use std::process::{Command, Output, Stdio};

use ayrshare_errors::classify_body;

mod common;
use common::classify_example;

fn run(args: &[OsString], stdin: &[u8]) -> Output {
    let mut child = Command::new(classify_example())
        .args(args)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs the example");
    let mut input = child.stdin.take().expect("stdin");
    // The example may exit before it reads anything.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().expect("waits for the example")
}

fn show(out: &Output) -> String {
    format!(
        "--- status {}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn prints_the_library_verdict() {
    let body = br#"{"status":"error","errors":[{"code":435,"details":"Retry-After: 60"}]}"#;
    let out = run(&["--http-status".into(), "429".into()], body);
    let expected = serde_json::to_string(&classify_body(body, Some(429))).expect("encodes");
    assert!(out.status.success(), "{}", show(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{expected}\n")
    );
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_a_usage_error() {
    use std::os::unix::ffi::OsStringExt;
    let bad = |bytes: &[u8]| OsString::from_vec(bytes.to_vec());
    for (args, says) in [
        (vec![bad(b"--http-status=4\xff9")], "is not valid UTF-8"),
        (vec![bad(b"\xff")], "is not valid UTF-8"),
        (
            vec!["--http-status".into(), bad(b"4\xff9")],
            "--http-status needs a status from 100 to 599",
        ),
    ] {
        let out = run(&args, b"{}");
        assert_eq!(out.status.code(), Some(2), "{args:?}\n{}", show(&out));
        assert!(out.stdout.is_empty(), "{args:?}\n{}", show(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}\n{}", show(&out));
        assert!(err.contains("usage: classify"), "{args:?}\n{}", show(&out));
    }
}
