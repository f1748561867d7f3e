/* std: c89 gnu89 c99 c11 gnu17 -- static locals get asm labels; file-scope objects are exported */
#include <stdio.h>

static int file_static = 1;
int file_global = 2;
int tentative;
int tentative;
extern int declared_only;
static const char greeting[] = "hey";
static volatile int flag;

static int step(void)
{
	static int n = 0, m = 10;
	static int table[3] = { 1, 2, 3 };
	static int (*fp)(void) = 0;
	static const char *const words[] = { "a", "b" };
	static struct {
		int a;
	} anon = { 5 };
	static int tagged __attribute__((unused)) = 4;
	register int r = 1;
	(void)fp;
	n++;
	m--;
	{
		static int n = 100;
		n++;
		r += n;
	}
	return n + m + table[2] + anon.a + (int)words[1][0] + r;
}

static __inline__ int in_inline(void)
{
	static int hits;
	return ++hits;
}

int main(void)
{
	int a = step();
	int b = step();
	flag = 1;
	tentative = 3;
	printf("%d %d %d %d %d %s %d\n", a, b, in_inline() + in_inline(), file_static, file_global, greeting, tentative + flag);
	return 0;
}
