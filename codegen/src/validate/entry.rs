//! One `[[error]]`: its facts, each optional but the code, name and title,
//! and the rules between facts that are stated together.

use super::examples::EntryView;
use super::{Context, Validator, loc};
use crate::diag::{Diagnostic, FileId};
use crate::ir::{self, Appearance, Code, Relink, Remedy, Severity};
use crate::names;
use crate::raw::{self, RawHttp};

impl Validator<'_> {
    pub(super) fn entry(
        &mut self,
        file: FileId,
        e: &raw::RawError,
        code: &Code,
        cx: &Context,
    ) -> Option<ir::ErrorEntry> {
        let errors_before = self.error_count();
        let title = self.text(file, &e.title);
        let description = self.opt_text(file, e.description.as_ref());
        let advice = self.opt_text(file, e.advice.as_ref());
        let group = e
            .group
            .as_ref()
            .and_then(|g| self.group_ref(file, g, &cx.groups));

        let http_status = match e.http.as_ref() {
            None => None,
            Some(h) => match h.get_ref() {
                RawHttp::Word(w) if w == "unstated" => None,
                RawHttp::Word(w) => {
                    self.error(
                        "E0313",
                        format!("`{w}` is not an HTTP status"),
                        loc(file, h),
                        "expected a status number, or \"unstated\"",
                    );
                    None
                }
                RawHttp::Status(s) => self.listed_status(*s, loc(file, h), &cx.statuses),
            },
        };

        let action = match e.action.as_ref() {
            None => None,
            Some(a) => match a.get_ref().as_str() {
                "unstated" => None,
                t if t.trim().is_empty() => {
                    self.error(
                        "E0314",
                        "text must not be empty",
                        loc(file, a),
                        "empty action; leave `action` out when none is documented",
                    );
                    None
                }
                t => Some(t.to_string()),
            },
        };

        let platforms = e.platforms.as_ref().map(|list| {
            let mut plats: Vec<String> = Vec::new();
            for p in list.get_ref() {
                let id = p.get_ref();
                if !cx.platforms.contains_key(id) {
                    self.unknown_platform(file, p, &cx.platforms);
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
            plats
        });

        let severity = e
            .severity
            .as_ref()
            .and_then(|s| self.word::<Severity>(file, s, "severity"));
        let appears_in = e
            .appears_in
            .as_ref()
            .map(|list| self.positions(file, code, list));
        self.severity_fits(file, e, code, severity, http_status, cx);

        let retry = e.retry.as_ref().and_then(|r| self.retry(file, r));
        let relink = e
            .relink
            .as_ref()
            .and_then(|r| self.word::<Relink>(file, r, "relink value"));
        let remedy = e
            .remedy
            .as_ref()
            .and_then(|r| self.word::<Remedy>(file, r, "remedy"));
        if let (Some(at), Some(remedy), Some(relink)) = (&e.remedy, remedy, relink) {
            self.remedy_consistent(file, at, retry.as_ref().map(|r| r.kind()), relink, remedy);
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

        let refs = |v: &mut Self, list: &[toml::Spanned<raw::RawCode>], key: &str| {
            v.code_refs(file, list, code, cx.kind, &cx.known, key)
        };
        let superseded_by = refs(self, &e.superseded_by, "superseded_by");
        let replaces = refs(self, &e.replaces, "replaces");
        let related = refs(self, &e.related, "related");
        let retired = self.opt_text(file, e.retired.as_ref());

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

        let subcodes = self.subcodes(file, e, code, &messages);
        let cases = self.cases(file, e, code, &messages);

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

        let own = EntryView {
            code,
            platforms: platforms.as_deref(),
            subcodes: &subcodes,
            cases: &cases,
        };
        let examples = self.entry_examples(file, e, &own, cx);

        if self.error_count() > errors_before {
            return None;
        }
        let anchor = format!("code-{code}");
        let docs_url = cx.docs_url.as_ref().map(|u| ir::code_page_url(u, code));
        Some(ir::ErrorEntry {
            code: code.clone(),
            name: e.name.get_ref().clone(),
            title: title?,
            group,
            http_status,
            action,
            platforms,
            severity,
            appears_in,
            retry,
            relink,
            remedy,
            messages,
            description,
            advice,
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

    /// `appears_in`: known words, each once, at least one.
    fn positions(
        &mut self,
        file: FileId,
        code: &Code,
        list: &toml::Spanned<Vec<toml::Spanned<String>>>,
    ) -> Vec<Appearance> {
        let mut out = Vec::new();
        for a in list.get_ref() {
            if let Some(w) = self.word::<Appearance>(file, a, "response position") {
                if out.contains(&w) {
                    self.error(
                        "E0320",
                        format!("`{}` is listed twice", w.as_str()),
                        loc(file, a),
                        "listed again here",
                    );
                } else {
                    out.push(w);
                }
            }
        }
        if list.get_ref().is_empty() {
            self.push(
                Diagnostic::error(
                    "E0318",
                    format!("error {code} does not say where it appears in a response"),
                )
                .at(loc(file, list), "empty list")
                .help(format!(
                    "list one or more of {}, or leave `appears_in` out",
                    Appearance::words()
                )),
            );
        }
        out
    }

    /// A warning sits in `warnings` and an error does not; an error never
    /// comes with the success status. Checked where the facts are stated.
    fn severity_fits(
        &mut self,
        file: FileId,
        e: &raw::RawError,
        code: &Code,
        severity: Option<Severity>,
        http_status: Option<u16>,
        cx: &Context,
    ) {
        let warnings_item = e.appears_in.as_ref().and_then(|list| {
            list.get_ref()
                .iter()
                .find(|a| Appearance::parse(a.get_ref()) == Some(Appearance::WarningsArray))
        });
        match (severity, warnings_item) {
            (Some(Severity::Error), Some(item)) => self.push(
                Diagnostic::error(
                    "E0317",
                    format!("error {code} appears in `warnings` but its severity is `error`"),
                )
                .at(loc(file, item), "only warnings sit here")
                .help("set `severity = \"warning\"`, or remove `warnings-array`"),
            ),
            (Some(Severity::Warning), None)
                if e.appears_in
                    .as_ref()
                    .is_some_and(|l| !l.get_ref().is_empty()) =>
            {
                let at = e
                    .severity
                    .as_ref()
                    .map_or_else(|| loc(file, &e.code), |s| loc(file, s));
                self.push(
                    Diagnostic::error("E0317", format!("warning {code} does not appear in `warnings`"))
                        .at(at, "a warning")
                        .help("add `warnings-array` to `appears_in`: a warning sits in the `warnings` of a successful response"),
                );
            }
            _ => {}
        }
        if severity == Some(Severity::Error)
            && let (Some(s), Some(h)) = (http_status.and_then(|s| cx.statuses.get(&s)), &e.http)
            && s.success
        {
            self.push(
                        Diagnostic::error("E0317", format!("error {code} has the success status {}", s.code))
                            .at(loc(file, h), "a success status")
                            .help("give the error status the API returns, or make the entry a warning (`severity = \"warning\"`)"),
                    );
        }
    }
}
