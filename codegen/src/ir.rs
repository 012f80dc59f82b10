//! The validated catalog: span-free, fully checked, in a fixed order.
//!
//! Every emitter reads this and nothing else. Order is part of the contract:
//! codes by number, platforms and statuses as sorted by validation, lists in
//! the order the catalog author wrote them.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub meta: Meta,
    pub http_statuses: Vec<HttpStatus>,
    pub platforms: Vec<Platform>,
    pub headers: Vec<Header>,
    pub fields: Vec<Field>,
    /// Examples of the response format in general, not of one code.
    pub examples: Vec<Example>,
    /// Sorted by `code`, unique.
    pub errors: Vec<ErrorEntry>,
}

impl Catalog {
    /// The entry for a code, by binary search (`errors` is sorted).
    pub fn entry(&self, code: u32) -> Option<&ErrorEntry> {
        self.errors
            .binary_search_by_key(&code, |e| e.code)
            .ok()
            .map(|i| &self.errors[i])
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    pub version: String,
    pub docs_url: String,
    pub source_url: Option<String>,
    pub rust_crate: String,
    pub npm_package: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HttpStatus {
    pub code: u16,
    pub meaning: String,
    pub success: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Platform {
    pub id: String,
    pub name: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub name: String,
    pub direction: Direction,
    pub description: String,
    pub examples: Vec<String>,
}

/// The JSON types a `[[catalog.field]]` may declare.
pub const FIELD_TYPES: &[&str] = &["string", "integer", "boolean", "object", "array"];

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub ty: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorEntry {
    pub code: u32,
    pub name: String,
    pub title: String,
    /// `None` where the API's documentation states no status.
    pub http_status: Option<u16>,
    /// `None` where no `action` value is documented.
    pub action: Option<String>,
    /// Platform ids; empty when the error is not platform-specific.
    pub platforms: Vec<String>,
    pub severity: Severity,
    pub appears_in: Vec<Appearance>,
    pub retry: RetryPolicy,
    pub relink: Relink,
    pub remedy: Remedy,
    pub messages: Vec<String>,
    pub description: String,
    pub advice: String,
    pub superseded_by: Vec<u32>,
    pub replaces: Vec<u32>,
    /// Derived: the codes whose `replaces` names this one.
    pub replaced_by: Vec<u32>,
    pub related: Vec<u32>,
    pub retired: Option<String>,
    pub fields: Vec<ErrorField>,
    pub headers: Vec<ErrorHeader>,
    pub subcodes: Vec<Subcode>,
    pub cases: Vec<Case>,
    pub history: Vec<HistoryItem>,
    /// Examples written on this entry.
    pub examples: Vec<Example>,
    /// Derived: codes of other entries whose examples also show this code.
    pub shown_in: Vec<u32>,
    /// Stable anchor of the entry's reference section (`code-435`).
    pub anchor: String,
    /// `{docs_url}#{anchor}`.
    pub docs_url: String,
}

impl ErrorEntry {
    pub fn retryable(&self) -> bool {
        self.retry.retryable()
    }

    pub fn relink_required(&self) -> bool {
        self.relink == Relink::Required
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorField {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorHeader {
    pub name: String,
    pub value: Option<String>,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Subcode {
    pub code: u64,
    pub source: String,
    pub upstream_field: String,
    pub response_field: Option<String>,
    pub description: String,
    pub upstream_message: Option<String>,
    pub message: Option<String>,
    pub relink: Option<Relink>,
    pub retry_available: Option<bool>,
    pub remedy: Option<Remedy>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub id: String,
    pub title: String,
    pub signal: String,
    pub advice: String,
    pub message: Option<String>,
    pub relink: Option<Relink>,
    pub remedy: Option<Remedy>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryItem {
    pub date: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub title: String,
    pub http: Option<u16>,
    pub subcode: Option<u64>,
    pub case: Option<String>,
    /// The body, parsed; key order as written.
    pub json: Value,
}

/// Declares a closed set of kebab-case words with its parser and listing,
/// so the catalog format, the validator and every emitter share one list.
macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $word:literal,)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vm])* $variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            pub const WORDS: &'static [&'static str] = &[$($word,)+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word,)+ }
            }

            pub fn parse(word: &str) -> Option<Self> {
                match word { $($word => Some($name::$variant),)+ _ => None }
            }

            /// The accepted words, for "expected one of" messages.
            pub fn words() -> String {
                [$(concat!("`", $word, "`"),)+].join(", ")
            }

            /// PascalCase form for generated code.
            pub fn ident(self) -> &'static str {
                match self { $($name::$variant => stringify!($variant),)+ }
            }
        }
    };
}

