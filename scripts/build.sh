#!/usr/bin/env bash
# Builds vouch. Usage: scripts/build.sh [release|test]
#   release: optimised build in build/ (the vouch binary: build/src/cli/vouch)
#   test:    clang with ASan+UBSan and libFuzzer targets in build-test/ (the one test configuration)
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
jobs=$(nproc 2>/dev/null || echo 2)
case "$kind" in
  release)
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DVOUCH_TESTS=OFF >/dev/null
    cmake --build build -j "$jobs"
    ;;
  test)
    cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_COMPILER=clang++ -DVOUCH_SANITIZE=ON -DVOUCH_FUZZ=ON -DVOUCH_TESTS=ON >/dev/null
    cmake --build build-test -j "$jobs"
    ;;
  *) echo "usage: $0 [release|test]" >&2; exit 2 ;;
esac
