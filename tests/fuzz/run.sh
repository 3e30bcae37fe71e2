#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, AddressSanitizer and UndefinedBehaviorSanitizer in their
# own build directory and runs each for SECONDS (default 60), starting from tests/fuzz/corpus.
# A crash stops the run with the input saved as build/fuzz/artifacts/<target>-crash-*; copy it to
# tests/fuzz/regressions/<target>/ so that the suite replays it from then on.
# Usage: tests/fuzz/run.sh [SECONDS]      FUZZ_BUILD_DIR overrides build/fuzz.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-60}"
build_dir="${FUZZ_BUILD_DIR:-build/fuzz}"
targets=(httpparser jsondecoders canonicaljson keyheader)

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DBANK_FUZZ=ON -DBANK_BUILD_APP=OFF \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build "$build_dir" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

mkdir -p "$build_dir/artifacts"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# Each target runs on its own core, as many at once as there are cores.
fuzz() {
    local target=$1 corpus="$build_dir/corpus/$1" # grows run after run; the seeds stay untouched
    mkdir -p "$corpus"
    local inputs=("$corpus" "tests/fuzz/corpus/$target")
    [[ -d "tests/fuzz/regressions/$target" ]] && inputs+=("tests/fuzz/regressions/$target")
    local log="$build_dir/fuzz-$target.log" status=0
    "$build_dir/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
        -print_final_stats=1 -artifact_prefix="$build_dir/artifacts/$target-" "${inputs[@]}" >"$log" 2>&1 || status=$?
    {
        echo "fuzz: $target ran ${seconds}s"
        grep -E "^stat::(number_of_executed_units|new_units_added)|^SUMMARY|fuzz check failed|^==[0-9]+==ERROR" "$log" || true
        if [[ $status -ne 0 ]]; then
            tail -n 40 "$log"
            echo "fuzz: $target FAILED (exit $status); the input is in $build_dir/artifacts/"
        fi
    } >&2
    return "$status"
}
failed=0
running=0
for target in "${targets[@]}"; do
    if [[ $running -ge $(nproc) ]]; then
        wait -n || failed=1
        running=$((running - 1))
    fi
    fuzz "$target" &
    running=$((running + 1))
done
while [[ $running -gt 0 ]]; do
    wait -n || failed=1
    running=$((running - 1))
done
[[ $failed -eq 0 ]] || exit 1
echo "fuzz: all targets ran ${seconds}s each without a finding" >&2
