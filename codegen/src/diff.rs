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

use serde_json::{Value, json};

use crate::export::{case, subcode};
use crate::ir::{
    Case, Catalog, Code, ErrorEntry, ErrorField, ErrorHeader, Example, Facts, Field, Group, Header,
    Presence, Subcode,
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
    pub code: Option<Code>,
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
    pub code: Code,
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
    let who = match (&c.code, &c.name) {
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
pub(crate) fn short(v: &Value) -> Option<String> {
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
        .sort_by(|a, b| (&a.code, &a.message).cmp(&(&b.code, &b.message)));
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
    code: Option<&'a Code>,
    name: Option<&'a str>,
    kind: Kind,
}

impl Differ {
    fn push(&mut self, at: At<'_>, field: &str, old: Value, new: Value, rule: Rule) {
        self.changes.push(Change {
            code: at.code.cloned(),
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

    /// Like `cmp`, for a fact an entry may leave unstated. A fact that comes
    /// to be stated is minor (nothing a consumer relied on changes); one
    /// that is no longer stated is major (consumers that branched on it
    /// lose it); a change of a stated value follows `rule`, unless `rule`
    /// is documentation, which stands for "compared elsewhere".
    fn fact<T: PartialEq>(
        &mut self,
        at: At<'_>,
        field: &str,
        (old, new): (&Option<T>, &Option<T>),
        to_json: impl Fn(&T) -> Value,
        rule: Rule,
    ) {
        let json = |v: &Option<T>| v.as_ref().map_or(Value::Null, &to_json);
        match (old, new) {
            (Some(a), Some(b)) if a != b => self.push(at, field, to_json(a), to_json(b), rule),
            (None, Some(_)) => self.push(
                at,
                field,
                Value::Null,
                json(new),
                minor("now stated: consumers learn a fact they had no value for"),
            ),
            (Some(_), None) => self.push(
                at,
                field,
                json(old),
                Value::Null,
                major("no longer stated: consumers that branched on it lose it"),
            ),
            _ => {}
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
            os,
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
        self.cmp(
            at,
            "python_package",
            (&o.python_package, &n.python_package),
            s,
            major("the Python package is renamed"),
        );
        self.cmp(
            at,
            "code_kind",
            (&old.code_kind, &new.code_kind),
            |k| json!(k.as_str()),
            major("every code changes type in the generated code"),
        );
        // What the envelope says, apart from whether it was written out: a
        // catalog may declare the envelope it had by default.
        let paths = |e: &crate::ir::Envelope| {
            let list =
                |p: &[crate::ir::Path]| p.iter().map(ToString::to_string).collect::<Vec<_>>();
            json!({
                "code_field": e.code_field,
                "errors": list(&e.errors),
                "warnings": list(&e.warnings),
                "nested": list(&e.nested),
                "platform": list(&e.platform),
                "marker": e.marker,
            })
        };
        self.cmp(
            at,
            "envelope",
            (&paths(&old.envelope), &paths(&new.envelope)),
            Value::clone,
            major("the shape of error responses changed: the response schema and readers of bodies change"),
        );
        match (old.envelope.declared, new.envelope.declared) {
            (false, true) => self.push(
                at,
                "envelope.declared",
                json!(false),
                json!(true),
                minor("envelope declared: the packages gain `CODE_FIELD` and `ENVELOPE_KEYS`"),
            ),
            (true, false) => self.push(
                at,
                "envelope.declared",
                json!(true),
                json!(false),
                major("envelope no longer declared: `CODE_FIELD` and `ENVELOPE_KEYS` go away"),
            ),
            _ => {}
        }
        self.facts(at, &old.facts, &new.facts);
        self.groups(at, &old.groups, &new.groups);

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

    /// How many entries state each optional fact decides the generated
    /// types: a fact every entry states is a plain field, one some state is
    /// optional, one none states is left out.
    fn facts(&mut self, at: At<'_>, old: &Facts, new: &Facts) {
        let pairs = [
            ("group", old.group, new.group),
            ("http_status", old.http_status, new.http_status),
            ("action", old.action, new.action),
            ("platforms", old.platforms, new.platforms),
            ("severity", old.severity, new.severity),
            ("appears_in", old.appears_in, new.appears_in),
            ("retry", old.retry, new.retry),
            ("relink", old.relink, new.relink),
            ("remedy", old.remedy, new.remedy),
            ("description", old.description, new.description),
            ("advice", old.advice, new.advice),
            ("messages", old.messages, new.messages),
            ("subcodes", old.subcodes, new.subcodes),
            ("cases", old.cases, new.cases),
        ];
        let word = |p: Presence| match p {
            Presence::Never => "never",
            Presence::Sometimes => "sometimes",
            Presence::Always => "always",
        };
        // Lists are a plain field as soon as one entry has items: only
        // whether any entry does changes a type.
        let lists = ["messages", "subcodes", "cases"];
        for (name, o, n) in pairs {
            if o == n || (lists.contains(&name) && o.used() == n.used()) {
                continue;
            }
            let rule = match (o, n) {
                (Presence::Never, _) => {
                    minor("a fact the catalog now uses: the generated types gain a field")
                }
                (_, Presence::Never) => {
                    major("a fact the catalog no longer uses: the generated field goes away")
                }
                (Presence::Always, Presence::Sometimes) => major(
                    "a fact some entries no longer state: the generated field becomes optional",
                ),
                _ => major(
                    "a fact every entry now states: the generated field is no longer optional",
                ),
            };
            self.push(
                at,
                &format!("facts.{name}"),
                json!(word(o)),
                json!(word(n)),
                rule,
            );
        }
    }

    fn groups(&mut self, at: At<'_>, old: &[Group], new: &[Group]) {
        let gj = |g: &Group| json!({"id": g.id, "title": g.title, "description": g.description});
        let o: BTreeMap<&str, &Group> = old.iter().map(|g| (g.id.as_str(), g)).collect();
        let n: BTreeMap<&str, &Group> = new.iter().map(|g| (g.id.as_str(), g)).collect();
        for id in keys(&o, &n) {
            let field = format!("groups.{id}");
            match (o.get(id), n.get(id)) {
                (Some(a), None) => self.push(
                    at,
                    &field,
                    gj(a),
                    Value::Null,
                    major("group removed: its generated variant and `FromCode` selector go away"),
                ),
                (None, Some(b)) => self.push(at, &field, Value::Null, gj(b), minor("group added")),
                (Some(a), Some(b)) if (&a.title, &a.description) != (&b.title, &b.description) => {
                    self.push(at, &field, gj(a), gj(b), DOC)
                }
                _ => {}
            }
        }
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
        let o: BTreeMap<&Code, &ErrorEntry> = old.errors.iter().map(|e| (&e.code, e)).collect();
        let n: BTreeMap<&Code, &ErrorEntry> = new.errors.iter().map(|e| (&e.code, e)).collect();
        let new_by_name: BTreeMap<&str, &Code> = new
            .errors
            .iter()
            .map(|e| (e.name.as_str(), &e.code))
            .collect();
        let old_by_name: BTreeMap<&str, &Code> = old
            .errors
            .iter()
            .map(|e| (e.name.as_str(), &e.code))
            .collect();
        for code in keys(&o, &n) {
            match (o.get(code), n.get(code)) {
                (Some(e), None) => {
                    let moved = new_by_name.get(e.name.as_str()).copied();
                    let reason = match moved {
                        Some(to) => format!(
                            "renumbered to {to}: consumers that use code {code} no longer match"
                        ),
                        None => "consumers that name the code or its variant break".to_string(),
                    };
                    self.changes.push(Change {
                        code: Some(code.clone()),
                        name: Some(e.name.clone()),
                        kind: Kind::Removed,
                        field: None,
                        old: json!(e.name),
                        new: moved.map_or(Value::Null, Code::to_json),
                        level: Level::Major,
                        reason,
                        breaks_from_code_without_other: false,
                        note: None,
                    });
                    self.errors.push(EvolutionError {
                        code: code.clone(),
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
                        code: Some(code.clone()),
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
            code: Some(&n.code),
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
                    code: n.code.clone(),
                    name: n.name.clone(),
                    message: format!(
                        "code {} was retired and may not be reused for a different meaning (was `{}`, now `{}`)",
                        n.code, o.name, n.name
                    ),
                });
            }
        }
        self.cmp(at, "title", (&o.title, &n.title), s, DOC);
        self.fact(
            at,
            "group",
            (&o.group, &n.group),
            s,
            major("group selectors and group-keyed consumers match differently"),
        );
        self.fact(
            at,
            "http_status",
            (&o.http_status, &n.http_status),
            |h| json!(h),
            major("consumers branch on the HTTP status"),
        );
        self.fact(
            at,
            "action",
            (&o.action, &n.action),
            s,
            patch("`action` text changed")
                .note("clients that match on the `action` text may break"),
        );
        let str_list = |v: &[String]| json!(v);
        match (&o.platforms, &n.platforms) {
            (Some(a), Some(b)) => self.cmp_set(
                at,
                "platforms",
                (a, b),
                str_list,
                major("platform filters and `FromCode` `platform` selectors match differently"),
            ),
            (a, b) => self.fact(at, "platforms", (a, b), |v| json!(v), DOC),
        }
        self.fact(
            at,
            "severity",
            (&o.severity, &n.severity),
            |v| json!(v.as_str()),
            major("consumers and `FromCode` `severity` selectors branch on it"),
        );
        let positions =
            |v: &[crate::ir::Appearance]| json!(v.iter().map(|a| a.as_str()).collect::<Vec<_>>());
        match (&o.appears_in, &n.appears_in) {
            (Some(a), Some(b)) => self.cmp_set(
                at,
                "appears_in",
                (a, b),
                positions,
                minor("where the code appears in a response changed"),
            ),
            (a, b) => self.fact(at, "appears_in", (a, b), |v| positions(v), DOC),
        }
        match (&o.retry, &n.retry) {
            (Some(a), Some(b)) if a != b => {
                let why = if a.kind() == b.kind() {
                    "retry parameters changed: consumers schedule retries by them"
                } else {
                    "retry policy changed: consumers branch on it"
                };
                self.push(
                    at,
                    "retry",
                    crate::export::retry(a),
                    crate::export::retry(b),
                    major(why),
                );
            }
            (a, b) => self.fact(at, "retry", (a, b), crate::export::retry, DOC),
        }
        self.fact(
            at,
            "relink",
            (&o.relink, &n.relink),
            |v| json!(v.as_str()),
            major("relink policy changed: consumers branch on it"),
        );
        self.fact(
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
        self.cmp(at, "description", (&o.description, &n.description), os, DOC);
        self.cmp(at, "advice", (&o.advice, &n.advice), os, DOC);
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
