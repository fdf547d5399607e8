#!/usr/bin/env bash
# Runs every Linux-ABI program (or the named ones) under qemu-arm in a fresh directory and
# writes linux/golden/NAME.txt: its standard output followed by "[exit N]". With --check,
# compares with the committed goldens instead. Each program runs twice; outputs must agree.
# The run directory holds bin/NAME wrappers that re-enter qemu-arm, so a program can
# execve ./bin/NAME under qemu-arm as it does on codezero-ts (where /bin holds the ELF).
#   scripts/golden-linux.sh [--check] [NAME...]
set -euo pipefail
export LC_ALL=C
pkg="$(cd "$(dirname "$0")/.." && pwd)"
qemu="${QEMU_ARM:-qemu-arm}"
mode=write
if [[ "${1:-}" == "--check" ]]; then mode=check; shift; fi
if ! command -v "$qemu" >/dev/null 2>&1; then
  echo "golden-linux: $qemu not found (Debian: apt-get install qemu-user)" >&2
  exit 127
fi
declare -A args
names=()
while IFS='|' read -r name a; do
  name="$(echo "$name" | xargs)"
  [[ -z "$name" || "$name" == \#* ]] && continue
  names+=("$name")
  args[$name]="$(echo "${a:-}" | sed -e 's/^ *//' -e 's/ *$//')"
done <"$pkg/scripts/linux-programs.list"
[[ $# -gt 0 ]] && names=("$@")
# A tmpfs keeps directory offsets small: qemu-arm cannot pass 64-bit ext4 hashes to a
# 32-bit guest's getdents64 consumers.
tmp="$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
qemu_path="$(command -v "$qemu")"

run() { # run NAME OUTFILE
  local name="$1" outfile="$2" rc=0 dir="$tmp/run-$1"
  rm -rf "$dir" && mkdir -p "$dir/bin"
  for b in "$pkg"/linux/bin/*; do
    [[ -f "$b" && -x "$b" && "$(basename "$b")" != hostile && "$(basename "$b")" != l4-ipc && "$(basename "$b")" != test0 ]] || continue
    printf '#!/bin/sh\nexec "%s" -0 "$0" "%s" "$@"\n' "$qemu_path" "$b" >"$dir/bin/$(basename "$b")"
    chmod 755 "$dir/bin/$(basename "$b")"
  done
  eval "set -- ${args[$name]}"
  (cd "$dir" && env -i PATH=/bin HOME=/ CZ_GOLDEN=1 "$qemu_path" -0 "/bin/$name" "$pkg/linux/bin/$name" "$@") >"$outfile" 2>/dev/null || rc=$?
  echo "[exit $rc]" >>"$outfile"
}

# shellcheck source=golden-lib.sh
source "$pkg/scripts/golden-lib.sh"
golden_all golden-linux linux/golden "${names[@]}"
