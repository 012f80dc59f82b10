//! MDX pages for doc sites that read MDX (Mintlify, Docusaurus): one page
//! per code under `codes/<code>.mdx` and an index page, `index.mdx`.
//!
//! Each page starts with YAML front matter (`title`, `description`, the
//! code and its name), written as YAML double-quoted strings (see
//! [`yaml_string`]), so no catalog text can end the block or change a
//! value's type. The body is MDX: `{`, `}` and `<` start expressions and
//! JSX there, a paragraph starting with `import` or `export` is ESM, and
//! HTML comments are an error. Catalog text is therefore never written as
//! it is: prose goes through the Markdown escapers (`md_text`, `md_cell`),
//! which make it inert for CommonMark, GFM and MDX alike, and messages and
//! example bodies go into fenced code blocks, whose content MDX does not
//! parse. The pages have no raw HTML and no JSX at all.
//!
//! Links between pages are relative file links (`./436.mdx`,
//! `../index.mdx`): Docusaurus turns such links into the pages' URLs
//! whatever its URL settings, and they work when the files are browsed.
//! A page has no `# heading`: sites show the front matter's `title` as
//! the page's heading.

use std::fmt::Write as _;

use crate::emit::{EmitError, yaml_safe_json};
// The Markdown escapers, shared with the reference. This is the one place
// errcat's MDX and changelog code names their module.
use crate::emit::md::{
    code_span, fence, handling_fact_rows, md_cell, md_text, relink_words, remedy_words,
};
use crate::ir::{Case, Catalog, Code, ErrorEntry, Example, Subcode};
use crate::writer::GeneratedFile;

/// The index page, relative to the MDX root.
pub const INDEX_MDX: &str = "index.mdx";

/// Where the page of `code` goes, relative to the MDX root.
pub fn page_path(code: &Code) -> String {
    // A code is a number or a string code, which is safe as a file name
    // and a URL path segment as it is (`ir::is_string_code`).
    format!("codes/{code}.mdx")
}

pub fn emit(c: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut files = Vec::with_capacity(c.errors.len() + 1);
    files.push(GeneratedFile::new(INDEX_MDX, index_page(c)));
    for e in &c.errors {
        files.push(GeneratedFile::new(page_path(&e.code), code_page(c, e)));
    }
    Ok(files)
}

// ------------------------------------------------------------ front matter

/// `s` as a YAML double-quoted string that reads back as exactly `s`: a
/// JSON string is a YAML double-quoted string, and [`yaml_safe_json`]
/// escapes what JSON leaves raw but YAML does not take raw.
pub fn yaml_string(s: &str) -> String {
    yaml_safe_json(&serde_json::Value::from(s).to_string())
}

/// The front matter block: each key with its YAML value, in order.
fn front_matter(pairs: &[(&str, String)]) -> String {
    let mut s = String::from("---\n");
    for (key, value) in pairs {
        let _ = writeln!(s, "{key}: {value}");
    }
    s.push_str("---");
    s
}

/// The code as a YAML value: a number for integer codes, a quoted string
/// for string codes (`"23505"` must not read as a number).
fn yaml_code(code: &Code) -> String {
    match code {
        Code::Int(n) => n.to_string(),
        Code::Str(s) => yaml_string(s),
    }
}

/// Whitespace folded to single spaces: front matter values are one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first sentence of `text` (up to the first `. `), on one line; all
/// of it when it has no sentence break. Sites show the description under
/// the title and in search results, where one sentence reads best.
fn first_sentence(text: &str) -> String {
    let folded = one_line(text);
    match folded.find(". ") {
        Some(i) => folded[..=i].to_string(),
        None => folded,
    }
}

// ------------------------------------------------------------ code pages

/// One page: front matter, then blocks separated by a blank line.
fn page(front: String, blocks: Vec<String>) -> String {
    let mut s = front;
    for b in blocks {
        s.push_str("\n\n");
        s.push_str(&b);
    }
    s.push('\n');
    s
}