word_enum!(
    /// Whether the request failed, or succeeded with a note.
    Severity {
        Error = "error",
        Warning = "warning",
    }
);

word_enum!(
    /// Where an error object sits in a response body.
    Appearance {
        /// An entry of the top-level `errors` array.
        ErrorsArray = "errors-array",
        /// The body itself is the error object (`code`, `message` at the top).
        TopLevel = "top-level",
        /// Under a platform's key, as in analytics and history responses.
        PlatformKeyed = "platform-keyed",
        /// An entry of `warnings` on a successful response.
        WarningsArray = "warnings-array",
        /// In `errors` next to a non-empty `postIds`.
        PartialSuccess = "partial-success",
    }
);

word_enum!(
    /// Whether the end user must unlink and relink the social account.
    Relink {
        Required = "required",
        No = "no",
        /// Relinking does not help and must not be suggested.
        MustNot = "must-not",
    }
);

word_enum!(
    /// What a program should do about an error.
    Remedy {
        Retry = "retry",
        RetryAfter = "retry-after",
        RetryFailedPlatforms = "retry-failed-platforms",
        WaitForEvent = "wait-for-event",
        Relink = "relink",
        FixRequest = "fix-request",
        ContactPlatform = "contact-platform",
        None = "none",
    }
);

word_enum!(
    Direction {
        Request = "request",
        Response = "response",
    }
);

word_enum!(
    /// The kinds of retry policy, without their parameters.
    RetryKind {
        Never = "never",
        Backoff = "backoff",
        AfterDelay = "after-delay",
        AfterEvent = "after-event",
        FailedPlatforms = "failed-platforms",
    }
);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryPolicy {
    /// The same request will fail again.
    Never,
    /// Transient: retry with exponential backoff, waiting at least
    /// `min_delay_secs` first when given.
    Backoff { min_delay_secs: Option<u32> },
    /// The response says how long to wait.
    AfterDelay { field: String, format: String },
    /// Retry once something has happened elsewhere.
    AfterEvent { event: String },
    /// Retry only the platforms that failed; resubmitting all duplicates posts.
    FailedPlatforms,
}

impl RetryPolicy {
    pub fn kind(&self) -> RetryKind {
        match self {
            RetryPolicy::Never => RetryKind::Never,
            RetryPolicy::Backoff { .. } => RetryKind::Backoff,
            RetryPolicy::AfterDelay { .. } => RetryKind::AfterDelay,
            RetryPolicy::AfterEvent { .. } => RetryKind::AfterEvent,
            RetryPolicy::FailedPlatforms => RetryKind::FailedPlatforms,
        }
    }

    pub fn retryable(&self) -> bool {
        !matches!(self, RetryPolicy::Never)
    }

    /// One line for tables and `explain`.
    pub fn summary(&self) -> String {
        match self {
            RetryPolicy::Never => "never".into(),
            RetryPolicy::Backoff {
                min_delay_secs: None,
            } => "with backoff".into(),
            RetryPolicy::Backoff {
                min_delay_secs: Some(s),
            } => format!("with backoff, after {s} s at least"),
            RetryPolicy::AfterDelay { field, .. } => format!("after the delay in `{field}`"),
            RetryPolicy::AfterEvent { .. } => "after an event".into(),
            RetryPolicy::FailedPlatforms => "failed platforms only".into(),
        }
    }
}
