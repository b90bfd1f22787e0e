#!/usr/bin/env bash
# The envelope file is read strictly (issue 7 item 4): a byte order mark before it, or anything
# after a NUL behind it, makes verify exit 1 at the envelope check with the reason.
# (Adversarial payloads under valid signatures: tests/unit/verify/adversarial_payload_test.cpp.)
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA VERCEL_GIT_COMMIT_SHA GITHUB_ACTIONS VERCEL CI

cd "$TMP"
"$VOUCH" keygen -o alice --no-password >/dev/null 2>&1 || fail "keygen"
g() { git -C repo -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "$@" >/dev/null 2>&1; }
mkdir repo && g init -q -b main && echo x >repo/src.txt && g add src.txt && g commit -q -m one
echo 'build output' >app.bin
run "$VOUCH" sign app.bin --key alice.key --repo repo -o att.json
expect_rc 0 "sign"
run "$VOUCH" verify app.bin --attestation att.json --pub alice.pub --repo repo
expect_rc 0 "the untouched envelope verifies"

{ printf '\xef\xbb\xbf'; cat att.json; } >bom.json
run "$VOUCH" verify app.bin --attestation bom.json --pub alice.pub --repo repo
expect_rc 1 "a UTF-8 BOM before the envelope"
expect_contains "$ERR" "check 'envelope'" "fails at the envelope check"
expect_contains "$ERR" "byte order mark" "says why"

{ cat att.json; printf '\0{"payload":"","signatures":[]}'; } >nul.json
run "$VOUCH" verify app.bin --attestation nul.json --pub alice.pub --repo repo
expect_rc 1 "bytes after a NUL after the envelope"
expect_contains "$ERR" "NUL" "says why"

{ cat att.json; cat att.json; } >two.json
run "$VOUCH" verify app.bin --attestation two.json --pub alice.pub --repo repo
expect_rc 1 "two envelopes in one file"
finish
