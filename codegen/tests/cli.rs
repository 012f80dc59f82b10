//! The `errcat` binary: exit codes, which stream gets what, and the shape of
//! `export`.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

mod common;
use common::{assert_exit, path_arg, repo, text};

fn shipped_catalog() -> PathBuf {
    repo().join("catalog")
}

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures/invalid").join(name)
}

/// Outside the repository, so no `catalog/` is found by accident.
fn errcat(args: &[&str]) -> Output {
    common::errcat_in(&std::env::temp_dir(), args)
}

#[test]
fn validate_shipped_catalog_succeeds() {
    let out = errcat(&["validate", "--catalog", path_arg(&shipped_catalog())]);
    assert_exit(&out, 0);
    assert!(out.stdout.is_empty(), "validate prints nothing on stdout");
    let err = text(&out.stderr);
    assert!(err.contains("valid"), "{err}");
}

#[test]
fn validate_invalid_fixture_fails_with_diagnostics_on_stderr() {
    let out = errcat(&[
        "validate",
        "--catalog",
        path_arg(&fixture("e0306-http-not-listed")),
    ]);
    assert_exit(&out, 1);
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout, got:\n{}",
        text(&out.stdout)
    );
    let err = text(&out.stderr);
    assert!(err.contains("error[E0306]"), "{err}");
    assert!(
        err.contains("--> e0306-http-not-listed/catalog.toml:46:8"),
        "{err}"
    );
    assert!(err.contains("error: the catalog has 1 error"), "{err}");
    assert!(!err.contains('\u{1b}'), "no colour with NO_COLOR:\n{err}");
}

#[test]
fn validate_stderr_matches_library_rendering() {
    let dir = fixture("e0202-two-manifests");
    let out = errcat(&["validate", "--catalog", path_arg(&dir)]);
    assert_exit(&out, 1);
    let lib = errcat::compile(&dir)
        .expect_err("fixture is invalid")
        .render();
    assert_eq!(text(&out.stderr), lib);
}

#[test]
fn export_invalid_fixture_fails_without_output() {
    let out = errcat(&[
        "export",
        "--catalog",
        path_arg(&fixture("e0301-code-twice")),
    ]);
    assert_exit(&out, 1);
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("error[E0301]"));
}

#[test]
fn validate_missing_catalog_is_e0001() {
    let missing =
        std::env::temp_dir().join(format!("errcat-cli-{}-no-such-catalog", std::process::id()));
    let out = errcat(&["validate", "--catalog", path_arg(&missing)]);
    assert_exit(&out, 1);
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("error[E0001]"), "{err}");
    assert!(err.contains("no such file or directory"), "{err}");
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let out = errcat(&["frobnicate"]);
    assert_exit(&out, 2);
    assert!(out.stdout.is_empty());
    assert!(!out.stderr.is_empty());
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let out = errcat(&["validate", "--catalgo", path_arg(&shipped_catalog())]);
    assert_exit(&out, 2);
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("--catalgo"));
}

#[test]
fn no_subcommand_is_a_usage_error() {
    let out = errcat(&[]);
    assert_exit(&out, 2);
    assert!(out.stdout.is_empty());
}

#[test]
fn export_prints_the_catalog_as_json() {
    let out = errcat(&["export", "--catalog", path_arg(&shipped_catalog())]);
    assert_exit(&out, 0);
    let stdout = text(&out.stdout);
    let doc: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("export is not JSON: {e}\n{stdout}"));
    assert!(stdout.ends_with('\n'));
    assert_eq!(doc["catalog"]["name"], "ayrshare");

    let codes = doc["codes"].as_array().expect("`codes` is an array");
    assert!(!codes.is_empty());
    let numbers: Vec<u64> = codes
        .iter()
        .map(|c| c["code"].as_u64().expect("`code` is a number"))
        .collect();
    let mut sorted = numbers.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(numbers, sorted, "codes are sorted by code, each once");

    const KEYS: [&str; 13] = [
        "code",
        "name",
        "title",
        "http_status",
        "action",
        "platforms",
        "severity",
        "retryable",
        "retry",
        "relink",
        "subcodes",
        "superseded_by",
        "examples",
    ];
    for c in codes {
        let obj = c.as_object().expect("each code is an object");
        for key in KEYS {
            assert!(
                obj.contains_key(key),
                "code {} has no `{key}` in the export",
                c["code"]
            );
        }
        assert!(c["name"].is_string() && c["title"].is_string());
        assert!(c["http_status"].is_u64() || c["http_status"].is_null());
        assert!(c["platforms"].is_array());
        assert!(c["retryable"].is_boolean());
        assert!(c["relink"].is_boolean());
        assert!(c["retry"]["policy"].is_string());
        assert!(c["subcodes"].is_array());
        assert!(c["superseded_by"].is_array());
        assert!(c["examples"].is_array());
        assert!(
            c["severity"] == "error" || c["severity"] == "warning",
            "{}",
            c["severity"]
        );
    }
}

