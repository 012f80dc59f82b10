//! Release notes in Markdown (`errcat diff --format markdown`): the
//! changes of a [`Diff`] under a heading per kind of release note, each
//! naming its code with a link to the code's page and saying what a
//! consumer must do.
//!
//! The sections, in order, each only when it has a change:
//!
//! - **Breaking changes**: every major change (a code removed or renamed,
//!   a status, retry, relink or remedy changed, ...).
//! - **Added**: new codes, and what the catalog newly lists or documents
//!   (a platform, an HTTP status, a group, a response field).
//! - **Changed**: every other minor or patch change.
//! - **Retired**: codes retired in this version.
//!
//! Catalog text (titles, names, values) is escaped with the reference's
//! Markdown escapers, so it renders as itself and cannot start a heading,
//! a list or a link of its own; values go into code spans.

use std::fmt::Write as _;

use serde_json::Value;

use crate::diff::{Change, Diff, Kind, Level, TEXT_NOTE};
use crate::emit::md::{code_span, md_text};
use crate::ir::{Catalog, Code, ErrorEntry};

/// The sections of the notes, in the order they are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Breaking,
    Added,
    Changed,
    Retired,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Breaking,
        Section::Added,
        Section::Changed,
        Section::Retired,
    ];

    pub fn heading(self) -> &'static str {
        match self {
            Section::Breaking => "Breaking changes",
            Section::Added => "Added",
            Section::Changed => "Changed",
            Section::Retired => "Retired",
        }
    }

    /// Where a change goes. Every major change is breaking, whatever else
    /// it is; a code retired in this version is a retirement; something
    /// new is an addition; the rest changed.
    pub fn of(c: &Change) -> Section {
        let field = c.field.as_deref().unwrap_or("");
        if c.level == Level::Major {
            Section::Breaking
        } else if field == "retired" && c.old.is_null() && !c.new.is_null() {
            Section::Retired
        } else if c.kind == Kind::Added
            || (c.old.is_null() && !c.new.is_null() && is_keyed_item(field))
        {
            Section::Added
        } else {
            Section::Changed
        }
    }
}

/// `platforms.web`, `fields.pageId`, `subcodes.190`: an item of a list
/// the catalog keys by name, not a fact of an entry.
fn is_keyed_item(field: &str) -> bool {
    [
        "platforms.",
        "http_statuses.",
        "headers.",
        "fields.",
        "groups.",
        "subcodes.",
        "cases.",
    ]
    .iter()
    .any(|p| field.starts_with(p) && field.matches('.').count() == 1)
}

/// The release notes of `d`, the diff from `old` to `new`.
pub fn markdown(d: &Diff, old: &Catalog, new: &Catalog) -> String {
    let mut s = String::new();
    let title = md_text(&new.meta.title, true);
    if old.meta.version == new.meta.version {
        let _ = writeln!(s, "# {title} error catalog {}", version(&new.meta.version));
    } else {
        let _ = writeln!(
            s,
            "# {title} error catalog {} (from {})",
            version(&new.meta.version),
            version(&old.meta.version)
        );
    }
    s.push('\n');
    let summary = match d.level() {
        None => "Nothing changed: the generated packages keep their version.",
        Some(Level::Patch) => {
            "Semver: **patch**. Documentation and message texts changed; no code a consumer \
             compiles against did."
        }
        Some(Level::Minor) => {
            "Semver: **minor**. Codes or facts were added or retired; nothing a consumer relies \
             on breaks, except `FromCode` enums without `other` where codes were added."
        }
        Some(Level::Major) => {
            "Semver: **major**. Some changes break consumers: read the breaking changes \
             before upgrading."
        }
    };
    s.push_str(summary);
    s.push('\n');
    for section in Section::ALL {
        let items: Vec<&Change> = d
            .changes
            .iter()
            .filter(|c| Section::of(c) == section)
            .collect();
        if items.is_empty() {
            continue;
        }
        let _ = write!(s, "\n## {}\n\n", section.heading());
        for c in items {
            s.push_str(&item(c, old, new));
        }
    }
    s
}

/// A version in a code span (catalog versions are free text).
fn version(v: &str) -> String {
    code(v)
}

/// One change as a list item: who, what, why, and what to do.
fn item(c: &Change, old: &Catalog, new: &Catalog) -> String {
    let who = match &c.code {
        Some(code) => {
            // A removed code has its entry, and its page, in the old
            // catalog only.
            let entry = new.entry(code).or_else(|| old.entry(code));
            code_label(code, entry)
        }
        None => "The catalog".to_string(),
    };
    let what = what(c);
    let mut reason = md_text(&c.reason, true);
    if let Some(note) = &c.note {
        let _ = write!(reason, "; {}", md_text(note, true));
    }
    // A retirement's own note says why, or what to use instead.
    let note = match (c.field.as_deref(), &c.old, &c.new) {
        (Some("retired"), Value::Null, Value::String(n)) => {
            format!(" The catalog's note: {}", md_text(n, true))
        }
        _ => String::new(),
    };
    format!(
        "- {who}: {what} ({reason}).{note}\n  **What to do:** {}\n",
        action(c, new)
    )
}

