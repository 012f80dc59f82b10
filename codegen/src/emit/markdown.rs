//! Markdown: the error reference (`reference.md`) for doc sites.
//!
//! The page must build with mdBook (CommonMark plus GFM tables) and with
//! MDX-based sites, where `{`, `}` and `<` in text start expressions and JSX.
//! Catalog text is data, never Markdown: [`md_text`] and [`md_cell`] escape
//! it, keeping only its inline code spans, and messages and examples go into
//! code spans and fences sized to their content. The only raw HTML on the
//! page is the anchor line before each section (`<a id="code-435"></a>`),
//! valid in both; there are no HTML comments, which MDX rejects.
//!
//! Layout lives in the Handlebars templates under `templates/md/`; this
//! module feeds them small serializable structs built from the IR.

use handlebars::{Handlebars, handlebars_helper, no_escape};
use serde::Serialize;

use crate::emit::EmitError;
use crate::ir::{
    Appearance, Case, Catalog, Code, ErrorEntry, Example, Relink, Remedy, RetryPolicy, Severity,
    Subcode,
};
use crate::writer::GeneratedFile;

/// The one emitted file, relative to the docs root.
pub const REFERENCE_MD: &str = "reference.md";

/// How many entries one worker renders at a time: enough to make handing
/// out work cheap, few enough that the cores finish close together.
const ENTRIES_PER_BLOCK: usize = 250;

/// Anchor of the closing section on the response format.
pub const RESPONSE_FORMAT_ANCHOR: &str = "response-format";

/// The templates, by name; every one is also a partial of the others.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "reference",
        include_str!("../../templates/md/reference.hbs"),
    ),
    ("entry", include_str!("../../templates/md/entry.hbs")),
    ("example", include_str!("../../templates/md/example.hbs")),
];

pub fn emit(c: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    Ok(vec![GeneratedFile::new(REFERENCE_MD, reference_md(c)?)])
}

/// The reference page.
pub fn reference_md(c: &Catalog) -> Result<String, EmitError> {
    let hb = registry()?;
    let page = Page::new(c, &hb)?;
    let text = hb
        .render("reference", &page)
        .map_err(|e| EmitError(format!("Markdown template failed: {e}")))?;
    Ok(tidy(&text))
}

handlebars_helper!(md_text_helper: |text: str, {inline: bool = false}| md_text(text, inline));
handlebars_helper!(md_cell_helper: |text: str| md_cell(text));

fn registry() -> Result<Handlebars<'static>, EmitError> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(no_escape);
    hb.register_helper("md_text", Box::new(md_text_helper));
    hb.register_helper("md_cell", Box::new(md_cell_helper));
    for (name, text) in TEMPLATES {
        hb.register_template_string(name, *text)
            .map_err(|e| EmitError(format!("Markdown template `{name}`: {e}")))?;
    }
    Ok(hb)
}

