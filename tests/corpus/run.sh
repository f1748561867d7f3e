#!/bin/sh
# Real-world corpus: build zlib, bzip2, Lua 5.4, xz-utils, libyaml,
# json-c and sed (Debian sources) with tfcc, run their own tests (json-c's under
# valgrind --leak-check=full when valgrind is there), compare Lua scripts
# and libyaml's scanner, parser and dumper against plain-gcc builds,
# report how many functions tfcc instrumented, check
# tfctl sees sites and that every trap instance in the binaries reaches
# its cold path (coldpaths.awk, x86-64).
# Usage: run.sh [BUILD_DIR]   (the cmake build dir: bin/tfcc, bin/tfctl)
# Env: TF_CORPUS_MIN_PCT (default 99) instrumented share required.
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
CORPUS_DIR=$here
CORPUS_WORK=$build/corpus
. "$here/lib.sh"
tfcc=$build/bin/tfcc tfctl=$build/bin/tfctl
min_pct=${TF_CORPUS_MIN_PCT:-99}
fail=0
for t in "$tfcc" "$tfctl"; do
	[ -x "$t" ] || { echo "corpus: $t missing: build the project first"; exit 1; }
done

"$here/fetch.sh" "$CORPUS_WORK" >/dev/null 2>"$CORPUS_WORK.fetch.log" ||
	{ cat "$CORPUS_WORK.fetch.log"; echo "corpus: fetching sources failed"; exit 1; }

# the project's own test suite, in the tfcc tree; 0 when it passed
suite() {
	d=$CORPUS_WORK/tfcc/$1
	case $1 in
	zlib)
		(cd "$d" && isolated make test && make infcover &&
			isolated ./infcover) > "$d.test.log" 2>&1 &&
			! grep -q FAILED "$d.test.log" ;;
	bzip2)
		(cd "$d" && isolated make CC="$tfcc gcc" test) > "$d.test.log" 2>&1 ;;
	lua)
		lua_scripts > "$d.test.log" 2>&1 ;;
	xz)
		(cd "$d" && isolated make check) > "$d.test.log" 2>&1 &&
			grep -q '^# FAIL: *0$' "$d.test.log" ;;
	yaml)
		{ (cd "$d/_b" && isolated ctest) && yaml_examples; } > "$d.test.log" 2>&1 ;;
	jsonc)
		(cd "$d/_b" && isolated ctest) > "$d.test.log" 2>&1 ;;
	sed)
		# sed's own tests and gnulib's (test-dup2, test-free, ...); as
		# root, panic-tests.sh fails with plain gcc too (root may write
		# where it expects a refusal), so it is expected to fail there
		xf=""
		[ "$(id -u)" = 0 ] && xf=XFAIL_TESTS=testsuite/panic-tests.sh
		(cd "$d" && isolated make -k -j"$(nproc)" check $xf) > "$d.test.log" 2>&1 &&
			[ "$(grep -c '^# FAIL: *0$' "$d.test.log")" = 2 ] &&
			[ "$(grep -c '^# ERROR: *0$' "$d.test.log")" = 2 ] ;;
	esac
}

