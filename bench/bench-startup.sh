#!/usr/bin/env bash
# Start-up cost of vouch beside git and minisign, in the same run: hyperfine medians of
# `vouch --version`, `git --version`, `minisign -v`; shared libraries mapped (ldd), the dynamic
# loader's own statistics (LD_DEBUG=statistics) and peak RSS. Target: vouch --version <= 2x git.
#   bench/bench-startup.sh [VOUCH_BINARY]      RUNS=N hyperfine runs (default 200)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vouch=${1:-${VOUCH:-}}
if [ -z "$vouch" ]; then
  for candidate in "$root"/build/src/cli/vouch "$root"/build-release/src/cli/vouch "$root"/build-dev/src/cli/vouch; do
    [ -x "$candidate" ] && { vouch=$candidate; break; }
  done
fi
[ -x "${vouch:-}" ] || { echo "bench: build vouch first (bash scripts/build.sh release) or pass its path" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (bash scripts/install-peer-tools.sh installs it)" >&2; exit 2; }
runs=${RUNS:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "vouch: $vouch ($("$vouch" --version | head -1)); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
cmds=("$vouch --version" "git --version")
command -v minisign >/dev/null && cmds+=("minisign -v")
hyperfine -N --warmup 20 --runs "$runs" --export-json "$work/h.json" "${cmds[@]}" >/dev/null 2>&1
python3 - "$work/h.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
for r in results:
    print("  %-28s median %6.2f ms  (user+sys %5.2f ms)" % (r["command"].rsplit("/", 1)[-1], r["median"] * 1e3,
                                                          (r["user"] + r["system"]) * 1e3))
ratio = results[0]["median"] / results[1]["median"]  # vouch first, git second
cpu = lambda r: r["user"] + r["system"]
ratio_cpu = cpu(results[0]) / cpu(results[1])
print("vouch --version / git --version = %.2fx wall, %.2fx CPU (target <= 2x): %s" %
      (ratio, ratio_cpu, "meets" if max(ratio, ratio_cpu) <= 2 else "MISSES"))
PY
echo "shared libraries mapped: vouch $(ldd "$vouch" | wc -l), git $(ldd "$(command -v git)" | wc -l)"
LD_DEBUG=statistics "$vouch" --version 2>&1 >/dev/null | sed -n 's/^ *[0-9]*: *//p' |
  grep -E 'total startup time|time needed for relocation|number of relocations:' | sed 's/^/  ld.so: /'
echo "peak RSS: vouch --version $(/usr/bin/time -f %M "$vouch" --version 2>&1 >/dev/null | tail -1) KiB," \
  "git --version $(/usr/bin/time -f %M git --version 2>&1 >/dev/null | tail -1) KiB"
