//! The TypeScript package: it type-checks under the pinned compiler with
//! strict settings for small, hostile, empty, string-code and real
//! catalogs; at run time it holds what the catalog's export holds, byte for
//! byte, with each fact left out, optional or plain as the catalog states
//! it; and the scaffolded package files make a package that builds.
//!
//! A catalog's package is the scaffold (`typescript::scaffold`) plus the
//! generated module; Ayrshare's is its hand-owned files and runtime in
//! `generated/ts` plus the generated module.
//!
//! These tests run the real compiler: `node` must be on `PATH` and
//! `generated/ts/node_modules` installed (`npm ci --prefix generated/ts`).
//! Without them the tests fail; they never skip.

use std::path::Path;
use std::process::{Command, Output};

use errcat::emit::typescript;
use errcat::ir::{Catalog, Code, Facts};
use serde_json::Value;

mod common;
use common::{TS_SETUP, repo, show, temp_dir, text, tsc};

fn compile(path: &Path) -> Catalog {
    errcat::compile(path).unwrap_or_else(|f| panic!("{}:\n{}", path.display(), f.render()))
}

fn fixture(name: &str) -> Catalog {
    compile(&repo().join("tests/fixtures/valid").join(name))
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

fn shipped() -> Catalog {
    compile(&repo().join("catalog"))
}

/// A catalog with no entries: every fact unstated.
fn emptied(mut c: Catalog) -> Catalog {
    c.errors.clear();
    c.groups.clear();
    c.platforms.clear();
    c.http_statuses.clear();
    c.examples.clear();
    c.facts = Facts::of(&c.errors);
    c
}

fn node(args: &[&Path]) -> Output {
    Command::new("node").args(args).output().expect("run node")
}

fn write(dir: &Path, rel: &str, contents: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("a file has a parent")).expect("mkdir");
    std::fs::write(&path, contents).expect("write");
}

/// The generated module of `c` in the package at `dir`.
fn write_generated(c: &Catalog, dir: &Path) {
    let files = typescript::emit(c).expect("emit TypeScript");
    assert_eq!(
        files,
        typescript::emit(c).expect("emit TypeScript"),
        "emitting twice gives different output"
    );
    assert_eq!(
        files.iter().map(|f| f.path.as_str()).collect::<Vec<_>>(),
        [typescript::CATALOG_TS],
        "the emitter writes the generated module and nothing else"
    );
    for f in files {
        write(dir, &f.path, &f.contents);
    }
}

/// The package a new catalog gets: the scaffold and the generated module.
fn write_scaffold_package(c: &Catalog, dir: &Path) {
    for f in typescript::scaffold(c) {
        write(dir, &f.path, &f.contents);
    }
    write_generated(c, dir);
}

/// Ayrshare's package: its hand-owned files and runtime from
/// `generated/ts`, with the module generated now.
fn write_shipped_package(c: &Catalog, dir: &Path) {
    let ts = repo().join("generated/ts");
    for name in ["package.json", "tsconfig.json"] {
        std::fs::copy(ts.join(name), dir.join(name)).expect("copy a hand-owned file");
    }
    std::fs::create_dir_all(dir.join("src")).expect("mkdir src");
    for entry in std::fs::read_dir(ts.join("src")).expect("generated/ts/src") {
        let path = entry.expect("entry").path();
        if path.is_file() && path.extension().is_some_and(|x| x == "ts") {
            let name = path.file_name().expect("name");
            std::fs::copy(&path, dir.join("src").join(name)).expect("copy hand-written module");
        }
    }
    write_generated(c, dir);
}

/// Runs the pinned tsc on the package at `dir` with `--strict`, emitting
/// `dist/` or not.
fn run_tsc(dir: &Path, emit: bool, label: &str) {
    let tsc = tsc();
    let mut args = vec![tsc.as_path(), Path::new("-p"), dir, Path::new("--strict")];
    if !emit {
        args.push(Path::new("--noEmit"));
    }
    let out = node(&args);
    assert!(
        out.status.success(),
        "tsc rejects the TypeScript package for the {label} catalog (kept in {})\n{}",
        dir.display(),
        show(&out)
    );
}

