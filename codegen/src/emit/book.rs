//! The reference book: an mdBook source with a page per code.
//!
//! ```text
//! book.toml                   mdBook's configuration (search, redirects)
//! src/SUMMARY.md              the table of contents
//! src/index.md                overview tables by HTTP status, group and
//!                             platform, and every code with its anchor
//! src/response-format.md      what every error response shares
//! src/groups/<id>.md          a page per group
//! src/codes/<code>.md         a page per code: codes/<code>.html
//! src/schema/error-response.schema.json   (with the `schema` feature)
//! ```
//!
//! The page of code N is `<docs_url>/codes/N.html` (`ir::code_page_url`).
//! Links published before the book had a page per code keep working:
//! `index.html#code-N` reaches the code's row on the index page, whose
//! anchor is itself a link to the page, and a small script on the index
//! follows it; `reference.html` (the old single page) is a redirect to the
//! index that keeps the fragment.
//!
//! Catalog text never becomes Markdown or HTML: it goes through the
//! escaping of [`crate::emit::md`]. The only raw HTML is errcat's own: the
//! index's code anchors (`<a id="code-N" href="codes/N.html">N</a>`, with
//! codes that are safe in an id and a path by construction) and its
//! script. mdBook's preprocessors are turned off, so `{{#include}}` in
//! catalog text stays text.
//!
//! Page layout lives in the Handlebars templates under `templates/book/`;
//! this module feeds them small serializable structs built from the IR,
//! with tables and links already written as Markdown.

use handlebars::{Handlebars, handlebars_helper, no_escape};
use serde::Serialize;

use crate::emit::md::{
    cell, code, code_span, fence, handling_fact_rows, md_cell, md_text, push_link, relink_short,
    relink_words, remedy_words, retry_short, status_md, tidy,
};
use crate::emit::{EmitError, header_line};
use crate::ir::{CODE_PAGE_DIR, Case, Catalog, Code, ErrorEntry, Example, Path, Segment, Subcode};
use crate::writer::GeneratedFile;

/// The mdBook source directory, relative to the book's root.
pub const SRC: &str = "src";

/// The book's own style sheet, next to `book.toml`.
const STYLE: &str = "errcat.css";

/// How many code pages one worker renders at a time: enough to make
/// handing out work cheap, few enough that the cores finish close together.
const PAGES_PER_BLOCK: usize = 100;

/// The templates, by name; every one is also a partial of the others.
const TEMPLATES: &[(&str, &str)] = &[
    ("index", include_str!("../../templates/book/index.hbs")),
    ("code", include_str!("../../templates/book/code.hbs")),
    ("group", include_str!("../../templates/book/group.hbs")),
    (
        "response-format",
        include_str!("../../templates/book/response-format.hbs"),
    ),
    ("example", include_str!("../../templates/book/example.hbs")),
];

/// The script of the index page: `index.html#code-N` goes on to the page
/// the anchor `code-N` links to. Generic (it reads the anchor's `href`),
/// so it is the same for every catalog and never holds catalog text.
const ANCHOR_SCRIPT: &str = r#"<script>
// index.html#code-N: the code's page. The anchor of each code's row is a
// link to the page; follow it, so links from before the book had a page
// per code keep working.
(function () {
  function follow() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (e) {
      return;
    }
    if (id.indexOf("code-") !== 0) {
      return;
    }
    var a = document.getElementById(id);
    if (a && a.tagName === "A" && a.getAttribute("href")) {
      window.location.replace(a.href);
    }
  }
  follow();
  window.addEventListener("hashchange", follow);
})();
</script>"#;

