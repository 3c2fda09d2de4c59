#!/bin/sh
# Puts a benchmark's section into docs/performance.md: the file SECTION, which begins with
# <!-- NAME:begin --> and ends with <!-- NAME:end -->, replaces the part between those markers,
# or is appended when the document has none yet. Other sections belong to other benchmarks.
#
# usage: bench/doc_section.sh NAME SECTION
set -eu
name=$1
section=$2
doc=$(cd "$(dirname "$0")/.." && pwd)/docs/performance.md
if [ ! -f "$doc" ]; then
    printf '# Performance\n\n' >"$doc"
fi
if grep -q "<!-- $name:begin -->" "$doc"; then
    awk -v section="$section" -v begin="<!-- $name:begin -->" -v end="<!-- $name:end -->" '
        $0 == begin { while ((getline line < section) > 0) print line; skip = 1; next }
        $0 == end { skip = 0; next }
        !skip { print }' "$doc" >"$doc.tmp"
else
    { cat "$doc"; echo; cat "$section"; } >"$doc.tmp"
fi
mv "$doc.tmp" "$doc"
echo "written to docs/performance.md"
