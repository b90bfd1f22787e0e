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
payload() { # the DSSE payload (the signed statement) of an envelope file
  python3 -c 'import base64, json, sys; print(base64.b64decode(json.load(open(sys.argv[1]))["payload"]).decode())' "$1"
}

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

# --- item 5: the working tree must be the commit being signed ---
run "$VOUCH" sign repo/out --key ci.key --repo repo --commit "$first" -o old.json
expect_rc 1 "sign --commit of a commit that is not checked out"
[ -e old.json ] && fail "an envelope was written for a refused sign" || pass "no output when refused"
expect_contains "$ERR" "check out the commit" "the refusal says to check the commit out"
run "$VOUCH" sign repo/out --key ci.key --repo repo --commit "$first" --allow-dirty -o old.json
expect_rc 0 "--allow-dirty signs another commit's tree anyway"
expect_contains "$ERR" "allow-dirty" "--allow-dirty is printed"
expect_contains "$(payload old.json)" '"dirty":true' "and recorded as dirty"
expect_contains "$(payload old.json)" '"dirtyPaths":["a.txt"]' "with the differing path"
g repo checkout -q "$first"
run "$VOUCH" sign repo/out --key ci.key --repo repo --commit "$first" -o first.json
expect_rc 0 "sign --commit X with X checked out"
expect_contains "$(payload first.json)" "\"gitCommit\":\"$first\"" "X recorded"
g repo checkout -q main
run "$VOUCH" sign repo/out --key ci.key --repo repo --commit "$head" -o head.json
expect_rc 0 "sign --commit <HEAD's sha>"

# --- item 6: the dirty check follows git status ---
echo scratch >repo/untracked.txt
run "$VOUCH" sign repo/out --key ci.key --repo repo -o u.json
expect_rc 0 "an untracked file is not dirty"
rm repo/untracked.txt
echo changed >repo/a.txt
run "$VOUCH" sign repo/out --key ci.key --repo repo -o m.json
expect_rc 1 "a modified tracked file is dirty"
expect_contains "$ERR" "a.txt" "names the modified file"
g repo add a.txt
run "$VOUCH" sign repo/out --key ci.key --repo repo -o s.json
expect_rc 1 "a staged change is dirty"
g repo reset -q --hard
rm repo/a.txt
run "$VOUCH" sign repo/out --key ci.key --repo repo -o d.json
expect_rc 1 "a deleted tracked file is dirty"
g repo checkout -q -- a.txt
g repo update-index --assume-unchanged a.txt
echo local-tweak >repo/a.txt
[ -z "$(git -C repo status --porcelain)" ] || fail "setup: git status should be clean with assume-unchanged"
run "$VOUCH" sign repo/out --key ci.key --repo repo -o au.json
expect_rc 0 "an assume-unchanged entry is not dirty (git status is clean)"
g repo update-index --no-assume-unchanged a.txt
g repo checkout -q -- a.txt

# A real sparse checkout: docs/ is not checked out (skip-worktree), git status is clean.
mkdir -p repo/docs repo/app
echo guide >repo/docs/guide.md
echo code >repo/app/main.js
g repo add docs app
g repo commit -q -m dirs
g repo sparse-checkout set app
[ ! -e repo/docs/guide.md ] || fail "setup: sparse checkout should remove docs/"
[ -z "$(git -C repo status --porcelain)" ] || fail "setup: git status should be clean in the sparse checkout"
run "$VOUCH" sign repo/out --key ci.key --repo repo -o sparse.json
expect_rc 0 "a sparse checkout is clean, as git status says"
echo edited >repo/app/main.js
run "$VOUCH" sign repo/out --key ci.key --repo repo -o sparse2.json
expect_rc 1 "a modified file inside the sparse checkout is still dirty"
g repo checkout -q -- app/main.js
g repo sparse-checkout disable
head=$(git -C repo rev-parse HEAD)

# --- item 11: the envelope and the .minisig files appear together or not at all ---
mkdir -p dist
head -c 100000 /dev/urandom >dist/app.tgz
mkdir dist/app.tgz.minisig # something that blocks the .minisig
run "$VOUCH" sign dist/app.tgz --key ci.key --repo repo --minisign -o both.json
expect_rc 3 "sign --minisign when the .minisig cannot be written"
[ -e both.json ] && fail "the envelope was written without its .minisig" || pass "no envelope without its .minisig"
leftovers=$(find . dist -maxdepth 1 -name '.*.tmp.*' -o -maxdepth 1 -name '.*.bak.*')
[ -z "$leftovers" ] && pass "no temp files left" || fail "temp files left: $leftovers"
rmdir dist/app.tgz.minisig
run "$VOUCH" sign dist/app.tgz --key ci.key --repo repo --minisign -o both.json
expect_rc 0 "sign --minisign"
[ -f both.json ] && [ -f dist/app.tgz.minisig ] && pass "envelope and .minisig written" || fail "outputs missing"

