//! One invalid catalog per validation rule, in `tests/fixtures/invalid/`,
//! each with a snapshot of its rendered diagnostics.
//!
//! A fixture directory is named after the diagnostic it must produce
//! (`e0306-http-not-listed` must report `E0306`). Inputs that cannot be
//! committed (a missing path, an empty directory, a huge file, a symlink
//! loop, thousands of files) are made in a temporary directory by the tests
//! at the bottom, which check the id and message instead of a snapshot.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use errcat::Failure;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/invalid")
}

/// Every fixture directory, sorted by name.
fn fixtures() -> Vec<(String, PathBuf)> {
    let dir = fixtures_dir();
    let mut out: Vec<(String, PathBuf)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("fixture directory entry").path())
        .filter(|p| p.is_dir())
        .map(|p| {
            let name = p
                .file_name()
                .and_then(|n| n.to_str())
                .expect("fixture names are UTF-8")
                .to_string();
            (name, p)
        })
        .collect();
    out.sort();
    out
}

/// `e0306-http-not-listed` -> `E0306`.
fn expected_id(name: &str) -> String {
    let id = name.split('-').next().unwrap_or_default();
    assert!(
        id.len() == 5 && id.starts_with('e') && id[1..].chars().all(|c| c.is_ascii_digit()),
        "fixture `{name}` must be named `eNNNN-short-name` after the diagnostic it produces"
    );
    id.to_ascii_uppercase()
}

fn compile_err(path: &Path) -> Failure {
    match errcat::compile(path) {
        Ok(_) => panic!("{} compiled, but it is an invalid catalog", path.display()),
        Err(f) => f,
    }
}

/// Every diagnostic with a place in a file shows it as `--> file:line:col`.
fn assert_locations_rendered(name: &str, f: &Failure, rendered: &str) {
    for d in &f.diagnostics {
        let (Some(loc), Some((line, col))) = (&d.loc, d.line_col(&f.sources)) else {
            continue;
        };
        let file = &f.sources.get(loc.file).name;
        let arrow = format!("--> {file}:{line}:{col}");
        assert!(
            rendered.contains(&arrow),
            "{name}: diagnostic {} ({}) has a location but `{arrow}` is not in the output:\n{rendered}",
            d.id,
            d.message
        );
    }
}

fn check_fixture(name: &str, dir: &Path) {
    let f = compile_err(dir);
    let rendered = f.render();
    let id = expected_id(name);
    assert!(
        f.diagnostics.iter().any(|d| d.id == id),
        "{name}: expected a diagnostic {id}, got {:?}:\n{rendered}",
        f.diagnostics.iter().map(|d| d.id).collect::<Vec<_>>()
    );
    assert!(
        rendered.contains(&format!("error[{id}]")),
        "{name}: `error[{id}]` is not in the output:\n{rendered}"
    );
    // A fixture breaks exactly one rule, so a second diagnostic is a
    // follow-on error that should not be there (or a fixture that drifted).
    assert_eq!(
        f.diagnostics.len(),
        1,
        "{name}: expected exactly one diagnostic:\n{rendered}"
    );
    assert_locations_rendered(name, &f, &rendered);
    // Paths are relative to the catalog's parent, so nothing machine-specific
    // may appear in the text.
    let root = fixtures_dir();
    let root = root.to_string_lossy();
    assert!(
        !rendered.contains(root.as_ref()),
        "{name}: output holds an absolute path:\n{rendered}"
    );
    insta::assert_snapshot!(name, rendered);
}

#[test]
fn invalid_fixtures() {
    let all = fixtures();
    assert!(
        all.len() >= 60,
        "expected at least 60 fixtures in {}, found {}",
        fixtures_dir().display(),
        all.len()
    );
    // Run every fixture even when one fails, then report them all: a panic
    // inside `compile` is a failure of that fixture like any other.
    let mut failed = Vec::new();
    for (name, dir) in &all {
        if catch_unwind(AssertUnwindSafe(|| check_fixture(name, dir))).is_err() {
            failed.push(name.clone());
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} fixtures failed (details above): {}",
        failed.len(),
        all.len(),
        failed.join(", ")
    );
}

