//! Runtime behaviour of derived enums: every catalog code lands where the
//! rules say, unknown codes go to the fallback.

use ayrshare_errors::{Code, ErrorCode, FromCode, Platform, Relink, Severity};

#[derive(FromCode, Debug, PartialEq, Clone, Copy)]
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

#[derive(FromCode, Debug, PartialEq)]
enum Coarse {
    #[code(severity = "warning")]
    Warning,
    #[code(http = 429)]
    Throttled,
    #[code(other)]
    Rest,
}

/// The rules written out independently of the macro: explicit numbers,
/// then selectors in order, then the fallback.
fn expected_failure(e: ErrorCode) -> Failure {
    let info = e.info();
    match e.code() {
        435 | 444 => Failure::RateLimited,
        447..=449 => Failure::BadTrialReel,
        _ if info.relink == Relink::Required => Failure::NeedsRelink,
        _ if info.retryable() => Failure::Transient,
        _ if info.platforms.contains(&Platform::Reddit) => Failure::Reddit,
        _ => Failure::Other(Code::Known(e)),
    }
}

#[test]
fn every_catalog_code_maps_as_the_rules_say() {
    for e in ErrorCode::ALL {
        assert_eq!(Failure::from(e), expected_failure(e), "{e:?}");
        let coarse = match e.info() {
            i if i.severity == Severity::Warning => Coarse::Warning,
            i if i.http_status == Some(429) => Coarse::Throttled,
            _ => Coarse::Rest,
        };
        assert_eq!(Coarse::from(e), coarse, "{e:?}");
    }
}

#[test]
fn unknown_codes_go_to_the_fallback_with_their_number() {
    for n in [0, 1, 999, 100_000, u32::MAX] {
        assert_eq!(
            Failure::from(Code::from(n)),
            Failure::Other(Code::Unknown(n))
        );
        assert_eq!(Coarse::from(n), Coarse::Rest);
    }
}

#[test]
fn code_map_partitions_the_catalog() {
    let mut all: Vec<ErrorCode> = Failure::CODE_MAP
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .collect();
    all.sort_unstable();
    assert_eq!(all, ErrorCode::ALL, "every code exactly once");
    for (name, codes) in Failure::CODE_MAP {
        for c in *codes {
            let v = Failure::from(*c);
            assert_eq!(v.codes(), *codes, "{name}: {c}");
        }
    }
    assert_eq!(
        Failure::RateLimited.codes(),
        &[
            ErrorCode::InstagramRateLimit,
            ErrorCode::FacebookPageAnalyticsRateLimit
        ]
    );
    assert!(
        Failure::NeedsRelink
            .codes()
            .contains(&ErrorCode::LinkedInAnalyticsRelinkRequired)
    );
}
