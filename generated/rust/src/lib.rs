//! Ayrshare's API error codes, with everything its documentation says about
//! each: HTTP status, platforms, retry policy, relink, sub-codes, messages,
//! what to do, and history.
//!
//! The catalog data lives in `src/generated/`, written by `errcat generate`
//! from the TOML catalog; this file and the other hand-written modules hold
//! what is not data.
//!
//! ```
//! use ayrshare_errors::{Code, ErrorCode, RetryPolicy};
//!
//! let code = Code::from(435);
//! let info = code.info().expect("435 is in the catalog");
//! assert_eq!(info.code, ErrorCode::InstagramRateLimit);
//! assert_eq!(info.http_status, Some(429));
//! assert_eq!(info.retry.parse_delay("Retry-After: 3600"), Some(3600));
//! assert!(matches!(info.retry, RetryPolicy::AfterDelay { .. }));
//!
//! // Codes this version does not know keep their number.
//! assert_eq!(Code::from(999), Code::Unknown(999));
//! assert_eq!(Code::from(999).to_string(), "999");
//! ```

// Formatted by prettyplease when generated; rustfmt would make it stale.
#[rustfmt::skip]
#[path = "generated/catalog.rs"]
mod catalog;

pub use ayrshare_errors_derive::FromCode;
pub use catalog::*;

pub mod classify;
pub mod response;

pub use classify::{Classification, Status, Verdict, classify, classify_body};
pub use response::{BodyError, ErrorObject, PostResult, Response};
