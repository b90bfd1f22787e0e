#!/usr/bin/env bash
# vouch gate --require-inspection and the policy's promote.require-inspection: an attestation
# signed without inspection is a no-go (no promote call); one signed with a clean
# `vouch sign --inspect` is a go; the requirement is printed and in the JSON.
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA VERCEL_GIT_COMMIT_SHA GITHUB_ACTIONS VERCEL CI GITLAB_CI
export VERCEL_TOKEN="tok_inspection_test"
cd "$TMP"

"$VOUCH" keygen -o alice --no-password >/dev/null 2>&1 || fail "keygen alice"
g() { git -C repo -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "$@" >/dev/null 2>&1; }
mkdir repo && g init -q -b main
printf '.vercel/\n' >repo/.gitignore
g add .gitignore && g commit -q -m one
sha=$(git -C repo rev-parse HEAD)
out=repo/.vercel/output
mkdir -p "$out/static"
cat >"$out/config.json" <<'JSON'
{"version": 3, "routes": [{"src": "/(.*)", "headers": {
  "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
  "Strict-Transport-Security": "max-age=63072000", "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin"}}]}
JSON
echo '<html>shop</html>' >"$out/static/index.html"
"$VOUCH" sign "$out" --key alice.key --repo repo -o plain.json >/dev/null 2>&1 || fail "sign"
"$VOUCH" sign "$out" --key alice.key --repo repo --inspect -o inspected.json >/dev/null 2>&1 ||
  fail "sign --inspect (clean tree)"

printf '{"token": "%s", "team": null, "deployment": {"id": "dpl_abc", "projectId": "prj_1", "readyState": "READY", "meta": {"vouchCommit": "%s"}}, "get": null, "promote": null}\n' \
  "$VERCEL_TOKEN" "$sha" >config.json
: >requests.log
python3 "$VOUCH_SOURCE_DIR/scripts/vercel-standin.py" config.json port requests.log &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [ -s port ] && break; sleep 0.1; done
[ -s port ] || { echo "FAIL: the fake Vercel API did not start"; exit 1; }
export VERCEL_API_URL="http://127.0.0.1:$(cat port)"

gate() { run "$VOUCH" gate --deployment dpl_abc --pub alice.pub --artifact "$out" --retries 0 "$@"; }
promotes() { grep -c '^POST /v10/projects/prj_1/promote/dpl_abc' requests.log; }
echo '{"version": 1, "promote": {}}' >open.json
echo '{"version": 1, "promote": {"require-inspection": true}}' >inspection.json

gate --attestation plain.json --policy open.json --promote
expect_rc 0 "nothing required: an uninspected attestation is a go"
: >requests.log

gate --attestation plain.json --policy inspection.json --promote
expect_rc 1 "promote.require-inspection: an uninspected attestation is a no-go"
expect_contains "$ERR" "inspection" "the missing inspection is the reason"
expect_contains "$OUT" "clean inspection" "the requirement is printed"
[ "$(promotes)" = 0 ] && pass "no promote call without the inspection" || fail "promoted: $(cat requests.log)"

gate --attestation plain.json --policy open.json --require-inspection
expect_rc 1 "--require-inspection adds to an open policy"

gate --attestation inspected.json --policy inspection.json --promote --format json
expect_rc 0 "a clean inspection is a go"
echo "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["decision"] == "go", d
assert d["requirements"]["require_inspection"] is True, d["requirements"]
checks = {c["name"]: c["status"] for c in d["verification"]["checks"]}
assert checks["inspection"] == "pass", checks
' && pass "JSON: require_inspection applied, inspection check passed" || fail "gate JSON: $OUT"
[ "$(promotes)" = 1 ] && pass "promoted" || fail "promote calls: $(cat requests.log)"

finish
