#!/bin/bash
# tfcc end to end: every behaviour of docs/tfcc.md checked against plain
# gcc.  Usage: tfcc-test.sh TFCC REWRITER   (REWRITER: stub-rewrite.sh or
# the real tf-rewrite).  Prints one line per failed check; exit 1 if any.
set -u
TFCC=$(readlink -f "$1")
export TF_REWRITE=$(readlink -f "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/tfcc-test.XXXXXX")
export TMPDIR=$W/tmp            # tfcc's temp dirs land here: must stay empty
mkdir -p "$TMPDIR"
trap 'rm -rf "$W"' EXIT
unset TF_DISABLE TF_KEEP TF_VERBOSE TF_EXPLAIN TF_SKIP_FILES TF_SKIP_FUNCS TF_CC TF_PLAIN_INLINE TF_INLINE_RAISE TF_PROBES
. "$(dirname "$0")/lib.sh"
# instrumented OBJ: the rewriter's code is in the object
instrumented() { nm "$1" 2>/dev/null | grep -Eq 'tf_stub_marker|tf__S_'; }
not_instrumented() { ! instrumented "$1"; }

# ---- the source tree every check starts from ----
T0=$W/tree
mkdir -p "$T0/src" "$T0/obj" "$T0/inc"
cat > "$T0/src/foo.c" <<'EOF'
#include "bar.h"
#include <stdio.h>
int add(int a, int b) { return a + b; }
int main(void) { printf("%d\n", add(BAR, 2)); return 0; }
EOF
echo '#define BAR 40' > "$T0/src/bar.h"
printf 'int twice(int x) { return 2 * x; }\n' > "$T0/src/two.c"
printf '#include <stdio.h>\nint twice(int);\nint main(void) { printf("%%d\\n", twice(21)); return 0; }\n' > "$T0/src/main2.c"
printf 'int broken(void) {\n  return undefined_thing;\n}\n' > "$T0/src/bad.c"
printf '/* TF_STUB_FAIL */\nint broken(void) {\n  return nope;\n}\n' > "$T0/src/bad2.c"
printf 'int warn(void) {\n  int unused;\n  return 0;\n}\n' > "$T0/src/warn.c"
# a quoted header included again by a header beside the source (json-c,
# expat): gcc lists it once
printf '#ifndef H1\n#define H1\nint h1;\n#endif\n' > "$T0/src/h1.h"
printf '#include "h1.h"\n' > "$T0/src/h2.h"
printf '#include "h1.h"\n#include "h2.h"\nint hdup(void) { return h1; }\n' > "$T0/src/hdup.c"
# zstd: the source names ../common/d.h, a header there includes it by its
# bare name: gcc lists it twice, and so must tfcc
mkdir -p "$T0/zcommon" "$T0/zsrc"
cp "$T0/src/h1.h" "$T0/zcommon/h1.h"
printf '#include "h1.h"\n' > "$T0/zcommon/h2.h"
printf '#include "../zcommon/h1.h"\n#include "../zcommon/h2.h"\nint zh(void) { return h1; }\n' > "$T0/zsrc/zh.c"
# .c files the source includes (pasted into the rewritten copy): once, and
# a template three times; they and their headers in the .d as gcc lists them
mkdir -p "$T0/src/sub dir"
printf '#include "../bar.h"\nstatic int part(void) { return BAR; }\n' > "$T0/src/sub dir/part.c"
printf '#include "h1.h"\nstatic int CAT(get_, N)(void) { return N + h1; }\n' > "$T0/src/tmpl.c"
printf '#define CAT_(a, b) a##b\n#define CAT(a, b) CAT_(a, b)\n#include "sub dir/part.c"\n#define N 1\n#include "tmpl.c"\n#undef N\n#define N 2\n#include "tmpl.c"\n#undef N\n#define N 3\n#include "tmpl.c"\nint incc(void) { return part() + get_1() + get_2() + get_3(); }\n' > "$T0/src/incc.c"
# the same through an -I directory: gcc lists it twice, and so must tfcc
mkdir -p "$T0/hinc"
cp "$T0/src/h1.h" "$T0/src/h2.h" "$T0/hinc/"
printf '#include "h1.h"\n#include "h2.h"\nint hinc(void) { return h1; }\n' > "$T0/hinc.c"
printf '\t.text\n\t.globl asmfn\nasmfn:\n\tret\n' > "$T0/src/a.s"
printf '#define RET ret\n\t.text\n\t.globl asmfn2\nasmfn2:\n\tRET\n' > "$T0/src/b.S"
printf 'int cxx(int x) { return x + 1; }\n' > "$T0/src/x.cpp"
printf 'int helper(int x) { return x * 3; }\n' > "$T0/src/weird.txt"
echo '#define H 1' > "$T0/src/h.h"
cp "$T0/src/foo.c" "$T0/foo.c"; cp "$T0/src/bar.h" "$T0/bar.h"

fresh() { rm -rf "$W/run"; cp -r "$T0" "$W/run"; }
# both ARGS...: run "gcc ARGS" and "tfcc gcc ARGS" (gcc: $CCW if set)
# from fresh trees (stdin
# from $IN, default /dev/null); keep status, stdout, stderr (temporary
# object names and code offsets made uniform) and the resulting trees
# in $W/{p,t}.*
IN=/dev/null
both() {
	local who
	for who in p t; do
		fresh
		if [ $who = p ]; then
			(cd "$W/run" && ${CCW:-gcc} "$@" <"$IN" >"$W/$who.out" 2>"$W/$who.err"; echo $? >"$W/$who.rc")
		else
			(cd "$W/run" && "$TFCC" ${CCW:-gcc} "$@" <"$IN" >"$W/$who.out" 2>"$W/$who.err"; echo $? >"$W/$who.rc")
		fi
		sed -i -E -e "s#$TMPDIR/[^ :]*\\.o#TMP.o#g" -e "s#\\(\\.text\\+0x[0-9a-f]+\\)#(.text+OFF)#g" "$W/$who.err"
		rm -rf "$W/$who.tree"; mv "$W/run" "$W/$who.tree"
	done
	IN=/dev/null
}
same_rc() { cmp -s "$W/p.rc" "$W/t.rc"; }
same_out() { cmp -s "$W/p.out" "$W/t.out"; }
same_err() { cmp -s "$W/p.err" "$W/t.err"; }
same_files() { # the same set of files was created
	diff <(cd "$W/p.tree" && find . | sort) <(cd "$W/t.tree" && find . | sort)
}
same_file() { cmp -s "$W/p.tree/$1" "$W/t.tree/$1"; }
all_same() { # LABEL: status, stdout, stderr and created files equal
	local n=$fails
	same_rc || bad "$1: exit status $(cat "$W/p.rc") vs $(cat "$W/t.rc")"
	same_out || bad "$1: stdout differs"
	same_err || bad "$1: stderr differs: $(head -c 300 "$W/t.err")"
	same_files >/dev/null || bad "$1: created files differ: $(same_files | head -5 | tr '\n' ' ')"
	[ $n = $fails ] && ok
}