fn type_check_scaffold_package(c: &Catalog, label: &str, extra: Option<&str>) {
    let dir = temp_dir(label);
    write_scaffold_package(c, &dir);
    if let Some(types) = extra {
        write(&dir, "src/type-checks.ts", types);
    }
    run_tsc(&dir, false, label);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn integer_catalog_type_checks() {
    type_check_scaffold_package(&ints(), "ints", Some(INTEGER_TYPES));
}

#[test]
fn hostile_catalog_type_checks() {
    type_check_scaffold_package(&fixture("hostile"), "hostile", None);
}

#[test]
fn string_catalog_type_checks() {
    type_check_scaffold_package(&fixture("strings"), "strings", Some(STRING_TYPES));
}

#[test]
fn empty_catalogs_type_check() {
    type_check_scaffold_package(&emptied(fixture("hostile")), "empty", None);
    type_check_scaffold_package(&emptied(fixture("strings")), "empty-strings", None);
}

/// The checked-in golden modules (which the golden test holds to the
/// emitter's output), each in a scaffolded package.
#[test]
fn golden_modules_type_check() {
    let scaffold = typescript::scaffold(&fixture("hostile"));
    let mut checked = 0;
    for entry in std::fs::read_dir(repo().join("tests/golden")).expect("tests/golden") {
        let root = entry.expect("entry").path();
        let module = root.join("generated/ts").join(typescript::CATALOG_TS);
        if !module.is_file() {
            continue;
        }
        let label = format!(
            "golden-{}",
            root.file_name().expect("name").to_string_lossy()
        );
        let dir = temp_dir(&label);
        for f in &scaffold {
            write(&dir, &f.path, &f.contents);
        }
        let text = std::fs::read_to_string(&module).expect("read a golden module");
        write(&dir, typescript::CATALOG_TS, &text);
        run_tsc(&dir, false, &label);
        let _ = std::fs::remove_dir_all(&dir);
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} golden TypeScript modules");
}

/// The shipped catalog's module under Ayrshare's own settings and runtime.
#[test]
fn shipped_package_type_checks() {
    let dir = temp_dir("shipped");
    write_shipped_package(&shipped(), &dir);
    run_tsc(&dir, false, "shipped");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Compiled with the integer catalog ([`INTS`]): types that must hold,
/// and `@ts-expect-error` lines that must stay errors.
const INTEGER_TYPES: &str = r#"
import { ERRORS, ErrorCode, isRetryable, requiresRelink, toCode, type Code, type Group, type Severity } from "./index.js";

export function narrow(c: Code): ErrorCode | null {
  return c.known ? c.code : null;
}
export const unknown: number = toCode(999).code;
export const retry: boolean = isRetryable(1);
export const relink: boolean = requiresRelink(1);
export const severity: Severity | null = ERRORS[ErrorCode.SlowNote].severity;
export const status: number | null = ERRORS[1].httpStatus;
export const docs: string = ERRORS[1].docsUrl;
export const group: Group | null = ERRORS[2].group;
// @ts-expect-error: integer catalogs take a number
toCode("1");
// @ts-expect-error: only some entries state a severity
export const plainSeverity: Severity = ERRORS[1].severity;
// @ts-expect-error: not a code of the catalog
export const badCode: ErrorCode = 3;
"#;

/// Compiled with the string fixture (`strings`), as [`INTEGER_TYPES`].
const STRING_TYPES: &str = r#"
import { ERRORS, ErrorCode, GROUPS, isRetryable, toCode, type Code, type Group } from "./index.js";

export function narrow(c: Code): ErrorCode | null {
  return c.known ? c.code : null;
}
export const unknown: string = toCode("ZZ999").code;
export const retry: boolean | null = isRetryable("23505");
export const status: number | null = ERRORS["23505"].httpStatus;
export const group: Group | null = ERRORS[ErrorCode.CardDeclined].group;
export const members: readonly ErrorCode[] = GROUPS[0]?.codes ?? [];
// @ts-expect-error: string catalogs take a string
toCode(23505);
// @ts-expect-error: only some entries state a status
export const plainStatus: number = ERRORS["23505"].httpStatus;
// @ts-expect-error: only some entries state a retry policy
export const plainRetry: boolean = isRetryable("23505");
// @ts-expect-error: no entry states a relink requirement
ERRORS["23505"].relink;
// @ts-expect-error: the catalog has no docs_url
ERRORS["23505"].docsUrl;
// @ts-expect-error: not a group of the catalog
export const badGroup: Group = "nope";
// @ts-expect-error: not a code of the catalog
export const badCode: ErrorCode = "ZZ999";
"#;

/// Imports the compiled package and compares it with the export of the
/// same catalog: every value, which facts `ErrorInfo` has and in which
/// order (presence read from the export, not from the emitter), the
/// catalog-level constants and helpers, and the open world of codes the
/// catalog lacks. Each test appends its own checks.
const CHECK_SCRIPT: &str = r#"
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pkgDir, exportPath, fingerprint] = process.argv.slice(2);
const ts = await import(pathToFileURL(`${pkgDir}/dist/index.js`).href);
const x = JSON.parse(readFileSync(exportPath, "utf8"));
const textCodes = x.catalog.code_kind === "string";

let compared = 0;
function same(actual, expected, what) {
  assert.equal(typeof actual, "string", what);
  assert.ok(
    Buffer.from(actual, "utf8").equals(Buffer.from(expected, "utf8")),
    `${what}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`,
  );
  compared++;
}
const has = (name) => Object.hasOwn(ts, name);

// "never", "sometimes" or "always": how many entries state a fact.
function presence(stated) {
  const n = x.codes.filter(stated).length;
  return n === 0 ? "never" : n === x.codes.length ? "always" : "sometimes";
}
const stated = (key) => presence((e) => e[key] !== null);
const listed = (key) => (x.codes.some((e) => e[key].length > 0) ? "always" : "never");
const camel = (o) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));

