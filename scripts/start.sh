#!/usr/bin/env bash
# Installs what is missing, builds, and opens the desktop app, bank-app, logged out. By default it
# runs the bank inside itself (integrated server on 127.0.0.1, SQLite in the app's data folder,
# demo users on first run); arguments go to bank-app (--server URL, --db FILE, --port N).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset dev
cmake --build --preset dev -j "$(nproc)" --target bank-app bank-server
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
    # No desktop session (a server or a container): start the same bank without the window.
    data_dir="${XDG_DATA_HOME:-$HOME/.local/share}/exactly-once-bank"
    mkdir -p "$data_dir"
    echo "start: no desktop session (DISPLAY/WAYLAND_DISPLAY unset); starting bank-server alone." >&2
    echo "Demo users: alice/wonderland, bob/builder. Stop with Ctrl+C." >&2
    exec build/dev/server/bank-server --seed-demo --db "$data_dir/server.db"
fi
echo "Demo users alice and bob: their passwords are in the sign-in dialog (--demo-password PASSWORD sets them)." >&2
exec build/dev/app/bank-app "$@"
