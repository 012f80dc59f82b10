//! The MDX pages compile and run with `@mdx-js/mdx`, their front matter
//! read with gray-matter, as MDX doc sites read them (tests/mdx/check.mjs),
//! for the Ayrshare catalog, the example catalogs and the fixtures; and
//! what they render is the catalog: the front matter's values exactly,
//! every message and example body in a code block, every text of the
//! catalog as itself, no HTML element that catalog text could have made,
//! and every link leading to a page.
//!
//! `node` must be on `PATH` and `tests/mdx/node_modules` installed
//! (`npm ci --prefix tests/mdx`); without them the tests fail, never skip.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{repo, show, temp_dir};
use errcat::emit::mdx;
use errcat::ir::{Catalog, ErrorEntry};
use serde_json::Value;

const MDX_SETUP: &str = "npm ci --prefix tests/mdx";

/// Every catalog the pages are checked for, by label.
fn catalogs() -> Vec<(&'static str, Catalog)> {
    [
        ("ayrshare", "catalog"),
        ("grpc", "examples/grpc/catalog"),
        ("postgres", "examples/postgres/catalog"),
        ("hostile", "tests/fixtures/valid/hostile"),
        ("strings", "tests/fixtures/valid/strings"),
        ("minimal", "tests/fixtures/valid/minimal"),
    ]
    .into_iter()
    .map(|(label, path)| {
        let c = errcat::compile(&repo().join(path)).unwrap_or_else(|f| panic!("{}", f.render()));
        (label, c)
    })
    .collect()
}

/// Writes each catalog's pages under `root/<label>/`.
fn write_pages(root: &Path, catalogs: &[(&str, Catalog)]) -> Vec<PathBuf> {
    catalogs
        .iter()
        .map(|(label, c)| {
            let dir = root.join(label);
            for f in mdx::emit(c).expect("emits MDX") {
                let path = dir.join(&f.path);
                fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                fs::write(path, f.contents).expect("write page");
            }
            dir
        })
        .collect()
}

/// Runs tests/mdx/check.mjs on `dirs`: its report, or a panic naming the
/// pages that do not compile.
fn check(dirs: &[PathBuf]) -> Value {
    let script = repo().join("tests/mdx/check.mjs");
    assert!(
        repo().join("tests/mdx/node_modules/@mdx-js/mdx").is_dir(),
        "tests/mdx/node_modules is missing: run `{MDX_SETUP}` (from the repository root) first"
    );
    let out = Command::new("node")
        .arg(&script)
        .args(dirs)
        .output()
        .unwrap_or_else(|e| {
            panic!("`node` is not on PATH ({e}); install Node.js, then run `{MDX_SETUP}`")
        });
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("check.mjs printed no report ({e})\n{}", show(&out)));
    let errors = report["errors"].as_array().cloned().unwrap_or_default();
    assert!(
        errors.is_empty() && out.status.success(),
        "pages that do not compile as MDX:\n{}\n{}",
        errors
            .iter()
            .map(|e| format!("  {}/{}: {}\n", e["root"], e["file"], e["error"]))
            .collect::<String>(),
        String::from_utf8_lossy(&out.stderr)
    );
    report
}

