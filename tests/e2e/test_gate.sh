#!/usr/bin/env bash
# vouch gate against a loopback fake of Vercel's deployment and promote endpoints
# (scripts/vercel-standin.py): promote only on a full pass; every kind of failure is a no-go
# without a promote call; API failures are exit 3; the token never appears in any output or log.
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA VERCEL_GIT_COMMIT_SHA GITHUB_ACTIONS VERCEL CI GITLAB_CI
TOKEN="tok_SECRET_$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
export VERCEL_TOKEN="$TOKEN"
cd "$TMP"

"$VOUCH" keygen -o alice --no-password >/dev/null 2>&1 || fail "keygen alice"
"$VOUCH" keygen -o mallory --no-password >/dev/null 2>&1 || fail "keygen mallory"
g() { git -C repo -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "$@" >/dev/null 2>&1; }
mkdir repo && g init -q -b main
printf '.vercel/\n' >repo/.gitignore
echo '{"lockfileVersion": 3, "packages": {"": {"name": "shop"}}}' >repo/package-lock.json
g add .gitignore package-lock.json && g commit -q -m one
sha=$(git -C repo rev-parse HEAD)
out=repo/.vercel/output
mkdir -p "$out/static"
echo '<html>shop</html>' >"$out/static/index.html"
echo '{"version": 3}' >"$out/config.json"
"$VOUCH" sign "$out" --key alice.key --repo repo -o att.json >/dev/null 2>&1 || fail "sign"
att_sha=$(sha256sum att.json | cut -d' ' -f1)
# This attestation records no SBOM and no verdict, which the built-in policy's "promote" section
# refuses (test_gate_policy.sh): these cases use a policy that requires nothing, so each
# --require-* flag below is what is tested.
echo '{"version": 1}' >open.json

# --- the fake API ---
deployment() { # deployment READYSTATE COMMIT ATTESTATION_SHA
  printf '{"id": "dpl_abc", "url": "shop-abc.vercel.app", "name": "shop", "projectId": "prj_1",
  "readyState": "%s", "target": "production", "meta": {"vouchCommit": "%s", "vouchAttestation": "%s"}}' "$1" "$2" "$3"
}
config() { # config GET_RESPONSES PROMOTE_RESPONSES [DEPLOYMENT] [TEAM]
  local d=${3:-$(deployment READY "$sha" "$att_sha")}
  printf '{"token": "%s", "team": %s, "deployment": %s, "get": %s, "promote": %s}\n' \
    "$TOKEN" "${4:-null}" "$d" "$1" "$2" >config.tmp && mv config.tmp config.json
  : >requests.log
}
config null null
python3 "$VOUCH_SOURCE_DIR/scripts/vercel-standin.py" config.json port requests.log &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do [ -s port ] && break; sleep 0.1; done
[ -s port ] || { echo "FAIL: the fake Vercel API did not start"; exit 1; }
export VERCEL_API_URL="http://127.0.0.1:$(cat port)"

ALL_OUTPUT="$TMP/all-output"
gate() { # gate ARGS... : vouch gate with the common arguments; output collected for the token check
  run "$VOUCH" gate --policy open.json --deployment dpl_abc --attestation att.json --pub alice.pub --artifact "$out" \
    --retries 1 --timeout 5 --log decisions.jsonl "$@"
  printf '%s\n%s\n' "$OUT" "$ERR" >>"$ALL_OUTPUT"
}
promoted() { grep -c '^POST /v10/projects/prj_1/promote/dpl_abc' requests.log; }

# --- go ---
config null null
gate
expect_rc 0 "gate: a verified READY deployment is a go"
expect_contains "$OUT" "GO" "go printed"
[ "$(promoted)" = 0 ] && pass "no promote without --promote" || fail "promoted without --promote"
grep -q "^GET /v13/deployments/dpl_abc?withGitRepoInfo=true auth=ok" requests.log &&
  pass "GET path, query and bearer token as the API expects" || fail "GET request: $(cat requests.log)"

config null null
gate --promote --format json
expect_rc 0 "gate --promote on pass"
expect_contains "$OUT" '"promotion": "promoted"' "json says promoted"
echo "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["decision"]=="go" and d["verification"]["checks"]' &&
  pass "gate --format json is one JSON document with the verification inside" || fail "gate json: $OUT"
[ "$(promoted)" = 1 ] && pass "promote called once" || fail "promote calls: $(cat requests.log)"

