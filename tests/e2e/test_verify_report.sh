#!/usr/bin/env bash
# What the release manager reads (issue 7 item 2): verify's table and JSON show the recorded
# commit, ref, repository (without credentials), builder and CI run, signing time and key ids;
# a signature that does not verify names the key id it was made with and the trusted ids.
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA VERCEL_GIT_COMMIT_SHA GITHUB_ACTIONS VERCEL CI

cd "$TMP"
"$VOUCH" keygen -o alice --no-password >/dev/null 2>&1 || fail "keygen alice"
"$VOUCH" keygen -o bob --no-password >/dev/null 2>&1 || fail "keygen bob"
alice_id=$(sed -n 's/.*minisign public key \([0-9A-F]*\).*/\1/p' alice.pub)
bob_id=$(sed -n 's/.*minisign public key \([0-9A-F]*\).*/\1/p' bob.pub)
[ -n "$alice_id" ] && [ -n "$bob_id" ] || fail "key ids not found in the .pub comments"

g() { git -C repo -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "$@" >/dev/null 2>&1; }
mkdir repo && g init -q -b main && echo x >repo/src.txt && g add src.txt && g commit -q -m one
g remote add origin https://ci-user:s3cret-token@git.example.com/shop.git
sha=$(git -C repo rev-parse HEAD)
echo 'build output' >app.bin

GITHUB_ACTIONS=true GITHUB_REPOSITORY=acme/shop GITHUB_RUN_ID=4242 RUNNER_ENVIRONMENT=github-hosted \
  run "$VOUCH" sign app.bin --key alice.key --repo repo -o att.json
expect_rc 0 "sign in a (simulated) GitHub Actions run"

run "$VOUCH" verify app.bin --attestation att.json --pub alice.pub --commit "$sha"
expect_rc 0 "verify"
expect_contains "$OUT" "commit       $sha" "table: recorded commit"
expect_contains "$OUT" "refs/heads/main" "table: ref"
expect_contains "$OUT" "https://git.example.com/shop.git" "table: repository"
expect_contains "$OUT" "https://github.com/actions/runner/github-hosted" "table: builder"
expect_contains "$OUT" "actions/runs/4242" "table: CI run"
expect_contains "$OUT" "signed at    2026-11-20T12:00:00Z" "table: signing time"
expect_contains "$OUT" "key ids      $alice_id" "table: key ids"
case "$OUT$ERR" in *s3cret-token*|*ci-user*) fail "a credential was printed" ;; *) pass "no credential printed" ;; esac

run "$VOUCH" verify app.bin --attestation att.json --pub alice.pub --commit "$sha" --format json
expect_contains "$OUT" "\"commit\": \"$sha\"" "json: recorded commit"
expect_contains "$OUT" '"ref": "refs/heads/main"' "json: ref"
expect_contains "$OUT" '"repository": "https://git.example.com/shop.git"' "json: repository"
expect_contains "$OUT" '"ci_run": "https://github.com/acme/shop/actions/runs/4242/attempts/1"' "json: CI run"
expect_contains "$OUT" '"signed_at": "2026-11-20T12:00:00Z"' "json: signing time"
expect_contains "$OUT" '"key_ids": [' "json: key ids"
case "$OUT" in *s3cret-token*) fail "a credential in the JSON" ;; *) pass "no credential in the JSON" ;; esac

run "$VOUCH" verify app.bin --attestation att.json --pub bob.pub --commit "$sha"
expect_rc 1 "signed by a key that is not trusted"
expect_contains "$ERR" "made with key id $alice_id" "names the key id the signature was made with"
expect_contains "$ERR" "trusted key id $bob_id" "names the trusted key id"
finish
