#!/usr/bin/env bash
# sign --append co-signs only what it has checked (issue 7 item 9): the ARTIFACTs re-hashed equal
# the statement's subjects, every existing signature verifies under a --pub key, the commit is
# checked as verify checks it. Any mismatch is exit 1 and the envelope stays byte-for-byte the same.
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA VERCEL_GIT_COMMIT_SHA GITHUB_ACTIONS VERCEL CI

cd "$TMP"
for who in alice bob carol; do
  "$VOUCH" keygen -o $who --no-password >/dev/null 2>&1 || fail "keygen $who"
done
g() { git -C repo -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "$@" >/dev/null 2>&1; }
mkdir repo && g init -q -b main && echo one >repo/src.txt && g add src.txt && g commit -q -m one
first=$(git -C repo rev-parse HEAD)
echo two >repo/src.txt && g commit -q -am two
head=$(git -C repo rev-parse HEAD)
mkdir out && echo '<html></html>' >out/index.html && echo 'app' >app.bin

run "$VOUCH" sign out app.bin --key alice.key --repo repo -o att.json
expect_rc 0 "alice signs"
cp att.json before.json
unchanged() { # unchanged description
  if cmp -s att.json before.json; then pass "$1: envelope byte-for-byte unchanged"; else fail "$1: the envelope changed"; fi
}

run "$VOUCH" sign --append att.json --key bob.key --pub alice.pub --commit "$head"
expect_rc 2 "no ARTIFACT"
unchanged "no ARTIFACT"
run "$VOUCH" sign --append att.json out app.bin --key bob.key --commit "$head"
expect_rc 2 "no --pub"
unchanged "no --pub"
run "$VOUCH" sign --append att.json out app.bin --key bob.key --pub alice.pub
expect_rc 2 "no expected commit"
expect_contains "$ERR" "--any-commit" "the usage error names the ways, as verify's does"
unchanged "no expected commit"

echo 'tampered' >>out/index.html
run "$VOUCH" sign --append att.json out app.bin --key bob.key --pub alice.pub --commit "$head"
expect_rc 1 "an artifact changed since signing"
expect_contains "$ERR" "check 'subjects'" "names the subjects check"
unchanged "artifact changed"
echo '<html></html>' >out/index.html

run "$VOUCH" sign --append att.json app.bin --key bob.key --pub alice.pub --commit "$head"
expect_rc 1 "only some of the subjects given"
expect_contains "$ERR" "subject 'out'" "names the subject not re-hashed"
unchanged "subset of the artifacts"

run "$VOUCH" sign --append att.json out app.bin --key bob.key --pub carol.pub --commit "$head"
expect_rc 1 "the existing signature is not by a trusted key"
expect_contains "$ERR" "check 'signatures'" "names the signatures check"
unchanged "untrusted existing signature"

run "$VOUCH" sign --append att.json out app.bin --key bob.key --pub alice.pub --commit "$first"
expect_rc 1 "another commit expected"
expect_contains "$ERR" "check 'commit'" "names the commit check"
unchanged "other commit"
VERCEL_GIT_COMMIT_SHA=$first run "$VOUCH" sign --append att.json out app.bin --key bob.key --pub alice.pub
expect_rc 1 "another commit from the CI variable"
unchanged "other commit from VERCEL_GIT_COMMIT_SHA"

echo three >repo/src.txt && g commit -q -am three
run "$VOUCH" sign --append att.json out app.bin --key bob.key --pub alice.pub --repo repo
expect_rc 1 "--repo whose HEAD moved on"
unchanged "--repo HEAD moved"

GITHUB_SHA=$head run "$VOUCH" sign --append att.json out app.bin --key bob.key --pub alice.pub
expect_rc 0 "bob co-signs after every check passed"
cmp -s att.json before.json && fail "the envelope was not extended" || pass "the envelope was extended"
run "$VOUCH" verify out app.bin --attestation att.json --pub alice.pub --pub bob.pub --threshold 2 --commit "$head"
expect_rc 0 "two signatures verify with threshold 2"

cp att.json before.json
run "$VOUCH" sign --append att.json out app.bin --key carol.key --pub alice.pub --commit "$head"
expect_rc 1 "bob's signature is not trusted by carol's --pub"
unchanged "one of two signatures untrusted"
run "$VOUCH" sign --append att.json out app.bin --key carol.key --pub alice.pub --pub bob.pub --any-commit
expect_rc 0 "--any-commit co-signs"
expect_contains "$ERR" "warning: --any-commit" "with a warning"

run "$VOUCH" sign out --key alice.key --repo repo --pub alice.pub -o x.json
expect_rc 2 "--pub without --append"
finish
