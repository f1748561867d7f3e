/* std: c99 gnu17; flags: -O1 -- gnu_inline attribute and -fgnu89-inline style in C99 mode */
#include <stdio.h>

extern inline __attribute__((gnu_inline)) int twice(int x) { return 2 * x; }
int twice(int x) { return x + x; }

inline __attribute__((gnu_inline)) int thrice(int x) { return 3 * x; }

int main(void)
{
	printf("%d %d\n", twice(4), thrice(3));
	return 0;
}
