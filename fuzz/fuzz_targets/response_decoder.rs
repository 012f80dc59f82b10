//! Response decoder: an optional HTTP status and any body bytes, through
//! `Response::from_slice` and `classify_body`. The checks are in
//! `fuzz/checks/response_decoder.rs`, shared with the stable regression
//! test `generated/rust/tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../checks/response_decoder.rs"]
#[allow(dead_code)] // a helper or two is only for the regression tests
mod check;

libfuzzer_sys::fuzz_target!(|data: &[u8]| check::run(data));
