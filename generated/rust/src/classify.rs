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

/// Where the objects of a response were found, gathered before judging.
#[derive(Default)]
struct Gathered<'a> {
    errors: Vec<ErrorObject<'a>>,
    warnings: Vec<ErrorObject<'a>>,
    posted: Vec<String>,
    any_posted: bool,
    success: bool,
}

fn gather<'a>(r: &'a Response, g: &mut Gathered<'a>) {
    let listed: Vec<ErrorObject<'a>> = r.errors().collect();
    // A top-level error next to an `errors` list summarises it (441's total
    // failure); on its own it is the error.
    if listed.is_empty() {
        if let Some(top) = r.top_level_error() {
            g.errors.push(top);
        }
    }
    g.errors.extend(listed);
    g.errors.extend(r.platform_errors());
    g.warnings.extend(r.warnings());
    for p in r.post_ids() {
        g.any_posted = true;
        if p.status().is_none_or(|s| s == "success") {
            if let Some(platform) = p.platform() {
                g.posted.push(platform.to_string());
            }
        }
    }
    if r.status() == Some("success") {
        g.success = true;
    }
}

/// Classify a decoded response.
pub fn classify(r: &Response, http_status: Option<u16>) -> Classification {
    let mut g = Gathered::default();
    gather(r, &mut g);
    // Multi-profile requests and endpoint-keyed results nest whole
    // responses; their parts count as parts of this one.
    let profiles: Vec<Response> = r.profiles().chain(r.nested().map(|(_, n)| n)).collect();
    for p in &profiles {
        gather(p, &mut g);
    }

    let status = match r.status() {
        Some("error") => Some(Status::Error),
        Some("success") => Some(Status::Success),
        _ => None,
    };
    let any_posted = g.any_posted && !g.posted.is_empty();
    let mut errors = Vec::with_capacity(g.errors.len());
    let mut warnings = Vec::with_capacity(g.warnings.len());
    for o in &g.errors {
        let v = verdict(o, http_status, any_posted, Severity::Error);
        if v.severity == Severity::Warning {
            warnings.push(v);
        } else {
            errors.push(v);
        }
    }
    for o in &g.warnings {
        warnings.push(verdict(o, http_status, any_posted, Severity::Warning));
    }

    let mut failed: Vec<String> = errors.iter().filter_map(|v| v.platform.clone()).collect();
    failed.sort();
    failed.dedup();
    let mut succeeded = g.posted;
    succeeded.sort();
    succeeded.dedup();

    let http_ok = http_status.is_none_or(|s| s == 200);
    let ok = http_ok && status != Some(Status::Error) && errors.is_empty();
    let partial_success = !errors.is_empty() && !succeeded.is_empty();
    // Nothing went out: no successful post result, and the request as a
    // whole did not succeed.
    let safe_to_resubmit_all = succeeded.is_empty() && !ok && !g.success;
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
