/*
** Registry test unit A: mul (global), dup (static, also in reg_b.c), a
** file-scope object and a static local exported through tf__O (their
** names in the objects record after the site records).
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
static void *const tf__O[] = { &counter_a, &tf__L0 };

struct tf_site FG_S[2] = { FG_SITE(0, &mul), FG_SITE(1, &dup) };
FG_UNIT(2, 2, tf__O, "tf.unit\n3\n/src/proj/reg_a.c\n0000000a\n2\n"
	FG_REC("mul\n/src/proj/reg_a.c\n12\nint (int, int)\n1111111111111111\n2222222222222222\nint\nint a\tint b\n\ni4.4;i4.4,i4.4\n")
	FG_REC("dup\n/src/proj/reg_a.c\n11\nint (int)\n3333333333333333\n4444444444444444\nint\nint x\nstatic\ni4.4;i4.4\n")
	FG_REC(TF_INFO_OBJECTS_MAGIC "\ncounter_a\nmul/calls\n"))
