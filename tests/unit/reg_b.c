/* Registry test unit B: another static dup (same name as in reg_a.c). */
#define FG_S tf__S_ae9b000000000001
#include "fake_gen.h"

FG_DECLARE(1)

static int dup(int x) { FG_TRAP(0, dup, (x)) return x + 2; }
int dup_b(int x) { return dup(x); }

struct tf_site FG_S[1] = { FG_SITE(0, &dup) };
FG_UNIT(1, 0, 0, "file=src/other/reg_b.c\nvariant=0000000b\nabi=2\n"
	FG_REC("name=dup\nfile=src/other/reg_b.c\nline=7\nsig=int (int)\nsighash=5555555555555555\nbodyhash=6666666666666666\nret=int\nparams=int x\nflags=static\ncc=i4.4;i4.4\n"))
