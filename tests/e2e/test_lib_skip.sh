#!/usr/bin/env bash
# The e2e helpers (issue 8 item 12): a test that has already failed must be reported as failed,
# not turned into "skipped" (exit 77) by needs_shared when ../shared is absent.
. "$(dirname "$0")/lib.sh"
lib="$(dirname "$0")/lib.sh"

VOUCH_SHARED_DIR=/nonexistent bash -c '. "$1"; fail "an earlier assertion" 2>/dev/null; needs_shared; exit 0' _ "$lib" >/dev/null
rc=$?
[ "$rc" -eq 1 ] && pass "a failure before needs_shared exits 1" || fail "a failure before needs_shared exited $rc"

VOUCH_SHARED_DIR=/nonexistent bash -c '. "$1"; pass "fine" >/dev/null; needs_shared; exit 0' _ "$lib" >/dev/null
rc=$?
[ "$rc" -eq 77 ] && pass "no failure before needs_shared: skipped (77)" || fail "expected 77, got $rc"

finish
