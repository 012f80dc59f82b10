//! `errcat diff`: how a catalog changed between two versions, and what that
//! means for the semver of the generated packages.
//!
//! [`diff`] compares two validated catalogs field by field and classifies
//! every change as [`Level::Major`] (breaking), [`Level::Minor`] or
//! [`Level::Patch`], with a reason. It also checks the two rules of catalog
//! evolution that a single catalog cannot check on its own: a published code
//! is never deleted (it stays as a `retired` tombstone), and a retired code's
//! number is never reused for a different meaning. Breaking those is an
//! [`EvolutionError`].
//!
//! The rules, in short (docs/cli.md has the full table):
//!
//! - major: a code removed or renumbered; renamed (the generated enum variant
//!   changes); its HTTP status, retry policy, relink policy, remedy,
//!   severity or platforms changed; a sub-code or case override of relink,
//!   retry or remedy changed; a platform removed or renamed; a response
//!   field or header no longer documented.
//! - minor: a code added (also flagged as breaking for `FromCode` enums
//!   without an `other` variant); a code retired or un-retired; a platform,
//!   HTTP status, response field or header added; `appears_in`,
//!   `superseded_by` or `replaces` changed.
//! - patch: documentation (title, description, advice, history, examples,
//!   related codes) and message texts (flagged: clients that match on
//!   message text may break).

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Value, json};

use crate::export::{case, subcode};
use crate::ir::{
    Case, Catalog, ErrorEntry, ErrorField, ErrorHeader, Example, Field, Header, Subcode,
};

/// How a change affects the semver of the generated packages. Ordered from
/// the least to the most severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Patch,
    Minor,
    Major,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        }
    }
}

/// What kind of thing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A code that only the new catalog has.
    Added,
    /// A code that only the old catalog has.
    Removed,
    /// A field of a code both catalogs have.
    Changed,
    /// Something outside the codes: the manifest, platforms, HTTP statuses,
    /// catalog-wide headers, fields and examples.
    Catalog,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Added => "added",
            Kind::Removed => "removed",
            Kind::Changed => "changed",
            Kind::Catalog => "catalog",
        }
    }
}

/// Note on changes that break clients matching on text.
pub const TEXT_NOTE: &str = "clients that match on message text may break";
/// Note on added codes.
pub const FROM_CODE_NOTE: &str = "breaking for `FromCode` enums without `other`";

/// One change between the two catalogs.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The code, or `None` for a catalog-level change.
    pub code: Option<u32>,
    /// The code's name (the new one where both catalogs have the code).
    pub name: Option<String>,
    pub kind: Kind,
    /// What changed: an entry field such as `http_status`, or a keyed item
    /// such as `subcodes.190`, `cases.expired`, `platforms.web`. `None` for
    /// added and removed codes.
    pub field: Option<String>,
    /// The old value (`null` when absent), in the export's JSON terms.
    pub old: Value,
    pub new: Value,
    pub level: Level,
    pub reason: String,
    /// Set on added codes: a `#[derive(FromCode)]` enum without an `other`
    /// variant fails to compile until it maps the new code.
    pub breaks_from_code_without_other: bool,
    /// A caveat beyond the level, such as [`TEXT_NOTE`] or
    /// [`FROM_CODE_NOTE`].
    pub note: Option<String>,
}

/// A change that catalog evolution forbids, whatever its level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvolutionError {
    pub code: u32,
    pub name: String,
    pub message: String,
}

/// Every change from one catalog to another, in a fixed order: catalog-level
/// changes first, then by code; within one code in the order of the IR's
/// fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub errors: Vec<EvolutionError>,
}

impl Diff {
    /// The highest level of any change; `None` when nothing changed.
    pub fn level(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }

