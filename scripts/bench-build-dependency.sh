#!/usr/bin/env bash
# What errcat costs a crate as a build dependency, against prost-build.
#
# Two empty library crates, each a workspace of its own:
# - `with-errcat` has `errcat = { path = <this repo>/codegen,
#   default-features = false }` as its build dependency, and its build.rs
#   compiles tests/fixtures/valid/minimal with errcat::build::Builder;
# - `with-prost` has the newest `prost-build` from crates.io, and its
#   build.rs compiles a one-message .proto when `protoc` is on PATH (prost-build
#   needs it at run time), or else only calls `prost_build::Config::new()`.
#   Which crates are compiled does not depend on that choice.
# BEFORE=<path of another errcat checkout> adds a third crate, the same as
# `with-errcat` with that checkout's codegen, so that two versions of
# errcat are measured against prost-build in one run.
#
# The errcat crates start from the checkout's own Cargo.lock, so they build
# the versions the repository is tested with; the prost-build crate resolves
# the newest versions. Dependencies are downloaded first, untimed. Then the
# crates are built alternately, RUNS times each (default 2), each build with
# `cargo build` (dev; PROFILE=release for --release) in a fresh target
# directory of its own: the clean build a CI run or a new contributor pays
# before the build script can run. The dev profile is what `cargo build`,
# `cargo test` and `cargo clippy` use; build dependencies get opt-level 0 in
# both profiles unless a crate overrides it. The crate count is the
# "Compiling" lines of cargo's output, the empty crate itself left out.
# Prints each build's wall and CPU time, then a table with the medians and
# the ratios to prost-build.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-2}
PROFILE=${PROFILE:-dev}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

source "$repo/scripts/bench-lib.sh"
print_machine
echo "rustc: $(rustc --version)"

profile_flag=()
[ "$PROFILE" = release ] && profile_flag=(--release)

mk() { # crate name, build-dependency line
  mkdir -p "$work/$1/src"
  cat > "$work/$1/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[build-dependencies]
$2

[workspace]
EOF
  echo '//! Empty: only the build dependency is measured.' > "$work/$1/src/lib.rs"
}

mk_errcat() { # crate name, errcat checkout
  mk "$1" "errcat = { path = \"$2/codegen\", default-features = false }"
  cp "$2/Cargo.lock" "$work/$1/Cargo.lock"
  cat > "$work/$1/build.rs" <<EOF
fn main() {
    if let Err(e) = errcat::build::Builder::new()
        .catalog("$repo/tests/fixtures/valid/minimal")
        .compile()
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
EOF
}

crates=(with-errcat with-prost)
mk_errcat with-errcat "$repo"
if [ -n "${BEFORE:-}" ]; then
  mk_errcat with-errcat-before "$(cd "$BEFORE" && pwd)"
  crates=(with-errcat-before with-errcat with-prost)
fi

mk with-prost 'prost-build = "*"'
if command -v protoc >/dev/null; then
  echo "protoc: $(protoc --version); the prost-build crate compiles a .proto"
  cat > "$work/with-prost/tiny.proto" <<'EOF'
syntax = "proto3";
package tiny;
message Error { uint32 code = 1; string message = 2; }
EOF
  cat > "$work/with-prost/build.rs" <<'EOF'
fn main() {
    prost_build::compile_protos(&["tiny.proto"], &["."]).unwrap_or_else(|e| panic!("{e}"));
}
EOF
else
  echo "protoc: not installed; the prost-build crate only calls prost_build::Config::new()"
  cat > "$work/with-prost/build.rs" <<'EOF'
fn main() {
    let _config = prost_build::Config::new();
}
EOF
fi

# Resolve and download, untimed.
for c in "${crates[@]}"; do
  (cd "$work/$c" && cargo fetch -q)
done
echo "prost-build: $(cd "$work/with-prost" && cargo tree -e build --depth 1 | grep -m1 'prost-build' | sed 's/.*prost-build/prost-build/')"

# Wall time is what the user waits for; CPU time (user + system, of cargo
# and every rustc it starts) moves less with the load of a shared machine.
TIMEFORMAT='%R %U %S'
declare -A times cpus counts
for i in $(seq "$RUNS"); do
  for c in "${crates[@]}"; do
    log="$work/$c-$i.log"
    target="$work/target-$c-$i"
    { time (cd "$work/$c" && CARGO_TARGET_DIR="$target" cargo build --offline "${profile_flag[@]}" 2> "$log"); } 2> "$work/time"
    read -r wall user sys < "$work/time"
    cpu=$(echo "$user + $sys" | bc)
    n=$(grep -c '^ *Compiling ' "$log")
    n=$((n - 1))
    rm -rf "$target"
    times[$c]+="$wall "
    cpus[$c]+="$cpu "
    counts[$c]=$n
    printf 'run %s %-20s %6.1f s wall %6.1f s CPU  %3d crates  (load %s)\n' \
      "$i" "$c" "$wall" "$cpu" "$n" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done

echo
echo "profile: $PROFILE; median of an even number of runs: the lower middle one"
printf '| %-18s | %-22s | %-11s | %-22s | %-10s | %-6s |\n' \
  "crate" "clean builds, wall (s)" "median wall" "CPU, user + sys (s)" "median CPU" "crates"
printf '| %-18s | %-22s | %-11s | %-22s | %-10s | %-6s |\n' "---" "---" "---" "---" "---" "---"
declare -A med medcpu
for c in "${crates[@]}"; do
  med[$c]=$(echo "${times[$c]}" | median)
  medcpu[$c]=$(echo "${cpus[$c]}" | median)
  walls=$(for t in ${times[$c]}; do printf '%.1f ' "$t"; done)
  cpu_list=$(for t in ${cpus[$c]}; do printf '%.1f ' "$t"; done)
  printf '| %-18s | %-22s | %-11.1f | %-22s | %-10.1f | %-6s |\n' \
    "$c" "$walls" "${med[$c]}" "$cpu_list" "${medcpu[$c]}" "${counts[$c]}"
done
echo
for c in "${crates[@]}"; do
  [ "$c" = with-prost ] && continue
  echo "$c / with-prost: wall $(echo "scale=2; ${med[$c]} / ${med[with-prost]}" | bc)x," \
    "CPU $(echo "scale=2; ${medcpu[$c]} / ${medcpu[with-prost]}" | bc)x (medians)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