fn code_page(c: &Catalog, e: &ErrorEntry) -> String {
    let description = e
        .description
        .as_deref()
        .map(first_sentence)
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| one_line(&e.title));
    let front = front_matter(&[
        (
            "title",
            yaml_string(&one_line(&format!("{}: {}", e.code, e.title))),
        ),
        ("description", yaml_string(&description)),
        ("code", yaml_code(&e.code)),
        ("name", yaml_string(&e.name)),
    ]);
    let mut blocks = Vec::new();
    let mut intro = format!(
        "Code {} ({}) of the [{} error reference](../{INDEX_MDX}).",
        code(&e.code.to_string()),
        code(&e.name),
        md_text(&c.meta.title, true),
    );
    if let Some(r) = &e.retired {
        let _ = write!(intro, " **Retired:** {}", md_text(r, true));
    }
    blocks.push(intro);
    blocks.push(facts_table(c, e));
    if let Some(d) = &e.description {
        push_text(&mut blocks, d);
    }
    blocks.push("## Messages".to_string());
    if e.messages.is_empty() {
        blocks.push("No message text is documented for this code.".to_string());
    } else {
        blocks.push("The exact texts the API sends, byte for byte:".to_string());
        blocks.extend(e.messages.iter().map(|m| fence(m, "text")));
    }
    if !e.cases.is_empty() {
        blocks.push("## Cases".to_string());
        for k in &e.cases {
            case_blocks(&mut blocks, k);
        }
    }
    if !e.subcodes.is_empty() {
        blocks.push("## Sub-codes".to_string());
        for s in &e.subcodes {
            subcode_blocks(&mut blocks, s);
        }
    }
    if !e.fields.is_empty() {
        blocks.push("## Response fields".to_string());
        let mut t = String::from("| Field | Meaning |\n| --- | --- |");
        for f in &e.fields {
            let _ = write!(
                t,
                "\n| {} | {} |",
                cell_code(&f.name),
                md_cell(&f.description)
            );
        }
        blocks.push(t);
    }
    if !e.headers.is_empty() {
        blocks.push("## Headers".to_string());
        let mut t = String::from("| Header | Value | Meaning |\n| --- | --- | --- |");
        for h in &e.headers {
            let value = h
                .value
                .as_deref()
                .map_or_else(|| "–".to_string(), cell_code);
            let _ = write!(
                t,
                "\n| {} | {value} | {} |",
                cell_code(&h.name),
                md_cell(&h.description)
            );
        }
        blocks.push(t);
    }
    if let Some(a) = &e.advice {
        blocks.push("## What to do".to_string());
        push_text(&mut blocks, a);
    }
    let related = related_list(c, e);
    if !related.is_empty() {
        blocks.push("## Related codes".to_string());
        blocks.push(related.join("\n"));
    }
    if !e.history.is_empty() {
        blocks.push("## History".to_string());
        let mut t = String::from("| Date | Change |\n| --- | --- |");
        for h in &e.history {
            let _ = write!(t, "\n| {} | {} |", md_cell(&h.date), md_cell(&h.note));
        }
        blocks.push(t);
    }
    if !e.examples.is_empty() || !e.shown_in.is_empty() {
        blocks.push("## Examples".to_string());
        if !e.shown_in.is_empty() {
            blocks.push(format!(
                "The code also appears in the examples of {}.",
                code_links(c, &e.shown_in)
            ));
        }
        for x in &e.examples {
            example_blocks(&mut blocks, c, x, "###");
        }
    }
    page(front, blocks)
}

/// Catalog prose as a block, unless it escapes to nothing (blank text).
fn push_text(blocks: &mut Vec<String>, text: &str) {
    let md = md_text(text, false);
    if !md.is_empty() {
        blocks.push(md);
    }
}

/// The facts table: the code and name, then one row per fact the catalog
/// uses. A fact some entries state reads "not documented" where this one
/// does not; a fact no entry states has no row.
fn facts_table(c: &Catalog, e: &ErrorEntry) -> String {
    let f = &c.facts;
    let unstated = || "not documented".to_string();
    let mut rows: Vec<(&str, String)> = vec![
        ("Code", cell_code(&e.code.to_string())),
        ("Name", cell_code(&e.name)),
    ];
    if !c.groups.is_empty() {
        let group = e.group.as_ref().and_then(|g| c.group(g));
        rows.push((
            "Group",
            group.map_or_else(unstated, |g| {
                format!("{} ({})", md_cell(&g.title), cell_code(&g.id))
            }),
        ));
    }
    if f.http_status.used() {
        rows.push(("HTTP status", status_cell(c, e.http_status)));
    }
    rows.extend(handling_fact_rows(c, e, cell_code, md_cell));
    let mut t = String::from("| Fact | Value |\n| --- | --- |");
    for (label, value) in rows {
        let _ = write!(t, "\n| {label} | {value} |");
    }
    t
}

fn status_cell(c: &Catalog, status: Option<u16>) -> String {
    match status {
        Some(s) => match c.http_statuses.iter().find(|h| h.code == s) {
            Some(h) => format!("{s} {}", md_cell(&h.meaning)),
            None => s.to_string(),
        },
        None => "not documented".to_string(),
    }
}

