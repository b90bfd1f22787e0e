#!/usr/bin/env bash
# The scan gate (issue 8 items 1-2): any unsuppressed finding fails by default, --fail-on LEVEL
# raises the threshold, --fail-on none is report-only; the failing findings are named; several
# outputs in one run; verify --require-gate. Uses only tests/data (runs in every CI).
. "$(dirname "$0")/lib.sh"

DATA="$VOUCH_SOURCE_DIR/tests/data/scan"
SMALL="$DATA/small"
ADV="$DATA/advisories"
export VOUCH_NOW=2026-11-23T12:00:00Z
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

# Only the low devtool advisory applies (bulk.json), so the default gate is the one that fails.
run "$VOUCH" scan "$SMALL" --advisories "$ADV/bulk.json" --format json -o "$TMP/low.json"
expect_rc 1 "default gate: one low finding fails the scan"
expect_contains "$(json "$TMP/low.json" "(d['verdict'], d['gate'], [f['id'] for f in d['failing']])")" \
  "('fail', 'any', ['NPM-900001'])" "verdict fail, gate any, failing finding listed"
expect_contains "$ERR" "NPM-900001  devtool@2.0.0  low" "with --format json -o, the failing finding is on stderr"

run "$VOUCH" scan "$SMALL" --advisories "$ADV/bulk.json" --fail-on Medium
expect_rc 0 "--fail-on Medium (= moderate, any case): a low finding passes"
expect_contains "$OUT" "Verdict: pass (gate: moderate)" "the table says which gate passed"

# Malware always counts as critical, whatever the gate level.
run "$VOUCH" scan "$SMALL" --advisories "$ADV/MAL-2099-1.json" --fail-on CRITICAL
expect_rc 1 "malware fails --fail-on critical"
expect_contains "$OUT" "MAL-2099-1  evil-pkg@1.0.0  malware (critical)" "the table lists the failing finding"

run "$VOUCH" scan "$SMALL" --advisories "$ADV" --fail-on none --format json -o "$TMP/none.json"
expect_rc 0 "--fail-on none: report only"
expect_contains "$(json "$TMP/none.json" "(d['verdict'], d['gate'], len(d['findings']))")" \
  "('report-only', 'none', 4)" "verdict report-only (never pass), findings still reported"
expect_contains "$ERR" "report only" "report-only mode is announced"

run "$VOUCH" scan "$SMALL" --advisories "$ADV" --fail-on severe
expect_rc 2 "unknown gate level"

# Several outputs in one run.
run "$VOUCH" scan "$SMALL" --advisories "$ADV" --fail-on none --format table,json,sarif \
  -o "json:$TMP/multi.json" -o "sarif:$TMP/multi.sarif"
expect_rc 0 "table + json + sarif in one run"
expect_contains "$OUT" "Verdict: report-only" "the table went to stdout"
expect_contains "$(json "$TMP/multi.json" "d['verdict']")" "report-only" "the JSON file"
expect_contains "$(json "$TMP/multi.sarif" "d['version']")" "2.1.0" "the SARIF file"
run "$VOUCH" scan "$SMALL" --advisories "$ADV" --format json,sarif
expect_rc 2 "two formats cannot both go to stdout"
run "$VOUCH" scan "$SMALL" --advisories "$ADV" --format json,sarif -o "$TMP/x"
expect_rc 2 "a plain -o with several formats must name its format"
[ ! -e "$TMP/x" ] && pass "no output written on a usage error" || fail "output written on a usage error"

# verify --require-gate validates its level before anything else.
run "$VOUCH" verify "$TMP" --attestation "$TMP/none.json" --pub "$TMP/none.pub" --require-gate severe
expect_rc 2 "--require-gate with an unknown level is a usage error"

finish