const p = {
  group: x.groups.length > 0 ? stated("group") : "never",
  httpStatus: stated("http_status"),
  action: stated("action"),
  platforms: stated("platforms"),
  severity: stated("severity"),
  appearsIn: stated("appears_in"),
  retry: stated("retry"),
  relink: stated("relink_policy"),
  remedy: stated("remedy"),
  messages: listed("messages"),
  description: stated("description"),
  advice: stated("advice"),
  subcodes: listed("subcodes"),
  cases: listed("cases"),
  docsUrl: x.catalog.docs_url === null ? "never" : "always",
};
// ErrorInfo's fields in order, each with its value for an export entry.
const fields = [
  ["code", "always", (e) => e.code],
  ["name", "always", (e) => e.name],
  ["title", "always", (e) => e.title],
  ["group", p.group, (e) => e.group],
  ["httpStatus", p.httpStatus, (e) => e.http_status],
  ["action", p.action, (e) => e.action],
  ["platforms", p.platforms, (e) => e.platforms],
  ["severity", p.severity, (e) => e.severity],
  ["appearsIn", p.appearsIn, (e) => e.appears_in],
  ["retry", p.retry, (e) => (e.retry === null ? null : camel(e.retry))],
  ["relink", p.relink, (e) => e.relink_policy],
  ["remedy", p.remedy, (e) => e.remedy],
  ["messages", p.messages, (e) => e.messages],
  ["description", p.description, (e) => e.description],
  ["advice", p.advice, (e) => e.advice],
  ["subcodes", p.subcodes, (e) => e.subcodes.map(camel)],
  ["cases", p.cases, (e) => e.cases.map(camel)],
  ["supersededBy", "always", (e) => e.superseded_by],
  ["replaces", "always", (e) => e.replaces],
  ["replacedBy", "always", (e) => e.replaced_by],
  ["related", "always", (e) => e.related],
  ["retired", "always", (e) => e.retired],
  ["docsUrl", p.docsUrl, (e) => e.docs_url],
].filter(([, presence]) => presence !== "never");

