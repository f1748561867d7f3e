/* A failing assert() names the original file, line and function (not a
   temporary copy), and aborts the same way. */
#include <assert.h>
#include <stdio.h>

static int checked(int x)
{
	assert(x < 10 && "x is small");
	return x;
}

int main(void)
{
	printf("%d\n", checked(3));
	fflush(stdout);
	checked(42);
	return 0;
}
