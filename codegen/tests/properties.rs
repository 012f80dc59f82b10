//! Property tests: random valid catalogs, written as TOML text so the
//! loader and the validator run too, go through every emitter, and the
//! output is checked with real parsers.
//!
//! The generator only makes valid catalogs: consistent retry, relink and
//! remedy; warnings in `warnings`; statuses from the catalog's list; codes
//! over the whole `u32` range; PascalCase names next to reserved words and
//! next to the names the generated code itself uses; and hostile text
//! (quotes, backslashes, comment markers, template syntax, Markdown
//! markers, CR, LF, U+2028, control and bidirectional characters) in every
//! free-text field. A catalog `errcat` rejects is a bug of the generator,
//! so it fails the test.
//!
//! - `emitters_hold_for_random_catalogs` (24 cases, `PROPTEST_CASES`
//!   overrides): the TOML reads back as written; one file, manifest +
//!   entries and entries + manifest give the same catalog and the same
//!   files; the Rust parses with syn; every JSON file parses and
//!   `catalog.json` states what the TOML says (`common::export_facts`); in
//!   the Markdown every table row has the header's cell count, every
//!   message is a code span or block (up to line endings, which CommonMark
//!   normalises), links go to anchors or http(s); the derive table has one
//!   line per code.
//! - `typescript_type_checks_for_random_catalogs` (3 cases): the real tsc,
//!   which needs `node` and `npm ci --prefix generated/ts`.
//! - `rust_compiles_for_random_catalogs` (2 cases): the generated module
//!   built as a crate of its own, offline, warnings denied, with
//!   `CARGO_TARGET_DIR=target/proptest-crates` so serde builds once.
//! - `regression_catalogs_hold`: every check on each catalog under
//!   `tests/fixtures/valid/regressions/`.
//!
//! A failing case prints its catalog as one TOML file, ready to go under
//! `tests/fixtures/valid/regressions/<name>/catalog.toml`.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use errcat::emit::typescript;
use errcat::emit::{Layout, emit_all};
use errcat::ir::Catalog;
use errcat::writer::GeneratedFile;
use proptest::collection::{btree_set, vec};
use proptest::option::weighted;
use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};
use pulldown_cmark::{Event, Tag};
use serde_json::{Map, Value, json};
use toml::{Table, Value as T};

mod common;
use common::markdown::{check_tables, code_texts, events};
use common::{export_facts, repo, show, tsc};

// ------------------------------------------------------------ text pools

/// Fragments that break naive generators, in every target language.
const NASTY: &[&str] = &[
    "\"",
    "\\",
    "`",
    "```",
    "``",
    "*/",
    "/*",
    "/**",
    "//",
    "</script>",
    "<script>alert(1)</script>",
    "${x}",
    "{{y}}",
    "{{#each x}}",
    "{",
    "}",
    "|",
    "\\|",
    "<b>",
    "</a>",
    "<!--",
    "-->",
    "&amp;",
    "&#123;",
    "#",
    "# ",
    "- ",
    "* ",
    "> ",
    "1. ",
    "---",
    "[x](y)",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "  ",
    "    indented",
    "\u{202E}",
    "\u{202C}",
    "\u{200F}",
    "\u{2066}",
    "\u{2069}",
    "\u{85}",
    "\u{1b}[31m",
    "\u{7f}",
    "\u{2028}",
    "\u{2029}",
    "\u{FEFF}",
    "\u{7}",
    "😀",
    "👩‍👩‍👧",
    "'",
    "'''",
    "\"\"\"",
    "\\n",
    "\\u0041",
    "\\\\",
    "{#id}",
    "%s",
    "$1",
    "\"; drop",
    "#[doc]",
    "r#\"",
    "\"#",
];

const WORDS: &[&str] = &[
    "error",
    "rate",
    "limit",
    "Post",
    "user",
    "token",
    "the",
    "a",
    "retry",
    "x",
    "42",
    "Ünïcödé",
    "日本語",
    "ελληνικά",
    "naïve",
    "→",
];

/// PascalCase names that pass validation but sit next to something taken:
/// keywords of Rust and TypeScript, prelude and standard names, the
/// generated code's own types and members, and `Object.prototype`.
const NAMES: &[&str] = &[
    "Typed",
    "Types",
    "Crates",
    "Matches",
    "Loopy",
    "Enumerated",
    "Selfish",
    "SelfType",
    "Async2",
    "Awaiting",
    "Structs",
    "Impls",
    "Dyn2",
    "Unsafely",
    "Wherever",
    "Yielded",
    "Moved",
    "Refs",
    "Supers",
    "Traits",
    "Constructors",
    "Prototype",
    "Proto",
    "ToString",
    "ValueOf",
    "HasOwnProperty",
    "IsPrototypeOf",
    "Some",
    "None",
    "Ok",
    "Err",
    "Option",
    "Result",
    "Vec",
    "Clone",
    "Debug",
    "Error",
    "Display",
    "Hash",
    "Send",
    "Sized",
    "Copy",
    "Into",
    "Iterator",
    "Serialize",
    "Deserialize",
    "Formatter",
    "Value",
    "Map",
    "Array",
    "Date",
    "Promise",
    "Record",
    "Severity",
    "Appearance",
    "Relink",
    "Remedy",
    "RetryPolicy",
    "RetryKind",
    "ErrorInfo",
    "Subcode",
    "Direction",
    "Catalog",
    "Info",
    "Codes",
    "ErrorCodes",
    "Platforms",
    "Unknowns",
    "Known2",
    "All",
    "Core",
    "Std",
    "Serde",
    "X",
    "A1",
    "Http2Error",
];

