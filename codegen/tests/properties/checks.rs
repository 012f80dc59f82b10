//! The checks run in-process on every catalog: how it compiles, the IR,
//! and every emitted file read with a real parser and held to what the
//! catalog's TOML says (`common::export_facts`, read without errcat).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use errcat::emit::{Layout, emit_all};
use errcat::ir::Catalog;
use errcat::writer::GeneratedFile;
use pulldown_cmark::{Event, Tag};
use serde_json::{Value, json};
use toml::{Table, Value as T};

use crate::common::export_facts;
use crate::common::markdown::{check_tables as tables, code_texts, events};
use crate::generate::Generated;

/// A fresh directory under the test target's temp dir.
pub fn temp_dir(label: &str) -> PathBuf {
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

/// The catalog of `files` (name, table), with the ids of its warnings.
pub fn compile_files(label: &str, files: &[(&str, &Table)]) -> (Catalog, Vec<&'static str>) {
    let dir = temp_dir(label);
    for (name, t) in files {
        std::fs::write(dir.join(name), toml_text(t)).unwrap();
    }
    let c = errcat::compile_with_warnings(&dir).unwrap_or_else(|f| {
        panic!(
            "errcat rejects a generated catalog ({label}, kept in {}): a generator bug\n{}",
            dir.display(),
            f.render()
        )
    });
    let _ = std::fs::remove_dir_all(&dir);
    (c.catalog, c.warnings.iter().map(|w| w.id).collect())
}

/// The catalog compiled as one file, and split into a manifest and an
/// entries file read in either order: the same catalog each time, with
/// the warnings it should draw (codes that differ only in case) and no
/// other.
pub fn compile_all_layouts(g: &Generated) -> [Catalog; 3] {
    let single = g.single();
    let errors = g.errors_file();
    let (one, warnings) = compile_files("single", &[("catalog.toml", &single)]);
    let (split, _) = compile_files(
        "split",
        &[("a-catalog.toml", &g.manifest), ("b-errors.toml", &errors)],
    );
    let (reversed, _) = compile_files(
        "reversed",
        &[("a-errors.toml", &errors), ("b-catalog.toml", &g.manifest)],
    );
    assert_eq!(one, split, "one file and manifest + entries differ");
    assert_eq!(one, reversed, "one file and entries + manifest differ");
    let twins = crate::generate::expected_warnings(&g.errors);
    assert_eq!(
        warnings,
        vec!["W0301"; twins],
        "one W0301 per code that differs from another only in case, nothing else"
    );
    [one, split, reversed]
}

fn ir_code(v: &T) -> errcat::ir::Code {
    match v {
        T::Integer(n) => errcat::ir::Code::Int(u32::try_from(*n).expect("a u32 code")),
        T::String(s) => errcat::ir::Code::Str(s.clone()),
        other => panic!("not a code: {other:?}"),
    }
}

/// The IR carries the generated text unchanged, in code order.
pub fn check_ir(g: &Generated, c: &Catalog) {
    assert_eq!(c.errors.len(), g.errors.len(), "every entry is kept");
    for t in &g.errors {
        let code = ir_code(&t["code"]);
        let e = c
            .entry(&code)
            .unwrap_or_else(|| panic!("entry {code} is missing"));
        assert_eq!(Some(e.name.as_str()), t["name"].as_str());
        assert_eq!(Some(e.title.as_str()), t["title"].as_str());
        assert_eq!(
            e.description.as_deref(),
            t.get("description").and_then(T::as_str)
        );
        assert_eq!(e.advice.as_deref(), t.get("advice").and_then(T::as_str));
        let messages: Vec<&str> = t
            .get("messages")
            .and_then(T::as_array)
            .map(|a| a.iter().filter_map(T::as_str).collect())
            .unwrap_or_default();
        assert_eq!(e.messages, messages, "code {code}: messages");
    }
    let codes: Vec<&errcat::ir::Code> = c.errors.iter().map(|e| &e.code).collect();
    assert!(codes.is_sorted(), "entries sorted by code: {codes:?}");
}

pub fn emitted(c: &Catalog) -> Vec<GeneratedFile> {
    emit_all(c, &Layout::default())
        .unwrap_or_else(|e| panic!("emit_all fails: {e}"))
        .files
}

pub fn file<'a>(files: &'a [GeneratedFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is not emitted"))
        .contents
}

const RUST: &str = "generated/rust/src/generated/catalog.rs";
const DERIVE_TABLE: &str = "generated/rust/derive/src/catalog.rs";

/// Every Rust file parses: the catalog's module and the derive crate.
fn check_rust_parses(files: &[GeneratedFile]) {
    let mut n = 0;
    for f in files.iter().filter(|f| f.path.ends_with(".rs")) {
        if let Err(e) = syn::parse_file(&f.contents) {
            panic!("{} does not parse: {e}", f.path);
        }
        n += 1;
    }
    assert!(n >= 8, "only {n} Rust files");
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

/// Every table of every page keeps its column count, and each code's page
/// has exactly the tables its facts call for: the facts, one per case and
/// per sub-code, its fields, its headers and its related codes. Text that
/// opened or closed a table would change the count.
fn check_tables(files: &[GeneratedFile], want: &Value) {
    let listed = |v: &Value| usize::from(v.as_array().is_some_and(|a| !a.is_empty()));
    let count = |v: &Value| v.as_array().map_or(0, Vec::len);
    for f in book_pages(files) {
        tables(&f.path, &f.contents);
    }
    for c in want["codes"].as_array().expect("codes") {
        let text = c["code"]
            .as_str()
            .map_or_else(|| c["code"].to_string(), String::from);
        let path = format!("generated/book/src/codes/{text}.md");
        let related = [
            "superseded_by",
            "replaces",
            "replaced_by",
            "related",
            "shown_in",
        ]
        .iter()
        .any(|k| listed(&c[*k]) == 1);
        let expected = 1
            + count(&c["cases"])
            + count(&c["subcodes"])
            + listed(&c["fields"])
            + listed(&c["headers"])
            + usize::from(related);
        assert_eq!(
            tables(&path, file(files, &path)),
            expected,
            "tables on the page of code {text}"
        );
    }
}

fn book_pages(files: &[GeneratedFile]) -> impl Iterator<Item = &GeneratedFile> {
    files
        .iter()
        .filter(|f| f.path.starts_with("generated/book/src/") && f.path.ends_with(".md"))
}

/// Links go to a page of the book, a schema beside it, or an http(s) URL.
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

// ------------------------------------------------------------ presence

/// How many codes of the expected export state a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Never,
    Sometimes,
    Always,
}

/// Whether a fact's value states it: not `null`, and for lists of
/// things (messages, sub-codes, ...) not empty. `platforms = []` states
/// that no platform in particular is concerned, so it counts.
fn states(key: &str, v: &Value) -> bool {
    match key {
        "messages" | "subcodes" | "cases" | "fields" | "headers" | "history" | "examples" => {
            v.as_array().is_some_and(|a| !a.is_empty())
        }
        _ => !v.is_null(),
    }
}

pub fn presence(want: &Value, key: &str) -> Presence {
    let codes = want["codes"].as_array().expect("codes");
    let n = codes.iter().filter(|c| states(key, &c[key])).count();
    match n {
        0 => Presence::Never,
        n if n == codes.len() => Presence::Always,
        _ => Presence::Sometimes,
    }
}

// ------------------------------------------------------------ Rust

/// Each field of the generated `ErrorInfo` with whether its type is an
/// `Option`.
fn info_fields(rust: &str) -> Vec<(String, bool)> {
    let file = syn::parse_file(rust).expect("the Rust parses");
    let fields = file
        .items
        .iter()
        .find_map(|i| match i {
            syn::Item::Struct(s) if s.ident == "ErrorInfo" => Some(&s.fields),
            _ => None,
        })
        .expect("struct ErrorInfo");
    fields
        .iter()
        .map(|f| {
            let optional = matches!(&f.ty, syn::Type::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "Option"));
            (f.ident.as_ref().expect("named").to_string(), optional)
        })
        .collect()
}

