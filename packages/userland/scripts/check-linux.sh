#!/usr/bin/env bash
# Rebuilds the Linux-ABI programs into a temporary directory and checks that the committed
# linux/bin/ bytes match (reproducibility), then re-checks the goldens under qemu-arm.
#   scripts/check-linux.sh
set -euo pipefail
pkg="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$pkg/scripts/build-linux.sh" "$tmp/bin" >/dev/null
status=0
if ! cmp -s "$tmp/initramfs.cpio" "$pkg/linux/initramfs.cpio"; then
  echo "check-linux: linux/initramfs.cpio differs from a fresh build" >&2
  status=1
fi
for b in "$tmp"/bin/*; do
  n="$(basename "$b")"
  if ! cmp -s "$b" "$pkg/linux/bin/$n"; then
    echo "check-linux: linux/bin/$n differs from a fresh build" >&2
    status=1
  fi
done
"$pkg/scripts/golden-linux.sh" --check || status=1
"$pkg/scripts/golden-linux-tty.sh" --check || status=1
[[ $status == 0 ]] && echo "check-linux: binaries reproducible, goldens match"
exit $status