# ---- pass-through calls: identical output ----
both -E src/foo.c; all_same "-E"
both -M src/foo.c; all_same "-M"
both -MM src/foo.c; all_same "-MM"
both -E -dM -; all_same "-E -dM - (stdin)"
both -fsyntax-only src/foo.c; all_same "-fsyntax-only"
both -dumpversion; all_same "-dumpversion"
both -print-sysroot; all_same "-print-sysroot"
both -dumpmachine; all_same "-dumpmachine"
both --version; all_same "--version"
both -v; all_same "-v alone"
both -c src/a.s; all_same ".s input"; same_file a.o || bad ".s object differs"
both -c src/b.S; all_same ".S input"; same_file b.o || bad ".S object differs"
both -c src/x.cpp; all_same "C++ input"; same_file x.o || bad "C++ object differs"
both -c src/h.h; all_same "header (PCH) input"
both; all_same "no arguments"
both -c src/nonexistent.c; all_same "missing source"
(cd "$T0" && "$TFCC" -dumpversion >"$W/o1" 2>&1; cc -dumpversion >"$W/o2" 2>&1)
check "tfcc -dumpversion (no compiler word)" cmp "$W/o1" "$W/o2"
(cd "$T0" && "$TFCC" -print-sysroot >"$W/o1" 2>&1; echo $? >>"$W/o1"; cc -print-sysroot >"$W/o2" 2>&1; echo $? >>"$W/o2")
check "tfcc -print-sysroot (no compiler word)" cmp "$W/o1" "$W/o2"

# ---- compiles: same names, instrumented, quiet ----
both -c src/foo.c; all_same "-c default name"
check "-c object instrumented" instrumented "$W/t.tree/foo.o"
both -S src/foo.c; all_same "-S default name"
check "-S output instrumented" grep -Eq 'tf_stub_marker|tf__S_' "$W/t.tree/foo.s"
both -c src/foo.c -o obj/x.o; all_same "-c -o"
both -c src/foo.c src/two.c; all_same "two sources -c"
check "two sources both instrumented" instrumented "$W/t.tree/two.o"
both src/foo.c; all_same "link default a.out"
check "a.out runs" sh -c "[ \"\$('$W/t.tree/a.out')\" = 42 ]"
both src/main2.c src/two.c -o prog; all_same "two sources linked"
check "linked program runs" sh -c "[ \"\$('$W/t.tree/prog')\" = 42 ]"
check "linked program instrumented" instrumented "$W/t.tree/prog"
# a static local of a static function inlined into two callers (its
# second name is set in each copy): no tf. symbol leaks into the dynamic
# symbol table of a program linked -rdynamic (lua is)
printf 'static inline const int *g(int k) { static const int inv = -1; return k ? &inv : 0; }\nint a(int k) { return g(k) != 0; }\nint main(int c, char **v) { (void)v; return a(c) + (g(c + 1) != 0) - 2; }\n' >"$W/t.tree/inl.c"
(cd "$W/t.tree" && "$TFCC" gcc -O2 -rdynamic -o inl inl.c) >/dev/null 2>&1
check "-rdynamic: a static local's names stay hidden" sh -c "'$W/t.tree/inl' && ! nm -D '$W/t.tree/inl' | grep -q ' tf\\.'"
both -c foo.c; all_same "source in cwd"
both -c src/two.c src/nothing.o; all_same "-c with an unused object file"
both -c src/two.c -lm; all_same "-c with -lm"
both -c src/foo.c -oobj/j.o; all_same "joined -oFILE"
both -xc -c src/weird.txt; all_same "joined -xc"
both -c src/foo.c src/a.s src/b.S; all_same "mixed C and assembler -c"
both src/main2.c src/two.c src/a.s -o prog -lm; all_same "mixed link with -l"
both -x c -c src/weird.txt -o w.o; all_same "-x c on a .txt file"
check "-x c file instrumented" instrumented "$W/t.tree/w.o"
both -x c src/weird.txt -x none src/main2.c -c; all_same "-x c then -x none"
both -shared -fPIC src/two.c -o libtwo.so; all_same "-shared link"
both -Wall -c src/warn.c; all_same "warning text names the original"
check "warning was printed" grep -q 'warn.c:2' "$W/t.err"

# ---- failures: same status and diagnostics as gcc ----
both -c src/bad.c; all_same "compile error (instrumented compile fails)"
check "error names original file and line" grep -q 'src/bad.c:2' "$W/t.err"
both -c src/bad2.c; all_same "compile error (rewriter fails)"
both src/bad.c src/foo.c -o prog; all_same "link call with a broken source"
both src/two.c -o prog; all_same "link error (no main)"

# ---- dependency files name the original ----
for flags in "-MD" "-MMD" "-MD -MF obj/deps.d" "-MD -MT tgt -MQ q\$x" \
	     "-MMD -MP" "-Wp,-MD,obj/wp.d" "-Wp,-MMD,obj/wp.d"; do
	# shellcheck disable=SC2086
	both $flags -c src/foo.c -o obj/foo.o; all_same "deps: $flags -c -o"
	for f in obj/foo.d obj/deps.d obj/wp.d; do
		[ -f "$W/p.tree/$f" ] && { same_file "$f" || bad "deps: $flags: $f differs"; }
	done
	both $flags -c src/foo.c; all_same "deps: $flags -c"
	[ -f "$W/p.tree/foo.d" ] && { same_file foo.d || bad "deps: $flags: foo.d differs"; }
done
# a source named with a leading ./ (zstd's vpath gives .//common/x.c):
# gcc writes it without
for srcname in ./src/foo.c .//src/foo.c; do
	both -MMD -MP -c "$srcname" -o obj/dot.o; all_same "deps: $srcname"
	same_file obj/dot.d || bad "deps: $srcname: obj/dot.d differs"
done
for flags in "-MD" "-MMD -MP"; do
	# shellcheck disable=SC2086
	both $flags -c src/hdup.c -o obj/hdup.o; all_same "deps: $flags, a header included twice"
	same_file obj/hdup.d || bad "deps: $flags: obj/hdup.d differs (a header listed twice?)"
	# shellcheck disable=SC2086
	# shellcheck disable=SC2086
	both $flags -c zsrc/zh.c -o obj/zh.o; all_same "deps: $flags, ../dir/h.h included again by its bare name"
	same_file obj/zh.d || bad "deps: $flags: obj/zh.d differs (gcc lists the header twice)"
	both -Ihinc $flags -c hinc.c -o obj/hinc.o; all_same "deps: $flags, a header twice through -I"
	same_file obj/hinc.d || bad "deps: $flags: obj/hinc.d differs (gcc lists the header twice)"
