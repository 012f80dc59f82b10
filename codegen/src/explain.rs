//! `errcat explain CODE`: one entry in full, for a terminal, in the manner
//! of `rustc --explain`.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::ir::{Catalog, Code, ErrorEntry, Relink};
use crate::validate::nearest_code;

/// The entry for `code` (as typed: `435`, `23505`) as text, or the codes
/// worth suggesting instead.
pub fn explain<'c>(c: &'c Catalog, code: &str) -> Result<String, Vec<&'c ErrorEntry>> {
    match c.entry_for_text(code) {
        Some(e) => Ok(render(c, e)),
        None => Err(suggestions(c, code)),
    }
}

/// A look-alike code first (a typo), then the closest ones: by number in
/// an integer catalog, by edit distance in a string catalog.
pub fn suggestions<'c>(c: &'c Catalog, code: &str) -> Vec<&'c ErrorEntry> {
    let known: BTreeSet<Code> = c.errors.iter().map(|e| e.code.clone()).collect();
    let typed = Code::parse(c.code_kind, code);
    let mut picked: Vec<Code> = typed
        .as_ref()
        .and_then(|t| nearest_code(t, &known))
        .into_iter()
        .collect();
    let mut by_distance: Vec<(u64, &Code)> = known
        .iter()
        .map(|k| {
            let d = match (k, &typed) {
                (Code::Int(k), Some(Code::Int(t))) => u64::from(k.abs_diff(*t)),
                _ => strsim::levenshtein(code, &k.to_string()) as u64,
            };
            (d, k)
        })
        .collect();
    by_distance.sort();
    for (_, k) in by_distance {
        if picked.len() >= 3 {
            break;
        }
        if !picked.contains(k) {
            picked.push(k.clone());
        }
    }
    picked.iter().filter_map(|k| c.entry(k)).collect()
}

fn render(c: &Catalog, e: &ErrorEntry) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} {}: {}", e.code, e.name, e.title);
    let _ = writeln!(s);
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(g) = e.group.as_ref().and_then(|g| c.group(g)) {
        rows.push(("group", format!("{} ({})", g.title, g.id)));
    }
    if c.facts.http_status.used() {
        let http = match e.http_status {
            Some(h) => {
                let meaning = c
                    .http_statuses
                    .iter()
                    .find(|s| s.code == h)
                    .map_or("", |s| s.meaning.as_str());
                format!("{h} {meaning}").trim_end().to_string()
            }
            None => "not documented".into(),
        };
        rows.push(("HTTP status", http));
    }
    if c.facts.action.used() {
        rows.push((
            "action",
            e.action.clone().unwrap_or_else(|| "not documented".into()),
        ));
    }
    if c.facts.platforms.used() {
        rows.push((
            "platforms",
            match &e.platforms {
                None => "not documented".to_string(),
                Some(p) if p.is_empty() => "any".to_string(),
                Some(p) => p.join(", "),
            },
        ));
    }
    let unstated = || "not documented".to_string();
    if c.facts.severity.used() {
        rows.push((
            "severity",
            e.severity.map_or_else(unstated, |s| s.as_str().into()),
        ));
    }
    if c.facts.appears_in.used() {
        rows.push((
            "appears in",
            e.appears_in.as_ref().map_or_else(unstated, |a| {
                a.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", ")
            }),
        ));
    }
    if c.facts.retry.used() {
        rows.push((
            "retry",
            e.retry.as_ref().map_or_else(unstated, |r| r.summary()),
        ));
    }
    if c.facts.relink.used() {
        let relink = match e.relink {
            Some(Relink::Required) => "required: the user must unlink and relink the account",
            Some(Relink::No) => "not needed",
            Some(Relink::MustNot) => "do not ask for a relink: it does not help",
            None => "not documented",
        };
        rows.push(("relink", relink.into()));
    }
    if c.facts.remedy.used() {
        rows.push((
            "remedy",
            e.remedy.map_or_else(unstated, |r| r.as_str().into()),
        ));
    }
    for (k, v) in rows {
        let _ = writeln!(s, "  {k:<12} {v}");
    }
    if let Some(d) = &e.description {
        section(&mut s, "When it happens", d);
    }
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
    if let Some(a) = &e.advice {
        section(&mut s, "What to do", a);
    }
    let mut history = Vec::new();
    let list = |v: &[Code]| v.iter().map(Code::to_string).collect::<Vec<_>>().join(", ");
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
    if let Some(url) = &e.docs_url {
        let _ = writeln!(s, "\nReference: {url}");
    }
    s
}

fn section(s: &mut String, title: &str, text: &str) {
    let _ = writeln!(s, "\n{title}");
    for line in text.trim().lines() {
        let _ = writeln!(s, "  {}", line.trim());
    }
}
