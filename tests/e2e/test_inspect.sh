#!/usr/bin/env bash
# vouch inspect on a generated build output with random secrets: every planted secret is found,
# no look-alike is, no output format contains a secret; exit codes; policy exceptions.
source "$(dirname "$0")/lib.sh"
GEN="$(dirname "$0")/inspect_tree.py"

python3 "$GEN" "$TMP/proj" >"$TMP/planted.txt" || { echo "generator failed"; exit 1; }
OUTPUT="$TMP/proj/.vercel/output"
# The build environment's NEXT_PUBLIC_ values (one of them secret-looking).
while read -r kind name value; do
  [ "$kind" = env ] && export "$name=$value"
done <"$TMP/planted.txt"

run "$VOUCH" inspect "$TMP/proj" --format json -o "$TMP/out.json"
expect_rc 1 "planted secrets fail the inspection"
run "$VOUCH" inspect "$TMP/proj" --format sarif -o "$TMP/out.sarif"
expect_rc 1 "sarif run fails too"
run "$VOUCH" inspect "$TMP/proj"
expect_rc 1 "table run fails too"
printf '%s\n%s\n' "$OUT" "$ERR" >"$TMP/out.txt"

python3 - "$TMP/planted.txt" "$TMP/out.json" "$TMP/out.sarif" "$TMP/out.txt" <<'PY' || fail "findings check (see above)"
import json, sys
planted, lookalikes = [], []
for line in open(sys.argv[1]):
    kind, rest = line.rstrip("\n").split(" ", 1)
    if kind == "env":
        continue
    if kind == "planted":
        rule, secret = rest.split(" ", 1)
        planted.append((rule, secret))
    else:
        lookalikes.append(rest)
doc = json.load(open(sys.argv[2]))
findings = doc["findings"]
rules = {f["rule"] for f in findings}
problems = []
for rule, _ in planted:
    if rule not in rules:
        problems.append("planted %s not found" % rule)
for rule in ["public-env-file", "public-git-dir", "public-cache-dir", "public-source-map",
             "header-csp-unsafe", "header-hsts", "header-nosniff", "header-referrer-policy",
             "header-cors-wildcard"]:
    if rule not in rules:
        problems.append("expected %s finding" % rule)
for rule in ["header-csp-missing", "header-frame-ancestors"]:
    if rule in rules:
        problems.append("%s must not fire: the catch-all route sets it" % rule)
ref = [f for f in findings if f["rule"] == "header-referrer-policy"]
if ref and "/blog/(.*)" not in ref[0]["detail"]:
    problems.append("missing header does not name the route set: " + ref[0]["detail"])
counts = {}
for f in findings:
    counts[f["rule"]] = counts.get(f["rule"], 0) + 1
    if f["file"].endswith("vendor.js"):
        problems.append("look-alike fired: %s at %s:%d:%d" % (f["rule"], f["file"], f["line"], f["column"]))
    if "functions/" in f["file"]:
        problems.append("server function scanned: " + f["file"])
    for k in ("rule", "severity", "file", "line", "column", "excerpt", "detail"):
        if k not in f:
            problems.append("finding lacks " + k)
expected_counts = {"github-token": 2, "private-key": 2, "database-url-password": 2, "stripe-secret-key": 2,
                   "next-public-secret": 3}
for rule, n in expected_counts.items():
    if counts.get(rule) != n:
        problems.append("%s: expected %d findings, got %s" % (rule, n, counts.get(rule)))
big = [f for f in findings if f["file"].endswith("big.js")]
if not big or big[0]["line"] != 1 or big[0]["column"] != 262144:
    problems.append("token across the read boundary: wrong or missing location %s" % big)
for path in sys.argv[2:]:
    text = open(path).read()
    for rule, secret in planted:
        # the whole secret and any 12-character piece past its prefix
        pieces = [secret] + [secret[k:k + 12] for k in range(8, max(9, len(secret) - 11), 4)]
        for p in pieces:
            if len(p) >= 12 and p in text:
                problems.append("%s contains (part of) the planted %s secret" % (path, rule))
                break
sarif = json.load(open(sys.argv[3]))
if sarif["version"] != "2.1.0" or len(sarif["runs"][0]["results"]) != len(findings):
    problems.append("sarif results do not match the json findings")
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
PY
pass "planted secrets found, look-alikes quiet, no secret in any output"