/// Platform ids that are words elsewhere: keywords, prototype members, the
/// keys of a response body.
const PLATFORM_IDS: &[&str] = &[
    "type",
    "constructor",
    "proto",
    "self",
    "fn",
    "in",
    "default",
    "tostring",
    "valueof",
    "x-y",
    "a_b-c",
    "errors",
    "warnings",
    "code",
    "status",
    "message",
    "resolution",
    "z9",
];

/// Pieces of URLs that `is_url` accepts but that mean something in a
/// string literal, a comment or Markdown.
const URL_BITS: &[&str] = &[
    "*/", "/*", "`", "'", "\\", "{x}", "${y}", "|", "#frag", "%22", "(", ")", "[", "]", "&amp;",
    "?a=1&b=2", "_", "~", "!", "@", "docs", "errors", "a_b", "*",
];

const APPEARANCES: &[&str] = &[
    "errors-array",
    "top-level",
    "platform-keyed",
    "partial-success",
];
const RELINKS: &[&str] = errcat::ir::Relink::WORDS;
const REMEDIES: &[&str] = errcat::ir::Remedy::WORDS;
const NEVER_REMEDIES: &[&str] = &["fix-request", "contact-platform", "none"];
const FIELD_TYPES: &[&str] = errcat::ir::FIELD_TYPES;
/// Keys of a response body that `error_objects` reads itself: a platform
/// with one of these ids cannot key a platform-keyed example.
const BODY_KEYS: &[&str] = &[
    "errors",
    "warnings",
    "resolution",
    "status",
    "code",
    "message",
];

// ------------------------------------------------------------ strategies

/// Free text: plain words and hostile fragments, never blank.
fn text() -> BoxedStrategy<String> {
    let piece = prop_oneof![3 => select(WORDS), 2 => select(NASTY)];
    vec((piece, any::<bool>()), 1..7)
        .prop_map(|pieces| {
            let mut s = String::new();
            for (p, space) in pieces {
                s.push_str(p);
                if space {
                    s.push(' ');
                }
            }
            if s.trim().is_empty() {
                s.push_str("blank");
            }
            s
        })
        .boxed()
}

fn pascal() -> BoxedStrategy<String> {
    prop_oneof![
        select(NAMES).prop_map(String::from),
        // Ends in a digit, so never a keyword.
        "[A-Z][a-z]{1,6}([A-Z][a-z]{0,5})?[0-9]",
    ]
    .boxed()
}

fn platform_id() -> BoxedStrategy<String> {
    prop_oneof![
        select(PLATFORM_IDS).prop_map(String::from),
        "[a-z][a-z0-9_-]{0,8}",
    ]
    .boxed()
}

fn url() -> BoxedStrategy<String> {
    (
        select(&["https://", "http://"][..]),
        "[a-z0-9][a-z0-9.-]{0,10}",
        vec(select(URL_BITS), 0..6),
    )
        .prop_map(|(scheme, host, bits)| format!("{scheme}{host}/{}", bits.concat()))
        .boxed()
}

fn code() -> BoxedStrategy<u32> {
    prop_oneof![Just(0u32), Just(u32::MAX), 0u32..1000, any::<u32>()].boxed()
}

/// What entries need to know about the manifest.
#[derive(Debug, Clone)]
struct Ctx {
    success: u16,
    failure: Vec<u16>,
    platforms: Vec<String>,
}

impl Ctx {
    fn statuses(&self) -> Vec<u16> {
        let mut s = self.failure.clone();
        s.push(self.success);
        s
    }
}

#[derive(Debug, Clone)]
struct Manifest {
    /// `[catalog]`, `[[http_status]]` and `[[platform]]`; examples are
    /// added once the codes are known.
    table: Table,
    ctx: Ctx,
}

fn s(x: &str) -> T {
    T::String(x.to_string())
}

fn strings(xs: &[String]) -> T {
    T::Array(xs.iter().map(|x| s(x)).collect())
}

fn tables(xs: Vec<Table>) -> T {
    T::Array(xs.into_iter().map(T::Table).collect())
}

/// Append `Dup` until the name is free, ignoring case (as validation
/// does). A lone capital stays PascalCase: `XDup`, not `XV`.
fn unique_name(name: &str, seen: &mut BTreeSet<String>) -> String {
    let mut n = name.to_string();
    while !seen.insert(n.to_ascii_lowercase()) {
        n.push_str("Dup");
    }
    n
}

/// Drop repeats, keeping the first.
fn dedup<K: Ord + Clone, X>(xs: Vec<X>, key: impl Fn(&X) -> K) -> Vec<X> {
    let mut seen = BTreeSet::new();
    xs.into_iter().filter(|x| seen.insert(key(x))).collect()
}

