//! `errcat diff`: semver classification of catalog changes, the evolution
//! errors (deleted codes, reused numbers), the JSON report, exit codes and
//! reading catalogs at git revisions.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

mod common;
use common::{assert_exit, errcat_in, path_arg as arg, repo, text};

/// The minimal fixture catalog's text: codes 1 `RateLimited` (429, backoff
/// 30 s, platform `web`) and 2 `SlowNote` (a warning).
fn minimal() -> String {
    fs::read_to_string(repo().join("tests/fixtures/valid/minimal/catalog.toml"))
        .expect("read the minimal fixture")
}

/// `text` with the first `from` replaced; `from` must be there.
#[track_caller]
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "`{from}` is not in the catalog text");
    text.replacen(from, to, 1)
}

/// A second status, so an entry can move to it.
const STATUS_503: &str = "\n[[http_status]]\ncode = 503\nmeaning = \"Service Unavailable\"\n";

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

/// A scratch directory, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(label: &str) -> Scratch {
        Scratch(common::temp_dir(&format!("diff-{label}")))
    }

    /// Write `text` as `<name>/catalog.toml`; the catalog directory.
    fn catalog(&self, name: &str, text: &str) -> PathBuf {
        let dir = self.0.join(name);
        fs::create_dir_all(&dir).expect("create catalog dir");
        fs::write(dir.join("catalog.toml"), text).expect("write catalog");
        dir
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// `errcat diff OLD NEW [extra]` on two catalog texts.
fn diff_texts(old: &str, new: &str, extra: &[&str]) -> Output {
    let s = Scratch::new("pair");
    let o = s.catalog("old", old);
    let n = s.catalog("new", new);
    let mut args = vec!["diff", arg(&o), arg(&n)];
    args.extend_from_slice(extra);
    errcat_in(&s.0, &args)
}

/// The JSON report of `errcat diff --format json` on two catalog texts,
/// with the exit code.
fn diff_json(old: &str, new: &str) -> (Value, Option<i32>) {
    let out = diff_texts(old, new, &["--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\n--- stderr\n{}",
            text(&out.stdout),
            text(&out.stderr)
        )
    });
    (v, out.status.code())
}

/// The library's diff of two catalog texts.
fn lib_diff(old: &str, new: &str) -> errcat::diff::Diff {
    let s = Scratch::new("lib");
    let compile = |name: &str, t: &str| {
        let dir = s.catalog(name, t);
        errcat::compile(&dir).unwrap_or_else(|f| panic!("{name} does not compile:\n{}", f.render()))
    };
    errcat::diff::diff(&compile("old", old), &compile("new", new))
}

/// Lines of the text report.
fn lines(out: &Output) -> Vec<String> {
    text(&out.stdout).lines().map(str::to_string).collect()
}

#[test]
fn no_change_is_none_and_exit_0() {
    let out = diff_texts(&minimal(), &minimal(), &[]);
    assert_exit(&out, 0);
    assert_eq!(text(&out.stdout), "no changes\nsemver: none\n");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));

    let (v, code) = diff_json(&minimal(), &minimal());
    assert_eq!(code, Some(0));
    assert_eq!(v, json!({"level": "none", "changes": [], "errors": []}));
}

#[test]
fn message_change_is_patch_and_flagged() {
    let new = edit(
        &minimal(),
        r#"messages = ["Slow down."]"#,
        r#"messages = ["Slow down!"]"#,
    );
    let out = diff_texts(&minimal(), &new, &[]);
    assert_exit(&out, 3);
    assert_eq!(
        lines(&out),
        [
            r#"patch  1 RateLimited: messages ["Slow down."] -> ["Slow down!"] (message text changed; clients that match on message text may break)"#,
            "semver: patch",
        ]
    );
}

