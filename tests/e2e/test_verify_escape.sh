#!/usr/bin/env bash
# Untrusted names never reach the terminal raw (issue 7 item 3): files named with terminal
# control sequences or a newline are signed, then tampered with; sign's and verify's stdout and
# stderr hold no raw ESC or CR, and the error stays one line.
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA VERCEL_GIT_COMMIT_SHA GITHUB_ACTIONS VERCEL CI

cd "$TMP"
"$VOUCH" keygen -o alice --no-password >/dev/null 2>&1 || fail "keygen"
g() { git -C repo -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "$@" >/dev/null 2>&1; }
mkdir repo && g init -q -b main && echo x >repo/src.txt && g add src.txt && g commit -q -m one

evil=$'evil\e[2K\r  pass subjects ok'
newline=$'two\nlines.js'
mkdir out
echo 'console.log(1)' >"out/$evil"
echo 'console.log(2)' >"out/$newline"
echo 'artifact' >"$evil"

no_raw_controls() { # no_raw_controls TEXT description
  if printf '%s' "$1" | LC_ALL=C grep -q $'[\e\r]'; then
    fail "$2: a raw ESC or CR reached the terminal"
  else
    pass "$2"
  fi
}
one_line() { # one_line TEXT description
  local n; n=$(printf '%s\n' "$1" | grep -c '')
  [ "$n" -eq 1 ] && pass "$2" || fail "$2: $n lines: $1"
}

run "$VOUCH" sign out "$evil" --key alice.key --repo repo -o att.json
expect_rc 0 "sign a tree and a file with hostile names"
no_raw_controls "$OUT$ERR" "sign output"
expect_contains "$OUT" 'evil\e[2K\r' "sign shows the name escaped"

echo 'tampered' >>"out/$evil"
run "$VOUCH" verify out --attestation att.json --pub alice.pub --repo repo
expect_rc 1 "verify a tree whose hostile-named file changed"
no_raw_controls "$OUT$ERR" "verify table and error line"
one_line "$ERR" "the error is one line"
expect_contains "$OUT" 'changed: evil\e[2K\r  pass subjects ok' "the table names the file, escaped"
run "$VOUCH" verify out --attestation att.json --pub alice.pub --repo repo --format json
no_raw_controls "$OUT$ERR" "verify --format json"

echo 'tampered' >>"out/$newline"
run "$VOUCH" verify out --attestation att.json --pub alice.pub --repo repo
expect_rc 1 "verify a tree whose newline-named file changed too"
one_line "$ERR" "the error with a newline in a file name is one line"
expect_contains "$ERR" 'two\nlines.js' "the newline is shown escaped"

echo 'tampered' >>"$evil"
run "$VOUCH" verify "$evil" --attestation att.json --pub alice.pub --repo repo
expect_rc 1 "verify a tampered file with a hostile name"
no_raw_controls "$OUT$ERR" "verify of the file"
one_line "$ERR" "one error line for the file"

run "$VOUCH" verify "$evil" --attestation $'att\e[2K.json' --pub alice.pub --repo repo
expect_rc 1 "a hostile attestation path that does not exist"
no_raw_controls "$OUT$ERR" "the attestation path is escaped"
finish