fn manifest() -> BoxedStrategy<Manifest> {
    let meta = (
        "[a-z][a-z0-9_-]{0,10}",
        text(),
        weighted(0.7, text()),
        "(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})(-[a-z0-9]{1,5}(\\.[a-z0-9]{1,3})?)?",
        url(),
        weighted(0.5, url()),
        "[a-z][a-z0-9_-]{0,12}",
        "(@[a-z0-9][a-z0-9._~-]{0,6}/)?[a-z0-9][a-z0-9._~-]{0,10}",
    );
    let header = (
        text(),
        select(&["request", "response"][..]),
        text(),
        vec(text(), 0..=2),
    );
    let field = (text(), select(FIELD_TYPES), text());
    let statuses = (
        select(&[200u16, 201, 202, 204][..]),
        btree_set(
            prop_oneof![
                select(&[400u16, 401, 403, 404, 409, 422, 429, 500, 502, 503][..]),
                100u16..=599,
            ],
            0..=2,
        ),
        vec(text(), 3),
    );
    let platforms = vec((platform_id(), pascal(), text()), 0..=4);
    (
        meta,
        vec(header, 0..=2),
        vec(field, 0..=2),
        statuses,
        platforms,
    )
        .prop_map(|(meta, headers, fields, statuses, platforms)| {
            let (name, title, description, version, docs_url, source_url, rust_crate, npm) = meta;
            let mut cat = Table::new();
            cat.insert("name".into(), s(&name));
            cat.insert("title".into(), s(&title));
            if let Some(d) = description {
                cat.insert("description".into(), s(&d));
            }
            cat.insert("version".into(), s(&version));
            cat.insert("docs_url".into(), s(&docs_url));
            if let Some(u) = source_url {
                cat.insert("source_url".into(), s(&u));
            }
            cat.insert("rust_crate".into(), s(&rust_crate));
            cat.insert("npm_package".into(), s(&npm));
            if !headers.is_empty() {
                let hs = headers
                    .into_iter()
                    .map(|(name, dir, desc, examples)| {
                        let mut h = Table::new();
                        h.insert("name".into(), s(&name));
                        h.insert("direction".into(), s(dir));
                        h.insert("description".into(), s(&desc));
                        h.insert("examples".into(), strings(&examples));
                        h
                    })
                    .collect();
                cat.insert("header".into(), tables(hs));
            }
            let fields = dedup(fields, |f| f.0.clone());
            if !fields.is_empty() {
                let fs = fields
                    .into_iter()
                    .map(|(name, ty, desc)| {
                        let mut f = Table::new();
                        f.insert("name".into(), s(&name));
                        f.insert("type".into(), s(ty));
                        f.insert("description".into(), s(&desc));
                        f
                    })
                    .collect();
                cat.insert("field".into(), tables(fs));
            }

            let (success, failure, meanings) = statuses;
            let failure: Vec<u16> = failure.into_iter().filter(|c| *c != success).collect();
            let mut status_tables = Vec::new();
            // The failures first: the file order is not the sorted order.
            for (i, code) in failure.iter().chain([&success]).enumerate() {
                let mut t = Table::new();
                t.insert("code".into(), T::Integer(i64::from(*code)));
                t.insert("meaning".into(), s(&meanings[i]));
                if *code == success {
                    t.insert("success".into(), T::Boolean(true));
                }
                status_tables.push(t);
            }

            let platforms = dedup(platforms, |p| p.0.clone());
            let mut names = BTreeSet::new();
            let mut platform_tables = Vec::new();
            let mut ids = Vec::new();
            for (id, name, title) in platforms {
                let mut t = Table::new();
                t.insert("id".into(), s(&id));
                t.insert("name".into(), s(&unique_name(&name, &mut names)));
                t.insert("title".into(), s(&title));
                platform_tables.push(t);
                ids.push(id);
            }

            let mut table = Table::new();
            table.insert("catalog".into(), T::Table(cat));
            table.insert("http_status".into(), tables(status_tables));
            if !platform_tables.is_empty() {
                table.insert("platform".into(), tables(platform_tables));
            }
            Manifest {
                table,
                ctx: Ctx {
                    success,
                    failure,
                    platforms: ids,
                },
            }
        })
        .boxed()
}

#[derive(Debug, Clone)]
enum Retry {
    Never,
    Backoff(Option<u32>),
    AfterDelay {
        field: String,
        before: Option<String>,
        after: Option<String>,
    },
    AfterEvent(String),
    FailedPlatforms,
}

fn retry() -> BoxedStrategy<Retry> {
    prop_oneof![
        Just(Retry::Never),
        weighted(0.5, 1u32..=86_400).prop_map(Retry::Backoff),
        (text(), weighted(0.8, text()), weighted(0.8, text())).prop_map(
            |(field, before, after)| Retry::AfterDelay {
                field,
                before,
                after
            }
        ),
        text().prop_map(Retry::AfterEvent),
        Just(Retry::FailedPlatforms),
    ]
    .boxed()
}

#[derive(Debug, Clone)]
struct SubcodeSpec {
    code: i64,
    source: String,
    upstream_field: String,
    response_field: Option<String>,
    description: String,
    upstream_message: Option<String>,
    message: Option<Index>,
    relink: Option<&'static str>,
    retry_available: Option<bool>,
    remedy: Option<&'static str>,
}

fn subcode() -> BoxedStrategy<SubcodeSpec> {
    (
        prop_oneof![Just(0i64), Just(i64::MAX), 0i64..100_000, 0i64..=i64::MAX],
        text(),
        text(),
        weighted(0.5, text()),
        text(),
        weighted(0.5, text()),
        weighted(0.5, any::<Index>()),
        weighted(0.5, select(RELINKS)),
        weighted(0.5, any::<bool>()),
        weighted(0.5, select(REMEDIES)),
    )
        .prop_map(
            |(
                code,
                source,
                upstream_field,
                response_field,
                description,
                upstream_message,
                message,
                relink,
                retry_available,
                remedy,
            )| SubcodeSpec {
                code,
                source,
                upstream_field,
                response_field,
                description,
                upstream_message,
                message,
                relink,
                retry_available,
                remedy,
            },
        )
        .boxed()
}

#[derive(Debug, Clone)]
struct CaseSpec {
    id: String,
    title: String,
    signal: String,
    advice: String,
    message: Option<Index>,
    relink: Option<&'static str>,
    remedy: Option<&'static str>,
}

fn case() -> BoxedStrategy<CaseSpec> {
    (
        "[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4}){0,2}",
        text(),
        text(),
        text(),
        weighted(0.5, any::<Index>()),
        weighted(0.5, select(RELINKS)),
        weighted(0.5, select(REMEDIES)),
    )
        .prop_map(
            |(id, title, signal, advice, message, relink, remedy)| CaseSpec {
                id,
                title,
                signal,
                advice,
                message,
                relink,
                remedy,
            },
        )
        .boxed()
}

