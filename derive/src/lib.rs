//! The engine of errcat's `FromCode` derive, as a library.
//!
//! Every package errcat generates comes with a `<name>-errors-derive`
//! proc-macro crate made of this engine, copied unchanged, and a table of
//! its catalog's codes. errcat's own crates are not published, so the
//! engine travels as source; this crate is where it is developed and where
//! its logic is tested without a proc-macro in between
//! (`tests/engine.rs`). The compile-time behaviour of the real derive is
//! tested through the generated Ayrshare crate (`tests/ui`).

pub mod engine;
