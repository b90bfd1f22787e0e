#!/usr/bin/env bash
# The cost of inspecting in the hashing read: `vouch sign` vs `vouch sign --inspect` on a
# generated Vercel Build Output of 20,000 files (minified-JS-like text: long string literals of
# random base64, ~15 KiB per file, ~300 MB), timed in the same hyperfine run. Target (issue 12):
# sign with inspection within 1.3x of sign alone.
# Usage: bench/bench-sign-inspect.sh [path/to/vouch]   (default: build-bench/src/cli/vouch, an
#        optimised build made here if missing)
# Env:   BENCH_RUNS (default 5), BENCH_FILES (default 20000), BENCH_THREADS (default 2),
#        BENCH_DIR (scratch dir, default mktemp under /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
VOUCH=${1:-$root/build-bench/src/cli/vouch}
runs=${BENCH_RUNS:-5}
files=${BENCH_FILES:-20000}
threads=${BENCH_THREADS:-2}

if [ ! -x "$VOUCH" ]; then
  echo "bench: building an optimised vouch in build-bench/" >&2
  compiler=$(command -v clang++ || command -v g++)
  cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$compiler" \
    -DVOUCH_TESTS=OFF >/dev/null
  cmake --build build-bench -j2 --target vouch
fi
VOUCH=$(readlink -f "$VOUCH")
if ! command -v hyperfine >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends hyperfine >/dev/null
fi

work=${BENCH_DIR:-$(mktemp -d /tmp/vouch-bench-inspect.XXXXXX)}
trap 'rm -rf "$work"' EXIT
cd "$work"
export VOUCH_NOW=2026-11-23T12:00:00Z

echo "bench: generating $files files in $work" >&2
python3 - "$files" <<'PY'
import base64, json, os, random, sys
random.seed(7)
files = int(sys.argv[1])
out = os.path.join("out", ".vercel", "output")
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "config.json"), "w") as f:
    json.dump({"version": 3, "routes": [{"src": "/(.*)", "headers": {
        "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
        "Strict-Transport-Security": "max-age=63072000", "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin"}}]}, f)
for i in range(files):
    d = os.path.join(out, "static", "_next", "static", "chunks", "d%03d" % (i % 200))
    os.makedirs(d, exist_ok=True)
    size = random.randint(1, 30 * 1024)  # mean ~15 KiB
    parts, n = [], 0
    while n < size:
        blob = base64.b64encode(random.randbytes(90)).decode()
        line = 'var a%d="%s",b=function(e){return e.t+"%d"};\n' % (n, blob, n)
        parts.append(line)
        n += len(line)
    with open(os.path.join(d, "f%05d.js" % i), "w") as f:
        f.write("".join(parts)[:size])
PY
tree_bytes=$(du -sb out/.vercel/output | cut -f1)
git init -q -b main repo
git -C repo -c user.name=b -c user.email=b@example.com commit -q --allow-empty -m bench
"$VOUCH" keygen -o vk --no-password >/dev/null
find out -type f -exec cat {} + >/dev/null # warm the page cache

sign="$VOUCH sign out/.vercel/output --key vk.key --repo repo -o t.json --threads $threads"
# --allow-inspection-findings: random text must not stop the timing if a rule ever fires on it.
hyperfine -N --warmup 1 --runs "$runs" --export-json times.json \
  -n sign "$sign" -n "sign --inspect" "$sign --inspect --allow-inspection-findings" >&2
"$VOUCH" sign out/.vercel/output --key vk.key --repo repo -o t.json --threads "$threads" \
  --inspect --allow-inspection-findings --format json >sign.json 2>/dev/null

echo "vouch: $VOUCH; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $threads hashing threads"
python3 - "$tree_bytes" "$files" <<'PY'
import json, sys
tree, files = int(sys.argv[1]), int(sys.argv[2])
results = {r["command"]: r for r in json.load(open("times.json"))["results"]}
plain, inspected = results["sign"], results["sign --inspect"]
cpu = lambda r: r["user"] + r["system"]
record = json.load(open("sign.json"))["inspection"]
print("Build Output: %d files, %.0f MB; inspection scanned %d files, %d findings\n" %
      (files, tree / 1e6, record["files_scanned"], record["total"]))
print("| command | median s | CPU s | MB/s |\n|---|---:|---:|---:|")
for name, r in [("vouch sign", plain), ("vouch sign --inspect", inspected)]:
    print("| %-22s | %8.3f | %6.2f | %5.0f |" % (name, r["median"], cpu(r), tree / r["median"] / 1e6))
ratio = inspected["median"] / plain["median"]
print("\nsign --inspect / sign: %.2fx wall (target <= 1.3x: %s), %.2fx CPU" %
      (ratio, "meets" if ratio <= 1.3 else "MISSES", cpu(inspected) / cpu(plain)))
PY
