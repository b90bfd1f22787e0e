# Shared helpers for end-to-end tests: source it, then call the functions.
# VOUCH (the binary), VOUCH_SOURCE_DIR and VOUCH_SHARED_DIR come from ctest.
set -uo pipefail
: "${VOUCH:?set by ctest}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# run CMD...: captures stdout in $OUT, stderr in $ERR, exit code in $RC.
run() {
  OUT=$("$@" 2>"$TMP/stderr"); RC=$?; ERR=$(cat "$TMP/stderr")
}
expect_rc() { # expect_rc N description
  if [ "$RC" -eq "$1" ]; then pass "$2 (exit $RC)"; else fail "$2: expected exit $1, got $RC; stderr: $ERR"; fi
}
expect_contains() { # expect_contains HAYSTACK NEEDLE description
  case "$1" in *"$2"*) pass "$3" ;; *) fail "$3: '$2' not found in: ${1:0:400}" ;; esac
}
# needs_shared: skip (exit 77) when ../shared is not beside the checkout, but only when nothing
# has failed before: a test that already failed must be reported as failed, not as skipped.
needs_shared() {
  if [ ! -d "$VOUCH_SHARED_DIR/corpus" ]; then
    if [ "$failures" -gt 0 ]; then
      echo "$failures failure(s) before the part that needs $VOUCH_SHARED_DIR/corpus"
      exit 1
    fi
    echo "SKIP: $VOUCH_SHARED_DIR/corpus not found (the shared corpus is beside the project only in CI)"
    exit 77
  fi
}
# corpus_dir: unpacked lockfile corpus (cached in the build dir).
corpus_dir() {
  local dir="${VOUCH_BUILD_DIR:-$TMP}/corpus"
  if [ ! -d "$dir/lockfiles" ]; then
    mkdir -p "$dir" && bash "$VOUCH_SHARED_DIR/corpus/unpack.sh" "$dir" >/dev/null
  fi
  echo "$dir"
}
finish() {
  if [ "$failures" -gt 0 ]; then echo "$failures failure(s)"; exit 1; fi
  exit 0
}
