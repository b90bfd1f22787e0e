#!/usr/bin/env bash
# vouch licenses / vouch lint: exit codes, deciding rules, policy errors located, fail closed.
. "$(dirname "$0")/lib.sh"
data="$VOUCH_SOURCE_DIR/tests/data/check"
export VOUCH_NOW=2026-11-25T00:00:00Z

run "$VOUCH" licenses "$data/good"
expect_rc 0 "licences of the good shop pass (GPL only in a dev tool)"
run "$VOUCH" licenses "$data/good" --format json
gpl=$(echo "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print([p["rule"] for p in d["packages"] if p["name"]=="gpl-tool"][0])')
[ "$gpl" = "dev.categories.strong-copyleft" ] && pass "dev-only package decided by the dev rules" || fail "gpl-tool rule: $gpl"

run "$VOUCH" licenses "$data/bad"
expect_rc 1 "an AGPL runtime dependency fails"
expect_contains "$OUT" "licenses.categories.network-copyleft" "the table names the deciding rule"
run "$VOUCH" licenses "$data/bad" --policy "$VOUCH_SOURCE_DIR/policies/strict.json" --format sarif
expect_rc 1 "strict policy: SARIF output still exits 1"
expect_contains "$OUT" '"ruleId": "licenses/licenses.categories.network-copyleft"' "SARIF result per package"

run "$VOUCH" lint "$data/good"
expect_rc 0 "lint of the good shop passes"
run "$VOUCH" lint "$data/bad" --format json
expect_rc 1 "lint of the bad shop fails"
rules=$(echo "$OUT" | python3 -c 'import json,sys; print(",".join(sorted({f["rule"] for f in json.load(sys.stdin)["findings"]})))')
[ "$rules" = "allowed-hosts,https-only,in-sync,install-scripts,integrity-present" ] && pass "every planted lint problem found" || fail "lint rules: $rules"

# A licence the lockfile lacks is read from an installed node_modules (npm >= 10.3 omits it).
mkdir -p "$TMP/nm/node_modules/left-pad"
python3 - "$data/good/package-lock.json" "$TMP/nm/package-lock.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
del d["packages"]["node_modules/left-pad"]["license"]
json.dump(d, open(sys.argv[2], "w"))
PY
echo '{"name": "left-pad", "version": "1.3.0", "license": "ISC"}' >"$TMP/nm/node_modules/left-pad/package.json"
run "$VOUCH" licenses "$TMP/nm" --format json
got=$(echo "$OUT" | python3 -c 'import json,sys; p=[p for p in json.load(sys.stdin)["packages"] if p["name"]=="left-pad"][0]; print(p["license"], p["source"], p["rule"])')
[ "$got" = "ISC node_modules licenses.allow" ] && pass "licence read from node_modules" || fail "left-pad: $got"
rm -rf "$TMP/nm/node_modules"
run "$VOUCH" licenses "$TMP/nm" --format json
got=$(echo "$OUT" | python3 -c 'import json,sys; p=[p for p in json.load(sys.stdin)["packages"] if p["name"]=="left-pad"][0]; print(p["source"], p["rule"], p["action"])')
[ "$got" = "none licenses.categories.unknown review" ] && pass "no licence anywhere: unknown, decided by the policy" || fail "left-pad: $got"

# Policy errors are located and exit 3; the built-in policy is used without --policy.
printf '{\n  "version": 1,\n  "lint": {"https_only": "error"}\n}\n' >"$TMP/typo.json"
run "$VOUCH" lint "$data/good" --policy "$TMP/typo.json"
expect_rc 3 "a typo in the policy is an input error"
expect_contains "$ERR" "typo.json:3:12: unknown key \"https_only\" in lint" "FILE:LINE:COL of the unknown key"
run "$VOUCH" licenses "$data/good" --policy "$TMP/missing.json"
expect_rc 3 "a missing policy file"

# Expired exceptions stop applying and are reported.
cat >"$TMP/excepted.json" <<'JSON'
{"version": 1, "licenses": {"categories": {"permissive": "allow", "network-copyleft": "deny"}},
 "exceptions": [{"package": "copyleft-lib", "check": "licenses", "reason": "internal tool",
                 "owner": "legal@shop.example", "expires": "2026-11-30"}]}
JSON
run "$VOUCH" licenses "$data/bad" --policy "$TMP/excepted.json"
expect_rc 0 "an exception lets the package through"
VOUCH_NOW=2026-12-01T00:00:00Z run "$VOUCH" licenses "$data/bad" --policy "$TMP/excepted.json"
expect_rc 1 "the exception expired"
expect_contains "$ERR" "expired on 2026-11-30" "the expired exception is reported"

# Fail closed: unreadable lockfile, malformed package.json, SBOM input for lint.
mkdir -p "$TMP/broken" && printf '{"lockfileVersion": 3, "packages": {' >"$TMP/broken/package-lock.json"
run "$VOUCH" lint "$TMP/broken"
expect_rc 3 "a truncated lockfile is an input error, never 'no issues'"
run "$VOUCH" licenses "$TMP/broken"
expect_rc 3 "licences of a truncated lockfile"
mkdir -p "$TMP/badpj" && cp "$data/good/package-lock.json" "$TMP/badpj/" && printf '{"dependencies": ' >"$TMP/badpj/package.json"
run "$VOUCH" lint "$TMP/badpj"
expect_rc 3 "a malformed package.json is an input error"
mkdir -p "$TMP/nopj" && cp "$data/good/package-lock.json" "$TMP/nopj/"
run "$VOUCH" lint "$TMP/nopj"
expect_rc 1 "without package.json the in-sync rule cannot check: fails closed"

# Package names from the lockfile are escaped on a terminal.
python3 - "$data/bad/package-lock.json" "$TMP/esc/package-lock.json" <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1]))
d["packages"]["node_modules/copyleft-lib"]["name"] = "evil\u001b[2Jname"
os.makedirs(os.path.dirname(sys.argv[2]), exist_ok=True)
json.dump(d, open(sys.argv[2], "w"))
PY
run "$VOUCH" licenses "$TMP/esc"
case "$OUT" in *$'\e[2J'*) fail "escape sequence reached the terminal" ;; *) pass "names escaped in the table" ;; esac
finish
