//! Catalogs as they are at a git revision, for `errcat diff --from-rev`.

use std::path::{Component, Path, PathBuf};

use crate::ir::Catalog;

/// Compile the catalog at `path` (a directory or file inside a git working
/// tree) as it is at revision `rev`. The outer error is a git problem (not
/// a repository, unknown revision, no catalog at that revision); the inner
/// one the catalog's own diagnostics.
pub fn catalog_at_rev(path: &Path, rev: &str) -> Result<Result<Catalog, crate::Failure>, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("no current directory: {e}"))?;
    let abs = normalize(&cwd.join(path));
    // The nearest directory that exists in the working tree: git runs there.
    let anchor = abs
        .ancestors()
        .find(|p| p.is_dir())
        .ok_or_else(|| format!("`{}` is not inside a git repository", path.display()))?
        .to_path_buf();
    let top = git(&anchor, &["rev-parse", "--show-toplevel"])
        .map_err(|e| format!("`{}` is not inside a git repository ({e})", path.display()))?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']));
    let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let rest = abs.strip_prefix(&anchor).unwrap_or(Path::new(""));
    let rel = canon(&anchor)
        .strip_prefix(canon(&top))
        .map(|r| r.join(rest))
        .map_err(|_| {
            format!(
                "`{}` is outside the git repository at `{}`",
                path.display(),
                top.display()
            )
        })?;
    let rel: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let rel = rel.join("/");

    let spec = format!("{rev}^{{commit}}");
    let commit = git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    )
    .map_err(|_| format!("unknown git revision `{rev}`"))?;
    let commit = String::from_utf8_lossy(&commit).trim().to_string();

    let pathspec = if rel.is_empty() { "." } else { rel.as_str() };
    let listing = git(&top, &["ls-tree", "-r", "-z", &commit, "--", pathspec])
        .map_err(|e| format!("cannot list `{pathspec}` at `{rev}`: {e}"))?;
    // Records: "<mode> <type> <object>\t<path>", NUL-terminated.
    let mut blobs = Vec::new();
    for rec in listing.split(|b| *b == 0).filter(|r| !r.is_empty()) {
        let rec = String::from_utf8_lossy(rec);
        let Some((head, file)) = rec.split_once('\t') else {
            continue;
        };
        let mut parts = head.split(' ');
        let (_mode, kind, object) = (parts.next(), parts.next(), parts.next());
        if kind == Some("blob")
            && let Some(object) = object
        {
            blobs.push((file.to_string(), object.to_string()));
        }
    }
    if blobs.is_empty() {
        return Err(format!("`{pathspec}` does not exist at `{rev}`"));
    }
    let base = rel
        .rsplit('/')
        .next()
        .filter(|b| !b.is_empty())
        .unwrap_or("catalog");
    let single = blobs.iter().any(|(f, _)| *f == rel);
    let prefix = if rel.is_empty() {
        String::new()
    } else {
        format!("{rel}/")
    };
    let wanted: Vec<(String, String)> = blobs
        .into_iter()
        .filter_map(|(f, o)| {
            if single {
                return (f == rel).then(|| (base.to_string(), o));
            }
            let name = f.strip_prefix(&prefix)?;
            (!name.contains('/') && name.ends_with(".toml")).then(|| (name.to_string(), o))
        })
        .collect();

    let tmp = TempDir::new()?;
    let target = if single {
        tmp.path.clone()
    } else {
        let d = tmp.path.join(base);
        std::fs::create_dir(&d).map_err(|e| format!("cannot create `{}`: {e}", d.display()))?;
        d
    };
    for (name, object) in &wanted {
        let bytes = git(&top, &["cat-file", "blob", object])
            .map_err(|e| format!("cannot read `{name}` at `{rev}`: {e}"))?;
        let dest = target.join(name);
        std::fs::write(&dest, bytes)
            .map_err(|e| format!("cannot write `{}`: {e}", dest.display()))?;
    }
    let catalog_path = if single { tmp.path.join(base) } else { target };
    Ok(crate::compile(&catalog_path))
}

/// Run git in `dir`; its standard output, or a one-line reason.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let first = err.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        Err(match first.trim() {
            "" => format!("git {} failed", args.first().unwrap_or(&"")),
            line => line.to_string(),
        })
    }
}

/// `..` and `.` resolved without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A directory under the system temporary directory, removed on drop.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new() -> Result<TempDir, String> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let base = std::env::temp_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        for _ in 0..100 {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let path = base.join(format!("errcat-diff-{}-{nanos}-{n}", std::process::id()));
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(TempDir { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(format!(
                        "cannot create a temporary directory under `{}`: {e}",
                        base.display()
                    ));
                }
            }
        }
        Err("cannot create a temporary directory".to_string())
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
