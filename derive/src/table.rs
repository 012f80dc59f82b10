//! The catalog as the derive sees it: the compact table `errcat generate`
//! writes (see `errcat::emit::derive_table`).

/// The table of the catalog this crate was generated for.
const EMBEDDED: &str = include_str!("generated/catalog.tsv");

pub struct Entry {
    pub code: u32,
    pub name: String,
    pub http: Option<u16>,
    pub warning: bool,
    pub retryable: bool,
    pub relink: bool,
    pub platforms: Vec<String>,
}

pub struct Table {
    pub title: String,
    /// The crate that defines `Code` and `ErrorCode`, as a path segment.
    pub krate: String,
    pub platforms: Vec<String>,
    /// Sorted by code.
    pub entries: Vec<Entry>,
}

impl Table {
    pub fn embedded() -> Result<Table, String> {
        Table::parse(EMBEDDED)
    }

    pub fn parse(text: &str) -> Result<Table, String> {
        let mut table = Table {
            title: String::new(),
            krate: String::new(),
            platforms: Vec::new(),
            entries: Vec::new(),
        };
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = || format!("line {} of the catalog table is malformed", i + 1);
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["catalog", _name, title, krate] => {
                    table.title = title.to_string();
                    table.krate = krate.to_string();
                }
                ["platforms", ids] => {
                    table.platforms = ids.split_whitespace().map(str::to_string).collect();
                }
                [code, name, http, severity, retryable, relink, platforms] => {
                    table.entries.push(Entry {
                        code: code.parse().map_err(|_| bad())?,
                        name: name.to_string(),
                        http: if *http == "-" {
                            None
                        } else {
                            Some(http.parse().map_err(|_| bad())?)
                        },
                        warning: *severity == "warning",
                        retryable: *retryable == "1",
                        relink: *relink == "1",
                        platforms: if *platforms == "-" {
                            Vec::new()
                        } else {
                            platforms.split(',').map(str::to_string).collect()
                        },
                    });
                }
                _ => return Err(bad()),
            }
        }
        if table.krate.is_empty() {
            return Err("the catalog table has no `catalog` line".into());
        }
        table.entries.sort_by_key(|e| e.code);
        Ok(table)
    }

    pub fn get(&self, code: u32) -> Option<&Entry> {
        self.entries
            .binary_search_by_key(&code, |e| e.code)
            .ok()
            .map(|i| &self.entries[i])
    }

    /// Codes that look like `code`: a digit changed, added, dropped or two
    /// swapped first, then the numerically closest; three at most.
    pub fn nearest(&self, code: u32) -> Vec<&Entry> {
        let text = code.to_string();
        let mut scored: Vec<(u8, u32, &Entry)> = self
            .entries
            .iter()
            .map(|e| {
                let look_alike = looks_like(&text, &e.code.to_string());
                (u8::from(!look_alike), e.code.abs_diff(code), e)
            })
            .collect();
        scored.sort_by_key(|(l, d, e)| (*l, *d, e.code));
        scored.into_iter().take(3).map(|(_, _, e)| e).collect()
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
