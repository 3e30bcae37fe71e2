#!/usr/bin/env bash
# Runs on a clean Debian system (test-packages.sh runs it in a fresh chroot), as root: installs the
# packages with apt-get, checks that they work, and purges them.
#  - apt-get install --no-install-recommends ./*.deb: the Depends are complete
#  - the Qt plugins the app and the server load at run time are there
#  - bank-app --version, and bank-app with its integrated bank up to an interactive window
#  - systemd-analyze verify of the unit
#  - bank-server started as the unit starts it: its user, its state directory, the ExecStart line
#    with the unit's Environment= and /etc/default's settings; GET /healthz, one transfer, SIGTERM
#  - apt-get purge: no file of the packages, no state, no enabled unit left behind
# Usage: check-installed.sh VERSION PACKAGE.deb...
set -euo pipefail

version=$1
shift
export DEBIAN_FRONTEND=noninteractive
unit=/usr/lib/systemd/system/exactly-once-bank-server.service
defaults=/etc/default/exactly-once-bank-server
step() { echo "== check-installed: $*" >&2; }
fail() { echo "check-installed: FAILED: $*" >&2; exit 1; }

step "apt-get install --no-install-recommends $*"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "$@" >/dev/null
dpkg-query -W exactly-once-bank exactly-once-bank-server

step "Qt plugins loaded at run time"
plugins=$(find /usr/lib -maxdepth 3 -type d -path '*/qt6/plugins' | head -n 1)
for plugin in sqldrivers/libqsqlite.so iconengines/libqsvgicon.so platforms/libqxcb.so; do
    [[ -f "$plugins/$plugin" ]] || fail "$plugins/$plugin is missing: a Depends of the packages is missing"
done

step "bank-app"
export QT_QPA_PLATFORM=offscreen # the root has no display
[[ $(bank-app --version) == "bank-app $version" ]] || fail "bank-app --version says '$(bank-app --version)'"
app_home=$(mktemp -d)
HOME=$app_home XDG_RUNTIME_DIR=$app_home timeout 120 bank-app --measure-startup >/dev/null \
    || fail "bank-app did not reach its window with the integrated bank"
rm -rf "$app_home"
unset QT_QPA_PLATFORM

step "tools for the checks: systemd, man-db, curl"
apt-get install -y -qq --no-install-recommends systemd man-db curl >/dev/null
systemd-analyze verify "$unit"

step "bank-server as $unit starts it"
user=$(sed -n 's/^User=//p' "$unit")
state=/var/lib/$(sed -n 's/^StateDirectory=//p' "$unit")
getent passwd "$user" >/dev/null || fail "no system user $user"
# What an administrator does: a free port on loopback (the chroot shares the host's network) and
# the demo users, for the transfer below.
sed -i -e 's/^BANK_LISTEN=.*/BANK_LISTEN=127.0.0.1:0/' -e 's/^BANK_SERVER_OPTS=.*/BANK_SERVER_OPTS="--seed-demo"/' "$defaults"
# systemd makes the StateDirectory, owned by User= with StateDirectoryMode=.
install -d -m "$(sed -n 's/^StateDirectoryMode=//p' "$unit")" -o "$user" -g "$user" "$state"
log=$(mktemp)
(
    set -a
    eval "$(sed -n 's/^Environment=//p' "$unit")"
    # shellcheck source=/dev/null
    . "$(sed -n 's/^EnvironmentFile=-\{0,1\}//p' "$unit")"
    set +a
    eval "set -- $(sed -n 's/^ExecStart=//p' "$unit")"
    cd "$(sed -n 's/^WorkingDirectory=//p' "$unit")"
    umask "$(sed -n 's/^UMask=//p' "$unit")"
    exec setpriv --reuid="$user" --regid="$user" --init-groups --no-new-privs \
        env -i PATH=/usr/bin:/bin HOME="$state" USER="$user" LOGNAME="$user" "$@"
) >"$log" 2>&1 &
server=$!
for _ in $(seq 100); do
    grep -q '^listening on ' "$log" && break
    kill -0 "$server" 2>/dev/null || { cat "$log" >&2; fail "bank-server exited"; }
    sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$log")
[[ -n "$url" ]] || { cat "$log" >&2; fail "bank-server did not say where it listens"; }
[[ $(stat -c '%U %a' "$state/bank.db") == "$user 600" ]] || fail "$state/bank.db: $(stat -c '%U %a' "$state/bank.db")"

curl -sf "$url/healthz" >/dev/null || fail "GET /healthz"
field() { sed -nE "s/.*\"$1\": *\"([^\"]*)\".*/\1/p"; }
token=$(curl -sf -X POST "$url/v1/sessions" -H 'Content-Type: application/json' \
    -d '{"username":"alice","password":"wonderland"}' | field token)
auth="Authorization: Bearer $token"
from=$(curl -sf "$url/v1/accounts" -H "$auth" | grep -oE '\{[^{}]*"Alice Checking"[^{}]*\}' | field id)
to=$(curl -sf "$url/v1/payees" -H "$auth" | grep -oE '\{[^{}]*"Bob Checking"[^{}]*\}' | field id)
key=$(curl -sf -X POST "$url/v1/idempotency-keys" -H "$auth" -H 'Content-Type: application/json' \
    -d '{"operation":"transfer"}' | field key)
transfer() {
    curl -s -o /dev/null -w '%{http_code}' -X POST "$url/v1/transfers" -H "$auth" -H 'Content-Type: application/json' \
        -H "Idempotency-Key: $key" -d "{\"from_account\":\"$from\",\"to_account\":\"$to\",\"amount\":1250,\"currency\":\"USD\"}"
}
[[ $(transfer) == 201 ]] || fail "POST /v1/transfers (from '$from' to '$to' with key '$key')"
[[ $(transfer) == 201 ]] || fail "the retry of POST /v1/transfers"
[[ $(curl -sf "$url/v1/accounts" -H "$auth" | grep -oE '\{[^{}]*"Alice Checking"[^{}]*\}') == *'"balance":98750'* ]] \
    || fail "the transfer and its retry did not debit Alice Checking exactly once"
kill -TERM "$server"
status=0
wait "$server" || status=$?
[[ $status -eq 0 ]] || { cat "$log" >&2; fail "bank-server exited with $status after SIGTERM"; }
rm -f "$log"

step "apt-get purge"
files=$(dpkg -L exactly-once-bank exactly-once-bank-server | while read -r path; do [[ -f $path ]] && echo "$path"; done)
apt-get purge -y -qq exactly-once-bank exactly-once-bank-server >/dev/null
left=$(dpkg-query -W -f='${db:Status-Status} ${Package}\n' exactly-once-bank exactly-once-bank-server 2>/dev/null | grep -v '^not-installed' || true)
[[ -z "$left" ]] || fail "still known to dpkg: $left"
for path in $files "$state" "$defaults"; do
    [[ ! -e "$path" ]] || fail "$path is still there after purge"
done
if find /etc/systemd -name 'exactly-once-bank-server*' | grep .; then
    fail "the unit is still enabled after purge"
fi
step "all checks passed"