done
for flags in "-MD" "-MMD -MP"; do
	# shellcheck disable=SC2086
	both $flags -c src/incc.c -o obj/incc.o; all_same "deps: $flags, .c files included"
	same_file obj/incc.d || bad "deps: $flags: obj/incc.d differs (a pasted .c file missing?)"
done
check "deps: .c files included: instrumented" instrumented "$W/t.tree/obj/incc.o"
both -MD -c foo.c; all_same "deps: source in cwd"; same_file foo.d || bad "deps: foo.d (cwd) differs"
both -MD src/foo.c -o prog; all_same "deps: compile and link"; same_file prog.d || bad "deps: prog.d differs"
both -MD src/foo.c; all_same "deps: compile and link to a.out"; same_file a-foo.d || bad "deps: a-foo.d differs"

if command -v clang >/dev/null; then
	CCW=clang both -MD -c src/foo.c -o obj/foo.o; all_same "clang -MD"
	same_file obj/foo.d || bad "clang: obj/foo.d differs"
	CCW=clang both -MD -MP -c src/hdup.c -o obj/hdup.o; all_same "clang -MD -MP, a header included twice"
	same_file obj/hdup.d || bad "clang: obj/hdup.d differs"
	CCW=clang both -MD -MP -c src/incc.c -o obj/incc.o; all_same "clang -MD -MP, .c files included"
	same_file obj/incc.d || bad "clang: obj/incc.d differs"
	CCW=clang both -MD src/main2.c src/two.c -o prog; all_same "clang -MD link"
	same_file prog.d || bad "clang: prog.d differs"
	check "clang: linked program runs" sh -c "[ \"\$('$W/t.tree/prog')\" = 42 ]"
	CCW=clang both -g -c src/foo.c; all_same "clang -g"
	check "clang -g: no temp path" sh -c "! strings -a '$W/t.tree/foo.o' | grep -qF tmp/tfcc."
	CCW=clang both -c src/bad.c; all_same "clang compile error"
fi

# ---- debug info and coverage name the original ----
both -g -c src/foo.c -o obj/foo.o; all_same "-g"
readelf --debug-dump=info,line "$W/t.tree/obj/foo.o" >"$W/dw" 2>&1
check "-g: DW_AT_name is the original" grep -Eq 'DW_AT_name.*: src/foo.c$' "$W/dw"
check "-g: no temp path in the object" sh -c "! strings -a '$W/t.tree/obj/foo.o' | grep -qF tmp/tfcc."
both -g src/foo.c -o prog; all_same "-g link"
check "-g link: no temp path in the program" sh -c "! strings -a '$W/t.tree/prog' | grep -qF tmp/tfcc."
both -g -ffile-prefix-map="$W/run=." -c "$W/run/src/foo.c" -o obj/foo.o; all_same "-g with the user's -ffile-prefix-map"
for who in p t; do readelf --debug-dump=info "$W/$who.tree/obj/foo.o" | grep -E 'DW_AT_(name|comp_dir)' | head -2 >"$W/$who.dw"; done
check "-ffile-prefix-map: same DW_AT_name and comp_dir" cmp "$W/p.dw" "$W/t.dw"
check "-ffile-prefix-map: DW_AT_name ./src/foo.c" grep -q ': ./src/foo.c$' "$W/t.dw"
for mode in "-c src/foo.c -o obj/foo.o" "-c src/foo.c" "src/foo.c -o prog" "src/foo.c"; do
	# shellcheck disable=SC2086
	both --coverage $mode; all_same "--coverage $mode"
done
(cd "$W/t.tree" && ./a.out >/dev/null && gcov -n a-foo.gcda >"$W/gcov" 2>&1)
check "gcov reports the original file" grep -q "File 'src/foo.c'" "$W/gcov"
check "gcov: no temp path" sh -c "! grep -qF tmp/tfcc. '$W/gcov'"
# __TIMESTAMP__ is the compiled file's modification time: the source's
printf '#include <stdio.h>\nint main(void) { puts(__TIMESTAMP__); return 0; }\n' >"$W/ts.c"
touch -d '2020-01-02 03:04:05' "$W/ts.c"
gcc "$W/ts.c" -o "$W/ts-gcc" && "$TFCC" gcc "$W/ts.c" -o "$W/ts-tfcc"
check "__TIMESTAMP__ is the source's, as with gcc" sh -c "[ \"\$('$W/ts-tfcc')\" = \"\$('$W/ts-gcc')\" ] && [ \"\$('$W/ts-gcc')\" = 'Thu Jan  2 03:04:05 2020' ]"

# ---- response files, stdin ----
printf -- "-c 'src/foo.c'\n-o \"obj/r sp.o\" -DX=1\n" > "$T0/rsp"
both @rsp; all_same "@response file"
check "@response object instrumented" instrumented "$W/t.tree/obj/r sp.o"
IN=$T0/src/two.c both -x c -c - -o s.o; all_same "stdin -o"
check "stdin object instrumented" instrumented "$W/t.tree/s.o"
IN=$T0/src/two.c both -x c -c -; all_same "stdin default name"
IN=$T0/src/bad.c both -x c -c -; all_same "stdin compile error"

