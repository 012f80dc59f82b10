//! Rust: the catalog as a dependency-light crate. Built with quote, checked
//! by parsing with syn, printed with prettyplease, so the output is the same
//! on every machine (no rustfmt involved).
//!
//! Everything lands in one file with no inner attributes, so a build script
//! can `include!` it as well (see [`crate::build`]).

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::emit::{EmitError, header_line};
use crate::ir::{
    Appearance, Case, Catalog, ErrorEntry, Relink, Remedy, RetryPolicy, Severity, Subcode,
};
use crate::writer::GeneratedFile;

/// Name of the generated source file, relative to the crate's `src/`.
pub const CATALOG_RS: &str = "generated/catalog.rs";

/// The crate's manifest, `src/lib.rs` and the runtime modules are written
/// by hand; only the catalog module is generated. (A test holds the
/// manifest's name and version to the catalog's.)
pub fn emit(c: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    Ok(vec![GeneratedFile::new(
        format!("src/{CATALOG_RS}"),
        catalog_rs(c)?,
    )])
}

/// The generated module as formatted source.
pub fn catalog_rs(c: &Catalog) -> Result<String, EmitError> {
    let tokens = catalog_tokens(c);
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| EmitError(format!("generated Rust does not parse: {e}")))?;
    Ok(format!(
        "// {}\n\n{}",
        header_line(c),
        prettyplease::unparse(&file)
    ))
}

