use ayrshare_errors::{Code, FromCode};

#[derive(FromCode)]
enum Failure {
    #[code(http = 404)]
    NotFound,
    #[code(other)]
    Other(Code),
}

fn main() {}
