//! Python: the catalog as the generated module of a typed package (the src
//! layout, `py.typed`, no runtime dependencies, Python 3.10 and later).
//!
//! Only `src/<module>/_generated/__init__.py` is generated ([`emit`]); the
//! directory around it, `src/<module>/_generated/`, is the writer's, so a
//! file it no longer writes there is removed. The package's own files
//! (`pyproject.toml`, `src/<module>/__init__.py`, `py.typed`, `README.md`)
//! are its publisher's: [`scaffold`] gives a first version of them, for
//! `errcat init` to write where none exists yet.
//!
//! The module mirrors the Rust emitter's rules: a fact no entry states is
//! left out of `ErrorInfo`, one some entries state is `X | None`, one every
//! entry states is plain, and support types come only with the facts they
//! serve. It comes from handlebars templates fed with small serializable
//! structs built from the IR. No catalog text reaches the output raw: string
//! literals are built by [`py_literal`] (the `py` helper) and docstrings by
//! [`docstring`] (the `doc` helper), which make it inert.
//!
//! The output is what `ruff format` (88 columns) makes of it, so a package
//! that formats its code with ruff can keep the generated module in its
//! checks. The parts that grow with the catalog are laid out here with
//! ruff's rules for the few shapes the module uses ([`Node`]); literals
//! keep only characters one column wide, so a line's width is its number
//! of characters, as ruff measures it.
//!
//! Paths are relative to the package root; [`crate::emit::emit_all`] puts
//! it under `generated/python`.

use handlebars::{Context, Handlebars, handlebars_helper};
use serde::Serialize;

use crate::emit::info_shape::{Lang, Shape, info_fields};
use crate::emit::{EmitError, header_line};
use crate::ir::{
    Appearance, Case, Catalog, Code, CodeKind, ErrorEntry, Presence, Relink, Remedy, RetryPolicy,
    Severity, Subcode,
};
use crate::writer::GeneratedFile;

/// The line width the module is laid out for: ruff's (and Black's) default.
pub const LINE_WIDTH: usize = 88;

/// The templates, by name: the module, and the two parts of it that are
/// rendered once per code.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "catalog.py",
        include_str!("../../templates/py/catalog.py.hbs"),
    ),
    ("member", include_str!("../../templates/py/member.py.hbs")),
    ("info", include_str!("../../templates/py/info.py.hbs")),
];

/// How many codes one worker renders at a time (see `par`).
const CODES_PER_BLOCK: usize = 250;

/// The package's directory under `src/` (`src/ayrshare_errors`).
pub fn package_dir(c: &Catalog) -> String {
    format!("src/{}", c.meta.python_module())
}

/// The directory `generate` owns, relative to the package root: the
/// generated module is a package of its own, so that this directory holds
/// nothing else and the package's hand-owned files sit beside it.
pub fn owned_dir(c: &Catalog) -> String {
    format!("{}/_generated", package_dir(c))
}

/// The generated module, relative to the package root.
pub fn module_path(c: &Catalog) -> String {
    format!("{}/__init__.py", owned_dir(c))
}

/// The generated module: the one file of the package that `generate`
/// owns.
pub fn emit(c: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    Ok(vec![GeneratedFile::new(module_path(c), catalog_py(c)?)])
}

/// A first version of the package's hand-owned files, relative to the
/// package root, sorted by path: with them and the generated module the
/// package builds on its own (`python -m build`). `generate` never writes
/// them, so their owners may change anything.
pub fn scaffold(c: &Catalog) -> Vec<GeneratedFile> {
    let dir = package_dir(c);
    vec![
        GeneratedFile::new(".gitignore", "/dist/\n__pycache__/\n"),
        GeneratedFile::new("README.md", readme_md(c)),
        GeneratedFile::new("pyproject.toml", pyproject_toml(c)),
        GeneratedFile::new(format!("{dir}/__init__.py"), init_py(c)),
        // PEP 561: the package ships its own types. Empty: every module is
        // typed.
        GeneratedFile::new(format!("{dir}/py.typed"), ""),
    ]
}

/// A TOML basic string.
fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The package manifest: hatchling from PyPI as the PEP 517 backend, the
/// src layout, Python 3.10 and later, no runtime dependencies. No licence:
/// that is the publisher's choice, which the README asks for.
pub fn pyproject_toml(c: &Catalog) -> String {
    let m = &c.meta;
    format!(
        r#"# Written once by `errcat init`; yours to edit. `name` and `version` must
# stay equal to `python_package` and `version` in the catalog (`errcat check`
# says when they are not). `errcat generate` writes only
# {owned}/.
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = {name}
version = {version}
description = {description}
readme = "README.md"
# The generated module runs on Python 3.10 and later (no enum.StrEnum, no
# typing.Self); the errcat tests type-check it for 3.10.
requires-python = ">=3.10"
dependencies = []
classifiers = [
    "Programming Language :: Python :: 3",
    "Typing :: Typed",
]
# Set before publishing: PyPI shows it, and users need it.
# license = "MIT OR Apache-2.0"

[tool.hatch.build.targets.wheel]
# The src layout: the import package, py.typed included.
packages = [{package}]
"#,
        owned = owned_dir(c),
        name = toml_str(&m.python_package),
        version = toml_str(&m.version),
        description = toml_str(&format!(
            "{} error codes, generated from its errcat catalog",
            m.title.replace(['\n', '\r'], " ")
        )),
        package = toml_str(&package_dir(c)),
    )
}

/// The import package: the generated module's public names, re-exported.
/// `__all__` is the generated module's own list, so a name a new version
/// of the catalog adds is exported too, and one it drops does not break
/// the import; hand-written modules add their names to it.
pub fn init_py(c: &Catalog) -> String {
    let m = &c.meta;
    let mut text = format!(
        "{} error codes, with everything the catalog says about each.\n\n\
         `_generated/` is written by `errcat generate` from the `{}` catalog; do\n\
         not edit it. This file is the package's own: export hand-written\n\
         modules from here too.",
        m.title, m.name
    );
    if let Some(e) = c.errors.first() {
        text.push_str(&format!(
            "\n\n>>> from {module} import ErrorCode, error_info, to_code\n\
             >>> error_info(ErrorCode.{name}).code\n\
             {repr}\n\
             >>> to_code({code}).name\n\
             '{name}'",
            module = m.python_module(),
            name = e.name,
            repr = member_repr(e),
            code = code_arg(&e.code),
        ));
    }
    format!(
        "{}\n\nfrom . import _generated\nfrom ._generated import *\n\n\
         __all__: list[str] = []\n__all__ += _generated.__all__\n",
        docstring(&text, 0)
    )
}

