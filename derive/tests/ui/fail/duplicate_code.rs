use ayrshare_errors::{Code, FromCode};

#[derive(FromCode)]
enum Failure {
    #[code(435)]
    RateLimited,
    #[code(444, 435)]
    Throttled,
    #[code(other)]
    Other(Code),
}

fn main() {}
