/* std: c99 gnu17 -- a file that includes a .c file */
#include <stdio.h>
#include "inc/part.c"

static int wrapper(int x) { return part_helper(x) + 1; }

int main(void)
{
	printf("%d %s:%d\n", wrapper(2), __FILE__, __LINE__);
	return 0;
}
