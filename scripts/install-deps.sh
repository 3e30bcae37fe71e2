#!/usr/bin/env bash
# Installs the Debian packages the project needs, only those that are missing, and says which and
# why. Supported and tested: Debian 12 (bookworm) and Debian 13 (trixie). Release-specific
# packages are asked for by their Debian metapackage where one exists (clang, libclang-rt-dev, lld), so
# a new LLVM needs no edit here; where a release moved something, the release picks the name.
# Usage: scripts/install-deps.sh [--with-tests] [--with-checks] [--with-packaging]
#   --with-tests      also what the test suite needs (scripts/test.sh)
#   --with-checks     also what CI's other checks need: clang for the fuzzing of .ci/sanitizers.sh,
#                     clang-format for scripts/check-sources.sh
#   --with-packaging  also what building and checking the .deb packages needs (packaging/)
set -euo pipefail

# What each package is for, so the message says why it is installed (or why a failure matters).
declare -A purpose=(
    [build-essential]="compiler" [cmake]="build" [ninja-build]="build" [pkg-config]="build"
    [qt6-base-dev]="Qt Core, Network, Sql, Widgets" [qt6-base-dev-tools]="Qt moc and rcc"
    [libqt6sql6-sqlite]="SQLite driver" [libsqlite3-dev]="the server's SQLite statements and bank-bench's raw single-commit limit (sqlite3 C API)" [libqt6sql6-psql]="PostgreSQL driver" [libgl-dev]="Qt Gui headers"
    [qt6-svg-dev]="Qt Svg: the timeline's SVG export" [libqt6svg6]="the SVG icon" [qt6-svg-plugins]="the SVG icon" [qt6-gtk-platformtheme]="native dialogs on GNOME"
    [qt6-tools-dev]="qt_add_translations: the app's translations" [qt6-l10n-tools]="lupdate and lrelease"
    [qt6-translations-l10n]="Qt's own translations, for the standard dialogs in German"
    [postgresql]="the *_postgres tests" [fonts-dejavu-core]="screenshot tests"
    [openssl]="tests/app/tst_remotetls makes its certificate authorities with it"
    [locales]="tests/app/tst_locales runs under en_US.UTF-8 and de_DE.UTF-8"
    [clang]="libFuzzer targets (tests/fuzz/run.sh)" [libclang-rt-dev]="the libFuzzer and sanitizer runtimes for clang"
    [clang-format]="scripts/check-sources.sh (formatting)" [lld]="the linker of the ci and asan presets (links about 3x faster)"
    [debootstrap]="clean Debian roots for .ci/debian13.sh and packaging/test-packages.sh" [lintian]="checking the .deb packages"
    [appstream]="appstreamcli validate" [desktop-file-utils]="desktop-file-validate"
    [systemd]="systemd-analyze verify of the unit"
    [xvfb]="the AT-SPI tests (tests/accessibility): an X server of their own"
    [at-spi2-core]="the AT-SPI tests: the accessibility bus" [dbus-daemon]="the AT-SPI tests: a D-Bus session of their own"
    [dbus-bin]="the AT-SPI tests: dbus-send" [python3-pyatspi]="the AT-SPI tests and examples/atspi: the robot's side"
)
# shellcheck source=/dev/null
release=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-}")
release=${release:-this system (no /etc/os-release)}
# Debian 13 moved Qt's SVG icon plugin out of libqt6svg6 into qt6-svg-plugins.
svg_plugin=qt6-svg-plugins
# shellcheck source=/dev/null
case $(. /etc/os-release 2>/dev/null && echo "${ID:-}-${VERSION_ID:-}") in
debian-12) svg_plugin=libqt6svg6 ;;
debian-13) ;;
*) echo "install-deps: $release is not a tested system (tested: Debian 12 and 13); trying Debian 13's package names" >&2 ;;
esac

locales_wanted=() # made with locale-gen; C.UTF-8 is always there
packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libsqlite3-dev libqt6sql6-psql libgl-dev qt6-svg-dev "$svg_plugin" qt6-gtk-platformtheme
    qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
)
for argument in "$@"; do
    case "$argument" in
    --with-tests)
        packages+=(postgresql fonts-dejavu-core openssl locales lld xvfb at-spi2-core dbus-daemon dbus-bin python3-pyatspi)
        locales_wanted=(en_US de_DE)
        ;;
    --with-checks) packages+=(clang libclang-rt-dev clang-format) ;;
    --with-packaging) packages+=(debootstrap lintian appstream desktop-file-utils systemd) ;;
    *) echo "usage: $0 [--with-tests] [--with-checks] [--with-packaging]" >&2; exit 2 ;;
    esac
done

missing=()
for package in "${packages[@]}"; do
    if [[ $(dpkg-query -W -f='${Status}' "$package" 2>/dev/null) != "install ok installed" ]]; then
        missing+=("$package")
    fi
done
missing_locales=()
for wanted in "${locales_wanted[@]}"; do
    locale -a 2>/dev/null | grep -qx "$wanted.utf8" || missing_locales+=("$wanted")
done
[[ ${#missing[@]} -eq 0 && ${#missing_locales[@]} -eq 0 ]] && exit 0

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: ${missing[*]} ${missing_locales[*]} missing; run as root or install sudo" >&2; exit 1; }
    sudo_cmd=(sudo)
fi
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "install-deps: installing on $release:" >&2
    for package in "${missing[@]}"; do
        echo "  $package (${purpose[$package]})" >&2
    done
    "${sudo_cmd[@]}" apt-get update -qq || { echo "install-deps: apt-get update failed: check the network and /etc/apt/sources.list*" >&2; exit 1; }
    unavailable=()
    for package in "${missing[@]}"; do
        [[ $(apt-cache policy "$package" 2>/dev/null) == *"Candidate: "[!\(]* ]] || unavailable+=("$package")
    done
    if [[ ${#unavailable[@]} -gt 0 ]]; then
        echo "install-deps: $release has no installable package named: ${unavailable[*]} (is the 'main' component in /etc/apt/sources.list*?)" >&2
        exit 1
    fi
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        || { echo "install-deps: apt-get install failed for: ${missing[*]} (see apt's message above)" >&2; exit 1; }
fi

# The locales tests/app/tst_locales runs under, besides C.UTF-8: uncommented in /etc/locale.gen
# (from the locales package) and made.
for wanted in "${missing_locales[@]}"; do
    echo "install-deps: making the locale $wanted.UTF-8 (tests/app/tst_locales)" >&2
    "${sudo_cmd[@]}" sed -i "s/^# *\($wanted.UTF-8 UTF-8\)/\1/" /etc/locale.gen
    "${sudo_cmd[@]}" locale-gen >/dev/null
    locale -a | grep -qx "$wanted.utf8" \
        || { echo "install-deps: locale-gen did not make $wanted.UTF-8 (is it in /etc/locale.gen?)" >&2; exit 1; }
done
