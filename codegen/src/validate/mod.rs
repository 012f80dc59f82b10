//! Validation: every rule the catalog must satisfy, checked over the raw
//! files, then lowered into the span-free [`ir::Catalog`].
//!
//! All problems are collected before anything is reported, so one run shows
//! every mistake. Diagnostic ids are stable; `docs/diagnostics.md` lists them.
//! Each module checks one part of the catalog:
//!
//! - [`manifest`]: `[catalog]`, its headers, fields, examples and envelope;
//! - [`tables`]: `[[http_status]]`, `[[platform]]` and `[[group]]`;
//! - [`codes`]: codes, their kind, names, and references between codes;
//! - [`entry`]: the facts of one `[[error]]`;
//! - [`retry`]: retry policies and remedies that must agree with them;
//! - [`refinements`]: sub-codes and cases;
//! - [`examples`]: example bodies, read through the catalog's envelope;
//! - [`links`]: what is derived from the entries once all are known.

mod codes;
mod entry;
mod examples;
mod links;
mod manifest;
mod refinements;
mod retry;
mod tables;

use std::collections::BTreeMap;

use toml::Spanned;

use crate::diag::{Diagnostic, FileId, Loc, Sources};
use crate::ir::{self, Appearance, CodeKind, Relink, Remedy, RetryKind, Severity};
use crate::load::Loaded;
use crate::names;
use crate::raw;

pub use codes::nearest_code;

/// A catalog that passed validation, and the warnings it drew.
#[derive(Debug)]
pub struct Validated {
    pub catalog: ir::Catalog,
    /// Problems that do not stop generation (codes that differ only in
    /// case, a group nobody uses), in reading order.
    pub warnings: Vec<Diagnostic>,
}

/// Validate the loaded files and lower them. On failure, every diagnostic,
/// warnings included.
pub fn validate(loaded: &Loaded) -> Result<Validated, Vec<Diagnostic>> {
    let mut v = Validator {
        diags: Vec::new(),
        sources: &loaded.sources,
    };
    let catalog = v.catalog(loaded);
    // Reading order: file by file, top to bottom.
    v.diags
        .sort_by_key(|d| d.loc.as_ref().map(|l| (l.file, l.span.start)));
    let has_errors = v
        .diags
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error);
    match catalog {
        Some(catalog) if !has_errors => Ok(Validated {
            catalog,
            warnings: v.diags,
        }),
        _ => Err(v.diags),
    }
}

pub(crate) struct Validator<'a> {
    diags: Vec<Diagnostic>,
    sources: &'a Sources,
}

/// Where a value came from, for diagnostics that point at it.
fn loc<T>(file: FileId, s: &Spanned<T>) -> Loc {
    Loc::new(file, s.span())
}

/// What the whole catalog declares, which every entry is checked against.
struct Context {
    kind: CodeKind,
    statuses: BTreeMap<u16, ir::HttpStatus>,
    platforms: BTreeMap<String, ir::Platform>,
    groups: BTreeMap<String, ir::Group>,
    known: std::collections::BTreeSet<ir::Code>,
    envelope: ir::Envelope,
    /// Top-level keys that belong to the envelope (see `envelope_keys`).
    envelope_keys: std::collections::BTreeSet<String>,
    /// Keys whose string values name platforms (`platform`).
    platform_fields: Vec<String>,
    docs_url: Option<String>,
}

