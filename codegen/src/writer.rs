//! The one place generated files reach the disk: written (atomically, and
//! only when their content changed) or checked against what is there.

use std::collections::BTreeSet;
use std::fs;
use std::io::{ErrorKind, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

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
            Err(e) if e.kind() == ErrorKind::NotFound => {
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
        match fs::remove_file(root.join(&extra)) {
            Ok(()) => report.removed.push(extra),
            // Another run removed it first.
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    remove_leftover_temps(root, out);
    Ok(report)
}

/// Temporary files of runs that ended between writing and renaming. Only
/// a file whose writer is provably gone is removed: another `generate` on
/// the same tree may be about to rename its own.
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
            if temp_state(&entry.file_name().to_string_lossy()) == Some(Temp::Stale) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// What a file name says about a temporary file of [`write_atomic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Temp {
    /// Its writer may still be running.
    Live,
    /// Its writer has exited: nothing will ever rename it.
    Stale,
}

/// `None` for a file that is not one of errcat's temporary files.
///
/// The name holds the writer's process id. A writer whose id has no entry
/// in `/proc` has exited; a reused id only keeps a stale file around, which
/// is harmless. Where `/proc` cannot tell (other systems, or a writer in
/// another pid namespace that shares the tree), nothing is provably stale.
fn temp_state(name: &str) -> Option<Temp> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tail) = rest.rsplit_once(TEMP_MARK)?;
    let pid = tail.split('-').next()?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let proc = Path::new("/proc");
    let gone = cfg!(target_os = "linux") && proc.join("self").exists() && !proc.join(pid).exists();
    Some(if gone { Temp::Stale } else { Temp::Live })
}

/// Between a file's name and the writer's process id in a temporary name.
const TEMP_MARK: &str = ".errcat-";

/// A temporary file next to `path`, created here and nowhere else: the name
/// holds the process id, a counter and clock bits, and `create_new` fails
/// rather than reuse a name another run picked.
fn create_temp(dir: &Path, name: &str) -> Result<(PathBuf, fs::File), std::io::Error> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let pid = std::process::id();
    let mut last = None;
    for _ in 0..100 {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let nanos = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let tmp = dir.join(format!(".{name}{TEMP_MARK}{pid}-{n}-{nanos:x}.tmp"));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| ErrorKind::AlreadyExists.into()))
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
    let (tmp, mut f) = create_temp(dir, &name)?;
    let result = (|| {
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
/// Temporary files of an interrupted run count too, so they get cleaned up;
/// those of a run that may still be going on do not.
fn extra_files(root: &Path, out: &Output) -> Result<Vec<String>, std::io::Error> {
    let expected: BTreeSet<&str> = out.files.iter().map(|f| f.path.as_str()).collect();
    let mut extra = Vec::new();
    for dir in &out.owned_dirs {
        let mut stack: Vec<PathBuf> = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            let entries = match fs::read_dir(&d) {
                Ok(e) => e,
                Err(e) if e.kind() == ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            for entry in entries {
                let entry = entry?;
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if temp_state(&name) == Some(Temp::Live) {
                    continue;
                }
                // Python writes bytecode next to a module it imports from a
                // source tree; that is the interpreter's cache, not output.
                if name == "__pycache__" || name.ends_with(".pyc") {
                    continue;
                }
                let p = entry.path();
                let ty = match entry.file_type() {
                    Ok(t) => t,
                    // Renamed or removed by another run since the listing.
                    Err(e) if e.kind() == ErrorKind::NotFound => continue,
                    Err(e) => return Err(e),
                };
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Python's bytecode cache in a generated package is not a stale file;
    /// anything else there that the output lacks is.
    #[test]
    fn the_interpreter_cache_is_not_extra() {
        let root = std::env::temp_dir().join(format!("errcat-writer-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        let dir = root.join("pkg/_generated");
        fs::create_dir_all(dir.join("__pycache__")).expect("mkdir");
        fs::write(dir.join("__init__.py"), "x = 1\n").expect("write");
        fs::write(dir.join("__pycache__/__init__.cpython-311.pyc"), b"\0").expect("write");
        fs::write(dir.join("stray.pyc"), b"\0").expect("write");
        fs::write(dir.join("old.py"), "").expect("write");
        let out = Output {
            files: vec![GeneratedFile::new("pkg/_generated/__init__.py", "x = 1\n")],
            owned_dirs: vec!["pkg/_generated".into()],
        };
        let problems = check(&root, &out).expect("reads");
        assert_eq!(problems, [Problem::Extra("pkg/_generated/old.py".into())]);
        let _ = fs::remove_dir_all(&root);
    }
}