    /// `major`, `minor`, `patch` or `none`.
    pub fn level_str(&self) -> &'static str {
        self.level().map_or("none", Level::as_str)
    }

    /// The exit code of `errcat diff`: 1 on an evolution error, otherwise
    /// 0 for no change, 3 patch, 4 minor, 5 major.
    pub fn exit_code(&self) -> u8 {
        if !self.errors.is_empty() {
            return 1;
        }
        match self.level() {
            None => 0,
            Some(Level::Patch) => 3,
            Some(Level::Minor) => 4,
            Some(Level::Major) => 5,
        }
    }

    /// The JSON report of `errcat diff --format json`.
    pub fn to_json(&self) -> Value {
        json!({
            "level": self.level_str(),
            "changes": self.changes.iter().map(|c| json!({
                "code": c.code,
                "name": c.name,
                "kind": c.kind.as_str(),
                "field": c.field,
                "old": c.old,
                "new": c.new,
                "level": c.level.as_str(),
                "reason": c.reason,
                "breaks_from_code_without_other": c.breaks_from_code_without_other,
                "note": c.note,
            })).collect::<Vec<_>>(),
            "errors": self.errors.iter().map(|e| json!({
                "code": e.code,
                "name": e.name,
                "message": e.message,
            })).collect::<Vec<_>>(),
        })
    }

    /// The text report: one line per change, most severe first, then the
    /// `semver:` summary line. Evolution errors are not part of it.
    pub fn render_text(&self) -> String {
        let mut sorted: Vec<&Change> = self.changes.iter().collect();
        // Stable: within a level, the fixed order of `changes` holds.
        sorted.sort_by_key(|c| Reverse(c.level));
        let mut s = String::new();
        if sorted.is_empty() {
            s.push_str("no changes\n");
        }
        for c in sorted {
            let _ = writeln!(s, "{}  {}", c.level.as_str(), line(c));
        }
        let _ = writeln!(s, "semver: {}", self.level_str());
        s
    }
}

/// One change as text, without its level.
fn line(c: &Change) -> String {
    let who = match (c.code, &c.name) {
        (Some(code), Some(name)) => format!("{code} {name}"),
        (Some(code), None) => code.to_string(),
        _ => "catalog".to_string(),
    };
    let what = match (c.kind, &c.field) {
        (Kind::Added, None) => "added".to_string(),
        (Kind::Removed, None) => "removed".to_string(),
        (_, Some(f)) => match (&c.old, &c.new) {
            (Value::Null, Value::Object(_)) => format!("{f} added"),
            (Value::Object(_), Value::Null) => format!("{f} removed"),
            (o, n) => match (short(o), short(n)) {
                (Some(o), Some(n)) => format!("{f} {o} -> {n}"),
                _ => format!("{f} changed"),
            },
        },
        (_, None) => "changed".to_string(),
    };
    match &c.note {
        Some(note) => format!("{who}: {what} ({}; {note})", c.reason),
        None => format!("{who}: {what} ({})", c.reason),
    }
}

/// A value short enough to show on the line, or `None` to just say
/// "changed".
fn short(v: &Value) -> Option<String> {
    let s = match v {
        Value::Null => "none".to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    (s.chars().count() <= 60 && !s.contains('\n')).then_some(s)
}

/// Compare two validated catalogs.
pub fn diff(old: &Catalog, new: &Catalog) -> Diff {
    let mut d = Differ::default();
    d.catalog(old, new);
    d.codes(old, new);
    d.errors
        .sort_by(|a, b| (a.code, &a.message).cmp(&(b.code, &b.message)));
    Diff {
        changes: d.changes,
        errors: d.errors,
    }
}

/// How one kind of change is classified.
#[derive(Debug, Clone)]
struct Rule {
    level: Level,
    reason: Cow<'static, str>,
    note: Option<&'static str>,
}

impl Rule {
    fn new(level: Level, reason: impl Into<Cow<'static, str>>) -> Rule {
        Rule {
            level,
            reason: reason.into(),
            note: None,
        }
    }

    fn note(self, note: &'static str) -> Rule {
        self.with_note(Some(note))
    }

    fn with_note(self, note: Option<&'static str>) -> Rule {
        Rule { note, ..self }
    }
}

const fn major(reason: &'static str) -> Rule {
    Rule {
        level: Level::Major,
        reason: Cow::Borrowed(reason),
        note: None,
    }
}

const fn minor(reason: &'static str) -> Rule {
    Rule {
        level: Level::Minor,
        reason: Cow::Borrowed(reason),
        note: None,
    }
}

const fn patch(reason: &'static str) -> Rule {
    Rule {
        level: Level::Patch,
        reason: Cow::Borrowed(reason),
        note: None,
    }
}

/// Documentation only.
const DOC: Rule = patch("documentation");

#[derive(Default)]
struct Differ {
    changes: Vec<Change>,
    errors: Vec<EvolutionError>,
}

/// Where a change is recorded: the catalog, or one code.
#[derive(Clone, Copy)]
struct At<'a> {
    code: Option<u32>,
    name: Option<&'a str>,
    kind: Kind,
}

impl Differ {
    fn push(&mut self, at: At<'_>, field: &str, old: Value, new: Value, rule: Rule) {
        self.changes.push(Change {
            code: at.code,
            name: at.name.map(str::to_string),
            kind: at.kind,
            field: Some(field.to_string()),
            old,
            new,
            level: rule.level,
            reason: rule.reason.into_owned(),
            breaks_from_code_without_other: false,
            note: rule.note.map(str::to_string),
        });
    }