/// Catalogs that compile with exactly one warning, named after it
/// (`w0201-unused-group` must warn `W0201`).
#[test]
fn warning_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/warnings");
    let mut names: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("fixture directory entry").path())
        .collect();
    names.sort();
    assert!(names.len() >= 2, "no warning fixtures in {}", dir.display());
    for path in names {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("fixture names are UTF-8")
            .to_string();
        let id = name
            .split('-')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let compiled = errcat::compile_with_warnings(&path)
            .unwrap_or_else(|f| panic!("{name} does not compile:\n{}", f.render()));
        let ids: Vec<&str> = compiled.warnings.iter().map(|d| d.id).collect();
        assert_eq!(ids, [id.as_str()], "{name}: the warnings");
        let rendered = compiled.render_warnings();
        assert!(rendered.contains(&format!("warning[{id}]")), "{rendered}");
        assert!(
            !rendered.contains("error"),
            "{name}: a warning is no error:\n{rendered}"
        );
        insta::assert_snapshot!(name, rendered);
    }
}

#[test]
fn valid_fixtures_draw_no_warning() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid");
    for name in ["minimal", "hostile", "strings"] {
        let compiled = errcat::compile_with_warnings(&dir.join(name))
            .unwrap_or_else(|f| panic!("{name} does not compile:\n{}", f.render()));
        assert!(
            compiled.warnings.is_empty(),
            "{name}:\n{}",
            compiled.render_warnings()
        );
    }
}

#[test]
fn every_fixture_holds_a_catalog_toml() {
    for (name, dir) in fixtures() {
        assert!(
            dir.join("catalog.toml").is_file(),
            "{name}: a fixture directory holds its catalog (or its manifest) in `catalog.toml`"
        );
    }
}

// ------------------------------------------------------------ generated inputs

/// A fresh directory under the system temp dir, removed again on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(what: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let p = std::env::temp_dir().join(format!(
            "errcat-diagnostics-{}-{n}-{what}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&p);
        fs::create_dir_all(&p).expect("create temp dir");
        TempDir(p)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// A valid single-file catalog, to sit next to a broken file.
const VALID: &str = r#"
[catalog]
name = "demo"
title = "Demo API"
version = "1.0.0"
docs_url = "https://example.com/errors.html"
rust_crate = "demo-errors"
npm_package = "demo-errors"

[[http_status]]
code = 400
meaning = "Bad Request"

[[platform]]
id = "twitter"
name = "Twitter"
title = "X/Twitter"

[[error]]
code = 101
name = "DuplicatePost"
title = "Duplicate Post"
http = 400
action = "post"
appears_in = ["errors-array"]
retry = { policy = "never" }
relink = "no"
remedy = "fix-request"
description = "The post repeats an earlier one."
advice = "Change the text."
"#;

/// The single diagnostic of a failed compile, checked for its id.
fn only(f: &Failure, id: &str) -> String {
    let rendered = f.render();
    assert!(
        f.diagnostics.iter().all(|d| d.id == id),
        "expected only {id}, got:\n{rendered}"
    );
    assert!(!f.diagnostics.is_empty(), "no diagnostics");
    assert!(
        rendered.contains(&format!("error[{id}]")),
        "`error[{id}]` not in:\n{rendered}"
    );
    assert!(
        rendered.ends_with(&format!(
            "error: the catalog has {} error{}\n",
            f.diagnostics.len(),
            if f.diagnostics.len() == 1 { "" } else { "s" }
        )),
        "no summary line in:\n{rendered}"
    );
    rendered
}

#[test]
fn e0001_missing_path() {
    let tmp = TempDir::new("missing");
    let path = tmp.path().join("no-such-catalog");
    let f = compile_err(&path);
    let rendered = only(&f, "E0001");
    assert_eq!(f.diagnostics.len(), 1);
    assert!(f.diagnostics[0].loc.is_none());
    assert!(
        f.diagnostics[0]
            .message
            .contains("no such file or directory"),
        "{rendered}"
    );
    assert!(rendered.contains("no-such-catalog"), "{rendered}");
    assert!(rendered.contains("--catalog PATH"), "{rendered}");
}

#[test]
fn e0001_missing_single_file() {
    let tmp = TempDir::new("missing-file");
    let f = compile_err(&tmp.path().join("catalog.toml"));
    only(&f, "E0001");
}

#[test]
fn e0002_empty_directory() {
    let tmp = TempDir::new("empty");
    let f = compile_err(tmp.path());
    let rendered = only(&f, "E0002");
    assert_eq!(f.diagnostics.len(), 1);
    assert!(
        f.diagnostics[0].message.contains("holds no `.toml` files"),
        "{rendered}"
    );
}

