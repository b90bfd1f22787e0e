#!/usr/bin/env bash
# Compares vouch's CycloneDX component set with @cyclonedx/cyclonedx-npm's on every lockfile of the
# shared corpus: purl sets and per-purl hashes.
#
# usage: scripts/compare-cyclonedx-npm.sh [--vouch BIN] [--corpus DIR] [--out DIR] [--only SUBSTRING]
#                                         [--reuse-peer DIR]
#   --vouch   vouch binary (default build/src/cli/vouch; build it with scripts/build.sh release)
#   --corpus  unpacked lockfile corpus (default: ../shared/corpus unpacked into .cache/corpus)
#   --out     where SBOMs and the report go (default .cache/compare)
#   --only    compare only lockfiles whose corpus path contains SUBSTRING
#   --reuse-peer  take cyclonedx-npm's SBOMs from an earlier run's OUT dir instead of running it
#             again (its output does not change when only vouch did; saves ~25 minutes)
#
# cyclonedx-npm is installed from the npm registry into .cache/tools (scripts/install-peer-tools.sh)
# and run as `cyclonedx-npm --package-lock-only --flatten-components --output-reproducible`. It
# calls `npm ls`, which refuses many real trees; then it is run again with --ignore-npm-errors and
# the row says so. Each fixture folder is copied whole to a temp dir first (links point at
# siblings), so the corpus is never written to.
#
# Prints one row per lockfile: peer status, component counts (unique purls), purls only in vouch,
# only in the peer, and purls whose hash sets differ; details go to OUT/report.json and OUT/report.md.
# Exit 0 when the comparison ran (differences are reported, not failed on), 3 when an input is
# missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vouch="$root/build/src/cli/vouch"
corpus=""
out="$root/.cache/compare"
only=""
reuse=""
while [ $# -gt 0 ]; do
  case "$1" in
    --vouch) vouch=$(realpath "$2"); shift 2 ;;
    --corpus) corpus=$(realpath "$2"); shift 2 ;;
    --out) out=$(realpath -m "$2"); shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --reuse-peer) reuse=$(realpath "$2"); shift 2 ;;
    -h | --help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "compare-cyclonedx-npm: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

[ -x "$vouch" ] || { echo "compare-cyclonedx-npm: vouch binary $vouch not found; run: bash scripts/build.sh release" >&2; exit 3; }
if [ -z "$corpus" ]; then
  shared="$root/../shared/corpus"
  if [ ! -f "$shared/unpack.sh" ]; then
    echo "compare-cyclonedx-npm: SKIP: $shared not found (the shared corpus sits beside the checkout)" >&2
    exit 0
  fi
  corpus="$root/.cache/corpus"
  [ -d "$corpus/lockfiles" ] || { mkdir -p "$corpus" && bash "$shared/unpack.sh" "$corpus" >/dev/null; }
fi
[ -d "$corpus" ] || { echo "compare-cyclonedx-npm: corpus dir $corpus not found" >&2; exit 3; }
[ -x /usr/bin/python3 ] || { echo "compare-cyclonedx-npm: /usr/bin/python3 is needed (apt-get install python3)" >&2; exit 3; }

tools=$(bash "$root/scripts/install-peer-tools.sh")
cdx_npm="$tools/node_modules/.bin/cyclonedx-npm"
peer_version=$("$cdx_npm" --version 2>/dev/null | tail -1)
if [ -n "$reuse" ]; then
  [ -f "$reuse/manifest.tsv" ] || { echo "compare-cyclonedx-npm: $reuse/manifest.tsv not found" >&2; exit 3; }
  if [ "$reuse" = "$out" ]; then
    cp -r "$reuse" "$out.previous.$$" && reuse="$out.previous.$$"
    trap 'rm -rf "$reuse"' EXIT
  fi
fi
rm -rf "$out" && mkdir -p "$out/sboms"
manifest="$out/manifest.tsv"
: >"$manifest"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch" ${reuse:+"$out.previous.$$"}' EXIT

# One entry per folder holding a lockfile (npm, cyclonedx-npm and vouch all pick the shrinkwrap
# when a folder has both). node_modules/ copies inside fixtures are not lockfiles of their own.
mapfile -t dirs < <(cd "$corpus" && find lockfiles lockfiles-edge \( -name node_modules -prune \) -o \
  \( -name package-lock.json -o -name npm-shrinkwrap.json \) -print | xargs -n1 dirname | sort -u)
echo "compare-cyclonedx-npm: cyclonedx-npm $peer_version vs $("$vouch" --version 2>/dev/null | head -1) on ${#dirs[@]} lockfile folders" >&2
for rel in "${dirs[@]}"; do
  [ -z "$only" ] || [[ "$rel" == *"$only"* ]] || continue
  id=${rel//\//__}
  top=${rel%%/*}/$(echo "$rel" | cut -d/ -f2)   # lockfiles/<fixture>
  sub=${rel#"$top"}
  work="$scratch/$id"
  mkdir -p "$work"
  cp -r "$corpus/$top" "$work/fixture"
  dir="$work/fixture$sub"
  lockfile=package-lock.json
  [ -f "$dir/npm-shrinkwrap.json" ] && lockfile=npm-shrinkwrap.json

  # vouch
  vouch_rc=0
  "$vouch" sbom "$dir" --format cyclonedx -o "$out/sboms/$id.vouch.cdx.json" 2>"$out/sboms/$id.vouch.err" || vouch_rc=$?

  # cyclonedx-npm: strict first, then tolerant of `npm ls` errors.
  peer_status=failed
  if [ -n "$reuse" ]; then
    peer_status=$(awk -F'\t' -v r="$rel" '$1 == r { print $4 }' "$reuse/manifest.tsv")
    peer_status=${peer_status:-"failed (not in $reuse)"}
    cp "$reuse/sboms/$id.peer.cdx.json" "$out/sboms/" 2>/dev/null || true
    cp "$reuse/sboms/$id.peer.log" "$out/sboms/" 2>/dev/null || true
  elif [ ! -f "$dir/package.json" ]; then
    peer_status="failed (no package.json)"
  else
    flags=(--package-lock-only --flatten-components --output-reproducible --spec-version 1.6
      --output-format JSON -o "$out/sboms/$id.peer.cdx.json")
    if (cd "$dir" && timeout 300 "$cdx_npm" "${flags[@]}") >"$out/sboms/$id.peer.log" 2>&1; then
      peer_status=ok
    elif (cd "$dir" && timeout 300 "$cdx_npm" --ignore-npm-errors "${flags[@]}") >>"$out/sboms/$id.peer.log" 2>&1; then
      peer_status="ok (--ignore-npm-errors)"
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$rel" "$lockfile" "$vouch_rc" "$peer_status" "$id" >>"$manifest"
  printf '  %-70s vouch exit %s, cyclonedx-npm %s\n' "$rel/$lockfile" "$vouch_rc" "$peer_status" >&2
  rm -rf "$work"
done

/usr/bin/python3 "$root/scripts/compare-components.py" "$manifest" "$out/sboms" "$out/report.json" \
  "cyclonedx-npm $peer_version" | tee "$out/report.md"
echo "compare-cyclonedx-npm: report in $out/report.md and $out/report.json" >&2
