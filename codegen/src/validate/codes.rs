//! Codes: their kind (one per catalog), their form, uniqueness, the names
//! that go with them, and references from one entry to another.

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;

use super::{Validator, loc};
use crate::diag::{Diagnostic, FileId, Loc};
use crate::ir::{self, Code, CodeKind};
use crate::load::Loaded;
use crate::names;
use crate::raw::{self, RawCode};

/// Every entry with a valid code, in reading order.
pub(super) type Entries<'l> = Vec<(FileId, &'l raw::RawError, Code)>;

impl Validator<'_> {
    /// The catalog's kind of code, and every entry whose code is valid.
    /// The kind is that of the first code read; a code of the other kind is
    /// an error. Duplicates are errors, codes that differ only in case
    /// draw a warning.
    pub(super) fn codes<'l>(&mut self, loaded: &'l Loaded) -> (CodeKind, Entries<'l>) {
        let mut kind: Option<(CodeKind, Loc)> = None;
        let mut seen: BTreeMap<Code, Loc> = BTreeMap::new();
        let mut folded: BTreeMap<String, (String, Loc)> = BTreeMap::new();
        let mut names: BTreeMap<String, (String, Loc)> = BTreeMap::new();
        let mut entries = Vec::new();
        for (file, rf) in &loaded.files {
            for e in &rf.error {
                let e = e.get_ref();
                let here = loc(*file, &e.code);
                // A bad code is still a name to check, so its other
                // problems show too.
                self.entry_name(*file, &e.name, &mut names);
                let Some(code) = self.code(*file, &e.code) else {
                    continue;
                };
                match &kind {
                    None => kind = Some((code.kind(), here.clone())),
                    Some((k, first)) if *k != code.kind() => {
                        self.mixed_kinds(*k, &code, here, first.clone());
                        continue;
                    }
                    Some(_) => {}
                }
                if let Some(first) = seen.get(&code) {
                    self.push(
                        Diagnostic::error("E0301", format!("error code {code} is defined twice"))
                            .at(here, "defined again here")
                            .note(first.clone(), "first defined here")
                            .help("codes are never reused: give the new error a code of its own"),
                    );
                    continue;
                }
                if let Code::Str(s) = &code {
                    let key = s.to_ascii_lowercase();
                    if let Some((other, first)) = folded.get(&key) {
                        self.push(
                            Diagnostic::warning("W0301", format!("codes `{s}` and `{other}` differ only in case"))
                                .at(here.clone(), "this code")
                                .note(first.clone(), "the other code")
                                .help("codes are case-sensitive, so both are valid, but readers and case-insensitive file systems (each code gets a page) confuse them"),
                        );
                    } else {
                        folded.insert(key, (s.clone(), here.clone()));
                    }
                }
                seen.insert(code.clone(), here);
                entries.push((*file, e, code));
            }
        }
        (kind.map_or(CodeKind::Int, |(k, _)| k), entries)
    }

    fn mixed_kinds(&mut self, kind: CodeKind, code: &Code, here: Loc, first: Loc) {
        let (this, that) = (code.kind().as_str(), kind.as_str());
        self.push(
            Diagnostic::error("E0322", format!("code {code} is {} {this}, but the catalog's codes are {that}s", article(this)))
                .at(here, format!("{} {this} code", article(this)))
                .note(first, format!("the first code, {} {that}, sets the kind", article(that)))
                .help(match kind {
                    CodeKind::Int => "a catalog has one kind of code: write every code as a number, or every code as a string (`code = \"23505\"`)",
                    CodeKind::Str => "a catalog has one kind of code: write this code as a string too (`code = \"404\"`)",
                }),
        );
    }

    /// A code as written, checked for its form (not for its kind).
    pub(super) fn code(&mut self, file: FileId, code: &Spanned<RawCode>) -> Option<Code> {
        match code.get_ref() {
            RawCode::Int(raw) => match u32::try_from(*raw) {
                Ok(c) => Some(Code::Int(c)),
                Err(_) => {
                    self.error(
                        "E0302",
                        format!("{raw} is not a valid error code"),
                        loc(file, code),
                        format!("expected a number from 0 to {}", u32::MAX),
                    );
                    None
                }
            },
            RawCode::Str(s) => {
                if ir::is_string_code(s) {
                    return Some(Code::Str(s.clone()));
                }
                let why = if s.is_empty() {
                    "an empty code".to_string()
                } else if s.len() > ir::MAX_STRING_CODE {
                    format!(
                        "{} characters, more than {}",
                        s.chars().count(),
                        ir::MAX_STRING_CODE
                    )
                } else if let Some(c) = s
                    .chars()
                    .find(|c| !c.is_ascii_alphanumeric() && !"_-.".contains(*c))
                {
                    format!("{} is not allowed in a code", shown_char(c))
                } else {
                    "a code of dots only".to_string()
                };
                self.push(
                    Diagnostic::error(
                        "E0302",
                        format!("`{}` is not a valid error code", s.escape_debug()),
                    )
                    .at(loc(file, code), why)
                    .help(format!(
                        "a string code is 1 to {} ASCII letters, digits, `_`, `-` or `.`",
                        ir::MAX_STRING_CODE
                    )),
                );
                None
            }
        }
    }

    fn entry_name(
        &mut self,
        file: FileId,
        name: &Spanned<String>,
        seen: &mut BTreeMap<String, (String, Loc)>,
    ) {
        self.identifier(file, name, "error", seen);
    }

    /// Checks an identifier for generated code: PascalCase, not reserved in
    /// any target language, unique even after case conversion (TypeScript
    /// and docs use other cases, and `ApiError` / `APIError` would collide).
    pub(super) fn identifier(
        &mut self,
        file: FileId,
        name: &Spanned<String>,
        what: &str,
        seen: &mut BTreeMap<String, (String, Loc)>,
    ) {
        let n = name.get_ref();
        let here = loc(file, name);
        if !names::is_pascal_case(n) {
            let suggestion = names::to_pascal_case(n);
            let mut d = Diagnostic::error("E0304", format!("`{n}` is not a PascalCase identifier"))
                .at(
                    here.clone(),
                    "expected PascalCase, such as `InstagramRateLimit`",
                );
            if names::is_pascal_case(&suggestion) {
                d = d.help(format!("write `{suggestion}`"));
            }
            self.push(d);
            return;
        }
        if let Some(lang) = names::reserved_in(n) {
            self.push(
                Diagnostic::error("E0305", format!("`{n}` is a reserved word in {lang}"))
                    .at(here.clone(), "reserved word")
                    .help(format!("choose a more specific {what} name")),
            );
            return;
        }
        let key = n.to_ascii_lowercase();
        if let Some((first_name, first)) = seen.get(&key) {
            let msg = if first_name == n {
                format!("{what} name `{n}` is used twice")
            } else {
                format!("{what} name `{n}` collides with `{first_name}` once case is ignored")
            };
            self.push(
                Diagnostic::error("E0303", msg)
                    .at(here, "used again here")
                    .note(first.clone(), "first used here")
                    .help(
                        "names must stay distinct in every generated language; rename one of them",
                    ),
            );
            return;
        }
        seen.insert(key, (n.clone(), here));
    }

    /// `superseded_by`, `replaces` or `related`: codes of this catalog,
    /// other than the entry's own, each once.
    pub(super) fn code_refs(
        &mut self,
        file: FileId,
        list: &[Spanned<RawCode>],
        own: &Code,
        kind: CodeKind,
        known: &BTreeSet<Code>,
        key: &str,
    ) -> Vec<Code> {
        let mut out: Vec<Code> = Vec::new();
        for r in list {
            let Some(c) = self.code(file, r) else {
                continue;
            };
            if c.kind() != kind {
                self.error(
                    "E0322",
                    format!(
                        "`{key}` names {c}, {} {}, but the catalog's codes are {}s",
                        article(c.kind().as_str()),
                        c.kind().as_str(),
                        kind.as_str()
                    ),
                    loc(file, r),
                    format!("write it as {} {}", article(kind.as_str()), kind.as_str()),
                );
            } else if &c == own {
                self.error(
                    "E0309",
                    format!("error {own} names itself in `{key}`"),
                    loc(file, r),
                    "refers to its own entry",
                );
            } else if !known.contains(&c) {
                let mut d = Diagnostic::error(
                    "E0308",
                    format!("`{key}` names {c}, which is not in the catalog"),
                )
                .at(loc(file, r), "unknown code");
                d = d.help(match nearest_code(&c, known) {
                    Some(n) => format!("did you mean {n}? a retired code stays in the catalog with `retired = \"...\"`"),
                    None => "a retired code stays in the catalog with `retired = \"...\"`; add the entry if the code is real".to_string(),
                });
                self.push(d);
            } else if out.contains(&c) {
                self.error(
                    "E0320",
                    format!("{c} is listed twice in `{key}`"),
                    loc(file, r),
                    "listed again here",
                );
            } else {
                out.push(c);
            }
        }
        out
    }
}

/// A known code that looks like a typo of `c`: one character changed,
/// added or dropped, or two characters swapped.
pub fn nearest_code(c: &Code, known: &BTreeSet<Code>) -> Option<Code> {
    let text = c.to_string();
    let swapped = |k: &str| {
        let (a, b) = (text.as_bytes(), k.as_bytes());
        a.len() == b.len() && {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            diff.len() == 2 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]
        }
    };
    known
        .iter()
        .filter(|k| k.kind() == c.kind())
        .filter_map(|k| {
            let ks = k.to_string();
            let d = strsim::levenshtein(&text, &ks);
            (d <= 1 || swapped(&ks)).then_some((d, k))
        })
        .min()
        .map(|(_, k)| k.clone())
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// A character for a message: visible ones quoted, others by code point.
fn shown_char(c: char) -> String {
    if c.is_ascii_graphic() {
        format!("`{c}`")
    } else {
        format!("U+{:04X}", u32::from(c))
    }
}
