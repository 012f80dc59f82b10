use ayrshare_errors::{Code, FromCode};

#[derive(FromCode)]
enum Failure {
    #[code(435, 999)]
    RateLimited,
    #[code(other)]
    Other(Code),
}

fn main() {}
