//! Retry policies, and the remedy that must agree with the retry policy
//! and the relink requirement where both are stated.

use std::ops::Range;

use toml::Spanned;

use super::{Validator, loc};
use crate::diag::{Diagnostic, FileId, Loc};
use crate::ir::{Relink, Remedy, RetryKind, RetryPolicy};
use crate::raw;

impl Validator<'_> {
    pub(super) fn retry(
        &mut self,
        file: FileId,
        r: &Spanned<raw::RawRetry>,
    ) -> Option<RetryPolicy> {
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

    /// The remedy must follow from the relink requirement and the retry
    /// policy. Checked only where the relink requirement is stated: without
    /// it, a `relink` remedy may be right whatever the retry policy.
    pub(super) fn remedy_consistent(
        &mut self,
        file: FileId,
        at: &Spanned<String>,
        retry: Option<RetryKind>,
        relink: Relink,
        remedy: Remedy,
    ) {
        let expected: Option<Remedy> = if relink == Relink::Required {
            Some(Remedy::Relink)
        } else {
            match retry {
                Some(RetryKind::Backoff) => Some(Remedy::Retry),
                Some(RetryKind::AfterDelay) => Some(Remedy::RetryAfter),
                Some(RetryKind::AfterEvent) => Some(Remedy::WaitForEvent),
                Some(RetryKind::FailedPlatforms) => Some(Remedy::RetryFailedPlatforms),
                Some(RetryKind::Never) => None,
                // No retry policy stated: nothing to hold the remedy to.
                None => return,
            }
        };
        let why = match retry {
            _ if relink == Relink::Required => "the entry requires a relink".to_string(),
            Some(r) => format!("the retry policy is `{}`", r.as_str()),
            None => String::new(),
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
}
