#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing, builds with warnings as
# errors (the ci preset) and runs every test with ctest, beside a throwaway PostgreSQL cluster
# (scripts/with-postgres.sh) for the *_postgres tests. SQLite only: pass -LE postgres.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --with-tests
cmake --preset ci
cmake --build --preset ci -j "$(nproc)"
export QT_QPA_PLATFORM=offscreen
scripts/with-postgres.sh ctest --preset ci -j "$(nproc)" "$@"
