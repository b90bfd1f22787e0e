#!/usr/bin/env bash
# sbom/vouch-native-deps.cdx.json (vouch's own SBOM of its Debian dependencies) is schema-valid,
# and current: regenerating it from scripts/install-deps.sh and the installed packages gives the
# same packages (versions may differ with the machine's Debian updates; that is only noted). Fix a stale file with: bash scripts/update-own-sbom.sh
. "$(dirname "$0")/lib.sh"
committed="$VOUCH_SOURCE_DIR/sbom/vouch-native-deps.cdx.json"
[ -f "$committed" ] || { fail "$committed is missing (bash scripts/update-own-sbom.sh)"; finish; }

if [ -d "$VOUCH_SHARED_DIR/corpus/schemas" ]; then
  run /usr/bin/python3 "$VOUCH_SOURCE_DIR/scripts/validate-sbom.py" \
    --schemas "$VOUCH_SHARED_DIR/corpus/schemas" "$committed"
  expect_rc 0 "committed own SBOM is schema-valid: $OUT"
else
  echo "SKIP (schema check): $VOUCH_SHARED_DIR/corpus/schemas not found"
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "SKIP (currency check): dpkg-query not available, cannot compare with installed packages"
  finish
fi
run bash "$VOUCH_SOURCE_DIR/scripts/update-own-sbom.sh" "$TMP/fresh.cdx.json"
expect_rc 0 "update-own-sbom.sh regenerates the SBOM"
run /usr/bin/python3 - "$committed" "$TMP/fresh.cdx.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
# The package set must match scripts/install-deps.sh; the exact Debian versions depend on the
# machine's last security update, so a version difference is a note, not a failure.
def names(doc):
    return {c["name"] for c in doc.get("components", [])}
def purls(doc):
    return {c["purl"] for c in doc.get("components", [])}
if names(a) != names(b):
    print(f"stale: only in committed {sorted(names(a) - names(b))}, only in fresh {sorted(names(b) - names(a))}"
          " - run: bash scripts/update-own-sbom.sh")
    sys.exit(1)
newer = sorted(purls(b) - purls(a))
if newer:
    print(f"note: this machine has other Debian versions than the committed SBOM: {newer}", file=sys.stderr)
print(f"{len(a['components'])} packages")
PY
expect_rc 0 "committed own SBOM is current ($OUT)"
finish
