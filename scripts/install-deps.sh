#!/usr/bin/env bash
# Installs the Debian 12 packages the project needs, only those that are missing.
# Usage: scripts/install-deps.sh [--with-tests]
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql libgl-dev libqt6svg6 qt6-gtk-platformtheme
    qt6-tools-dev qt6-l10n-tools # qt_add_translations, lupdate and lrelease: the app's translations
    qt6-translations-l10n        # Qt's own translations, for the standard dialogs in German
)
test_packages=(
    qt6-qpa-plugins postgresql fonts-dejavu-core
    openssl # tests/app/tst_remotetls makes its certificate authorities with it
    locales # tests/app/tst_locales runs under en_US.UTF-8 and de_DE.UTF-8 (made below)
    clang libclang-rt-14-dev # .ci/sanitizers.sh: libFuzzer (tests/fuzz/run.sh)
)
if [[ "${1:-}" == "--with-tests" ]]; then
    packages+=("${test_packages[@]}")
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
    sudo_cmd=(sudo)
fi
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "install-deps: installing ${missing[*]}" >&2
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The locales the desktop tests run under, besides C.UTF-8.
if [[ "${1:-}" == "--with-tests" ]]; then
    for wanted in en_US de_DE; do
        if ! locale -a | grep -qx "${wanted}.utf8"; then
            "${sudo_cmd[@]}" sed -i "s/^# *\(${wanted}.UTF-8 UTF-8\)/\1/" /etc/locale.gen
            "${sudo_cmd[@]}" locale-gen >/dev/null
        fi
    done
fi