/// Template output with runs of blank lines collapsed, no trailing spaces
/// (two would make a hard break) and exactly one final newline. Fenced
/// blocks are left as they are: their content is exact.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<usize> = None;
    let mut blank = true;
    for line in text.split('\n') {
        if let Some(n) = fence {
            out.push_str(line);
            out.push('\n');
            if line.len() == n && line.bytes().all(|b| b == b'`') {
                fence = None;
                blank = false;
            }
            continue;
        }
        let line = line.trim_end();
        if line.is_empty() {
            if !blank {
                out.push('\n');
            }
            blank = true;
            continue;
        }
        // A fence opens with three or more backticks and has none after
        // them; a code span at the start of a line has its closer there.
        let ticks = backtick_run(line);
        if ticks >= 3 && !line[ticks..].contains('`') {
            fence = Some(ticks);
        }
        out.push_str(line);
        out.push('\n');
        blank = false;
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

// ------------------------------------------------------------------ escaping

/// Catalog text as Markdown prose, safe for CommonMark and for MDX.
///
/// Inline code spans in the text are kept; everything else that Markdown,
/// GFM or MDX would read as syntax is escaped: `\ * _ [ ] { } | # ~ $ >` and
/// unmatched backticks with a backslash, `&` as `\&`, `<` as `&lt;`. Lines
/// lose their indentation (no indented code) and a line never starts a
/// heading, list, quote, fence, table or MDX `import`/`export`. URLs become
/// `[url](url)` links: MDX reads `<https://…>` as JSX.
///
/// With `inline`, the result is one line (for headings, list items and
/// cells); otherwise paragraphs stay apart, separated by a blank line.
pub fn md_text(text: &str, inline: bool) -> String {
    let (line_sep, par_sep) = if inline { (" ", " ") } else { ("\n", "\n\n") };
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // One paragraph's lines, trimmed and joined, before escaping: a code
    // span may go on over a line break.
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, out: &mut String| {
        if !paragraph.is_empty() {
            if !out.is_empty() {
                out.push_str(par_sep);
            }
            escape_paragraph(out, paragraph);
            paragraph.clear();
        }
    };
    // A line ends at `\n`, `\r\n` or a lone `\r`.
    let lines = text.split('\n').flat_map(|l| {
        let l = l.strip_suffix('\r').unwrap_or(l);
        l.split('\r')
    });
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            flush(&mut paragraph, &mut out);
        } else {
            if !paragraph.is_empty() {
                paragraph.push_str(line_sep);
            }
            paragraph.push_str(line);
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

/// Catalog text for a GFM table cell: [`md_text`] on one line, with `|`
/// escaped inside code spans as well.
pub fn md_cell(text: &str) -> String {
    cell(&md_text(text, true))
}

/// Inline Markdown made fit for a table cell: one line, and every `|`
/// escaped, including those inside code spans (GFM splits cells before it
/// reads code spans, and turns `\|` back into `|` there).
pub fn cell(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(ch) = rest.chars().next() {
        match ch {
            '\\' => {
                let next = rest[1..].chars().next();
                match next {
                    Some(n) if n != '\n' && n != '\r' => {
                        out.push('\\');
                        out.push(n);
                        rest = &rest[1 + n.len_utf8()..];
                    }
                    _ => {
                        out.push_str("\\\\");
                        rest = &rest[1..];
                    }
                }
            }
            '`' => {
                let n = backtick_run(rest);
                match find_closer(&rest[n..], n) {
                    Some(end) => {
                        let content = &rest[n..n + end];
                        out.push_str(&rest[..n]);
                        out.push_str(&content.replace(['\n', '\r'], " ").replace('|', "\\|"));
                        out.push_str(&rest[..n]);
                        rest = &rest[n + end + n..];
                    }
                    None => {
                        for _ in 0..n {
                            out.push_str("\\`");
                        }
                        rest = &rest[n..];
                    }
                }
            }
            '|' => {
                out.push_str("\\|");
                rest = &rest[1..];
            }
            '\n' | '\r' => {
                out.push(' ');
                rest = &rest[1..];
            }
            _ => {
                out.push(ch);
                rest = &rest[ch.len_utf8()..];
            }
        }
    }
    out
}

/// Length of the backtick run `s` starts with.
fn backtick_run(s: &str) -> usize {
    s.bytes().take_while(|b| *b == b'`').count()
}

/// Offset in `s` of the next backtick run of exactly `n`, as CommonMark
/// closes a code span.
fn find_closer(s: &str, n: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = backtick_run(&s[i..]);
            if run == n {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// One paragraph of catalog text (lines trimmed, joined by `\n`), escaped
/// onto the end of `out`.
fn escape_paragraph(out: &mut String, p: &str) {
    escape_paragraph_runs(out, p, true);
}

/// [`escape_paragraph`], copying plain runs in one piece or not; the tests
/// hold the two ways to the same result.
fn escape_paragraph_runs(out: &mut String, p: &str, runs: bool) {
    out.reserve(p.len() + p.len() / 4);
    let mut line_start = true;
    let mut word_start = true;
    let mut rest = p;
    while let Some(ch) = rest.chars().next() {
        if runs && !line_start {
            let n = plain_run(rest.as_bytes(), &mut word_start);
            if n > 0 {
                out.push_str(&rest[..n]);
                rest = &rest[n..];
                continue;
            }
        }
        if ch == '`' {
            let n = backtick_run(rest);
            if let Some(end) = find_closer(&rest[n..], n) {
                // A code span: kept as written, on one line so no line of it
                // can be read as the start of a block.
                out.push_str(&rest[..n]);
                out.push_str(&rest[n..n + end].replace('\n', " "));
                out.push_str(&rest[..n]);
                rest = &rest[n + end + n..];
                line_start = false;
                word_start = false;
                continue;
            }
            for _ in 0..n {
                out.push_str("\\`");
            }
            rest = &rest[n..];
            line_start = false;
            word_start = false;
            continue;
        }
        if ch == '\n' {
            out.push('\n');
            rest = &rest[1..];
            line_start = true;
            word_start = true;
            continue;
        }
        if word_start && let Some(len) = url_len(rest) {
            push_link(out, &rest[..len]);
            rest = &rest[len..];
            line_start = false;
            word_start = false;
            continue;
        }
        if line_start {
            rest = escape_line_start(out, rest);
            line_start = false;
            word_start = false;
            continue;
        }
        push_escaped(out, ch);
        word_start = starts_word(ch);
        rest = &rest[ch.len_utf8()..];
    }
}

/// Whether a word (and so possibly a URL) starts after `ch`.
fn starts_word(ch: char) -> bool {
    ch.is_whitespace() || matches!(ch, '(' | '"' | '\'')
}

/// How many bytes at the start of `s` go out as they are: ASCII that is
/// neither Markdown nor MDX syntax, nor a line break, nor the `h` that may
/// start a URL. Copying these in one piece is what keeps escaping cheap;
/// everything else takes the `char` by `char` path above, which the
/// result does not depend on.
fn plain_run(s: &[u8], word_start: &mut bool) -> usize {
    let mut n = 0;
    for &b in s {
        let plain = match b {
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'{' | b'}' | b'|' | b'#' | b'~' | b'$'
            | b'>' | b'&' | b'<' | b'\n' => false,
            b'h' => !*word_start,
            _ => b.is_ascii(),
        };
        if !plain {
            break;
        }
        *word_start = starts_word(char::from(b));
        n += 1;
    }
    n
}

/// Escapes what would make a line start a block; returns the rest.
fn escape_line_start<'a>(out: &mut String, line: &'a str) -> &'a str {
    // Ordered list markers: up to nine digits, then `.` or `)`.
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits)
        && let Some(p @ ('.' | ')')) = line[digits..].chars().next()
    {
        out.push_str(&line[..digits]);
        out.push('\\');
        out.push(p);
        return &line[digits + 1..];
    }
    // MDX reads a paragraph starting with `import ` or `export ` as ESM.
    for (word, first) in [("import", "&#105;"), ("export", "&#101;")] {
        if line.starts_with(word)
            && line[word.len()..]
                .chars()
                .next()
                .is_some_and(char::is_whitespace)
        {
            out.push_str(first);
            return &line[1..];
        }
    }
    let ch = line.chars().next().unwrap_or(' ');
    if ch.is_ascii_punctuation() && !matches!(ch, '<' | '&') {
        // Every ASCII punctuation character can be backslash-escaped; at
        // the start of a line that covers `-`, `+`, `=`, `:`, `>` and the
        // rest of the block markers.
        out.push('\\');
        out.push(ch);
    } else {
        push_escaped(out, ch);
    }
    &line[ch.len_utf8()..]
}

fn push_escaped(out: &mut String, ch: char) {
    match ch {
        '\\' | '`' | '*' | '_' | '[' | ']' | '{' | '}' | '|' | '#' | '~' | '$' | '>' | '&' => {
            out.push('\\');
            out.push(ch);
        }
        '<' => out.push_str("&lt;"),
        _ => out.push(ch),
    }
}

/// Length of the `http(s)://` URL `s` starts with, without the punctuation
/// that ends a sentence around it.
fn url_len(s: &str) -> Option<usize> {
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|p| s.starts_with(p))?;
    let end = s
        .find(|c: char| {
            c.is_whitespace() || matches!(c, '<' | '>' | '`' | '"' | '{' | '}' | '|' | '\\' | '^')
        })
        .unwrap_or(s.len());
    let mut url = &s[..end];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '*', '_']);
        let trimmed = if trimmed.ends_with(')')
            && trimmed.matches(')').count() > trimmed.matches('(').count()
        {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    (url.len() > scheme.len()).then_some(url.len())
}

