//! Writes a synthetic, valid catalog of N error codes, for benchmarks and
//! scale tests: `cargo run -p errcat --example synth_catalog -- N DIR`, or
//! `... -- N DIR strings` for string codes.
//!
//! The entries look like real ones: several message texts, descriptions and
//! advice of a few sentences, platforms, every retry policy, a sub-code on
//! some, an example body on some, links, fields and history on a few. The
//! codes are spread over several topic files next to a `catalog.toml`
//! manifest. The output depends on N and the kind of code alone, so two
//! runs write the same files.
//!
//! Integer codes run from 1000. String codes (`Kind::Str`) are of every
//! shape the format allows and real APIs use, 1 to 64 characters:
//! SQLSTATE-like (`0001A`), snake_case words (`upload_rejected_17`, as
//! Stripe's), `PascalCaseException`s (as AWS's), dotted and dashed paths
//! up to 64 characters, and a few of one to four characters; the string
//! catalog also sorts its codes into 20 `[[group]]`s, as SQLSTATE's
//! classes do. `codegen/benches/pipeline.rs` and the scripts in `scripts/` use
//! this one generator.

use std::fmt::Write as _;
use std::path::Path;

/// Platforms of the synthetic catalog: id, identifier, title.
const PLATFORMS: &[(&str, &str, &str)] = &[
    ("facebook", "Facebook", "Facebook"),
    ("instagram", "Instagram", "Instagram"),
    ("linkedin", "LinkedIn", "LinkedIn"),
    ("reddit", "Reddit", "Reddit"),
    ("threads", "Threads", "Threads"),
    ("tiktok", "TikTok", "TikTok"),
    ("twitter", "Twitter", "X/Twitter"),
    ("youtube", "YouTube", "YouTube"),
];

const STATUSES: &[(u16, &str)] = &[
    (200, "OK"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (429, "Too Many Requests"),
    (500, "Internal Server Error"),
    (502, "Bad Gateway"),
];

const SUBJECTS: &[&str] = &[
    "Upload",
    "Media",
    "Caption",
    "Token",
    "Comment",
    "Thumbnail",
    "Schedule",
    "Analytics",
    "Profile",
    "Link",
    "Video",
    "Image",
    "Story",
    "Reel",
    "Hashtag",
    "Mention",
];

const FAILURES: &[&str] = &[
    "Rejected",
    "TimedOut",
    "Expired",
    "Throttled",
    "Unavailable",
    "TooLarge",
    "Invalid",
    "Missing",
    "Blocked",
    "Duplicate",
    "Unsupported",
];

/// The first code; entry `i` gets `FIRST_CODE + i`.
pub const FIRST_CODE: u32 = 1000;

/// The kind of code the catalog uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Str,
}

/// How many groups a string catalog has.
pub const GROUPS: usize = 20;

/// `i` in base 36, upper-case digits and letters.
fn base36(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 36]);
        i /= 36;
        if i == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The string code of entry `i`. The shapes cannot collide: the
/// SQLSTATE-like codes are exactly five upper-case letters and digits, the
/// short ones start with a lower-case `z` and have no `_`, the snake_case
/// ones have a `_` and no `.`, the long ones have a `.`, and the
/// exceptions end in `Exception`; within a shape the entry number makes
/// each unique.
pub fn str_code(i: usize) -> String {
    let subject = SUBJECTS[i % SUBJECTS.len()];
    let failure = FAILURES[(i / SUBJECTS.len()) % FAILURES.len()];
    if i % 97 == 5 {
        // One to four characters.
        return match i / 97 {
            0 => "z".to_string(),
            k => format!("z{}", base36(k).to_lowercase()),
        };
    }
    match i % 4 {
        0 => format!("{:0>5}", base36(i)),
        1 => format!("{}_{}_{i}", subject.to_lowercase(), crate_snake(failure)),
        2 => format!("{subject}{failure}{i}Exception"),
        _ => {
            // A dotted path padded to 40 to 64 characters.
            // The entry number comes early, where truncating cannot cut it.
            let mut c = format!(
                "{}-{i}.{}.upstream-service.region-eu-west",
                subject.to_lowercase(),
                crate_snake(failure),
            );
            let len = 40 + i % 25;
            while c.len() < len {
                c.push_str(".x");
            }
            c.truncate(len);
            // A code may end in `.`; the format allows it, but a real one
            // would not.
            if c.ends_with('.') {
                c.pop();
                c.push('y');
            }
            c
        }
    }
}

