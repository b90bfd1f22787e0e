#!/usr/bin/env bash
# docs/vouch.1 is generated from the CLI's --help (scripts/gen-man.py): it must match what the
# built binary prints now, and render without roff warnings.
. "$(dirname "$0")/lib.sh"
run python3 "$VOUCH_SOURCE_DIR/scripts/gen-man.py" "$VOUCH" "$TMP/vouch.1"
expect_rc 0 "man page generated"
if cmp -s "$TMP/vouch.1" "$VOUCH_SOURCE_DIR/docs/vouch.1"; then
  pass "docs/vouch.1 is current"
else
  fail "docs/vouch.1 is stale: run 'python3 scripts/gen-man.py build/src/cli/vouch'; diff: $(diff "$VOUCH_SOURCE_DIR/docs/vouch.1" "$TMP/vouch.1" | head -20)"
fi
for cmd in gate log sign verify; do
  grep -q "^\.SS \"vouch $cmd\"" "$VOUCH_SOURCE_DIR/docs/vouch.1" && pass "man page has vouch $cmd" || fail "no vouch $cmd section"
done
if command -v groff >/dev/null; then
  warnings=$(groff -man -Tutf8 -ww -z "$VOUCH_SOURCE_DIR/docs/vouch.1" 2>&1)
  [ -z "$warnings" ] && pass "renders without roff warnings" || fail "roff warnings: $warnings"
fi
finish
