#!/usr/bin/env bash
# Writes cmake/symbol-order.txt: the functions vouch runs for its most frequent commands, in the
# order the linker should place them (lld --symbol-ordering-file; see cmake/Dependencies.cmake).
#
# usage: scripts/update-symbol-order.sh [VOUCH]   (default build/src/cli/vouch, a Release build)
#
# Why: the kernel maps a binary's code 64 KiB at a time around each page it faults in. Left where
# the compiler put them, the few hundred functions an SBOM runs were spread over a 7 MB text
# segment and brought 1.5 MiB of code pages into every SBOM's RSS; placed together they need a
# third of that (docs/performance.md). The list is a plain set of mangled names: a renamed or new
# function is simply placed where it would be without the file, so a stale list costs RSS, never
# correctness. Re-run it after large changes to the SBOM, scan or check paths and commit the result.
#
# Each command runs once under valgrind's callgrind (every thread); its functions are appended in
# that order: `--version` first (start-up, what every command runs), then sbom, scan, check.
# Needs valgrind and the shared corpus beside the checkout (a lockfile large enough to take the
# two-thread paths).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vouch=$(realpath "${1:-$root/build/src/cli/vouch}")
out="$root/cmake/symbol-order.txt"
corpus="$root/../shared/corpus"
command -v valgrind >/dev/null || { echo "update-symbol-order: valgrind not found (apt-get install valgrind)" >&2; exit 3; }
command -v callgrind_annotate >/dev/null || { echo "update-symbol-order: callgrind_annotate not found (apt-get install valgrind)" >&2; exit 3; }
[ -x "$vouch" ] || { echo "update-symbol-order: $vouch not found; run: bash scripts/build.sh release" >&2; exit 3; }
[ -f "$corpus/unpack.sh" ] || { echo "update-symbol-order: $corpus not found (the shared corpus sits beside the checkout)" >&2; exit 3; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
bash "$corpus/unpack.sh" "$scratch/corpus" >/dev/null
lock="$scratch/corpus/lockfiles/generated-toolchain-large"
"$vouch" db import "$root/examples/advisories" --db "$scratch/db" >/dev/null

# profile NAME ARGS...: the mangled names of vouch's own functions that ran, one per line.
profile() {
  local name=$1
  shift
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$scratch/$name.cg" \
    "$vouch" "$@" >/dev/null 2>"$scratch/$name.log" || true
  callgrind_annotate --threshold=100 "$scratch/$name.cg" |
    grep -F "[$vouch]" | sed -E "s/^.*\?\?\?:([^ ]+) \[.*$/\1/; s/'[0-9]+$//" |
    grep -v -E '^(0x|\(below)' || true
}

{
  profile version --version
  profile sbom sbom -q "$lock" -o "$scratch/sbom.json"
  profile spdx sbom -q --format spdx "$lock" -o "$scratch/spdx.json"
  profile scan scan "$lock" --db "$scratch/db" -o "$scratch/scan.json"
  profile check check "$lock" --db "$scratch/db" -o "$scratch/check.txt"
} | awk '!seen[$0]++' >"$scratch/order.txt"

count=$(wc -l <"$scratch/order.txt")
[ "$count" -gt 100 ] || { echo "update-symbol-order: only $count functions seen; is $vouch built with symbols?" >&2; exit 1; }
mv "$scratch/order.txt" "$out"
echo "update-symbol-order: $count functions written to cmake/symbol-order.txt"
