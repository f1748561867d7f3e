/* Defined in another file of the target than the one patched. */
#include "util.h"

int shared_count = 40;

int helper(int x)
{
	return x + 1;
}
