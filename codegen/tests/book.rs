//! The reference book, read back with a real CommonMark parser (the
//! extensions mdBook turns on): every page a catalog needs and no other,
//! a table of contents that lists each once, tables that keep their cell
//! count, headings that stay headings and name what they should, no raw
//! HTML but errcat's own anchors and script, links that reach a page of
//! the book, every message byte for byte, catalog text rendered as itself
//! even where it is hostile; and mdBook builds the hostile books without a
//! warning and without expanding `{{#include}}`. The browser test
//! (tests/browser) then reads the built books in Chromium.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use errcat::emit::book;
use errcat::emit::md::{md_cell, md_text};
use errcat::ir::{Case, Catalog, ErrorEntry, HistoryItem, Subcode};
use errcat::writer::GeneratedFile;
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

mod common;
use common::markdown::{check_tables, code_texts, events};
use common::repo;

fn compile(path: &Path) -> Catalog {
    errcat::compile(path).unwrap_or_else(|f| panic!("{}: {}", path.display(), f.render()))
}

fn catalogs() -> Vec<(&'static str, Catalog)> {
    let r = repo();
    vec![
        ("minimal", compile(&r.join("tests/fixtures/valid/minimal"))),
        ("strings", compile(&r.join("tests/fixtures/valid/strings"))),
        ("hostile", compile(&r.join("tests/fixtures/valid/hostile"))),
        (
            "hostile-strings",
            compile(&r.join("tests/fixtures/valid/hostile-strings")),
        ),
        ("catalog", compile(&r.join("catalog"))),
        ("postgres", compile(&r.join("examples/postgres/catalog"))),
        ("grpc", compile(&r.join("examples/grpc/catalog"))),
        ("nasty", nasty()),
    ]
}

/// The hostile fixture with more text aimed at Markdown and MDX: block
/// markers at line starts, heading attributes, URLs with parentheses,
/// messages that code spans find hard, pipes in code spans in cells.
fn nasty() -> Catalog {
    let mut c = compile(&repo().join("tests/fixtures/valid/hostile"));
    c.meta.title = "Nasty {#custom-id}".into();
    c.meta.source_url = Some("https://example.com/docs_(v2)?a=1&b={2}".into());
    c.platforms[0].title = "`a|b` and {x} | <y>".into();
    c.http_statuses[0].meaning = "# not a heading\n- not a list".into();
    c.fields[0].description = "`code | with pipe` and \\| and `` ` `` end\\".into();
    let e = &mut c.errors[0];
    e.title = "Ends with a brace {#id .class}".into();
    e.description = Some([
        "- dash",
        "+ plus",
        "* star",
        "1. one",
        "2) two",
        "# hash",
        "> quote",
        "===",
        "---",
        "***",
        "```",
        "~~~",
        "        deep indent",
        "\timport x from 'y'",
        "export const a = 1",
        "<div>html</div>",
        "<!-- comment -->",
        "{expression}",
        "| a | b |",
        "| - | - |",
        ": colon",
        "[ref]: https://example.com",
        "[^note]",
        "- [ ] task",
        "&amp; &#123; &copy;",
        "trailing spaces   ",
        "trailing backslash\\",
        "",
        "",
        "Second paragraph with `code\nover lines` and **strong** and _em_ and ~~strike~~ and $math$.",
    ]
    .join("\n"));
    e.advice = Some(
        "See https://example.com/a_(b)_c. Or (https://x.org/p?q={1}|2), \
                https://example.com/end), http:// and https://e.com/*x*."
            .into(),
    );
    e.messages.push("`` ` `` and\n  more".into());
    // Every message fits in a code span here, so they become a list.
    c.errors[2].messages.extend(
        [
            "`",
            "``a``",
            " both ends ",
            "ends with `",
            "` starts",
            "\ttab first",
            "a | b `c|d`",
            "{{#each x}} {x} <y>",
            "  ",
        ]
        .map(String::from),
    );
    let e = &mut c.errors[0];
    e.history.push(HistoryItem {
        date: "1. 2026".into(),
        note: "- starts like a list\n# and a heading".into(),
    });
    e.cases.push(Case {
        id: "multi".into(),
        title: "Multi-line `message`".into(),
        signal: "> quoted\n1) numbered".into(),
        advice: "```\nfence\n```".into(),
        message: Some("line one\n```\nline three".into()),
        relink: None,
        remedy: None,
    });
    e.subcodes.push(Subcode {
        code: 1,
        source: "meta".into(),
        upstream_field: "error_subcode".into(),
        response_field: None,
        description: "Upstream text:\n    indented".into(),
        upstream_message: Some("two\nlines".into()),
        message: Some("a `b` c".into()),
        relink: None,
        retry_available: Some(true),
        remedy: None,
    });
    e.examples[0].title = "{title} <with> `code|pipe`".into();
    c
}

