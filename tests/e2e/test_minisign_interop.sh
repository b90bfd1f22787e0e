#!/usr/bin/env bash
# Keys and .minisig files interoperate with Debian's minisign in both directions, and every
# tampered, foreign or malformed signature is a failed verification (exit 1).
. "$(dirname "$0")/lib.sh"
if ! command -v minisign >/dev/null; then
  echo "SKIP: minisign is not installed (scripts/install-deps.sh installs it)"
  exit 77
fi
cd "$TMP" || exit 1

# `vouch verify ARTIFACT --minisig SIG` once cmd_verify.cpp routes --minisig to
# run_verify_minisig; until then the equivalent hidden `vouch minisig verify`.
if "$VOUCH" verify --help 2>/dev/null | grep -q -- '--minisig'; then
  verify() { "$VOUCH" verify "$@"; }
else
  verify() { "$VOUCH" minisig verify "$@"; }
fi

# --- vouch keygen ---------------------------------------------------------------------------
run "$VOUCH" keygen -o vk --no-password
expect_rc 0 "keygen --no-password"
expect_contains "$OUT" "vk.pub" "keygen prints the public key path"
id=$(sed -n 's/^untrusted comment: minisign public key \([0-9A-F]\{16\}\)$/\1/p' vk.pub)
[ -n "$id" ] && pass "public key comment names the key id as minisign does" || fail "pub comment: $(head -1 vk.pub)"
expect_contains "$OUT" "$id" "keygen prints the key id"
[ "$(head -1 vk.key)" = "untrusted comment: minisign encrypted secret key" ] && pass "secret key comment as minisign" || fail "key comment: $(head -1 vk.key)"
[ "$(stat -c %a vk.key)" = 600 ] && pass "secret key mode 0600" || fail "secret key mode $(stat -c %a vk.key)"
[ "$(stat -c %a vk.pub)" = 644 ] && pass "public key mode 0644" || fail "public key mode $(stat -c %a vk.pub)"

cp vk.key vk.key.orig
run "$VOUCH" keygen -o vk --no-password
expect_rc 2 "keygen refuses to overwrite"
cmp -s vk.key vk.key.orig && pass "refused keygen left the key untouched" || fail "key changed"
run "$VOUCH" keygen -o vk2 --no-password --format json
expect_rc 0 "keygen --format json"
expect_contains "$OUT" '"key_id"' "json has key_id"
expect_contains "$OUT" '"encrypted": false' "json says unencrypted"
run "$VOUCH" keygen -o vk2 --no-password --force
expect_rc 0 "keygen --force overwrites"
run "$VOUCH" keygen -o vk3 --no-password --password-file /dev/null
expect_rc 2 "--no-password with --password-file is a usage error"
run "$VOUCH" keygen -o vk3 </dev/null
expect_rc 3 "keygen without any passphrase source and no terminal fails"
[ ! -e vk3.key ] && pass "no key written on failure" || fail "vk3.key written"
run "$VOUCH" keygen -o no-such-dir/k --no-password
expect_rc 3 "keygen into a missing directory is an input error"

# --- minisign signs with vouch's key, vouch verifies ----------------------------------------
printf 'artifact one\n' > a1.txt
minisign -S -W -s vk.key -m a1.txt -t "release 1.0" >/dev/null 2>&1 && pass "minisign read vouch's secret key" || fail "minisign -S with vouch key"
run verify a1.txt --minisig a1.txt.minisig --pub vk.pub
expect_rc 0 "vouch verifies minisign's signature"
expect_contains "$OUT" "release 1.0" "prints the trusted comment"
run verify a1.txt --minisig a1.txt.minisig --pub vk.pub --format json
expect_rc 0 "json verify"
expect_contains "$OUT" '"trusted_comment": "release 1.0"' "json trusted comment"
expect_contains "$OUT" "\"key_id\": \"$id\"" "json key id"

# --- vouch signs, minisign verifies ---------------------------------------------------------
printf 'artifact two\n' > a2.txt
run "$VOUCH" minisig sign a2.txt --key vk.key
expect_rc 0 "vouch signs"
run minisign -V -p vk.pub -m a2.txt
expect_rc 0 "minisign verifies vouch's signature"
expect_contains "$OUT" "file:a2.txt" "minisign shows vouch's trusted comment"
run minisign -V -H -p vk.pub -m a2.txt
expect_rc 0 "vouch's signature is prehashed (minisign -H)"

