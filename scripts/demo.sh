#!/usr/bin/env bash
# README command 1: install, build, and run vouch's whole pipeline on the bundled example
# Next.js shop, offline: SBOM, advisory database, check (advisories, licences, lint), signed
# provenance bound to this checkout's commit, verification, and `vouch gate` (go/no-go, then --promote) against a local
# stand-in of the Vercel API on 127.0.0.1; then where each output is and what it proved.
# VOUCH_DEMO_BIN=path skips install and build and uses that binary (tests/e2e/test_demo.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${VOUCH_DEMO_BIN:-}" ]; then
  vouch=$VOUCH_DEMO_BIN
else
  bash scripts/install-deps.sh
  bash scripts/build.sh release
  vouch=./build/src/cli/vouch
fi
shop=examples/nextjs-shop
out=out
rm -rf "$out" && mkdir -p "$out"
step() { printf '\n== %s\n' "$*"; }
commit=$(git rev-parse HEAD)
# The demo's decisions come from this machine, not from a CI run that happens to be around it.
unset GITHUB_ACTIONS GITLAB_CI VERCEL CI GITHUB_SHA VERCEL_GIT_COMMIT_SHA

step "1. SBOM: $shop -> $out/sbom.cdx.json (CycloneDX 1.6) and $out/sbom.spdx.json (SPDX 2.3)"
$vouch sbom "$shop" -o "$out/sbom.cdx.json"
$vouch sbom "$shop" --format spdx -o "$out/sbom.spdx.json"
python3 - "$out/sbom.cdx.json" <<'PY'
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

step "3. Check: advisories (any finding fails), licences and lockfile lint under the default policy"
$vouch check "$shop" --db "$out/db"
$vouch check "$shop" --db "$out/db" --format json -o "$out/verdict.json"
$vouch scan "$shop" --db "$out/db" --format sarif -o "$out/scan.sarif"
echo "verdict document: $out/verdict.json, SARIF for code scanning: $out/scan.sarif"

step "4. Build output stand-in: $out/build/.vercel/output (a real pipeline runs 'vercel build')"
mkdir -p "$out/build/.vercel/output/static" "$out/build/.vercel/output/functions/index.func"
cp -r "$shop/app" "$out/build/.vercel/output/static/"
echo '{"version": 3}' >"$out/build/.vercel/output/config.json"
echo '{"runtime": "nodejs20.x", "handler": "index.js"}' >"$out/build/.vercel/output/functions/index.func/.vc-config.json"
echo 'module.exports = () => "ok";' >"$out/build/.vercel/output/functions/index.func/index.js"

step "5. Sign: the build output bound to commit $commit, with the SBOM and the verdict"
$vouch keygen -o "$out/ci" --no-password
$vouch sign "$out/build/.vercel/output" --key "$out/ci.key" --repo . --commit "$commit" \
  --lockfile "$shop/package-lock.json" \
  --sbom "$out/sbom.cdx.json" --verdict "$out/verdict.json" -o "$out/provenance.intoto.jsonl"

step "6. Verify, as a release manager would before promotion (exit 0 = go)"
$vouch verify "$out/build/.vercel/output" --attestation "$out/provenance.intoto.jsonl" \
  --pub "$out/ci.pub" --commit "$commit" --require-sbom --require-verdict pass --require-gate any \
  --log "$out/decisions.jsonl"

step "7. vouch gate against a local stand-in of the Vercel API (127.0.0.1, scripts/vercel-standin.py)"
attestation_sha=$(sha256sum "$out/provenance.intoto.jsonl" | cut -d' ' -f1)
export VERCEL_TOKEN="demo-token-$RANDOM$RANDOM"
# What 'vercel deploy --prebuilt --meta vouchCommit=... --meta vouchAttestation=...' would create.
cat >"$out/vercel-api.json" <<JSON
{"token": "$VERCEL_TOKEN", "team": null,
 "deployment": {"id": "dpl_demo", "url": "nextjs-shop-demo.vercel.app", "name": "nextjs-shop",
                "projectId": "prj_demo", "readyState": "READY", "target": "production",
                "meta": {"vouchCommit": "$commit", "vouchAttestation": "$attestation_sha"}}}
JSON
python3 scripts/vercel-standin.py "$out/vercel-api.json" "$out/vercel-api.port" "$out/vercel-api.requests" &
standin=$!
trap 'kill $standin 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$out/vercel-api.port" ] && break; sleep 0.1; done
export VERCEL_API_URL="http://127.0.0.1:$(cat "$out/vercel-api.port")"
gate() {
  $vouch gate --deployment dpl_demo --attestation "$out/provenance.intoto.jsonl" --pub "$out/ci.pub" \
    --artifact "$out/build/.vercel/output" --require-sbom --require-verdict pass --require-gate any \
    --log "$out/decisions.jsonl" "$@"
}
echo "-- go / no-go only (what sits in front of 'vercel promote'):"
gate
echo "-- and now with --promote:"
gate --promote
grep -q '^POST /v10/projects/prj_demo/promote/dpl_demo' "$out/vercel-api.requests"
echo "the stand-in received: $(grep -c . "$out/vercel-api.requests") requests, one of them the promote call"

step "8. The same gate after one byte of the build output changed (must exit 1, no promote)"
echo 'tampered' >>"$out/build/.vercel/output/config.json"
: >"$out/vercel-api.requests"
set +e
gate --promote
rc=$?
set -e
if [ "$rc" -ne 1 ] || grep -q '^POST' "$out/vercel-api.requests"; then
  echo "demo: expected exit 1 and no promote call for a tampered build, got exit $rc" >&2
  exit 1
fi
echo "exit $rc: promotion blocked, the promote endpoint was not called"

step "9. The decision log: chained, then signed against truncation"
$vouch log verify "$out/decisions.jsonl"
$vouch log sign "$out/decisions.jsonl" --key "$out/ci.key"
$vouch log verify "$out/decisions.jsonl" --pub "$out/ci.pub"

cat <<SUMMARY

== What the demo produced ($out/) and what each proves
  sbom.cdx.json, sbom.spdx.json   every package the lockfile installs (CycloneDX 1.6, SPDX 2.3)
  db/                             the advisory database the scan used (offline sample feed)
  verdict.json, scan.sarif        vouch check's verdict (no advisory finding at all, gate "any";
                                  licences and lint within the policy) and the scan for code scanning
  build/.vercel/output            the build output that was signed (then tampered in step 8)
  ci.key, ci.pub                  the signing key pair (a CI secret and the key verifiers trust)
  provenance.intoto.jsonl         DSSE-signed SLSA provenance: these exact files, built from commit
                                  $commit, with this SBOM and verdict
  decisions.jsonl (+ .head)       every verify/gate decision, hash-chained and signed: who decided
                                  what, about which deployment and commit, and why
  vercel-api.requests             what the Vercel stand-in was asked: the promote call happened
                                  once, for the verified build, never for the tampered one
SUMMARY
