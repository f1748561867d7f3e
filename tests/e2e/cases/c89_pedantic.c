/* e2e-flags: -std=c89 -pedantic -Wall -Wextra -Werror -Wdeclaration-after-statement */
/* Strict C89: the trap must not be a statement before declarations, use
   no C99 syntax, and cast no object pointer to a function pointer. */
#include <stdio.h>

struct acc { long total; int n; };

static void acc_add(struct acc *a, int v)
{
	long before = a->total;
	a->total = before + v;
	a->n++;
}

static double acc_mean(const struct acc *a)
{
	double t = (double)a->total;
	return a->n ? t / a->n : 0.0;
}

int main(void)
{
	struct acc a;
	int i;
	a.total = 0;
	a.n = 0;
	for (i = 1; i <= 10; i++)
		acc_add(&a, i);
	printf("total=%ld mean=%.1f\n", a.total, acc_mean(&a));
	return 0;
}
