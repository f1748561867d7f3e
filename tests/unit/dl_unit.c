/* A unit in a shared library, dlopen'ed and dlclose'd by test_registry. */
#define FG_S tf__S_d1d1000000000001
#include "fake_gen.h"

FG_DECLARE(1)

int dl_fn(int x) { FG_TRAP(0, dl_fn, (x)) return x * 3; }

struct tf_site FG_S[1] = { FG_SITE(0, &dl_fn) };
FG_UNIT(1, 0, 0, "file=tests/unit/dl_unit.c\nvariant=00000000\nabi=2\n"
	FG_REC("name=dl_fn\nfile=tests/unit/dl_unit.c\nline=7\nsig=int (int)\nsighash=7777777777777777\nbodyhash=8888888888888888\nret=int\nparams=int x\nflags=\ncc=i4.4;i4.4\n"))
