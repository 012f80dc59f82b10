//! `errcat diff --format markdown`: release notes with a section per
//! kind of change, each change naming its code, linking its page and
//! saying what a consumer must do; exact text for small catalog edits, and
//! Markdown that hostile catalog text cannot break (read back with
//! pulldown-cmark).

mod common;

use std::fs;
use std::path::PathBuf;

use common::{assert_exit, errcat_in, repo, temp_dir, text};
use errcat::ir::Catalog;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

fn fixture(name: &str) -> String {
    fs::read_to_string(repo().join(format!("tests/fixtures/valid/{name}/catalog.toml")))
        .expect("read the fixture")
}

/// `text` with the first `from` replaced; `from` must be there.
#[track_caller]
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` is not in the catalog text");
    text.replacen(from, to, 1)
}

/// Writes the two catalog texts as `old/` and `new/` in a fresh directory.
fn pair(old: &str, new: &str) -> PathBuf {
    let dir = temp_dir("changelog");
    for (name, t) in [("old", old), ("new", new)] {
        fs::create_dir_all(dir.join(name)).expect("mkdir");
        fs::write(dir.join(name).join("catalog.toml"), t).expect("write");
    }
    dir
}

fn compile(dir: &std::path::Path) -> Catalog {
    errcat::compile(dir).unwrap_or_else(|f| panic!("{}", f.render()))
}

const CODE_3: &str = r#"
[[error]]
code = 3
name = "NewThing"
title = "New thing"
http = 429
action = "unstated"
appears_in = ["errors-array"]
retry = { policy = "never" }
relink = "no"
remedy = "fix-request"
description = "Something new."
advice = "Fix the request."
"#;

/// The minimal catalog with one change of each section: a status moved
/// (breaking), a status and a code added, a message and the version
/// changed, code 2 retired in favour of code 3.
fn edited_minimal() -> String {
    let t = fixture("minimal");
    let t = edit(&t, r#"version = "1.0.0""#, r#"version = "1.1.0""#);
    let t = edit(
        &t,
        r#"messages = ["Slow down."]"#,
        r#"messages = ["Slow down!"]"#,
    );
    let t = edit(
        &t,
        "http = 429\naction = \"rate limit\"",
        "http = 503\naction = \"rate limit\"",
    );
    let t = edit(
        &t,
        "[[platform]]",
        "[[http_status]]\ncode = 503\nmeaning = \"Service Unavailable\"\n\n[[platform]]",
    );
    let t = edit(
        &t,
        r#"title = "Slow note""#,
        "title = \"Slow note\"\nretired = \"Replaced by code 3.\"\nsuperseded_by = [3]",
    );
    t + CODE_3
}

const EXPECTED: &str = r#"# Minimal API error catalog `1.1.0` (from `1.0.0`)

Semver: **major**. Some changes break consumers: read the breaking changes before upgrading.

## Breaking changes

- **[1 RateLimited](https://docs.example.com/errors/codes/1.html)** (Rate limited): `http_status` changed from `429` to `503` (consumers branch on the HTTP status).
  **What to do:** update code that branches on the HTTP status of this code.

## Added

- The catalog: `http_statuses.503` added (HTTP status added).
  **What to do:** nothing: the catalog documents more.
- **[3 NewThing](https://docs.example.com/errors/codes/3.html)** (New thing): added (new code; breaking for `FromCode` enums without `other`).
  **What to do:** handle the new code where your program branches on codes; a `#[derive(FromCode)]` enum without an `other` variant must map it before it compiles again.

## Changed

- The catalog: `version` changed from `1.0.0` to `1.1.0` (catalog version).
  **What to do:** nothing: documentation only.
