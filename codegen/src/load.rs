//! Finding and parsing catalog files.
//!
//! A catalog is a directory of `*.toml` files (read in name order, not in
//! directory order, so every machine sees the same catalog) or one file.
//! Exactly one file holds the `[catalog]` manifest.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, FileId, Loc, Sources};
use crate::raw::RawFile;

/// Catalog files larger than this are refused before they are read whole:
/// a real catalog is a few hundred kilobytes, and a runaway file should not
/// take the build down with it.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// More files than this in a catalog directory is a mistake (a wrong path),
/// not a catalog.
pub const MAX_FILES: usize = 4096;

/// The parsed files of one catalog, with their text kept for diagnostics.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Sources,
    pub files: Vec<(FileId, RawFile)>,
}

/// Read and parse every file of the catalog at `path`. Parse problems are
/// collected per file, so one broken file does not hide another.
pub fn load(path: &Path) -> Result<Loaded, (Sources, Vec<Diagnostic>)> {
    let mut loaded = Loaded::default();
    let mut diags = Vec::new();

    let paths = match catalog_files(path) {
        Ok(p) => p,
        Err(d) => return Err((loaded.sources, vec![d])),
    };
    let base = path.parent().unwrap_or(Path::new(""));
    for file in paths {
        let name = display_name(base, &file);
        let text = match read_text(&file, &name) {
            Ok(t) => t,
            Err(d) => {
                diags.push(*d);
                continue;
            }
        };
        let id = loaded.sources.add(name, text);
        match toml::from_str::<RawFile>(&loaded.sources.get(id).text) {
            Ok(raw) => loaded.files.push((id, raw)),
            Err(e) => diags.push(toml_error(id, &loaded.sources, &e)),
        }
    }
    if diags.is_empty() {
        Ok(loaded)
    } else {
        Err((loaded.sources, diags))
    }
}

/// The files that make up the catalog at `path`, sorted by name.
fn catalog_files(path: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let shown = path.display().to_string();
    let meta = fs::metadata(path).map_err(|e| {
        Diagnostic::error(
            "E0001",
            format!("cannot read catalog `{shown}`: {}", io_reason(&e)),
        )
        .path(&shown)
        .help("pass the catalog directory or file with `--catalog PATH`")
    })?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = fs::read_dir(path).map_err(|e| {
        Diagnostic::error(
            "E0001",
            format!("cannot list catalog directory `{shown}`: {}", io_reason(&e)),
        )
        .path(&shown)
    })?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| {
            Diagnostic::error(
                "E0001",
                format!("cannot list catalog directory `{shown}`: {}", io_reason(&e)),
            )
            .path(&shown)
        })?;
        let p = entry.path();
        if p.extension().is_some_and(|x| x == "toml") {
            files.push(p);
            if files.len() > MAX_FILES {
                return Err(Diagnostic::error(
                    "E0004",
                    format!(
                        "catalog directory `{shown}` holds more than {MAX_FILES} `.toml` files"
                    ),
                )
                .path(&shown)
                .help("point `--catalog` at the catalog's own directory"));
            }
        }
    }
    if files.is_empty() {
        return Err(Diagnostic::error(
            "E0002",
            format!("catalog directory `{shown}` holds no `.toml` files"),
        )
        .path(&shown)
        .help("a catalog needs at least a manifest file with a `[catalog]` table"));
    }
    // Byte order of the file name, never the order the OS lists them in.
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(files)
}

fn display_name(base: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(base).unwrap_or(file);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn read_text(path: &Path, name: &str) -> Result<String, Box<Diagnostic>> {
    let io_err = |e: std::io::Error| {
        Box::new(
            Diagnostic::error("E0001", format!("cannot read `{name}`: {}", io_reason(&e)))
                .path(name),
        )
    };
    let file = fs::File::open(path).map_err(io_err)?;
    let len = file.metadata().map_err(io_err)?.len();
    if len > MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::error(
                "E0003",
                format!(
                    "`{name}` is {len} bytes, more than the {MAX_FILE_BYTES} bytes a catalog file may hold"
                ),
            )
            .path(name)
            .help("split the catalog into several files, or check that this is the right file"),
        ));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // Read one byte past the limit so a file that grows while we read is caught too.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..valid]);
        let line = prefix.bytes().filter(|&b| b == b'\n').count() + 1;
        let col = prefix[prefix.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        Box::new(
            Diagnostic::error(
                "E0005",
                format!("`{name}` is not valid UTF-8 (byte {valid}, line {line}, column {col})"),
            )
            .path(format!("{name}:{line}:{col}"))
            .help("catalog files are TOML, which must be UTF-8; re-save the file as UTF-8"),
        )
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Turn a TOML or serde error into a diagnostic. The toml crate reports one
/// problem per file; the wording is kept, the kind decides the id.
fn toml_error(file: FileId, sources: &Sources, e: &toml::de::Error) -> Diagnostic {
    let msg = e.message().trim().to_string();
    let (id, help) = classify_toml_message(&msg);
    let text = &sources.get(file).text;
    let span = e.span().unwrap_or(0..0);
    let span = if span.is_empty() && span.start < text.len() {
        span.start..(span.start + 1).min(text.len())
    } else {
        span
    };
    let mut d = Diagnostic::error(id, first_line(&msg).to_string()).at(Loc::new(file, span), "");
    if let Some(help) = help {
        d = d.help(help);
    }
    d
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

fn classify_toml_message(msg: &str) -> (&'static str, Option<String>) {
    if msg.starts_with("unknown field") {
        let expected = msg
            .split_once("expected")
            .map(|(_, rest)| rest.trim().to_string());
        let help = match expected {
            Some(list) => format!("valid keys here are {list}; see docs/catalog-format.md"),
            None => "this table takes no keys; see docs/catalog-format.md".to_string(),
        };
        ("E0102", Some(help))
    } else if msg.starts_with("missing field") {
        (
            "E0103",
            Some("add the key; docs/catalog-format.md lists what each table needs".into()),
        )
    } else if msg.starts_with("invalid type") || msg.contains("data did not match any variant") {
        (
            "E0104",
            Some("check the value's type against docs/catalog-format.md".into()),
        )
    } else if msg.starts_with("duplicate key") {
        (
            "E0105",
            Some("a key may appear once per table; remove one of them".into()),
        )
    } else if msg.contains("invalid value") || msg.contains("out of range") {
        ("E0104", None)
    } else {
        ("E0101", None)
    }
}