# ---- environment ----
fresh; (cd "$W/run" && TF_DISABLE=1 "$TFCC" gcc -c src/foo.c)
check "TF_DISABLE=1 not instrumented" not_instrumented "$W/run/foo.o"
fresh; (cd "$W/run" && TF_SKIP_FILES='*/foo.c,nothing' "$TFCC" gcc -c src/foo.c src/two.c)
check "TF_SKIP_FILES skips" not_instrumented "$W/run/foo.o"
check "TF_SKIP_FILES keeps others" instrumented "$W/run/two.o"
fresh; (cd "$W/run" && TF_KEEP=1 "$TFCC" gcc -c src/two.c 2>"$W/keep")
kept=$(sed -n 's/^tfcc: kept temporary files in //p' "$W/keep")
check "TF_KEEP=1 keeps and says where" test -n "$kept" -a -d "$kept"
rm -rf "$kept"
fresh; (cd "$W/run" && TF_VERBOSE=1 "$TFCC" gcc -c src/two.c 2>"$W/verb")
check "TF_VERBOSE=1 prints commands" grep -q '^tfcc: + ' "$W/verb"
# gcc's inline limits raised by the trap's size at -O2, unless TF_PLAIN_INLINE
fresh; (cd "$W/run" && TF_VERBOSE=1 "$TFCC" gcc -O2 -c src/two.c 2>"$W/verb")
check "-O2: inline limits raised" grep -q -- '--param=max-inline-insns-auto=31 --param=max-inline-insns-single=86' "$W/verb"
fresh; (cd "$W/run" && TF_PLAIN_INLINE=1 TF_VERBOSE=1 "$TFCC" gcc -O2 -c src/two.c 2>"$W/verb")
check "TF_PLAIN_INLINE=1: gcc's own limits" sh -c "! grep -q -- --param=max-inline '$W/verb'"
check "TF_PLAIN_INLINE=1: still instrumented" instrumented "$W/run/two.o"
fresh; (cd "$W/run" && TF_INLINE_RAISE=5 TF_VERBOSE=1 "$TFCC" gcc -O3 -c src/two.c 2>"$W/verb")
check "TF_INLINE_RAISE=5 at -O3" grep -q -- '--param=max-inline-insns-auto=35 --param=max-inline-insns-single=205' "$W/verb"
fresh; (cd "$W/run" && TF_INLINE_RAISE=0 TF_VERBOSE=1 "$TFCC" gcc -O2 -c src/two.c 2>"$W/verb")
check "TF_INLINE_RAISE=0: gcc's own limits" sh -c "! grep -q -- --param=max-inline '$W/verb'"
fresh; (cd "$W/run" && TF_INLINE_RAISE=lots TF_VERBOSE=1 "$TFCC" gcc -O2 -c src/two.c 2>"$W/verb")
check "TF_INLINE_RAISE=lots: one warning line" sh -c "[ \$(grep -c \"TF_INLINE_RAISE='lots' is not a number\" '$W/verb') = 1 ]"
check "TF_INLINE_RAISE=lots: the default raise" grep -q -- '--param=max-inline-insns-auto=31' "$W/verb"
check "TF_INLINE_RAISE=lots: still instrumented" instrumented "$W/run/two.o"
fresh; (cd "$W/run" && TF_EXPLAIN=1 "$TFCC" gcc -c src/two.c >/dev/null 2>&1)
check "TF_EXPLAIN=1 compiles" test -f "$W/run/two.o"
fresh; (cd "$W/run" && "$TFCC" --explain gcc -c src/two.c >/dev/null 2>&1)
check "--explain compiles" test -f "$W/run/two.o"
fresh; (cd "$W/run" && TF_CC=gcc "$TFCC" -c src/two.c)
check "TF_CC when no compiler word" instrumented "$W/run/two.o"

# launchers stay in front of the compiler
mkdir -p "$W/bin"
printf '#!/bin/sh\necho "$@" >> "%s/launcher.log"\nexec "$@"\n' "$W" > "$W/bin/ccache"
chmod +x "$W/bin/ccache"
fresh; (cd "$W/run" && "$TFCC" "$W/bin/ccache" gcc -c src/two.c)
check "launcher: object instrumented" instrumented "$W/run/two.o"
check "launcher: used for the compile" grep -q '^gcc .*-c -x c .*/two.c -o two.o' "$W/launcher.log"
check "launcher: not used for -dumpfullversion" sh -c "! grep -q dumpfullversion '$W/launcher.log'"

# what the rewriter is given (the stub logs it)
if [ "$(basename "$TF_REWRITE")" = stub-rewrite.sh ]; then
	fresh; (cd "$W/run" && TF_STUB_LOG=$W/stub.log TF_SKIP_FUNCS='f*,g' "$TFCC" gcc -DX=1 -MD -c src/foo.c -o obj/foo.o)
	check "rewriter args: name key version output" grep -Eq -- '^--name src/foo.c --key obj/foo.o --gnuc-version [0-9.]+ --weak-statics --skip-funcs f\*,g -o [^ ]+/foo.c src/foo.c -- ' "$W/stub.log"
	check "rewriter args: -iquote first, user flags, no -MD" grep -Eq -- ' -- -iquote src -DX=1$' "$W/stub.log"
	fresh; (cd "$W/run" && TF_STUB_LOG=$W/stub2.log "$TFCC" clang -c src/foo.c)
	check "rewriter args: no --gnuc-version for clang" sh -c "! grep -q gnuc-version '$W/stub2.log'"
	# statics' sites resolved in the object (wrap/fnfix.c): not for
	# assembly output, nor LTO's intermediate objects
	fresh; (cd "$W/run" && TF_STUB_LOG=$W/stub4.log "$TFCC" gcc -S src/foo.c &&
		TF_STUB_LOG=$W/stub4.log "$TFCC" gcc -flto -c src/foo.c)
	check "rewriter args: no --weak-statics for -S or -flto" sh -c "[ \$(grep -c . '$W/stub4.log') = 2 ] && ! grep -q weak-statics '$W/stub4.log'"
	check "rewriter args: --lto for -flto only (no shared trap check)" sh -c "[ \"\$(grep -c -- ' --lto ' '$W/stub4.log')\" = 1 ] && ! grep -q -- ' --lto ' '$W/stub.log'"
	fresh; (cd "$W/run" && TF_STUB_LOG=$W/stub3.log "$TFCC" "$TFCC" gcc -c src/two.c)
	check "tfcc tfcc gcc: rewritten once" test "$(wc -l <"$W/stub3.log")" -eq 1
fi

# ---- a broken rewriter never breaks the build ----
for rw in /bin/false /nonexistent/tf-rewrite "$HERE/stub-rewrite.sh --bogus"; do
	fresh
	(cd "$W/run" && TF_REWRITE=$rw "$TFCC" gcc src/main2.c src/two.c -o prog 2>"$W/err")
	check "rewriter $rw: builds" sh -c "[ \"\$('$W/run/prog')\" = 42 ]"
	[ "$(wc -l <"$W/err")" -le 2 ] && ok || bad "rewriter $rw: too chatty: $(cat "$W/err")"
done
cat > "$W/garbage-rewrite" <<'EOF'
#!/bin/sh
while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done
echo 'this is not C' > "$out"
EOF
chmod +x "$W/garbage-rewrite"
fresh; (cd "$W/run" && TF_REWRITE=$W/garbage-rewrite "$TFCC" gcc -c src/two.c 2>"$W/err")
check "rewriter output that does not compile: falls back" test -f "$W/run/two.o"
check "... with one warning" test "$(wc -l <"$W/err")" -eq 1

# ---- parallel make ----
fresh
mkdir "$W/run/mk"
for i in 1 2 3 4 5 6; do printf 'int f%d(void) { return %d; }\n' $i $i > "$W/run/mk/f$i.c"; done
printf 'int f1(void),f2(void),f3(void),f4(void),f5(void),f6(void);\nint main(void) { return f1()+f2()+f3()+f4()+f5()+f6() == 21 ? 0 : 1; }\n' > "$W/run/mk/main.c"
printf 'OBJS = main.o f1.o f2.o f3.o f4.o f5.o f6.o\nprog: $(OBJS)\n\t$(CC) -o $@ $(OBJS)\n%%.o: %%.c\n\t$(CC) -MMD -c $< -o $@\n' > "$W/run/mk/Makefile"
check "make -j4 with CC=tfcc gcc" make -s -C "$W/run/mk" -j4 CC="$TFCC gcc"
check "make -j4 program runs" "$W/run/mk/prog"
check "make -j4 objects instrumented" instrumented "$W/run/mk/f6.o"