/// What the package is, and how to build and publish it.
pub fn readme_md(c: &Catalog) -> String {
    let m = &c.meta;
    let module = m.python_module();
    format!(
        "# {package}\n\
         \n\
         The error codes of {title} as a typed Python package: `ErrorCode` (an\n\
         enum of the codes), `to_code` (a known code, or one this version does\n\
         not know yet), and `ERRORS` / `error_info` with what the error catalog\n\
         says about each code. Python 3.10 or later; no dependencies.\n\
         \n\
         ```python\n\
         from {module} import to_code\n\
         \n\
         code = to_code(body[\"code\"])\n\
         if code.known:\n\
         \x20   print(code.name)\n\
         ```\n\
         \n\
         `src/{module}/_generated/` is generated by `errcat generate` from the\n\
         {name} catalog: do not edit it, change the catalog and generate again.\n\
         `errcat init` wrote the other files (`pyproject.toml`,\n\
         `src/{module}/__init__.py`, `py.typed` and this README) once; they\n\
         are yours to edit.\n\
         \n\
         ## Build\n\
         \n\
         ```sh\n\
         python -m pip install build\n\
         python -m build          # dist/*.whl and dist/*.tar.gz, with hatchling\n\
         ```\n\
         \n\
         ## Publish\n\
         \n\
         Add a `license` to `pyproject.toml` (its `version` is the catalog's,\n\
         {version}: `errcat check` keeps the two equal), then:\n\
         \n\
         ```sh\n\
         python -m pip install twine\n\
         python -m twine check dist/*\n\
         python -m twine upload dist/*\n\
         ```\n",
        // `_` is the one character of a distribution name that can be
        // Markdown syntax (emphasis).
        package = m.python_package.replace('_', "\\_"),
        title = md_inline(&m.title),
        name = format_args!("`{}`", m.name),
        version = format_args!("`{}`", m.version),
    )
}

/// Catalog text as inline Markdown that reads as the text: each ASCII
/// punctuation character backslash-escaped (CommonMark reads every such
/// escape as the character itself), line breaks and other controls as
/// spaces. Written here rather than borrowed from the Markdown emitter,
/// which a build may leave out.
fn md_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for ch in text.chars() {
        if ch.is_control() || matches!(ch, '\u{2028}' | '\u{2029}') {
            out.push(' ');
        } else {
            if ch.is_ascii_punctuation() {
                out.push('\\');
            }
            out.push(ch);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Literals and docstrings.

/// Characters a literal or docstring keeps as they are: printable, one
/// column wide wherever the source is shown (and as ruff measures it), with
/// no effect on the text around them. Everything else is written as an
/// escape, which Python reads back as the same character: controls, line
/// and paragraph separators, bidirectional and other invisible formatting
/// characters, combining marks, wide (East Asian, emoji) characters, and
/// whatever is not listed here. Kept: ASCII, Latin, Greek and Cyrillic
/// letters, and the common punctuation, currency and arrow blocks.
fn is_plain(ch: char) -> bool {
    matches!(
        ch,
        ' '..='~'
            // Latin-1 Supplement (without the soft hyphen), Latin
            // Extended-A and -B.
            | '\u{a1}'..='\u{ac}'
            | '\u{ae}'..='\u{24f}'
            // Greek and Coptic letters; Cyrillic without its combining marks.
            | '\u{386}'
            | '\u{388}'..='\u{38a}'
            | '\u{38c}'
            | '\u{38e}'..='\u{3a1}'
            | '\u{3a3}'..='\u{3ff}'
            | '\u{400}'..='\u{482}'
            | '\u{48a}'..='\u{52f}'
            // General Punctuation without the separators, bidirectional
            // controls and invisible operators: dashes, quotes, bullets,
            // the ellipsis, primes.
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205e}'
            // Currency symbols; arrows.
            | '\u{20a0}'..='\u{20c0}'
            | '\u{2190}'..='\u{21ff}'
    )
}

/// One character of a literal or docstring, escaped unless it is plain.
/// Escapes use lower-case hex, as `ruff format` writes them.
fn push_char(out: &mut String, ch: char) {
    match ch {
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if is_plain(c) => out.push(c),
        c => {
            let n = c as u32;
            let escape = if n < 0x100 {
                format!("\\x{n:02x}")
            } else if n < 0x1_0000 {
                format!("\\u{n:04x}")
            } else {
                format!("\\U{n:08x}")
            };
            out.push_str(&escape);
        }
    }
}

/// A Python string literal with the value `s`, that nothing in `s` can
/// end early or make mean anything else.
///
/// The quotes are the ones `ruff format` picks: double, unless the text
/// holds more double quotes than single ones; the chosen quote and the
/// backslash are escaped, and every character that is not [`is_plain`]
/// is written as an escape (`\n`, `\x07`, `\u202e`, `\U0001f680`). The
/// literal is one line, and its width is its number of characters.
pub fn py_literal(s: &str) -> String {
    let doubles = s.matches('"').count();
    let singles = s.matches('\'').count();
    let quote = if doubles > singles { '\'' } else { '"' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for ch in s.chars() {
        if ch == quote {
            out.push('\\');
            out.push(ch);
        } else {
            push_char(&mut out, ch);
        }
    }
    out.push(quote);
    out
}

/// Catalog text as a docstring (quotes included) for a statement indented
/// by `indent` spaces. Its lines are the text's lines (split at `\n`,
/// `\r\n`, `\r`, U+2028 and U+2029), trimmed, without blank lines at
/// either end; a text of one line gives a one-line docstring, a longer one
/// ends with the closing quotes on a line of their own.
///
/// The text cannot end the docstring or change the code around it: `\` and
/// `"` are escaped, so no `"""` can form, and every character that is not
/// [`is_plain`] is written as an escape. Trimming each line leaves nothing
/// for `ruff format` to re-indent.
pub fn docstring(text: &str, indent: usize) -> String {
    let lines: Vec<&str> = text
        .split('\n')
        .flat_map(|l| {
            let l = l.strip_suffix('\r').unwrap_or(l);
            l.split(['\r', '\u{2028}', '\u{2029}'])
        })
        .map(str::trim)
        .collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    let lines = match (first, last) {
        (Some(f), Some(l)) => &lines[f..=l],
        // An empty docstring is not what ruff leaves (it writes `""" """`);
        // no caller passes empty text, but a blank one must stay valid.
        _ => &["(no text)"][..],
    };
    let pad = " ".repeat(indent);
    let mut out = String::from("\"\"\"");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&pad);
            }
        }
        for ch in line.chars() {
            if ch == '"' {
                out.push_str("\\\"");
            } else {
                push_char(&mut out, ch);
            }
        }
    }
    if lines.len() > 1 {
        out.push('\n');
        out.push_str(&pad);
    }
    out.push_str("\"\"\"");
    out
}

