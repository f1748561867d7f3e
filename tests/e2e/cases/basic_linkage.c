/* Linkage kinds: static, extern, inline, static inline, main; static by
   an earlier declaration (libyaml's scanner.c): internal linkage, so at
   -O2 gcc inlines them and emits no symbol the unit could name. */
#include <stdio.h>

static int twice(int x) { return 2 * x; }
extern int add(int a, int b);
int add(int a, int b) { return a + b; }
inline int cube(int x) { return x * x * x; }
extern inline int cube(int x);		/* makes this unit's definition external */
static inline int sq(int x) { return x * x; }
int plain_global(void) { return 7; }
static int later(int x);
int later(int x) { return x + 1; }
static int later_ext(int x);
extern int later_ext(int x) { return x + 2; }

int main(void)
{
	printf("twice=%d add=%d cube=%d sq=%d global=%d later=%d,%d\n",
	       twice(21), add(40, 2), cube(3), sq(9), plain_global(),
	       later(41), later_ext(40));
	return 0;
}
