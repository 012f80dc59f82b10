//! The Python packages: each type-checks with `mypy --strict` for Python
//! 3.10 (Ayrshare's, a string-code fixture's, the hostile and minimal
//! fixtures', every catalog under `examples/`, and one built to sit on the
//! line-width boundaries), Ayrshare's with its hand-written runtime and the
//! runtime's tests; the hand-written Python and the generated modules pass
//! `ruff check` and `ruff format --check`; pytest holds the metadata to the
//! export (`tests/python`) and Ayrshare's runtime to docs/classification.md
//! (`generated/python/tests`: the rules, bad input, the command line); a
//! wheel built with hatchling installs into a fresh virtual environment and
//! works there, Ayrshare's command line included; literals and docstrings
//! read back in Python as the text they were made from.
//!
//! A catalog's package is made as a user makes it: `errcat init` (the
//! scaffold), then `errcat generate`, with the built binary.
//!
//! These tests run the real tools from the virtual environment
//! `scripts/test.sh` creates (`.venv`, or the interpreter `$ERRCAT_PYTHON`
//! names), at the versions `scripts/python-requirements.txt` pins. Without
//! it they fail, saying how to make it; they never skip.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use errcat::emit::python::{docstring, py_literal};

mod common;
use common::{errcat, repo, show, temp_dir, text};

/// How to make the virtual environment these tests need.
const SETUP: &str = "bash scripts/test.sh, or from the repository root: \
    python3 -m venv .venv && .venv/bin/python -m pip install --require-hashes \
    --only-binary=:all: -r scripts/python-requirements.txt";

/// The interpreter of the tests' virtual environment, checked once: it
/// runs, and has the pinned tools.
fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let path = std::env::var_os("ERRCAT_PYTHON")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo().join(".venv/bin/python"));
        assert!(
            path.is_file(),
            "no Python for the Python package tests at {}: make the virtual environment with `{SETUP}` \
             (or point ERRCAT_PYTHON at an interpreter that has the pinned tools)",
            path.display()
        );
        let pins = std::fs::read_to_string(repo().join("scripts/python-requirements.txt"))
            .expect("read scripts/python-requirements.txt");
        let tools = ["mypy", "ruff", "pytest", "build", "hatchling"];
        let script = format!(
            "import importlib.metadata as m\nfor p in {tools:?}: print(p + '==' + m.version(p))"
        );
        let out = Command::new(&path)
            .args(["-c", &script])
            .output()
            .unwrap_or_else(|e| panic!("cannot run {} ({e}); run `{SETUP}`", path.display()));
        assert!(
            out.status.success(),
            "{} lacks the pinned tools; run `{SETUP}`\n{}",
            path.display(),
            show(&out)
        );
        for line in text(&out.stdout).lines() {
            assert!(
                pins.lines().any(|p| p.trim_end_matches([' ', '\\']) == line),
                "{} has {line}, not the version scripts/python-requirements.txt pins; run `{SETUP}`",
                path.display()
            );
        }
        path
    })
}

/// A command of the tests' Python, which writes no bytecode (a
/// `__pycache__` in a generated directory would be an extra file to
/// `errcat check`) and reads nothing from the caller's environment.
fn py(python: &Path) -> Command {
    let mut c = Command::new(python);
    c.env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONNOUSERSITE", "1")
        .env_remove("PYTHONPATH")
        .env_remove("PYTHONHOME");
    c
}

fn run(mut c: Command, what: &str) -> Output {
    let out = c
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run ({e})"));
    assert!(out.status.success(), "{what} failed\n{}", show(&out));
    out
}

/// The Python package of `catalog`, made in a fresh directory by
/// `errcat init` and `errcat generate`: its root (`.../generated/python`).
fn package(catalog: &Path, label: &str) -> PathBuf {
    let dir = temp_dir(&format!("py-{label}"));
    let cat = catalog.to_str().expect("UTF-8 path");
    let out_dir = dir.to_str().expect("UTF-8 path");
    for args in [
        vec!["init", "--catalog", cat, out_dir],
        vec!["generate", "--catalog", cat, "--out", out_dir],
    ] {
        let out = errcat(&args);
        assert!(out.status.success(), "errcat {args:?}\n{}", show(&out));
    }
    dir.join("generated/python")
}

