#!/usr/bin/env bash
# vouch sign / vouch verify end to end: keys from vouch keygen, a git repo made here, a
# .vercel/output-like tree and a file; exit codes and the failing check for tampering.
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA VERCEL_GIT_COMMIT_SHA GITHUB_ACTIONS VERCEL CI

cd "$TMP"
run "$VOUCH" keygen -o alice --no-password
expect_rc 0 "keygen alice"
run "$VOUCH" keygen -o bob --no-password
expect_rc 0 "keygen bob"

g() { git -C repo -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "$@" >/dev/null 2>&1; }
mkdir repo
g init -q -b main
printf '.vercel/\ndist/\n*.intoto.jsonl\n' >repo/.gitignore
echo '{"lockfileVersion": 3}' >repo/package-lock.json
g add .gitignore package-lock.json
g commit -q -m one
first=$(git -C repo rev-parse HEAD)
echo two >repo/src.txt
g add src.txt
g commit -q -m two
head=$(git -C repo rev-parse HEAD)
g checkout -q -b feature
echo three >repo/feature.txt
g add feature.txt
g commit -q -m three
g checkout -q main

out=repo/.vercel/output
mkdir -p "$out/static" "$out/functions/api.func" repo/dist
echo '<html></html>' >"$out/static/index.html"
echo 'module.exports = 1' >"$out/functions/api.func/index.js"
ln -s api.func "$out/functions/alias.func"
head -c 300000 /dev/urandom >repo/dist/app.tar.gz

# --- sign ---
run "$VOUCH" sign "$out" repo/dist/app.tar.gz --key alice.key --repo repo -o att.json --minisign
expect_rc 0 "sign a directory and a file"
expect_contains "$OUT" "$head" "sign reports the commit"
[ -f att.json ] && pass "envelope written" || fail "no envelope written"
[ -f repo/dist/app.tar.gz.minisig ] && pass ".minisig written" || fail "no .minisig"

run "$VOUCH" sign repo/dist/app.tar.gz --key alice.key --repo repo --format json
expect_rc 0 "sign with the default output name"
expect_contains "$OUT" '"commit"' "sign --format json"
[ -f app.tar.gz.intoto.jsonl ] && pass "default output <artifact>.intoto.jsonl" || fail "default output missing"

# --- verify: everything passes ---
run "$VOUCH" verify "$out" repo/dist/app.tar.gz --attestation att.json --pub alice.pub \
  --commit "$head" --repo repo --branch main --max-age 1h
expect_rc 0 "verify passes"
expect_contains "$OUT" "verified" "verify prints the result"

run "$VOUCH" verify "$out" --attestation att.json --pub alice.pub --format json --commit "$head"
expect_rc 0 "verify --format json"
expect_contains "$OUT" '"checks"' "json has checks[]"
expect_contains "$OUT" '"status": "pass"' "json check status"

GITHUB_SHA=$first run "$VOUCH" verify "$out" --attestation att.json --pub alice.pub
expect_rc 1 "GITHUB_SHA of another commit fails"
expect_contains "$ERR" "check 'commit'" "names the commit check"
VERCEL_GIT_COMMIT_SHA=$head run "$VOUCH" verify "$out" --attestation att.json --pub alice.pub
expect_rc 0 "VERCEL_GIT_COMMIT_SHA matching passes"

# --- minisign interop, both directions ---
if command -v minisign >/dev/null; then
  run minisign -Vm repo/dist/app.tar.gz -p alice.pub
  expect_rc 0 "minisign verifies vouch's .minisig"
  run "$VOUCH" verify repo/dist/app.tar.gz --minisig repo/dist/app.tar.gz.minisig --pub alice.pub
  expect_rc 0 "vouch verify --minisig"
  minisign -G -W -f -p mk.pub -s mk.key >/dev/null 2>&1
  minisign -S -s mk.key -m repo/dist/app.tar.gz -x mk.minisig >/dev/null 2>&1
  run "$VOUCH" verify repo/dist/app.tar.gz --minisig mk.minisig --pub mk.pub
  expect_rc 0 "vouch verifies a signature made by minisign"
  run "$VOUCH" verify repo/dist/app.tar.gz --minisig mk.minisig --pub alice.pub
  expect_rc 1 "minisign signature with another key"
fi

# --- failures ---
run "$VOUCH" verify "$out" --attestation att.json --pub bob.pub --commit "$head"
expect_rc 1 "untrusted key"
expect_contains "$ERR" "check 'signatures'" "untrusted key fails at signatures"

run "$VOUCH" verify "$out" --attestation att.json --pub alice.pub --pub bob.pub --threshold 2 --commit "$head"
expect_rc 1 "threshold 2 with one signer"
payload_before=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["payload"])' att.json)
run "$VOUCH" sign --append att.json "$out" repo/dist/app.tar.gz --key bob.key --pub alice.pub --commit "$head"
expect_rc 0 "bob co-signs with --append"
payload_after=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["payload"])' att.json)
[ "$payload_before" = "$payload_after" ] && pass "--append leaves the payload byte-identical" || fail "--append changed the payload"
run "$VOUCH" sign --append att.json "$out" repo/dist/app.tar.gz --key bob.key --pub alice.pub --pub bob.pub --commit "$head"
expect_rc 1 "the same key cannot append twice"
run "$VOUCH" verify "$out" --attestation att.json --pub alice.pub --pub bob.pub --threshold 2 --commit "$head"
expect_rc 0 "threshold 2 with two signers"

