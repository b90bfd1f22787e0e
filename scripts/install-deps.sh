#!/usr/bin/env bash
# Installs every Debian package vouch needs to build, test and benchmark. Idempotent.
set -euo pipefail
packages=(
  g++ cmake make ninja-build pkg-config git ca-certificates
  lld  # links vouch with cmake/symbol-order.txt (cmake/Dependencies.cmake)
  libsodium-dev libgit2-dev libssh2-1-dev nlohmann-json3-dev libssl-dev libcli11-dev libgtest-dev
  libsimdjson-dev libcurl4-openssl-dev libexpected-dev libzip-dev libsqlite3-dev
  clang libclang-rt-14-dev
  minisign python3 python3-jsonschema
  python3-yaml
  # Opened at run time with dlopen (src/lazylib), not linked: db update, Vercel client, zip import.
  libcurl4 libzip4
  chromium
  strace
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "vouch: installing ${missing[*]}" >&2
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
