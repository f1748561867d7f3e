#!/bin/sh
# End-to-end cases: build each tests/e2e/cases/NAME.c with plain gcc and
# with tfcc (-O2 and -O0), run both, require identical output equal to
# NAME.expect and identical compiler diagnostics, then check with
# `tfctl sites` that every function gcc emits for the case is a site,
# except the ones the case declares skipped.
#
# Usage: run.sh [-b BUILD_DIR] [NAME...]     (no NAME: every case)
#
# Directives, one per line anywhere in the case's comments:
#   e2e-flags: FLAGS          extra compiler flags (e.g. -std=c89 -pedantic)
#   e2e-libs: FLAGS           extra link flags (e.g. -ldl -pthread)
#   e2e-source: FILE FLAGS    one more source (relative to cases/), own flags
#   e2e-shared: NAME FILE     build FILE as libNAME.so and link it
#   e2e-plugin: NAME FILE     build FILE as NAME.so (for dlopen), not linked
#   e2e-skipped: NAMES        functions tfcc must skip (not sites)
#   e2e-sites: NAMES          sites with no code gcc emits (inline-only)
#   e2e-tfcc-only             uses libtf (tf.h): no plain-gcc build
# The program runs in its build dir; a non-zero exit status is appended to
# its output as "[exit N]".
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=$here/../../build
while getopts b: o; do
	case $o in
	b) build=$OPTARG ;;
	*) echo "usage: run.sh [-b BUILD_DIR] [NAME...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
