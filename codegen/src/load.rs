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
        Err(d) => return Err((loaded.sources, vec![*d])),
    };
    let base = path.parent().unwrap_or(Path::new(""));
    // Reading and parsing are independent per file, so they run on every
    // core; the results are then taken in name order, as if read one by one.
    let parsed = crate::par::map(&paths, |file| {
        let name = display_name(base, file);
        let parsed = read_bytes(file, &name).map(parse);
        (name, parsed)
    });
    for (file, outcome) in paths.iter().zip(parsed) {
        match outcome {
            Some((name, Ok(parsed))) => add_parsed(&mut loaded, &mut diags, name, parsed),
            Some((_, Err(d))) => diags.push(*d),
            None => diags.push(
                Diagnostic::error(
                    "E0001",
                    format!("reading `{}` failed inside errcat", file.display()),
                )
                .help("this is a bug in errcat; please report it with the file"),
            ),
        }
    }
    finish(loaded, diags)
}

/// One file's bytes, checked for UTF-8 and parsed; the diagnostics that
/// need the file's place in [`Sources`] are made by [`add_parsed`].
enum Parsed {
    Toml(String, Box<Result<RawFile, toml::de::Error>>),
    NotUtf8(std::string::FromUtf8Error),
}

fn parse(bytes: Vec<u8>) -> Parsed {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let raw = toml::from_str::<RawFile>(&text);
            Parsed::Toml(text, Box::new(raw))
        }
        Err(e) => Parsed::NotUtf8(e),
    }
}

/// Parse catalog files already in memory, as `(name, bytes)` in reading
/// order, exactly as [`load`] parses files it read from disk (the UTF-8
/// check included; [`MAX_FILE_BYTES`] is a limit on reading, so not here).
pub fn load_bytes(files: Vec<(String, Vec<u8>)>) -> Result<Loaded, (Sources, Vec<Diagnostic>)> {
    let mut loaded = Loaded::default();
    let mut diags = Vec::new();
    for (name, bytes) in files {
        add_file(&mut loaded, &mut diags, name, bytes);
    }
    finish(loaded, diags)
}

fn finish(loaded: Loaded, diags: Vec<Diagnostic>) -> Result<Loaded, (Sources, Vec<Diagnostic>)> {
    if diags.is_empty() {
        Ok(loaded)
    } else {
        Err((loaded.sources, diags))
    }
}

/// Check that one file's bytes are UTF-8 and parse them; the file joins
/// `loaded.sources` either way, so its diagnostics can quote it.
fn add_file(loaded: &mut Loaded, diags: &mut Vec<Diagnostic>, name: String, bytes: Vec<u8>) {
    add_parsed(loaded, diags, name, parse(bytes));
}

fn add_parsed(loaded: &mut Loaded, diags: &mut Vec<Diagnostic>, name: String, parsed: Parsed) {
    match parsed {
        Parsed::NotUtf8(e) => diags.push(not_utf8(loaded, name, &e)),
        Parsed::Toml(text, raw) => {
            let id = loaded.sources.add(name, text);
            match *raw {
                Ok(raw) => loaded.files.push((id, raw)),
                Err(e) => diags.push(toml_error(id, &loaded.sources, &e)),
            }
        }
    }
}

/// E0005, pointing at the first bad byte of a file kept as lossy text.
fn not_utf8(loaded: &mut Loaded, name: String, e: &std::string::FromUtf8Error) -> Diagnostic {
    let valid_up_to = e.utf8_error().valid_up_to();
    let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
    // The valid prefix is the same in the lossy text, so the offset points
    // at the first bad byte's replacement.
    let len = lossy[valid_up_to..]
        .chars()
        .next()
        .map_or(0, char::len_utf8);
    let message = format!("`{name}` is not valid UTF-8");
    let id = loaded.sources.add(name, lossy);
    Diagnostic::error("E0005", message)
        .at(
            Loc::new(id, valid_up_to..valid_up_to + len),
            "invalid byte here",
        )
        .help("catalog files are TOML, which must be UTF-8; re-save the file as UTF-8")
}