    /// Push a change to `field` when the two values differ.
    fn cmp<T: PartialEq>(
        &mut self,
        at: At<'_>,
        field: &str,
        (old, new): (&T, &T),
        to_json: impl Fn(&T) -> Value,
        rule: Rule,
    ) {
        if old != new {
            let (o, n) = (to_json(old), to_json(new));
            self.push(at, field, o, n, rule);
        }
    }

    /// Like `cmp`, for lists whose order means nothing: a change of order
    /// alone is patch.
    fn cmp_set<T: Ord + Clone>(
        &mut self,
        at: At<'_>,
        field: &str,
        (old, new): (&[T], &[T]),
        to_json: impl Fn(&[T]) -> Value,
        rule: Rule,
    ) {
        if old == new {
            return;
        }
        let sorted = |v: &[T]| {
            let mut v = v.to_vec();
            v.sort();
            v
        };
        let rule = if sorted(old) == sorted(new) {
            patch("order only")
        } else {
            rule
        };
        self.push(at, field, to_json(old), to_json(new), rule);
    }

    fn catalog(&mut self, old: &Catalog, new: &Catalog) {
        let at = At {
            code: None,
            name: None,
            kind: Kind::Catalog,
        };
        let (o, n) = (&old.meta, &new.meta);
        let s = |s: &String| json!(s);
        let os = |s: &Option<String>| json!(s);
        self.cmp(
            at,
            "version",
            (&o.version, &n.version),
            s,
            patch("catalog version"),
        );
        self.cmp(
            at,
            "name",
            (&o.name, &n.name),
            s,
            major("the catalog's name is part of the generated code"),
        );
        self.cmp(at, "title", (&o.title, &n.title), s, DOC);
        self.cmp(at, "description", (&o.description, &n.description), os, DOC);
        self.cmp(
            at,
            "docs_url",
            (&o.docs_url, &n.docs_url),
            s,
            patch("documentation links"),
        );
        self.cmp(
            at,
            "source_url",
            (&o.source_url, &n.source_url),
            os,
            patch("documentation links"),
        );
        self.cmp(
            at,
            "rust_crate",
            (&o.rust_crate, &n.rust_crate),
            s,
            major("the Rust crate is renamed"),
        );
        self.cmp(
            at,
            "npm_package",
            (&o.npm_package, &n.npm_package),
            s,
            major("the npm package is renamed"),
        );

        // Platforms, by id.
        let op: BTreeMap<&str, _> = old.platforms.iter().map(|p| (p.id.as_str(), p)).collect();
        let np: BTreeMap<&str, _> = new.platforms.iter().map(|p| (p.id.as_str(), p)).collect();
        let pj = |p: &crate::ir::Platform| json!({"id": p.id, "name": p.name, "title": p.title});
        for id in keys(&op, &np) {
            let field = format!("platforms.{id}");
            match (op.get(id), np.get(id)) {
                (Some(o), None) => self.push(
                    at,
                    &field,
                    pj(o),
                    Value::Null,
                    major("platform removed: its generated variant goes away"),
                ),
                (None, Some(n)) => {
                    self.push(at, &field, Value::Null, pj(n), minor("platform added"))
                }
                (Some(o), Some(n)) => {
                    self.cmp(
                        at,
                        &format!("{field}.name"),
                        (&o.name, &n.name),
                        s,
                        major("platform renamed: its generated variant is renamed"),
                    );
                    self.cmp(at, &format!("{field}.title"), (&o.title, &n.title), s, DOC);
                }
                (None, None) => {}
            }
        }

        // HTTP statuses, by code.
        let oh: BTreeMap<u16, _> = old.http_statuses.iter().map(|h| (h.code, h)).collect();
        let nh: BTreeMap<u16, _> = new.http_statuses.iter().map(|h| (h.code, h)).collect();
        let hj = |h: &crate::ir::HttpStatus| json!({"code": h.code, "meaning": h.meaning, "success": h.success});
        for code in keys(&oh, &nh) {
            let field = format!("http_statuses.{code}");
            match (oh.get(&code), nh.get(&code)) {
                (Some(o), None) => self.push(
                    at,
                    &field,
                    hj(o),
                    Value::Null,
                    major("HTTP status removed from the status table"),
                ),
                (None, Some(n)) => {
                    self.push(at, &field, Value::Null, hj(n), minor("HTTP status added"))
                }
                (Some(o), Some(n)) => {
                    self.cmp(
                        at,
                        &format!("{field}.success"),
                        (&o.success, &n.success),
                        |b| json!(b),
                        major("consumers branch on whether a status is a success"),
                    );
                    self.cmp(
                        at,
                        &format!("{field}.meaning"),
                        (&o.meaning, &n.meaning),
                        s,
                        DOC,
                    );
                }
                (None, None) => {}
            }
        }

        self.headers(at, "headers", &old.headers, &new.headers);
        self.fields(at, "fields", &old.fields, &new.fields);
        self.cmp(
            at,
            "examples",
            (&old.examples, &new.examples),
            |x| examples(x),
            DOC,
        );
    }

