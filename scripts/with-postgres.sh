#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: installs PostgreSQL from the Debian
# packages if it is missing, creates a cluster in a temporary directory (initdb + pg_ctl, as a
# non-root user when run as root), listening only on 127.0.0.1 on a free port, exports
# BANK_TEST_DATABASE_URL=postgresql://bank@127.0.0.1:PORT/postgres, runs the command, then always
# stops the cluster and removes the directory. Exits with the command's exit code.
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

source "$(dirname "${BASH_SOURCE[0]}")/postgres-common.sh"
pg_find_or_install with-postgres
pg_choose_owner

workdir=$(mktemp -d "${TMPDIR:-/tmp}/bank-postgres.XXXXXX")
chown "$owner" "$workdir"
datadir="$workdir/data"
logfile="$workdir/postgres.log"
started=0

cleanup() {
    if [[ $started -eq 1 ]]; then
        pg "$workdir" pg_ctl -D "$datadir" -m fast -w -t 60 stop >/dev/null 2>&1 \
            || pg "$workdir" pg_ctl -D "$datadir" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg "$workdir" initdb -D "$datadir" -U bank --auth=trust -E UTF8 --locale=C >"$workdir/initdb.log" 2>&1 \
    || { cat "$workdir/initdb.log" >&2; echo "with-postgres: initdb failed" >&2; exit 1; }

if pg_start_on_free_port "$workdir" "$datadir" "$logfile" "$pg_default_options"; then
    started=1
else
    cat "$logfile" >&2 2>/dev/null || true
    echo "with-postgres: could not start PostgreSQL" >&2
    exit 1
fi

export BANK_TEST_DATABASE_URL="postgresql://bank@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $BANK_TEST_DATABASE_URL" >&2

status=0
"$@" || status=$?
exit "$status"
