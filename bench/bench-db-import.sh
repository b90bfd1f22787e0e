#!/usr/bin/env bash
# `vouch db import` of an OSV npm dump at the real export's scale (bench/gen-osv-dump.py: 200,000
# records, mostly one-package malicious-package records plus a few thousand GHSA-style ones),
# beside the floor measured in the same run: `unzip -p all.zip` (inflating alone, no parsing).
# Prints medians (hyperfine), peak RSS (GNU time) and the ratios to the limits and to the floor.
# Targets: import <= 6 s and <= 256 MiB peak RSS.
#   bench/bench-db-import.sh [VOUCH_BINARY]
#   RUNS=N (default 5), RECORDS=N (default 200000), GHSA=N (default 4000)
#   VOUCH_SHARED_DIR  the shared corpus's parent (default ../shared beside the checkout)
#   The dump is cached in .cache/bench/ (byte-reproducible; delete it to regenerate).
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
[ -d "$VOUCH_SHARED_DIR/corpus/advisories" ] || { echo "bench: $VOUCH_SHARED_DIR/corpus/advisories not found" >&2; exit 77; }
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (bash scripts/install-peer-tools.sh installs it)" >&2; exit 2; }
command -v unzip >/dev/null || { echo "bench: needs unzip (apt-get install unzip)" >&2; exit 2; }
runs=${RUNS:-5}
records=${RECORDS:-200000}
ghsa=${GHSA:-4000}
dump="$root/.cache/bench/osv-npm-$records-$ghsa.zip"
if [ ! -f "$dump" ]; then
  mkdir -p "$(dirname "$dump")"
  python3 "$root/bench/gen-osv-dump.py" "$dump" --records "$records" --ghsa "$ghsa"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "vouch: $vouch ($("$vouch" --version | head -1)); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dump: $dump ($(du -m "$dump" | cut -f1) MiB, $records records)"
"$vouch" db import "$dump" --db "$work/db" --format json >"$work/info.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('imported: %s advisories, %s package names' % (d['advisories'], d['packages']))" "$work/info.json"
echo "database file: $(du -m "$work/db/advisories.sqlite" | cut -f1) MiB"
hyperfine -N --runs "$runs" --export-json "$work/h.json" \
  --prepare "rm -rf $work/db" "$vouch db import $dump --db $work/db" \
  "unzip -p $dump" >/dev/null 2>&1
rm -rf "$work/db"
rss=$(/usr/bin/time -f %M "$vouch" db import "$dump" --db "$work/db" 2>&1 >/dev/null | tail -1)
python3 - "$work/h.json" "$rss" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
rss_mib = int(sys.argv[2]) / 1024
vouch, unzip = results[0], results[1]
cpu = lambda r: r["user"] + r["system"]
print("vouch db import: median %.2f s (user+sys %.2f s), peak RSS %.0f MiB" % (vouch["median"], cpu(vouch), rss_mib))
print("unzip -p (inflate only): median %.2f s (user+sys %.2f s)" % (unzip["median"], cpu(unzip)))
print("ratio to the 6 s limit: %.2f (%s); to the 256 MiB limit: %.2f (%s)" % (
    vouch["median"] / 6, "meets" if vouch["median"] <= 6 else "MISSES",
    rss_mib / 256, "meets" if rss_mib <= 256 else "MISSES"))
print("import / unzip -p: %.2fx wall, %.2fx CPU" % (vouch["median"] / unzip["median"], cpu(vouch) / cpu(unzip)))
PY