pub fn emit(c: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    check_anchors(c)?;
    let hb = registry()?;
    let render = |name: &str, data: &dyn erased::Data| -> Result<String, EmitError> {
        let text = hb
            .render(name, &data.value()?)
            .map_err(|e| EmitError(format!("book template `{name}` failed: {e}")))?;
        Ok(tidy(&text))
    };
    let mut files = vec![
        GeneratedFile::new("book.toml", book_toml(c)),
        GeneratedFile::new(STYLE, style(c)),
        GeneratedFile::new(format!("{SRC}/SUMMARY.md"), summary(c)),
        GeneratedFile::new(format!("{SRC}/index.md"), render("index", &index_page(c))?),
        GeneratedFile::new(
            format!("{SRC}/response-format.md"),
            render("response-format", &response_page(c))?,
        ),
    ];
    for g in &c.groups {
        files.push(GeneratedFile::new(
            format!("{SRC}/groups/{}.md", g.id),
            render("group", &group_page(c, g))?,
        ));
    }
    // Code pages are independent, so blocks of them render on every core.
    let blocks: Vec<&[ErrorEntry]> = c.errors.chunks(PAGES_PER_BLOCK).collect();
    let pages = crate::par::try_map(
        &blocks,
        |block| {
            block
                .iter()
                .map(|e| {
                    Ok(GeneratedFile::new(
                        format!("{SRC}/{}", code_page_path(&e.code)),
                        render("code", &code_page(c, e))?,
                    ))
                })
                .collect::<Result<Vec<_>, EmitError>>()
        },
        || EmitError("rendering the book's code pages panicked".to_string()),
    )?;
    files.extend(pages.into_iter().flatten());
    #[cfg(feature = "schema")]
    files.push(GeneratedFile::new(
        format!("{SRC}/{RESPONSE_SCHEMA_PATH}"),
        crate::emit::schema::error_response_schema_text(c)?,
    ));
    Ok(files)
}

/// Where the book publishes the error-response schema, relative to its
/// root: the `$id` the schema emitter gives it is `<docs_url>/` and this.
#[cfg(feature = "schema")]
const RESPONSE_SCHEMA_PATH: &str = "schema/error-response.schema.json";

/// Template data handed over as a JSON value: each page type is a
/// different struct, and one closure renders them all.
mod erased {
    use super::EmitError;

    pub trait Data {
        fn value(&self) -> Result<serde_json::Value, EmitError>;
    }

    impl<T: serde::Serialize> Data for T {
        fn value(&self) -> Result<serde_json::Value, EmitError> {
            serde_json::to_value(self).map_err(|e| EmitError(format!("book template data: {e}")))
        }
    }
}

/// A code's page relative to the source directory (and, with `.html` for
/// `.md`, to the built book): `codes/435.md`.
pub fn code_page_path(code: &Code) -> String {
    format!("{CODE_PAGE_DIR}/{code}.md")
}

/// The index's anchors are raw HTML ids; the IR makes them from codes that
/// are safe in one, and this holds the emitter to it.
fn check_anchors(c: &Catalog) -> Result<(), EmitError> {
    for e in &c.errors {
        let plain = !e.anchor.is_empty()
            && e.anchor
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !plain {
            return Err(EmitError(format!(
                "code {}: anchor `{}` is not a plain HTML id",
                e.code, e.anchor
            )));
        }
    }
    Ok(())
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
            .map_err(|e| EmitError(format!("book template `{name}`: {e}")))?;
    }
    Ok(hb)
}

// ------------------------------------------------------------ book.toml

/// A TOML basic string holding exactly `s`.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The path part of the book's root URL, as mdBook's `site-url` wants it
/// (`/ayrshare-errors/`): the 404 page loads its styles and links from it.
fn site_url(docs_url: &str) -> String {
    let root = crate::ir::docs_root(docs_url);
    let after_scheme = root.find("://").map_or(0, |i| i + 3);
    let path = root[after_scheme..]
        .find('/')
        .map_or("", |i| &root[after_scheme + i..]);
    format!("{}/", path.trim_end_matches('/'))
}

