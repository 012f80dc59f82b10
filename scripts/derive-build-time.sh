#!/usr/bin/env bash
# Clean build time of the FromCode derive crate next to thiserror's derive
# crate (thiserror-impl), on this machine, in the same run: each is built in
# a fresh target directory, alternating, RUNS times; prints every time and
# the medians. Dependencies are fetched first so downloads are not timed.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$repo/scripts/bench-lib.sh"

mk() { # name, dependency line
  mkdir -p "$work/$1/src"
  printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n%s\n\n[workspace]\n' "$1" "$2" > "$work/$1/Cargo.toml"
  echo > "$work/$1/src/lib.rs"
}
mk measure-errcat "ayrshare-errors-derive = { path = \"$repo/derive\" }"
mk measure-thiserror 'thiserror-impl = "=2.0.21"'
for c in measure-errcat measure-thiserror; do (cd "$work/$c" && cargo fetch -q); done

build() { (cd "$work/$1" && CARGO_TARGET_DIR="$work/target" cargo build -q --offline); }
declare -A times
for i in $(seq "$RUNS"); do
  for c in measure-errcat measure-thiserror; do
    rm -rf "$work/target"
    t=$(seconds build "$c")
    times[$c]+="$t "
    echo "run $i $c: ${t}s"
  done
done
echo "median ayrshare-errors-derive: $(echo "${times[measure-errcat]}" | median)s"
echo "median thiserror-impl:         $(echo "${times[measure-thiserror]}" | median)s"
(cd "$work/measure-errcat" && cargo tree -q --offline -e normal | sed 's/^/  /')
(cd "$work/measure-thiserror" && cargo tree -q --offline -e normal | sed 's/^/  /')
