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
# One test more than there are cores: most of them wait on timers and sockets more than they
# compute (the suite keeps 2 cores about half busy at -j2).
scripts/with-postgres.sh ctest --preset ci -j "$(($(nproc) + 1))" "$@"
