use ayrshare_errors::{Code, FromCode};

#[derive(FromCode, Debug)]
enum Failure {
    #[code("435")]
    RateLimited,
    #[code(other)]
    Other(Code),
}

fn main() {}
