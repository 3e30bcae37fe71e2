#!/usr/bin/env bash
# Runs a command as root in a fresh Debian system: a new `debootstrap --variant=minbase` root of
# RELEASE (default: this system's), with copies of the given files, /proc, /dev/pts and /dev/shm
# mounted and services kept from starting (policy-rc.d). Afterwards, whatever the command did,
# it unmounts everything and removes the root; with --out, first copies ROOT_PATH out to
# HOST_DIR. Exits with the command's status. Needs root; debootstrap comes from install-deps.sh.
# Usage: packaging/fresh-root.sh [--release CODENAME] [--copy HOST_PATH]... [--out ROOT_PATH HOST_DIR]
#            -- COMMAND [ARGS...]       (copies land in /build/<name>; the command runs in /build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# shellcheck source=/dev/null
release=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
copies=()
out=()
while [[ $# -gt 0 ]]; do
    case "$1" in
    --release) release=$2; shift 2 ;;
    --copy) copies+=("$(realpath "$2")"); shift 2 ;;
    --out) out=("$2" "$3"); shift 3 ;;
    --) shift; break ;;
    *) echo "fresh-root: unknown argument $1 (usage: see the top of $0)" >&2; exit 2 ;;
    esac
done
[[ $# -gt 0 && -n "$release" ]] || { echo "fresh-root: a COMMAND, and --release when /etc/os-release names none" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "fresh-root: needs root (debootstrap, chroot, mount)" >&2; exit 1; }
command -v debootstrap >/dev/null || "$here/../scripts/install-deps.sh" --with-packaging

root=$(mktemp -d "${TMPDIR:-/var/tmp}/bank-root.XXXXXX")
chmod 755 "$root" # it becomes /, which every user must be able to enter
mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" || umount --lazy "${mounted[i]}"
    done
    # Never remove through a mount that is still there.
    local mounts
    mounts=$(findmnt --list --noheadings --output TARGET)
    if [[ $'\n'$mounts == *$'\n'$root/* ]]; then
        echo "fresh-root: something is still mounted under $root; not removing it" >&2
    else
        rm -rf --one-file-system "$root"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

seconds() { echo $((SECONDS - $1)); }
started=$SECONDS
debootstrap --variant=minbase "$release" "$root" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$root.log" 2>&1 \
    || { tail -n 20 "$root.log" >&2; rm -f "$root.log"; echo "fresh-root: debootstrap $release failed" >&2; exit 1; }
rm -f "$root.log"
echo "fresh-root: made a minbase $release root in $(seconds "$started") s" >&2

printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
mkdir -p "$root/build"
for path in "${copies[@]}"; do
    cp -a "$path" "$root/build/"
done
mount -t proc proc "$root/proc"
mounted+=("$root/proc")
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
mounted+=("$root/dev/pts")
mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
mounted+=("$root/dev/shm")

started=$SECONDS
status=0
chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 TERM="${TERM:-dumb}" sh -c 'cd /build && exec "$@"' sh "$@" || status=$?
echo "fresh-root: the command ran $(seconds "$started") s in the $release root, exit status $status" >&2
if [[ $status -eq 0 && ${#out[@]} -eq 2 ]]; then
    mkdir -p "${out[1]}"
    cp -a "$root/${out[0]#/}/." "${out[1]}/"
fi
exit "$status"