# --- item 10: warnings on stderr, the number of files hashed ---
mkdir -p twofiles && echo 1 >twofiles/a && echo 2 >twofiles/b
run "$VOUCH" sign twofiles --key ci.key --repo repo -o two.json
expect_rc 0 "sign a directory of two files"
expect_contains "$OUT" "2 file(s) hashed" "sign says how many files it hashed"
run "$VOUCH" sign twofiles --key ci.key --repo repo -o two.json --format json
expect_contains "$OUT" '"files_hashed": 2' "json output counts the files hashed"
mkdir empty
run "$VOUCH" sign empty --key ci.key --repo repo -o empty.json
expect_rc 0 "an empty directory is signed"
expect_contains "$ERR" "warning: signing an empty directory" "with a warning"
evil=$(printf 'evil\033[2K\rdir')
mkdir "$evil"
run "$VOUCH" sign "$evil" --key ci.key --repo repo -o evil.json
case "$ERR$OUT" in *$'\033'*) fail "a control character in a name reached the terminal" ;; *) pass "names in messages are escaped" ;; esac
expect_contains "$ERR" 'evil\e[2K\rdir' "the escaped name is shown"
lock_sha=$(sha256sum repo/package-lock.json | cut -d' ' -f1)
printf '{"verdict":"fail","lockfile":{"path":"package-lock.json","sha256":"%s"}}\n' "$lock_sha" >fail.json
run "$VOUCH" sign twofiles --key ci.key --repo repo --verdict fail.json -o v1.json
expect_rc 0 "a failing verdict is still signed"
expect_contains "$ERR" 'is "fail", not "pass"' "with a warning about the verdict"
printf '{"verdict":"pass","lockfile":{"path":"other/package-lock.json","sha256":"%064d"}}\n' 0 >other.json
run "$VOUCH" sign twofiles --key ci.key --repo repo --verdict other.json -o v2.json
expect_rc 0 "a verdict about another lockfile is still signed"
expect_contains "$ERR" "is about another lockfile" "with a warning naming the mismatch"
printf '{"verdict":"pass","lockfile":{"path":"package-lock.json","sha256":"%s"}}\n' "$lock_sha" >pass.json
run "$VOUCH" sign twofiles --key ci.key --repo repo --verdict pass.json -o v3.json
expect_rc 0 "a passing verdict about this lockfile"
case "$ERR" in *warning*) fail "unexpected warning: $ERR" ;; *) pass "no warning for a matching passing verdict" ;; esac

# --- item 8: --sbom must be an SBOM of the lockfile being recorded ---
mkdir -p proj other
printf '{"name":"shop","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{"":{"name":"shop","version":"1.0.0"}}}\n' >proj/package-lock.json
printf '{"name":"blog","version":"2.0.0","lockfileVersion":3,"requires":true,"packages":{"":{"name":"blog","version":"2.0.0"}}}\n' >other/package-lock.json
"$VOUCH" sbom proj -o proj.cdx.json >/dev/null 2>&1 || fail "setup: sbom proj"
"$VOUCH" sbom proj --format spdx -o proj.spdx.json >/dev/null 2>&1 || fail "setup: sbom proj spdx"
"$VOUCH" sbom other -o other.cdx.json >/dev/null 2>&1 || fail "setup: sbom other"
echo '{"not":"an sbom"}' >notsbom.json
echo '{"bomFormat":"CycloneDX","specVersion":"1.5","components":[]}' >foreign.cdx.json
lock=proj/package-lock.json
for sbom in proj.cdx.json proj.spdx.json; do
  run "$VOUCH" sign twofiles --key ci.key --repo repo --lockfile "$lock" --sbom "$sbom" -o "s-$sbom"
  expect_rc 0 "sign with vouch's SBOM of the recorded lockfile ($sbom)"
  expect_contains "$(payload "s-$sbom")" '"checked":true' "recorded as checked ($sbom)"
done
for bad in notsbom.json other.cdx.json; do
  for flag in "" --sbom-unchecked; do
    rm -f refused.json
    run "$VOUCH" sign twofiles --key ci.key --repo repo --lockfile "$lock" --sbom "$bad" $flag -o refused.json
    expect_rc 1 "--sbom $bad $flag is refused"
    [ -e refused.json ] && fail "output written for --sbom $bad $flag" || pass "no output for --sbom $bad $flag"
  done
done
expect_contains "$ERR" "describes another lockfile" "another project's SBOM is named as such"
run "$VOUCH" sign twofiles --key ci.key --repo repo --lockfile "$lock" --sbom foreign.cdx.json -o foreign.json
expect_rc 1 "another tool's SBOM (no lockfile named) needs --sbom-unchecked"
expect_contains "$ERR" "--sbom-unchecked" "the refusal names --sbom-unchecked"
run "$VOUCH" sign twofiles --key ci.key --repo repo --lockfile "$lock" --sbom foreign.cdx.json --sbom-unchecked -o foreign.json
expect_rc 0 "--sbom-unchecked records another tool's SBOM"
expect_contains "$ERR" "--sbom-unchecked" "and says so on stderr"
expect_contains "$(payload foreign.json)" '"checked":false' "recorded as not checked"

finish
