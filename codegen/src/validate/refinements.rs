//! Sub-codes and cases: what refines one code, and the overrides each
//! brings.

use std::collections::BTreeMap;

use toml::Spanned;

use super::{Validator, loc};
use crate::diag::{Diagnostic, FileId, Loc};
use crate::ir::{self, Code, Relink, Remedy};
use crate::names;
use crate::raw;

impl Validator<'_> {
    pub(super) fn subcodes(
        &mut self,
        file: FileId,
        e: &raw::RawError,
        code: &Code,
        messages: &[String],
    ) -> Vec<ir::Subcode> {
        let mut out: Vec<ir::Subcode> = Vec::new();
        let mut first: BTreeMap<u64, Loc> = BTreeMap::new();
        for s in &e.subcode {
            let s = s.get_ref();
            let Ok(sub) = u64::try_from(*s.code.get_ref()) else {
                self.error(
                    "E0302",
                    format!("{} is not a valid sub-code", s.code.get_ref()),
                    loc(file, &s.code),
                    "expected a non-negative number",
                );
                continue;
            };
            if let Some(f) = first.get(&sub) {
                self.push(
                    Diagnostic::error(
                        "E0310",
                        format!("sub-code {sub} is listed twice on error {code}"),
                    )
                    .at(loc(file, &s.code), "listed again here")
                    .note(f.clone(), "first listed here")
                    .help("merge the two `[[error.subcode]]` tables"),
                );
                continue;
            }
            first.insert(sub, loc(file, &s.code));
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
                code: sub,
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

    pub(super) fn cases(
        &mut self,
        file: FileId,
        e: &raw::RawError,
        code: &Code,
        messages: &[String],
    ) -> Vec<ir::Case> {
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
                        format!("case `{id}` is defined twice on error {code}"),
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
    pub(super) fn listed_message(
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
}