#[test]
fn export_matches_the_library() {
    let out = errcat(&["export", "--catalog", path_arg(&shipped_catalog())]);
    assert_exit(&out, 0);
    let catalog = errcat::compile(&shipped_catalog()).unwrap_or_else(|f| panic!("{}", f.render()));
    assert_eq!(text(&out.stdout), errcat::export::export_string(&catalog));
}

#[test]
fn explain_prints_the_whole_entry() {
    let out = errcat(&["explain", "435", "--catalog", path_arg(&shipped_catalog())]);
    assert_exit(&out, 0);
    let s = text(&out.stdout);
    for needle in [
        "435 InstagramRateLimit",
        "HTTP status  429 Too Many Requests",
        "platforms    instagram",
        "after the delay in `details`",
        "Instagram rate limit reached. Please wait before retrying your post.",
        "meta 1390008",
        "replaces 138",
        "Reference: https://errcat.github.io/ayrshare-errors/codes/435.html",
    ] {
        assert!(s.contains(needle), "missing {needle:?} in:\n{s}");
    }
}

#[test]
fn explain_unknown_code_suggests_the_nearest() {
    let out = errcat(&["explain", "453", "--catalog", path_arg(&shipped_catalog())]);
    assert_exit(&out, 0);
    let out = errcat(&["explain", "345", "--catalog", path_arg(&shipped_catalog())]);
    assert_exit(&out, 1);
    let s = text(&out.stderr);
    assert!(s.contains("345 is not a code"), "{s}");
    // A swapped-digit look-alike comes first.
    let first = s.lines().find(|l| l.starts_with("  ")).unwrap_or_default();
    assert!(first.contains("435 InstagramRateLimit"), "{s}");
    // Not a code of an integer catalog at all: said as such.
    let bad = errcat(&["explain", "abc", "--catalog", path_arg(&shipped_catalog())]);
    assert_exit(&bad, 1);
    let s = text(&bad.stderr);
    assert!(
        s.contains("`abc` is not a code of the Ayrshare catalog: its codes are numbers"),
        "{s}"
    );
}

/// Every command that prints to standard output, with arguments that make
/// it print.
fn printing_commands() -> Vec<Vec<String>> {
    let c = path_arg(&shipped_catalog()).to_string();
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect();
    vec![
        args(&["export", "--catalog", &c]),
        args(&["explain", "435", "--catalog", &c]),
        args(&["diff", &c, &c]),
        args(&["diff", "--format", "json", &c, &c]),
    ]
}

fn errcat_to(args: &[String], stdout: Stdio) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_errcat"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .current_dir(std::env::temp_dir())
        .stdout(stdout)
        .stderr(Stdio::piped());
    cmd
}

/// `errcat export > /dev/full`: the output is lost, so the command fails.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_to_stdout_is_exit_1_with_a_message() {
    for args in printing_commands() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("opens /dev/full");
        let out = errcat_to(&args, Stdio::from(full))
            .output()
            .expect("runs errcat");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}\n{}",
            text(&out.stderr)
        );
        let err = text(&out.stderr);
        assert!(
            err.contains("error: cannot write to standard output"),
            "{args:?}: {err}"
        );
    }
}

/// `errcat export | head -c 10`: the reader left before errcat wrote a
/// byte (its end of the pipe is closed at once), and that is no error.
#[test]
fn a_closed_pipe_on_stdout_ends_quietly() {
    for args in printing_commands() {
        let mut child = errcat_to(&args, Stdio::piped())
            .spawn()
            .expect("runs errcat");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("waits for errcat");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}\n{}",
            text(&out.stderr)
        );
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
    }
}