fn book_files(c: &Catalog) -> BTreeMap<String, String> {
    let files: Vec<GeneratedFile> = book::emit(c).expect("emit");
    let n = files.len();
    let map: BTreeMap<String, String> = files.into_iter().map(|f| (f.path, f.contents)).collect();
    assert_eq!(map.len(), n, "a path twice");
    map
}

fn page<'a>(files: &'a BTreeMap<String, String>, path: &str) -> &'a str {
    files
        .get(path)
        .unwrap_or_else(|| panic!("{path} is not emitted"))
}

fn code_page_path(e: &ErrorEntry) -> String {
    format!("src/codes/{}.md", e.code)
}

/// Rendered text of each heading, by level.
fn headings(md: &str) -> Vec<(HeadingLevel, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(HeadingLevel, String)> = None;
    for (ev, _) in events(md) {
        match ev {
            Event::Start(Tag::Heading { level, id, .. }) => {
                assert!(id.is_none(), "heading attributes: {id:?}");
                cur = Some((level, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => out.extend(cur.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, c)) = cur.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

/// Catalog text as a heading shows it: whitespace folded, without the word
/// joiners the book puts after `<` and `&` there (for mdBook's search).
fn as_heading(t: &str) -> String {
    fold(&t.replace('\u{2060}', ""))
}

/// The raw HTML of a page: none but the index's anchors and script.
fn check_html(name: &str, path: &str, c: &Catalog, md: &str) {
    let mut anchors = BTreeSet::new();
    for (ev, _) in events(md) {
        if let Event::Html(h) | Event::InlineHtml(h) = &ev {
            let h = h.trim_end();
            assert_eq!(path, "src/index.md", "{name}: raw HTML {h:?} in {path}");
            if h == "</a>" || h.starts_with("<script>") || h.ends_with("</script>") {
                continue;
            }
            if h.starts_with("(function") || h.starts_with("//") || !h.starts_with('<') {
                continue;
            }
            let e = c
                .errors
                .iter()
                .find(|e| h == format!("<a id=\"{}\" href=\"codes/{}.html\">", e.anchor, e.code))
                .unwrap_or_else(|| panic!("{name}: raw HTML {h:?} on the index"));
            anchors.insert(e.anchor.clone());
        }
    }
    if path == "src/index.md" {
        assert_eq!(anchors.len(), c.errors.len(), "{name}: an anchor per code");
        assert_eq!(md.matches("<script>").count(), 1, "{name}: one script");
    }
}

/// Every link is an http(s) URL or a page or file of the book.
fn check_links(name: &str, path: &str, files: &BTreeMap<String, String>, md: &str) -> usize {
    let dir = Path::new(path).parent().expect("a page is in a directory");
    let mut n = 0;
    for (ev, _) in events(md) {
        if let Event::Start(Tag::Link { dest_url, .. }) = ev {
            if dest_url.starts_with("https://") || dest_url.starts_with("http://") {
                continue;
            }
            assert!(
                !dest_url.contains('#'),
                "{name}: {path}: anchor link {dest_url}"
            );
            let mut target = dir.to_path_buf();
            for part in dest_url.split('/') {
                match part {
                    ".." => assert!(target.pop(), "{name}: {path}: {dest_url} leaves the book"),
                    p => target.push(p),
                }
            }
            let target = target.to_string_lossy().into_owned();
            assert!(
                files.contains_key(&target),
                "{name}: {path}: dead link {dest_url}"
            );
            n += 1;
        }
    }
    n
}

fn check_code_page(name: &str, c: &Catalog, e: &ErrorEntry, md: &str) {
    let hs = headings(md);
    let h1: Vec<&String> = hs
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H1)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(h1.len(), 1, "{name}: {}: one h1: {hs:?}", e.code);
    assert_eq!(
        strip_ticks(&as_heading(h1[0])),
        strip_ticks(&format!("{}: {}", e.code, e.title)),
        "{name}: {}: h1",
        e.code
    );
    let mut want_h2 = Vec::new();
    if c.facts.messages.used() {
        want_h2.push("Messages");
    }
    if e.advice.is_some() {
        want_h2.push("What to do");
    }
    for (on, h) in [
        (!e.cases.is_empty(), "Cases"),
        (!e.subcodes.is_empty(), "Sub-codes"),
        (!e.fields.is_empty(), "Response fields"),
        (!e.headers.is_empty(), "Headers"),
        (
            !(e.superseded_by.is_empty()
                && e.replaces.is_empty()
                && e.replaced_by.is_empty()
                && e.related.is_empty()
                && e.shown_in.is_empty()),
            "Related codes",
        ),
        (!e.history.is_empty(), "History"),
        (!e.examples.is_empty(), "Examples"),
    ] {
        if on {
            want_h2.push(h);
        }
    }
    let h2: Vec<&str> = hs
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(h2, want_h2, "{name}: {}: sections", e.code);
    let mut want_h3: Vec<String> = Vec::new();
    want_h3.extend(e.cases.iter().map(|k| format!("Case: {}", fold(&k.title))));
    want_h3.extend(e.subcodes.iter().map(|s| format!("Sub-code {}", s.code)));
    want_h3.extend(
        e.examples
            .iter()
            .map(|x| format!("Example: {}", fold(&x.title))),
    );
    let h3: Vec<String> = hs
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H3)
        .map(|(_, t)| strip_ticks(t))
        .collect();
    let want_h3: Vec<String> = want_h3.iter().map(|t| strip_ticks(t)).collect();
    assert_eq!(h3, want_h3, "{name}: {}: sub-sections", e.code);
    assert!(
        hs.iter().all(|(l, _)| *l <= HeadingLevel::H3),
        "{name}: {}: deeper headings {hs:?}",
        e.code
    );
    // The facts table has a row per fact the catalog uses.
    let f = &c.facts;
    let rows = 1 + [
        f.group.used(),
        f.http_status.used(),
        f.action.used(),
        f.platforms.used(),
        f.severity.used(),
        f.appears_in.used(),
        f.retry.used(),
        f.relink.used(),
        f.remedy.used(),
    ]
    .iter()
    .filter(|u| **u)
    .count();
    let facts_table = md
        .split("\n\n")
        .find(|b| b.starts_with("| Fact | Value |"))
        .unwrap_or_else(|| panic!("{name}: {}: no facts table", e.code));
    assert_eq!(
        facts_table.lines().count(),
        rows + 2,
        "{name}: {}: facts\n{facts_table}",
        e.code
    );
    // Messages byte for byte, in code spans or blocks.
    let (spans, blocks) = code_texts(md);
    let found = |m: &str| {
        spans.contains(m)
            || blocks.contains(m)
            || (!m.ends_with('\n') && blocks.contains(&format!("{m}\n")))
    };
    let cases = e.cases.iter().filter_map(|k| k.message.as_deref());
    let subs = e
        .subcodes
        .iter()
        .flat_map(|s| [s.message.as_deref(), s.upstream_message.as_deref()])
        .flatten();
    for m in e
        .messages
        .iter()
        .map(String::as_str)
        .chain(cases)
        .chain(subs)
    {
        assert!(
            found(m),
            "{name}: code {}: message {m:?} is not a code span or block",
            e.code
        );
    }
    for x in &e.examples {
        let json = serde_json::to_string_pretty(&x.json).unwrap();
        assert!(blocks.contains(&format!("{json}\n")), "{name}: {json}");
    }
}

fn check_summary(name: &str, c: &Catalog, files: &BTreeMap<String, String>) {
    let summary = page(files, "src/SUMMARY.md");
    let mut listed = Vec::new();
    for (ev, _) in events(summary) {
        if let Event::Start(Tag::Link { dest_url, .. }) = ev {
            listed.push(format!("src/{dest_url}"));
        }
    }
    let unique: BTreeSet<&String> = listed.iter().collect();
    assert_eq!(unique.len(), listed.len(), "{name}: a page listed twice");
    let pages: BTreeSet<&String> = files
        .keys()
        .filter(|p| p.ends_with(".md") && *p != "src/SUMMARY.md")
        .collect();
    assert_eq!(unique, pages, "{name}: SUMMARY.md lists every page");
    assert_eq!(
        listed
            .iter()
            .filter(|p| p.starts_with("src/codes/"))
            .count(),
        c.errors.len(),
        "{name}: a page per code"
    );
    assert_eq!(
        listed
            .iter()
            .filter(|p| p.starts_with("src/groups/"))
            .count(),
        c.groups.len(),
        "{name}: a page per group"
    );
    // Each chapter name is the code and title, or the group's title.
    for (ev, _) in events(summary) {
        if let Event::Html(h) | Event::InlineHtml(h) = ev {
            panic!("{name}: raw HTML in SUMMARY.md: {h:?}");
        }
    }
}

fn check_book_toml(name: &str, c: &Catalog, files: &BTreeMap<String, String>) {
    let toml: toml::Table = toml::from_str(page(files, "book.toml")).expect("book.toml is TOML");
    assert_eq!(
        toml["book"]["title"].as_str(),
        Some(format!("{} error reference", c.meta.title).as_str()),
        "{name}"
    );
    assert_eq!(
        toml["build"]["use-default-preprocessors"].as_bool(),
        Some(false),
        "{name}"
    );
    assert_eq!(
        toml["output"]["html"]["search"]["heading-split-level"].as_integer(),
        Some(1),
        "{name}"
    );
}

#[test]
fn structure() {
    for (name, c) in catalogs() {
        let files = book_files(&c);
        assert_eq!(files, book_files(&c), "{name}: deterministic");
        check_summary(name, &c, &files);
        check_book_toml(name, &c, &files);
        let mut links = 0;
        for (path, md) in files.iter().filter(|(p, _)| p.ends_with(".md")) {
            assert!(
                md.ends_with('\n') && !md.ends_with("\n\n"),
                "{name}: {path}"
            );
            let tables = check_tables(&format!("{name}: {path}"), md);
            if path.starts_with("src/codes/") {
                assert!(tables >= 1, "{name}: {path}: the facts table");
            }
            check_html(name, path, &c, md);
            links += check_links(name, path, &files, md);
        }
        assert!(links >= c.errors.len(), "{name}: {links} links");
        for e in &c.errors {
            check_code_page(name, &c, e, page(&files, &code_page_path(e)));
        }
        let index = page(&files, "src/index.md");
        let h1: Vec<String> = headings(index)
            .into_iter()
            .filter(|(l, _)| *l == HeadingLevel::H1)
            .map(|(_, t)| strip_ticks(&as_heading(&t)))
            .collect();
        assert_eq!(
            h1,
            [strip_ticks(&format!("{} error reference", c.meta.title))],
            "{name}: the index's title"
        );
        for g in &c.groups {
            let md = page(&files, &format!("src/groups/{}.md", g.id));
            let h1 = headings(md);
            assert_eq!(h1.len(), 1, "{name}: group {}: {h1:?}", g.id);
            assert_eq!(
                strip_ticks(&as_heading(&h1[0].1)),
                strip_ticks(&g.title),
                "{name}: group {}",
                g.id
            );
        }
    }
}

#[test]
fn text_renders_as_itself() {
    for (name, c) in catalogs() {
        check_round_trip(name, &c);
    }
}

#[test]
fn emit_all_puts_it_under_generated_book() {
    let c = compile(&repo().join("tests/fixtures/valid/minimal"));
    let out = errcat::emit::emit_all(&c, &errcat::emit::Layout::default()).unwrap();
    for path in [
        "generated/book/book.toml",
        "generated/book/src/SUMMARY.md",
        "generated/book/src/codes/1.md",
    ] {
        assert!(out.files.iter().any(|f| f.path == path), "{path}");
    }
    assert!(out.owned_dirs.iter().any(|d| d == "generated/book/src"));
}

/// Catalog text rendered back as plain text (code spans without their
/// backticks) equals the text with its whitespace folded.
fn check_round_trip(name: &str, c: &Catalog) {
    let mut texts: Vec<&str> = vec![c.meta.title.as_str()];
    texts.extend(c.meta.description.as_deref());
    texts.extend(c.http_statuses.iter().map(|s| s.meaning.as_str()));
    texts.extend(c.platforms.iter().map(|p| p.title.as_str()));
    texts.extend(c.headers.iter().map(|h| h.description.as_str()));
    texts.extend(c.fields.iter().map(|f| f.description.as_str()));
    for e in &c.errors {
        texts.push(e.title.as_str());
        texts.extend(e.description.as_deref());
        texts.extend(e.advice.as_deref());
        texts.extend(e.retired.as_deref());
        texts.extend(e.fields.iter().map(|f| f.description.as_str()));
        texts.extend(e.headers.iter().map(|h| h.description.as_str()));
        texts.extend(e.history.iter().flat_map(|h| [&*h.date, &*h.note]));
        for k in &e.cases {
            texts.extend([k.title.as_str(), &k.signal, &k.advice]);
        }
        texts.extend(e.subcodes.iter().map(|s| s.description.as_str()));
        texts.extend(e.examples.iter().map(|x| x.title.as_str()));
    }
    for t in texts {
        let want = fold(t);
        let got = plain(&md_text(t, true));
        assert_eq!(
            strip_ticks(&got),
            strip_ticks(&want),
            "{name}: md_text {t:?}"
        );
        let table = format!("| h |\n| --- |\n| {} |\n", md_cell(t));
        let cell = plain(&table);
        assert_eq!(
            strip_ticks(cell.strip_prefix('h').expect("header cell")),
            strip_ticks(&want),
            "{name}: md_cell {t:?}"
        );
        let block = md_text(t, false);
        assert_eq!(
            strip_ticks(&plain(&block)),
            strip_ticks(&want),
            "{name}: block {t:?}"
        );
    }
}

/// Whitespace folded as a one-line rendering shows it.
fn fold(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strip_ticks(t: &str) -> String {
    fold(&t.replace('`', ""))
}

/// The text a renderer shows for a Markdown snippet.
fn plain(md: &str) -> String {
    let mut out = String::new();
    for (ev, _) in events(md) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph) => out.push(' '),
            Event::Start(Tag::Paragraph | Tag::TableCell | Tag::Link { .. })
            | Event::End(TagEnd::TableCell | TagEnd::Link | TagEnd::TableHead) => {}
            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow)
            | Event::End(TagEnd::Table | TagEnd::TableRow) => {}
            other => panic!("unexpected {other:?} in {md:?}"),
        }
    }
    out
}

