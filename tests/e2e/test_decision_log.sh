#!/usr/bin/env bash
# The decision log end to end: verify --log writes it; vouch log verify names the first bad line
# after an edit, a deletion, a reordering; the signed head catches truncation; two processes
# appending thousands of entries at once lose and interleave nothing; a writer killed with
# SIGKILL mid-append loses no acknowledged entry and leaves a log the next append continues.
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA VERCEL_GIT_COMMIT_SHA GITHUB_ACTIONS VERCEL CI GITLAB_CI
APPENDER="$VOUCH_BUILD_DIR/tests/log_appender"
[ -x "$APPENDER" ] || { echo "FAIL: $APPENDER not built"; exit 1; }
cd "$TMP"

"$VOUCH" keygen -o alice --no-password >/dev/null 2>&1 || fail "keygen"
"$VOUCH" keygen -o bob --no-password >/dev/null 2>&1 || fail "keygen bob"
g() { git -C repo -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "$@" >/dev/null 2>&1; }
mkdir repo && g init -q -b main && echo x >repo/a && g add a && g commit -q -m one
sha=$(git -C repo rev-parse HEAD)
mkdir out && echo hi >out/index.html
"$VOUCH" sign out --key alice.key --repo repo -o att.json >/dev/null 2>&1 || fail "sign"

# --- verify --log ---
for i in 1 2 3 4 5; do
  run "$VOUCH" verify out --attestation att.json --pub alice.pub --commit "$sha" --log log.jsonl
done
echo tampered >out/index.html
run "$VOUCH" verify out --attestation att.json --pub alice.pub --commit "$sha" --log log.jsonl
expect_rc 1 "a failing verify is still logged"
[ "$(wc -l <log.jsonl)" = 6 ] && pass "six decisions logged" || fail "log lines: $(wc -l <log.jsonl)"
expect_contains "$(tail -1 log.jsonl)" '"verdict":"fail"' "the failure is logged as fail"
expect_contains "$(head -1 log.jsonl)" "\"commit\":\"$sha\"" "commit logged"
expect_contains "$(head -1 log.jsonl)" '"key_ids":["' "key ids logged"
expect_contains "$(head -1 log.jsonl)" '"actor":{"ci":"local"' "actor logged"
run "$VOUCH" verify out --attestation att.json --pub alice.pub --any-commit --log anycommit.jsonl
expect_rc 1 "the tampered build fails under --any-commit too"
expect_contains "$(cat anycommit.jsonl)" '"opt_outs":["--any-commit"]' "--any-commit is recorded as an opt-out"
run "$VOUCH" verify out --minisig out.minisig --pub alice.pub --log log.jsonl
expect_rc 2 "--log with --minisig is refused, not silently ignored"
run "$VOUCH" log verify log.jsonl
expect_rc 0 "intact log verifies"
expect_contains "$OUT" "6 entries" "entry count"

# --- tamper ---
tamper() { # tamper DESCRIPTION LINE_EXPECTED SED_OR_COMMAND
  local what=$1 line=$2; shift 2
  cp log.jsonl t.jsonl && "$@"
  run "$VOUCH" log verify t.jsonl
  expect_rc 1 "$what detected"
  expect_contains "$ERR" "t.jsonl:$line: line $line" "$what: first bad line $line named"
}
tamper "edit of entry 3" 4 sed -i '3s/"verdict":"pass"/"verdict":"PASS"/' t.jsonl
tamper "deletion of entry 2" 2 sed -i '2d' t.jsonl
tamper "deletion of entry 1" 1 sed -i '1d' t.jsonl
tamper "reorder of entries 4 and 5" 4 sed -i '4{h;d};5G' t.jsonl
tamper "edit of the last entry's seq" 6 sed -i '6s/"seq":6/"seq":7/' t.jsonl
tamper "garbage line" 3 sed -i '3s/.*/not json/' t.jsonl
run "$VOUCH" log verify t.jsonl --format json
echo "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["ok"] is False and d["first_bad_line"]==3 and d["problem"]' &&
  pass "log verify --format json names the bad line and the problem" || fail "json: $OUT"

