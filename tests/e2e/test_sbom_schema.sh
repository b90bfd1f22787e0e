#!/usr/bin/env bash
# vouch sbom over every lockfile of the shared corpus, in both formats: every run succeeds (except
# the lockfiles that are invalid on purpose, which fail with exit 3 and one error line) and every
# SBOM validates against the official CycloneDX 1.6 / SPDX 2.3 schemas (scripts/validate-sbom.py,
# one python process for all files). Plus: --omit dev keeps what `npm ci --omit=dev` installs
# (react and react-dom included), SOURCE_DATE_EPOCH makes output byte-identical, and -o on a
# failing input leaves no file behind.
. "$(dirname "$0")/lib.sh"
needs_shared
corpus=$(corpus_dir)
schemas="$VOUCH_SOURCE_DIR/tests/data/schemas" # vendored (tests/data/schemas/README.md)
validator="$VOUCH_SOURCE_DIR/scripts/validate-sbom.py"
if ! /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
  fail "Debian's python3-jsonschema is missing for /usr/bin/python3 (bash scripts/install-deps.sh)"
  finish
fi

# Lockfiles that are unreadable on purpose (see lockfiles-edge/README.md): not JSON at all, or
# unresolved git merge conflict markers (npm would silently pick a side; vouch refuses to guess
# which version is installed). vouch must refuse them with exit 3 and a one-line error.
# (ancient-lockfile-invalid is not among them: npm reads it with warnings, and so must vouch;
# it is checked below.)
invalid=(
  lockfiles-edge/conflict-package-lock/package-lock.json
  lockfiles-edge/testing-peer-deps-bad-sw/package-lock.json
  lockfiles-edge/workspace3/packages/a/package-lock.json
  lockfiles-edge/workspace3/packages/a/npm-shrinkwrap.json
)
is_invalid() {
  local x
  for x in "${invalid[@]}"; do [ "$x" = "$1" ] && return 0; done
  return 1
}

mkdir -p "$TMP/out"
mapfile -t lockfiles < <(cd "$corpus" && find lockfiles lockfiles-edge \( -name node_modules -prune \) -o \
  \( -name package-lock.json -o -name npm-shrinkwrap.json \) -print | sort)
if [ "${#lockfiles[@]}" -lt 100 ]; then
  fail "expected 100+ lockfiles in $corpus, found ${#lockfiles[@]}"
