//! The outputs built by their real compilers: the TypeScript package with
//! tsc, and the generated Rust module as a crate of its own, next to the
//! generated derive crate, with a `main` that looks every code up, reads
//! its facts and maps it through `#[derive(FromCode)]` at run time.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use errcat::emit::typescript;
use errcat::ir::Catalog;
use serde_json::Value;

use crate::checks::{Presence, emitted, file, presence, temp_dir};
use crate::common::{repo, show};

pub fn type_check(c: &Catalog, tsc: &Path) {
    let dir = temp_dir("ts");
    // The package a new catalog gets: `errcat init`'s hand-owned files and
    // the generated module.
    let files = typescript::scaffold(c)
        .into_iter()
        .chain(typescript::emit(c).expect("emit TypeScript"));
    for f in files {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, f.contents).unwrap();
    }
    let out = Command::new("node")
        .arg(tsc)
        .arg("-p")
        .arg(dir.join("tsconfig.json"))
        .arg("--strict")
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

const CRATE_MANIFEST: &str = r#"[package]
name = "errcat-proptest-catalog"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
errcat-proptest-derive = { path = "derive" }
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["preserve_order"] }

[workspace]
members = ["derive"]
"#;

/// The generated derive crate's manifest, as `errcat init` writes one:
/// the same dependencies.
const DERIVE_MANIFEST: &str = r#"[package]
name = "errcat-proptest-derive"
version = "0.0.0"
edition = "2024"
publish = false

[lib]
proc-macro = true

[dependencies]
proc-macro2 = { version = "1", default-features = false, features = ["proc-macro"] }
quote = { version = "1", default-features = false }
strsim = "0.11"
syn = { version = "2", default-features = false, features = ["derive", "parsing", "printing", "proc-macro"] }
"#;

const CRATE_LIB: &str = r#"//! One random catalog's generated Rust, built on its own.
#![deny(warnings, missing_docs)]

/// The generated module.
#[rustfmt::skip]
pub mod catalog {
    include!("catalog.rs");
}
"#;

/// A Rust string literal of `s` (`Debug` escapes what a literal must).
fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// A Rust expression of the JSON `v`: a string, a number or `null`.
fn scalar(v: &Value, int_ty: &str) -> String {
    match v {
        Value::String(s) => lit(s),
        Value::Number(n) => format!("{n}{int_ty}"),
        other => panic!("not a scalar: {other}"),
    }
}

/// `Vec<&str>` of the strings of `v`.
fn str_vec(v: &[&str]) -> String {
    let items: Vec<String> = v.iter().map(|s| lit(s)).collect();
    format!("{{ let v: Vec<&str> = vec![{}]; v }}", items.join(", "))
}

/// How a fact of `ErrorInfo` is read for comparison, and how its expected
/// value is written, from the expected export's value for one code.
struct Fact {
    /// The export's key, which also says how many codes state the fact.
    key: &'static str,
    field: &'static str,
    /// Reads the field's value `x` (plain, not the `Option`).
    read: &'static str,
    expect: fn(&Value, &Value) -> String,
}

fn code_name(codes: &Value, code: &Value) -> String {
    codes
        .as_array()
        .expect("codes")
        .iter()
        .find(|c| &c["code"] == code)
        .and_then(|c| c["name"].as_str())
        .expect("a code of the catalog")
        .to_string()
}