/// `[url](url)`: the text escaped like prose, the destination with the
/// characters that could end it or upset MDX or a table percent-encoded.
fn push_link(out: &mut String, url: &str) {
    out.push('[');
    for ch in url.chars() {
        push_escaped(out, ch);
    }
    out.push_str("](");
    out.push_str(&link_dest(url));
    out.push(')');
}

fn link_dest(url: &str) -> String {
    let mut d = String::with_capacity(url.len());
    for ch in url.chars() {
        match ch {
            '(' => d.push_str("%28"),
            ')' => d.push_str("%29"),
            '<' => d.push_str("%3C"),
            '>' => d.push_str("%3E"),
            '{' => d.push_str("%7B"),
            '}' => d.push_str("%7D"),
            '|' => d.push_str("%7C"),
            '\\' => d.push_str("%5C"),
            '`' => d.push_str("%60"),
            '"' => d.push_str("%22"),
            ' ' => d.push_str("%20"),
            '&' => d.push_str("\\&"),
            c if c.is_control() => d.push_str(&format!("%{:02X}", c as u32)),
            c => d.push(c),
        }
    }
    d
}

/// A code span whose content renders as exactly `s`, or `None` where no
/// code span can (line breaks, empty text).
pub fn code_span(s: &str) -> Option<String> {
    if s.is_empty() || s.contains(['\n', '\r']) {
        return None;
    }
    let n = (1..).find(|n| !has_run(s, *n)).unwrap_or(1);
    let ticks = "`".repeat(n);
    // CommonMark strips one space from each end when both ends have one.
    let pad = s.starts_with('`')
        || s.ends_with('`')
        || (s.starts_with(' ') && s.ends_with(' ') && !s.bytes().all(|b| b == b' '));
    let pad = if pad { " " } else { "" };
    Some(format!("{ticks}{pad}{s}{pad}{ticks}"))
}

