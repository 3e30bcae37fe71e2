#!/usr/bin/env bash
# Builds bank-server and bank-bench (RelWithDebInfo, in build/bench), installs gnuplot if it is
# missing, runs the benchmark and writes docs/bench-results.json and docs/img/throughput.png.
#
#   bench/run-bench.sh            the scenarios, the limits and the plot (about 2 minutes)
#   bench/run-bench.sh --growth   also 1 000 vs 1 000 000 stored keys, memory and the purge (about 10 minutes more)
#   bench/run-bench.sh --postgres the scenarios on one bank-server on PostgreSQL: starts a throwaway
#                                 cluster (scripts/with-postgres.sh) and passes its URL as --database-url;
#                                 writes docs/bench-results-postgres.json and no plot (about 2 minutes)
#
# Any other bank-bench option may follow (see bank-bench --help).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BANK_BENCH_BUILD_DIR:-$root/build/bench}

if ! command -v gnuplot > /dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y --no-install-recommends gnuplot-nox || { $sudo apt-get update && $sudo apt-get install -y --no-install-recommends gnuplot-nox; }
fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBANK_BUILD_TESTS=OFF -DBANK_BUILD_APP=OFF > /dev/null
cmake --build "$build" -j2 --target bank-server bank-bench

if [ "${1:-}" = "--postgres" ]; then
    shift
    # shellcheck disable=SC2016 # expanded by the inner bash, where with-postgres.sh set the URL
    exec "$root/scripts/with-postgres.sh" bash -c \
        'exec "$0" --server-binary "$1" --database-url "$BANK_TEST_DATABASE_URL" --json "$2" "${@:3}"' \
        "$build/bench/bank-bench" "$build/server/bank-server" "$root/docs/bench-results-postgres.json" "$@"
fi

mkdir -p "$root/docs/img"
exec "$build/bench/bank-bench" --server-binary "$build/server/bank-server" \
    --json "$root/docs/bench-results.json" --plot "$root/docs/img/throughput.png" "$@"
