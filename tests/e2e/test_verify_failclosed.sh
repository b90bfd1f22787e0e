#!/usr/bin/env bash
# vouch verify never passes without checking the commit (issue 7 item 1): the expected commit
# comes from --commit, a CI commit variable or --repo's HEAD; none of them is a usage error;
# --any-commit is the explicit, warned and recorded opt-out.
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA VERCEL_GIT_COMMIT_SHA GITHUB_ACTIONS VERCEL CI

cd "$TMP"
"$VOUCH" keygen -o alice --no-password >/dev/null 2>&1 || fail "keygen"

g() { git -C repo -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "$@" >/dev/null 2>&1; }
mkdir repo
g init -q -b main
printf 'out/\n*.json\n' >repo/.gitignore
echo one >repo/src.txt
g add .gitignore src.txt
g commit -q -m one
old=$(git -C repo rev-parse HEAD)
mkdir repo/out
echo '<html></html>' >repo/out/index.html

# An attestation of the old commit...
run "$VOUCH" sign repo/out --key alice.key --repo repo -o att.json
expect_rc 0 "sign the old commit"
# ...and a newer commit checked out, as in the next pipeline run.
echo two >repo/src.txt
g commit -q -am two
new=$(git -C repo rev-parse HEAD)

run "$VOUCH" verify repo/out --attestation att.json --pub alice.pub
expect_rc 2 "no expected commit is a usage error"
for way in --commit VERCEL_GIT_COMMIT_SHA GITHUB_SHA --repo --any-commit; do
  expect_contains "$ERR" "$way" "the usage error names $way"
done

run "$VOUCH" verify repo/out --attestation att.json --pub alice.pub --repo repo
expect_rc 1 "--repo: its HEAD is the expected commit, and the old build does not match it"
expect_contains "$ERR" "check 'commit'" "fails at the commit check"
expect_contains "$ERR" "HEAD of --repo" "names where the expected commit came from"

run "$VOUCH" verify repo/out --attestation att.json --pub alice.pub --repo repo --commit "$old"
expect_rc 0 "--commit wins over --repo's HEAD"
GITHUB_SHA=$old run "$VOUCH" verify repo/out --attestation att.json --pub alice.pub --repo repo
expect_rc 0 "a CI commit variable wins over --repo's HEAD"
VERCEL_GIT_COMMIT_SHA=$new run "$VOUCH" verify repo/out --attestation att.json --pub alice.pub
expect_rc 1 "VERCEL_GIT_COMMIT_SHA of the new commit rejects the old build"

run "$VOUCH" verify repo/out --attestation att.json --pub alice.pub --any-commit --format json
expect_rc 0 "--any-commit accepts the old build"
expect_contains "$ERR" "warning: --any-commit" "--any-commit is warned about on stderr"
expect_contains "$OUT" '"any_commit": true' "--any-commit is recorded in the JSON result"
run "$VOUCH" verify repo/out --attestation att.json --pub alice.pub --commit "$old" --format json
expect_contains "$OUT" '"any_commit": false' "JSON records that the commit was compared"
expect_contains "$OUT" "\"sha\": \"$old\"" "JSON records the expected commit"
run "$VOUCH" verify repo/out --attestation att.json --pub alice.pub --any-commit --commit "$old"
expect_rc 2 "--any-commit with --commit contradict"

git -C repo checkout -q "$old"
run "$VOUCH" verify repo/out --attestation att.json --pub alice.pub --repo repo --branch main
expect_rc 0 "--repo at the signed commit, reachable from main"
finish
