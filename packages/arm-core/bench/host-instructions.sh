#!/usr/bin/env bash
# Host (x86) instructions per guest instruction of the interpreter on the bench guest,
# counted by valgrind: the difference between runs of 8 M and 18 M guest instructions,
# so that start-up and JIT compilation cancel out. Independent of machine load, unlike the
# wall-clock bench. Compilation is made synchronous so that valgrind's slow threads do not
# keep the loop in V8's baseline tiers.
# usage: bash bench/host-instructions.sh [arm|thumb]   (DIST=path/to/index.js to measure another build)
set -euo pipefail
isa=${1:-arm}
here=$(cd "$(dirname "$0")" && pwd)
command -v valgrind > /dev/null || { echo "host-instructions: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    node --no-concurrent-recompilation --no-concurrent-osr "$here/host-instructions.mjs" "$isa" "$1" 2>&1 > /dev/null |
    grep -E 'I[[:space:]]+refs' | tr -d ',' | awk '{print $NF}'
}
small=$(count 8)
large=$(count 18)
per=$(( (large - small) / 1000000 ))
echo "$isa: $((per / 10)).$((per % 10)) host instructions per guest instruction ($small → $large for 8 M → 18 M guest instructions)"
