#!/usr/bin/env bash
# Builds the Linux-ABI programs of scripts/linux-programs.list with Debian's
# gcc-arm-linux-gnueabi (static glibc, ARMv5TE) into OUTDIR (default: linux/bin/).
# Reproducible: fixed flags, sources compiled by relative path, stripped, no build id.
#   scripts/build-linux.sh [OUTDIR]
set -euo pipefail
export LC_ALL=C SOURCE_DATE_EPOCH=0
pkg="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$pkg/linux/bin}" && cd "${1:-$pkg/linux/bin}" && pwd)"
cc="${ARM_LINUX_GNUEABI_GCC:-arm-linux-gnueabi-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "build-linux.sh: $cc not found (Debian: apt-get install gcc-arm-linux-gnueabi)" >&2
  exit 127
fi
cd "$pkg/linux/src"
cflags=(-static -march=armv5te -marm -O2 -std=gnu11 -Wall -Wextra -Werror -s
  -Wl,--build-id=none -ffile-prefix-map="$pkg/linux/src"=. -fno-ident)
while IFS='|' read -r name _args; do
  name="$(echo "$name" | xargs)"
  [[ -z "$name" || "$name" == \#* ]] && continue
  "$cc" "${cflags[@]}" -o "$out/$name" "$name.c"
  chmod 755 "$out/$name"
  echo "built linux/bin/$name ($(stat -c %s "$out/$name") bytes)"
done <"$pkg/scripts/linux-programs.list"
# Programs that need a controlling terminal (their goldens come from golden-linux-tty.sh).
tty_names=()
while IFS= read -r name; do
  name="$(echo "$name" | xargs)"
  [[ -z "$name" || "$name" == \#* ]] && continue
  tty_names+=("$name")
  "$cc" "${cflags[@]}" -o "$out/$name" "$name.c"
  chmod 755 "$out/$name"
  echo "built linux/bin/$name ($(stat -c %s "$out/$name") bytes)"
done <"$pkg/scripts/linux-tty-programs.list"
# Not in the list (no qemu-arm golden): hostile must never run on a real system, and
# l4-ipc, test0 and posix-ipc need the L4 ABI of codezero-ts (posix-ipc's expected output
# is linux/expected/posix-ipc.txt; it is not in the initramfs).
# test0 embeds its EXECVE TEST's second program, test0-exec (no C library), built first into
# a scratch directory that the assembler searches.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"$cc" "${cflags[@]}" -nostdlib -ffreestanding -o "$scratch/test0-exec" test0-exec.c -lgcc
for name in hostile l4-ipc test0 posix-ipc; do
  "$cc" "${cflags[@]}" -Wa,-I"$scratch" -o "$out/$name" "$name.c"
  chmod 755 "$out/$name"
  echo "built linux/bin/$name ($(stat -c %s "$out/$name") bytes)"
done
echo "test0 embeds test0-exec ($(stat -c %s "$scratch/test0-exec") bytes)"
"$cc" --version | head -1 >"$out/../toolchain.txt"
# The root file system: every program but hostile, /bin/init -> test0, the shell and its
# utilities (committed shell/bin, built by build-shell.sh) in /bin, /sbin/init, an empty
# /proc and /tmp.
names=()
while IFS='|' read -r name _args; do
  name="$(echo "$name" | xargs)"
  [[ -z "$name" || "$name" == \#* ]] && continue
  names+=("$name")
done <"$pkg/scripts/linux-programs.list"
python3 "$pkg/scripts/make-initramfs.py" "$out/../initramfs.cpio" "$out" "${names[@]}" "${tty_names[@]}" l4-ipc test0 \
  --shell "$pkg/shell/bin" sh ls cat echo mkdir rm ps vmstat poweroff init
echo "built linux/initramfs.cpio ($(stat -c %s "$out/../initramfs.cpio") bytes)"
