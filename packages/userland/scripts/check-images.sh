#!/usr/bin/env bash
# Rebuilds every image into a temporary directory and compares it byte for byte with the
# committed images/NAME.elf (and NAME.bin for raw images). Exits 0 with a "skipping" line when the cross compiler is
# absent (CI installs it), 1 on any difference.
#   scripts/check-images.sh
set -euo pipefail
pkg="$(cd "$(dirname "$0")/.." && pwd)"
cc="${ARM_NONE_EABI_GCC:-arm-none-eabi-gcc}"
if ! command -v "$cc" >/dev/null 2>&1; then
  echo "check-images: $cc not found; skipping the rebuild check (Debian: apt-get install gcc-arm-none-eabi)"
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$pkg/scripts/build.sh" "$tmp" >/dev/null
status=0
for built in "$tmp"/*.elf "$tmp"/*.bin; do
  name="$(basename "$built")"
  if [[ ! -f "$pkg/images/$name" ]]; then
    echo "check-images: images/$name is not committed"
    status=1
  elif ! cmp -s "$built" "$pkg/images/$name"; then
    echo "check-images: images/$name differs from a rebuild ($("$cc" --version | head -n1))"
    status=1
  else
    echo "check-images: images/$name matches"
  fi
done
for committed in "$pkg"/images/*.elf "$pkg"/images/*.bin; do
  [[ -f "$tmp/$(basename "$committed")" ]] || { echo "check-images: images/$(basename "$committed") is not built by scripts/images.list"; status=1; }
done
# The L4 programs (l4/images/) have their own list and build script.
"$pkg/scripts/check-l4-images.sh" || status=1
exit $status
