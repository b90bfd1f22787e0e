#!/usr/bin/env bash
# Times `vouch check` (scan + licences + lint) on the largest corpus lockfile beside `vouch scan`
# alone, lockfile-lint and license-checker-rseidelsohn (both from the npm registry, installed here
# into .cache/check-tools by npm, never at build time), in one run; prints the ratios.
#
# usage: bench/bench-check.sh [--vouch BIN] [--runs N] [--install-tree] [LOCKFILE_FOLDER]
#   --vouch         vouch binary (default build/src/cli/vouch: bash scripts/build.sh release)
#   --runs          measured runs per tool (default 5)
#   --install-tree  also install the tree (`npm ci --ignore-scripts --legacy-peer-deps`) in a
#                   second scratch copy, so that license-checker-rseidelsohn (which reads
#                   node_modules, not the lockfile) sees the whole tree; it is then compared with
#                   `vouch check` on that copy, where vouch too reads the licences the lockfile
#                   lacks from node_modules. lockfile-lint (which reads only the lockfile) is
#                   always compared with `vouch check` on the copy without node_modules. Without
#                   --install-tree license-checker only reads the project's own package.json,
#                   and its time is a LOWER bound.
#   LOCKFILE_FOLDER corpus folder under lockfiles/ (default saleor__saleor-dashboard@e69eb9c,
#                   the largest: 3,772 packages, 3.1 MB)
# Advisories for vouch: the corpus's GHSA subset and OSSF malicious-package records, imported once
# into a scratch database (`vouch db import`), as CI uses one. Wall time: hyperfine median
# (warmup 1); CPU time (user + system) is printed too, as wall time on a loaded VM includes
# waiting for a core.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vouch="$root/build/src/cli/vouch"
runs=5
install_tree=0
folder="saleor__saleor-dashboard@e69eb9c"
while [ $# -gt 0 ]; do
  case "$1" in
    --vouch) vouch=$(realpath "$2"); shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --install-tree) install_tree=1; shift ;;
    -h | --help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "bench-check: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) folder="$1"; shift ;;
  esac
done
shared="${VOUCH_SHARED_DIR:-$root/../shared}/corpus"
[ -f "$shared/unpack.sh" ] || { echo "bench-check: SKIP: $shared not found" >&2; exit 0; }
[ -x "$vouch" ] || { echo "bench-check: $vouch not found; run: bash scripts/build.sh release" >&2; exit 3; }
command -v hyperfine >/dev/null || { echo "bench-check: needs hyperfine (apt-get install hyperfine)" >&2; exit 3; }
command -v npm >/dev/null || { echo "bench-check: needs npm (apt-get install nodejs npm)" >&2; exit 3; }

tools="$root/.cache/check-tools"
if [ ! -x "$tools/node_modules/.bin/lockfile-lint" ] || [ ! -x "$tools/node_modules/.bin/license-checker-rseidelsohn" ]; then
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{"name": "vouch-check-peers", "private": true}' >"$tools/package.json"
  echo "bench-check: installing lockfile-lint and license-checker-rseidelsohn into $tools" >&2
  npm install --prefix "$tools" --no-audit --no-fund --ignore-scripts --loglevel=error \
    lockfile-lint@4 license-checker-rseidelsohn@4 >&2
fi
lockfile_lint="$tools/node_modules/.bin/lockfile-lint"
license_checker="$tools/node_modules/.bin/license-checker-rseidelsohn"

corpus="$root/.cache/corpus"
[ -d "$corpus/lockfiles" ] || { mkdir -p "$corpus" && bash "$shared/unpack.sh" "$corpus" >/dev/null; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dir="$scratch/project"
cp -r "$corpus/lockfiles/$folder" "$dir"
tree_dir="$dir"
if [ "$install_tree" = 1 ]; then
  tree_dir="$scratch/project-installed"
  cp -r "$corpus/lockfiles/$folder" "$tree_dir"
  (cd "$tree_dir" && npm ci --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error >&2)
fi
"$vouch" db import "$shared/advisories/ghsa-npm-subset" "$shared/advisories/ossf-malicious-npm" \
  --db "$scratch/db" >/dev/null

export VOUCH_NOW=2026-11-25T00:00:00Z
out="$root/bench/out/check"
mkdir -p "$out"
echo "bench-check: $("$vouch" --version | head -1), lockfile-lint $("$lockfile_lint" --version 2>/dev/null | tail -1), license-checker-rseidelsohn $("$license_checker" --version 2>/dev/null | tail -1), $(hyperfine --version); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $folder, node_modules installed: $install_tree" | tee "$out/environment.txt" >&2

# Each command's exit status is ignored (-i): findings make vouch and lockfile-lint exit non-zero.
tree_runs=()
if [ "$install_tree" = 1 ]; then
  tree_runs=(-n "vouch check (node_modules)" "$vouch check $tree_dir --db $scratch/db --format json -o $scratch/check-tree.json")
fi
hyperfine -N --style basic --warmup 1 --runs "$runs" -i --export-json "$out/times.json" \
  -n "vouch check" "$vouch check $dir --db $scratch/db --format json -o $scratch/check.json" \
  -n "vouch scan" "$vouch scan $dir --db $scratch/db --format json -o $scratch/scan.json" \
  -n "lockfile-lint" "$lockfile_lint --path $dir/package-lock.json --type npm --allowed-hosts npm --validate-https --validate-integrity --validate-package-names" \
  "${tree_runs[@]}" \
  -n "license-checker-rseidelsohn" "$license_checker --start $tree_dir --json --out $scratch/licenses.json" >&2

/usr/bin/python3 - "$out/times.json" <<'PY' | tee "$out/table.md"
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
check = results["vouch check"]["median"]
check_cpu = results["vouch check"]["user"] + results["vouch check"]["system"]
print("| tool | median wall | CPU (user+sys) | vouch check faster, wall | vouch check faster, CPU |")
print("|---|---|---|---|---|")
for name, r in results.items():
    cpu = r["user"] + r["system"]
    ratio = "–" if name == "vouch check" else f"{r['median'] / check:.1f}×"
    ratio_cpu = "–" if name == "vouch check" else f"{cpu / check_cpu:.1f}×"
    print(f"| {name} | {r['median'] * 1000:.1f} ms | {cpu * 1000:.1f} ms | {ratio} | {ratio_cpu} |")
scan = results["vouch scan"]["median"]
print()
print(f"- vouch check / vouch scan alone: {check / scan:.2f}× (target ≤ 1.5×)")
# Each peer against vouch doing the same job on the same input: lockfile-lint reads only the
# lockfile; license-checker reads node_modules, as vouch does when the tree is installed.
tree = results.get("vouch check (node_modules)", results["vouch check"])
for peer, mine, label in (("lockfile-lint", results["vouch check"], "vouch check"),
                          ("license-checker-rseidelsohn", tree, tree["command"])):
    ratio = results[peer]["median"] / mine["median"]
    cpu = (results[peer]["user"] + results[peer]["system"]) / (mine["user"] + mine["system"])
    print(f"- {peer}: {ratio:.1f}× slower than {label} (CPU {cpu:.1f}×; target ≥ 20×: {'meets' if ratio >= 20 else 'MISSES'})")
PY
