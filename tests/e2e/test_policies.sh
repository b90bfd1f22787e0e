#!/usr/bin/env bash
# The shipped example policies parse, suppress what they say, and expire as documented.
. "$(dirname "$0")/lib.sh"
src="$VOUCH_SOURCE_DIR"
shop="$TMP/shop"
mkdir -p "$shop"
# A lockfile with the old versions the examples talk about.
cat >"$shop/package-lock.json" <<'JSON'
{"name": "nextjs-shop", "version": "0.1.0", "lockfileVersion": 3, "packages": {
  "": {"name": "nextjs-shop", "version": "0.1.0", "dependencies": {"next": "14.2.20"},
       "devDependencies": {"eslint": "8.57.0", "micromatch": "4.0.5"}},
  "node_modules/next": {"version": "14.2.20"},
  "node_modules/micromatch": {"version": "4.0.5", "dev": true},
  "node_modules/eslint": {"version": "8.57.0", "dev": true, "dependencies": {"cross-spawn": "^7"}},
  "node_modules/cross-spawn": {"version": "7.0.3", "dev": true}}}
JSON
adv="$src/examples/advisories"

export VOUCH_NOW=2026-12-01T00:00:00Z
run "$VOUCH" scan "$shop" --advisories "$adv" --format json
expect_rc 1 "scan with the default gate (any finding fails)"
open=$(echo "$OUT" | /usr/bin/python3 -c 'import json,sys; print(sorted(f["id"] for f in json.load(sys.stdin)["findings"] if f["suppressed"] is None))')
[ "$open" = "['GHSA-3xgq-45jj-v275', 'GHSA-952p-6rrq-rcjv', 'GHSA-f82v-jwr5-mffw']" ] && pass "three open findings" || fail "open findings: $open"

run "$VOUCH" scan "$shop" --advisories "$adv" --fail-on high --ignore "$src/policies/vouch-ignore.example.json" --vex "$src/policies/openvex.example.json" --format json
expect_rc 0 "the example ignore file and VEX suppress every finding"
suppressed=$(echo "$OUT" | /usr/bin/python3 -c 'import json,sys; print(sum(1 for f in json.load(sys.stdin)["findings"] if f["suppressed"]))')
[ "$suppressed" = "3" ] && pass "three suppressed, still reported" || fail "suppressed: $suppressed"

export VOUCH_NOW=2027-02-15T00:00:00Z
run "$VOUCH" scan "$shop" --advisories "$adv" --fail-on high --ignore "$src/policies/vouch-ignore.example.json" --vex "$src/policies/openvex.example.json"
expect_rc 1 "after the cross-spawn entry expires, the high finding fails the gate again"
expect_contains "$ERR" "expired" "the expired entry is reported"
finish
