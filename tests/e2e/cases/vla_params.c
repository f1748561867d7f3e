/* Variable-length array parameters, [static N], pointers to VLAs. */
#include <stdio.h>

static long trace(int n, int m[n][n]) { long s = 0; int i; for (i = 0; i < n; i++) s += m[i][i]; return s; }
static int first(int a[static 3]) { return a[0] + a[1] + a[2]; }
static void fill(int rows, int cols, double (*g)[cols]) { int i, j; for (i = 0; i < rows; i++) for (j = 0; j < cols; j++) g[i][j] = i * 10 + j; }
static double sum_vla(int n, const double v[n]) { double s = 0; int i; for (i = 0; i < n; i++) s += v[i]; return s; }

int main(void)
{
	int n = 4, i, j;
	int m[n][n];
	int a[3] = { 1, 2, 3 };
	double g[3][5];

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			m[i][j] = i * n + j;
	fill(3, 5, g);
	printf("trace=%ld first=%d g=%.0f sum=%.0f\n", trace(n, m), first(a), g[2][4], sum_vla(5, g[1]));
	return 0;
}
