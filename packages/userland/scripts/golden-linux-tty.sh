#!/usr/bin/env bash
# Runs the Linux-ABI programs that need a controlling terminal (scripts/linux-tty-programs.list)
# under qemu-arm on a fresh pseudo-terminal (python3's pty module: the program leads a new
# session whose controlling terminal it is) and writes linux/golden/NAME.txt: what the
# terminal showed, CR LF turned into LF, then "[exit N]". With --check, compares with the
# committed goldens instead. Each program runs twice; outputs must agree.
#   scripts/golden-linux-tty.sh [--check] [NAME...]
set -euo pipefail
export LC_ALL=C
pkg="$(cd "$(dirname "$0")/.." && pwd)"
qemu="${QEMU_ARM:-qemu-arm}"
mode=write
if [[ "${1:-}" == "--check" ]]; then mode=check; shift; fi
if ! command -v "$qemu" >/dev/null 2>&1; then
  echo "golden-linux-tty: $qemu not found (Debian: apt-get install qemu-user)" >&2
  exit 127
fi
names=()
while IFS= read -r name; do
  name="$(echo "$name" | xargs)"
  [[ -z "$name" || "$name" == \#* ]] && continue
  names+=("$name")
done <"$pkg/scripts/linux-tty-programs.list"
[[ $# -gt 0 ]] && names=("$@")
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
qemu_path="$(command -v "$qemu")"

run() { # run NAME OUTFILE
  (cd "$tmp" && env -i PATH=/bin HOME=/ python3 -c '
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        d = os.read(fd, 4096)
    except OSError:
        break
    if not d:
        break
    out += d
_, st = os.waitpid(pid, 0)
sys.stdout.write(out.decode("latin1").replace("\r\n", "\n"))
sys.stdout.write("[exit %d]\n" % os.waitstatus_to_exitcode(st))
' "$qemu_path" -0 "/bin/$1" "$pkg/linux/bin/$1") >"$2"
}

# shellcheck source=golden-lib.sh
source "$pkg/scripts/golden-lib.sh"
golden_all golden-linux-tty linux/golden "${names[@]}"
