use ayrshare_errors::{Code, FromCode};

// A crate name that is no Rust path is an error on the attribute, not a
// panic inside the macro.
#[derive(FromCode, Debug)]
#[from_code(krate = "ayrshare errors")]
enum Failure {
    #[code(435)]
    RateLimited,
    #[code(other)]
    Other(Code),
}

fn main() {}