/// Text for a `#` comment: a line break would end it.
fn comment_line(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Layout: the shapes of Python the module's data is written in, laid out as
// `ruff format` lays them out.

/// A Python expression the layout knows how to break.
#[derive(Debug, Clone)]
enum Node {
    /// Cannot be broken: a literal, a name, `Enum.Member`.
    Atom(String),
    /// A tuple display.
    Tuple(Vec<Node>),
    /// A call with keyword arguments. `exploded` ones are written one
    /// argument a line with a trailing comma, which ruff keeps (the "magic
    /// trailing comma"), however short they are.
    Call {
        callee: &'static str,
        args: Vec<(&'static str, Node)>,
        exploded: bool,
    },
}

fn atom(s: impl Into<String>) -> Node {
    Node::Atom(s.into())
}

/// `None`, or the value.
fn optional(v: Option<Node>) -> Node {
    v.unwrap_or_else(|| atom("None"))
}

/// The string literal of `s`.
fn lit(s: &str) -> Node {
    atom(py_literal(s))
}

impl Node {
    /// The expression on one line, if it can be: a call written exploded
    /// cannot.
    fn flat(&self) -> Option<String> {
        match self {
            Node::Atom(s) => Some(s.clone()),
            Node::Tuple(items) => {
                let parts = items.iter().map(Node::flat).collect::<Option<Vec<_>>>()?;
                Some(match parts.as_slice() {
                    [one] => format!("({one},)"),
                    _ => format!("({})", parts.join(", ")),
                })
            }
            Node::Call {
                callee,
                args,
                exploded,
            } => {
                if *exploded && !args.is_empty() {
                    return None;
                }
                let parts = args
                    .iter()
                    .map(|(k, v)| v.flat().map(|v| format!("{k}={v}")))
                    .collect::<Option<Vec<_>>>()?;
                Some(format!("{callee}({})", parts.join(", ")))
            }
        }
    }

    /// Writes `head`, the expression and `tail` at `indent`, one line when
    /// that fits in [`LINE_WIDTH`], broken as ruff breaks it when not:
    ///
    /// - a tuple puts each item on a line of its own, with a trailing
    ///   comma;
    /// - a call puts all its arguments on one line between the brackets
    ///   when they fit there (or when there is only one), and each on a
    ///   line of its own with a trailing comma when not.
    ///
    /// An atom too long for its line stays on it: ruff never splits one.
    /// Widths count characters, which [`py_literal`] makes exact.
    fn layout(&self, indent: usize, head: &str, tail: &str, out: &mut String) {
        let pad = " ".repeat(indent);
        if let Some(flat) = self.flat() {
            let width = indent + chars(head) + chars(&flat) + chars(tail);
            if width <= LINE_WIDTH || matches!(self, Node::Atom(_)) {
                push_line(out, &format!("{pad}{head}{flat}{tail}"));
                return;
            }
        }
        match self {
            Node::Atom(_) => {}
            Node::Tuple(items) => {
                push_line(out, &format!("{pad}{head}("));
                for item in items {
                    item.layout(indent + 4, "", ",", out);
                }
                push_line(out, &format!("{pad}){tail}"));
            }
            Node::Call {
                callee,
                args,
                exploded,
            } => {
                push_line(out, &format!("{pad}{head}{callee}("));
                let flat_args = args
                    .iter()
                    .map(|(k, v)| match v {
                        Node::Atom(a) => Some(format!("{k}={a}")),
                        _ => None,
                    })
                    .collect::<Option<Vec<_>>>()
                    .map(|a| a.join(", "));
                match flat_args {
                    Some(line)
                        if !exploded
                            && (args.len() == 1 || indent + 4 + chars(&line) <= LINE_WIDTH) =>
                    {
                        push_line(out, &format!("{pad}    {line}"));
                    }
                    _ => {
                        for (k, v) in args {
                            v.layout(indent + 4, &format!("{k}="), ",", out);
                        }
                    }
                }
                push_line(out, &format!("{pad}){tail}"));
            }
        }
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn push_line(out: &mut String, line: &str) {
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(line);
}

/// `node` laid out as the value of `head` at `indent`.
fn laid_out(node: &Node, indent: usize, head: &str, tail: &str) -> String {
    let mut out = String::new();
    node.layout(indent, head, tail, &mut out);
    out
}

/// An assignment of a literal at `indent`, as ruff writes it: on one line
/// when it fits, else with the literal alone in parentheses on the next
/// line when it fits there, else on one line after all. The first line is
/// not indented (the template indents it).
fn assign_literal(indent: usize, target: &str, literal: &str) -> String {
    let line = format!("{target} = {literal}");
    if indent + chars(&line) <= LINE_WIDTH || indent + 4 + chars(literal) > LINE_WIDTH {
        line
    } else {
        let pad = " ".repeat(indent);
        format!("{target} = (\n{pad}    {literal}\n{pad})")
    }
}

/// `__all__` in the order ruff's RUF022 wants (its "isort-style" sort):
/// SCREAMING_SNAKE_CASE names, then CamelCase ones, then the rest, each
/// group in alphabetical order (no name here has digits for its "natural"
/// order to differ).
fn sort_all(names: &mut [String]) {
    let rank = |s: &str| {
        if s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        {
            0
        } else if s.starts_with(|c: char| c.is_ascii_uppercase()) {
            1
        } else {
            2
        }
    };
    names.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.cmp(b)));
}

// ---------------------------------------------------------------------------
// Names.

/// Python's keywords that a PascalCase catalog name can be. The validator
/// rejects `True` and `False` (reserved in TypeScript too); `None` is not
/// reserved there.
const PASCAL_KEYWORDS: &[&str] = &["None", "True", "False"];

/// Every Python keyword, for the import name.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// A catalog name used as a Python identifier (an enum member).
fn check_name(name: &str, what: &str) -> Result<(), EmitError> {
    if PASCAL_KEYWORDS.contains(&name) {
        return Err(EmitError(format!(
            "{what} is named `{name}`, a keyword in Python; rename it in the catalog"
        )));
    }
    Ok(())
}

/// The import name, which must be an identifier that is not a keyword.
fn check_module(c: &Catalog) -> Result<String, EmitError> {
    let module = c.meta.python_module();
    let identifier = module.starts_with(|ch: char| ch.is_ascii_alphabetic() || ch == '_')
        && module
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '_');
    if !identifier || KEYWORDS.contains(&module.as_str()) {
        return Err(EmitError(format!(
            "python_package `{}` gives the import name `{module}`, which is not a Python identifier; set another `python_package` in the catalog",
            c.meta.python_package
        )));
    }
    Ok(module)
}

/// `REQUIRED` for `required`: the member name of a closed word.
fn word_ident(word: &str) -> String {
    word.replace('-', "_").to_ascii_uppercase()
}

/// The code as Python source (`435`, `'23505'`). String codes are ASCII
/// letters, digits, `_`, `-` and `.`, so single quotes hold any of them as
/// they are: that is how `repr` writes them in doctest output.
fn code_arg(code: &Code) -> String {
    match code {
        Code::Int(n) => n.to_string(),
        Code::Str(s) => format!("'{s}'"),
    }
}

/// `repr` of an `ErrorCode` member: `<ErrorCode.Name: 435>`.
fn member_repr(e: &ErrorEntry) -> String {
    format!("<ErrorCode.{}: {}>", e.name, code_arg(&e.code))
}

// ---------------------------------------------------------------------------
// The template's data. Every list is in a fixed order (the IR's).

#[derive(Serialize)]
struct Model {
    header: String,
    module_doc: String,
    retry: bool,
    typing_imports: String,
    /// `__all__`, sorted.
    all: Vec<String>,
    consts: Vec<Const>,
    word_types: Vec<WordType>,
    subcodes: Option<SubcodeDoc>,
    cases: bool,
    /// `HTTP_STATUSES = (...)`, laid out; empty without statuses.
    statuses: String,
    groups: Option<GroupsModel>,
    platforms: Option<PlatformsModel>,
    code: CodeModel,
    /// The `ErrorCode` members (`member.py.hbs`), a block of codes a string.
    members: Vec<String>,
    info_fields: Vec<InfoFieldModel>,
    methods: MethodsModel,
    has_errors: bool,
    /// The `ERRORS` entries (`info.py.hbs`), a block of codes a string.
    infos: Vec<String>,
}

/// A module-level constant: its laid-out assignment and its docstring.
#[derive(Serialize)]
struct Const {
    text: String,
    doc: String,
}

#[derive(Serialize)]
struct WordType {
    name: &'static str,
    doc: String,
    members: Vec<Member>,
}

/// An enum member: its assignment (`Name = "value"`, laid out at the
/// class's indentation) and its docstring.
#[derive(Serialize)]
struct Member {
    assign: String,
    doc: String,
}

fn member(ident: &str, value: &str, doc: String) -> Member {
    Member {
        assign: assign_literal(4, ident, value),
        doc,
    }
}

#[derive(Serialize)]
struct SubcodeDoc {
    /// The docstring of `Subcode.source`.
    source_doc: String,
}

#[derive(Serialize)]
struct GroupsModel {
    members: Vec<Member>,
    /// `GROUPS = (...)`, laid out.
    infos: String,
}

#[derive(Serialize)]
struct PlatformsModel {
    members: Vec<Member>,
    /// `PLATFORM_TITLES = ...`, laid out.
    titles: String,
}

/// What differs between integer and string codes in the module's text.
#[derive(Serialize)]
struct CodeModel {
    /// String codes.
    text: bool,
    /// The enum `ErrorCode` derives from.
    base: &'static str,
    /// The Python type of a code from a response.
    ty: &'static str,
    /// "a number" or "a code".
    noun: &'static str,
    /// How an `UnknownCode` keeps the value.
    unknown_kept: &'static str,
    /// A name from the catalog for doc text.
    example_name: String,
    /// The docstring of `to_code`, with codes from the catalog.
    to_code_doc: String,
}

#[derive(Serialize)]
struct InfoFieldModel {
    name: &'static str,
    ty: String,
    doc: String,
}

/// Which variant of each `ErrorInfo` method the module has, if any.
#[derive(Serialize)]
struct MethodsModel {
    retry_always: bool,
    retry_sometimes: bool,
    relink_always: bool,
    relink_sometimes: bool,
}

/// One code's data for `member.py.hbs` and `info.py.hbs`.
#[derive(Serialize)]
struct ErrorModel {
    name: String,
    /// `Name = code`, laid out.
    assign: String,
    doc: String,
    /// Finished keyword arguments of its `ErrorInfo(...)`, each `name=value,`
    /// at the entry's indentation (possibly several lines).
    args: Vec<String>,
}

handlebars_helper!(py_helper: |s: str| py_literal(s));

/// The generated module.
pub fn catalog_py(c: &Catalog) -> Result<String, EmitError> {
    check_module(c)?;
    let mut reg = Handlebars::new();
    reg.register_escape_fn(handlebars::no_escape);
    reg.set_strict_mode(true);
    reg.register_helper("py", Box::new(py_helper));
    for (name, text) in TEMPLATES {
        reg.register_template_string(name, *text)
            .map_err(|e| EmitError(format!("Python template `{name}` does not parse: {e}")))?;
    }
    let model = model(c, &reg)?;
    reg.render("catalog.py", &model)
        .map_err(|e| EmitError(format!("cannot render the Python module: {e}")))
}

fn render_error(e: handlebars::RenderError) -> EmitError {
    EmitError(format!("cannot render the Python module: {e}"))
}

/// The `ErrorCode` members and the `ERRORS` entries, in code order, in
/// blocks of [`CODES_PER_BLOCK`] codes rendered on every core, each code
/// with data of its own (as the TypeScript emitter does, for the same
/// reasons: handlebars looks names up from the root of the data, and keeps
/// an 8 KiB buffer per rendered text).
fn code_parts(c: &Catalog, reg: &Handlebars) -> Result<(Vec<String>, Vec<String>), EmitError> {
    let shape = Shape::of(c);
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
        || EmitError("rendering Python entries panicked".to_string()),
    )?;
    Ok(parts.into_iter().unzip())
}

