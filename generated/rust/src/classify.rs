//! What a response means for a program: what failed, where, and what to do.
//!
//! The rules are written out in `docs/classification.md`; the TypeScript
//! package implements the same rules, and a parity test holds both to
//! identical output. The catalog supplies the facts per code; the response
//! adds what it says itself (`retryAvailable`, `relink`, `resolution`,
//! `errCode`, the delay in `details`).

use serde::Serialize;

use crate::response::{ErrorObject, Response};
use crate::{Code, Relink, Remedy, RetryPolicy, Severity};

/// The verdict on one response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Classification {
    /// The request fully succeeded.
    pub ok: bool,
    /// The top-level `status`, when it is `"error"` or `"success"`.
    pub status: Option<Status>,
    /// Some platforms posted, others failed.
    pub partial_success: bool,
    /// Platforms with an error, sorted.
    pub failed_platforms: Vec<String>,
    /// Platforms whose post went out, sorted.
    pub succeeded_platforms: Vec<String>,
    /// Sending the whole request again creates no duplicate post.
    pub safe_to_resubmit_all: bool,
    /// Every error, in response order.
    pub errors: Vec<Verdict>,
    /// Every warning, in response order.
    pub warnings: Vec<Verdict>,
}

/// The top-level `status` of a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// `"error"`.
    Error,
    /// `"success"`.
    Success,
}

/// The verdict on one error or warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The platform it concerns, if the response says.
    pub platform: Option<String>,
    /// The code, when the object has a numeric one.
    pub code: Option<u32>,
    /// Whether the catalog knows the code.
    pub known: bool,
    /// The catalog's name for it.
    pub name: Option<&'static str>,
    /// Error or warning.
    pub severity: Severity,
    /// A retry (of the same request) can succeed.
    pub retryable: bool,
    /// The user must unlink and relink the account.
    pub relink: bool,
    /// Seconds to wait, when the response carries a delay.
    pub retry_after_secs: Option<u64>,
    /// What to do.
    pub remedy: Remedy,
}

impl Serialize for Severity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for Remedy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Classify a raw body and, when known, its HTTP status. Any bytes are
/// accepted: a body that is empty or not a JSON object is judged by the
/// HTTP status alone.
pub fn classify_body(body: &[u8], http_status: Option<u16>) -> Classification {
    match Response::from_slice(body) {
        Ok(r) => classify(&r, http_status),
        Err(_) => classify_status_only(http_status),
    }
}

/// HTTP statuses that say "try again later" on their own.
fn transient_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

fn classify_status_only(http_status: Option<u16>) -> Classification {
    let ok = http_status == Some(200);
    let errors = match http_status {
        Some(200) => Vec::new(),
        status => {
            let retryable = status.is_some_and(transient_status);
            vec![Verdict {
                platform: None,
                code: None,
                known: false,
                name: None,
                severity: Severity::Error,
                retryable,
                relink: false,
                retry_after_secs: None,
                remedy: if retryable {
                    Remedy::Retry
                } else {
                    Remedy::FixRequest
                },
            }]
        }
    };
    Classification {
        ok,
        status: None,
        partial_success: false,
        failed_platforms: Vec::new(),
        succeeded_platforms: Vec::new(),
        // A 4xx was refused before anything was posted; after a 5xx or
        // with no status at all, nobody can tell.
        safe_to_resubmit_all: http_status.is_some_and(|s| (400..500).contains(&s)),
        errors,
        warnings: Vec::new(),
    }
}

/// The response itself, then the whole responses nested in it (results
/// per profile, and per endpoint), borrowed: the parts of a nested
/// response count as parts of this one.
fn parts(r: &Response) -> impl Iterator<Item = &Response> {
    std::iter::once(r)
        .chain(r.profiles())
        .chain(r.nested().map(|(_, n)| n))
}

