//! The catalog's `FromCode` derive crate (`<name>-errors-derive`): errcat's
//! derive engine, copied as it is, plus a table of this catalog's codes
//! with the facts the selectors read.
//!
//! errcat's crates are not published, so the engine travels as source and
//! the derive crate depends only on syn, quote, proc-macro2 and strsim.
//! Engine and table are generated together with the catalog's own crate,
//! so they cannot drift from it; the table's fingerprint is checked against
//! the crate's `CATALOG_FINGERPRINT` when a derive expands.

use std::fmt::Write as _;

use crate::emit::rust::string_literal;
use crate::emit::{EmitError, fingerprint, header_line};
use crate::ir::{Catalog, Code, Severity};
use crate::writer::GeneratedFile;

/// The engine's files, relative to the derive crate's `src/`, with their
/// text from errcat's `derive/` crate.
pub const ENGINE: &[(&str, &str)] = &[
    (
        "engine/mod.rs",
        include_str!("../../../derive/src/engine/mod.rs"),
    ),
    (
        "engine/attr.rs",
        include_str!("../../../derive/src/engine/attr.rs"),
    ),
    (
        "engine/catalog.rs",
        include_str!("../../../derive/src/engine/catalog.rs"),
    ),
    (
        "engine/expand.rs",
        include_str!("../../../derive/src/engine/expand.rs"),
    ),
    (
        "engine/valid.rs",
        include_str!("../../../derive/src/engine/valid.rs"),
    ),
];

pub fn emit(c: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    let header = format!("// {}\n\n", header_line(c));
    let mut files = vec![
        GeneratedFile::new("src/lib.rs", format!("{header}{}", lib_rs(c))),
        GeneratedFile::new("src/catalog.rs", format!("{header}{}", table(c))),
    ];
    for (path, text) in ENGINE {
        files.push(GeneratedFile::new(
            format!("src/{path}"),
            format!("{header}{text}"),
        ));
    }
    Ok(files)
}

fn lib_rs(c: &Catalog) -> String {
    let krate = &c.meta.rust_crate;
    let selectors = selector_lines(c);
    format!(
        r#"//! `#[derive(FromCode)]` for the {title} error catalog: map its codes onto
//! an enum of your own, with the mapping checked against the catalog when
//! your crate compiles. Use it through `{krate}`, which re-exports it.
//!
//! ```ignore
//! use {ident}::{{Code, FromCode}};
//!
//! #[derive(FromCode, Debug)]
//! enum Failure {{
//!     #[code({example})] Specific,
//!     #[code(other)] Other(Code),
//! }}
//! ```
//!
//! Selectors of this catalog:
//!
{selectors}//!
//! Explicit codes win over selectors; selectors apply in declaration order,
//! so a code goes to the first variant whose selector matches it.

// Written as data, one entry a line; rustfmt would make it stale.
#[rustfmt::skip]
mod catalog;
// The engine serves every catalog; one catalog uses only part of it (a
// catalog of integer codes never builds a string code, say).
#[allow(dead_code)]
mod engine;

use proc_macro::TokenStream;

/// Implements `From<Code>`, `From<ErrorCode>` and `From` the raw code (or,
/// for an enum without an `other` variant, which must then map every code,
/// `TryFrom<Code>` and `From<ErrorCode>`), plus `codes()` (the catalog codes
/// a value's variant covers) and `CODE_MAP`.
#[proc_macro_derive(FromCode, attributes(code, from_code))]
pub fn derive_from_code(input: TokenStream) -> TokenStream {{
    engine::derive(input.into(), &catalog::CATALOG).into()
}}
"#,
        // One line of rustdoc: the title made safe as every doc text is.
        title = super::rust::doc_text(&c.meta.title).replace('\n', " "),
        ident = c.meta.rust_ident(),
        example = c
            .errors
            .first()
            .map_or_else(|| "0".to_string(), |e| e.code.to_json().to_string()),
    )
}

/// One `//! - ...` line per selector the catalog supports.
fn selector_lines(c: &Catalog) -> String {
    let f = &c.facts;
    let mut lines = vec![match c.code_kind {
        crate::ir::CodeKind::Int => "- codes: `#[code(435, 444)]`".to_string(),
        crate::ir::CodeKind::Str => "- codes: `#[code(\"23505\", \"23503\")]`".to_string(),
    }];
    if f.retry.used() {
        lines.push("- `retryable`: codes whose retry policy is not `never`".into());
    }
    if f.relink.used() {
        lines.push("- `relink`: codes that require the user to relink".into());
    }
    if f.platforms.used() && !c.platforms.is_empty() {
        lines.push("- `platform = \"id\"`: codes of that platform".into());
    }
    if f.severity.used() {
        lines.push("- `severity = \"error\"` or `\"warning\"`".into());
    }
    if f.http_status.used() {
        lines.push("- `http = 429`: codes with that HTTP status".into());
    }
    if !c.groups.is_empty() {
        lines.push("- `group = \"id\"`: the codes of a group".into());
    }
    lines.push("- `other`: the fallback, a unit variant or one holding the `Code`".into());
    lines.iter().map(|l| format!("//! {l}\n")).collect()
}

