//! The golden Rust output of the fixture catalogs, compiled as real
//! modules: if an emitter ever pastes text unescaped, this crate stops
//! building. The tests compare the compiled values with the export.

/// The `minimal` fixture catalog.
pub mod minimal {
    include!("../../golden/minimal/generated/rust/src/generated/catalog.rs");
}

/// The `hostile` fixture catalog: quotes, backslashes, comment markers,
/// template syntax, control and bidirectional characters.
pub mod hostile {
    include!("../../golden/hostile/generated/rust/src/generated/catalog.rs");
}

/// The `strings` fixture catalog: string codes, groups, facts that only
/// some entries state.
pub mod strings {
    include!("../../golden/strings/generated/rust/src/generated/catalog.rs");
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    fn export(fixture: &str) -> Value {
        let path = format!(
            "{}/../golden/{fixture}/generated/schema/catalog.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).expect("valid JSON")
    }

    #[test]
    fn hostile_text_survives_byte_for_byte() {
        let export = export("hostile");
        let codes = export["codes"].as_array().expect("codes");
        assert_eq!(codes.len(), super::hostile::ERRORS.len());
        for (info, entry) in super::hostile::ERRORS.iter().zip(codes) {
            assert_eq!(
                info.code.code() as u64,
                entry["code"].as_u64().expect("code")
            );
            assert_eq!(info.title, entry["title"]);
            assert_eq!(info.description, entry["description"]);
            assert_eq!(info.advice, entry["advice"]);
            let messages: Vec<&str> = entry["messages"]
                .as_array()
                .expect("messages")
                .iter()
                .map(|m| m.as_str().expect("text"))
                .collect();
            assert_eq!(info.messages, messages.as_slice());
            assert_eq!(info.action, entry["action"].as_str());
            let subcodes = entry["subcodes"].as_array().expect("subcodes");
            assert_eq!(info.subcodes.len(), subcodes.len(), "{}", info.name);
            for (s, e) in info.subcodes.iter().zip(subcodes) {
                assert_eq!(s.code, e["code"].as_u64().expect("code"));
                assert_eq!(s.description, e["description"]);
                assert_eq!(s.upstream_message, e["upstream_message"].as_str());
            }
        }
        assert_eq!(super::hostile::CATALOG_TITLE, export["catalog"]["title"]);
        assert_eq!(
            super::hostile::ErrorCode::from_code(u32::MAX).map(|c| c.name()),
            Some("MaxCode")
        );
        let after = super::hostile::ErrorCode::Zero.info().retry;
        assert_eq!(after.parse_delay("wait 5 s */"), Some(5));
    }

    #[test]
    fn minimal_matches_its_catalog() {
        use super::minimal::*;
        assert_eq!(ErrorCode::ALL.len(), 2);
        assert_eq!(ErrorCode::RateLimited.http_status(), Some(429));
        assert_eq!(Platform::from_id("web"), Some(Platform::Web));
        assert_eq!(Code::from(3), Code::Unknown(3));
    }

    #[test]
    fn strings_match_their_catalog() {
        use super::strings::*;
        let export = export("strings");
        let codes = export["codes"].as_array().expect("codes");
        assert_eq!(codes.len(), ErrorCode::ALL.len());
        for (c, entry) in ErrorCode::ALL.iter().zip(codes) {
            // Every code is found by its text, through the perfect hash.
            assert_eq!(c.code(), entry["code"].as_str().expect("a string code"));
            assert_eq!(ErrorCode::from_code(c.code()), Some(*c));
            assert_eq!(Code::from(c.code()), Code::Known(*c));
            assert_eq!(c.to_string(), c.code());
            assert_eq!(
                c.http_status(),
                entry["http_status"].as_u64().map(|h| h as u16)
            );
            assert_eq!(c.group().map(|g| g.id()), entry["group"].as_str());
            // Stated by some entries only: `None` where the export says null.
            assert_eq!(c.info().advice, entry["advice"].as_str());
            assert_eq!(c.retryable(), entry["retryable"].as_bool());
        }
        // Look-alikes of known codes are unknown, and keep their text.
        for text in ["23506", "CARD_DECLINED", "card_declined ", "", "rate-limit"] {
            assert_eq!(ErrorCode::from_code(text), None, "{text:?}");
            assert_eq!(Code::from(text), Code::Unknown(text.to_string()));
        }
        assert_eq!(
            Group::Payment.codes(),
            &[ErrorCode::CardDeclined, ErrorCode::ExpiredCard]
        );
        assert_eq!(Group::from_id("request"), Some(Group::Request));
    }
}
