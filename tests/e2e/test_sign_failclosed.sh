#!/usr/bin/env bash
# vouch sign fails closed and leaks nothing (issue 7, signing side): credentials in the remote,
# the dirty check against the commit being signed, sparse checkouts, SBOM checks, warnings,
# all-or-nothing outputs.
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA GITHUB_ACTIONS CI
unset VERCEL VERCEL_GIT_COMMIT_SHA VERCEL_GIT_COMMIT_REF VERCEL_GIT_REPO_OWNER VERCEL_GIT_REPO_SLUG
unset VERCEL_GIT_PROVIDER VERCEL_DEPLOYMENT_ID VERCEL_URL

cd "$TMP"
"$VOUCH" keygen -o ci --no-password >/dev/null 2>&1 || fail "keygen"

g() { git -C "$1" -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "${@:2}" >/dev/null 2>&1; }
payload() { jq -r .payload "$1" | base64 -d; }

mkdir repo
g repo init -q -b main
printf 'out/\n' >repo/.gitignore
echo '{"lockfileVersion": 3}' >repo/package-lock.json
echo one >repo/a.txt
g repo add .gitignore package-lock.json a.txt
g repo commit -q -m one
first=$(git -C repo rev-parse HEAD)
echo two >repo/a.txt
g repo commit -q -am two
head=$(git -C repo rev-parse HEAD)
mkdir -p repo/out
echo built >repo/out/index.html

# --- item 7: no credential from the remote in the provenance or any output ---
g repo remote add origin 'https://gitlab-ci-token:s3cr3tT0ken@gitlab.example.com/shop/web.git'
run "$VOUCH" sign repo/out --key ci.key --repo repo -o cred.json --format json
expect_rc 0 "sign with a credential in origin"
text="$(payload cred.json) $OUT $ERR"
case "$text" in
  *s3cr3tT0ken* | *gitlab-ci-token* ) fail "the remote's credential reached the provenance or output" ;;
  *) pass "no credential in the provenance or output" ;;
esac
expect_contains "$(payload cred.json)" '"repository":"https://gitlab.example.com/shop/web.git"' \
  "repository recorded without userinfo"
expect_contains "$(payload cred.json)" '"uri":"git+https://gitlab.example.com/shop/web.git@main"' \
  "resolvedDependencies uri without userinfo"
g repo remote remove origin

finish
