#!/bin/sh
# build-example.sh BUILD_DIR EXAMPLE_DIR WORK_DIR [CMAKE_OPTION...]: installs the test kit of
# BUILD_DIR into WORK_DIR/prefix, configures EXAMPLE_DIR in WORK_DIR/build against that prefix alone
# (with the options given: generator, compiler, flags), builds it and runs its tests. WORK_DIR
# starts empty; it stays in the build tree, where ccache finds the same paths again.
set -eu
build=$1 example=$2 work=$3
shift 3
cmake=${CMAKE:-cmake} ctest=${CTEST:-ctest}
rm -rf "$work"
"$cmake" --install "$build" --prefix "$work/prefix" --component testkit
"$cmake" -S "$example" -B "$work/build" "$@" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
"$cmake" --build "$work/build" -j2
"$ctest" --test-dir "$work/build" --output-on-failure
