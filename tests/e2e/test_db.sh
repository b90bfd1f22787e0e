#!/usr/bin/env bash
# vouch db import|info|update: formats, atomic replacement, --add, hostile inputs, and a
# resumable download against a local HTTP server.
. "$(dirname "$0")/lib.sh"
DATA="$VOUCH_SOURCE_DIR/tests/data/advisory"
export VOUCH_NOW=2026-11-20T10:00:00Z
unset VOUCH_DB
json_field() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# --- import and info -------------------------------------------------------------------------
run "$VOUCH" db info --db "$TMP/none"
expect_rc 3 "info without a database"
expect_contains "$ERR" "vouch db import" "the error says what to run"

run "$VOUCH" db import "$DATA/mixed/osv" "$DATA/mixed/bulk.json" "$DATA/mixed/wg-77.json" \
  "$DATA/mixed/graphql.json" --db "$TMP/db" --format json
expect_rc 0 "import of four formats"
[ "$(echo "$OUT" | json_field 'd["advisories"]')" = 4 ] && pass "4 advisories after alias merge" || fail "advisory count: $OUT"
sha=$(echo "$OUT" | json_field 'd["content_sha256"]')

VOUCH_NOW=2026-11-23T11:00:00Z run "$VOUCH" db info --db "$TMP/db" --format json
expect_rc 0 "info --format json"
[ "$(echo "$OUT" | json_field 'd["age_days"]')" = 3 ] && pass "age in days from VOUCH_NOW" || fail "age: $OUT"
[ "$(echo "$OUT" | json_field 'd["imported_at"]')" = 2026-11-20T10:00:00Z ] && pass "import time pinned" || fail "imported_at: $OUT"
[ "$(echo "$OUT" | json_field 'len(d["sources"])')" = 4 ] && pass "four sources recorded" || fail "sources: $OUT"
[ "$(echo "$OUT" | json_field 'd["sources"][2]["format"]')" = nodejs-security-wg ] && pass "source format recorded" || fail "format: $OUT"

VOUCH_DB="$TMP/db" run "$VOUCH" db info
expect_rc 0 "VOUCH_DB selects the database"
expect_contains "$OUT" "4 affecting" "table output lists counts"
expect_contains "$OUT" "$sha" "table output shows the content hash"

XDG_CACHE_HOME="$TMP/xdg" run "$VOUCH" db import "$DATA/mixed/bulk.json"
expect_rc 0 "import into the default location"
[ -f "$TMP/xdg/vouch/db/advisories.sqlite" ] && pass "default is \$XDG_CACHE_HOME/vouch/db" || fail "no db under XDG_CACHE_HOME"

# --- failures keep the previous database -----------------------------------------------------
cp "$TMP/db/advisories.sqlite" "$TMP/before.sqlite"
run "$VOUCH" db import "$DATA/bad" --db "$TMP/db"
expect_rc 3 "a malformed record fails the import"
expect_contains "$ERR" "malformed.json:3:" "error names file and line"
cmp -s "$TMP/db/advisories.sqlite" "$TMP/before.sqlite" && pass "previous database intact" || fail "database changed by a failed import"
[ "$(ls -A "$TMP/db" | grep -vx .lock)" = advisories.sqlite ] && pass "no temp file left" || fail "leftovers: $(ls -A "$TMP/db")"

run "$VOUCH" db import "$DATA/bad" --db "$TMP/skip" --skip-invalid --format json
expect_rc 0 "--skip-invalid continues"
expect_contains "$ERR" "warning: skipped invalid record" "--skip-invalid warns"
[ "$(echo "$OUT" | json_field 'd["sources"][0]["skipped"]')" = 1 ] && pass "skipped count recorded" || fail "$OUT"

run "$VOUCH" db import "$DATA/mixed/graphql.json" --db "$TMP/add" --format json
run "$VOUCH" db import "$DATA/mixed/bulk.json" --db "$TMP/add" --add --format json
expect_rc 0 "--add"
[ "$(echo "$OUT" | json_field 'len(d["sources"])')" = 2 ] && pass "--add keeps earlier sources" || fail "$OUT"
[ "$(echo "$OUT" | json_field 'd["advisories"]')" = 3 ] && pass "--add merges aliases across imports" || fail "$OUT"

run "$VOUCH" db import --db "$TMP/db"
expect_rc 2 "import without a source is a usage error"
run "$VOUCH" db
expect_rc 2 "db without a subcommand is a usage error"

