#!/usr/bin/env bash
# README command 1: install, build, and run vouch's whole pipeline on the bundled example
# Next.js shop — SBOM, advisory database, scan gate, signed provenance, verification gate.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh release
vouch=./build/src/cli/vouch
shop=examples/nextjs-shop
out=out
rm -rf "$out" && mkdir -p "$out"
step() { printf '\n== %s\n' "$*"; }

step "1. SBOM: $shop -> $out/sbom.cdx.json (CycloneDX 1.6) and $out/sbom.spdx.json (SPDX 2.3)"
$vouch sbom "$shop" -o "$out/sbom.cdx.json"
$vouch sbom "$shop" --format spdx -o "$out/sbom.spdx.json"
/usr/bin/python3 - "$out/sbom.cdx.json" <<'PY'
import json, sys
comps = json.load(open(sys.argv[1]))["components"]
by_scope = {}
for c in comps:
    by_scope[c.get("scope", "?")] = by_scope.get(c.get("scope", "?"), 0) + 1
print(f"{len(comps)} components:", ", ".join(f"{n} {s}" for s, n in sorted(by_scope.items())))
PY

step "2. Advisory database from the bundled sample feed (offline; real use: vouch db update)"
$vouch db import examples/advisories --db "$out/db"
$vouch db info --db "$out/db"

step "3. Scan gate: fail on high or critical findings in what production installs"
$vouch scan "$shop" --db "$out/db" --omit dev --fail-on high
$vouch scan "$shop" --db "$out/db" --format json -o "$out/verdict.json"
$vouch scan "$shop" --db "$out/db" --format sarif -o "$out/scan.sarif"
echo "verdict document: $out/verdict.json, SARIF: $out/scan.sarif"

step "4. Build output stand-in: $out/build/.vercel/output (a real pipeline runs 'vercel build')"
mkdir -p "$out/build/.vercel/output/static" "$out/build/.vercel/output/functions/index.func"
cp -r "$shop/app" "$out/build/.vercel/output/static/"
echo '{"version": 3}' >"$out/build/.vercel/output/config.json"
echo '{"runtime": "nodejs20.x", "handler": "index.js"}' >"$out/build/.vercel/output/functions/index.func/.vc-config.json"
echo 'module.exports = () => "ok";' >"$out/build/.vercel/output/functions/index.func/index.js"

step "5. Sign: the build output bound to this checkout's commit, with the SBOM and the verdict"
$vouch keygen -o "$out/ci" --no-password
$vouch sign "$out/build/.vercel/output" --key "$out/ci.key" --repo . --lockfile "$shop/package-lock.json" \
  --sbom "$out/sbom.cdx.json" --verdict "$out/verdict.json" -o "$out/provenance.intoto.jsonl"

step "6. Verify before promotion (exit 0 = promote)"
$vouch verify "$out/build/.vercel/output" --attestation "$out/provenance.intoto.jsonl" \
  --pub "$out/ci.pub" --commit "$(git rev-parse HEAD)" --require-sbom --require-verdict pass

step "7. The same gate after one byte of the build output changed (must exit 1)"
echo 'tampered' >>"$out/build/.vercel/output/config.json"
set +e
$vouch verify "$out/build/.vercel/output" --attestation "$out/provenance.intoto.jsonl" \
  --pub "$out/ci.pub" --commit "$(git rev-parse HEAD)"
rc=$?
set -e
if [ "$rc" -ne 1 ]; then
  echo "demo: expected exit 1 for a tampered build, got $rc" >&2
  exit 1
fi
echo "exit $rc: promotion blocked, as it should be"
