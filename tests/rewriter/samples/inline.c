/* std: c99 c11 gnu17 -- C99 inline semantics: inline-only, external, static inline */
#include <stdio.h>

/* inline with a later extern declaration: an external definition
   (the symbol is emitted here) */
inline int twice(int x) { return 2 * x; }
extern int twice(int x);

/* inline-only in this unit, never referenced: must not break the link */
inline int unused_inline(int x) { return x + 1; }

static inline int square(int x) { return x * x; }
static inline int unused_static(int x) { return x - 1; }

/* extern inline: an external definition */
extern inline int thrice(int x) { return 3 * x; }

inline int plus(int a, int b);
int plus(int a, int b) { return a + b; }

static inline __attribute__((always_inline)) int quad(int x) { return square(square(x)); }

int main(void)
{
	printf("%d %d %d %d %d\n", twice(4), square(5), thrice(2), plus(1, 2), quad(2));
	return 0;
}
