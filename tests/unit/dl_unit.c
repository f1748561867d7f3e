/* A unit in a shared library, dlopen'ed and dlclose'd by test_registry. */
#define FG_S tf__S_d1d1000000000001
#include "fake_gen.h"

FG_DECLARE(1)

int dl_fn(int x) { FG_TRAP(0, dl_fn, (x)) return x * 3; }

struct tf_site FG_S[1] = { FG_SITE(0, &dl_fn) };
FG_UNIT(1, 0, 0, "tf.unit\n3\ntests/unit/dl_unit.c\n00000000\n1\n"
	FG_REC("dl_fn\ntests/unit/dl_unit.c\n7\nint (int)\n7777777777777777\n8888888888888888\nint\nint x\n\ni4.4;i4.4\n"))
