/* std: c99 c11 gnu17 -- VLA and array parameters */
#include <stdio.h>

static int last(int n, int a[n]) { return a[n - 1]; }

static int trace(int n, int m[n][n])
{
	int i, t = 0;
	for (i = 0; i < n; i++)
		t += m[i][i];
	return t;
}

static int first3(int a[static 3]) { return a[0] + a[1] + a[2]; }

static int fixed(int a[4], const char s[]) { return a[3] + s[0]; }

static int grid(int g[2][3]) { return g[1][2]; }

int main(void)
{
	int a[4] = { 1, 2, 3, 4 };
	int m[2][2] = { { 1, 2 }, { 3, 4 } };
	int g[2][3] = { { 0, 0, 0 }, { 0, 0, 6 } };
	printf("%d %d %d %d %d\n", last(4, a), trace(2, m), first3(a), fixed(a, "0"), grid(g));
	return 0;
}