# ---- an autoconf-style probe sequence answers as gcc does, instrumented
# (probe.c: autoconf's conftest.c would go through untouched, below) ----
probe() { # probe LABEL SOURCE ARGS...
	local label=$1 src=$2; shift 2
	printf '%s\n' "$src" > "$T0/probe.c"
	both "$@" probe.c; all_same "probe: $label"
	rm -f "$T0/probe.c"
}
probe "empty main" 'int main(void) { return 0; }' -o probe
probe "missing header" '#include <no_such_header.h>
int main(void) { return 0; }' -c
probe "undeclared function" 'int main(void) { return no_such_function(); }' -Werror -c
probe "link undefined" 'char no_such_fn(void); int main(void) { return no_such_fn(); }' -o probe
probe "-lm link" '#include <math.h>
int main(void) { return (int)sin(0.0); }' -o probe -lm
probe "bad flag" 'int main(void) { return 0; }' -fno-such-flag -c
probe "sizeof check" 'int main(void) { static int a[(sizeof(long) == 8) ? 1 : -1]; a[0] = 0; return a[0]; }' -c
probe "K&R" 'int f(a) int a; { return a; } int main(void) { return f(0); }' -o probe

# ---- build systems' own probes go to the compiler untouched
# (TF_PROBES=1: instrumented) ----
P=CMakeFiles/CMakeScratch/TryCompile-x
mkdir -p "$T0/$P" "$T0/meson-private/tmp1"
printf 'int one(void) { return 1; }\nint main(void) { return one() - 1; }\n' |
	tee "$T0/conftest.c" "$T0/$P/src.c" "$T0/meson-private/tmp1/testfile.c" > /dev/null
fresh
(cd "$W/run" && "$TFCC" gcc -c conftest.c && "$TFCC" gcc -o conftest conftest.c &&
	"$TFCC" gcc -c "$W/run/$P/src.c" -o "$P/src.c.o" &&
	"$TFCC" gcc -c meson-private/tmp1/testfile.c -o meson-private/tmp1/testfile.o) 2>/dev/null
for f in conftest.o conftest "$P/src.c.o" meson-private/tmp1/testfile.o; do
	if [ -e "$W/run/$f" ]; then
		check "probe $f untouched" not_instrumented "$W/run/$f"
	else
		bad "probe $f: not built"
	fi
done
check "probe conftest runs" "$W/run/conftest"
# nginx's configure: objs/autotest.c beside the ngx_auto_headers.h it
# wrote first; an autotest.c elsewhere is a source like any other
fresh
mkdir -p "$W/run/objs" "$W/run/other"
cp "$W/run/conftest.c" "$W/run/objs/autotest.c"; cp "$W/run/conftest.c" "$W/run/other/autotest.c"
: > "$W/run/objs/ngx_auto_headers.h"
(cd "$W/run" && "$TFCC" gcc -o objs/autotest objs/autotest.c && "$TFCC" gcc -o other/autotest other/autotest.c) 2>/dev/null
check "probe nginx objs/autotest untouched" not_instrumented "$W/run/objs/autotest"
check "an autotest.c that is no nginx probe is instrumented" instrumented "$W/run/other/autotest"
fresh
(cd "$W/run" && TF_PROBES=1 "$TFCC" gcc -c conftest.c) 2>/dev/null
check "TF_PROBES=1 instruments conftest.c" instrumented "$W/run/conftest.o"
fresh
(cd "$W/run" && cp conftest.c myconftest.c && "$TFCC" gcc -c myconftest.c) 2>/dev/null
check "myconftest.c is no probe" instrumented "$W/run/myconftest.o"
rm -rf "$T0/conftest.c" "$T0/CMakeFiles" "$T0/meson-private"

# ---- signals remove the temp dir ----
cat > "$W/slow-rewrite" <<EOF
#!/bin/sh
echo \$\$ > "$W/slow.pid"
exec sleep 600
EOF
chmod +x "$W/slow-rewrite"
fresh
(cd "$W/run" && TF_REWRITE=$W/slow-rewrite exec "$TFCC" gcc -c src/two.c) 2>/dev/null &
tfpid=$!
deadline=$((SECONDS + 20))
while [ ! -s "$W/slow.pid" ] && [ $SECONDS -lt $deadline ]; do :; done
kill -TERM $tfpid; wait $tfpid 2>/dev/null
kill "$(cat "$W/slow.pid")" 2>/dev/null
check "SIGTERM: temp dir removed" sh -c "[ -z \"\$(ls '$TMPDIR')\" ]"
# stderr a pipe nobody reads (a build's "2>&1 | grep -q"): SIGPIPE
fresh
python3 - "$W/run" "$TFCC" <<'EOF2' >"$W/pipe.out"
import os, signal, subprocess, sys
r, w = os.pipe()
os.close(r)
env = dict(os.environ, TF_VERBOSE="1")
p = subprocess.run([sys.argv[2], "gcc", "-c", "src/two.c"], cwd=sys.argv[1],
                   stderr=w, env=env, restore_signals=True)
print(p.returncode)
EOF2
check "SIGPIPE: tfcc dies of it" grep -qx -- -13 "$W/pipe.out"
check "SIGPIPE: temp dir removed" sh -c "[ -z \"\$(ls '$TMPDIR')\" ]"
# an ignored SIGHUP (nohup) stays ignored
fresh
rm -f "$W/slow.pid"
(cd "$W/run" && trap '' HUP && TF_REWRITE=$W/slow-rewrite exec "$TFCC" gcc -c src/two.c) 2>/dev/null &
tfpid=$!
deadline=$((SECONDS + 20))
while [ ! -s "$W/slow.pid" ] && [ $SECONDS -lt $deadline ]; do sleep 0.02; done
kill -HUP $tfpid
kill "$(cat "$W/slow.pid")" 2>/dev/null
wait $tfpid 2>/dev/null
st=$?
check "SIGHUP ignored by the caller: tfcc lives on (status $st)" test $st -eq 0
check "... and compiles" test -s "$W/run/two.o"
check "SIGHUP ignored: temp dir removed at the end" sh -c "[ -z \"\$(ls '$TMPDIR')\" ]"