/// The value of a fact as the entry gives it, by the catalog's presence
/// of that fact: left out (`None`), `None` in Python where an optional
/// fact is not stated, or the value.
fn fact(
    p: Presence,
    value: Option<Node>,
    e: &ErrorEntry,
    name: &str,
) -> Result<Option<Node>, EmitError> {
    match (p, value) {
        (Presence::Never, _) => Ok(None),
        (Presence::Sometimes, v) => Ok(Some(optional(v))),
        (Presence::Always, Some(v)) => Ok(Some(v)),
        // The presence says every entry states it: this one must.
        (Presence::Always, None) => Err(EmitError(format!(
            "entry {} has no value for `{name}`, which every entry states",
            e.code
        ))),
    }
}

/// `ErrorCode.Name` for each code. Validation checks every reference, so
/// each is a code of the catalog; were one not, `ErrorCode(code)` would
/// say which at import time rather than the emitter failing here.
fn code_refs(c: &Catalog, codes: &[Code]) -> Node {
    Node::Tuple(
        codes
            .iter()
            .map(|k| {
                atom(match c.entry(k) {
                    Some(e) => format!("ErrorCode.{}", e.name),
                    None => format!("ErrorCode({})", code_arg(k)),
                })
            })
            .collect(),
    )
}

fn word(ty: &str, w: &str) -> Node {
    atom(format!("{ty}.{}", word_ident(w)))
}

