#!/usr/bin/env bash
# Every catalog under examples/ as a user would take it: `errcat init` and
# `errcat generate` in a fresh project outside this repository, then each
# package built by its own tool: the crate (build, clippy with warnings
# denied, its doc test), a crate of its own that derives `FromCode` from it,
# the npm package (`tsc --strict` through its tsconfig), and the reference
# book with mdBook. The export's schema is checked in codegen/tests/examples.rs.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

cargo build -q -p errcat --manifest-path "$repo/Cargo.toml"
target="${CARGO_TARGET_DIR:-$repo/target}"
errcat="$target/debug/errcat"
# One target directory for every example's crates: serde and syn build once.
export CARGO_TARGET_DIR="$target/examples"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

count=0
for example in "$repo"/examples/*/; do
  name="$(basename "$example")"
  printf '\n--- %s\n' "$name"
  project="$work/$name"
  mkdir -p "$project"
  cp -R "$example/catalog" "$project/catalog"
  "$errcat" init "$project"
  "$errcat" generate --catalog "$project/catalog"
  "$errcat" check --catalog "$project/catalog"

  # The crate, standalone.
  (cd "$project/generated/rust" && cargo build -q && cargo clippy -q --all-targets -- -D warnings && cargo test -q)

  # A crate of its own deriving FromCode: the first code by hand, the rest
  # to the fallback.
  crate="$(node -e "console.log(require('$project/generated/schema/catalog.json').catalog.rust_crate)")"
  first="$(node -e "console.log(JSON.stringify(require('$project/generated/schema/catalog.json').codes[0].code))")"
  ident="${crate//-/_}"
  mkdir -p "$project/app/src"
  cat > "$project/app/Cargo.toml" <<EOF
[package]
name = "app"
version = "0.1.0"
edition = "2024"

[dependencies]
$crate = { path = "../generated/rust" }
EOF
  cat > "$project/app/src/main.rs" <<EOF
use $ident::{Code, ErrorCode, FromCode};

#[derive(FromCode, Debug, PartialEq)]
enum Failure {
    #[code($first)]
    First,
    #[code(other)]
    Other(Code),
}

fn main() {
    let first = ErrorCode::ALL[0];
    assert_eq!(Failure::from(first), Failure::First);
    for code in &ErrorCode::ALL[1..] {
        assert_eq!(Failure::from(*code), Failure::Other(Code::from(*code)));
    }
    println!("{} codes mapped", ErrorCode::ALL.len());
}
EOF
  (cd "$project/app" && cargo run -q)

  # The npm package.
  (cd "$project/generated/ts" && npm install --no-audit --no-fund --loglevel=error && npm run -s build)

  # The reference book, built by mdBook (tests/browser opens it).
  mdbook build "$project/generated/book" >/dev/null

  count=$((count + 1))
done

if [ "$count" -lt 2 ]; then
  echo "error: expected at least two example catalogs under examples/, found $count" >&2
  exit 1
fi
echo "examples: $count catalogs built"
