//! Parity of the TypeScript and Python packages with this crate: the three
//! reference command lines, `generated/ts/dist/classify.js`,
//! `python -m ayrshare_errors.classify` and `examples/classify.rs` (as
//! `cargo run -p ayrshare-errors --example classify` builds it), must print,
//! for every input and every argument list, byte for byte the same output
//! with the same exit status. The Rust one must print the JSON of
//! [`classify_body`] for each input.
//!
//! The inputs: every example of every catalog entry and every catalog-level
//! example (from the export in `generated/schema/catalog.json`), every
//! shared edge case in `tests/classify/vectors.json`, and the edge cases of
//! JSON decoding and output listed in [`edge_cases`] below. Python reads
//! numbers as Rust does, so it is also held to Rust on the cases only
//! TypeScript cannot match ([`rust_and_python_edge_cases`]).
//!
//! The test builds the TypeScript package with its pinned compiler first.
//! `node` must be on `PATH` and `generated/ts/node_modules` installed
//! (`npm ci --prefix generated/ts`); the Python command line runs on the
//! interpreter of `.venv` (or `$ERRCAT_PYTHON`), which `scripts/test.sh`
//! makes. Without them the tests fail, saying how to set them up; they never
//! skip.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use ayrshare_errors::classify_body;

mod common;
use common::{classify_example, http_of, read_json, repo};

const SETUP: &str = "npm ci --prefix generated/ts";

/// How to make the virtual environment whose interpreter runs the Python
/// command line (the package itself needs nothing installed).
const PYTHON_SETUP: &str = "bash scripts/test.sh, or from the repository root: \
    python3 -m venv .venv && .venv/bin/python -m pip install --require-hashes \
    --only-binary=:all: -r scripts/python-requirements.txt";

fn show(out: &Output) -> String {
    format!(
        "--- status {}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Builds the TypeScript package once; the path of its command line.
fn typescript_cli() -> &'static Path {
    static CLI: OnceLock<PathBuf> = OnceLock::new();
    CLI.get_or_init(|| {
        match Command::new("node").arg("--version").output() {
            Ok(out) if out.status.success() => {}
            Ok(out) => panic!(
                "`node --version` failed; install Node.js, then run `{SETUP}`\n{}",
                show(&out)
            ),
            Err(e) => panic!(
                "`node` is not on PATH ({e}); install Node.js, then run `{SETUP}` \
                 so this test can build and run the TypeScript package"
            ),
        }
        let ts = repo().join("generated/ts");
        let tsc = ts.join("node_modules/typescript/bin/tsc");
        assert!(
            tsc.is_file(),
            "{} is missing: run `{SETUP}` (from the repository root) first",
            tsc.display()
        );
        let out = Command::new("node")
            .arg(&tsc)
            .arg("-p")
            .arg(&ts)
            .output()
            .expect("run tsc");
        assert!(
            out.status.success(),
            "tsc cannot build generated/ts\n{}",
            show(&out)
        );
        let cli = ts.join("dist/classify.js");
        assert!(cli.is_file(), "tsc did not write {}", cli.display());
        cli
    })
}

/// The interpreter of `.venv` (or `$ERRCAT_PYTHON`), checked once: it runs,
/// and is Python 3.10 or later.
fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let path = std::env::var_os("ERRCAT_PYTHON")
            .map(PathBuf::from)
            .unwrap_or_else(|| repo().join(".venv/bin/python"));
        assert!(
            path.is_file(),
            "no Python to run `python -m ayrshare_errors.classify` at {}: make the virtual \
             environment with `{PYTHON_SETUP}` (or point ERRCAT_PYTHON at a Python 3.10 or later)",
            path.display()
        );
        let out = Command::new(&path)
            .args(["-c", "import sys; sys.exit(sys.version_info < (3, 10))"])
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "cannot run {} ({e}); make the virtual environment again with `{PYTHON_SETUP}`",
                    path.display()
                )
            });
        assert!(
            out.status.success(),
            "{} is not a working Python 3.10 or later; run `{PYTHON_SETUP}`\n{}",
            path.display(),
            show(&out)
        );
        path
    })
}

