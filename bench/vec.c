/* A loop a compiler vectorizes, calling a small static inline function:
   what the trap costs where it sits in every iteration.  Usage: vec [N]
   (N passes over 4096 pixels; default 2000).  Prints one checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline uint32_t average(uint32_t s, uint32_t d)
{
	return ((s & 0xfefefefeu) >> 1) + ((d & 0xfefefefeu) >> 1);
}

__attribute__((noinline)) static void blend(uint32_t *restrict out,
					     const uint32_t *restrict a,
					     const uint32_t *restrict b, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = average(a[i], b[i]);
}

static uint32_t A[4096], B[4096], O[4096];

int main(int argc, char **argv)
{
	int passes = argc > 1 ? atoi(argv[1]) : 2000;
	uint32_t sum = 0;
	for (int i = 0; i < 4096; i++) {
		A[i] = (uint32_t)i * 2654435761u;
		B[i] = ~A[i];
	}
	for (int k = 0; k < passes; k++) {
		blend(O, A, B, 4096);
		sum += O[k & 4095];
	}
	printf("%u\n", sum);
	return 0;
}
