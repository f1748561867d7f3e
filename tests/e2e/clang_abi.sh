#!/bin/sh
# The generic interceptor thunk under code compiled by clang: the case
# rt_intercept_abi built with `tfcc clang` at -O0 and -O2 must print its
# .expect, except for i128_stack, whose __int128 clang 14 splits between
# r9 and the stack: tfcc makes that function replace-only, so attaching
# must fail with a clear line and every call must run the plain body.
# Also rt_forms (the trap's shared out-of-line check) under clang.
# usage: clang_abi.sh BUILD_DIR
set -u
build=$(cd "${1:?usage: clang_abi.sh BUILD_DIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
command -v clang >/dev/null || { echo "clang_abi: no clang; skipped"; exit 0; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0
for o in -O0 -O2; do
	if ! "$build/bin/tfcc" clang $o -I"$here/../../include" -o "$tmp/abi" \
		"$here/cases/rt_intercept_abi.c" -L"$build/lib" -ltf \
		-Wl,-rpath,"$build/lib" 2>"$tmp/err"; then
		echo "FAIL $o: tfcc clang could not build the case:"; cat "$tmp/err"
		fails=$((fails + 1)); continue
	fi
	if [ -s "$tmp/err" ]; then
		echo "FAIL $o: tfcc clang printed diagnostics plain clang does not:"
		cat "$tmp/err"; fails=$((fails + 1))
	fi
	"$tmp/abi" >"$tmp/out" 2>&1
	python3 - "$here/cases/rt_intercept_abi.expect" "$tmp/out" "$o" <<'PY' || fails=$((fails + 1))
import sys
def sections(path):
    out, name = {}, ""
    for line in open(path).read().splitlines():
        if line.startswith("== "):
            name = line.split(":")[0][3:]
        out.setdefault(name, []).append(line)
    return out
want, got, opt = sections(sys.argv[1]), sections(sys.argv[2]), sys.argv[3]
bad = [n for n in want if n != "i128_stack" and want[n] != got.get(n)]
sec = got.get("i128_stack", [])
if not any("i128_stack() cannot be intercepted" in l for l in sec):
    bad.append("i128_stack (attach did not fail)")
if [l for l in sec if l.strip().startswith("got")] != ["  got 36"] * 4:
    bad.append("i128_stack (calls did not all run the plain body)")
for n in bad:
    print("FAIL %s: section %s differs" % (opt, n))
sys.exit(1 if bad else 0)
PY
	# the trap's shared out-of-line check as clang compiles it
	if ! "$build/bin/tfcc" clang $o -pthread -I"$here/../../include" \
		-o "$tmp/forms" "$here/cases/rt_forms.c" -L"$build/lib" -ltf \
		-Wl,-rpath,"$build/lib" 2>"$tmp/err"; then
		echo "FAIL $o: tfcc clang could not build rt_forms:"; cat "$tmp/err"
		fails=$((fails + 1)); continue
	fi
	"$tmp/forms" >"$tmp/out" 2>&1
	if ! cmp -s "$here/cases/rt_forms.expect" "$tmp/out"; then
		echo "FAIL $o: rt_forms under clang:"; diff "$here/cases/rt_forms.expect" "$tmp/out"
		fails=$((fails + 1))
	fi
done
[ "$fails" = 0 ] && echo "clang_abi: ok (-O0, -O2)"
exit $((fails != 0))