/// The Python package of `catalog` written by the library alone (the
/// scaffold and the Python emitter), for a catalog whose string codes the
/// Rust emitter's perfect hash does not place (`code-40` to `code-54` is
/// such a set).
fn python_only_package(catalog: &Path) -> PathBuf {
    let c = errcat::compile(catalog).unwrap_or_else(|f| panic!("{}", f.render()));
    let root = temp_dir("py-widths").join("generated/python");
    let files = errcat::emit::python::scaffold(&c)
        .into_iter()
        .chain(errcat::emit::python::emit(&c).expect("emit Python"));
    for f in files {
        let path = root.join(&f.path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, f.contents).expect("write");
    }
    root
}

fn fixture(name: &str) -> PathBuf {
    repo()
        .join("tests/fixtures/valid")
        .join(name)
        .join("catalog.toml")
}

/// Every catalog under `examples/`.
fn examples() -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(repo().join("examples"))
        .expect("examples/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("catalog").is_dir())
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, p.join("catalog"))
        })
        .collect();
    out.sort();
    assert!(out.len() >= 2, "examples: {out:?}");
    out
}

/// A string-code catalog whose texts have every length around the line
/// width, so that each way the module lays a line out (one line, the
/// value alone in parentheses, a call's arguments on a line of their own,
/// one item a line) is met on both sides of 88 columns.
fn widths_catalog() -> PathBuf {
    let dir = temp_dir("py-widths-catalog");
    let mut toml = String::from("[catalog]\nname = \"widths\"\ntitle = \"");
    toml.push_str(&"T".repeat(70));
    toml.push_str(
        "\"\ndocs_url = \"https://example.com/a-long-path-that-makes-the-line-longer/errors\"\n\n\
         [catalog.envelope]\nerrors = [\"errors[]\"]\n\n\
         [[platform]]\nid = \"web\"\nname = \"Web\"\ntitle = \"",
    );
    toml.push_str(&"P".repeat(75));
    toml.push_str("\"\n\n[[group]]\nid = \"g\"\ntitle = \"G\"\n");
    for n in 40..=100usize {
        let name = format!("Width{n}{}", "X".repeat(n % 17).to_lowercase());
        let code = format!("c{n}-{}", "k".repeat((n * 7) % 60));
        let retry = match n % 4 {
            0 => format!(
                "{{ policy = \"after-delay\", delay_field = \"{}\", delay_format = \"{} {{seconds}}\" }}",
                "f".repeat(n / 4 - 5),
                "w".repeat(n / 5 - 4)
            ),
            1 => format!(
                "{{ policy = \"after-event\", event = \"{}\" }}",
                "e".repeat(n)
            ),
            2 => "{ policy = \"backoff\", min_delay_secs = 3 }".to_string(),
            _ => "{ policy = \"never\" }".to_string(),
        };
        let messages = if n % 3 == 0 {
            format!("[\"{}\"]", "m".repeat(n - 20))
        } else {
            format!("[\"{}\", \"{}\"]", "a".repeat(n / 2), "b".repeat(n / 3))
        };
        toml.push_str(&format!(
            "\n[[error]]\ncode = \"{code}\"\nname = \"{name}\"\ntitle = \"{title}\"\n\
             group = \"g\"\nplatforms = [\"web\"]\nretry = {retry}\nmessages = {messages}\n\
             advice = \"{advice}\"\n",
            title = "t".repeat(n - 25),
            advice = "v".repeat(n),
        ));
    }
    // A member too long for its line: the code goes in parentheses.
    toml.push_str(&format!(
        "\n[[error]]\ncode = \"{}\"\nname = \"WidthLongNameForTheEnumMember\"\ntitle = \"t\"\n",
        "z".repeat(60)
    ));
    let path = dir.join("catalog.toml");
    std::fs::write(&path, toml).expect("write the widths catalog");
    path
}

