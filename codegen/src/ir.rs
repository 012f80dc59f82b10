//! The validated catalog: span-free, fully checked, in a fixed order.
//!
//! Every emitter reads this and nothing else. Order is part of the contract:
//! codes in [`Code`] order (by number, or by bytes for string codes),
//! platforms and statuses sorted, groups by their first code, lists in the
//! order the catalog author wrote them.
//!
//! A fact the catalog does not state is `None` here, never a default: a
//! catalog that says nothing about retries has no retry policy, not
//! "never". [`Facts`] says, per fact, whether no entry, some entries or
//! every entry states it, so emitters can leave a fact out of a catalog
//! that never uses it and make it optional only where some entry lacks it.

use std::fmt;

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    pub meta: Meta,
    /// Whether codes are numbers or strings; one kind per catalog.
    pub code_kind: CodeKind,
    /// Where error objects sit in a response body.
    pub envelope: Envelope,
    /// Sorted by their lowest code, then id; groups nobody uses come last.
    pub groups: Vec<Group>,
    pub http_statuses: Vec<HttpStatus>,
    pub platforms: Vec<Platform>,
    pub headers: Vec<Header>,
    pub fields: Vec<Field>,
    /// Examples of the response format in general, not of one code.
    pub examples: Vec<Example>,
    /// Sorted by `code`, unique.
    pub errors: Vec<ErrorEntry>,
    /// Which optional facts the entries state (derived from `errors`).
    pub facts: Facts,
}

impl Catalog {
    /// The entry for a code, by binary search (`errors` is sorted).
    pub fn entry(&self, code: &Code) -> Option<&ErrorEntry> {
        self.errors
            .binary_search_by(|e| e.code.cmp(code))
            .ok()
            .map(|i| &self.errors[i])
    }

    /// The entry for a code written as text (`435`, `23505`), read as the
    /// catalog's kind of code.
    pub fn entry_for_text(&self, text: &str) -> Option<&ErrorEntry> {
        self.entry(&Code::parse(self.code_kind, text)?)
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }
}

/// An error code: a number or a string, as the catalog writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    Int(u32),
    Str(String),
}

impl Code {
    pub fn kind(&self) -> CodeKind {
        match self {
            Code::Int(_) => CodeKind::Int,
            Code::Str(_) => CodeKind::Str,
        }
    }

    pub fn as_int(&self) -> Option<u32> {
        match self {
            Code::Int(n) => Some(*n),
            Code::Str(_) => None,
        }
    }

    /// `text` as a code of `kind`: a decimal number for integer catalogs,
    /// a valid string code for string catalogs.
    pub fn parse(kind: CodeKind, text: &str) -> Option<Code> {
        match kind {
            CodeKind::Int => {
                let digits = text.trim();
                (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| digits.parse().ok().map(Code::Int))
                    .flatten()
            }
            CodeKind::Str => is_string_code(text).then(|| Code::Str(text.to_string())),
        }
    }

    /// The code as a JSON value: a number or a string.
    pub fn to_json(&self) -> Value {
        match self {
            Code::Int(n) => Value::from(*n),
            Code::Str(s) => Value::from(s.as_str()),
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Int(n) => write!(f, "{n}"),
            Code::Str(s) => f.write_str(s),
        }
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Code::Int(n) => s.serialize_u32(*n),
            Code::Str(t) => s.serialize_str(t),
        }
    }
}

/// The longest string code: long enough for any real API's codes, short
/// enough to be a file name and an HTML id everywhere.
pub const MAX_STRING_CODE: usize = 64;

/// A string code: 1 to 64 ASCII letters, digits, `_`, `-` and `.`, so it
/// is safe as a file name, a URL path segment and an HTML id as it is.
pub fn is_string_code(s: &str) -> bool {
    (1..=MAX_STRING_CODE).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        // `.` and `..` would be directories, not pages.
        && s.bytes().any(|b| b != b'.')
}

/// The directory of the reference book that holds one page per code.
pub const CODE_PAGE_DIR: &str = "codes";

/// The root of the reference book a `docs_url` names: the URL without a
/// query or fragment (a static site's pages have neither) and without a
/// trailing `/`, so pages and files are joined on with one `/`.
pub fn docs_root(docs_url: &str) -> &str {
    let end = docs_url.find(['?', '#']).unwrap_or(docs_url.len());
    docs_url[..end].trim_end_matches('/')
}