fi
ran=0 refused=0
outputs=()
for rel in "${lockfiles[@]}"; do
  id=${rel//\//__}
  for format in cyclonedx spdx; do
    out="$TMP/out/$id.$format.json"
    run "$VOUCH" sbom "$corpus/$rel" --format "$format" -o "$out"
    if is_invalid "$rel"; then
      lines=$(printf '%s\n' "$ERR" | grep -c .)
      if [ "$RC" -ne 3 ]; then
        fail "$rel ($format): invalid lockfile should exit 3, got $RC; stderr: ${ERR:0:300}"
      elif [ "$lines" -ne 1 ] || [[ "$ERR" != "vouch: error: "* ]]; then
        fail "$rel ($format): expected one 'vouch: error: ...' line, got $lines line(s): ${ERR:0:300}"
      elif [ -e "$out" ]; then
        fail "$rel ($format): failed run left $out behind"
      else
        refused=$((refused + 1))
      fi
    elif [ "$RC" -ne 0 ]; then
      fail "$rel ($format): exit $RC; stderr: ${ERR:0:300}"
    elif [ ! -s "$out" ]; then
      fail "$rel ($format): exit 0 but no output file"
    else
      ran=$((ran + 1))
      outputs+=("$out")
    fi
  done
done
pass "vouch sbom succeeded on $ran runs and refused the $refused runs on invalid lockfiles (${#lockfiles[@]} lockfiles x 2 formats)"

# Every SBOM is schema-valid (one process: each schema is compiled once).
if [ "${#outputs[@]}" -gt 0 ]; then
  if /usr/bin/python3 "$validator" --schemas "$schemas" --quiet "${outputs[@]}" >"$TMP/validate.log" 2>&1; then
    pass "all ${#outputs[@]} SBOMs are schema-valid ($(tail -1 "$TMP/validate.log"))"
  else
    fail "schema validation failed:"
    grep -v '^ok:' "$TMP/validate.log" | head -40 >&2
  fi
fi

# npm's "ancient lockfile with a dep gone missing": version given as a tarball URL, integrity
# that is not base64. npm warns and carries on (version 1.2.3 from the URL); vouch must do the
# same: exit 0, a warning naming the integrity problem, and no hash invented from garbage.
ancient="$corpus/lockfiles-edge/ancient-lockfile-invalid"
run "$VOUCH" sbom "$ancient"
expect_rc 0 "ancient-lockfile-invalid is read as npm reads it"
expect_contains "$ERR" "integrity" "ancient-lockfile-invalid: warning about the bad integrity"
run /usr/bin/python3 -c '
import json, sys
c = json.load(sys.stdin)["components"]
assert len(c) == 1 and c[0]["version"] == "1.2.3" and "hashes" not in c[0], c
print(c[0]["purl"])' <<<"$OUT"
expect_rc 0 "ancient-lockfile-invalid: one component, version 1.2.3 from the URL, no hash ($OUT)"

# The validator itself must reject broken SBOMs (or the check above could never fail).
nextjs="$corpus/lockfiles/generated-nextjs14-storefront"
run "$VOUCH" sbom "$nextjs" -o "$TMP/next.cdx.json"
expect_rc 0 "sbom of generated-nextjs14-storefront (directory input)"
run "$VOUCH" sbom "$nextjs" --format spdx -o "$TMP/next.spdx.json"
expect_rc 0 "spdx sbom of generated-nextjs14-storefront"
/usr/bin/python3 - "$TMP" <<'PY'
import copy, json, sys
tmp = sys.argv[1]
bom = json.load(open(f"{tmp}/next.cdx.json"))
spdx = json.load(open(f"{tmp}/next.spdx.json"))
def save(name, doc):
    json.dump(doc, open(f"{tmp}/{name}", "w"))
b = copy.deepcopy(bom); b["components"][1]["bom-ref"] = b["components"][0]["bom-ref"]; save("bad-dupref.json", b)
b = copy.deepcopy(bom); b["dependencies"][0].setdefault("dependsOn", []).append("no-such-ref"); save("bad-dangling.json", b)
b = copy.deepcopy(bom); b["components"][0]["scope"] = "dev"; save("bad-schema.json", b)
s = copy.deepcopy(spdx); s["packages"][1]["SPDXID"] = s["packages"][0]["SPDXID"]; save("bad-spdxid.json", s)
s = copy.deepcopy(spdx); s["relationships"][0]["relatedSpdxElement"] = "SPDXRef-nope"; save("bad-rel.json", s)
PY
for bad in bad-dupref bad-dangling bad-schema bad-spdxid bad-rel; do
  run /usr/bin/python3 "$validator" --schemas "$schemas" "$TMP/$bad.json"
  expect_rc 1 "validator rejects $bad"
done

# --omit dev keeps exactly what `npm ci --omit=dev` installs: every lockfile entry not flagged
# "dev" (devOptional and optional stay). npm sbom drops react/react-dom here; vouch must not.
run "$VOUCH" sbom "$nextjs" --omit dev -o "$TMP/next-prod.cdx.json"
expect_rc 0 "--omit dev"
run /usr/bin/python3 - "$nextjs/package-lock.json" "$TMP/next-prod.cdx.json" "$TMP/next.cdx.json" <<'PY'
import json, sys
lock = json.load(open(sys.argv[1]))["packages"]
def name_of(path, entry):
    return entry.get("name") or path.rsplit("node_modules/", 1)[-1]
every = {(name_of(p, e), e["version"]) for p, e in lock.items() if p}
prod = {(name_of(p, e), e["version"]) for p, e in lock.items() if p and not e.get("dev")}
def comps(path):
    out = set()
    def walk(cs):
        for c in cs or []:
            name = f"{c['group']}/{c['name']}" if c.get("group") else c["name"]
            out.add((name, c.get("version")))
            walk(c.get("components"))
    walk(json.load(open(path)).get("components"))
    return out
got_prod, got_all = comps(sys.argv[2]), comps(sys.argv[3])
names = {n for n, _ in got_prod}
problems = []
for needed in ("react", "react-dom", "next", "scheduler"):
    if needed not in names:
        problems.append(f"{needed} missing from --omit dev")
if got_prod != prod:
    problems.append(f"--omit dev: {len(got_prod)} components, expected {len(prod)}; "
                    f"missing {sorted(prod - got_prod)[:5]}, extra {sorted(got_prod - prod)[:5]}")
if got_all != every:
    problems.append(f"full: {len(got_all)} components, expected {len(every)}; "
                    f"missing {sorted(every - got_all)[:5]}, extra {sorted(got_all - every)[:5]}")
print("; ".join(problems) if problems else f"{len(got_prod)} prod of {len(got_all)} components")
sys.exit(1 if problems else 0)
PY
expect_rc 0 "--omit dev keeps react, react-dom and every non-dev entry: $OUT"

# SOURCE_DATE_EPOCH: byte-identical output, timestamp taken from it.
for format in cyclonedx spdx; do
  SOURCE_DATE_EPOCH=1700000000 "$VOUCH" sbom "$nextjs" --format "$format" -o "$TMP/r1.$format.json" 2>/dev/null
  SOURCE_DATE_EPOCH=1700000000 "$VOUCH" sbom "$nextjs" --format "$format" >"$TMP/r2.$format.json" 2>/dev/null
  if cmp -s "$TMP/r1.$format.json" "$TMP/r2.$format.json"; then
    pass "SOURCE_DATE_EPOCH: $format output byte-identical across two runs (-o and stdout)"
  else
    fail "SOURCE_DATE_EPOCH: $format outputs differ: $(diff "$TMP/r1.$format.json" "$TMP/r2.$format.json" | head -5)"
  fi
  expect_contains "$(cat "$TMP/r1.$format.json")" "2023-11-14T22:13:20Z" "SOURCE_DATE_EPOCH sets the $format timestamp"
done

# -o on a failing input leaves no output file (and no temp file) behind.
mkdir -p "$TMP/failing"
printf '{ "lockfileVersion": 3, "packages": { "": {' >"$TMP/failing/package-lock.json"
run "$VOUCH" sbom "$TMP/failing/package-lock.json" -o "$TMP/failing/out.json"
expect_rc 3 "truncated lockfile"
expect_contains "$ERR" "package-lock.json:1:" "error names the file and line"
if [ "$(ls -A "$TMP/failing")" = "package-lock.json" ]; then
  pass "-o on a failing input leaves no output or temp file"
else
  fail "-o on a failing input left: $(ls -A "$TMP/failing" | tr '\n' ' ')"
fi
run "$VOUCH" sbom "$TMP/no-such-dir" -o "$TMP/failing/out2.json"
expect_rc 3 "missing input"
[ ! -e "$TMP/failing/out2.json" ] && pass "-o with a missing input writes nothing" || fail "-o with a missing input wrote a file"
finish
