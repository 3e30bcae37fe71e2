#!/usr/bin/env bash
# Source checks CI runs before building: every project include names its file by its path from the
# repository root, and that path means exactly one file (not also one beside the including
# file); and every C++ file is formatted as .clang-format says. Prints each violation.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --with-checks

failures=0
mapfile -t sources < <(git ls-files '*.h' '*.cpp')
for file in "${sources[@]}"; do
    here=$(dirname "$file")
    while IFS= read -r include; do
        case "$include" in
        *.moc) continue ;; # made by moc in the build folder
        esac
        if [[ "$include" != */* || ! -f "$include" ]]; then
            echo "$file: #include \"$include\" does not name a file by its path from the repository root"
            failures=$((failures + 1))
        elif [[ "$here" != . && -e "$here/$include" ]]; then
            echo "$file: #include \"$include\" also names $here/$include"
            failures=$((failures + 1))
        fi
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$file")
done

if ! clang-format --dry-run -Werror "${sources[@]}"; then
    echo "formatting differs from .clang-format: run  clang-format -i \$(git ls-files '*.h' '*.cpp')"
    failures=$((failures + 1))
fi

if ((failures > 0)); then
    echo "check-sources: $failures problem(s)"
    exit 1
fi
echo "check-sources: includes and formatting are fine (${#sources[@]} files)"
