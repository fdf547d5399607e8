#!/usr/bin/env bash
# Host (x86) instructions of test0 boots, counted by valgrind over every thread of the
# process (so V8's compilation is included): one boot in a fresh process, and each further
# boot in the same process (the difference between 4 boots and 1, divided by 3).
# Independent of machine load, unlike the wall-clock bench.
# usage: bash bench/host-instructions.sh   (needs valgrind and a build: npx lerna run build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v valgrind > /dev/null || { echo "host-instructions: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    node "$here/boot-test0.mjs" "$1" 2>&1 > /dev/null | grep -E 'I[[:space:]]+refs' | tr -d ',' | awk '{print $NF}'
}
one=$(count 1)
four=$(count 4)
echo "test0: first boot in a fresh process $((one / 1000000)) M host instructions; each further boot $(((four - one) / 3000000)) M"