run "$VOUCH" verify "$out" --attestation att.json --pub alice.pub --repo repo --branch feature --commit "$head"
expect_rc 0 "main's commit is also reachable from feature"
g checkout -q feature # sign only what is checked out (issue 7 item 5)
run "$VOUCH" sign repo/dist/app.tar.gz --key alice.key --repo repo --commit feature -o feat.json
expect_rc 0 "sign the feature commit"
g checkout -q main
run "$VOUCH" verify repo/dist/app.tar.gz --attestation feat.json --pub alice.pub --repo repo --branch main --commit feature
expect_rc 1 "feature commit is not on main"
expect_contains "$ERR" "check 'branch'" "fails at branch"

VOUCH_NOW=2026-11-25T12:00:00Z run "$VOUCH" verify "$out" --attestation att.json --pub alice.pub --max-age 24h --commit "$head"
expect_rc 1 "expired"
expect_contains "$ERR" "check 'age'" "fails at age"

run "$VOUCH" verify "$out" --attestation att.json --pub alice.pub --require-sbom --commit "$head"
expect_rc 1 "--require-sbom without an SBOM"
run "$VOUCH" verify "$out" --attestation att.json --pub alice.pub --require-verdict pass --commit "$head"
expect_rc 1 "--require-verdict without a verdict"

lock_sha=$(sha256sum repo/package-lock.json | cut -d' ' -f1)
# an SBOM of this lockfile, as vouch sbom records it (sign checks that, issue 7 item 8)
printf '{"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"properties":[{"name":"vouch:lockfile:sha256","value":"%s"}]}}' "$lock_sha" >sbom.json
printf '{"verdict":"pass","lockfile":{"path":"package-lock.json","sha256":"%s"}}' "$lock_sha" >verdict.json
run "$VOUCH" sign "$out" --key alice.key --repo repo --sbom sbom.json --verdict verdict.json -o full.json
expect_rc 0 "sign with --sbom and --verdict"
run "$VOUCH" verify "$out" --attestation full.json --pub alice.pub --require-sbom --require-verdict pass --commit "$head"
expect_rc 0 "required SBOM and verdict present"

echo evil >"$out/static/evil.js"
run "$VOUCH" verify "$out" --attestation att.json --pub alice.pub --commit "$head"
expect_rc 1 "file added to the tree"
expect_contains "$OUT" "added: static/evil.js" "names the added file"
rm "$out/static/evil.js"

printf 'x' | dd of=repo/dist/app.tar.gz bs=1 seek=1000 conv=notrunc 2>/dev/null
run "$VOUCH" verify repo/dist/app.tar.gz --attestation att.json --pub alice.pub --commit "$head"
expect_rc 1 "one byte of the file"
expect_contains "$ERR" "check 'subjects'" "fails at subjects"

head -c 100 att.json >trunc.json
run "$VOUCH" verify "$out" --attestation trunc.json --pub alice.pub --commit "$head"
expect_rc 1 "truncated envelope"
expect_contains "$ERR" "check 'envelope'" "fails at envelope"
run "$VOUCH" verify "$out" --attestation missing.json --pub alice.pub --commit "$head"
expect_rc 1 "missing envelope"

echo dirty >>repo/src.txt
run "$VOUCH" sign "$out" --key alice.key --repo repo -o dirty.json
expect_rc 1 "dirty tree refuses to sign"
expect_contains "$ERR" "--allow-dirty" "suggests --allow-dirty"
[ ! -e dirty.json ] && pass "no output after a refusal" || fail "output written despite refusal"
run "$VOUCH" sign "$out" --key alice.key --repo repo -o dirty.json --allow-dirty
expect_rc 0 "--allow-dirty signs"
run "$VOUCH" verify "$out" --attestation dirty.json --pub alice.pub --commit "$head"
expect_rc 1 "dirty provenance fails verify"
run "$VOUCH" verify "$out" --attestation dirty.json --pub alice.pub --allow-dirty --commit "$head"
expect_rc 0 "verify --allow-dirty accepts it"
g checkout -q -- src.txt

# --- operational errors ---
run "$VOUCH" sign "$out" --repo repo
expect_rc 2 "sign without --key"
run "$VOUCH" sign "$out" --key missing.key --repo repo
expect_rc 3 "unreadable key file"
run "$VOUCH" verify "$out" --attestation att.json
expect_rc 2 "verify without --pub"
run "$VOUCH" verify "$out" --attestation att.json --pub missing.pub
expect_rc 3 "unreadable public key"
run "$VOUCH" verify "$out" --attestation att.json --pub alice.pub --max-age soon
expect_rc 2 "bad --max-age"
run "$VOUCH" verify "$out" --attestation att.json --pub alice.pub --branch main
expect_rc 2 "--branch without --repo"
run "$VOUCH" sign does-not-exist --key alice.key --repo repo
expect_rc 3 "missing artifact to sign"
mkfifo "$out/pipe"
run "$VOUCH" sign "$out" --key alice.key --repo repo -o fifo.json
expect_rc 3 "a fifo in the tree"
rm "$out/pipe"
ln -s /etc/passwd "$out/passwd"
run "$VOUCH" sign "$out" --key alice.key --repo repo -o ext.json
expect_rc 1 "external symlink refused"
run "$VOUCH" sign "$out" --key alice.key --repo repo -o ext.json --allow-external-links
expect_rc 0 "--allow-external-links records it"
finish