    fn headers(&mut self, at: At<'_>, prefix: &str, old: &[Header], new: &[Header]) {
        let hj = |h: &Header| json!({"name": h.name, "direction": h.direction.as_str(), "description": h.description, "examples": h.examples});
        self.keyed(
            at,
            prefix,
            old,
            new,
            |h| h.name.clone(),
            hj,
            |o, n| {
                if o.direction != n.direction {
                    major("header direction changed")
                } else {
                    DOC
                }
            },
        );
    }

    fn fields(&mut self, at: At<'_>, prefix: &str, old: &[Field], new: &[Field]) {
        let fj = |f: &Field| json!({"name": f.name, "type": f.ty, "description": f.description});
        self.keyed(
            at,
            prefix,
            old,
            new,
            |f| f.name.clone(),
            fj,
            |o, n| {
                if o.ty != n.ty {
                    major("response field type changed")
                } else {
                    DOC
                }
            },
        );
    }

    /// Compare two lists of named items: added minor, removed major (a
    /// consumer may read what is no longer documented), changed as `rule`
    /// says.
    #[allow(clippy::too_many_arguments)]
    fn keyed<T: PartialEq>(
        &mut self,
        at: At<'_>,
        prefix: &str,
        old: &[T],
        new: &[T],
        key: impl Fn(&T) -> String,
        to_json: impl Fn(&T) -> Value,
        rule: impl Fn(&T, &T) -> Rule,
    ) {
        let o: BTreeMap<String, &T> = old.iter().map(|x| (key(x), x)).collect();
        let n: BTreeMap<String, &T> = new.iter().map(|x| (key(x), x)).collect();
        for k in keys(&o, &n) {
            let field = format!("{prefix}.{k}");
            match (o.get(&k), n.get(&k)) {
                (Some(a), None) => self.push(
                    at,
                    &field,
                    to_json(a),
                    Value::Null,
                    major("no longer documented: consumers may read it"),
                ),
                (None, Some(b)) => self.push(
                    at,
                    &field,
                    Value::Null,
                    to_json(b),
                    minor("newly documented"),
                ),
                (Some(a), Some(b)) if a != b => {
                    self.push(at, &field, to_json(a), to_json(b), rule(a, b));
                }
                _ => {}
            }
        }
    }

    fn codes(&mut self, old: &Catalog, new: &Catalog) {
        let o: BTreeMap<u32, &ErrorEntry> = old.errors.iter().map(|e| (e.code, e)).collect();
        let n: BTreeMap<u32, &ErrorEntry> = new.errors.iter().map(|e| (e.code, e)).collect();
        let new_by_name: BTreeMap<&str, u32> = new
            .errors
            .iter()
            .map(|e| (e.name.as_str(), e.code))
            .collect();
        let old_by_name: BTreeMap<&str, u32> = old
            .errors
            .iter()
            .map(|e| (e.name.as_str(), e.code))
            .collect();
        for code in keys(&o, &n) {
            match (o.get(&code), n.get(&code)) {
                (Some(e), None) => {
                    let moved = new_by_name.get(e.name.as_str()).copied();
                    let reason = match moved {
                        Some(to) => format!(
                            "renumbered to {to}: consumers that use code {code} no longer match"
                        ),
                        None => "consumers that name the code or its variant break".to_string(),
                    };
                    self.changes.push(Change {
                        code: Some(code),
                        name: Some(e.name.clone()),
                        kind: Kind::Removed,
                        field: None,
                        old: json!(e.name),
                        new: moved.map_or(Value::Null, |to| json!(to)),
                        level: Level::Major,
                        reason,
                        breaks_from_code_without_other: false,
                        note: None,
                    });
                    self.errors.push(EvolutionError {
                        code,
                        name: e.name.clone(),
                        message: format!(
                            "code {code} ({}) was removed: removed codes must stay as tombstones (`retired = ...`)",
                            e.name
                        ),
                    });
                }
                (None, Some(e)) => {
                    let reason = match old_by_name.get(e.name.as_str()) {
                        Some(from) => format!("new code (the name was code {from})"),
                        None => "new code".to_string(),
                    };
                    self.changes.push(Change {
                        code: Some(code),
                        name: Some(e.name.clone()),
                        kind: Kind::Added,
                        field: None,
                        old: Value::Null,
                        new: json!(e.name),
                        level: Level::Minor,
                        reason,
                        breaks_from_code_without_other: true,
                        note: Some(FROM_CODE_NOTE.to_string()),
                    });
                }
                (Some(a), Some(b)) => self.entry(a, b),
                (None, None) => {}
            }
        }
    }