fn retry_node(r: &RetryPolicy) -> Node {
    let (callee, args): (&'static str, Vec<(&'static str, Node)>) = match r {
        RetryPolicy::Never => ("RetryNever", vec![]),
        RetryPolicy::Backoff { min_delay_secs } => (
            "RetryBackoff",
            vec![(
                "min_delay_secs",
                optional(min_delay_secs.map(|s| atom(s.to_string()))),
            )],
        ),
        RetryPolicy::AfterDelay { field, format } => (
            "RetryAfterDelay",
            vec![("delay_field", lit(field)), ("delay_format", lit(format))],
        ),
        RetryPolicy::AfterEvent { event } => ("RetryAfterEvent", vec![("event", lit(event))]),
        RetryPolicy::FailedPlatforms => ("RetryFailedPlatforms", vec![]),
    };
    Node::Call {
        callee,
        args,
        exploded: false,
    }
}

fn relink_node(r: Option<Relink>) -> Node {
    optional(r.map(|r| word("Relink", r.as_str())))
}

fn remedy_node(r: Option<Remedy>) -> Node {
    optional(r.map(|r| word("Remedy", r.as_str())))
}

fn subcode_node(s: &Subcode) -> Node {
    Node::Call {
        callee: "Subcode",
        args: vec![
            ("code", atom(s.code.to_string())),
            ("source", lit(&s.source)),
            ("upstream_field", lit(&s.upstream_field)),
            (
                "response_field",
                optional(s.response_field.as_deref().map(lit)),
            ),
            ("description", lit(&s.description)),
            (
                "upstream_message",
                optional(s.upstream_message.as_deref().map(lit)),
            ),
            ("message", optional(s.message.as_deref().map(lit))),
            ("relink", relink_node(s.relink)),
            (
                "retry_available",
                optional(s.retry_available.map(|b| atom(py_bool(b)))),
            ),
            ("remedy", remedy_node(s.remedy)),
        ],
        exploded: true,
    }
}

