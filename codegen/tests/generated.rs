//! The generated files: fresh, the same from two processes that differ in
//! everything but the catalog, independent of file order, equal to the
//! golden outputs of the fixture catalogs, never touched by a failed run,
//! and safe from two runs at once.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{errcat, repo, snapshot, temp_dir};
use errcat::emit::{Layout, emit_all};
use errcat::writer::{self, Output};

fn emit(catalog: &Path) -> Output {
    let c = errcat::compile(catalog).unwrap_or_else(|f| panic!("{}", f.render()));
    emit_all(&c, &Layout::default()).expect("emits")
}

#[test]
fn checked_in_files_are_fresh() {
    let out = emit(&repo().join("catalog"));
    let problems = writer::check(&repo(), &out).expect("reads generated files");
    assert!(
        problems.is_empty(),
        "generated files are out of date:\n{}\nrun `cargo run -p errcat -- generate` and commit the result",
        problems
            .iter()
            .map(|p| format!("  {p}\n"))
            .collect::<String>()
    );
}

/// Copies the `.toml` files of `catalog` (a directory or one file) into
/// `to`, creating them in the given order of their names.
fn copy_catalog(catalog: &Path, to: &Path, reverse: bool) {
    fs::create_dir_all(to).expect("mkdir");
    let mut files: Vec<PathBuf> = if catalog.is_dir() {
        fs::read_dir(catalog)
            .expect("catalog dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect()
    } else {
        vec![catalog.to_path_buf()]
    };
    files.sort();
    if reverse {
        files.reverse();
    }
    for f in files {
        fs::copy(&f, to.join(f.file_name().expect("name"))).expect("copy");
    }
}

/// Every file under `dir`, by its path relative to `dir`.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    snapshot(dir)
        .into_iter()
        .map(|(p, bytes)| (p.strip_prefix(dir).expect("under dir").to_path_buf(), bytes))
        .collect()
}

