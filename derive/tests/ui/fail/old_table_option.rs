use ayrshare_errors::{Code, FromCode};

#[derive(FromCode, Debug)]
#[from_code(table = "catalog.tsv")]
enum Failure {
    #[code(other)]
    Other(Code),
}

fn main() {}
