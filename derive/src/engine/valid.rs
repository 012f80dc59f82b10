//! Checking the mapping against the catalog and deciding which variant
//! gets each code.

use std::collections::BTreeMap;

use proc_macro2::Span;
use syn::{Ident, Lit};

use super::attr::{Input, Item, Shape};
use super::catalog::{Catalog, Code, Entry, Kind, Severity};

/// A selector that passed its checks.
enum Selector {
    Retryable,
    Relink,
    Platform(String),
    Severity(Severity),
    Http(u16),
    Group(String),
}

impl Selector {
    fn matches(&self, e: &Entry) -> bool {
        match self {
            Selector::Retryable => e.retryable == Some(true),
            Selector::Relink => e.relink == Some(true),
            Selector::Platform(p) => e.platforms.iter().any(|x| x == p),
            Selector::Severity(s) => e.severity == Some(*s),
            Selector::Http(h) => e.http == Some(*h),
            Selector::Group(g) => e.group == Some(g.as_str()),
        }
    }
}

pub struct Planned {
    pub ident: Ident,
    /// The fallback holds the `Code`.
    pub holds_code: bool,
    pub is_other: bool,
    /// Indices of the catalog entries this variant covers, ascending.
    pub entries: Vec<usize>,
}

pub struct Plan {
    pub variants: Vec<Planned>,
}

fn selectors(c: &Catalog) -> String {
    let mut s = vec![match c.kind {
        Kind::Int => "a code number".to_string(),
        Kind::Str => "a code as a string".to_string(),
    }];
    for (on, text) in [
        (c.states.retry, "`retryable`"),
        (c.states.relink, "`relink`"),
        (c.states.platforms, "`platform = \"...\"`"),
        (c.states.severity, "`severity = \"error\" | \"warning\"`"),
        (c.states.http, "`http = N`"),
        (!c.groups.is_empty(), "`group = \"...\"`"),
    ] {
        if on {
            s.push(text.to_string());
        }
    }
    s.push("`other`".to_string());
    let last = s.pop().unwrap_or_default();
    format!("{} or {last}", s.join(", "))
}