/// The docs_url contract: the page of code N is `<docs_url>/codes/N.html`.
/// Every output that links a code's documentation (the Rust and TypeScript
/// packages, the export, `explain`) uses this, and the reference book
/// writes its pages there. Codes are safe as a path segment as they are:
/// digits, or the characters of [`is_string_code`].
pub fn code_page_url(docs_url: &str, code: &Code) -> String {
    format!("{}/{CODE_PAGE_DIR}/{code}.html", docs_root(docs_url))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CodeKind {
    /// 0 to 4294967295.
    Int,
    /// See [`is_string_code`].
    Str,
}

impl CodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CodeKind::Int => "integer",
            CodeKind::Str => "string",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub name: String,
    /// Defaults to `name`.
    pub title: String,
    pub description: Option<String>,
    /// Defaults to `0.1.0`.
    pub version: String,
    /// Root URL of the published reference book, when the catalog has
    /// one: the page of code N is `<docs_url>/codes/N.html` (see
    /// [`code_page_url`]).
    pub docs_url: Option<String>,
    pub source_url: Option<String>,
    /// Defaults to `<name>-errors`.
    pub rust_crate: String,
    /// Defaults to `<name>-errors`.
    pub npm_package: String,
    /// The Python distribution; defaults to `<name>-errors`.
    pub python_package: String,
}

impl Meta {
    /// The Rust crate as a path segment (`pg_errors`).
    pub fn rust_ident(&self) -> String {
        self.rust_crate.replace('-', "_")
    }

    /// The Python import name (`pg_errors`).
    pub fn python_module(&self) -> String {
        self.python_package
            .replace(['-', '.'], "_")
            .to_ascii_lowercase()
    }
}

/// A named set of codes (a SQLSTATE class, say).
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// kebab-case.
    pub id: String,
    /// PascalCase form of `id`, for generated code.
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    /// Codes of the group, in code order (derived).
    pub codes: Vec<Code>,
}

/// Where a response body holds error objects, as the catalog declares it
/// in `[catalog.envelope]` (docs/catalog-format.md). A catalog that
/// declares none gets [`Envelope::minimal`]: the body is the error object.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// Whether the catalog declared it.
    pub declared: bool,
    /// The field of an error object that holds the code.
    pub code_field: String,
    /// Where error objects sit, in reading order.
    pub errors: Vec<Path>,
    /// Where warning objects sit (on successful responses).
    pub warnings: Vec<Path>,
    /// Parts of a body that are whole bodies again, read with the same rules.
    pub nested: Vec<Path>,
    /// Where an error object names its platform, first match wins.
    pub platform: Vec<Path>,
    /// Fields and the values they must have for an object found under `*`
    /// to count as an error object, sorted by field.
    pub marker: Vec<(String, String)>,
}

impl Envelope {
    /// The envelope of a catalog that declares none: the body itself is
    /// the error object, with its code in `code`.
    pub fn minimal() -> Self {
        Envelope {
            declared: false,
            code_field: "code".to_string(),
            errors: vec![Path(vec![Segment::Body])],
            warnings: Vec::new(),
            nested: Vec::new(),
            platform: Vec::new(),
            marker: Vec::new(),
        }
    }
}

/// A place in a response body, written like `errors[]`, `posts[]`,
/// `resolution.platform`, `.`, `{platform}`, `{key}` or `*`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Path(pub Vec<Segment>);

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    /// `.`: the body (or the object) itself.
    Body,
    /// `name`: the value of a key.
    Key(String),
    /// `[]` after a key: each element of the array.
    Each,
    /// `{platform}`: the value of every key that is a platform id.
    PlatformKey,
    /// `*`: the value of every key that is not part of the envelope.
    AnyKey,
    /// `{key}`: the key the object sat under (platform paths only).
    ParentKey,
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() || self.0 == [Segment::Body] {
            return f.write_str(".");
        }
        let mut first = true;
        for s in &self.0 {
            match s {
                Segment::Each => f.write_str("[]")?,
                other => {
                    if !first {
                        f.write_str(".")?;
                    }
                    match other {
                        Segment::Body => f.write_str(".")?,
                        Segment::Key(k) => f.write_str(k)?,
                        Segment::PlatformKey => f.write_str("{platform}")?,
                        Segment::AnyKey => f.write_str("*")?,
                        Segment::ParentKey => f.write_str("{key}")?,
                        Segment::Each => {}
                    }
                }
            }
            first = false;
        }
        Ok(())
    }
}

/// Whether no entry, some entries or every entry states a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Presence {
    /// No entry states it: the catalog does not use the fact at all, and
    /// outputs leave it out.
    Never,
    /// Some entries state it: outputs make it optional.
    Sometimes,
    /// Every entry states it. (In a catalog with no entries, every fact
    /// is [`Presence::Never`].)
    Always,
}

impl Presence {
    pub fn of(mut stated: impl Iterator<Item = bool>) -> Presence {
        let Some(first) = stated.next() else {
            return Presence::Never;
        };
        let (mut any, mut all) = (first, first);
        for s in stated {
            any |= s;
            all &= s;
        }
        match (any, all) {
            (_, true) => Presence::Always,
            (true, false) => Presence::Sometimes,
            (false, _) => Presence::Never,
        }
    }

