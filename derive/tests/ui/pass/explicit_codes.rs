use ayrshare_errors::{Code, ErrorCode, FromCode};

#[derive(FromCode, Debug, PartialEq)]
enum Duplicate {
    #[code(107, 110)]
    Duplicate,
    #[code(other)]
    Other(Code),
}

fn main() {
    assert_eq!(Duplicate::from(ErrorCode::TwitterDuplicateStatus), Duplicate::Duplicate);
    assert_eq!(Duplicate::from(107), Duplicate::Duplicate);
    assert!(matches!(Duplicate::from(435), Duplicate::Other(c) if c.number() == 435));
}
