#!/usr/bin/env bash
# Rebuilds every L4 program into a temporary directory and compares it byte for byte with
# the committed l4/images/NAME.elf. Exits 0 with a "skipping" line when the cross compiler is
# absent, 1 on any difference or on an image that is committed but not built (or the reverse).
#   scripts/check-l4-images.sh
set -euo pipefail
pkg="$(cd "$(dirname "$0")/.." && pwd)"
cc="${ARM_NONE_EABI_GCC:-arm-none-eabi-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "check-l4-images: $cc not found; skipping the rebuild check (Debian: apt-get install gcc-arm-none-eabi)"
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$pkg/scripts/build-l4.sh" "$tmp" >/dev/null
status=0
for built in "$tmp"/*.elf; do
  name="$(basename "$built")"
  if [[ ! -f "$pkg/l4/images/$name" ]]; then
    echo "check-l4-images: l4/images/$name is not committed"
    status=1
  elif ! cmp -s "$built" "$pkg/l4/images/$name"; then
    echo "check-l4-images: l4/images/$name differs from a rebuild ($("$cc" --version | head -n1))"
    status=1
  else
    echo "check-l4-images: l4/images/$name matches"
  fi
done
for committed in "$pkg"/l4/images/*.elf; do
  [[ -f "$tmp/$(basename "$committed")" ]] || { echo "check-l4-images: l4/images/$(basename "$committed") is not built by scripts/l4-images.list"; status=1; }
done
exit $status
