//! Rust: the catalog as a dependency-light crate. Built with quote, checked
//! by parsing with syn, printed with prettyplease, so the output is the same
//! on every machine (no rustfmt involved).
//!
//! Everything lands in one file with no inner attributes, so a build script
//! can `include!` it as well (see [`crate::build`]).

mod ast;

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::Expr;

use crate::emit::{EmitError, header_line};
use crate::ir::{
    Appearance, Case, Catalog, ErrorEntry, Relink, Remedy, RetryPolicy, Severity, Subcode,
};
use crate::writer::GeneratedFile;

/// Name of the generated source file, relative to the crate's `src/`.
pub const CATALOG_RS: &str = "generated/catalog.rs";

/// The crate's manifest, `src/lib.rs` and the runtime modules are written
/// by hand; only the catalog module is generated.
/// (`codegen/tests/manifests.rs` holds the manifest's name and version to
/// the catalog's.)
pub fn emit(c: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    Ok(vec![GeneratedFile::new(
        format!("src/{CATALOG_RS}"),
        catalog_rs(c)?,
    )])
}

/// The generated module as formatted source.
pub fn catalog_rs(c: &Catalog) -> Result<String, EmitError> {
    catalog_rs_in_blocks(c, ENTRIES_PER_BLOCK)
}

/// How many entries one block of the `ErrorCode` enum or of the entry
/// constants holds (see [`catalog_rs_in_blocks`]).
const ENTRIES_PER_BLOCK: usize = 500;

/// What one worker builds and prints.
#[derive(Clone)]
enum Part {
    /// Support types, catalog constants and the platform enum.
    Head,
    /// Entries `range` of the `ErrorCode` enum.
    Enum(std::ops::Range<usize>),
    /// The `ErrorCode` impls and the `ERRORS` table.
    Impls,
    /// The constants of entries `range`, which the table lists.
    Entries(std::ops::Range<usize>),
    /// The `Code` type.
    Tail,
}

/// The module, with what grows with the catalog (the `ErrorCode` enum and
/// the entry constants) built and printed `block` entries at a time.
///
/// prettyplease prints a file item by item, each from the start of a line,
/// so blocks of whole items (the entry constants) are simply joined. A long
/// enum it prints one variant after another at the same indentation, so a
/// block printed as the whole enum with only its own variants reads,
/// between the enum's first line and its closing line, exactly as those
/// variants do in the whole enum, and those blocks are joined too. Every
/// block is built and printed on whichever core is free (syntax trees are
/// not `Send`, so each stays on the thread that built it), and none is ever
/// as large as the whole.
fn catalog_rs_in_blocks(c: &Catalog, block: usize) -> Result<String, EmitError> {
    let n = c.errors.len();
    let ranges: Vec<std::ops::Range<usize>> = (0..n.max(1))
        .step_by(block.max(1))
        .map(|start| start..(start + block.max(1)).min(n))
        .collect();
    // In file order; handed out costliest first (the entry constants, then
    // the enum).
    let mut parts = vec![Part::Head];
    parts.extend(ranges.iter().cloned().map(Part::Enum));
    parts.push(Part::Impls);
    parts.extend(ranges.iter().cloned().map(Part::Entries));
    parts.push(Part::Tail);
    let mut queue: Vec<usize> = (0..parts.len()).collect();
    queue.sort_by_key(|i| match parts[*i] {
        Part::Entries(_) => 0,
        Part::Enum(_) => 1,
        Part::Impls => 2,
        Part::Head | Part::Tail => 3,
    });
    let printed = crate::par::try_map(
        &queue,
        |i| print_part(c, &parts[*i]),
        || EmitError("the Rust emitter panicked".to_string()),
    )?;
    let mut texts: Vec<String> = vec![String::new(); parts.len()];
    for (i, text) in queue.iter().zip(printed) {
        texts[*i] = text;
    }
    // Parts in file order; consecutive blocks of the enum join into one.
    let mut out = format!("// {}\n\n", header_line(c));
    let mut enum_blocks = Vec::new();
    for (part, text) in parts.iter().zip(texts) {
        if let Part::Enum(_) = part {
            enum_blocks.push(text);
            continue;
        }
        if !enum_blocks.is_empty() {
            out.push_str(&join_blocks(&enum_blocks)?);
            enum_blocks.clear();
        }
        out.push_str(&text);
    }
    Ok(out)
}

