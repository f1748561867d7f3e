/* Variadic functions: stdarg sums, va_copy, forwarding to vsnprintf,
   printf-format attribute. */
#include <stdarg.h>
#include <stdio.h>

static int sum(int n, ...)
{
	va_list ap;
	int s = 0;
	va_start(ap, n);
	while (n-- > 0) s += va_arg(ap, int);
	va_end(ap);
	return s;
}

static double avg(int n, ...)
{
	va_list ap, cp;
	double s = 0;
	int i;
	va_start(ap, n);
	va_copy(cp, ap);
	for (i = 0; i < n; i++) s += va_arg(cp, double);
	va_end(cp);
	va_end(ap);
	return n ? s / n : 0;
}

__attribute__((format(printf, 2, 3)))
static int fmt(char *buf, const char *f, ...)
{
	va_list ap;
	int r;
	va_start(ap, f);
	r = vsnprintf(buf, 64, f, ap);
	va_end(ap);
	return r;
}

int main(void)
{
	char buf[64];
	int n = fmt(buf, "%s-%d-%.1f", "x", 42, 0.5);
	printf("sum=%d avg=%.2f fmt=%s (%d)\n", sum(4, 1, 2, 3, 4), avg(3, 1.0, 2.0, 4.5), buf, n);
	return 0;
}