/// A code span for a fact: exact where possible, else with line breaks
/// shown as spaces (which is how a code span renders them anyway).
fn code(s: &str) -> String {
    code_span(s)
        .or_else(|| code_span(&s.replace(['\n', '\r'], " ")))
        .unwrap_or_else(|| "(empty)".to_string())
}

/// Whether `s` has a backtick run of exactly `n`.
fn has_run(s: &str, n: usize) -> bool {
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = backtick_run(&s[i..]);
            if run == n {
                return true;
            }
            i += run;
        } else {
            i += 1;
        }
    }
    false
}

/// A fenced code block holding exactly `content` (plus a final newline),
/// fenced with more backticks than any run inside.
pub fn fence(content: &str, info: &str) -> String {
    let longest = content.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat((longest + 1).max(3));
    let nl = if content.ends_with('\n') { "" } else { "\n" };
    format!("{ticks}{info}\n{content}{nl}{ticks}")
}

// ------------------------------------------------------------ template data

#[derive(Serialize)]
struct Page {
    title: String,
    description: Option<String>,
    /// Facts about the catalog, as Markdown sentences.
    about_md: String,
    statuses: Vec<StatusRow>,
    /// How many codes have no documented status, as a sentence.
    unstated_md: Option<String>,
    groups: Vec<GroupDoc>,
    /// The index table's header and separator rows.
    index_head: String,
    index: Vec<IndexRow>,
    /// Every entry rendered by the `entry` template, in code order. Each is
    /// rendered on its own: through an `{{#each}}` and a partial, handlebars
    /// would copy the entry's data once more for every one.
    entries_md: String,
    response_anchor: &'static str,
    headers: Vec<HeaderRow>,
    fields: Vec<FieldRow>,
    examples: Vec<ExampleDoc>,
}

#[derive(Serialize)]
struct StatusRow {
    code: u16,
    meaning: String,
    outcome: &'static str,
    count: usize,
}

/// One row of the index table, its cells already Markdown.
#[derive(Serialize)]
struct IndexRow {
    row_md: String,
}

#[derive(Serialize)]
struct GroupDoc {
    anchor: String,
    title: String,
    description: Option<String>,
    codes_md: String,
}

/// A labelled fact: `- **{label}:** {md}`.
#[derive(Serialize)]
struct Fact {
    label: &'static str,
    md: String,
}

/// A labelled fenced block, for text a code span cannot hold.
#[derive(Serialize)]
struct Block {
    label: &'static str,
    fence: String,
}

/// One entry's template data. Catalog text is borrowed: handlebars copies
/// it into its own JSON anyway.
#[derive(Serialize)]
struct EntryDoc<'a> {
    code: String,
    anchor: &'a str,
    name: &'a str,
    title: &'a str,
    facts: Vec<Fact>,
    description: Option<&'a str>,
    /// Messages as code spans, when every one fits in one.
    message_spans: Vec<String>,
    /// Messages as fenced blocks otherwise.
    message_fences: Vec<String>,
    cases: Vec<CaseDoc<'a>>,
    subcodes: Vec<SubcodeDoc<'a>>,
    fields: Vec<ErrorFieldRow<'a>>,
    headers: Vec<ErrorHeaderRow<'a>>,
    advice: Option<&'a str>,
    /// Links to other codes and the retired note.
    relations: Vec<Fact>,
    history: Vec<HistoryDoc<'a>>,
    has_history: bool,
    examples: Vec<ExampleDoc>,
    shown_in_md: Option<String>,
}

#[derive(Serialize)]
struct CaseDoc<'a> {
    id_md: String,
    title: &'a str,
    signal: &'a str,
    advice: &'a str,
    facts: Vec<Fact>,
    blocks: Vec<Block>,
}

#[derive(Serialize)]
struct SubcodeDoc<'a> {
    code: u64,
    description: &'a str,
    facts: Vec<Fact>,
    blocks: Vec<Block>,
}

#[derive(Serialize)]
struct ErrorFieldRow<'a> {
    name_md: String,
    description: &'a str,
}

#[derive(Serialize)]
struct ErrorHeaderRow<'a> {
    name_md: String,
    value_md: String,
    description: &'a str,
}

#[derive(Serialize)]
struct HistoryDoc<'a> {
    date: &'a str,
    note: &'a str,
}

#[derive(Serialize)]
struct ExampleDoc {
    title: String,
    about_md: Option<String>,
    fence: String,
}

#[derive(Serialize)]
struct HeaderRow {
    name_md: String,
    direction: &'static str,
    description: String,
    examples_md: String,
}

#[derive(Serialize)]
struct FieldRow {
    name_md: String,
    ty_md: String,
    description: String,
}

