/* std: c99 gnu17 -- a file that includes a .c file: both are instrumented, names and lines stay */
#include <stdio.h>
#include "inc/part.c" /* the module under test */

static int wrapper(int x) { return part_helper(x) + 1; }

int main(void)
{
	printf("%d %s:%d\n", wrapper(2), __FILE__, __LINE__);
	printf("%s:%d\n", part_where(), part_line());
	return 0;
}