fn catalog_tokens(c: &Catalog) -> TokenStream {
    let items = [
        support_types(),
        catalog_consts(c),
        platform_enum(c),
        error_code_enum(c),
        error_table(c),
        code_type(),
    ];
    quote! { #(#items)* }
}

fn lit(s: &str) -> Literal {
    Literal::string(s)
}

fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => {
            let l = lit(s);
            quote!(Some(#l))
        }
        None => quote!(None),
    }
}

fn ident(s: &str) -> Ident {
    Ident::new(s, Span::call_site())
}

/// `#[doc]` attributes for catalog text. The text is data: it must not turn
/// into doc tests, broken links or HTML, and URLs are wrapped so rustdoc
/// links them instead of warning about bare URLs.
fn docs(text: &str) -> TokenStream {
    let lines: Vec<TokenStream> = doc_text(text)
        .lines()
        .map(|l| {
            let l = lit(&format!(" {l}"));
            quote!(#[doc = #l])
        })
        .collect();
    quote!(#(#lines)*)
}

/// Make catalog text safe as rustdoc Markdown.
pub fn doc_text(text: &str) -> String {
    // A lone CR is a line break too; in a doc comment rustc rejects it.
    let text = &text.replace("\r\n", "\n").replace('\r', "\n");
    // rustc rejects characters that change the visible direction of text in
    // doc comments (a "Trojan Source" guard); show them by name instead.
    let text = &text
        .chars()
        .map(|c| match c {
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => format!("U+{:04X}", c as u32),
            c => c.to_string(),
        })
        .collect::<String>();
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Leading spaces would start an indented code block, which rustdoc
        // compiles as a doc test.
        let line = line.trim_start();
        let mut in_code = false;
        let mut word_start = true;
        let mut rest = line;
        while let Some(ch) = rest.chars().next() {
            if ch == '`' {
                // Keep inline code spans, but never a fence (also a doc test).
                if rest.starts_with("```") {
                    out.push_str("\\`\\`\\`");
                    rest = &rest[3..];
                    continue;
                }
                in_code = !in_code;
                out.push('`');
            } else if !in_code
                && word_start
                && (rest.starts_with("https://") || rest.starts_with("http://"))
            {
                let end = rest
                    .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '`')
                    .unwrap_or(rest.len());
                let url = rest[..end].trim_end_matches(['.', ',', ';', ':', ')', '\'', '"']);
                out.push('<');
                out.push_str(url);
                out.push('>');
                rest = &rest[url.len()..];
                word_start = false;
                continue;
            } else if !in_code
                && matches!(
                    ch,
                    '[' | ']' | '<' | '>' | '*' | '_' | '\\' | '#' | '|' | '&'
                )
            {
                out.push('\\');
                out.push(ch);
            } else {
                out.push(ch);
            }
            word_start = ch.is_whitespace() || ch == '(';
            rest = &rest[ch.len_utf8()..];
        }
        if in_code {
            // An unclosed code span would swallow the rest of the doc.
            out.push('`');
        }
    }
    out
}

/// Types every generated catalog shares. They come with the catalog rather
/// than from a runtime crate, so the output needs nothing but serde.
fn support_types() -> TokenStream {
    let severity = word_enum(
        "Severity",
        "Whether a response failed or succeeded with a note.",
        Severity::ALL
            .iter()
            .map(|s| (s.ident(), s.as_str(), severity_doc(*s))),
    );
    let appearance = word_enum(
        "Appearance",
        "Where an error object sits in a response body.",
        Appearance::ALL
            .iter()
            .map(|a| (a.ident(), a.as_str(), appearance_doc(*a))),
    );
    let relink = word_enum(
        "Relink",
        "Whether the end user must unlink and relink the social account.",
        Relink::ALL
            .iter()
            .map(|r| (r.ident(), r.as_str(), relink_doc(*r))),
    );
    let remedy = word_enum(
        "Remedy",
        "What a program should do about an error.",
        Remedy::ALL
            .iter()
            .map(|r| (r.ident(), r.as_str(), remedy_doc(*r))),
    );
    quote! {
        #severity
        #appearance
        #relink
        #remedy

        /// When, if ever, a failed request may be sent again.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum RetryPolicy {
            /// The same request fails again; something must change first.
            Never,
            /// Transient: retry with exponential backoff.
            Backoff {
                /// The least wait before the first retry, when documented.
                min_delay_secs: Option<u32>,
            },
            /// The response carries the delay to wait.
            AfterDelay {
                /// The response field that holds the delay.
                field: &'static str,
                /// How the delay is written there; `{seconds}` marks the number.
                format: &'static str,
            },
            /// Retry once something has happened elsewhere.
            AfterEvent {
                /// What must happen first.
                event: &'static str,
            },
            /// Retry only the platforms that failed: the others already posted.
            FailedPlatforms,
        }

        impl RetryPolicy {
            /// Whether a retry can ever succeed without changing the request.
            pub const fn retryable(self) -> bool {
                !matches!(self, RetryPolicy::Never)
            }

            /// The policy's kebab-case name, as in the catalog.
            pub const fn as_str(self) -> &'static str {
                match self {
                    RetryPolicy::Never => "never",
                    RetryPolicy::Backoff { .. } => "backoff",
                    RetryPolicy::AfterDelay { .. } => "after-delay",
                    RetryPolicy::AfterEvent { .. } => "after-event",
                    RetryPolicy::FailedPlatforms => "failed-platforms",
                }
            }

            /// Reads the delay from the text of the response field named by
            /// an [`RetryPolicy::AfterDelay`] policy: `"Retry-After: 3600"`
            /// gives `Some(3600)`. Other policies, or text that does not
            /// follow the format, give `None`.
            pub fn parse_delay(self, text: &str) -> Option<u64> {
                let RetryPolicy::AfterDelay { format, .. } = self else {
                    return None;
                };
                let (before, after) = format.split_once("{seconds}")?;
                let rest = text.trim().strip_prefix(before)?;
                let rest = rest.strip_suffix(after)?;
                rest.trim().parse().ok()
            }
        }

        /// An upstream platform's own code that refines an error, with what
        /// changes when it applies.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct Subcode {
            /// The upstream code.
            pub code: u64,
            /// Whose code it is (`meta`).
            pub source: &'static str,
            /// The upstream field that carries it.
            pub upstream_field: &'static str,
            /// The response field where it shows, if it does.
            pub response_field: Option<&'static str>,
            /// When it happens.
            pub description: &'static str,
            /// Upstream's own message for it, when documented.
            pub upstream_message: Option<&'static str>,
            /// The message the API returns instead of the usual one.
            pub message: Option<&'static str>,
            /// Relink requirement when it applies.
            pub relink: Option<Relink>,
            /// The `retryAvailable` value the API sets when it applies.
            pub retry_available: Option<bool>,
            /// Remedy when it applies.
            pub remedy: Option<Remedy>,
        }

        /// One of several situations behind one code, told apart by the response.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct Case {
            /// Stable kebab-case id.
            pub id: &'static str,
            /// Short title.
            pub title: &'static str,
            /// How to recognise it in a response.
            pub signal: &'static str,
            /// What to do.
            pub advice: &'static str,
            /// The message the API returns in this case, when distinct.
            pub message: Option<&'static str>,
            /// Relink requirement in this case.
            pub relink: Option<Relink>,
            /// Remedy in this case.
            pub remedy: Option<Remedy>,
        }

        /// An HTTP status the API documents.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct HttpStatus {
            /// The status code.
            pub code: u16,
            /// What it means for this API.
            pub meaning: &'static str,
            /// Whether it is the success status.
            pub success: bool,
        }

        /// Everything the catalog says about one error code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct ErrorInfo {
            /// The code.
            pub code: ErrorCode,
            /// Stable identifier.
            pub name: &'static str,
            /// Short title.
            pub title: &'static str,
            /// HTTP status, `None` where the API documents none.
            pub http_status: Option<u16>,
            /// The `action` value of the error object, when documented.
            pub action: Option<&'static str>,
            /// Platforms the code concerns; empty when not platform-specific.
            pub platforms: &'static [Platform],
            /// Error, or a warning on a successful response.
            pub severity: Severity,
            /// Where the error object sits in a response.
            pub appears_in: &'static [Appearance],
            /// When a retry can succeed.
            pub retry: RetryPolicy,
            /// Whether the user must relink.
            pub relink: Relink,
            /// What to do by default.
            pub remedy: Remedy,
            /// The exact message texts the API returns.
            pub messages: &'static [&'static str],
            /// When it happens.
            pub description: &'static str,
            /// What to do about it.
            pub advice: &'static str,
            /// Upstream codes that refine it.
            pub subcodes: &'static [Subcode],
            /// Situations told apart by the response.
            pub cases: &'static [Case],
            /// Codes that replace this one.
            pub superseded_by: &'static [ErrorCode],
            /// Codes this one replaces.
            pub replaces: &'static [ErrorCode],
            /// Codes that replace this one in part.
            pub replaced_by: &'static [ErrorCode],
            /// Codes worth reading with this one.
            pub related: &'static [ErrorCode],
            /// Set when the API no longer emits the code.
            pub retired: Option<&'static str>,
            /// The code's reference page.
            pub docs_url: &'static str,
        }

        impl ErrorInfo {
            /// Whether a retry can succeed without changing the request.
            pub const fn retryable(&self) -> bool {
                self.retry.retryable()
            }

            /// Whether the user must unlink and relink the account.
            pub const fn relink_required(&self) -> bool {
                matches!(self.relink, Relink::Required)
            }

            /// The sub-code entry for an upstream code, if the catalog has one.
            pub fn subcode(&self, code: u64) -> Option<&'static Subcode> {
                self.subcodes.iter().find(|s| s.code == code)
            }
        }
    }
}

