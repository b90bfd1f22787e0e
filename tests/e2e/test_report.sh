#!/usr/bin/env bash
# vouch report: one self-contained HTML file (loads in headless Chromium without console errors,
# shows the summary and one row per package) and the same content as Markdown.
. "$(dirname "$0")/lib.sh"
src="$VOUCH_SOURCE_DIR"
data="$src/tests/data/check"
adv="$src/examples/advisories"
export VOUCH_NOW=2026-11-25T00:00:00Z

run "$VOUCH" report "$data/bad" --advisories "$adv" -o "$TMP/bad.html"
expect_rc 0 "the report is written whatever the verdict"
run "$VOUCH" check "$data/bad" --advisories "$adv" --format json -o "$TMP/bad.json"
packages=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["licenses"]["packages"]))' "$TMP/bad.json")
rows=$(grep -c '<tr class="pkg' "$TMP/bad.html")
[ "$rows" = "$packages" ] && pass "one row per package ($rows)" || fail "rows $rows, packages $packages"
expect_contains "$(cat "$TMP/bad.html")" 'class="verdict fail"' "the verdict is shown"
expect_contains "$(cat "$TMP/bad.html")" "what an auditor still needs" "control mapping with the auditor column"
expect_contains "$(cat "$TMP/bad.html")" "not an assurance report" "the footer does not over-claim"
if grep -Eiq '(src|href)=|@import|url\(' "$TMP/bad.html"; then
  fail "the HTML refers to an external asset"
else
  pass "self-contained: no src/href/@import/url()"
fi

# Hostile package names are escaped.
python3 - "$data/bad/package-lock.json" "$TMP/evil/package-lock.json" <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1]))
d["packages"]["node_modules/copyleft-lib"]["name"] = "<script>alert(1)</script>"
os.makedirs(os.path.dirname(sys.argv[2]), exist_ok=True)
json.dump(d, open(sys.argv[2], "w"))
PY
run "$VOUCH" report "$TMP/evil" --advisories "$adv" -o "$TMP/evil.html"
expect_rc 0 "report of a lockfile with a hostile name"
if grep -q '<script>alert' "$TMP/evil.html"; then fail "package name not escaped"; else pass "package name escaped"; fi

run "$VOUCH" report "$data/bad" --advisories "$adv" --format markdown -o "$TMP/bad.md"
expect_rc 0 "markdown report"
expect_contains "$(cat "$TMP/bad.md")" "| lint | https-only | left-pad@1.3.0 |" "markdown lists the failures"
run "$VOUCH" report "$data/bad" --advisories "$adv"
expect_rc 2 "-o is required"

# Rendering in a real browser: only this part needs chromium.
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  [ "$failures" -gt 0 ] && finish
  echo "SKIP (browser checks): chromium not installed (scripts/install-deps.sh installs it)"
  exit 77
fi
profile=$(mktemp -d)
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$profile")
for page in bad evil; do
  timeout 120 "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$TMP/$page.html" \
    >"$TMP/$page.dom" 2>"$TMP/$page.log"
  [ $? -eq 0 ] && pass "chromium loads $page.html" || fail "chromium failed on $page.html"
  if grep -q ':CONSOLE' "$TMP/$page.log"; then
    fail "console messages on $page.html: $(grep ':CONSOLE' "$TMP/$page.log" | head -3)"
  else
    pass "no console errors on $page.html"
  fi
done
dom=$(cat "$TMP/bad.dom")
expect_contains "$dom" 'id="summary"' "the rendered page has the summary"
expect_contains "$dom" "$packages of $packages packages shown" "the script ran and shows every package row"
[ "$(grep -c '<tr class="pkg' "$TMP/bad.dom")" = "$packages" ] && pass "rendered rows" || fail "rendered rows differ"
rm -rf "$profile"
finish
