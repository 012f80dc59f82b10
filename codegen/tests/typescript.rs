//! The TypeScript package: it type-checks under the pinned compiler with
//! the package's own strict settings, for small, hostile, empty and real
//! catalogs, and at run time its strings equal the catalog's byte for byte.
//!
//! These tests run the real compiler: `node` must be on `PATH` and
//! `generated/ts/node_modules` installed (`npm ci --prefix generated/ts`).
//! Without them the tests fail; they never skip.

use std::path::Path;
use std::process::{Command, Output};

use errcat::emit::typescript;
use errcat::ir::Catalog;
use serde_json::Value;

mod common;
use common::{repo, show, temp_dir, text, tsc};

fn compile(path: &Path) -> Catalog {
    errcat::compile(path).unwrap_or_else(|f| panic!("{}:\n{}", path.display(), f.render()))
}

fn minimal() -> Catalog {
    compile(&repo().join("tests/fixtures/valid/minimal"))
}

fn hostile() -> Catalog {
    compile(&repo().join("tests/fixtures/valid/hostile"))
}

/// An integer catalog written here rather than a fixture: most facts
/// stated by some entries only, a group, a declared envelope, a scoped
/// package name.
const INTS: &str = r#"# Integer codes with most facts stated by some entries only, a group, and
# a declared envelope.
[catalog]
name = "ints"
title = "Integer API"
version = "1.0.0"
docs_url = "https://docs.example.com/errors"
npm_package = "@example/ints-errors"

[catalog.envelope]
code_field = "code"
errors = ["errors[]"]

[[group]]
id = "limits"
title = "Limits"
description = "Too much, too fast."

[[http_status]]
code = 429
meaning = "Too Many Requests"

[[platform]]
id = "web"
name = "Web"
title = "The web"

[[error]]
code = 1
name = "RateLimited"
title = "Rate limited"
group = "limits"
http = 429
platforms = ["web"]
retry = { policy = "backoff", min_delay_secs = 30 }
relink = "no"
remedy = "retry"
messages = ["Slow down."]
advice = "Wait and retry with backoff."

[[error]]
code = 2
name = "SlowNote"
title = "Slow note"
severity = "warning"
retry = { policy = "never" }
relink = "required"
"#;

fn ints() -> Catalog {
    let dir = temp_dir("ints-catalog");
    write(&dir, "catalog.toml", INTS);
    let c = compile(&dir.join("catalog.toml"));
    let _ = std::fs::remove_dir_all(&dir);
    c
}

fn write(dir: &Path, rel: &str, contents: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("a file has a parent")).expect("mkdir");
    std::fs::write(&path, contents).expect("write");
}

fn node(args: &[&Path]) -> Output {
    Command::new("node").args(args).output().expect("run node")
}

/// The scaffolded package files, the emitted module and the hand-written
/// runtime, in `dir`.
fn write_package(c: &Catalog, dir: &Path) {
    for f in typescript::scaffold(c) {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, f.contents).unwrap();
    }
    let files = typescript::emit(c).expect("emit TypeScript");
    assert_eq!(
        files,
        typescript::emit(c).expect("emit TypeScript"),
        "emitting twice gives different output"
    );
    for f in files {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, f.contents).unwrap();
    }
    // The hand-written runtime is generic over the generated module, so it
    // must type-check against every catalog's output too.
    let src = repo().join("generated/ts/src");
    for entry in std::fs::read_dir(&src).expect("generated/ts/src") {
        let path = entry.expect("entry").path();
        if path.is_file() && path.extension().is_some_and(|x| x == "ts") {
            let name = path.file_name().expect("name");
            std::fs::copy(&path, dir.join("src").join(name)).expect("copy hand-written module");
        }
    }
}

/// Type-check the package for `c` with its own tsconfig.json.
fn type_check(c: &Catalog, label: &str) {
    let tsc = tsc();
    let dir = temp_dir(label);
    write_package(c, &dir);
    let out = node(&[
        &tsc,
        Path::new("-p"),
        &dir.join("tsconfig.json"),
        Path::new("--noEmit"),
    ]);
    assert!(
        out.status.success(),
        "tsc rejects the TypeScript package for the {label} catalog (kept in {})\n{}",
        dir.display(),
        show(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn minimal_catalog_type_checks() {
    type_check(&minimal(), "minimal");
}

#[test]
fn hostile_catalog_type_checks() {
    type_check(&hostile(), "hostile");
}

#[test]
fn shipped_catalog_type_checks() {
    type_check(&compile(&repo().join("catalog")), "shipped");
}

#[test]
fn empty_catalog_type_checks() {
    let mut c = minimal();
    c.errors.clear();
    c.platforms.clear();
    c.http_statuses.clear();
    c.examples.clear();
    type_check(&c, "empty");
}

/// Imports the compiled hostile package and compares it with the export of
/// the same catalog: every string must come through unchanged.
const CHECK_SCRIPT: &str = r#"
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pkgDir, exportPath] = process.argv.slice(2);
const ts = await import(pathToFileURL(`${pkgDir}/dist/index.js`).href);
const x = JSON.parse(readFileSync(exportPath, "utf8"));

let compared = 0;
function same(actual, expected, what) {
  assert.equal(typeof actual, "string", what);
  assert.ok(
    Buffer.from(actual, "utf8").equals(Buffer.from(expected, "utf8")),
    `${what}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`,
  );
  compared++;
}

same(ts.CATALOG.name, x.catalog.name, "catalog name");
same(ts.CATALOG.title, x.catalog.title, "catalog title");
same(ts.CATALOG.version, x.catalog.version, "catalog version");
same(ts.CATALOG.docsUrl, x.catalog.docs_url, "catalog docs_url");
assert.deepEqual(ts.HTTP_STATUSES, x.http_statuses);
assert.deepEqual(ts.PLATFORMS, x.platforms.map((p) => p.id));
for (const p of x.platforms) same(ts.PLATFORM_TITLES[p.id], p.title, `platform ${p.id} title`);
assert.deepEqual(ts.ERROR_CODES, x.codes.map((e) => e.code));

const camel = (o) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));

