//! The one place generated files reach the disk: written (atomically, and
//! only when their content changed) or checked against what is there.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// One output of an emitter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output root, `/`-separated.
    pub path: String,
    pub contents: String,
}

impl GeneratedFile {
    pub fn new(path: impl Into<String>, contents: impl Into<String>) -> Self {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }
}

/// The full output of a generation: every file, plus the directories whose
/// whole content is generated (a file there that is not in `files` is
/// stale and gets removed, or reported by `check`).
#[derive(Debug, Clone, Default)]
pub struct Output {
    pub files: Vec<GeneratedFile>,
    pub owned_dirs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Missing(String),
    Stale(String),
    Extra(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Missing(p) => write!(f, "missing: {p}"),
            Problem::Stale(p) => write!(f, "stale:   {p}"),
            Problem::Extra(p) => write!(f, "extra:   {p} (no longer generated)"),
        }
    }
}

#[derive(Debug, Default)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
}

/// Line endings are normalised before comparing, so a checkout with
/// `core.autocrlf` does not count as stale.
fn normalize(s: &str) -> String {
    s.replace("\r\n", "\n")
}

/// Compare every generated file with the disk.
pub fn check(root: &Path, out: &Output) -> Result<Vec<Problem>, std::io::Error> {
    let mut problems = Vec::new();
    for f in &out.files {
        let path = root.join(&f.path);
        match fs::read(&path) {
            Ok(bytes) => {
                let on_disk = String::from_utf8_lossy(&bytes);
                if normalize(&on_disk) != normalize(&f.contents) {
                    problems.push(Problem::Stale(f.path.clone()));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.push(Problem::Missing(f.path.clone()))
            }
            Err(e) => return Err(e),
        }
    }
    for extra in extra_files(root, out)? {
        problems.push(Problem::Extra(extra));
    }
    Ok(problems)
}

/// Write every file whose content differs, each atomically (a temporary
/// file in the same directory, then a rename), and remove files left over
/// in generated directories. Nothing is written before every file's
/// content is known: callers hand over a complete [`Output`].
pub fn write(root: &Path, out: &Output) -> Result<WriteReport, std::io::Error> {
    let mut report = WriteReport::default();
    for f in &out.files {
        let path = root.join(&f.path);
        if let Ok(existing) = fs::read(&path)
            && normalize(&String::from_utf8_lossy(&existing)) == normalize(&f.contents)
        {
            report.unchanged += 1;
            continue;
        }
        write_atomic(&path, f.contents.as_bytes())?;
        report.written.push(f.path.clone());
    }
    for extra in extra_files(root, out)? {
        fs::remove_file(root.join(&extra))?;
        report.removed.push(extra);
    }
    remove_leftover_temps(root, out);
    Ok(report)
}

/// Temporary files of a run that was killed between writing and renaming.
/// They never replaced anything, so removing them is always safe.
fn remove_leftover_temps(root: &Path, out: &Output) {
    let dirs: BTreeSet<PathBuf> = out
        .files
        .iter()
        .filter_map(|f| root.join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    for dir in dirs {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && name.contains(".errcat-") && name.ends_with(".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// Write `bytes` to `path` so that a reader (or a crash) sees either the
/// old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), std::io::Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.errcat-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Files inside owned directories that the output does not contain.
/// Temporary files of an interrupted run count too, so they get cleaned up.
fn extra_files(root: &Path, out: &Output) -> Result<Vec<String>, std::io::Error> {
    let expected: BTreeSet<&str> = out.files.iter().map(|f| f.path.as_str()).collect();
    let mut extra = Vec::new();
    for dir in &out.owned_dirs {
        let mut stack: Vec<PathBuf> = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            let entries = match fs::read_dir(&d) {
                Ok(e) => e,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            for entry in entries {
                let entry = entry?;
                let p = entry.path();
                let ty = entry.file_type()?;
                if ty.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p
                        .strip_prefix(root)
                        .unwrap_or(&p)
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/");
                    if !expected.contains(rel.as_str()) {
                        extra.push(rel);
                    }
                }
            }
        }
    }
    extra.sort();
    Ok(extra)
}