/// The error objects of one part, in response order.
fn part_errors(r: &Response) -> impl Iterator<Item = ErrorObject<'_>> {
    // A top-level error next to an `errors` list summarises it (441's total
    // failure); on its own it is the error.
    let mut listed = r.errors().peekable();
    let top = match listed.peek() {
        None => r.top_level_error(),
        Some(_) => None,
    };
    top.into_iter()
        .chain(listed)
        .chain(r.platform_errors())
        .chain(r.endpoint_errors())
}

/// The platforms whose post went out, by one part's `postIds`.
fn part_posted(r: &Response) -> impl Iterator<Item = &str> {
    r.post_ids()
        .filter(|p| p.status().is_none_or(|s| s == "success"))
        .filter_map(|p| p.platform())
}

/// Error or warning: a warning stays one, an error object takes the
/// catalog's severity of its code.
fn severity(o: &ErrorObject<'_>, found_as: Severity) -> Severity {
    if found_as == Severity::Warning {
        return Severity::Warning;
    }
    // As `verdict` decides it: unknown codes stay what they were found as.
    o.code()
        .and_then(Code::info)
        .map_or(found_as, |info| info.severity)
}

/// The names sorted and without repeats, as owned strings: one allocation
/// for the list (`bound`, the number of names, is its capacity) and one per
/// distinct name.
fn sorted_unique<'a>(names: impl Iterator<Item = &'a str>, bound: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(bound);
    if bound > 64 {
        // A long list is sorted once rather than kept sorted by insertion,
        // which moves elements quadratically; a repeated name then costs an
        // allocation of its own.
        out.extend(names.map(str::to_string));
        out.sort_unstable();
        out.dedup();
        return out;
    }
    for name in names {
        if let Err(at) = out.binary_search_by(|s| s.as_str().cmp(name)) {
            out.insert(at, name.to_string());
        }
    }
    out
}

/// Classify a decoded response.
///
/// Allocates only what the result holds: the response is read in place
/// (nested responses included), counted first, and every list of the
/// result is allocated once, at its final size.
pub fn classify(r: &Response, http_status: Option<u16>) -> Classification {
    // Error objects that the catalog makes warnings, the other error
    // objects, warnings, post results that went out.
    let (mut n_demoted, mut n_errors, mut n_warnings, mut n_posted) = (0, 0, 0, 0);
    let mut success = false;
    for p in parts(r) {
        for o in part_errors(p) {
            if severity(&o, Severity::Error) == Severity::Warning {
                n_demoted += 1;
            } else {
                n_errors += 1;
            }
        }
        n_warnings += p.warnings().count();
        n_posted += part_posted(p).count();
        success |= p.status() == Some("success");
    }
    let some_posted = n_posted > 0;

    let mut errors = Vec::with_capacity(n_errors);
    let mut warnings = Vec::with_capacity(n_demoted + n_warnings);
    if n_errors + n_demoted > 0 {
        for o in parts(r).flat_map(part_errors) {
            let v = verdict(&o, http_status, some_posted, Severity::Error);
            if v.severity == Severity::Warning {
                warnings.push(v);
            } else {
                errors.push(v);
            }
        }
    }
    if n_warnings > 0 {
        for o in parts(r).flat_map(Response::warnings) {
            warnings.push(verdict(&o, http_status, some_posted, Severity::Warning));
        }
    }
    let with_platform = errors.iter().filter(|v| v.platform.is_some()).count();
    let failed = sorted_unique(
        errors.iter().filter_map(|v| v.platform.as_deref()),
        with_platform,
    );
    let succeeded = match n_posted {
        0 => Vec::new(),
        n => sorted_unique(parts(r).flat_map(part_posted), n),
    };

    let status = match r.status() {
        Some("error") => Some(Status::Error),
        Some("success") => Some(Status::Success),
        _ => None,
    };
    let http_ok = http_status.is_none_or(|s| s == 200);
    let ok = http_ok && status != Some(Status::Error) && errors.is_empty();
    let partial_success = !errors.is_empty() && !succeeded.is_empty();
    // Nothing went out: no successful post result, and the request as a
    // whole did not succeed.
    let safe_to_resubmit_all = succeeded.is_empty() && !ok && !success;
    Classification {
        ok,
        status,
        partial_success,
        failed_platforms: failed,
        succeeded_platforms: succeeded,
        safe_to_resubmit_all,
        errors,
        warnings,
    }
}

