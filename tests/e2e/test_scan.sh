#!/usr/bin/env bash
# vouch scan end to end: the exact findings on the corpus, gating, ignore-file expiry, VEX,
# SARIF, CycloneDX input, database age, and errors.
. "$(dirname "$0")/lib.sh"

DATA="$VOUCH_SOURCE_DIR/tests/data/scan"
SMALL="$DATA/small"
ADV="$DATA/advisories"
export VOUCH_NOW=2026-11-23T12:00:00Z

json() { # json FILE PYTHON-EXPRESSION-ON-d
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

# --- small hand-written fixture (no shared corpus needed) ---------------------------------------
# small-app: left-pad 1.3.0 (direct) and 1.1.0 (under devtool, dev), evil-pkg 1.0.0, devtool 2.0.0.
# tests/data/scan/advisories: CVE-2099-0001 (alias of VOUCH-TEST-1, left-pad <1.3.1, CVSS 9.8),
# MAL-2099-1 (evil-pkg, all versions), NPM-900001 (devtool <2.1.0, low).
run "$VOUCH" scan "$SMALL" --advisories "$ADV" --fail-on none --format json -o "$TMP/small.json"
expect_rc 0 "--fail-on none: report only"
expect_contains "$(json "$TMP/small.json" "sorted(f['id']+' '+f['package']+'@'+f['version'] for f in d['findings'])")" \
  "['CVE-2099-0001 left-pad@1.1.0', 'CVE-2099-0001 left-pad@1.3.0', 'MAL-2099-1 evil-pkg@1.0.0', 'NPM-900001 devtool@2.0.0']" \
  "small fixture: every finding, nothing else"
expect_contains "$(json "$TMP/small.json" "[(f['severity'], f['malware'], f['cvss']) for f in d['findings'] if f['id']=='MAL-2099-1']")" \
  "[('critical', True, None)]" "malware is critical and labelled"
expect_contains "$(json "$TMP/small.json" "[f['paths'] for f in d['findings'] if f['version']=='1.1.0']")" \
  "[[['small-app', 'devtool', 'left-pad']]]" "dependency chain from the root"
expect_contains "$(json "$TMP/small.json" "[(f['fixed'], f['fix']['kind']) for f in d['findings'] if f['package']=='left-pad']")" \
  "[('1.3.1', 'upgrade-parent'), ('1.3.1', 'update')]" "fixed version and fix hints"
expect_contains "$(json "$TMP/small.json" "(d['verdict'], d['summary']['total_packages'], len(d['lockfile']['sha256']), d['database']['kind'])")" \
  "('report-only', 4, 64, 'advisories')" "verdict, summary, lockfile hash, provenance"

run "$VOUCH" scan "$SMALL" --advisories "$ADV" --fail-on critical
expect_rc 1 "--fail-on critical with critical findings"
expect_contains "$ERR" "at or above critical" "the failure says why"
run "$VOUCH" scan "$SMALL" --advisories "$ADV" --omit dev --fail-on critical --ignore "$DATA/ignore.json" --format json
expect_rc 1 "malware still fails (not suppressed)"
run "$VOUCH" scan "$SMALL" --advisories "$ADV/VOUCH-TEST-1.json" "$ADV/bulk.json" --omit dev --fail-on low \
  --ignore "$DATA/ignore.json" --format json
expect_rc 0 "--omit dev drops devtool's findings; the ignore entry suppresses the rest"
expect_contains "$OUT" '"suppressed": "left-pad only pads log lines we write ourselves"' "suppressed finding still listed"

# ignore-file expiry: the entry expires at the end of 2026-12-01 (UTC)
VOUCH_NOW=2026-12-02T00:00:00Z run "$VOUCH" scan "$SMALL" --advisories "$ADV/VOUCH-TEST-1.json" --omit dev \
  --fail-on high --ignore "$DATA/ignore.json" --format json
expect_rc 1 "an expired ignore entry stops suppressing"
expect_contains "$ERR" "expired on 2026-12-01" "expiry is warned about"
expect_contains "$OUT" '"expired_suppressions": [' "expiry is in the JSON"
expect_contains "$OUT" '"matched": true' "the expired entry would have matched"
VOUCH_NOW=2026-12-01T23:59:59Z run "$VOUCH" scan "$SMALL" --advisories "$ADV/VOUCH-TEST-1.json" --omit dev \
  --fail-on high --ignore "$DATA/ignore.json"
expect_rc 0 "the entry still applies on its last day"

# VEX
run "$VOUCH" scan "$SMALL" --advisories "$ADV/VOUCH-TEST-1.json" "$ADV/bulk.json" --fail-on low \
  --vex "$DATA/openvex.json" --vex "$DATA/cyclonedx-vex.json" --format json
expect_rc 0 "OpenVEX + CycloneDX VEX not_affected statements suppress everything"
expect_contains "$(json /dev/stdin "sorted(f['suppression']['source'] for f in d['findings'])" <<<"$OUT")" \
  "['cyclonedx-vex', 'cyclonedx-vex', 'openvex']" "each suppression names its VEX source"

# SARIF
run "$VOUCH" scan "$SMALL" --advisories "$ADV" --format sarif --fail-on none --ignore "$DATA/ignore.json"
expect_rc 0 "sarif output"
printf '%s' "$OUT" > "$TMP/small.sarif"
expect_contains "$(python3 - "$TMP/small.sarif" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1]))
problems = []
if log.get("version") != "2.1.0" or "$schema" not in log: problems.append("log")
run = log["runs"][0]
rules = run["tool"]["driver"]["rules"]
for r in rules:
    for key in ("id",):
        if not r.get(key): problems.append("rule id")
    for key in ("shortDescription", "fullDescription", "help"):
        if not r.get(key, {}).get("text"): problems.append("rule " + key)
    s = float(r["properties"]["security-severity"])
    if not 0 < s <= 10: problems.append("security-severity")
if len({r["id"] for r in rules}) != len(rules): problems.append("duplicate rules")
for res in run["results"]:
    if not res["message"]["text"]: problems.append("message")
    loc = res["locations"][0]["physicalLocation"]
    if loc["region"]["startLine"] < 1 or not loc["artifactLocation"]["uri"]: problems.append("location")
    if "primaryLocationLineHash" not in res["partialFingerprints"]: problems.append("fingerprint")
    if rules[res["ruleIndex"]]["id"] != res["ruleId"]: problems.append("ruleIndex")
suppressed = sum(1 for res in run["results"] if res.get("suppressions"))
print("problems=%s results=%d rules=%d suppressed=%d" % (problems, len(run["results"]), len(rules), suppressed))
EOF
)" "problems=[] results=4 rules=3 suppressed=2" "SARIF has what GitHub code scanning requires"
line=$(grep -n '"node_modules/evil-pkg"' "$SMALL/package-lock.json" | cut -d: -f1)
expect_contains "$(json "$TMP/small.sarif" "[r['locations'][0]['physicalLocation']['region']['startLine'] for r in d['runs'][0]['results'] if r['ruleId']=='MAL-2099-1']")" \
  "[$line]" "SARIF result at the package's line in package-lock.json"

