//! `errcat init`: a starter catalog that compiles clean, every package's
//! hand-owned files named after the catalog, never an overwrite, and
//! nothing left behind when a write fails.

use std::fs;
use std::path::Path;

mod common;
use common::{assert_exit, errcat_in, path_arg, repo, snapshot, temp_dir, text};

/// The hand-owned files of every package, for a project in the default
/// layout.
const SCAFFOLD: &[&str] = &[
    "generated/rust/Cargo.toml",
    "generated/rust/src/lib.rs",
    "generated/rust/README.md",
    "generated/rust/.gitignore",
    "generated/rust/derive/Cargo.toml",
    "generated/rust/derive/README.md",
    "generated/ts/package.json",
    "generated/ts/tsconfig.json",
    "generated/ts/src/index.ts",
    "generated/ts/README.md",
    "generated/python/pyproject.toml",
    "generated/python/README.md",
    "generated/python/.gitignore",
];

#[test]
fn a_new_directory_gets_a_valid_starter_catalog_and_every_package() {
    let root = temp_dir("init-new");
    let out = errcat_in(&root, &["init", "payments-api"]);
    assert_exit(&out, 0);
    let dir = root.join("payments-api");
    let catalog = dir.join("catalog/catalog.toml");
    assert!(catalog.is_file(), "no starter catalog");
    for f in SCAFFOLD {
        assert!(dir.join(f).is_file(), "{f} was not written");
    }
    let err = text(&out.stderr);
    assert!(err.contains("16 written, 0 kept"), "{err}");

    // Named after the directory, and clean: no error, no warning.
    let compiled = errcat::compile_with_warnings(&dir.join("catalog"))
        .unwrap_or_else(|f| panic!("the starter catalog does not compile:\n{}", f.render()));
    assert!(
        compiled.warnings.is_empty(),
        "{}",
        compiled.render_warnings()
    );
    assert_eq!(compiled.catalog.meta.name, "payments-api");
    let cargo = fs::read_to_string(dir.join("generated/rust/Cargo.toml")).expect("Cargo.toml");
    assert!(cargo.contains("name = \"payments-api-errors\""), "{cargo}");
    let package = fs::read_to_string(dir.join("generated/ts/package.json")).expect("package.json");
    assert!(
        package.contains("\"name\": \"payments-api-errors\""),
        "{package}"
    );

    // The next step it names works, and leaves the project fresh.
    assert!(
        err.contains("errcat generate --catalog payments-api/catalog"),
        "{err}"
    );
    assert_exit(
        &errcat_in(&root, &["generate", "--catalog", "payments-api/catalog"]),
        0,
    );
    assert_exit(
        &errcat_in(&root, &["check", "--catalog", "payments-api/catalog"]),
        0,
    );
    let _ = fs::remove_dir_all(root);
}

