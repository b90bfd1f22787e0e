#!/usr/bin/env bash
# Installs the JS peer tools that vouch is compared and benchmarked against into a private tools
# dir (default .cache/tools, git-ignored), from the npm registry, and prints that dir.
#   usage: scripts/install-peer-tools.sh [TOOLS_DIR]
# `npm sbom` is built into npm itself, so only @cyclonedx/cyclonedx-npm is installed here.
# CYCLONEDX_NPM_VERSION pins the version (default 6.0.1, the version in the peer measurements; it
# needs node >= 20.18, so on Debian 12's own node 18 the last release for older node, 2.1.0, is used).
set -euo pipefail
cd "$(dirname "$0")/.."
tools=${1:-.cache/tools}
if ! command -v npm >/dev/null 2>&1; then
  echo "install-peer-tools: npm not found; installing Debian's nodejs + npm" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
# hyperfine (Debian) times every bench/ script; GNU time measures peak RSS.
for tool in hyperfine time; do
  if ! dpkg-query -W -f='${Status}' "$tool" 2>/dev/null | grep -q "install ok installed"; then
    echo "install-peer-tools: installing Debian's $tool" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$tool" >/dev/null
  fi
done
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
default_version=6.0.1
[ "$node_major" -ge 20 ] || default_version=2.1.0
version=${CYCLONEDX_NPM_VERSION:-$default_version}
mkdir -p "$tools"
bin="$tools/node_modules/.bin/cyclonedx-npm"
installed=""
if [ -f "$tools/node_modules/@cyclonedx/cyclonedx-npm/package.json" ]; then
  installed=$(node -p "require('./$tools/node_modules/@cyclonedx/cyclonedx-npm/package.json').version" 2>/dev/null || true)
fi
if [ ! -x "$bin" ] || [ "$installed" != "$version" ]; then
  echo "install-peer-tools: installing @cyclonedx/cyclonedx-npm@$version into $tools" >&2
  [ -f "$tools/package.json" ] || echo '{ "name": "vouch-peer-tools", "private": true }' >"$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund --ignore-scripts --loglevel=error \
    "@cyclonedx/cyclonedx-npm@$version" >&2 2> >(grep -v 'Unknown user config' >&2)
fi
[ -x "$bin" ] || { echo "install-peer-tools: $bin missing after install" >&2; exit 3; }
cd "$tools" && pwd
