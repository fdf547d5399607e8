#!/usr/bin/env bash
# Rebuilds the shell and utilities into a temporary directory and checks that the
# committed shell/bin/ bytes match (reproducibility), then re-checks the session goldens
# under qemu-arm.
#   scripts/check-shell.sh
set -euo pipefail
pkg="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$pkg/scripts/build-shell.sh" "$tmp/bin" >/dev/null
status=0
for b in "$tmp"/bin/*; do
  n="$(basename "$b")"
  if ! cmp -s "$b" "$pkg/shell/bin/$n"; then
    echo "check-shell: shell/bin/$n differs from a fresh build" >&2
    status=1
  fi
done
"$pkg/scripts/golden-shell.sh" --check || status=1
[[ $status == 0 ]] && echo "check-shell: binaries reproducible, goldens match"
exit $status
