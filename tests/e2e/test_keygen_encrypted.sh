#!/usr/bin/env bash
# The encrypted secret key with minisign's real scrypt cost (about 1 GiB and a few seconds per
# use, by design): vouch encrypts, minisign decrypts; a wrong passphrase is exit 3.
. "$(dirname "$0")/lib.sh"
HERE=$(cd "$(dirname "$0")" && pwd)
if ! command -v minisign >/dev/null; then
  echo "SKIP: minisign is not installed (scripts/install-deps.sh installs it)"
  exit 77
fi
cd "$TMP" || exit 1
printf 'correct horse battery\n' > pw
printf 'wrong horse\n' > badpw

run "$VOUCH" keygen -o enc --password-file pw --format json
expect_rc 0 "keygen with --password-file"
expect_contains "$OUT" '"encrypted": true' "json says encrypted"
[ "$(head -1 enc.key)" = "untrusted comment: minisign encrypted secret key" ] && pass "comment" || fail "comment: $(head -1 enc.key)"
sed -n 2p enc.key | base64 -d 2>/dev/null | head -c 4 | grep -q '^EdSc' && pass "kdf is Sc" || fail "kdf not Sc"

printf 'payload\n' > f.txt
# minisign reads the passphrase from a non-terminal stdin.
printf 'correct horse battery\n' | minisign -S -s enc.key -m f.txt >/dev/null 2>&1 \
  && pass "minisign decrypts vouch's encrypted key" || fail "minisign could not decrypt"
run "$VOUCH" minisig verify f.txt --pub enc.pub
expect_rc 0 "signature made with the decrypted key verifies"

run "$VOUCH" minisig sign f.txt --key enc.key --password-file badpw -o bad.minisig
expect_rc 3 "wrong passphrase is exit 3"
expect_contains "$ERR" "wrong passphrase" "says so"
[ ! -e bad.minisig ] && pass "no signature written" || fail "bad.minisig written"

# The passphrase prompt on a pseudo-terminal (answered by pty_answer.py): asked twice, echo off.
# A chroot or container without /dev/pts cannot open a pseudo-terminal: skip that part there.
if command -v python3 >/dev/null && python3 -c 'import pty; pty.openpty()' 2>/dev/null; then
  answer() { python3 "$HERE/pty_answer.py" "$@"; }
  run answer typed-secret-1 typed-secret-2 -- "$VOUCH" keygen -o tty1
  expect_rc 2 "two different passphrases are refused"
  expect_contains "$OUT" "do not match" "says so"
  [ ! -e tty1.key ] && pass "no key written after a mismatch" || fail "tty1.key written"
  case "$OUT" in *typed-secret*) fail "the passphrase was echoed" ;; *) pass "passphrase not echoed" ;; esac
  run answer same-secret same-secret -- "$VOUCH" keygen -o tty2
  expect_rc 0 "matching passphrases create the key"
  case "$OUT" in *same-secret*) fail "the passphrase was echoed" ;; *) pass "passphrase not echoed" ;; esac
  run env VOUCH_PASSWORD=same-secret "$VOUCH" minisig sign f.txt --key tty2.key -o tty2.minisig
  expect_rc 0 "the prompted passphrase decrypts the key"
  run answer wrong -- "$VOUCH" minisig sign f.txt --key tty2.key -o tty3.minisig
  expect_rc 3 "a wrong passphrase typed at the prompt is exit 3"
else
  echo "note: python3 or a pseudo-terminal is not available; the terminal prompt is not tested"
fi
finish
