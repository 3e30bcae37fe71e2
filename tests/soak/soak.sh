#!/usr/bin/env bash
# A long soak run by hand: builds tst_soak and bank-server, then SIGKILLs and restarts the server
# CYCLES times while CLIENTS clients send transfers with retries, and prints the counts.
# Usage: tests/soak/soak.sh [CYCLES=200] [CLIENTS=6] [MAX_UPTIME_MS=1500]
# BUILD_DIR (default build/dev, configured with the dev preset if missing) and SOAK_SEED are honoured.
set -euo pipefail
cd "$(dirname "$0")/../.."

build_dir="${BUILD_DIR:-build/dev}"
[[ -f "$build_dir/CMakeCache.txt" ]] || cmake --preset dev
cmake --build "$build_dir" --target tst_soak bank-server -j "$(nproc)"

export SOAK_CYCLES="${1:-200}" SOAK_CLIENTS="${2:-6}" SOAK_MAX_UPTIME_MS="${3:-1500}"
export BANK_SERVER_BINARY="$build_dir/server/bank-server" QT_QPA_PLATFORM=offscreen
exec "$build_dir/tests/soak/tst_soak" -maxwarnings 0