fn book_toml(c: &Catalog) -> String {
    let mut t = format!("# {}\n", header_line(c));
    t.push_str(
        "# The catalog's reference book, for mdBook 0.4: `mdbook build` in this\n\
         # directory writes the site to book/. The page of code N is\n\
         # codes/N.html from the root the catalog's docs_url names.\n\n",
    );
    t.push_str("[book]\n");
    t.push_str(&format!(
        "title = {}\n",
        toml_string(&format!("{} error reference", c.meta.title))
    ));
    if let Some(d) = &c.meta.description {
        // A meta tag's content: one line.
        let line = d.split_whitespace().collect::<Vec<_>>().join(" ");
        t.push_str(&format!("description = {}\n", toml_string(&line)));
    }
    t.push_str("language = \"en\"\nsrc = \"src\"\n\n");
    t.push_str(
        "[build]\n\
         build-dir = \"book\"\n\
         create-missing = false\n\
         # The pages are generated from catalog text, which holds no mdBook\n\
         # directives: the `links` preprocessor would expand `{{#include ...}}`\n\
         # written in a message, and `index` would publish a code named\n\
         # README as codes/index.html.\n\
         use-default-preprocessors = false\n\n",
    );
    t.push_str("[output.html]\n");
    if let Some(url) = &c.meta.docs_url {
        t.push_str(&format!("site-url = {}\n", toml_string(&site_url(url))));
    }
    t.push_str(&format!("additional-css = [\"{STYLE}\"]\n"));
    t.push_str(
        "# Messages and titles are shown as the API writes them: no curly quotes.\n\
         smart-punctuation = false\n\
         no-section-label = true\n\n\
         # One page holding every code repeats each anchor and id; the book is\n\
         # read page by page and searched.\n\
         [output.html.print]\n\
         enable = false\n\n\
         # Each page is one search result, titled by its heading (`435: ...`;\n\
         # a chapter's own name is its group's when it has one), so a match\n\
         # anywhere on a code's page (a sub-code, a message) leads to the\n\
         # code. The index repeats every title and is left out.\n\
         [output.html.search]\n\
         heading-split-level = 1\n\
         boost-title = 4\n\
         limit-results = 20\n\n\
         [output.html.search.chapter]\n\
         \"index.md\" = { enable = false }\n\n\
         # The single-page reference of earlier versions: its `#code-N` links\n\
         # go on to the index, whose script opens the code's page.\n\
         [output.html.redirect]\n\
         \"/reference.html\" = \"index.html\"\n",
    );
    t
}

/// mdBook centres tables and wraps their cells; the tables of facts read
/// better as a definition list does, flush left with each label on one
/// line.
fn style(c: &Catalog) -> String {
    format!(
        "/* {} */\n\
         .content table {{\n  margin-inline: 0 auto;\n}}\n\
         .content td:first-child {{\n  white-space: nowrap;\n}}\n",
        header_line(c)
    )
}

// ------------------------------------------------------------ SUMMARY.md

/// `435: Instagram Rate Limit`, escaped for one line of Markdown.
fn code_heading(e: &ErrorEntry) -> String {
    md_text(&searchable(&format!("{}: {}", e.code, e.title)), true)
}

/// Catalog text for a page's `h1` and the table of contents. mdBook's
/// search shows each result's chapter names and heading as HTML, not as
/// text (`searcher.js` sets `innerHTML`), so a title holding
/// `<img src=x onerror=...>` would run in a reader's browser when a search
/// finds its page. A word joiner (U+2060, invisible, no line break) after
/// each `<` and `&` keeps the text as it reads while no HTML parser can
/// take a tag or a character reference from it.
fn searchable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        out.push(ch);
        if matches!(ch, '<' | '&') {
            out.push('\u{2060}');
        }
    }
    out
}

/// The table of contents: the overview and the response format, then the
/// groups with their codes, then the codes of no group.
fn summary(c: &Catalog) -> String {
    let entry_line = |e: &ErrorEntry, indent: &str| {
        let retired = if e.retired.is_some() {
            " (retired)"
        } else {
            ""
        };
        format!(
            "{indent}- [{}{retired}]({})\n",
            md_text(&searchable(&format!("{} {}", e.code, e.title)), true),
            code_page_path(&e.code)
        )
    };
    let mut s = String::from(
        "# Summary\n\n[Overview](index.md)\n[Common response format](response-format.md)\n",
    );
    if !c.groups.is_empty() {
        s.push_str("\n# Groups\n\n");
        for g in &c.groups {
            s.push_str(&format!(
                "- [{}](groups/{}.md)\n",
                md_text(&searchable(&g.title), true),
                g.id
            ));
            for code in &g.codes {
                if let Some(e) = c.entry(code) {
                    s.push_str(&entry_line(e, "    "));
                }
            }
        }
    }
    let ungrouped: Vec<&ErrorEntry> = c.errors.iter().filter(|e| e.group.is_none()).collect();
    if !ungrouped.is_empty() {
        s.push_str(if c.groups.is_empty() {
            "\n# Codes\n\n"
        } else {
            "\n# Codes of no group\n\n"
        });
        for e in ungrouped {
            s.push_str(&entry_line(e, ""));
        }
    }
    s
}

