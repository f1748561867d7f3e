#!/bin/sh
# coldpaths.awk on hand-written traps (coldpaths-test.s): the two whose
# cold path calls the stub pass, the two whose cold path returns without
# it are reported, by address.  Usage: coldpaths-test.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/coldpaths.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
gcc -shared -nostdlib -o "$tmp/t.so" "$here/coldpaths-test.s" || { echo "FAIL: cannot assemble"; exit 1; }
out=$(awk -v bin="$tmp/t.so" -f "$here/coldpaths.awk")
rc=$?
bad=$(objdump -d --no-show-raw-insn "$tmp/t.so" |
	awk '/<f_bad>:|<f_cross_bad>:/ { getline; sub(/:.*/, ""); sub(/^ +/, ""); printf " %s", $0 }')
want="4 checked, 2 without a cold call:$bad"
[ "$rc" = 1 ] && [ "$out" = "$want" ] || { echo "FAIL: got '$out' (rc $rc), want '$want'"; exit 1; }
echo PASS