# errors
run "$VOUCH" scan "$SMALL" --advisories "$ADV" --ignore "$DATA/bad-ignore.json"
expect_rc 3 "malformed ignore file"
expect_contains "$ERR" "bad-ignore.json:4:64: /ignore/0/expries: unknown key" "ignore file error has file:line:col"
printf '{"@context": "https://openvex.dev/ns/v0.2.0",\n "statements": [ {"status": 1' > "$TMP/truncated-vex.json"
run "$VOUCH" scan "$SMALL" --advisories "$ADV" --vex "$TMP/truncated-vex.json"
expect_rc 3 "truncated VEX document"
expect_contains "$ERR" "truncated-vex.json:2:" "VEX error has file:line:col"
run "$VOUCH" scan "$TMP/nowhere" --advisories "$ADV"
expect_rc 3 "missing lockfile"
printf '{"lockfileVersion": 3, "packages": {' > "$TMP/package-lock.json"
run "$VOUCH" scan "$TMP/package-lock.json" --advisories "$ADV"
expect_rc 3 "malformed lockfile"
run "$VOUCH" scan "$SMALL" --advisories "$ADV" --fail-on severe
expect_rc 2 "unknown --fail-on level"
run "$VOUCH" scan "$SMALL" --advisories "$ADV" --db "$TMP/db"
expect_rc 2 "--db and --advisories together"
run "$VOUCH" scan "$SMALL" --db "$TMP/no-db"
expect_rc 3 "no database imported yet"

# empty result
run "$VOUCH" scan "$SMALL" --advisories "$ADV/bulk.json" --omit dev --format json --fail-on low
expect_rc 0 "nothing found"
expect_contains "$OUT" '"findings": []' "empty findings array"
expect_contains "$OUT" '"verdict": "pass"' "empty result passes"

