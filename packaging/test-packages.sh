#!/usr/bin/env bash
# Installs the .deb packages into a fresh minbase Debian root of RELEASE (default: this system's),
# runs them and purges them there (packaging/check-installed.sh says what is checked), and
# removes the root. Needs root.
# Usage: packaging/test-packages.sh [--release CODENAME] PACKAGE.deb...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

release=()
if [[ ${1:-} == --release ]]; then
    release=(--release "$2")
    shift 2
fi
[[ $# -gt 0 ]] || { echo "usage: $0 [--release CODENAME] PACKAGE.deb..." >&2; exit 2; }
version=$(dpkg-deb --field "$1" Version)
copies=(--copy "$here/check-installed.sh")
names=()
for package in "$@"; do
    copies+=(--copy "$package")
    names+=("./$(basename "$package")")
done
"$here/fresh-root.sh" "${release[@]}" "${copies[@]}" -- ./check-installed.sh "$version" "${names[@]}"
