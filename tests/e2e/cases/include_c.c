/* #include of a .c file: included functions keep their own file and
   line (__FILE__, __LINE__) and are instrumented too. */
#include <stdio.h>
#include "aux/included.c"

static int local_fn(void) { return __LINE__; }

int main(void)
{
	printf("%d %d %s\n", from_included(1), local_fn(), __FILE__);
	return 0;
}
