//! What is derived once every entry is known: which codes replace a code,
//! and which other entries' examples show it.

use std::collections::{BTreeMap, BTreeSet};

use super::Context;
use crate::envelope;
use crate::ir::{self, Code};

pub(super) fn link_entries(errors: &mut [ir::ErrorEntry], cx: &Context) {
    let mut replaced_by: BTreeMap<Code, Vec<Code>> = BTreeMap::new();
    let mut shown_in: BTreeMap<Code, BTreeSet<Code>> = BTreeMap::new();
    let is_platform = |k: &str| cx.platforms.contains_key(k);
    for e in errors.iter() {
        for r in &e.replaces {
            replaced_by
                .entry(r.clone())
                .or_default()
                .push(e.code.clone());
        }
        for ex in &e.examples {
            for o in envelope::error_objects(
                &cx.envelope,
                cx.kind,
                &cx.envelope_keys,
                &is_platform,
                &ex.json,
            ) {
                if let Some(c) = o.code.filter(|c| *c != e.code) {
                    shown_in.entry(c).or_default().insert(e.code.clone());
                }
            }
        }
    }
    for e in errors.iter_mut() {
        let mut r = replaced_by.remove(&e.code).unwrap_or_default();
        r.sort_unstable();
        e.replaced_by = r;
        e.shown_in = shown_in
            .remove(&e.code)
            .unwrap_or_default()
            .into_iter()
            .collect();
    }
}
