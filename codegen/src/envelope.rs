//! Reading response bodies through a catalog's envelope: where error
//! objects sit, which field holds the code, and where the platform is
//! named. The validator checks examples with it; the path syntax is
//! documented in `docs/catalog-format.md`.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::ir::{Code, CodeKind, Envelope, Path, Segment};

/// An error or warning object found in a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<'a> {
    pub object: &'a Map<String, Value>,
    /// The object's code, when it has one of the catalog's kind.
    pub code: Option<Code>,
    /// The platform it names, by the envelope's platform paths.
    pub platform: Option<String>,
    /// Found at a `warnings` path.
    pub warning: bool,
}

/// Parse `errors[]`, `posts[].errors[]`, `resolution.platform`, `.`,
/// `{platform}`, `{key}` or `*`.
pub fn parse_path(text: &str) -> Result<Path, &'static str> {
    if text == "." {
        return Ok(Path(vec![Segment::Body]));
    }
    if text.is_empty() {
        return Err("an empty path; write `.` for the body itself");
    }
    let mut segments = Vec::new();
    for part in text.split('.') {
        let (name, each) = match part.strip_suffix("[]") {
            Some(n) => (n, true),
            None => (part, false),
        };
        let segment = match name {
            "" => return Err("an empty key: two dots, or a dot at an end"),
            "{platform}" => Segment::PlatformKey,
            "{key}" => Segment::ParentKey,
            "*" => Segment::AnyKey,
            n if n.contains(['[', ']', '{', '}', '*']) || n.chars().any(char::is_whitespace) => {
                return Err("a key holds no brackets, braces, `*` or spaces");
            }
            n => Segment::Key(n.to_string()),
        };
        segments.push(segment);
        if each {
            segments.push(Segment::Each);
        }
    }
    if segments.contains(&Segment::ParentKey) && segments.len() > 1 {
        return Err("`{key}` stands alone");
    }
    Ok(Path(segments))
}

/// The top-level keys that belong to the envelope: the first key of every
/// path and of every documented response field, and the code field. A key
/// outside it (and not a platform id) is an endpoint's own.
pub fn envelope_keys<'f>(
    env: &Envelope,
    fields: impl IntoIterator<Item = &'f str>,
) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    keys.insert(env.code_field.clone());
    for p in env
        .errors
        .iter()
        .chain(&env.warnings)
        .chain(&env.nested)
        .chain(&env.platform)
    {
        if let Some(Segment::Key(k)) = p.0.first() {
            keys.insert(k.clone());
        }
    }
    for f in fields {
        let first = f.split(['.', '[']).next().unwrap_or("");
        if !first.is_empty() {
            keys.insert(first.to_string());
        }
    }
    keys
}

/// The keys whose string values name a platform: the last key of each
/// platform path (`platform`, `resolution.platform`).
pub fn platform_fields(env: &Envelope) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in &env.platform {
        if let Some(Segment::Key(k)) = p.0.last()
            && !out.contains(k)
        {
            out.push(k.clone());
        }
    }
    out
}

/// Every error and warning object of `body`, in reading order: the body's
/// own, then those of its nested parts (which are not searched for
/// further nested parts), errors before warnings within each part.
pub fn error_objects<'a>(
    env: &Envelope,
    kind: CodeKind,
    keys: &BTreeSet<String>,
    is_platform: &dyn Fn(&str) -> bool,
    body: &'a Value,
) -> Vec<Found<'a>> {
    let Value::Object(map) = body else {
        return Vec::new();
    };
    let reader = Reader {
        env,
        kind,
        keys,
        is_platform,
    };
    let mut parts = vec![map];
    for p in &env.nested {
        reader.resolve(map, &p.0, None, &mut |o, _| {
            // `*` nests only an object that holds error objects of its own.
            if p.0 != [Segment::AnyKey] || reader.holds_list(o) {
                parts.push(o);
            }
        });
    }
    let mut out = Vec::new();
    for part in &parts {
        reader.part(part, false, &mut out);
    }
    for part in &parts {
        reader.part(part, true, &mut out);
    }
    out
}

struct Reader<'e> {
    env: &'e Envelope,
    kind: CodeKind,
    keys: &'e BTreeSet<String>,
    is_platform: &'e dyn Fn(&str) -> bool,
}

