#!/usr/bin/env bash
# The scan and the SBOM on a small vendored sample (tests/data/scan/sample: a workspaces
# monorepo and real advisory records), so they run in every CI without ../shared: matching with
# patched_versions, paths from the workspace, runtime marking, the database route, and SBOMs that
# validate against the vendored CycloneDX 1.6 / SPDX 2.3 schemas with every component reachable.
. "$(dirname "$0")/lib.sh"

S="$VOUCH_SOURCE_DIR/tests/data/scan/sample"
export VOUCH_NOW=2026-11-23T12:00:00Z
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }

run "$VOUCH" scan "$S/monorepo" --advisories "$S/advisories" --format json -o "$TMP/scan.json"
expect_rc 1 "the sample's findings fail the default gate"
expect_contains "$(json "$TMP/scan.json" "sorted((f['id'], f['package']+'@'+f['version'], f['paths'], f['path_scopes']) for f in d['findings'])")" \
  "[('CVE-2017-10910', 'mqtt@2.14.0', [['@sample/legacy', 'mqtt']], ['runtime']), ('GHSA-35jh-r3h4-6jhm', 'lodash@4.17.15', [['@sample/api', 'lodash']], ['runtime'])]" \
  "exact findings: mqtt 5.15.1 is patched, paths start at the workspace, runtime path preferred"
expect_contains "$(json "$TMP/scan.json" "[f['fixed'] for f in d['findings'] if f['package']=='mqtt']")" "['2.15.0']" \
  "the patched range gives the fixed version"

VOUCH_NOW=2026-11-22T12:00:00Z run "$VOUCH" db import "$S/advisories" --db "$TMP/db"
expect_rc 0 "db import of the sample advisories"
run "$VOUCH" scan "$S/monorepo" --db "$TMP/db" --format json -o "$TMP/db-scan.json"
expect_rc 1 "the same findings through the database"
expect_contains "$(json "$TMP/db-scan.json" "sorted(f['package']+'@'+f['version'] for f in d['findings'])")" \
  "['lodash@4.17.15', 'mqtt@2.14.0']" "patched_versions survives import and storage"
expect_contains "$(json "$TMP/db-scan.json" "(d['gate'], len(d['database']['sha256']), d['database']['imported'])")" \
  "('any', 64, '2026-11-22T12:00:00Z')" "verdict records gate and database identity"

if ! /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
  fail "Debian's python3-jsonschema is missing for /usr/bin/python3 (bash scripts/install-deps.sh)"
  finish
fi
run "$VOUCH" sbom "$S/monorepo" -o "$TMP/sbom.cdx.json"
expect_rc 0 "CycloneDX SBOM"
run "$VOUCH" sbom "$S/monorepo" --format spdx -o "$TMP/sbom.spdx.json"
expect_rc 0 "SPDX SBOM"
run /usr/bin/python3 "$VOUCH_SOURCE_DIR/scripts/validate-sbom.py" --schemas "$VOUCH_SOURCE_DIR/tests/data/schemas" \
  "$TMP/sbom.cdx.json" "$TMP/sbom.spdx.json"
expect_rc 0 "both SBOMs validate against the vendored schemas"
expect_contains "$(python3 - "$TMP/sbom.cdx.json" <<'PY'
import json, sys
from collections import deque
d = json.load(open(sys.argv[1]))
root = d["metadata"]["component"]["bom-ref"]
edges = {x["ref"]: x.get("dependsOn", []) for x in d["dependencies"]}
seen, q = {root}, deque([root])
while q:
    for n in edges.get(q.popleft(), []):
        if n not in seen:
            seen.add(n); q.append(n)
unreached = [c["name"] for c in d["components"] if c["bom-ref"] not in seen]
workspaces = sorted((c.get("group", "") + "/" + c["name"]).lstrip("/") for c in d["components"]
                    if any(p["name"] == "vouch:npm:package:workspace" for p in c.get("properties", [])))
print("unreached=%s workspaces=%s" % (unreached, workspaces))
PY
)" "unreached=[] workspaces=['@sample/api', '@sample/legacy']" \
  "every component reachable from the root; only workspace members are labelled workspaces"
expect_contains "$(python3 - "$TMP/sbom.spdx.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
names = {p["SPDXID"]: p["name"] for p in d["packages"]}
root = d["documentDescribes"][0]
print(sorted(names[r["relatedSpdxElement"]] for r in d["relationships"]
             if r["relationshipType"] == "DEPENDS_ON" and r["spdxElementId"] == root))
PY
)" "['@sample/api', '@sample/legacy', 'util']" "SPDX: the root DEPENDS_ON each workspace"

finish