/// `[435 InstagramRateLimit](url): Instagram Rate Limit`: the code and
/// its name, linked to the code's page where the catalog has pages, and
/// its title.
fn code_label(code: &Code, entry: Option<&ErrorEntry>) -> String {
    let Some(e) = entry else {
        return format!("**{}**", md_text(&code.to_string(), true));
    };
    let name = format!(
        "{} {}",
        md_text(&code.to_string(), true),
        md_text(&e.name, true)
    );
    let linked = match &e.docs_url {
        Some(url) => format!("**[{name}]({})**", link_dest(url)),
        None => format!("**{name}**"),
    };
    format!("{linked} ({})", md_text(&e.title, true))
}

/// What changed, in words: `` `http_status` changed from `429` to `400` ``.
fn what(c: &Change) -> String {
    let field = match (&c.field, c.kind) {
        (None, Kind::Added) => return "added".to_string(),
        (None, Kind::Removed) => {
            return match &c.new {
                Value::Null => "removed".to_string(),
                moved => format!("renumbered to {}", value(moved)),
            };
        }
        (None, _) => return "changed".to_string(),
        (Some(f), _) => code(f),
    };
    match (&c.old, &c.new) {
        (Value::Null, _) if c.field.as_deref() == Some("retired") => "retired".to_string(),
        (_, Value::Null) if c.field.as_deref() == Some("retired") => {
            "no longer retired".to_string()
        }
        (Value::Null, n) if n.is_object() => format!("{field} added"),
        (o, Value::Null) if o.is_object() => format!("{field} removed"),
        (Value::Null, n) => format!("{field} now stated: {}", value(n)),
        (o, Value::Null) => format!("{field} no longer stated (was {})", value(o)),
        (o, n) => match (crate::diff::short(o), crate::diff::short(n)) {
            (Some(o), Some(n)) => format!("{field} changed from {} to {}", code(&o), code(&n)),
            _ => format!("{field} changed"),
        },
    }
}

/// A value as a code span when it is short, else `a longer value`.
fn value(v: &Value) -> String {
    match crate::diff::short(v) {
        Some(s) => code(&s),
        None => "a longer value".to_string(),
    }
}

/// What a consumer of the generated packages must do about a change.
fn action(c: &Change, new: &Catalog) -> String {
    let field = c.field.as_deref().unwrap_or("");
    let (head, key) = field.split_once('.').unwrap_or((field, ""));
    let stated_before = !c.old.is_null();
    let stated_now = !c.new.is_null();
    if c.kind == Kind::Added {
        return "handle the new code where your program branches on codes; a \
                `#[derive(FromCode)]` enum without an `other` variant must map it before it \
                compiles again."
            .to_string();
    }
    if c.kind == Kind::Removed {
        return match &c.new {
            Value::Null => "stop matching on this code: the catalog no longer has it.".to_string(),
            moved => format!(
                "match code {} where your program matched this number.",
                value(moved)
            ),
        };
    }
    if c.kind == Kind::Catalog {
        return catalog_action(c, head, key);
    }
    // A fact the entry stops or starts stating, whatever the fact.
    let fact = matches!(
        head,
        "group"
            | "http_status"
            | "action"
            | "platforms"
            | "severity"
            | "appears_in"
            | "retry"
            | "relink"
            | "remedy"
    );
    if fact && key.is_empty() && stated_before && !stated_now {
        return "stop relying on this fact for the code: the catalog no longer states it."
            .to_string();
    }
    if fact && key.is_empty() && !stated_before && stated_now {
        return "nothing, unless you want to use the newly stated fact.".to_string();
    }
    let text_note = c.note.as_deref() == Some(TEXT_NOTE);
    // The codes that now supersede this one, as links.
    let successors = || {
        c.code
            .as_ref()
            .and_then(|code| new.entry(code))
            .map(|e| codes(&e.superseded_by, new))
            .unwrap_or_default()
    };
    match head {
        "name" => format!(
            "rename uses of the generated variant {} to {}.",
            value(&c.old),
            value(&c.new)
        ),
        "group" => "check group selectors and code that sorts codes by group.".to_string(),
        "http_status" => "update code that branches on the HTTP status of this code.".to_string(),
        "action" => {
            "if your program matches on the `action` text, update the text it matches.".to_string()
        }
        "platforms" => {
            "check platform filters and `FromCode` `platform` selectors that cover this code."
                .to_string()
        }
        "severity" => "check code that treats this code as an error or as a warning.".to_string(),
        "appears_in" => {
            "check where your program looks for this code in a response body.".to_string()
        }
        "retry" => "update how your program retries after this code.".to_string(),
        "relink" => "update when your program asks the user to relink the account after this code."
            .to_string(),
        "remedy" => "update the remedy your program applies to this code.".to_string(),
        "messages" => {
            "if your program matches on the message text, update the texts it matches.".to_string()
        }
        "superseded_by" => {
            let successors = successors();
            if successors.is_empty() {
                "nothing: the code is no longer said to be superseded.".to_string()
            } else {
                format!("move to {successors} where you can.")
            }
        }
        "replaces" => "check code that maps the replaced codes onto this one.".to_string(),
        "retired" if !stated_before => {
            let successors = successors();
            if successors.is_empty() {
                "expect the API to stop sending this code; keep handling it for older responses."
                    .to_string()
            } else {
                format!("expect the API to stop sending this code; handle {successors} instead.")
            }
        }
        "retired" if !stated_now => "handle the code again: the API sends it again.".to_string(),
        "fields" | "headers" if !stated_now => format!(
            "stop reading {} for this code: it is no longer documented.",
            code(key)
        ),
        "subcodes" | "cases" if c.level == Level::Major => format!(
            "update how your program classifies {} {}: its override changed.",
            if head == "subcodes" {
                "sub-code"
            } else {
                "case"
            },
            code(key)
        ),
        _ if text_note => {
            "if your program matches on the message text, update the texts it matches.".to_string()
        }
        _ => "nothing: documentation only.".to_string(),
    }
}

