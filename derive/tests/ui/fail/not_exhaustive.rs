use ayrshare_errors::FromCode;

#[derive(FromCode)]
enum Failure {
    #[code(relink)]
    NeedsRelink,
    #[code(retryable)]
    Transient,
}

fn main() {}
