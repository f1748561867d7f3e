/* std: c99 gnu17; rwflags: --skip-funcs helper_*,debug -- functions opted out by glob */
#include <stdio.h>

static int helper_add(int a, int b) { return a + b; }
static int helper_mul(int a, int b) { return a * b; }
static void debug(const char *s) { printf("debug %s\n", s); }
static int kept(int x) { return helper_add(x, helper_mul(x, 2)); }

int main(void)
{
	debug("x");
	printf("%d\n", kept(3));
	return 0;
}
