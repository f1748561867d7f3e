/* Linkage kinds: static, extern, inline, static inline, main. */
#include <stdio.h>

static int twice(int x) { return 2 * x; }
extern int add(int a, int b);
int add(int a, int b) { return a + b; }
inline int cube(int x) { return x * x * x; }
extern inline int cube(int x);		/* makes this unit's definition external */
static inline int sq(int x) { return x * x; }
int plain_global(void) { return 7; }

int main(void)
{
	printf("twice=%d add=%d cube=%d sq=%d global=%d\n",
	       twice(21), add(40, 2), cube(3), sq(9), plain_global());
	return 0;
}
