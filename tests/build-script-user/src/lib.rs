//! Uses the catalog compiled by `build.rs` from
//! `tests/fixtures/valid/minimal`, as a downstream crate would.

include!(concat!(env!("OUT_DIR"), "/errcat_catalog.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_catalog_is_usable() {
        assert_eq!(CATALOG_NAME, "minimal");
        assert_eq!(ErrorCode::ALL.len(), 2);
        let rl = ErrorCode::from_code(1).expect("code 1 exists");
        assert_eq!(rl, ErrorCode::RateLimited);
        assert_eq!(rl.http_status(), Some(429));
        assert!(rl.retryable());
        assert_eq!(
            rl.info().retry,
            RetryPolicy::Backoff {
                min_delay_secs: Some(30)
            }
        );
        // Facts only some entries state are optional: the minimal catalog
        // says nothing of SlowNote's platforms or RateLimited's severity.
        assert_eq!(rl.info().platforms, Some(&[Platform::Web][..]));
        assert_eq!(ErrorCode::SlowNote.info().platforms, None);
        assert_eq!(ErrorCode::SlowNote.severity(), Some(Severity::Warning));
        assert_eq!(rl.severity(), None);
        assert_eq!(Code::from(5), Code::Unknown(5));
        let json = serde_json::to_string(&Code::from(1)).expect("serializes");
        assert_eq!(json, "1");
        let back: Code = serde_json::from_str("77").expect("deserializes");
        assert_eq!(back.number(), 77);
    }
}
