//! The catalog's own vocabularies: `[[http_status]]`, `[[platform]]` and
//! `[[group]]`, and the checks of entries that name them.

use std::collections::BTreeMap;

use toml::Spanned;

use super::{Validator, loc};
use crate::diag::{Diagnostic, FileId, Loc};
use crate::ir;
use crate::load::Loaded;
use crate::names;

impl Validator<'_> {
    pub(super) fn http_statuses(&mut self, loaded: &Loaded) -> BTreeMap<u16, ir::HttpStatus> {
        let mut out: BTreeMap<u16, ir::HttpStatus> = BTreeMap::new();
        let mut first: BTreeMap<u16, Loc> = BTreeMap::new();
        for (file, rf) in &loaded.files {
            for s in &rf.http_status {
                let s = s.get_ref();
                let raw = *s.code.get_ref();
                let Some(code) = http_status(raw) else {
                    self.error(
                        "E0203",
                        format!("{raw} is not an HTTP status"),
                        loc(*file, &s.code),
                        "expected a number from 100 to 599",
                    );
                    continue;
                };
                if let Some(f) = first.get(&code) {
                    self.push(
                        Diagnostic::error("E0204", format!("HTTP status {code} is listed twice"))
                            .at(loc(*file, &s.code), "listed again here")
                            .note(f.clone(), "first listed here"),
                    );
                    continue;
                }
                first.insert(code, loc(*file, &s.code));
                let Some(meaning) = self.text(*file, &s.meaning) else {
                    continue;
                };
                out.insert(
                    code,
                    ir::HttpStatus {
                        code,
                        meaning,
                        success: s.success,
                    },
                );
            }
        }
        out
    }

    /// An HTTP status an entry or example names: one of the catalog's
    /// `[[http_status]]` list when it has one, else any status.
    pub(super) fn listed_status(
        &mut self,
        status: i64,
        at: Loc,
        statuses: &BTreeMap<u16, ir::HttpStatus>,
    ) -> Option<u16> {
        if statuses.is_empty() {
            let s = http_status(status);
            if s.is_none() {
                self.error(
                    "E0203",
                    format!("{status} is not an HTTP status"),
                    at,
                    "expected a number from 100 to 599",
                );
            }
            return s;
        }
        let listed = u16::try_from(status)
            .ok()
            .filter(|s| statuses.contains_key(s));
        if listed.is_none() {
            let list: Vec<String> = statuses.keys().map(|k| k.to_string()).collect();
            self.push(
                Diagnostic::error("E0306", format!("HTTP status {status} is not in the catalog's status list"))
                    .at(at, "not a listed status")
                    .help(format!(
                        "the catalog lists {}; add it to `[[http_status]]` if the API really returns it",
                        list.join(", ")
                    )),
            );
        }
        listed
    }

    pub(super) fn platforms(&mut self, loaded: &Loaded) -> BTreeMap<String, ir::Platform> {
        let mut out: BTreeMap<String, ir::Platform> = BTreeMap::new();
        let mut ids: BTreeMap<String, Loc> = BTreeMap::new();
        let mut names: BTreeMap<String, (String, Loc)> = BTreeMap::new();
        for (file, rf) in &loaded.files {
            for p in &rf.platform {
                let p = p.get_ref();
                let id = p.id.get_ref().clone();
                if !names::is_platform_id(&id) {
                    self.error(
                        "E0206",
                        format!("`{id}` is not a valid platform id"),
                        loc(*file, &p.id),
                        "expected lower-case letters, digits, `-` or `_`, starting with a letter",
                    );
                    continue;
                }
                if let Some(first) = ids.get(&id) {
                    self.push(
                        Diagnostic::error("E0205", format!("platform `{id}` is defined twice"))
                            .at(loc(*file, &p.id), "defined again here")
                            .note(first.clone(), "first defined here"),
                    );
                    continue;
                }
                ids.insert(id.clone(), loc(*file, &p.id));
                self.identifier(*file, &p.name, "platform", &mut names);
                let Some(title) = self.text(*file, &p.title) else {
                    continue;
                };
                out.insert(
                    id.clone(),
                    ir::Platform {
                        id,
                        name: p.name.get_ref().clone(),
                        title,
                    },
                );
            }
        }
        out
    }

    pub(super) fn unknown_platform(
        &mut self,
        file: FileId,
        p: &Spanned<String>,
        platforms: &BTreeMap<String, ir::Platform>,
    ) {
        let ids: Vec<&str> = platforms.keys().map(String::as_str).collect();
        let mut d = Diagnostic::error("E0307", format!("unknown platform `{}`", p.get_ref()))
            .at(loc(file, p), "not a platform of this catalog");
        d = match (names::nearest(p.get_ref(), &ids), ids.is_empty()) {
            (_, true) => d.help("the catalog defines no platforms; add it as `[[platform]]`"),
            (Some(n), _) => d.help(format!(
                "did you mean `{n}`? known platforms: {}",
                ids.join(", ")
            )),
            (None, _) => d.help(format!(
                "known platforms: {}; add new ones as `[[platform]]`",
                ids.join(", ")
            )),
        };
        self.push(d);
    }

    /// `[[group]]` tables by id, each with where it is defined; members
    /// are filled in by [`Self::group_members`].
    pub(super) fn groups(
        &mut self,
        loaded: &Loaded,
    ) -> (BTreeMap<String, ir::Group>, BTreeMap<String, Loc>) {
        let mut out: BTreeMap<String, ir::Group> = BTreeMap::new();
        let mut locs: BTreeMap<String, Loc> = BTreeMap::new();
        let mut names: BTreeMap<String, (String, Loc)> = BTreeMap::new();
        for (file, rf) in &loaded.files {
            for g in &rf.group {
                let g = g.get_ref();
                let id = g.id.get_ref().clone();
                let here = loc(*file, &g.id);
                if !names::is_kebab_case(&id) {
                    self.error(
                        "E0207",
                        format!("`{}` is not a valid group id", id.escape_debug()),
                        here,
                        "expected kebab-case, such as `integrity-constraint-violation`",
                    );
                    continue;
                }
                if let Some(first) = locs.get(&id) {
                    self.push(
                        Diagnostic::error("E0208", format!("group `{id}` is defined twice"))
                            .at(here, "defined again here")
                            .note(first.clone(), "first defined here")
                            .help("merge the two `[[group]]` tables"),
                    );
                    continue;
                }
                let name = names::to_pascal_case(&id);
                // Group names become identifiers in generated code; ids
                // that differ only in where their dashes are would collide.
                let key = name.to_ascii_lowercase();
                if let Some((first_id, first)) = names.get(&key) {
                    self.push(
                        Diagnostic::error(
                            "E0208",
                            format!(
                                "group `{id}` has the same name in generated code as `{first_id}`, once case is ignored"
                            ),
                        )
                        .at(here, format!("becomes `{name}`"))
                        .note(first.clone(), format!("becomes `{}`", names::to_pascal_case(first_id)))
                        .help("choose ids that differ in more than their dashes"),
                    );
                    continue;
                }
                if let Some(lang) = names::reserved_in(&name) {
                    self.push(
                        Diagnostic::error(
                            "E0305",
                            format!("group `{id}` becomes `{name}`, a reserved word in {lang}"),
                        )
                        .at(here, "reserved word")
                        .help("choose a more specific group id"),
                    );
                    continue;
                }
                names.insert(key, (id.clone(), here.clone()));
                locs.insert(id.clone(), here);
                let (Some(title), description) = (
                    self.text(*file, &g.title),
                    self.opt_text(*file, g.description.as_ref()),
                ) else {
                    continue;
                };
                out.insert(
                    id.clone(),
                    ir::Group {
                        id,
                        name,
                        title,
                        description,
                        codes: Vec::new(),
                    },
                );
            }
        }
        (out, locs)
    }

    /// An entry's `group`, which must be one of the catalog's groups.
    pub(super) fn group_ref(
        &mut self,
        file: FileId,
        g: &Spanned<String>,
        groups: &BTreeMap<String, ir::Group>,
    ) -> Option<String> {
        let id = g.get_ref();
        if groups.contains_key(id) {
            return Some(id.clone());
        }
        let ids: Vec<&str> = groups.keys().map(String::as_str).collect();
        let mut d = Diagnostic::error("E0324", format!("unknown group `{}`", id.escape_debug()))
            .at(loc(file, g), "not a group of this catalog");
        d = match (names::nearest(id, &ids), ids.is_empty()) {
            (_, true) => d.help(
                "the catalog defines no groups; add it as `[[group]]` with an `id` and a `title`",
            ),
            (Some(n), _) => d.help(format!(
                "did you mean `{n}`? known groups: {}",
                ids.join(", ")
            )),
            (None, _) => d.help(format!(
                "known groups: {}; add new ones as `[[group]]`",
                ids.join(", ")
            )),
        };
        self.push(d);
        None
    }

    /// Groups with their codes, in the order of their lowest code; a group
    /// no entry names draws a warning and comes last.
    pub(super) fn group_members(
        &mut self,
        mut groups: BTreeMap<String, ir::Group>,
        locs: &BTreeMap<String, Loc>,
        errors: &[ir::ErrorEntry],
    ) -> Vec<ir::Group> {
        for e in errors {
            if let Some(g) = e.group.as_ref().and_then(|g| groups.get_mut(g)) {
                g.codes.push(e.code.clone());
            }
        }
        for (id, g) in &groups {
            if g.codes.is_empty()
                && let Some(at) = locs.get(id)
            {
                self.push(
                    Diagnostic::warning("W0201", format!("no code belongs to group `{id}`"))
                        .at(at.clone(), "unused group")
                        .help("name it in an entry's `group`, or remove it"),
                );
            }
        }
        let mut out: Vec<ir::Group> = groups.into_values().collect();
        // `errors` is sorted, so each group's first code is its lowest.
        out.sort_by(|a, b| match (a.codes.first(), b.codes.first()) {
            (Some(x), Some(y)) => x.cmp(y).then_with(|| a.id.cmp(&b.id)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.id.cmp(&b.id),
        });
        out
    }
}

fn http_status(raw: i64) -> Option<u16> {
    u16::try_from(raw).ok().filter(|c| (100..=599).contains(c))
}
