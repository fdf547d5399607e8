#!/usr/bin/env bash
# Runs each scripted shell session (shell/sessions/NAME.txt, fed to `sh -t` on standard
# input) under qemu-arm in a fresh scratch directory and writes shell/golden/NAME.txt:
# standard output and standard error, then "[exit N]". With --check, compares with the
# committed goldens instead. Each session runs twice; the two outputs must agree.
# The scratch directory holds bin/NAME wrappers that re-enter qemu-arm (PATH points
# there), so the shell's fork+execve of a utility runs it under qemu-arm too. poweroff
# gets no wrapper: qemu-arm would pass reboot(2) to the host.
#   scripts/golden-shell.sh [--check] [NAME...]
set -euo pipefail
export LC_ALL=C
pkg="$(cd "$(dirname "$0")/.." && pwd)"
qemu="${QEMU_ARM:-qemu-arm}"
mode=write
if [[ "${1:-}" == "--check" ]]; then mode=check; shift; fi
if ! command -v "$qemu" >/dev/null 2>&1; then
  echo "golden-shell: $qemu not found (Debian: apt-get install qemu-user)" >&2
  exit 127
fi
names=()
for f in "$pkg"/shell/sessions/*.txt; do names+=("$(basename "$f" .txt)"); done
[[ $# -gt 0 ]] && names=("$@")
tmp="$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
qemu_path="$(command -v "$qemu")"
umask 022

run() { # run NAME OUTFILE
  local name="$1" outfile="$2" rc=0 dir="$tmp/run-$1"
  rm -rf "$dir" && mkdir -p "$dir/bin" "$dir/home"
  for b in "$pkg"/shell/bin/*; do
    n="$(basename "$b")"
    [[ "$n" == poweroff ]] && continue
    printf '#!/bin/sh\nexec "%s" -0 "$0" "%s" "$@"\n' "$qemu_path" "$b" >"$dir/bin/$n"
    chmod 755 "$dir/bin/$n"
  done
  (cd "$dir/home" && env -i PATH="$dir/bin" HOME=/ "$qemu_path" -0 sh "$pkg/shell/bin/sh" -t \
    <"$pkg/shell/sessions/$name.txt") >"$outfile" 2>&1 || rc=$?
  echo "[exit $rc]" >>"$outfile"
}

# shellcheck source=golden-lib.sh
source "$pkg/scripts/golden-lib.sh"
golden_all golden-shell shell/golden "${names[@]}"
