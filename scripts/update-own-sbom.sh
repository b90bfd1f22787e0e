#!/usr/bin/env bash
# Writes vouch's own SBOM of its native dependencies: sbom/vouch-native-deps.cdx.json (CycloneDX 1.6).
#
# usage: scripts/update-own-sbom.sh [OUTPUT]   (default sbom/vouch-native-deps.cdx.json)
#
# The package list is read from scripts/install-deps.sh, so the SBOM follows it: every library
# -dev package there (what vouch compiles against and links); the SPDX licence list is vendored
# in data/spdx/ (no Debian package). Compilers, build tools and the fuzzer runtime are not part of vouch and are left
# out; GoogleTest is kept with scope "excluded" (linked by the tests only). Each component carries
# the installed Debian version (dpkg-query), purl pkg:deb/debian/<name>@<version>?arch=..&distro=debian-12,
# the upstream licence where known, and supplier Debian.
#
# Deterministic: components sorted by name, serialNumber derived from the content, timestamp from
# SOURCE_DATE_EPOCH, else from the last commit that changed scripts/install-deps.sh, else 0. Run it
# after changing install-deps.sh or upgrading the machine, and commit the result;
# tests/e2e/test_own_sbom.sh fails when the committed file is stale.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/sbom/vouch-native-deps.cdx.json}
command -v dpkg-query >/dev/null || { echo "update-own-sbom: dpkg-query not found (needs Debian)" >&2; exit 3; }
[ -x /usr/bin/python3 ] || { echo "update-own-sbom: /usr/bin/python3 not found (apt-get install python3)" >&2; exit 3; }

packages=$(sed -n '/^packages=(/,/^)/p' "$root/scripts/install-deps.sh" | sed '1d;$d' | tr -s ' \n' '\n' | grep -v '^$')
[ -n "$packages" ] || { echo "update-own-sbom: no packages=( ... ) list in scripts/install-deps.sh" >&2; exit 3; }

epoch=${SOURCE_DATE_EPOCH:-}
if [ -z "$epoch" ]; then
  epoch=$(git -C "$root" log -1 --format=%ct -- scripts/install-deps.sh 2>/dev/null || true)
fi
epoch=${epoch:-0}
vouch_version=$(sed -n 's/^project(vouch VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")

# name<TAB>version<TAB>arch<TAB>source, for every selected package that is installed.
rows=""
missing=()
for p in $packages; do
  case "$p" in
    libclang-rt-*) continue ;;   # compiler runtime for fuzz builds, not part of vouch
    *-dev | node-spdx-*) ;;
    *) continue ;;               # tools (g++, cmake, git, minisign, python3, ...)
  esac
  if line=$(dpkg-query -W -f='${db:Status-Abbrev}\t${Package}\t${Version}\t${Architecture}\t${source:Package}\n' "$p" 2>/dev/null) &&
    [[ "$line" == ii* ]]; then
    rows+="${line#*$'\t'}"$'\n'
  else
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "update-own-sbom: not installed: ${missing[*]} (run: bash scripts/install-deps.sh)" >&2
  exit 3
fi

mkdir -p "$(dirname "$out")"
tmp=$(mktemp "$(dirname "$out")/.own-sbom.XXXXXX")
trap 'rm -f "$tmp"' EXIT
VOUCH_DEB_ROWS="$rows" /usr/bin/python3 - "$epoch" "$vouch_version" >"$tmp" <<'PY'
import datetime, hashlib, json, os, sys, urllib.parse, uuid

epoch, vouch_version = int(sys.argv[1]), sys.argv[2]
# Upstream licences (SPDX) of what Debian ships; unknown packages get none rather than a guess.
LICENSES = {
    "libsodium": "ISC",
    "libgit2": "GPL-2.0-only WITH GCC-exception-2.0",
    "nlohmann-json3": "MIT",
    "openssl": "Apache-2.0",
    "cli11": "BSD-3-Clause",
    "simdjson": "Apache-2.0",
    "curl": "curl",
    "tl-expected": "CC0-1.0",
    "libzip": "BSD-3-Clause",
    "googletest": "BSD-3-Clause",
    "node-spdx-license-ids": "CC0-1.0",
    "node-spdx-exceptions": "CC-BY-3.0",
    "benchmark": "Apache-2.0",
}
TEST_ONLY = {"libgtest-dev", "libgmock-dev", "libbenchmark-dev"}

def purl_part(s):
    return urllib.parse.quote(s, safe=".-_~:")

components = []
for line in os.environ["VOUCH_DEB_ROWS"].splitlines():
    name, version, arch, source = line.split("\t")
    source = source.split(" ")[0] or name
    purl = f"pkg:deb/debian/{purl_part(name)}@{purl_part(version)}?arch={purl_part(arch)}&distro=debian-12"
    component = {
        "type": "data" if name.startswith("node-spdx-") else "library",
        "bom-ref": purl,
        "supplier": {"name": "Debian", "url": ["https://www.debian.org"]},
        "name": name,
        "version": version,
        "scope": "excluded" if name in TEST_ONLY else "required",
        "purl": purl,
    }
    licence = LICENSES.get(source) or LICENSES.get(name)
    if licence:
        component["licenses"] = [{"expression": licence}] if " " in licence else [{"license": {"id": licence}}]
    component["properties"] = [{"name": "vouch:debian:source-package", "value": source}]
    components.append(component)
components.sort(key=lambda c: c["name"])

root_ref = f"pkg:generic/vouch@{vouch_version}"
bom = {
    "bomFormat": "CycloneDX",
    "specVersion": "1.6",
    "serialNumber": "",
    "version": 1,
    "metadata": {
        "timestamp": datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tools": {"components": [{"type": "application", "name": "update-own-sbom.sh",
                                  "description": "vouch's scripts/update-own-sbom.sh (dpkg-query)"}]},
        "component": {"type": "application", "bom-ref": root_ref, "name": "vouch",
                      "version": vouch_version, "purl": root_ref,
                      "description": "vouch: SBOMs, advisory scans, policy and signed provenance for npm projects"},
        "properties": [{"name": "vouch:sbom:scope", "value": "native build dependencies (Debian 12 packages)"}],
    },
    "components": components,
    "dependencies": [{"ref": root_ref, "dependsOn": [c["bom-ref"] for c in components]}]
    + [{"ref": c["bom-ref"], "dependsOn": []} for c in components],
}
# Derived from what is described (not the timestamp), so it changes exactly when the content does.
digest = hashlib.sha256(json.dumps([bom["metadata"]["component"], components], sort_keys=True).encode()).digest()
bom["serialNumber"] = f"urn:uuid:{uuid.UUID(bytes=digest[:16], version=5)}"
print(json.dumps(bom, indent=2, ensure_ascii=False))
PY
mv "$tmp" "$out"
trap - EXIT
echo "update-own-sbom: wrote $out ($(grep -c '"bom-ref": "pkg:deb' "$out") packages)" >&2
