//! What the TypeScript and Python emitters share about `ErrorInfo`: which
//! facts it has in a catalog, and how one of its fields is described.

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