impl Validator<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    fn error(
        &mut self,
        id: &'static str,
        msg: impl Into<String>,
        at: Loc,
        label: impl Into<String>,
    ) {
        self.push(Diagnostic::error(id, msg).at(at, label));
    }

    fn error_count(&self) -> usize {
        self.diags
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Error)
            .count()
    }

    fn catalog(&mut self, loaded: &Loaded) -> Option<ir::Catalog> {
        let manifest = self.manifest(loaded);
        let statuses = self.http_statuses(loaded);
        let platforms = self.platforms(loaded);
        let (groups, group_locs) = self.groups(loaded);
        let envelope = manifest
            .as_ref()
            .and_then(|(file, m)| m.envelope.as_ref().map(|e| (*file, e)))
            .and_then(|(file, e)| self.envelope(file, e))
            .unwrap_or_else(ir::Envelope::minimal);

        let (kind, entries) = self.codes(loaded);
        let known = entries.iter().map(|(_, _, c)| c.clone()).collect();
        let meta = manifest.as_ref().and_then(|(file, m)| self.meta(*file, m));
        let field_names: Vec<&str> = manifest
            .iter()
            .flat_map(|(_, m)| m.field.iter().map(|f| f.get_ref().name.get_ref().as_str()))
            .collect();
        let envelope_keys = crate::envelope::envelope_keys(&envelope, field_names);
        let platform_fields = crate::envelope::platform_fields(&envelope);
        let cx = Context {
            kind,
            statuses,
            platforms,
            groups,
            known,
            envelope,
            envelope_keys,
            platform_fields,
            docs_url: meta.as_ref().and_then(|m| m.docs_url.clone()),
        };

        let mut errors = Vec::new();
        for (file, e, code) in &entries {
            if let Some(entry) = self.entry(*file, e, code, &cx) {
                errors.push(entry);
            }
        }
        errors.sort_by(|a, b| a.code.cmp(&b.code));
        links::link_entries(&mut errors, &cx);
        let groups = self.group_members(cx.groups.clone(), &group_locs, &errors);

        let (headers, fields, examples) = match &manifest {
            Some((file, m)) => self.manifest_lists(*file, m, &cx),
            None => Default::default(),
        };
        let meta = meta?;
        let facts = ir::Facts::of(&errors);
        Some(ir::Catalog {
            meta,
            code_kind: cx.kind,
            envelope: cx.envelope,
            groups,
            http_statuses: cx.statuses.into_values().collect(),
            platforms: cx.platforms.into_values().collect(),
            headers,
            fields,
            examples,
            errors,
            facts,
        })
    }

    fn text(&mut self, file: FileId, s: &Spanned<String>) -> Option<String> {
        if s.get_ref().trim().is_empty() {
            self.error(
                "E0314",
                "text must not be empty",
                loc(file, s),
                "empty text",
            );
            None
        } else {
            Some(s.get_ref().clone())
        }
    }

    /// Optional text: absent stays `None`; present must not be empty.
    fn opt_text(&mut self, file: FileId, s: Option<&Spanned<String>>) -> Option<String> {
        s.and_then(|s| self.text(file, s))
    }

    fn word<W: Word>(&mut self, file: FileId, s: &Spanned<String>, what: &str) -> Option<W> {
        match W::parse_word(s.get_ref()) {
            Some(w) => Some(w),
            None => {
                let mut d =
                    Diagnostic::error("E0313", format!("`{}` is not a {what}", s.get_ref()))
                        .at(loc(file, s), format!("expected one of {}", W::all_words()));
                if let Some(near) = names::nearest(s.get_ref(), W::word_list()) {
                    d = d.help(format!("did you mean `{near}`?"));
                }
                self.push(d);
                None
            }
        }
    }
}

/// The closed word lists of the format, for `word()` above.
trait Word: Sized + Copy {
    fn parse_word(s: &str) -> Option<Self>;
    fn all_words() -> String;
    fn word_list() -> &'static [&'static str];
}

macro_rules! impl_word {
    ($($t:ty),+ $(,)?) => {$(
        impl Word for $t {
            fn parse_word(s: &str) -> Option<Self> { <$t>::parse(s) }
            fn all_words() -> String { <$t>::words() }
            fn word_list() -> &'static [&'static str] { <$t>::WORDS }
        }
    )+};
}

impl_word!(
    Severity,
    Appearance,
    Relink,
    Remedy,
    RetryKind,
    ir::Direction
);

/// `raw` for the manifest, with the file that holds it.
type Manifest<'a> = (FileId, &'a raw::RawManifest);
