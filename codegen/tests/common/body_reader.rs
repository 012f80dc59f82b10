//! The codes a response body shows, read through a catalog's
//! `[catalog.envelope]` as its TOML writes it. A second reading, written
//! from the rules of the envelope (the doc of `codegen/src/envelope.rs` and
//! the paths of `docs/catalog-format.md`), so the tests can check what
//! errcat derives from example bodies (`shown_in`) without asking errcat's
//! own reader.
//!
//! The rules, as this reader applies them:
//! - A path is `.` (the body), or keys joined by `.`, each key optionally
//!   followed by `[]` (every object of the array there); `{platform}` is
//!   every key that is a platform id, `*` every key that is neither a
//!   platform id nor an envelope key.
//! - The envelope keys: the code field, the first key of every path, and
//!   the first key of every `[[catalog.field]]` name.
//! - The body is read, then every part the `nested` paths reach (a `*`
//!   part only when it holds an array where an errors path looks for
//!   one); nested parts are not searched for further parts.
//! - In each part, an object an errors or warnings path reaches is an
//!   error object when it has the code field. Under `.`, the part itself
//!   is one only when none of the array paths of the same list reaches an
//!   object: a code beside such a list only sums it up.
//! - A code is a number from 0 to 4294967295 in an integer catalog, a
//!   valid string code in a string catalog; anything else is no code.

use std::collections::BTreeSet;

use serde_json::{Map, Value};
use toml::{Table, Value as T};

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Body,
    Key(String),
    Each,
    PlatformKey,
    AnyKey,
    ParentKey,
}

type Path = Vec<Seg>;

fn parse(text: &str) -> Path {
    if text == "." {
        return vec![Seg::Body];
    }
    let mut out = Vec::new();
    for part in text.split('.') {
        let (name, each) = match part.strip_suffix("[]") {
            Some(n) => (n, true),
            None => (part, false),
        };
        out.push(match name {
            "{platform}" => Seg::PlatformKey,
            "{key}" => Seg::ParentKey,
            "*" => Seg::AnyKey,
            k => Seg::Key(k.to_string()),
        });
        if each {
            out.push(Seg::Each);
        }
    }
    out
}

/// A catalog's envelope, with what reading a body needs besides.
#[derive(Debug, Clone)]
pub struct Reader {
    code_field: String,
    errors: Vec<Path>,
    warnings: Vec<Path>,
    nested: Vec<Path>,
    keys: BTreeSet<String>,
    platforms: BTreeSet<String>,
    /// Codes are numbers (else strings).
    int_codes: bool,
}

fn strings(t: &Table, key: &str) -> Vec<String> {
    t.get(key)
        .and_then(T::as_array)
        .map(|a| a.iter().filter_map(T::as_str).map(String::from).collect())
        .unwrap_or_default()
}

impl Reader {
    /// The reader of the catalog whose manifest is `manifest`, whose
    /// platform ids are `platforms`, and whose codes are numbers when
    /// `int_codes`. Without `[catalog.envelope]`, the body is the error
    /// object, its code in `code`.
    pub fn new(manifest: &Table, platforms: BTreeSet<String>, int_codes: bool) -> Reader {
        let env = manifest.get("envelope").and_then(T::as_table);
        let (code_field, errors, warnings, nested, platform) = match env {
            Some(e) => (
                e.get("code_field")
                    .and_then(T::as_str)
                    .unwrap_or("code")
                    .to_string(),
                strings(e, "errors"),
                strings(e, "warnings"),
                strings(e, "nested"),
                strings(e, "platform"),
            ),
            None => (
                "code".to_string(),
                vec![".".to_string()],
                vec![],
                vec![],
                vec![],
            ),
        };
        let paths = |v: &[String]| v.iter().map(|p| parse(p)).collect::<Vec<_>>();
        let mut keys = BTreeSet::from([code_field.clone()]);
        for p in errors
            .iter()
            .chain(&warnings)
            .chain(&nested)
            .chain(&platform)
        {
            if let Some(Seg::Key(k)) = parse(p).first() {
                keys.insert(k.clone());
            }
        }
        let fields = manifest.get("field").and_then(T::as_array);
        for f in fields.into_iter().flatten().filter_map(T::as_table) {
            let name = f.get("name").and_then(T::as_str).unwrap_or("");
            let first = name.split(['.', '[']).next().unwrap_or("");
            if !first.is_empty() {
                keys.insert(first.to_string());
            }
        }
        Reader {
            code_field,
            errors: paths(&errors),
            warnings: paths(&warnings),
            nested: paths(&nested),
            keys,
            platforms,
            int_codes,
        }
    }

