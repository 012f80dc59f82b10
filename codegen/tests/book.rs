//! The Markdown reference, read back with a real CommonMark parser: tables
//! are well formed, anchors and links match, the only raw HTML is the
//! anchor lines, every message survives byte for byte, catalog text renders
//! as itself, nothing in text can break an MDX build, and mdBook builds the
//! book with the page in it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use errcat::emit::markdown;
use errcat::emit::md::{md_cell, md_text};
use errcat::ir::{Case, Catalog, HistoryItem, Subcode};
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
        ("hostile", compile(&r.join("tests/fixtures/valid/hostile"))),
        ("catalog", compile(&r.join("catalog"))),
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

fn reference(c: &Catalog) -> String {
    let files = markdown::emit(c).expect("emit");
    assert_eq!(files.len(), 1, "one file");
    assert_eq!(files[0].path, "reference.md");
    files[0].contents.clone()
}

/// Rendered text of each heading of a level.
fn headings(md: &str, level: HeadingLevel) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for (ev, _) in events(md) {
        match ev {
            Event::Start(Tag::Heading { level: l, id, .. }) if l == level => {
                assert!(id.is_none(), "heading attributes: {id:?}");
                cur = Some(String::new());
            }
            Event::End(TagEnd::Heading(l)) if l == level => {
                out.extend(cur.take());
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = cur.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

fn check_headings(name: &str, c: &Catalog, md: &str) {
    let h1 = headings(md, HeadingLevel::H1);
    assert_eq!(h1.len(), 1, "{name}: one title");
    assert!(h1[0].ends_with(" error reference"), "{name}: {}", h1[0]);
    let h2 = headings(md, HeadingLevel::H2);
    // Statuses, index and response format, plus one per code.
    assert_eq!(h2.len(), c.errors.len() + 3, "{name}: {h2:#?}");
    for e in &c.errors {
        let prefix = format!("{} {}: ", e.code, e.name);
        assert!(
            h2.iter().any(|h| h.starts_with(&prefix)),
            "{name}: no heading for {}",
            e.code
        );
    }
}

/// The anchor ids of the page; fails on any other raw HTML.
fn anchors(name: &str, md: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for (ev, range) in events(md) {
        if let Event::Html(h) | Event::InlineHtml(h) = &ev {
            let h = h.trim_end();
            if h == "</a>" {
                continue;
            }
            let id = h
                .strip_prefix("<a id=\"")
                .and_then(|r| r.strip_suffix("\">").or_else(|| r.strip_suffix("\"></a>")))
                .unwrap_or_else(|| panic!("{name}: raw HTML {h:?}"));
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "{name}: id {id:?}"
            );
            // The anchor is a line of its own.
            let line_start = md[..range.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = md[range.start..]
                .find('\n')
                .map_or(md.len(), |i| range.start + i);
            assert_eq!(
                &md[line_start..line_end],
                format!("<a id=\"{id}\"></a>"),
                "{name}"
            );
            ids.push(id.to_string());
        }
    }
    ids
}

fn check_links(name: &str, c: &Catalog, md: &str) {
    let ids = anchors(name, md);
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{name}: duplicate anchors");
    for e in &c.errors {
        assert!(ids.contains(&e.anchor), "{name}: no anchor {}", e.anchor);
    }
    assert!(ids.iter().any(|i| i == "response-format"), "{name}");
    let mut targets = BTreeSet::new();
    let mut in_table = false;
    let mut index_links = BTreeSet::new();
    for (ev, _) in events(md) {
        match ev {
            Event::Start(Tag::Table(_)) => in_table = true,
            Event::End(TagEnd::Table) => in_table = false,
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(t) = dest_url.strip_prefix('#') {
                    assert!(ids.iter().any(|i| i == t), "{name}: dangling #{t}");
                    targets.insert(t.to_string());
                    if in_table {
                        index_links.insert(t.to_string());
                    }
                } else {
                    assert!(
                        dest_url.starts_with("https://") || dest_url.starts_with("http://"),
                        "{name}: link to {dest_url}"
                    );
                }
            }
            _ => {}
        }
    }
    for e in &c.errors {
        assert!(
            index_links.contains(&e.anchor),
            "{name}: the index does not link {}",
            e.anchor
        );
    }
}

fn check_messages(name: &str, c: &Catalog, md: &str) {
    let (spans, blocks) = code_texts(md);
    let found = |m: &str| {
        spans.contains(m)
            || blocks.contains(m)
            || (!m.ends_with('\n') && blocks.contains(&format!("{m}\n")))
    };
    let mut count = 0;
    for e in &c.errors {
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
            count += 1;
        }
    }
    if name != "minimal" {
        assert!(count > 2, "{name}: messages checked");
    }
    // Example bodies are the pretty JSON.
    for x in c.errors.iter().flat_map(|e| &e.examples).chain(&c.examples) {
        let json = serde_json::to_string_pretty(&x.json).unwrap();
        assert!(blocks.contains(&format!("{json}\n")), "{name}: {json}");
    }
}

/// Byte ranges of code spans, code blocks and raw HTML in the source.
fn code_ranges(md: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for (ev, range) in events(md) {
        match ev {
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => out.push(range),
            Event::Start(Tag::CodeBlock(_)) => out.push(range),
            _ => {}
        }
    }
    out
}

/// Whether the byte at `p` is backslash-escaped.
fn escaped(md: &str, p: usize) -> bool {
    md.as_bytes()[..p]
        .iter()
        .rev()
        .take_while(|b| **b == b'\\')
        .count()
        % 2
        == 1
}

fn check_mdx(name: &str, md: &str) {
    // Every `{`, `}` and `<` of rendered text comes from an escape (or a
    // character reference) in the source.
    let mut in_block = false;
    for (ev, range) in events(md) {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => in_block = true,
            Event::End(TagEnd::CodeBlock) => in_block = false,
            Event::Text(t) if !in_block => {
                if !t.contains(['{', '}', '<']) {
                    continue;
                }
                for (i, b) in md[range.clone()].bytes().enumerate() {
                    let p = range.start + i;
                    match b {
                        b'{' | b'}' => assert!(
                            escaped(md, p),
                            "{name}: unescaped {:?} at {p}: {:?}",
                            b as char,
                            &md[range.clone()]
                        ),
                        b'<' => panic!("{name}: raw `<` at {p}: {:?}", &md[range.clone()]),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    // The same over the whole source, outside code and the anchor lines.
    let code = code_ranges(md);
    for (p, b) in md.bytes().enumerate() {
        if !matches!(b, b'{' | b'}' | b'<') || code.iter().any(|r| r.contains(&p)) {
            continue;
        }
        assert!(
            b != b'<' && escaped(md, p),
            "{name}: {:?} at {p} outside code: {:?}",
            b as char,
            &md[p.saturating_sub(40)..(p + 40).min(md.len())]
        );
    }
    // No HTML comments, no `<br>`, no ESM lines.
    assert!(!md.contains("<!--"), "{name}: HTML comment");
    for (ev, range) in events(md) {
        if let Event::Start(Tag::Paragraph) = ev {
            let first = md[range].lines().next().unwrap_or("");
            assert!(
                !first.starts_with("import ") && !first.starts_with("export "),
                "{name}: ESM line {first:?}"
            );
        }
    }
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

#[test]
fn structure() {
    for (name, c) in catalogs() {
        let md = reference(&c);
        assert_eq!(md, reference(&c), "{name}: deterministic");
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"), "{name}");
        assert!(
            md.contains(
                "This page is generated by `errcat generate` from the catalog; \
                 edit the catalog, not this page."
            ),
            "{name}"
        );
        check_tables(name, &md);
        check_headings(name, &c, &md);
        check_links(name, &c, &md);
        check_messages(name, &c, &md);
    }
}

#[test]
fn mdx_safe() {
    for (name, c) in catalogs() {
        check_mdx(name, &reference(&c));
    }
}

#[test]
fn text_renders_as_itself() {
    for (name, c) in catalogs() {
        check_round_trip(name, &c);
    }
}

#[test]
fn emit_all_puts_it_under_docs() {
    let c = compile(&repo().join("tests/fixtures/valid/minimal"));
    let out = errcat::emit::emit_all(&c, &errcat::emit::Layout::default()).unwrap();
    assert!(out.files.iter().any(|f| f.path == "docs/reference.md"));
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

#[test]
fn mdbook_builds_the_book() {
    let mdbook = mdbook();
    let docs = repo().join("docs");
    let book = Path::new(env!("CARGO_TARGET_TMPDIR")).join("markdown-mdbook");
    let _ = std::fs::remove_dir_all(&book);
    std::fs::create_dir_all(&book).unwrap();
    for f in ["book.toml", "SUMMARY.md"] {
        std::fs::copy(docs.join(f), book.join(f)).unwrap_or_else(|e| panic!("docs/{f}: {e}"));
    }
    // Every page SUMMARY.md lists; pages other changes are still writing
    // get a stand-in, so the test is about this page.
    let summary = std::fs::read_to_string(docs.join("SUMMARY.md")).unwrap();
    let pages: Vec<&str> = summary
        .split("](")
        .skip(1)
        .filter_map(|s| s.split(')').next())
        .collect();
    assert!(
        pages.contains(&"reference.md"),
        "SUMMARY.md lists reference.md"
    );
    for page in pages {
        let src = docs.join(page);
        if page == "reference.md" {
            continue;
        }
        if src.exists() {
            std::fs::copy(&src, book.join(page)).unwrap();
        } else {
            std::fs::write(book.join(page), format!("# {page}\n")).unwrap();
        }
    }
    let hostile = compile(&repo().join("tests/fixtures/valid/hostile"));
    std::fs::write(book.join("reference.md"), reference(&hostile)).unwrap();
    let out = Command::new(&mdbook)
        .arg("build")
        .arg(&book)
        .output()
        .expect("run mdbook");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "mdbook build failed:\n{stderr}");
    assert!(
        !stderr.contains("WARN") && !stderr.contains("ERROR"),
        "mdbook warned:\n{stderr}"
    );
    let html = std::fs::read_to_string(book.join("book/reference.html")).unwrap();
    for e in &hostile.errors {
        assert!(
            html.contains(&format!("id=\"{}\"", e.anchor)),
            "{}",
            e.anchor
        );
    }
    assert!(html.contains("id=\"response-format\""));
    assert!(html.contains("<table>"), "tables render");
    for raw in ["<script>alert", "<b>bold", "<tag>", "<d>"] {
        assert!(!html.contains(raw), "raw {raw} in the HTML");
    }
}
