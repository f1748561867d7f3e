/* std: c89 c99 gnu17 -- CRLF line endings keep lines */
#include <stdio.h>

static int add(int a, int b)
{
	return a + b;
}

int main(void)
{
	printf("%d %s:%d\n", add(1, 2), __FILE__, __LINE__);
	return 0;
}
