#!/bin/sh
# The shared check's trap (trap.h TF__ENTRY: the cold path never comes
# back into the body) must not cost a function its shrink-wrapping: with
# gcc -O2, a function with an early exit and a call on its slow path must
# reach the trap's compare before saving any register or making a frame,
# as its plain build does.  (A trap whose cold path calls in asm comes
# back into the body for a pass, so there gcc may save registers first;
# docs/generated-code.md.)  And that trap's cold block must keep its call:
# gcc 12 deleted it when the asm goto did not say __volatile__ (the same
# function, taking an int, returned 0 when patched).
# usage: shrinkwrap.sh TF_REWRITE INCLUDE_DIR
set -u
rw=$1 inc=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/f.c" <<'C'
struct t { int a; };
int g(struct t *t, double k);
int f(struct t *t, double k) { if (k > 3) return g(t, k - 1) + t->a; return (int)k; }
int gi(struct t *t, int k);
int fi(struct t *t, int k) { if (k > 3) return gi(t, k - 1) + t->a; return k; }
C
"$rw" --name f.c -o "$tmp/rw.c" "$tmp/f.c" -- -O2 || { echo "FAIL: tf-rewrite"; exit 1; }
gcc -O2 -I"$inc" -c "$tmp/rw.c" -o "$tmp/f.o" || { echo "FAIL: compile"; exit 1; }
objdump -dr --no-show-raw-insn "$tmp/f.o" > "$tmp/dis"
# f's instructions up to the trap's compare
head=$(awk '/<f>:/ { on = 1; next } on && /cmpq +\$0x0|test +%rsp,/ { exit } on { print }' "$tmp/dis")
if printf '%s\n' "$head" | grep -Eq 'push|sub +\$0x[0-9a-f]+,%rsp'; then
	echo "FAIL: f saves registers or makes a frame before its trap:"
	printf '%s\n' "$head"
	exit 1
fi
if ! awk '/<fi>:/ { on = 1; next } on && /^$/ { exit } on { print }' "$tmp/dis" |
	grep -q 'tf__pcall'; then
	echo "FAIL: fi's cold block lost its call:"
	awk '/<fi>:/ { on = 1; next } on && /^$/ { exit } on { print }' "$tmp/dis"
	exit 1
fi
echo "shrinkwrap: ok"
