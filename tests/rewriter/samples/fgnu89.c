/* std: gnu99 gnu17; flags: -fgnu89-inline -- gnu89 inline semantics by flag */
#include <stdio.h>

extern inline int twice(int x) { return 2 * x; }
int twice(int x) { return x + x; }

inline int thrice(int x) { return 3 * x; }

int main(void)
{
	printf("%d %d\n", twice(4), thrice(3));
	return 0;
}
