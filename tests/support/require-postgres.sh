#!/bin/sh
# Runs a test binary against PostgreSQL. ctest's *_postgres tests go through here so that without
# a PostgreSQL server they fail loudly instead of quietly testing SQLite a second time.
if [ -z "${BANK_TEST_DATABASE_URL:-}" ]; then
    echo "BANK_TEST_DATABASE_URL is not set: run ctest inside scripts/with-postgres.sh (scripts/test.sh does)," \
         "or leave the PostgreSQL tests out with: ctest -LE postgres" >&2
    exit 1
fi
exec "$@"
