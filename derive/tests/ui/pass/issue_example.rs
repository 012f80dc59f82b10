use ayrshare_errors::{Code, ErrorCode, FromCode};

#[derive(FromCode, Debug, PartialEq)]
enum Failure {
    #[code(435, 444)]
    RateLimited,
    #[code(447, 448, 449)]
    BadTrialReel,
    #[code(relink)]
    NeedsRelink,
    #[code(retryable)]
    Transient,
    #[code(platform = "reddit")]
    Reddit,
    #[code(other)]
    Other(Code),
}

fn main() {
    assert_eq!(Failure::from(Code::from(435)), Failure::RateLimited);
    assert_eq!(Failure::from(Code::from(475)), Failure::NeedsRelink);
    assert_eq!(Failure::from(Code::from(999)), Failure::Other(Code::from(999)));
    assert_eq!(Failure::from(442), Failure::Reddit);
    assert_eq!(
        Failure::RateLimited.codes(),
        &[ErrorCode::InstagramRateLimit, ErrorCode::FacebookPageAnalyticsRateLimit]
    );
}
