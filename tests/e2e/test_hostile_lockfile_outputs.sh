#!/usr/bin/env bash
# Hostile lockfile text through every output of lint / licenses / check / report: a registry URL
# carrying user:token@, and a package name, version and licence holding an ESC sequence and
# <script>. No output may carry the token or a raw ESC byte; HTML and Markdown must escape the
# markup (a </script> in a package name must not end the report's own script).
. "$(dirname "$0")/lib.sh"
export VOUCH_NOW=2026-11-25T00:00:00Z
adv="$VOUCH_SOURCE_DIR/examples/advisories"
cd "$TMP"
mkdir shop
python3 - <<'PY'
import json
name = "@evil<script>alert(1)</script>\u001b[2K"
lic = "MIT\u001b[2K<script>x</script>"
lock = {"name": "shop", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": {
    "": {"name": "shop", "version": "1.0.0", "dependencies": {name: "1.0.0", "lodash": "4.17.20"}},
    "node_modules/" + name: {"version": "1.0.0\u001b[2K", "license": lic, "hasInstallScript": True,
        "resolved": "https://user:s3cretTok@registry.example/evil/-/evil-1.0.0.tgz"},
    "node_modules/lodash": {"version": "4.17.20", "license": lic,
        "resolved": "http://user:s3cretTok@npm.evil.example/lodash/-/lodash-4.17.20.tgz"}}}
json.dump(lock, open("shop/package-lock.json", "w"))
json.dump({"name": "shop", "version": "1.0.0", "dependencies": {name: "1.0.0", "lodash": "4.17.20"}},
          open("shop/package.json", "w"))
PY

outputs=()
for cmd in lint licenses check; do
  extra=()
  [ "$cmd" = check ] && extra=(--advisories "$adv")
  for format in table json sarif; do
    run "$VOUCH" "$cmd" shop "${extra[@]}" --format "$format" -o "$cmd.$format"
    case "$RC" in 0 | 1) pass "$cmd --format $format -o ran (exit $RC)" ;; *) fail "$cmd --format $format: exit $RC: $ERR" ;; esac
    printf '%s\n%s\n' "$OUT" "$ERR" >"$cmd.$format.streams"
    run "$VOUCH" "$cmd" shop "${extra[@]}" --format "$format"
    printf '%s\n%s\n' "$OUT" "$ERR" >"$cmd.$format.stdout"
    outputs+=("$cmd.$format" "$cmd.$format.streams" "$cmd.$format.stdout")
  done
done
for format in html markdown; do
  run "$VOUCH" report shop --advisories "$adv" --format "$format" -o "report.$format"
  expect_rc 0 "report --format $format written"
  printf '%s\n%s\n' "$OUT" "$ERR" >"report.$format.streams"
  outputs+=("report.$format" "report.$format.streams")
done

# The SBOM and the scan carry resolved URLs too (distribution URL, purl download_url).
for format in cyclonedx spdx; do
  run "$VOUCH" sbom shop --format "$format" -o "sbom.$format"
  expect_rc 0 "sbom --format $format written"
  printf '%s\n%s\n' "$OUT" "$ERR" >"sbom.$format.streams"
  outputs+=("sbom.$format" "sbom.$format.streams")
done
expect_contains "$(cat sbom.cyclonedx.streams)" "carries credentials" "the lockfile's owner is told"
run "$VOUCH" scan shop --advisories "$adv" --format table,json,sarif -o json:scan.json -o sarif:scan.sarif
printf '%s\n%s\n' "$OUT" "$ERR" >"scan.streams"
outputs+=("scan.json" "scan.sarif" "scan.streams")

for file in "${outputs[@]}"; do
  grep -q 's3cretTok' "$file" && fail "the registry token reached $file" || pass "no token in $file"
  grep -q $'\x1b' "$file" && fail "a raw ESC byte reached $file" || pass "no raw ESC in $file"
done
expect_contains "$(cat lint.table)" '\e[2K' "the ESC is shown as a visible escape"

# HTML: only the report's own script element; the name and licence are escaped text.
[ "$(grep -o '</script>' report.html | wc -l)" -eq 1 ] && pass "one </script> in the HTML (the report's own)" \
  || fail "a </script> from the lockfile reached the HTML"
grep -q '<script>alert\|<script>x' report.html && fail "lockfile markup reached the HTML" || pass "HTML escapes names and licences"
expect_contains "$(cat report.html)" '&lt;script&gt;alert(1)&lt;/script&gt;' "the name is shown, escaped"
grep -q '<script>' report.markdown && fail "lockfile markup reached the Markdown" || pass "Markdown escapes names and licences"
# Warnings quote policy values: expired exceptions whose package and owner hold control bytes.
python3 - <<'PY'
import json
name = "@evil<script>alert(1)</script>\u001b[2K"
owner = "o\u001b]0;pwned\u0007"
json.dump({"version": 1, "exceptions": [
    {"package": name, "check": check, "reason": "r", "owner": owner, "expires": "2026-01-01"}
    for check in ("lint", "licenses")]}, open("expired.json", "w"))
PY
for cmd in lint licenses check; do
  extra=()
  [ "$cmd" = check ] && extra=(--advisories "$adv")
  run "$VOUCH" "$cmd" shop "${extra[@]}" --policy expired.json
  expect_contains "$ERR" 'expired on 2026-01-01' "$cmd warns about the expired exception"
  case "$ERR" in *$'\x1b'* | *$'\a'*) fail "$cmd: a raw control byte from the policy reached stderr" ;;
    *) pass "$cmd: the policy's exception is escaped in the warning" ;; esac
done
finish