/// The mdBook binary: on PATH, or where `cargo install` puts it.
fn mdbook() -> PathBuf {
    let mut candidates = vec![PathBuf::from("mdbook")];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        candidates.push(Path::new(&home).join("bin/mdbook"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        candidates.push(Path::new(&home).join(".cargo/bin/mdbook"));
    }
    for c in candidates {
        if Command::new(&c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return c;
        }
    }
    panic!(
        "mdbook is not installed; this test needs it. Install it with \
         `cargo install mdbook --locked --version 0.4.52`"
    );
}

/// mdBook builds the books of the hostile catalogs without a warning, and
/// what it writes holds no HTML from catalog text and nothing that
/// `{{#include}}` would have read.
#[test]
fn mdbook_builds_the_hostile_books() {
    let mdbook = mdbook();
    for (name, c) in [
        (
            "hostile",
            compile(&repo().join("tests/fixtures/valid/hostile")),
        ),
        (
            "hostile-strings",
            compile(&repo().join("tests/fixtures/valid/hostile-strings")),
        ),
        ("nasty", nasty()),
    ] {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("book-{name}"));
        let _ = std::fs::remove_dir_all(&root);
        for (path, text) in book_files(&c) {
            let p = root.join(&path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, text).unwrap();
        }
        let out = Command::new(&mdbook)
            .arg("build")
            .arg(&root)
            .output()
            .expect("run mdbook");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "{name}: mdbook build failed:\n{stderr}"
        );
        assert!(
            !stderr.contains("WARN") && !stderr.contains("ERROR"),
            "{name}: mdbook warned:\n{stderr}"
        );
        for e in &c.errors {
            let html = std::fs::read_to_string(root.join(format!("book/codes/{}.html", e.code)))
                .unwrap_or_else(|err| panic!("{name}: {}: {err}", e.code));
            for raw in ["<script>alert", "<b>", "<img", "<tag>", "<i>", "root:x:0"] {
                assert!(
                    !html.contains(raw),
                    "{name}: {}: raw {raw} in the HTML",
                    e.code
                );
            }
            assert!(
                html.contains("<table>"),
                "{name}: {}: tables render",
                e.code
            );
        }
    }
}