    fn entry(&mut self, o: &ErrorEntry, n: &ErrorEntry) {
        let at = At {
            code: Some(n.code),
            name: Some(&n.name),
            kind: Kind::Changed,
        };
        let s = |s: &String| json!(s);
        let os = |s: &Option<String>| json!(s);
        let list = |v: &Vec<String>| json!(v);

        if o.name != n.name {
            self.push(
                at,
                "name",
                json!(o.name),
                json!(n.name),
                Rule::new(
                    Level::Major,
                    format!(
                        "renamed: the generated variant `{}` becomes `{}`",
                        o.name, n.name
                    ),
                ),
            );
            if o.retired.is_some() {
                self.errors.push(EvolutionError {
                    code: n.code,
                    name: n.name.clone(),
                    message: format!(
                        "code {} was retired and may not be reused for a different meaning (was `{}`, now `{}`)",
                        n.code, o.name, n.name
                    ),
                });
            }
        }
        self.cmp(at, "title", (&o.title, &n.title), s, DOC);
        self.cmp(
            at,
            "http_status",
            (&o.http_status, &n.http_status),
            |h| json!(h),
            major("consumers branch on the HTTP status"),
        );
        self.cmp(
            at,
            "action",
            (&o.action, &n.action),
            os,
            patch("`action` text changed")
                .note("clients that match on the `action` text may break"),
        );
        self.cmp_set(
            at,
            "platforms",
            (&o.platforms, &n.platforms),
            |v| json!(v),
            major("platform filters and `FromCode` `platform` selectors match differently"),
        );
        self.cmp(
            at,
            "severity",
            (&o.severity, &n.severity),
            |v| json!(v.as_str()),
            major("consumers and `FromCode` `severity` selectors branch on it"),
        );
        self.cmp_set(
            at,
            "appears_in",
            (&o.appears_in, &n.appears_in),
            |v| json!(v.iter().map(|a| a.as_str()).collect::<Vec<_>>()),
            minor("where the code appears in a response changed"),
        );
        if o.retry != n.retry {
            let why = if o.retry.kind() == n.retry.kind() {
                "retry parameters changed: consumers schedule retries by them"
            } else {
                "retry policy changed: consumers branch on it"
            };
            self.push(
                at,
                "retry",
                crate::export::retry(&o.retry),
                crate::export::retry(&n.retry),
                major(why),
            );
        }
        self.cmp(
            at,
            "relink",
            (&o.relink, &n.relink),
            |v| json!(v.as_str()),
            major("relink policy changed: consumers branch on it"),
        );
        self.cmp(
            at,
            "remedy",
            (&o.remedy, &n.remedy),
            |v| json!(v.as_str()),
            major("classification output changes"),
        );
        self.cmp(
            at,
            "messages",
            (&o.messages, &n.messages),
            list,
            patch("message text changed").note(TEXT_NOTE),
        );
        self.cmp(at, "description", (&o.description, &n.description), s, DOC);
        self.cmp(at, "advice", (&o.advice, &n.advice), s, DOC);
        self.cmp_set(
            at,
            "superseded_by",
            (&o.superseded_by, &n.superseded_by),
            |v| json!(v),
            minor("deprecation: the codes that replace this one changed"),
        );
        self.cmp_set(
            at,
            "replaces",
            (&o.replaces, &n.replaces),
            |v| json!(v),
            minor("the codes this one replaces changed"),
        );
        self.cmp_set(at, "related", (&o.related, &n.related), |v| json!(v), DOC);
        match (&o.retired, &n.retired) {
            (None, Some(_)) => self.push(
                at,
                "retired",
                os(&o.retired),
                os(&n.retired),
                minor("retired: the code stays as a tombstone"),
            ),
            (Some(_), None) => self.push(
                at,
                "retired",
                os(&o.retired),
                os(&n.retired),
                minor("no longer retired: the API sends the code again"),
            ),
            (Some(a), Some(b)) if a != b => {
                self.push(at, "retired", json!(a), json!(b), patch("documentation"))
            }
            _ => {}
        }
        self.error_fields(at, &o.fields, &n.fields);
        self.error_headers(at, &o.headers, &n.headers);
        self.subcodes(at, &o.subcodes, &n.subcodes);
        self.cases(at, &o.cases, &n.cases);
        self.cmp(
            at,
            "history",
            (&o.history, &n.history),
            |v| {
                json!(
                    v.iter()
                        .map(|h| json!({"date": h.date, "note": h.note}))
                        .collect::<Vec<_>>()
                )
            },
            DOC,
        );
        self.cmp(
            at,
            "examples",
            (&o.examples, &n.examples),
            |x| examples(x),
            DOC,
        );
    }

