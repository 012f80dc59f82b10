use ayrshare_errors::{Code, FromCode};

// The derive fails, but code that uses its impls still type-checks: the
// only error is the derive's own.
#[derive(FromCode, Debug)]
enum Failure {
    #[code(9999)]
    Mistyped,
    #[code(other)]
    Other(Code),
}

fn main() {
    let f = Failure::from(Code::from(435));
    println!("{f:?} {:?}", f.codes());
}
