#!/usr/bin/env bash
# vouch check: one verdict over scan + licences + lint; its JSON is a verdict document that
# vouch sign --verdict binds and vouch verify --require-verdict pass accepts.
. "$(dirname "$0")/lib.sh"
src="$VOUCH_SOURCE_DIR"
data="$src/tests/data/check"
adv="$src/examples/advisories"
export VOUCH_NOW=2026-11-25T00:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA VERCEL_GIT_COMMIT_SHA GITHUB_ACTIONS VERCEL CI
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

cd "$TMP"
run "$VOUCH" check "$data/good" --advisories "$adv" --format json -o good.json
expect_rc 0 "the good shop passes every check"
expect_contains "$(json good.json "(d['verdict'], d['gate'], d['policy']['path'], len(d['failures']))")" \
  "('pass', 'any', 'builtin:default', 0)" "verdict document: pass, gate, built-in policy, no failures"
expect_contains "$(json good.json "sorted(k for k in d)")" \
  "'database', 'failures', 'gate', 'generated', 'licenses', 'lint', 'lockfile', 'policy', 'scan'" \
  "verdict document carries every contract field"
sha=$(sha256sum "$data/good/package-lock.json" | cut -d' ' -f1)
expect_contains "$(json good.json "d['lockfile']['sha256']")" "$sha" "lockfile named by its SHA-256"

run "$VOUCH" check "$data/bad" --advisories "$adv" --format json -o bad.json
expect_rc 1 "the bad shop fails"
expect_contains "$(json bad.json "sorted({(f['check'], f['rule']) for f in d['failures']})")" \
  "[('licenses', 'licenses.categories.network-copyleft'), ('lint', 'allowed-hosts'), ('lint', 'https-only'), ('lint', 'in-sync'), ('lint', 'integrity-present')]" \
  "every failing rule listed with its check"
expect_contains "$ERR" "check failed: 1 licenses failure(s), 4 lint failure(s)" "stderr names what failed"

run "$VOUCH" check "$data/bad" --advisories "$adv"
expect_rc 1 "table output fails the same way"
expect_contains "$OUT" "verdict: fail (licenses 1, lint 4)" "table ends with the verdict"
run "$VOUCH" check "$data/bad" --advisories "$adv" --format sarif
expect_rc 1 "SARIF output"
expect_contains "$OUT" '"ruleId": "lint/https-only"' "SARIF carries lint results"

# An advisory over the strict policy's gate (any) fails the scan part.
mkdir -p vuln
cat >vuln/package-lock.json <<'JSON'
{"name": "shop", "version": "1.0.0", "lockfileVersion": 3, "packages": {
  "": {"name": "shop", "version": "1.0.0", "dependencies": {"micromatch": "4.0.5"}},
  "node_modules/micromatch": {"version": "4.0.5", "license": "MIT",
    "resolved": "https://registry.npmjs.org/micromatch/-/micromatch-4.0.5.tgz",
    "integrity": "sha512-DMy+ERcEW2q8Z2Po+WNXuw3c5YaUSFjAO5GsJqfEl7UjvtIuFKO6ZrKvcItdy98dwFI2N1tg3zNIdKaQT+aNdA=="}}}
JSON
echo '{"name": "shop", "dependencies": {"micromatch": "4.0.5"}}' >vuln/package.json
run "$VOUCH" check vuln --advisories "$adv" --policy "$src/policies/strict.json" --format json -o vuln.json
expect_rc 1 "an advisory fails the strict policy"
expect_contains "$(json vuln.json "[(f['check'], f['package']) for f in d['failures']]")" "('scan', 'micromatch')" \
  "the scan failure names the package"

# The policy's scan.ignore paths are read relative to the policy file.
mkdir -p pol
cp "$src/policies/vouch-ignore.example.json" pol/ignore.json
cat >pol/policy.json <<'JSON'
{"version": 1, "licenses": {"allow": ["MIT"]}, "scan": {"fail-on": "any", "ignore": ["ignore.json"]}}
JSON
run "$VOUCH" check vuln --advisories "$adv" --policy pol/policy.json --format json -o ignored.json
expect_rc 0 "the policy's ignore file (relative to the policy) suppresses the advisory"
expect_contains "$(json ignored.json "[f['suppressed'] is not None for f in d['scan']['findings']]")" "[True]" \
  "the suppressed finding is still reported"

run "$VOUCH" check "$data/good" --advisories "$adv" --policy "$TMP/none.json"
expect_rc 3 "a missing policy file is an input error"
run "$VOUCH" check "$TMP/nothing-here" --advisories "$adv"
expect_rc 3 "no lockfile is an input error"

# The verdict document binds to a build and gates verification.
run "$VOUCH" keygen -o k --no-password
expect_rc 0 "keygen"
mkdir -p repo/dist && echo build >repo/dist/app.js
g() { git -C repo -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false "$@" >/dev/null 2>&1; }
g init -q -b main && cp "$data/good/package-lock.json" repo/ && g add package-lock.json && g commit -q -m one
run "$VOUCH" sign repo/dist/app.js --key k.key --repo repo --verdict good.json -o good.att
expect_rc 0 "sign binds the check verdict"
run "$VOUCH" verify repo/dist/app.js --attestation good.att --pub k.pub --repo repo --require-verdict pass
expect_rc 0 "verify --require-verdict pass accepts the check verdict"
run "$VOUCH" sign repo/dist/app.js --key k.key --repo repo --verdict bad.json -o bad.att
expect_rc 0 "a failing verdict can be signed (it records the truth)"
run "$VOUCH" verify repo/dist/app.js --attestation bad.att --pub k.pub --repo repo --require-verdict pass
expect_rc 1 "but verify --require-verdict pass refuses it"
finish
