//! What each `errcat` command does, given plain values: the binary maps
//! its arguments (`crate::cli`) onto these, and they map results onto exit
//! codes and the two output streams.
//!
//! Exit codes: 0 success, 1 the catalog (or the generated files) has a
//! problem, 2 the command line itself is wrong. `diff` also exits 3, 4 or 5
//! by the semver level of the changes it finds (see `crate::diff`).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::{Compiled, Failure, compile_with_warnings, diag, emit, export, init, writer};

/// `catalog/` in the current directory or the nearest ancestor holding one,
/// so the command works from anywhere inside a project.
pub fn default_catalog() -> PathBuf {
    let here = PathBuf::from("catalog");
    if here.is_dir() {
        return here;
    }
    if let Ok(cwd) = std::env::current_dir() {
        for dir in cwd.ancestors().skip(1) {
            let candidate = dir.join("catalog");
            if candidate.is_dir() {
                return candidate;
            }
        }
    }
    here
}

/// The directory generated paths are relative to: the one that holds the
/// catalog (`catalog/` sits at the project's root).
pub fn default_out(catalog: &Path) -> PathBuf {
    let parent = catalog.parent().unwrap_or(Path::new(""));
    if parent.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        parent.to_path_buf()
    }
}

fn styled() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Print a catalog's diagnostics; exit 1.
pub fn report(f: &Failure) -> ExitCode {
    let text = if styled() {
        diag::render_styled(&f.diagnostics, &f.sources)
    } else {
        f.render()
    };
    let _ = std::io::stderr().write_all(text.as_bytes());
    ExitCode::from(1)
}

/// Compile, printing warnings; on errors, print them and give the exit code.
fn compile(path: &Path) -> Result<Compiled, ExitCode> {
    let compiled = compile_with_warnings(path).map_err(|f| report(&f))?;
    if !compiled.warnings.is_empty() {
        let text = if styled() {
            diag::render_styled(&compiled.warnings, &compiled.sources)
        } else {
            compiled.render_warnings()
        };
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
    Ok(compiled)
}

/// Write a command's result to stdout. A reader that went away early
/// (`errcat export | head`) is no failure, as in cargo and ripgrep; any
/// other write error is (`errcat export > /dev/full`).
pub fn print(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            ExitCode::from(1)
        }
    }
}

