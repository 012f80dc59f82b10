//! The example catalogs under `examples/`: each compiles with no warning and
//! goes through every emitter, and a few facts of each agree with readings
//! of its source that were made independently of the catalog.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{repo, temp_dir};
use errcat::emit::{Layout, emit_all};
use errcat::ir::{self, Code, RetryPolicy, Severity};

/// The catalog directory of every example under `dir`: each subdirectory
/// is one example and must hold `catalog/` and `README.md`. A missing or
/// empty `dir` is an error, so the examples cannot vanish unnoticed.
fn example_catalogs(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if !path.is_dir() {
            continue;
        }
        let catalog = path.join("catalog");
        if !catalog.is_dir() {
            return Err(format!("{} has no catalog/ directory", path.display()));
        }
        if !path.join("README.md").is_file() {
            return Err(format!("{} has no README.md", path.display()));
        }
        out.push(catalog);
    }
    if out.is_empty() {
        return Err(format!("{} holds no example", dir.display()));
    }
    out.sort();
    Ok(out)
}

fn compile(catalog: &Path) -> ir::Catalog {
    let c = errcat::compile_with_warnings(catalog)
        .unwrap_or_else(|f| panic!("{} does not compile:\n{}", catalog.display(), f.render()));
    assert!(
        c.warnings.is_empty(),
        "{} draws warnings:\n{}",
        catalog.display(),
        c.render_warnings()
    );
    c.catalog
}

fn example(name: &str) -> ir::Catalog {
    compile(&repo().join("examples").join(name).join("catalog"))
}

fn entry(c: &ir::Catalog, code: Code) -> &ir::ErrorEntry {
    c.entry(&code)
        .unwrap_or_else(|| panic!("{} has no code {code}", c.meta.name))
}