/// Two separate `errcat generate` processes on each catalog give the same
/// bytes. They differ in all a run could leak into its output: the
/// working directory (and relative against absolute paths), the
/// environment (emptied for one; locale, time zone, home and temp dir for
/// the other), the order the catalog's files were created in (so a
/// directory listing differs), and the cores (one is pinned to a single
/// CPU with `taskset` where it exists, which takes the one-thread path).
#[test]
fn two_processes_generate_the_same_bytes() {
    let taskset = std::process::Command::new("taskset")
        .args(["-c", "0", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    for catalog in [
        repo().join("catalog"),
        repo().join("tests/fixtures/valid/minimal/catalog.toml"),
        repo().join("tests/fixtures/valid/hostile/catalog.toml"),
    ] {
        let root = temp_dir("two-processes");
        copy_catalog(&catalog, &root.join("a/catalog"), false);
        copy_catalog(&catalog, &root.join("b/deeper/catalog"), true);

        let mut a = if taskset {
            let mut c = std::process::Command::new("taskset");
            c.args(["-c", "0", env!("CARGO_BIN_EXE_errcat")]);
            c
        } else {
            std::process::Command::new(env!("CARGO_BIN_EXE_errcat"))
        };
        let a = a
            .args(["generate", "--catalog", "catalog", "--out", "out"])
            .current_dir(root.join("a"))
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .output()
            .expect("runs errcat");
        assert!(a.status.success(), "{}", common::show(&a));

        let b = std::process::Command::new(env!("CARGO_BIN_EXE_errcat"))
            .args(["generate", "--catalog"])
            .arg(root.join("b/deeper/catalog"))
            .arg("--out")
            .arg(root.join("b/out"))
            .current_dir(&root)
            .env("LANG", "tr_TR.UTF-8")
            .env("LC_ALL", "tr_TR.UTF-8")
            .env("TZ", "Pacific/Kiritimati")
            .env("HOME", root.join("b"))
            .env("TMPDIR", root.join("b"))
            .env("NO_COLOR", "1")
            .env("RUST_BACKTRACE", "full")
            .output()
            .expect("runs errcat");
        assert!(b.status.success(), "{}", common::show(&b));

        let (a, b) = (tree(&root.join("a/out")), tree(&root.join("b/out")));
        assert!(a.len() >= 8, "{} files", a.len());
        let names = |t: &[(PathBuf, Vec<u8>)]| t.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(&a),
            names(&b),
            "{}: the same files",
            catalog.display()
        );
        for ((path, x), (_, y)) in a.iter().zip(&b) {
            assert!(
                x == y,
                "{}: {} differs between the two runs",
                catalog.display(),
                path.display()
            );
        }
        let _ = fs::remove_dir_all(root);
    }
}

/// Copies the shipped catalog under names that sort the other way round,
/// and as one file with the entries in reverse order: same output.
#[test]
fn file_order_does_not_matter() {
    let original = emit(&repo().join("catalog"));
    let mut files: Vec<PathBuf> = fs::read_dir(repo().join("catalog"))
        .expect("catalog dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() > 2, "the shipped catalog has several files");

    let renamed = temp_dir("renamed");
    let n = files.len();
    for (i, f) in files.iter().enumerate() {
        let name = format!(
            "{:03}-{}",
            n - i,
            f.file_name().expect("name").to_string_lossy()
        );
        fs::copy(f, renamed.join(name)).expect("copy");
    }
    assert_eq!(emit(&renamed).files, original.files);

    let single = temp_dir("single");
    let mut text = String::new();
    for f in files.iter().rev() {
        text.push_str(&fs::read_to_string(f).expect("read"));
        text.push('\n');
    }
    // TOML requires array-of-tables entries of one file to stay together
    // per table, but topic files only append `[[error]]` entries, so the
    // concatenation is a valid catalog with the entries in another order.
    fs::write(single.join("all.toml"), text).expect("write");
    assert_eq!(emit(&single.join("all.toml")).files, original.files);
    let _ = fs::remove_dir_all(renamed);
    let _ = fs::remove_dir_all(single);
}

/// Golden outputs of the fixture catalogs under `tests/golden/<fixture>/`.
/// Set `UPDATE_GOLDEN=1` to rewrite them after an intended change.
#[test]
fn golden_outputs() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for fixture in ["minimal", "hostile", "strings"] {
        let out = emit(&repo().join("tests/fixtures/valid").join(fixture));
        let root = repo().join("tests/golden").join(fixture);
        // Every path the writer knows counts as owned here, so a file that
        // stops being generated also fails the comparison. The derive
        // engine is the same text for every catalog (`derive/src/engine`),
        // so the goldens hold only what a catalog decides.
        let out = Output {
            owned_dirs: vec![String::from(".")],
            files: out
                .files
                .into_iter()
                .filter(|f| !f.path.contains("/derive/src/engine/"))
                .collect(),
        };
        if update {
            writer::write(&root, &out).expect("writes golden files");
            continue;
        }
        let problems = writer::check(&root, &out).expect("reads golden files");
        for p in problems {
            failures.push(format!("{fixture}: {p}"));
        }
    }
    assert!(
        failures.is_empty(),
        "golden outputs differ:\n{}\nif the change is intended, run `UPDATE_GOLDEN=1 cargo test -p errcat --test generated` and review the diff",
        failures.join("\n")
    );
}

#[test]
fn generate_writes_only_changes_and_nothing_on_error() {
    let root = temp_dir("cli");
    let catalog = root.join("catalog");
    fs::create_dir_all(&catalog).expect("mkdir");
    fs::copy(
        repo().join("tests/fixtures/valid/minimal/catalog.toml"),
        catalog.join("catalog.toml"),
    )
    .expect("copy");
    let cat = catalog.to_string_lossy().into_owned();
    let first = errcat(&["generate", "--catalog", &cat]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let check = errcat(&["check", "--catalog", &cat]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    let before = snapshot(&root.join("generated"));
    let again = errcat(&["generate", "--catalog", &cat]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("0 written"),
        "second run rewrote files: {stderr}"
    );

    // Break the catalog: generate must fail and leave every file as it was.
    let text = fs::read_to_string(catalog.join("catalog.toml")).expect("read");
    fs::write(
        catalog.join("catalog.toml"),
        text.replace("http = 429", "http = 499"),
    )
    .expect("write");
    let failed = errcat(&["generate", "--catalog", &cat]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("E0306"));
    assert_eq!(
        snapshot(&root.join("generated")),
        before,
        "a failed generate changed files"
    );

    // A stale file, a missing one and an extra one are all reported.
    fs::write(catalog.join("catalog.toml"), &text).expect("restore");
    let rs = root.join("generated/rust/src/generated/catalog.rs");
    fs::write(&rs, "// edited by hand\n").expect("edit");
    let extra = root.join("generated/schema/old.schema.json");
    fs::write(&extra, "{}").expect("extra");
    let stale = errcat(&["check", "--catalog", &cat]);
    assert_eq!(stale.status.code(), Some(1));
    let msg = String::from_utf8_lossy(&stale.stderr);
    assert!(
        msg.contains("stale:   generated/rust/src/generated/catalog.rs"),
        "{msg}"
    );
    assert!(
        msg.contains("extra:   generated/schema/old.schema.json"),
        "{msg}"
    );
    assert!(msg.contains("run `errcat generate --catalog"), "{msg}");
    let fixed = errcat(&["generate", "--catalog", &cat]);
    assert!(fixed.status.success());
    assert!(!extra.exists(), "generate removes files it no longer makes");
    assert!(errcat(&["check", "--catalog", &cat]).status.success());
    let _ = fs::remove_dir_all(root);
}

/// Two `generate` runs at once on one tree (an editor's watcher and a
/// terminal), twenty times, with every file to write each time: neither
/// run removes the other's temporary files, both succeed, and the tree is
/// fresh after them.
#[test]
fn concurrent_generates_on_one_tree_both_succeed() {
    let root = temp_dir("concurrent");
    let catalog = root.join("catalog");
    fs::create_dir_all(&catalog).expect("mkdir");
    fs::copy(
        repo().join("tests/fixtures/valid/minimal/catalog.toml"),
        catalog.join("catalog.toml"),
    )
    .expect("copy");
    let cat = catalog.to_string_lossy().into_owned();
    let generate = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_errcat"))
            .args(["generate", "--catalog", &cat])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runs errcat")
    };
    let first = errcat(&["generate", "--catalog", &cat]);
    assert!(first.status.success(), "{}", common::show(&first));
    let generated: Vec<PathBuf> = ["generated", "docs", "derive"]
        .iter()
        .flat_map(|d| snapshot(&root.join(d)))
        .map(|(p, _)| p)
        .collect();
    assert!(generated.len() >= 8, "{generated:?}");
    for round in 0..20 {
        // Every file stale, or half the tree gone: both runs write.
        if round % 2 == 0 {
            for p in &generated {
                fs::write(p, format!("stale {round}\n")).expect("make stale");
            }
        } else {
            fs::remove_dir_all(root.join("generated")).expect("remove generated/");
        }
        let (a, b) = (generate(), generate());
        for (which, child) in [("first", a), ("second", b)] {
            let out = child.wait_with_output().expect("waits");
            assert!(
                out.status.success(),
                "round {round}: the {which} of two concurrent runs failed\n{}",
                common::show(&out)
            );
        }
    }
    let check = errcat(&["check", "--catalog", &cat]);
    assert!(check.status.success(), "{}", common::show(&check));
    let _ = fs::remove_dir_all(root);
}

/// A temporary file whose writer has exited is junk: `check` reports it
/// and `generate` removes it. One whose writer still runs is another
/// `generate` at work: both leave it alone.
#[cfg(target_os = "linux")]
#[test]
fn leftover_temps_are_removed_only_when_their_writer_is_gone() {
    let root = temp_dir("leftovers");
    let catalog = root.join("catalog");
    fs::create_dir_all(&catalog).expect("mkdir");
    fs::copy(
        repo().join("tests/fixtures/valid/minimal/catalog.toml"),
        catalog.join("catalog.toml"),
    )
    .expect("copy");
    let cat = catalog.to_string_lossy().into_owned();
    assert!(errcat(&["generate", "--catalog", &cat]).status.success());

    let mut exited = std::process::Command::new("true")
        .spawn()
        .expect("runs true");
    let dead = exited.id();
    exited.wait().expect("waits");
    assert!(!Path::new("/proc").join(dead.to_string()).exists());
    let live = std::process::id();
    let dir = root.join("generated/schema");
    let stale = [
        format!(".catalog.json.errcat-{dead}-0-1f.tmp"),
        // The name an earlier errcat gave its temporary files.
        format!(".catalog.json.errcat-{dead}.tmp"),
    ];
    let busy = format!(".catalog.json.errcat-{live}-0-1f.tmp");
    for name in stale.iter().chain([&busy]) {
        fs::write(dir.join(name), "half written").expect("write temp");
    }

    let check = errcat(&["check", "--catalog", &cat]);
    assert_eq!(check.status.code(), Some(1), "{}", common::show(&check));
    let msg = common::text(&check.stderr);
    for name in &stale {
        assert!(
            msg.contains(&format!("extra:   generated/schema/{name}")),
            "{msg}"
        );
    }
    assert!(
        !msg.contains(&busy),
        "a live run's temp file is not extra: {msg}"
    );

    let again = errcat(&["generate", "--catalog", &cat]);
    assert!(again.status.success(), "{}", common::show(&again));
    for name in &stale {
        assert!(!dir.join(name).exists(), "{name} is left");
    }
    assert!(
        dir.join(&busy).exists(),
        "a live run's temp file was removed"
    );
    let check = errcat(&["check", "--catalog", &cat]);
    assert!(check.status.success(), "{}", common::show(&check));
    let _ = fs::remove_dir_all(root);
}
