//! What the TypeScript and Python emitters share about `ErrorInfo`: which
//! facts it has in a catalog, and its fields with their documentation.

use crate::ir::{Catalog, Presence};

/// How each fact of `ErrorInfo` appears in this catalog's module: left out
/// (`Never`), nullable (`Sometimes`: `T | null` in TypeScript, `X | None`
/// in Python) or plain (`Always`). Lists are plain (and empty where an
/// entry has none) once any entry has items.
/// The same rules as the Rust emitter's `info_fields`.
#[derive(Clone, Copy)]
pub(crate) struct Shape {
    pub(crate) group: Presence,
    pub(crate) http_status: Presence,
    pub(crate) action: Presence,
    pub(crate) platforms: Presence,
    pub(crate) severity: Presence,
    pub(crate) appears_in: Presence,
    pub(crate) retry: Presence,
    pub(crate) relink: Presence,
    pub(crate) remedy: Presence,
    pub(crate) messages: Presence,
    pub(crate) description: Presence,
    pub(crate) advice: Presence,
    pub(crate) subcodes: Presence,
    pub(crate) cases: Presence,
    pub(crate) docs_url: Presence,
}

impl Shape {
    pub(crate) fn of(c: &Catalog) -> Shape {
        let f = &c.facts;
        let list = |p: Presence| {
            if p.used() {
                Presence::Always
            } else {
                Presence::Never
            }
        };
        Shape {
            // A catalog without groups has no `Group` type to name.
            group: if c.groups.is_empty() {
                Presence::Never
            } else {
                f.group
            },
            http_status: f.http_status,
            action: f.action,
            platforms: f.platforms,
            severity: f.severity,
            appears_in: f.appears_in,
            retry: f.retry,
            relink: f.relink,
            remedy: f.remedy,
            messages: list(f.messages),
            description: f.description,
            advice: f.advice,
            subcodes: list(f.subcodes),
            cases: list(f.cases),
            docs_url: if c.meta.docs_url.is_some() {
                Presence::Always
            } else {
                Presence::Never
            },
        }
    }
}

/// One field of `ErrorInfo`: name, presence, type and the two ways of
/// documenting it (stated by every entry, or only by some).
pub(crate) struct InfoField {
    pub(crate) name: &'static str,
    pub(crate) presence: Presence,
    pub(crate) ty: &'static str,
    pub(crate) doc: &'static str,
    pub(crate) doc_optional: &'static str,
}

/// The language whose `ErrorInfo` [`info_fields`] describes.
#[derive(Clone, Copy, PartialEq, Eq)]
// With only one of the two targets built, the other's variant is unused.
#[cfg_attr(not(all(feature = "typescript", feature = "python")), allow(dead_code))]
pub(crate) enum Lang {
    TypeScript,
    Python,
}

impl Lang {
    /// `ts` in TypeScript, `py` in Python.
    fn pick(self, ts: &'static str, py: &'static str) -> &'static str {
        match self {
            Lang::TypeScript => ts,
            Lang::Python => py,
        }
    }
}

/// Every field `ErrorInfo` has in this catalog, in the Rust struct's
/// order: TypeScript's names and types, or Python's (the Rust struct's
/// names), with the same documentation.
pub(crate) fn info_fields(s: &Shape, lang: Lang) -> Vec<InfoField> {
    let always = Presence::Always;
    let field = |name, presence, ty, doc, doc_optional| InfoField {
        name,
        presence,
        ty,
        doc,
        doc_optional,
    };
    let mut out = vec![
        field("code", always, "ErrorCode", "The code.", ""),
        field(
            "name",
            always,
            lang.pick("ErrorName", "str"),
            "Stable identifier.",
            "",
        ),
        field(
            "title",
            always,
            lang.pick("string", "str"),
            "Short title.",
            "",
        ),
        field(
            "group",
            s.group,
            "Group",
            "The group the code belongs to.",
            "The group the code belongs to, if any.",
        ),
        field(
            lang.pick("httpStatus", "http_status"),
            s.http_status,
            lang.pick("number", "int"),
            "HTTP status.",
            lang.pick(
                "HTTP status, `null` where the API documents none.",
                "HTTP status, `None` where the API documents none.",
            ),
        ),
        field(
            "action",
            s.action,
            lang.pick("string", "str"),
            "The `action` value of the error object.",
            "The `action` value of the error object, when documented.",
        ),
        field(
            "platforms",
            s.platforms,
            lang.pick("readonly Platform[]", "tuple[Platform, ...]"),
            "Platforms the code concerns; empty when not platform-specific.",
            "Platforms the code concerns (empty when not platform-specific), when stated.",
        ),
        field(
            "severity",
            s.severity,
            "Severity",
            "Error, or a warning on a successful response.",
            "Error, or a warning on a successful response, when stated.",
        ),
        field(
            lang.pick("appearsIn", "appears_in"),
            s.appears_in,
            lang.pick("readonly Appearance[]", "tuple[Appearance, ...]"),
            "Where the error object sits in a response.",
            "Where the error object sits in a response, when stated.",
        ),
        field(
            "retry",
            s.retry,
            "RetryPolicy",
            "When a retry can succeed.",
            "When a retry can succeed, when stated.",
        ),
        field(
            "relink",
            s.relink,
            "Relink",
            "Whether the user must relink.",
            "Whether the user must relink, when stated.",
        ),
        field(
            "remedy",
            s.remedy,
            "Remedy",
            "What to do by default.",
            "What to do by default, when stated.",
        ),
        field(
            "messages",
            s.messages,
            lang.pick("readonly string[]", "tuple[str, ...]"),
            "The exact message texts the API returns.",
            "",
        ),
        field(
            "description",
            s.description,
            lang.pick("string", "str"),
            "When it happens.",
            "When it happens, when described.",
        ),
        field(
            "advice",
            s.advice,
            lang.pick("string", "str"),
            "What to do about it.",
            "What to do about it, when advised.",
        ),
        field(
            "subcodes",
            s.subcodes,
            lang.pick("readonly Subcode[]", "tuple[Subcode, ...]"),
            "Upstream codes that refine it.",
            "",
        ),
        field(
            "cases",
            s.cases,
            lang.pick("readonly Case[]", "tuple[Case, ...]"),
            "Situations told apart by the response.",
            "",
        ),
        field(
            lang.pick("supersededBy", "superseded_by"),
            always,
            lang.pick("readonly ErrorCode[]", "tuple[ErrorCode, ...]"),
            "Codes that replace this one.",
            "",
        ),
        field(
            "replaces",
            always,
            lang.pick("readonly ErrorCode[]", "tuple[ErrorCode, ...]"),
            "Codes this one replaces.",
            "",
        ),
        field(
            lang.pick("replacedBy", "replaced_by"),
            always,
            lang.pick("readonly ErrorCode[]", "tuple[ErrorCode, ...]"),
            "Codes that replace this one in part.",
            "",
        ),
        field(
            "related",
            always,
            lang.pick("readonly ErrorCode[]", "tuple[ErrorCode, ...]"),
            "Codes worth reading with this one.",
            "",
        ),
        field(
            "retired",
            always,
            lang.pick("string | null", "str | None"),
            "Set when the API no longer emits the code.",
            "",
        ),
        field(
            lang.pick("docsUrl", "docs_url"),
            s.docs_url,
            lang.pick("string", "str"),
            "The code's reference page.",
            "",
        ),
    ];
    out.retain(|f| f.presence.used());
    out
}
