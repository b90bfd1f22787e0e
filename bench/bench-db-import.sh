#!/usr/bin/env bash
# Times `vouch db import` of (1) the whole shared advisory corpus (every format) and (2) a 25x
# synthetic OSV all.zip made by replicating the corpus's real OSV records under new ids (and
# new package names, so advisories per name stay realistic). Prints record counts and seconds.
#   bench/bench-db-import.sh [VOUCH_BINARY]    (KEEP=DIR keeps the synthetic zip in DIR)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vouch=${1:-${VOUCH:-}}
if [ -z "$vouch" ]; then
  for candidate in "$root"/build-release/src/cli/vouch "$root"/build/src/cli/vouch "$root"/build-dev/src/cli/vouch; do
    [ -x "$candidate" ] && { vouch=$candidate; break; }
  done
fi
[ -x "${vouch:-}" ] || { echo "bench: build vouch first or pass its path" >&2; exit 2; }
corpus="$root/../shared/corpus/advisories"
[ -d "$corpus" ] || { echo "bench: $corpus not found" >&2; exit 77; }
factor=${FACTOR:-25}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() { # seconds CMD...: runs CMD, prints elapsed wall seconds
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/out.json" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  end=$(date +%s.%N)
  python3 -c "print(round($end - $start, 3))"
}
field() { python3 -c "import json,sys; print(json.load(open('$work/out.json'))$1)"; }

echo "vouch: $vouch"
sources=("$corpus/ghsa-npm-subset" "$corpus/ghsa-npm-extra" "$corpus/ghsa-npm-fixtures"
         "$corpus/ossf-malicious-npm.zip" "$corpus/ossf-malicious-npm-withdrawn"
         "$corpus/nodejs-security-wg" "$corpus/ghsa-graphql-npm" "$corpus/npm-bulk-advisory-fixtures")
t=$(seconds "$vouch" db import "${sources[@]}" --skip-invalid --db "$work/db1" --format json)
read_records=$(field '["sources"]' | python3 -c "import sys,ast; print(sum(s['records'] for s in ast.literal_eval(sys.stdin.read())))")
echo "corpus (8 sources, all formats): $read_records records read -> $(field '["advisories"]') advisories, $(field '["packages"]') packages: ${t}s"

python3 - "$corpus" "$work/synthetic.zip" "$factor" <<'PY'
import json, os, sys, zipfile
corpus, out, factor = sys.argv[1], sys.argv[2], int(sys.argv[3])
records = []
for folder in ("ghsa-npm-subset", "ghsa-npm-extra", "ghsa-npm-fixtures", "ossf-malicious-npm"):
    d = os.path.join(corpus, folder)
    for name in sorted(os.listdir(d)):
        if name.endswith(".json"):
            records.append(json.load(open(os.path.join(d, name))))
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for k in range(factor):
        for r in records:
            r = json.loads(json.dumps(r))
            if k:
                r["id"] = f"{r['id']}-SYN{k}"
                r["aliases"] = [f"{a}-SYN{k}" for a in r.get("aliases", [])]
                for a in r.get("affected", []):
                    a["package"]["name"] = f"{a['package']['name']}-syn{k}"
            z.writestr(r["id"] + ".json", json.dumps(r))
print(f"synthetic: {factor} x {len(records)} = {factor * len(records)} OSV records", file=sys.stderr)
PY
t=$(seconds "$vouch" db import "$work/synthetic.zip" --db "$work/db2" --format json)
echo "synthetic ${factor}x all.zip: $(field '["sources"][0]["records"]') records -> $(field '["advisories"]') advisories, $(field '["packages"]') packages: ${t}s"
echo "database file: $(du -h "$work/db2/advisories.sqlite" | cut -f1)"
if [ -n "${KEEP:-}" ]; then
  mkdir -p "$KEEP" && rm -rf "$KEEP/db" && cp "$work/synthetic.zip" "$KEEP/" && cp -r "$work/db2" "$KEEP/db"
  echo "kept $KEEP/synthetic.zip and $KEEP/db"
fi