fn list(entries: &[&Entry]) -> String {
    entries
        .iter()
        .map(|e| format!("{} {}", e.code, e.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Check everything, then assign codes to variants. Every problem found is
/// added to `errors`; a plan comes back only when there is none.
pub fn plan(
    input: &Input,
    c: &Catalog,
    enum_ident: &Ident,
    errors: &mut Vec<syn::Error>,
) -> Option<Plan> {
    let before = errors.len();
    // "an Ayrshare error code", "a Shop error code".
    let article = if c
        .title
        .starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u'])
    {
        "an"
    } else {
        "a"
    };
    let what = format!("{article} {} error code", c.title);
    // Explicit codes first: they win over every selector. Keyed by entry.
    let mut explicit: BTreeMap<usize, usize> = BTreeMap::new();
    // Each selector keeps its tokens, so errors can span `key = value`.
    let mut selectors_of: Vec<Vec<(Selector, proc_macro2::TokenStream)>> = Vec::new();
    let mut other: Option<(usize, Span)> = None;

    for (i, v) in input.variants.iter().enumerate() {
        let mut sels = Vec::new();
        if !v.has_attr {
            errors.push(syn::Error::new(
                v.ident.span(),
                format!(
                    "variant `{}` has no `#[code(...)]`: say which codes it covers, or mark it `#[code(other)]`",
                    v.ident
                ),
            ));
        }
        let mut is_other = false;
        for item in &v.items {
            match item {
                Item::Number(lit) => {
                    if let Some(entry) = explicit_code(c, &what, Written::Number(lit), errors) {
                        take(&mut explicit, entry, i, lit.span(), input, c, errors);
                    }
                }
                Item::Text(lit) => {
                    if let Some(entry) = explicit_code(c, &what, Written::Text(lit), errors) {
                        take(&mut explicit, entry, i, lit.span(), input, c, errors);
                    }
                }
                Item::Word(w) if w == "other" => {
                    if let Some((first, _)) = other {
                        errors.push(syn::Error::new(
                            w.span(),
                            format!(
                                "only one variant can be `#[code(other)]`, and `{}` already is",
                                input.variants[first].ident
                            ),
                        ));
                    } else {
                        other = Some((i, w.span()));
                    }
                    is_other = true;
                }
                Item::Word(w) if w == "retryable" || w == "relink" => {
                    let (stated, fact) = if w == "retryable" {
                        (c.states.retry, "retry policies")
                    } else {
                        (c.states.relink, "relink requirements")
                    };
                    if !stated {
                        errors.push(syn::Error::new(
                            w.span(),
                            format!(
                                "`{w}` selects by {fact}, and the {} catalog states none",
                                c.title
                            ),
                        ));
                    } else if w == "retryable" {
                        sels.push((Selector::Retryable, quote::quote!(#w)));
                    } else {
                        sels.push((Selector::Relink, quote::quote!(#w)));
                    }
                }
                Item::Word(w) => errors.push(syn::Error::new(
                    w.span(),
                    format!("unknown selector `{w}`; expected {}", selectors(c)),
                )),
                Item::KeyValue(k, value) => {
                    if let Some(s) = key_value(k, value, c, errors) {
                        sels.push((s, quote::quote!(#k = #value)));
                    }
                }
            }
        }
        if is_other && (v.items.len() > 1) {
            errors.push(syn::Error::new(
                v.ident.span(),
                "`other` stands alone: the fallback takes every code no other variant does",
            ));
        }
        match (&v.shape, is_other) {
            (Shape::Unit, _) | (Shape::OneField, true) => {}
            (Shape::OneField, false) => errors.push(syn::Error::new(
                v.ident.span(),
                format!(
                    "variant `{}` has a field, but only the `#[code(other)]` fallback may hold one (the `Code`)",
                    v.ident
                ),
            )),
            (Shape::Other(span), _) => errors.push(syn::Error::new(
                *span,
                if is_other {
                    "the fallback holds at most one unnamed field, the `Code`".to_string()
                } else {
                    format!("variant `{}` must be a unit variant", v.ident)
                },
            )),
        }
        selectors_of.push(sels);
    }

    // Selectors, in declaration order, take what explicit codes left.
    let mut owner: BTreeMap<usize, usize> = explicit.clone();
    for (i, sels) in selectors_of.iter().enumerate() {
        for (s, tokens) in sels {
            let matched: Vec<usize> = (0..c.entries.len())
                .filter(|&k| s.matches(&c.entries[k]))
                .collect();
            if matched.is_empty() {
                errors.push(syn::Error::new_spanned(
                    tokens,
                    "this selector matches no code of the catalog",
                ));
                continue;
            }
            for k in matched {
                owner.entry(k).or_insert(i);
            }
        }
    }
    for (i, (v, sels)) in input.variants.iter().zip(&selectors_of).enumerate() {
        let is_other = other.is_some_and(|(o, _)| o == i);
        let has_explicit = explicit.values().any(|o| *o == i);
        if is_other || sels.is_empty() || has_explicit {
            continue;
        }
        if !owner.values().any(|o| *o == i) {
            let taken: Vec<&Entry> = c
                .entries
                .iter()
                .filter(|e| sels.iter().any(|(s, _)| s.matches(e)))
                .collect();
            if !taken.is_empty() {
                errors.push(syn::Error::new(
                    v.ident.span(),
                    format!(
                        "variant `{}` can never be reached: explicit codes and earlier selectors take every code its selectors match ({})",
                        v.ident,
                        list(&taken)
                    ),
                ));
            }
        }
    }
    if other.is_none() {
        let uncovered: Vec<&Entry> = (0..c.entries.len())
            .filter(|k| !owner.contains_key(k))
            .map(|k| &c.entries[k])
            .collect();
        if !uncovered.is_empty() {
            errors.push(syn::Error::new(
                enum_ident.span(),
                format!(
                    "`{enum_ident}` does not cover every {} error code: {} not mapped\n\nhelp: map them to variants, or add a fallback variant `#[code(other)] Other(Code)`",
                    c.title,
                    list(&uncovered)
                ),
            ));
        }
    }

    if errors.len() > before {
        return None;
    }
    let variants = input
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let is_other = other.is_some_and(|(o, _)| o == i);
            let entries = if is_other {
                (0..c.entries.len())
                    .filter(|k| !owner.contains_key(k))
                    .collect()
            } else {
                owner
                    .iter()
                    .filter(|(_, o)| **o == i)
                    .map(|(k, _)| *k)
                    .collect()
            };
            Planned {
                ident: v.ident.clone(),
                holds_code: is_other && matches!(v.shape, Shape::OneField),
                is_other,
                entries,
            }
        })
        .collect();
    Some(Plan { variants })
}

/// A code as the user wrote it.
enum Written<'a> {
    Number(&'a syn::LitInt),
    Text(&'a syn::LitStr),
}

/// The entry an explicit code names, or an error on the literal.
fn explicit_code(
    c: &Catalog,
    what: &str,
    written: Written<'_>,
    errors: &mut Vec<syn::Error>,
) -> Option<usize> {
    let (code, span) = match (c.kind, written) {
        (Kind::Int, Written::Number(lit)) => match lit.base10_parse::<u32>() {
            Ok(n) => (Code::Int(n), lit.span()),
            Err(_) => {
                errors.push(syn::Error::new(
                    lit.span(),
                    "an error code is a number from 0 to 4294967295",
                ));
                return None;
            }
        },
        (Kind::Str, Written::Text(lit)) => {
            let text = lit.value();
            // The table's codes are `&'static str`; find the user's text
            // among them rather than making it one.
            match c
                .entries
                .iter()
                .find(|e| matches!(e.code, Code::Str(s) if s == text))
            {
                Some(e) => (e.code, lit.span()),
                None => {
                    let near = c.nearest(&text);
                    errors.push(not_a_code(&format!("\"{text}\""), what, &near, lit.span()));
                    return None;
                }
            }
        }
        (Kind::Int, Written::Text(lit)) => {
            errors.push(syn::Error::new(
                lit.span(),
                format!(
                    "the {} catalog's codes are numbers: write {}, without quotes",
                    c.title,
                    lit.value()
                ),
            ));
            return None;
        }
        (Kind::Str, Written::Number(lit)) => {
            errors.push(syn::Error::new(
                lit.span(),
                format!(
                    "the {} catalog's codes are strings: write \"{}\"",
                    c.title,
                    lit.base10_digits()
                ),
            ));
            return None;
        }
    };
    match c.find(&code) {
        Some(k) => Some(k),
        None => {
            let text = match code {
                Code::Int(n) => n.to_string(),
                Code::Str(s) => s.to_string(),
            };
            errors.push(not_a_code(&code.to_string(), what, &c.nearest(&text), span));
            None
        }
    }
}

fn not_a_code(code: &str, what: &str, near: &[&Entry], span: Span) -> syn::Error {
    let hint = if near.is_empty() {
        String::new()
    } else {
        format!("\n\nhelp: the nearest codes are {}", list(near))
    };
    syn::Error::new(span, format!("{code} is not {what}{hint}"))
}

/// Record that variant `i` takes `entry`; a code mapped twice is one error,
/// at its second use, naming the variant that has it.
fn take(
    explicit: &mut BTreeMap<usize, usize>,
    entry: usize,
    i: usize,
    span: Span,
    input: &Input,
    c: &Catalog,
    errors: &mut Vec<syn::Error>,
) {
    if let Some(first) = explicit.get(&entry) {
        errors.push(syn::Error::new(
            span,
            format!(
                "code {} is mapped twice: `{}` already covers it",
                c.entries[entry].code, input.variants[*first].ident
            ),
        ));
    } else {
        explicit.insert(entry, i);
    }
}

fn key_value(
    k: &Ident,
    value: &Lit,
    c: &Catalog,
    errors: &mut Vec<syn::Error>,
) -> Option<Selector> {
    let key = k.to_string();
    let unstated = |fact: &str| {
        syn::Error::new(
            k.span(),
            format!(
                "`{key}` selects by {fact}, and the {} catalog states none",
                c.title
            ),
        )
    };
    match (key.as_str(), value) {
        ("platform", _) if !c.states.platforms => {
            errors.push(unstated("platforms"));
            None
        }
        ("severity", _) if !c.states.severity => {
            errors.push(unstated("severity"));
            None
        }
        ("http", _) if !c.states.http => {
            errors.push(unstated("HTTP statuses"));
            None
        }
        ("group", _) if c.groups.is_empty() => {
            errors.push(unstated("groups"));
            None
        }
        ("platform", Lit::Str(s)) => {
            let id = s.value();
            if c.platforms.contains(&id.as_str()) {
                Some(Selector::Platform(id))
            } else {
                errors.push(syn::Error::new(
                    s.span(),
                    format!(
                        "unknown platform `{id}`; the catalog's platforms are {}",
                        c.platforms.join(", ")
                    ),
                ));
                None
            }
        }
        ("group", Lit::Str(s)) => {
            let id = s.value();
            if c.groups.contains(&id.as_str()) {
                Some(Selector::Group(id))
            } else {
                let near = c
                    .groups
                    .iter()
                    .min_by_key(|g| strsim::levenshtein(g, &id))
                    .filter(|g| strsim::levenshtein(g, &id) <= (g.len().max(id.len()) / 3).max(1));
                let hint = near.map_or(String::new(), |g| format!("did you mean `{g}`? "));
                errors.push(syn::Error::new(
                    s.span(),
                    format!(
                        "unknown group `{id}`; {hint}the catalog's groups are {}",
                        c.groups.join(", ")
                    ),
                ));
                None
            }
        }
        ("severity", Lit::Str(s)) => match s.value().as_str() {
            "error" => Some(Selector::Severity(Severity::Error)),
            "warning" => Some(Selector::Severity(Severity::Warning)),
            other => {
                errors.push(syn::Error::new(
                    s.span(),
                    format!("unknown severity `{other}`; expected \"error\" or \"warning\""),
                ));
                None
            }
        },
        ("http", Lit::Int(n)) => match n.base10_parse::<u16>() {
            Ok(h) if (100..=599).contains(&h) => Some(Selector::Http(h)),
            _ => {
                errors.push(syn::Error::new(
                    n.span(),
                    "an HTTP status is a number from 100 to 599",
                ));
                None
            }
        },
        ("platform" | "severity" | "group", other) => {
            errors.push(syn::Error::new(
                other.span(),
                format!("`{key}` takes a string, such as `{key} = \"...\"`"),
            ));
            None
        }
        ("http", other) => {
            errors.push(syn::Error::new(
                other.span(),
                "`http` takes a number, such as `http = 429`",
            ));
            None
        }
        _ => {
            errors.push(syn::Error::new(
                k.span(),
                format!("unknown selector `{key}`; expected {}", selectors(c)),
            ));
            None
        }
    }
}