# ---- CMake launchers ----
if command -v cmake >/dev/null; then
	mkdir -p "$W/cm"
	cp "$T0/src/main2.c" "$T0/src/two.c" "$W/cm/"
	printf 'cmake_minimum_required(VERSION 3.18)\nproject(p C)\nadd_executable(prog main2.c two.c)\n' > "$W/cm/CMakeLists.txt"
	if cmake -S "$W/cm" -B "$W/cm/b" -DCMAKE_C_COMPILER_LAUNCHER="$TFCC" \
		-DCMAKE_C_LINKER_LAUNCHER="$TFCC" >"$W/cm.log" 2>&1 &&
	   cmake --build "$W/cm/b" >>"$W/cm.log" 2>&1; then
		check "cmake launcher: program runs" sh -c "[ \"\$('$W/cm/b/prog')\" = 42 ]"
		check "cmake launcher: instrumented" instrumented "$W/cm/b/prog"
	else
		bad "cmake launcher build: $(tail -5 "$W/cm.log")"
	fi
fi

# ---- the runtime is linked when it exists ----
if [ -f "$(dirname "$TFCC")/../lib/libtf.so" ]; then
	fresh; (cd "$W/run" && "$TFCC" gcc src/foo.c -o prog -Wl,--as-needed)
	check "libtf.so linked" sh -c "readelf -d '$W/run/prog' | grep -q 'NEEDED.*libtf'"
	check "program with libtf runs" sh -c "[ \"\$('$W/run/prog')\" = 42 ]"
fi
fresh; (cd "$W/run" && "$TFCC" gcc -nostdlib -r src/two.c -o r.o)
check "-r -nostdlib: no runtime" sh -c "! nm '$W/run/r.o' | grep -q ' T tf_'"

# ---- a runtime that does not link never breaks the link ----
mkdir -p "$W/fake/bin" "$W/fake/lib"
cp "$TFCC" "$W/fake/bin/tfcc"
echo 'not a library' > "$W/fake/lib/libtf.so"
fresh; (cd "$W/run" && "$W/fake/bin/tfcc" gcc src/main2.c src/two.c -o prog 2>"$W/err")
check "broken libtf: still links" sh -c "[ \"\$('$W/run/prog')\" = 42 ]"
check "broken libtf: one warning" test "$(wc -l <"$W/err")" -eq 1
fresh; (cd "$W/run" && gcc -c src/two.c && "$W/fake/bin/tfcc" gcc two.o -o prog 2>"$W/err"; echo $? >"$W/rc")
check "broken libtf, link of objects: plain gcc's error" grep -q "undefined reference to .main'" "$W/err"
check "broken libtf, link of objects: exit 1" test "$(cat "$W/rc")" = 1
check "broken libtf, link of objects: no libtf noise" sh -c "! grep -q libtf '$W/err'"

# ---- statics' sites (wrap/fnfix.c): the site of a static gcc emitted
# points at it in the object, one it inlined everywhere at an undefined
# weak symbol (the linker makes it 0); with -ffunction-sections too; not
# with -S ----
if [ "$(basename "$TF_REWRITE")" = tf-rewrite ]; then
	mkdir -p "$W/st"
	cat > "$W/st/st.c" <<'EOF2'
static int once(int x) { return x + 1; }
static __attribute__((noinline)) int kept(int x) { return x * 3 + (x > 9); }
int api(int x) { return once(x) + kept(x) + kept(x + 1); }
EOF2
	for fl in "" -ffunction-sections; do
		(cd "$W/st" && "$TFCC" gcc -O2 $fl -c st.c -o st.o 2>"$W/err")
		check "statics $fl: quiet" test ! -s "$W/err"
		readelf -sW "$W/st/st.o" >"$W/st/syms"
		readelf -rW "$W/st/st.o" >"$W/st/relocs"
		# .fn entries in section tf_fn, not loaded (TF__FNFILE): settled
		# at link, read by the runtime with the site records
		check "statics $fl: kept's site points at kept itself" sh -c "sed -n '/rela\.\{0,1\}tf_fn/,/^\$/p' '$W/st/relocs' | grep -Eq 'R_X86_64_64 +0+ kept \+ 0\$'"
		check "statics $fl: no second name for kept (gdb would print it)" sh -c "! grep -q '_kept' '$W/st/relocs' && ! awk '\$7 != \"UND\"' '$W/st/syms' | grep -q tf__F_"
		check "statics $fl: api's entry names its own copy (a local equate)" sh -c "sed -n '/rela\.\{0,1\}tf_fn/,/^\$/p' '$W/st/relocs' | grep -Eq 'R_X86_64_64 +0+ \.text[.a-z]* \+ '"
		bss=$(readelf -SW "$W/st/st.o" | sed -n 's/^ *\[ *\([0-9]*\)\] \.bss .*/\1/p')
		check "statics $fl: the site array holds no address (all in .bss)" sh -c "grep -E ' tf__S_[0-9a-f]{16}\$' '$W/st/syms' | awk '{ print \$7 }' | grep -qx '$bss'"
		check "statics $fl: once (inlined) has no copy, its entry no relocation" sh -c "! grep -q ' once\$' '$W/st/syms' && ! grep -q '_once' '$W/st/relocs' && grep -q R_X86_64_NONE '$W/st/relocs'"
	done
	(cd "$W/st" && "$TFCC" --explain gcc -O2 -c st.c -o st.o 2>"$W/st/explain")
	check "statics --explain: once is replace only" grep -qx 'tfcc: st.c: once: no out-of-line copy (the compiler inlined it into every caller): replace only' "$W/st/explain"
	check "statics --explain: kept is not" sh -c "! grep -q 'kept: no out-of-line' '$W/st/explain'"
	# clang rewrites a local function whose address is not taken in place
	# (constant propagation, dead arguments): its sites keep &f, so once
	# keeps a copy
	if command -v clang >/dev/null; then
		(cd "$W/st" && "$TFCC" clang -O2 -c st.c -o stc.o 2>"$W/err")
		nm "$W/st/stc.o" >"$W/st/syms"
		check "statics under clang: no weak sites, once is kept" sh -c "! grep -q tf__F_ '$W/st/syms' && grep -q ' t once\$' '$W/st/syms'"
	fi
	(cd "$W/st" && "$TFCC" gcc -O2 -c st.c -o /dev/null 2>"$W/err")
	check "statics -o /dev/null (configure probes): quiet" test ! -s "$W/err"
	(cd "$W/st" && "$TFCC" gcc -O2 -S st.c -o st.s)
	check "statics -S: sites name the functions" sh -c "! grep -q tf__F_ '$W/st/st.s'"
	# a file name with '"' takes the trap without asm (TF__NO_ASM): static
	# locals of functions only dead code calls still link, the sites are
	# found and a mock of a static takes, and __FILE__ names the file
	mkdir -p "$W/st/q\"d"
	cat > "$W/st/q\"d/a\"b.c" <<'EOF2'
