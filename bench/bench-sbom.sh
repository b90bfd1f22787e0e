#!/usr/bin/env bash
# Benchmarks `vouch sbom` beside the JS peers on the largest lockfiles of the shared corpus, in the
# same run (absolute times drift between runs on a shared VM; ratios taken side by side do not).
#
# usage: bench/bench-sbom.sh [--vouch BIN] [--runs N] [--out DIR] [LOCKFILE_FOLDER...]
#   --vouch  vouch binary (default build/src/cli/vouch: bash scripts/build.sh release)
#   --runs   measured runs per peer (default 5; vouch gets 6x as many, it is fast)
#   --out    hyperfine JSON exports and the table (default bench/out, git-ignored)
#   LOCKFILE_FOLDER  corpus folders relative to lockfiles/ (default: the four real lockfiles with
#            1,500+ packages that are largest or Next.js apps, plus generated-toolchain-large, the
#            largest one on which both peers succeed)
#
# Timed commands, each in a copy of the lockfile's folder:
#   vouch sbom DIR -o out.json
#   npm sbom --package-lock-only --sbom-format cyclonedx > out.json        (npm's built-in)
#   cyclonedx-npm --package-lock-only -o out.json                          (@cyclonedx/cyclonedx-npm)
# cyclonedx-npm aborts when `npm ls` reports tree problems (most real lockfiles); it is then timed
# with --ignore-npm-errors, which produces the SBOM. npm sbom has no such switch: where it fails it
# is timed anyway (it exits after reading and checking the whole tree) and marked "fails".
# Wall time: hyperfine (median, warmup 1). Peak RSS: GNU time %M (largest process of the tree),
# max over 3 runs for vouch, 1 run for the peers.
# Targets (issue 11): vouch >= 100x faster than `npm sbom` (wall, same run) on every lockfile npm
# can read; vouch peak RSS <= the `vouch --version` floor (measured in this run) + 4x the lockfile.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vouch="$root/build/src/cli/vouch"
runs=5
out="$root/bench/out"
folders=()
while [ $# -gt 0 ]; do
  case "$1" in
    --vouch) vouch=$(realpath "$2"); shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --out) out=$(realpath -m "$2"); shift 2 ;;
    -h | --help) sed -n '2,26p' "$0"; exit 0 ;;
    -*) echo "bench-sbom: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) folders+=("$1"); shift ;;
  esac
