use ayrshare_errors::FromCode;

#[derive(FromCode)]
struct Failure {
    code: u32,
}

fn main() {}