for (const e of x.codes) {
  const info = ts.ERRORS[e.code];
  const what = `code ${e.code}`;
  same(info.title, e.title, `${what} title`);
  assert.equal(info.messages.length, e.messages.length, `${what} message count`);
  e.messages.forEach((m, i) => same(info.messages[i], m, `${what} message ${i}`));
  same(info.description, e.description, `${what} description`);
  same(info.advice, e.advice, `${what} advice`);
  e.cases.forEach((k, i) => {
    same(info.cases[i].title, k.title, `${what} case ${i} title`);
    if (k.message !== null) same(info.cases[i].message, k.message, `${what} case ${i} message`);
  });
  assert.deepEqual(info, {
    code: e.code,
    name: e.name,
    title: e.title,
    httpStatus: e.http_status,
    action: e.action,
    platforms: e.platforms,
    severity: e.severity,
    appearsIn: e.appears_in,
    retry: camel(e.retry),
    relink: e.relink_policy,
    remedy: e.remedy,
    messages: e.messages,
    description: e.description,
    advice: e.advice,
    subcodes: e.subcodes.map(camel),
    cases: e.cases.map(camel),
    supersededBy: e.superseded_by,
    replaces: e.replaces,
    replacedBy: e.replaced_by,
    related: e.related,
    retired: e.retired,
    docsUrl: e.docs_url,
  }, what);
  assert.equal(ts.isRetryable(e.code), e.retryable, `${what} isRetryable`);
  assert.equal(ts.requiresRelink(e.code), e.relink, `${what} requiresRelink`);
  assert.equal(ts.ErrorCode[e.name], e.code, `${what} ErrorCode.${e.name}`);
  assert.equal(ts.errorCodeFromName(e.name), e.code, `${what} errorCodeFromName`);
  assert.deepEqual(ts.toCode(e.code), { known: true, code: e.code, name: e.name });
}
assert.ok(compared >= 10, `only ${compared} strings compared`);

// The open world: unknown numbers keep their value.
assert.deepEqual(ts.toCode(999), { known: false, code: 999 });
assert.equal(ts.errorInfo(999), undefined);
assert.equal(ts.isErrorCode(999), false);
assert.equal(ts.isErrorCode("0"), false);
assert.equal(ts.isRetryable(999), false);
assert.equal(ts.requiresRelink(999), false);
assert.equal(ts.errorCodeFromName("constructor"), undefined);
assert.equal(ts.errorCodeFromName("toString"), undefined);
assert.equal(ts.isPlatform("type"), true);
assert.equal(ts.isPlatform("toString"), false);

// `Zero` waits for `wait {seconds} s */`, the Rust parse_delay semantics.
const policy = ts.ERRORS[0].retry;
assert.equal(policy.policy, "after-delay");
assert.equal(ts.parseRetryDelay(policy, "wait 42 s */"), 42);
assert.equal(ts.parseRetryDelay(policy, "  wait 42 s */\n"), 42);
assert.equal(ts.parseRetryDelay(policy, "wait  7  s */"), 7);
assert.equal(ts.parseRetryDelay(policy, "wait +7 s */"), 7);
assert.equal(ts.parseRetryDelay(policy, "wait 0 s */"), 0);
assert.equal(ts.parseRetryDelay(policy, "wait -1 s */"), null);
assert.equal(ts.parseRetryDelay(policy, "wait 1.5 s */"), null);
assert.equal(ts.parseRetryDelay(policy, "wait  s */"), null);
assert.equal(ts.parseRetryDelay(policy, "wait 42 s"), null);
assert.equal(ts.parseRetryDelay(policy, "sleep 42 s */"), null);
assert.equal(ts.parseRetryDelay(policy, "wait 99999999999999999999 s */"), null);
const plain = { policy: "after-delay", delayField: "details", delayFormat: "Retry-After: {seconds}" };
assert.equal(ts.parseRetryDelay(plain, "Retry-After: 3600"), 3600);
assert.equal(ts.parseRetryDelay({ ...plain, delayFormat: "no placeholder" }, "no placeholder"), null);
assert.equal(ts.parseRetryDelay(ts.ERRORS[7].retry, "wait 42 s */"), null);
assert.equal(ts.parseRetryDelay({ policy: "backoff", minDelaySecs: 5 }, "5"), null);

