//! Compile-time behaviour of the derive: what must build, and the exact
//! errors for what must not (`.stderr` snapshots beside each case).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