    fn error_fields(&mut self, at: At<'_>, old: &[ErrorField], new: &[ErrorField]) {
        let fj = |f: &ErrorField| json!({"name": f.name, "description": f.description});
        self.keyed(at, "fields", old, new, |f| f.name.clone(), fj, |_, _| DOC);
    }

    fn error_headers(&mut self, at: At<'_>, old: &[ErrorHeader], new: &[ErrorHeader]) {
        let hj = |h: &ErrorHeader| json!({"name": h.name, "value": h.value, "description": h.description});
        self.keyed(at, "headers", old, new, |h| h.name.clone(), hj, |_, _| DOC);
    }

    /// Sub-codes by number: a change to what classification returns (the
    /// relink, retry and remedy overrides, a sub-code that carries one
    /// appearing or disappearing) is major, anything else patch.
    fn subcodes(&mut self, at: At<'_>, old: &[Subcode], new: &[Subcode]) {
        let o: BTreeMap<u64, &Subcode> = old.iter().map(|x| (x.code, x)).collect();
        let n: BTreeMap<u64, &Subcode> = new.iter().map(|x| (x.code, x)).collect();
        for k in keys(&o, &n) {
            let (a, b) = (o.get(&k).copied(), n.get(&k).copied());
            if a == b {
                continue;
            }
            let mut overrides = Vec::new();
            if a.and_then(|x| x.relink) != b.and_then(|x| x.relink) {
                overrides.push("relink");
            }
            if a.and_then(|x| x.retry_available) != b.and_then(|x| x.retry_available) {
                overrides.push("retry_available");
            }
            if a.and_then(|x| x.remedy) != b.and_then(|x| x.remedy) {
                overrides.push("remedy");
            }
            let texts =
                |x: Option<&Subcode>| x.map(|x| (x.message.clone(), x.upstream_message.clone()));
            let note = (a.is_some() && b.is_some() && texts(a) != texts(b)).then_some(TEXT_NOTE);
            let rule = if overrides.is_empty() {
                patch("sub-code documentation")
            } else {
                Rule::new(
                    Level::Major,
                    format!(
                        "sub-code override of {} changed: classification output changes",
                        overrides.join(", ")
                    ),
                )
            };
            self.push(
                at,
                &format!("subcodes.{k}"),
                a.map_or(Value::Null, subcode),
                b.map_or(Value::Null, subcode),
                rule.with_note(note),
            );
        }
    }

    /// Cases by id, like sub-codes: the relink and remedy overrides decide.
    fn cases(&mut self, at: At<'_>, old: &[Case], new: &[Case]) {
        let o: BTreeMap<&str, &Case> = old.iter().map(|x| (x.id.as_str(), x)).collect();
        let n: BTreeMap<&str, &Case> = new.iter().map(|x| (x.id.as_str(), x)).collect();
        for k in keys(&o, &n) {
            let (a, b) = (o.get(k).copied(), n.get(k).copied());
            if a == b {
                continue;
            }
            let mut overrides = Vec::new();
            if a.and_then(|x| x.relink) != b.and_then(|x| x.relink) {
                overrides.push("relink");
            }
            if a.and_then(|x| x.remedy) != b.and_then(|x| x.remedy) {
                overrides.push("remedy");
            }
            let note =
                (a.is_some() && b.is_some() && a.map(|x| &x.message) != b.map(|x| &x.message))
                    .then_some(TEXT_NOTE);
            let rule = if overrides.is_empty() {
                patch("case documentation")
            } else {
                Rule::new(
                    Level::Major,
                    format!(
                        "case override of {} changed: classification output changes",
                        overrides.join(", ")
                    ),
                )
            };
            self.push(
                at,
                &format!("cases.{k}"),
                a.map_or(Value::Null, case),
                b.map_or(Value::Null, case),
                rule.with_note(note),
            );
        }
    }
}