// ------------------------------------------------------------ links and tables

/// Relative link prefix of a page: `""` at the root, `"../"` in `codes/`
/// and `groups/`.
type Up = &'static str;
const ROOT: Up = "";
const SUB: Up = "../";

/// `[435](../codes/435.md)`: a link to a code's page (mdBook writes `.md`
/// links as `.html`). The code is escaped as text: `_x_` is a string code.
fn code_link(up: Up, code: &Code) -> String {
    format!(
        "[{}]({up}{})",
        md_text(&code.to_string(), true),
        code_page_path(code)
    )
}

/// `[436 Instagram Media Processing Timeout](../codes/436.md)`, or the bare
/// code for one the catalog lacks.
fn titled_code_link(c: &Catalog, up: Up, code: &Code) -> String {
    match c.entry(code) {
        Some(e) => format!(
            "[{}]({up}{})",
            md_text(&format!("{} {}", e.code, e.title), true),
            code_page_path(code)
        ),
        None => md_text(&code.to_string(), true),
    }
}

fn code_links<'a>(up: Up, codes: impl Iterator<Item = &'a Code>) -> String {
    let links: Vec<String> = codes.map(|code| code_link(up, code)).collect();
    if links.is_empty() {
        "–".to_string()
    } else {
        links.join(", ")
    }
}

fn group_link(c: &Catalog, up: Up, id: &str) -> String {
    match c.group(id) {
        Some(g) => format!("[{}]({up}groups/{}.md)", md_text(&g.title, true), g.id),
        None => code(id),
    }
}

/// A GFM table from a header and rows of cells that are already inline
/// Markdown; each cell is made fit for a table ([`cell`]).
fn table(head: &[&str], rows: &[Vec<String>]) -> String {
    let mut t = format!("| {} |\n|{}", head.join(" | "), " --- |".repeat(head.len()));
    for row in rows {
        t.push_str("\n|");
        for c in row {
            t.push(' ');
            t.push_str(&cell(c));
            t.push_str(" |");
        }
    }
    t
}

/// A two-column table of labelled facts, or nothing for none.
fn fact_table(rows: Vec<(&str, String)>) -> Option<String> {
    if rows.is_empty() {
        return None;
    }
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|(label, md)| vec![format!("**{label}**"), md])
        .collect();
    Some(table(&["Fact", "Value"], &rows))
}

/// The columns of a list of codes after code and title: one per fact the
/// catalog uses.
fn list_columns(c: &Catalog, with_group: bool) -> Vec<&'static str> {
    let f = &c.facts;
    [
        (with_group && f.group.used(), "Group"),
        (f.http_status.used(), "HTTP"),
        (f.platforms.used(), "Platforms"),
        (f.retry.used(), "Retry"),
        (f.relink.used(), "Relink"),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect()
}

