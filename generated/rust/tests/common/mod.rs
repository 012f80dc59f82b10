//! What the tests and benches of `ayrshare-errors` read from the repository:
//! the export's example bodies above all.

#![allow(dead_code)] // each test crate uses its own subset

use std::path::{Path, PathBuf};

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
