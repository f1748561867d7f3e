/* std: c99 gnu17; flags: -I samples/inc -DEXTRA=2 -UNOT_SET -O2 -Wno-unused -fno-strict-aliasing -g -- separate -I form, macros, gcc-only flags dropped */
#include <stdio.h>
#include "part.h"

static int scaled(int x) { return x * PART_FACTOR + EXTRA; }

int main(void)
{
	printf("%d\n", scaled(2));
	return 0;
}
