#!/usr/bin/env bash
# SIGTERM / SIGINT during an atomic write leaves no temp file (issue 7 item 13). strace holds the
# write's fsync for a few seconds, so the signal arrives while the temp file exists.
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA GITHUB_ACTIONS CI
export GIT_CEILING_DIRECTORIES="$TMP"
unset VERCEL VERCEL_GIT_COMMIT_SHA

cd "$TMP"
"$VOUCH" keygen -o ci --no-password >/dev/null 2>&1 || fail "keygen"
git init -q -b main . && printf 'build/\nout/\n*.key\n*.pub\n' >.gitignore && git add .gitignore &&
  git -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false commit -q -m one ||
  fail "setup: git repo"
mkdir -p build out
echo built >build/index.html

# A db update that received no byte keeps no empty .part and does not promise to resume.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
run "$VOUCH" db update --url "http://127.0.0.1:$port/all.zip" --db "$TMP/db"
expect_rc 3 "db update against a closed port"
parts=$(find "$TMP/db" -name '*.part' 2>/dev/null)
[ -z "$parts" ] && pass "no empty .part left" || fail "left behind: $parts ($(stat -c %s $parts))"
case "$ERR" in *resume*) fail "claims a resume with nothing kept: $ERR" ;; *) pass "no resume promised" ;; esac

if ! command -v strace >/dev/null || ! strace -o /dev/null -e trace=none true 2>/dev/null; then
  [ "$failures" -eq 0 ] || finish
  echo "SKIP: strace is missing or cannot trace here (it holds the write open long enough)"
  exit 77
fi

# interrupt SIGNAL: signs with fsync delayed 3 s, sends SIGNAL once the temp file exists.
interrupt() {
  set -m # job control: a background job keeps SIGINT (without it, bash makes it ignore SIGINT)
  strace -f -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=3s \
    "$VOUCH" sign build --key ci.key -o out/att.json 2>"$TMP/sign.err" &
  local tracer=$! vouch_pid="" i
  set +m
  for i in $(seq 1 200); do
    vouch_pid=$(ps -o pid= --ppid "$tracer" | tr -d ' ')
    if [ -n "$vouch_pid" ] && [ -n "$(find out -name '.att.json.tmp.*')" ]; then break; fi
    sleep 0.05
  done
  if [ -z "$(find out -name '.att.json.tmp.*')" ]; then
    fail "setup: the temp file never appeared"
  fi
  kill "-$1" "$vouch_pid"
  wait "$tracer"
  RC=$?
}

for sig in TERM INT; do
  interrupt "$sig"
  [ "$RC" -ne 0 ] && pass "SIG$sig ends the sign (exit $RC)" || fail "SIG$sig: sign still succeeded"
  left=$(find out -name '.att.json.*')
  [ -z "$left" ] && pass "SIG$sig leaves no temp file" || fail "SIG$sig left: $left"
  [ ! -e out/att.json ] && pass "SIG$sig leaves no output" || fail "SIG$sig left an output"
  rm -f out/.att.json.*
done

finish