- **[1 RateLimited](https://docs.example.com/errors/codes/1.html)** (Rate limited): `messages` changed from `["Slow down."]` to `["Slow down!"]` (message text changed; clients that match on message text may break).
  **What to do:** if your program matches on the message text, update the texts it matches.
- **[2 SlowNote](https://docs.example.com/errors/codes/2.html)** (Slow note): `superseded_by` changed from `[]` to `[3]` (deprecation: the codes that replace this one changed).
  **What to do:** move to [3 NewThing](https://docs.example.com/errors/codes/3.html) where you can.

## Retired

- **[2 SlowNote](https://docs.example.com/errors/codes/2.html)** (Slow note): retired (retired: the code stays as a tombstone). The catalog's note: Replaced by code 3.
  **What to do:** expect the API to stop sending this code; handle [3 NewThing](https://docs.example.com/errors/codes/3.html) instead.
"#;

#[test]
fn release_notes_of_small_edits() {
    let dir = pair(&fixture("minimal"), &edited_minimal());
    let out = errcat_in(&dir, &["diff", "old", "new", "--format", "markdown"]);
    // The exit code is the semver level's, as for the other formats.
    assert_exit(&out, 5);
    assert_eq!(text(&out.stdout), EXPECTED);
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn no_change_says_so() {
    let dir = pair(&fixture("minimal"), &fixture("minimal"));
    let out = errcat_in(&dir, &["diff", "old", "new", "--format", "markdown"]);
    assert_exit(&out, 0);
    assert_eq!(
        text(&out.stdout),
        "# Minimal API error catalog `1.0.0`\n\nNothing changed: the generated packages keep their version.\n"
    );
    let _ = fs::remove_dir_all(dir);
}

/// A removed code is breaking, linked to its page in the old catalog, and
/// its evolution error goes to standard error, not into the notes.
#[test]
fn a_removed_code_is_breaking_and_its_error_stays_out_of_the_notes() {
    let old = fixture("minimal");
    let at = old.rfind("[[error]]").expect("code 2");
    let dir = pair(&old, &old[..at]);
    let out = errcat_in(&dir, &["diff", "old", "new", "--format", "markdown"]);
    assert_exit(&out, 1);
    let notes = text(&out.stdout);
    assert!(
        notes.contains(
            "\n- **[2 SlowNote](https://docs.example.com/errors/codes/2.html)** (Slow note): removed"
        ),
        "{notes}"
    );
    assert!(
        notes.contains("**What to do:** stop matching on this code"),
        "{notes}"
    );
    assert!(!notes.contains("tombstone"), "{notes}");
    assert!(text(&out.stderr).contains("error: code 2 (SlowNote) was removed"));
    let _ = fs::remove_dir_all(dir);
}

/// Titles full of Markdown, MDX and HTML syntax, on changed, added and
/// retired codes of the hostile fixture.
fn hostile_pair() -> (String, String) {
    let old = fixture("hostile");
    let new = edit(
        &old,
        r#"title = "Max u32""#,
        &format!("title = {}", toml_string(HOSTILE_TITLE)),
    );
    let new = edit(&new, r#"messages = ["Max."]"#, r#"messages = ["Max!"]"#);
    let new = edit(
        &new,
        "http = 400\naction = \"unstated\"",
        "http = \"unstated\"\naction = \"unstated\"",
    );
    let new = edit(
        &new,
        "description = \"Largest code.\"",
        "description = \"Largest code.\"\nretired = \"Gone | {{x}} </script> *\\n- not a list\"",
    );
    let new = new
        + &format!(
            "\n[[error]]\ncode = 9\nname = \"Newest\"\ntitle = {}\nhttp = \"unstated\"\naction = \"unstated\"\nappears_in = [\"errors-array\"]\nretry = {{ policy = \"never\" }}\nrelink = \"no\"\nremedy = \"none\"\ndescription = \"x\"\nadvice = \"y\"\n",
            toml_string(HOSTILE_TITLE)
        );
    (old, new)
}

/// A TOML basic string: JSON's escapes are all TOML escapes too.
fn toml_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

const HOSTILE_TITLE: &str = "# Not | a heading ](x) [y](z) <b>b</b> <!-- c --> {{t}} */ `tick \"q\" 'a' \u{202e}rtl\u{202c} 🎉\n- not a list\n## nor this";

/// `s` with its `%XX` escapes decoded.
fn decoded(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (b[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Text as a reader sees it: whitespace folded, backticks gone.
fn norm(t: &str) -> String {
    t.replace('`', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn hostile_titles_keep_the_markdown_whole() {
    let (old, new) = hostile_pair();
    let dir = pair(&old, &new);
    let (o, n) = (compile(&dir.join("old")), compile(&dir.join("new")));
    let d = errcat::diff::diff(&o, &n);
    let md = errcat::changelog::markdown(&d, &o, &n);

    let mut headings: Vec<(HeadingLevel, String)> = Vec::new();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut items: Vec<String> = Vec::new();
    let mut depth = 0;
    let mut links: Vec<String> = Vec::new();
    for ev in Parser::new(&md) {
        match &ev {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in\n{md}"),
            Event::Start(Tag::Heading { level, .. }) => heading = Some((*level, String::new())),
            Event::End(TagEnd::Heading(_)) => headings.extend(heading.take()),
            Event::Start(Tag::Item) => {
                depth += 1;
                assert_eq!(depth, 1, "a nested list in\n{md}");
                items.push(String::new());
            }
            Event::End(TagEnd::Item) => depth -= 1,
            Event::Start(Tag::List(_)) if depth > 0 => panic!("a nested list in\n{md}"),
            Event::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(t);
                } else if depth > 0 {
                    items.last_mut().expect("an item").push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak if depth > 0 => {
                items.last_mut().expect("an item").push(' ');
            }
            _ => {}
        }
    }
    // The headings are the notes' own, whatever the titles hold.
    let levels: Vec<(HeadingLevel, &str)> =
        headings.iter().map(|(l, t)| (*l, t.as_str())).collect();
    assert_eq!(
        levels[1..],
        [
            (HeadingLevel::H2, "Breaking changes"),
            (HeadingLevel::H2, "Added"),
            (HeadingLevel::H2, "Changed"),
            (HeadingLevel::H2, "Retired"),
        ],
        "{md}"
    );
    assert_eq!(levels[0].0, HeadingLevel::H1);
    assert_eq!(
        norm(levels[0].1),
        norm(&format!("{} error catalog 0.0.1-alpha.1", n.meta.title))
    );
    // One item per change, each showing its code's title as itself and
    // saying what to do.
    assert_eq!(items.len(), d.changes.len(), "{md}");
    for (item, c) in items.iter().zip(errcat_sections(&d)) {
        assert!(item.contains("What to do:"), "{item}");
        if let Some(code) = &c.code {
            let e = n.entry(code).or_else(|| o.entry(code)).expect("an entry");
            assert!(
                norm(item).contains(&norm(&format!("{} {} ({})", code, e.name, e.title))),
                "{item:?} does not show the title {:?}",
                e.title
            );
        }
    }
    // Each link is a code's page, as the catalog gives it (characters a
    // URL may not hold raw, such as `|`, percent-encoded).
    for l in &links {
        assert!(
            n.errors
                .iter()
                .chain(&o.errors)
                .any(|e| e.docs_url.as_deref().map(decoded) == Some(decoded(l))),
            "link {l:?} is no code's page"
        );
    }
    assert!(links.len() >= d.changes.iter().filter(|c| c.code.is_some()).count());
    let _ = fs::remove_dir_all(dir);
}

/// The changes in the order the notes print them: by section, then as
/// the diff lists them.
fn errcat_sections(d: &errcat::diff::Diff) -> Vec<&errcat::diff::Change> {
    let mut v: Vec<&errcat::diff::Change> = d.changes.iter().collect();
    v.sort_by_key(|c| errcat::changelog::Section::of(c));
    v
}

#[test]
fn from_rev_writes_the_same_notes() {
    let dir = temp_dir("changelog-git");
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(&dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .expect("run git");
        assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
    };
    git(&["init", "-q"]);
    fs::create_dir_all(dir.join("catalog")).expect("mkdir");
    fs::write(dir.join("catalog/catalog.toml"), fixture("minimal")).expect("write");
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "v1"]);
    fs::write(dir.join("catalog/catalog.toml"), edited_minimal()).expect("write");
    let out = errcat_in(
        &dir,
        &["diff", "--from-rev", "HEAD", "--format", "markdown"],
    );
    assert_exit(&out, 5);
    assert_eq!(text(&out.stdout), EXPECTED);
    let _ = fs::remove_dir_all(dir);
}