# libyaml's scanner, parser and dumper on its examples, vs plain gcc's
yaml_examples() {
	rc=0
	for f in "$CORPUS_WORK/src/yaml/examples"/*.yaml; do
		for prog in run-scanner run-parser run-dumper; do
			want=$(isolated "$CORPUS_WORK/gcc/yaml/_b/$prog" "$f" 2>&1)
			got=$(isolated "$CORPUS_WORK/tfcc/yaml/_b/$prog" "$f" 2>&1)
			if [ "$want" = "$got" ]; then
				echo "yaml: $prog $(basename "$f"): same output"
			else
				echo "yaml: $prog $(basename "$f"): output differs from plain gcc"
				rc=1
			fi
		done
	done
	return $rc
}

# every script through lua and through luac + lua, vs the plain-gcc lua
lua_scripts() {
	plain=$CORPUS_WORK/gcc/lua/src tf=$CORPUS_WORK/tfcc/lua/src rc=0
	out=$CORPUS_WORK/tfcc/lua-out
	rm -rf "$out" && mkdir -p "$out"
	for script in "$here"/lua/*.lua; do
		sn=$(basename "$script" .lua)
		(cd "$here/lua" && isolated "$plain/lua" "$sn.lua") > "$out/$sn.want" 2>&1
		(cd "$here/lua" && isolated "$tf/lua" "$sn.lua") > "$out/$sn.got" 2>&1
		(cd "$here/lua" && "$tf/luac" -o "$out/$sn.luac" "$sn.lua") &&
		(cd "$here/lua" && isolated "$tf/lua" "$out/$sn.luac") > "$out/$sn.gotc" 2>&1
		if cmp -s "$out/$sn.want" "$out/$sn.got" &&
		   cmp -s "$out/$sn.want" "$out/$sn.gotc"; then
			echo "lua: $sn.lua: same output ($(wc -l < "$out/$sn.want") lines)"
		else
			echo "lua: $sn.lua: output differs from plain gcc:"
			diff "$out/$sn.want" "$out/$sn.got" | head -n 10
			diff "$out/$sn.want" "$out/$sn.gotc" | head -n 10
			rc=1
		fi
	done
	return $rc
}

# binaries that must carry sites
site_bins() {
	case $1 in
	zlib) echo minigzip libz.so ;;
	bzip2) echo bzip2 ;;
	lua) echo src/lua src/luac ;;
	xz) echo src/xz/xz src/xzdec/xzdec ;;
	yaml) echo _b/libyaml.so _b/run-parser ;;
	jsonc) echo _b/libjson-c.so _b/apps/json_parse ;;
	sed) echo sed/sed ;;
	esac
}

for p in $CORPUS_PROJECTS; do
	start=$(date +%s)
	if ! corpus_build_plain "$p" || ! corpus_build_ref "$p"; then
		echo "$p: plain gcc build FAILED (see $CORPUS_WORK/gcc/$p.log)"
		fail=1; continue
	fi
	if ! TF_EXPLAIN=1 corpus_build "$p" tfcc "$tfcc gcc"; then
		echo "$p: tfcc build FAILED; last lines of $CORPUS_WORK/tfcc/$p.log:"
		grep -v ': instrumented' "$CORPUS_WORK/tfcc/$p.log" | tail -n 15
		fail=1; continue
	fi
	set -- $(explain_counts "$CORPUS_WORK/tfcc/$p.log" "$CORPUS_WORK/src/$p" "$CORPUS_WORK/gcc/$p" "$CORPUS_WORK/ref/$p")
	n=$1 m=$2
	pct=$(awk -v n="$n" -v m="$m" 'BEGIN { printf "%.1f", (n + m) ? 100 * n / (n + m) : 0 }')
	if suite "$p"; then tests=passed; else tests=FAILED; fail=1; fi
	sites=""
	for b in $(site_bins "$p"); do
		k=$("$tfctl" sites "$CORPUS_WORK/tfcc/$p/$b" 2>/dev/null | wc -l)
		sites="$sites $b=$k"
		[ "$k" -gt 0 ] || { fail=1; sites="$sites(NO SITES)"; }
		# every trap instance reaches its cold path (coldpaths.awk)
		if [ "$(uname -m)" = x86_64 ] &&
		   ! cold=$(awk -v bin="$CORPUS_WORK/tfcc/$p/$b" -f "$here/coldpaths.awk"); then
			fail=1; sites="$sites(TRAPS WITHOUT A COLD PATH: $cold)"
		fi
	done
	echo "$p: $n instrumented, $m skipped ($pct%), tests $tests, sites:$sites, $(( $(date +%s) - start )) s"
	if [ "$m" -gt 0 ]; then sed 's/^/    /' "$CORPUS_WORK/tfcc/$p.log.skipped" | head -n 40; fi
	if [ "$tests" = FAILED ]; then tail -n 20 "$CORPUS_WORK/tfcc/$p.test.log"; fi
	if [ "$n" -eq 0 ] || awk -v p="$pct" -v min="$min_pct" 'BEGIN { exit !(p < min) }'; then
		echo "$p: instrumented share $pct% is below $min_pct%"
		fail=1
	fi
done
[ $fail -eq 0 ] && echo "corpus: all passed" || echo "corpus: FAILED"
exit $fail
