//! `#[derive(FromCode)]`: map an API's error codes onto your own enum, with
//! the mapping checked against the error catalog when your crate compiles.
//!
//! Use it through the catalog crate, which re-exports it:
//!
//! ```ignore
//! use ayrshare_errors::{Code, FromCode};
//!
//! #[derive(FromCode, Debug, PartialEq)]
//! enum Failure {
//!     #[code(435, 444)]            RateLimited,
//!     #[code(relink)]              NeedsRelink,
//!     #[code(retryable)]           Transient,
//!     #[code(platform = "reddit")] Reddit,
//!     #[code(other)]               Other(Code),
//! }
//! ```
//!
//! Selectors: code numbers; `retryable`; `relink`; `platform = "id"`;
//! `severity = "error" | "warning"`; `http = N`; `other` (the fallback, a
//! unit variant or one holding the `Code`). One attribute may list several;
//! a variant covers every code any of them selects. Explicit numbers win
//! over selectors, and selectors apply in declaration order: a code goes to
//! the first variant whose selector matches it.
//!
//! The catalog the checks use is `src/generated/catalog.tsv`, written by
//! `errcat generate` from the TOML catalog. A crate with a catalog of its
//! own points the derive at its table and at the crate holding its `Code`
//! type:
//!
//! ```ignore
//! #[derive(FromCode)]
//! #[from_code(table = "generated/derive/catalog.tsv", krate = "my_api_errors")]
//! enum MyFailure { /* ... */ }
//! ```
//!
//! The table path is relative to the using crate's `Cargo.toml`.

mod attr;
mod expand;
mod table;
mod valid;

use proc_macro::TokenStream;

/// Implements `From<Code>`, `From<ErrorCode>` and `From<u32>`, plus
/// `codes()` (the catalog codes a value's variant covers) and `CODE_MAP`.
#[proc_macro_derive(FromCode, attributes(code, from_code))]
pub fn derive_from_code(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
