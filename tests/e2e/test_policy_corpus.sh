#!/usr/bin/env bash
# vouch lint / licenses / check over every npm lockfile of the shared corpus: a definite answer
# (exit 0 or 1) for each, never an input error or a crash, except the fixtures that are broken on
# purpose (those must be refused with exit 3: fail closed).
. "$(dirname "$0")/lib.sh"
needs_shared
corpus=$(corpus_dir)
adv="$VOUCH_SHARED_DIR/corpus/advisories/ghsa-npm-subset"
export VOUCH_NOW=2026-11-25T00:00:00Z
# Arborist fixtures that are not valid lockfiles: a merge conflict, and "this is not json".
broken="lockfiles-edge/conflict-package-lock/package-lock.json lockfiles-edge/testing-peer-deps-bad-sw/package-lock.json lockfiles-edge/workspace3/packages/a/npm-shrinkwrap.json lockfiles-edge/workspace3/packages/a/package-lock.json"
count=0
cd "$corpus"
while IFS= read -r file; do
  count=$((count + 1))
  expected="0 or 1"
  case " $broken " in *" $file "*) expected=3 ;; esac
  for cmd in lint licenses check; do
    extra=()
    [ "$cmd" = check ] && extra=(--advisories "$adv")
    "$VOUCH" "$cmd" "$file" "${extra[@]}" >/dev/null 2>"$TMP/err"
    rc=$?
    if [ "$expected" = 3 ]; then
      [ "$rc" -eq 3 ] || fail "$cmd $file: broken fixture gave exit $rc, expected 3"
    elif [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
      fail "$cmd $file: exit $rc: $(head -c 300 "$TMP/err")"
    fi
  done
done < <(find lockfiles lockfiles-edge \( -name package-lock.json -o -name npm-shrinkwrap.json \) -not -path '*/node_modules/*' | sort)
[ "$count" -gt 100 ] && pass "ran lint, licenses and check on $count corpus lockfiles" || fail "only $count lockfiles found"

# Spot checks (docs/policy.md): a real tarball/name mismatch, and old lockfiles without integrity.
run "$VOUCH" lint "lockfiles/saleor__saleor-dashboard@5d0c3fa" --format json
expect_contains "$OUT" "https://registry.npmjs.org/has-flag/-/has-flag-4.0.0.tgz" "saleor's indent-string entry points at has-flag's tarball"
run "$VOUCH" lint "lockfiles/socketio__socket.io"
expect_contains "$OUT" "uWebSockets.js" "socket.io's pinned git dependency is a non-registry source"
finish
