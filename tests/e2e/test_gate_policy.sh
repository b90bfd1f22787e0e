#!/usr/bin/env bash
# vouch gate applies the policy's "promote" section (default: the built-in policy): an attestation
# without the SBOM the policy requires is a no-go without a promote call; flags only add to the
# policy (a weaker flag is exit 2); the applied requirements are printed.
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA VERCEL_GIT_COMMIT_SHA GITHUB_ACTIONS VERCEL CI GITLAB_CI
export VERCEL_TOKEN="tok_policy_test"
cd "$TMP"

"$VOUCH" keygen -o alice --no-password >/dev/null 2>&1 || fail "keygen alice"
g() { git -C repo -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "$@" >/dev/null 2>&1; }
mkdir repo && g init -q -b main
printf '.vercel/\n' >repo/.gitignore
echo '{"lockfileVersion": 3, "packages": {"": {"name": "shop"}}}' >repo/package-lock.json
g add .gitignore package-lock.json && g commit -q -m one
sha=$(git -C repo rev-parse HEAD)
out=repo/.vercel/output
mkdir -p "$out/static"
echo '<html>shop</html>' >"$out/static/index.html"
# Signed without --sbom and --verdict: the attestation records neither.
"$VOUCH" sign "$out" --key alice.key --repo repo -o att.json >/dev/null 2>&1 || fail "sign"
att_sha=$(sha256sum att.json | cut -d' ' -f1)

printf '{"token": "%s", "team": null, "deployment": {"id": "dpl_abc", "projectId": "prj_1", "readyState": "READY", "meta": {"vouchCommit": "%s", "vouchAttestation": "%s"}}, "get": null, "promote": null}\n' \
  "$VERCEL_TOKEN" "$sha" "$att_sha" >config.json
: >requests.log
python3 "$VOUCH_SOURCE_DIR/scripts/vercel-standin.py" config.json port requests.log &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [ -s port ] && break; sleep 0.1; done
[ -s port ] || { echo "FAIL: the fake Vercel API did not start"; exit 1; }
export VERCEL_API_URL="http://127.0.0.1:$(cat port)"

gate() { run "$VOUCH" gate --deployment dpl_abc --attestation att.json --pub alice.pub --artifact "$out" --retries 0 "$@"; }
promotes() { grep -c '^POST /v10/projects/prj_1/promote/dpl_abc' requests.log; }

echo '{"version": 1, "promote": {}}' >open.json
echo '{"version": 1, "promote": {"require-sbom": true}}' >sbom.json
echo '{"version": 1, "promote": {"require-gate": "moderate", "max-age": "1d"}}' >gate-moderate.json

# --- the requirements come from the policy ---
gate --promote
expect_rc 1 "built-in policy: no SBOM recorded is a no-go"
expect_contains "$ERR" "sbom" "the missing SBOM is the reason"
expect_contains "$OUT" "require     SBOM, verdict pass, gate any or stricter, signed within 7d" "built-in requirements printed"
expect_contains "$OUT" "policy builtin:default" "the built-in policy named"
[ "$(promotes)" = 0 ] && pass "no promote call under the built-in policy" || fail "promoted: $(cat requests.log)"

gate --promote --policy sbom.json --format json
expect_rc 1 "policy requires an SBOM, the attestation has none: no-go"
echo "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
r = d["requirements"]
assert d["decision"] == "no-go", d
assert r["policy"] == "sbom.json" and len(r["policy_sha256"]) == 64, r
assert r["require_sbom"] is True and r["require_verdict"] is None and r["max_age_seconds"] is None, r
' && pass "JSON names the policy and the applied requirements" || fail "requirements JSON: $OUT"
[ "$(promotes)" = 0 ] && pass "no promote call when the policy's SBOM is missing" || fail "promoted: $(cat requests.log)"

gate --promote --policy open.json
expect_rc 0 "a policy that requires nothing: go"
expect_contains "$OUT" "require     no SBOM, no verdict, any gate, any age (policy open.json + flags)" "nothing required printed"
[ "$(promotes)" = 1 ] && pass "promoted under the open policy" || fail "promote calls: $(cat requests.log)"

# --- flags only add to the policy ---
: >requests.log
gate --promote --policy open.json --require-sbom
expect_rc 1 "a flag adds to an empty promote section"
[ "$(promotes)" = 0 ] && pass "no promote call" || fail "promoted: $(cat requests.log)"
gate --promote --policy gate-moderate.json --require-gate critical
expect_rc 2 "--require-gate weaker than the policy is a usage error"
expect_contains "$ERR" "weaker than the policy" "weaker gate named"
gate --promote --policy gate-moderate.json --max-age 2d
expect_rc 2 "--max-age longer than the policy is a usage error"
expect_contains "$ERR" "longer than the policy" "longer age named"
gate --promote --policy gate-moderate.json --require-gate high --max-age 2d --format json
expect_rc 2 "several weaker flags: still a usage error"
gate --promote --policy gate-moderate.json --require-gate low --max-age 1h --format json
expect_rc 1 "stricter flags accepted (and no verdict recorded: no-go)"
echo "$OUT" | python3 -c '
import json, sys
r = json.load(sys.stdin)["requirements"]
assert r["require_gate"] == "low" and r["max_age_seconds"] == 3600, r
' && pass "the stricter flags are what was applied" || fail "requirements: $OUT"
[ "$(promotes)" = 0 ] && pass "never promoted by the flag cases" || fail "promoted: $(cat requests.log)"

# --- a broken policy is never a silent default ---
echo '{"version": 1, "promote": {"require-sbom": true, "max-age": 24}}' >bad.json
gate --promote --policy bad.json
expect_rc 3 "a wrong-typed promote field is an input error"
expect_contains "$ERR" "bad.json:1:" "located"
echo '{"version": 1, "promote": {"requireSbom": true}}' >typo.json
gate --promote --policy typo.json
expect_rc 3 "an unknown promote key is an input error"
expect_contains "$ERR" "unknown key \"requireSbom\"" "unknown key named"
[ "$(promotes)" = 0 ] && pass "no promote with a broken policy" || fail "promoted: $(cat requests.log)"
finish