fn verdict(
    o: &ErrorObject<'_>,
    http_status: Option<u16>,
    some_posted: bool,
    found_as: Severity,
) -> Verdict {
    let code = o.code();
    let info = code.and_then(Code::info);
    let platform = o.platform().map(str::to_string);
    let said_retry = o.retry_available();
    let said_relink = o.relink();

    let Some(info) = info else {
        // A code the catalog does not know: the response and the HTTP
        // status are all there is to go on.
        let relink = said_relink == Some(true);
        let retryable = said_retry.unwrap_or_else(|| http_status.is_some_and(transient_status));
        let remedy = if found_as == Severity::Warning {
            Remedy::None
        } else if relink {
            Remedy::Relink
        } else if retryable {
            Remedy::Retry
        } else {
            Remedy::FixRequest
        };
        return Verdict {
            platform,
            code: code.map(Code::number),
            known: false,
            name: None,
            severity: found_as,
            retryable,
            relink,
            retry_after_secs: None,
            remedy,
        };
    };

    // Catalog defaults, then the sub-code the response names, then what
    // the response says itself.
    let mut relink_policy = info.relink;
    let mut remedy = info.remedy;
    let mut retry_available = None;
    for s in info.subcodes {
        let shown = s
            .response_field
            .and_then(|f| o.get(f))
            .and_then(serde_json::Value::as_u64)
            == Some(s.code);
        let by_message = s.message.is_some() && s.message == o.message();
        if shown || by_message {
            relink_policy = s.relink.unwrap_or(relink_policy);
            remedy = s.remedy.unwrap_or(remedy);
            retry_available = s.retry_available.or(retry_available);
        }
    }
    for c in info.cases {
        if c.message.is_some() && c.message == o.message() {
            relink_policy = c.relink.unwrap_or(relink_policy);
            remedy = c.remedy.unwrap_or(remedy);
        }
    }
    let relink = match relink_policy {
        // The catalog's "do not relink" holds whatever the response says.
        Relink::MustNot => false,
        Relink::Required => said_relink != Some(false),
        Relink::No => said_relink == Some(true),
    };
    let retryable = said_retry
        .or(retry_available)
        .unwrap_or(info.retry.retryable());
    let retry_after_secs = match info.retry {
        RetryPolicy::AfterDelay { field, .. } => o
            .get(field)
            .and_then(serde_json::Value::as_str)
            .and_then(|t| info.retry.parse_delay(t)),
        _ => None,
    };
    let remedy = if relink {
        Remedy::Relink
    } else if remedy == Remedy::Relink {
        // The response says no relink is needed after all.
        if retryable {
            Remedy::Retry
        } else {
            Remedy::FixRequest
        }
    } else if remedy == Remedy::RetryFailedPlatforms && !some_posted {
        // Nothing went out: the whole request can go again.
        Remedy::Retry
    } else if retryable
        && matches!(
            remedy,
            Remedy::FixRequest | Remedy::ContactPlatform | Remedy::None
        )
        && info.severity == Severity::Error
    {
        Remedy::Retry
    } else if !retryable
        && matches!(
            remedy,
            Remedy::Retry
                | Remedy::RetryAfter
                | Remedy::RetryFailedPlatforms
                | Remedy::WaitForEvent
        )
    {
        Remedy::FixRequest
    } else {
        remedy
    };
    Verdict {
        platform,
        code: Some(info.code.code()),
        known: true,
        name: Some(info.name),
        severity: if found_as == Severity::Warning {
            Severity::Warning
        } else {
            info.severity
        },
        retryable,
        relink,
        retry_after_secs,
        remedy,
    }
}
