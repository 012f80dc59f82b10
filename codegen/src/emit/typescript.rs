//! TypeScript: the catalog as the generated module of an npm package (ES
//! modules, strict types).
//!
//! Only `src/generated/catalog.ts` is generated ([`emit`]). The package's
//! own files (`package.json`, `tsconfig.json`, `src/index.ts`, `README.md`)
//! belong to whoever publishes it: [`scaffold`] gives a first version of
//! them, for `errcat init` to write where none exists yet.
//!
//! The module mirrors the Rust emitter's rules: a fact no entry states is
//! left out, one some entries state is `T | null`, one every entry states
//! is plain, and support types and helpers come only with the facts they
//! serve. It comes from handlebars templates fed with small serializable
//! structs built from the IR. No catalog text is pasted into the output
//! raw: string literals go through the `json` helper (or are built with
//! [`js_literal`]) and comment text through the `doc` helper (or
//! [`doc_lines`]), which make it inert.
//!
//! Paths are relative to the package root; [`crate::emit::emit_all`] puts
//! it under `generated/ts`.

use handlebars::{Context, Handlebars, handlebars_helper};
use serde::Serialize;
use serde_json::{Value, json};

use crate::emit::info_shape::{Lang, Shape, info_fields};
use crate::emit::{EmitError, header_line};
use crate::ir::{
    Appearance, Case, Catalog, Code, CodeKind, ErrorEntry, Presence, Relink, Remedy, RetryKind,
    RetryPolicy, Severity, Subcode,
};
use crate::writer::GeneratedFile;

/// The generated module, relative to the package root.
pub const CATALOG_TS: &str = "src/generated/catalog.ts";

/// The exact TypeScript release the package builds with.
pub const TYPESCRIPT_VERSION: &str = "5.9.3";

/// The templates, by name: the module, and the two parts of it that are
/// rendered once per code.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "catalog.ts",
        include_str!("../../templates/ts/catalog.ts.hbs"),
    ),
    ("member", include_str!("../../templates/ts/member.ts.hbs")),
    ("info", include_str!("../../templates/ts/info.ts.hbs")),
];

/// How many codes one worker renders at a time (see `par`).
const CODES_PER_BLOCK: usize = 250;

/// The generated module: the one file of the package that `generate`
/// owns.
pub fn emit(c: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    Ok(vec![GeneratedFile::new(CATALOG_TS, catalog_ts(c)?)])
}

/// A first version of the package's hand-owned files, relative to the
/// package root, sorted by path: with them and the generated module the
/// package builds on its own (`npm install && npm run build`). `generate`
/// never writes them, so their owners may change anything.
pub fn scaffold(c: &Catalog) -> Vec<GeneratedFile> {
    vec![
        GeneratedFile::new("README.md", readme_md(c)),
        GeneratedFile::new("package.json", package_json(c)),
        GeneratedFile::new("src/index.ts", index_ts(c)),
        GeneratedFile::new("tsconfig.json", tsconfig_json(c)),
    ]
}

/// Pretty JSON with two-space indents and a final newline, as npm writes it.
fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// The package manifest, in the form npm itself leaves it after
/// `npm install`, so installing does not rewrite it. No `license`: that is
/// the publisher's choice, which the README asks for.
pub fn package_json(c: &Catalog) -> String {
    let m = &c.meta;
    pretty(&json!({
        "name": m.npm_package,
        "version": m.version,
        // One line, worded as the other packages' manifests.
        "description": format!(
            "{} error codes, generated from its errcat catalog",
            m.title.replace(['\n', '\r'], " ")
        ),
        "type": "module",
        "main": "./dist/index.js",
        "types": "./dist/index.d.ts",
        "exports": {
            ".": {
                "types": "./dist/index.d.ts",
                "import": "./dist/index.js",
            },
        },
        "files": ["dist", "src"],
        "sideEffects": false,
        "scripts": {
            "build": "tsc -p .",
            "check": "tsc -p . --noEmit",
        },
        "devDependencies": {
            "typescript": TYPESCRIPT_VERSION,
        },
    }))
}

/// Compiler settings: the strictest useful set, ES2022 modules, no ambient
/// types (the package needs neither Node's nor the DOM's).
pub fn tsconfig_json(c: &Catalog) -> String {
    let options = json!({
        "compilerOptions": {
            "strict": true,
            "target": "ES2022",
            "lib": ["ES2022"],
            "types": [],
            "module": "NodeNext",
            "moduleResolution": "NodeNext",
            "declaration": true,
            "outDir": "dist",
            "rootDir": "src",
            "isolatedModules": true,
            "noUncheckedIndexedAccess": true,
            "exactOptionalPropertyTypes": true,
            "noImplicitOverride": true,
            "noImplicitReturns": true,
            "noFallthroughCasesInSwitch": true,
            "noPropertyAccessFromIndexSignature": true,
            "noUnusedLocals": true,
            "noUnusedParameters": true,
            "forceConsistentCasingInFileNames": true,
            "skipLibCheck": false,
        },
        "include": ["src"],
    });
    // tsconfig.json is JSON with comments, so it can say whose it is.
    format!(
        "// {}\n{}",
        comment_line(&format!(
            "compiler settings of the `{}` catalog's npm package; hand-owned: `errcat generate` never touches this file",
            c.meta.name
        )),
        pretty(&options)
    )
}

