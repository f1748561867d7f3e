/* std: gnu89 c89 -- gnu89 inline semantics: extern inline is inline-only, plain inline is external */
#include <stdio.h>

extern __inline__ int twice(int x) { return 2 * x; }
int twice(int x) { return x + x; }

__inline__ int thrice(int x) { return 3 * x; }

static __inline__ int square(int x) { return x * x; }

int main(void)
{
	printf("%d %d %d\n", twice(4), thrice(3), square(5));
	return 0;
}