/// A table of codes, each linking its page. On the index, the code cell is
/// the raw HTML anchor `code-N` that `index.html#code-N` lands on: a link
/// to the page as well, which the index's script follows.
fn code_list(c: &Catalog, up: Up, entries: &[&ErrorEntry], index: bool) -> String {
    let columns = list_columns(c, index);
    let mut head = vec!["Code", "Title"];
    head.extend(&columns);
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let first = if index {
                let page = format!("{up}{CODE_PAGE_DIR}/{}.html", e.code);
                format!(
                    "<a id=\"{}\" href=\"{page}\">{}</a>",
                    e.anchor,
                    md_text(&e.code.to_string(), true)
                )
            } else {
                code_link(up, &e.code)
            };
            let title = match e.retired {
                Some(_) => format!("{} (retired)", e.title),
                None => e.title.clone(),
            };
            let mut row = vec![first, md_text(&title, true)];
            for column in &columns {
                row.push(match *column {
                    "Group" => e
                        .group
                        .as_deref()
                        .map_or_else(|| "–".into(), |g| group_link(c, up, g)),
                    "HTTP" => e.http_status.map_or_else(|| "–".into(), |s| s.to_string()),
                    "Platforms" => match &e.platforms {
                        None => "–".into(),
                        Some(p) if p.is_empty() => "any".into(),
                        Some(p) => p
                            .iter()
                            .map(|id| platform_name(c, id))
                            .collect::<Vec<_>>()
                            .join(", "),
                    },
                    "Retry" => e.retry.as_ref().map_or("–", retry_short).into(),
                    _ => e.relink.map_or("–", relink_short).into(),
                });
            }
            row
        })
        .collect();
    table(&head, &rows)
}

fn platform_name(c: &Catalog, id: &str) -> String {
    match c.platforms.iter().find(|x| x.id == id) {
        Some(x) => md_text(&x.title, true),
        None => code(id),
    }
}

// ------------------------------------------------------------ index page

#[derive(Serialize)]
struct IndexPage {
    title: String,
    description: Option<String>,
    about_md: String,
    status_table: Option<String>,
    group_table: Option<String>,
    platform_table: Option<String>,
    code_table: String,
    script: &'static str,
}

fn index_page(c: &Catalog) -> IndexPage {
    let n = c.errors.len();
    let mut about = format!(
        "This book covers version {} of the catalog: {n} {}, each on a page of its own \
         (`codes/<code>.html`). The [common response format](response-format.md) is what \
         every error response shares.",
        code(&c.meta.version),
        if n == 1 { "code" } else { "codes" },
    );
    if let Some(url) = &c.meta.source_url {
        about.push_str(" The API's own documentation of its errors: ");
        push_link(&mut about, url);
        about.push('.');
    }
    let f = &c.facts;
    let status_table = f.http_status.used().then(|| {
        let mut rows: Vec<Vec<String>> = c
            .http_statuses
            .iter()
            .map(|s| {
                vec![
                    s.code.to_string(),
                    md_text(&s.meaning, true),
                    if s.success { "success" } else { "error" }.to_string(),
                    code_links(
                        ROOT,
                        c.errors
                            .iter()
                            .filter(|e| e.http_status == Some(s.code))
                            .map(|e| &e.code),
                    ),
                ]
            })
            .collect();
        if !f.http_status.always() {
            rows.push(vec![
                "not documented".into(),
                String::new(),
                String::new(),
                code_links(
                    ROOT,
                    c.errors
                        .iter()
                        .filter(|e| e.http_status.is_none())
                        .map(|e| &e.code),
                ),
            ]);
        }
        table(&["Status", "Meaning", "Outcome", "Codes"], &rows)
    });
    let group_table = (!c.groups.is_empty()).then(|| {
        let mut rows: Vec<Vec<String>> = c
            .groups
            .iter()
            .map(|g| vec![group_link(c, ROOT, &g.id), code_links(ROOT, g.codes.iter())])
            .collect();
        if !f.group.always() {
            rows.push(vec![
                "no group".into(),
                code_links(
                    ROOT,
                    c.errors
                        .iter()
                        .filter(|e| e.group.is_none())
                        .map(|e| &e.code),
                ),
            ]);
        }
        table(&["Group", "Codes"], &rows)
    });
    let platform_table = f.platforms.used().then(|| {
        let mut rows: Vec<Vec<String>> = c
            .platforms
            .iter()
            .map(|p| {
                vec![
                    format!("{} ({})", md_text(&p.title, true), code(&p.id)),
                    code_links(
                        ROOT,
                        c.errors
                            .iter()
                            .filter(|e| e.platform_ids().contains(&p.id))
                            .map(|e| &e.code),
                    ),
                ]
            })
            .collect();
        let any: Vec<&Code> = c
            .errors
            .iter()
            .filter(|e| e.platforms.as_ref().is_some_and(Vec::is_empty))
            .map(|e| &e.code)
            .collect();
        if !any.is_empty() {
            rows.push(vec![
                "any platform".into(),
                code_links(ROOT, any.into_iter()),
            ]);
        }
        if !f.platforms.always() {
            rows.push(vec![
                "not documented".into(),
                code_links(
                    ROOT,
                    c.errors
                        .iter()
                        .filter(|e| e.platforms.is_none())
                        .map(|e| &e.code),
                ),
            ]);
        }
        table(&["Platform", "Codes"], &rows)
    });
    let all: Vec<&ErrorEntry> = c.errors.iter().collect();
    IndexPage {
        title: searchable(&c.meta.title),
        description: c.meta.description.clone(),
        about_md: about,
        status_table,
        group_table,
        platform_table,
        code_table: code_list(c, ROOT, &all, true),
        script: ANCHOR_SCRIPT,
    }
}

