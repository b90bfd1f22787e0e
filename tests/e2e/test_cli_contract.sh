#!/usr/bin/env bash
# The project-wide CLI contract: --version, --help, usage errors exit 2.
. "$(dirname "$0")/lib.sh"

run "$VOUCH" --version
expect_rc 0 "--version"
expect_contains "$OUT" "vouch " "--version prints the name"

run "$VOUCH" --help
expect_rc 0 "--help"
expect_contains "$OUT" "sbom" "--help lists sbom"

run "$VOUCH" no-such-command
expect_rc 2 "unknown subcommand is a usage error"

run "$VOUCH"
expect_rc 2 "no subcommand is a usage error"

for sub in $("$VOUCH" --help | awk '/^SUBCOMMANDS:/{f=1;next} f&&NF{print $1}'); do
  run "$VOUCH" "$sub" --help
  expect_rc 0 "$sub --help"
  run "$VOUCH" "$sub" --version
  expect_rc 0 "$sub --version"
  run "$VOUCH" "$sub" --no-such-flag
  expect_rc 2 "$sub with an unknown flag"
done
finish
