//! The bad-input suite: every invalid catalog, made or committed, gives
//! exit 1 and a located diagnostic, never a panic, and a failed `generate`
//! leaves every generated file as it was. Also: a `generate` killed while
//! writing never leaves a half-written file.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{errcat, repo, snapshot, temp_dir};
use std::time::Duration;

/// An output root holding a complete generation of the shipped catalog.
fn generated_root(name: &str) -> PathBuf {
    let out = temp_dir(name);
    let catalog = repo().join("catalog");
    let o = errcat(&[
        "generate",
        "--catalog",
        &catalog.to_string_lossy(),
        "--out",
        &out.to_string_lossy(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

/// The made-up bad inputs: what a fixture directory cannot hold.
fn made_inputs(base: &Path) -> Vec<(String, PathBuf, &'static str)> {
    let mut v = Vec::new();

    let missing = base.join("does-not-exist");
    v.push(("missing path".into(), missing, "E0001"));

    let empty = base.join("empty");
    fs::create_dir_all(&empty).expect("mkdir");
    v.push(("empty directory".into(), empty, "E0002"));

    // 100 MB, sparse: the loader must refuse it before reading it whole.
    let huge = base.join("huge");
    fs::create_dir_all(&huge).expect("mkdir");
    let f = fs::File::create(huge.join("catalog.toml")).expect("create");
    f.set_len(100 * 1024 * 1024).expect("100 MB");
    v.push(("100 MB file".into(), huge, "E0003"));

    let many = base.join("many");
    fs::create_dir_all(&many).expect("mkdir");
    for i in 0..10_000 {
        fs::write(many.join(format!("f{i:05}.toml")), "").expect("write");
    }
    v.push(("10,000 files".into(), many, "E0004"));

    #[cfg(unix)]
    {
        let loop_dir = base.join("symlink-loop");
        fs::create_dir_all(&loop_dir).expect("mkdir");
        std::os::unix::fs::symlink("b.toml", loop_dir.join("a.toml")).expect("symlink");
        std::os::unix::fs::symlink("a.toml", loop_dir.join("b.toml")).expect("symlink");
        v.push(("symlink loop".into(), loop_dir, "E0001"));
        let self_loop = base.join("self-loop");
        std::os::unix::fs::symlink(&self_loop, &self_loop).expect("symlink");
        v.push(("catalog path is a symlink loop".into(), self_loop, "E0001"));
    }
    v
}

#[test]
fn every_bad_input_fails_cleanly_and_changes_nothing() {
    let out = generated_root("suite-out");
    let before = snapshot(&out);
    assert!(
        before.len() >= 10,
        "the output root holds the generated files"
    );
    let made = temp_dir("suite-made");

    let mut inputs: Vec<(String, PathBuf, &'static str)> = Vec::new();
    let fixtures = repo().join("tests/fixtures/invalid");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&fixtures)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    dirs.sort();
    for d in dirs {
        let name = d.file_name().expect("name").to_string_lossy().into_owned();
        let id: &'static str = Box::leak(name[..5].to_uppercase().into_boxed_str());
        inputs.push((name, d, id));
    }
    inputs.extend(made_inputs(&made));
    assert!(
        inputs.len() >= 40,
        "at least 40 bad inputs, got {}",
        inputs.len()
    );

    let mut failures = Vec::new();
    for (name, path, id) in &inputs {
        let o = errcat(&[
            "generate",
            "--catalog",
            &path.to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
        ]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        let mut problems = Vec::new();
        if o.status.code() != Some(1) {
            problems.push(format!("exit {:?}", o.status.code()));
        }
        if stderr.contains("panicked") || stderr.contains("stack backtrace") {
            problems.push("panicked".to_string());
        }
        if !stderr.contains(&format!("error[{id}]")) {
            problems.push(format!("no {id} diagnostic"));
        }
        // Every diagnostic names where: `--> file:line:col` inside a file,
        // `--> path` for a path that could not be read at all.
        let headers = stderr.matches("error[E").count();
        let locations = stderr
            .lines()
            .filter(|l| l.trim_start().starts_with("--> "))
            .count();
        if locations < headers {
            problems.push(format!("{headers} diagnostics but {locations} locations"));
        }
        let in_file = !matches!(*id, "E0001" | "E0002" | "E0003" | "E0004");
        if in_file
            && !stderr.lines().any(|l| {
                l.trim_start()
                    .strip_prefix("--> ")
                    .is_some_and(|loc| loc.split(':').count() >= 3)
            })
        {
            problems.push("no file:line:col".to_string());
        }
        if !o.stdout.is_empty() {
            problems.push("wrote to stdout".to_string());
        }
        if !problems.is_empty() {
            failures.push(format!("{name}: {}\n{stderr}", problems.join(", ")));
        }
    }
    let after = snapshot(&out);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(
        before == after,
        "a failed generate changed files under the output root"
    );
    let _ = fs::remove_dir_all(out);
    let _ = fs::remove_dir_all(made);
}

/// A catalog of `n` codes made from the minimal fixture's first entry.
fn big_catalog(dir: &Path, n: u32, version: &str) {
    let base = fs::read_to_string(repo().join("tests/fixtures/valid/minimal/catalog.toml"))
        .expect("fixture");
    let (head, rest) = base.split_once("[[error]]").expect("has entries");
    let entry = rest.split("[[error]]").next().expect("first entry");
    let mut text = head.replace("version = \"1.0.0\"", &format!("version = \"{version}\""));
    for i in 0..n {
        let e = entry
            .replace("code = 1\n", &format!("code = {}\n", 1000 + i))
            .replace(
                "name = \"RateLimited\"",
                &format!("name = \"RateLimited{i}\""),
            )
            .replace("\"code\": 1,", &format!("\"code\": {},", 1000 + i));
        text.push_str("[[error]]");
        text.push_str(&e);
    }
    fs::create_dir_all(dir).expect("mkdir");
    fs::write(dir.join("catalog.toml"), text).expect("write");
}

#[test]
fn a_killed_generate_leaves_no_half_written_file() {
    let root = temp_dir("killed");
    let (a, b) = (root.join("a"), root.join("b"));
    big_catalog(&a, 2000, "1.0.0");
    big_catalog(&b, 2000, "2.0.0");
    let out_a = root.join("out-a");
    let out_b = root.join("out-b");
    for (cat, out) in [(&a, &out_a), (&b, &out_b)] {
        let o = errcat(&[
            "generate",
            "--catalog",
            &cat.to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let old: Vec<(PathBuf, Vec<u8>)> = snapshot(&out_a);
    let new: Vec<(PathBuf, Vec<u8>)> = snapshot(&out_b);
    let rel = |root: &Path, v: &[(PathBuf, Vec<u8>)]| -> Vec<(PathBuf, Vec<u8>)> {
        v.iter()
            .map(|(p, b)| {
                (
                    p.strip_prefix(root).expect("under root").to_path_buf(),
                    b.clone(),
                )
            })
            .collect()
    };
    let (old, new) = (rel(&out_a, &old), rel(&out_b, &new));
    let differing = old.iter().zip(&new).filter(|(o, n)| o.1 != n.1).count();
    assert!(
        differing >= 5,
        "the two versions differ in most files ({differing})"
    );

    let mut interrupted = 0;
    for delay_ms in [10u64, 40, 120, 300] {
        let work = root.join(format!("work-{delay_ms}"));
        let _ = fs::remove_dir_all(&work);
        for (p, bytes) in &old {
            let target = work.join(p);
            fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            fs::write(target, bytes).expect("write");
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_errcat"))
            .args([
                "generate",
                "--catalog",
                &b.to_string_lossy(),
                "--out",
                &work.to_string_lossy(),
            ])
            .stderr(Stdio::null())
            .spawn()
            .expect("spawns");
        std::thread::sleep(Duration::from_millis(delay_ms));
        if child.try_wait().expect("waits").is_none() {
            interrupted += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        for (p, bytes) in snapshot(&work) {
            let rel = p.strip_prefix(&work).expect("under root").to_path_buf();
            let name = rel
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            if name.starts_with('.') && name.ends_with(".tmp") {
                continue; // a temporary file never replaced anything
            }
            let is_old = old.iter().any(|(q, b)| *q == rel && *b == bytes);
            let is_new = new.iter().any(|(q, b)| *q == rel && *b == bytes);
            assert!(
                is_old || is_new,
                "{} is neither the old nor the new file after a kill at {delay_ms} ms",
                rel.display()
            );
        }
        // The next run finishes the job and cleans up.
        let o = errcat(&[
            "generate",
            "--catalog",
            &b.to_string_lossy(),
            "--out",
            &work.to_string_lossy(),
        ]);
        assert!(o.status.success());
        assert_eq!(
            rel(&work, &snapshot(&work)),
            new,
            "a full run after a kill restores every file"
        );
    }
    assert!(
        interrupted > 0,
        "no run was interrupted mid-way; the catalog is too small to test this"
    );
    let _ = fs::remove_dir_all(root);
}
