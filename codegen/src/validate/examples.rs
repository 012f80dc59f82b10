//! Example bodies: valid JSON objects, read through the catalog's
//! envelope, showing only codes and platforms the catalog has.

use std::ops::Range;

use serde_json::Value;
use toml::Spanned;

use super::{Context, Validator, loc};
use crate::diag::{Diagnostic, FileId, Loc};
use crate::envelope;
use crate::ir::{self, Code};
use crate::raw;

/// What an entry's own examples are checked against.
pub(super) struct EntryView<'a> {
    pub code: &'a Code,
    /// `None` when the entry states no platforms.
    pub platforms: Option<&'a [String]>,
    pub subcodes: &'a [ir::Subcode],
    pub cases: &'a [ir::Case],
}

impl Validator<'_> {
    /// The examples of one entry, checked.
    pub(super) fn entry_examples(
        &mut self,
        file: FileId,
        e: &raw::RawError,
        own: &EntryView<'_>,
        cx: &Context,
    ) -> Vec<ir::Example> {
        let code = own.code;
        let mut examples = Vec::new();
        for ex in &e.example {
            let exr = ex.get_ref();
            self.text(file, &exr.title);
            let Some(json) = self.example_json(file, exr) else {
                continue;
            };
            self.example_codes(file, exr, &json, Some(own), cx);
            let http = exr
                .http
                .as_ref()
                .and_then(|h| self.listed_status(*h.get_ref(), loc(file, h), &cx.statuses));
            let subcode = exr.subcode.as_ref().and_then(|s| {
                let v = u64::try_from(*s.get_ref()).ok();
                if v.is_none_or(|v| !own.subcodes.iter().any(|x| x.code == v)) {
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
                if !own.cases.iter().any(|x| &x.id == c.get_ref()) {
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
        examples
    }

    pub(super) fn example_json(&mut self, file: FileId, ex: &raw::RawExample) -> Option<Value> {
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
    pub(super) fn json_loc(
        &self,
        file: FileId,
        json: &Spanned<String>,
        key: &str,
        value: &str,
    ) -> Loc {
        let text = json.get_ref();
        let source = &self.sources.get(file).text;
        find_key_value(text, key, value)
            .and_then(|(start, len)| {
                let first = locate_in_source(source, json.span(), text, start)?;
                Some(first.start..first.start + len)
            })
            .map_or_else(|| loc(file, json), |span| Loc::new(file, span))
    }

    /// The codes and platforms an example shows, read through the
    /// envelope: an entry's example shows its own code, every code is in
    /// the catalog, every platform too.
    pub(super) fn example_codes(
        &mut self,
        file: FileId,
        ex: &raw::RawExample,
        json: &Value,
        own: Option<&EntryView<'_>>,
        cx: &Context,
    ) {
        let is_platform = |k: &str| cx.platforms.contains_key(k);
        let objects =
            envelope::error_objects(&cx.envelope, cx.kind, &cx.envelope_keys, &is_platform, json);
        if let Some(own) = own
            && !objects.iter().any(|o| o.code.as_ref() == Some(own.code))
        {
            let shown: Vec<String> = objects
                .iter()
                .filter_map(|o| o.code.as_ref())
                .map(|c| c.to_string())
                .collect();
            self.push(
                    Diagnostic::error("E0402", format!("example does not show error {}", own.code))
                        .at(loc(file, &ex.title), "this example")
                        .help(if shown.is_empty() {
                            format!(
                                "the body holds no error object with a `{}` where the catalog's envelope puts them; attach it to the catalog instead ([[catalog.example]])",
                                cx.envelope.code_field
                            )
                        } else {
                            format!("it shows {}: move it to that entry", shown.join(", "))
                        }),
                );
        }
        for o in &objects {
            if let Some(c) = &o.code
                && !cx.known.contains(c)
            {
                let at = self.json_loc(
                    file,
                    &ex.json,
                    &cx.envelope.code_field,
                    &c.to_json().to_string(),
                );
                self.push(
                    Diagnostic::error(
                        "E0403",
                        format!("example shows code {c}, which is not in the catalog"),
                    )
                    .at(at, "unknown code")
                    .help("every code in an example must have its own entry"),
                );
            }
            if let (Some(p), Some(own)) = (&o.platform, own) {
                let entry_lists = own.platforms.filter(|l| !l.is_empty());
                if o.code.as_ref() == Some(own.code)
                    && cx.platforms.contains_key(p)
                    && entry_lists.is_some_and(|l| !l.contains(p))
                {
                    let value = serde_json::to_string(p).unwrap_or_default();
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
        // Every value of a field that names platforms must be a platform of
        // the catalog, wherever in the body it sits.
        if !cx.platform_fields.is_empty() {
            let mut named = Vec::new();
            platform_values(json, &cx.platform_fields, &mut named);
            let mut reported: Vec<&str> = Vec::new();
            for (field, p) in named {
                if cx.platforms.contains_key(p) || reported.contains(&p) {
                    continue;
                }
                reported.push(p);
                let value = serde_json::to_string(p).unwrap_or_default();
                let at = self.json_loc(file, &ex.json, field, &value);
                self.push(
                    Diagnostic::error(
                        "E0404",
                        format!("example names platform `{p}`, which is not in the catalog"),
                    )
                    .at(at, "unknown platform")
                    .help("add it as `[[platform]]` or correct the example"),
                );
            }
        }
    }
}

/// Every string under a key of `fields`, anywhere in `v`, with its key.
fn platform_values<'a>(v: &'a Value, fields: &'a [String], out: &mut Vec<(&'a str, &'a str)>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                match x {
                    Value::String(s) if fields.contains(k) => out.push((k.as_str(), s.as_str())),
                    _ => platform_values(x, fields, out),
                }
            }
        }
        Value::Array(items) => {
            for x in items {
                platform_values(x, fields, out);
            }
        }
        _ => {}
    }
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
