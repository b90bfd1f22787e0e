#!/usr/bin/env bash
# Refreshes data/spdx/{licenses,exceptions}.json from an SPDX license-list-data release.
# Usage: scripts/update-spdx-list.sh [VERSION]   (default: the latest release tag on GitHub)
# Run by a person, never at build time; review the diff and data/spdx/README.md, then commit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=${1:-}
if [ -z "$version" ]; then
  version=$(curl -fsSL https://api.github.com/repos/spdx/license-list-data/releases/latest |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["tag_name"].lstrip("v"))')
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
base="https://raw.githubusercontent.com/spdx/license-list-data/v${version}/json"
for f in licenses exceptions; do
  curl -fsSL "$base/$f.json" -o "$tmp/$f.json"
done
python3 - "$tmp" "$version" <<'PY'
import json, sys
d, version = sys.argv[1], sys.argv[2]
lic = json.load(open(f"{d}/licenses.json"))
exc = json.load(open(f"{d}/exceptions.json"))
assert lic["licenseListVersion"] == version, lic["licenseListVersion"]
assert all("licenseId" in l and "isDeprecatedLicenseId" in l for l in lic["licenses"])
assert all("licenseExceptionId" in e for e in exc["exceptions"])
print(f"SPDX list {version}: {len(lic['licenses'])} licences, {len(exc['exceptions'])} exceptions")
PY
cp "$tmp/licenses.json" "$tmp/exceptions.json" "$root/data/spdx/"
echo "updated data/spdx/; now edit the version and origin in data/spdx/README.md"