# --- truncation and the signed head ---
run "$VOUCH" log sign log.jsonl --key alice.key
expect_rc 0 "log sign"
[ -f log.jsonl.head ] && pass "head written beside the log" || fail "no head"
run "$VOUCH" log verify log.jsonl --pub alice.pub
expect_rc 0 "log and head verify"
cp log.jsonl.head t.jsonl.head
head -n 4 log.jsonl >t.jsonl
run "$VOUCH" log verify t.jsonl
expect_rc 0 "truncation is invisible without the head"
run "$VOUCH" log verify t.jsonl --pub alice.pub
expect_rc 1 "truncation detected with the signed head"
expect_contains "$ERR" "truncated" "truncation named"
run "$VOUCH" log verify log.jsonl --pub bob.pub
expect_rc 1 "a head signed by another key is refused"
rm t.jsonl.head
cp log.jsonl t.jsonl
run "$VOUCH" log verify t.jsonl --pub alice.pub
expect_rc 1 "--pub without a head fails closed"
cp log.jsonl t.jsonl && sed -i '2d' t.jsonl
run "$VOUCH" log sign t.jsonl --key alice.key
expect_rc 1 "a broken log is not signed"
[ -f t.jsonl.head ] && fail "head written for a broken log" || pass "no head for a broken log"
run "$VOUCH" log verify missing.jsonl
expect_rc 3 "missing log is exit 3"

# --- two processes, thousands of entries ---
"$APPENDER" race.jsonl 2000 A >a.out & a=$!
"$APPENDER" race.jsonl 2000 B >b.out & b=$!
wait $a && wait $b && pass "both writers finished" || fail "a writer failed"
[ "$(wc -l <race.jsonl)" = 4000 ] && pass "4000 entries, none lost" || fail "race lines: $(wc -l <race.jsonl)"
[ "$(grep -c '"writer":"A"' race.jsonl)" = 2000 ] && [ "$(grep -c '"writer":"B"' race.jsonl)" = 2000 ] &&
  pass "2000 from each writer" || fail "per-writer counts differ"
run "$VOUCH" log verify race.jsonl
expect_rc 0 "the raced log chains (no interleaving)"

# --- crash: SIGKILL during appends ---
"$APPENDER" crash.jsonl 1000000 C >c.out & c=$!
for _ in $(seq 200); do [ "$(wc -l <c.out 2>/dev/null || echo 0)" -ge 300 ] && break; sleep 0.05; done
kill -9 $c; wait $c 2>/dev/null
acked=$(tail -n 1 c.out)
lines=$(grep -c . crash.jsonl)
[ -n "$acked" ] && [ "$lines" -ge "$acked" ] && pass "every acknowledged entry is in the log ($acked acked, $lines lines)" ||
  fail "acknowledged $acked, log has $lines"
run "$VOUCH" log verify crash.jsonl
if [ "$RC" -ne 0 ]; then
  expect_contains "$ERR" "incomplete" "only a torn last line can be wrong after a crash"
fi
head -n "$acked" crash.jsonl >acked.jsonl
"$APPENDER" crash.jsonl 1 D >/dev/null || fail "append after the crash"
run "$VOUCH" log verify crash.jsonl
expect_rc 0 "after the next append the log chains again"
head -n "$acked" crash.jsonl | cmp -s - acked.jsonl && pass "acknowledged entries untouched by the next append" ||
  fail "acknowledged entries changed"
# A torn line made by hand (a crash between write and its end) is cut, earlier lines kept.
cp crash.jsonl torn.jsonl && printf '{"format":"vouch-log/v1","seq":' >>torn.jsonl
before=$(sha256sum crash.jsonl | cut -d' ' -f1)
run "$VOUCH" log verify torn.jsonl
expect_rc 1 "a torn last line is detected"
expect_contains "$ERR" "incomplete" "torn line named as incomplete"
"$APPENDER" torn.jsonl 1 E >/dev/null || fail "append after a torn line"
[ "$(head -c "$(stat -c %s crash.jsonl)" torn.jsonl | sha256sum | cut -d' ' -f1)" = "$before" ] &&
  pass "bytes before the torn line unchanged" || fail "earlier bytes changed"
run "$VOUCH" log verify torn.jsonl
expect_rc 0 "log continues after the torn line"
finish
