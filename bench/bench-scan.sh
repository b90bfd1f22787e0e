#!/usr/bin/env bash
# Times `vouch scan` of the largest corpus lockfiles against imported databases:
#   corpus   - every advisory in ../shared/corpus/advisories (all formats)
#   wide     - the corpus's OSV records x25, copies under new ids AND new package names
#              (the database grows 25x, advisories per package name stay as they are)
#   deep     - the corpus's OSV records x25, copies under new ids for the SAME package names
#              (advisories per matched name grow 25x)
# beside an offline peer: Renovate's @renovatebot/osv-offline (npm registry) + node-semver
# reading the same OSV records (bench/peer-osv-offline.mjs). npm audit cannot run offline.
#   bench/bench-scan.sh [VOUCH_BINARY]
#   PEER_DIR=DIR   where @renovatebot/osv-offline is installed (PEER_INSTALL=1 installs it there
#                  with `npm install --prefix DIR @renovatebot/osv-offline@3.0.11`)
#   RUNS=N         hyperfine runs per measurement (default 10)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vouch=${1:-${VOUCH:-}}
if [ -z "$vouch" ]; then
  for candidate in "$root"/build-release/src/cli/vouch "$root"/build/src/cli/vouch "$root"/build-dev/src/cli/vouch; do
    [ -x "$candidate" ] && { vouch=$candidate; break; }
  done
fi
[ -x "${vouch:-}" ] || { echo "bench: build vouch first or pass its path" >&2; exit 2; }
shared="$root/../shared/corpus"
[ -d "$shared/advisories" ] || { echo "bench: $shared not found" >&2; exit 77; }
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
runs=${RUNS:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export VOUCH_NOW=2026-11-23T12:00:00Z

bash "$shared/unpack.sh" "$work/corpus" >/dev/null
lockfiles=()
for name in saleor__saleor-dashboard@e69eb9c Shopify__hydrogen@264e133 generated-legacy-vulnerable; do
  lockfiles+=("$work/corpus/lockfiles/$name/package-lock.json")
done

A="$shared/advisories"
"$vouch" db import "$A/ghsa-npm-subset" "$A/ghsa-npm-extra" "$A/ghsa-npm-fixtures" "$A/ossf-malicious-npm.zip" \
  "$A/nodejs-security-wg" "$A/ghsa-graphql-npm" "$A/npm-bulk-advisory-fixtures" --skip-invalid \
  --db "$work/db-corpus" >/dev/null 2>&1

# Synthetic OSV sets (zip for vouch, npm.nedb for the peer), from the corpus's OSV records.
python3 - "$A" "$work" <<'PY'
import json, os, sys, urllib.parse, zipfile
corpus, work = sys.argv[1], sys.argv[2]
records = []
for folder in ("ghsa-npm-subset", "ghsa-npm-extra", "ghsa-npm-fixtures", "ossf-malicious-npm"):
    d = os.path.join(corpus, folder)
    for name in sorted(os.listdir(d)):
        if name.endswith(".json"):
            records.append(json.load(open(os.path.join(d, name))))
for kind in ("wide", "deep"):
    os.makedirs(os.path.join(work, "nedb-" + kind))
    with zipfile.ZipFile(os.path.join(work, kind + ".zip"), "w", zipfile.ZIP_DEFLATED) as z, \
         open(os.path.join(work, "nedb-" + kind, "npm.nedb"), "w") as nedb:
        for k in range(25):
            for r in records:
                r = json.loads(json.dumps(r))
                if k:
                    r["id"] = f"{r['id']}-SYN{k}"
                    r["aliases"] = [f"{a}-SYN{k}" for a in r.get("aliases", [])]
                for a in r.get("affected", []):
                    if k and kind == "wide":
                        a["package"]["name"] = f"{a['package']['name']}-syn{k}"
                    # osv-offline matches on the purl; GHSA records leave it out
                    a["package"]["purl"] = "pkg:npm/" + "/".join(
                        urllib.parse.quote(p, safe="") for p in a["package"]["name"].split("/"))
                z.writestr(r["id"] + ".json", json.dumps(r))
                nedb.write(json.dumps(r) + "\n")
    print(f"{kind}: 25 x {len(records)} = {25 * len(records)} OSV records", file=sys.stderr)
PY
"$vouch" db import "$work/wide.zip" --db "$work/db-wide" >/dev/null
"$vouch" db import "$work/deep.zip" --db "$work/db-deep" >/dev/null

peer=""
if [ -n "${PEER_DIR:-}" ]; then
  if [ "${PEER_INSTALL:-}" = 1 ] && [ ! -d "$PEER_DIR/node_modules/@renovatebot/osv-offline" ]; then
    npm install --prefix "$PEER_DIR" --no-audit --no-fund @renovatebot/osv-offline@3.0.11 semver >/dev/null 2>&1
  fi
  [ -d "$PEER_DIR/node_modules/@renovatebot/osv-offline" ] && peer="$PEER_DIR"
fi

echo "vouch: $vouch ($("$vouch" --version))"
[ -n "$peer" ] && echo "peer: @renovatebot/osv-offline $(node -p "require('$peer/node_modules/@renovatebot/osv-offline/package.json').version") + node-semver, node $(node --version)"
for db in corpus wide deep; do
  echo "== database: $db ($("$vouch" db info --db "$work/db-$db" --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["advisories"], "advisories,", d["packages"], "package names")'))"
  for lock in "${lockfiles[@]}"; do
    packages=$(grep -c '"node_modules/' "$lock")
    findings=$("$vouch" scan "$lock" --db "$work/db-$db" --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))')
    hyperfine -N -w 2 -r "$runs" --export-json "$work/h.json" \
      "$vouch scan $lock --db $work/db-$db --format json" >/dev/null 2>&1
    t=$(python3 -c "import json; r=json.load(open('$work/h.json'))['results'][0]; print('%.1f ms (median; min %.1f)' % (r['median']*1000, r['min']*1000))")
    line="  $(basename "$(dirname "$lock")") ($packages packages): vouch $t, $findings findings"
    if [ -n "$peer" ] && [ "$db" != corpus ]; then
      export OSV_OFFLINE_DISABLE_DOWNLOAD=true OSV_OFFLINE_ROOT_DIR="$work/nedb-$db" PEER_DIR="$peer"
      pf=$(node "$root/bench/peer-osv-offline.mjs" "$lock")
      hyperfine -N -w 1 -r "$runs" --export-json "$work/p.json" \
        "node $root/bench/peer-osv-offline.mjs $lock" >/dev/null 2>&1
      pt=$(python3 -c "import json; r=json.load(open('$work/p.json'))['results'][0]; print('%.1f ms' % (r['median']*1000))")
      line="$line | peer $pt, $pf findings (OSV records only)"
    fi
    echo "$line"
  done
done