/// The `CATALOG` static: one line per entry, written directly (it is data,
/// and at 10,000 codes going through syn and prettyplease would cost more
/// than the rest of this emitter).
pub fn table(c: &Catalog) -> String {
    let s = |t: &str| string_literal(t).to_string();
    let f = &c.facts;
    let mut out = String::new();
    out.push_str("// A catalog may need only some of these.\n#[allow(unused_imports)]\nuse crate::engine::{Catalog, Code, Entry, Facts, Kind, Severity};\n\n");
    out.push_str("/// The catalog the derive checks mappings against.\n");
    out.push_str("pub(crate) static CATALOG: Catalog = Catalog {\n");
    let _ = writeln!(out, "    title: {},", s(&c.meta.title));
    let _ = writeln!(out, "    krate: {},", s(&c.meta.rust_ident()));
    let _ = writeln!(
        out,
        "    kind: Kind::{},",
        match c.code_kind {
            crate::ir::CodeKind::Int => "Int",
            crate::ir::CodeKind::Str => "Str",
        }
    );
    let _ = writeln!(out, "    fingerprint: 0x{:016x},", fingerprint(c));
    let _ = writeln!(
        out,
        "    states: Facts {{ http: {}, severity: {}, retry: {}, relink: {}, platforms: {} }},",
        f.http_status.used(),
        f.severity.used(),
        f.retry.used(),
        f.relink.used(),
        f.platforms.used() && !c.platforms.is_empty(),
    );
    let list = |items: &mut dyn Iterator<Item = &str>| items.map(&s).collect::<Vec<_>>().join(", ");
    let _ = writeln!(
        out,
        "    platforms: &[{}],",
        list(&mut c.platforms.iter().map(|p| p.id.as_str()))
    );
    let _ = writeln!(
        out,
        "    groups: &[{}],",
        list(&mut c.groups.iter().map(|g| g.id.as_str()))
    );
    out.push_str("    entries: &[\n");
    let opt = |v: Option<String>| v.map_or_else(|| "None".to_string(), |v| format!("Some({v})"));
    for e in &c.errors {
        let code = match &e.code {
            Code::Int(n) => format!("Code::Int({n})"),
            Code::Str(t) => format!("Code::Str({})", s(t)),
        };
        let severity = e.severity.map(|v| {
            match v {
                Severity::Error => "Severity::Error",
                Severity::Warning => "Severity::Warning",
            }
            .to_string()
        });
        let _ = writeln!(
            out,
            "        Entry {{ code: {code}, name: {}, http: {}, severity: {}, retryable: {}, relink: {}, platforms: &[{}], group: {} }},",
            s(&e.name),
            opt(e.http_status.map(|h| h.to_string())),
            opt(severity),
            opt(e.retryable().map(|b| b.to_string())),
            opt(e.relink_required().map(|b| b.to_string())),
            list(&mut e.platform_ids().iter().map(String::as_str)),
            opt(e.group.as_deref().map(s)),
        );
    }
    out.push_str("    ],\n};\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// rustc rejects a lone CR and the bidirectional overrides and isolates
    /// in a doc comment; a title with them must still give a crate that
    /// compiles, one `//!` line for the title.
    #[test]
    fn any_title_stays_one_doc_line_rustc_accepts() {
        let toml = "[catalog]\nname = \"t\"\ntitle = \"A\\r\\nB \\u202E C \\u2066 D\"\n\n\
                    [[error]]\ncode = 1\nname = \"One\"\ntitle = \"One\"\n";
        let c = crate::compile_bytes("catalog.toml", toml.as_bytes()).expect("a valid catalog");
        let lib = lib_rs(&c);
        let first = lib.lines().next().expect("a first line");
        assert!(
            first.starts_with("//! `#[derive(FromCode)]` for the A"),
            "{first}"
        );
        assert!(
            first.contains("B U+202E C U+2066 D error catalog"),
            "{first}"
        );
        assert!(
            !lib.contains(['\r', '\u{202E}', '\u{2066}']),
            "characters rustc rejects in comments"
        );
    }
}