/// Superseded by, replaces, replaced by and related codes, as list items
/// of links to their pages.
fn related_list(c: &Catalog, e: &ErrorEntry) -> Vec<String> {
    [
        ("Superseded by", &e.superseded_by),
        ("Replaces", &e.replaces),
        ("Replaced by", &e.replaced_by),
        ("Related", &e.related),
    ]
    .into_iter()
    .filter(|(_, codes)| !codes.is_empty())
    .map(|(label, codes)| format!("- **{label}:** {}", code_links(c, codes)))
    .collect()
}

/// `[435 InstagramRateLimit](./435.mdx)` for each code, from a sibling
/// code page; a code the catalog lacks (validation rules it out) is plain.
fn code_links(c: &Catalog, codes: &[Code]) -> String {
    codes
        .iter()
        .map(|n| match c.entry(n) {
            Some(e) => format!("[{n} {}](./{n}.mdx)", md_text(&e.name, true)),
            None => md_text(&n.to_string(), true),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn case_blocks(blocks: &mut Vec<String>, k: &Case) {
    blocks.push(format!("### Case: {}", md_text(&k.title, true)));
    let mut items = vec![
        format!("- **Case id:** {}", code(&k.id)),
        format!("- **How to recognise it:** {}", md_text(&k.signal, true)),
    ];
    if let Some(r) = k.relink {
        items.push(format!("- **Relink:** {}", relink_words(r)));
    }
    if let Some(r) = k.remedy {
        items.push(format!("- **Remedy:** {}", remedy_words(r)));
    }
    items.push(format!("- **What to do:** {}", md_text(&k.advice, true)));
    blocks.push(items.join("\n"));
    if let Some(m) = &k.message {
        blocks.push("Message:".to_string());
        blocks.push(fence(m, "text"));
    }
}

fn subcode_blocks(blocks: &mut Vec<String>, s: &Subcode) {
    blocks.push(format!("### Sub-code {}", s.code));
    push_text(blocks, &s.description);
    let mut items = vec![format!(
        "- **Source:** {}, in {}",
        code(&s.source),
        code(&s.upstream_field)
    )];
    if let Some(f) = &s.response_field {
        items.push(format!("- **Response field:** {}", code(f)));
    }
    if let Some(r) = s.relink {
        items.push(format!("- **Relink:** {}", relink_words(r)));
    }
    if let Some(b) = s.retry_available {
        items.push(format!("- **retryAvailable:** `{b}`"));
    }
    if let Some(r) = s.remedy {
        items.push(format!("- **Remedy:** {}", remedy_words(r)));
    }
    blocks.push(items.join("\n"));
    for (label, text) in [
        ("Upstream message", &s.upstream_message),
        ("Message", &s.message),
    ] {
        if let Some(t) = text {
            blocks.push(format!("{label}:"));
            blocks.push(fence(t, "text"));
        }
    }
}

fn example_blocks(blocks: &mut Vec<String>, c: &Catalog, x: &Example, level: &str) {
    blocks.push(format!("{level} Example: {}", md_text(&x.title, true)));
    let mut about = Vec::new();
    if x.http.is_some() {
        about.push(format!("HTTP status: {}", status_text_md(c, x.http)));
    }
    if let Some(k) = &x.case {
        about.push(format!("case: {}", code(k)));
    }
    if let Some(s) = x.subcode {
        about.push(format!("sub-code: `{s}`"));
    }
    if !about.is_empty() {
        let s = about.join("; ");
        let mut chars = s.chars();
        let first = chars.next().map(|f| f.to_ascii_uppercase()).unwrap_or(' ');
        blocks.push(format!("{first}{}.", chars.as_str()));
    }
    // A `Value` always prints; the fallback is never taken.
    let json = serde_json::to_string_pretty(&x.json).unwrap_or_default();
    blocks.push(fence(&json, "json"));
}

fn status_text_md(c: &Catalog, status: Option<u16>) -> String {
    match status {
        Some(s) => match c.http_statuses.iter().find(|h| h.code == s) {
            Some(h) => format!("{s} {}", md_text(&h.meaning, true)),
            None => s.to_string(),
        },
        None => "not documented".to_string(),
    }
}

/// A code span for a fact: exact where one can hold the text, else with
/// line breaks shown as spaces (as a code span renders them anyway).
fn code(s: &str) -> String {
    code_span(s)
        .or_else(|| code_span(&s.replace(['\n', '\r'], " ")))
        .unwrap_or_else(|| "(empty)".to_string())
}

/// [`code`] for a table cell: GFM splits cells at every `|` not after a
/// backslash, code spans included, and gives `\|` back as `|` inside them.
fn cell_code(s: &str) -> String {
    code(s).replace('|', "\\|")
}

// ------------------------------------------------------------ index page

fn index_page(c: &Catalog) -> String {
    let title = format!("{} error codes", one_line(&c.meta.title));
    let description = c
        .meta
        .description
        .as_deref()
        .map(first_sentence)
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| format!("Every error code of {}.", one_line(&c.meta.title)));
    let front = front_matter(&[
        ("title", yaml_string(&title)),
        ("description", yaml_string(&description)),
    ]);
    let mut blocks = Vec::new();
    if let Some(d) = &c.meta.description {
        push_text(&mut blocks, d);
    }
    let n = c.errors.len();
    let mut about = format!(
        "Version {} of the catalog: {n} {}, each on a page of its own.",
        code(&c.meta.version),
        if n == 1 { "code" } else { "codes" }
    );
    if let Some(url) = &c.meta.source_url {
        let _ = write!(
            about,
            " The API's own documentation of its errors: {}",
            md_text(url, true)
        );
    }
    blocks.push(about);
    blocks.push(
        "These pages are generated by `errcat generate` from the catalog; edit the catalog, \
         not the pages."
            .to_string(),
    );
    if !c.http_statuses.is_empty() {
        blocks.push("## HTTP statuses".to_string());
        let mut t =
            String::from("| Status | Meaning | Outcome | Codes |\n| --- | --- | --- | --- |");
        for s in &c.http_statuses {
            let count = c
                .errors
                .iter()
                .filter(|e| e.http_status == Some(s.code))
                .count();
            let _ = write!(
                t,
                "\n| {} | {} | {} | {count} |",
                s.code,
                md_cell(&s.meaning),
                if s.success { "success" } else { "error" }
            );
        }
        blocks.push(t);
    }
    if !c.groups.is_empty() {
        blocks.push("## Groups".to_string());
        for g in &c.groups {
            blocks.push(format!("### {}", md_text(&g.title, true)));
            if let Some(d) = &g.description {
                push_text(&mut blocks, d);
            }
            blocks.push(if g.codes.is_empty() {
                "No code belongs to this group yet.".to_string()
            } else {
                let links: Vec<String> = g
                    .codes
                    .iter()
                    .map(|n| format!("[{n}](./{})", page_path(n)))
                    .collect();
                format!("Codes: {}.", links.join(", "))
            });
        }
    }
    blocks.push("## All codes".to_string());
    blocks.push(index_table(c));
    page(front, blocks)
}

fn index_table(c: &Catalog) -> String {
    let with_group = !c.groups.is_empty();
    let with_status = c.facts.http_status.used();
    let mut head = String::from("| Code | Name | Title |");
    let mut rule = String::from("| --- | --- | --- |");
    for (on, name) in [(with_group, "Group"), (with_status, "HTTP")] {
        if on {
            let _ = write!(head, " {name} |");
            rule.push_str(" --- |");
        }
    }
    let mut t = format!("{head}\n{rule}");
    for e in &c.errors {
        let title = match e.retired {
            Some(_) => format!("{} (retired)", e.title),
            None => e.title.clone(),
        };
        let _ = write!(
            t,
            "\n| [{}](./{}) | {} | {} |",
            e.code,
            page_path(&e.code),
            cell_code(&e.name),
            md_cell(&title)
        );
        if with_group {
            let group = e.group.as_ref().and_then(|g| c.group(g));
            let _ = write!(
                t,
                " {} |",
                group.map_or("–".to_string(), |g| md_cell(&g.title))
            );
        }
        if with_status {
            let _ = write!(
                t,
                " {} |",
                e.http_status.map_or("–".to_string(), |s| s.to_string())
            );
        }
    }
    t
}

// ------------------------------------------------------------ words

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_escape_what_yaml_reads_otherwise() {
        assert_eq!(yaml_string("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(
            yaml_string("x\u{7f}\u{85}\u{2028}\u{2029}\u{feff}y"),
            r#""x\u007F\u0085\u2028\u2029\uFEFFy""#
        );
        // Printable non-ASCII stays as it is.
        assert_eq!(yaml_string("é\u{202e}✓"), "\"é\u{202e}✓\"");
    }

    #[test]
    fn first_sentences() {
        assert_eq!(first_sentence("One. Two."), "One.");
        assert_eq!(first_sentence("  No\nbreak "), "No break");
        assert_eq!(first_sentence("v1.2 is out"), "v1.2 is out");
    }
}
