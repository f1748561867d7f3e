/* std: gnu99 gnu17; rwflags: --compiler=clang -- clang 14 passes an __int128 with one register left otherwise than gcc: replace only */
#include <stdio.h>

static __int128 split(long a, long b, long c, long d, long e, __int128 x, long y)
{
	return x + a + b + c + d + e + y;
}

static __int128 fits(__int128 x, long y)
{
	return x + y;
}

static __int128 late(long a, long b, long c, long d, __int128 x, long y)
{
	return x + a + b + c + d + y;
}

int main(void)
{
	__int128 r = split(1, 2, 3, 4, 5, 6, 7) + fits(8, 9) + late(1, 2, 3, 4, 5, 6);
	printf("%ld\n", (long)r);
	return 0;
}
