#!/bin/sh
# Build the cmocka example (test_inventory.c) with tfcc and run it: every
# cmocka test must pass, which needs the static stock_level() mocked.
# Usage: run.sh BUILD_DIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd)
out=$build/e2e/cmocka
mkdir -p "$out"
cd "$here"
"$build/bin/tfcc" gcc -O2 -g -I"$build/include" -o "$out/test_inventory" \
	test_inventory.c -L"$build/lib" -ltf -Wl,-rpath,"$build/lib" -lcmocka
cd "$out"
./test_inventory 2>&1 | tee output
grep -q '\[  PASSED  \] 4 test(s)' output
