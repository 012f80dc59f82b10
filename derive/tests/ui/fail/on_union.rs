use ayrshare_errors::FromCode;

#[derive(FromCode)]
union Failure {
    code: u32,
    other: f32,
}

fn main() {}