impl Reader<'_> {
    fn part<'a>(&self, map: &'a Map<String, Value>, warnings: bool, out: &mut Vec<Found<'a>>) {
        let paths = if warnings {
            &self.env.warnings
        } else {
            &self.env.errors
        };
        // The body itself is an error object only when no list beside it
        // holds one: a top-level code next to a list only summarises it.
        let lists_empty = paths
            .iter()
            .filter(|p| p.0.contains(&Segment::Each))
            .all(|p| {
                let mut any = false;
                self.resolve(map, &p.0, None, &mut |_, _| any = true);
                !any
            });
        for p in paths {
            if p.0 == [Segment::Body] {
                if lists_empty && map.contains_key(&self.env.code_field) {
                    out.push(self.found(map, None, warnings));
                }
                continue;
            }
            let keyed = p.0.contains(&Segment::PlatformKey);
            let any_key = p.0.contains(&Segment::AnyKey);
            self.resolve(map, &p.0, None, &mut |o, key| {
                // Under any key, an object is an error object only when it
                // is not a nested body (those are read as parts) and holds
                // the marker: a successful result may hold a code too.
                if any_key && (self.holds_list(o) || !self.marked(o)) {
                    return;
                }
                if o.contains_key(&self.env.code_field) {
                    out.push(self.found(o, key.filter(|_| keyed), warnings));
                }
            });
        }
    }

    /// Whether `o` has every field of the marker with its value.
    fn marked(&self, o: &Map<String, Value>) -> bool {
        self.env
            .marker
            .iter()
            .all(|(field, value)| o.get(field).and_then(Value::as_str) == Some(value.as_str()))
    }

    /// Whether `o` holds one of the lists the error paths read.
    fn holds_list(&self, o: &Map<String, Value>) -> bool {
        self.env.errors.iter().any(|p| match p.0.as_slice() {
            [Segment::Key(k), Segment::Each, ..] => o.get(k).is_some_and(Value::is_array),
            _ => false,
        })
    }

    /// Calls `f` with every object `path` reaches from `map`, and the key
    /// it sat under when that key was matched by `{platform}` or `*`.
    fn resolve<'a>(
        &self,
        map: &'a Map<String, Value>,
        path: &[Segment],
        key: Option<&'a str>,
        f: &mut dyn FnMut(&'a Map<String, Value>, Option<&'a str>),
    ) {
        let Some((first, rest)) = path.split_first() else {
            f(map, key);
            return;
        };
        match first {
            Segment::Body => self.resolve(map, rest, key, f),
            Segment::Key(k) => self.value(map.get(k), rest, key, f),
            Segment::PlatformKey => {
                for (k, v) in map {
                    if (self.is_platform)(k) {
                        self.value(Some(v), rest, Some(k), f);
                    }
                }
            }
            Segment::AnyKey => {
                for (k, v) in map {
                    if !self.keys.contains(k) && !(self.is_platform)(k) {
                        self.value(Some(v), rest, Some(k), f);
                    }
                }
            }
            // Only in platform paths, which `platform_of` reads.
            Segment::Each | Segment::ParentKey => {}
        }
    }

    fn value<'a>(
        &self,
        v: Option<&'a Value>,
        path: &[Segment],
        key: Option<&'a str>,
        f: &mut dyn FnMut(&'a Map<String, Value>, Option<&'a str>),
    ) {
        match (v, path.first()) {
            (Some(Value::Array(items)), Some(Segment::Each)) => {
                for item in items {
                    if let Value::Object(o) = item {
                        self.resolve(o, &path[1..], key, f);
                    }
                }
            }
            (Some(Value::Object(o)), Some(s)) if *s != Segment::Each => {
                self.resolve(o, path, key, f)
            }
            (Some(Value::Object(o)), None) => f(o, key),
            _ => {}
        }
    }

    fn found<'a>(
        &self,
        o: &'a Map<String, Value>,
        key: Option<&'a str>,
        warning: bool,
    ) -> Found<'a> {
        Found {
            object: o,
            code: read_code(self.kind, o.get(&self.env.code_field)),
            platform: self.platform_of(o, key),
            warning,
        }
    }

    fn platform_of(&self, o: &Map<String, Value>, key: Option<&str>) -> Option<String> {
        self.env.platform.iter().find_map(|p| match p.0.as_slice() {
            [Segment::ParentKey] => key.map(str::to_string),
            path => {
                let mut v: Option<&Value> = None;
                let mut here = o;
                for (i, s) in path.iter().enumerate() {
                    let Segment::Key(k) = s else { return None };
                    let next = here.get(k)?;
                    if i + 1 == path.len() {
                        v = Some(next);
                    } else {
                        here = next.as_object()?;
                    }
                }
                v.and_then(Value::as_str).map(str::to_string)
            }
        })
    }
}

/// A code of the catalog's kind: a number that fits 32 bits, or a string
/// that is a valid string code.
pub fn read_code(kind: CodeKind, v: Option<&Value>) -> Option<Code> {
    match (kind, v?) {
        (CodeKind::Int, Value::Number(n)) => n
            .as_u64()
            .and_then(|c| u32::try_from(c).ok())
            .map(Code::Int),
        (CodeKind::Str, Value::String(s)) => Code::parse(CodeKind::Str, s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip() {
        for text in [
            ".",
            "errors[]",
            "posts[].errors[]",
            "resolution.platform",
            "{platform}",
            "{key}",
            "*",
            "error",
        ] {
            let p = parse_path(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(p.to_string(), text);
        }
        for bad in ["", "a..b", "a.", "[]", "a b", "{key}.x", "a[0]"] {
            assert!(parse_path(bad).is_err(), "{bad:?} parsed");
        }
    }
}