/// The package's entry point: the generated module, re-exported.
pub fn index_ts(c: &Catalog) -> String {
    let m = &c.meta;
    let mut out = String::from("/**\n");
    out.push_str(&doc_lines(
        &format!(
            "{}: its error codes and what its error catalog says about each.\n\n\
             `./generated/catalog.ts` is written by `errcat generate` from the\n\
             `{}` catalog; do not edit it. This file is the package's own:\n\
             export hand-written modules from here too.",
            m.title, m.name
        ),
        "",
        "",
    ));
    out.push('\n');
    if let Some(e) = c.errors.first() {
        let code = js_literal(&e.code);
        let name = js_literal(&e.name);
        let example = format!(
            "```ts\n\
             import {{ ErrorCode, errorInfo, toCode }} from {package};\n\
             \n\
             errorInfo(ErrorCode.{ident})?.title; // {title}\n\
             toCode({code}); // {{ known: true, code: {code}, name: {name} }}\n\
             ```",
            package = js_literal(&m.npm_package),
            ident = e.name,
            title = js_literal(&e.title),
        );
        out.push_str(" *\n * @example\n");
        out.push_str(&doc_lines(&example, "", ""));
        out.push('\n');
    }
    out.push_str(" *\n * @module\n */\n\nexport * from \"./generated/catalog.js\";\n");
    out
}

/// What the package is, and how to build and publish it.
pub fn readme_md(c: &Catalog) -> String {
    let m = &c.meta;
    // The name, version and package name are validated: no backtick in
    // them ends a code span.
    let code = |s: &str| format!("`{s}`");
    format!(
        "# {package}\n\
         \n\
         The error codes of {title} as TypeScript: `ErrorCode` (a constant per\n\
         code, and the union of the codes), `toCode` (a known code, or one this\n\
         version does not know yet), and `ERRORS` / `errorInfo` with what the\n\
         error catalog says about each code.\n\
         \n\
         `src/generated/catalog.ts` is generated by `errcat generate` from the\n\
         {name} catalog: do not edit it, change the catalog and generate again.\n\
         `errcat init` wrote the other files (`package.json`, `tsconfig.json`,\n\
         `src/index.ts` and this README) once; they are yours to edit.\n\
         \n\
         ## Build\n\
         \n\
         ```sh\n\
         npm install     # the pinned TypeScript\n\
         npm run check   # type-check\n\
         npm run build   # compile to dist/\n\
         ```\n\
         \n\
         ## Publish\n\
         \n\
         Add a `license` to `package.json` and set its `version` (the catalog's\n\
         is {version}), then:\n\
         \n\
         ```sh\n\
         npm run build\n\
         npm publish     # add --access public the first time for a scoped name\n\
         ```\n",
        // `_` and `~` are the only characters of a package name that can
        // be Markdown syntax (emphasis, strikethrough).
        package = if m.npm_package.contains(['_', '~']) {
            md_inline(&m.npm_package)
        } else {
            m.npm_package.clone()
        },
        title = md_inline(&m.title),
        name = code(&m.name),
        version = code(&m.version),
    )
}