/// Runs `cmd` with `stdin` on its input. A program may exit before it
/// reads its input (on a usage error), so a failed write is no error.
fn run(mut cmd: Command, stdin: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the command line");
    let mut input = child.stdin.take().expect("stdin");
    let body = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&body);
    });
    let out = child.wait_with_output().expect("wait for the command line");
    writer.join().expect("writer thread");
    out
}

/// Runs the TypeScript command line with `args`, `stdin` on its input.
fn run_typescript<A: AsRef<OsStr>>(args: &[A], stdin: &[u8]) -> Output {
    let mut cmd = Command::new("node");
    cmd.arg(typescript_cli()).args(args);
    run(cmd, stdin)
}

/// Runs the Rust command line with `args`, `stdin` on its input.
fn run_rust<A: AsRef<OsStr>>(args: &[A], stdin: &[u8]) -> Output {
    let mut cmd = Command::new(classify_example());
    cmd.args(args).env("RUST_BACKTRACE", "0");
    run(cmd, stdin)
}

/// Runs the Python command line with `args`, `stdin` on its input: the
/// package from `generated/python/src`, writing no bytecode there (a
/// `__pycache__` in its `_generated/` would be an extra file to `errcat
/// check`) and reading nothing from the caller's Python environment.
fn run_python<A: AsRef<OsStr>>(args: &[A], stdin: &[u8]) -> Output {
    let mut cmd = Command::new(python());
    cmd.args(["-m", "ayrshare_errors.classify"])
        .args(args)
        .env("PYTHONPATH", repo().join("generated/python/src"))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONNOUSERSITE", "1")
        .env_remove("PYTHONHOME")
        .env_remove("PYTHONSTARTUP")
        .env_remove("PYTHONWARNINGS");
    run(cmd, stdin)
}

/// A command line under test.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Runtime {
    TypeScript,
    Python,
}

impl Runtime {
    fn run<A: AsRef<OsStr>>(self, args: &[A], stdin: &[u8]) -> Output {
        match self {
            Runtime::TypeScript => run_typescript(args, stdin),
            Runtime::Python => run_python(args, stdin),
        }
    }
}

/// One input: a body as raw bytes and the HTTP status it came with.
struct Input {
    name: String,
    http: Option<u16>,
    body: Vec<u8>,
}

fn input(name: impl Into<String>, http: Option<u16>, body: impl Into<Vec<u8>>) -> Input {
    Input {
        name: name.into(),
        http,
        body: body.into(),
    }
}

/// Every example of the catalog, its entries' and its own.
fn catalog_examples() -> Vec<Input> {
    let export = common::export();
    let mut out: Vec<Input> = common::entry_examples()
        .into_iter()
        .map(|x| {
            input(
                format!("code {} example {}", x.code, x.index),
                x.http,
                serde_json::to_vec(&x.body).expect("encodes"),
            )
        })
        .collect();
    for (i, ex) in export["examples"]
        .as_array()
        .expect("examples")
        .iter()
        .enumerate()
    {
        out.push(input(
            format!("catalog example {i}"),
            http_of(&ex["http"]),
            serde_json::to_vec(&ex["body"]).expect("encodes"),
        ));
    }
    out
}

/// The shared edge cases.
fn vectors() -> Vec<Input> {
    let vectors = read_json(&repo().join("tests/classify/vectors.json"));
    vectors
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| {
            input(
                format!("vector {}", v["name"].as_str().expect("name")),
                http_of(&v["http_status"]),
                v["body"].as_str().expect("body").as_bytes(),
            )
        })
        .collect()
}