fn print_part(c: &Catalog, part: &Part) -> Result<String, EmitError> {
    let items = match part {
        Part::Head => {
            let mut items = parse_items(support_types())?;
            items.extend(parse_items(catalog_consts(c))?);
            items.extend(parse_items(platform_enum(c))?);
            items
        }
        Part::Enum(range) => vec![error_code_enum(c, range.clone())?],
        Part::Impls => {
            let mut items = error_code_impls(c)?;
            items.push(error_table(c)?);
            items
        }
        Part::Entries(range) => c.errors[range.clone()]
            .iter()
            .map(|e| entry_const(c, e))
            .collect(),
        Part::Tail => parse_items(code_type())?,
    };
    Ok(prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    }))
}

/// One printed item from blocks of it: the first block's opening lines,
/// every block's entries, the last block's closing lines. The opening runs
/// to the item's `pub` line, the closing is what follows the last indented
/// line; a block that does not have that shape, or whose opening or closing
/// differs from the others', is a bug reported as an error.
fn join_blocks(blocks: &[String]) -> Result<String, EmitError> {
    let split = |text: &str| -> Option<(usize, usize)> {
        let open = text.match_indices('\n').map(|(i, _)| i + 1).find(|&end| {
            let start = text[..end - 1].rfind('\n').map_or(0, |i| i + 1);
            text[start..].starts_with("pub ")
        })?;
        let close = text[..text.len().checked_sub(1)?]
            .rfind("\n    ")
            .and_then(|i| text[i + 1..].find('\n').map(|j| i + 2 + j))?;
        (open <= close).then_some((open, close))
    };
    let shape_error = || EmitError("the blocks of a generated Rust item do not join".to_string());
    let [first, ..] = blocks else {
        return Ok(String::new());
    };
    if blocks.len() == 1 {
        return Ok(first.clone());
    }
    let (open, close) = split(first).ok_or_else(shape_error)?;
    let (head, tail) = (&first[..open], &first[close..]);
    let mut out = String::with_capacity(blocks.iter().map(String::len).sum());
    out.push_str(head);
    for b in blocks {
        let (o, c) = split(b).ok_or_else(shape_error)?;
        if &b[..o] != head || &b[c..] != tail {
            return Err(shape_error());
        }
        out.push_str(&b[o..c]);
    }
    out.push_str(tail);
    Ok(out)
}

/// Parses scaffolding written with `quote!`. Failure is a bug in this
/// module, reported rather than panicking.
fn parse_items(tokens: TokenStream) -> Result<Vec<syn::Item>, EmitError> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| EmitError(format!("generated Rust does not parse: {e}")))?;
    Ok(file.items)
}

fn scaffolding_error(what: &str) -> EmitError {
    EmitError(format!(
        "the generated Rust scaffolding has no place for {what}"
    ))
}

fn lit(s: &str) -> Literal {
    ast::string_literal(s)
}

/// `#[doc]` attributes for catalog text. The text is data: it must not turn
/// into doc tests, broken links or HTML, and URLs are wrapped so rustdoc
/// links them instead of warning about bare URLs.
fn docs(text: &str) -> TokenStream {
    let lines = doc_attrs(text);
    quote!(#(#lines)*)
}

fn doc_attrs(text: &str) -> Vec<syn::Attribute> {
    doc_text(text)
        .lines()
        .map(|l| ast::doc_attr(&format!(" {l}")))
        .collect()
}

/// Make catalog text safe as rustdoc Markdown.
pub fn doc_text(text: &str) -> String {
    doc_text_runs(text, true)
}

/// [`doc_text`], copying plain runs in one piece or not; the tests hold the
/// two ways to the same result.
fn doc_text_runs(text: &str, runs: bool) -> String {
    // A lone CR is a line break too; in a doc comment rustc rejects it.
    // rustc also rejects characters that change the visible direction of
    // text in doc comments (a "Trojan Source" guard); show them by name.
    let unsafe_char =
        |c: char| matches!(c, '\r' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let cleaned;
    let text = if text.contains(unsafe_char) {
        let mut t = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    chars.next_if_eq(&'\n');
                    t.push('\n');
                }
                '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                    t.push_str(&format!("U+{:04X}", c as u32));
                }
                c => t.push(c),
            }
        }
        cleaned = t;
        cleaned.as_str()
    } else {
        text
    };
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
            let n = if runs {
                plain_doc_run(rest.as_bytes(), &mut word_start)
            } else {
                0
            };
            if n > 0 {
                out.push_str(&rest[..n]);
                rest = &rest[n..];
                continue;
            }
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

