use ayrshare_errors::{Code, FromCode};

#[derive(FromCode)]
enum Failure {
    #[code(platform = "reddit")]
    Reddit,
    #[code(442, 443)]
    Banned,
    #[code(platform = "reddit")]
    AlsoReddit,
    #[code(other)]
    Other(Code),
}

fn main() {}