impl Page {
    fn new(c: &Catalog, hb: &Handlebars) -> Result<Page, EmitError> {
        // The IR holds codes and statuses in order.
        let errors = &c.errors;
        for e in errors {
            if e.anchor.is_empty()
                || !e
                    .anchor
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            {
                return Err(EmitError(format!(
                    "code {}: anchor `{}` is not a plain HTML id",
                    e.code, e.anchor
                )));
            }
        }
        let statuses: Vec<StatusRow> = c
            .http_statuses
            .iter()
            .map(|s| StatusRow {
                code: s.code,
                meaning: s.meaning.clone(),
                outcome: if s.success { "success" } else { "error" },
                count: errors
                    .iter()
                    .filter(|e| e.http_status == Some(s.code))
                    .count(),
            })
            .collect();
        let index = errors.iter().map(|e| index_row(c, e)).collect();
        let columns = index_columns(c);
        let index_head = format!(
            "| Code | Title |{}\n| --- | --- |{}",
            columns
                .iter()
                .map(|c| format!(" {c} |"))
                .collect::<String>(),
            " --- |".repeat(columns.len())
        );
        let groups = c
            .groups
            .iter()
            .map(|g| GroupDoc {
                anchor: group_anchor(&g.id),
                title: g.title.clone(),
                description: g.description.clone(),
                codes_md: if g.codes.is_empty() {
                    "No code belongs to this group yet.".to_string()
                } else {
                    format!("Codes: {}.", code_links(c, &g.codes))
                },
            })
            .collect();
        // Entries are independent, so blocks of them render on every core.
        let blocks: Vec<&[ErrorEntry]> = errors.chunks(ENTRIES_PER_BLOCK).collect();
        let entries_md = crate::par::try_map(
            &blocks,
            |block| {
                let mut md = String::new();
                for e in *block {
                    let text = hb
                        .render("entry", &entry_doc(c, e))
                        .map_err(|err| EmitError(format!("Markdown template failed: {err}")))?;
                    md.push_str(&text);
                    md.push_str("\n\n");
                }
                Ok(md)
            },
            || EmitError("rendering Markdown entries panicked".to_string()),
        )?
        .concat();
        let headers = c
            .headers
            .iter()
            .map(|h| HeaderRow {
                name_md: cell(&code(&h.name)),
                direction: h.direction.as_str(),
                description: h.description.clone(),
                examples_md: cell(
                    &h.examples
                        .iter()
                        .map(|x| code(x))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            })
            .collect();
        let fields = c
            .fields
            .iter()
            .map(|f| FieldRow {
                name_md: cell(&code(&f.name)),
                ty_md: cell(&code(&f.ty)),
                description: f.description.clone(),
            })
            .collect();
        let mut about = format!(
            "This reference covers version {} of the catalog: {} {}.",
            code(&c.meta.version),
            errors.len(),
            if errors.len() == 1 { "code" } else { "codes" },
        );
        if let Some(url) = &c.meta.source_url {
            about.push_str(" The API's own documentation of its errors: ");
            push_link(&mut about, url);
            about.push('.');
        }
        Ok(Page {
            title: c.meta.title.clone(),
            description: c.meta.description.clone(),
            about_md: about,
            statuses,
            unstated_md: match errors.iter().filter(|e| e.http_status.is_none()).count() {
                _ if c.http_statuses.is_empty() => None,
                0 => None,
                1 => Some("For 1 code the API documents no HTTP status.".into()),
                n => Some(format!("For {n} codes the API documents no HTTP status.")),
            },
            groups,
            index_head,
            index,
            entries_md,
            response_anchor: RESPONSE_FORMAT_ANCHOR,
            headers,
            fields,
            examples: c.examples.iter().map(|x| example_doc(c, x)).collect(),
        })
    }
}

/// `[435](#code-435)`, or the bare code for one the catalog lacks.
fn code_link(c: &Catalog, code: &Code, with_name: bool) -> String {
    match c.entry(code) {
        Some(e) if with_name => format!("[{code} {}](#{})", md_text(&e.name, true), e.anchor),
        Some(e) => format!("[{code}](#{})", e.anchor),
        None => code.to_string(),
    }
}

fn code_links(c: &Catalog, codes: &[Code]) -> String {
    codes
        .iter()
        .map(|n| code_link(c, n, true))
        .collect::<Vec<_>>()
        .join(", ")
}

fn group_anchor(id: &str) -> String {
    format!("group-{id}")
}

/// The index table's columns after code and title: one per fact the
/// catalog uses.
fn index_columns(c: &Catalog) -> Vec<&'static str> {
    let f = &c.facts;
    [
        (!c.groups.is_empty(), "Group"),
        (f.http_status.used(), "HTTP"),
        (f.platforms.used(), "Platforms"),
        (f.retry.used(), "Retry"),
        (f.relink.used(), "Relink"),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect()
}

fn index_row(c: &Catalog, e: &ErrorEntry) -> IndexRow {
    let title = match e.retired {
        Some(_) => format!("{} (retired)", e.title),
        None => e.title.clone(),
    };
    let mut cells = vec![code_link(c, &e.code, false), md_cell(&title)];
    for column in index_columns(c) {
        cells.push(match column {
            "Group" => e.group.as_ref().and_then(|g| c.group(g)).map_or_else(
                || "–".into(),
                |g| {
                    cell(&format!(
                        "[{}](#{})",
                        md_text(&g.title, true),
                        group_anchor(&g.id)
                    ))
                },
            ),
            "HTTP" => e
                .http_status
                .map(|s| s.to_string())
                .unwrap_or_else(|| "–".into()),
            "Platforms" => match &e.platforms {
                None => "–".into(),
                Some(p) if p.is_empty() => "any".into(),
                Some(p) => cell(
                    &p.iter()
                        .map(|id| match c.platforms.iter().find(|x| &x.id == id) {
                            Some(x) => md_text(&x.title, true),
                            None => code(id),
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            },
            "Retry" => e.retry.as_ref().map_or("–", retry_short).into(),
            _ => e.relink.map_or("–", relink_short).into(),
        });
    }
    IndexRow {
        row_md: format!("| {} |", cells.join(" | ")),
    }
}

fn status_md(c: &Catalog, status: Option<u16>) -> String {
    match status {
        Some(s) => match c.http_statuses.iter().find(|h| h.code == s) {
            Some(h) => format!("{s} {}", md_text(&h.meaning, true)),
            None => s.to_string(),
        },
        None => "not documented".into(),
    }
}

fn entry_doc<'a>(c: &Catalog, e: &'a ErrorEntry) -> EntryDoc<'a> {
    let f = &c.facts;
    let unstated = || "not documented".to_string();
    let mut facts = Vec::new();
    if !c.groups.is_empty() {
        facts.push(Fact {
            label: "Group",
            md: e
                .group
                .as_ref()
                .and_then(|g| c.group(g))
                .map_or_else(unstated, |g| {
                    format!("[{}](#{})", md_text(&g.title, true), group_anchor(&g.id))
                }),
        });
    }
    if f.http_status.used() {
        facts.push(Fact {
            label: "HTTP status",
            md: status_md(c, e.http_status),
        });
    }
    if f.action.used() {
        facts.push(Fact {
            label: "Action",
            md: e.action.as_deref().map(code).unwrap_or_else(unstated),
        });
    }
    if f.platforms.used() {
        facts.push(Fact {
            label: "Platforms",
            md: match &e.platforms {
                None => unstated(),
                Some(p) if p.is_empty() => {
                    "any platform (the code is not platform-specific)".to_string()
                }
                Some(p) => p
                    .iter()
                    .map(|id| match c.platforms.iter().find(|x| &x.id == id) {
                        Some(x) => format!("{} ({})", md_text(&x.title, true), code(id)),
                        None => code(id),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            },
        });
    }
    if f.severity.used() {
        facts.push(Fact {
            label: "Severity",
            md: e
                .severity
                .map_or_else(unstated, |s| severity_words(s).into()),
        });
    }
    if f.appears_in.used() {
        facts.push(Fact {
            label: "Appears in",
            md: e.appears_in.as_ref().map_or_else(unstated, |a| {
                a.iter()
                    .map(|a| appearance_words(*a))
                    .collect::<Vec<_>>()
                    .join("; ")
            }),
        });
    }
    if f.retry.used() {
        facts.push(Fact {
            label: "Retry",
            md: e.retry.as_ref().map_or_else(unstated, retry_words),
        });
    }
    if f.relink.used() {
        facts.push(Fact {
            label: "Relink",
            md: e.relink.map_or_else(unstated, |r| relink_words(r).into()),
        });
    }
    if f.remedy.used() {
        facts.push(Fact {
            label: "Remedy",
            md: e.remedy.map_or_else(unstated, remedy_words),
        });
    }
    let spans: Option<Vec<String>> = e.messages.iter().map(|m| code_span(m)).collect();
    let (message_spans, message_fences) = match spans {
        Some(spans) => (spans, Vec::new()),
        None => (
            Vec::new(),
            e.messages.iter().map(|m| fence(m, "text")).collect(),
        ),
    };
    let mut relations = Vec::new();
    for (label, codes) in [
        ("Superseded by", &e.superseded_by),
        ("Replaces", &e.replaces),
        ("Replaced by", &e.replaced_by),
        ("Related", &e.related),
    ] {
        if !codes.is_empty() {
            relations.push(Fact {
                label,
                md: code_links(c, codes),
            });
        }
    }
    if let Some(r) = &e.retired {
        relations.push(Fact {
            label: "Retired",
            md: md_text(r, true),
        });
    }
    let history: Vec<HistoryDoc> = e
        .history
        .iter()
        .map(|h| HistoryDoc {
            date: &h.date,
            note: &h.note,
        })
        .collect();
    let shown_in_md = (!e.shown_in.is_empty()).then(|| {
        format!(
            "The code also appears in the examples of {}.",
            code_links(c, &e.shown_in)
        )
    });
    EntryDoc {
        code: e.code.to_string(),
        anchor: &e.anchor,
        name: &e.name,
        title: &e.title,
        facts,
        description: e.description.as_deref(),
        message_spans,
        message_fences,
        cases: e.cases.iter().map(case_doc).collect(),
        subcodes: e.subcodes.iter().map(subcode_doc).collect(),
        fields: e
            .fields
            .iter()
            .map(|f| ErrorFieldRow {
                name_md: cell(&code(&f.name)),
                description: &f.description,
            })
            .collect(),
        headers: e
            .headers
            .iter()
            .map(|h| ErrorHeaderRow {
                name_md: cell(&code(&h.name)),
                value_md: h
                    .value
                    .as_deref()
                    .map(|v| cell(&code(v)))
                    .unwrap_or_else(|| "–".into()),
                description: &h.description,
            })
            .collect(),
        advice: e.advice.as_deref(),
        has_history: !relations.is_empty() || !history.is_empty(),
        relations,
        history,
        examples: e.examples.iter().map(|x| example_doc(c, x)).collect(),
        shown_in_md,
    }
}

/// A message as a fact when a code span holds it, else as a block.
fn message_fact(
    label: &'static str,
    text: Option<&str>,
    facts: &mut Vec<Fact>,
    blocks: &mut Vec<Block>,
) {
    let Some(text) = text else { return };
    match code_span(text) {
        Some(md) => facts.push(Fact { label, md }),
        None => blocks.push(Block {
            label,
            fence: fence(text, "text"),
        }),
    }
}

fn case_doc(k: &Case) -> CaseDoc<'_> {
    let mut facts = Vec::new();
    let mut blocks = Vec::new();
    message_fact("Message", k.message.as_deref(), &mut facts, &mut blocks);
    if let Some(r) = k.relink {
        facts.push(Fact {
            label: "Relink",
            md: relink_words(r).into(),
        });
    }
    if let Some(r) = k.remedy {
        facts.push(Fact {
            label: "Remedy",
            md: remedy_words(r),
        });
    }
    CaseDoc {
        id_md: code(&k.id),
        title: &k.title,
        signal: &k.signal,
        advice: &k.advice,
        facts,
        blocks,
    }
}

fn subcode_doc(s: &Subcode) -> SubcodeDoc<'_> {
    let mut facts = vec![Fact {
        label: "Source",
        md: format!("{}, in {}", code(&s.source), code(&s.upstream_field)),
    }];
    if let Some(f) = &s.response_field {
        facts.push(Fact {
            label: "Response field",
            md: code(f),
        });
    }
    let mut blocks = Vec::new();
    message_fact(
        "Upstream message",
        s.upstream_message.as_deref(),
        &mut facts,
        &mut blocks,
    );
    message_fact("Message", s.message.as_deref(), &mut facts, &mut blocks);
    if let Some(r) = s.relink {
        facts.push(Fact {
            label: "Relink",
            md: relink_words(r).into(),
        });
    }
    if let Some(b) = s.retry_available {
        facts.push(Fact {
            label: "retryAvailable",
            md: code(if b { "true" } else { "false" }),
        });
    }
    if let Some(r) = s.remedy {
        facts.push(Fact {
            label: "Remedy",
            md: remedy_words(r),
        });
    }
    SubcodeDoc {
        code: s.code,
        description: &s.description,
        facts,
        blocks,
    }
}

fn example_doc(c: &Catalog, x: &Example) -> ExampleDoc {
    let mut about = Vec::new();
    if x.http.is_some() {
        about.push(format!("HTTP status: {}", status_md(c, x.http)));
    }
    if let Some(k) = &x.case {
        about.push(format!("case: {}", code(k)));
    }
    if let Some(s) = x.subcode {
        about.push(format!("sub-code: {}", code(&s.to_string())));
    }
    let about_md = (!about.is_empty()).then(|| {
        let s = about.join("; ");
        let mut chars = s.chars();
        let first = chars.next().map(|f| f.to_ascii_uppercase()).unwrap_or(' ');
        format!("{first}{}.", chars.as_str())
    });
    let json = serde_json::to_string_pretty(&x.json).unwrap_or_default();
    ExampleDoc {
        title: x.title.clone(),
        about_md,
        fence: fence(&json, "json"),
    }
}

// --------------------------------------------------------------------- words

fn severity_words(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error: the request failed",
        Severity::Warning => "warning: the request succeeded, with a note",
    }
}

fn appearance_words(a: Appearance) -> String {
    match a {
        Appearance::ErrorsArray => "an entry of the response's list of errors".into(),
        Appearance::TopLevel => "the response body itself".into(),
        Appearance::PlatformKeyed => "under a platform's key".into(),
        Appearance::WarningsArray => {
            "an entry of the list of warnings on a successful response".into()
        }
        Appearance::PartialSuccess => {
            "among the errors of a response that also reports successes (partial success)".into()
        }
    }
}

fn retry_short(r: &RetryPolicy) -> &'static str {
    match r {
        RetryPolicy::Never => "never",
        RetryPolicy::Backoff { .. } => "with backoff",
        RetryPolicy::AfterDelay { .. } => "after a delay",
        RetryPolicy::AfterEvent { .. } => "after an event",
        RetryPolicy::FailedPlatforms => "failed platforms only",
    }
}