fn history_date() -> BoxedStrategy<String> {
    prop_oneof![
        Just("unknown".to_string()),
        (1970u32..=9999, 1u32..=12).prop_map(|(y, m)| format!("{y:04}-{m:02}")),
        (1970u32..=9999, 1u32..=12, 1u32..=31)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
    ]
    .boxed()
}

#[derive(Debug, Clone)]
struct ExampleSpec {
    title: String,
    shape: u8,
    message: Option<Index>,
    message_text: String,
    platform: Option<Index>,
    http: Option<Index>,
    subcode: Option<Index>,
    case: Option<Index>,
    extra: Option<(String, String)>,
    pretty: bool,
}

fn example() -> BoxedStrategy<ExampleSpec> {
    (
        text(),
        0u8..4,
        weighted(0.7, any::<Index>()),
        text(),
        weighted(0.7, any::<Index>()),
        weighted(0.5, any::<Index>()),
        weighted(0.5, any::<Index>()),
        weighted(0.5, any::<Index>()),
        weighted(0.5, (text(), text())),
        any::<bool>(),
    )
        .prop_map(
            |(
                title,
                shape,
                message,
                message_text,
                platform,
                http,
                subcode,
                case,
                extra,
                pretty,
            )| {
                ExampleSpec {
                    title,
                    shape,
                    message,
                    message_text,
                    platform,
                    http,
                    subcode,
                    case,
                    extra,
                    pretty,
                }
            },
        )
        .boxed()
}

fn json_text(v: &Value, pretty: bool) -> String {
    if pretty {
        serde_json::to_string_pretty(v).unwrap()
    } else {
        serde_json::to_string(v).unwrap()
    }
}

/// Everything an entry needs to build its examples.
struct EntryFacts<'a> {
    code: u32,
    warning: bool,
    platforms: &'a [String],
    messages: &'a [String],
    subcodes: &'a [i64],
    cases: &'a [String],
}

fn example_table(x: &ExampleSpec, e: &EntryFacts<'_>, ctx: &Ctx) -> Table {
    let message = match x.message {
        Some(i) if !e.messages.is_empty() => i.get(e.messages).clone(),
        _ => x.message_text.clone(),
    };
    // The entry's platforms when it lists some; else any of the catalog.
    let pool = if e.platforms.is_empty() {
        &ctx.platforms[..]
    } else {
        e.platforms
    };
    let platform = x
        .platform
        .filter(|_| !pool.is_empty())
        .map(|i| i.get(pool).clone());
    let mut object = Map::new();
    object.insert("code".into(), json!(e.code));
    object.insert("message".into(), json!(message));
    if let Some(p) = &platform {
        object.insert("platform".into(), json!(p));
    }
    let mut body = if e.warning {
        json!({"status": "success", "warnings": [object]})
    } else {
        match x.shape {
            0 => {
                let mut top = Map::new();
                top.insert("status".into(), json!("error"));
                top.extend(object);
                Value::Object(top)
            }
            2 if platform.as_deref().is_some_and(|p| !BODY_KEYS.contains(&p)) => {
                let p = platform.clone().unwrap();
                object.remove("platform");
                let mut top = Map::new();
                top.insert("status".into(), json!("error"));
                top.insert(p, Value::Object(object));
                Value::Object(top)
            }
            3 if !ctx.platforms.is_empty() => json!({
                "status": "error",
                "postIds": [{"status": "success", "platform": ctx.platforms[0]}],
                "errors": [object],
            }),
            _ => json!({"status": "error", "errors": [object]}),
        }
    };
    if let Some((k, v)) = &x.extra {
        body["extra"] = json!({ k.clone(): v });
    }
    let mut t = Table::new();
    t.insert("title".into(), s(&x.title));
    if let Some(i) = x.http {
        t.insert(
            "http".into(),
            T::Integer(i64::from(*i.get(&ctx.statuses()))),
        );
    }
    if let Some(i) = x.subcode.filter(|_| !e.subcodes.is_empty()) {
        t.insert("subcode".into(), T::Integer(*i.get(e.subcodes)));
    }
    if let Some(i) = x.case.filter(|_| !e.cases.is_empty()) {
        t.insert("case".into(), s(i.get::<String>(e.cases)));
    }
    t.insert("json".into(), s(&json_text(&body, x.pretty)));
    t
}

