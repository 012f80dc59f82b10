use ayrshare_errors::{Code, FromCode};

#[derive(FromCode)]
enum Failure {
    #[code(retriable)]
    Transient,
    #[code(platform = "myspace")]
    MySpace,
    #[code(severity = "fatal")]
    Fatal,
    #[code(other)]
    Other(Code),
}

fn main() {}
