//! The `FromCode` derive: map an API's error codes onto your own enum, with
//! the mapping checked against the error catalog when your crate compiles.
//!
//! This engine is the same for every catalog. `errcat generate` writes it,
//! unchanged, into each catalog's `<name>-errors-derive` crate, next to a
//! table of that catalog's codes (`Catalog`), so the derive of a generated
//! package needs nothing but syn, quote, proc-macro2 and strsim, and always
//! checks against the catalog its package was generated from.
//!
//! The stages, in the manner of thiserror: [`attr`] reads the attributes,
//! [`valid`] checks them against the catalog and assigns every code to a
//! variant, [`expand`] writes the impls (or, on any error, the errors and
//! stub impls, so nothing cascades).

pub mod attr;
pub mod catalog;
pub mod expand;
pub mod valid;

pub use catalog::{Catalog, Code, Entry, Facts, Kind, Severity};

use proc_macro2::TokenStream;

/// The derive's output for `input`, checked against `catalog`.
pub fn derive(input: TokenStream, catalog: &Catalog) -> TokenStream {
    match syn::parse2::<syn::DeriveInput>(input) {
        Ok(input) => expand::derive(&input, catalog),
        Err(e) => e.to_compile_error(),
    }
}
