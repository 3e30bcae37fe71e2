#!/usr/bin/env bash
# Sanitizer CI, in three steps (well under 25 minutes on 2 cores):
#  1. the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer (the asan preset),
#     except the PostgreSQL twins (label postgres: they need scripts/with-postgres.sh), with the
#     time-boxed benchmark smoke test run on its own afterwards;
#  2. the server's concurrency tests under ThreadSanitizer (the tsan preset);
#  3. every libFuzzer target for FUZZ_SECONDS each (tests/fuzz/run.sh, clang + ASan + UBSan).
# Usage: .ci/sanitizers.sh [FUZZ_SECONDS=60]
set -euo pipefail
cd "$(dirname "$0")/.."

fuzz_seconds="${1:-60}"
jobs="$(nproc)"
scripts/install-deps.sh --with-tests --with-checks
export QT_QPA_PLATFORM=offscreen

step() { echo "== sanitizers: $* ($(date +%T))" >&2; }

step "ASan + UBSan: the whole suite"
cmake --preset asan
cmake --build --preset asan -j "$jobs"
# The AT-SPI robot tests (label accessibility) check what a robot can reach, and the installed
# test kit's build (label testkit) what an outside project can build: neither is about memory; the
# widgets they drive run under ASan in the C++ GUI tests.
# One test per core: with one more (as scripts/test.sh runs the uninstrumented suite) the slower
# ASan tests missed their waits (docs/reliability.md, "How long .ci/sanitizers.sh takes").
ctest --preset asan -j "$jobs" -LE 'postgres|accessibility|testkit' -E '^tst_benchsmoke$'
# Its tiny benchmark run needs every scenario to finish requests within a time box: alone, not
# beside the rest of the suite on a loaded machine.
ctest --preset asan -R '^tst_benchsmoke$'

step "TSan: the server's concurrency tests, its scheduler and its replays from memory"
cmake --preset tsan
cmake --build --preset tsan -j "$jobs" --target bank-server tst_races tst_concurrency tst_loginthrottle tst_storagetrouble tst_soak tst_scheduledtransfers \
    tst_replaysfrommemory
ctest --preset tsan

step "libFuzzer: ${fuzz_seconds}s per target"
FUZZ_BUILD_DIR=build/fuzz tests/fuzz/run.sh "$fuzz_seconds"

step "all sanitizer checks passed"
