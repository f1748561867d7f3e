/* std: c89 gnu89 c99 c11 gnu17 -- variadic functions get pre-interceptor traps only */
#include <stdarg.h>
#include <stdio.h>

struct hdr {
	int level;
	const char *tag;
};

static int sum(int n, ...)
{
	va_list ap;
	int total = 0;
	va_start(ap, n);
	while (n-- > 0)
		total += va_arg(ap, int);
	va_end(ap);
	return total;
}

static void logf_(const struct hdr h, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("[%d %s] ", h.level, h.tag);
	vprintf(fmt, ap);
	va_end(ap);
}

int main(void)
{
	struct hdr h;
	h.level = 2;
	h.tag = "x";
	printf("%d\n", sum(3, 1, 2, 3));
	logf_(h, "%s=%d\n", "v", 7);
	return 0;
}
