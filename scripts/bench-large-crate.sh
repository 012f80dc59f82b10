#!/usr/bin/env bash
# The generated Rust for a 10,000-code catalog still compiles, and how long
# that crate takes to build on its own.
#
# A synthetic catalog of N codes (default 10000) is written by the
# `synth_catalog` example (the generator the pipeline bench uses), turned
# into code by `errcat generate`, and its catalog.rs is compiled in a
# standalone crate (dependencies serde and serde_json only, a `[workspace]`
# table of its own). The shipped catalog's catalog.rs is built the same
# way, for comparison in the same run. Both crates share one fresh target
# directory, so dependencies are built once, untimed; then each crate is
# built RUNS times (default 3), alternating, touching its lib.rs before
# each build, with CARGO_INCREMENTAL=0 so every build compiles the whole
# crate. PROFILE=release times release builds instead of dev builds.
# Prints every time and the medians.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-10000}
RUNS=${RUNS:-3}
PROFILE=${PROFILE:-dev}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
profile_flag=()
[ "$PROFILE" = release ] && profile_flag=(--release)

source "$repo/scripts/bench-lib.sh"
print_machine

(cd "$repo" && cargo build -q --release -p errcat --bin errcat --example synth_catalog)
"$repo/target/release/examples/synth_catalog" "$N" "$work/catalog"
t=$(seconds "$repo/target/release/errcat" generate --catalog "$work/catalog" --out "$work/out" 2>/dev/null)
echo "errcat generate, $N codes: $t s"
large_rs="$work/out/generated/rust/src/generated/catalog.rs"
echo "catalog.rs for $N codes: $(wc -c < "$large_rs") bytes, $(wc -l < "$large_rs") lines"

mk() { # crate name, catalog.rs to compile
  mkdir -p "$work/$1/src/generated"
  cp "$2" "$work/$1/src/generated/catalog.rs"
  cat > "$work/$1/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
serde = "1"
serde_json = { version = "1", features = ["preserve_order"] }

[workspace]
EOF
  # First an empty crate, so the dependencies are built untimed.
  echo > "$work/$1/src/lib.rs"
  (cd "$work/$1" && CARGO_TARGET_DIR="$work/target" cargo build -q "${profile_flag[@]}")
  cat > "$work/$1/src/lib.rs" <<'EOF'
//! A generated catalog module, compiled alone.
#![allow(missing_docs)]

#[rustfmt::skip]
#[path = "generated/catalog.rs"]
mod catalog;

pub use catalog::*;
EOF
}
mk large-catalog "$large_rs"
mk shipped-catalog "$repo/generated/rust/src/generated/catalog.rs"

build() { (cd "$work/$1" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$work/target" cargo build -q --offline "${profile_flag[@]}"); }
declare -A times
for i in $(seq "$RUNS"); do
  for c in large-catalog shipped-catalog; do
    touch "$work/$c/src/lib.rs"
    t=$(seconds build "$c")
    times[$c]+="$t "
    echo "run $i $c ($PROFILE): ${t}s (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
echo "median $N-code crate ($PROFILE): $(echo "${times[large-catalog]}" | median)s"
echo "median shipped crate ($PROFILE):   $(echo "${times[shipped-catalog]}" | median)s"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