/// The keys of two maps, each once, in order.
fn keys<K: Ord + Clone, A, B>(a: &BTreeMap<K, A>, b: &BTreeMap<K, B>) -> Vec<K> {
    let set: BTreeSet<K> = a.keys().chain(b.keys()).cloned().collect();
    set.into_iter().collect()
}

fn examples(xs: &[Example]) -> Value {
    json!(
        xs.iter()
            .map(|x| json!({
                "title": x.title,
                "http": x.http,
                "subcode": x.subcode,
                "case": x.case,
                "body": x.json,
            }))
            .collect::<Vec<_>>()
    )
}

// ---------------------------------------------------------------------------
// The command.

/// Output format of `errcat diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Arguments of `errcat diff`.
#[derive(Debug, clap::Args)]
#[command(
    group(clap::ArgGroup::new("input").required(true).args(["old", "from_rev"])),
    after_help = "Exit codes: 0 no change, 3 patch, 4 minor, 5 major (the highest level of any change); \
1 a catalog cannot be loaded, a git revision cannot be read, or a change breaks catalog evolution \
(a code removed instead of retired, a retired code reused); 2 usage."
)]
pub struct DiffArgs {
    /// The old catalog: a directory or a single file.
    #[arg(value_name = "OLD", requires = "new")]
    pub old: Option<PathBuf>,
    /// The new catalog: a directory or a single file.
    #[arg(value_name = "NEW")]
    pub new: Option<PathBuf>,
    /// Read the old catalog from this git revision (the catalog's path in the
    /// repository is that of `--catalog`)
    #[arg(long, value_name = "REV", conflicts_with_all = ["old", "new"])]
    pub from_rev: Option<String>,
    /// Read the new catalog from this git revision [default: the working
    /// tree]
    #[arg(long, value_name = "REV", requires = "from_rev")]
    pub to_rev: Option<String>,
    /// With `--from-rev`: the catalog directory or file [default: `catalog/`
    /// of the current directory or the nearest parent that has one]
    #[arg(long, value_name = "PATH", requires = "from_rev")]
    pub catalog: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Where one side of the comparison comes from.
enum Side {
    Path(PathBuf),
    Rev { rev: String, path: PathBuf },
}

impl Side {
    fn label(&self) -> String {
        match self {
            Side::Path(p) => format!("`{}`", p.display()),
            Side::Rev { rev, path } => format!("`{}` at `{rev}`", path.display()),
        }
    }

    fn load(&self, which: &str) -> Result<Catalog, ExitCode> {
        let compiled = match self {
            Side::Path(p) => crate::compile(p),
            Side::Rev { rev, path } => match catalog_at_rev(path, rev) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: cannot read the {which} catalog: {e}");
                    return Err(ExitCode::from(1));
                }
            },
        };
        compiled.map_err(|f| {
            eprintln!(
                "error: the {which} catalog {} does not compile:",
                self.label()
            );
            crate::cli::report(&f)
        })
    }
}

/// Run `errcat diff`.
pub fn run(args: &DiffArgs) -> ExitCode {
    let (old, new) = match (&args.old, &args.new, &args.from_rev) {
        (Some(o), Some(n), _) => (Side::Path(o.clone()), Side::Path(n.clone())),
        (_, _, Some(from)) => {
            let path = args
                .catalog
                .clone()
                .unwrap_or_else(crate::cli::default_catalog);
            let new = match &args.to_rev {
                Some(to) => Side::Rev {
                    rev: to.clone(),
                    path: path.clone(),
                },
                None => Side::Path(path.clone()),
            };
            (
                Side::Rev {
                    rev: from.clone(),
                    path,
                },
                new,
            )
        }
        _ => {
            // clap's argument groups rule this out; stay a usage error anyway.
            eprintln!("error: give OLD and NEW, or `--from-rev REV`");
            return ExitCode::from(2);
        }
    };
    let old_c = match old.load("old") {
        Ok(c) => c,
        Err(code) => return code,
    };
    let new_c = match new.load("new") {
        Ok(c) => c,
        Err(code) => return code,
    };
    let d = diff(&old_c, &new_c);
    let text = match args.format {
        Format::Text => d.render_text(),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&d.to_json()).unwrap_or_default();
            s.push('\n');
            s
        }
    };
    if let Err(code) = crate::cli::print_stdout(&text) {
        return code;
    }
    if args.format == Format::Text {
        for e in &d.errors {
            eprintln!("error: {}", e.message);
        }
    }
    ExitCode::from(d.exit_code())
}

