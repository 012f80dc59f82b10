use ayrshare_errors::{Code, ErrorCode, FromCode};

// 161 requires a relink, but the explicit number wins even though the
// selector comes first.
#[derive(FromCode, Debug, PartialEq)]
enum Failure {
    #[code(relink)]
    Relink,
    #[code(161)]
    FacebookAuth,
    #[code(other)]
    Other(Code),
}

fn main() {
    assert_eq!(Failure::from(161), Failure::FacebookAuth);
    assert_eq!(Failure::from(475), Failure::Relink);
    assert!(!Failure::Relink.codes().contains(&ErrorCode::FacebookAuthorization));
}
