//! Diagnostics: what went wrong, where, and how to fix it, rendered the way
//! rustc renders its own (through annotate-snippets, rustc's renderer).

use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{Level, Renderer, Snippet};

/// A file that took part in loading, kept so diagnostics can quote it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Name shown to the user: the path relative to the catalog's parent
    /// directory, with `/` separators, so output is the same on every machine.
    pub name: String,
    pub text: String,
}

/// Index of a file in a [`Sources`] list.
pub type FileId = usize;

#[derive(Debug, Default, Clone)]
pub struct Sources {
    pub files: Vec<SourceFile>,
}

impl Sources {
    pub fn add(&mut self, name: String, text: String) -> FileId {
        self.files.push(SourceFile { name, text });
        self.files.len() - 1
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }
}

/// A place in a catalog file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loc {
    pub file: FileId,
    pub span: Range<usize>,
}

impl Loc {
    pub fn new(file: FileId, span: Range<usize>) -> Self {
        Loc { file, span }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A secondary annotation: "first defined here" and the like.
#[derive(Debug, Clone)]
pub struct Note {
    pub loc: Loc,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Stable identifier (`E0201`), listed in `docs/diagnostics.md`.
    pub id: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Where the problem is; `None` for problems with no place in a file
    /// (a missing directory, say). Then `path` names what was involved.
    pub loc: Option<Loc>,
    pub path: Option<String>,
    pub label: String,
    pub notes: Vec<Note>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(id: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            id,
            severity: Severity::Error,
            message: message.into(),
            loc: None,
            path: None,
            label: String::new(),
            notes: Vec::new(),
            help: None,
        }
    }

    /// A problem that does not stop the catalog from compiling.
    pub fn warning(id: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(id, message)
        }
    }

    pub fn at(mut self, loc: Loc, label: impl Into<String>) -> Self {
        self.loc = Some(loc);
        self.label = label.into();
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    pub fn note(mut self, loc: Loc, label: impl Into<String>) -> Self {
        self.notes.push(Note {
            loc,
            label: label.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Line and column (both 1-based, column in characters) of the start.
    pub fn line_col(&self, sources: &Sources) -> Option<(usize, usize)> {
        let loc = self.loc.as_ref()?;
        Some(line_col(&sources.get(loc.file).text, loc.span.start))
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The lines of `text` that `span` touches, with the span moved to be
/// relative to them. Quoting only these lines keeps rendering cheap on huge
/// files and keeps every snippet small.
fn excerpt(text: &str, span: &Range<usize>) -> (usize, Range<usize>, Range<usize>) {
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let end = floor_char_boundary(text, span.end.min(text.len())).max(start);
    let first = text[..start].rfind('\n').map_or(0, |i| i + 1);
    // A span that runs over many lines (a whole table) is cut at its first
    // line: the caret only has to show where the item starts.
    let first_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let end = end.min(first_line_end);
    let line_no = text[..first].bytes().filter(|&b| b == b'\n').count() + 1;
    let shown = first..first_line_end;
    (line_no, shown, (start - first)..(end - first))
}

/// Render diagnostics as plain text, one after another, followed by a
/// summary line. No colour: the output is the same in a terminal, a log and
/// a snapshot.
pub fn render(diags: &[Diagnostic], sources: &Sources) -> String {
    render_with(diags, sources, &Renderer::plain())
}

pub fn render_styled(diags: &[Diagnostic], sources: &Sources) -> String {
    render_with(diags, sources, &Renderer::styled())
}

fn render_with(diags: &[Diagnostic], sources: &Sources, renderer: &Renderer) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&render_one(d, sources, renderer));
        out.push_str("\n\n");
    }
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors > 0 {
        let _ = writeln!(
            out,
            "error: the catalog has {errors} error{}",
            if errors == 1 { "" } else { "s" }
        );
    }
    out
}

fn render_one(d: &Diagnostic, sources: &Sources, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    };
    // annotate-snippets borrows everything; build owned pieces first.
    struct Piece {
        name: String,
        line_start: usize,
        text: String,
        annotations: Vec<(Range<usize>, String, bool)>,
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |loc: &Loc, label: &str, primary: bool| {
        let file = sources.get(loc.file);
        let (line_start, shown, rel) = excerpt(&file.text, &loc.span);
        let text = file.text[shown].to_string();
        if let Some(p) = pieces
            .iter_mut()
            .find(|p| p.name == file.name && p.line_start == line_start)
        {
            p.annotations.push((rel, label.to_string(), primary));
        } else {
            pieces.push(Piece {
                name: file.name.clone(),
                line_start,
                text,
                annotations: vec![(rel, label.to_string(), primary)],
            });
        }
    };
    if let Some(loc) = &d.loc {
        push(loc, &d.label, true);
    }
    for n in &d.notes {
        push(&n.loc, &n.label, false);
    }

    let mut message = level.title(&d.message).id(d.id);
    for p in &pieces {
        let mut snippet = Snippet::source(&p.text)
            .line_start(p.line_start)
            .origin(&p.name);
        for (range, label, primary) in &p.annotations {
            let lvl = if *primary { level } else { Level::Note };
            snippet = snippet.annotation(lvl.span(range.clone()).label(label));
        }
        message = message.snippet(snippet);
    }
    if let Some(help) = &d.help {
        message = message.footer(Level::Help.title(help));
    }
    // Lines are never trimmed to a terminal width: a build log has none,
    // and annotate-snippets 0.11's trimming arithmetic can underflow on
    // deeply indented lines (found by fuzzing; fixed upstream in 0.12).
    let width = pieces
        .iter()
        .map(|p| p.text.len() + p.annotations.iter().map(|a| a.1.len()).max().unwrap_or(0))
        .max()
        .unwrap_or(0);
    let renderer = renderer.clone().term_width((width + 32).max(140));
    let mut text = renderer.render(message).to_string();
    // A problem with no place inside a file (a missing directory, a file
    // too large to read) still says which path it concerns.
    if let (None, Some(path)) = (&d.loc, &d.path) {
        let end = text.find('\n').unwrap_or(text.len());
        text.insert_str(end, &format!("\n --> {path}"));
    }
    text
}