fn retry_words(r: &RetryPolicy) -> String {
    match r {
        RetryPolicy::Never => {
            "never: the same request fails again; something must change first".into()
        }
        RetryPolicy::Backoff {
            min_delay_secs: None,
        } => "yes, with exponential backoff".into(),
        RetryPolicy::Backoff {
            min_delay_secs: Some(s),
        } => format!(
            "yes, with exponential backoff, waiting at least {s} {} before the first retry",
            if *s == 1 { "second" } else { "seconds" }
        ),
        RetryPolicy::AfterDelay { field, format } => format!(
            "after the delay the response gives in the {} field, written as {} \
             (`{{seconds}}` stands for the number of seconds)",
            code(field),
            code(format),
        ),
        RetryPolicy::AfterEvent { event } => {
            format!("once something has happened: {}", md_text(event, true))
        }
        RetryPolicy::FailedPlatforms => "only for the platforms that failed; resubmitting \
             the whole request duplicates the posts that succeeded"
            .into(),
    }
}

fn relink_short(r: Relink) -> &'static str {
    match r {
        Relink::Required => "required",
        Relink::No => "no",
        Relink::MustNot => "must not",
    }
}

fn relink_words(r: Relink) -> &'static str {
    match r {
        Relink::Required => "required: the user must unlink and relink the account",
        Relink::No => "not needed",
        Relink::MustNot => "must not be suggested: relinking does not help",
    }
}

