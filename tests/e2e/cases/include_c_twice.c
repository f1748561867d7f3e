/* e2e-tfcc-only */
/* A .c file included three times, a template (each time with another T):
   each inclusion's functions are instrumented, with their own sites, and
   one of them mocked leaves the others alone; its static locals and
   file-scope statics stay each inclusion's own. */
#include <stdio.h>
#include <tigerfix/tf.h>
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define T int
#include "aux/template.c"
#undef T
#define T double
#include "aux/template.c"
#undef T
#define T long
#define NO_SUM
#include "aux/template.c"
#undef T

static int fake(const int *v, int n) { (void)v; (void)n; return -1; }

int main(void)
{
	int a[] = { 3, 9, 2 };
	double d[] = { 1.5, 0.5 };
	long l[] = { 7, 8 };
	printf("%d %g %ld %d %g\n", max_int(a, 3), max_double(d, 2), max_long(l, 2), sum_int(a, 3), sum_double(d, 2));
	if (!TF_MOCK(max_int, fake))
		printf("mock: %s\n", tf_error());
	printf("%d %g %ld\n", max_int(a, 3), max_double(d, 2), max_long(l, 2));
	printf("%d %d %d\n", calls_int, calls_double, calls_long);
	printf("%s\n", tf_site_find("max_long") && tf_site_find("sum_double") ? "sites" : "no sites");
	return 0;
}
