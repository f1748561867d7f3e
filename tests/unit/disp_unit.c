/*
** A hand-instrumented unit (shape of docs/generated-code.md): add, fib
** (recursive), bump (void), vsum (variadic), opaque (no thunk) and an
** inline-only site.
*/
#include <stdarg.h>

#define FG_S tf__S_d15a000000000001
#include "fake_gen.h"
#include "disp_unit.h"

FG_DECLARE(6)

int fib_bodies;

int add(int a, int b) { FG_TRAP(0, add, (a, b)) return a + b; }

int fib(int n) { FG_TRAP(1, fib, (n))
	__atomic_add_fetch(&fib_bodies, 1, __ATOMIC_RELAXED);
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

void bump(int *p) { FG_TRAP_VOID(2, bump, (p)) *p += 1; }

int vsum(int n, ...) { FG_TRAP_VARIADIC(3, n)
	va_list ap;
	int s = 0;
	va_start(ap, n);
	while (n-- > 0)
		s += va_arg(ap, int);
	va_end(ap);
	return s;
}

int opaque(int x) { FG_TRAP(4, opaque, (x)) return -x; }



struct tf_site FG_S[6] = {
	FG_SITE(0, &add), FG_SITE(1, &fib),
	FG_SITE(2, &bump), FG_SITE(3, &vsum),
	FG_SITE(4, &opaque), FG_SITE(5, 0),
};

FG_UNIT(6, 0, 0, "file=tests/unit/disp_unit.c\nvariant=00000000\nabi=2\n"
	FG_REC("name=add\nline=16\nsig=int (int, int)\nsighash=00000000000000a1\nbodyhash=00000000000000b1\nret=int\nparams=int a\tint b\nflags=\ncc=i4.4;i4.4,i4.4\n")
	FG_REC("name=fib\nline=18\nsig=int (int)\nsighash=00000000000000a2\nbodyhash=00000000000000b2\nret=int\nparams=int n\nflags=\ncc=i4.4;i4.4\n")
	FG_REC("name=bump\nline=23\nsig=void (int *)\nsighash=00000000000000a3\nbodyhash=00000000000000b3\nret=void\nparams=int * p\nflags=\ncc=v;i8.8\n")
	FG_REC("name=vsum\nline=25\nsig=int (int, ...)\nsighash=00000000000000a4\nbodyhash=00000000000000b4\nret=int\nparams=int n\nflags=variadic\n")
	FG_REC("name=opaque\nline=35\nsig=int (int)\nsighash=00000000000000a5\nbodyhash=00000000000000b5\nret=int\nparams=int x\nflags=nothunk\n")
	FG_REC("name=inl\nline=40\nsig=int (int)\nsighash=00000000000000a6\nbodyhash=00000000000000b6\nret=int\nparams=int x\nflags=inline\ncc=i4.4;i4.4\n"))
