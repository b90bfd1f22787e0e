#!/usr/bin/env bash
# A mirror URL with credentials (`db update --url https://user:token@host/...`): the credentials
# are used for the download but never stored in the database, printed by `db info`, echoed in
# errors, or written into scan reports (issue 7 item 7, database side).
. "$(dirname "$0")/lib.sh"

DATA="$VOUCH_SOURCE_DIR/tests/data/advisory"
SECRET="s3cr3t-t0ken"
python3 - "$TMP/served.zip" "$DATA" <<'PY'
import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1], "w") as z:
    for name in ("GHSA-aaaa-bbbb-cccc.json", "nested/MAL-2099-7.json"):
        z.write(os.path.join(sys.argv[2], "mixed/osv", name), os.path.basename(name))
PY
timeout 120 python3 "$(dirname "$0")/http_range_server.py" "$TMP/served.zip" "$TMP/port" "$TMP/requests.log" &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -s "$TMP/port" ] && break; sleep 0.1; done
port=$(cat "$TMP/port")

no_secret() { # no_secret TEXT description
  case "$1" in *"$SECRET"*) fail "$2: the credential leaked: ${1:0:300}" ;; *) pass "$2" ;; esac
}

run "$VOUCH" db update --url "http://mirror-user:$SECRET@127.0.0.1:$port/all.zip" --db "$TMP/db" --format json
expect_rc 0 "update through a URL with credentials"
no_secret "$OUT$ERR" "update output"
expect_contains "$OUT" "\"http://127.0.0.1:$port/all.zip\"" "the source is recorded without userinfo"
if grep -qa "$SECRET" "$TMP/db/advisories.sqlite"; then fail "the credential is stored in the database"; else pass "not stored in the database"; fi
run "$VOUCH" db info --db "$TMP/db"
expect_rc 0 "db info"
no_secret "$OUT$ERR" "db info (table)"
run "$VOUCH" db info --db "$TMP/db" --format json
no_secret "$OUT$ERR" "db info (json)"
echo '{"name":"a","lockfileVersion":3,"packages":{"":{"name":"a"}}}' >"$TMP/package-lock.json"
run "$VOUCH" scan "$TMP/package-lock.json" --db "$TMP/db" --format json
expect_rc 0 "scan with that database"
no_secret "$OUT$ERR" "scan report and verdict"

run "$VOUCH" db update --url "http://mirror-user:$SECRET@127.0.0.1:$port/missing.zip" --db "$TMP/db"
expect_rc 3 "HTTP 404 through a URL with credentials"
expect_contains "$ERR" "127.0.0.1:$port/missing.zip" "the error names the URL"
no_secret "$ERR" "HTTP error"
run "$VOUCH" db update --url "http://mirror-user:$SECRET@127.0.0.1:1/all.zip" --db "$TMP/db"
expect_rc 3 "unreachable server"
no_secret "$ERR" "network error"

kill $server_pid 2>/dev/null
finish