// The catalog.
same(ts.CATALOG.name, x.catalog.name, "catalog name");
same(ts.CATALOG.title, x.catalog.title, "catalog title");
same(ts.CATALOG.version, x.catalog.version, "catalog version");
if (x.catalog.docs_url === null) {
  assert.deepEqual(Object.keys(ts.CATALOG), ["name", "title", "version"]);
} else {
  same(ts.CATALOG.docsUrl, x.catalog.docs_url, "catalog docs_url");
}
assert.equal(ts.CATALOG_FINGERPRINT, fingerprint);
if (x.envelope.declared) {
  same(ts.CODE_FIELD, x.envelope.code_field, "code field");
  // The first key of every envelope path and documented field, and the
  // code field.
  const keys = new Set([x.envelope.code_field]);
  const paths = [...x.envelope.errors, ...x.envelope.warnings, ...x.envelope.nested, ...x.envelope.platform];
  for (const path of paths) {
    const first = path.split(".")[0].replace(/\[\]$/, "");
    if (first !== "" && first !== "*" && !first.startsWith("{")) keys.add(first);
  }
  for (const f of x.fields) keys.add(f.name.split(/[.[]/)[0]);
  assert.deepEqual(ts.ENVELOPE_KEYS, [...keys].sort());
} else {
  assert.ok(!has("CODE_FIELD") && !has("ENVELOPE_KEYS"), "no envelope declared");
}
if (x.http_statuses.length > 0) {
  assert.deepEqual(ts.HTTP_STATUSES, x.http_statuses);
} else {
  assert.ok(!has("HTTP_STATUSES"), "no statuses");
}
if (x.platforms.length > 0 || p.platforms !== "never") {
  assert.deepEqual(ts.PLATFORMS, x.platforms.map((pl) => pl.id));
  for (const pl of x.platforms) same(ts.PLATFORM_TITLES[pl.id], pl.title, `platform ${pl.id} title`);
  assert.equal(ts.isPlatform("toString"), false);
} else {
  assert.ok(!has("PLATFORMS") && !has("isPlatform"), "no platforms");
}
if (x.groups.length > 0) {
  assert.deepEqual(ts.GROUPS, x.groups);
  ts.GROUPS.forEach((g) => assert.equal(ts.groupInfo(g.id), g));
  assert.equal(ts.groupInfo("toString"), undefined);
  assert.equal(ts.groupInfo("__proto__"), undefined);
} else {
  assert.ok(!has("GROUPS") && !has("groupInfo"), "no groups");
}
const refined = p.subcodes !== "never" || p.cases !== "never";
assert.equal(has("SEVERITIES"), p.severity !== "never", "SEVERITIES");
assert.equal(has("APPEARANCES"), p.appearsIn !== "never", "APPEARANCES");
assert.equal(has("RELINKS"), p.relink !== "never" || refined, "RELINKS");
assert.equal(has("REMEDIES"), p.remedy !== "never" || refined, "REMEDIES");
assert.equal(has("isRetryable"), p.retry !== "never", "isRetryable");
assert.equal(has("parseRetryDelay"), p.retry !== "never", "parseRetryDelay");
assert.equal(has("requiresRelink"), p.relink !== "never", "requiresRelink");
assert.equal(has("findSubcode"), p.subcodes !== "never", "findSubcode");

// Every entry.
assert.deepEqual(ts.ERROR_CODES, x.codes.map((e) => e.code));
assert.equal(Object.getPrototypeOf(ts.ERRORS), Object.prototype);
assert.equal(Object.keys(ts.ERRORS).length, x.codes.length);
for (const e of x.codes) {
  const what = `code ${e.code}`;
  assert.ok(Object.hasOwn(ts.ERRORS, String(e.code)), `${what} is an own key of ERRORS`);
  const info = ts.ERRORS[e.code];
  assert.deepEqual(Object.keys(info), fields.map(([k]) => k), `${what} fields`);
  assert.deepEqual(info, Object.fromEntries(fields.map(([k, , value]) => [k, value(e)])), what);
  same(info.title, e.title, `${what} title`);
  e.messages.forEach((m, i) => same(info.messages[i], m, `${what} message ${i}`));
  if (e.description !== null) same(info.description, e.description, `${what} description`);
  if (e.advice !== null) same(info.advice, e.advice, `${what} advice`);
  e.cases.forEach((k, i) => same(info.cases[i].title, k.title, `${what} case ${i} title`));
  if (p.retry !== "never") assert.equal(ts.isRetryable(e.code), e.retryable, `${what} isRetryable`);
  if (p.relink !== "never") assert.equal(ts.requiresRelink(e.code), e.relink, `${what} requiresRelink`);
  assert.equal(ts.ErrorCode[e.name], e.code, `${what} ErrorCode.${e.name}`);
  assert.equal(ts.errorCodeFromName(e.name), e.code, `${what} errorCodeFromName`);
  assert.equal(ts.isErrorCode(e.code), true, `${what} isErrorCode`);
  assert.equal(ts.errorInfo(e.code), info, `${what} errorInfo`);
  assert.deepEqual(ts.toCode(e.code), { known: true, code: e.code, name: e.name }, `${what} toCode`);
  assert.equal(ts.isErrorCode(textCodes ? Number(e.code) : String(e.code)), false, `${what} of the other kind`);
  if (p.group !== "never") {
    const g = x.groups.find((g) => g.codes.includes(e.code));
    assert.equal(info.group, g === undefined ? null : g.id, `${what} group`);
  }
}

// The open world: a code the catalog lacks keeps its value, and no helper
// throws, whatever it is given.
const known = new Set(x.codes.map((e) => e.code));
let unknown = textCodes ? "ZZ999" : 999;
while (known.has(unknown)) unknown = textCodes ? `${unknown}x` : unknown + 1;
const strangers = [unknown, "toString", "constructor", "__proto__", "hasOwnProperty", "", undefined, null, NaN, -1, 1.5, {}, []];
for (const v of strangers.filter((v) => !known.has(v))) {
  const what = `stranger ${String(v)}`;
  assert.deepEqual(ts.toCode(v), { known: false, code: v }, `${what} toCode`);
  assert.equal(ts.errorInfo(v), undefined, `${what} errorInfo`);
  assert.equal(ts.isErrorCode(v), false, `${what} isErrorCode`);
  assert.equal(ts.errorCodeFromName(v), undefined, `${what} errorCodeFromName`);
  const nothing = (presence) => (presence === "always" ? false : null);
  if (p.retry !== "never") assert.equal(ts.isRetryable(v), nothing(p.retry), `${what} isRetryable`);
  if (p.relink !== "never") assert.equal(ts.requiresRelink(v), nothing(p.relink), `${what} requiresRelink`);
}
"#;

/// What a run-time check needs: the export and the fingerprint, next to
/// the built package in `dir`.
fn run_checks(c: &Catalog, dir: &Path, extra: &str, label: &str) {
    let expected = dir.join("expected.json");
    std::fs::write(&expected, errcat::export::export_string(c)).expect("write the export");
    let script = dir.join("check.mjs");
    let body = format!("{CHECK_SCRIPT}\n{extra}\nconsole.log(`ok: ${{compared}} strings`);\n");
    std::fs::write(&script, body).expect("write the script");
    let fingerprint = format!("{:016x}", errcat::emit::fingerprint(c));
    let out = node(&[&script, dir, &expected, Path::new(&fingerprint)]);
    assert!(
        out.status.success() && text(&out.stdout).starts_with("ok:"),
        "the compiled {label} package differs from the catalog (kept in {})\n{}",
        dir.display(),
        show(&out)
    );
}

/// Builds the scaffolded package of `c` with `tsc`, then runs the checks.
fn check_at_run_time(c: &Catalog, label: &str, extra: &str) {
    let dir = temp_dir(label);
    write_scaffold_package(c, &dir);
    run_tsc(&dir, true, label);
    run_checks(c, &dir, extra, label);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hostile_strings_survive_at_run_time() {
    check_at_run_time(
        &fixture("hostile"),
        "hostile-run",
        r#"
assert.ok(compared >= 10, `only ${compared} strings compared`);
assert.equal(ts.isPlatform("type"), true);

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
"#,
    );
}

#[test]
fn integer_codes_at_run_time() {
    check_at_run_time(
        &ints(),
        "ints-run",
        r#"
assert.deepEqual(ts.toCode(1), { known: true, code: 1, name: "RateLimited" });
assert.deepEqual(ts.toCode(999), { known: false, code: 999 });
assert.equal(ts.ErrorCode.SlowNote, 2);
assert.equal(ts.ERRORS[1].name, "RateLimited");
assert.equal(ts.ERRORS[2].httpStatus, null);
assert.equal(ts.ERRORS[1].severity, null);
assert.equal(ts.ERRORS[2].severity, "warning");
assert.deepEqual(ts.ERRORS[1].retry, { policy: "backoff", minDelaySecs: 30 });
assert.equal(ts.isRetryable(1), true);
assert.equal(ts.isRetryable(2), false);
assert.equal(ts.isRetryable(999), false);
assert.equal(ts.requiresRelink(1), false);
assert.equal(ts.requiresRelink(2), true);
assert.equal(ts.requiresRelink(999), false);
assert.equal(ts.errorInfo(999), undefined);
assert.deepEqual(ts.GROUPS, [{ id: "limits", title: "Limits", description: "Too much, too fast.", codes: [1] }]);
assert.equal(ts.ERRORS[1].group, "limits");
assert.equal(ts.ERRORS[2].group, null);
assert.equal(ts.CODE_FIELD, "code");
assert.deepEqual(ts.ENVELOPE_KEYS, ["code", "errors"]);
assert.equal(ts.CATALOG.docsUrl, "https://docs.example.com/errors");
assert.equal(ts.ERRORS[1].docsUrl, "https://docs.example.com/errors/codes/1.html");
"#,
    );
}

/// The string fixture, built the way its README says: `npm run build`.
#[test]
fn string_codes_at_run_time() {
    let c = fixture("strings");
    let dir = temp_dir("strings-run");
    write_scaffold_package(&c, &dir);
    npm_build(&dir);
    run_checks(
        &c,
        &dir,
        r#"
assert.deepEqual(ts.toCode("23505"), { known: true, code: "23505", name: "DuplicateOrder" });
assert.deepEqual(ts.toCode("ZZ999"), { known: false, code: "ZZ999" });
assert.deepEqual(ts.toCode("CARD_DECLINED"), { known: false, code: "CARD_DECLINED" });
assert.equal(ts.ErrorCode.RateLimited, "rate-limit.exceeded");
assert.equal(ts.ERRORS["card_declined"].name, "CardDeclined");
assert.equal(ts.ERRORS["card_declined"].group, "payment");
assert.equal(ts.ERRORS["23505"].group, null);
assert.equal(ts.ERRORS["23505"].httpStatus, null);
assert.deepEqual(ts.ERRORS["23505"].related, ["card_declined"]);
assert.equal(ts.errorInfo("rate-limit.exceeded")?.advice, "Wait, then send the request again with exponential backoff.");
assert.equal(ts.errorInfo("ZZ999"), undefined);
assert.equal(ts.isRetryable("rate-limit.exceeded"), true);
assert.equal(ts.isRetryable("23505"), null);
assert.equal(ts.isRetryable("ZZ999"), null);
assert.deepEqual(ts.GROUPS, [
  {
    id: "payment",
    title: "Payment errors",
    description: "The card or the payment method was refused.",
    codes: ["card_declined", "expired_card"],
  },
  { id: "request", title: "Request errors", description: null, codes: ["rate-limit.exceeded"] },
]);
assert.equal(ts.groupInfo("request")?.title, "Request errors");
assert.equal(ts.groupInfo("nope"), undefined);
assert.ok(!("requiresRelink" in ts) && !("HTTP_STATUSES" in ts) && !("isPlatform" in ts));
"#,
        "strings",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `__proto__` is a valid string code; as a plain key of an object literal
/// it would set the prototype of `ERRORS` instead of making an entry.
#[test]
fn a_proto_code_is_an_entry() {
    let mut c = fixture("strings");
    let mut proto = c.errors[0].clone();
    proto.code = Code::Str("__proto__".to_string());
    proto.name = "Proto".to_string();
    proto.anchor = "code-proto".to_string();
    c.errors.push(proto);
    c.errors.sort_by(|a, b| a.code.cmp(&b.code));
    c.facts = Facts::of(&c.errors);
    check_at_run_time(
        &c,
        "proto-run",
        r#"
assert.deepEqual(ts.toCode("__proto__"), { known: true, code: "__proto__", name: "Proto" });
assert.equal(ts.errorInfo("__proto__")?.name, "Proto");
"#,
    );
}

/// The shipped catalog, through Ayrshare's own package (hand-owned
/// `index.ts` and runtime included).
#[test]
fn shipped_package_at_run_time() {
    let c = shipped();
    let dir = temp_dir("shipped-run");
    write_shipped_package(&c, &dir);
    run_tsc(&dir, true, "shipped");
    run_checks(
        &c,
        &dir,
        r#"
assert.ok(ts.ENVELOPE_KEYS.includes("postIds"));
assert.equal(typeof ts.classifyText, "function");
"#,
        "shipped",
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `npm run build` in the package at `dir`, with the pinned TypeScript
/// from `generated/ts/node_modules` first on the `PATH` npm hands its
/// scripts.
fn npm_build(dir: &Path) {
    tsc();
    let bin = repo().join("generated/ts/node_modules/.bin");
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&path)))
        .expect("a PATH");
    let out = Command::new("npm")
        .args(["run", "build", "--silent"])
        .current_dir(dir)
        .env("PATH", path)
        .output()
        .unwrap_or_else(|e| {
            panic!("`npm` is not on PATH ({e}); install it, then run `{TS_SETUP}`")
        });
    assert!(
        out.status.success(),
        "`npm run build` fails in the scaffolded package (kept in {})\n{}",
        dir.display(),
        show(&out)
    );
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
        (fixture("strings"), "shop-errors", "2.1.0"),
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
    let c = shipped();
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