/// Text as a reader sees it: whitespace folded, and without backticks (the
/// escapers keep the catalog's code spans, which render without them).
fn norm(t: &str) -> String {
    t.replace('`', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The elements a page may render. Catalog text that became markup
/// (`<b>`, `<script>`, an `*emphasis*`, a heading of its own) would add
/// another tag or, for headings and lists, break the checks below.
const TAGS: &[&str] = &[
    "a", "code", "h2", "h3", "li", "p", "pre", "strong", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
];

fn page<'a>(pages: &'a [Value], file: &str) -> &'a Value {
    pages
        .iter()
        .find(|p| p["file"] == file)
        .unwrap_or_else(|| panic!("no page {file}"))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|x| x.as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Every text of an entry that its page shows as prose.
fn prose(e: &ErrorEntry) -> Vec<&str> {
    let mut t: Vec<&str> = Vec::new();
    t.extend(e.description.as_deref());
    t.extend(e.advice.as_deref());
    t.extend(e.retired.as_deref());
    t.extend(e.fields.iter().map(|f| f.description.as_str()));
    t.extend(e.headers.iter().map(|h| h.description.as_str()));
    t.extend(e.history.iter().flat_map(|h| [&*h.date, &*h.note]));
    for k in &e.cases {
        t.extend([k.title.as_str(), &k.signal, &k.advice]);
    }
    t.extend(e.subcodes.iter().map(|s| s.description.as_str()));
    t.extend(e.examples.iter().map(|x| x.title.as_str()));
    t
}

/// Every text of an entry that its page shows in a code block, as the
/// block holds it (with a final newline).
fn blocks(e: &ErrorEntry) -> Vec<String> {
    let mut t: Vec<String> = e.messages.clone();
    t.extend(e.cases.iter().filter_map(|k| k.message.clone()));
    for s in &e.subcodes {
        t.extend(s.message.clone());
        t.extend(s.upstream_message.clone());
    }
    t.extend(
        e.examples
            .iter()
            .map(|x| serde_json::to_string_pretty(&x.json).expect("prints")),
    );
    t.into_iter()
        .map(|s| if s.ends_with('\n') { s } else { s + "\n" })
        .collect()
}

fn check_catalog(label: &str, c: &Catalog, report: &Value, root: &Path) {
    let pages: Vec<Value> = report["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .filter(|p| Path::new(p["root"].as_str().unwrap_or_default()) == root)
        .cloned()
        .collect();
    // One page per code, and the index.
    let files: BTreeSet<String> = pages
        .iter()
        .map(|p| p["file"].as_str().unwrap_or_default().to_string())
        .collect();
    let mut want: BTreeSet<String> = c.errors.iter().map(|e| mdx::page_path(&e.code)).collect();
    want.insert(mdx::INDEX_MDX.to_string());
    assert_eq!(files, want, "{label}: the pages");

    for p in &pages {
        let file = p["file"].as_str().unwrap_or_default();
        for tag in strings(&p["tags"]) {
            assert!(
                TAGS.contains(&tag.as_str()),
                "{label}/{file}: renders a <{tag}> element"
            );
        }
        // Relative links lead to pages of the same tree.
        let dir = Path::new(file).parent().unwrap_or(Path::new(""));
        for href in strings(&p["links"]) {
            if href.starts_with("http://") || href.starts_with("https://") {
                continue;
            }
            let target = normalize(&dir.join(&href));
            assert!(
                files.contains(&target),
                "{label}/{file}: link {href:?} leads to no page ({target})"
            );
        }
    }

    let index = page(&pages, mdx::INDEX_MDX);
    assert_eq!(
        index["front_matter"]["title"].as_str(),
        Some(format!("{} error codes", norm_space(&c.meta.title)).as_str()),
        "{label}: the index's title"
    );
    let index_links: BTreeSet<String> = strings(&index["links"]).into_iter().collect();
    for e in &c.errors {
        let link = format!("./{}", mdx::page_path(&e.code));
        assert!(
            index_links.contains(&link),
            "{label}: the index links {link}"
        );
    }

    for e in &c.errors {
        let file = mdx::page_path(&e.code);
        let p = page(&pages, &file);
        let fm = &p["front_matter"];
        // The front matter reads back as exactly what was written, with
        // the code's own type (a string code stays a string).
        assert_eq!(
            fm["title"].as_str(),
            Some(norm_space(&format!("{}: {}", e.code, e.title)).as_str()),
            "{label}/{file}: title"
        );
        assert_eq!(fm["code"], e.code.to_json(), "{label}/{file}: code");
        assert_eq!(fm["name"].as_str(), Some(e.name.as_str()), "{label}/{file}");
        let description = fm["description"].as_str().unwrap_or_default();
        let source = norm_space(e.description.as_deref().unwrap_or(&e.title));
        assert!(
            !description.is_empty() && source.starts_with(description),
            "{label}/{file}: description {description:?} is not the start of {source:?}"
        );

        let code_blocks: BTreeSet<String> = strings(&p["code_blocks"]).into_iter().collect();
        for b in blocks(e) {
            assert!(
                code_blocks.contains(&b),
                "{label}/{file}: no code block holds {b:?}"
            );
        }
        let text = norm(
            &p["blocks"]
                .as_array()
                .expect("blocks")
                .iter()
                .map(|b| b["text"].as_str().unwrap_or_default())
                .collect::<Vec<_>>()
                .join(" "),
        );
        for t in prose(e) {
            assert!(
                text.contains(&norm(t)),
                "{label}/{file}: {t:?} is not shown as itself"
            );
        }
        // Related codes are links to their pages.
        let links: BTreeSet<String> = strings(&p["links"]).into_iter().collect();
        for n in e
            .related
            .iter()
            .chain(&e.superseded_by)
            .chain(&e.replaces)
            .chain(&e.replaced_by)
        {
            let link = format!("./{n}.mdx");
            assert!(links.contains(&link), "{label}/{file}: no link {link}");
        }
        assert!(
            links.contains(&format!("../{}", mdx::INDEX_MDX)),
            "{label}/{file}: no link to the index"
        );
    }
}

fn norm_space(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `a/./b/../c` as `a/c`, with `/` separators.
fn normalize(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                parts.pop();
            }
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts.join("/")
}

#[test]
fn pages_compile_and_render_the_catalog() {
    let catalogs = catalogs();
    let root = temp_dir("mdx");
    let dirs = write_pages(&root, &catalogs);
    let report = check(&dirs);
    for ((label, c), dir) in catalogs.iter().zip(&dirs) {
        check_catalog(label, c, &report, dir);
    }
    let _ = fs::remove_dir_all(root);
}

/// The checks catch what they are for: a page with a JSX tag, an
/// expression, an ESM line or an HTML comment does not compile, and one
/// whose text became markup renders an element no page may have.
#[test]
fn broken_pages_fail() {
    let root = temp_dir("mdx-broken");
    let bad = [
        ("jsx.mdx", "A <b>tag</b> left open <i>"),
        ("expression.mdx", "Braces {{y}} as text"),
        ("esm.mdx", "import x from 'y'\n\ntext"),
        ("comment.mdx", "<!-- a comment -->"),
        ("front-matter.mdx", "---\ntitle: a: b: c\n---\n\ntext"),
    ];
    for (name, text) in bad {
        fs::write(root.join(name), text).expect("write");
    }
    let out = Command::new("node")
        .arg(repo().join("tests/mdx/check.mjs"))
        .arg(&root)
        .output()
        .expect("runs node");
    assert!(!out.status.success(), "{}", show(&out));
    let report: Value = serde_json::from_slice(&out.stdout).expect("a report");
    let failed: BTreeSet<String> = report["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| e["file"].as_str().unwrap_or_default().to_string())
        .collect();
    let want: BTreeSet<String> = bad.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(failed, want, "{}", show(&out));
    let _ = fs::remove_dir_all(root);
}
