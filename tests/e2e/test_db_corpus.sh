#!/usr/bin/env bash
# Imports the whole shared advisory corpus (every format) through the CLI and checks the counts
# and that cross-format duplicates merged (the per-advisory overlap checks are in
# tests/unit/advisory/corpus_test.cpp). Skipped without ../shared.
. "$(dirname "$0")/lib.sh"
needs_shared
A="$VOUCH_SHARED_DIR/corpus/advisories"
export VOUCH_NOW=2026-11-20T10:00:00Z
sources=("$A/ghsa-npm-subset" "$A/ghsa-npm-extra" "$A/ghsa-npm-fixtures" "$A/ossf-malicious-npm.zip"
         "$A/ossf-malicious-npm-withdrawn" "$A/nodejs-security-wg" "$A/ghsa-graphql-npm"
         "$A/npm-bulk-advisory-fixtures")

run "$VOUCH" db import "${sources[@]}" --db "$TMP/strict"
expect_rc 3 "fail closed on the two package-less metavuln fixtures"
expect_contains "$ERR" "metavuln-calculator__minimist.json" "the offending file is named"

run "$VOUCH" db import "${sources[@]}" --db "$TMP/db" --skip-invalid --format json
expect_rc 0 "corpus import with --skip-invalid"
echo "$OUT" >"$TMP/info.json"
python3 - "$TMP/info.json" <<'PY' && pass "corpus counts" || fail "corpus counts: $(cat "$TMP/info.json")"
import json, sys
d = json.load(open(sys.argv[1]))
s = {x["location"].rsplit("/", 1)[-1]: x for x in d["sources"]}
assert len(s) == 8, s.keys()
assert s["ghsa-npm-subset"]["records"] == 15
assert s["ghsa-npm-extra"]["records"] == 19
assert s["ossf-malicious-npm.zip"]["records"] == 2022 and s["ossf-malicious-npm.zip"]["format"] == "osv-zip"
assert s["ossf-malicious-npm-withdrawn"]["records"] == 0 and s["ossf-malicious-npm-withdrawn"]["withdrawn"] == 55
assert s["nodejs-security-wg"]["format"] == "nodejs-security-wg"
assert s["ghsa-graphql-npm"]["records"] == 101  # 100 nodes + the single securityAdvisory
assert s["npm-bulk-advisory-fixtures"]["skipped"] == 2
read = sum(x["records"] for x in d["sources"])
# merging must remove the cross-format duplicates: far fewer advisories than records read
assert d["advisories"] < read - 700, (d["advisories"], read)
assert d["imported_at"] == "2026-11-20T10:00:00Z"
PY

# Same corpus, sources in reverse order, through the zip form of the subset: same content hash.
rev=("$A/npm-bulk-advisory-fixtures" "$A/ghsa-graphql-npm" "$A/nodejs-security-wg"
     "$A/ossf-malicious-npm-withdrawn" "$A/ossf-malicious-npm" "$A/ghsa-npm-fixtures"
     "$A/ghsa-npm-extra" "$A/ghsa-npm-subset.zip")
run "$VOUCH" db import "${rev[@]}" --db "$TMP/rev" --skip-invalid --format json
expect_rc 0 "reverse-order import"
h1=$(python3 -c "import json; print(json.load(open('$TMP/info.json'))['content_sha256'])")
h2=$(echo "$OUT" | python3 -c "import json,sys; print(json.load(sys.stdin)['content_sha256'])")
[ "$h1" = "$h2" ] && pass "content hash independent of source order and form" || fail "hash $h1 != $h2"
finish
