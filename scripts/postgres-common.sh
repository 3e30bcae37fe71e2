# Shared by scripts/with-postgres.sh and scripts/postgres-pair.sh (sourced, not run): finds or
# installs PostgreSQL's programs, runs them as an unprivileged owner when called as root, and
# starts a cluster on a free loopback port.

# Sets `bindir` to the newest /usr/lib/postgresql/*/bin, installing PostgreSQL if there is none.
pg_find_or_install() {
    local name=$1
    pg_newest_bindir() {
        local dir
        dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
        [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]] && echo "$dir"
    }
    bindir=$(pg_newest_bindir || true)
    [[ -n "$bindir" ]] && return 0
    local sudo_cmd=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || { echo "$name: run as root or install sudo" >&2; exit 1; }
        sudo_cmd=(sudo)
    fi
    echo "$name: installing postgresql" >&2
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends postgresql
    bindir=$(pg_newest_bindir) || { echo "$name: no initdb/pg_ctl under /usr/lib/postgresql" >&2; exit 1; }
}

# PostgreSQL refuses to run as root: the cluster belongs to an unprivileged user then. Sets
# `run_as` (a command prefix) and `owner`.
pg_choose_owner() {
    run_as=()
    owner=$(id -un)
    if [[ $(id -u) -eq 0 ]]; then
        owner=postgres
        getent passwd "$owner" >/dev/null || owner=nobody
        run_as=(runuser -u "$owner" --)
    fi
}

# A PostgreSQL program as the cluster's owner, from a directory that owner can enter: pg DIR PROGRAM ARGS...
pg() { (cd "$1" && "${run_as[@]}" "$bindir/$2" "${@:3}"); }

pg_port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pg_start_on_free_port WORKDIR DATADIR LOGFILE "SERVER OPTIONS": starts the cluster on a free
# port chosen at random (another process may take it first, so starting is retried) and sets
# `port`. Listens on 127.0.0.1 only, with its socket in WORKDIR. Returns 1 if it cannot start.
pg_start_on_free_port() {
    local workdir=$1 datadir=$2 logfile=$3 options=$4 attempt
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        port=$((20000 + RANDOM % 40000))
        pg_port_in_use "$port" && continue
        if pg "$workdir" pg_ctl -D "$datadir" -l "$logfile" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$workdir' $options" \
            start >/dev/null 2>&1; then
            return 0
        fi
        # A failed start can leave the postmaster half up; make sure it is gone before retrying.
        pg "$workdir" pg_ctl -D "$datadir" -m immediate -w stop >/dev/null 2>&1 || true
    done
    return 1
}

# What every test cluster runs with: durable commits, room for several bank-server instances.
pg_default_options="-c fsync=on -c synchronous_commit=on -c max_connections=300 -c shared_buffers=64MB"
