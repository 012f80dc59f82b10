//! The engine's decisions on a catalog of string codes with groups, without
//! a proc-macro in between: which impls it writes and which errors it
//! reports, for inputs a string catalog allows and an integer one does not.

use errcat_derive::engine::{Catalog, Code, Entry, Facts, Kind, Severity, derive};
use quote::quote;

const fn entry(code: &'static str, name: &'static str, group: Option<&'static str>) -> Entry {
    Entry {
        code: Code::Str(code),
        name,
        http: None,
        severity: Some(Severity::Error),
        retryable: None,
        relink: None,
        platforms: &[],
        group,
    }
}

static SHOP: Catalog = Catalog {
    title: "Shop",
    krate: "shop_errors",
    kind: Kind::Str,
    fingerprint: 7,
    states: Facts {
        http: false,
        severity: true,
        retry: false,
        relink: false,
        platforms: false,
    },
    platforms: &[],
    groups: &["integrity", "payment"],
    entries: &[
        entry("23503", "ForeignKeyViolation", Some("integrity")),
        entry("23505", "UniqueViolation", Some("integrity")),
        entry("card_declined", "CardDeclined", Some("payment")),
        entry("expired_card", "ExpiredCard", None),
    ],
};

/// The derive's output for an enum body, as text.
fn expand(body: proc_macro2::TokenStream) -> String {
    derive(quote!(enum Failure { #body }), &SHOP).to_string()
}

/// The messages of the `compile_error!`s in the output.
fn errors(out: &str) -> Vec<String> {
    let tokens: proc_macro2::TokenStream = out.parse().expect("the output is tokens");
    let mut found = Vec::new();
    let mut previous_was_compile_error = false;
    for tree in tokens {
        match &tree {
            proc_macro2::TokenTree::Ident(i) => previous_was_compile_error = i == "compile_error",
            proc_macro2::TokenTree::Group(g) if previous_was_compile_error => {
                let lit: syn::LitStr = syn::parse2(g.stream()).expect("a message");
                found.push(lit.value());
                previous_was_compile_error = false;
            }
            proc_macro2::TokenTree::Punct(p) if p.as_char() == '!' => {}
            _ => previous_was_compile_error = false,
        }
    }
    found
}

#[test]
fn string_codes_and_groups_map_onto_variants() {
    let out = expand(quote! {
        #[code("23505")] Unique,
        #[code(group = "integrity")] Integrity,
        #[code(other)] Other(Code),
    });
    assert!(errors(&out).is_empty(), "{out}");
    // The fallback, a `From<&str>` for raw codes, and the group's other
    // code in the group variant; the explicit code stays where it was put.
    assert!(out.contains("From < & str > for Failure"), "{out}");
    assert!(
        out.contains(":: shop_errors :: ErrorCode :: UniqueViolation) => Failure :: Unique"),
        "{out}"
    );
    assert!(
        out.contains(":: shop_errors :: ErrorCode :: ForeignKeyViolation) => Failure :: Integrity"),
        "{out}"
    );
    assert!(out.contains("CATALOG_FINGERPRINT == 7u64"), "{out}");
}

#[test]
fn a_number_in_a_string_catalog_is_an_error_that_shows_the_string() {
    let out = expand(quote! {
        #[code(23505)] Unique,
        #[code(other)] Other,
    });
    assert_eq!(
        errors(&out),
        ["the Shop catalog's codes are strings: write \"23505\""]
    );
}

#[test]
fn an_unknown_string_code_suggests_look_alikes() {
    let out = expand(quote! {
        #[code("23506")] Unique,
        #[code(other)] Other,
    });
    let e = errors(&out);
    assert_eq!(e.len(), 1, "{out}");
    assert!(
        e[0].starts_with("\"23506\" is not a Shop error code"),
        "{e:?}"
    );
    assert!(e[0].contains("\"23505\" UniqueViolation"), "{e:?}");
}

#[test]
fn an_unknown_group_lists_the_groups() {
    let out = expand(quote! {
        #[code(group = "paymnet")] Payment,
        #[code(other)] Other,
    });
    assert_eq!(
        errors(&out),
        [
            "unknown group `paymnet`; did you mean `payment`? the catalog's groups are integrity, payment"
        ]
    );
}

#[test]
fn a_selector_on_a_fact_the_catalog_never_states_is_an_error() {
    let out = expand(quote! {
        #[code(retryable)] Transient,
        #[code(other)] Other,
    });
    assert_eq!(
        errors(&out),
        ["`retryable` selects by retry policies, and the Shop catalog states none"]
    );
}

#[test]
fn an_exhaustive_enum_must_name_every_code() {
    let out = expand(quote! {
        #[code(group = "integrity")] Integrity,
        #[code("card_declined")] Declined,
    });
    let e = errors(&out);
    assert_eq!(e.len(), 1, "{out}");
    assert!(e[0].contains("\"expired_card\" ExpiredCard"), "{e:?}");
}
