use ayrshare_errors::{Code, FromCode};

// The Ayrshare catalog has no groups: a group selector is an error, not a
// selector that quietly matches nothing.
#[derive(FromCode, Debug)]
enum Failure {
    #[code(group = "rate-limits")]
    RateLimited,
    #[code(other)]
    Other(Code),
}

fn main() {}
