/* Registry test unit B: another static dup (same name as in reg_a.c). */
#define FG_S tf__S_ae9b000000000001
#include "fake_gen.h"

FG_DECLARE(1)

static int dup(int x) { FG_TRAP(0, dup, (x)) return x + 2; }
int dup_b(int x) { return dup(x); }

struct tf_site FG_S[1] = { FG_SITE(0, &dup) };
FG_UNIT(1, 0, 0, "tf.unit\n3\nsrc/other/reg_b.c\n0000000b\n1\n"
	FG_REC("dup\nsrc/other/reg_b.c\n7\nint (int)\n5555555555555555\n6666666666666666\nint\nint x\nstatic\ni4.4;i4.4\n"))