const FACTS: &[Fact] = &[
    Fact {
        key: "http_status",
        field: "http_status",
        read: "x",
        expect: |v, _| scalar(v, "u16"),
    },
    Fact {
        key: "action",
        field: "action",
        read: "x",
        expect: |v, _| scalar(v, ""),
    },
    Fact {
        key: "description",
        field: "description",
        read: "x",
        expect: |v, _| scalar(v, ""),
    },
    Fact {
        key: "advice",
        field: "advice",
        read: "x",
        expect: |v, _| scalar(v, ""),
    },
    Fact {
        key: "severity",
        field: "severity",
        read: "x.as_str()",
        expect: |v, _| scalar(v, ""),
    },
    Fact {
        key: "retry",
        field: "retry",
        read: "x.as_str()",
        expect: |v, _| scalar(&v["policy"], ""),
    },
    Fact {
        key: "relink_policy",
        field: "relink",
        read: "x.as_str()",
        expect: |v, _| scalar(v, ""),
    },
    Fact {
        key: "remedy",
        field: "remedy",
        read: "x.as_str()",
        expect: |v, _| scalar(v, ""),
    },
    Fact {
        key: "group",
        field: "group",
        read: "x.id()",
        expect: |v, _| scalar(v, ""),
    },
    Fact {
        key: "platforms",
        field: "platforms",
        read: "x.iter().map(|p| p.id()).collect::<Vec<&str>>()",
        expect: |v, _| str_vec(&strs(v)),
    },
    Fact {
        key: "appears_in",
        field: "appears_in",
        read: "x.iter().map(|a| a.as_str()).collect::<Vec<&str>>()",
        expect: |v, _| str_vec(&strs(v)),
    },
];

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|s| s.as_str().expect("text"))
        .collect()
}