/// One `[[error]]` table for `code`; `others` are the catalog's other codes.
fn entry(code: u32, others: Vec<u32>, ctx: Ctx) -> BoxedStrategy<Table> {
    let refs = others.len().min(2);
    let head = (
        pascal(),
        text(),
        text(),
        text(),
        weighted(0.6, text()),
        weighted(0.2, text()),
    );
    let kind = (
        prop::bool::weighted(0.25),
        any::<bool>(),
        any::<Index>(),
        any::<bool>(),
        subsequence(APPEARANCES, 0..=APPEARANCES.len()).prop_shuffle(),
        subsequence(ctx.platforms.clone(), 0..=ctx.platforms.len()).prop_shuffle(),
    );
    let policy = (retry(), select(RELINKS), select(NEVER_REMEDIES));
    let lists = (
        vec(text(), 0..4),
        subsequence(others.clone(), 0..=refs),
        subsequence(others.clone(), 0..=refs),
        subsequence(others, 0..=refs),
    );
    let parts = (
        vec((text(), text()), 0..=2),
        vec((text(), weighted(0.5, text()), text()), 0..=2),
        vec(subcode(), 0..=2),
        vec(case(), 0..=2),
        vec((history_date(), text()), 0..=2),
        vec(example(), 0..=2),
    );
    (head, kind, policy, lists, parts)
        .prop_map(move |(head, kind, policy, lists, parts)| {
            let (name, title, description, advice, action, retired) = head;
            let (warning, explicit, http_pick, stated, appears, platforms) = kind;
            let (retry, relink, never_remedy) = policy;
            let (messages, superseded_by, replaces, related) = lists;
            let (fields, headers, subcodes, cases, history, examples) = parts;

            let mut t = Table::new();
            t.insert("code".into(), T::Integer(i64::from(code)));
            t.insert("name".into(), s(&name));
            t.insert("title".into(), s(&title));
            // A warning comes with no status or the success one; an error
            // with a listed failure status or none.
            let http = match (warning, stated) {
                (true, true) => T::Integer(i64::from(ctx.success)),
                (false, true) if !ctx.failure.is_empty() => {
                    T::Integer(i64::from(*http_pick.get(&ctx.failure)))
                }
                _ => s("unstated"),
            };
            t.insert("http".into(), http);
            t.insert("action".into(), s(action.as_deref().unwrap_or("unstated")));
            if !platforms.is_empty() {
                t.insert("platforms".into(), strings(&platforms));
            }
            if warning {
                t.insert("severity".into(), s("warning"));
            } else if explicit {
                t.insert("severity".into(), s("error"));
            }
            let mut appears_in: Vec<String> = appears.iter().map(|a| a.to_string()).collect();
            if warning {
                let at = http_pick.index(appears_in.len() + 1);
                appears_in.insert(at, "warnings-array".into());
            } else if appears_in.is_empty() {
                appears_in.push("errors-array".into());
            }
            t.insert("appears_in".into(), strings(&appears_in));

            let mut r = Table::new();
            let remedy = match &retry {
                Retry::Never => {
                    r.insert("policy".into(), s("never"));
                    never_remedy
                }
                Retry::Backoff(min) => {
                    r.insert("policy".into(), s("backoff"));
                    if let Some(m) = min {
                        r.insert("min_delay_secs".into(), T::Integer(i64::from(*m)));
                    }
                    "retry"
                }
                Retry::AfterDelay {
                    field,
                    before,
                    after,
                } => {
                    r.insert("policy".into(), s("after-delay"));
                    r.insert("delay_field".into(), s(field));
                    let format = format!(
                        "{}{{seconds}}{}",
                        before.as_deref().unwrap_or(""),
                        after.as_deref().unwrap_or("")
                    );
                    r.insert("delay_format".into(), s(&format));
                    "retry-after"
                }
                Retry::AfterEvent(event) => {
                    r.insert("policy".into(), s("after-event"));
                    r.insert("event".into(), s(event));
                    "wait-for-event"
                }
                Retry::FailedPlatforms => {
                    r.insert("policy".into(), s("failed-platforms"));
                    "retry-failed-platforms"
                }
            };
            t.insert("retry".into(), T::Table(r));
            t.insert("relink".into(), s(relink));
            let remedy = if relink == "required" {
                "relink"
            } else {
                remedy
            };
            t.insert("remedy".into(), s(remedy));

            let messages = dedup(messages, String::clone);
            if !messages.is_empty() {
                t.insert("messages".into(), strings(&messages));
            }
            t.insert("description".into(), s(&description));
            t.insert("advice".into(), s(&advice));
            for (key, list) in [
                ("superseded_by", superseded_by),
                ("replaces", replaces),
                ("related", related),
            ] {
                if !list.is_empty() {
                    let codes = list.iter().map(|c| T::Integer(i64::from(*c))).collect();
                    t.insert(key.into(), T::Array(codes));
                }
            }
            if let Some(r) = retired {
                t.insert("retired".into(), s(&r));
            }

            let fields = dedup(fields, |f| f.0.clone());
            if !fields.is_empty() {
                let fs = fields
                    .into_iter()
                    .map(|(name, desc)| {
                        let mut f = Table::new();
                        f.insert("name".into(), s(&name));
                        f.insert("description".into(), s(&desc));
                        f
                    })
                    .collect();
                t.insert("field".into(), tables(fs));
            }
            if !headers.is_empty() {
                let hs = headers
                    .into_iter()
                    .map(|(name, value, desc)| {
                        let mut h = Table::new();
                        h.insert("name".into(), s(&name));
                        if let Some(v) = value {
                            h.insert("value".into(), s(&v));
                        }
                        h.insert("description".into(), s(&desc));
                        h
                    })
                    .collect();
                t.insert("header".into(), tables(hs));
            }

            let message_of = |i: Option<Index>| {
                i.filter(|_| !messages.is_empty())
                    .map(|i| i.get(&messages).clone())
            };
            // A sub-code or case that requires a relink has the remedy
            // `relink` when it names one.
            let remedy_of = |relink: Option<&str>, remedy: Option<&'static str>| {
                remedy.map(|r| {
                    if relink == Some("required") {
                        "relink"
                    } else {
                        r
                    }
                })
            };
            let subcodes = dedup(subcodes, |x| x.code);
            let subcode_codes: Vec<i64> = subcodes.iter().map(|x| x.code).collect();
            if !subcodes.is_empty() {
                let ss = subcodes
                    .into_iter()
                    .map(|x| {
                        let mut o = Table::new();
                        o.insert("code".into(), T::Integer(x.code));
                        o.insert("source".into(), s(&x.source));
                        o.insert("upstream_field".into(), s(&x.upstream_field));
                        if let Some(f) = &x.response_field {
                            o.insert("response_field".into(), s(f));
                        }
                        o.insert("description".into(), s(&x.description));
                        if let Some(m) = &x.upstream_message {
                            o.insert("upstream_message".into(), s(m));
                        }
                        if let Some(m) = message_of(x.message) {
                            o.insert("message".into(), s(&m));
                        }
                        if let Some(r) = x.relink {
                            o.insert("relink".into(), s(r));
                        }
                        if let Some(b) = x.retry_available {
                            o.insert("retry_available".into(), T::Boolean(b));
                        }
                        if let Some(r) = remedy_of(x.relink, x.remedy) {
                            o.insert("remedy".into(), s(r));
                        }
                        o
                    })
                    .collect();
                t.insert("subcode".into(), tables(ss));
            }
            let cases = dedup(cases, |x| x.id.clone());
            let case_ids: Vec<String> = cases.iter().map(|x| x.id.clone()).collect();
            if !cases.is_empty() {
                let cs = cases
                    .into_iter()
                    .map(|x| {
                        let mut o = Table::new();
                        o.insert("id".into(), s(&x.id));
                        o.insert("title".into(), s(&x.title));
                        o.insert("signal".into(), s(&x.signal));
                        o.insert("advice".into(), s(&x.advice));
                        if let Some(m) = message_of(x.message) {
                            o.insert("message".into(), s(&m));
                        }
                        if let Some(r) = x.relink {
                            o.insert("relink".into(), s(r));
                        }
                        if let Some(r) = remedy_of(x.relink, x.remedy) {
                            o.insert("remedy".into(), s(r));
                        }
                        o
                    })
                    .collect();
                t.insert("case".into(), tables(cs));
            }
            if !history.is_empty() {
                let hs = history
                    .into_iter()
                    .map(|(date, note)| {
                        let mut h = Table::new();
                        h.insert("date".into(), s(&date));
                        h.insert("note".into(), s(&note));
                        h
                    })
                    .collect();
                t.insert("history".into(), tables(hs));
            }
            let facts = EntryFacts {
                code,
                warning,
                platforms: &platforms,
                messages: &messages,
                subcodes: &subcode_codes,
                cases: &case_ids,
            };
            if !examples.is_empty() {
                let xs = examples
                    .iter()
                    .map(|x| example_table(x, &facts, &ctx))
                    .collect();
                t.insert("example".into(), tables(xs));
            }
            t
        })
        .boxed()
}