/// Where `JSON.parse` and serde_json, or JavaScript and Rust, could part
/// ways: bodies serde_json refuses, numbers, key order, sorting, escaping,
/// and the lenient readers.
///
/// Left out on purpose, as the TypeScript side cannot match them (see the
/// TypeScript sources): numbers written with a fraction or an exponent
/// (`435.0`, which `JSON.parse` cannot tell from `435`), integer-like keys
/// of nested results (JavaScript orders them first), and delays beyond
/// 2^53.
fn edge_cases() -> Vec<Input> {
    let nest = |depth: usize| {
        // An object holding `depth - 1` nested arrays: `depth` levels.
        format!(
            r#"{{"status":"error","x":{}{}}}"#,
            "[".repeat(depth - 1),
            "]".repeat(depth - 1)
        )
    };
    let e = |http: u16, name: &str, body: &str| input(format!("edge {name}"), Some(http), body);
    vec![
        e(
            400,
            "negative-zero-code",
            r#"{"errors":[{"code":-0,"platform":"twitter"}]}"#,
        ),
        e(400, "zero-code", r#"{"errors":[{"code":0}]}"#),
        e(400, "code-u32-max", r#"{"errors":[{"code":4294967295}]}"#),
        e(
            400,
            "code-u32-max-plus-one",
            r#"{"errors":[{"code":4294967296}]}"#,
        ),
        e(
            400,
            "code-u64-max",
            r#"{"errors":[{"code":18446744073709551615}]}"#,
        ),
        e(
            400,
            "code-beyond-u64",
            r#"{"errors":[{"code":18446744073709551616}]}"#,
        ),
        e(
            400,
            "code-wrong-types",
            r#"{"errors":[{"code":true},{"code":null},{"code":{}},{"code":[435]}]}"#,
        ),
        e(
            400,
            "number-out-of-range",
            r#"{"status":"error","errors":[{"code":1e400}]}"#,
        ),
        e(
            400,
            "number-edges",
            r#"{"errors":[{"code":110}],"a":0e99999,"b":-0.0,"c":1.7976931348623157e308,"d":5e-324,"e":1e-99999}"#,
        ),
        e(
            400,
            "number-just-out-of-range",
            r#"{"errors":[],"x":1.8e308}"#,
        ),
        e(
            400,
            "negative-number-out-of-range",
            r#"{"errors":[],"x":-1e400}"#,
        ),
        input(
            "edge long-integer-out-of-range",
            Some(400),
            format!(r#"{{"errors":[],"x":1{}}}"#, "0".repeat(400)),
        ),
        e(
            400,
            "tiny-float-is-fine",
            r#"{"errors":[{"code":110,"x":1e-400}]}"#,
        ),
        input("edge depth-127", Some(400), nest(127)),
        input("edge depth-128", Some(400), nest(128)),
        e(
            400,
            "lone-leading-surrogate",
            r#"{"errors":[{"code":110,"message":"\ud800"}]}"#,
        ),
        e(
            400,
            "lone-trailing-surrogate",
            r#"{"errors":[{"code":110,"message":"\udc00x"}]}"#,
        ),
        e(
            400,
            "lone-surrogate-in-key",
            r#"{"errors":[{"code":110}],"\ud800":1}"#,
        ),
        e(
            400,
            "surrogate-pair",
            r#"{"errors":[{"code":110,"platform":"\ud83d\ude00"}]}"#,
        ),
        input(
            "edge byte-order-mark",
            Some(200),
            &b"\xEF\xBB\xBF{\"status\":\"error\"}"[..],
        ),
        input(
            "edge invalid-utf8",
            Some(400),
            &b"{\"errors\":[{\"code\":110,\"message\":\"\xff\"}]}"[..],
        ),
        input("edge form-feed-only", None, &b"\x0c"[..]),
        input("edge nul-byte", Some(503), &b"\x00"[..]),
        e(400, "trailing-garbage", r#"{"errors":[]} x"#),
        e(200, "json-null", "null"),
        e(200, "json-number", "7"),
        input("edge html-no-status", None, "<html></html>"),
        e(200, "html-200", "<html>fine</html>"),
        e(201, "created-empty-object", "{}"),
        e(
            400,
            "duplicate-keys",
            r#"{"facebook":{"code":444,"message":"a"},"instagram":{"code":435,"message":"b"},"facebook":{"code":326,"message":"c"},"status":"success","status":"error"}"#,
        ),
        e(
            400,
            "platform-sort-by-code-point",
            "{\"errors\":[{\"code\":1,\"platform\":\"\u{FF01}x\"},{\"code\":2,\"platform\":\"\u{1F600}y\"},\
             {\"code\":3,\"platform\":\"Z\"},{\"code\":4,\"platform\":\"a\"},{\"code\":5,\"platform\":\"\u{E9}\"},\
             {\"code\":6,\"platform\":\"\u{FF01}x\"},{\"code\":7,\"platform\":\"a\"},{\"code\":8,\"platform\":\"\"}],\
             \"postIds\":[{\"platform\":\"\u{1F600}\"},{\"platform\":\"\u{FFFF}\"},{\"platform\":\"\u{1F600}\"}]}",
        ),
        e(
            400,
            "escapes-in-output",
            r#"{"errors":[{"code":1,"platform":"a\u0001b\u001f\u007f\"\\/\b\f\n\r\t\u2028\u00e9"}]}"#,
        ),
        e(
            400,
            "top-level-code-wrong-type",
            r#"{"status":"error","code":"435","message":"m"}"#,
        ),
        e(200, "top-level-code-null", r#"{"code":null}"#),
        e(
            400,
            "top-level-code-empty-errors",
            r#"{"errors":[],"code":110,"platform":"twitter"}"#,
        ),
        e(
            400,
            "top-level-code-errors-not-objects",
            r#"{"errors":[1,"x",null,[]],"code":110}"#,
        ),
        e(
            400,
            "top-level-code-errors-not-array",
            r#"{"errors":{"code":1},"code":110}"#,
        ),
        e(
            200,
            "platform-keyed-odd-values",
            r#"{"facebook":444,"twitter":[{"code":1}],"instagram":{"message":"no code"},"youtube":{"code":"x"},"mastodon":{"code":5}}"#,
        ),
        e(
            400,
            "posts-mixed",
            r#"{"status":"error","posts":[1,"x",null,{"status":"success","postIds":[{"platform":"twitter","status":7},{"platform":"reddit","status":"error"},{"status":"success"},{"platform":5}]},{"errors":[{"code":161,"platform":"facebook"}],"code":999,"facebook":{"code":444}}]}"#,
        ),
        e(
            400,
            "posts-not-array",
            r#"{"status":"error","posts":{"errors":[{"code":110}]}}"#,
        ),
        e(
            400,
            "nested-in-profile-not-followed",
            r#"{"posts":[{"history":{"errors":[{"code":288}]}}]}"#,
        ),
        e(
            400,
            "nested-errors-not-array",
            r#"{"history":{"errors":{"code":288}},"other":{"errors":"x"}}"#,
        ),
        e(
            400,
            "nested-several",
            r#"{"history":{"errors":[{"code":288,"platform":"tiktok"}],"postIds":[{"platform":"gmb"}]},"analytics":{"status":"success","errors":[],"code":441},"code":{"errors":[{"code":1}]},"twitter":{"errors":[{"code":2}]}}"#,
        ),
        e(
            400,
            "proto-key",
            r#"{"__proto__":{"errors":[{"code":288,"platform":"tiktok"}]},"constructor":{"errors":[{"code":110}]},"toString":{"code":1}}"#,
        ),
        e(
            400,
            "relink-wrong-type-falls-to-resolution",
            r#"{"errors":[{"code":258,"relink":"yes","resolution":{"relink":true,"platform":"instagram"}},{"code":999,"resolution":{"relink":true}},{"code":161,"resolution":{"relink":false}},{"code":161,"relink":false,"resolution":{"relink":true}}]}"#,
        ),
        e(
            400,
            "resolution-odd",
            r#"{"errors":[{"code":999,"resolution":{"platform":"gmb"}},{"code":999,"resolution":"x","platform":null},{"code":999,"platform":"a","resolution":{"platform":"b"}}]}"#,
        ),
        e(
            200,
            "warning-code-found-in-errors",
            r#"{"status":"success","errors":[{"code":307,"platform":"youtube"},{"code":110,"platform":"twitter"}],"warnings":[{"code":110},{"code":307,"retryAvailable":true},"x",{"no":"code"}]}"#,
        ),
        e(
            400,
            "subcode-by-field",
            r#"{"errors":[{"code":440,"details":2207052},{"code":440,"details":"2207052"},{"code":444,"errCode":"80001","retryAvailable":false},{"code":444,"errCode":80001}]}"#,
        ),
        e(
            400,
            "subcode-2207085-overridden",
            r#"{"errors":[{"code":258,"message":"Error with Instagram. Please unlink and relink your Instagram account, granting all permissions, then retry.","relink":false,"retryAvailable":false},{"code":258,"message":"Error with Instagram. Please unlink and relink your Instagram account, granting all permissions, then retry.","relink":false}]}"#,
        ),
        e(
            400,
            "case-by-message",
            r#"{"errors":[{"code":288,"message":"TikTok video is still processing; the action is deferred until the post is live.","retryAvailable":false},{"code":288,"retryAvailable":true}]}"#,
        ),
        e(
            400,
            "retry-failed-platforms-nothing-posted",
            r#"{"status":"error","errors":[{"code":441,"platform":"twitter"}],"postIds":[{"status":"error","platform":"threads"}]}"#,
        ),
        e(
            400,
            "retry-failed-platforms-not-retryable",
            r#"{"errors":[{"code":441,"platform":"twitter","retryAvailable":false}],"postIds":[{"platform":"threads"}]}"#,
        ),
        e(
            400,
            "contact-platform-said-retryable",
            r#"{"errors":[{"code":326,"retryAvailable":true},{"code":110,"retryAvailable":true},{"code":436,"retryAvailable":false}]}"#,
        ),
        e(
            400,
            "success-in-profile-blocks-resubmit",
            r#"{"status":"error","posts":[{"status":"success"}],"errors":[{"code":110}]}"#,
        ),
        e(
            429,
            "retry-after-forms",
            "{\"errors\":[{\"code\":435,\"details\":\" Retry-After:  +42 \"},{\"code\":435,\"details\":\"\u{A0}Retry-After: 5\u{2003}\"},\
             {\"code\":435,\"details\":\"Retry-After: 99999999999999999999\"},{\"code\":435,\"details\":\"Retry-After: -1\"},\
             {\"code\":435,\"details\":\"Retry-After: 1.5\"},{\"code\":435,\"details\":\"retry-after: 5\"},{\"code\":435,\"details\":5},\
             {\"code\":435,\"details\":\"Retry-After: 9007199254740991\"},{\"code\":435,\"details\":\"Retry-After: 0042\"}]}",
        ),
        e(
            500,
            "unknown-code-warning-and-relink",
            r#"{"errors":[{"code":999,"relink":true,"retryAvailable":false}],"warnings":[{"code":999,"relink":true}]}"#,
        ),
    ]
}

/// What Python reads as Rust does and JavaScript cannot, so the Python
/// command line alone is held to the Rust one here: numbers written with a
/// fraction or an exponent (no code in Rust and Python; `JSON.parse` reads
/// `435.0` as 435), integer-like keys of nested results (text order in Rust
/// and Python; JavaScript puts them first), and delays beyond 2^53 (exact
/// integers in Rust and Python).
fn rust_and_python_edge_cases() -> Vec<Input> {
    let e = |http: u16, name: &str, body: &str| input(format!("edge {name}"), Some(http), body);
    vec![
        e(
            400,
            "code-with-fraction",
            r#"{"errors":[{"code":435.0,"platform":"instagram"},{"code":4.35e2},{"code":110}]}"#,
        ),
        e(
            400,
            "top-level-code-with-exponent",
            r#"{"status":"error","code":1E2,"message":"m"}"#,
        ),
        e(
            400,
            "subcode-field-with-fraction",
            r#"{"facebook":{"code":444,"errCode":80001.0},"instagram":{"code":440,"details":2207052e0}}"#,
        ),
        e(
            400,
            "integer-like-keys",
            r#"{"b":{"errors":[{"code":288}]},"7":{"errors":[{"code":110}]},"a":{"status":"error","code":221},"1":{"status":"error","code":107}}"#,
        ),
        e(
            429,
            "delay-beyond-2-53",
            r#"{"errors":[{"code":435,"details":"Retry-After: 9007199254740993"},{"code":435,"details":"Retry-After: 18446744073709551615"},{"code":435,"details":"Retry-After: 18446744073709551616"}]}"#,
        ),
        e(
            400,
            "codes-beyond-2-53",
            r#"{"errors":[{"code":9007199254740993},{"code":4294967295.5}],"x":18446744073709551615}"#,
        ),
    ]
}

/// Compares the command line of `runtime` with the Rust one on `inputs`,
/// and the Rust one with the library; every difference, described.
fn differences(runtime: Runtime, inputs: &[Input]) -> Vec<String> {
    let mut diffs = Vec::new();
    for i in inputs {
        let library = serde_json::to_string(&classify_body(&i.body, i.http)).expect("encodes");
        let status = i.http.map(|h| format!("--http-status={h}"));
        let args: Vec<&str> = status.iter().map(String::as_str).collect();
        let rust = run_rust(&args, &i.body);
        let other = runtime.run(&args, &i.body);
        let what = format!(
            "{} (HTTP {:?}, body {:?})",
            i.name,
            i.http,
            String::from_utf8_lossy(&i.body)
        );
        if !rust.status.success() || rust.stdout != format!("{library}\n").as_bytes() {
            diffs.push(format!(
                "{what}: the Rust command line does not print the library's verdict\n--- library\n{library}\n--- Rust command line\n{}",
                show(&rust)
            ));
        }
        if other.status.code() != rust.status.code()
            || other.stdout != rust.stdout
            || !other.stderr.is_empty()
        {
            diffs.push(format!(
                "{what}\n--- Rust\n{}\n--- {runtime:?}\n{}",
                show(&rust),
                show(&other)
            ));
        }
    }
    diffs
}

/// Every input of the corpus: the catalog's examples, the vectors and the
/// edge cases every runtime reads alike.
fn corpus() -> Vec<Input> {
    let examples = catalog_examples();
    let vectors = vectors();
    let edges = edge_cases();
    assert!(examples.len() >= 30, "the catalog has its examples");
    assert!(vectors.len() >= 30, "the vectors are there");
    examples.into_iter().chain(vectors).chain(edges).collect()
}

fn assert_same(runtime: Runtime, inputs: &[Input]) {
    let diffs = differences(runtime, inputs);
    assert!(
        diffs.is_empty(),
        "{} of {} inputs classify differently in {runtime:?}:\n\n{}",
        diffs.len(),
        inputs.len(),
        diffs.join("\n\n")
    );
    eprintln!("{} inputs classified identically", inputs.len());
}

#[test]
fn typescript_classifies_like_rust() {
    assert_same(Runtime::TypeScript, &corpus());
}

#[test]
fn python_classifies_like_rust() {
    let inputs: Vec<Input> = corpus()
        .into_iter()
        .chain(rust_and_python_edge_cases())
        .collect();
    assert_same(Runtime::Python, &inputs);
}

/// Argument lists, as bytes, that the command lines might read
/// differently: status values at and beyond every edge of what is accepted,
/// both forms of the flag, help, unknown arguments, a missing value, repeats,
/// and arguments that are not UTF-8.
fn argument_lists() -> Vec<Vec<OsString>> {
    let mut lists: Vec<Vec<OsString>> = Vec::new();
    for value in [
        "200",
        "+200",
        "0200",
        "100",
        "599",
        "99",
        "600",
        "0",
        "-200",
        " 200",
        "200 ",
        "2e2",
        "200.0",
        "",
        "abc",
        "65536",
        "65735",
        "99999999999999999999999",
        "\u{0662}00",
    ] {
        lists.push(vec!["--http-status".into(), value.into()]);
        lists.push(vec![format!("--http-status={value}").into()]);
    }
    for args in [
        &[][..],
        &["-h"][..],
        &["--help"][..],
        &["--http-status", "200", "--help"][..],
        &["--bogus"][..],
        &["--bogus", "--help"][..],
        &["--help", "--bogus"][..],
        &["--http-status"][..],
        &["--http-status", "--help"][..],
        &["200"][..],
        &["--http-status", "500", "--http-status=429"][..],
        &["--http-status=500", "--http-status", "abc"][..],
    ] {
        lists.push(args.iter().map(OsString::from).collect());
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        let bad = |b: &[u8]| OsString::from_vec(b.to_vec());
        lists.push(vec![bad(b"--http-status=4\xff9")]);
        lists.push(vec!["--http-status".into(), bad(b"4\xff9")]);
        lists.push(vec![bad(b"\xff")]);
        lists.push(vec![bad(b"--help\xff")]);
        // Where a lossy decoder must choose how many U+FFFD to write: a
        // truncated sequence, an overlong one, an encoded surrogate.
        lists.push(vec![bad(b"--http-status=2\xe2\x82")]);
        lists.push(vec![bad(b"--bogus\xc0\xaf\xe2\x82\xac")]);
        lists.push(vec!["--http-status=200".into(), bad(b"\xed\xa0\x80x")]);
        lists.push(vec![bad(b"\xf0\x9f\x98"), "--help".into()]);
    }
    lists
}

/// The command lines read the same arguments alike: for every list, the
/// same exit status and the same standard output, byte for byte, and the
/// same message on a usage error. TypeScript cannot name an argument that is
/// not UTF-8 as such (Node.js has replaced its bytes before the program
/// starts), so there its message only has to be there; Python can, and says
/// what Rust says.
fn compare_arguments(runtime: Runtime) {
    let mut diffs = Vec::new();
    let mut statuses = std::collections::BTreeMap::new();
    for args in argument_lists() {
        let rust = run_rust(&args, b"{}");
        let other = runtime.run(&args, b"{}");
        *statuses.entry(rust.status.code()).or_insert(0) += 1;
        let utf8 = args.iter().all(|a| a.to_str().is_some());
        let exact_stderr = utf8 || runtime == Runtime::Python;
        if rust.status.code() != other.status.code()
            || rust.stdout != other.stdout
            || (exact_stderr && rust.stderr != other.stderr)
            || rust.stderr.is_empty() != other.stderr.is_empty()
        {
            diffs.push(format!(
                "{args:?}\n--- Rust\n{}\n--- {runtime:?}\n{}",
                show(&rust),
                show(&other)
            ));
        }
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n\n"));
    // Both outcomes occur, so agreeing is not agreeing to fail every time.
    assert!(
        statuses.get(&Some(0)).is_some_and(|n| *n > 10)
            && statuses.get(&Some(2)).is_some_and(|n| *n > 10),
        "exit statuses: {statuses:?}"
    );
}

#[test]
fn typescript_takes_the_same_arguments() {
    compare_arguments(Runtime::TypeScript);
}

#[test]
fn python_takes_the_same_arguments() {
    compare_arguments(Runtime::Python);
}
