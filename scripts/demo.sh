#!/usr/bin/env bash
# README command 1: install, build, and run vouch on the bundled example Next.js shop.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh release
example=examples/nextjs-shop
mkdir -p out
echo "== vouch sbom $example (CycloneDX 1.6) -> out/sbom.cdx.json"
./build/src/cli/vouch sbom "$example" -o out/sbom.cdx.json
echo "== vouch sbom $example --format spdx -> out/sbom.spdx.json"
./build/src/cli/vouch sbom "$example" --format spdx -o out/sbom.spdx.json
/usr/bin/python3 - <<'PY'
import json
bom = json.load(open("out/sbom.cdx.json"))
comps = bom["components"]
print(f"{len(comps)} components, {sum(1 for c in comps if c.get('scope') == 'required')} required at runtime")
for c in comps[:5]:
    print(" ", c["purl"], c.get("scope", ""))
PY