#[test]
fn doc_changes_are_patch() {
    let new = edit(
        &minimal(),
        "title = \"Rate limited\"\nhttp",
        "title = \"Throttled\"\nhttp",
    );
    let new = edit(
        &new,
        "Too many requests in a short time.",
        "Too many requests.",
    );
    let new = edit(
        &new,
        "advice = \"Nothing to do.\"",
        "advice = \"Nothing at all.\"",
    );
    let d = lib_diff(&minimal(), &new);
    let got: Vec<(Option<u32>, &str, &str)> = d
        .changes
        .iter()
        .map(|c| {
            (
                c.code.as_ref().and_then(|c| c.as_int()),
                c.field.as_deref().unwrap_or(""),
                c.level.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some(1), "title", "patch"),
            (Some(1), "description", "patch"),
            (Some(2), "advice", "patch"),
        ]
    );
    assert!(d.changes.iter().all(|c| c.note.is_none()));
    assert_eq!(d.exit_code(), 3);
}

#[test]
fn added_code_is_minor_with_from_code_note() {
    let new = format!("{}{CODE_3}", minimal());
    let out = diff_texts(&minimal(), &new, &[]);
    assert_exit(&out, 4);
    assert_eq!(
        lines(&out),
        [
            "minor  3 NewThing: added (new code; breaking for `FromCode` enums without `other`)",
            "semver: minor",
        ]
    );
    let (v, code) = diff_json(&minimal(), &new);
    assert_eq!(code, Some(4));
    assert_eq!(v["changes"][0]["kind"], "added");
    assert_eq!(v["changes"][0]["breaks_from_code_without_other"], true);
}

#[test]
fn http_status_change_is_major() {
    let old = edit(
        &minimal(),
        "\n[[platform]]",
        &format!("{STATUS_503}\n[[platform]]"),
    );
    let new = edit(&old, "http = 429\naction", "http = 503\naction");
    let out = diff_texts(&old, &new, &[]);
    assert_exit(&out, 5);
    assert_eq!(
        lines(&out),
        [
            "major  1 RateLimited: http_status 429 -> 503 (consumers branch on the HTTP status)",
            "semver: major",
        ]
    );
}