    /// Some entry states the fact.
    pub fn used(self) -> bool {
        self != Presence::Never
    }

    /// Every entry states it, so it need not be optional.
    pub fn always(self) -> bool {
        self == Presence::Always
    }
}

/// Per optional fact, how many entries state it. Lists count as stated
/// when they are non-empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub group: Presence,
    pub http_status: Presence,
    pub action: Presence,
    pub platforms: Presence,
    pub severity: Presence,
    pub appears_in: Presence,
    pub retry: Presence,
    pub relink: Presence,
    pub remedy: Presence,
    pub description: Presence,
    pub advice: Presence,
    pub messages: Presence,
    pub subcodes: Presence,
    pub cases: Presence,
    pub fields: Presence,
    pub headers: Presence,
    pub history: Presence,
    pub examples: Presence,
}

impl Facts {
    pub fn of(errors: &[ErrorEntry]) -> Facts {
        let p = |f: fn(&ErrorEntry) -> bool| Presence::of(errors.iter().map(f));
        Facts {
            group: p(|e| e.group.is_some()),
            http_status: p(|e| e.http_status.is_some()),
            action: p(|e| e.action.is_some()),
            platforms: p(|e| e.platforms.is_some()),
            severity: p(|e| e.severity.is_some()),
            appears_in: p(|e| e.appears_in.is_some()),
            retry: p(|e| e.retry.is_some()),
            relink: p(|e| e.relink.is_some()),
            remedy: p(|e| e.remedy.is_some()),
            description: p(|e| e.description.is_some()),
            advice: p(|e| e.advice.is_some()),
            messages: p(|e| !e.messages.is_empty()),
            subcodes: p(|e| !e.subcodes.is_empty()),
            cases: p(|e| !e.cases.is_empty()),
            fields: p(|e| !e.fields.is_empty()),
            headers: p(|e| !e.headers.is_empty()),
            history: p(|e| !e.history.is_empty()),
            examples: p(|e| !e.examples.is_empty()),
        }
    }
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
    pub code: Code,
    pub name: String,
    pub title: String,
    /// Id of the group the code belongs to.
    pub group: Option<String>,
    /// `None` where the catalog states no status.
    pub http_status: Option<u16>,
    /// `None` where no `action` value is stated.
    pub action: Option<String>,
    /// Platform ids; `Some` of an empty list when the error is stated to
    /// concern no platform in particular.
    pub platforms: Option<Vec<String>>,
    pub severity: Option<Severity>,
    pub appears_in: Option<Vec<Appearance>>,
    pub retry: Option<RetryPolicy>,
    pub relink: Option<Relink>,
    pub remedy: Option<Remedy>,
    pub messages: Vec<String>,
    pub description: Option<String>,
    pub advice: Option<String>,
    pub superseded_by: Vec<Code>,
    pub replaces: Vec<Code>,
    /// Derived: the codes whose `replaces` names this one.
    pub replaced_by: Vec<Code>,
    pub related: Vec<Code>,
    pub retired: Option<String>,
    pub fields: Vec<ErrorField>,
    pub headers: Vec<ErrorHeader>,
    pub subcodes: Vec<Subcode>,
    pub cases: Vec<Case>,
    pub history: Vec<HistoryItem>,
    /// Examples written on this entry.
    pub examples: Vec<Example>,
    /// Derived: codes of other entries whose examples also show this code.
    pub shown_in: Vec<Code>,
    /// Stable anchor of the code on the reference book's index page
    /// (`code-435`), which links on to the code's page.
    pub anchor: String,
    /// The code's page, `<docs_url>/codes/<code>.html`, when the catalog
    /// has a `docs_url` ([`code_page_url`]).
    pub docs_url: Option<String>,
}

impl ErrorEntry {
    /// Whether a retry can succeed, when the catalog states a retry policy.
    pub fn retryable(&self) -> Option<bool> {
        self.retry.as_ref().map(RetryPolicy::retryable)
    }

    /// Whether the user must relink, when the catalog states it.
    pub fn relink_required(&self) -> Option<bool> {
        self.relink.map(|r| r == Relink::Required)
    }

    /// The platforms the entry lists; empty when none are stated.
    pub fn platform_ids(&self) -> &[String] {
        self.platforms.as_deref().unwrap_or_default()
    }

    /// The positions the entry lists; empty when none are stated.
    pub fn positions(&self) -> &[Appearance] {
        self.appears_in.as_deref().unwrap_or_default()
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
        /// An entry of the response's list of errors.
        ErrorsArray = "errors-array",
        /// The body itself is the error object.
        TopLevel = "top-level",
        /// Under a platform's key.
        PlatformKeyed = "platform-keyed",
        /// An entry of the list of warnings on a successful response.
        WarningsArray = "warnings-array",
        /// Among the errors of a response that also reports successes.
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
