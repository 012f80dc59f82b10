//! Random valid catalogs, as the TOML tables a catalog's files hold.
//!
//! Validity is by construction, from the rules in `codegen/src/validate/`:
//! only code, name and title are required, and the rules between facts
//! (remedy against relink and retry, severity against `appears_in` and the
//! success status) apply only where both facts are stated, so each catalog
//! draws, per optional fact, whether no entry, some entries or every entry
//! states it, and every entry then picks values that agree with the facts
//! it states.

use std::collections::BTreeSet;
use std::fmt;

use proptest::collection::{btree_set, vec};
use proptest::option::weighted;
use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};
use serde_json::{Map, Value, json};
use toml::{Table, Value as T};

// ------------------------------------------------------------ text pools

/// Fragments that break naive generators, in every target language.
pub const NASTY: &[&str] = &[
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

pub const WORDS: &[&str] = &[
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
pub const NAMES: &[&str] = &[
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
    "Group",
    "Groups",
    "HttpStatus",
    "FromCode",
    "X",
    "A1",
    "Http2Error",
];

/// Platform ids that are words elsewhere: keywords, prototype members, the
/// keys of a response body and of the envelopes below.
pub const PLATFORM_IDS: &[&str] = &[
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
    "posts",
    "error",
    "code",
    "status",
    "message",
    "platform",
    "resolution",
    "details",
    "z9",
];

/// Group ids whose PascalCase forms are names the generated code, Rust or
/// TypeScript use nearby (`Group`, `ErrorInfo`, `Severity`, ...).
pub const GROUP_IDS: &[&str] = &[
    "group",
    "groups",
    "all",
    "info",
    "error-info",
    "retry-policy",
    "severity",
    "catalog",
    "codes",
    "known2",
    "class-23",
    "integrity-constraint-violation",
    "x",
    "a1",
    "to-string",
    "value-of",
    "has-own-property",
];

/// Pieces of URLs that `is_url` accepts but that mean something in a
/// string literal, a comment or Markdown.
pub const URL_BITS: &[&str] = &[
    "*/", "/*", "`", "'", "\\", "{x}", "${y}", "|", "#frag", "%22", "(", ")", "[", "]", "&amp;",
    "?a=1&b=2", "_", "~", "!", "@", "docs", "errors", "a_b", "*",
];

/// String codes at the edges of the format: one character, 64, dots and
/// dashes at either end, digits only (SQLSTATE), leading zeros.
pub const EDGE_CODES: &[&str] = &[
    "0",
    "00",
    "007",
    "4294967296",
    "-",
    "_",
    ".x",
    "x.",
    "..a",
    "a..",
    "-1",
    "1e3",
    "23505",
    "HV00R",
    "card_declined",
    "rate-limit.exceeded",
    "ThrottlingException",
    "RESOURCE_EXHAUSTED",
    "constructor",
    "__proto__",
    "toString",
    "self",
    "None",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._",
];

const APPEARANCES: &[&str] = &[
    "errors-array",
    "top-level",
    "platform-keyed",
    "partial-success",
];
pub const RELINKS: &[&str] = errcat::ir::Relink::WORDS;
pub const REMEDIES: &[&str] = errcat::ir::Remedy::WORDS;
const NEVER_REMEDIES: &[&str] = &["fix-request", "contact-platform", "none"];
const FIELD_TYPES: &[&str] = errcat::ir::FIELD_TYPES;
/// Keys that hold a part of a body with its own `errors` in the Ayrshare
/// envelope's `*` (an endpoint's result).
const ENDPOINTS: &[&str] = &["analytics", "history", "comments"];
/// The Ayrshare envelope, as its catalog declares it.
const AYRSHARE_ERRORS: &[&str] = &[".", "errors[]", "{platform}"];
const AYRSHARE_WARNINGS: &[&str] = &["warnings[]"];
const AYRSHARE_NESTED: &[&str] = &["posts[]", "*"];
const AYRSHARE_PLATFORM: &[&str] = &["platform", "{key}", "resolution.platform"];

// ------------------------------------------------------------ basics

/// Free text: plain words and hostile fragments, never blank.
pub fn text() -> BoxedStrategy<String> {
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

fn group_id() -> BoxedStrategy<String> {
    prop_oneof![
        select(GROUP_IDS).prop_map(String::from),
        // Ends in a digit, so its PascalCase form is never a keyword.
        "[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4}){0,2}[0-9]",
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

fn s(x: &str) -> T {
    T::String(x.to_string())
}

fn strings(xs: &[String]) -> T {
    T::Array(xs.iter().map(|x| s(x)).collect())
}

fn words(xs: &[&str]) -> T {
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

// ------------------------------------------------------------ codes

/// An error code as the generator writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    Int(u32),
    Str(String),
}

impl Code {
    pub fn toml(&self) -> T {
        match self {
            Code::Int(n) => T::Integer(i64::from(*n)),
            Code::Str(t) => s(t),
        }
    }

    pub fn json(&self) -> Value {
        match self {
            Code::Int(n) => json!(n),
            Code::Str(t) => json!(t),
        }
    }

    /// The same code written as the other kind, which a reader must not
    /// take for a code of this catalog: a number as text, digits as a
    /// number, anything else as `null`.
    fn wrong_kind(&self) -> Value {
        match self {
            Code::Int(n) => json!(n.to_string()),
            Code::Str(t) => t.parse::<u32>().map_or(Value::Null, |n| json!(n)),
        }
    }
}

fn int_codes() -> BoxedStrategy<Vec<Code>> {
    let one = prop_oneof![Just(0u32), Just(u32::MAX), 0u32..1000, any::<u32>()];
    btree_set(one, 1..=12)
        .prop_map(|c| c.into_iter().map(Code::Int).collect())
        .boxed()
}

fn string_code() -> BoxedStrategy<String> {
    prop_oneof![
        // The whole alphabet, every length.
        "[A-Za-z0-9_.-]{1,64}",
        "[A-Za-z0-9_.-]{60,64}",
        // Digits only, as SQLSTATE writes some classes.
        "[0-9]{1,12}",
        "[0-9A-Z]{5}",
        "[a-z]{1,8}(_[a-z]{1,8}){0,3}",
        "[A-Z][a-z]{1,8}([A-Z][a-z]{1,8}){0,2}",
        select(EDGE_CODES).prop_map(String::from),
    ]
    .prop_filter("not dots alone", |c| c.bytes().any(|b| b != b'.'))
    .boxed()
}

fn swap_case(c: &str) -> String {
    c.chars()
        .map(|ch| {
            if ch.is_ascii_uppercase() {
                ch.to_ascii_lowercase()
            } else {
                ch.to_ascii_uppercase()
            }
        })
        .collect()
}

/// String codes, some with a twin that differs only in case (a warning,
/// not an error): up to 24, so counts at and below a power of two, where
/// a hash table built for them is full, come up.
fn str_codes() -> BoxedStrategy<Vec<Code>> {
    (btree_set(string_code(), 1..=12), any::<u16>())
        .prop_map(|(codes, twins)| {
            let mut all: BTreeSet<String> = codes.clone();
            for (i, c) in codes.iter().enumerate() {
                let twin = swap_case(c);
                if twins >> (i % 16) & 1 == 1 && twin != *c {
                    all.insert(twin);
                }
            }
            all.into_iter().map(Code::Str).collect()
        })
        .boxed()
}

// ------------------------------------------------------------ presence

/// How many entries of a catalog state an optional fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Never,
    Sometimes,
    Always,
}

/// The optional facts of an entry, each drawn per catalog as a [`Mode`].
#[derive(Debug, Clone, Copy)]
enum Fact {
    Group,
    Http,
    Action,
    Platforms,
    Severity,
    AppearsIn,
    Retry,
    Relink,
    Remedy,
    Messages,
    Description,
    Advice,
    Refs,
    Retired,
    Fields,
    Headers,
    Subcodes,
    Cases,
    History,
    Examples,
}

const FACTS: usize = 20;

#[derive(Debug, Clone, Copy)]
struct Modes([Mode; FACTS]);

impl Modes {
    /// Whether an entry with these `coins` states `f`: one coin per fact,
    /// read only where the catalog states the fact sometimes.
    fn states(&self, f: Fact, coins: u32) -> bool {
        match self.0[f as usize] {
            Mode::Never => false,
            Mode::Always => true,
            Mode::Sometimes => coins >> (f as u32) & 1 == 1,
        }
    }
}

fn modes() -> BoxedStrategy<Modes> {
    let mode = prop_oneof![Just(Mode::Never), Just(Mode::Sometimes), Just(Mode::Always)];
    prop::array::uniform20(mode).prop_map(Modes).boxed()
}

// ------------------------------------------------------------ manifest

/// Where the catalog's response bodies hold error objects.
#[derive(Debug, Clone, PartialEq)]
pub enum Envelope {
    /// As the Ayrshare catalog declares it: the body, `errors[]` and
    /// platform keys, warnings, `posts[]` and endpoint results nested;
    /// `code_field` written out or left to its default.
    Ayrshare { code_field: bool },
    /// One error object under `error`, as Stripe sends it.
    Stripe {
        code_field: Option<&'static str>,
        platform: bool,
    },
    /// None declared: the body is the error object.
    Bare,
}

impl Envelope {
    fn code_field(&self) -> &'static str {
        match self {
            Envelope::Stripe {
                code_field: Some(f),
                ..
            } => f,
            _ => "code",
        }
    }

    fn table(&self) -> Option<Table> {
        let mut t = Table::new();
        match self {
            Envelope::Ayrshare { code_field } => {
                if *code_field {
                    t.insert("code_field".into(), s("code"));
                }
                t.insert("errors".into(), words(AYRSHARE_ERRORS));
                t.insert("warnings".into(), words(AYRSHARE_WARNINGS));
                t.insert("nested".into(), words(AYRSHARE_NESTED));
                t.insert("platform".into(), words(AYRSHARE_PLATFORM));
            }
            Envelope::Stripe {
                code_field,
                platform,
            } => {
                if let Some(f) = code_field {
                    t.insert("code_field".into(), s(f));
                }
                t.insert("errors".into(), words(&["error"]));
                if *platform {
                    t.insert("platform".into(), words(&["platform"]));
                }
            }
            Envelope::Bare => return None,
        }
        Some(t)
    }
}

fn envelope() -> BoxedStrategy<Envelope> {
    prop_oneof![
        any::<bool>().prop_map(|code_field| Envelope::Ayrshare { code_field }),
        (
            select(vec![None, Some("code"), Some("error_code")]),
            any::<bool>()
        )
            .prop_map(|(code_field, platform)| Envelope::Stripe {
                code_field,
                platform
            }),
        Just(Envelope::Bare),
    ]
    .boxed()
}

/// What entries need to know about the manifest.
#[derive(Debug, Clone)]
struct Ctx {
    /// The `[[http_status]]` codes; empty when the catalog lists none, and
    /// then any status goes.
    statuses: Vec<u16>,
    success: Option<u16>,
    platforms: Vec<String>,
    groups: Vec<String>,
    envelope: Envelope,
    modes: Modes,
    /// First keys of the `[[catalog.field]]` names, which belong to the
    /// envelope.
    field_keys: Vec<String>,
}

impl Ctx {
    /// A status for an example: one of the list, or any when there is none.
    fn status(&self, i: Index) -> i64 {
        if self.statuses.is_empty() {
            100 + i.index(500) as i64
        } else {
            i64::from(*i.get(&self.statuses))
        }
    }
}

#[derive(Debug, Clone)]
struct Manifest {
    /// `[catalog]`, `[[group]]`, `[[http_status]]` and `[[platform]]`;
    /// examples are added once the codes are known, and groups no entry
    /// names are dropped.
    table: Table,
    ctx: Ctx,
}

fn manifest() -> BoxedStrategy<Manifest> {
    let meta = (
        "[a-z][a-z0-9_-]{0,10}",
        weighted(0.6, text()),
        weighted(0.5, text()),
        weighted(
            0.6,
            "(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})(-[a-z0-9]{1,5}(\\.[a-z0-9]{1,3})?)?",
        ),
        weighted(0.6, url()),
        weighted(0.5, url()),
        weighted(0.5, "[a-z][a-z0-9_-]{0,12}"),
        weighted(
            0.5,
            "(@[a-z0-9][a-z0-9._~-]{0,6}/)?[a-z0-9][a-z0-9._~-]{0,10}",
        ),
        // A distribution name whose import name Python accepts: a letter
        // first, and no keyword.
        weighted(
            0.5,
            "[A-Za-z]([A-Za-z0-9._-]{0,10}[A-Za-z0-9])?".prop_filter(
                "a Python module",
                |p: &String| {
                    errcat::names::is_python_module(
                        &p.replace(['-', '.'], "_").to_ascii_lowercase(),
                    )
                },
            ),
        ),
    );
    let header = (
        text(),
        select(&["request", "response"][..]),
        text(),
        vec(text(), 0..=2),
    );
    let field = (text(), select(FIELD_TYPES), text());
    let statuses = (
        prop::bool::weighted(0.75),
        weighted(0.8, select(&[200u16, 201, 202, 204][..])),
        btree_set(
            prop_oneof![
                select(&[400u16, 401, 403, 404, 409, 422, 429, 500, 502, 503][..]),
                100u16..=599,
            ],
            0..=3,
        ),
        vec(text(), 4),
    );
    let platforms = vec((platform_id(), pascal(), text()), 0..=4);
    let groups = vec((group_id(), text(), weighted(0.5, text())), 0..=3);
    (
        meta,
        (vec(header, 0..=2), vec(field, 0..=2)),
        statuses,
        platforms,
        groups,
        (envelope(), modes()),
    )
        .prop_map(
            |(meta, (headers, fields), statuses, platforms, groups, (envelope, modes))| {
                let (name, title, description, version, docs_url, source_url, rust, npm, python) =
                    meta;
                let mut cat = Table::new();
                cat.insert("name".into(), s(&name));
                for (key, value) in [
                    ("title", title),
                    ("description", description),
                    ("version", version),
                    ("docs_url", docs_url),
                    ("source_url", source_url),
                    ("rust_crate", rust),
                    ("npm_package", npm),
                    ("python_package", python),
                ] {
                    if let Some(v) = value {
                        cat.insert(key.into(), s(&v));
                    }
                }
                if let Some(e) = envelope.table() {
                    cat.insert("envelope".into(), T::Table(e));
                }
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
                let field_keys = fields
                    .iter()
                    .map(|f| f.0.split(['.', '[']).next().unwrap_or("").to_string())
                    .collect();
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

                let mut table = Table::new();
                table.insert("catalog".into(), T::Table(cat));

                let (listed, success, failure, meanings) = statuses;
                let mut codes: Vec<u16> = Vec::new();
                if listed {
                    codes.extend(failure.iter().filter(|c| Some(**c) != success));
                    codes.extend(success);
                }
                let success = success.filter(|_| listed);
                if !codes.is_empty() {
                    // The failures first: the file order is not the sorted order.
                    let ts = codes
                        .iter()
                        .enumerate()
                        .map(|(i, code)| {
                            let mut t = Table::new();
                            t.insert("code".into(), T::Integer(i64::from(*code)));
                            t.insert("meaning".into(), s(&meanings[i]));
                            if Some(*code) == success {
                                t.insert("success".into(), T::Boolean(true));
                            }
                            t
                        })
                        .collect();
                    table.insert("http_status".into(), tables(ts));
                }

                let platforms = dedup(platforms, |p| p.0.clone());
                let mut names = BTreeSet::new();
                let mut ids = Vec::new();
                let pts: Vec<Table> = platforms
                    .into_iter()
                    .map(|(id, name, title)| {
                        let mut t = Table::new();
                        t.insert("id".into(), s(&id));
                        t.insert("name".into(), s(&unique_name(&name, &mut names)));
                        t.insert("title".into(), s(&title));
                        ids.push(id);
                        t
                    })
                    .collect();
                if !pts.is_empty() {
                    table.insert("platform".into(), tables(pts));
                }

                // Ids that differ only in their dashes have one name in
                // generated code: keep the first.
                let groups = dedup(groups, |g| g.0.replace('-', ""));
                let group_ids = groups.iter().map(|g| g.0.clone()).collect();
                let gts: Vec<Table> = groups
                    .into_iter()
                    .map(|(id, title, description)| {
                        let mut t = Table::new();
                        t.insert("id".into(), s(&id));
                        t.insert("title".into(), s(&title));
                        if let Some(d) = description {
                            t.insert("description".into(), s(&d));
                        }
                        t
                    })
                    .collect();
                if !gts.is_empty() {
                    table.insert("group".into(), tables(gts));
                }

                Manifest {
                    table,
                    ctx: Ctx {
                        statuses: codes,
                        success,
                        platforms: ids,
                        groups: group_ids,
                        envelope,
                        modes,
                        field_keys,
                    },
                }
            },
        )
        .boxed()
}

// ------------------------------------------------------------ entries

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

impl Retry {
    /// The remedy a stated, not-required relink asks for; `None` for
    /// `never`, which allows only the remedies that do not retry.
    fn remedy(&self) -> Option<&'static str> {
        match self {
            Retry::Never => None,
            Retry::Backoff(_) => Some("retry"),
            Retry::AfterDelay { .. } => Some("retry-after"),
            Retry::AfterEvent(_) => Some("wait-for-event"),
            Retry::FailedPlatforms => Some("retry-failed-platforms"),
        }
    }

    fn table(&self) -> Table {
        let mut r = Table::new();
        match self {
            Retry::Never => {
                r.insert("policy".into(), s("never"));
            }
            Retry::Backoff(min) => {
                r.insert("policy".into(), s("backoff"));
                if let Some(m) = min {
                    r.insert("min_delay_secs".into(), T::Integer(i64::from(*m)));
                }
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
            }
            Retry::AfterEvent(event) => {
                r.insert("policy".into(), s("after-event"));
                r.insert("event".into(), s(event));
            }
            Retry::FailedPlatforms => {
                r.insert("policy".into(), s("failed-platforms"));
            }
        }
        r
    }
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
        (
            prop_oneof![Just(0i64), Just(i64::MAX), 0i64..100_000, 0i64..=i64::MAX],
            text(),
            text(),
            weighted(0.5, text()),
            text(),
            weighted(0.5, text()),
        ),
        (
            weighted(0.5, any::<Index>()),
            weighted(0.5, select(RELINKS)),
            weighted(0.5, any::<bool>()),
            weighted(0.5, select(REMEDIES)),
        ),
    )
        .prop_map(
            |(
                (code, source, upstream_field, response_field, description, upstream_message),
                (message, relink, retry_available, remedy),
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
    /// Another code the body shows beside the entry's own.
    other: Option<Index>,
    /// Codes put where the envelope may not look: beside a list, deeper
    /// than any path, or written as the other kind of code.
    decoys: Option<(Index, Index)>,
}

fn example() -> BoxedStrategy<ExampleSpec> {
    (
        (
            text(),
            0u8..6,
            weighted(0.7, any::<Index>()),
            text(),
            weighted(0.7, any::<Index>()),
            weighted(0.5, any::<Index>()),
        ),
        (
            weighted(0.5, any::<Index>()),
            weighted(0.5, any::<Index>()),
            weighted(0.3, (text(), text())),
            any::<bool>(),
            weighted(0.4, any::<Index>()),
            weighted(0.4, (any::<Index>(), any::<Index>())),
        ),
    )
        .prop_map(
            |(
                (title, shape, message, message_text, platform, http),
                (subcode, case, extra, pretty, other, decoys),
            )| ExampleSpec {
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
                other,
                decoys,
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
    code: &'a Code,
    others: &'a [Code],
    warning: bool,
    /// The platforms the entry lists; empty when any goes.
    platforms: &'a [String],
    messages: &'a [String],
    subcodes: &'a [i64],
    cases: &'a [String],
}

fn object(pairs: Vec<(&str, Value)>) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// A body that shows the entry's code where the catalog's envelope reads
/// it, and as `x` asks, another code beside it, codes where the envelope
/// does not read them, and a key of no meaning.
fn example_body(x: &ExampleSpec, e: &EntryFacts<'_>, ctx: &Ctx) -> Value {
    let message = match x.message {
        Some(i) if !e.messages.is_empty() => i.get(e.messages).clone(),
        _ => x.message_text.clone(),
    };
    let pool = if e.platforms.is_empty() {
        &ctx.platforms[..]
    } else {
        e.platforms
    };
    let platform = x
        .platform
        .filter(|_| !pool.is_empty())
        .map(|i| i.get(pool).clone());
    let field = ctx.envelope.code_field();
    let mut own = object(vec![(field, e.code.json()), ("message", json!(message))]);
    if let Some(p) = &platform {
        own.insert("platform".into(), json!(p));
    }
    let other = x
        .other
        .filter(|_| !e.others.is_empty())
        .map(|i| Value::Object(object(vec![(field, i.get(e.others).json())])));
    let decoys = x.decoys.filter(|_| !e.others.is_empty()).map(|(a, b)| {
        (
            a.get(e.others).json(),
            b.get(e.others).wrong_kind(),
            e.code.wrong_kind(),
        )
    });
    let free =
        |k: &str| !ctx.platforms.iter().any(|p| p == k) && !ctx.field_keys.iter().any(|f| f == k);
    let mut body = match &ctx.envelope {
        Envelope::Ayrshare { .. } => {
            let mut list = vec![Value::Object(own.clone())];
            list.extend(other.clone());
            if let Some((_, wrong, own_wrong)) = &decoys {
                // Objects of the list, with a code of the wrong kind.
                list.push(json!({ field: wrong }));
                list.push(json!({ field: own_wrong }));
            }
            let shape = if e.warning { 6 } else { x.shape };
            match shape {
                0 => {
                    let mut top = object(vec![("status", json!("error"))]);
                    top.extend(own);
                    if decoys.is_some() {
                        // An empty list reaches no object: the body
                        // itself is still the error object.
                        top.insert("errors".into(), json!([]));
                    }
                    Value::Object(top)
                }
                2 if platform
                    .as_deref()
                    .is_some_and(|p| p != "errors" && p != "status") =>
                {
                    own.remove("platform");
                    let mut top = object(vec![("status", json!("error"))]);
                    top.insert(platform.clone().unwrap(), Value::Object(own));
                    if let Some(o) = other {
                        top.insert("errors".into(), json!([o]));
                    }
                    Value::Object(top)
                }
                3 if !ctx.platforms.is_empty() => json!({
                    "status": "error",
                    "postIds": [{"status": "success", "platform": ctx.platforms[0]}],
                    "errors": list,
                }),
                4 => {
                    let mut posts = vec![json!({"status": "error", "errors": [own]})];
                    if let Some(o) = other {
                        posts.push(json!({"status": "error", "errors": [o]}));
                    }
                    json!({"status": "error", "posts": posts})
                }
                5 if ENDPOINTS.iter().any(|k| free(k)) => {
                    let key = ENDPOINTS.iter().find(|k| free(k)).unwrap();
                    json!({"status": "error", *key: {"status": "error", "errors": list}})
                }
                6 => json!({"status": "success", "warnings": list}),
                _ => json!({"status": "error", "errors": list}),
            }
        }
        Envelope::Stripe { .. } => {
            let mut top = Map::new();
            top.insert("error".into(), Value::Object(own));
            Value::Object(top)
        }
        Envelope::Bare => Value::Object(own),
    };
    if let (Some((decoy, _, _)), Value::Object(top)) = (&decoys, &mut body) {
        // Another code where the envelope does not read it: beside a list
        // that holds an object (Ayrshare's `.` reads the body only when no
        // list does), under a key that `*` does not nest (it holds no
        // list), deeper than any path, and under keys no path of the other
        // envelopes names. A reader that looks there puts this
        // entry in the decoy's `shown_in`.
        let ayrshare = matches!(ctx.envelope, Envelope::Ayrshare { .. });
        let list_holds = top
            .get("errors")
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty());
        if list_holds || !ayrshare {
            top.entry(field.to_string())
                .or_insert_with(|| decoy.clone());
        }
        if free("details") {
            top.insert(
                "details".into(),
                json!({ field: decoy, "inner": { field: decoy } }),
            );
        }
        if !ayrshare {
            top.entry("errors".to_string())
                .or_insert_with(|| json!([{ field: decoy }]));
        }
    }
    if let (Some((k, v)), Value::Object(top)) = (&x.extra, &mut body)
        && free("extra")
    {
        top.insert("extra".into(), json!({ k.clone(): v }));
    }
    body
}

fn example_table(x: &ExampleSpec, e: &EntryFacts<'_>, ctx: &Ctx) -> Table {
    let body = example_body(x, e, ctx);
    let mut t = Table::new();
    t.insert("title".into(), s(&x.title));
    if let Some(i) = x.http {
        t.insert("http".into(), T::Integer(ctx.status(i)));
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
fn entry(code: Code, others: Vec<Code>, ctx: Ctx) -> BoxedStrategy<Table> {
    let refs = others.len().min(2);
    let head = (
        pascal(),
        text(),
        any::<u32>(),
        (text(), text(), text(), text()),
    );
    let kind = (
        any::<bool>(),
        any::<Index>(),
        100u16..=599,
        any::<(bool, bool)>(),
        subsequence(APPEARANCES, 0..=APPEARANCES.len()).prop_shuffle(),
        subsequence(ctx.platforms.clone(), 0..=ctx.platforms.len()).prop_shuffle(),
        any::<Index>(),
    );
    let policy = (retry(), select(RELINKS), any::<Index>());
    let lists = (
        vec(text(), 1..4),
        subsequence(others.clone(), 0..=refs),
        subsequence(others.clone(), 0..=refs),
        subsequence(others.clone(), 0..=refs),
    );
    let parts = (
        vec((text(), text()), 1..=2),
        vec((text(), weighted(0.5, text()), text()), 1..=2),
        vec(subcode(), 1..=2),
        vec(case(), 1..=2),
        vec((history_date(), text()), 1..=2),
        vec(example(), 1..=2),
    );
    (head, kind, policy, lists, parts)
        .prop_map(move |(head, kind, policy, lists, parts)| {
            let (name, title, coins, (description, advice, action, retired)) = head;
            let (
                warning,
                pick,
                free_status,
                (unstated_http, unstated_action),
                appears,
                platforms,
                group,
            ) = kind;
            let (retry, relink, remedy_pick) = policy;
            let (messages, superseded_by, replaces, related) = lists;
            let (fields, headers, subcodes, cases, history, examples) = parts;
            let m = ctx.modes;
            let states = |f: Fact| m.states(f, coins);

            let mut t = Table::new();
            t.insert("code".into(), code.toml());
            t.insert("name".into(), s(&name));
            t.insert("title".into(), s(&title));

            if states(Fact::Group) && !ctx.groups.is_empty() {
                t.insert("group".into(), s(group.get::<String>(&ctx.groups)));
            }
            let severity =
                states(Fact::Severity).then_some(if warning { "warning" } else { "error" });
            if let Some(sv) = severity {
                t.insert("severity".into(), s(sv));
            }
            // An error never comes with the success status.
            let http = if ctx.statuses.is_empty() {
                Some(free_status)
            } else {
                let fits: Vec<u16> = ctx
                    .statuses
                    .iter()
                    .copied()
                    .filter(|c| severity != Some("error") || Some(*c) != ctx.success)
                    .collect();
                (!fits.is_empty()).then(|| *pick.get(&fits))
            };
            match http.filter(|_| states(Fact::Http)) {
                Some(h) => {
                    t.insert("http".into(), T::Integer(i64::from(h)));
                }
                // Unstated, said in words or by leaving the key out.
                None if unstated_http => {
                    t.insert("http".into(), s("unstated"));
                }
                None => {}
            }
            if states(Fact::Action) {
                t.insert("action".into(), s(&action));
            } else if unstated_action {
                t.insert("action".into(), s("unstated"));
            }
            let platforms = states(Fact::Platforms).then_some(platforms);
            if let Some(p) = &platforms {
                t.insert("platforms".into(), strings(p));
            }
            // `warnings-array` goes with a warning, and only with one.
            if states(Fact::AppearsIn) {
                let mut list: Vec<&str> = appears.clone();
                if severity == Some("warning") {
                    list.insert(pick.index(list.len() + 1), "warnings-array");
                } else if list.is_empty() {
                    list.push("errors-array");
                }
                t.insert("appears_in".into(), words(&list));
            }
            let retry = states(Fact::Retry).then_some(retry);
            if let Some(r) = &retry {
                t.insert("retry".into(), T::Table(r.table()));
            }
            let relink = states(Fact::Relink).then_some(relink);
            if let Some(r) = relink {
                t.insert("relink".into(), s(r));
            }
            // Held to the retry policy only where the relink is stated.
            if states(Fact::Remedy) {
                let remedy = match (relink, &retry) {
                    (Some("required"), _) => "relink",
                    (Some(_), Some(r)) => r
                        .remedy()
                        .unwrap_or_else(|| *remedy_pick.get(NEVER_REMEDIES)),
                    _ => *remedy_pick.get(REMEDIES),
                };
                t.insert("remedy".into(), s(remedy));
            }

            let messages = if states(Fact::Messages) {
                dedup(messages, String::clone)
            } else {
                Vec::new()
            };
            if !messages.is_empty() {
                t.insert("messages".into(), strings(&messages));
            }
            if states(Fact::Description) {
                t.insert("description".into(), s(&description));
            }
            if states(Fact::Advice) {
                t.insert("advice".into(), s(&advice));
            }
            if states(Fact::Refs) {
                for (key, list) in [
                    ("superseded_by", superseded_by),
                    ("replaces", replaces),
                    ("related", related),
                ] {
                    if !list.is_empty() {
                        t.insert(key.into(), T::Array(list.iter().map(Code::toml).collect()));
                    }
                }
            }
            if states(Fact::Retired) {
                t.insert("retired".into(), s(&retired));
            }

            if states(Fact::Fields) {
                let fs = dedup(fields, |f| f.0.clone())
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
            if states(Fact::Headers) {
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
            let subcodes = if states(Fact::Subcodes) {
                dedup(subcodes, |x| x.code)
            } else {
                Vec::new()
            };
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
            let cases = if states(Fact::Cases) {
                dedup(cases, |x| x.id.clone())
            } else {
                Vec::new()
            };
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
            if states(Fact::History) {
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
            if states(Fact::Examples) {
                let facts = EntryFacts {
                    code: &code,
                    others: &others,
                    warning: severity == Some("warning"),
                    platforms: platforms.as_deref().unwrap_or_default(),
                    messages: &messages,
                    subcodes: &subcode_codes,
                    cases: &case_ids,
                };
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

/// A `[[catalog.example]]`: the response format, with a known code where
/// the envelope reads it, or none.
fn catalog_example(codes: Vec<Code>, ctx: Ctx) -> BoxedStrategy<Table> {
    (
        text(),
        weighted(0.7, select(codes)),
        text(),
        any::<bool>(),
        weighted(0.5, any::<Index>()),
    )
        .prop_map(move |(title, code, message, pretty, http)| {
            let field = ctx.envelope.code_field();
            let body = match (&ctx.envelope, code) {
                (Envelope::Ayrshare { .. }, Some(c)) => {
                    json!({"status": "error", "errors": [{field: c.json(), "message": message}]})
                }
                (Envelope::Ayrshare { .. }, None) => {
                    json!({"status": "success", "id": message, "postIds": []})
                }
                (Envelope::Stripe { .. }, Some(c)) => {
                    json!({"error": {field: c.json(), "message": message}})
                }
                (Envelope::Stripe { .. }, None) => json!({"id": message, "object": "charge"}),
                (Envelope::Bare, Some(c)) => json!({field: c.json(), "message": message}),
                (Envelope::Bare, None) => json!({"status": "success", "id": message}),
            };
            let mut t = Table::new();
            t.insert("title".into(), s(&title));
            if let Some(i) = http {
                t.insert("http".into(), T::Integer(ctx.status(i)));
            }
            t.insert("json".into(), s(&json_text(&body, pretty)));
            t
        })
        .boxed()
}

// ------------------------------------------------------------ catalogs

/// A generated catalog: the manifest file's table and the entries.
#[derive(Clone)]
pub struct Generated {
    pub manifest: Table,
    pub errors: Vec<Table>,
}

impl Generated {
    pub fn errors_file(&self) -> Table {
        let mut t = Table::new();
        t.insert("error".into(), tables(self.errors.clone()));
        t
    }

    pub fn single(&self) -> Table {
        let mut t = self.manifest.clone();
        t.insert("error".into(), tables(self.errors.clone()));
        t
    }

    /// The files' tables, as a catalog split in two holds them.
    pub fn files(&self) -> [Table; 2] {
        [self.manifest.clone(), self.errors_file()]
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

/// A random valid catalog, of integer or string codes.
pub fn catalog() -> BoxedStrategy<Generated> {
    any::<bool>().prop_flat_map(catalog_of).boxed()
}

/// A random valid catalog of integer codes (`ints`) or string codes.
pub fn catalog_of(ints: bool) -> BoxedStrategy<Generated> {
    manifest()
        .prop_flat_map(move |m| {
            let codes = if ints { int_codes() } else { str_codes() };
            // The file order is not the code order.
            (Just(m), codes.prop_shuffle())
        })
        .prop_flat_map(|(m, codes)| {
            let entries: Vec<BoxedStrategy<Table>> = codes
                .iter()
                .map(|c| {
                    let others = codes.iter().filter(|o| *o != c).cloned().collect();
                    entry(c.clone(), others, m.ctx.clone())
                })
                .collect();
            let examples = vec(catalog_example(codes.clone(), m.ctx.clone()), 0..=2);
            (Just(m), entries, examples)
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
            // A group no entry names draws a warning: leave it out.
            let used: BTreeSet<&str> = errors
                .iter()
                .filter_map(|e| e.get("group").and_then(T::as_str))
                .collect();
            let keep = match manifest.remove("group") {
                Some(T::Array(gs)) => gs
                    .into_iter()
                    .filter(|g| {
                        g.get("id")
                            .and_then(T::as_str)
                            .is_some_and(|id| used.contains(id))
                    })
                    .collect(),
                _ => Vec::new(),
            };
            if !keep.is_empty() {
                manifest.insert("group".into(), T::Array(keep));
            }
            Generated { manifest, errors }
        })
        .boxed()
}

/// Warnings a valid catalog of these entries draws: one per code that
/// differs from an earlier one only in case.
pub fn expected_warnings(errors: &[Table]) -> usize {
    let mut seen = BTreeSet::new();
    errors
        .iter()
        .filter_map(|e| e.get("code").and_then(T::as_str))
        .filter(|c| !seen.insert(c.to_ascii_lowercase()))
        .count()
}
