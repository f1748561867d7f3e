/* e2e-skipped: twice_int twice_double */
/* A .c file included three times, once declaring nothing: its inclusions
   cannot be told apart, so it is compiled as it is and TF_EXPLAIN lists
   its functions as skipped, with the reason. */
#include <stdio.h>
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#include "aux/template2.c"
#define T int
#include "aux/template2.c"
#undef T
#define T double
#include "aux/template2.c"
#undef T

int main(void)
{
	printf("%d %g\n", twice_int(2), twice_double(1.5));
	return 0;
}
