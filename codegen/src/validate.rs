//! Validation: every rule the catalog must satisfy, checked over the raw
//! files, then lowered into the span-free [`ir::Catalog`].
//!
//! All problems are collected before anything is reported, so one run shows
//! every mistake. Diagnostic ids are stable; `docs/diagnostics.md` lists them.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde_json::Value;
use toml::Spanned;

use crate::diag::{Diagnostic, FileId, Loc, Sources};
use crate::ir::{self, Appearance, Relink, Remedy, RetryKind, RetryPolicy, Severity};
use crate::load::Loaded;
use crate::names;
use crate::raw::{self, RawHttp};

/// Validate the loaded files and lower them. On failure, every diagnostic.
pub fn validate(loaded: &Loaded) -> Result<ir::Catalog, Vec<Diagnostic>> {
    let mut v = Validator {
        diags: Vec::new(),
        sources: &loaded.sources,
    };
    let catalog = v.catalog(loaded);
    match catalog {
        Some(c) if v.diags.is_empty() => Ok(c),
        _ => {
            // Reading order: file by file, top to bottom.
            v.diags
                .sort_by_key(|d| d.loc.as_ref().map(|l| (l.file, l.span.start)));
            Err(v.diags)
        }
    }
}

struct Validator<'a> {
    diags: Vec<Diagnostic>,
    sources: &'a Sources,
}