# --- hostile inputs: exit 3, one line, no crash -----------------------------------------------
hostile() { # hostile FILE description
  run "$VOUCH" db import "$1" --db "$TMP/hostile"
  expect_rc 3 "$2"
  [ "$(printf '%s\n' "$ERR" | wc -l)" -eq 1 ] && pass "$2: one-line error" || fail "$2: $ERR"
  expect_contains "$ERR" "vouch: error: " "$2: error format"
}
printf 'not json at all' >"$TMP/nonjson.json";            hostile "$TMP/nonjson.json" "non-JSON"
printf '{"id": ["x"], "affected": 3}' >"$TMP/types.json"; hostile "$TMP/types.json" "wrong types"
printf '{"pkg": [{"id": 1, "vulnerable_versions": {}}]}' >"$TMP/bulk.json"; hostile "$TMP/bulk.json" "wrong type in bulk"
printf '{"id": "GHSA-1", "aff' >"$TMP/trunc.json";        hostile "$TMP/trunc.json" "truncated JSON"
: >"$TMP/empty.json";                                     hostile "$TMP/empty.json" "empty file"
cp "$DATA/traversal.zip" "$TMP/traversal.zip"
# Run from a folder of our own, so "../x.json" would land in $TMP (a shared /tmp may hold an
# unrelated x.json).
mkdir -p "$TMP/cwd" && cd "$TMP/cwd" && hostile "$TMP/traversal.zip" "zip entry ../x"
expect_contains "$ERR" "../x.json" "the unsafe entry is named"
[ ! -e "$TMP/cwd/x.json" ] && [ ! -e "$TMP/x.json" ] && pass "nothing written outside" || fail "../x.json was written"

python3 - "$TMP/bomb.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("GHSA-bomb.json", "w", force_zip64=True) as f:
        f.write(b'{"id": "GHSA-bomb", "details": "')
        block = b"0" * (1 << 20)
        for _ in range(80):  # 80 MiB of zeros compress to ~80 KiB
            f.write(block)
        f.write(b'"}')
PY
hostile "$TMP/bomb.zip" "zip bomb"
expect_contains "$ERR" "limit" "the zip bomb error names the limit"

python3 - "$TMP/huge.json" <<'PY'
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b'{"id": "GHSA-huge", "summary": "')
    block = b"a" * (1 << 24)
    for _ in range(60):  # a 1 GB string (60 x 16 MiB)
        f.write(block)
    f.write(b'"}')
PY
hostile "$TMP/huge.json" "a 1 GB string"
expect_contains "$ERR" "huge.json" "the huge file is named"
rm -f "$TMP/huge.json" "$TMP/bomb.zip"

# --- update over HTTP (local server, bounded, stopped on exit) ---------------------------------
python3 - "$TMP/served.zip" "$DATA" <<'PY'
import sys, zipfile, os
data = sys.argv[2]
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as z:  # stored: big enough to cut
    for name in ("GHSA-aaaa-bbbb-cccc.json", "nested/MAL-2099-7.json", "nested/MAL-2099-8.json"):
        z.write(os.path.join(data, "mixed/osv", name), os.path.basename(name))
    z.writestr("padding.txt", "x" * 200000)
PY
timeout 120 python3 "$(dirname "$0")/http_range_server.py" "$TMP/served.zip" "$TMP/port" "$TMP/requests.log" &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do [ -s "$TMP/port" ] && break; sleep 0.1; done
port=$(cat "$TMP/port")
base="http://127.0.0.1:$port"

run "$VOUCH" db update --url "$base/all.zip" --db "$TMP/upd" --format json
expect_rc 0 "update downloads and imports"
[ "$(echo "$OUT" | json_field 'd["sources"][0]["location"]')" = "$base/all.zip" ] && pass "source recorded as the URL" || fail "$OUT"
[ "$(echo "$OUT" | json_field 'd["advisories"]')" = 2 ] && pass "update imported the dump" || fail "$OUT"
[ ! -e "$TMP/upd/download/all.zip" ] && pass "download removed after import" || fail "all.zip left behind"

run "$VOUCH" db update --url "$base/truncated/all.zip" --db "$TMP/resume"
expect_rc 3 "a cut-off transfer is a network error"
[ -s "$TMP/resume/download/all.zip.part" ] && pass "partial download kept" || fail "no partial file"
run "$VOUCH" db update --url "$base/truncated/all.zip" --db "$TMP/resume" --format json
expect_rc 0 "the next update resumes"
grep -q "truncated/all.zip range=bytes=[1-9]" "$TMP/requests.log" && pass "resumed with a Range request" || fail "no Range request: $(cat "$TMP/requests.log")"
[ "$(echo "$OUT" | json_field 'd["advisories"]')" = 2 ] && pass "resumed download is complete" || fail "$OUT"

mkdir -p "$TMP/norange/download" && printf 'stale partial bytes' >"$TMP/norange/download/all.zip.part"
run "$VOUCH" db update --url "$base/norange/all.zip" --db "$TMP/norange" --format json
expect_rc 0 "a server ignoring Range restarts the download"
[ "$(echo "$OUT" | json_field 'd["advisories"]')" = 2 ] && pass "stale partial bytes discarded" || fail "$OUT"

cp "$TMP/upd/advisories.sqlite" "$TMP/upd-before.sqlite"
run "$VOUCH" db update --url "$base/missing.zip" --db "$TMP/upd"
expect_rc 3 "HTTP 404"
expect_contains "$ERR" "HTTP 404" "404 is reported"
cmp -s "$TMP/upd/advisories.sqlite" "$TMP/upd-before.sqlite" && pass "failed update keeps the database" || fail "database changed"

run "$VOUCH" db update --url "http://127.0.0.1:1/all.zip" --db "$TMP/upd"
expect_rc 3 "unreachable server"
expect_contains "$ERR" "download failed" "network failure message"

kill $server_pid 2>/dev/null
finish