# database age: imported on 2026-11-01, scanned on 2026-11-23 (22 days)
VOUCH_NOW=2026-11-01T12:00:00Z run "$VOUCH" db import "$ADV" --db "$TMP/db"
expect_rc 0 "db import"
run "$VOUCH" scan "$SMALL" --db "$TMP/db" --fail-on none --format json
expect_rc 0 "an old database is only a warning by default"
expect_contains "$ERR" "22.0 days old" "age warning"
expect_contains "$OUT" '"too_old": true' "age in the JSON"
expect_contains "$OUT" '"age_days": 22.0' "age_days"
run "$VOUCH" scan "$SMALL" --db "$TMP/db" --fail-on none --strict
expect_rc 1 "--strict: an old database fails the scan"
run "$VOUCH" scan "$SMALL" --db "$TMP/db" --fail-on none --strict --max-db-age 30
expect_rc 0 "--max-db-age 30 accepts it"
VOUCH_DB="$TMP/db" run "$VOUCH" scan "$SMALL" --fail-on none --max-db-age 30 --format json
expect_rc 0 "VOUCH_DB locates the database"
expect_contains "$OUT" '"content_sha256": "' "database content hash in the provenance"

# --- the shared corpus ---------------------------------------------------------------------------
needs_shared
CORPUS=$(corpus_dir)
A="$VOUCH_SHARED_DIR/corpus/advisories"
# The metavuln-calculator files are single advisory entries without a package name, which the
# feed loader rightly refuses as a source; every other bulk/quick-audit file is passed.
BULK=()
for f in "$A"/npm-bulk-advisory-fixtures/*.json; do
  case "$f" in *metavuln-calculator*) ;; *) BULK+=("$f") ;; esac
done
SOURCES=("$A/ghsa-npm-subset" "$A/ghsa-npm-extra" "$A/ghsa-npm-fixtures" "${BULK[@]}"
         "$A/nodejs-security-wg" "$A/ghsa-graphql-npm" "$A/ossf-malicious-npm")
LEGACY="$CORPUS/lockfiles/generated-legacy-vulnerable"

# Expected set, derived independently of vouch by tests/e2e/scan_oracle.js: it reads the raw
# feed files itself, evaluates OSV events with the OSV schema's pseudo-code and npm ranges with
# node-semver (npm's own copy, /usr/lib/node_modules/npm/node_modules/semver), then joins records
# sharing an id or alias (GHSA ids never joined to each other) and names each group by its GHSA
# id. Run on 2026-11-23 with node v20.20.2:
#   NODE_PATH=/usr/lib/node_modules/npm/node_modules node tests/e2e/scan_oracle.js \
#     $LEGACY/package-lock.json DIR-WITH-THE-SOURCES-ABOVE
# and cross-checked by hand for the pinned direct dependencies (lodash 4.17.15, minimist 1.2.0,
# axios 0.21.0, jsonwebtoken 8.5.1, node-fetch 2.6.0, express 4.16.0, next 12.0.0). No
# malicious-package record names a package of this lockfile.
EXPECTED="GHSA-27h2-hvpr-p74q jsonwebtoken@8.5.1
GHSA-29mw-wpgm-hmr9 lodash@4.17.15
GHSA-35jh-r3h4-6jhm lodash@4.17.15
GHSA-3p68-rc4w-qgx5 axios@0.21.0
GHSA-3rfm-jhwj-7488 loader-utils@1.2.3
GHSA-43fc-jf86-j433 axios@0.21.0
GHSA-4w2v-q235-vp99 axios@0.21.0
GHSA-6rw7-vpxm-498p qs@6.5.1
GHSA-76p3-8jx3-jpfq loader-utils@1.2.3
GHSA-8cf7-32gw-wr33 jsonwebtoken@8.5.1
GHSA-cph5-m8f7-6c5x axios@0.21.0
GHSA-f23m-r3pf-42rh lodash@4.17.15
GHSA-fmvm-x8mv-47mj next@12.0.0
GHSA-fvcv-3m26-pcqx axios@0.21.0
GHSA-hhq3-ff78-jv3g loader-utils@1.2.3
GHSA-hrpp-h998-j3pp qs@6.5.1
GHSA-jr5f-v2jv-69x6 axios@0.21.0
GHSA-p6mc-m468-83gw lodash@4.17.15
GHSA-pxg6-pf52-xh8x cookie@0.3.1
GHSA-qw6h-vgh9-j6wx express@4.16.0
GHSA-qwcr-r2fm-qrc7 body-parser@1.18.2
GHSA-r5fr-rjxr-66jc lodash@4.17.15
GHSA-r683-j2x4-v87g node-fetch@2.6.0
GHSA-r683-j2x4-v87g node-fetch@2.6.1
GHSA-rv95-896h-c2vc express@4.16.0
GHSA-vh95-rmgr-6w4m minimist@1.2.0
GHSA-w7rc-rwvf-8q5r node-fetch@2.6.0
GHSA-wf5p-g6vw-rhxx axios@0.21.0
GHSA-xvch-5gv4-984h minimist@1.2.0
GHSA-xxjr-mmjv-4gpg lodash@4.17.15
NSWG-ECO-516 lodash@4.17.15"

ids_of() { json "$1" "'\n'.join(sorted(f['id']+' '+f['package']+'@'+f['version'] for f in d['findings']))"; }

run "$VOUCH" scan "$LEGACY" --advisories "${SOURCES[@]}" --format json -o "$TMP/legacy.json"
expect_rc 1 "corpus scan (default gate: its findings fail)"
got=$(ids_of "$TMP/legacy.json")
if [ "$got" = "$EXPECTED" ]; then pass "corpus: exactly the expected advisories"; else
  fail "corpus findings differ: $(diff <(echo "$EXPECTED") <(echo "$got") | tr '\n' ' ')"; fi

if command -v node >/dev/null && [ -d /usr/lib/node_modules/npm/node_modules/semver ]; then
  mkdir -p "$TMP/oracle"
  for s in ghsa-npm-subset ghsa-npm-extra ghsa-npm-fixtures nodejs-security-wg ghsa-graphql-npm ossf-malicious-npm; do
    ln -s "$A/$s" "$TMP/oracle/$s"
  done
  mkdir -p "$TMP/oracle/bulk" && ln -s "${BULK[@]}" "$TMP/oracle/bulk/"
  oracle=$(NODE_PATH=/usr/lib/node_modules/npm/node_modules node "$VOUCH_SOURCE_DIR/tests/e2e/scan_oracle.js" \
    "$LEGACY/package-lock.json" "$TMP/oracle")
  if [ "$oracle" = "$EXPECTED" ]; then pass "the node-semver oracle still agrees"; else
    fail "oracle differs from the recorded set: $(diff <(echo "$EXPECTED") <(echo "$oracle") | tr '\n' ' ')"; fi
fi

expect_contains "$(json "$TMP/legacy.json" "[(f['severity'], f['cvss'], f['fixed']) for f in d['findings'] if f['id']=='GHSA-xvch-5gv4-984h']")" \
  "[('critical', 9.8, '1.2.6')]" "minimist: CVSS 9.8 critical, fixed in 1.2.6"
expect_contains "$(json "$TMP/legacy.json" "[f['fix']['kind'] for f in d['findings'] if f['id']=='GHSA-76p3-8jx3-jpfq']")" \
  "['upgrade-parent']" "loader-utils pinned by styled-jsx: upgrade next"

run "$VOUCH" scan "$LEGACY" --advisories "${SOURCES[@]}" --fail-on high
expect_rc 1 "corpus: --fail-on high fails"
run "$VOUCH" scan "$LEGACY" --advisories "${SOURCES[@]}" --fail-on none --format sarif -o "$TMP/legacy.sarif"
expect_rc 0 "corpus SARIF"
expect_contains "$(json "$TMP/legacy.sarif" "(len(d['runs'][0]['results']), len(d['runs'][0]['tool']['driver']['rules']))")" \
  "(31, 30)" "one result per finding, one rule per advisory"

# the same project as a CycloneDX SBOM (written by vouch sbom) gives the same findings
run "$VOUCH" sbom "$LEGACY" -o "$TMP/legacy.cdx.json"
expect_rc 0 "vouch sbom"
run "$VOUCH" scan "$TMP/legacy.cdx.json" --advisories "${SOURCES[@]}" --fail-on none --format json -o "$TMP/sbom-scan.json"
expect_rc 0 "scan of a CycloneDX SBOM"
if [ "$(ids_of "$TMP/sbom-scan.json")" = "$EXPECTED" ]; then pass "SBOM input: same findings"; else
  fail "SBOM findings differ"; fi
expect_contains "$(json "$TMP/sbom-scan.json" "[f['paths'] for f in d['findings'] if f['id']=='GHSA-76p3-8jx3-jpfq']")" \
  "[[['legacy-vulnerable-app', 'next', 'styled-jsx', 'loader-utils']]]" "SBOM input: dependency chains from the graph"
finish
