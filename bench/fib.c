/* Microbenchmark: recursive fib, the worst case for a per-call trap
   (about 1.3 ns of work per call).  Build with -O2
   -fno-optimize-sibling-calls.  Usage: fib [N] (default 38). */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) long fib(long n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 38;
	printf("fib(%ld) = %ld\n", n, fib(n));
	return 0;
}
