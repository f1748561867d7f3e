/* std: gnu11 gnu17 -- extension types: __int128, _Complex, _Bool, vectors */
#include <stdio.h>
#include <complex.h>
#include <stdbool.h>

typedef int v4si __attribute__((vector_size(16)));

static __int128 big(__int128 x) { return x * 2; }
static double complex rot(double complex z) { return z * I; }
static bool flip(bool b) { return !b; }
static v4si vadd(v4si a, v4si b) { return a + b; }

int main(void)
{
	v4si a = { 1, 2, 3, 4 }, b = { 10, 20, 30, 40 };
	double complex z = rot(1.0);
	printf("%d %.1f %d %d\n", (int)big(21), cimag(z), (int)flip(false), vadd(a, b)[3]);
	return 0;
}
