#!/usr/bin/env bash
# Builds the shell and its utilities (shell/src/*.c: sh, ls, cat, echo, mkdir, rm, ps,
# vmstat, poweroff, and init: pid 1 of the interactive system) with Debian's gcc-arm-linux-gnueabi (static glibc, ARMv5TE) into
# OUTDIR (default: shell/bin/). Reproducible: fixed flags, sources compiled by relative
# path, stripped, no build id, no compiler ident.
#   scripts/build-shell.sh [OUTDIR]
set -euo pipefail
export LC_ALL=C SOURCE_DATE_EPOCH=0
pkg="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$pkg/shell/bin}" && cd "${1:-$pkg/shell/bin}" && pwd)"
cc="${ARM_LINUX_GNUEABI_GCC:-arm-linux-gnueabi-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "build-shell.sh: $cc not found (Debian: apt-get install gcc-arm-linux-gnueabi)" >&2
  exit 127
fi
cd "$pkg/shell/src"
cflags=(-static -march=armv5te -marm -O2 -std=gnu11 -Wall -Wextra -Werror -s
  -Wl,--build-id=none -ffile-prefix-map="$pkg/shell/src"=. -fno-ident)
for name in sh ls cat echo mkdir rm ps vmstat poweroff init; do
  "$cc" "${cflags[@]}" -o "$out/$name" "$name.c"
  chmod 755 "$out/$name"
  echo "built shell/bin/$name ($(stat -c %s "$out/$name") bytes)"
done
"$cc" --version | head -1 >"$out/../toolchain.txt"