#[test]
fn every_example_compiles_without_warnings_and_emits() {
    let catalogs = example_catalogs(&repo().join("examples")).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<String> = catalogs
        .iter()
        .map(|c| {
            c.parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for want in ["grpc", "postgres"] {
        assert!(
            names.iter().any(|n| n == want),
            "examples/{want} is missing: {names:?}"
        );
    }
    for catalog in &catalogs {
        let c = compile(catalog);
        let out = emit_all(&c, &Layout::default())
            .unwrap_or_else(|e| panic!("{}: emitting fails: {e:?}", catalog.display()));
        // The export states its catalog in the shape its schema describes.
        let file = |path: &str| -> serde_json::Value {
            let f = out
                .files
                .iter()
                .find(|f| f.path == path)
                .unwrap_or_else(|| panic!("{path} is not generated"));
            serde_json::from_str(&f.contents).unwrap_or_else(|e| panic!("{path}: {e}"))
        };
        let schema = file("generated/schema/catalog-export.schema.json");
        let export = file("generated/schema/catalog.json");
        let validator = jsonschema::draft202012::new(&schema)
            .unwrap_or_else(|e| panic!("the export schema does not build: {e}"));
        let problems: Vec<String> = validator
            .iter_errors(&export)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            problems.is_empty(),
            "{}: the export does not match its schema:\n{}",
            catalog.display(),
            problems.join("\n")
        );
        assert_eq!(
            export["codes"].as_array().map(Vec::len),
            Some(c.errors.len())
        );
    }
}

#[test]
fn a_missing_or_empty_examples_directory_is_an_error() {
    let dir = temp_dir("examples");
    assert!(example_catalogs(&dir.join("missing")).is_err());
    assert!(example_catalogs(&dir).is_err(), "an empty directory");
    fs::write(dir.join(".gitignore"), "generated/\n").unwrap();
    assert!(
        example_catalogs(&dir).is_err(),
        "a directory with files only"
    );
    fs::create_dir_all(dir.join("x")).unwrap();
    assert!(
        example_catalogs(&dir).is_err(),
        "an example without a catalog"
    );
    fs::create_dir_all(dir.join("x/catalog")).unwrap();
    assert!(
        example_catalogs(&dir).is_err(),
        "an example without a README"
    );
    fs::write(dir.join("x/README.md"), "x\n").unwrap();
    assert_eq!(example_catalogs(&dir), Ok(vec![dir.join("x/catalog")]));
    let _ = fs::remove_dir_all(&dir);
}

/// google/rpc/code.proto (googleapis f8291d2b89f0, blob 46b5d75a78aa):
/// each enum value with the status of its "HTTP Mapping" line, read off
/// the proto by hand.
const GRPC: [(&str, u32, u16); 17] = [
    ("OK", 0, 200),
    ("CANCELLED", 1, 499),
    ("UNKNOWN", 2, 500),
    ("INVALID_ARGUMENT", 3, 400),
    ("DEADLINE_EXCEEDED", 4, 504),
    ("NOT_FOUND", 5, 404),
    ("ALREADY_EXISTS", 6, 409),
    ("PERMISSION_DENIED", 7, 403),
    ("RESOURCE_EXHAUSTED", 8, 429),
    ("FAILED_PRECONDITION", 9, 400),
    ("ABORTED", 10, 409),
    ("OUT_OF_RANGE", 11, 400),
    ("UNIMPLEMENTED", 12, 501),
    ("INTERNAL", 13, 500),
    ("UNAVAILABLE", 14, 503),
    ("DATA_LOSS", 15, 500),
    ("UNAUTHENTICATED", 16, 401),
];

/// `NOT_FOUND` -> `NotFound`.
fn pascal(upper_snake: &str) -> String {
    upper_snake
        .split('_')
        .map(|w| w[..1].to_string() + &w[1..].to_ascii_lowercase())
        .collect()
}

#[test]
fn grpc_agrees_with_code_proto() {
    let c = example("grpc");
    assert_eq!(c.code_kind, ir::CodeKind::Int);
    assert_eq!(c.errors.len(), GRPC.len());
    assert!(c.groups.is_empty(), "code.proto does not group the codes");
    for (proto, code, http) in GRPC {
        let e = entry(&c, Code::Int(code));
        // `Unknown` is reserved by the generated code.
        let name = if proto == "UNKNOWN" {
            "UnknownError".to_string()
        } else {
            pascal(proto)
        };
        assert_eq!(e.name, name, "code {code}");
        assert_eq!(e.http_status, Some(http), "code {code} ({proto})");
        // code.proto does not call any code an error or a warning.
        assert_eq!(e.severity, None, "code {code}");
        assert!(
            e.messages.is_empty(),
            "code {code}: code.proto quotes no message"
        );
    }
    // code.proto states retry behaviour for these three only, and only
    // two map onto a policy: UNAVAILABLE (retry the call with backoff)
    // and FAILED_PRECONDITION (not until the state is fixed). ABORTED
    // (retry at a higher level) is left unstated.
    let unavailable = entry(&c, Code::Int(14));
    assert_eq!(unavailable.name, "Unavailable");
    assert_eq!(unavailable.http_status, Some(503));
    assert_eq!(
        unavailable.retry,
        Some(RetryPolicy::Backoff {
            min_delay_secs: None
        })
    );
    assert!(matches!(
        entry(&c, Code::Int(9)).retry,
        Some(RetryPolicy::AfterEvent { .. })
    ));
    let stated: Vec<u32> = c
        .errors
        .iter()
        .filter(|e| e.retry.is_some())
        .filter_map(|e| e.code.as_int())
        .collect();
    assert_eq!(stated, [9, 14]);
}

/// src/backend/utils/errcodes.txt of PostgreSQL (blob 5b25402ebbed, as at
/// master f20c4278342f), counted with grep:
/// `grep -cE '^[0-9A-Z]{5}[[:space:]]'` gives 268 code lines. Six of them
/// (2202E, 22008, 26000, 34000, 3D000, 3F000) repeat a code under a second
/// C macro with no condition name, so the file defines 262 codes, in 43
/// `Section:` lines; 251 are E, 10 are W and 1 is S.
const PG_CODE_LINES: usize = 268;
const PG_ALIAS_LINES: usize = 6;
const PG_SECTIONS: usize = 43;

#[test]
fn postgres_agrees_with_errcodes_txt() {
    let c = example("postgres");
    assert_eq!(c.code_kind, ir::CodeKind::Str);
    assert_eq!(c.errors.len(), PG_CODE_LINES - PG_ALIAS_LINES);
    assert_eq!(c.groups.len(), PG_SECTIONS);
    let count = |s: Option<Severity>| c.errors.iter().filter(|e| e.severity == s).count();
    assert_eq!(count(Some(Severity::Error)), 251);
    assert_eq!(count(Some(Severity::Warning)), 10);
    assert_eq!(count(None), 1);

    let s = |code: &str| Code::Str(code.to_string());
    let check = |code: &str, name: &str, group: &str, severity: Option<Severity>| {
        let e = entry(&c, s(code));
        assert_eq!(e.name, name, "{code}");
        assert_eq!(e.group.as_deref(), Some(group), "{code}");
        assert_eq!(e.severity, severity, "{code}");
    };
    let error = Some(Severity::Error);
    let warning = Some(Severity::Warning);
    check(
        "23505",
        "UniqueViolation",
        "integrity-constraint-violation",
        error,
    );
    check(
        "42P01",
        "UndefinedTable",
        "syntax-error-or-access-rule-violation",
        error,
    );
    check(
        "40001",
        "SerializationFailure",
        "transaction-rollback",
        error,
    );
    check(
        "00000",
        "SuccessfulCompletion",
        "successful-completion",
        None,
    );
    check("01P01", "DeprecatedFeature", "warning", warning);
    check("02000", "NoData", "no-data", warning);
    check("10608", "InvalidArgumentForXquery", "xquery-error", error);
    check(
        "HV00R",
        "FdwTableNotFound",
        "foreign-data-wrapper-error",
        error,
    );
    check("XX002", "IndexCorrupted", "internal-error", error);
    // A condition name shared by two codes: the second gets its class.
    check("22004", "NullValueNotAllowed", "data-exception", error);
    check(
        "39004",
        "ExternalRoutineInvocationNullValueNotAllowed",
        "external-routine-invocation-exception",
        error,
    );
    check(
        "22001",
        "StringDataRightTruncation",
        "data-exception",
        error,
    );
    check(
        "01004",
        "WarningStringDataRightTruncation",
        "warning",
        warning,
    );
    // A code listed twice keeps the class of its named line.
    check("3D000", "InvalidCatalogName", "invalid-catalog-name", error);

    assert_eq!(
        c.group("integrity-constraint-violation")
            .map(|g| g.title.as_str()),
        Some("Class 23: Integrity Constraint Violation")
    );
    // errcodes.txt states no HTTP status and no retry policy.
    assert!(
        c.errors
            .iter()
            .all(|e| e.http_status.is_none() && e.retry.is_none())
    );
    // Every code is in the group of its class (its first two characters).
    for g in &c.groups {
        let classes: std::collections::BTreeSet<String> = g
            .codes
            .iter()
            .map(|code| code.to_string()[..2].to_string())
            .collect();
        assert_eq!(classes.len(), 1, "group {} mixes classes {classes:?}", g.id);
        let class = classes.first().unwrap();
        assert!(
            g.title.starts_with(&format!("Class {class}: ")),
            "group {}: {}",
            g.id,
            g.title
        );
    }
}