/// Removes the packages earlier runs of these tests made: they are shared
/// by the tests of one run, so none of them can remove them at its end.
/// A directory is an earlier run's when the process its name carries has
/// exited (Linux; elsewhere they stay).
fn remove_stale_packages() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix("errcat-test-py-") else {
            continue;
        };
        // `{label}-{pid}-{n}`.
        let pid = rest.rsplit('-').nth(1).and_then(|p| p.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && Path::new("/proc/self").exists()
            && !Path::new("/proc").join(pid.to_string()).exists()
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Every package the checks cover, by label: Ayrshare's checked-in one and
/// the ones made here (made once per test binary).
fn packages() -> &'static [(String, PathBuf)] {
    static PACKAGES: OnceLock<Vec<(String, PathBuf)>> = OnceLock::new();
    PACKAGES.get_or_init(|| {
        remove_stale_packages();
        let mut out = vec![("ayrshare".to_string(), repo().join("generated/python"))];
        for name in ["strings", "hostile", "minimal"] {
            out.push((name.to_string(), package(&fixture(name), name)));
        }
        for (name, catalog) in examples() {
            out.push((format!("example {name}"), package(&catalog, &name)));
        }
        out.push(("widths".to_string(), python_only_package(&widths_catalog())));
        out
    })
}

fn mypy(python: &Path, cwd: &Path, args: &[&str], mypy_path: Option<&Path>, what: &str) {
    let cache = temp_dir("mypy-cache");
    let mut c = py(python);
    c.args([
        "-m",
        "mypy",
        "--strict",
        "--python-version",
        "3.10",
        "--cache-dir",
    ])
    .arg(&cache)
    .args(args)
    .current_dir(cwd);
    if let Some(p) = mypy_path {
        c.env("MYPYPATH", p);
    }
    run(c, &format!("mypy --strict on {what}"));
    let _ = std::fs::remove_dir_all(cache);
}

#[test]
fn every_package_passes_mypy_strict() {
    let python = python();
    for (label, root) in packages() {
        // Ayrshare's package has its runtime's tests beside it.
        let dirs: &[&str] = if label == "ayrshare" {
            &["src", "tests"]
        } else {
            &["src"]
        };
        mypy(python, root, dirs, None, &format!("the {label} package"));
    }
    mypy(
        python,
        &repo(),
        &["scripts/bench-python-classify.py"],
        Some(&repo().join("generated/python/src")),
        "the classification bench",
    );
}

/// Code written against the integer and string packages: types that must
/// hold, and `# type: ignore[...]` lines that must stay errors (strict mode
/// reports an ignore that is no longer needed).
const INTEGER_CLIENT: &str = r#"
from ayrshare_errors import (
    ERRORS,
    BodyError,
    Classification,
    Code,
    ErrorCode,
    ErrorInfo,
    Platform,
    Remedy,
    Response,
    RetryAfterDelay,
    RetryPolicy,
    Severity,
    Verdict,
    classify,
    error_info,
    parse_response,
    to_code,
)


def narrow(c: Code) -> ErrorCode | None:
    return c.code if c.known else None


info: ErrorInfo = ERRORS[ErrorCode.InstagramRateLimit]
status: int | None = info.http_status
severity: Severity = info.severity
platforms: tuple[Platform, ...] = info.platforms
policy: RetryPolicy = info.retry
delay = policy.parse_delay("Retry-After: 5") if isinstance(policy, RetryAfterDelay) else None
seconds: int | None = delay
retryable: bool = info.retryable()
maybe: ErrorInfo | None = error_info(435)
unknown: int = to_code(999).code
plain_status: int = info.http_status  # type: ignore[assignment]
to_code("435")  # type: ignore[arg-type]
info.title = "x"  # type: ignore[misc]
ERRORS[ErrorCode.InstagramRateLimit] = info  # type: ignore[index]
info.group  # type: ignore[attr-defined]

c: Classification = classify(b'{"errors":[{"code":435}]}', 429)
verdicts: tuple[Verdict, ...] = c.errors + c.warnings
remedy: Remedy = verdicts[0].remedy
after: int | None = verdicts[0].retry_after_secs
text: str = c.to_json()
parsed: Response | BodyError = parse_response("{}")
if isinstance(parsed, Response):
    top: str | None = parsed.status
    codes: list[int | None] = [e.code for e in parsed.errors()]
classify("{}", "429")  # type: ignore[arg-type]
c.ok = True  # type: ignore[misc]
name: str = verdicts[0].name  # type: ignore[assignment]
"#;

const STRING_CLIENT: &str = r#"
from shop_errors import ERRORS, Code, ErrorCode, Group, GroupInfo, group_info, to_code