# --- vouch reads minisign's secret key ------------------------------------------------------
minisign -G -W -p ms.pub -s ms.key >/dev/null 2>&1
run "$VOUCH" minisig sign a2.txt --key ms.key -o a2.ms.minisig
expect_rc 0 "vouch signs with minisign's secret key"
run minisign -V -p ms.pub -x a2.ms.minisig -m a2.txt
expect_rc 0 "minisign verifies it with its own public key"
run verify a2.txt --minisig a2.ms.minisig --pub ms.pub
expect_rc 0 "vouch verifies it with minisign's public key"

# --- VOUCH_SECRET_KEY for CI ----------------------------------------------------------------
run env VOUCH_SECRET_KEY="$(cat vk.key)" "$VOUCH" minisig sign a2.txt -o a2.env.minisig
expect_rc 0 "sign with VOUCH_SECRET_KEY"
run verify a2.txt --minisig a2.env.minisig --pub vk.pub
expect_rc 0 "signature from VOUCH_SECRET_KEY verifies"

# --- tamper matrix: each a failed verification, exit 1 --------------------------------------
cp a1.txt t.txt && cp a1.txt.minisig t.minisig
printf 'artifact onE\n' > t.txt
run verify t.txt --minisig t.minisig --pub vk.pub
expect_rc 1 "one byte of the file changed"
expect_contains "$ERR" "does not match" "names the content mismatch"

cp a1.txt t.txt
sig=$(sed -n 2p a1.txt.minisig)
c=${sig:20:1}; [ "$c" = A ] && r=B || r=A
{ sed -n 1p a1.txt.minisig; echo "${sig:0:20}$r${sig:21}"; sed -n 3,4p a1.txt.minisig; } > t.minisig
run verify t.txt --minisig t.minisig --pub vk.pub
expect_rc 1 "one byte of the signature changed"
expect_contains "$ERR" "signature verification failed" "a bad signature, not a parse error"

sed '3s/release 1.0/release 2.0/' a1.txt.minisig > t.minisig
run verify t.txt --minisig t.minisig --pub vk.pub
expect_rc 1 "trusted comment changed"
expect_contains "$ERR" "trusted comment" "names the trusted comment"

sed '1s/.*/untrusted comment: anything at all/' a1.txt.minisig > t.minisig
run verify t.txt --minisig t.minisig --pub vk.pub
expect_rc 0 "the untrusted comment is not covered (as minisign)"

run verify t.txt --minisig a1.txt.minisig --pub ms.pub
expect_rc 1 "other key"
expect_contains "$ERR" "$id" "key id mismatch names the signature's key id"
expect_contains "$ERR" "$(sed -n 's/.*public key //p' ms.pub | head -1)" "and the trusted key id"

run verify t.txt --minisig a1.txt.minisig --pub ms.pub --pub vk.pub
expect_rc 0 "the matching key among several trusted keys is used"

minisign -S -l -W -s vk.key -m t.txt -x legacy.minisig >/dev/null 2>&1
run verify t.txt --minisig legacy.minisig --pub vk.pub
expect_rc 1 "legacy Ed refused by default"
expect_contains "$ERR" "--allow-legacy" "explains how to accept legacy"
run verify t.txt --minisig legacy.minisig --pub vk.pub --allow-legacy
expect_rc 0 "legacy Ed accepted with --allow-legacy"

run verify t.txt --minisig missing.minisig --pub vk.pub
expect_rc 1 "missing signature file"
head -c 50 a1.txt.minisig > t.minisig
run verify t.txt --minisig t.minisig --pub vk.pub
expect_rc 1 "truncated signature file"
expect_contains "$ERR" "t.minisig:" "error names the signature file"
printf 'garbage\n' > t.minisig
run verify t.txt --minisig t.minisig --pub vk.pub
expect_rc 1 "garbage signature file"
run verify t.txt --minisig t.minisig --pub vk.pub --format json
expect_rc 1 "garbage signature file (json)"
expect_contains "$OUT" '"verified": false' "json says not verified"
run verify missing.txt --minisig a1.txt.minisig --pub vk.pub
expect_rc 1 "missing artifact"

run verify t.txt --minisig a1.txt.minisig --pub missing.pub
expect_rc 3 "missing public key file is an input error"
printf 'untrusted comment: x\nRWQnotbase64!\n' > bad.pub
run verify t.txt --minisig a1.txt.minisig --pub bad.pub
expect_rc 3 "malformed public key file is an input error"
expect_contains "$ERR" "bad.pub:2:" "error locates the bad line"
finish
