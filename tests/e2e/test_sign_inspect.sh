#!/usr/bin/env bash
# vouch sign --inspect: the build output is inspected in the hashing read. Planted random secrets
# refuse the signature (nothing written); --allow-inspection-findings signs and records counts
# (the same counts as vouch inspect); verify --require-inspection fails on that, on an envelope
# signed without inspection, and passes on a clean tree; no output ever holds a planted secret.
. "$(dirname "$0")/lib.sh"
GEN="$(cd "$(dirname "$0")" && pwd)/inspect_tree.py"
export VOUCH_NOW=2026-11-20T12:00:00Z
unset VOUCH_SECRET_KEY VOUCH_PASSWORD GITHUB_SHA GITHUB_ACTIONS CI
# No repository here: the commit is taken from Vercel's variable, as inside Vercel's build.
export VERCEL_GIT_COMMIT_SHA=0123456789abcdef0123456789abcdef01234567
commit=$VERCEL_GIT_COMMIT_SHA
cd "$TMP"
run "$VOUCH" keygen -o k --no-password
expect_rc 0 "keygen"

python3 "$GEN" "$TMP/proj" >"$TMP/planted.txt" || { echo "generator failed"; exit 1; }
while read -r kind name value; do
  [ "$kind" = env ] && export "$name=$value"
done <"$TMP/planted.txt"
: >"$TMP/all-output.txt"
keep() { printf '%s\n%s\n' "$OUT" "$ERR" >>"$TMP/all-output.txt"; }

# --- findings refuse the signature, nothing is written ---
run "$VOUCH" sign proj --key k.key --repo proj --inspect -o att.json
keep
expect_rc 1 "sign --inspect refuses a tree with planted secrets"
expect_contains "$ERR" "nothing signed" "the refusal says nothing was signed"
expect_contains "$ERR" "stripe-secret-key" "the refusal names the rules"
[ ! -e att.json ] && pass "no envelope written" || fail "an envelope was written despite findings"

cat >on-sign.json <<'EOF'
{"version": 1, "inspect": {"on-sign": true}}
EOF
run "$VOUCH" sign proj --key k.key --repo proj --policy on-sign.json -o att.json
keep
expect_rc 1 "a policy with inspect.on-sign inspects (and refuses) without --inspect"
[ ! -e att.json ] && pass "no envelope written (on-sign)" || fail "envelope written (on-sign)"

cat >off.json <<'EOF'
{"version": 1, "inspect": {"on-sign": false}}
EOF
run "$VOUCH" sign proj --key k.key --repo proj --policy off.json -o plain.json
keep
expect_rc 0 "a policy without on-sign signs without inspecting"

# --- the explicit opt-out signs, records counts, warns ---
run "$VOUCH" sign proj --key k.key --repo proj --inspect --allow-inspection-findings \
  -o att.json --format json
keep
expect_rc 0 "sign --inspect --allow-inspection-findings"
expect_contains "$ERR" "--allow-inspection-findings: signing with" "the opt-out is warned"
printf '%s\n' "$OUT" >sign.json

run "$VOUCH" inspect proj --format json -o inspect.json
keep
expect_rc 1 "vouch inspect on the same tree"

python3 - att.json sign.json inspect.json <<'PY' || fail "recorded inspection (see above)"
import base64, json, sys
envelope = json.load(open(sys.argv[1]))
statement = json.loads(base64.b64decode(envelope["payload"]))
record = statement["predicate"]["buildDefinition"]["internalParameters"]["vouch"]["inspection"]
printed = json.load(open(sys.argv[2]))["inspection"]
inspected = json.load(open(sys.argv[3]))
problems = []
if record["performed"] is not True or record["allowFindings"] is not True:
    problems.append("performed/allowFindings not recorded: %s" % record)
if record["trigger"] != "--inspect" or record["policy"]["path"] != "builtin:default":
    problems.append("trigger/policy: %s" % record)
if len(record["policy"]["sha256"]) != 64 or record["threshold"] != "any":
    problems.append("policy digest/threshold: %s" % record)
# The hashing read finds exactly what vouch inspect's own walk finds.
counts = {rule: sum(by.values()) for rule, by in record["rules"].items()}
if counts != inspected["rule_counts"]:
    problems.append("rule counts differ from vouch inspect:\n%s\n%s" % (counts, inspected["rule_counts"]))
if record["findings"]["failing"] != len(inspected["findings"]) or record["findings"]["total"] != len(inspected["findings"]):
    problems.append("failing/total %s vs %d findings" % (record["findings"], len(inspected["findings"])))
if record["filesScanned"] != inspected["files_scanned"] or record["bytesScanned"] != inspected["bytes_scanned"]:
    problems.append("files/bytes scanned differ")
if printed["failing"] != record["findings"]["failing"] or printed["allow_findings"] is not True:
    problems.append("sign --format json does not report the record: %s" % printed)
