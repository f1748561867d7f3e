/* e2e-flags: -std=gnu89 */
/* K&R definitions (zlib has ~200): promoted args, mixed declarations. */
#include <stdio.h>

static int add3(a, b, c)
	int a;
	short b;
	char c;
{
	return a + b + c;
}

static double scale(x, k)
	float x;	/* promoted to double by the caller */
	int k;
{
	return x * k;
}

static char *pick(p, q, first)
	char *p, *q;
	int first;
{
	return first ? p : q;
}

unsigned long lsum(n)
	unsigned n;
{
	unsigned long s = 0;
	while (n) s += n--;
	return s;
}

static void noargs() { puts("noargs"); }

int main()
{
	printf("add3=%d scale=%.1f pick=%s lsum=%lu\n",
	       add3(1, 2, 3), scale(1.5f, 4), pick("p", "q", 0), lsum(100));
	noargs();
	return 0;
}
