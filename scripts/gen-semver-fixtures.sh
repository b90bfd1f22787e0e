#!/usr/bin/env bash
# Regenerates tests/data/semver/{satisfies,compare}.tsv from node-semver itself, the oracle that
# vouch's semver library must agree with. Needs node (>= 18) and npm's `semver` package:
#   mkdir -p /tmp/semver-oracle && (cd /tmp/semver-oracle && npm install semver@7.8.6)
#   SEMVER_ORACLE=/tmp/semver-oracle/node_modules/semver scripts/gen-semver-fixtures.sh
# Rows of satisfies.tsv: version TAB range TAB true|false|invalid TAB node's normalized range
# (range.range, "-" when invalid) TAB node's normalized version (.version, "-" when invalid).
# Rows of compare.tsv: a TAB b TAB -1|0|1 (semver.compare). Fields escape \\ \t \n \r.
# The random part uses a fixed seed, so reruns produce the same files.
set -euo pipefail
cd "$(dirname "$0")/.."
oracle=${SEMVER_ORACLE:-/tmp/semver-oracle/node_modules/semver}
[ -f "$oracle/package.json" ] || { echo "node-semver not found at $oracle (see header)" >&2; exit 2; }
SEMVER_ORACLE=$oracle node "$(dirname "$0")/gen-semver-fixtures.js" tests/data/semver