# Inspecting the build output directly gives paths relative to it.
run "$VOUCH" inspect "$OUTPUT" --format json
expect_rc 1 "build output folder given directly"
expect_contains "$OUT" '"file": "static/.env.production"' "paths relative to DIR"

# Not a build output: exit 3.
mkdir -p "$TMP/empty"
run "$VOUCH" inspect "$TMP/empty"
expect_rc 3 "a folder that is no build output"
expect_contains "$ERR" "not a build output vouch understands" "explains what it expected"

# Policy: rules off, allowances, threshold, exceptions (valid and expired).
cat >"$TMP/policy.json" <<'JSON'
{"version": 1, "inspect": {"threshold": "critical",
  "allow": ["unsafe-inline", "source-maps", "cors-wildcard"],
  "rules": {"header-hsts": false},
  "exceptions": [
    {"rule": "public-env-file", "path": "static/.env*", "reason": "no secrets, reviewed", "owner": "ops@shop", "expires": "2099-01-01"},
    {"rule": "public-git-dir", "path": "static/.git", "reason": "old", "owner": "dev@shop", "expires": "2020-01-01"}]}}
JSON
run "$VOUCH" inspect "$TMP/proj" --policy "$TMP/policy.json" --format json
expect_rc 1 "critical secrets still fail under threshold critical"
expect_contains "$OUT" '"suppressed": "no secrets, reviewed (ops@shop, until 2099-01-01)"' "exception applied"
expect_contains "$OUT" '"expired_exceptions": [' "expired exception reported"
expect_contains "$ERR" "expired inspect exception no longer applies: public-git-dir" "expired exception warned"
case "$OUT" in *header-hsts*|*header-csp-unsafe*|*public-source-map*|*header-cors-wildcard*) fail "disabled rule or allowance ignored" ;; *) pass "rules off and allowances honoured" ;; esac

# A clean build output passes.
mkdir -p "$TMP/clean/static"
echo '<html>hello</html>' >"$TMP/clean/static/index.html"
cat >"$TMP/clean/config.json" <<'JSON'
{"version": 3, "routes": [{"src": "/(.*)", "headers": {
  "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
  "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
  "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin"}, "continue": true}]}
JSON
run "$VOUCH" inspect "$TMP/clean"
expect_rc 0 "clean build output"
# No headers at all: each missing header is named with the route set it is missing from.
echo '{"version": 3, "routes": []}' >"$TMP/clean/config.json"
run "$VOUCH" inspect "$TMP/clean" --format json
expect_rc 1 "no security headers"
expect_contains "$OUT" "Content-Security-Policy is missing from every route" "missing CSP named"
# Report-only threshold.
echo '{"version": 1, "inspect": {"threshold": "none"}}' >"$TMP/none.json"
run "$VOUCH" inspect "$TMP/clean" --policy "$TMP/none.json" --format json
expect_rc 0 "threshold none reports only"
expect_contains "$OUT" '"verdict": "report-only"' "report-only recorded"
# Wrong config version and malformed policy: exit 3 with a location.
echo '{"version": 2}' >"$TMP/clean/config.json"
run "$VOUCH" inspect "$TMP/clean"
expect_rc 3 "Build Output API version 2"
echo '{"version": 1, "inspect": {"threshold": "sometimes"}}' >"$TMP/bad.json"
run "$VOUCH" inspect "$TMP/proj" --policy "$TMP/bad.json"
expect_rc 3 "bad threshold"
expect_contains "$ERR" "bad.json:1:" "policy error located"

# A .next folder: headers from the routes manifest.
mkdir -p "$TMP/nx/.next/static/chunks" "$TMP/nx/.next/server/app"
echo '{"version":3,"headers":[{"source":"/:path*","headers":[{"key":"X-Frame-Options","value":"DENY"}],"regex":"^/.*$"}]}' >"$TMP/nx/.next/routes-manifest.json"
echo 'x' >"$TMP/nx/.next/static/chunks/a.js"
run "$VOUCH" inspect "$TMP/nx" --format json
expect_rc 1 ".next folder with missing headers"
expect_contains "$OUT" '"file": ".next/routes-manifest.json"' "routes manifest checked"
case "$OUT" in *header-frame-ancestors*) fail "X-Frame-Options on /:path* not recognised" ;; *) pass "catch-all /:path* recognised" ;; esac
finish