/// The files that make up the catalog at `path`, sorted by name.
pub fn catalog_files(path: &Path) -> Result<Vec<PathBuf>, Box<Diagnostic>> {
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
                return Err(Box::new(
                    Diagnostic::error(
                        "E0004",
                        format!(
                            "catalog directory `{shown}` holds more than {MAX_FILES} `.toml` files"
                        ),
                    )
                    .path(&shown)
                    .help("point `--catalog` at the catalog's own directory"),
                ));
            }
        }
    }
    if files.is_empty() {
        return Err(Box::new(
            Diagnostic::error(
                "E0002",
                format!("catalog directory `{shown}` holds no `.toml` files"),
            )
            .path(&shown)
            .help("a catalog needs at least a manifest file with a `[catalog]` table"),
        ));
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

/// The bytes of one catalog file, refused when it is larger than
/// [`MAX_FILE_BYTES`].
fn read_bytes(path: &Path, name: &str) -> Result<Vec<u8>, Box<Diagnostic>> {
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
    Ok(bytes)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            // The OS's words, without the "(os error N)" tail and in the
            // lower case of the rest of the message.
            let text = e.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text).to_string();
            if text.contains("symbolic links") {
                return "a symbolic link loop".into();
            }
            let mut chars = text.chars();
            match chars.next() {
                Some(f) => f.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

/// Turn a TOML or serde error into a diagnostic. The toml crate reports one
/// problem per file; its wording is translated into the catalog's terms.
fn toml_error(file: FileId, sources: &Sources, e: &toml::de::Error) -> Diagnostic {
    let raw = e.message().trim();
    let msg = first_line(raw);
    let text = &sources.get(file).text;
    let span = e.span().unwrap_or(0..0);
    let span = if span.is_empty() && span.start < text.len() {
        span.start..(span.start + 1).min(text.len())
    } else {
        span
    };
    let at = Loc::new(file, span);
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or("");
        let valid = backticked(msg.split_once("expected").map_or("", |(_, r)| r));
        let valid_refs: Vec<&str> = valid.iter().map(String::as_str).collect();
        let list = valid
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = match crate::names::nearest(key, &valid_refs) {
            Some(near) => format!("did you mean `{near}`? valid keys here: {list}"),
            None if valid.is_empty() => {
                "this table takes no keys; see docs/catalog-format.md".to_string()
            }
            None => format!("valid keys here: {list}"),
        };
        return Diagnostic::error("E0102", format!("unknown key `{key}`"))
            .at(at, "not a key of this table")
            .help(help);
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or("");
        return Diagnostic::error("E0103", format!("missing key `{key}`"))
            .at(at, format!("this table needs `{key}`"))
            .help("docs/catalog-format.md lists what each table needs");
    }
    if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
        return Diagnostic::error("E0104", serde_words(msg))
            .at(at, "wrong type")
            .help("check the value's type against docs/catalog-format.md");
    }
    if msg.starts_with("duplicate key") {
        return Diagnostic::error("E0105", msg.to_string())
            .at(at, "this key is already set in the same table")
            .help("a key may appear once per table; remove one of them");
    }
    Diagnostic::error("E0101", format!("TOML syntax error: {msg}")).at(at, "here")
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// The `names` inside backticks of serde's "expected one of `a`, `b`".
fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// serde's Rust-flavoured type names, in the words of TOML.
fn serde_words(msg: &str) -> String {
    msg.replace("expected i64", "expected an integer")
        .replace("expected u64", "expected a non-negative integer")
        .replace("expected u32", "expected a non-negative integer")
        .replace("expected a sequence", "expected an array")
        .replace("expected a map", "expected a table")
        .replace("expected struct ", "expected a table: ")
        .replace("invalid type: sequence", "invalid type: array")
        .replace("invalid type: map", "invalid type: table")
}