/// How many bytes at the start of `s` [`doc_text`] copies as they are:
/// ASCII that is not rustdoc syntax and not the `h` that may start a URL.
/// Copying these in one piece keeps the pass cheap; the rest goes `char`
/// by `char`, which the result does not depend on.
fn plain_doc_run(s: &[u8], word_start: &mut bool) -> usize {
    let mut n = 0;
    for &b in s {
        let plain = match b {
            b'`' | b'[' | b']' | b'<' | b'>' | b'*' | b'_' | b'\\' | b'#' | b'|' | b'&' => false,
            b'h' => !*word_start,
            _ => b.is_ascii(),
        };
        if !plain {
            break;
        }
        *word_start = char::from(b).is_whitespace() || b == b'(';
        n += 1;
    }
    n
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
    let name = ast::ident(name);
    let doc = lit(&format!(" {doc}"));
    let (mut defs, mut arms, mut parse, mut all) = (vec![], vec![], vec![], vec![]);
    for (v, word, vdoc) in variants {
        let v = ast::ident(v);
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
        let v = ast::ident(&p.name);
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

fn variant_docs(c: &Catalog, e: &ErrorEntry) -> Vec<syn::Attribute> {
    let mut attrs = doc_attrs(&crate::emit::entry_summary(c, e));
    attrs.push(ast::doc_attr(""));
    attrs.push(ast::doc_attr(&format!(" [Reference]({})", e.docs_url)));
    attrs
}

fn variant_path(name: &str) -> Expr {
    ast::path_expr(&["ErrorCode", name])
}

/// The `ErrorCode` enum: scaffolding from `quote!`, with the variants
/// filled in directly.
fn error_code_enum(c: &Catalog, range: std::ops::Range<usize>) -> Result<syn::Item, EmitError> {
    let mut items = parse_items(quote! {
        /// Every error code in the catalog. The discriminant is the code.
        ///
        /// New codes are added over time, so the enum is non-exhaustive;
        /// [`Code`] holds codes this version does not know yet.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u32)]
        #[non_exhaustive]
        pub enum ErrorCode {}
    })?;
    let Some(syn::Item::Enum(mut en)) = items.pop() else {
        return Err(scaffolding_error("the ErrorCode enum"));
    };
    en.variants = c.errors[range]
        .iter()
        .map(|e| ast::variant(variant_docs(c, e), &e.name, Literal::u32_unsuffixed(e.code)))
        .collect();
    Ok(syn::Item::Enum(en))
}

/// The impls of `ErrorCode`, with the per-code arms and array elements.
fn error_code_impls(c: &Catalog) -> Result<Vec<syn::Item>, EmitError> {
    let count = c.errors.len();
    let mut items = parse_items(quote! {
        impl ErrorCode {
            /// Every code, in ascending order.
            pub const ALL: [ErrorCode; #count] = [];

            /// The code for a number, if the catalog has it. A `match` on
            /// the number: no hashing, no allocation.
            pub const fn from_code(code: u32) -> Option<ErrorCode> {
                match code { _ => None }
            }

            /// The code for its identifier (`"InstagramRateLimit"`).
            pub fn from_name(name: &str) -> Option<ErrorCode> {
                match name { _ => None }
            }

            /// The number.
            pub const fn code(self) -> u32 {
                self as u32
            }

            /// Position in [`ErrorCode::ALL`] and [`ERRORS`].
            pub const fn index(self) -> usize {
                match self {}
            }

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
    })?;
    let [syn::Item::Impl(imp), ..] = items.as_mut_slice() else {
        return Err(scaffolding_error("the ErrorCode impl"));
    };
    let all = ast::const_array(imp, "ALL").ok_or_else(|| scaffolding_error("ErrorCode::ALL"))?;
    all.elems = c.errors.iter().map(|e| variant_path(&e.name)).collect();
    let arms = |f: &dyn Fn(usize, &ErrorEntry) -> syn::Arm| -> Vec<syn::Arm> {
        c.errors.iter().enumerate().map(|(i, e)| f(i, e)).collect()
    };
    let mut fill = |method: &str, new: Vec<syn::Arm>| -> Result<(), EmitError> {
        let m = ast::method_match(imp, method)
            .ok_or_else(|| scaffolding_error(&format!("the arms of ErrorCode::{method}")))?;
        // Before the scaffolding's own arms: a `_` fallback stays last.
        m.arms.splice(0..0, new);
        Ok(())
    };
    fill(
        "from_code",
        arms(&|_, e| {
            ast::arm(
                ast::int_pat(Literal::u32_unsuffixed(e.code)),
                ast::some(variant_path(&e.name)),
            )
        }),
    )?;
    fill(
        "from_name",
        arms(&|_, e| ast::arm(ast::str_pat(&e.name), ast::some(variant_path(&e.name)))),
    )?;
    fill(
        "index",
        arms(&|i, e| {
            ast::arm(
                ast::path_pat(&["ErrorCode", &e.name]),
                ast::int_expr(Literal::usize_suffixed(i)),
            )
        }),
    )?;
    Ok(items)
}

fn code_list(codes: &[u32], c: &Catalog) -> Expr {
    ast::slice(
        codes
            .iter()
            .filter_map(|n| c.entry(*n).map(|e| variant_path(&e.name))),
    )
}

fn relink_expr(r: Relink) -> Expr {
    ast::path_expr(&["Relink", r.ident()])
}

fn remedy_expr(r: Remedy) -> Expr {
    ast::path_expr(&["Remedy", r.ident()])
}

fn opt_str(s: Option<&str>) -> Expr {
    ast::option(s, ast::str_expr)
}

fn retry_expr(r: &RetryPolicy) -> Expr {
    let variant = |v: &str| ast::path_expr(&["RetryPolicy", v]);
    let with = |v: &str, fields: Vec<(&str, Expr)>| ast::struct_expr(&["RetryPolicy", v], fields);
    match r {
        RetryPolicy::Never => variant("Never"),
        RetryPolicy::FailedPlatforms => variant("FailedPlatforms"),
        RetryPolicy::Backoff { min_delay_secs } => with(
            "Backoff",
            vec![(
                "min_delay_secs",
                ast::option(*min_delay_secs, |s| ast::int_expr(Literal::u32_suffixed(s))),
            )],
        ),
        RetryPolicy::AfterDelay { field, format } => with(
            "AfterDelay",
            vec![
                ("field", ast::str_expr(field)),
                ("format", ast::str_expr(format)),
            ],
        ),
        RetryPolicy::AfterEvent { event } => {
            with("AfterEvent", vec![("event", ast::str_expr(event))])
        }
    }
}

fn subcode_expr(s: &Subcode) -> Expr {
    ast::struct_expr(
        &["Subcode"],
        [
            ("code", ast::int_expr(Literal::u64_unsuffixed(s.code))),
            ("source", ast::str_expr(&s.source)),
            ("upstream_field", ast::str_expr(&s.upstream_field)),
            ("response_field", opt_str(s.response_field.as_deref())),
            ("description", ast::str_expr(&s.description)),
            ("upstream_message", opt_str(s.upstream_message.as_deref())),
            ("message", opt_str(s.message.as_deref())),
            ("relink", ast::option(s.relink, relink_expr)),
            (
                "retry_available",
                ast::option(s.retry_available, ast::bool_expr),
            ),
            ("remedy", ast::option(s.remedy, remedy_expr)),
        ],
    )
}

fn case_expr(k: &Case) -> Expr {
    ast::struct_expr(
        &["Case"],
        [
            ("id", ast::str_expr(&k.id)),
            ("title", ast::str_expr(&k.title)),
            ("signal", ast::str_expr(&k.signal)),
            ("advice", ast::str_expr(&k.advice)),
            ("message", opt_str(k.message.as_deref())),
            ("relink", ast::option(k.relink, relink_expr)),
            ("remedy", ast::option(k.remedy, remedy_expr)),
        ],
    )
}

fn info_expr(c: &Catalog, e: &ErrorEntry) -> Expr {
    let platforms = e.platforms.iter().filter_map(|id| {
        c.platforms
            .iter()
            .find(|p| &p.id == id)
            .map(|p| ast::path_expr(&["Platform", &p.name]))
    });
    let appears = e
        .appears_in
        .iter()
        .map(|a| ast::path_expr(&["Appearance", a.ident()]));
    ast::struct_expr(
        &["ErrorInfo"],
        [
            ("code", variant_path(&e.name)),
            ("name", ast::str_expr(&e.name)),
            ("title", ast::str_expr(&e.title)),
            (
                "http_status",
                ast::option(e.http_status, |s| ast::int_expr(Literal::u16_suffixed(s))),
            ),
            ("action", opt_str(e.action.as_deref())),
            ("platforms", ast::slice(platforms)),
            (
                "severity",
                ast::path_expr(&["Severity", e.severity.ident()]),
            ),
            ("appears_in", ast::slice(appears)),
            ("retry", retry_expr(&e.retry)),
            ("relink", relink_expr(e.relink)),
            ("remedy", remedy_expr(e.remedy)),
            (
                "messages",
                ast::slice(e.messages.iter().map(|m| ast::str_expr(m))),
            ),
            ("description", ast::str_expr(&e.description)),
            ("advice", ast::str_expr(&e.advice)),
            ("subcodes", ast::slice(e.subcodes.iter().map(subcode_expr))),
            ("cases", ast::slice(e.cases.iter().map(case_expr))),
            ("superseded_by", code_list(&e.superseded_by, c)),
            ("replaces", code_list(&e.replaces, c)),
            ("replaced_by", code_list(&e.replaced_by, c)),
            ("related", code_list(&e.related, c)),
            ("retired", opt_str(e.retired.as_deref())),
            ("docs_url", ast::str_expr(&e.docs_url)),
        ],
    )
}

/// The `ERRORS` table, which names each entry's constant.
///
/// Each entry is a `const` of its own rather than a literal inside the
/// table: rustc type-checks one item body at a time, and one body holding
/// every entry took time growing with the square of the catalog (10.8 s
/// for 2,000 codes, 42 s for 4,000, over three minutes for 10,000), where
/// a body per entry grows about linearly.
fn error_table(c: &Catalog) -> Result<syn::Item, EmitError> {
    let count = c.errors.len();
    let mut items = parse_items(quote! {
        /// The catalog's entries, in the order of [`ErrorCode::ALL`].
        pub static ERRORS: [ErrorInfo; #count] = [];
    })?;
    let Some(syn::Item::Static(mut table)) = items.pop() else {
        return Err(scaffolding_error("the ERRORS table"));
    };
    table.expr = Box::new(ast::array(
        c.errors
            .iter()
            .map(|e| ast::path_expr(&[&entry_const_name(e)])),
    ));
    Ok(syn::Item::Static(table))
}

fn entry_const_name(e: &ErrorEntry) -> String {
    format!("ENTRY_{}", e.code)
}

/// `const ENTRY_435: ErrorInfo = ErrorInfo { ... };`
fn entry_const(c: &Catalog, e: &ErrorEntry) -> syn::Item {
    syn::Item::Const(syn::ItemConst {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        const_token: Default::default(),
        ident: ast::ident(&entry_const_name(e)),
        generics: syn::Generics::default(),
        colon_token: Default::default(),
        ty: Box::new(syn::Type::Path(syn::TypePath {
            qself: None,
            path: ast::path(&["ErrorInfo"]),
        })),
        eq_token: Default::default(),
        expr: Box::new(info_expr(c, e)),
        semi_token: Default::default(),
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn doc_text_is_the_same_with_or_without_plain_runs(
            text in crate::emit::hostile_text(
                &[
                    "https://example.com/x.",
                    "http://a",
                    "h",
                    "`",
                    "```",
                    "\r\n",
                    "\r",
                    "\n",
                    "\u{202e}",
                    "(",
                    "  ",
                    "[x](y) <b> *_\\#|&",
                    "plain words",
                    "é\u{a0}日",
                ],
                &[],
                24,
            )
        ) {
            prop_assert_eq!(doc_text(&text), doc_text_runs(&text, false));
        }
    }

    fn catalog(dir: &str) -> Catalog {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        crate::compile(&path).unwrap_or_else(|f| panic!("{}", f.render()))
    }

    /// Printing the large items in blocks gives the same module as printing
    /// them whole, for every block size, on catalogs with every kind of
    /// entry (sub-codes, cases, retired codes, hostile text).
    #[test]
    fn blocks_join_into_the_whole_module() {
        for dir in ["../catalog", "../tests/fixtures/valid/hostile"] {
            let c = catalog(dir);
            let whole = catalog_rs_in_blocks(&c, usize::MAX).expect("whole");
            let n = c.errors.len();
            assert!(n >= 2, "{dir} is too small to split");
            for block in [1, 2, 3, n - 1, n] {
                let joined = catalog_rs_in_blocks(&c, block).expect("in blocks");
                assert!(
                    joined == whole,
                    "{dir}: blocks of {block} differ from the whole"
                );
            }
        }
    }

    #[test]
    fn a_block_of_the_wrong_shape_is_an_error() {
        let blocks = [
            "pub enum E {\n    A,\n}\n".to_string(),
            "pub enum F {\n    B,\n}\n".to_string(),
        ];
        assert!(join_blocks(&blocks).is_err());
        let blocks = [
            "pub enum E {\n    A,\n}\n".to_string(),
            "pub enum E {\n    B,\n}\n".to_string(),
        ];
        assert_eq!(
            join_blocks(&blocks).expect("joins"),
            "pub enum E {\n    A,\n    B,\n}\n"
        );
        assert!(join_blocks(&["no item here\n".to_string(), "x\n".to_string()]).is_err());
    }
}