fn names(list: &Value, codes: &Value) -> String {
    let names: Vec<String> = list
        .as_array()
        .expect("a list of codes")
        .iter()
        .map(|c| code_name(codes, c))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    str_vec(&refs)
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

/// Texts (or numbers) that are not codes of the catalog but sit next to
/// them: a character more or less, another case, a space, non-ASCII, too
/// long, a neighbouring number.
fn non_codes(want: &Value) -> Vec<Value> {
    let codes: Vec<&Value> = want["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|c| &c["code"])
        .collect();
    let mut out: Vec<Value> = Vec::new();
    if want["catalog"]["code_kind"] == "integer" {
        let mut candidates = vec![0u64, 1, u64::from(u32::MAX)];
        for c in &codes {
            let n = c.as_u64().expect("a number");
            candidates.extend([n.wrapping_sub(1), n + 1]);
        }
        for n in candidates.into_iter().filter(|n| *n <= u64::from(u32::MAX)) {
            out.push(Value::from(n));
        }
    } else {
        let mut candidates = vec![String::new(), " ".into(), "é".into(), "a".repeat(65)];
        for c in codes.iter().take(4) {
            let c = c.as_str().expect("text");
            candidates.extend([
                format!("{c}x"),
                swap_case(c),
                c[..c.len() - 1].to_string(),
                format!(" {c}"),
                format!("{c}\u{e9}"),
            ]);
        }
        out.extend(candidates.into_iter().map(Value::from));
    }
    out.retain(|v| !codes.contains(&v));
    out.dedup();
    out
}

/// A `main` that looks every code up by its text (or number), through
/// `ErrorCode::from_code`, `Code` and serde, and compares every fact
/// `ErrorInfo` holds with the expected export; and that looks up texts
/// that are no code and finds nothing.
fn main_rs(want: &Value) -> String {
    let int = want["catalog"]["code_kind"] == "integer";
    let codes = &want["codes"];
    let mut m = String::from(
        "//! Run-time checks of one random catalog's generated Rust.\n\
         #![deny(warnings)]\n\
         use errcat_proptest_catalog::catalog::{Code, ErrorCode};\n\n\
         fn main() {\n",
    );
    let as_code = |v: &Value| {
        if int {
            format!("{}u32", v.as_u64().expect("a number"))
        } else {
            lit(v.as_str().expect("text"))
        }
    };
    for (i, c) in codes.as_array().expect("codes").iter().enumerate() {
        let code = as_code(&c["code"]);
        let text = lit(&match &c["code"] {
            Value::String(s) => s.clone(),
            n => n.to_string(),
        });
        let json = lit(&c["code"].to_string());
        let name = lit(c["name"].as_str().expect("name"));
        let _ = writeln!(
            m,
            "    let c = ErrorCode::from_code({code}).expect(concat!(\"code \", {text}, \" is found\"));\n\
             \x20   assert_eq!(c, ErrorCode::ALL[{i}], \"{i}th of ALL\");\n\
             \x20   assert_eq!(c.name(), {name});\n\
             \x20   assert_eq!(c.code(), {code});\n\
             \x20   assert_eq!(c.to_string(), {text});\n\
             \x20   assert_eq!(Code::from({code}).known(), Some(c));\n\
             \x20   assert_eq!(Code::from({code}).to_string(), {text});\n\
             \x20   assert_eq!(serde_json::from_str::<Code>({json}).unwrap().known(), Some(c));\n\
             \x20   assert_eq!(serde_json::to_string(&Code::from(c)).unwrap(), {json});\n\
             \x20   let info = c.info();\n\
             \x20   assert_eq!(info.title, {});",
            lit(c["title"].as_str().expect("title")),
        );
        for f in FACTS {
            let v = &c[f.key];
            let (field, read) = (f.field, f.read);
            match presence(want, f.key) {
                Presence::Never => continue,
                Presence::Always => {
                    let want = (f.expect)(v, codes);
                    let _ = writeln!(
                        m,
                        "    assert_eq!({{ let x = info.{field}; {read} }}, {want}, \"{field} of {{c}}\");"
                    );
                }
                Presence::Sometimes => {
                    let want = if v.is_null() {
                        "None".to_string()
                    } else {
                        format!("Some({})", (f.expect)(v, codes))
                    };
                    let _ = writeln!(
                        m,
                        "    assert_eq!(info.{field}.map(|x| {read}), {want}, \"{field} of {{c}}\");"
                    );
                }
            }
        }
        if presence(want, "messages") != Presence::Never {
            let _ = writeln!(
                m,
                "    assert_eq!(info.messages.to_vec(), {}, \"messages of {{c}}\");",
                str_vec(&strs(&c["messages"]))
            );
        }
        for key in ["superseded_by", "replaces", "replaced_by", "related"] {
            let _ = writeln!(
                m,
                "    assert_eq!(info.{key}.iter().map(|c| c.name()).collect::<Vec<&str>>(), {}, \"{key} of {{c}}\");",
                names(&c[key], codes)
            );
        }
        let retired = match c["retired"].as_str() {
            Some(r) => format!("Some({})", lit(r)),
            None => "None".into(),
        };
        let _ = writeln!(m, "    assert_eq!(info.retired, {retired});");
        if let Some(url) = c["docs_url"].as_str() {
            let _ = writeln!(m, "    assert_eq!(info.docs_url, {});", lit(url));
        }
    }
    for g in want["groups"].as_array().expect("groups") {
        let _ = writeln!(
            m,
            "    let g = errcat_proptest_catalog::catalog::Group::from_id({}).expect(\"group\");\n\
             \x20   assert_eq!(g.codes().iter().map(|c| c.name()).collect::<Vec<&str>>(), {});",
            lit(g["id"].as_str().expect("id")),
            names(&g["codes"], codes),
        );
    }
    if let Some(groups) = want["groups"].as_array().filter(|g| !g.is_empty()) {
        let ids: Vec<&str> = groups
            .iter()
            .map(|g| g["id"].as_str().expect("id"))
            .collect();
        let _ = writeln!(
            m,
            "    assert_eq!(errcat_proptest_catalog::catalog::Group::ALL.iter().map(|g| g.id()).collect::<Vec<&str>>(), {});",
            str_vec(&ids)
        );
    }
    for n in non_codes(want) {
        let code = as_code(&n);
        let text = lit(&match &n {
            Value::String(s) => s.clone(),
            n => n.to_string(),
        });
        let _ = writeln!(
            m,
            "    assert_eq!(ErrorCode::from_code({code}), None, concat!(\"not a code: \", {text}));\n\
             \x20   assert_eq!(Code::from({code}).known(), None);\n\
             \x20   assert_eq!(Code::from({code}).to_string(), {text});"
        );
    }
    derive_checks(want, &mut m);
    m.push_str("}\n");
    m
}

/// A `#[derive(FromCode)]` enum, and checks that every code maps onto its
/// variant: a variant per group (`#[code(group = "...")]`), one per code
/// in no group, and `other`, which keeps whatever is no code. The crate of
/// `Code` is named with `krate`, since here it is a module.
fn derive_checks(want: &Value, m: &mut String) {
    let int = want["catalog"]["code_kind"] == "integer";
    let codes = want["codes"].as_array().expect("codes");
    let groups = want["groups"].as_array().expect("groups");
    let raw = |v: &Value| match v {
        Value::String(s) => lit(s),
        n => format!("{n}u32"),
    };
    let text = |v: &Value| match v {
        Value::String(s) => lit(s),
        n => lit(&n.to_string()),
    };
    let mut variants = String::new();
    let mut expected: Vec<String> = Vec::new();
    for (i, c) in codes.iter().enumerate() {
        match groups.iter().position(|g| g["id"] == c["group"]) {
            Some(g) => expected.push(format!("G{g}")),
            None => {
                let _ = writeln!(
                    variants,
                    "        #[code({})]\n        V{i},",
                    raw(&c["code"])
                );
                expected.push(format!("V{i}"));
            }
        }
    }
    let mut count = codes.len() - codes.iter().filter(|c| !c["group"].is_null()).count() + 1;
    for (j, g) in groups.iter().enumerate() {
        if g["codes"].as_array().is_some_and(|c| !c.is_empty()) {
            let _ = writeln!(
                variants,
                "        #[code(group = {})]\n        G{j},",
                lit(g["id"].as_str().expect("id"))
            );
            count += 1;
        }
    }
    let _ = writeln!(
        m,
        "    #[derive(errcat_proptest_derive::FromCode, Debug, PartialEq)]\n\
         \x20   #[from_code(krate = \"errcat_proptest_catalog::catalog\")]\n\
         \x20   enum Mapped {{\n{variants}        #[code(other)]\n        Other(Code),\n    }}\n\
         \x20   assert_eq!(Mapped::CODE_MAP.len(), {count}, \"a CODE_MAP line per variant\");"
    );
    for (c, variant) in codes.iter().zip(&expected) {
        let (code, text) = (raw(&c["code"]), text(&c["code"]));
        let _ = writeln!(
            m,
            "    assert_eq!(Mapped::from(Code::from({code})), Mapped::{variant}, concat!(\"code \", {text}));\n\
             \x20   assert_eq!(Mapped::from({code}), Mapped::{variant});\n\
             \x20   assert!(Mapped::{variant}.codes().contains(&ErrorCode::from_code({code}).unwrap()));"
        );
    }
    for n in non_codes(want).iter().take(6) {
        let code = if int {
            format!("{}u32", n.as_u64().expect("a number"))
        } else {
            raw(n)
        };
        let _ = writeln!(
            m,
            "    match Mapped::from(Code::from({code})) {{\n\
             \x20       Mapped::Other(kept) => assert_eq!(kept.to_string(), {}),\n\
             \x20       other => panic!(\"not a code, mapped to {{other:?}}\"),\n\
             \x20   }}",
            text(n)
        );
    }
}

/// Builds the generated module as a crate of its own, warnings denied (by
/// `CRATE_LIB` and `main`), and the generated derive crate beside it, and
/// runs the checks of [`main_rs`] against `want`, the export the catalog's
/// TOML says it has.
pub fn cargo_build(c: &Catalog, want: &Value) {
    let files = emitted(c);
    let dir = temp_dir("crate");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), CRATE_MANIFEST).unwrap();
    let derive = "generated/rust/derive/";
    for f in files.iter().filter(|f| f.path.starts_with(derive)) {
        let path = dir.join("derive").join(&f.path[derive.len()..]);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.contents).unwrap();
    }
    std::fs::write(dir.join("derive/Cargo.toml"), DERIVE_MANIFEST).unwrap();
    // The workspace's lock file: the same serde, resolved offline.
    std::fs::copy(repo().join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy Cargo.lock");
    std::fs::write(dir.join("src/lib.rs"), CRATE_LIB).unwrap();
    std::fs::write(dir.join("src/main.rs"), main_rs(want)).unwrap();
    std::fs::write(
        dir.join("src/catalog.rs"),
        file(&files, "generated/rust/src/generated/catalog.rs"),
    )
    .unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args(["run", "--offline", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", repo().join("target/proptest-crates"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo");
    assert!(
        out.status.success(),
        "the generated catalog.rs or derive crate does not build, or a check fails (kept in {})\n{}",
        dir.display(),
        show(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