const sub = ts.findSubcode(ts.ERRORS[0], 9223372036854775807);
assert.equal(sub?.source, "up\"stream");
assert.equal(ts.findSubcode(ts.ERRORS[0], 1), undefined);

console.log(`ok: ${compared} strings`);
"#;

#[test]
fn hostile_strings_survive_at_run_time() {
    let tsc = tsc();
    let c = hostile();
    let dir = temp_dir("hostile-run");
    write_package(&c, &dir);
    let out = node(&[&tsc, Path::new("-p"), &dir.join("tsconfig.json")]);
    assert!(
        out.status.success(),
        "tsc cannot build the hostile package (kept in {})\n{}",
        dir.display(),
        show(&out)
    );
    let expected = dir.join("expected.json");
    std::fs::write(&expected, errcat::export::export_string(&c)).unwrap();
    let script = dir.join("check.mjs");
    std::fs::write(&script, CHECK_SCRIPT).unwrap();
    let out = node(&[&script, &dir, &expected]);
    assert!(
        out.status.success() && text(&out.stdout).starts_with("ok:"),
        "the compiled hostile package differs from the catalog (kept in {})\n{}",
        dir.display(),
        show(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn json_file(text: &str, what: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{what} is not JSON: {e}"))
}

/// tsconfig.json is JSON with a comment line first.
fn tsconfig(text: &str, what: &str) -> Value {
    let (first, rest) = text.split_once('\n').expect("two lines");
    assert!(first.starts_with("// "), "{what}: {first:?}");
    json_file(rest, what)
}

#[test]
fn scaffold_is_a_package_named_from_the_catalog() {
    for (c, name, version) in [
        (
            compile(&repo().join("tests/fixtures/valid/strings")),
            "shop-errors",
            "2.1.0",
        ),
        (ints(), "@example/ints-errors", "1.0.0"),
    ] {
        let files = typescript::scaffold(&c);
        assert_eq!(files, typescript::scaffold(&c), "scaffolding twice differs");
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            ["README.md", "package.json", "src/index.ts", "tsconfig.json"]
        );
        let file = |p: &str| {
            &files
                .iter()
                .find(|f| f.path == p)
                .expect("scaffolded")
                .contents
        };
        let pkg = json_file(file("package.json"), "package.json");
        assert_eq!(pkg["name"], name);
        assert_eq!(pkg["version"], version);
        assert_eq!(pkg["type"], "module");
        assert_eq!(pkg["main"], "./dist/index.js");
        assert_eq!(pkg["types"], "./dist/index.d.ts");
        assert_eq!(pkg["exports"]["."]["import"], "./dist/index.js");
        assert_eq!(pkg["scripts"]["build"], "tsc -p .");
        assert_eq!(pkg["scripts"]["check"], "tsc -p . --noEmit");
        assert_eq!(
            pkg["devDependencies"]["typescript"],
            typescript::TYPESCRIPT_VERSION
        );
        assert!(
            pkg["description"]
                .as_str()
                .is_some_and(|d| d.starts_with(&c.meta.title)),
            "{pkg}"
        );
        let config = tsconfig(file("tsconfig.json"), "tsconfig.json");
        assert_eq!(config["compilerOptions"]["strict"], true);
        assert!(file("src/index.ts").ends_with("export * from \"./generated/catalog.js\";\n"));
        let readme = file("README.md");
        for needle in ["npm run build", "npm publish", "errcat generate"] {
            assert!(
                readme.contains(needle),
                "README lacks {needle:?}:\n{readme}"
            );
        }
    }
}

/// Ayrshare's `package.json` and `tsconfig.json` are hand-owned now; they
/// keep the catalog's name and version, the pinned TypeScript and the
/// scaffold's compiler settings.
#[test]
fn hand_owned_package_files_follow_the_catalog() {
    let c = compile(&repo().join("catalog"));
    let ts = repo().join("generated/ts");
    let read = |name: &str| std::fs::read_to_string(ts.join(name)).expect("read");
    let pkg = json_file(&read("package.json"), "generated/ts/package.json");
    assert_eq!(pkg["name"], c.meta.npm_package.as_str());
    assert_eq!(pkg["version"], c.meta.version.as_str());
    assert_eq!(
        pkg["devDependencies"]["typescript"],
        typescript::TYPESCRIPT_VERSION
    );
    let ours = tsconfig(&read("tsconfig.json"), "generated/ts/tsconfig.json");
    let scaffold = typescript::scaffold(&c);
    let theirs = scaffold
        .iter()
        .find(|f| f.path == "tsconfig.json")
        .expect("scaffolded tsconfig.json");
    assert_eq!(ours, tsconfig(&theirs.contents, "scaffolded tsconfig.json"));
}