fn case_node(k: &Case) -> Node {
    Node::Call {
        callee: "Case",
        args: vec![
            ("id", lit(&k.id)),
            ("title", lit(&k.title)),
            ("signal", lit(&k.signal)),
            ("advice", lit(&k.advice)),
            ("message", optional(k.message.as_deref().map(lit))),
            ("relink", relink_node(k.relink)),
            ("remedy", remedy_node(k.remedy)),
        ],
        exploded: true,
    }
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// The platform ids of an entry as `Platform.Name`.
fn platform_refs(c: &Catalog, ids: &[String]) -> Node {
    Node::Tuple(
        ids.iter()
            .map(|id| {
                atom(match c.platforms.iter().find(|p| &p.id == id) {
                    Some(p) => format!("Platform.{}", p.name),
                    None => format!("Platform({})", py_literal(id)),
                })
            })
            .collect(),
    )
}

/// The indentation of an `ErrorInfo(...)` argument inside `ERRORS`.
const ARG_INDENT: usize = 12;

fn error_model(c: &Catalog, s: &Shape, e: &ErrorEntry) -> Result<ErrorModel, EmitError> {
    check_name(&e.name, &format!("error {}", e.code))?;
    let group_ref = |id: &String| {
        atom(match c.group(id) {
            Some(g) => format!("Group.{}", g.name),
            None => format!("Group({})", py_literal(id)),
        })
    };
    let mut args: Vec<(&'static str, Option<Node>)> = vec![
        ("code", Some(atom(format!("ErrorCode.{}", e.name)))),
        ("name", Some(lit(&e.name))),
        ("title", Some(lit(&e.title))),
        (
            "group",
            fact(s.group, e.group.as_ref().map(group_ref), e, "group")?,
        ),
        (
            "http_status",
            fact(
                s.http_status,
                e.http_status.map(|h| atom(h.to_string())),
                e,
                "http_status",
            )?,
        ),
        (
            "action",
            fact(s.action, e.action.as_deref().map(lit), e, "action")?,
        ),
        (
            "platforms",
            fact(
                s.platforms,
                e.platforms.as_deref().map(|p| platform_refs(c, p)),
                e,
                "platforms",
            )?,
        ),
        (
            "severity",
            fact(
                s.severity,
                e.severity.map(|v| word("Severity", v.as_str())),
                e,
                "severity",
            )?,
        ),
        (
            "appears_in",
            fact(
                s.appears_in,
                e.appears_in.as_ref().map(|list| {
                    Node::Tuple(
                        list.iter()
                            .map(|a| word("Appearance", a.as_str()))
                            .collect(),
                    )
                }),
                e,
                "appears_in",
            )?,
        ),
        (
            "retry",
            fact(s.retry, e.retry.as_ref().map(retry_node), e, "retry")?,
        ),
        (
            "relink",
            fact(
                s.relink,
                e.relink.map(|v| word("Relink", v.as_str())),
                e,
                "relink",
            )?,
        ),
        (
            "remedy",
            fact(
                s.remedy,
                e.remedy.map(|v| word("Remedy", v.as_str())),
                e,
                "remedy",
            )?,
        ),
        (
            "messages",
            s.messages
                .used()
                .then(|| Node::Tuple(e.messages.iter().map(|m| lit(m)).collect())),
        ),
        (
            "description",
            fact(
                s.description,
                e.description.as_deref().map(lit),
                e,
                "description",
            )?,
        ),
        (
            "advice",
            fact(s.advice, e.advice.as_deref().map(lit), e, "advice")?,
        ),
        (
            "subcodes",
            s.subcodes
                .used()
                .then(|| Node::Tuple(e.subcodes.iter().map(subcode_node).collect())),
        ),
        (
            "cases",
            s.cases
                .used()
                .then(|| Node::Tuple(e.cases.iter().map(case_node).collect())),
        ),
        ("superseded_by", Some(code_refs(c, &e.superseded_by))),
        ("replaces", Some(code_refs(c, &e.replaces))),
        ("replaced_by", Some(code_refs(c, &e.replaced_by))),
        ("related", Some(code_refs(c, &e.related))),
        ("retired", Some(optional(e.retired.as_deref().map(lit)))),
        (
            "docs_url",
            fact(s.docs_url, e.docs_url.as_deref().map(lit), e, "docs_url")?,
        ),
    ];
    args.retain(|(_, v)| v.is_some());
    let mut doc = crate::emit::entry_summary(c, e);
    if let Some(url) = &e.docs_url {
        doc.push_str(&format!("\n\nReference: {url}"));
    }
    Ok(ErrorModel {
        name: e.name.clone(),
        assign: assign_literal(
            4,
            &e.name,
            &match &e.code {
                Code::Int(n) => n.to_string(),
                Code::Str(s) => py_literal(s),
            },
        ),
        doc: docstring(&doc, 4),
        args: args
            .into_iter()
            .filter_map(|(name, v)| v.map(|v| laid_out(&v, ARG_INDENT, &format!("{name}="), ",")))
            .collect(),
    })
}

/// A module-level constant with its docstring.
fn constant(target: &str, literal: &str, doc: &str) -> Const {
    Const {
        text: assign_literal(0, target, literal),
        doc: docstring(doc, 0),
    }
}

fn model(c: &Catalog, reg: &Handlebars) -> Result<Model, EmitError> {
    let m = &c.meta;
    let f = &c.facts;
    let shape = Shape::of(c);
    let refined = f.subcodes.used() || f.cases.used();
    let (members, infos) = code_parts(c, reg)?;

    let mut consts = vec![
        constant(
            "CATALOG_NAME: Final",
            &py_literal(&m.name),
            "Machine name of the catalog.",
        ),
        constant(
            "CATALOG_TITLE: Final",
            &py_literal(&m.title),
            "Human name of the API.",
        ),
        constant(
            "CATALOG_VERSION: Final",
            &py_literal(&m.version),
            "Version of the catalog this module was generated from.",
        ),
    ];
    if let Some(url) = &m.docs_url {
        consts.push(constant(
            "DOCS_URL: Final",
            &py_literal(url),
            "Base URL of the reference documentation.",
        ));
    }
    consts.push(Const {
        // Upper-case hex digits, as ruff writes them.
        text: format!(
            "CATALOG_FINGERPRINT: Final = 0x{:016X}",
            crate::emit::fingerprint(c)
        ),
        doc: docstring(
            "Identifies the codes, names and facts this module was generated from:\n\
             the `CATALOG_FINGERPRINT` of the Rust crate generated from the same\n\
             catalog (and, in hex, the TypeScript package's).",
            0,
        ),
    });
    if c.envelope.declared {
        consts.push(constant(
            "CODE_FIELD: Final",
            &py_literal(&c.envelope.code_field),
            "The field of an error object that holds its code.",
        ));
        let keys =
            crate::envelope::envelope_keys(&c.envelope, c.fields.iter().map(|f| f.name.as_str()));
        consts.push(Const {
            text: laid_out(
                &Node::Tuple(keys.iter().map(|k| lit(k)).collect()),
                0,
                "ENVELOPE_KEYS: Final[tuple[str, ...]] = ",
                "",
            ),
            doc: docstring(
                "Top-level keys of a response body that belong to its envelope: any\n\
                 other key that is not a platform id is an endpoint's own.",
                0,
            ),
        });
    }

    let mut word_types = Vec::new();
    let mut word_type = |name: &'static str, doc: &str, words: &[&str]| {
        word_types.push(WordType {
            name,
            doc: docstring(doc, 4),
            members: words
                .iter()
                .map(|w| member(&word_ident(w), &py_literal(w), String::new()))
                .collect(),
        });
    };
    if f.severity.used() {
        word_type(
            "Severity",
            "Whether a response failed or succeeded with a note.",
            Severity::WORDS,
        );
    }
    if f.appears_in.used() {
        word_type(
            "Appearance",
            "Where an error object sits in a response body.",
            Appearance::WORDS,
        );
    }
    // Sub-codes and cases refine the relink requirement and the remedy.
    if f.relink.used() || refined {
        word_type(
            "Relink",
            "Whether the end user must unlink and relink their account.",
            Relink::WORDS,
        );
    }
    if f.remedy.used() || refined {
        word_type(
            "Remedy",
            "What a program should do about an error.",
            Remedy::WORDS,
        );
    }

    let statuses = if c.http_statuses.is_empty() {
        String::new()
    } else {
        let items = c
            .http_statuses
            .iter()
            .map(|h| Node::Call {
                callee: "HttpStatus",
                args: vec![
                    ("code", atom(h.code.to_string())),
                    ("meaning", lit(&h.meaning)),
                    ("success", atom(py_bool(h.success))),
                ],
                exploded: false,
            })
            .collect();
        // Exploded whatever its length, as a list of entries reads best.
        exploded_tuple("HTTP_STATUSES: Final[tuple[HttpStatus, ...]] = ", items)
    };

    let groups = if c.groups.is_empty() {
        None
    } else {
        let mut group_members = Vec::new();
        let mut infos = Vec::new();
        for g in &c.groups {
            check_name(&g.name, &format!("group `{}`", g.id))?;
            let mut text = format!("{} (`{}`).", g.title, g.id);
            if let Some(d) = &g.description {
                text.push_str("\n\n");
                text.push_str(d);
            }
            group_members.push(member(&g.name, &py_literal(&g.id), docstring(&text, 4)));
            infos.push(Node::Call {
                callee: "GroupInfo",
                args: vec![
                    ("id", atom(format!("Group.{}", g.name))),
                    ("title", lit(&g.title)),
                    ("description", optional(g.description.as_deref().map(lit))),
                    ("codes", code_refs(c, &g.codes)),
                ],
                exploded: true,
            });
        }
        Some(GroupsModel {
            members: group_members,
            infos: exploded_tuple("GROUPS: Final[tuple[GroupInfo, ...]] = ", infos),
        })
    };

    // An entry may state "no platform in particular" (`[]`) in a catalog
    // that lists none: `Platform` is then an enum without members.
    let platforms = if c.platforms.is_empty() && !shape.platforms.used() {
        None
    } else {
        let mut platform_members = Vec::new();
        let mut titles = String::new();
        for p in &c.platforms {
            check_name(&p.name, &format!("platform `{}`", p.id))?;
            platform_members.push(member(
                &p.name,
                &py_literal(&p.id),
                docstring(&format!("{} (`{}`).", p.title, p.id), 4),
            ));
            push_line(
                &mut titles,
                &laid_out(&lit(&p.title), 8, &format!("Platform.{}: ", p.name), ","),
            );
        }
        let head = "PLATFORM_TITLES: Final[Mapping[Platform, str]] = MappingProxyType(";
        Some(PlatformsModel {
            members: platform_members,
            titles: if titles.is_empty() {
                format!("{head}{{}})")
            } else {
                format!("{head}\n    {{\n{titles}\n    }}\n)")
            },
        })
    };

    let mut all: Vec<String> = [
        "CATALOG_FINGERPRINT",
        "CATALOG_NAME",
        "CATALOG_TITLE",
        "CATALOG_VERSION",
        "Code",
        "ERRORS",
        "ErrorCode",
        "ErrorInfo",
        "KnownCode",
        "UnknownCode",
        "error_code_from_name",
        "error_info",
        "to_code",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut add = |names: &[&str]| all.extend(names.iter().map(|s| s.to_string()));
    if m.docs_url.is_some() {
        add(&["DOCS_URL"]);
    }
    if c.envelope.declared {
        add(&["CODE_FIELD", "ENVELOPE_KEYS"]);
    }
    for w in &word_types {
        add(&[w.name]);
    }
    if f.retry.used() {
        add(&[
            "RetryAfterDelay",
            "RetryAfterEvent",
            "RetryBackoff",
            "RetryFailedPlatforms",
            "RetryNever",
            "RetryPolicy",
        ]);
    }
    if f.subcodes.used() {
        add(&["Subcode"]);
    }
    if f.cases.used() {
        add(&["Case"]);
    }
    if !c.http_statuses.is_empty() {
        add(&["HTTP_STATUSES", "HttpStatus"]);
    }
    if groups.is_some() {
        add(&["GROUPS", "Group", "GroupInfo", "group_info"]);
    }
    if platforms.is_some() {
        add(&["PLATFORM_TITLES", "Platform"]);
    }
    sort_all(&mut all);

    let mut typing = Vec::new();
    if f.retry.used() {
        typing.push("ClassVar");
    }
    typing.extend(["Final", "Literal", "TypeAlias"]);

    let mut module_doc = m.title.clone();
    if let Some(d) = &m.description {
        module_doc.push_str("\n\n");
        module_doc.push_str(d);
    }
    module_doc.push_str(
        "\n\nThe catalog's data, and the types that describe it. Import them from the\n\
         package itself rather than from this module.",
    );

    Ok(Model {
        header: comment_line(&header_line(c)),
        module_doc: docstring(&module_doc, 0),
        retry: f.retry.used(),
        typing_imports: typing.join(", "),
        all,
        consts,
        word_types,
        subcodes: f.subcodes.used().then(|| {
            let source = c
                .errors
                .iter()
                .find_map(|e| e.subcodes.first())
                .map_or("", |s| s.source.as_str());
            SubcodeDoc {
                source_doc: docstring(&format!("Whose code it is (`{source}`)."), 4),
            }
        }),
        cases: f.cases.used(),
        statuses,
        groups,
        platforms,
        code: code_model(c),
        members,
        info_fields: info_fields(&shape, Lang::Python)
            .into_iter()
            .map(|field| {
                let optional = field.presence == Presence::Sometimes;
                InfoFieldModel {
                    name: field.name,
                    ty: if optional {
                        format!("{} | None", field.ty)
                    } else {
                        field.ty.to_string()
                    },
                    doc: docstring(
                        if optional {
                            field.doc_optional
                        } else {
                            field.doc
                        },
                        4,
                    ),
                }
            })
            .collect(),
        methods: MethodsModel {
            retry_always: f.retry == Presence::Always,
            retry_sometimes: f.retry == Presence::Sometimes,
            relink_always: f.relink == Presence::Always,
            relink_sometimes: f.relink == Presence::Sometimes,
        },
        has_errors: !c.errors.is_empty(),
        infos,
    })
}

/// `head` and a tuple of `items`, one a line, with the trailing comma ruff
/// keeps (an empty tuple is `()`).
fn exploded_tuple(head: &str, items: Vec<Node>) -> String {
    if items.is_empty() {
        return format!("{head}()");
    }
    let mut out = format!("{head}(");
    for item in &items {
        push_line(&mut out, &laid_out(item, 4, "", ","));
    }
    push_line(&mut out, ")");
    out
}

/// A code that is not in the catalog, for doc examples: 999, or the next
/// free number; `ZZ999`, or that with `x` appended until it is free.
fn unknown_code(c: &Catalog) -> Code {
    match c.code_kind {
        CodeKind::Int => {
            let mut n: u32 = 999;
            while c.entry(&Code::Int(n)).is_some() {
                n = n.wrapping_add(1);
            }
            Code::Int(n)
        }
        CodeKind::Str => {
            let mut s = String::from("ZZ999");
            while c.entry(&Code::Str(s.clone())).is_some() {
                s.push('x');
            }
            Code::Str(s)
        }
    }
}

fn code_model(c: &Catalog) -> CodeModel {
    let first = c.errors.first();
    let example_name = first.map_or_else(|| "Name".to_string(), |e| e.name.clone());
    let text = c.code_kind == CodeKind::Str;
    let (noun, what) = if text {
        ("a code", "a `str`")
    } else {
        ("a number", "an `int` (a `bool` never is one)")
    };
    let mut doc = format!(
        "The `Code` for {noun} from a response: a `KnownCode` when the catalog\n\
         has it, else an `UnknownCode` that keeps the value.\n\n\
         Never raises. A value that is not {what} is no code of this\n\
         catalog: it comes back as an `UnknownCode` holding the value as it was\n\
         given, converted to nothing."
    );
    let unknown = code_arg(&unknown_code(c));
    if let Some(e) = first {
        doc.push_str(&format!(
            "\n\n>>> to_code({code})\n\
             KnownCode(known=True, code={repr}, name='{name}')\n\
             >>> to_code({unknown})\n\
             UnknownCode(known=False, code={unknown}, name=None)",
            code = code_arg(&e.code),
            repr = member_repr(e),
            name = e.name,
        ));
    } else {
        doc.push_str(&format!(
            "\n\n>>> to_code({unknown})\n\
             UnknownCode(known=False, code={unknown}, name=None)"
        ));
    }
    CodeModel {
        text,
        base: if text { "_StrEnum" } else { "enum.IntEnum" },
        ty: if text { "str" } else { "int" },
        noun,
        unknown_kept: if text {
            "its text as it was"
        } else {
            "its number as it was"
        },
        example_name,
        to_code_doc: docstring(&doc, 4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads a literal written by [`py_literal`] back, as Python would:
    /// the escapes it writes, and nothing else. `None` when the literal is
    /// not one line between matching quotes with only those escapes.
    fn read_literal(lit: &str) -> Option<String> {
        let quote = lit.chars().next()?;
        if !matches!(quote, '"' | '\'') || !lit.ends_with(quote) || lit.chars().count() < 2 {
            return None;
        }
        let body = &lit[1..lit.len() - 1];
        let mut out = String::new();
        let mut chars = body.chars();
        while let Some(ch) = chars.next() {
            match ch {
                '\\' => {
                    let e = chars.next()?;
                    let hex = |n: usize, chars: &mut std::str::Chars| -> Option<char> {
                        let digits: String = chars.by_ref().take(n).collect();
                        (digits.len() == n && digits.chars().all(|d| d.is_ascii_hexdigit()))
                            .then(|| u32::from_str_radix(&digits, 16).ok())
                            .flatten()
                            .and_then(char::from_u32)
                    };
                    out.push(match e {
                        '\\' => '\\',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        '"' | '\'' => e,
                        'x' => hex(2, &mut chars)?,
                        'u' => hex(4, &mut chars)?,
                        'U' => hex(8, &mut chars)?,
                        _ => return None,
                    });
                }
                c if c == quote || !is_plain(c) => return None,
                c => out.push(c),
            }
        }
        Some(out)
    }

    #[test]
    fn literals_are_inert() {
        assert_eq!(py_literal("plain"), "\"plain\"");
        assert_eq!(py_literal("say \"no\""), "'say \"no\"'");
        // More double quotes than single ones: single quotes, as ruff
        // picks them.
        assert_eq!(py_literal("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(py_literal("a\"b'c"), "\"a\\\"b'c\"");
        assert_eq!(py_literal("a\\b\n"), "\"a\\\\b\\n\"");
        assert_eq!(
            py_literal("\u{7}\u{202e}🚀é—"),
            "\"\\x07\\u202e\\U0001f680é—\""
        );
        assert_eq!(py_literal("\u{2028}\u{85}\u{ad}"), "\"\\u2028\\x85\\xad\"");
    }

    #[test]
    fn docstrings_are_inert() {
        assert_eq!(docstring("one line", 4), "\"\"\"one line\"\"\"");
        assert_eq!(
            docstring("\n  a \"\"\" b\\\n\n  c\r\nd  \n\n", 4),
            "\"\"\"a \\\"\\\"\\\" b\\\\\n\n    c\n    d\n    \"\"\""
        );
        assert_eq!(docstring("ends with \"", 0), "\"\"\"ends with \\\"\"\"\"");
        assert_eq!(
            docstring("x\u{2028}y\u{202e}", 0),
            "\"\"\"x\ny\\u202e\n\"\"\""
        );
        assert_eq!(docstring(" \n ", 0), "\"\"\"(no text)\"\"\"");
    }

    #[test]
    fn layout_follows_ruff() {
        let call = |args: Vec<(&'static str, Node)>| Node::Call {
            callee: "F",
            args,
            exploded: false,
        };
        let short = call(vec![("a", atom("1"))]);
        assert_eq!(laid_out(&short, 8, "k=", ","), "        k=F(a=1),");
        let long = "x".repeat(80);
        let one = call(vec![("a", lit(&long))]);
        assert_eq!(
            laid_out(&one, 8, "k=", ","),
            format!("        k=F(\n            a=\"{long}\"\n        ),")
        );
        let two = call(vec![("a", lit(&long)), ("b", atom("2"))]);
        assert_eq!(
            laid_out(&two, 8, "k=", ","),
            format!("        k=F(\n            a=\"{long}\",\n            b=2,\n        ),")
        );
        // 33 characters a value: too long for one line, short enough for
        // the arguments on a line of their own.
        let body = call(vec![
            ("a", lit(&"y".repeat(33))),
            ("b", lit(&"z".repeat(33))),
        ]);
        assert_eq!(
            laid_out(&body, 8, "key=", ","),
            format!(
                "        key=F(\n            a=\"{}\", b=\"{}\"\n        ),",
                "y".repeat(33),
                "z".repeat(33)
            )
        );
        let tuple = Node::Tuple(vec![lit(&long)]);
        assert_eq!(
            laid_out(&tuple, 8, "k=", ","),
            format!("        k=(\n            \"{long}\",\n        ),")
        );
        assert_eq!(
            laid_out(&Node::Tuple(vec![]), 8, "k=", ","),
            "        k=(),"
        );
        // 88 columns fit; 89 do not.
        let fits = "f".repeat(LINE_WIDTH - 16);
        assert_eq!(
            laid_out(&Node::Tuple(vec![lit(&fits)]), 8, "k=", ","),
            format!("        k=(\"{fits}\",),")
        );
        let over = format!("{fits}f");
        assert_eq!(
            laid_out(&Node::Tuple(vec![lit(&over)]), 8, "k=", ",")
                .lines()
                .count(),
            3
        );
        let target = "X: Final";
        let lit88 = "a".repeat(LINE_WIDTH - 13);
        assert_eq!(
            assign_literal(0, target, &format!("\"{lit88}\""))
                .lines()
                .count(),
            1
        );
        let lit89 = "a".repeat(LINE_WIDTH - 12);
        assert_eq!(
            assign_literal(0, target, &format!("\"{lit89}\""))
                .lines()
                .count(),
            3
        );
        let huge = "a".repeat(LINE_WIDTH);
        assert_eq!(
            assign_literal(0, target, &format!("\"{huge}\""))
                .lines()
                .count(),
            1
        );
    }

    fn hostile_text() -> impl Strategy<Value = String> {
        crate::emit::hostile_text(
            &[
                "\"",
                "'",
                "\"\"\"",
                "\\",
                "\\\"",
                "\r\n",
                "\r",
                "\n",
                "\u{2028}",
                "\u{2029}",
                "\u{202e}",
                "\u{85}",
                "\u{0}",
                "\t",
                "{seconds}",
            ],
            &[
                "[a-z \"'\\\\]{1,5}",
                "[\u{0}-\u{1f}\u{7f}-\u{a0}\u{ad}é日🚀\u{300}\u{200b}-\u{200f} \t]{1,3}",
            ],
            16,
        )
    }

    proptest! {
        #[test]
        fn literals_read_back_as_the_text(text in hostile_text()) {
            let lit = py_literal(&text);
            prop_assert!(!lit.contains(['\n', '\r']));
            prop_assert_eq!(read_literal(&lit), Some(text));
        }

        #[test]
        fn docstrings_hold_no_closing_quotes(text in hostile_text(), indent in 0usize..9) {
            let doc = docstring(&text, indent);
            let body = &doc[3..doc.len() - 3];
            // No `"` is unescaped, so no `"""` forms inside, and the body
            // does not end with a backslash that would escape the quotes.
            let mut escaped = false;
            for ch in body.chars() {
                prop_assert!(escaped || ch != '"', "{doc}");
                prop_assert!(ch == '\n' || ch == ' ' || is_plain(ch), "{doc}");
                escaped = !escaped && ch == '\\';
            }
            prop_assert!(!escaped, "{doc}");
            // A docstring of several lines ends with the closing quotes on
            // a line of their own, at the indentation.
            let lines: Vec<&str> = body.split('\n').collect();
            if let [_, middle @ .., last] = lines.as_slice() {
                prop_assert_eq!(*last, " ".repeat(indent));
                for line in middle {
                    prop_assert!(line.is_empty() || line.starts_with(&" ".repeat(indent)));
                    prop_assert_eq!(line.trim_end(), *line);
                }
            }
        }
    }
}
