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

find_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && echo "$dir"
}

bindir=$(find_bindir || true)
if [[ -z "$bindir" ]]; then
    sudo_cmd=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || { echo "with-postgres: run as root or install sudo" >&2; exit 1; }
        sudo_cmd=(sudo)
    fi
    echo "with-postgres: installing postgresql" >&2
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends postgresql
    bindir=$(find_bindir) || { echo "with-postgres: no initdb/pg_ctl under /usr/lib/postgresql" >&2; exit 1; }
fi

# PostgreSQL refuses to run as root: the cluster belongs to an unprivileged user then.
run_as=()
if [[ $(id -u) -eq 0 ]]; then
    owner=postgres
    getent passwd "$owner" >/dev/null || owner=nobody
    run_as=(runuser -u "$owner" --)
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/bank-postgres.XXXXXX")
if [[ ${#run_as[@]} -gt 0 ]]; then
    chown "$owner" "$workdir"
fi
datadir="$workdir/data"
logfile="$workdir/postgres.log"
started=0

# A PostgreSQL program as the cluster's owner, from a directory that owner can enter.
pg() { (cd "$workdir" && "${run_as[@]}" "$bindir/$1" "${@:2}"); }

cleanup() {
    if [[ $started -eq 1 ]]; then
        pg pg_ctl -D "$datadir" -m fast -w -t 60 stop >/dev/null 2>&1 \
            || pg pg_ctl -D "$datadir" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pg initdb -D "$datadir" -U bank --auth=trust -E UTF8 --locale=C >"$workdir/initdb.log" 2>&1 \
    || { cat "$workdir/initdb.log" >&2; echo "with-postgres: initdb failed" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A free port, chosen at random; another process may take it first, so starting is retried.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" && continue
    if pg pg_ctl -D "$datadir" -l "$logfile" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$workdir' -c fsync=on -c synchronous_commit=on -c max_connections=300 -c shared_buffers=64MB" \
        start >/dev/null 2>&1; then
        started=1
        break
    fi
    # A failed start can leave the postmaster half up; make sure it is gone before retrying.
    pg pg_ctl -D "$datadir" -m immediate -w stop >/dev/null 2>&1 || true
done
if [[ $started -ne 1 ]]; then
    cat "$logfile" >&2 2>/dev/null || true
    echo "with-postgres: could not start PostgreSQL" >&2
    exit 1
fi

export BANK_TEST_DATABASE_URL="postgresql://bank@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $BANK_TEST_DATABASE_URL" >&2

status=0
"$@" || status=$?
exit "$status"
