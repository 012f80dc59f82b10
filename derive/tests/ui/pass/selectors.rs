use ayrshare_errors::FromCode;

// Every selector kind; a unit fallback.
#[derive(FromCode, Debug, PartialEq)]
enum Kind {
    #[code(severity = "warning")]
    Warning,
    #[code(http = 429)]
    TooMany,
    #[code(platform = "youtube", platform = "tiktok")]
    Video,
    #[code(relink)]
    Relink,
    #[code(retryable)]
    Retry,
    #[code(severity = "error", http = 400)]
    BadRequest,
    #[code(other)]
    Other,
}

fn main() {
    assert_eq!(Kind::from(307), Kind::Warning);
    assert_eq!(Kind::from(435), Kind::TooMany);
    assert_eq!(Kind::from(453), Kind::Video);
    assert_eq!(Kind::from(161), Kind::Relink);
    assert_eq!(Kind::from(452), Kind::Retry);
    assert_eq!(Kind::from(447), Kind::BadRequest);
    assert_eq!(Kind::from(12345), Kind::Other);
}
