#!/bin/sh
# Rewriter end-to-end test: for each samples/*.c, rewrite it, compile the
# result with gcc and clang under the strictest warning set the original
# is clean under (-Werror), link (a tiny main when the sample has none),
# run, and compare the output with the original built plainly.
#   first line of a sample: /* std: c89 gnu89 c99 c11 gnu17 */ (optional;
#   also "flags: ..." for extra compiler flags, "fail" when tf-rewrite must
#   refuse it).  samples/NAME.explain, when present, is the exact
#   --explain output expected on stderr.
# usage: run.sh TF_REWRITE WORKDIR [SAMPLE...]
set -u
rw=$1; work=$2; shift 2
case $rw in /*) ;; *) rw=$(pwd)/$rw ;; esac
here=$(cd "$(dirname "$0")" && pwd)
clang_cc=${TF_CLANG_CC:-clang}
mkdir -p "$work" && work=$(cd "$work" && pwd) || exit 2
cd "$here" || exit 2

base="-Wall -Wextra -pedantic -Werror -Wdeclaration-after-statement"
strict="$base -Wmissing-prototypes -Wstrict-prototypes -Wshadow -Wredundant-decls -Wcast-qual -Wold-style-definition"
fails=0; checks=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# Strongest warning set under which the original compiles cleanly.
level_for() { # cc std flags src
	extra=""
	[ "$1" = "$clang_cc" ] && extra="-Wmissing-variable-declarations"
	for w in "$strict $extra" "$strict" "$base" "-w"; do
		if $1 -std=$2 $3 $w -fsyntax-only "$4" 2>/dev/null; then
			echo "$w"; return
		fi
	done
	echo "-w"
}

# No sample named: run each sample as its own job, as many as there are CPUs.
if [ $# -eq 0 ]; then
	n=$(ls samples/*.c | wc -l)
	ls samples/*.c | xargs -P "$(nproc)" -n 1 "$here/run.sh" "$rw" "$work" >"$work/all.log" 2>&1
	rc=$?
	# records and #line survive any file name: quotes, backslash, '?', UTF-8
	odd='dir/we"i\\rd ??= caf\303\251.c'
	odd=$(printf "$odd")
	if "$rw" --name "$odd" -o "$work/odd.c" samples/basic.c -- -std=c99 &&
	   gcc -std=c99 -Wall -Werror -c "$work/odd.c" -o "$work/odd.o" &&
	   gcc "$work/odd.o" -o "$work/odd" && "$work/odd" | grep -qF "$odd:"; then
		echo "rewriter_compile: 1 checks" >>"$work/all.log"
	else
		echo "FAIL: odd file name: __FILE__ or records broken" >>"$work/all.log"
	fi
	grep '^FAIL' "$work/all.log"
	checks=$(sed -n 's/^rewriter_compile: \([0-9]*\) checks.*/\1/p' "$work/all.log" |
		 awk '{ s += $1 } END { print s + 0 }')
	fails=$(grep -c '^FAIL' "$work/all.log")
	echo "rewriter_compile: $n samples, $checks checks, $fails failures"
	[ $rc -eq 0 ] && [ "$fails" -eq 0 ]
	exit
fi
for src in "$@"; do
	name=$(basename "$src" .c)
	head1=$(head -n 1 "$src")
	stds=$(echo "$head1" | sed -n 's/.*std: *\([^*;]*\).*/\1/p' | sed 's/ *--.*//')
	[ -n "$stds" ] || stds="c99 c11 gnu17"
	flags=$(echo "$head1" | sed -n 's/.*[^w]flags: *\([^*;]*\).*/\1/p' | sed 's/ *--.*//')
	rwflags=$(echo "$head1" | sed -n 's/.*rwflags: *\(.*\) -- .*/\1/p')
	need_main=""
	grep -q '^[a-z ]*int[ \t]*main[ \t]*(' "$src" || need_main="$here/tiny_main.c"
	if echo "$head1" | grep -q 'fail'; then
		checks=$((checks + 1))
		err=$("$rw" -o "$work/$name.out.c" "$src" -- $flags 2>&1)
		rc=$?
		lines=$(printf '%s\n' "$err" | wc -l)
		if [ $rc -ne 1 ] || [ "$lines" -ne 1 ] || [ -e "$work/$name.out.c" ] ||
		   ! printf '%s\n' "$err" | grep -q "^tfcc: warning: $src: not instrumented: "; then
			fail "$name: expected one 'not instrumented' line and exit 1, got $rc: $err"
		fi
		continue
	fi
	if [ -f "samples/$name.explain" ]; then
		checks=$((checks + 1))
		"$rw" --explain $rwflags -o "$work/$name.x.c" "$src" -- $flags 2>"$work/$name.explain" >/dev/null
		diff -u "samples/$name.explain" "$work/$name.explain" >/dev/null ||
			fail "$name: --explain differs: $(diff "samples/$name.explain" "$work/$name.explain" | head -5)"
	fi
	# the first standard with --weak-statics (as tfcc writes objects), the
	# others without (as for -S, -flto and patches): both forms of .fn.
	# The weak form links as a PIE without tfcc's edit of the object
	# (wrap/fnfix.c): its .fn entries are in tf_fn, not loaded (TF__FNFILE)
	weak=--weak-statics
	for std in $stds; do
		gcc -std=$std $flags -w "$src" $need_main -o "$work/$name.ref" -lm 2>"$work/$name.err" ||
			{ fail "$name -std=$std: original does not build: $(head -3 "$work/$name.err")"; continue; }
		"$work/$name.ref" >"$work/$name.ref.out" 2>&1
		echo "exit $?" >>"$work/$name.ref.out"
		out="$work/$name.$std.c"
		rm -f "$out"
		if ! "$rw" $rwflags $weak -o "$out" "$src" -- -std=$std $flags -iquote "$(dirname "$src")" 2>"$work/$name.rw.err"; then
			fail "$name -std=$std: tf-rewrite refused: $(cat "$work/$name.rw.err")"
			continue
		fi
		weak=
		for cc in gcc "$clang_cc"; do
			checks=$((checks + 1))
			w=$(level_for "$cc" "$std" "$flags" "$src")
			if ! $cc -std=$std $flags $w -iquote "$(dirname "$src")" -c "$out" -o "$work/$name.o" 2>"$work/$name.cc.err"; then
				fail "$name $cc -std=$std: rewritten output does not compile cleanly ($w): $(head -5 "$work/$name.cc.err")"
				continue
			fi
			if ! $cc "$work/$name.o" $need_main -o "$work/$name.bin" -lm 2>"$work/$name.ld.err"; then
				fail "$name $cc -std=$std: does not link: $(head -3 "$work/$name.ld.err")"
				continue
			fi
			"$work/$name.bin" >"$work/$name.out" 2>&1
			echo "exit $?" >>"$work/$name.out"
			cmp -s "$work/$name.ref.out" "$work/$name.out" ||
				fail "$name $cc -std=$std: output differs: $(diff "$work/$name.ref.out" "$work/$name.out" | head -5)"
		done
	done
done
echo "rewriter_compile: $checks checks, $fails failures"
[ $fails -eq 0 ]