if ".js" in json.dumps(record):
    problems.append("the record names files: counts only")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY

run "$VOUCH" verify proj --attestation att.json --pub k.pub --commit "$commit"
keep
expect_rc 0 "verify without --require-inspection accepts it"
expect_contains "$OUT" "(--allow-inspection-findings)" "verify shows the recorded opt-out"
run "$VOUCH" verify proj --attestation att.json --pub k.pub --commit "$commit" --require-inspection
keep
expect_rc 1 "verify --require-inspection refuses recorded findings"
expect_contains "$ERR" "check 'inspection'" "the inspection check fails"
expect_contains "$ERR" "--allow-inspection-findings" "and says the opt-out was used"

run "$VOUCH" verify proj --attestation plain.json --pub k.pub --commit "$commit" --require-inspection
keep
expect_rc 1 "verify --require-inspection refuses an envelope signed without inspection"
expect_contains "$ERR" "not inspected" "naming why"

# --- usage and unsupported inputs ---
run "$VOUCH" sign proj --key k.key --repo proj --allow-inspection-findings -o x.json
expect_rc 2 "--allow-inspection-findings without an inspection is a usage error"
echo data >file.bin
run "$VOUCH" sign file.bin --key k.key --repo proj --inspect -o x.json
expect_rc 3 "a single file cannot be inspected"
[ ! -e x.json ] && pass "nothing written on usage errors" || fail "x.json written"
run "$VOUCH" sign --append att.json proj --key k.key --pub k.pub --commit "$commit" --inspect
expect_rc 2 "--inspect is for signing, not for --append"
run "$VOUCH" verify proj --attestation att.json --pub k.pub --commit "$commit" \
  --require-inspection-policy nothex
expect_rc 2 "--require-inspection-policy takes a SHA-256"

# --- a clean build output signs and verifies ---
out=clean/.vercel/output
mkdir -p "$out/static/_next/static/chunks" "$out/functions/api.func"
cat >"$out/config.json" <<'EOF'
{"version": 3, "routes": [{"src": "/(.*)", "headers": {
  "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
  "Strict-Transport-Security": "max-age=63072000", "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin"}}]}
EOF
echo '<html>shop</html>' >"$out/static/index.html"
echo 'console.log("shop")' >"$out/static/_next/static/chunks/app.js"
echo 'module.exports = 1' >"$out/functions/api.func/index.js"
cat >strict-on-sign.json <<'EOF'
{"version": 1, "inspect": {"on-sign": true, "strict": true}}
EOF
policy_sha=$(sha256sum strict-on-sign.json | cut -d' ' -f1)
run "$VOUCH" sign "$out" --key k.key --repo clean --policy strict-on-sign.json -o clean.json
keep
expect_rc 0 "a clean build output signs with the inspection"
expect_contains "$OUT" "inspected 2 file(s)" "sign reports the inspection"
run "$VOUCH" verify "$out" --attestation clean.json --pub k.pub --commit "$commit" --require-inspection
keep
expect_rc 0 "verify --require-inspection passes a clean inspection"
expect_contains "$OUT" "inspection   clean: 0 finding(s)" "verify shows what was recorded"
run "$VOUCH" verify "$out" --attestation clean.json --pub k.pub --commit "$commit" \
  --require-inspection-policy "$policy_sha" --format json
keep
expect_rc 0 "the inspection's policy can be pinned"
expect_contains "$OUT" '"require_inspection": true' "verify json says inspection was required"
run "$VOUCH" verify "$out" --attestation clean.json --pub k.pub --commit "$commit" \
  --require-inspection-policy "$(printf '%064d' 0)"
keep
expect_rc 1 "another policy's digest fails"

# --- no output holds a planted secret (the whole secret or any 12-character piece of it) ---
python3 - "$TMP/planted.txt" att.json sign.json "$TMP/all-output.txt" <<'PY' || fail "a planted secret leaked (see above)"
import base64, json, sys
planted = []
for line in open(sys.argv[1]):
    kind, rest = line.rstrip("\n").split(" ", 1)
    if kind == "planted":
        planted.append(rest.split(" ", 1))
texts = {p: open(p).read() for p in sys.argv[2:]}
texts["payload"] = base64.b64decode(json.load(open(sys.argv[2]))["payload"]).decode()
leaks = []
for name, text in texts.items():
    for rule, secret in planted:
        pieces = [secret] + [secret[k:k + 12] for k in range(8, max(9, len(secret) - 11), 4)]
        if any(len(p) >= 12 and p in text for p in pieces):
            leaks.append("%s holds (part of) the planted %s secret" % (name, rule))
for leak in leaks:
    print(leak)
sys.exit(1 if leaks else 0)
PY
[ "$failures" -eq 0 ] && pass "no output holds a planted secret"

finish
