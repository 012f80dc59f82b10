#!/usr/bin/env bash
# Looking up string codes in a generated crate: the perfect hash that
# errcat generates (`ErrorCode::from_code`, and `Code::from(&str)` on top
# of it) against a `std::collections::HashMap<&str, ErrorCode>` of the same
# codes, in the same criterion run.
#
# For each catalog (examples/postgres, 262 SQLSTATE codes of five
# characters; and a synthetic catalog of N string codes, default 10,000, of
# 1 to 64 characters, from the synth_catalog example), the script does
# what a user does in a fresh directory outside this repository: `errcat
# init`, then `errcat generate`. It then adds criterion and
# benches/lookup.rs (below) to the generated crate and runs it, so no
# generated crate is committed. The bench looks up, in a fixed
# pseudo-random order:
# - hits: the catalog's codes;
# - misses: each code with its last character changed, so it is the same
#   length as a code and not in the catalog (the hardest miss: the
#   comparison fails at the last byte);
# - mixed: 512 hits and 512 misses;
# - hits and misses by length: 1 to 8, 9 to 32 and 33 to 64 characters.
# Every set is checked first: both ways give the same answers.
# Prints criterion's output, then a table of nanoseconds per lookup and the
# ratio (HashMap / generated).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

source "$repo/scripts/bench-lib.sh"
print_machine

(cd "$repo" && cargo build -q --release -p errcat --bin errcat --example synth_catalog)
target="${CARGO_TARGET_DIR:-$repo/target}"
errcat="$target/release/errcat"
# One target directory for both crates: criterion and serde build once.
export CARGO_TARGET_DIR="$work/target"

mkdir -p "$work/postgres" "$work/synth"
cp -R "$repo/examples/postgres/catalog" "$work/postgres/catalog"
"$target/release/examples/synth_catalog" "$N" "$work/synth/catalog" strings

for project in postgres synth; do
  dir="$work/$project"
  { "$errcat" init "$dir" && "$errcat" generate --catalog "$dir/catalog"; } >"$work/$project.log" 2>&1 ||
    { cat "$work/$project.log"; exit 1; }
  crate=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$dir/generated/rust/Cargo.toml" | head -1)
  cat >> "$dir/generated/rust/Cargo.toml" <<'EOF'

[dev-dependencies]
criterion = { version = "0.7", default-features = false, features = ["cargo_bench_support"] }

[[bench]]
name = "lookup"
harness = false
EOF
  mkdir -p "$dir/generated/rust/benches"
  sed "s/CRATE/${crate//-/_}/g; s/GROUP/$project/g" > "$dir/generated/rust/benches/lookup.rs" <<'EOF'
//! String-code lookup: the generated perfect hash against a HashMap.
use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use CRATE::{Code, ErrorCode};