// ---------------------------------------------------------------------------
// Catalogs at a git revision.

/// Compile the catalog at `path` (a directory or file inside a git working
/// tree) as it is at revision `rev`. The outer error is a git problem (not
/// a repository, unknown revision, no catalog at that revision); the inner
/// one the catalog's own diagnostics.
pub fn catalog_at_rev(path: &Path, rev: &str) -> Result<Result<Catalog, crate::Failure>, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("no current directory: {e}"))?;
    let abs = normalize(&cwd.join(path));
    // The nearest directory that exists in the working tree: git runs there.
    let anchor = abs
        .ancestors()
        .find(|p| p.is_dir())
        .ok_or_else(|| format!("`{}` is not inside a git repository", path.display()))?
        .to_path_buf();
    let top = git(&anchor, &["rev-parse", "--show-toplevel"])
        .map_err(|e| format!("`{}` is not inside a git repository ({e})", path.display()))?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']));
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let rest = abs.strip_prefix(&anchor).unwrap_or(Path::new(""));
    let rel = canon(&anchor)
        .strip_prefix(canon(&top))
        .map(|r| r.join(rest))
        .map_err(|_| {
            format!(
                "`{}` is outside the git repository at `{}`",
                path.display(),
                top.display()
            )
        })?;
    let rel: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let rel = rel.join("/");

    let spec = format!("{rev}^{{commit}}");
    let commit = git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    )
    .map_err(|_| format!("unknown git revision `{rev}`"))?;
    let commit = String::from_utf8_lossy(&commit).trim().to_string();

    let pathspec = if rel.is_empty() { "." } else { rel.as_str() };
    let listing = git(&top, &["ls-tree", "-r", "-z", &commit, "--", pathspec])
        .map_err(|e| format!("cannot list `{pathspec}` at `{rev}`: {e}"))?;
    // Records: "<mode> <type> <object>\t<path>", NUL-terminated.
    let mut blobs = Vec::new();
    for rec in listing.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let rec = String::from_utf8_lossy(rec);
        let Some((head, file)) = rec.split_once('\t') else {
            continue;
        };
        let mut parts = head.split(' ');
        let (_mode, kind, object) = (parts.next(), parts.next(), parts.next());
        if kind == Some("blob")
            && let Some(object) = object
        {
            blobs.push((file.to_string(), object.to_string()));
        }
    }
    if blobs.is_empty() {
        return Err(format!("`{pathspec}` does not exist at `{rev}`"));
    }
    let base = rel
        .rsplit('/')
        .next()
        .filter(|b| !b.is_empty())
        .unwrap_or("catalog");
    let single = blobs.iter().any(|(f, _)| *f == rel);
    let prefix = if rel.is_empty() {
        String::new()
    } else {
        format!("{rel}/")
    };
    let wanted: Vec<(String, String)> = blobs
        .into_iter()
        .filter_map(|(f, o)| {
            if single {
                return (f == rel).then(|| (base.to_string(), o));
            }
            let name = f.strip_prefix(&prefix)?;
            (!name.contains('/') && name.ends_with(".toml")).then(|| (name.to_string(), o))
        })
        .collect();

    let tmp = TempDir::new()?;
    let target = if single {
        tmp.path.clone()
    } else {
        let d = tmp.path.join(base);
        std::fs::create_dir(&d).map_err(|e| format!("cannot create `{}`: {e}", d.display()))?;
        d
    };
    for (name, object) in &wanted {
        let bytes = git(&top, &["cat-file", "blob", object])
            .map_err(|e| format!("cannot read `{name}` at `{rev}`: {e}"))?;
        let dest = target.join(name);
        std::fs::write(&dest, bytes)
            .map_err(|e| format!("cannot write `{}`: {e}", dest.display()))?;
    }
    let catalog_path = if single { tmp.path.join(base) } else { target };
    Ok(crate::compile(&catalog_path))
}

/// Run git in `dir`; its standard output, or a one-line reason.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        Err(match first.trim() {
            "" => format!("git {} failed", args.first().unwrap_or(&"")),
            line => line.to_string(),
        })
    }
}

/// `..` and `.` resolved without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A directory under the system temporary directory, removed on drop.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new() -> Result<TempDir, String> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let base = std::env::temp_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        for _ in 0..100 {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = base.join(format!("errcat-diff-{}-{nanos}-{n}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(TempDir { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(format!(
                        "cannot create a temporary directory under `{}`: {e}",
                        base.display()
                    ));
                }
            }
        }
        Err("cannot create a temporary directory".to_string())
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