#[test]
fn retry_policy_change_is_major() {
    // Another kind (with the remedy it requires).
    let new = edit(
        &minimal(),
        "retry = { policy = \"backoff\", min_delay_secs = 30 }\nrelink = \"no\"\nremedy = \"retry\"",
        "retry = { policy = \"never\" }\nrelink = \"no\"\nremedy = \"fix-request\"",
    );
    let out = diff_texts(&minimal(), &new, &[]);
    assert_exit(&out, 5);
    let l = lines(&out);
    assert!(
        l.contains(&r#"major  1 RateLimited: retry {"policy":"backoff","min_delay_secs":30} -> {"policy":"never"} (retry policy changed: consumers branch on it)"#.to_string()),
        "{l:#?}"
    );
    assert!(
        l.contains(
            &"major  1 RateLimited: remedy retry -> fix-request (classification output changes)"
                .to_string()
        ),
        "{l:#?}"
    );

    // Same kind, other parameters.
    let new = edit(&minimal(), "min_delay_secs = 30", "min_delay_secs = 60");
    let out = diff_texts(&minimal(), &new, &[]);
    assert_exit(&out, 5);
    assert_eq!(
        lines(&out),
        [
            r#"major  1 RateLimited: retry {"policy":"backoff","min_delay_secs":30} -> {"policy":"backoff","min_delay_secs":60} (retry parameters changed: consumers schedule retries by them)"#,
            "semver: major",
        ]
    );
}

#[test]
fn relink_change_is_major() {
    let new = edit(
        &minimal(),
        "relink = \"no\"\nremedy = \"retry\"",
        "relink = \"must-not\"\nremedy = \"retry\"",
    );
    let out = diff_texts(&minimal(), &new, &[]);
    assert_exit(&out, 5);
    assert_eq!(
        lines(&out),
        [
            "major  1 RateLimited: relink no -> must-not (relink policy changed: consumers branch on it)",
            "semver: major",
        ]
    );
}

#[test]
fn severity_platform_and_remedy_changes_are_major() {
    // Code 1 gains a platform.
    let new = edit(
        &minimal(),
        "platforms = [\"web\"]",
        "platforms = [\"web\", \"app\"]",
    );
    let new = edit(
        &new,
        "\n[[error]]",
        "\n[[platform]]\nid = \"app\"\nname = \"App\"\ntitle = \"The app\"\n\n[[error]]",
    );
    let d = lib_diff(&minimal(), &new);
    let entry: Vec<_> = d.changes.iter().filter(|c| c.code.is_some()).collect();
    assert_eq!(entry.len(), 1, "{:#?}", d.changes);
    assert_eq!(entry[0].field.as_deref(), Some("platforms"));
    assert_eq!(entry[0].level, errcat::diff::Level::Major);

    // Code 2, which stated none, comes to state its platforms: a fact
    // learned is minor, but every entry now stating it makes the generated
    // field plain instead of optional, which breaks code that matched on
    // `Option`.
    let new = edit(
        &minimal(),
        "severity = \"warning\"",
        "platforms = [\"web\"]\nseverity = \"warning\"",
    );
    let d = lib_diff(&minimal(), &new);
    let got: Vec<(&str, &str)> = d
        .changes
        .iter()
        .map(|c| (c.field.as_deref().unwrap_or(""), c.level.as_str()))
        .collect();
    assert_eq!(got, [("facts.platforms", "major"), ("platforms", "minor")]);

    let new = edit(
        &minimal(),
        "remedy = \"none\"",
        "remedy = \"contact-platform\"",
    );
    let d = lib_diff(&minimal(), &new);
    assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
    assert_eq!(d.changes[0].field.as_deref(), Some("remedy"));
    assert_eq!(d.changes[0].level, errcat::diff::Level::Major);

    // A warning becoming an error moves it out of `warnings-array` too.
    let new = edit(
        &minimal(),
        "severity = \"warning\"\nappears_in = [\"warnings-array\"]",
        "severity = \"error\"\nappears_in = [\"errors-array\"]",
    );
    let new = edit(&new, "http = \"unstated\"", "http = 429");
    let d = lib_diff(&minimal(), &new);
    let got: Vec<(&str, &str)> = d
        .changes
        .iter()
        .map(|c| (c.field.as_deref().unwrap_or(""), c.level.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            // Every entry states an HTTP status now: the field is no longer
            // optional. Code 2's own status is learned, not changed.
            ("facts.http_status", "major"),
            ("http_status", "minor"),
            ("severity", "major"),
            ("appears_in", "minor")
        ]
    );
}

#[test]
fn rename_is_major() {
    let new = edit(&minimal(), "name = \"SlowNote\"", "name = \"QuietNote\"");
    let out = diff_texts(&minimal(), &new, &[]);
    assert_exit(&out, 5);
    assert_eq!(
        lines(&out),
        [
            "major  2 QuietNote: name SlowNote -> QuietNote (renamed: the generated variant `SlowNote` becomes `QuietNote`)",
            "semver: major",
        ]
    );
    assert!(out.stderr.is_empty(), "a rename is no evolution error");
}

/// Code 2's entry, which the minimal catalog ends with.
fn without_code_2(t: &str) -> String {
    let at = t.rfind("[[error]]").expect("code 2");
    t[..at].to_string()
}

#[test]
fn removal_is_major_and_a_tombstone_error() {
    let new = without_code_2(&minimal());
    let out = diff_texts(&minimal(), &new, &[]);
    assert_exit(&out, 1);
    assert_eq!(
        lines(&out),
        [
            "major  catalog: facts.http_status sometimes -> always (a fact every entry now states: the generated field is no longer optional)",
            "major  catalog: facts.action sometimes -> always (a fact every entry now states: the generated field is no longer optional)",
            "major  catalog: facts.platforms sometimes -> always (a fact every entry now states: the generated field is no longer optional)",
            "major  catalog: facts.severity sometimes -> never (a fact the catalog no longer uses: the generated field goes away)",
            "major  catalog: facts.messages sometimes -> always (a fact every entry now states: the generated field is no longer optional)",
            "major  2 SlowNote: removed (consumers that name the code or its variant break)",
            "semver: major",
        ]
    );
    assert_eq!(
        text(&out.stderr),
        "error: code 2 (SlowNote) was removed: removed codes must stay as tombstones (`retired = ...`)\n"
    );

    let (v, code) = diff_json(&minimal(), &new);
    assert_eq!(code, Some(1));
    assert_eq!(v["level"], "major");
    assert_eq!(
        v["errors"],
        json!([{
            "code": 2,
            "name": "SlowNote",
            "message": "code 2 (SlowNote) was removed: removed codes must stay as tombstones (`retired = ...`)",
        }])
    );
}

#[test]
fn renumbering_is_major_and_a_tombstone_error() {
    let new = edit(
        &minimal(),
        "code = 2\nname = \"SlowNote\"",
        "code = 7\nname = \"SlowNote\"",
    );
    let out = diff_texts(&minimal(), &new, &[]);
    assert_exit(&out, 1);
    assert_eq!(
        lines(&out),
        [
            "major  2 SlowNote: removed (renumbered to 7: consumers that use code 2 no longer match)",
            "minor  7 SlowNote: added (new code (the name was code 2); breaking for `FromCode` enums without `other`)",
            "semver: major",
        ]
    );
    assert!(text(&out.stderr).contains("code 2 (SlowNote) was removed"));
}

#[test]
fn retiring_is_minor() {
    let new = edit(
        &minimal(),
        "advice = \"Nothing to do.\"",
        "advice = \"Nothing to do.\"\nretired = \"2026-05: no longer sent.\"",
    );
    let out = diff_texts(&minimal(), &new, &[]);
    assert_exit(&out, 4);
    assert_eq!(
        lines(&out),
        [
            "minor  2 SlowNote: retired none -> 2026-05: no longer sent. (retired: the code stays as a tombstone)",
            "semver: minor",
        ]
    );
}

#[test]
fn reusing_a_retired_number_is_an_error() {
    let old = edit(
        &minimal(),
        "advice = \"Nothing to do.\"",
        "advice = \"Nothing to do.\"\nretired = \"2026-05: no longer sent.\"",
    );
    let reason = "code 2 was retired and may not be reused for a different meaning (was `SlowNote`, now `FreshNote`)";

    // Un-retired under another name.
    let new = edit(&minimal(), "name = \"SlowNote\"", "name = \"FreshNote\"");
    let out = diff_texts(&old, &new, &[]);
    assert_exit(&out, 1);
    assert_eq!(text(&out.stderr), format!("error: {reason}\n"));
    let l = lines(&out);
    assert!(l.contains(&"major  2 FreshNote: name SlowNote -> FreshNote (renamed: the generated variant `SlowNote` becomes `FreshNote`)".to_string()), "{l:#?}");
    assert!(l.contains(&"minor  2 FreshNote: retired 2026-05: no longer sent. -> none (no longer retired: the API sends the code again)".to_string()), "{l:#?}");

    // Still retired, other name: the number still may not change meaning.
    let new = edit(&old, "name = \"SlowNote\"", "name = \"FreshNote\"");
    let (v, code) = diff_json(&old, &new);
    assert_eq!(code, Some(1));
    assert_eq!(v["errors"][0]["message"], reason);

    // Un-retiring under the same name is allowed.
    let out = diff_texts(&old, &minimal(), &[]);
    assert_exit(&out, 4);
}

#[test]
fn subcode_overrides_decide_the_level() {
    let sub = "\n[[error.subcode]]\ncode = 190\nsource = \"meta\"\nupstream_field = \"error_subcode\"\ndescription = \"Meta's note.\"\n";
    let old = format!("{}{sub}", minimal());

    let new = edit(
        &old,
        "description = \"Meta's note.\"",
        "description = \"Meta's own note.\"",
    );
    let d = lib_diff(&old, &new);
    assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
    assert_eq!(d.changes[0].field.as_deref(), Some("subcodes.190"));
    assert_eq!(d.changes[0].level, errcat::diff::Level::Patch);

    let new = edit(
        &old,
        "description = \"Meta's note.\"",
        "description = \"Meta's note.\"\nrelink = \"required\"\nremedy = \"relink\"",
    );
    let d = lib_diff(&old, &new);
    assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
    assert_eq!(d.changes[0].level, errcat::diff::Level::Major);
    assert_eq!(
        d.changes[0].reason,
        "sub-code override of relink, remedy changed: classification output changes"
    );

    let new = edit(
        &old,
        "description = \"Meta's note.\"",
        "description = \"Meta's note.\"\nretry_available = false",
    );
    let d = lib_diff(&old, &new);
    assert_eq!(d.changes[0].level, errcat::diff::Level::Major);

    // A sub-code without overrides appearing is documentation; the first
    // sub-code of a catalog adds a field to the generated types: minor.
    let d = lib_diff(&minimal(), &old);
    let got: Vec<(&str, &str)> = d
        .changes
        .iter()
        .map(|c| (c.field.as_deref().unwrap_or(""), c.level.as_str()))
        .collect();
    assert_eq!(
        got,
        [("facts.subcodes", "minor"), ("subcodes.190", "patch")]
    );
    assert!(d.changes[1].old.is_null());
}

#[test]
fn platforms_added_minor_removed_major() {
    let app = "\n[[platform]]\nid = \"app\"\nname = \"App\"\ntitle = \"The app\"\n";
    let with_app = edit(&minimal(), "\n[[error]]", &format!("{app}\n[[error]]"));

    let out = diff_texts(&minimal(), &with_app, &[]);
    assert_exit(&out, 4);
    assert_eq!(
        lines(&out),
        [
            "minor  catalog: platforms.app added (platform added)",
            "semver: minor"
        ]
    );

    let out = diff_texts(&with_app, &minimal(), &[]);
    assert_exit(&out, 5);
    assert_eq!(
        lines(&out),
        [
            "major  catalog: platforms.app removed (platform removed: its generated variant goes away)",
            "semver: major",
        ]
    );
}

#[test]
fn text_is_grouped_by_level_and_version_reported() {
    let new = edit(&minimal(), "version = \"1.0.0\"", "version = \"2.0.0\"");
    let new = edit(
        &new,
        r#"messages = ["Slow down."]"#,
        r#"messages = ["Slow down!"]"#,
    );
    let new = edit(&new, "name = \"SlowNote\"", "name = \"QuietNote\"");
    let new = format!("{new}{CODE_3}");
    let out = diff_texts(&minimal(), &new, &[]);
    assert_exit(&out, 5);
    assert_eq!(
        lines(&out),
        [
            "major  2 QuietNote: name SlowNote -> QuietNote (renamed: the generated variant `SlowNote` becomes `QuietNote`)",
            "minor  3 NewThing: added (new code; breaking for `FromCode` enums without `other`)",
            "patch  catalog: version 1.0.0 -> 2.0.0 (catalog version)",
            r#"patch  1 RateLimited: messages ["Slow down."] -> ["Slow down!"] (message text changed; clients that match on message text may break)"#,
            "semver: major",
        ]
    );
}

#[test]
fn json_report_parses_and_matches() {
    let old = edit(
        &minimal(),
        "\n[[platform]]",
        &format!("{STATUS_503}\n[[platform]]"),
    );
    let new = edit(&old, "http = 429\naction", "http = 503\naction");
    let new = edit(
        &new,
        r#"messages = ["Slow down."]"#,
        r#"messages = ["Slow down!"]"#,
    );
    let new = format!("{new}{CODE_3}");
    let (v, code) = diff_json(&old, &new);
    assert_eq!(code, Some(5));
    // Ordered by code, then in the IR's field order; not by level.
    assert_eq!(
        v,
        json!({
            "level": "major",
            "changes": [
                {
                    "code": 1, "name": "RateLimited", "kind": "changed",
                    "field": "http_status", "old": 429, "new": 503,
                    "level": "major", "reason": "consumers branch on the HTTP status",
                    "breaks_from_code_without_other": false, "note": null,
                },
                {
                    "code": 1, "name": "RateLimited", "kind": "changed",
                    "field": "messages", "old": ["Slow down."], "new": ["Slow down!"],
                    "level": "patch", "reason": "message text changed",
                    "breaks_from_code_without_other": false,
                    "note": "clients that match on message text may break",
                },
                {
                    "code": 3, "name": "NewThing", "kind": "added",
                    "field": null, "old": null, "new": "NewThing",
                    "level": "minor", "reason": "new code",
                    "breaks_from_code_without_other": true,
                    "note": "breaking for `FromCode` enums without `other`",
                },
            ],
            "errors": [],
        })
    );
    // Nothing but the report on stdout; the same run twice is identical.
    let again = diff_texts(&old, &new, &["--format", "json"]);
    assert_eq!(serde_json::from_slice::<Value>(&again.stdout).unwrap(), v);
}

#[test]
fn shipped_catalog_against_itself_is_unchanged() {
    let c = repo().join("catalog");
    let out = errcat_in(&std::env::temp_dir(), &["diff", arg(&c), arg(&c)]);
    assert_exit(&out, 0);
}

#[test]
fn invalid_catalog_exits_1_and_usage_errors_exit_2() {
    let broken = edit(&minimal(), "http = 429\naction", "http = 418\naction");
    let out = diff_texts(&minimal(), &broken, &[]);
    assert_exit(&out, 1);
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("the new catalog"), "{err}");
    assert!(err.contains("error[E0306]"), "{err}");

    let tmp = std::env::temp_dir();
    assert_exit(&errcat_in(&tmp, &["diff"]), 2);
    assert_exit(&errcat_in(&tmp, &["diff", "only-one"]), 2);
    assert_exit(
        &errcat_in(&tmp, &["diff", "a", "b", "--from-rev", "HEAD"]),
        2,
    );
    assert_exit(&errcat_in(&tmp, &["diff", "--to-rev", "HEAD"]), 2);
    assert_exit(&errcat_in(&tmp, &["diff", "a", "b", "--format", "yaml"]), 2);
}

