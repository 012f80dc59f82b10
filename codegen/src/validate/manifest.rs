//! `[catalog]`: the manifest's keys with their defaults, and the lists it
//! holds (headers, response fields, format examples, the envelope).

use std::collections::BTreeMap;

use toml::Spanned;

use super::{Context, Manifest, Validator, loc};
use crate::diag::{Diagnostic, FileId, Loc};
use crate::ir;
use crate::load::Loaded;
use crate::names;
use crate::raw;

/// The version of a catalog that states none.
pub const DEFAULT_VERSION: &str = "0.1.0";

impl Validator<'_> {
    /// The one `[catalog]` table, with the file that holds it.
    pub(super) fn manifest<'l>(&mut self, loaded: &'l Loaded) -> Option<Manifest<'l>> {
        let manifests: Vec<(FileId, &Spanned<raw::RawManifest>)> = loaded
            .files
            .iter()
            .filter_map(|(f, rf)| rf.catalog.as_ref().map(|m| (*f, m)))
            .collect();
        let Some(&(file, m)) = manifests.first() else {
            let mut d = Diagnostic::error("E0201", "the catalog has no `[catalog]` manifest").help(
                "add a file (conventionally `catalog.toml`) with a `[catalog]` table holding at least `name = \"...\"`",
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
        Some((file, m.get_ref()))
    }

    /// The manifest's keys, checked, with the defaults of those left out.
    pub(super) fn meta(&mut self, file: FileId, m: &raw::RawManifest) -> Option<ir::Meta> {
        let name = self.text(file, &m.name)?;
        let name_ok = names::is_package_name(&name);
        if !name_ok {
            self.error(
                "E0203",
                format!("`{name}` is not a valid catalog name"),
                loc(file, &m.name),
                "expected lower-case letters, digits, `-` or `_`, starting with a letter",
            );
        }
        let default_package = format!("{name}-errors");
        let rust_crate = match &m.rust_crate {
            Some(r) => {
                let v = r.get_ref().clone();
                if !names::is_package_name(&v) || v.len() > 64 {
                    self.error(
                        "E0203",
                        format!("`{v}` is not a valid Rust crate name"),
                        loc(file, r),
                        "expected lower-case letters, digits, `-` or `_`, starting with a letter",
                    );
                }
                v
            }
            None => default_package.clone(),
        };
        if m.rust_crate.is_none() && name_ok && default_package.len() > 64 {
            self.error(
                "E0203",
                format!("the default crate name `{default_package}` is longer than 64 characters"),
                loc(file, &m.name),
                "a shorter name, or set `rust_crate`",
            );
        }
        let npm_package = match &m.npm_package {
            Some(n) => {
                let v = n.get_ref().clone();
                if !names::is_npm_name(&v) {
                    self.error(
                        "E0203",
                        format!("`{v}` is not a valid npm package name"),
                        loc(file, n),
                        "expected `name` or `@scope/name` in lower case",
                    );
                }
                v
            }
            None => default_package.clone(),
        };
        let python_package = match &m.python_package {
            Some(p) => {
                let v = p.get_ref().clone();
                if !names::is_python_name(&v) {
                    self.error(
                        "E0203",
                        format!("`{v}` is not a valid Python distribution name"),
                        loc(file, p),
                        "expected ASCII letters, digits, `-`, `_` or `.`, starting and ending with a letter or digit",
                    );
                }
                v
            }
            None => default_package,
        };
        let module = python_package.replace(['-', '.'], "_").to_ascii_lowercase();
        // A bad catalog name is reported once, not again through the
        // package name made from it.
        if (name_ok || m.python_package.is_some()) && !names::is_python_module(&module) {
            let at = m.python_package.as_ref().unwrap_or(&m.name);
            self.error(
                "E0203",
                format!("the Python package would be imported as `{module}`, which Python cannot import"),
                loc(file, at),
                "set `python_package` to a name that starts with a letter and is not a Python keyword",
            );
        }
        let version = match &m.version {
            Some(v) => {
                let text = v.get_ref().clone();
                if !names::is_semver(&text) {
                    self.error(
                        "E0203",
                        format!("`{text}` is not a semantic version"),
                        loc(file, v),
                        "expected MAJOR.MINOR.PATCH, such as `1.4.0`",
                    );
                }
                text
            }
            None => DEFAULT_VERSION.to_string(),
        };
        for u in [m.docs_url.as_ref(), m.source_url.as_ref()]
            .into_iter()
            .flatten()
        {
            if !names::is_url(u.get_ref()) {
                // Shown escaped: the text may hold invisible characters.
                self.push(
                    Diagnostic::error("E0203", format!("`{}` is not a usable http(s) URL", u.get_ref().escape_debug()))
                        .at(loc(file, u), "not a URL errcat can use")
                        .help("a URL starts with `https://` or `http://` and holds printable ASCII only; percent-encode anything else"),
                );
            }
        }
        let title = match &m.title {
            Some(t) => self.text(file, t)?,
            None => name.clone(),
        };
        let description = self.opt_text(file, m.description.as_ref());
        Some(ir::Meta {
            name,
            title,
            description,
            version,
            docs_url: m.docs_url.as_ref().map(|d| d.get_ref().clone()),
            source_url: m.source_url.as_ref().map(|s| s.get_ref().clone()),
            rust_crate,
            npm_package,
            python_package,
        })
    }

    /// `[catalog.envelope]`, checked; `None` when it has a problem (the
    /// diagnostics say which).
    pub(super) fn envelope(
        &mut self,
        file: FileId,
        e: &Spanned<raw::RawEnvelope>,
    ) -> Option<ir::Envelope> {
        let r = e.get_ref();
        let before = self.error_count();
        // An empty code field is reported, and the paths still checked.
        let code_field = match &r.code_field {
            Some(c) => self.text(file, c).unwrap_or_default(),
            None => "code".to_string(),
        };
        let mut paths = |list: &[Spanned<String>], what: Place| -> Vec<ir::Path> {
            list.iter()
                .filter_map(|p| self.envelope_path(file, p, what))
                .collect()
        };
        let errors = paths(&r.errors, Place::Object);
        let warnings = paths(&r.warnings, Place::Object);
        let nested = paths(&r.nested, Place::Body);
        let platform = paths(&r.platform, Place::Platform);
        if r.errors.is_empty() && r.warnings.is_empty() {
            self.push(
                Diagnostic::error("E0209", "the envelope says nowhere where error objects sit")
                    .at(loc(file, e), "no `errors` or `warnings` paths")
                    .help("list them, such as `errors = [\"errors[]\"]`, or remove `[catalog.envelope]`: without one, the body itself is the error object"),
            );
        }
        let any_key = errors
            .iter()
            .chain(&warnings)
            .any(|p| p.0.contains(&ir::Segment::AnyKey));
        let mut marker = Vec::new();
        for (field, value) in &r.marker {
            if !any_key {
                self.push(
                    Diagnostic::error(
                        "E0209",
                        "a marker applies to error objects found under `*`, and no path has one",
                    )
                    .at(loc(file, value), "nothing to mark")
                    .help("add `*` to `errors`, or remove the marker"),
                );
            }
            if let Some(v) = self.text(file, value) {
                marker.push((field.clone(), v));
            }
        }
        (self.error_count() == before).then_some(ir::Envelope {
            declared: true,
            code_field,
            errors,
            warnings,
            nested,
            platform,
            marker,
        })
    }

    fn envelope_path(
        &mut self,
        file: FileId,
        p: &Spanned<String>,
        place: Place,
    ) -> Option<ir::Path> {
        match crate::envelope::parse_path(p.get_ref()) {
            Ok(path) => {
                let uses = |s: ir::Segment| path.0.contains(&s);
                let wrong = match place {
                    Place::Platform
                        if uses(ir::Segment::PlatformKey)
                            || uses(ir::Segment::AnyKey)
                            || uses(ir::Segment::Each)
                            || uses(ir::Segment::Body) =>
                    {
                        Some("a platform path names a field of the error object, or `{key}`")
                    }
                    Place::Object | Place::Body if uses(ir::Segment::ParentKey) => {
                        Some("`{key}` only names the key an error object sat under, in `platform`")
                    }
                    Place::Body if uses(ir::Segment::Body) => {
                        Some("the body is read already; `nested` lists parts of it")
                    }
                    _ => None,
                };
                if let Some(why) = wrong {
                    self.error(
                        "E0209",
                        format!("`{}` cannot be used here", p.get_ref()),
                        loc(file, p),
                        why,
                    );
                    return None;
                }
                Some(path)
            }
            Err(why) => {
                self.push(
                    Diagnostic::error("E0209", format!("`{}` is not a response path", p.get_ref().escape_debug()))
                        .at(loc(file, p), why)
                        .help("a path is `.` (the body), keys joined by `.`, `[]` after a key for each element of an array, `{platform}` for keys that are platform ids, or `*` for any other key"),
                );
                None
            }
        }
    }

    /// Headers, fields and examples of the manifest.
    pub(super) fn manifest_lists(
        &mut self,
        file: FileId,
        m: &raw::RawManifest,
        cx: &Context,
    ) -> (Vec<ir::Header>, Vec<ir::Field>, Vec<ir::Example>) {
        let mut headers = Vec::new();
        let mut fields = Vec::new();
        let mut examples = Vec::new();
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
                .and_then(|h| self.listed_status(*h.get_ref(), loc(file, h), &cx.statuses));
            self.text(file, &exr.title);
            if let Some(json) = self.example_json(file, exr) {
                self.example_codes(file, exr, &json, None, cx);
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
}

/// What an envelope path points at, for the checks that differ.
#[derive(Clone, Copy)]
enum Place {
    Object,
    Body,
    Platform,
}
