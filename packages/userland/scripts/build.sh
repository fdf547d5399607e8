#!/usr/bin/env bash
# Builds every bare-metal image listed in scripts/images.list into OUTDIR (default: images/).
# Reproducible: fixed flags, sources compiled by relative path from baremetal/, no debug
# info, no build id, no .comment section, fixed link order.
#   scripts/build.sh [OUTDIR]
set -euo pipefail
export LC_ALL=C
pkg="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$pkg/images}" && cd "${1:-$pkg/images}" && pwd)"
cc="${ARM_NONE_EABI_GCC:-arm-none-eabi-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "build.sh: $cc not found (Debian: apt-get install gcc-arm-none-eabi)" >&2
  exit 127
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$pkg/baremetal"
cflags=(-mcpu=arm926ej-s -O2 -std=c11 -ffreestanding -fno-builtin -nostdlib -fno-common
  -ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables -fno-unwind-tables
  -Wall -Wextra -Werror -ffile-prefix-map="$pkg/baremetal"=. -Ilib)
libsrc=(lib/start.S lib/console.c lib/semihost.c lib/checksum.c)
ldflags=(-nostdlib -T lib/link.ld -Wl,--build-id=none -Wl,--gc-sections -Wl,--no-warn-rwx-segments)

objcopy="${ARM_NONE_EABI_OBJCOPY:-arm-none-eabi-objcopy}"
while IFS='|' read -r name srcs extra _qemu format; do
  name="$(echo "$name" | xargs)"
  [[ -z "$name" || "$name" == \#* ]] && continue
  read -r -a srcarr <<<"$srcs"
  read -r -a extraarr <<<"$extra"
  objs=()
  for src in "${libsrc[@]}" "${srcarr[@]}"; do
    obj="$tmp/$name/${src//\//_}.o"
    mkdir -p "$tmp/$name"
    lang=(-marm)
    [[ "$src" == lib/* ]] || lang=("${extraarr[@]}")
    "$cc" "${cflags[@]}" "${lang[@]}" -c "$src" -o "$obj"
    objs+=("$obj")
  done
  "$cc" "${cflags[@]}" "${ldflags[@]}" -o "$out/$name.elf" "${objs[@]}" -lgcc
  chmod 644 "$out/$name.elf"
  echo "built images/$name.elf ($(stat -c %s "$out/$name.elf") bytes)"
  if [[ "$(echo "${format:-elf}" | xargs)" == raw ]]; then
    "$objcopy" -O binary "$out/$name.elf" "$out/$name.bin"
    chmod 644 "$out/$name.bin"
    echo "built images/$name.bin ($(stat -c %s "$out/$name.bin") bytes)"
  fi
done <"$pkg/scripts/images.list"