// --- git revisions ---------------------------------------------------------

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        text(&out.stderr)
    );
}

/// A git repository whose `catalog/` holds the minimal catalog split in two
/// files, committed once.
fn git_repo() -> Scratch {
    let s = Scratch::new("git");
    git(&s.0, &["init", "-q"]);
    let t = minimal();
    let at = t.rfind("[[error]]").expect("code 2");
    let dir = s.0.join("catalog");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("catalog.toml"), &t[..at]).unwrap();
    fs::write(dir.join("notes.toml"), &t[at..]).unwrap();
    fs::write(dir.join("README.md"), "not part of the catalog").unwrap();
    fs::create_dir_all(s.0.join("sub")).unwrap();
    fs::write(s.0.join("sub/keep"), "").unwrap();
    git(&s.0, &["add", "."]);
    git(&s.0, &["commit", "-q", "-m", "catalog"]);
    s
}

#[test]
fn from_rev_compares_with_the_working_tree() {
    let s = git_repo();
    let out = errcat_in(&s.0, &["diff", "--from-rev", "HEAD"]);
    assert_exit(&out, 0);

    let file = s.0.join("catalog/catalog.toml");
    let changed = edit(
        &fs::read_to_string(&file).unwrap(),
        r#"messages = ["Slow down."]"#,
        r#"messages = ["Slow down!"]"#,
    );
    fs::write(&file, changed).unwrap();
    let expected = [
        r#"patch  1 RateLimited: messages ["Slow down."] -> ["Slow down!"] (message text changed; clients that match on message text may break)"#,
        "semver: patch",
    ];
    let out = errcat_in(&s.0, &["diff", "--from-rev", "HEAD"]);
    assert_exit(&out, 3);
    assert_eq!(lines(&out), expected);

    // From a subdirectory: the catalog is found in the parent.
    let out = errcat_in(&s.0.join("sub"), &["diff", "--from-rev", "HEAD"]);
    assert_exit(&out, 3);
    assert_eq!(lines(&out), expected);

    // Removing the second file at a later revision: a tombstone error.
    git(&s.0, &["commit", "-q", "-am", "message"]);
    git(&s.0, &["rm", "-q", "catalog/notes.toml"]);
    git(&s.0, &["commit", "-q", "-m", "drop 2"]);
    let out = errcat_in(
        &s.0,
        &["diff", "--from-rev", "HEAD~2", "--to-rev", "HEAD~1"],
    );
    assert_exit(&out, 3);
    assert_eq!(lines(&out), expected);
    let out = errcat_in(&s.0, &["diff", "--from-rev", "HEAD~1", "--to-rev", "HEAD"]);
    assert_exit(&out, 1);
    assert!(text(&out.stderr).contains("code 2 (SlowNote) was removed"));

    // A single catalog file through `--catalog`.
    let out = errcat_in(
        &s.0,
        &[
            "diff",
            "--from-rev",
            "HEAD~2",
            "--catalog",
            "catalog/catalog.toml",
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_exit(&out, 3);
    assert_eq!(v["changes"][0]["field"], "messages");
}

#[test]
fn git_failures_exit_1_with_a_message() {
    let s = git_repo();
    let out = errcat_in(&s.0, &["diff", "--from-rev", "no-such-rev"]);
    assert_exit(&out, 1);
    assert_eq!(
        text(&out.stderr),
        "error: cannot read the old catalog: unknown git revision `no-such-rev`\n"
    );

    let out = errcat_in(
        &s.0,
        &["diff", "--from-rev", "HEAD", "--catalog", "nowhere"],
    );
    assert_exit(&out, 1);
    assert_eq!(
        text(&out.stderr),
        "error: cannot read the old catalog: `nowhere` does not exist at `HEAD`\n"
    );

    // Not a repository at all.
    let plain = Scratch::new("nogit");
    let dir = plain.catalog("catalog", &minimal());
    let out = errcat_in(
        &plain.0,
        &["diff", "--from-rev", "HEAD", "--catalog", arg(&dir)],
    );
    assert_exit(&out, 1);
    let err = text(&out.stderr);
    assert!(err.contains("is not inside a git repository"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn reordering_a_set_is_patch() {
    let old = edit(
        &minimal(),
        "appears_in = [\"errors-array\"]",
        "appears_in = [\"errors-array\", \"top-level\"]",
    );
    let new = edit(
        &minimal(),
        "appears_in = [\"errors-array\"]",
        "appears_in = [\"top-level\", \"errors-array\"]",
    );
    let d = lib_diff(&old, &new);
    assert_eq!(d.changes.len(), 1, "{:#?}", d.changes);
    assert_eq!(d.changes[0].field.as_deref(), Some("appears_in"));
    assert_eq!(d.changes[0].level, errcat::diff::Level::Patch);
    assert_eq!(d.changes[0].reason, "order only");

    // A real change to the set is minor.
    let d = lib_diff(&minimal(), &new);
    assert_eq!(d.changes[0].level, errcat::diff::Level::Minor);
}
