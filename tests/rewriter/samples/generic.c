/* std: c11 gnu17 -- _Generic and statement expressions inside bodies */
#include <stdio.h>

#define KIND(x) _Generic((x), int: "int", double: "double", default: "other")

static const char *kind_int(int v) { return KIND(v); }
static const char *kind_dbl(double v) { return KIND(v); }

static int gnu_max(int a, int b)
{
	return __extension__({ int ta = a, tb = b; ta > tb ? ta : tb; });
}

int main(void)
{
	printf("%s %s %d\n", kind_int(1), kind_dbl(1.0), gnu_max(3, 9));
	return 0;
}
