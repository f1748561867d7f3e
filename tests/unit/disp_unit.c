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

FG_UNIT(6, 0, 0, "tf.unit\n3\ntests/unit/disp_unit.c\n00000000\n6\n"
	FG_REC("add\n\n16\nint (int, int)\n00000000000000a1\n00000000000000b1\nint\nint a\tint b\n\ni4.4;i4.4,i4.4\n")
	FG_REC("fib\n\n18\nint (int)\n00000000000000a2\n00000000000000b2\nint\nint n\n\ni4.4;i4.4\n")
	FG_REC("bump\n\n23\nvoid (int *)\n00000000000000a3\n00000000000000b3\nvoid\nint * p\n\nv;i8.8\n")
	FG_REC("vsum\n\n25\nint (int, ...)\n00000000000000a4\n00000000000000b4\nint\nint n\nvariadic\n\n")
	FG_REC("opaque\n\n35\nint (int)\n00000000000000a5\n00000000000000b5\nint\nint x\nnothunk\n\n")
	FG_REC("inl\n\n40\nint (int)\n00000000000000a6\n00000000000000b6\nint\nint x\ninline\ni4.4;i4.4\n"))