// ------------------------------------------------------------ group pages

#[derive(Serialize)]
struct GroupPage {
    title: String,
    description: Option<String>,
    about_md: String,
    code_table: Option<String>,
}

fn group_page(c: &Catalog, g: &crate::ir::Group) -> GroupPage {
    let entries: Vec<&ErrorEntry> = g.codes.iter().filter_map(|n| c.entry(n)).collect();
    let about_md = match entries.len() {
        0 => format!("Group {}: no code belongs to it yet.", code(&g.id)),
        1 => format!("Group {}: 1 code.", code(&g.id)),
        n => format!("Group {}: {n} codes.", code(&g.id)),
    };
    GroupPage {
        title: searchable(&g.title),
        description: g.description.clone(),
        about_md,
        code_table: (!entries.is_empty()).then(|| code_list(c, SUB, &entries, false)),
    }
}

// ------------------------------------------------------------ response format

#[derive(Serialize)]
struct ResponsePage {
    envelope_md: String,
    envelope_table: Option<String>,
    schema_md: Option<String>,
    header_table: Option<String>,
    field_table: Option<String>,
    examples: Vec<ExampleDoc>,
}

fn paths(list: &[Path]) -> String {
    if list.is_empty() {
        return "none".into();
    }
    list.iter()
        .map(|p| code(&p.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn response_page(c: &Catalog) -> ResponsePage {
    let env = &c.envelope;
    let (envelope_md, envelope_table) = if env.declared {
        let mut rows = vec![
            ("Code field", code(&env.code_field)),
            ("Error objects", paths(&env.errors)),
            ("Warning objects", paths(&env.warnings)),
            ("Nested bodies", paths(&env.nested)),
            ("Platform", paths(&env.platform)),
        ];
        if !env.marker.is_empty() {
            rows.push((
                "Marker",
                env.marker
                    .iter()
                    .map(|(k, v)| format!("{} is {}", code(k), code(v)))
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
        }
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|(k, v)| vec![format!("**{k}**"), v])
            .collect();
        (
            "Where a response body holds its error objects, read in this order. \
             A path like `errors[]` is each element of the `errors` list; `.` is the \
             body itself; `{platform}` is the value of each key that is a platform id; \
             `*` is any other key."
                .to_string(),
            Some(table(&["Part", "Where"], &rows)),
        )
    } else {
        let body_is_error = env.errors.iter().all(|p| p.0 == [Segment::Body]);
        (
            if body_is_error {
                format!(
                    "The body of an error response is the error object, with its code in {}.",
                    code(&env.code_field)
                )
            } else {
                format!(
                    "Error objects hold their code in {}.",
                    code(&env.code_field)
                )
            },
            None,
        )
    };
    #[cfg(feature = "schema")]
    let schema_md = Some(format!(
        "A JSON Schema of error responses: [{RESPONSE_SCHEMA_PATH}]({RESPONSE_SCHEMA_PATH})."
    ));
    #[cfg(not(feature = "schema"))]
    let schema_md = None;
    let header_table = (!c.headers.is_empty()).then(|| {
        let rows: Vec<Vec<String>> = c
            .headers
            .iter()
            .map(|h| {
                vec![
                    code(&h.name),
                    h.direction.as_str().to_string(),
                    md_text(&h.description, true),
                    h.examples
                        .iter()
                        .map(|x| code(x))
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect();
        table(&["Header", "Direction", "Meaning", "Examples"], &rows)
    });
    let field_table = (!c.fields.is_empty()).then(|| {
        let rows: Vec<Vec<String>> = c
            .fields
            .iter()
            .map(|f| vec![code(&f.name), code(&f.ty), md_text(&f.description, true)])
            .collect();
        table(&["Field", "Type", "Meaning"], &rows)
    });
    ResponsePage {
        envelope_md,
        envelope_table,
        schema_md,
        header_table,
        field_table,
        examples: c.examples.iter().map(|x| example_doc(c, x)).collect(),
    }
}

// ------------------------------------------------------------ code pages

/// A labelled fenced block, for text a code span cannot hold.
#[derive(Serialize)]
struct Block {
    label: &'static str,
    fence: String,
}

#[derive(Serialize)]
struct CodePage<'a> {
    heading_md: String,
    retired: Option<&'a str>,
    description: Option<&'a str>,
    facts_md: Option<String>,
    /// Whether the catalog states messages for any code.
    messages_used: bool,
    messages_intro: &'static str,
    /// Messages as code spans, when every one fits in one.
    message_spans: Vec<String>,
    /// Messages as fenced blocks otherwise.
    message_fences: Vec<String>,
    advice: Option<&'a str>,
    cases: Vec<CaseDoc>,
    subcodes: Vec<SubcodeDoc<'a>>,
    field_table: Option<String>,
    header_table: Option<String>,
    related_md: Option<String>,
    history: Vec<HistoryDoc<'a>>,
    examples: Vec<ExampleDoc>,
}

#[derive(Serialize)]
struct CaseDoc {
    title: String,
    facts_md: Option<String>,
    blocks: Vec<Block>,
}

#[derive(Serialize)]
struct SubcodeDoc<'a> {
    code: u64,
    description: &'a str,
    facts_md: Option<String>,
    blocks: Vec<Block>,
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

fn code_page<'a>(c: &Catalog, e: &'a ErrorEntry) -> CodePage<'a> {
    let f = &c.facts;
    let mut facts: Vec<(&str, String)> = vec![("Name", code(&e.name))];
    if f.group.used() {
        facts.push((
            "Group",
            e.group
                .as_deref()
                .map_or_else(|| "no group".into(), |g| group_link(c, SUB, g)),
        ));
    }
    if f.http_status.used() {
        facts.push(("HTTP status", status_md(c, e.http_status)));
    }
    facts.extend(handling_fact_rows(c, e, code, |t| md_text(t, true)));
    let spans: Option<Vec<String>> = e.messages.iter().map(|m| code_span(m)).collect();
    let (message_spans, message_fences) = match spans {
        Some(spans) => (spans, Vec::new()),
        None => (
            Vec::new(),
            e.messages.iter().map(|m| fence(m, "text")).collect(),
        ),
    };
    let mut related: Vec<(&str, String)> = Vec::new();
    for (label, codes) in [
        ("Superseded by", &e.superseded_by),
        ("Replaces", &e.replaces),
        ("Replaced by", &e.replaced_by),
        ("Related", &e.related),
        ("Shown in the examples of", &e.shown_in),
    ] {
        if !codes.is_empty() {
            related.push((
                label,
                codes
                    .iter()
                    .map(|n| titled_code_link(c, SUB, n))
                    .collect::<Vec<_>>()
                    .join(", "),
            ));
        }
    }
    let related_md = (!related.is_empty()).then(|| {
        let rows: Vec<Vec<String>> = related
            .into_iter()
            .map(|(k, v)| vec![format!("**{k}**"), v])
            .collect();
        table(&["Relation", "Codes"], &rows)
    });
    CodePage {
        heading_md: code_heading(e),
        retired: e.retired.as_deref(),
        description: e.description.as_deref(),
        facts_md: fact_table(facts),
        messages_used: f.messages.used(),
        messages_intro: if e.messages.len() == 1 {
            "The exact text the API sends:"
        } else {
            "The exact texts the API sends:"
        },
        message_spans,
        message_fences,
        advice: e.advice.as_deref(),
        cases: e.cases.iter().map(case_doc).collect(),
        subcodes: e.subcodes.iter().map(subcode_doc).collect(),
        field_table: (!e.fields.is_empty()).then(|| {
            let rows: Vec<Vec<String>> = e
                .fields
                .iter()
                .map(|x| vec![code(&x.name), md_text(&x.description, true)])
                .collect();
            table(&["Field", "Meaning"], &rows)
        }),
        header_table: (!e.headers.is_empty()).then(|| {
            let rows: Vec<Vec<String>> = e
                .headers
                .iter()
                .map(|h| {
                    vec![
                        code(&h.name),
                        h.value.as_deref().map_or_else(|| "–".into(), code),
                        md_text(&h.description, true),
                    ]
                })
                .collect();
            table(&["Header", "Value", "Meaning"], &rows)
        }),
        related_md,
        history: e
            .history
            .iter()
            .map(|h| HistoryDoc {
                date: &h.date,
                note: &h.note,
            })
            .collect(),
        examples: e.examples.iter().map(|x| example_doc(c, x)).collect(),
    }
}

/// A message as a fact when a code span holds it, else as a block.
fn message_fact(
    label: &'static str,
    text: Option<&str>,
    facts: &mut Vec<(&'static str, String)>,
    blocks: &mut Vec<Block>,
) {
    let Some(text) = text else { return };
    match code_span(text) {
        Some(md) => facts.push((label, md)),
        None => blocks.push(Block {
            label,
            fence: fence(text, "text"),
        }),
    }
}

fn case_doc(k: &Case) -> CaseDoc {
    let mut facts = vec![
        ("Case id", code(&k.id)),
        ("How to recognise it", md_text(&k.signal, true)),
    ];
    let mut blocks = Vec::new();
    message_fact("Message", k.message.as_deref(), &mut facts, &mut blocks);
    if let Some(r) = k.relink {
        facts.push(("Relink", relink_words(r).into()));
    }
    if let Some(r) = k.remedy {
        facts.push(("Remedy", remedy_words(r)));
    }
    facts.push(("What to do", md_text(&k.advice, true)));
    CaseDoc {
        title: k.title.clone(),
        facts_md: fact_table(facts),
        blocks,
    }
}

fn subcode_doc(s: &Subcode) -> SubcodeDoc<'_> {
    let mut facts = vec![(
        "Source",
        format!("{}, in {}", code(&s.source), code(&s.upstream_field)),
    )];
    if let Some(f) = &s.response_field {
        facts.push(("Response field", code(f)));
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
        facts.push(("Relink", relink_words(r).into()));
    }
    if let Some(b) = s.retry_available {
        facts.push(("retryAvailable", code(if b { "true" } else { "false" })));
    }
    if let Some(r) = s.remedy {
        facts.push(("Remedy", remedy_words(r)));
    }
    SubcodeDoc {
        code: s.code,
        description: &s.description,
        facts_md: fact_table(facts),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_url_is_the_path_of_the_root() {
        for (url, site) in [
            (
                "https://errcat.github.io/ayrshare-errors",
                "/ayrshare-errors/",
            ),
            (
                "https://errcat.github.io/ayrshare-errors/",
                "/ayrshare-errors/",
            ),
            ("https://docs.example.com", "/"),
            ("https://docs.example.com/", "/"),
            ("https://docs.example.com/a/b?x=1#y", "/a/b/"),
        ] {
            assert_eq!(site_url(url), site, "{url}");
        }
    }

    #[test]
    fn toml_strings_hold_any_text() {
        for s in [
            "plain",
            "q\"uote",
            "back\\slash",
            "line\nbreak\r\n",
            "\u{7}bell",
            "\u{202e}rtl",
        ] {
            let doc = format!("v = {}\n", toml_string(s));
            let parsed: toml::Table = toml::from_str(&doc).expect("TOML parses");
            assert_eq!(parsed["v"].as_str(), Some(s), "{doc}");
        }
    }
}