#[test]
fn e0002_directory_without_toml_files() {
    let tmp = TempDir::new("no-toml");
    fs::write(tmp.path().join("README.md"), "not a catalog\n").unwrap();
    fs::write(tmp.path().join("catalog.toml.bak"), VALID).unwrap();
    let f = compile_err(tmp.path());
    only(&f, "E0002");
}

#[test]
fn e0003_file_too_large() {
    let tmp = TempDir::new("huge");
    fs::write(tmp.path().join("catalog.toml"), VALID).unwrap();
    let huge = tmp.path().join("huge.toml");
    // A sparse file: its length is what counts, and nothing is written.
    let file = fs::File::create(&huge).unwrap();
    file.set_len(errcat::load::MAX_FILE_BYTES + 1).unwrap();
    drop(file);
    let f = compile_err(tmp.path());
    let rendered = only(&f, "E0003");
    assert_eq!(f.diagnostics.len(), 1);
    let msg = &f.diagnostics[0].message;
    assert!(
        msg.contains(&format!("is {} bytes", errcat::load::MAX_FILE_BYTES + 1)),
        "{rendered}"
    );
    assert!(msg.contains("huge.toml"), "{rendered}");
}

#[test]
fn e0003_limit_is_exclusive() {
    // A file of exactly the limit is read: one long comment, so the catalog
    // then fails for lack of a manifest, not for its size.
    let tmp = TempDir::new("at-limit");
    let mut text = "#".repeat(errcat::load::MAX_FILE_BYTES as usize - 1);
    text.push('\n');
    fs::write(tmp.path().join("catalog.toml"), text).unwrap();
    let f = compile_err(tmp.path());
    let ids: Vec<&str> = f.diagnostics.iter().map(|d| d.id).collect();
    assert_eq!(ids, ["E0201"]);
}

#[test]
fn e0004_too_many_files() {
    let tmp = TempDir::new("many");
    for i in 0..=errcat::load::MAX_FILES {
        fs::File::create(tmp.path().join(format!("f{i:05}.toml"))).unwrap();
    }
    let f = compile_err(tmp.path());
    let rendered = only(&f, "E0004");
    assert_eq!(f.diagnostics.len(), 1);
    assert!(
        f.diagnostics[0]
            .message
            .contains(&errcat::load::MAX_FILES.to_string()),
        "{rendered}"
    );
}

#[cfg(unix)]
#[test]
fn e0001_symlink_loop() {
    use std::os::unix::fs::symlink;
    let tmp = TempDir::new("loop");
    fs::write(tmp.path().join("catalog.toml"), VALID).unwrap();
    symlink("b.toml", tmp.path().join("a.toml")).unwrap();
    symlink("a.toml", tmp.path().join("b.toml")).unwrap();
    let f = compile_err(tmp.path());
    let rendered = only(&f, "E0001");
    assert_eq!(f.diagnostics.len(), 2, "one per looping file:\n{rendered}");
    assert!(rendered.contains("a.toml"), "{rendered}");
    assert!(rendered.contains("b.toml"), "{rendered}");
}

#[cfg(unix)]
#[test]
fn e0001_catalog_path_is_a_symlink_loop() {
    use std::os::unix::fs::symlink;
    let tmp = TempDir::new("loop-root");
    symlink("y.toml", tmp.path().join("x.toml")).unwrap();
    symlink("x.toml", tmp.path().join("y.toml")).unwrap();
    let f = compile_err(&tmp.path().join("x.toml"));
    let rendered = only(&f, "E0001");
    assert_eq!(f.diagnostics.len(), 1, "{rendered}");
}

#[cfg(unix)]
#[test]
fn e0001_dangling_symlink() {
    use std::os::unix::fs::symlink;
    let tmp = TempDir::new("dangling");
    fs::write(tmp.path().join("catalog.toml"), VALID).unwrap();
    symlink("gone.toml", tmp.path().join("topic.toml")).unwrap();
    let f = compile_err(tmp.path());
    let rendered = only(&f, "E0001");
    assert!(rendered.contains("topic.toml"), "{rendered}");
    assert!(rendered.contains("no such file or directory"), "{rendered}");
}

#[test]
fn valid_base_catalog_compiles() {
    // The generated-input tests rely on VALID being valid on its own.
    let tmp = TempDir::new("valid");
    fs::write(tmp.path().join("catalog.toml"), VALID).unwrap();
    if let Err(f) = errcat::compile(tmp.path()) {
        panic!("{}", f.render());
    }
}
