//! Identifier rules shared by validation and the emitters: what a name may
//! look like, which words are taken, and case conversion.

/// Words reserved in Rust (strict, reserved and edition keywords).
const RUST: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Words reserved or predefined in TypeScript and JavaScript, as keywords
/// or as type names that a generated type must not shadow.
const TYPESCRIPT: &[&str] = &[
    "any",
    "arguments",
    "as",
    "async",
    "await",
    "bigint",
    "boolean",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "constructor",
    "continue",
    "debugger",
    "declare",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "eval",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "from",
    "function",
    "get",
    "if",
    "implements",
    "import",
    "in",
    "infer",
    "instanceof",
    "interface",
    "is",
    "keyof",
    "let",
    "module",
    "namespace",
    "never",
    "new",
    "null",
    "number",
    "object",
    "of",
    "package",
    "private",
    "protected",
    "public",
    "readonly",
    "require",
    "return",
    "set",
    "static",
    "string",
    "super",
    "switch",
    "symbol",
    "this",
    "throw",
    "true",
    "try",
    "type",
    "typeof",
    "undefined",
    "unique",
    "unknown",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

/// Python's keywords that are capitalised, so a PascalCase name can be one.
const PYTHON: &[&str] = &["false", "none", "true"];

/// Names the generated code itself defines next to the catalog's names.
const GENERATED: &[&str] = &["Self", "Code", "ErrorCode", "Platform", "Known", "Unknown"];

/// The language that reserves `name` (compared without case, since
/// generated code uses it in several cases), if any.
pub fn reserved_in(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    if GENERATED.contains(&name) {
        Some("the generated code")
    } else if RUST.contains(&lower.as_str()) {
        Some("Rust")
    } else if TYPESCRIPT.contains(&lower.as_str()) {
        Some("TypeScript")
    } else if PYTHON.contains(&lower.as_str()) {
        Some("Python")
    } else {
        None
    }
}

/// `InstagramRateLimit`: an ASCII capital, then letters and digits, with no
/// run of capitals that would make the snake_case form ambiguous.
pub fn is_pascal_case(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_ascii_uppercase()
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && !s
            .as_bytes()
            .windows(2)
            .all(|w| w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase())
        || s.len() == 1 && first.is_ascii_uppercase()
}

/// Best-effort PascalCase of any text, for "did you mean" suggestions.
pub fn to_pascal_case(s: &str) -> String {
    let mut out = String::new();
    for word in s.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(f) = chars.next() {
            out.push(f.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'E');
    }
    out
}

/// `InstagramRateLimit` -> `instagram_rate_limit`; digits stay with the
/// word before them (`Http2Error` -> `http2_error`).
pub fn to_snake_case(s: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_ascii_uppercase();
            if i > 0 && (prev_lower || (prev_upper && next_lower)) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `instagram_rate_limit` in capitals, for constants.
pub fn to_screaming_case(s: &str) -> String {
    to_snake_case(s).to_ascii_uppercase()
}

/// Lower-case package-style names: `ayrshare-errors`, `my_api`.
pub fn is_package_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// A Python distribution name (PEP 508): ASCII letters, digits, `-`, `_`
/// and `.`, starting and ending with a letter or digit.
pub fn is_python_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.ends_with(|c: char| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
}

pub fn is_platform_id(s: &str) -> bool {
    is_package_name(s)
}

/// A name Python can import: ASCII letters, digits and `_`, not starting
/// with a digit, and not a keyword.
pub fn is_python_module(s: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
        "yield",
    ];
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&s)
}

/// `name` or `@scope/name`, lower case, URL-safe, at most 214 bytes.
pub fn is_npm_name(s: &str) -> bool {
    let part = |p: &str| {
        !p.is_empty()
            && !p.starts_with(['.', '_'])
            && p.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(c))
    };
    if s.len() > 214 {
        return false;
    }
    match s.strip_prefix('@') {
        Some(rest) => rest
            .split_once('/')
            .is_some_and(|(scope, name)| part(scope) && part(name)),
        None => part(s),
    }
}

/// MAJOR.MINOR.PATCH with an optional pre-release.
pub fn is_semver(s: &str) -> bool {
    let (core, pre) = match s.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (s, None),
    };
    let nums: Vec<&str> = core.split('.').collect();
    nums.len() == 3
        && nums.iter().all(|n| {
            !n.is_empty()
                && n.chars().all(|c| c.is_ascii_digit())
                && (n.len() == 1 || !n.starts_with('0'))
        })
        && pre.is_none_or(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        })
}

pub fn is_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with('/')
            // Printable ASCII only: anything else must be percent-encoded,
            // and unencoded text (a direction control, say) would travel
            // into every generated file.
            && r.chars().all(|c| c.is_ascii_graphic() && c != '"' && c != '<' && c != '>')
    })
}

pub fn is_kebab_case(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `YYYY-MM`, `YYYY-MM-DD` or `unknown`.
pub fn is_history_date(s: &str) -> bool {
    if s == "unknown" {
        return true;
    }
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize, lo: u32, hi: u32| {
        p.len() == len && p.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
    };
    match parts.as_slice() {
        [y, m] => num(y, 4, 1970, 9999) && num(m, 2, 1, 12),
        [y, m, d] => num(y, 4, 1970, 9999) && num(m, 2, 1, 12) && num(d, 2, 1, 31),
        _ => false,
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a plausible typo.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case() {
        assert!(is_pascal_case("InstagramRateLimit"));
        assert!(is_pascal_case("Http2Error"));
        assert!(is_pascal_case("X"));
        assert!(!is_pascal_case("instagramRateLimit"));
        assert!(!is_pascal_case("Rate_Limit"));
        assert!(!is_pascal_case("ALL"));
        assert!(!is_pascal_case(""));
    }

    #[test]
    fn snake_case() {
        assert_eq!(to_snake_case("InstagramRateLimit"), "instagram_rate_limit");
        assert_eq!(to_snake_case("Http2Error"), "http2_error");
        assert_eq!(to_snake_case("ByoTwitterIdentity"), "byo_twitter_identity");
        assert_eq!(to_screaming_case("XCreditsDepleted"), "X_CREDITS_DEPLETED");
    }

    #[test]
    fn reserved() {
        assert_eq!(reserved_in("Type"), Some("Rust"));
        assert_eq!(reserved_in("Delete"), Some("TypeScript"));
        assert_eq!(reserved_in("Self"), Some("the generated code"));
        assert_eq!(reserved_in("None"), Some("Python"));
        assert!(is_python_module("pg_errors"));
        assert!(!is_python_module("2fa_errors"));
        assert!(!is_python_module("import"));
        assert_eq!(reserved_in("RateLimited"), None);
    }

    #[test]
    fn packages_and_versions() {
        assert!(is_npm_name("@scope/ayrshare-errors"));
        assert!(!is_npm_name("Ayrshare"));
        assert!(is_semver("1.0.0-beta.1"));
        assert!(!is_semver("1.0"));
        assert!(is_history_date("2026-04"));
        assert!(!is_history_date("April 2026"));
    }

    #[test]
    fn nearest_word() {
        assert_eq!(nearest("backof", &["never", "backoff"]), Some("backoff"));
        assert_eq!(nearest("zzz", &["never", "backoff"]), None);
    }
}
