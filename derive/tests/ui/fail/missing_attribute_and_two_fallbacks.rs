use ayrshare_errors::{Code, FromCode};

#[derive(FromCode)]
enum Failure {
    RateLimited,
    #[code(other)]
    Other(Code),
    #[code(other)]
    Rest,
}

fn main() {}
