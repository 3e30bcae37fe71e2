#!/usr/bin/env bash
# CI on a fresh Debian 13 (trixie), as root:
#  1. the README's test command, scripts/test.sh, exactly as written, in a new minbase trixie
#     root (debootstrap) holding a clean copy of this checkout: it installs what it needs, builds
#     with the ci preset and runs the whole suite, PostgreSQL 17 included; then
#     packaging/build-packages.sh makes the .deb packages there and checks them with lintian;
#  2. packaging/test-packages.sh installs, runs and purges those packages in another fresh trixie
#     root.
# Each root is unmounted and removed afterwards (packaging/fresh-root.sh). The sanitizers and
# fuzzing stay on the host (.ci/sanitizers.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
scripts/install-deps.sh --with-packaging
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The checkout as committed, with uncommitted changes to tracked files; no build trees.
tree=$(git stash create)
mkdir "$work/exactly-once-bank"
git archive "${tree:-HEAD}" | tar -x -C "$work/exactly-once-bank"

packaging/fresh-root.sh --release trixie --copy "$work/exactly-once-bank" \
    --out /build/exactly-once-bank/build/ci/packages "$work/packages" \
    -- sh -c 'cd exactly-once-bank && scripts/test.sh && packaging/build-packages.sh'
packaging/test-packages.sh --release trixie "$work"/packages/*.deb
echo "debian13: passed in $((SECONDS - started)) s" >&2
