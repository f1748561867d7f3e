/* std: gnu99 c11; flags: -masm=intel -- the trap's asm in Intel syntax (gcc and clang spell its operand differently) */
#include <stdio.h>

static int sq(int a)
{
	return a * a;
}

struct big { long v[4]; };

static struct big twice(struct big b)
{
	for (int i = 0; i < 4; i++)
		b.v[i] *= 2;
	return b;
}

static void show(const char *what, long n)
{
	printf("%s %ld\n", what, n);
}

int main(void)
{
	struct big b = { { 1, 2, 3, 4 } };
	b = twice(b);
	show("sq", sq(7));
	show("big", b.v[0] + b.v[1] + b.v[2] + b.v[3]);
	return 0;
}
