/* std: c89 gnu89 c99 c11 gnu17 -- K&R definitions: thunk only when no parameter changes under promotion */
#include <stdio.h>

int add(a, b)
int a;
long b;
{
	return a + (int)b;
}

double scale(p, f)
const int *p;
double f;
{
	return *p * f;
}

int narrow(c, s, fl)
char c;
short s;
float fl;
{
	return c + s + (int)fl;
}

int noargs()
{
	return 42;
}

static int proto(int x);
static int proto(x)
int x;
{
	return x + 1;
}

int main()
{
	int v = 3;
	printf("%d %.1f %d %d %d\n", add(1, 2L), scale(&v, 1.5), narrow('a', 2, 3.5f), noargs(), proto(1));
	return 0;
}