/// Catalog text as inline Markdown that reads as the text: each ASCII
/// punctuation character backslash-escaped (CommonMark reads every such
/// escape as the character itself), line breaks as spaces. Written here
/// rather than borrowed from the Markdown emitter, which a build may leave
/// out.
fn md_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for ch in comment_line(text).chars() {
        if ch.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The generated module.
pub fn catalog_ts(c: &Catalog) -> Result<String, EmitError> {
    let mut reg = Handlebars::new();
    reg.register_escape_fn(handlebars::no_escape);
    reg.set_strict_mode(true);
    reg.register_helper("json", Box::new(json_helper));
    reg.register_helper("doc", Box::new(doc_helper));
    for (name, text) in TEMPLATES {
        reg.register_template_string(name, *text)
            .map_err(|e| EmitError(format!("TypeScript template `{name}` does not parse: {e}")))?;
    }
    let model = model(c, &reg)?;
    reg.render("catalog.ts", &model)
        .map_err(|e| EmitError(format!("cannot render the TypeScript module: {e}")))
}

/// The `ErrorCode` members and the `ERRORS` entries, in code order, in
/// blocks of [`CODES_PER_BLOCK`] codes. Each code is rendered with data of
/// its own rather than through an `{{#each}}` over all of them, where
/// handlebars would look every name up from the root of a 10,000-entry
/// tree; and the blocks render on every core. A block is one string:
/// handlebars gives each rendered text a buffer of 8 KiB, which kept per
/// code would hold 160 MB at 10,000 codes.
fn code_parts(c: &Catalog, reg: &Handlebars) -> Result<(Vec<String>, Vec<String>), EmitError> {
    let shape = Shape::of(c);
    // The IR holds the codes in order.
    let blocks: Vec<&[ErrorEntry]> = c.errors.chunks(CODES_PER_BLOCK).collect();
    let parts = crate::par::try_map(
        &blocks,
        |block| {
            let (mut members, mut infos) = (String::new(), String::new());
            for e in *block {
                let data = Context::wraps(error_model(c, &shape, e)?).map_err(render_error)?;
                for (name, out) in [("member", &mut members), ("info", &mut infos)] {
                    let text = reg.render_with_context(name, &data).map_err(render_error)?;
                    out.push_str(&text);
                }
            }
            Ok((members, infos))
        },
        || EmitError("rendering TypeScript entries panicked".to_string()),
    )?;
    Ok(parts.into_iter().unzip())
}

fn render_error(e: handlebars::RenderError) -> EmitError {
    EmitError(format!("cannot render the TypeScript module: {e}"))
}

handlebars_helper!(json_helper: |v: Json| js_literal(v));
handlebars_helper!(doc_helper: |text: str, {indent: str = "", tag: str = ""}| doc_lines(text, indent, tag));

/// A JavaScript literal for a JSON value: JSON's own escaping, plus `</`
/// as `<\/` (an inline `<script>` must not end inside a string), U+2028
/// and U+2029 (line terminators to pre-ES2019 parsers) and bidirectional
/// controls (which make source display differently from what it is) as
/// `\u` escapes. Arrays come out as `[a, b]`, objects as `{ "k": v }`.
pub fn js_literal<T: Serialize + ?Sized>(v: &T) -> String {
    let mut out = Vec::with_capacity(64);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, JsFormatter::default());
    // Only a map with keys that are not strings fails to serialize; the
    // emitter has none.
    if v.serialize(&mut ser).is_err() {
        return "null".into();
    }
    // The serializer writes whole UTF-8 strings and ASCII around them.
    String::from_utf8(out).unwrap_or_else(|_| "null".into())
}

/// serde_json's compact output, spaced as [`js_literal`] promises, with its
/// extra escapes. Serializing through it writes the literal in one pass,
/// where going through a `serde_json::Value` first copied every string
/// twice.
#[derive(Default)]
struct JsFormatter {
    /// For each object being written, whether it has a member yet.
    objects: Vec<bool>,
}

impl serde_json::ser::Formatter for JsFormatter {
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.objects.push(false);
        w.write_all(b"{")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if let Some(has_member) = self.objects.last_mut() {
            *has_member = true;
        }
        w.write_all(if first { b" " } else { b", " })
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        if self.objects.pop().unwrap_or(false) {
            w.write_all(b" }")
        } else {
            w.write_all(b"}")
        }
    }

    /// A run of string content that JSON leaves as it is. `<` and `/` are
    /// never JSON-escaped, so a `</` is always inside one run.
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if fragment.is_ascii() && !fragment.contains("</") {
            return w.write_all(fragment.as_bytes());
        }
        let mut prev = None;
        let mut buf = [0; 4];
        for ch in fragment.chars() {
            if is_line_separator(ch) || is_bidi_control(ch) {
                write!(w, "\\u{:04x}", ch as u32)?;
            } else if ch == '/' && prev == Some('<') {
                w.write_all(b"\\/")?;
            } else {
                w.write_all(ch.encode_utf8(&mut buf).as_bytes())?;
            }
            prev = Some(ch);
        }
        Ok(())
    }
}

fn is_line_separator(ch: char) -> bool {
    matches!(ch, '\u{2028}' | '\u{2029}')
}

