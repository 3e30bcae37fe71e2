#!/usr/bin/env bash
# Makes the two .deb packages from a built tree (default build/ci) into BUILD_DIR/packages and
# checks them and the files they ship: lintian (no errors), appstreamcli validate,
# desktop-file-validate. packaging/test-packages.sh then installs and runs them.
# Usage: packaging/build-packages.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${1:-build/ci}
out=$build_dir/packages
scripts/install-deps.sh --with-packaging
rm -rf "$out"
cpack --config "$build_dir/CPackConfig.cmake" -B "$out" -G DEB
rm -rf "$out/_CPack_Packages"

appstreamcli validate --no-net resources/*.metainfo.xml
desktop-file-validate resources/bank-app.desktop
# Errors fail; the warnings and infos are listed (packaging/README.md says which stay, and why).
lintian --fail-on error --display-info "$out"/*.deb
ls -l "$out"/*.deb
