#!/usr/bin/env bash
# vouch sbom end to end: formats, exit codes, atomic output, reproducibility, --omit.
. "$(dirname "$0")/lib.sh"
data="$VOUCH_SOURCE_DIR/tests/data/lockfile"
mkdir -p "$TMP/proj" && cp "$data/minimal-v3.json" "$TMP/proj/package-lock.json"

run "$VOUCH" sbom "$TMP/proj"
expect_rc 0 "sbom of a directory"
expect_contains "$OUT" '"specVersion": "1.6"' "CycloneDX 1.6 by default"
expect_contains "$OUT" 'pkg:npm/loose-envify@1.4.0' "transitive component present"

run "$VOUCH" sbom "$TMP/proj/package-lock.json" --format spdx
expect_rc 0 "sbom --format spdx"
expect_contains "$OUT" '"spdxVersion": "SPDX-2.3"' "SPDX 2.3"

run "$VOUCH" sbom "$TMP/proj" --omit dev
expect_rc 0 "--omit dev"
case "$OUT" in *pkg:npm/tool@*) fail "--omit dev left the dev tool in" ;; *) pass "--omit dev drops dev-only packages" ;; esac
expect_contains "$OUT" 'pkg:npm/react@18.3.1' "--omit dev keeps react although a dev tool peer-depends on it"

# npm-shrinkwrap.json wins over package-lock.json, as in npm.
sed 's/"mini"/"wrapped"/g' "$data/minimal-v3.json" >"$TMP/proj/npm-shrinkwrap.json"
run "$VOUCH" sbom "$TMP/proj"
expect_contains "$OUT" '"name": "wrapped"' "shrinkwrap preferred"
rm "$TMP/proj/npm-shrinkwrap.json"

# Reproducible with SOURCE_DATE_EPOCH.
SOURCE_DATE_EPOCH=1700000000 "$VOUCH" sbom "$TMP/proj" -o "$TMP/a.json"
SOURCE_DATE_EPOCH=1700000000 "$VOUCH" sbom "$TMP/proj" -o "$TMP/b.json"
if cmp -s "$TMP/a.json" "$TMP/b.json"; then pass "byte-identical with SOURCE_DATE_EPOCH"; else fail "outputs differ with SOURCE_DATE_EPOCH"; fi
expect_contains "$(cat "$TMP/a.json")" '"timestamp": "2023-11-14T22:13:20Z"' "timestamp from SOURCE_DATE_EPOCH"

# A large SBOM written to a file: the second thread's part goes through a nameless scratch file
# beside the output and is appended; the file must equal what stdout gets, with nothing left over.
mkdir -p "$TMP/big/out"
/usr/bin/python3 - "$TMP/big/package-lock.json" <<'PY'
import json, sys
n = 800
packages = {"": {"name": "big", "version": "1.0.0", "dependencies": {"p0": "*"}}}
for i in range(n):
    entry = {"version": f"1.0.{i}", "resolved": f"https://registry.npmjs.org/p{i}/-/p{i}-1.0.{i}.tgz",
             "license": "MIT"}
    if i + 1 < n:
        entry["dependencies"] = {f"p{i + 1}": "*"}
    packages[f"node_modules/p{i}"] = entry
json.dump({"name": "big", "version": "1.0.0", "lockfileVersion": 3, "packages": packages},
          open(sys.argv[1], "w"))
PY
SOURCE_DATE_EPOCH=1700000000 "$VOUCH" sbom "$TMP/big" >"$TMP/big/stdout.json"
run env SOURCE_DATE_EPOCH=1700000000 "$VOUCH" sbom "$TMP/big" -o "$TMP/big/out/sbom.json"
expect_rc 0 "sbom of 800 packages to a file"
if cmp -s "$TMP/big/stdout.json" "$TMP/big/out/sbom.json"; then
  pass "a two-thread SBOM written to a file equals the one on stdout"
else
  fail "the file differs from stdout"
fi
[ "$(ls -A "$TMP/big/out")" = "sbom.json" ] && pass "nothing but the SBOM in its directory" ||
  fail "left behind: $(ls -A "$TMP/big/out")"

# Failures: exit 3, one-line error naming the file, no output file left behind.
run "$VOUCH" sbom "$TMP/nowhere" -o "$TMP/out.json"
expect_rc 3 "missing lockfile"
expect_contains "$ERR" "vouch: error: $TMP/nowhere" "error names the path"
printf '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {,\n' >"$TMP/bad.json"
run "$VOUCH" sbom "$TMP/bad.json" -o "$TMP/out.json"
expect_rc 3 "malformed JSON"
expect_contains "$ERR" "$TMP/bad.json:4:" "error carries line and column"
[ "$(echo "$ERR" | wc -l)" -eq 1 ] && pass "one-line error" || fail "error is not one line: $ERR"
[ ! -e "$TMP/out.json" ] && pass "no output file after a failure" || fail "output file left after failure"
ls -a "$TMP" | grep -q '\.tmp\.' && fail "temporary file left behind" || pass "no temporary file left"
echo '{"lockfileVersion": 7, "packages": {}}' >"$TMP/future.json"
run "$VOUCH" sbom "$TMP/future.json"
expect_rc 3 "unknown lockfileVersion fails closed"
expect_contains "$ERR" "lockfileVersion 7 is not supported" "says why"
[ -z "$OUT" ] && pass "nothing on stdout when failing" || fail "stdout not empty on failure"
run "$VOUCH" sbom "$TMP/proj" --format xml
expect_rc 2 "bad --format is a usage error"

# Licences the lockfile lacks come from an installed node_modules tree, never from a guess.
mkdir -p "$TMP/nm/node_modules/loose-envify"
cp "$data/minimal-v3.json" "$TMP/nm/package-lock.json"
run "$VOUCH" sbom "$TMP/nm"
loose_license() { echo "$OUT" | /usr/bin/python3 -c '
import json, sys
c = [c for c in json.load(sys.stdin)["components"] if c["name"] == "loose-envify"][0]
src = [p["value"] for p in c.get("properties", []) if p["name"] == "vouch:license:source"]
print(json.dumps(c.get("licenses")), src[0])'; }
[ "$(loose_license)" = "null unknown" ] && pass "no licence in the lockfile and no package.json: unknown" || fail "expected unknown licence, got $(loose_license)"
echo '{"name": "loose-envify", "version": "1.4.0", "license": "MIT"}' >"$TMP/nm/node_modules/loose-envify/package.json"
run "$VOUCH" sbom "$TMP/nm"
[ "$(loose_license)" = '[{"license": {"id": "MIT", "acknowledgement": "declared"}}] node_modules' ] && pass "licence read from node_modules" || fail "licence from node_modules: $(loose_license)"

# Corpus: the Next.js storefront keeps react and react-dom with --omit dev (npm sbom drops them).
if [ -d "$VOUCH_SHARED_DIR/corpus" ]; then
  corpus=$(corpus_dir)
  run "$VOUCH" sbom "$corpus/lockfiles/generated-nextjs14-storefront" --omit dev -q
  expect_rc 0 "corpus storefront --omit dev"
  expect_contains "$OUT" '"purl": "pkg:npm/react@' "react kept"
  expect_contains "$OUT" '"purl": "pkg:npm/react-dom@' "react-dom kept"
else
  echo "note: ../shared absent; corpus checks skipped"
fi
finish