config null '[{"status": 409, "body": {"error": {"code": "conflict", "message": "already current"}}}]'
gate --promote
expect_rc 0 "409 from promote: already current is success"
expect_contains "$OUT" "already-current" "already-current printed"

config null null
run "$VOUCH" gate --policy open.json --deployment https://shop-abc.vercel.app/ --attestation att.json --pub alice.pub --artifact "$out" --retries 0
expect_rc 0 "a deployment URL is reduced to its host"
grep -q "^GET /v13/deployments/shop-abc.vercel.app?" requests.log && pass "GET by hostname" || fail "GET by URL: $(cat requests.log)"

# --- team scoping ---
config null null "" '"team_x"'
gate --promote
expect_rc 3 "without --team the team-scoped API answers 403"
expect_contains "$ERR" "403" "403 named"
config null null "" '"team_x"'
gate --promote --team team_x
expect_rc 0 "with --team the teamId query is sent"
grep -q "^POST /v10/projects/prj_1/promote/dpl_abc?teamId=team_x" requests.log && pass "teamId on promote" || fail "promote query: $(cat requests.log)"

# --- no-go: every kind of verification failure, never a promote ---
nogo() { # nogo DESCRIPTION EXPECTED_TEXT ARGS...
  local what=$1 text=$2; shift 2
  gate --promote "$@"
  expect_rc 1 "no-go: $what"
  expect_contains "$ERR" "$text" "reason printed: $what"
  [ "$(promoted)" = 0 ] && pass "not promoted: $what" || fail "promoted despite: $what"
}
config null null "$(deployment BUILDING "$sha" "$att_sha")"
nogo "deployment not READY" "is BUILDING, not READY"
config null null "$(deployment ERROR "$sha" "$att_sha")"
nogo "deployment in ERROR" "not READY"
other=0123456789abcdef0123456789abcdef01234567
config null null "$(deployment READY "$other" "$att_sha")"
nogo "commit of the deployment differs from the attestation's" "expected $other"
config null null "$(deployment READY "$sha" "$(printf x | sha256sum | cut -d' ' -f1)")"
nogo "meta.vouchAttestation is another attestation" "meta.vouchAttestation"
config null null '{"id": "dpl_abc", "projectId": "prj_1", "readyState": "READY", "meta": {}}'
nogo "deployment records no commit" "records no commit"
config null null '{"id": "dpl_abc", "projectId": "prj_1", "readyState": "READY", "gitSource": {"type": "github", "sha": "'"$sha"'"}, "meta": {"vouchCommit": "'"$other"'", "vouchAttestation": "'"$att_sha"'"}}'
nogo "gitSource.sha and meta.vouchCommit disagree" "states two commits"
config null null
cp -r "$out" tampered && echo 'evil' >tampered/static/index.html
run "$VOUCH" gate --policy open.json --deployment dpl_abc --attestation att.json --pub alice.pub --artifact tampered --promote --retries 0
expect_rc 1 "no-go: artifact differs from the signed one"
expect_contains "$ERR" "subjects" "subjects failure named"
[ "$(promoted)" = 0 ] && pass "not promoted: tampered artifact" || fail "promoted a tampered artifact"
config null null
run "$VOUCH" gate --policy open.json --deployment dpl_abc --attestation att.json --pub mallory.pub --artifact "$out" --promote --retries 0
expect_rc 1 "no-go: signature by an untrusted key"
expect_contains "$ERR" "signatures" "signature failure named"
config null null
nogo "SBOM required but not recorded" "sbom" --require-sbom
config null null
nogo "passing verdict required but none recorded" "verdict" --require-verdict pass
config null null
nogo "a minimum scan gate required but no verdict recorded" "verdict" --require-gate high
config null null
VOUCH_NOW=2026-12-20T12:00:00Z nogo "attestation older than --max-age" "age" --max-age 1d
config null null "$(deployment BUILDING "$other" "$att_sha")"
gate --promote
expect_contains "$ERR" "not READY" "several reasons: not READY"
expect_contains "$ERR" "expected $other" "several reasons: and the commit"
config null null '{"id": "dpl_abc", "projectId": "prj_1", "readyState": "READY", "meta": {"vouchCommit": "'"$sha"'"}}'
run "$VOUCH" gate --policy open.json --deployment dpl_abc --attestation att.json --pub alice.pub --promote --retries 0
expect_rc 1 "no-go: no --artifact and no meta.vouchAttestation binding"
expect_contains "$ERR" "nothing ties the deployed files" "reason for the missing binding"
config null null
run "$VOUCH" gate --policy open.json --deployment dpl_abc --attestation att.json --pub alice.pub --retries 0
expect_rc 0 "no --artifact: bound by meta.vouchAttestation instead"
config null null
run "$VOUCH" gate --policy open.json --deployment dpl_abc --attestation att.json --pub alice.pub --artifact "$out" --project prj_other --promote --retries 0
expect_rc 1 "no-go: deployment of another project"
[ "$(promoted)" = 0 ] && pass "not promoted: another project" || fail "promoted another project's deployment"

