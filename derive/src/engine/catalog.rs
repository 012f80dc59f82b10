//! The catalog as the derive sees it: the facts its selectors read, for
//! every code, baked into the derive crate by `errcat generate`.

/// One catalog.
#[derive(Debug)]
pub struct Catalog {
    /// The API's name, for messages (`Ayrshare`).
    pub title: &'static str,
    /// The crate that defines `Code` and `ErrorCode`, as a path segment.
    pub krate: &'static str,
    pub kind: Kind,
    /// `CATALOG_FINGERPRINT` of the crate generated with this table.
    pub fingerprint: u64,
    /// Which facts some entry states; a selector on a fact none states is
    /// an error rather than a selector that never matches.
    pub states: Facts,
    /// Platform ids, sorted.
    pub platforms: &'static [&'static str],
    /// Group ids, in the catalog's order.
    pub groups: &'static [&'static str],
    /// In code order (by number, or by bytes for string codes).
    pub entries: &'static [Entry],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Str,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Facts {
    pub http: bool,
    pub severity: bool,
    pub retry: bool,
    pub relink: bool,
    pub platforms: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    Int(u32),
    Str(&'static str),
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Code::Int(n) => write!(f, "{n}"),
            Code::Str(s) => write!(f, "\"{s}\""),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One code with the facts selectors read; `None` where not stated.
#[derive(Debug)]
pub struct Entry {
    pub code: Code,
    pub name: &'static str,
    pub http: Option<u16>,
    pub severity: Option<Severity>,
    pub retryable: Option<bool>,
    pub relink: Option<bool>,
    pub platforms: &'static [&'static str],
    pub group: Option<&'static str>,
}

impl Catalog {
    /// The index of the entry with `code`.
    pub fn find(&self, code: &Code) -> Option<usize> {
        self.entries.binary_search_by(|e| e.code.cmp(code)).ok()
    }

    /// Up to three entries whose codes look like `text`: one character
    /// changed, added, dropped, or two swapped, first; then the closest by
    /// number or by edit distance.
    pub fn nearest(&self, text: &str) -> Vec<&Entry> {
        let number: Option<u32> = text.parse().ok();
        let mut scored: Vec<(bool, u64, &Entry)> = self
            .entries
            .iter()
            .map(|e| {
                let other = plain(&e.code);
                let distance = match (number, &e.code) {
                    (Some(a), Code::Int(b)) => u64::from(a.abs_diff(*b)),
                    _ => strsim::levenshtein(text, &other) as u64,
                };
                (!looks_like(text, &other), distance, e)
            })
            .collect();
        scored.sort_by_key(|(far, distance, e)| (*far, *distance, e.code));
        scored.into_iter().take(3).map(|(_, _, e)| e).collect()
    }
}

/// The code as text without quotes.
fn plain(code: &Code) -> String {
    match code {
        Code::Int(n) => n.to_string(),
        Code::Str(s) => (*s).to_string(),
    }
}

fn looks_like(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() == b.len() {
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        diff.len() == 1 || (diff.len() == 2 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]])
    } else {
        let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
        long.len() == short.len() + 1
            && (0..long.len()).any(|skip| {
                long.iter()
                    .enumerate()
                    .filter(|(i, _)| *i != skip)
                    .map(|(_, c)| c)
                    .eq(short.iter())
            })
    }
}