    /// The codes of every error and warning object in `body`, as JSON.
    pub fn codes(&self, body: &Value) -> Vec<Value> {
        let Value::Object(top) = body else {
            return Vec::new();
        };
        let mut parts = vec![top];
        for p in &self.nested {
            let mut reached = Vec::new();
            self.walk(top, p, &mut reached);
            let any_key = p.as_slice() == [Seg::AnyKey];
            parts.extend(
                reached
                    .into_iter()
                    .filter(|o| !any_key || self.holds_list(o)),
            );
        }
        let mut out = Vec::new();
        for list in [&self.errors, &self.warnings] {
            for part in &parts {
                for o in self.objects(part, list) {
                    out.extend(self.code_of(o));
                }
            }
        }
        out
    }

    fn objects<'a>(
        &self,
        part: &'a Map<String, Value>,
        list: &[Path],
    ) -> Vec<&'a Map<String, Value>> {
        let mut out = Vec::new();
        let lists_reach = list.iter().filter(|p| p.contains(&Seg::Each)).any(|p| {
            let mut reached = Vec::new();
            self.walk(part, p, &mut reached);
            !reached.is_empty()
        });
        for p in list {
            if p.as_slice() == [Seg::Body] {
                if !lists_reach && part.contains_key(&self.code_field) {
                    out.push(part);
                }
                continue;
            }
            let mut reached = Vec::new();
            self.walk(part, p, &mut reached);
            out.extend(
                reached
                    .into_iter()
                    .filter(|o| o.contains_key(&self.code_field)),
            );
        }
        out
    }

    fn holds_list(&self, o: &Map<String, Value>) -> bool {
        self.errors.iter().any(|p| match p.as_slice() {
            [Seg::Key(k), Seg::Each, ..] => o.get(k).is_some_and(Value::is_array),
            _ => false,
        })
    }

    /// Every object `path` reaches from `o`.
    fn walk<'a>(
        &self,
        o: &'a Map<String, Value>,
        path: &[Seg],
        out: &mut Vec<&'a Map<String, Value>>,
    ) {
        let Some((first, rest)) = path.split_first() else {
            out.push(o);
            return;
        };
        match first {
            Seg::Body => self.walk(o, rest, out),
            Seg::Key(k) => self.step(o.get(k), rest, out),
            Seg::PlatformKey => {
                for (k, v) in o {
                    if self.platforms.contains(k) {
                        self.step(Some(v), rest, out);
                    }
                }
            }
            Seg::AnyKey => {
                for (k, v) in o {
                    if !self.keys.contains(k) && !self.platforms.contains(k) {
                        self.step(Some(v), rest, out);
                    }
                }
            }
            Seg::Each | Seg::ParentKey => {}
        }
    }

    /// Goes on from the value under a key: into each object of an array
    /// when `[]` follows the key, into an object otherwise.
    fn step<'a>(&self, v: Option<&'a Value>, rest: &[Seg], out: &mut Vec<&'a Map<String, Value>>) {
        match (v, rest.first()) {
            (Some(Value::Array(items)), Some(Seg::Each)) => {
                for item in items {
                    if let Value::Object(o) = item {
                        self.walk(o, &rest[1..], out);
                    }
                }
            }
            (Some(Value::Object(o)), Some(s)) if *s != Seg::Each => self.walk(o, rest, out),
            (Some(Value::Object(o)), None) => out.push(o),
            _ => {}
        }
    }

    fn code_of(&self, o: &Map<String, Value>) -> Option<Value> {
        match o.get(&self.code_field)? {
            Value::Number(n) if self.int_codes => n
                .as_u64()
                .filter(|c| *c <= u64::from(u32::MAX))
                .map(Value::from),
            Value::String(s) if !self.int_codes && is_string_code(s) => {
                Some(Value::from(s.as_str()))
            }
            _ => None,
        }
    }
}

/// 1 to 64 ASCII letters, digits, `_`, `-` and `.`, not dots alone.
pub fn is_string_code(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
        && s.bytes().any(|b| b != b'.')
}
