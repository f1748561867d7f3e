/* e2e-skipped: max_int max_double */
/* A .c file included twice, a template (each time with another T): it is
   compiled as it is, and TF_EXPLAIN says its functions are skipped and
   why; the main file's functions are instrumented. */
#include <stdio.h>
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define T int
#include "aux/template.c"
#undef T
#define T double
#include "aux/template.c"
#undef T

static int count(int n) { return n; }

int main(void)
{
	int a[] = { 3, 9, 2 };
	double d[] = { 1.5, 0.5 };
	printf("%d %g %d\n", max_int(a, 3), max_double(d, 2), count(2));
	return 0;
}