build=$(cd "$build" && pwd)
tfcc=$build/bin/tfcc tfctl=$build/bin/tfctl
work=$build/e2e
[ $# -gt 0 ] || set -- $(cd "$here/cases" && ls *.c | sed 's/\.c$//')

# directive VALUEs of KEY in FILE, one per line
directive() {
	sed -n "s/^.*e2e-$1:[[:space:]]*//p" "$2" | sed 's/[[:space:]]*\*\/.*$//'
}
has_directive() { grep -q "e2e-$1" "$2"; }

# lines of a compiler log that are diagnostics (not tfcc's explain lines)
diagnostics() {
	grep -Ev '^[^ :]+:[0-9]+: [^ :]+: (instrumented|skipped)|^tfcc: ' "$1" |
		sed "s|$2|DIR|g"
}

# build KIND(gcc|tfcc) OPT DIR: the case's program and libraries in DIR
build_case() {
	kind=$1 opt=$2 dir=$3
	if [ "$kind" = tfcc ]; then cc="$tfcc gcc"; else cc=gcc; fi
	rm -rf "$dir" && mkdir -p "$dir"
	log=$dir/cc.log
	(
	cd "$here/cases" || exit 1
	export TF_EXPLAIN=1
	libs=
	directive shared "$src" > "$dir/shared.lst"
	while read -r lname lsrc; do
		$cc $flags -$opt -fPIC -shared -o "$dir/lib$lname.so" "$lsrc" || exit 1
		libs="$libs -L$dir -l$lname"
	done < "$dir/shared.lst"
	directive plugin "$src" | while read -r pname psrc; do
		$cc $flags -$opt -fPIC -shared -o "$dir/$pname.so" "$psrc" || exit 1
	done || exit 1
	directive source "$src" > "$dir/sources.lst"
	if [ ! -s "$dir/sources.lst" ]; then
		# one step: compile and link
		$cc $flags -$opt -o "$dir/prog" "$name.c" $libs -Wl,-rpath,'$ORIGIN' $ldflags
	else
		$cc $flags -$opt -c -o "$dir/main.o" "$name.c" || exit 1
		i=0
		while read -r s sflags; do
			i=$((i + 1))
			$cc $flags $sflags -$opt -c -o "$dir/src$i.o" "$s" || exit 1
		done < "$dir/sources.lst"
		$cc $flags -$opt -o "$dir/prog" "$dir"/*.o $libs -Wl,-rpath,'$ORIGIN' $ldflags
	fi
	) > "$log" 2>&1
}

# run DIR: the program's output (+ exit status) in DIR/out
run_case() {
	(cd "$1" && (timeout 60 ./prog < /dev/null) > out 2>&1; rc=$?
	 [ $rc -eq 0 ] || echo "[exit $rc]" >> out) 2>/dev/null
}

# names of the functions gcc itself emits for the case (all sources and
# libraries, statics and inlines kept), one per line, with repeats
gcc_functions() {
	dir=$1
	rm -rf "$dir" && mkdir -p "$dir"
	(
	cd "$here/cases" || exit 1
	keep="-O0 -fkeep-inline-functions -fkeep-static-functions"
	i=0
	{ echo "$name.c"; directive source "$src"
	  directive shared "$src" | cut -d' ' -f2-; directive plugin "$src" | cut -d' ' -f2-
	} | while read -r s sflags; do
		i=$((i + 1))
		case $s in *.c) ;; *) continue ;; esac
		gcc $flags $sflags $keep -fPIC -c -o "$dir/$i.o" "$s" || exit 1
	done
	) > "$dir/cc.log" 2>&1 || return 1
	nm "$dir"/*.o | awk '$2 ~ /^[TtW]$/ { print $3 }' |
		grep -v '^__\|\.\|^_sub_[ID]_' | sort   # no system-header or derived
	# symbols, nor gcc's constructors for a sanitizer (_sub_I_00099_1)
}

# site names tfctl lists for the program and its libraries, with repeats
site_names() {
	for f in "$1/prog" "$1"/*.so; do
		[ -f "$f" ] || continue
		"$tfctl" sites "$f" 2>/dev/null || echo "    tfctl sites $f failed" >&2
	done | awk '$1 ~ /:[0-9]+$/ { print $2 }' | sort
}

check_case() {
	name=$1 src=$here/cases/$1.c
	expect=$here/cases/$1.expect
	flags=$(directive flags "$src" | tr '\n' ' ')
	ldflags=$(directive libs "$src" | tr '\n' ' ')
	d=$work/$name
	mkdir -p "$d"
	ok=1
	kinds="gcc tfcc"
	if has_directive tfcc-only "$src"; then
		kinds=tfcc
		flags="$flags -I$build/include"
		ldflags="$ldflags -L$build/lib -ltf -Wl,-rpath,$build/lib"
	fi
	[ -f "$expect" ] || { echo "$name: no $name.expect"; return 1; }
	for opt in O2 O0; do
		for kind in $kinds; do
			if ! build_case "$kind" "$opt" "$d/$kind-$opt"; then
				echo "$name: $kind -$opt build failed:"
				sed 's/^/    /' "$d/$kind-$opt/cc.log" | head -n 30
				ok=0; continue
			fi
			run_case "$d/$kind-$opt"
			if ! cmp -s "$expect" "$d/$kind-$opt/out"; then
				echo "$name: $kind -$opt output differs from $name.expect:"
				diff "$expect" "$d/$kind-$opt/out" | head -n 20 | sed 's/^/    /'
				ok=0
			fi
		done
		if [ "$kinds" != tfcc ] && [ -f "$d/gcc-$opt/prog" ] && [ -f "$d/tfcc-$opt/prog" ]; then
			diagnostics "$d/gcc-$opt/cc.log" "$d/gcc-$opt" > "$d/gcc-$opt/diag"
			diagnostics "$d/tfcc-$opt/cc.log" "$d/tfcc-$opt" > "$d/tfcc-$opt/diag"
			if ! cmp -s "$d/gcc-$opt/diag" "$d/tfcc-$opt/diag"; then
				echo "$name: -$opt compiler diagnostics differ (gcc < > tfcc):"
				diff "$d/gcc-$opt/diag" "$d/tfcc-$opt/diag" | head -n 20 | sed 's/^/    /'
				ok=0
			fi
		fi
	done
	[ $ok -eq 1 ] || return 1

	# sites: every function gcc emits is a site, unless declared skipped
	skipped=$(directive skipped "$src" | tr ' ' '\n' | grep . | sort -u)
	extra=$(directive sites "$src" | tr ' ' '\n' | grep .)
	gcc_functions "$d/ref" > "$d/functions" ||
		{ echo "$name: reference gcc -O0 build failed"; cat "$d/ref/cc.log"; return 1; }
	for opt in O0 O2; do
		site_names "$d/tfcc-$opt" > "$d/sites-$opt"
		{ if [ -n "$skipped" ]; then grep -vxF "$skipped" "$d/functions"
		  else cat "$d/functions"; fi
		  [ -z "$extra" ] || echo "$extra"
		} | grep . | sort > "$d/want-$opt"
		# a name must be a site at least as often as gcc emits it
		missing=$(sort "$d/want-$opt" | uniq -c | while read -r cnt fn; do
			have=$(grep -cxF "$fn" "$d/sites-$opt")
			[ "$have" -ge "$cnt" ] || echo "$fn($have/$cnt)"
		done)
		if [ -n "$missing" ]; then
			echo "$name: -$opt functions without a site (sites/wanted):" $missing
			grep -h '^tfcc: ' "$d/tfcc-$opt/cc.log" | sort -u | sed 's/^/    /'
			ok=0
		fi
		for fn in $skipped; do
			if grep -qxF "$fn" "$d/sites-$opt"; then
				echo "$name: -$opt $fn must be skipped but is a site"; ok=0
			fi
			if [ "$opt" = O0 ] && ! grep -Eq ": $fn: skipped" "$d/tfcc-$opt/cc.log"; then
				echo "$name: TF_EXPLAIN does not say $fn was skipped"; ok=0
			fi
		done
	done
	[ $ok -eq 1 ] && echo "$name: ok ($(grep -c . "$d/sites-O0") sites)"
	[ $ok -eq 1 ]
}

[ -x "$tfcc" ] || { echo "e2e: $tfcc missing: build the project first"; exit 1; }
[ -x "$tfctl" ] || { echo "e2e: $tfctl missing: build the project first"; exit 1; }
rc=0
for c in "$@"; do check_case "$c" || rc=1; done
exit $rc
