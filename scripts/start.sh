#!/usr/bin/env bash
# Installs what is missing, builds, and starts the bank on the embedded SQLite default with demo
# data.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset dev
cmake --build --preset dev -j "$(nproc)"
data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/exactly-once-bank"
mkdir -p "$data_dir"
echo "Demo users: alice/wonderland, bob/builder. Stop with Ctrl+C." >&2
exec build/dev/server/bank-server --seed-demo --db "$data_dir/bank.db" "$@"
