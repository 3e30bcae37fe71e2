#!/bin/sh
# The options PROGRAM --help lists and those its man page describes (the tags of the .TP
# paragraphs in its OPTIONS section) must be the same: a test (ctest -R tst_manpage).
# Usage: check-man-options.sh PROGRAM MANPAGE
set -eu
program=$1
manpage=$2

# Option tokens (-h, --db) of a line of names such as "-h, --help" or "--db <FILE>".
option_tokens() { sed -E 's/<[^>]*>//g' | grep -oE -- '(^|[ ,"])--?[A-Za-z][A-Za-z0-9-]*' | tr -d ' ,"' | sort -u; }

# QCommandLineParser indents each option's names by two spaces; description lines are indented further.
"$program" --help >/dev/null
from_help=$("$program" --help | sed -nE 's/^  (-([^ ]| [^ ])*).*/\1/p' | option_tokens)
from_man=$(awk '/^\.SH/ { options = ($2 == "OPTIONS") } options && tag { print; tag = 0 } /^\.TP/ { tag = 1 }' "$manpage" |
    sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/^\.[A-Z]* //' | option_tokens)

if [ "$from_help" != "$from_man" ]; then
    echo "$program --help and $manpage list different options:" >&2
    help_file=$(mktemp)
    printf '%s\n' "$from_help" >"$help_file"
    printf '%s\n' "$from_man" | diff -u --label "--help" --label "$manpage" "$help_file" - >&2 || true
    rm -f "$help_file"
    exit 1
fi
echo "$program: $(echo "$from_help" | wc -l) options, the same in --help and $manpage"
