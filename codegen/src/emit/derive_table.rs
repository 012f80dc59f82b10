//! The compact table the `FromCode` derive reads at compile time: one line
//! per code with just the facts its selectors need. Plain tab-separated
//! text, so the proc-macro parses it without pulling in a JSON parser.
//!
//! ```text
//! # comment lines
//! catalog <TAB> name <TAB> title <TAB> rust crate (as a path segment)
//! platforms <TAB> id id ...
//! code <TAB> Name <TAB> http|- <TAB> error|warning <TAB> retryable 0|1 <TAB> relink 0|1 <TAB> platform,platform|-
//! ```

use std::fmt::Write as _;

use crate::emit::{EmitError, header_line};
use crate::ir::Catalog;
use crate::writer::GeneratedFile;

/// Path of the table inside the derive crate.
pub const TABLE: &str = "src/generated/catalog.tsv";

pub fn emit(c: &Catalog) -> Result<Vec<GeneratedFile>, EmitError> {
    Ok(vec![GeneratedFile::new(TABLE, table(c))])
}

/// Tabs and line breaks would break the format; titles are the only free text.
fn field(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

pub fn table(c: &Catalog) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}", header_line(c));
    let _ = writeln!(
        s,
        "catalog\t{}\t{}\t{}",
        c.meta.name,
        field(&c.meta.title),
        c.meta.rust_crate.replace('-', "_")
    );
    let ids: Vec<&str> = c.platforms.iter().map(|p| p.id.as_str()).collect();
    let _ = writeln!(s, "platforms\t{}", ids.join(" "));
    for e in &c.errors {
        let http = e
            .http_status
            .map_or_else(|| "-".to_string(), |h| h.to_string());
        let platforms = if e.platform_ids().is_empty() {
            "-".to_string()
        } else {
            e.platform_ids().join(",")
        };
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            e.code,
            e.name,
            http,
            e.severity.map_or("error", |s| s.as_str()),
            u8::from(e.retryable() == Some(true)),
            u8::from(e.relink_required() == Some(true)),
            platforms
        );
    }
    s
}
