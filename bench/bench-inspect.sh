#!/usr/bin/env bash
# Benchmarks `vouch inspect` beside the best secret scanner installable here, in the same run
# (ratios taken side by side; absolute times drift on a shared VM).
#
# usage: bench/bench-inspect.sh [--vouch BIN] [--copies N] [--runs N]
#   --vouch   vouch binary (default build/src/cli/vouch: bash scripts/build.sh release)
#   --copies  how many copies of the JS corpus go into the build output (default 3)
#   --runs    timed runs per tool, median wall and CPU (user+sys) time reported (default 3)
#
# Corpus: a Build Output (.vercel/output) whose static/ holds N copies of every .js file of the
# npm CLI Debian ships (/usr/lib/node_modules/npm, real-world JavaScript), plus the planted
# secrets and look-alikes of tests/e2e/inspect_tree.py.
# Peers: gitleaks and trufflehog are not in Debian and the npm packages of those names carry no
# scanner, so the peer is secretlint (npm, with @secretlint/secretlint-rule-preset-recommend),
# installed into .cache/tools; and `grep -rE` of the same patterns as vouch's rules (LC_ALL=C),
# which has none of vouch's checksum/entropy guards.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vouch="$root/build/src/cli/vouch"
copies=3
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --vouch) vouch=$(realpath "$2"); shift 2 ;;
    --copies) copies="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "bench-inspect: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -x "$vouch" ] || { echo "bench-inspect: $vouch not found; run: bash scripts/build.sh release" >&2; exit 3; }
js=/usr/lib/node_modules/npm
[ -d "$js" ] || { echo "bench-inspect: $js not found (Debian's npm package)" >&2; exit 3; }

tools="$root/.cache/tools"
secretlint="$tools/node_modules/.bin/secretlint"
if [ ! -x "$secretlint" ]; then
  echo "bench-inspect: installing secretlint into $tools (npm registry)" >&2
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{ "name": "vouch-peer-tools", "private": true }' >"$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund --ignore-scripts --loglevel=error \
    secretlint@13.0.6 @secretlint/secretlint-rule-preset-recommend@13.0.7 >&2
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 "$root/tests/e2e/inspect_tree.py" "$scratch/proj" >/dev/null
static="$scratch/proj/.vercel/output/static"
for c in $(seq "$copies"); do
  mkdir -p "$static/_next/static/copy$c"
  (cd "$js" && find . -name '*.js' -exec cp --parents -t "$static/_next/static/copy$c" {} +)
done
files=$(find "$static" -type f | wc -l)
bytes=$(du -sb "$static" | cut -f1)
echo '{"rules": [{"id": "@secretlint/secretlint-rule-preset-recommend"}]}' >"$scratch/secretlintrc.json"
pattern='-----BEGIN [A-Z ]*PRIVATE KEY-----|(AKIA|ASIA)[A-Z0-9]{16}|[sr]k_(live|test)_[A-Za-z0-9]{24,}|gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82}|glpat-[A-Za-z0-9_.-]{20,}|npm_[A-Za-z0-9]{36}|vc[pciark]_[A-Za-z0-9_-]{24,}|xox[bpars]-[A-Za-z0-9-]{30,}|(postgres|postgresql|mysql|mongodb(\+srv)?|rediss?|amqps?)://[^:/@ ]*:[^@/ ]+@|[A-Za-z_]*SECRET[A-Za-z_]*["'"'"']?[ ]*[:=][ ]*["'"'"'`][^"'"'"'`]{16,}|NEXT_PUBLIC_[A-Z_]*(SECRET|TOKEN|PASSWORD|PRIVATE)'

median() { # median RUNS CMD...: "wall cpu" medians in seconds (exit codes ignored: findings exit 1)
  local n=$1; shift
  python3 - "$n" "$@" <<'PY'
import resource, subprocess, sys, time
n = int(sys.argv[1]); cmd = sys.argv[2:]
subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm-up
walls, cpus = [], []
for _ in range(n):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    walls.append(time.perf_counter() - t); r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
print("%.3f %.3f" % (sorted(walls)[n // 2], sorted(cpus)[n // 2]))
PY
}

echo "bench-inspect: $files files, $bytes bytes under static/; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
read -r w_vouch c_vouch < <(median "$runs" "$vouch" inspect "$scratch/proj" --format json -o "$scratch/vouch.json")
read -r w_grep c_grep < <(median "$runs" env LC_ALL=C grep -rEc -- "$pattern" "$static")
read -r w_lint c_lint < <(median "$runs" "$secretlint" --secretlintrc "$scratch/secretlintrc.json" --format json "$static/**/*")
found_vouch=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$scratch/vouch.json")
found_grep=$(LC_ALL=C grep -rEo -- "$pattern" "$static" | wc -l)
printf 'tool\twall_s\tcpu_s\tMB/s(wall)\tfindings\n'
for row in "vouch inspect:$w_vouch:$c_vouch:$found_vouch (all rules)" "grep -E:$w_grep:$c_grep:$found_grep (secret patterns only, no guards)" "secretlint:$w_lint:$c_lint:-"; do
  IFS=: read -r name w c found <<<"$row"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$w" "$c" "$(python3 -c "print(round($bytes/1e6/max($w,1e-3),1))")" "$found"
done
python3 -c "print('ratio (wall): vouch is %.1fx faster than secretlint, %.1fx grep -E' % ($w_lint/$w_vouch, $w_grep/$w_vouch)); print('ratio (cpu):  vouch is %.1fx faster than secretlint, %.1fx grep -E' % ($c_lint/max($c_vouch,1e-3), $c_grep/max($c_vouch,1e-3)))"
