/* Constructors and destructors (with priorities), atexit, and order
   relative to tigerfix's own unit constructor. */
#include <stdio.h>
#include <stdlib.h>

static int order;

__attribute__((constructor(200))) static void early(void) { printf("ctor 200 (order %d)\n", order++); }
__attribute__((constructor)) static void late(void) { printf("ctor default (order %d)\n", order++); }
__attribute__((destructor)) static void bye(void) { printf("dtor\n"); }
static void at_exit_fn(void) { printf("atexit\n"); }

int main(void)
{
	atexit(at_exit_fn);
	printf("main (order %d)\n", order);
	return 0;
}
