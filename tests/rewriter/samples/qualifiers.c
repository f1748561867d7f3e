/* std: c99 c11 gnu17 -- qualified, restrict, register and atomic parameters */
#include <stdio.h>

static int cpar(const int x, volatile int y) { return x + y; }
static const int cret(int x) { return x; }
static void copy(int *restrict d, const int *restrict s) { *d = *s; }
static int reg(register int x) { return x * 2; }
static const char *cptr(const char *const s) { return s; }
typedef const int cint;
static cint tret(int x) { return x + 1; }

int main(void)
{
	int d = 0, s = 4;
	copy(&d, &s);
	printf("%d %d %d %d %s %d\n", cpar(1, 2), cret(3), d, reg(5), cptr("p"), tret(6));
	return 0;
}