/// How a field of `ErrorInfo` depends on what the codes state.
enum Shape {
    /// Always there, as it is.
    Plain,
    /// Always there, an `Option` whatever the codes state.
    Optional,
    /// There when some code has items, never optional.
    List,
    /// Left out when no code states the export's `key`, optional when
    /// some do, plain when all do.
    Fact(&'static str),
}

/// `ErrorInfo` has a field for each fact some code states, optional where
/// some code leaves it unstated, and none for a fact no code states.
fn check_info_fields(files: &[GeneratedFile], want: &Value) {
    use Shape::*;
    let mut spec: Vec<(&str, Shape)> = vec![("code", Plain), ("name", Plain), ("title", Plain)];
    if !want["groups"].as_array().expect("groups").is_empty() {
        spec.push(("group", Fact("group")));
    }
    spec.extend([
        ("http_status", Fact("http_status")),
        ("action", Fact("action")),
        ("platforms", Fact("platforms")),
        ("severity", Fact("severity")),
        ("appears_in", Fact("appears_in")),
        ("retry", Fact("retry")),
        ("relink", Fact("relink_policy")),
        ("remedy", Fact("remedy")),
        ("messages", List),
        ("description", Fact("description")),
        ("advice", Fact("advice")),
        ("subcodes", List),
        ("cases", List),
        ("superseded_by", Plain),
        ("replaces", Plain),
        ("replaced_by", Plain),
        ("related", Plain),
        ("retired", Optional),
    ]);
    if !want["catalog"]["docs_url"].is_null() {
        spec.push(("docs_url", Plain));
    }
    let expected: Vec<(String, bool)> = spec
        .into_iter()
        .filter_map(|(name, shape)| {
            let optional = match shape {
                Plain => Some(false),
                Optional => Some(true),
                List => (presence(want, name) != Presence::Never).then_some(false),
                Fact(key) => match presence(want, key) {
                    Presence::Never => None,
                    p => Some(p == Presence::Sometimes),
                },
            };
            optional.map(|o| (name.to_string(), o))
        })
        .collect();
    assert_eq!(
        info_fields(file(files, RUST)),
        expected,
        "ErrorInfo's fields (name, optional), left: generated, right: from the TOML"
    );
}

/// A Rust expression of the derive table as JSON: structs as objects,
/// `&[...]` as arrays, `None` as null, `Some(x)`, `Code::Int(x)` and
/// `Code::Str(x)` as `x`, other paths as their last segment.
fn rust_value(e: &syn::Expr) -> Value {
    use syn::{Expr, Lit};
    match e {
        Expr::Struct(s) => Value::Object(
            s.fields
                .iter()
                .map(|f| {
                    let syn::Member::Named(name) = &f.member else {
                        panic!("a named field")
                    };
                    (name.to_string(), rust_value(&f.expr))
                })
                .collect(),
        ),
        Expr::Reference(r) => rust_value(&r.expr),
        Expr::Array(a) => Value::Array(a.elems.iter().map(rust_value).collect()),
        Expr::Lit(l) => match &l.lit {
            Lit::Str(s) => json!(s.value()),
            Lit::Bool(b) => json!(b.value),
            Lit::Int(i) => json!(i.base10_parse::<u64>().expect("a u64")),
            _ => panic!("a literal of the table: {}", quote::quote!(#l)),
        },
        Expr::Path(p) => {
            let last = p.path.segments.last().expect("a path").ident.to_string();
            if last == "None" {
                Value::Null
            } else {
                json!(last)
            }
        }
        Expr::Call(c) => {
            let [arg] = c.args.iter().collect::<Vec<_>>()[..] else {
                panic!("one argument: {}", quote::quote!(#c))
            };
            rust_value(arg)
        }
        other => panic!("an expression of the table: {}", quote::quote!(#other)),
    }
}

fn fingerprint(rust: &str) -> Value {
    let file = syn::parse_file(rust).expect("the Rust parses");
    file.items
        .iter()
        .find_map(|i| match i {
            syn::Item::Const(c) if c.ident == "CATALOG_FINGERPRINT" => Some(rust_value(&c.expr)),
            _ => None,
        })
        .expect("CATALOG_FINGERPRINT")
}

/// The derive crate's table: the catalog's kind, its platforms and groups,
/// which facts some code states, and one entry per code, in code order,
/// with the facts the selectors read (`None` where unstated); its
/// fingerprint is the generated crate's.
fn check_derive_table(files: &[GeneratedFile], want: &Value) {
    let table = syn::parse_file(file(files, DERIVE_TABLE)).expect("the table parses");
    let got = table
        .items
        .iter()
        .find_map(|i| match i {
            syn::Item::Static(s) if s.ident == "CATALOG" => Some(rust_value(&s.expr)),
            _ => None,
        })
        .expect("static CATALOG");
    let cat = &want["catalog"];
    let used = |key: &str| presence(want, key) != Presence::Never;
    let platforms: Vec<Value> = want["platforms"]
        .as_array()
        .expect("platforms")
        .iter()
        .map(|p| p["id"].clone())
        .collect();
    let entries: Vec<Value> = want["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|c| {
            let severity = match c["severity"].as_str() {
                Some("error") => json!("Error"),
                Some("warning") => json!("Warning"),
                _ => Value::Null,
            };
            json!({
                "code": c["code"],
                "name": c["name"],
                "http": c["http_status"],
                "severity": severity,
                "retryable": c["retryable"],
                "relink": c["relink"],
                "platforms": if c["platforms"].is_null() { json!([]) } else { c["platforms"].clone() },
                "group": c["group"],
            })
        })
        .collect();
    let expected = json!({
        "title": cat["title"],
        "krate": cat["rust_crate"].as_str().expect("rust_crate").replace('-', "_"),
        "kind": if cat["code_kind"] == "integer" { "Int" } else { "Str" },
        "fingerprint": fingerprint(file(files, RUST)),
        "states": {
            "http": used("http_status"),
            "severity": used("severity"),
            "retry": used("retry"),
            "relink": used("relink"),
            "platforms": used("platforms") && !platforms.is_empty(),
        },
        "platforms": platforms,
        "groups": want["groups"].as_array().expect("groups").iter().map(|g| g["id"].clone()).collect::<Vec<_>>(),
        "entries": entries,
    });
    for key in [
        "title",
        "krate",
        "kind",
        "fingerprint",
        "states",
        "platforms",
        "groups",
    ] {
        assert_eq!(
            got[key], expected[key],
            "the derive table's `{key}` (left: generated, right: from the TOML)"
        );
    }
    let (got, expected) = (
        got["entries"].as_array().expect("entries"),
        expected["entries"].as_array().expect("entries"),
    );
    let codes = |v: &[Value]| v.iter().map(|e| e["code"].clone()).collect::<Vec<_>>();
    assert_eq!(
        codes(got),
        codes(expected),
        "the derive table: one entry per code, in code order"
    );
    for (g, w) in got.iter().zip(expected) {
        assert_eq!(
            g, w,
            "the derive table's entry (left: generated, right: from the TOML)"
        );
    }
}

/// Every check of the emitted files. `toml` are the catalog's files'
/// tables.
pub fn check_outputs(c: &Catalog, files: &[GeneratedFile], toml: &[Table]) {
    let want = export_facts::expected(toml);
    check_rust_parses(files);
    check_json(files, toml);
    check_info_fields(files, &want);
    check_derive_table(files, &want);
    check_tables(files, &want);
    let mut code_pages = String::new();
    for f in book_pages(files) {
        check_links(&f.contents);
        if f.path.starts_with("generated/book/src/codes/") {
            code_pages.push_str(&f.contents);
            code_pages.push_str("\n\n");
        }
    }
    check_messages(&code_pages, c);
}
