# Sourced by the golden-*.sh scripts (not run on its own).
#
# golden_all TOOL DIR NAME...: for each NAME, calls the caller's `run NAME FILE` twice (the two
# outputs must agree), then writes $pkg/DIR/NAME.txt (mode=write) or compares it with the
# committed one (mode=check), printing a diff when they differ. Uses $pkg, $tmp and $mode.
# Returns 1 when any program failed one of these checks.
golden_all() {
  local tool="$1" dir="$2" name status=0
  shift 2
  for name in "$@"; do
    run "$name" "$tmp/$name.1"
    run "$name" "$tmp/$name.2"
    if ! cmp -s "$tmp/$name.1" "$tmp/$name.2"; then
      echo "$tool: $name gives different output on two runs" >&2
      diff "$tmp/$name.1" "$tmp/$name.2" >&2 || true
      status=1
      continue
    fi
    if [[ "$mode" == write ]]; then
      cp "$tmp/$name.1" "$pkg/$dir/$name.txt"
      echo "wrote $dir/$name.txt"
    elif ! cmp -s "$tmp/$name.1" "$pkg/$dir/$name.txt"; then
      echo "$tool: $name differs from $dir/$name.txt" >&2
      diff "$pkg/$dir/$name.txt" "$tmp/$name.1" >&2 || true
      status=1
    else
      echo "ok $name"
    fi
  done
  return $status
}
