//! What the tests and benches of `ayrshare-errors` read from the repository:
//! the export's example bodies above all.

#![allow(dead_code)] // each test crate uses its own subset

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The export, `generated/schema/catalog.json`.
pub fn export() -> Value {
    read_json(&repo().join("generated/schema/catalog.json"))
}

/// One example of an entry in the export.
pub struct Example {
    /// The entry's code.
    pub code: u32,
    /// Position among the entry's examples.
    pub index: usize,
    pub http: Option<u16>,
    pub body: Value,
}

/// Every example of every entry, in the export's order.
pub fn entry_examples() -> Vec<Example> {
    let export = export();
    let mut out = Vec::new();
    for entry in export["codes"].as_array().expect("codes") {
        let code = entry["code"].as_u64().expect("code");
        for (index, ex) in entry["examples"]
            .as_array()
            .expect("examples")
            .iter()
            .enumerate()
        {
            out.push(Example {
                code: u32::try_from(code).expect("a code fits u32"),
                index,
                http: http_of(&ex["http"]),
                body: ex["body"].clone(),
            });
        }
    }
    out
}

/// An `http` value of the export.
pub fn http_of(v: &Value) -> Option<u16> {
    v.as_u64()
        .map(|h| u16::try_from(h).expect("an HTTP status"))
}

/// The reference command line `examples/classify.rs`, built once, as
/// `cargo run -p ayrshare-errors --example classify` builds it.
pub fn classify_example() -> &'static Path {
    static EXE: OnceLock<PathBuf> = OnceLock::new();
    EXE.get_or_init(|| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let out = Command::new(cargo)
            .args(["build", "--quiet", "--message-format=json"])
            .args(["-p", "ayrshare-errors", "--example", "classify"])
            .current_dir(repo())
            .output()
            .expect("runs cargo");
        assert!(
            out.status.success(),
            "cannot build the classify example\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The executable is named in cargo's message for the example.
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .find(|m| {
                m["reason"] == "compiler-artifact"
                    && m["target"]["name"] == "classify"
                    && m["target"]["kind"][0] == "example"
            })
            .and_then(|m| m["executable"].as_str().map(PathBuf::from))
            .expect("cargo names the example's executable")
    })
}