/// A fixed pseudo-random order (xorshift), the same on every run.
fn shuffle<T>(v: &mut [T], mut seed: u64) {
    for i in (1..v.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        v.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

/// `code` with its last character changed so that it is no code of the
/// catalog; the same length.
fn miss(code: &str, map: &HashMap<&str, ErrorCode>) -> String {
    let alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-.";
    let stem = &code[..code.len() - 1];
    alphabet
        .chars()
        .map(|c| format!("{stem}{c}"))
        .find(|m| !map.contains_key(m.as_str()))
        .expect("a miss of the same length")
}

/// `n` of `keys` drawn from all of them, cycling through them when there
/// are fewer, shuffled.
fn take(keys: &[String], n: usize, seed: u64) -> Vec<String> {
    let mut all = keys.to_vec();
    shuffle(&mut all, seed);
    let mut out: Vec<String> = all.iter().cycle().take(n).cloned().collect();
    shuffle(&mut out, seed + 100);
    out
}

fn lookup(c: &mut Criterion) {
    let map: HashMap<&str, ErrorCode> = ErrorCode::ALL.iter().map(|&e| (e.code(), e)).collect();
    let hits: Vec<String> = ErrorCode::ALL.iter().map(|e| e.code().to_string()).collect();
    let misses: Vec<String> = hits.iter().map(|h| miss(h, &map)).collect();
    let len = |lo: usize, hi: usize, v: &[String]| -> Vec<String> {
        v.iter().filter(|k| (lo..=hi).contains(&k.len())).cloned().collect()
    };
    let mut sets: Vec<(String, Vec<String>)> = vec![
        ("hits".into(), take(&hits, 1024, 1)),
        ("misses".into(), take(&misses, 1024, 2)),
        ("mixed".into(), {
            let mut m = take(&hits, 512, 3);
            m.extend(take(&misses, 512, 4));
            shuffle(&mut m, 5);
            m
        }),
    ];
    for (lo, hi) in [(1, 8), (9, 32), (33, 64)] {
        for (what, v) in [("hits", &hits), ("misses", &misses)] {
            let keys = len(lo, hi, v);
            if !keys.is_empty() {
                sets.push((format!("{what}-len{lo}-{hi}"), take(&keys, 1024, 6)));
            }
        }
    }
    let mut g = c.benchmark_group("GROUP");
    for (name, keys) in &sets {
        for k in keys {
            assert_eq!(ErrorCode::from_code(k), map.get(k.as_str()).copied(), "{k}");
        }
        println!("set {name}: {} lookups", keys.len());
        g.bench_function(format!("{name}/generated"), |b| {
            b.iter(|| {
                let mut found = 0usize;
                for k in keys {
                    found += black_box(ErrorCode::from_code(black_box(k))).map_or(0, ErrorCode::index);
                }
                found
            })
        });
        g.bench_function(format!("{name}/hashmap"), |b| {
            b.iter(|| {
                let mut found = 0usize;
                for k in keys {
                    found += black_box(map.get(black_box(k.as_str()))).map_or(0, |e| e.index());
                }
                found
            })
        });
    }
    // `Code` from text, which keeps an unknown code's text: the generated
    // `Code::from(&str)` against the same built on the HashMap.
    let mixed = &sets[2].1;
    g.bench_function("code-from-text-mixed/generated", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for k in mixed {
                n += black_box(Code::from(black_box(k.as_str()))).as_str().len();
            }
            n
        })
    });
    g.bench_function("code-from-text-mixed/hashmap", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for k in mixed {
                let k = black_box(k.as_str());
                let code = match map.get(k) {
                    Some(&e) => Code::Known(e),
                    None => Code::Unknown(k.to_string()),
                };
                n += black_box(code).as_str().len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, lookup);
criterion_main!(benches);
EOF
  echo "--- $project: $crate, $(grep -c '' "$dir/generated/rust/src/generated/catalog.rs") lines of catalog.rs (load $(cut -d' ' -f1-3 /proc/loadavg))"
  (cd "$dir/generated/rust" && cargo bench -q --bench lookup -- --warm-up-time 1 --measurement-time 3 2>&1 |
    grep -v '^\s*$' | grep -v -i 'warning\|gnuplot\|^Benchmarking')
done

echo
echo "Nanoseconds per lookup (criterion mean over the set); ratio = HashMap / generated"
python3 - "$CARGO_TARGET_DIR/criterion" <<'EOF'
import json, pathlib, sys
results = {}
for bench in sorted(pathlib.Path(sys.argv[1]).glob("**/new/benchmark.json")):
    meta = json.loads(bench.read_text())
    mean = json.loads((bench.parent / "estimates.json").read_text())["mean"]["point_estimate"]
    name, side = meta["function_id"].rsplit("/", 1)
    results.setdefault((meta["group_id"], name), {})[side] = mean
print("| catalog | set | generated (ns) | HashMap (ns) | ratio |")
print("| --- | --- | --- | --- | --- |")
for (group, name), sides in results.items():
    if "generated" in sides and "hashmap" in sides:
        # Every set is 1024 lookups.
        g, h = sides["generated"] / 1024, sides["hashmap"] / 1024
        print(f"| {group} | {name} | {g:.1f} | {h:.1f} | {h / g:.2f}x |")
EOF
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
