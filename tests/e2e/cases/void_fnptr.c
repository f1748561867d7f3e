/* void functions (early return too), function-pointer parameters and
   returns, a callback table. */
#include <stdio.h>
#include <stdlib.h>

static int total;

static void bump(int n) { if (n < 0) return; total += n; }
static void nothing(void) { }
static int apply(int (*f)(int), int x) { return f(x); }
static int inc(int x) { return x + 1; }
static int neg(int x) { return -x; }
typedef int (*unop)(int);
static unop pick(int which) { return which ? neg : inc; }
static void each(const int *v, size_t n, void (*cb)(int)) { size_t i; for (i = 0; i < n; i++) cb(v[i]); }
static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static int (*higher(int (*g)(int (*)(int), int)))(int (*)(int), int) { return g; }

int main(void)
{
	int v[] = { 5, -2, 3, 9, 1 };

	each(v, 5, bump);
	nothing();
	qsort(v, 5, sizeof v[0], cmp_int);
	printf("total=%d apply=%d,%d sorted=%d..%d higher=%d\n", total,
	       apply(inc, 1), apply(pick(1), 5), v[0], v[4], higher(apply)(neg, 4));
	return 0;
}