fn catalog_action(c: &Change, head: &str, key: &str) -> String {
    let removed = c.new.is_null() && !c.old.is_null();
    let added = c.old.is_null() && !c.new.is_null();
    let sub = key.split_once('.').map(|(_, s)| s);
    match (head, sub) {
        ("name", _) => {
            "regenerate the packages: the names errcat derives from the catalog's name change."
                .to_string()
        }
        ("rust_crate" | "npm_package" | "python_package", _) => {
            format!("depend on {} instead of {}.", value(&c.new), value(&c.old))
        }
        ("code_kind", _) => {
            "update every use of codes: they change between numbers and strings.".to_string()
        }
        ("envelope", _) => {
            "update code that reads response bodies: error objects sit elsewhere.".to_string()
        }
        ("facts", _) => match (c.old.as_str(), c.new.as_str()) {
            (Some("never"), _) => {
                "nothing: the generated info gains a field for this fact.".to_string()
            }
            (_, Some("never")) => {
                "stop reading the generated field for this fact: it goes away.".to_string()
            }
            (_, Some("sometimes")) => {
                "handle the generated field being absent: it becomes optional.".to_string()
            }
            _ => "read the generated field as always there: it is no longer optional.".to_string(),
        },
        ("platforms", None) if removed => {
            "stop using the platform's generated variant: it goes away.".to_string()
        }
        ("platforms", None) if added => {
            "handle the new platform where your program matches on platforms exhaustively."
                .to_string()
        }
        ("platforms", Some("name")) => {
            "rename uses of the platform's generated variant.".to_string()
        }
        ("groups", None) if removed => {
            "stop using the group's generated variant and `FromCode` selector.".to_string()
        }
        ("http_statuses", None) if removed => {
            "stop relying on the status's entry in the status table.".to_string()
        }
        ("http_statuses", Some("success")) => {
            "update code that decides from this status whether a request succeeded.".to_string()
        }
        ("headers" | "fields", _) if removed => {
            "stop reading it: it is no longer documented.".to_string()
        }
        ("headers" | "fields", _) if c.level == Level::Major => {
            "update code that reads it: its type or direction changed.".to_string()
        }
        _ if added => "nothing: the catalog documents more.".to_string(),
        _ => "nothing: documentation only.".to_string(),
    }
}

/// Links to `codes`, by their pages where the catalog has them.
fn codes(list: &[Code], c: &Catalog) -> String {
    list.iter()
        .map(|n| match c.entry(n) {
            Some(e) => match &e.docs_url {
                Some(url) => format!(
                    "[{} {}]({})",
                    md_text(&n.to_string(), true),
                    md_text(&e.name, true),
                    link_dest(url)
                ),
                None => format!(
                    "{} {}",
                    md_text(&n.to_string(), true),
                    md_text(&e.name, true)
                ),
            },
            None => md_text(&n.to_string(), true),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A code span for a value or a name, with line breaks as spaces where
/// no code span can hold them.
fn code(s: &str) -> String {
    code_span(s)
        .or_else(|| code_span(&s.replace(['\n', '\r'], " ")))
        .unwrap_or_else(|| "(empty)".to_string())
}

/// A link destination: the characters that could end it, or that MDX or a
/// table would read, percent-encoded; `&` escaped so no entity is read.
fn link_dest(url: &str) -> String {
    let mut d = String::with_capacity(url.len());
    for ch in url.chars() {
        match ch {
            '(' | ')' | '<' | '>' | '{' | '}' | '|' | '\\' | '`' | '"' | ' ' | '[' | ']' => {
                let mut buf = [0u8; 4];
                for b in ch.encode_utf8(&mut buf).bytes() {
                    let _ = write!(d, "%{b:02X}");
                }
            }
            '&' => d.push_str("\\&"),
            c if c.is_control() || c.is_whitespace() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(d, "%{b:02X}");
                }
            }
            c => d.push(c),
        }
    }
    d
}