fn word_enum<'a>(
    name: &str,
    doc: &str,
    variants: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
) -> TokenStream {
    let name = ident(name);
    let doc = lit(&format!(" {doc}"));
    let (mut defs, mut arms, mut parse, mut all) = (vec![], vec![], vec![], vec![]);
    for (v, word, vdoc) in variants {
        let v = ident(v);
        let vdoc = lit(&format!(" {vdoc}"));
        let word = lit(word);
        defs.push(quote!(#[doc = #vdoc] #v,));
        arms.push(quote!(#name::#v => #word,));
        parse.push(quote!(#word => Some(#name::#v),));
        all.push(quote!(#name::#v,));
    }
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name { #(#defs)* }

        impl #name {
            /// Every value, in catalog order.
            pub const ALL: &'static [#name] = &[#(#all)*];

            /// The kebab-case word used in the catalog and in exports.
            pub const fn as_str(self) -> &'static str {
                match self { #(#arms)* }
            }

            /// The value for a kebab-case word.
            pub fn from_word(word: &str) -> Option<Self> {
                match word { #(#parse)* _ => None }
            }
        }

        impl core::fmt::Display for #name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

fn severity_doc(s: Severity) -> &'static str {
    match s {
        Severity::Error => "The request, or part of it, failed.",
        Severity::Warning => "The request succeeded; something optional did not.",
    }
}

fn appearance_doc(a: Appearance) -> &'static str {
    match a {
        Appearance::ErrorsArray => "An entry of the top-level `errors` array.",
        Appearance::TopLevel => "The body itself is the error object.",
        Appearance::PlatformKeyed => {
            "Under a platform's key, as in analytics and history responses."
        }
        Appearance::WarningsArray => "An entry of `warnings` on a successful response.",
        Appearance::PartialSuccess => "In `errors` next to a non-empty `postIds`.",
    }
}

fn relink_doc(r: Relink) -> &'static str {
    match r {
        Relink::Required => "The user must unlink and relink the account.",
        Relink::No => "No relink is needed.",
        Relink::MustNot => "Relinking does not help; do not ask the user to relink.",
    }
}

fn remedy_doc(r: Remedy) -> &'static str {
    match r {
        Remedy::Retry => "Retry with exponential backoff.",
        Remedy::RetryAfter => "Retry after the delay the response gives.",
        Remedy::RetryFailedPlatforms => "Retry only the platforms that failed.",
        Remedy::WaitForEvent => "Retry once an outside event has happened.",
        Remedy::Relink => "Ask the user to relink the account, then retry.",
        Remedy::FixRequest => "Change the request; as sent it will keep failing.",
        Remedy::ContactPlatform => "Someone must act on the platform's side first.",
        Remedy::None => "Nothing to do.",
    }
}

fn catalog_consts(c: &Catalog) -> TokenStream {
    let m = &c.meta;
    let (name, title, version, docs_url) = (
        lit(&m.name),
        lit(&m.title),
        lit(&m.version),
        lit(&m.docs_url),
    );
    let statuses = c.http_statuses.iter().map(|s| {
        let (code, meaning, success) = (s.code, lit(&s.meaning), s.success);
        quote!(HttpStatus { code: #code, meaning: #meaning, success: #success },)
    });
    quote! {
        /// Machine name of the catalog.
        pub const CATALOG_NAME: &str = #name;
        /// Human name of the API.
        pub const CATALOG_TITLE: &str = #title;
        /// Version of the catalog this code was generated from.
        pub const CATALOG_VERSION: &str = #version;
        /// Base URL of the reference documentation.
        pub const DOCS_URL: &str = #docs_url;
        /// The HTTP statuses the API documents, in order.
        pub const HTTP_STATUSES: &[HttpStatus] = &[#(#statuses)*];
    }
}

fn platform_enum(c: &Catalog) -> TokenStream {
    let mut defs = Vec::new();
    let mut ids = Vec::new();
    let mut titles = Vec::new();
    let mut parse = Vec::new();
    let mut all = Vec::new();
    for p in &c.platforms {
        let v = ident(&p.name);
        let (id, title) = (lit(&p.id), lit(&p.title));
        let d = docs(&format!("{} (`{}`).", p.title, p.id));
        defs.push(quote!(#d #v,));
        ids.push(quote!(Platform::#v => #id,));
        titles.push(quote!(Platform::#v => #title,));
        parse.push(quote!(#id => Some(Platform::#v),));
        all.push(quote!(Platform::#v,));
    }
    // A catalog without platforms still gets the type, uninhabited.
    let (id_body, title_body) = if c.platforms.is_empty() {
        (quote!(match self {}), quote!(match self {}))
    } else {
        (
            quote!(match self { #(#ids)* }),
            quote!(match self { #(#titles)* }),
        )
    };
    quote! {
        /// A platform the API posts to, as named in `platform` fields.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Platform { #(#defs)* }

        impl Platform {
            /// Every platform, sorted by id.
            pub const ALL: &'static [Platform] = &[#(#all)*];

            /// The id the API uses in `platform` fields.
            pub const fn id(self) -> &'static str { #id_body }

            /// Human name.
            pub const fn title(self) -> &'static str { #title_body }

            /// The platform for an id from a response.
            pub fn from_id(id: &str) -> Option<Platform> {
                match id { #(#parse)* _ => None }
            }
        }

        impl core::fmt::Display for Platform {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.id())
            }
        }
    }
}

fn variant_docs(c: &Catalog, e: &ErrorEntry) -> TokenStream {
    let text = docs(&crate::emit::entry_summary(c, e));
    let link = lit(&format!(" [Reference]({})", e.docs_url));
    quote!(#text #[doc = ""] #[doc = #link])
}

fn error_code_enum(c: &Catalog) -> TokenStream {
    let mut defs = Vec::new();
    let mut from_code = Vec::new();
    let mut from_name = Vec::new();
    let mut index = Vec::new();
    let mut all = Vec::new();
    for (i, e) in c.errors.iter().enumerate() {
        let v = ident(&e.name);
        let code = Literal::u32_unsuffixed(e.code);
        let d = variant_docs(c, e);
        let name = lit(&e.name);
        defs.push(quote!(#d #v = #code,));
        from_code.push(quote!(#code => Some(ErrorCode::#v),));
        from_name.push(quote!(#name => Some(ErrorCode::#v),));
        index.push(quote!(ErrorCode::#v => #i,));
        all.push(quote!(ErrorCode::#v,));
    }
    let count = c.errors.len();
    let index_body = if c.errors.is_empty() {
        quote!(match self {})
    } else {
        quote!(match self { #(#index)* })
    };
    quote! {
        /// Every error code in the catalog. The discriminant is the code.
        ///
        /// New codes are added over time, so the enum is non-exhaustive;
        /// [`Code`] holds codes this version does not know yet.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u32)]
        #[non_exhaustive]
        pub enum ErrorCode { #(#defs)* }

        impl ErrorCode {
            /// Every code, in ascending order.
            pub const ALL: [ErrorCode; #count] = [#(#all)*];

            /// The code for a number, if the catalog has it. A `match` on
            /// the number: no hashing, no allocation.
            pub const fn from_code(code: u32) -> Option<ErrorCode> {
                match code { #(#from_code)* _ => None }
            }

            /// The code for its identifier (`"InstagramRateLimit"`).
            pub fn from_name(name: &str) -> Option<ErrorCode> {
                match name { #(#from_name)* _ => None }
            }

            /// The number.
            pub const fn code(self) -> u32 {
                self as u32
            }

            /// Position in [`ErrorCode::ALL`] and [`ERRORS`].
            pub const fn index(self) -> usize { #index_body }

            /// Everything the catalog says about this code.
            pub const fn info(self) -> &'static ErrorInfo {
                &ERRORS[self.index()]
            }

            /// Stable identifier.
            pub const fn name(self) -> &'static str { self.info().name }

            /// Short title.
            pub const fn title(self) -> &'static str { self.info().title }

            /// HTTP status, when documented.
            pub const fn http_status(self) -> Option<u16> { self.info().http_status }

            /// Error or warning.
            pub const fn severity(self) -> Severity { self.info().severity }

            /// Whether a retry can succeed without changing the request.
            pub const fn retryable(self) -> bool { self.info().retryable() }

            /// Whether the user must relink.
            pub const fn relink_required(self) -> bool { self.info().relink_required() }

            /// The code's reference page.
            pub const fn docs_url(self) -> &'static str { self.info().docs_url }
        }

        impl core::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Display::fmt(&self.code(), f)
            }
        }

        impl From<ErrorCode> for u32 {
            fn from(c: ErrorCode) -> u32 {
                c.code()
            }
        }

        impl TryFrom<u32> for ErrorCode {
            type Error = u32;

            /// Fails with the number itself when the catalog lacks it.
            fn try_from(code: u32) -> Result<ErrorCode, u32> {
                ErrorCode::from_code(code).ok_or(code)
            }
        }
    }
}

fn code_list(codes: &[u32], c: &Catalog) -> TokenStream {
    let items = codes.iter().filter_map(|n| {
        c.errors.iter().find(|e| e.code == *n).map(|e| {
            let v = ident(&e.name);
            quote!(ErrorCode::#v,)
        })
    });
    quote!(&[#(#items)*])
}

fn relink_tokens(r: Relink) -> TokenStream {
    let v = ident(r.ident());
    quote!(Relink::#v)
}

fn remedy_tokens(r: Remedy) -> TokenStream {
    let v = ident(r.ident());
    quote!(Remedy::#v)
}

fn opt_tokens<T: Copy>(o: Option<T>, f: fn(T) -> TokenStream) -> TokenStream {
    match o {
        Some(v) => {
            let t = f(v);
            quote!(Some(#t))
        }
        None => quote!(None),
    }
}

fn retry_tokens(r: &RetryPolicy) -> TokenStream {
    match r {
        RetryPolicy::Never => quote!(RetryPolicy::Never),
        RetryPolicy::FailedPlatforms => quote!(RetryPolicy::FailedPlatforms),
        RetryPolicy::Backoff { min_delay_secs } => {
            let m = match min_delay_secs {
                Some(s) => quote!(Some(#s)),
                None => quote!(None),
            };
            quote!(RetryPolicy::Backoff { min_delay_secs: #m })
        }
        RetryPolicy::AfterDelay { field, format } => {
            let (field, format) = (lit(field), lit(format));
            quote!(RetryPolicy::AfterDelay { field: #field, format: #format })
        }
        RetryPolicy::AfterEvent { event } => {
            let event = lit(event);
            quote!(RetryPolicy::AfterEvent { event: #event })
        }
    }
}

fn subcode_tokens(s: &Subcode) -> TokenStream {
    let code = Literal::u64_unsuffixed(s.code);
    let (source, upstream_field, description) =
        (lit(&s.source), lit(&s.upstream_field), lit(&s.description));
    let response_field = opt_str(s.response_field.as_deref());
    let upstream_message = opt_str(s.upstream_message.as_deref());
    let message = opt_str(s.message.as_deref());
    let relink = opt_tokens(s.relink, relink_tokens);
    let remedy = opt_tokens(s.remedy, remedy_tokens);
    let retry_available = match s.retry_available {
        Some(b) => quote!(Some(#b)),
        None => quote!(None),
    };
    quote! {
        Subcode {
            code: #code,
            source: #source,
            upstream_field: #upstream_field,
            response_field: #response_field,
            description: #description,
            upstream_message: #upstream_message,
            message: #message,
            relink: #relink,
            retry_available: #retry_available,
            remedy: #remedy,
        },
    }
}

fn case_tokens(k: &Case) -> TokenStream {
    let (id, title, signal, advice) = (lit(&k.id), lit(&k.title), lit(&k.signal), lit(&k.advice));
    let message = opt_str(k.message.as_deref());
    let relink = opt_tokens(k.relink, relink_tokens);
    let remedy = opt_tokens(k.remedy, remedy_tokens);
    quote! {
        Case {
            id: #id, title: #title, signal: #signal, advice: #advice,
            message: #message, relink: #relink, remedy: #remedy,
        },
    }
}

fn error_table(c: &Catalog) -> TokenStream {
    let count = c.errors.len();
    let infos = c.errors.iter().map(|e| {
        let v = ident(&e.name);
        let (name, title) = (lit(&e.name), lit(&e.title));
        let http = match e.http_status {
            Some(s) => quote!(Some(#s)),
            None => quote!(None),
        };
        let action = opt_str(e.action.as_deref());
        let platforms = e.platforms.iter().filter_map(|id| {
            c.platforms.iter().find(|p| &p.id == id).map(|p| {
                let pv = ident(&p.name);
                quote!(Platform::#pv,)
            })
        });
        let severity = ident(e.severity.ident());
        let appears = e.appears_in.iter().map(|a| {
            let av = ident(a.ident());
            quote!(Appearance::#av,)
        });
        let retry = retry_tokens(&e.retry);
        let relink = relink_tokens(e.relink);
        let remedy = remedy_tokens(e.remedy);
        let messages = e.messages.iter().map(|m| lit(m));
        let (description, advice, docs_url) =
            (lit(&e.description), lit(&e.advice), lit(&e.docs_url));
        let subcodes = e.subcodes.iter().map(subcode_tokens);
        let cases = e.cases.iter().map(case_tokens);
        let superseded_by = code_list(&e.superseded_by, c);
        let replaces = code_list(&e.replaces, c);
        let replaced_by = code_list(&e.replaced_by, c);
        let related = code_list(&e.related, c);
        let retired = opt_str(e.retired.as_deref());
        quote! {
            ErrorInfo {
                code: ErrorCode::#v,
                name: #name,
                title: #title,
                http_status: #http,
                action: #action,
                platforms: &[#(#platforms)*],
                severity: Severity::#severity,
                appears_in: &[#(#appears)*],
                retry: #retry,
                relink: #relink,
                remedy: #remedy,
                messages: &[#(#messages),*],
                description: #description,
                advice: #advice,
                subcodes: &[#(#subcodes)*],
                cases: &[#(#cases)*],
                superseded_by: #superseded_by,
                replaces: #replaces,
                replaced_by: #replaced_by,
                related: #related,
                retired: #retired,
                docs_url: #docs_url,
            },
        }
    });
    quote! {
        /// The catalog's entries, in the order of [`ErrorCode::ALL`].
        pub static ERRORS: [ErrorInfo; #count] = [#(#infos)*];
    }
}

fn code_type() -> TokenStream {
    quote! {
        /// An error code as found in a response: one the catalog knows, or
        /// a number it does not (yet). The number is never lost.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            /// A code in the catalog.
            Known(ErrorCode),
            /// A code this version of the catalog does not have.
            Unknown(u32),
        }

        impl Code {
            /// The code for a number.
            pub const fn new(code: u32) -> Code {
                match ErrorCode::from_code(code) {
                    Some(c) => Code::Known(c),
                    None => Code::Unknown(code),
                }
            }

            /// The number, known or not.
            pub const fn number(self) -> u32 {
                match self {
                    Code::Known(c) => c.code(),
                    Code::Unknown(n) => n,
                }
            }

            /// The catalog's code, if it is one.
            pub const fn known(self) -> Option<ErrorCode> {
                match self {
                    Code::Known(c) => Some(c),
                    Code::Unknown(_) => None,
                }
            }

            /// The catalog entry, if the code is known.
            pub const fn info(self) -> Option<&'static ErrorInfo> {
                match self {
                    Code::Known(c) => Some(c.info()),
                    Code::Unknown(_) => None,
                }
            }
        }

        impl From<u32> for Code {
            fn from(code: u32) -> Code {
                Code::new(code)
            }
        }

        impl From<ErrorCode> for Code {
            fn from(code: ErrorCode) -> Code {
                Code::Known(code)
            }
        }

        impl From<Code> for u32 {
            fn from(code: Code) -> u32 {
                code.number()
            }
        }

        impl PartialOrd for Code {
            fn partial_cmp(&self, other: &Code) -> Option<core::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for Code {
            fn cmp(&self, other: &Code) -> core::cmp::Ordering {
                self.number().cmp(&other.number())
            }
        }

        impl core::fmt::Display for Code {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Display::fmt(&self.number(), f)
            }
        }

        impl serde::Serialize for Code {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_u32(self.number())
            }
        }

        impl<'de> serde::Deserialize<'de> for Code {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
                u32::deserialize(d).map(Code::new)
            }
        }
    }
}