#[test]
fn init_never_overwrites_and_says_what_it_kept() {
    let dir = temp_dir("init-again");
    assert_exit(&errcat_in(&dir, &["init"]), 0);
    let lib = dir.join("generated/rust/src/lib.rs");
    fs::write(&lib, "// mine now\n").expect("edit");
    let before = snapshot(&dir);
    let out = errcat_in(&dir, &["init"]);
    assert_exit(&out, 0);
    let err = text(&out.stderr);
    assert!(err.contains("0 written, 15 kept"), "{err}");
    assert!(err.contains("using the catalog in `catalog`"), "{err}");
    assert!(err.contains("kept    generated/rust/src/lib.rs"), "{err}");
    assert_eq!(snapshot(&dir), before, "a second init changed files");

    // A file deleted since is written again; the others stay.
    fs::remove_file(dir.join("generated/ts/tsconfig.json")).expect("remove");
    let out = errcat_in(&dir, &["init"]);
    assert!(
        text(&out.stderr).contains("1 written, 14 kept"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(fs::read_to_string(&lib).expect("lib.rs"), "// mine now\n");
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn an_existing_catalog_names_the_packages() {
    let dir = temp_dir("init-catalog");
    let strings = repo().join("tests/fixtures/valid/strings/catalog.toml");
    let out = errcat_in(&dir, &["init", ".", "--catalog", path_arg(&strings)]);
    assert_exit(&out, 0);
    assert!(
        !dir.join("catalog").exists(),
        "no starter catalog next to a given one"
    );
    let cargo = fs::read_to_string(dir.join("generated/rust/Cargo.toml")).expect("Cargo.toml");
    assert!(cargo.contains("name = \"shop-errors\""), "{cargo}");
    assert!(cargo.contains("version = \"2.1.0\""), "{cargo}");
    assert!(
        cargo.contains("shop-errors-derive = { path = \"derive\", version = \"=2.1.0\" }"),
        "{cargo}"
    );
    let lib = fs::read_to_string(dir.join("generated/rust/src/lib.rs")).expect("lib.rs");
    // The crate's doc test uses a code of this catalog, as a string.
    assert!(lib.contains("Code::from(\"23505\")"), "{lib}");
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn a_write_error_leaves_nothing_behind() {
    let dir = temp_dir("init-blocked");
    // `generated` is a file, so no package directory can be made under it.
    fs::write(dir.join("generated"), "in the way").expect("block");
    let before = snapshot(&dir);
    let out = errcat_in(&dir, &["init"]);
    assert_exit(&out, 1);
    let err = text(&out.stderr);
    assert!(err.contains("error: cannot write `generated/rust"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    // The starter catalog, written first, went again, with its directory.
    assert_eq!(snapshot(&dir), before, "init left files behind");
    assert!(
        !dir.join("catalog").exists(),
        "init left the catalog directory"
    );
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn an_invalid_catalog_writes_nothing() {
    let dir = temp_dir("init-invalid");
    let bad = repo().join("tests/fixtures/invalid/e0322-mixed-code-kinds");
    let out = errcat_in(&dir, &["init", ".", "--catalog", path_arg(&bad)]);
    assert_exit(&out, 1);
    assert!(
        text(&out.stderr).contains("error[E0322]"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        snapshot(&dir).is_empty(),
        "init wrote files for an invalid catalog"
    );
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn check_holds_the_manifests_to_the_catalog() {
    let dir = temp_dir("init-manifests");
    assert_exit(&errcat_in(&dir, &["init"]), 0);
    assert_exit(&errcat_in(&dir, &["generate"]), 0);
    assert_exit(&errcat_in(&dir, &["check"]), 0);
    let edit = |path: &str, from: &str, to: &str| {
        let p = dir.join(path);
        let t = fs::read_to_string(&p).expect("read");
        assert!(t.contains(from), "{path} lacks {from}");
        fs::write(&p, t.replacen(from, to, 1)).expect("write");
    };
    edit(
        "generated/rust/Cargo.toml",
        "version = \"0.1.0\"",
        "version = \"0.2.0\"",
    );
    edit(
        "generated/ts/package.json",
        "\"version\": \"0.1.0\"",
        "\"version\": \"0.1.1\"",
    );
    let out = errcat_in(&dir, &["check"]);
    assert_exit(&out, 1);
    let err = text(&out.stderr);
    assert!(
        err.contains(
            "`generated/rust/Cargo.toml` has version `0.2.0`, but the catalog's is `0.1.0`"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "`generated/ts/package.json` has version `0.1.1`, but the catalog's is `0.1.0`"
        ),
        "{err}"
    );
    // generate writes what it generates, and says the same as a warning.
    let out = errcat_in(&dir, &["generate"]);
    assert_exit(&out, 0);
    assert!(text(&out.stderr).contains("warning: `generated/rust/Cargo.toml` has version"));
    let _ = fs::remove_dir_all(dir);
}

#[test]
fn the_starter_catalog_is_named_after_any_directory() {
    for (dir, name) in [
        ("Acme Corp", "acme-corp"),
        ("2fa", "api-2fa"),
        ("___", "my-api"),
    ] {
        let text = errcat::init::starter_catalog(Path::new(dir));
        let c = errcat::compile_bytes("catalog.toml", text.as_bytes())
            .unwrap_or_else(|f| panic!("{dir}: {}", f.render()));
        assert_eq!(c.meta.name, name, "{dir}");
    }
}
