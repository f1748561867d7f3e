#!/bin/sh
# A unit with a function made for AVX-512 (target or target_clones
# attribute, GCC target pragma naming avx512 or arch=) takes the C call in
# every cold path (wide_target in rewriter/parse.c); any other unit keeps
# the asm call (TF__RSEL) for its integer functions.  Counts the TF__RSEL(
# the rewriter writes after trap.h.  usage: widetarget.sh TF_REWRITE
set -u
rw=$1
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0

# calls NAME: number of TF__RSEL( in the rewritten body of $tmp/NAME.c
calls() {
	"$rw" -o "$tmp/$1.out.c" "$tmp/$1.c" -- -O2 || { echo "FAIL: $1: rewrite failed"; fail=1; }
	sed -n '/^#line 1 "[^"]*\.c"/,$p' "$tmp/$1.out.c" | grep -o 'TF__RSEL(' | wc -l
}
expect() { # NAME WANT
	got=$(calls "$1")
	[ "$got" = "$2" ] || { echo "FAIL: $1: $got asm-call traps, want $2"; fail=1; }
}

printf 'int f(int a) { return a + 1; }\nint g(int b) { return b * 2; }\n' > "$tmp/plain.c"
expect plain 2
printf '__attribute__((target("avx512f"))) int f(int a) { return a + 1; }\nint g(int b) { return b * 2; }\n' > "$tmp/attr.c"
expect attr 0
printf '__attribute__((target("avx2"))) int f(int a) { return a + 1; }\nint g(int b) { return b * 2; }\n' > "$tmp/avx2.c"
expect avx2 2
printf '#pragma GCC push_options\n#pragma GCC target("arch=skylake-avx512")\nint f(int a) { return a + 1; }\n#pragma GCC pop_options\nint g(int b) { return b * 2; }\n' > "$tmp/pragma.c"
expect pragma 0
[ $fail = 0 ] && echo "widetarget: ok"
exit $fail
