/* Included by include_c.c: instrumented in place, with its own name and
   lines; its quote include is found from its own directory. */
#include "part.h"

static int part_helper(int x)
{
	static int calls;
	calls++;
	return x * PART_FACTOR + calls - 1;
}

static const char *part_where(void) { return __FILE__; }
static int part_line(void) { return __LINE__; }
