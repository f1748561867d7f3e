#!/bin/sh
# The trap must not cost a function its shrink-wrapping (trap.h,
# TF__ENTRY): with gcc -O2, a function with an early exit and a call on
# its slow path must reach the trap's compare before saving any register,
# as its plain build does.  usage: shrinkwrap.sh TF_REWRITE INCLUDE_DIR
set -u
rw=$1 inc=$2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/f.c" <<'C'
struct t { int a; };
int g(struct t *t, int k);
int f(struct t *t, int k) { if (k > 3) return g(t, k - 1) + t->a; return k; }
C
"$rw" --name f.c -o "$tmp/rw.c" "$tmp/f.c" -- -O2 || { echo "FAIL: tf-rewrite"; exit 1; }
gcc -O2 -I"$inc" -c "$tmp/rw.c" -o "$tmp/f.o" || { echo "FAIL: compile"; exit 1; }
# f's instructions up to the trap's compare
head=$(objdump -d --no-show-raw-insn "$tmp/f.o" |
	awk '/<f>:/ { on = 1; next } on && /cmpq +\$0x0/ { exit } on { print }')
if printf '%s\n' "$head" | grep -Eq 'push|sub +\$0x[0-9a-f]+,%rsp'; then
	echo "FAIL: f saves registers or makes a frame before its trap:"
	printf '%s\n' "$head"
	exit 1
fi
echo "shrinkwrap: ok"