# --- API failures: exit 3, never a promotion ---
apierr() { # apierr DESCRIPTION EXPECTED_TEXT GET_RESPONSES PROMOTE_RESPONSES [ARGS...]
  local what=$1 text=$2; config "$3" "$4"; shift 4
  gate --promote "$@"
  expect_rc 3 "$what"
  expect_contains "$ERR" "$text" "message: $what"
  [ "$(echo "$ERR" | wc -l)" = 1 ] && pass "one-line error: $what" || fail "not one line: $ERR"
}
apierr "401 from the API" "401 Unauthorized" '[{"status": 401}]' null
[ "$(promoted)" = 0 ] && pass "no promote after 401" || fail "promote after 401"
apierr "403 from the API" "403 Forbidden" '[{"status": 403}]' null
apierr "404 deployment" "404 Not Found" '[{"status": 404, "body": {"error": {"message": "Deployment not found"}}}]' null
apierr "500 on every attempt" "HTTP 500" '[{"status": 500}]' null
[ "$(grep -c '^GET' requests.log)" = 2 ] && pass "--retries 1: two attempts" || fail "attempts: $(cat requests.log)"
apierr "malformed JSON from the API" "1:12" '[{"status": 200, "raw": "{\"id\": \"dpl"}]' null
apierr "wrong-typed JSON from the API" "readyState" '[{"status": 200, "body": {"id": "dpl_abc", "readyState": 7}}]' null
apierr "timeout" "timed out" '[{"status": 200, "sleep": 4}]' null --timeout 1 --retries 0
apierr "promote refused (500)" "HTTP 500" null '[{"status": 500}]'
expect_contains "$(tail -1 decisions.jsonl)" '"action":"promote-failed"' "a failed promote is logged as such"
apierr "promote 403" "403 Forbidden" null '[{"status": 403}]'

config '[{"status": 429, "headers": {"Retry-After": "1"}}, {"status": 200}]' null
gate --promote
expect_rc 0 "429 then 200: retried after Retry-After, then promoted"
[ "$(grep -c '^GET' requests.log)" = 2 ] && pass "429 retried once" || fail "attempts: $(cat requests.log)"
config '[{"status": 503}, {"status": 502}, {"status": 200}]' null
gate --retries 2
expect_rc 0 "5xx twice then 200 with --retries 2"

run env -u VERCEL_TOKEN "$VOUCH" gate --policy open.json --deployment dpl_abc --attestation att.json --pub alice.pub
expect_rc 2 "no VERCEL_TOKEN is a usage error"
run env VERCEL_API_URL=http://example.com "$VOUCH" gate --policy open.json --deployment dpl_abc --attestation att.json --pub alice.pub
expect_rc 2 "plain http to a non-loopback API is refused"

# --- the decision log of all these runs ---
run "$VOUCH" log verify decisions.jsonl
expect_rc 0 "the gate's decision log chains"
expect_contains "$(head -1 decisions.jsonl)" '"event":"gate"' "log entries are gate events"
grep -q '"verdict":"no-go"' decisions.jsonl && pass "no-go decisions logged" || fail "no no-go in the log"
grep -q '"action":"promoted"' decisions.jsonl && pass "promotion logged" || fail "no promotion in the log"
expect_contains "$(head -1 decisions.jsonl)" "\"deployment\":\"dpl_abc\"" "deployment id logged"
expect_contains "$(head -1 decisions.jsonl)" "\"commit\":\"$sha\"" "commit logged"

# --- the token never leaks ---
if grep -qF "$TOKEN" "$ALL_OUTPUT" decisions.jsonl; then fail "the token appears in output or log"; else pass "token absent from every output and the log"; fi
if grep -qF "$TOKEN" "$TMP/stderr"; then fail "token in stderr"; else pass "token absent from the last stderr"; fi
finish