/// Characters that reorder how text around them is displayed.
fn is_bidi_control(ch: char) -> bool {
    matches!(
        ch,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Catalog text as the body lines of a `/** ... */` comment, each
/// `{indent} * `-prefixed, without a final newline. With a `tag`, the
/// first line starts with `@tag`.
///
/// The text cannot end the comment or change its meaning: `*/` becomes
/// `*\/` and `</` becomes `<\/` (both read the same in rendered
/// Markdown), an `@` that would start a JSDoc tag becomes `\@`, every line
/// break starts a new ` * ` line, and invisible controls are spelled
/// out as `\uXXXX`. Surrounding blank lines and trailing spaces go.
pub fn doc_lines(text: &str, indent: &str, tag: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // A line ends at `\n`, `\r\n`, a lone `\r`, U+2028 or U+2029.
    let lines = text.split('\n').flat_map(|l| {
        let l = l.strip_suffix('\r').unwrap_or(l);
        l.split(['\r', '\u{2028}', '\u{2029}'])
    });
    // Blank lines are written once a line with text follows them, so that
    // none lead or trail.
    let mut blanks = 0;
    let mut started = false;
    for line in lines {
        let line = line.trim_end();
        if line.is_empty() {
            blanks += usize::from(started);
            continue;
        }
        for _ in 0..blanks {
            out.push('\n');
            out.push_str(indent);
            out.push_str(" *");
        }
        blanks = 0;
        if started {
            out.push('\n');
        }
        out.push_str(indent);
        out.push_str(" * ");
        if !started && !tag.is_empty() {
            out.push('@');
            out.push_str(tag);
            out.push(' ');
        }
        started = true;
        push_doc_line(&mut out, line);
    }
    if !started {
        out.push_str(indent);
        out.push_str(" *");
        if !tag.is_empty() {
            out.push_str(" @");
            out.push_str(tag);
        }
    }
    out
}

/// One line of comment text (without trailing spaces), made inert.
fn push_doc_line(out: &mut String, line: &str) {
    let mut prev: Option<char> = None;
    for ch in line.chars() {
        match ch {
            '/' if prev == Some('*') || prev == Some('<') => out.push_str("\\/"),
            '@' if prev.is_none_or(|p| p.is_whitespace() || p == '{') => out.push_str("\\@"),
            c if (c.is_control() && c != '\t') || is_bidi_control(c) => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
        prev = Some(ch);
    }
}

/// Catalog text for a one-line `/** ... */` comment: line breaks become
/// spaces, the rest is made inert as in [`doc_lines`].
fn doc_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_doc_line(&mut out, comment_line(text).trim_end());
    out
}

/// Text for a `//` comment: a line break would end it.
fn comment_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || is_line_separator(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The template's data. Field names are the template's; every list is in a
// fixed order (the IR's, which sorts codes and platforms).

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Model {
    header: String,
    catalog: CatalogModel,
    /// The Rust module's `CATALOG_FINGERPRINT`, in hex.
    fingerprint: String,
    /// Only for a catalog that declares its envelope.
    envelope: Option<EnvelopeModel>,
    statuses: Vec<StatusModel>,
    platforms: PlatformsModel,
    groups: Vec<GroupModel>,
    /// The closed sets of words the catalog's facts use.
    word_types: Vec<WordType>,
    /// Empty when no entry states a retry policy.
    retry_kinds: Vec<RetryKindModel>,
    /// The `Subcode` type's note on `source`, finished comment text; only
    /// when some entry has sub-codes.
    subcode_source: Option<String>,
    /// Some entry has cases.
    cases: bool,
    code: CodeModel,
    /// Every code, in order.
    codes: Vec<Js>,
    info_fields: Vec<InfoFieldModel>,
    helpers: HelpersModel,
    /// The codes' `ErrorCode` members (`member.ts.hbs`), a block of codes a
    /// string.
    members: Vec<String>,
    /// The codes' `ERRORS` entries (`info.ts.hbs`), a block of codes a
    /// string.
    infos: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CatalogModel {
    name: String,
    title: String,
    version: String,
    docs_url: Option<String>,
    doc: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EnvelopeModel {
    code_field: String,
    keys: Vec<String>,
}

#[derive(Serialize)]
struct StatusModel {
    code: u16,
    meaning: String,
    success: bool,
}

#[derive(Serialize)]
struct PlatformsModel {
    /// Whether the module has the `Platform` type at all.
    used: bool,
    list: Vec<PlatformModel>,
}

#[derive(Serialize)]
struct PlatformModel {
    id: String,
    title: String,
}

#[derive(Serialize)]
struct GroupModel {
    id: String,
    title: String,
    description: Option<String>,
    /// The group's codes as a JavaScript array.
    codes: Js,
}

/// What differs between integer and string codes in the module's text.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CodeModel {
    /// String codes.
    text: bool,
    /// The TypeScript type of a code from a response.
    ty: &'static str,
    /// The parameter name of `toCode`.
    param: &'static str,
    /// "a number" or "a code", as in "for a number from a response".
    noun: &'static str,
    /// How `ERROR_CODES` is sorted.
    order: &'static str,
    /// A name from the catalog for doc examples.
    example_name: String,
    /// Plain text for `toCode`'s doc comment, with a code from the catalog.
    to_code_example: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InfoFieldModel {
    name: &'static str,
    ty: String,
    doc_text: &'static str,
}

/// Which variant of each fact helper the module has, if any.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HelpersModel {
    retry_always: bool,
    retry_sometimes: bool,
    relink_always: bool,
    relink_sometimes: bool,
}

/// A closed set of words as a string-literal union and its list.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WordType {
    name: &'static str,
    all: &'static str,
    doc_text: &'static str,
    words: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RetryKindModel {
    policy: &'static str,
    doc_text: &'static str,
    fields: Vec<FieldDecl>,
}

#[derive(Serialize)]
struct FieldDecl {
    name: &'static str,
    ty: &'static str,
}

/// A JavaScript literal, already made inert by [`js_literal`], for the
/// template to print as it is: the per-code values, which are most of the
/// module, need no `{{json}}` helper call each.
#[derive(Serialize)]
#[serde(transparent)]
struct Js(String);

fn js<T: Serialize + ?Sized>(v: &T) -> Js {
    Js(js_literal(v))
}

fn null() -> Js {
    Js("null".into())
}

/// One code. Apart from `name` (an identifier) and `key` (a property
/// name), every field is a JavaScript literal ([`Js`]) or a finished
/// comment. A fact the catalog never states is `None`, and the template
/// leaves it out; one this entry does not state is the literal `null`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorModel {
    /// The code as a property name of `ERRORS`.
    key: String,
    code: Js,
    name: String,
    /// The member's doc comment lines.
    doc_lines: String,
    /// Its `@see` line, the reference page; empty without one.
    see_line: String,
    title: Js,
    group: Option<Js>,
    http_status: Option<Js>,
    action: Option<Js>,
    platforms: Option<Js>,
    severity: Option<Js>,
    appears_in: Option<Js>,
    retry: Option<Js>,
    relink: Option<Js>,
    remedy: Option<Js>,
    has_messages: bool,
    messages: Vec<Js>,
    description: Option<Js>,
    advice: Option<Js>,
    has_subcodes: bool,
    subcodes: Vec<SubcodeModel>,
    has_cases: bool,
    cases: Vec<CaseModel>,
    superseded_by: Js,
    replaces: Js,
    replaced_by: Js,
    related: Js,
    retired: Js,
    docs_url: Option<Js>,
}

/// Every field a JavaScript literal.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SubcodeModel {
    code: Js,
    source: Js,
    upstream_field: Js,
    response_field: Js,
    description: Js,
    upstream_message: Js,
    message: Js,
    relink: Js,
    retry_available: Js,
    remedy: Js,
}

/// Every field a JavaScript literal.
#[derive(Serialize)]
struct CaseModel {
    id: Js,
    title: Js,
    signal: Js,
    advice: Js,
    message: Js,
    relink: Js,
    remedy: Js,
}

fn model(c: &Catalog, reg: &Handlebars) -> Result<Model, EmitError> {
    let m = &c.meta;
    let f = &c.facts;
    let shape = Shape::of(c);
    let mut catalog_doc = m.title.clone();
    if let Some(d) = &m.description {
        catalog_doc.push_str("\n\n");
        catalog_doc.push_str(d);
    }
    let envelope = c.envelope.declared.then(|| EnvelopeModel {
        code_field: c.envelope.code_field.clone(),
        keys: crate::envelope::envelope_keys(&c.envelope, c.fields.iter().map(|f| f.name.as_str()))
            .into_iter()
            .collect(),
    });
    let refined = f.subcodes.used() || f.cases.used();
    let (members, infos) = code_parts(c, reg)?;
    Ok(Model {
        header: comment_line(&header_line(c)),
        catalog: CatalogModel {
            name: m.name.clone(),
            title: m.title.clone(),
            version: m.version.clone(),
            docs_url: m.docs_url.clone(),
            doc: catalog_doc,
        },
        fingerprint: format!("{:016x}", crate::emit::fingerprint(c)),
        envelope,
        statuses: c
            .http_statuses
            .iter()
            .map(|s| StatusModel {
                code: s.code,
                meaning: s.meaning.clone(),
                success: s.success,
            })
            .collect(),
        platforms: PlatformsModel {
            // An entry may state "no platform in particular" (`[]`) in a
            // catalog that lists none: `Platform` is then `never`.
            used: !c.platforms.is_empty() || shape.platforms.used(),
            list: c
                .platforms
                .iter()
                .map(|p| PlatformModel {
                    id: p.id.clone(),
                    title: p.title.clone(),
                })
                .collect(),
        },
        groups: c
            .groups
            .iter()
            .map(|g| GroupModel {
                id: g.id.clone(),
                title: g.title.clone(),
                description: g.description.clone(),
                codes: js(&g.codes),
            })
            .collect(),
        word_types: word_types(
            f.severity.used(),
            f.appears_in.used(),
            f.relink.used() || refined,
            f.remedy.used() || refined,
        ),
        retry_kinds: if f.retry.used() {
            RetryKind::ALL.iter().map(|k| retry_kind(*k)).collect()
        } else {
            Vec::new()
        },
        subcode_source: f.subcodes.used().then(|| {
            let source = c
                .errors
                .iter()
                .find_map(|e| e.subcodes.first())
                .map_or("", |s| s.source.as_str());
            doc_inline(&format!("`{source}`"))
        }),
        cases: f.cases.used(),
        code: code_model(c),
        codes: c.errors.iter().map(|e| js(&e.code)).collect(),
        info_fields: info_fields(&shape, Lang::TypeScript)
            .into_iter()
            .map(|field| InfoFieldModel {
                name: field.name,
                ty: match field.presence {
                    Presence::Sometimes => format!("{} | null", field.ty),
                    _ => field.ty.to_string(),
                },
                doc_text: match field.presence {
                    Presence::Sometimes => field.doc_optional,
                    _ => field.doc,
                },
            })
            .collect(),
        helpers: HelpersModel {
            retry_always: f.retry == Presence::Always,
            retry_sometimes: f.retry == Presence::Sometimes,
            relink_always: f.relink == Presence::Always,
            relink_sometimes: f.relink == Presence::Sometimes,
        },
        members,
        infos,
    })
}

fn code_model(c: &Catalog) -> CodeModel {
    let first = c.errors.first();
    let example_name = first.map_or_else(|| "Name".to_string(), |e| e.name.clone());
    match c.code_kind {
        CodeKind::Int => CodeModel {
            text: false,
            ty: "number",
            param: "n",
            noun: "a number",
            order: "in ascending order",
            example_name,
            to_code_example: None,
        },
        CodeKind::Str => CodeModel {
            text: true,
            ty: "string",
            param: "text",
            noun: "a code",
            order: "in ascending order of their bytes",
            example_name,
            to_code_example: first.map(|e| {
                let code = js_literal(&e.code);
                format!(
                    "`toCode({code})` gives `{{ known: true, code: {code}, name: {} }}`.",
                    js_literal(&e.name)
                )
            }),
        },
    }
}

/// The closed sets of words, those the catalog needs: a fact's own, and
/// `Relink` and `Remedy` for sub-codes and cases, which refine them.
fn word_types(severity: bool, appearance: bool, relink: bool, remedy: bool) -> Vec<WordType> {
    let mut out = Vec::new();
    if severity {
        out.push(WordType {
            name: "Severity",
            all: "SEVERITIES",
            doc_text: "Whether a response failed or succeeded with a note.",
            words: Severity::WORDS.to_vec(),
        });
    }
    if appearance {
        out.push(WordType {
            name: "Appearance",
            all: "APPEARANCES",
            doc_text: "Where an error object sits in a response body.",
            words: Appearance::WORDS.to_vec(),
        });
    }
    if relink {
        out.push(WordType {
            name: "Relink",
            all: "RELINKS",
            doc_text: "Whether the end user must unlink and relink their account.",
            words: Relink::WORDS.to_vec(),
        });
    }
    if remedy {
        out.push(WordType {
            name: "Remedy",
            all: "REMEDIES",
            doc_text: "What a program should do about an error.",
            words: Remedy::WORDS.to_vec(),
        });
    }
    out
}

/// The TypeScript shape of each retry policy, matching the export's
/// `retry` objects with camelCase keys.
fn retry_kind(k: RetryKind) -> RetryKindModel {
    let (doc_text, fields) = match k {
        RetryKind::Never => (
            "The same request fails again; something must change first.",
            vec![],
        ),
        RetryKind::Backoff => (
            "Transient: retry with exponential backoff, waiting at least `minDelaySecs` first when given.",
            vec![FieldDecl {
                name: "minDelaySecs",
                ty: "number | null",
            }],
        ),
        RetryKind::AfterDelay => (
            "The response field `delayField` carries the delay, written as `delayFormat` with `{seconds}` marking the number; see {@link parseRetryDelay}.",
            vec![
                FieldDecl {
                    name: "delayField",
                    ty: "string",
                },
                FieldDecl {
                    name: "delayFormat",
                    ty: "string",
                },
            ],
        ),
        RetryKind::AfterEvent => (
            "Retry once `event` has happened elsewhere.",
            vec![FieldDecl {
                name: "event",
                ty: "string",
            }],
        ),
        RetryKind::FailedPlatforms => (
            "Retry only the platforms that failed: the others already posted.",
            vec![],
        ),
    };
    RetryKindModel {
        policy: k.as_str(),
        doc_text,
        fields,
    }
}

/// `{ policy: "backoff", minDelaySecs: 60 }`: the policy as the
/// `RetryPolicy` union writes it.
fn retry_literal(r: &RetryPolicy) -> Js {
    let fields: Vec<(&str, Value)> = match r {
        RetryPolicy::Never | RetryPolicy::FailedPlatforms => vec![],
        RetryPolicy::Backoff { min_delay_secs } => vec![("minDelaySecs", json!(min_delay_secs))],
        RetryPolicy::AfterDelay { field, format } => {
            vec![("delayField", json!(field)), ("delayFormat", json!(format))]
        }
        RetryPolicy::AfterEvent { event } => vec![("event", json!(event))],
    };
    let mut out = format!("{{ policy: {}", js_literal(r.kind().as_str()));
    for (name, value) in &fields {
        out.push_str(&format!(", {name}: {}", js_literal(value)));
    }
    out.push_str(" }");
    Js(out)
}

/// A catalog name used as a property name without quotes.
fn is_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A code as a property name of the `ERRORS` object literal.
fn property_key(code: &Code) -> String {
    match code {
        Code::Int(n) => n.to_string(),
        // `__proto__: v` in an object literal sets the object's prototype
        // instead of making a property; a computed key makes a property.
        // (`__proto__` is a valid string code.)
        Code::Str(s) if s == "__proto__" => format!("[{}]", js_literal(s)),
        Code::Str(s) => js_literal(s),
    }
}

/// The value of a fact as the entry gives it, by the catalog's presence
/// of that fact: left out (`None`), the literal `null` where an optional
/// fact is not stated, or the value.
fn fact(
    p: Presence,
    value: Option<Js>,
    e: &ErrorEntry,
    name: &str,
) -> Result<Option<Js>, EmitError> {
    match (p, value) {
        (Presence::Never, _) => Ok(None),
        (Presence::Sometimes, v) => Ok(Some(v.unwrap_or_else(null))),
        (Presence::Always, Some(v)) => Ok(Some(v)),
        // The presence says every entry states it: this one must.
        (Presence::Always, None) => Err(EmitError(format!(
            "entry {} has no value for `{name}`, which every entry states",
            e.code
        ))),
    }
}

fn error_model(c: &Catalog, s: &Shape, e: &ErrorEntry) -> Result<ErrorModel, EmitError> {
    if !is_identifier(&e.name) {
        return Err(EmitError(format!(
            "error {}: name `{}` is not a TypeScript identifier",
            e.code, e.name
        )));
    }
    let appears_in = e
        .appears_in
        .as_ref()
        .map(|list| js(&list.iter().map(|a| a.as_str()).collect::<Vec<_>>()));
    Ok(ErrorModel {
        key: property_key(&e.code),
        code: js(&e.code),
        name: e.name.clone(),
        doc_lines: doc_lines(&entry_doc(c, e), "  ", ""),
        see_line: e
            .docs_url
            .as_deref()
            .map_or_else(String::new, |url| doc_lines(url, "  ", "see")),
        title: js(&e.title),
        group: fact(s.group, e.group.as_ref().map(js), e, "group")?,
        http_status: fact(
            s.http_status,
            e.http_status.as_ref().map(js),
            e,
            "http_status",
        )?,
        action: fact(s.action, e.action.as_ref().map(js), e, "action")?,
        platforms: fact(s.platforms, e.platforms.as_ref().map(js), e, "platforms")?,
        severity: fact(
            s.severity,
            e.severity.map(|v| js(v.as_str())),
            e,
            "severity",
        )?,
        appears_in: fact(s.appears_in, appears_in, e, "appears_in")?,
        retry: fact(s.retry, e.retry.as_ref().map(retry_literal), e, "retry")?,
        relink: fact(s.relink, e.relink.map(|v| js(v.as_str())), e, "relink")?,
        remedy: fact(s.remedy, e.remedy.map(|v| js(v.as_str())), e, "remedy")?,
        has_messages: s.messages.used(),
        messages: e.messages.iter().map(js).collect(),
        description: fact(
            s.description,
            e.description.as_ref().map(js),
            e,
            "description",
        )?,
        advice: fact(s.advice, e.advice.as_ref().map(js), e, "advice")?,
        has_subcodes: s.subcodes.used(),
        subcodes: e.subcodes.iter().map(subcode_model).collect(),
        has_cases: s.cases.used(),
        cases: e.cases.iter().map(case_model).collect(),
        superseded_by: js(&e.superseded_by),
        replaces: js(&e.replaces),
        replaced_by: js(&e.replaced_by),
        related: js(&e.related),
        retired: js(&e.retired),
        docs_url: fact(s.docs_url, e.docs_url.as_ref().map(js), e, "docs_url")?,
    })
}

fn subcode_model(s: &Subcode) -> SubcodeModel {
    SubcodeModel {
        code: js(&s.code),
        source: js(&s.source),
        upstream_field: js(&s.upstream_field),
        response_field: js(&s.response_field),
        description: js(&s.description),
        upstream_message: js(&s.upstream_message),
        message: js(&s.message),
        relink: js(&s.relink.map(|r| r.as_str())),
        retry_available: js(&s.retry_available),
        remedy: js(&s.remedy.map(|r| r.as_str())),
    }
}

fn case_model(k: &Case) -> CaseModel {
    CaseModel {
        id: js(&k.id),
        title: js(&k.title),
        signal: js(&k.signal),
        advice: js(&k.advice),
        message: js(&k.message),
        relink: js(&k.relink.map(|r| r.as_str())),
        remedy: js(&k.remedy.map(|r| r.as_str())),
    }
}

/// The doc comment of an `ErrorCode` member, as the Rust enum variant's.
fn entry_doc(c: &Catalog, e: &ErrorEntry) -> String {
    crate::emit::entry_summary(c, e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn literals_are_inert() {
        assert_eq!(js_literal("a</script>"), r#""a<\/script>""#);
        assert_eq!(js_literal("\u{2028}\u{2029}"), r#""\u2028\u2029""#);
        assert_eq!(js_literal("\u{202E}x"), r#""\u202ex""#);
        assert_eq!(js_literal("\"\\\n"), r#""\"\\\n""#);
        assert_eq!(js_literal(&json!(["a", 1, null])), r#"["a", 1, null]"#);
        assert_eq!(js_literal(&json!({})), "{}");
        assert_eq!(
            js_literal(&json!({"a": {}, "b": [], "c": {"<": "</"}})),
            r#"{ "a": {}, "b": [], "c": { "<": "<\/" } }"#
        );
    }

    #[test]
    fn docs_are_inert() {
        assert_eq!(doc_lines("a */ b", "", ""), " * a *\\/ b");
        assert_eq!(doc_lines("\nx\n\ny  \n", "  ", ""), "   * x\n   *\n   * y");
        assert_eq!(
            doc_lines("@see {@link x} a@b", "", ""),
            " * \\@see {\\@link x} a@b"
        );
        assert_eq!(doc_lines("u", "", "see"), " * @see u");
        assert_eq!(doc_lines(" \n", "", "see"), " * @see");
        assert_eq!(doc_lines("</script>\u{7}", "", ""), " * <\\/script>\\u0007");
    }

    /// Strings made mostly of what the escaping cares about.
    fn hostile_text() -> impl Strategy<Value = String> {
        crate::emit::hostile_text(
            &[
                "</", "*/", "@x", "{@", "\r\n", "\r", "\n\n", "\u{2028}", "\u{2029}", "\u{202e}",
                "\u{61c}",
            ],
            &[
                "[a-z <>/*@{}\"\\\\]{1,5}",
                "[\u{0}-\u{1f}\u{7f}\u{85}\u{a0}é日🚀 \t]{1,3}",
            ],
            16,
        )
    }

    fn hostile_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            hostile_text().prop_map(Value::from),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
                proptest::collection::vec((hostile_text(), inner), 0..4)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    /// The literal as first written: per value, from a `serde_json::Value`.
    fn js_literal_reference(v: &Value) -> String {
        match v {
            Value::Array(items) => {
                let items: Vec<String> = items.iter().map(js_literal_reference).collect();
                format!("[{}]", items.join(", "))
            }
            Value::Object(map) => {
                let items: Vec<String> = map
                    .iter()
                    .map(|(k, v)| {
                        format!("{}: {}", js_string_reference(k), js_literal_reference(v))
                    })
                    .collect();
                if items.is_empty() {
                    "{}".into()
                } else {
                    format!("{{ {} }}", items.join(", "))
                }
            }
            Value::String(s) => js_string_reference(s),
            other => serde_json::to_string(other).unwrap_or_default(),
        }
    }

    fn js_string_reference(s: &str) -> String {
        let json = serde_json::to_string(s).unwrap_or_default();
        let mut out = String::with_capacity(json.len());
        for ch in json.chars() {
            if is_line_separator(ch) || is_bidi_control(ch) {
                out.push_str(&format!("\\u{:04x}", ch as u32));
            } else if ch == '/' && out.ends_with('<') {
                out.push_str("\\/");
            } else {
                out.push(ch);
            }
        }
        out
    }

    /// The doc comment as first written: every line escaped into a list,
    /// blank ends dropped, then joined.
    fn doc_lines_reference(text: &str, indent: &str, tag: &str) -> String {
        let normalized = text.replace("\r\n", "\n");
        let mut lines: Vec<String> = normalized
            .split(['\n', '\r', '\u{2028}', '\u{2029}'])
            .map(|l| {
                let mut out = String::new();
                push_doc_line(&mut out, l.trim_end());
                out
            })
            .collect();
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
        let mut lines = lines.split_off(first.min(lines.len()));
        if lines.is_empty() {
            lines.push(String::new());
        }
        if !tag.is_empty() {
            lines[0] = format!("@{tag} {}", lines[0]).trim_end().to_string();
        }
        lines
            .iter()
            .map(|l| {
                if l.is_empty() {
                    format!("{indent} *")
                } else {
                    format!("{indent} * {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    proptest! {
        #[test]
        fn literals_match_the_value_based_writer(v in hostile_json()) {
            prop_assert_eq!(js_literal(&v), js_literal_reference(&v));
        }

        #[test]
        fn doc_lines_match_the_list_based_writer(
            text in hostile_text(),
            indent in prop_oneof![Just(""), Just("  ")],
            tag in prop_oneof![Just(""), Just("see")],
        ) {
            prop_assert_eq!(doc_lines(&text, indent, tag), doc_lines_reference(&text, indent, tag));
        }
    }
}
