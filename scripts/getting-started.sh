#!/usr/bin/env bash
# Runs docs/getting-started.md: every ```sh block of the page, in order, in
# one shell, in an empty directory, with the `errcat` just built on PATH.
# Blocks fenced as ```text are shown, not run (installing errcat, publishing).
# The page is the test: a step that stops working fails here.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

cargo build -q -p errcat --manifest-path "$repo/Cargo.toml"
target="${CARGO_TARGET_DIR:-$repo/target}"
export PATH="$target/debug:$PATH"
# The crates of the walk share one target directory, so their dependencies
# build once per machine rather than once per run.
export CARGO_TARGET_DIR="$target/getting-started"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
script="$work/walk.sh"
{
  echo 'set -euxo pipefail'
  awk '/^```sh$/ {on = 1; next} /^```/ {on = 0} on' "$repo/docs/getting-started.md"
} > "$script"
blocks=$(grep -c '^```sh$' "$repo/docs/getting-started.md")
if [ "$blocks" -lt 5 ]; then
  echo "error: docs/getting-started.md has $blocks runnable blocks; expected the whole walk" >&2
  exit 1
fi
(cd "$work" && bash "$script")
echo "getting-started: $blocks blocks ran"