#include <stdio.h>
#include <tigerfix/tf.h>
#define LEVEL 0
static void dbg(const char *s) { static int count; count++; fprintf(stderr, "%s %d\n", s, count); }
static inline const char *last(void) { static const char *l = "x"; return l; }
static int val(void) { static int m = 7; return ++m; }
static int fake(void) { return 42; }
int main(void)
{
	if (LEVEL > 1) { dbg("hi"); puts(last()); }
	printf("%d %s\n", val(), tf_site_find("last") && tf_site_find("dbg") ? "found" : "missing");
	TF_MOCK(val, fake);
	printf("%d %s\n", val(), __FILE__);
	return 0;
}
EOF2
	for fl in -O0 -O2 "-O2 -fPIE -pie"; do
		(cd "$W/st/q\"d" && "$TFCC" gcc $fl -Wall -Werror -I"$HERE/../../include" 'a"b.c' -o q >"$W/out" 2>&1; echo $? >"$W/rc")
		check "file name with a quote $fl: builds quietly" sh -c "grep -qx 0 '$W/rc' && test ! -s '$W/out'"
		check "file name with a quote $fl: instrumented, sites found, mock takes" sh -c "[ \"\$('$W/st/q\"d/q' | tr '\n' '|')\" = '8 found|42 a\"b.c|' ]"
	done
	# -Wunused-parameter and -Wunused-but-set-parameter (and an unused
	# static, -Wunused-variable): the trap passes
	# every parameter on, gcc would count them used; tfcc adds gcc's own
	# (wrap/params.c), in gcc's order, and fails as gcc does under -Werror
	mkdir -p "$W/up"
	cat > "$W/up/mix.c" <<'EOF2'
#include <stdlib.h>
#include "incu.c"
static int unused_static;
int f(int a, int b)
{
	int unused_var;
	return a + inc_unused(1, 2);
}
static int g(void *ctx) { return 0; }
void set_only(int x) { x = 3; }
int h(int c, int d __attribute__((unused))) { return c; }
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
int quiet(int q) { return 0; }
#pragma GCC diagnostic pop
int uninit(int k)
{
	int v;
	if (k) v = 1;
	return v + g(0);
}
int late(int a, int z) { return a; }
EOF2
	printf 'static int inc_unused(int p, int q) { return p; }\n' > "$W/up/incu.c"
	for fl in "-Wall -Wextra" "-Wall -Wextra -O2" "-Wall -Wextra -O2 -Werror" \
		  "-Wall -Wextra -Werror=unused-parameter" "-Wall -Wextra -fdiagnostics-color=always" \
		  "-Wextra" "-Wall -Wextra -Wno-unused-parameter" \
		  "-Wall -Wextra -Werror -Wcatch-value"; do
		for lang in C.UTF-8 C; do
			(cd "$W/up" && rm -f g.o t.o &&
			 LANG=$lang gcc $fl -c mix.c -o g.o 2>g.err; echo $? >g.rc
			 LANG=$lang "$TFCC" gcc $fl -c mix.c -o t.o 2>t.err; echo $? >t.rc)
			check "unused parameters, $fl, $lang: gcc's messages" cmp "$W/up/g.err" "$W/up/t.err"
			check "unused parameters, $fl, $lang: gcc's status, object or none" sh -c "cmp -s '$W/up/g.rc' '$W/up/t.rc' && [ -e '$W/up/g.o' = -e '$W/up/t.o' ] 2>/dev/null || { [ -e '$W/up/g.o' ] && [ -e '$W/up/t.o' ]; } || { [ ! -e '$W/up/g.o' ] && [ ! -e '$W/up/t.o' ]; }"
		done
	done
	check "unused parameters: tfcc names them" sh -c "(cd '$W/up' && LANG=C '$TFCC' gcc -Wall -Wextra -c mix.c -o t.o 2>&1) | grep -q \"unused parameter 'z'\""
	check "unused parameters: the object is instrumented" sh -c "(cd '$W/up' && '$TFCC' gcc -Wall -Wextra -c mix.c -o t.o 2>/dev/null) && nm '$W/up/t.o' | grep -q tf__S_"
	# an unused file-scope static: not exported (tf__O), so gcc says
	# "defined but not used" (in the comparisons above) and drops it
	check "unused static: dropped at -O2 as by gcc" sh -c "(cd '$W/up' && gcc -O2 -c mix.c -o g2.o 2>/dev/null && '$TFCC' gcc -O2 -c mix.c -o t2.o 2>/dev/null) && nm '$W/up/g2.o' | grep -qv unused_static && ! nm '$W/up/t2.o' | grep -q unused_static"

	# reproducible builds: one tree built in two directories with
	# -ffile-prefix-map (as dpkg-buildflags passes it), made and named as
	# CMake does (absolute source and -I): the same objects and program,
	# as with plain gcc; the records name the file as __FILE__ does
	for r in r1 r2; do
		mkdir -p "$W/$r/src/inc" "$W/$r/b/o"
		cp "$W/st/st.c" "$W/$r/src/st.c"
		printf '#include "inc/v.h"\nint api(int);\nint main(void) { return api(V) == 0; }\n' >"$W/$r/src/m.c"
		echo '#define V 4' >"$W/$r/src/inc/v.h"
		for cc in gcc "$TFCC gcc"; do
			k=$([ "$cc" = gcc ] && echo g || echo t)
			(cd "$W/$r/b" && for f in st m; do
				$cc -O2 -g -ffile-prefix-map="$W/$r"=. -I"$W/$r/src" -o o/$k$f.o -c "$W/$r/src/$f.c" || exit
			done && $cc -O2 -g -o $k.prog o/${k}st.o o/${k}m.o) >"$W/out" 2>&1
		done
	done
	check "prefix maps: gcc's objects and program are the same in both directories" sh -c "cmp '$W/r1/b/o/gst.o' '$W/r2/b/o/gst.o' && cmp '$W/r1/b/g.prog' '$W/r2/b/g.prog'"
	check "prefix maps: so are tfcc's" sh -c "cmp '$W/r1/b/o/tst.o' '$W/r2/b/o/tst.o' && cmp '$W/r1/b/o/tm.o' '$W/r2/b/o/tm.o' && cmp '$W/r1/b/t.prog' '$W/r2/b/t.prog'"
	check "prefix maps: the program runs" "$W/r1/b/t.prog"
	check "prefix maps: records name the file as __FILE__ does" sh -c "'$(dirname "$TFCC")/tfctl' sites '$W/r1/b/t.prog' | grep -q '^\./src/st\.c:3 *api '"
	# and without maps the directory still tells units apart: the same
	# command in two directories (recursive make), linked into one program
	for r in r1 r2; do
		printf 'static int h(void) { return 1; }\nint f_%s(void) { return h(); }\n' $r >"$W/$r/u.c"
		(cd "$W/$r" && "$TFCC" gcc -O2 -c u.c -o u.o)
	done
	printf 'int f_r1(void), f_r2(void);\nint main(void) { return f_r1() + f_r2() != 2; }\n' >"$W/um.c"
	check "same command in two directories: one program links and runs" sh -c "'$TFCC' gcc -O2 -o '$W/um' '$W/um.c' '$W/r1/u.o' '$W/r2/u.o' && '$W/um'"
	# an object fnfix cannot mend (here: a compiler that leaves the
	# symbol table of the instrumented object unreadable): one warning,
	# and the original compiled, as plain gcc would
	cat > "$W/st/badcc" <<EOF2