done
[ ${#folders[@]} -gt 0 ] || folders=("saleor__saleor-dashboard@e69eb9c" "Shopify__hydrogen@264e133"
  "documenso__documenso" "ixartz__Next-js-Boilerplate" "generated-toolchain-large")

shared="$root/../shared/corpus"
if [ ! -f "$shared/unpack.sh" ]; then
  echo "bench-sbom: SKIP: $shared not found (the shared corpus sits beside the checkout)" >&2
  exit 0
fi
[ -x "$vouch" ] || { echo "bench-sbom: vouch binary $vouch not found; run: bash scripts/build.sh release" >&2; exit 3; }

# Tools: hyperfine and GNU time from Debian, the peers from the npm registry.
need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
[ -x /usr/bin/python3 ] || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  echo "bench-sbom: installing ${need[*]} from Debian" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
tools=$(bash "$root/scripts/install-peer-tools.sh")
cdx_npm="$tools/node_modules/.bin/cyclonedx-npm"

corpus="$root/.cache/corpus"
[ -d "$corpus/lockfiles" ] || { mkdir -p "$corpus" && bash "$shared/unpack.sh" "$corpus" >/dev/null; }
rm -rf "$out" && mkdir -p "$out"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
results="$out/results.tsv"
printf 'lockfile\tpackages\tbytes\ttool\tstatus\tmedian_s\trss_kb\tcpu_s\n' >"$results"

peak_rss() { # peak_rss N CMD... : max %M (KiB) over N runs; CMD's own output discarded
  local n=$1 best=0 kb
  shift
  for _ in $(seq "$n"); do
    kb=$(/usr/bin/time -f '%M' -o "$scratch/rss" "$@" >/dev/null 2>&1; tail -1 "$scratch/rss")
    [[ "$kb" =~ ^[0-9]+$ ]] && [ "$kb" -gt "$best" ] && best=$kb
  done
  echo "$best"
}
median_of() { /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }
# Mean CPU time (user + system) per run: on a shared, loaded VM wall time includes waiting for a
# core, CPU time does not, so the table shows both.
cpu_of() { /usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["user"] + r["system"])' "$1"; }

floor_kb=$(peak_rss 3 "$vouch" --version)
echo "bench-sbom: $("$vouch" --version | head -1), npm $(npm --version 2>/dev/null), cyclonedx-npm $("$cdx_npm" --version 2>/dev/null | tail -1), $(hyperfine --version); $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/environment.txt" >&2
for name in "${folders[@]}"; do
  src="$corpus/lockfiles/$name"
  [ -f "$src/package-lock.json" ] || { echo "bench-sbom: $src/package-lock.json not found" >&2; exit 3; }
  dir="$scratch/$name"
  rm -rf "$dir" && cp -r "$src" "$dir"
  lock="$dir/package-lock.json"
  bytes=$(stat -c %s "$lock")
  packages=$(/usr/bin/python3 - "$lock" <<'PY'
import json, sys
lock = json.load(open(sys.argv[1]))
if "packages" in lock:
    print(len([k for k in lock["packages"] if k]))
else:
    def count(deps):
        return sum(1 + count(d.get("dependencies") or {}) for d in (deps or {}).values())
    print(count(lock.get("dependencies")))
PY
)
  echo "== $name: $packages packages, $bytes bytes" >&2
  slug=${name//[^A-Za-z0-9._-]/_}

  # vouch
  status=ok
  "$vouch" sbom "$dir" -o "$scratch/vouch.json" 2>"$scratch/vouch.err" || status="fails (exit $?)"
  hyperfine -N --style basic --warmup 3 --runs $((runs * 6)) -i --export-json "$out/$slug.vouch.json" \
    "$vouch sbom $dir -o $scratch/vouch.json" >&2
  rss=$(peak_rss 3 "$vouch" sbom "$dir" -o "$scratch/vouch.json")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$packages" "$bytes" vouch "$status" \
    "$(median_of "$out/$slug.vouch.json")" "$rss" "$(cpu_of "$out/$slug.vouch.json")" >>"$results"

  # npm sbom (built into npm)
  status=ok
  (cd "$dir" && npm sbom --package-lock-only --sbom-format cyclonedx >"$scratch/npm.json" 2>"$scratch/npm.err") ||
    status="fails: $(grep -m1 -o 'code [A-Z]*' "$scratch/npm.err" || echo error)"
  hyperfine --style basic --warmup 1 --runs "$runs" -i --export-json "$out/$slug.npm-sbom.json" \
    "cd $dir && npm sbom --package-lock-only --sbom-format cyclonedx > $scratch/npm.json 2>/dev/null" >&2
  rss=$(peak_rss 1 bash -c "cd $dir && npm sbom --package-lock-only --sbom-format cyclonedx")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$packages" "$bytes" "npm sbom" "$status" \
    "$(median_of "$out/$slug.npm-sbom.json")" "$rss" "$(cpu_of "$out/$slug.npm-sbom.json")" >>"$results"

  # cyclonedx-npm (strict first; with --ignore-npm-errors when npm ls refuses the tree)
  flags="--package-lock-only"
  status=ok
  if ! (cd "$dir" && "$cdx_npm" $flags -o "$scratch/cdx.json" >/dev/null 2>&1); then
    flags="--package-lock-only --ignore-npm-errors"
    status="ok with --ignore-npm-errors"
    (cd "$dir" && "$cdx_npm" $flags -o "$scratch/cdx.json" >/dev/null 2>&1) || status="fails"
  fi
  hyperfine --style basic --warmup 1 --runs "$runs" -i --export-json "$out/$slug.cyclonedx-npm.json" \
    "cd $dir && $cdx_npm $flags -o $scratch/cdx.json" >&2
  rss=$(peak_rss 1 bash -c "cd $dir && $cdx_npm $flags -o $scratch/cdx.json")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$packages" "$bytes" cyclonedx-npm "$status" \
    "$(median_of "$out/$slug.cyclonedx-npm.json")" "$rss" "$(cpu_of "$out/$slug.cyclonedx-npm.json")" >>"$results"
  rm -rf "$dir"
done

/usr/bin/python3 - "$results" "$floor_kb" <<'PY' | tee "$out/table.md"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
floor = int(sys.argv[2]) * 1024  # peak RSS of `vouch --version`: what any run pays
by_lock = {}
for r in rows:
    by_lock.setdefault(r["lockfile"], []).append(r)
print("| lockfile | packages | lockfile size | tool | result | median wall | CPU (user+sys) | peak RSS | vouch speed-up, wall | vouch speed-up, CPU | RSS / lockfile size |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
summary = []
for lock, rs in by_lock.items():
    vouch = next(r for r in rs if r["tool"] == "vouch")
    v_time, v_cpu, size = float(vouch["median_s"]), float(vouch["cpu_s"]), int(vouch["bytes"])
    peers = [r for r in rs if r["tool"] != "vouch"]
    fastest = min(peers, key=lambda r: float(r["median_s"]))
    npm = next(r for r in peers if r["tool"] == "npm sbom")
    for r in rs:
        t, cpu, rss = float(r["median_s"]), float(r["cpu_s"]), int(r["rss_kb"]) * 1024
        fmt = lambda x: f"{x * 1000:.1f} ms" if x < 1 else f"{x:.2f} s"
        speed = "–" if r is vouch else f"{t / v_time:.0f}×"
        speed_cpu = "–" if r is vouch else f"{cpu / v_cpu:.0f}×"
        ratio = f"{rss / size:.1f}×" if r is vouch else "–"
        print(f"| {lock} | {r['packages']} | {size / 1e6:.2f} MB | {r['tool']} | {r['status']} | {fmt(t)} | "
              f"{fmt(cpu)} | {rss / 2**20:.1f} MiB | {speed} | {speed_cpu} | {ratio} |")
    fastest_cpu = min(float(r["cpu_s"]) for r in peers)
    summary.append((lock, int(vouch["packages"]), float(fastest["median_s"]) / v_time, fastest["tool"],
                    int(vouch["rss_kb"]) * 1024, size, fastest_cpu / v_cpu,
                    float(npm["median_s"]) / v_time, npm["status"]))
print()
print(f"`vouch --version` peak RSS (the floor): {floor / 2**20:.1f} MiB ({floor // 1024} KiB)")
for lock, packages, speedup, tool, rss, size, speedup_cpu, vs_npm, npm_status in summary:
    if npm_status == "ok":
        verdict_speed = "meets" if vs_npm >= 100 else "MISSES"
    else:
        verdict_speed = "not applicable (npm sbom cannot read it) to"
    limit = floor + 4 * size
    verdict_rss = "meets" if rss <= limit else "MISSES"
    print(f"- {lock} ({packages} packages): vouch is {vs_npm:.0f}× faster in wall time than npm sbom "
          f"({speedup:.0f}× than the faster peer, {tool}; {speedup_cpu:.0f}× in CPU time): "
          f"{verdict_speed} the >= 100× target; peak RSS {rss / 2**20:.1f} MiB, limit "
          f"{limit / 2**20:.1f} MiB (floor + 4× the lockfile): {verdict_rss} it "
          f"({(limit - rss) // 1024:+d} KiB to spare).")
PY
echo "bench-sbom: raw results in $out (results.tsv, hyperfine JSON, table.md)" >&2
