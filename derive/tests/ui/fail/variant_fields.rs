use ayrshare_errors::{Code, FromCode};

#[derive(FromCode)]
enum Failure {
    #[code(435)]
    RateLimited(u64),
    #[code(444)]
    Throttled { seconds: u64 },
    #[code(other)]
    Other(Code, String),
}

fn main() {}