#!/bin/sh
gcc "\$@" || exit
case "\$*" in *"$TMPDIR"/*) ;; *) exit 0 ;; esac
while [ \$# -gt 1 ] && [ "\$1" != -o ]; do shift; done
python3 - "\$2" <<'PY'
import struct, sys
f = open(sys.argv[1], 'r+b'); d = f.read()
shoff, = struct.unpack_from('<Q', d, 0x28)
shentsize, shnum = struct.unpack_from('<HH', d, 0x3a)
for i in range(shnum):
    o = shoff + i * shentsize
    if struct.unpack_from('<I', d, o + 4)[0] == 2:      # SHT_SYMTAB
        f.seek(o + 56); f.write(struct.pack('<Q', 0))   # sh_entsize
PY
EOF2
	chmod +x "$W/st/badcc"
	(cd "$W/st" && "$TFCC" ./badcc -O2 -c st.c -o bad.o 2>"$W/st/err"; echo $? >"$W/st/rc")
	check "fnfix fails: the compile still succeeds" grep -qx 0 "$W/st/rc"
	check "fnfix fails: one warning line that says so" sh -c "[ \$(wc -l <'$W/st/err') = 1 ] && grep -q 'cannot give the static functions of .*; compiling it uninstrumented' '$W/st/err'"
	check "fnfix fails: the original compiled" not_instrumented "$W/st/bad.o"
	printf 'int api(int);\nint main(void) { return api(1) != 11; }\n' >"$W/st/m.c"
	check "fnfix fails: the object links and runs" sh -c "cd '$W/st' && gcc m.c bad.o -o badprog && ./badprog"
	# the trap's out-of-line check: one shared routine (trap.h TF__SHARED),
	# except in LTO objects, where each trap spells it out; a function
	# whose cold path calls in asm (twice) has no out-of-line part at
	# all: its trap jumps to the cold block, tf__pcall2 checks
	printf 'double half(double x) { return x / 2; }\nint twice(int x) { return x * 2; }\n' >"$W/st/sh.c"
	(cd "$W/st" && "$TFCC" gcc -O2 -c sh.c -o sh.o && "$TFCC" gcc -O2 -flto -c st.c -o lto.o)
	check "shared check: one tf__check1, no per-trap check" sh -c "nm '$W/st/sh.o' | grep -q ' W tf__check1\$' && ! objdump -d '$W/st/sh.o' | grep -q 'mov  *%fs:0x0,%r11'"
	check "shared check: only half's trap goes through it, twice's cold block calls its unit's stub" sh -c "[ \$(objdump -dr '$W/st/sh.o' | grep -c 'R_X86_64_PLT32.tf__check1') = 1 ] && objdump -dr -j .text '$W/st/sh.o' | sed -n '/<twice>:/,/^\$/p' | grep -c 'R_X86_64_PC32.tf__S_' | grep -qx 1 && objdump -d -j .text '$W/st/sh.o' | sed -n '/<twice>:/,/^\$/p' | grep -A1 'test  *\$0x1,%al' | grep -q call"
	# that trap's branch is C with a probability of 1/10000 (trap.h
	# TF__RENTRY_T): gcc leaves the cold block unaligned
	(cd "$W/st" && "$TFCC" gcc -O2 -S sh.c -o sh.s)
	check "regcall trap: the cold block gives its site's index and calls the unit's stub (no red zone)" sh -c "sed -n '/^twice:/,/^\.LFE/p' '$W/st/sh.s' | grep -A1 '\.byte[[:space:]]*0xa8, 1\$' | grep -q 'call[[:space:]]*tf__P_' && grep -q '^tf__pcall4:' '$W/st/sh.s' && grep -q 'jmp[[:space:]]*tf__pcall4\$' '$W/st/sh.s'"
	(cd "$W/st" && TF_VERBOSE=1 "$TFCC" gcc -O2 -S sh.c -o /dev/null 2>"$W/verb")
	check "regcall trap: compiled with -mno-red-zone -DTF__NORZ=1" grep -q -- '-mno-red-zone -DTF__NORZ=1' "$W/verb"
	(cd "$W/st" && TF_VERBOSE=1 "$TFCC" gcc -O2 -mred-zone -S sh.c -o shr.s 2>"$W/verb")
	check "-mred-zone: neither -mno-red-zone nor TF__NORZ" sh -c "! grep -q -- '-mno-red-zone\|TF__NORZ' '$W/verb'"
	check "-mred-zone: the cold block jumps to tf__pcall2" sh -c "sed -n '/^twice:/,/^\.LFE/p' '$W/st/shr.s' | grep -q 'jmp[[:space:]]*tf__pcall2' && ! grep -q 'tf__pcall4\|tf__P_' '$W/st/shr.s'"
	check "regcall trap: cold block unaligned" sh -c "sed -n '/^twice:/,/^\.LFE/p' '$W/st/sh.s' | grep -q 'jne' && ! sed -n '/^twice:/,/^\.LFE/p' '$W/st/sh.s' | grep -q p2align"
	# the registrar (trap.h TF__REG_DEFINE) runs from .init_array, an
	# indirect call: under indirect-branch tracking it starts with endbr64
	(cd "$W/st" && "$TFCC" gcc -O2 -fcf-protection=full -c sh.c -o cet.o)
	check "registrar: tf__reg6 and tf__unreg6 start with endbr64 under -fcf-protection" sh -c "objdump -d '$W/st/cet.o' | grep -A1 '<tf__reg6>:' | grep -q endbr64 && objdump -d '$W/st/cet.o' | grep -A1 '<tf__unreg6>:' | grep -q endbr64"
	check "registrar: one note per unit, its .init_array entry in the comdat" sh -c "readelf -SW '$W/st/sh.o' | grep -q ' tf_units  *NOTE' && readelf -gW '$W/st/sh.o' | grep -A4 'tf__reg6' | grep -q init_array"
	check "shared check: not in an LTO object" sh -c "! nm '$W/st/lto.o' 2>/dev/null | grep -q tf__check1 && ! grep -q tf__check1 '$W/st/lto.o'"
fi

# ---- no temp files left behind ----
check "no temp dirs left in TMPDIR" sh -c "[ -z \"\$(ls '$TMPDIR')\" ]"

echo "tfcc-test: $((checks - fails))/$checks checks passed ($(basename "$TF_REWRITE"))"
[ $fails -eq 0 ]
