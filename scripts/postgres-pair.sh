#!/usr/bin/env bash
# A PostgreSQL primary with a streaming standby on loopback, to try the bank's failover
# (docs/deployment.md, "Failover"): the tests of tests/failover drive it, and so can a person.
#
#   scripts/postgres-pair.sh start DIR [--async]   primary + standby in the empty or new folder DIR;
#                                                  prints the multi-host URL for bank-server
#   scripts/postgres-pair.sh kill-primary DIR      SIGKILL the primary's postmaster (a crash)
#   scripts/postgres-pair.sh promote DIR           the standby becomes the writable primary
#   scripts/postgres-pair.sh restart-primary DIR   the primary crashes and starts again, no promotion
#   scripts/postgres-pair.sh stop DIR              stops both and removes DIR
#   scripts/postgres-pair.sh run [--async] COMMAND [ARGS...]
#       starts a pair in a temporary folder, exports BANK_TEST_DATABASE_URL (the multi-host URL,
#       database postgres) and BANK_TEST_POSTGRES_PAIR (the folder), runs the command, stops the pair.
#
# The standby is synchronous (synchronous_standby_names): the primary acknowledges a COMMIT only
# once the standby has it. With --async it is not, which loses acknowledged commits on failover:
# for measuring that, never for running a bank.
set -euo pipefail

usage() {
    sed -n '5,14p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
[[ $# -ge 1 ]] || usage
command=$1
shift

source "$(dirname "${BASH_SOURCE[0]}")/postgres-common.sh"
pg_find_or_install postgres-pair
pg_choose_owner

# psql as the owner, against the cluster listening on port $2 of folder $1.
sql() { pg "$1" psql -X -q -A -t -h 127.0.0.1 -p "$2" -U bank -d postgres -c "$3"; }

start_pair() {
    local dir=$1 mode=$2
    mkdir -p "$dir"
    chown "$owner" "$dir"
    # --no-sync: throwaway clusters, for server crashes, not power cuts; saves seconds per pair.
    pg "$dir" initdb --no-sync -D "$dir/primary" -U bank --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; echo "postgres-pair: initdb failed" >&2; return 1; }
    local options="$pg_default_options -c wal_level=replica -c max_wal_senders=4 -c wal_keep_size=256MB"
    [[ $mode == sync ]] && options+=" -c synchronous_standby_names=standby"
    echo "$options" >"$dir/primary.options"
    pg_start_on_free_port "$dir" "$dir/primary" "$dir/primary.log" "$options" \
        || { cat "$dir/primary.log" >&2; echo "postgres-pair: the primary did not start" >&2; return 1; }
    echo "$port" >"$dir/primary.port"
    # -R writes primary_conninfo and standby.signal; the standby names itself by cluster_name,
    # which is what synchronous_standby_names refers to. It gets no synchronous_standby_names of
    # its own, so that once promoted (and alone) it does not wait for a standby that is gone.
    pg "$dir" pg_basebackup -h 127.0.0.1 -p "$port" -U bank -D "$dir/standby" -R -X stream -c fast --no-sync \
        >"$dir/basebackup.log" 2>&1 \
        || { cat "$dir/basebackup.log" >&2; echo "postgres-pair: pg_basebackup failed" >&2; return 1; }
    pg_start_on_free_port "$dir" "$dir/standby" "$dir/standby.log" "$pg_default_options -c cluster_name=standby" \
        || { cat "$dir/standby.log" >&2; echo "postgres-pair: the standby did not start" >&2; return 1; }
    echo "$port" >"$dir/standby.port"
    local expected=async state=
    [[ $mode == sync ]] && expected=sync
    for _ in $(seq 1 300); do
        state=$(sql "$dir" "$(cat "$dir/primary.port")" \
            "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby' AND state = 'streaming'")
        [[ $state == "$expected" ]] && break
        sleep 0.1
    done
    [[ $state == "$expected" ]] || { echo "postgres-pair: the standby is not streaming ($expected)" >&2; return 1; }
    echo "postgresql://bank@127.0.0.1:$(cat "$dir/primary.port"),127.0.0.1:$(cat "$dir/standby.port")/postgres?target_session_attrs=read-write" \
        >"$dir/url"
}

stop_pair() {
    local dir=$1 node
    for node in primary standby; do
        [[ -f "$dir/$node/postmaster.pid" ]] && pg "$dir" pg_ctl -D "$dir/$node" -m immediate -w stop >/dev/null 2>&1
    done
    rm -rf "$dir"
}

postmaster_pid() { head -n 1 "$1/primary/postmaster.pid"; }

case $command in
start)
    [[ $# -ge 1 ]] || usage
    mode=sync
    [[ ${2:-} == --async ]] && mode=async
    start_pair "$1" "$mode" || { stop_pair "$1"; exit 1; }
    cat "$1/url"
    ;;
kill-primary)
    [[ $# -eq 1 ]] || usage
    kill -KILL "$(postmaster_pid "$1")"
    ;;
promote)
    [[ $# -eq 1 ]] || usage
    pg "$1" pg_ctl -D "$1/standby" -w -t 60 promote >/dev/null
    ;;
restart-primary)
    [[ $# -eq 1 ]] || usage
    pid=$(postmaster_pid "$1")
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    # The children a killed postmaster leaves run on until they notice; the shared memory
    # they hold would keep a new postmaster from starting.
    for _ in $(seq 1 100); do
        pg "$1" pg_ctl -D "$1/primary" -l "$1/primary.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$(cat "$1/primary.port") -c unix_socket_directories='$1' $(cat "$1/primary.options")" \
            start >/dev/null 2>&1 && exit 0
        sleep 0.1
    done
    echo "postgres-pair: the primary did not start again" >&2
    exit 1
    ;;
stop)
    [[ $# -eq 1 ]] || usage
    stop_pair "$1"
    ;;
run)
    mode=sync
    if [[ ${1:-} == --async ]]; then
        mode=async
        shift
    fi
    [[ $# -ge 1 ]] || usage
    dir=$(mktemp -d "${TMPDIR:-/tmp}/bank-postgres-pair.XXXXXX")
    trap 'stop_pair "$dir"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_pair "$dir" "$mode"
    export BANK_TEST_DATABASE_URL BANK_TEST_POSTGRES_PAIR="$dir"
    BANK_TEST_DATABASE_URL=$(cat "$dir/url")
    echo "postgres-pair: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') ($mode standby) at $BANK_TEST_DATABASE_URL" >&2
    status=0
    "$@" || status=$?
    exit "$status"
    ;;
*)
    usage
    ;;
esac