/// `TimedOut` as `timed_out`.
fn crate_snake(s: &str) -> String {
    let mut out = String::new();
    for (k, ch) in s.chars().enumerate() {
        if ch.is_ascii_uppercase() && k > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}

/// Entry `i`'s code as a TOML and JSON value.
fn code_value(kind: Kind, i: usize) -> String {
    match kind {
        Kind::Int => (FIRST_CODE as usize + i).to_string(),
        Kind::Str => q(&str_code(i)),
    }
}

/// How many topic files N codes are spread over: about 500 codes a file,
/// at least 4.
pub fn file_count(n: usize) -> usize {
    n.div_ceil(500).max(4)
}

/// The catalog's files, name and TOML text, in name order.
pub fn catalog_files(n: usize, kind: Kind) -> Vec<(String, String)> {
    let files = file_count(n);
    let per_file = n.div_ceil(files).max(1);
    let mut out = vec![("catalog.toml".to_string(), manifest(kind))];
    for f in 0..files {
        let mut text = format!("# Synthetic topic file {f}: [[error]] entries only, by code.\n");
        for i in (f * per_file)..((f + 1) * per_file).min(n) {
            text.push('\n');
            entry(&mut text, i, kind);
        }
        out.push((format!("topic-{f:03}.toml"), text));
    }
    out
}

/// Write the catalog of `n` codes into `dir` (created if missing; other
/// files in it are left alone).
pub fn write_catalog(dir: &Path, n: usize, kind: Kind) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in catalog_files(n, kind) {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

/// A TOML basic string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn manifest(kind: Kind) -> String {
    let mut t = String::from(
        r#"# Synthetic catalog written by `cargo run -p errcat --example synth_catalog`.

[catalog]
name = "synth"
title = "Synthetic API"
description = "A generated catalog for benchmarks: many codes, realistic entries."
version = "1.0.0"
docs_url = "https://example.com/synth/reference.html"
source_url = "https://example.com/synth/errors"
rust_crate = "synth-errors"
npm_package = "synth-errors"

# Where error objects sit in a response body: as in Ayrshare's catalog,
# whose shape the entries' examples copy.
[catalog.envelope]
errors = [".", "errors[]", "{platform}"]
warnings = ["warnings[]"]
nested = ["posts[]", "*"]
platform = ["platform", "{key}", "resolution.platform"]

[[catalog.header]]
name = "Retry-After"
direction = "response"
description = "Seconds to wait before the next request."
examples = ["Retry-After: 60"]

[[catalog.field]]
name = "status"
type = "string"
description = "Overall outcome of the call: `success` or `error`."

[[catalog.field]]
name = "errors"
type = "array"
description = "List of error objects, one per platform that failed."

[[catalog.field]]
name = "errors[].code"
type = "CODE_TYPE"
description = "The error code of this entry."

[[catalog.field]]
name = "errors[].message"
type = "string"
description = "Human-readable explanation of what went wrong."

[[catalog.field]]
name = "errors[].platform"
type = "string"
description = "Id of the platform the entry concerns."

[[catalog.example]]
title = "The retryAvailable flag"
json = '''
{
  "retryAvailable": true
}'''
"#,
    )
    .replace(
        "CODE_TYPE",
        match kind {
            Kind::Int => "integer",
            Kind::Str => "string",
        },
    );
    if kind == Kind::Str {
        for g in 0..GROUPS {
            let _ = write!(
                t,
                "\n[[group]]\nid = \"class-{g:02}\"\ntitle = {}\ndescription = \"Codes of synthetic class {g:02}.\"\n",
                q(&format!("Class {g:02}: {}", SUBJECTS[g % SUBJECTS.len()]))
            );
        }
    }
    for (code, meaning) in STATUSES {
        let _ = write!(
            t,
            "\n[[http_status]]\ncode = {code}\nmeaning = {}\n",
            q(meaning)
        );
        if *code == 200 {
            t.push_str("success = true\n");
        }
    }
    for (id, name, title) in PLATFORMS {
        let _ = write!(
            t,
            "\n[[platform]]\nid = {}\nname = {}\ntitle = {}\n",
            q(id),
            q(name),
            q(title)
        );
    }
    t
}

/// Append entry `i` as an `[[error]]` table.
fn entry(t: &mut String, i: usize, kind: Kind) {
    // The number in names and texts; the code itself is `code_value`.
    let code = FIRST_CODE as usize + i;
    let subject = SUBJECTS[i % SUBJECTS.len()];
    let failure = FAILURES[(i / SUBJECTS.len()) % FAILURES.len()];
    // Every fourth entry concerns any platform; the others one or two.
    let platforms: Vec<usize> = match i % 4 {
        0 => vec![],
        3 => vec![i % PLATFORMS.len(), (i + 3) % PLATFORMS.len()],
        _ => vec![i % PLATFORMS.len()],
    };
    let prefix = platforms.first().map_or("Api", |&p| PLATFORMS[p].1);
    let place = platforms
        .first()
        .map_or("the platform", |&p| PLATFORMS[p].2);
    let name = format!("{prefix}{subject}{failure}{code}");
    let title = format!(
        "{} {} {}",
        platforms.first().map_or("API", |&p| PLATFORMS[p].2),
        subject.to_lowercase(),
        failure.to_lowercase()
    );
    let warning = i % 25 == 12;
    // (policy, relink, remedy, http)
    let (retry, relink, remedy, http): (String, &str, &str, String) = if warning {
        ("{ policy = \"never\" }".into(), "no", "none", "200".into())
    } else {
        match i % 10 {
            4 => (
                "{ policy = \"never\" }".into(),
                "required",
                "relink",
                "401".into(),
            ),
            5 | 6 => (
                format!("{{ policy = \"backoff\", min_delay_secs = {} }}", 30 * (i % 3 + 1)),
                "no",
                "retry",
                ["429", "500", "502"][i % 3].into(),
            ),
            7 => (
                "{ policy = \"after-delay\", delay_field = \"details\", delay_format = \"Retry-After: {seconds}\" }".into(),
                "must-not",
                "retry-after",
                "429".into(),
            ),
            8 => (
                format!("{{ policy = \"after-event\", event = {} }}", q(&format!("the {} finishes processing on {place}", subject.to_lowercase()))),
                "no",
                "wait-for-event",
                "unstated".into(),
            ),
            9 => (
                "{ policy = \"failed-platforms\" }".into(),
                "no",
                "retry-failed-platforms",
                "400".into(),
            ),
            n => (
                "{ policy = \"never\" }".into(),
                "no",
                if n == 3 {
                    "contact-platform"
                } else {
                    "fix-request"
                },
                ["400", "403", "404", "unstated"][i % 4].into(),
            ),
        }
    };
    let appears_in = if warning {
        "[\"warnings-array\"]"
    } else if i % 10 == 9 {
        "[\"errors-array\", \"partial-success\"]"
    } else if i % 10 == 5 {
        "[\"errors-array\", \"top-level\"]"
    } else {
        "[\"errors-array\"]"
    };
    let messages: Vec<String> = (0..=(i % 3))
        .map(|m| match m {
            0 => format!(
                "The {} was {} by {place}. Check the request and try again.",
                subject.to_lowercase(),
                failure.to_lowercase()
            ),
            1 => format!("{title} (reference {code}). See the documentation for what to change."),
            _ => format!(
                "Error {code}: {place} refused the request because the {} is {}.",
                subject.to_lowercase(),
                failure.to_lowercase()
            ),
        })
        .collect();

    let _ = writeln!(t, "[[error]]");
    let _ = writeln!(t, "code = {}", code_value(kind, i));
    if kind == Kind::Str {
        let _ = writeln!(t, "group = \"class-{:02}\"", i % GROUPS);
    }
    let _ = writeln!(t, "name = {}", q(&name));
    let _ = writeln!(t, "title = {}", q(&title));
    let _ = writeln!(
        t,
        "http = {}",
        if http == "unstated" {
            q("unstated")
        } else {
            http.clone()
        }
    );
    let _ = writeln!(
        t,
        "action = {}",
        q(if i.is_multiple_of(6) {
            "unstated"
        } else {
            "post"
        })
    );
    let list = platforms
        .iter()
        .map(|&p| q(PLATFORMS[p].0))
        .collect::<Vec<_>>()
        .join(", ");
    let _ = writeln!(t, "platforms = [{list}]");
    if warning {
        let _ = writeln!(t, "severity = \"warning\"");
    }
    let _ = writeln!(t, "appears_in = {appears_in}");
    let _ = writeln!(t, "retry = {retry}");
    let _ = writeln!(t, "relink = {}", q(relink));
    let _ = writeln!(t, "remedy = {}", q(remedy));
    t.push_str("messages = [\n");
    for m in &messages {
        let _ = writeln!(t, "    {},", q(m));
    }
    t.push_str("]\n");
    if i % 11 == 10 {
        let _ = writeln!(t, "related = [{}]", code_value(kind, i - 1));
    }
    if i % 50 == 49 {
        let _ = writeln!(t, "replaces = [{}]", code_value(kind, i - 7));
    }
    if i % 97 == 96 {
        let _ = writeln!(t, "retired = \"No longer returned since the v2 API.\"");
    }
    let _ = writeln!(
        t,
        "description = \"\"\"\\\nReturned when {place} reports that the {} is {}. This usually happens when \\\nthe request carries content the platform does not accept at the moment, or \\\nwhen an upstream service answers with an unexpected status (code {code}).\\\n\"\"\"",
        subject.to_lowercase(),
        failure.to_lowercase()
    );
    let _ = writeln!(
        t,
        "advice = \"\"\"\\\nCheck the `{}` part of the request against the platform's limits, then send \\\nit again. Show the message to the user when the problem is on their side.\\\n\"\"\"",
        subject.to_lowercase()
    );
    if i.is_multiple_of(5) {
        t.push_str(
            "\n[[error.field]]\nname = \"details\"\ndescription = \"The platform's own wording of the failure.\"\n",
        );
    }
    let subcode = i.is_multiple_of(7).then_some(2_000_000 + i as u64);
    if let Some(s) = subcode {
        let _ = writeln!(t, "\n[[error.subcode]]");
        let _ = writeln!(t, "code = {s}");
        let _ = writeln!(t, "source = \"meta\"");
        let _ = writeln!(t, "upstream_field = \"error_subcode\"");
        let _ = writeln!(t, "response_field = \"errCode\"");
        let _ = writeln!(
            t,
            "description = \"The upstream rejected the {} (sub-code {s}).\"",
            subject.to_lowercase()
        );
        let _ = writeln!(
            t,
            "upstream_message = \"An unexpected error has occurred. Please retry your request later.\""
        );
        if i.is_multiple_of(14) && !warning {
            let _ = writeln!(t, "message = {}", q(&messages[0]));
            let _ = writeln!(t, "retry_available = {}", i.is_multiple_of(28));
        }
    }
    if i.is_multiple_of(13) {
        let _ = writeln!(
            t,
            "\n[[error.history]]\ndate = \"2025-{:02}\"\nnote = \"First documented.\"",
            i % 12 + 1
        );
    }
    if i.is_multiple_of(3) {
        let platform = platforms.first().map_or("facebook", |&p| PLATFORMS[p].0);
        let sub = subcode.map_or(String::new(), |s| format!(",\n      \"errCode\": {s}"));
        let json_code = code_value(kind, i);
        let body = if warning {
            format!(
                "{{\n  \"status\": \"success\",\n  \"id\": \"...\",\n  \"warnings\": [\n    {{\n      \"code\": {json_code},\n      \"message\": {},\n      \"platform\": \"{platform}\"{sub}\n    }}\n  ]\n}}",
                json_str(&messages[0])
            )
        } else {
            let posted = if i % 10 == 9 {
                let other =
                    PLATFORMS[(platforms.first().copied().unwrap_or(0) + 1) % PLATFORMS.len()].0;
                format!(
                    ",\n  \"postIds\": [\n    {{\n      \"status\": \"success\",\n      \"id\": \"...\",\n      \"platform\": \"{other}\"\n    }}\n  ]"
                )
            } else {
                String::new()
            };
            format!(
                "{{\n  \"status\": \"error\",\n  \"errors\": [\n    {{\n      \"action\": \"post\",\n      \"status\": \"error\",\n      \"code\": {json_code},\n      \"message\": {},\n      \"platform\": \"{platform}\"{sub}\n    }}\n  ]{posted}\n}}",
                json_str(&messages[0])
            )
        };
        let _ = writeln!(t, "\n[[error.example]]");
        let _ = writeln!(t, "title = {}", q(&format!("{title} on {platform}")));
        if http != "unstated" {
            let _ = writeln!(t, "http = {http}");
        }
        if let Some(s) = subcode {
            let _ = writeln!(t, "subcode = {s}");
        }
        let _ = writeln!(t, "json = '''\n{body}'''");
    }
}

/// A JSON string literal (the messages hold no characters that need more
/// than quote and backslash escapes).
fn json_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let kind = match args.get(2).map(String::as_str) {
        None | Some("integers") => Some(Kind::Int),
        Some("strings") => Some(Kind::Str),
        Some(_) => None,
    };
    let (Some(n), Some(dir), Some(kind)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1),
        kind,
    ) else {
        eprintln!(
            "usage: synth_catalog N DIR [integers|strings]  (writes a catalog of N codes into DIR)"
        );
        std::process::exit(2);
    };
    if let Err(e) = write_catalog(Path::new(dir), n, kind) {
        eprintln!("error: cannot write the catalog to `{dir}`: {e}");
        std::process::exit(1);
    }
    eprintln!(
        "wrote {n} codes in {} topic files and catalog.toml to {dir}",
        file_count(n)
    );
}
