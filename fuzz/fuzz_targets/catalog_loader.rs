//! Catalog loader: any bytes, as one or more catalog files, through parse,
//! validation, every emitter, and diagnostic rendering. The checks are in
//! `fuzz/checks/catalog_loader.rs`, shared with the stable regression test
//! `codegen/tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../checks/catalog_loader.rs"]
#[allow(dead_code)] // a helper or two is only for the regression tests
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
