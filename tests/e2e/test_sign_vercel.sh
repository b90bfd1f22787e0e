#!/usr/bin/env bash
# Signing inside Vercel's build (issue 10): no repository at all -> the commit comes from
# VERCEL_GIT_COMMIT_SHA and is recorded as coming from the CI environment; a shallow clone
# (Vercel clones with --depth=10) says so when it lacks the history a check needs.
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA GITHUB_ACTIONS CI
unset VERCEL VERCEL_GIT_COMMIT_SHA VERCEL_GIT_COMMIT_REF VERCEL_GIT_REPO_OWNER VERCEL_GIT_REPO_SLUG
unset VERCEL_GIT_PROVIDER VERCEL_DEPLOYMENT_ID VERCEL_URL
export GIT_CEILING_DIRECTORIES="$TMP" # the test directory must not be found inside another repo

cd "$TMP"
"$VOUCH" keygen -o ci --no-password >/dev/null 2>&1 || fail "keygen"
payload() { # the DSSE payload (the signed statement) of an envelope file
  python3 -c 'import base64, json, sys; print(base64.b64decode(json.load(open(sys.argv[1]))["payload"]).decode())' "$1"
}

# --- no repository at all ---
mkdir -p norepo/.vercel/output/static
echo '<html></html>' >norepo/.vercel/output/static/index.html
cd norepo
run "$VOUCH" sign .vercel/output --key ../ci.key -o ../none.json
expect_rc 3 "no repository and no VERCEL_GIT_COMMIT_SHA"
expect_contains "$ERR" "VERCEL_GIT_COMMIT_SHA" "the error names the CI variable"
sha=0123456789abcdef0123456789abcdef01234567
run env VERCEL=1 VERCEL_GIT_COMMIT_SHA=not-a-sha "$VOUCH" sign .vercel/output --key ../ci.key -o ../bad.json
expect_rc 1 "a malformed VERCEL_GIT_COMMIT_SHA is refused"
[ -e ../bad.json ] && fail "output written for a malformed SHA" || pass "no output for a malformed SHA"
export VERCEL=1 VERCEL_GIT_COMMIT_SHA=$sha VERCEL_GIT_COMMIT_REF=main VERCEL_GIT_PROVIDER=github \
  VERCEL_GIT_REPO_OWNER=acme VERCEL_GIT_REPO_SLUG=shop VERCEL_DEPLOYMENT_ID=dpl_123
run "$VOUCH" sign .vercel/output --key ../ci.key -o ../vercel.json --format json
expect_rc 0 "sign inside Vercel's build without a repository"
expect_contains "$ERR" "VERCEL_GIT_COMMIT_SHA" "sign says where the commit came from"
expect_contains "$OUT" '"commit_source": "ci-environment"' "json output names the commit source"
p=$(payload ../vercel.json)
expect_contains "$p" "\"gitCommit\":\"$sha\"" "commit recorded"
expect_contains "$p" '"commitSource":"ci-environment"' "commit source recorded"
expect_contains "$p" '"commitVariable":"VERCEL_GIT_COMMIT_SHA"' "commit variable recorded"
expect_contains "$p" '"workingTreeChecked":false' "unchecked working tree recorded"
expect_contains "$p" '"repository":"https://github.com/acme/shop.git"' "repository from VERCEL_GIT_REPO_*"
expect_contains "$p" '"ref":"refs/heads/main"' "ref from VERCEL_GIT_COMMIT_REF"
run "$VOUCH" sign .vercel/output --key ../ci.key --commit 1111111111111111111111111111111111111111 -o ../other.json
expect_rc 1 "--commit that is not VERCEL_GIT_COMMIT_SHA, with no repository to resolve it"
run "$VOUCH" verify .vercel/output --attestation ../vercel.json --pub ../ci.pub --commit "$sha"
expect_rc 0 "the CI-sourced attestation verifies against the deployment's commit"
expect_contains "$OUT" "(from ci-environment)" "verify shows that the commit came from the CI environment"
unset VERCEL VERCEL_GIT_COMMIT_SHA VERCEL_GIT_COMMIT_REF VERCEL_GIT_PROVIDER VERCEL_GIT_REPO_OWNER \
  VERCEL_GIT_REPO_SLUG VERCEL_DEPLOYMENT_ID
cd "$TMP"

# --- a shallow clone ---
g() { git -C "$1" -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "${@:2}" >/dev/null 2>&1; }
mkdir full
g full init -q -b main
printf 'out/\n' >full/.gitignore
echo 1 >full/a.txt
g full add .gitignore a.txt
g full commit -q -m c1
c1=$(git -C full rev-parse HEAD)
g full checkout -q -b feature
echo 3 >full/b.txt
g full add b.txt
g full commit -q -m c3
c3=$(git -C full rev-parse HEAD)
g full checkout -q main
g full merge -q --no-ff feature -m merge
echo 5 >full/a.txt
g full commit -q -am c5
git clone -q --depth=1 --no-single-branch "file://$TMP/full" shallow 2>/dev/null || fail "shallow clone"
[ "$(git -C shallow rev-parse --is-shallow-repository)" = true ] || fail "setup: clone is not shallow"
g shallow checkout -q feature
mkdir -p shallow/out && echo built >shallow/out/index.html
run "$VOUCH" sign shallow/out --key ci.key --repo shallow -o shallow.json
expect_rc 0 "sign in a shallow clone (the checked-out commit is there)"
expect_contains "$(payload shallow.json)" '"commitSource":"git"' "commit source git"
run "$VOUCH" sign shallow/out --key ci.key --repo shallow --commit "$c1" -o old.json
expect_rc 2 "a commit outside the shallow history"
expect_contains "$ERR" "shallow clone" "says the clone is shallow"
expect_contains "$ERR" "fetch more history" "says to fetch more history"
# c3 is on main (merged), but the clone holds no history below main's tip.
run "$VOUCH" verify shallow/out --attestation shallow.json --pub ci.pub --commit "$c3" --repo shallow --branch main
expect_rc 1 "branch reachability cannot be decided in a shallow clone"
expect_contains "$ERR" "shallow clone" "the branch check says the clone is shallow"
expect_contains "$ERR" "fetch more history" "the branch check says to fetch more"
run "$VOUCH" verify shallow/out --attestation shallow.json --pub ci.pub --commit "$c3" --repo full --branch main
expect_rc 0 "with the full history the same check passes"
run "$VOUCH" verify shallow/out --attestation shallow.json --pub ci.pub --commit "$c3" --repo shallow --branch feature
expect_rc 0 "the branch tip itself needs no history"

finish
