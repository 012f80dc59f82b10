#!/usr/bin/env bash
# Runs every test errcat has, on a fresh machine as on a developer's: it
# installs what the tests need first (the pinned TypeScript and MDX
# compiler from their npm lockfiles, mdBook, the pinned Python tools in
# .venv, the OpenAPI validator from its pinned requirements; Chromium and
# playwright-core for the last step), then checks formatting, lints, that
# the fuzz targets compile, generated-file freshness, the whole test suite,
# the example catalogs and the getting-started page as a user runs them,
# the documentation build, and the reference books in a browser.
set -euo pipefail
cd "$(dirname "$0")/.."

MDBOOK_VERSION=0.4.52

step() { printf '\n==> %s\n' "$*"; }

# The OpenAPI validator codegen/tests/openapi.rs runs
# (openapi-spec-validator), in a virtual environment of its own,
# tests/openapi/.venv, with every package pinned in
# tests/openapi/requirements.txt. pip skips what is installed already.
openapi_validator_venv() {
  if ! command -v python3 >/dev/null; then
    echo "error: python3 is required (the OpenAPI tests run openapi-spec-validator)." >&2
    echo "       install it with your package manager, e.g. 'apt-get install python3 python3-venv'." >&2
    exit 1
  fi
  local venv=tests/openapi/.venv
  if [ ! -x "$venv/bin/pip" ]; then
    python3 -m venv "$venv"
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r tests/openapi/requirements.txt
  "$venv/bin/openapi-spec-validator" --help >/dev/null
}

step "tools"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "error: Node.js and npm are required (the TypeScript checks run tsc on node)." >&2
  echo "       install them with your package manager, e.g. 'apt-get install nodejs npm'." >&2
  exit 1
fi
node --version
# npm ci installs exactly what generated/ts/package-lock.json pins.
npm ci --prefix generated/ts --no-audit --no-fund --loglevel=error
# The MDX compiler (@mdx-js/mdx, GFM, gray-matter) that codegen/tests/mdx.rs
# compiles the MDX pages with, as tests/mdx/package-lock.json pins it.
npm ci --prefix tests/mdx --no-audit --no-fund --loglevel=error
openapi_validator_venv
if ! mdbook --version 2>/dev/null | grep -q "v${MDBOOK_VERSION}\$"; then
  cargo install mdbook --locked --version "${MDBOOK_VERSION}"
fi
mdbook --version
# The Python checks (codegen/tests/python.rs: mypy --strict, ruff, pytest,
# a wheel built with hatchling) run the tools of .venv, a virtual
# environment of this repository's own, at the versions and hashes
# scripts/python-requirements.txt pins. The tests need Python 3.11 or later
# (tomllib); the packages they check support 3.10.
if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "error: Python 3.11 or later is required as python3 (the Python checks run on it)." >&2
  echo "       install it with your package manager, e.g. 'apt-get install python3 python3-venv'." >&2
  exit 1
fi
# A .venv whose interpreter no longer runs (python3 upgraded or removed) is
# made again.
if ! .venv/bin/python -c '' 2>/dev/null; then
  rm -rf .venv
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check \
  --require-hashes --only-binary=:all: -r scripts/python-requirements.txt
.venv/bin/python --version

step "format"
cargo fmt --all -- --check

step "lint"
cargo clippy --workspace --all-targets -- -D warnings

step "fuzz targets compile"
# fuzz/ is a workspace of its own, so nothing above builds it; no nightly
# toolchain is needed to type-check it. --locked keeps fuzz/Cargo.lock in
# step with the crates it uses: after a dependency change, run this command
# without --locked and commit the lock file.
cargo check --manifest-path fuzz/Cargo.toml --all-targets --locked

step "lean build dependency"
# Without default features the library is what a build script needs; each
# other target is a feature of its own. Each must build alone, so a missing
# `cfg` cannot hide behind another feature, and the lean build must not
# pull in what only the CLI and the template targets use.
cargo check -q -p errcat --no-default-features --lib
for feature in typescript python book schema mdx openapi cli; do
  cargo check -q -p errcat --no-default-features --features "$feature" --lib
done
lean="$(cargo tree -q -p errcat --no-default-features -e normal --prefix none)"
for heavy in clap handlebars schemars mimalloc; do
  if grep -q "^$heavy v" <<<"$lean"; then
    echo "error: errcat without default features depends on $heavy" >&2
    exit 1
  fi
done
# Alone, so no other package turns errcat's features back on.
cargo test -q -p errcat-build-script-user

step "generated files are fresh"
cargo run -q -p errcat -- check

step "tests"
cargo test --workspace

step "example catalogs, as a user would take them"
bash scripts/examples.sh

step "getting started, as written"
bash scripts/getting-started.sh

step "docs build"
mdbook build docs

step "the reference books in a browser"
# Headless Chromium from Debian's packages, driven by playwright-core from
# tests/browser/package-lock.json: no browser is downloaded. The test
# builds the books of the shipped catalog, the examples and the hostile
# fixtures with mdBook and reads them as a reader would (tests/browser).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "error: /usr/bin/chromium is missing; install Debian's chromium package" >&2
    exit 1
  fi
fi
/usr/bin/chromium --version
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
cargo build -q -p errcat
node --test tests/browser/