pub fn validate(path: &Path) -> ExitCode {
    match compile(path) {
        Ok(c) => {
            let c = &c.catalog;
            let mut parts = vec![plural(c.errors.len(), "code")];
            if !c.groups.is_empty() {
                parts.push(plural(c.groups.len(), "group"));
            }
            parts.push(plural(c.platforms.len(), "platform"));
            parts.push(plural(c.http_statuses.len(), "HTTP status"));
            eprintln!("{}: valid ({})", path.display(), parts.join(", "));
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

pub fn export(path: &Path) -> ExitCode {
    match compile(path) {
        Ok(c) => print(&export::export_string(&c.catalog)),
        Err(code) => code,
    }
}

fn emit_catalog(c: &Compiled) -> Result<writer::Output, ExitCode> {
    emit::emit_all(&c.catalog, &emit::Layout::default()).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(1)
    })
}

pub fn generate(catalog: &Path, out: &Path) -> ExitCode {
    // Everything is emitted in memory first: a catalog error writes nothing.
    let compiled = match compile(catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let output = match emit_catalog(&compiled) {
        Ok(o) => o,
        Err(code) => return code,
    };
    match writer::write(out, &output) {
        Ok(r) => {
            for p in &r.written {
                eprintln!("wrote   {p}");
            }
            for p in &r.removed {
                eprintln!("removed {p}");
            }
            eprintln!(
                "{} written, {} removed, {} unchanged",
                r.written.len(),
                r.removed.len(),
                r.unchanged
            );
            for p in init::manifest_problems(out, &compiled.catalog, &emit::Layout::default()) {
                eprintln!("warning: {p}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "error: cannot write generated files under `{}`: {e}",
                out.display()
            );
            ExitCode::from(1)
        }
    }
}

/// `fix` is the command that regenerates what `check` finds stale.
pub fn check(catalog: &Path, out: &Path, fix: &str) -> ExitCode {
    let compiled = match compile(catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let output = match emit_catalog(&compiled) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let manifests = init::manifest_problems(out, &compiled.catalog, &emit::Layout::default());
    match writer::check(out, &output) {
        Ok(problems) if problems.is_empty() && manifests.is_empty() => {
            eprintln!("{} generated files are up to date", output.files.len());
            ExitCode::SUCCESS
        }
        Ok(problems) => {
            if !problems.is_empty() {
                eprintln!("error: generated files are out of date:");
                for p in &problems {
                    eprintln!("  {p}");
                }
                eprintln!("help: run `{fix}` and commit the result");
            }
            for p in &manifests {
                eprintln!("error: {p}");
            }
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!(
                "error: cannot read generated files under `{}`: {e}",
                out.display()
            );
            ExitCode::from(1)
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    match (n, word.ends_with('s')) {
        (1, _) => format!("1 {word}"),
        (_, true) => format!("{n} {word}es"),
        _ => format!("{n} {word}s"),
    }
}

pub fn explain(catalog: &Path, code: &str) -> ExitCode {
    let compiled = match compile(catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let catalog = &compiled.catalog;
    if crate::ir::Code::parse(catalog.code_kind, code).is_none() {
        let kind = match catalog.code_kind {
            crate::ir::CodeKind::Int => "numbers",
            crate::ir::CodeKind::Str => "1 to 64 ASCII letters, digits, `_`, `-` or `.`",
        };
        eprintln!(
            "error: `{}` is not a code of the {} catalog: its codes are {kind}",
            code.escape_debug(),
            catalog.meta.title
        );
        return ExitCode::from(1);
    }
    match crate::explain::explain(catalog, code) {
        Ok(text) => print(&text),
        Err(near) => {
            eprintln!(
                "error: {} is not a code of the {} catalog",
                code, catalog.meta.title
            );
            if !near.is_empty() {
                eprintln!("help: the nearest codes are:");
                for e in near {
                    eprintln!("  {} {}: {}", e.code, e.name, e.title);
                }
            }
            ExitCode::from(1)
        }
    }
}

/// Where one side of a comparison comes from.
pub enum Side {
    Path(PathBuf),
    Rev { rev: String, path: PathBuf },
}

impl Side {
    fn label(&self) -> String {
        match self {
            Side::Path(p) => format!("`{}`", p.display()),
            Side::Rev { rev, path } => format!("`{}` at `{rev}`", path.display()),
        }
    }

    fn load(&self, which: &str) -> Result<crate::ir::Catalog, ExitCode> {
        let compiled = match self {
            Side::Path(p) => crate::compile(p),
            Side::Rev { rev, path } => match crate::git::catalog_at_rev(path, rev) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: cannot read the {which} catalog: {e}");
                    return Err(ExitCode::from(1));
                }
            },
        };
        compiled.map_err(|f| {
            eprintln!(
                "error: the {which} catalog {} does not compile:",
                self.label()
            );
            report(&f)
        })
    }
}

/// What `errcat diff` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    Text,
    Json,
    /// Release notes ([`crate::changelog`]).
    Markdown,
}

/// `errcat diff`: the report on stdout, as text, JSON or release notes;
/// the exit code says the semver level.
pub fn diff(old: &Side, new: &Side, format: DiffFormat) -> ExitCode {
    let old_c = match old.load("old") {
        Ok(c) => c,
        Err(code) => return code,
    };
    let new_c = match new.load("new") {
        Ok(c) => c,
        Err(code) => return code,
    };
    let d = crate::diff::diff(&old_c, &new_c);
    let text = match format {
        DiffFormat::Json => {
            let mut s = serde_json::to_string_pretty(&d.to_json()).unwrap_or_default();
            s.push('\n');
            s
        }
        DiffFormat::Text => d.render_text(),
        DiffFormat::Markdown => crate::changelog::markdown(&d, &old_c, &new_c),
    };
    let printed = print(&text);
    if printed != ExitCode::SUCCESS {
        return printed;
    }
    // The JSON report holds the evolution errors; the others leave them
    // to standard error, so release notes never carry them.
    if format != DiffFormat::Json {
        for e in &d.errors {
            eprintln!("error: {}", e.message);
        }
    }
    ExitCode::from(d.exit_code())
}

/// `errcat init`: the starter catalog when `catalog` is not given and the
/// project has none, then every package's hand-owned files that are not
/// there yet.
pub fn init(dir: &Path, catalog: Option<&Path>) -> ExitCode {
    let (catalog_path, starter) = match catalog {
        Some(p) => (p.to_path_buf(), None),
        None => {
            let path = dir.join("catalog");
            if path.exists() {
                (path, None)
            } else {
                let file = path.join("catalog.toml");
                (path, Some((file, init::starter_catalog(dir))))
            }
        }
    };
    // The starter catalog is compiled from memory first: what init writes
    // must be valid, and nothing is written when anything fails.
    let compiled = match &starter {
        Some((file, text)) => crate::compile_source(&file.display().to_string(), text.as_bytes())
            .map_err(|f| report(&f)),
        None => compile(&catalog_path),
    };
    let compiled = match compiled {
        Ok(c) => c,
        Err(code) => return code,
    };
    // `./generated/...` reads better without its `./`.
    let shown = |p: &Path| p.strip_prefix(".").unwrap_or(p).display().to_string();
    if starter.is_none() {
        eprintln!("using the catalog in `{}`", shown(&catalog_path));
    }
    let mut files = Vec::new();
    if let Some((file, text)) = &starter {
        files.push((file.clone(), text.clone()));
    }
    for f in init::scaffold(&compiled.catalog, &emit::Layout::default()) {
        files.push((dir.join(&f.path), f.contents));
    }
    match init::write_new(&files) {
        Ok(report) => {
            for p in &report.written {
                eprintln!("wrote   {}", shown(p));
            }
            for p in &report.kept {
                eprintln!("kept    {} (it exists; init never overwrites)", shown(p));
            }
            eprintln!(
                "{} written, {} kept",
                report.written.len(),
                report.kept.len()
            );
            let generate = match (catalog, dir == Path::new(".")) {
                (None, true) => "errcat generate".to_string(),
                (None, false) => format!("errcat generate --catalog {}", catalog_path.display()),
                (Some(c), _) => format!(
                    "errcat generate --catalog {} --out {}",
                    c.display(),
                    dir.display()
                ),
            };
            eprintln!("next: edit the catalog, then run `{generate}`");
            ExitCode::SUCCESS
        }
        Err((path, e)) => {
            eprintln!("error: cannot write `{}`: {e}", shown(&path));
            eprintln!("note: nothing was written; the files written before it were removed");
            ExitCode::from(1)
        }
    }
}