/// A `[[catalog.example]]`: the response format, with a known code or none.
fn catalog_example(codes: Vec<u32>) -> BoxedStrategy<Table> {
    (text(), weighted(0.7, select(codes)), text(), any::<bool>())
        .prop_map(|(title, code, message, pretty)| {
            let body = match code {
                Some(c) => json!({"status": "error", "errors": [{"code": c, "message": message}]}),
                None => json!({"status": "success", "id": message, "postIds": []}),
            };
            let mut t = Table::new();
            t.insert("title".into(), s(&title));
            t.insert("json".into(), s(&json_text(&body, pretty)));
            t
        })
        .boxed()
}

/// A generated catalog: the manifest file's table and the entries.
#[derive(Clone)]
struct Generated {
    manifest: Table,
    errors: Vec<Table>,
}

impl Generated {
    fn errors_file(&self) -> Table {
        let mut t = Table::new();
        t.insert("error".into(), tables(self.errors.clone()));
        t
    }

    fn single(&self) -> Table {
        let mut t = self.manifest.clone();
        t.insert("error".into(), tables(self.errors.clone()));
        t
    }
}

/// The catalog as one TOML file, ready for a regression fixture.
impl fmt::Debug for Generated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match toml::to_string(&self.single()) {
            Ok(text) => write!(f, "catalog.toml:\n{text}"),
            Err(e) => write!(f, "(does not serialize: {e})"),
        }
    }
}

fn catalog() -> BoxedStrategy<Generated> {
    manifest()
        .prop_flat_map(|m| {
            let codes = btree_set(code(), 1..=12)
                .prop_map(|c| c.into_iter().collect::<Vec<u32>>())
                // The file order is not the code order.
                .prop_shuffle();
            (Just(m), codes)
        })
        .prop_flat_map(|(m, codes)| {
            let entries: Vec<BoxedStrategy<Table>> = codes
                .iter()
                .map(|&c| {
                    let others = codes.iter().copied().filter(|o| *o != c).collect();
                    entry(c, others, m.ctx.clone())
                })
                .collect();
            (Just(m), entries, vec(catalog_example(codes.clone()), 0..=1))
        })
        .prop_map(|(m, mut errors, examples)| {
            let mut seen = BTreeSet::new();
            for e in &mut errors {
                let name = e["name"].as_str().unwrap().to_string();
                e.insert("name".into(), s(&unique_name(&name, &mut seen)));
            }
            let mut manifest = m.table;
            if !examples.is_empty()
                && let Some(T::Table(cat)) = manifest.get_mut("catalog")
            {
                cat.insert("example".into(), tables(examples));
            }
            Generated { manifest, errors }
        })
        .boxed()
}

// ------------------------------------------------------------ helpers

