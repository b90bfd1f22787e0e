#!/usr/bin/env bash
# README command 2 (and .ci/run): install, build the sanitizer+fuzzer configuration, run every
# test, then a short fuzz smoke over the seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh test
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
ctest --test-dir build-test --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" --timeout 600
bash scripts/fuzz-smoke.sh build-test