def narrow(c: Code) -> ErrorCode | None:
    return c.code if c.known else None


unknown: str = to_code("ZZ999").code
status: int | None = ERRORS[ErrorCode.CardDeclined].http_status
group: Group | None = ERRORS[ErrorCode.CardDeclined].group
retryable: bool | None = ERRORS[ErrorCode.RateLimited].retryable()
found: GroupInfo | None = group_info("payment")
to_code(23505)  # type: ignore[arg-type]
plain: int = ERRORS[ErrorCode.CardDeclined].http_status  # type: ignore[assignment]
ERRORS[ErrorCode.CardDeclined].relink  # type: ignore[attr-defined]
ERRORS[ErrorCode.CardDeclined].docs_url  # type: ignore[attr-defined]
sure: bool = ERRORS[ErrorCode.RateLimited].retryable()  # type: ignore[assignment]
"#;

#[test]
fn code_using_the_packages_type_checks() {
    let python = python();
    let strings = &packages()
        .iter()
        .find(|(l, _)| l == "strings")
        .expect("strings")
        .1;
    for (label, src, client) in [
        (
            "integer",
            repo().join("generated/python/src"),
            INTEGER_CLIENT,
        ),
        ("string", strings.join("src"), STRING_CLIENT),
    ] {
        let dir = temp_dir(&format!("py-client-{label}"));
        std::fs::write(dir.join("client.py"), client).expect("write the client");
        mypy(
            python,
            &dir,
            &["client.py"],
            Some(&src),
            &format!("code using the {label} package"),
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}

fn ruff(python: &Path, args: &[&str], paths: &[PathBuf], what: &str) {
    let mut c = py(python);
    c.args(["-m", "ruff"])
        .args(args)
        .arg("--no-cache")
        .args(paths)
        .current_dir(repo());
    run(c, &format!("ruff {} on {what}", args.join(" ")));
}

#[test]
fn ruff_passes_the_hand_written_and_generated_python() {
    let python = python();
    // The tests, Ayrshare's package (its scaffolded files and module) and
    // the classification bench, with their own settings (tests/python/ruff.toml, ruff's defaults).
    let ours = vec![
        repo().join("tests/python"),
        repo().join("generated/python"),
        repo().join("scripts/bench-python-classify.py"),
    ];
    ruff(python, &["check"], &ours, "the repository's Python");
    ruff(
        python,
        &["format", "--check"],
        &ours,
        "the repository's Python",
    );
    // Every other package, scaffold and module, for Python 3.10.
    let made: Vec<PathBuf> = packages()
        .iter()
        .filter(|(l, _)| l != "ayrshare")
        .map(|(_, p)| p.clone())
        .collect();
    let py310 = ["--target-version", "py310"];
    ruff(
        python,
        &[&["check"][..], &py310].concat(),
        &made,
        "the made packages",
    );
    ruff(
        python,
        &[&["format", "--check"][..], &py310].concat(),
        &made,
        "the made packages",
    );
}

#[test]
fn pytest_holds_the_packages_to_their_exports() {
    let python = python();
    let mut c = py(python);
    c.args([
        "-m",
        "pytest",
        "tests/python",
        "-p",
        "no:cacheprovider",
        "-q",
    ])
    .args(["-W", "error"])
    .env("ERRCAT_BIN", env!("CARGO_BIN_EXE_errcat"))
    .current_dir(repo());
    let out = run(c, "pytest tests/python");
    let stdout = text(&out.stdout);
    let summary = stdout.lines().last().unwrap_or("");
    let passed: usize = summary
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        passed >= 20 && summary.contains(" passed") && !summary.contains("skipped"),
        "pytest ran {passed} tests: {summary}\n{}",
        show(&out)
    );
    // Importing Ayrshare's package left nothing in the generated directory.
    let generated = repo().join("generated/python/src/ayrshare_errors/_generated");
    let names: Vec<String> = std::fs::read_dir(&generated)
        .expect("the generated directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["__init__.py"], "{}", generated.display());
}

/// pytest runs the tests of Ayrshare's hand-written runtime
/// (`generated/python/tests`, configured by the package's pyproject.toml):
/// the classification rules, bad input, the response model and the command
/// line, on the package in `generated/python/src`.
#[test]
fn pytest_holds_the_ayrshare_runtime_to_its_rules() {
    let python = python();
    let mut c = py(python);
    c.args([
        "-m",
        "pytest",
        "generated/python/tests",
        "-p",
        "no:cacheprovider",
        "-q",
    ])
    .args(["-W", "error"])
    .current_dir(repo());
    let out = run(c, "pytest generated/python/tests");
    let stdout = text(&out.stdout);
    let summary = stdout.lines().last().unwrap_or("");
    let passed: usize = summary
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        passed >= 150 && summary.contains(" passed") && !summary.contains("skipped"),
        "pytest ran {passed} tests: {summary}\n{}",
        show(&out)
    );
    let generated = repo().join("generated/python/src/ayrshare_errors/_generated");
    let names: Vec<String> = std::fs::read_dir(&generated)
        .expect("the generated directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["__init__.py"], "{}", generated.display());
}

/// Copies a package's files (not what building or running left) to `to`.
fn copy_package(from: &Path, to: &Path) {
    for (path, bytes) in common::snapshot(from) {
        let rel = path.strip_prefix(from).expect("under the package");
        if rel
            .components()
            .any(|c| matches!(c.as_os_str().to_str(), Some("dist" | "__pycache__")))
        {
            continue;
        }
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().expect("a parent")).expect("mkdir");
        std::fs::write(dest, bytes).expect("copy");
    }
}

/// `python -m build` (hatchling, the pinned one: no build isolation) makes
/// an sdist and a wheel of the package as scaffolded; the wheel installs
/// into a fresh virtual environment with nothing else, and works there.
#[test]
fn built_wheels_install_and_work_in_a_fresh_environment() {
    let python = python();
    let strings = packages()
        .iter()
        .find(|(l, _)| l == "strings")
        .expect("strings")
        .1
        .clone();
    for (label, root, dist, module, version, known, name, unknown) in [
        (
            "ayrshare",
            repo().join("generated/python"),
            "ayrshare-errors",
            "ayrshare_errors",
            "0.1.0",
            "435",
            "InstagramRateLimit",
            "999",
        ),
        (
            "strings",
            strings,
            "shop-errors",
            "shop_errors",
            "2.1.0",
            "'23505'",
            "DuplicateOrder",
            "'ZZ999'",
        ),
    ] {
        let dir = temp_dir(&format!("py-wheel-{label}"));
        let pkg = dir.join("pkg");
        copy_package(&root, &pkg);
        let mut build = py(python);
        build
            .args(["-m", "build", "--no-isolation", "--outdir"])
            .arg(dir.join("dist"))
            .arg(&pkg);
        run(build, &format!("python -m build for {label}"));
        let built: Vec<PathBuf> = std::fs::read_dir(dir.join("dist"))
            .expect("dist/")
            .map(|e| e.expect("entry").path())
            .collect();
        let wheel = built
            .iter()
            .find(|p| p.extension().is_some_and(|x| x == "whl"))
            .unwrap_or_else(|| panic!("no wheel for {label}: {built:?}"));
        assert!(
            built
                .iter()
                .any(|p| p.to_string_lossy().ends_with(".tar.gz")),
            "no sdist for {label}: {built:?}"
        );
        let fresh = dir.join("fresh");
        let mut venv = py(python);
        venv.args(["-m", "venv", "--without-pip"]).arg(&fresh);
        run(venv, "python -m venv");
        let fresh_python = fresh.join("bin/python");
        let mut install = py(python);
        install
            .args(["-m", "pip", "--python"])
            .arg(&fresh_python)
            .args(["install", "--quiet", "--no-index", "--no-deps"])
            .arg(wheel);
        run(install, &format!("pip install of the {label} wheel"));
        let check = format!(
            r#"
import importlib.metadata, importlib.resources, sys
import {module} as m
assert m.__file__.startswith(sys.prefix), (m.__file__, sys.prefix)
assert importlib.metadata.version({dist:?}) == {version:?}
assert importlib.metadata.requires({dist:?}) is None
assert importlib.resources.files({module:?}).joinpath("py.typed").is_file()
k = m.to_code({known})
assert (k.known, k.code, k.name) == (True, {known}, {name:?}), k
u = m.to_code({unknown})
assert (u.known, u.code, u.name) == (False, {unknown}, None), u
assert m.error_info({known}).name == {name:?}
print("ok")
"#
        );
        // -I: the fresh environment alone, not the working directory.
        let mut c = py(&fresh_python);
        c.args(["-I", "-c", &check]).current_dir(&dir);
        let out = run(c, &format!("the installed {label} wheel"));
        assert_eq!(text(&out.stdout).trim(), "ok");
        if label == "ayrshare" {
            installed_ayrshare_runtime_works(&fresh_python, &dir);
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Ayrshare's runtime, installed from the wheel: the function, and the
/// command line run with `-m` on a body, printing what the Rust and
/// TypeScript command lines print for it.
fn installed_ayrshare_runtime_works(python: &Path, cwd: &Path) {
    let check = r#"
import sys
import ayrshare_errors as m
assert m.classify.__module__ == "ayrshare_errors.classification"
assert m.classification.__file__.startswith(sys.prefix)
c = m.classify(b'{"history":{"status":"error","code":221}}', 400)
assert [(v.code, v.known) for v in c.errors] == [(221, False)], c
print("ok")
"#;
    let mut c = py(python);
    c.args(["-I", "-c", check]).current_dir(cwd);
    let out = run(c, "the installed ayrshare runtime");
    assert_eq!(text(&out.stdout).trim(), "ok");

    let body = br#"{"status":"error","errors":[{"code":435,"details":"Retry-After: 60","platform":"instagram"}],"postIds":[{"platform":"twitter"}]}"#;
    let mut child = py(python)
        .args([
            "-I",
            "-m",
            "ayrshare_errors.classify",
            "--http-status",
            "429",
        ])
        .current_dir(cwd)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run the installed command line");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(body).expect("write the body");
    }
    let out = child.wait_with_output().expect("wait for it");
    assert!(out.status.success(), "{}", show(&out));
    assert_eq!(
        text(&out.stdout),
        concat!(
            r#"{"ok":false,"status":"error","partial_success":true,"failed_platforms":["instagram"],"#,
            r#""succeeded_platforms":["twitter"],"safe_to_resubmit_all":false,"errors":[{"platform":"instagram","#,
            r#""code":435,"known":true,"name":"InstagramRateLimit","severity":"error","retryable":true,"#,
            r#""relink":false,"retry_after_secs":60,"remedy":"retry-after"}],"warnings":[]}"#,
            "\n"
        ),
        "the installed command line\n{}",
        show(&out)
    );
}

/// Text made of what the escaping cares about, from a fixed seed: quotes,
/// backslashes, line breaks of every kind, controls, bidirectional and
/// invisible characters, combining marks, wide characters.
fn hostile_texts() -> Vec<String> {
    const PIECES: &[&str] = &[
        "\"",
        "'",
        "\"\"\"",
        "'''",
        "\\",
        "\\\"",
        "\\n",
        "\n",
        "\r\n",
        "\r",
        "\u{2028}",
        "\u{2029}",
        "\u{85}",
        "\u{b}",
        "\u{c}",
        "\u{1c}",
        "\u{0}",
        "\u{7}",
        "\u{7f}",
        "\t",
        "\u{202e}",
        "\u{2066}",
        "\u{200b}",
        "\u{feff}",
        "\u{ad}",
        "e\u{301}",
        "日本",
        "🚀",
        "\u{1f3f3}\u{fe0f}\u{200d}\u{1f308}",
        "é",
        "—",
        "«",
        "→",
        "✓",
        "{seconds}",
        "#",
        "    ",
        " ",
        "a",
        "word",
        "\u{d7ff}",
        "\u{e000}",
        "\u{10ffff}",
        "\u{fffd}",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..400)
        .map(|_| {
            let n = (next() % 12) as usize;
            (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect::<String>()
        })
        .collect()
}

/// What a docstring of `text` holds at run time, with its lines' common
/// indentation taken off: `docstring`'s lines (split at every line break
/// Python source has, and U+2028 and U+2029; trimmed; no blank lines at
/// either end), joined.
fn docstring_lines(text: &str) -> String {
    let lines: Vec<&str> = text
        .split('\n')
        .flat_map(|l| {
            let l = l.strip_suffix('\r').unwrap_or(l);
            l.split(['\r', '\u{2028}', '\u{2029}'])
        })
        .map(str::trim)
        .collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(f), Some(l)) => lines[f..=l].join("\n"),
        _ => "(no text)".to_string(),
    }
}

/// Python itself reads every literal back as its text, and every docstring
/// as its lines: nothing in the text ends a literal or a docstring early.
/// `ruff format` leaves them as they are.
#[test]
fn literals_and_docstrings_read_back_in_python() {
    let python = python();
    let texts = hostile_texts();
    let dir = temp_dir("py-literals");
    let mut module = String::from("# Literals and docstrings of hostile text.\n");
    let mut expected_docs = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        module.push_str(&format!("\nV{i} = {}\n", py_literal(t)));
        module.push_str(&format!("\n\nclass D{i}:\n    {}\n\n", docstring(t, 4)));
        expected_docs.push(docstring_lines(t));
    }
    let module = format!("{}\n", module.trim_end());
    std::fs::write(dir.join("literals.py"), &module).expect("write the module");
    let expected = serde_json::json!({ "values": texts, "docs": expected_docs });
    std::fs::write(dir.join("expected.json"), expected.to_string()).expect("write");
    let script = r#"
import json, literals
x = json.load(open("expected.json", encoding="utf-8"))
n = len(x["values"])
for i in range(n):
    v = getattr(literals, f"V{i}")
    assert v.encode("utf-8", "surrogatepass") == x["values"][i].encode("utf-8", "surrogatepass"), (i, v)
    doc = getattr(literals, f"D{i}").__doc__
    lines = doc.split("\n")
    if len(lines) > 1:
        assert lines[-1] == "    ", (i, doc)
        lines = [lines[0]] + [l[4:] if l.startswith("    ") else l for l in lines[1:-1]]
    assert "\n".join(lines) == x["docs"][i], (i, doc, x["docs"][i])
print(n)
"#;
    let mut c = py(python);
    c.args(["-c", script]).current_dir(&dir);
    let out = run(c, "reading the literals back");
    assert_eq!(text(&out.stdout).trim(), texts.len().to_string());
    ruff(
        python,
        &["format", "--check", "--target-version", "py310"],
        &[dir.join("literals.py")],
        "the literals",
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// `errcat check` holds the scaffolded pyproject.toml to the catalog's
/// distribution name and version.
#[test]
fn check_compares_pyproject_with_the_catalog() {
    let root = temp_dir("py-check");
    let catalog = fixture("strings");
    let (cat, out_dir) = (
        catalog.to_str().expect("UTF-8"),
        root.to_str().expect("UTF-8"),
    );
    for args in [
        vec!["init", "--catalog", cat, out_dir],
        vec!["generate", "--catalog", cat, "--out", out_dir],
    ] {
        let out = errcat(&args);
        assert!(out.status.success(), "{}", show(&out));
    }
    let check = || errcat(&["check", "--catalog", cat, "--out", out_dir]);
    assert!(check().status.success(), "{}", show(&check()));
    let path = root.join("generated/python/pyproject.toml");
    let original = std::fs::read_to_string(&path).expect("read pyproject.toml");
    assert!(original.contains("name = \"shop-errors\"\nversion = \"2.1.0\"\n"));
    for (edited, message) in [
        (
            original.replace("version = \"2.1.0\"", "version = \"2.2.0\""),
            "`generated/python/pyproject.toml` has version `2.2.0`, but the catalog's is `2.1.0`",
        ),
        (
            original.replace("name = \"shop-errors\"", "name = \"shop\""),
            "`generated/python/pyproject.toml` names the distribution `shop`, but the catalog's is `shop-errors`",
        ),
        (
            "[project\n".to_string(),
            "`generated/python/pyproject.toml` is not valid TOML",
        ),
    ] {
        std::fs::write(&path, edited).expect("edit pyproject.toml");
        let out = check();
        assert_eq!(out.status.code(), Some(1), "{}", show(&out));
        assert!(text(&out.stderr).contains(message), "{}", show(&out));
    }
    std::fs::write(&path, original).expect("restore");
    assert!(check().status.success());
    let _ = std::fs::remove_dir_all(root);
}