/// A fresh directory under the test target's temp dir.
fn temp_dir(label: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("properties")
        .join(format!("{label}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// TOML text of `t`, checked to read back as the same table.
fn toml_text(t: &Table) -> String {
    let text = toml::to_string(t).expect("the table serializes");
    let back: Table = toml::from_str(&text)
        .unwrap_or_else(|e| panic!("the written TOML does not parse: {e}\n{text}"));
    assert_eq!(&back, t, "the TOML does not read back the same:\n{text}");
    text
}

fn compile_files(label: &str, files: &[(&str, &Table)]) -> Catalog {
    let dir = temp_dir(label);
    for (name, t) in files {
        std::fs::write(dir.join(name), toml_text(t)).unwrap();
    }
    let c = errcat::compile(&dir).unwrap_or_else(|f| {
        panic!(
            "errcat rejects a generated catalog ({label}, kept in {}): a generator bug\n{}",
            dir.display(),
            f.render()
        )
    });
    let _ = std::fs::remove_dir_all(&dir);
    c
}

/// The catalog compiled as one file, and split into a manifest and an
/// entries file read in either order: the same catalog each time.
fn compile_all_layouts(g: &Generated) -> [Catalog; 3] {
    let single = g.single();
    let errors = g.errors_file();
    let one = compile_files("single", &[("catalog.toml", &single)]);
    let split = compile_files(
        "split",
        &[("a-catalog.toml", &g.manifest), ("b-errors.toml", &errors)],
    );
    let reversed = compile_files(
        "reversed",
        &[("a-errors.toml", &errors), ("b-catalog.toml", &g.manifest)],
    );
    assert_eq!(one, split, "one file and manifest + entries differ");
    assert_eq!(one, reversed, "one file and entries + manifest differ");
    [one, split, reversed]
}

/// The IR carries the generated text unchanged.
fn check_ir(g: &Generated, c: &Catalog) {
    assert_eq!(c.errors.len(), g.errors.len(), "every entry is kept");
    for t in &g.errors {
        let code = u32::try_from(t["code"].as_integer().unwrap()).unwrap();
        let e = c
            .errors
            .iter()
            .find(|e| e.code == errcat::ir::Code::Int(code))
            .unwrap_or_else(|| panic!("entry {code} is missing"));
        assert_eq!(Some(e.name.as_str()), t["name"].as_str());
        assert_eq!(Some(e.title.as_str()), t["title"].as_str());
        assert_eq!(e.description.as_deref(), t["description"].as_str());
        assert_eq!(e.advice.as_deref(), t["advice"].as_str());
        let messages: Vec<&str> = t
            .get("messages")
            .and_then(T::as_array)
            .map(|a| a.iter().filter_map(T::as_str).collect())
            .unwrap_or_default();
        assert_eq!(e.messages, messages, "code {code}: messages");
    }
    let sorted: Vec<u32> = c.errors.iter().filter_map(|e| e.code.as_int()).collect();
    assert!(sorted.is_sorted(), "entries sorted by code: {sorted:?}");
}

fn emitted(c: &Catalog) -> Vec<GeneratedFile> {
    emit_all(c, &Layout::default())
        .unwrap_or_else(|e| panic!("emit_all fails: {e}"))
        .files
}

fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is not emitted"))
        .contents
}

// ------------------------------------------------------------ checks

fn check_rust_parses(files: &[GeneratedFile]) {
    let path = "generated/rust/src/generated/catalog.rs";
    if let Err(e) = syn::parse_file(file(files, path)) {
        panic!("{path} does not parse: {e}");
    }
}

/// Every JSON file parses, and `catalog.json` states what the catalog's
/// TOML tables (`toml`) say.
fn check_json(files: &[GeneratedFile], toml: &[Table]) {
    let mut n = 0;
    for f in files.iter().filter(|f| f.path.ends_with(".json")) {
        // tsconfig.json is JSON with comments: its first line says where
        // it comes from.
        let text = if f.path.ends_with("tsconfig.json") {
            let (first, rest) = f.contents.split_once('\n').expect("two lines");
            assert!(first.starts_with("// "), "{}: {first:?}", f.path);
            rest
        } else {
            &f.contents
        };
        if let Err(e) = serde_json::from_str::<Value>(text) {
            panic!("{} is not JSON: {e}", f.path);
        }
        n += 1;
    }
    assert!(n >= 6, "only {n} JSON files");
    let export: Value = serde_json::from_str(file(files, "generated/schema/catalog.json")).unwrap();
    export_facts::assert_states(&export, toml, "the catalog");
}

/// CR LF and a lone CR are line endings to CommonMark, which a parser may
/// hand back as LF: no Markdown can carry a CR.
fn line_ends(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

fn check_messages(md: &str, c: &Catalog) {
    let (spans, blocks) = code_texts(md);
    let blocks: BTreeSet<String> = blocks.iter().map(|b| line_ends(b)).collect();
    let found = |m: &str| {
        let lf = line_ends(m);
        spans.contains(m)
            || blocks.contains(&lf)
            || (!lf.ends_with('\n') && blocks.contains(&format!("{lf}\n")))
    };
    for e in &c.errors {
        let upstream = e
            .subcodes
            .iter()
            .filter_map(|s| s.upstream_message.as_deref());
        for m in e.messages.iter().map(String::as_str).chain(upstream) {
            assert!(
                found(m),
                "code {}: message {m:?} is not a code span or block",
                e.code
            );
        }
    }
}

/// Links go to a page of the book or to an http(s) URL.
fn check_links(md: &str) {
    for (ev, _) in events(md) {
        if let Event::Start(Tag::Link { dest_url, .. }) = ev {
            assert!(
                dest_url.ends_with(".md")
                    || dest_url.ends_with(".json")
                    || dest_url.starts_with("https://")
                    || dest_url.starts_with("http://"),
                "link to {dest_url:?}"
            );
        }
    }
}

fn check_derive_table(files: &[GeneratedFile], c: &Catalog) {
    let tsv = file(files, "derive/src/generated/catalog.tsv");
    let lines: Vec<&str> = tsv.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(lines[0].starts_with("catalog\t"), "{:?}", lines[0]);
    assert_eq!(lines[0].split('\t').count(), 4, "{:?}", lines[0]);
    assert!(lines[1].starts_with("platforms\t"), "{:?}", lines[1]);
    let rows = &lines[2..];
    assert_eq!(rows.len(), c.errors.len(), "one line per code:\n{tsv}");
    for (row, e) in rows.iter().zip(&c.errors) {
        let f: Vec<&str> = row.split('\t').collect();
        assert_eq!(f.len(), 7, "{row:?}");
        assert_eq!(f[0], e.code.to_string(), "{row:?}");
        assert_eq!(f[1], e.name, "{row:?}");
    }
}

fn check_outputs(c: &Catalog, files: &[GeneratedFile], toml: &[Table]) {
    check_rust_parses(files);
    check_json(files, toml);
    // The reference book: every page's tables and links, and every
    // message on the code pages.
    let mut code_pages = String::new();
    for f in files
        .iter()
        .filter(|f| f.path.starts_with("generated/book/src/") && f.path.ends_with(".md"))
    {
        check_tables(&f.path, &f.contents);
        check_links(&f.contents);
        if f.path.starts_with("generated/book/src/codes/") {
            code_pages.push_str(&f.contents);
            code_pages.push_str("\n\n");
        }
    }
    check_messages(&code_pages, c);
    check_derive_table(files, c);
}

// ------------------------------------------------------------ TypeScript

fn type_check(c: &Catalog, tsc: &Path) {
    let dir = temp_dir("ts");
    for f in typescript::emit(c).expect("emit TypeScript") {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, f.contents).unwrap();
    }
    // The hand-written modules next to the generated one.
    let src = repo().join("generated/ts/src");
    for f in std::fs::read_dir(&src).expect("read generated/ts/src") {
        let path = f.expect("dir entry").path();
        if path.is_file() && path.extension().is_some_and(|x| x == "ts") {
            std::fs::copy(&path, dir.join("src").join(path.file_name().unwrap()))
                .unwrap_or_else(|e| panic!("copy {}: {e}", path.display()));
        }
    }
    let out = Command::new("node")
        .arg(tsc)
        .arg("-p")
        .arg(dir.join("tsconfig.json"))
        .arg("--noEmit")
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "tsc rejects the TypeScript package (kept in {})\n{}",
        dir.display(),
        show(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ------------------------------------------------------------ Rust crate

const CRATE_MANIFEST: &str = r#"[package]
name = "errcat-proptest-catalog"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["preserve_order"] }

[workspace]
"#;

const CRATE_LIB: &str = r#"//! One random catalog's generated Rust, built on its own.
#![deny(warnings, missing_docs)]

/// The generated module.
#[rustfmt::skip]
pub mod catalog {
    include!("catalog.rs");
}
"#;

fn cargo_build(c: &Catalog) {
    let files = emitted(c);
    let dir = temp_dir("crate");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), CRATE_MANIFEST).unwrap();
    // The workspace's lock file: the same serde, resolved offline.
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");
    std::fs::write(dir.join("src/lib.rs"), CRATE_LIB).unwrap();
    std::fs::write(
        dir.join("src/catalog.rs"),
        file(&files, "generated/rust/src/generated/catalog.rs"),
    )
    .unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["build", "--offline", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", repo().join("target/proptest-crates"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo");
    assert!(
        out.status.success(),
        "the generated catalog.rs does not build (kept in {})\n{}",
        dir.display(),
        show(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ------------------------------------------------------------ the tests

fn config(cases: u32, max_shrink_iters: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        max_shrink_iters,
        // Failing catalogs go to tests/fixtures/valid/regressions/ by hand.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn default_cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(config(default_cases(), 100))]

    #[test]
    fn emitters_hold_for_random_catalogs(g in catalog()) {
        let [c, split, reversed] = compile_all_layouts(&g);
        check_ir(&g, &c);
        // Three emits of three equal catalogs, loaded from three layouts:
        // the output depends on nothing but the catalog.
        let files = emitted(&c);
        prop_assert!(files == emitted(&split), "manifest + entries files emit differently");
        prop_assert!(files == emitted(&reversed), "entries + manifest files emit differently");
        check_outputs(&c, &files, &[g.manifest.clone(), g.errors_file()]);
    }
}

proptest! {
    #![proptest_config(config(3, 8))]

    #[test]
    fn typescript_type_checks_for_random_catalogs(g in catalog()) {
        let tsc = tsc();
        let c = compile_files("ts-catalog", &[("catalog.toml", &g.single())]);
        type_check(&c, &tsc);
    }
}

proptest! {
    #![proptest_config(config(2, 4))]

    #[test]
    fn rust_compiles_for_random_catalogs(g in catalog()) {
        let c = compile_files("rust-catalog", &[("catalog.toml", &g.single())]);
        cargo_build(&c);
    }
}

/// The name pools are valid on their own, so the generator never relies on
/// luck to pass validation.
#[test]
fn pools_are_valid() {
    let bad: Vec<&str> = NAMES
        .iter()
        .copied()
        .filter(|n| !errcat::names::is_pascal_case(n) || errcat::names::reserved_in(n).is_some())
        .collect();
    assert!(bad.is_empty(), "not valid names: {bad:?}");
    for id in PLATFORM_IDS {
        assert!(errcat::names::is_platform_id(id), "{id}");
    }
    for w in WORDS.iter().chain(NASTY) {
        assert!(!w.contains("seconds") && !w.contains("unstated"), "{w}");
    }
}

/// Catalogs these properties once failed on, kept under
/// `tests/fixtures/valid/regressions/<name>/`: every check, every time.
#[test]
fn regression_catalogs_hold() {
    let dir = repo().join("tests/fixtures/valid/regressions");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "cannot list the regression catalogs in {}: {e}",
            dir.display()
        )
    });
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir())
        .collect();
    paths.sort();
    assert!(
        !paths.is_empty(),
        "no regression catalog in {}",
        dir.display()
    );
    let tsc = tsc();
    let mut failed = Vec::new();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let run = std::panic::catch_unwind(|| {
            let c = errcat::compile(path)
                .unwrap_or_else(|f| panic!("{}:\n{}", path.display(), f.render()));
            let files = emitted(&c);
            let text = std::fs::read_to_string(path.join("catalog.toml")).expect("read");
            let toml: Table = toml::from_str(&text).expect("TOML");
            check_outputs(&c, &files, &[toml]);
            type_check(&c, &tsc);
            cargo_build(&c);
        });
        if run.is_err() {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "regression fixtures fail again (messages above): {failed:?}"
    );
}
