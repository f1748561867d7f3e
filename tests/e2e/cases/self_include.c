/* A file that includes itself (#include __FILE__, for X-macros): the
   second pass defines the functions the first one uses; both passes'
   functions are instrumented, and the unit's tables come once. */
#ifndef SELF_SECOND
#include <stdio.h>
#define SELF_SECOND
#include __FILE__

int main(void)
{
	printf("%d %d\n", one(), two());
	return 0;
}
#else
static int one(void) { return 1; }
static int two(void) { return one() + 1; }
#endif
