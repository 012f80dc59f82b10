#!/usr/bin/env bash
# Instructions one run of each pipeline stage executes on a synthetic
# catalog, counted by valgrind (cachegrind, no cache simulation). Unlike
# times, the counts do not move with the load of a shared machine, so two
# versions of the code can be compared one after the other.
#
#   scripts/count-instructions.sh [CODES] [STAGE...]
#
# CODES defaults to 10000; STAGE to every stage (see codegen/examples/stage.rs).
# KIND=strings counts a catalog of string codes in groups instead of
# integer codes (the synth_catalog example's two kinds).
# Needs valgrind. A stage's count is that of running it twice minus that of
# running it once, so compiling the catalog beforehand is not counted.
set -euo pipefail
cd "$(dirname "$0")/.."

codes=${1:-10000}
shift || true
stages=("$@")
if [ ${#stages[@]} -eq 0 ]; then
  stages=(compile rust typescript book schema derive-table)
fi

command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
kind=${KIND:-integers}
cargo run -q --release -p errcat --example synth_catalog -- "$codes" "$dir/catalog" "$kind"
cargo build -q --release -p errcat --example stage
bin=${CARGO_TARGET_DIR:-target}/release/examples/stage

count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$bin" "$dir/catalog" "$1" "$2" 2>&1 | awk '/I *refs:/ {gsub(",", "", $NF); print $NF}'
}

echo "instructions per run, $codes codes, $kind ($(git rev-parse --short HEAD)$(git diff --quiet || echo ', with local changes'))"
for stage in "${stages[@]}"; do
  once=$(count "$stage" 1)
  twice=$(count "$stage" 2)
  printf '%-12s %8d M\n' "$stage" $(((twice - once) / 1000000))
done
