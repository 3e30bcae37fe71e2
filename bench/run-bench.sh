#!/usr/bin/env bash
# Builds bank-server and bank-bench (RelWithDebInfo, in build/bench), installs gnuplot if it is
# missing, runs the benchmark and writes docs/bench-results.json and docs/img/throughput.png.
#
#   bench/run-bench.sh            the scenarios, the limits and the plot (about 2 minutes)
#   bench/run-bench.sh --growth   also 1 000 vs 1 000 000 stored keys, memory and the purge (about 10 minutes more)
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

mkdir -p "$root/docs/img"
exec "$build/bench/bank-bench" --server-binary "$build/server/bank-server" \
    --json "$root/docs/bench-results.json" --plot "$root/docs/img/throughput.png" "$@"
