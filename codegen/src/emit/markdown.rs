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
use crate::emit::md::{
    appearance_words, cell, code, code_span, fence, md_cell, md_text, push_link, relink_short,
    relink_words, remedy_words, retry_short, retry_words, severity_words, status_md, tidy,
};
use crate::ir::{Case, Catalog, Code, ErrorEntry, Example, Subcode};
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
