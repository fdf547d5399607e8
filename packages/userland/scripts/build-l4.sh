#!/usr/bin/env bash
# Builds the L4 programs listed in scripts/l4-images.list (libl4 + the program) into OUTDIR
# (default: l4/images/). Reproducible like build.sh: fixed flags, sources compiled by
# relative path from l4/, no debug info, no build id, no .comment, fixed link order.
#   scripts/build-l4.sh [OUTDIR]
set -euo pipefail
export LC_ALL=C
pkg="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$pkg/l4/images}" && cd "${1:-$pkg/l4/images}" && pwd)"
cc="${ARM_NONE_EABI_GCC:-arm-none-eabi-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "build-l4.sh: $cc not found (Debian: apt-get install gcc-arm-none-eabi)" >&2
  exit 127
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$pkg/l4"
cflags=(-mcpu=arm926ej-s -marm -O2 -std=c11 -ffreestanding -fno-builtin -nostdlib -fno-common
  -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables -fno-unwind-tables
  -fno-tree-loop-distribute-patterns -Wall -Wextra -Werror
  -ffile-prefix-map="$pkg/l4"=. -Iinclude)
libsrc=(lib/crt0.S lib/syscalls.S lib/init.c lib/memory.c lib/console.c lib/printf.c lib/string.c
  lib/ipc.c lib/exregs.c lib/mutex.c lib/thread.c)
ldflags=(-nostdlib -T link.ld -Wl,--build-id=none -Wl,--gc-sections -Wl,-z,max-page-size=4096
  -Wl,--no-warn-rwx-segments)
while IFS='|' read -r name srcs extra; do
  name="$(echo "$name" | xargs)"
  [[ -z "$name" || "$name" == \#* ]] && continue
  read -r -a srcarr <<<"$srcs"
  read -r -a extraarr <<<"${extra:-}"
  objs=()
  mkdir -p "$tmp/$name"
  for src in "${libsrc[@]}" "${srcarr[@]}"; do
    obj="$tmp/$name/${src//\//_}.o"
    "$cc" "${cflags[@]}" ${extraarr[@]+"${extraarr[@]}"} -c "$src" -o "$obj"
    objs+=("$obj")
  done
  "$cc" "${cflags[@]}" "${ldflags[@]}" -o "$out/$name.elf" "${objs[@]}" -lgcc
  chmod 644 "$out/$name.elf"
  echo "built l4/images/$name.elf ($(stat -c %s "$out/$name.elf") bytes)"
done <"$pkg/scripts/l4-images.list"
