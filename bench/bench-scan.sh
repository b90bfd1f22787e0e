#!/usr/bin/env bash
# `vouch scan` of the largest corpus lockfile (saleor-dashboard, 3,772 packages) against
#   corpus - every advisory of ../shared/corpus/advisories (all formats, ~2,700 records)
#   osv    - an OSV npm dump at the real export's scale (bench/gen-osv-dump.py: 200,000 records)
# with hyperfine medians, beside the limit (50 ms) and, in the same run, `vouch sbom` of the same
# lockfile (the lockfile-reading floor every scan pays). Optional offline peer: Renovate's
# @renovatebot/osv-offline + node-semver over the same OSV records (bench/peer-osv-offline.mjs).
#   bench/bench-scan.sh [VOUCH_BINARY]
#   RUNS=N (default 10)   LOCKFILES="corpus/lockfiles/NAME ..." (default the largest)
#   PEER_DIR=DIR   where @renovatebot/osv-offline is installed (PEER_INSTALL=1 installs it there
#                  with `npm install --prefix DIR @renovatebot/osv-offline@3.0.11 semver`)
#   VOUCH_SHARED_DIR  the shared corpus's parent (default ../shared beside the checkout)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vouch=${1:-${VOUCH:-}}
if [ -z "$vouch" ]; then
  for candidate in "$root"/build/src/cli/vouch "$root"/build-release/src/cli/vouch "$root"/build-dev/src/cli/vouch; do
    [ -x "$candidate" ] && { vouch=$candidate; break; }
  done
fi
[ -x "${vouch:-}" ] || { echo "bench: build vouch first (bash scripts/build.sh release) or pass its path" >&2; exit 2; }
export VOUCH_SHARED_DIR=${VOUCH_SHARED_DIR:-$root/../shared}
shared="$VOUCH_SHARED_DIR/corpus"
[ -d "$shared/advisories" ] || { echo "bench: $shared not found" >&2; exit 77; }
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (bash scripts/install-peer-tools.sh installs it)" >&2; exit 2; }
runs=${RUNS:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export VOUCH_NOW=2026-11-23T12:00:00Z

corpus="$root/.cache/corpus"
[ -d "$corpus/lockfiles" ] || { mkdir -p "$corpus" && bash "$shared/unpack.sh" "$corpus" >/dev/null; }
lockfiles=()
for name in ${LOCKFILES:-lockfiles/saleor__saleor-dashboard@e69eb9c}; do
  lockfiles+=("$corpus/$name/package-lock.json")
done
dump="$root/.cache/bench/osv-npm-200000-4000.zip"
[ -f "$dump" ] || { mkdir -p "$(dirname "$dump")" && python3 "$root/bench/gen-osv-dump.py" "$dump"; }

A="$shared/advisories"
"$vouch" db import "$A/ghsa-npm-subset" "$A/ghsa-npm-extra" "$A/ghsa-npm-fixtures" "$A/ossf-malicious-npm.zip" \
  "$A/nodejs-security-wg" "$A/ghsa-graphql-npm" "$A/npm-bulk-advisory-fixtures" --skip-invalid \
  --db "$work/db-corpus" >/dev/null 2>&1
"$vouch" db import "$dump" --db "$work/db-osv" >/dev/null

peer=""
if [ -n "${PEER_DIR:-}" ]; then
  if [ "${PEER_INSTALL:-}" = 1 ] && [ ! -d "$PEER_DIR/node_modules/@renovatebot/osv-offline" ]; then
    npm install --prefix "$PEER_DIR" --no-audit --no-fund @renovatebot/osv-offline@3.0.11 semver >/dev/null 2>&1
  fi
  if [ -d "$PEER_DIR/node_modules/@renovatebot/osv-offline" ]; then
    peer="$PEER_DIR"
    mkdir -p "$work/nedb-osv"
    python3 - "$dump" "$work/nedb-osv/npm.nedb" <<'PY'
import json, sys, urllib.parse, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "w") as out:
    for name in z.namelist():
        r = json.loads(z.read(name))
        for a in r.get("affected", []):  # osv-offline matches on the purl; GHSA records leave it out
            a["package"]["purl"] = "pkg:npm/" + "/".join(
                urllib.parse.quote(p, safe="") for p in a["package"]["name"].split("/"))
        out.write(json.dumps(r) + "\n")
PY
  fi
fi

echo "vouch: $vouch ($("$vouch" --version | head -1)); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "$peer" ] && echo "peer: @renovatebot/osv-offline $(node -p "require('$peer/node_modules/@renovatebot/osv-offline/package.json').version") + node-semver, node $(node --version)"
median_ms() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]; print('%.1f' % (r['median']*1000))" "$@"; }
for lock in "${lockfiles[@]}"; do
  dir=$(dirname "$lock")
  packages=$(grep -c '"node_modules/' "$lock")
  hyperfine -N -w 2 -r "$runs" --export-json "$work/h.json" \
    "$vouch sbom $dir -o $work/sbom.json" \
    "$vouch scan $lock --db $work/db-corpus --format json --fail-on none" \
    "$vouch scan $lock --db $work/db-osv --format json --fail-on none" >/dev/null 2>&1
  sbom=$(median_ms "$work/h.json" 0)
  echo "== $(basename "$dir") ($packages packages; vouch sbom of it: $sbom ms)"
  i=1
  for db in corpus osv; do
    info=$("$vouch" db info --db "$work/db-$db" --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["advisories"], "advisories")')
    findings=$("$vouch" scan "$lock" --db "$work/db-$db" --format json --fail-on none 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
    t=$(median_ms "$work/h.json" $i)
    line=$(python3 -c "import sys; t=float(sys.argv[1]); print('%.1f ms = %.2fx the 50 ms limit (%s), %.2fx vouch sbom' % (t, t/50, 'meets' if t <= 50 else 'MISSES', t/float(sys.argv[2])))" "$t" "$sbom")
    line="  db $db ($info): scan $line; $findings findings"
    if [ -n "$peer" ] && [ "$db" = osv ]; then
      export OSV_OFFLINE_DISABLE_DOWNLOAD=true OSV_OFFLINE_ROOT_DIR="$work/nedb-$db" PEER_DIR="$peer"
      pf=$(node "$root/bench/peer-osv-offline.mjs" "$lock")
      hyperfine -N -w 1 -r "$runs" --export-json "$work/p.json" "node $root/bench/peer-osv-offline.mjs $lock" >/dev/null 2>&1
      pt=$(median_ms "$work/p.json" 0)
      line="$line | peer $pt ms ($(python3 -c "print('%.0fx' % (float('$pt')/float('$t')))") vouch), $pf findings"
    fi
    echo "$line"
    i=$((i + 1))
  done
done
