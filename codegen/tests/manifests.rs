//! The package manifests of the generated packages carry the catalog's
//! names and version, so what is published is what the catalog says:
//! `generated/rust/Cargo.toml` (written by hand) has `rust_crate` and
//! `version`; `generated/ts/package.json` (generated) and the lockfile npm
//! keeps next to it have `npm_package` and `version`.

use std::fs;
use std::path::Path;

use errcat::ir::Catalog;
use serde_json::Value;

mod common;
use common::repo;

fn catalog() -> Catalog {
    errcat::compile(&repo().join("catalog")).unwrap_or_else(|f| panic!("{}", f.render()))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_rust_crate_has_the_catalogs_name_and_version() {
    let c = catalog();
    let path = repo().join("generated/rust/Cargo.toml");
    let manifest: toml::Table =
        toml::from_str(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let package = manifest
        .get("package")
        .and_then(toml::Value::as_table)
        .unwrap_or_else(|| panic!("{} has no [package]", path.display()));
    for (key, expected, from) in [
        ("name", &c.meta.rust_crate, "rust_crate"),
        ("version", &c.meta.version, "version"),
    ] {
        assert_eq!(
            package.get(key).and_then(toml::Value::as_str),
            Some(expected.as_str()),
            "package.{key} of {} is not the catalog's `{from}`",
            path.display()
        );
    }
}

#[test]
fn the_npm_package_has_the_catalogs_name_and_version() {
    let c = catalog();
    let dir = repo().join("generated/ts");
    let package = json(&dir.join("package.json"));
    let lock = json(&dir.join("package-lock.json"));
    for (what, v) in [
        ("package.json", &package),
        ("package-lock.json", &lock),
        ("package-lock.json, packages[\"\"]", &lock["packages"][""]),
    ] {
        assert_eq!(
            v["name"].as_str(),
            Some(c.meta.npm_package.as_str()),
            "`name` of {what} is not the catalog's `npm_package`"
        );
        assert_eq!(
            v["version"].as_str(),
            Some(c.meta.version.as_str()),
            "`version` of {what} is not the catalog's `version`"
        );
    }
}
