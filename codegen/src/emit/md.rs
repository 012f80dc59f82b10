//! Markdown text shared by the Markdown targets: catalog text escaped for
//! prose, table cells, code spans and fences, the English words for the
//! catalog's closed word lists, and the tidying of template output.
//!
//! Everything here is safe for CommonMark with the GFM extensions mdBook
//! turns on and for MDX, where `{`, `}` and `<` in text start expressions
//! and JSX: catalog text is data, never Markdown. [`md_text`] and
//! [`md_cell`] escape prose, keeping only its inline code spans;
//! [`code_span`] and [`fence`] hold exact text (messages, examples) in
//! spans and blocks sized to their content. None of it writes raw HTML.
//!
//! Plain string functions with no dependency: every Markdown target uses
//! them, whichever features are on.

use crate::ir::{Appearance, Catalog, ErrorEntry, Relink, Remedy, RetryPolicy, Severity};

/// Template output with runs of blank lines collapsed, no trailing spaces
/// (two would make a hard break) and exactly one final newline. Fenced
/// blocks are left as they are: their content is exact.
pub fn tidy(text: &str) -> String {
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
pub fn backtick_run(s: &str) -> usize {
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
pub fn push_link(out: &mut String, url: &str) {
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
pub fn code(s: &str) -> String {
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

// --------------------------------------------------------------------- words

/// `429 Too Many Requests` (the meaning escaped), the bare status when the
/// catalog gives it no meaning, or "not documented".
pub fn status_md(c: &Catalog, status: Option<u16>) -> String {
    match status {
        Some(s) => match c.http_statuses.iter().find(|h| h.code == s) {
            Some(h) => format!("{s} {}", md_text(&h.meaning, true)),
            None => s.to_string(),
        },
        None => "not documented".into(),
    }
}

pub fn severity_words(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error: the request failed",
        Severity::Warning => "warning: the request succeeded, with a note",
    }
}

pub fn appearance_words(a: Appearance) -> String {
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

pub fn retry_short(r: &RetryPolicy) -> &'static str {
    match r {
        RetryPolicy::Never => "never",
        RetryPolicy::Backoff { .. } => "with backoff",
        RetryPolicy::AfterDelay { .. } => "after a delay",
        RetryPolicy::AfterEvent { .. } => "after an event",
        RetryPolicy::FailedPlatforms => "failed platforms only",
    }
}

/// The rows of the facts an entry states about handling it, from its
/// action to its remedy, each where the catalog uses the fact ("not
/// documented" where this entry leaves it out): the book's and the MDX
/// pages' facts tables share them, each escaping with its own `code` and
/// `text`.
pub fn handling_fact_rows(
    c: &Catalog,
    e: &ErrorEntry,
    code: impl Fn(&str) -> String + Copy,
    text: impl Fn(&str) -> String + Copy,
) -> Vec<(&'static str, String)> {
    let f = &c.facts;
    let unstated = || "not documented".to_string();
    let mut rows = Vec::new();
    if f.action.used() {
        rows.push(("Action", e.action.as_deref().map_or_else(unstated, code)));
    }
    if f.platforms.used() {
        rows.push((
            "Platforms",
            match &e.platforms {
                None => unstated(),
                Some(p) if p.is_empty() => {
                    "any platform (the code is not platform-specific)".to_string()
                }
                Some(p) => p
                    .iter()
                    .map(|id| match c.platforms.iter().find(|x| &x.id == id) {
                        Some(x) => format!("{} ({})", text(&x.title), code(id)),
                        None => code(id),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            },
        ));
    }
    if f.severity.used() {
        rows.push((
            "Severity",
            e.severity
                .map_or_else(unstated, |s| severity_words(s).into()),
        ));
    }
    if f.appears_in.used() {
        rows.push((
            "Appears in",
            e.appears_in.as_ref().map_or_else(unstated, |a| {
                a.iter()
                    .map(|a| appearance_words(*a))
                    .collect::<Vec<_>>()
                    .join("; ")
            }),
        ));
    }
    if f.retry.used() {
        rows.push((
            "Retry",
            e.retry
                .as_ref()
                .map_or_else(unstated, |r| retry_words(r, code, text)),
        ));
    }
    if f.relink.used() {
        rows.push((
            "Relink",
            e.relink.map_or_else(unstated, |r| relink_words(r).into()),
        ));
    }
    if f.remedy.used() {
        rows.push(("Remedy", e.remedy.map_or_else(unstated, remedy_words)));
    }
    rows
}

/// A retry policy in words, its code and prose escaped by `code` and
/// `text`.
fn retry_words(
    r: &RetryPolicy,
    code: impl Fn(&str) -> String,
    text: impl Fn(&str) -> String,
) -> String {
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
            format!("once something has happened: {}", text(event))
        }
        RetryPolicy::FailedPlatforms => "only for the platforms that failed; resubmitting \
             the whole request duplicates the posts that succeeded"
            .into(),
    }
}

pub fn relink_short(r: Relink) -> &'static str {
    match r {
        Relink::Required => "required",
        Relink::No => "no",
        Relink::MustNot => "must not",
    }
}

pub fn relink_words(r: Relink) -> &'static str {
    match r {
        Relink::Required => "required: the user must unlink and relink the account",
        Relink::No => "not needed",
        Relink::MustNot => "must not be suggested: relinking does not help",
    }
}

pub fn remedy_words(r: Remedy) -> String {
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
