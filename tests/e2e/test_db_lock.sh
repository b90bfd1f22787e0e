#!/usr/bin/env bash
# Two `vouch db import`/`db update` on one database at once (issue 8 item 15): the second waits
# for the lock in the database folder (saying so) or fails clearly after --lock-timeout; and a
# malformed document suggests --skip-invalid.
. "$(dirname "$0")/lib.sh"

DATA="$VOUCH_SOURCE_DIR/tests/data/advisory"
SRC="$DATA/mixed/osv"
export VOUCH_NOW=2026-11-20T10:00:00Z

run "$VOUCH" db import "$SRC" --db "$TMP/db"
expect_rc 0 "first import"
[ -e "$TMP/db/.lock" ] && pass "the lock file lives in the database folder" || fail "no $TMP/db/.lock"

# Another process holds the lock (flock, as vouch takes it) for 3 seconds.
python3 - "$TMP/db/.lock" "$TMP/held" <<'PY' &
import fcntl, sys, time, os
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(3)
PY
holder=$!
for _ in $(seq 50); do [ -e "$TMP/held" ] && break; sleep 0.1; done

run "$VOUCH" db import "$SRC" --db "$TMP/db" --lock-timeout 0
expect_rc 3 "a held lock with --lock-timeout 0 fails"
expect_contains "$ERR" "still holds the database lock" "the failure says why"
run "$VOUCH" db update --url "http://127.0.0.1:1/all.zip" --db "$TMP/db" --lock-timeout 0
expect_rc 3 "db update takes the same lock"
expect_contains "$ERR" "still holds the database lock" "db update says why"
run "$VOUCH" db import "$SRC" --db "$TMP/db" --lock-timeout 60
expect_rc 0 "with a timeout, the import waits for the other process and then runs"
expect_contains "$ERR" "waiting up to 60 s" "the wait is announced"
wait "$holder"

# Two vouch processes at once: both succeed, one after the other, and the database is whole.
"$VOUCH" db import "$SRC" "$DATA/mixed/wg-77.json" --db "$TMP/db" --format json >"$TMP/a.json" 2>"$TMP/a.err" &
a=$!
"$VOUCH" db import "$SRC" "$DATA/mixed/wg-77.json" --db "$TMP/db" --format json >"$TMP/b.json" 2>"$TMP/b.err" &
b=$!
wait "$a"; rc_a=$?; wait "$b"; rc_b=$?
[ "$rc_a" -eq 0 ] && [ "$rc_b" -eq 0 ] && pass "two concurrent imports both succeed" || fail "concurrent imports: $rc_a $rc_b $(cat "$TMP/a.err" "$TMP/b.err")"
run "$VOUCH" db info --db "$TMP/db" --format json
expect_rc 0 "the database is whole after concurrent imports"
ls "$TMP/db" | grep -q '\.tmp-' && fail "temp files left: $(ls -a "$TMP/db")" || pass "no temp files left"

# A malformed document: the error suggests --skip-invalid.
run "$VOUCH" db import "$DATA/bad" --db "$TMP/bad"
expect_rc 3 "malformed advisory document"
expect_contains "$ERR" "--skip-invalid" "the error suggests --skip-invalid"
run "$VOUCH" db import "$DATA/bad" --db "$TMP/bad" --skip-invalid
expect_rc 0 "--skip-invalid imports the rest"

finish