/// Where a value came from, for diagnostics that point at it.
fn loc<T>(file: FileId, s: &Spanned<T>) -> Loc {
    Loc::new(file, s.span())
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

    fn catalog(&mut self, loaded: &Loaded) -> Option<ir::Catalog> {
        let meta = self.manifest(loaded);
        let statuses = self.http_statuses(loaded);
        let platforms = self.platforms(loaded);

        // Codes and names across all files, first occurrence kept for notes.
        let mut codes: BTreeMap<u32, Loc> = BTreeMap::new();
        let mut names: BTreeMap<String, (String, Loc)> = BTreeMap::new();
        let mut entries: Vec<(FileId, &raw::RawError, u32)> = Vec::new();
        for (file, rf) in &loaded.files {
            for e in &rf.error {
                let e = e.get_ref();
                let Some(code) = self.code(*file, &e.code) else {
                    continue;
                };
                let here = loc(*file, &e.code);
                if let Some(first) = codes.get(&code) {
                    self.push(
                        Diagnostic::error("E0301", format!("error code {code} is defined twice"))
                            .at(here, "defined again here")
                            .note(first.clone(), "first defined here")
                            .help("codes are never reused: give the new error a number of its own"),
                    );
                } else {
                    codes.insert(code, here);
                }
                // A duplicate is still checked, so its other problems show too.
                self.entry_name(*file, &e.name, &mut names);
                entries.push((*file, e, code));
            }
        }
        let known: BTreeSet<u32> = codes.keys().copied().collect();

        let mut errors = Vec::new();
        for (file, e, code) in &entries {
            if let Some(entry) = self.entry(*file, e, *code, &statuses, &platforms, &known, &meta) {
                errors.push(entry);
            }
        }
        errors.sort_by_key(|e| e.code);
        link_entries(&mut errors);

        let meta = meta?;
        let (headers, fields, examples) =
            self.manifest_lists(loaded, &statuses, &platforms, &known);
        Some(ir::Catalog {
            meta,
            http_statuses: statuses.into_values().collect(),
            platforms: platforms.into_values().collect(),
            headers,
            fields,
            examples,
            errors,
        })
    }

    fn manifest(&mut self, loaded: &Loaded) -> Option<ir::Meta> {
        let manifests: Vec<(FileId, &Spanned<raw::RawManifest>)> = loaded
            .files
            .iter()
            .filter_map(|(f, rf)| rf.catalog.as_ref().map(|m| (*f, m)))
            .collect();
        let Some(&(file, m)) = manifests.first() else {
            let mut d = Diagnostic::error("E0201", "the catalog has no `[catalog]` manifest").help(
                "add a file (conventionally `catalog.toml`) with a `[catalog]` table: name, title, version, docs_url, rust_crate, npm_package",
            );
            // Point at the start of the first file: that is where a
            // single-file catalog would need its manifest.
            if !loaded.sources.files.is_empty() {
                let end = loaded
                    .sources
                    .get(0)
                    .text
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
                d = d.at(Loc::new(0, 0..end), "no file has a `[catalog]` table");
            }
            self.push(d);
            return None;
        };
        for (other, om) in &manifests[1..] {
            self.push(
                Diagnostic::error(
                    "E0202",
                    "the catalog has more than one `[catalog]` manifest",
                )
                .at(loc(*other, om), "second manifest here")
                .note(loc(file, m), "first manifest here")
                .help("keep one `[catalog]` table and remove the other"),
            );
        }
        let m = m.get_ref();
        let name = self.text(file, &m.name)?;
        if !names::is_package_name(&name) {
            self.error(
                "E0203",
                format!("`{name}` is not a valid catalog name"),
                loc(file, &m.name),
                "expected lower-case letters, digits, `-` or `_`, starting with a letter",
            );
        }
        let rust_crate = m.rust_crate.get_ref().clone();
        if !names::is_package_name(&rust_crate) || rust_crate.len() > 64 {
            self.error(
                "E0203",
                format!("`{rust_crate}` is not a valid Rust crate name"),
                loc(file, &m.rust_crate),
                "expected lower-case letters, digits, `-` or `_`, starting with a letter",
            );
        }
        let npm_package = m.npm_package.get_ref().clone();
        if !names::is_npm_name(&npm_package) {
            self.error(
                "E0203",
                format!("`{npm_package}` is not a valid npm package name"),
                loc(file, &m.npm_package),
                "expected `name` or `@scope/name` in lower case",
            );
        }
        let version = m.version.get_ref().clone();
        if !names::is_semver(&version) {
            self.error(
                "E0203",
                format!("`{version}` is not a semantic version"),
                loc(file, &m.version),
                "expected MAJOR.MINOR.PATCH, such as `1.4.0`",
            );
        }
        let docs_url = m.docs_url.get_ref().clone();
        let urls = [Some(&m.docs_url), m.source_url.as_ref()];
        for u in urls.into_iter().flatten() {
            if !names::is_url(u.get_ref()) {
                // Shown escaped: the text may hold invisible characters.
                self.push(
                    Diagnostic::error("E0203", format!("`{}` is not a usable http(s) URL", u.get_ref().escape_debug()))
                        .at(loc(file, u), "not a URL errcat can use")
                        .help("a URL starts with `https://` or `http://` and holds printable ASCII only; percent-encode anything else"),
                );
            }
        }
        let title = self.text(file, &m.title)?;
        let description = m.description.as_ref().and_then(|d| self.text(file, d));
        Some(ir::Meta {
            name,
            title,
            description,
            version,
            docs_url,
            source_url: m.source_url.as_ref().map(|s| s.get_ref().clone()),
            rust_crate,
            npm_package,
        })
    }

    fn manifest_lists(
        &mut self,
        loaded: &Loaded,
        statuses: &BTreeMap<u16, ir::HttpStatus>,
        platforms: &BTreeMap<String, ir::Platform>,
        known: &BTreeSet<u32>,
    ) -> (Vec<ir::Header>, Vec<ir::Field>, Vec<ir::Example>) {
        let mut headers = Vec::new();
        let mut fields = Vec::new();
        let mut examples = Vec::new();
        let Some((file, m)) = loaded
            .files
            .iter()
            .find_map(|(f, rf)| rf.catalog.as_ref().map(|m| (*f, m.get_ref())))
        else {
            return (headers, fields, examples);
        };
        for h in &m.header {
            let h = h.get_ref();
            let direction = self.word::<ir::Direction>(file, &h.direction, "header direction");
            let description = self.text(file, &h.description);
            if let (Some(direction), Some(description)) = (direction, description) {
                headers.push(ir::Header {
                    name: h.name.get_ref().clone(),
                    direction,
                    description,
                    examples: h.examples.iter().map(|e| e.get_ref().clone()).collect(),
                });
            }
        }
        let mut seen: BTreeMap<String, Loc> = BTreeMap::new();
        for f in &m.field {
            let f = f.get_ref();
            let name = f.name.get_ref().clone();
            if let Some(first) = seen.get(&name) {
                self.push(
                    Diagnostic::error("E0320", format!("field `{name}` is documented twice"))
                        .at(loc(file, &f.name), "documented again here")
                        .note(first.clone(), "first documented here"),
                );
                continue;
            }
            seen.insert(name.clone(), loc(file, &f.name));
            if !ir::FIELD_TYPES.contains(&f.ty.get_ref().as_str()) {
                let mut d = Diagnostic::error(
                    "E0313",
                    format!(
                        "`{}` is not a field type of the catalog format",
                        f.ty.get_ref()
                    ),
                )
                .at(
                    loc(file, &f.ty),
                    "expected one of `string`, `integer`, `boolean`, `object`, `array`",
                );
                if let Some(near) = names::nearest(f.ty.get_ref(), ir::FIELD_TYPES) {
                    d = d.help(format!("did you mean `{near}`?"));
                } else {
                    d = d.help("numbers in API responses are integers: use `integer`");
                }
                self.push(d);
            }
            if let Some(description) = self.text(file, &f.description) {
                fields.push(ir::Field {
                    name,
                    ty: f.ty.get_ref().clone(),
                    description,
                });
            }
        }
        for ex in &m.example {
            let exr = ex.get_ref();
            // A catalog-level example illustrates the format, not one code:
            // it has no sub-code or case to name.
            for (key, span) in [
                ("subcode", exr.subcode.as_ref().map(|s| s.span())),
                ("case", exr.case.as_ref().map(|c| c.span())),
            ] {
                if let Some(span) = span {
                    self.push(
                        Diagnostic::error(
                            "E0405",
                            format!("a catalog-level example cannot name a `{key}`"),
                        )
                        .at(
                            Loc::new(file, span),
                            "only entry examples have sub-codes and cases",
                        )
                        .help("move the example to the entry it belongs to, or remove the key"),
                    );
                }
            }
            let http = exr
                .http
                .as_ref()
                .and_then(|h| self.listed_status(*h.get_ref(), loc(file, h), statuses));
            self.text(file, &exr.title);
            if let Some(json) = self.example_json(file, exr) {
                self.example_codes(file, exr, &json, None, platforms, known);
                examples.push(ir::Example {
                    title: exr.title.get_ref().clone(),
                    http,
                    subcode: None,
                    case: None,
                    json,
                });
            }
        }
        (headers, fields, examples)
    }

    fn http_statuses(&mut self, loaded: &Loaded) -> BTreeMap<u16, ir::HttpStatus> {
        let mut out: BTreeMap<u16, ir::HttpStatus> = BTreeMap::new();
        let mut first: BTreeMap<u16, Loc> = BTreeMap::new();
        for (file, rf) in &loaded.files {
            for s in &rf.http_status {
                let s = s.get_ref();
                let raw = *s.code.get_ref();
                let Some(code) = u16::try_from(raw).ok().filter(|c| (100..=599).contains(c)) else {
                    self.error(
                        "E0203",
                        format!("{raw} is not an HTTP status"),
                        loc(*file, &s.code),
                        "expected a number from 100 to 599",
                    );
                    continue;
                };
                if let Some(f) = first.get(&code) {
                    self.push(
                        Diagnostic::error("E0204", format!("HTTP status {code} is listed twice"))
                            .at(loc(*file, &s.code), "listed again here")
                            .note(f.clone(), "first listed here"),
                    );
                    continue;
                }
                first.insert(code, loc(*file, &s.code));
                let Some(meaning) = self.text(*file, &s.meaning) else {
                    continue;
                };
                out.insert(
                    code,
                    ir::HttpStatus {
                        code,
                        meaning,
                        success: s.success,
                    },
                );
            }
        }
        out
    }

    fn platforms(&mut self, loaded: &Loaded) -> BTreeMap<String, ir::Platform> {
        let mut out: BTreeMap<String, ir::Platform> = BTreeMap::new();
        let mut ids: BTreeMap<String, Loc> = BTreeMap::new();
        let mut names: BTreeMap<String, (String, Loc)> = BTreeMap::new();
        for (file, rf) in &loaded.files {
            for p in &rf.platform {
                let p = p.get_ref();
                let id = p.id.get_ref().clone();
                if !names::is_platform_id(&id) {
                    self.error(
                        "E0206",
                        format!("`{id}` is not a valid platform id"),
                        loc(*file, &p.id),
                        "expected lower-case letters, digits, `-` or `_`, starting with a letter",
                    );
                    continue;
                }
                if let Some(first) = ids.get(&id) {
                    self.push(
                        Diagnostic::error("E0205", format!("platform `{id}` is defined twice"))
                            .at(loc(*file, &p.id), "defined again here")
                            .note(first.clone(), "first defined here"),
                    );
                    continue;
                }
                ids.insert(id.clone(), loc(*file, &p.id));
                self.identifier(*file, &p.name, "platform", &mut names);
                let Some(title) = self.text(*file, &p.title) else {
                    continue;
                };
                out.insert(
                    id.clone(),
                    ir::Platform {
                        id,
                        name: p.name.get_ref().clone(),
                        title,
                    },
                );
            }
        }
        out
    }

    fn code(&mut self, file: FileId, code: &Spanned<i64>) -> Option<u32> {
        let raw = *code.get_ref();
        match u32::try_from(raw) {
            Ok(c) => Some(c),
            Err(_) => {
                self.error(
                    "E0302",
                    format!("{raw} is not a valid error code"),
                    loc(file, code),
                    format!("expected a number from 0 to {}", u32::MAX),
                );
                None
            }
        }
    }

    fn entry_name(
        &mut self,
        file: FileId,
        name: &Spanned<String>,
        seen: &mut BTreeMap<String, (String, Loc)>,
    ) {
        self.identifier(file, name, "error", seen);
    }

    /// Checks an identifier for generated code: PascalCase, not reserved in
    /// any target language, unique even after case conversion (TypeScript
    /// and docs use other cases, and `ApiError` / `APIError` would collide).
    fn identifier(
        &mut self,
        file: FileId,
        name: &Spanned<String>,
        what: &str,
        seen: &mut BTreeMap<String, (String, Loc)>,
    ) {
        let n = name.get_ref();
        let here = loc(file, name);
        if !names::is_pascal_case(n) {
            let suggestion = names::to_pascal_case(n);
            let mut d = Diagnostic::error("E0304", format!("`{n}` is not a PascalCase identifier"))
                .at(
                    here.clone(),
                    "expected PascalCase, such as `InstagramRateLimit`",
                );
            if names::is_pascal_case(&suggestion) {
                d = d.help(format!("write `{suggestion}`"));
            }
            self.push(d);
            return;
        }
        if let Some(lang) = names::reserved_in(n) {
            self.push(
                Diagnostic::error("E0305", format!("`{n}` is a reserved word in {lang}"))
                    .at(here.clone(), "reserved word")
                    .help(format!("choose a more specific {what} name")),
            );
            return;
        }
        let key = n.to_ascii_lowercase();
        if let Some((first_name, first)) = seen.get(&key) {
            let msg = if first_name == n {
                format!("{what} name `{n}` is used twice")
            } else {
                format!("{what} name `{n}` collides with `{first_name}` once case is ignored")
            };
            self.push(
                Diagnostic::error("E0303", msg)
                    .at(here, "used again here")
                    .note(first.clone(), "first used here")
                    .help(
                        "names must stay distinct in every generated language; rename one of them",
                    ),
            );
            return;
        }
        seen.insert(key, (n.clone(), here));
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

    fn code_refs(
        &mut self,
        file: FileId,
        list: &[Spanned<i64>],
        own: u32,
        known: &BTreeSet<u32>,
        key: &str,
    ) -> Vec<u32> {
        let mut out = Vec::new();
        for r in list {
            let Some(c) = self.code(file, r) else {
                continue;
            };
            if c == own {
                self.error(
                    "E0309",
                    format!("error {own} names itself in `{key}`"),
                    loc(file, r),
                    "refers to its own entry",
                );
            } else if !known.contains(&c) {
                let mut d = Diagnostic::error(
                    "E0308",
                    format!("`{key}` names {c}, which is not in the catalog"),
                )
                .at(loc(file, r), "unknown code");
                d = d.help(match nearest_code(c, known) {
                    Some(n) => format!("did you mean {n}? a retired code stays in the catalog with `retired = \"...\"`"),
                    None => "a retired code stays in the catalog with `retired = \"...\"`; add the entry if the code is real".to_string(),
                });
                self.push(d);
            } else if out.contains(&c) {
                self.error(
                    "E0320",
                    format!("{c} is listed twice in `{key}`"),
                    loc(file, r),
                    "listed again here",
                );
            } else {
                out.push(c);
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn entry(
        &mut self,
        file: FileId,
        e: &raw::RawError,
        code: u32,
        statuses: &BTreeMap<u16, ir::HttpStatus>,
        platforms: &BTreeMap<String, ir::Platform>,
        known: &BTreeSet<u32>,
        meta: &Option<ir::Meta>,
    ) -> Option<ir::ErrorEntry> {
        let errors_before = self.diags.len();
        let title = self.text(file, &e.title);
        let description = self.text(file, &e.description);
        let advice = self.text(file, &e.advice);

        let http_status = match e.http.get_ref() {
            RawHttp::Word(w) if w == "unstated" => None,
            RawHttp::Word(w) => {
                self.error(
                    "E0313",
                    format!("`{w}` is not an HTTP status"),
                    loc(file, &e.http),
                    "expected a status number from the catalog's `[[http_status]]` list, or \"unstated\"",
                );
                None
            }
            RawHttp::Status(s) => self.listed_status(*s, loc(file, &e.http), statuses),
        };

        let action = match e.action.get_ref().as_str() {
            "unstated" => None,
            a if a.trim().is_empty() => {
                self.error(
                    "E0314",
                    "text must not be empty",
                    loc(file, &e.action),
                    "empty action; write \"unstated\" when none is documented",
                );
                None
            }
            a => Some(a.to_string()),
        };

        let mut plats = Vec::new();
        for p in &e.platforms {
            let id = p.get_ref();
            if !platforms.contains_key(id) {
                self.unknown_platform(file, p, platforms);
            } else if plats.contains(id) {
                self.error(
                    "E0320",
                    format!("platform `{id}` is listed twice"),
                    loc(file, p),
                    "listed again here",
                );
            } else {
                plats.push(id.clone());
            }
        }

        let severity = match &e.severity {
            Some(s) => self.word::<Severity>(file, s, "severity"),
            None => Some(Severity::Error),
        };
        let mut appears_in = Vec::new();
        let mut warnings_item = None;
        for a in e.appears_in.get_ref() {
            if let Some(w) = self.word::<Appearance>(file, a, "response position") {
                if w == Appearance::WarningsArray {
                    warnings_item = Some(loc(file, a));
                }
                if appears_in.contains(&w) {
                    self.error(
                        "E0320",
                        format!("`{}` is listed twice", w.as_str()),
                        loc(file, a),
                        "listed again here",
                    );
                } else {
                    appears_in.push(w);
                }
            }
        }
        if e.appears_in.get_ref().is_empty() {
            self.push(
                Diagnostic::error(
                    "E0318",
                    format!("error {code} does not say where it appears in a response"),
                )
                .at(loc(file, &e.appears_in), "empty list")
                .help(format!("list one or more of {}", Appearance::words())),
            );
        }
        if let Some(sev) = severity {
            match (sev, warnings_item) {
                (Severity::Error, Some(item)) => self.push(
                    Diagnostic::error("E0317", format!("error {code} appears in `warnings` but its severity is `error`"))
                        .at(item, "only warnings sit here")
                        .help(if e.severity.is_some() {
                            "set `severity = \"warning\"`, or remove `warnings-array`".to_string()
                        } else {
                            "severity defaults to `error`: add `severity = \"warning\"`, or remove `warnings-array`".to_string()
                        }),
                ),
                (Severity::Warning, None) if !appears_in.is_empty() => {
                    let at = e.severity.as_ref().map_or_else(|| loc(file, &e.code), |s| loc(file, s));
                    self.push(
                        Diagnostic::error("E0317", format!("warning {code} does not appear in `warnings`"))
                            .at(at, "a warning")
                            .help("add `warnings-array` to `appears_in`: a warning sits in the `warnings` of a successful response"),
                    );
                }
                _ => {}
            }
            if sev == Severity::Error
                && let Some(s) = http_status.and_then(|s| statuses.get(&s))
                && s.success
            {
                self.push(
                    Diagnostic::error("E0317", format!("error {code} has the success status {}", s.code))
                        .at(loc(file, &e.http), "a success status")
                        .help("give the error status the API returns, or make the entry a warning (`severity = \"warning\"`)"),
                );
            }
        }

        let retry = self.retry(file, &e.retry);
        let relink = self.word::<Relink>(file, &e.relink, "relink value");
        let remedy = self.word::<Remedy>(file, &e.remedy, "remedy");
        if let (Some(retry), Some(relink), Some(remedy)) = (&retry, relink, remedy) {
            self.remedy_consistent(file, &e.remedy, retry.kind(), relink, remedy);
        }

        let mut messages: Vec<String> = Vec::new();
        for m in &e.messages {
            if let Some(t) = self.text(file, m) {
                if messages.contains(&t) {
                    self.error(
                        "E0315",
                        "message listed twice",
                        loc(file, m),
                        "listed again here",
                    );
                } else {
                    messages.push(t);
                }
            }
        }

        let superseded_by = self.code_refs(file, &e.superseded_by, code, known, "superseded_by");
        let replaces = self.code_refs(file, &e.replaces, code, known, "replaces");
        let related = self.code_refs(file, &e.related, code, known, "related");
        let retired = e.retired.as_ref().and_then(|r| self.text(file, r));

        let mut fields = Vec::new();
        for f in &e.field {
            let f = f.get_ref();
            if fields
                .iter()
                .any(|x: &ir::ErrorField| &x.name == f.name.get_ref())
            {
                self.error(
                    "E0320",
                    format!("field `{}` is described twice", f.name.get_ref()),
                    loc(file, &f.name),
                    "described again here",
                );
                continue;
            }
            if let Some(d) = self.text(file, &f.description) {
                fields.push(ir::ErrorField {
                    name: f.name.get_ref().clone(),
                    description: d,
                });
            }
        }
        let mut headers = Vec::new();
        for h in &e.header {
            let h = h.get_ref();
            if let Some(d) = self.text(file, &h.description) {
                headers.push(ir::ErrorHeader {
                    name: h.name.get_ref().clone(),
                    value: h.value.as_ref().map(|v| v.get_ref().clone()),
                    description: d,
                });
            }
        }

        let subcodes = self.subcodes(file, e, &messages);
        let cases = self.cases(file, e, &messages);

        let mut history = Vec::new();
        for h in &e.history {
            let h = h.get_ref();
            if !names::is_history_date(h.date.get_ref()) {
                self.error(
                    "E0319",
                    format!("`{}` is not a history date", h.date.get_ref()),
                    loc(file, &h.date),
                    "expected `YYYY-MM`, `YYYY-MM-DD` or `unknown`",
                );
            }
            if let Some(note) = self.text(file, &h.note) {
                history.push(ir::HistoryItem {
                    date: h.date.get_ref().clone(),
                    note,
                });
            }
        }

        let mut examples = Vec::new();
        for ex in &e.example {
            let exr = ex.get_ref();
            self.text(file, &exr.title);
            let Some(json) = self.example_json(file, exr) else {
                continue;
            };
            let own = EntryView {
                code,
                platforms: &plats,
            };
            self.example_codes(file, exr, &json, Some(own), platforms, known);
            let http = exr
                .http
                .as_ref()
                .and_then(|h| self.listed_status(*h.get_ref(), loc(file, h), statuses));
            let subcode = exr.subcode.as_ref().and_then(|s| {
                let v = u64::try_from(*s.get_ref()).ok();
                if v.is_none_or(|v| !subcodes.iter().any(|x| x.code == v)) {
                    self.error(
                        "E0405",
                        format!(
                            "example names sub-code {}, which entry {code} does not define",
                            s.get_ref()
                        ),
                        loc(file, s),
                        "no such `[[error.subcode]]`",
                    );
                }
                v
            });
            let case = exr.case.as_ref().map(|c| {
                if !cases.iter().any(|x| &x.id == c.get_ref()) {
                    self.error(
                        "E0405",
                        format!(
                            "example names case `{}`, which entry {code} does not define",
                            c.get_ref()
                        ),
                        loc(file, c),
                        "no such `[[error.case]]`",
                    );
                }
                c.get_ref().clone()
            });
            examples.push(ir::Example {
                title: exr.title.get_ref().clone(),
                http,
                subcode,
                case,
                json,
            });
        }

        if self.diags.len() > errors_before {
            return None;
        }
        let anchor = format!("code-{code}");
        let docs_url = meta
            .as_ref()
            .map(|m| format!("{}#{anchor}", m.docs_url))
            .unwrap_or_default();
        Some(ir::ErrorEntry {
            code,
            name: e.name.get_ref().clone(),
            title: title?,
            http_status,
            action,
            platforms: plats,
            severity: severity?,
            appears_in,
            retry: retry?,
            relink: relink?,
            remedy: remedy?,
            messages,
            description: description?,
            advice: advice?,
            superseded_by,
            replaces,
            replaced_by: Vec::new(),
            related,
            retired,
            fields,
            headers,
            subcodes,
            cases,
            history,
            examples,
            shown_in: Vec::new(),
            anchor,
            docs_url,
        })
    }

    /// An HTTP status from the catalog's own `[[http_status]]` list.
    fn listed_status(
        &mut self,
        status: i64,
        at: Loc,
        statuses: &BTreeMap<u16, ir::HttpStatus>,
    ) -> Option<u16> {
        let listed = u16::try_from(status)
            .ok()
            .filter(|s| statuses.contains_key(s));
        if listed.is_none() {
            let list: Vec<String> = statuses.keys().map(|k| k.to_string()).collect();
            self.push(
                Diagnostic::error("E0306", format!("HTTP status {status} is not in the catalog's status list"))
                    .at(at, "not a listed status")
                    .help(format!(
                        "the catalog lists {}; add it to `[[http_status]]` if the API really returns it",
                        list.join(", ")
                    )),
            );
        }
        listed
    }

    fn unknown_platform(
        &mut self,
        file: FileId,
        p: &Spanned<String>,
        platforms: &BTreeMap<String, ir::Platform>,
    ) {
        let ids: Vec<&str> = platforms.keys().map(String::as_str).collect();
        let mut d = Diagnostic::error("E0307", format!("unknown platform `{}`", p.get_ref()))
            .at(loc(file, p), "not a platform of this catalog");
        d = match names::nearest(p.get_ref(), &ids) {
            Some(n) => d.help(format!(
                "did you mean `{n}`? known platforms: {}",
                ids.join(", ")
            )),
            None => d.help(format!(
                "known platforms: {}; add new ones as `[[platform]]`",
                ids.join(", ")
            )),
        };
        self.push(d);
    }

    fn retry(&mut self, file: FileId, r: &Spanned<raw::RawRetry>) -> Option<RetryPolicy> {
        let r = r.get_ref();
        let kind = self.word::<RetryKind>(file, &r.policy, "retry policy")?;
        // Each policy takes only its own parameters; a stray one is a
        // sign the policy is not what the author meant.
        let allowed: &[&str] = match kind {
            RetryKind::Never | RetryKind::FailedPlatforms => &[],
            RetryKind::Backoff => &["min_delay_secs"],
            RetryKind::AfterDelay => &["delay_field", "delay_format"],
            RetryKind::AfterEvent => &["event"],
        };
        let given: [(&str, Option<Range<usize>>); 4] = [
            (
                "min_delay_secs",
                r.min_delay_secs.as_ref().map(|s| s.span()),
            ),
            ("delay_field", r.delay_field.as_ref().map(|s| s.span())),
            ("delay_format", r.delay_format.as_ref().map(|s| s.span())),
            ("event", r.event.as_ref().map(|s| s.span())),
        ];
        let mut ok = true;
        for (key, span) in given {
            if let Some(span) = span
                && !allowed.contains(&key)
            {
                ok = false;
                self.push(
                    Diagnostic::error(
                        "E0311",
                        format!("`{key}` does not apply to retry policy `{}`", kind.as_str()),
                    )
                    .at(Loc::new(file, span), "not used by this policy")
                    .help(if allowed.is_empty() {
                        format!(
                            "policy `{}` takes no parameters; remove `{key}`",
                            kind.as_str()
                        )
                    } else {
                        format!("policy `{}` takes {}", kind.as_str(), allowed.join(", "))
                    }),
                );
            }
        }
        let policy_loc = loc(file, &r.policy);
        let policy = match kind {
            RetryKind::Never => RetryPolicy::Never,
            RetryKind::FailedPlatforms => RetryPolicy::FailedPlatforms,
            RetryKind::Backoff => {
                let min = match &r.min_delay_secs {
                    Some(s) => match u32::try_from(*s.get_ref())
                        .ok()
                        .filter(|v| (1..=86_400).contains(v))
                    {
                        Some(v) => Some(v),
                        None => {
                            ok = false;
                            self.error(
                                "E0311",
                                format!("{} is not a usable delay", s.get_ref()),
                                loc(file, s),
                                "expected 1 to 86400 seconds",
                            );
                            None
                        }
                    },
                    None => None,
                };
                RetryPolicy::Backoff {
                    min_delay_secs: min,
                }
            }
            RetryKind::AfterDelay => {
                let (Some(field), Some(format)) = (&r.delay_field, &r.delay_format) else {
                    let missing: Vec<&str> = [
                        ("delay_field", r.delay_field.is_none()),
                        ("delay_format", r.delay_format.is_none()),
                    ]
                    .into_iter()
                    .filter_map(|(k, m)| m.then_some(k))
                    .collect();
                    let example = missing
                        .iter()
                        .map(|k| {
                            if *k == "delay_field" {
                                "`delay_field = \"details\"`"
                            } else {
                                "`delay_format = \"Retry-After: {seconds}\"`"
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" and ");
                    self.push(
                        Diagnostic::error(
                            "E0311",
                            "retry policy `after-delay` does not say where the delay comes from",
                        )
                        .at(policy_loc, format!("needs `{}`", missing.join("` and `")))
                        .help(format!(
                            "add {example}, or use `backoff` when the response carries no delay"
                        )),
                    );
                    return None;
                };
                if format.get_ref().matches("{seconds}").count() != 1 {
                    ok = false;
                    self.error(
                        "E0311",
                        "`delay_format` must hold `{seconds}` exactly once",
                        loc(file, format),
                        "where is the number?",
                    );
                }
                if field.get_ref().trim().is_empty() {
                    ok = false;
                    self.error(
                        "E0314",
                        "text must not be empty",
                        loc(file, field),
                        "empty field name",
                    );
                }
                RetryPolicy::AfterDelay {
                    field: field.get_ref().clone(),
                    format: format.get_ref().clone(),
                }
            }
            RetryKind::AfterEvent => {
                let Some(event) = &r.event else {
                    self.push(
                        Diagnostic::error("E0311", "retry policy `after-event` does not say which event")
                            .at(policy_loc, "needs `event`")
                            .help("add `event = \"...\"` describing what must happen before a retry can succeed"),
                    );
                    return None;
                };
                RetryPolicy::AfterEvent {
                    event: self.text(file, event)?,
                }
            }
        };
        ok.then_some(policy)
    }

    fn remedy_consistent(
        &mut self,
        file: FileId,
        at: &Spanned<String>,
        retry: RetryKind,
        relink: Relink,
        remedy: Remedy,
    ) {
        let expected: Option<Remedy> = if relink == Relink::Required {
            Some(Remedy::Relink)
        } else {
            match retry {
                RetryKind::Backoff => Some(Remedy::Retry),
                RetryKind::AfterDelay => Some(Remedy::RetryAfter),
                RetryKind::AfterEvent => Some(Remedy::WaitForEvent),
                RetryKind::FailedPlatforms => Some(Remedy::RetryFailedPlatforms),
                RetryKind::Never => None,
            }
        };
        let why = if relink == Relink::Required {
            "the entry requires a relink".to_string()
        } else {
            format!("the retry policy is `{}`", retry.as_str())
        };
        match expected {
            Some(want) if want != remedy => self.push(
                Diagnostic::error("E0312", format!("remedy `{}` contradicts the entry", remedy.as_str()))
                    .at(loc(file, at), format!("{why}, so the remedy is `{}`", want.as_str()))
                    .help(format!("write `remedy = \"{}\"`, or change the retry policy or relink value", want.as_str())),
            ),
            None if matches!(
                remedy,
                Remedy::Retry | Remedy::RetryAfter | Remedy::RetryFailedPlatforms | Remedy::WaitForEvent | Remedy::Relink
            ) => self.push(
                Diagnostic::error("E0312", format!("remedy `{}` contradicts the entry", remedy.as_str()))
                    .at(loc(file, at), format!("{why} and no relink is required"))
                    .help("use `fix-request`, `contact-platform` or `none`, or give the entry a retry policy"),
            ),
            _ => {}
        }
    }

    fn subcodes(
        &mut self,
        file: FileId,
        e: &raw::RawError,
        messages: &[String],
    ) -> Vec<ir::Subcode> {
        let mut out: Vec<ir::Subcode> = Vec::new();
        let mut first: BTreeMap<u64, Loc> = BTreeMap::new();
        for s in &e.subcode {
            let s = s.get_ref();
            let Ok(code) = u64::try_from(*s.code.get_ref()) else {
                self.error(
                    "E0302",
                    format!("{} is not a valid sub-code", s.code.get_ref()),
                    loc(file, &s.code),
                    "expected a non-negative number",
                );
                continue;
            };
            if let Some(f) = first.get(&code) {
                self.push(
                    Diagnostic::error(
                        "E0310",
                        format!(
                            "sub-code {code} is listed twice on error {}",
                            e.code.get_ref()
                        ),
                    )
                    .at(loc(file, &s.code), "listed again here")
                    .note(f.clone(), "first listed here")
                    .help("merge the two `[[error.subcode]]` tables"),
                );
                continue;
            }
            first.insert(code, loc(file, &s.code));
            let relink = s
                .relink
                .as_ref()
                .and_then(|r| self.word::<Relink>(file, r, "relink value"));
            let remedy = s
                .remedy
                .as_ref()
                .and_then(|r| self.word::<Remedy>(file, r, "remedy"));
            if let (Some(Relink::Required), Some(r), Some(at)) = (relink, remedy, &s.remedy)
                && r != Remedy::Relink
            {
                self.push(
                    Diagnostic::error(
                        "E0312",
                        format!("remedy `{}` contradicts the sub-code", r.as_str()),
                    )
                    .at(
                        loc(file, at),
                        "the sub-code requires a relink, so the remedy is `relink`",
                    )
                    .help("write `remedy = \"relink\"`, or change the sub-code\'s `relink`"),
                );
            }
            let message = s
                .message
                .as_ref()
                .and_then(|m| self.listed_message(file, m, messages));
            let description = self.text(file, &s.description).unwrap_or_default();
            out.push(ir::Subcode {
                code,
                source: s.source.get_ref().clone(),
                upstream_field: s.upstream_field.get_ref().clone(),
                response_field: s.response_field.as_ref().map(|f| f.get_ref().clone()),
                description,
                upstream_message: s.upstream_message.as_ref().map(|m| m.get_ref().clone()),
                message,
                relink,
                retry_available: s.retry_available.as_ref().map(|b| *b.get_ref()),
                remedy,
            });
        }
        out
    }

    fn cases(&mut self, file: FileId, e: &raw::RawError, messages: &[String]) -> Vec<ir::Case> {
        let mut out: Vec<ir::Case> = Vec::new();
        let mut first: BTreeMap<String, Loc> = BTreeMap::new();
        for c in &e.case {
            let c = c.get_ref();
            let id = c.id.get_ref().clone();
            if !names::is_kebab_case(&id) {
                self.error(
                    "E0316",
                    format!("`{id}` is not a valid case id"),
                    loc(file, &c.id),
                    "expected kebab-case, such as `account-locked`",
                );
                continue;
            }
            if let Some(f) = first.get(&id) {
                self.push(
                    Diagnostic::error(
                        "E0316",
                        format!("case `{id}` is defined twice on error {}", e.code.get_ref()),
                    )
                    .at(loc(file, &c.id), "defined again here")
                    .note(f.clone(), "first defined here"),
                );
                continue;
            }
            first.insert(id.clone(), loc(file, &c.id));
            let relink = c
                .relink
                .as_ref()
                .and_then(|r| self.word::<Relink>(file, r, "relink value"));
            let remedy = c
                .remedy
                .as_ref()
                .and_then(|r| self.word::<Remedy>(file, r, "remedy"));
            if let (Some(Relink::Required), Some(r), Some(at)) = (relink, remedy, &c.remedy)
                && r != Remedy::Relink
            {
                self.push(
                    Diagnostic::error(
                        "E0312",
                        format!("remedy `{}` contradicts the case", r.as_str()),
                    )
                    .at(
                        loc(file, at),
                        "the case requires a relink, so the remedy is `relink`",
                    )
                    .help("write `remedy = \"relink\"`, or change the case\'s `relink`"),
                );
            }
            let message = c
                .message
                .as_ref()
                .and_then(|m| self.listed_message(file, m, messages));
            let (Some(title), Some(signal), Some(advice)) = (
                self.text(file, &c.title),
                self.text(file, &c.signal),
                self.text(file, &c.advice),
            ) else {
                continue;
            };
            out.push(ir::Case {
                id,
                title,
                signal,
                advice,
                message,
                relink,
                remedy,
            });
        }
        out
    }

    /// A sub-code's or case's message must also be one of the entry's
    /// messages, so the entry's list is the complete set of texts.
    fn listed_message(
        &mut self,
        file: FileId,
        m: &Spanned<String>,
        messages: &[String],
    ) -> Option<String> {
        let t = self.text(file, m)?;
        if !messages.contains(&t) {
            self.push(
                Diagnostic::error("E0321", "this message is not in the entry's `messages`")
                    .at(loc(file, m), "not listed")
                    .help("add the exact text to the entry's `messages` list too"),
            );
        }
        Some(t)
    }

    fn example_json(&mut self, file: FileId, ex: &raw::RawExample) -> Option<Value> {
        match serde_json::from_str::<Value>(ex.json.get_ref()) {
            Ok(v @ Value::Object(_)) => Some(v),
            Ok(_) => {
                self.error(
                    "E0407",
                    "example is not a JSON object",
                    loc(file, &ex.json),
                    "a response body is an object",
                );
                None
            }
            Err(err) => {
                // Point into the string when the TOML value is a literal
                // string, whose text maps one to one onto the file.
                let span = ex.json.span();
                let text = ex.json.get_ref();
                let source = &self.sources.get(file).text;
                let at = json_error_offset(text, err.line(), err.column())
                    .and_then(|off| locate_in_source(source, span.clone(), text, off))
                    .unwrap_or(span);
                // serde_json appends its own "at line L column C", counted
                // inside the JSON; the caret already shows where.
                let full = err.to_string();
                let reason = full.split(" at line ").next().unwrap_or(&full);
                let mut d =
                    Diagnostic::error("E0401", format!("example is not valid JSON: {reason}"))
                        .at(Loc::new(file, at), "JSON error here");
                if reason.contains("control character") {
                    d = d.help(
                        "a line break or tab inside a JSON string must be written `\\n` or `\\t`",
                    );
                }
                self.push(d);
                None
            }
        }
    }

    /// The place of `"key": value` inside an example's JSON text, when it
    /// can be found; else the whole value.
    fn json_loc(&self, file: FileId, json: &Spanned<String>, key: &str, value: &str) -> Loc {
        let text = json.get_ref();
        let source = &self.sources.get(file).text;
        find_key_value(text, key, value)
            .and_then(|(start, len)| {
                let first = locate_in_source(source, json.span(), text, start)?;
                Some(first.start..first.start + len)
            })
            .map_or_else(|| loc(file, json), |span| Loc::new(file, span))
    }

    fn example_codes(
        &mut self,
        file: FileId,
        ex: &raw::RawExample,
        json: &Value,
        own: Option<EntryView<'_>>,
        platforms: &BTreeMap<String, ir::Platform>,
        known: &BTreeSet<u32>,
    ) {
        let objects = error_objects(json, &|k| platforms.contains_key(k));
        if let Some(own) = &own
            && !objects.iter().any(|o| o.code == Some(own.code))
        {
            let shown: Vec<String> = objects
                .iter()
                .filter_map(|o| o.code)
                .map(|c| c.to_string())
                .collect();
            self.push(
                    Diagnostic::error("E0402", format!("example does not show error {}", own.code))
                        .at(loc(file, &ex.title), "this example")
                        .help(if shown.is_empty() {
                            "the body holds no error object with a `code`; attach it to the catalog instead ([[catalog.example]])".to_string()
                        } else {
                            format!("it shows {}: move it to that entry", shown.join(", "))
                        }),
                );
        }
        for o in &objects {
            if let Some(c) = o.code
                && !known.contains(&c)
            {
                let at = self.json_loc(file, &ex.json, "code", &c.to_string());
                self.push(
                    Diagnostic::error(
                        "E0403",
                        format!("example shows code {c}, which is not in the catalog"),
                    )
                    .at(at, "unknown code")
                    .help("every code in an example must have its own entry"),
                );
            }
            if let Some(p) = &o.platform {
                let value = serde_json::to_string(p).unwrap_or_default();
                if !platforms.contains_key(p) {
                    let at = self.json_loc(file, &ex.json, "platform", &value);
                    self.push(
                        Diagnostic::error(
                            "E0404",
                            format!("example names platform `{p}`, which is not in the catalog"),
                        )
                        .at(at, "unknown platform")
                        .help("add it as `[[platform]]` or correct the example"),
                    );
                } else if let Some(own) = &own
                    && o.code == Some(own.code)
                    && !own.platforms.is_empty()
                    && !own.platforms.contains(p)
                {
                    let at = self.json_loc(file, &ex.json, "platform", &value);
                    self.push(
                        Diagnostic::error(
                            "E0404",
                            format!(
                                "example shows error {} on `{p}`, which the entry does not list",
                                own.code
                            ),
                        )
                        .at(at, "not one of the entry's platforms")
                        .help(format!(
                            "add `{p}` to the entry's `platforms`, or correct the example"
                        )),
                    );
                }
            }
        }
        for p in posted_platforms(json) {
            if !platforms.contains_key(&p) {
                let value = serde_json::to_string(&p).unwrap_or_default();
                let at = self.json_loc(file, &ex.json, "platform", &value);
                self.push(
                    Diagnostic::error(
                        "E0404",
                        format!("example names platform `{p}`, which is not in the catalog"),
                    )
                    .at(at, "in `postIds`")
                    .help("add it as `[[platform]]` or correct the example"),
                );
            }
        }
    }
}

struct EntryView<'a> {
    code: u32,
    platforms: &'a [String],
}

/// An error object found in a response body: its code and platform.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundError {
    pub code: Option<u32>,
    pub platform: Option<String>,
}

/// Every error object of a response body, wherever the API puts it: the body
/// itself, entries of `errors` and `warnings`, and objects under any other
/// top-level key (platform-keyed results, legacy sub-objects).
pub fn error_objects(body: &Value, is_platform: &dyn Fn(&str) -> bool) -> Vec<FoundError> {
    let mut out = Vec::new();
    let Value::Object(map) = body else {
        return out;
    };
    let found = |o: &serde_json::Map<String, Value>, key: Option<&str>| FoundError {
        code: o
            .get("code")
            .and_then(Value::as_u64)
            .and_then(|c| u32::try_from(c).ok()),
        platform: o
            .get("platform")
            .and_then(Value::as_str)
            .or_else(|| {
                o.get("resolution")
                    .and_then(|r| r.get("platform"))
                    .and_then(Value::as_str)
            })
            .or(key)
            .map(str::to_string),
    };
    if map.contains_key("code") {
        out.push(found(map, None));
    }
    for (k, v) in map {
        match (k.as_str(), v) {
            ("errors" | "warnings", Value::Array(items)) => {
                for item in items {
                    if let Value::Object(o) = item {
                        out.push(found(o, None));
                    }
                }
            }
            ("resolution", _) => {}
            (_, Value::Object(o)) if o.contains_key("code") => {
                // A key that names a platform says which platform failed;
                // other keys (a legacy `thumbnail` object) say nothing about it.
                out.push(found(o, is_platform(k).then_some(k.as_str())));
            }
            _ => {}
        }
    }
    out
}

fn posted_platforms(body: &Value) -> Vec<String> {
    body.get("postIds")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| {
            p.get("platform")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .collect()
}

/// Derived links: who replaces a code, and which other entries' examples show it.
fn link_entries(errors: &mut [ir::ErrorEntry]) {
    let mut replaced_by: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    let mut shown_in: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    for e in errors.iter() {
        for r in &e.replaces {
            replaced_by.entry(*r).or_default().push(e.code);
        }
        for ex in &e.examples {
            for o in error_objects(&ex.json, &|_| false) {
                if let Some(c) = o.code.filter(|c| *c != e.code) {
                    shown_in.entry(c).or_default().insert(e.code);
                }
            }
        }
    }
    for e in errors.iter_mut() {
        let mut r = replaced_by.remove(&e.code).unwrap_or_default();
        r.sort_unstable();
        e.replaced_by = r;
        e.shown_in = shown_in
            .remove(&e.code)
            .unwrap_or_default()
            .into_iter()
            .collect();
    }
}

/// A known code that looks like a typo of `c`: one digit changed, added
/// or dropped, or two digits swapped.
pub fn nearest_code(c: u32, known: &BTreeSet<u32>) -> Option<u32> {
    let text = c.to_string();
    let swapped = |k: &str| {
        let (a, b) = (text.as_bytes(), k.as_bytes());
        a.len() == b.len() && {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            diff.len() == 2 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]
        }
    };
    known
        .iter()
        .filter_map(|k| {
            let ks = k.to_string();
            let d = names::edit_distance(&text, &ks);
            (d <= 1 || swapped(&ks)).then_some((d, *k))
        })
        .min()
        .map(|(_, k)| k)
}

/// Byte offset in `text` of serde_json's 1-based line and column.
fn json_error_offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let mut offset: usize = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            // Column 0 means "just after the line break": the culprit is
            // the break itself, at the end of the line before.
            if column == 0 {
                return Some(offset.saturating_sub(1));
            }
            return Some(offset + (column - 1).min(l.len()));
        }
        offset += l.len();
    }
    None
}

/// Byte offset and length of `value` in the first `"key": value` of `text`.
fn find_key_value(text: &str, key: &str, value: &str) -> Option<(usize, usize)> {
    let quoted = format!("\"{key}\"");
    let mut from = 0;
    while let Some(i) = text[from..].find(&quoted) {
        let after = from + i + quoted.len();
        let rest = &text[after..];
        let trimmed = rest.trim_start();
        if let Some(r) = trimmed.strip_prefix(':') {
            let r2 = r.trim_start();
            if r2.starts_with(value) {
                let start = text.len() - r2.len();
                return Some((start, value.len()));
            }
        }
        from = after;
    }
    None
}

/// Map an offset inside a string value back into the file. Works when the
/// string is a literal string (`'...'` or `'''...'''`), whose text is the
/// file's own bytes; for other strings the caller shows the whole value.
fn locate_in_source(
    source: &str,
    value_span: Range<usize>,
    text: &str,
    offset: usize,
) -> Option<Range<usize>> {
    let raw = source.get(value_span.clone())?;
    let mut start = value_span.start;
    if let Some(rest) = raw.strip_prefix("'''") {
        start += 3;
        // The newline right after the opening quotes is not part of the value.
        if rest.starts_with("\r\n") {
            start += 2;
        } else if rest.starts_with('\n') {
            start += 1;
        }
    } else if raw.starts_with('\'') {
        start += 1;
    } else {
        return None;
    }
    (source.get(start..start + text.len())? == text).then(|| {
        let at = start + offset.min(text.len().saturating_sub(1));
        at..at + 1
    })
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
