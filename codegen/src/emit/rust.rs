//! Rust: the catalog as a dependency-light crate. Built with quote, checked
//! by parsing with syn, printed with prettyplease, so the output is the same
//! on every machine (no rustfmt involved).
//!
//! Everything lands in one file with no inner attributes, so a build script
//! can `include!` it as well (see [`crate::build`]).

mod ast;
mod phf;

pub use ast::string_literal;

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use syn::Expr;

use crate::emit::{EmitError, header_line};
use crate::ir::{
    Appearance, Case, Catalog, Code, CodeKind, ErrorEntry, Presence, Relink, Remedy, RetryPolicy,
    Severity, Subcode,
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
            let mut items = parse_items(support_types(c))?;
            items.extend(parse_items(catalog_consts(c))?);
            items.extend(parse_items(group_enum(c))?);
            items.extend(parse_items(platform_enum(c))?);
            items
        }
        Part::Enum(range) => vec![error_code_enum(c, range.clone())?],
        Part::Impls => {
            let mut items = error_code_impls(c)?;
            items.push(error_table(c)?);
            items
        }
        Part::Entries(range) => {
            let fields = info_fields(c);
            c.errors[range.clone()]
                .iter()
                .map(|e| entry_const(c, e, &fields))
                .collect::<Result<_, _>>()?
        }
        Part::Tail => parse_items(code_type(c))?,
    };
    Ok(prettyplease::unparse(&syn::File {
        shebang: None,
        frontmatter: None,
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

/// A fact of `ErrorInfo` in generated code: left out when no entry states
/// it, optional when some do, plain when all do.
fn fact_ty(p: Presence, ty: TokenStream) -> Option<TokenStream> {
    match p {
        Presence::Never => None,
        Presence::Sometimes => Some(quote!(Option<#ty>)),
        Presence::Always => Some(ty),
    }
}

/// One field of `ErrorInfo`: name, presence, type and the two ways of
/// documenting it (stated by every entry, or only by some).
struct InfoField {
    name: &'static str,
    presence: Presence,
    ty: TokenStream,
    doc: &'static str,
    doc_optional: &'static str,
}

/// Every field `ErrorInfo` has in this catalog, in order. Facts no entry
/// states are left out; lists are there when some entry has items.
fn info_fields(c: &Catalog) -> Vec<InfoField> {
    let f = &c.facts;
    let list = |p: Presence| {
        if p.used() {
            Presence::Always
        } else {
            Presence::Never
        }
    };
    let always = Presence::Always;
    let docs_url = if c.meta.docs_url.is_some() {
        Presence::Always
    } else {
        Presence::Never
    };
    let code_ty = quote!(ErrorCode);
    let mut out = vec![
        InfoField {
            name: "code",
            presence: always,
            ty: code_ty,
            doc: "The code.",
            doc_optional: "",
        },
        InfoField {
            name: "name",
            presence: always,
            ty: quote!(&'static str),
            doc: "Stable identifier.",
            doc_optional: "",
        },
        InfoField {
            name: "title",
            presence: always,
            ty: quote!(&'static str),
            doc: "Short title.",
            doc_optional: "",
        },
    ];
    if !c.groups.is_empty() {
        out.push(InfoField {
            name: "group",
            presence: f.group,
            ty: quote!(Group),
            doc: "The group the code belongs to.",
            doc_optional: "The group the code belongs to, if any.",
        });
    }
    out.extend([
        InfoField { name: "http_status", presence: f.http_status, ty: quote!(u16), doc: "HTTP status.", doc_optional: "HTTP status, `None` where the API documents none." },
        InfoField { name: "action", presence: f.action, ty: quote!(&'static str), doc: "The `action` value of the error object.", doc_optional: "The `action` value of the error object, when documented." },
        InfoField { name: "platforms", presence: f.platforms, ty: quote!(&'static [Platform]), doc: "Platforms the code concerns; empty when not platform-specific.", doc_optional: "Platforms the code concerns (empty when not platform-specific), when stated." },
        InfoField { name: "severity", presence: f.severity, ty: quote!(Severity), doc: "Error, or a warning on a successful response.", doc_optional: "Error, or a warning on a successful response, when stated." },
        InfoField { name: "appears_in", presence: f.appears_in, ty: quote!(&'static [Appearance]), doc: "Where the error object sits in a response.", doc_optional: "Where the error object sits in a response, when stated." },
        InfoField { name: "retry", presence: f.retry, ty: quote!(RetryPolicy), doc: "When a retry can succeed.", doc_optional: "When a retry can succeed, when stated." },
        InfoField { name: "relink", presence: f.relink, ty: quote!(Relink), doc: "Whether the user must relink.", doc_optional: "Whether the user must relink, when stated." },
        InfoField { name: "remedy", presence: f.remedy, ty: quote!(Remedy), doc: "What to do by default.", doc_optional: "What to do by default, when stated." },
        InfoField { name: "messages", presence: list(f.messages), ty: quote!(&'static [&'static str]), doc: "The exact message texts the API returns.", doc_optional: "" },
        InfoField { name: "description", presence: f.description, ty: quote!(&'static str), doc: "When it happens.", doc_optional: "When it happens, when described." },
        InfoField { name: "advice", presence: f.advice, ty: quote!(&'static str), doc: "What to do about it.", doc_optional: "What to do about it, when advised." },
        InfoField { name: "subcodes", presence: list(f.subcodes), ty: quote!(&'static [Subcode]), doc: "Upstream codes that refine it.", doc_optional: "" },
        InfoField { name: "cases", presence: list(f.cases), ty: quote!(&'static [Case]), doc: "Situations told apart by the response.", doc_optional: "" },
        InfoField { name: "superseded_by", presence: always, ty: quote!(&'static [ErrorCode]), doc: "Codes that replace this one.", doc_optional: "" },
        InfoField { name: "replaces", presence: always, ty: quote!(&'static [ErrorCode]), doc: "Codes this one replaces.", doc_optional: "" },
        InfoField { name: "replaced_by", presence: always, ty: quote!(&'static [ErrorCode]), doc: "Codes that replace this one in part.", doc_optional: "" },
        InfoField { name: "related", presence: always, ty: quote!(&'static [ErrorCode]), doc: "Codes worth reading with this one.", doc_optional: "" },
        InfoField { name: "retired", presence: always, ty: quote!(Option<&'static str>), doc: "Set when the API no longer emits the code.", doc_optional: "" },
        InfoField { name: "docs_url", presence: docs_url, ty: quote!(&'static str), doc: "The code's reference page.", doc_optional: "" },
    ]);
    out.retain(|f| f.presence.used());
    out
}

/// Types the catalog's metadata needs. They come with the catalog rather
/// than from a runtime crate, so the output needs nothing but serde; a
/// type for a fact the catalog never states is left out.
fn support_types(c: &Catalog) -> TokenStream {
    let f = &c.facts;
    let refined = f.subcodes.used() || f.cases.used();
    let mut out = TokenStream::new();
    if f.severity.used() {
        out.extend(word_enum(
            "Severity",
            "Whether a response failed or succeeded with a note.",
            Severity::ALL
                .iter()
                .map(|s| (s.ident(), s.as_str(), severity_doc(*s))),
        ));
    }
    if f.appears_in.used() {
        out.extend(word_enum(
            "Appearance",
            "Where an error object sits in a response body.",
            Appearance::ALL
                .iter()
                .map(|a| (a.ident(), a.as_str(), appearance_doc(*a))),
        ));
    }
    if f.relink.used() || refined {
        out.extend(word_enum(
            "Relink",
            "Whether the end user must unlink and relink their account.",
            Relink::ALL
                .iter()
                .map(|r| (r.ident(), r.as_str(), relink_doc(*r))),
        ));
    }
    if f.remedy.used() || refined {
        out.extend(word_enum(
            "Remedy",
            "What a program should do about an error.",
            Remedy::ALL
                .iter()
                .map(|r| (r.ident(), r.as_str(), remedy_doc(*r))),
        ));
    }
    if f.retry.used() {
        out.extend(retry_policy_type());
    }
    if f.subcodes.used() {
        // The catalog's own first source as the example, a code span
        // whatever its text, made safe for rustdoc as every doc text is.
        let example = c
            .errors
            .iter()
            .find_map(|e| e.subcodes.first())
            .map_or_else(|| "``".to_string(), |s| super::md::code(&s.source));
        let source_doc = lit(&format!(
            " {}",
            doc_text(&format!("Whose code it is ({example})."))
        ));
        out.extend(quote! {
            /// An upstream platform's own code that refines an error, with what
            /// changes when it applies.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub struct Subcode {
                /// The upstream code.
                pub code: u64,
                #[doc = #source_doc]
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
        });
    }
    if f.cases.used() {
        out.extend(quote! {
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
        });
    }
    if !c.http_statuses.is_empty() {
        out.extend(quote! {
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
        });
    }
    let fields = info_fields(c).into_iter().filter_map(|field| {
        let name = ast::ident(field.name);
        let optional = field.presence == Presence::Sometimes;
        let doc = lit(&format!(
            " {}",
            if optional {
                field.doc_optional
            } else {
                field.doc
            }
        ));
        let ty = fact_ty(field.presence, field.ty)?;
        Some(quote!(#[doc = #doc] pub #name: #ty,))
    });
    let mut methods = TokenStream::new();
    match f.retry {
        Presence::Always => methods.extend(quote! {
            /// Whether a retry can succeed without changing the request.
            pub const fn retryable(&self) -> bool {
                self.retry.retryable()
            }
        }),
        Presence::Sometimes => methods.extend(quote! {
            /// Whether a retry can succeed without changing the request,
            /// when the catalog states a retry policy.
            pub const fn retryable(&self) -> Option<bool> {
                match self.retry {
                    Some(r) => Some(r.retryable()),
                    None => None,
                }
            }
        }),
        Presence::Never => {}
    }
    match f.relink {
        Presence::Always => methods.extend(quote! {
            /// Whether the user must unlink and relink the account.
            pub const fn relink_required(&self) -> bool {
                matches!(self.relink, Relink::Required)
            }
        }),
        Presence::Sometimes => methods.extend(quote! {
            /// Whether the user must unlink and relink the account, when the
            /// catalog states it.
            pub const fn relink_required(&self) -> Option<bool> {
                match self.relink {
                    Some(r) => Some(matches!(r, Relink::Required)),
                    None => None,
                }
            }
        }),
        Presence::Never => {}
    }
    if f.subcodes.used() {
        methods.extend(quote! {
            /// The sub-code entry for an upstream code, if the catalog has one.
            pub fn subcode(&self, code: u64) -> Option<&'static Subcode> {
                self.subcodes.iter().find(|s| s.code == code)
            }
        });
    }
    out.extend(quote! {
        /// Everything the catalog says about one error code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct ErrorInfo { #(#fields)* }
    });
    if !methods.is_empty() {
        out.extend(quote!(impl ErrorInfo { #methods }));
    }
    out
}

fn retry_policy_type() -> TokenStream {
    quote! {
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
        Appearance::ErrorsArray => "An entry of the response's list of errors.",
        Appearance::TopLevel => "The body itself is the error object.",
        Appearance::PlatformKeyed => "Under a platform's key.",
        Appearance::WarningsArray => "An entry of the list of warnings on a successful response.",
        Appearance::PartialSuccess => "Among the errors of a response that also reports successes.",
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
    let (name, title, version) = (lit(&m.name), lit(&m.title), lit(&m.version));
    let fingerprint: Literal = format!("0x{:016x}", crate::emit::fingerprint(c))
        .parse()
        .unwrap_or_else(|_| Literal::u64_unsuffixed(crate::emit::fingerprint(c)));
    let mut out = quote! {
        /// Machine name of the catalog.
        pub const CATALOG_NAME: &str = #name;
        /// Human name of the API.
        pub const CATALOG_TITLE: &str = #title;
        /// Version of the catalog this code was generated from.
        pub const CATALOG_VERSION: &str = #version;
    };
    if let Some(url) = &m.docs_url {
        let url = lit(url);
        out.extend(quote! {
            /// Base URL of the reference documentation.
            pub const DOCS_URL: &str = #url;
        });
    }
    if !c.http_statuses.is_empty() {
        let statuses = c.http_statuses.iter().map(|s| {
            let (code, meaning, success) = (s.code, lit(&s.meaning), s.success);
            quote!(HttpStatus { code: #code, meaning: #meaning, success: #success },)
        });
        out.extend(quote! {
            /// The HTTP statuses the API documents, in order.
            pub const HTTP_STATUSES: &[HttpStatus] = &[#(#statuses)*];
        });
    }
    if c.envelope.declared {
        let keys =
            crate::envelope::envelope_keys(&c.envelope, c.fields.iter().map(|f| f.name.as_str()));
        let keys = keys.iter().map(|k| lit(k));
        let code_field = lit(&c.envelope.code_field);
        out.extend(quote! {
            /// The field of an error object that holds its code.
            pub const CODE_FIELD: &str = #code_field;
            /// Top-level keys of a response body that belong to its
            /// envelope: any other key that is not a platform id is an
            /// endpoint's own.
            pub const ENVELOPE_KEYS: &[&str] = &[#(#keys),*];
        });
    }
    out.extend(quote! {
        /// Identifies the codes, names and facts this module was generated
        /// from. A `FromCode` derive generated from the same catalog checks
        /// it at compile time, so the two cannot drift apart.
        pub const CATALOG_FINGERPRINT: u64 = #fingerprint;
    });
    out
}

fn group_enum(c: &Catalog) -> TokenStream {
    if c.groups.is_empty() {
        return TokenStream::new();
    }
    let (mut defs, mut ids, mut titles, mut descriptions, mut parse, mut all, mut codes) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for g in &c.groups {
        let v = ast::ident(&g.name);
        let (id, title) = (lit(&g.id), lit(&g.title));
        let mut text = format!("{} (`{}`).", g.title, g.id);
        if let Some(d) = &g.description {
            text.push_str("\n\n");
            text.push_str(d);
        }
        let d = docs(&text);
        defs.push(quote!(#d #v,));
        ids.push(quote!(Group::#v => #id,));
        titles.push(quote!(Group::#v => #title,));
        let description = match &g.description {
            Some(d) => {
                let d = lit(d);
                quote!(Some(#d))
            }
            None => quote!(None),
        };
        descriptions.push(quote!(Group::#v => #description,));
        parse.push(quote!(#id => Some(Group::#v),));
        all.push(quote!(Group::#v,));
        let members = g
            .codes
            .iter()
            .filter_map(|k| c.entry(k))
            .map(|e| ast::ident(&e.name));
        codes.push(quote!(Group::#v => &[#(ErrorCode::#members),*],));
    }
    quote! {
        /// A named set of codes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Group { #(#defs)* }

        impl Group {
            /// Every group, in the order of their lowest codes.
            pub const ALL: &'static [Group] = &[#(#all)*];

            /// The group's id in the catalog.
            pub const fn id(self) -> &'static str {
                match self { #(#ids)* }
            }

            /// Human name.
            pub const fn title(self) -> &'static str {
                match self { #(#titles)* }
            }

            /// What the group holds, when the catalog says.
            pub const fn description(self) -> Option<&'static str> {
                match self { #(#descriptions)* }
            }

            /// The group for an id.
            pub fn from_id(id: &str) -> Option<Group> {
                match id { #(#parse)* _ => None }
            }

            /// The group's codes, in code order.
            pub const fn codes(self) -> &'static [ErrorCode] {
                match self { #(#codes)* }
            }
        }

        impl core::fmt::Display for Group {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.id())
            }
        }
    }
}

fn platform_enum(c: &Catalog) -> TokenStream {
    // `platforms = []` states that a code concerns no platform, even in a
    // catalog without `[[platform]]`: the type is there, uninhabited.
    if c.platforms.is_empty() && !c.facts.platforms.used() {
        return TokenStream::new();
    }
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
    quote! {
        /// A platform the API posts to, as named in `platform` fields.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Platform { #(#defs)* }

        impl Platform {
            /// Every platform, sorted by id.
            pub const ALL: &'static [Platform] = &[#(#all)*];

            /// The id the API uses in `platform` fields.
            pub const fn id(self) -> &'static str { match self { #(#ids)* } }

            /// Human name.
            pub const fn title(self) -> &'static str { match self { #(#titles)* } }

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
    if let Some(url) = &e.docs_url {
        attrs.push(ast::doc_attr(""));
        attrs.push(ast::doc_attr(&format!(" [Reference]({url})")));
    }
    attrs
}

fn variant_path(name: &str) -> Expr {
    ast::path_expr(&["ErrorCode", name])
}

/// The `ErrorCode` enum: scaffolding from `quote!`, with the variants
/// filled in directly.
fn error_code_enum(c: &Catalog, range: std::ops::Range<usize>) -> Result<syn::Item, EmitError> {
    let scaffolding = match c.code_kind {
        CodeKind::Int => quote! {
            /// Every error code in the catalog. The discriminant is the code.
            ///
            /// New codes are added over time, so the enum is non-exhaustive;
            /// [`Code`] holds codes this version does not know yet.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[repr(u32)]
            #[non_exhaustive]
            pub enum ErrorCode {}
        },
        CodeKind::Str => quote! {
            /// Every error code in the catalog, in the order of the codes.
            ///
            /// New codes are added over time, so the enum is non-exhaustive;
            /// [`Code`] holds codes this version does not know yet.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
            #[non_exhaustive]
            pub enum ErrorCode {}
        },
    };
    let mut items = parse_items(scaffolding)?;
    let Some(syn::Item::Enum(mut en)) = items.pop() else {
        return Err(scaffolding_error("the ErrorCode enum"));
    };
    en.variants = c.errors[range]
        .iter()
        .map(|e| {
            let discriminant = e.code.as_int().map(Literal::u32_unsuffixed);
            ast::variant(variant_docs(c, e), &e.name, discriminant)
        })
        .collect();
    Ok(syn::Item::Enum(en))
}

/// The accessors of `ErrorCode` that read one fact from its entry, for
/// the facts the catalog states.
fn fact_accessors(c: &Catalog) -> TokenStream {
    let f = &c.facts;
    let mut out = TokenStream::new();
    if let Some(ty) = fact_ty(f.http_status, quote!(u16)) {
        out.extend(quote! {
            /// HTTP status, when documented.
            pub const fn http_status(self) -> #ty { self.info().http_status }
        });
    }
    if let Some(ty) = fact_ty(f.severity, quote!(Severity)) {
        out.extend(quote! {
            /// Error or warning.
            pub const fn severity(self) -> #ty { self.info().severity }
        });
    }
    if let Some(ty) = fact_ty(f.retry, quote!(bool)) {
        out.extend(quote! {
            /// Whether a retry can succeed without changing the request.
            pub const fn retryable(self) -> #ty { self.info().retryable() }
        });
    }
    if let Some(ty) = fact_ty(f.relink, quote!(bool)) {
        out.extend(quote! {
            /// Whether the user must relink.
            pub const fn relink_required(self) -> #ty { self.info().relink_required() }
        });
    }
    if !c.groups.is_empty()
        && let Some(ty) = fact_ty(f.group, quote!(Group))
    {
        out.extend(quote! {
            /// The group the code belongs to.
            pub const fn group(self) -> #ty { self.info().group }
        });
    }
    if c.meta.docs_url.is_some() {
        out.extend(quote! {
            /// The code's reference page.
            pub const fn docs_url(self) -> &'static str { self.info().docs_url }
        });
    }
    out
}

/// The impls of `ErrorCode`, with the per-code arms and array elements.
fn error_code_impls(c: &Catalog) -> Result<Vec<syn::Item>, EmitError> {
    match c.code_kind {
        CodeKind::Int => int_code_impls(c),
        CodeKind::Str => str_code_impls(c),
    }
}

/// The doc line of `from_name`, with a name from the catalog itself.
fn from_name_doc(c: &Catalog) -> Literal {
    let example = c.errors.first().map_or("Name", |e| e.name.as_str());
    lit(&format!(" The code for its identifier (`\"{example}\"`)."))
}

fn int_code_impls(c: &Catalog) -> Result<Vec<syn::Item>, EmitError> {
    let count = c.errors.len();
    let accessors = fact_accessors(c);
    let from_name_doc = from_name_doc(c);
    let mut items = parse_items(quote! {
        impl ErrorCode {
            /// Every code, in ascending order.
            pub const ALL: [ErrorCode; #count] = [];

            /// The code for a number, if the catalog has it. A `match` on
            /// the number: no hashing, no allocation.
            pub const fn from_code(code: u32) -> Option<ErrorCode> {
                match code { _ => None }
            }

            #[doc = #from_name_doc]
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

            #accessors
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
                ast::int_pat(Literal::u32_unsuffixed(e.code.as_int().unwrap_or_default())),
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

/// For string codes, `from_code` looks the text up in a perfect hash table
/// built here (see `phf`), and `code` reads the text from a table indexed
/// by the variant.
fn str_code_impls(c: &Catalog) -> Result<Vec<syn::Item>, EmitError> {
    let count = c.errors.len();
    let accessors = fact_accessors(c);
    let from_name_doc = from_name_doc(c);
    let texts: Vec<String> = c.errors.iter().map(|e| e.code.to_string()).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let table = phf::build(&refs)
        .ok_or_else(|| EmitError("no perfect hash table fits these codes".to_string()))?;
    let seed: Literal = format!("0x{:016x}", table.seed)
        .parse()
        .unwrap_or_else(|_| Literal::u64_unsuffixed(table.seed));
    let buckets = table.displacements.len();
    let bucket_mask = Literal::usize_unsuffixed(buckets - 1);
    let size = table.slots.len();
    let mask = Literal::u32_unsuffixed(size as u32 - 1);
    let displacements = table
        .displacements
        .iter()
        .map(|d| Literal::u32_unsuffixed(*d));
    // Each slot holds its code's text, the hash bits that pick its bucket
    // (a miss is most often rejected on them, before any text is read),
    // and the code itself: a lookup reads the displacement, the slot, and
    // the text's bytes, and nothing else.
    let slots: Vec<TokenStream> = table
        .slots
        .iter()
        .map(|&s| match texts.get(s as usize) {
            Some(text) => {
                let tag = (phf::hash(table.seed, text.as_bytes()) >> 32) as u32;
                let tag: Literal = format!("0x{tag:08x}")
                    .parse()
                    .unwrap_or_else(|_| Literal::u32_unsuffixed(tag));
                let text = ast::str_expr(text);
                let code = variant_path(&c.errors[s as usize].name);
                quote! { CodeSlot { text: #text, tag: #tag, code: Some(#code) } }
            }
            None => quote! { NO_CODE },
        })
        .collect();
    let hash_fn: TokenStream = phf::HASH_FN
        .parse()
        .map_err(|_| EmitError("the hash function does not parse".to_string()))?;
    let mut items = parse_items(quote! {
        impl ErrorCode {
            /// Every code, in the order of the codes.
            pub const ALL: [ErrorCode; #count] = [];

            /// The code for its text, if the catalog has it. A perfect hash
            /// table built with the code: one hash, one comparison, no
            /// allocation.
            #[inline]
            pub fn from_code(code: &str) -> Option<ErrorCode> {
                let h = code_hash(CODE_HASH_SEED, code.as_bytes());
                let d = CODE_DISPLACEMENTS[(h >> 32) as usize & #bucket_mask];
                let slot = &CODE_SLOTS[(code_slot(h, d) & #mask) as usize];
                if slot.tag == (h >> 32) as u32 && slot.text == code {
                    slot.code
                } else {
                    None
                }
            }

            #[doc = #from_name_doc]
            pub fn from_name(name: &str) -> Option<ErrorCode> {
                match name { _ => None }
            }

            /// The code's text.
            pub const fn code(self) -> &'static str {
                CODE_TEXTS[self as usize]
            }

            /// Position in [`ErrorCode::ALL`] and [`ERRORS`].
            pub const fn index(self) -> usize {
                self as usize
            }

            /// Everything the catalog says about this code.
            pub const fn info(self) -> &'static ErrorInfo {
                &ERRORS[self.index()]
            }

            /// Stable identifier.
            pub const fn name(self) -> &'static str { self.info().name }

            /// Short title.
            pub const fn title(self) -> &'static str { self.info().title }

            #accessors
        }

        impl core::fmt::Display for ErrorCode {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl From<ErrorCode> for &'static str {
            fn from(c: ErrorCode) -> &'static str {
                c.code()
            }
        }

        impl<'a> TryFrom<&'a str> for ErrorCode {
            type Error = &'a str;

            /// Fails with the text itself when the catalog lacks it.
            fn try_from(code: &'a str) -> Result<ErrorCode, &'a str> {
                ErrorCode::from_code(code).ok_or(code)
            }
        }

        /// The text of each code, by [`ErrorCode::index`].
        static CODE_TEXTS: [&str; #count] = [];

        const CODE_HASH_SEED: u64 = #seed;

        /// Per bucket of hashes, the displacement that gives its codes
        /// slots of their own.
        static CODE_DISPLACEMENTS: [u32; #buckets] = [#(#displacements),*];

        /// A slot of the lookup table: the code's text, the bits of its
        /// hash that chose its bucket, and the code.
        struct CodeSlot {
            text: &'static str,
            tag: u32,
            code: Option<ErrorCode>,
        }

        /// A slot where no code is: no text matches it but the empty one,
        /// and that finds no code.
        const NO_CODE: CodeSlot = CodeSlot { text: "", tag: 0, code: None };

        /// Per slot, the code there, if any.
        static CODE_SLOTS: [CodeSlot; #size] = [#(#slots),*];

        #hash_fn
    })?;
    let [syn::Item::Impl(imp), ..] = items.as_mut_slice() else {
        return Err(scaffolding_error("the ErrorCode impl"));
    };
    let all = ast::const_array(imp, "ALL").ok_or_else(|| scaffolding_error("ErrorCode::ALL"))?;
    all.elems = c.errors.iter().map(|e| variant_path(&e.name)).collect();
    let m = ast::method_match(imp, "from_name")
        .ok_or_else(|| scaffolding_error("the arms of ErrorCode::from_name"))?;
    m.arms.splice(
        0..0,
        c.errors
            .iter()
            .map(|e| ast::arm(ast::str_pat(&e.name), ast::some(variant_path(&e.name)))),
    );
    let texts_item = items
        .iter_mut()
        .find_map(|item| match item {
            syn::Item::Static(s) if s.ident == "CODE_TEXTS" => Some(s),
            _ => None,
        })
        .ok_or_else(|| scaffolding_error("CODE_TEXTS"))?;
    *texts_item.expr = ast::array(texts.iter().map(|t| ast::str_expr(t)));
    Ok(items)
}

fn code_list(codes: &[Code], c: &Catalog) -> Expr {
    ast::slice(
        codes
            .iter()
            .filter_map(|n| c.entry(n).map(|e| variant_path(&e.name))),
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

/// The value of one `ErrorInfo` field for an entry; `None` when the entry
/// does not state the fact.
fn info_value(c: &Catalog, e: &ErrorEntry, field: &str) -> Option<Expr> {
    let slice_of = |items: Vec<Expr>| ast::slice(items);
    Some(match field {
        "code" => variant_path(&e.name),
        "name" => ast::str_expr(&e.name),
        "title" => ast::str_expr(&e.title),
        "group" => {
            let g = c.group(e.group.as_deref()?)?;
            ast::path_expr(&["Group", &g.name])
        }
        "http_status" => ast::int_expr(Literal::u16_suffixed(e.http_status?)),
        "action" => ast::str_expr(e.action.as_deref()?),
        "platforms" => slice_of(
            e.platforms
                .as_ref()?
                .iter()
                .filter_map(|id| {
                    c.platforms
                        .iter()
                        .find(|p| &p.id == id)
                        .map(|p| ast::path_expr(&["Platform", &p.name]))
                })
                .collect(),
        ),
        "severity" => ast::path_expr(&["Severity", e.severity?.ident()]),
        "appears_in" => slice_of(
            e.appears_in
                .as_ref()?
                .iter()
                .map(|a| ast::path_expr(&["Appearance", a.ident()]))
                .collect(),
        ),
        "retry" => retry_expr(e.retry.as_ref()?),
        "relink" => relink_expr(e.relink?),
        "remedy" => remedy_expr(e.remedy?),
        "messages" => slice_of(e.messages.iter().map(|m| ast::str_expr(m)).collect()),
        "description" => ast::str_expr(e.description.as_deref()?),
        "advice" => ast::str_expr(e.advice.as_deref()?),
        "subcodes" => slice_of(e.subcodes.iter().map(subcode_expr).collect()),
        "cases" => slice_of(e.cases.iter().map(case_expr).collect()),
        "superseded_by" => code_list(&e.superseded_by, c),
        "replaces" => code_list(&e.replaces, c),
        "replaced_by" => code_list(&e.replaced_by, c),
        "related" => code_list(&e.related, c),
        "retired" => opt_str(e.retired.as_deref()),
        "docs_url" => ast::str_expr(e.docs_url.as_deref()?),
        _ => return None,
    })
}

fn info_expr(c: &Catalog, e: &ErrorEntry, fields: &[InfoField]) -> Result<Expr, EmitError> {
    let mut values = Vec::with_capacity(fields.len());
    for f in fields {
        let value = info_value(c, e, f.name);
        let expr = match (f.presence, value) {
            (Presence::Sometimes, v) => v.map_or_else(|| ast::path_expr(&["None"]), ast::some),
            (_, Some(v)) => v,
            // The presence says every entry states it: this one must.
            (_, None) => {
                return Err(EmitError(format!(
                    "entry {} has no value for `{}`, which every entry states",
                    e.code, f.name
                )));
            }
        };
        values.push((f.name, expr));
    }
    Ok(ast::struct_expr(&["ErrorInfo"], values))
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

/// `ENTRY_435` for a number; `ENTRY_UNIQUE_VIOLATION` (from the name) for
/// a string code, which may hold characters a name cannot.
fn entry_const_name(e: &ErrorEntry) -> String {
    match &e.code {
        Code::Int(n) => format!("ENTRY_{n}"),
        Code::Str(_) => format!("ENTRY_{}", crate::names::to_screaming_case(&e.name)),
    }
}

/// `const ENTRY_435: ErrorInfo = ErrorInfo { ... };`
fn entry_const(c: &Catalog, e: &ErrorEntry, fields: &[InfoField]) -> Result<syn::Item, EmitError> {
    Ok(syn::Item::Const(syn::ItemConst {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        const_token: Default::default(),
        ident: ast::ident(&entry_const_name(e)),
        generics: syn::Generics::default(),
        colon_token: Default::default(),
        ty: Box::new(syn::Type::Path(syn::TypePath {
            attrs: Vec::new(),
            qself: None,
            path: ast::path(&["ErrorInfo"]),
        })),
        eq_token: Default::default(),
        expr: Box::new(info_expr(c, e, fields)?),
        semi_token: Default::default(),
    }))
}

fn code_type(c: &Catalog) -> TokenStream {
    match c.code_kind {
        CodeKind::Int => int_code_type(),
        CodeKind::Str => str_code_type(),
    }
}

fn int_code_type() -> TokenStream {
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

fn str_code_type() -> TokenStream {
    quote! {
        /// An error code as found in a response: one the catalog knows, or
        /// text it does not (yet). The text is never lost.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum Code {
            /// A code in the catalog.
            Known(ErrorCode),
            /// A code this version of the catalog does not have.
            Unknown(String),
        }

        impl Code {
            /// The code for a text. Allocates only for a code the catalog
            /// does not know.
            pub fn new(code: &str) -> Code {
                match ErrorCode::from_code(code) {
                    Some(c) => Code::Known(c),
                    None => Code::Unknown(code.to_string()),
                }
            }

            /// The text, known or not.
            pub fn as_str(&self) -> &str {
                match self {
                    Code::Known(c) => c.code(),
                    Code::Unknown(s) => s,
                }
            }

            /// The catalog's code, if it is one.
            pub const fn known(&self) -> Option<ErrorCode> {
                match self {
                    Code::Known(c) => Some(*c),
                    Code::Unknown(_) => None,
                }
            }

            /// The catalog entry, if the code is known.
            pub const fn info(&self) -> Option<&'static ErrorInfo> {
                match self {
                    Code::Known(c) => Some(c.info()),
                    Code::Unknown(_) => None,
                }
            }
        }

        impl From<&str> for Code {
            fn from(code: &str) -> Code {
                Code::new(code)
            }
        }

        impl From<String> for Code {
            /// Keeps the string's allocation for a code the catalog does not
            /// know.
            fn from(code: String) -> Code {
                match ErrorCode::from_code(&code) {
                    Some(c) => Code::Known(c),
                    None => Code::Unknown(code),
                }
            }
        }

        impl From<ErrorCode> for Code {
            fn from(code: ErrorCode) -> Code {
                Code::Known(code)
            }
        }

        impl PartialOrd for Code {
            fn partial_cmp(&self, other: &Code) -> Option<core::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for Code {
            fn cmp(&self, other: &Code) -> core::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }

        impl core::fmt::Display for Code {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for Code {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for Code {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
                struct Text;
                impl serde::de::Visitor<'_> for Text {
                    type Value = Code;
                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str("an error code as a string")
                    }
                    fn visit_str<E>(self, v: &str) -> Result<Code, E> {
                        Ok(Code::new(v))
                    }
                    fn visit_string<E>(self, v: String) -> Result<Code, E> {
                        Ok(Code::from(v))
                    }
                }
                d.deserialize_str(Text)
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
