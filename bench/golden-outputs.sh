#!/usr/bin/env bash
# Byte-for-byte regression check of the lockfile -> output pipeline, for refactors that must not
# change any output (the lockfile/SBOM model work of issue 11): records CycloneDX and SPDX SBOMs
# (SOURCE_DATE_EPOCH=0, so they are reproducible), `--omit dev` SBOMs and `vouch scan` JSON and
# SARIF (with lockfile line numbers) reports (VOUCH_NOW pinned) for a spread of corpus lockfiles (v1, v2, v3, workspaces, links,
# bundled, git, a malformed one), with a reference binary; then compares a new binary's outputs.
#   bench/golden-outputs.sh record VOUCH_BINARY DIR   # e.g. the binary built from main
#   bench/golden-outputs.sh check  VOUCH_BINARY DIR   # exit 1 and a diff summary on any change
#   CORPUS=DIR   unpacked corpus (default .cache/corpus, unpacked from ../shared on first use)
#   VOUCH_SHARED_DIR  the shared corpus's parent (default ../shared beside the checkout)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 3 ] || { echo "usage: $0 record|check VOUCH_BINARY DIR" >&2; exit 2; }
mode=$1 vouch=$(realpath "$2") dir=$3
[ -x "$vouch" ] || { echo "golden: $vouch is not executable" >&2; exit 2; }
shared=${VOUCH_SHARED_DIR:-$root/../shared}/corpus
corpus=${CORPUS:-$root/.cache/corpus}
if [ ! -d "$corpus/lockfiles" ]; then
  [ -d "$shared" ] || { echo "golden: no corpus ($shared not found)" >&2; exit 77; }
  mkdir -p "$corpus" && bash "$shared/unpack.sh" "$corpus" >/dev/null
fi
lockfiles=(
  lockfiles/saleor__saleor-dashboard@e69eb9c lockfiles/saleor__saleor-dashboard@5d0c3fa
  lockfiles/Dogfalo__materialize lockfiles/Shopify__hydrogen@264e133 lockfiles/documenso__documenso
  lockfiles/npm__cli lockfiles/generated-legacy-vulnerable lockfiles-edge/audit-omit
  lockfiles-edge/two-bundled-deps lockfiles-edge/install-types lockfiles-edge/old-lock-with-link
  lockfiles-edge/link-dep-nested lockfiles-edge/external-link-dep
  lockfiles-edge/workspaces-shared-deps-virtual lockfiles-edge/pnpm lockfiles-edge/tap-old-lockfile
  lockfiles-edge/minimist-git-dep lockfiles-edge/testing-peer-deps-bad-sw
)
case "$mode" in
  record) out=$dir; rm -rf "$out"; mkdir -p "$out" ;;
  check) [ -d "$dir" ] || { echo "golden: nothing recorded in $dir" >&2; exit 2; }
         out=$(mktemp -d); trap 'rm -rf "$out"' EXIT ;;
  *) echo "usage: $0 record|check VOUCH_BINARY DIR" >&2; exit 2 ;;
esac
# The advisory database is built once (by `record`) and reused, so both binaries scan the same.
db=$dir/db
if [ ! -f "$db/.built" ]; then
  A=$shared/advisories
  [ -d "$A" ] || { echo "golden: $A not found" >&2; exit 77; }
  "$vouch" db import "$A/ghsa-npm-subset" "$A/ghsa-npm-extra" "$A/ghsa-npm-fixtures" \
    "$A/nodejs-security-wg" "$A/ghsa-graphql-npm" "$A/npm-bulk-advisory-fixtures" --skip-invalid \
    --db "$db" >/dev/null 2>&1
  touch "$db/.built"
fi
export SOURCE_DATE_EPOCH=0 VOUCH_NOW=2026-11-23T12:00:00Z
run() { # NAME ARGS...: stdout, stderr and exit code of one run
  local name=$1; shift
  set +e
  (cd "$corpus" && "$vouch" "$@") >"$out/$name.out" 2>"$out/$name.err"
  echo $? >"$out/$name.rc"
  set -e
}
for lock in "${lockfiles[@]}"; do
  [ -d "$corpus/$lock" ] || { echo "golden: $corpus/$lock missing" >&2; exit 2; }
  n=$(basename "$lock")
  run "$n.cdx" sbom "$lock"
  run "$n.spdx" sbom --format spdx "$lock"
  run "$n.cdx-omit-dev" sbom "$lock" --omit dev
  run "$n.scan" scan "$lock" --db "$db" --format json --fail-on none
  run "$n.scan-omit" scan "$lock" --db "$db" --format json --fail-on none --omit dev --omit optional
  run "$n.sarif" scan "$lock" --db "$db" --format sarif --fail-on none
done
if [ "$mode" = record ]; then
  echo "golden: recorded $(ls "$out" | grep -c '\.out$') outputs in $out"
  exit 0
fi
changed=0
for f in "$out"/*; do
  name=$(basename "$f")
  if ! cmp -s "$f" "$dir/$name"; then
    echo "golden: $name differs"; changed=1
  fi
done
[ "$changed" = 0 ] && echo "golden: all $(ls "$out" | grep -c '\.out$') outputs identical"
exit "$changed"
