#!/usr/bin/env bash
# What `#[derive(FromCode)]` on a 30-variant enum adds to a crate's build.
#
# Two leaf crates depend on ayrshare-errors (by path): one holds a
# 30-variant enum with the derive (24 variants with explicit codes, five
# selectors, the `other` fallback), the other the same enum without the
# derive and its attributes. Both share one fresh target directory, built
# once untimed, so only the leaf crate is compiled when timed. Then each is
# built RUNS times (default 5), alternating, touching its lib.rs before
# each build, with CARGO_INCREMENTAL=0 so every build compiles the whole
# leaf crate (INCREMENTAL=1 keeps cargo's default instead). Prints every
# time, the medians, and the median of the run-by-run differences.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
incremental=()
[ "${INCREMENTAL:-0}" = 1 ] || incremental=(CARGO_INCREMENTAL=0)

source "$repo/scripts/bench-lib.sh"
print_machine

mk() { # crate name
  mkdir -p "$work/$1/src"
  cat > "$work/$1/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
ayrshare-errors = { path = "$repo/generated/rust" }

[workspace]
EOF
}

mk with-derive
cat > "$work/with-derive/src/lib.rs" <<'EOF'
//! A 30-variant enum mapped onto the catalog by the derive.
use ayrshare_errors::{Code, FromCode};

#[derive(FromCode, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    #[code(107)] FacebookDuplicate,
    #[code(110)] TwitterDuplicate,
    #[code(138)] InstagramError,
    #[code(176)] YouTubeUpload,
    #[code(258)] InstagramAccountState,
    #[code(288)] TikTokCommentDeferred,
    #[code(326)] MetaIdentity,
    #[code(379)] ThreadsPosting,
    #[code(416)] XCredits,
    #[code(417)] XAppPermissions,
    #[code(419)] MissingByoCredentials,
    #[code(423)] LegacyXAuth,
    #[code(438)] ModerationInput,
    #[code(440)] MediaDownload,
    #[code(441)] CaptionEnhancement,
    #[code(447)] TrialReelMissingStrategy,
    #[code(448)] TrialReelInvalidStrategy,
    #[code(449)] TrialReelIncompatible,
    #[code(450)] ImageConversion,
    #[code(451)] ImageDownload,
    #[code(452)] ConvertedImageUpload,
    #[code(453)] YouTubeTimedOut,
    #[code(454)] YouTubeUnavailable,
    #[code(475)] LinkedInRelink,
    #[code(relink)] NeedsRelink,
    #[code(http = 429)] Throttled,
    #[code(retryable)] Transient,
    #[code(platform = "reddit")] Reddit,
    #[code(severity = "warning")] Warning,
    #[code(other)] Other(Code),
}
EOF

mk without-derive
cat > "$work/without-derive/src/lib.rs" <<'EOF'
//! The same 30-variant enum, without the derive.
use ayrshare_errors::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    FacebookDuplicate,
    TwitterDuplicate,
    InstagramError,
    YouTubeUpload,
    InstagramAccountState,
    TikTokCommentDeferred,
    MetaIdentity,
    ThreadsPosting,
    XCredits,
    XAppPermissions,
    MissingByoCredentials,
    LegacyXAuth,
    ModerationInput,
    MediaDownload,
    CaptionEnhancement,
    TrialReelMissingStrategy,
    TrialReelInvalidStrategy,
    TrialReelIncompatible,
    ImageConversion,
    ImageDownload,
    ConvertedImageUpload,
    YouTubeTimedOut,
    YouTubeUnavailable,
    LinkedInRelink,
    NeedsRelink,
    Throttled,
    Transient,
    Reddit,
    Warning,
    Other(Code),
}
EOF

# Dependencies (ayrshare-errors, its derive, serde, serde_json), untimed,
# in the same environment as the timed builds (CARGO_INCREMENTAL is part of
# the path dependencies' fingerprint).
for c in with-derive without-derive; do
  (cd "$work/$c" && env "${incremental[@]}" CARGO_TARGET_DIR="$work/target" cargo build -q)
done

build() { (cd "$work/$1" && env "${incremental[@]}" CARGO_TARGET_DIR="$work/target" cargo build -q --offline); }
declare -A times
diffs=""
for i in $(seq "$RUNS"); do
  for c in with-derive without-derive; do
    touch "$work/$c/src/lib.rs"
    t=$(seconds build "$c")
    times[$c]+="$t "
    echo "run $i $c: ${t}s (load $(cut -d' ' -f1 /proc/loadavg))"
    if [ "$c" = with-derive ]; then t_with=$t; else diffs+="$(echo "$t_with - $t" | bc) "; fi
  done
done
with=$(echo "${times[with-derive]}" | median)
without=$(echo "${times[without-derive]}" | median)
echo "median with the derive:    ${with}s"
echo "median without the derive: ${without}s"
echo "difference of the medians: $(echo "($with - $without) * 1000" | bc) ms"
echo "median of the paired differences (run by run): $(echo "$(echo "$diffs" | median) * 1000" | bc) ms"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
