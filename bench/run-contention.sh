#!/usr/bin/env bash
# The contention benchmark of docs/performance.md ("Several instances under contention"): builds
# bank-server and bank-bench (RelWithDebInfo, in build/bench, or in an already configured
# BANK_BENCH_BUILD_DIR), starts a throwaway PostgreSQL (scripts/with-postgres.sh) and runs
#
#   bank-bench --contention: 48 and 120 client threads x 40 transfers over 1, 2 and 3 instances
#
# Any other bank-bench option may follow, e.g. --instances 1,3 --clients 48 --work-dir DIR (the
# instances' logs), or --server-binary FILE to measure another build of bank-server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BANK_BENCH_BUILD_DIR:-$root/build/bench}

if [ ! -f "$build/CMakeCache.txt" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBANK_BUILD_TESTS=OFF -DBANK_BUILD_APP=OFF > /dev/null
fi
cmake --build "$build" -j2 --target bank-server bank-bench

exec "$root/scripts/with-postgres.sh" bash -c \
    'exec "$0" --contention --server-binary "$1" --database-url "$BANK_TEST_DATABASE_URL" "${@:2}"' \
    "$build/bench/bank-bench" "$build/server/bank-server" "$@"
