//! `errcat explain CODE`: one entry in full, for a terminal, in the manner
//! of `rustc --explain`.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::ir::{Catalog, ErrorEntry, Relink};
use crate::validate::nearest_code;

/// The entry for `code` as text, or the codes worth suggesting instead.
pub fn explain(c: &Catalog, code: u32) -> Result<String, Vec<&ErrorEntry>> {
    match c.entry(code) {
        Some(e) => Ok(render(c, e)),
        None => Err(suggestions(c, code)),
    }
}

/// A look-alike code first (a typo), then the numerically closest ones.
pub fn suggestions(c: &Catalog, code: u32) -> Vec<&ErrorEntry> {
    let known: BTreeSet<u32> = c.errors.iter().map(|e| e.code).collect();
    let mut picked: Vec<u32> = nearest_code(code, &known).into_iter().collect();
    let mut by_distance: Vec<u32> = known.iter().copied().collect();
    by_distance.sort_by_key(|k| (k.abs_diff(code), *k));
    for k in by_distance {
        if picked.len() >= 3 {
            break;
        }
        if !picked.contains(&k) {
            picked.push(k);
        }
    }
    picked.iter().filter_map(|k| c.entry(*k)).collect()
}

fn render(c: &Catalog, e: &ErrorEntry) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} {}: {}", e.code, e.name, e.title);
    let _ = writeln!(s);
    let http = match e.http_status {
        Some(h) => {
            let meaning = c
                .http_statuses
                .iter()
                .find(|s| s.code == h)
                .map_or("", |s| s.meaning.as_str());
            format!("{h} {meaning}")
        }
        None => "not documented".into(),
    };
    let platforms = if e.platforms.is_empty() {
        "any".to_string()
    } else {
        e.platforms.join(", ")
    };
    let relink = match e.relink {
        Relink::Required => "required: the user must unlink and relink the account",
        Relink::No => "not needed",
        Relink::MustNot => "do not ask for a relink: it does not help",
    };
    let rows = [
        ("HTTP status", http),
        (
            "action",
            e.action.clone().unwrap_or_else(|| "not documented".into()),
        ),
        ("platforms", platforms),
        ("severity", e.severity.as_str().into()),
        (
            "appears in",
            e.appears_in
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ("retry", e.retry.summary()),
        ("relink", relink.into()),
        ("remedy", e.remedy.as_str().into()),
    ];
    for (k, v) in rows {
        let _ = writeln!(s, "  {k:<12} {v}");
    }
    section(&mut s, "When it happens", &e.description);
    if !e.messages.is_empty() {
        let _ = writeln!(s, "\nMessages");
        for m in &e.messages {
            let _ = writeln!(s, "  {}", m.replace('\n', "\n  "));
        }
    }
    if !e.subcodes.is_empty() {
        let _ = writeln!(s, "\nSub-codes");
        for sc in &e.subcodes {
            let _ = writeln!(
                s,
                "  {} {} ({}): {}",
                sc.source, sc.code, sc.upstream_field, sc.description
            );
            if let Some(r) = sc.relink {
                let _ = writeln!(s, "    relink: {}", r.as_str());
            }
            if let Some(r) = sc.retry_available {
                let _ = writeln!(s, "    retryAvailable: {r}");
            }
            if let Some(r) = sc.remedy {
                let _ = writeln!(s, "    remedy: {}", r.as_str());
            }
        }
    }
    if !e.cases.is_empty() {
        let _ = writeln!(s, "\nCases");
        for k in &e.cases {
            let _ = writeln!(
                s,
                "  {}: {}\n    seen as: {}\n    do: {}",
                k.id, k.title, k.signal, k.advice
            );
        }
    }
    if !e.fields.is_empty() {
        let _ = writeln!(s, "\nResponse fields");
        for f in &e.fields {
            let _ = writeln!(s, "  {}: {}", f.name, f.description);
        }
    }
    section(&mut s, "What to do", &e.advice);
    let mut history = Vec::new();
    let list = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
    if let Some(r) = &e.retired {
        history.push(format!("retired: {r}"));
    }
    if !e.superseded_by.is_empty() {
        history.push(format!("superseded by {}", list(&e.superseded_by)));
    }
    if !e.replaces.is_empty() {
        history.push(format!("replaces {}", list(&e.replaces)));
    }
    if !e.replaced_by.is_empty() {
        history.push(format!("replaced in part by {}", list(&e.replaced_by)));
    }
    if !e.related.is_empty() {
        history.push(format!("see also {}", list(&e.related)));
    }
    for h in &e.history {
        history.push(format!("{}: {}", h.date, h.note));
    }
    if !history.is_empty() {
        let _ = writeln!(s, "\nHistory");
        for h in history {
            let _ = writeln!(s, "  {h}");
        }
    }
    let _ = writeln!(s, "\nReference: {}", e.docs_url);
    s
}

fn section(s: &mut String, title: &str, text: &str) {
    let _ = writeln!(s, "\n{title}");
    for line in text.trim().lines() {
        let _ = writeln!(s, "  {}", line.trim());
    }
}
