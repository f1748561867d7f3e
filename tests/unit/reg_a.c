/*
** Registry test unit A: mul (global), dup (static, also in reg_b.c), a
** file-scope object and a static local exported through tf__O.
*/
#define FG_S tf__S_ae9a000000000001
#include "fake_gen.h"

FG_DECLARE(2)

int counter_a = 5;
static int dup(int x) { FG_TRAP(1, dup, (x)) return x + 1; }
int mul(int a, int b) { FG_TRAP(0, mul, (a, b))
	static int calls __asm__("tf.l.mul.calls") = 0;
	calls++;
	return a * b + dup(0) - 1;
}
int dup_a(int x) { return dup(x); }

extern int tf__L0 __asm__("tf.l.mul.calls");
static const struct tf_object tf__O[] = { { "counter_a", &counter_a },
					  { "mul/calls", &tf__L0 } };

struct tf_site FG_S[2] = { FG_SITE(0, &mul), FG_SITE(1, &dup) };
FG_UNIT(2, 2, tf__O, "file=/src/proj/reg_a.c\nvariant=0000000a\nabi=2\n"
	FG_REC("name=mul\nfile=/src/proj/reg_a.c\nline=12\nsig=int (int, int)\nsighash=1111111111111111\nbodyhash=2222222222222222\nret=int\nparams=int a\tint b\nflags=\ncc=i4.4;i4.4,i4.4\n")
	FG_REC("name=dup\nfile=/src/proj/reg_a.c\nline=11\nsig=int (int)\nsighash=3333333333333333\nbodyhash=4444444444444444\nret=int\nparams=int x\nflags=static\ncc=i4.4;i4.4\n"))