fn remedy_words(r: Remedy) -> String {
    let words = match r {
        Remedy::Retry => "retry the request",
        Remedy::RetryAfter => "retry after the delay the response gives",
        Remedy::RetryFailedPlatforms => "retry only the platforms that failed",
        Remedy::WaitForEvent => "wait for the event, then retry",
        Remedy::Relink => "have the user relink the account",
        Remedy::FixRequest => "fix the request and send it again",
        Remedy::ContactPlatform => "contact the platform",
        Remedy::None => "nothing to do",
    };
    format!("{} ({words})", code(r.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text made mostly of what escaping cares about: syntax characters,
    /// line breaks of every kind, URL starts, backtick runs, words.
    fn hostile_text() -> impl Strategy<Value = String> {
        crate::emit::hostile_text(
            &[
                "https://example.com/a_(b)",
                "http://x.y",
                "h",
                "`",
                "``",
                "\r\n",
                "\r",
                "\n",
                "\n\n",
                "  ",
                "import x",
                "1. ",
            ],
            &[
                "[a-z ]{1,6}",
                "[\\\\`*_\\[\\]{}|#~$><&()\"'.!-]{1,3}",
                "[\u{a0}\u{2003}é日\u{b}\u{c}\t]{1,2}",
            ],
            24,
        )
    }

    /// `md_text` as first written: normalise line breaks, split into
    /// paragraphs, escape each, join.
    fn md_text_reference(text: &str, inline: bool) -> String {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut paragraphs: Vec<Vec<&str>> = vec![Vec::new()];
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() {
                if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                    paragraphs.push(Vec::new());
                }
            } else if let Some(p) = paragraphs.last_mut() {
                p.push(line);
            }
        }
        paragraphs.retain(|p| !p.is_empty());
        let (line_sep, par_sep) = if inline { (" ", " ") } else { ("\n", "\n\n") };
        paragraphs
            .iter()
            .map(|p| {
                let mut out = String::new();
                escape_paragraph_runs(&mut out, &p.join(line_sep), false);
                out
            })
            .collect::<Vec<_>>()
            .join(par_sep)
    }

    proptest! {
        #[test]
        fn md_text_is_the_same_with_or_without_plain_runs(text in hostile_text(), inline: bool) {
            prop_assert_eq!(md_text(&text, inline), md_text_reference(&text, inline));
        }
    }
}
