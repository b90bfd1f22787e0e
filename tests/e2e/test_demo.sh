#!/usr/bin/env bash
# The main command, scripts/demo.sh, on a clean clone of the committed tree with the built binary
# (VOUCH_DEMO_BIN skips install and build): it must finish, promote once, block the tampered
# build, and leave a decision log that verifies.
. "$(dirname "$0")/lib.sh"
unset GITHUB_ACTIONS GITLAB_CI VERCEL CI GITHUB_SHA VERCEL_GIT_COMMIT_SHA VOUCH_NOW
if ! git -C "$VOUCH_SOURCE_DIR" rev-parse HEAD >/dev/null 2>&1; then
  echo "SKIP: $VOUCH_SOURCE_DIR is not a git checkout (the demo signs a commit)"
  exit 77
fi
git clone -q "$VOUCH_SOURCE_DIR" "$TMP/clone" || { echo "FAIL: clone"; exit 1; }
run env VOUCH_DEMO_BIN="$VOUCH" bash "$TMP/clone/scripts/demo.sh"
expect_rc 0 "scripts/demo.sh runs the whole pipeline"
expect_contains "$OUT" "promotion promoted" "the verified build is promoted"
expect_contains "$OUT" "promotion blocked" "the tampered build is blocked"
expect_contains "$OUT" "signed head verified" "the decision log verifies with its signed head"
expect_contains "$OUT" "What the demo produced" "the summary is printed"
[ "$(grep -c '^POST' "$TMP/clone/out/vercel-api.requests")" = 0 ] &&
  pass "no promote call after the tamper" || fail "promote called for the tampered build"
[ "$(wc -l <"$TMP/clone/out/decisions.jsonl")" = 4 ] && pass "four decisions logged" ||
  fail "decisions: $(wc -l <"$TMP/clone/out/decisions.jsonl")"
finish
