#!/usr/bin/env bash
# libcurl and libzip are opened on first use (src/lazylib), never at start-up: the binary does not
# name them as dependencies, `vouch --version` does not load them, and a zip import does.
source "$(dirname "$0")/lib.sh"

if ! command -v ldd >/dev/null; then
  echo "SKIP: ldd not found"; exit 77
fi
deps=$(ldd "$VOUCH")
case "$deps" in *libcurl*) fail "vouch links libcurl at start-up: $deps" ;; *) pass "libcurl is not a start-up dependency" ;; esac
case "$deps" in *libzip*) fail "vouch links libzip at start-up: $deps" ;; *) pass "libzip is not a start-up dependency" ;; esac

run env LD_DEBUG=files "$VOUCH" --version
expect_rc 0 "vouch --version"
case "$ERR" in *libcurl*|*libzip*) fail "--version loaded libcurl or libzip" ;; *) pass "--version loads neither libcurl nor libzip" ;; esac

# A zip import opens libzip when it needs it.
python3 - "$TMP/feed.zip" <<'PY'
import json, sys, zipfile
record = {"schema_version": "1.6.0", "id": "MAL-2099-1", "modified": "2099-01-01T00:00:00Z",
          "summary": "Malicious code in lazy-probe (npm)",
          "affected": [{"package": {"ecosystem": "npm", "name": "lazy-probe"},
                        "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("MAL-2099-1.json", json.dumps(record))
PY
run env LD_DEBUG=files "$VOUCH" db import "$TMP/feed.zip" --db "$TMP/db"
expect_rc 0 "db import of a zip"
expect_contains "$ERR" "libzip.so.4" "the zip import loaded libzip on demand"
run "$VOUCH" db info --db "$TMP/db" --format json
expect_contains "$OUT" '"advisories": 1' "the zip's record was imported"

[ "$failures" -eq 0 ] || exit 1
