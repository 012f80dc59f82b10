//! Checking the mapping against the catalog and deciding which variant
//! gets each code.

use std::collections::BTreeMap;

use proc_macro2::Span;
use syn::{Ident, Lit};

use crate::attr::{Input, Item, Shape};
use crate::table::{Entry, Table};

/// A selector that passed its checks.
enum Selector {
    Retryable,
    Relink,
    Platform(String),
    Warning(bool),
    Http(u16),
}

impl Selector {
    fn matches(&self, e: &Entry) -> bool {
        match self {
            Selector::Retryable => e.retryable,
            Selector::Relink => e.relink,
            Selector::Platform(p) => e.platforms.iter().any(|x| x == p),
            Selector::Warning(w) => e.warning == *w,
            Selector::Http(h) => e.http == Some(*h),
        }
    }
}

pub struct Planned {
    pub ident: Ident,
    /// The fallback holds the `Code`.
    pub holds_code: bool,
    pub is_other: bool,
    /// Catalog codes this variant covers, ascending.
    pub codes: Vec<u32>,
}

pub struct Plan {
    pub variants: Vec<Planned>,
}

const SELECTORS: &str = "a code number, `retryable`, `relink`, `platform = \"...\"`, `severity = \"error\" | \"warning\"`, `http = N` or `other`";

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
    table: &Table,
    enum_ident: &Ident,
    errors: &mut Vec<syn::Error>,
) -> Option<Plan> {
    let before = errors.len();
    let what = format!("{} error code", table.title);
    // Explicit codes first: they win over every selector.
    let mut explicit: BTreeMap<u32, (usize, Span)> = BTreeMap::new();
    // Each selector keeps its tokens, so errors can span `key = value`.
    let mut selectors: Vec<Vec<(Selector, proc_macro2::TokenStream)>> = Vec::new();
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
                    let Ok(code) = lit.base10_parse::<u32>() else {
                        errors.push(syn::Error::new(
                            lit.span(),
                            "an error code is a number from 0 to 4294967295",
                        ));
                        continue;
                    };
                    if table.get(code).is_none() {
                        let near = table.nearest(code);
                        let hint = if near.is_empty() {
                            String::new()
                        } else {
                            format!("\n\nhelp: the nearest codes are {}", list(&near))
                        };
                        errors.push(syn::Error::new(
                            lit.span(),
                            format!("{code} is not an {what}{hint}"),
                        ));
                        continue;
                    }
                    if let Some((_, first)) = explicit.get(&code) {
                        let mut e = syn::Error::new(
                            lit.span(),
                            format!("code {code} is mapped to two variants"),
                        );
                        e.combine(syn::Error::new(
                            *first,
                            format!("code {code} first used here"),
                        ));
                        errors.push(e);
                        continue;
                    }
                    explicit.insert(code, (i, lit.span()));
                }
                Item::Word(w) if w == "other" => {
                    if let Some((_, first)) = other {
                        let mut e =
                            syn::Error::new(w.span(), "only one variant can be `#[code(other)]`");
                        e.combine(syn::Error::new(first, "the first `other` is here"));
                        errors.push(e);
                    } else {
                        other = Some((i, w.span()));
                    }
                    is_other = true;
                }
                Item::Word(w) if w == "retryable" => {
                    sels.push((Selector::Retryable, quote::quote!(#w)))
                }
                Item::Word(w) if w == "relink" => sels.push((Selector::Relink, quote::quote!(#w))),
                Item::Word(w) => errors.push(syn::Error::new(
                    w.span(),
                    format!("unknown selector `{w}`; expected {SELECTORS}"),
                )),
                Item::KeyValue(k, value) => {
                    if let Some(s) = key_value(k, value, table, errors) {
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
        selectors.push(sels);
    }

    // Selectors, in declaration order, take what explicit codes left.
    let mut owner: BTreeMap<u32, usize> = explicit.iter().map(|(c, (i, _))| (*c, *i)).collect();
    for (i, sels) in selectors.iter().enumerate() {
        for (s, tokens) in sels {
            let matched: Vec<&Entry> = table.entries.iter().filter(|e| s.matches(e)).collect();
            if matched.is_empty() {
                errors.push(syn::Error::new_spanned(
                    tokens,
                    "this selector matches no code of the catalog",
                ));
                continue;
            }
            for e in matched {
                owner.entry(e.code).or_insert(i);
            }
        }
    }
    for (i, (v, sels)) in input.variants.iter().zip(&selectors).enumerate() {
        let is_other = other.is_some_and(|(o, _)| o == i);
        let has_explicit = explicit.values().any(|(o, _)| *o == i);
        if is_other || sels.is_empty() || has_explicit {
            continue;
        }
        if !owner.values().any(|o| *o == i) {
            let taken: Vec<&Entry> = table
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
        let uncovered: Vec<&Entry> = table
            .entries
            .iter()
            .filter(|e| !owner.contains_key(&e.code))
            .collect();
        if !uncovered.is_empty() {
            errors.push(syn::Error::new(
                enum_ident.span(),
                format!(
                    "`{enum_ident}` does not cover every {what}: {} not mapped\n\nhelp: map them to variants, or add a fallback variant `#[code(other)] Other(Code)`",
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
            let codes = if is_other {
                table
                    .entries
                    .iter()
                    .filter(|e| !owner.contains_key(&e.code))
                    .map(|e| e.code)
                    .collect()
            } else {
                owner
                    .iter()
                    .filter(|(_, o)| **o == i)
                    .map(|(c, _)| *c)
                    .collect()
            };
            Planned {
                ident: v.ident.clone(),
                holds_code: is_other && matches!(v.shape, Shape::OneField),
                is_other,
                codes,
            }
        })
        .collect();
    Some(Plan { variants })
}

fn key_value(
    k: &Ident,
    value: &Lit,
    table: &Table,
    errors: &mut Vec<syn::Error>,
) -> Option<Selector> {
    let key = k.to_string();
    match (key.as_str(), value) {
        ("platform", Lit::Str(s)) => {
            let id = s.value();
            if table.platforms.contains(&id) {
                Some(Selector::Platform(id))
            } else {
                errors.push(syn::Error::new(
                    s.span(),
                    format!(
                        "unknown platform `{id}`; the catalog's platforms are {}",
                        table.platforms.join(", ")
                    ),
                ));
                None
            }
        }
        ("severity", Lit::Str(s)) => match s.value().as_str() {
            "error" => Some(Selector::Warning(false)),
            "warning" => Some(Selector::Warning(true)),
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
        ("platform" | "severity", other) => {
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
                format!("unknown selector `{key}`; expected {SELECTORS}"),
            ));
            None
        }
    }
}
