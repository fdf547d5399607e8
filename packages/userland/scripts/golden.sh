#!/usr/bin/env bash
# Runs every image (or the named ones) on qemu-system-arm and writes its console output to
# images/NAME.golden.txt; with --check, compares with the committed golden instead and
# fails on any difference. Each image runs twice and both outputs must be identical.
#   scripts/golden.sh [--check] [NAME...]
# The console stream is UART0 followed in program order by semihosting output (QEMU is told
# to send semihosting to the serial0 chardev). QEMU's own diagnostics are dropped.
# images/golden-images.sha256 records which image file each golden was made from, so a test can tell
# (without QEMU) that an image was rebuilt without regenerating its golden.
set -euo pipefail
export LC_ALL=C QEMU_AUDIO_DRV=none
pkg="$(cd "$(dirname "$0")/.." && pwd)"
qemu="${QEMU_SYSTEM_ARM:-qemu-system-arm}"
timeout_s="${GOLDEN_TIMEOUT:-60}"
mode=write
if [[ "${1:-}" == "--check" ]]; then mode=check; shift; fi
if ! command -v "$qemu" >/dev/null 2>&1; then
  echo "golden: $qemu not found (Debian: apt-get install qemu-system-arm)" >&2
  exit 127
fi
declare -A qemu_extra image_file
names=()
while IFS='|' read -r name _srcs _flags extra format; do
  name="$(echo "$name" | xargs)"
  [[ -z "$name" || "$name" == \#* ]] && continue
  names+=("$name")
  qemu_extra[$name]="$(echo "${extra:-}" | xargs)"
  image_file[$name]="$name.elf"
  [[ "$(echo "${format:-elf}" | xargs)" == raw ]] && image_file[$name]="$name.bin"
done <"$pkg/scripts/images.list"
[[ $# -gt 0 ]] && names=("$@")

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

run() { # run NAME OUTFILE
  local name="$1" rc=0
  read -r -a extra <<<"${qemu_extra[$name]:-}"
  timeout "$timeout_s" "$qemu" -M versatilepb -cpu arm926 -m 128M -nographic \
    -semihosting-config enable=on,target=native,chardev=serial0 "${extra[@]}" \
    -kernel "$pkg/images/${image_file[$name]}" </dev/null >"$2.raw" 2>"$2.err" || rc=$?
  grep -a -v -E '^(qemu-system-arm: |vpb_sic_write: |pl011_read: |pl011_write: |arm_gic|ALSA lib |alsa: |audio: )' "$2.raw" >"$2" || true
  if [[ $rc -ne 0 ]]; then
    echo "golden: $name: qemu exited with status $rc (124 = timeout after ${timeout_s}s)" >&2
    sed 's/^/  stderr: /' "$2.err" | grep -v -E 'ALSA|alsa|audio' >&2 || true
    return 1
  fi
}

hashes="$pkg/images/golden-images.sha256"
declare -A recorded
if [[ -f "$hashes" ]]; then
  while read -r sum file; do recorded[${file%.*}]="$sum"; done <"$hashes"
fi

status=0
for name in "${names[@]}"; do
  if ! run "$name" "$tmp/$name.1" || ! run "$name" "$tmp/$name.2"; then status=1; continue; fi
  if ! cmp -s "$tmp/$name.1" "$tmp/$name.2"; then
    echo "golden: $name: two QEMU runs differ (nondeterministic output):" >&2
    diff -u "$tmp/$name.1" "$tmp/$name.2" | head -n 20 >&2 || true
    status=1
    continue
  fi
  if [[ "$(tail -n 1 "$tmp/$name.1")" != "END $name 0" ]]; then
    echo "golden: $name: output does not end with \"END $name 0\"" >&2
    status=1
    continue
  fi
  golden="$pkg/images/$name.golden.txt"
  if [[ $mode == write ]]; then
    cp "$tmp/$name.1" "$golden"
    recorded[$name]="$(sha256sum "$pkg/images/${image_file[$name]}" | cut -d' ' -f1)"
    echo "golden: wrote images/$name.golden.txt ($(wc -l <"$golden") lines)"
  elif [[ ! -f "$golden" ]]; then
    echo "golden: $name: images/$name.golden.txt is missing" >&2
    status=1
  elif ! cmp -s "$tmp/$name.1" "$golden"; then
    echo "golden: $name: QEMU output differs from images/$name.golden.txt:" >&2
    diff -u "$golden" "$tmp/$name.1" | head -n 40 >&2 || true
    status=1
  elif [[ "${recorded[$name]:-}" != "$(sha256sum "$pkg/images/${image_file[$name]}" | cut -d' ' -f1)" ]]; then
    echo "golden: $name: images/golden-images.sha256 does not record the committed images/${image_file[$name]}" >&2
    status=1
  else
    echo "golden: $name matches images/$name.golden.txt"
  fi
done
if [[ $mode == write ]]; then
  for name in "${!recorded[@]}"; do echo "${recorded[$name]}  ${image_file[$name]:-$name.elf}"; done | sort -k2 >"$hashes"
fi
exit $status
