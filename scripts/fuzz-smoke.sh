#!/usr/bin/env bash
# Runs every built libFuzzer target briefly over its seeds (tests/fuzz/seeds/<target>/, plus the
# shared corpus where a target names one). Any crash fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-test}
seconds=${FUZZ_SECONDS:-15}
# A fixed seed makes the smoke reproducible: CI explores the same inputs a developer already ran.
seed=${FUZZ_SEED:-1}
found=0
for target in "$build"/tests/fuzz/fuzz_*; do
  [ -x "$target" ] || continue
  found=1
  name=$(basename "$target")
  work=$(mktemp -d)
  seeds=()
  [ -d "tests/fuzz/seeds/$name" ] && seeds+=("tests/fuzz/seeds/$name")
  if [ -f "tests/fuzz/seeds/$name.shared" ] && [ -d ../shared/corpus ]; then
    while read -r rel; do
      [ -n "$rel" ] || continue
      if [ -d "../shared/corpus/$rel" ]; then
        seeds+=("../shared/corpus/$rel")
      elif [ -f "../shared/corpus/$rel.tar.gz" ]; then # packed corpus folders
        mkdir -p "$work/shared-seeds" && tar -xzf "../shared/corpus/$rel.tar.gz" -C "$work/shared-seeds"
        seeds+=("$work/shared-seeds")
      fi
    done <"tests/fuzz/seeds/$name.shared"
  fi
  echo "fuzz smoke: $name for ${seconds}s over ${#seeds[@]} seed dir(s)"
  mkdir -p "$work/corpus"
  "$target" -seed="$seed" -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=1048576 \
    -artifact_prefix="$work/" "$work/corpus" "${seeds[@]}" >"$work/log" 2>&1 || {
    tail -40 "$work/log"; echo "fuzz smoke: $name FAILED"; exit 1; }
  grep -E '^(Done|#[0-9]+ *DONE)' "$work/log" | tail -1 || true
  rm -rf "$work"
done
[ "$found" -eq 1 ] || echo "fuzz smoke: no fuzz targets built"
